"""Storage set-up: migrations, SQLite durability settings, the masking gate, the CLI."""

from __future__ import annotations

import asyncio
import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import event, text
from sqlalchemy.exc import IntegrityError

from tests.support.fixtures import terminate_backends
from tests.support.servers import REPO
from walletbot.storage.db import POOL_SIZE, Database, alembic_config
from walletbot.storage.masking import mask_for_storage


async def test_migrations_create_the_schema_and_are_idempotent(db_settings: dict[str, Any]) -> None:
    database = Database(db_settings["database_url"], schema=db_settings.get("database_schema"))
    try:
        await database.migrate()
        await database.migrate()
        async with database.reader() as session:
            version = (
                await session.execute(text("SELECT version_num FROM alembic_version"))
            ).scalar()
            assert version == ScriptDirectory.from_config(alembic_config()).get_current_head()
            for table in ("conversations", "messages", "events", "tickets", "agent_presence"):
                await session.execute(text(f"SELECT count(*) FROM {table}"))
    finally:
        await database.dispose()


async def test_sqlite_runs_in_wal_mode_with_full_sync(tmp_path: Path) -> None:
    database = Database(f"sqlite+aiosqlite:///{tmp_path / 'nested' / 'w.db'}")
    try:
        async with database.reader() as session:
            mode = (await session.execute(text("PRAGMA journal_mode"))).scalar()
            sync = (await session.execute(text("PRAGMA synchronous"))).scalar()
            busy = (await session.execute(text("PRAGMA busy_timeout"))).scalar()
        assert (mode, sync, busy) == ("wal", 2, 30000)  # 2 = FULL
    finally:
        await database.dispose()


async def test_sqlite_writers_take_turns_on_one_connection(tmp_path: Path) -> None:
    """Writing transactions queue for the single writer connection (no busy-wait), which has
    the same durability settings as the readers and still fetches rows and reports errors."""
    database = Database(f"sqlite+aiosqlite:///{tmp_path / 'w.db'}")
    try:
        async with database.transaction() as session:
            sync = (await session.execute(text("PRAGMA synchronous"))).scalar()
            busy = (await session.execute(text("PRAGMA busy_timeout"))).scalar()
            await session.execute(text("CREATE TABLE t (n INTEGER PRIMARY KEY)"))
        assert (sync, busy) == (2, 30000)

        async def write(n: int) -> None:
            async with database.transaction() as session:
                await session.execute(text("INSERT INTO t VALUES (:n)"), {"n": n})
                await asyncio.sleep(0)  # hold the transaction across a loop turn

        await asyncio.gather(*(write(n) for n in range(20)))
        async with database.transaction() as session:
            rows = (await session.execute(text("SELECT n FROM t ORDER BY n"))).scalars().all()
            assert rows == list(range(20))
            with pytest.raises(IntegrityError):
                await session.execute(text("INSERT INTO t VALUES (1)"))
    finally:
        await database.dispose()


async def test_writers_are_admitted_first_come_first_served(tmp_path: Path) -> None:
    """A transaction that starts just as the writer connection is given back waits behind
    those already waiting. (The pool's own queue let it barge in: a waiter woken for the
    connection but not yet running lost it, and queued again at the back.)"""
    database = Database(f"sqlite+aiosqlite:///{tmp_path / 'w.db'}")
    try:
        async with database.transaction() as session:
            await session.execute(text("CREATE TABLE t (name TEXT)"))
        order: list[str] = []
        last_in = asyncio.Event()

        async def write(name: str) -> None:
            async with database.transaction() as session:
                await session.execute(text("INSERT INTO t VALUES (:name)"), {"name": name})
                order.append(name)  # it holds the writer connection now
            if name == "late2":
                last_in.set()

        late: list[asyncio.Task[None]] = []

        def arrive_as_the_connection_returns(*_: object) -> None:
            if len(late) < 3:
                late.append(asyncio.get_running_loop().create_task(write(f"late{len(late)}")))

        event.listen(database.engine.sync_engine.pool, "checkin", arrive_as_the_connection_returns)
        waiting = [asyncio.create_task(write(f"w{i}")) for i in range(6)]
        await asyncio.gather(*waiting)
        await asyncio.wait_for(last_in.wait(), timeout=10)
        await asyncio.gather(*late)
        assert order == [f"w{i}" for i in range(6)] + ["late0", "late1", "late2"]
    finally:
        await database.dispose()


