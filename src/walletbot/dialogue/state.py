"""What a conversation remembers between messages, stored as JSON with the conversation.

Small and explicit: the service loads it with the conversation row, the rules return a new one,
the service stores it in the same transaction as the messages. Unknown or malformed JSON reads as
a fresh state, so an old row or a newer field never breaks a conversation.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Then = Literal["handoff", "waiting"]


@dataclass(frozen=True)
class PendingHandOff:
    """The hand-off waiting for the guided details to be collected."""

    reason: str
    priority: str
    category: str | None
    confidence: float | None


@dataclass(frozen=True)
class Details:
    """Guided details in progress: the problem, the fields still to ask (the first is pending)."""

    problem: str
    remaining: tuple[str, ...]
    then: Then  # "handoff": hand off when done; "waiting": already handed off
    handoff: PendingHandOff | None = None


@dataclass(frozen=True)
class DialogueState:
    offered: tuple[str, ...] = ()  # the last clarification's entries, in the order shown
    spare: tuple[str, ...] = ()  # the next candidates, for "none of these"
    answered: str | None = None  # the entry of the last answer, if the last reply was one
    topic: str | None = None  # what the last answer was about, for follow-ups (masked text)
    about: str | None = None  # the entry a "not this" was about, kept for the hand-off
    answer_message: int | None = None  # the stored message of the last answer (set by the service)
    scope_streak: int = 0  # out-of-scope messages in a row
    menu: tuple[str, ...] = ()  # the scope reply's problem types (category ids), as numbered
    unclear_streak: int = 0  # messages the bot did not understand, in a row
    details: Details | None = None
    # Guided details collected: field -> {"text": masked answer, "value": parsed or None};
    # a skipped field is present with None.
    facts: dict[str, dict[str, str | None] | None] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, raw: object) -> DialogueState:
        if not isinstance(raw, dict):
            return cls()
        try:
            details = raw.get("details")
            pending = details.get("handoff") if isinstance(details, dict) else None
            return cls(
                offered=tuple(raw.get("offered") or ()),
                spare=tuple(raw.get("spare") or ()),
                answered=raw.get("answered"),
                topic=raw.get("topic"),
                about=raw.get("about"),
                answer_message=raw.get("answer_message"),
                scope_streak=int(raw.get("scope_streak") or 0),
                menu=tuple(raw.get("menu") or ()),
                unclear_streak=int(raw.get("unclear_streak") or 0),
                details=Details(
                    problem=details["problem"],
                    remaining=tuple(details["remaining"]),
                    then=details["then"],
                    handoff=PendingHandOff(**pending) if isinstance(pending, dict) else None,
                )
                if isinstance(details, dict)
                else None,
                facts=dict(raw.get("facts") or {}),
            )
        except (KeyError, TypeError, ValueError):
            return cls()
