"""CPU-bound work of requests that arrive together, run back to back in one turn of the loop.

Under load, a decision made between two requests' web code costs ~170 µs, and one made right
after another ~100 µs: the web stack in between evicts the decision's code and tables from the
CPU's caches (measured in the running server, benchmarks/README.md, "HTTP"). So a request does not
run such work at once: it queues it and waits, and one callback of the event loop runs all the
work queued meanwhile. With one request at a time, the wait is one turn of the loop.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")

# A batch holds the event loop for its whole length (about 0.1 ms a decision): beyond this many
# the rest wait for the next turn, so sockets are read and answers sent in between.
MAX_BATCH = 32


class Batcher:
    def __init__(self) -> None:
        self._queued: list[tuple[Callable[[], Any], asyncio.Future[Any]]] = []
        self._batches = 0
        self._runs = 0

    def counts(self) -> tuple[int, int]:
        """(batches, work run in them): their ratio is the mean batch size (/metrics)."""
        return self._batches, self._runs

    async def run(self, work: Callable[[], T]) -> T:
        """`work()`, run in the next batch; its exception, if any, is raised here."""
        loop = asyncio.get_running_loop()
        done: asyncio.Future[T] = loop.create_future()
        self._queued.append((work, done))
        if len(self._queued) == 1:
            loop.call_soon(self._run_queued)
        return await done

    def _run_queued(self) -> None:
        batch, self._queued = self._queued[:MAX_BATCH], self._queued[MAX_BATCH:]
        if self._queued:
            asyncio.get_running_loop().call_soon(self._run_queued)
        self._batches += 1
        for work, done in batch:
            if done.done():  # its request was cancelled (the client went away)
                continue
            self._runs += 1
            try:
                done.set_result(work())
            except Exception as error:  # this request's error, not the batch's
                done.set_exception(error)
