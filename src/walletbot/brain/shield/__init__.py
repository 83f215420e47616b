"""Secret and PII shield: the first thing every raw message meets, before classification, storage
and logging (docs/safety.md, 'Shield').

Secrets (passwords, codes, card numbers and their security codes, ID numbers, seed phrases,
private keys) are masked completely; identifiers an agent needs (wallet addresses, labelled tx
hashes) keep their ends; phone numbers and e-mails are masked as personal data. The detectors read the message as a person sees it
(`reading.py`: NFKC, no zero-width characters, one kind of space and dash, Chinese numerals as
digits) and the mask covers the raw characters behind each finding. Detectors favour safety where
a value is ambiguous: an unlabelled 64-hex string is masked as a private key, not kept as a tx
hash. Look-alikes (amounts, dates, versions, order numbers, ordinary words) are left alone: a
shield that masks everything would make the bot useless and teach users to ignore it.
"""

from __future__ import annotations

import re

from walletbot.brain.shield.card_codes import find_card_codes
from walletbot.brain.shield.chat_replies import find_chat_replies
from walletbot.brain.shield.codes import find_alphanumeric_codes, find_codes
from walletbot.brain.shield.corrections import find_contrasts, find_corrections, find_repeats
from walletbot.brain.shield.documents import find_documents
from walletbot.brain.shield.findings import (
    CARD_MASK,
    CRITICAL_KINDS,
    KINDS,
    MASKS,
    SECRET_KINDS,
    Finding,
    ShieldResult,
    mask,
    resolve,
)
from walletbot.brain.shield.keys import find_keys
from walletbot.brain.shield.numbers import find_emails, find_numbers
from walletbot.brain.shield.passwords import find_passwords
from walletbot.brain.shield.reading import read
from walletbot.brain.shield.seeds import find_seed_phrases, warm_up
from walletbot.brain.shield.tables import find_table_secrets

__all__ = [
    "CARD_MASK",
    "CRITICAL_KINDS",
    "KINDS",
    "MASKS",
    "SECRET_KINDS",
    "SECRET_WARNING",
    "Finding",
    "ShieldResult",
    "shield",
    "warm_up",
]

_DIGIT = re.compile(r"\d")

SECRET_WARNING: dict[str, str] = {
    "zh": (
        "请不要在聊天中发送密码、验证码、助记词、私钥或卡号等敏感信息，任何人（包括客服）都无权索要。"
        "刚才的内容已从对话中移除，不会被保存。如果那是密码或支付密码，请立即修改；"
        "如果是助记词或私钥，请马上把资金转移到一个新钱包。"
    ),
    "en": (
        "Please never share passwords, codes, seed phrases, private keys or card numbers - no one, "
        "including support, will ever ask for them. It has been removed from this chat and not "
        "stored. If it was a password or PIN, change it now; if it was a seed phrase or private "
        "key, move your funds to a new wallet at once."
    ),
}


def shield(text: str) -> ShieldResult:
    """Find secrets and personal data in a raw message and mask them."""
    reading = read(text)
    found = resolve(_detect(reading.text))
    if found:
        found = resolve([*found, *find_corrections(reading.text, found)])
        found = resolve([*found, *find_contrasts(reading.text, found)])
        found = resolve([*found, *find_repeats(reading.text, found)])
    if not found:
        return ShieldResult(text, ())
    pieces: list[str] = []
    bare: list[str] = []
    findings: list[Finding] = []
    last = 0
    for f in found:
        start, end = reading.raw_span(f.start, f.end)
        pieces += (text[last:start], mask(f.kind, reading.text[f.start : f.end]))
        bare += (text[last:start], " ")
        findings.append(Finding(f.kind, start, end))
        last = end
    pieces.append(text[last:])
    bare.append(text[last:])
    return ShieldResult("".join(pieces), tuple(findings), "".join(bare))


def _detect(t: str) -> list[Finding]:
    # Cheap gates first: most messages have no digit, no "@" and nothing 64 characters long.
    found = list(find_passwords(t))
    found += find_alphanumeric_codes(t)
    found += find_card_codes(t)  # also read out in words: "cvv eight four seven", "安全码八四七"
    if _DIGIT.search(t):
        found += find_codes(t)
        found += find_numbers(t)
        found += find_documents(t)
    if "\n" in t and ("," in t or "|" in t):
        found += find_table_secrets(t)
    if ("\n" in t and (":" in t or "：" in t)) or "”" in t or '"' in t or "」" in t:
        found += find_chat_replies(t)
    if "@" in t:
        found += find_emails(t)
    if len(t) >= 25:
        found += find_keys(t)
    if len(t) >= 12:  # twelve Chinese characters; eight English words are longer
        found += find_seed_phrases(t)
    return found
