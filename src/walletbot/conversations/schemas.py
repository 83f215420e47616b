"""Request and response bodies of the conversation API."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Discriminator, Field, Tag

from walletbot.chat.schemas import DecisionOut
from walletbot.handoff.schemas import HandoffStateOut
from walletbot.http.fields import ID_BOUND, MessageText, safe_string
from walletbot.records.status import ConversationStatus

# Request bodies: unknown fields refused.
STRICT = ConfigDict(extra="forbid")


class CreateConversationIn(BaseModel):
    model_config = STRICT
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
    model_config = STRICT
    text: MessageText = Field(description="The user's message, in Chinese or English.")
    client_message_id: safe_string(1, 128) = Field(  # type: ignore[valid-type]
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


class AnswerFeedbackIn(BaseModel):
    """Was this bot answer helpful?"""

    model_config = STRICT
    message_id: int = Field(ge=1, lt=ID_BOUND, description="The answer's `reply.message_id`.")
    helpful: bool


class RatingFeedbackIn(BaseModel):
    """The conversation's rating at the end, with an optional comment."""

    model_config = STRICT
    rating: int = Field(ge=1, le=5)
    comment: safe_string(max_length=2000) | None = None  # type: ignore[valid-type]


def _feedback_kind(body: Any) -> str:
    """An answer's feedback names the answer; anything else is read as a rating, so that its
    errors are about the rating's fields."""
    is_answer = isinstance(body, dict) and ("message_id" in body or "helpful" in body)
    return "answer_feedback" if is_answer else "rating_feedback"


FeedbackBody = Annotated[
    Annotated[AnswerFeedbackIn, Tag("answer_feedback")]
    | Annotated[RatingFeedbackIn, Tag("rating_feedback")],
    Discriminator(_feedback_kind),
]


class FeedbackIn(BaseModel):
    """Either kind of feedback, as the service reads it."""

    message_id: int | None = None
    helpful: bool | None = None
    rating: int | None = None
    comment: str | None = None

    @classmethod
    def of(cls, body: AnswerFeedbackIn | RatingFeedbackIn) -> FeedbackIn:
        return cls(**body.model_dump())


class FeedbackOut(BaseModel):
    state: HandoffStateOut
    notice: str | None = None
