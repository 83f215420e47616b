"""The outbox never wedges: a message the server refuses (4xx) or keeps failing on (5xx) is
marked failed with Retry and Delete, and the messages after it are delivered; after a reload too."""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import APIResponse, Browser, Locator, Route, expect

from tests.web.conftest import DESKTOP, Server, shots
from tests.web.helpers import ask, open_widget, widget_log

pytestmark = pytest.mark.browser
PENDING = re.compile(r"\bis-pending\b")


def test_poison_messages_fail_alone_and_later_ones_are_delivered(
    browser: Browser, server: Server
) -> None:
    page = open_widget(browser, server, DESKTOP)
    log = widget_log(page)
    box = page.get_by_role("textbox", name="您的消息")
    # A real 4xx: longer than the server takes (a script can go past the text box's maxlength).
    box.evaluate("(node) => { node.value = '太长'.repeat(1100); }")
    box.press("Enter")
    ask(page, "提现多久能到账？")
    refused = log.locator(".is-failed")
    expect(refused).to_contain_text("消息太长，未能发送")
    expect(log.get_by_text("提现到账时间参考")).to_be_visible()  # the later message went on

    # A 5xx every time: retried with backoff a few times, then failed; later messages go on.
    def poison(route: Route) -> None:
        body = route.request.post_data or ""
        if route.request.method == "POST" and "POISON" in body:
            route.fulfill(status=500, body=json.dumps({"error": {"code": "boom", "message": "x"}}))
        else:
            route.continue_()

    page.route(lambda url: url.endswith("/messages"), poison)
    ask(page, "POISON 怎么修改密码")
    ask(page, "手续费是多少")
    expect(log.locator(".is-failed")).to_have_count(2, timeout=30_000)
    expect(log.get_by_text("手续费是多少", exact=True)).to_be_visible()
    expect(log.locator(".msg-user").filter(has_text="手续费是多少")).not_to_have_class(PENDING)
    shots(page, "widget-failed")

    page.reload()  # the failed ones come back failed, with their choices; nothing is stuck
    failed = widget_log(page).locator(".is-failed")
    expect(failed).to_have_count(2)
    failed.filter(has_text="消息太长").get_by_role("button", name="删除").click()
    expect(failed).to_have_count(1)
    expect(page.get_by_role("textbox", name="您的消息")).to_be_focused()
    page.unroute_all()
    failed.get_by_role("button", name="重试").click()
    expect(failed).to_have_count(0)
    sent = widget_log(page).locator(".msg-user").filter(has_text="POISON 怎么修改密码")
    expect(sent).to_have_count(1)
    expect(sent).not_to_have_class(PENDING)
    page.context.close()


@pytest.mark.parametrize("answer", ["late", "lost", "reloaded"])
def test_a_message_the_stream_shows_before_its_send_answer_is_shown_once(
    browser: Browser, server: Server, answer: str
) -> None:
    """The server's copy of a message can come by the stream (or the log read after a reload)
    before the answer to its own POST: on a busy machine, or when that answer is lost. Whichever
    comes first, the bubble shown as sending becomes the server's copy; nothing is sent twice."""
    page = open_widget(browser, server, DESKTOP)
    ask(page, "提现多久能到账？")
    expect(widget_log(page).get_by_text("提现到账时间参考")).to_be_visible()  # the stream is open
    held: list[Route] = []
    answers: list[APIResponse] = []

    def hold(route: Route) -> None:  # the server stores it; its answer waits for the test
        if route.request.method != "POST" or "怎么修改密码" not in (route.request.post_data or ""):
            route.continue_()
            return
        if not held:
            answers.append(route.fetch())
        held.append(route)  # a resend (the server has it already) waits too

    def mine() -> Locator:
        return widget_log(page).locator(".msg-user").filter(has_text="怎么修改密码")

    page.route(lambda url: url.endswith("/messages"), hold)
    ask(page, "怎么修改密码")
    expect(mine().and_(page.locator("[data-seq]"))).to_have_count(1)  # by the stream, unanswered
    if answer == "reloaded":  # the outbox still has it, and the log read after the reload too
        page.reload()
        expect(mine().and_(page.locator("[data-seq]"))).to_have_count(1)
    expect(mine()).to_have_count(1)
    expect(mine()).not_to_have_class(PENDING)
    if answer == "late":
        held[0].fulfill(response=answers[0])
    elif answer == "lost":
        held[0].abort("connectionreset")
    log = widget_log(page)
    ask(page, "手续费是多少")  # the outbox goes on
    expect(log.locator(".msg-user[data-seq]").filter(has_text="手续费是多少")).to_have_count(1)
    expect(mine()).to_have_count(1)
    expect(log.locator(".is-pending")).to_have_count(0)
    question = mine().get_attribute("data-id")
    expect(log.locator(f".msg-bot[data-reply-to='{question}']")).to_have_count(1)
    expect(page.get_by_text("网络连接已断开")).to_have_count(0)
    assert len(held) == 1  # never sent again
    page.context.close()
