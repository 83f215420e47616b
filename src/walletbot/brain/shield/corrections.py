"""A secret corrected, or said again, in the same message: "密码 Bj-47xQ 不对不对打错了，是 Bj-74xQ!9", "CVV 592 打错
了，其實是 529", "cvv 365 by mistake, the real code on the card is 356", "code 918273 — wait no,
that was my bank's. the wallet one is 661409".

The first value is found by its label; the corrected one follows words of correction and has no
label of its own. It is the same kind of secret when it has the same shape: digits alone of about
as many digits, or letters and digits of about the same length. Only a message that already holds
a secret is read for one, so "其实是我自己转错了" or "I mean the fee" cost nothing and mask nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from walletbot.brain.shield.findings import PARTIAL_KINDS, Finding

_CORRECTION = re.compile(
    r"(?:打错了?|输错了?|不对|搞错了?|其实是|其實是|实际上是|應該是|应该是|正确的是|正確的是"
    r"|更正|纠正|糾正|改成了?|(?<![a-z])(?:i mean|i meant|no wait|wait no|sorry|oops|correction|by mistake"
    r"|changed it to|now it'?s|(?:it'?s |its |it is )?actually"
    r"|the (?:real|right|correct|actual) (?:one|code|password|pin|cvv|number)(?: on the card)?"
    r"|the wallet one)(?![a-z]))"
    r"[^\n。.!?]{0,16}?(?:是|is|:|：)?\s*[\"'“「]?"
    r"(?P<val>\d(?: \d){5,19}(?! ?\d)|(?=[^\s，。,;；\"'”」]*\d)[^\s，。,;；\"'”」]{3,40})",
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
        if kind is not None:
            yield Finding(kind, start, start + len(value))


def _same_shape(first: str, second: str) -> bool:
    first_plain, second_plain = re.sub(r"[\s-]", "", first), re.sub(r"[\s-]", "", second)
    if second_plain.isdigit():
        return first_plain.isdigit() and abs(len(first_plain) - len(second_plain)) <= 1
    mixed = any(ch.isalpha() for ch in second) and any(ch.isdigit() for ch in second)
    return mixed and abs(len(first) - len(second)) <= 4


def find_repeats(t: str, found: Iterable[Finding]) -> Iterator[Finding]:
    """A secret said again in the same message ("changed my passcode to 8053 and now 8053 doesn't
    work either"): every other place the same value stands alone is the same secret."""
    for f in found:
        value = t[f.start : f.end]
        if f.kind in PARTIAL_KINDS or len(value) < 4:
            continue
        for m in re.finditer(r"(?<![0-9A-Za-z])" + re.escape(value) + r"(?![0-9A-Za-z])", t):
            if m.start() != f.start:
                yield Finding(f.kind, *m.span())
