"""The conversation API through the ASGI transport, on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio

import httpx
import pytest

from walletbot.client import ApiError, AsyncWalletbotClient, Conversation


async def test_answer_is_stored_masked_and_logged_in_order(user: AsyncWalletbotClient) -> None:
    conversation = await user.create_conversation(lang="en")
    assert conversation.created["status"] == "bot"
    result = await user.send(conversation, "reset my password, my card is 4111 1111 1111 1111")
    assert result["reply"]["action"] == "answer"
    assert "4111 1111 1111 1111" not in result["message"]["text"]
    page = await user.messages(conversation)
    assert [e["id"] for e in page["events"]] == [1, 2]
    assert page["cursor"] == "2"
    assert "4111" not in str(page)
    assert (await user.messages(conversation, after=page["cursor"]))["events"] == []


async def test_retry_returns_the_same_result_and_stores_nothing_twice(
    user: AsyncWalletbotClient,
) -> None:
    conversation = await user.create_conversation()
    first = await user.send(conversation, "reset password", client_message_id="m-1")
    again = await user.send(conversation, "reset password", client_message_id="m-1")
    assert again == first
    assert len((await user.messages(conversation))["events"]) == 2
    with pytest.raises(ApiError) as error:
        await user.send(conversation, "something else", client_message_id="m-1")
    assert (error.value.status, error.value.code) == (409, "client_message_id_reused")


async def test_concurrent_retries_store_once(user: AsyncWalletbotClient) -> None:
    conversation = await user.create_conversation()
    results = await asyncio.gather(
        *(user.send(conversation, "reset password", client_message_id="same") for _ in range(5))
    )
    assert all(r == results[0] for r in results)
    assert len((await user.messages(conversation))["events"]) == 2


async def test_unknown_conversation_and_foreign_token_look_alike(
    user: AsyncWalletbotClient, raw: httpx.AsyncClient
) -> None:
    mine = await user.create_conversation()
    theirs = await user.create_conversation()
    for target in (Conversation("0" * 32, mine.token), Conversation(theirs.id, mine.token)):
        with pytest.raises(ApiError) as error:
            await user.send(target, "hello")
        assert (error.value.status, error.value.code) == (404, "conversation_not_found")
    response = await raw.get(f"/v1/conversations/{mine.id}/messages")
    assert response.status_code == 401


@pytest.mark.parametrize("cursor", ["abc", "-1", "1.5", "9" * 30])
async def test_malformed_cursor_is_422(user: AsyncWalletbotClient, cursor: str) -> None:
    conversation = await user.create_conversation()
    with pytest.raises(ApiError) as error:
        await user.messages(conversation, after=cursor)
    assert (error.value.status, error.value.code) == (422, "invalid_cursor")


@pytest.mark.parametrize("text", ["   ", "\u200b\u200b"])
async def test_empty_text_reuses_the_chat_rule(user: AsyncWalletbotClient, text: str) -> None:
    conversation = await user.create_conversation()
    with pytest.raises(ApiError) as error:
        await user.send(conversation, text)
    assert (error.value.status, error.value.code) == (422, "empty_text")


@pytest.mark.parametrize("body", [{"rating": 0}, {"rating": 6}, {"rating": 3, "helpful": True}, {}])
async def test_invalid_feedback_is_422(raw: httpx.AsyncClient, body: dict[str, object]) -> None:
    created = (await raw.post("/v1/conversations", json={})).json()
    response = await raw.post(
        f"/v1/conversations/{created['id']}/feedback",
        json=body,
        headers={"Authorization": f"Bearer {created['token']}"},
    )
    assert response.status_code == 422


async def test_low_confidence_clarifies_first_then_hands_off(
    user: AsyncWalletbotClient, alice: AsyncWalletbotClient
) -> None:
    await alice.heartbeat()
    conversation = await user.create_conversation(lang="en")
    first = await user.send(conversation, "gibberish one")
    assert first["reply"]["action"] == "clarify"
    assert first["reply"]["suggestions"] and first["state"]["status"] == "bot"
    second = await user.send(conversation, "gibberish two")
    assert second["reply"]["action"] == "handoff"
    assert second["state"]["status"] == "queued" and second["state"]["position"] == 1
    assert second["state"]["suggestions"], "closest FAQ answers are offered while waiting"
    assert "You are next in the queue" in second["notice"]


async def test_greetings_never_hand_off(
    user: AsyncWalletbotClient, alice: AsyncWalletbotClient
) -> None:
    await alice.heartbeat()
    conversation = await user.create_conversation()
    for text in ("gibberish", "hello", "gibberish", "hello"):
        result = await user.send(conversation, text)
        assert result["state"]["status"] == "bot"


async def test_two_unhelpful_answers_hand_off(
    user: AsyncWalletbotClient, alice: AsyncWalletbotClient
) -> None:
    await alice.heartbeat()
    conversation = await user.create_conversation(lang="zh")
    answers = [await user.send(conversation, f"重置密码 {i}") for i in range(2)]
    first = await user.mark_answer(conversation, answers[0]["reply"]["message_id"], helpful=False)
    assert first["state"]["status"] == "bot"
    again = await user.mark_answer(conversation, answers[0]["reply"]["message_id"], helpful=False)
    assert again["state"]["status"] == "bot", "the same answer counts once"
    second = await user.mark_answer(conversation, answers[1]["reply"]["message_id"], helpful=False)
    assert second["state"]["status"] == "queued"
    assert "下一位就是您" in second["notice"]


async def test_feedback_on_unknown_message_is_409(user: AsyncWalletbotClient) -> None:
    conversation = await user.create_conversation()
    with pytest.raises(ApiError) as error:
        await user.mark_answer(conversation, 999_999, helpful=True)
    assert (error.value.status, error.value.code) == (409, "message_not_found")


async def test_a_waiting_user_is_answered_and_keeps_their_place(
    user: AsyncWalletbotClient, alice: AsyncWalletbotClient
) -> None:
    await alice.heartbeat()
    conversation = await user.create_conversation(lang="en")
    handed = await user.send(conversation, "my account was stolen!")
    assert handed["state"]["status"] == "queued"
    waiting = await user.send(conversation, "are you there? reset password")
    assert waiting["reply"]["action"] == "answer" and waiting["state"]["position"] == 1
    assert "You are still in the queue: you are next" in waiting["reply"]["reply"]
    assert waiting["state"]["status"] == "queued"
    claimed = await alice.claim_next()
    assert claimed is not None and claimed["priority"] == "urgent"
    assert [line["role"] for line in claimed["transcript"]] == ["user", "bot", "user", "bot"]


async def test_the_bot_is_silent_once_an_agent_has_the_conversation(
    user: AsyncWalletbotClient, alice: AsyncWalletbotClient
) -> None:
    await alice.heartbeat()
    conversation = await user.create_conversation(lang="en")
    await user.send(conversation, "agent please")
    assert await alice.claim_next() is not None
    sent = await user.send(conversation, "hello? reset password")
    assert sent["reply"] is None and sent["state"]["status"] == "assigned"
