"""End to end, through real server processes: the hand-off scenario on one instance (SQLite)
and on two instances sharing PostgreSQL, and claims spread over two instances."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from tests.support.fixtures import KEYS
from tests.support.servers import ServerProcess, until
from walletbot.client import AsyncWalletbotClient, Conversation, StreamEvent

pytestmark = pytest.mark.slow


class Listener:
    """Collects one conversation's event stream in the background."""

    def __init__(self, client: AsyncWalletbotClient, conversation: Conversation) -> None:
        self.events: list[StreamEvent] = []
        self._task = asyncio.create_task(self._run(client, conversation))

    async def _run(self, client: AsyncWalletbotClient, conversation: Conversation) -> None:
        async for event in client.events(conversation):
            self.events.append(event)

    async def wait_for(self, kind: str, **data: Any) -> StreamEvent:
        def match() -> StreamEvent | None:
            for event in self.events:
                if event.type == kind and all(event.data.get(k) == v for k, v in data.items()):
                    return event
            return None

        async def seen() -> bool:
            return match() is not None

        await until(
            seen, 15, lambda: f"no {kind} {data} in {[(e.type, e.data) for e in self.events]}"
        )
        found = match()
        assert found is not None
        return found

    async def close(self) -> None:
        self._task.cancel()
        await asyncio.gather(self._task, return_exceptions=True)


async def handoff_scenario(user_api: AsyncWalletbotClient, agent_api: AsyncWalletbotClient) -> None:
    await agent_api.heartbeat()
    ahead = []
    for _ in range(2):
        other = await user_api.create_conversation(lang="en")
        await user_api.send(other, "agent please")
        ahead.append(other.id)
    me = await user_api.create_conversation(lang="en")
    sent = await user_api.send(me, "I want to talk to an agent")
    assert sent["state"]["position"] == 3
    listener = Listener(user_api, me)
    try:
        await listener.wait_for("status", status="queued", position=3)
        for position, expected in ((2, ahead[0]), (1, ahead[1])):
            claimed = await agent_api.claim_next()
            assert claimed is not None and claimed["conversation_id"] == expected
            await listener.wait_for("queue", position=position)
        claimed = await agent_api.claim_next()
        assert claimed is not None and claimed["conversation_id"] == me.id
        await listener.wait_for("status", status="assigned", agent="alice")
        await agent_api.reply(me.id, "Hi, Alice here. Let me check your account.")
        reply = await listener.wait_for("message", role="agent")
        assert reply.data["text"].startswith("Hi, Alice here")
        await agent_api.resolve(me.id)
        await listener.wait_for("status", status="resolved")
        rated = await user_api.rate(me, 5, "quick and kind")
        assert rated["state"]["status"] == "resolved"
        ids = [e.id for e in listener.events]
        assert ids == sorted(set(ids)) and ids[0] == 1, "each event once, in order"
        positions = [e.data["position"] for e in listener.events if "position" in e.data]
        assert positions == [3, 2, 1]
    finally:
        await listener.close()


@pytest.fixture
async def servers(tmp_path: Path) -> AsyncIterator[list[ServerProcess]]:
    started: list[ServerProcess] = []
    yield started
    for server in started:
        server.stop()


async def test_scenario_on_one_instance(servers: list[ServerProcess], tmp_path: Path) -> None:
    db = {"database_url": f"sqlite+aiosqlite:///{tmp_path / 'e2e.db'}"}
    server = await ServerProcess(db, tmp_path / "server.log").start()
    servers.append(server)
    async with (
        AsyncWalletbotClient(server.url) as user_api,
        AsyncWalletbotClient(server.url, agent_key=KEYS["alice"]) as agent_api,
    ):
        await handoff_scenario(user_api, agent_api)


@pytest.mark.postgres
async def test_scenario_across_two_instances(
    servers: list[ServerProcess], tmp_path: Path, pg_settings: dict[str, Any]
) -> None:
    a, b = await _two_instances(servers, tmp_path, pg_settings)
    # The user talks to instance B; the agent works through instance A.
    async with (
        AsyncWalletbotClient(b.url) as user_api,
        AsyncWalletbotClient(a.url, agent_key=KEYS["alice"]) as agent_api,
    ):
        await handoff_scenario(user_api, agent_api)


@pytest.mark.postgres
async def test_claims_across_two_instances_hand_out_each_conversation_once(
    servers: list[ServerProcess], tmp_path: Path, pg_settings: dict[str, Any]
) -> None:
    a, b = await _two_instances(servers, tmp_path, pg_settings)
    agents = [
        AsyncWalletbotClient(server.url, agent_key=KEYS[name])
        for server in (a, b)
        for name in ("alice", "bob", "root")
    ]
    async with AsyncWalletbotClient(a.url) as user_a, AsyncWalletbotClient(b.url) as user_b:
        await agents[0].heartbeat()

        async def queue_one(index: int) -> str:
            client = user_a if index % 2 else user_b
            conversation = await client.create_conversation()
            assert (await client.send(conversation, "agent"))["state"]["status"] == "queued"
            return conversation.id

        queued = set(await asyncio.gather(*(queue_one(i) for i in range(40))))
        claims = await asyncio.gather(*(agents[i % len(agents)].claim_next() for i in range(50)))
    for agent in agents:
        await agent.aclose()
    claimed = [c["conversation_id"] for c in claims if c is not None]
    assert len(claimed) == len(set(claimed)) == 40
    assert set(claimed) == queued


async def _two_instances(
    servers: list[ServerProcess], tmp_path: Path, db_settings: dict[str, Any]
) -> tuple[ServerProcess, ServerProcess]:
    settings = {**db_settings, "event_poll_seconds": 3600}  # wake-ups must come from NOTIFY
    pair = [ServerProcess(settings, tmp_path / f"server-{n}.log") for n in "ab"]
    await asyncio.gather(*(server.start() for server in pair))
    servers.extend(pair)
    return pair[0], pair[1]
