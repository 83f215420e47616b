from __future__ import annotations

import httpx
from prometheus_client import REGISTRY
from prometheus_client.parser import text_string_to_metric_families

from tests.ops.conftest import converse, rate_first_answer


def samples(text: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    return {
        (s.name, tuple(sorted(s.labels.items()))): s.value
        for family in text_string_to_metric_families(text)
        for s in family.samples
    }


async def test_metrics_count_requests_by_route_template_and_decisions(
    client: httpx.AsyncClient,
) -> None:
    conversation, auth = await converse(client, "提现多久能到账？", "转人工")
    await client.get(f"/v1/conversations/{conversation}", headers=auth)
    response = await client.get("/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    found = samples(response.text)

    route = "/v1/conversations/{conversation_id}/messages"
    key = (
        "walletbot_http_requests_total",
        (("method", "POST"), ("route", route), ("status", "200")),
    )
    assert found[key] == 2
    assert conversation not in response.text  # templates, never raw paths
    assert (
        found[
            (
                "walletbot_decisions_total",
                (
                    ("action", "answer"),
                    ("category", "top_up_withdrawal"),
                    ("reason", "confident_match"),
                ),
            )
        ]
        == 1
    )
    assert found[("walletbot_model_loads_total", ())] == 0  # trained engine passed in
    # no event stream open, none refused
    assert found[("walletbot_event_streams_open", ())] == 0
    assert found[("walletbot_event_streams_refused_total", ())] == 0
    # nobody is on duty, so the hand-off became a ticket: the queue is empty
    assert found[("walletbot_queue_length", (("priority", "normal"),))] == 0
    assert found[("walletbot_conversations", (("status", "ticket"),))] == 1


async def test_metrics_count_feedback_and_use_a_private_registry(
    client: httpx.AsyncClient,
) -> None:
    conversation, auth = await converse(client, "提现多久能到账？")
    await rate_first_answer(client, conversation, auth, helpful=False)
    found = samples((await client.get("/metrics")).text)
    assert found[("walletbot_feedback_total", (("helpful", "false"),))] == 1
    assert REGISTRY.get_sample_value("walletbot_http_requests_total") is None


async def test_unknown_methods_share_one_label(client: httpx.AsyncClient) -> None:
    for method in ("BREW", "PROPFIND", "X-ANYTHING"):
        assert (await client.request(method, "/health")).status_code == 405
    await client.request("BREW", "/health")
    found = samples((await client.get("/metrics")).text)
    methods = {
        dict(labels)["method"]: value
        for (name, labels), value in found.items()
        if name == "walletbot_http_requests_total" and dict(labels)["route"] == "/health"
    }
    assert methods["OTHER"] == 4
    assert not {"BREW", "PROPFIND", "X-ANYTHING"} & set(methods)
