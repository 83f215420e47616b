"""An agent's reply that asks for a secret is refused; other replies are stored masked."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from walletbot.app_state import AppState
from walletbot.client import ApiError, AsyncWalletbotClient
from walletbot.storage.db import Database
from walletbot.storage.models import Message


async def claimed(user: AsyncWalletbotClient, alice: AsyncWalletbotClient) -> str:
    await alice.heartbeat()
    conversation = await user.create_conversation(lang="zh")
    await user.send(conversation, "我要人工")
    claim = await alice.claim_next()
    assert claim is not None
    return str(claim["conversation_id"])


@pytest.mark.parametrize(
    ("text", "kind"),
    [("请提供您的验证码", "otp"), ("what is your seed phrase", "seed_phrase")],
)
async def test_a_reply_asking_for_a_secret_is_refused(
    user: AsyncWalletbotClient, alice: AsyncWalletbotClient, app, text: str, kind: str
) -> None:  # type: ignore[no-untyped-def]
    conversation_id = await claimed(user, alice)
    with pytest.raises(ApiError) as refused:
        await alice.reply(conversation_id, text)
    error = refused.value
    assert (error.status, error.code) == (422, "agent_reply_refused")
    assert error.details is not None and error.details["kind"] == kind
    assert "验证码" in error.message and "seed phrase" in error.message
    database: Database = AppState.of(app).database
    async with database.reader() as session:
        roles = (await session.scalars(select(Message.role))).all()
    assert "agent" not in roles  # nothing was stored or sent


async def test_advice_passes_and_agent_text_is_masked(
    user: AsyncWalletbotClient, alice: AsyncWalletbotClient, app
) -> None:  # type: ignore[no-untyped-def]
    conversation_id = await claimed(user, alice)
    sent = await alice.reply(
        conversation_id, "请不要把验证码告诉任何人。您的卡 4111 1111 1111 1111 已冻结"
    )
    assert "4111 1111 1111 1111" not in sent["text"] and "••••1111" in sent["text"]
    database: Database = AppState.of(app).database
    async with database.reader() as session:
        stored = (await session.scalars(select(Message.text).where(Message.role == "agent"))).one()
    assert stored == sent["text"]
