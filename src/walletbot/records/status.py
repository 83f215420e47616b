"""A conversation's status, one `StrEnum` for the domain, the API schemas and the SQL column
(storage/models.py), and the rules that depend on the status alone: who speaks, and when votes
on answers hand off. The rules for each message live in walletbot.dialogue (docs/dialogue.md).

- the bot handles a conversation with status `bot` or `resolved` (a new message reopens it);
- while the user waits for a person (`queued`, `ticket`) the bot still replies to every message,
  with where the user stands, and hands off nothing more;
- once an agent has it (`assigned`) the bot says nothing;
- two answers marked "not helpful" hand off.

A leaf: it imports nothing, so storage's models and the pure dialogue rules use it too.
"""

from __future__ import annotations

from enum import StrEnum


class ConversationStatus(StrEnum):
    BOT = "bot"  # the bot handles it
    QUEUED = "queued"  # waiting for an agent
    ASSIGNED = "assigned"  # an agent has claimed it
    TICKET = "ticket"  # nobody was on duty: a ticket waits for an agent
    RESOLVED = "resolved"  # an agent closed it; a new message reopens it with the bot


UNHELPFUL_LIMIT = 2
# Statuses in which a person (or a ticket) owns the conversation.
HANDED_OFF = frozenset(
    {ConversationStatus.QUEUED, ConversationStatus.ASSIGNED, ConversationStatus.TICKET}
)
# Statuses in which the bot says nothing: an agent has the conversation.
SILENT = frozenset({ConversationStatus.ASSIGNED})


class HandoffReason(StrEnum):
    LOW_CONFIDENCE = "low_confidence"
    USER_REQUEST = "user_request"
    URGENT = "urgent"
    NOT_HELPFUL = "not_helpful"


def bot_answers(status: ConversationStatus) -> bool:
    """Whether the bot handles the conversation (its votes count, it may hand off)."""
    return status not in HANDED_OFF


def bot_replies(status: ConversationStatus) -> bool:
    """Whether the bot replies to a user's message at all."""
    return status not in SILENT


def hands_off_after_feedback(unhelpful_count: int) -> bool:
    return unhelpful_count >= UNHELPFUL_LIMIT
