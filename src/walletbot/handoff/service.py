"""Queue rules: hand a conversation to a person (queue or ticket), claims, agent actions.

Services flush, never commit; every conversation whose event log grows is locked first
(records.repository.append_event), one conversation per transaction, so there is no
lock-order deadlock between requests, the lease sweeper and the queue announcer. The one
statement that locks several, an agent's lease renewal, skips rows held elsewhere instead of
waiting (handoff.repository.renew_leases).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from walletbot.dialogue.state import DialogueState
from walletbot.handoff import notices, ticket_follow, tickets
from walletbot.handoff import repository as repo
from walletbot.handoff.agents import Agent
from walletbot.handoff.estimate import estimated_wait
from walletbot.handoff.guard import refuse_secret_requests
from walletbot.handoff.schemas import (
    HandoffStateOut,
    HandoffSummary,
    QueueItemOut,
    QueueOut,
    TicketRef,
    TranscriptLine,
)
from walletbot.handoff.terms import HandoffConfig, lang_of
from walletbot.http.errors import Conflict, Forbidden, NotFound
from walletbot.records import repository as conversations
from walletbot.records.events import message_payload
from walletbot.records.status import ConversationStatus
from walletbot.storage.db import QUEUE_CHANGED
from walletbot.storage.masking import mask_for_storage
from walletbot.storage.models import Conversation, Message


async def on_duty(session: AsyncSession, cfg: HandoffConfig, now: datetime) -> int:
    """Agents who can take a hand-off now: 0 outside service hours or when nobody is active."""
    if not cfg.hours.open_at(now):
        return 0
    return await repo.active_agent_count(session, now - cfg.agent_active)


async def standing(
    session: AsyncSession, conversation: Conversation, cfg: HandoffConfig, now: datetime
) -> tuple[int, float]:
    """A queued conversation's place in the queue and estimated wait."""
    position, agents = await repo.queue_standing(session, conversation, now - cfg.agent_active)
    waits = await repo.recent_claim_waits(session, cfg.wait_sample_size)
    return position, estimated_wait(position, waits, agents, cfg.default_wait_seconds)


async def hand_off(
    session: AsyncSession,
    conversation: Conversation,
    *,
    reason: str,
    priority: str,
    category: str | None,
    confidence: float | None,
    cfg: HandoffConfig,
    now: datetime,
) -> str:
    """Queue the conversation, or open a ticket when nobody is on duty; returns the notice."""
    agents_on_duty = await on_duty(session, cfg, now)  # before the changes below: no autoflush
    conversation.handoff_reason = reason
    conversation.priority = priority
    conversation.priority_rank = repo.PRIORITY_RANK[priority]
    conversation.category = category
    conversation.confidence = confidence
    conversation.low_confidence_streak = 0
    conversation.unhelpful_count = 0
    if agents_on_duty:
        return await _enqueue(session, conversation, cfg, now, requeued=False)
    ticket = await tickets.open_ticket(session, conversation, cfg, now)
    conversation.status = ConversationStatus.TICKET
    text = notices.ticket_opened(
        lang_of(conversation), ticket.number or "", cfg.hours.next_opening(now)
    )
    await conversations.append_event(
        session,
        conversation,
        "status",
        {
            "status": ConversationStatus.TICKET,
            "ticket": {"number": ticket.number, "status": ticket.status},
            "text": text,
        },
    )
    return text


async def raise_priority(session: AsyncSession, conversation: Conversation, priority: str) -> None:
    """An urgent message while waiting (docs/dialogue.md, "While waiting"): the conversation
    moves up the queue, and its open ticket, if any, takes the same priority; agents see both."""
    conversation.priority = priority
    conversation.priority_rank = repo.PRIORITY_RANK[priority]
    session.info[QUEUE_CHANGED] = True
    ticket = await repo.open_ticket_of(session, conversation.id)
    if ticket is not None:
        ticket.priority = priority


