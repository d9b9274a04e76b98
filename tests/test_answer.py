"""The answer: documented JSON shape, numbered citations that match the [n] markers, verbatim quoted passages."""

from __future__ import annotations

import json
import re
from functools import cache

import pytest

from qa import Answer
from qa.chunking import Chunk
from qa.compose import _joined, asked_part, intents, question_parts
from qa.evaluate import load_questions
from qa.lexicon import words

OUT_OF_SCOPE = ["boiling point of water", "anakinra dosing in gout", "tocilizumab for COVID-19"]
HANDPICKED = [
    "Is there evidence for tocilizumab in CNO?",
    "Has TCZ ever made things worse?",
    "What was the remission rate in the Belgian cohort?",
    "what did the 2024 review conclude about TCZ in CRMO?",
    "does the CARRA consensus address tocilizumab?",
    "Why was tocilizumab chosen for the 53-year-old woman with SAPHO?",
]
MARKER = re.compile(r"\[(\d+)\]")


def _norm(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def answers(engine) -> dict[str, Answer]:
    """Answers to the handpicked questions plus every third in-scope question of the evaluation set.

    In-scope questions wrongly refused are counted by the evaluation bar (test_evaluate); the structure of an
    answer is checked here on those that were answered.
    """
    in_scope = [q["question"] for q in load_questions() if not q["out_of_scope"]]
    questions = list(dict.fromkeys(HANDPICKED + in_scope[::3]))
    answered = {q: engine.ask(q) for q in questions}
    return {q: a for q, a in answered.items() if not a.insufficient_evidence}


def test_handpicked_questions_are_answered(answers):
    assert [q for q in HANDPICKED if q not in answers] == []


@pytest.fixture(scope="module")
def refusals(engine) -> dict[str, Answer]:
    return {q: engine.ask(q) for q in OUT_OF_SCOPE}


def _body(answer: Answer) -> str:
    """The answer text above its reference list."""
    return answer.answer.split("**References**")[0]


def _blocks(answer: Answer) -> list[str]:
    return [b for b in _body(answer).split("\n\n") if b.strip()]


def _lead(answer: Answer) -> str:
    """The answer's first block that is not a notice (the filter line): its lead passages."""
    return next(b for b in _blocks(answer) if not b.startswith("_"))


def _quoted(text: str) -> list[str]:
    """How a passage may appear in an answer: its text on one line; a table row also as "row (part, header)"."""
    forms = [_norm(text)]
    lines = text.split("\n")
    if len(lines) == 2:
        forms.append(f"{_norm(lines[1])} ({{}}, {_norm(lines[0])})")
    return forms


def _units(answer: Answer, n: int) -> list[str]:
    """Every form of every passage of citation n."""
    return [
        form.replace("{}", p.section) for p in answer.passages if p.citation == n for form in _quoted(p.text)
    ]


def _joins(text: str, units: list[str]) -> bool:
    """True when `text` is a space-joined sequence of `units` (each may repeat)."""
    return len(text) in _after(text, 0, units)


def _after(text: str, i: int, units: list[str]) -> set[int]:
    """Positions reachable from i by reading one or more space-separated units."""
    reached, todo = set(), [i]
    while todo:
        at = todo.pop()
        start = at if at == i else at + 1
        if at != i and (at >= len(text) or text[at] != " "):
            continue
        for unit in units:
            end = start + len(unit)
            if text.startswith(unit, start) and end not in reached:
                reached.add(end)
                todo.append(end)
    return reached


def _cited_quotes(text: str, answer: Answer) -> bool:
    """True when `text` is a sequence of "passage ... passage [n]" groups, each passage from citation n's source."""
    numbers = [c.n for c in answer.citations]

    @cache
    def rest(i: int) -> bool:
        if i == len(text):
            return True
        for n in numbers:
            marker = f" [{n}]"
            for j in _after(text, i, _units(answer, n)):
                k = j + len(marker)
                if text.startswith(marker, j) and (k == len(text) or (text[k] == " " and rest(k + 1))):
                    return True
        return False

    return rest(0)


def _failures(answers: dict[str, Answer], check) -> list[str]:
    out = []
    for question, answer in answers.items():
        problem = check(answer)
        if problem:
            out.append(f"{question!r}: {problem}")
    return out


# ---------------------------------------------------------------- the JSON shape

TOP = {
    "question": str,
    "answer": str,
    "insufficient_evidence": bool,
    "evidence_level": (str, type(None)),
}
CITATION = {
    "n": int,
    "source_id": str,
    "title": str,
    "authors": str,
    "journal": (str, type(None)),
    "year": (int, type(None)),
    "doi": (str, type(None)),
}
PASSAGE = {
    "rank": int,
    "score": float,
    "text": str,
    "source_id": str,
    "doi": (str, type(None)),
    "section": str,
    "citation": int,
}


def _check_shape(data: dict) -> None:
    assert list(data) == [*TOP, "citations", "passages"]
    for key, kind in TOP.items():
        assert isinstance(data[key], kind), (key, data[key])
    assert isinstance(data["citations"], list) and isinstance(data["passages"], list)
    for citation in data["citations"]:
        assert set(citation) == set(CITATION)
        for key, kind in CITATION.items():
            assert isinstance(citation[key], kind) and not isinstance(citation[key], bool), (key, citation)
    for passage in data["passages"]:
        assert set(passage) == set(PASSAGE)
        for key, kind in PASSAGE.items():
            assert isinstance(passage[key], kind) and not isinstance(passage[key], bool), (key, passage)


def test_to_dict_is_the_documented_json(answers, refusals):
    for answer in [*answers.values(), *refusals.values()]:
        data = answer.to_dict()
        _check_shape(data)
        assert json.loads(json.dumps(data)) == data


def test_answer_echoes_the_question(answers):
    for question, answer in answers.items():
        assert answer.question == question
        assert answer.answer.strip() and str(answer) == answer.answer


# ---------------------------------------------------------------- citations


def test_every_marker_has_a_citation(answers):
    def check(answer):
        missing = {int(n) for n in MARKER.findall(_body(answer))} - {c.n for c in answer.citations}
        return f"markers without a citation: {sorted(missing)}" if missing else None

    failures = _failures(answers, check)
    assert not failures, "\n".join(failures)


def test_every_citation_is_cited_in_the_answer(answers):
    """A reference the answer lists must be cited by an [n] in the answer text, not only listed."""

    def check(answer):
        uncited = {c.n for c in answer.citations} - {int(n) for n in MARKER.findall(_body(answer))}
        return f"citations never cited in the text: {sorted(uncited)}" if uncited else None

    failures = _failures(answers, check)
    assert not failures, f"{len(failures)} of {len(answers)} answers:\n" + "\n".join(failures)


def test_citations_are_numbered_sources(engine, answers):
    for answer in answers.values():
        assert [c.n for c in answer.citations] == list(range(1, len(answer.citations) + 1))
        assert len({c.source_id for c in answer.citations}) == len(answer.citations)
        for c in answer.citations:
            source = engine.index.sources[c.source_id]
            assert (c.title, c.authors, c.journal, c.year, c.doi) == (
                source["title"],
                source["authors"],
                source["journal"],
                source["year"],
                source["doi"],
            )


def test_reference_list_matches_the_citations(answers):
    for question, answer in answers.items():
        references = answer.answer.split("**References**\n", 1)[1].split("\n\n", 1)[0].split("\n")
        numbers = [int(line.split(".", 1)[0]) for line in references]
        assert numbers == [c.n for c in answer.citations], question
        for line, citation in zip(references, answer.citations, strict=True):
            if citation.doi:
                assert citation.doi in line, (question, line)
            assert citation.title.rstrip(".?") in line, (question, line)


def test_no_ambiguous_markers(answers):
    """A quoted passage's own footnote number ("... blockade. [2]") must not read as one of the answer's [n]."""

    def check(answer):
        doubled = re.findall(r"\[\d+\]\s*\[\d+\]", _body(answer))
        return f"adjacent markers {doubled}" if doubled else None

    failures = _failures(answers, check)
    assert not failures, "\n".join(failures)


# ---------------------------------------------------------------- passages


def test_passages_are_ranked_indexed_and_cited(engine, answers):
    chunks = {(c.source_id, c.section, c.text) for c in engine.index.chunks}
    for question, answer in answers.items():
        passages = answer.passages
        assert [p.rank for p in passages] == list(range(1, len(passages) + 1)), question
        assert len(passages) >= 5, question
        citations = {c.n: c for c in answer.citations}
        for p in passages:
            assert p.citation in citations, (question, p)
            assert citations[p.citation].source_id == p.source_id, (question, p)
            assert p.doi == engine.index.sources[p.source_id]["doi"]
            assert (p.source_id, p.section, p.text) in chunks, (question, p.text[:60])
        assert len({(p.source_id, p.text) for p in passages}) == len(passages), question


def test_the_first_passages_show_every_source_the_answer_cites(answers):
    """After the lead, quoted passages take turns by source: no source's second passage before another's first."""
    checked = 0
    for question, answer in answers.items():
        body = _norm(answer.answer)
        quoted = [p.source_id for p in answer.passages[1:] if _norm(p.text) in body]
        repeat = next((i for i, sid in enumerate(quoted) if sid in quoted[:i]), None)
        if repeat is None:
            continue
        checked += 1
        assert set(quoted) == set(quoted[:repeat]), (question, quoted)
    assert checked >= 10  # answers quoting several passages of one source are common


def test_references_link_each_doi_once(answers):
    for question, answer in answers.items():
        references = answer.answer.split("**References**", 1)[1]
        for citation in answer.citations:
            if citation.doi:
                assert references.count(citation.doi) == 1, (question, citation.doi)
                assert f"<https://doi.org/{citation.doi}>" in references


@pytest.mark.parametrize("k", [1, 3, 8, 20, 50])
def test_k_sets_how_many_passages(engine, k):
    answer = engine.ask("What adverse events were reported with tocilizumab?", k=k)
    assert len(answer.passages) >= k
    assert [p.rank for p in answer.passages] == list(range(1, len(answer.passages) + 1))


def test_lead_quotes_passages_verbatim(answers):
    """The opening sentences (and a bottom line) are passages, quoted whole, each followed by its source's [n]."""
    bottom_line = re.compile(r"^\*\*Bottom line[^*]*\*\* ?(.*)$", re.S)

    def check(answer):
        blocks = [b for b in _blocks(answer) if not b.startswith("_")]
        quoted = [m[1] for b in blocks if (m := bottom_line.match(b))]
        if blocks and not blocks[0].startswith(("**", "|", "- ")):
            quoted.append(blocks[0])
        bad = [_norm(q) for q in quoted if not _cited_quotes(_norm(q), answer)]
        return f"not quoted passages: {bad[0][:160]!r}" if bad else None

    failures = _failures(answers, check)
    assert not failures, "\n".join(failures)


def test_key_evidence_quotes_its_own_source(engine, answers):
    line = re.compile(r"^- \*\*(?P<name>[^*]+)\*\* \((?P<what>[^)]*)\)(: (?P<quote>.*))? \[(?P<n>\d+)\]$")

    def check(answer):
        block = next((b for b in _blocks(answer) if b.startswith("**Key evidence**")), None)
        if block is None:
            return None
        citations = {c.n: c for c in answer.citations}
        for text in block.split("\n")[1:]:
            match = line.match(text)
            if not match:
                return f"unparsable line {text[:80]!r}"
            n = int(match["n"])
            if n not in citations:
                return f"[{n}] has no citation"
            if engine.index.sources[citations[n].source_id]["short_name"] != match["name"]:
                return f"{match['name']} is cited as [{n}] = {citations[n].source_id}"
            if match["quote"] in (None, "quoted above"):
                continue  # a source already quoted in the lead
            if not _joins(_norm(match["quote"].replace(" … ", " ")), _units(answer, n)):  # … marks a gap
                return f"not passages of [{n}] {citations[n].source_id}: {match['quote'][:100]!r}"
        return None

    failures = _failures(answers, check)
    assert not failures, "\n".join(failures)


def _synthesis(answer: Answer):
    blocks = _blocks(answer)
    table = next((b for b in blocks if b.startswith("| Study |")), None)
    if table is None:
        return None
    count = next(b for b in blocks if re.match(r"\*\*\d+ stud", b))
    quotes = next(b for b in blocks if b.startswith("- ") and not b.startswith("- **"))
    return count, table.split("\n")[2:], quotes.split("\n")


def test_synthesis_table_and_counts_come_from_metadata(engine, answers):
    synthesized = {q: a for q, a in answers.items() if _synthesis(a)}
    assert synthesized, "no synthesis answer among the questions"
    for question, answer in synthesized.items():
        count, rows, _ = _synthesis(answer)
        citations = {c.n: c for c in answer.citations}
        treated = 0
        for row in rows:
            cells = [c.strip() for c in row.strip("|").split("|")]
            name, n = re.fullmatch(r"(.+) \[(\d+)\]", cells[0]).groups()
            source = engine.index.sources[citations[int(n)].source_id]
            assert source["kind"] == "study" and source["short_name"] == name, (question, row)
            assert cells[1] == source["design"] and cells[3] == source["population"], (question, row)
            assert cells[2] == str(source["n_patients"] or "-"), (question, row)
            treated += source["n_tocilizumab"] or 0
        match = re.match(r"\*\*(\d+) stud(?:y|ies)\*\*.*?\((\d+) treated patients?", count)
        assert match, (question, count)
        studies, patients = map(int, match.groups())
        assert (studies, patients) == (len(rows), treated), (question, count)


def test_synthesis_quotes_are_verbatim_from_the_cited_study(engine, answers):
    texts = {}
    for chunk in engine.index.chunks:
        texts.setdefault(chunk.source_id, []).append(_norm(chunk.text))
    for question, answer in answers.items():
        parts = _synthesis(answer)
        if not parts:
            continue
        citations = {c.n: c for c in answer.citations}
        for line in parts[2]:
            match = re.fullmatch(r"- (?P<name>.+?): (?P<quote>.*) \[(?P<n>\d+)\]", line)
            assert match, (question, line)
            sid = citations[int(match["n"])].source_id
            # the quote is one or more whole passages of that study, each returned among the passages
            rest = _norm(match["quote"])
            own = [_norm(p.text) for p in answer.passages if p.source_id == sid]
            while rest:
                piece = next((t for t in own if rest.startswith(t)), None)
                assert piece, (question, sid, f"not a returned passage: {rest[:80]}")
                assert piece in texts[sid], (question, sid, piece[:80])
                rest = rest[len(piece) :].lstrip()


def test_level_of_evidence(engine, answers):
    report = next(sid for sid, s in engine.index.sources.items() if s["kind"] == "report")
    level = engine.index.sources[report]["evidence_level"]
    for question, answer in answers.items():
        assert not answer.insufficient_evidence, question
        assert answer.evidence_level == "D" == level.split(" - ")[0], question
        n = next(c.n for c in answer.citations if c.source_id == report)
        assert f"**Level of evidence:** {level} [{n}]" in answer.answer, question


# ---------------------------------------------------------------- refusals


def test_out_of_scope_answers_cite_nothing(refusals):
    for question, answer in refusals.items():
        assert answer.insufficient_evidence, question
        assert answer.citations == [] and answer.passages == [], question
        assert answer.evidence_level is None
        assert not MARKER.search(answer.answer), question
        assert "insufficient evidence" in answer.answer.lower()


def test_quote_checks_catch_a_misquote_or_a_wrong_number(answers):
    """The checks above are not vacuous: an altered word or a wrong [n] is caught."""
    answer = next(a for a in answers.values() if len(a.citations) > 1)
    first = next(p for p in answer.passages if "[" not in p.text)
    good = f"{_norm(first.text)} [{first.citation}]"
    assert _cited_quotes(good, answer)
    wrong_number = len(answer.citations) if first.citation != len(answer.citations) else 1
    assert not _cited_quotes(f"{_norm(first.text)} [{wrong_number}]", answer)
    assert not _cited_quotes(good.replace(" ", " not ", 1), answer)
    assert not _cited_quotes(good.removesuffix(f" [{first.citation}]"), answer)


def test_a_stated_age_names_a_patient_and_does_not_ask_an_age():
    assert "age" not in intents("what dose of toci was given to the 29 year old SAPHO woman?")
    assert "dose" in intents("what dose of toci was given to the 29 year old SAPHO woman?")
    assert "age" in intents("how old was the man in the Sato report?")


def test_dose_question_about_a_described_patient_leads_with_the_dose(engine):
    answer = engine.ask("what dose of toci was given to the 29 year old SAPHO woman?")
    lead = _blocks(answer)[1]  # after the "narrowed to SAPHO" line
    assert "8 mg/kg" in lead and "29-year-old" not in lead.split("[")[0][:40]


def test_questions_about_other_agents_get_no_tocilizumab_synthesis(engine):
    """ "Which agents have prospective data on safety" asks about agents, not for the tocilizumab evidence table."""
    answer = engine.ask("which agents have prospective data on efficacy and safety in CNO?")
    assert "| Study |" not in answer.answer
    assert "naproxen" in answer.answer and "pamidronate" in answer.answer
    assert answer.passages[0].source_id == "hedrich2023"
    assert "| Study |" in engine.ask("What adverse events were reported with tocilizumab?").answer


def test_a_sentence_that_completes_the_lead_is_quoted_with_it(engine):
    """'Of note, tocilizumab is not specifically addressed in this consensus' answers only after its lead."""
    answer = engine.ask("do the CARRA consensus treatment plans cover Actemra at all?")
    lead = _blocks(answer)[0] if not _blocks(answer)[0].startswith("_") else _blocks(answer)[1]
    assert "Childhood Arthritis and Rheumatology Research Alliance" in lead
    assert "not specifically addressed" in lead
    assert lead.index("Childhood Arthritis") < lead.index("not specifically addressed")


def test_quality_of_evidence_questions_lead_with_the_level(engine):
    for question in (
        "Is there any good-quality evidence supporting tocilizumab for CNO?",
        "is the data solid enough to make tocilizumab standard practice?",
    ):
        answer = engine.ask(question)
        assert answer.passages[0].source_id == "report", question
        lead = _lead(answer)
        assert lead.startswith("D - Case reports or unreliable data ["), question


def test_synthesis_rows_name_the_patients_of_case_studies(engine):
    answer = engine.ask("any data on tocilizumab in adults with CNO?")
    assert "Sato 2017 (48-year-old man; 26-year-old man):" in answer.answer


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        # after the drug: what followed it in the same case; before: what came earlier
        ("the 29-year-old with SAPHO: what helped after tocilizumab failed?", "minocycline"),
        ("in the younger man, what was tried before tocilizumab?", "methotrexate and prednisolone"),
    ],
)
def test_before_and_after_questions_follow_the_case_order(engine, question, expected):
    answer = engine.ask(question)
    assert expected in _body(answer)
    lead = _lead(answer)
    assert not lead.startswith("A 29-year-old")  # the age that named the patient does not pick the sentence


def test_safety_synthesis_quotes_the_harm_and_the_authors_verdict_on_it(engine):
    answer = engine.ask("safety concerns with tocilizumab in SAPHO?")
    row = next(line for line in answer.answer.splitlines() if line.startswith("- Fujita 2015"))
    assert "subcutaneous abscess" in row and "may induce aseptic abscesses" in row
    assert row.index("subcutaneous abscess") < row.index("may induce aseptic abscesses")  # reading order


def test_synthesis_quotes_what_reviews_say_about_the_population(engine):
    answer = engine.ask("any data on tocilizumab in children with CNO?")
    reviews = answer.answer.split("**What the reviews say**")[1].split("\n\n")[0]
    assert "one pediatric patient" in reviews


def test_case_order_is_read_from_the_part(engine):
    """In Sun 2018's second case, minocycline comes after tocilizumab is first named, the presentation before."""
    part = [c for c in engine.index.chunks if c.source_id == "sun2018" and c.section == "Case presentation 2"]
    later = next(c for c in part if "minocycline" in c.text)
    first = part[0]
    assert engine.composer._in_order(later, {"tocilizumab"}, "after")
    assert not engine.composer._in_order(later, {"tocilizumab"}, "before")
    assert engine.composer._in_order(first, {"tocilizumab"}, "before")
    assert not engine.composer._in_order(first, {"anakinra"}, "before")  # no anchor in the part: no order


@pytest.mark.parametrize(
    "question",
    [
        "is there evidence for tocilizumab in patients with CNO?",
        "What adverse events were reported in patients given tocilizumab?",
        "IL6 blockade in grown men with CRMO - how did they do?",
        # a tally of every patient given the drug: the table counts them, each row says what happened
        "all the sapho pts given toci - how many in total and what happened to them",
        "pull together all the SAPHO pts who got tocilizumab - how many cases and what were the outcomes?",
        # "does that X actually help ...?", "is there real proof ...?": whether it works
        "does that rheumatoid arthritis drip actually help kids and grown-ups whose bones get inflamed?",
        "Is there real proof that the arthritis drip that blocks IL-6 helps kids with sterile bone inflammation?",
    ],
)
def test_evidence_questions_get_the_synthesis(engine, question):
    assert "| Study |" in engine.ask(question).answer


