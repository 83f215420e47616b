"""Storage set-up: migrations, SQLite durability settings, the masking gate, the CLI."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from sqlalchemy import text

from tests.support.servers import REPO
from walletbot.storage.db import Database
from walletbot.storage.masking import mask_for_storage


async def test_migrations_create_the_schema_and_are_idempotent(db_settings: dict[str, Any]) -> None:
    database = Database(db_settings["database_url"], schema=db_settings.get("database_schema"))
    try:
        await database.migrate()
        await database.migrate()
        async with database.reader() as session:
            version = (
                await session.execute(text("SELECT version_num FROM alembic_version"))
            ).scalar()
            assert version == "0001"
            for table in ("conversations", "messages", "events", "tickets", "agent_presence"):
                await session.execute(text(f"SELECT count(*) FROM {table}"))
    finally:
        await database.dispose()


async def test_sqlite_runs_in_wal_mode_with_full_sync(tmp_path: Path) -> None:
    database = Database(f"sqlite+aiosqlite:///{tmp_path / 'nested' / 'w.db'}")
    try:
        async with database.reader() as session:
            mode = (await session.execute(text("PRAGMA journal_mode"))).scalar()
            sync = (await session.execute(text("PRAGMA synchronous"))).scalar()
            busy = (await session.execute(text("PRAGMA busy_timeout"))).scalar()
        assert (mode, sync, busy) == ("wal", 2, 30000)  # 2 = FULL
    finally:
        await database.dispose()


def test_only_masked_text_is_stored() -> None:
    masked = mask_for_storage("my password is Hunter2!x and phone 13812345678")
    assert "Hunter2!x" not in masked and "13812345678" not in masked


def test_db_upgrade_command(tmp_path: Path) -> None:
    env = {**os.environ, "WALLETBOT_DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'cli.db'}"}
    done = subprocess.run(
        [sys.executable, "-m", "walletbot.cli", "db", "upgrade"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "cli.db").exists()
