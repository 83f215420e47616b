"""One error type for the whole service, one error body, and the one function that builds it.

Services raise a `WalletbotError` subclass; the handlers in `error_handlers.py` (and the few
middleware that answer before any route runs) turn every refusal into `error_response(...)`:
`{"error": {"code", "message", "details"?}}` with a stable `code` (docs/safety.md, "Error codes").
"""

from __future__ import annotations

from typing import Any

from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field


class ErrorBody(BaseModel):
    code: str = Field(description="Stable, machine-readable: clients branch on it.")
    message: str = Field(description="For people; may change.")
    details: dict[str, Any] | None = Field(
        default=None, description="What the code is about: the fields, the limit, ..."
    )


class ErrorOut(BaseModel):
    error: ErrorBody


def error_response(
    status: int,
    code: str,
    message: str,
    details: dict[str, Any] | None = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    """The service's error JSON: the only place it is built."""
    error: dict[str, Any] = {"code": code, "message": message}
    if details:
        error["details"] = details
    return JSONResponse({"error": error}, status_code=status, headers=headers)


class WalletbotError(Exception):
    status_code = 400
    code = "bad_request"
    headers: dict[str, str] | None = None  # extra response headers, e.g. Retry-After

    def __init__(self, message: str, *, code: str | None = None, **details: Any) -> None:
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code
        self.details = details

    def response(self) -> JSONResponse:
        return error_response(self.status_code, self.code, self.message, self.details, self.headers)


class InvalidInput(WalletbotError):
    status_code = 422
    code = "invalid_input"


class NotFound(WalletbotError):
    status_code = 404
    code = "not_found"


class Unauthorized(WalletbotError):
    status_code = 401
    code = "unauthorized"


class Forbidden(WalletbotError):
    status_code = 403
    code = "forbidden"


class Conflict(WalletbotError):
    status_code = 409
    code = "conflict"


class NotReady(WalletbotError):
    status_code = 503
    code = "not_ready"


_MEANINGS = {
    400: "The body is not JSON (`invalid_json`, `json_too_deep`).",
    401: "Missing or unknown credentials.",
    403: "These credentials may not do this.",
    404: "No such resource.",
    408: "The request body stopped arriving (`body_timeout`).",
    409: "The resource is not in a state that allows this.",
    413: "The request body is over the limit (`body_too_large`).",
    422: "A field is invalid; `details.fields` lists each one.",
    429: "Too many requests; `Retry-After` says when to try again.",
    503: "Not ready yet (the model is loading).",
}


def error_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI `responses` for these error statuses, all in the one error shape."""
    return {s: {"model": ErrorOut, "description": _MEANINGS[s]} for s in statuses}
