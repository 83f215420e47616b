"""SQLite's writer: transactions take turns and commit in groups, one fsync for many.

Why: with `synchronous=FULL` every COMMIT waits for an fsync of the write-ahead log, and SQLite
has one writer at a time, so nobody else may write meanwhile. On the benchmark machine's disk an
fsync takes about 4 ms: one COMMIT per message caps a SQLite service at ~250 messages a second,
whatever the code does (docs/storage.md, "SQLite"; benchmarks/README.md, "Storage"). Databases that log to disk batch such flushes (PostgreSQL's `commit_delay`,
InnoDB's group commit); so does this module, with SQLAlchemy's public API only:

- Transactions ("members") take the writer's turn first come, first served (asyncio's
  Semaphore serves its waiters in order).
- The first member opens a group: one database transaction (`BEGIN IMMEDIATE`, storage/db.py)
  on the writer's connection. Each member gets its own ORM session joined to that transaction
  with `join_transaction_mode="create_savepoint"` (SQLAlchemy's documented way of joining a
  session into an external transaction): its work runs in a SAVEPOINT, released when it
  succeeds and rolled back when it fails, so a failing member undoes its own work and nobody
  else's.
- When the first member is done, a committer queues for the turn behind everyone already
  waiting. Those waiting join the group; then the committer COMMITs it (one fsync) and tells
  everyone in it. A group is as large as the queue was: one member when the service is idle,
  dozens at peak, so the wait it adds is never longer than the queue it clears.
- A member returns only after its group's COMMIT: an acknowledged message is on disk, exactly as
  with one transaction per request. If that COMMIT fails, every member of the group gets the
  error (none of them was acknowledged), and the connection is replaced. So it goes too when a
  member is cancelled in the middle of a statement (its savepoint can then not be trusted):
  rare, since requests are not cancelled when their client leaves, and safe, since nobody in
  the group was acknowledged.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field

from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession, AsyncTransaction


@dataclass
class _Group:
    connection: AsyncConnection
    transaction: AsyncTransaction
    committed: asyncio.Future[None] = field(default_factory=asyncio.Future)
    committer: asyncio.Task[None] | None = None
    members: int = 0


class GroupCommitWriter:
    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine
        self._turn = asyncio.Semaphore(1)
        self._group: _Group | None = None
        self.groups_committed = 0  # COMMITs, i.e. fsyncs
        self.members_committed = 0  # transactions they committed

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[AsyncSession]:
        """One member: the session's work is committed, with its group, when this returns."""
        async with self._turn:
            group = self._group or await self._open()
            session = AsyncSession(
                bind=group.connection,
                join_transaction_mode="create_savepoint",
                expire_on_commit=False,
            )
            try:
                yield session
                await session.commit()  # flushes, and releases the member's savepoint
                group.members += 1
            finally:
                try:
                    await session.close()  # rolls the member's savepoint back unless released
                finally:
                    if group.committer is None:
                        group.committer = asyncio.create_task(self._commit(group))
        # Shielded: a member that gives up waiting must not cancel its group's commit.
        await asyncio.shield(group.committed)

    async def _open(self) -> _Group:
        connection = await self._engine.connect()
        try:
            transaction = await connection.begin()  # BEGIN IMMEDIATE (storage/db.py)
        except BaseException:
            await connection.close()
            raise
        self._group = _Group(connection, transaction)
        return self._group

    async def _commit(self, group: _Group) -> None:
        async with self._turn:  # behind everyone waiting now: they join the group first
            self._group = None  # whoever comes next opens the next group
            try:
                await group.transaction.commit()
            except Exception as exc:
                group.committed.set_exception(exc)
                group.committed.exception()  # retrieved: members that gave up never look
                # What a failed COMMIT (or a member cancelled half-way) left is not trusted:
                # the connection is discarded, and SQLite rolls back what it held.
                await group.connection.invalidate()
            except BaseException:  # cancelled (the service stopping): nobody learns it committed
                group.committed.cancel()
                raise
            else:
                group.committed.set_result(None)
                self.groups_committed += 1
                self.members_committed += group.members
            finally:
                await group.connection.close()
