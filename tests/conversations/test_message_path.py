"""A user's message is stored by one function in one transaction, whatever the bot decides
(conversations.service.send): on SQLite and PostgreSQL, through the API."""

from __future__ import annotations

import asyncio

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import func, select, text

from walletbot.app_state import AppState
from walletbot.client import ApiError, AsyncWalletbotClient
from walletbot.storage.db import Database
from walletbot.storage.models import Event, Message, Ticket


async def stored_counts(database: Database) -> tuple[int, int, int]:
    """(messages, events, tickets) in the database."""
    async with database.reader() as session:
        counts = [
            await session.scalar(select(func.count()).select_from(table))
            for table in (Message, Event, Ticket)
        ]
    return counts[0] or 0, counts[1] or 0, counts[2] or 0


async def rename(database: Database, old: str, new: str) -> None:
    async with database.transaction() as session:
        await session.execute(text(f"ALTER TABLE {old} RENAME TO {new}"))


async def test_a_hand_off_is_stored_with_its_message_or_not_at_all(
    app: FastAPI, user: AsyncWalletbotClient
) -> None:
    """Nobody on duty: the hand-off opens a ticket. When that fails, the user's message, the
    bot's answer and their events are not stored either, and a retry stores everything once."""
    database: Database = AppState.of(app).database
    conversation = await user.create_conversation(lang="en")
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)  # a 500, as served
    await rename(database, "tickets", "tickets_away")
    try:
        async with AsyncWalletbotClient("http://test", transport=transport) as served:
            with pytest.raises(ApiError) as failed:
                await served.send(conversation, "agent please", client_message_id="m-1")
        assert failed.value.status == 500
    finally:
        await rename(database, "tickets_away", "tickets")
    assert await stored_counts(database) == (0, 0, 0)

    handed = await user.send(conversation, "agent please", client_message_id="m-1")
    assert handed["state"]["status"] == "ticket" and handed["notice"]
    assert await user.send(conversation, "agent please", client_message_id="m-1") == handed
    events = (await user.messages(conversation))["events"]
    assert [e["type"] for e in events] == ["message", "message", "status"]
    assert await stored_counts(database) == (2, 3, 1)


async def test_a_retry_after_a_hand_off_to_the_queue_replays_its_answer(
    user: AsyncWalletbotClient, alice: AsyncWalletbotClient
) -> None:
    await alice.heartbeat()
    conversation = await user.create_conversation(lang="zh")
    queued = await user.send(conversation, "我要人工客服", client_message_id="m-1")
    assert queued["state"]["status"] == "queued" and queued["state"]["position"] == 1
    assert await user.send(conversation, "我要人工客服", client_message_id="m-1") == queued
    waiting = await user.send(conversation, "还要等多久？", client_message_id="m-2")
    # Queued, not yet an agent's: the bot replies with where the user stands, and stores its
    # reply with the message (docs/dialogue.md, "While waiting").
    assert "您仍在排队：您是下一位" in waiting["reply"]["reply"]
    assert await user.send(conversation, "还要等多久？", client_message_id="m-2") == waiting
    assert waiting["state"]["position"] == 1
    users = [
        e["data"]["text"]
        for e in (await user.messages(conversation))["events"]
        if e["type"] == "message" and e["data"]["role"] == "user"
    ]
    assert users == ["我要人工客服", "还要等多久？"]


async def test_concurrent_messages_of_one_conversation_log_in_order_once_each(
    user: AsyncWalletbotClient,
) -> None:
    """The conversation's row lock makes them take turns: event ids run 1..n with no gap or
    repeat, and each message is answered right after itself."""
    conversation = await user.create_conversation(lang="en")
    texts = [f"reset password {n}" for n in range(12)]
    results = await asyncio.gather(
        *(user.send(conversation, t, client_message_id=f"m-{n}") for n, t in enumerate(texts))
    )
    assert sorted(r["message"]["text"] for r in results) == sorted(texts)
    events = (await user.messages(conversation))["events"]
    assert [e["id"] for e in events] == list(range(1, 25))
    pairs = list(zip(events[::2], events[1::2], strict=True))
    assert all(
        question["data"]["role"] == "user"
        and answer["data"]["reply_to"] == question["data"]["message_id"]
        for question, answer in pairs
    )
    assert sorted(q["data"]["text"] for q, _ in pairs) == sorted(texts)
