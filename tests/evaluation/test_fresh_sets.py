"""The held-out sets written apart from the rules (data/eval/*_fresh.csv) are well formed."""

import csv
from pathlib import Path

import pytest

from walletbot.brain.urgency_model import ORDINARY_FILES, REPORT_FILES

EVAL = Path(__file__).resolve().parents[2] / "data" / "eval"


def rows(name: str) -> list[dict[str, str]]:
    with (EVAL / name).open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_triage_messages_are_labelled_in_both_languages() -> None:
    found = rows("triage_fresh.csv")
    assert len(found) == 240
    assert {r["lang"] for r in found} == {"en", "zh"}
    assert all(r["text"].strip() and {r["scam"], r["risk"]} <= {"0", "1"} for r in found)


def test_person_requests_are_labelled_in_both_languages() -> None:
    found = rows("person_requests_fresh.csv")
    assert len(found) == 200
    assert sum(r["asks_for_person"] == "1" for r in found) == 100
    assert all(r["text"].strip() and r["lang"] in ("en", "zh") for r in found)


def test_every_pasted_secret_names_what_must_not_survive() -> None:
    found = rows("pasted_secrets_fresh.csv")
    assert len(found) == 160
    assert all(r["text"].strip() and len(r["must_not_survive"]) >= 3 for r in found)
    assert len(rows("ordinary_numbers_fresh.csv")) == 160


def test_the_second_held_out_sets_are_well_formed() -> None:
    triage = rows("triage_fresh2.csv")
    assert len(triage) == 200 and {r["lang"] for r in triage} == {"en", "zh"}
    assert all({r["scam"], r["risk"]} <= {"0", "1"} for r in triage)
    secrets = rows("pasted_secrets_fresh2.csv")
    assert len(secrets) == 150
    assert all(r["text"].strip() and len(r["must_not_survive"]) >= 3 for r in secrets)
    assert len(rows("ordinary_numbers_fresh2.csv")) == 150


def test_the_third_triage_set_and_second_person_set_are_well_formed() -> None:
    triage = rows("triage_fresh3.csv")
    assert len(triage) == 160 and {r["lang"] for r in triage} == {"en", "zh"}
    assert all({r["scam"], r["risk"]} <= {"0", "1"} for r in triage)
    person = rows("person_requests_fresh2.csv")
    assert len(person) == 160 and sum(r["asks_for_person"] == "1" for r in person) == 80


def test_the_third_shield_sets_are_well_formed() -> None:
    secrets = rows("pasted_secrets_fresh3.csv")
    assert len(secrets) == 120
    assert all(r["text"].strip() and len(r["must_not_survive"]) >= 3 for r in secrets)
    assert len(rows("ordinary_numbers_fresh3.csv")) == 120


def test_the_fourth_shield_sets_are_well_formed() -> None:
    secrets = rows("pasted_secrets_fresh4.csv")
    assert len(secrets) == 120
    assert all(r["text"].strip() and len(r["must_not_survive"]) >= 3 for r in secrets)
    assert len(rows("ordinary_numbers_fresh4.csv")) == 120


@pytest.mark.parametrize("suffix", [str(n) for n in range(5, 22)])
def test_the_later_shield_sets_are_well_formed(suffix: str) -> None:
    secrets = rows(f"pasted_secrets_fresh{suffix}.csv")
    assert len(secrets) == 120
    assert all(r["must_not_survive"] in r["text"] for r in secrets)
    assert len(rows(f"ordinary_numbers_fresh{suffix}.csv")) == 120


@pytest.mark.parametrize("name", ["triage_fresh4.csv", "triage_fresh5.csv", "triage_fresh6.csv"])
def test_the_later_triage_sets_are_held_out_of_the_urgency_models_examples(name: str) -> None:
    held_out = rows(name)
    assert len(held_out) == 160 and {r["lang"] for r in held_out} == {"en", "zh"}
    assert all({r["scam"], r["risk"]} <= {"0", "1"} for r in held_out)
    assert name not in REPORT_FILES
    learned = {r["text"] for name in (*REPORT_FILES, *ORDINARY_FILES) for r in rows(name)}
    reports = {r["text"] for r in held_out if "1" in (r["scam"], r["risk"])}
    assert not learned & reports
    # One ordinary question was written by two helpers alike ("忘记支付密码了怎么重置").
    assert len(learned & {r["text"] for r in held_out}) <= 1


def test_the_urgent_sounding_ordinary_messages_are_in_both_languages() -> None:
    found = rows("ordinary_urgent_tone.csv")
    assert len(found) == 300 and sum(r["lang"] == "zh" for r in found) == 150
    assert len({r["text"] for r in found}) == 300
