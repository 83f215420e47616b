from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI
from pydantic import SecretStr

from tests.conftest import FAQ_PATH
from walletbot.brain.engine import Engine
from walletbot.main import create_app
from walletbot.settings import Settings

AGENT_KEY = "agent-key-0123456789"
ADMIN_KEY = "admin-key-0123456789"
AGENT = {"Authorization": f"Bearer {AGENT_KEY}"}
ADMIN = {"Authorization": f"Bearer {ADMIN_KEY}"}


@pytest.fixture
def faq_file(tmp_path: Path) -> Path:
    path = tmp_path / "faq.yaml"
    path.write_text(FAQ_PATH.read_text(encoding="utf-8"), encoding="utf-8")
    return path


@pytest.fixture
async def app(tmp_path: Path, faq_file: Path, engine: Engine) -> AsyncIterator[FastAPI]:
    settings = Settings(
        faq_path=faq_file,
        database_url=f"sqlite+aiosqlite:///{tmp_path / 'walletbot.db'}",
        agent_keys=SecretStr(f"mei:agent:{AGENT_KEY},ops:admin:{ADMIN_KEY}"),
        queue_tick_seconds=0.05,
    )
    application = create_app(settings, engine=engine)
    async with application.router.lifespan_context(application):
        yield application


@pytest.fixture
async def client(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
        yield http


async def converse(client: httpx.AsyncClient, *texts: str) -> tuple[str, dict[str, str]]:
    """A conversation with the given user messages; returns its id and auth header."""
    created = (await client.post("/v1/conversations", json={})).json()
    auth = {"Authorization": f"Bearer {created['token']}"}
    for index, text in enumerate(texts):
        response = await client.post(
            f"/v1/conversations/{created['id']}/messages",
            json={"text": text, "client_message_id": f"m{index}"},
            headers=auth,
        )
        assert response.status_code == 200, response.text
    return created["id"], auth


async def rate_first_answer(
    client: httpx.AsyncClient, conversation: str, auth: dict[str, str], *, helpful: bool
) -> None:
    """Say whether the conversation's first bot answer helped."""
    events = (await client.get(f"/v1/conversations/{conversation}/messages", headers=auth)).json()
    answer = next(e for e in events["events"] if e["data"].get("role") == "bot")
    response = await client.post(
        f"/v1/conversations/{conversation}/feedback",
        json={"message_id": answer["data"]["message_id"], "helpful": helpful},
        headers=auth,
    )
    assert response.status_code < 300, response.text
