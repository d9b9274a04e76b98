"""Corpus stage: the source files are faithful to the provenance report, complete, and validated on load."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from qa import CorpusError, load_corpus
from qa.corpus import OUTCOMES, POPULATIONS, corpus_fingerprint, load_source
from qa.settings import ROOT

CORPUS = ROOT / "corpus"
PROVENANCE = CORPUS / "provenance" / "tocilizumab-cno-evidence-report.txt"

PROVENANCE_TEXT = PROVENANCE.read_text(encoding="utf-8")

# The report's reference list, as printed in the provenance file (the report itself has no DOI).
EXPECTED_DOIS = {
    "report": None,
    "hedrich2023": "10.1016/j.clim.2023.109344",
    "roberts2024": "10.1093/jbmr/zjae141",
    "kaut2022": "10.1186/s12969-022-00698-3",
    "cam2025": "10.1093/rheumatology/keaf645",
    "sato2017": "10.2169/internalmedicine.8473-16",
    "campbell2018": "10.1016/j.jdcr.2018.06.008",
    "fujita2015": "10.1111/1756-185X.12525",
    "sun2018": "10.1177/0300060518806105",
}
CONDITIONS = {"CNO", "CRMO", "SAPHO"}

# Provenance lines that are web-page furniture, not evidence, so no corpus file needs to carry them.
BOILERPLATE_LINES = {"Please see Tables 1-6 for your response."}
BOILERPLATE_SUFFIXES = ("Read more→",)  # "D - Case reports or unreliable data  Read more→": a link label


@pytest.fixture(scope="module")
def sources():
    return {s.id: s for s in load_corpus(CORPUS)}


def _body(source) -> str:
    """The file's text below the metadata header."""
    return source.path.read_text(encoding="utf-8").split("\n---\n", 1)[1]


# ---------------------------------------------------------------- the real corpus


def test_exactly_the_expected_sources(sources):
    assert sorted(sources) == sorted(EXPECTED_DOIS)
    assert sorted(p.stem for p in CORPUS.glob("*.md")) == sorted(EXPECTED_DOIS)


def test_dois_are_the_reports(sources):
    assert {sid: s.doi for sid, s in sources.items()} == EXPECTED_DOIS
    printed = set(re.findall(r"doi:(\S+)", PROVENANCE_TEXT))
    assert printed == {doi for doi in EXPECTED_DOIS.values() if doi}


def test_every_indexed_passage_is_verbatim_in_the_provenance(engine):
    """Each line of each indexed passage (a row passage carries its header line) is in the report as is."""
    missing = [
        (chunk.id, line)
        for chunk in engine.index.chunks
        for line in chunk.text.split("\n")
        if line.rstrip() not in PROVENANCE_TEXT
    ]
    assert not missing, f"passages not verbatim in the provenance: {missing[:10]}"


def test_chroma_documents_are_verbatim_in_the_provenance(engine):
    documents = engine.index.collection.get(include=["documents"])["documents"]
    assert len(documents) == engine.index.manifest.n_chunks
    missing = [line for doc in documents for line in doc.split("\n") if line.rstrip() not in PROVENANCE_TEXT]
    assert not missing, f"stored documents not verbatim in the provenance: {missing[:10]}"


def test_the_provenance_loses_nothing():
    """Every substantial line of the report is carried by some corpus file."""
    texts = [p.read_text(encoding="utf-8") for p in CORPUS.glob("*.md")]
    lost = []
    for line in PROVENANCE_TEXT.split("\n"):
        text = line.strip()
        for suffix in BOILERPLATE_SUFFIXES:
            text = text.removesuffix(suffix).strip()
        if len(text) > 40 and text not in BOILERPLATE_LINES and not any(text in t for t in texts):
            lost.append(text)
    assert not lost, f"provenance lines found in no corpus file: {lost}"


def test_boilerplate_allow_list_is_real():
    """The allow-list only names lines that exist (so it cannot silently hide lost text)."""
    lines = {line.strip() for line in PROVENANCE_TEXT.split("\n")}
    assert lines >= BOILERPLATE_LINES
    for suffix in BOILERPLATE_SUFFIXES:
        assert sum(line.endswith(suffix) for line in lines) == 1


