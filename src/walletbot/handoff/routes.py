"""Agent API (/v1/agent/..., agent API keys) and ticket lookup for users (/v1/tickets/...)."""

# No `from __future__ import annotations`: FastAPI reads the endpoints' annotations, and the reply
# body model is this app's own (its text limit), a name of `build_routers`' scope.

from typing import TYPE_CHECKING, Annotated, TypeAlias

from fastapi import APIRouter, Query, status

from walletbot.dependencies import ReaderDep, SessionDep, StateDep
from walletbot.dialogue.state import DialogueState
from walletbot.handoff import audit, service, tickets
from walletbot.handoff.agent_auth import AdminOnly, AgentDep
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
from walletbot.http.credentials import TokenDep
from walletbot.http.errors import error_responses
from walletbot.http.fields import ConversationId, TicketNumber, with_text_limit
from walletbot.settings import Settings
from walletbot.storage.types import utcnow

# Every agent call: no key or an unknown one (401), too many unknown keys (429).
AGENT_ERRORS = error_responses(401, 429)


def build_routers(settings: Settings) -> tuple[APIRouter, APIRouter]:
    """The agent router and the users' ticket router."""
    agent_router = APIRouter(prefix="/v1/agent", tags=["agent"], responses=AGENT_ERRORS)
    if TYPE_CHECKING:
        ReplyBody: TypeAlias = AgentReplyIn
    else:
        ReplyBody = with_text_limit(AgentReplyIn, settings.max_message_chars)

    @agent_router.post("/heartbeat", response_model=PresenceOut)
    async def agent_heartbeat(agent: AgentDep, session: SessionDep, state: StateDep) -> PresenceOut:
        """Mark the agent on duty and extend its claims' leases (any agent call does the same)."""
        active = await service.touch(session, agent, state.handoff, utcnow())
        return PresenceOut(name=agent.name, role=agent.role, active_agents=active)

    @agent_router.get("/queue", response_model=QueueOut)
    async def agent_queue(agent: AgentDep, session: SessionDep, state: StateDep) -> QueueOut:
        """Waiting conversations in claim order, with wait times and a hand-off summary."""
        now = utcnow()
        queue = await service.queue_listing(session, state.handoff, now)
        await audit.queue_seen(session, agent, queue, now)
        return queue

    @agent_router.post("/claim", response_model=ClaimOut)
    async def claim_next(agent: AgentDep, session: SessionDep, state: StateDep) -> ClaimOut:
        """Take the next conversation (highest priority, longest waiting); null if none waits."""
        now = utcnow()
        summary = await service.claim_next(session, agent, state.handoff, now)
        if summary is not None:
            audit.record(session, agent, [summary.conversation_id], "claim", now)
        return ClaimOut(conversation=summary)

    @agent_router.post(
        "/conversations/{conversation_id}/claim",
        response_model=HandoffSummary,
        responses=error_responses(404, 409, 422),
    )
    async def claim_conversation(
        conversation_id: ConversationId, agent: AgentDep, session: SessionDep, state: StateDep
    ) -> HandoffSummary:
        """Take one particular queued conversation (409 `not_queued` otherwise)."""
        now = utcnow()
        summary = await service.claim(session, conversation_id, agent, state.handoff, now)
        audit.record(session, agent, [summary.conversation_id], "claim", now)
        return summary

    @agent_router.get(
        "/conversations/{conversation_id}",
        response_model=HandoffSummary,
        responses=error_responses(403, 404, 422),
    )
    async def agent_conversation(
        conversation_id: ConversationId, agent: AgentDep, session: SessionDep, state: StateDep
    ) -> HandoffSummary:
        """A conversation handed to people: queued, waiting on a ticket, or this agent's (any,
        for an admin); 403 `not_handed_off` or `claimed_by_other` otherwise. Recorded in the
        audit log."""
        return await audit.read_conversation(
            session, conversation_id, agent, state.handoff, utcnow()
        )

    @agent_router.post(
        "/conversations/{conversation_id}/messages",
        response_model=AgentMessageOut,
        responses=error_responses(400, 403, 404, 408, 409, 413, 422),
    )
    async def agent_reply(
        conversation_id: ConversationId, body: ReplyBody, agent: AgentDep, session: SessionDep
    ) -> AgentMessageOut:
        """Write to the user (own claim, or a conversation waiting on a ticket)."""
        message = await service.reply(session, conversation_id, agent, body.text)
        return AgentMessageOut(message_id=message.id, text=message.text)

    no_content = status.HTTP_204_NO_CONTENT
    action_errors = error_responses(403, 404, 409, 422)

    @agent_router.post(
        "/conversations/{conversation_id}/resolve", status_code=no_content, responses=action_errors
    )
    async def resolve(
        conversation_id: ConversationId, agent: AgentDep, session: SessionDep
    ) -> None:
        """Close the conversation (and its open ticket)."""
        await service.resolve(session, conversation_id, agent, utcnow())

    @agent_router.post(
        "/conversations/{conversation_id}/handback", status_code=no_content, responses=action_errors
    )
    async def hand_back(
        conversation_id: ConversationId, agent: AgentDep, session: SessionDep
    ) -> None:
        """Give the conversation back to the bot."""
        await service.hand_back(session, conversation_id, agent, utcnow())

    @agent_router.post(
        "/conversations/{conversation_id}/release", status_code=no_content, responses=action_errors
    )
    async def release(
        conversation_id: ConversationId, agent: AgentDep, session: SessionDep, state: StateDep
    ) -> None:
        """Put the conversation back in the queue; it keeps its place."""
        await service.release(session, conversation_id, agent, state.handoff, utcnow())

    @agent_router.get(
        "/agents",
        response_model=AgentsOut,
        dependencies=[AdminOnly],
        responses=error_responses(403),
    )
    async def agents(agent: AgentDep, session: SessionDep, state: StateDep) -> AgentsOut:
        """Who has been seen and when (admins only)."""
        seen = await service.agents_seen(session, state.handoff, utcnow())
        return AgentsOut(
            agents=[
                AgentOut(name=name, role=role, last_seen_at=last_seen, active=active)
                for name, role, last_seen, active in seen
            ]
        )

    @agent_router.get("/tickets", response_model=TicketsOut, responses=error_responses(422))
    async def list_tickets(
        agent: AgentDep,
        session: SessionDep,
        status: TicketStatus | None = None,
        limit: Annotated[int, Query(ge=1, le=500)] = 100,
    ) -> TicketsOut:
        """Tickets, newest first; `status` filters."""
        return TicketsOut(
            tickets=[
                AgentTicketOut.model_validate(t, from_attributes=True)
                for t in await tickets.listing(session, status, limit)
            ]
        )

    @agent_router.post(
        "/tickets/{number}/status",
        response_model=AgentTicketOut,
        responses=error_responses(400, 404, 422),
    )
    async def set_ticket_status(
        number: TicketNumber, body: TicketStatusIn, agent: AgentDep, session: SessionDep
    ) -> AgentTicketOut:
        """Move a ticket along: open, in_progress, resolved."""
        ticket = await tickets.set_status(session, number, body.status, agent, utcnow())
        return AgentTicketOut.model_validate(ticket, from_attributes=True)

    ticket_router = APIRouter(prefix="/v1/tickets", tags=["tickets"])

    @ticket_router.get(
        "/{number}", response_model=TicketOut, responses=error_responses(401, 404, 422)
    )
    async def ticket(number: TicketNumber, token: TokenDep, session: ReaderDep) -> TicketOut:
        """A ticket's status and the details the user gave, for the holder of its
        conversation's token."""
        found, conversation = await tickets.for_user(session, number, token)
        out = TicketOut.model_validate(found, from_attributes=True)
        out.details = DialogueState.from_json(conversation.dialogue).facts
        return out

    return agent_router, ticket_router
