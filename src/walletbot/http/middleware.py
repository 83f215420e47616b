"""Pure ASGI middleware: guards that hold before any route does work (docs/safety.md, "Abuse").

- `RequestGuard`: a header block over the limit is refused (431); a body over the limit too
  (413), by its Content-Length before anything is read, or as it streams (chunked); a client
  that stops sending its body midway is cut off after `read_timeout` seconds without a byte
  (408) instead of holding a task forever.
- `UnexpectedErrors`: an exception no handler knows becomes a 500 `internal_error` and ONE log
  line at error level (request id, exception type, route), not a traceback per request.

Refusals raised while a route reads its body are `HTTPException`s, which FastAPI passes to the
app's handlers (error_handlers.py); a refusal made here, before any route runs, is built by
the same `errors.error_response`.
"""

from __future__ import annotations

import asyncio
import logging

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from walletbot.http.errors import error_response

log = logging.getLogger("walletbot.errors")


def route_template(scope: Scope) -> str:
    """The route's template (`/v1/conversations/{conversation_id}`), never the raw path: logs and
    metrics labelled by it do not grow with every conversation id."""
    route = scope.get("route")
    path = getattr(route, "path", None)
    if isinstance(path, str):
        return path
    # Mounted apps (the static files) do not report their route back to this scope.
    return "/static" if scope.get("path", "").startswith("/static/") else "unmatched"


class BodyRefused(HTTPException):
    """Raised from `receive` while a route reads the body: FastAPI lets HTTPExceptions through to
    the app's handlers (any other exception there becomes a 400)."""

    def __init__(self, status_code: int, message: str, details: dict[str, object]) -> None:
        super().__init__(status_code, message)
        self.details = details


class RequestGuard:
    def __init__(
        self, app: ASGIApp, *, max_header_bytes: int, max_bytes: int, read_timeout: float
    ) -> None:
        self.app = app
        self.max_header_bytes = max_header_bytes
        self.max_bytes = max_bytes
        self.read_timeout = read_timeout

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if _head_size(scope) > self.max_header_bytes:
            message = f"the request line and headers are over {self.max_header_bytes} bytes"
            limit = {"limit": self.max_header_bytes}
            await error_response(431, "headers_too_large", message, limit)(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
            await self._too_large()(scope, receive, send)
            return

        received = 0
        body_done = False

        async def guarded_receive() -> Message:
            nonlocal received, body_done
            if body_done:  # waiting for the client to leave (streams): no deadline
                return await receive()
            try:
                async with asyncio.timeout(self.read_timeout):
                    message = await receive()
            except TimeoutError:
                raise BodyRefused(
                    408,
                    f"no part of the request body came for {self.read_timeout:g} s",
                    {"timeout_seconds": self.read_timeout},
                ) from None
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                # A declared length frames the body (the server stops there); a chunked one
                # is counted as it comes.
                if received > self.max_bytes:
                    raise BodyRefused(413, self._message(), {"limit": self.max_bytes})
                body_done = not message.get("more_body", False)
            else:
                body_done = True
            return message

        await self.app(scope, guarded_receive, send)

    def _message(self) -> str:
        return f"the request body is over {self.max_bytes} bytes"

    def _too_large(self) -> ASGIApp:
        return error_response(413, "body_too_large", self._message(), {"limit": self.max_bytes})


def _head_size(scope: Scope) -> int:
    """The request line and header block as sent, give or take the HTTP version."""
    line = len(scope.get("raw_path") or b"") + len(scope.get("query_string") or b"") + 16
    return line + sum(len(name) + len(value) + 4 for name, value in scope["headers"])


class UnexpectedErrors:
    """Inside the request observer, so the line carries the request id and the 500 is counted."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracking_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, tracking_send)
        except Exception as exc:
            route = route_template(scope)
            log.error(
                "unexpected %s on %s %s",
                type(exc).__name__,
                scope["method"],
                route,
                extra={"exception_type": type(exc).__name__, "route": route},
            )
            log.debug("traceback of the unexpected error", exc_info=True)
            if not started:
                response = error_response(500, "internal_error", "unexpected server error")
                await response(scope, receive, send)
