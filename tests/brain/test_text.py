import pytest

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
