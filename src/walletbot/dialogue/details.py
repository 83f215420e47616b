"""Guided details: read what users actually write for when, how much, how, and which reference.

Every answer is kept as the user wrote it (masked by the shield first: a full card number arrives
as "[card ••••0128]", a transaction hash partly masked) with a parsed value when one is found:
- when: `when_reading.py` ("前天", "3pm yesterday", "昨天下午三点", "eleven thirty this morning"),
  as precise as the words: a day ("2026-12-05"), a time ("2026-12-05T15:00"), a month;
- amount: cn2an ("两千块" -> "2000块", "1.2万" -> "12000") then `price-parser` ("¥1,299.00" ->
  1299.00 ¥), the currency named by symbol or word; "1.5k" and "2w" (万) as people type them;
- method: a card's last four digits, or the kind of method named;
- reference: the first token that looks like an order or transaction id.
"""

from __future__ import annotations

import re
from datetime import datetime
from decimal import Decimal

import cn2an
from price_parser import Price
from text_to_num import alpha2digit

from walletbot.brain.text import to_simplified
from walletbot.dialogue.chinese_numerals import as_digits
from walletbot.dialogue.when_reading import HEDGES, TWO_OCLOCK, elapsed_as_ago, read_when

Fact = dict[str, str | None]

# Currency words and symbols -> ISO code (or the token's own symbol for crypto).
# The most specific first: "usdt" before "usd", "美元" and "港元" before "元".
_CURRENCIES = (
    (r"usdt|泰达币|(?<=\d)\s?u(?![a-z])", "USDT"),  # "100u": crypto users' USDT
    (r"usdc", "USDC"),
    (r"btc|比特币|bitcoin", "BTC"),
    (r"eth|以太坊|ether", "ETH"),
    (r"trx|波场", "TRX"),
    (r"hk\$|港币|港元|hkd|hk dollars?", "HKD"),
    (r"日元|日圆|円|jpy|yen", "JPY"),  # before 元; "¥" alone stays yuan
    (r"us\$|\$|美元|美金|(?<=\d)\s?刀|usd|dollars?|dollers?|bucks?", "USD"),  # "50刀": dollars
    (r"€|欧元|eur|euros?", "EUR"),
    (r"£|英镑|gbp|pounds?|quid", "GBP"),
    (r"¥|￥|元|块|人民币|rmb|cny|yuan", "CNY"),
)
# Amounts in crypto have no thousands dots: "0.015 btc" is not 15 bitcoin.
_CRYPTO = frozenset({"USDT", "USDC", "BTC", "ETH", "TRX"})
# Dollars and cents as said: "45 dollars and 99 cents", "42 dollars 50" (once in digits).
_DOLLARS_AND_CENTS = re.compile(
    r"(?<![\d.])(?P<dollars>\d+)\s?(?:dollars?|bucks?|usd)\s(?:and\s)?"
    r"(?:(?P<cents>\d{1,2})\s?cents?\b|(?P<bare>\d{2})(?=\s*(?:$|[,.!?])))",
    re.IGNORECASE,
)
_CURRENCY = [(re.compile(rf"(?:{pattern})", re.IGNORECASE), code) for pattern, code in _CURRENCIES]
# Digits with Chinese magnitudes ("1万", "1.2万", "1万5", "3千"), which cn2an.transform skips.
_MIXED_NUMERAL = re.compile(r"\d+(?:\.\d+)?(?:[十百千万亿]\d*)+")
# ... and a "u" may follow ("2ku": 2,000 USDT); any other letter makes it a word ("2 kg").
_TYPED_MAGNITUDE = re.compile(r"(?P<number>\d+(?:\.\d+)?)\s?(?P<unit>[kKwW])(?![a-tv-zA-TV-Z])")
_TYPED_MAGNITUDES = {"k": Decimal(1000), "w": Decimal(10000)}
_CARD_MASK = re.compile(r"\[(?:card|卡号?) ?••••(\d{4})\]")
_LAST_FOUR = re.compile(
    r"(?:尾号|后四位|后4位|末四位|ending(?: in)?|last (?:4|four)(?: digits)?(?: are| is)?)"
    r"\s*(?:是|为)?\s*[:：]?\s*(\d{4})(?!\d)"
)
_ONLY_FOUR = re.compile(r"^\D*(\d{4})\D*$")
_METHODS = (
    # The card network first: "mastercard" is a Mastercard before it is any "card".
    (r"visa", "Visa"),
    (r"master ?card|万事达", "Mastercard"),
    (r"银联|union ?pay", "UnionPay"),
    (r"amex|american express|美国运通", "American Express"),
    (r"信用卡|credit card", "credit card"),
    (r"借记卡|储蓄卡|debit card", "debit card"),
    (r"银行卡|bank card|卡|card", "bank card"),
    (r"银行转账|网银|bank transfer|wire", "bank transfer"),
    (r"余额|balance|wallet balance", "wallet balance"),
    (r"链上|区块链|on-?chain|crypto|usdt|btc|eth|trc20|erc20", "crypto"),
    (r"扫码|二维码|qr", "QR code"),
    (r"apple pay|google pay", "mobile pay"),
    (r"支付宝|alipay", "Alipay"),
    (r"微信|wechat", "WeChat Pay"),
    (r"paypal", "PayPal"),
)
_METHOD = [(re.compile(pattern, re.IGNORECASE), name) for pattern, name in _METHODS]
# An id has letters or digits, at least 6, with a digit (so words are not ids); masked hashes
# ("0x3f5c…f0be") count as they are.
# Glued to Chinese ("订单号123456789", "交易号为TX8812345"), an id still starts where the Latin
# letters or digits do: Han characters are word characters to `\w`.
_REFERENCE = re.compile(
    r"(?<![A-Za-z0-9_…])(?!\d{4}-\d{1,2}-\d{1,2}(?![\d-]))(?=[\w…-]*\d)[A-Za-z0-9][A-Za-z0-9_…-]{5,}"
)


