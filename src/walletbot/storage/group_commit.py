"""SQLite's writer: transactions take turns and commit in groups, one fsync for many.

SQLite has one writer at a time, and with `synchronous=FULL` each COMMIT waits for an fsync
(about 130 us on our disk), during which no other transaction can begin: under load the writer's
commits, not the CPU, set the pace. Databases that log to disk batch such flushes (PostgreSQL's
`commit_delay`, InnoDB's group commit); so does this module:

- Transactions ("members") take the writer's turn first come, first served (asyncio's Semaphore).
- The first member opens a group: one database transaction (BEGIN IMMEDIATE). Each member runs
  inside its own SAVEPOINT, released when it succeeds and rolled back when it fails, so a failing
  member undoes its own work and nobody else's.
- When the first member is done, a committer queues for the turn behind everyone already
  waiting. Those waiting join the group; then the committer COMMITs it (one fsync) and everyone
  in it is told. The group is as large as the queue was: one member when the service is idle,
  dozens at peak, so the wait it adds is never longer than the queue it clears.
- A member returns only after its group's COMMIT: an acknowledged message is on disk, exactly as
  with one transaction per request. If that COMMIT fails, every member of the group gets the
  error (none of them was acknowledged).

The ORM joins a member's SAVEPOINT: each member's session is bound to the group's connection
in "create_savepoint" mode, so its flushes (and a failed flush's rollback) stay inside its own
nested savepoint. Direct statements (storage/direct.py) run on the same connection, in place.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field

from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession, AsyncTransaction
from sqlalchemy.orm import Session

from walletbot.storage.direct import Direct, SqliteDriver, pin
from walletbot.storage.lean import LeanTransaction
from walletbot.storage.sqlite import FewerHopsConnection

_SAVEPOINT = "walletbot_member"  # members run one at a time: one name is enough
_CONNECTED = "walletbot_connected"  # Session.info key: the session made its savepoint


class _MemberSession(Session):
    """A member's ORM session, which notes when it first uses the connection (its savepoint)."""


@event.listens_for(_MemberSession, "after_begin")
def _note_connected(session: Session, *_: object) -> None:
    session.info[_CONNECTED] = True


@dataclass
class _Group:
    connection: AsyncConnection
    transaction: AsyncTransaction
    driver: FewerHopsConnection
    direct: Direct
    committed: asyncio.Future[None] = field(default_factory=asyncio.Future)
    committer: asyncio.Task[None] | None = None
    members: int = 0


class GroupCommitWriter:
    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine
        self._turn = asyncio.Semaphore(1)
        self._group: _Group | None = None
        self.groups_committed = 0
        self.members_committed = 0

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[AsyncSession]:
        """One member: the session's work is committed (with its group) when this returns."""
        async with self._member() as group:
            session = AsyncSession(
                bind=group.connection,
                join_transaction_mode="create_savepoint",
                expire_on_commit=False,
                sync_session_class=_MemberSession,
            )
            pin(session, group.direct)
            try:
                yield session
                connected = bool(session.info.get(_CONNECTED))
                if connected or _has_changes(session):
                    await session.commit()  # flushes, and releases the session's own savepoint
                    connected = True
            except BaseException:
                await session.close()  # rolls back the session's savepoint, if it made one
                raise
            if connected:
                await session.close()
            elif session.in_transaction() or session.identity_map:
                session.sync_session.close()  # its own bookkeeping only: no greenlet needed
            # else it never held anything: nothing to close

    @asynccontextmanager
    async def lean_transaction(self) -> AsyncIterator[LeanTransaction]:
        """One member with direct statements only, and no session (storage/lean.py)."""
        async with self._member() as group:
            yield LeanTransaction(group.direct)

    @asynccontextmanager
    async def _member(self) -> AsyncIterator[_Group]:
        """A member's turn, in its own SAVEPOINT: released when the member's work succeeds,
        rolled back when it fails. Returns once the group's COMMIT is done."""
        async with self._turn:
            group = self._group or await self._open()
            group.members += 1
            group.driver.run_in_transaction(f"SAVEPOINT {_SAVEPOINT}")
            try:
                yield group
            except BaseException:
                group.driver.run_in_transaction(f"ROLLBACK TO {_SAVEPOINT}")
                group.driver.run_in_transaction(f"RELEASE {_SAVEPOINT}")
                raise
            finally:
                if group.committer is None:
                    group.committer = asyncio.create_task(self._commit(group))
            group.driver.run_in_transaction(f"RELEASE {_SAVEPOINT}")
        # Shielded: a member that gives up waiting must not cancel its group's commit.
        await asyncio.shield(group.committed)

    async def _open(self) -> _Group:
        connection = await self._engine.connect()
        try:
            transaction = await connection.begin()  # BEGIN IMMEDIATE (db.py)
            pooled = await connection.get_raw_connection()
            driver = pooled.driver_connection
            assert isinstance(driver, FewerHopsConnection)
        except BaseException:
            await connection.close()
            raise
        direct = Direct(SqliteDriver(driver), connection.dialect)
        self._group = _Group(connection, transaction, driver, direct)
        return self._group

    async def _commit(self, group: _Group) -> None:
        async with self._turn:
            self._group = None  # whoever comes next opens the next group
            try:
                await group.transaction.commit()
            except Exception as exc:
                group.committed.set_exception(exc)
                # SQLite leaves a transaction whose COMMIT failed (a deferred constraint) open.
                await group.driver.rollback()
            except BaseException:  # cancelled (the service stopping): nobody learns it committed
                group.committed.cancel()
                raise
            else:
                group.committed.set_result(None)
                self.groups_committed += 1
                self.members_committed += group.members
            finally:
                await group.connection.close()  # back to the pool (rolls back if not committed)


def _has_changes(session: AsyncSession) -> bool:
    """Pending ORM work only (objects merely touched, with no net change, need no flush)."""
    return bool(
        session.new
        or session.deleted
        or any(session.is_modified(instance) for instance in session.dirty)
    )
