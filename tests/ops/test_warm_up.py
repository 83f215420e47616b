"""Routes are built at start-up: the first requests build no validators on the event loop."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from pydantic import SecretStr, TypeAdapter

import walletbot.main
from tests.ops.conftest import ADMIN, ADMIN_KEY, AGENT, AGENT_KEY
from walletbot.brain.engine import Engine
from walletbot.config import Settings
from walletbot.main import create_app

# One request through each router, as the first requests after a start (or a FAQ reload) come.
FIRST_REQUESTS = [
    ("GET", "/health", {}),
    ("POST", "/v1/chat", {}),
    ("GET", "/v1/categories", {}),
    ("POST", "/v1/conversations", {}),
    ("GET", "/v1/agent/queue", AGENT),
    ("GET", "/v1/tickets/WB-20261128-000001", {}),
    ("POST", "/v1/admin/faq/reload", {"Authorization": "Bearer not-a-key"}),
    ("GET", "/v1/admin/stats", ADMIN),
    ("GET", "/console", {}),
]


def count_type_adapters(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """FastAPI builds each route parameter's and response's validator as a pydantic TypeAdapter."""
    built: list[Any] = []
    original = TypeAdapter.__init__

    def counting(self: TypeAdapter[Any], *args: Any, **kwargs: Any) -> None:
        built.append(args[0] if args else kwargs.get("type"))
        original(self, *args, **kwargs)

    monkeypatch.setattr(TypeAdapter, "__init__", counting)
    return built


async def send_first_requests(app: FastAPI) -> list[int]:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        return [
            (await client.request(method, path, headers=headers)).status_code
            for method, path, headers in FIRST_REQUESTS
        ]


async def test_first_requests_build_no_route_validators(
    app: FastAPI, monkeypatch: pytest.MonkeyPatch
) -> None:
    built = count_type_adapters(monkeypatch)  # after start-up
    statuses = await send_first_requests(app)
    assert statuses == [200, 422, 200, 201, 200, 401, 401, 200, 200]
    assert built == []


async def test_without_the_warm_up_the_hook_sees_routes_being_built(
    tmp_path: Path, faq_file: Path, engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The control: the counter does see FastAPI build routes (at start-up or at first use,
    whichever this FastAPI version does), so the empty count above means something."""

    async def no_warm_up(_: object) -> None:
        return None

    monkeypatch.setattr(walletbot.main, "build_routes", no_warm_up)
    built = count_type_adapters(monkeypatch)
    settings = Settings(
        faq_path=faq_file,
        database_url=f"sqlite+aiosqlite:///{tmp_path / 'walletbot.db'}",
        agent_keys=SecretStr(f"mei:agent:{AGENT_KEY},ops:admin:{ADMIN_KEY}"),
    )
    application = create_app(settings, engine=engine)
    async with application.router.lifespan_context(application):
        await send_first_requests(application)
    assert len(built) > 20
