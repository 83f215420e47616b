"""Which conversations an agent may read, and the audit log of the reads (handoff/audit.py), on
SQLite and PostgreSQL.

An agent reads a conversation handed to people (queued, on a ticket, or claimed by that agent);
an admin reads any; every read is recorded, and only admins see the record."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from fastapi import FastAPI

from tests.support.fixtures import api
from walletbot.client import ApiError, AsyncWalletbotClient, Conversation


@pytest.fixture
async def root(app: FastAPI) -> AsyncIterator[AsyncWalletbotClient]:
    async with api(app, "root") as client:
        yield client


async def refused(call: object) -> tuple[int, str]:
    with pytest.raises(ApiError) as error:
        await call  # type: ignore[misc]
    return error.value.status, error.value.code


async def handed_off(user: AsyncWalletbotClient) -> Conversation:
    conversation = await user.create_conversation(lang="en")
    await user.send(conversation, "agent please")
    return conversation


async def test_a_conversation_never_handed_off_is_for_admins_only(
    user: AsyncWalletbotClient, alice: AsyncWalletbotClient, root: AsyncWalletbotClient
) -> None:
    conversation = await user.create_conversation(lang="en")
    await user.send(conversation, "how do I top up")
    assert await refused(alice.conversation(conversation.id)) == (403, "not_handed_off")
    assert (await root.conversation(conversation.id))["status"] == "bot"


async def test_queued_and_ticket_conversations_are_open_to_every_agent(
    user: AsyncWalletbotClient, alice: AsyncWalletbotClient, bob: AsyncWalletbotClient
) -> None:
    on_ticket = await handed_off(user)  # nobody on duty yet: a ticket
    await alice.heartbeat()
    queued = await handed_off(user)
    assert (await bob.conversation(on_ticket.id))["status"] == "ticket"
    assert (await bob.conversation(queued.id))["status"] == "queued"


async def test_a_claimed_conversation_is_its_agents_and_the_admins(
    user: AsyncWalletbotClient,
    alice: AsyncWalletbotClient,
    bob: AsyncWalletbotClient,
    root: AsyncWalletbotClient,
) -> None:
    await alice.heartbeat()
    conversation = await handed_off(user)
    await alice.claim(conversation.id)
    assert (await alice.conversation(conversation.id))["claimed_by"] == "alice"
    assert await refused(bob.conversation(conversation.id)) == (403, "claimed_by_other")
    assert (await root.conversation(conversation.id))["claimed_by"] == "alice"
    await alice.resolve(conversation.id)
    assert await refused(alice.conversation(conversation.id)) == (403, "not_handed_off")
    assert (await root.conversation(conversation.id))["status"] == "resolved"


async def test_unknown_and_malformed_ids(alice: AsyncWalletbotClient) -> None:
    assert await refused(alice.conversation("0" * 32)) == (404, "conversation_not_found")
    assert await refused(alice.conversation("not-an-id")) == (422, "invalid_request")


async def test_every_read_is_recorded_and_shown_to_admins_only(
    user: AsyncWalletbotClient,
    alice: AsyncWalletbotClient,
    bob: AsyncWalletbotClient,
    root: AsyncWalletbotClient,
) -> None:
    await alice.heartbeat()
    conversation = await handed_off(user)
    for _ in range(3):  # the console polls the queue: one entry per agent while it waits
        await alice.queue()
    await bob.queue()
    await bob.conversation(conversation.id)
    await alice.claim(conversation.id)
    await alice.conversation(conversation.id)
    await alice.conversation(conversation.id)
    await root.conversation(conversation.id)
    with pytest.raises(ApiError):
        await bob.conversation(conversation.id)  # refused: not recorded as a read

    entries = (await root.audit(conversation_id=conversation.id))["entries"]
    assert [(e["agent"], e["action"]) for e in entries] == [
        ("root", "view"),
        ("alice", "view"),
        ("alice", "view"),
        ("alice", "claim"),
        ("bob", "view"),
        ("bob", "queue"),
        ("alice", "queue"),
    ]
    assert {e["conversation_id"] for e in entries} == {conversation.id}
    assert entries[0]["role"] == "admin" and entries[-1]["role"] == "agent"
    only_bob = (await root.audit(agent="bob"))["entries"]
    assert [e["action"] for e in only_bob] == ["view", "queue"]
    assert await refused(alice.audit()) == (403, "admin_only")


async def test_claiming_the_next_is_recorded(
    user: AsyncWalletbotClient, alice: AsyncWalletbotClient, root: AsyncWalletbotClient
) -> None:
    await alice.heartbeat()
    conversation = await handed_off(user)
    assert (await alice.claim_next() or {})["conversation_id"] == conversation.id
    entries = (await root.audit(conversation_id=conversation.id))["entries"]
    assert [(e["agent"], e["action"]) for e in entries] == [("alice", "claim")]
