"""Tickets to follow: opened when nobody is on duty, shown with a number and a follow code, and
followed from a second browser context (another device) by number and code alone; the status
moves when an agent replies."""

from __future__ import annotations

import re
import time

import httpx
import pytest
from playwright.sync_api import Browser, expect

from tests.web.conftest import DESKTOP, PHONE, Server, shots
from tests.web.helpers import ask, axe_violations, open_widget, widget_log

pytestmark = pytest.mark.browser


def until_nobody_is_on_duty(server: Server) -> None:
    """Agents of earlier tests count as on duty for a few seconds after their console closed."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        created = httpx.post(f"{server.url}/v1/conversations", json={"lang": "zh"}).json()
        sent = httpx.post(
            f"{server.url}/v1/conversations/{created['id']}/messages",
            json={"text": "我要人工客服", "client_message_id": "probe"},
            headers={"Authorization": f"Bearer {created['token']}"},
        ).json()
        if sent["state"]["status"] == "ticket":
            return
        time.sleep(1)
    raise AssertionError("an agent stayed on duty")


def test_a_ticket_is_followed_from_another_device(browser: Browser, server: Server) -> None:
    until_nobody_is_on_duty(server)
    page = open_widget(browser, server, PHONE)
    ask(page, "我要人工客服")
    card = widget_log(page).locator(".ticket-card")
    expect(card).to_contain_text(re.compile(r"工单 WB-\d{8}-\d{6}"))
    code = card.locator(".code")
    expect(code).to_have_text(re.compile(r"^[A-Z2-9]{4}-[A-Z2-9]{4}$"))
    number = re.search(r"WB-\d{8}-\d{6}", card.inner_text()).group(0)  # type: ignore[union-attr]
    token = page.evaluate(
        "() => JSON.parse(localStorage.getItem('walletbot:' + location.origin)).token"
    )
    assert token not in card.inner_text()
    shots(page, "widget-ticket")

    other = browser.new_context(viewport=DESKTOP, locale="en-US").new_page()  # another device
    other.goto(server.url + "/")
    other.get_by_role("button", name="打开在线客服").click()
    other.get_by_role("button", name="English").click()
    other.get_by_role("button", name="My tickets").click()
    expect(other.get_by_role("heading", name="Ticket progress")).to_be_focused()
    other.get_by_label("Ticket number").fill(number)
    other.get_by_label("Follow code").fill("AAAA-AAAA")
    other.get_by_role("button", name="Look up").click()
    expect(other.get_by_role("alert")).to_have_text("No ticket matches this number and code.")
    other.get_by_label("Follow code").fill(code.inner_text().lower())
    other.get_by_role("button", name="Look up").click()
    expect(other.get_by_role("heading", name=f"Ticket {number}: open")).to_be_visible()
    expect(other.get_by_text("No reply from an agent yet.")).to_be_visible()

    agent = {"Authorization": f"Bearer {server.agent_key}"}
    tickets = httpx.get(f"{server.url}/v1/agent/tickets", headers=agent).json()["tickets"]
    conversation_id = next(t["conversation_id"] for t in tickets if t["number"] == number)
    httpx.post(
        f"{server.url}/v1/agent/conversations/{conversation_id}/messages",
        json={"text": "您好，我们已收到您的工单，正在核查。"},
        headers=agent,
    ).raise_for_status()

    other.get_by_role("button", name="Look up").click()
    expect(other.get_by_role("heading", name=f"Ticket {number}: in progress")).to_be_visible()
    history = other.locator("walletbot-chat .history li")
    expect(history).to_have_count(2)
    expect(history.first).to_contain_text("open")
    expect(history.last).to_contain_text("in progress")
    expect(other.get_by_text("您好，我们已收到您的工单，正在核查。")).to_be_visible()
    assert axe_violations(other, server) == []
    shots(other, "widget-ticket-page")

    # The first device sees the move too: a notice and the status line.
    expect(page.get_by_role("status").filter(has_text=f"工单 {number}：处理中")).to_be_visible()
    page.get_by_role("button", name="查看工单进度").click()
    expect(page.get_by_role("heading", name=f"工单 {number}：处理中")).to_be_visible()
    page.get_by_role("button", name="← 返回对话").click()
    expect(page.get_by_role("button", name="查看工单", exact=True)).to_be_focused()
    other.context.close()
    page.context.close()
