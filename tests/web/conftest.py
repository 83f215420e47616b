"""A real walletbot server process (real FAQ model, temp SQLite file, agent and admin keys) and
headless Chromium driven by Playwright. Skips with a reason when Chromium is not installed
(in CI a skip fails the run: tests/conftest.py)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

CHROMIUM = os.environ.get("WALLETBOT_TEST_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
AGENT_KEY = "agent-key-0123456789abcdef"
ADMIN_KEY = "admin-key-0123456789abcdef"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


@dataclass(frozen=True)
class Server:
    url: str
    agent_key: str = AGENT_KEY
    admin_key: str = ADMIN_KEY


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    workdir = tmp_path_factory.mktemp("web-server")
    port = _free_port()
    env = {
        **os.environ,
        "WALLETBOT_DATABASE_URL": f"sqlite+aiosqlite:///{workdir / 'walletbot.db'}",
        "WALLETBOT_AGENT_KEYS": f"mei:agent:{AGENT_KEY},ops:admin:{ADMIN_KEY}",
        "WALLETBOT_RATE_LIMIT_PER_IP": "0",
        "WALLETBOT_RATE_LIMIT_PER_CONVERSATION": "0",
        "WALLETBOT_EVENT_POLL_SECONDS": "0.2",
        "WALLETBOT_QUEUE_TICK_SECONDS": "0.2",
        # The console polls every 2.5 s: an agent is on duty while a console is open, and a few
        # seconds after it closes hand-offs become tickets again (test_tickets.py).
        "WALLETBOT_AGENT_ACTIVE_SECONDS": "6",
    }
    log = (workdir / "server.log").open("wb")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "walletbot.main:create_app",
            "--factory",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--timeout-graceful-shutdown",
            "2",
        ],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        cwd=workdir,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{url}/ready", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError((workdir / "server.log").read_text())
            time.sleep(0.2)
        yield Server(url)
    finally:
        process.terminate()
        process.wait(timeout=15)
        log.close()


# Package scope: sync Playwright runs an event loop in this thread while it is open, which
# would break the asyncio tests collected after this package.
@pytest.fixture(scope="package")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists() and shutil.which("chromium") is None:
        pytest.skip(f"Chromium is not installed at {CHROMIUM}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        try:
            yield chromium
        finally:
            chromium.close()


def shot(page: object, name: str, *, full_page: bool = False) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=full_page)  # type: ignore[attr-defined]


DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}


# A resized window keeps its scroll position: show the latest of the transcript in the picture.
SCROLL_DOWN = """() => {
  const chat = document.querySelector("walletbot-chat");
  const log = chat && chat.shadowRoot && chat.shadowRoot.querySelector(".log");
  if (log) log.scrollTop = log.scrollHeight;
}"""


def shots(page: object, name: str) -> None:
    """The state on screen at both sizes: `<name>-desktop.png` and `<name>-phone.png`."""
    before = page.viewport_size  # type: ignore[attr-defined]
    for suffix, size in (("desktop", DESKTOP), ("phone", PHONE)):
        page.set_viewport_size(size)  # type: ignore[attr-defined]
        page.evaluate(SCROLL_DOWN)  # type: ignore[attr-defined]
        page.wait_for_timeout(150)  # type: ignore[attr-defined]  # layout settles (not a timing check)
        shot(page, f"{name}-{suffix}")
    page.set_viewport_size(before)  # type: ignore[attr-defined]
