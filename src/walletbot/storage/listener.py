"""PostgreSQL LISTEN: wakes this instance's event streams when another instance commits events.

The events table stays the source of truth (streams poll it by cursor); a notification only cuts
the latency. If the listening connection drops, streams fall back to their poll interval.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import asyncpg
from sqlalchemy.engine import make_url

EVENTS_CHANNEL = "walletbot_events"
# Appended to a notification's payload (the conversation id) when the queue changed.
QUEUE_MARK = "!"
log = logging.getLogger("walletbot.storage")


class PgListener:
    def __init__(self, url: str, on_notify: Callable[[set[str], bool], None]) -> None:
        self._dsn = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
        self._on_notify = on_notify
        self._connection: Any = None

    async def start(self) -> None:
        try:
            self._connection = await asyncpg.connect(self._dsn)
            await self._connection.add_listener(EVENTS_CHANNEL, self._received)
        except (OSError, asyncpg.PostgresError) as exc:
            log.warning("LISTEN unavailable, event streams will poll: %s", type(exc).__name__)
            self._connection = None

    def _received(self, _connection: Any, _pid: int, _channel: str, payload: str) -> None:
        queue_changed = payload.endswith(QUEUE_MARK)
        self._on_notify({payload.removesuffix(QUEUE_MARK)}, queue_changed)

    async def stop(self) -> None:
        if self._connection is not None:
            await self._connection.close()
            self._connection = None
