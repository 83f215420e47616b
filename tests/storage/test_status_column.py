"""The status column holds `ConversationStatus`, with the column type the first migration made
(VARCHAR(16)): rows written as plain text load as members on both databases, queries compare
with members, and a value outside the enum never reaches the database."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import bindparam, select, text
from sqlalchemy.exc import StatementError

from walletbot.records.status import ConversationStatus
from walletbot.storage.db import Database
from walletbot.storage.models import Conversation
from walletbot.storage.types import UtcDateTime, utcnow

PLAIN_INSERT = text(
    "INSERT INTO conversations (id, token_hash, status, priority_rank, low_confidence_streak,"
    " unhelpful_count, event_seq, created_at, updated_at)"
    " VALUES (:id, 'x', :status, 0, 0, 0, 0, :now, :now)"
).bindparams(bindparam("now", type_=UtcDateTime()))


async def test_rows_written_as_text_load_as_the_enum(db_settings: dict[str, Any]) -> None:
    database = Database(db_settings["database_url"], schema=db_settings.get("database_schema"))
    try:
        await database.migrate()
        async with database.transaction() as session:
            for status in ("bot", "queued", "assigned", "ticket", "resolved"):
                await session.execute(
                    PLAIN_INSERT, {"id": f"c-{status}", "status": status, "now": utcnow()}
                )
        async with database.reader() as session:
            loaded = (await session.scalars(select(Conversation).order_by(Conversation.id))).all()
            assert {c.id: c.status for c in loaded} == {
                f"c-{s.value}": s for s in ConversationStatus
            }
            assert all(type(c.status) is ConversationStatus for c in loaded)
            queued = await session.scalars(
                select(Conversation.id).where(Conversation.status == ConversationStatus.QUEUED)
            )
            assert queued.all() == ["c-queued"]
    finally:
        await database.dispose()


async def test_a_status_outside_the_enum_is_refused(db_settings: dict[str, Any]) -> None:
    database = Database(db_settings["database_url"], schema=db_settings.get("database_schema"))
    try:
        await database.migrate()
        with pytest.raises(StatementError, match="closed"):
            async with database.transaction() as session:
                await session.execute(
                    select(Conversation.id).where(Conversation.status == "closed")
                )
    finally:
        await database.dispose()
