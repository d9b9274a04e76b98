"""The evaluation bar over eval/questions.jsonl (retrieval, facts in answers, abstention, answer length)."""

from __future__ import annotations

import pytest

from qa import load_corpus
from qa.evaluate import Report, evaluate, load_questions
from qa.settings import ROOT

QUESTIONS = load_questions()


@pytest.fixture(scope="module")
def report(engine) -> Report:
    return evaluate(engine, QUESTIONS)


def _failures(report: Report, *checks: str) -> str:
    lines = [f"[{check}] {item}" for check in checks for item in report.failures.get(check, [])]
    return f"{len(lines)} failures:\n" + "\n".join(lines)


def test_question_set_is_sound():
    """Every question names existing sources and facts that really are in them (else the bar measures nothing)."""
    sources = {s.id: s for s in load_corpus(ROOT / "corpus")}
    assert len({q["id"] for q in QUESTIONS}) == len(QUESTIONS)
    assert any(q["out_of_scope"] for q in QUESTIONS) and any(not q["out_of_scope"] for q in QUESTIONS)

    def norm(text: str) -> str:
        return " ".join(text.replace("\xa0", " ").split()).lower()

    for q in QUESTIONS:
        if q["out_of_scope"]:
            assert not q["sources"] and not q["facts"], q["id"]
            continue
        assert q["sources"] and set(q["sources"]) <= set(sources), q["id"]
        text = " ".join(norm(sec.text) for sid in q["sources"] for sec in sources[sid].sections)
        for fact in q["facts"]:
            assert norm(fact) in text, f"{q['id']}: fact {fact!r} is not in {q['sources']}"


def test_counts(report):
    assert report.n_in_scope + report.n_out_of_scope == len(QUESTIONS)
    assert report.n_out_of_scope == sum(q["out_of_scope"] for q in QUESTIONS)


# The evidence engine's bar (issue 2): met on eval/questions.jsonl.
def test_hit_at_1(report):
    assert report.hit_at_1 >= 0.90, f"hit@1 {report.hit_at_1:.1%}; " + _failures(report, "hit@1")


def test_top_5(report):
    assert report.top_5 >= 0.98, f"top-5 {report.top_5:.1%}; " + _failures(report, "top5")


def test_facts_found(report):
    assert report.facts_found >= 0.90, f"facts {report.facts_found:.1%}; " + _failures(report, "facts")


# The answer-quality bar (issue 4) is not reached yet (about 94% / 99% / 94% here): these stay visible as
# expected failures, and turn into errors (strict) the day they pass, so the thresholds above get raised.
@pytest.mark.xfail(strict=True, reason="issue 4 bar (hit@1 >= 95%) not reached yet")
def test_hit_at_1_issue4_bar(report):
    assert report.hit_at_1 >= 0.95, f"hit@1 {report.hit_at_1:.1%}"


@pytest.mark.xfail(strict=True, reason="issue 4 bar (facts >= 95%) not reached yet")
def test_facts_found_issue4_bar(report):
    assert report.facts_found >= 0.95, f"facts {report.facts_found:.1%}"


def test_every_out_of_scope_question_is_flagged(report):
    assert report.oos_flagged == 1.0, _failures(report, "oos")


def test_no_in_scope_question_is_flagged(report):
    assert report.in_scope_flagged == 0, _failures(report, "flagged")


def test_answers_are_short(report):
    assert report.median_answer_chars < 1800, f"median answer {report.median_answer_chars:.0f} chars"


VALIDATION = load_questions(ROOT / "eval" / "validation.jsonl")


@pytest.fixture(scope="module")
def validation(engine) -> Report:
    """The held-out set, never used for tuning: a guard against overfitting the main set."""
    return evaluate(engine, VALIDATION)


def test_held_out_set(validation):
    assert validation.hit_at_1 >= 0.90, f"hit@1 {validation.hit_at_1:.1%}; " + _failures(validation, "hit@1")
    assert validation.top_5 >= 0.95, f"top-5 {validation.top_5:.1%}; " + _failures(validation, "top5")
    assert validation.facts_found >= 0.80, f"facts {validation.facts_found:.1%}; " + _failures(
        validation, "facts"
    )
    assert validation.oos_flagged == 1.0, _failures(validation, "oos")
    assert validation.in_scope_flagged == 0, _failures(validation, "flagged")
