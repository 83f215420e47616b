"""The bot's turn in a stored conversation: the dialogue rules (walletbot.dialogue) over the
state kept in the conversation's row. No I/O: the service reads what the turn needs (whether an
agent is on duty, where a waiting user stands) and stores what it returns.

This is the one call the message path makes into the dialogue (docs/dialogue.md, "In the
service"): `plan` decides, `apply` writes the decision into the conversation.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import cast

from walletbot.brain.engine import Decision
from walletbot.brain.text import Lang
from walletbot.dialogue.rules import respond
from walletbot.dialogue.state import DialogueState
from walletbot.dialogue.turns import Brain, Context, Outcome
from walletbot.handoff.terms import HandoffConfig
from walletbot.records.status import ConversationStatus
from walletbot.storage.models import Conversation


def plan(
    conversation: Conversation,
    text: str,
    engine: Brain,
    cfg: HandoffConfig,
    now: datetime,
    *,
    on_duty: bool = True,
) -> Outcome:
    """The bot's move on a user's message. `on_duty`: whether a hand-off now would be queued;
    the service plans with True and, only when the move hands off and nobody is on duty,
    plans again with False (the wording differs: no promise of an agent a ticket contradicts)."""
    ctx = Context(
        status=conversation.status,
        lang=cast("Lang | None", conversation.lang),
        priority=conversation.priority,
        on_duty=on_duty,
        now=cfg.local(now),
        config=cfg.dialogue,
        category=conversation.category,
    )
    return respond(text, DialogueState.from_json(conversation.dialogue), ctx, engine)


def apply(conversation: Conversation, outcome: Outcome) -> None:
    """The conversation's memory after the move (status, language, dialogue state)."""
    if conversation.status == ConversationStatus.RESOLVED:
        conversation.status = ConversationStatus.BOT  # a resolved conversation reopens with the bot
    if outcome.decision is not None:
        conversation.lang = conversation.lang or outcome.decision.lang
    conversation.dialogue = outcome.state.to_json()


def with_notice(decision: Decision, notice: str) -> Decision:
    """The reply followed by where the waiting user stands."""
    return replace(decision, body=f"{decision.body}\n\n{notice}" if decision.body else notice)
