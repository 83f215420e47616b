"""A keyboard-only journey on a phone: the launcher, the text box, a clarification, 👍 (the focus
stays), the problem-type menu (the focus comes back when it closes), Tab kept inside the
full-screen panel, Esc back to the launcher; every control at least 44 x 44 px."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.web.conftest import PHONE, Server
from tests.web.helpers import focused, small_targets, widget_log

pytestmark = pytest.mark.browser


def tab_to(page: Page, name: str, *, backwards: bool = False, limit: int = 40) -> None:
    """Press Tab (or Shift+Tab) until the focused control's text or label is `name`."""
    for _ in range(limit):
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
        now = focused(page)
        if name in (now["text"], now["label"]):
            return
    raise AssertionError(f"{name!r} was never focused")


def test_keyboard_only_journey_on_a_phone(browser: Browser, server: Server) -> None:
    page = browser.new_context(viewport=PHONE, locale="zh-CN").new_page()
    page.goto(server.url + "/")
    tab_to(page, "打开在线客服")
    page.keyboard.press("Enter")
    expect(page.get_by_role("dialog", name="星云钱包客服")).to_be_visible()
    assert focused(page)["label"] == "您的消息"
    assert small_targets(page) == []

    page.keyboard.type("账户")
    page.keyboard.press("Enter")
    log = widget_log(page)
    choices = log.get_by_role("group", name="您想问的是哪一个？")
    expect(choices).to_be_visible()
    question = choices.get_by_role("button").first.inner_text()
    tab_to(page, question, backwards=True)
    page.keyboard.press("Enter")
    thumbs_up = log.get_by_role("button", name="有帮助", exact=True)
    expect(thumbs_up).to_be_visible()
    page.get_by_role("textbox", name="您的消息").focus()
    tab_to(page, "有帮助", backwards=True)
    page.keyboard.press("Enter")
    expect(thumbs_up).to_have_attribute("aria-pressed", "true")
    assert focused(page)["label"] == "有帮助"  # the button stayed: the focus did not drop
    assert small_targets(page) == []

    tab_to(page, "问题类型")
    page.keyboard.press("Enter")  # the menu opens on its first topic
    assert focused(page)["text"] == "密码重置"
    page.keyboard.press("Enter")  # sends it; the menu closes and the focus goes to the text box
    expect(log.locator(".msg-user").last).to_contain_text("密码重置")
    assert focused(page)["label"] == "您的消息"

    for _ in range(30):  # the full-screen panel keeps the focus inside
        page.keyboard.press("Tab")
        assert focused(page)["inPanel"], focused(page)
    for _ in range(10):
        page.keyboard.press("Shift+Tab")
        assert focused(page)["inPanel"], focused(page)

    page.keyboard.press("Escape")
    expect(page.get_by_role("dialog")).to_be_hidden()
    assert focused(page)["isLauncher"]
    page.context.close()
