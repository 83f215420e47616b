"""GET /health (liveness, cheap) and GET /ready (the model is loaded; storage is not checked)."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from walletbot.deps import EngineSlotDep

router = APIRouter(tags=["ops"])


@router.get("/health")
async def health() -> dict[str, str]:
    return {"status": "ok"}


@router.get("/ready", responses={503: {"description": "Not ready yet"}})
async def ready(slot: EngineSlotDep) -> JSONResponse:
    checks = {"model": slot.ready}
    status = 200 if all(checks.values()) else 503
    return JSONResponse({"ready": status == 200, "checks": checks}, status_code=status)
