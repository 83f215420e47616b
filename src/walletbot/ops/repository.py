"""All SQL of the ops figures: metrics at scrape time and the dashboard's statistics."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any, NamedTuple

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from walletbot.records.status import ConversationStatus
from walletbot.storage.models import Conversation, Message

# The dashboard reads at most this many recent bot answers: enough for its figures, bounded cost.
MAX_DECISIONS = 50_000


async def decision_counts(session: AsyncSession) -> dict[tuple[str, str, str], int]:
    action = Message.decision["action"].as_string().label("action")
    category = Message.decision["category"].as_string().label("category")
    reason = Message.decision["reason"].as_string().label("reason")
    result = await session.execute(
        select(action, category, reason, func.count().label("n"))
        .where(Message.role == "bot", Message.decision.is_not(None))
        .group_by(action, category, reason)
    )
    return {(r.action or "", r.category or "", r.reason or ""): r.n for r in result}


async def queue_by_priority(session: AsyncSession) -> list[tuple[str, int, datetime | None]]:
    """(priority, waiting conversations, oldest queued_at) for each priority that has any."""
    result = await session.execute(
        select(
            Conversation.priority,
            func.count().label("n"),
            func.min(Conversation.queued_at).label("oldest"),
        )
        .where(Conversation.status == ConversationStatus.QUEUED)
        .group_by(Conversation.priority)
    )
    return [(r.priority or "normal", r.n, r.oldest) for r in result]


async def feedback_counts(session: AsyncSession) -> dict[bool, int]:
    result = await session.execute(
        select(Message.helpful, func.count().label("n"))
        .where(Message.helpful.is_not(None))
        .group_by(Message.helpful)
    )
    return {bool(r.helpful): r.n for r in result}


async def rating_counts(session: AsyncSession) -> dict[int, int]:
    result = await session.execute(
        select(Conversation.rating, func.count().label("n"))
        .where(Conversation.rating.is_not(None))
        .group_by(Conversation.rating)
    )
    return {int(r.rating): r.n for r in result if r.rating is not None}


async def status_counts(session: AsyncSession) -> dict[str, int]:
    result = await session.execute(
        select(Conversation.status, func.count().label("n")).group_by(Conversation.status)
    )
    return {r.status: r.n for r in result}


async def conversations_since(session: AsyncSession, since: datetime) -> Sequence[Conversation]:
    """Conversations started since `since` in which the user wrote at least once."""
    wrote = select(Message.conversation_id).where(Message.role == "user")
    result = await session.execute(
        select(Conversation).where(Conversation.created_at >= since, Conversation.id.in_(wrote))
    )
    return result.scalars().all()


class BotAnswer(NamedTuple):
    conversation_id: str
    created_at: datetime
    decision: dict[str, Any]
    helpful: bool | None
    reply_to: int | None  # the user message answered


async def bot_answers_since(session: AsyncSession, since: datetime) -> list[BotAnswer]:
    """Recent bot answers (with the engine's decision), newest first."""
    result = await session.execute(
        select(
            Message.conversation_id,
            Message.created_at,
            Message.decision,
            Message.helpful,
            Message.reply_to,
        )
        .where(Message.role == "bot", Message.decision.is_not(None), Message.created_at >= since)
        .order_by(Message.id.desc())
        .limit(MAX_DECISIONS)
    )
    return [
        BotAnswer(r.conversation_id, r.created_at, r.decision or {}, r.helpful, r.reply_to)
        for r in result
    ]


async def first_agent_reply(session: AsyncSession, since: datetime) -> dict[str, datetime]:
    result = await session.execute(
        select(Message.conversation_id, func.min(Message.created_at).label("first"))
        .where(Message.role == "agent", Message.created_at >= since)
        .group_by(Message.conversation_id)
    )
    return {r.conversation_id: r.first for r in result}


async def message_texts(session: AsyncSession, ids: Sequence[int]) -> list[str]:
    """Texts (masked, as stored) of the given messages."""
    if not ids:
        return []
    result = await session.execute(select(Message.text).where(Message.id.in_(list(ids))))
    return list(result.scalars().all())