def test_a_tally_of_sapho_patients_quotes_each_ones_outcome(engine):
    text = engine.ask(
        "all SAPHO pts treated with TCZ in the lit - how many and how did they do overall?"
    ).answer
    assert "developed intractable chest pain" in text  # Fujita's patient
    assert "tocilizumab showed a limited therapeutic effect" in text  # Sun's two women
    # "is it all case reports?" asks about the kind of evidence, not for every patient
    answer = engine.ask("any rcts for toci in cno or is it all case reports")
    assert "| Study |" not in answer.answer and answer.passages[0].source_id == "report"


@pytest.mark.parametrize(
    "question",
    [
        "were adults included in the cam cno cohort or peds only",
        "Did the Cam 2025 CNO cohort include any adults, or kids only?",
        "would a 19 year old have been included in the 80 kid referral study? who did they leave out",
    ],
)
def test_who_a_cohort_included_is_answered_by_its_exclusion_criteria(engine, question):
    assert "were over the age of 18" in engine.ask(question).answer


@pytest.mark.parametrize(
    ("question", "cue"),
    [
        ("Has the IL-6 drug helped grown men whose shin bones were inflamed for decades?", "response"),
        (
            "Two SAPHO women got TCZ. Overall, was it worth it according to the doctors who treated them?",
            "conclusion",
        ),
        ("Kaut 2022 pop: which children were included?", "inclusion"),
        ("who was in the Kaut study?", "inclusion"),
        ("over which years did the Kaut study run?", "duration"),
        ("any data on TCZ in elderly (75+) patients with SAPHO?", "age"),  # the 78-year-old man
        ("According to the 2024 pathophysiology review, how did toci do in adults?", "conclusion"),
        # typed fast, and "the clinical course": how it went
        ("48yo man, tibial osteosclerosis, high IL-6/TNF - started on TCZ. what happend?", "response"),
        ("In the 2 SAPHO women given TCZ, how did the labs compare with the clinical course?", "response"),
        # across the sources: which case reports, the CRMO and SAPHO cases
        ("which case reports measured serum IL-6 before toci?", "multi"),
        ("IL-6 levels before toci in the adult CRMO/SAPHO cases - were they raised?", "multi"),
    ],
)
def test_lay_ways_of_asking_for_a_part_of_a_study(question, cue):
    assert cue in intents(question)


def test_il6_measured_in_the_case_reports_quotes_each_case(engine):
    text = engine.ask("which case reports measured serum IL-6 before or after toci, and was it high").answer
    assert "Elevated serum IL-6 and TNF-α levels" in text  # Sato's men
    assert (
        "markedly elevated serum IL-6 levels" in text or "elevated ESR, IL-6, and TNF-α levels" in text
    )  # SAPHO


@pytest.mark.parametrize(
    "question",
    [
        "78 y/o man, SAPHO for >10 yrs with sternoclavicular swelling, severe renal failure and AA amyloidosis, "
        "given toci 8mg/kg. what happened after?",
    ],
)
def test_what_happened_after_the_drug_quotes_the_response_and_what_followed(engine, question):
    text = engine.ask(question).answer
    assert "significant improvements were noted" in text  # how it went at first
    assert "subcutaneous abscess" in text  # what followed


def test_a_short_answer_quotes_the_next_passages_too(engine):
    answer = engine.ask(
        "the chest wall abscess after TCZ - was it actually an infection? what did bloods show?"
    )
    text = answer.answer
    assert "Despite the absence of infectious pathogens" in text  # was it an infection
    assert "markedly elevated serum IL-6 levels" in text  # what the bloods showed
    assert len(text) < 1800


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        (
            "which gout medicine was tried in the 26-year-old before IL-6 blockade, and did it help?",
            "colchicine",
        ),
        ("did the younger woman's IL-6 drug help?", "inflammatory markers normalized after the first dose"),
    ],
)
def test_questions_about_one_patient_get_that_case_not_the_synthesis(engine, question, expected):
    answer = engine.ask(question)
    assert "| Study |" not in answer.answer
    assert expected in _body(answer)


def test_a_relative_clause_describes_and_does_not_ask():
    """ "the man who got an abscess after the IL-6 drug — how were his kidneys?" asks no "after" question."""
    assert "after" not in intents(
        "the elderly man who got an abscess after the IL-6 drug — how were his kidneys?"
    )
    assert "after" in intents("the 29-year-old with SAPHO: what helped after tocilizumab failed?")
    assert "before" in intents("what was tried before tocilizumab in the man who had epilepsy?")


def test_a_drug_class_finds_the_drugs_the_text_names(engine):
    answer = engine.ask("second anti-TNF after the first one failed in kids - how'd that go")
    assert "switched to adalimumab" in _body(answer)


def test_a_bare_drug_and_population_is_an_evidence_question(engine):
    assert "evidence" in intents("toci in kids?") and "evidence" in intents("actemra sapho")
    assert "evidence" not in intents("tocilizumab dose?")
    assert "| Study |" in engine.ask("toci in kids?").answer


def test_a_question_across_reports_quotes_each_source_with_the_asked_for_detail(engine):
    answer = engine.ask("what's the tocilizumab dose used in these reports?")
    lead = _lead(answer)
    cited = {int(n) for n in MARKER.findall(lead)}
    assert len(cited) >= 2 and lead.count("8 mg/kg") >= 2, lead


def test_the_overall_evidence_question_leads_with_the_reports_conclusion(engine):
    """ "Is there evidence it works in CNO?" is what the report answers: its conclusion first, then the studies."""
    answer = engine.ask("is there any evidence actemra works in CNO?")
    first = _lead(answer)
    assert first.startswith("**Bottom line (report):**") and "remains uncertain" in first
    assert answer.passages[0].source_id == "report" and "| Study |" in answer.answer
    adults = engine.ask("does tocilizumab work in adults with CNO?")  # narrowed: the studies lead
    assert not next(b for b in _blocks(adults) if not b.startswith("_")).startswith("**Bottom line")


def test_an_outcome_question_asks_what_came_after():
    assert "response" in intents("53F with a history of thyroid cancer - why TCZ and what happened?")
    assert "response" in intents("man treated with TCZ at 48 - outcome?")
    assert "response" in intents(
        "53 y/o woman w/ SAPHO, given toci 8mg/kg. response??"
    )  # the bare word asked
    assert "response" in intents("48M, tibial osteosclerosis, started on toci. what was the response?")
    assert "response" not in intents(
        "did high IL-6 predict a response?"
    )  # what predicts one, not how it went


def test_did_the_drip_help_them_reads_from_the_drug_on_when_no_drug_is_named(engine):
    """ "did the anti-inflammatory drip sort them out?" names no drug: how tocilizumab went, not the history."""
    answer = engine.ask(
        "the grown men whose shin bones thickened and whose leg muscles lit up on the scan - did the "
        "anti-inflammatory drip sort them out?"
    )
    lead = _lead(answer)
    assert lead.startswith("Bilateral lower leg pain was reduced, CRP levels normalized")


def test_a_bare_response_after_a_patients_description_quotes_how_it_went(engine):
    answer = engine.ask(
        "53 y/o woman w/ palmoplantar pustulosis since 2008 + SAPHO, previous thyroid ca, given toci "
        "8mg/kg. resposne??"
    )
    assert "ESR decreased rapidly" in answer.answer
    assert "new painful swelling of the left wrist developed" in answer.answer


def test_lay_words_reach_the_clinical_terms(engine):
    assert (
        "spinal involvement"
        in engine.ask("in the Belgian series, who had the poorer long-term outlook?").answer
    )
    assert "| Study |" in engine.ask("is actemra safe in SAPHO?").answer


def test_the_asked_part_after_a_patients_description():
    assert asked_part("man with shin pain since age 17, treated with TCZ at 48 - outcome?") == "outcome?"
    assert asked_part("the 29-year-old with SAPHO: what helped after tocilizumab failed?") == (
        "what helped after tocilizumab failed?"
    )
    assert asked_part("second anti-TNF after the first one failed in kids - how'd that go") is None  # a topic
    cues = intents("man with shin pain since age 17, treated with TCZ at 48 - outcome?")
    assert "age" not in cues and "response" in cues  # "since age 17" describes; "outcome?" asks


def test_an_outcome_question_about_a_described_patient_reads_past_the_drug(engine):
    answer = engine.ask("man with on-and-off right shin pain since age 17, treated with TCZ at 48 - outcome?")
    assert "cessation of analgesics" in _body(answer)


def test_can_it_make_the_disease_worse_gets_the_synthesis(engine):
    answer = engine.ask("can tocilizumab make CRMO or SAPHO worse?")
    assert "| Study |" in answer.answer and "may have induced worsening" in answer.answer


def test_bottom_line_questions_get_the_synthesis(engine):
    assert "evidence" in intents("bottom line on tocilizumab for chronic nonbacterial osteomyelitis?")
    answer = engine.ask("bottom line on tocilizumab for chronic nonbacterial osteomyelitis?")
    assert "**Bottom line (report):**" in answer.answer and "| Study |" in answer.answer


def test_how_did_the_patient_respond_reads_from_the_drugs_sentence_on(engine):
    assert "response" in intents("78 y/o man with amyloid - how did he respond to TCZ?")
    answer = engine.ask(
        "78 y/o man, decade of painful swollen sternoclavicular joints - how did he respond to TCZ?"
    )
    assert "significant improvements were noted" in _body(answer)
    sun = engine.ask("29 year old woman with SAPHO, fertility concerns, put on tocilizumab - outcome?")
    assert "worsening mandibular osteolysis" in _body(sun)


def test_what_predicted_picks_the_table_row_with_small_p_values(engine):
    """Of the relapse table's rows, only 'Total number of involved bones' has p < 0.05 in both analyses."""
    assert "significance" in intents("relapse predictors in pediatric CNO?")
    assert "significance" not in intents("what % had bone pain at baseline in the relapse predictors study")
    answer = engine.ask("relapse predictors in pediatric CNO from the referral center study?")
    lead = _lead(answer)
    assert "Total number of involved bones" in lead and "Skin involvement" not in lead, lead[:300]


def test_does_another_treatment_work_prefers_the_larger_study(engine):
    answer = engine.ask("Do TNF inhibitors work for kids with CNO?")
    lead = _lead(answer)
    assert (
        "effectiveness of anti-TNF therapies" in lead
    )  # the 80-patient cohort, not only the one-patient report


def test_a_compound_question_is_split_into_standalone_parts():
    assert question_parts("53F with a history of thyroid cancer - why TCZ and what happened?") == [
        "53F with a history of thyroid cancer - why TCZ?",
        "53F with a history of thyroid cancer - what happened (tocilizumab)?",  # "what happened" to the drug
    ]
    assert question_parts("In the 80-child cohort, how many got etanercept and how many responded?") == [
        "In the 80-child cohort, how many got etanercept?",
        "In the 80-child cohort, how many responded (etanercept)?",
    ]
    assert question_parts("Is tocilizumab safe in SAPHO? any adverse events reported?")[1] == (
        "any adverse events reported (tocilizumab)?"
    )
    # "A vs B": a side may be one name of a condition, group or drug; "better vs worse" compares nothing asked
    assert question_parts("adult-onset CRMO vs SAPHO - does TCZ work differently?") == [
        "adult-onset CRMO - does TCZ work differently?",
        "SAPHO - does TCZ work differently?",
    ]
    assert question_parts("better vs worse?") == ["better vs worse?"]
    # after a patient's description, a bare ask of a few words is a part, not a setting
    assert question_parts(
        "78M with SAPHO got RoActemra. Initial response, and what complication followed?"
    ) == [
        "78M with SAPHO got RoActemra. Initial response (tocilizumab)?",
        "78M with SAPHO got RoActemra. what complication followed (tocilizumab)?",
    ]
    # "? And how many ...": a second question
    assert (
        len(question_parts("In Cam 2025, how many responded to etanercept? And how many to adalimumab?")) == 2
    )
    # "has anybody ..." after the setting is a question of its own
    assert question_parts("For kids with CNO, has anybody given TCZ with another drug, and what was it?") == [
        "For kids with CNO, has anybody given TCZ with another drug?",
        "For kids with CNO, what was it (tocilizumab)?",
    ]
    for single in (
        "if the child has to stay on anti-TNF despite the skin flare, what are the options?",  # one question
        "what did the authors conclude?",
        # a further relative clause and a passive's verb continue the patients' description; one question
        "Two men whose CNO began in adulthood, and who also had myositis, were given TCZ. Did it help them?",
        "when toci failed in these case reports, what rescue treatment finally worked?",  # "when" sets the scene
    ):
        assert question_parts(single) == [single]


def test_a_lay_description_of_patients_then_did_it_help_quotes_the_result(engine):
    answer = engine.ask(
        "Two grown men whose germ-free bone inflammation began in adulthood, and who also had inflamed muscles on "
        "scans, were given an antibody against the interleukin-six receptor. Did it help them?"
    )
    assert answer.passages[0].source_id == "sato2017"
    assert "led to significant improvement" in answer.answer  # how it went for each man
    assert "rheumatoid arthritis was suspected" not in answer.answer  # not the men's history


@pytest.mark.parametrize(
    "question",
    [
        "What did the 2024 Roberts review say about toci in adult-onset CNO compared with the SAPHO pts?",  # author
        "How does the published toci experience in adult-onset CNO compare with that in SAPHO, according to the "
        "2024 pathophysiology review?",  # title
    ],
)
def test_a_review_named_by_author_or_title_answers_in_its_own_words(engine, question):
    answer = engine.ask(question)
    assert answer.passages[0].source_id == "roberts2024"
    assert "did not corroborate these findings" in answer.answer


@pytest.mark.parametrize(
    "question",
    [
        "TCZ in adult onset CNO vs in SAPHO - same results or not?",
        "Were toci results in SAPHO consistent with what was seen in adult-onset CNO?",
        "How do the toci results in adult CNO compare with those in SAPHO syndrome?",  # not a table of studies
    ],
)
def test_same_results_in_two_conditions_is_answered_by_the_review_that_compares_them(engine, question):
    answer = engine.ask(question)
    assert answer.passages[0].source_id == "roberts2024"
    assert "did not corroborate these findings" in answer.answer


def test_each_side_named_by_title_or_author_answers_from_its_own_study(engine):
    answer = engine.ask("Age at CNO diagnosis in the Belgian cohort vs the Cam 2025 cohort - similar?")
    text = " ".join(answer.answer.split())
    assert "Mean age at diagnosis, years 11.7" in text  # Kaut 2022, the Belgian cohort
    assert "Age at diagnosis, years 11.6 ± 3.4" in text  # Cam 2025
    lead = _lead(answer)
    assert (
        "did not attend an outpatient clinic visit" not in lead
    )  # who was kept out is not an age asked about


def test_a_study_named_by_its_title_and_size_gives_its_own_critique_not_the_reports_level(engine):
    answer = engine.ask(
        "The belgian cohort of 30 children lists tocilizumab among treatments. Does that study give good "
        "evidence that toci works? what are its limitations?"
    )
    assert answer.passages[0].source_id == "kaut2022"
    assert "small sample size limit the generalizability" in answer.answer
    lead = _lead(answer)
    assert not lead.startswith("D - Case reports")  # the report's level is not what was asked of the study


@pytest.mark.parametrize(
    "question",
    [
        "did toci results in SAPHO match the good results seen in adult-onset CNO?",
        "How did the interleukin six drug do in grown-ups whose bone inflammation began in adulthood, compared "
        "with the acne-pustule-bone syndrome?",
    ],
)
def test_sapho_set_against_cno_without_vs_compares_then_gives_each_conditions_results(engine, question):
    """The review's comparing sentence leads; then how the authors of each condition's studies said toci did."""
    answer = engine.ask(question)
    assert answer.passages[0].source_id == "roberts2024"
    lead = _lead(answer)
    assert lead.startswith(
        "In contrast, reported use of tocilizumab in two patients with SAPHO syndrome did not"
    )
    assert "led to significant improvement" in lead  # Sato 2017, adult-onset CRMO
    assert "limited therapeutic effect" in lead  # Sun 2018, SAPHO


def test_each_side_of_a_comparison_of_groups_quotes_its_own_studies(engine):
    """'adult CRMO vs SAPHO': each side's result comes from the studies of the group it names."""
    answer = engine.ask("adult CRMO vs SAPHO - did toci do better in one than the other?")
    lead = _lead(answer)
    cited = {c.n: c.source_id for c in answer.citations}
    assert {"sato2017", "sun2018"} <= {cited[int(n)] for n in re.findall(r"\[(\d+)\]", lead)}, lead
    assert "worsening" in lead


def test_inflammatory_markers_are_found_as_esr_and_crp(engine):
    answer = engine.ask(
        "in the two Sun SAPHO pts, how did the lab markers behave compared with the clinical course?"
    )
    assert (
        "ESR decreased rapidly" in answer.answer and "inflammatory markers remained normal" in answer.answer
    )


def test_overall_questions_lead_with_the_reports_bottom_line(engine):
    answer = engine.ask(
        "Overall, has TCZ been reported to make these autoinflammatory bone conditions worse?"
    )
    assert answer.passages[0].source_id == "report"
    assert _body(answer).index("**Bottom line (report):**") < _body(answer).index("| Study |")


def test_how_many_are_reported_is_a_tally_of_patients_not_of_reports(engine):
    answer = engine.ask(
        "adult onset CRMO only: how many adults are reported on TCZ and what was the outcome?"
    )
    assert "| Sato 2017 [" in answer.answer and "led to significant improvement" in answer.answer
    reports = engine.ask("how many published reports are there on toci in CNO/CRMO?")
    assert "| Study |" not in reports.answer  # counts reports: the sentence that says how many


def test_every_patient_of_a_group_is_a_synthesis_not_one_case(engine):
    answer = engine.ask(
        "Summarize every SAPHO pt treated with TCZ in the literature: how many, and what happened?"
    )
    assert "| Fujita 2015 [" in answer.answer and "| Sun 2018 [" in answer.answer  # a row for each study


def test_a_patients_response_and_complication_are_both_quoted(engine):
    answer = engine.ask(
        "78-year-old male with SAPHO, severe renal failure and serum amyloid A elevation received RoActemra. "
        "Initial response, and what complication followed?"
    )
    text = answer.answer.lower()
    assert "significant improvements were noted" in text  # the response
    assert "subcutaneous abscess on the anterior chest wall" in text  # the complication that followed


def test_each_part_of_a_compound_question_is_answered(engine):
    answer = engine.ask(
        "the 26 year old man with epilepsy - did colchicine work, and what about the IL-6 drug?"
    )
    lead = _lead(answer)
    assert "colchicine, which was ineffective" in lead and "led to significant improvement" in lead, lead


def test_passages_quoted_together_mark_the_text_left_out():
    def chunk(text: str, start: int, kind: str = "sentence") -> Chunk:
        return Chunk(f"x:{start}", "x", "Results", text, text, start, start + len(text), kind)

    first, next_one, later = chunk("One.", 0), chunk("Two.", 5), chunk("Four.", 20)
    assert _joined([first, next_one]) == "One. Two."  # adjacent sentences read on
    assert _joined([first, next_one, later]) == "One. Two. … Four."


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        (
            "Old man got an IL6 infusion for SAPHO and 3 wks later developed a sterile pus collection over his "
            "breastbone - how did they treat it?",
            "managed with infliximab and prednisolone",
        ),
        (
            "The 53-year-old SAPHO patient worsened on tocilizumab with a new painful swollen wrist - what was "
            "done next?",
            "systemic corticosteroids were initiated",
        ),
    ],
)
def test_what_was_done_next_reads_on_from_the_event_described(engine, question, expected):
    assert "next" in intents(question)
    assert expected in _body(engine.ask(question))


def test_weak_points_and_how_much_weight_ask_for_the_critique(engine):
    question = "How much weight can I put on the Belgium kids paper - what are its weak spots?"
    assert intents(question) == {"critique"}  # "how much weight" asks no number or dose
    answer = engine.ask(question)
    critique = [p for p in answer.passages if p.source_id == "kaut2022" and p.section == "Critique"]
    assert any(_norm(p.text) in _norm(_body(answer)) for p in critique), _body(answer)


