"""Structured logs: one JSON object per line, with the id of the request being served.

Only what the code chooses to log reaches the output (route templates, status codes, timings,
counts); request bodies and user text are never logged.
"""

from __future__ import annotations

import json
import logging
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import Any

request_id: ContextVar[str | None] = ContextVar("walletbot_request_id", default=None)

# Attributes every LogRecord has; anything else was passed with `extra=` and is logged as a field.
_STANDARD = set(logging.makeLogRecord({}).__dict__) | {"message", "asctime", "color_message"}
_OWN = ("time", "level", "logger", "message", "request_id")
_NOT_EXTRA = frozenset(_STANDARD | set(_OWN))
_PLAIN = (str, int, float, bool)
# Built once: json.dumps with any option builds a new encoder per call. One line is formatted
# per request (the access log), so this is on the hot path: 11.8 -> 9.0 us a line here.
_encode = json.JSONEncoder(ensure_ascii=False).encode


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        fields = record.__dict__
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": fields.get("request_id") or request_id.get(),
        }
        for key, value in fields.items():
            if key not in _NOT_EXTRA:
                entry[key] = value if isinstance(value, _PLAIN) else str(value)
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return _encode(entry)


def logging_config(level: str = "info", fmt: str = "json") -> dict[str, Any]:
    """A dictConfig for walletbot and uvicorn alike (pass it to uvicorn as `log_config`)."""
    formatter: dict[str, Any] = (
        {"()": JsonFormatter}
        if fmt == "json"
        else {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}
    )
    handler = {
        "class": "logging.StreamHandler",
        "formatter": "default",
        "stream": "ext://sys.stderr",
    }
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"default": formatter},
        "handlers": {"default": handler},
        "loggers": {
            "walletbot": {"handlers": ["default"], "level": level.upper(), "propagate": False},
            "uvicorn": {"handlers": ["default"], "level": level.upper(), "propagate": False},
            "uvicorn.access": {"handlers": [], "level": "WARNING", "propagate": False},
        },
    }
