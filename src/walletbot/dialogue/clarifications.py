"""Clarifications: a list of the closest entries, a pick from it, the next ones for "none of
these", and the entries near an answer the user found unhelpful (docs/dialogue.md)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from walletbot.brain.decision_rules import Action, Match, Reason
from walletbot.brain.engine import Decision
from walletbot.brain.message_replies import CLARIFY_INTRO
from walletbot.brain.text import Lang
from walletbot.dialogue import conversation_replies as replies
from walletbot.dialogue.picks import pick
from walletbot.dialogue.state import DialogueState
from walletbot.dialogue.turns import Brain, Context, Outcome, bot_hand_off, say, suggestion

SUGGESTED = 3  # entries in a clarification
SPARE = 6  # candidates kept for "none of these"


def clarify(
    decision: Decision, state: DialogueState, brain: Brain, ranked: Sequence[Match] = ()
) -> Outcome:
    """A clarification among the closest entries (`ranked`, else the engine's suggestions), each
    with its score for this message."""
    given = bool(ranked)
    if not given:
        ranked = brain.rank(decision.masked_text)[: SUGGESTED + SPARE]
    scores = {m.faq_id: m.score for m in ranked} | {s.faq_id: s.score for s in decision.suggestions}
    ids = tuple(m.faq_id for m in ranked)
    offered = ids[:SUGGESTED] if given else tuple(s.faq_id for s in decision.suggestions)
    offered = offered or ids[:SUGGESTED]
    spare = tuple(f for f in ids if f not in offered)
    lang = decision.lang
    suggestions = tuple(suggestion(brain.kb, f, lang, scores[f]) for f in offered)

    body = replies.clarify_with(lang, CLARIFY_INTRO, [s.question for s in suggestions])
    reason = decision.reason if decision.action is Action.CLARIFY else Reason.CLOSE_CANDIDATES
    clarified = say(decision, Action.CLARIFY, reason, body, suggestions=suggestions)
    # The user's question stays the topic: "手续费呢？" after "怎么转账给朋友" was clarified is
    # about transfers, not a question of its own (rule 2).
    after = DialogueState(
        offered=offered,
        spare=spare,
        unclear_streak=1,
        topic=decision.masked_text,
        facts=state.facts,
    )
    return Outcome(clarified, after)


def picked(said: str, lang: Lang, state: DialogueState, brain: Brain) -> str | None:
    options = [brain.kb.faq(f).questions.get(lang) for f in state.offered]
    index = pick(said, options)
    return state.offered[index] if index is not None else None


def next_candidates(
    decision: Decision, state: DialogueState, ctx: Context, brain: Brain, spare: tuple[str, ...]
) -> Outcome:
    """ "None of these" / "not this": the next entries, or a person when none are left."""
    shown = set(state.offered) | ({state.answered} if state.answered else set())
    fresh = tuple(f for f in spare if f not in shown)
    about = state.about or state.answered
    if not fresh or state.unclear_streak >= 2:
        topic = about or (state.offered[0] if state.offered else None)
        return bot_hand_off(decision, state, ctx, brain, Reason.NOT_HELPFUL, topic)
    offered, rest = fresh[:SUGGESTED], fresh[SUGGESTED:]
    lang = decision.lang
    suggestions = tuple(suggestion(brain.kb, f, lang) for f in offered)
    body = replies.clarify_with(lang, replies.NEXT_BEST_INTRO, [s.question for s in suggestions])
    category = brain.kb.faq(about).category if about else None  # not "都不是"'s own reading
    clarified = say(
        decision,
        Action.CLARIFY,
        Reason.NOT_HELPFUL,
        body,
        suggestions=suggestions,
        category=category,
    )
    streak = state.unclear_streak + 1
    return Outcome(
        clarified,
        DialogueState(
            offered=offered, spare=rest, about=about, unclear_streak=streak, facts=state.facts
        ),
    )


def after_unhelpful(
    decision: Decision, state: DialogueState, ctx: Context, brain: Brain
) -> Outcome:
    """Dissatisfied with an answer: the entries ranked next for its topic."""
    assert state.answered is not None
    # Only entries close enough to offer ("转错人了怎么办" had filled a list after the payment
    # password's answer); with none, "not this" is for a person.
    near_enough = [m for m in brain.rank(state.topic or "") if m.score >= brain.thresholds.clarify]
    ranked = tuple(m.faq_id for m in near_enough)[: SUGGESTED + SPARE]
    category = brain.kb.faq(state.answered).category
    # Closest first, preferring the answer's own category: "not this" means "something near".
    near = tuple(sorted(ranked, key=lambda f: brain.kb.faq(f).category != category))
    # The answer was the first attempt: a "none of these" after the next entries hands off.
    return next_candidates(decision, replace(state, unclear_streak=1), ctx, brain, near)