def waiting_notice(
    conversation: Conversation, state: HandoffStateOut, cfg: HandoffConfig, now: datetime
) -> str:
    """Where a user who writes while waiting stands (state_of): queue place and wait, or the
    ticket, and outside the support hours when agents are back."""
    lang = lang_of(conversation)
    if state.position is not None and state.estimated_wait_seconds is not None:  # queued
        return notices.waiting_in_queue(lang, state.position, state.estimated_wait_seconds)
    number = state.ticket.number if state.ticket is not None else ""
    return notices.added_to_ticket(lang, number, cfg.hours.next_opening(now))


async def _enqueue(
    session: AsyncSession,
    conversation: Conversation,
    cfg: HandoffConfig,
    now: datetime,
    *,
    requeued: bool,
) -> str:
    conversation.status = ConversationStatus.QUEUED
    session.info[QUEUE_CHANGED] = True
    if not requeued or conversation.queued_at is None:
        conversation.queued_at = now
    conversation.claimed_by = conversation.lease_expires_at = None
    await session.flush()
    position, wait = await standing(session, conversation, cfg, now)
    conversation.announced_position = position
    lang = lang_of(conversation)
    text = notices.queued(lang, position, wait)
    if requeued:
        text = notices.status_change(lang, "requeued") + " " + text
    await conversations.append_event(
        session,
        conversation,
        "status",
        {
            "status": ConversationStatus.QUEUED,
            "reason": conversation.handoff_reason,
            "priority": conversation.priority,
            "position": position,
            "estimated_wait_seconds": wait,
            "text": text,
        },
    )
    return text


async def open_ticket(session: AsyncSession, conversation: Conversation) -> TicketRef | None:
    """The conversation's open ticket, for state_of. Only hand_off opens tickets, and it
    records a reason that nothing clears: a conversation never handed off has no ticket to look
    up (most of them: one query less)."""
    if conversation.handoff_reason is None:
        return None
    ticket = await repo.open_ticket_ref(session, conversation.id)
    return None if ticket is None else TicketRef(number=ticket.number, status=ticket.status)


async def state_of(
    session: AsyncSession,
    conversation: Conversation,
    cfg: HandoffConfig,
    now: datetime,
    ticket: TicketRef | None,
) -> HandoffStateOut:
    """Where the user stands; `ticket` is the conversation's open ticket (open_ticket, or
    read with the conversation's lock: records.repository.lock_for_message)."""
    state = HandoffStateOut(status=conversation.status)
    if conversation.status == ConversationStatus.QUEUED:
        state.position, state.estimated_wait_seconds = await standing(
            session, conversation, cfg, now
        )
    elif conversation.status == ConversationStatus.ASSIGNED:
        state.agent = conversation.claimed_by
    state.ticket = ticket
    return state


async def touch(session: AsyncSession, agent: Agent, cfg: HandoffConfig, now: datetime) -> int:
    """Any agent call: mark the agent present and extend the leases of its claims."""
    await repo.touch_agent(session, agent.name, agent.role, now)
    await repo.renew_leases(session, agent.name, now + cfg.lease)
    return await repo.active_agent_count(session, now - cfg.agent_active)


async def claim_next(
    session: AsyncSession, agent: Agent, cfg: HandoffConfig, now: datetime
) -> HandoffSummary | None:
    conversation_id = await repo.claim_next(session, agent.name, now, now + cfg.lease)
    if conversation_id is None:
        return None
    return await _joined(session, conversation_id, agent, cfg)


async def claim(
    session: AsyncSession, conversation_id: str, agent: Agent, cfg: HandoffConfig, now: datetime
) -> HandoffSummary:
    conversation = await _existing(session, conversation_id, lock=True)
    if not await repo.claim(session, conversation.id, agent.name, now, now + cfg.lease):
        raise Conflict(
            f"the conversation is {conversation.status}, not queued",
            code="not_queued",
            status=conversation.status,
        )
    return await _joined(session, conversation.id, agent, cfg)


