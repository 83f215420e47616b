"""All SQL of conversations, messages and their event log."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

from sqlalchemy import Table, func, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from walletbot.storage.db import QUEUE_CHANGED, TOUCHED
from walletbot.storage.listener import EVENTS_CHANNEL, QUEUE_MARK
from walletbot.storage.models import Conversation, Event, Message
from walletbot.storage.types import utcnow

# The tables, for the hot path's Core statements (no unit-of-work flush, no identity map).
MESSAGES = cast(Table, Message.__table__)
EVENTS = cast(Table, Event.__table__)


def add(session: AsyncSession, row: Conversation | Message) -> None:
    session.add(row)


async def get_conversation(
    session: AsyncSession, conversation_id: str, *, lock: bool = False
) -> Conversation | None:
    """`lock`: hold the row until commit (FOR UPDATE on PostgreSQL; SQLite's BEGIN IMMEDIATE
    already serialises writers), so concurrent requests on one conversation take turns."""
    stmt = select(Conversation).where(Conversation.id == conversation_id)
    if lock:
        stmt = stmt.with_for_update()
    result = await session.execute(stmt.execution_options(populate_existing=True))
    return result.scalar_one_or_none()


async def insert_message(session: AsyncSession, message: Message) -> bool:
    """Store a new message in one Core statement (no unit-of-work flush) and set its id.

    A user message with a `client_message_id` already stored in the conversation is not
    inserted (ON CONFLICT DO NOTHING): False, and the caller looks the first one up. The
    message object stays transient: later changes go through `set_result`."""
    table = MESSAGES
    dialect = session.get_bind().dialect.name
    insert_ = postgresql.insert if dialect == "postgresql" else sqlite.insert
    values = {
        column.key: getattr(message, column.key)
        for column in table.columns
        if column.key != "id" and getattr(message, column.key) is not None
    }
    stmt = insert_(table).values(values)
    if message.client_message_id is not None:
        stmt = stmt.on_conflict_do_nothing(index_elements=["conversation_id", "client_message_id"])
    new_id = (await session.execute(stmt.returning(table.c.id))).scalar_one_or_none()
    if new_id is None:
        return False
    message.id = new_id
    return True


async def set_result(session: AsyncSession, message_id: int, result: dict[str, Any]) -> None:
    """Keep the answer to a user message, replayed when the client retries it."""
    await session.execute(update(MESSAGES).where(MESSAGES.c.id == message_id).values(result=result))


async def find_user_message(
    session: AsyncSession, conversation_id: str, client_message_id: str
) -> Message | None:
    result = await session.execute(
        select(Message).where(
            Message.conversation_id == conversation_id,
            Message.client_message_id == client_message_id,
        )
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
    session: AsyncSession, conversation_id: str, type_: str, payload: dict[str, Any]
) -> None:
    await append_events(session, conversation_id, [(type_, payload)])


async def append_events(
    session: AsyncSession, conversation_id: str, events: Sequence[tuple[str, dict[str, Any]]]
) -> None:
    """Add to the conversation's log under the next `seq`s, in order (see storage/models.py for
    why the counter lives on the conversation row). Two statements whatever the number of
    events: one UPDATE takes the whole block of seqs, one multi-row INSERT stores them. On
    PostgreSQL the NOTIFY rides in the UPDATE's RETURNING (no round trip of its own); it is
    delivered at commit, never for a rolled-back transaction."""
    bump = (
        update(Conversation)
        .where(Conversation.id == conversation_id)
        .values(event_seq=Conversation.event_seq + len(events))
        .execution_options(synchronize_session=False)
    )
    if session.get_bind().dialect.name == "postgresql":
        mark = QUEUE_MARK if session.info.get(QUEUE_CHANGED) else ""
        bump = bump.returning(
            Conversation.event_seq, func.pg_notify(EVENTS_CHANNEL, conversation_id + mark)
        )
    else:
        bump = bump.returning(Conversation.event_seq)
    last = (await session.execute(bump)).scalars().one()
    first = last - len(events) + 1
    now = utcnow()
    await session.execute(
        insert(EVENTS),
        [
            {
                "conversation_id": conversation_id,
                "seq": first + i,
                "type": t,
                "payload": data,
                "created_at": now,
            }
            for i, (t, data) in enumerate(events)
        ],
    )
    session.info.setdefault(TOUCHED, set()).add(conversation_id)


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