def _fact(text: str, value: str | None) -> Fact:
    return {"text": text, "value": value}


def parse_when(text: str, now: datetime) -> Fact:
    """`now`: the local time the user's "yesterday" is relative to."""
    return _fact(text, read_when(text, now))


# Yuan and its tenths as said ("12块5", "三块五毛", "2元5角", "5毛钱"), once cn2an made digits of
# them: price-parser and cn2an read "12块5" as 12.
# The tenths follow at once, and are no count or clock ("转了500块5次", "12块 5点").
_YUAN_AND_JIAO = re.compile(
    r"(?<![\d.])(\d+)\s?[块元](?:钱)?(\d{1,2})[毛角]?"
    r"(?![\d万千百])(?!\s?(?:次|笔|个|天|小时|分钟|号|點|点|时|時|日|月|年|周|张|位|遍|期|%))"
)
_JIAO_ALONE = re.compile(r"(?<![\d.])(\d)\s?[毛角](?:钱)?")
_LATIN = re.compile(r"[A-Za-z]")


def _numerals_as_digits(text: str) -> str:
    """Numbers in words as digits: Chinese (cn2an: "两千块" -> "2000块"), English (text2num:
    "fifty bucks" -> "50 bucks"; small numbers alone stay words: "the second one"), and yuan
    with its tenths ("12块5" -> "12.5元", "5毛" -> "0.5元")."""
    text = as_digits(text)
    if _LATIN.search(text):
        text = alpha2digit(text, "en")
    text = _YUAN_AND_JIAO.sub(lambda m: f"{m[1]}.{m[2]}元", text)
    return _JIAO_ALONE.sub(lambda m: f"0.{m[1]}元", text)


def _with_magnitude(found: re.Match[str]) -> str:
    """ "1.2万" -> "12000" (cn2an's smart mode: digits mixed with 十百千万亿). What cn2an cannot
    read ("8千千", "0十0") stays as written: a reply like that had been a 500."""
    try:
        return str(cn2an.cn2an(found[0], "smart"))
    except (ValueError, KeyError):
        return found[0]


_DIGIT = re.compile(r"\d")
_LEADING_ZERO = re.compile(r"(?<![\d.,])0\.\d")  # "0.015": a decimal, whatever follows


def _dollars_and_cents(found: re.Match[str]) -> str:
    cents = found["cents"].zfill(2) if found["cents"] else found["bare"]
    return f"{found['dollars']}.{cents} dollars"


def _typed_magnitude(found: re.Match[str]) -> str:
    """ "1.5k" -> "1500", "2w" -> "20000" (w for 万)."""
    value = Decimal(found["number"]) * _TYPED_MAGNITUDES[found["unit"].lower()]
    return f"{value.normalize():f}"


def parse_amount(text: str) -> Fact:
    readable = _MIXED_NUMERAL.sub(_with_magnitude, to_simplified(text))  # "1.5萬", "港幣"
    readable = _TYPED_MAGNITUDE.sub(_typed_magnitude, readable)
    readable = _numerals_as_digits(readable)
    readable = _DOLLARS_AND_CENTS.sub(_dollars_and_cents, readable)
    # Numbers that are not the amount: a card's last four digits ("尾号4242的卡，扣了45.99"), a
    # date or a time ("3月15号付的299").
    readable = _LAST_FOUR.sub(" ", _CARD_MASK.sub(" ", readable))
    readable = _WHEN_MARK.sub(lambda m: " " if _DIGIT.search(m[0]) else m[0], readable)
    # The number with a currency, where one has it: "尾号1234，¥200" is 200 yuan, and price-parser
    # alone joined "$45.99, visa ending 4242" into 4599.
    marked = _AMOUNT_SPAN.search(readable)
    readable = marked.group(0) if marked else readable
    currency = next((code for pattern, code in _CURRENCY if pattern.search(readable)), None)
    decimal_dot = currency in _CRYPTO or _LEADING_ZERO.search(readable) is not None
    price = Price.fromstring(readable, decimal_separator="." if decimal_dot else None)
    if price.amount is None:
        return _fact(text, None)
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


