"""The rules by conversation status (pure); the per-message rules are in tests/dialogue."""

from __future__ import annotations

import pytest

from walletbot.records.status import (
    ConversationStatus,
    bot_answers,
    bot_replies,
    hands_off_after_feedback,
)


def test_two_unhelpful_answers_hand_off() -> None:
    assert not hands_off_after_feedback(1)
    assert hands_off_after_feedback(2)


@pytest.mark.parametrize(
    ("status", "handles", "replies"),
    [
        (ConversationStatus.BOT, True, True),
        (ConversationStatus.RESOLVED, True, True),
        (ConversationStatus.QUEUED, False, True),
        (ConversationStatus.TICKET, False, True),
        (ConversationStatus.ASSIGNED, False, False),
    ],
)
def test_the_bot_replies_while_waiting_and_is_silent_once_an_agent_has_it(
    status: ConversationStatus, handles: bool, replies: bool
) -> None:
    assert bot_answers(status) is handles
    assert bot_replies(status) is replies
