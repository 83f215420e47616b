"""Clock times as people say them in English, rewritten as the 24-hour "HH:MM" dateparser reads.

dateparser reads "3pm yesterday" and "11:30 this morning", but not the way times are said:
"eleven thirty this morning" came back as 09:00 (the morning's default hour), "this morning
around ten" and "half past four yesterday" as the current time, "friday at 5" as the 7th of
May. Here the numbers in words become digits (text2num, every number, as only a time is asked
for), then:

- "11 30", "two forty-five": hour and minutes;
- "half past 4", "quarter to 5", "10 past 2", "20 after 3": minutes past or to the hour;
- "3 o'clock";
- "at 3", "around 10", "by 9:30": an hour after a preposition, and nothing after it but the
  end, punctuation or more words about the day ("at 3 yesterday");

- "2:30pm", "11:58 pm" typed (dateparser leaves the "pm" when more words follow);

each becomes "HH:MM", on the afternoon's or evening's clock when the message says so ("this
afternoon at 3" is 15:00, "last night around 11" 23:00), or when "pm" follows. An hour of 1 to
11 with nothing to tell morning from evening ("yesterday at 3", "ten to six", "at 9:30") is
dropped, as the Chinese "昨天三点" is: the day stays, and an hour would be a guess an agent takes
for fact. An hour written with its zero ("09:30") is on the 24-hour clock already. "an hour and
a half ago" becomes "90 minutes ago".
"""

from __future__ import annotations

import re

from text_to_num import alpha2digit

_LATIN = re.compile(r"[A-Za-z]")
_HOUR = r"(?P<hour>1[0-2]|0?[1-9])(?!\d)"
_AM_PM = r"(?:\s*(?P<ampm>[ap]\.?m\.?)(?![a-z]))?"
# What may follow an hour said after a preposition: the end, punctuation, or words about the day.
_DAY_WORDS = (
    r"(?=\s*(?:$|[,.!?;)]|in\s+the\b|this\b|last\b|yesterday\b|today\b|tonight\b|on\b"
    r"|and\b|or\b|(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|[ap]\.?m\b))"
)
_TO_OR_PAST = re.compile(
    r"\b(?P<minutes>half|quarter|[1-5]?\d)(?:\s+minutes?)?\s+(?P<way>past|after|to|till)\s+"
    + _HOUR
    + r"(?!\d)(?:\s*o'?clock)?"
    + _AM_PM,
    re.IGNORECASE,
)
_HOUR_AND_MINUTES = re.compile(
    r"\b" + _HOUR + r"(?:\s+(?P<minutes>[0-5]\d)|\s*o'?clock)(?![\d:])" + _AM_PM, re.IGNORECASE
)
_AFTER_PREPOSITION = re.compile(
    r"\b(?P<lead>at|around|about|roughly|approximately|by)\s+"
    + _HOUR
    + r"(?::(?P<minutes>[0-5]\d))?(?![\d:.,]\d)"
    + r"(?:\s*(?P<ampm>[ap]\.?m\.?)(?![a-z])|"
    + _DAY_WORDS
    + ")",
    re.IGNORECASE,
)
# Typed: "2:30pm", "11:58 pm" (dateparser reads "11:58" and leaves "pm" when words follow), or
# "9:30" with nothing to place it.
_TYPED = re.compile(
    r"(?<![\d:\x00])" + _HOUR + r":(?P<minutes>[0-5]\d)(?![\d:])" + _AM_PM, re.IGNORECASE
)
# "an hour and a half ago", "2 hours and a half ago": dateparser reads no half.
_AND_A_HALF_AGO = re.compile(
    r"\b(?P<hours>\d+|an?)\s+hours?\s+and\s+a\s+half\s+ago\b", re.IGNORECASE
)
_DAY_PART = re.compile(r"\b(morning|afternoon|evening|night|tonight)\b", re.IGNORECASE)
_MINUTES = {"half": 30, "quarter": 15}
# Marks a clock already rewritten, so no later pass reads "10:00" (from "around 10am") again as a
# typed time with nothing to place it.
_DONE = "\x00"
_IN_THE_PART = re.compile(r"\s*\b(?:in\s+the\s+(?:morning|afternoon|evening)|at\s+night)\b", re.I)
_CLOCK = re.compile(r"\b\d{2}:\d{2}\b")


def english_clock(text: str) -> str:
    """`text` with each clock time said in English as "HH:MM" (other words untouched)."""
    if not _LATIN.search(text):
        return text
    text = alpha2digit(text, "en", threshold=0)
    text = _AND_A_HALF_AGO.sub(lambda m: f"{_hours(m['hours']) * 60 + 30} minutes ago", text)
    found = _DAY_PART.search(text)
    part = found.group(1).lower() if found else None
    text = _TO_OR_PAST.sub(lambda m: _to_or_past(m, part), text)
    text = _HOUR_AND_MINUTES.sub(lambda m: _clock(m, int(m["minutes"] or 0), part), text)
    text = _AFTER_PREPOSITION.sub(
        lambda m: f"{m['lead']} {_clock(m, int(m['minutes'] or 0), part)}", text
    )
    text = _TYPED.sub(lambda m: _clock(m, int(m["minutes"]), part), text).replace(_DONE, "")
    # The clock now says it ("15:00 in the afternoon"); dateparser reads the phrase as no date.
    return _IN_THE_PART.sub("", text) if _CLOCK.search(text) else text


def _to_or_past(m: re.Match[str], part: str | None) -> str:
    minutes = _MINUTES.get(m["minutes"].lower()) or int(m["minutes"])
    if minutes >= 60:
        return m[0]
    if m["way"].lower() in ("to", "till"):  # "quarter to 5" is 4:45
        return _clock(m, 60 - minutes, part, hour_offset=-1)
    return _clock(m, minutes, part)


def _hours(said: str) -> int:
    return int(said) if said.isdigit() else 1


def _clock(m: re.Match[str], minutes: int, part: str | None, hour_offset: int = 0) -> str:
    """ "HH:MM" on the 24-hour clock, or nothing for an hour of 1 to 11 said with nothing to tell
    morning from evening ("yesterday at 3", "ten to six"): the day stays, an hour would be a guess.
    An hour written with its zero ("09:30") is already on the 24-hour clock."""
    ampm = (m["ampm"] or "").lower().replace(".", "")
    said = m["hour"]
    if not ampm and part is None and not said.startswith("0") and int(said) + hour_offset < 12:
        return ""
    if said.startswith("0") and not ampm:
        return f"{_DONE}{int(said) + hour_offset:02d}:{minutes:02d}"
    hour = (int(said) + hour_offset) % 12 or 12
    if ampm == "pm" or (not ampm and _later_in_the_day(hour, part)):
        hour = hour % 12 + 12
    elif ampm == "am" and hour == 12:
        hour = 0
    return f"{_DONE}{hour:02d}:{minutes:02d}"


def _later_in_the_day(hour: int, part: str | None) -> bool:
    """An hour on the afternoon's or evening's clock: "afternoon at 3", "evening around 7", "last
    night at 11" (but "last night at 2" is 02:00, and "12 at night" stays as said)."""
    if part == "afternoon":
        return hour < 12
    return part in ("evening", "night", "tonight") and 5 <= hour < 12
