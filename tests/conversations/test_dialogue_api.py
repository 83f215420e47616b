"""The dialogue through the conversation API, end to end on SQLite and PostgreSQL, with two
instances on one database: what a conversation remembers is stored with it, so the next message
may reach either instance (or a restarted one)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import AsyncExitStack
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml
from fastapi import FastAPI

from tests.support.fixtures import KEYS, api, make_settings
from walletbot.brain.engine import Engine
from walletbot.main import create_app
from walletbot.settings import bundled_data_path


@pytest.fixture
async def two_instances(
    db_settings: dict[str, Any], engine: Engine
) -> AsyncIterator[tuple[FastAPI, FastAPI]]:
    """Two started apps with the trained engine on this test's database."""
    async with AsyncExitStack() as stack:
        apps = []
        for _ in range(2):
            app = create_app(make_settings(db_settings), engine=engine)
            await stack.enter_async_context(app.router.lifespan_context(app))
            apps.append(app)
        yield apps[0], apps[1]


async def test_a_number_typed_after_a_clarification_is_answered_by_the_other_instance(
    two_instances: tuple[FastAPI, FastAPI],
) -> None:
    first, second = two_instances
    async with api(first) as on_first, api(second) as on_second:
        conversation = await on_first.create_conversation(lang="zh")
        asked = await on_first.send(conversation, "忘记密码了")
        assert asked["reply"]["action"] == "clarify"
        offered = [s["faq_id"] for s in asked["reply"]["suggestions"]]
        picked = await on_second.send(conversation, "2")
        assert picked["reply"]["action"] == "answer" and picked["reply"]["reason"] == "picked"
        assert picked["reply"]["faq_id"] == offered[1]
        follow = await on_first.send(conversation, "第一个")  # no clarification pending now
        assert follow["reply"]["reason"] != "picked"


async def test_a_message_while_queued_shows_the_place_and_an_urgent_one_moves_up_for_agents(
    two_instances: tuple[FastAPI, FastAPI],
) -> None:
    first, second = two_instances
    async with api(first) as user, api(second) as other, api(first, "alice") as alice:
        await alice.heartbeat()
        ahead = await user.create_conversation(lang="en")
        await user.send(ahead, "I want to talk to a real person")
        behind = await other.create_conversation(lang="zh")
        queued = await other.send(behind, "转人工")
        assert queued["state"]["position"] == 2
        waiting = await user.send(behind, "还要等多久？")
        assert "您前面还有 1 位用户" in waiting["reply"]["reply"]
        assert waiting["state"]["status"] == "queued"
        raised = await other.send(behind, "有人自称客服让我把验证码发给他")
        assert raised["state"]["position"] == 1
        assert "已将您的对话提升为最高优先级" in raised["reply"]["reply"]
        queue = await alice.queue()
        assert [i["conversation_id"] for i in queue["items"]] == [behind.id, ahead.id]
        assert queue["items"][0]["priority"] == "urgent"


async def test_a_user_who_no_longer_waits_leaves_the_queue_and_the_next_moves_up(
    two_instances: tuple[FastAPI, FastAPI],
) -> None:
    first, second = two_instances
    async with api(first) as user, api(second) as other, api(second, "alice") as alice:
        await alice.heartbeat()
        ahead = await user.create_conversation(lang="zh")
        await user.send(ahead, "转人工")
        behind = await other.create_conversation(lang="en")
        assert (await other.send(behind, "I want a real person"))["state"]["position"] == 2
        left = await other.send(ahead, "算了，不用了")
        assert left["reply"]["reason"] == "left_queue" and left["state"]["status"] == "bot"
        queue = await alice.queue()
        assert [i["conversation_id"] for i in queue["items"]] == [behind.id]
        waiting = await user.send(behind, "how long is the wait?")
        assert waiting["state"]["position"] == 1
        logged = (await user.messages(ahead))["events"]
        assert [e["type"] for e in logged[-3:]] == ["message", "message", "status"]
        assert logged[-1]["data"] == {
            "status": "bot",
            "text": "您已退出排队，智能助手继续为您服务。",
            "reason": "left_queue",
        }
        claimed = await alice.claim_next()
        assert (claimed or {}).get("conversation_id") == behind.id
        back = await user.send(ahead, "转人工")  # and may queue again
        assert back["state"]["status"] == "queued" and back["state"]["position"] == 1


