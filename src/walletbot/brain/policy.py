"""The decision policy: answer, clarify or hand off, and why.

Pure rules over the signals the other brain parts computed, so every branch is tested directly.
Order matters: risk to money or the account comes before anything the classifier thinks.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType
from typing import NamedTuple


class Action(StrEnum):
    ANSWER = "answer"
    CLARIFY = "clarify"
    HANDOFF = "handoff"


class Reason(StrEnum):
    """Why a decision was taken; stable codes for metrics, the queue and the API."""

    CONFIDENT_MATCH = "confident_match"
    GREETING = "greeting"
    CLOSE_CANDIDATES = "close_candidates"
    MIDDLING_CONFIDENCE = "middling_confidence"
    LOW_CONFIDENCE = "low_confidence"
    USER_REQUEST = "user_request"
    URGENT = "urgent"


class Priority(StrEnum):
    NORMAL = "normal"
    HIGH = "high"
    URGENT = "urgent"


# Security and frozen-account answers must be surer than a question about top-up times: a wrong
# answer there costs money.
DEFAULT_CATEGORY_ANSWER_THRESHOLDS: Mapping[str, float] = MappingProxyType(
    {"account_security": 0.6, "account_frozen": 0.55, "failed_transaction": 0.55}
)


@dataclass(frozen=True)
class Thresholds:
    # Defaults chosen on data/eval/faq_val.csv (answered precision >= 95 % in each language);
    # figures are reported on faq_test.csv.
    answer: float = 0.5  # fused score at or above which the best FAQ entry is given as the answer
    clarify: float = 0.3  # below this nothing is close enough to suggest: hand off
    margin: float = 0.02  # another entry closer than this to the best: ask which one
    intent: float = 0.45  # classifier confidence to act on `human_agent` and `greeting`
    per_category: Mapping[str, float] = field(
        default_factory=lambda: dict(DEFAULT_CATEGORY_ANSWER_THRESHOLDS)
    )

    def answer_for(self, category: str) -> float:
        return max(self.answer, self.per_category.get(category, self.answer))


# The records made for every message are NamedTuples: as immutable as a frozen dataclass, built at
# about half the cost (a frozen dataclass sets each field through object.__setattr__).
class Match(NamedTuple):
    faq_id: str
    category: str
    score: float  # fused retrieval and classifier score, 0..1


class Signals(NamedTuple):
    category: str  # the classifier's label
    confidence: float  # its calibrated probability
    matches: tuple[Match, ...]  # best first
    scam_risk: bool = False
    account_at_risk: bool = False
    critical_secret: bool = False  # a seed phrase or private key was shared
    angry: bool = False


class Verdict(NamedTuple):
    action: Action
    reason: Reason
    category: str
    faq_id: str | None = None  # the entry to answer with
    suggestions: tuple[Match, ...] = ()
    priority: Priority | None = None  # set on hand-offs only


def decide(signals: Signals, thresholds: Thresholds) -> Verdict:
    best = signals.matches[0] if signals.matches else None

    if signals.scam_risk or signals.account_at_risk or signals.critical_secret:
        return Verdict(Action.HANDOFF, Reason.URGENT, "account_security", priority=Priority.URGENT)

    escalated = Priority.HIGH if signals.angry else Priority.NORMAL
    if signals.category == "human_agent" and signals.confidence >= thresholds.intent:
        return Verdict(Action.HANDOFF, Reason.USER_REQUEST, "human_agent", priority=escalated)

    if signals.category == "greeting" and signals.confidence >= thresholds.intent:
        greeting = next((m for m in signals.matches if m.category == "greeting"), None)
        return Verdict(
            Action.ANSWER,
            Reason.GREETING,
            "greeting",
            faq_id=greeting.faq_id if greeting else None,
        )

    if best is None or best.score < thresholds.clarify:
        return Verdict(
            Action.HANDOFF, Reason.LOW_CONFIDENCE, _category_or_oos(signals), priority=escalated
        )

    rivals = [m for m in signals.matches[1:3] if best.score - m.score < thresholds.margin]
    if best.score >= thresholds.answer_for(best.category) and not rivals:
        return Verdict(Action.ANSWER, Reason.CONFIDENT_MATCH, best.category, faq_id=best.faq_id)

    reason = Reason.CLOSE_CANDIDATES if rivals else Reason.MIDDLING_CONFIDENCE
    return Verdict(Action.CLARIFY, reason, best.category, suggestions=signals.matches[:3])


def _category_or_oos(signals: Signals) -> str:
    return signals.category if signals.confidence >= 0.5 else "out_of_scope"
