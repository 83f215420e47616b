"""What the browser tests do again and again: open the widget, write in it, find where the focus
is inside its shadow root, measure tap targets and run axe-core."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, Page, Route, expect

from tests.web.conftest import Server

AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
WIDGET = "walletbot-chat"


def open_widget(
    browser: Browser, server: Server, viewport: dict[str, int], locale: str = "zh-CN"
) -> Page:
    page = browser.new_context(viewport=viewport, locale=locale).new_page()
    page.goto(server.url + "/")
    page.get_by_role("button", name="打开在线客服").click()
    expect(page.get_by_role("dialog", name="星云钱包客服")).to_be_visible()
    return page


def ask(page: Page, text: str, box: str = "您的消息") -> None:
    page.get_by_role("textbox", name=box).fill(text)
    page.get_by_role("textbox", name=box).press("Enter")


def focused(page: Page) -> dict[str, Any]:
    """The element that has the focus, looking inside the widget's shadow root."""
    return dict(
        page.evaluate(
            """() => {
              let node = document.activeElement;
              while (node && node.shadowRoot && node.shadowRoot.activeElement) {
                node = node.shadowRoot.activeElement;
              }
              const panel = document.querySelector("walletbot-chat").shadowRoot.querySelector(".panel");
              return {
                tag: node ? node.tagName.toLowerCase() : null,
                text: node ? node.textContent.trim() : "",
                label: node ? node.getAttribute("aria-label") || "" : "",
                pressed: node ? node.getAttribute("aria-pressed") : null,
                inPanel: !!node && panel.contains(node),
                isLauncher: !!node && node.classList.contains("launcher"),
              };
            }"""
        )
    )


def small_targets(page: Page) -> list[str]:
    """Visible controls of the widget smaller than 44 x 44 px."""
    found: list[str] = page.evaluate(
        """() => {
          const root = document.querySelector("walletbot-chat").shadowRoot;
          return [...root.querySelectorAll("button, textarea, input")]
            .filter((n) => n.getClientRects().length > 0)
            .map((n) => [n, n.getBoundingClientRect()])
            .filter(([, r]) => r.width < 44 || r.height < 44)
            .map(([n, r]) => `${n.className || n.tagName} "${n.textContent.trim()}" ` +
                             `${Math.round(r.width)}x${Math.round(r.height)}`);
        }"""
    )
    return found


def axe_violations(page: Page, server: Server) -> list[str]:
    """Serious and critical axe-core findings on the page as it is, shadow DOM included. axe is
    served from the page's own origin (a routed URL), so the page keeps its real CSP."""
    url = server.url + "/__test__/axe.min.js"

    def serve(route: Route) -> None:
        route.fulfill(body=AXE.read_bytes(), content_type="text/javascript")

    page.route(url, serve)
    page.add_script_tag(url=url)
    results = page.evaluate(
        """async () => {
          const r = await axe.run(document, { resultTypes: ["violations"] });
          return r.violations
            .filter((v) => v.impact === "serious" || v.impact === "critical")
            .map((v) => `${v.id} (${v.impact}): ` +
                        v.nodes.map((n) => JSON.stringify(n.target)).join(" "));
        }"""
    )
    return list(results)


def widget_log(page: Page, name: str = "对话记录") -> Any:
    return page.get_by_role("log", name=name)
