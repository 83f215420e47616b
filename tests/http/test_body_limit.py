"""The request guard (middleware.RequestGuard): a body over the limit by its Content-Length or as it
streams (413), a body that stops arriving (408), no deadline once the body is in, and a header block over
its limit (431)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.conftest import FAQ_PATH
from walletbot.brain.engine import Engine
from walletbot.http.middleware import BodyRefused, RequestGuard
from walletbot.main import create_app
from walletbot.settings import Settings

LIMIT = 1024
Receive = Callable[[], Awaitable[dict[str, Any]]]


async def _reading_app(scope: Any, receive: Receive, send: Any) -> None:
    """Reads the whole body, then answers 200 with its length."""
    size, more = 0, True
    while more:
        message = await receive()
        size += len(message.get("body", b""))
        more = message.get("more_body", False)
    await send({"type": "http.response.start", "status": 200, "headers": []})
    await send({"type": "http.response.body", "body": str(size).encode()})


async def _call(
    headers: list[tuple[bytes, bytes]], chunks: list[bytes], app: Any = _reading_app
) -> list[dict[str, Any]]:
    pending = list(chunks)

    async def receive() -> dict[str, Any]:
        if not pending:
            return {"type": "http.disconnect"}
        body = pending.pop(0)
        return {"type": "http.request", "body": body, "more_body": bool(pending)}

    sent: list[dict[str, Any]] = []

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    scope = {"type": "http", "method": "POST", "path": "/", "headers": headers}
    await RequestGuard(app, max_header_bytes=8192, max_bytes=LIMIT, read_timeout=5)(
        scope, receive, send
    )
    return sent


async def test_a_declared_body_over_the_limit_is_refused_unread() -> None:
    called: list[bool] = []

    async def app(scope: Any, receive: Receive, send: Any) -> None:
        called.append(True)

    sent = await _call([(b"content-length", b"1025")], [b"x" * 1025], app)
    assert (sent[0]["status"], called) == (413, [])
    assert b'"code":"body_too_large"' in sent[1]["body"]


async def test_a_declared_body_within_the_limit_passes() -> None:
    sent = await _call([(b"content-length", b"1024")], [b"x" * 1024])
    assert (sent[0]["status"], sent[1]["body"]) == (200, b"1024")


async def test_a_streamed_body_is_counted_as_it_arrives() -> None:
    assert (await _call([], [b"x" * 600, b"x" * 424]))[0]["status"] == 200
    with pytest.raises(BodyRefused) as refused:
        await _call([], [b"x" * 600, b"x" * 425])
    assert (refused.value.status_code, refused.value.details) == (413, {"limit": LIMIT})


async def test_no_deadline_once_the_body_is_in() -> None:
    """A streamed response waits on `receive` for the client to leave: that wait is not a slow
    body, whatever it lasts."""
    stages = iter([{"type": "http.request", "body": b"{}", "more_body": False}, None])

    async def receive() -> dict[str, Any]:
        message = next(stages)
        if message is None:
            await asyncio.sleep(0.3)
            return {"type": "http.disconnect"}
        return message

    async def app(scope: Any, receive: Receive, send: Any) -> None:
        await receive()
        assert (await receive())["type"] == "http.disconnect"

    scope = {"type": "http", "method": "GET", "path": "/", "headers": []}
    await RequestGuard(app, max_header_bytes=8192, max_bytes=LIMIT, read_timeout=0.05)(
        scope, receive, _ignore
    )


async def _ignore(message: dict[str, Any]) -> None:
    pass


@pytest.fixture
async def client(tmp_path: Path, engine: Engine) -> AsyncIterator[httpx.AsyncClient]:
    db = f"sqlite+aiosqlite:///{tmp_path / 'walletbot.db'}"
    settings = Settings(
        faq_path=FAQ_PATH, database_url=db, max_body_bytes=LIMIT, body_read_timeout_seconds=0.2
    )
    app = create_app(settings, engine=engine)
    transport = httpx.ASGITransport(app=app)
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=transport, base_url="http://t") as client,
    ):
        yield client


async def test_a_streamed_chat_body_over_the_limit_is_a_413(client: httpx.AsyncClient) -> None:
    async def chunks() -> AsyncIterator[bytes]:
        yield b'{"text": "'
        for _ in range(10):
            yield b"x" * 200
        yield b'"}'

    headers = {"content-type": "application/json"}
    response = await client.post("/v1/chat", content=chunks(), headers=headers)
    assert "content-length" not in response.request.headers  # really streamed
    assert response.status_code == 413
    assert response.json()["error"] == {
        "code": "body_too_large",
        "message": f"the request body is over {LIMIT} bytes",
        "details": {"limit": LIMIT},
    }
    assert (await client.post("/v1/chat", json={"text": "hi"})).status_code == 200


async def test_a_body_that_stops_arriving_is_a_408(client: httpx.AsyncClient) -> None:
    async def stalled() -> AsyncIterator[bytes]:
        yield b'{"text": "'
        await asyncio.sleep(1)  # past the 0.2 s the guard waits for the next part
        yield b'hi"}'

    headers = {"content-type": "application/json"}
    response = await client.post("/v1/chat", content=stalled(), headers=headers)
    assert response.status_code == 408
    assert response.json()["error"]["code"] == "body_timeout"


async def test_a_header_block_over_the_limit_is_a_431(client: httpx.AsyncClient) -> None:
    response = await client.get("/health", headers={"x-padding": "a" * 20_000})
    assert response.status_code == 431
    assert response.json()["error"] == {
        "code": "headers_too_large",
        "message": "the request line and headers are over 16384 bytes",
        "details": {"limit": 16384},
    }
    assert (await client.get("/health", headers={"x-padding": "a" * 8_000})).status_code == 200
