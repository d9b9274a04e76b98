"""Fuzz: arbitrary unicode into ask(): an answer, or ValueError / TypeError with a message; each call well under 1 s."""

from __future__ import annotations

import time

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from qa.answer import Answer

LIMIT_SECONDS = 1.0
WORDS = [
    "tocilizumab",
    "Actemra",
    "IL-6",
    "CNO",
    "CRMO",
    "SAPHO",
    "children",
    "adults",
    "evidence",
    "remission",
    "adverse",
    "what",
    "how many",
    "?",
    "osteomyelitis",
    "TNF",
    "dose",
]

any_char = st.characters(exclude_categories=())  # every code point, lone surrogates and controls included
any_text = st.text(any_char, max_size=400)
wordy_text = st.lists(st.one_of(st.sampled_from(WORDS), st.text(any_char, max_size=3)), max_size=40).map(
    " ".join
)
long_text = st.text(st.sampled_from("ab cé漢🙂\u200b\n\t.?"), min_size=1900, max_size=2600)


def _check(engine, question, **kwargs) -> None:
    started = time.perf_counter()
    try:
        answer = engine.ask(question, **kwargs)
    except (ValueError, TypeError) as exc:
        assert str(exc).strip(), "errors must carry a message"
    else:
        assert isinstance(answer, Answer)
        assert answer.answer.strip()
        assert isinstance(answer.to_dict(), dict)
    elapsed = time.perf_counter() - started
    assert elapsed < LIMIT_SECONDS, f"ask() took {elapsed:.2f}s on {question!r:.80}"


FUZZ = settings(
    max_examples=150,
    deadline=None,  # timed explicitly above, per call
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    derandomize=True,  # the same examples on every run and in CI
)


@pytest.fixture(scope="module")
def warm(engine):
    engine.ask("Is there evidence for tocilizumab in CNO?")
    return engine


@FUZZ
@given(question=st.one_of(any_text, wordy_text))
@example(question="")
@example(question="\x00\x01\x7f")
@example(question="\ud800 tocilizumab \udfff")
@example(question="🙂" * 50)
@example(question="?!.,;:" * 20)
@example(question="\u202e\u200b\ufeff CNO \u2060")
@example(question="ＣＮＯ ｔｏｃｉｌｉｚｕｍａｂ")
def test_any_unicode(warm, question):
    _check(warm, question)


@settings(FUZZ, max_examples=25)
@given(question=long_text)
def test_long_questions(warm, question):
    _check(warm, question)


@settings(FUZZ, max_examples=60)
@given(
    question=wordy_text,
    k=st.one_of(
        st.integers(-5, 60), st.none(), st.booleans(), st.floats(allow_nan=True), st.text(max_size=3)
    ),
    population=st.one_of(st.none(), st.sampled_from(["pediatric", "adult", "Adult", "kids", ""]), any_text),
    condition=st.one_of(st.none(), st.sampled_from(["CNO", "SAPHO", "crmo", "x"]), any_text),
)
def test_any_arguments(warm, question, k, population, condition):
    _check(warm, question, k=k, population=population, condition=condition)


@pytest.mark.parametrize("question", [None, 42, 3.5, b"CNO tocilizumab", ["CNO"], {"q": 1}, object()])
def test_non_text_questions_raise_type_error(warm, question):
    with pytest.raises(TypeError, match="question must be a string"):
        warm.ask(question)
