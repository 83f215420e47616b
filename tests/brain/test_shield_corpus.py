"""Secrets pasted the way people paste them (tests/support/secret_corpus.py): none survives.

Each kind is drawn 100 times per run by hypothesis (700 cases): a secret, a formatting (separators,
zero-width characters, full-width digits, Chinese numerals, line splits, case, numbering, quoting,
one misspelled or wrong word in a phrase) and a message around it in Chinese or English. The
leak check is the corpus's own, written without the shield's code; benchmarks/shield_leaks.py
reports the same as rates over a fixed-seed draw.
"""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings

from tests.support.secret_corpus import GENERATORS, Case, cases
from walletbot.brain.shield import shield

SHIELD_KIND = {
    "seed_phrase_en": "seed_phrase",
    "seed_phrase_zh": "seed_phrase",
    "alnum_code": "otp",  # masked as a one-time code
}
# Chinese mnemonics written without separators and without a word for them before are told from
# text by how common their characters are (docs/safety.md), and about one random mnemonic in 600
# reads like text: a known miss, about 1 generated message in 10,000. English ones whose slip is
# a grammar word at an end ("had" for "hat" as the first word), or that read like prose, are the
# same: 3 in 20,000 (seed "hunt-en"). Random draws would make this test fail now and then; these
# kinds are drawn the same way every run, and their rates are checked below.
DERANDOMIZED = {"seed_phrase_zh", "seed_phrase_en"}


@pytest.mark.parametrize("kind", sorted(GENERATORS))
def test_no_secret_survives(kind: str) -> None:
    @settings(max_examples=100, deadline=None, derandomize=kind in DERANDOMIZED)
    @given(case=cases(kind))
    def check(case: Case) -> None:
        result = shield(case.text)
        assert not case.leaked(result.text), (case.text, result.text)
        assert SHIELD_KIND.get(kind, kind) in result.kinds, result.findings
        assert result.secret_shared
        assert result.critical == (kind in {"seed_phrase_en", "seed_phrase_zh", "private_key"})

    check()


def test_the_leak_check_sees_a_leak() -> None:
    # The check must be able to fail: the unmasked message leaks, and so does a half-masked one.
    case = Case("otp", "验证码收到了768688", "验证码收到了{}", "768688", ("768688",))
    assert case.leaked(case.text)
    assert not case.leaked("验证码收到了[code]")
    card = Case("card_number", "4111 1111 1111 1111", "{}", "", ("411111111111",))
    assert card.leaked("4111 1111 [card ••••1111]")
    assert not card.leaked("[card ••••1111]")
    backup = Case("alnum_code", "", "backup codes: {}", "", ("8f3k-29dl", "2kd9-ffl2"))
    assert backup.leaked("backup codes: [code] 2kd9-ffl2")
    assert not backup.leaked("backup codes: [code]")
    seed = Case("seed_phrase_en", "...", "my seed: {}", "", ("legal", "winner"))
    assert seed.leaked("my seed: [seed phrase] winner")
    assert not seed.leaked("my seed: [seed phrase]")


@pytest.mark.parametrize("kind", sorted(DERANDOMIZED))
def test_seed_phrases_leak_at_most_once_in_a_thousand(kind: str) -> None:
    # 4,000 messages drawn with a fixed seed; with the seeds "hunt-zh" and "hunt-en", 2 and 3 in
    # 20,000 leak (the kinds whose property test draws the same cases every run).
    choices = random.Random(f"{kind}-rate")
    generate = GENERATORS[kind]
    drawn = [generate(choices) for _ in range(4000)]
    leaked = [case.text for case in drawn if case.leaked(shield(case.text).text)]
    assert len(leaked) <= 4, leaked
