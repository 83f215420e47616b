"""What the bot does with an acknowledgement or a bare "?" right after an answer or a list.

    .venv/bin/python benchmarks/acknowledgements.py

The short messages of tests/support/acknowledgements.py, which carry no question ("嗯", "好的",
"？？？", "👍", "ok", "huh?", "this one", …), passes ("跳过", "dunno"), thanks ("明白了，谢谢",
"got it, thanks"), goodbyes ("拜拜", "that's all"), questions that name nothing ("怎么弄",
"why?") and the problem going on ("还没收到", "it's still pending"), each after every answer that is not a greeting, and after a
clarification listing the three entries closest to that answer's question, through the dialogue
rules with the engine trained on the bundled FAQ; and, for the 13 entries with guided details, with
the first detail ("when did it happen?") asked before a hand-off. Prints, for each, how many turns ended in each
reason (a follow-up answer, the scope menu, a clarification, a greeting entry, a hand-off) as
JSON. The rules measured are whichever `walletbot` is imported (`PYTHONPATH` to measure another
checkout).
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(1, str(ROOT))  # for tests.support: the messages live with the tests

from tests.support.acknowledgements import (  # noqa: E402
    ACKNOWLEDGEMENTS,
    ASKS_ONLY,
    GOODBYES,
    PASSES,
    STILL_NOT,
    THANKS,
)

from walletbot.brain.engine import Engine  # noqa: E402
from walletbot.brain.faq import load_faq  # noqa: E402
from walletbot.dialogue import rules  # noqa: E402
from walletbot.dialogue.playbook import DialogueConfig, load_dialogue  # noqa: E402
from walletbot.dialogue.state import Details, DialogueState, PendingHandOff  # noqa: E402
from walletbot.dialogue.turns import Context, Outcome  # noqa: E402

NOW = datetime(2026, 12, 6, 12, tzinfo=ZoneInfo("Asia/Shanghai"))


def main() -> None:
    engine = Engine.build(load_faq(ROOT / "data/faq.yaml"))
    config = load_dialogue(ROOT / "data/dialogue.yaml")
    report = {}
    for kind, messages in (
        ("", ACKNOWLEDGEMENTS),
        ("passes_", PASSES),
        ("thanks_", THANKS),
        ("goodbyes_", GOODBYES),
        ("asks_only_", ASKS_ONLY),
        ("still_not_", STILL_NOT),
    ):
        for after in ("answer", "clarification", "details"):
            report[kind + after] = _ends(engine, config, after, messages)
    print(json.dumps({"module": rules.__file__, **report}))


def _ends(
    engine: Engine, config: DialogueConfig, after: str, messages: dict[str, list[str]]
) -> dict[str, object]:
    """How the turns of `messages` after each answer (or its clarification) ended."""
    ends: Counter[str] = Counter()
    for entry in engine.kb.faqs:
        if entry.category in ("greeting", "human_agent"):
            continue
        problem = config.problem_for(entry.id)
        if after == "details" and problem is None:
            continue
        for lang in ("zh", "en"):
            question = entry.questions.get(lang)[0]
            if after == "answer":
                state = DialogueState(answered=entry.id, topic=question)
            elif after == "details":  # its first guided question pending, before a hand-off
                assert problem is not None
                pending = PendingHandOff("not_helpful", "normal", entry.category, None)
                details = Details(problem.id, tuple(problem.fields), "handoff", pending)
                state = DialogueState(details=details)
            else:  # the three entries closest to its question, as a clarification lists them
                offered = tuple(m.faq_id for m in engine.rank(question)[:3])
                state = DialogueState(offered=offered, unclear_streak=1, topic=question)
            listed = engine.kb.faq(state.offered[0]).category if state.offered else None
            for text in messages[lang]:
                ctx = Context("bot", lang, None, True, NOW, config)  # type: ignore[arg-type]
                outcome = rules.respond(text, state, ctx, engine)
                ends[_end(outcome, listed, engine, state.answered, after)] += 1
    return {"turns": sum(ends.values()), "ends": dict(ends.most_common())}


def _end(
    outcome: Outcome, listed: str | None, engine: Engine, answered: str | None, after: str
) -> str:
    """The turn's end; a hand-off (or the details asked before one) names whether it is about the
    first entry of the list shown, a follow-up whether it found the entry answered, another of
    its category or one of another category."""
    decision = outcome.decision
    if after == "details":
        facts = outcome.state.facts
        if any(fact is not None for fact in facts.values()):
            return "details: recorded as the fact asked"
        if facts:
            return "details: skipped"
        if outcome.hand_off is None and outcome.state.details is not None:
            return "details: asked again"
    pending = outcome.state.details.handoff if outcome.state.details else None
    hand_off = outcome.hand_off or pending
    if hand_off is not None:
        return "hand-off about the list" if hand_off.category == listed else "hand-off"
    if decision is None:
        return "silent"
    if decision.faq_id and decision.reason.value == "greeting":
        return "greeting entry"
    if decision.reason.value == "follow_up":
        if decision.faq_id is None:
            return "follow_up: pointed back at the answer"
        if decision.faq_id == answered:
            return "follow_up: the same entry"
        category = engine.kb.faq(decision.faq_id).category
        same = answered is not None and category == engine.kb.faq(answered).category
        return "follow_up: same category" if same else "follow_up: another category"
    return decision.reason.value


if __name__ == "__main__":
    main()
