"""create_app(settings): the only way to build the service. Nothing is built at import."""

from __future__ import annotations

import gc
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import APIRouter, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from walletbot import __version__
from walletbot.batching import Batcher
from walletbot.brain.engine import Engine
from walletbot.brain.policy import Thresholds
from walletbot.chat.routes import router as chat_router
from walletbot.config import Settings
from walletbot.conversations.language import router as language_router
from walletbot.conversations.routes import router as conversations_router
from walletbot.engine_slot import EngineSlot
from walletbot.errors import WalletbotError
from walletbot.handoff.follow_routes import follow_router, typing_router
from walletbot.handoff.routes import agent_router, ticket_router
from walletbot.handoff.runtime import HandoffRuntime
from walletbot.middleware import BodySizeLimit
from walletbot.ops.admin import router as admin_router
from walletbot.ops.metrics import Metrics
from walletbot.ops.observe import RequestObserver
from walletbot.ops.routes import router as ops_router
from walletbot.ratelimit import build_limiter
from walletbot.security_headers import install as install_security_headers
from walletbot.storage.db import Database
from walletbot.warm_up import start_compiling, warm_engine
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
    metrics = Metrics(lambda: slot.reloads, database.commit_counts, batcher.counts)
    rate_limiter = build_limiter(settings)

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
        # Everything built so far (imports, the model) lives as long as the process: move it out of
        # the collector's reach, or each full collection re-scans ~200k objects (140 ms here), a
        # pause every request in flight waits for. A later reload's objects are collected normally.
        gc.freeze()
        try:
            yield
        finally:
            await handoff.stop()
            await rate_limiter.aclose()

    app = FastAPI(
        title="walletbot",
        version=__version__,
        summary="Bilingual customer-support chatbot for digital-wallet apps.",
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.engine_slot = slot
    app.state.batcher = batcher
    app.state.database = database
    app.state.handoff = handoff
    app.state.rate_limiter = rate_limiter
    app.state.metrics = metrics
    app.add_middleware(BodySizeLimit, max_bytes=settings.max_body_bytes)
    # request id, access log, HTTP metrics
    app.add_middleware(RequestObserver, metrics=metrics, access_log=settings.access_log)
    install_security_headers(app, settings)  # outermost: CORS, security headers
    _install_error_handlers(app)
    _add_routes(
        app,
        # Busiest first: routes are tried in order.
        chat_router,
        conversations_router,
        ops_router,
        agent_router,
        ticket_router,
        follow_router,
        typing_router,
        language_router,
        admin_router,
        web_router,
    )
    app.mount("/static", static_files(), name="static")
    return app


def _add_routes(app: FastAPI, *routers: APIRouter) -> None:
    """The routers' routes on the app's own router, as they are: their prefixes, tags and
    dependencies are already in each route, and nothing is added at inclusion.

    Not `include_router`: FastAPI 0.165 keeps an included router as one lazy entry, walked on
    every request (its routes' version, then each route matched twice, to choose the router and
    again inside it). With the ops router in front, that cost a chat request ~130k instructions,
    a sixth of its web stack (benchmarks/README.md, "HTTP"); a route on the app's own router is
    matched once, and built when it is declared (nothing is left to build on a first request)."""
    for router in routers:
        app.router.routes.extend(router.routes)


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(WalletbotError)
    async def walletbot_error(_: Request, exc: WalletbotError) -> JSONResponse:
        return JSONResponse(exc.body(), status_code=exc.status_code, headers=exc.headers)

    @app.exception_handler(RequestValidationError)
    async def validation_error(_: Request, exc: RequestValidationError) -> JSONResponse:
        errors = exc.errors()
        if any(e.get("type") == "json_invalid" for e in errors):
            invalid = {"error": {"code": "invalid_json", "message": "the body is not valid JSON"}}
            return JSONResponse(invalid, status_code=400)
        fields: list[dict[str, Any]] = [
            {
                "field": ".".join(str(p) for p in e["loc"] if p != "body") or "body",
                "message": e["msg"],
                "type": e["type"],
            }
            for e in errors
        ]
        names = ", ".join(f["field"] for f in fields)
        body: dict[str, Any] = {
            "error": {
                "code": "invalid_request",
                "message": f"invalid field(s): {names}",
                "details": {"fields": fields},
            }
        }
        return JSONResponse(body, status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code, "http_error")
        return JSONResponse(
            {"error": {"code": code, "message": str(exc.detail)}},
            status_code=exc.status_code,
            headers=getattr(exc, "headers", None),
        )