@pytest.mark.parametrize("sid", sorted(EXPECTED_DOIS))
def test_source_metadata(sources, sid):
    s = sources[sid]
    body = _body(s)
    assert s.id == s.path.stem == sid
    assert s.title.strip() and s.title in PROVENANCE_TEXT
    assert s.authors.strip() and s.design.strip() and s.short_name.strip()
    assert s.population in POPULATIONS
    assert s.conditions and set(s.conditions) <= CONDITIONS
    for condition in s.conditions:
        assert re.search(rf"\b{condition}\b", body), f"{sid}: condition {condition} not named in its text"
    assert set(s.outcome) <= set(OUTCOMES)
    if s.kind == "report":
        assert (s.journal, s.year, s.doi, s.reference) == (None, None, None, None)
        assert s.evidence_level and s.evidence_level in PROVENANCE_TEXT
        return
    # cited sources: a full reference, quoted verbatim from the report, holding every bibliographic field
    assert s.journal and s.year and s.doi and s.reference
    assert s.reference in PROVENANCE_TEXT
    references = next(sec for sec in s.sections if sec.name.startswith("References"))
    assert s.reference in references.text
    for value in (s.authors, s.journal, str(s.year), s.doi):
        assert value in s.reference, f"{sid}: {value!r} is not in its reference"
    assert 1900 < s.year <= 2100
    # the tocilizumab finding is quoted, not paraphrased
    assert s.tocilizumab_outcome and s.outcome_quotes, f"{sid}: no tocilizumab_outcome"
    for quote in s.outcome_quotes:  # one sentence per case or group, each exactly as in the text
        assert quote in body and quote in PROVENANCE_TEXT, f"{sid}: {quote[:60]!r}"
    assert s.tocilizumab_outcome == " ".join(s.outcome_quotes)
    assert re.search(r"tocilizumab|TCZ", s.tocilizumab_outcome, re.I)
    assert s.outcome, f"{sid}: no outcome labels"


@pytest.mark.parametrize("sid", ["kaut2022", "cam2025", "sato2017", "campbell2018", "fujita2015", "sun2018"])
def test_study_metadata_agrees_with_its_text(sources, sid):
    s = sources[sid]
    body = _body(s)
    assert s.kind == "study"
    design = next(sec for sec in s.sections if sec.name == "Design")
    assert s.design in design.text
    # N: the "N= 30" of a cohort, else one patient per case presented
    stated = re.search(r"\bN= (\d+)", design.text)
    cases = [sec for sec in s.sections if sec.name.startswith("Case")]
    assert s.n_patients == (int(stated[1]) if stated else len(cases))
    assert s.n_tocilizumab is None or 1 <= s.n_tocilizumab <= s.n_patients
    # the population label agrees with every age the text states
    ages = [int(a) for a in re.findall(r"(\d+)-year-old", body)]
    if s.population == "adult":
        assert ages and min(ages) >= 18
    if s.population == "pediatric":
        assert all(age < 18 for age in ages)


def test_study_tables_follow_the_report(sources):
    """Studies are the report's Tables 1-6 in order ("see Table 3" in the review must point at the right one)."""
    studies = sorted((s for s in sources.values() if s.kind == "study"), key=lambda s: s.table)
    assert [s.table for s in studies] == [1, 2, 3, 4, 5, 6]
    positions = [PROVENANCE_TEXT.index(s.title.strip()) for s in studies]
    assert positions == sorted(positions)
    assert f"revealed {len(studies)} studies" in PROVENANCE_TEXT
    # the review's pointers into the tables land on matching studies
    review = " ".join(sec.text for sec in sources["roberts2024"].sections)
    by_table = {s.table: s for s in studies}
    assert "two adults with adult-onset CNO treated with tocilizumab (see Table 3)" in review
    assert by_table[3].population == "adult" and by_table[3].n_tocilizumab == 2
    assert (
        "one pediatric patient treated with tocilizumab in combination with methotrexate (see Table 1)"
        in review
    )
    assert by_table[1].population == "pediatric"
    assert "two patients with SAPHO syndrome did not corroborate these findings (see Table 6)" in review
    assert "SAPHO" in by_table[6].conditions and by_table[6].n_tocilizumab == 2


