"""Conversation rules: create, send a message (idempotently), feedback, read the event log."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Any, NamedTuple
from uuid import uuid4

from sqlalchemy.ext.asyncio import AsyncSession

from walletbot.brain.policy import Action
from walletbot.brain.text import Lang
from walletbot.chat.schemas import DecisionOut
from walletbot.chat.service import check_text
from walletbot.conversations import notices, policy, turns
from walletbot.conversations import repository as repo
from walletbot.conversations.events import message_payload
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
from walletbot.dialogue.state import DialogueState
from walletbot.dialogue.turns import Brain, Outcome
from walletbot.errors import Conflict, InvalidInput, NotFound
from walletbot.handoff import service as handoff
from walletbot.handoff.config import HandoffConfig, lang_of
from walletbot.storage.direct import Unit
from walletbot.storage.lean import orm_session
from walletbot.storage.masking import mask_for_storage
from walletbot.storage.models import Conversation, Message

MAX_CURSOR = 2**62


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
    engine: Brain,
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
    outcome: Outcome | None = None
    session: AsyncSession | None = None
    if policy.bot_replies(conversation.status):
        bot_id = found.message_ids[1]
        assert bot_id is not None, "an id is taken for the bot whenever it may answer"
        # The dialogue's move (docs/dialogue.md, "In the service"); ORM work (a hand-off, a
        # raised priority, a vote on the last answer) needs a session: NeedsSession now, before
        # anything is stored.
        outcome = turns.plan(conversation, text, engine, cfg, now)
        last_answer = DialogueState.from_json(conversation.dialogue).answer_message
        if outcome.hand_off or outcome.raise_to or outcome.unhelpful:
            session = orm_session(unit)
        if outcome.hand_off is not None and not await handoff.on_duty(session, cfg, now):  # type: ignore[arg-type]
            outcome = turns.plan(conversation, text, engine, cfg, now, on_duty=False)
        turns.apply(conversation, outcome)
        if outcome.raise_to is not None:
            assert session is not None
            await handoff.raise_priority(session, conversation, outcome.raise_to)
        if outcome.unhelpful:
            assert session is not None
            await _vote_unhelpful(session, conversation, last_answer)
        decision = outcome.decision
        if decision is not None:
            if outcome.wait_notice:
                notice_text = await handoff.waiting_notice(
                    unit, conversation, cfg, now, found.open_ticket
                )
                decision = turns.with_notice(decision, notice_text)
            if decision.action is Action.ANSWER and decision.faq_id:
                state = DialogueState.from_json(conversation.dialogue)
                conversation.dialogue = replace(state, answer_message=bot_id).to_json()
            shaped = DecisionOut.from_decision(decision)
            bot, event = _bot_message(conversation, message.id, shaped, now, bot_id)
            reply = _Reply(BotReplyOut(message_id=bot_id, **shaped.model_dump()), bot, event)
            messages.append(reply.message)
            events.append(reply.event)
    if session is None:  # the answer is known before anything is stored: stored with it
        result = await _result(
            unit, conversation, message, reply, None, cfg, now, found.open_ticket
        )
        message.result = result
        await repo.store_turn(unit, conversation, messages, events)
        return result
    await repo.store_turn(session, conversation, messages, events)
    notice: str | None = None
    hand_off = outcome.hand_off if outcome is not None else None
    if hand_off is not None:
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
    open_ticket = found.open_ticket if hand_off is None else handoff.LOOK_UP
    result = await _result(session, conversation, message, reply, notice, cfg, now, open_ticket)
    assert message.id is not None
    await repo.set_result(session, message.id, result)
    return result


async def _vote_unhelpful(
    session: AsyncSession, conversation: Conversation, message_id: int | None
) -> None:
    """ "没用" / "that didn't help" after an answer: the same vote as a 👎 on it (feedback). The
    dialogue has already chosen what follows (the next entries or a person)."""
    answer = await repo.get_message(session, conversation.id, message_id) if message_id else None
    if answer is not None and answer.helpful is not False:
        answer.helpful = False


Pending = tuple[str, dict[str, Any]]


async def _result(
    unit: Unit,
    conversation: Conversation,
    message: repo.NewMessage,
    reply: _Reply | None,
    notice: str | None,
    cfg: HandoffConfig,
    now: datetime,
    open_ticket: tuple[str, str] | object | None,
) -> str:
    """The answer's JSON. `open_ticket`: as lock_for_message read it, if still true (no hand-off
    since), else handoff.LOOK_UP."""
    assert message.id is not None
    out = reply.out if reply is not None else None
    suggestions = out.suggestions if out is not None and out.action == "handoff" else []
    state = await handoff.state_of(
        unit,
        conversation,
        cfg,
        now,
        suggestions,
        open_ticket=open_ticket,
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
