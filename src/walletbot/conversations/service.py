"""Conversation rules: create, send a message (idempotently), feedback, read the event log."""

from __future__ import annotations

from dataclasses import dataclass
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


@dataclass(frozen=True, slots=True)
class UserText:
    """A user's message, checked and masked before any storage (the writer's turn is not spent
    on it): `text` as written is what the bot reads, `masked` is what is stored."""

    text: str
    masked: str
    client_message_id: str


def user_text(body: MessageIn, max_chars: int) -> UserText:
    text = check_text(body.text, max_chars)
    return UserText(text, mask_for_storage(text), body.client_message_id)


async def send(
    session: AsyncSession,
    conversation_id: str,
    token: str,
    message: UserText,
    *,
    engine: Decider,
    cfg: HandoffConfig,
    now: datetime,
) -> SendResultOut:
    """Store a user's message and all that follows from it, in the caller's transaction: the
    bot's answer (bot_turn), a hand-off to the queue or a ticket, the events of the log, and the
    answer itself, which a retry under the same client_message_id gets again, storing nothing
    twice. Every user message is stored here, whatever the bot decides."""
    conversation = await authorize(session, conversation_id, token, lock=True)
    earlier = await repo.sent_before(session, conversation.id, message.client_message_id)
    if earlier is not None:
        if earlier.text != message.masked or earlier.result is None:
            raise Conflict(
                "this client_message_id was already used for another text",
                code="client_message_id_reused",
            )
        return SendResultOut.model_validate(earlier.result)

    stored = Message(
        conversation_id=conversation.id,
        role="user",
        text=message.masked,
        client_message_id=message.client_message_id,
        created_at=now,
    )
    repo.add(session, stored)
    await session.flush()  # its id: the answer, the log and the bot's reply refer to it
    events: list[Pending] = [("message", message_payload(stored))]
    turn = (
        bot_turn(conversation, message.text, engine)
        if policy.bot_answers(conversation.status)
        else None
    )
    reply: BotReplyOut | None = None
    if turn is not None:
        answer = turn.answer.model_dump(mode="json")
        bot = Message(
            conversation_id=conversation.id,
            role="bot",
            text=mask_for_storage(turn.answer.reply),
            reply_to=stored.id,
            decision=answer,
            created_at=now,
        )
        repo.add(session, bot)
        await session.flush()
        reply = BotReplyOut(message_id=bot.id, **turn.answer.model_dump())
        events.append(("message", message_payload(bot, {**answer, "message_id": bot.id})))
    await repo.append_events(session, conversation, events)
    notice: str | None = None
    if turn is not None and turn.hand_off is not None:
        notice = await handoff.hand_off(
            session, conversation, **turn.hand_off._asdict(), cfg=cfg, now=now
        )
    suggestions = reply.suggestions if reply is not None and reply.action == "handoff" else []
    result = SendResultOut(
        message=MessageOut(id=stored.id, role="user", text=stored.text, created_at=now),
        reply=reply,
        state=await handoff.state_of(session, conversation, cfg, now, suggestions),
        notice=notice,
    )
    stored.result = result.model_dump(mode="json")
    return result


Pending = tuple[str, dict[str, Any]]


class HandOff(NamedTuple):
    reason: str
    priority: str
    category: str | None
    confidence: float | None


class BotTurn(NamedTuple):
    answer: DecisionOut  # the engine's decision as this conversation answers it
    hand_off: HandOff | None  # what the answer calls for, if anything


def bot_turn(conversation: Conversation, text: str, engine: Decider) -> BotTurn:
    """The bot's move on a user's message, from the engine's decision and the conversation's
    memory, which it updates (status, language, streak of messages not understood). No I/O:
    `send` stores what it returns."""
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
    answer = DecisionOut.from_decision(shape(decision, turn))
    if turn.action is Action.HANDOFF and turn.handoff_reason and turn.priority:
        hand_off = HandOff(
            turn.handoff_reason.value, turn.priority.value, decision.category, decision.confidence
        )
        return BotTurn(answer, hand_off)
    return BotTurn(answer, None)


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
            raise NotFound("no such bot answer in this conversation", code="message_not_found")
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
    bot = Message(
        conversation_id=conversation.id,
        role="bot",
        text=notices.NOT_HELPFUL[lang_of(conversation)],
        created_at=now,
    )
    repo.add(session, bot)
    await session.flush()  # its id, for the log
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
