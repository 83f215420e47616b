"""Holds the running engine and swaps in a new one when the FAQ is reloaded.

Training runs in a child process (training_process.py), so the loop keeps serving and the server
never loads scikit-learn. The swap is a single assignment, so a request sees either the old engine
or the new one, never half of each.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from walletbot.brain.decision_rules import Thresholds
from walletbot.brain.engine import Engine
from walletbot.http.errors import NotReady
from walletbot.serving.training_process import train_in_child


class EngineSlot:
    def __init__(
        self, faq_path: Path, thresholds: Thresholds, engine: Engine | None = None
    ) -> None:
        self.faq_path = faq_path
        self.thresholds = thresholds
        self._engine = engine
        self._reload_lock = asyncio.Lock()
        self.reloads = 0

    @property
    def ready(self) -> bool:
        return self._engine is not None

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            raise NotReady("the model is still loading; try again in a moment")
        return self._engine

    async def load(self) -> Engine:
        """Validate and train from the FAQ file off the loop, then swap. A FaqError leaves the
        running engine serving."""
        async with self._reload_lock:
            engine = await train_in_child(self.faq_path, self.thresholds)
            self._engine = engine
            self.reloads += 1
            return engine
