"""The OpenAPI document states what the server enforces (the schemathesis run checks the rest
against a live server: tests/api/test_schemathesis.py)."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from walletbot.http.fields import ID_BOUND
from walletbot.records.status import ConversationStatus


@pytest.fixture
async def spec(client: httpx.AsyncClient) -> dict[str, Any]:
    document: dict[str, Any] = (await client.get("/openapi.json")).json()
    return document


def body_schema(spec: dict[str, Any], path: str) -> dict[str, Any]:
    content = spec["paths"][path]["post"]["requestBody"]["content"]["application/json"]
    schema: dict[str, Any] = content["schema"]
    if "$ref" in schema:
        schema = spec["components"]["schemas"][schema["$ref"].rsplit("/", 1)[-1]]
    return schema


@pytest.mark.parametrize(
    "path",
    [
        "/v1/chat",
        "/v1/conversations/{conversation_id}/messages",
        "/v1/agent/conversations/{conversation_id}/messages",
    ],
)
def test_message_text_states_this_apps_limits(spec: dict[str, Any], path: str) -> None:
    text = body_schema(spec, path)["properties"]["text"]
    assert (text["minLength"], text["maxLength"]) == (1, 200)  # the app's max_message_chars
    assert "pattern" in text  # not only white space, no NUL


def test_ids_are_bounded_like_the_database(spec: dict[str, Any]) -> None:
    feedback = spec["paths"]["/v1/conversations/{conversation_id}/feedback"]["post"]
    kinds = feedback["requestBody"]["content"]["application/json"]["schema"]["oneOf"]
    answer = spec["components"]["schemas"][kinds[0]["$ref"].rsplit("/", 1)[-1]]
    assert answer["properties"]["message_id"]["exclusiveMaximum"] == ID_BOUND
    get = spec["paths"]["/v1/conversations/{conversation_id}"]["get"]
    (conversation_id,) = [p for p in get["parameters"] if p["name"] == "conversation_id"]
    assert conversation_id["schema"]["pattern"] == "^[0-9a-f]{32}$"


def test_every_status_field_is_the_one_status_enum(spec: dict[str, Any]) -> None:
    schemas = spec["components"]["schemas"]
    assert schemas["ConversationStatus"]["enum"] == [s.value for s in ConversationStatus]
    statuses = {
        name
        for name, schema in schemas.items()
        if schema.get("properties", {}).get("status", {}).get("$ref")
        == "#/components/schemas/ConversationStatus"
    }
    assert {"ConversationOut", "HandoffStateOut", "HandoffSummary"} <= statuses


def test_every_error_has_the_one_error_shape(spec: dict[str, Any]) -> None:
    assert "HTTPValidationError" not in spec["components"]["schemas"]
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            for status, response in operation["responses"].items():
                if status.startswith(("4", "5")) and path != "/ready":
                    schema = response["content"]["application/json"]["schema"]
                    assert schema == {"$ref": "#/components/schemas/ErrorOut"}, (path, method)


def test_a_created_conversation_links_to_the_operations_on_it(spec: dict[str, Any]) -> None:
    created = spec["paths"]["/v1/conversations"]["post"]["responses"]["201"]
    links = created["links"]
    operation_ids = {
        operation["operationId"]
        for operations in spec["paths"].values()
        for operation in operations.values()
    }
    assert {link["operationId"] for link in links.values()} <= operation_ids
    assert links["SendMessage"]["parameters"] == {
        "path.conversation_id": "$response.body#/id",
        "header.authorization": "Bearer {$response.body#/token}",
    }


async def test_a_405_allows_every_method_of_the_path(client: httpx.AsyncClient) -> None:
    path = f"/v1/conversations/{'0' * 32}/messages"  # GET and POST, declared apart
    response = await client.delete(path)
    assert response.status_code == 405
    assert response.json()["error"]["code"] == "method_not_allowed"
    assert {m.strip() for m in response.headers["allow"].split(",")} == {"GET", "POST"}


async def test_an_empty_text_is_refused_as_the_schema_says(client: httpx.AsyncClient) -> None:
    response = await client.post("/v1/chat", json={"text": ""})
    assert (response.status_code, response.json()["error"]["code"]) == (422, "empty_text")
    response = await client.post("/v1/chat", json={"text": "x" * 201})
    error = response.json()["error"]
    assert (error["code"], error["details"]["limit"]) == ("text_too_long", 200)
