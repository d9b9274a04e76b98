"""`ask()`: validate the question, check coverage, retrieve, compose; the model and index load once per process."""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Iterator, Sequence
from functools import cached_property

import numpy as np

from .answer import Answer
from .compose import AnswerComposer
from .embedding import MiniLMEmbeddings, _valid
from .index import IndexStore, LoadedIndex
from .lexicon import filter_words, tokenize, words
from .retrieval import POPULATION_MATCH, Hit, HybridRanker, matches
from .scope import Vocabulary, assess, specific_word
from .settings import Settings

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")
POPULATIONS = tuple(POPULATION_MATCH)
CONDITIONS = ("CNO", "SAPHO")
QUERY_BATCH = 4  # questions per ONNX call in `ask_many` (measured: 4 costs the least per question)
# Questions of different token counts (so batches are padded), for the one-off exactness check of batching.
BATCH_PROBES = [
    "Is there evidence for tocilizumab in adults with CNO?",
    "dose?",
    "What adverse events were reported with tocilizumab in SAPHO, and how were they managed?",
    "Did any patient get worse on tocilizumab?",
    "What do the consensus treatment plans recommend for chronic nonbacterial osteomyelitis in children?",
    "IL-6",
]


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
            self.index.chunks,
            self.index.sources,
            self.settings.lead_sentences,
            self.settings.weights,
            names=self.ranker.named_sources,
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
        asked, text, k, filters, read = self._request(question, k, population, condition)
        vector = self.embedder.encode([text])[0]
        return self._answer(asked, text, k, filters, mode, vector, read=read)

    def ask_many(
        self, questions: Sequence[tuple[object, object]], *, mode: str | None = None
    ) -> list[Answer | Exception]:
        """`ask(question, k=k)` for each (question, k), in order: its Answer, or the exception `ask` would raise.

        The same answers as one `ask` after another (the query vectors are bit-for-bit the same, see
        `batch_embedding_exact`), for less CPU: the questions are embedded together, in batches of
        QUERY_BATCH of similar length, and their nearest chunks come from one Chroma query.
        """
        return list(self.iter_answers(questions, mode=mode))

    def iter_answers(
        self, questions: Sequence[tuple[object, object]], *, mode: str | None = None
    ) -> Iterator[Answer | Exception]:
        """`ask_many` one answer at a time: all questions are embedded first, then each is answered and yielded."""
        requests: list[tuple[str, str, int, dict[str, str], frozenset[str]] | Exception] = []
        for question, k in questions:
            try:
                requests.append(self._request(question, k, None, None))
            except Exception as exc:  # handed back in its question's place
                requests.append(exc)
        valid = [i for i, r in enumerate(requests) if not isinstance(r, Exception)]
        texts = [requests[i][1] for i in valid]  # type: ignore[index]
        try:
            vectors = dict(zip(valid, self.embed_questions(texts), strict=True))
            if (mode or self.settings.retrieval) != "bm25":
                nearest = self._nearest_many(requests, valid, vectors)
            else:
                nearest = {}
        except Exception:  # answer them one by one instead, each with its own outcome
            vectors, nearest = {}, {}
        for i, request in enumerate(requests):
            if isinstance(request, Exception):
                yield request
                continue
            asked, text, k, filters, read = request
            try:
                vector = vectors[i] if i in vectors else self.embedder.encode([text])[0]
                yield self._answer(asked, text, k, filters, mode, vector, nearest.get(i), read=read)
            except Exception as exc:  # handed back in its question's place
                yield exc

    def _nearest_many(
        self, requests: list, valid: list[int], vectors: dict[int, np.ndarray]
    ) -> dict[int, dict[int, float]]:
        """The dense ranking `rank` would fetch for each valid request, one Chroma query per result count."""
        by_size: dict[int, list[int]] = {}
        for i in valid:
            by_size.setdefault(self.ranker.dense_size(max(40, requests[i][2])), []).append(i)
        nearest: dict[int, dict[int, float]] = {}
        for n, rows in by_size.items():
            found = self.ranker.dense_rankings([vectors[i] for i in rows], n)
            nearest.update(zip(rows, found, strict=True))
        return nearest

    def embed_questions(self, texts: list[str]) -> np.ndarray:
        """Query vectors of `texts`, exactly as `ask` computes them one at a time (batched when that is exact)."""
        if len(texts) > 1 and self.batch_embedding_exact:
            return self.embedder.onnx.encode([_valid(t) for t in texts], QUERY_BATCH)  # type: ignore[union-attr]
        return (
            np.stack([self.embedder.encode([t])[0] for t in texts])
            if texts
            else np.zeros((0, 384), np.float32)
        )

    @cached_property
    def batch_embedding_exact(self) -> bool:
        """Whether the ONNX model gives every probe question the same vector, bit for bit, alone and in a batch.

        Batching pads shorter questions; with onnxruntime's CPU kernels the padded positions change nothing (checked
        over the evaluation questions in every batch size), but that is a property of the runtime, so each process
        checks it once before batching and otherwise embeds one question at a time. Never true for torch.
        """
        encoder = self.embedder.onnx
        if encoder is None:
            return False
        alone = np.stack([encoder.encode([t])[0] for t in BATCH_PROBES])
        for size in (2, 3, QUERY_BATCH, len(BATCH_PROBES)):
            together = np.concatenate(
                [encoder.encode(BATCH_PROBES[a : a + size], size) for a in range(0, len(BATCH_PROBES), size)]
            )
            if together.tobytes() != alone.tobytes():
                return False
        return True

    def _request(
        self, question: object, k: object, population: str | None, condition: str | None
    ) -> tuple[str, str, int, dict[str, str], frozenset[str]]:
        """The question as asked (cleaned), as read (spelling corrected), k, filters of a request, and which of the
        filters were read from the question's words (not passed as arguments).

        Raises TypeError / ValueError for bad input.
        """
        text = clean_question(question, self.settings.max_question_chars)
        k = self.settings.default_k if k is None else k
        if isinstance(k, bool) or not isinstance(k, int):
            raise TypeError(f"k must be an integer, not {type(k).__name__}")
        if not 1 <= k <= 50:
            raise ValueError(f"k must be between 1 and 50 (got {k})")
        asked, text = text, self.vocabulary.corrected(text)  # "tocilizimab": read as the corpus spells it
        filters = self._unless_named(text, detect_filters(text))
        read = frozenset(filters)
        if population is not None:
            filters["population"] = _check_filter("population", population, POPULATIONS)
            read -= {"population"}
        if condition is not None:
            filters["condition"] = _check_filter("condition", condition, CONDITIONS)
            read -= {"condition"}
        return asked, text, k, filters, read

    @cached_property
    def _told_apart(self) -> dict[tuple[str, str | None], tuple[frozenset[str], frozenset[str]]]:
        """For each population (and condition) filter: the index tokens, cut to five letters ("pustular" beside
        "pustule-studded"), of every source it keeps, and the tokens of how tocilizumab did (the metadata's outcome
        quotes: "severe neutropenia") in the sources only the population leaves out. Worked out once, not per ask."""
        stems: dict[str, set[str]] = {sid: set() for sid in self.index.sources}
        for chunk in self.index.chunks:
            stems[chunk.source_id].update(t[:5] for t in tokenize(chunk.text))
        outcomes = {}
        for sid, meta in self.index.sources.items():
            quotes = meta.get("tocilizumab_outcome") or []
            outcomes[sid] = set(tokenize(" ".join([quotes] if isinstance(quotes, str) else quotes)))
        apart = {}
        for population in POPULATIONS:
            for condition in (None, *CONDITIONS):
                kept = [sid for sid, m in self.index.sources.items() if matches(m, population, condition)]
                others = [
                    sid
                    for sid, m in self.index.sources.items()
                    if sid not in kept and matches(m, None, condition)
                ]
                apart[population, condition] = (
                    frozenset().union(*(stems[sid] for sid in kept)),
                    frozenset().union(*(outcomes[sid] for sid in others)),
                )
        return apart

    def _widened(
        self, text: str, filters: dict[str, str], read: frozenset[str]
    ) -> tuple[dict[str, str], dict[str, tuple[str, ...]]]:
        """The filters less a population the question's words named when what it asks about happened on tocilizumab
        only in sources of the other population ("can Actemra drop white cells? worried for my kid": no pediatric
        source mentions neutropenia, an adult case had it on the drug), and for each filter dropped, those words."""
        if "population" not in read or "tocilizumab" not in tokenize(text):
            return filters, {}
        stems, happened = self._told_apart[filters["population"], filters.get("condition")]
        outside = {t for t in tokenize(text) if t in happened and t[:5] not in stems}
        only_outside = tuple(
            dict.fromkeys(
                word  # as the question words it (folded: "the white cells dropped" reads "neutropenia")
                for word in words(text)
                if specific_word(word) and outside & set(tokenize(word))
            )
        )
        if not only_outside:
            return filters, {}
        return {key: v for key, v in filters.items() if key != "population"}, {
            filters["population"]: only_outside
        }

    def _unless_named(self, text: str, filters: dict[str, str]) -> dict[str, str]:
        """The question's filters, less any that would exclude a study it names ("does Cam 2025 include adults?",
        "did the 80-patient study include adults?", "the 2025 cohort - adults included?": the one source of that year)."""
        named = self.ranker.clearly_named(text)
        # "that 2025 referral centre cohort - were adults included?": the one source of a year named
        for year in re.findall(r"\b(?:19|20)\d{2}\b", text):
            of_year = [sid for sid, meta in self.index.sources.items() if str(meta.get("year")) == year]
            named |= set(of_year) if len(of_year) == 1 else set()
        if not named:
            return filters
        return {
            key: value
            for key, value in filters.items()
            if any(matches(self.index.sources[sid], **{key: value}) for sid in named)
        }

    def _answer(
        self,
        asked: str,
        text: str,
        k: int,
        filters: dict[str, str],
        mode: str | None,
        vector: np.ndarray,
        nearest: dict[int, float] | None = None,
        *,
        read: frozenset[str] = frozenset(),
    ) -> Answer:
        filters, widened = self._widened(text, filters, read)
        hits = self.ranker.rank(
            text,
            vector,
            mode=mode,
            population=filters.get("population"),
            condition=filters.get("condition"),
            limit=max(40, k),
            nearest=nearest,
        )
        similarity = max((h.dense for h in hits), default=0.0)
        coverage = assess(text, self.vocabulary, similarity)
        if not coverage.covered:
            return self.composer.insufficient(asked, coverage)
        return self.composer.compose(asked, hits, k=k, filters=filters, answered=text, widened=widened)


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
