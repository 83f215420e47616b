"""The app's exception handlers: every refusal leaves as `errors.error_response(...)`.

- `WalletbotError` (raised by services and dependencies): its status, code and details.
- FastAPI's `RequestValidationError`: a body that is not JSON is 400 `invalid_json`; anything
  else 422, coded by the refusal when the fields share one of ours (`fields.py`: `empty_text`,
  `text_too_long`, `nul_character`, ...), else `invalid_request`, every field listed.
- Starlette's `HTTPException` (routing, body parsing, the body guard): a code per status; a 405
  lists in `Allow` every method of every route on the path, not only the first route's.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException
from starlette.routing import BaseRoute, Match

from walletbot.http.errors import WalletbotError, error_response
from walletbot.http.middleware import BodyRefused

# Error types raised by our own validators (fields.py): each is also the error's code.
OWN_TYPES = frozenset(
    {"empty_text", "text_too_long", "nul_character", "unpaired_surrogate", "invalid_cursor"}
)
HTTP_CODES = {
    400: "invalid_body",
    404: "not_found",
    405: "method_not_allowed",
    408: "body_timeout",
    413: "body_too_large",
    431: "headers_too_large",
}


def install(app: FastAPI, routes: Sequence[BaseRoute]) -> None:
    """`routes`: every route of the app, the included routers' as declared (for `Allow`)."""

    async def http_error(request: Request, exc: HTTPException) -> JSONResponse:
        return _http_error(request, exc, routes)

    app.add_exception_handler(WalletbotError, _walletbot_error)  # type: ignore[arg-type]
    app.add_exception_handler(RequestValidationError, _validation_error)  # type: ignore[arg-type]
    app.add_exception_handler(HTTPException, http_error)  # type: ignore[arg-type]


async def _walletbot_error(_: Request, exc: WalletbotError) -> JSONResponse:
    return exc.response()


async def _validation_error(_: Request, exc: RequestValidationError) -> JSONResponse:
    errors = exc.errors()
    if any(e.get("type") == "json_invalid" for e in errors):
        return error_response(400, "invalid_json", "the body is not valid JSON")
    fields: list[dict[str, Any]] = [
        {"field": _field_name(e["loc"]), "message": e["msg"], "type": e["type"]} for e in errors
    ]
    types = {f["type"] for f in fields}
    code = types.pop() if len(types) == 1 and types <= OWN_TYPES else "invalid_request"
    details: dict[str, Any] = {"fields": fields}
    for e in errors:  # a limit the client should know (text_too_long's)
        if isinstance(e.get("ctx"), dict) and "limit" in e["ctx"]:
            details["limit"] = e["ctx"]["limit"]
    names = ", ".join(dict.fromkeys(f["field"] for f in fields))
    return error_response(422, code, f"invalid field(s): {names}", details)


def _field_name(loc: tuple[int | str, ...]) -> str:
    """`text`, `query.limit`, `header.last-event-id`: the body's fields by name alone."""
    return ".".join(str(part) for part in loc if part != "body") or "body"


def _http_error(request: Request, exc: HTTPException, routes: Sequence[BaseRoute]) -> JSONResponse:
    status = exc.status_code
    headers = dict(exc.headers or {})
    if status == 405:
        headers["Allow"] = ", ".join(_allowed_methods(request, routes))
    code = HTTP_CODES.get(status, "http_error")
    message = str(exc.detail)
    # FastAPI answers 400 for a JSON body it could not parse other than by a syntax error;
    # the cause it chains says why.
    if status == 400 and isinstance(exc.__cause__, RecursionError):
        code, message = "json_too_deep", "the JSON body is nested too deeply"
    elif status == 400 and isinstance(exc.__cause__, UnicodeDecodeError):
        code, message = "invalid_json", "the body is not valid JSON (not UTF-8)"
    details = exc.details if isinstance(exc, BodyRefused) else None
    return error_response(status, code, message, details, headers or None)


def _allowed_methods(request: Request, routes: Sequence[BaseRoute]) -> list[str]:
    """The methods of every route whose path matches (Starlette's 405 names only the first)."""
    methods: set[str] = set()
    for route in routes:
        route_methods = getattr(route, "methods", None)
        if route_methods and route.matches(request.scope)[0] is not Match.NONE:
            methods |= route_methods
    return sorted(methods)