@pytest.mark.parametrize(
    ("question", "cue", "expected"),
    [
        ("How does toci actually work - what does it latch onto?", "mechanism", "receptor antagonist"),
        ("Remind me how toci works - what exactly does it block?", "mechanism", "IL-6"),
        (
            "Why would anyone think blocking interleukin six could help this bone problem in the first place?",
            "rationale",
            "elevated",
        ),
        (
            "any high-quality trials yet for sterile bone inflammation in kids, or is it all anecdote?",
            "trials",
            "trial",
        ),
        (
            "wat does SAPHO stand for",
            "definition",
            "synovitis, acne, pustulosis, hyperostosis, and osteitis (SAPHO)",
        ),
    ],
)
def test_mechanism_rationale_and_definition_questions(engine, question, cue, expected):
    assert cue in intents(question) and "evidence" not in intents(
        question
    )  # "how does it work" is no efficacy ask
    lead = next(b for b in _blocks(engine.ask(question)) if not b.startswith("_"))
    assert expected in lead, lead


def test_has_blocking_the_receptor_helped_is_an_evidence_question(engine):
    question = (
        "Has blocking the IL-6 receptor helped grown-ups whose sterile bone disease started in adulthood?"
    )
    assert "evidence" in intents(question)
    answer = engine.ask(question)
    assert "| Study |" in answer.answer and "Sato 2017" in answer.answer


def test_a_synthesis_quotes_what_a_review_says_of_tocilizumab_use_even_if_not_retrieved(engine):
    answer = engine.ask("any data on the IL-6 blocker in kids with CNO?")
    reviews = answer.answer.split("**What the reviews say**", 1)[1].split("\n\n", 1)[0]
    assert "one pediatric patient treated with tocilizumab in combination with methotrexate" in reviews


@pytest.mark.parametrize(
    "question",
    [
        "What's the biological logic for trying toci in these sterile bone conditions in the first place?",
        "why would doctors even think an arthritis drip aimed at that inflammatory messenger could help a "
        "germ-free bone disease?",
        "is there a scientific reason to think switching off that one immune signalling protein would help "
        "germ-free bone inflammation?",
    ],
)
def test_a_rationale_question_is_answered_from_the_reviews_not_a_case(engine, question):
    answer = engine.ask(question)
    assert answer.passages[0].source_id in {"report", "roberts2024", "hedrich2023"}  # a background paper
    assert "rationale" in _lead(answer)


@pytest.mark.parametrize(
    "question",
    [
        "Do scans actually get better on tocilizumab in grown-ups with CRMO?",
        "In the 26 yo man w adult-onset CRMO, what did follow-up MRI show on TCZ?",
        "Young guy with seizures on Keppra - did toci sort him out?",
        "Adult-onset CRMO with muscle signal on MRI: was it successfully controlled with tocilizumab?",
    ],
)
def test_how_it_went_on_the_drug_is_a_response_question(question):
    assert "response" in intents(question)


def test_the_bottom_line_of_a_named_review_is_that_reviews_conclusion(engine):
    answer = engine.ask("What was the bottom line of the 2024 Roberts review on tocilizumab in CNO/CRMO?")
    assert answer.passages[0].source_id == "roberts2024" and "| Study |" not in answer.answer
    assert "The review concludes" in _lead(answer)
    # no source named: the synthesis
    assert "| Study |" in engine.ask("bottom line on tocilizumab for CNO?").answer


def test_a_treatment_across_the_papers_is_quoted_from_each_source_that_names_it(engine):
    answer = engine.ask("Where do bisphosphonates fit across these papers?")
    lead = _lead(answer)
    cited = {answer.passages[i].source_id for i in range(3)}
    assert len(cited) == 3 and lead.lower().count("bisphosphonate") >= 3, lead


def test_a_relative_clause_stops_at_the_dash_before_the_question():
    """ "kids who flopped on the first TNF blocker - how many did well?": the clause describes, "how many" asks."""
    assert intents(
        "Kids who flopped on the first TNF blocker and were moved to a second one - how many did well?"
    ) == {"number"}
    assert "number" in intents(
        "the woman whose white cells crashed on the IL-6 drug - how soon did it happen?"
    )


def test_an_outcome_question_reads_from_the_asked_drug_and_goes_on_with_how_it_went(engine):
    """The drugs of the history ("previously on prednisolone") do not order the case; the asked drug does."""
    answer = engine.ask(
        "48M, intermittent R lower leg pain since age 17, previously on prednisolone + salazosulfapyridine. "
        "outcome on tocilizumab?"
    )
    lead = _lead(answer)
    assert "cessation of analgesics" in lead and "MRI findings improved" in lead, lead
    assert "At age 41" not in lead


def test_which_drug_questions_lead_with_a_passage_that_names_drugs(engine):
    answer = engine.ask(
        "which drug class did most of the heavy lifting in getting kids into remission at the tertiary centre?"
    )
    lead = _lead(answer)
    assert answer.passages[0].source_id == "cam2025" and "anti-tnf" in lead.lower(), lead


def test_kidney_failure_is_no_treatment_failure(engine):
    """'SAPHO with kidney failure' asks about the case with renal failure, not about tocilizumab failing."""
    answer = engine.ask(
        "Is there any tocilizumab experience in SAPHO pts who also have AA amyloidosis / kidney failure?"
    )
    assert answer.passages[0].source_id == "fujita2015"


def test_any_data_in_other_words_is_an_evidence_question(engine):
    assert "evidence" in intents("adults with CNO (not SAPHO) - any toci data at all?")
    answer = engine.ask("adults with CNO (not SAPHO) - any toci data at all?")
    assert "two adults with adult-onset CNO treated with tocilizumab" in answer.answer
    assert "| Sato 2017 [" in answer.answer and "| Sun 2018" not in answer.answer


def test_a_long_question_after_the_patient_description_is_the_asked_part(engine):
    question = (
        "the young man with seizures on two anti-seizure meds whose leg muscles lit up on the scan - before the "
        "interleukin-six blocker they tried an old gout remedy, did that do anything?"
    )
    assert asked_part(question).startswith("before the interleukin-six blocker")
    assert "a trial of colchicine, which was ineffective" in engine.ask(question).answer


@pytest.mark.parametrize(
    ("question", "cue", "present"),
    [
        ("48M with shin pain - did the infusion let him stop pain pills?", "response", True),
        ("how did the scans change on toci?", "response", True),
        ("man with pain in both shinbones - what was his CRP?", "multi", False),
        ("did both studies report adverse events?", "multi", True),
        ("the man's sterile chest abscess on TCZ - what did they put that down to?", "why", True),
        ("What makes a flare-up come back in children with CNO?", "significance", True),
        ("when toci failed in these case reports, what rescue treatment finally worked?", "next", True),
        ("Compare toci in adult CNO and SAPHO as summarised in the 2024 review", "conclusion", True),
        # a drug described at length: the words between "did the" and "help" are many
        ("did the arthritis drip that turns down an immune signal help those two ladies?", "response", True),
        ("has it ever helped grown men with shin pain?", "each", True),  # a plural patient group: every case
        (
            "the man with the chest abscess on TCZ - how it was treated?",
            "next",
            True,
        ),  # word order of a learner
        ("where did they look for articles for the drug information answer?", "search", True),
    ],
)
def test_response_and_comparison_cues(question, cue, present):
    assert (cue in intents(question)) is present


def test_then_what_reads_on_from_the_event_the_asked_part_tells(engine):
    answer = engine.ask(
        "78M with >10 yrs of sternoclavicular swelling, severe renal failure, high SAA/CRP. "
        "got toci, joints got better but then what?"
    )
    assert "subcutaneous abscess on the anterior chest wall" in answer.answer
    assert answer.passages[0].source_id == "fujita2015"


def test_a_question_naming_one_study_by_author_is_answered_from_it(engine):
    answer = engine.ask("what safety warning did Fujita give about off label tocilizumab in SAPHO?")
    assert answer.answer.split("\n\n")[1].startswith("Caution is advised when using tocilizumab off-label.")
    assert "| Study |" not in answer.answer  # not a synthesis of every SAPHO study
    assert (
        engine.composer.named_by_author("the sun came out") == set()
    )  # "Sun" names Sun 2018 capitalized or dated
    assert engine.composer.named_by_author("Sun case 1 - why no steroids?") == {"sun2018"}


def test_what_they_switched_to_after_tocilizumab_was_stopped(engine):
    answer = engine.ask("after toci was stopped in the SAPHO reports, what did they switch to?")
    assert "next" in intents("after toci was stopped in the SAPHO reports, what did they switch to?")
    assert "Bisphosphonate and minocycline therapy were subsequently started" in answer.answer


def test_a_patient_described_in_lay_words_finds_her_case(engine):
    answer = engine.ask(
        "Young woman whose jaw bone started dissolving and whose skin broke out in pustules a month after her "
        "IL6 infusion - what got her better?"
    )
    assert answer.passages[0].source_id == "sun2018"
    assert "Bisphosphonate and minocycline therapy" in answer.answer


def test_a_synthesis_row_also_quotes_what_the_study_says_of_the_question(engine):
    answer = engine.ask(
        "in SAPHO pts on TCZ it seems the labs get better even when the disease doesn't - what happened to the "
        "inflammatory markers across the reports?"
    )
    assert "| Study |" in answer.answer  # a synthesis ...
    sun = next(line for line in answer.answer.splitlines() if line.startswith("- Sun 2018"))
    assert "inflammatory markers normalized" in sun  # ... whose Sun row says what the question asks


def test_context_after_the_question_mark_is_not_the_asked_part(engine):
    question = (
        "Sun case 1 - why had systemic steroids been avoided before toci was tried? she'd recieved NSAIDs, DMARDs, "
        "bisphosphonates already"
    )
    assert asked_part(question) == "why had systemic steroids been avoided before toci was tried?"
    assert "concern for exacerbating vertebral compression" in engine.ask(question).answer


def test_quality_of_one_named_study_is_its_critique_not_the_reports_level(engine):
    answer = engine.ask("kaut 2022 belgian series - quality of evidence / risk of bias?")
    assert answer.passages[0].source_id == "kaut2022"
    assert "potential selection bias" in answer.answer.split("**Key evidence**")[0]


def test_did_it_work_after_a_history_of_drugs_asks_about_the_drug_named_last(engine):
    answer = engine.ask(
        "53F, palmoplantar pustulosis since 2008, refractory SAPHO (NSAIDs, DMARDs, bisphos), hx thyroid ca -> "
        "tocilizumab. did it work?"
    )
    lead = answer.answer.split("\n\n")[1]
    assert "osteoarticular and cutaneous manifestations worsened" in lead
    assert "Over several years, she received" not in lead  # her history, not the answer


def test_a_patient_described_in_detail_is_answered_from_that_case_only(engine):
    answer = engine.ask(
        "78M, >10 yr hx of recurrent painful swelling of the sternoclavicular jts, severe renal failure, SAA and CRP "
        "very high. Given an IL-6R monoclonal; about 3 wks later intractable chest pain and a lump on the front of "
        "the chest. What was the lump and how was it treated?"
    )
    lead = answer.answer.split("**Key evidence**")[0]
    assert answer.passages[0].source_id == "fujita2015"
    assert "aseptic abscess" in lead and "managed with infliximab and prednisolone" in lead
    assert "subcutaneous abscess on the anterior chest wall" in answer.answer
    assert "necrotizing vasculitis" not in answer.answer  # another patient's nodule


def test_trials_questions_find_the_report_s_no_robust_clinical_trials(engine):
    answer = engine.ask("any RCT of TCZ in CNO/CRMO?")
    assert "no robust clinical trials to support its routine use" in answer.answer


def test_across_all_the_case_reports_is_a_synthesis_not_one_case(engine):
    answer = engine.ask(
        "Across all the case reports, which patients improved on tocilizumab and which got worse?"
    )
    assert "| Study |" in answer.answer
    assert "may have induced worsening" in answer.answer and "led to significant improvement" in answer.answer


@pytest.mark.parametrize(
    "question",
    [
        "what's actually going wrong in the immune system in CNO?",
        "What goes wrong in the immune system in this germ-free bone inflammation - which chemical messengers are "
        "out of balance?",
    ],
)
def test_what_goes_wrong_in_the_immune_system_is_the_cytokine_picture(engine, question):
    answer = engine.ask(question)
    assert answer.passages[0].source_id == "hedrich2023"
    assert "anti-inflammatory cytokine IL-10" in answer.answer and "excess IL-1 release" in answer.answer


def test_did_the_drug_help_them_quotes_each_patients_outcome(engine):
    answer = engine.ask(
        "two grown men with germ-free shin-bone inflammation that kept coming back, plus inflamed muscle on scans - "
        "did the arthritis biologic that blocks interleukin six help them?"
    )
    assert "response" in intents("did the arthritis biologic that blocks interleukin six help them?")
    assert answer.passages[0].source_id == "sato2017"
    assert "significant reduction in inflammatory markers and symptoms" in answer.answer  # case 1's outcome
    assert "Bilateral lower leg pain was reduced" in answer.answer  # case 2's


def test_a_versus_question_is_answered_side_by_side(engine):
    question = "Cam 2025: etanercept 1st-line response vs response after switching to adalimumab - numbers?"
    assert question_parts(question) == [
        "Cam 2025: etanercept 1st-line response - numbers?",
        "Cam 2025: response after switching to adalimumab - numbers?",
    ]
    assert question_parts("across the case reports, how many got better vs worse?") == [
        "across the case reports, how many got better vs worse?"
    ]
    answer = engine.ask(question)
    assert "52 patients, among which 35 exhibited a clinical response" in answer.answer
    assert "9 achieved a clinical response" in answer.answer


def test_flaring_on_tocilizumab_asks_for_the_evidence_of_worsening(engine):
    answer = engine.ask("any reports of CRMO actually flaring on tocilizumab in a child?")
    assert "evidence" in intents("any reports of CRMO actually flaring on tocilizumab in a child?")
    assert answer.passages[0].source_id == "campbell2018"
    assert "CRMO for tocilizumab" in answer.answer


def test_a_synthesis_row_quotes_each_patient_of_a_case_series(engine):
    answer = engine.ask("skin flaring on IL-6 blockade in SAPHO - are new pustules / worse skin reported?")
    sun = next(line for line in answer.answer.splitlines() if line.startswith("- Sun 2018"))
    assert "cutaneous manifestations worsened" in sun and "new pustular rashes" in sun  # case 1 and case 2


def test_the_study_size_in_a_question_names_the_study_and_how_did_x_do_asks_the_response(engine):
    question = (
        "in that referral centre series of ~80 kids with sterile bone inflammation, how did the one child on the "
        "interleukin-6 receptor antibody do?"
    )
    assert "response" in intents(question)
    lead = engine.ask(question).answer.split("**Key evidence**")[0]
    assert "the patient on tocilizumab, and the patient on canakinumab achieved remission" in lead
    assert "(n= 80)" not in lead  # not every baseline row of the 80 patients


@pytest.mark.parametrize(
    "question",
    [
        "can you list all the toci-treated CNO/CRMO/SAPHO cases in these papers with their outcomes?",
        "Across all the case reports, how many pts have gotten TCZ for CNO/CRMO/SAPHO and how did they do overall?",
        "Summarise all the published tocilizumab experience in CNO/CRMO/SAPHO: who got better and who got worse?",
        "Peds only: has any child with CNO/CRMO actually been given tocilizumab, and what happened?",
    ],
)
def test_whole_literature_tallies_get_the_synthesis(engine, question):
    answer = engine.ask(question)
    assert "| Study |" in answer.answer, question
    assert "reference" not in intents("Summarise all the published tocilizumab experience in CNO")


def test_which_biologics_got_every_patient_into_remission_is_no_tally():
    assert "multi" not in intents("in the Cam cohort which biologics got every patient into remission?")


def test_the_two_women_of_a_case_series_each_get_their_passage(engine):
    question = "In the two SAPHO women on TCZ, how did the lab markers behave compared with the actual clinical disease?"
    assert "each" in intents(question)
    answer = engine.ask(question)
    lead = answer.answer.split("**Key evidence**")[0]
    assert {p.section for p in answer.passages[:2]} == {"Case presentation 1", "Case presentation 2"}
    # case 2's passage (case 1's leads too)
    assert "inflammatory markers normalized after the first dose" in lead


def test_kept_out_of_the_analysis_asks_for_the_exclusion_criteria(engine):
    answer = engine.ask(
        "In the five-year hospital chart review of 80 children, which youngsters were kept out of the analysis?"
    )
    assert "exclusion" in intents("which youngsters were kept out of the analysis?")
    assert "outpatient clinic visit within the last 6 months" in answer.answer


def test_what_cytokines_were_raised_when_they_looked_into_the_abscess(engine):
    answer = engine.ask(
        "In the aseptic abscess case after TCZ, what cytokines were found raised when they looked into it?"
    )
    assert "markedly elevated serum IL-6 levels" in answer.answer
    assert "IL-8, eotaxin, and macrophage inflammatory protein 1 alpha" in answer.answer


def test_a_synthesis_row_quotes_each_case_outcome_and_no_title_or_reference(engine):
    answer = engine.ask("for SAPHO pts specifically, does tocilizumab work or cause problems?")
    rows = {line[2:12]: line for line in answer.answer.splitlines() if line.startswith("- ")}
    sun, fujita = rows["Sun 2018 ("], rows["Fujita 201"]
    assert "ESR decreased rapidly" in sun and "new pustular rashes" in sun  # case 1 and case 2 as they went
    for row, source in ((sun, "sun2018"), (fujita, "fujita2015")):
        title = engine.index.sources[source]["title"]
        assert title not in row and "doi:" not in row  # a row quotes what the study found, not its name


def test_asked_of_each_patient_quotes_every_case_however_far_below(engine):
    answer = engine.ask(
        "sato 2017 - over what timeframe was MRI improvement documented in each of the 2 pts?"
    )
    lead = answer.answer.split("**Key evidence**")[0]
    assert "Over eight months, MRI findings improved" in lead  # case 1
    assert "decreased muscle intensity after 10 months" in answer.answer  # case 2


def test_a_question_naming_the_report_leads_with_the_reports_words(engine):
    answer = engine.ask(
        "Does the InpharmD evidence report mention lack of response or worsening with IL-6 blockade in related "
        "autoinflammatory conditions?"
    )
    assert answer.passages[0].source_id == "report"
    first = answer.answer.split("\n\n")[0]
    assert first.startswith("**Bottom line (report):**") and "in some cases worsening" in first


def test_a_synthesis_returns_its_sources_in_order_of_relevance_after_the_first_row(engine):
    question = (
        # ("is the response consistent ...?" asks whether the reports agree: the review's sentence, not a synthesis)
        "Looking across everything that has been published, how has toci done in CNO and the related "
        "autoinflammatory conditions, and have some patients actually gotten worse on it?"
    )
    answer = engine.ask(question)
    assert "| Study |" in answer.answer  # a synthesis, its first row first
    first_row = next(line for line in answer.answer.splitlines() if line.startswith("| ") and "[1]" in line)
    assert answer.passages[0].source_id == answer.citations[0].source_id != "report"
    assert engine.index.sources[answer.citations[0].source_id]["short_name"] in first_row
    # the report's summary answers this best: its passage is among the first five, not after every study's
    assert "report" in [p.source_id for p in answer.passages[:5]]


def test_each_part_of_a_compound_question_adds_a_passage_of_its_own(engine):
    question = "the chest wall abscess after TCZ - was it actually an infection? what did bloods show?"
    lead = engine.ask(question).answer.split("**Key evidence**")[0]
    assert "subcutaneous abscess on the anterior chest wall" in lead  # what the question tells
    assert (
        "This cytokine profile suggested" in lead
    )  # and what the second part asks, not the same passage twice


def test_what_came_next_is_found_in_every_case_asked_about(engine):
    answer = engine.ask("after toci was stopped in the SAPHO reports, what did they switch to?")
    assert "Bisphosphonate and minocycline therapy were subsequently started" in answer.answer  # Sun 2018
    assert "managed with infliximab and prednisolone" in answer.answer  # Fujita 2015, not only the first case


def test_each_side_of_a_comparison_by_author_quotes_its_own_study(engine):
    answer = engine.ask(
        "Adult CRMO (Sato) vs refractory SAPHO (Sun): how did the response to tocilizumab differ?"
    )
    lead = answer.answer.split("**Key evidence**")[0]
    cited = {c.source_id: c.n for c in answer.citations}
    assert f"[{cited['sato2017']}]" in lead and f"[{cited['sun2018']}]" in lead
    assert answer.passages[0].source_id == "sato2017"  # the first side's study first
    assert {p.source_id for p in answer.passages[:3]} == {"sato2017", "sun2018"}


def test_any_case_asks_whether_there_is_one_and_gets_the_synthesis(engine):
    answer = engine.ask("does toci carry a risk of making CRMO itself flare in children - any case?")
    assert "| Study |" in answer.answer
    assert "worsening of psoriasis for adalimumab and CRMO for tocilizumab" in answer.answer


