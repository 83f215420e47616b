"""A statement that fails puts none of its parameters (what users wrote) into logs, exception
messages or the response: the engines hide them (storage/db.py).

The failure is forced: the events table is renamed, so storing a message fails at its last
INSERT, whose parameters hold the message's text. Every logger is captured at DEBUG, which also
switches on SQLAlchemy's own statement logging, through a real server in this process (its
error log is the one that reports the failure)."""

from __future__ import annotations

import logging
from typing import Any

import httpx
import pytest
from sqlalchemy import text

from tests.support.engine import ScriptedEngine
from tests.support.fixtures import make_settings
from tests.support.servers import serving
from walletbot.app_state import AppState
from walletbot.main import create_app
from walletbot.storage.db import Database

MARKER = "zebra-harbour-7731"  # nothing masks it: it reaches the statement's parameters
SECRET = "Hunter2!x"


async def rename(database: Database, old: str, new: str) -> None:
    async with database.transaction() as session:
        await session.execute(text(f"ALTER TABLE {old} RENAME TO {new}"))


async def test_a_failing_statement_logs_no_user_text(
    db_settings: dict[str, Any], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    app = create_app(make_settings(db_settings), engine=ScriptedEngine())  # type: ignore[arg-type]
    async with serving(app) as url, httpx.AsyncClient(base_url=url, timeout=10) as http:
        created = (await http.post("/v1/conversations", json={"lang": "en"})).json()
        auth = {"Authorization": f"Bearer {created['token']}"}
        database: Database = AppState.of(app).database
        await rename(database, "events", "events_hidden")
        try:
            response = await http.post(
                f"/v1/conversations/{created['id']}/messages",
                json={
                    "text": f"my password is {SECRET} and my nickname {MARKER}",
                    "client_message_id": "m-1",
                },
                headers=auth,
            )
        finally:
            await rename(database, "events_hidden", "events")
    assert response.status_code == 500
    assert "events" in caplog.text  # the failure itself was logged, with its statement
    for leaked in (MARKER, SECRET):
        assert leaked not in response.text
        assert leaked not in caplog.text
