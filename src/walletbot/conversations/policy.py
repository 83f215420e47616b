"""Conversation policy: what the bot does with a message given what happened before.

Pure rules over the stateless engine's decision and a little conversation memory; no SQL, no I/O.
The engine judges one message; this module judges the conversation:
- a first message the bot does not understand gets a clarification with suggestions, even when
  the engine alone would hand off; a second one in a row hands off;
- an explicit request for a person or an urgent message hands off at once;
- greetings never hand off;
- two answers marked "not helpful" hand off;
- once handed off the bot is silent until an agent resolves the conversation or hands it back.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from walletbot.brain.policy import Action, Priority, Reason

# What "the bot did not understand" means: nothing close enough, or only uncertain candidates.
NOT_UNDERSTOOD = frozenset(
    {Reason.LOW_CONFIDENCE, Reason.MIDDLING_CONFIDENCE, Reason.CLOSE_CANDIDATES}
)
UNHELPFUL_LIMIT = 2
# Statuses in which a person (or a ticket) owns the conversation and the bot stays silent.
HANDED_OFF = frozenset({"queued", "assigned", "ticket"})


class HandoffReason(StrEnum):
    LOW_CONFIDENCE = "low_confidence"
    USER_REQUEST = "user_request"
    URGENT = "urgent"
    NOT_HELPFUL = "not_helpful"


@dataclass(frozen=True)
class Turn:
    """The bot's move for one user message."""

    action: Action
    low_confidence_streak: int  # the conversation's new count of not-understood messages in a row
    handoff_reason: HandoffReason | None = None
    priority: Priority | None = None


# Statuses in which the bot says nothing: an agent has the conversation. While queued or
# ticketed the bot still replies to every message (docs/dialogue.md, "While waiting").
SILENT = frozenset({"assigned"})


def bot_answers(status: str) -> bool:
    """Whether the bot handles the conversation (answers, votes count, it may hand off)."""
    return status not in HANDED_OFF


def bot_replies(status: str) -> bool:
    """Whether the bot replies to a user's message at all."""
    return status not in SILENT


def next_turn(action: Action, reason: Reason, priority: Priority | None, streak: int) -> Turn:
    """Decide the bot's move from the engine's (action, reason, priority) and the current streak."""
    if reason is Reason.GREETING:
        return Turn(Action.ANSWER, 0)
    if reason is Reason.URGENT or priority is Priority.URGENT:
        return Turn(Action.HANDOFF, 0, HandoffReason.URGENT, Priority.URGENT)
    if reason is Reason.USER_REQUEST:
        return Turn(Action.HANDOFF, 0, HandoffReason.USER_REQUEST, priority or Priority.NORMAL)
    if reason in NOT_UNDERSTOOD and action is not Action.ANSWER:
        if streak >= 1:
            return Turn(
                Action.HANDOFF, 0, HandoffReason.LOW_CONFIDENCE, priority or Priority.NORMAL
            )
        return Turn(Action.CLARIFY, streak + 1)
    return Turn(action, 0)


def hands_off_after_feedback(unhelpful_count: int) -> bool:
    return unhelpful_count >= UNHELPFUL_LIMIT
