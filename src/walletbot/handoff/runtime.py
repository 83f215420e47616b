"""What the hand-off feature keeps for the life of the process, started and stopped by the
app's lifespan: migrations, the queue worker, the PostgreSQL listener, stream wake-ups."""

from __future__ import annotations

import asyncio
import signal
import threading
from types import FrameType

from walletbot.config import Settings
from walletbot.conversations.stream import EventNotifier, StreamSlots
from walletbot.handoff.agents import AgentDirectory
from walletbot.handoff.config import HandoffConfig
from walletbot.handoff.worker import QueueWorker
from walletbot.storage.db import Database
from walletbot.storage.listener import PgListener


class HandoffRuntime:
    def __init__(self, settings: Settings, database: Database) -> None:
        self.settings = settings
        self.database = database
        self.cfg = HandoffConfig.from_settings(settings)
        self.agents = AgentDirectory.parse(settings.agent_keys.get_secret_value())
        self.notifier = EventNotifier()
        self.streams = StreamSlots(settings.max_streams_per_conversation, settings.max_streams)
        self.worker = QueueWorker(database, self.cfg, settings.queue_tick_seconds)
        self.shutdown = asyncio.Event()
        self.listener = (
            PgListener(settings.database_url, self.on_events, self.on_listener_reconnected)
            if database.is_postgres
            else None
        )
        self._worker_task: asyncio.Task[None] | None = None
        database.on_commit = self.on_events

    def on_events(self, conversation_ids: set[str], queue_changed: bool) -> None:
        """Wake the streams of these conversations; re-announce positions only when someone
        joined or left the queue (a message answered by the bot moves nobody)."""
        self.notifier.wake(conversation_ids)
        if queue_changed:
            self.worker.poke()

    def on_listener_reconnected(self) -> None:
        """Notifications sent while the listener was away are lost: everyone looks again."""
        self.notifier.wake_all()
        self.worker.poke()

    async def start(self) -> None:
        if self.settings.migrate_on_start:
            await self.database.migrate()
        if self.listener is not None:
            await self.listener.start()
        self._worker_task = asyncio.create_task(self.worker.run(), name="walletbot-queue-worker")
        self._chain_exit_signals()

    async def stop(self) -> None:
        self._begin_shutdown()
        self.worker.stop()
        if self._worker_task is not None:
            await self._worker_task
        if self.listener is not None:
            await self.listener.stop()
        await self.database.dispose()

    def _begin_shutdown(self) -> None:
        self.shutdown.set()
        self.notifier.wake_all()

    def _chain_exit_signals(self) -> None:
        """Servers wait for open responses before shutting the app down, and an event stream
        never ends by itself: end the streams on SIGINT/SIGTERM, then let the server's own
        handler run."""
        if threading.current_thread() is not threading.main_thread():
            return
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            previous = signal.getsignal(sig)
            if not callable(previous):
                continue

            def handler(signum: int, frame: FrameType | None, previous=previous) -> None:  # type: ignore[no-untyped-def]
                loop.call_soon_threadsafe(self._begin_shutdown)
                previous(signum, frame)

            signal.signal(sig, handler)
