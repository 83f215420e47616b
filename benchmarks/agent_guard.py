"""The agent guard's precision and recall on the labelled agent replies (JSON).

    .venv/bin/python benchmarks/agent_guard.py [--data data/eval/agent_replies.csv] [--show]

data/eval/agent_replies.csv holds replies an agent might send, labelled `ask` (asks the user for a
password, code, seed phrase or private key) or `ok` (a harmless look-alike), in three splits:
`tune` (the rules were written against it), `heldout` (split off at random before any tuning;
scored once with the rules frozen, see benchmarks/README.md) and `fresh` (written after that, then
scored once). A reply counts as caught when `asks_for_secret` returns any kind. `--show` lists
the misses.
"""

from __future__ import annotations

import argparse
import csv
import json
from pathlib import Path

from walletbot.brain.agent_guard import asks_for_secret

REPO = Path(__file__).resolve().parent.parent


def score(rows: list[dict[str, str]]) -> dict[str, object]:
    caught = [asks_for_secret(r["text"]) is not None for r in rows]
    asks = [r["label"] == "ask" for r in rows]
    tp = sum(c and a for c, a in zip(caught, asks, strict=True))
    fp = sum(c and not a for c, a in zip(caught, asks, strict=True))
    fn = sum(a and not c for c, a in zip(caught, asks, strict=True))
    return {
        "replies": len(rows),
        "asking": sum(asks),
        "precision": round(tp / max(1, tp + fp), 3),
        "recall": round(tp / max(1, tp + fn), 3),
        "false_positives": [
            r["text"] for r, c, a in zip(rows, caught, asks, strict=True) if c and not a
        ],
        "misses": [r["text"] for r, c, a in zip(rows, caught, asks, strict=True) if a and not c],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=REPO / "data" / "eval" / "agent_replies.csv")
    parser.add_argument("--show", action="store_true")
    args = parser.parse_args()
    with args.data.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    result = {}
    for split in ("tune", "heldout", "fresh"):
        figures = score([r for r in rows if r["split"] == split])
        if not args.show:
            figures = {k: v for k, v in figures.items() if k not in ("false_positives", "misses")}
        result[split] = figures
    print(json.dumps(result, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
