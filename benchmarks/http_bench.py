"""HTTP benchmark: walletbot beside a bare FastAPI echo app, same server settings, same load.

    .venv/bin/python benchmarks/http_bench.py [--seconds 10] [--connections 64] [--postgres] [--rounds 3]
        [--warm] [--before ../_before] [--no-chat] [--claimed]

Starts each server as its own uvicorn process (one worker), drives it with wrk (Debian's package)
and prints requests/s, p50/p99 latency, resident memory and the ratio to the echo app, as a
Markdown table and a last line of JSON. Rate limits are switched off for the run (wrk sends
everything from one address). The service's own access log is off too, as the echo app has none,
unless `--access-log`: then it writes its JSON line per request to a file, as `walletbot serve`
does by default (to stderr). For persisted messages on SQLite the JSON also gives the writing
transactions per COMMIT, read from the service's /metrics (storage/group_commit.py). Each
store's run starts a fresh server (and an empty PostgreSQL database); `--warm` runs persisted
messages a second time on it.

`--before DIR` measures a second checkout of walletbot (its own `.venv`, e.g. one made with
`git worktree add --detach ../_before main`) beside this one in the same rounds, one after the
other, the order swapped every round: side-by-side figures of a change, each round with the same
echo reference.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import shutil
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import closing
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
# Dropped and created again for each server; another name keeps concurrent runs apart.
PG_DATABASE = os.environ.get("WALLETBOT_BENCH_PG_DATABASE", "walletbot_bench")
PG_URL = f"postgresql+asyncpg://postgres@127.0.0.1:5432/{PG_DATABASE}"
BENCH_AGENT_KEY = "bench-agent-key-0123456789"  # `--claimed`: the agent who takes them all

# Every request carries one of the 160 held-out FAQ queries (data/eval/faq_test.csv, Chinese and
# English, typos and traditional characters included), in turn: one message repeated forever would
# flatter every cache. The echo app gets the same bodies.
QUERIES = REPO / "data" / "eval" / "faq_test.csv"
POST_LUA = """
local texts = {%s}
local counter = 0
function request()
  counter = counter + 1
  return wrk.format("POST", nil, {["Content-Type"] = "application/json"},
    '{"text": ' .. texts[(counter %% #texts) + 1] .. '}')
end
"""
# Each request goes to one of the prepared conversations with a unique client_message_id, so every
# request stores a new message (a retry with the same id would store nothing).
MESSAGES_LUA = """
local texts = {%s}
local conversations = {%s}
local counter = 0
-- A global, not a local: setup() sets each thread's own copy, which a local would shadow (all
-- threads would then send the same ids, and every second request would be a cheap replay).
thread_id = 0
local next_thread = 0
function setup(thread)
  thread:set("thread_id", next_thread)
  next_thread = next_thread + 1
end
function request()
  counter = counter + 1
  local c = conversations[(counter %% #conversations) + 1]
  local body = '{"text": ' .. texts[(counter %% #texts) + 1] .. ', "client_message_id": "%s'
    .. thread_id .. '-' .. counter .. '"}'
  return wrk.format("POST", "/v1/conversations/" .. c[1] .. "/messages",
    {["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. c[2]}, body)
end
"""


def lua_texts() -> str:
    """The queries as JSON strings inside Lua long brackets (no escapes to reinterpret)."""
    with QUERIES.open(newline="", encoding="utf-8") as handle:
        texts = [row["text"] for row in csv.DictReader(handle)]
    return ", ".join(f"[==[{json.dumps(t, ensure_ascii=False)}]==]" for t in texts)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start(
    args: list[str], env: dict[str, str], port: int, cwd: Path = REPO
) -> subprocess.Popen[bytes]:
    process = subprocess.Popen(args, env=env, cwd=cwd, stdout=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/docs", timeout=1).status_code == 200:
                return process
        except httpx.HTTPError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError(f"server on port {port} did not start")


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def wrk(url: str, lua: str, seconds: int, connections: int) -> dict[str, float]:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(lua)
    out = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "-s", script.name, url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    os.unlink(script.name)

    def latency_ms(label: str) -> float:
        match = re.search(rf"^\s*{label}\s+([\d.]+)(us|ms|s)\s*$", out, re.M)
        if not match:
            return float("nan")
        value, unit = float(match.group(1)), match.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    rps = re.search(r"Requests/sec:\s+([\d.]+)", out)
    requests = re.search(r"(\d+) requests in", out)
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    return {
        "rps": float(rps.group(1)) if rps else float("nan"),
        "p50_ms": latency_ms("50%"),
        "p99_ms": latency_ms("99%"),
        "errors": float(non_2xx.group(1)) if non_2xx else 0.0,
        "requests": float(requests.group(1)) if requests else float("nan"),
    }


def service_env(database_url: str) -> dict[str, str]:
    return {
        **os.environ,
        "WALLETBOT_DATABASE_URL": database_url,
        "WALLETBOT_RATE_LIMIT_PER_IP": "0",
        "WALLETBOT_RATE_LIMIT_PER_CONVERSATION": "0",
        "WALLETBOT_AGENT_KEYS": f"bench:agent:{BENCH_AGENT_KEY}",
    }


def prepare_conversations(base: str, count: int, *, claimed: bool = False) -> str:
    """The conversations as a Lua table, for `messages_lua`. `claimed`: each asks for a person
    and an agent takes it, so the bot is silent and a message is stored and logged, no more."""
    pairs = []
    agent = {"Authorization": f"Bearer {BENCH_AGENT_KEY}"}
    if claimed:
        httpx.post(f"{base}/v1/agent/heartbeat", headers=agent, timeout=10).raise_for_status()
    for n in range(count):
        body = httpx.post(f"{base}/v1/conversations", json={"lang": "en"}, timeout=10).json()
        pairs.append(f'{{"{body["id"]}", "{body["token"]}"}}')
        if claimed:
            user = {"Authorization": f"Bearer {body['token']}"}
            status = ""
            for attempt in range(4):  # the dialogue may ask a question before it hands off
                sent = httpx.post(
                    f"{base}/v1/conversations/{body['id']}/messages",
                    json={"text": "I want to talk to a person", "client_message_id": f"h{attempt}"},
                    headers=user,
                    timeout=10,
                ).json()
                status = sent["state"]["status"]
                if status == "queued":
                    break
            if status != "queued":
                raise RuntimeError(f"conversation {n} was not queued ({status})")
            claim = httpx.post(f"{base}/v1/agent/claim", headers=agent, timeout=10)
            claim.raise_for_status()
    return ", ".join(pairs)


def messages_lua(conversations: str, run: str) -> str:
    """`run` prefixes the client_message_ids: a second run on the same conversations must not
    send the first one's ids again (it would be answered from the stored results)."""
    return MESSAGES_LUA % (lua_texts(), conversations, run)


def check_all_stored(url: str, requests: float, connections: int) -> None:
    """Every answered request stored a new user message (none was a replay of an id already
    sent). Requests in flight when wrk stopped may be stored without being counted."""
    # Not the messages `--claimed` sends to reach an agent (client ids h0, h1, ...).
    query = "SELECT count(*) FROM messages WHERE role = 'user' AND client_message_id NOT LIKE 'h%'"
    if url.startswith("sqlite"):
        with closing(sqlite3.connect(url.split("///", 1)[1])) as connection:
            stored = connection.execute(query).fetchone()[0]
    else:
        stored = int(
            subprocess.run(
                [
                    "psql",
                    "-h",
                    "127.0.0.1",
                    "-U",
                    "postgres",
                    "-d",
                    PG_DATABASE,
                    "-Atc",
                    query,
                ],
                check=True,
                capture_output=True,
                text=True,
            ).stdout
        )
    if not requests <= stored <= requests + connections:
        raise RuntimeError(f"{requests:.0f} requests answered but {stored} user messages stored")


def transactions_per_commit(base: str) -> float | None:
    """SQLite's group commit at work: writing transactions per COMMIT since the service started
    (its /metrics; None where there are no such counters)."""
    counts = {}
    for line in httpx.get(f"{base}/metrics", timeout=10).text.splitlines():
        name, _, value = line.partition(" ")
        if name in ("walletbot_sqlite_commits_total", "walletbot_sqlite_transactions_total"):
            counts[name] = float(value)
    if len(counts) < 2 or not counts["walletbot_sqlite_commits_total"]:
        return None
    ratio = counts["walletbot_sqlite_transactions_total"] / counts["walletbot_sqlite_commits_total"]
    return round(ratio, 1)


def reset_postgres_database() -> None:
    for sql in (f"DROP DATABASE IF EXISTS {PG_DATABASE}", f"CREATE DATABASE {PG_DATABASE}"):
        subprocess.run(
            ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "test", "-c", sql],
            check=True,
            capture_output=True,
        )


def measure_once(
    args: argparse.Namespace, uvicorn: list[str], round_index: int
) -> dict[str, dict[str, float]]:
    """One round: each server in turn under the same load; ratios against this round's echo."""
    rows: dict[str, dict[str, float]] = {}
    # (label, checkout, its Python): this one, and the one measured beside it (--before).
    builds = [("", REPO, PYTHON)]
    if args.before:
        before = Path(args.before).resolve()
        builds = [
            (" · after", REPO, PYTHON),
            (" · before", before, str(before / ".venv/bin/python")),
        ]
        if round_index % 2:
            builds.reverse()
    with tempfile.TemporaryDirectory() as tmp:
        port = free_port()
        echo = start(
            [*uvicorn, "--port", str(port), "--app-dir", str(REPO / "benchmarks"), "echo_app:app"],
            dict(os.environ),
            port,
        )
        try:
            rows["bare FastAPI echo"] = wrk(
                f"http://127.0.0.1:{port}/echo",
                POST_LUA % lua_texts(),
                args.seconds,
                args.connections,
            )
            rows["bare FastAPI echo"]["rss_mb"] = rss_mb(echo.pid)
        finally:
            echo.terminate()
            echo.wait()

        stores = [("SQLite", "sqlite")]
        if args.postgres:
            stores.append(("PostgreSQL", "postgres"))
        logs = ["--log-config", access_log_config(Path(tmp))] if args.access_log else []
        for index, (store, kind) in enumerate(stores):
            for label, checkout, python in builds:
                if kind == "postgres":
                    reset_postgres_database()  # each server starts from an empty database
                    url = PG_URL
                else:
                    url = f"sqlite+aiosqlite:///{tmp}/bench{len(rows)}.db"
                port = free_port()
                command = [python, *uvicorn[1:], *logs, "--port", str(port), "walletbot.asgi:app"]
                service = start(command, service_env(url), port, cwd=checkout)
                base = f"http://127.0.0.1:{port}"
                try:
                    if index == 0 and not args.no_chat:
                        chat = f"walletbot POST /v1/chat{label}"
                        rows[chat] = wrk(
                            f"{base}/v1/chat",
                            POST_LUA % lua_texts(),
                            args.seconds,
                            args.connections,
                        )
                        rows[chat]["rss_mb"] = rss_mb(service.pid)
                    name = f"walletbot POST …/messages ({store}){label}"
                    conversations = prepare_conversations(
                        base, args.connections, claimed=args.claimed
                    )
                    lua = messages_lua(conversations, "t")
                    rows[name] = wrk(base, lua, args.seconds, args.connections)
                    rows[name]["rss_mb"] = rss_mb(service.pid)
                    check_all_stored(url, rows[name]["requests"], args.connections)
                    if args.warm:  # the same server and conversations again, new messages
                        warm = f"{name}, warm"
                        lua = messages_lua(conversations, "w")
                        rows[warm] = wrk(base, lua, args.seconds, args.connections)
                        rows[warm]["rss_mb"] = rss_mb(service.pid)
                        stored = rows[name]["requests"] + rows[warm]["requests"]
                        check_all_stored(url, stored, 2 * args.connections)
                    per_commit = transactions_per_commit(base)
                    if per_commit is not None:
                        rows[name]["transactions_per_commit"] = per_commit
                finally:
                    service.terminate()
                    service.wait()

        if args.access_log and not (Path(tmp) / "access.log").stat().st_size:
            raise RuntimeError("--access-log: the service logged nothing")

    reference = rows["bare FastAPI echo"]["rps"]
    for row in rows.values():
        row["ratio"] = round(row["rps"] / reference, 3)
    return rows


def access_log_config(folder: Path) -> str:
    """A uvicorn --log-config file: walletbot's production logging (JSON lines, INFO, so one
    access line per request), into a file instead of stderr."""
    from walletbot.ops.logs import logging_config

    config = logging_config("info")
    config["formatters"]["default"] = {"()": "walletbot.ops.logs.JsonFormatter"}  # by name: JSON
    config["handlers"]["default"] = {
        "class": "logging.FileHandler",
        "formatter": "default",
        "filename": str(folder / "access.log"),
    }
    path = folder / "log-config.json"
    path.write_text(json.dumps(config))
    return str(path)


def _display_order(name: str) -> tuple[bool, str]:
    """Echo first, then the rest by name (a row's before and after side by side)."""
    return (name != "bare FastAPI echo", name)


def median_rows(rounds: list[dict[str, dict[str, float]]]) -> dict[str, dict[str, float]]:
    """Per endpoint, the median of each figure over the rounds, and the range of the ratio."""
    merged: dict[str, dict[str, float]] = {}
    for name in sorted(rounds[0], key=_display_order):
        runs = [r[name] for r in rounds]
        keys = set.intersection(*(set(run) for run in runs))  # a figure some rounds lack: none
        merged[name] = {key: statistics.median(run[key] for run in runs) for key in keys}
        merged[name]["ratio_min"] = min(run["ratio"] for run in runs)
        merged[name]["ratio_max"] = max(run["ratio"] for run in runs)
    return merged


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--rounds", type=int, default=1, help="repeat all; report the median")
    parser.add_argument("--postgres", action="store_true", help="also persist to PostgreSQL")
    parser.add_argument(
        "--loop",
        choices=["asyncio", "uvloop"],
        default="asyncio",
        help="event loop of both servers (walletbot serve uses asyncio's)",
    )
    parser.add_argument(
        "--warm",
        action="store_true",
        help="persisted messages again on the same server: past its first seconds (each "
        "conversation's hand-off, connections opened, statements compiled)",
    )
    parser.add_argument(
        "--access-log",
        action="store_true",
        help="the service logs each request (JSON lines, to a file), as in production",
    )
    parser.add_argument(
        "--before",
        metavar="DIR",
        help="another walletbot checkout (with its own .venv) to measure beside this one",
    )
    parser.add_argument("--no-chat", action="store_true", help="persisted messages only")
    parser.add_argument(
        "--claimed",
        action="store_true",
        help="persisted messages to conversations an agent has taken: the bot is silent, so "
        "a message is storage alone (stored, logged, announced)",
    )
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: apt-get install wrk")

    uvicorn = [
        PYTHON,
        "-m",
        "uvicorn",
        "--factory",
        "--host",
        "127.0.0.1",
        "--log-level",
        "warning",
        "--no-access-log",
        "--loop",
        args.loop,
    ]
    # The machine's speed drifts over minutes, so one round's ratios can be off; several rounds,
    # each with its own echo reference, give the median and the spread.
    rounds = [measure_once(args, uvicorn, i) for i in range(args.rounds)]
    rows = median_rows(rounds)
    print(
        f"wrk, {args.connections} connections, {args.seconds} s each, one uvicorn worker, "
        f"{args.loop} event loop, {os.cpu_count()} cores, median of {args.rounds} round(s), "
        f"service access log {'on' if args.access_log else 'off'}\n"
    )
    print("| endpoint | requests/s | ratio to echo (range) | p50 ms | p99 ms | non-2xx | RSS MB |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name, row in rows.items():
        print(
            f"| {name} | {row['rps']:.0f} | {row['ratio']:.2f} "
            f"({row['ratio_min']:.2f}–{row['ratio_max']:.2f}) | {row['p50_ms']:.1f} | "
            f"{row['p99_ms']:.1f} | {row['errors']:.0f} | {row['rss_mb']:.0f} |"
        )
    print(json.dumps({"rounds": rounds, "median": rows}))


if __name__ == "__main__":
    main()
