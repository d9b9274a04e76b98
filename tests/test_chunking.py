"""Chunk stage: passages stay inside one source and one part, keep table headers, and fit the model."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from qa import load_corpus
from qa.chunking import _strip_label, case_patients, chunk_corpus, chunk_source, split_sentences
from qa.corpus import load_source
from qa.embedding import MiniLMEmbeddings
from qa.settings import ROOT, Settings

CORPUS = ROOT / "corpus"
MIN_CHARS = Settings().min_chunk_chars


@pytest.fixture(scope="module")
def sources():
    return load_corpus(CORPUS)


@pytest.fixture(scope="module")
def chunks(sources):
    return chunk_corpus(sources, MIN_CHARS)


def _section(sources, chunk):
    source = next(s for s in sources if s.id == chunk.source_id)
    return source, next(sec for sec in source.sections if sec.name == chunk.section)


def _body(chunk) -> str:
    """The chunk's own text (without the header line a table row carries)."""
    return chunk.text.split("\n", 1)[1] if chunk.kind == "row" else chunk.text


def test_index_uses_this_chunker(engine, sources):
    """What is indexed is exactly the chunker's output over the corpus."""
    assert engine.index.chunks == chunk_corpus(sources, engine.settings.min_chunk_chars)


def test_every_source_is_chunked(sources, chunks):
    assert {c.source_id for c in chunks} == {s.id for s in sources}
    assert len({c.id for c in chunks}) == len(chunks)


def test_offsets_point_at_the_text_in_the_file(sources, chunks):
    wrong = []
    for chunk in chunks:
        source, _ = _section(sources, chunk)
        raw = source.path.read_text(encoding="utf-8")
        if raw[chunk.start : chunk.end] != _body(chunk):
            wrong.append((chunk.id, raw[chunk.start : chunk.end][:60], _body(chunk)[:60]))
    assert not wrong, wrong[:5]


def test_no_chunk_crosses_a_source_or_a_part(sources, chunks):
    for chunk in chunks:
        _, section = _section(sources, chunk)
        assert section.offset <= chunk.start < chunk.end <= section.offset + len(section.text), chunk.id
        if chunk.kind == "row":
            header = chunk.text.split("\n", 1)[0]
            assert header in section.text, chunk.id


def test_chunks_cover_all_text(sources, chunks):
    """Nothing is lost: every non-space character of every part (its label aside) is in some passage."""
    lost = []
    for source in sources:
        raw = source.path.read_text(encoding="utf-8")
        for section in source.sections:
            covered: set[int] = set()
            for chunk in chunks:
                if chunk.source_id != source.id or chunk.section != section.name:
                    continue
                covered.update(range(chunk.start, chunk.end))
                if chunk.kind in ("row", "header"):
                    header = chunk.text.split("\n", 1)[0]
                    at = raw.index(header, section.offset)
                    covered.update(range(at, at + len(header)))
            start = section.offset + _strip_label(section)
            # a bare footnote marker ("[1]") points into the report's reference list and is left out on purpose
            for marker in re.finditer(r"\[\d+\]", raw[start : section.offset + len(section.text)]):
                if section.name != "References":
                    covered.update(range(start + marker.start(), start + marker.end()))
            missing = [
                i
                for i in range(start, section.offset + len(section.text))
                if not raw[i].isspace() and i not in covered
            ]
            if missing:
                lost.append((source.id, section.name, raw[missing[0] : missing[0] + 60]))
    assert not lost, lost


