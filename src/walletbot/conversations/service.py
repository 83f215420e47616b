"""Conversation rules: create, send a message (idempotently), feedback, read the event log."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any, Protocol
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
    session: AsyncSession,
    conversation_id: str,
    token: str,
    *,
    lock: bool = False,
    attach: bool = True,
) -> Conversation:
    """The conversation if the token is its own. Unknown id and wrong token look the same.
    `attach=False`: see repository.get_conversation."""
    conversation = await repo.get_conversation(
        session, conversation_id[:64], lock=lock, attach=attach
    )
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
    session: AsyncSession,
    conversation: Conversation,
    body: MessageIn,
    *,
    engine: Decider,
    cfg: HandoffConfig,
    max_chars: int,
    now: datetime,
) -> str:
    """Store the user's message; let the bot answer unless a person has the conversation.

    The answer (a SendResultOut) comes back as JSON, serialised once: the same text is stored,
    and replayed as it is when the client retries the message."""
    text = check_text(body.text, max_chars)
    masked = mask_for_storage(text)
    # Insert first (ON CONFLICT DO NOTHING): a new id costs no lookup; only a retry reads.
    message = repo.NewMessage(
        conversation_id=conversation.id,
        role="user",
        text=masked,
        client_message_id=body.client_message_id,
        created_at=now,
    )
    if not await repo.insert_message(session, message):
        earlier = await repo.find_user_message(session, conversation.id, body.client_message_id)
        if earlier is None or earlier[0] != masked or earlier[1] is None:
            raise Conflict(
                "this client_message_id was already used for another text",
                code="client_message_id_reused",
            )
        return earlier[1]

    # The user's message and the bot's answer go to the log together (one seq block).
    user_event = ("message", message_payload(message))
    reply: BotReplyOut | None = None
    notice: str | None = None
    if policy.bot_answers(conversation.status):
        reply, notice = await _bot_turn(
            session, conversation, message, text, engine, cfg, now, user_event
        )
    else:
        await repo.append_events(session, conversation, [user_event])
    suggestions = reply.suggestions if reply is not None and reply.action == "handoff" else []
    result = SendResultOut(
        message=MessageOut(id=message.id, role="user", text=masked, created_at=message.created_at),
        reply=reply,
        state=await handoff.state_of(session, conversation, cfg, now, suggestions),
        notice=notice,
    )
    assert message.id is not None  # set when it was stored
    result_json = result.model_dump_json()
    await repo.set_result(session, message.id, result_json)
    return result_json


Pending = tuple[str, dict[str, Any]]


async def _bot_turn(
    session: AsyncSession,
    conversation: Conversation,
    message: repo.NewMessage,
    text: str,
    engine: Decider,
    cfg: HandoffConfig,
    now: datetime,
    user_event: Pending,
) -> tuple[BotReplyOut, str | None]:
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
    bot = await _bot_message(
        session, conversation, shaped.reply, message.id, shaped, now, before=[user_event]
    )
    reply = BotReplyOut(message_id=bot.id, **shaped.model_dump())
    notice = None
    if turn.action is Action.HANDOFF and turn.handoff_reason and turn.priority:
        notice = await handoff.hand_off(
            session,
            conversation,
            reason=turn.handoff_reason.value,
            priority=turn.priority.value,
            category=decision.category,
            confidence=decision.confidence,
            cfg=cfg,
            now=now,
        )
    return reply, notice


async def _bot_message(
    session: AsyncSession,
    conversation: Conversation,
    text: str,
    reply_to: int | None,
    decision: DecisionOut | None,
    now: datetime,
    *,
    before: Sequence[Pending] = (),
) -> repo.NewMessage:
    """Store a bot message and log it, after the `before` events (logged in the same block)."""
    reply_json = decision.model_dump(mode="json") if decision else None
    bot = repo.NewMessage(
        conversation_id=conversation.id,
        role="bot",
        text=mask_for_storage(text),
        reply_to=reply_to,
        decision=reply_json,
        created_at=now,
    )
    await repo.insert_message(session, bot)
    payload_reply = {**reply_json, "message_id": bot.id} if reply_json else None
    await repo.append_events(
        session,
        conversation,
        [*before, ("message", message_payload(bot, payload_reply))],
    )
    return bot


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
    await _bot_message(
        session, conversation, notices.NOT_HELPFUL[lang_of(conversation)], None, None, now
    )
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