@pytest.mark.parametrize(
    ("question", "stated"),
    [
        ("any data on toci in adults with CRMO? how many pts?", "two patients with adult-onset CRMO"),
        ("Which pediatric CNO cohorts used tocilizumab, and in how many kids?", "1 on tocilizumab"),
    ],
)
def test_a_counted_synthesis_quotes_the_studys_own_count(engine, question, stated):
    answer = engine.ask(question)
    assert "| Study |" in answer.answer and stated in answer.answer


def test_what_the_data_mostly_come_from_is_the_reports_answer(engine):
    answer = engine.ask("what kind of studies is the toci data in CNO mostly from?")
    assert answer.passages[0].source_id == "report"
    assert "primarily derived from case studies and small observational investigations" in answer.answer


def test_a_synthesis_row_is_not_backed_by_a_studys_methods(engine):
    answer = engine.ask("does toci carry a risk of making CRMO itself flare in children - any case?")
    rows = answer.answer.split("**What the reviews say**")[0]
    assert "We also aimed to compare" not in rows and "Primary: Clinical features" not in rows


def test_a_small_study_named_beside_a_big_one_is_not_crowded_out(engine):
    answer = engine.ask(
        "the two kids on toci in the pediatric papers (cam 2025 and campbell) - did they improve or not?"
    )
    assert {"cam2025", "campbell2018"} <= {p.source_id for p in answer.passages[:5]}
    assert "CRMO for tocilizumab" in answer.answer and "the patient on tocilizumab" in answer.answer


def test_references_give_volume_issue_and_pages_from_the_studys_own_reference(engine):
    answer = engine.ask("Kaut 2022 - full citation (journal/vol)?")
    references = answer.answer.split("**References**", 1)[1]
    assert (
        "Pediatr Rheumatol Online J. 2022;20(1):41. <https://doi.org/10.1186/s12969-022-00698-3>"
        in references
    )


def test_every_question_after_a_patients_description_is_the_asked_part(engine):
    question = "The SAPHO man, 78, with the sterile chest abscess on toci - how it was treated, antibiotics? it resolved?"
    assert asked_part(question) == "how it was treated, antibiotics? it resolved?"
    assert "next" in intents(question)  # not only the last question, "it resolved?"
    answer = engine.ask(question)
    assert not answer.insufficient_evidence  # "antibiotics?" guesses what he was given; the answer says what
    assert "effectively managed with infliximab and prednisolone" in answer.answer


def test_two_studies_named_by_author_narrow_the_synthesis_to_them(engine):
    answer = engine.ask("did Sato 2017 and Sun 2018 report any side effects of toci?")
    rows = answer.answer.split("**Level of evidence")[0]
    assert "**2 studies**" in rows and "| Sato 2017 [" in rows and "| Sun 2018 [" in rows
    assert "Fujita" not in rows and "Cam 2025" not in rows  # not every study of the corpus
    assert {p.source_id for p in answer.passages} == {"sato2017", "sun2018"}


def test_the_patients_given_the_drug_are_every_treated_patient_with_what_each_study_says(engine):
    answer = engine.ask("did the patients who got tocilizumab have high IL-6 beforehand?")
    # every treated case's own sentence, not the one case that scores best
    assert {p.source_id for p in answer.passages[:3]} == {"sato2017", "sun2018", "fujita2015"}
    assert "Elevated serum IL-6 and TNF-α levels" in answer.answer  # Sato 2017
    assert "elevated ESR, serum IL-6, and TNF-α levels" in answer.answer  # Sun 2018's second woman too


def test_a_synthesis_counts_one_treated_patient_in_the_singular(engine):
    answer = engine.ask("were adverse events reported in Kaut 2022 and Cam 2025?")
    assert "(1 treated patient described)" in answer.answer  # Cam 2025's one child; Kaut 2022 states none
    assert answer.passages[0].source_id in {"cam2025", "kaut2022"}


def test_two_studies_named_by_size_narrow_the_synthesis_to_them(engine):
    answer = engine.ask(
        "in the two pediatric CNO cohorts (the 30 kids and the 80 kids) was toci used at all, and in how many?"
    )
    rows = answer.answer.split("**Level of evidence")[0]
    assert "| Kaut 2022 [" in rows and "| Cam 2025 [" in rows and "Campbell" not in rows
    assert "etanercept, and tocilizumab" in rows and "1 on tocilizumab" in rows  # each cohort's own words


def test_two_background_papers_named_by_author_answer_in_their_own_words(engine):
    answer = engine.ask("what do the Hedrich consensus and the Roberts review each say about tocilizumab?")
    assert "| Study |" not in answer.answer  # no table of the studies neither paper is
    assert "not specifically addressed in this consensus" in answer.answer
    assert "limited and not conclusive" in answer.answer


def test_which_case_reports_asks_for_the_synthesis_not_one_case(engine):
    answer = engine.ask("which case reports showed tocilizumab making CRMO or SAPHO worse?")
    assert "who" not in intents("which case reports showed tocilizumab making CRMO or SAPHO worse?")
    assert "| Study |" in answer.answer
    assert "CRMO for tocilizumab" in answer.answer and "limited therapeutic effect" in answer.answer


def test_results_that_hold_true_elsewhere_ask_whether_the_sapho_reports_corroborate(engine):
    answer = engine.ask("do the good toci results in adult CNO hold true for SAPHO?")
    lead = answer.answer.split("\n\n")[1]  # after the line that says which filter applied
    assert lead.startswith("In contrast, reported use of tocilizumab in two patients with SAPHO syndrome")


@pytest.mark.parametrize(
    "question",
    [
        "the young man w epilepsy (on levetiracetam + valproate) with leg pain + polyarthritis - what did they try "
        "before tocilizumab that didnt work",
        "For that young man with epilepsy and sore shins, what did the doctors try before switching him to Actemra "
        "that didn't work out?",
    ],
)
def test_what_was_tried_before_the_drug_is_asked_even_when_it_failed(engine, question):
    """'before <drug> ... didn't work' asks what came before the drug, not how the drug went."""
    answer = engine.ask(question)
    assert answer.passages[0].source_id == "sato2017"
    assert "a trial of colchicine, which was ineffective" in answer.answer


def test_before_an_outcome_on_the_drug_is_not_before_the_drug(engine):
    """'how long before MRI improved on tocilizumab' asks how it went on the drug (10 months), not what came first."""
    answer = engine.ask("Sato case 1: how long before MRI improved on tocilizumab?")
    assert "Over eight months, MRI findings improved" in answer.answer


@pytest.mark.parametrize(
    ("question", "row"),
    [
        (
            "Our doctor warned us the bones in the back can collapse with CNO. How often does that actually happen to "
            "kids, like what percentage?",
            "Vertebral compression fracture 23%",
        ),
        (
            "Will my girl end up with one leg shorter than the other from all this?",
            "Leg length discrepancy 17%",
        ),
    ],
)
def test_a_parents_words_for_a_sequela_find_its_row(engine, question, row):
    answer = engine.ask(question)
    assert answer.passages[0].source_id == "kaut2022" and row in answer.answer


@pytest.mark.parametrize(
    "question",
    [
        "my daughter has that sterile bone inflammation that keeps coming back in different spots. her doctor brought "
        "up the arthritis drip medicine. does it actually work or not??",
        "my son's bones keep getting inflamed and the doctors say theres no germ causing it. would that arthritis IV "
        "drug that blocks interleukin six actually help him?",
    ],
)
def test_does_it_actually_work_asks_for_the_evidence(engine, question):
    """A parent's 'does it actually work?' is the evidence question: the report's bottom line, not one case."""
    assert "evidence" in intents(question)
    assert "the role of tocilizumab in CNO remains uncertain" in engine.ask(question).answer


@pytest.mark.parametrize(
    "question",
    [
        "why would anyone think shutting down that one immune messenger would help these bone flare ups in the first "
        "place?",
        "Why would anyone think switching off one of the body's alarm-signal proteins would calm this kind of bone "
        "swelling?",
    ],
)
def test_why_blocking_il6_should_help_is_the_reviews_rationale_not_one_case(engine, question):
    """The biological rationale comes from the background papers, even when retrieval ranked a case's labs first."""
    answer = engine.ask(question)
    assert answer.passages[0].source_id in {"report", "roberts2024", "hedrich2023"}  # a background paper
    assert "rationale for IL-6 receptor blockade" in answer.answer


def test_a_named_case_series_rationale_stays_its_own(engine):
    """'Sun 2018 - the rationale for choosing TCZ in each?' is answered by Sun's cases, not the reviews."""
    answer = engine.ask(
        "The 2 SAPHO women in Sun 2018 - what was the rationale for choosing TCZ in each one?"
    )
    assert answer.passages[0].source_id == "sun2018"


def test_pus_filled_spots_after_the_drug_are_sun_2018s_pustular_rashes(engine):
    answer = engine.ask(
        "Did anybody break out in little pus-filled spots on their skin after getting this drug?"
    )
    assert answer.passages[0].source_id == "sun2018" and "new pustular rashes" in answer.answer


def test_prospective_data_for_treatments_is_no_question_about_study_design(engine):
    """'which treatments have prospective data?' asks for Hedrich's naproxen, not a study's design section."""
    assert "design" not in intents("Which first-line treatments for CNO have at least some prospective data?")
    assert "design" in intents("was the Belgian study prospective or retrospective?")


def test_whether_a_treatment_works_for_most_kids_quotes_each_cohort(engine):
    """'do NSAIDs do the trick for most kids?': both pediatric cohorts' own sentences lead, not one cohort's."""
    question = "Do plain over-the-counter type anti-inflammatory pills (like ibuprofen) do the trick for most kids with this?"
    assert "multi" in intents(question)
    answer = engine.ask(question)
    lead = answer.answer.split("**Key evidence**")[0]
    # Cam 2025: NSAIDs were not enough for most
    assert (
        "NSAIDs alone proved insufficient" in lead
        or "NSAIDs and conventional DMARDs are sufficient only" in lead
    )
    kaut = (
        "NSAIDs were effective as first-line treatment in nearly half",
        "NSAIDs used as first-line treatment",
    )
    assert any(sentence in lead for sentence in kaut)  # Kaut 2022
    assert {"cam2025", "kaut2022"} <= {p.source_id for p in answer.passages[:3]}


@pytest.mark.parametrize(
    "question",
    [
        "could the shot that's meant to calm things down actually make the pimply skin and sore joints flare up more?",
        "My pus bumps on my hands and feet flared up after I started the new immune infusion - has that happened to "
        "others?",
        "Can this medicine make the skin breakouts and achy joints flare up instead of settling them down?",
    ],
)
def test_a_drug_making_skin_and_joints_flare_is_sun_2018s_worsening(engine, question):
    """'can the shot make my skin and joints flare?' asks about a harm (worsening), not about relapses in Cam 2025."""
    answer = engine.ask(question)
    assert answer.passages[0].source_id == "sun2018"
    assert "worsen" in answer.answer.split("**Key evidence**")[0]


@pytest.mark.parametrize(
    "question",
    [
        "If ESR/CRP normalize on tocilizumab, can I rely on the labs to tell me the SAPHO is under control?",
        "Nurse question: pt on tcz for SAPHO, CRP/ESR look fine - could the disease still be flaring?",
    ],
)
def test_normal_markers_that_hid_a_flare_lead_when_asked_whether_labs_can_be_trusted(engine, question):
    answer = engine.ask(question)
    assert answer.passages[0].source_id == "sun2018"
    assert "while inflammatory markers remained normal" in answer.answer.split("**Key evidence**")[0]


@pytest.mark.parametrize(
    "question",
    [
        "My son's bones keep aching and swelling and the doctors say there's no infection. Would the Actemra drip "
        "actually fix that?",
        "does that arthritis drip Actemra actually help kids whose bones get inflamed without any germ causing it, or "
        "is it a guess?",
    ],
)
def test_a_parents_does_it_work_about_a_child_leads_with_the_reports_verdict(engine, question):
    """A parent asking in everyday words gets the report's bottom line first, also when narrowed to children."""
    answer = engine.ask(question)
    assert answer.filters.get("condition") == "CNO"
    assert answer.passages[0].source_id == "report"
    assert "the role of tocilizumab in CNO remains uncertain" in answer.answer


def test_a_clinicians_pediatric_evidence_question_still_leads_with_the_studies(engine):
    """'any pediatric data for toci in CNO?' (no lay words): the pediatric studies' table leads, the verdict closes."""
    answer = engine.ask("Is there any pediatric data for tocilizumab in CNO or is it all adults?")
    assert answer.filters.get("population") == "pediatric"
    assert answer.answer.index("| Study |") < answer.answer.index("**Bottom line (report):**")


@pytest.mark.parametrize(
    "question",
    [
        "For the epileptic guy w/ leg pain and polyarthritis, which drug was tried just before TCZ and did it work?",
        "For the young man with epilepsy (on levetiracetam + valproate) who turned out to have adult-onset CRMO, what "
        "was tried right before tocilizumab and did it work?",
    ],
)
def test_what_was_tried_right_before_the_drug_is_the_sentence_just_before_it(engine, question):
    """'right before TCZ': Sato's colchicine trial (the sentence before TCZ's), not only the case's opening."""
    assert "leading to a trial of colchicine, which was ineffective" in engine.ask(question).answer


def test_how_many_children_and_adults_got_the_drug_is_the_reviews_tally(engine):
    answer = engine.ask(
        "Children vs adults: of the TCZ-treated CNO patients in the literature, how many were pediatric?"
    )
    assert answer.passages[0].source_id == "roberts2024"
    assert "one pediatric patient treated with tocilizumab" in answer.answer


def test_rescue_after_the_drug_failed_quotes_each_cases_next_treatment(engine):
    """'what rescue treatments ended up working in those case reports?': each case's treatment after TCZ, led."""
    answer = engine.ask(
        "After tocilizumab failed or caused problems, what rescue treatments ended up working in those case reports?"
    )
    lead = answer.answer.split("**Key evidence**")[0]
    assert "Bisphosphonate and minocycline therapy were subsequently started" in lead  # Sun 2018
    assert "managed with infliximab and prednisolone" in lead  # Fujita 2015


def test_a_parents_flaring_bones_describe_cno_not_a_worsening_asked_about(engine):
    """'my kid's bones keep flaring up and they never find a germ': CNO described; the report's verdict leads."""
    answer = engine.ask(
        "my kid's bones keep flaring up and they never find a germ. does that interleukin-six blocker drip actually "
        "help or is it a gamble?"
    )
    assert answer.filters.get("condition") == "CNO"
    assert answer.passages[0].source_id == "report"
    assert answer.answer.index("**Bottom line (report):**") < answer.answer.index("| Study |")


def test_a_pus_pocket_after_the_jab_is_fujitas_aseptic_abscess(engine):
    answer = engine.ask(
        "Someone got a big pus pocket under the skin of their chest after the jab but no germs were found — is that a "
        "thing?"
    )
    assert not answer.insufficient_evidence
    assert answer.passages[0].source_id == "fujita2015"


@pytest.mark.parametrize(
    "question",
    [
        "Has tocilizumab ever made CRMO worse in a pediatric pt?",
        "Has tocilizumab ever been reported to worsen CRMO in a pediatric patient?",
    ],
)
def test_whether_the_drug_made_cno_worse_leads_with_the_case_it_worsened(engine, question):
    """Campbell 2018's 'discontinued due to worsening of ... CRMO for tocilizumab', not the review's tally."""
    answer = engine.ask(question)
    assert answer.passages[0].source_id == "campbell2018"
    assert "CRMO for tocilizumab" in answer.answer.split("**Key evidence**")[0]


@pytest.mark.parametrize(
    "question",
    [
        "Can the little bones in the back actually collapse with this condition? How common is that?",
        "What % of children with CNO ended up with a collapsed bone in the spine?",
        "backbone squashing in children w the not-infected bone disease - how often",
    ],
)
def test_collapsing_back_bones_are_kauts_vertebral_compression_fractures(engine, question):
    answer = engine.ask(question)
    assert (
        answer.passages[0].source_id == "kaut2022" and "Vertebral compression fracture 23%" in answer.answer
    )


@pytest.mark.parametrize(
    "question",
    [
        "What is tocilizumab's target?",
        "sorry if this is a silly q but what actually is actemra, what kind of medicine is it",
    ],
)
def test_what_the_drug_is_and_targets_is_answered_by_its_mechanism(engine, question):
    lead = engine.ask(question).answer.split("**Key evidence**")[0]
    assert "IL-6 receptor antagonist" in lead or "a monoclonal antibody targeting the interleukin-6" in lead


def test_labs_that_improved_while_the_patient_worsened_are_sun_2018s(engine):
    answer = engine.ask(
        "In which tocilizumab cases did the labs get better even though the patient clinically got worse?"
    )
    assert answer.passages[0].source_id == "sun2018"
    assert "while inflammatory markers remained normal" in answer.answer


def test_a_body_chemical_running_too_high_asks_for_the_rationale(engine):
    answer = engine.ask(
        "why would doctors even think of trying this drug for the bone problem - is some body chemical running too high?"
    )
    assert not answer.insufficient_evidence
    assert "rationale for IL-6 receptor blockade" in answer.answer


def test_do_most_kids_need_something_stronger_than_nsaids_quotes_both_cohorts(engine):
    """'... settle this down in children or do most need something stronger?': each pediatric cohort's own words."""
    answer = engine.ask(
        "Do regular anti-inflammatory pills, the ibuprofen-type stuff, settle this down in children or do most need "
        "something stronger?"
    )
    assert {"cam2025", "kaut2022"} <= {p.source_id for p in answer.passages[:3]}
    assert "NSAIDs were effective as first-line treatment in nearly half" in answer.answer


@pytest.mark.parametrize(
    "question",
    [
        "How do the toci results in the adult-onset CRMO cases stack up against the SAPHO cases?",
        "Why did tocilizumab seem to work in the adult-onset CRMO cases but not in the SAPHO cases?",
    ],
)
def test_adult_crmo_set_against_sapho_on_the_drug_quotes_the_reviews_verdict(engine, question):
    assert "did not corroborate these findings" in engine.ask(question).answer


def test_il6_levels_before_the_drug_quote_each_case_reports_elevated_levels(engine):
    """'were IL-6 levels high before TCZ in the adult case reports?': Sato's and Sun's sentences with elevated IL-6."""
    answer = engine.ask(
        "Was serum IL-6 measured and elevated before TCZ in the adult CRMO and SAPHO case reports?"
    ).answer
    assert "Elevated serum IL-6 and TNF-α levels" in answer  # Sato 2017
    assert "elevated ESR, IL-6, and TNF-α levels" in answer  # Sun 2018


def test_whether_high_il6_predicts_a_response_keeps_the_authors_words(engine):
    """'does high IL-6 predict a response?' is no question about the levels: Sun's 'regardless of IL-6 positivity'."""
    answer = engine.ask("does high serum IL-6 predict toci response? compare adult CRMO cases vs SAPHO cases")
    assert "regardless of IL-6 positivity" in answer.answer


@pytest.mark.parametrize(
    "question",
    [
        "What side effects did the pediatric CRMO patient have on ustekinumab and later on golimumab?",
        "In that pediatric CRMO patient cycled through many biologics, what side effects did ustekinumab and "
        "golimumab cause?",
    ],
)
def test_harms_of_named_other_drugs_lead_with_the_passage_on_them(engine, question):
    """Side effects of ustekinumab / golimumab: Campbell's case, not a cohort table's bare 'Adverse Events' row."""
    answer = engine.ask(question)
    assert answer.passages[0].source_id == "campbell2018"
    assert not answer.answer.startswith("Adverse Events")


@pytest.mark.parametrize(
    "question",
    [
        "Any data on TCZ in adults with CRMO, not just kids?",
        "Is there any data on tocilizumab specifically in adults with CNO, as opposed to children?",
    ],
)
def test_adults_asked_as_opposed_to_children_narrow_to_adults(engine, question):
    answer = engine.ask(question)
    assert answer.filters.get("population") == "adult"
    assert answer.passages[0].source_id == "sato2017"


def test_a_painkiller_named_by_an_example_is_the_nsaid_class_but_the_bare_name_is_not_in_the_texts(engine):
    """'pills like ibuprofen' asks about NSAIDs (the texts' class); 'ibuprofen for CNO?' names a drug they never do."""
    answer = engine.ask(
        "Will plain over-the-counter pills like ibuprofen be enough to calm my daughter's flare-ups, or will she "
        "need something stronger?"
    )
    assert not answer.insufficient_evidence
    assert "NSAIDs" in answer.answer.split("**Key evidence**")[0]
    bare = engine.ask("ibuprofen for CNO?")
    assert bare.insufficient_evidence
    assert "ibuprofen" in bare.answer


