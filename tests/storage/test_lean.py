"""PostgreSQL transactions without a session (storage/lean.py): direct statements read and write
what they do in a session, roll back with the transaction, and survive the server closing
their connections; work that needs the ORM is refused before it can write."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import pytest
from sqlalchemy import event, text

from tests.support.fixtures import terminate_backends
from walletbot.conversations import repository as repo
from walletbot.storage.db import POOL_SIZE, Database
from walletbot.storage.direct import Direct, direct
from walletbot.storage.lean import NeedsSession, orm_session
from walletbot.storage.models import Conversation
from walletbot.storage.types import utcnow

pytestmark = pytest.mark.postgres


@pytest.fixture
async def database(pg_settings: dict[str, Any]) -> AsyncIterator[Database]:
    database = Database(pg_settings["database_url"], schema=pg_settings["database_schema"])
    await database.migrate()
    async with database.transaction() as session:
        for i in range(3):
            now = utcnow()
            session.add(
                Conversation(id=f"c{i}", token_hash="h" * 64, created_at=now, updated_at=now)
            )
    try:
        yield database
    finally:
        await database.dispose()


async def stored(database: Database, sql: str) -> list[tuple[Any, ...]]:
    async with database.reader() as session:
        return [tuple(row) for row in (await session.execute(text(sql))).all()]


def a_message(found: repo.UserTurn, client_message_id: str) -> repo.NewMessage:
    return repo.NewMessage(
        id=found.message_ids[0],
        conversation_id=found.conversation.id,
        role="user",
        text="我的卡被盗刷了 · card stolen",
        client_message_id=client_message_id,
        created_at=utcnow(),
        decision={"confidence": 0.8125, "text": "已冻结"},
        result='{"reply": null}',
    )


async def test_a_turn_without_a_session_is_stored_as_in_one(database: Database) -> None:
    checkouts: list[object] = []
    event.listen(database.engine.sync_engine, "checkout", lambda *_: checkouts.append(None))
    for unit_of, conversation_id in (
        (database.lean_transaction, "c0"),
        (database.transaction, "c1"),
    ):
        async with unit_of() as unit:
            found = await repo.lock_for_message(unit, conversation_id, "m-1")
            assert found is not None
            found.conversation.status = "bot"
            message = a_message(found, "m-1")
            await repo.store_turn(unit, found.conversation, [message], [("message", {"n": 1})])
    assert len(checkouts) == 1  # the session's; none for the lean transaction
    messages = await stored(
        database,
        "SELECT conversation_id, role, text, decision::text, result::text FROM messages"
        " ORDER BY conversation_id",
    )
    assert [row[1:] for row in messages[:1]] == [row[1:] for row in messages[1:]]
    events = await stored(database, "SELECT conversation_id, seq, payload::text FROM events")
    assert sorted(row[1:] for row in events) == [(1, '{"n": 1}'), (1, '{"n": 1}')]
    async with database.lean_transaction() as unit:  # and read back the same way
        again = [await repo.lock_for_message(unit, c, "m-1") for c in ("c0", "c1")]
    assert again[0] is not None and again[1] is not None
    assert again[0].earlier == again[1].earlier == (message.text, '{"reply": null}')


async def test_a_lean_transaction_rolls_back_on_error(database: Database) -> None:
    with pytest.raises(RuntimeError):
        async with database.lean_transaction() as unit:
            found = await repo.lock_for_message(unit, "c0", "m-1")
            assert found is not None
            await repo.store_turn(
                unit, found.conversation, [a_message(found, "m-1")], [("message", {})]
            )
            raise RuntimeError("the request failed")
    assert await stored(database, "SELECT count(*) FROM messages") == [(0,)]
    assert await stored(database, "SELECT event_seq FROM conversations WHERE id = 'c0'") == [(0,)]


async def test_orm_work_is_refused_in_a_lean_transaction(database: Database) -> None:
    async with database.lean_transaction() as unit:
        with pytest.raises(NeedsSession):
            orm_session(unit)
    async with database.transaction() as session:
        assert orm_session(session) is session


async def test_connections_are_kept_and_replaced_when_the_server_closes_them(
    database: Database,
) -> None:
    async def backend_pids() -> set[int]:
        async def pid() -> int:
            async with database.lean_transaction() as unit:
                connection: Direct = await direct(unit)
                await connection.first(repo._CONVERSATION, {"conversation_id": "c0"})
                driver = connection._driver._connection  # type: ignore[attr-defined]
                await driver.execute("SELECT pg_sleep(0.02)")
                return int(await driver.fetchval("SELECT pg_backend_pid()"))

        return set(await asyncio.gather(*(pid() for _ in range(4))))

    before = await backend_pids()
    assert len(before) == 4 and await backend_pids() == before  # kept, not opened again
    await terminate_backends(before)
    after = await backend_pids()
    assert after and not after & before


async def test_no_more_connections_than_writers_admitted(database: Database) -> None:
    async def write() -> None:
        async with database.lean_transaction() as unit:
            driver = (await direct(unit))._driver._connection  # type: ignore[attr-defined]
            await driver.execute("SELECT pg_sleep(0.01)")

    await asyncio.gather(*(write() for _ in range(3 * POOL_SIZE)))
    assert database._lean is not None and len(database._lean._idle) == POOL_SIZE


async def test_connections_take_the_url_as_sqlalchemy_does(pg_settings: dict[str, Any]) -> None:
    """Query options of the URL meant for SQLAlchemy's adapter are not sent to the server (as
    a DSN, asyncpg would send an unknown one as a setting, which PostgreSQL refuses)."""
    url = pg_settings["database_url"] + "?prepared_statement_cache_size=10"
    database = Database(url, schema=pg_settings["database_schema"])
    try:
        async with database.lean_transaction() as unit:
            assert (
                await (await direct(unit)).first(repo._CONVERSATION, {"conversation_id": "x"})
                is None
            )
    finally:
        await database.dispose()
