"""ask(): input validation, filters, refusals, the process-wide engine and thread safety."""

from __future__ import annotations

import re
import threading
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

import qa
from qa.service import clean_question, detect_filters

QUESTION = "Is there evidence for tocilizumab in CNO?"
PEDIATRIC_ONLY = {"kaut2022", "cam2025", "campbell2018"}
ADULT_ONLY = {"sato2017", "fujita2015", "sun2018"}


def _question_of_length(n: int) -> str:
    base = QUESTION + " " + "tocilizumab " * ((n - len(QUESTION)) // 12)
    base = base.rstrip()
    return base + "?" * (n - len(base))


# ---------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    "question",
    ["", "   ", "\n\t  \r\n", "\x00\x1b", "?!?...", "x" * 2001, _question_of_length(2001)],
    ids=["empty", "spaces", "whitespace", "only-controls", "punctuation", "2001-x", "2001-question"],
)
def test_bad_questions_raise_value_error(engine, question):
    with pytest.raises(ValueError) as info:
        engine.ask(question)
    assert str(info.value).strip()


@pytest.mark.parametrize("question", [None, 42, b"tocilizumab in CNO?", ["tocilizumab"], {"q": "CNO"}])
def test_non_strings_raise_type_error(engine, question):
    with pytest.raises(TypeError):
        engine.ask(question)


def test_longest_question_is_accepted(engine):
    question = _question_of_length(2000)
    assert len(question) == 2000
    answer = engine.ask(question)
    assert not answer.insufficient_evidence and answer.citations


@pytest.mark.parametrize("k", [0, -1, 51, 1000])
def test_k_out_of_range(engine, k):
    with pytest.raises(ValueError, match="k"):
        engine.ask(QUESTION, k=k)


@pytest.mark.parametrize("k", ["5", 2.5, True])
def test_k_not_an_integer(engine, k):
    with pytest.raises((TypeError, ValueError)):
        engine.ask(QUESTION, k=k)


def test_control_characters_are_stripped(engine):
    dirty = "Is there evidence\x00 for tocilizumab\x1b in\u200b CNO?\x7f"
    answer = engine.ask(dirty)
    assert not answer.insufficient_evidence and answer.citations
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f\u200b]", answer.question)
    clean = engine.ask(QUESTION)
    assert answer.answer == clean.answer
    assert [p.text for p in answer.passages] == [p.text for p in clean.passages]


@given(st.text(max_size=300))
def test_clean_question_property(text):
    try:
        cleaned = clean_question(text)
    except ValueError:
        return
    assert cleaned == cleaned.strip() and "  " not in cleaned
    assert len(cleaned) <= 2000
    assert not any(unicodedata.category(ch) == "Cc" for ch in cleaned)
    assert any(unicodedata.category(ch)[0] in "LN" for ch in cleaned)


# ---------------------------------------------------------------- filters


@pytest.mark.parametrize(
    ("population", "excluded"),
    [("adult", PEDIATRIC_ONLY), ("pediatric", ADULT_ONLY), ("Adult", PEDIATRIC_ONLY)],
)
def test_population_filter_narrows_the_sources(engine, population, excluded):
    answer = engine.ask("What happened to patients treated with tocilizumab?", population=population, k=20)
    assert answer.passages
    cited = {p.source_id for p in answer.passages} | {c.source_id for c in answer.citations}
    assert not cited & excluded, cited & excluded
    unfiltered = engine.ask("What happened to patients treated with tocilizumab?", k=20)
    assert {p.source_id for p in unfiltered.passages} & excluded  # the filter, not the question, removed them


def test_condition_filter_narrows_the_sources(engine):
    answer = engine.ask("What happened to patients treated with tocilizumab?", condition="SAPHO", k=20)
    assert answer.passages
    for passage in answer.passages:
        assert "SAPHO" in engine.index.sources[passage.source_id]["conditions"]


def test_a_study_named_by_its_size_is_not_filtered_out(engine):
    """'adult' in "did the 80-patient study include adults?" asks about that pediatric study, not adult sources."""
    answer = engine.ask("did the 80-patient CNO study include anyone who's an adult / over 18?")
    assert answer.passages[0].source_id == "cam2025"
    assert "over the age of 18" in answer.answer


def test_population_named_in_the_question_narrows_the_sources(engine):
    answer = engine.ask("What happened to children treated with tocilizumab?", k=20)
    assert answer.passages
    assert not {p.source_id for p in answer.passages} & ADULT_ONLY