# Facts a user gives unasked after an answer ("昨天下午三点", "$45.99", "visa ending 4242"). Each
# field is read only where its mark is plain, so a card's last four digits are not taken for a
# year, nor an amount in yuan for an order number.
_WHEN_MARK = re.compile(
    r"今天|昨天|前天|今早|昨晚|前晚|今晚|刚才|刚刚|凌晨|早上|上午|中午|下午|傍晚|晚上"
    r"|\d{1,2}\s?[点點时時](?!卡)|\d{1,2}\s?[号號日](?![\d元块])|\d{1,2}月"
    r"|(?:上上|上个?|这个?|本)?(?:周|星期|礼拜)[一二三四五六日天1-7]|\d+\s?个?(?:小时|分钟|天)前"
    r"|\d{4}-\d{2}-\d{2}|\b\d{1,2}:\d{2}\b|\b\d{1,2}(?::\d{2})?\s?(?:am|pm)\b"
    r"|\b(?:yesterday|today|tonight|last night|this morning|this afternoon|this evening|just now"
    r"|ago|o'?clock|half past|quarter (?:past|to)"
    r"|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b",
    re.IGNORECASE,
)
_UNITS = "|".join(pattern for pattern, _ in _CURRENCIES)  # every currency word and symbol
# Digits, with thousands grouped by commas, dots or spaces ("3 000 yuan"), and decimals after a
# dot or a comma ("€1.299,50"): price-parser tells which is which.
_DIGITS = r"(?<![\d.,])(?:\d{1,3}(?:\s\d{3})+(?!\d)|\d(?:[\d,.]*\d)?)"
_AMOUNT_SPAN = re.compile(
    rf"(?:hk\$|us\$|[$¥￥€£])\s?{_DIGITS}(?:\.\d+)?(?:\s?[万千kw])?(?:\s?(?:{_UNITS}))?(?![a-z])"
    # a unit after the number; a symbol there may open the next number instead ("visa 4242
    # $45.99": not 4242 dollars; "95,241 usd 8pm" is)
    rf"|{_DIGITS}(?:\.\d+)?\s?[万千kKwW]?\s?(?:{_UNITS})(?![a-z])"
    r"(?:(?<=[$¥￥€£])(?!\s?\d)|(?<![$¥￥€£]))",
    re.IGNORECASE,
)
# A bare number after a verb of moving money ("充了800", "提了一万" once cn2an made it digits,
# "sent 300"): an amount whose currency the user left implicit, so none is recorded. Not a count
# of times, days or hours ("转了2次", "提了3天了"), nor a clock time.
_VERB_AMOUNT = re.compile(
    r"(?:充|转|提|扣|付|花|汇|打款|存|取|退|收|交)(?:值|款|现|账)?(?:了|过)?\s?"
    rf"(?P<number>{_DIGITS}(?:\.\d+)?)"
    r"|(?<![a-z])(?:sent|paid|charged|withdrew|deposited|transferred|topped up|spent|received)"
    rf"\s(?P<english>{_DIGITS}(?:\.\d+)?)",
    re.IGNORECASE,
)
_NOT_MONEY_AFTER = re.compile(
    r"\s?(?:次|笔|个|天|小时|分钟|号|點|点|时|時|日|月|年|周|折|张|位|遍|期|%|:"
    r"|times?\b|days?\b|hours?\b|minutes?\b|am\b|pm\b|th\b|st\b|nd\b|rd\b)",
    re.IGNORECASE,
)
# An order or transaction id given unasked: ten or more letters and digits, one a digit; not a
# date written "2026-12-05", which is as long.
_LONG_REFERENCE = re.compile(
    r"(?<![A-Za-z0-9_…])(?!\d{4}-\d{1,2}-\d{1,2}(?![\d-]))(?=[A-Za-z0-9…-]*\d)"
    r"[A-Za-z0-9][A-Za-z0-9…-]{9,}(?![A-Za-z0-9_])"
)
# A shorter one the user names as such ("订单号123456789", "my order number is 88812345"): the
# name and the id are one span, so neither is left for the rest of the message.
_NAMED_REFERENCE = re.compile(
    r"(?:订单号|订单编号|交易号|交易单号|流水号|单号|凭证号"
    r"|\b(?:order|transaction|txn|reference|ref)\b\s?(?:number|no\.?|id|#)?)"
    r"\s?(?:是|为|:|：|#|is)?\s?"
    r"(?P<id>(?=[A-Za-z0-9…-]*\d)[A-Za-z0-9][A-Za-z0-9…-]{5,})(?![A-Za-z0-9_])",
    re.IGNORECASE,
)