async def _joined(
    session: AsyncSession, conversation_id: str, agent: Agent, cfg: HandoffConfig
) -> HandoffSummary:
    conversation = await _existing(session, conversation_id)
    text = notices.status_change(lang_of(conversation), ConversationStatus.ASSIGNED, agent.name)
    await conversations.append_event(
        session,
        conversation,
        "status",
        {"status": ConversationStatus.ASSIGNED, "agent": agent.name, "text": text},
    )
    return await summary(session, conversation, cfg)


async def summary(
    session: AsyncSession, conversation: Conversation, cfg: HandoffConfig
) -> HandoffSummary:
    lines = await conversations.transcript(session, conversation.id, cfg.transcript_lines)
    return HandoffSummary(
        conversation_id=conversation.id,
        status=conversation.status,
        lang=conversation.lang,
        priority=conversation.priority,
        reason=conversation.handoff_reason,
        category=conversation.category,
        confidence=conversation.confidence,
        queued_at=conversation.queued_at,
        claimed_by=conversation.claimed_by,
        lease_expires_at=conversation.lease_expires_at,
        details=DialogueState.from_json(conversation.dialogue).facts,
        transcript=[
            TranscriptLine(
                id=m.id, role=m.role, text=m.text, author=m.author, created_at=m.created_at
            )
            for m in lines
        ],
    )


async def queue_listing(session: AsyncSession, cfg: HandoffConfig, now: datetime) -> QueueOut:
    waits = await repo.recent_claim_waits(session, cfg.wait_sample_size)
    agents = await repo.active_agent_count(session, now - cfg.agent_active)
    items = []
    for position, conversation in enumerate(await repo.queued(session), start=1):
        base = await summary(session, conversation, cfg)
        queued_at = conversation.queued_at or now
        items.append(
            QueueItemOut(
                **base.model_dump(),
                position=position,
                waited_seconds=round((now - queued_at).total_seconds(), 1),
                estimated_wait_seconds=estimated_wait(
                    position, waits, agents, cfg.default_wait_seconds
                ),
            )
        )
    return QueueOut(active_agents=agents, items=items)


async def agent_conversation(
    session: AsyncSession, conversation_id: str, cfg: HandoffConfig
) -> HandoffSummary:
    return await summary(session, await _existing(session, conversation_id), cfg)


async def reply(session: AsyncSession, conversation_id: str, agent: Agent, text: str) -> Message:
    conversation = await _owned(session, conversation_id, agent, allow_ticket=True)
    refuse_secret_requests(text)
    message = Message(
        conversation_id=conversation.id,
        role="agent",
        text=mask_for_storage(text),
        author=agent.name,
    )
    session.add(message)
    await session.flush()
    await conversations.append_event(session, conversation, "message", message_payload(message))
    await ticket_follow.on_agent_reply(session, conversation, agent)
    return message


async def resolve(session: AsyncSession, conversation_id: str, agent: Agent, now: datetime) -> None:
    conversation = await _owned(session, conversation_id, agent, allow_ticket=True)
    await _resolve(session, conversation, agent.name, now)


async def _resolve(
    session: AsyncSession,
    conversation: Conversation,
    by: str,
    now: datetime,
    *,
    notice: str | None = None,
) -> None:
    """The conversation resolved, and its open ticket with it (`by`: an agent, or the user)."""
    ticket = await repo.open_ticket_of(session, conversation.id)
    if ticket is not None:
        await tickets.change_status(session, conversation, ticket, "resolved", by)
    await _finish(session, conversation, ConversationStatus.RESOLVED, now, notice=notice)


async def stop_waiting(session: AsyncSession, conversation: Conversation, now: datetime) -> None:
    """The waiting user no longer needs a person. Queued: back with the bot and out of the queue,
    so no agent claims it and everyone behind moves up. With a ticket: the ticket is resolved by
    the user and the conversation with it. The caller holds the conversation's lock."""
    if conversation.status == ConversationStatus.QUEUED:
        await _finish(session, conversation, ConversationStatus.BOT, now, notice="left_queue")
    elif conversation.status == ConversationStatus.TICKET:
        await _resolve(session, conversation, tickets.BY_USER, now, notice="closed_ticket")


