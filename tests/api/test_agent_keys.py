"""Guessing agent keys: past WALLETBOT_AGENT_KEY_FAILURES_PER_IP unknown keys a minute, every key
from that address is refused (429), the right one included, so guessing learns nothing."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI
from pydantic import SecretStr

from tests.conftest import FAQ_PATH
from walletbot.brain.engine import Engine
from walletbot.main import create_app
from walletbot.settings import Settings

KEY = "alice-key-0123456789"
ADMIN_KEY = "root-key-0123456789"


@pytest.fixture
async def app(tmp_path: Path, engine: Engine) -> AsyncIterator[FastAPI]:
    settings = Settings(
        faq_path=FAQ_PATH,
        database_url=f"sqlite+aiosqlite:///{tmp_path / 'walletbot.db'}",
        agent_keys=SecretStr(f"alice:agent:{KEY},root:admin:{ADMIN_KEY}"),
        agent_key_failures_per_ip=3,
    )
    application = create_app(settings, engine=engine)
    async with application.router.lifespan_context(application):
        yield application


@pytest.fixture
def from_address(app: FastAPI) -> Callable[[str], httpx.AsyncClient]:
    def client(ip: str) -> httpx.AsyncClient:
        transport = httpx.ASGITransport(app=app, client=(ip, 50000))
        return httpx.AsyncClient(transport=transport, base_url="http://t")

    return client


def bearer(key: str) -> dict[str, str]:
    return {"authorization": f"Bearer {key}"}


async def test_guessing_is_cut_off_for_the_guessing_address_only(
    from_address: Callable[[str], httpx.AsyncClient],
) -> None:
    async with from_address("203.0.113.9") as guesser, from_address("203.0.113.10") as agent:
        codes = [
            (await guesser.get("/v1/agent/queue", headers=bearer(f"guess-{n}"))).status_code
            for n in range(3)
        ]
        assert codes == [401, 401, 401]
        blocked = await guesser.get("/v1/agent/queue", headers=bearer("guess-4"))
        assert blocked.status_code == 429
        assert blocked.json()["error"]["code"] == "too_many_key_failures"
        assert 1 <= int(blocked.headers["retry-after"]) <= 60
        # The right key from there is refused too while the block lasts, on every route.
        assert (await guesser.get("/v1/agent/queue", headers=bearer(KEY))).status_code == 429
        stats = await guesser.get("/v1/admin/stats", headers=bearer(ADMIN_KEY))
        assert stats.status_code == 429
        # Another address is not affected.
        assert (await agent.get("/v1/agent/queue", headers=bearer(KEY))).status_code == 200
        assert (await agent.get("/v1/admin/stats", headers=bearer(ADMIN_KEY))).status_code == 200


async def test_a_missing_key_is_no_guess(from_address: Callable[[str], httpx.AsyncClient]) -> None:
    async with from_address("203.0.113.11") as client:
        for _ in range(5):
            response = await client.get("/v1/agent/queue")
            assert (response.status_code, response.json()["error"]["code"]) == (
                401,
                "missing_token",
            )
        assert (await client.get("/v1/agent/queue", headers=bearer(KEY))).status_code == 200
