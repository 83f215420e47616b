"""Real servers for the end-to-end tests (crash, several instances, event streams): processes,
or a uvicorn server inside the test's own process."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import socket
import subprocess
import sys
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any

import httpx
import uvicorn
from fastapi import FastAPI

from tests.support.fixtures import AGENT_KEYS

REPO = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


class ServerProcess:
    """`python -m uvicorn tests.support.server:app --factory` with WALLETBOT_* settings."""

    def __init__(self, settings: dict[str, Any], log_path: Path) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {
            **os.environ,
            "WALLETBOT_AGENT_KEYS": AGENT_KEYS,
            "WALLETBOT_QUEUE_TICK_SECONDS": "0.1",
            **{f"WALLETBOT_{k.upper()}": str(v) for k, v in settings.items()},
        }
        self.log_path = log_path
        self.process: subprocess.Popen[bytes] | None = None

    def spawn(self) -> None:
        log = self.log_path.open("ab")
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "uvicorn",
                "tests.support.server:app",
                "--factory",
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--log-level",
                "warning",
            ],
            cwd=REPO,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        log.close()

    async def start(self, within: float = 30) -> ServerProcess:
        self.spawn()
        async with httpx.AsyncClient(base_url=self.url) as client:
            await until(lambda: _ready(client), within, self._describe)
        return self

    def _describe(self) -> str:
        return f"server on {self.port} not ready; log:\n{self.log_path.read_text()[-3000:]}"

    def kill(self, sig: int = signal.SIGKILL) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(sig)

    def wait(self, timeout: float = 15) -> int:
        assert self.process is not None
        return self.process.wait(timeout)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)


async def _ready(client: httpx.AsyncClient) -> bool:
    try:
        return (await client.get("/ready")).status_code == 200
    except httpx.TransportError:
        return False


async def until(
    predicate: Callable[[], Awaitable[bool]],
    within: float = 10,
    describe: Callable[[], str] = lambda: "condition not reached in time",
) -> None:
    """Poll `predicate` until it holds; fail with `describe()` after `within` seconds."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + within
    while not await predicate():
        if loop.time() > deadline:
            raise AssertionError(describe())
        await asyncio.sleep(0.05)


@contextlib.asynccontextmanager
async def serving(app: FastAPI) -> AsyncIterator[str]:
    """`app` behind a real HTTP server in this process, started and stopped with its lifespan;
    yields its base URL. Event streams need one: httpx's ASGI transport hands a response over
    only once its body is complete. Logs go through `logging` (pytest's caplog sees them)."""
    port = free_port()
    config = uvicorn.Config(
        app, host="127.0.0.1", port=port, log_config=None, timeout_graceful_shutdown=2
    )
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve())

    async def started() -> bool:
        if task.done():
            task.result()  # raises why it stopped
        return server.started

    await until(started, within=30)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        await task
