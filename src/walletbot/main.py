"""create_app(settings): the only way to build the service. Nothing is built at import: the
state is built here (app_state.py) and started by the lifespan (lifespan.py)."""

from __future__ import annotations

from fastapi import FastAPI

from walletbot import __version__
from walletbot.app_state import AppState
from walletbot.brain.engine import Engine
from walletbot.chat.routes import build_router as chat_router
from walletbot.conversations.language import router as language_router
from walletbot.conversations.routes import build_router as conversations_router
from walletbot.handoff.follow_routes import follow_router, typing_router
from walletbot.handoff.routes import build_routers as handoff_routers
from walletbot.http import error_handlers, ratelimit
from walletbot.http.middleware import RequestGuard, UnexpectedErrors
from walletbot.http.security_headers import install as install_security_headers
from walletbot.lifespan import lifespan
from walletbot.ops.admin import router as admin_router
from walletbot.ops.observe import RequestObserver
from walletbot.ops.routes import router as ops_router
from walletbot.settings import Settings
from walletbot.web.routes import router as web_router
from walletbot.web.routes import static_files


def create_app(settings: Settings | None = None, *, engine: Engine | None = None) -> FastAPI:
    """Build the service. Tests may pass an already trained `engine` to skip training."""
    settings = settings or Settings()
    state = AppState.build(settings, engine)
    app = FastAPI(
        title="walletbot",
        version=__version__,
        summary="Bilingual customer-support chatbot for digital-wallet apps.",
        lifespan=lifespan,
        # Operation ids are the endpoints' names (`send_message`): the OpenAPI links use them.
        generate_unique_id_function=lambda route: route.name,
    )
    state.install(app)
    ratelimit.install(app, state.rate_limits)
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
    app.add_middleware(RequestObserver, metrics=state.metrics, access_log=settings.access_log)
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
