import asyncio

import httpx
import pytest


async def test_chat_answers_in_chinese(client: httpx.AsyncClient) -> None:
    response = await client.post("/v1/chat", json={"text": "提现多久能到账？"})
    assert response.status_code == 200
    body = response.json()
    assert body["action"] == "answer"
    assert body["lang"] == "zh"
    assert body["category"] == "top_up_withdrawal"
    assert 0 < body["confidence"] <= 1
    assert body["faq_id"] and body["reply"]
    assert body["handoff"] is None
    assert body["reason"] == "confident_match"


async def test_chat_hands_off_on_request_in_english(client: httpx.AsyncClient) -> None:
    response = await client.post("/v1/chat", json={"text": "let me talk to a human please"})
    body = response.json()
    assert body["action"] == "handoff"
    assert body["lang"] == "en"
    assert body["handoff"] == {"reason": "user_request", "priority": "normal"}


async def test_chat_reply_language_can_be_forced(client: httpx.AsyncClient) -> None:
    response = await client.post("/v1/chat", json={"text": "提现多久能到账？", "lang": "en"})
    assert response.json()["lang"] == "en"


async def test_categories_menu_is_bilingual(client: httpx.AsyncClient) -> None:
    response = await client.get("/v1/categories")
    assert response.status_code == 200
    categories = {c["id"]: c["names"] for c in response.json()["categories"]}
    assert categories["password_reset"]["zh"] and categories["password_reset"]["en"]
    assert "human_agent" in categories


async def test_health_and_ready(client: httpx.AsyncClient) -> None:
    assert (await client.get("/health")).json() == {"status": "ok"}
    ready = await client.get("/ready")
    assert ready.status_code == 200
    assert ready.json()["checks"]["model"] is True


@pytest.mark.parametrize(
    ("payload", "status", "code"),
    [
        ({"text": ""}, 422, "empty_text"),
        ({"text": "   \n\t "}, 422, "empty_text"),
        ({"text": "\u200b\u200d \ufeff"}, 422, "empty_text"),  # invisible only
        ({"text": "x" * 201}, 422, "text_too_long"),
        ({}, 422, "invalid_request"),
        ({"text": 42}, 422, "invalid_request"),
        ({"text": "hi", "lang": "fr"}, 422, "invalid_request"),
        ({"text": "hi", "extra": 1}, 422, "invalid_request"),
    ],
)
async def test_bad_chat_input_gets_a_precise_4xx(
    client: httpx.AsyncClient, payload: dict[str, object], status: int, code: str
) -> None:
    response = await client.post("/v1/chat", json=payload)
    assert response.status_code == status
    assert response.json()["error"]["code"] == code


async def test_invalid_request_names_the_field(client: httpx.AsyncClient) -> None:
    response = await client.post("/v1/chat", json={"text": "hi", "lang": "fr"})
    fields = response.json()["error"]["details"]["fields"]
    assert [f["field"] for f in fields] == ["lang"]


async def test_non_json_body_is_a_400(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/v1/chat", content=b"{not json", headers={"content-type": "application/json"}
    )
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_json"


async def test_oversized_body_is_a_413(client: httpx.AsyncClient) -> None:
    response = await client.post("/v1/chat", json={"text": "x" * 100_000})
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "body_too_large"


async def test_unknown_route_is_a_json_404(client: httpx.AsyncClient) -> None:
    response = await client.get("/v1/nope")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


async def test_openapi_docs_are_served(client: httpx.AsyncClient) -> None:
    assert (await client.get("/docs")).status_code == 200
    spec = (await client.get("/openapi.json")).json()
    assert "/v1/chat" in spec["paths"]


async def test_concurrent_chats_are_decided_in_batches_with_their_own_answers(
    client: httpx.AsyncClient,
) -> None:
    texts = [
        "提现多久能到账？",
        "let me talk to a human please",
        "I forgot my password",
        "我的账户被盗了",
        "why did my payment fail",
        "转人工",
        "how do I top up my wallet",
        "我的验证码是 493817",
    ]
    alone = [(await client.post("/v1/chat", json={"text": t})).json() for t in texts]
    together = await asyncio.gather(*(client.post("/v1/chat", json={"text": t}) for t in texts))
    assert [r.json() for r in together] == alone
    metrics = (await client.get("/metrics")).text
    batches = _counter(metrics, "walletbot_decision_batches_total")
    decided = _counter(metrics, "walletbot_batched_decisions_total")
    assert decided == 2 * len(texts)
    # One batch per request sent alone, one for all those sent together: in process nothing
    # suspends a request before it queues its decision, so all eight queue in the same turn.
    assert batches == len(texts) + 1


def _counter(metrics: str, name: str) -> float:
    for line in metrics.splitlines():
        if line.startswith(name + " "):
            return float(line.split()[1])
    raise AssertionError(f"{name} is not in /metrics")
