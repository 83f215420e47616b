"""Follow-ups: which short messages lean on the previous answer, and the combined ranking."""

from __future__ import annotations

import pytest

from walletbot.brain.decision_rules import Match
from walletbot.dialogue.followups import combine, is_elliptical


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("手续费呢？", "zh"),
        ("那怎么解绑", "zh"),
        ("what about fees?", "en"),
        ("and for crypto?", "en"),
    ],
)
def test_a_short_message_with_a_mark_of_reference_is_a_follow_up(text: str, lang: str) -> None:
    assert is_elliptical(text, lang, answered_alone=True)  # type: ignore[arg-type]


def test_a_very_short_message_the_bot_cannot_answer_alone_is_a_follow_up() -> None:
    assert is_elliptical("要多久？", "zh", answered_alone=False)
    assert not is_elliptical("要多久？", "zh", answered_alone=True)


@pytest.mark.parametrize(
    ("text", "lang"),
    [("怎么修改登录密码", "zh"), ("how do I change my login password", "en")],
)
def test_a_message_that_stands_on_its_own_is_not(text: str, lang: str) -> None:
    assert not is_elliptical(text, lang, answered_alone=False)  # type: ignore[arg-type]


def test_combine_needs_both_readings() -> None:
    alone = (Match("fees-withdrawal", "fees", 0.6), Match("fees-transfer", "fees", 0.55))
    in_context = (
        Match("transfer-failed", "tx", 0.7),
        Match("fees-transfer", "fees", 0.3),
        Match("fees-withdrawal", "fees", 0.1),
    )
    ranked = combine(alone, in_context)
    assert [m.faq_id for m in ranked] == ["fees-transfer", "fees-withdrawal"]
