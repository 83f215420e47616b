"""Conversation rules: create, send a message (idempotently), feedback, read the event log."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any
from uuid import uuid4

from sqlalchemy.ext.asyncio import AsyncSession

from walletbot.brain.decision_rules import Action
from walletbot.brain.text import Lang
from walletbot.chat.schemas import DecisionOut
from walletbot.conversations import bot_turn
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
from walletbot.dialogue.state import DialogueState
from walletbot.dialogue.turns import Brain, Outcome
from walletbot.handoff import notices
from walletbot.handoff import service as handoff
from walletbot.handoff.schemas import HandoffStateOut, TicketRef
from walletbot.handoff.terms import HandoffConfig, lang_of
from walletbot.http.errors import Conflict, InvalidInput, NotFound
from walletbot.http.fields import check_text
from walletbot.records import repository as repo
from walletbot.records import status as conversation_status
from walletbot.records.events import message_payload
from walletbot.records.status import ConversationStatus
from walletbot.records.tokens import new_token, token_matches
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
        id=uuid4().hex,
        token_hash=digest,
        lang=lang,
        status=ConversationStatus.BOT,
        created_at=now,
        updated_at=now,
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
        state=await handoff.state_of(
            session, conversation, cfg, now, await handoff.open_ticket(session, conversation)
        ),
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
    engine: Brain,
    cfg: HandoffConfig,
    now: datetime,
) -> SendResultOut:
    """Store a user's message and all that follows from it, in the caller's transaction: the
    dialogue's move on it (docs/dialogue.md, "In the service") and what the move calls for (a
    hand-off to the queue or a ticket, a raised priority, a vote on the last answer), the bot's
    reply, the events of the log, and the answer itself, which a retry under the same
    client_message_id gets again, storing nothing twice. Every user message is stored here,
    whatever the bot decides (docs/storage.md, "A user's message")."""
    turn = await repo.lock_for_message(session, conversation_id[:64], message.client_message_id)
    conversation = _owned(turn.conversation if turn is not None else None, token)
    assert turn is not None
    if turn.earlier is not None:
        earlier_text, earlier_result = turn.earlier
        if earlier_text != message.masked or earlier_result is None:
            raise Conflict(
                "this client_message_id was already used for another text",
                code="client_message_id_reused",
            )
        return SendResultOut.model_validate(earlier_result)

    user_id, bot_id = turn.message_ids
    stored = repo.NewMessage(
        id=user_id,
        conversation_id=conversation.id,
        role="user",
        text=message.masked,
        client_message_id=message.client_message_id,
        created_at=now,
    )
    bot: repo.NewMessage | None = None
    # The user's message and the bot's reply go to the log together (one seq block).
    events: list[Pending] = [("message", message_payload(stored))]
    ticket = (
        TicketRef(number=turn.open_ticket[0], status=turn.open_ticket[1])
        if turn.open_ticket
        else None
    )
    state: HandoffStateOut | None = None  # where the user stands, once known
    reply: BotReplyOut | None = None
    outcome: Outcome | None = None
    if conversation_status.bot_replies(conversation.status):  # silent only once an agent has it
        outcome = bot_turn.plan(conversation, message.text, engine, cfg, now)
        last_answer = DialogueState.from_json(conversation.dialogue).answer_message
        if outcome.hand_off is not None and not await handoff.on_duty(session, cfg, now):
            outcome = bot_turn.plan(conversation, message.text, engine, cfg, now, on_duty=False)
        decision = outcome.decision
        if decision is not None and decision.action is Action.ANSWER and decision.faq_id:
            # The answer a later "that didn't help" votes on (_vote_unhelpful).
            outcome = replace(outcome, state=replace(outcome.state, answer_message=bot_id))
        bot_turn.apply(conversation, outcome)
        if outcome.raise_to is not None:
            await handoff.raise_priority(session, conversation, outcome.raise_to)
        if outcome.unhelpful:
            await _vote_unhelpful(session, conversation, last_answer)
        if decision is not None:
            if outcome.wait_notice:  # while waiting: no hand-off, the state is final
                state = await handoff.state_of(session, conversation, cfg, now, ticket)
                notice_text = handoff.waiting_notice(conversation, state, cfg, now)
                decision = bot_turn.with_notice(decision, notice_text)
            shaped = DecisionOut.from_decision(decision)
            answer = shaped.model_dump(mode="json")
            bot = repo.NewMessage(
                id=bot_id,
                conversation_id=conversation.id,
                role="bot",
                # Not masked: the bot's reply holds no user text (FAQ answers, configuration,
                # templates, category names; the dialogue reads the masked message), and masking
                # it only garbled the operator's own text: a configured hotline number showed
                # as "[phone]" after a reload. tests/api/test_no_secret_leaks.py checks each row.
                text=shaped.reply,
                reply_to=user_id,
                decision=answer,
                created_at=now,
            )
            reply = BotReplyOut(message_id=bot_id, **shaped.model_dump())
            events.append(("message", message_payload(bot, {**answer, "message_id": bot_id})))
    await repo.append_events(session, conversation, events)
    if outcome is not None and outcome.stop_waiting:  # its events after the two messages
        await handoff.stop_waiting(session, conversation, now)
        ticket = None  # closed, if there was one: the state shows no open ticket
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
        ticket = await handoff.open_ticket(session, conversation)  # maybe opened just now
    if state is None:
        state = await handoff.state_of(session, conversation, cfg, now, ticket)
    if reply is not None and reply.action == "handoff":
        state.suggestions = list(reply.suggestions)
    result = SendResultOut(
        message=MessageOut(id=user_id, role="user", text=stored.text, created_at=now),
        reply=reply,
        state=state,
        notice=notice,
    )
    stored.result = result.model_dump(mode="json")
    await repo.insert_messages(session, [stored] if bot is None else [stored, bot])
    return result


Pending = tuple[str, dict[str, Any]]


async def _vote_unhelpful(
    session: AsyncSession, conversation: Conversation, message_id: int | None
) -> None:
    """ "没用" / "that didn't help" after an answer: the same vote as a 👎 on it (feedback). The
    dialogue has already chosen what follows (the next entries or a person)."""
    answer = await repo.get_message(session, conversation.id, message_id) if message_id else None
    if answer is not None and answer.helpful is not False:
        answer.helpful = False


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
        if newly_unhelpful and conversation_status.bot_answers(conversation.status):
            conversation.unhelpful_count += 1
            if conversation_status.hands_off_after_feedback(conversation.unhelpful_count):
                notice = await _hand_off_unhelpful(session, conversation, answer, cfg, now)
    ticket = await handoff.open_ticket(session, conversation)
    state = await handoff.state_of(session, conversation, cfg, now, ticket)
    return FeedbackOut(state=state, notice=notice)


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
        reason=conversation_status.HandoffReason.NOT_HELPFUL.value,
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
