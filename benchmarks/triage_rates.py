"""How often triage flags generated reports of money taken, and how often their look-alikes.

    .venv/bin/python benchmarks/triage_rates.py [--count 1000] [--seed 7] [--show 5]

tests/support/triage_corpus.py generates both (the hypothesis tests draw from the same
generators): reports in Chinese and English, active and passive ("someone took 500 usdt from my
wallet", "我的钱被人偷偷转走了"), and look-alikes that share their words (moving one's own money, a
fee, a double charge). Each message passes through the shield and `normalise` first, as in the
service. A report counts when triage puts money or the account at risk (an urgent hand-off); a
look-alike counts against it when any rule fires. Prints a table and a last line of JSON.

The triage measured is whichever `walletbot` is imported: run it with PYTHONPATH pointing at
another checkout's `src` to measure that one (the JSON names the module's file).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(1, str(REPO))  # for tests.support: the generators live with the tests

from tests.support.triage_corpus import look_alike, theft_report  # noqa: E402

from walletbot.brain import triage  # noqa: E402
from walletbot.brain.shield import shield  # noqa: E402
from walletbot.brain.text import normalise  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--show", type=int, default=5, help="misses and false alarms to print")
    args = parser.parse_args()
    choices = random.Random(args.seed)
    counts = {
        f"{kind}_{lang}": [0, 0] for kind in ("report", "look_alike") for lang in ("zh", "en")
    }
    shown: dict[str, list[str]] = {"missed": [], "false_alarm": []}
    for kind, generate in (("report", theft_report), ("look_alike", look_alike)):
        for _ in range(args.count):
            lang, text = generate(choices)
            masked = shield(text).text
            result = triage.assess(normalise(masked), masked)
            fired = result.account_at_risk if kind == "report" else bool(result.signals)
            counts[f"{kind}_{lang}"][0] += fired
            counts[f"{kind}_{lang}"][1] += 1
            wrong = (kind == "report") != fired
            label = "missed" if kind == "report" else "false_alarm"
            if wrong and len(shown[label]) < args.show:
                shown[label].append(text)
    print("| messages | flagged |\n|---|---:|")
    for name, (fired, total) in counts.items():
        print(f"| {name} | {fired}/{total} |")
    for label, texts in shown.items():
        for text in texts:
            print(f"{label}: {text}")
    rates = {name: {"flagged": fired, "of": total} for name, (fired, total) in counts.items()}
    print(
        json.dumps(
            {"module": triage.__file__, "rates": rates, "examples": shown}, ensure_ascii=False
        )
    )


if __name__ == "__main__":
    main()
