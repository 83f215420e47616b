"""Statements run straight on the driver (storage/direct.py) store and read exactly what the ORM
does, inside the session's transaction, on SQLite and on PostgreSQL."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, text

from tests.support.thread_trips import record_thread_trips
from walletbot.conversations import repository as repo
from walletbot.storage.db import Database
from walletbot.storage.direct import direct
from walletbot.storage.models import Conversation, Message

T0 = datetime(2026, 1, 29, 8, 30, 15, 123456, tzinfo=UTC)


@pytest.fixture
async def database(db_settings: dict[str, Any]) -> AsyncIterator[Database]:
    database = Database(db_settings["database_url"], schema=db_settings.get("database_schema"))
    await database.migrate()
    try:
        yield database
    finally:
        await database.dispose()


async def add_conversation(database: Database, conversation_id: str, **values: Any) -> None:
    async with database.transaction() as session:
        session.add(
            Conversation(
                id=conversation_id,
                token_hash="h" * 64,
                created_at=T0,
                updated_at=T0,
                **{"status": "bot", **values},
            )
        )


async def stored(database: Database, sql: str, **params: Any) -> list[tuple[Any, ...]]:
    """Rows as the database holds them, without the ORM's conversions."""
    async with database.reader() as session:
        return [tuple(row) for row in (await session.execute(text(sql), params)).all()]


def message(conversation_id: str, client_message_id: str, **values: Any) -> repo.NewMessage:
    return repo.NewMessage(
        conversation_id=conversation_id,
        role="user",
        text="我的钱包被冻结了 · frozen",
        client_message_id=client_message_id,
        created_at=T0,
        **values,
    )


def vars_of(new: repo.NewMessage) -> dict[str, Any]:
    """Its set values (an unset JSON column is NULL for the ORM; None would be JSON null)."""
    return {
        key: value
        for key in new.__slots__
        if key != "id" and (value := getattr(new, key)) is not None
    }


MESSAGE_COLUMNS = (
    "role, text, author, client_message_id, reply_to, decision, result, helpful, created_at"
)


async def test_a_message_is_stored_as_the_orm_stores_it(database: Database) -> None:
    await add_conversation(database, "c1")
    decision = {"category": "frozen_account", "confidence": 0.8125, "text": "已冻结"}
    async with database.transaction() as session:
        by_orm = Message(**vars_of(message("c1", "orm", decision=decision, helpful=False)))
        session.add(by_orm)
        await session.flush()
        by_driver = message("c1", "direct", decision=decision, helpful=False)
        await repo.insert_message(session, by_driver)
        assert by_driver.id is not None and by_driver.id != by_orm.id
        found = await repo.lock_for_message(session, "c1", "turn")
        assert found is not None
        in_turn = message("c1", "turn", decision=decision, helpful=False, id=found.message_ids[0])
        await repo.store_turn(session, found.conversation, [in_turn], [("message", {})])
    rows = await stored(
        database, f"SELECT {MESSAGE_COLUMNS} FROM messages ORDER BY client_message_id DESC"
    )
    # Columns the direct inserts leave out of the ORM's INSERT (result, author...) are NULL,
    # not JSON null, in all three.
    assert [row[3] for row in rows] == ["turn", "orm", "direct"]
    assert rows[0][:3] + rows[0][4:] == rows[1][:3] + rows[1][4:] == rows[2][:3] + rows[2][4:]
    assert rows[0][6] is None  # result: SQL NULL


