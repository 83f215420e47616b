"""POST /v1/chat and GET /v1/categories."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from walletbot.chat.schemas import CategoriesOut, CategoryOut, ChatRequest, DecisionOut, ErrorOut
from walletbot.chat.service import check_text
from walletbot.deps import EngineDep
from walletbot.ratelimit import LimitIp

router = APIRouter(prefix="/v1", tags=["chat"])
ERRORS: dict[int | str, dict[str, object]] = {
    code: {"model": ErrorOut} for code in (400, 413, 415, 422, 429, 503)
}


@router.post("/chat", response_model=DecisionOut, responses=ERRORS, dependencies=[LimitIp])
async def chat(body: ChatRequest, request: Request) -> Response:
    """Decide what to do with one message: answer from the FAQ, ask which question, or hand off."""
    # The hot path of the API reads the engine and settings off the app itself: solving them as
    # dependencies cost FastAPI ~140k instructions a request, 15 % of the web stack (README).
    state = request.app.state
    text = check_text(body.text, state.settings.max_message_chars)
    decision = DecisionOut.from_decision(state.engine_slot.engine.decide(text, body.lang))
    # Serialised once, here: returning the model would make FastAPI validate it a second time
    # against `response_model`, which costs as much as building it (the hot path of the API).
    return Response(decision.model_dump_json(), media_type="application/json")


@router.get("/categories", response_model=CategoriesOut, responses=ERRORS)
async def categories(engine: EngineDep) -> CategoriesOut:
    """The problem-type menu, in both languages."""
    return CategoriesOut(
        categories=[
            CategoryOut(id=c.id, names={"zh": c.names.zh, "en": c.names.en})
            for c in engine.kb.categories
        ]
    )
