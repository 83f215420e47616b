"""Request and response bodies of the chat API."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from walletbot.brain.engine import Decision
from walletbot.http.fields import MessageText


class ChatRequest(BaseModel):
    # Unknown fields are refused.
    model_config = ConfigDict(extra="forbid")

    text: MessageText = Field(description="The user's message, in Chinese or English.")
    lang: Literal["zh", "en"] | None = Field(
        default=None, description="Reply language; detected from the text when omitted."
    )


class SuggestionOut(BaseModel):
    faq_id: str
    question: str
    score: float = Field(
        description="How close the entry is to this message (higher = closer). 0 where the list "
        "is not a ranking of this message: the list shown again, the next entries after "
        '"none of these", the problem-type menu.'
    )


class HandoffOut(BaseModel):
    reason: Literal["low_confidence", "user_request", "urgent", "not_helpful"]
    priority: Literal["normal", "high", "urgent"]


class DecisionOut(BaseModel):
    action: Literal["answer", "clarify", "handoff"]
    reason: str = Field(description="Why this action was taken (stable code).")
    category: str
    confidence: float
    lang: Literal["zh", "en"]
    reply: str
    faq_id: str | None
    suggestions: list[SuggestionOut]
    handoff: HandoffOut | None
    flags: list[str]

    @classmethod
    def from_decision(cls, d: Decision) -> DecisionOut:
        return cls(
            action=d.action.value,
            reason=d.reason.value,
            category=d.category,
            confidence=d.confidence,
            lang=d.lang,
            reply=d.reply,
            faq_id=d.faq_id,
            suggestions=[
                SuggestionOut(faq_id=s.faq_id, question=s.question, score=s.score)
                for s in d.suggestions
            ],
            handoff=HandoffOut(reason=d.handoff.reason.value, priority=d.handoff.priority.value)
            if d.handoff
            else None,
            flags=list(d.flags),
        )


class CategoryOut(BaseModel):
    id: str
    names: dict[str, str]


class CategoriesOut(BaseModel):
    categories: list[CategoryOut]
