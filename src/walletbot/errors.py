"""One error type for the whole service; one handler turns it into JSON with a stable code."""

from __future__ import annotations

from typing import Any


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

    def body(self) -> dict[str, Any]:
        error: dict[str, Any] = {"code": self.code, "message": self.message}
        if self.details:
            error["details"] = self.details
        return {"error": error}


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
