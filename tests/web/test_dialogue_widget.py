"""The dialogue in the widget, driven as a user would in headless Chromium: a number typed after
a clarification, guided details with one skip, a message while waiting that shows the place,
leaving the queue or closing the ticket by saying so, and facts given unasked."""

from __future__ import annotations

import httpx
import pytest
from playwright.sync_api import Browser, Page, expect

from tests.conftest import FAQ_PATH
from tests.web.conftest import Server, shot
from walletbot.brain.faq import load_faq

pytestmark = pytest.mark.browser
DESKTOP = {"width": 1280, "height": 800}


def open_widget(browser: Browser, server: Server) -> Page:
    page = browser.new_context(viewport=DESKTOP, locale="zh-CN").new_page()
    page.goto(server.url + "/")
    page.get_by_role("button", name="打开在线客服").click()
    expect(page.get_by_role("dialog", name="星云钱包客服")).to_be_visible()
    return page


def first_line_of_answer_to(question: str) -> str:
    """The first line of the Chinese answer of the FAQ entry that asks `question`."""
    kb = load_faq(FAQ_PATH)
    entry = next(faq for faq in kb.faqs if question in faq.questions.get("zh"))
    return entry.answers.get("zh").strip().splitlines()[0]


def ask(page: Page, text: str) -> None:
    page.get_by_role("textbox", name="您的消息").fill(text)
    page.get_by_role("textbox", name="您的消息").press("Enter")


def resolve_the_waiting_conversation(server: Server) -> None:
    """Claim and resolve the one conversation a test left queued: the queue is empty for the
    tests after it."""
    agent = {"Authorization": f"Bearer {server.agent_key}"}
    claimed = httpx.post(f"{server.url}/v1/agent/claim", headers=agent).json()["conversation"]
    assert claimed is not None
    resolve = f"{server.url}/v1/agent/conversations/{claimed['conversation_id']}/resolve"
    httpx.post(resolve, headers=agent).raise_for_status()


def test_typing_2_after_a_clarification_answers_the_second_suggestion(
    browser: Browser, server: Server
) -> None:
    page = open_widget(browser, server)
    log = page.get_by_role("log", name="对话记录")
    ask(page, "忘记密码了")
    choices = log.get_by_role("group").last.get_by_role("button")
    expect(choices.nth(1)).to_be_visible()
    # Whichever entry the ranking shows second, "2" must answer with that one.
    second = choices.nth(1).inner_text().strip()
    ask(page, "2")
    expect(log.get_by_text(first_line_of_answer_to(second))).to_be_visible()
    shot(page, "dialogue-pick-zh")
    page.context.close()


def test_guided_details_with_a_skip_then_a_message_while_waiting(
    browser: Browser, server: Server
) -> None:
    page = open_widget(browser, server)
    log = page.get_by_role("log", name="对话记录")
    ask(page, "转账失败怎么回事")
    expect(log.get_by_text("转账失败").first).to_be_visible()
    ask(page, "没用")
    expect(log.get_by_role("group").last.get_by_role("button").first).to_be_visible()  # next ones
    ask(page, "都不是")
    expect(log.get_by_text("这笔交易大概是什么时候发生的")).to_be_visible()
    ask(page, "昨天下午三点")
    expect(log.get_by_text("涉及的金额和币种是多少")).to_be_visible()
    ask(page, "跳过")
    expect(log.get_by_text("好的，跳过。")).to_be_visible()
    ask(page, "银行卡尾号6789")
    expect(log.get_by_text("请提供订单号或交易单号")).to_be_visible()
    ask(page, "TX20261205001")
    # Nobody is on duty in this server: the hand-off opens a ticket.
    expect(log.get_by_text("已为您创建工单")).to_be_visible()
    shot(page, "dialogue-details-zh")

    ask(page, "还要等多久？")
    expect(log.get_by_text("您的消息已添加到工单 WB-")).to_be_visible()
    shot(page, "dialogue-waiting-ticket-zh")
    page.context.close()


def test_saying_it_is_solved_closes_the_ticket(browser: Browser, server: Server) -> None:
    page = open_widget(browser, server)  # nobody on duty yet in this server: a ticket
    log = page.get_by_role("log", name="对话记录")
    ask(page, "转人工")
    expect(log.get_by_text("已为您创建工单")).to_be_visible()
    ask(page, "已经解决了")
    expect(log.get_by_text("好的，已为您关闭工单")).to_be_visible()
    expect(log.get_by_text("您已关闭工单，智能助手继续为您服务。")).to_be_visible()
    expect(page.get_by_role("status").filter(has_text="待处理")).to_have_count(0)  # no open ticket
    shot(page, "dialogue-closed-ticket-zh")
    page.context.close()


def test_a_message_while_queued_shows_the_place(browser: Browser, server: Server) -> None:
    agent = {"Authorization": f"Bearer {server.agent_key}"}
    httpx.post(f"{server.url}/v1/agent/heartbeat", headers=agent).raise_for_status()  # on duty
    page = open_widget(browser, server)
    log = page.get_by_role("log", name="对话记录")
    ask(page, "转人工")
    expect(page.get_by_role("status").filter(has_text="下一位就是您")).to_be_visible()
    ask(page, "还要等多久？")
    expect(log.get_by_text("您仍在排队：您是下一位")).to_be_visible()
    shot(page, "dialogue-waiting-queue-zh")
    page.context.close()
    resolve_the_waiting_conversation(server)


def test_saying_never_mind_while_queued_leaves_the_queue(browser: Browser, server: Server) -> None:
    agent = {"Authorization": f"Bearer {server.agent_key}"}
    httpx.post(f"{server.url}/v1/agent/heartbeat", headers=agent).raise_for_status()  # on duty
    page = open_widget(browser, server)
    log = page.get_by_role("log", name="对话记录")
    ask(page, "转人工")
    place = page.get_by_role("status").filter(has_text="下一位就是您")
    expect(place).to_be_visible()
    ask(page, "算了不用了")
    expect(log.get_by_text("好的，已为您取消排队")).to_be_visible()
    expect(log.get_by_text("您已退出排队，智能助手继续为您服务。")).to_be_visible()
    expect(place).to_have_count(0)
    shot(page, "dialogue-left-queue-zh")
    page.context.close()
    queue = httpx.get(f"{server.url}/v1/agent/queue", headers=agent).json()
    assert queue["items"] == [], "nobody is left waiting for the next tests"


def test_facts_given_unasked_are_kept_and_not_asked_again(browser: Browser, server: Server) -> None:
    agent = {"Authorization": f"Bearer {server.agent_key}"}
    httpx.post(f"{server.url}/v1/agent/heartbeat", headers=agent).raise_for_status()  # on duty
    page = open_widget(browser, server)
    log = page.get_by_role("log", name="对话记录")
    ask(page, "钱扣了但对方没收到")
    expect(log.get_by_text(first_line_of_answer_to("钱扣了但对方没收到"))).to_be_visible()
    ask(page, "昨天下午三点转了两千块")
    expect(log.get_by_text("谢谢，已记下。我无法查询单笔交易")).to_be_visible()
    shot(page, "dialogue-facts-zh")
    ask(page, "转人工")
    # The time and the amount were given: the first question is the method.
    expect(log.get_by_text("用的是什么方式")).to_be_visible()
    expect(log.get_by_text("这笔交易大概是什么时候发生的")).to_have_count(0)
    page.context.close()
    resolve_the_waiting_conversation(server)
