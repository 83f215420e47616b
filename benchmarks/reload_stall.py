"""Does a FAQ reload stall the event loop? Latency of /v1/chat while the model retrains.

    .venv/bin/python benchmarks/reload_stall.py

One client sends /v1/chat back to back for a few seconds, twice: once undisturbed (the reference)
and once while `POST /v1/admin/faq/reload` retrains the model. Prints p50/p99/max of each run; a
blocked loop shows as a max latency near the training time.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from http_bench import free_port, start

ADMIN_KEY = "bench-admin-key-0123456789abcdef"
QUESTION = {"text": "How long does a withdrawal take?"}


def drive(base: str, seconds: float) -> list[float]:
    latencies = []
    with httpx.Client(base_url=base) as client:
        deadline = time.perf_counter() + seconds
        while time.perf_counter() < deadline:
            started = time.perf_counter()
            client.post("/v1/chat", json=QUESTION).raise_for_status()
            latencies.append((time.perf_counter() - started) * 1000)
    return sorted(latencies)


def summary(latencies: list[float]) -> dict[str, float]:
    def at(q: float) -> float:
        return round(latencies[min(len(latencies) - 1, int(q * len(latencies)))], 2)

    return {
        "n": len(latencies),
        "p50_ms": at(0.5),
        "p99_ms": at(0.99),
        "max_ms": round(latencies[-1], 2),
    }


def main() -> None:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory() as tmp:
        env = {
            **os.environ,
            "WALLETBOT_DATABASE_URL": f"sqlite+aiosqlite:///{tmp}/bench.db",
            "WALLETBOT_RATE_LIMIT_PER_IP": "0",
            "WALLETBOT_AGENT_KEYS": f"ops:admin:{ADMIN_KEY}",
        }
        server = start(
            [
                sys.executable,
                "-m",
                "uvicorn",
                "--factory",
                "walletbot.asgi:app",
                "--port",
                str(port),
                "--log-level",
                "warning",
            ],
            env,
            port,
        )
        try:
            reference = summary(drive(base, 3))
            reload_seconds: list[float] = []

            def reload() -> None:
                # The client is built before the measured run: building one (its SSL context)
                # holds this process's GIL for tens of ms, which the driving thread would report
                # as a slow request of the server.
                with httpx.Client(base_url=base, timeout=60) as client:
                    time.sleep(1)
                    started = time.perf_counter()
                    client.post(
                        "/v1/admin/faq/reload", headers={"Authorization": f"Bearer {ADMIN_KEY}"}
                    ).raise_for_status()
                    reload_seconds.append(time.perf_counter() - started)

            reloader = threading.Thread(target=reload)
            reloader.start()
            during = summary(drive(base, 3))
            reloader.join()
        finally:
            server.terminate()
            server.wait()
    print("| run | requests | p50 ms | p99 ms | max ms |\n|---|---:|---:|---:|---:|")
    for name, row in (("no reload", reference), ("reload during the run", during)):
        print(f"| {name} | {row['n']} | {row['p50_ms']} | {row['p99_ms']} | {row['max_ms']} |")
    print(f"reload took {reload_seconds[0]:.2f} s")
    print(
        json.dumps(
            {
                "reference": reference,
                "during_reload": during,
                "reload_seconds": round(reload_seconds[0], 3),
            }
        )
    )


if __name__ == "__main__":
    main()
