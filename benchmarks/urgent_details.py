"""Urgent hand-offs: which guided details they ask for (JSON).

    .venv/bin/python benchmarks/urgent_details.py [--count 400]

Generated reports from tests/support/triage_corpus.py (money taken, a hacked account or a lost
phone, someone posing as support), each sent as the first message of a conversation with an
agent on duty, through the dialogue rules with the engine trained on this checkout's FAQ. For
those handed off as urgent: the guided-details problem asked for (data/dialogue.yaml), or none;
and how many kept a fact the message gave ("an hour ago", "300 usdt") for the agent.
Money taken should ask the unauthorised payment's details; an agent needs them to trace it.
`PYTHONPATH` measures another checkout's rules.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(1, str(ROOT))  # the generators live with the tests

from tests.support.triage_corpus import posing_as_support, risk_report, theft_report  # noqa: E402

from walletbot.brain.engine import Engine  # noqa: E402
from walletbot.brain.faq import load_faq  # noqa: E402
from walletbot.dialogue import rules  # noqa: E402
from walletbot.dialogue.playbook import load_dialogue  # noqa: E402
from walletbot.dialogue.state import DialogueState  # noqa: E402
from walletbot.dialogue.turns import Context  # noqa: E402

NOW = datetime(2026, 12, 6, 12, tzinfo=ZoneInfo("Asia/Shanghai"))
REPORTS = {"money taken": theft_report, "account at risk": risk_report, "posing": posing_as_support}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=400)
    args = parser.parse_args()
    engine = Engine.build(load_faq(ROOT / "data/faq.yaml"))
    config = load_dialogue(ROOT / "data/dialogue.yaml")
    report: dict[str, object] = {"module": rules.__file__, "count": args.count}
    facts: Counter[str] = Counter()  # urgent hand-offs that kept a fact the message gave
    for name, generate in REPORTS.items():
        choices = random.Random(f"urgent-{name}")
        ends: Counter[str] = Counter()
        for _ in range(args.count):
            lang, text = generate(choices)
            ctx = Context("bot", lang, None, True, NOW, config)  # type: ignore[arg-type]
            out = rules.respond(text, DialogueState(), ctx, engine)
            if out.hand_off is None or out.hand_off.priority != "urgent":
                ends["not urgent"] += 1
            else:
                ends[out.state.details.problem if out.state.details else "no details"] += 1
                facts[name] += any(out.state.facts.values())
        report[name] = dict(ends.most_common())
    report["facts kept"] = dict(facts)
    print(json.dumps(report, ensure_ascii=False))


if __name__ == "__main__":
    main()
