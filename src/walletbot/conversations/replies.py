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
    (shared secrets, scams) are kept; only the body changes."""
    if turn.action is decision.action:
        return decision
    preface = _preface(decision)
    lang = decision.lang
    if turn.action is Action.CLARIFY:
        questions = [s.question for s in decision.suggestions]
        body = clarify_reply(lang, questions) if questions else REPHRASE[lang]
        return replace(decision, action=Action.CLARIFY, reply=preface + body, handoff=None)
    if turn.action is Action.HANDOFF:
        reason = Reason(turn.handoff_reason.value) if turn.handoff_reason else Reason.LOW_CONFIDENCE
        return replace(
            decision,
            action=Action.HANDOFF,
            reply=preface + handoff_reply(lang, reason),
            handoff=HandoffRequest(reason, turn.priority or Priority.NORMAL),
        )
    return decision


def _preface(decision: Decision) -> str:
    """What precedes the engine's own body (its clarification or hand-off sentence)."""
    if decision.action is Action.CLARIFY:
        body = clarify_reply(decision.lang, [s.question for s in decision.suggestions])
    elif decision.action is Action.HANDOFF:
        body = handoff_reply(decision.lang, decision.reason)
    else:
        return ""
    return decision.reply[: -len(body)] if decision.reply.endswith(body) else ""
