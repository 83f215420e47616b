"""The types the dialogue rules take and return, and the moves both rule sets share."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import NamedTuple, Protocol

from walletbot.brain.courtesy import courtesy_kind
from walletbot.brain.decision_rules import Action, Match, Priority, Reason, Thresholds
from walletbot.brain.engine import NOT_TOPICS, Decision, HandoffRequest, Suggestion
from walletbot.brain.faq import KnowledgeBase
from walletbot.brain.text import Lang
from walletbot.dialogue import conversation_replies as replies
from walletbot.dialogue import details as parsing
from walletbot.dialogue import signals
from walletbot.dialogue.playbook import DialogueConfig
from walletbot.dialogue.state import Details, DialogueState, PendingHandOff
from walletbot.records.status import ConversationStatus


class Brain(Protocol):
    """What the rules need of the engine (brain/engine.py's Engine)."""

    kb: KnowledgeBase
    thresholds: Thresholds

    def decide(self, text: str, lang: Lang | None = None) -> Decision: ...

    def rank(self, text: str, depth: int = ...) -> tuple[Match, ...]: ...


class Context(NamedTuple):
    status: ConversationStatus  # the conversation's status before this message
    lang: Lang | None  # the conversation's language, once known
    priority: str | None  # its hand-off priority, while waiting
    on_duty: bool  # whether a hand-off now would be queued (else it opens a ticket)
    now: datetime  # local time, what "yesterday" means
    config: DialogueConfig
    # What the waiting conversation is about (its hand-off's category): the category of the
    # replies while waiting, not the engine's reading of "yesterday evening" or "hello?".
    category: str | None = None


@dataclass(frozen=True)
class HandOff:
    reason: str
    priority: str
    category: str | None
    confidence: float | None


@dataclass(frozen=True)
class Outcome:
    """The bot's move: what it says (None: silent), what it remembers, what the service does."""

    decision: Decision | None
    state: DialogueState
    hand_off: HandOff | None = None
    raise_to: str | None = None  # while waiting: the conversation's new priority
    wait_notice: bool = False  # the service adds where the user stands (queue place or ticket)
    unhelpful: bool = False  # the last answer gets a not-helpful vote
    stop_waiting: bool = False  # the user no longer waits: out of the queue, or the ticket closed


def say(
    base: Decision,
    action: Action,
    reason: Reason,
    body: str,
    *,
    faq_id: str | None = None,
    suggestions: tuple[Suggestion, ...] = (),
    handoff: HandoffRequest | None = None,
    category: str | None = None,
) -> Decision:
    """A reply to the same message as `base`, keeping its warnings (preface) and flags."""
    return replace(
        base,
        action=action,
        reason=reason,
        body=body,
        faq_id=faq_id,
        suggestions=suggestions,
        handoff=handoff,
        category=category or base.category,
    )


def answer_with(
    faq_id: str, decision: Decision, state: DialogueState, brain: Brain, reason: Reason
) -> Outcome:
    """The answer of one FAQ entry; it becomes the topic of what follows (not a greeting's)."""
    lang = decision.lang
    entry = brain.kb.faq(faq_id)
    answered = say(
        decision,
        Action.ANSWER,
        reason,
        entry.answers.get(lang),
        faq_id=faq_id,
        category=entry.category,
    )
    if entry.category in NOT_TOPICS:  # "hello", "thanks": nothing to follow up or be unhappy with
        return Outcome(answered, DialogueState(facts=state.facts))
    topic = entry.questions.get(lang)[0]
    return Outcome(answered, DialogueState(answered=faq_id, topic=topic, facts=state.facts))


def suggestion(kb: KnowledgeBase, faq_id: str, lang: Lang, score: float = 0.0) -> Suggestion:
    return Suggestion(faq_id, kb.faq(faq_id).questions.get(lang)[0], score)


def ask_again(
    decision: Decision,
    state: DialogueState,
    brain: Brain,
    intro: dict[str, str],
    reason: Reason = Reason.CLOSE_CANDIDATES,
) -> Outcome:
    """The last clarification's entries again, after `intro`; the state as given."""
    lang = decision.lang
    suggestions = tuple(suggestion(brain.kb, f, lang) for f in state.offered)
    body = replies.clarify_with(lang, intro, [s.question for s in suggestions])
    category = brain.kb.faq(state.offered[0]).category
    asked = say(decision, Action.CLARIFY, reason, body, suggestions=suggestions, category=category)
    return Outcome(asked, state)


def ask_next(details: Details, lang: Lang, config: DialogueConfig) -> str:
    return config.question(details.remaining[0], lang)


def gives_no_fact(details: Details, decision: Decision, said: str, now: datetime) -> bool:
    """Whether a message sent while a detail is asked for is no answer to it: nothing read for
    that field, and it asks something, thanks, complains, says nothing, or is a question the FAQ
    answers."""
    if (
        details.remaining
        and parsing.parse(details.remaining[0], decision.masked_text, now)["value"]
    ):
        return False
    confident = decision.action is Action.ANSWER and decision.reason is Reason.CONFIDENT_MATCH
    return (
        confident
        or signals.asks(said)
        or signals.says_nothing(said)
        or courtesy_kind(said) is not None
        or signals.dissatisfaction(said) is not None  # "还没收到", "试过了"
    )


def record(
    state: DialogueState, masked: str, skipped: bool, now: datetime
) -> tuple[DialogueState, Details | None]:
    """Store the answer to the pending field, and any other fact the message gives plainly; the
    details left (None when all are asked). A message that plainly answers other fields and not
    the one asked ("Monday around 2pm" to "what amount?") is stored under those, and the field
    asked stays first: it had been stored as the amount (price-parser reads "2" in "2pm")."""
    details = state.details
    assert details is not None and details.remaining
    field = details.remaining[0]
    if skipped:
        found: dict[str, parsing.Fact | None] = {field: None}
    else:
        given, besides = parsing.volunteered(masked, now)
        others = {f: fact for f, fact in given.items() if f != field}
        if field in given or not others or parsing.parse(field, besides, now)["value"]:
            found = {field: parsing.parse(field, masked, now), **others}
        else:
            found = dict(others)
    rest = tuple(f for f in details.remaining if f not in found)
    left = replace(details, remaining=rest) if rest else None
    return replace(state, facts={**state.facts, **found}, details=left), left


def problem_of(ctx: Context, faq_id: str | None) -> str | None:
    """The guided-details problem an entry is about (data/dialogue.yaml), if any."""
    found = ctx.config.problem_for(faq_id) if faq_id else None
    return found.id if found else None


def hand_off(
    base: Decision,
    state: DialogueState,
    ctx: Context,
    brain: Brain,
    *,
    reason: Reason,
    priority: str,
    category: str | None,
    problem: str | None = None,
    prefix: str = "",
) -> Outcome:
    """Hand off now. Urgent with nobody on duty adds what the user can do right now; a problem
    with guided details asks for them while the user waits."""
    lang = base.lang
    parts = [prefix] if prefix else []
    parts.append(replies.hand_off_text(lang, reason, ctx.on_duty))
    if reason is Reason.URGENT and not ctx.on_duty:
        parts.append(
            replies.urgent_help(
                ctx.config.urgent_help[lang], freeze_said="account_at_risk" in base.flags
            )
        )
    found = ctx.config.problem(problem) if problem else None
    # "我的提现三天了还没到账，转人工", "someone hacked my account and withdrew 300 usdt an hour
    # ago": the message that hands off may give facts itself; they are kept for the agent, and
    # not asked for (what was said before stays).
    given, _ = parsing.volunteered(base.masked_text, ctx.now)
    new_state = DialogueState(facts={**given, **state.facts})
    if found is not None:
        pending = Details(
            found.id, tuple(f for f in found.fields if f not in new_state.facts), "waiting"
        )
        if pending.remaining:
            new_state = replace(new_state, details=pending)
            parts += [replies.DETAILS_WHILE_WAITING[lang], ask_next(pending, lang, ctx.config)]
    decision = say(
        base,
        Action.HANDOFF,
        reason,
        "\n\n".join(parts),
        handoff=HandoffRequest(reason, Priority(priority)),
        category=category,
        suggestions=_to_read_while_waiting(base.suggestions, brain),
    )
    return Outcome(
        decision,
        new_state,
        hand_off=HandOff(reason.value, priority, category, base.confidence),
    )


def _to_read_while_waiting(
    suggestions: tuple[Suggestion, ...], brain: Brain
) -> tuple[Suggestion, ...]:
    """The message's closest entries that the bot would offer itself, about a problem: "人工" had
    suggested "转人工" to read while waiting, and "都不是" the scam entries, by a character."""
    return tuple(
        s
        for s in suggestions
        if s.score >= brain.thresholds.clarify and brain.kb.faq(s.faq_id).category not in NOT_TOPICS
    )


def start_details(
    base: Decision,
    state: DialogueState,
    ctx: Context,
    *,
    problem: str,
    pending: PendingHandOff,
    prefix: str = "",
) -> Outcome | None:
    """Ask the guided details before handing off; None when there is nothing left to ask."""
    found = ctx.config.problem(problem)
    if found is None:
        return None
    remaining = tuple(f for f in found.fields if f not in state.facts)
    if not remaining:
        return None
    details = Details(found.id, remaining, "handoff", pending)
    lang = base.lang
    body = "\n\n".join(
        [p for p in (prefix, replies.DETAILS_INTRO[lang], ask_next(details, lang, ctx.config)) if p]
    )
    decision = say(base, Action.CLARIFY, Reason.DETAILS, body, category=pending.category)
    return Outcome(decision, DialogueState(facts=state.facts, details=details))


def bot_hand_off(
    decision: Decision,
    state: DialogueState,
    ctx: Context,
    brain: Brain,
    reason: Reason,
    entry: str | None,
    *,
    about_offered: bool = False,
) -> Outcome:
    """A hand-off the bot decides on: guided details first when the problem needs them."""
    own = decision.category if decision.category not in {"out_of_scope", *NOT_TOPICS} else None
    about = brain.kb.faq(entry).category if entry is not None else None
    # "都不是" / "neither" says nothing of its own: the hand-off is about what was turned down.
    category = about if reason is Reason.NOT_HELPFUL or about_offered else (own or about)
    priority = Priority.HIGH.value if "angry" in decision.flags else Priority.NORMAL.value
    problem = problem_of(ctx, entry)
    if problem is not None:
        pending = PendingHandOff(reason.value, priority, category, decision.confidence)
        started = start_details(decision, state, ctx, problem=problem, pending=pending)
        if started is not None:
            return started
    return hand_off(
        decision, state, ctx, brain, reason=reason, priority=priority, category=category
    )
