"""Dependencies of the conversation and agent routers: the runtime, who is calling.

All `async def`, even without an await: FastAPI runs a sync dependency in a worker thread (see deps.py).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Header, Request

from walletbot.deps import SessionDep
from walletbot.errors import Unauthorized
from walletbot.handoff import service
from walletbot.handoff.agents import Agent
from walletbot.handoff.runtime import HandoffRuntime
from walletbot.storage.types import utcnow


async def get_runtime(request: Request) -> HandoffRuntime:
    runtime: HandoffRuntime = request.app.state.handoff
    return runtime


RuntimeDep = Annotated[HandoffRuntime, Depends(get_runtime)]


async def bearer_token(authorization: Annotated[str | None, Header()] = None) -> str:
    scheme, _, value = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not value.strip():
        raise Unauthorized(
            "send the token as `Authorization: Bearer <token>`",
            code="missing_token",
        )
    return value.strip()


TokenDep = Annotated[str, Depends(bearer_token)]


async def current_agent(token: TokenDep, runtime: RuntimeDep, session: SessionDep) -> Agent:
    """The agent owning the API key; every authenticated call also counts as a heartbeat."""
    agent = runtime.agents.authenticate(token)
    if agent is None:
        raise Unauthorized("unknown agent key", code="invalid_agent_key")
    await service.touch(session, agent, runtime.cfg, utcnow())
    return agent


AgentDep = Annotated[Agent, Depends(current_agent)]
