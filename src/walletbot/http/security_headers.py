"""Security headers on every response, and the CORS allow-list for the widget's origins.

Pure ASGI: headers are added to `http.response.start`, so streamed responses (SSE), 413s from the
body limit and error responses all get them. A header the route already set is kept.
"""

from __future__ import annotations

from collections.abc import Iterable

from fastapi import FastAPI
from starlette.middleware.cors import CORSMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

# Our own pages load only our own scripts, styles and images; nobody may frame them.
PAGE_CSP = (
    "default-src 'self'; base-uri 'none'; object-src 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)
# FastAPI's /docs and /redoc pages load Swagger UI / ReDoc from jsDelivr and start it with one
# inline script: allowed there only, not on the service's own pages.
DOCS_CSP = (
    "default-src 'self'; base-uri 'none'; object-src 'none'; frame-ancestors 'none'; "
    "script-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net; "
    "style-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net https://fonts.googleapis.com; "
    "font-src 'self' https://fonts.gstatic.com; img-src 'self' data: https://fastapi.tiangolo.com "
    "https://cdn.redoc.ly; worker-src 'self' blob:"
)
HSTS = "max-age=31536000; includeSubDomains"


class SecurityHeaders:
    """nosniff, no referrer, no framing, a CSP on HTML, no-store on API JSON, HSTS on HTTPS.

    `embeddable` path prefixes (the widget's own assets, if it is framed by the sites in
    `frame_origins`) drop X-Frame-Options and allow exactly those origins as frame ancestors.
    """

    def __init__(
        self,
        app: ASGIApp,
        *,
        https: bool = False,
        docs_paths: Iterable[str] = ("/docs", "/redoc"),
        embeddable: Iterable[str] = (),
        frame_origins: Iterable[str] = (),
    ) -> None:
        self.app = app
        self.https = https
        self.docs_paths = tuple(docs_paths)
        self.embeddable = tuple(embeddable)
        self.frame_origins = " ".join(frame_origins) or "'none'"

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = self._headers(path, list(message.get("headers", [])))
            await send(message)

        await self.app(scope, receive, send_with_headers)

    def _headers(self, path: str, headers: list[tuple[bytes, bytes]]) -> list[tuple[bytes, bytes]]:
        present = {name.lower() for name, _ in headers}
        content_type = next((v for n, v in headers if n.lower() == b"content-type"), b"").lower()
        embeddable = any(path.startswith(p) for p in self.embeddable)

        def add(name: str, value: str) -> None:
            if name.encode() not in present:
                headers.append((name.encode(), value.encode()))

        add("x-content-type-options", "nosniff")
        add("referrer-policy", "no-referrer")
        if not embeddable:
            add("x-frame-options", "DENY")
        if content_type.startswith(b"text/html"):
            csp = DOCS_CSP if path in self.docs_paths else PAGE_CSP
            if embeddable:
                csp = csp.replace("frame-ancestors 'none'", f"frame-ancestors {self.frame_origins}")
            add("content-security-policy", csp)
        if content_type.startswith(b"application/json") or content_type.startswith(
            b"application/problem+json"
        ):
            add("cache-control", "no-store")
        if self.https:
            add("strict-transport-security", HSTS)
        return headers


def install(
    app: FastAPI,
    *,
    cors_origins: list[str],
    https: bool = False,
    embeddable: Iterable[str] = (),
) -> None:
    """Add CORS (only these origins; nothing when there is none) and the headers. Call after
    the other middleware so these run outermost and cover their responses too."""
    if cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=cors_origins,
            allow_methods=["GET", "POST"],
            allow_headers=["authorization", "content-type", "last-event-id"],
            expose_headers=["retry-after"],
            max_age=600,
        )
    app.add_middleware(
        SecurityHeaders,
        https=https,
        docs_paths=[p for p in (app.docs_url, app.redoc_url) if p],
        embeddable=embeddable,
        frame_origins=cors_origins,
    )
