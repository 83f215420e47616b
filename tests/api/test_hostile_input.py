"""Input no client should send still gets a precise 4xx with a stable code, never a 500, on
SQLite and PostgreSQL: unpaired surrogates and NUL in every free-text field, JSON nested deeper
than Python's recursion limit, integers beyond any id, bytes that are not UTF-8, ids that
cannot exist. The stored state is untouched by every refusal."""

from __future__ import annotations

import json
import unicodedata
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.support.fixtures import KEYS, AppFactory
from walletbot.http.fields import MAX_ID

ALICE = {"authorization": f"Bearer {KEYS['alice']}"}
ROOT = {"authorization": f"Bearer {KEYS['root']}"}


@pytest.fixture
async def app(app_factory: AppFactory) -> FastAPI:
    return await app_factory(max_message_chars=200)


@pytest.fixture
async def http(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        yield client


@pytest.fixture
async def conversation(http: httpx.AsyncClient) -> dict[str, Any]:
    """A conversation handed to the queue (agent please), claimed by alice."""
    assert (await http.post("/v1/agent/heartbeat", headers=ALICE)).status_code == 200
    created = (await http.post("/v1/conversations", json={"lang": "en"})).json()
    auth = {"authorization": f"Bearer {created['token']}"}
    base = f"/v1/conversations/{created['id']}"
    sent = await http.post(
        f"{base}/messages", json={"text": "agent please", "client_message_id": "c1"}, headers=auth
    )
    assert sent.status_code == 200
    claimed = await http.post(f"/v1/agent/conversations/{created['id']}/claim", headers=ALICE)
    assert claimed.status_code == 200
    return {"id": created["id"], "auth": auth, "base": base}


def raw_json(value: Any) -> bytes:
    """JSON as Python writes it: a lone surrogate becomes the escape `\\ud800`, valid JSON."""
    return json.dumps(value).encode()


# Every free-text field a client writes, as (method, path, headers key, body with the field).
def text_fields(c: dict[str, Any]) -> list[tuple[str, dict[str, str], dict[str, Any], str]]:
    return [
        ("/v1/chat", {}, {"text": "{}"}, "text"),
        (f"{c['base']}/messages", c["auth"], {"text": "{}", "client_message_id": "m2"}, "text"),
        (f"{c['base']}/messages", c["auth"], {"text": "ok", "client_message_id": "{}"}, "cid"),
        (f"{c['base']}/feedback", c["auth"], {"rating": 4, "comment": "{}"}, "comment"),
        (f"/v1/agent/conversations/{c['id']}/messages", ALICE, {"text": "{}"}, "text"),
    ]


def fill(body: dict[str, Any], value: str) -> dict[str, Any]:
    return {k: (v.replace("{}", value) if isinstance(v, str) else v) for k, v in body.items()}


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("hi \ud800", "unpaired_surrogate"),
        ("\udfff tail", "unpaired_surrogate"),
        ("a\x00b", "nul_character"),
        ("\x00", "nul_character"),
    ],
)
async def test_unstorable_characters_are_refused_in_every_text_field(
    http: httpx.AsyncClient, conversation: dict[str, Any], value: str, code: str
) -> None:
    for path, headers, body, _ in text_fields(conversation):
        response = await http.post(
            path,
            content=raw_json(fill(body, value)),
            headers={**headers, "content-type": "application/json"},
        )
        assert response.status_code == 422, (path, response.text)
        assert response.json()["error"]["code"] == code, (path, response.text)
    # Nothing of it was stored: the transcript holds the one message of the fixture and the
    # bot's answer.
    events = await http.get(f"{conversation['base']}/messages", headers=conversation["auth"])
    messages = [e["data"] for e in events.json()["events"] if e["type"] == "message"]
    assert len(messages) == 2
    assert messages[0]["text"] == "agent please"


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    text=st.text(
        alphabet=st.characters(codec=None, exclude_categories=()),  # surrogates and NUL included
        min_size=0,
        max_size=30,
    )
)
async def test_any_text_gets_an_answer_or_a_precise_refusal(
    http: httpx.AsyncClient, text: str
) -> None:
    """Generated text of any code points, surrogates and controls included: 200, or 422 with
    the code of the rule it broke."""
    response = await http.post(
        "/v1/chat", content=raw_json({"text": text}), headers={"content-type": "application/json"}
    )
    if any(0xD800 <= ord(ch) <= 0xDFFF for ch in text):
        expected = (422, "unpaired_surrogate")
    elif "\x00" in text:
        expected = (422, "nul_character")
    elif all(ch.isspace() or unicodedata.category(ch) == "Cf" for ch in text):
        # nothing a person can see: whitespace, or format characters ("\u00ad", "\u200b")
        expected = (422, "empty_text")
    else:
        expected = (200, None)
    code = response.json().get("error", {}).get("code") if response.status_code != 200 else None
    assert (response.status_code, code) == expected, text


