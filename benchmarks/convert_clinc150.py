"""CLINC150 `data_full.json` -> train.csv, train_with_oos.csv, val.csv, test.csv (oos rows: `oos`).

.venv/bin/python benchmarks/convert_clinc150.py ../shared/benchmarks/clinc150/data_full.json OUT
"""

from __future__ import annotations

import argparse
from pathlib import Path

from walletbot.evaluation.datasets import convert_clinc150


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="data_full.json")
    parser.add_argument("out_dir", type=Path)
    args = parser.parse_args()
    for name, path in convert_clinc150(args.source, args.out_dir).items():
        print(f"{name}: {path}")


if __name__ == "__main__":
    main()
