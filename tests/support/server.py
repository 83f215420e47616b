"""Factory for server subprocesses (`python -m uvicorn tests.support.server:app --factory`):
settings from WALLETBOT_* variables, the scripted engine instead of training a model."""

from __future__ import annotations

from fastapi import FastAPI

from tests.support.engine import ScriptedEngine
from walletbot.main import create_app
from walletbot.settings import Settings


def app() -> FastAPI:
    return create_app(Settings(), engine=ScriptedEngine())  # type: ignore[arg-type]
