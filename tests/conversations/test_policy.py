"""The conversation policy, rule by rule (pure)."""

from __future__ import annotations

import pytest

from walletbot.brain.policy import Action, Priority, Reason
from walletbot.conversations.policy import (
    HandoffReason,
    bot_answers,
    hands_off_after_feedback,
    next_turn,
)


def test_first_low_confidence_message_is_clarified_even_if_engine_hands_off() -> None:
    turn = next_turn(Action.HANDOFF, Reason.LOW_CONFIDENCE, Priority.NORMAL, streak=0)
    assert turn.action is Action.CLARIFY and turn.low_confidence_streak == 1


@pytest.mark.parametrize("reason", [Reason.LOW_CONFIDENCE, Reason.MIDDLING_CONFIDENCE])
def test_second_consecutive_low_confidence_message_hands_off(reason: Reason) -> None:
    action = Action.HANDOFF if reason is Reason.LOW_CONFIDENCE else Action.CLARIFY
    turn = next_turn(action, reason, None, streak=1)
    assert turn.action is Action.HANDOFF
    assert turn.handoff_reason is HandoffReason.LOW_CONFIDENCE
    assert turn.priority is Priority.NORMAL and turn.low_confidence_streak == 0


def test_an_answer_breaks_the_streak() -> None:
    assert (
        next_turn(Action.ANSWER, Reason.CONFIDENT_MATCH, None, streak=1).low_confidence_streak == 0
    )


def test_explicit_request_hands_off_at_once_with_the_engines_priority() -> None:
    turn = next_turn(Action.HANDOFF, Reason.USER_REQUEST, Priority.HIGH, streak=0)
    assert (turn.action, turn.handoff_reason, turn.priority) == (
        Action.HANDOFF,
        HandoffReason.USER_REQUEST,
        Priority.HIGH,
    )


def test_urgent_hands_off_with_urgent_priority() -> None:
    turn = next_turn(Action.HANDOFF, Reason.URGENT, Priority.URGENT, streak=0)
    assert turn.handoff_reason is HandoffReason.URGENT and turn.priority is Priority.URGENT


@pytest.mark.parametrize("streak", [0, 1, 5])
def test_greetings_never_hand_off(streak: int) -> None:
    turn = next_turn(Action.ANSWER, Reason.GREETING, None, streak=streak)
    assert turn.action is Action.ANSWER and turn.low_confidence_streak == 0


def test_two_unhelpful_answers_hand_off() -> None:
    assert not hands_off_after_feedback(1)
    assert hands_off_after_feedback(2)


@pytest.mark.parametrize(
    ("status", "answers"),
    [("bot", True), ("resolved", True), ("queued", False), ("assigned", False), ("ticket", False)],
)
def test_bot_is_silent_once_handed_off(status: str, answers: bool) -> None:
    assert bot_answers(status) is answers
