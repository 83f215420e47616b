"""Crash safety: SIGKILL mid-burst; everything acknowledged survives, in order."""

from __future__ import annotations

import asyncio
import signal
from pathlib import Path

import httpx
import pytest

from tests.support.fixtures import KEYS
from tests.support.servers import ServerProcess
from walletbot.client import ApiError, AsyncWalletbotClient, Conversation

pytestmark = pytest.mark.slow


async def test_acknowledged_messages_and_handoffs_survive_sigkill(tmp_path: Path) -> None:
    db = {"database_url": f"sqlite+aiosqlite:///{tmp_path / 'crash.db'}"}
    server = await ServerProcess(db, tmp_path / "server.log").start()
    acked: dict[str, list[str]] = {}
    handed_off: set[str] = set()
    try:
        async with (
            AsyncWalletbotClient(server.url, timeout=5) as user_api,
            AsyncWalletbotClient(server.url, agent_key=KEYS["alice"]) as agent_api,
        ):
            await agent_api.heartbeat()
            conversations = [await user_api.create_conversation(lang="en") for _ in range(6)]
            killed = asyncio.Event()

            async def burst(index: int, conversation: Conversation) -> None:
                acked[conversation.id] = []
                for n in range(1000):
                    text = "agent please" if (index % 2 and n == 3) else f"reset password {n}"
                    try:
                        result = await user_api.send(conversation, text, f"{index}-{n}")
                    except (httpx.TransportError, ApiError):
                        return  # the server is gone: this one was never acknowledged
                    acked[conversation.id].append(text)
                    if result["state"]["status"] == "queued":
                        handed_off.add(conversation.id)
                    if sum(map(len, acked.values())) >= 60 and not killed.is_set():
                        killed.set()
                        server.kill(signal.SIGKILL)

            await asyncio.gather(*(burst(i, c) for i, c in enumerate(conversations)))
    finally:
        server.stop()
    assert server.wait() == -signal.SIGKILL
    assert handed_off, "the burst included hand-offs"

    restarted = await ServerProcess(db, tmp_path / "server.log").start()
    try:
        async with (
            AsyncWalletbotClient(restarted.url) as user_api,
            AsyncWalletbotClient(restarted.url, agent_key=KEYS["alice"]) as agent_api,
        ):
            for conversation in conversations:
                page = await user_api.messages(conversation, limit=500)
                stored = [
                    e["data"]["text"]
                    for e in page["events"]
                    if e["type"] == "message" and e["data"]["role"] == "user"
                ]
                # Everything acknowledged is there, in order; at most the one in flight more.
                assert stored[: len(acked[conversation.id])] == acked[conversation.id]
                assert len(stored) - len(acked[conversation.id]) in (0, 1)
                ids = [e["id"] for e in page["events"]]
                assert ids == list(range(1, len(ids) + 1))
            queue = {item["conversation_id"] for item in (await agent_api.queue())["items"]}
            assert handed_off <= queue
    finally:
        restarted.stop()
