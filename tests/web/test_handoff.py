"""A person takes over: the widget queues, the console (a second browser context) claims and
replies, the widget shows the reply and the rating; then the dashboard counts it all."""

from __future__ import annotations

import re

import httpx
import pytest
from playwright.sync_api import Browser, Page, expect

from tests.web.conftest import Server, shot

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


def test_agent_claims_replies_and_user_rates(browser: Browser, server: Server) -> None:
    console = browser.new_context(
        viewport={"width": 1440, "height": 900}, locale="en-US"
    ).new_page()
    sign_in(console, f"{server.url}/console", server.agent_key, "Agent key")
    expect(console.get_by_role("heading", name="Queue")).to_be_visible()  # now on duty

    widget = browser.new_context(viewport={"width": 1280, "height": 800}, locale="zh-CN").new_page()
    widget.goto(server.url + "/")
    widget.get_by_role("button", name="打开在线客服").click()
    widget.get_by_role("button", name="转人工").click()
    expect(widget.get_by_role("status").filter(has_text="排队中：第 1 位")).to_be_visible()

    console.get_by_role("button", name="Claim next").click()
    transcript = console.get_by_role("log")
    expect(transcript.get_by_text("转人工", exact=True)).to_be_visible()
    expect(console.get_by_text("asked for a person")).to_be_visible()  # the hand-off reason
    expect(
        widget.get_by_role("status").filter(has_text="人工客服 mei 正在为您服务")
    ).to_be_visible()

    console.get_by_label("Search the FAQ").fill("提现多久到账")
    console.get_by_label("Search the FAQ").press("Enter")
    console.get_by_role("button", name="Insert answer").first.click()
    expect(console.get_by_label("Reply")).to_have_value(re.compile("提现"))
    console.get_by_label("Reply").fill("您好，我是客服小美，您的提现一般 2 小时内到账。")
    console.get_by_role("button", name="Send").click()
    log = widget.get_by_role("log", name="对话记录")
    expect(log.get_by_text("您好，我是客服小美")).to_be_visible()

    start_conversation(server, "我的账户被盗了，有人转走了我的钱")  # urgent, first in line
    start_conversation(server, "我要人工客服")
    expect(console.get_by_role("button").filter(has_text="urgent")).to_be_visible()
    shot(console, "console")

    console.get_by_role("button", name="Resolve").click()
    expect(log.get_by_text("客服已将此问题标记为已解决")).to_be_visible()
    widget.get_by_role("button", name="5 分（满分 5 分）").click()
    expect(log.get_by_text("感谢您的评分！")).to_be_visible()
    widget.context.close()
    console.context.close()


def test_dashboard_shows_the_conversations(browser: Browser, server: Server) -> None:
    start_conversation(server, "钱")  # the bot cannot answer this one
    page = browser.new_context(viewport={"width": 1280, "height": 1000}, locale="en-US").new_page()
    sign_in(page, f"{server.url}/dashboard", server.admin_key, "Admin key")
    expect(page.get_by_role("heading", name="Ops dashboard")).to_be_visible()
    expect(page.get_by_text("5.00 / 5")).to_be_visible()  # the rating given above
    expect(page.get_by_role("img", name="Hand-off rate by reason")).to_be_visible()
    unanswered = page.get_by_role("list").filter(has_text="钱")
    expect(unanswered).to_be_visible()
    shot(page, "dashboard", full_page=True)
    page.context.close()
