"""The prefilter may only speed searches up: `matching` must equal searching every pattern."""

import csv
import os
import platform
import random
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import yaml

from tests.brain.test_triage import ACCOUNT_AT_RISK, SCAMS
from walletbot.brain import pattern_set
from walletbot.brain.pattern_set import PatternSet, hyperscan
from walletbot.brain.text import normalise
from walletbot.brain.triage import RULE_PATTERNS

DATA = Path(__file__).resolve().parents[2] / "data"
# Hyperscan has wheels for x86-64 Linux; there (and always in CI) the prefilter must be in use.
HAS_WHEEL = platform.machine() in ("x86_64", "AMD64") and platform.system() == "Linux"


def searched(patterns: PatternSet, text: str) -> list[int]:
    return [i for i, p in enumerate(patterns.patterns) if p.search(text)]


# Where hyperscan's defaults differ from `re`: "\\w" is ASCII unless UCP, "." one byte unless UTF8.
EDGES = [
    "i didn't make this 微信 payment",
    "i gave him my 支付 password",
    "客服今天下午给我打了一个很长很长的电话然后让我提供验证码",
    "有人说他是工作人员，说了很多很多关于账户升级和安全检查的事情，最后要我发验证码",
]


def corpus() -> list[str]:
    """Real messages, then random splices of them: words of one rule far apart, mixed scripts,
    Chinese runs longer than a byte-counted ".{0,40}" would span."""
    faq = yaml.safe_load((DATA / "faq.yaml").read_text(encoding="utf-8"))
    texts = [*EDGES, *SCAMS, *ACCOUNT_AT_RISK]
    for entry in faq["faqs"]:
        for lang in ("zh", "en"):
            texts += entry["questions"][lang]
            texts += (entry.get("examples") or {}).get(lang, [])
    for name in ("faq_test.csv", "faq_val.csv"):
        with (DATA / "eval" / name).open(encoding="utf-8", newline="") as handle:
            texts += [row["text"] for row in csv.DictReader(handle)]
    pieces = [p for t in texts for p in re.split(r"(?<=[，。,.!?？])", t) if p]
    rng = random.Random(5)
    spliced = [
        rng.choice(("", " ", "，", "然后", " and ")).join(rng.sample(pieces, rng.randint(2, 4)))
        for _ in range(3000)
    ]
    return [normalise(t) for t in texts + spliced]


@pytest.fixture(scope="module")
def texts() -> list[str]:
    return corpus()


@pytest.mark.skipif(not HAS_WHEEL and not os.environ.get("CI"), reason="no hyperscan wheel")
def test_triage_rules_compile_into_a_prefilter() -> None:
    assert hyperscan is not None
    assert RULE_PATTERNS.wait_compiled(timeout=120)


def test_the_prefilter_reports_every_pattern_that_matches(texts: list[str]) -> None:
    if not RULE_PATTERNS.wait_compiled(timeout=120):
        pytest.skip("hyperscan is not installed")
    firing = 0
    for text in texts:
        expected = searched(RULE_PATTERNS, text)
        assert set(expected) <= set(RULE_PATTERNS.candidates(text)), text
        assert RULE_PATTERNS.matching(text) == expected, text
        firing += bool(expected)
    assert firing > 100  # the corpus exercises the rules, not only their absence


def test_the_prefilter_skips_most_patterns(texts: list[str]) -> None:
    if not RULE_PATTERNS.wait_compiled(timeout=120):
        pytest.skip("hyperscan is not installed")
    reported = sum(len(RULE_PATTERNS.candidates(t)) for t in texts)
    assert reported < 0.1 * len(texts) * len(RULE_PATTERNS.patterns)


def test_before_compiling_every_pattern_is_searched(texts: list[str]) -> None:
    patterns = PatternSet(RULE_PATTERNS.patterns)  # a fresh set: nothing compiled yet
    assert list(patterns.candidates(texts[0])) == list(range(len(patterns.patterns)))
    for text in texts[:300]:
        assert patterns.matching(text) == searched(patterns, text)
    # Searching never starts the compiler: a command that exited while it ran could crash.
    assert not patterns._started.is_set()


def test_without_hyperscan_every_pattern_is_searched_with_re(
    texts: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The plain-`re` fallback: where hyperscan has no wheel, the answers are the same."""
    monkeypatch.setattr(pattern_set, "hyperscan", None)
    patterns = PatternSet(RULE_PATTERNS.patterns)
    assert not patterns.wait_compiled(timeout=1)
    assert not patterns.prefiltered
    firing = 0
    for text in texts:
        expected = searched(patterns, text)
        assert patterns.matching(text) == expected, text
        firing += bool(expected)
    assert firing > 100


def test_patterns_with_inline_flags_are_always_searched() -> None:
    patterns = PatternSet([re.compile("(?i)refund"), re.compile("scam"), re.compile("code")])
    if not patterns.wait_compiled(timeout=60):
        pytest.skip("hyperscan is not installed")
    assert patterns.candidates("REFUND please") == [0]
    assert patterns.matching("REFUND please") == [0]
    assert patterns.matching("a scam, with a code") == [1, 2]
    assert patterns.matching("nothing here") == []


def test_threads_scan_at_once(texts: list[str]) -> None:
    """Hyperscan's scratch space serves one scan at a time: each thread needs its own."""
    if not RULE_PATTERNS.wait_compiled(timeout=120):
        pytest.skip("hyperscan is not installed")
    sample = texts[:400]
    expected = [searched(RULE_PATTERNS, t) for t in sample]
    with ThreadPoolExecutor(4) as pool:
        rounds = [
            pool.submit(lambda: [RULE_PATTERNS.matching(t) for t in sample]) for _ in range(8)
        ]
        assert all(r.result() == expected for r in rounds)


def test_compiling_gives_its_working_memory_back() -> None:
    """Hyperscan's compiler uses ~35 MB that glibc would keep after it is freed (in a fresh
    process: the RSS grew 35 MB without the trim, 8 MB with it)."""
    if hyperscan is None:
        pytest.skip("hyperscan is not installed")
    script = """
import os
def rss():
    for line in open(f"/proc/{os.getpid()}/status"):
        if line.startswith("VmRSS"):
            return int(line.split()[1]) / 1024
from walletbot.brain.triage import RULE_PATTERNS
before = rss()
assert RULE_PATTERNS.wait_compiled()
print(rss() - before)
"""
    grown = float(
        subprocess.run(
            [sys.executable, "-c", script], capture_output=True, text=True, check=True
        ).stdout
    )
    assert grown < 20, f"RSS grew {grown:.1f} MB"
