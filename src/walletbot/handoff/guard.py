"""The agent reply guard as a service rule: a reply asking the user for a secret is refused."""

from __future__ import annotations

from walletbot.brain.agent_guard import REFUSAL, asks_for_secret
from walletbot.http.errors import InvalidInput


def refuse_secret_requests(text: str) -> None:
    """Raise 422 `agent_reply_refused` when an agent's reply asks for a password, code, seed
    phrase or private key: whoever sends it (an impostor in the console, an insider) must not
    reach the user with it. The reply itself is not echoed back or logged."""
    kind = asks_for_secret(text)
    if kind is not None:
        raise InvalidInput(
            f"{REFUSAL['zh']}\n{REFUSAL['en']}",
            code="agent_reply_refused",
            kind=kind,
            explanation=dict(REFUSAL),
        )
