"""Tickets a user follows from anywhere, and tickets that move when an agent writes.

The ticket page opens with the ticket's number plus a follow code, never the conversation token:
the token lets its holder write as the user, the code only lets them read the ticket's status
history and the agents' replies. The code is shown to the user when the ticket opens (the widget
asks for it then) and stored as a SHA-256 digest; asking again replaces it, so a code read over
someone's shoulder stops working once the user takes a new one. docs/web.md, "Tickets to follow".
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Sequence
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from walletbot.handoff import repository as repo
from walletbot.handoff import tickets
from walletbot.handoff.agents import Agent
from walletbot.handoff.follow_schemas import (
    FollowCodeOut,
    TicketFollowOut,
    TicketHistoryItem,
    TicketReplyOut,
)
from walletbot.http.errors import NotFound
from walletbot.records import repository as conversations
from walletbot.storage.models import Conversation, Event

# No 0/O or 1/I/L: people read the code out and type it on another device.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8  # 31**8: about 8.5e11 codes, for one ticket number
EVENT_PAGE = 500


def new_code() -> str:
    """`K7QM-2XPD`: the dash only helps reading; it is ignored when the code comes back."""
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return f"{raw[:4]}-{raw[4:]}"


def normalise_code(code: str) -> str:
    return "".join(c for c in code.upper() if c not in " -\t")


def code_hash(code: str) -> str:
    return hashlib.sha256(normalise_code(code).encode()).hexdigest()


async def issue_code(session: AsyncSession, number: str, token: str) -> FollowCodeOut:
    """A new code for the holder of the ticket's conversation token (404 for anyone else)."""
    ticket, _ = await tickets.for_user(session, number, token)
    code = new_code()
    ticket.follow_code_hash = code_hash(code)
    await session.flush()
    return FollowCodeOut(number=number, code=code)


async def follow(session: AsyncSession, number: str, code: str) -> TicketFollowOut:
    """The ticket's page: status history and agent replies. A wrong number and a wrong code look
    the same (404), so neither can be probed alone."""
    ticket = await repo.ticket_by_number(session, number[:32])
    stored = ticket.follow_code_hash if ticket is not None else None
    if ticket is None or stored is None or not hmac.compare_digest(stored, code_hash(code)):
        raise NotFound("no ticket with this number and code", code="ticket_not_found")
    conversation = await conversations.get_conversation(session, ticket.conversation_id)
    assert conversation is not None and ticket.number is not None
    history, replies = timeline(await _events(session, conversation), ticket.number)
    if not history or history[0].status != "open":
        history.insert(0, TicketHistoryItem(status="open", at=ticket.created_at))
    return TicketFollowOut(
        number=ticket.number,
        status=ticket.status,
        lang=conversation.lang,
        created_at=ticket.created_at,
        updated_at=ticket.updated_at,
        history=history,
        replies=replies,
    )


def timeline(
    events: Sequence[Event], number: str
) -> tuple[list[TicketHistoryItem], list[TicketReplyOut]]:
    """From the conversation's log: the ticket's opening and status changes, and the agents'
    messages from its opening to its resolution (a later ticket of the same conversation has
    its own)."""
    history: list[TicketHistoryItem] = []
    replies: list[TicketReplyOut] = []
    opened = False
    for event in events:
        data: dict[str, Any] = event.payload
        if not opened:
            if event.type == "status" and data.get("status") == "ticket":
                opened = (data.get("ticket") or {}).get("number") == number
                if opened:
                    history.append(TicketHistoryItem(status="open", at=event.created_at))
            continue
        if event.type == "ticket" and data.get("number") == number:
            history.append(TicketHistoryItem(status=data["status"], at=event.created_at))
            if data["status"] == "resolved":
                break
        elif event.type == "message" and data.get("role") == "agent":
            replies.append(
                TicketReplyOut(text=data["text"], author=data.get("author"), at=event.created_at)
            )
    return history, replies


async def _events(session: AsyncSession, conversation: Conversation) -> list[Event]:
    found: list[Event] = []
    while True:
        after = found[-1].seq if found else 0
        page = await conversations.events_after(session, conversation.id, after, EVENT_PAGE)
        found += page
        if len(page) < EVENT_PAGE:
            return found


async def on_agent_reply(session: AsyncSession, conversation: Conversation, agent: Agent) -> None:
    """An agent writing to a ticket's conversation is working on it: `open` moves to
    `in_progress`, which the user sees in the chat and on the ticket's page."""
    if conversation.status != "ticket":
        return
    ticket = await repo.open_ticket_of(session, conversation.id)
    if ticket is not None and ticket.status == "open":
        await tickets.change_status(session, conversation, ticket, "in_progress", agent.name)
