"""A secret corrected, or said again, in the same message: "密码 Bj-47xQ 不对不对打错了，是 Bj-74xQ!9", "CVV 592 打错
了，其實是 529", "cvv 365 by mistake, the real code on the card is 356", "code 918273 — wait no,
that was my bank's. the wallet one is 661409", "密码不是Mm19930415 是Mm19930514", "it's 7720 1948 35
not 7720194853".

The first value is found by its label; the corrected one follows words of correction and has no
label of its own. It is the same kind of secret when it has the same shape: digits alone of about
as many digits, or letters and digits of about the same length. Only a message that already holds
a secret is read for one, so "其实是我自己转错了" or "I mean the fee" cost nothing and mask nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from walletbot.brain.shield.context import is_amount
from walletbot.brain.shield.findings import PARTIAL_KINDS, Finding

_CORRECTION = re.compile(
    r"(?:打错了?|输错了?|不对|搞错了?|其实是|其實是|实际上是|應該是|应该是|正确的是|正確的是"
    r"|更正|纠正|糾正|改成了?|(?<![a-z])(?:i mean|i meant|no wait|wait no|sorry|oops|correction|by mistake"
    r"|changed it to|now it'?s|(?:it'?s |its |it is )?actually|(?:no )?(?:hold|hang) on"
    r"|the (?:real|right|correct|actual|current|new|latest) (?:one|code|password|pin|cvv|number)(?: on the card)?"
    r"|现在的|現在的|新的|现在用的|現在用的"
    r"|the wallet one)(?![a-z]))"
    # a remark may come between: "wait no that's my wife's, mine is 612 48 9037"
    r"[^\n。.!?]{0,64}?(?:是|is|:|：)?\s*[\"'“「]?"
    # not opening with Chinese: "打错了 密码不是Mm1993…" corrects to the value, not to "密码不是…"
    # three digits at least: a card's code is corrected too ("CVC 662? no hold on, … it's 299")
    r"(?P<val>\d(?:[ -]?\d){2,19}(?! ?\d)|(?=[^\s，。,;；\"'”」]*\d)[^\s\u4e00-\u9fff，。,;；\"'”」][^\s，。,;；\"'”」]{2,39})",
    re.IGNORECASE,
)


def find_corrections(t: str, found: Iterable[Finding]) -> Iterator[Finding]:
    secrets = [f for f in found if f.kind not in PARTIAL_KINDS]
    if not secrets:
        return
    for m in _CORRECTION.finditer(t):
        start = m.start("val")
        value = m.group("val").rstrip(".,!?")  # the sentence's end is not the secret's
        same = (f for f in secrets if not f.start <= start < f.end)
        kind = next((f.kind for f in same if _same_shape(t[f.start : f.end], value)), None)
        if kind is not None and not is_amount(t, start, start + len(value), weak_too=True):
            yield Finding(kind, start, start + len(value))


# The value set against a secret: digits (in groups or not) or a word with a digit.
_CONTRASTED = (
    r"(?P<val>\d(?:[ -]?\d){2,19}(?! ?\d)|(?=[^\s，。,;；\"'”」]*\d)[^\s，。,;；\"'”」]{3,40})"
)
# A secret set against another value: "不是 X，是 Y", "Y, not X", "Y rather than X". Either side
# may be the one found; the other, of the same shape, is the same kind of secret: the wrong one is
# often the old password or a near miss of the right one, as secret as it.
_AFTER_NOT = re.compile(
    r"\s*[,，]?\s*(?:而是|是|(?<![a-z])(?:it'?s|it is|but|the right one is)(?![a-z]))\s*[\"'“「]?"
    + _CONTRASTED,
    re.IGNORECASE,
)
_NOT_BEFORE = re.compile(
    r"(?:不是|(?<![a-z])(?:not|isn'?t|wasn'?t|is not|was not))\s*[\"'“「]?$", re.IGNORECASE
)
# The wrong value first, the secret found after it: "NOT summer2023 — it's Summ3r_2O23!kx".
_NOT_THEN = re.compile(
    r"(?:不是|(?<![a-z])(?:not|isn'?t|wasn'?t))\s*[\"'“「]?"
    r"(?P<val>\d(?:[ -]?\d){2,19}|(?=[^\s，。,;；\"'”」]*\d)[^\s，。,;；\"'”」]{3,40}?)"
    r"[\"'”」]?\s*[,，—–-]*\s*(?:而是|是|(?<![a-z])(?:it'?s|it is|but))\s*[\"'“「]?$",
    re.IGNORECASE,
)
_NOT_AFTER = re.compile(
    r"\s*[,，!！]?\s*(?:而不是|不是|(?<![a-z])(?:not|rather than|instead of)(?![a-z]))\s*[\"'“「]?"
    + _CONTRASTED,
    re.IGNORECASE,
)


# A second guess offered beside a password or an answer: "答案是 王秀英老师 还是 王秀英", "it's
# Tr0ub4dor&3 or maybe Tr0ub4dor&4": as secret as the first.
_OR_AFTER = re.compile(
    r"\s*[,，]?\s*(?:还是|還是|或者|或是|(?<![a-z])or(?: maybe| perhaps)?(?![a-z]))\s*[\"'“「]?"
    r"(?P<val>[^\s，。,;；\"'”」]{2,40})",
    re.IGNORECASE,
)
_HAN_WORD = re.compile(r"[\u4e00-\u9fff]{2,}")


def find_contrasts(t: str, found: Iterable[Finding]) -> Iterator[Finding]:
    for f in found:
        if f.kind in PARTIAL_KINDS:
            continue
        first = t[f.start : f.end]
        other = _OR_AFTER.match(t, f.end) if f.kind == "password" else None
        if other is not None:
            value = other.group("val").rstrip(".,!?")
            both_han = _HAN_WORD.fullmatch(first) and _HAN_WORD.fullmatch(value)
            if both_han or _same_shape(first, value):
                yield Finding(f.kind, other.start("val"), other.start("val") + len(value))
        after = _NOT_AFTER.match(t, f.end)
        if after is None and _NOT_BEFORE.search(t, max(0, f.start - 8), f.start):
            after = _AFTER_NOT.match(t, f.end)
        if after is not None:
            value = after.group("val").rstrip(".,!?")
            if _same_shape(first, value):
                yield Finding(f.kind, after.start("val"), after.start("val") + len(value))
        before = _NOT_THEN.search(t, max(0, f.start - 60), f.start)
        if before is not None and _same_shape(first, before.group("val")):
            yield Finding(f.kind, *before.span("val"))


def _same_shape(first: str, second: str) -> bool:
    # spaces and dashes apart, and an ID's check character "X" read as a digit
    first_plain, second_plain = (
        re.sub(r"(?<=\d)[Xx]$", "0", re.sub(r"[\s-]", "", v)) for v in (first, second)
    )
    if second_plain.isdigit():
        return first_plain.isdigit() and abs(len(first_plain) - len(second_plain)) <= 1
    mixed = any(ch.isalpha() for ch in second) and any(ch.isdigit() for ch in second)
    return mixed and abs(len(first) - len(second)) <= 4


def find_repeats(t: str, found: Iterable[Finding]) -> Iterator[Finding]:
    """A secret said again in the same message ("changed my passcode to 8053 and now 8053 doesn't
    work either"): every other place the same value stands alone is the same secret. A password
    again in another case is still it ("Marigold&1987 — wait no, lowercase m … marigold&1987"); a
    card's code of three digits again too ("CVC: 048 ✘ … what's wrong with 048?"), unless money."""
    for f in found:
        value = t[f.start : f.end]
        shortest = 3 if f.kind == "card_code" else 4
        if f.kind in PARTIAL_KINDS or len(value) < shortest:
            continue
        flags = re.IGNORECASE if f.kind == "password" else 0
        again = r"(?<![0-9A-Za-z])" + re.escape(value) + r"(?![0-9A-Za-z])"
        for m in re.finditer(again, t, flags):
            if m.start() != f.start and not (
                f.kind == "card_code" and is_amount(t, *m.span(), weak_too=True)
            ):
                yield Finding(f.kind, *m.span())
