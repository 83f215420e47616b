"""Agent API (/v1/agent/..., agent API keys) and ticket lookup for users (/v1/tickets/...)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from walletbot.chat.schemas import ErrorOut
from walletbot.chat.service import check_text
from walletbot.deps import ReaderDep, SessionDep
from walletbot.dialogue.state import DialogueState
from walletbot.errors import Forbidden
from walletbot.handoff import service, tickets
from walletbot.handoff.deps import AgentDep, RuntimeDep, TokenDep
from walletbot.handoff.schemas import (
    AgentMessageOut,
    AgentOut,
    AgentReplyIn,
    AgentsOut,
    AgentTicketOut,
    ClaimOut,
    HandoffSummary,
    PresenceOut,
    QueueOut,
    TicketOut,
    TicketsOut,
    TicketStatus,
    TicketStatusIn,
)
from walletbot.storage.types import utcnow

agent_router = APIRouter(prefix="/v1/agent", tags=["agent"])
ticket_router = APIRouter(prefix="/v1/tickets", tags=["tickets"])
ERRORS: dict[int | str, dict[str, object]] = {
    code: {"model": ErrorOut} for code in (400, 401, 403, 404, 409, 413, 422)
}


@agent_router.post("/heartbeat", response_model=PresenceOut, responses=ERRORS)
async def heartbeat(agent: AgentDep, session: SessionDep, runtime: RuntimeDep) -> PresenceOut:
    """Mark the agent on duty and extend its claims' leases (any agent call does the same)."""
    active = await service.touch(session, agent, runtime.cfg, utcnow())
    return PresenceOut(name=agent.name, role=agent.role, active_agents=active)


@agent_router.get("/queue", response_model=QueueOut, responses=ERRORS)
async def queue(agent: AgentDep, session: SessionDep, runtime: RuntimeDep) -> QueueOut:
    """Waiting conversations in claim order, with wait times and a hand-off summary."""
    return await service.queue_listing(session, runtime.cfg, utcnow())


@agent_router.post("/claim", response_model=ClaimOut, responses=ERRORS)
async def claim_next(agent: AgentDep, session: SessionDep, runtime: RuntimeDep) -> ClaimOut:
    """Take the next conversation (highest priority, longest waiting); null if none waits."""
    return ClaimOut(conversation=await service.claim_next(session, agent, runtime.cfg, utcnow()))


@agent_router.post(
    "/conversations/{conversation_id}/claim", response_model=HandoffSummary, responses=ERRORS
)
async def claim(
    conversation_id: str, agent: AgentDep, session: SessionDep, runtime: RuntimeDep
) -> HandoffSummary:
    """Take one particular queued conversation (409 `not_queued` otherwise)."""
    return await service.claim(session, conversation_id, agent, runtime.cfg, utcnow())


@agent_router.get(
    "/conversations/{conversation_id}", response_model=HandoffSummary, responses=ERRORS
)
async def conversation(
    conversation_id: str, agent: AgentDep, session: SessionDep, runtime: RuntimeDep
) -> HandoffSummary:
    return await service.agent_conversation(session, conversation_id, runtime.cfg)


@agent_router.post(
    "/conversations/{conversation_id}/messages", response_model=AgentMessageOut, responses=ERRORS
)
async def reply(
    conversation_id: str,
    body: AgentReplyIn,
    agent: AgentDep,
    session: SessionDep,
    runtime: RuntimeDep,
) -> AgentMessageOut:
    """Write to the user (own claim, or a conversation waiting on a ticket)."""
    text = check_text(body.text, runtime.settings.max_message_chars)
    message = await service.reply(session, conversation_id, agent, text)
    return AgentMessageOut(message_id=message.id, text=message.text)


@agent_router.post("/conversations/{conversation_id}/resolve", status_code=204, responses=ERRORS)
async def resolve(conversation_id: str, agent: AgentDep, session: SessionDep) -> None:
    await service.resolve(session, conversation_id, agent, utcnow())


@agent_router.post("/conversations/{conversation_id}/handback", status_code=204, responses=ERRORS)
async def hand_back(conversation_id: str, agent: AgentDep, session: SessionDep) -> None:
    """Give the conversation back to the bot."""
    await service.hand_back(session, conversation_id, agent, utcnow())


@agent_router.post("/conversations/{conversation_id}/release", status_code=204, responses=ERRORS)
async def release(
    conversation_id: str, agent: AgentDep, session: SessionDep, runtime: RuntimeDep
) -> None:
    """Put the conversation back in the queue; it keeps its place."""
    await service.release(session, conversation_id, agent, runtime.cfg, utcnow())


@agent_router.get("/agents", response_model=AgentsOut, responses=ERRORS)
async def agents(agent: AgentDep, session: SessionDep, runtime: RuntimeDep) -> AgentsOut:
    """Who has been seen and when (admins only)."""
    if not agent.is_admin:
        raise Forbidden("admins only", code="admin_only")
    seen = await service.agents_seen(session, runtime.cfg, utcnow())
    return AgentsOut(
        agents=[
            AgentOut(name=name, role=role, last_seen_at=last_seen, active=active)
            for name, role, last_seen, active in seen
        ]
    )


@agent_router.get("/tickets", response_model=TicketsOut, responses=ERRORS)
async def list_tickets(
    agent: AgentDep,
    session: SessionDep,
    status: TicketStatus | None = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> TicketsOut:
    return TicketsOut(
        tickets=[
            AgentTicketOut.model_validate(t, from_attributes=True)
            for t in await tickets.listing(session, status, limit)
        ]
    )


@agent_router.post("/tickets/{number}/status", response_model=AgentTicketOut, responses=ERRORS)
async def set_ticket_status(
    number: str, body: TicketStatusIn, agent: AgentDep, session: SessionDep
) -> AgentTicketOut:
    ticket = await tickets.set_status(session, number, body.status, agent, utcnow())
    return AgentTicketOut.model_validate(ticket, from_attributes=True)


@ticket_router.get("/{number}", response_model=TicketOut, responses=ERRORS)
async def ticket(number: str, token: TokenDep, session: ReaderDep) -> TicketOut:
    """A ticket's status and the details the user gave, for the holder of its conversation's
    token."""
    found, conversation = await tickets.for_user(session, number, token)
    out = TicketOut.model_validate(found, from_attributes=True)
    out.details = DialogueState.from_json(conversation.dialogue).facts
    return out
