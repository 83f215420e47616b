"""Bodies of the ticket page a user follows by number and code, and of the agent's typing signal."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from walletbot.handoff.schemas import TicketStatus


class FollowCodeOut(BaseModel):
    number: str
    code: str = Field(
        description="Opens the ticket's page with its number, on any device. Shown once: a new "
        "request replaces it."
    )


class FollowIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    code: str = Field(min_length=1, max_length=64, description="Spaces and dashes are ignored.")


class TicketHistoryItem(BaseModel):
    status: TicketStatus
    at: datetime


class TicketReplyOut(BaseModel):
    text: str = Field(description="As stored: secrets masked.")
    author: str | None
    at: datetime


class TicketFollowOut(BaseModel):
    number: str
    status: TicketStatus
    lang: Literal["zh", "en"] | None
    created_at: datetime
    updated_at: datetime
    history: list[TicketHistoryItem] = Field(
        description="Every status the ticket had, oldest first."
    )
    replies: list[TicketReplyOut] = Field(description="What agents wrote since it opened.")
