"""Generated answers to the guided details' questions, as people type them, with what each means.

Each generator takes a `Choices` (tests/support/secret_corpus.py): a hypothesis draw in the tests
(tests/dialogue/test_details.py), a seeded `random.Random` in the benchmark
(benchmarks/details_rates.py). The expected value is worked out here without the parser's code:
dates from `datetime` and ISO weeks, amounts with `Decimal`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import cn2an
from hypothesis import strategies as st

from tests.support.secret_corpus import Choices, DrawChoices

NOW = datetime(2026, 12, 6, 12, 0, tzinfo=ZoneInfo("Asia/Shanghai"))  # a Sunday


@dataclass(frozen=True)
class DetailCase:
    kind: str
    field: str  # "when" or "amount"
    text: str
    expected: str  # "2026-12-05T15:00", a day alone "2026-12-05"; an amount's number ("12000")
    now: datetime = NOW


DAYS_BACK = {"今天": 0, "昨天": 1, "前天": 2}
# (part of the day, hours it is said with, hours added to make a 24-hour clock)
ZH_PARTS = [("上午", range(6, 12), 0), ("下午", range(1, 7), 12), ("晚上", range(7, 12), 12)]
ZH_HEDGES = ["", "大概", "差不多", "好像是"]
ZH_AFTER = ["", "左右", "的时候", "吧"]
EN_HEDGES = ["", "around ", "about ", "roughly "]
ZH_WEEKDAYS = ["一", "二", "三", "四", "五", "六", "日"]


def _at(day: date, hour: int) -> str:
    return datetime.combine(day, time(hour)).isoformat(timespec="minutes")


def zh_time(c: Choices) -> DetailCase:
    """ "大概昨天下午三点左右": a day word, a part of the day, an hour in digits or characters."""
    day = c.choice(sorted(DAYS_BACK))
    name, hours, add = c.choice(ZH_PARTS)
    hour = c.choice(list(hours))
    said = cn2an.an2cn(hour) if c.randint(0, 1) else str(hour)
    text = f"{c.choice(ZH_HEDGES)}{day}{name}{said}点{c.choice(ZH_AFTER)}"
    return DetailCase(
        "zh_time", "when", text, _at(NOW.date() - timedelta(DAYS_BACK[day]), hour + add)
    )


# Minutes as said: in numerals ("十五分", "二十"), quarters ("一刻", "三刻"), a half.
ZH_MINUTES = [(15, "十五分"), (20, "二十"), (45, "三刻"), (15, "一刻"), (30, "半"), (10, "十分")]
TRADITIONAL = str.maketrans({"两": "兩", "点": "點", "间": "間"})


def zh_clock_minutes(c: Choices) -> DetailCase:
    """ "昨天下午三点十五分", "今天上午十一点一刻", "前天晚上八点三刻", in simplified or traditional
    characters: the hour and minutes in Chinese numerals."""
    day = c.choice(sorted(DAYS_BACK)[1:])  # 昨天, 前天: every hour has passed
    name, hours, add = c.choice(ZH_PARTS)
    hour = c.choice(list(hours))
    minute, said_minutes = c.choice(ZH_MINUTES)
    said_hour = "两" if hour == 2 else cn2an.an2cn(hour)
    text = f"{c.choice(ZH_HEDGES)}{day}{name}{said_hour}点{said_minutes}{c.choice(ZH_AFTER)}"
    if c.randint(0, 2) == 0:
        text = text.translate(TRADITIONAL)
    moment = datetime.combine(NOW.date() - timedelta(DAYS_BACK[day]), time(hour + add, minute))
    return DetailCase("zh_clock_minutes", "when", text, moment.isoformat(timespec="minutes"))


ZH_ELAPSED = [
    ("天", timedelta(days=1)),
    ("个小时", timedelta(hours=1)),
    ("小时", timedelta(hours=1)),
]


def zh_elapsed(c: Choices) -> DetailCase:
    """ "三天了还没到", "等了两个小时了": how long it has been, so when it happened."""
    unit, step = c.choice(ZH_ELAPSED)
    n = c.randint(1, 9)
    said = ("两" if n == 2 and c.randint(0, 1) else cn2an.an2cn(n)) if c.randint(0, 1) else str(n)
    lead = c.choice(["", "已经", "等了", "提现", "转账"])
    text = f"{lead}{said}{unit}了{c.choice(['', '还没到', '还没到账', '，还是没有', '了'])}"
    moment = (NOW - n * step).replace(tzinfo=None)
    # Days said give a day; hours give a time.
    expected = moment.date().isoformat() if unit == "天" else moment.isoformat(timespec="minutes")
    return DetailCase("zh_elapsed", "when", text, expected)


def en_time(c: Choices) -> DetailCase:
    """ "around 3pm yesterday"."""
    hour, pm, yesterday = c.randint(1, 12), c.randint(0, 1), c.randint(0, 1)
    text = (
        f"{c.choice(EN_HEDGES)}{hour}{'pm' if pm else 'am'} {'yesterday' if yesterday else 'today'}"
    )
    clock = hour % 12 + (12 if pm else 0)
    return DetailCase("en_time", "when", text, _at(NOW.date() - timedelta(yesterday), clock))


EN_MINUTES = {10: "ten", 15: "fifteen", 20: "twenty", 30: "thirty", 40: "forty", 45: "forty-five"}
# (words for the day, days back, hours said with it, hours added for a 24-hour clock)
EN_DAY_PARTS = [
    ("this morning", 0, range(6, 12), 0),
    ("yesterday morning", 1, range(6, 12), 0),
    ("yesterday afternoon", 1, range(1, 6), 12),
    ("yesterday evening", 1, range(6, 11), 12),
    ("last night", 1, range(7, 12), 12),
]


def en_said_time(c: Choices) -> DetailCase:
    """ "eleven thirty this morning", "yesterday afternoon at three", "half past 8 last night",
    "quarter to ten this morning": a time as said, in words or digits, with the part of the day
    that places it; said at noon."""
    words, back, hours, add = c.choice(EN_DAY_PARTS)
    hour = c.choice(list(hours))
    minute = 0
    form = c.choice(["at", "minutes", "past", "to", "oclock"])
    said = ONES[hour - 1] if c.randint(0, 2) else str(hour)
    if form == "at":
        clock = f"{c.choice(['at', 'around', 'about'])} {said}"
    elif form == "minutes":  # "eleven thirty"
        minute = c.choice(sorted(EN_MINUTES))
        clock = f"{ONES[hour - 1]} {EN_MINUTES[minute]}"
    elif form == "past":
        minute = c.choice([30, 15, 10, 20])
        name = {30: "half", 15: "quarter"}.get(minute) or EN_MINUTES[minute]
        clock = f"{name} past {said}"
    elif form == "to":  # "quarter to nine" is 8:45
        hour, minute = hour - 1, 45
        said_next = ONES[hour] if c.randint(0, 2) else str(hour + 1)
        clock = f"quarter to {said_next}"
    else:
        clock = f"{said} o'clock"
    text = f"{clock} {words}" if c.randint(0, 1) else f"{words} {clock}"
    moment = datetime.combine(NOW.date() - timedelta(back), time(hour + add, minute))
    return DetailCase("en_said_time", "when", text, moment.isoformat(timespec="minutes"))


def zh_weekday(c: Choices) -> DetailCase:
    """ "上周五", "星期二", "这周日", said on any day: weeks start on Monday (ISO weeks)."""
    today = date(2026, 1, 5) + timedelta(days=c.randint(0, 700))
    index = c.randint(0, 6)
    week = c.choice(["", "这", "上", "上个"])
    word = c.choice(["周", "星期", "礼拜"])
    day = "天" if index == 6 and word == "礼拜" else ZH_WEEKDAYS[index]
    in_week = today - timedelta(weeks=1) if week.startswith("上") else today
    expected = date.fromisocalendar(*in_week.isocalendar()[:2], index + 1)
    if not week and expected > today:  # "周五" said on a Wednesday: last week's Friday
        earlier = today - timedelta(weeks=1)
        expected = date.fromisocalendar(*earlier.isocalendar()[:2], index + 1)
    now = datetime.combine(today, time(12), tzinfo=NOW.tzinfo)
    return DetailCase("zh_weekday", "when", f"{week}{word}{day}", expected.isoformat(), now)


def _zh_hour(c: Choices, hour: int) -> str:
    """An hour as people write it: digits, characters, and 两 for two ("两点")."""
    if hour == 2:
        return c.choice(["2", "两"])
    return cn2an.an2cn(hour) if c.randint(0, 1) else str(hour)


def zh_date(c: Choices) -> DetailCase:
    """ "3号下午两点", "12/3 下午2点", "11月28号晚上8点", "两个小时前": a day of the month alone,
    a month and day with a slash or 月, hours ago; said at noon on 2026-12-06."""
    form = c.choice(["day", "slash", "month", "ago"])
    if form == "ago":
        hours = c.randint(1, 11)
        said = "两" if hours == 2 else _zh_hour(c, hours)
        text = f"{c.choice(ZH_HEDGES)}{said}个小时前"
        moment = (NOW - timedelta(hours=hours)).replace(tzinfo=None)
        return DetailCase("zh_date", "when", text, moment.isoformat(timespec="minutes"))
    # A day before today: a time later today would be yet to come.
    day = NOW.date() - timedelta(days=c.randint(1, 200))
    if form == "day":
        day = NOW.date() - timedelta(days=c.randint(1, 27))  # the 3rd said on the 6th: this month
        written = f"{day.day}{c.choice(['号', '日'])}"
    elif form == "slash":
        written = f"{day.month}/{day.day} "
    else:
        written = f"{day.month}月{day.day}{c.choice(['号', '日'])}"
    name, hours_said, add = c.choice(ZH_PARTS)
    hour = c.choice(list(hours_said))
    text = f"{c.choice(ZH_HEDGES)}{written}{name}{_zh_hour(c, hour)}点{c.choice(ZH_AFTER)}"
    return DetailCase("zh_date", "when", text, _at(day, hour + add))


MAGNITUDES = [("万", 10000), ("千", 1000), ("k", 1000), ("K", 1000), ("w", 10000)]


def magnitude_amount(c: Choices) -> DetailCase:
    """ "1.2万", "3千块", "1.5k usdt", "2w"."""
    amount = Decimal(c.randint(1, 9999)) / 10
    word, factor = c.choice(MAGNITUDES)
    text = f"{amount}{word}{c.choice(['', '块', '元', ' usdt', 'u'])}"
    return DetailCase("magnitude_amount", "amount", text, f"{(amount * factor).normalize():f}")


def yuan_and_jiao(c: Choices) -> DetailCase:
    """ "12块5", "三块五毛", "2元5角", "5毛钱": yuan and tenths as said, in digits or characters."""
    yuan, jiao = c.randint(0, 999), c.randint(1, 9)

    def said(n: int) -> str:
        return cn2an.an2cn(n) if c.randint(0, 1) else str(n)

    if yuan == 0:
        text = f"{said(jiao)}{c.choice(['毛', '毛钱', '角'])}"
    else:
        unit, tenth = c.choice([("块", ""), ("块", "毛"), ("块钱", ""), ("元", "角")])
        text = f"{said(yuan)}{unit}{said(jiao)}{tenth}"
    expected = Decimal(yuan) + Decimal(jiao) / 10
    return DetailCase("yuan_and_jiao", "amount", text, f"{expected.normalize():f}")


ONES = [
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def english_words(n: int) -> str:
    """1..999 in words, as people write them ("one hundred and twenty", "forty-five")."""
    hundreds, rest = divmod(n, 100)
    words = [f"{ONES[hundreds - 1]} hundred"] if hundreds else []
    if rest:
        if hundreds and rest:
            words.append("and")
        if rest < 20:
            words.append(ONES[rest - 1])
        else:
            tens, ones = divmod(rest, 10)
            words.append(TENS[tens - 2] + (f"-{ONES[ones - 1]}" if ones else ""))
    return " ".join(words)


def english_amount(c: Choices) -> DetailCase:
    """ "fifty bucks", "two hundred usdt", "i paid one hundred and twenty dollars": an amount in
    English words, 20 to 999, with its currency."""
    n = c.randint(20, 999)
    unit = c.choice(["dollars", "bucks", "usd", "usdt", "euros"])
    text = f"{c.choice(['', 'i paid ', 'about ', 'it was '])}{english_words(n)} {unit}"
    return DetailCase("english_amount", "amount", text, str(n))


# How people name an order or transaction id, glued to it or not ("订单号123456789").
ZH_REFERENCE_NAMES = ["订单号", "订单号是", "订单号：", "交易号", "交易号为", "单号 ", "流水号"]
EN_REFERENCE_NAMES = ["order number ", "my order number is ", "order #", "transaction id: ", "ref "]


def named_reference(c: Choices) -> DetailCase:
    """ "订单号123456789", "交易号为TX88812345", "my order number is 88812345": 6 to 20 letters and
    digits, at least one a digit, perhaps after a few capital letters."""
    digits = "".join(str(c.randint(0, 9)) for _ in range(c.randint(6, 16)))
    letters = "".join(chr(ord("A") + c.randint(0, 25)) for _ in range(c.choice([0, 0, 1, 2, 3])))
    found = f"{letters}{digits}"
    names = ZH_REFERENCE_NAMES if c.randint(0, 1) else EN_REFERENCE_NAMES
    return DetailCase("named_reference", "reference", f"{c.choice(names)}{found}", found)


GENERATORS: dict[str, Callable[[Choices], DetailCase]] = {
    "zh_time": zh_time,
    "en_time": en_time,
    "en_said_time": en_said_time,
    "zh_clock_minutes": zh_clock_minutes,
    "zh_weekday": zh_weekday,
    "zh_date": zh_date,
    "magnitude_amount": magnitude_amount,
    "zh_elapsed": zh_elapsed,
    "named_reference": named_reference,
    "yuan_and_jiao": yuan_and_jiao,
    "english_amount": english_amount,
}


@st.composite
def detail_cases(draw: st.DrawFn, kind: str) -> DetailCase:
    return GENERATORS[kind](DrawChoices(draw))


def read_right(case: DetailCase, value: str | None) -> bool:
    """Whether the parser's value says what the case means."""
    if value is None:
        return False
    if case.field == "amount":
        return Decimal(value.split()[0]) == Decimal(case.expected)
    return value == case.expected


