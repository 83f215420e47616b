"""Ticket pages by number and follow code (/v1/tickets/{number}/...) and the agent's typing
signal (/v1/agent/conversations/{id}/typing)."""

from __future__ import annotations

from fastapi import APIRouter, status

from walletbot.chat.schemas import ErrorOut
from walletbot.deps import ReaderDep, SessionDep
from walletbot.handoff import ticket_follow
from walletbot.handoff.agent_typing import agent_typing
from walletbot.handoff.deps import AgentDep, TokenDep
from walletbot.handoff.follow_schemas import FollowCodeOut, FollowIn, TicketFollowOut
from walletbot.ratelimit import LimitIp

follow_router = APIRouter(prefix="/v1/tickets", tags=["tickets"])
typing_router = APIRouter(prefix="/v1/agent", tags=["agent"])
ERRORS: dict[int | str, dict[str, object]] = {
    code: {"model": ErrorOut} for code in (400, 401, 403, 404, 409, 413, 422, 429)
}


@follow_router.post(
    "/{number}/follow-code",
    response_model=FollowCodeOut,
    responses=ERRORS,
    dependencies=[LimitIp],
)
async def follow_code(number: str, token: TokenDep, session: SessionDep) -> FollowCodeOut:
    """A new code to open this ticket's page on any device (conversation token required);
    it replaces the previous one."""
    return await ticket_follow.issue_code(session, number, token)


@follow_router.post(
    "/{number}/follow",
    response_model=TicketFollowOut,
    responses=ERRORS,
    dependencies=[LimitIp],
)
async def follow(number: str, body: FollowIn, session: ReaderDep) -> TicketFollowOut:
    """The ticket's status history and the agents' replies, for its number plus follow code."""
    return await ticket_follow.follow(session, number, body.code)


@typing_router.post(
    "/conversations/{conversation_id}/typing",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=ERRORS,
)
async def typing(conversation_id: str, agent: AgentDep, session: SessionDep) -> None:
    """The agent is writing a reply: the user's widget shows it for a few seconds."""
    await agent_typing(session, conversation_id, agent)
