"""`walletbot db upgrade`: apply pending migrations to WALLETBOT_DATABASE_URL."""

from __future__ import annotations

import argparse
import asyncio

from walletbot.settings import Settings
from walletbot.storage.db import Database


async def _upgrade(settings: Settings) -> None:
    database = Database(
        settings.database_url,
        schema=settings.database_schema,
        sqlite_synchronous=settings.sqlite_synchronous,
    )
    try:
        await database.migrate()
    finally:
        await database.dispose()


def run(args: argparse.Namespace) -> int:
    settings = Settings()
    if args.action == "upgrade":
        asyncio.run(_upgrade(settings))
        print(f"database at head: {settings.database_url.split('@')[-1]}")
    return 0


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    db = commands.add_parser("db", help="database maintenance")
    db.add_argument("action", choices=("upgrade",), help="upgrade: apply pending migrations")
    db.set_defaults(handler=run)
