"""The chat widget in headless Chromium against a real server: one language at a time, the
clarification rendered once, the problem-type menu reopened, offline and back, reload."""

from __future__ import annotations

import re
from itertools import pairwise

import httpx
import pytest
from playwright.sync_api import Browser, Page, expect

from tests.web.conftest import DESKTOP, PHONE, Server, shots
from tests.web.helpers import ask, open_widget, widget_log

pytestmark = pytest.mark.browser
HAN = re.compile(r"[\u4e00-\u9fff]")


def ui_text(page: Page) -> str:
    """The widget's own words: everything in the panel but message bodies, the choices the server
    sent and the heading the host page chose."""
    text: str = page.evaluate(
        """() => {
          const panel = document.querySelector("walletbot-chat").shadowRoot.querySelector(".panel");
          const copy = panel.cloneNode(true);
          copy.querySelectorAll(".text, .choices .chip:not(.chip-quiet), h2, button [lang]").forEach((n) => n.remove());
          const attrs = [...copy.querySelectorAll("[aria-label], [placeholder], [title]")]
            .map((n) => [n.getAttribute("aria-label"), n.getAttribute("placeholder"),
                         n.getAttribute("title")].join(" "));
          return copy.textContent + " " + attrs.join(" ");
        }"""
    )
    return text


def conversation_events(page: Page, server: Server) -> list[dict[str, object]]:
    """The conversation's log as an API caller reads it, with the widget's own token."""
    state = page.evaluate("() => JSON.parse(localStorage.getItem('walletbot:' + location.origin))")
    answer = httpx.get(
        f"{server.url}/v1/conversations/{state['id']}/messages",
        headers={"Authorization": f"Bearer {state['token']}"},
    )
    events: list[dict[str, object]] = answer.json()["events"]
    return events


def test_one_language_at_a_time_switched_mid_conversation(browser: Browser, server: Server) -> None:
    page = open_widget(browser, server, DESKTOP)
    widget = page.locator("walletbot-chat")
    log = widget_log(page)
    expect(widget).to_have_attribute("lang", "zh")
    ask(page, "我的卡号是 4111 1111 1111 1111，充值没到账")
    expect(log.get_by_text("[卡号 ••••1111]")).to_be_visible()  # the shield's label, in Chinese
    expect(log.get_by_role("note").filter(has_text="敏感信息已隐藏")).to_be_visible()
    expect(log.get_by_text("4111 1111 1111 1111")).to_have_count(0)
    shots(page, "widget-zh-masked")

    page.get_by_role("button", name="English").click()
    expect(widget).to_have_attribute("lang", "en")
    box = page.get_by_role("textbox", name="Your message")
    expect(box).to_have_attribute("placeholder", "Type your question…")
    log = widget_log(page, "Conversation")
    expect(log.get_by_text("[card ••••1111]")).to_be_visible()
    expect(log.get_by_role("note").filter(has_text="Sensitive data hidden")).to_be_visible()
    expect(
        page.get_by_role("button", name="Top-up and withdrawal", include_hidden=True)
    ).to_have_count(1)
    ask(page, "怎么修改密码", box="Your message")  # the conversation is English now
    expect(log.get_by_text("To change your password")).to_be_visible()
    assert not HAN.search(ui_text(page)), ui_text(page)
    shots(page, "widget-en")

    page.get_by_role("button", name="中文").click()
    expect(widget).to_have_attribute("lang", "zh")
    expect(widget_log(page).get_by_text("[卡号 ••••1111]")).to_be_visible()
    page.context.close()


