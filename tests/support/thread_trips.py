"""Count the calls a SQLite connection sends to aiosqlite's thread (each costs a loop wake-up
and a GIL hand-over; storage/sqlite.py runs what it can in place)."""

from __future__ import annotations

from typing import Any

import aiosqlite
import pytest


def record_thread_trips(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """From now on, the name of each function run on an aiosqlite thread, in order."""
    trips: list[str] = []
    on_thread = aiosqlite.Connection._execute

    async def counted(self: aiosqlite.Connection, fn: Any, *args: Any, **kwargs: Any) -> Any:
        trips.append(getattr(fn, "__name__", "?"))
        return await on_thread(self, fn, *args, **kwargs)

    monkeypatch.setattr(aiosqlite.Connection, "_execute", counted)
    return trips
