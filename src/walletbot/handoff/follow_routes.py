"""Ticket pages by number and follow code (/v1/tickets/{number}/...) and the agent's typing
signal (/v1/agent/conversations/{id}/typing)."""

from __future__ import annotations

from fastapi import APIRouter, status

from walletbot.dependencies import ReaderDep, SessionDep
from walletbot.handoff import ticket_follow
from walletbot.handoff.agent_auth import AgentDep
from walletbot.handoff.agent_typing import agent_typing
from walletbot.handoff.follow_schemas import FollowCodeOut, FollowIn, TicketFollowOut
from walletbot.http.credentials import TokenDep
from walletbot.http.errors import error_responses
from walletbot.http.fields import ConversationId, TicketNumber
from walletbot.http.ratelimit import LimitIp

follow_router = APIRouter(prefix="/v1/tickets", tags=["tickets"])
typing_router = APIRouter(prefix="/v1/agent", tags=["agent"])


@follow_router.post(
    "/{number}/follow-code",
    response_model=FollowCodeOut,
    responses=error_responses(401, 404, 422, 429),
    dependencies=[LimitIp],
)
async def follow_code(number: TicketNumber, token: TokenDep, session: SessionDep) -> FollowCodeOut:
    """A new code to open this ticket's page on any device (conversation token required);
    it replaces the previous one."""
    return await ticket_follow.issue_code(session, number, token)


@follow_router.post(
    "/{number}/follow",
    response_model=TicketFollowOut,
    responses=error_responses(400, 404, 408, 413, 422, 429),
    dependencies=[LimitIp],
)
async def follow(number: TicketNumber, body: FollowIn, session: ReaderDep) -> TicketFollowOut:
    """The ticket's status history and the agents' replies, for its number plus follow code."""
    return await ticket_follow.follow(session, number, body.code)


@typing_router.post(
    "/conversations/{conversation_id}/typing",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=error_responses(401, 403, 404, 409, 422, 429),
)
async def typing(conversation_id: ConversationId, agent: AgentDep, session: SessionDep) -> None:
    """The agent is writing a reply: the user's widget shows it for a few seconds."""
    await agent_typing(session, conversation_id, agent)
