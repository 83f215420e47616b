"""The widget's API: /v1/conversations/..."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Header, Query, Request, Response, status
from fastapi.responses import StreamingResponse

from walletbot import request_route
from walletbot.chat.schemas import ErrorOut
from walletbot.conversations import service
from walletbot.conversations.schemas import (
    ConversationCreatedOut,
    ConversationOut,
    CreateConversationIn,
    EventPageOut,
    FeedbackIn,
    FeedbackOut,
    MessageIn,
    SendResultOut,
)
from walletbot.conversations.stream import sse_events
from walletbot.deps import ReaderDep, SessionDep
from walletbot.handoff.deps import RuntimeDep, TokenDep, bearer_token
from walletbot.json_body import openapi_body, read_json
from walletbot.ratelimit import LimitConversation, LimitIp, limit_conversation, limit_ip
from walletbot.storage.db import Database
from walletbot.storage.direct import Unit
from walletbot.storage.lean import NeedsSession
from walletbot.storage.types import utcnow

router = APIRouter(prefix="/v1/conversations", tags=["conversations"])
ERRORS: dict[int | str, dict[str, object]] = {
    code: {"model": ErrorOut} for code in (400, 401, 404, 409, 413, 422, 429, 503)
}
LIMITED = [LimitIp, LimitConversation]  # per client IP, then per conversation


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=ConversationCreatedOut,
    responses=ERRORS,
    dependencies=[LimitIp],
)
async def create(
    session: SessionDep, runtime: RuntimeDep, body: CreateConversationIn | None = None
) -> ConversationCreatedOut:
    """Start a conversation. The token in the answer is the only key to it."""
    out, token = await service.create(session, body.lang if body else None, runtime.cfg, utcnow())
    return ConversationCreatedOut(**out.model_dump(), token=token)


@router.get("/{conversation_id}", response_model=ConversationOut, responses=ERRORS)
async def get(
    conversation_id: str, token: TokenDep, session: ReaderDep, runtime: RuntimeDep
) -> ConversationOut:
    conversation = await service.authorize(session, conversation_id, token)
    return await service.describe(session, conversation, runtime.cfg, utcnow())


# What the messages route would document had FastAPI solved its parameters (it reads them itself).
_MESSAGE_PARAMETERS = [
    {
        "name": "conversation_id",
        "in": "path",
        "required": True,
        "schema": {"type": "string", "title": "Conversation Id"},
    },
    {
        "name": "authorization",
        "in": "header",
        "required": False,
        "schema": {"anyOf": [{"type": "string"}, {"type": "null"}], "title": "Authorization"},
    },
]


@request_route.post(
    router,
    "/{conversation_id}/messages",
    response_model=SendResultOut,
    responses=ERRORS,
    openapi_extra={**openapi_body(MessageIn), "parameters": _MESSAGE_PARAMETERS},
)
async def send(request: Request) -> Response:
    """Send a message; the bot answers unless a person has the conversation."""
    # The hot path of persisted messages solves no dependency, as /v1/chat: FastAPI's solving of its
    # limits, token, path and body cost 0.6 million instructions a message (benchmarks/README.md),
    # more than the whole echo request. The order is the dependencies' order: the per-IP limit, the
    # token (401), the per-conversation limit, then the body, read before the transaction takes the
    # writer's turn, so a bad body, or a client gone while it waited, never holds the writer.
    conversation_id: str = request.path_params["conversation_id"]
    await limit_ip(request)
    token = await bearer_token(request.headers.get("authorization"))
    await limit_conversation(request, conversation_id, token)
    body = await read_json(request, MessageIn)
    state = request.app.state
    database: Database = state.database
    now = utcnow()

    async def send_in(unit: Unit) -> str:
        return await service.send(
            unit,
            conversation_id,
            token,
            body,
            engine=state.engine_slot.engine,
            cfg=state.handoff.cfg,
            max_chars=state.settings.max_message_chars,
            now=now,
        )

    # Committed before the answer is sent. Most messages need no ORM work: no session either
    # (storage/lean.py). One that hands off is rolled back and runs again in a session.
    try:
        async with database.lean_transaction() as unit:
            answer = await send_in(unit)
    except NeedsSession:
        async with database.transaction() as session:
            answer = await send_in(session)
    return Response(answer, media_type="application/json")


@router.get("/{conversation_id}/messages", response_model=EventPageOut, responses=ERRORS)
async def events_page(
    conversation_id: str,
    token: TokenDep,
    session: ReaderDep,
    after: str | None = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> EventPageOut:
    """Everything after the cursor: messages, status, queue and ticket updates."""
    conversation = await service.authorize(session, conversation_id, token)
    return await service.events_page(session, conversation, service.parse_cursor(after), limit)


@router.get(
    "/{conversation_id}/events",
    responses={200: {"content": {"text/event-stream": {}}}, **ERRORS},
    response_class=StreamingResponse,
)
async def events_stream(
    conversation_id: str,
    token: TokenDep,
    session: ReaderDep,
    runtime: RuntimeDep,
    after: str | None = None,
    last_event_id: Annotated[str | None, Header()] = None,
) -> StreamingResponse:
    """Server-sent events; reconnect with `Last-Event-ID` (or `?after=`) to resume."""
    cursor = service.parse_cursor(last_event_id if last_event_id is not None else after)
    conversation = await service.authorize(session, conversation_id, token)
    stream = sse_events(
        runtime.database,
        runtime.notifier,
        runtime.shutdown,
        conversation.id,
        cursor,
        poll_seconds=runtime.settings.event_poll_seconds,
        heartbeat_seconds=runtime.settings.sse_heartbeat_seconds,
    )
    return StreamingResponse(
        stream,
        media_type="text/event-stream",
        headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
    )


@router.post(
    "/{conversation_id}/feedback",
    response_model=FeedbackOut,
    responses=ERRORS,
    dependencies=LIMITED,
)
async def feedback(
    conversation_id: str,
    body: FeedbackIn,
    token: TokenDep,
    session: SessionDep,
    runtime: RuntimeDep,
) -> FeedbackOut:
    """Rate one bot answer (`message_id`, `helpful`) or the conversation (`rating` 1-5)."""
    conversation = await service.authorize(session, conversation_id, token, lock=True)
    return await service.feedback(session, conversation, body, runtime.cfg, utcnow())
