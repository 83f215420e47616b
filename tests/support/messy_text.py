"""A question typed the way people type it: the same question, one kind of mess at a time.

Each kind takes a clean question and a `Choices` (tests/support/secret_corpus.py: a hypothesis
draw in the tests, a seeded `random.Random` in benchmarks/messy_queries.py) and returns the messy
variant. Two families:

- `SAME_WORDS`: marks that change no word (zero-width characters, full-width letters, emoji,
  repeated punctuation, spaces between Chinese characters, capitals, traditional characters). The
  bot should read the variant exactly as the clean question.
- `NEW_WORDS`: what adds or changes a word (a typo, a greeting before the question, a particle or
  a thank-you after it, a dropped apostrophe). The bot should mostly read it the same.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable
from pathlib import Path

import opencc

from tests.support.secret_corpus import SLIPS, ZERO_WIDTH, Choices, slip
from walletbot.brain.engine import Decision

EVAL = Path(__file__).resolve().parents[2] / "data" / "eval"

_HAN = re.compile(r"[\u4e00-\u9fff]")
_WORD = re.compile(r"[A-Za-z]{5,}")
_S2T = opencc.OpenCC("s2t")
_KEYS = "qwertyuiopasdfghjklzxcvbnm"
# Neighbours on a QWERTY keyboard, the usual slip when a letter is replaced.
_NEAR = {
    k: "".join(
        row[j]
        for row in ("qwertyuiop", "asdfghjkl", "zxcvbnm")
        for i, ch in enumerate(row)
        if ch == k
        for j in (i - 1, i + 1)
        if 0 <= j < len(row)
    )
    for k in _KEYS
}


def is_chinese(text: str) -> bool:
    return _HAN.search(text) is not None


# --- marks that change no word ---------------------------------------------------------------


def zero_width(c: Choices, text: str) -> str:
    """One to three invisible characters between two characters (pasted from a chat app)."""
    chars = list(text)
    for _ in range(c.randint(1, 3)):
        i = c.randint(1, max(1, len(chars) - 1))
        chars.insert(i, c.choice(ZERO_WIDTH))
    return "".join(chars)


def full_width(c: Choices, text: str) -> str:
    """Latin letters, digits and punctuation typed with a Chinese keyboard's full-width mode."""
    return "".join(
        chr(ord(ch) + 0xFEE0) if "!" <= ch <= "~" else ("\u3000" if ch == " " else ch)
        for ch in text
    )


def emoji(c: Choices, text: str) -> str:
    mark = c.choice(["😭", "🙏", "😡", "🤔", "💰", "🆘", "😅😅"])
    return f"{mark} {text}" if c.randint(0, 1) else f"{text} {mark}"


def punctuation(c: Choices, text: str) -> str:
    """The question mark doubled or swapped for a run of marks."""
    tail = c.choice(["???", "？？？", "!!", "！！", "...", "。。。", "?!", "~~"])
    return text.rstrip("?？.。!！ ") + tail


def spaced(c: Choices, text: str) -> str:
    """Chinese with spaces between characters; English with spaces doubled around words."""
    if is_chinese(text):
        return " ".join(text)
    return re.sub(" ", lambda _: c.choice([" ", "  ", "   "]), f" {text} ")


def capitals(c: Choices, text: str) -> str:
    return text.upper() if c.randint(0, 1) else text.lower()


def traditional(c: Choices, text: str) -> str:
    return str(_S2T.convert(text))


# --- what adds or changes a word ------------------------------------------------------------


def typo(c: Choices, text: str) -> str:
    """One slip in one word of five letters or more: a letter dropped, doubled, swapped with its
    neighbour or replaced by a key beside it. Chinese: a character typed twice (an IME slip)."""
    words = list(_WORD.finditer(text))
    if not words:
        if not is_chinese(text):
            return text
        i = c.choice([m.start() for m in _HAN.finditer(text)])
        return text[: i + 1] + text[i] + text[i + 1 :]
    found = c.choice(words)
    word, i = found.group(), c.randint(1, len(found.group()) - 2)
    kind = c.choice(SLIPS)
    near = _NEAR.get(word[i].lower()) or word[i]
    new = slip(word, i, kind, c.choice(near) if kind == "replace" else "")
    return text[: found.start()] + new + text[found.end() :]


def greeting(c: Choices, text: str) -> str:
    if is_chinese(text):
        return c.choice(["你好，", "您好，", "在吗？", "客服你好，", "请问一下，"]) + text
    return c.choice(["hi, ", "hello ", "hey there, ", "excuse me, ", "quick question: "]) + text


def afterword(c: Choices, text: str) -> str:
    """A particle or a thank-you after the question."""
    if is_chinese(text):
        return text + c.choice(["啊", "呀", "呢", "哦", "，谢谢", "，麻烦了", "，急"])
    return text + c.choice([" thanks", " pls", " please help", ", thank you", " asap"])


def apostrophes(c: Choices, text: str) -> str:
    """English typed without apostrophes: "dont", "cant", "im"; Chinese: unchanged."""
    return text.replace("'", "").replace("’", "")


SAME_WORDS: dict[str, Callable[[Choices, str], str]] = {
    "zero_width": zero_width,
    "full_width": full_width,
    "emoji": emoji,
    "punctuation": punctuation,
    "spaced": spaced,
    "capitals": capitals,
    "traditional": traditional,
}
NEW_WORDS: dict[str, Callable[[Choices, str], str]] = {
    "typo": typo,
    "greeting": greeting,
    "afterword": afterword,
    "apostrophes": apostrophes,
}
KINDS = {**SAME_WORDS, **NEW_WORDS}


def held_out_queries(name: str) -> list[tuple[str, str]]:
    """(query, the entry it asks for) of data/eval/faq_{name}.csv."""
    with open(EVAL / f"faq_{name}.csv", encoding="utf-8") as f:
        return [(row[0], row[1]) for row in list(csv.reader(f))[1:]]


def reading(decision: Decision) -> tuple[str, str | None]:
    """What the user is shown first: the action, and the entry answered or suggested first."""
    first = decision.faq_id or (decision.suggestions[0].faq_id if decision.suggestions else None)
    return decision.action.value, first