def test_a_clarification_renders_once_and_the_menu_reopens(
    browser: Browser, server: Server
) -> None:
    page = open_widget(browser, server, PHONE)
    log = widget_log(page)
    expect(page.get_by_role("button", name="充值提现")).to_be_visible()  # the problem-type menu
    ask(page, "账户")
    choices = log.get_by_role("group", name="您想问的是哪一个？").last
    expect(choices.get_by_role("button").first).to_be_visible()
    reply = log.locator(".msg-bot").last
    assert not re.search(r"^\d+\. ", reply.inner_text(), re.M), "no numbered list on screen"
    question = choices.get_by_role("button").first.inner_text()
    bot_texts = [
        str(e["data"]["text"])  # type: ignore[index]
        for e in conversation_events(page, server)
        if e["type"] == "message" and e["data"]["role"] == "bot"  # type: ignore[index]
    ]
    assert f"1. {question}" in bot_texts[-1].split("\n"), "API callers keep the numbered text"
    expect(page.get_by_role("button", name="充值提现")).to_be_hidden()
    shots(page, "widget-clarify")

    choices.get_by_role("button", name=question).click()
    expect(log.locator(".msg-user").last).to_have_text(re.compile(re.escape(question)))
    expect(page.get_by_role("button", name="有帮助", exact=True).last).to_be_visible()

    menu = page.get_by_role("button", name="问题类型")
    expect(menu).to_have_attribute("aria-expanded", "false")
    menu.click()
    expect(menu).to_have_attribute("aria-expanded", "true")
    page.get_by_role("button", name="充值提现").click()
    expect(log.locator(".msg-user").last).to_have_text(re.compile("充值提现"))
    expect(page.get_by_role("textbox", name="您的消息")).to_be_focused()  # the menu closed
    page.context.close()


def test_offline_banner_then_replies_next_to_their_questions(
    browser: Browser, server: Server
) -> None:
    page = open_widget(browser, server, PHONE)
    log = widget_log(page)
    ask(page, "提现多久能到账？")
    expect(log.get_by_text("提现到账时间参考")).to_be_visible()

    page.context.set_offline(True)
    page.evaluate("window.dispatchEvent(new Event('offline'))")
    ask(page, "怎么修改密码")
    ask(page, "手续费是多少")
    banner = page.get_by_role("status").filter(has_text="网络连接已断开")
    expect(banner).to_be_visible()
    expect(banner).to_contain_text(re.compile(r"\d+ 秒后重试"))
    expect(log.get_by_text("等待网络恢复后发送").first).to_be_visible()
    shots(page, "widget-offline")

    page.context.set_offline(False)
    page.evaluate("window.dispatchEvent(new Event('online'))")
    expect(banner).to_be_hidden()
    expect(log.locator(".is-pending")).to_have_count(0)
    assert_replies_follow_questions(page, expected_pairs=3)

    page.reload()  # the panel comes back open, in the same order, with times
    expect(page.get_by_role("dialog", name="星云钱包客服")).to_be_visible()
    expect(widget_log(page).locator(".msg-user")).to_have_count(3)
    assert_replies_follow_questions(page, expected_pairs=3)
    times = widget_log(page).locator(".msg time").all_inner_texts()
    assert times and all(re.fullmatch(r"\d{2}:\d{2}", t) for t in times), times
    page.context.close()


def assert_replies_follow_questions(page: Page, expected_pairs: int) -> None:
    rows = page.evaluate(
        """() => [...document.querySelector("walletbot-chat").shadowRoot
                  .querySelectorAll(".log .msg")]
                 .map((n) => [n.classList.contains("msg-user") ? "user" : "bot",
                              n.getAttribute("data-id"), n.getAttribute("data-reply-to")])"""
    )
    pairs = 0
    for before, after in pairwise(rows):
        if after[0] == "bot" and after[2] is not None:
            assert before[0] == "user" and before[1] == after[2], rows
            pairs += 1
    assert pairs == expected_pairs, rows


def test_bidi_override_characters_are_not_shown(browser: Browser, server: Server) -> None:
    page = open_widget(browser, server, DESKTOP)
    ask(page, "转账给 \u202eabc 0128\u202c 失败了")
    bubble = widget_log(page).locator(".msg-user").last
    expect(bubble).to_contain_text("abc 0128")
    assert not re.search("[\u202a-\u202e\u2066-\u2069]", bubble.inner_text())
    page.context.close()
