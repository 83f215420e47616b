"""The OpenAPI document is the contract: `schemathesis run --checks all` against a real server.

Every check schemathesis has (no 5xx, declared statuses, content types, headers and bodies,
schema-valid requests accepted and schema-invalid ones refused, 405s with their `Allow`, auth
enforced, created resources found), positive and negative data, and its stateful phase, which
follows the OpenAPI links from a created conversation (with its token) to the operations on it.
Bounded: --max-examples per operation (about a minute and a half here, on SQLite).

The command, to run by hand against a server started with the same settings:
    WALLETBOT_FUZZ_AGENT_KEY=<an admin key> schemathesis --config-file tests/api/schemathesis.toml \
        run http://127.0.0.1:8000/openapi.json --checks all --max-examples 20 --seed 1
"""

from __future__ import annotations

import asyncio
import os
import re
import sys
from pathlib import Path

import pytest

from tests.support.fixtures import KEYS
from tests.support.servers import REPO, ServerProcess

pytestmark = pytest.mark.slow
CONFIG = Path(__file__).with_name("schemathesis.toml")
MAX_EXAMPLES = os.environ.get("WALLETBOT_FUZZ_EXAMPLES", "20")
SEED = os.environ.get("WALLETBOT_FUZZ_SEED", "1")


def schemathesis_command(url: str) -> list[str]:
    # The console script beside this interpreter (the venv's).
    binary = Path(sys.executable).with_name("schemathesis")
    return [
        str(binary),
        "--config-file",
        str(CONFIG),
        "run",
        f"{url}/openapi.json",
        "--checks",
        "all",
        "--max-examples",
        MAX_EXAMPLES,
        "--seed",
        SEED,
        "--request-timeout",
        "30",
        "--no-color",
    ]


async def test_the_api_keeps_its_openapi_contract(tmp_path: Path) -> None:
    settings = {
        "database_url": f"sqlite+aiosqlite:///{tmp_path / 'fuzz.db'}",
        # The fuzzer sends thousands of requests from one address, many with unknown keys.
        "rate_limit_per_ip": 0,
        "rate_limit_per_conversation": 0,
        "agent_key_failures_per_ip": 0,
        "access_log": "false",
        "max_message_chars": 500,  # the document states this app's limit, not the default
    }
    server = await ServerProcess(settings, tmp_path / "server.log").start()
    try:
        run = await asyncio.create_subprocess_exec(
            *schemathesis_command(server.url),
            cwd=REPO,
            env={**os.environ, "WALLETBOT_FUZZ_AGENT_KEY": KEYS["root"]},
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.STDOUT,
        )
        out, _ = await asyncio.wait_for(run.communicate(), timeout=600)
    finally:
        server.stop()
    output = out.decode()
    report = output[-6000:]
    assert run.returncode == 0, report
    summary = re.search(r"(\d+) generated, (\d+) passed", output)
    assert summary is not None and summary[1] == summary[2], report
    # Nothing reached the last resort for unexpected errors (middleware.UnexpectedErrors).
    assert "unexpected" not in (tmp_path / "server.log").read_text(), report
