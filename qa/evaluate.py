"""`qa eval`: score retrieval and answers on a question set (hit@1, top-5, facts in the answer, abstention)."""

from __future__ import annotations

import json
import statistics
import time
from dataclasses import dataclass, field
from pathlib import Path

from .service import Engine
from .settings import ROOT

DEFAULT_QUESTIONS = ROOT / "eval" / "questions.jsonl"


@dataclass
class Report:
    """Aggregate scores of one evaluation run, plus the questions that failed each check."""

    n_in_scope: int = 0
    n_out_of_scope: int = 0
    hit_at_1: float = 0.0
    top_5: float = 0.0
    facts_found: float = 0.0
    oos_flagged: float = 0.0
    in_scope_flagged: int = 0
    mean_answer_chars: float = 0.0
    median_answer_chars: float = 0.0
    median_ms: float = 0.0
    failures: dict[str, list[str]] = field(default_factory=dict)

    def table(self) -> str:
        """The figures as aligned text lines."""
        rows = [
            ("questions (in scope / out of scope)", f"{self.n_in_scope} / {self.n_out_of_scope}"),
            ("hit@1 (top passage from a correct source)", f"{self.hit_at_1:.1%}"),
            ("correct source in top 5", f"{self.top_5:.1%}"),
            ("expected facts found in the answer", f"{self.facts_found:.1%}"),
            ("out-of-scope flagged", f"{self.oos_flagged:.1%}"),
            ("in-scope wrongly flagged", str(self.in_scope_flagged)),
            (
                "answer length, mean / median (chars)",
                f"{self.mean_answer_chars:.0f} / {self.median_answer_chars:.0f}",
            ),
            ("ask() median latency (ms)", f"{self.median_ms:.1f}"),
        ]
        width = max(len(r[0]) for r in rows)
        return "\n".join(f"{name:<{width}}  {value}" for name, value in rows)


def load_questions(path: Path = DEFAULT_QUESTIONS) -> list[dict]:
    """The question set: one JSON object per line (question, sources, facts, out_of_scope, kind)."""
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _norm(text: str) -> str:
    return " ".join(text.replace("\xa0", " ").split()).lower()


def evaluate(engine: Engine, questions: list[dict], *, mode: str | None = None) -> Report:
    """Run every question through `engine.ask` and score it."""
    report = Report(failures={"hit@1": [], "top5": [], "facts": [], "oos": [], "flagged": []})
    hits = top5 = facts_total = facts_found = flagged_oos = 0
    lengths, times = [], []
    for q in questions:
        start = time.perf_counter()
        answer = engine.ask(q["question"], mode=mode)
        times.append(time.perf_counter() - start)
        if q["out_of_scope"]:
            report.n_out_of_scope += 1
            if answer.insufficient_evidence:
                flagged_oos += 1
            else:
                report.failures["oos"].append(q["question"])
            continue
        report.n_in_scope += 1
        lengths.append(len(answer.answer))
        if answer.insufficient_evidence:
            report.in_scope_flagged += 1
            report.failures["flagged"].append(q["question"])
        ids = [p.source_id for p in answer.passages]
        if ids[:1] and ids[0] in q["sources"]:
            hits += 1
        else:
            report.failures["hit@1"].append(f"{q['question']}  -> {ids[:1]} want {q['sources']}")
        if set(ids[:5]) & set(q["sources"]):
            top5 += 1
        else:
            report.failures["top5"].append(f"{q['question']}  -> {ids[:5]} want {q['sources']}")
        text = _norm(answer.answer)
        for fact in q["facts"]:
            facts_total += 1
            if _norm(fact) in text:
                facts_found += 1
            else:
                report.failures["facts"].append(f"{q['question']}  -> missing {fact!r}")
    report.hit_at_1 = hits / max(report.n_in_scope, 1)
    report.top_5 = top5 / max(report.n_in_scope, 1)
    report.facts_found = facts_found / max(facts_total, 1)
    report.oos_flagged = flagged_oos / max(report.n_out_of_scope, 1)
    report.mean_answer_chars = statistics.fmean(lengths) if lengths else 0.0
    report.median_answer_chars = statistics.median(lengths) if lengths else 0.0
    report.median_ms = statistics.median(times) * 1000 if times else 0.0
    return report
