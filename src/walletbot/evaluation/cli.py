"""`walletbot eval faq|ranking|intents …`: print figures as one JSON line (last)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any


def _eval_faq(args: argparse.Namespace) -> int:
    from walletbot.brain.faq import load_faq
    from walletbot.evaluation.faq_answers import evaluate_queries, leave_one_out, read_queries
    from walletbot.settings import Settings

    kb = load_faq(args.faq or Settings().faq_path)
    result: dict[str, Any] = {}
    if args.queries:
        result.update(evaluate_queries(kb, read_queries(args.queries)))
    if args.loo:
        result["leave_one_out"] = leave_one_out(kb, folds=args.loo)
    if not result:
        raise SystemExit("walletbot eval faq: give --queries CSV and/or --loo FOLDS")
    print(json.dumps(result, ensure_ascii=False))
    return 0


def _eval_ranking(args: argparse.Namespace) -> int:
    from walletbot.brain.faq import load_faq
    from walletbot.evaluation.ranking import compare
    from walletbot.settings import Settings

    print(json.dumps(compare(load_faq(args.faq or Settings().faq_path)), ensure_ascii=False))
    return 0


def _eval_intents(args: argparse.Namespace) -> int:
    from walletbot.evaluation.intents import run_intents_eval

    result = run_intents_eval(args.train, args.test, args.val, args.report)
    print(json.dumps(result, ensure_ascii=False))
    return 0


def _eval_dialogues(args: argparse.Namespace) -> int:
    from walletbot.brain.engine import Engine
    from walletbot.brain.faq import load_faq
    from walletbot.dialogue.playbook import load_dialogue
    from walletbot.evaluation.dialogues import KINDS, dialogues_main
    from walletbot.settings import Settings

    settings = Settings()
    kb = load_faq(args.faq or settings.faq_path)
    config = load_dialogue(args.config or settings.dialogue_path, kb)
    result = dialogues_main(args.dialogues, Engine.build(kb), config, args.queries)
    for kind in KINDS:
        if kind in result["success"]:
            print(f"{kind:16} {100 * result['success'][kind]:5.1f} %  ({result['counts'][kind]})")
    for key in ("out_of_scope_kept", "out_of_scope_recognised"):
        print(f"{key:16} {100 * (result[key] or 0):5.1f} %")
    print(f"{'waiting_acked':16} {100 * (result['waiting_acknowledged'] or 0):5.1f} %")
    if "in_scope" in result:
        print(f"{'in-scope as oos':16} {100 * result['in_scope']['wrongly_out_of_scope']:5.1f} %")
    for dialogue, failed in result["failures"].items():
        print(f"  {dialogue}: {'; '.join(failed)}")
    print(json.dumps(result, ensure_ascii=False))
    return 0


def register(commands: Any) -> None:
    evaluate = commands.add_parser("eval", help="measure the brain on labelled data")
    kinds = evaluate.add_subparsers(dest="kind", required=True)

    faq = kinds.add_parser(
        "faq", help="rank FAQ entries for held-out queries (top1, top3, mrr) and/or leave-one-out"
    )
    faq.add_argument("--faq", type=Path, help="FAQ file (default: the configured one)")
    faq.add_argument("--queries", type=Path, help="CSV with columns text,faq_id")
    faq.add_argument(
        "--loo", type=int, metavar="FOLDS", help="also hold out the k-th phrasing of every entry"
    )
    faq.set_defaults(handler=_eval_faq)

    ranking = kinds.add_parser(
        "ranking",
        help="the FAQ cut to one phrasing per entry: engine vs plain TF-IDF (top1, mrr per language)",
    )
    ranking.add_argument("--faq", type=Path, help="FAQ file (default: the configured one)")
    ranking.set_defaults(handler=_eval_ranking)

    intents = kinds.add_parser("intents", help="train and test the classifier on CSV files")
    intents.add_argument("--train", type=Path, required=True)
    intents.add_argument("--test", type=Path, required=True)
    intents.add_argument("--val", type=Path, help="chooses the out-of-scope threshold")
    intents.add_argument("--report", type=Path, help="folder for per-label report and PNG")
    intents.set_defaults(handler=_eval_intents)

    dialogues = kinds.add_parser(
        "dialogues", help="multi-turn dialogues through the dialogue rules: per-kind success"
    )
    dialogues.add_argument("dialogues", type=Path, help="e.g. data/eval/dialogues_val.yaml")
    dialogues.add_argument("--faq", type=Path, help="FAQ file (default: the configured one)")
    dialogues.add_argument("--config", type=Path, help="dialogue file (default: configured)")
    dialogues.add_argument(
        "--queries", type=Path, help="in-scope CSV (text,faq_id): share wrongly out of scope"
    )
    dialogues.set_defaults(handler=_eval_dialogues)
