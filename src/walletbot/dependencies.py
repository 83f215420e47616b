"""Dependencies shared by the routers, as short `Annotated` aliases over the app's typed state
(app_state.py), and a transaction per request. The credentials are in http/credentials.py.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.ext.asyncio import AsyncSession

from walletbot.app_state import AppState
from walletbot.brain.engine import Engine
from walletbot.ops.metrics import Metrics
from walletbot.serving.engine_slot import EngineSlot
from walletbot.settings import Settings
from walletbot.storage.db import Database


# Plain accessors are `async def` on purpose: FastAPI runs a sync dependency in a worker thread,
# which costs more than the whole lookup. On the hot paths a route takes the whole state, one
# dependency: each dependency FastAPI solves costs about 80 Python calls.
async def get_state(request: Request) -> AppState:
    return AppState.of(request.app)


async def get_settings(request: Request) -> Settings:
    return AppState.of(request.app).settings


async def get_engine_slot(request: Request) -> EngineSlot:
    return AppState.of(request.app).engine_slot


async def get_engine(request: Request) -> Engine:
    return AppState.of(request.app).engine_slot.engine


async def get_metrics(request: Request) -> Metrics:
    return AppState.of(request.app).metrics


async def get_database(request: Request) -> Database:
    return AppState.of(request.app).database


async def get_session(request: Request) -> AsyncIterator[AsyncSession]:
    """One transaction per request: committed when the endpoint returns (before the response is
    sent, hence scope="function"), rolled back if it raises."""
    async with AppState.of(request.app).database.transaction() as session:
        yield session


async def get_reader(request: Request) -> AsyncIterator[AsyncSession]:
    """A read-only session for endpoints that write nothing."""
    async with AppState.of(request.app).database.reader() as session:
        yield session


StateDep = Annotated[AppState, Depends(get_state)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
EngineSlotDep = Annotated[EngineSlot, Depends(get_engine_slot)]
EngineDep = Annotated[Engine, Depends(get_engine)]
MetricsDep = Annotated[Metrics, Depends(get_metrics)]
DatabaseDep = Annotated[Database, Depends(get_database)]
SessionDep = Annotated[AsyncSession, Depends(get_session, scope="function")]
ReaderDep = Annotated[AsyncSession, Depends(get_reader, scope="function")]
