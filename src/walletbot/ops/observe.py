"""Per-request bookkeeping as pure ASGI middleware: the request id (accepted from `X-Request-ID`
or generated, echoed in the response), the access log line (unless switched off) and the HTTP
metrics.

Routes are labelled by their template (`/v1/conversations/{conversation_id}`), never by the raw
path, so neither the logs nor the metrics grow with every conversation id.
"""

from __future__ import annotations

import logging
import os
import re
import time

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from walletbot.http.middleware import route_template
from walletbot.ops.logs import request_id
from walletbot.ops.metrics import Metrics

log = logging.getLogger("walletbot.access")
ACCEPTED_ID = re.compile(r"[A-Za-z0-9._:-]{1,128}")
# The method is the client's to choose: any other token is labelled "OTHER", so a client cannot
# grow the metrics (one series per label value) without bound.
METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})


class RequestObserver:
    def __init__(self, app: ASGIApp, metrics: Metrics, *, access_log: bool = True) -> None:
        self.app = app
        self.metrics = metrics
        self.access_log = access_log

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        offered = dict(scope["headers"]).get(b"x-request-id", b"").decode("latin-1")
        # 32 random hex digits, as uuid4().hex gives, without building a UUID object.
        rid = offered if ACCEPTED_ID.fullmatch(offered) else os.urandom(16).hex()
        token = request_id.set(rid)
        started = time.perf_counter()
        status = 500

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message["headers"] = [*message.get("headers", []), (b"x-request-id", rid.encode())]
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            duration = time.perf_counter() - started
            route = route_template(scope)
            method = scope["method"] if scope["method"] in METHODS else "OTHER"
            self.metrics.observe_request(method, route, status, duration)
            if self.access_log and log.isEnabledFor(logging.INFO):
                log.info(
                    "%s %s %s",
                    method,
                    route,
                    status,
                    extra={
                        "request_id": rid,
                        "method": method,
                        "route": route,
                        "status": status,
                        "duration_ms": round(duration * 1000, 1),
                    },
                )
            request_id.reset(token)
