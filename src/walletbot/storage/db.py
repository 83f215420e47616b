"""The database: its engines, the two kinds of transaction, migrations (docs/storage.md).

Everything goes through SQLAlchemy's public API: `transaction()` for work that writes (an ORM
session, committed when the block ends, rolled back on any error) and `reader()` for work that
only reads. What protects the data:

- SQLite (the embedded default) runs in WAL mode with `synchronous=FULL` (an acknowledged
  message is on disk) and starts every writing transaction with `BEGIN IMMEDIATE`, so a
  read-then-write transaction holds the write lock from its first statement and never fails
  half-way with SQLITE_BUSY; readers begin DEFERRED on connections of their own and never wait
  for the writer. SQLite has one writer at a time: this process's writers share one connection
  and commit in groups, one fsync for many (storage/group_commit.py).
- Writers take their turns first come, first served (an asyncio.Semaphore).
- Statement parameters are never logged nor put into exception messages (`hide_parameters`;
  aiosqlite's own debug log, which prints them, is kept at INFO): they hold what users wrote.
- After a commit, the conversations whose event log grew are announced: in this process through
  `on_commit`, to other instances through PostgreSQL's NOTIFY, sent inside the transaction (so
  delivered at commit, never for a rolled-back one).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import String, bindparam, event, func, select, text
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.pool import PoolProxiedConnection

from walletbot.storage.group_commit import GroupCommitWriter
from walletbot.storage.listener import EVENTS_CHANNEL, QUEUE_MARK

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
# Arbitrary constant: serialises concurrent `upgrade` runs of several instances on PostgreSQL.
MIGRATION_LOCK_ID = 7_311_042
# PostgreSQL's pool. Writing transactions are admitted up to POOL_SIZE at once, so under load
# each finds a kept connection (the pool closes an overflow connection when it is given back,
# and PostgreSQL forks a backend for each new one). The overflow is for readers.
POOL_SIZE = 15
POOL_OVERFLOW = 10
# Session.info key: conversation ids whose event log grew in this transaction (announced at commit).
TOUCHED = "walletbot_touched"
# Session.info key: set when the transaction changed the queue (someone joined or left it), so
# the queue workers re-announce positions; most messages leave the queue alone.
QUEUE_CHANGED = "walletbot_queue_changed"
SQLITE_BUSY_TIMEOUT_SECONDS = 30
# Built once, with a bound parameter: its cache key is computed once (SQLAlchemy memoizes it).
_NOTIFY = select(func.pg_notify(EVENTS_CHANNEL, bindparam("payload", type_=String())))

OnCommit = Callable[[set[str], bool], None]


class Database:
    def __init__(
        self,
        url: str,
        *,
        schema: str | None = None,
        sqlite_synchronous: str = "FULL",
        on_commit: OnCommit | None = None,
    ) -> None:
        parsed = make_url(url)
        self.is_sqlite = parsed.get_backend_name() == "sqlite"
        self.is_postgres = parsed.get_backend_name() == "postgresql"
        self.on_commit = on_commit
        self._group_writer: GroupCommitWriter | None = None  # a SQLite file's
        if self.is_sqlite:
            _quiet_driver_log()
            in_file = parsed.database not in (None, "", ":memory:")
            if in_file:
                Path(str(parsed.database)).parent.mkdir(parents=True, exist_ok=True)
            sqlite_args: dict[str, Any] = {
                "hide_parameters": True,
                "connect_args": {"timeout": SQLITE_BUSY_TIMEOUT_SECONDS},
            }
            # The writers' one connection; a file's readers have a pool of their own. (An
            # in-memory database exists once per connection: there one engine serves both.)
            single = {"pool_size": 1, "max_overflow": 0, "pool_timeout": 60} if in_file else {}
            self.engine: AsyncEngine = create_async_engine(url, **sqlite_args, **single)
            self._read_engine = create_async_engine(url, **sqlite_args) if in_file else self.engine
            for engine in {self.engine, self._read_engine}:
                _configure_sqlite(engine, sqlite_synchronous)
            readers = self._read_engine.execution_options(sqlite_begin="DEFERRED")
            if in_file:
                self._group_writer = GroupCommitWriter(self.engine)
        else:
            server_settings = {"search_path": schema} if schema else {}
            self.engine = create_async_engine(
                url,
                hide_parameters=True,
                connect_args={"server_settings": server_settings},
                pool_size=POOL_SIZE,
                max_overflow=POOL_OVERFLOW,
            )
            self._read_engine = readers = self.engine
            _replace_closed_connections(self.engine)
        self._writers = async_sessionmaker(self.engine, expire_on_commit=False)
        self._readers = async_sessionmaker(readers, expire_on_commit=False)
        # Writing transactions take turns in arrival order, as many at once as the pool keeps
        # connections (a SQLite file's writers take theirs in storage/group_commit.py). The
        # pool's own queue is not fair: a connection given back goes to whoever asks next, and
        # a waiter woken for it but not yet running loses it and queues again at the back
        # (measured: p99 three to four times the median under load). asyncio's Semaphore
        # serves its waiters first come, first served.
        self._writer_turns = asyncio.Semaphore(1 if self.is_sqlite else POOL_SIZE)

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[AsyncSession]:
        """A unit of work that writes: committed when the block ends, rolled back on any error;
        then this process's listeners are told what it changed."""
        unit = (
            self._group_writer.transaction()
            if self._group_writer is not None
            else self._own_transaction()
        )
        async with unit as session:
            yield session
            await self._notify_other_instances(session)
        touched: set[str] = session.info.pop(TOUCHED, set())
        queue_changed = bool(session.info.pop(QUEUE_CHANGED, False))
        if (touched or queue_changed) and self.on_commit is not None:
            self.on_commit(touched, queue_changed)

    @asynccontextmanager
    async def _own_transaction(self) -> AsyncIterator[AsyncSession]:
        async with self._writer_turns, self._writers() as session, session.begin():
            yield session

    def commit_counts(self) -> tuple[int, int] | None:
        """(COMMITs, transactions committed) of the SQLite writer; None where there is none."""
        writer = self._group_writer
        return None if writer is None else (writer.groups_committed, writer.members_committed)

    async def _notify_other_instances(self, session: AsyncSession) -> None:
        """PostgreSQL: NOTIFY each conversation whose event log grew, marked when the queue
        changed (storage/listener.py); delivered at commit, never for a rolled-back one."""
        touched = session.info.get(TOUCHED)
        if not self.is_postgres or not touched:
            return
        mark = QUEUE_MARK if session.info.get(QUEUE_CHANGED) else ""
        for id_ in sorted(touched):  # one: a transaction logs events of one conversation
            await session.execute(_NOTIFY, {"payload": id_ + mark})

    @asynccontextmanager
    async def reader(self) -> AsyncIterator[AsyncSession]:
        """A session for work that only reads; it never takes SQLite's write lock."""
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
    timeout) is replaced when it is taken from the pool, before anyone uses it.

    The pool's "checkout" event raising DisconnectionError is SQLAlchemy's documented hook for
    this. Not `pool_pre_ping`: with asyncpg that costs round trips on every checkout, while
    asyncpg reads its socket all the time and already knows when the server has hung up."""

    @event.listens_for(engine.sync_engine, "checkout")
    def _check_alive(_: Any, __: Any, pooled: PoolProxiedConnection) -> None:
        driver = pooled.driver_connection
        if driver is not None and driver.is_closed():
            raise DisconnectionError("the server closed this connection")  # the pool retries


def _quiet_driver_log() -> None:
    """aiosqlite logs every call, with its parameters, at DEBUG: never below INFO here."""
    driver_log = logging.getLogger("aiosqlite")
    if driver_log.getEffectiveLevel() < logging.INFO:
        driver_log.setLevel(logging.INFO)


_BEGIN = {mode: f"BEGIN {mode}" for mode in ("DEFERRED", "IMMEDIATE")}


def _configure_sqlite(engine: AsyncEngine, synchronous: str) -> None:
    """Durability settings on every connection, and our own BEGIN (SQLAlchemy's documented
    recipe for SQLite transactions, "Serializable isolation / Savepoints / Transactional DDL")."""

    @event.listens_for(engine.sync_engine, "connect")
    def _on_connect(dbapi_connection: Any, _: Any) -> None:
        # The driver's own implicit BEGIN comes too late (at the first write) and is DEFERRED.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA synchronous={synchronous}")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_SECONDS * 1000}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine.sync_engine, "begin")
    def _on_begin(conn: Connection) -> None:
        # Writers take the write lock at BEGIN; readers (execution option) never take it.
        conn.exec_driver_sql(_BEGIN[conn.get_execution_options().get("sqlite_begin", "IMMEDIATE")])
