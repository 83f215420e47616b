"""The widget's API: /v1/conversations/..."""

# No `from __future__ import annotations`: FastAPI reads the endpoints' annotations, and the
# message body model is this app's own (its text limit), a name of `build_router`'s scope.

from typing import TYPE_CHECKING, Annotated, Any, TypeAlias

from fastapi import APIRouter, Header, Query, Response, status
from fastapi.responses import StreamingResponse

from walletbot.conversations import service
from walletbot.conversations.schemas import (
    ConversationCreatedOut,
    ConversationOut,
    CreateConversationIn,
    EventPageOut,
    FeedbackBody,
    FeedbackIn,
    FeedbackOut,
    MessageIn,
    SendResultOut,
)
from walletbot.conversations.stream import sse_events
from walletbot.dependencies import ReaderDep, SessionDep, StateDep
from walletbot.http.credentials import TokenDep
from walletbot.http.errors import error_responses
from walletbot.http.event_streams import EventStreamResponse
from walletbot.http.fields import ConversationId, Cursor, with_text_limit
from walletbot.http.ratelimit import LimitConversation, LimitIp
from walletbot.settings import Settings
from walletbot.storage.types import utcnow

LIMITED = [LimitIp, LimitConversation]  # per client IP, then per conversation
# Every call but creation: a missing token (401), an unknown id or a token not its own (404),
# an id of the wrong shape (422).
OWNED = error_responses(401, 404, 422)


def _with_the_new_conversation(operation_id: str, *, token: bool = True) -> dict[str, Any]:
    parameters = {"path.conversation_id": "$response.body#/id"}
    if token:
        parameters["header.authorization"] = "Bearer {$response.body#/token}"
    return {"operationId": operation_id, "parameters": parameters}


# OpenAPI links: what a client (or a stateful test) does next with a created conversation.
CREATED_LINKS = {
    "GetConversation": _with_the_new_conversation("get_conversation"),
    "SendMessage": _with_the_new_conversation("send_message"),
    "ListEvents": _with_the_new_conversation("list_events"),
    "SendFeedback": _with_the_new_conversation("send_feedback"),
    "SetLanguage": _with_the_new_conversation("set_language"),
    "AgentReadsConversation": _with_the_new_conversation("agent_conversation", token=False),
    "AgentClaimsConversation": _with_the_new_conversation("claim_conversation", token=False),
}


def build_router(settings: Settings) -> APIRouter:
    router = APIRouter(prefix="/v1/conversations", tags=["conversations"])
    if TYPE_CHECKING:
        MessageBody: TypeAlias = MessageIn
    else:
        MessageBody = with_text_limit(MessageIn, settings.max_message_chars)

    @router.post(
        "",
        status_code=status.HTTP_201_CREATED,
        response_model=ConversationCreatedOut,
        dependencies=[LimitIp],
        responses={201: {"links": CREATED_LINKS}, **error_responses(400, 408, 413, 422, 429)},
    )
    async def create_conversation(
        session: SessionDep, state: StateDep, body: CreateConversationIn | None = None
    ) -> ConversationCreatedOut:
        """Start a conversation. The token in the answer is the only key to it."""
        lang = body.lang if body else None
        out, token = await service.create(session, lang, state.handoff, utcnow())
        return ConversationCreatedOut(**out.model_dump(), token=token)

    @router.get("/{conversation_id}", response_model=ConversationOut, responses=OWNED)
    async def get_conversation(
        conversation_id: ConversationId, token: TokenDep, session: ReaderDep, state: StateDep
    ) -> ConversationOut:
        """The conversation's status and where the user stands (queue, agent, ticket)."""
        conversation = await service.authorize(session, conversation_id, token)
        return await service.describe(session, conversation, state.handoff, utcnow())

    @router.post(
        "/{conversation_id}/messages",
        response_model=SendResultOut,
        dependencies=LIMITED,
        responses={**OWNED, **error_responses(400, 408, 409, 413, 429)},
    )
    async def send_message(
        conversation_id: ConversationId,
        body: MessageBody,
        token: TokenDep,
        state: StateDep,
    ) -> Response:
        """Send a message; the bot answers unless an agent has the conversation."""
        message = service.user_text(body, settings.max_message_chars)
        # The transaction begins here, once the body is valid: a request-scoped session would
        # begin before FastAPI validates the body, and an invalid one would hold the writer.
        # Committed before the answer is sent.
        async with state.database.transaction() as session:
            result = await service.send(
                session,
                conversation_id,
                token,
                message,
                engine=state.engine_slot.engine,
                cfg=state.handoff,
                now=utcnow(),
            )
        return Response(result.model_dump_json(), media_type="application/json")

    @router.get("/{conversation_id}/messages", response_model=EventPageOut, responses=OWNED)
    async def list_events(
        conversation_id: ConversationId,
        token: TokenDep,
        session: ReaderDep,
        after: Cursor = "",
        limit: Annotated[int, Query(ge=1, le=500)] = 100,
    ) -> EventPageOut:
        """Everything after the cursor: messages, status, queue and ticket updates."""
        conversation = await service.authorize(session, conversation_id, token)
        return await service.events_page(session, conversation, service.parse_cursor(after), limit)

    @router.get(
        "/{conversation_id}/events",
        response_class=StreamingResponse,
        responses={200: {"content": {"text/event-stream": {}}}, **OWNED, **error_responses(429)},
    )
    async def stream_events(
        conversation_id: ConversationId,
        token: TokenDep,
        session: ReaderDep,
        state: StateDep,
        after: Cursor = "",
        last_event_id: Annotated[Cursor, Header()] = "",
    ) -> StreamingResponse:
        """Server-sent events; reconnect with `Last-Event-ID` (or `?after=`) to resume. A few
        streams per conversation at once, and a total per server: beyond, 429 too_many_streams."""
        cursor = service.parse_cursor(last_event_id or after)
        conversation = await service.authorize(session, conversation_id, token)
        release = state.streams.take(conversation.id)
        stream = sse_events(
            state.database,
            state.notifier,
            state.shutdown,
            conversation.id,
            cursor,
            poll_seconds=state.settings.event_poll_seconds,
            heartbeat_seconds=state.settings.sse_heartbeat_seconds,
        )
        return EventStreamResponse(stream, release)

    @router.post(
        "/{conversation_id}/feedback",
        response_model=FeedbackOut,
        dependencies=LIMITED,
        responses={**OWNED, **error_responses(400, 408, 409, 413, 429)},
    )
    async def send_feedback(
        conversation_id: ConversationId,
        body: FeedbackBody,
        token: TokenDep,
        session: SessionDep,
        state: StateDep,
    ) -> FeedbackOut:
        """Rate one bot answer (`message_id`, `helpful`) or the conversation (`rating` 1-5)."""
        conversation = await service.authorize(session, conversation_id, token, lock=True)
        return await service.feedback(
            session, conversation, FeedbackIn.of(body), state.handoff, utcnow()
        )

    return router
