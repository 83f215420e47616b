"""Agent API keys from configuration: parsed once at start-up, kept only as SHA-256 digests."""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from typing import Literal

Role = Literal["agent", "admin"]


@dataclass(frozen=True)
class Agent:
    name: str
    role: Role

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"


class AgentDirectory:
    def __init__(self, entries: list[tuple[Agent, bytes]]) -> None:
        self._entries = entries

    @classmethod
    def parse(cls, spec: str) -> AgentDirectory:
        """`name:role:key,name:role:key`; raises ValueError naming the entry (never the key)."""
        entries: list[tuple[Agent, bytes]] = []
        for index, raw in enumerate(part.strip() for part in spec.split(",")):
            if not raw:
                continue
            fields = raw.split(":", 2)
            if len(fields) != 3 or not fields[0] or not fields[2]:
                raise ValueError(f"agent key entry {index} is not name:role:key")
            name, role, key = fields
            if role not in ("agent", "admin"):
                raise ValueError(f"agent key entry {index} ({name}): role must be agent or admin")
            entries.append((Agent(name, role), _digest(key)))  # type: ignore[arg-type]
        return cls(entries)

    def __len__(self) -> int:
        return len(self._entries)

    def authenticate(self, key: str) -> Agent | None:
        """Compare against every digest in constant time, so timing reveals nothing."""
        presented = _digest(key)
        found: Agent | None = None
        for agent, digest in self._entries:
            if hmac.compare_digest(presented, digest):
                found = agent
        return found


def _digest(key: str) -> bytes:
    return hashlib.sha256(key.encode()).digest()
