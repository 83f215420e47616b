"""The conversation API with the engine trained on the bundled FAQ (SQLite only)."""

from __future__ import annotations

from pathlib import Path

import httpx

from tests.support.fixtures import KEYS, make_settings
from walletbot.brain.engine import Engine
from walletbot.client import AsyncWalletbotClient
from walletbot.main import create_app


async def test_real_engine_greets_clarifies_then_hands_off(engine: Engine, tmp_path: Path) -> None:
    settings = make_settings({"database_url": f"sqlite+aiosqlite:///{tmp_path / 'r.db'}"})
    app = create_app(settings, engine=engine)
    transport = httpx.ASGITransport(app=app)
    async with (
        app.router.lifespan_context(app),
        AsyncWalletbotClient("http://test", transport=transport) as user,
        AsyncWalletbotClient("http://test", agent_key=KEYS["alice"], transport=transport) as agent,
    ):
        await agent.heartbeat()
        conversation = await user.create_conversation()
        assert (await user.send(conversation, "你好"))["reply"]["reason"] == "greeting"
        first = await user.send(conversation, "asdkjh qwe zzz")
        assert first["reply"]["action"] == "clarify", "a first miss is clarified, not handed off"
        handed = await user.send(conversation, "我要转人工客服")
        assert handed["reply"]["action"] == "handoff"
        assert handed["state"]["status"] == "queued" and "下一位就是您" in handed["notice"]
