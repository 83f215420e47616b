"""Server-sent events: each event once, in order, resumable by cursor, across instances.

The stream reads the conversation's event log after its cursor. It sleeps until a commit in this
process (or a PostgreSQL NOTIFY from another instance) wakes it, or the poll interval passes,
whichever is first, so a lost wake-up only costs latency, never an event.
"""

from __future__ import annotations

import asyncio
import json
from collections import defaultdict
from collections.abc import AsyncIterator, Iterable, Iterator
from contextlib import contextmanager, suppress

from walletbot.conversations import repository as repo
from walletbot.conversations.schemas import EventOut
from walletbot.storage.db import Database
from walletbot.storage.models import Event

BATCH = 100


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
            if events:
                last_write = now
                continue
            if now - last_write >= heartbeat_seconds:
                yield ": keep-alive\n\n"
                last_write = now
            timeout = min(poll_seconds, heartbeat_seconds - (now - last_write))
            with suppress(TimeoutError):
                await asyncio.wait_for(wake.wait(), timeout=max(timeout, 0.01))
