"""An explicit request for a person (rule 3 of docs/dialogue.md): hand off now, about what else
the message says, or else about what the conversation was about, so the agent sees the topic."""

from __future__ import annotations

from walletbot.brain.courtesy import courtesies_only
from walletbot.brain.decision_rules import Priority, Reason
from walletbot.brain.engine import NOT_TOPICS, Decision
from walletbot.dialogue import followups, signals
from walletbot.dialogue.state import DialogueState
from walletbot.dialogue.turns import Brain, Context, Outcome, hand_off, problem_of


def hand_off_on_request(
    rest: str, decision: Decision, state: DialogueState, ctx: Context, brain: Brain
) -> Outcome:
    """An explicit request for a person: hand off now; the rest of the message (or what the
    conversation was about) is the hand-off's category."""
    entry = state.answered or state.about or (state.offered[0] if state.offered else None)
    unhappy = signals.dissatisfaction(rest)  # "still not working, agent!" is about the answer
    rest = unhappy.rest if unhappy is not None else rest
    # "投诉" is enough to name a topic; "they still haven't got it" points back at the last one.
    refers_back = entry is not None and followups.has_mark(rest, decision.lang)
    # What is left of a bare request ("ok can you", "可以吗", "好的") names nothing: it had found
    # contact channels or identity checks by a word, and lost what the conversation was about.
    names_nothing = followups.names_nothing(rest, decision.lang) or courtesies_only(rest)
    if signals.substantial(rest, han=2, words=1) and not refers_back and not names_nothing:
        about = next((m for m in brain.rank(rest) if m.category not in NOT_TOPICS), None)
        if about is not None and about.score >= brain.thresholds.clarify:
            entry = about.faq_id
    category = brain.kb.faq(entry).category if entry is not None else "human_agent"
    priority = decision.handoff.priority.value if decision.handoff else Priority.NORMAL.value
    if "angry" in decision.flags:
        priority = Priority.HIGH.value
    return hand_off(
        decision,
        state,
        ctx,
        brain,
        reason=Reason.USER_REQUEST,
        priority=priority,
        category=category,
        problem=problem_of(ctx, entry),
    )
