"""Ops endpoints: GET /metrics, the admin API (/v1/admin/stats, /v1/admin/faq/reload) and the
agents' FAQ search (/v1/agent/faq/search) used by the console to insert an answer."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response
from prometheus_client import CONTENT_TYPE_LATEST

from walletbot.brain.faq import FaqError
from walletbot.brain.text import detect_language
from walletbot.chat.schemas import ErrorOut
from walletbot.deps import EngineDep, EngineSlotDep, ReaderDep
from walletbot.errors import Forbidden, InvalidInput, Unauthorized
from walletbot.handoff.agents import Agent
from walletbot.handoff.deps import AgentDep, RuntimeDep, TokenDep
from walletbot.ops import service
from walletbot.ops.metrics import Metrics
from walletbot.ops.schemas import FaqHitOut, FaqSearchOut, ReloadOut, StatsOut
from walletbot.storage.types import utcnow

router = APIRouter()
ERRORS: dict[int | str, dict[str, object]] = {code: {"model": ErrorOut} for code in (401, 403, 422)}


async def current_admin(token: TokenDep, runtime: RuntimeDep) -> Agent:
    """An admin key. Unlike agent calls this does not mark anyone on duty: looking at the
    dashboard must not make the queue believe a person is there to take hand-offs."""
    agent = runtime.agents.authenticate(token)
    if agent is None:
        raise Unauthorized("unknown agent key", code="invalid_agent_key")
    if not agent.is_admin:
        raise Forbidden("admins only", code="admin_only")
    return agent


AdminDep = Annotated[Agent, Depends(current_admin)]


async def get_metrics(request: Request) -> Metrics:
    metrics: Metrics = request.app.state.metrics
    return metrics


@router.get("/metrics", tags=["ops"], response_class=Response)
async def metrics(
    session: ReaderDep, registry: Annotated[Metrics, Depends(get_metrics)]
) -> Response:
    """Prometheus text format."""
    snapshot = await service.metrics_snapshot(session, utcnow())
    return Response(registry.render(snapshot), media_type=CONTENT_TYPE_LATEST)


@router.get("/v1/admin/stats", tags=["admin"], response_model=StatsOut, responses=ERRORS)
async def stats(
    admin: AdminDep,
    session: ReaderDep,
    engine: EngineDep,
    days: Annotated[int, Query(ge=1, le=365)] = 30,
) -> StatsOut:
    """The dashboard's figures over the last `days` days."""

    def question_of(faq_id: str) -> str:
        faq = next((f for f in engine.kb.faqs if f.id == faq_id), None)
        return faq.questions.zh[0] if faq else faq_id

    return await service.stats(session, utcnow(), days, question_of)


@router.post("/v1/admin/faq/reload", tags=["admin"], response_model=ReloadOut, responses=ERRORS)
async def reload_faq(
    admin: AdminDep, slot: EngineSlotDep, registry: Annotated[Metrics, Depends(get_metrics)]
) -> ReloadOut:
    """Validate and retrain from the FAQ file; an invalid file is refused (422, every error
    listed) and the running FAQ keeps serving."""
    try:
        engine = await slot.load()
    except FaqError as exc:
        registry.reload_failures.inc()
        raise InvalidInput(
            "the FAQ file is invalid; the running FAQ keeps serving",
            code="faq_invalid",
            errors=exc.errors,
        ) from None
    return ReloadOut(
        categories=len(engine.kb.categories),
        faqs=len(engine.kb.faqs),
        trained_seconds=round(engine.trained_seconds, 3),
        loads=slot.reloads,
    )


@router.get("/v1/agent/faq/search", tags=["agent"], response_model=FaqSearchOut, responses=ERRORS)
async def faq_search(
    agent: AgentDep,
    engine: EngineDep,
    q: Annotated[str, Query(min_length=1, max_length=500)],
    lang: Literal["zh", "en"] | None = None,
    limit: Annotated[int, Query(ge=1, le=20)] = 5,
) -> FaqSearchOut:
    """FAQ entries closest to `q`, ranked as the bot ranks them, with the answer to insert."""
    answer_lang = lang or detect_language(q)
    hits = []
    for match in engine.rank(q)[:limit]:
        faq = engine.kb.faq(match.faq_id)
        hits.append(
            FaqHitOut(
                faq_id=faq.id,
                category=faq.category,
                score=match.score,
                question=faq.questions.get(answer_lang)[0],
                answer=faq.answers.get(answer_lang),
            )
        )
    return FaqSearchOut(lang=answer_lang, hits=hits)
