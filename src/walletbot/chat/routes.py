"""POST /v1/chat and GET /v1/categories."""

# No `from __future__ import annotations`: FastAPI reads the endpoints' annotations, and the body
# model is this app's own (its text limit), a name of `build_router`'s scope.

from typing import TYPE_CHECKING, TypeAlias

from fastapi import APIRouter, Response

from walletbot.chat.schemas import CategoriesOut, CategoryOut, ChatRequest, DecisionOut
from walletbot.dependencies import EngineDep, StateDep
from walletbot.http.errors import error_responses
from walletbot.http.fields import with_text_limit
from walletbot.http.ratelimit import LimitIp
from walletbot.settings import Settings


def build_router(settings: Settings) -> APIRouter:
    router = APIRouter(prefix="/v1", tags=["chat"], responses=error_responses(503))
    if TYPE_CHECKING:
        ChatBody: TypeAlias = ChatRequest
    else:
        ChatBody = with_text_limit(ChatRequest, settings.max_message_chars)

    @router.post(
        "/chat",
        response_model=DecisionOut,
        dependencies=[LimitIp],
        responses=error_responses(400, 408, 413, 422, 429),
    )
    async def chat(body: ChatBody, state: StateDep) -> Response:
        """Decide what to do with one message: answer from the FAQ, ask which question, or hand
        off."""

        def decide() -> str:
            decision = state.engine_slot.engine.decide(body.text, body.lang)
            return DecisionOut.from_decision(decision).model_dump_json()

        # With the other requests' decisions that arrived meanwhile, back to back
        # (serving/batching.py); serialised once there, so the JSON goes out as it is.
        return Response(await state.batcher.run(decide), media_type="application/json")

    @router.get("/categories", response_model=CategoriesOut)
    async def categories(engine: EngineDep) -> CategoriesOut:
        """The problem-type menu, in both languages."""
        return CategoriesOut(
            categories=[
                CategoryOut(id=c.id, names={"zh": c.names.zh, "en": c.names.en})
                for c in engine.kb.categories
            ]
        )

    return router