@pytest.mark.parametrize(
    ("question", "filters"),
    [
        ("adults with CNO (not SAPHO) - any toci data at all?", {"population": "adult", "condition": "CNO"}),
        ("Any tocilizumab data in the acne/bone syndrome?", {"condition": "SAPHO"}),  # SAPHO by its signs
        ("Is there evidence tocilizumab helps sterile bone inflammation?", {"condition": "CNO"}),
        # harms were reported in SAPHO: a description that fits both does not narrow a question about harms
        ("What side effects have been pinned on toci across these bone-inflammation papers?", {}),
        ("if CRP/ESR are normal on tocilizumab can the bone disease still be progressing?", {}),
        ("the two women with the pimply skin and bone disease - did toci help?", {"condition": "SAPHO"}),
        ("Has toci made the recurrent multifocal bone disease worse?", {"condition": "CNO"}),
        # "since his teens" is his history; "middle-aged" says who he is
        ("middle-aged man, shin pain since his teens - did toci help?", {"population": "adult"}),
        ("48 y/o man w leg pain on and off since teens, high IL6 and TNF, started toci - what happened?", {}),
        # "wants kids later" is her family plan, not the population
        ("29yo woman sapho, toci picked bc she wants kids later - what went wrong?", {"condition": "SAPHO"}),
        # groups set aside are not the ones asked about
        (
            "adult-onset CRMO only (excluding SAPHO and kids): what features?",
            {"population": "adult", "condition": "CNO"},
        ),
        ("not counting adults: in the pediatric reports, who got TCZ?", {"population": "pediatric"}),
        (
            "I got CRMO as a grown up, not as a kid. has toci been tried in adults?",
            {"population": "adult", "condition": "CNO"},
        ),
        # "or is it all pediatric?" names the group the asker fears the data are limited to, not the one asked about
        (
            "any toci data in grown-ups with CRMO, or is it all pediatric?",
            {"population": "adult", "condition": "CNO"},
        ),
    ],
)
def test_filters_named_in_the_question(question, filters):
    assert detect_filters(question) == filters


def test_harm_question_in_bone_words_reaches_the_sapho_harms(engine):
    answer = engine.ask("What side effects have been pinned on toci across these bone-inflammation papers?")
    assert {"sun2018", "fujita2015"} <= {c.source_id for c in answer.citations}
    assert "transient severe neutropenia" in answer.answer and "aseptic abscess" in answer.answer


@pytest.mark.parametrize(
    "filters",
    [
        {"population": "elderly"},
        {"population": "both"},
        {"population": ""},
        {"condition": "gout"},
        {"condition": "rheumatoid arthritis"},
    ],
)
def test_bad_filter_values(engine, filters):
    with pytest.raises(ValueError):
        engine.ask(QUESTION, **filters)


def test_non_string_filter(engine):
    with pytest.raises((TypeError, ValueError)):
        engine.ask(QUESTION, population=3)


# ---------------------------------------------------------------- out of scope


@pytest.mark.parametrize(
    ("question", "named"),
    [
        ("boiling point of water", ("boiling", "water")),
        ("anakinra dosing in gout", ("anakinra", "gout")),
        ("tocilizumab for COVID-19", ("covid-19",)),
    ],
)
def test_out_of_scope_questions_are_refused(engine, question, named):
    answer = engine.ask(question)
    assert answer.insufficient_evidence, f"{question!r} was answered:\n{answer.answer[:300]}"
    assert answer.citations == []
    assert answer.evidence_level is None
    assert not re.search(r"\[\d+\]", answer.answer)
    first = answer.answer.split("\n\n")[0].lower()
    assert any(word in first for word in named), f"the refusal does not name what is missing: {first!r}"


# ---------------------------------------------------------------- the process-wide engine


@pytest.mark.usefixtures("default_engine_on_session_index")
def test_module_level_ask_uses_the_default_engine(engine):
    answer = qa.ask(QUESTION)
    assert answer.to_dict() == engine.ask(QUESTION).to_dict()
    with pytest.raises(ValueError):
        qa.ask("   ")


# ---------------------------------------------------------------- threads

THREAD_QUESTIONS = [
    QUESTION,
    "What adverse events were reported with tocilizumab?",
    "What was the remission rate in the Belgian cohort?",
    "Why was tocilizumab chosen for the 53-year-old woman with SAPHO?",
    "anakinra dosing in gout",
]


