"""The database: one async engine per process, request sessions, migrations.

SQLite (the embedded default) runs in WAL mode and starts every writing transaction with
`BEGIN IMMEDIATE`: the write lock is taken up front, so a read-then-write transaction never fails
half-way with SQLITE_BUSY and conditional updates (claims) are serialised. SQLite has one writer
at a time anyway, so writing transactions share a single pooled connection: they wait their turn
(first come, first served, no CPU spent; see `Database.__init__`) instead of sleeping in SQLite's
busy handler, whose back-off sleeps up to 100 ms at a time. Readers (the event stream, GET
endpoints, the queue worker) use their own engine with deferred BEGIN and several connections, so
they never wait for writers (WAL).
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import event, text
from sqlalchemy.dialects.postgresql.asyncpg import PGDialect_asyncpg
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.pool import PoolProxiedConnection

from walletbot.storage import sqlite
from walletbot.storage.direct import Unit
from walletbot.storage.group_commit import GroupCommitWriter
from walletbot.storage.lean import LeanConnections, LeanTransaction

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
# Arbitrary constant: serialises concurrent `upgrade` runs of several instances on PostgreSQL.
MIGRATION_LOCK_ID = 7_311_042
# PostgreSQL's pool. Writing transactions are admitted up to POOL_SIZE at once, so under load
# each finds a kept connection: the pool closes an overflow connection when it is given back, and
# with SQLAlchemy's default of 5 kept, a burst of writers opened (PostgreSQL forks a backend for
# each) and closed about ten connections per 16 messages. The overflow is for readers.
POOL_SIZE = 15
POOL_OVERFLOW = 10
# Session.info key: conversation ids whose event log grew in this transaction (woken after commit).
TOUCHED = "walletbot_touched"
# Session.info key: set when the transaction changed the queue (someone joined or left it), so
# the queue worker should re-announce positions; most messages leave the queue alone.
QUEUE_CHANGED = "walletbot_queue_changed"


class Database:
    def __init__(
        self,
        url: str,
        *,
        schema: str | None = None,
        sqlite_synchronous: str = "FULL",
        on_commit: Callable[[set[str], bool], None] | None = None,
    ) -> None:
        parsed = make_url(url)
        self.is_sqlite = parsed.get_backend_name() == "sqlite"
        self.is_postgres = parsed.get_backend_name() == "postgresql"
        connect_args: dict[str, Any] = {}
        # A SQLite file's single writer commits in groups (storage/group_commit.py).
        self._group_writer: GroupCommitWriter | None = None
        self._lean: LeanConnections | None = None  # PostgreSQL's (storage/lean.py)
        if self.is_sqlite:
            connect_args["timeout"] = 30
            if parsed.database and parsed.database != ":memory:":
                Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        elif schema:
            connect_args["server_settings"] = {"search_path": schema}
        if self.is_sqlite and parsed.database and parsed.database != ":memory:":
            # One writer connection (see the module docstring), with fewer thread hops
            # (storage/sqlite.py); readers get their own pool.
            self.engine: AsyncEngine = create_async_engine(
                url,
                async_creator=sqlite.connector(parsed.database, timeout=30),
                pool_size=1,
                max_overflow=0,
                pool_timeout=60,
            )
            self._read_engine = create_async_engine(url, connect_args=connect_args)
            _configure_sqlite(self.engine, sqlite_synchronous)
            _configure_sqlite(self._read_engine, sqlite_synchronous)
            readers = self._read_engine.execution_options(sqlite_begin="DEFERRED")
            self._group_writer = GroupCommitWriter(self.engine)
        elif self.is_sqlite:  # in memory: one database per connection, so one engine
            self.engine = create_async_engine(url, connect_args=connect_args)
            _configure_sqlite(self.engine, sqlite_synchronous)
            self._read_engine = self.engine
            readers = self.engine.execution_options(sqlite_begin="DEFERRED")
        else:
            self.engine = create_async_engine(
                url,
                connect_args=connect_args,
                pool_size=POOL_SIZE,
                max_overflow=POOL_OVERFLOW,
            )
            self._read_engine = self.engine
            readers = self.engine
            _replace_closed_connections(self.engine)
            dialect = self.engine.dialect
            assert isinstance(dialect, PGDialect_asyncpg), "PostgreSQL through asyncpg"
            self._lean = LeanConnections(parsed, schema, dialect)
        self._sessions = async_sessionmaker(self.engine, expire_on_commit=False)
        # Writing transactions take turns in arrival order. Waiting in the pool's queue is not
        # fair: a connection given back goes to whoever asks next, and a waiter woken for it but
        # not yet running loses it and queues again at the back, so under load some requests
        # waited many turns (persisted messages, SQLite: p99 800-1,060 ms against a median of
        # 220-270). asyncio's Semaphore serves its waiters first come, first served; it admits as
        # many transactions as the pool keeps connections (SQLite: its one writer).
        self._writer_turns = asyncio.Semaphore(1 if self.is_sqlite else POOL_SIZE)
        self._readers = async_sessionmaker(readers, expire_on_commit=False)
        self.on_commit = on_commit

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[AsyncSession]:
        """One unit of work: committed when this returns, rolled back on any error; then the
        listeners are woken."""
        unit = (
            self._group_writer.transaction()
            if self._group_writer is not None
            else self._own_transaction()
        )
        async with unit as session:
            yield session
        self._committed(session)

    @asynccontextmanager
    async def lean_transaction(self) -> AsyncIterator[Unit]:
        """A transaction for direct statements only, with no ORM session (storage/lean.py):
        work that needs one raises NeedsSession and runs again in `transaction()`."""
        if self._group_writer is None and self._lean is None:  # SQLite in memory
            async with self.transaction() as session:
                yield session
            return
        async with self._lean_unit() as unit:
            yield unit
        self._committed(unit)

    @asynccontextmanager
    async def _lean_unit(self) -> AsyncIterator[LeanTransaction]:
        if self._group_writer is not None:  # a member of the SQLite writer's group
            async with self._group_writer.lean_transaction() as unit:
                yield unit
            return
        assert self._lean is not None
        async with self._writer_turns, self._lean.transaction() as unit:
            yield unit

    def _committed(self, unit: Unit) -> None:
        """Wake the listeners of what the transaction changed."""
        touched: set[str] = unit.info.pop(TOUCHED, set())
        queue_changed = bool(unit.info.pop(QUEUE_CHANGED, False))
        if (touched or queue_changed) and self.on_commit is not None:
            self.on_commit(touched, queue_changed)

    def commit_counts(self) -> tuple[int, int] | None:
        """(COMMITs, transactions committed) by the SQLite writer; None where there is none."""
        writer = self._group_writer
        return None if writer is None else (writer.groups_committed, writer.members_committed)

    @asynccontextmanager
    async def _own_transaction(self) -> AsyncIterator[AsyncSession]:
        """A transaction of its own on a pooled connection."""
        async with self._writer_turns, self._sessions() as session:
            try:
                yield session
                await session.commit()
            except BaseException:
                await session.rollback()
                raise

    @asynccontextmanager
    async def reader(self) -> AsyncIterator[AsyncSession]:
        """A read-only session that never takes the SQLite write lock."""
        # Closing (not rolling back) ends the transaction and keeps loaded rows readable.
        async with self._readers() as session:
            yield session

    async def migrate(self) -> None:
        """Apply every pending Alembic migration (safe to run from several instances at once)."""
        async with self.engine.begin() as conn:
            if self.is_postgres:
                await conn.execute(
                    text("SELECT pg_advisory_xact_lock(:id)"), {"id": MIGRATION_LOCK_ID}
                )
            await conn.run_sync(_upgrade)

    async def dispose(self) -> None:
        if self._lean is not None:
            await self._lean.close()
        await self.engine.dispose()
        if self._read_engine is not self.engine:
            await self._read_engine.dispose()


def alembic_config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def _upgrade(connection: Connection) -> None:
    command.upgrade(alembic_config(connection), "head")


def _replace_closed_connections(engine: AsyncEngine) -> None:
    """A pooled PostgreSQL connection the server has closed (a restart, a failover, an idle
    timeout) is replaced at checkout, before anyone uses it.

    Not `pool_pre_ping`: with asyncpg it costs three round trips per checkout (BEGIN, a ping,
    ROLLBACK), more than a third of a persisted message's. asyncpg reads its socket all the
    time, so it already knows when the server has hung up."""

    @event.listens_for(engine.sync_engine, "checkout")
    def _check_alive(_: Any, __: Any, pooled: PoolProxiedConnection) -> None:
        driver = pooled.driver_connection
        if driver is not None and driver.is_closed():
            raise DisconnectionError("the server closed this connection")  # the pool retries


_BEGIN = {mode: f"BEGIN {mode}" for mode in ("DEFERRED", "IMMEDIATE", "EXCLUSIVE")}


def _configure_sqlite(engine: AsyncEngine, synchronous: str) -> None:
    @event.listens_for(engine.sync_engine, "connect")
    def _on_connect(dbapi_connection: Any, _: Any) -> None:
        # Let us issue BEGIN ourselves (pysqlite's implicit BEGIN is deferred and too late).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA synchronous={synchronous}")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine.sync_engine, "begin")
    def _on_begin(conn: Connection) -> None:
        mode = conn.get_execution_options().get("sqlite_begin", "IMMEDIATE")
        # On the driver's cursor: through `exec_driver_sql` SQLAlchemy's statement machinery
        # (execution context, events, result) cost more than BEGIN itself.
        cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
        try:
            cursor.execute(_BEGIN[mode])
        finally:
            cursor.close()
