"""Routes whose endpoint takes the Request alone skip FastAPI's request handler (dependency
solving, response checks) and keep everything else: matching, docs, exception handlers."""

from __future__ import annotations

from typing import Any

import fastapi.routing
import httpx
import pytest
from fastapi import FastAPI, HTTPException, Request, Response

from walletbot import request_route
from walletbot.errors import NotFound
from walletbot.main import _install_error_handlers


def test_an_endpoint_with_other_parameters_is_refused() -> None:
    router = fastapi.APIRouter()

    async def with_query(request: Request, page: int = 1) -> Response:
        return Response()

    async def without_request() -> Response:
        return Response()

    for endpoint in (with_query, without_request):
        with pytest.raises(TypeError, match="takes the Request alone"):
            request_route.post(router, "/x")(endpoint)


async def test_a_request_route_answers_and_its_errors_reach_the_handlers(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    async def never(*_: Any, **__: Any) -> Any:
        raise AssertionError("FastAPI solved the parameters of a RequestRoute")

    monkeypatch.setattr(fastapi.routing, "solve_dependencies", never)
    app = FastAPI()
    _install_error_handlers(app)

    @request_route.post(app.router, "/echo/{what}")
    async def echo(request: Request) -> Response:
        what = request.path_params["what"]
        if what == "missing":
            raise NotFound("no such thing", code="thing_not_found")
        if what == "teapot":
            raise HTTPException(418, "short and stout")
        return Response(f"{what}:{(await request.body()).decode()}", media_type="text/plain")

    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        assert (await client.post("/echo/说", content="你好")).text == "说:你好"
        missing = await client.post("/echo/missing")
        assert missing.status_code == 404
        assert missing.json()["error"]["code"] == "thing_not_found"
        assert (await client.post("/echo/teapot")).status_code == 418
        assert (await client.get("/echo/a")).status_code == 405
    assert "/echo/{what}" in app.openapi()["paths"]


async def test_chat_and_messages_run_without_dependency_solving(
    client: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    created = (await client.post("/v1/conversations", json={"lang": "zh"})).json()
    solved: list[str] = []
    solve = fastapi.routing.solve_dependencies

    async def counted(*args: Any, **kwargs: Any) -> Any:
        solved.append(kwargs["request"].url.path)
        return await solve(*args, **kwargs)

    monkeypatch.setattr(fastapi.routing, "solve_dependencies", counted)
    chat = await client.post("/v1/chat", json={"text": "忘记密码怎么办"})
    assert chat.status_code == 200
    sent = await client.post(
        f"/v1/conversations/{created['id']}/messages",
        json={"text": "how do I reset my password", "client_message_id": "m-1"},
        headers={"Authorization": f"Bearer {created['token']}"},
    )
    assert sent.status_code == 200
    assert (await client.get("/health")).status_code == 200  # an ordinary route still solves
    assert solved == ["/health"]