@pytest.mark.parametrize(
    "question",
    [
        "Are plain over-the-counter painkillers like Advil enough for a kid whose bones keep flaring up without "
        "germs?",
        "are plain ibuprofen-type pills enough to settle it down for most kids?",
    ],
)
def test_whether_nsaids_are_enough_quotes_how_they_did_in_each_pediatric_cohort(engine, question):
    lead = engine.ask(question).answer.split("**Key evidence**")[0]
    assert "NSAIDs were effective as first-line treatment in nearly half of the patients" in lead  # Kaut 2022
    assert "NSAIDs" in lead.split("[1]")[0]  # Cam 2025's verdict on them leads


def test_pain_since_the_teens_of_a_48_year_old_is_history_not_a_pediatric_question(engine):
    answer = engine.ask(
        "The 48 y/o man with right lower leg pain going back to his teens - what did tocilizumab let them do with "
        "his other meds?"
    )
    assert answer.filters.get("population") != "pediatric"
    assert answer.passages[0].source_id == "sato2017"
    assert "allowing the cessation of analgesics and tapering of prednisolone" in answer.answer


@pytest.mark.parametrize(
    "question",
    [
        "Hematologic toxicity with tocilizumab in SAPHO - what was seen?",
        "Can this shot knock your white blood cell count way down?",
    ],
)
def test_blood_count_harms_are_suns_neutropenia(engine, question):
    answer = engine.ask(question)
    assert answer.passages[0].source_id == "sun2018"
    assert "neutropenia" in answer.answer.split("**Key evidence**")[0]


def test_what_share_settled_down_for_good_is_the_remission_rate(engine):
    answer = engine.ask(
        "roughly what share of youngsters in the Belgian bunch ended up settling down for good?"
    )
    assert "Remission achieved 87%" in answer.answer.split("[1]")[0]


@pytest.mark.parametrize(
    "question",
    [
        "One of my son's legs grew shorter than the other after this illness - how common is that?",
        "how often does a kid end up with one limb longer than the other after this bone thing?",
    ],
)
def test_a_limb_longer_than_the_other_is_kauts_leg_length_discrepancy(engine, question):
    assert "Leg length discrepancy 17%" in engine.ask(question).answer.split("[1]")[0]


@pytest.mark.parametrize(
    "question",
    [
        "My son's got that bone swelling illness that isn't caused by germs. Has anyone actually proven that the "
        "arthritis jab which blocks one of the body's alarm messengers works for it?",
        "does that IL6 drip actually help kids whose bones get inflamed with no germ involved?",
    ],
)
def test_a_parents_does_it_work_gets_the_reports_whole_verdict(engine, question):
    """The jab 'which blocks one of the body's alarm messengers' is the drug; the verdict's last sentence is kept."""
    answer = engine.ask(question)
    assert not answer.insufficient_evidence
    assert answer.passages[0].source_id == "report"
    verdict = answer.answer.split("**Bottom line (report):**")[1].split("\n")[0]
    assert "Consequently, the role of tocilizumab in CNO remains uncertain." in verdict


@pytest.mark.parametrize(
    "question",
    [
        "pool all adult TCZ case reports (CRMO + SAPHO): who improved vs who flared?",
        "Summarize the adult cases treated w/ TCZ - which improved and which failed?",
    ],
)
def test_pooling_the_adult_cases_tabulates_each_adult_study(engine, question):
    answer = engine.ask(question)
    assert answer.filters.get("population") == "adult"
    rows = [line for line in answer.answer.splitlines() if line.startswith("| ") and "Study" not in line]
    assert {row.split(" [")[0].lstrip("| ") for row in rows} == {"Sato 2017", "Sun 2018", "Fujita 2015"}


@pytest.mark.parametrize(
    "question",
    [
        "my daughter's doctor said her blood 'six' messenger might be running high — is that typical in folks with "
        "this sterile bone swelling?",
        "is IL-6 high in CNO patients?",
    ],
)
def test_whether_il6_runs_high_in_patients_at_large_is_the_reviews_word(engine, question):
    answer = engine.ask(question)
    assert answer.passages[0].source_id == "roberts2024"
    assert "IL-6 levels are elevated in adults and pediatric patients" in answer.answer


def test_what_kind_of_molecule_is_a_mechanism_question(engine):
    answer = engine.ask("What kind of molecule is tocilizumab and what does it target?")
    assert (
        "a monoclonal antibody targeting the interleukin-6 (IL-6) receptor" in answer.answer.split("[1]")[0]
    )


def test_what_one_named_consensus_says_is_its_own_words(engine):
    """'does the CARRA consensus say anything supporting TCZ?': Hedrich's own sentence, not the report's synthesis."""
    answer = engine.ask("Does the CARRA / expert consensus say anything supporting tocilizumab for CNO?")
    assert answer.passages[0].source_id == "hedrich2023"
    assert (
        "the use of tocilizumab is not specifically addressed in this consensus"
        in answer.answer.split("[1]")[0]
    )


def test_trials_or_all_case_reports_still_leads_with_the_reports_verdict(engine):
    """'trial' is a word of the consensus's title; asking for trials does not name that consensus."""
    answer = engine.ask(
        "has TCZ been tested in proper trials for chronic nonbacterial osteomyelitis or is it all case reports?"
    )
    assert answer.passages[0].source_id == "report"


@pytest.mark.parametrize(
    "question, source, quoted",
    [
        (
            "have they ever done a proper fair test where half get the real medicine and half get a dummy pill for "
            "this bone thing?",
            "hedrich2023",
            "In the absence of randomized controlled trials",
        ),
        (
            "my sister has that condition with zits on her palms and soles plus sore chest joints. do doctors think "
            "that messenger-blocking drip is a good idea for her?",
            "sun2018",
            "we do not recommend the use of tocilizumab in patients with SAPHO",
        ),
        (
            "can my daughter's backbone get damaged long term from this? she has it in her back",
            "kaut2022",
            "The prognosis was worse for patients with spinal involvement.",
        ),
        (
            "can we trust ESR/CRP to monitor SAPHO pts on TCZ? any masking?",
            "sun2018",
            "while inflammatory markers remained normal",
        ),
        (
            "what even is tocilizumab, what does it target?",
            "fujita2015",
            "a monoclonal antibody targeting the interleukin-6 (IL-6) receptor",
        ),
    ],
)
def test_everyday_and_shorthand_wordings_find_the_passage_that_answers(engine, question, source, quoted):
    answer = engine.ask(question)
    assert not answer.insufficient_evidence
    assert answer.passages[0].source_id == source
    assert quoted in answer.answer.split("**Key evidence**")[0]


def test_n_studies_in_the_lit_review_is_the_reports_search(engine):
    answer = engine.ask("n studies identified in the lit review for TCZ in CNO?")
    assert answer.passages[0].source_id == "report"


def test_a_kids_only_disease_is_a_label_and_the_adults_are_asked_about(engine):
    answer = engine.ask(
        "im 30 and just got told i have CRMO, i thought this was a kids only disease?? are there other adults"
    )
    assert answer.filters.get("population") == "adult"


def test_whether_crmo_and_sapho_results_differ_leads_with_the_review_then_each_sides_outcome(engine):
    """'A vs B - how did the outcomes differ?': Roberts's comparison, then how Sato's and Sun's authors sum it up."""
    answer = engine.ask(
        "Adult-onset CRMO vs SAPHO — how did tocilizumab outcomes differ between these case series?"
    )
    lead = answer.answer.split("**Key evidence**")[0]
    assert answer.passages[0].source_id == "roberts2024"
    assert "did not corroborate these findings" in lead
    assert "treatment with tocilizumab (TCZ) led to significant improvement" in lead  # Sato 2017
    assert "tocilizumab showed a limited therapeutic effect" in lead  # Sun 2018


def test_a_plain_comparison_of_crmo_and_sapho_keeps_the_case_series_first(engine):
    """'A vs B - compare the outcomes' (no 'differ', 'agree', 'same'): the case series, not the review's sentence."""
    answer = engine.ask(
        "toci in adult-onset CRMO vs refractory SAPHO - compare the outcomes across the case reports"
    )
    assert answer.passages[0].source_id in {"sato2017", "sun2018"}


def test_counts_coming_back_up_is_not_a_comparison_of_conditions(engine):
    """'did it come back up on its own?' ('back up' is also 'corroborate'): Sun's neutropenia, not Roberts."""
    answer = engine.ask(
        "white cell count crashed after the IL-6 blocker in those two SAPHO women - did it come back up on its own "
        "or did they need treatment?"
    )
    assert answer.passages[0].source_id == "sun2018"


@pytest.mark.parametrize(
    "question",
    [
        "Is that arthritis medicine Actemra actually any good for my son's bone inflammation that isn't caused by an "
        "infection?",
        "does the Actemra drip actually do anything for a kid's sterile bone swelling that keeps coming back??",
        "Mum asking: does the drip that blocks interleukin six actually work for her boy's germ-free bone disease?",
    ],
)
def test_everyday_does_it_work_questions_about_a_child_lead_with_the_reports_verdict(engine, question):
    answer = engine.ask(question)
    assert answer.passages[0].source_id == "report"
    assert "the role of tocilizumab in CNO remains uncertain" in answer.answer


def test_why_the_asker_asks_is_not_a_topic_missing_from_the_texts(engine):
    answer = engine.ask(
        "were any infections seen during the TCZ-related neutropenia? need to know re: isolation/abx"
    )
    assert not answer.insufficient_evidence
    assert "without evidence of infection" in answer.answer.split("**Key evidence**")[0]


def test_a_support_group_is_not_a_question_about_supporting_evidence(engine):
    answer = engine.ask(
        "Can Actemra knock down the white blood cells that fight infection? Someone in a support group said that "
        "happened."
    )
    assert answer.passages[0].source_id == "sun2018"
    assert "neutropenia" in answer.answer.split("[1]")[0]


def test_sapho_described_bone_first_and_a_suggestion_asked_find_suns_advice(engine):
    answer = engine.ask(
        "Would you suggest this infusion for someone with the breastbone swelling / pimples / pus-bumps-on-palms "
        "syndrome?"
    )
    assert answer.filters.get("condition") == "SAPHO"
    assert (
        "we do not recommend the use of tocilizumab in patients with SAPHO" in answer.answer.split("[1]")[0]
    )


def test_running_a_temp_is_the_fever_row(engine):
    assert "Fever 7 (9.2%)" in engine.ask("do these kids usually run a temp?").answer.split("[1]")[0]


def test_which_reports_were_in_adults_and_which_in_children_is_the_reviews_tally(engine):
    answer = engine.ask("Of the TCZ reports in CNO, which were in adults and which in children?")
    assert answer.passages[0].source_id == "roberts2024"
    assert "two adults with adult-onset CNO" in answer.answer


def test_why_switching_off_a_particular_messenger_would_help_is_the_rationale(engine):
    answer = engine.ask(
        "why on earth would anybody think that shutting off one particular body messenger would help sore bones?"
    )
    assert answer.passages[0].source_id in {"report", "roberts2024", "hedrich2023"}
    assert "rationale" in answer.answer.split("[1]")[0]


def test_sato_vs_sun_named_by_author_quotes_how_each_went(engine):
    """'Sato vs Sun: how did the results differ?': each named study's own summing up, Sato's first."""
    answer = engine.ask(
        "toci in adult-onset CRMO (Sato) vs refractory SAPHO (Sun): how did the results differ?"
    )
    lead = answer.answer.split("**Key evidence**")[0]
    assert answer.passages[0].source_id == "sato2017"
    assert (
        "led to significant improvement" in lead and "tocilizumab showed a limited therapeutic effect" in lead
    )


@pytest.mark.parametrize(
    "question",
    [
        "Adult-onset CRMO vs SAPHO: were the tocilizumab results consistent between these groups?",
        "SAPHO vs CNO/CRMO: does the tocilizumab experience hold up the same way in SAPHO patients?",
    ],
)
def test_whether_results_hold_across_conditions_is_the_reviews_comparison(engine, question):
    answer = engine.ask(question)
    assert "did not corroborate these findings" in answer.answer.split("**Key evidence**")[0]


def test_whether_tcz_should_be_used_in_sapho_is_suns_advice(engine):
    answer = engine.ask("SAPHO specifically (not CNO) — should TCZ be used at all?")
    assert answer.passages[0].source_id == "sun2018"
    assert "we do not recommend the use of tocilizumab" in answer.answer.split("[1]")[0]


@pytest.mark.parametrize(
    "question",
    [
        "Pharmacology question from a PGY-1: what is the molecular target of tocilizumab?",
        "were CRP levels any different btwn relapsers and non-relapsers in Cam 2025?",
    ],
)
def test_shorthand_of_who_asks_or_between_is_no_missing_topic(engine, question):
    assert not engine.ask(question).insufficient_evidence


def test_is_the_jury_still_out_on_this_drip_is_the_reports_verdict(engine):
    answer = engine.ask(
        "So bottom line... is the jury still out on whether this drip is worth it for that germ-free bone thing?"
    )
    assert answer.passages[0].source_id == "report"
    assert "the role of tocilizumab in CNO remains uncertain" in answer.answer


@pytest.mark.parametrize(
    "question, source, quoted",
    [
        (  # a harm of the drug in lay words: "pimple-like skin bumps" are Sun's pustular rashes
            "Could this infusion make pimple-like skin bumps break out on someone?",
            "sun2018",
            "new pustular rashes",
        ),
        (  # "blood cells that fight off germs drop really low": neutropenia
            "Could this infusion make the blood cells that fight off germs drop really low?",
            "sun2018",
            "severe neutropenia",
        ),
        (  # markers that missed a flare, asked as "pick up"
            "For monitoring SAPHO pts on tocilizumab, can we rely on CRP/ESR to pick up a flare?",
            "sun2018",
            "while inflammatory markers remained normal",
        ),
        (  # the disease itself worse on the drug, asked as "flaring in a child on"
            "any reports of CRMO itself flaring in a child on actemra?",
            "campbell2018",
            "CRMO for tocilizumab",
        ),
        (  # ("instead of better" asks no better outcome)
            "I read that Actemra made a child's CRMO worse instead of better - true?",
            "campbell2018",
            "CRMO for tocilizumab",
        ),
        (  # a sterile abscess in lay words
            "can this drug cause a boil-like lump under the skin that has no bugs in it?",
            "fujita2015",
            "aseptic abscess",
        ),
        (  # "with vs without" is one contrast, asked of the consensus plans it names
            "how does treatment differ for CNO pts with vs without vertebral involvement per CARRA plans?",
            "hedrich2023",
            "for patients without vertebral involvement",
        ),
        (  # the consensus described as "specialist groups"
            "What do the specialist groups say to try first when a child's backbone isn't affected?",
            "hedrich2023",
            "for patients without vertebral involvement",
        ),
        (  # the panel that met to plan a trial is the consensus
            "did the panel of top specialists who got together to plan a future trial say anything about the IL6 "
            "drip?",
            "hedrich2023",
            "the use of tocilizumab is not specifically addressed in this consensus",
        ),
        (  # "squashed bones in their backs": vertebral compression fractures
            "How often did the kids end up with collapsed or squashed bones in their backs?",
            "kaut2022",
            "Vertebral compression fracture 23%",
        ),
        (  # "how long before they calm down and stop flaring": time to remission
            "How long does it usually take before a kid finally calms down and stops flaring up?",
            "kaut2022",
            "Mean time to remission, months 37.6",
        ),
        (  # "how long do families wait ... before someone names it": the diagnostic delay
            "roughly how long do families wait between the aches starting and somebody finally putting a name to it?",
            "kaut2022",
            "Mean diagnostic delay, months 17",
        ),
        (  # an age that only a study's exclusion criteria answer
            "My son just turned 19 - would the results of the 2025 kids study even apply to him?",
            "cam2025",
            "were over the age of 18",
        ),
        (  # "does the ache hang around nonstop or come and go?": the table's continuous / intermittent pain
            "For these kids, does the ache hang around nonstop or come and go?",
            "cam2025",
            "Continuous pain",
        ),
        (  # what the drug is: the passage that says so, whatever else matches the brand name
            "what kind of drug is actemra exactly",
            "fujita2015",
            "a monoclonal antibody targeting the interleukin-6 (IL-6) receptor",
        ),
        (  # a worse long-run outlook asked, not a harm of the drug
            "if its in the backbone does that make the long run outlook worse for a kid?",
            "kaut2022",
            "The prognosis was worse for patients with spinal involvement.",
        ),
        (  # "in a pediatric pt" is any such patient, not one described: the synthesis, the worsened case first
            "Any reports of CRMO itself flaring on tocilizumab in a pediatric pt?",
            "campbell2018",
            "CRMO for tocilizumab",
        ),
        (  # what the authors would suggest for SAPHO described by its signs
            "Bottom line, would the doctors who wrote it up suggest that drip for the pimples-plus-collarbone-swelling "
            "syndrome?",
            "sun2018",
            "we do not recommend the use of tocilizumab",
        ),
        (  # bisphosphonates described by what they do
            "why do they give those bone-strengthening IV meds to kids with this - is it mainly to ease the aching?",
            "cam2025",
            "primarily for pain palliation",
        ),
    ],
)
def test_more_everyday_wordings_find_the_passage_that_answers(engine, question, source, quoted):
    answer = engine.ask(question)
    assert not answer.insufficient_evidence
    assert answer.passages[0].source_id == source
    assert quoted in answer.answer.split("**Key evidence**")[0]


@pytest.mark.parametrize(
    "question",
    [
        "My son also gets rashes and spots along with the bone aches. Does that mean he's in for a rougher ride?",
        "she gets patches and bumps on her skin too... does that mean her illness will be nastier?",
        "Kids who also have rashes - do they tend to have a rougher time with the bone disease?",
        "does having rashes along with it mean a rougher ride for the child?",
    ],
)
def test_whether_skin_signs_mean_a_worse_course_is_cams_finding(engine, question):
    answer = engine.ask(question)
    assert answer.passages[0].source_id == "cam2025"
    assert "Cutaneous findings may be associated with a more aggressive course" in answer.answer


@pytest.mark.parametrize(
    "question",
    [
        "my son has that bone swelling thing that isn't from germs. would the IV arthritis med everyone talks about "
        "actually help him?",
        "my son's doctor brought up a drip medicine that switches off one of the body's alarm signals, for his "
        "germ-free bone swelling. does it really help or not??",
        "Does that jab that switches off one of the body's alarm signals actually sort out my daughter's sore bone "
        "thing, or is it a shot in the dark?",
        # (retrieval finds none of the report's conclusion here: the verdict is quoted whole all the same)
        "does the injection that blocks one of the body's alarm chemicals actually settle my kid's bone flare ups or "
        "is it a gamble?",
    ],
)
def test_more_parents_does_it_help_questions_lead_with_the_reports_verdict(engine, question):
    answer = engine.ask(question)
    assert answer.passages[0].source_id == "report"
    assert "the role of tocilizumab in CNO remains uncertain" in answer.answer


def test_which_treated_patients_had_high_il6_quotes_each_case(engine):
    answer = engine.ask("In which patients was IL-6 found to be high in the blood before they got actemra?")
    lead = answer.answer.split("**Key evidence**")[0]
    assert {p.source_id for p in answer.passages[:3]} == {"sato2017", "sun2018", "fujita2015"}
    assert "Elevated serum IL-6 and TNF-α levels" in lead
    assert "elevated ESR, serum IL-6, and TNF-α levels" in lead
    assert "markedly elevated serum IL-6 levels" in lead


@pytest.mark.parametrize(
    "question",
    [
        "Across both SAPHO case publications, what adverse effects showed up after tocilizumab was given?",
        "every SAPHO patient who got tocilizumab in the literature - what bad stuff happened to them? list pls",
    ],
)
def test_harms_across_the_sapho_reports_name_each_cases_event(engine, question):
    answer = engine.ask(question)
    lead = answer.answer.split("**Key evidence**")[0]
    assert "subcutaneous abscess on the anterior chest wall" in lead
    assert "severe neutropenia" in lead


@pytest.mark.parametrize(
    "question",
    [
        "can the regular anti-swelling pain pills you buy at the chemist settle it down on their own, or not "
        "really?",
        "can regular over the counter stuff like advil be enough on its own to calm it down?",
        "Do plain over-the-counter anti-swelling pills, like the ibuprofen kind, sort it out by themselves for most "
        "kids?",
    ],
)
def test_whether_otc_painkillers_alone_are_enough_quotes_the_cohorts(engine, question):
    answer = engine.ask(question)
    assert not answer.insufficient_evidence
    assert "NSAIDs were effective as first-line treatment in nearly half" in answer.answer


def test_what_the_consensus_and_the_review_each_say_is_their_own_words(engine):
    answer = engine.ask(
        "What do the expert consensus paper and the 2024 review each say about tocilizumab for CNO?"
    )
    lead = answer.answer.split("**Key evidence**")[0]
    assert [p.source_id for p in answer.passages[:2]] == ["hedrich2023", "roberts2024"]
    assert "not specifically addressed in this consensus" in lead
    assert "| Study |" not in answer.answer  # no synthesis table of the studies


