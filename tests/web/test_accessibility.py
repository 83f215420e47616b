"""axe-core (vendored, tests/web/vendor) on the widget, the agent console and the dashboard, in
both languages: no serious or critical violation. Other states are checked where they happen
(the rating in test_handoff.py, the ticket page in test_tickets.py)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.web.conftest import DESKTOP, PHONE, Server
from tests.web.helpers import ask, axe_violations, open_widget, widget_log

pytestmark = pytest.mark.browser


def switch_language(page: Page, to: str) -> None:
    page.get_by_role("button", name=to).click()


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_widget_in_both_languages(
    browser: Browser, server: Server, viewport: dict[str, int]
) -> None:
    page = open_widget(browser, server, viewport)
    assert axe_violations(page, server) == []  # the menu, before any message
    ask(page, "账户")
    expect(widget_log(page).get_by_role("group", name="您想问的是哪一个？")).to_be_visible()
    ask(page, "我的卡号是 4111 1111 1111 1111，提现多久能到账？")
    expect(widget_log(page).get_by_role("note")).to_be_visible()
    assert axe_violations(page, server) == []
    switch_language(page, "English")
    expect(page.locator("walletbot-chat")).to_have_attribute("lang", "en")
    assert axe_violations(page, server) == []
    page.get_by_role("button", name="Topics").click()
    assert axe_violations(page, server) == []
    page.context.close()


@pytest.mark.parametrize("path,label", [("/console", "客服密钥"), ("/dashboard", "管理员密钥")])
def test_console_and_dashboard_in_both_languages(
    browser: Browser, server: Server, path: str, label: str
) -> None:
    page = browser.new_context(viewport=DESKTOP, locale="zh-CN").new_page()
    page.goto(server.url + path)
    assert axe_violations(page, server) == []  # the sign-in form
    key = server.agent_key if path == "/console" else server.admin_key
    page.get_by_label(label).fill(key)
    page.get_by_label(label).press("Enter")
    expect(page.get_by_role("button", name="退出")).to_be_visible()
    page.wait_for_load_state("networkidle")
    assert axe_violations(page, server) == []
    switch_language(page, "English")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert axe_violations(page, server) == []
    page.context.close()
