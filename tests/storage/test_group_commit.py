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
from sqlalchemy.ext.asyncio import AsyncSession

from walletbot.storage.db import Database
from walletbot.storage.direct import Statement, direct
from walletbot.storage.group_commit import GroupCommitWriter


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


def writer(database: Database) -> GroupCommitWriter:
    group_writer = database._group_writer
    assert group_writer is not None
    return group_writer


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
    before = writer(database).groups_committed
    seen = await asyncio.gather(*(insert(database, n) for n in range(30)))
    for n, rows in enumerate(seen):
        assert n in rows  # on disk, for every reader, when its transaction returned
    assert committed_rows(database) == list(range(30))
    groups = writer(database).groups_committed - before
    assert 1 <= groups < 30
    assert writer(database).members_committed >= 30


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
    inserted, go_on = asyncio.Event(), asyncio.Event()

    async def impatient() -> None:
        async with database.transaction() as session:
            await session.execute(text("INSERT INTO t VALUES (0)"))
            inserted.set()
            await go_on.wait()

    first = asyncio.create_task(impatient())
    await inserted.wait()
    others = [asyncio.create_task(insert(database, n)) for n in range(1, 6)]
    await asyncio.sleep(0)  # they queue for the writer's turn
    go_on.set()
    for _ in range(3):  # it leaves its turn and waits for the COMMIT; the others' turns come
        await asyncio.sleep(0)
    group = writer(database)._group
    assert group is not None and group.members > 1 and not first.done()
    first.cancel()
    await asyncio.gather(*others)
    with pytest.raises(asyncio.CancelledError):
        await first
    assert committed_rows(database) == [0, 1, 2, 3, 4, 5]


async def test_a_failing_transaction_undoes_its_direct_statements(database: Database) -> None:
    """Statements run on the driver (storage/direct.py) are undone with the rest of it."""
    insert_direct = Statement(text("INSERT INTO t VALUES (:n)"))

    async def write(n: int) -> None:
        async with database.transaction() as session:
            await (await direct(session)).execute(insert_direct, {"n": n})
            await asyncio.sleep(0)
            if n == 2:
                raise RuntimeError("this request failed")

    results = await asyncio.gather(*(write(n) for n in range(1, 4)), return_exceptions=True)
    assert [type(result) for result in results] == [type(None), RuntimeError, type(None)]
    assert committed_rows(database) == [1, 3]


async def test_members_without_a_session_share_the_group(database: Database) -> None:
    """A lean member (storage/lean.py) runs its direct statements in its own savepoint, in the
    same group as the session members: its failure undoes its own work only."""
    insert_direct = Statement(text("INSERT INTO t VALUES (:n)"))

    async def lean(n: int) -> list[int]:
        async with database.lean_transaction() as unit:
            assert not isinstance(unit, AsyncSession)
            await (await direct(unit)).execute(insert_direct, {"n": n})
            await asyncio.sleep(0)
            if n == 4:
                raise RuntimeError("this request failed")
        return committed_rows(database)  # as the transaction returns

    before = writer(database).groups_committed
    results = await asyncio.gather(
        *(lean(n) if n % 2 == 0 else insert(database, n) for n in range(1, 7)),
        return_exceptions=True,
    )
    assert [isinstance(r, RuntimeError) for r in results] == [False] * 3 + [True] + [False] * 2
    assert committed_rows(database) == [1, 2, 3, 5, 6]
    assert all(n in r for n, r in enumerate(results, start=1) if isinstance(r, list))
    assert writer(database).groups_committed - before < 5  # committed in groups
