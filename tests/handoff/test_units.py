"""Pure parts of the hand-off: agent keys, service hours, wait estimates."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from walletbot.handoff import notices
from walletbot.handoff.agents import AgentDirectory
from walletbot.handoff.estimate import estimated_wait
from walletbot.handoff.hours import SupportHours


def test_agent_keys_are_parsed_and_kept_hashed() -> None:
    directory = AgentDirectory.parse("alice:agent:k-alice-123, root:admin:k-root-456")
    assert len(directory) == 2
    alice = directory.authenticate("k-alice-123")
    assert alice is not None and (alice.name, alice.role, alice.is_admin) == (
        "alice",
        "agent",
        False,
    )
    assert directory.authenticate("k-root-456").is_admin  # type: ignore[union-attr]
    assert directory.authenticate("nope") is None
    assert "k-alice-123" not in repr(directory._entries)


@pytest.mark.parametrize("spec", ["alice:agent", "alice:boss:key", ":agent:key"])
def test_malformed_agent_keys_are_refused_without_echoing_the_key(spec: str) -> None:
    with pytest.raises(ValueError) as error:
        AgentDirectory.parse(spec)
    assert "key" not in str(error.value).replace("key entry", "").replace("name:role:key", "")


def test_service_hours_in_their_time_zone() -> None:
    hours = SupportHours.parse("09:00-18:00", "mon-fri", "Asia/Shanghai")
    monday_10_shanghai = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)
    assert hours.open_at(monday_10_shanghai)
    assert not hours.open_at(datetime(2026, 11, 23, 11, 0, tzinfo=UTC))  # 19:00 there
    assert not hours.open_at(datetime(2026, 11, 28, 2, 0, tzinfo=UTC))  # Saturday
    always = SupportHours.parse("00:00-24:00", "mon,tue,wed,thu,fri,sat,sun", "UTC")
    assert always.open_at(datetime(2026, 11, 29, 23, 59, tzinfo=UTC))
    assert SupportHours.parse("00:00-24:00", "sat-mon", "UTC").days == frozenset({5, 6, 0})


def test_the_next_opening_is_told_in_the_support_time_zone() -> None:
    hours = SupportHours.parse("09:00-18:00", "mon-fri", "Asia/Shanghai")
    assert hours.next_opening(datetime(2026, 11, 23, 2, 0, tzinfo=UTC)) is None  # open now
    # Monday 19:00 in Shanghai: Tuesday 09:00 there.
    tuesday = hours.next_opening(datetime(2026, 11, 23, 11, 0, tzinfo=UTC))
    assert tuesday is not None and tuesday.isoformat() == "2026-11-24T09:00:00+08:00"
    # Friday 20:00: Monday 09:00; Monday 07:00: the same day.
    monday = hours.next_opening(datetime(2026, 11, 27, 12, 0, tzinfo=UTC))
    assert monday is not None and monday.isoformat() == "2026-11-30T09:00:00+08:00"
    early = hours.next_opening(datetime(2026, 11, 29, 23, 0, tzinfo=UTC))
    assert early is not None and early.isoformat() == "2026-11-30T09:00:00+08:00"


def test_a_ticket_outside_the_hours_says_when_agents_are_back() -> None:
    opening = SupportHours.parse("09:00-18:00", "mon-fri", "Asia/Shanghai").next_opening(
        datetime(2026, 11, 27, 12, 0, tzinfo=UTC)
    )
    assert opening is not None
    assert notices.ticket_opened("zh", "WB-1", opening).endswith(
        "人工客服将于 11月30日 09:00（UTC+8）上线。"
    )
    assert notices.added_to_ticket("en", "WB-1", opening).endswith(
        "Agents are back at 09:00 on Mon 30 Nov (UTC+8)."
    )
    assert "上线。" not in notices.added_to_ticket("zh", "WB-1")  # within the hours: nothing


@pytest.mark.parametrize("bad", [("9-17", "mon"), ("09:00-18:00", "funday")])
def test_bad_service_hours_are_refused(bad: tuple[str, str]) -> None:
    with pytest.raises(ValueError):
        SupportHours.parse(bad[0], bad[1], "UTC")


def test_wait_estimate_falls_with_position_and_rises_with_fewer_agents() -> None:
    waits = [60.0, 120.0, 90.0]
    assert estimated_wait(1, waits, 1, 180) == 90.0
    assert estimated_wait(3, waits, 1, 180) == 270.0
    assert estimated_wait(3, waits, 3, 180) == 90.0
    assert estimated_wait(2, [], 0, 180) == 360.0  # documented default without history
