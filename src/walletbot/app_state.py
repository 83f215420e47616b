"""What the app holds for the life of the process, in one typed object: built by `create_app`
(constructors only, no I/O), started and stopped by the lifespan (lifespan.py), read by the
routes through the dependencies (dependencies.py).

Commits in this process and NOTIFYs from other instances both arrive at `on_events`: the streams
of those conversations wake, and the queue worker re-announces positions when someone joined or
left the queue.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field

from starlette.applications import Starlette

from walletbot.brain.decision_rules import Thresholds
from walletbot.brain.engine import Engine
from walletbot.handoff.agents import AgentDirectory
from walletbot.handoff.terms import HandoffConfig
from walletbot.handoff.worker import QueueWorker
from walletbot.http.event_streams import EventNotifier, StreamSlots
from walletbot.http.ratelimit import RateLimits, build_limiter
from walletbot.ops.metrics import Metrics
from walletbot.serving.batching import Batcher
from walletbot.serving.engine_slot import EngineSlot
from walletbot.settings import Settings
from walletbot.storage.db import Database
from walletbot.storage.listener import PgListener


def thresholds_from(settings: Settings) -> Thresholds:
    return Thresholds(
        answer=settings.answer_threshold,
        clarify=settings.clarify_threshold,
        margin=settings.margin,
    )


@dataclass(eq=False)
class AppState:
    settings: Settings
    engine_slot: EngineSlot  # the running engine, swapped on reload
    batcher: Batcher  # decisions arriving together, run back to back
    database: Database
    rate_limits: RateLimits
    handoff: HandoffConfig  # the hand-off's settings in the shape its services use
    agents: AgentDirectory  # who holds which API key
    notifier: EventNotifier  # wakes the event streams of a conversation
    streams: StreamSlots  # caps on open event streams
    worker: QueueWorker  # lease sweeps and queue announcements
    metrics: Metrics
    listener: PgListener | None = None  # PostgreSQL only: other instances' commits
    # Set when the process is asked to stop: open event streams end, so the server can too.
    shutdown: asyncio.Event = field(default_factory=asyncio.Event)

    @classmethod
    def build(cls, settings: Settings, engine: Engine | None = None) -> AppState:
        """Everything constructed, nothing started. `engine`: an already trained one (tests)."""
        slot = EngineSlot(settings.faq_path, thresholds_from(settings), engine)
        database = Database(
            settings.database_url,
            schema=settings.database_schema,
            sqlite_synchronous=settings.sqlite_synchronous,
        )
        handoff = HandoffConfig.from_settings(settings)
        batcher = Batcher()
        streams = StreamSlots(settings.max_streams_per_conversation, settings.max_streams)
        state = cls(
            settings=settings,
            engine_slot=slot,
            batcher=batcher,
            database=database,
            rate_limits=RateLimits(
                build_limiter(settings.redis_url),
                per_ip=settings.rate_limit_per_ip,
                per_conversation=settings.rate_limit_per_conversation,
                key_failures_per_ip=settings.agent_key_failures_per_ip,
            ),
            handoff=handoff,
            agents=AgentDirectory.parse(settings.agent_keys.get_secret_value()),
            notifier=EventNotifier(),
            streams=streams,
            worker=QueueWorker(database, handoff, settings.queue_tick_seconds),
            metrics=Metrics(
                lambda: slot.reloads, database.commit_counts, streams.counts, batcher.counts
            ),
        )
        if database.is_postgres:
            state.listener = PgListener(
                settings.database_url, state.on_events, state.on_listener_reconnected
            )
        database.on_commit = state.on_events
        return state

    @staticmethod
    def of(app: Starlette) -> AppState:
        state: AppState = app.state.walletbot
        return state

    def install(self, app: Starlette) -> None:
        app.state.walletbot = self

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

    def begin_shutdown(self) -> None:
        self.shutdown.set()
        self.notifier.wake_all()
