"""Switching a conversation's language (PUT /v1/conversations/{id}/lang).

A conversation takes the language of its first message unless it was created with one. The
widget shows one language at a time and follows the conversation's; when the user switches, the
bot's answers and the service's notices switch too (docs/web.md, "One language at a time").
"""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter
from pydantic import BaseModel, ConfigDict
from sqlalchemy.ext.asyncio import AsyncSession

from walletbot.conversations.service import authorize
from walletbot.dependencies import SessionDep
from walletbot.http.credentials import TokenDep
from walletbot.http.errors import error_responses
from walletbot.http.fields import ConversationId
from walletbot.http.ratelimit import LimitIp

Language = Literal["zh", "en"]
router = APIRouter(prefix="/v1/conversations", tags=["conversations"])


class LanguageIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    lang: Language


class LanguageOut(BaseModel):
    lang: Language


async def switch_language(
    session: AsyncSession, conversation_id: str, token: str, lang: Language
) -> LanguageOut:
    conversation = await authorize(session, conversation_id, token, lock=True)
    conversation.lang = lang
    await session.flush()
    return LanguageOut(lang=lang)


@router.put(
    "/{conversation_id}/lang",
    response_model=LanguageOut,
    responses=error_responses(400, 401, 404, 408, 413, 422, 429),
    dependencies=[LimitIp],
)
async def set_language(
    conversation_id: ConversationId, body: LanguageIn, token: TokenDep, session: SessionDep
) -> LanguageOut:
    """The language of the bot's next answers and of the service's notices."""
    return await switch_language(session, conversation_id, token, body.lang)
