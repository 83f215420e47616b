"""ASGI entry for process managers: `uvicorn --factory walletbot.asgi:app` (settings from env)."""

from __future__ import annotations

from fastapi import FastAPI

from walletbot.main import create_app


def app() -> FastAPI:
    return create_app()
