"""The two kinds of credentials, both sent as `Authorization: Bearer ...`.

An agent's key is a credential of the caller (an OpenAPI security scheme); a conversation's
token opens one conversation, so it is a parameter of the operations on it, which the OpenAPI
links from its creation fill in. A missing or malformed header is our own 401 `missing_token`
(auto_error=False), in the service's shape.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Header
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from walletbot.http.errors import Unauthorized

agent_bearer = HTTPBearer(
    scheme_name="AgentKey",
    description="An agent's or an admin's API key (WALLETBOT_AGENT_KEYS).",
    auto_error=False,
)


def _missing(what: str) -> Unauthorized:
    return Unauthorized(
        f"send the {what} as `Authorization: Bearer <{what}>`", code="missing_token"
    )


async def conversation_token(
    authorization: Annotated[
        str | None,
        Header(description="`Bearer <token>`: the token returned by POST /v1/conversations."),
    ] = None,
) -> str:
    scheme, _, token = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise _missing("token")
    return token.strip()


async def agent_key(
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(agent_bearer)],
) -> str:
    if credentials is None:
        raise _missing("key")
    return credentials.credentials


TokenDep = Annotated[str, Depends(conversation_token)]
AgentKeyDep = Annotated[str, Depends(agent_key)]
