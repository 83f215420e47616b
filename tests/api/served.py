"""`python -m tests.api.served`: the app served the way `walletbot serve` serves it (the same
uvicorn options, cli.uvicorn_options), with the scripted engine instead of a trained model, and
with WALLETBOT_TEST_FAILING_ROUTE=1 a route that fails unexpectedly (GET /test/fail)."""

from __future__ import annotations

import os

import uvicorn

from tests.support.engine import ScriptedEngine
from walletbot.cli import uvicorn_options
from walletbot.main import create_app
from walletbot.ops.logs import logging_config
from walletbot.settings import Settings


def main() -> None:
    settings = Settings()
    app = create_app(settings, engine=ScriptedEngine())  # type: ignore[arg-type]
    if os.environ.get("WALLETBOT_TEST_FAILING_ROUTE") == "1":

        @app.get("/test/fail", include_in_schema=False)
        async def fail() -> None:
            raise RuntimeError("a bug, with a secret: 493817")

    log_config = logging_config("info", settings.log_format)
    uvicorn.run(app, log_level="info", log_config=log_config, **uvicorn_options(settings))


if __name__ == "__main__":
    main()
