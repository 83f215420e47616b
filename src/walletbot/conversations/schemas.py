"""Request and response bodies of the conversation API."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from walletbot.chat.schemas import DecisionOut
from walletbot.handoff.schemas import ConversationStatus, HandoffStateOut


class CreateConversationIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    lang: Literal["zh", "en"] | None = Field(
        default=None, description="Reply language; detected from the first message when omitted."
    )


class ConversationOut(BaseModel):
    id: str
    lang: Literal["zh", "en"] | None
    status: ConversationStatus
    created_at: datetime
    state: HandoffStateOut


class ConversationCreatedOut(ConversationOut):
    token: str = Field(description="Send as `Authorization: Bearer <token>`; shown only once.")


class MessageIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    text: str
    client_message_id: str = Field(
        min_length=1,
        max_length=128,
        description="Chosen by the client, unique per message: a retry with the same id is "
        "answered from the first attempt and stores nothing twice.",
    )


class MessageOut(BaseModel):
    id: int
    role: Literal["user", "bot", "agent"]
    text: str = Field(description="As stored: secrets and personal data masked.")
    created_at: datetime


class BotReplyOut(DecisionOut):
    message_id: int = Field(description="Use it to rate this answer (POST .../feedback).")


class SendResultOut(BaseModel):
    message: MessageOut
    reply: BotReplyOut | None = Field(
        description="null while an agent has the conversation (status `assigned`)"
    )
    state: HandoffStateOut
    notice: str | None = Field(
        default=None, description="Where the user stands now, when that changed (queue, ticket)."
    )


class EventOut(BaseModel):
    id: int = Field(description="The cursor: pass it back as `after` or `Last-Event-ID`.")
    type: Literal["message", "status", "queue", "ticket", "typing"]
    data: dict[str, Any]
    created_at: datetime


class EventPageOut(BaseModel):
    events: list[EventOut]
    cursor: str = Field(description="Pass as `after` to get what comes next.")


class FeedbackIn(BaseModel):
    """Either `{message_id, helpful}` for one bot answer or `{rating, comment?}` at the end."""

    model_config = ConfigDict(extra="forbid")
    message_id: int | None = None
    helpful: bool | None = None
    rating: int | None = Field(default=None, ge=1, le=5)
    comment: str | None = Field(default=None, max_length=2000)

    @model_validator(mode="after")
    def _one_kind(self) -> FeedbackIn:
        about_answer = self.message_id is not None or self.helpful is not None
        about_conversation = self.rating is not None or self.comment is not None
        if about_answer == about_conversation:
            raise ValueError("send either message_id and helpful, or rating (and comment)")
        if about_answer and (self.message_id is None or self.helpful is None):
            raise ValueError("message_id and helpful go together")
        if about_conversation and self.rating is None:
            raise ValueError("a comment comes with a rating")
        return self


class FeedbackOut(BaseModel):
    state: HandoffStateOut
    notice: str | None = None
