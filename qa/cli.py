"""The `qa` command: index, ask, sources, eval; a thin shell over the package (errors as messages, exit 2)."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path


def _cmd_index(args: argparse.Namespace) -> int:
    from .index import IndexStore
    from .settings import Settings

    store = IndexStore(Settings.from_env())
    before = store.current_generation()
    index = store.open(rebuild=args.rebuild, progress=not args.quiet)
    m = index.manifest
    fresh = "up to date" if before is not None and index.path == before else "built"
    print(
        f"index {fresh}: {m.n_chunks} chunks from {len(index.sources)} sources "
        f"({m.embedded} embedded, {m.seconds:.1f}s build) at {index.path}"
    )
    return 0


def _cmd_ask(args: argparse.Namespace) -> int:
    from .service import ask

    answer = ask(args.question, k=args.k, population=args.population, condition=args.condition)
    if args.json:
        print(json.dumps(answer.to_dict(), ensure_ascii=False, indent=2))
    else:
        print(answer.answer)
    return 0


def _cmd_sources(args: argparse.Namespace) -> int:
    from .corpus import load_corpus
    from .settings import Settings

    sources = load_corpus(Settings.from_env().corpus_dir)
    if args.json:
        print(json.dumps([s.metadata() for s in sources], ensure_ascii=False, indent=2))
        return 0
    header = ("id", "design", "population", "conditions", "N", "on TCZ", "year", "doi")
    rows = [
        (
            s.id,
            s.design,
            s.population,
            "/".join(s.conditions),
            str(s.n_patients or "-"),
            str(s.n_tocilizumab or "-"),
            str(s.year or "-"),
            s.doi or "-",
        )
        for s in sources
    ]
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    for row in [header, *rows]:
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())
    return 0


def _cmd_eval(args: argparse.Namespace) -> int:
    from .evaluate import DEFAULT_QUESTIONS, evaluate, load_questions
    from .service import Engine

    questions = load_questions(Path(args.questions) if args.questions else DEFAULT_QUESTIONS)
    report = evaluate(Engine(), questions, mode=args.mode)
    print(report.table())
    if args.failures:
        for check, items in report.failures.items():
            for item in items:
                print(f"[{check}] {item}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (also used for `python -m qa`)."""
    parser = argparse.ArgumentParser(
        prog="qa", description="Cited answers from the clinical evidence corpus."
    )
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("index", help="build the index if stale (or always, with --rebuild)")
    p.add_argument("--rebuild", action="store_true", help="rebuild even when the index is current")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=_cmd_index)
    p = sub.add_parser("ask", help="answer a question")
    p.add_argument("question")
    p.add_argument("--json", action="store_true", help="print Answer.to_dict() as JSON")
    p.add_argument("-k", type=int, default=5, help="passages to return (default 5)")
    p.add_argument("--population", choices=["pediatric", "adult"])
    p.add_argument("--condition", choices=["CNO", "SAPHO"])
    p.set_defaults(func=_cmd_ask)
    p = sub.add_parser("sources", help="list the sources and their metadata")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=_cmd_sources)
    p = sub.add_parser("eval", help="score retrieval and answers on the question set")
    p.add_argument("--questions", help="a JSONL question set (default eval/questions.jsonl)")
    p.add_argument("--mode", choices=["hybrid", "dense", "bm25"], help="retrieval mode (default: settings)")
    p.add_argument("--failures", action="store_true", help="list the questions that failed each check")
    p.set_defaults(func=_cmd_eval)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point: run a command; bad input and known failures print one line to stderr and exit 2."""
    from .corpus import CorpusError
    from .index import IndexError_

    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except (ValueError, TypeError, CorpusError, IndexError_) as exc:
        print(f"qa: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("qa: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # "qa ask ... | head": the reader left; stop quietly, as other Unix tools do
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no second error when Python flushes
        return 141


if __name__ == "__main__":
    sys.exit(main())
