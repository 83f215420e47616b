"""/v1/chat and the messages route read their bodies themselves (json_body.read_json): they must
answer every body as a route whose body FastAPI solves would, through the same error handlers."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import httpx
import pytest
from fastapi import FastAPI
from pydantic import BaseModel

from walletbot.brain.engine import Engine
from walletbot.chat.schemas import ChatRequest
from walletbot.config import Settings
from walletbot.conversations.schemas import MessageIn
from walletbot.json_body import openapi_body
from walletbot.main import create_app

JSON = {"content-type": "application/json"}
BODIES = [
    ("plain JSON", JSON, b'{"text": "hi"}'),
    ("with a charset", {"content-type": "application/json; charset=utf-8"}, b'{"text": "hi"}'),
    ("a +json type", {"content-type": "application/vnd.api+json"}, b'{"text": "hi"}'),
    ("upper case type", {"content-type": "Application/JSON"}, b'{"text": "hi"}'),
    ("text/plain", {"content-type": "text/plain"}, b'{"text": "hi"}'),
    ("a form", {"content-type": "application/x-www-form-urlencoded"}, b"text=hi"),
    ("no content type", {}, b'{"text": "hi"}'),
    ("empty", JSON, b""),
    ("empty, no type", {}, b""),
    ("null", JSON, b"null"),
    ("a list", JSON, b"[1]"),
    ("a string", JSON, b'"hi"'),
    ("broken JSON", JSON, b'{"text": '),
    ("a number for text", JSON, b'{"text": 42}'),
    ("an unknown field", JSON, b'{"text": "hi", "surprise": 1}'),
    ("two bad fields", JSON, b'{"text": 1, "lang": "fr"}'),
    ("NaN", JSON, b'{"text": "hi", "lang": NaN}'),
    ("a byte-order mark", JSON, b'\xef\xbb\xbf{"text": "hi"}'),
    ("Chinese", JSON, '{"text": "提现多久能到账？"}'.encode()),
    ("a duplicate key", JSON, b'{"text": 1, "text": "hi"}'),
]


@pytest.fixture
async def app(settings: Settings, engine: Engine) -> AsyncIterator[FastAPI]:
    application = create_app(settings, engine=engine)

    @application.post("/reference")  # the body solved by FastAPI, under the same error handlers
    async def reference(body: ChatRequest) -> dict[str, str]:
        return {"text": body.text}

    @application.post("/reference/messages")
    async def reference_message(body: MessageIn) -> dict[str, str]:
        return {"text": body.text}

    async with application.router.lifespan_context(application):
        yield application


def outcome(response: httpx.Response) -> tuple[int, object]:
    body = response.json()
    return response.status_code, body.get("error", "accepted")


@pytest.mark.parametrize(("case", "headers", "content"), BODIES, ids=[c[0] for c in BODIES])
async def test_chat_answers_every_body_as_fastapi_would(
    app: FastAPI, case: str, headers: dict[str, str], content: bytes
) -> None:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        ours = await client.post("/v1/chat", content=content, headers=headers)
        fastapis = await client.post("/reference", content=content, headers=headers)
    assert outcome(ours) == outcome(fastapis)


@pytest.mark.parametrize(("case", "headers", "content"), BODIES, ids=[c[0] for c in BODIES])
async def test_messages_answer_every_body_as_fastapi_would(
    app: FastAPI, case: str, headers: dict[str, str], content: bytes
) -> None:
    # Each body once as it is (no client_message_id: a missing field) and once with one.
    with_id = content.replace(b'"text":', b'"client_message_id": "m1", "text":', 1)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        created = (await client.post("/v1/conversations", json={})).json()
        url = f"/v1/conversations/{created['id']}/messages"
        auth = {**headers, "authorization": f"Bearer {created['token']}"}
        for body in {content, with_id}:
            ours = await client.post(url, content=body, headers=auth)
            fastapis = await client.post("/reference/messages", content=body, headers=headers)
            assert outcome(ours) == outcome(fastapis), body


async def test_bytes_that_are_not_utf8_are_invalid_json(app: FastAPI) -> None:
    """Where we differ, on purpose: FastAPI answered a bare 400 with no error code of ours."""
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        ours = await client.post("/v1/chat", content=b'{"text": "\xff"}', headers=JSON)
        fastapis = await client.post("/reference", content=b'{"text": "\xff"}', headers=JSON)
    assert (ours.status_code, ours.json()["error"]["code"]) == (400, "invalid_json")
    assert (fastapis.status_code, fastapis.json()["error"]["code"]) == (400, "http_error")


async def test_the_body_is_documented_as_before(app: FastAPI) -> None:
    spec = app.openapi()["paths"]["/v1/chat"]["post"]["requestBody"]
    assert spec["required"] is True
    schema = spec["content"]["application/json"]["schema"]
    assert schema["required"] == ["text"] and set(schema["properties"]) == {"text", "lang"}
    assert schema["additionalProperties"] is False
    messages = app.openapi()["paths"]["/v1/conversations/{conversation_id}/messages"]["post"]
    schema = messages["requestBody"]["content"]["application/json"]["schema"]
    assert messages["requestBody"]["required"] is True
    assert set(schema["required"]) == {"text", "client_message_id"}
    assert schema["properties"]["client_message_id"]["maxLength"] == 128
    # The route reads its path and token itself; they stay documented.
    documented = [(p["name"], p["in"], p["required"]) for p in messages["parameters"]]
    assert documented == [("conversation_id", "path", True), ("authorization", "header", False)]


def test_openapi_body_refuses_nested_models() -> None:
    class Outer(BaseModel):
        inner: ChatRequest

    assert openapi_body(ChatRequest)["requestBody"]["required"] is True
    with pytest.raises(ValueError, match="nests models"):
        openapi_body(Outer)


async def _post_then_vanish(app: FastAPI, path: str, headers: list[tuple[bytes, bytes]]) -> int:
    """An ASGI request whose client is gone before its body is read: the status answered."""
    sent: list[dict[str, object]] = []

    async def receive() -> dict[str, object]:
        return {"type": "http.disconnect"}

    async def send(message: dict[str, object]) -> None:
        sent.append(message)

    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "root_path": "",
        "headers": [(b"host", b"test"), (b"content-type", b"application/json"), *headers],
        "client": ("127.0.0.1", 40000),
        "server": ("test", 80),
    }
    await app(scope, receive, send)
    return int(sent[0]["status"])  # type: ignore[call-overload]


async def test_a_client_gone_before_its_body_is_read_gets_fastapis_400(app: FastAPI) -> None:
    # Not a 500 with a traceback in the log; and no message is stored.
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        created = (await client.post("/v1/conversations", json={})).json()
        auth = [(b"authorization", f"Bearer {created['token']}".encode())]
        url = f"/v1/conversations/{created['id']}/messages"
        assert await _post_then_vanish(app, "/v1/chat", []) == 400
        assert await _post_then_vanish(app, "/reference", []) == 400  # FastAPI's own answer
        assert await _post_then_vanish(app, url, auth) == 400
        events = (await client.get(url, headers={"authorization": auth[0][1].decode()})).json()
    assert [e for e in events["events"] if e["type"] == "message"] == []


async def test_a_message_body_is_read_before_the_writer_is_taken(app: FastAPI) -> None:
    # While another transaction holds the writer, a bad body is answered at once: the request
    # never queued for the writer's turn.
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        created = (await client.post("/v1/conversations", json={})).json()
        url = f"/v1/conversations/{created['id']}/messages"
        auth = {**JSON, "authorization": f"Bearer {created['token']}"}
        async with app.state.database.transaction():
            bad = await asyncio.wait_for(client.post(url, content=b"{", headers=auth), 5)
        assert (bad.status_code, bad.json()["error"]["code"]) == (400, "invalid_json")
        good = await client.post(url, json={"text": "hi", "client_message_id": "m1"}, headers=auth)
        assert good.status_code == 200
