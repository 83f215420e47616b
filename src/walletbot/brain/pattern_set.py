"""Search a text for many regular expressions at once: which of them match?

Triage asks about twenty patterns of every message, and most begin where `re` cannot skip ahead
quickly (look-behinds, alternations of words), so `re` tries each at every position. Hyperscan (a
maintained library, python-hyperscan) scans the text for all of them in one pass. What it buys,
measured side by side on the 160 held-out queries (benchmarks/bench_inference.py, key `triage`;
benchmarks/README.md, "Model"): 41-50 µs of CPU per message searched with `re` alone, 2-3 µs
through hyperscan; the decision around it costs 300-370 µs. Hyperscan has no look-arounds, so its
database is compiled in prefilter mode: it reports every pattern that matches, and perhaps some
that do not, and each reported pattern is then searched with `re`: the answer is always `re`'s.

Compiling the database takes seconds, so a background thread does it when the owner asks (the
server at start-up, beside training, and waits for it before serving). Until it is ready, and
where hyperscan is not installed (its wheels are for x86-64 Linux), every pattern is searched with
`re`: the same answers (tests/brain/test_pattern_set.py), more slowly. Nothing starts the thread
implicitly: a command that exits while hyperscan's compiler runs in another thread could crash on
its way out.
"""

from __future__ import annotations

import contextlib
import ctypes
import logging
import re
import threading
from collections.abc import Sequence
from types import ModuleType
from typing import Any

hyperscan: ModuleType | None
try:
    import hyperscan
except ImportError:  # pragma: no cover - only where hyperscan has no wheel
    hyperscan = None

log = logging.getLogger(__name__)

# UTF8 and UCP: "." is one character and "\w" a Unicode word character, as in `re`; a byte-wise
# "." would make ".{0,40}" span fewer Chinese characters and miss matches.
_FLAGS = (
    0
    if hyperscan is None
    else hyperscan.HS_FLAG_PREFILTER
    | hyperscan.HS_FLAG_UTF8
    | hyperscan.HS_FLAG_UCP
    | hyperscan.HS_FLAG_SINGLEMATCH
)


class PatternSet:
    """Immutable patterns; `matching` is safe to call from any thread."""

    def __init__(self, patterns: Sequence[re.Pattern[str]]) -> None:
        self.patterns = tuple(patterns)
        self._everything = tuple(range(len(self.patterns)))
        # Inline flags ((?i), (?m), ...) would need hyperscan's own: such patterns are simply
        # always searched.
        self._unfiltered = [i for i, p in enumerate(self.patterns) if p.flags & ~re.UNICODE]
        self._filtered = [i for i in self._everything if i not in self._unfiltered]
        self._database: Any = None  # a hyperscan.Database once compiled
        self._started = threading.Event()
        self._compiled = threading.Event()
        self._scratch = threading.local()  # scratch space is per thread in hyperscan

    @property
    def prefiltered(self) -> bool:
        """Whether the hyperscan database is in use (false until compiled, or without it)."""
        return self._database is not None

    def matching(self, text: str) -> list[int]:
        """Indexes of the patterns that `re.search` finds in `text`, in ascending order."""
        return [i for i in self.candidates(text) if self.patterns[i].search(text)]

    def candidates(self, text: str) -> Sequence[int]:
        """Indexes of the patterns that may match: every one that does, in ascending order."""
        database = self._database
        if database is None:
            return self._everything
        scratch = getattr(self._scratch, "scratch", None)
        if scratch is None:
            scratch = self._scratch.scratch = database.scratch.clone()
        found = self._unfiltered.copy()
        database.scan(text.encode(), _append_id, context=found, scratch=scratch)
        found.sort()
        return found

    def compile_in_background(self) -> None:
        """Start compiling the prefilter (once); `wait_compiled` waits for it."""
        if hyperscan is None or not self._filtered or self._started.is_set():
            return
        self._started.set()
        threading.Thread(target=self._compile, name="walletbot-pattern-set", daemon=True).start()

    def wait_compiled(self, timeout: float | None = None) -> bool:
        """Compile now if no thread has begun to; true once the prefilter is in use."""
        if hyperscan is None or not self._filtered:
            return False
        self.compile_in_background()
        self._compiled.wait(timeout)
        return self.prefiltered

    def _compile(self) -> None:
        # Runs in its own thread: hyperscan releases the GIL while it compiles.
        assert hyperscan is not None
        try:
            database = hyperscan.Database(mode=hyperscan.HS_MODE_BLOCK)
            database.compile(
                expressions=[self.patterns[i].pattern.encode() for i in self._filtered],
                ids=self._filtered,
                elements=len(self._filtered),
                flags=_FLAGS,
            )
            self._database = database
        except Exception:  # a pattern hyperscan cannot take: stay on `re`, which is correct
            log.exception("hyperscan could not compile the patterns; searching them with re")
        finally:
            _give_back_freed_memory()
            self._compiled.set()


def _give_back_freed_memory() -> None:
    """The compiler's working memory (35 MB for triage's rules) is freed but kept by glibc's
    allocator, in this thread's arena: return it to the system (measured in a fresh process:
    compiling grew its RSS 35 MB without this, 8 MB with it). Elsewhere than glibc, nothing
    to do."""
    with contextlib.suppress(AttributeError, OSError):  # AttributeError: not glibc
        ctypes.CDLL(None).malloc_trim(0)


def _append_id(pattern_id: int, start: int, end: int, flags: int, found: list[int]) -> None:
    found.append(pattern_id)
