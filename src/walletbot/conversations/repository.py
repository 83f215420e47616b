"""All SQL of conversations, messages and their event log."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

from sqlalchemy import JSON, Table, Text, bindparam, func, insert, inspect, select, update
from sqlalchemy import cast as sql_cast
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import make_transient_to_detached
from sqlalchemy.orm.attributes import set_committed_value
from sqlalchemy.orm.instrumentation import manager_of_class
from sqlalchemy.sql.dml import Insert

from walletbot.storage.db import QUEUE_CHANGED, TOUCHED
from walletbot.storage.direct import Statement, direct
from walletbot.storage.listener import EVENTS_CHANNEL, QUEUE_MARK
from walletbot.storage.models import Conversation, Event, Message
from walletbot.storage.types import utcnow

# The tables, for the hot path's Core statements (no unit-of-work flush, no identity map).
CONVERSATIONS = cast(Table, Conversation.__table__)
MESSAGES = cast(Table, Message.__table__)
EVENTS = cast(Table, Event.__table__)

# The hot path's statements run on the driver (storage/direct.py): no unit-of-work flush, no
# identity-map query, none of SQLAlchemy's per-statement machinery. Built once, with bound
# parameters; the values they do not name (columns to SET, rows to INSERT) come with each call.
_CONVERSATION_SELECT = select(CONVERSATIONS).where(
    CONVERSATIONS.c.id == bindparam("conversation_id")
)
_CONVERSATION = Statement(_CONVERSATION_SELECT)
_CONVERSATION_LOCKED = Statement(_CONVERSATION_SELECT.with_for_update())
_CONVERSATION_KEYS = tuple(column.key for column in CONVERSATIONS.columns)
# The stored result is the answer's JSON as sent (serialised once), and is read back as text.
# PostgreSQL needs the text cast to its JSON type; SQLite must not cast: its "JSON" columns have
# NUMERIC affinity, under which CAST turns an object's text into 0.
_RESULT_TEXT = bindparam("result", type_=Text())
_SET_RESULT = Statement(
    lambda dialect: (
        update(MESSAGES)
        .where(MESSAGES.c.id == bindparam("message_id"))
        .values(result=sql_cast(_RESULT_TEXT, JSON) if dialect == "postgresql" else _RESULT_TEXT)
    )
)
_USER_MESSAGE = Statement(
    select(MESSAGES.c.text, sql_cast(MESSAGES.c.result, Text)).where(
        MESSAGES.c.conversation_id == bindparam("conversation_id"),
        MESSAGES.c.client_message_id == bindparam("client_message_id"),
    )
)
_INSERT_EVENTS = Statement(insert(EVENTS))
_EVENT_KEYS = ("conversation_id", "seq", "type", "payload", "created_at")


def add(session: AsyncSession, row: Conversation | Message) -> None:
    session.add(row)


async def get_conversation(
    session: AsyncSession, conversation_id: str, *, lock: bool = False, attach: bool = True
) -> Conversation | None:
    """`lock`: hold the row until commit (FOR UPDATE on PostgreSQL; SQLite's BEGIN IMMEDIATE
    already serialises writers), so concurrent requests on one conversation take turns.

    `attach=False`: a detached Conversation, for a caller whose changes all go out through
    `append_events` (a user's message), or that calls `attach` before other ORM work: joining
    the session cost a message more than the query itself."""
    stmt = _CONVERSATION_LOCKED if lock else _CONVERSATION
    row = await (await direct(session)).first(stmt, {"conversation_id": conversation_id})
    if row is None:
        return None
    values = dict(zip(_CONVERSATION_KEYS, row, strict=True))
    if not attach:
        return _loaded(values)
    held = session.identity_map.get(session.identity_key(Conversation, values["id"]))
    if isinstance(held, Conversation):  # as a query would: the row replaces unsaved changes
        for key, value in values.items():
            set_committed_value(held, key, value)
        return held
    conversation = _loaded(values)
    session.add(conversation)
    return conversation


def attach(session: AsyncSession, conversation: Conversation) -> None:
    """Make a detached conversation (get_conversation's `attach=False`) the session's own, so
    the unit of work flushes its later changes."""
    if conversation not in session:
        session.add(conversation)


def _loaded(values: dict[str, Any]) -> Conversation:
    """A detached Conversation as if loaded by a query. As the ORM's loader does: the row straight
    into the instance's dict (setting 22 attributes one by one, each firing its events, cost
    more than the query), then marked as loaded: no history, nothing to flush."""
    conversation: Conversation = _new_conversation()
    conversation.__dict__.update(values)
    make_transient_to_detached(conversation)
    return conversation


_new_conversation = manager_of_class(Conversation).new_instance


@dataclass(slots=True)
class NewMessage:
    """A message to store (insert_message): a plain object, as the ORM's instrumented Message
    costs more to build and read than the statement that stores it."""

    conversation_id: str
    role: str
    text: str
    created_at: datetime
    client_message_id: str | None = None
    reply_to: int | None = None
    decision: dict[str, Any] | None = None
    author: str | None = None
    result: dict[str, Any] | None = None
    helpful: bool | None = None
    id: int | None = None


async def insert_message(session: AsyncSession, message: NewMessage) -> bool:
    """Store a new message in one Core statement (no unit-of-work flush) and set its id.

    A user message with a `client_message_id` already stored in the conversation is not
    inserted (ON CONFLICT DO NOTHING): False, and the caller looks the first one up. Later
    changes go through `set_result`. Every column is passed: a direct statement sends None as
    SQL NULL (a JSON column's too, where the ORM would store JSON null)."""
    values = {key: getattr(message, key) for key in _MESSAGE_COLUMNS}
    # The message needs nothing unsaved (its conversation row exists), and the conversation's
    # own changes go out with the event counter's UPDATE (append_events): no flush first.
    stmt = _INSERT_IDEMPOTENT if message.client_message_id is not None else _INSERT_MESSAGE
    row = await (await direct(session)).first(stmt, values, _MESSAGE_COLUMNS)
    if row is None:
        return False
    message.id = row[0]
    return True


_MESSAGE_COLUMNS = tuple(column.key for column in MESSAGES.columns if column.key != "id")


def _insert_message(dialect: str, idempotent: bool) -> Insert:
    insert_ = postgresql.insert if dialect == "postgresql" else sqlite.insert
    stmt = insert_(MESSAGES)
    if idempotent:
        stmt = stmt.on_conflict_do_nothing(index_elements=["conversation_id", "client_message_id"])
    return stmt.returning(MESSAGES.c.id)


_INSERT_MESSAGE = Statement(lambda dialect: _insert_message(dialect, idempotent=False))
_INSERT_IDEMPOTENT = Statement(lambda dialect: _insert_message(dialect, idempotent=True))


async def set_result(session: AsyncSession, message_id: int, result_json: str) -> None:
    """Keep the answer to a user message (its JSON), replayed when the client retries it."""
    await (await direct(session)).execute(
        _SET_RESULT, {"message_id": message_id, "result": result_json}
    )


async def find_user_message(
    session: AsyncSession, conversation_id: str, client_message_id: str
) -> tuple[str, str | None] | None:
    """(masked text, stored result's JSON) of the user message sent under this id, if any."""
    row = await (await direct(session)).first(
        _USER_MESSAGE,
        {"conversation_id": conversation_id, "client_message_id": client_message_id},
    )
    return (row[0], row[1]) if row is not None else None


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
    changes = _take_changes(conversation)
    params: dict[str, Any] = {
        **changes,
        "conversation_id": conversation.id,
        "count": len(events),
    }
    connection = await direct(session)
    if connection.dialect_name == "postgresql":
        mark = QUEUE_MARK if session.info.get(QUEUE_CHANGED) else ""
        params["notify"] = conversation.id + mark
        bump = _BUMP_NOTIFY
    else:
        bump = _BUMP
    bumped = await connection.first(bump, params, tuple(sorted(changes)))
    assert bumped is not None, "the conversation row is gone"
    first = bumped[0] - len(events) + 1
    now = utcnow()
    await connection.execute_many(
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
        _EVENT_KEYS,
    )
    session.info.setdefault(TOUCHED, set()).add(conversation.id)


_BUMP_EVENT_SEQ = (
    update(CONVERSATIONS)
    .where(CONVERSATIONS.c.id == bindparam("conversation_id"))
    .values(event_seq=CONVERSATIONS.c.event_seq + bindparam("count"))
    .returning(CONVERSATIONS.c.event_seq)
)
_BUMP = Statement(_BUMP_EVENT_SEQ)
_BUMP_NOTIFY = Statement(
    _BUMP_EVENT_SEQ.returning(func.pg_notify(EVENTS_CHANNEL, bindparam("notify")))
)
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
