"""What the server process does, as `walletbot serve` runs it (tests/api/served.py): proxy
headers only from listed proxies, bounded header blocks, idle and stalled connections cut off,
and an unexpected error as one log line. Real HTTP: this is uvicorn's part."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.support.servers import REPO, free_port

pytestmark = pytest.mark.slow


class Served:
    def __init__(self, tmp: Path, **settings: Any) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = tmp / f"served-{self.port}.log"
        env = {
            **os.environ,
            "WALLETBOT_PORT": str(self.port),
            "WALLETBOT_DATABASE_URL": f"sqlite+aiosqlite:///{tmp / f'{self.port}.db'}",
            "WALLETBOT_TEST_FAILING_ROUTE": "1",
            **{f"WALLETBOT_{k.upper()}": str(v) for k, v in settings.items()},
        }
        with self.log.open("wb") as out:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "tests.api.served"],
                cwd=REPO,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + 60
        while not self._ready():
            if time.monotonic() > deadline or self.process.poll() is not None:
                self.stop()
                raise AssertionError(f"server not ready:\n{self.log.read_text()[-3000:]}")
            time.sleep(0.1)

    def _ready(self) -> bool:
        try:
            return httpx.get(f"{self.url}/ready").status_code == 200
        except httpx.TransportError:
            return False

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(15)

    def connect(self) -> socket.socket:
        return socket.create_connection(("127.0.0.1", self.port), timeout=10)

    def log_lines(self) -> list[str]:
        return self.log.read_text().splitlines()


@pytest.fixture(scope="module")
def direct(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """No proxy in front (the default): X-Forwarded-For is never read."""
    server = Served(
        tmp_path_factory.mktemp("direct"),
        rate_limit_per_ip=3,
        keep_alive_seconds=1,
        body_read_timeout_seconds=0.5,
        max_header_bytes=8192,
    )
    yield server
    server.stop()


def chat(server: Served, forwarded_for: str | None = None) -> int:
    headers = {"x-forwarded-for": forwarded_for} if forwarded_for is not None else {}
    return httpx.post(f"{server.url}/v1/chat", json={"text": "hi"}, headers=headers).status_code


def test_forwarded_for_is_ignored_without_a_trusted_proxy(direct: Served) -> None:
    codes = [chat(direct, f"198.51.100.{n}") for n in range(5)]
    assert codes == [200, 200, 200, 429, 429]


@pytest.fixture(scope="module")
def elsewhere(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """Behind a proxy that is not us (10.255.0.1), with h11 as the HTTP parser."""
    server = Served(
        tmp_path_factory.mktemp("elsewhere"),
        rate_limit_per_ip=2,
        trusted_proxy_hops=1,
        trusted_proxies='["10.255.0.1"]',
        http_parser="h11",
        max_header_bytes=8192,
    )
    yield server
    server.stop()


def test_forwarded_for_is_read_only_from_a_listed_proxy(
    tmp_path_factory: pytest.TempPathFactory, elsewhere: Served
) -> None:
    behind = Served(
        tmp_path_factory.mktemp("behind"),
        rate_limit_per_ip=2,
        trusted_proxy_hops=1,
        trusted_proxies='["127.0.0.1"]',
    )
    try:
        # Each client its own budget, whatever it wrote to the left of what the proxy added.
        assert [chat(behind, f"6.6.6.6, 198.51.100.{n}") for n in range(6)] == [200] * 6
        assert [chat(behind, "198.51.100.200") for _ in range(3)] == [200, 200, 429]
        # Values that are no address are one bounded key, not one key each (10 KB apiece;
        # more is a header block over the limit, 431).
        garbage = [chat(behind, f"{'x' * 10_000}{n}") for n in range(3)]
        assert garbage == [200, 200, 429]
    finally:
        behind.stop()
    # We are not 10.255.0.1: the header is the client's own claim, ignored.
    assert [chat(elsewhere, f"198.51.100.{n}") for n in range(3)] == [200, 200, 429]


def read_response(sock: socket.socket) -> bytes:
    data = b""
    while chunk := sock.recv(65536):
        data += chunk
        if b"\r\n\r\n" in data and _complete(data):
            break
    return data


def _complete(data: bytes) -> bool:
    head, _, body = data.partition(b"\r\n\r\n")
    for line in head.split(b"\r\n"):
        if line.lower().startswith(b"content-length:"):
            return len(body) >= int(line.split(b":")[1])
    return False


def test_a_header_block_over_the_limit_is_refused(direct: Served) -> None:
    with direct.connect() as sock:
        sock.sendall(b"GET /health HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 64_000 + b"\r\n\r\n")
        head, _, body = read_response(sock).partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 431")
    assert json.loads(body)["error"]["code"] == "headers_too_large"
    assert httpx.get(f"{direct.url}/health").status_code == 200


def test_h11_stops_buffering_an_unfinished_header_block(elsewhere: Served) -> None:
    """httptools buffers a header block whole before the app can refuse it; h11 gives up as
    soon as the unfinished block passes the limit."""
    with elsewhere.connect() as sock:
        sock.sendall(b"GET /health HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 20_000)
        answer = read_response(sock)  # no end of headers sent: the server answers and closes
    assert answer.startswith(b"HTTP/1.1 400")


def test_an_idle_connection_is_closed(direct: Served) -> None:
    with direct.connect() as sock:
        sock.sendall(b"GET /health HTTP/1.1\r\nHost: x\r\n\r\n")
        assert read_response(sock).startswith(b"HTTP/1.1 200")
        sock.settimeout(10)
        assert sock.recv(1) == b""  # closed by the server after keep_alive_seconds


def test_a_body_that_stops_arriving_is_cut_off(direct: Served) -> None:
    with direct.connect() as sock:
        sock.sendall(
            b"POST /v1/conversations HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            b'Content-Length: 50\r\n\r\n{"la'
        )
        answer = read_response(sock)
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 408")
    assert json.loads(body)["error"]["code"] == "body_timeout"


def test_an_unexpected_error_is_one_log_line(direct: Served) -> None:
    response = httpx.get(f"{direct.url}/test/fail")
    assert response.status_code == 500
    assert response.json() == {
        "error": {"code": "internal_error", "message": "unexpected server error"}
    }
    request_id = response.headers["x-request-id"]
    time.sleep(0.2)  # the log line is written after the response
    lines = [line for line in direct.log_lines() if request_id in line]
    errors = [json.loads(line) for line in lines if '"level": "error"' in line]
    assert len(errors) == 1, lines
    assert errors[0]["exception_type"] == "RuntimeError"
    assert errors[0]["request_id"] == request_id
    log = "\n".join(direct.log_lines())
    assert "Traceback" not in log and "493817" not in log
