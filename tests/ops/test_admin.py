from __future__ import annotations

from pathlib import Path

import httpx

from tests.ops.conftest import ADMIN, AGENT, converse, rate_first_answer


async def test_stats_need_an_admin_key(client: httpx.AsyncClient) -> None:
    assert (await client.get("/v1/admin/stats")).status_code == 401
    assert (await client.get("/v1/admin/stats", headers=AGENT)).status_code == 403


async def test_stats_report_deflection_feedback_csat_and_unanswered(
    client: httpx.AsyncClient,
) -> None:
    conversation, auth = await converse(client, "提现多久能到账？")
    await rate_first_answer(client, conversation, auth, helpful=True)
    await client.post(
        f"/v1/conversations/{conversation}/feedback", json={"rating": 4}, headers=auth
    )
    await converse(client, "转人工")
    await converse(client, "钱")
    await converse(client, "钱钱")

    stats = (await client.get("/v1/admin/stats", headers=ADMIN)).json()
    assert stats["conversations"] == 4
    assert stats["deflection_rate"] == 0.25
    assert stats["handoffs"] == {"user_request": 1}  # 钱: asked to rephrase first
    assert stats["csat"]["average"] == 4 and stats["csat"]["satisfied_rate"] == 1
    assert stats["helpful"][0]["faq_id"] == "withdrawal-time"
    assert stats["helpful"][0]["rate"] == 1
    assert stats["unanswered"][0]["count"] == 2  # 钱 and 钱钱 grouped together
    assert sorted(stats["unanswered"][0]["examples"]) == ["钱", "钱钱"]
    assert stats["categories_by_day"][0]["counts"]["top_up_withdrawal"] == 1


async def test_reload_swaps_in_a_valid_file_and_refuses_a_broken_one(
    client: httpx.AsyncClient, faq_file: Path
) -> None:
    good = await client.post("/v1/admin/faq/reload", headers=ADMIN)
    assert good.status_code == 200, good.text
    assert good.json()["faqs"] > 50 and good.json()["loads"] == 1

    broken = faq_file.read_text(encoding="utf-8").replace("category: refunds", "category: nope", 1)  # noqa: ASYNC240
    faq_file.write_text(broken, encoding="utf-8")  # noqa: ASYNC240
    bad = await client.post("/v1/admin/faq/reload", headers=ADMIN)
    assert bad.status_code == 422
    error = bad.json()["error"]
    assert error["code"] == "faq_invalid"
    assert any("unknown category 'nope'" in line for line in error["details"]["errors"])

    still = await client.post("/v1/chat", json={"text": "提现多久能到账？"})
    assert still.json()["faq_id"] == "withdrawal-time"  # the old FAQ keeps serving
    metrics = (await client.get("/metrics")).text
    assert "walletbot_faq_reload_failures_total 1.0" in metrics


async def test_reload_is_admin_only(client: httpx.AsyncClient) -> None:
    assert (await client.post("/v1/admin/faq/reload", headers=AGENT)).status_code == 403


async def test_agents_search_the_faq_for_an_answer_to_insert(client: httpx.AsyncClient) -> None:
    response = await client.get("/v1/agent/faq/search", params={"q": "提现多久到账"}, headers=AGENT)
    body = response.json()
    assert body["lang"] == "zh"
    assert body["hits"][0]["faq_id"] == "withdrawal-time"
    assert "到账" in body["hits"][0]["answer"]
    english = await client.get(
        "/v1/agent/faq/search", params={"q": "提现多久到账", "lang": "en"}, headers=AGENT
    )
    assert english.json()["hits"][0]["question"].isascii()
    assert (await client.get("/v1/agent/faq/search", params={"q": "x"})).status_code == 401
