"""Server-sent events: each event once, in order, resumable by cursor, across instances
(docs/storage.md, "Event streams").

A stream reads its conversation's event log after its cursor, then sleeps until it is woken:
by a commit in this process that logged events of its conversation, or, on PostgreSQL, by a
NOTIFY from another instance (storage/listener.py). An idle stream runs no query until then,
except one safety read every WALLETBOT_EVENT_POLL_SECONDS, so that a lost notification costs
latency, never an event.

Open streams are bounded (StreamSlots): a few per conversation (a user's tabs and devices) and a
total per instance; beyond either, `429 too_many_streams` with Retry-After.
"""

from __future__ import annotations

import asyncio
import json
import weakref
from collections import Counter, defaultdict
from collections.abc import AsyncIterator, Callable, Iterable, Iterator
from contextlib import contextmanager, suppress

from starlette.responses import StreamingResponse
from starlette.types import Receive, Scope, Send

from walletbot.conversations import repository as repo
from walletbot.conversations.schemas import EventOut
from walletbot.http.errors import WalletbotError
from walletbot.storage.db import Database
from walletbot.storage.models import Event

BATCH = 100
# A refused stream is told to come back later: streams end when their users leave, which
# takes a while. EventSource clients reconnect by themselves (the `retry:` field).
RETRY_AFTER_SECONDS = 10


class TooManyStreams(WalletbotError):
    status_code = 429
    code = "too_many_streams"

    def __init__(self, scope: str, limit: int) -> None:
        super().__init__(
            f"too many open event streams {scope} (limit {limit}); close one or retry later",
            scope=scope,
            limit=limit,
            retry_after=RETRY_AFTER_SECONDS,
        )
        self.headers = {"Retry-After": str(RETRY_AFTER_SECONDS)}


class StreamSlots:
    """Counts this process's open streams; `take` refuses one over either cap."""

    def __init__(self, per_conversation: int, total: int) -> None:
        self.per_conversation = per_conversation
        self.total = total
        self._by_conversation: Counter[str] = Counter()
        self.open = 0
        self.refused = 0

    def take(self, conversation_id: str) -> Callable[[], None]:
        """A slot for one stream, or TooManyStreams; returns its release (safe to call twice)."""
        if self.open >= self.total:
            self.refused += 1
            raise TooManyStreams("on this server", self.total)
        if self._by_conversation[conversation_id] >= self.per_conversation:
            self.refused += 1
            raise TooManyStreams("for this conversation", self.per_conversation)
        self._by_conversation[conversation_id] += 1
        self.open += 1
        released = False

        def release() -> None:
            nonlocal released
            if released:
                return
            released = True
            self.open -= 1
            self._by_conversation[conversation_id] -= 1
            if not self._by_conversation[conversation_id]:
                del self._by_conversation[conversation_id]

        return release

    def counts(self) -> tuple[int, int]:
        """(streams open, streams refused since start), for /metrics."""
        return self.open, self.refused


class EventStreamResponse(StreamingResponse):
    """A stream that gives its slot back when the response ends, however it ends: finished,
    the client gone, the server stopping, or never started at all."""

    def __init__(self, content: AsyncIterator[str], release: Callable[[], None]) -> None:
        super().__init__(
            content,
            media_type="text/event-stream",
            headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
        )
        self._release = release
        weakref.finalize(self, release)  # should the response be dropped without being sent

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        try:
            await super().__call__(scope, receive, send)
        finally:
            self._release()


class EventNotifier:
    """In-process wake-ups, keyed by conversation id."""

    def __init__(self) -> None:
        self._waiters: defaultdict[str, set[asyncio.Event]] = defaultdict(set)

    def wake(self, conversation_ids: Iterable[str]) -> None:
        for conversation_id in conversation_ids:
            for waiter in self._waiters.get(conversation_id, ()):
                waiter.set()

    def wake_all(self) -> None:
        for waiters in self._waiters.values():
            for waiter in waiters:
                waiter.set()

    @contextmanager
    def subscribe(self, conversation_id: str) -> Iterator[asyncio.Event]:
        waiter = asyncio.Event()
        self._waiters[conversation_id].add(waiter)
        try:
            yield waiter
        finally:
            self._waiters[conversation_id].discard(waiter)
            if not self._waiters[conversation_id]:
                del self._waiters[conversation_id]


def format_event(event: Event) -> str:
    body = EventOut(
        id=event.seq,
        type=event.type,
        data=event.payload,
        created_at=event.created_at,
    )
    data = json.dumps(body.model_dump(mode="json"), ensure_ascii=False)
    return f"id: {event.seq}\nevent: {event.type}\ndata: {data}\n\n"


async def sse_events(
    database: Database,
    notifier: EventNotifier,
    shutdown: asyncio.Event,
    conversation_id: str,
    after: int,
    *,
    poll_seconds: float,
    heartbeat_seconds: float,
) -> AsyncIterator[str]:
    loop = asyncio.get_running_loop()
    cursor = after
    yield "retry: 2000\n\n"
    last_write = loop.time()
    with notifier.subscribe(conversation_id) as wake:
        while not shutdown.is_set():
            wake.clear()  # before reading: a commit after the read sets it again
            async with database.reader() as session:
                events = await repo.events_after(session, conversation_id, cursor, BATCH)
            for event in events:
                cursor = event.seq
                yield format_event(event)
            now = loop.time()
            if len(events) == BATCH:  # more may follow at once
                last_write = now
                continue
            if events:
                last_write = now
            next_read = loop.time() + poll_seconds  # the safety read, if nothing wakes us
            while not wake.is_set() and not shutdown.is_set():
                now = loop.time()
                if now - last_write >= heartbeat_seconds:
                    yield ": keep-alive\n\n"
                    last_write = now
                if now >= next_read:
                    break
                timeout = min(next_read, last_write + heartbeat_seconds) - now
                with suppress(TimeoutError):
                    await asyncio.wait_for(wake.wait(), timeout=max(timeout, 0.01))