def test_how_long_before_the_mri_improved_is_a_time_taken_not_what_came_before(engine):
    question = "Pt with on-off right shin pain since age 17, dx'd with CRMO at 48 and put on TCZ - how long before his MRI improved?"
    assert "before" not in intents(question)
    answer = engine.ask(question)
    assert answer.passages[0].source_id == "sato2017"
    assert "Over eight months, MRI findings improved" in answer.answer


def test_whether_a_harm_is_a_known_thing_quotes_what_the_authors_concluded(engine):
    answer = engine.ask(
        "got a big lump full of pus on my breastbone area a few weeks after the jab but they say no germs grew... is "
        "that a known thing?"
    )
    assert answer.passages[0].source_id == "fujita2015"
    assert "may induce aseptic abscesses" in answer.answer


@pytest.mark.parametrize(
    "question",
    [
        "is a messenger in the blood running too high, and is that why docs think this drug could help?",
        "any reason from the body's own chemistry to expect that switching off that messenger would calm it?",
        "something in the blood that makes doctors think blocking it should help these kids?",
    ],
)
def test_a_lay_why_would_it_help_quotes_each_background_papers_rationale(engine, question):
    answer = engine.ask(question)
    assert {p.source_id for p in answer.passages[:2]} == {"report", "roberts2024"}
    assert "provides a biologic rationale for IL-6 receptor blockade" in answer.answer  # the report
    assert "providing a biological rationale for IL-6 receptor blockade" in answer.answer  # the 2024 review


def test_a_named_studys_rationale_is_that_studys_own(engine):
    answer = engine.ask("Sun's 2 SAPHO pts - rationale for choosing TCZ, how did it differ?")
    assert answer.passages[0].source_id == "sun2018"


@pytest.mark.parametrize(
    "question",
    [
        "has anyone tested it properly, with a coin-flip study where half get a dummy?",
        "any proper big trials of tocilizumab in chronic nonbacterial osteomyelitis?",
    ],
)
def test_a_proper_trial_asked_is_answered_by_the_papers_that_say_there_is_none(engine, question):
    answer = engine.ask(question)
    assert answer.passages[0].source_id in {"report", "hedrich2023"}
    assert "there are no robust clinical trials to support its routine use" in answer.answer
    assert "In the absence of randomized controlled trials" in answer.answer


def test_a_treatment_trial_that_failed_is_no_clinical_trial_question(engine):
    answer = engine.ask(
        "For the little girl diagnosed with CRMO at 5, which drug led to complete resolution after the "
        "tocilizumab trial failed?"
    )
    assert answer.passages[0].source_id == "campbell2018"
    assert "golimumab" in answer.answer


@pytest.mark.parametrize(
    "question",
    [
        "do plain over-the-counter painkillers usually settle it down in children?",
        "do regular pain and swelling pills do the job first off for kids with this?",
        "the normal anti-inflammatory pills - does that even work for this bone thing?",
    ],
)
def test_does_the_first_line_pill_work_quotes_each_cohorts_result(engine, question):
    answer = engine.ask(question)
    assert (
        "NSAIDs were effective as first-line treatment in nearly half of the patients" in answer.answer
    )  # Kaut
    assert "Initial treatment with NSAIDs alone proved insufficient" in answer.answer  # Cam


def test_a_case_that_did_or_did_not_work_is_not_asked_of_the_cohorts(engine):
    answer = engine.ask(
        "young man w/ epilepsy, leg pain, necrotizing vasculitis on biopsy, failed MTX and colchicine -> TCZ. did it "
        "work?"
    )
    assert answer.passages[0].source_id == "sato2017"
    assert "knee swelling improved with TCZ therapy" in answer.answer


@pytest.mark.parametrize(
    "question",
    [
        "why did actemra seem to help the men with adult CRMO but flop in the women with SAPHO?",
        "did tocilizumab help adult-onset CRMO but fail in SAPHO?",
    ],
)
def test_helped_one_condition_but_not_the_other_is_the_reviews_comparison(engine, question):
    answer = engine.ask(question)
    assert "did not corroborate these findings" in answer.answer


def test_a_diagnosis_consistent_with_osteomyelitis_is_no_agreement_of_results(engine):
    answer = engine.ask("do the published experiences agree with each other on whether it helps?")
    assert answer.passages[0].source_id == "report"
    assert "highlighting inconsistent outcomes" in answer.answer
    assert "consistent with aseptic chronic osteomyelitis" not in answer.answer


def test_harms_across_all_the_sapho_reports_name_each_patients_event(engine):
    answer = engine.ask("in all the SAPHO patients who got toci, what bad things happened afterwards?")
    lead = answer.answer.split("**Key evidence**")[0]
    assert "subcutaneous abscess" in lead  # Fujita's man
    assert "transient severe neutropenia" in lead  # Sun's first woman
    assert "presented with progressively worsening" not in lead  # how a woman presented is no harm


def test_a_study_named_by_its_size_answers_for_itself(engine):
    answer = engine.ask("were side effects even tracked in the big 80-kid cohort?")
    assert "| Study |" not in answer.answer  # that cohort, not a synthesis of every study
    assert answer.passages[0].source_id == "cam2025"
    assert "Adverse Events Not reported" in answer.answer


def test_a_guess_after_the_question_does_not_replace_it(engine):
    answer = engine.ask("of the 80 children, how many are currently on tocilizumab? just one?")
    assert answer.passages[0].source_id == "cam2025"  # "currently" names no other study
    assert "1 on tocilizumab" in answer.answer


def test_mostly_adults_or_children_is_the_reviews_tally(engine):
    answer = engine.ask("Is the TCZ data in CNO mostly from adults or kids?")
    assert answer.passages[0].source_id == "roberts2024"
    assert "one pediatric patient treated with tocilizumab" in answer.answer


def test_how_long_until_it_calms_down_for_good_is_the_time_to_remission(engine):
    answer = engine.ask("about how long did it take before the kids' flare-ups calmed down for good?")
    assert answer.passages[0].source_id == "kaut2022"
    assert "Mean time to remission, months 37.6" in answer.answer


def test_the_main_treatment_used_is_the_predominant_one(engine):
    answer = engine.ask("Which treatment was the main one used in the Cam 2025 cohort?")
    assert "Anti-TNF therapy emerged as the predominant treatment modality" in answer.answer


def test_how_they_got_rid_of_an_event_named_after_the_ask_is_what_followed_it(engine):
    answer = engine.ask("How did they get rid of the sterile chest abscess in the elderly SAPHO patient?")
    assert answer.passages[0].source_id == "fujita2015"
    assert (
        "the abscess was effectively managed with infliximab and prednisolone"
        in answer.answer.split("**Key evidence**")[0]
    )


def test_b4_is_before(engine):
    assert "before" in intents("what had been tried b4 tocilizumab in the man with vasculitis?")


@pytest.mark.parametrize(
    ("question", "source", "quoted"),
    [
        (  # the report named as "the drug info folks"
            "bottom line from the drug info folks - is that IL-6 jab a safe bet for my daughter?",
            "report",
            "the role of tocilizumab in CNO remains uncertain",
        ),
        (  # "do they suggest the drug for adults like me": Sato's recommendation
            "adult-onset CRMO with inflamed muscles, MTX and pred failed - do they suggest the anti-IL-6 drug for "
            "adults like me?",
            "sato2017",
            "anti-IL-6 therapy should therefore be considered",
        ),
        (  # a verb for the vertebral compression fracture
            "can this illness squash the bones in my child's back? how often?",
            "kaut2022",
            "Vertebral compression fracture 23%",
        ),
        (  # the child's disease worse after the drug
            "my son's CRMO flared up after they tried tocilizumab - has that happened to anyone else?",
            "campbell2018",
            "CRMO for tocilizumab",
        ),
        (  # a prognosis cue after a long lead-in
            "does having skin problems on top of the bone thing mean my kid is in for a rougher ride?",
            "cam2025",
            "Cutaneous findings may be associated with a more aggressive course",
        ),
        (  # "look any better": how the scans went
            "did the grown man's shin scans look any better after most of a year on the medicine?",
            "sato2017",
            "Over eight months, MRI findings improved",
        ),
    ],
)
def test_lay_wordings_for_prognosis_fractures_scans_and_advice_find_their_passage(
    engine, question, source, quoted
):
    answer = engine.ask(question)
    assert answer.passages[0].source_id == source
    assert quoted in answer.answer


def test_put_to_sleep_is_remission_asked_of_the_evidence(engine):
    answer = engine.ask(
        "has the interleukin-blocking drip ever put a child's sterile bone inflammation to sleep?"
    )
    assert "| Study |" in answer.answer  # the pediatric evidence, each study's outcome
    assert "remission" in answer.answer


@pytest.mark.parametrize(
    "question",
    [
        "a pus-filled lump with no bugs came up on grandpa's chest a few weeks after the IV - has that been seen before?",
        "could the infusion cause a painful lump full of pus on the chest when no germs are found?",
        "an old man got a sterile pus lump on his chest after his new arthritis drip - is that a thing that happens?",
    ],
)
def test_is_that_harm_a_known_thing_quotes_the_event_and_the_authors_conclusion(engine, question):
    answer = engine.ask(question)
    lead = answer.answer.split("**Key evidence**")[0]
    assert answer.passages[0].source_id == "fujita2015"
    assert "subcutaneous abscess on the anterior chest wall" in lead  # what happened
    assert "may induce aseptic abscesses" in lead  # what the authors concluded of the drug
    assert "before" not in intents(question)  # "seen before" asks nothing of what came before the drug


def test_how_did_the_children_on_the_drug_do_every_case_is_the_pediatric_synthesis(engine):
    answer = engine.ask(
        "Across the studies in children, how did the kids who got tocilizumab do? I want every case."
    )
    assert "| Study |" in answer.answer
    assert (
        "the patient on tocilizumab, and the patient on canakinumab achieved remission" in answer.answer
    )  # Cam
    assert "CRMO for tocilizumab" in answer.answer  # Campbell's worsening


@pytest.mark.parametrize(
    "question",
    [
        "Sort the TCZ case reports into ones where it helped and ones where it made CRMO/SAPHO worse.",
        "adult tcz cases, who improved & who didnt?",
    ],
)
def test_who_improved_and_who_worsened_is_a_synthesis_with_each_outcome(engine, question):
    answer = engine.ask(question)
    assert "| Study |" in answer.answer
    assert "| Sato 2017 [" in answer.answer and "| Sun 2018 [" in answer.answer
    assert "led to significant improvement" in answer.answer  # Sato's own words for its row
    assert "tocilizumab showed a limited therapeutic effect" in answer.answer  # Sun's


def test_lab_markers_against_the_course_quote_each_sun_cases_marker_sentence(engine):
    answer = engine.ask(
        "In the two Sun SAPHO cases, how did the lab markers compare with how the patients actually did on TCZ?"
    )
    assert "Following initiation, ESR decreased rapidly" in answer.answer  # case 1
    assert "while inflammatory markers remained normal" in answer.answer  # case 2


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        # the abbreviation asked about, not another one the question also names ("CNO")
        (
            "what is SAPHO short for? my nephew has CNO and I wonder if it's the same",
            "hyperostosis, and osteitis (SAPHO)",
        ),
        # as written: "CRMO" is folded to "cno" for retrieval, but its long form is the one asked for
        ("quick one - what does CRMO stand for?", "chronic recurrent multifocal osteomyelitis (CRMO)"),
    ],
)
def test_an_abbreviation_is_answered_by_its_own_long_form(engine, question, expected):
    lead = next(b for b in _blocks(engine.ask(question)) if not b.startswith("_"))
    assert expected in lead, lead


def test_why_would_switching_off_a_messenger_help_is_the_reviews_rationale(engine):
    answer = engine.ask(
        "the bone inflammation isn't an infection, so why would turning off one messenger chemical help?"
    )
    assert "rationale" in intents(answer.question)
    lead = _lead(answer)
    assert "IL-6" in lead and "cytokine" in lead, lead  # the background's biology, not a case's neutropenia
    assert answer.passages[0].source_id in {"report", "roberts2024", "hedrich2023"}  # a background paper


def test_a_coin_flip_without_a_study_is_no_trial_question(engine):
    assert "trials" not in intents("is this drug a bit of a coin flip for my CRMO?")
    assert "trials" in intents("was there ever a coin-flip study of TCZ where half got a dummy drip?")


@pytest.mark.parametrize(
    "question",
    [
        "list for me every report where TCZ made things go badly, kids or grown-ups",
        "can you list out all the cases where tocilizumab went wrong?",
    ],
)
def test_where_it_went_badly_is_the_harm_synthesis_of_every_report(engine, question):
    answer = engine.ask(question)
    assert "| Study |" in answer.answer
    assert "CRMO for tocilizumab" in answer.answer  # Campbell's worsening
    assert "may induce aseptic abscesses" in answer.answer  # Fujita's abscess


def test_does_anybody_know_if_it_helps_is_an_evidence_question(engine):
    assert "evidence" in intents("does anybody actually know if tocilizumab helps in CNO?")
    answer = engine.ask("does anybody actually know if tocilizumab helps in CNO?")
    assert "| Study |" in answer.answer


@pytest.mark.parametrize(
    "question",
    [
        "do most kids with CNO eventually grow out of it?",
        "will most children with this germ-free bone inflammation calm down for good? what share?",
    ],
)
def test_do_most_kids_get_well_is_the_share_in_remission(engine, question):
    answer = engine.ask(question)
    assert "Remission achieved 87%" in answer.answer  # Kaut 2022's row, even where retrieval left it out
    assert "kaut2022" in {c.source_id for c in answer.citations}


def test_perfect_bloodwork_on_the_drug_is_the_case_whose_markers_stayed_normal(engine):
    answer = engine.ask(
        "if my wife's bloodwork (CRP, ESR) looks perfect on actemra, is her SAPHO under control?"
    )
    assert "while inflammatory markers remained normal" in answer.answer


def test_the_wait_before_being_told_it_is_cno_is_the_diagnostic_delay(engine):
    answer = engine.ask("how long do children usually wait before they're told it's CNO?")
    assert "Mean diagnostic delay, months 17" in answer.answer


@pytest.mark.parametrize(
    ("question", "cue", "present"),
    [
        ("has anyone run a proper trial of tocilizumab in CRMO?", "trials", True),  # a study of the drug
        ("a trial of colchicine was given first - did it help?", "trials", False),  # a treatment tried
        ("what should we watch out for on actemra?", "adverse", True),  # what to monitor is a harm question
        ("if her labs mean the disease is quiet, is that it?", "number", False),  # "mean the" is no average
    ],
)
def test_proper_trials_watching_for_harms_and_meaning_are_read_as_asked(question, cue, present):
    assert (cue in intents(question)) is present


def test_most_of_the_information_from_adults_or_children_is_the_reviews_tally(engine):
    answer = engine.ask("is most of the actemra info from grown ups or from children? mine is 9")
    assert "two adults with adult-onset CNO treated with tocilizumab" in answer.answer  # Roberts's tally
    assert "isolated adult and pediatric cases describing improvements" in answer.answer  # the report's


def test_germ_fighting_cells_that_could_tank_are_the_neutropenia(engine):
    answer = engine.ask(
        "her doctor said her germ-fighting blood cells could tank on actemra - has that happened?"
    )
    assert answer.passages[0].source_id == "sun2018"
    assert "neutropenia" in answer.answer


def test_red_patches_and_a_harder_course_is_the_skin_prognosis(engine):
    answer = engine.ask(
        "my son gets bumpy red patches on his palms too - does that mean his bones will be harder to settle?"
    )
    assert "Cutaneous findings may be associated with a more aggressive course" in answer.answer


@pytest.mark.parametrize(
    "question",
    [
        "what dose of tocilizumab did the case reports use - per kilo?",
        # (the thirteenth round's code quoted only Fujita's dose here: Sun's sentences were not retrieved)
        "what dose of actemra did they give in the case reports, like per kilo?",
    ],
)
def test_the_dose_in_the_case_reports_is_every_cases_tocilizumab_dose(engine, question):
    answer = engine.ask(question)
    assert "(dosed at 8 mg/kg)" in answer.answer  # Fujita
    assert "tocilizumab was initiated at 8 mg/kg" in answer.answer  # Sun, even where retrieval left it out
    lead = _lead(answer)
    assert "lower dosing regimen" not in lead.split("[2]")[0]  # another drug's dosing does not come first


def test_what_came_after_tocilizumab_failed_is_asked_of_every_case(engine):
    answer = engine.ask(
        "after tocilizumab stopped working or caused trouble, what did the doctors move on to?"
    )
    assert "Bisphosphonate and minocycline therapy were subsequently started" in answer.answer  # Sun
    assert "managed with infliximab and prednisolone" in answer.answer  # Fujita


def test_thinking_about_kids_someday_is_no_pediatric_filter(engine):
    answer = engine.ask(
        "I'm a 30-year-old woman with SAPHO thinking about kids someday - why did the case report pick TCZ for the woman my age?"
    )
    assert "population" not in answer.filters
    assert "fertility considerations" in answer.answer


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        # a skin rash and a worse course: Cam 2025's conclusion
        (
            "my granddaughter has a skin rash with it too - could her illness turn out nastier?",
            "Cutaneous findings may be associated with a more aggressive course",
        ),
        # "would someone my age have been included?": who the cohort left out
        (
            "I'm 35 - would someone like me have been included in the Cam 2025 study?",
            "were over the age of 18",
        ),
    ],
)
def test_a_worse_course_and_being_included_are_read_in_everyday_words(engine, question, expected):
    assert expected in engine.ask(question).answer


@pytest.mark.parametrize(
    "question",
    [
        "among the kids with CRMO who got Actemra, did it work?",
        "in the adult case reports, when did toci help and when did it flop?",
    ],
)
def test_how_the_treated_patients_did_is_a_synthesis(engine, question):
    answer = engine.ask(question)
    assert "| Study |" in answer.answer


def test_an_il6_shot_is_tocilizumab(engine):
    assert "tocilizumab" in words("does the IL6 shot calm it down?")


def test_which_medicines_have_prospective_data_is_the_passage_that_names_them(engine):
    answer = engine.ask("which CNO medicines have any forward-looking (prospective) study data behind them?")
    lead = _lead(answer)
    assert "limited prospective data supporting the efficacy and safety of naproxen" in lead, lead


def test_two_named_studies_each_answer(engine):
    answer = engine.ask(
        "what else besides TCZ helped the children in the Cam cohort and in the Campbell case?"
    )
    lead = _lead(answer)
    cited = {c.n: c.source_id for c in answer.citations}
    assert {cited[int(n)] for n in re.findall(r"\[(\d+)\]", lead)} >= {"cam2025", "campbell2018"}, lead


@pytest.mark.parametrize(
    "question",
    [
        "what kind of medicine even is Actemra - what does it block?",
        "Actemra is what kind of drug, a monoclonal antibody to what?",
    ],
)
def test_what_kind_of_drug_in_any_order_is_the_mechanism(engine, question):
    answer = engine.ask(question)
    assert not answer.insufficient_evidence, answer.answer  # "monoclonal antibody" is the corpus' words
    assert "mechanism" in intents(question)
    assert "IL-6" in _lead(answer)


def test_bad_reactions_in_sapho_is_the_harm_synthesis(engine):
    answer = engine.ask("which bad reactions did the people with SAPHO have on tocilizumab?")
    assert "| Study |" in answer.answer
    assert "subcutaneous abscess on the anterior chest wall" in answer.answer  # Fujita's


def test_get_better_and_stay_better_is_remission(engine):
    answer = engine.ask("do most kids with CNO get better and stay better - what fraction?")
    assert "Remission achieved 87%" in answer.answer


def test_which_drug_worked_for_a_described_patient_is_his_story(engine):
    # (guards the "which medicines" rule: a described patient's own passages answer, drug named or not)
    answer = engine.ask(
        "young man on epilepsy meds with sore shins and swollen joints - which drug finally helped him?"
    )
    assert answer.passages[0].source_id == "sato2017"


def test_how_many_published_reports_of_the_drug_is_the_reviews_count(engine):
    answer = engine.ask(
        "how many published reports are there of actemra being used in CNO? is it really only a few"
    )
    assert "limited to three published reports" in _lead(answer)


def test_how_often_does_that_happen_is_the_share(engine):
    answer = engine.ask(
        "i'm scared my girl will end up with one leg shorter than the other from all this. how often does that happen??"
    )
    lead = _lead(answer)
    assert "Leg length discrepancy 17%" in lead.split("[1]")[0], lead


def test_what_the_drug_targets_leads_with_its_target(engine):
    answer = engine.ask("TCZ MOA - what does it target exactly?")
    assert answer.passages[0].source_id in {"fujita2015", "sato2017"}, _lead(answer)
    assert "receptor" in _lead(answer).split("[1]")[0]


