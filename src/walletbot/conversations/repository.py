"""All SQL of conversations, messages and their event log."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from walletbot.storage.db import TOUCHED
from walletbot.storage.listener import EVENTS_CHANNEL
from walletbot.storage.models import Conversation, Event, Message


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
) -> Event:
    """Add to the conversation's log under the next `seq` (see storage/models.py for why the
    counter lives on the conversation row)."""
    seq = (
        await session.execute(
            update(Conversation)
            .where(Conversation.id == conversation_id)
            .values(event_seq=Conversation.event_seq + 1)
            .returning(Conversation.event_seq)
            .execution_options(synchronize_session=False)
        )
    ).scalar_one()
    event = Event(conversation_id=conversation_id, seq=seq, type=type_, payload=payload)
    session.add(event)
    await session.flush()
    session.info.setdefault(TOUCHED, set()).add(conversation_id)
    if session.get_bind().dialect.name == "postgresql":
        # Delivered at commit, never for a rolled-back transaction.
        await session.execute(select(func.pg_notify(EVENTS_CHANNEL, conversation_id)))
    return event


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
