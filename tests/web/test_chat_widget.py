"""The chat widget in headless Chromium against a real server: answers, clarification, masking,
language, phone layout, reload and a dropped connection."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.web.conftest import Server, shot

pytestmark = pytest.mark.browser
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}


def open_widget(browser: Browser, server: Server, viewport: dict[str, int]) -> Page:
    context = browser.new_context(viewport=viewport, locale="zh-CN")
    page = context.new_page()
    page.goto(server.url + "/")
    page.get_by_role("button", name="打开在线客服").click()
    expect(page.get_by_role("dialog", name="星云钱包客服")).to_be_visible()
    return page


def ask(page: Page, text: str, box: str = "您的消息") -> None:
    page.get_by_role("textbox", name=box).fill(text)
    page.get_by_role("textbox", name=box).press("Enter")


def test_chinese_answer_clarification_masking_and_reload(browser: Browser, server: Server) -> None:
    page = open_widget(browser, server, DESKTOP)
    log = page.get_by_role("log", name="对话记录")
    expect(page.get_by_role("button", name="充值提现")).to_be_visible()  # the problem-type menu

    ask(page, "提现多久能到账？")
    expect(log.get_by_text("提现到账时间参考")).to_be_visible()
    page.get_by_role("button", name="有帮助", exact=True).click()
    expect(log.get_by_text("谢谢您的反馈！")).to_be_visible()

    ask(page, "账户")
    page.get_by_role("button", name="为什么我的账户被冻结了").click()
    expect(log.get_by_text("为什么我的账户被冻结了", exact=True).first).to_be_visible()
    expect(page.get_by_role("button", name="有帮助", exact=True)).to_have_count(
        1
    )  # the frozen-account answer

    ask(page, "我的卡号是 6222 0212 3456 7890 123，充值没到账")
    expect(log.get_by_role("note").filter(has_text="敏感信息已隐藏")).to_be_visible()
    expect(log.get_by_text("6222 0212 3456 7890 123")).to_have_count(0)
    shot(page, "widget-zh-desktop")

    page.reload()
    page.get_by_role("button", name="打开在线客服").click()
    expect(log.get_by_text("提现多久能到账？", exact=True)).to_be_visible()
    expect(log.get_by_text("提现到账时间参考")).to_be_visible()
    expect(log.get_by_role("note").filter(has_text="敏感信息已隐藏")).to_be_visible()
    expect(log.get_by_text("谢谢您的反馈！")).to_be_visible()  # feedback remembered
    page.context.close()


def test_english_on_a_phone_and_offline_retry(browser: Browser, server: Server) -> None:
    page = open_widget(browser, server, PHONE)
    shot(page, "widget-zh-phone")
    page.get_by_role("button", name="切换到英文").click()
    dialog = page.get_by_role("dialog", name="星云钱包客服")
    box = dialog.bounding_box()
    assert box is not None and box["width"] == PHONE["width"]  # full screen on a phone
    expect(page.get_by_role("button", name="Top-up and withdrawal")).to_be_visible()

    ask(page, "how do I change my password", box="Your message")
    log = page.get_by_role("log", name="Conversation")
    expect(log.get_by_text("To change your password")).to_be_visible()
    shot(page, "widget-en-phone")

    page.context.set_offline(True)
    ask(page, "hello again", box="Your message")
    expect(log.get_by_text("You are offline")).to_be_visible()
    page.context.set_offline(False)
    page.evaluate("window.dispatchEvent(new Event('online'))")
    expect(log.get_by_text("hello again", exact=True)).to_have_count(1)
    expect(log.get_by_text("You are offline")).to_have_count(0)
    page.reload()
    page.get_by_role("button", name="Open support chat").click()
    expect(log.get_by_text("hello again", exact=True)).to_have_count(1)  # stored once

    page.keyboard.press("Escape")
    expect(page.get_by_role("dialog")).to_be_hidden()
    expect(page.get_by_role("button", name="Open support chat")).to_be_focused()
    page.context.close()


def test_english_desktop(browser: Browser, server: Server) -> None:
    page = open_widget(browser, server, DESKTOP)
    page.get_by_role("button", name="切换到英文").click()
    ask(page, "my account", box="Your message")
    log = page.get_by_role("log", name="Conversation")
    expect(log.get_by_role("group").get_by_role("button").first).to_be_visible()
    ask(page, "how long does a withdrawal take", box="Your message")
    expect(page.get_by_role("button", name="Helpful", exact=True).last).to_be_visible()
    shot(page, "widget-en-desktop")
    page.context.close()