@dataclass(frozen=True)
class UnaskedCase:
    """Facts a user gives unasked after an answer, several in one message, with what each means."""

    lang: str
    text: str
    expected: dict[str, str]  # field -> meaning (an amount's number and currency: "2000 CNY")
    now: datetime = NOW


# A bare number after a verb of moving money has no currency: the user left it implicit.
ZH_AMOUNT_FORMS = [
    ("{n}元", "CNY"),
    ("{n}块", "CNY"),
    ("¥{n}", "CNY"),
    ("{n} USDT", "USDT"),
    ("转了{n}", None),
    ("充值了{n}", None),
    ("提现 {n}", None),
]
EN_AMOUNT_FORMS = [
    ("${n}", "USD"),
    ("{n} usd", "USD"),
    ("€{n}", "EUR"),
    ("{n} USDT", "USDT"),
    ("sent {n}", None),
    ("paid {n}", None),
]
ZH_LINKS = ["，", " ", "，转了", "，扣了", "，充了"]
EN_LINKS = [", ", " ", ", paid ", ", sent "]


def unasked(c: Choices) -> UnaskedCase:
    """ "昨天下午三点，转了1500元，卡尾号1234", "card ending 4242, 3pm yesterday, paid $45.99":
    a time and an amount in either order, perhaps a card's last four digits before or after."""
    zh = c.randint(0, 1) == 1
    when = zh_time(c) if zh else en_time(c)
    number = Decimal(c.randint(1, 99999)) / (100 if c.randint(0, 1) else 1)
    form, currency = c.choice(ZH_AMOUNT_FORMS if zh else EN_AMOUNT_FORMS)
    # Thousands grouped by a comma, by a space ("3 000"), or not at all.
    grouped = c.choice([f"{number:,}", f"{number:,}".replace(",", " "), f"{number}"])
    amount = form.format(n=grouped)
    # "，转了" before "转了500" would say the verb twice.
    link = c.choice(
        (ZH_LINKS if zh else EN_LINKS)[:2] if currency is None else (ZH_LINKS if zh else EN_LINKS)
    )
    parts = [when.text, amount] if c.randint(0, 1) else [amount, when.text]
    text = f"{parts[0]}{link}{parts[1]}"
    value = f"{number.normalize():f}"
    expected = {"when": when.expected, "amount": f"{value} {currency}" if currency else value}
    if c.randint(0, 1):
        last4 = f"{c.randint(0, 9999):04d}"
        card = f"卡尾号{last4}" if zh else f"card ending {last4}"
        # before the other facts too: "card ending 4242, $45.99" (4242 had been read as dollars)
        text = (
            f"{card}{'，' if zh else ', '}{text}"
            if c.randint(0, 1)
            else f"{text}{'，' if zh else ', '}{card}"
        )
        expected["method"] = f"bank card ••••{last4}"
    return UnaskedCase("zh" if zh else "en", text, expected)


@st.composite
def unasked_cases(draw: st.DrawFn) -> UnaskedCase:
    return unasked(DrawChoices(draw))
