"""The urgency model's threshold, chosen on validation data: trained on its labelled reports but the
third triage set (and the ordinary messages and FAQ phrasings it always learns from), judged on
the third.

    .venv/bin/python benchmarks/choose_urgency_threshold.py [--data ../shared/benchmarks]

For each threshold: the third set's reports handed off as urgent (rules, or the model under
triage's guards) and its look-alikes flagged, and the flags the model adds over CLINC150 (23,700
questions nobody wrote as an emergency, a few `report_fraud`). The rule the service's THRESHOLD
follows: the highest recall whose false alarms on the look-alikes stay within one of the rules'
and whose added CLINC150 flags stay under 0.2 %. The later sets (triage_fresh4.csv on) are not read.
Prints a table and a last line of JSON.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from walletbot.brain.bundled_data import bundled_data_path
from walletbot.brain.engine import urgency_model
from walletbot.brain.faq import load_faq
from walletbot.brain.shield import shield
from walletbot.brain.text import normalise
from walletbot.brain.triage import assess
from walletbot.brain.urgency_model import FLAGS, REPORT_FILES, read_reports

REPO = Path(__file__).resolve().parent.parent
THRESHOLDS = (0.5, 0.6, 0.7, 0.8, 0.9)


def urgent_by_rules(text: str) -> bool:
    masked = shield(text).text
    return assess(normalise(masked), masked).urgent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "benchmarks")
    args = parser.parse_args()
    folder = bundled_data_path("eval")
    validation = "triage_fresh3.csv"
    training = tuple(name for name in REPORT_FILES if name != validation)
    kb = load_faq(bundled_data_path("faq.yaml"))
    model = urgency_model(tuple(p.text for p in kb.phrasings()), training)
    held = read_reports(folder / validation)
    clinc = json.loads((args.data / "clinc150" / "data_full.json").read_text(encoding="utf-8"))
    questions = [
        t for split in ("train", "val", "test", "oos_val", "oos_test") for t, _ in clinc[split]
    ]

    def urgent(text: str, threshold: float) -> bool:
        masked = shield(text).text

        def flags(t: str) -> tuple[str, ...]:
            return tuple(f for f, p in model.probabilities(t).items() if p >= threshold)

        return assess(normalise(masked), masked, flags).urgent

    wanted = [scam or risk for _, scam, risk in held]
    rules = [urgent_by_rules(t) for t, _, _ in held]
    rules_clinc = [urgent_by_rules(t) for t in questions]
    rows = [
        {
            "threshold": None,
            "handed_off": sum(r for r, w in zip(rules, wanted, strict=True) if w),
            "false_alarms": sum(r for r, w in zip(rules, wanted, strict=True) if not w),
            "clinc_added": 0,
        }
    ]
    for threshold in THRESHOLDS:
        found = [urgent(t, threshold) for t, _, _ in held]
        added = sum(
            urgent(t, threshold) and not r for t, r in zip(questions, rules_clinc, strict=True)
        )
        rows.append(
            {
                "threshold": threshold,
                "handed_off": sum(f for f, w in zip(found, wanted, strict=True) if w),
                "false_alarms": sum(f for f, w in zip(found, wanted, strict=True) if not w),
                "clinc_added": added,
            }
        )
    reports_count, look_alikes = sum(wanted), len(wanted) - sum(wanted)
    print(f"trained on {', '.join(training)}; judged on {validation}; flags {', '.join(FLAGS)}")
    print(
        f"| threshold | reports handed off (of {reports_count}) | look-alikes flagged (of "
        f"{look_alikes}) | flags added over CLINC150 (of {len(questions)}) |\n|---|---:|---:|---:|"
    )
    for row in rows:
        name = "rules alone" if row["threshold"] is None else f"rules + model ≥ {row['threshold']}"
        print(f"| {name} | {row['handed_off']} | {row['false_alarms']} | {row['clinc_added']} |")
    print(json.dumps({"validation": validation, "rows": rows}))


if __name__ == "__main__":
    main()
