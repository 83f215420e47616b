"""What the bot does with an acknowledgement or a bare "?" right after each of its answers.

    .venv/bin/python benchmarks/acknowledgements.py

Fifteen short messages per language that carry no question ("嗯", "好的", "？？？", "👍", "ok",
"huh?", "this one", …), each after every answer that is not a greeting, through the dialogue
rules with the engine trained on the bundled FAQ. Prints how many turns ended in each reason (a
follow-up answer, the scope menu, a clarification, a greeting entry, a hand-off) as JSON. The
rules measured are whichever `walletbot` is imported (`PYTHONPATH` to measure another checkout).
"""

from __future__ import annotations

import json
from collections import Counter
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from walletbot.brain.engine import Engine
from walletbot.brain.faq import load_faq
from walletbot.dialogue import rules
from walletbot.dialogue.playbook import load_dialogue
from walletbot.dialogue.state import DialogueState
from walletbot.dialogue.turns import Context

ROOT = Path(__file__).resolve().parent.parent
NOW = datetime(2026, 12, 6, 12, tzinfo=ZoneInfo("Asia/Shanghai"))
SAID = {
    "zh": [
        "嗯",
        "嗯嗯",
        "好的",
        "哦",
        "额",
        "是的",
        "对",
        "行吧",
        "收到",
        "这个",
        "？",
        "？？？",
        "...",
        "👍",
        "好的👍",
    ],
    "en": [
        "ok",
        "okay",
        "yes",
        "hmm",
        "huh?",
        "k",
        "this one",
        "that",
        "?",
        "???",
        "...",
        "👍",
        "ok 👍",
        "alright",
        "sure",
    ],
}


def main() -> None:
    engine = Engine.build(load_faq(ROOT / "data/faq.yaml"))
    config = load_dialogue(ROOT / "data/dialogue.yaml")
    ends: Counter[str] = Counter()
    for entry in engine.kb.faqs:
        if entry.category in ("greeting", "human_agent"):
            continue
        for lang in ("zh", "en"):
            state = DialogueState(answered=entry.id, topic=entry.questions.get(lang)[0])
            for text in SAID[lang]:
                ctx = Context("bot", lang, None, True, NOW, config)  # type: ignore[arg-type]
                outcome = rules.respond(text, state, ctx, engine)
                decision = outcome.decision
                if outcome.hand_off is not None:
                    ends["hand-off"] += 1
                elif (
                    decision is not None and decision.faq_id and decision.reason.value == "greeting"
                ):
                    ends["greeting entry"] += 1
                elif decision is not None:
                    ends[decision.reason.value] += 1
    print(
        json.dumps(
            {
                "module": rules.__file__,
                "turns": sum(ends.values()),
                "ends": dict(ends.most_common()),
            }
        )
    )


if __name__ == "__main__":
    main()
