"""Presentation: highlighted passages, the sources panel, chat messages and the evidence table."""

from __future__ import annotations

import re

from qa.answer import Answer, Citation, Passage
from qa.corpus import load_corpus
from qa.present import (
    EMPTY_SOURCES,
    EVIDENCE_HEADERS,
    EVIDENCE_TYPES,
    answer_markdown,
    error_markdown,
    escape_markdown,
    evidence_rows,
    evidence_summary,
    highlight,
    question_terms,
    quoted_passages,
    same_question,
    shown_question,
    source_label,
    sources_markdown,
)
from qa.settings import Settings

SOURCES = {
    "report": {
        "id": "report",
        "kind": "report",
        "short_name": "InpharmD report",
        "design": "Drug-information response",
        "year": None,
        "doi": None,
    },
    "sato2017": {
        "id": "sato2017",
        "kind": "study",
        "short_name": "Sato 2017",
        "design": "Case series",
        "year": 2017,
        "doi": "10.2169/internalmedicine.8473-16",
    },
}
SATO = "Tocilizumab therapy, an IL-6 receptor antagonist, was initiated, leading to a significant reduction."
SUMMARY = (
    "Available data assessing Actemra (tocilizumab) in pediatric and adult patients with CNO are limited."
)


def make_answer(question: str = "Is there evidence for tocilizumab in adults with CNO?") -> Answer:
    """A small answered question citing the report [1] and Sato 2017 [2]."""
    text = (
        f"{SUMMARY} [1]\n\n- Sato 2017: {SATO} [2]\n\n**Level of evidence:** D [1]\n\n**References**\n"
        "1. InpharmD Researcher. Report.\n2. Sato H. Intern Med. 2017. "
        "doi:[10.2169/internalmedicine.8473-16](https://doi.org/10.2169/internalmedicine.8473-16)"
    )
    citations = [
        Citation(1, "report", "Report", "InpharmD Researcher", None, None, None),
        Citation(2, "sato2017", "Adult-onset CRMO", "Sato H", "Intern Med", 2017, SOURCES["sato2017"]["doi"]),
    ]
    passages = [
        Passage(1, 1.2, SUMMARY, "report", None, "Summary", 1),
        Passage(
            2,
            0.9,
            "Case 2\nThe patient's steroid dose was tapered.",
            "sato2017",
            SOURCES["sato2017"]["doi"],
            "Case 2",
            2,
        ),
    ]
    return Answer(question, text, False, "D", citations, passages, {"population": "adult"})


def insufficient() -> Answer:
    text = "**Insufficient evidence.** The sources do not mention diabetes.\n\nThe sources cover CNO.\n\n_Not advice._"
    return Answer("Does tocilizumab cure diabetes?", text, True, None, [], [])


def marked(markdown: str) -> list[str]:
    return re.findall(r"<mark>(.*?)</mark>", markdown)


def test_question_terms_are_folded_content_words():
    assert question_terms("Is there evidence for Actemra in kids with CRMO?") == {
        "evidence",
        "tocilizumab",
        "pediatric",
        "cno",
    }


def test_highlight_marks_question_words_synonyms_and_phrases():
    text = "Actemra (tocilizumab) helped two children with chronic non-bacterial osteomyelitis (CNO); TCZ was stopped."
    out = highlight(text, "Does tocilizumab work in pediatric CRMO?")
    assert marked(out) == [
        "Actemra",
        "tocilizumab",
        "children",
        "chronic non-bacterial osteomyelitis",
        "CNO",
        "TCZ",
    ]
    assert "helped two" in out  # other words untouched


def test_highlight_matches_inflections_but_not_stop_words():
    out = highlight(
        "The patients relapsed after the infusions were stopped.", "Did the patient relapse after infusion?"
    )
    assert marked(out) == ["patients", "relapsed", "infusions"]
    assert "<mark>The</mark>" not in out and "<mark>after</mark>" not in out


def test_highlight_escapes_markdown_and_html():
    text = "Dose <b>8 mg/kg</b> * 2 | x_y [1] # not a heading <script>alert(1)</script>"
    out = highlight(text, "dose")
    assert "<b>" not in out and "<script>" not in out
    assert "&lt;script&gt;" in out
    assert "\\*" in out and "\\|" in out and "\\_" in out and "\\[1\\]" in out and "\\#" in out
    assert marked(out) == ["Dose"]


def test_escape_markdown_keeps_lines_from_becoming_lists():
    assert escape_markdown("1. first\n- second\n+ third") == "1\\. first\n\\- second\n\\+ third"


