"""Abuse limits: requests per client IP and per conversation, per minute.

`RateLimiter.hit(key, limit)` returns None when the request may go on, else the seconds to wait;
`check` asks the same without counting (agent-key failures: `KeyFailures`). The app hands over
the store and the limits (`RateLimits`, `install`).
In one process a token bucket per key is enough; several instances share a fixed one-minute window
in Redis (one Lua call: INCR, set the expiry on the first hit, read the TTL), so they enforce one
limit together. Routes use the `limit_ip` / `limit_conversation` dependencies, which answer 429
`rate_limited` with `Retry-After`.
"""

from __future__ import annotations

import hashlib
import ipaddress
import logging
import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from fastapi import Depends, FastAPI, Request
from redis.asyncio import Redis
from redis.exceptions import RedisError

from walletbot.http.credentials import TokenDep
from walletbot.http.errors import WalletbotError
from walletbot.http.fields import ConversationId

log = logging.getLogger("walletbot.ratelimit")
WINDOW_SECONDS = 60.0


class RateLimited(WalletbotError):
    status_code = 429
    code = "rate_limited"

    def __init__(
        self, retry_after: int, message: str | None = None, *, code: str | None = None
    ) -> None:
        super().__init__(
            message or f"too many requests; retry in {retry_after} s",
            code=code,
            retry_after=retry_after,
        )
        self.headers = {"Retry-After": str(retry_after)}


class RateLimiter(Protocol):
    async def hit(self, key: str, limit: int) -> int | None:
        """Count one request against `key`; None if allowed, else seconds until one would be."""
        ...

    async def check(self, key: str, limit: int) -> int | None:
        """Like `hit`, without counting: None if one more would be allowed."""
        ...

    async def aclose(self) -> None: ...


