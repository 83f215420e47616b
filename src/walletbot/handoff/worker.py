"""The queue worker of one instance: returns expired claims to the queue and tells waiting users
their new place. Several instances may run it at once; the service functions make that safe."""

from __future__ import annotations

import asyncio
import contextlib
import logging

from walletbot.handoff import repository as repo
from walletbot.handoff import service
from walletbot.handoff.terms import HandoffConfig
from walletbot.storage.db import Database
from walletbot.storage.types import utcnow

log = logging.getLogger("walletbot.handoff")


class QueueWorker:
    def __init__(self, database: Database, cfg: HandoffConfig, tick_seconds: float) -> None:
        self._database = database
        self._cfg = cfg
        self._tick = tick_seconds
        self._poke = asyncio.Event()
        self._stopped = False

    def poke(self) -> None:
        """Something changed: sweep now rather than at the next tick."""
        self._poke.set()

    def stop(self) -> None:
        # A flag rather than Task.cancel(): on Python 3.11 wait_for() can swallow a cancellation
        # that races with its own wake-up, leaving the task running for ever.
        self._stopped = True
        self._poke.set()

    async def run(self) -> None:
        while not self._stopped:
            self._poke.clear()
            try:
                await self.sweep()
            except Exception:  # keep the worker alive: the next tick retries
                log.exception("queue sweep failed")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._poke.wait(), timeout=self._tick)

    async def sweep(self) -> None:
        now = utcnow()
        async with self._database.reader() as session:
            expired = await repo.expired_claims(session, now)
        for conversation_id in expired:
            async with self._database.transaction() as session:
                await service.requeue_expired(session, conversation_id, self._cfg, now)
        async with self._database.reader() as session:
            waiting = [(c.id, c.announced_position) for c in await repo.queued(session)]
        for position, (conversation_id, announced) in enumerate(waiting, start=1):
            if announced != position:
                async with self._database.transaction() as session:
                    await service.announce_position(session, conversation_id, self._cfg, now)