@pytest.mark.parametrize(
    "body",
    [
        b"[" * 20_000 + b"]" * 20_000,
        b'{"text": ' + b"[" * 20_000 + b"]" * 20_000 + b"}",
        b'{"rating": 5, "comment": ' + b"{" * 20_000 + b"}",
    ],
)
async def test_json_nested_too_deeply_is_a_400(
    http: httpx.AsyncClient, conversation: dict[str, Any], body: bytes
) -> None:
    for path, headers in (
        ("/v1/chat", {}),
        (f"{conversation['base']}/feedback", conversation["auth"]),
    ):
        response = await http.post(
            path, content=body, headers={**headers, "content-type": "application/json"}
        )
        assert response.status_code == 400
        assert response.json()["error"]["code"] in {"json_too_deep", "invalid_json"}
    deep = await http.post(
        "/v1/chat", content=body[:40_000], headers={"content-type": "application/json"}
    )
    assert deep.status_code == 400


async def test_nesting_deeper_than_the_recursion_limit_has_its_own_code(
    http: httpx.AsyncClient,
) -> None:
    body = b'{"text": ' + b"[" * 20_000 + b"]" * 20_000 + b"}"
    response = await http.post(
        "/v1/chat", content=body, headers={"content-type": "application/json"}
    )
    assert (response.status_code, response.json()["error"]["code"]) == (400, "json_too_deep")


@pytest.mark.parametrize("message_id", [MAX_ID + 1, 2**64, 10**400, 0, -(2**63) - 1])
async def test_ids_beyond_any_id_are_a_422(
    http: httpx.AsyncClient, conversation: dict[str, Any], message_id: int
) -> None:
    response = await http.post(
        f"{conversation['base']}/feedback",
        content=f'{{"message_id": {message_id}, "helpful": true}}'.encode(),
        headers={**conversation["auth"], "content-type": "application/json"},
    )
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "invalid_request"
    assert error["details"]["fields"][0]["field"] == "answer_feedback.message_id"


async def test_the_largest_id_is_looked_up_not_refused(
    http: httpx.AsyncClient, conversation: dict[str, Any]
) -> None:
    response = await http.post(
        f"{conversation['base']}/feedback",
        json={"message_id": MAX_ID, "helpful": True},
        headers=conversation["auth"],
    )
    assert (response.status_code, response.json()["error"]["code"]) == (409, "message_not_found")


@pytest.mark.parametrize(
    ("path", "headers"),
    [
        ("/v1/conversations/{id}/messages?after=%00", "user"),
        ("/v1/conversations/{id}/messages?after=99999999999999999999999", "user"),
        ("/v1/conversations/{id}/messages?limit=99999999999999999999999", "user"),
        ("/v1/conversations/%00/messages", "user"),
        ("/v1/conversations/{id}%00/messages", "user"),
        ("/v1/agent/conversations/%00abc", "agent"),
        ("/v1/tickets/WB-%00", "user"),
        ("/v1/admin/audit?agent=%00", "admin"),
        ("/v1/admin/audit?conversation_id=%00", "admin"),
        ("/v1/admin/stats?days=99999999999999999999", "admin"),
    ],
)
async def test_nul_and_huge_numbers_in_urls_are_a_422(
    http: httpx.AsyncClient, conversation: dict[str, Any], path: str, headers: str
) -> None:
    auth = {"user": conversation["auth"], "agent": ALICE, "admin": ROOT}[headers]
    response = await http.get(path.replace("{id}", conversation["id"]), headers=auth)
    assert response.status_code == 422, response.text
    assert response.json()["error"]["code"] in {"invalid_request", "invalid_cursor"}


async def test_bytes_that_are_not_utf8_are_not_json(http: httpx.AsyncClient) -> None:
    response = await http.post(
        "/v1/chat", content=b'{"text": "\xff\xfe"}', headers={"content-type": "application/json"}
    )
    assert (response.status_code, response.json()["error"]["code"]) == (400, "invalid_json")
    # A surrogate written out in UTF-8's form: json.loads decodes it (surrogatepass), and the
    # text rule refuses it like the escaped one.
    response = await http.post(
        "/v1/chat",
        content=b'{"text": "\xed\xa0\x80"}',
        headers={"content-type": "application/json"},
    )
    assert (response.status_code, response.json()["error"]["code"]) == (422, "unpaired_surrogate")
