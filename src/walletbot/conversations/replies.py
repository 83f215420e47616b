"""Reshape the engine's one-message decision to the conversation policy's turn."""

from __future__ import annotations

from dataclasses import replace

from walletbot.brain.engine import Decision, HandoffRequest
from walletbot.brain.policy import Action, Priority, Reason
from walletbot.brain.replies import clarify_reply, handoff_reply
from walletbot.conversations.notices import REPHRASE
from walletbot.conversations.policy import Turn


def shape(decision: Decision, turn: Turn) -> Decision:
    """The decision as the conversation answers it. Warnings the engine put before its reply
    (shared secrets, scams: `Decision.preface`) are kept; only the body changes."""
    if turn.action is decision.action:
        return decision
    lang = decision.lang
    if turn.action is Action.CLARIFY:
        questions = [s.question for s in decision.suggestions]
        body = clarify_reply(lang, questions) if questions else REPHRASE[lang]
        return replace(decision, action=Action.CLARIFY, body=body, handoff=None)
    if turn.action is Action.HANDOFF:
        reason = Reason(turn.handoff_reason.value) if turn.handoff_reason else Reason.LOW_CONFIDENCE
        return replace(
            decision,
            action=Action.HANDOFF,
            body=handoff_reply(lang, reason),
            handoff=HandoffRequest(reason, turn.priority or Priority.NORMAL),
        )
    return decision