def test_sections_point_at_the_file(sources):
    for s in sources.values():
        raw = s.path.read_text(encoding="utf-8")
        for sec in s.sections:
            assert raw[sec.offset : sec.offset + len(sec.text)] == sec.text, (s.id, sec.name)


def test_fingerprint_tracks_every_file(sources, corpus_copy):
    before = corpus_fingerprint(load_corpus(corpus_copy))
    assert before == corpus_fingerprint(list(sources.values()))
    path = corpus_copy / "hedrich2023.md"
    path.write_text(path.read_text(encoding="utf-8").replace("substantial", "considerable"), encoding="utf-8")
    edited = corpus_fingerprint(load_corpus(corpus_copy))
    (corpus_copy / "sun2018.md").unlink()
    removed = corpus_fingerprint(load_corpus(corpus_copy))
    assert len({before, edited, removed}) == 3


# ---------------------------------------------------------------- malformed files


def _mutate(path: Path, old: str, new: str) -> None:
    raw = path.read_text(encoding="utf-8")
    assert old in raw, f"test set-up: {old!r} not in {path.name}"
    path.write_text(raw.replace(old, new, 1), encoding="utf-8")


_KAUT = "kaut2022.md"
_HEADER_END = "doi:10.1186/s12969-022-00698-3'\n---\n"
MALFORMED = {
    "missing design": ("design", "design: Retrospective review\n", ""),
    "missing title": ("title", "title: 'Chronic nonbacterial", "titel: 'Chronic nonbacterial"),
    "missing doi": ("doi", "doi: 10.1186/s12969-022-00698-3\n", ""),
    "missing journal": ("journal", "journal: Pediatr Rheumatol Online J\n", ""),
    "null year": ("year", "year: 2022\n", "year: null\n"),
    "year not a number": ("year", "year: 2022\n", "year: twenty-twenty-two\n"),
    "year out of range": ("year", "year: 2022\n", "year: 20222\n"),
    "bad population": ("population", "population: pediatric\n", "population: elderly\n"),
    "conditions not a list": ("conditions", "conditions:\n- CNO\n", "conditions: CNO\n"),
    "n_patients not a number": ("n_patients", "n_patients: 30\n", "n_patients: thirty\n"),
    "unknown outcome": ("outcome", "outcome:\n- not reported\n", "outcome:\n- cured\n"),
    "id not the file name": ("id", "id: kaut2022\n", "id: kaut2021\n"),
    "no header": ("header", "---\nkind: study\n", "kind: study\n"),
    "unclosed header": ("header", _HEADER_END, "doi:10.1186/s12969-022-00698-3'\n"),
    "header not YAML": ("header", "short_name: Kaut 2022\n", "short_name: [Kaut 2022\n"),
    "text before first section": ("body", _HEADER_END + "\n## Title", _HEADER_END + "Stray words\n## Title"),
    "empty section": (
        "section 'Exclusion Criteria'",
        "## Exclusion Criteria\nExclusion Criteria Not specified\n",
        "## Exclusion Criteria\n\n",
    ),
    "outcome quote not in text": (
        "tocilizumab_outcome",
        "tocilizumab_outcome: Second-line strategies",
        "tocilizumab_outcome: Third-line strategies",
    ),
}


@pytest.mark.parametrize("case", sorted(MALFORMED))
def test_malformed_file_raises_corpus_error_naming_file_and_field(corpus_copy, case):
    field, old, new = MALFORMED[case]
    path = corpus_copy / _KAUT
    _mutate(path, old, new)
    with pytest.raises(CorpusError) as info:
        load_corpus(corpus_copy)
    message = str(info.value)
    assert _KAUT in message, message
    assert info.value.field == field, message
    assert f"'{field}'" in message, message


def test_file_that_is_not_utf8(corpus_copy):
    path = corpus_copy / _KAUT
    path.write_bytes(path.read_bytes().replace(b"Belgian", b"Belgi\xe4n"))
    with pytest.raises(CorpusError, match=r"kaut2022\.md: field 'encoding'"):
        load_source(path)


def test_empty_corpus_folder(tmp_path):
    with pytest.raises(CorpusError, match="corpus"):
        load_corpus(tmp_path)


def test_corpus_error_is_a_value_error():
    """Callers catching ValueError (the CLI, the app) also catch corpus errors."""
    assert issubclass(CorpusError, ValueError)
