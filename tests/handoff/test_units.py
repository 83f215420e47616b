"""Pure parts of the hand-off: agent keys, service hours, wait estimates."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

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
