"""Storage and app fixtures for the conversation, hand-off and storage tests.

`db_settings` runs each test on SQLite (a fresh file) and on PostgreSQL (a schema created for
this test run, dropped at its end; tables emptied before each test), so colleagues' concurrent
runs never collide. PostgreSQL tests skip locally when the server is unreachable; in CI a skip
fails the run (tests/conftest.py).
"""

from __future__ import annotations

import asyncio
import os
import secrets
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from contextlib import AsyncExitStack
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import pytest
from fastapi import FastAPI
from pydantic import SecretStr
from sqlalchemy.engine import make_url

from tests.support.engine import ScriptedEngine
from walletbot.client import AsyncWalletbotClient
from walletbot.main import create_app
from walletbot.settings import Settings
from walletbot.storage.db import Database

PG_URL = os.environ.get(
    "WALLETBOT_TEST_POSTGRES_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/test"
)
KEYS = {"alice": "alice-key-0123456789", "bob": "bob-key-0123456789", "root": "root-key-0123456789"}
AGENT_KEYS = f"alice:agent:{KEYS['alice']},bob:agent:{KEYS['bob']},root:admin:{KEYS['root']}"
TABLES = "audit_log, events, messages, tickets, agent_presence, conversations"


def pg_dsn() -> str:
    return make_url(PG_URL).set(drivername="postgresql").render_as_string(hide_password=False)


async def _pg(sql: str) -> None:
    connection = await asyncpg.connect(pg_dsn(), timeout=5)
    try:
        await connection.execute(sql)
    finally:
        await connection.close()


async def terminate_backends(pids: set[int]) -> None:
    """Close these PostgreSQL backends from the server's side (a restart, a failover, an idle
    timeout), and give the goodbye time to reach the event loop."""
    for pid in pids:
        await _pg(f"SELECT pg_terminate_backend({int(pid)})")
    await asyncio.sleep(0.2)


async def _migrate(schema: str) -> None:
    database = Database(PG_URL, schema=schema)
    try:
        await database.migrate()
    finally:
        await database.dispose()


@pytest.fixture(scope="session")
def pg_schema() -> Iterator[str]:
    schema = f"wb_test_{secrets.token_hex(5)}"
    try:
        asyncio.run(_pg(f'CREATE SCHEMA "{schema}"'))
    except (OSError, asyncpg.PostgresError, TimeoutError) as exc:
        pytest.skip(f"PostgreSQL at {PG_URL} is unreachable: {exc!r}")
    try:
        asyncio.run(_migrate(schema))
        yield schema
    finally:
        asyncio.run(_pg(f'DROP SCHEMA "{schema}" CASCADE'))


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_settings(request: pytest.FixtureRequest, tmp_path: Path) -> dict[str, Any]:
    if request.param == "sqlite":
        return {"database_url": f"sqlite+aiosqlite:///{tmp_path / 'walletbot.db'}"}
    settings: dict[str, Any] = request.getfixturevalue("pg_settings")
    return settings


@pytest.fixture
def pg_settings(pg_schema: str) -> dict[str, Any]:
    """PostgreSQL only, tables emptied: for tests that are about PostgreSQL (several instances)."""
    tables = ", ".join(f"{pg_schema}.{t.strip()}" for t in TABLES.split(","))
    asyncio.run(_pg(f"TRUNCATE {tables}"))
    return {"database_url": PG_URL, "database_schema": pg_schema}


def make_settings(db_settings: dict[str, Any], **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "agent_keys": SecretStr(AGENT_KEYS),
        "queue_tick_seconds": 0.05,
        **db_settings,
        **overrides,
    }
    return Settings(**values)


AppFactory = Callable[..., Awaitable[FastAPI]]


@pytest.fixture
async def app_factory(db_settings: dict[str, Any]) -> AsyncIterator[AppFactory]:
    """Build started apps (lifespan run: migrations, queue worker) on this test's database."""
    async with AsyncExitStack() as stack:

        async def make(**overrides: Any) -> FastAPI:
            app = create_app(make_settings(db_settings, **overrides), engine=ScriptedEngine())  # type: ignore[arg-type]
            await stack.enter_async_context(app.router.lifespan_context(app))
            return app

        yield make


@pytest.fixture
async def app(app_factory: AppFactory) -> FastAPI:
    return await app_factory()


def api(app: FastAPI, agent: str | None = None) -> AsyncWalletbotClient:
    return AsyncWalletbotClient(
        "http://test",
        agent_key=KEYS[agent] if agent else None,
        transport=httpx.ASGITransport(app=app),
    )


@pytest.fixture
async def user(app: FastAPI) -> AsyncIterator[AsyncWalletbotClient]:
    async with api(app) as client:
        yield client


@pytest.fixture
async def alice(app: FastAPI) -> AsyncIterator[AsyncWalletbotClient]:
    async with api(app, "alice") as client:
        yield client


@pytest.fixture
async def bob(app: FastAPI) -> AsyncIterator[AsyncWalletbotClient]:
    async with api(app, "bob") as client:
        yield client


@pytest.fixture
async def raw(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://test"
    ) as client:
        yield client
