"""Dependencies shared by the routers, as short `Annotated` aliases: what the app's lifespan
built (settings, engine, the serving pair, database, metrics), a transaction per request, and
the two kinds of credentials.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Header, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.ext.asyncio import AsyncSession

from walletbot.batching import Batcher
from walletbot.brain.engine import Engine
from walletbot.config import Settings
from walletbot.engine_slot import EngineSlot
from walletbot.errors import Unauthorized
from walletbot.ops.metrics import Metrics
from walletbot.storage.db import Database


# Plain accessors are `async def` on purpose: FastAPI runs a sync dependency in a worker thread,
# which costs more than the whole lookup.
async def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


async def get_engine_slot(request: Request) -> EngineSlot:
    slot: EngineSlot = request.app.state.engine_slot
    return slot


async def get_engine(request: Request) -> Engine:
    slot: EngineSlot = request.app.state.engine_slot
    return slot.engine


@dataclass(frozen=True)
class Serving:
    """What deciding a message needs: the engine (in its slot, swapped on reload) and the
    batcher that runs decisions arriving together back to back (batching.py). One dependency
    for both: on the hot paths each dependency FastAPI solves costs about 80 Python calls."""

    slot: EngineSlot
    batcher: Batcher


async def get_serving(request: Request) -> Serving:
    serving: Serving = request.app.state.serving
    return serving


async def get_metrics(request: Request) -> Metrics:
    metrics: Metrics = request.app.state.metrics
    return metrics


async def get_database(request: Request) -> Database:
    database: Database = request.app.state.database
    return database


async def get_session(request: Request) -> AsyncIterator[AsyncSession]:
    """One transaction per request: committed when the endpoint returns (before the response is
    sent, hence scope="function"), rolled back if it raises."""
    database: Database = request.app.state.database
    async with database.transaction() as session:
        yield session


async def get_reader(request: Request) -> AsyncIterator[AsyncSession]:
    """A read-only session for endpoints that write nothing."""
    database: Database = request.app.state.database
    async with database.reader() as session:
        yield session


SettingsDep = Annotated[Settings, Depends(get_settings)]
EngineSlotDep = Annotated[EngineSlot, Depends(get_engine_slot)]
EngineDep = Annotated[Engine, Depends(get_engine)]
ServingDep = Annotated[Serving, Depends(get_serving)]
MetricsDep = Annotated[Metrics, Depends(get_metrics)]
DatabaseDep = Annotated[Database, Depends(get_database)]
SessionDep = Annotated[AsyncSession, Depends(get_session, scope="function")]
ReaderDep = Annotated[AsyncSession, Depends(get_reader, scope="function")]

# An agent's key is a credential of the caller (an OpenAPI security scheme); a conversation's
# token opens one conversation, so it is a parameter of the operations on it, which the OpenAPI
# links from its creation fill in. Both travel as `Authorization: Bearer ...`; a missing or
# malformed header is our own 401 `missing_token` (auto_error=False), in the service's shape.
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
