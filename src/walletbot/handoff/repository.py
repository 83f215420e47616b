"""All SQL of the queue, claims, agent presence and tickets."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Row, Select, and_, func, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from walletbot.records.status import ConversationStatus
from walletbot.storage.db import QUEUE_CHANGED
from walletbot.storage.models import AgentPresence, AuditEntry, Conversation, Ticket

PRIORITY_RANK = {"normal": 0, "high": 1, "urgent": 2}
# Queue order: urgent > high > normal, first come first served within a priority.
QUEUE_ORDER = (Conversation.priority_rank.desc(), Conversation.queued_at, Conversation.id)


async def queue_standing(
    session: AsyncSession, conversation: Conversation, agents_since: datetime
) -> tuple[int, int]:
    """(place in the queue, 1 for the next to be claimed; agents active since `agents_since`)
    in one query: the estimated wait needs both."""
    rank, queued_at = conversation.priority_rank, conversation.queued_at
    ahead = (
        select(func.count())
        .where(
            Conversation.status == ConversationStatus.QUEUED,
            Conversation.id != conversation.id,
            or_(
                Conversation.priority_rank > rank,
                and_(
                    Conversation.priority_rank == rank,
                    or_(
                        Conversation.queued_at < queued_at,
                        and_(
                            Conversation.queued_at == queued_at,
                            Conversation.id < conversation.id,
                        ),
                    ),
                ),
            ),
        )
        .scalar_subquery()
    )
    agents = _active_agents(agents_since).scalar_subquery()
    row = (await session.execute(select(ahead.label("ahead"), agents.label("agents")))).one()
    return row.ahead + 1, row.agents


def _active_agents(since: datetime) -> Select[int]:
    return select(func.count()).where(AgentPresence.last_seen_at >= since)


def _open_ticket(conversation_id: str) -> Select[Ticket]:
    return (
        select(Ticket)
        .where(Ticket.conversation_id == conversation_id, Ticket.status != "resolved")
        .order_by(Ticket.id.desc())
        .limit(1)
    )


async def queued(session: AsyncSession, limit: int = 500) -> list[Conversation]:
    result = await session.execute(
        select(Conversation)
        .where(Conversation.status == ConversationStatus.QUEUED)
        .order_by(*QUEUE_ORDER)
        .limit(limit)
    )
    return list(result.scalars().all())


async def claim_next(
    session: AsyncSession, agent: str, now: datetime, lease_until: datetime
) -> str | None:
    """Atomically take the head of the queue.

    PostgreSQL: the sub-select locks the head row FOR UPDATE; a concurrent claimer (any instance)
    waits for it, re-checks it (no longer queued) and moves on to the next row, so each
    conversation is handed out once and strictly in order. SKIP LOCKED would not wait, but it
    would also pass over a head row that is only briefly locked (its user typing, its position
    being announced) and break first-come-first-served; agents claim a few times a minute, so
    order wins. SQLite: FOR UPDATE is not rendered; the transaction began IMMEDIATE, so claimers
    run one at a time. Either way the `status = 'queued'` guard makes a stale UPDATE a no-op.
    """
    head = (
        select(Conversation.id)
        .where(Conversation.status == ConversationStatus.QUEUED)
        .order_by(*QUEUE_ORDER)
        .limit(1)
        .with_for_update()
        .scalar_subquery()
    )
    return await _claim(session, Conversation.id == head, agent, now, lease_until)


async def claim(
    session: AsyncSession, conversation_id: str, agent: str, now: datetime, lease_until: datetime
) -> bool:
    """Take one particular queued conversation; False if it is not queued (any more)."""
    return (
        await _claim(session, Conversation.id == conversation_id, agent, now, lease_until)
        is not None
    )


async def _claim(
    session: AsyncSession, which: object, agent: str, now: datetime, lease_until: datetime
) -> str | None:
    result = await session.execute(
        update(Conversation)
        .where(which, Conversation.status == ConversationStatus.QUEUED)  # type: ignore[arg-type]
        .values(
            status=ConversationStatus.ASSIGNED,
            claimed_by=agent,
            claimed_at=now,
            lease_expires_at=lease_until,
            announced_position=None,
            updated_at=now,
        )
        .returning(Conversation.id)
        .execution_options(synchronize_session=False)
    )
    claimed = result.scalar_one_or_none()
    if claimed is not None:
        session.info[QUEUE_CHANGED] = True  # everyone behind it moves up
    return claimed


async def recent_claim_waits(session: AsyncSession, sample: int) -> list[float]:
    """Seconds from queued to claimed of the last `sample` claims."""
    result = await session.execute(
        select(Conversation.queued_at, Conversation.claimed_at)
        .where(Conversation.claimed_at.is_not(None), Conversation.queued_at.is_not(None))
        .order_by(Conversation.claimed_at.desc())
        .limit(sample)
    )
    return [
        max(0.0, (row.claimed_at - row.queued_at).total_seconds())
        for row in result
        if row.claimed_at >= row.queued_at
    ]


async def renew_leases(session: AsyncSession, agent: str, lease_until: datetime) -> None:
    """Extend the leases of the agent's claims, skipping any claim another transaction holds.

    Never waiting is what keeps it out of deadlocks: a claim_next that passed over this agent's
    conversation (claimed meanwhile) still holds its row lock, and may itself wait for a row
    this UPDATE locked; PostgreSQL found such cycles under concurrent claims. A claim skipped
    once is renewed by the agent's next call, long before its lease (minutes) runs out. SQLite
    renders no FOR UPDATE: its writers take turns anyway."""
    mine = (
        select(Conversation.id)
        .where(Conversation.claimed_by == agent, Conversation.status == ConversationStatus.ASSIGNED)
        .with_for_update(skip_locked=True)
    )
    await session.execute(
        update(Conversation)
        .where(Conversation.id.in_(mine))
        .values(lease_expires_at=lease_until)
        .execution_options(synchronize_session=False)
    )


async def expired_claims(session: AsyncSession, now: datetime) -> list[str]:
    result = await session.execute(
        select(Conversation.id).where(
            Conversation.status == ConversationStatus.ASSIGNED, Conversation.lease_expires_at < now
        )
    )
    return list(result.scalars().all())


async def touch_agent(session: AsyncSession, name: str, role: str, now: datetime) -> None:
    """Record that the agent is active (upsert; works on both backends)."""
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    stmt = insert(AgentPresence).values(name=name, role=role, last_seen_at=now)
    await session.execute(
        stmt.on_conflict_do_update(
            index_elements=[AgentPresence.name], set_={"last_seen_at": now, "role": role}
        )
    )


async def active_agent_count(session: AsyncSession, since: datetime) -> int:
    return await session.scalar(_active_agents(since)) or 0


async def all_agents(session: AsyncSession) -> list[AgentPresence]:
    result = await session.execute(select(AgentPresence).order_by(AgentPresence.name))
    return list(result.scalars().all())


async def add_ticket(session: AsyncSession, ticket: Ticket) -> Ticket:
    session.add(ticket)
    await session.flush()  # assigns the id the number is made from
    return ticket


async def ticket_by_number(
    session: AsyncSession, number: str, *, lock: bool = False
) -> Ticket | None:
    stmt = select(Ticket).where(Ticket.number == number)
    if lock:
        stmt = stmt.with_for_update()
    result = await session.execute(stmt.execution_options(populate_existing=True))
    return result.scalar_one_or_none()


async def open_ticket_of(session: AsyncSession, conversation_id: str) -> Ticket | None:
    return await session.scalar(_open_ticket(conversation_id))


async def open_ticket_ref(
    session: AsyncSession, conversation_id: str
) -> Row[str | None, str] | None:
    """(number, status) of the conversation's open ticket, if it has one (see open_ticket_of)."""
    stmt = _open_ticket(conversation_id).with_only_columns(Ticket.number, Ticket.status)
    row = (await session.execute(stmt)).one_or_none()
    return row if row is not None and row.number is not None else None


