"""Questions about what support asks for, through the dialogue rules: what the bot does with them.

    .venv/bin/python benchmarks/support_questions_rules.py [--count 400] [--seed 11] [--show 5]

tests/support/triage_corpus.py generates the questions ("客服会不会让我提供验证码？", "would an
agent ever ask for my seed phrase?", "你们会向我索要短信验证码吗"); `benchmarks/triage_rates.py`
counts how often triage calls them a scam. This script sends each, as the first message of a
conversation, through `dialogue.rules.respond` with the engine trained on the bundled FAQ, and
counts the outcomes: the anti-fraud entry (`support-never-asks`) answered, or first in a
clarification; another entry answered or first; a hand-off (urgent: taken for a scam in progress;
normal: taken for a request for a person). Any account-security entry answers such a question
(it says the same: nobody may ask), so the counts name which one. Prints a table, the other
entries' answers, and a last line of JSON.

The code measured is whichever `walletbot` is imported: run it with PYTHONPATH pointing at another
checkout's `src` to measure that one.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from datetime import datetime
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(1, str(REPO))  # for tests.support: the generators live with the tests

from tests.support.triage_corpus import support_question  # noqa: E402

from walletbot.brain.decision_rules import Action  # noqa: E402
from walletbot.brain.engine import Engine  # noqa: E402
from walletbot.brain.faq import load_faq  # noqa: E402
from walletbot.dialogue.playbook import load_dialogue  # noqa: E402
from walletbot.dialogue.rules import respond  # noqa: E402
from walletbot.dialogue.state import DialogueState  # noqa: E402
from walletbot.dialogue.turns import Context  # noqa: E402
from walletbot.records.status import ConversationStatus  # noqa: E402

ANTI_FRAUD = "support-never-asks"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=400)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--show", type=int, default=5, help="answers from another entry to print")
    args = parser.parse_args()
    engine = Engine.build(load_faq(REPO / "data" / "faq.yaml"))
    config = load_dialogue(REPO / "data" / "dialogue.yaml")
    context = Context(ConversationStatus.BOT, None, None, True, datetime(2026, 12, 7, 10), config)
    choices = random.Random(args.seed)
    outcomes: Counter[str] = Counter()
    elsewhere: list[tuple[str, str]] = []
    for _ in range(args.count):
        _, text = support_question(choices)
        out = respond(text, DialogueState(), context, engine)
        decision = out.decision
        if out.hand_off is not None:
            outcome = f"hand_off_{out.hand_off.priority}"
        elif decision is not None and decision.action is Action.ANSWER and decision.faq_id:
            outcome = "answered_anti_fraud" if decision.faq_id == ANTI_FRAUD else "answered_other"
            if decision.faq_id != ANTI_FRAUD:
                elsewhere.append((text, decision.faq_id))
        elif decision is not None and decision.suggestions:
            first = decision.suggestions[0].faq_id
            outcome = (
                "clarified_anti_fraud_first" if first == ANTI_FRAUD else "clarified_other_first"
            )
        else:
            outcome = "other"
        outcomes[outcome] += 1
    print("| outcome | questions |\n|---|---:|")
    for outcome, count in sorted(outcomes.items()):
        print(f"| {outcome} | {count} |")
    for text, faq_id in elsewhere[: args.show]:
        print(f"answered from {faq_id}: {text}")
    answered_by = Counter(faq_id for _, faq_id in elsewhere)
    print(
        json.dumps(
            {
                "count": args.count,
                "seed": args.seed,
                "outcomes": dict(outcomes),
                "answered_other_by_entry": dict(answered_by),
            },
            ensure_ascii=False,
        )
    )


if __name__ == "__main__":
    main()