async def test_sqlite_writer_waits_for_a_lock_held_elsewhere(tmp_path: Path) -> None:
    """While another process holds the write lock, a writing transaction waits for it (busy
    timeout) rather than failing."""
    path = tmp_path / "w.db"
    database = Database(f"sqlite+aiosqlite:///{path}")
    try:
        async with database.transaction() as session:
            await session.execute(text("CREATE TABLE t (n INTEGER PRIMARY KEY)"))
        other = sqlite3.connect(path, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")

        async def write() -> None:
            async with database.transaction() as session:
                await session.execute(text("INSERT INTO t VALUES (1)"))

        waiting = asyncio.create_task(write())
        await asyncio.sleep(0.3)
        assert not waiting.done()
        other.execute("COMMIT")
        other.close()
        await asyncio.wait_for(waiting, timeout=10)
        async with database.transaction() as session:
            assert (await session.execute(text("SELECT n FROM t"))).scalars().all() == [1]
            busy = (await session.execute(text("PRAGMA busy_timeout"))).scalar()
        assert busy == 30000
    finally:
        await database.dispose()


async def test_sqlite_writers_hold_the_write_lock_from_begin_and_readers_never(
    tmp_path: Path,
) -> None:
    """A writing transaction begins IMMEDIATE (it holds the write lock before its first
    statement, even a read); a reader begins DEFERRED and never takes it."""
    path = tmp_path / "w.db"
    database = Database(f"sqlite+aiosqlite:///{path}")
    other = sqlite3.connect(path, isolation_level=None, timeout=0)
    try:
        async with database.transaction() as session:
            await session.execute(text("CREATE TABLE t (n INTEGER PRIMARY KEY)"))
        async with database.transaction() as session:
            await session.execute(text("SELECT count(*) FROM t"))
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                other.execute("BEGIN IMMEDIATE")
        async with database.reader() as session:
            assert (await session.execute(text("SELECT count(*) FROM t"))).scalar() == 0
            other.execute("BEGIN IMMEDIATE")
            other.execute("INSERT INTO t VALUES (1)")
            other.execute("COMMIT")
    finally:
        other.close()
        await database.dispose()


def test_only_masked_text_is_stored() -> None:
    masked = mask_for_storage("my password is Hunter2!x and phone 13812345678")
    assert "Hunter2!x" not in masked and "13812345678" not in masked


def test_db_upgrade_command(tmp_path: Path) -> None:
    env = {**os.environ, "WALLETBOT_DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'cli.db'}"}
    done = subprocess.run(
        [sys.executable, "-m", "walletbot.cli", "db", "upgrade"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "cli.db").exists()


@pytest.mark.postgres
async def test_postgres_writers_reuse_the_connections_the_pool_keeps(
    pg_settings: dict[str, Any],
) -> None:
    """Bursts of concurrent writing transactions open no connection beyond those the pool keeps:
    an overflow connection is closed when given back, and each new one costs PostgreSQL a
    backend process (with 5 kept and 15 writers admitted, each burst opened ten)."""
    database = Database(pg_settings["database_url"], schema=pg_settings["database_schema"])
    opened: list[object] = []
    event.listen(database.engine.sync_engine, "connect", lambda *_: opened.append(None))

    async def write() -> None:
        async with database.transaction() as session:
            await session.execute(text("SELECT pg_sleep(0.01)"))

    try:
        for _ in range(3):
            await asyncio.gather(*(write() for _ in range(30)))
        assert 1 < len(opened) <= POOL_SIZE
    finally:
        await database.dispose()


@pytest.mark.postgres
async def test_postgres_connections_closed_by_the_server_are_replaced(
    pg_settings: dict[str, Any],
) -> None:
    """After PostgreSQL drops the pool's connections (a restart, a failover, an idle timeout),
    the next transactions get fresh ones instead of failing."""
    database = Database(pg_settings["database_url"], schema=pg_settings["database_schema"])

    async def backend_pids() -> set[int]:
        async def pid() -> int:
            async with database.transaction() as session:
                await session.execute(text("SELECT pg_sleep(0.02)"))
                return int((await session.execute(text("SELECT pg_backend_pid()"))).scalar_one())

        return set(await asyncio.gather(*(pid() for _ in range(4))))

    try:
        before = await backend_pids()
        await terminate_backends(before)
        after = await backend_pids()
        assert after and not after & before
    finally:
        await database.dispose()
