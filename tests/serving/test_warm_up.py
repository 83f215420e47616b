"""Start-up pays the first requests' one-off costs: no route validators, no OpenCC converter is
built on the event loop while serving."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import opencc
import pytest
from fastapi import FastAPI
from pydantic import TypeAdapter

from tests.ops.conftest import ADMIN, AGENT
from walletbot.brain import pattern_set, text
from walletbot.brain.engine import Engine
from walletbot.brain.shield import seeds_chinese
from walletbot.brain.triage import RULE_PATTERNS
from walletbot.main import create_app
from walletbot.settings import Settings

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


def count_converters(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Configurations of the OpenCC converters built from now on (the cached one is forgotten)."""
    built: list[str] = []
    original = opencc.OpenCC

    def counting(config: str) -> opencc.OpenCC:
        built.append(config)
        return original(config)

    text._t2s.cache_clear()
    monkeypatch.setattr(opencc, "OpenCC", counting)
    return built


def settings_for(tmp_path: Path, faq_file: Path) -> Settings:
    return Settings(faq_path=faq_file, database_url=f"sqlite+aiosqlite:///{tmp_path / 'wb.db'}")


async def test_the_first_chinese_message_builds_no_converter(
    tmp_path: Path, faq_file: Path, engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    built = count_converters(monkeypatch)  # a process that never converted anything
    application = create_app(settings_for(tmp_path, faq_file), engine=engine)
    async with application.router.lifespan_context(application):
        assert built == ["tw2sp"]  # at start-up
        transport = httpx.ASGITransport(app=application)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            for message in ("提現多久能到賬？", "How long does a withdrawal take?"):
                response = await client.post("/v1/chat", json={"text": message})
                assert response.status_code == 200
    assert built == ["tw2sp"]  # nothing more while serving


def test_without_the_warm_up_the_first_chinese_decision_builds_the_converter(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The control: a cold process does build it on its first Chinese message (and not on an
    English one), so the single build above is the warm-up's."""
    built = count_converters(monkeypatch)
    engine.decide("How long does a withdrawal take?")
    assert built == []
    engine.decide("提現多久能到賬？")
    assert built == ["tw2sp"]


def test_engine_warm_up_builds_the_converter_and_waits_for_the_prefilter(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The brain's own warm-up, without an app: after it, a Chinese decision builds nothing."""
    built = count_converters(monkeypatch)
    engine.warm_up()
    assert built == ["tw2sp"]
    if pattern_set.hyperscan is not None:  # where hyperscan has a wheel, the prefilter is in use
        assert RULE_PATTERNS.prefiltered
    engine.decide("提現多久能到賬？")
    assert built == ["tw2sp"]


def test_engine_warm_up_loads_the_shields_chinese_dictionary(engine: Engine) -> None:
    """Read on the first glued run of Chinese characters otherwise (about 0.4 s, brain/shield/
    seeds_chinese.py): a user's message would wait for it."""
    seeds_chinese._dictionary_words.cache_clear()
    engine.warm_up()
    assert seeds_chinese._dictionary_words.cache_info().currsize == 1
