"""Tickets: what a hand-off becomes when no one is on duty, followed by number until resolved."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from walletbot.handoff import notices
from walletbot.handoff import repository as repo
from walletbot.handoff.agents import Agent
from walletbot.handoff.terms import HandoffConfig, lang_of
from walletbot.http.errors import NotFound
from walletbot.records import repository as conversations
from walletbot.records.status import ConversationStatus
from walletbot.records.tokens import token_matches
from walletbot.storage.models import Conversation, Ticket


def ticket_number(ticket_id: int, created: datetime, cfg: HandoffConfig) -> str:
    """`WB-20261123-000042`: the local date a person reads out on the phone, then the id."""
    return f"WB-{created.astimezone(cfg.hours.zone):%Y%m%d}-{ticket_id:06d}"


async def open_ticket(
    session: AsyncSession, conversation: Conversation, cfg: HandoffConfig, now: datetime
) -> Ticket:
    ticket = await repo.add_ticket(
        session,
        Ticket(
            conversation_id=conversation.id,
            status="open",
            priority=conversation.priority or "normal",
            reason=conversation.handoff_reason or "user_request",
            category=conversation.category,
            created_at=now,
            updated_at=now,
        ),
    )
    ticket.number = ticket_number(ticket.id, now, cfg)
    await session.flush()
    return ticket


async def for_user(session: AsyncSession, number: str, token: str) -> tuple[Ticket, Conversation]:
    """The ticket and its conversation, if the conversation token belongs to it (else 404,
    revealing nothing)."""
    ticket = await repo.ticket_by_number(session, number)
    conversation = (
        await conversations.get_conversation(session, ticket.conversation_id) if ticket else None
    )
    if ticket is None or conversation is None or not token_matches(conversation.token_hash, token):
        raise NotFound("no such ticket", code="ticket_not_found")
    return ticket, conversation


async def set_status(
    session: AsyncSession, number: str, status: str, agent: Agent, now: datetime
) -> Ticket:
    found = await repo.ticket_by_number(session, number)
    if found is None:
        raise NotFound("no such ticket", code="ticket_not_found")
    # Lock the conversation before the ticket, the order every other writer uses.
    conversation = await conversations.get_conversation(session, found.conversation_id, lock=True)
    ticket = await repo.ticket_by_number(session, number, lock=True)
    assert conversation is not None and ticket is not None
    if ticket.status != status:
        await change_status(session, conversation, ticket, status, agent.name)
        if status == "resolved" and conversation.status == ConversationStatus.TICKET:
            conversation.status = ConversationStatus.RESOLVED
            conversation.resolved_at = now
            text = notices.status_change(lang_of(conversation), ConversationStatus.RESOLVED)
            await conversations.append_event(
                session,
                conversation,
                "status",
                {"status": ConversationStatus.RESOLVED, "text": text},
            )
    return ticket


# `updated_by` when the user closed their own ticket from the chat ("已经解决了").
BY_USER = "user"


async def change_status(
    session: AsyncSession, conversation: Conversation, ticket: Ticket, status: str, by: str
) -> None:
    """`by`: the agent's name, or BY_USER."""
    ticket.status = status
    ticket.updated_by = by
    await session.flush()
    number = ticket.number or ""
    await conversations.append_event(
        session,
        conversation,
        "ticket",
        {
            "number": number,
            "status": status,
            "text": notices.ticket_status(lang_of(conversation), number, status),
        },
    )


async def listing(session: AsyncSession, status: str | None, limit: int) -> list[Ticket]:
    return await repo.tickets(session, status, limit)
