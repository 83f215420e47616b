"""Guided details: read what users actually write for when, how much, how, and which reference.

Every answer is kept as the user wrote it (masked by the shield first: a full card number arrives
as "[card ••••0128]", a transaction hash partly masked) with a parsed value when one is found:
- when: `dateparser` ("前天", "3pm yesterday", "2026-12-03 14:30"), after cn2an turns Chinese
  numerals into digits and the Chinese time of day ("下午3点") into a clock time dateparser reads;
- amount: cn2an ("两千块" -> "2000块") then `price-parser` ("¥1,299.00" -> 1299.00 ¥), the
  currency named by symbol or word;
- method: a card's last four digits, or the kind of method named;
- reference: the first token that looks like an order or transaction id.
"""

from __future__ import annotations

import re
from datetime import datetime

import cn2an
import dateparser
from price_parser import Price

Fact = dict[str, str | None]

# Currency words and symbols -> ISO code (or the token's own symbol for crypto).
# The most specific first: "usdt" before "usd", "美元" and "港元" before "元".
_CURRENCIES = (
    (r"usdt|泰达币", "USDT"),
    (r"usdc", "USDC"),
    (r"btc|比特币|bitcoin", "BTC"),
    (r"eth|以太坊|ether", "ETH"),
    (r"hk\$|港币|港元|hkd", "HKD"),
    (r"us\$|\$|美元|美金|usd|dollars?", "USD"),
    (r"€|欧元|eur|euros?", "EUR"),
    (r"£|英镑|gbp|pounds?", "GBP"),
    (r"¥|￥|元|块|人民币|rmb|cny|yuan", "CNY"),
)
_CURRENCY = [(re.compile(rf"(?:{pattern})", re.IGNORECASE), code) for pattern, code in _CURRENCIES]
_DAY_PART = {
    "凌晨": 0,
    "早上": 0,
    "上午": 0,
    "早": 0,
    "中午": 12,
    "下午": 12,
    "傍晚": 12,
    "晚上": 12,
}
_ZH_CLOCK = re.compile(
    r"(?P<part>凌晨|早上|上午|早|中午|下午|傍晚|晚上)?(?P<hour>\d{1,2})(?:点|時|时|:|：)"
    r"(?:(?P<half>半)|(?P<minute>\d{1,2})分?)?"
)
_ZH_DATE = re.compile(r"(?:(?P<year>\d{4})年)?(?P<month>\d{1,2})月(?P<day>\d{1,2})[日号]")
# Weekday words dateparser misreads in Chinese ("上周五" came back as last Sunday): left unparsed
# (the text is kept) rather than parsed wrong.
_ZH_WEEKDAY = re.compile(r"周[一二三四五六日天1-7]|星期|礼拜")
_ZH_JUST_NOW = re.compile(r"刚才|刚刚|刚|就在刚才|just now|a moment ago")
_CARD_MASK = re.compile(r"\[(?:card|卡号?) ?••••(\d{4})\]")
_LAST_FOUR = re.compile(
    r"(?:尾号|后四位|后4位|末四位|ending(?: in)?|last (?:4|four)(?: digits)?(?: are| is)?)"
    r"\s*[:：]?\s*(\d{4})(?!\d)"
)
_ONLY_FOUR = re.compile(r"^\D*(\d{4})\D*$")
_METHODS = (
    (r"信用卡|credit card", "credit card"),
    (r"借记卡|储蓄卡|debit card", "debit card"),
    (r"银行卡|bank card|卡|card", "bank card"),
    (r"银行转账|网银|bank transfer|wire", "bank transfer"),
    (r"余额|balance|wallet balance", "wallet balance"),
    (r"链上|区块链|on-?chain|crypto|usdt|btc|eth|trc20|erc20", "crypto"),
    (r"扫码|二维码|qr", "QR code"),
    (r"apple pay|google pay", "mobile pay"),
)
_METHOD = [(re.compile(pattern, re.IGNORECASE), name) for pattern, name in _METHODS]
# An id has letters or digits, at least 6, with a digit (so words are not ids); masked hashes
# ("0x3f5c…f0be") count as they are.
_REFERENCE = re.compile(r"(?<![\w…])(?=[\w…-]*\d)[A-Za-z0-9][\w…-]{5,}")


def _fact(text: str, value: str | None) -> Fact:
    return {"text": text, "value": value}


def _zh_clock(found: re.Match[str]) -> str:
    hour = int(found["hour"])
    part = found["part"]
    if part and hour < 12:
        hour += _DAY_PART[part]
    minute = 30 if found["half"] else int(found["minute"] or 0)
    return f" {hour:02d}:{minute:02d} "


def parse_when(text: str, now: datetime) -> Fact:
    """`now`: the local time the user's "yesterday" is relative to."""
    readable = cn2an.transform(text, "cn2an")
    readable = _ZH_DATE.sub(
        lambda m: f"{m['year'] or now.year}-{int(m['month']):02d}-{int(m['day']):02d} ", readable
    )
    readable = _ZH_CLOCK.sub(_zh_clock, readable).strip()
    settings = {
        "RELATIVE_BASE": now.replace(tzinfo=None),
        "PREFER_DATES_FROM": "past",
        "RETURN_AS_TIMEZONE_AWARE": False,
    }
    if _ZH_JUST_NOW.search(readable):
        return _fact(text, now.replace(tzinfo=None).isoformat(timespec="minutes"))
    if _ZH_WEEKDAY.search(readable):
        return _fact(text, None)
    parsed = dateparser.parse(readable, languages=["zh", "en"], settings=settings)
    if parsed is None:
        # "昨天 15:00 转的账": keep the words dateparser reads (a day word, a date, a time).
        kept = " ".join(re.findall(r"今天|昨天|前天|\d{4}-\d{2}-\d{2}|\d{2}:\d{2}", readable))
        parsed = dateparser.parse(kept, languages=["zh", "en"], settings=settings) if kept else None
    return _fact(text, parsed.isoformat(timespec="minutes") if parsed else None)


def parse_amount(text: str) -> Fact:
    readable = cn2an.transform(text, "cn2an")
    price = Price.fromstring(readable)
    if price.amount is None:
        return _fact(text, None)
    currency = next((code for pattern, code in _CURRENCY if pattern.search(readable)), None)
    amount = f"{price.amount.normalize():f}"
    return _fact(text, f"{amount} {currency}" if currency else amount)


def parse_method(text: str) -> Fact:
    card = _CARD_MASK.search(text) or _LAST_FOUR.search(text) or _ONLY_FOUR.match(text)
    named = next((name for pattern, name in _METHOD if pattern.search(text)), None)
    if card:
        return _fact(text, f"{named or 'card'} ••••{card.group(1)}")
    return _fact(text, named)


def parse_reference(text: str) -> Fact:
    found = _REFERENCE.search(text)
    return _fact(text, found.group(0) if found else None)


def parse(field: str, masked: str, now: datetime) -> Fact:
    """One field's answer, from the shield's masked text."""
    if field == "when":
        return parse_when(masked, now)
    if field == "amount":
        return parse_amount(masked)
    if field == "method":
        return parse_method(masked)
    return parse_reference(masked)
