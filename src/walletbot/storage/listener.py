"""PostgreSQL LISTEN: wakes this instance's event streams and queue worker when another instance
commits events (docs/storage.md, "Event streams").

The events table stays the source of truth; a notification only says where to look. SQLAlchemy
has no LISTEN, so this is asyncpg's own public API on one connection of its own. When that
connection drops it is opened again (with back-off), and everyone is woken once, since
notifications sent meanwhile are lost; until then streams rely on their safety poll.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import Any

import asyncpg
from sqlalchemy.engine import make_url

EVENTS_CHANNEL = "walletbot_events"
# Appended to a notification's payload (the conversation id) when the queue changed.
QUEUE_MARK = "!"
RECONNECT_DELAYS = (0.5, 1, 2, 5, 10, 30)  # seconds; the last one repeats
log = logging.getLogger("walletbot.storage")


class PgListener:
    def __init__(
        self,
        url: str,
        on_notify: Callable[[set[str], bool], None],
        on_reconnect: Callable[[], None],
    ) -> None:
        self._dsn = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
        self._on_notify = on_notify
        self._on_reconnect = on_reconnect
        self._connection: Any = None  # asyncpg.Connection while listening
        self._lost = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    @property
    def backend_pid(self) -> int | None:
        """The PostgreSQL backend that listens (pg_stat_activity.pid), while there is one."""
        return None if self._connection is None else int(self._connection.get_server_pid())

    async def start(self) -> None:
        """Listen (the first attempt before returning), and keep listening."""
        await self._connect()
        self._task = asyncio.create_task(self._stay_connected(), name="walletbot-pg-listener")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
            self._task = None
        if self._connection is not None:
            await self._connection.close()
            self._connection = None

    async def _connect(self) -> bool:
        self._lost.clear()
        connection = None
        try:
            connection = await asyncpg.connect(self._dsn)
            connection.add_termination_listener(lambda _: self._lost.set())
            await connection.add_listener(EVENTS_CHANNEL, self._received)
        except (OSError, TimeoutError, asyncpg.PostgresError, asyncpg.InterfaceError) as exc:
            log.warning("LISTEN unavailable, event streams poll: %s", type(exc).__name__)
            if connection is not None:
                connection.terminate()
            return False
        self._connection = connection
        return True

    async def _stay_connected(self) -> None:
        attempt = 0
        while True:
            if self._connection is not None:
                await self._lost.wait()
                self._connection = None
                log.warning("LISTEN connection lost; opening it again")
            await asyncio.sleep(RECONNECT_DELAYS[min(attempt, len(RECONNECT_DELAYS) - 1)])
            if await self._connect():
                attempt = 0
                self._on_reconnect()  # what was notified meanwhile is lost: look again
            else:
                attempt += 1

    def _received(self, _connection: Any, _pid: int, _channel: str, payload: str) -> None:
        queue_changed = payload.endswith(QUEUE_MARK)
        self._on_notify({payload.removesuffix(QUEUE_MARK)}, queue_changed)
