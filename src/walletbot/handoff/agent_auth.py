"""Which agent is calling: the holder of the API key, at work (a heartbeat) or as an admin.

All `async def`, even without an await: FastAPI runs a sync dependency in a worker thread (see dependencies.py).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from walletbot.dependencies import SessionDep, StateDep
from walletbot.handoff import service
from walletbot.handoff.agents import Agent
from walletbot.http.credentials import AgentKeyDep
from walletbot.http.errors import Forbidden, Unauthorized
from walletbot.http.ratelimit import KeyFailures
from walletbot.storage.types import utcnow


async def key_holder(request: Request, key: AgentKeyDep, state: StateDep) -> Agent:
    """The agent owning the API key. Unknown keys are counted per client address, and past
    WALLETBOT_AGENT_KEY_FAILURES_PER_IP a minute every key from there is refused (429)."""
    failures = KeyFailures(request)
    await failures.refuse_if_blocked()
    agent = state.agents.authenticate(key)
    if agent is None:
        await failures.count_failure()
        raise Unauthorized("unknown agent key", code="invalid_agent_key")
    return agent


KeyHolderDep = Annotated[Agent, Depends(key_holder)]


async def current_agent(agent: KeyHolderDep, state: StateDep, session: SessionDep) -> Agent:
    """An agent at work: every authenticated call also counts as a heartbeat."""
    await service.touch(session, agent, state.handoff, utcnow())
    return agent


async def current_admin(agent: KeyHolderDep) -> Agent:
    """An admin key. Unlike agent calls this does not mark anyone on duty: looking at the
    dashboard must not make the queue believe a person is there to take hand-offs."""
    if not agent.is_admin:
        raise Forbidden("admins only", code="admin_only")
    return agent


AgentDep = Annotated[Agent, Depends(current_agent)]
AdminDep = Annotated[Agent, Depends(current_admin)]
AdminOnly = Depends(current_admin)
