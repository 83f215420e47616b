"""Choose the service's out-of-scope thresholds (`Thresholds.out_of_scope`) on validation data.

    .venv/bin/python benchmarks/choose_scope_thresholds.py [--outliers zh:0:1,en:1:0]

For each language, among the messages the engine would not answer confidently: the lowest scores
(`Decision.scope`) of in-scope questions (`data/eval/faq_val.csv`) and the highest of the
out-of-scope messages of `data/eval/dialogues_val.yaml`. A threshold belongs between the two,
once the outliers printed are left out (`--outliers lang:in-scope:out-of-scope`, how many on each
side). Prints both ends, the interval and whether the engine's threshold lies in it, as JSON; the
thresholds are set by hand from it (docs/dialogue.md, "Out of scope"). Never run on test files.
"""

from __future__ import annotations

import argparse
import csv
import json
from pathlib import Path

import yaml

from walletbot.brain.decision_rules import Reason, Thresholds
from walletbot.brain.engine import Engine
from walletbot.brain.faq import load_faq
from walletbot.brain.text import LANGS

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--faq", type=Path, default=ROOT / "data/faq.yaml")
    parser.add_argument("--queries", type=Path, default=ROOT / "data/eval/faq_val.csv")
    parser.add_argument("--dialogues", type=Path, default=ROOT / "data/eval/dialogues_val.yaml")
    parser.add_argument("--outliers", default="zh:0:1,en:1:0", help="lang:in-scope:out-of-scope")
    args = parser.parse_args()

    thresholds = Thresholds(out_of_scope=None)  # every message scored, none called out of scope
    engine = Engine.build(load_faq(args.faq), thresholds=thresholds)
    with args.queries.open(encoding="utf-8") as handle:
        in_scope = [row["text"] for row in csv.DictReader(handle)]
    dialogues = yaml.safe_load(args.dialogues.read_text(encoding="utf-8"))["dialogues"]
    out_of_scope = [
        turn["user"] for d in dialogues if d["kind"] == "out_of_scope" for turn in d["turns"]
    ]

    def unsure(texts: list[str]) -> dict[str, list[tuple[float, str]]]:
        """Scores of the messages not answered confidently, per language, lowest first."""
        scored: dict[str, list[tuple[float, str]]] = {lang: [] for lang in LANGS}
        for text in texts:
            decision = engine.decide(text)
            if decision.reason is Reason.CONFIDENT_MATCH:  # answered outright: scope not asked
                continue
            scored[decision.lang].append((decision.scope, text))
        return {lang: sorted(rows) for lang, rows in scored.items()}

    inside, outside = unsure(in_scope), unsure(out_of_scope)
    left_out = {
        lang: (int(a), int(b)) for lang, a, b in (o.split(":") for o in args.outliers.split(","))
    }
    current = Thresholds().out_of_scope or {}
    report = {}
    for lang in LANGS:
        skip_in, skip_out = left_out.get(lang, (0, 0))
        lowest_kept, highest_kept = inside[lang][skip_in][0], outside[lang][-(skip_out + 1)][0]
        report[lang] = {
            "lowest_in_scope": inside[lang][: skip_in + 3],
            "highest_out_of_scope": outside[lang][-(skip_out + 3) :],
            "interval": [highest_kept, lowest_kept],
            "current": current.get(lang),
            "current_inside": highest_kept < current.get(lang, float("nan")) < lowest_kept,
        }
    print(json.dumps(report, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