def test_table_rows_keep_their_header(sources, chunks):
    rows = [c for c in chunks if c.kind == "row"]
    assert rows
    for chunk in rows:
        _, section = _section(sources, chunk)
        assert section.is_table
        header, row = chunk.text.split("\n")
        first_line = section.text.split("\n", 1)[0]
        assert header.strip() and first_line.endswith(header), chunk.id
        assert row.strip() and row in section.text.split("\n")[1:], chunk.id
    remission = [c for c in chunks if "Remission achieved 87%" in c.text]
    assert len(remission) == 1
    assert "All patients (N= 30)" in remission[0].text
    assert (remission[0].source_id, remission[0].section, remission[0].kind) == ("kaut2022", "Results", "row")
    # every row of every table is its own passage
    for source in sources:
        for section in (sec for sec in source.sections if sec.is_table):
            table = section.text.split("\n\n", 1)[0].split("\n")
            own = [c for c in rows if c.source_id == source.id and c.section == section.name]
            assert [_body(c) for c in own] == [line for line in table[1:] if line.strip()]


def test_indexed_context_fits_the_model(engine):
    model = MiniLMEmbeddings()
    assert model.max_tokens == engine.settings.max_tokens == 256
    too_long = [
        (c.id, n) for c in engine.index.chunks if (n := model.count_tokens(c.context)) > model.max_tokens
    ]
    assert not too_long, too_long


def test_context_is_the_text_with_its_source_and_part(sources, chunks):
    for chunk in chunks:
        source, _ = _section(sources, chunk)
        assert chunk.context.endswith(" ".join(chunk.text.split())), chunk.id
        assert source.short_name in chunk.context and chunk.section in chunk.context


def test_no_tiny_fragments(sources, chunks):
    """A short passage is only ever a whole short part ("Case report"), never a split-off label like "Case 2"."""
    labels = {sec.name for s in sources for sec in s.sections}
    for chunk in chunks:
        text = chunk.text.strip()
        assert text not in labels, f"{chunk.id} is just a label: {text!r}"
        assert not re.fullmatch(r"(Case( presentation)?|Table|Figure)\s*#?\d*[.:]?", text), chunk.id
        if chunk.kind == "sentence" and len(text) < MIN_CHARS // 3:
            _, section = _section(sources, chunk)
            whole = section.text[_strip_label(section) :].strip()
            assert text == whole, f"{chunk.id} is a fragment of {section.name}: {text!r}"


def test_sentences_are_not_cut(sources, chunks):
    """A prose passage ends at a sentence end or at the end of its paragraph."""
    for chunk in chunks:
        if chunk.kind != "sentence":
            continue
        source, _ = _section(sources, chunk)
        after = source.path.read_text(encoding="utf-8")[chunk.end : chunk.end + 1]
        assert chunk.text.rstrip()[-1] in ".!?:]" or after in ("", "\n"), f"{chunk.id}: {chunk.text[-40:]!r}"


def test_abbreviations_do_not_split(sources, chunks):
    assert not [c.id for c in chunks if c.text.rstrip().endswith(("et al.", "e.g.", "i.e.", "vs."))]


# ---------------------------------------------------------------- a synthetic source

SYNTHETIC = """---
kind: study
id: synth2020
short_name: Synth 2020
title: A synthetic study
authors: Doe J
journal: J Test
year: 2020
doi: 10.0000/synth
reference: Doe J. A synthetic study. J Test. 2020. doi:10.0000/synth
design: Case series
population: adult
conditions:
- CNO
n_patients: 2
n_tocilizumab: 1
tocilizumab_outcome: Tocilizumab was stopped after two doses.
outcome:
- no response
---

## Case 2
Case 2
A 40-year-old man was treated with tocilizumab for refractory disease of the tibia. Tocilizumab was stopped after two doses.

## Results | table
Results   Group A (N= 2)
Pain score 3
Relapse 50%

Note: values are means, as reported by the authors of this synthetic study.

## References:
[1] Doe J. A synthetic study. J Test. 2020. doi:10.0000/synth
"""


