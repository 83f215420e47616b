"""The reference for the HTTP benchmark: a bare FastAPI app that only echoes a JSON body."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI


def app() -> FastAPI:
    echo = FastAPI()

    @echo.post("/echo")
    async def echo_body(body: dict[str, Any]) -> dict[str, Any]:
        return body

    return echo
