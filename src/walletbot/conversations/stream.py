"""Server-sent events: each event once, in order, resumable by cursor, across instances
(docs/storage.md, "Event streams").

A stream reads its conversation's event log after its cursor, then sleeps until it is woken:
by a commit in this process that logged events of its conversation, or, on PostgreSQL, by a
NOTIFY from another instance (storage/listener.py). An idle stream runs no query until then,
except one safety read every WALLETBOT_EVENT_POLL_SECONDS, so that a lost notification costs
latency, never an event.

Open streams are bounded (http/event_streams.py, `StreamSlots`): a few per conversation (a user's
tabs and devices) and a total per instance; beyond either, `429 too_many_streams` with
Retry-After.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from contextlib import suppress

from walletbot.conversations.schemas import EventOut
from walletbot.http.event_streams import EventNotifier
from walletbot.records import repository as repo
from walletbot.storage.db import Database
from walletbot.storage.models import Event

BATCH = 100


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
