"""Tickets followed by number and code from another device, status moving when an agent writes,
the agent-typing event and the conversation language switch; on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime

import httpx
from hypothesis import given
from hypothesis import strategies as st

from tests.support.fixtures import KEYS
from walletbot.client import AsyncWalletbotClient, Conversation
from walletbot.handoff.notices import queued
from walletbot.handoff.ticket_follow import code_hash, new_code, normalise_code, timeline
from walletbot.storage.models import Event


def bearer(conversation: Conversation) -> dict[str, str]:
    return {"Authorization": f"Bearer {conversation.token}"}


async def ticket_with_code(
    user: AsyncWalletbotClient, raw: httpx.AsyncClient
) -> tuple[Conversation, str, str]:
    conversation = await user.create_conversation(lang="zh")
    number = (await user.send(conversation, "我要人工客服"))["state"]["ticket"]["number"]
    issued = await raw.post(f"/v1/tickets/{number}/follow-code", headers=bearer(conversation))
    assert issued.status_code == 200, issued.text
    return conversation, number, issued.json()["code"]


async def test_a_second_device_follows_the_ticket_with_number_and_code(
    user: AsyncWalletbotClient, alice: AsyncWalletbotClient, raw: httpx.AsyncClient
) -> None:
    conversation, number, code = await ticket_with_code(user, raw)
    assert conversation.token not in code and len(normalise_code(code)) == 8

    page = (await raw.post(f"/v1/tickets/{number}/follow", json={"code": code})).json()
    assert (page["status"], page["lang"], page["replies"]) == ("open", "zh", [])
    assert [h["status"] for h in page["history"]] == ["open"]

    await alice.reply(conversation.id, "您好，我们正在核查您的问题。")  # moves open -> in_progress
    typed_by_hand = code.lower().replace("-", " ")
    page = (await raw.post(f"/v1/tickets/{number}/follow", json={"code": typed_by_hand})).json()
    assert page["status"] == "in_progress"
    assert [h["status"] for h in page["history"]] == ["open", "in_progress"]
    assert [(r["text"], r["author"]) for r in page["replies"]] == [
        ("您好，我们正在核查您的问题。", "alice")
    ]
    events = (await user.messages(conversation))["events"]
    assert [e["data"]["status"] for e in events if e["type"] == "ticket"] == ["in_progress"]

    await alice.reply(conversation.id, "已处理。")  # already in progress: no second move
    await alice.resolve(conversation.id)
    page = (await raw.post(f"/v1/tickets/{number}/follow", json={"code": code})).json()
    assert [h["status"] for h in page["history"]] == ["open", "in_progress", "resolved"]
    assert len(page["replies"]) == 2


async def test_wrong_codes_and_numbers_look_the_same(
    user: AsyncWalletbotClient, raw: httpx.AsyncClient
) -> None:
    conversation, number, code = await ticket_with_code(user, raw)
    renewed = await raw.post(f"/v1/tickets/{number}/follow-code", headers=bearer(conversation))
    attempts = [
        (number, code),  # replaced by the renewed one
        (number, "AAAA-AAAA"),
        ("WB-20000101-999999", renewed.json()["code"]),
        (number, "-"),
    ]
    for wanted, guess in attempts:
        answer = await raw.post(f"/v1/tickets/{wanted}/follow", json={"code": guess})
        assert (answer.status_code, answer.json()["error"]["code"]) == (404, "ticket_not_found")
    good = await raw.post(f"/v1/tickets/{number}/follow", json={"code": renewed.json()["code"]})
    assert good.status_code == 200
    empty = await raw.post(f"/v1/tickets/{number}/follow", json={"code": ""})
    assert empty.status_code == 422


async def test_only_the_conversation_token_gets_a_code(
    user: AsyncWalletbotClient, raw: httpx.AsyncClient
) -> None:
    _, number, _ = await ticket_with_code(user, raw)
    stranger = await user.create_conversation()
    answer = await raw.post(f"/v1/tickets/{number}/follow-code", headers=bearer(stranger))
    assert answer.status_code == 404
    assert (await raw.post(f"/v1/tickets/{number}/follow-code")).status_code == 401


async def test_agent_typing_reaches_the_log_only_where_the_agent_may_write(
    user: AsyncWalletbotClient, alice: AsyncWalletbotClient, raw: httpx.AsyncClient
) -> None:
    await alice.heartbeat()
    conversation = await user.create_conversation(lang="en")
    await user.send(conversation, "agent please")
    path = f"/v1/agent/conversations/{conversation.id}/typing"

    async def typing(agent: str) -> httpx.Response:
        return await raw.post(path, headers={"Authorization": f"Bearer {KEYS[agent]}"})

    assert (await typing("alice")).json()["error"]["code"] == "not_claimed"
    await alice.claim(conversation.id)
    assert (await typing("alice")).status_code == 204
    assert (await typing("bob")).json()["error"]["code"] == "claimed_by_other"
    events = (await user.messages(conversation))["events"]
    assert events[-1]["type"] == "typing" and events[-1]["data"] == {"agent": "alice"}
    unknown = await raw.post(path, headers={"Authorization": "Bearer nope"})
    assert unknown.status_code == 401


async def test_switching_language_switches_the_bots_answers(
    user: AsyncWalletbotClient, raw: httpx.AsyncClient
) -> None:
    conversation = await user.create_conversation()
    assert (await user.send(conversation, "你好"))["reply"]["lang"] == "zh"
    path = f"/v1/conversations/{conversation.id}/lang"
    switched = await raw.put(path, json={"lang": "en"}, headers=bearer(conversation))
    assert switched.json() == {"lang": "en"}
    assert (await user.send(conversation, "你好"))["reply"]["lang"] == "en"
    assert (
        await raw.put(path, json={"lang": "fr"}, headers=bearer(conversation))
    ).status_code == 422
    stranger = await user.create_conversation()
    refused = await raw.put(path, json={"lang": "zh"}, headers=bearer(stranger))
    assert (refused.status_code, refused.json()["error"]["code"]) == (404, "conversation_not_found")


def _event(seq: int, type_: str, payload: dict[str, object]) -> Event:
    return Event(seq=seq, type=type_, payload=payload, created_at=datetime(2026, 12, 6, tzinfo=UTC))


def test_timeline_keeps_each_ticket_of_a_conversation_apart() -> None:
    events = [
        _event(1, "message", {"role": "agent", "text": "before", "author": "a"}),
        _event(2, "status", {"status": "ticket", "ticket": {"number": "T1", "status": "open"}}),
        _event(3, "message", {"role": "agent", "text": "on T1", "author": "a"}),
        _event(4, "ticket", {"number": "T1", "status": "resolved"}),
        _event(5, "status", {"status": "ticket", "ticket": {"number": "T2", "status": "open"}}),
        _event(6, "message", {"role": "agent", "text": "on T2", "author": "b"}),
    ]
    history, replies = timeline(events, "T1")
    assert [h.status for h in history] == ["open", "resolved"]
    assert [r.text for r in replies] == ["on T1"]
    history, replies = timeline(events, "T2")
    assert [h.status for h in history] == ["open"] and [r.text for r in replies] == ["on T2"]


@given(st.text(alphabet=" -\t", max_size=6), st.booleans())
def test_a_code_matches_however_it_is_typed(noise: str, lower: bool) -> None:
    code = new_code()
    typed = noise.join(code.lower() if lower else code)
    assert code_hash(typed) == code_hash(code)


@given(st.integers(min_value=1, max_value=500), st.floats(min_value=0, max_value=7200))
def test_queue_wording_never_counts_zero_people_ahead(position: int, wait: float) -> None:
    for lang in ("zh", "en"):
        text = queued(lang, position, wait)
        assert "前面还有 0" not in text and "(0 people" not in text
        assert ("下一位就是您" in text or "You are next" in text) == (position == 1)
