"""Urgent flags on questions nobody wrote as an emergency: Banking77, CLINC150 and the held-out FAQ
queries, with triage's rules alone and with the urgency model the engine trains beside them.

    .venv/bin/python benchmarks/urgent_flags_ordinary.py [--data ../shared/benchmarks] [--show 30]

Some of these are emergencies (Banking77's "card payment not recognised", CLINC150's
`report_fraud`): the labels say which intents they come from, so the table counts per source
label; the rest are false alarms, each an urgent hand-off the agents would not need. Prints the
messages the model adds (up to --show) and a last line of JSON.
"""

from __future__ import annotations

import argparse
import csv
import json
from collections import Counter
from pathlib import Path

from walletbot.brain.bundled_data import bundled_data_path
from walletbot.brain.engine import Engine
from walletbot.brain.faq import load_faq
from walletbot.brain.shield import shield
from walletbot.brain.text import normalise
from walletbot.brain.triage import assess

REPO = Path(__file__).resolve().parent.parent


def messages(data: Path) -> list[tuple[str, str]]:
    """(source label, text) of every Banking77 and CLINC150 query and the FAQ's held-out ones."""
    found: list[tuple[str, str]] = []
    for split in ("train", "test"):
        with (data / "banking77" / f"{split}.csv").open(newline="", encoding="utf-8") as handle:
            found += [(f"banking77:{r['category']}", r["text"]) for r in csv.DictReader(handle)]
    clinc = json.loads((data / "clinc150" / "data_full.json").read_text(encoding="utf-8"))
    for split in ("train", "val", "test", "oos_train", "oos_val", "oos_test"):
        found += [(f"clinc150:{label}", text) for text, label in clinc[split]]
    for name in ("faq_val.csv", "faq_test.csv"):
        with (REPO / "data" / "eval" / name).open(newline="", encoding="utf-8") as handle:
            found += [("faq queries", r["text"]) for r in csv.DictReader(handle)]
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "benchmarks")
    parser.add_argument("--show", type=int, default=30)
    args = parser.parse_args()
    engine = Engine.build(load_faq(bundled_data_path("faq.yaml")))
    assert engine.urgency is not None
    rules, both = Counter[str](), Counter[str]()
    added: list[tuple[str, str]] = []
    found = messages(args.data)
    for label, text in found:
        masked = shield(text).text
        read = normalise(masked)
        by_rules = assess(read, masked).urgent
        with_model = assess(read, masked, engine.urgency.flags).urgent
        rules[label] += by_rules
        both[label] += with_model
        if with_model and not by_rules:
            added.append((label, text))
    print(f"{len(found)} messages: the rules flag {rules.total()}, with the model {both.total()}")
    print("| source label | rules | with the model |\n|---|---:|---:|")
    for label, count in both.most_common():
        if count != rules[label]:
            print(f"| {label} | {rules[label]} | {count} |")
    for label, text in added[: args.show]:
        print(f"added: {label}: {text}")
    print(
        json.dumps(
            {
                "messages": len(found),
                "rules": rules.total(),
                "with_model": both.total(),
                "added_by_label": dict(Counter(label for label, _ in added)),
            }
        )
    )


if __name__ == "__main__":
    main()
