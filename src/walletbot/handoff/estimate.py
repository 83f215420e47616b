"""Estimated wait for a queue position, from how long recent users waited to be claimed."""

from __future__ import annotations

from statistics import median


def estimated_wait(
    position: int, recent_waits: list[float], active_agents: int, default_seconds: float
) -> float:
    """Median claim-wait of recent conversations (or the configured default when there is no
    history yet) per place in the queue, shared among the agents on duty.

    A heuristic, documented as such: it falls as the queue moves and rises with fewer agents.
    """
    per_place = median(recent_waits) if recent_waits else default_seconds
    per_place = max(per_place, 30.0)  # a handful of instant claims must not promise "0 min"
    return round(per_place * position / max(active_agents, 1), 1)
