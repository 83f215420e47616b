"""The shield's reading of a message: what a person sees, mapped back to the raw characters."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from walletbot.brain.shield.reading import read

ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff\u00ad\u202e"


def test_ascii_is_read_as_it_is() -> None:
    reading = read("my code is 123456")
    assert reading.text == "my code is 123456" and reading.starts is None
    assert reading.raw_span(3, 7) == (3, 7)


def test_what_a_person_sees() -> None:
    assert read("１２３\u200b４５６").text == "123456"
    assert read("4111\u00a01111\u30001111").text == "4111 1111 1111"
    assert read("15\u201314\u201492").text == "15-14-92"  # en and em dashes
    assert read("4111•1111・1111").text == "4111·1111·1111"
    assert read("٣٤٥٦").text == "3456"  # Arabic-Indic digits
    assert read("ſecret K").text == "secret K"  # the long s, the Kelvin sign


def test_invisible_separators_of_a_list_of_chinese_characters_read_as_spaces() -> None:
    listed = "\u200b".join("断护甲音温尼作政炮把以兴")
    assert read(listed).text == " ".join("断护甲音温尼作政炮把以兴")
    assert read(f"助记词：{listed}").text == "助记词:" + " ".join("断护甲音温尼作政炮把以兴")
    # Fewer than twelve, or letters and digits between: dropped as noise, as before.
    assert read("\u200b".join("我的账户被盗了")).text == "我的账户被盗了"
    assert read("张\u200b伟000!").text == "张伟000!"
    assert read("\u200b".join("123456")).text == "123456"


def test_chinese_numerals_read_as_digits_only_in_runs_of_four() -> None:
    assert read("验证码是五一三五三五").text == "验证码是513535"
    assert read("验证码是〇五一三").text == "验证码是0513"  # the leading zero stays
    assert read("验证码 五 一 三 五 三 五").text == "验证码 5 1 3 5 3 5"
    assert read("幺三八零").text == "1380"
    assert read("我有一个问题，三天了").text == "我有一个问题,三天了"  # NFKC: full-width comma
    assert read("一五一十").text == "一五一十"  # 十 is no digit: three in a row stay words


@given(
    st.lists(
        st.tuples(
            st.sampled_from([*"ab1２３一码 \n-–", "五一三五"]),
            st.sampled_from(["", *ZERO_WIDTH]),
        ),
        max_size=30,
    )
)
def test_every_character_read_comes_from_its_raw_span(pieces: list[tuple[str, str]]) -> None:
    raw = "".join(a + b for a, b in pieces)
    reading = read(raw)
    assert not any(ch in ZERO_WIDTH for ch in reading.text)
    for i, ch in enumerate(reading.text):
        start, end = reading.raw_span(i, i + 1)
        source = raw[start:end]
        assert end - start == 1
        folded = unicodedata.normalize("NFKC", source)
        separator = ch == " " and source in ZERO_WIDTH  # one of a list of Chinese words
        assert ch == folded or (ch == "-" and source in "-–") or ch.isdigit() or separator, (
            ch,
            source,
        )
    # Spans never go backwards: masking them left to right keeps the text in order.
    spans = [reading.raw_span(i, i + 1) for i in range(len(reading.text))]
    assert spans == sorted(spans)
