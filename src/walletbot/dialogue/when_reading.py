"""When something happened, read from what users write: "昨天下午三点", "前天", "上周五", "3pm
yesterday", "eleven thirty this morning", "两个小时前", "三天了还没到".

dateparser reads the plain forms; what it misreads is rewritten first into what it reads: English
clocks as said (clock_words.py), Chinese clocks and numerals (cn2an takes 点 for a decimal point),
the time of day ("下午3点" -> 15:00, "昨晚" -> yesterday 20:00, as dateparser's "last night"),
weekdays ("上周五": the Friday of last week, weeks starting on Monday), dates with a dot ("11.30"),
a day of the month alone ("3号", "on the 5th"), 两 for two, elapsed times ("等了两个小时了"), and
hedges dropped ("大概", "左右", "around"). When dateparser cannot read the whole, the day words,
dates (slashes included) and clock times are read alone, so "12/3" is not lost to today. The value
is as precise as the words: a day ("2026-12-05"), a time ("2026-12-05T15:00"), a month ("2026-11").
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

import cn2an
from dateparser.date import DateData, DateDataParser

from walletbot.brain.text import to_simplified
from walletbot.dialogue.chinese_numerals import as_digits
from walletbot.dialogue.clock_words import english_clock

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
TWO_OCLOCK = re.compile(r"两(?=点|時|时|个|小时|分)")
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


def elapsed_as_ago(text: str) -> str:
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
HEDGES = re.compile(
    r"大概|大约|差不多|左右|估计|应该是|好像是?|前后"
    r"|\b(?:around|about|approximately|roughly|maybe|probably|sometime|like|i think|i guess)\b"
)
_ZH_JUST_NOW = re.compile(r"刚才|刚刚|刚|就在刚才|just now|a moment ago")


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


def read_when(text: str, now: datetime) -> str | None:
    """The moment `text` says, as precisely as it says it, or None. `now`: the local time the
    user's "yesterday" is relative to."""
    today = now.date()
    said = to_simplified(text)  # "兩點半", "禮拜五", "上週四"
    readable = _english_days(english_clock(said), today)
    readable = _HOURS_AND_A_HALF_AGO.sub(_hours_and_a_half_ago, readable)
    readable = _ZH_CLOCK_WORDS.sub(_zh_clock_words, readable)
    readable = as_digits(TWO_OCLOCK.sub("2", readable))
    readable = _WEEKS_AGO.sub(lambda m: f"{int(m['weeks']) * 7}天前", readable)
    readable = _MINUTES_TO.sub(_minutes_to, readable)
    readable = HEDGES.sub(" ", _COUNTER.sub("", elapsed_as_ago(readable)))
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
        return now.replace(tzinfo=None).isoformat(timespec="minutes")
    if _WEEK_WORD.search(readable):  # "上周" without a day, "周末": no date to give
        return None
    parser = DateDataParser(languages=["zh", "en"], settings=settings)
    found = parser.get_date_data(readable)
    if found.date_obj is None:
        # "昨天 15:00 转的账": keep the words dateparser reads (a day word, a date, a time).
        # A date written with slashes stays: without it the time would land on today.
        kept = " ".join(_WHEN_WORDS.findall(readable))
        found = parser.get_date_data(kept) if kept else found
    return _as_said(found)


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
