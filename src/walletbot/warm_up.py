"""Pay the one-off costs of the first requests at start-up, not on the loop while serving.

Routes: FastAPI (0.16x) builds a router's routes (their parameter and response validators, a
pydantic TypeAdapter each) the first time a request is matched through that router: CPU on the
event loop, which every request in flight waits for (66 ms for the admin router's first request,
even one refused with 401). It showed as the one slow request of a FAQ reload
(benchmarks/reload_stall.py). Routing one request that matches no route walks every router, so
all are built at start-up.

The engine: its first Chinese message builds the traditional-to-simplified converter (OpenCC
loads its dictionaries: 11-12 ms on this machine, against about 0.5 ms for a warm decision), and
every request in flight would wait for it. Deciding one question of each language from the FAQ
at start-up builds it, and anything else a first decision builds, before the first user comes.
"""

from __future__ import annotations

import contextlib
from typing import Any

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message

from walletbot.brain.engine import Engine
from walletbot.brain.text import LANGS

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


def warm_engine(engine: Engine) -> None:
    """Decide the FAQ's first question in each language (the answers are thrown away)."""
    for lang in LANGS:
        engine.decide(engine.kb.faqs[0].questions.get(lang)[0])
