"""PostgreSQL: an instance's event streams are woken by NOTIFY when another instance commits
events, and still after the listening connection was dropped (storage/listener.py). Two apps
share one database, each behind its own server in this process; streams never poll."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest

from tests.support.engine import ScriptedEngine
from tests.support.fixtures import make_settings, terminate_backends
from tests.support.servers import serving, until
from walletbot.app_state import AppState
from walletbot.client import AsyncWalletbotClient, Conversation, SseParser, StreamEvent
from walletbot.main import create_app

pytestmark = pytest.mark.postgres


async def read_events(
    http: httpx.AsyncClient, conversation: Conversation, after: int, count: int
) -> list[StreamEvent]:
    events: list[StreamEvent] = []
    parser = SseParser()
    headers = {"Authorization": f"Bearer {conversation.token}", "Last-Event-ID": str(after)}
    async with http.stream(
        "GET", f"/v1/conversations/{conversation.id}/events", headers=headers
    ) as response:
        assert response.status_code == 200
        async for line in response.aiter_lines():
            if (event := parser.feed(line)) is not None:
                events.append(event)
                if len(events) == count:
                    break
    return events


async def test_streams_are_woken_by_other_instances_even_after_the_listener_dropped(
    pg_settings: dict[str, Any],
) -> None:
    settings = make_settings(pg_settings, event_poll_seconds=3600)
    a = create_app(settings, engine=ScriptedEngine())  # type: ignore[arg-type]
    b = create_app(settings, engine=ScriptedEngine())  # type: ignore[arg-type]
    async with (
        serving(a) as url_a,
        serving(b) as url_b,
        AsyncWalletbotClient(url_a) as user_on_a,
        httpx.AsyncClient(base_url=url_b, timeout=10) as http_b,
    ):
        conversation = await user_on_a.create_conversation(lang="en")
        listening = asyncio.create_task(read_events(http_b, conversation, 0, 2))
        await asyncio.sleep(0.5)  # the stream on B is open and idle
        await user_on_a.send(conversation, "reset password")
        assert [e.id for e in await asyncio.wait_for(listening, 10)] == [1, 2]

        state_b = AppState.of(b)
        assert state_b.listener is not None
        dropped = state_b.listener.backend_pid
        assert dropped is not None
        listening = asyncio.create_task(read_events(http_b, conversation, 2, 2))
        await asyncio.sleep(0.5)
        await terminate_backends({dropped})  # B's LISTEN connection is gone
        # Sent while B is not listening: its notification is lost. B looks again once it
        # listens again.
        await user_on_a.send(conversation, "reset password again")
        assert [e.id for e in await asyncio.wait_for(listening, 15)] == [3, 4]

        async def listening_again() -> bool:
            pid = state_b.listener.backend_pid if state_b.listener else None
            return pid is not None and pid != dropped

        await until(listening_again)