def volunteered(masked: str, now: datetime) -> tuple[dict[str, Fact], str]:
    """The facts a message gives plainly, by field (fields without a value left out), and what
    the message says besides them. `masked`: the shield's masked text; "两千块" is read after
    cn2an turns it into digits."""
    readable = _MIXED_NUMERAL.sub(_with_magnitude, TWO_OCLOCK.sub("2", masked))
    readable = elapsed_as_ago(_numerals_as_digits(readable))
    found: dict[str, Fact] = {}
    spans: list[re.Match[str]] = []
    if amount := _AMOUNT_SPAN.search(readable):
        found["amount"] = _fact(masked, parse_amount(amount.group(0))["value"])
        spans.append(amount)
    elif amount := _verb_amount(readable):
        found["amount"] = _fact(
            masked, parse_amount(amount["number"] or amount["english"])["value"]
        )
        spans.append(amount)
    if card := _CARD_MASK.search(readable) or _LAST_FOUR.search(readable):
        found["method"] = parse_method(masked)
        spans.append(card)
    if reference := _NAMED_REFERENCE.search(readable):
        found["reference"] = _fact(masked, reference.group("id"))
        spans.append(reference)
    elif reference := _LONG_REFERENCE.search(readable):
        found["reference"] = _fact(masked, reference.group(0))
        spans.append(reference)
    if marks := list(_WHEN_MARK.finditer(readable)):
        # The time is read without the other facts: "€42.50" is no clock time.
        found["when"] = _fact(masked, parse_when(_without(readable, spans), now)["value"])
        spans += marks
    facts = {field: fact for field, fact in found.items() if fact["value"] is not None}
    return facts, HEDGES.sub(" ", _without(readable, spans))


# A number alone ("500", "1,299.00", "两千"), read as an amount only once the user is telling their
# case fact by fact (see `one_more`); four digits could be a card's last four, unless round
# ("2000"), and one or two a choice from a list ("2").
_NUMBER_ALONE = re.compile(
    r"^(?!\d{1,2}$|\d{3}[1-9]$|\d{2}[1-9]0$)\d[\d,]*(?:\.\d+)?\s?(?:块钱?|元)?$"
)
# What may surround a method's name: "用的是", "by", a bank's name ("工商银行卡", "建行的卡").
_BANK = (
    r"(?:中国)?(?:工商|农业|建设|招商|交通|邮储|邮政储蓄|民生|兴业|浦发|光大|中信|华夏|平安|广发)?银行的?"
    r"|[工农中建交招]行的?|[a-z]+ bank(?:'s)?"
)
_BANK_NAME = re.compile(_BANK, re.IGNORECASE)
_METHOD_ALONE_REST = re.compile(
    r"^[\s,.。，!！?？]*(?:用的?是?|是|用|via|by|with|using|my|我的)?\s*(?:的?卡|card)?[\s,.。，!！?？]*$",
    re.IGNORECASE,
)


def one_more(masked: str) -> tuple[str, Fact] | None:
    """A message that is nothing but a number or a payment method's name ("500", "两千块",
    "支付宝", "visa"), from a user who has already given a fact unasked: that field, read. Alone,
    from someone who has not, a bare number could be anything."""
    readable = _MIXED_NUMERAL.sub(_with_magnitude, as_digits(masked.strip()))
    if _NUMBER_ALONE.match(readable):
        return "amount", _fact(masked, parse_amount(readable)["value"])
    unbanked = _BANK_NAME.sub("", masked)  # "工商银行卡" is a card
    for pattern, name in _METHOD:
        if pattern.search(unbanked) and _METHOD_ALONE_REST.match(pattern.sub("", unbanked, 1)):
            return "method", _fact(masked, name)
    return None


def _verb_amount(readable: str) -> re.Match[str] | None:
    for found in _VERB_AMOUNT.finditer(readable):
        if not _NOT_MONEY_AFTER.match(readable, found.end()):
            return found
    return None


def _without(text: str, spans: list[re.Match[str]]) -> str:
    for span in sorted(spans, key=lambda m: -m.start()):
        text = text[: span.start()] + " " + text[span.end() :]
    return text
