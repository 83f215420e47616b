"""Picking one of a clarification's suggestions (pure)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from walletbot.brain.text import normalise
from walletbot.dialogue.picks import pick, pick_by_number

OPTIONS = [
    ["支付密码忘了怎么办", "I forgot my payment password", "How can I reset my payment PIN?"],
    ["忘记登录密码怎么办", "I forgot my login password"],
    ["APP闪退怎么办", "The app keeps crashing"],
]
ZH_NUMERALS = {1: "一", 2: "二", 3: "三"}
EN_ORDINALS = {
    1: ("first", "1st", "one"),
    2: ("second", "2nd", "two"),
    3: ("third", "3rd", "three"),
}


@pytest.mark.parametrize(
    ("text", "index"),
    [
        ("2", 1), ("２", 1), ("第二个", 1), ("第2个", 1), ("二", 1), ("两", 1), ("选2", 1),
        ("2号", 1), ("我选第三个吧", 2), ("最后一个", 2), ("the second one", 1), ("2nd", 1),
        ("option 2", 1), ("number two", 1), ("first one", 0), ("the last one", 2), ("#3", 2),
        ("1.", 0), ("Second!", 1), ("就第二个吧", 1), ("嗯 2", 1), ("ok 2", 1), ("好的，第三个", 2),
        ("2️⃣", 1), ("3⃣", 2), ("the middle one", 1), ("中间那个", 1), ("yes, the first one", 0),
        ("option B", 1), ("b", 1), ("C", 2), ("the 2nd 吧", 1),
    ],
)  # fmt: skip
def test_a_number_in_any_form_picks_that_suggestion(text: str, index: int) -> None:
    assert pick(normalise(text), OPTIONS) == index


@pytest.mark.parametrize(
    "text",
    [
        "4",
        "0",
        "第五个",
        "option 9",
        "2 days ago my transfer failed",
        "我转了2次都失败了",
        "那个",
        "ok",
        "option d",
        "option x",
    ],
)
def test_out_of_range_numbers_and_longer_messages_pick_nothing(text: str) -> None:
    assert pick(normalise(text), OPTIONS) is None


@pytest.mark.parametrize(
    ("text", "index"), [("the payment PIN one", 0), ("登录的", 1), ("闪退那个", 2), ("crashing", 2)]
)
def test_words_matching_one_suggestion_clearly_pick_it(text: str, index: int) -> None:
    assert pick(normalise(text), OPTIONS) == index


@pytest.mark.parametrize("text", ["密码", "password", "hello", "怎么办"])
def test_words_matching_several_suggestions_alike_pick_nothing(text: str) -> None:
    assert pick(normalise(text), OPTIONS) is None


def _digits(n: int, full_width: bool) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if full_width else c for c in str(n))


FORMS = {
    "zh": (
        ["{d}", "第{d}个", "选{d}", "{d}号", "我选第{d}个", " {d} "],
        ["", "。", "！", "吧", "谢谢", "🙏", " 😊"],
    ),
    "en": (
        ["{d}", "option {d}", "#{d}", "number {d}", "the {d} one"],
        ["", ".", "!", " please", " 👍", "🙏"],
    ),
}


# What people put before the choice: a hesitation, an assent, "then".
LEADS = {
    "zh": ["", "嗯", "嗯，", "就", "那就", "好的，", "对 "],
    "en": ["", "ok ", "um, ", "yes, ", "so "],
}
# How a digit may be typed: plain, full width, or as a keycap emoji (digit + U+FE0F + U+20E3).
DIGIT_STYLES = ["plain", "full_width", "keycap"]


@given(
    n=st.integers(1, 3),
    style=st.sampled_from(DIGIT_STYLES),
    lang=st.sampled_from(["zh", "en"]),
    data=st.data(),
)
def test_generated_number_picks(n: int, style: str, lang: str, data: st.DataObject) -> None:
    forms, tails = FORMS[lang]
    form, tail = data.draw(st.sampled_from(forms)), data.draw(st.sampled_from(tails))
    lead = data.draw(st.sampled_from(LEADS[lang]))
    digit = _digits(n, style == "full_width") + ("\ufe0f\u20e3" if style == "keycap" else "")
    text = lead + form.format(d=digit) + tail
    assert pick_by_number(normalise(text), 3) == n - 1


@given(n=st.integers(1, 3), zh=st.booleans(), ordinal=st.integers(0, 2))
def test_generated_word_numbers(n: int, zh: bool, ordinal: int) -> None:
    text = f"第{ZH_NUMERALS[n]}个" if zh else f"the {EN_ORDINALS[n][ordinal]} one"
    assert pick_by_number(normalise(text), 3) == n - 1


@given(st.text(min_size=12, max_size=60))
def test_a_long_message_is_never_a_pick_by_number(text: str) -> None:
    """A message with more in it than a choice is a new message, whatever it contains."""
    assert pick_by_number(normalise(text) + " and more words here", 3) is None


MENU = [[f"topic {i}"] for i in range(1, 14)]  # the scope reply's 13 problem types


@pytest.mark.parametrize(
    ("text", "index"),
    [("13", 12), ("第十三个", 12), ("十二", 11), ("the 9th", 8), ("number eleven", 10),
     ("the twelfth one", 11), ("option 10", 9)],
)  # fmt: skip
def test_numbers_reach_the_end_of_a_long_menu(text: str, index: int) -> None:
    assert pick_by_number(normalise(text), len(MENU)) == index


@pytest.mark.parametrize("text", ["14", "fourteenth", "第十四个"])
def test_a_number_past_the_menu_picks_nothing(text: str) -> None:
    assert pick_by_number(normalise(text), len(MENU)) is None


GREETING_AND_PAYMENTS = [
    ["how are you", "hello"],
    ["How do I withdraw money?", "cash out to my bank card"],
    ["How long does a refund take?", "refund processing time"],
]


@pytest.mark.parametrize(
    "text", ["how do i cash out to my bank", "how long?", "can I cancel it?", "what about fees"]
)
def test_an_english_question_is_no_pick_by_words(text: str) -> None:
    # Its asking words match any phrasing that asks: "how do i cash out to my bank" after a list
    # had picked the greeting's "how are you".
    assert pick(normalise(text), GREETING_AND_PAYMENTS) is None


def test_words_that_name_a_suggestion_still_pick_it() -> None:
    assert pick(normalise("the cash out one"), GREETING_AND_PAYMENTS) == 1
