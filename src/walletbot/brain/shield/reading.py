"""The text the detectors read: the message as a person sees it, with a map back to the raw one.

People paste secrets in shapes that defeat patterns written for the plain form: full-width digits,
zero-width spaces between them (some keyboards and chat apps insert them), non-breaking spaces,
en dashes, codes read out in Chinese numerals ("五一三五三五"). Every character is therefore
rewritten before detection:

- NFKC, one character at a time (full-width to half-width, "①" to "1", the long s to "s");
- format characters (Unicode category Cf: zero-width spaces and joiners, BOMs, bidi controls)
  dropped, but for those setting apart twelve or more Chinese characters one by one, which read
  as spaces (a mnemonic's words);
- every space but the line break to " ", every dash to "-", middle dots and bullets to "·";
- other scripts' decimal digits to ASCII, and runs of four or more Chinese numerals to digits
  (digit by digit, as codes are read out: "〇五一三" is 0513, which `cn2an` would return as the
  integer 513), and of four or more English digit words ("four eight two nine", "one-two-
  three-four", "six, five, four, three"): each word reads as its digit.

Each character of the result remembers the span of the raw character it came from, so a finding
in the reading masks exactly the raw characters behind it, zero-width ones included. No case
folding: masks keep the ends of addresses as written, and the patterns ignore case themselves.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

MIDDLE_DOT = "·"
# Chinese numerals read digit by digit. Read aloud, a number has its own words: 幺 for one, 两 for
# two, 洞 for zero ("幺两八三洞七"); in a run of four numerals at least, as every numeral here.
HAN_DIGITS = "〇零一二三四五六七八九壹贰貳叁參肆伍陆陸柒捌玖幺两兩洞"
_READ_ALOUD = {"幺": "1", "两": "2", "兩": "2", "洞": "0"}
_HAN_NUMBER = re.compile(f"[{HAN_DIGITS}](?:[ \\-{MIDDLE_DOT}.，,]?[{HAN_DIGITS}]){{3,}}")
# English digit words read out one by one ("four eight two nine one three"): a code or a PIN.
_EN_DIGITS = {
    "zero": "0", "oh": "0", "one": "1", "two": "2", "three": "3", "four": "4",
    "five": "5", "six": "6", "seven": "7", "eight": "8", "nine": "9",
}  # fmt: skip
EN_DIGIT = "(?:" + "|".join(_EN_DIGITS) + ")"
_EN_SEP = r"(?:[ ,、\-]|[,、] )"
_FOUR_OR_MORE = rf"{EN_DIGIT}(?:{_EN_SEP}{EN_DIGIT}){{3,}}"
_EN_NUMBER = re.compile(rf"(?<![A-Za-z]){_FOUR_OR_MORE}(?![A-Za-z])", re.IGNORECASE)
# A digit said twice or three times: "double seven, triple zero, one", "the CVV is triple five".
# A run with such a word counts whatever its length; looked for only where "double" or "triple"
# is written.
_MULTIPLIERS = {"double": 2, "triple": 3}
_EN_UNIT = rf"(?:(?:double|triple) +)?{EN_DIGIT}"
_EN_NUMBER_MULTIPLIED = re.compile(
    rf"(?<![A-Za-z])(?:(?:{_EN_UNIT}{_EN_SEP})*(?:double|triple) +{EN_DIGIT}(?:{_EN_SEP}{_EN_UNIT})*"
    rf"|{_FOUR_OR_MORE})(?![A-Za-z])",
    re.IGNORECASE,
)
# Two words of a group in a row, then a pause: "four zero one, seven seven, …".
_GROUPED_WORDS = re.compile(
    rf"{_EN_UNIT} {EN_DIGIT}[,、]|(?:double|triple) {EN_DIGIT}[,、]", re.IGNORECASE
)
_DOTS = frozenset("·•‧∙・⋅●")
# The format characters people's keyboards and apps leave in text (zero-width space, non-joiner,
# joiner, word joiner, BOM).
_FORMAT_CHARS = "\u200b\u200c\u200d\u2060\ufeff"
_HAN_LIST = re.compile(
    f"(?:[\u3400-\u4dbf\u4e00-\u9fff][{_FORMAT_CHARS}]+){{11,}}[\u3400-\u4dbf\u4e00-\u9fff]"
)


@dataclass(frozen=True)
class Reading:
    raw: str
    text: str  # what the detectors search
    # Raw span of each character of `text`; None when `text` is `raw` (plain ASCII, most messages).
    starts: tuple[int, ...] | None = None
    ends: tuple[int, ...] | None = None

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """The raw characters behind text[start:end] (end > start)."""
        if self.starts is None or self.ends is None:
            return start, end
        return self.starts[start], self.ends[end - 1]


def read(raw: str) -> Reading:
    if raw.isascii() and "\t" not in raw and "\r" not in raw:
        reading = Reading(raw, raw)
    else:
        reading = _folded(raw)
    said = _EN_NUMBER_MULTIPLIED if _says_a_multiplier(reading.text) else _EN_NUMBER
    return _english_digits(reading, said) if said.search(reading.text) else reading


def _says_a_multiplier(text: str) -> bool:
    return "ouble" in text or "riple" in text or "OUBLE" in text or "RIPLE" in text


def _folded(raw: str) -> Reading:
    pieces: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    listed = _listed_han_separators(raw)
    for i, ch in enumerate(raw):
        out = " " if i in listed else _fold(ch)
        pieces.append(out)
        starts += [i] * len(out)
        ends += [i + 1] * len(out)
    text = "".join(pieces)
    if _HAN_NUMBER.search(text):
        text = _HAN_NUMBER.sub(_han_digits, text)  # one character for one: the map still holds
    return Reading(raw, text, tuple(starts), tuple(ends))


@lru_cache(maxsize=4096)
def _fold(ch: str) -> str:
    """What one raw character reads as (empty for a format character)."""
    if ch.isascii():
        return " " if ch in "\t\r\f\v" else ch
    category = unicodedata.category(ch)
    if category == "Cf":
        return ""
    if ch in _DOTS:
        return MIDDLE_DOT
    if category == "Pd" or ch == "\u2212":  # dashes, and the minus sign
        return "-"
    if category == "Nd":
        return str(unicodedata.decimal(ch))
    out = unicodedata.normalize("NFKC", ch)
    if out.isspace():
        return "\n" if out in "\n\u2028\u2029\x85" else " "
    return out


def _listed_han_separators(raw: str) -> set[int]:
    """Positions of the invisible characters in a list of twelve or more Chinese characters each
    set apart by them: a Chinese mnemonic pasted with zero-width separators is a list of words,
    which the reading must not glue into a sentence. Elsewhere they are dropped as noise, so a
    password such as "张\u200b伟000!" still reads as one."""
    if not any(ch in raw for ch in _FORMAT_CHARS):
        return set()  # most messages
    return {
        i
        for run in _HAN_LIST.finditer(raw)
        for i in range(run.start(), run.end())
        if raw[i] in _FORMAT_CHARS
    }


def _english_digits(reading: Reading, said: re.Pattern[str]) -> Reading:
    """Each run of English digit words read as digits, each digit mapped to its word's raw span."""
    text = reading.text
    starts = reading.starts or tuple(range(len(text)))
    ends = reading.ends or tuple(range(1, len(text) + 1))
    out: list[str] = []
    out_starts: list[int] = []
    out_ends: list[int] = []
    last = 0
    for run in said.finditer(text):
        out.append(text[last : run.start()])
        out_starts += starts[last : run.start()]
        out_ends += ends[last : run.start()]
        # Read out in groups, with a pause (a comma) after each, the words of a group make one
        # number and the pause a space between groups, as between typed ones: "four four eight
        # five, zero two four two" reads "4485 0242" (a card, an SSN). Otherwise each word stays a
        # digit of its own: "four seven seven zero" reads "4 7 7 0", "six, five, four" "6, 5, 4".
        grouped = _GROUPED_WORDS.search(run.group()) is not None
        times, said_from = 1, 0
        for piece in re.finditer(r"[A-Za-z]+|[,、] ?| +|[^A-Za-z]", run.group()):
            a, b = run.start() + piece.start(), run.start() + piece.end()
            word = piece.group().lower()
            if word in _MULTIPLIERS:
                times, said_from = _MULTIPLIERS[word], a
                continue
            if word[0] == " " and (grouped or times > 1):
                continue  # inside a group, or between "double" and its digit
            if word in _EN_DIGITS:
                out.extend(_EN_DIGITS[word] * times)
                out_starts.extend([starts[said_from if times > 1 else a]] * times)
                out_ends.extend([ends[b - 1]] * times)
                times = 1
                continue
            if not grouped and word[0] in ",、":
                for i in range(a, b):  # as written
                    out.append(text[i])
                    out_starts.append(starts[i])
                    out_ends.append(ends[i])
                continue
            out.append(" " if grouped and word[0] in ",、" else piece.group())
            out_starts.append(starts[a])
            out_ends.append(ends[b - 1])
        last = run.end()
    out.append(text[last:])
    out_starts += starts[last:]
    out_ends += ends[last:]
    return Reading(reading.raw, "".join(out), tuple(out_starts), tuple(out_ends))


def _han_digits(m: re.Match[str]) -> str:
    # A comma between numerals read out ("四八二，九一三") sets groups apart, as a space does.
    return "".join(
        " "
        if ch in "，,"
        else ch
        if ch not in HAN_DIGITS
        else _READ_ALOUD.get(ch) or str(int(unicodedata.numeric(ch)))
        for ch in m.group()
    )
