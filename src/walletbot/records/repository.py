"""All SQL of conversations, messages and their event log (docs/storage.md)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields
from datetime import datetime
from typing import Any, cast

from sqlalchemy import ColumnElement, Select, Table, and_, bindparam, func, insert, select
from sqlalchemy import Sequence as DatabaseSequence
from sqlalchemy.ext.asyncio import AsyncSession

from walletbot.storage.db import TOUCHED
from walletbot.storage.models import Conversation, Event, Message, Ticket
from walletbot.storage.types import utcnow

# The tables, for Core statements: rows written here are never read back in the same
# transaction, so the ORM has nothing to track.
CONVERSATIONS = cast(Table, Conversation.__table__)
MESSAGES = cast(Table, Message.__table__)
EVENTS = cast(Table, Event.__table__)
TICKETS = cast(Table, Ticket.__table__)


def add(session: AsyncSession, row: Conversation | Message) -> None:
    session.add(row)


async def get_conversation(
    session: AsyncSession, conversation_id: str, *, lock: bool = False
) -> Conversation | None:
    """The conversation as its row is now (what the session held is replaced). `lock`: hold
    the row until commit (FOR UPDATE on PostgreSQL; SQLite's BEGIN IMMEDIATE already
    serialises writers), so concurrent requests on one conversation take turns, and its event
    counter stays ours until we commit (append_events)."""
    stmt = (
        select(Conversation)
        .where(Conversation.id == conversation_id)
        .execution_options(populate_existing=True)
    )
    if lock:
        stmt = stmt.with_for_update()
    return await session.scalar(stmt)


@dataclass(frozen=True, slots=True)
class MessageTurn:
    """What storing a user's message needs, read in the statement that locks its conversation."""

    conversation: Conversation
    # (masked text, stored answer) of the message sent before under the same client id: a retry
    earlier: tuple[str, dict[str, Any] | None] | None
    open_ticket: tuple[str, str] | None  # (number, status) of the conversation's open ticket
    message_ids: tuple[int, int]  # taken for the user's message and the bot's reply


async def lock_for_message(
    session: AsyncSession, conversation_id: str, client_message_id: str
) -> MessageTurn | None:
    """The conversation, locked as get_conversation(lock=True), with what a new message needs:
    the message sent before under this client id, the open ticket, and ids for the new
    messages (so that the user's message, its stored answer and the bot's reply, which name
    each other, are written in one INSERT), all in one statement.

    PostgreSQL (READ COMMITTED): when the lock had to wait for another transaction that changed
    the conversation, the locked row is the new one but the joined rows are from before it (a
    retry of this very message may just have been stored). Every such change logs an event,
    which moves the counter: read once more then, the lock being ours. SQLite's writer holds
    the write lock from BEGIN: what it reads is never stale."""
    dialect = session.get_bind().dialect.name
    params = {"conversation_id": conversation_id, "client_message_id": client_message_id}
    statement = _LOCK_FOR_MESSAGE[dialect == "postgresql"]
    row = (await session.execute(statement, params)).one_or_none()
    if row is not None and row.seq_before_lock != row.Conversation.event_seq:
        row = (await session.execute(statement, params)).one()
    if row is None:
        return None
    return MessageTurn(
        conversation=row.Conversation,
        earlier=(row.earlier_text, row.earlier_result) if row.earlier_text is not None else None,
        open_ticket=(row.ticket_number, row.ticket_status)
        if row.ticket_number is not None
        else None,
        message_ids=(row.user_message_id, row.bot_message_id),
    )