def test_sources_panel_shows_every_passage_under_its_marker():
    answer = make_answer()
    panel = sources_markdown(answer, SOURCES)
    assert panel.index("[1] InpharmD report") < panel.index("[2] Sato 2017 — Case series, 2017")
    assert '<a id="source-1"></a>' in panel and '<a id="source-2"></a>' in panel
    assert "**Summary** · passage 1" in panel and "**Case 2** · passage 2" in panel
    assert "(https://doi.org/10.2169/internalmedicine.8473-16)" in panel
    assert "> Case 2  \n> The patient's steroid dose was tapered." in panel  # full text, line breaks kept
    assert "<mark>tocilizumab</mark>" in panel and "<mark>adult</mark>" in panel
    assert "For: _Is there evidence for tocilizumab in adults with CNO?_" in panel


def test_sources_panel_adds_quoted_passages_missing_from_the_answer(engine):
    answer = make_answer()
    sato = next(c for c in engine.index.chunks if c.source_id == "sato2017" and len(c.text) > 60)
    answer = Answer(
        answer.question,
        answer.answer + f"\n\n- Sato 2017: {' '.join(sato.text.split())} [2]",
        False,
        "D",
        answer.citations,
        answer.passages,
    )
    extra = quoted_passages(answer, engine.index.chunks)
    assert [(p.source_id, p.text, p.citation) for p in extra] == [("sato2017", sato.text, 2)]
    panel = sources_markdown(answer, engine.index.sources, engine.index.chunks)
    assert "quoted in the answer" in panel


def test_sources_panel_for_insufficient_evidence_has_no_sources():
    panel = sources_markdown(insufficient(), SOURCES)
    assert "No sources cited" in panel
    assert "[1]" not in panel


def test_answer_message_says_which_question_was_answered():
    answer = make_answer("Is there evidence for tocilizumab in children with CNO?")
    message = answer_markdown(answer, "and in children?")
    assert message.startswith("↪ _Answering:_ **Is there evidence for tocilizumab in children with CNO?**")
    assert answer.answer in message
    assert "Sources" in message
    assert not answer_markdown(answer, "is there evidence for tocilizumab in children with CNO").startswith(
        "↪"
    )
    assert not answer_markdown(answer).startswith("↪")


def test_insufficient_evidence_is_a_notice_without_citations():
    message = answer_markdown(insufficient(), "Does tocilizumab cure diabetes?")
    lines = message.splitlines()
    assert lines[0] == "> ### ⚠️ Insufficient evidence"
    assert all(line.startswith(">") for line in lines)
    assert "The sources do not mention diabetes." in message
    assert "**Insufficient evidence.**" not in message
    assert "References" not in message and "[1]" not in message


def test_error_message_is_friendly_and_escaped():
    message = error_markdown(
        "question is empty: type a question, e.g. 'Is there evidence for tocilizumab in CNO?'"
    )
    assert message.startswith("**Please check your question.** Question is empty")
    assert "Traceback" not in message
    assert "<b>" not in error_markdown("<b>bad</b>")


def test_long_user_messages_are_cut_for_display():
    shown = shown_question("x" * 5000)
    assert len(shown) < 400 and "5,000 characters" in shown
    assert shown_question("CNO *and* SAPHO?") == "CNO \\*and\\* SAPHO?"


def test_same_question_ignores_case_spacing_and_punctuation():
    assert same_question("Is there evidence?", "is  there evidence")
    assert not same_question("Is there evidence in adults?", "Is there evidence in children?")


def test_source_label():
    assert source_label(SOURCES["sato2017"]) == "Sato 2017 — Case series, 2017"
    assert source_label(SOURCES["report"]) == "InpharmD report — Drug-information response"


def test_evidence_table_has_one_row_per_source_from_the_corpus_metadata():
    sources = load_corpus(Settings.from_env().corpus_dir)
    rows = evidence_rows(s.metadata() for s in sources)
    assert len(rows) == len(sources)
    assert all(len(row) == len(EVIDENCE_HEADERS) == len(EVIDENCE_TYPES) for row in rows)
    by_study = {row[0]: dict(zip(EVIDENCE_HEADERS, row, strict=True)) for row in rows}
    for source in sources:
        row = by_study[source.short_name]
        assert row["Design"] == source.design
        assert row["N"] == source.n_patients
        assert row["On tocilizumab"] == source.n_tocilizumab
        assert row["Population"] == source.population
        if source.doi:
            assert row["DOI"] == f"[doi:{escape_markdown(source.doi)}](https://doi.org/{source.doi})"
        if source.tocilizumab_outcome:
            assert row["What the source reports (verbatim)"] == " ".join(source.tocilizumab_outcome.split())
    kinds = [next(s.kind for s in sources if s.short_name == row[0]) for row in rows]
    assert kinds == sorted(kinds, key=["study", "background", "report"].index)  # studies first
    summary = evidence_summary(s.metadata() for s in sources)
    assert f"**{len(sources)} sources**" in summary


def test_empty_sources_panel_invites_a_question():
    assert "Ask a question" in EMPTY_SOURCES
