"""How often triage flags generated reports, and how often the look-alikes that share their words.

    .venv/bin/python benchmarks/triage_rates.py [--count 1000] [--seed 7] [--show 5] [--rules-only]

tests/support/triage_corpus.py generates them (the hypothesis tests draw from the same
generators), in Chinese and English:
- reports of money taken ("someone took 500 usdt from my wallet", "我的钱被人偷偷转走了") and their
  look-alikes (moving one's own money, a fee, a double charge): a report counts when triage puts
  money or the account at risk (an urgent hand-off), a look-alike when any rule fires;
- someone posing as support asking for a secret, a transfer or a fee ("客服打电话让我提供验证码")
  and questions about what support would ask ("客服会不会让我提供验证码？", "would an agent ever
  ask for my seed phrase?"): both count when triage calls it a scam;
- a lost phone, a hacked account, a leaked password or seed phrase told as having happened
  ("我手机丢了", "someone logged into my account") and asked as a hypothetical ("如果手机丢了怎么办",
  "what if my account gets hacked?"): a report counts when the account is put at risk, a
  hypothetical when any flag is set.
Each message passes through the shield and `normalise` first, as in the service, then triage with
the urgency model the engine trains (`--rules-only`: the rules alone). Prints a table
and a last line of JSON.

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

from tests.support.triage_corpus import (  # noqa: E402
    hypothetical_risk,
    look_alike,
    posing_as_support,
    risk_report,
    support_question,
    theft_report,
)

from walletbot.brain import triage  # noqa: E402
from walletbot.brain.bundled_data import bundled_data_path  # noqa: E402
from walletbot.brain.engine import Engine  # noqa: E402
from walletbot.brain.faq import load_faq  # noqa: E402
from walletbot.brain.shield import shield  # noqa: E402
from walletbot.brain.text import normalise  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--show", type=int, default=5, help="misses and false alarms to print")
    parser.add_argument(
        "--rules-only", action="store_true", help="triage's rules without the urgency model"
    )
    args = parser.parse_args()
    urgency = None if args.rules_only else Engine.build(load_faq(bundled_data_path("faq.yaml")))
    learned = urgency.urgency.flags if urgency is not None and urgency.urgency else None
    choices = random.Random(args.seed)
    # (kind, generator, what counts as flagged, whether the kind should be flagged)
    kinds = [
        ("report", theft_report, lambda r: r.account_at_risk, True),
        ("look_alike", look_alike, lambda r: bool(r.signals), False),
        ("posing_as_support", posing_as_support, lambda r: r.scam_risk, True),
        ("support_question", support_question, lambda r: r.scam_risk, False),
        ("risk_report", risk_report, lambda r: r.account_at_risk, True),
        ("hypothetical_risk", hypothetical_risk, lambda r: r.account_at_risk or r.scam_risk, False),
    ]
    counts = {f"{kind}_{lang}": [0, 0] for kind, *_ in kinds for lang in ("zh", "en")}
    shown: dict[str, list[str]] = {"missed": [], "false_alarm": []}
    for kind, generate, flagged, wanted in kinds:
        for _ in range(args.count):
            lang, text = generate(choices)
            masked = shield(text).text
            fired = flagged(triage.assess(normalise(masked), masked, learned))
            counts[f"{kind}_{lang}"][0] += fired
            counts[f"{kind}_{lang}"][1] += 1
            label = "missed" if wanted else "false_alarm"
            if fired != wanted and len(shown[label]) < args.show:
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
