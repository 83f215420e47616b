"""When nobody is on duty a hand-off becomes a ticket the user can follow."""

from __future__ import annotations

import re

import pytest

from tests.support.fixtures import AppFactory, api
from walletbot.client import ApiError, AsyncWalletbotClient


async def test_no_active_agent_opens_a_ticket_the_user_can_follow(
    user: AsyncWalletbotClient, alice: AsyncWalletbotClient
) -> None:
    conversation = await user.create_conversation(lang="zh")
    result = await user.send(conversation, "我要人工客服")
    ticket = result["state"]["ticket"]
    assert result["state"]["status"] == "ticket" and ticket["status"] == "open"
    assert re.fullmatch(r"WB-\d{8}-\d{6}", ticket["number"])
    assert ticket["number"] in result["notice"] and "工单" in result["notice"]
    assert (await user.ticket(conversation, ticket["number"]))["status"] == "open"

    listed = await alice.tickets(status="open")
    assert [t["number"] for t in listed["tickets"]] == [ticket["number"]]
    await alice.set_ticket_status(ticket["number"], "in_progress")
    await alice.reply(conversation.id, "我们正在处理您的问题。")
    await alice.set_ticket_status(ticket["number"], "resolved")
    assert (await user.ticket(conversation, ticket["number"]))["status"] == "resolved"
    events = (await user.messages(conversation))["events"]
    ticket_updates = [e["data"]["status"] for e in events if e["type"] == "ticket"]
    assert ticket_updates == ["in_progress", "resolved"]
    assert events[-1]["data"]["status"] == "resolved"
    await user.rate(conversation, 5, "谢谢")


async def test_outside_service_hours_a_ticket_even_with_agents(app_factory: AppFactory) -> None:
    app = await app_factory(support_days="mon", support_hours="00:00-00:01")
    async with api(app) as user, api(app, "alice") as alice:
        await alice.heartbeat()
        conversation = await user.create_conversation(lang="en")
        result = await user.send(conversation, "agent")
        # Open one minute a week: practically always closed (the test stays deterministic
        # except during that minute, when a queue entry would be equally correct).
        assert result["state"]["status"] in {"ticket", "queued"}
        if result["state"]["status"] == "ticket":  # when agents are back: next Monday 00:00
            assert "Agents are back at 00:00 on Mon" in result["notice"]
            later = await user.send(conversation, "any news?")
            assert "Agents are back at 00:00 on Mon" in later["reply"]["reply"]


async def test_unknown_or_foreign_ticket_is_404(user: AsyncWalletbotClient) -> None:
    owner = await user.create_conversation()
    number = (await user.send(owner, "agent"))["state"]["ticket"]["number"]
    stranger = await user.create_conversation()
    for conversation, wanted in ((owner, "WB-20000101-999999"), (stranger, number)):
        with pytest.raises(ApiError) as error:
            await user.ticket(conversation, wanted)
        assert (error.value.status, error.value.code) == (404, "ticket_not_found")


async def test_agent_status_change_of_unknown_ticket_is_404(alice: AsyncWalletbotClient) -> None:
    with pytest.raises(ApiError) as error:
        await alice.set_ticket_status("WB-20000101-999999", "resolved")
    assert error.value.status == 404


async def test_claim_unknown_conversation_is_404(alice: AsyncWalletbotClient) -> None:
    with pytest.raises(ApiError) as error:
        await alice.claim("f" * 32)
    assert (error.value.status, error.value.code) == (404, "conversation_not_found")
