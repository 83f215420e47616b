"""Security headers on every response; CORS only for the configured widget origins."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.responses import HTMLResponse, JSONResponse

from tests.conftest import FAQ_PATH
from walletbot.brain.engine import Engine
from walletbot.http.security_headers import SecurityHeaders
from walletbot.main import create_app
from walletbot.settings import Settings

WIDGET = "https://shop.example.com"


@pytest.fixture
async def make_client(tmp_path: Path, engine: Engine) -> AsyncIterator[Any]:
    def make(**overrides: Any) -> httpx.AsyncClient:
        db = f"sqlite+aiosqlite:///{tmp_path / 'walletbot.db'}"
        app = create_app(
            Settings(faq_path=FAQ_PATH, database_url=db, max_body_bytes=1024, **overrides),
            engine=engine,
        )
        return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t")

    yield make


def assert_base_headers(response: httpx.Response) -> None:
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "no-referrer"
    assert response.headers["x-frame-options"] == "DENY"
    assert "strict-transport-security" not in response.headers


async def test_every_kind_of_response_gets_the_headers(make_client: Any) -> None:
    async with make_client() as client:
        responses = [
            await client.post("/v1/chat", json={"text": "hi"}),
            await client.post("/v1/chat", json={"text": "hi", "extra": 1}),  # 422
            await client.post(
                "/v1/chat", content=b"{", headers={"content-type": "application/json"}
            ),
            await client.post("/v1/chat", content=b"x" * 2000),  # 413 from the body limit
            await client.get("/nowhere"),  # 404
            await client.get("/health"),
        ]
    assert [r.status_code for r in responses] == [200, 422, 400, 413, 404, 200]
    for response in responses:
        assert_base_headers(response)
        assert response.headers["cache-control"] == "no-store"
        assert "content-security-policy" not in response.headers  # JSON, not a page


async def test_html_gets_a_strict_policy_and_docs_only_what_they_load(make_client: Any) -> None:
    async with make_client() as client:
        docs = await client.get("/docs")
    assert_base_headers(docs)
    policy = docs.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in policy and "https://cdn.jsdelivr.net" in policy
    assert "cache-control" not in docs.headers

    async def page(scope: Any, receive: Any, send: Any) -> None:
        await HTMLResponse("<p>hi</p>")(scope, receive, send)

    transport = httpx.ASGITransport(app=SecurityHeaders(page))
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
        response = await client.get("/console")
    assert response.headers["content-security-policy"].startswith("default-src 'self';")
    assert "unsafe-inline" not in response.headers["content-security-policy"]


async def test_embeddable_paths_may_be_framed_by_the_widget_origins_only() -> None:
    async def page(scope: Any, receive: Any, send: Any) -> None:
        await HTMLResponse("<p>widget</p>")(scope, receive, send)

    app = SecurityHeaders(page, embeddable=["/widget"], frame_origins=[WIDGET])
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as c:
        widget, other = await c.get("/widget/frame.html"), await c.get("/console")
    assert "x-frame-options" not in widget.headers
    assert f"frame-ancestors {WIDGET}" in widget.headers["content-security-policy"]
    assert other.headers["x-frame-options"] == "DENY"


async def test_hsts_only_when_served_over_https(make_client: Any) -> None:
    async with make_client(https=True) as client:
        response = await client.get("/health")
    assert response.headers["strict-transport-security"].startswith("max-age=31536000")


async def test_headers_the_route_set_are_kept() -> None:
    async def stream(scope: Any, receive: Any, send: Any) -> None:
        headers = {"cache-control": "no-cache"}
        await JSONResponse({}, headers=headers)(scope, receive, send)

    app = SecurityHeaders(stream)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as c:
        response = await c.get("/v1/conversations/x/events")
    assert response.headers.get_list("cache-control") == ["no-cache"]
    assert response.headers["x-content-type-options"] == "nosniff"


async def test_cors_allows_the_listed_origins_and_no_other(make_client: Any) -> None:
    preflight = {
        "access-control-request-method": "POST",
        "access-control-request-headers": "content-type",
    }
    async with make_client(cors_origins=[WIDGET]) as client:
        allowed = await client.options("/v1/chat", headers={"origin": WIDGET, **preflight})
        denied = await client.options(
            "/v1/chat", headers={"origin": "https://evil.example", **preflight}
        )
        simple = await client.post("/v1/chat", json={"text": "hi"}, headers={"origin": WIDGET})
    assert allowed.status_code == 200
    assert allowed.headers["access-control-allow-origin"] == WIDGET
    assert denied.status_code == 400
    assert "access-control-allow-origin" not in denied.headers
    assert simple.headers["access-control-allow-origin"] == WIDGET
    assert_base_headers(denied)


async def test_no_cors_headers_without_configured_origins(make_client: Any) -> None:
    async with make_client() as client:
        response = await client.post("/v1/chat", json={"text": "hi"}, headers={"origin": WIDGET})
    assert "access-control-allow-origin" not in response.headers
