"""A small typed client for the walletbot HTTP API: `WalletbotClient` (sync) and
`AsyncWalletbotClient` (async), covering chat, conversations, events, feedback, tickets, the
agent calls and the audit log. Errors raise `ApiError` carrying the service's stable error code.

    bot = WalletbotClient("http://127.0.0.1:8000")
    conversation = bot.create_conversation(lang="en")
    result = bot.send(conversation, "I want to talk to an agent")
    for event in bot.events(conversation):
        print(event.type, event.data)
"""

from __future__ import annotations

import json
import uuid
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from typing import Any, Literal

import httpx

Json = dict[str, Any]


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str, details: Json | None = None) -> None:
        super().__init__(f"{status} {code}: {message}")
        self.status, self.code, self.message, self.details = status, code, message, details or {}


@dataclass(frozen=True)
class Conversation:
    id: str
    token: str
    created: Json = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class StreamEvent:
    id: int
    type: str
    data: Json


@dataclass(frozen=True)
class _Call:
    method: str
    path: str
    json: Any = None
    params: dict[str, str | int] | None = None
    headers: dict[str, str] = field(default_factory=dict)
    expect_body: bool = True


class SseParser:
    """Feed it lines of a text/event-stream; it returns each complete event (comments skipped)."""

    def __init__(self) -> None:
        self._data: list[str] = []

    def feed(self, line: str) -> StreamEvent | None:
        if line.startswith("data:"):
            self._data.append(line[5:].strip())
        elif line == "" and self._data:
            body = json.loads("\n".join(self._data))
            self._data = []
            return StreamEvent(id=int(body["id"]), type=str(body["type"]), data=body["data"])
        return None


def _result(response: httpx.Response, expect_body: bool) -> Any:
    if response.status_code >= 400:
        try:
            error = response.json()["error"]
        except (ValueError, KeyError, TypeError):
            error = {"code": "http_error", "message": response.text[:200]}
        raise ApiError(response.status_code, error["code"], error["message"], error.get("details"))
    return response.json() if expect_body and response.content else None


class _Calls:
    """The API as a list of request descriptions, shared by the sync and async clients."""

    def __init__(self, agent_key: str | None) -> None:
        self.agent_key = agent_key

    @staticmethod
    def user(conversation: Conversation) -> dict[str, str]:
        return {"Authorization": f"Bearer {conversation.token}"}

    def agent(self) -> dict[str, str]:
        if not self.agent_key:
            raise ValueError("this client has no agent_key")
        return {"Authorization": f"Bearer {self.agent_key}"}

    def chat(self, text: str, lang: str | None) -> _Call:
        return _Call("POST", "/v1/chat", {"text": text, "lang": lang})

    def create(self, lang: str | None) -> _Call:
        return _Call("POST", "/v1/conversations", {"lang": lang})

    def send(self, c: Conversation, text: str, client_message_id: str | None) -> _Call:
        body = {"text": text, "client_message_id": client_message_id or uuid.uuid4().hex}
        return _Call("POST", f"/v1/conversations/{c.id}/messages", body, headers=self.user(c))

    def messages(self, c: Conversation, after: int | str | None, limit: int) -> _Call:
        params: dict[str, str | int] = {"limit": limit}
        if after is not None:
            params["after"] = str(after)
        return _Call(
            "GET", f"/v1/conversations/{c.id}/messages", params=params, headers=self.user(c)
        )

    def feedback(self, c: Conversation, body: Json) -> _Call:
        return _Call("POST", f"/v1/conversations/{c.id}/feedback", body, headers=self.user(c))

    def ticket(self, c: Conversation, number: str) -> _Call:
        return _Call("GET", f"/v1/tickets/{number}", headers=self.user(c))

    def audit(self, conversation_id: str | None, agent: str | None, limit: int) -> _Call:
        params = {"conversation_id": conversation_id, "agent": agent, "limit": limit}
        clean = {k: v for k, v in params.items() if v is not None}
        return _Call("GET", "/v1/admin/audit", params=clean, headers=self.agent())

    def agent_call(self, method: str, path: str, body: Any = None, **params: Any) -> _Call:
        clean = {k: v for k, v in params.items() if v is not None}
        return _Call(
            method,
            f"/v1/agent{path}",
            body,
            params=clean or None,
            headers=self.agent(),
            expect_body=not path.endswith(("/resolve", "/handback", "/release")),
        )


