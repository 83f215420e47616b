"""All SQL of conversations, messages and their event log (docs/storage.md)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Row, insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from walletbot.storage.db import TOUCHED
from walletbot.storage.models import Conversation, Event, Message
from walletbot.storage.types import utcnow


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


async def sent_before(
    session: AsyncSession, conversation_id: str, client_message_id: str
) -> Row[str, dict[str, Any] | None] | None:
    """(text, result) of the user message sent before under this client id, if any: a retry.
    Read after the conversation is locked, so a retry running at the same time is either
    committed and seen here, or waits for us."""
    result = await session.execute(
        select(Message.text, Message.result).where(
            Message.conversation_id == conversation_id,
            Message.client_message_id == client_message_id,
        )
    )
    return result.one_or_none()


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
    await session.execute(insert(Event), rows)
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
