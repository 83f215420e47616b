"""Service hours: whether a hand-off can reach a person now, or must become a ticket."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


@dataclass(frozen=True)
class SupportHours:
    days: frozenset[int]  # 0 = Monday
    opens: time
    closes: time | None  # None: until midnight ("24:00")
    zone: ZoneInfo

    @classmethod
    def parse(cls, hours: str, days: str, timezone: str) -> SupportHours:
        """`hours` like "09:00-21:00" ("00:00-24:00" = all day); `days` like "mon,tue" or
        "mon-fri"; `timezone` an IANA name such as "Asia/Shanghai"."""
        try:
            start, end = (part.strip() for part in hours.split("-"))
            opens = time.fromisoformat(start)
            closes = None if end == "24:00" else time.fromisoformat(end)
        except ValueError:
            raise ValueError(f"support hours {hours!r} are not HH:MM-HH:MM") from None
        return cls(_parse_days(days), opens, closes, ZoneInfo(timezone))

    def open_at(self, moment: datetime) -> bool:
        local = moment.astimezone(self.zone)
        if local.weekday() not in self.days:
            return False
        now = local.time().replace(tzinfo=None)
        return now >= self.opens and (self.closes is None or now < self.closes)

    def next_opening(self, moment: datetime) -> datetime | None:
        """When support next opens, in its time zone; None while it is open (or never opens).
        Tells a user with a ticket outside the hours when a person can pick it up."""
        if self.open_at(moment):
            return None
        local = moment.astimezone(self.zone)
        for days_ahead in range(8):
            day = local.date() + timedelta(days=days_ahead)
            opening = datetime.combine(day, self.opens, tzinfo=self.zone)
            if day.weekday() in self.days and opening > local:
                return opening
        return None


def _parse_days(spec: str) -> frozenset[int]:
    chosen: set[int] = set()
    for part in (p.strip().lower() for p in spec.split(",") if p.strip()):
        first, _, last = part.partition("-")
        if first not in DAYS or (last and last not in DAYS):
            raise ValueError(f"support day {part!r} is not one of {', '.join(DAYS)}")
        a, b = DAYS.index(first), DAYS.index(last or first)
        chosen.update(range(a, b + 1) if a <= b else [*range(a, 7), *range(0, b + 1)])
    return frozenset(chosen)
