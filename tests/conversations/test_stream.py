"""The server-sent event stream against a real server: resume, heartbeat, clean shutdown."""

from __future__ import annotations

import asyncio
import signal
from pathlib import Path

import httpx
import pytest

from tests.support.servers import ServerProcess, until
from walletbot.client import AsyncWalletbotClient, Conversation, SseParser, StreamEvent

pytestmark = pytest.mark.slow


async def read_events(
    client: httpx.AsyncClient, conversation: Conversation, count: int, **headers: str
) -> tuple[list[StreamEvent], list[str]]:
    """Read `count` events (and note comment lines), then hang up."""
    events: list[StreamEvent] = []
    comments: list[str] = []
    parser = SseParser()
    async with client.stream(
        "GET",
        f"/v1/conversations/{conversation.id}/events",
        headers={"Authorization": f"Bearer {conversation.token}", **headers},
    ) as response:
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/event-stream")
        async for line in response.aiter_lines():
            if line.startswith(":"):
                comments.append(line)
            if (event := parser.feed(line)) is not None:
                events.append(event)
                if len(events) == count:
                    break
    return events, comments


async def test_stream_resumes_after_reconnect_without_loss_or_duplicates(tmp_path: Path) -> None:
    db = {"database_url": f"sqlite+aiosqlite:///{tmp_path / 's.db'}", "sse_heartbeat_seconds": 0.3}
    server = await ServerProcess(db, tmp_path / "server.log").start()
    try:
        async with (
            AsyncWalletbotClient(server.url) as user_api,
            httpx.AsyncClient(base_url=server.url, timeout=10) as http,
        ):
            conversation = await user_api.create_conversation(lang="en")
            await user_api.send(conversation, "hello")
            await user_api.send(conversation, "reset password")  # events 1-4
            first, _ = await read_events(http, conversation, 3)
            assert [e.id for e in first] == [1, 2, 3]
            await user_api.send(conversation, "reset password again")  # events 5-6
            rest, _ = await read_events(http, conversation, 3, **{"Last-Event-ID": "3"})
            assert [e.id for e in rest] == [4, 5, 6]
            tail, _ = await read_events(http, conversation, 1, **{"Last-Event-ID": "5"})
            assert [e.id for e in tail] == [6]

            async def idle_then_message() -> None:
                await asyncio.sleep(0.8)  # long enough for a heartbeat at 0.3 s
                await user_api.send(conversation, "one more")

            sender = asyncio.create_task(idle_then_message())
            live, comments = await read_events(http, conversation, 1, **{"Last-Event-ID": "6"})
            await sender
            assert [e.id for e in live] == [7] and live[0].data["role"] == "user"
            assert ": keep-alive" in comments

            bad = await http.get(
                f"/v1/conversations/{conversation.id}/events",
                headers={"Authorization": f"Bearer {conversation.token}", "Last-Event-ID": "x"},
            )
            assert (bad.status_code, bad.json()["error"]["code"]) == (422, "invalid_cursor")
    finally:
        server.stop()


async def test_open_streams_end_cleanly_on_shutdown(tmp_path: Path) -> None:
    db = {"database_url": f"sqlite+aiosqlite:///{tmp_path / 's.db'}"}
    server = await ServerProcess(db, tmp_path / "server.log").start()
    try:
        async with AsyncWalletbotClient(server.url) as user_api:
            conversation = await user_api.create_conversation()
            await user_api.send(conversation, "hello")
            received: list[StreamEvent] = []

            async def listen() -> None:
                async for event in user_api.events(conversation):
                    received.append(event)

            listener = asyncio.create_task(listen())

            async def two_received() -> bool:
                return len(received) >= 2

            await until(two_received)
            server.kill(signal.SIGTERM)
            await asyncio.wait_for(listener, timeout=10)  # the stream ended by itself
        # uvicorn re-raises the signal after its graceful shutdown, hence -SIGTERM, not a kill.
        assert await asyncio.to_thread(server.wait) in (0, -signal.SIGTERM)
    finally:
        server.stop()
