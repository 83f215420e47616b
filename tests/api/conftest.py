from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from tests.conftest import FAQ_PATH
from walletbot.brain.engine import Engine
from walletbot.main import create_app
from walletbot.settings import Settings


@pytest.fixture
def settings(tmp_path) -> Settings:  # type: ignore[no-untyped-def]
    return Settings(
        faq_path=FAQ_PATH,
        database_url=f"sqlite+aiosqlite:///{tmp_path / 'walletbot.db'}",
        max_message_chars=200,
    )


@pytest.fixture
async def client(settings: Settings, engine: Engine) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(settings, engine=engine)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            yield client
