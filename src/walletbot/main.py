"""create_app(settings): the only way to build the service. Nothing is built at import."""

from __future__ import annotations

import gc
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from walletbot import __version__
from walletbot.brain.engine import Engine
from walletbot.brain.policy import Thresholds
from walletbot.chat.routes import build_router as chat_router
from walletbot.config import Settings
from walletbot.conversations.language import router as language_router
from walletbot.conversations.routes import build_router as conversations_router
from walletbot.deps import Serving
from walletbot.handoff.follow_routes import follow_router, typing_router
from walletbot.handoff.routes import build_routers as handoff_routers
from walletbot.handoff.runtime import HandoffRuntime
from walletbot.http import error_handlers, ratelimit
from walletbot.http.middleware import RequestGuard, UnexpectedErrors
from walletbot.http.ratelimit import RateLimits, build_limiter
from walletbot.http.security_headers import install as install_security_headers
from walletbot.ops.admin import router as admin_router
from walletbot.ops.metrics import Metrics
from walletbot.ops.observe import RequestObserver
from walletbot.ops.routes import router as ops_router
from walletbot.serving.batching import Batcher
from walletbot.serving.engine_slot import EngineSlot
from walletbot.serving.warm_up import start_compiling, warm_engine
from walletbot.storage.db import Database
from walletbot.web.routes import router as web_router
from walletbot.web.routes import static_files

log = logging.getLogger("walletbot")


def thresholds_from(settings: Settings) -> Thresholds:
    return Thresholds(
        answer=settings.answer_threshold,
        clarify=settings.clarify_threshold,
        margin=settings.margin,
    )


def create_app(settings: Settings | None = None, *, engine: Engine | None = None) -> FastAPI:
    """Build the service. Tests may pass an already trained `engine` to skip training."""
    settings = settings or Settings()
    slot = EngineSlot(settings.faq_path, thresholds_from(settings), engine)
    database = Database(
        settings.database_url,
        schema=settings.database_schema,
        sqlite_synchronous=settings.sqlite_synchronous,
    )
    handoff = HandoffRuntime(settings, database)
    batcher = Batcher()
    metrics = Metrics(
        lambda: slot.reloads, database.commit_counts, handoff.streams.counts, batcher.counts
    )
    rate_limits = RateLimits(
        build_limiter(settings.redis_url),
        per_ip=settings.rate_limit_per_ip,
        per_conversation=settings.rate_limit_per_conversation,
        key_failures_per_ip=settings.agent_key_failures_per_ip,
    )

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        start_compiling()
        if not slot.ready:
            loaded = await slot.load()
            log.info(
                "model ready",
                extra={"faqs": len(loaded.kb.faqs), "train_seconds": loaded.trained_seconds},
            )
        await warm_engine(slot.engine)  # before serving: a first Chinese message cost 12 ms more
        await handoff.start()  # applies pending migrations first (WALLETBOT_MIGRATE_ON_START)
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
            await handoff.stop()
            await rate_limits.limiter.aclose()

    app = FastAPI(
        title="walletbot",
        version=__version__,
        summary="Bilingual customer-support chatbot for digital-wallet apps.",
        lifespan=lifespan,
        # Operation ids are the endpoints' names (`send_message`): the OpenAPI links use them.
        generate_unique_id_function=lambda route: route.name,
    )
    app.state.settings = settings
    app.state.engine_slot = slot
    app.state.serving = Serving(slot, batcher)
    app.state.database = database
    app.state.handoff = handoff
    ratelimit.install(app, rate_limits)
    app.state.metrics = metrics
    # Innermost first: the request's size and pace, the last resort for unexpected errors
    # (inside the observer, so its line has the request id), the request observer (request
    # id, access log, HTTP metrics), and outermost CORS and the security headers.
    app.add_middleware(
        RequestGuard,
        max_header_bytes=settings.max_header_bytes,
        max_bytes=settings.max_body_bytes,
        read_timeout=settings.body_read_timeout_seconds,
    )
    app.add_middleware(UnexpectedErrors)
    app.add_middleware(RequestObserver, metrics=metrics, access_log=settings.access_log)
    install_security_headers(app, cors_origins=settings.cors_origins, https=settings.https)
    agent_router, ticket_router = handoff_routers(settings)
    routers = (
        chat_router(settings),
        conversations_router(settings),
        ops_router,
        agent_router,
        ticket_router,
        follow_router,
        typing_router,
        language_router,
        admin_router,
        web_router,
    )
    for router in routers:
        app.include_router(router)
    # The app's own routes (the docs) and the routers' as declared: `Allow` of a 405.
    error_handlers.install(app, [*app.routes, *(r for router in routers for r in router.routes)])
    app.mount("/static", static_files(), name="static")
    return app
