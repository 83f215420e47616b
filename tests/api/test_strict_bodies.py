"""Every body the API accepts is strict: an unknown field is a 422 that names it."""

from __future__ import annotations

import httpx
import pytest


@pytest.mark.parametrize(
    ("path", "body", "field"),
    [
        ("/v1/chat", {"text": "hi", "surprise": 1}, "surprise"),
        ("/v1/conversations", {"lang": "en", "surprise": 1}, "surprise"),
        (
            "{conversation}/messages",
            {"text": "hi", "client_message_id": "a", "surprise": 1},
            "surprise",
        ),
        # The feedback body is one of two kinds; the field is named within the kind it was read as.
        ("{conversation}/feedback", {"rating": 5, "surprise": 1}, "rating_feedback.surprise"),
    ],
)
async def test_unknown_fields_are_named(
    client: httpx.AsyncClient,
    path: str,
    body: dict,  # type: ignore[type-arg]
    field: str,
) -> None:
    created = (await client.post("/v1/conversations", json={})).json()
    auth = {"authorization": f"Bearer {created['token']}"}
    url = path.format(conversation=f"/v1/conversations/{created['id']}")
    response = await client.post(url, json=body, headers=auth)
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "invalid_request"
    assert error["message"] == f"invalid field(s): {field}"
    assert error["details"]["fields"][0]["type"] == "extra_forbidden"
