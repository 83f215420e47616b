"""Dependencies shared by the routers, as short `Annotated` aliases: what the app's lifespan
built (settings, engine, the serving pair, database, metrics) and a transaction per request.
The credentials are in http/credentials.py.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.ext.asyncio import AsyncSession

from walletbot.brain.engine import Engine
from walletbot.config import Settings
from walletbot.ops.metrics import Metrics
from walletbot.serving.batching import Batcher
from walletbot.serving.engine_slot import EngineSlot
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
    batcher that runs decisions arriving together back to back (serving/batching.py). One dependency
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
