"""SQLite's writer commits concurrent transactions in groups (storage/group_commit.py): each one
still commits or fails on its own, and returns only once its work is on disk."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from walletbot.storage.db import Database


@pytest.fixture
async def database(tmp_path: Path) -> AsyncIterator[Database]:
    database = Database(f"sqlite+aiosqlite:///{tmp_path / 'w.db'}")
    async with database.transaction() as session:
        await session.execute(text("CREATE TABLE t (n INTEGER PRIMARY KEY)"))
        await session.execute(text("CREATE TABLE parent (id INTEGER PRIMARY KEY)"))
        await session.execute(
            text(
                "CREATE TABLE child (parent_id INTEGER REFERENCES parent (id)"
                " DEFERRABLE INITIALLY DEFERRED)"
            )
        )
    yield database
    await database.dispose()


def counts(database: Database) -> tuple[int, int]:
    """(COMMITs, transactions committed) so far."""
    found = database.commit_counts()
    assert found is not None
    return found


def committed_rows(database: Database) -> list[int]:
    """What another connection (another process) sees: only committed rows."""
    path = str(database.engine.url.database)
    with sqlite3.connect(path) as other:
        return [n for (n,) in other.execute("SELECT n FROM t ORDER BY n")]


async def insert(database: Database, n: int, *, fail: bool = False) -> list[int]:
    async with database.transaction() as session:
        await session.execute(text("INSERT INTO t VALUES (:n)"), {"n": n})
        await asyncio.sleep(0)  # others arrive meanwhile
        if fail:
            raise RuntimeError("this request failed")
    return committed_rows(database)  # as the transaction returns


async def test_concurrent_transactions_commit_together_and_return_once_committed(
    database: Database,
) -> None:
    commits_before, transactions_before = counts(database)
    seen = await asyncio.gather(*(insert(database, n) for n in range(30)))
    for n, rows in enumerate(seen):
        assert n in rows  # on disk, for every reader, when its transaction returned
    assert committed_rows(database) == list(range(30))
    commits, transactions = counts(database)
    assert transactions - transactions_before == 30
    assert 1 <= commits - commits_before < 30


async def test_one_at_a_time_each_transaction_commits_alone(database: Database) -> None:
    commits_before, _ = counts(database)
    for n in range(3):
        assert n in await insert(database, n)
    assert counts(database)[0] - commits_before == 3


async def test_one_failing_transaction_undoes_only_its_own_work(database: Database) -> None:
    results = await asyncio.gather(
        *(insert(database, n, fail=n % 3 == 1) for n in range(12)), return_exceptions=True
    )
    failed = [n for n, result in enumerate(results) if isinstance(result, RuntimeError)]
    assert failed == [1, 4, 7, 10]
    assert committed_rows(database) == [0, 2, 3, 5, 6, 8, 9, 11]


async def test_a_failed_flush_undoes_only_its_own_transaction(database: Database) -> None:
    """The ORM's own rollback after a failed statement stays within the transaction's share of
    the group (its savepoint), even after a statement of its own succeeded."""

    async def duplicate() -> None:
        async with database.transaction() as session:
            await session.execute(text("INSERT INTO t VALUES (100)"))
            await session.execute(text("INSERT INTO t VALUES (1)"))  # already there

    await insert(database, 1)
    results = await asyncio.gather(
        insert(database, 2), duplicate(), insert(database, 3), return_exceptions=True
    )
    assert isinstance(results[1], IntegrityError)
    assert committed_rows(database) == [1, 2, 3]


async def test_a_failed_commit_fails_every_transaction_of_its_group(database: Database) -> None:
    """None of them was acknowledged, and none of their work is kept."""

    async def orphan() -> None:  # a deferred foreign key: checked at COMMIT, which fails
        async with database.transaction() as session:
            await session.execute(text("INSERT INTO child VALUES (999)"))
            await asyncio.sleep(0)

    results = await asyncio.gather(
        orphan(), insert(database, 1), insert(database, 2), return_exceptions=True
    )
    assert all(isinstance(result, IntegrityError) for result in results), results
    assert committed_rows(database) == []
    assert await insert(database, 3) == [3]  # the writer carries on


async def test_giving_up_while_the_group_commits_cancels_nobody_else(database: Database) -> None:
    """A client that disconnects while its transaction waits for the group's COMMIT: its work
    is committed with the others' (as a lone transaction's would be), and theirs too."""
    inserted, go_on, next_one_in = asyncio.Event(), asyncio.Event(), asyncio.Event()

    async def impatient() -> None:
        async with database.transaction() as session:
            await session.execute(text("INSERT INTO t VALUES (0)"))
            inserted.set()
            await go_on.wait()

    async def next_one() -> None:
        async with database.transaction() as session:
            await session.execute(text("INSERT INTO t VALUES (1)"))
            next_one_in.set()  # the first one has left its turn: it waits for the COMMIT

    first = asyncio.create_task(impatient())
    await inserted.wait()
    others = [asyncio.create_task(next_one())]
    others += [asyncio.create_task(insert(database, n)) for n in range(2, 6)]
    await asyncio.sleep(0)  # they queue for the writer's turn
    go_on.set()
    await next_one_in.wait()
    assert not first.done()
    first.cancel()
    await asyncio.gather(*others)
    with pytest.raises(asyncio.CancelledError):
        await first
    assert committed_rows(database) == [0, 1, 2, 3, 4, 5]


async def test_cancelled_half_way_nothing_unacknowledged_is_kept_and_the_writer_goes_on(
    database: Database,
) -> None:
    """A transaction cancelled in the middle of a statement leaves its group in a state that is
    not trusted: the group fails as a whole, no acknowledged work is lost, nothing of the
    cancelled one is kept, and the writer serves the next transactions."""
    started = asyncio.Event()

    async def cancelled() -> None:
        async with database.transaction() as session:
            await session.execute(text("INSERT INTO t VALUES (100)"))
            started.set()
            await session.execute(text("INSERT INTO t VALUES (101)"))  # cancelled meanwhile

    victim = asyncio.create_task(cancelled())
    others = [asyncio.create_task(insert(database, n)) for n in range(1, 4)]
    await started.wait()
    victim.cancel()
    results = await asyncio.gather(*others, return_exceptions=True)
    acknowledged = {n for n, result in enumerate(results, start=1) if isinstance(result, list)}
    rows = committed_rows(database)
    assert acknowledged <= set(rows)
    assert 100 not in rows and 101 not in rows
    assert 7 in await insert(database, 7)