def test_any_pediatric_data_or_all_adults_is_the_reviews_tally_first(engine):
    answer = engine.ask("Is there any pediatric tocilizumab data in CNO, or is it all adults?")
    assert answer.passages[0].source_id == "roberts2024"
    assert "one pediatric patient treated with tocilizumab" in _lead(answer)


def test_better_vs_worse_across_populations_is_each_studys_outcome(engine):
    # (guards the tally rule: outcomes asked, the studies' rows lead)
    answer = engine.ask(
        "across all the individual case reports where someone got toci (adult CRMO, SAPHO, paeds CRMO), how many "
        "got better vs worse?"
    )
    assert answer.passages[0].source_id != "roberts2024"
    assert "| Study |" in answer.answer


def test_a_bottom_line_asked_is_the_reports_whether_retrieved_or_not(engine):
    answer = engine.ask("bottom line - is tocilizumab's place in CNO treatment established or not?")
    assert answer.passages[0].source_id == "report"
    assert "**Bottom line (report):**" in answer.answer
    assert "the role of tocilizumab in CNO remains uncertain" in answer.answer


def test_high_quality_or_case_reports_is_the_level_of_evidence(engine):
    answer = engine.ask(
        "what grade of evidence is there for actemra in CNO? like high quality studies or just case reports"
    )
    assert _lead(answer).startswith("D - Case reports or unreliable data [1]")


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        (
            "is that rheumatoid arthritis infusion actually known to help kids whose bones get inflamed with no germ "
            "causing it? or is it just a guess",
            "the role of tocilizumab in CNO remains uncertain",
        ),
        (
            "Has anyone done a proper study where people were split at random into groups to test this for the bone "
            "condition?",
            "no robust clinical trials",
        ),
    ],
)
def test_known_to_help_or_a_guess_and_random_groups_ask_the_evidence(engine, question, expected):
    answer = engine.ask(question)
    assert answer.passages[0].source_id in {"report", "roberts2024", "hedrich2023"}, _lead(answer)
    assert expected in answer.answer


def test_painkillers_settling_this_down_by_themselves_is_each_cohorts_figure(engine):
    answer = engine.ask(
        "Can regular over-the-counter painkillers like ibuprofen settle this down by themselves?"
    )
    assert "NSAIDs were effective as first-line treatment in nearly half of the patients" in answer.answer


def test_how_many_years_to_calm_down_for_good_is_time_to_remission(engine):
    answer = engine.ask("roughly how many years does it take for children with this to calm down for good?")
    assert _lead(answer).startswith("Mean time to remission, months 37.6")


def test_a_patient_named_by_her_history_gets_her_own_outcome(engine):
    answer = engine.ask(
        "SAPHO pt with palmoplantar pustulosis since 2008 and a past thyroid carcinoma - how did she do on actemra?"
    )
    assert "ESR decreased rapidly; however, her pre-existing osteoarticular" in _lead(answer)


@pytest.mark.parametrize(
    "question",
    [
        "grandpa got a big pus pocket on his chest a few weeks after his IV med even though no bugs grew... could the "
        "med have caused it?",
        "An old man got a sore, pus-filled lump on his chest a few weeks after the shot but no bacteria grew - what "
        "was going on?",
    ],
)
def test_could_the_drug_have_caused_it_is_the_authors_conclusion(engine, question):
    answer = engine.ask(question)
    assert "known_harm" in intents(question)
    assert "may induce aseptic abscesses" in _lead(answer)


def test_on_it_at_the_time_of_the_report_is_the_current_treatments(engine):
    answer = engine.ask(
        "In the 80-kid referral centre CNO cohort, how many were on toci at the time of the report?"
    )
    assert "2 on infliximab, and 1 on tocilizumab" in _lead(answer).split("[1]")[0]


@pytest.mark.parametrize(
    "question",
    [
        "pediatric TCZ exposure in CNO/CRMO: any success vs failure reported?",
        "among kids specifically, did any on tocilizumab get better and did any get worse?",
    ],
)
def test_success_vs_failure_in_children_is_the_synthesis(engine, question):
    answer = engine.ask(question)
    assert "| Study |" in answer.answer
    assert "| Campbell 2018 [" in answer.answer and "| Cam 2025 [" in answer.answer


def test_what_they_switched_people_to_after_it_backfired_in_sapho_is_each_case(engine):
    answer = engine.ask("When Actemra backfired in SAPHO, what did the doctors switch people to?")
    assert "managed with infliximab and prednisolone" in answer.answer  # Fujita's
    assert "Bisphosphonate and minocycline therapy were subsequently started" in answer.answer  # Sun's


def test_helped_some_but_failed_others_asks_for_both_sides(engine):
    answer = engine.ask(
        "I keep reading mixed things - Actemra helped some adults but failed others? can you give me both sides"
    )
    assert "| Study |" in answer.answer
    assert "| Sato 2017 [" in answer.answer and "| Sun 2018 [" in answer.answer


def test_shins_sore_on_both_sides_is_no_evidence_question(engine):
    # (guards "give me both sides": a patient's "both sides" is where it hurts)
    question = (
        "young man who takes seizure meds, sore shins on both sides and swollen knees, bone inflammation with no "
        "germs - did the interleukin blocker ease his pain and swelling?"
    )
    assert "evidence" not in intents(question)
    assert "knee swelling improved with TCZ therapy" in engine.ask(question).answer


@pytest.mark.parametrize(
    "question",
    [
        "when actemra went wrong in the SAPHO patients, what did the doctors give instead that actually helped?",
        "when actemra failed or caused problems in SAPHO, what did doctors use afterward to rescue things?",
    ],
)
def test_what_was_given_instead_after_it_failed_in_sapho_is_each_cases_next_step(engine, question):
    answer = engine.ask(question)
    assert answer.passages[0].source_id in {"sun2018", "fujita2015"}, _lead(answer)  # not a review's verdict
    assert "managed with infliximab and prednisolone" in answer.answer
    assert "Bisphosphonate and minocycline therapy were subsequently started" in answer.answer


def test_why_switching_off_the_messenger_would_help_is_the_rationale_for_blocking_it(engine):
    answer = engine.ask(
        "Why would switching off that one body messenger protein even help achy bones in the first place?"
    )
    assert answer.passages[0].source_id in {"report", "roberts2024"}, _lead(answer)
    assert "rationale for IL-6 receptor blockade" in _lead(answer)


def test_can_those_meds_actually_cause_that_asks_whether_the_drug_causes_it():
    assert "known_harm" in intents("anti-TNF infusions. Can those meds actually cause that?")


@pytest.mark.parametrize(
    "question, cue, expected",
    [
        # how a described man got on: his course on the drug
        (
            "the man whose right leg had hurt on and off since he was 17 - how did he get on once TCZ was begun?",
            "response",
            "allowing the cessation of analgesics and tapering of prednisolone",
        ),
        (
            "for the man with leg pain on and off since his teens, what were doctors able to stop once tocilizumab "
            "began?",
            "response",
            "allowing the cessation of analgesics and tapering of prednisolone",
        ),
        # why it would help at all: the rationale for blocking IL-6
        (
            "why on earth would blocking one little messenger in the blood help aching bones?",
            "rationale",
            "biological rationale for IL-6 receptor blockade",
        ),
        (
            "is something in the blood high in these patients that explains why doctors would reach for this drip?",
            "rationale",
            "biological rationale for IL-6 receptor blockade",
        ),
    ],
)
def test_everyday_phrasings_ask_their_kind_and_get_the_passage_that_answers(engine, question, cue, expected):
    assert cue in intents(question)
    assert expected in engine.ask(question).answer


def test_a_relative_clause_does_not_swallow_the_question_after_did():
    # "did the two men whose shins kept flaring do alright on it?": the ask is "do alright on it"
    assert "response" in intents("did the two men whose shins kept flaring do alright on it?")
    assert "response" in intents("did both men whose legs were sore for years do ok on the IL-6 drug?")


def test_whether_the_drug_helps_men_described_is_each_ones_course(engine):
    answer = engine.ask(
        "does the drip that blocks the alarm protein really help grown men whose shins flare for years?"
    )
    lead = _lead(answer)
    assert "MRI findings improved" in lead or "steroid dose was successfully tapered" in lead, lead
    assert "Imaging revealed bilateral tibial osteosclerosis" not in lead  # his history, not how he did


def test_go_after_its_own_bones_is_no_time_after():
    assert "after" not in intents("why would a child's immune system go after its own bones?")
    assert "after" in intents("what happened after tocilizumab?")


def test_help_or_hurt_asks_for_the_harms_too(engine):
    question = "SAPHO patients on tocilizumab, all reports together: did it help or hurt?"
    assert "adverse" in intents(question)
    answer = engine.ask(question)
    assert "may induce aseptic abscesses" in answer.answer  # Fujita's verdict on the harm
    assert "| Sun 2018 [" in answer.answer


def test_could_the_drug_make_spots_flare_is_whether_it_causes_it():
    assert "known_harm" in intents("could the medicine make her pus-filled skin bumps flare back up?")
    assert "known_harm" not in intents("could the medicine make her bones feel better?")


def test_what_kind_of_molecule_is_the_mechanism(engine):
    question = "What is actemra exactly - what kind of molecule, and what does it go after?"
    answer = engine.ask(question)
    assert "monoclonal antibody targeting the interleukin-6 (IL-6) receptor" in _lead(answer)


def test_anyones_guess_whether_this_drug_helps_is_the_bottom_line(engine):
    answer = engine.ask(
        "bottom line: is it anyone's guess whether this drug helps germ-free bone inflammation?"
    )
    assert "**Bottom line (report):**" in answer.answer
    assert "| Study |" in answer.answer


def test_should_we_be_using_it_in_sapho_is_the_authors_advice(engine):
    answer = engine.ask("not CRMO but SAPHO - should we be using actemra for it?")
    assert "we do not recommend the use of tocilizumab in patients with SAPHO syndrome" in _lead(answer)


def test_a_comparison_naming_two_studies_leads_with_each(engine):
    answer = engine.ask("Sato 2017 vs Sun 2018: both adult case series on TCZ, so why the opposite results?")
    lead = answer.passages[:4]
    assert {"sato2017", "sun2018"} <= {p.source_id for p in lead}, _lead(answer)
    assert "response" in intents("why such different results in the two series?")


def test_whether_good_results_extend_to_sapho_is_the_reviews_comparison(engine):
    answer = engine.ask("Do the good tocilizumab results in CRMO extend to people with SAPHO?")
    assert "did not corroborate these findings" in _lead(answer).split(". ")[0], _lead(answer)


def test_both_conditions_joined_by_a_slash_are_both_named(engine):
    answer = engine.ask("tocilizumab in CRMO/CNO vs SAPHO: did the SAPHO patients do as well?")
    assert "condition = SAPHO" not in answer.answer  # both conditions asked: no filter
    assert "did not corroborate these findings" in answer.answer


def test_data_for_any_drug_is_the_passage_naming_the_drugs(engine):
    answer = engine.ask("Are there prospective data for any drug in CRMO, or only retrospective series?")
    assert "limited prospective data supporting the efficacy and safety of naproxen" in _lead(answer)


def test_what_data_exist_for_adults_is_the_synthesis(engine):
    answer = engine.ask("CNO in grown-ups: what tocilizumab data actually exist?")
    assert "| Sato 2017 [" in answer.answer
    assert "two adults with adult-onset CNO treated with tocilizumab" in answer.answer


def test_what_worked_after_the_drug_failed_skips_the_cases_it_helped(engine):
    answer = engine.ask(
        "once tocilizumab failed or caused trouble, what rescue treatments worked in the case reports?"
    )
    assert (
        "complete resolution of CRMO was observed with golimumab" in answer.answer
    )  # Campbell's, not retrieved
    assert "steroid dose was successfully tapered" not in _lead(answer)  # Sato's patient did well on it
    # (no case named: every case where it failed, none where it helped)
    answer = engine.ask("when actemra failed, what did people switch to that actually worked?")
    assert answer.passages[0].source_id != "sato2017", _lead(answer)
    assert "complete resolution of CRMO was observed with golimumab" in answer.answer


def test_what_makes_flares_keep_coming_back_is_the_relapse_factors(engine):
    question = "what makes it more likely that a child's bone flare-ups keep coming back after settling?"
    assert "significance" in intents(question)
    assert "Total number of involved bones 9.9 ± 4.0 vs 7.0 ± 4.4" in engine.ask(question).answer


def test_a_tables_key_of_abbreviations_does_not_lead(engine):
    answer = engine.ask(
        "as a nurse, can we trust the CRP and ESR to show a flare while someone is on actemra?"
    )
    assert not _lead(answer).startswith("CRP: C-reactive protein; ESR:"), _lead(answer)
    assert "while inflammatory markers remained normal" in answer.answer  # Sun's case whose markers misled


def test_mostly_girls_asks_for_the_share_of_girls(engine):
    question = "it seems like mostly girls get this bone inflammation - is it more common in girls?"
    assert "number" in intents(question)
    assert "Female 73%" in engine.ask(question).answer


def test_the_reports_level_of_evidence_is_not_another_drugs(engine):
    answer = engine.ask("pamidronate drips for CNO: how good is the evidence behind them?")
    assert not _lead(answer).startswith("D - Case reports"), _lead(answer)  # that level is tocilizumab's
    assert (
        "the bisphosphonate pamidronate" in answer.answer
    )  # the consensus on its (limited prospective) data


def test_children_who_were_put_on_the_drug_asks_across_the_studies():
    assert "multi" in intents("What happened to children with CRMO who were put on toci?")


def test_which_of_two_other_treatments_works_better_is_each_cohorts_figures(engine):
    question = "for children, which worked better: plain NSAIDs or the TNF-blocking biologics?"
    assert {"multi", "most"} <= intents(question)
    lead = _lead(engine.ask(question))
    assert (
        "NSAIDs alone proved insufficient" in lead and "NSAIDs were effective as first-line treatment" in lead
    )


@pytest.mark.parametrize(
    "question, cue",
    [
        ("honestly, is it a coin toss whether this drip works for my bones?", "evidence"),
        ("is the arthritis drip for CRMO proven, or still a bit of a guess?", "evidence"),
        ("is it anyone's guess whether it works?", "evidence"),
        ("was relapse more common in children with skin involvement than without?", "significance"),
        ("the 2025 cohort - were adults included at all?", "exclusion"),
        ("her palms and soles have rashes - does that mean she's got a nastier kind?", "prognosis"),
        (
            "Adult man with myositis on MRI and necrotizing vasculitis: response to IL-6R blockade?",
            "response",
        ),
        ("explain the cytokine story in CNO and why that points toward IL-6R blockade", "rationale"),
        (
            "are the alarm chemicals running high, and is that why anyone would try blocking them?",
            "rationale",
        ),
        ("Does having a rash tell you the illness is going to be rougher going forward?", "prognosis"),
        ("Does having skin involvement mean more relapses compared to those without?", "significance"),
        ("the little girl whose neck hurt for months - did she ever get totally better?", "response"),
        ("did the ladies with the pimply skin get any real benefit from that infusion?", "response"),
        ("Were any grown-ups let into that study of kids with the bone condition?", "exclusion"),
        ("Has that arthritis drip Actemra ever actually settled down a kid's bone inflammation?", "evidence"),
        ("can this jab make the little yellow blisters on my hands and feet come back worse?", "known_harm"),
        ("Did anybody get a pus-filled lump on their chest after getting the shot?", "known_harm"),
        ("What's the pediatric track record for TCZ in CNO/CRMO?", "evidence"),
        ("Did Cam 2025 enroll any adults, or was it strictly pediatric?", "exclusion"),
        ("does that arthritis drip actually fix this or not??", "evidence"),
        (
            "Did the two grown men with sore shins feel better once they were put on the IV biologic?",
            "response",
        ),
        (
            "Pediatric CRMO on TCZ: contrast the remission in one cohort with the case where CRMO worsened.",
            "multi",
        ),
        ("Out of the 80 youngsters, did the single one on the Actemra drip settle down?", "response"),
    ],
)
def test_everyday_and_clinical_phrasings_ask_their_kind_of_answer(question, cue):
    assert cue in intents(question)


def test_my_teenager_is_who_asks_not_an_age_question(engine):
    question = (
        "my teenager's bones still ache after the usual pills - has the actemra shot ever worked for a child?"
    )
    assert "age" not in intents(question)
    assert "| Study |" in engine.ask(question).answer  # the evidence, study by study
    assert "age" in intents("were any teenagers treated with tocilizumab?")


def test_a_cohort_named_by_its_year_keeps_its_own_population(engine):
    answer = engine.ask("that 2025 referral centre cohort - were adults included?")
    assert "population = adult" not in answer.answer
    assert "were over the age of 18" in answer.answer  # who the cohort left out


def test_when_it_went_wrong_what_they_moved_to_is_each_failed_cases_next_step(engine):
    answer = engine.ask("when actemra went wrong for people, what did the doctors move them to that worked?")
    assert answer.passages[0].source_id in {"fujita2015", "sun2018", "campbell2018"}, _lead(answer)
    for step in (
        "managed with infliximab and prednisolone",  # Fujita's
        "Bisphosphonate and minocycline therapy were subsequently started",  # Sun's
        "complete resolution of CRMO was observed with golimumab",  # Campbell's
    ):
        assert step in answer.answer


def test_known_to_happen_after_a_described_harm_is_the_authors_verdict(engine):
    question = "a sore pus-filled lump on the chest a few weeks after starting, nothing grew in the lab - known to happen?"
    assert "known_harm" in intents(question)
    assert "may induce aseptic abscesses" in _lead(engine.ask(question))


def test_a_synthesis_row_of_a_study_with_a_harm_carries_its_authors_verdict(engine):
    answer = engine.ask("All three SAPHO patients who received 8 mg/kg TCZ - what were the outcomes?")
    assert "| Fujita 2015 [" in answer.answer
    assert "may induce aseptic abscesses" in answer.answer  # asked of outcomes, not harms: still the verdict


def test_most_of_the_little_ones_asks_the_share_in_remission(engine):
    question = "did most of the little ones calm down and stop flaring for good in the end?"
    assert "number" in intents(question)
    assert "Remission achieved 87%" in engine.ask(question).answer


def test_is_that_why_they_chose_it_for_her_is_her_own_reason(engine):
    question = "one SAPHO woman had had thyroid cancer before - is that why they went with toci for her?"
    assert "rationale" not in intents(question)
    assert "due to prior thyroid carcinoma history" in engine.ask(question).answer
    assert "rationale" in intents("IL-6 runs high in these patients - is that why doctors think it helps?")


def test_did_anybody_get_a_harm_after_the_shot_is_the_authors_verdict(engine):
    question = "Did anybody get a pus-filled lump on their chest that turned out not to be an infection after getting the shot?"
    assert "may induce aseptic abscesses" in _lead(engine.ask(question))


@pytest.mark.parametrize(
    "question",
    [
        "My serum IL-6 came back high. In the case reports, did a high IL-6 mean Actemra would work?",
        "SAPHO pt w/ IL-6 positive bone bx — does that make TCZ reasonable?",
        "was serum IL-6 elevated before TCZ in the adult case reports, and did that predict who would respond??",
    ],
)
def test_whether_a_high_il6_predicts_a_response_quotes_that_it_did_not(engine, question):
    assert "regardless of IL-6 positivity in the biopsy tissue" in _lead(engine.ask(question))


def test_the_il6_caveat_keeps_the_lead_it_joins(engine):
    question = (
        "Did high IL-6 levels before toci predict who responded? compare the adult CRMO men (Sato) and the SAPHO "
        "women (Sun)"
    )
    answer = engine.ask(question).answer
    assert "regardless of IL-6 positivity" in answer and "elevated ESR, IL-6, and TNF-α levels" in answer


def test_the_little_girl_is_the_case_reports_child(engine):
    question = (
        "the little girl who went through a bunch of meds before one finally cleared things up - any side effect "
        "like losing her hair at the end?"
    )
    answer = engine.ask(question)
    assert answer.passages[0].source_id == "campbell2018"
    assert "only mild alopecia" in _lead(answer)
    # a parent's own little girl is no patient of the texts
    mine = engine.ask("my little girl has CNO - is tocilizumab an option for her?")
    assert {p.source_id for p in mine.passages[:5]} != {"campbell2018"}


@pytest.mark.parametrize(
    "question",
    [
        "I had this sterile bone thing when I was 12 and now one of my legs is shorter than the other. is that common?",
        "can this leave one of her legs shorter than the other one when she grows up??",
        "how often does one leg end up shorter than the other from this bone thing",
    ],
)
def test_a_shorter_leg_asked_in_everyday_words_is_the_cohorts_figure(engine, question):
    assert _lead(engine.ask(question)).startswith("Leg length discrepancy 17%")


