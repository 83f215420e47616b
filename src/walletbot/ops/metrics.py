"""Prometheus metrics in a registry of the app's own (never the process-global default), so
tests that build many apps in one process do not collide.

HTTP figures are counted as requests pass. Figures about conversations (decisions, queue,
feedback) are read from storage when /metrics is scraped: the storage is shared by every
instance, so they are the service's totals, identical on every instance (do not sum them across
instances).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, Metric
from prometheus_client.registry import Collector

LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30)
PRIORITIES = ("urgent", "high", "normal")


@dataclass
class StorageSnapshot:
    """What the storage said at the last scrape."""

    decisions: dict[tuple[str, str, str], int] = field(default_factory=dict)  # action, cat, reason
    queue_length: dict[str, int] = field(default_factory=dict)  # by priority
    queue_oldest_wait: dict[str, float] = field(default_factory=dict)  # seconds, by priority
    feedback: dict[str, int] = field(default_factory=dict)  # "true" / "false"
    ratings: dict[int, int] = field(default_factory=dict)  # 1..5
    conversations: dict[str, int] = field(default_factory=dict)  # by status


# (COMMITs, transactions committed) of this process's SQLite writer (storage/group_commit.py),
# None on PostgreSQL.
CommitCounts = Callable[[], tuple[int, int] | None]
# (event streams open, streams refused since start) of this process (conversations/stream.py).
StreamCounts = Callable[[], tuple[int, int]]
# (batches, work run in them) of this process's decision batcher (serving/batching.py).
BatchCounts = Callable[[], tuple[int, int]]


class StorageCollector(Collector):
    def __init__(
        self,
        reloads: Callable[[], int],
        commits: CommitCounts,
        streams: StreamCounts,
        batches: BatchCounts,
    ) -> None:
        self.snapshot = StorageSnapshot()
        self._reloads = reloads
        self._commits = commits
        self._streams = streams
        self._batches = batches

    def collect(self) -> Iterator[Metric]:
        s = self.snapshot
        decisions = CounterMetricFamily(
            "walletbot_decisions",
            "Bot decisions in conversations, by action, category and reason",
            labels=["action", "category", "reason"],
        )
        for (action, category, reason), count in sorted(s.decisions.items()):
            decisions.add_metric([action, category, reason], count)
        yield decisions
        length = GaugeMetricFamily(
            "walletbot_queue_length", "Conversations waiting for a person", labels=["priority"]
        )
        oldest = GaugeMetricFamily(
            "walletbot_queue_oldest_wait_seconds",
            "How long the longest-waiting conversation has waited",
            labels=["priority"],
        )
        for priority in PRIORITIES:
            length.add_metric([priority], s.queue_length.get(priority, 0))
            oldest.add_metric([priority], s.queue_oldest_wait.get(priority, 0.0))
        yield length
        yield oldest
        feedback = CounterMetricFamily(
            "walletbot_feedback", "Helpful/unhelpful votes on bot answers", labels=["helpful"]
        )
        for helpful in ("true", "false"):
            feedback.add_metric([helpful], s.feedback.get(helpful, 0))
        yield feedback
        ratings = CounterMetricFamily(
            "walletbot_ratings", "Conversation ratings (1-5)", labels=["rating"]
        )
        for rating in range(1, 6):
            ratings.add_metric([str(rating)], s.ratings.get(rating, 0))
        yield ratings
        conversations = GaugeMetricFamily(
            "walletbot_conversations", "Conversations by status", labels=["status"]
        )
        for status, count in sorted(s.conversations.items()):
            conversations.add_metric([status], count)
        yield conversations
        yield CounterMetricFamily(
            "walletbot_model_loads",
            "FAQ models trained and swapped in by this process (start-up included)",
            value=self._reloads(),
        )
        batches, decisions_batched = self._batches()  # their ratio is the mean batch size
        yield CounterMetricFamily(
            "walletbot_decision_batches",
            "Turns of the event loop that ran chat decisions back to back (serving/batching.py)",
            value=batches,
        )
        yield CounterMetricFamily(
            "walletbot_batched_decisions",
            "Chat decisions run in those batches",
            value=decisions_batched,
        )
        commits = self._commits()
        if commits is not None:  # their ratio is the mean size of a group (storage/group_commit)
            yield CounterMetricFamily(
                "walletbot_sqlite_commits",
                "COMMITs (fsyncs) of this process's SQLite writer, one per group of transactions",
                value=commits[0],
            )
            yield CounterMetricFamily(
                "walletbot_sqlite_transactions",
                "Writing transactions this process's SQLite writer committed",
                value=commits[1],
            )
        open_streams, refused_streams = self._streams()
        yield GaugeMetricFamily(
            "walletbot_event_streams_open",
            "Server-sent event streams open on this process",
            value=open_streams,
        )
        yield CounterMetricFamily(
            "walletbot_event_streams_refused",
            "Event streams refused with 429 (per-conversation or per-server cap)",
            value=refused_streams,
        )


class Metrics:
    def __init__(
        self,
        reloads: Callable[[], int],
        commits: CommitCounts,
        streams: StreamCounts,
        batches: BatchCounts,
    ) -> None:
        self.registry = CollectorRegistry()
        self.requests = Counter(
            "walletbot_http_requests",
            "HTTP requests by route template and status",
            ["method", "route", "status"],
            registry=self.registry,
        )
        self.latency = Histogram(
            "walletbot_http_request_duration_seconds",
            "Time to serve a request, by route template (event streams: their whole life)",
            ["method", "route"],
            buckets=LATENCY_BUCKETS,
            registry=self.registry,
        )
        self.reload_failures = Counter(
            "walletbot_faq_reload_failures",
            "FAQ reloads rejected because the file failed validation",
            registry=self.registry,
        )
        self.storage = StorageCollector(reloads, commits, streams, batches)
        self.registry.register(self.storage)
        # `labels()` validates and locks on every call; the labelled series of a (method, route,
        # status) never change, so each request looks them up once in a plain dict instead.
        self._series: dict[tuple[str, str, int], tuple[Counter, Histogram]] = {}

    def observe_request(self, method: str, route: str, status: int, seconds: float) -> None:
        series = self._series.get((method, route, status))
        if series is None:
            series = (
                self.requests.labels(method, route, str(status)),
                self.latency.labels(method, route),
            )
            self._series[(method, route, status)] = series
        series[0].inc()
        series[1].observe(seconds)

    def render(self, snapshot: StorageSnapshot) -> bytes:
        self.storage.snapshot = snapshot
        return generate_latest(self.registry)