async def hand_back(
    session: AsyncSession, conversation_id: str, agent: Agent, now: datetime
) -> None:
    conversation = await _owned(session, conversation_id, agent, allow_ticket=False)
    await _finish(session, conversation, ConversationStatus.BOT, now)


async def release(
    session: AsyncSession, conversation_id: str, agent: Agent, cfg: HandoffConfig, now: datetime
) -> None:
    conversation = await _owned(session, conversation_id, agent, allow_ticket=False)
    await _enqueue(session, conversation, cfg, now, requeued=True)


async def requeue_expired(
    session: AsyncSession, conversation_id: str, cfg: HandoffConfig, now: datetime
) -> bool:
    """Return a claim whose lease ran out to the queue (it keeps its place)."""
    conversation = await _existing(session, conversation_id, lock=True)
    lease = conversation.lease_expires_at
    if conversation.status != ConversationStatus.ASSIGNED or lease is None or lease >= now:
        return False
    await _enqueue(session, conversation, cfg, now, requeued=True)
    return True


async def announce_position(
    session: AsyncSession, conversation_id: str, cfg: HandoffConfig, now: datetime
) -> bool:
    """Tell a waiting user their new place, once per change (instances may race here: the row
    lock and the announced_position check make the second one a no-op)."""
    conversation = await conversations.get_conversation(session, conversation_id, lock=True)
    if conversation is None or conversation.status != ConversationStatus.QUEUED:
        return False
    position, wait = await standing(session, conversation, cfg, now)
    if position == conversation.announced_position:
        return False
    conversation.announced_position = position
    text = notices.queued(lang_of(conversation), position, wait)
    await conversations.append_event(
        session,
        conversation,
        "queue",
        {"position": position, "estimated_wait_seconds": wait, "text": text},
    )
    return True


async def _finish(
    session: AsyncSession,
    conversation: Conversation,
    status: ConversationStatus,
    now: datetime,
    *,
    notice: str | None = None,  # the notices.STATUS key when it is not the status's own
) -> None:
    conversation.status = status
    conversation.claimed_by = conversation.lease_expires_at = None
    conversation.announced_position = None
    conversation.low_confidence_streak = conversation.unhelpful_count = 0
    if status == ConversationStatus.RESOLVED:
        conversation.resolved_at = now
    text = notices.status_change(lang_of(conversation), notice or status)
    data: dict[str, str] = {"status": status, "text": text}
    if notice is not None:  # why, when the status alone does not say (the widget words it)
        data["reason"] = notice
    await conversations.append_event(session, conversation, "status", data)


async def _existing(
    session: AsyncSession, conversation_id: str, *, lock: bool = False
) -> Conversation:
    conversation = await conversations.get_conversation(session, conversation_id, lock=lock)
    if conversation is None:
        raise NotFound("no such conversation", code="conversation_not_found")
    return conversation


async def _owned(
    session: AsyncSession, conversation_id: str, agent: Agent, *, allow_ticket: bool
) -> Conversation:
    """The conversation, if this agent may act on it: its own claim (any claim for an admin), or
    any ticket conversation when `allow_ticket`."""
    conversation = await _existing(session, conversation_id, lock=True)
    if allow_ticket and conversation.status == ConversationStatus.TICKET:
        return conversation
    if conversation.status != ConversationStatus.ASSIGNED:
        raise Conflict(
            f"the conversation is {conversation.status}; claim it first",
            code="not_claimed",
            status=conversation.status,
        )
    if conversation.claimed_by != agent.name and not agent.is_admin:
        raise Forbidden("another agent holds this conversation", code="claimed_by_other")
    return conversation


async def agents_seen(
    session: AsyncSession, cfg: HandoffConfig, now: datetime
) -> list[tuple[str, str, datetime, bool]]:
    """(name, role, last seen, active now) of every agent that ever called in."""
    since = now - cfg.agent_active
    return [
        (a.name, a.role, a.last_seen_at, a.last_seen_at >= since)
        for a in await repo.all_agents(session)
    ]
