"""Plumbing of server-sent event streams, the same for any stream of any package: caps on the
open streams (`StreamSlots`: a few per key, a total per instance, beyond either `429
too_many_streams` with Retry-After), a response that gives its slot back however it ends, and
in-process wake-ups keyed by id (`EventNotifier`), which commits in this process and NOTIFYs
from other instances set (storage/listener.py)."""

from __future__ import annotations

import asyncio
import weakref
from collections import Counter, defaultdict
from collections.abc import AsyncIterator, Callable, Iterable, Iterator
from contextlib import contextmanager

from starlette.responses import StreamingResponse
from starlette.types import Receive, Scope, Send

from walletbot.http.errors import WalletbotError

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
