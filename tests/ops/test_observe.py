from __future__ import annotations

import json
import logging

import httpx
import pytest

from tests.ops.conftest import converse
from walletbot.ops.logs import JsonFormatter, logging_config


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
