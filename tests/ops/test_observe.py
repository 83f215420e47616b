from __future__ import annotations

import json
import logging
from pathlib import Path

import httpx
import pytest

from tests.ops.conftest import converse
from tests.ops.test_metrics import samples
from walletbot.brain.engine import Engine
from walletbot.main import create_app
from walletbot.ops.logs import JsonFormatter, logging_config
from walletbot.settings import Settings


async def test_request_id_is_echoed_or_generated(client: httpx.AsyncClient) -> None:
    given = await client.get("/health", headers={"X-Request-ID": "req-123.abc"})
    assert given.headers["x-request-id"] == "req-123.abc"
    generated = await client.get("/health")
    assert len(generated.headers["x-request-id"]) == 32
    hostile = await client.get("/health", headers={"X-Request-ID": "bad id\twith spaces"})
    assert hostile.headers["x-request-id"] != "bad id\twith spaces"
    assert (await client.get("/no/such/page")).headers["x-request-id"]


async def test_access_log_is_one_json_object_with_route_template_and_no_text(
    client: httpx.AsyncClient, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="walletbot.access")
    conversation, _ = await converse(client, "我的密码是 hunter2secret，帮我看看")
    records = [r for r in caplog.records if r.name == "walletbot.access"]
    formatter = JsonFormatter()
    lines = [json.loads(formatter.format(r)) for r in records]
    send = next(line for line in lines if line["method"] == "POST" and "messages" in line["route"])
    assert send["route"] == "/v1/conversations/{conversation_id}/messages"
    assert send["status"] == 200
    assert isinstance(send["duration_ms"], float)
    assert send["level"] == "info" and send["logger"] == "walletbot.access"
    assert send["request_id"] and send["time"].endswith("+00:00")
    everything = "\n".join(formatter.format(r) for r in caplog.records)
    assert "hunter2secret" not in everything and conversation not in everything


@pytest.mark.parametrize("access_log", [True, False])
async def test_the_access_log_can_be_switched_off_keeping_ids_and_metrics(
    access_log: bool,
    tmp_path: Path,
    faq_file: Path,
    engine: Engine,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """For deployments whose proxy already logs each request (a line costs ~80 us, docs/web.md)."""
    settings = Settings(
        faq_path=faq_file,
        database_url=f"sqlite+aiosqlite:///{tmp_path / 'wb.db'}",
        access_log=access_log,
    )
    app = create_app(settings, engine=engine)
    caplog.set_level(logging.INFO, logger="walletbot.access")
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            chat = await client.post("/v1/chat", json={"text": "How do I reset my password?"})
            assert chat.status_code == 200 and len(chat.headers["x-request-id"]) == 32
            found = samples((await client.get("/metrics")).text)
    key = ("method", "POST"), ("route", "/v1/chat"), ("status", "200")
    assert found[("walletbot_http_requests_total", key)] == 1
    logged = [r.getMessage() for r in caplog.records if r.name == "walletbot.access"]
    assert logged == (["POST /v1/chat 200", "GET /metrics 200"] if access_log else [])


def test_log_records_format_extras_and_exceptions() -> None:
    record = logging.makeLogRecord(
        {"name": "walletbot", "levelname": "ERROR", "msg": "model ready", "faqs": 80}
    )
    try:
        raise ValueError("boom")
    except ValueError:
        import sys

        record.exc_info = sys.exc_info()
    line = json.loads(JsonFormatter().format(record))
    assert line["faqs"] == 80 and line["level"] == "error" and "ValueError" in line["exception"]
    assert logging_config("info")["formatters"]["default"]["()"] is JsonFormatter
