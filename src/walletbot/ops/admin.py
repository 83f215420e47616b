"""Ops endpoints: GET /metrics, the admin API (/v1/admin/stats, /v1/admin/faq/reload,
/v1/admin/audit) and the agents' FAQ search (/v1/agent/faq/search) used by the console to insert
an answer."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query
from fastapi.responses import Response
from prometheus_client import CONTENT_TYPE_LATEST

from walletbot.brain.faq import FaqError
from walletbot.brain.text import detect_language
from walletbot.dependencies import EngineDep, EngineSlotDep, MetricsDep, ReaderDep
from walletbot.handoff import audit
from walletbot.handoff.agent_auth import AdminDep, AgentDep
from walletbot.handoff.schemas import AuditEntryOut, AuditOut
from walletbot.http.errors import InvalidInput, error_responses
from walletbot.http.fields import CONVERSATION_ID_PATTERN
from walletbot.ops import service
from walletbot.ops.schemas import FaqHitOut, FaqSearchOut, ReloadOut, StatsOut
from walletbot.storage.types import utcnow

router = APIRouter()
# Every admin call: no key or an unknown one (401), not an admin's (403), too many unknown
# keys (429), a parameter out of range (422).
ADMIN_ERRORS = error_responses(401, 403, 422, 429)


@router.get("/metrics", tags=["ops"], response_class=Response)
async def metrics(session: ReaderDep, registry: MetricsDep) -> Response:
    """Prometheus text format."""
    snapshot = await service.metrics_snapshot(session, utcnow())
    return Response(registry.render(snapshot), media_type=CONTENT_TYPE_LATEST)


@router.get("/v1/admin/stats", tags=["admin"], response_model=StatsOut, responses=ADMIN_ERRORS)
async def admin_stats(
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


@router.post(
    "/v1/admin/faq/reload", tags=["admin"], response_model=ReloadOut, responses=ADMIN_ERRORS
)
async def reload_faq(admin: AdminDep, slot: EngineSlotDep, registry: MetricsDep) -> ReloadOut:
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


@router.get(
    "/v1/agent/faq/search",
    tags=["agent"],
    response_model=FaqSearchOut,
    responses=error_responses(401, 422, 429),
)
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


@router.get("/v1/admin/audit", tags=["admin"], response_model=AuditOut, responses=ADMIN_ERRORS)
async def admin_audit(
    admin: AdminDep,
    session: ReaderDep,
    conversation_id: Annotated[str | None, Query(pattern=CONVERSATION_ID_PATTERN)] = None,
    agent: Annotated[str | None, Query(min_length=1, max_length=64, pattern=r"^[^\x00]*$")] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> AuditOut:
    """Agents' reads of conversations, newest first (docs/safety.md, "Who reads what")."""
    entries = await audit.entries(session, conversation_id, agent, limit)
    return AuditOut(
        entries=[AuditEntryOut.model_validate(e, from_attributes=True) for e in entries]
    )
