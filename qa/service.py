"""`ask()`: validate the question, check coverage, retrieve, compose; the model and index load once per process."""

from __future__ import annotations

import re
import threading
import unicodedata

import numpy as np

from .answer import Answer
from .compose import AnswerComposer
from .embedding import MiniLMEmbeddings
from .index import IndexStore, LoadedIndex
from .lexicon import filter_words
from .retrieval import POPULATION_MATCH, Hit, HybridRanker
from .scope import Vocabulary, assess
from .settings import Settings

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")
POPULATIONS = tuple(POPULATION_MATCH)
CONDITIONS = ("CNO", "SAPHO")


def clean_question(question: object, max_chars: int = 2000) -> str:
    """The question with control characters stripped; TypeError / ValueError with a clear message otherwise."""
    if not isinstance(question, str):
        raise TypeError(f"question must be a string, not {type(question).__name__}")
    text = " ".join(_CONTROL.sub(" ", question).split())
    if not text:
        raise ValueError(
            "question is empty: type a question, e.g. 'Is there evidence for tocilizumab in CNO?'"
        )
    if len(text) > max_chars:
        raise ValueError(f"question is too long ({len(text)} characters; the limit is {max_chars})")
    if not any(unicodedata.category(ch)[0] in "LN" for ch in text):
        raise ValueError(
            "question has no words (only punctuation or symbols): please type a question in words"
        )
    return text


def _check_filter(name: str, value: str | None, allowed: tuple[str, ...]) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a string or None, not {type(value).__name__}")
    for option in allowed:
        if value.strip().lower() == option.lower():
            return option
    if name == "condition" and value.strip().upper() == "CRMO":
        return "CNO"
    raise ValueError(f"{name} must be one of {', '.join(allowed)} (got {value!r})")


def detect_filters(question: str) -> dict[str, str]:
    """Population and condition named in the question ('children' -> pediatric, 'SAPHO' -> SAPHO)."""
    found = filter_words(question)
    filters: dict[str, str] = {}
    populations = [p for p in POPULATIONS if p in found]
    if len(populations) == 1:
        filters["population"] = populations[0]
    conditions = [c for c in CONDITIONS if c.lower() in found]
    if len(conditions) == 1:
        filters["condition"] = conditions[0]
    return filters


class Engine:
    """The loaded service: index, ranker, composer and vocabulary; safe to share between threads."""

    def __init__(self, settings: Settings | None = None, *, rebuild: bool = False) -> None:
        self.settings = settings or Settings.from_env()
        self.embedder = MiniLMEmbeddings()
        self.index: LoadedIndex = IndexStore(self.settings, self.embedder).open(rebuild=rebuild)
        self.ranker = HybridRanker(self.index, self.embedder, self.settings)
        self.composer = AnswerComposer(
            self.index.chunks, self.index.sources, self.settings.lead_sentences, self.settings.weights
        )
        self.vocabulary = Vocabulary(
            [c.text for c in self.index.chunks]
            + [" ".join(str(v) for v in s.values() if v) for s in self.index.sources.values()]
        )
        self.ask("Is there evidence for tocilizumab in CNO?")  # pay one-off costs (model, word lists) now

    def retrieve(
        self,
        question: str,
        *,
        k: int = 40,
        population: str | None = None,
        condition: str | None = None,
        mode: str | None = None,
        vector: np.ndarray | None = None,
    ) -> list[Hit]:
        """Ranked hits for a question (one embedding call unless `vector` is given)."""
        if vector is None:
            vector = self.embedder.encode([question])[0]
        return self.ranker.rank(
            question, vector, mode=mode, population=population, condition=condition, limit=k
        )

    def ask(
        self,
        question: str,
        *,
        k: int | None = None,
        population: str | None = None,
        condition: str | None = None,
        mode: str | None = None,
    ) -> Answer:
        """Answer `question` from the corpus only; see `qa.ask`."""
        text = clean_question(question, self.settings.max_question_chars)
        k = self.settings.default_k if k is None else k
        if isinstance(k, bool) or not isinstance(k, int):
            raise TypeError(f"k must be an integer, not {type(k).__name__}")
        if not 1 <= k <= 50:
            raise ValueError(f"k must be between 1 and 50 (got {k})")
        asked, text = text, self.vocabulary.corrected(text)  # "tocilizimab": read as the corpus spells it
        filters = detect_filters(text)
        if population is not None:
            filters["population"] = _check_filter("population", population, POPULATIONS)
        if condition is not None:
            filters["condition"] = _check_filter("condition", condition, CONDITIONS)
        vector = self.embedder.encode([text])[0]
        hits = self.retrieve(
            text,
            vector=vector,
            k=max(40, k),
            population=filters.get("population"),
            condition=filters.get("condition"),
            mode=mode,
        )
        similarity = max((h.dense for h in hits), default=0.0)
        coverage = assess(text, self.vocabulary, similarity)
        if not coverage.covered:
            return self.composer.insufficient(asked, coverage)
        return self.composer.compose(asked, hits, k=k, filters=filters, answered=text)


_ENGINE: Engine | None = None
_ENGINE_LOCK = threading.Lock()


def default_engine() -> Engine:
    """The process-wide engine, created on first use (model and index load once)."""
    global _ENGINE
    if _ENGINE is None:
        with _ENGINE_LOCK:
            if _ENGINE is None:
                _ENGINE = Engine()
    return _ENGINE


def reset_engine() -> None:
    """Forget the process-wide engine (after a rebuild, or in tests that change settings)."""
    global _ENGINE
    with _ENGINE_LOCK:
        _ENGINE = None


def ask(question: str, *, k: int = 5, population: str | None = None, condition: str | None = None) -> Answer:
    """Answer a question from the evidence corpus: a short, cited answer built only from verbatim passages.

    `population` ("pediatric" / "adult") and `condition` ("CNO" / "SAPHO") narrow the sources; words in the
    question ("children", "SAPHO") do the same. Raises TypeError / ValueError for bad input.
    """
    return default_engine().ask(question, k=k, population=population, condition=condition)
