"""Rate limits: the token bucket, the shared Redis window, and 429s through the API."""

from __future__ import annotations

import os
import secrets
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
from redis.asyncio import Redis
from redis.exceptions import RedisError
from starlette.requests import Request

from tests.conftest import FAQ_PATH
from walletbot.brain.engine import Engine
from walletbot.http.ratelimit import MemoryRateLimiter, RedisRateLimiter, client_address
from walletbot.main import create_app
from walletbot.settings import Settings

REDIS_URL = os.environ.get("WALLETBOT_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
Client = Callable[..., AbstractAsyncContextManager[httpx.AsyncClient]]


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


async def test_bucket_allows_the_limit_then_says_when_to_retry() -> None:
    clock = Clock()
    limiter = MemoryRateLimiter(clock=clock)
    assert [await limiter.hit("a", 3) for _ in range(3)] == [None, None, None]
    assert await limiter.hit("a", 3) == 20  # one token back every 60/3 s
    assert await limiter.hit("b", 3) is None  # keys are independent
    clock.now += 20
    assert await limiter.hit("a", 3) is None
    assert await limiter.hit("a", 3) == 20


async def test_bucket_memory_is_bounded() -> None:
    clock = Clock()
    limiter = MemoryRateLimiter(max_keys=10, clock=clock)
    for i in range(100):
        clock.now += 0.001
        await limiter.hit(f"k{i}", 5)
    assert len(limiter._buckets) <= 10


@pytest.fixture
async def redis_url() -> str:
    client = Redis.from_url(REDIS_URL, socket_connect_timeout=1)
    try:
        await client.ping()
    except (RedisError, OSError) as exc:
        pytest.skip(f"Redis at {REDIS_URL} is unreachable: {exc!r}")
    finally:
        await client.aclose()
    return REDIS_URL


@pytest.mark.redis
async def test_instances_share_one_window_in_redis(redis_url: str) -> None:
    prefix = f"walletbot:test:{secrets.token_hex(4)}:"
    first = RedisRateLimiter(Redis.from_url(redis_url), prefix=prefix)
    second = RedisRateLimiter(Redis.from_url(redis_url), prefix=prefix)
    try:
        assert await first.hit("ip:1", 3) is None
        assert await second.hit("ip:1", 3) is None
        assert await first.hit("ip:1", 3) is None
        retry = await second.hit("ip:1", 3)
        assert retry is not None and 1 <= retry <= 60
        assert await first.hit("ip:2", 3) is None
    finally:
        await first.aclose()
        await second.aclose()


async def test_an_unreachable_redis_lets_requests_through() -> None:
    limiter = RedisRateLimiter(
        Redis.from_url("redis://127.0.0.1:1/0", socket_connect_timeout=0.2, socket_timeout=0.2)
    )
    try:
        assert await limiter.hit("ip:1", 1) is None
    finally:
        await limiter.aclose()


@pytest.fixture
def client_for(tmp_path: Path, engine: Engine) -> Client:
    """Started apps on one SQLite file; each call may override settings, and `peer` is the
    client address the server reports (as uvicorn puts it in the scope)."""

    @asynccontextmanager
    async def make(peer: str = "127.0.0.1", **overrides: Any) -> AsyncIterator[httpx.AsyncClient]:
        db = f"sqlite+aiosqlite:///{tmp_path / 'walletbot.db'}"
        app = create_app(Settings(faq_path=FAQ_PATH, database_url=db, **overrides), engine=engine)
        async with app.router.lifespan_context(app):
            transport = httpx.ASGITransport(app=app, client=(peer, 40000))
            async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
                yield client

    return make


def assert_limited(response: httpx.Response) -> None:
    assert response.status_code == 429
    retry_after = int(response.headers["retry-after"])
    assert 1 <= retry_after <= 60
    assert response.json() == {
        "error": {
            "code": "rate_limited",
            "message": f"too many requests; retry in {retry_after} s",
            "details": {"retry_after": retry_after},
        }
    }


async def test_chat_is_limited_per_ip_and_health_never(client_for: Client) -> None:
    async with client_for(rate_limit_per_ip=3) as client:
        for _ in range(3):
            assert (await client.post("/v1/chat", json={"text": "hi"})).status_code == 200
        assert_limited(await client.post("/v1/chat", json={"text": "hi"}))
        assert_limited(await client.post("/v1/conversations"))
        for path in ("/health", "/ready", "/v1/categories"):
            assert all([(await client.get(path)).status_code == 200 for _ in range(5)])


async def test_zero_turns_a_limit_off(client_for: Client) -> None:
    async with client_for(rate_limit_per_ip=0) as client:
        for _ in range(10):
            assert (await client.post("/v1/chat", json={"text": "hi"})).status_code == 200


@pytest.mark.parametrize("hops", [0, 1])
async def test_the_app_never_reads_forwarded_for(client_for: Client, hops: int) -> None:
    """The client's address is the one the server reports; behind trusted proxies uvicorn has
    put it there (tests/api/test_served.py), so a header cannot pick another bucket here."""
    settings = {
        "rate_limit_per_ip": 1,
        "trusted_proxy_hops": hops,
        "trusted_proxies": ["10.0.0.0/8"],
    }
    async with client_for(**settings) as client:

        async def claiming(ip: str) -> int:
            headers = {"x-forwarded-for": ip}
            return (await client.post("/v1/chat", json={"text": "hi"}, headers=headers)).status_code

        assert await claiming("10.0.0.1") == 200
        assert await claiming("10.0.0.2") == 429


@pytest.mark.parametrize(
    ("peer", "key"),
    [
        ("203.0.113.7", "203.0.113.7"),
        ("2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64"),
        ("::ffff:203.0.113.7", "203.0.113.7"),
        ("not an address", "unknown"),
        ("x" * 50_000, "unknown"),
    ],
)
def test_the_client_key_is_a_validated_address(peer: str, key: str) -> None:
    request = Request({"type": "http", "client": (peer, 1), "headers": []})
    assert client_address(request) == key


async def test_an_ipv6_client_counts_by_its_64(tmp_path: Path, engine: Engine) -> None:
    db = f"sqlite+aiosqlite:///{tmp_path / 'walletbot.db'}"
    settings = Settings(faq_path=FAQ_PATH, database_url=db, rate_limit_per_ip=1)
    app = create_app(settings, engine=engine)

    def from_peer(ip: str) -> httpx.AsyncClient:
        transport = httpx.ASGITransport(app=app, client=(ip, 40000))
        return httpx.AsyncClient(transport=transport, base_url="http://t")

    async with (
        app.router.lifespan_context(app),
        from_peer("2001:db8::1") as one,
        from_peer("2001:db8::2") as same_64,
        from_peer("2001:db8:0:1::1") as next_64,
    ):
        assert (await one.post("/v1/chat", json={"text": "hi"})).status_code == 200
        assert (await same_64.post("/v1/chat", json={"text": "hi"})).status_code == 429
        assert (await next_64.post("/v1/chat", json={"text": "hi"})).status_code == 200


async def test_messages_are_limited_per_conversation(client_for: Client) -> None:
    async with client_for(rate_limit_per_conversation=2) as client:

        async def conversation() -> tuple[str, dict[str, str]]:
            body = (await client.post("/v1/conversations", json={})).json()
            return body["id"], {"authorization": f"Bearer {body['token']}"}

        async def send(cid: str, headers: dict[str, str], n: int) -> httpx.Response:
            body = {"text": "提现多久到账", "client_message_id": f"m{n}"}
            return await client.post(
                f"/v1/conversations/{cid}/messages", json=body, headers=headers
            )

        first, auth = await conversation()
        second, other_auth = await conversation()
        intruder = {"authorization": "Bearer not-the-token"}
        for n in range(3):  # a wrong token spends its own budget, not the owner's
            assert (await send(first, intruder, n)).status_code in {404, 429}
        assert (await send(first, auth, 1)).status_code == 200
        assert (await send(first, auth, 2)).status_code == 200
        assert_limited(await send(first, auth, 3))
        assert (await send(second, other_auth, 1)).status_code == 200
        feedback = {"rating": 5}
        url = f"/v1/conversations/{first}/feedback"
        assert (await client.post(url, json=feedback, headers=auth)).status_code == 200


async def test_messages_count_per_ip_first_even_with_a_bad_body_or_token(
    client_for: Client,
) -> None:
    # The per-IP limit is the route's first dependency: a flood of requests with no token or
    # invalid fields is limited like any other. (Bytes that do not parse as JSON are refused
    # before any dependency runs, at the cost of the parse alone: they are not counted.)
    async with client_for(rate_limit_per_ip=4) as client:
        created = (await client.post("/v1/conversations", json={})).json()  # 1 of 4
        url = f"/v1/conversations/{created['id']}/messages"
        auth = {"authorization": f"Bearer {created['token']}"}
        ok = {"text": "提现多久到账", "client_message_id": "m1"}
        assert (await client.post(url, json=ok)).status_code == 401  # no token: 2 of 4
        broken = await client.post(
            url, content=b"{", headers={**auth, "content-type": "application/json"}
        )
        assert broken.status_code == 400  # not counted
        bad = await client.post(url, json={"text": ""}, headers=auth)
        assert bad.status_code == 422  # 3 of 4
        assert (await client.post(url, json=ok, headers=auth)).status_code == 200  # 4 of 4
        assert_limited(await client.post(url, json=ok, headers=auth))
        assert_limited(await client.post(url, json=ok))  # limited before the token is asked for


@pytest.mark.redis
async def test_two_instances_enforce_one_limit_through_redis(
    client_for: Client, redis_url: str
) -> None:
    # A random address: colleagues' runs share this Redis.
    ip = f"10.{secrets.randbelow(250)}.{secrets.randbelow(250)}.{secrets.randbelow(250)}"
    common = {"redis_url": redis_url, "rate_limit_per_ip": 4, "peer": ip}
    async with client_for(**common) as one, client_for(**common) as two:
        codes = [
            (await client.post("/v1/chat", json={"text": "hi"})).status_code
            for client in (one, two, one, two, one, two)
        ]
    assert codes == [200, 200, 200, 200, 429, 429]
