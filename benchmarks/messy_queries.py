"""The held-out FAQ queries typed messily: does the bot still read them as the clean ones? (JSON)

    .venv/bin/python benchmarks/messy_queries.py [--set val|test|both] [--per-query 2] [--seed 29]
        [--show 3]

For every query of data/eval/faq_{val,test}.csv and every kind of mess in
tests/support/messy_text.py (zero-width characters, full-width letters, emoji, runs of
punctuation, spaces, capitals, traditional characters; a typo, a greeting before, a particle or
thank-you after, dropped apostrophes), `--per-query` variants drawn with a fixed seed; variants
equal to the clean query are skipped. Each variant is decided by the engine as the service
decides a message, and compared with the clean query's decision: the same action, the same entry
answered or the same first suggestion ("same"); and against the query's label: answered with the
right entry, answered with a wrong one. Prints a table per kind and language and a last line of
JSON.

The engine measured is whichever `walletbot` is imported: run it with PYTHONPATH pointing at
another checkout's `src` to measure that one (the JSON names the module's file).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(1, str(REPO))  # for tests.support: the generators live with the tests

from tests.support.messy_text import KINDS, held_out_queries, is_chinese, reading  # noqa: E402

import walletbot  # noqa: E402
from walletbot.brain.engine import Engine  # noqa: E402
from walletbot.brain.faq import load_faq  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=("val", "test", "both"), default="both")
    parser.add_argument("--per-query", type=int, default=2)
    parser.add_argument("--seed", type=int, default=29)
    parser.add_argument("--show", type=int, default=3)
    args = parser.parse_args()
    engine = Engine.build(load_faq(REPO / "data" / "faq.yaml"))
    choices = random.Random(args.seed)
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    shown: dict[str, list[list[str]]] = defaultdict(list)
    names = ["val", "test"] if args.set == "both" else [args.set]
    for text, label in [row for name in names for row in held_out_queries(name)]:
        lang = "zh" if is_chinese(text) else "en"
        clean = engine.decide(text)
        for kind, mess in KINDS.items():
            for _ in range(args.per_query):
                variant = mess(choices, text)
                if variant == text:
                    continue
                got = engine.decide(variant)
                row = counts[f"{kind}_{lang}"]
                row["variants"] += 1
                same = reading(got) == reading(clean)
                row["same"] += same
                row["right"] += got.faq_id == label
                row["wrong"] += got.faq_id is not None and got.faq_id != label
                row["clean_right"] += clean.faq_id == label
                row["clean_wrong"] += clean.faq_id is not None and clean.faq_id != label
                if not same and len(shown[kind]) < args.show:
                    shown[kind].append(
                        [variant, *map(str, reading(got)), *map(str, reading(clean))]
                    )
    print("| kind | variants | same reading | answered right (clean) | answered wrong (clean) |")
    print("|---|---:|---:|---:|---:|")
    for name in sorted(counts):
        r = counts[name]
        n = r["variants"]
        print(
            f"| {name} | {n} | {100 * r['same'] / n:.1f} % | {100 * r['right'] / n:.1f} % "
            f"({100 * r['clean_right'] / n:.1f}) | {100 * r['wrong'] / n:.1f} % "
            f"({100 * r['clean_wrong'] / n:.1f}) |"
        )
    for kind, rows in shown.items():
        for variant, action, entry, clean_action, clean_entry in rows:
            print(f"{kind}: {variant!r} -> {action} {entry} (clean: {clean_action} {clean_entry})")
    print(
        json.dumps(
            {
                "module": walletbot.__file__,
                "set": args.set,
                "counts": {k: dict(v) for k, v in sorted(counts.items())},
                "examples": shown,
            },
            ensure_ascii=False,
        )
    )


if __name__ == "__main__":
    main()
