"""The app's lifespan: what runs before the first request and after the last, for the state
`create_app` built (app_state.py). Start-up trains (or takes) the engine and warms it, applies
pending migrations (WALLETBOT_MIGRATE_ON_START), starts the PostgreSQL listener and the queue
worker; shutdown ends the event streams, stops the worker and the listener, and closes the
database and the rate-limit store."""

from __future__ import annotations

import asyncio
import gc
import logging
import signal
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from types import FrameType

from fastapi import FastAPI

from walletbot.app_state import AppState
from walletbot.serving.warm_up import start_compiling, warm_engine

log = logging.getLogger("walletbot")


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    state = AppState.of(app)
    start_compiling()
    slot = state.engine_slot
    if not slot.ready:
        loaded = await slot.load()
        log.info(
            "model ready",
            extra={"faqs": len(loaded.kb.faqs), "train_seconds": loaded.trained_seconds},
        )
    await warm_engine(slot.engine)  # before serving: a first Chinese message cost 12 ms more
    if state.settings.migrate_on_start:
        await state.database.migrate()
    if state.listener is not None:
        await state.listener.start()
    worker = asyncio.create_task(state.worker.run(), name="walletbot-queue-worker")
    _chain_exit_signals(state)
    # FastAPI builds an included router's routes (their validators) on the first request
    # through it, on the loop (66 ms for the admin router's); generating the OpenAPI
    # document builds them all now, and /openapi.json then serves the cached document.
    app.openapi()
    # Everything built so far (imports, the model) lives as long as the process: move it out of
    # the collector's reach, or each full collection re-scans ~200k objects (140 ms here), a
    # pause every request in flight waits for. A later reload's objects are collected normally.
    gc.freeze()
    try:
        yield
    finally:
        state.begin_shutdown()
        state.worker.stop()
        await worker
        if state.listener is not None:
            await state.listener.stop()
        await state.database.dispose()
        await state.rate_limits.limiter.aclose()


def _chain_exit_signals(state: AppState) -> None:
    """Servers wait for open responses before shutting the app down, and an event stream never
    ends by itself: end the streams on SIGINT/SIGTERM, then let the server's own handler run."""
    if threading.current_thread() is not threading.main_thread():
        return
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        previous = signal.getsignal(sig)
        if not callable(previous):
            continue

        def handler(signum: int, frame: FrameType | None, previous=previous) -> None:  # type: ignore[no-untyped-def]
            loop.call_soon_threadsafe(state.begin_shutdown)
            previous(signum, frame)

        signal.signal(sig, handler)