async def test_a_user_who_no_longer_needs_help_closes_their_ticket(
    two_instances: tuple[FastAPI, FastAPI],
) -> None:
    first, second = two_instances
    async with api(first) as user, api(second) as other, api(second, "alice") as alice:
        conversation = await user.create_conversation(lang="en")
        handed = await user.send(conversation, "I want to talk to a real person")
        assert handed["state"]["status"] == "ticket", "nobody on duty: a ticket"
        number = handed["state"]["ticket"]["number"]
        closed = await other.send(conversation, "never mind, it's working now")
        assert closed["reply"]["reason"] == "closed_ticket"
        assert closed["state"]["status"] == "resolved" and closed["state"]["ticket"] is None
        assert (await user.ticket(conversation, number))["status"] == "resolved"
        logged = (await user.messages(conversation))["events"]
        assert [e["type"] for e in logged[-4:]] == ["message", "message", "ticket", "status"]
        assert logged[-1]["data"]["reason"] == "closed_ticket"
        again = await user.send(conversation, "agent please")  # a new request, a new ticket
        assert again["state"]["status"] == "ticket"
        renewed = again["state"]["ticket"]["number"]
        listed = (await alice.tickets())["tickets"]  # (an agent's call: alice is on duty now)
        assert {(t["number"], t["status"], t["updated_by"]) for t in listed} == {
            (number, "resolved", "user"),
            (renewed, "open", None),
        }


async def test_guided_details_with_a_skip_reach_the_ticket_and_the_agent(
    two_instances: tuple[FastAPI, FastAPI],
) -> None:
    first, second = two_instances
    async with api(first) as user, api(second) as other, api(second, "alice") as alice:
        conversation = await user.create_conversation(lang="zh")
        answered = await user.send(conversation, "转账失败怎么回事")
        assert answered["reply"]["faq_id"] == "transfer-failed"
        handed = await other.send(conversation, "还是不行，转人工")
        assert handed["state"]["status"] == "ticket", "nobody on duty: a ticket"
        number = handed["state"]["ticket"]["number"]
        assert "请留在此对话中" not in handed["reply"]["reply"]
        assert "什么时候" in handed["reply"]["reply"]
        for text in ("昨天下午三点", "两千块", "跳过"):
            sent = await (user if text != "两千块" else other).send(conversation, text)
            assert f"您的消息已添加到工单 {number}" in sent["reply"]["reply"]
        ticket = await user.ticket(conversation, number)
        assert ticket["details"]["when"]["value"].endswith("15:00")
        assert ticket["details"]["amount"]["value"] == "2000 CNY"
        assert ticket["details"]["method"] is None
        summary = (await alice.tickets())["tickets"][0]
        assert summary["number"] == number
        async with httpx.AsyncClient(
            transport=httpx.ASGITransport(app=first),
            base_url="http://test",
            headers={"Authorization": f"Bearer {KEYS['alice']}"},
        ) as agent:
            seen = (await agent.get(f"/v1/agent/conversations/{conversation.id}")).json()
        assert seen["details"]["amount"]["text"] == "两千块"


