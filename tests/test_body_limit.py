"""The body limit (middleware.BodySizeLimit): by the declared Content-Length, or as a body without
one streams in; a body declared within the limit passes untouched."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx

from tests.conftest import FAQ_PATH
from walletbot.brain.engine import Engine
from walletbot.config import Settings
from walletbot.main import create_app
from walletbot.middleware import BodySizeLimit

LIMIT = 1024


async def _reading_app(scope: Any, receive: Any, send: Any) -> None:
    """Reads the whole body, then answers 200 with its length."""
    size, more = 0, True
    while more:
        message = await receive()
        size += len(message.get("body", b""))
        more = message.get("more_body", False)
    await send({"type": "http.response.start", "status": 200, "headers": []})
    await send({"type": "http.response.body", "body": str(size).encode()})


async def _call(headers: list[tuple[bytes, bytes]], chunks: list[bytes]) -> tuple[int, Any]:
    """Status answered, and the receive callable the app was given."""
    given: list[Any] = []

    async def app(scope: Any, receive: Any, send: Any) -> None:
        given.append(receive)
        await _reading_app(scope, receive, send)

    pending = list(chunks)

    async def receive() -> dict[str, Any]:
        body = pending.pop(0) if pending else b""
        return {"type": "http.request", "body": body, "more_body": bool(pending)}

    sent: list[dict[str, Any]] = []

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    scope = {"type": "http", "method": "POST", "path": "/", "headers": headers}
    await BodySizeLimit(app, LIMIT)(scope, receive, send)
    return sent[0]["status"], (given[0] if given else None) is receive


async def test_a_declared_body_over_the_limit_is_refused_unread() -> None:
    status, app_called = await _call([(b"content-length", b"1025")], [b"x" * 1025])
    assert (status, app_called) == (413, False)


async def test_a_declared_body_within_the_limit_passes_untouched() -> None:
    status, untouched = await _call([(b"content-length", b"1024")], [b"x" * 1024])
    assert (status, untouched) == (200, True)


async def test_a_streamed_body_is_counted_as_it_arrives() -> None:
    assert (await _call([], [b"x" * 600, b"x" * 424]))[0] == 200
    assert (await _call([], [b"x" * 600, b"x" * 425]))[0] == 413


async def test_a_streamed_chat_body_over_the_limit_is_a_413(tmp_path: Path, engine: Engine) -> None:
    # Through the whole app: the route reads its body itself (json_body.read_json), and the
    # limit's error still becomes the 413.
    db = f"sqlite+aiosqlite:///{tmp_path / 'walletbot.db'}"
    app = create_app(
        Settings(faq_path=FAQ_PATH, database_url=db, max_body_bytes=LIMIT), engine=engine
    )

    async def chunks() -> AsyncIterator[bytes]:
        yield b'{"text": "'
        for _ in range(10):
            yield b"x" * 200
        yield b'"}'

    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
        headers = {"content-type": "application/json"}
        response = await client.post("/v1/chat", content=chunks(), headers=headers)
        assert "content-length" not in response.request.headers  # really streamed
        assert (response.status_code, response.json()["error"]["code"]) == (413, "body_too_large")
        small = await client.post("/v1/chat", json={"text": "hi"})
        assert small.status_code == 200
