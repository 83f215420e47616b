"""Guided details: read what users actually write for when, how much, how, and which reference.

Every answer is kept as the user wrote it (masked by the shield first: a full card number arrives
as "[card ••••0128]", a transaction hash partly masked) with a parsed value when one is found:
- when: `dateparser` ("前天", "3pm yesterday", "2026-12-03 14:30"), after cn2an turns Chinese
  numerals into digits and what dateparser misreads in Chinese is rewritten into what it reads:
  the time of day ("下午3点" -> 15:00, "昨晚" -> yesterday 20:00, as dateparser's "last night"),
  weekdays ("上周五": the Friday of last week, weeks starting on Monday), dates with a dot
  ("11.30"), a day of the month alone ("3号"), 两 for two ("两点", "两个小时前"), and hedges
  dropped ("大概", "左右", "around"); when dateparser cannot read the whole, the day words,
  dates (slashes included) and clock times are read alone, so "12/3" is not lost to today;
  the value is as precise as the words: a day ("2026-12-05"), a time ("2026-12-05T15:00"), a
  month ("2026-11");
- amount: cn2an ("两千块" -> "2000块", "1.2万" -> "12000") then `price-parser` ("¥1,299.00" ->
  1299.00 ¥), the currency named by symbol or word; "1.5k" and "2w" (万) as people type them;
- method: a card's last four digits, or the kind of method named;
- reference: the first token that looks like an order or transaction id.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from decimal import Decimal

import cn2an
from dateparser.date import DateData, DateDataParser
from price_parser import Price
from text_to_num import alpha2digit

from walletbot.brain.text import to_simplified
from walletbot.dialogue.clock_words import english_clock

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
    r"(?P<part>凌晨|早上|上午|早|中午|下午|傍晚|晚上)?\s?(?P<hour>\d{1,2})(?P<mark>点|時|时|:|：)"
    r"(?:(?P<half>半)|(?P<quarters>[123])刻|(?P<minute>\d{1,2})分?)?"
)
# "差5分4点" (five to four) once cn2an made digits of it: 3:55.
_MINUTES_TO = re.compile(r"差(?P<minutes>\d{1,2})分钟?(?P<hour>\d{1,2})点")
_ZH_DATE = re.compile(r"(?:(?P<year>\d{4})年)?(?P<month>\d{1,2})月(?P<day>\d{1,2})[日号]")
# "11.30": month.day, as Chinese users write dates (a clock time has a colon or 点).
_DOT_DATE = re.compile(
    r"(?<![\d.])(?P<month>1[0-2]|0?[1-9])\.(?P<day>3[01]|[12]\d|0?[1-9])(?![\d.])"
)
# "3号", "15日": a day of this month (of an earlier one if it is yet to come).
_DAY_OF_MONTH = re.compile(r"(?<![\d月/.-])(?P<day>3[01]|[12]\d|0?[1-9])[号日](?![\d])")
# "两点" is two o'clock, "两个小时前" two hours ago; cn2an leaves such a 两 as it is.
_TWO_OCLOCK = re.compile(r"两(?=点|時|时|个|小时|分)")
# A clock said in Chinese numerals ("十点二十", "三点十五分", "十一点一刻"): cn2an.transform takes 点
# for a decimal point ("11.1刻") or gives up, so hour and minutes are read apart.
_ZH_NUMERAL = "[零一二两三四五六七八九十]"
_ZH_CLOCK_WORDS = re.compile(
    rf"(?P<hour>{_ZH_NUMERAL}{{1,3}})(?P<mark>点|时)"
    rf"(?:(?P<half>半)|(?P<quarters>[一二三])刻|(?P<minute>{_ZH_NUMERAL}{{1,3}})分?)?"
)
# "1个半小时前", "一个半小时前": an hour and a half ago (cn2an reads "1个0.5小时"); "1个星期前":
# seven days ago. dateparser reads neither.
_HOURS_AND_A_HALF_AGO = re.compile(rf"(?P<hours>\d+|{_ZH_NUMERAL}{{1,3}})个半(?:小时|钟头)前")
_WEEKS_AGO = re.compile(r"(?P<weeks>\d+)个?(?:星期|礼拜|周)前")
# "2个小时前": dateparser reads "2小时前".
_COUNTER = re.compile(r"(?<=\d)个(?=小时|钟头|月)")
# "三天了还没到", "等了两个小时了": it happened that long ago ("3天前"); the same in English
# ("pending for 3 days", "it's been two hours").
_ELAPSED = re.compile(r"(?<=\d)(\s?个?(?:小时|钟头|分钟|天))了")
_EN_COUNT = r"\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten"
_ELAPSED_EN = re.compile(
    rf"\b(?:for|been|waiting|waited)\s+(?:about\s+|almost\s+|over\s+)?({_EN_COUNT})\s+"
    r"(days?|hours?|minutes?)\b",
    re.IGNORECASE,
)


def _elapsed_as_ago(text: str) -> str:
    return _ELAPSED_EN.sub(r"\1 \2 ago", _ELAPSED.sub(r"\1前", text))


# Weekdays, which dateparser misreads in Chinese ("上周五" came back as last Sunday).
_ZH_WEEKDAY = re.compile(
    r"(?P<week>上上|上个?|这个?|本)?(?:周|星期|礼拜)(?P<day>[一二三四五六日天1-7])"
)
_WEEKDAY_INDEX = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
_WEEKS_BACK = {"上上": 2, "上": 1, "上个": 1}
_WEEK_WORD = re.compile(r"周|星期|礼拜")  # left after the rewriting: a week not understood
# One-word evenings and mornings: "昨晚" is "昨天晚上".
_SHORT_DAY_PARTS = {
    "昨晚": "昨天晚上",
    "今晚": "今天晚上",
    "前晚": "前天晚上",
    "今早": "今天早上",
    "昨早": "昨天早上",
}
# A time of day without a clock time: the hours dateparser gives "morning", "afternoon",
# "evening" and "last night" in English, so both languages read alike.
_DAY_PART_HOUR = {"早上": 9, "早晨": 9, "上午": 9, "中午": 12, "下午": 15, "傍晚": 18, "晚上": 20}
_DAY_PART_ALONE = re.compile("|".join(_DAY_PART_HOUR))
_HEDGES = re.compile(
    r"大概|大约|差不多|左右|估计|应该是|好像是?|前后"
    r"|\b(?:around|about|approximately|roughly|maybe|probably|sometime|like|i think|i guess)\b"
)
_ZH_JUST_NOW = re.compile(r"刚才|刚刚|刚|就在刚才|just now|a moment ago")
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


def _zh_clock(found: re.Match[str]) -> str:
    """ "下午3点半" -> 15:30. An hour of 1 to 11 said with 点 and no part of the day ("昨天三点",
    "周四八点") could be morning or evening: it is dropped, and the day stays. A time typed with a
    colon ("9:30", and the English clock's "10:15") is on the 24-hour clock."""
    hour = int(found["hour"])
    part = found["part"]
    if part is None and 1 <= hour <= 11 and found["mark"] in "点時时":
        return " "
    if part and hour < 12:
        hour += _DAY_PART[part]
    if found["half"]:
        minute = 30
    else:
        minute = 15 * int(found["quarters"]) if found["quarters"] else int(found["minute"] or 0)
    return f" {hour:02d}:{minute:02d} "


def _numeral(said: str) -> int | None:
    try:
        return int(cn2an.cn2an(said.replace("两", "二"), "smart"))
    except (ValueError, KeyError):
        return None


def _zh_clock_words(found: re.Match[str]) -> str:
    hour = _numeral(found["hour"])
    if hour is None:
        return found[0]
    if found["half"] or found["quarters"]:
        rest = "半" if found["half"] else f"{'一二三'.index(found['quarters']) + 1}刻"
    elif found["minute"]:
        minute = _numeral(found["minute"])
        rest = f"{minute}分" if minute is not None else found["minute"]
    else:
        rest = ""
    return f"{hour}{found['mark']}{rest}"


def _hours_and_a_half_ago(found: re.Match[str]) -> str:
    hours = _numeral(found["hours"])
    return found[0] if hours is None else f"{hours * 60 + 30}分钟前"


def _minutes_to(found: re.Match[str]) -> str:
    hour, minutes = int(found["hour"]), int(found["minutes"])
    if not 0 < minutes < 60 or not 1 <= hour <= 24:
        return found[0]
    return f"{hour - 1}点{60 - minutes}分"


def _past_date(year: int | None, month: int, day: int, today: date) -> str:
    """A day of the month written without a year: this year's, or last year's if that is yet
    to come (the user reports what happened). Invalid days are left as written."""
    try:
        found = date(year or today.year, month, day)
        if year is None and found > today:
            found = found.replace(year=today.year - 1)
    except ValueError:
        return f"{month}.{day}"
    return f" {found.isoformat()} "


def _day_of_month(found: re.Match[str], today: date) -> str:
    day = int(found["day"])
    month, year = today.month, today.year
    for _ in range(3):  # this month, else the last one that has the day ("31号" in December)
        try:
            candidate = date(year, month, day)
        except ValueError:
            candidate = None
        if candidate is not None and candidate <= today:
            return f" {candidate.isoformat()} "
        month, year = (month - 1, year) if month > 1 else (12, year - 1)
    return found[0]


# English days dateparser misreads: "on the 5th" (as May), "on the 20th" (this month's, yet to
# come), "this monday" (next week's).
_EN_DAY_OF_MONTH = re.compile(
    r"\b(?:on\s+(?:the\s+)?|the\s+)(?P<day>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)\b"
    r"(?!\s+(?:of\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec))",
    re.IGNORECASE,
)
_EN_THIS_WEEKDAY = re.compile(
    r"\bthis\s+(?P<day>mon|tues|wednes|thurs|fri|satur|sun)day\b", re.IGNORECASE
)
_EN_WEEKDAYS = ("mon", "tues", "wednes", "thurs", "fri", "satur", "sun")


def _english_days(text: str, today: date) -> str:
    text = _EN_DAY_OF_MONTH.sub(lambda m: _day_of_month(m, today), text)
    return _EN_THIS_WEEKDAY.sub(
        lambda m: _in_this_week(_EN_WEEKDAYS.index(m["day"].lower()), today), text
    )


def _in_this_week(index: int, today: date) -> str:
    return f" {(today - timedelta(days=today.weekday() - index)).isoformat()} "


def _weekday(found: re.Match[str], today: date) -> str:
    """ "周五" is this week's Friday (last week's if it is yet to come); "上周五" last week's."""
    day = found["day"]
    index = int(day) - 1 if day.isdigit() else _WEEKDAY_INDEX[day]
    back = _WEEKS_BACK.get(found["week"] or "", 0)
    target = today - timedelta(days=today.weekday()) + timedelta(weeks=-back, days=index)
    if not found["week"] and target > today:
        target -= timedelta(weeks=1)
    return f" {target.isoformat()} "


# What dateparser reads once the words around it are gone: "it was $250 around 10am yesterday".
_WHEN_WORDS = re.compile(
    r"今天|昨天|前天|\d{4}-\d{2}-\d{2}|\d{1,4}/\d{1,2}(?:/\d{1,4})?|\d{2}:\d{2}"
    rf"|\d+\s?(?:小时|钟头|分钟|天)前|\b(?:{_EN_COUNT}) (?:days?|hours?|minutes?) ago\b"
    r"|\b(?:yesterday|today|(?:last |this )?(?:mon|tues|wednes|thurs|fri|satur|sun)day"
    r"|\d{1,2}(?::\d{2})?\s?(?:am|pm)|(?:this )?(?:morning|afternoon|evening)|last night|tonight)\b",
    re.IGNORECASE,
)


def parse_when(text: str, now: datetime) -> Fact:
    """`now`: the local time the user's "yesterday" is relative to."""
    today = now.date()
    said = to_simplified(text)  # "兩點半", "禮拜五", "上週四"
    readable = _english_days(english_clock(said), today)
    readable = _HOURS_AND_A_HALF_AGO.sub(_hours_and_a_half_ago, readable)
    readable = _ZH_CLOCK_WORDS.sub(_zh_clock_words, readable)
    readable = cn2an.transform(_TWO_OCLOCK.sub("2", readable), "cn2an")
    readable = _WEEKS_AGO.sub(lambda m: f"{int(m['weeks']) * 7}天前", readable)
    readable = _MINUTES_TO.sub(_minutes_to, readable)
    readable = _HEDGES.sub(" ", _COUNTER.sub("", _elapsed_as_ago(readable)))
    for short, long in _SHORT_DAY_PARTS.items():
        readable = readable.replace(short, long)
    readable = _ZH_DATE.sub(
        lambda m: _past_date(
            int(m["year"]) if m["year"] else None, int(m["month"]), int(m["day"]), today
        ),
        readable,
    )
    readable = _DOT_DATE.sub(
        lambda m: _past_date(None, int(m["month"]), int(m["day"]), today), readable
    )
    readable = _DAY_OF_MONTH.sub(lambda m: _day_of_month(m, today), readable)
    readable = _ZH_WEEKDAY.sub(lambda m: _weekday(m, today), readable)
    readable = _ZH_CLOCK.sub(_zh_clock, readable)
    readable = _DAY_PART_ALONE.sub(lambda m: f" {_DAY_PART_HOUR[m[0]]:02d}:00 ", readable)
    readable = " ".join(readable.split())
    settings = {
        "RELATIVE_BASE": now.replace(tzinfo=None),
        "PREFER_DATES_FROM": "past",
        "RETURN_AS_TIMEZONE_AWARE": False,
        "RETURN_TIME_AS_PERIOD": True,  # whether a time of day was said at all
    }
    if _ZH_JUST_NOW.search(readable):
        return _fact(text, now.replace(tzinfo=None).isoformat(timespec="minutes"))
    if _WEEK_WORD.search(readable):  # "上周" without a day, "周末": no date to give
        return _fact(text, None)
    parser = DateDataParser(languages=["zh", "en"], settings=settings)
    found = parser.get_date_data(readable)
    if found.date_obj is None:
        # "昨天 15:00 转的账": keep the words dateparser reads (a day word, a date, a time).
        # A date written with slashes stays: without it the time would land on today.
        kept = " ".join(_WHEN_WORDS.findall(readable))
        found = parser.get_date_data(kept) if kept else found
    return _fact(text, _as_said(found))


def _as_said(found: DateData) -> str | None:
    """The moment only as precisely as the user said it: "昨天" is a day ("2026-12-05"), not the
    current time of day on it, which an agent would take for the hour it happened; "昨天下午"
    and "3 hours ago" are times ("2026-12-05T15:00"); "上个月" a month ("2026-11")."""
    moment = found.date_obj
    if moment is None or moment.year < 1970:  # dateparser read "2025年" as the year 1
        return None
    # `parts` (dateparser 1.5) says which parts the words gave; `period` says "day" for "12pm
    # today" said at noon. types-dateparser still describes 1.4, without it.
    if "time" in found.parts:  # type: ignore[attr-defined]
        return moment.isoformat(timespec="minutes")
    if found.period == "month":
        return moment.strftime("%Y-%m")
    if found.period == "year":
        return str(moment.year)
    return moment.date().isoformat()


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
    text = cn2an.transform(text, "cn2an")
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
    readable = _MIXED_NUMERAL.sub(_with_magnitude, _TWO_OCLOCK.sub("2", masked))
    readable = _elapsed_as_ago(_numerals_as_digits(readable))
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
    return facts, _HEDGES.sub(" ", _without(readable, spans))


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
    readable = _MIXED_NUMERAL.sub(_with_magnitude, cn2an.transform(masked.strip(), "cn2an"))
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
