"""A burst of messages full of secrets leaves none in any log line or any database row.

Every logger is captured at DEBUG (SQLAlchemy's statement and parameter logging included, which
DEBUG switches on), every column of every table is read back after the burst, on SQLite and on
PostgreSQL. Responses are checked too: they may show masked text, never the secret.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from tests.conftest import FAQ_PATH
from tests.support.fixtures import KEYS, make_settings
from walletbot.app_state import AppState
from walletbot.brain.engine import Engine
from walletbot.main import create_app
from walletbot.storage.db import Database
from walletbot.storage.models import Base

SEED_EN = "legal winner thank year wave sausage worth useful legal winner thank yellow"
SEED_ZH = "的 一 是 在 不 了 有 和 人 这 中 大"
PRIVATE_HEX = "4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318"
WIF = "5HueCGU8rMjxEXxiPuD5BDku4MkFqeZyd4dZ1jvhTVqvbTLvyTJ"
# (message, the secret it carries); card numbers are also compared digit by digit.
BURST = [
    ("my card 4111 1111 1111 1111 was declined", "4111 1111 1111 1111"),
    ("付款失败，卡号6222021234567890128", "6222021234567890128"),
    ("card 5500-0000-0000-0004 charged twice", "5500-0000-0000-0004"),
    ("身份证号 11010519491231002X 认证失败", "11010519491231002X"),
    ("my ID is 440306198506124733", "440306198506124733"),
    ("my password is Tr0ub4dor&3 and login fails", "Tr0ub4dor&3"),
    ("支付密码是 830614，转账失败", "830614"),
    ("验证码 482913 收到了但登录不上", "482913"),
    ("the code is 739201 but it expired", "739201"),
    (f"my seed phrase is {SEED_EN}", SEED_EN),
    (f"助记词 {SEED_ZH}", SEED_ZH),
    (f"private key {PRIVATE_HEX} please check", PRIVATE_HEX),
    (f"私钥 {WIF} 帮我看看", WIF),
    # pasted the way people paste them
    ("验证码收到了7686881", "7686881"),  # 7 digits: no timestamp's microseconds look alike
    ("here is the code you sent 5523770", "5523770"),
    ("my password is Müller2641!", "Müller2641"),
    ("密码是张伟116883", "张伟116883"),
    ("card 4111\u200b1111\u200b1111\u200b1111 declined", "4111\u200b1111\u200b1111"),
    ("身份证 110101-19920915-8641", "110101-19920915-8641"),
    (f"seed: {SEED_EN.replace(' ', '-')}", SEED_EN.replace(" ", "-")),
    ("助记词：礼忽卸可瓶酯大欧群弄家陵", "礼忽卸可瓶酯大欧群弄家陵"),
    (f"key 0X{PRIVATE_HEX[:32].upper()}\n{PRIVATE_HEX[32:].upper()}", PRIVATE_HEX[32:].upper()),
]
SECRETS = [secret for _, secret in BURST]


def leaks(text: str) -> list[str]:
    """The secrets present in `text`: verbatim, or a card's first 12 digits in any layout."""
    found = [s for s in SECRETS if s in text]
    digits = re.sub(r"\D", "", unicodedata.normalize("NFKC", text))
    for secret in SECRETS:
        secret_digits = re.sub(r"\D", "", secret)
        if len(secret_digits) >= 13 and secret_digits[:12] in digits:
            found.append(secret)
    return found


async def test_secrets_reach_no_log_and_no_row(
    db_settings: dict[str, Any], engine: Engine, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)  # root: every logger, SQLAlchemy's echo included
    for name in ("sqlalchemy.engine", "sqlalchemy.pool", "uvicorn", "uvicorn.access", "walletbot"):
        caplog.set_level(logging.DEBUG, logger=name)
    settings = make_settings(
        db_settings, faq_path=FAQ_PATH, rate_limit_per_ip=0, rate_limit_per_conversation=0
    )
    app = create_app(settings, engine=engine)
    bodies: list[str] = []
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
            await client.post("/v1/agent/heartbeat", headers=agent_auth())
            created = (await client.post("/v1/conversations", json={})).json()
            auth = {"authorization": f"Bearer {created['token']}"}
            url = f"/v1/conversations/{created['id']}"
            for n, (text, _) in enumerate(BURST):
                bodies.append((await client.post("/v1/chat", json={"text": text})).text)
                sent = await client.post(
                    f"{url}/messages",
                    json={"text": text, "client_message_id": f"m{n}"},
                    headers=auth,
                )
                assert sent.status_code == 200, sent.text
                bodies.append(sent.text)
            bodies.append((await client.get(f"{url}/messages", headers=auth)).text)
            rated = {"rating": 1, "comment": f"my card {BURST[0][1]} still fails"}
            bodies.append((await client.post(f"{url}/feedback", json=rated, headers=auth)).text)
            claimed = (await client.post("/v1/agent/claim", headers=agent_auth())).json()
            assert claimed["conversation"]["conversation_id"] == created["id"]
            reply = {"text": f"I see the code {BURST[8][1]} in your message; never share it"}
            answer = await client.post(
                f"/v1/agent{url[3:]}/messages", json=reply, headers=agent_auth()
            )
            assert answer.status_code == 200, answer.text
            bodies.append(answer.text)
            bodies.append((await client.get(f"/v1/agent{url[3:]}", headers=agent_auth())).text)

        rows = await all_values(AppState.of(app).database)

    assert len(caplog.records) > 50  # the capture really saw the statements
    logged = [r for r in caplog.records if leaks(log_text(r))]
    assert logged == [], [log_text(r)[:200] for r in logged]
    assert len(rows) > 100
    assert [v for v in rows if leaks(v)] == []
    assert [b for b in bodies if leaks(b)] == []


def agent_auth() -> dict[str, str]:
    return {"authorization": f"Bearer {KEYS['root']}"}


def log_text(record: logging.LogRecord) -> str:
    parts = [record.getMessage(), repr(record.args)]
    if record.exc_info and record.exc_info[1] is not None:
        parts.append(repr(record.exc_info[1]))
    return " ".join(parts)


async def all_values(database: Database) -> list[str]:
    """Every value of every column of every table, as text."""
    values: list[str] = []
    async with database.reader() as session:
        for table in Base.metadata.sorted_tables:
            for row in (await session.execute(select(table))).all():
                values.extend(str(v) for v in row if v is not None)
    return values
