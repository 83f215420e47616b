"""Which of a clarification's suggestions a reply picks, if it picks one.

A pick is the whole message: a number in any form ("2", "２", "2️⃣", "第二个", "选2", "2号", "二",
"the second one", "2nd", "option 2", "option B", "number two", "the last one", "the middle one"), maybe after
a hesitation or an assent ("嗯 2", "就第二个吧", "ok 2"), or a few words that match one
suggestion clearly better than the others ("登录的", "the payment PIN one"). Anything longer or
less clear is a new message ("2 days ago my transfer failed" picks nothing). Chinese numerals are
read by cn2an; words are compared with rapidfuzz.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import cn2an
from rapidfuzz import fuzz, process

from walletbot.brain.courtesy import EMOJI

# English number words and ordinals up to the longest clarification (a handful of suggestions).
# The scope reply's menu of problem types is the longest list (14 in the bundled FAQ).
_EN_NUMBERS = {
    word: value
    for value, words in enumerate(
        (
            ("one", "first"),
            ("two", "second"),
            ("three", "third"),
            ("four", "fourth"),
            ("five", "fifth"),
            ("six", "sixth"),
            ("seven", "seventh"),
            ("eight", "eighth"),
            ("nine", "ninth"),
            ("ten", "tenth"),
            ("eleven", "eleventh"),
            ("twelve", "twelfth"),
            ("thirteen", "thirteenth"),
            ("fourteen", "fourteenth"),
            ("fifteen", "fifteenth"),
        ),
        start=1,
    )
    for word in words
}
_EN_ORDINAL = re.compile(r"(\d+)(?:st|nd|rd|th)")
_LAST = {"last", "最后", "最后一"}
_MIDDLE = {"middle", "中间"}
_LETTERS = "abcdef"
_ZH_NUMERAL = r"[一二两三四五六七八九十〇零]+"
# The number, with what people put around it; the whole message must be this.
_NUMBER_PICK = re.compile(
    r"^(?:我?(?:选|选择|要|是)?(?:第)?(?P<zh>\d+|" + _ZH_NUMERAL + r"|最后一?|中间)"
    r"(?:个|项|条|号|种|点)?(?:吧|的|问题|那个)?"
    r"|(?:(?:i'?ll take|i choose|i pick|i want|it'?s|pick|choose|go with|take) )?(?:the )?"
    r"(?:(?:option|number|no\.?|choice|item|#) ?)?(?P<en>\d+|[a-z0-9]+)"
    r"(?: (?:one|option|choice|question|item))?(?: please)?)$"
)
# A keycap emoji is the digit, then VARIATION SELECTOR-16 (often left out), then COMBINING
# ENCLOSING KEYCAP: "2️⃣" is "2" to a reader.
_KEYCAP = re.compile("\ufe0f?\u20e3|\ufe0f")
# Hesitations, assents and "then" before the choice ("嗯 2", "就第二个", "ok, the first one"); what
# follows must still be the whole pick. English ones need the space after them ("so" ≠ "someone").
_LEAD = re.compile(
    r"^(?:(?:嗯+|恩|额|呃|那就|就|好的|好|对|行)|(?:ok(?:ay)?|um+|uh+|hmm+|yes|yeah|yep|so|well) )+"
)
_POLITE = re.compile(r"(?:please|pls|thanks|thank you|谢谢|谢啦|麻烦了|吧|呀|啊)$")
_SPACE_BY_HAN = re.compile(r"\s+(?=[\u4e00-\u9fff])|(?<=[\u4e00-\u9fff])\s+")
_TRIM = re.compile(r"[\s,.!?;:，。！？；：、~…\"'“”‘’()（）]+")
# Words that say "this one" but name nothing: removed before matching words to suggestions.
_POINTERS = re.compile(
    r"那个|这个|的那个|的|那条|这条|关于|问题|吧|呀|啊|"
    r"\b(?:the|one|that|this|about|question|please|i mean|i meant|option|choice|number|item)\b"
)
_ASKS = re.compile(
    r"^(?:how|what|when|where|why|who|can|could|is|are|does|do|did|will|would|should)\b"
)
WORD_MATCH = 70  # rapidfuzz partial_ratio of the best suggestion, 0-100
WORD_MARGIN = 15  # ... and at least this far ahead of the second best
MAX_WORD_PICK_CHARS = 30  # longer messages are questions of their own
MIN_WORD_PICK_CHARS = 2  # what is left once pointers and assents are taken out


def _number(token: str) -> int | None:
    if token.isdigit():
        return int(token)
    if token in _LETTERS:  # "B", "option b": the list's order, as in a multiple-choice question
        return _LETTERS.index(token) + 1
    if token in _EN_NUMBERS:
        return _EN_NUMBERS[token]
    ordinal = _EN_ORDINAL.fullmatch(token)
    if ordinal is not None:
        return int(ordinal[1])
    if re.fullmatch(_ZH_NUMERAL, token):
        try:
            return int(cn2an.cn2an(token, "smart"))
        except ValueError:
            return None
    return None


def pick_by_number(text: str, count: int) -> int | None:
    """The 0-based index a reply names by number, or None."""
    cleaned = EMOJI.sub("", _KEYCAP.sub("", text))  # "第二个🙏": a pictograph says nothing
    cleaned = _POLITE.sub("", _TRIM.sub(" ", cleaned).strip()).strip()
    cleaned = _SPACE_BY_HAN.sub("", cleaned)  # "1 吧", "第 2 个": Chinese has no spaces
    found = _NUMBER_PICK.match(_LEAD.sub("", cleaned))
    if found is None:
        return None
    token = found["zh"] or found["en"] or ""
    if token in _LAST or token.startswith("最后"):
        return count - 1
    if token in _MIDDLE:  # only an odd number of suggestions has one in the middle
        return count // 2 if count % 2 and count > 1 else None
    value = _number(token)
    if value is None or not 1 <= value <= count:
        return None
    return value - 1


def pick_by_words(text: str, options: Sequence[Sequence[str]]) -> int | None:
    """The 0-based index of the option whose phrasings the words match clearly best, or None.
    `options`: for each suggestion, the phrasings it may be recognised by."""
    words = _LEAD.sub("", _TRIM.sub(" ", _POINTERS.sub(" ", text)).strip()).strip()
    # An English question asks ("how long?", "can I cancel it?"); its asking words match any
    # phrasing that asks ("how do i cash out to my bank" picked the greeting's "how are you").
    if asks_in_english(words):
        return None
    # A single character ("好", "对") is in many phrasings (partial_ratio gives it 100) and
    # names none of them: an assent or a hesitation, not a choice.
    if len(words.replace(" ", "")) < MIN_WORD_PICK_CHARS:
        return None
    if len(text) > MAX_WORD_PICK_CHARS or len(options) < 2:
        return None
    best = [
        max(process.extract(words, list(phrasings), scorer=fuzz.partial_ratio, limit=1)[0][1], 0)
        if phrasings
        else 0.0
        for phrasings in options
    ]
    ranked = sorted(range(len(best)), key=best.__getitem__, reverse=True)
    first, second = best[ranked[0]], best[ranked[1]]
    if first >= WORD_MATCH and first - second >= WORD_MARGIN:
        return ranked[0]
    return None


def asks_in_english(text: str) -> bool:
    """Whether a normalised message is an English question by its first word ("how long?")."""
    return _ASKS.match(text) is not None


def pick(text: str, options: Sequence[Sequence[str]]) -> int | None:
    """The suggestion a normalised reply picks (0-based), by number or by words, else None."""
    index = pick_by_number(text, len(options))
    return index if index is not None else pick_by_words(text, options)
