"""aiosqlite with fewer thread hops, for the SQLite writer connection.

aiosqlite runs every call on its connection thread and wakes the event loop for each result:
creating a cursor, executing, fetching the rows and closing the cursor are four round trips per
statement, each costing a loop wake-up and a GIL hand-over (measured: about half the CPU of a
stored message). Only `execute`, `commit` and friends can block (the busy timeout, fsync), so
they stay on the thread; creating a cursor and fetching or closing one whose statement has
already run are done in place. SQLAlchemy's adapter never overlaps two calls on one connection,
so the sqlite3 object is still used by one thread at a time.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from functools import partial
from typing import Any

import aiosqlite

_CURSOR_CALLS = frozenset({"fetchone", "fetchmany", "fetchall", "close"})


class FewerHopsConnection(aiosqlite.Connection):
    async def _execute(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        owner = getattr(fn, "__self__", None)
        name = getattr(fn, "__name__", "")
        in_place = (isinstance(owner, sqlite3.Cursor) and name in _CURSOR_CALLS) or (
            isinstance(owner, sqlite3.Connection) and name == "cursor"
        )
        if in_place and self._connection is not None:
            return fn(*args, **kwargs)
        return await super()._execute(fn, *args, **kwargs)  # type: ignore[no-untyped-call]


def connector(path: str, timeout: float) -> Callable[[], aiosqlite.Connection]:
    """An `async_creator` for SQLAlchemy: connections that hop less (see above)."""

    def create() -> aiosqlite.Connection:
        connection = FewerHopsConnection(
            partial(sqlite3.connect, path, timeout=timeout, check_same_thread=False),
            iter_chunk_size=64,
        )
        connection._thread.daemon = True  # as SQLAlchemy does for its own aiosqlite connections
        return connection  # awaited (connected) by SQLAlchemy

    return create
