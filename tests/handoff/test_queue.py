"""The queue, claims and agent actions through the API, on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio

import pytest

from tests.support.fixtures import AppFactory, api
from tests.support.servers import until
from walletbot.client import ApiError, AsyncWalletbotClient, Conversation


async def queued(user: AsyncWalletbotClient, text: str = "agent please") -> Conversation:
    conversation = await user.create_conversation(lang="en")
    assert (await user.send(conversation, text))["state"]["status"] == "queued"
    return conversation


async def test_priority_then_first_come_first_served(
    user: AsyncWalletbotClient, alice: AsyncWalletbotClient
) -> None:
    await alice.heartbeat()
    normal_1 = await queued(user)
    normal_2 = await queued(user)
    urgent = await queued(user, "my wallet was stolen")
    listing = await alice.queue()
    assert [i["conversation_id"] for i in listing["items"]] == [urgent.id, normal_1.id, normal_2.id]
    assert [i["position"] for i in listing["items"]] == [1, 2, 3]
    head = listing["items"][0]
    assert (head["priority"], head["reason"], head["category"]) == (
        "urgent",
        "urgent",
        "human_agent",
    )
    assert head["transcript"][0]["role"] == "user"
    claimed = [(await alice.claim_next()) for _ in range(3)]
    assert [c["conversation_id"] for c in claimed if c] == [urgent.id, normal_1.id, normal_2.id]
    assert await alice.claim_next() is None


async def test_waiting_users_see_their_position_fall(
    user: AsyncWalletbotClient, alice: AsyncWalletbotClient
) -> None:
    await alice.heartbeat()
    ahead = await queued(user)
    me = await queued(user)
    assert (await user.messages(me))["events"][-1]["data"]["position"] == 2
    await alice.claim(ahead.id)

    async def moved_up() -> bool:
        events = (await user.messages(me))["events"]
        return any(e["type"] == "queue" and e["data"]["position"] == 1 for e in events)

    await until(moved_up)
    state = (await user.messages(me))["events"][-1]["data"]
    assert state["estimated_wait_seconds"] > 0 and "You are next" in state["text"]


async def test_concurrent_claims_hand_out_each_conversation_once(
    app_factory: AppFactory,
) -> None:
    app = await app_factory()
    async with api(app) as user, api(app, "alice") as alice, api(app, "bob") as bob:
        await alice.heartbeat()
        ids = {(await queued(user)).id for _ in range(8)}
        claims = await asyncio.gather(*((alice if i % 2 else bob).claim_next() for i in range(12)))
        got = [c["conversation_id"] for c in claims if c is not None]
        assert sorted(got) == sorted(ids)


async def test_claiming_a_resolved_conversation_is_409(
    user: AsyncWalletbotClient, alice: AsyncWalletbotClient
) -> None:
    await alice.heartbeat()
    conversation = await queued(user)
    await alice.claim(conversation.id)
    await alice.reply(conversation.id, "Hi, I'm Alice. Fixed it.")
    await alice.resolve(conversation.id)
    with pytest.raises(ApiError) as error:
        await alice.claim(conversation.id)
    assert (error.value.status, error.value.code) == (409, "not_queued")
    with pytest.raises(ApiError) as error:
        await alice.reply(conversation.id, "late")
    assert (error.value.status, error.value.code) == (409, "not_claimed")


async def test_another_agents_claim_is_off_limits(
    user: AsyncWalletbotClient, alice: AsyncWalletbotClient, bob: AsyncWalletbotClient
) -> None:
    await alice.heartbeat()
    conversation = await queued(user)
    await alice.claim(conversation.id)
    with pytest.raises(ApiError) as error:
        await bob.reply(conversation.id, "mine now")
    assert (error.value.status, error.value.code) == (403, "claimed_by_other")


async def test_agent_reply_reaches_the_user_masked(
    user: AsyncWalletbotClient, alice: AsyncWalletbotClient
) -> None:
    await alice.heartbeat()
    conversation = await queued(user)
    await alice.claim(conversation.id)
    await alice.reply(conversation.id, "Call me at 13812345678")
    events = (await user.messages(conversation))["events"]
    agent_lines = [
        e["data"] for e in events if e["type"] == "message" and e["data"]["role"] == "agent"
    ]
    assert agent_lines[0]["author"] == "alice" and "13812345678" not in agent_lines[0]["text"]
    assert any(e["type"] == "status" and e["data"]["status"] == "assigned" for e in events)


async def test_hand_back_lets_the_bot_answer_again(
    user: AsyncWalletbotClient, alice: AsyncWalletbotClient
) -> None:
    await alice.heartbeat()
    conversation = await queued(user)
    await alice.claim(conversation.id)
    assert (await user.send(conversation, "reset password"))["reply"] is None
    await alice.hand_back(conversation.id)
    assert (await user.send(conversation, "reset password"))["reply"]["action"] == "answer"


async def test_release_returns_to_the_queue_keeping_the_place(
    user: AsyncWalletbotClient, alice: AsyncWalletbotClient
) -> None:
    await alice.heartbeat()
    first = await queued(user)
    await queued(user)
    await alice.claim(first.id)
    await alice.release(first.id)
    assert (await alice.queue())["items"][0]["conversation_id"] == first.id


async def test_expired_claim_returns_to_the_queue(app_factory: AppFactory) -> None:
    app = await app_factory(claim_lease_seconds=0.3)
    async with api(app) as user, api(app, "alice") as alice, api(app, "bob") as bob:
        await alice.heartbeat()
        conversation = await queued(user)
        await alice.claim(conversation.id)

        async def back_in_queue() -> bool:
            items = (await bob.queue())["items"]  # bob's calls renew only bob's leases
            return [i["conversation_id"] for i in items] == [conversation.id]

        await until(back_in_queue)
        assert (await bob.claim_next())["conversation_id"] == conversation.id  # type: ignore[index]


async def test_agent_keys_are_checked(app_factory: AppFactory) -> None:
    app = await app_factory()
    async with api(app) as nobody:
        nobody._calls.agent_key = "wrong-key-0123456789"
        with pytest.raises(ApiError) as error:
            await nobody.queue()
        assert (error.value.status, error.value.code) == (401, "invalid_agent_key")
    async with api(app, "alice") as alice:
        with pytest.raises(ApiError) as error:
            await alice._do(alice._calls.agent_call("GET", "/agents"))
        assert error.value.status == 403
    async with api(app, "root") as root:
        listed = await root._do(root._calls.agent_call("GET", "/agents"))
        assert [a["name"] for a in listed["agents"]] == ["root"]
