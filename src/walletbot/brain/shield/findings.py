"""What the shield found, how each kind is masked, and which finding wins an overlap.

The mask labels are a stable format: the widget and console localise them on the client (docs/
safety.md, 'Shield', lists every one). Change a label only together with them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

SECRET_KINDS: frozenset[str] = frozenset(
    {
        "password",
        "otp",
        "card_code",
        "card_number",
        "cn_id",
        "id_number",
        "bank_account",
        "seed_phrase",
        "private_key",
    }
)
KINDS: frozenset[str] = SECRET_KINDS | {"phone", "email", "wallet_address", "tx_hash"}
# A seed phrase or private key hands the conversation to a person at once: funds can go in minutes.
CRITICAL_KINDS: frozenset[str] = frozenset({"seed_phrase", "private_key"})

MASKS: dict[str, str] = {
    "password": "[password]",
    "otp": "[code]",
    "card_code": "[cvv]",
    "cn_id": "[id number]",
    "id_number": "[id number]",  # other identity documents (documents.py)
    "bank_account": "[account number]",
    "seed_phrase": "[seed phrase]",
    "private_key": "[private key]",
    "phone": "[phone]",
    "email": "[email]",
}
CARD_MASK = (
    "[card ••••{last4}]"  # the last four digits stay: users and agents tell cards apart by them
)
PARTIAL_KINDS = frozenset({"wallet_address", "tx_hash"})  # kept at both ends: "0x5290…9EE7"

# Which finding wins an overlap: the more sensitive first, then the longer.
_RANK = {
    "seed_phrase": 9,
    "private_key": 8,
    "cn_id": 7,
    "id_number": 7,
    "card_number": 6,
    "password": 5,
    "otp": 4,
    "card_code": 4,  # an equal span labelled a code stays one ("security code 4829")
    "bank_account": 3,
    "tx_hash": 2,
    "wallet_address": 2,
    "phone": 1,
    "email": 1,
}
_NON_DIGIT = re.compile(r"\D")
_SEPARATOR = re.compile(r"[\s\-·:_]+")


@dataclass(frozen=True)
class Finding:
    kind: str  # one of KINDS
    start: int  # the span; of the raw message in a ShieldResult, of the reading while detecting
    end: int


@dataclass(frozen=True)
class ShieldResult:
    text: str  # the masked text
    findings: tuple[Finding, ...]  # spans of the raw message, sorted by position, never overlapping
    # What the classifier and retriever read: each finding removed, not replaced by its mask, so a
    # mask's English words ("[account number]") do not pull a Chinese message towards another topic.
    model_text: str = ""

    def __post_init__(self) -> None:
        if not self.findings and not self.model_text:
            object.__setattr__(self, "model_text", self.text)

    @property
    def kinds(self) -> frozenset[str]:
        return frozenset(f.kind for f in self.findings)

    @property
    def secret_shared(self) -> bool:
        return any(f.kind in SECRET_KINDS for f in self.findings)

    @property
    def critical(self) -> bool:
        """A seed phrase or private key was shared: the funds may be gone within minutes."""
        return any(f.kind in CRITICAL_KINDS for f in self.findings)


def mask(kind: str, value: str) -> str:
    """The label that stands for `value` (as the detectors read it) in the masked text."""
    if kind == "card_number":
        return CARD_MASK.format(last4=_NON_DIGIT.sub("", value)[-4:])
    if kind in PARTIAL_KINDS:
        compact = _SEPARATOR.sub("", value)
        return f"{compact[:6]}…{compact[-4:]}"
    return MASKS[kind]


def resolve(candidates: Iterable[Finding]) -> list[Finding]:
    """Non-overlapping findings by position; of overlapping ones the higher-ranked wins."""
    kept: list[Finding] = []
    for c in sorted(candidates, key=lambda f: (-_RANK[f.kind], f.start - f.end, f.start)):
        if all(c.end <= k.start or k.end <= c.start for k in kept):
            kept.append(c)
    return sorted(kept, key=lambda f: f.start)
