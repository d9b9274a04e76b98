"""Follow-up resolution: short or referring questions completed from the previous question."""

from __future__ import annotations

import pytest

from qa.followup import mentions, resolve

ADULTS_CNO = "Is there evidence for tocilizumab in adults with CNO?"


@pytest.mark.parametrize(
    ("follow_up", "expected"),
    [
        ("and in children?", "Is there evidence for tocilizumab in children with CNO?"),
        ("And children?", "Is there evidence for tocilizumab in children with CNO?"),
        ("in kids", "Is there evidence for tocilizumab in kids with CNO?"),
        ("what about SAPHO?", "Is there evidence for tocilizumab in adults with SAPHO?"),
        ("and in children with SAPHO?", "Is there evidence for tocilizumab in children with SAPHO?"),
        ("and methotrexate?", "Is there evidence for methotrexate in adults with CNO?"),
        ("How about Humira?", "Is there evidence for Humira in adults with CNO?"),
        ("And for adult patients?", "Is there evidence for tocilizumab in adult patients with CNO?"),
        ("and the side effects?", "What about the side effects with tocilizumab in adults with CNO?"),
        ("What dose of it was used?", "What dose of tocilizumab was used in adults with CNO?"),
        ("Is it safe?", "Is tocilizumab safe in adults with CNO?"),
        ("What were its side effects?", "What were tocilizumab's side effects in adults with CNO?"),
        ("Did it work in children?", "Did tocilizumab work in children with CNO?"),
        ("Does methotrexate work?", "Does methotrexate work in adults with CNO?"),
        ("Any side effects in children?", "Any side effects with tocilizumab in children with CNO?"),
    ],
)
def test_follow_ups_are_completed_from_the_last_question(follow_up, expected):
    assert resolve(follow_up, [ADULTS_CNO]) == expected


@pytest.mark.parametrize(
    "question",
    [
        "Is there evidence for tocilizumab in SAPHO?",  # names its own drug and condition
        "Tocilizumab in SAPHO",
        "How many patients were treated?",  # no slot, no reference: answered as asked
        "What search strategy was used for this report?",
        "What is the capital of France?",
        "What dose of tocilizumab was used for the patients in the Sato 2017 case series?",
        "Does tocilizumab cure diabetes?",  # short, but asks something of its own
        "What dose of tocilizumab was used?",  # an example question keeps its meaning mid-conversation
    ],
)
def test_questions_that_stand_alone_are_unchanged(question):
    assert resolve(question, [ADULTS_CNO]) == question


def test_a_population_is_worked_into_a_question_that_had_none():
    assert resolve("and in adults?", ["Is there evidence for tocilizumab in CNO?"]) == (
        "Is there evidence for tocilizumab in adults with CNO?"
    )
    assert resolve("what about SAPHO?", ["Does tocilizumab work?"]) == "Does tocilizumab work in SAPHO?"
    assert resolve("What causes it?", ["What is CNO?"]) == "What causes CNO?"


def test_several_words_for_one_slot_are_replaced_once():
    previous = "Is tocilizumab effective in children and adolescents with CRMO?"
    assert resolve("and in adults?", [previous]) == "Is tocilizumab effective in adults with CRMO?"


def test_a_chain_of_follow_ups_keeps_its_context():
    asked = [ADULTS_CNO]
    for follow_up, expected in [
        ("and in children?", "Is there evidence for tocilizumab in children with CNO?"),
        ("what about SAPHO?", "Is there evidence for tocilizumab in children with SAPHO?"),
        ("and methotrexate?", "Is there evidence for methotrexate in children with SAPHO?"),
    ]:
        resolved = resolve(follow_up, asked)
        assert resolved == expected
        asked.append(resolved)


@pytest.mark.parametrize(
    ("question", "previous"),
    [
        ("and in children?", []),
        ("", [ADULTS_CNO]),
        ("   ", [ADULTS_CNO]),
        ("🙂🙂", [ADULTS_CNO]),
        ("?!", [ADULTS_CNO]),
        ("and in children? " + "x" * 5000, [ADULTS_CNO]),
        (None, [ADULTS_CNO]),
        (42, [ADULTS_CNO]),
        ("and in children?", ["", "   "]),
        ("and in children?", "not a list"),
    ],
)
def test_bad_input_is_returned_as_is_for_ask_to_reject(question, previous):
    assert resolve(question, previous) == question


def test_mentions_know_synonyms_and_brand_names():
    found = {(m.slot, m.term) for m in mentions("Did kids with CRMO on Actemra or Humira do well?")}
    assert found == {
        ("population", "pediatric"),
        ("condition", "cno"),
        ("drug", "tocilizumab"),
        ("drug", "adalimumab"),
    }
    spans = mentions("tocilizumab in adults")
    assert [("tocilizumab in adults"[m.start : m.end]) for m in spans] == ["tocilizumab", "adults"]


def test_a_resolved_follow_up_is_answered_about_children(engine):
    resolved = resolve("and in children?", ["Is there evidence for tocilizumab in adults with CNO?"])
    answer = engine.ask(resolved)
    assert not answer.insufficient_evidence
    assert answer.question == "Is there evidence for tocilizumab in children with CNO?"
    assert answer.filters.get("population") == "pediatric"
    sources = engine.index.sources
    assert answer.passages
    assert all(sources[p.source_id]["population"] in ("pediatric", "both") for p in answer.passages)
    assert "tocilizumab" in answer.answer.lower()
