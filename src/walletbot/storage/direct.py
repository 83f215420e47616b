"""Core statements run on the database driver's own connection, inside a session's transaction.

Why: SQLAlchemy's execution machinery (the compiled-cache lookup, an execution context, events,
result objects, a greenlet switch for every await) costs 40-80 us a statement, where SQLite itself
takes 5-15 us; a persisted message runs five or six statements (benchmarks/README.md, "HTTP").

What stays SQLAlchemy's:
- the statements: Core, written once in the repositories, compiled here once per dialect;
- the values: each column type's own bind and result processors convert them, so what is stored
  is exactly what the ORM stores and reads back;
- the transaction: SQLAlchemy begins and commits it (the session's own, or on SQLite the
  writer's group, storage/group_commit.py), so ORM work in the same transaction (a hand-off, a
  ticket) commits or rolls back with the direct statements.

SQLite: the writer's transaction began IMMEDIATE, so it holds the write lock and a statement waits
for no one (storage/sqlite.py): it runs in place, without a trip to aiosqlite's thread. Any other
SQLite connection (a reader's) makes the trip. PostgreSQL: asyncpg's own prepared statements.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from typing import Any, Protocol

import aiosqlite
from sqlalchemy.engine import Dialect
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql import ClauseElement
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.schema import ColumnDefault

from walletbot.storage.sqlite import FewerHopsConnection

# Session.info keys: the transaction's direct connection, found once per transaction; or pinned
# for the session's whole life by whoever bound it to its connection (storage/group_commit.py).
_DIRECT = "walletbot_direct"
_PINNED = "walletbot_direct_pinned"

Processor = Callable[[Any], Any] | None
_REQUIRED = object()  # a parameter the statement holds no value for


class Statement:
    """A Core statement, compiled on first use for each dialect (and set of columns) it meets.

    `statement` is the statement, or a function of the dialect's name that builds it, for
    constructs of one dialect (`ON CONFLICT`)."""

    def __init__(self, statement: ClauseElement | Callable[[str], ClauseElement]) -> None:
        self._statement = statement
        self._compiled: dict[tuple[str, tuple[str, ...] | None], Compiled] = {}

    def compiled(self, dialect: Dialect, keys: tuple[str, ...] | None = None) -> Compiled:
        """`keys`: the columns an INSERT or UPDATE sets beyond those its statement names."""
        compiled = self._compiled.get((dialect.name, keys))
        if compiled is None:
            statement = self._statement
            if not isinstance(statement, ClauseElement):
                statement = statement(dialect.name)
            compiled = self._compiled[(dialect.name, keys)] = Compiled(statement, dialect, keys)
        return compiled


class Compiled:
    """SQL text with positional parameters, and the conversions of its values and columns."""

    def __init__(
        self, statement: ClauseElement, dialect: Dialect, keys: tuple[str, ...] | None
    ) -> None:
        compiled = statement.compile(
            dialect=dialect, column_keys=list(keys) if keys is not None else None
        )
        assert isinstance(compiled, SQLCompiler)
        self.sql = compiled.string
        # Columns with a default computed in Python (an `onupdate=utcnow`): SQLAlchemy's execution
        # context computes them, and this module has none, so it calls them itself.
        defaults = {
            column.key: _python_default(column.default) for column in compiled.insert_prefetch
        } | {column.key: _python_default(column.onupdate) for column in compiled.update_prefetch}
        # (name, its constant value or _REQUIRED, its default or None, the type's conversion)
        self._binds = [
            (
                name,
                _REQUIRED
                if compiled.binds[name].required
                else compiled.binds[name].effective_value,
                defaults.get(name),
                compiled.binds[name].type.dialect_impl(dialect).bind_processor(dialect),
            )
            for name in compiled.positiontup or []
        ]
        self._dialect = dialect
        self._columns = list(getattr(statement, "exported_columns", ()))
        # The columns' conversions, once the driver has said what type each column comes back as:
        # (index, conversion) of the columns that have one; None until then.
        self._converted: list[tuple[int, Callable[[Any], Any]]] | None = None

    @property
    def column_count(self) -> int:
        return len(self._columns)

    def learn_column_types(self, column_types: Sequence[Any]) -> None:
        """Some conversions depend on the type the database reports (asyncpg: a float column's)."""
        dialect = self._dialect
        processors: list[Processor] = [
            column.type.dialect_impl(dialect).result_processor(dialect, column_type)
            for column, column_type in zip(self._columns, column_types, strict=True)
        ]
        self._converted = [
            (index, convert) for index, convert in enumerate(processors) if convert is not None
        ]

    @property
    def knows_column_types(self) -> bool:
        return self._converted is not None

    def arguments(self, values: dict[str, Any]) -> tuple[Any, ...]:
        """The driver's positional arguments: NULL stays NULL (a JSON column's None too)."""
        out = []
        for name, constant, default, convert in self._binds:
            if name in values:
                value = values[name]
            elif default is not None:
                value = default()
            elif constant is _REQUIRED:  # as SQLAlchemy does, rather than a silent NULL
                raise KeyError(f"a value is required for the parameter {name!r}")
            else:
                value = constant
            out.append(convert(value) if convert is not None and value is not None else value)
        return tuple(out)

    def row(self, raw: Sequence[Any]) -> tuple[Any, ...]:
        assert self._converted is not None
        if not self._converted:
            return tuple(raw)
        out = list(raw)
        for index, convert in self._converted:  # only the columns that have a conversion
            value = out[index]
            if value is not None:
                out[index] = convert(value)
        return tuple(out)


def _python_default(default: object) -> Callable[[], Any]:
    if not isinstance(default, ColumnDefault):
        raise TypeError(f"a column default this module cannot compute: {default!r}")
    if default.is_callable:
        return partial(default.arg, None)  # SQLAlchemy's wrapper takes an execution context
    return lambda: default.arg


class Driver(Protocol):
    async def column_types(self, sql: str, count: int) -> Sequence[Any]: ...

    async def fetch(self, sql: str, arguments: tuple[Any, ...]) -> list[Sequence[Any]]: ...

    async def execute_many(self, sql: str, arguments: list[tuple[Any, ...]]) -> None: ...


class SqliteDriver:
    def __init__(self, connection: aiosqlite.Connection) -> None:
        self._connection = connection

    async def column_types(self, sql: str, count: int) -> Sequence[Any]:
        return [None] * count  # the sqlite3 driver reports none

    async def fetch(self, sql: str, arguments: tuple[Any, ...]) -> list[Sequence[Any]]:
        connection = self._connection
        if isinstance(connection, FewerHopsConnection):
            rows = connection.fetch_in_transaction(sql, arguments)
            if rows is not None:
                return rows
        return list(await connection.execute_fetchall(sql, arguments))

    async def execute_many(self, sql: str, arguments: list[tuple[Any, ...]]) -> None:
        connection = self._connection
        if isinstance(connection, FewerHopsConnection) and connection.run_many_in_transaction(
            sql, arguments
        ):
            return
        cursor = await connection.executemany(sql, arguments)
        await cursor.close()


class PostgresDriver:
    def __init__(self, connection: Any) -> None:
        self._connection = connection  # asyncpg.Connection

    async def column_types(self, sql: str, count: int) -> Sequence[Any]:
        prepared = await self._connection.prepare(sql)
        return [attribute.type.oid for attribute in prepared.get_attributes()]

    async def fetch(self, sql: str, arguments: tuple[Any, ...]) -> list[Sequence[Any]]:
        return list(await self._connection.fetch(sql, *arguments))

    async def execute_many(self, sql: str, arguments: list[tuple[Any, ...]]) -> None:
        await self._connection.executemany(sql, arguments)


class Direct:
    """The transaction's connection, for `Statement`s."""

    def __init__(self, driver: Driver, dialect: Dialect) -> None:
        self._driver = driver
        self._dialect = dialect

    @property
    def dialect_name(self) -> str:
        return self._dialect.name

    async def rows(
        self, statement: Statement, values: dict[str, Any], keys: tuple[str, ...] | None = None
    ) -> list[tuple[Any, ...]]:
        compiled = statement.compiled(self._dialect, keys)
        if not compiled.knows_column_types:
            compiled.learn_column_types(
                await self._driver.column_types(compiled.sql, compiled.column_count)
            )
        raw = await self._driver.fetch(compiled.sql, compiled.arguments(values))
        return [compiled.row(r) for r in raw]

    async def first(
        self, statement: Statement, values: dict[str, Any], keys: tuple[str, ...] | None = None
    ) -> tuple[Any, ...] | None:
        rows = await self.rows(statement, values, keys)
        return rows[0] if rows else None

    async def execute(
        self, statement: Statement, values: dict[str, Any], keys: tuple[str, ...] | None = None
    ) -> None:
        await self.rows(statement, values, keys)

    async def execute_many(
        self,
        statement: Statement,
        values: list[dict[str, Any]],
        keys: tuple[str, ...] | None = None,
    ) -> None:
        compiled = statement.compiled(self._dialect, keys)
        await self._driver.execute_many(compiled.sql, [compiled.arguments(v) for v in values])


class Unit(Protocol):
    """A unit of work direct statements run in: a session, or a transaction without one
    (storage/lean.py). Its `info` holds the connection and what the work touched."""

    @property
    def info(self) -> dict[Any, Any]: ...


def pin(session: Unit, found: Direct) -> None:
    """The session's direct connection, for as long as the session lives."""
    session.info[_PINNED] = found


async def direct(session: Unit) -> Direct:
    """The session's transaction on its driver connection (the transaction begins if need be)."""
    pinned: Direct | None = session.info.get(_PINNED)
    if pinned is not None:
        return pinned
    assert isinstance(session, AsyncSession), "a unit without a session has its connection pinned"
    cached: tuple[object, Direct] | None = session.info.get(_DIRECT)
    # Keyed by the transaction: after a commit the session may hold another connection.
    if cached is not None and cached[0] is session.get_transaction():
        return cached[1]
    connection = await session.connection()  # begins the transaction (BEGIN IMMEDIATE on SQLite)
    pooled = await connection.get_raw_connection()
    driver_connection = pooled.driver_connection
    driver: Driver
    if isinstance(driver_connection, aiosqlite.Connection):
        driver = SqliteDriver(driver_connection)
    else:
        # SQLAlchemy's asyncpg adapter opens its transaction at its first statement; a direct
        # statement must not run before it, outside the transaction.
        adapter = pooled.dbapi_connection
        if getattr(adapter, "_transaction", True) is None and not adapter.autocommit:  # type: ignore[union-attr]
            await adapter._start_transaction()  # type: ignore[union-attr]
        driver = PostgresDriver(driver_connection)
    found = Direct(driver, connection.dialect)
    session.info[_DIRECT] = (session.get_transaction(), found)
    return found
