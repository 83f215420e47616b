"""How many SQL statements one message costs: each takes 0.15-0.5 ms of CPU here, together about
half of a message's cost, so a new one on the hot path should be a decision, not an accident."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from fastapi import FastAPI
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncSession

from walletbot.client import AsyncWalletbotClient
from walletbot.storage.direct import PostgresDriver, SqliteDriver

DRIVERS = (SqliteDriver, PostgresDriver)


@contextmanager
def statements(app: FastAPI) -> Iterator[list[str]]:
    """The first word of every statement the requests of this task run (not the queue
    worker's; BEGIN and COMMIT excluded: they are not statements on PostgreSQL), whether
    through SQLAlchemy or straight on the driver (storage/direct.py)."""
    seen: list[str] = []
    engine = app.state.database.engine.sync_engine
    task = asyncio.current_task()

    def record_sql(sql: str) -> None:
        verb = sql.split(None, 1)[0].upper()
        if verb != "BEGIN" and asyncio.current_task() is task:
            seen.append(verb)

    def record(*args: Any) -> None:
        record_sql(args[2])

    def recording(method: Any) -> Any:
        async def wrapper(self: Any, sql: str, arguments: Any) -> Any:
            record_sql(sql)
            return await method(self, sql, arguments)

        return wrapper

    originals = [(driver, driver.fetch, driver.execute_many) for driver in DRIVERS]
    event.listen(engine, "before_cursor_execute", record)
    for driver, fetch, execute_many in originals:
        driver.fetch = recording(fetch)  # type: ignore[method-assign]
        driver.execute_many = recording(execute_many)  # type: ignore[method-assign]
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", record)
        for driver, fetch, execute_many in originals:
            driver.fetch = fetch  # type: ignore[method-assign]
            driver.execute_many = execute_many  # type: ignore[method-assign]


def stored(app: FastAPI) -> list[str]:
    """The statements that store a turn: the conversation's changes and event counter, the
    messages (with the answer), the events. On PostgreSQL one statement, its WITH clauses."""
    return ["WITH"] if app.state.database.is_postgres else ["UPDATE", "INSERT", "INSERT"]


async def test_a_message_the_bot_answers(app: FastAPI, user: AsyncWalletbotClient) -> None:
    conversation = await user.create_conversation(lang="en")
    with statements(app) as seen:
        answer = await user.send(conversation, "reset password", client_message_id="m-1")
    # The conversation (locked), with what the message needs: a message sent before under this
    # id, the open ticket, the new messages' ids. Then everything is stored.
    assert seen == ["SELECT", *stored(app)]

    with statements(app) as seen:
        assert await user.send(conversation, "reset password", client_message_id="m-1") == answer
    assert seen == ["SELECT"]  # a retry: the stored answer, read with the conversation


async def test_a_message_while_a_ticket_is_open(app: FastAPI, user: AsyncWalletbotClient) -> None:
    conversation = await user.create_conversation(lang="en")
    opened = await user.send(conversation, "agent please")  # nobody on duty: a ticket
    assert opened["state"]["status"] == "ticket"
    with statements(app) as seen:
        waiting = await user.send(conversation, "any news?")
    assert waiting["state"]["ticket"] == opened["state"]["ticket"]
    assert seen == ["SELECT", *stored(app)]  # the open ticket is read with the conversation


async def test_a_message_while_queued(
    app: FastAPI, user: AsyncWalletbotClient, alice: AsyncWalletbotClient
) -> None:
    await alice.heartbeat()
    conversation = await user.create_conversation(lang="en")
    assert (await user.send(conversation, "agent please"))["state"]["position"] == 1
    with statements(app) as seen:
        waiting = await user.send(conversation, "any news?")
    assert waiting["state"]["position"] == 1 and "still in the queue" in waiting["reply"]["reply"]
    # conversation · place and agents, recent claim waits: for the reply's notice, then for the
    # state (docs/dialogue.md, "While waiting")
    assert seen == ["SELECT", *(["SELECT", "SELECT"] * 2), *stored(app)]


async def test_only_a_hand_off_takes_a_session(
    app: FastAPI, user: AsyncWalletbotClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A message with no ORM work runs without a session (storage/lean.py; on PostgreSQL on
    asyncpg's own connection); one that hands off is rolled back there, before storing
    anything, and runs again in a session."""
    sessions: list[object] = []
    opened = AsyncSession.__init__
    task = asyncio.current_task()  # the requests' (not the queue worker's, which also has some)

    def counted(self: AsyncSession, *args: Any, **kwargs: Any) -> None:
        if asyncio.current_task() is task:
            sessions.append(self)
        opened(self, *args, **kwargs)

    conversation = await user.create_conversation(lang="zh")
    monkeypatch.setattr(AsyncSession, "__init__", counted)
    checkouts: list[object] = []
    engine = app.state.database.engine.sync_engine
    # The request's own checkouts: the queue worker's sweeps check out connections too.
    event.listen(
        engine,
        "checkout",
        lambda *_: checkouts.append(None) if asyncio.current_task() is task else None,
    )
    await user.send(conversation, "怎么重置密码", client_message_id="m-1")
    assert sessions == []
    # SQLite's writer checks out its one connection for each group it commits.
    assert len(checkouts) == (0 if app.state.database.is_postgres else 1)

    handed = await user.send(conversation, "转人工", client_message_id="m-2")
    assert handed["state"]["status"] == "ticket"
    assert len(sessions) == 1
    monkeypatch.undo()
    events = (await user.messages(conversation))["events"]
    texts = [e["data"]["text"] for e in events if e["type"] == "message"]
    users = [e["data"]["text"] for e in events if e["data"].get("role") == "user"]
    assert users == ["怎么重置密码", "转人工"]  # each stored once
    assert len(texts) == 4  # and each answered once
