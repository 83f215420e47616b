"""All SQL of conversations, messages and their event log."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

from sqlalchemy import (
    JSON,
    String,
    Table,
    Text,
    and_,
    bindparam,
    case,
    func,
    insert,
    inspect,
    literal_column,
    null,
    select,
    update,
)
from sqlalchemy import cast as sql_cast
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import make_transient_to_detached
from sqlalchemy.orm.attributes import set_committed_value
from sqlalchemy.orm.instrumentation import manager_of_class
from sqlalchemy.sql.dml import Insert

from walletbot.conversations.policy import SILENT
from walletbot.storage.db import QUEUE_CHANGED, TOUCHED
from walletbot.storage.direct import Statement, Unit, direct
from walletbot.storage.listener import EVENTS_CHANNEL, QUEUE_MARK
from walletbot.storage.models import Conversation, Event, Message, Ticket
from walletbot.storage.types import utcnow

# The tables, for the hot path's Core statements (no unit-of-work flush, no identity map).
CONVERSATIONS = cast(Table, Conversation.__table__)
MESSAGES = cast(Table, Message.__table__)
EVENTS = cast(Table, Event.__table__)
TICKETS = cast(Table, Ticket.__table__)

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
_SET_RESULT = Statement(
    lambda dialect: (
        update(MESSAGES)
        .where(MESSAGES.c.id == bindparam("message_id"))
        .values(result=_result_text(dialect))
    )
)
_INSERT_EVENTS = Statement(insert(EVENTS))
_EVENT_KEYS = ("conversation_id", "seq", "type", "payload", "created_at")


def add(session: AsyncSession, row: Conversation | Message) -> None:
    session.add(row)


async def get_conversation(
    session: AsyncSession, conversation_id: str, *, lock: bool = False
) -> Conversation | None:
    """`lock`: hold the row until commit (FOR UPDATE on PostgreSQL; SQLite's BEGIN IMMEDIATE
    already serialises writers), so concurrent requests on one conversation take turns."""
    stmt = _CONVERSATION_LOCKED if lock else _CONVERSATION
    row = await (await direct(session)).first(stmt, {"conversation_id": conversation_id})
    if row is None:
        return None
    values = dict(zip(_CONVERSATION_KEYS, row, strict=True))
    held = session.identity_map.get(session.identity_key(Conversation, values["id"]))
    if isinstance(held, Conversation):  # as a query would: the row replaces unsaved changes
        for key, value in values.items():
            set_committed_value(held, key, value)
        return held
    conversation = _loaded(values)
    session.add(conversation)
    return conversation


def attach(session: AsyncSession, conversation: Conversation) -> None:
    """Make a detached conversation (lock_for_message's) the session's own, so
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
    result: str | None = None  # the answer to a user's message, as the JSON sent
    helpful: bool | None = None
    id: int | None = None


async def insert_message(session: AsyncSession, message: NewMessage) -> None:
    """Store a new message in one Core statement (no unit-of-work flush) and set its id.

    Every column is passed: a direct statement sends None as SQL NULL (a JSON column's too,
    where the ORM would store JSON null)."""
    values = {key: getattr(message, key) for key in _MESSAGE_COLUMNS}
    # The message needs nothing unsaved (its conversation row exists), and the conversation's
    # own changes go out with the event counter's UPDATE (append_events): no flush first.
    row = await (await direct(session)).first(_INSERT_MESSAGE, values, _MESSAGE_COLUMNS)
    assert row is not None
    message.id = row[0]


_MESSAGE_COLUMNS = tuple(column.key for column in MESSAGES.columns if column.key != "id")


def _result_text(dialect: str, name: str = "result") -> Any:
    """A message's result, bound as `name`, as the JSON text it already is. PostgreSQL needs the
    text cast to its JSON type; SQLite must not cast: its "JSON" columns have NUMERIC affinity,
    under which CAST turns an object's text into 0."""
    result = bindparam(name, type_=Text())
    return sql_cast(result, JSON) if dialect == "postgresql" else result


_INSERT_MESSAGE = Statement(
    lambda dialect: insert(MESSAGES).values(result=_result_text(dialect)).returning(MESSAGES.c.id)
)


@dataclass(slots=True)
class UserTurn:
    """What a user's message needs, read in one statement that also locks its conversation."""

    # Detached: its changes go out with store_turn's UPDATE (joining the session cost a message
    # more than the query itself); a hand-off attaches it first.
    conversation: Conversation
    # (masked text, stored result's JSON) of a message sent before under the same client id
    earlier: tuple[str, str | None] | None
    open_ticket: tuple[str, str] | None  # (number, status)
    # Ids for the user's message and the bot's answer; no second one when the bot is silent.
    message_ids: tuple[int, int | None]


async def lock_for_message(
    session: Unit, conversation_id: str, client_message_id: str
) -> UserTurn | None:
    """The conversation, locked as get_conversation(lock=True), with what a new message needs:
    the message sent before under this client id (a retry), the open ticket, the new messages'
    ids. One round trip instead of four (docs/conversations.md, "Storage")."""
    connection = await direct(session)
    params = {"conversation_id": conversation_id, "client_message_id": client_message_id}
    row = await connection.first(_LOCK_FOR_MESSAGE, params)
    if row is None:
        return None
    # PostgreSQL (READ COMMITTED): when the lock had to wait for another transaction that
    # changed the conversation, the locked row is the new one but the joined rows are from
    # before it (a retry of this very message may just have been stored). Every such change
    # moves the event counter. The lock is ours now: a second read sees everything.
    if row[_SEQ_BEFORE_LOCK] != row[_EVENT_SEQ]:
        row = await connection.first(_LOCK_FOR_MESSAGE, params)
        assert row is not None  # locked: nobody can have deleted it
    conversation, rest = row[: len(_CONVERSATION_KEYS)], row[len(_CONVERSATION_KEYS) :]
    text, result, number, status, _, first_id, second_id = rest
    return UserTurn(
        conversation=_loaded(dict(zip(_CONVERSATION_KEYS, conversation, strict=True))),
        earlier=(text, result) if text is not None else None,
        open_ticket=(number, status) if number is not None else None,
        message_ids=(first_id, second_id),
    )


_EVENT_SEQ = _CONVERSATION_KEYS.index("event_seq")
# The counter read before the lock: the fifth column after the conversation's (see below).
_SEQ_BEFORE_LOCK = len(_CONVERSATION_KEYS) + 4


def _lock_for_message(dialect: str) -> Any:
    conversation_id = bindparam("conversation_id", type_=String())
    earlier = MESSAGES.alias("earlier")
    candidate = TICKETS.alias("candidate")
    before_lock = CONVERSATIONS.alias("before_lock")
    open_ticket = (
        select(func.max(candidate.c.id))
        .where(candidate.c.conversation_id == conversation_id, candidate.c.status != "resolved")
        .scalar_subquery()
    )
    silent = CONVERSATIONS.c.status.in_(literal_column(f"'{s}'") for s in sorted(SILENT))
    if dialect == "postgresql":  # the sequence of the id's BIGSERIAL (migrations/v0001)
        next_id = func.nextval(literal_column("'messages_id_seq'"))
        ids = [next_id, case((silent, null()), else_=next_id)]
    else:  # the single writer holds the write lock (db.py): nobody else takes these ids
        last_id = select(func.coalesce(func.max(MESSAGES.c.id), 0)).scalar_subquery()
        ids = [last_id + 1, case((silent, null()), else_=last_id + 2)]
    return (
        select(
            CONVERSATIONS,
            earlier.c.text,
            sql_cast(earlier.c.result, Text),
            TICKETS.c.number,
            TICKETS.c.status,
            select(before_lock.c.event_seq)
            .where(before_lock.c.id == conversation_id)
            .scalar_subquery(),
            *ids,
        )
        .select_from(
            CONVERSATIONS.outerjoin(
                earlier,
                and_(
                    earlier.c.conversation_id == CONVERSATIONS.c.id,
                    earlier.c.client_message_id == bindparam("client_message_id"),
                ),
            ).outerjoin(TICKETS, TICKETS.c.id == open_ticket)
        )
        .where(CONVERSATIONS.c.id == conversation_id)
        .with_for_update(of=CONVERSATIONS)
    )


_LOCK_FOR_MESSAGE = Statement(_lock_for_message)


async def store_turn(
    session: Unit,
    conversation: Conversation,
    messages: Sequence[NewMessage],
    events: Sequence[tuple[str, dict[str, Any]]],
) -> None:
    """Store the messages of a turn (ids set: lock_for_message's) and log the events, with the
    conversation's unsaved changes: one statement on PostgreSQL, three on SQLite (which has no
    INSERT in a WITH clause, and no round trips to save). The conversation must be locked and
    read in this transaction (lock_for_message): the events' seqs follow its counter."""
    assert messages and events, "a turn stores a message and logs it"
    changes = _take_changes(conversation)
    first_seq = conversation.event_seq + 1
    now = utcnow()
    params: dict[str, Any] = {f"set_{key}": value for key, value in changes.items()} | {
        "conversation_id": conversation.id,
        "count": len(events),
        "updated_at": now,
    }
    for i, message in enumerate(messages):
        assert message.id is not None, "lock_for_message gives the ids"
        for key in _ALL_MESSAGE_COLUMNS:
            params[f"m{i}_{key}"] = getattr(message, key)
    for i, (type_, payload) in enumerate(events):
        params |= {
            f"e{i}_conversation_id": conversation.id,
            f"e{i}_seq": first_seq + i,
            f"e{i}_type": type_,
            f"e{i}_payload": payload,
            f"e{i}_created_at": now,
        }
    connection = await direct(session)
    postgres = connection.dialect_name == "postgresql"
    if postgres:
        mark = QUEUE_MARK if session.info.get(QUEUE_CHANGED) else ""
        params["notify"] = conversation.id + mark
    bump, *rest = _turn_statements(len(messages), len(events), tuple(sorted(changes)), postgres)
    row = await connection.first(bump, params)
    assert row is not None, "the conversation row is gone"
    for statement in rest:
        await connection.execute(statement, params)
    assert row[0] == first_seq + len(events) - 1, "the conversation was not locked"
    set_committed_value(conversation, "event_seq", row[0])
    session.info.setdefault(TOUCHED, set()).add(conversation.id)


_ALL_MESSAGE_COLUMNS = tuple(column.key for column in MESSAGES.columns)


@functools.cache
def _turn_statements(
    messages: int, events: int, changed: tuple[str, ...], postgres: bool
) -> tuple[Statement, ...]:
    """The statements of one shape of turn, in order, the first returning the new counter: on
    SQLite bump the counter, store the messages, log the events; on PostgreSQL one statement,
    the bump with the other two as its WITH clauses."""
    bump = (
        update(CONVERSATIONS)
        .where(CONVERSATIONS.c.id == bindparam("conversation_id"))
        .values(
            event_seq=CONVERSATIONS.c.event_seq + bindparam("count"),
            **{key: bindparam(f"set_{key}", type_=CONVERSATIONS.c[key].type) for key in changed},
        )
        .returning(CONVERSATIONS.c.event_seq)
    )

    def message_row(i: int, dialect: str) -> dict[str, Any]:
        row = {
            key: bindparam(f"m{i}_{key}", type_=MESSAGES.c[key].type)
            for key in _ALL_MESSAGE_COLUMNS
        }
        row["result"] = _result_text(dialect, f"m{i}_result")
        return row

    def store_messages(dialect: str) -> Insert:
        return insert(MESSAGES).values([message_row(i, dialect) for i in range(messages)])

    log_events = insert(EVENTS).values(
        [
            {key: bindparam(f"e{i}_{key}", type_=EVENTS.c[key].type) for key in _EVENT_KEYS}
            for i in range(events)
        ]
    )
    if not postgres:
        return Statement(bump), Statement(store_messages), Statement(log_events)
    notify = func.pg_notify(EVENTS_CHANNEL, bindparam("notify"))
    bumped = bump.returning(notify).cte("bump")
    everything = select(bumped.c.event_seq, bumped.c.pg_notify).add_cte(
        store_messages("postgresql").cte("new_messages"), log_events.cte("new_events")
    )
    return (Statement(everything),)


async def set_result(session: AsyncSession, message_id: int, result_json: str) -> None:
    """Keep the answer to a user message (its JSON), replayed when the client retries it."""
    await (await direct(session)).execute(
        _SET_RESULT, {"message_id": message_id, "result": result_json}
    )


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
