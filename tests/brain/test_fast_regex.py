"""compile_fast must find exactly what re.compile finds, on real messages and on random text."""

import csv
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from walletbot.brain import triage
from walletbot.brain.faq import load_faq
from walletbot.brain.fast_regex import compile_fast, first_chars
from walletbot.brain.shield import shield
from walletbot.brain.text import normalise

DATA = Path(__file__).resolve().parents[2] / "data"


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"(?<![a-z])(?:ab|cd)", {"a", "c"}),
        (r"x?y", {"x", "y"}),
        (r"(?:有人|[他她])说", {"有", "他", "她"}),
        (r"[a-c]z|\[code\]", {"a", "b", "c", "["}),
        (r"\bend", {"e"}),
        (r"(?=q)(?:x|y)", {"x", "y"}),  # a look-ahead adds nothing; the set stays sound
    ],
)
def test_first_chars_of_bounded_patterns(pattern: str, expected: set[str]) -> None:
    assert first_chars(pattern) == expected


@pytest.mark.parametrize("pattern", [r"a*", r"(?:a|)", r".b", r"[^a]b", r"\d+", r"\w", r"(?>ab)c"])
def test_unbounded_or_nullable_patterns_have_no_first_set(pattern: str) -> None:
    assert first_chars(pattern) is None
    assert compile_fast(pattern).pattern == pattern  # compiled as it is


def test_patterns_re_scans_fast_are_left_alone() -> None:
    for pattern in (r"abc|def", r"被骗|受骗|scammed", r"abc(?:d|e)"):
        assert compile_fast(pattern).pattern == pattern


def test_inline_flags_are_left_alone() -> None:
    guarded = compile_fast(r"(?i)(?<![a-z])agent")
    assert guarded.pattern == r"(?i)(?<![a-z])agent"
    assert guarded.search("AGENT")


def test_a_guarded_pattern_starts_with_its_first_set() -> None:
    assert compile_fast(r"(?<![a-z])(?:ab|cd)").pattern == r"(?=[ac])(?:(?<![a-z])(?:ab|cd))"


def _triage_patterns() -> list[str]:
    rules = [p.pattern for rule in triage._RULES for p in rule.patterns]
    return [*rules, triage._GENERAL_QUESTION.pattern, triage._INCIDENT.pattern]


def _original(pattern: str) -> str:
    """The rule as written, from its guarded form."""
    match = re.fullmatch(r"\(\?=\[[^\]]*\]\)\(\?:(.*)\)", pattern, re.S)
    return match.group(1) if match else pattern


def _messages() -> list[str]:
    kb = load_faq(DATA / "faq.yaml")
    texts = [p.text for p in kb.phrasings()]
    for name in ("faq_test.csv", "faq_val.csv"):
        with (DATA / "eval" / name).open(encoding="utf-8", newline="") as handle:
            texts += [row["text"] for row in csv.DictReader(handle)]
    return [normalise(shield(t).text) for t in texts]


def test_triage_rules_are_guarded_and_find_the_same_spans_on_real_messages() -> None:
    originals = [_original(p) for p in _triage_patterns()]
    guarded = sum(p != o for p, o in zip(_triage_patterns(), originals, strict=True))
    assert guarded >= 15  # most rules begin with a look-behind or a group
    messages = _messages()
    assert len(messages) > 1000
    for pattern in originals:
        plain, fast = re.compile(pattern), compile_fast(pattern)
        for text in messages:
            found, expected = fast.search(text), plain.search(text)
            assert (found and found.span()) == (expected and expected.span()), (pattern, text)


# Random text from the characters the rules are made of, so that partial matches are frequent.
_ALPHABET = "".join(
    sorted(
        {ch for p in _triage_patterns() for ch in _original(p) if ch.isalnum() or ch in " []!?'"}
    )
)


_PAIRS = [(compile_fast(p), re.compile(p)) for p in map(_original, _triage_patterns())]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=40))
def test_triage_rules_find_the_same_spans_on_random_text(text: str) -> None:
    for fast, plain in _PAIRS:
        found, expected = fast.search(text), plain.search(text)
        assert (found and found.span()) == (expected and expected.span())
