"""Event streams over a real HTTP server in this process: they are capped per conversation and
per server (429 too_many_streams, Retry-After), give their slot back when the client leaves,
and are woken by the commit that logged an event, not by polling."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from typing import Any

import httpx

from tests.support.engine import ScriptedEngine
from tests.support.fixtures import make_settings
from tests.support.servers import serving, until
from walletbot.client import AsyncWalletbotClient, Conversation, SseParser, StreamEvent
from walletbot.main import create_app

NO_POLL = 3600.0  # a safety read so rare that a test only passes if wake-ups work


@asynccontextmanager
async def server(db_settings: dict[str, Any], **overrides: Any) -> AsyncIterator[str]:
    settings = make_settings(db_settings, **{"event_poll_seconds": NO_POLL, **overrides})
    async with serving(create_app(settings, engine=ScriptedEngine())) as url:  # type: ignore[arg-type]
        yield url


class Stream:
    """One open event stream: its response, and the events read from it so far."""

    def __init__(self, response: httpx.Response) -> None:
        self.response = response
        self.events: list[StreamEvent] = []
        self._lines = response.aiter_lines()
        self._parser = SseParser()

    async def next_event(self, within: float = 10) -> StreamEvent:
        async def read() -> StreamEvent:
            async for line in self._lines:
                if (event := self._parser.feed(line)) is not None:
                    self.events.append(event)
                    return event
            raise AssertionError("the stream ended")

        return await asyncio.wait_for(read(), within)


@asynccontextmanager
async def open_stream(
    http: httpx.AsyncClient, conversation: Conversation, after: int = 0
) -> AsyncIterator[httpx.Response]:
    headers = {"Authorization": f"Bearer {conversation.token}", "Last-Event-ID": str(after)}
    async with http.stream(
        "GET", f"/v1/conversations/{conversation.id}/events", headers=headers
    ) as response:
        if response.status_code != 200:
            await response.aread()
        yield response


async def metric(http: httpx.AsyncClient, name: str) -> float:
    for line in (await http.get("/metrics")).text.splitlines():
        if line.startswith(name + " "):
            return float(line.split()[1])
    raise AssertionError(f"{name} not in /metrics")


def refused(response: httpx.Response) -> bool:
    return (
        response.status_code == 429
        and response.json()["error"]["code"] == "too_many_streams"
        and int(response.headers["Retry-After"]) > 0
    )


async def test_streams_of_one_conversation_are_capped(tmp_path: Any) -> None:
    db = {"database_url": f"sqlite+aiosqlite:///{tmp_path / 's.db'}"}
    async with (
        server(db, max_streams_per_conversation=2, max_streams=10) as url,
        AsyncWalletbotClient(url) as user,
        httpx.AsyncClient(base_url=url, timeout=10) as http,
        AsyncExitStack() as streams,
    ):
        mine, other = await user.create_conversation(), await user.create_conversation()
        for _ in range(2):
            assert (await streams.enter_async_context(open_stream(http, mine))).status_code == 200
        async with open_stream(http, mine) as third:
            assert refused(third)
            assert third.json()["error"]["details"]["limit"] == 2
        async with open_stream(http, other) as elsewhere:  # another conversation: its own cap
            assert elsewhere.status_code == 200
        assert await metric(http, "walletbot_event_streams_refused_total") == 1
        assert await metric(http, "walletbot_event_streams_open") == 2

        await streams.aclose()  # the user closes both tabs: their slots come back

        async def all_closed() -> bool:
            return await metric(http, "walletbot_event_streams_open") == 0

        await until(all_closed)
        async with open_stream(http, mine) as again:
            assert again.status_code == 200


async def test_streams_of_one_server_are_capped(tmp_path: Any) -> None:
    db = {"database_url": f"sqlite+aiosqlite:///{tmp_path / 's.db'}"}
    async with (
        server(db, max_streams_per_conversation=5, max_streams=3) as url,
        AsyncWalletbotClient(url) as user,
        httpx.AsyncClient(base_url=url, timeout=10) as http,
        AsyncExitStack() as streams,
    ):
        conversations = [await user.create_conversation() for _ in range(4)]
        for conversation in conversations[:3]:
            opened = await streams.enter_async_context(open_stream(http, conversation))
            assert opened.status_code == 200
        async with open_stream(http, conversations[3]) as fourth:
            assert refused(fourth)
            assert fourth.json()["error"]["details"]["limit"] == 3
        # A conversation that is not the caller's is 404 before any slot is counted.
        stranger = Conversation(conversations[3].id, "not-the-token")
        async with open_stream(http, stranger) as unknown:
            assert unknown.status_code == 404


async def test_a_stream_is_woken_by_the_commit_that_logged_the_event(
    db_settings: dict[str, Any],
) -> None:
    """With the safety read an hour away, only a wake-up can deliver the events in time."""
    async with (
        server(db_settings) as url,
        AsyncWalletbotClient(url) as user,
        httpx.AsyncClient(base_url=url, timeout=10) as http,
    ):
        conversation = await user.create_conversation(lang="zh")
        await user.send(conversation, "你好")  # events 1-2, before the stream opens
        async with open_stream(http, conversation) as response:
            stream = Stream(response)
            assert [(await stream.next_event()).id for _ in range(2)] == [1, 2]
            sent = await user.send(conversation, "怎么重置密码")  # events 3-4, while it waits
            user_event, bot_event = await stream.next_event(), await stream.next_event()
        assert (user_event.id, bot_event.id) == (3, 4)
        assert user_event.data["message_id"] == sent["message"]["id"]
        assert bot_event.data["reply"]["message_id"] == sent["reply"]["message_id"]
