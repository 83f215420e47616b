"""The batcher runs work queued in the same turn of the event loop back to back, each request
getting its own result or its own error."""

from __future__ import annotations

import asyncio

import pytest

from walletbot.serving.batching import MAX_BATCH, Batcher


async def test_work_queued_in_one_turn_runs_in_one_batch_in_order() -> None:
    batcher = Batcher()
    ran: list[int] = []

    def work(i: int) -> int:
        ran.append(i)
        return i * i

    results = await asyncio.gather(*(batcher.run(lambda i=i: work(i)) for i in range(10)))
    assert results == [i * i for i in range(10)]
    assert ran == list(range(10))
    assert batcher.counts() == (1, 10)


async def test_a_request_alone_waits_one_turn() -> None:
    batcher = Batcher()
    assert await batcher.run(lambda: "first") == "first"
    assert await batcher.run(lambda: "second") == "second"
    assert batcher.counts() == (2, 2)


async def test_an_error_is_raised_to_its_own_request_only() -> None:
    batcher = Batcher()

    def fail() -> int:
        raise ValueError("bad message")

    results = await asyncio.gather(
        batcher.run(lambda: 1), batcher.run(fail), batcher.run(lambda: 3), return_exceptions=True
    )
    assert results[0] == 1 and results[2] == 3
    assert isinstance(results[1], ValueError) and str(results[1]) == "bad message"


async def test_batches_are_capped_and_the_loop_turns_between_them() -> None:
    batcher = Batcher()
    turns = 0
    batch_of: list[int] = []

    async def count_turns() -> None:
        nonlocal turns
        while True:
            turns += 1
            await asyncio.sleep(0)

    counter = asyncio.create_task(count_turns())
    await asyncio.sleep(0)
    n = 2 * MAX_BATCH + 6
    await asyncio.gather(*(batcher.run(lambda: batch_of.append(turns)) for _ in range(n)))
    counter.cancel()
    assert batcher.counts() == (3, n)
    sizes = [batch_of.count(turn) for turn in sorted(set(batch_of))]
    assert sizes == [MAX_BATCH, MAX_BATCH, 6]  # other tasks ran between the batches


async def test_a_cancelled_request_is_skipped() -> None:
    batcher = Batcher()
    ran: list[str] = []
    waiting = asyncio.create_task(batcher.run(lambda: ran.append("cancelled")))
    await asyncio.sleep(0)  # queued, not yet run
    waiting.cancel()
    assert await batcher.run(lambda: ran.append("kept")) is None
    with pytest.raises(asyncio.CancelledError):
        await waiting
    assert ran == ["kept"]
    assert batcher.counts() == (1, 1)
