"""Transactions without SQLAlchemy's session, for work made of direct statements only.

Why: a session's transaction (the pool's checkout and return, the asyncpg adapter's BEGIN and
COMMIT, a greenlet for each, the session's bookkeeping) cost about 400 us of CPU a transaction
on PostgreSQL here, more than asyncpg's BEGIN, two statements and COMMIT together
(benchmarks/README.md, "HTTP"); on SQLite, creating and closing each writer's session was a few
percent of a message. Most user messages need no ORM work (the bot answers, or a person has the
conversation and the message waits for them): they run in a lean transaction, with direct
statements only (storage/direct.py). Work that needs the ORM (a hand-off) calls `orm_session`,
which raises `NeedsSession` in a lean transaction: the caller rolls back and runs the work again
in a session.

PostgreSQL: asyncpg connections kept here, beside SQLAlchemy's pool, at most as many as writing
transactions are admitted at once (the caller's semaphore), opened when first needed, and
decoding JSON as the dialect's own connections do, so a direct statement reads the same values
on both. SQLite: a member of the writer's group, in its own savepoint (storage/group_commit.py).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from types import SimpleNamespace
from typing import Any

import asyncpg
from sqlalchemy.dialects.postgresql.asyncpg import PGDialect_asyncpg
from sqlalchemy.engine import URL
from sqlalchemy.ext.asyncio import AsyncSession

from walletbot.storage.direct import Direct, PostgresDriver, Unit, pin


class NeedsSession(Exception):
    """Raised in a lean transaction by work that needs the ORM: roll back and run it again in a
    session (Database.transaction)."""


class LeanTransaction:
    """A transaction for direct statements only. `info` as a session's: direct() finds the
    connection there, and the repositories note what the transaction touched."""

    def __init__(self, found: Direct) -> None:
        self.info: dict[Any, Any] = {}
        pin(self, found)


def orm_session(unit: Unit) -> AsyncSession:
    """The unit as an ORM session; in a lean transaction, NeedsSession."""
    if isinstance(unit, AsyncSession):
        return unit
    raise NeedsSession


_ADAPTER_ONLY = (
    "async_creator_fn",
    "prepared_statement_cache_size",
    "prepared_statement_name_func",
)


class LeanConnections:
    def __init__(self, url: URL, schema: str | None, dialect: PGDialect_asyncpg) -> None:
        # asyncpg.connect's arguments as the dialect makes them from the URL (host, TLS...),
        # less those only SQLAlchemy's adapter takes.
        _, arguments = dialect.create_connect_args(url)  # type: ignore[no-untyped-call]
        for adapter_only in _ADAPTER_ONLY:
            arguments.pop(adapter_only, None)
        if schema:
            arguments["server_settings"] = {"search_path": schema}
        self._arguments = arguments
        self._dialect = dialect
        self._idle: list[asyncpg.Connection] = []

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[LeanTransaction]:
        """Committed when this returns, rolled back on any error. The caller admits at most as
        many at once as it wants connections kept."""
        connection = await self._take()
        try:
            async with connection.transaction():
                yield LeanTransaction(Direct(PostgresDriver(connection), self._dialect))
        finally:
            # A connection the server closed, or left in a transaction (its ROLLBACK was
            # interrupted), is not used again.
            if connection.is_closed() or connection.is_in_transaction():
                connection.terminate()
            else:
                self._idle.append(connection)

    async def _take(self) -> asyncpg.Connection:
        while self._idle:
            connection = self._idle.pop()
            if not connection.is_closed():  # the server may have closed it meanwhile
                return connection
        return await self._connect()

    async def _connect(self) -> asyncpg.Connection:
        connection = await asyncpg.connect(**self._arguments)
        # The dialect's own JSON codecs (it reaches the driver through `_connection`).
        adapter = SimpleNamespace(_connection=connection)
        await self._dialect.setup_asyncpg_json_codec(adapter)  # type: ignore[no-untyped-call]
        await self._dialect.setup_asyncpg_jsonb_codec(adapter)  # type: ignore[no-untyped-call]
        return connection

    async def close(self) -> None:
        idle, self._idle = self._idle, []
        for connection in idle:
            await connection.close()
