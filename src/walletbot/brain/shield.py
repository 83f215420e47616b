"""Secret and PII shield: the first thing every raw message meets, before classification, storage
and logging.

Secrets (passwords, codes, card and ID numbers, seed phrases, private keys) are masked completely;
identifiers an agent needs (wallet addresses, labelled tx hashes) keep their ends; phone numbers and
e-mails are masked as personal data. Detectors favour safety where a value is ambiguous: an
unlabelled 64-hex string is masked as a private key, not kept as a tx hash. Look-alikes (amounts,
dates, versions, order numbers, ordinary English) are left alone: a shield that masks everything
would make the bot useless and teach users to ignore it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from mnemonic import Mnemonic

from walletbot.brain import shield_patterns as p

SECRET_KINDS: frozenset[str] = frozenset(
    {"password", "otp", "card_number", "cn_id", "bank_account", "seed_phrase", "private_key"}
)
KINDS: frozenset[str] = SECRET_KINDS | {"phone", "email", "wallet_address", "tx_hash"}
CRITICAL_KINDS: frozenset[str] = frozenset({"seed_phrase", "private_key"})

# Which finding wins an overlap: the more sensitive first, then the longer.
_RANK = {
    "seed_phrase": 9,
    "private_key": 8,
    "cn_id": 7,
    "card_number": 6,
    "password": 5,
    "otp": 4,
    "bank_account": 3,
    "tx_hash": 2,
    "wallet_address": 2,
    "phone": 1,
    "email": 1,
}
_MASKS = {
    "password": "[password]",
    "otp": "[code]",
    "cn_id": "[id number]",
    "bank_account": "[account number]",
    "seed_phrase": "[seed phrase]",
    "private_key": "[private key]",
    "phone": "[phone]",
    "email": "[email]",
}
_PARTIAL = frozenset({"wallet_address", "tx_hash"})
_NON_DIGIT = re.compile(r"\D")
_GROUP = re.compile(r"\d+")

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


@dataclass(frozen=True)
class Finding:
    kind: str  # one of KINDS
    start: int  # span in the ORIGINAL text
    end: int


@dataclass(frozen=True)
class ShieldResult:
    text: str  # the masked text
    findings: tuple[Finding, ...]  # sorted by position, never overlapping
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
        return bool(self.findings) and any(f.kind in SECRET_KINDS for f in self.findings)

    @property
    def critical(self) -> bool:
        """A seed phrase or private key was shared: the funds may be gone within minutes."""
        return bool(self.findings) and any(f.kind in CRITICAL_KINDS for f in self.findings)


def shield(text: str) -> ShieldResult:
    """Find secrets and personal data in a raw message and mask them."""
    # Same length as text, so spans carry over.
    folded = text.translate(p.FOLD) if p.FOLDABLE.search(text) else text
    findings = _resolve(_detect(folded))
    if not findings:
        return ShieldResult(text, ())
    pieces: list[str] = []
    bare: list[str] = []
    last = 0
    for f in findings:
        pieces += (text[last : f.start], _mask(f, folded[f.start : f.end]))
        bare += (text[last : f.start], " ")
        last = f.end
    pieces.append(text[last:])
    bare.append(text[last:])
    return ShieldResult("".join(pieces), findings, "".join(bare))


def warm_up() -> None:
    """Load the BIP-39 word lists now rather than on the first long message."""
    _english_words()
    _chinese_words()


@lru_cache(maxsize=1)
def _english_words() -> frozenset[str]:
    return frozenset(Mnemonic("english").wordlist)


@lru_cache(maxsize=1)
def _chinese_words() -> frozenset[str]:
    lists = (Mnemonic(lang).wordlist for lang in ("chinese_simplified", "chinese_traditional"))
    return frozenset(w for words in lists for w in words)


def _mask(f: Finding, value: str) -> str:
    if f.kind == "card_number":
        return f"[card ••••{_NON_DIGIT.sub('', value)[-4:]}]"
    if f.kind in _PARTIAL:
        return f"{value[:6]}…{value[-4:]}"
    return _MASKS[f.kind]


def _resolve(candidates: Iterator[Finding]) -> tuple[Finding, ...]:
    kept: list[Finding] = []
    for c in sorted(candidates, key=lambda f: (-_RANK[f.kind], f.start - f.end, f.start)):
        if all(c.end <= k.start or k.end <= c.start for k in kept):
            kept.append(c)
    return tuple(sorted(kept, key=lambda f: f.start))


def _detect(t: str) -> Iterator[Finding]:
    # Cheap gates first: most messages have no digit, no "@" and no 25-character token.
    yield from _passwords(t)
    if p.ANY_DIGIT.search(t):
        yield from _otps(t)
        yield from _numbers(t)
    if "@" in t:
        yield from (Finding("email", *m.span()) for m in p.EMAIL.finditer(t))
    if p.LONG_TOKEN.search(t):
        yield from _keys_and_addresses(t)
    if len(t) >= 23:  # eight 3-letter words or twelve Chinese characters, with separators
        yield from _seed_phrases(t)


def _passwords(t: str) -> Iterator[Finding]:
    if not p.PASSWORD_HINT.search(t):
        return
    for m in p.PASSWORD.finditer(t):
        group = "val" if m.group("val") is not None else "weakval"
        value = m.group(group)
        core = value.strip(".,!?;:'\"")
        if len(core) < 4 or core.lower() in p.PW_STOP:
            continue
        if group == "val" and core.isalpha():
            nxt = p.NEXT_WORD.match(t, m.end())
            if nxt and nxt.group(1).lower() not in p.PW_JOINERS:
                continue  # "my password is not working"
        yield Finding("password", *m.span(group))


def _is_amount(t: str, start: int, end: int) -> bool:
    return bool(
        p.AMOUNT_BEFORE.search(t, max(0, start - 12), start) or p.AMOUNT_AFTER.match(t, end)
    )


def _otps(t: str) -> Iterator[Finding]:
    for rx in (p.OTP_AFTER, p.OTP_BEFORE):
        for m in rx.finditer(t):
            key_start = m.start("key")
            if p.OTP_NOT_AFTER.search(t, max(0, key_start - 12), key_start):
                continue
            start, end = m.span("num")
            if not _is_amount(t, start, end):
                yield Finding("otp", start, end)


def _numbers(t: str) -> Iterator[Finding]:
    for m in p.CN_ID.finditer(t):
        if p.cn_id_ok(m.group().replace(" ", "")):
            yield Finding("cn_id", *m.span())
    for m in p.DIGIT_RUN.finditer(t):
        start, end = m.span()
        digits = _NON_DIGIT.sub("", m.group())
        if len(digits) < 10:
            continue
        card = _card(t, m)
        if card is not None:
            yield card
        elif (
            len(digits) <= 20
            and p.ACCOUNT_LABEL.search(t, max(0, start - 24), start)
            and not p.MOBILE.fullmatch(m.group())
            and not _is_amount(t, start, end)
        ):
            yield Finding("bank_account", start, end)
    for m in p.IBAN.finditer(t):
        if p.iban_ok(m.group()):
            yield Finding("bank_account", *m.span())
    yield from (Finding("phone", *m.span()) for m in p.PHONE_CN.finditer(t))
    for m in p.PHONE_INTL.finditer(t):
        if 8 <= len(_NON_DIGIT.sub("", m.group())) <= 15:
            yield Finding("phone", *m.span())


def _card(t: str, run: re.Match[str]) -> Finding | None:
    """The longest Luhn-valid stretch of 13-19 digits in a run of digit groups, if any."""
    groups = [g.span() for g in _GROUP.finditer(t, *run.span())]
    sizes = [e - s for s, e in groups]
    spans: list[tuple[int, int]] = []
    for i in range(len(groups)):
        total = 0
        for j in range(i, len(groups)):  # stops within 19 groups: linear in the run length
            total += sizes[j]
            if total > 19:
                break
            if total >= 13:
                spans.append((i, j))
            if sizes[j] < 3:
                break  # cards are written in groups of 3+ digits; only the last may be shorter
    for i, j in sorted(spans, key=lambda ij: (ij[0] - ij[1], ij[0])):
        start, end = groups[i][0], groups[j][1]
        digits = _NON_DIGIT.sub("", t[start:end])
        if not p.luhn_ok(digits) or p.MOBILE.fullmatch(t[start:end]):
            continue
        if p.ORDER_LABEL.search(t, max(0, start - 24), start) and not p.CARD_IIN.match(digits):
            return None  # "订单号 2023..." passes Luhn one time in ten; a real card still wins
        return Finding("card_number", start, end)
    return None


def _keys_and_addresses(t: str) -> Iterator[Finding]:
    for m in p.HEX64.finditer(t):
        start, end = m.span()
        near = t[max(0, start - 40) : start] + " " + t[end : end + 20]
        # Safety first: a tx hash only when labelled as one and nothing says "key".
        is_tx = p.TX_LABEL.search(near) and not p.KEY_LABEL.search(near)
        yield Finding("tx_hash" if is_tx else "private_key", start, end)
    for rx in (p.WIF, p.XPRV):
        yield from (Finding("private_key", *m.span()) for m in rx.finditer(t))
    for m in p.ADDRESS.finditer(t):
        if not m.group().isdigit():
            yield Finding("wallet_address", *m.span())


def _seed_phrases(t: str) -> Iterator[Finding]:
    """Runs of >= 8 BIP-39 words with nothing but separators between them.

    Ordinary English breaks such runs quickly: the list has no word shorter than three letters,
    so "my", "to", "the", "is" interrupt them.
    """
    words = _english_words()
    run_start = run_end = count = 0
    for m in p.ASCII_WORD.finditer(t):
        if m.group().lower() not in words:
            if count >= 8:
                yield Finding("seed_phrase", run_start, run_end)
            count = 0
            continue
        gap = m.start() - run_end
        if count and (gap > 12 or not p.SEED_SEP.fullmatch(t, run_end, m.start())):
            if count >= 8:
                yield Finding("seed_phrase", run_start, run_end)
            count = 0
        if count == 0:
            run_start = m.start()
        count += 1
        run_end = m.end()
    if count >= 8:
        yield Finding("seed_phrase", run_start, run_end)
    yield from _chinese_seed_phrases(t)


def _chinese_seed_phrases(t: str) -> Iterator[Finding]:
    # Chinese mnemonics are single characters; only space-separated runs of 12+ are phrases.
    if not p.HAN.search(t):
        return
    words = _chinese_words()
    for block in p.HAN_RUN.finditer(t):
        chars = list(p.HAN.finditer(t, *block.span()))
        i = 0
        while i < len(chars):
            j = i
            while j < len(chars) and chars[j].group() in words:
                j += 1
            if j - i >= 12:
                yield Finding("seed_phrase", chars[i].start(), chars[j - 1].end())
            i = j + 1