class MemoryRateLimiter:
    """A token bucket per key: `limit` requests at once, refilled at `limit` per minute."""

    def __init__(
        self, *, max_keys: int = 100_000, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self._buckets: dict[str, tuple[float, float]] = {}  # key -> (tokens, updated at)
        self._max_keys = max_keys
        self._clock = clock

    async def hit(self, key: str, limit: int) -> int | None:
        now = self._clock()
        rate = limit / WINDOW_SECONDS
        tokens, updated = self._buckets.get(key, (float(limit), now))
        tokens = min(float(limit), tokens + (now - updated) * rate)
        if tokens < 1:
            self._buckets[key] = (tokens, now)
            return max(1, math.ceil((1 - tokens) / rate))
        if key not in self._buckets and len(self._buckets) >= self._max_keys:
            self._prune(now, rate)
        self._buckets[key] = (tokens - 1, now)
        return None

    async def check(self, key: str, limit: int) -> int | None:
        now = self._clock()
        rate = limit / WINDOW_SECONDS
        tokens, updated = self._buckets.get(key, (float(limit), now))
        tokens = min(float(limit), tokens + (now - updated) * rate)
        return None if tokens >= 1 else max(1, math.ceil((1 - tokens) / rate))

    def _prune(self, now: float, rate: float) -> None:
        """Drop buckets idle long enough to be full again; if that frees nothing, the oldest
        half (a flood of fresh keys must not grow memory without bound)."""
        full = [k for k, (t, at) in self._buckets.items() if now - at >= WINDOW_SECONDS]
        for k in full:
            del self._buckets[k]
        if len(self._buckets) >= self._max_keys:
            oldest = sorted(self._buckets, key=lambda k: self._buckets[k][1])
            for k in oldest[: len(oldest) // 2]:
                del self._buckets[k]

    async def aclose(self) -> None:
        self._buckets.clear()


# Atomic fixed window: the first hit of a window sets its expiry; PTTL says when it reopens.
_WINDOW_SCRIPT = """
local n = redis.call('INCR', KEYS[1])
if n == 1 or redis.call('PTTL', KEYS[1]) < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
end
return {n, redis.call('PTTL', KEYS[1])}
"""
_PEEK_SCRIPT = """
return {redis.call('GET', KEYS[1]), redis.call('PTTL', KEYS[1])}
"""


class RedisRateLimiter:
    """A fixed one-minute window per key in Redis, shared by every instance.

    When Redis is unreachable requests are let through (logged): a support chat that refuses
    everyone because a cache is down does more harm than a minute without limits.
    """

    def __init__(self, client: Redis, *, prefix: str = "walletbot:rl:") -> None:
        self._redis = client
        self._prefix = prefix
        self._script = client.register_script(_WINDOW_SCRIPT)
        self._peek = client.register_script(_PEEK_SCRIPT)

    @classmethod
    def from_url(cls, url: str, **kwargs: str) -> RedisRateLimiter:
        return cls(Redis.from_url(url, socket_timeout=1.0, socket_connect_timeout=1.0), **kwargs)

    async def hit(self, key: str, limit: int) -> int | None:
        try:
            count, ttl_ms = await self._script(
                keys=[self._prefix + key], args=[int(WINDOW_SECONDS * 1000)]
            )
        except (RedisError, OSError) as exc:
            log.warning("rate limit store unavailable, request allowed: %s", type(exc).__name__)
            return None
        if int(count) <= limit:
            return None
        return max(1, math.ceil(int(ttl_ms) / 1000))

    async def check(self, key: str, limit: int) -> int | None:
        try:
            count, ttl_ms = await self._peek(keys=[self._prefix + key])
        except (RedisError, OSError) as exc:
            log.warning("rate limit store unavailable, request allowed: %s", type(exc).__name__)
            return None
        if count is None or int(count) < limit:
            return None
        return max(1, math.ceil(int(ttl_ms) / 1000))

    async def aclose(self) -> None:
        await self._redis.aclose()


def build_limiter(redis_url: str | None) -> RateLimiter:
    """Shared by every instance through Redis when there is one, else this process's own."""
    if redis_url:
        return RedisRateLimiter.from_url(redis_url)
    return MemoryRateLimiter()


@dataclass(frozen=True)
class RateLimits:
    """The store and the limits per minute (0: none), handed over by the app (`install`): this
    module reads no settings of its own."""

    limiter: RateLimiter
    per_ip: int = 0
    per_conversation: int = 0
    key_failures_per_ip: int = 0


def install(app: FastAPI, limits: RateLimits) -> None:
    app.state.rate_limits = limits


def _limits(request: Request) -> RateLimits:
    limits: RateLimits = request.app.state.rate_limits
    return limits


def client_address(request: Request) -> str:
    """The key of the client's address: the peer as the server reports it, validated.

    Behind proxies listed in WALLETBOT_TRUSTED_PROXIES, `walletbot serve` has uvicorn put the
    client's address there from X-Forwarded-For; nothing here reads a header. Whatever the server
    reports is parsed as an IP address, so a key is never longer than an IPv6 network; an IPv6
    client counts by its /64, the block one subscriber usually holds."""
    host = request.client.host if request.client else ""
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        return "unknown"
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:  # a dual-stack socket's view of an IPv4 client
            return str(ip.ipv4_mapped)
        return str(ipaddress.IPv6Network((ip, 64), strict=False))
    return str(ip)


async def _check(limiter: RateLimiter, key: str, limit: int) -> None:
    if limit <= 0:
        return
    retry_after = await limiter.hit(key, limit)
    if retry_after is not None:
        raise RateLimited(retry_after)


# The limits read their state from the app rather than through a dependency of their own: they
# sit on the hot paths, where each dependency FastAPI solves costs about 80 Python calls.
async def limit_ip(request: Request) -> None:
    limits = _limits(request)
    await _check(limits.limiter, f"ip:{client_address(request)}", limits.per_ip)


async def limit_conversation(
    request: Request, conversation_id: ConversationId, token: TokenDep
) -> None:
    """Per conversation and token: a caller with a wrong token spends only its own budget, never
    the owner's. The token is hashed so the limiter never holds it."""
    limits = _limits(request)
    if limits.per_conversation <= 0:
        return
    digest = hashlib.sha256(token.encode()).hexdigest()[:16]
    route = request.scope["path"].rsplit("/", 1)[-1]  # messages and feedback count separately
    key = f"conv:{conversation_id}:{digest}:{route}"
    await _check(limits.limiter, key, limits.per_conversation)


class KeyFailures:
    """Agent keys refused per client address: past `key_failures_per_ip` in a minute, every key
    from there is refused (429) until the window lets one through again, the right key included,
    so guessing learns nothing while it lasts."""

    def __init__(self, request: Request) -> None:
        limits = _limits(request)
        self._limiter = limits.limiter
        self._key = f"agent-key-failures:{client_address(request)}"
        self._limit = limits.key_failures_per_ip

    async def refuse_if_blocked(self) -> None:
        if self._limit <= 0:
            return
        retry_after = await self._limiter.check(self._key, self._limit)
        if retry_after is not None:
            raise RateLimited(
                retry_after,
                f"too many unknown agent keys from this address; retry in {retry_after} s",
                code="too_many_key_failures",
            )

    async def count_failure(self) -> None:
        if self._limit > 0:
            await self._limiter.hit(self._key, self._limit)


LimitIp = Depends(limit_ip)
LimitConversation = Depends(limit_conversation)
