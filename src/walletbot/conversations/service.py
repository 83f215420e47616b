"""Conversation rules: create, send a message (idempotently), feedback, read the event log."""

from __future__ import annotations

from datetime import datetime
from typing import Any, NamedTuple, Protocol
from uuid import uuid4

from sqlalchemy.ext.asyncio import AsyncSession

from walletbot.brain.engine import Decision
from walletbot.brain.policy import Action
from walletbot.brain.text import Lang
from walletbot.chat.schemas import DecisionOut
from walletbot.chat.service import check_text
from walletbot.conversations import notices, policy
from walletbot.conversations import repository as repo
from walletbot.conversations.events import message_payload
from walletbot.conversations.replies import shape
from walletbot.conversations.schemas import (
    BotReplyOut,
    ConversationOut,
    EventOut,
    EventPageOut,
    FeedbackIn,
    FeedbackOut,
    MessageIn,
    MessageOut,
    SendResultOut,
)
from walletbot.conversations.tokens import new_token, token_matches
from walletbot.errors import Conflict, InvalidInput, NotFound
from walletbot.handoff import service as handoff
from walletbot.handoff.config import HandoffConfig, lang_of
from walletbot.storage.direct import Unit
from walletbot.storage.lean import orm_session
from walletbot.storage.masking import mask_for_storage
from walletbot.storage.models import Conversation, Message

MAX_CURSOR = 2**62


class Decider(Protocol):
    def decide(self, text: str, lang: Lang | None = None) -> Decision: ...


def parse_cursor(raw: str | None) -> int:
    """The last event id the client has seen; absent means from the start."""
    if raw is None or raw == "":
        return 0
    if not raw.isascii() or not raw.isdigit() or int(raw) > MAX_CURSOR:
        raise InvalidInput("the cursor is not an event id", code="invalid_cursor", cursor=raw[:40])
    return int(raw)


async def create(
    session: AsyncSession, lang: Lang | None, cfg: HandoffConfig, now: datetime
) -> tuple[ConversationOut, str]:
    token, digest = new_token()
    conversation = Conversation(
        id=uuid4().hex, token_hash=digest, lang=lang, status="bot", created_at=now, updated_at=now
    )
    repo.add(session, conversation)
    await session.flush()
    return await describe(session, conversation, cfg, now), token


async def authorize(
    session: AsyncSession, conversation_id: str, token: str, *, lock: bool = False
) -> Conversation:
    """The conversation if the token is its own. Unknown id and wrong token look the same."""
    conversation = await repo.get_conversation(session, conversation_id[:64], lock=lock)
    return _owned(conversation, token)


def _owned(conversation: Conversation | None, token: str) -> Conversation:
    if conversation is None or not token_matches(conversation.token_hash, token):
        raise NotFound("no such conversation", code="conversation_not_found")
    return conversation


async def describe(
    session: AsyncSession, conversation: Conversation, cfg: HandoffConfig, now: datetime
) -> ConversationOut:
    return ConversationOut(
        id=conversation.id,
        lang=conversation.lang,
        status=conversation.status,
        created_at=conversation.created_at,
        state=await handoff.state_of(session, conversation, cfg, now),
    )


async def send(
    unit: Unit,
    conversation_id: str,
    token: str,
    body: MessageIn,
    *,
    engine: Decider,
    cfg: HandoffConfig,
    max_chars: int,
    now: datetime,
) -> str:
    """Store the user's message; let the bot answer unless a person has the conversation.

    The answer (a SendResultOut) comes back as JSON, serialised once: the same text is stored,
    and replayed as it is when the client retries the message. Unless it hands off, or the
    conversation waits in the queue, a message costs two statements on PostgreSQL: one locks
    the conversation and reads all the message needs, one stores everything (docs/conversations.md,
    "Storage"). A hand-off's ORM work comes after the messages are stored."""
    found = await repo.lock_for_message(unit, conversation_id[:64], body.client_message_id)
    conversation = _owned(found.conversation if found else None, token)
    assert found is not None
    text = check_text(body.text, max_chars)
    masked = mask_for_storage(text)
    if found.earlier is not None:  # a retry: the first attempt's answer, stored nothing twice
        earlier_text, earlier_result = found.earlier
        if earlier_text != masked or earlier_result is None:
            raise Conflict(
                "this client_message_id was already used for another text",
                code="client_message_id_reused",
            )
        return earlier_result

    message = repo.NewMessage(
        id=found.message_ids[0],
        conversation_id=conversation.id,
        role="user",
        text=masked,
        client_message_id=body.client_message_id,
        created_at=now,
    )
    # The user's message and the bot's answer go to the log together (one seq block).
    messages = [message]
    events: list[Pending] = [("message", message_payload(message))]
    reply: _Reply | None = None
    hand_off: _HandOff | None = None
    if policy.bot_answers(conversation.status):
        bot_id = found.message_ids[1]
        assert bot_id is not None, "an id is taken for the bot whenever it may answer"
        reply, hand_off = _bot_turn(conversation, message, text, engine, bot_id, now)
        messages.append(reply.message)
        events.append(reply.event)
    if hand_off is None:  # the answer is known before anything is stored: stored with it
        result = await _result(unit, conversation, message, reply, None, cfg, now, found)
        message.result = result
        await repo.store_turn(unit, conversation, messages, events)
        return result
    # A hand-off queues the conversation or opens a ticket (ORM work: in a lean transaction,
    # NeedsSession before anything is stored), and the answer says which.
    session = orm_session(unit)
    await repo.store_turn(session, conversation, messages, events)
    notice = await handoff.hand_off(
        session,
        conversation,
        reason=hand_off.reason,
        priority=hand_off.priority,
        category=hand_off.category,
        confidence=hand_off.confidence,
        cfg=cfg,
        now=now,
    )
    result = await _result(session, conversation, message, reply, notice, cfg, now, None)
    assert message.id is not None
    await repo.set_result(session, message.id, result)
    return result


