"""GET /health (liveness, cheap) and GET /ready (the model is loaded)."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Response
from pydantic import BaseModel

from walletbot.dependencies import EngineSlotDep

router = APIRouter(tags=["ops"])


class HealthOut(BaseModel):
    status: Literal["ok"]


class ReadyOut(BaseModel):
    ready: bool
    checks: dict[str, bool]


@router.get("/health", response_model=HealthOut)
async def health() -> HealthOut:
    return HealthOut(status="ok")


@router.get(
    "/ready",
    response_model=ReadyOut,
    responses={503: {"model": ReadyOut, "description": "Not ready yet"}},
)
async def ready(slot: EngineSlotDep, response: Response) -> ReadyOut:
    """200 once the model is loaded (before that, 503): the storage is migrated at start-up,
    before the server accepts requests."""
    checks = {"model": slot.ready}
    ready = all(checks.values())
    if not ready:
        response.status_code = 503
    return ReadyOut(ready=ready, checks=checks)
