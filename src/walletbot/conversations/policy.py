"""Who speaks in a conversation, by status, and when votes on answers hand off.

The rules for each message live in walletbot.dialogue (docs/dialogue.md); these are the few
that depend on the conversation's status alone:
- the bot handles a conversation with status `bot` or `resolved` (a new message reopens it);
- while the user waits for a person (`queued`, `ticket`) the bot still replies to every message,
  with where the user stands, and hands off nothing more;
- once an agent has it (`assigned`) the bot says nothing;
- two answers marked "not helpful" hand off.
"""

from __future__ import annotations

from enum import StrEnum

UNHELPFUL_LIMIT = 2
# Statuses in which a person (or a ticket) owns the conversation.
HANDED_OFF = frozenset({"queued", "assigned", "ticket"})
# Statuses in which the bot says nothing: an agent has the conversation.
SILENT = frozenset({"assigned"})


class HandoffReason(StrEnum):
    LOW_CONFIDENCE = "low_confidence"
    USER_REQUEST = "user_request"
    URGENT = "urgent"
    NOT_HELPFUL = "not_helpful"


def bot_answers(status: str) -> bool:
    """Whether the bot handles the conversation (its votes count, it may hand off)."""
    return status not in HANDED_OFF


def bot_replies(status: str) -> bool:
    """Whether the bot replies to a user's message at all."""
    return status not in SILENT


def hands_off_after_feedback(unhelpful_count: int) -> bool:
    return unhelpful_count >= UNHELPFUL_LIMIT
