"""English clock times as said, rewritten for dateparser (dialogue/clock_words.py)."""

import pytest

from walletbot.dialogue.clock_words import english_clock


@pytest.mark.parametrize(
    ("said", "read"),
    [
        ("eleven thirty this morning", "11:30 this morning"),
        ("two forty-five yesterday afternoon", "14:45 yesterday afternoon"),
        ("half past 4 pm", "16:30"),
        ("quarter to one pm", "12:45"),
        ("quarter to one in the afternoon", "12:45"),
        ("ten past two last night", "02:10 last night"),  # 2 at night is after midnight
        ("twenty after nine last night", "21:20 last night"),
        ("3 o'clock yesterday afternoon", "15:00 yesterday afternoon"),
        ("yesterday afternoon at three", "yesterday afternoon at 15:00"),
        ("around 7 in the evening", "around 19:00"),
        ("at 12:30 am", "at 00:30"),
        ("by 09:30, yesterday", "by 09:30, yesterday"),  # the zero: 24-hour
        ("11:58 pm right before midnight", "23:58 right before midnight"),
        ("an hour and a half ago", "90 minutes ago"),
    ],
)
def test_clock_times_become_24_hour(said: str, read: str) -> None:
    assert english_clock(said) == read


@pytest.mark.parametrize(
    "text",
    [
        "around 200 usdt yesterday",  # an amount after a preposition
        "at 3 I tried again",  # what follows is not about the day
        "between 2 and 3 yesterday",
        "about 2 hours ago",
        "昨天下午三点",  # Chinese is read elsewhere
    ],
)
def test_other_numbers_are_not_clock_times(text: str) -> None:
    assert ":" not in english_clock(text)


@pytest.mark.parametrize(
    ("said", "read"),
    [
        ("yesterday at 3", "yesterday at "),
        ("yesterday, ten to six", "yesterday, "),
        ("around 7 on thursday", "around  on thursday"),
        ("at 9:30", "at "),
    ],
)
def test_an_hour_nothing_places_is_dropped(said: str, read: str) -> None:
    # Morning or evening? The day stays; an hour would be a guess taken for fact.
    assert english_clock(said) == read