async def test_a_turn_stores_its_messages_events_and_answer(database: Database) -> None:
    await add_conversation(database, "c1", lang="en")
    answer = '{"reply": {"text": "已重置 · reset"}, "n": 0.8125}'
    async with database.transaction() as session:
        found = await repo.lock_for_message(session, "c1", "m-1")
        assert found is not None and found.earlier is None and found.open_ticket is None
        user_id, bot_id = found.message_ids
        assert bot_id is not None and user_id != bot_id
        conversation = found.conversation
        conversation.status, conversation.low_confidence_streak = "bot", 1
        user = message("c1", "m-1", id=user_id, result=answer)
        bot = repo.NewMessage(
            id=bot_id, conversation_id="c1", role="bot", text="ok", reply_to=user_id, created_at=T0
        )
        events = [("message", {"message_id": user_id}), ("message", {"message_id": bot_id})]
        await repo.store_turn(session, conversation, [user, bot], events)
        assert conversation.event_seq == 2
    async with database.transaction() as session:
        again = await repo.lock_for_message(session, "c1", "m-1")
        other = await repo.lock_for_message(session, "c1", "m-2")
    assert again is not None and other is not None
    assert again.earlier == (user.text, answer)  # the answer's JSON, as it was sent
    assert other.earlier is None
    assert (again.conversation.event_seq, again.conversation.low_confidence_streak) == (2, 1)
    assert await stored(database, "SELECT id, reply_to FROM messages ORDER BY id") == [
        (user_id, None),
        (bot_id, user_id),
    ]
    assert await stored(database, "SELECT seq, payload FROM events ORDER BY seq") == [
        (1, {"message_id": user_id} if database.is_postgres else f'{{"message_id": {user_id}}}'),
        (2, {"message_id": bot_id} if database.is_postgres else f'{{"message_id": {bot_id}}}'),
    ]


async def test_a_silent_turn_takes_one_id(database: Database) -> None:
    """A conversation an agent has (assigned) gets no id for a bot answer; while the user waits
    (queued, ticket) the bot still replies (docs/dialogue.md, "While waiting")."""
    await add_conversation(database, "c1", status="assigned")
    async with database.transaction() as session:
        found = await repo.lock_for_message(session, "c1", "m-1")
    assert found is not None and found.message_ids[1] is None


async def test_a_conversation_reads_as_the_orm_reads_it(database: Database) -> None:
    queued_at = T0 + timedelta(seconds=5)
    await add_conversation(
        database, "c1", lang="zh", confidence=0.4375, queued_at=queued_at, priority_rank=2
    )
    async with database.reader() as session:
        by_orm = (await session.execute(select(Conversation))).scalar_one()
        expected = {c.key: getattr(by_orm, c.key) for c in repo.CONVERSATIONS.columns}
    async with database.transaction() as session:
        conversation = await repo.get_conversation(session, "c1", lock=True)
        assert conversation is not None
        assert {key: getattr(conversation, key) for key in expected} == expected
        assert conversation.queued_at == queued_at and conversation.queued_at.tzinfo is UTC
        # As if loaded by a query: persistent, with nothing to flush.
        assert conversation in session and not session.dirty
        assert await repo.get_conversation(session, "missing") is None


async def test_a_detached_conversation_saves_through_the_event_log_or_once_attached(
    database: Database,
) -> None:
    await add_conversation(database, "c1")
    await add_conversation(database, "c2")
    async with database.transaction() as session:
        found = [await repo.lock_for_message(session, c, "m-1") for c in ("c1", "c2")]
        assert found[0] is not None and found[1] is not None
        first, second = found[0].conversation, found[1].conversation
        assert first not in session and second not in session
        first.status = "ticket"
        await repo.append_events(session, first, [("status", {"status": "ticket"})])
        second.status = "queued"
        repo.attach(session, second)
        assert second in session
        await session.flush()  # the unit of work now saves it
    rows = await stored(database, "SELECT id, status, event_seq FROM conversations ORDER BY id")
    assert rows == [("c1", "ticket", 1), ("c2", "queued", 0)]


async def test_a_conversation_held_by_the_session_is_refreshed_from_its_row(
    database: Database,
) -> None:
    await add_conversation(database, "c1")
    async with database.transaction() as session:
        first = await repo.get_conversation(session, "c1")
        assert first is not None
        first.status = "queued"  # unsaved: the row replaces it, as populate_existing did
        again = await repo.get_conversation(session, "c1")
        assert again is first and again.status == "bot"


async def test_direct_statements_roll_back_with_the_transaction(database: Database) -> None:
    """They run inside the session's transaction, even as its first statement (on
    PostgreSQL, SQLAlchemy's adapter opens the transaction only at its own first one)."""
    await add_conversation(database, "c1")
    with pytest.raises(RuntimeError):
        async with database.transaction() as session:
            await repo.insert_message(session, message("c1", "m-1"))
            raise RuntimeError("the request failed")
    assert await stored(database, "SELECT count(*) FROM messages") == [(0,)]


