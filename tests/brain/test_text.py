import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from walletbot.brain.text import detect_language, normalise, to_simplified


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("我的帳號被凍結了", "我的账号被冻结了"),  # traditional -> simplified
        ("帐户和账户", "账户和账户"),
        (
            "網路連不上，簡訊收不到",
            "网络连不上,短信收不到",
        ),  # Taiwan words to mainland words  # one spelling of a character with two common forms
        ("ＷＨＥＲＥ　ｉｓ　ｍｙ　ＭＯＮＥＹ？", "where is my money?"),  # full-width -> half-width
        ("  Reset   my\tPASSWORD \n", "reset my password"),
        ("ＡＰＰ閃退怎麼辦", "app闪退怎么办"),
        # invisible characters left inside words by chat apps and copy-paste
        ("can't s\u2060ign in", "can't sign in"),
        ("转账\u200b失\ufeff败", "转账失败"),
        ("pass\u00adword \u200ereset", "password reset"),
        ("", ""),
    ],
)
def test_normalise(raw: str, expected: str) -> None:
    assert normalise(raw) == expected


def test_normalise_is_idempotent() -> None:
    text = "我的帳號 ＡＢＣ  Locked"
    assert normalise(normalise(text)) == normalise(text)


def test_to_simplified_leaves_latin_alone() -> None:
    assert to_simplified("Password 123") == "Password 123"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("我忘记密码了", "zh"),
        ("我的 PayPal 账户被锁了", "zh"),
        ("I forgot my password", "en"),
        ("what does 余额 mean in the app", "en"),
        ("提現", "zh"),
        ("ｈｅｌｌｏ", "en"),
    ],
)
def test_detect_language(text: str, lang: str) -> None:
    assert detect_language(text) == lang


def test_detect_language_without_letters_uses_default() -> None:
    assert detect_language("123 ???") == "en"
    assert detect_language("123", default="zh") == "zh"


def counted_language(text: str, default: str) -> str:
    """The rule as documented, one character at a time: four Latin letters (in words of two or
    more) weigh as much as one Han character."""
    han = sum(
        "\u3400" <= c <= "\u4dbf" or "\u4e00" <= c <= "\u9fff" or "\uf900" <= c <= "\ufaff"
        for c in text
    )
    latin = sum(len(w) for w in re.findall(r"[a-zA-Z]{2,}", text))
    if han == latin == 0:
        return default
    return "zh" if han * 4 >= latin else "en"


@given(
    st.text(alphabet=st.sampled_from("ab Z1.,我的账户提現\u3400\u4dbf\u9fff\uf900\ufaffｈé\n")),
    st.sampled_from(["zh", "en"]),
)
def test_detect_language_counts_as_documented(text: str, default: str) -> None:
    assert detect_language(text, default) == counted_language(text, default)  # type: ignore[arg-type]


def test_every_whitespace_character_but_the_space_is_unprintable() -> None:
    """What lets `normalise` skip its whitespace regex for text that is printable."""
    import sys

    whitespace = re.compile(r"\s")
    assert [
        c
        for c in map(chr, range(sys.maxunicode + 1))
        if whitespace.match(c) and c != " " and c.isprintable()
    ] == []


@given(st.text(alphabet=st.sampled_from(" \t\n\u3000\xa0\u2028ab帳號ＡＢ１臺灣 ")))
def test_normalise_collapses_whitespace_as_the_regex_does(text: str) -> None:
    import unicodedata

    expected = re.sub(r"\s+", " ", to_simplified(unicodedata.normalize("NFKC", text)).casefold())
    assert normalise(text) == expected.strip()
