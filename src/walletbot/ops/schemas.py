"""Response bodies of the admin API and the agents' FAQ search."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field


class Percentiles(BaseModel):
    count: int
    p50: float | None = None
    p90: float | None = None


class HelpfulOut(BaseModel):
    faq_id: str
    question: str
    helpful: int
    unhelpful: int
    rate: float = Field(description="helpful / (helpful + unhelpful)")


class CsatOut(BaseModel):
    count: int
    average: float | None
    satisfied_rate: float | None = Field(description="share of ratings 4 or 5")
    distribution: dict[str, int]


class CategoryDayOut(BaseModel):
    day: str
    counts: dict[str, int]


class QuestionGroupOut(BaseModel):
    count: int
    examples: list[str] = Field(description="masked as stored")


class StatsOut(BaseModel):
    generated_at: datetime
    days: int
    conversations: int = Field(description="conversations in which the user wrote")
    deflection_rate: float | None = Field(description="share answered without a person")
    handoffs: dict[str, int]
    handoff_rate: dict[str, float]
    decisions: dict[str, int]
    helpful: list[HelpfulOut]
    csat: CsatOut
    first_response_seconds: Percentiles
    resolution_seconds: Percentiles
    queue_wait_seconds: dict[str, Percentiles]
    categories_by_day: list[CategoryDayOut]
    unanswered: list[QuestionGroupOut]


class ReloadOut(BaseModel):
    categories: int
    faqs: int
    trained_seconds: float
    loads: int = Field(description="models loaded by this process, start-up included")


class FaqHitOut(BaseModel):
    faq_id: str
    category: str
    score: float
    question: str
    answer: str


class FaqSearchOut(BaseModel):
    lang: str
    hits: list[FaqHitOut]
