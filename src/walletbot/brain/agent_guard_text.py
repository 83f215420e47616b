"""The agent guard's reading of a reply: the words behind the disguises (docs/safety.md, 'Agent guard').

An insider or an impostor in the console who wants a user's secret, and knows replies are checked,
writes around the checks: "p@ssword", "s e e d  p h r a s e", "c-o-d-e", "验 证 码", zero-width
characters inside a word, "ur pin". The guard reads the reply after undoing those:

- `text.normalise` (NFKC, traditional to simplified Chinese, case folding, single spaces), after
  dropping format characters (zero-width spaces and joiners);
- letters spelled out one by one ("p a s s w o r d", "c-o-d-e", "c.o.d.e") joined into a word;
- leetspeak inside words that also hold letters ("p@ssw0rd", "s33d", "phr4se"), not in numbers
  ("6-digit", "12 words", "2fa" stay as they are);
- spaces between Chinese characters dropped ("验 证 码 发 给 我");
- chat shorthand spelled out ("ur" -> "your", "u" -> "you", "pls" -> "please", "whats" -> "what is").
"""

from __future__ import annotations

import re
import unicodedata

from walletbot.brain.text import normalise

_LEET = str.maketrans(
    {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s"}
)
_LEET_WORD = re.compile(r"[a-z0-9@$]*[a-z][a-z0-9@$]*")
_HAS_LEET = re.compile(r"[a-z][0-9@$]|[0-9@$][a-z]")
_NUMBER_WORD = re.compile(r"\d+(?:st|nd|rd|th|fa|d|k|m|x|h|s|pm|am)?")  # "2fa", "24h", "1st"
_SPELLED = re.compile(r"(?<![a-z])(?:[a-z](?: |\.|-|  |   )){2,}[a-z](?![a-z])")
_SPELLING_GAP = re.compile(r"[ .\-]+")
_HAN_GAP = re.compile(r"(?<=[\u4e00-\u9fff]) +(?=[\u4e00-\u9fff])")
_SHORTHAND = {
    "ur": "your",
    "yr": "your",
    "u": "you",
    "r": "are",
    "pls": "please",
    "plz": "please",
    "pw": "password",
    "pwd": "password",
    "whats": "what is",
    "what's": "what is",
    "wat": "what",
    "gimme": "give me",
    "msg": "message",
}
_SHORTHAND_WORD = re.compile(
    r"(?<![a-z'])(?:" + "|".join(map(re.escape, _SHORTHAND)) + r")(?![a-z'])"
)


def read_reply(text: str) -> str:
    """The reply as the guard reads it (see the module's docstring)."""
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Cf")
    t = normalise(text)
    t = _SPELLED.sub(lambda m: _SPELLING_GAP.sub("", m.group()), t)
    t = _LEET_WORD.sub(_unleet, t)
    t = _HAN_GAP.sub("", t)
    return _SHORTHAND_WORD.sub(lambda m: _SHORTHAND[m.group()], t)


def _unleet(m: re.Match[str]) -> str:
    word = m.group()
    if _NUMBER_WORD.fullmatch(word) or not _HAS_LEET.search(word):
        return word
    return word.translate(_LEET)
