"""Renewing an agent's leases never waits for a claim another transaction holds: waiting is how
it deadlocked with a concurrent claim_next (seen in test_end_to_end under load: PostgreSQL chose
a victim, and the agent's request failed with a 500)."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from typing import Any

import asyncpg
import pytest
from sqlalchemy import text

from tests.support.fixtures import pg_dsn
from walletbot.handoff import repository as repo
from walletbot.storage.db import Database
from walletbot.storage.models import Conversation

T0 = datetime(2026, 11, 29, 9, 0, tzinfo=UTC)


@pytest.mark.postgres
async def test_renewing_leases_skips_a_claim_held_by_another_transaction(
    pg_settings: dict[str, Any],
) -> None:
    schema = pg_settings["database_schema"]
    database = Database(pg_settings["database_url"], schema=schema)
    async with database.transaction() as session:
        for conversation_id in ("held", "free"):
            session.add(
                Conversation(
                    id=conversation_id,
                    token_hash="h" * 64,
                    status="assigned",
                    claimed_by="alice",
                    lease_expires_at=T0,
                    created_at=T0,
                    updated_at=T0,
                )
            )
    # Another transaction holds one of alice's claims, as a claim_next that passed over it does.
    holder = await asyncpg.connect(pg_dsn(), server_settings={"search_path": schema})
    holding = holder.transaction()
    await holding.start()
    await holder.execute("SELECT 1 FROM conversations WHERE id = 'held' FOR UPDATE")
    try:
        async with database.transaction() as session:
            renewed = repo.renew_leases(session, "alice", T0 + timedelta(minutes=5))
            await asyncio.wait_for(renewed, timeout=5)  # waiting would block until rollback
    finally:
        await holding.rollback()
        await holder.close()
    async with database.reader() as session:
        leases = dict(
            (await session.execute(text("SELECT id, lease_expires_at FROM conversations"))).all()
        )
    await database.dispose()
    assert leases["free"] == (T0 + timedelta(minutes=5)).replace(tzinfo=None)
    assert leases["held"] == T0.replace(tzinfo=None)  # renewed by alice's next call
