"""Request and response bodies of the hand-off state, the agent API and tickets."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from walletbot.chat.schemas import SuggestionOut
from walletbot.http.fields import MessageText
from walletbot.records.status import ConversationStatus

TicketStatus = Literal["open", "in_progress", "resolved"]
# Guided details (docs/dialogue.md): field -> {"text": what the user wrote (masked), "value":
# parsed or null}, or null when the user skipped the question.
Details = dict[str, dict[str, str | None] | None]
DETAILS_DESCRIPTION = (
    "What the user answered to the guided-details questions (when, amount, method, reference): "
    "`text` as written (masked), `value` parsed or null; null when skipped."
)


class TicketRef(BaseModel):
    number: str
    status: TicketStatus


class HandoffStateOut(BaseModel):
    """Where the user stands: with the bot, in the queue, with an agent, or waiting on a ticket."""

    status: ConversationStatus
    position: int | None = Field(default=None, description="1 = next; set while queued.")
    estimated_wait_seconds: float | None = None
    agent: str | None = None
    ticket: TicketRef | None = None
    suggestions: list[SuggestionOut] = Field(
        default_factory=list, description="Closest FAQ entries to read while waiting."
    )


class TranscriptLine(BaseModel):
    id: int
    role: Literal["user", "bot", "agent"]
    text: str
    author: str | None
    created_at: datetime


class HandoffSummary(BaseModel):
    conversation_id: str
    status: ConversationStatus
    lang: Literal["zh", "en"] | None
    priority: str | None
    reason: str | None
    category: str | None
    confidence: float | None
    queued_at: datetime | None
    claimed_by: str | None
    lease_expires_at: datetime | None
    transcript: list[TranscriptLine]
    details: Details = Field(default_factory=dict, description=DETAILS_DESCRIPTION)


class QueueItemOut(HandoffSummary):
    position: int
    waited_seconds: float
    estimated_wait_seconds: float


class QueueOut(BaseModel):
    active_agents: int
    items: list[QueueItemOut]


class ClaimOut(BaseModel):
    conversation: HandoffSummary | None = Field(description="null when the queue is empty")


class AgentReplyIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    text: MessageText = Field(description="What the user will read.")


class AgentMessageOut(BaseModel):
    message_id: int
    text: str


class PresenceOut(BaseModel):
    name: str
    role: str
    active_agents: int


class AgentOut(BaseModel):
    name: str
    role: str
    last_seen_at: datetime
    active: bool


class AgentsOut(BaseModel):
    agents: list[AgentOut]


class TicketOut(BaseModel):
    number: str
    status: TicketStatus
    priority: str
    reason: str
    category: str | None
    created_at: datetime
    updated_at: datetime
    details: Details = Field(default_factory=dict, description=DETAILS_DESCRIPTION)


class AgentTicketOut(TicketOut):
    conversation_id: str
    updated_by: str | None


class TicketsOut(BaseModel):
    tickets: list[AgentTicketOut]


class TicketStatusIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    status: TicketStatus


class AuditEntryOut(BaseModel):
    agent: str
    role: str
    conversation_id: str
    action: Literal["view", "claim", "queue"]
    at: datetime


class AuditOut(BaseModel):
    entries: list[AuditEntryOut] = Field(description="Newest first.")
