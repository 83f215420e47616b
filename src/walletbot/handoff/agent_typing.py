"""The agent-typing signal: a `typing` event in the conversation's log, so it reaches the user's
event stream on any instance the way every other event does (docs/web.md, "Agent typing").

The console sends it at most every few seconds while the agent writes; the widget shows "typing"
for a few seconds after the latest one, and not at all when it replays the log after a reload.
"""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from walletbot.handoff.agents import Agent
from walletbot.handoff.service import _owned as writable_by
from walletbot.records import repository as conversations


async def agent_typing(session: AsyncSession, conversation_id: str, agent: Agent) -> None:
    """Only where the agent may write (its claim, or a ticket): the same rule as a reply."""
    conversation = await writable_by(session, conversation_id, agent, allow_ticket=True)
    await conversations.append_event(session, conversation, "typing", {"agent": agent.name})