async def test_events_take_the_next_seqs_and_the_conversation_its_changes(
    database: Database,
) -> None:
    await add_conversation(database, "c1")
    async with database.transaction() as session:
        conversation = await repo.get_conversation(session, "c1", lock=True)
        assert conversation is not None
        conversation.status, conversation.lang = "queued", "en"
        await repo.append_events(session, conversation, [("message", {"text": "一"})])
        await repo.append_events(
            session, conversation, [("status", {"n": 2}), ("queue", {"position": 1})]
        )
        assert not session.is_modified(conversation)  # saved by the counter's UPDATE
    events = await stored(database, "SELECT seq, type FROM events ORDER BY seq")
    assert events == [(1, "message"), (2, "status"), (3, "queue")]
    async with database.reader() as session:
        saved = (await session.execute(select(Conversation))).scalar_one()
    assert (saved.status, saved.lang, saved.event_seq) == ("queued", "en", 3)
    assert saved.updated_at > T0  # the column's onupdate default, computed without SQLAlchemy


async def test_a_stored_result_is_json(database: Database) -> None:
    await add_conversation(database, "c1")
    async with database.transaction() as session:
        sent = message("c1", "m-1")
        await repo.insert_message(session, sent)
        assert sent.id is not None
        await repo.set_result(session, sent.id, '{"reply":{"text":"您好"},"notice":null}')
    async with database.transaction() as session:
        found = await repo.lock_for_message(session, "c1", "m-1")
    assert found is not None
    assert found.earlier == ("我的钱包被冻结了 · frozen", '{"reply":{"text":"您好"},"notice":null}')
    async with database.reader() as session:  # JSON for the ORM too
        stored_message = (await session.execute(select(Message))).scalar_one()
    assert stored_message.result == {"reply": {"text": "您好"}, "notice": None}


async def test_each_transaction_of_a_session_gets_its_own_connection() -> None:
    """A session that commits and begins again (on a pooled connection: PostgreSQL's, or an
    in-memory SQLite database's) finds its new transaction's connection."""
    database = Database("sqlite+aiosqlite:///:memory:")
    await database.migrate()
    await add_conversation(database, "c1")
    async with database.transaction() as session:
        await repo.insert_message(session, message("c1", "m-1"))
        await session.commit()
        await repo.insert_message(session, message("c1", "m-2"))
        await session.rollback()
        await repo.insert_message(session, message("c1", "m-3"))
    rows = await stored(database, "SELECT client_message_id FROM messages ORDER BY id")
    assert rows == [("m-1",), ("m-3",)]
    await database.dispose()


async def test_the_sqlite_writer_runs_direct_statements_in_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    database = Database(f"sqlite+aiosqlite:///{tmp_path / 'w.db'}")
    await database.migrate()
    await add_conversation(database, "c1")
    trips = record_thread_trips(monkeypatch)
    async with database.transaction() as session:
        conversation = await repo.get_conversation(session, "c1", lock=True)
        assert conversation is not None
        await repo.insert_message(session, message("c1", "m-1"))
        await repo.append_events(session, conversation, [("message", {}), ("status", {})])
    assert trips == ["commit"]
    trips.clear()
    async with database.reader() as session:  # a reader's connection makes the trip
        assert await repo.get_conversation(session, "c1") is not None
    assert "_execute_fetchall" in trips
    await database.dispose()


async def test_a_missing_value_is_an_error_not_a_null(database: Database) -> None:
    await add_conversation(database, "c1")
    async with database.transaction() as session:
        connection = await direct(session)
        with pytest.raises(KeyError, match="message_id"):
            await connection.execute(repo._SET_RESULT, {"result": "{}"})
        values = vars_of(message("c1", "m-1"))
        del values["role"]
        with pytest.raises(KeyError, match="role"):
            await (await direct(session)).first(repo._INSERT_MESSAGE, values, repo._MESSAGE_COLUMNS)
