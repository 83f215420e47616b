import json
from pathlib import Path

import pytest

from walletbot.brain.engine import Engine
from walletbot.brain.faq import KnowledgeBase
from walletbot.cli import main
from walletbot.evaluation.faq_answers import Query, leave_one_out, read_queries, score_queries

REPO = Path(__file__).resolve().parents[2]


def test_read_queries_skips_header_and_blank_rows(tmp_path: Path) -> None:
    path = tmp_path / "q.csv"
    path.write_text(
        'text,faq_id\n"hi, there",greeting-hello\n,\n提现,withdrawal-time\n', encoding="utf-8"
    )
    assert read_queries(path) == [
        Query("hi, there", "greeting-hello"),
        Query("提现", "withdrawal-time"),
    ]


def test_scores_are_shares_of_the_queries(engine: Engine) -> None:
    queries = [
        Query("How long does a withdrawal take?", "withdrawal-time"),
        Query("How long does a withdrawal take?", "app-crash"),  # deliberately wrong label
    ]
    scores = score_queries(engine, queries)
    assert scores["n"] == 2
    assert scores["top1"] == 0.5
    assert scores["answered_right"] + scores["answered_wrong"] == 1.0


def test_held_out_queries_ship_for_both_languages() -> None:
    for name in ("faq_val.csv", "faq_test.csv"):
        queries = read_queries(REPO / "data" / "eval" / name)
        assert len(queries) >= 150
        assert any("\u4e00" <= q.text[0] <= "\u9fff" for q in queries)


def test_leave_one_out_holds_out_one_phrasing_per_entry(kb: KnowledgeBase) -> None:
    result = leave_one_out(kb, folds=1)
    assert result["zh"]["n"] == len(kb.faqs)
    assert result["en"]["n"] == len(kb.faqs)
    assert 0 <= result["en"]["top1"] <= result["en"]["top3"] <= 1


def test_cli_prints_one_json_line(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["eval", "faq", "--queries", str(REPO / "data" / "eval" / "faq_test.csv")])
    assert code == 0
    last = capsys.readouterr().out.strip().splitlines()[-1]
    result = json.loads(last)
    assert set(result) >= {"top1", "top3", "mrr", "n", "zh", "en"}
    assert result["top1"] >= 0.8  # held-out users' phrasings, never used for tuning