class WalletbotClient:
    def __init__(
        self,
        base_url: str = "http://127.0.0.1:8000",
        *,
        agent_key: str | None = None,
        timeout: float = 10.0,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self._http = httpx.Client(base_url=base_url, timeout=timeout, transport=transport)
        self._calls = _Calls(agent_key)

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> WalletbotClient:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def _do(self, call: _Call) -> Any:
        response = self._http.request(
            call.method, call.path, json=call.json, params=call.params, headers=call.headers
        )
        return _result(response, call.expect_body)

    def chat(self, text: str, lang: Literal["zh", "en"] | None = None) -> Json:
        return dict(self._do(self._calls.chat(text, lang)))

    def create_conversation(self, lang: Literal["zh", "en"] | None = None) -> Conversation:
        body = self._do(self._calls.create(lang))
        return Conversation(body["id"], body["token"], body)

    def send(self, c: Conversation, text: str, client_message_id: str | None = None) -> Json:
        return dict(self._do(self._calls.send(c, text, client_message_id)))

    def messages(self, c: Conversation, after: int | str | None = None, limit: int = 100) -> Json:
        return dict(self._do(self._calls.messages(c, after, limit)))

    def events(self, c: Conversation, after: int | None = None) -> Iterator[StreamEvent]:
        """Server-sent events from `after`; iterate until you have what you need, then stop."""
        headers = {**self._calls.user(c), **({"Last-Event-ID": str(after)} if after else {})}
        with self._http.stream(
            "GET", f"/v1/conversations/{c.id}/events", headers=headers, timeout=None
        ) as response:
            if response.status_code >= 400:
                response.read()
                _result(response, True)
            parser = SseParser()
            for line in response.iter_lines():
                if (event := parser.feed(line)) is not None:
                    yield event

    def mark_answer(self, c: Conversation, message_id: int, helpful: bool) -> Json:
        body = {"message_id": message_id, "helpful": helpful}
        return dict(self._do(self._calls.feedback(c, body)))

    def rate(self, c: Conversation, rating: int, comment: str | None = None) -> Json:
        body: Json = {"rating": rating, **({"comment": comment} if comment else {})}
        return dict(self._do(self._calls.feedback(c, body)))

    def ticket(self, c: Conversation, number: str) -> Json:
        return dict(self._do(self._calls.ticket(c, number)))

    # Agent calls (need agent_key).
    def heartbeat(self) -> Json:
        return dict(self._do(self._calls.agent_call("POST", "/heartbeat")))

    def queue(self) -> Json:
        return dict(self._do(self._calls.agent_call("GET", "/queue")))

    def claim_next(self) -> Json | None:
        conversation: Json | None = self._do(self._calls.agent_call("POST", "/claim"))[
            "conversation"
        ]
        return conversation

    def claim(self, conversation_id: str) -> Json:
        return dict(
            self._do(self._calls.agent_call("POST", f"/conversations/{conversation_id}/claim"))
        )

    def conversation(self, conversation_id: str) -> Json:
        """A handed-off conversation with its transcript (recorded in the audit log)."""
        return dict(self._do(self._calls.agent_call("GET", f"/conversations/{conversation_id}")))

    def audit(
        self, conversation_id: str | None = None, agent: str | None = None, limit: int = 100
    ) -> Json:
        """Agents' reads of conversations, newest first (admin key)."""
        return dict(self._do(self._calls.audit(conversation_id, agent, limit)))

    def reply(self, conversation_id: str, text: str) -> Json:
        path = f"/conversations/{conversation_id}/messages"
        return dict(self._do(self._calls.agent_call("POST", path, {"text": text})))

    def resolve(self, conversation_id: str) -> None:
        self._do(self._calls.agent_call("POST", f"/conversations/{conversation_id}/resolve"))

    def hand_back(self, conversation_id: str) -> None:
        self._do(self._calls.agent_call("POST", f"/conversations/{conversation_id}/handback"))

    def release(self, conversation_id: str) -> None:
        self._do(self._calls.agent_call("POST", f"/conversations/{conversation_id}/release"))

    def tickets(self, status: str | None = None) -> Json:
        return dict(self._do(self._calls.agent_call("GET", "/tickets", status=status)))

    def set_ticket_status(self, number: str, status: str) -> Json:
        body = {"status": status}
        return dict(self._do(self._calls.agent_call("POST", f"/tickets/{number}/status", body)))


class AsyncWalletbotClient:
    def __init__(
        self,
        base_url: str = "http://127.0.0.1:8000",
        *,
        agent_key: str | None = None,
        timeout: float = 10.0,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self._http = httpx.AsyncClient(base_url=base_url, timeout=timeout, transport=transport)
        self._calls = _Calls(agent_key)

    async def aclose(self) -> None:
        await self._http.aclose()

    async def __aenter__(self) -> AsyncWalletbotClient:
        return self

    async def __aexit__(self, *_: object) -> None:
        await self.aclose()

    async def _do(self, call: _Call) -> Any:
        response = await self._http.request(
            call.method, call.path, json=call.json, params=call.params, headers=call.headers
        )
        return _result(response, call.expect_body)

    async def chat(self, text: str, lang: Literal["zh", "en"] | None = None) -> Json:
        return dict(await self._do(self._calls.chat(text, lang)))

    async def create_conversation(self, lang: Literal["zh", "en"] | None = None) -> Conversation:
        body = await self._do(self._calls.create(lang))
        return Conversation(body["id"], body["token"], body)

    async def send(self, c: Conversation, text: str, client_message_id: str | None = None) -> Json:
        return dict(await self._do(self._calls.send(c, text, client_message_id)))

    async def messages(
        self, c: Conversation, after: int | str | None = None, limit: int = 100
    ) -> Json:
        return dict(await self._do(self._calls.messages(c, after, limit)))

    async def events(self, c: Conversation, after: int | None = None) -> AsyncIterator[StreamEvent]:
        headers = {**self._calls.user(c), **({"Last-Event-ID": str(after)} if after else {})}
        async with self._http.stream(
            "GET", f"/v1/conversations/{c.id}/events", headers=headers, timeout=None
        ) as response:
            if response.status_code >= 400:
                await response.aread()
                _result(response, True)
            parser = SseParser()
            async for line in response.aiter_lines():
                if (event := parser.feed(line)) is not None:
                    yield event

    async def mark_answer(self, c: Conversation, message_id: int, helpful: bool) -> Json:
        body = {"message_id": message_id, "helpful": helpful}
        return dict(await self._do(self._calls.feedback(c, body)))

    async def rate(self, c: Conversation, rating: int, comment: str | None = None) -> Json:
        body: Json = {"rating": rating, **({"comment": comment} if comment else {})}
        return dict(await self._do(self._calls.feedback(c, body)))

    async def ticket(self, c: Conversation, number: str) -> Json:
        return dict(await self._do(self._calls.ticket(c, number)))

    async def heartbeat(self) -> Json:
        return dict(await self._do(self._calls.agent_call("POST", "/heartbeat")))

    async def queue(self) -> Json:
        return dict(await self._do(self._calls.agent_call("GET", "/queue")))

    async def claim_next(self) -> Json | None:
        body = await self._do(self._calls.agent_call("POST", "/claim"))
        conversation: Json | None = body["conversation"]
        return conversation

    async def claim(self, conversation_id: str) -> Json:
        path = f"/conversations/{conversation_id}/claim"
        return dict(await self._do(self._calls.agent_call("POST", path)))

    async def conversation(self, conversation_id: str) -> Json:
        """A handed-off conversation with its transcript (recorded in the audit log)."""
        path = f"/conversations/{conversation_id}"
        return dict(await self._do(self._calls.agent_call("GET", path)))

    async def audit(
        self, conversation_id: str | None = None, agent: str | None = None, limit: int = 100
    ) -> Json:
        """Agents' reads of conversations, newest first (admin key)."""
        return dict(await self._do(self._calls.audit(conversation_id, agent, limit)))

    async def reply(self, conversation_id: str, text: str) -> Json:
        path = f"/conversations/{conversation_id}/messages"
        return dict(await self._do(self._calls.agent_call("POST", path, {"text": text})))

    async def resolve(self, conversation_id: str) -> None:
        await self._do(self._calls.agent_call("POST", f"/conversations/{conversation_id}/resolve"))

    async def hand_back(self, conversation_id: str) -> None:
        await self._do(self._calls.agent_call("POST", f"/conversations/{conversation_id}/handback"))

    async def release(self, conversation_id: str) -> None:
        await self._do(self._calls.agent_call("POST", f"/conversations/{conversation_id}/release"))

    async def tickets(self, status: str | None = None) -> Json:
        return dict(await self._do(self._calls.agent_call("GET", "/tickets", status=status)))

    async def set_ticket_status(self, number: str, status: str) -> Json:
        body = {"status": status}
        path = f"/tickets/{number}/status"
        return dict(await self._do(self._calls.agent_call("POST", path, body)))
