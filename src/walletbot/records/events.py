"""The payloads of the event log, built in one place so every writer emits the same shapes.

Types: `message` (user, bot or agent message), `status` (the conversation moved: queued,
assigned, ticket, resolved, bot), `queue` (new position and estimated wait), `ticket` (a ticket's
status changed). Notices meant for the user carry a `text` in the conversation's language.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Protocol


class StoredMessage(Protocol):
    """A stored message (the ORM's Message, or any object of its shape)."""

    @property
    def id(self) -> int | None: ...
    @property
    def role(self) -> str: ...
    @property
    def text(self) -> str: ...
    @property
    def author(self) -> str | None: ...
    @property
    def reply_to(self) -> int | None: ...
    @property
    def client_message_id(self) -> str | None: ...
    @property
    def created_at(self) -> datetime: ...


def message_payload(message: StoredMessage, reply: dict[str, Any] | None = None) -> dict[str, Any]:
    payload: dict[str, Any] = {
        "message_id": message.id,
        "role": message.role,
        "text": message.text,
        "author": message.author,
        "reply_to": message.reply_to,
        # The sender's own id for a user's message: the widget matches the copy the stream
        # brings to the bubble it shows as sending, whichever of the two answers comes first.
        "client_message_id": message.client_message_id,
        "created_at": message.created_at.isoformat(),
    }
    if reply is not None:
        payload["reply"] = reply
    return payload
