"""ORM models. Every conversation has an append-only event log; its `seq` is the client's cursor.

`conversations.event_seq` counts the log. It is read and moved only by a transaction that holds
the conversation's row lock (records.repository.append_events), so events of one
conversation commit in `seq` order: a reader that has seen seq N can never later meet a newly
committed N-1 (the classic pitfall of cursors over a global autoincrement id). The unique
(conversation_id, seq) refuses any write that broke the rule (docs/storage.md, "The event log").
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Enum,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from walletbot.records.status import ConversationStatus
from walletbot.storage.types import UtcDateTime, utcnow

# BIGINT on PostgreSQL; INTEGER (the rowid alias, autoincrementing) on SQLite.
BigId = BigInteger().with_variant(Integer(), "sqlite")


class Base(DeclarativeBase):
    pass


class Conversation(Base):
    __tablename__ = "conversations"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64))
    lang: Mapped[str | None] = mapped_column(String(2))
    # VARCHAR(16) holding the enum's values, as the first migration made it: no database enum
    # type to migrate when a status is added; a value outside the enum is refused when bound.
    status: Mapped[ConversationStatus] = mapped_column(
        Enum(
            ConversationStatus,
            native_enum=False,
            length=16,
            values_callable=lambda statuses: [s.value for s in statuses],
            validate_strings=True,
        ),
        default=ConversationStatus.BOT,
    )
    priority: Mapped[str | None] = mapped_column(String(8))
    priority_rank: Mapped[int] = mapped_column(Integer, default=0)
    handoff_reason: Mapped[str | None] = mapped_column(String(32))
    category: Mapped[str | None] = mapped_column(String(64))
    confidence: Mapped[float | None] = mapped_column(Float)
    queued_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    claimed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    claimed_by: Mapped[str | None] = mapped_column(String(64))
    lease_expires_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    resolved_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    low_confidence_streak: Mapped[int] = mapped_column(Integer, default=0)
    unhelpful_count: Mapped[int] = mapped_column(Integer, default=0)
    event_seq: Mapped[int] = mapped_column(Integer, default=0)
    announced_position: Mapped[int | None] = mapped_column(Integer)
    rating: Mapped[int | None] = mapped_column(Integer)
    rating_comment: Mapped[str | None] = mapped_column(Text)
    # walletbot.dialogue.state.DialogueState as JSON (docs/dialogue.md); null = fresh
    dialogue: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, onupdate=utcnow)

    __table_args__ = (
        Index("ix_conversations_queue", "status", "priority_rank", "queued_at"),
        Index("ix_conversations_claimed_at", "claimed_at"),
    )


class Message(Base):
    __tablename__ = "messages"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    conversation_id: Mapped[str] = mapped_column(ForeignKey("conversations.id"), index=True)
    role: Mapped[str] = mapped_column(String(8))  # user | bot | agent
    text: Mapped[str] = mapped_column(Text)  # masked, always (storage.masking)
    author: Mapped[str | None] = mapped_column(String(64))  # the agent's name
    client_message_id: Mapped[str | None] = mapped_column(String(128))
    reply_to: Mapped[int | None] = mapped_column(BigId)
    # None is SQL NULL (not JSON null), whether the ORM or a Core INSERT writes the row
    decision: Mapped[dict[str, Any] | None] = mapped_column(JSON(none_as_null=True))
    result: Mapped[dict[str, Any] | None] = mapped_column(JSON(none_as_null=True))  # for retries
    helpful: Mapped[bool | None] = mapped_column(Boolean)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)

    __table_args__ = (UniqueConstraint("conversation_id", "client_message_id"),)


class Event(Base):
    __tablename__ = "events"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    conversation_id: Mapped[str] = mapped_column(ForeignKey("conversations.id"))
    seq: Mapped[int] = mapped_column(Integer)
    type: Mapped[str] = mapped_column(String(16))  # message | status | queue | ticket
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)

    __table_args__ = (UniqueConstraint("conversation_id", "seq"),)


class Ticket(Base):
    __tablename__ = "tickets"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    number: Mapped[str | None] = mapped_column(String(32), unique=True)
    conversation_id: Mapped[str] = mapped_column(ForeignKey("conversations.id"), index=True)
    status: Mapped[str] = mapped_column(String(16), default="open")  # open|in_progress|resolved
    priority: Mapped[str] = mapped_column(String(8))
    reason: Mapped[str] = mapped_column(String(32))
    category: Mapped[str | None] = mapped_column(String(64))
    updated_by: Mapped[str | None] = mapped_column(String(64))
    # SHA-256 of the code that opens the ticket's page on any device (handoff/ticket_follow.py)
    follow_code_hash: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, onupdate=utcnow)


class AgentPresence(Base):
    __tablename__ = "agent_presence"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    role: Mapped[str] = mapped_column(String(8))
    last_seen_at: Mapped[datetime] = mapped_column(UtcDateTime)


class AuditEntry(Base):
    """One agent's read of one conversation (docs/safety.md, "Who reads what")."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    agent: Mapped[str] = mapped_column(String(64))
    role: Mapped[str] = mapped_column(String(8))  # agent | admin, at the time of the read
    conversation_id: Mapped[str] = mapped_column(ForeignKey("conversations.id"))
    action: Mapped[str] = mapped_column(String(16))  # view | claim | queue
    at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)

    __table_args__ = (
        Index("ix_audit_log_conversation", "conversation_id", "at"),
        Index("ix_audit_log_agent", "agent", "at"),
    )
