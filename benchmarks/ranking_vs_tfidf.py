"""The FAQ cut to one phrasing per entry: the engine's ranking beside plain TF-IDF cosine.

    .venv/bin/python benchmarks/ranking_vs_tfidf.py [--faq data/faq.yaml]

The same comparison as `walletbot eval ranking` (`walletbot.evaluation.ranking.compare`), as a
Markdown table per language and query half, then the JSON.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from walletbot.brain.faq import load_faq
from walletbot.evaluation.ranking import compare

REPO = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--faq", type=Path, default=REPO / "data" / "faq.yaml")
    result = compare(load_faq(parser.parse_args().faq))
    print("| language | queries | n | engine top-1 | TF-IDF top-1 | engine MRR | TF-IDF MRR |")
    print("|---|---|---:|---:|---:|---:|---:|")
    for lang, splits in result.items():
        for split, rankers in splits.items():
            fused, plain = rankers["fused"], rankers["plain"]
            print(
                f"| {lang} | {split} | {fused['n']} | {fused['top1']:.3f} | {plain['top1']:.3f} "
                f"| {fused['mrr']:.3f} | {plain['mrr']:.3f} |"
            )
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