def _lock_for_message(postgres: bool) -> Select[Any]:
    """Built once per database, with bound parameters: its cache key is computed once."""
    conversation_id = bindparam("conversation_id", type_=CONVERSATIONS.c.id.type)
    earlier = MESSAGES.alias("earlier")
    before_lock = CONVERSATIONS.alias("before_lock")
    open_ticket_id = (
        select(func.max(TICKETS.c.id))
        .where(TICKETS.c.conversation_id == conversation_id, TICKETS.c.status != "resolved")
        .scalar_subquery()
    )
    user_id: ColumnElement[int]
    bot_id: ColumnElement[int]
    if postgres:  # the sequence behind messages.id (BIGSERIAL, migrations/v0001)
        user_id, bot_id = (DatabaseSequence("messages_id_seq").next_value() for _ in range(2))
    else:  # the writer holds the write lock (storage/db.py): nobody else takes ids meanwhile
        last_id = select(func.coalesce(func.max(MESSAGES.c.id), 0)).scalar_subquery()
        user_id, bot_id = last_id + 1, last_id + 2
    return (
        select(
            Conversation,
            earlier.c.text.label("earlier_text"),
            earlier.c.result.label("earlier_result"),
            TICKETS.c.number.label("ticket_number"),
            TICKETS.c.status.label("ticket_status"),
            select(before_lock.c.event_seq)
            .where(before_lock.c.id == conversation_id)
            .scalar_subquery()
            .label("seq_before_lock"),
            user_id.label("user_message_id"),
            bot_id.label("bot_message_id"),
        )
        .outerjoin(
            earlier,
            and_(
                earlier.c.conversation_id == Conversation.id,
                earlier.c.client_message_id == bindparam("client_message_id"),
            ),
        )
        .outerjoin(TICKETS, TICKETS.c.id == open_ticket_id)
        .where(Conversation.id == conversation_id)
        .with_for_update(of=Conversation)
        .execution_options(populate_existing=True)
    )


_LOCK_FOR_MESSAGE = {postgres: _lock_for_message(postgres) for postgres in (False, True)}


@dataclass(slots=True)
class NewMessage:
    """A message to store, with an id taken by lock_for_message."""

    id: int
    conversation_id: str
    role: str
    text: str  # masked (storage.masking)
    created_at: datetime
    author: str | None = None
    client_message_id: str | None = None
    reply_to: int | None = None
    decision: dict[str, Any] | None = None
    result: dict[str, Any] | None = None
    helpful: bool | None = None


_NEW_MESSAGE_COLUMNS = tuple(field.name for field in fields(NewMessage))
# Statements built once: a statement object computes its cache key once (SQLAlchemy memoizes it).
_INSERT_MESSAGES = insert(MESSAGES)
_INSERT_EVENTS = insert(EVENTS)


async def insert_messages(session: AsyncSession, messages: Sequence[NewMessage]) -> None:
    """One INSERT for all of them (a Core statement: the ORM has nothing to track)."""
    rows = [{name: getattr(m, name) for name in _NEW_MESSAGE_COLUMNS} for m in messages]
    await session.execute(_INSERT_MESSAGES, rows)


async def get_message(
    session: AsyncSession, conversation_id: str, message_id: int
) -> Message | None:
    result = await session.execute(
        select(Message).where(Message.conversation_id == conversation_id, Message.id == message_id)
    )
    return result.scalar_one_or_none()


async def transcript(session: AsyncSession, conversation_id: str, limit: int) -> list[Message]:
    """The last `limit` messages, oldest first."""
    result = await session.execute(
        select(Message)
        .where(Message.conversation_id == conversation_id)
        .order_by(Message.id.desc())
        .limit(limit)
    )
    return list(reversed(result.scalars().all()))


async def append_events(
    session: AsyncSession,
    conversation: Conversation,
    events: Sequence[tuple[str, dict[str, Any]]],
) -> None:
    """Add to the conversation's log under its next `seq`s, in order, in one statement; the
    conversation's new counter is saved at the next flush.

    The conversation must be locked in this transaction (get_conversation(lock=True), or an
    UPDATE of its row): the counter is then ours until commit, so the events of one conversation
    commit in `seq` order (storage/models.py), and the unique (conversation, seq) refuses any
    write that broke the rule. A Core INSERT: the log is only appended to here, never read back
    in the same transaction, so the ORM has nothing to track (and on SQLite it would insert
    the rows one statement each, to read their ids back in order)."""
    now = utcnow()
    first = conversation.event_seq + 1
    conversation.event_seq += len(events)
    rows = [
        {
            "conversation_id": conversation.id,
            "seq": first + i,
            "type": type_,
            "payload": payload,
            "created_at": now,
        }
        for i, (type_, payload) in enumerate(events)
    ]
    await session.execute(_INSERT_EVENTS, rows)
    session.info.setdefault(TOUCHED, set()).add(conversation.id)


async def append_event(
    session: AsyncSession, conversation: Conversation, type_: str, payload: dict[str, Any]
) -> None:
    await append_events(session, conversation, [(type_, payload)])


async def events_after(
    session: AsyncSession, conversation_id: str, after: int, limit: int
) -> list[Event]:
    result = await session.execute(
        select(Event)
        .where(Event.conversation_id == conversation_id, Event.seq > after)
        .order_by(Event.seq)
        .limit(limit)
    )
    return list(result.scalars().all())