def test_ask_is_thread_safe(engine):
    expected = {q: engine.ask(q).to_dict() for q in THREAD_QUESTIONS}
    results: list[tuple[str, dict]] = []
    errors: list[BaseException] = []
    lock = threading.Lock()
    start = threading.Barrier(8)

    def worker(offset: int) -> None:
        try:
            start.wait()
            for i in range(len(THREAD_QUESTIONS)):
                question = THREAD_QUESTIONS[(i + offset) % len(THREAD_QUESTIONS)]
                data = engine.ask(question).to_dict()
                with lock:
                    results.append((question, data))
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    assert not errors, errors
    assert len(results) == 8 * len(THREAD_QUESTIONS)
    for question, data in results:
        assert data == expected[question], f"concurrent answer differs for {question!r}"


# ---------------------------------------------------------------- several questions at once


def test_ask_many_gives_each_question_what_ask_gives_it(engine):
    import json

    from qa.settings import ROOT

    questions = [
        json.loads(line)["question"] for line in (ROOT / "eval" / "questions.jsonl").open() if line.strip()
    ]
    items = [(q, (5, 1, 12, 50)[i % 4]) for i, q in enumerate(questions[:45])]
    items[3:3] = [
        ("", 5),
        (QUESTION, 0),
        (42, 5),
        (QUESTION, "5"),
        ("x" * 2001, 5),
        ("?!?", 5),
        (QUESTION, None),
    ]

    def outcome(result):
        return (type(result).__name__, str(result)) if isinstance(result, Exception) else result.to_dict()

    def one(question, k):
        try:
            return engine.ask(question, k=k).to_dict()
        except (TypeError, ValueError) as exc:
            return type(exc).__name__, str(exc)

    expected = [one(q, k) for q, k in items]
    for size in (2, 5, len(items)):
        got = [outcome(r) for a in range(0, len(items), size) for r in engine.ask_many(items[a : a + size])]
        assert got == expected
    for mode in ("dense", "bm25"):
        assert [a.to_dict() for a in engine.ask_many(items[10:20], mode=mode)] == [
            engine.ask(q, k=k, mode=mode).to_dict() for q, k in items[10:20]
        ]


def test_batched_query_vectors_are_bit_for_bit_the_single_ones(engine):
    texts = [
        clean_question(q) for q in ("dose?", QUESTION, "Did any patient get worse on tocilizumab in SAPHO?")
    ]
    alone = [engine.embedder.encode([t])[0].tobytes() for t in texts]
    assert [v.tobytes() for v in engine.embed_questions(texts)] == alone
    assert engine.batch_embedding_exact == (engine.embedder.backend == "onnx")


def test_a_study_named_by_author_is_not_filtered_out_by_the_question_s_words(engine):
    # "adults" would narrow to adult sources, which would leave out the pediatric cohort the question names
    answer = engine.ask("does the Cam 2025 cohort include any adults / over 18s?")
    assert answer.passages[0].source_id == "cam2025"
    assert "were over the age of 18" in answer.answer
    assert "Sources narrowed to" not in answer.answer
    # with no study named, the same word still narrows
    assert "population = adult" in engine.ask("is there evidence for toci in adults with CNO?").answer


def test_a_harm_reported_only_in_adults_is_answered_from_them_when_the_question_s_words_said_child(engine):
    question = "Can Actemra drop white blood cell counts?? worried about infections for my kid. how long did it last?"
    answer = engine.ask(question)
    # no pediatric source mentions neutropenia: the answer says so and quotes the adult case that had it
    assert answer.passages[0].source_id == "sun2018"
    assert "Not narrowed to pediatric sources: none of them mentions neutropenia" in answer.answer
    assert "resolved spontaneously within 10 days" in answer.answer
    assert answer.filters == {}
    # a population passed as an argument is never widened: only pediatric sources, and no neutropenia
    narrowed = engine.ask(question, population="pediatric")
    assert narrowed.filters == {"population": "pediatric"}
    assert {p.source_id for p in narrowed.passages} <= {
        "cam2025",
        "kaut2022",
        "campbell2018",
        "report",
        "hedrich2023",
        "roberts2024",
    }
    assert "neutropenia" not in narrowed.answer
    # what the pediatric sources do mention keeps the narrowing
    assert "population = pediatric" in engine.ask("has tocilizumab made CRMO worse in a child?").answer