async def test_facts_given_unasked_reach_the_ticket_without_being_asked_again(
    two_instances: tuple[FastAPI, FastAPI],
) -> None:
    first, second = two_instances
    async with api(first) as user, api(second) as other:
        conversation = await user.create_conversation(lang="en")
        answered = await user.send(conversation, "I paid but the merchant says they didn't get it")
        assert answered["reply"]["faq_id"] == "money-deducted-not-received"
        noted = await other.send(conversation, "yesterday around 3pm, $45.99")
        assert noted["reply"]["reason"] == "details" and noted["state"]["status"] == "bot"
        assert "reply “agent”" in noted["reply"]["reply"]
        handed = await user.send(conversation, "agent")
        assert handed["state"]["status"] == "ticket"
        assert "last 4 digits" in handed["reply"]["reply"], "asks for the method, not the time"
        assert "When did it happen" not in handed["reply"]["reply"]
        ticket = await other.ticket(conversation, handed["state"]["ticket"]["number"])
        assert ticket["details"]["when"]["value"].endswith("T15:00")  # yesterday, 3 pm
        assert ticket["details"]["amount"]["value"] == "45.99 USD"


async def test_facts_told_while_waiting_reach_the_ticket(
    two_instances: tuple[FastAPI, FastAPI],
) -> None:
    first, second = two_instances
    async with api(first) as user, api(second) as other:
        conversation = await user.create_conversation(lang="en")
        handed = await user.send(conversation, "i want to talk to a real person about a refund")
        assert handed["state"]["status"] == "ticket"
        number = handed["state"]["ticket"]["number"]
        told = await other.send(conversation, "my order number is 88812345")
        # it had been answered with how to change a lost phone number
        assert told["reply"]["faq_id"] is None and told["reply"]["reason"] == "details"
        assert f"ticket {number}" in told["reply"]["reply"]
        ticket = await user.ticket(conversation, number)
        assert ticket["details"]["reference"]["value"] == "88812345"


async def test_numerals_nobody_can_read_after_an_answer_get_a_reply(
    two_instances: tuple[FastAPI, FastAPI],
) -> None:
    first, _ = two_instances
    async with api(first) as user:
        conversation = await user.create_conversation(lang="zh")
        await user.send(conversation, "转账失败怎么回事")
        for text in ("8千千", "a0十0三s六f"):  # each had been a 500
            sent = await user.send(conversation, text)
            assert sent["reply"] is not None and sent["message"]["text"] == text


async def test_out_of_scope_stays_with_the_bot_and_a_request_for_a_person_always_works(
    two_instances: tuple[FastAPI, FastAPI],
) -> None:
    first, second = two_instances
    async with api(first) as user, api(second) as other, api(first, "alice") as alice:
        await alice.heartbeat()
        conversation = await user.create_conversation(lang="zh")
        poem = await user.send(conversation, "帮我写一首诗")
        assert poem["reply"]["reason"] == "out_of_scope" and poem["state"]["status"] == "bot"
        weather = await other.send(conversation, "今天天气怎么样")
        assert weather["state"]["status"] == "bot" and "人工" in weather["reply"]["reply"]
        handed = await user.send(conversation, "我要投诉，转人工")
        assert handed["state"]["status"] == "queued"
        assert (await alice.queue())["items"][0]["category"] == "complaint"


async def test_not_helpful_twice_asks_the_details_then_hands_off(
    two_instances: tuple[FastAPI, FastAPI],
) -> None:
    first, second = two_instances
    async with api(first) as user, api(second) as other:
        conversation = await user.create_conversation(lang="en")
        await user.send(conversation, "Why did my transfer fail?")
        offered = await other.send(conversation, "that didn't help")
        assert offered["reply"]["action"] == "clarify"
        asked = await user.send(conversation, "none of these")
        assert asked["reply"]["reason"] == "details" and asked["state"]["status"] == "bot"
        for _ in range(3):
            asked = await other.send(conversation, "skip")
            assert asked["state"]["status"] == "bot"
        handed = await user.send(conversation, "skip")
        assert handed["reply"]["handoff"] == {"reason": "not_helpful", "priority": "normal"}
        assert handed["state"]["status"] == "ticket"
        assert "stay in this chat" not in handed["reply"]["reply"]