Pending = tuple[str, dict[str, Any]]


async def _result(
    unit: Unit,
    conversation: Conversation,
    message: repo.NewMessage,
    reply: _Reply | None,
    notice: str | None,
    cfg: HandoffConfig,
    now: datetime,
    found: repo.UserTurn | None,
) -> str:
    """The answer's JSON. `found`: what lock_for_message read, still true (no hand-off since)."""
    assert message.id is not None
    out = reply.out if reply is not None else None
    suggestions = out.suggestions if out is not None and out.action == "handoff" else []
    state = await handoff.state_of(
        unit,
        conversation,
        cfg,
        now,
        suggestions,
        open_ticket=found.open_ticket if found is not None else handoff.LOOK_UP,
    )
    return SendResultOut(
        message=MessageOut(
            id=message.id, role="user", text=message.text, created_at=message.created_at
        ),
        reply=out,
        state=state,
        notice=notice,
    ).model_dump_json()


class _Reply(NamedTuple):
    out: BotReplyOut
    message: repo.NewMessage
    event: Pending


class _HandOff(NamedTuple):
    reason: str
    priority: str
    category: str | None
    confidence: float | None


def _bot_turn(
    conversation: Conversation,
    message: repo.NewMessage,
    text: str,
    engine: Decider,
    bot_id: int,
    now: datetime,
) -> tuple[_Reply, _HandOff | None]:
    """The bot's answer to the message, and the hand-off it calls for, if any."""
    conversation.status = "bot"  # a resolved conversation reopens with the bot
    decision = engine.decide(text, conversation.lang)  # type: ignore[arg-type]
    conversation.lang = conversation.lang or decision.lang
    turn = policy.next_turn(
        decision.action,
        decision.reason,
        decision.handoff.priority if decision.handoff else None,
        conversation.low_confidence_streak,
    )
    conversation.low_confidence_streak = turn.low_confidence_streak
    shaped = DecisionOut.from_decision(shape(decision, turn))
    bot, event = _bot_message(conversation, message.id, shaped, now, bot_id)
    reply = _Reply(BotReplyOut(message_id=bot_id, **shaped.model_dump()), bot, event)
    if turn.action is Action.HANDOFF and turn.handoff_reason and turn.priority:
        hand_off = _HandOff(
            turn.handoff_reason.value, turn.priority.value, decision.category, decision.confidence
        )
        return reply, hand_off
    return reply, None


def _bot_message(
    conversation: Conversation,
    reply_to: int | None,
    decision: DecisionOut,
    now: datetime,
    message_id: int,
) -> tuple[repo.NewMessage, Pending]:
    """The bot's answer (its reply text, with the decision behind it) and its event."""
    reply_json = decision.model_dump(mode="json")
    bot = repo.NewMessage(
        id=message_id,
        conversation_id=conversation.id,
        role="bot",
        text=mask_for_storage(decision.reply),
        reply_to=reply_to,
        decision=reply_json,
        created_at=now,
    )
    return bot, ("message", message_payload(bot, {**reply_json, "message_id": message_id}))


async def feedback(
    session: AsyncSession,
    conversation: Conversation,
    body: FeedbackIn,
    cfg: HandoffConfig,
    now: datetime,
) -> FeedbackOut:
    notice: str | None = None
    if body.rating is not None:
        conversation.rating = body.rating
        conversation.rating_comment = mask_for_storage(body.comment) if body.comment else None
    elif body.message_id is not None:
        answer = await repo.get_message(session, conversation.id, body.message_id)
        if answer is None or answer.role != "bot":
            # 409, not 404: the conversation (the resource addressed) exists, and its state
            # holds no such answer; not 422 either: the body itself is valid.
            raise Conflict(
                "no such bot answer in this conversation",
                code="message_not_found",
                field="message_id",
            )
        newly_unhelpful = body.helpful is False and answer.helpful is not False
        answer.helpful = body.helpful
        if newly_unhelpful and policy.bot_answers(conversation.status):
            conversation.unhelpful_count += 1
            if policy.hands_off_after_feedback(conversation.unhelpful_count):
                notice = await _hand_off_unhelpful(session, conversation, answer, cfg, now)
    return FeedbackOut(state=await handoff.state_of(session, conversation, cfg, now), notice=notice)


async def _hand_off_unhelpful(
    session: AsyncSession,
    conversation: Conversation,
    answer: Message,
    cfg: HandoffConfig,
    now: datetime,
) -> str:
    decision = answer.decision or {}
    bot = repo.NewMessage(
        conversation_id=conversation.id,
        role="bot",
        text=notices.NOT_HELPFUL[lang_of(conversation)],
        created_at=now,
    )
    await repo.insert_message(session, bot)
    await repo.append_event(session, conversation, "message", message_payload(bot))
    return await handoff.hand_off(
        session,
        conversation,
        reason=policy.HandoffReason.NOT_HELPFUL.value,
        priority="normal",
        category=decision.get("category"),
        confidence=decision.get("confidence"),
        cfg=cfg,
        now=now,
    )


async def events_page(
    session: AsyncSession, conversation: Conversation, after: int, limit: int
) -> EventPageOut:
    events = [
        EventOut(id=e.seq, type=e.type, data=e.payload, created_at=e.created_at)
        for e in await repo.events_after(session, conversation.id, after, limit)
    ]
    return EventPageOut(events=events, cursor=str(events[-1].id if events else after))