def test_synthetic_source(tmp_path):
    path = tmp_path / "synth2020.md"
    path.write_text(SYNTHETIC, encoding="utf-8")
    chunks = chunk_source(load_source(path), MIN_CHARS)
    texts = [c.text for c in chunks]
    assert "Case 2" not in texts and not any(t.startswith("Case 2") for t in texts)
    rows = [c for c in chunks if c.kind == "row"]
    assert [c.text for c in rows] == ["Group A (N= 2)\nPain score 3", "Group A (N= 2)\nRelapse 50%"]
    assert all(c.section == "Results" for c in rows)
    note = [c for c in chunks if c.text.startswith("Note:")]
    assert len(note) == 1 and note[0].kind == "sentence" and note[0].section == "Results"
    raw = path.read_text(encoding="utf-8")
    assert all(raw[c.start : c.end] == _body(c) for c in chunks)


def test_min_chars_joins_short_sentences(tmp_path):
    path = tmp_path / "synth2020.md"
    path.write_text(SYNTHETIC, encoding="utf-8")
    source = load_source(path)
    case = [c for c in chunk_source(source, MIN_CHARS) if c.section == "Case 2"]
    # the 2nd sentence is shorter than a third of the limit: it is joined to the first, not left alone
    assert len(case) == 1 and case[0].text.endswith("stopped after two doses.")
    split = [c for c in chunk_source(source, 0) if c.section == "Case 2"]
    assert len(split) == 2


@given(
    st.lists(
        st.sampled_from(["Tocilizumab", "was", "given", "et al.", "e.g.", "8.5", "IL-6.", "A", "(B)", "?"]),
        max_size=40,
    )
)
def test_split_sentences_spans(tokens):
    text = " ".join(tokens)
    spans = split_sentences(text)
    previous = 0
    for a, b in spans:
        assert previous <= a < b <= len(text)
        assert text[a:b] == text[a:b].strip()
        previous = b
    covered = "".join(text[a:b] for a, b in spans)
    assert covered.replace(" ", "") == text.replace(" ", "")


def test_case_parts_describe_their_patient(sources, chunks):
    """Users name a patient by description ("the younger woman"); each case part carries it, read from its text."""
    by_id = {s.id: s for s in sources}
    sun = case_patients(by_id["sun2018"])
    assert (
        sun["Case presentation 1"].startswith("53-year-old woman")
        and "the older woman" in sun["Case presentation 1"]
    )
    assert (
        sun["Case presentation 2"].startswith("29-year-old woman")
        and "the younger woman" in sun["Case presentation 2"]
    )
    assert "elderly" in case_patients(by_id["fujita2015"])["Case presentation"]
    assert case_patients(by_id["campbell2018"]) == {"Case presentation #1": "5-year-old girl"}  # a child
    assert case_patients(by_id["kaut2022"]) == {}  # a cohort presents no single patient
    case2 = [c for c in chunks if c.source_id == "sun2018" and c.section == "Case presentation 2"]
    assert case2 and all(c.patient == sun["Case presentation 2"] and c.patient in c.context for c in case2)
    assert all(not c.patient for c in chunks if c.source_id == "kaut2022")


def test_case_descriptions_compare_patients_of_one_series(tmp_path):
    body = (
        "## Case 1\nA 70-year-old man presented with pain.\n\n## Case 2\nA 31-year-old male had fever.\n\n"
        "## Case 3\nA 12-year-old female had swelling.\n"
    )
    header = (
        "---\nkind: study\nid: demo\nshort_name: Demo 2020\ntitle: Demo\nauthors: A B\njournal: J\nyear: 2020\n"
        "doi: 10.1/demo\nreference: Demo ref\ndesign: Case series\npopulation: both\nconditions: [CNO]\n"
        "n_patients: 3\nn_tocilizumab: 0\ntocilizumab_outcome: null\noutcome: [not reported]\n---\n\n"
    )
    path = tmp_path / "demo.md"
    path.write_text(header + body)
    labels = case_patients(load_source(path))
    assert labels["Case 1"] == "70-year-old man, the older man, man 1, in the 70s, elderly, the old man"
    assert labels["Case 2"] == "31-year-old man, the younger man, man 2, in the 30s"
    assert labels["Case 3"] == "12-year-old girl"
