"""Which conversations an agent may read, and the audit log of every read (docs/safety.md,
"Who reads what").

An agent reads a conversation that was handed to people: waiting in the queue, waiting on a
ticket, or assigned to this agent. Admins read any. Each read is recorded (agent, conversation,
action, time) in the same transaction as the read itself:
- `view`: the conversation opened by id;
- `claim`: taken from the queue (the answer carries its transcript);
- `queue`: first seen in the queue listing since it was queued (the listing, polled every few
  seconds by the console, shows each waiting conversation's last lines to every agent on duty;
  one entry per agent and queueing says who saw it without an entry per poll).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from walletbot.handoff import repository as repo
from walletbot.handoff import service
from walletbot.handoff.agents import Agent
from walletbot.handoff.schemas import HandoffSummary, QueueOut
from walletbot.handoff.terms import HandoffConfig
from walletbot.http.errors import Forbidden, NotFound
from walletbot.records import repository as conversations
from walletbot.storage.models import AuditEntry, Conversation

HANDED_TO_PEOPLE = frozenset({"queued", "ticket"})


def check_may_read(conversation: Conversation, agent: Agent) -> None:
    """403 unless the conversation was handed to people and not to another agent."""
    if agent.is_admin or conversation.status in HANDED_TO_PEOPLE:
        return
    if conversation.status == "assigned":
        if conversation.claimed_by == agent.name:
            return
        raise Forbidden("another agent holds this conversation", code="claimed_by_other")
    raise Forbidden(
        f"the conversation is {conversation.status}: not handed to an agent",
        code="not_handed_off",
        status=conversation.status,
    )


def record(
    session: AsyncSession, agent: Agent, conversation_ids: Sequence[str], action: str, now: datetime
) -> None:
    repo.add_audit_entries(
        session,
        [
            AuditEntry(agent=agent.name, role=agent.role, conversation_id=c, action=action, at=now)
            for c in conversation_ids
        ],
    )


async def read_conversation(
    session: AsyncSession, conversation_id: str, agent: Agent, cfg: HandoffConfig, now: datetime
) -> HandoffSummary:
    conversation = await conversations.get_conversation(session, conversation_id)
    if conversation is None:
        raise NotFound("no such conversation", code="conversation_not_found")
    check_may_read(conversation, agent)
    record(session, agent, [conversation.id], "view", now)
    return await service.summary(session, conversation, cfg)


async def queue_seen(session: AsyncSession, agent: Agent, queue: QueueOut, now: datetime) -> None:
    """Record the conversations this agent sees in the queue for the first time since they
    were queued."""
    queued_at = {item.conversation_id: item.queued_at for item in queue.items}
    seen = await repo.last_queue_sightings(session, agent.name, list(queued_at))
    new = [
        c
        for c, since in queued_at.items()
        if c not in seen or (since is not None and seen[c] < since)
    ]
    record(session, agent, new, "queue", now)


async def entries(
    session: AsyncSession, conversation_id: str | None, agent: str | None, limit: int
) -> list[AuditEntry]:
    return await repo.audit_entries(session, conversation_id, agent, limit)
