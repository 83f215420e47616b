"""Every body the API accepts is strict: an unknown field is a 422 that names it."""

from __future__ import annotations

import httpx
import pytest


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/v1/chat", {"text": "hi", "surprise": 1}),
        ("/v1/conversations", {"lang": "en", "surprise": 1}),
        ("{conversation}/messages", {"text": "hi", "client_message_id": "a", "surprise": 1}),
        ("{conversation}/feedback", {"rating": 5, "surprise": 1}),
    ],
)
async def test_unknown_fields_are_named(client: httpx.AsyncClient, path: str, body: dict) -> None:  # type: ignore[type-arg]
    created = (await client.post("/v1/conversations", json={})).json()
    auth = {"authorization": f"Bearer {created['token']}"}
    url = path.format(conversation=f"/v1/conversations/{created['id']}")
    response = await client.post(url, json=body, headers=auth)
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "invalid_request"
    assert error["message"] == "invalid field(s): surprise"
    assert error["details"]["fields"][0]["type"] == "extra_forbidden"
