"""A person takes over: the widget queues ("you are next"), the console (a second browser context)
claims, types and replies while the user's panel is closed (unread badge and preview), resolves,
and the user rates with a reason; then the dashboard counts it all."""

from __future__ import annotations

import re

import httpx
import pytest
from playwright.sync_api import Browser, Page, expect

from tests.web.conftest import DESKTOP, Server, shots
from tests.web.helpers import ask, axe_violations, widget_log

pytestmark = pytest.mark.browser


def sign_in(page: Page, url: str, key: str, label: str) -> None:
    page.goto(url)
    page.get_by_label(label).fill(key)
    page.get_by_label(label).press("Enter")


def start_conversation(server: Server, text: str) -> None:
    created = httpx.post(f"{server.url}/v1/conversations", json={}).json()
    httpx.post(
        f"{server.url}/v1/conversations/{created['id']}/messages",
        json={"text": text, "client_message_id": "seed-1"},
        headers={"Authorization": f"Bearer {created['token']}"},
    ).raise_for_status()


def test_agent_types_replies_to_a_closed_panel_and_the_user_rates_with_a_reason(
    browser: Browser, server: Server
) -> None:
    console = browser.new_context(
        viewport={"width": 1440, "height": 900}, locale="en-US"
    ).new_page()
    sign_in(console, f"{server.url}/console", server.agent_key, "Agent key")
    expect(console.get_by_role("heading", name="Queue")).to_be_visible()  # now on duty

    widget = browser.new_context(viewport=DESKTOP, locale="zh-CN").new_page()
    widget.goto(server.url + "/")
    widget.get_by_role("button", name="打开在线客服").click()
    widget.get_by_role("button", name="转人工").click()
    expect(widget.get_by_role("status").filter(has_text="下一位就是您")).to_be_visible()
    log = widget_log(widget)
    expect(log.get_by_text("前面还有 0")).to_have_count(0)

    console.get_by_role("button", name="Claim next").click()
    expect(console.get_by_role("log").get_by_text("转人工", exact=True)).to_be_visible()
    expect(
        widget.get_by_role("status").filter(has_text="人工客服 mei 正在为您服务")
    ).to_be_visible()

    ask(widget, "订单号 \u202e4321\u202c 一直没到账")  # an override would show "1234"
    line = console.get_by_role("log").locator(".line-msg").filter(has_text="一直没到账")
    expect(line).to_contain_text("订单号 4321 一直没到账")
    assert "\u202e" not in line.inner_text()

    console.get_by_label("Reply").fill("您好，我是客服小美，")
    typing = widget.get_by_text("mei 正在输入…")
    expect(typing).to_be_visible()
    shots(widget, "widget-typing")

    widget.get_by_role("button", name="关闭").click()
    console.get_by_label("Reply").fill("您好，我是客服小美，您的提现一般 2 小时内到账。")
    console.get_by_role("button", name="Send").click()
    launcher = widget.get_by_role("button", name="打开在线客服，1 条新消息")
    expect(launcher).to_be_visible()
    preview = widget.locator("walletbot-chat .preview")
    expect(preview).to_contain_text("您好，我是客服小美")
    shots(widget, "widget-unread")
    widget.reload()  # still unread after a reload: the widget knows what the user has seen
    expect(launcher).to_be_visible()
    launcher.click()
    expect(log.get_by_text("您的提现一般 2 小时内到账")).to_be_visible()
    expect(widget.get_by_role("button", name="打开在线客服", exact=True)).to_have_count(1)
    expect(typing).to_be_hidden()  # the reply came: no more typing

    start_conversation(server, "我的账户被盗了，有人转走了我的钱")  # urgent, first in line
    start_conversation(server, "我要人工客服")
    expect(console.get_by_role("button").filter(has_text="urgent")).to_be_visible()
    shots(console, "console")
    assert axe_violations(console, server) == []  # a claimed conversation open, a queue

    console.get_by_role("button", name="Resolve", exact=True).click()  # not a "resolved" ticket
    expect(log.get_by_text("客服已将此问题标记为已解决")).to_be_visible()
    scale = log.get_by_role("radiogroup", name="请为本次服务评分")
    scale.get_by_role("radio", name="2 分：不满意").click()
    scale.get_by_role("radio", name="2 分：不满意").press("ArrowLeft")  # arrow keys move the choice
    expect(scale.get_by_role("radio", name="1 分：很不满意")).to_have_attribute(
        "aria-checked", "true"
    )
    expect(scale.get_by_role("radio", name="1 分：很不满意")).to_be_focused()
    log.get_by_role("button", name="等待太久").click()
    expect(log.get_by_role("button", name="等待太久")).to_have_attribute("aria-pressed", "true")
    log.get_by_label("还有什么想告诉我们的？（选填）").fill("希望能更快接入")
    assert axe_violations(widget, server) == []
    shots(widget, "widget-rating")
    with widget.expect_request(re.compile(r".*/feedback$")) as sent:
        log.get_by_role("button", name="提交评价").click()
    assert sent.value.post_data_json == {"rating": 1, "comment": "等待太久 — 希望能更快接入"}
    expect(log.get_by_text("感谢您的评价！")).to_be_visible()
    expect(widget.get_by_role("textbox", name="您的消息")).to_be_focused()  # not lost
    widget.reload()  # asked once per resolution: not again
    expect(widget_log(widget).get_by_role("radiogroup")).to_have_count(0)
    widget.context.close()
    console.context.close()


def test_dashboard_shows_the_conversations(browser: Browser, server: Server) -> None:
    start_conversation(server, "钱")  # the bot cannot answer this one
    page = browser.new_context(viewport={"width": 1280, "height": 1000}, locale="en-US").new_page()
    sign_in(page, f"{server.url}/dashboard", server.admin_key, "Admin key")
    expect(page.get_by_role("heading", name="Ops dashboard")).to_be_visible()
    expect(page.get_by_text("1.00 / 5")).to_be_visible()  # the rating given above
    expect(page.get_by_role("img", name="Hand-off rate by reason")).to_be_visible()
    unanswered = page.get_by_role("list").filter(has_text="钱")
    expect(unanswered).to_be_visible()
    shots(page, "dashboard")
    page.context.close()
