"""Dependencies shared by the routers, as short `Annotated` aliases."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.ext.asyncio import AsyncSession

from walletbot.brain.engine import Engine
from walletbot.config import Settings
from walletbot.engine_slot import EngineSlot
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
SessionDep = Annotated[AsyncSession, Depends(get_session, scope="function")]
ReaderDep = Annotated[AsyncSession, Depends(get_reader, scope="function")]
