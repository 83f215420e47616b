"""Holds the running engine and swaps in a new one when the FAQ is reloaded.

Training runs in a child process: the event loop keeps serving (no GIL shared with the fitting),
and scikit-learn, the bulk of a worker's memory, is loaded there and never in the server (the
engine comes back pickled as plain vocabularies and arrays). The swap is a single assignment, so
a request sees either the old engine or the new one, never half of each.
"""

from __future__ import annotations

import asyncio
import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from walletbot.brain.engine import Engine
from walletbot.brain.faq import load_faq
from walletbot.brain.policy import Thresholds
from walletbot.errors import NotReady


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
            engine = await _in_child_process(self.faq_path, self.thresholds)
            self._engine = engine
            self.reloads += 1
            return engine


def build_engine(faq_path: Path, thresholds: Thresholds) -> Engine:
    """Validate the FAQ file and train (what the child process runs)."""
    return Engine.build(load_faq(faq_path), thresholds)


async def _in_child_process(faq_path: Path, thresholds: Thresholds) -> Engine:
    # "spawn": a fresh interpreter, not a fork of a server with open sockets and threads.
    pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))
    try:
        return await asyncio.get_running_loop().run_in_executor(
            pool, build_engine, faq_path, thresholds
        )
    finally:
        await asyncio.to_thread(pool.shutdown)  # joins the child: off the loop
