"""All SQL of conversations, messages and their event log."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any, cast

from sqlalchemy import Table, bindparam, func, insert, inspect, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.attributes import set_committed_value
from sqlalchemy.sql.dml import Insert

from walletbot.storage.db import QUEUE_CHANGED, TOUCHED
from walletbot.storage.listener import EVENTS_CHANNEL, QUEUE_MARK
from walletbot.storage.models import Conversation, Event, Message
from walletbot.storage.types import utcnow

# The tables, for the hot path's Core statements (no unit-of-work flush, no identity map).
CONVERSATIONS = cast(Table, Conversation.__table__)
MESSAGES = cast(Table, Message.__table__)
EVENTS = cast(Table, Event.__table__)

# The hot path's statements are built once, with bound parameters: SQLAlchemy caches a
# statement's compiled form, but building one costs about as much again as executing it
# (150-300 us each on our machine). Values the statements do not name (columns to SET, rows to
# INSERT) come in the execute() parameters.
_CONVERSATION = (
    select(Conversation)
    .where(Conversation.id == bindparam("conversation_id"))
    .execution_options(populate_existing=True)
)
_CONVERSATION_LOCKED = _CONVERSATION.with_for_update()
_SET_RESULT = update(MESSAGES).where(MESSAGES.c.id == bindparam("message_id"))
_USER_MESSAGE = select(Message).where(
    Message.conversation_id == bindparam("conversation_id"),
    Message.client_message_id == bindparam("client_message_id"),
)
_INSERT_EVENTS = insert(EVENTS)


def add(session: AsyncSession, row: Conversation | Message) -> None:
    session.add(row)


async def get_conversation(
    session: AsyncSession, conversation_id: str, *, lock: bool = False
) -> Conversation | None:
    """`lock`: hold the row until commit (FOR UPDATE on PostgreSQL; SQLite's BEGIN IMMEDIATE
    already serialises writers), so concurrent requests on one conversation take turns."""
    stmt = _CONVERSATION_LOCKED if lock else _CONVERSATION
    result = await session.execute(stmt, {"conversation_id": conversation_id})
    return result.scalar_one_or_none()


async def insert_message(session: AsyncSession, message: Message) -> bool:
    """Store a new message in one Core statement (no unit-of-work flush) and set its id.

    A user message with a `client_message_id` already stored in the conversation is not
    inserted (ON CONFLICT DO NOTHING): False, and the caller looks the first one up. The
    message object stays transient: later changes go through `set_result`."""
    # Unset columns are left out rather than passed as None: a None JSON value would be stored
    # as JSON null, not SQL NULL.
    values = {
        key: value for key in _MESSAGE_COLUMNS if (value := getattr(message, key)) is not None
    }
    stmt = _insert_message(session.get_bind().dialect.name, message.client_message_id is not None)
    # No autoflush: the message needs nothing unsaved (its conversation row exists), and the
    # conversation's own changes go out with the event counter's UPDATE (append_events).
    with session.no_autoflush:
        new_id = (await session.execute(stmt, values)).scalar_one_or_none()
    if new_id is None:
        return False
    message.id = new_id
    return True


_MESSAGE_COLUMNS = tuple(column.key for column in MESSAGES.columns if column.key != "id")


@cache
def _insert_message(dialect: str, idempotent: bool) -> Insert:
    insert_ = postgresql.insert if dialect == "postgresql" else sqlite.insert
    stmt = insert_(MESSAGES)
    if idempotent:
        stmt = stmt.on_conflict_do_nothing(index_elements=["conversation_id", "client_message_id"])
    return stmt.returning(MESSAGES.c.id)


async def set_result(session: AsyncSession, message_id: int, result: dict[str, Any]) -> None:
    """Keep the answer to a user message, replayed when the client retries it."""
    await session.execute(_SET_RESULT, {"message_id": message_id, "result": result})


async def find_user_message(
    session: AsyncSession, conversation_id: str, client_message_id: str
) -> Message | None:
    result = await session.execute(
        _USER_MESSAGE,
        {"conversation_id": conversation_id, "client_message_id": client_message_id},
    )
    return result.scalar_one_or_none()


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


async def append_event(
    session: AsyncSession, conversation: Conversation, type_: str, payload: dict[str, Any]
) -> None:
    await append_events(session, conversation, [(type_, payload)])


async def append_events(
    session: AsyncSession, conversation: Conversation, events: Sequence[tuple[str, dict[str, Any]]]
) -> None:
    """Add to the conversation's log under the next `seq`s, in order (see storage/models.py for
    why the counter lives on the conversation row). Two statements whatever the number of
    events: one UPDATE takes the whole block of seqs, one multi-row INSERT stores them.

    The UPDATE also writes the conversation's own unsaved changes (status, language, streak...),
    which would otherwise cost a unit-of-work flush of their own. On PostgreSQL the NOTIFY rides
    in its RETURNING (no round trip of its own); it is delivered at commit, never for a
    rolled-back transaction."""
    params: dict[str, Any] = {
        **_take_changes(conversation),
        "conversation_id": conversation.id,
        "count": len(events),
    }
    if session.get_bind().dialect.name == "postgresql":
        mark = QUEUE_MARK if session.info.get(QUEUE_CHANGED) else ""
        params["notify"] = conversation.id + mark
        bump = _BUMP_NOTIFY
    else:
        bump = _BUMP
    last = (await session.execute(bump, params)).scalars().one()
    first = last - len(events) + 1
    now = utcnow()
    await session.execute(
        _INSERT_EVENTS,
        [
            {
                "conversation_id": conversation.id,
                "seq": first + i,
                "type": t,
                "payload": data,
                "created_at": now,
            }
            for i, (t, data) in enumerate(events)
        ],
    )
    session.info.setdefault(TOUCHED, set()).add(conversation.id)


_BUMP = (
    update(CONVERSATIONS)
    .where(CONVERSATIONS.c.id == bindparam("conversation_id"))
    .values(event_seq=CONVERSATIONS.c.event_seq + bindparam("count"))
    .returning(CONVERSATIONS.c.event_seq)
)
_BUMP_NOTIFY = _BUMP.returning(func.pg_notify(EVENTS_CHANNEL, bindparam("notify")))
# What _take_changes may write: not the key, nor the counter (only the UPDATE above moves it).
_CONVERSATION_COLUMNS = frozenset(c.key for c in CONVERSATIONS.columns) - {"id", "event_seq"}


def _take_changes(conversation: Conversation) -> dict[str, Any]:
    """The conversation's column values set since it was loaded or flushed, now marked as
    saved: the caller's statement writes them instead of the unit of work."""
    state = inspect(conversation)
    if not state.modified:
        return {}
    changes = {
        key: state.dict[key]
        for key in _CONVERSATION_COLUMNS - state.unmodified
        if key in state.dict
    }
    for key, value in changes.items():
        set_committed_value(conversation, key, value)
    return changes


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
