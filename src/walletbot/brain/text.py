"""Text normalisation and language detection for Chinese and English messages.

Every component (shield aside, which must see the raw characters) works on `normalise(text)`, so a
traditional-Chinese or full-width message meets the same features as the simplified, half-width FAQ.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Literal

import opencc

Lang = Literal["zh", "en"]
LANGS: tuple[Lang, ...] = ("zh", "en")

_WHITESPACE = re.compile(r"\s+")
# Characters with no glyph that chat apps and copy-paste leave inside words ("s\u2060ign in",
# "转账\u200b失败"): zero-width spaces and joiners, direction marks, the word joiner, the BOM, the
# soft hyphen. NFKC keeps them; read as nothing, the words are whole again.
_INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")
# CJK Unified Ideographs (+ extension A) and the compatibility block: what makes a message Chinese.
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_HAN_RUN = re.compile(_HAN.pattern + "+")  # counted by runs: one string per run, not per character
_LATIN_WORD = re.compile(r"[a-zA-Z]{2,}")
# Simplified characters with an equally common variant: OpenCC turns 帳號 into 帐号, while most
# users (and the FAQ) write 账号. Folding them keeps both spellings on the same features.
_VARIANTS = (("帐", "账"),)


@lru_cache(maxsize=1)
def _t2s() -> opencc.OpenCC:
    # Built lazily (not at import) and shared: the converter is immutable and thread-safe.
    # Taiwan-to-mainland with phrases: 網路 -> 网络 and 簡訊 -> 短信, not only character by character.
    return opencc.OpenCC("tw2sp")


def to_simplified(text: str) -> str:
    """Traditional to simplified Chinese; other characters pass through unchanged."""
    if not _HAN.search(text):
        return text
    simplified = str(_t2s().convert(text))
    for variant, usual in _VARIANTS:  # `replace`, not a translate table: one scan, no look-ups
        simplified = simplified.replace(variant, usual)
    return simplified


def normalise(text: str) -> str:
    """NFKC (full-width to half-width), traditional to simplified, case folding, single spaces,
    no invisible characters."""
    text = unicodedata.normalize("NFKC", text)
    text = to_simplified(text)
    text = text.casefold()
    # Every whitespace character but the space is unprintable: with none and no double space,
    # there is nothing to collapse (most messages), and the regex is skipped.
    if "  " in text or not text.isprintable():
        text = _WHITESPACE.sub(" ", _INVISIBLE.sub("", text))
    return text.strip()


def detect_language(text: str, default: Lang = "en") -> Lang:
    """`zh` when Han characters carry the message, else `en`.

    A single Han character outweighs a Latin word of four letters, so "我的 PayPal 账户" is Chinese while
    "what does 余额 mean" is English. With neither script present the default is returned.
    """
    if text.isascii():  # no Han character (a flag of the string: no scan)
        return "en" if _LATIN_WORD.search(text) else default
    han = sum(map(len, _HAN_RUN.findall(text)))
    latin_letters = sum(map(len, _LATIN_WORD.findall(text)))
    if han == 0 and latin_letters == 0:
        return default
    return "zh" if han * 4 >= latin_letters else "en"