def test_were_grown_ups_let_into_a_study_of_kids_is_its_exclusion_criteria(engine):
    answer = engine.ask("Were any grown-ups let into that Turkish study of kids with the bone condition?")
    assert "were over the age of 18" in _lead(answer)


def test_which_reports_were_in_children_and_which_in_adults_is_the_reviews_tally(engine):
    answer = engine.ask("Kids vs adults: which toci reports were in children and which in adults?")
    assert answer.passages[0].source_id == "roberts2024"


def test_a_comparison_of_responses_lists_the_studies_by_relevance(engine):
    answer = engine.ask(
        "Compare the response to tocilizumab in the adult-onset CRMO cases vs the refractory SAPHO cases."
    )
    assert (
        answer.passages[0].source_id == "sun2018"
    )  # not the improved case first because "response" was asked


def test_what_doctors_try_when_the_first_things_fail_is_the_second_line(engine):
    answer = engine.ask(
        "if the first couple things dont work for my grandson, what else do doctors reach for next"
    )
    assert not answer.insufficient_evidence
    assert "second-line" in _lead(answer)


@pytest.mark.parametrize(
    "question",
    [
        "Has anybody done a proper big test with a dummy pill group to prove this medicine works for it?",
        "which treatments for CNO have at least some forward-looking study data behind them",
    ],
)
def test_a_trial_asked_in_everyday_words_is_answered_by_the_missing_trials(engine, question):
    assert _lead(engine.ask(question)).startswith("In the absence of randomized controlled trials")


def test_a_diagnosis_that_took_years_asks_the_diagnostic_delay(engine):
    question = "my diagnosis took nearly 2 yrs, is that normal?? what's the average diagnostic delay in months for CNO in kids"
    assert _lead(engine.ask(question)).startswith("Mean diagnostic delay, months 17")


def test_has_the_drug_ever_settled_a_kids_disease_quotes_the_child_in_remission(engine):
    answer = engine.ask(
        "Has that arthritis drip Actemra ever actually settled down a kid's non-infected bone inflammation?"
    )
    assert "the patient on tocilizumab, and the patient on canakinumab achieved remission" in answer.answer


@pytest.mark.parametrize(
    "question",
    [
        "What's the pediatric track record for TCZ in CNO/CRMO — any kid who went into remission and any who got worse?",
        # ("in another case" is a source beside another, not one case the question names)
        "In children, tocilizumab outcomes seem mixed - remission in one cohort but worsening CRMO in another case. "
        "what exactly was reported?",
    ],
)
def test_a_mixed_pediatric_record_quotes_the_child_who_worsened(engine, question):
    assert "CRMO for tocilizumab" in engine.ask(question).answer


def test_how_many_improved_and_how_many_failed_is_each_studys_outcome(engine):
    answer = engine.ask(
        "Across all the case reports, how many grown-ups improved on tocilizumab and how many had it fail?"
    )
    for row in ("| Sato 2017 [", "| Fujita 2015 [", "| Sun 2018 ["):
        assert row in answer.answer


def test_can_the_drug_make_the_skin_worse_quotes_each_cases_event_on_it(engine):
    question = "can this jab make the little yellow blisters on my hands and feet come back worse?"
    lead = _lead(engine.ask(question))
    assert (
        "her pre-existing osteoarticular and cutaneous manifestations worsened" in lead
    )  # the first woman's
    assert "new pustular rashes" in lead  # the second woman's
    assert not lead.startswith("A 53-year-old woman presented")  # not the patient's presentation


def test_bone_strengthening_is_no_critique():
    assert "critique" not in intents("Why were some of the kids given those bone-strengthening drips?")
    assert "critique" in intents("what are the strengths and weaknesses of the Kaut study?")


def test_the_askers_own_age_names_no_study_by_its_size(engine):
    answer = engine.ask("Im 30 — did the Cam CNO study include any adults like me?")
    assert answer.passages[0].source_id == "cam2025"  # not Kaut's "cohort of 30 children"
    assert "were over the age of 18" in _lead(answer)


def test_what_the_letters_stand_for_is_the_spelled_out_name(engine):
    lead = _lead(engine.ask("SAPHO - what do the letters even stand for?"))
    assert "synovitis, acne, pustulosis, hyperostosis, and osteitis (SAPHO)" in lead


def test_a_patient_asking_if_the_drip_fixes_it_gets_the_reports_verdict_first(engine):
    question = (
        "my bones keep flaring up but no germ was ever found. does that arthritis drip that blocks one of the "
        "body's alarm signals actually fix this or not??"
    )
    answer = engine.ask(question)
    assert answer.passages[0].source_id == "report"
    assert "the role of tocilizumab in CNO remains uncertain" in answer.answer


def test_did_the_one_child_on_the_drip_settle_down_is_its_remission(engine):
    question = "Out of the 80 youngsters with the germ-free bone swelling, did the single one on the Actemra drip settle down?"
    assert "the patient on tocilizumab, and the patient on canakinumab achieved remission" in _lead(
        engine.ask(question)
    )


def test_worked_better_in_crmo_than_in_sapho_is_the_reviews_comparison(engine):
    answer = engine.ask("Did toci work better in the adult-onset CRMO cases than in the SAPHO patients?")
    assert "did not corroborate these findings" in _lead(answer)


def test_the_pediatric_case_is_the_one_child_among_the_cases(engine):
    answer = engine.ask(
        "Was tocilizumab stopped in the pediatric CRMO case because of disease flare or a side effect?"
    )
    assert answer.passages[0].source_id == "campbell2018"
    assert "CRMO for tocilizumab" in _lead(answer)
    # (not "both the pediatric CRMO case and the adult SAPHO ones": several cases asked)
    both = engine.ask(
        "where has TCZ failed or made things worse — both the pediatric CRMO case and the adult SAPHO ones?"
    )
    assert {"campbell2018", "sun2018"} <= {p.source_id for p in both.passages[:5]}


def test_a_contrast_of_pediatric_outcomes_quotes_both_the_remission_and_the_worsening(engine):
    answer = engine.ask(
        "Pediatric CRMO on TCZ: contrast the remission in one cohort with the case where CRMO worsened."
    )
    assert "CRMO for tocilizumab" in answer.answer
    assert "the patient on tocilizumab, and the patient on canakinumab achieved remission" in answer.answer


def test_how_has_the_drug_done_in_kids_asks_for_the_evidence(engine):
    answer = engine.ask("In kids specifically, how has TCZ done - any successes and any failures reported?")
    assert "CRMO for tocilizumab" in answer.answer


# (question, the source that must rank first or None, phrases the lead must quote, phrases the answer must quote)
LEADS = {
    "follow-up imaging after the drug is what followed it": (
        "pt w/ seizure disorder + myositis on MRI got TCZ -- what did follow-up MRI show?",
        "sato2017",
        (),
        ("MRI showed decreased muscle intensity after 10 months",),
    ),
    "the adult man with seizures is a corpus patient, not an epilepsy question": (
        "For the adult man with seizures and leg myositis on MRI, which drug was tried right before tocilizumab "
        "and did it help?",
        None,
        ("leading to a trial of colchicine, which was ineffective",),
        (),
    ),
    "non-TNF biologics are the other biologics the cohort names": (
        "In Cam 2025, which non-TNF biologics were associated with remission?",
        None,
        ("all 4 patients on secukinumab, the patient on tocilizumab",),
        (),
    ),
    "relapsing and non-relapsing kids are the relapse table": (
        "Was baseline CRP any different between relapsing and non-relapsing CNO kids in Cam 2025?",
        None,
        ("CRP, mg/L 11.1 ± 20.8 vs 10.0 ± 22.0",),
        (),
    ),
    "what got patients under control after the drug failed is what came next": (
        "What got pts under control after tocilizumab failed or caused problems in the case reports?",
        None,
        (),
        (
            "complete resolution of CRMO was observed with golimumab",
            "managed with infliximab and prednisolone",
        ),
    ),
    "whether the labs pick up a worsening is the masked-markers case": (
        "If someone with SAPHO is getting worse on tocilizumab, will the CRP/ESR pick it up or can labs look fine?",
        None,
        ("while inflammatory markers remained normal",),
        (),
    ),
    "dose and what went wrong across the SAPHO cases gives both": (
        "Across the SAPHO case reports, what TCZ dose was given and what went wrong?",
        None,
        ("8 mg/kg", "subcutaneous abscess on the anterior chest wall"),
        (),
    ),
    "which patients improved on the drug lists every study": (
        "Which patients actually improved or went into remission on tocilizumab, adults and kids?",
        None,
        (),
        ("| Sato 2017 [", "| Cam 2025 [", "treatment with tocilizumab (TCZ) led to significant improvement"),
    ),
    "did it work as well in both conditions is the review's comparison": (
        "Adult CRMO vs SAPHO - did tocilizumab work as well in both?",
        None,
        ("did not corroborate these findings", "showed a limited therapeutic effect"),
        (),
    ),
    "candidates for the drug are those in whom the authors would consider it": (
        "In adult-onset disease specifically (not kids), which CRMO patients might be candidates for IL-6 blockade?",
        "sato2017",
        ("anti-IL-6 therapy should therefore be considered in patients with muscle inflammation",),
        (),
    ),
    "proof like proper trials leads with the report's verdict": (
        "Honestly is there any real proof Actemra works for CRMO in kids, like proper trials?",
        "report",
        (),
        ("there are no robust clinical trials to support its routine use in CNO",),
    ),
    "a patient's own harms are not narrowed to CNO by 'my bone condition'": (
        "my skin broke out in new pus bumps and my white cells dropped right after starting the jab for my bone "
        "condition. has that happened to anyone else?",
        "sun2018",  # a SAPHO case
        ("new pustular rashes, and severe neutropenia",),
        (),
    ),
    "back bones are the spine": (
        "if the problem is in her back bones, is that worse news long term?",
        None,
        ("The prognosis was worse for patients with spinal involvement",),
        (),
    ),
    "that 5 yr old is the 5-year-old girl": (
        "did that 5 yr old have any side effects on the last biologic that finally worked, like hair loss?",
        "campbell2018",
        ("with only mild alopecia observed",),
        (),
    ),
    "bones flaring and not an infection describe CNO for a parent": (
        "My daughter's bones keep flaring up and the doctors say it's not an infection. Does that Actemra drip "
        "actually work for this or is it a guess?",
        "report",
        (),
        ("the role of tocilizumab in CNO remains uncertain",),
    ),
    "were adults like me included gets the age limit": (
        "im 34, were adults like me included in the 80-patient CNO study or was it only kids?",
        None,
        ("were over the age of 18",),
        (),
    ),
    "before the drug named in words is what came before it": (  # "the IL-6 drug": tocilizumab in three words
        "For that 26 yr old man with seizures and sore shins, what did they try before the IL-6 drug and did it help?",
        "sato2017",
        ("leading to a trial of colchicine, which was ineffective",),
        (),
    ),
    "can the jab give you a pus lump is the abscess on the drug": (
        "Can the jab give you a pus-filled lump under the skin even when there's no germ in it?",
        "fujita2015",
        ("may induce aseptic abscesses",),
        (),
    ),
    "an IV med for joint disease that blocks an immune messenger is the drug": (
        "That IV med for joint disease that blocks one of the immune messengers - is it any good for my kiddo's "
        "germ-free bone inflammation, or is it still a big question mark?",
        "report",
        (),
        ("the role of tocilizumab in CNO remains uncertain",),
    ),
    "long-term problems are the sequelae rows, not the outcome-measures line": (
        "for the kids in belgium, what long-term problems did they end up with?",
        "kaut2022",
        ("Leg length discrepancy 17%", "Vertebral compression fracture 23%"),
        (),
    ),
    "how many were on the drug is the sentence that counts them": (
        "how many kids in Cam 2025 got tocilizumab?",
        "cam2025",
        ("1 on tocilizumab",),
        (),
    ),
    "what was tried before the drug names the treatments, not the epilepsy drugs": (
        "what was tried before tocilizumab in the 26-year-old man?",
        "sato2017",
        ("treated with methotrexate and prednisolone", "a trial of colchicine, which was ineffective"),
        (),
    ),
    "a parent's my 9yo is no corpus patient; any proof it works is the evidence question": (
        "is there any proof it works in kids specifically?? my 9yo's rheumatologist brought up actemra at the last "
        "visit",
        None,
        (),
        ("mention tocilizumab use", "| Campbell 2018 [", "| Cam 2025 ["),
    ),
    "what the information is based on, trials or case stories, is the report's verdict": (
        "what is the info on TCZ for CNO actually based on - real trials or just a few case stories?",
        "report",
        (),
        ("primarily derived from case studies and small observational investigations",),
    ),
    "the sex breakdown is the share of girls": (
        "what gender were most of the kids in the Belgian study?",
        "kaut2022",
        ("Female 73%",),
        (),
    ),
    "gentler cases are the milder phenotype": (
        "kids who got better on just the simple pain relievers or the old-school immune pills - were they maybe "
        "just the gentler cases?",
        "cam2025",
        ("these patients may have a milder disease phenotype",),
        (),
    ),
    "what the authors suggest next is their recommendation, not the case's next step": (
        "grown-up with the recurring bone thing + their muscles light up on the scan, and the usual pills + "
        "steroids + mtx didn't help... what do the authors suggest next?",
        "sato2017",
        ("anti-IL-6 therapy should therefore be considered",),
        (),
    ),
    "how many studies the report turned up is its search's yield": (
        "How many studies did the InpharmD evidence report turn up on Actemra for CNO?",
        "report",
        (),
        ("revealed 6 studies",),
    ),
    "a lower-case author named on one side of vs is a side": (
        "fujita vs sun SAPHO cases - did labs and symptoms move the same direction on TCZ?",
        None,
        ("significant improvements were noted in the patient's inflammatory markers",),
        (),
    ),
    "the jab that blocks the interleukin six signal is the drug": (
        "Has the jab that blocks the interleukin six signal ever helped men whose sterile bone inflammation only "
        "started once they were grown up?",
        "sato2017",
        (),
        ("significant reduction in inflammatory markers and symptoms",),
    ),
    "how they got rid of the abscess, antibiotics?, is what the case was given": (
        "and how did they end up getting rid of that old mans chest abscess? antibiotics?",
        "fujita2015",
        ("managed with infliximab and prednisolone",),
        (),
    ),
    "lots of bones affected is the number of involved bones": (
        "Children who had lots of bones affected - were they more likely to flare up again later?",
        "cam2025",
        ("Total number of involved bones 9.9 ± 4.0 vs 7.0 ± 4.4",),
        (),
    ),
    "what differed between relapsers and the rest is the relapse table's significant row": (
        "what was different between the kids who relapsed and the ones who didnt",
        "cam2025",
        ("Total number of involved bones 9.9 ± 4.0 vs 7.0 ± 4.4",),
        (),
    ),
    "how much data for adults and for kids is the review's tally": (
        "adults vs kids - how much toci data is there for each?",
        "roberts2024",
        ("one pediatric patient treated with tocilizumab in combination with methotrexate",),
        (),
    ),
    "the drug's target is the sentence that says what it targets": (
        "What is tocilizumab's target?",
        "fujita2015",
        ("a monoclonal antibody targeting the interleukin-6 (IL-6) receptor",),
        (),
    ),
    "not actually approved for this condition is off-label use": (
        "should the doctors be extra careful with Actemra because it's not actually approved for this condition?",
        "fujita2015",
        ("Caution is advised when using tocilizumab off-label.",),
        (),
    ),
    "kids picked at random like a coin toss is a randomized trial": (
        "has anyone ever done a proper study where some kids get the medicine and some dont, picked at random like "
        "a coin toss?",
        None,
        ("In the absence of randomized controlled trials (RCTs)",),
        (),
    ),
    "something about hair is the alopecia": (
        "the girl who ended up on golimumab, was she left with any side effects? i read something about hair",
        "campbell2018",
        ("only mild alopecia observed on her last follow-up",),
        (),
    ),
    "telling other doctors to stay away from it is the authors' recommendation": (
        "did the docs who wrote up the 2 women basically tell other doctors to stay away from it for people like me",
        "sun2018",
        ("we do not recommend the use of tocilizumab in patients with SAPHO syndrome",),
        (),
    ),
    "has it been tried in children and how did it go is the evidence question": (
        "has toci been tried in children with CRMO, and how did it go?",
        None,
        (),
        ("| Cam 2025 [", "| Campbell 2018 [", "remission", "worsened"),
    ),
    "a review quoted in a narrowed synthesis says what it says of that population": (
        "can you list the pediatric cases where TCZ was used and what the outcome was for each",
        None,
        (),
        ("one pediatric patient treated with tocilizumab in combination with methotrexate",),
    ),
    "an alarm sensor inside the cells is the inflammasome": (
        "is there some kind of alarm sensor inside the cells that keeps this thing going?",
        "hedrich2023",
        (),
        ("inflammasome",),
    ),
    "labs set against the course quote each case's markers falling": (
        "In the two SAPHO women on TCZ, how did the lab markers behave compared with the actual clinical disease?",
        "sun2018",
        ("ESR decreased rapidly", "Joint pain and inflammatory markers normalized after the first dose"),
        (),
    ),
    "worked in one condition but not the other quotes where it worked and where it did not": (
        "how come tocilizumab helped in the CRMO case reports but not in the SAPHO ones?",
        None,
        ("led to significant improvement", "limited therapeutic effect"),
        (),
    ),
    "better for one group than for the other compares the conditions": (
        "did toci work better for the adult-onset CRMO men than for the SAPHO women?",
        None,
        (
            "did not corroborate these findings",
            "led to significant improvement",
            "limited therapeutic effect",
        ),
        (),
    ),
    "how solid the evidence is: the grade and the report's reasons": (
        "how solid is the evidence for tocilizumab in CNO, or is it all anecdotal?",
        "report",
        ("D - Case reports or unreliable data", "no robust clinical trials", "remains uncertain"),
        (),
    ),
    "starting in adulthood instead of childhood is adult-onset": (
        "for CRMO that began in adulthood instead of childhood, what did the MRI show in those men?",
        "sato2017",
        (),
        ("_Sources narrowed to: population = adult",),
    ),
    "the SAPHO patients in the plural: each SAPHO study's dose and harm": (
        "what dose were the SAPHO patients given, and what side effects did they have?",
        None,
        ("tocilizumab was initiated at 8 mg/kg", "dosed at", "severe neutropenia", "adverse event"),
        (),
    ),
    "evidence in children, with adults only what the asker found": (
        "Any evidence at all in kids? all I can find is about adults",
        None,
        (),
        ("_Sources narrowed to: population = pediatric", "| Cam 2025 [", "| Campbell 2018 ["),
    ),
    "what is known about the drug in a group is the evidence question": (
        "What is known about tocilizumab in SAPHO?",
        None,
        (),
        ("| Fujita 2015 [", "| Sun 2018 ["),
    ),
    "gotten worse on the drug asks for the harms across studies": (
        "has anybody's bone disease gotten worse on Actemra?",
        None,
        (),
        ("| Campbell 2018 [", "| Sun 2018 [", "worsened"),
    ),
    "growing a bug from the chest lump is the culture result": (
        "the older man with the chest lump after the drug: did they grow a bug from it?",
        "fujita2015",
        ("Despite the absence of infectious pathogens",),
        (),
    ),
    "how many studies the report actually found is its search's yield": (
        "how many studies did the actemra evidence report actually find?",
        "report",
        ("revealed 6 studies",),
        (),
    ),
    "every SAPHO patient is all of them": (
        "sum up what happened to every SAPHO patient treated with tocilizumab",
        None,
        (),
        ("| Fujita 2015 [", "| Sun 2018 ["),
    ),
    "all anecdotal asks whether there are trials: the report's verdict": (
        "is there real evidence for actemra in CRMO or is it all anecdotal?",
        "report",
        ("no robust clinical trials",),
        (),
    ),
    "a harm only one SAPHO study reported stays with that study": (
        "did the neutropenia in the SAPHO women clear up on its own, and how fast?",
        "sun2018",
        ("resolved spontaneously within 10 days",),
        (),
    ),
    "which reports showed it working and which failing lists every study": (
        "which of the toci case reports showed it working and which showed it failing?",
        None,
        (),
        ("| Sato 2017 [", "| Sun 2018 [", "| Campbell 2018 [", "improved", "worsened"),
    ),
}


@pytest.mark.parametrize("case", list(LEADS))
def test_the_answer_leads_with_what_was_asked(engine, case):
    question, first, in_lead, in_answer = LEADS[case]
    answer = engine.ask(question)
    assert not answer.insufficient_evidence
    if first:
        assert answer.passages[0].source_id == first
    lead = _lead(answer)
    for phrase in in_lead:
        assert phrase in lead
    for phrase in in_answer:
        assert phrase in answer.answer
