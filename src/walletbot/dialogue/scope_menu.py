"""Rule 7 of the dialogue (docs/dialogue.md): a message about something else gets a scope reply
with the problem types numbered; a reply that picks one ("2", "退款的", "the refunds one") gets
that type's questions to choose from.
"""

from __future__ import annotations

from dataclasses import replace

from walletbot.brain.decision_rules import Action, Reason
from walletbot.brain.engine import NOT_TOPICS, Decision
from walletbot.brain.text import Lang, normalise
from walletbot.dialogue import conversation_replies as replies
from walletbot.dialogue import signals
from walletbot.dialogue.picks import pick_by_number, pick_by_words
from walletbot.dialogue.state import DialogueState
from walletbot.dialogue.turns import Brain, Outcome, answer_with, say, suggestion

TOPIC_QUESTIONS = 6  # a problem type picked from the scope menu: its first questions, then spare


def reply(decision: Decision, state: DialogueState, brain: Brain) -> Outcome:
    """The scope reply with the menu; the second in a row offers a person."""
    streak = state.scope_streak + 1
    lang = decision.lang
    menu = tuple(c.id for c in brain.kb.categories if c.id not in NOT_TOPICS)
    body = replies.scope_menu(lang, [_name(brain, c, lang) for c in menu])
    if streak >= 2:
        body = f"{body}\n{replies.OFFER_PERSON[lang]}"
    return Outcome(
        replace(decision, body=body),
        DialogueState(facts=state.facts, scope_streak=streak, menu=menu),
    )


def picked(said: str, decision: Decision, state: DialogueState, brain: Brain) -> str | None:
    """The problem type a reply to the scope menu picks: by number always; by name ("退款的",
    "the refunds one") when the reply is a few words, or the engine would not answer it alone
    ("怎么转账给朋友" is a question, not a choice)."""
    index = pick_by_number(said, len(state.menu))
    alone = decision.action is Action.ANSWER and decision.reason is Reason.CONFIDENT_MATCH
    if index is None and (not alone or not signals.substantial(said, han=7, words=3)):
        names = [[normalise(_name(brain, c, lang)) for lang in ("zh", "en")] for c in state.menu]
        index = pick_by_words(said, names)
    return state.menu[index] if index is not None else None


def offer(category: str, decision: Decision, state: DialogueState, brain: Brain) -> Outcome:
    """A problem type picked from the scope menu: its questions to pick from, as a clarification
    (or the answer, when it has one entry)."""
    entries = tuple(f.id for f in brain.kb.faqs if f.category == category)
    if len(entries) == 1:
        return answer_with(entries[0], decision, state, brain, Reason.PICKED)
    lang = decision.lang
    offered, spare = entries[:TOPIC_QUESTIONS], entries[TOPIC_QUESTIONS:]
    suggestions = tuple(suggestion(brain.kb, f, lang) for f in offered)
    intro: dict[str, str] = {
        lang: replies.TOPIC_INTRO[lang].format(topic=_name(brain, category, lang))
    }
    body = replies.clarify_with(lang, intro, [s.question for s in suggestions])
    clarified = say(
        decision, Action.CLARIFY, Reason.PICKED, body, suggestions=suggestions, category=category
    )
    return Outcome(
        clarified,
        DialogueState(offered=offered, spare=spare, unclear_streak=1, facts=state.facts),
    )


def _name(brain: Brain, category: str, lang: Lang) -> str:
    found = brain.kb.category(category)
    return found.names.get(lang) if found is not None else category
