"""POST /v1/chat and GET /v1/categories."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from walletbot import request_route
from walletbot.chat.schemas import CategoriesOut, CategoryOut, ChatRequest, DecisionOut, ErrorOut
from walletbot.chat.service import check_text
from walletbot.deps import EngineDep
from walletbot.json_body import openapi_body, read_json
from walletbot.ratelimit import limit_ip

router = APIRouter(prefix="/v1", tags=["chat"])
ERRORS: dict[int | str, dict[str, object]] = {
    code: {"model": ErrorOut} for code in (400, 413, 415, 422, 429, 503)
}


@request_route.post(
    router,
    "/chat",
    response_model=DecisionOut,
    responses=ERRORS,
    openapi_extra=openapi_body(ChatRequest),
)
async def chat(request: Request) -> Response:
    """Decide what to do with one message: answer from the FAQ, ask which question, or hand off."""
    # The hot path of the API solves no dependency: FastAPI's solving of the engine and settings
    # cost ~140k instructions a request, of the body ~74k more (benchmarks/README.md). The limit
    # comes first, so requests with an invalid body count too.
    await limit_ip(request)
    body = await read_json(request, ChatRequest)
    state = request.app.state
    text = check_text(body.text, state.settings.max_message_chars)
    slot, lang = state.engine_slot, body.lang

    def decide() -> str:
        # Serialised once, here: returning the model would make FastAPI validate it a second
        # time against `response_model`, which costs as much as building it (the hot path).
        return DecisionOut.from_decision(slot.engine.decide(text, lang)).model_dump_json()

    # With the other requests' decisions that arrived meanwhile, back to back (batching.py).
    return Response(await state.batcher.run(decide), media_type="application/json")


@router.get("/categories", response_model=CategoriesOut, responses=ERRORS)
async def categories(engine: EngineDep) -> CategoriesOut:
    """The problem-type menu, in both languages."""
    return CategoriesOut(
        categories=[
            CategoryOut(id=c.id, names={"zh": c.names.zh, "en": c.names.en})
            for c in engine.kb.categories
        ]
    )