@pytest.mark.parametrize(
    ("lang", "first", "reply", "category"),
    [
        ("zh", "帮我写一首诗", "第二个", "failed_transaction"),
        ("en", "write me a poem about autumn", "the refunds one", "refunds"),
    ],
)
async def test_a_problem_type_picked_from_the_scope_menu_on_the_other_instance(
    two_instances: tuple[FastAPI, FastAPI], lang: str, first: str, reply: str, category: str
) -> None:
    one, two = two_instances
    async with api(one) as user, api(two) as other:
        conversation = await user.create_conversation(lang=lang)
        scope = await user.send(conversation, first)
        assert scope["reply"]["reason"] == "out_of_scope" and "\n2. " in scope["reply"]["reply"]
        topic = await other.send(conversation, reply)
        assert topic["reply"]["action"] == "clarify" and topic["reply"]["reason"] == "picked"
        assert topic["reply"]["category"] == category and topic["state"]["status"] == "bot"
        offered = [s["faq_id"] for s in topic["reply"]["suggestions"]]
        picked = await user.send(conversation, "1")
        assert picked["reply"]["reason"] == "picked" and picked["reply"]["faq_id"] == offered[0]


@pytest.mark.parametrize(
    ("lang", "question", "report", "asking"),
    [
        ("zh", "客服会问我要密码吗？", "有个自称客服的人让我报验证码", "叫你们客服出来"),
        (
            "en",
            "support never asks for my password, right?",
            "someone claiming to be support asked for my code",
            "can someone from support help me",
        ),
    ],
)
async def test_a_question_about_support_is_answered_a_scam_report_is_urgent(
    two_instances: tuple[FastAPI, FastAPI], lang: str, question: str, report: str, asking: str
) -> None:
    one, two = two_instances
    async with api(one) as user, api(two) as other:
        asked = await user.create_conversation(lang=lang)
        answered = await user.send(asked, question)
        assert answered["reply"]["action"] == "answer" and answered["state"]["status"] == "bot"
        assert answered["reply"]["faq_id"] == "support-never-asks"
        reported = await other.create_conversation(lang=lang)
        urgent = await other.send(reported, report)
        assert urgent["reply"]["handoff"]["priority"] == "urgent"
        assert urgent["state"]["status"] == "ticket", "nobody on duty: a ticket"
        wanting = await user.create_conversation(lang=lang)
        handed = await other.send(wanting, asking)
        assert handed["reply"]["handoff"]["reason"] == "user_request"


def dialogue_file(folder: Path, hotlines: dict[str, str]) -> Path:
    """The bundled dialogue configuration with these hotlines, written into `folder`."""
    config = yaml.safe_load(Path(bundled_data_path("dialogue.yaml")).read_text(encoding="utf-8"))
    for lang, hotline in hotlines.items():
        config["urgent_help"][lang]["hotline"] = hotline
    path = folder / "dialogue.yaml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return path


async def test_the_operators_hotline_number_is_stored_as_the_user_saw_it(
    db_settings: dict[str, Any], engine: Engine, tmp_path: Path
) -> None:
    # The bot's replies hold no user text (FAQ answers, configuration, templates), so they are
    # stored as sent: a configured phone number must not turn into "[phone]" on reload.
    hotlines = {"en": "Call +1 800 555 0199, day and night.", "zh": "拨打 +86 138 0013 8000。"}
    path = dialogue_file(tmp_path, hotlines)
    app = create_app(make_settings(db_settings, dialogue_path=path), engine=engine)
    async with app.router.lifespan_context(app), api(app) as user:
        for lang, report in (("en", "my account was stolen"), ("zh", "我的账户刚刚被盗了")):
            conversation = await user.create_conversation(lang=lang)  # type: ignore[arg-type]
            sent = await user.send(conversation, report)
            assert sent["state"]["status"] == "ticket", sent
            assert hotlines[lang] in sent["reply"]["reply"]
            logged = (await user.messages(conversation))["events"]  # what a reload shows
            shown = [e["data"]["text"] for e in logged if e["data"].get("role") == "bot"]
            assert shown == [sent["reply"]["reply"]]
