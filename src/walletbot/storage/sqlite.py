"""aiosqlite with fewer thread hops, for the SQLite writer connection.

aiosqlite runs every call on its connection thread and wakes the event loop for each result:
creating a cursor, executing, fetching the rows and closing the cursor are four round trips per
statement, each costing a loop wake-up and a GIL hand-over (measured: about half the CPU of a
stored message). Only what can wait stays on the thread: BEGIN (it waits for the write lock, up to
the busy timeout), COMMIT and ROLLBACK (fsync, checkpoints), and any statement outside a
transaction. Inside a write transaction (every writer transaction starts with BEGIN IMMEDIATE, see
db.py) the write lock is already held and WAL readers never block a writer, so a statement does
not wait for anyone: it runs in place, like creating a cursor and fetching or closing one whose
statement has already run (measured: 250 us per hop against ~30 us in place, per statement).
So does a rollback outside any transaction: the pool "resets" every connection it gets back that
way, and after a COMMIT there is nothing to undo (a hop costs ~80 us of CPU).
SQLAlchemy's adapter never overlaps two calls on one connection, so the sqlite3 object is still
used by one thread at a time.

BEGIN itself is first tried in place without waiting (busy timeout 0): this process's writers
share one connection, so the write lock is nearly always free and the hop is saved; only when
another process holds it does BEGIN go to the thread and wait there, up to the busy timeout.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from functools import partial
from typing import Any

import aiosqlite

_CURSOR_CALLS = frozenset({"fetchone", "fetchmany", "fetchall", "close"})
_STATEMENT_CALLS = frozenset({"execute", "executemany"})
_WAITING_VERBS = ("BEGIN", "COMMIT", "END", "ROLLBACK")


class FewerHopsConnection(aiosqlite.Connection):
    def __init__(self, connector: Callable[[], sqlite3.Connection], timeout: float) -> None:
        super().__init__(connector, iter_chunk_size=64)
        self._busy_timeout_ms = round(timeout * 1000)

    async def _execute(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        owner = getattr(fn, "__self__", None)
        name = getattr(fn, "__name__", "")
        connection = self._connection
        in_place = (isinstance(owner, sqlite3.Cursor) and name in _CURSOR_CALLS) or (
            isinstance(owner, sqlite3.Connection)
            and (
                name == "cursor"
                # The pool's reset after a COMMIT: nothing to roll back (see above).
                or (name == "rollback" and connection is not None and not connection.in_transaction)
            )
        )
        if (
            not in_place
            and connection is not None
            and isinstance(owner, sqlite3.Cursor)
            and name in _STATEMENT_CALLS
            and args
            and isinstance(args[0], str)
        ):
            head = args[0].lstrip()[:11].upper()
            if connection.in_transaction:
                # A savepoint's rollback (ROLLBACK TO) ends nothing and syncs nothing.
                in_place = not head.startswith(_WAITING_VERBS) or head.startswith("ROLLBACK TO")
            elif head.startswith("BEGIN") and self._begin_now(connection, fn, args):
                return None
        if in_place and connection is not None:
            return fn(*args, **kwargs)
        return await super()._execute(fn, *args, **kwargs)  # type: ignore[no-untyped-call]

    def _in_transaction(self) -> sqlite3.Connection | None:
        """The sqlite3 connection if a transaction is open on it (statements may run in place)."""
        connection = self._connection
        return connection if connection is not None and connection.in_transaction else None

    def fetch_in_transaction(self, sql: str, arguments: tuple[Any, ...]) -> list[Any] | None:
        """Run a statement in place inside a transaction (see above); None outside any."""
        connection = self._in_transaction()
        if connection is None:
            return None
        return connection.execute(sql, arguments).fetchall()

    def run_in_transaction(self, sql: str) -> None:
        """A statement of the transaction itself (SAVEPOINT, RELEASE), in place."""
        if self.fetch_in_transaction(sql, ()) is None:
            raise RuntimeError(f"{sql!r} outside a transaction")

    def run_many_in_transaction(self, sql: str, arguments: list[tuple[Any, ...]]) -> bool:
        """`executemany` in place inside a transaction; False (nothing run) outside any."""
        connection = self._in_transaction()
        if connection is None:
            return False
        connection.executemany(sql, arguments)
        return True

    def _begin_now(
        self, connection: sqlite3.Connection, begin: Callable[..., Any], args: tuple[Any, ...]
    ) -> bool:
        """Run BEGIN in place if the write lock is free; False (nothing begun) if it is held."""
        connection.execute("PRAGMA busy_timeout = 0")
        try:
            begin(*args)
        except sqlite3.OperationalError as exc:
            if exc.sqlite_errorcode & 0xFF != sqlite3.SQLITE_BUSY:
                raise
            return False
        finally:
            connection.execute(f"PRAGMA busy_timeout = {self._busy_timeout_ms}")
        return True


def connector(path: str, timeout: float) -> Callable[[], aiosqlite.Connection]:
    """An `async_creator` for SQLAlchemy: connections that hop less (see above)."""

    def create() -> aiosqlite.Connection:
        connection = FewerHopsConnection(
            partial(sqlite3.connect, path, timeout=timeout, check_same_thread=False), timeout
        )
        connection._thread.daemon = True  # as SQLAlchemy does for its own aiosqlite connections
        return connection  # awaited (connected) by SQLAlchemy

    return create
