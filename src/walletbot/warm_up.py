"""Build the routes' validators before serving, not on the loop during the first requests.

FastAPI (0.16x) builds a router's routes (their parameter and response validators, a pydantic
TypeAdapter each) the first time a request is matched through that router: CPU on the event loop,
which every request in flight waits for (66 ms for the admin router's first request, even one
refused with 401). It showed as the one slow request of a FAQ reload (benchmarks/reload_stall.py).
Routing one request that matches no route walks every router, so all are built at start-up.
"""

from __future__ import annotations

import contextlib
from typing import Any

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message

# Matches no route, whatever is added later (no router owns /.well-known).
WARM_UP_PATH = "/.well-known/walletbot-warm-up"


async def build_routes(router: ASGIApp) -> None:
    """Route one GET that matches nothing through `router` (the app's router, below the
    middleware: no metrics, no access log, no rate limit)."""
    scope: dict[str, Any] = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": WARM_UP_PATH,
        "raw_path": WARM_UP_PATH.encode(),
        "root_path": "",
        "query_string": b"",
        "headers": [],
        "client": ("127.0.0.1", 0),
        "server": ("127.0.0.1", 0),
    }

    async def receive() -> Message:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(_: Message) -> None:
        return None

    # The router's own 404 is raised for the app's exception handlers, which are not below it.
    with contextlib.suppress(HTTPException):
        await router(scope, receive, send)
