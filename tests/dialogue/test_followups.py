"""Follow-ups: which short messages lean on the previous answer, and the combined ranking."""

from __future__ import annotations

import pytest

from walletbot.brain.decision_rules import Match
from walletbot.brain.text import normalise
from walletbot.dialogue.followups import combine, is_elliptical, names_nothing


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


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("怎么弄", "zh"),
        ("那怎么办？", "zh"),
        ("具体怎么做", "zh"),
        ("在哪里设置", "zh"),
        ("为什么", "zh"),
        ("how do I do that?", "en"),
        ("why?", "en"),
        ("where do I find it", "en"),
    ],
)
def test_a_question_with_no_word_of_what_about_names_nothing(text: str, lang: str) -> None:
    assert names_nothing(normalise(text), lang)


@pytest.mark.parametrize(
    ("text", "lang"),
    # follow-ups of the evaluation dialogues: each names what it asks about
    [
        ("手续费呢？", "zh"),
        ("要多久？", "zh"),
        ("怎么提高", "zh"),
        ("那怎么解绑", "zh"),
        ("钱退到哪里", "zh"),
        ("can I raise it?", "en"),
        ("and how do I remove it?", "en"),
        ("where does the money go?", "en"),
        ("how long does it take?", "en"),
    ],
)
def test_a_follow_up_that_names_its_subject_names_something(text: str, lang: str) -> None:
    assert not names_nothing(normalise(text), lang)
