"""SQL statements per persisted message, counted with SQLAlchemy's engine events.

    .venv/bin/python benchmarks/statements.py [--postgres] [--passes 2] [--show]

Sends the held-out queries as persisted messages (POST /v1/conversations/{id}/messages), in
waves of 16 at once, one per conversation, as `instructions.py --targets messages` does, and
counts what every engine ran meanwhile: statements by kind (the first words of each), and
COMMITs. The counter is an `Engine` class event (`before_cursor_execute`, `commit`), so it sees
every engine the app builds; the queue worker's sweeps are counted too (a few per second).
`--show` prints each distinct statement with its count per message. Prints a last line of JSON.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

from http_bench import PG_URL, reset_postgres_database  # beside this file
from instructions import CONVERSATIONS, post, send_waves, texts
from sqlalchemy import event
from sqlalchemy.engine import Engine

REPO = Path(__file__).resolve().parents[1]


class Tally:
    def __init__(self) -> None:
        self.on = False
        self.statements: Counter[str] = Counter()
        self.commits = 0

    def statement(self, conn: Any, cursor: Any, sql: str, *_: Any) -> None:
        if self.on:
            self.statements[re.sub(r"\s+", " ", sql).strip()] += 1

    def commit(self, conn: Any) -> None:
        if self.on:
            self.commits += 1


def kind(sql: str) -> str:
    """A statement's kind: its verb and table ("UPDATE conversations", "SELECT messages")."""
    words = sql.split()
    verb = words[0].upper()
    if verb in ("INSERT", "DELETE"):
        return f"{verb} {words[2]}"
    if verb == "UPDATE":
        return f"UPDATE {words[1]}"
    if verb == "SELECT":
        match = re.search(r"\bFROM (\w+)", sql)
        if "pg_notify" in sql:
            return "SELECT pg_notify"
        return f"SELECT {match.group(1) if match else '(no table)'}"
    return " ".join(words[:2]) if verb in ("RELEASE", "ROLLBACK") else verb


def run(postgres: bool, passes: int) -> tuple[Tally, int]:
    from walletbot.brain.engine import Engine as Brain
    from walletbot.brain.faq import load_faq
    from walletbot.main import create_app
    from walletbot.settings import Settings

    tally = Tally()
    event.listen(Engine, "before_cursor_execute", tally.statement)
    event.listen(Engine, "commit", tally.commit)
    queries = texts()
    brain = Brain.build(load_faq(REPO / "data" / "faq.yaml"))
    sent = 0
    with tempfile.TemporaryDirectory() as tmp:
        if postgres:
            reset_postgres_database()
        settings = Settings(
            rate_limit_per_ip=0,
            rate_limit_per_conversation=0,
            database_url=PG_URL if postgres else f"sqlite+aiosqlite:///{tmp}/bench.db",
        )
        app = create_app(settings, engine=brain)

        async def go() -> None:
            nonlocal sent
            async with app.router.lifespan_context(app):
                targets = []
                for _ in range(CONVERSATIONS):
                    created = json.loads(await post(app, "/v1/conversations", b'{"lang": "en"}'))
                    auth = ((b"authorization", f"Bearer {created['token']}".encode()),)
                    targets.append((f"/v1/conversations/{created['id']}/messages", auth))
                for counted in (False, True):  # one pass to warm up, then `passes` counted
                    tally.on = counted
                    for _ in range(passes if counted else 1):
                        sent = await send_waves(app, targets, queries, sent)
                tally.on = False

        asyncio.run(go())
    return tally, passes * len(queries)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres", action="store_true", help="PostgreSQL instead of SQLite")
    parser.add_argument("--passes", type=int, default=2)
    parser.add_argument("--show", action="store_true", help="every distinct statement")
    args = parser.parse_args()
    tally, messages = run(args.postgres, args.passes)
    kinds: Counter[str] = Counter()
    for sql, n in tally.statements.items():
        kinds[kind(sql)] += n
    total = sum(tally.statements.values())
    print(f"{messages} messages, {'PostgreSQL' if args.postgres else 'SQLite'}\n")
    print("| statement | per message |\n|---|---:|")
    for name, n in kinds.most_common():
        print(f"| {name} | {n / messages:.2f} |")
    print(f"| **all statements** | **{total / messages:.2f}** |")
    print(f"| COMMIT | {tally.commits / messages:.2f} |")
    if args.show:
        for sql, n in tally.statements.most_common():
            print(f"\n{n / messages:.2f}  {sql}")
    per_message = {name: round(n / messages, 3) for name, n in kinds.items()}
    print(json.dumps({"messages": messages, "statements": total / messages, "kinds": per_message}))


if __name__ == "__main__":
    main()
