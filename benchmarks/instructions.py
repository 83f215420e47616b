"""Instructions per request, counted by valgrind: /v1/chat beside the bare echo app, in process.

    .venv/bin/python benchmarks/instructions.py [--passes 4] [--targets echo,chat,web,decide,messages]

Seconds on this machine drift by a factor of two within minutes; instruction counts do not (the
same run twice agrees within 0.1 %). Each target runs in its own Python under callgrind twice, with
0 and with N passes over the 160 held-out queries after one warm-up pass; the difference divided by
the requests is the cost of one request, start-up excluded. Requests are ASGI calls in process (no
sockets, no uvicorn): what the app itself costs, which is what the code can change.

Targets: `echo` (the bare FastAPI app of the HTTP benchmark), `chat` (POST /v1/chat of the real
app), `web` (the same with a constant decision: the web stack alone), `decide` (`Engine.decide`
alone) and `messages` (POST /v1/conversations/{id}/messages on a SQLite file, in waves of 16
at once, one per conversation, each with its own client_message_id, as the HTTP benchmark sends
them) and `messages_pg` (the same on PostgreSQL, database walletbot_bench or
$WALLETBOT_BENCH_PG_DATABASE, recreated: this process's instructions only, not the server's). Needs valgrind (apt-get install valgrind); each Python starts slowly under it, so the five
targets take about twenty-five minutes. Prints a Markdown table and a last line of JSON.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import gc
import json
import os
import pickle
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from http_bench import PG_URL, reset_postgres_database  # beside this file

REPO = Path(__file__).resolve().parents[1]
QUERIES = REPO / "data" / "eval" / "faq_test.csv"
TARGETS = ("echo", "chat", "web", "decide", "messages", "messages_pg")
CONVERSATIONS = 16  # the persisted messages go round this many conversations


def texts() -> list[str]:
    with QUERIES.open(newline="", encoding="utf-8") as handle:
        return [row["text"] for row in csv.DictReader(handle)]


def scope(path: str, body: bytes, headers: tuple[tuple[bytes, bytes], ...] = ()) -> dict[str, Any]:
    return {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "root_path": "",
        "headers": [
            (b"host", b"bench"),
            (b"content-type", b"application/json"),
            (b"content-length", str(len(body)).encode()),
            *headers,
        ],
        "client": ("127.0.0.1", 40000),
        "server": ("127.0.0.1", 8000),
    }


async def post(
    app: Any, path: str, body: bytes, headers: tuple[tuple[bytes, bytes], ...] = ()
) -> bytes:
    delivered = False
    status = 0
    answer = b""

    async def receive() -> dict[str, Any]:
        nonlocal delivered
        if delivered:  # the client never disconnects during a request
            await asyncio.Event().wait()
        delivered = True
        return {"type": "http.request", "body": body, "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        nonlocal status, answer
        if message["type"] == "http.response.start":
            status = message["status"]
        elif message["type"] == "http.response.body":
            answer += message.get("body", b"")

    await app(scope(path, body, headers), receive, send)
    if status not in (200, 201):
        raise RuntimeError(f"{path} answered {status}: {answer[:300]!r}")
    return answer


def child(target: str, passes: int, engine_file: Path) -> None:
    """Set up one target, warm it with one pass, then run `passes` more (what is counted)."""
    from walletbot.brain.triage import RULE_PATTERNS

    queries = texts()
    with engine_file.open("rb") as handle:
        engine = pickle.load(handle)
    RULE_PATTERNS.wait_compiled()  # as the service does before serving
    if target == "decide":
        gc.freeze()
        for _ in range(passes + 1):
            for text in queries:
                engine.decide(text)
        return

    sys.path.insert(0, str(REPO / "benchmarks"))
    import echo_app

    from walletbot.main import create_app
    from walletbot.settings import Settings

    if target == "web":
        constant = engine.decide("hello")
        engine.decide = lambda text, lang=None: constant
    if target in ("messages", "messages_pg"):
        messages(engine, queries, passes, postgres=target == "messages_pg")
        return
    if target == "echo":
        app, path = echo_app.app(), "/echo"
    else:
        settings = Settings(rate_limit_per_ip=0, database_url="sqlite+aiosqlite:///:memory:")
        app, path = create_app(settings, engine=engine), "/v1/chat"
    bodies = [json.dumps({"text": t}, ensure_ascii=False).encode() for t in queries]
    gc.freeze()  # as the service does after start-up

    async def run() -> None:
        for _ in range(passes + 1):
            for body in bodies:
                await post(app, path, body)

    asyncio.run(run())


async def send_waves(
    app: Any, targets: list[tuple[str, Any]], queries: list[str], sent: int
) -> int:
    """Every query once as a persisted message, in waves of one message per conversation at once,
    as under load: the SQLite writer then commits them in groups, as it does for the HTTP
    benchmark. Returns the new count of messages sent (each one's client_message_id)."""
    for start in range(0, len(queries), CONVERSATIONS):
        wave = []
        for text in queries[start : start + CONVERSATIONS]:
            path, auth = targets[sent % CONVERSATIONS]
            body = {"text": text, "client_message_id": f"m{sent}"}
            encoded = json.dumps(body, ensure_ascii=False).encode()
            wave.append(post(app, path, encoded, auth))
            sent += 1
        await asyncio.gather(*wave)
    return sent


def messages(engine: Any, queries: list[str], passes: int, *, postgres: bool) -> None:
    """POST /v1/conversations/{id}/messages on a SQLite file (or PostgreSQL), as the HTTP
    benchmark sends them: round the conversations, each message with its own client_message_id.
    Only this process is counted: PostgreSQL's own work is in its server's processes."""
    from walletbot.main import create_app
    from walletbot.settings import Settings

    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(
            rate_limit_per_ip=0,
            rate_limit_per_conversation=0,
            database_url=(PG_URL if postgres else f"sqlite+aiosqlite:///{tmp}/bench.db"),
            # The queue worker sweeps once a second of wall time, and under valgrind a message
            # takes fifty times as long: its sweeps would be counted as the messages' cost.
            queue_tick_seconds=3600,
        )
        app = create_app(settings, engine=engine)

        async def run() -> None:
            async with app.router.lifespan_context(app):
                targets = []
                for _ in range(CONVERSATIONS):
                    created = json.loads(await post(app, "/v1/conversations", b'{"lang": "en"}'))
                    auth = ((b"authorization", f"Bearer {created['token']}".encode()),)
                    targets.append((f"/v1/conversations/{created['id']}/messages", auth))
                gc.freeze()  # as the service does after start-up
                sent = 0
                for _ in range(passes + 1):
                    sent = await send_waves(app, targets, queries, sent)

        asyncio.run(run())


def count(target: str, passes: int, engine_file: Path) -> int:
    if target == "messages_pg":
        reset_postgres_database()  # http_bench's database, dropped and created again
    env = {**os.environ, "PYTHONHASHSEED": "0", "OPENBLAS_NUM_THREADS": "1"}
    command = [
        "valgrind",
        "--tool=callgrind",
        "--callgrind-out-file=/dev/null",
        sys.executable,
        __file__,
        "--child",
        target,
        "--passes",
        str(passes),
        "--engine",
        str(engine_file),
    ]
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
    collected = re.search(r"Collected : (\d+)", done.stderr)
    if not collected:
        raise RuntimeError(f"no instruction count from callgrind:\n{done.stderr[-2000:]}")
    return int(collected.group(1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--passes", type=int, default=4, help="passes over the queries counted")
    parser.add_argument("--targets", default=",".join(TARGETS))
    parser.add_argument("--child", choices=TARGETS, help=argparse.SUPPRESS)
    parser.add_argument("--engine", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.passes, args.engine)
        return
    if not shutil.which("valgrind"):
        raise SystemExit("valgrind is missing: apt-get install valgrind")

    from walletbot.brain.engine import Engine
    from walletbot.brain.faq import load_faq

    requests = args.passes * len(texts())
    per_request: dict[str, int] = {}
    with tempfile.TemporaryDirectory() as tmp:
        engine_file = Path(tmp) / "engine.pickle"
        # Trained here, outside valgrind, and pickled as the service's training process does.
        engine_file.write_bytes(pickle.dumps(Engine.build(load_faq(REPO / "data" / "faq.yaml"))))
        for target in args.targets.split(","):
            start_up = count(target, 0, engine_file)
            per_request[target] = (count(target, args.passes, engine_file) - start_up) // requests

    echo = per_request.get("echo")
    print("| target | instructions per request | ratio of echo's to this |")
    print("|---|---:|---:|")
    for target, instructions in per_request.items():
        ratio = f"{echo / instructions:.2f}" if echo else "—"
        print(f"| {target} | {instructions:,} | {ratio} |")
    print(json.dumps({"passes": args.passes, "instructions_per_request": per_request}))


if __name__ == "__main__":
    main()
