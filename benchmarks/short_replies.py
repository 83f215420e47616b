"""Short replies right after an answer, held out: thanks, goodbyes, the problem going on, questions
that name nothing, and an amount or a payment method sent alone.

    .venv/bin/python benchmarks/short_replies.py [--show]

data/eval/short_replies.json holds 25 messages per kind and language, written apart from the
dialogue rules by someone who saw none of them (nor the corpora of tests/support), and used for
nothing but this report. Each message is sent after each FAQ answer that is not a greeting
(amounts and methods: after each answer with guided details, once a time was given), through the
dialogue rules with the engine trained on the bundled FAQ. Prints, per kind and language, how many
messages end as meant after most answers, and how all their turns ended, as JSON. The rules
measured are whichever `walletbot` is imported (`PYTHONPATH` to measure another checkout; the data
files are this checkout's).
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from walletbot.brain.engine import Engine
from walletbot.brain.faq import load_faq
from walletbot.dialogue import rules
from walletbot.dialogue.playbook import DialogueConfig, load_dialogue
from walletbot.dialogue.state import DialogueState
from walletbot.dialogue.turns import Context, Outcome

ROOT = Path(__file__).resolve().parent.parent
NOW = datetime(2026, 12, 6, 12, tzinfo=ZoneInfo("Asia/Shanghai"))
FIRST_FACT = {"zh": "昨天下午三点", "en": "3pm yesterday"}
MEANT = {
    "thanks": "its entry",
    "goodbye": "its entry",
    "still_not": "a not-helpful vote",
    "asks_only": "pointed back at the answer",
    "amount_alone": "noted",
    "method_alone": "noted",
}
COURTESY = {"thanks": "greeting-thanks", "goodbye": "greeting-goodbye"}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--show", action="store_true", help="list the messages not as meant")
    args = parser.parse_args()
    engine = Engine.build(load_faq(ROOT / "data/faq.yaml"))
    config = load_dialogue(ROOT / "data/dialogue.yaml")
    messages = json.loads((ROOT / "data/eval/short_replies.json").read_text(encoding="utf-8"))
    report: dict[str, object] = {"module": rules.__file__}
    for kind, meant in MEANT.items():
        for lang, texts in messages[kind].items():
            turns: Counter[str] = Counter()
            missed = []
            for text in texts:
                ends = Counter(_ends(engine, config, kind, lang, text))
                turns.update(ends)
                if ends.most_common(1)[0][0] != meant:
                    missed.append(text)
            report[f"{kind}_{lang}"] = {
                "as_meant": f"{len(texts) - len(missed)}/{len(texts)}",
                "turns": dict(turns.most_common()),
                **({"missed": missed} if args.show else {}),
            }
    print(json.dumps(report, ensure_ascii=False))


def _ends(engine: Engine, config: DialogueConfig, kind: str, lang: str, text: str) -> list[str]:
    facts_kind = kind.endswith("_alone")
    guided = {entry for problem in config.problems for entry in problem.entries}
    ends = []
    for entry in engine.kb.faqs:
        if entry.category in ("greeting", "human_agent") or (facts_kind and entry.id not in guided):
            continue
        ctx = Context("bot", lang, None, True, NOW, config)  # type: ignore[arg-type]
        state = DialogueState(answered=entry.id, topic=entry.questions.get(lang)[0])
        if facts_kind:
            state = rules.respond(FIRST_FACT[lang], state, ctx, engine).state
        ends.append(_end(engine, kind, rules.respond(text, state, ctx, engine), entry.id))
    return ends


def _end(engine: Engine, kind: str, outcome: Outcome, answered: str) -> str:
    decision = outcome.decision
    if decision is None:
        return "silent"
    if kind in COURTESY:
        if decision.faq_id == COURTESY[kind]:
            return "its entry"
        if decision.faq_id and decision.category == "greeting":
            return "another greeting entry"
    elif kind == "still_not" and outcome.unhelpful:
        return "a not-helpful vote"
    elif kind == "asks_only":
        if decision.reason.value == "follow_up" and decision.faq_id is None:
            return "pointed back at the answer"
        if decision.faq_id == answered:
            return "the same answer again"
        if decision.faq_id:
            same = engine.kb.faq(decision.faq_id).category == engine.kb.faq(answered).category
            return "an entry of the same category" if same else "an entry of another category"
    elif kind.endswith("_alone"):
        fact = outcome.state.facts.get("amount" if kind == "amount_alone" else "method")
        if decision.reason.value == "details" and fact and fact.get("value"):
            return "noted"
    return decision.reason.value


if __name__ == "__main__":
    main()