async def tickets(session: AsyncSession, status: str | None, limit: int) -> list[Ticket]:
    stmt = select(Ticket).order_by(Ticket.id.desc()).limit(limit)
    if status is not None:
        stmt = stmt.where(Ticket.status == status)
    result = await session.execute(stmt)
    return list(result.scalars().all())


def add_audit_entries(session: AsyncSession, entries: list[AuditEntry]) -> None:
    session.add_all(entries)


async def last_queue_sightings(
    session: AsyncSession, agent: str, conversation_ids: list[str]
) -> dict[str, datetime]:
    """When `agent` last saw each of these conversations in the queue listing."""
    if not conversation_ids:
        return {}
    rows = await session.execute(
        select(AuditEntry.conversation_id, func.max(AuditEntry.at).label("last_seen"))
        .where(
            AuditEntry.agent == agent,
            AuditEntry.action == "queue",
            AuditEntry.conversation_id.in_(conversation_ids),
        )
        .group_by(AuditEntry.conversation_id)
    )
    return {row.conversation_id: row.last_seen for row in rows}


async def audit_entries(
    session: AsyncSession, conversation_id: str | None, agent: str | None, limit: int
) -> list[AuditEntry]:
    """Newest first."""
    query = select(AuditEntry).order_by(AuditEntry.at.desc(), AuditEntry.id.desc()).limit(limit)
    if conversation_id is not None:
        query = query.where(AuditEntry.conversation_id == conversation_id)
    if agent is not None:
        query = query.where(AuditEntry.agent == agent)
    return list((await session.scalars(query)).all())
