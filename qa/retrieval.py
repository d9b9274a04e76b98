"""Retrieval stage: BM25 (clinical tokenizer, synonyms folded) fused with Chroma dense search, ranked and filtered."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

import bm25s
import numpy as np
from wordfreq import zipf_frequency

from .chunking import Chunk
from .embedding import MiniLMEmbeddings
from .index import LoadedIndex
from .lexicon import tokenize, with_classes, with_pairs, words
from .settings import Settings

POPULATION_MATCH = {"pediatric": ("pediatric", "both"), "adult": ("adult", "both")}
CONDITION_MATCH = {"CNO": ("CNO", "CRMO"), "CRMO": ("CNO", "CRMO"), "SAPHO": ("SAPHO",)}


def matches(meta: dict, population: str | None = None, condition: str | None = None) -> bool:
    """Whether a source's metadata fits the population and condition filters ("both" fits either population)."""
    if population and meta["population"] not in POPULATION_MATCH.get(population, (population,)):
        return False
    return not condition or bool(set(CONDITION_MATCH.get(condition, (condition,))) & set(meta["conditions"]))


@dataclass(frozen=True)
class Hit:
    """One ranked chunk: fused score, its dense cosine and BM25 score, and the chunk itself."""

    chunk: Chunk
    score: float
    dense: float
    lexical: float
    position: int  # row of the chunk in the index (for embedding look-ups)
    described: bool = False  # the chunk is in the case part of the patient the question describes
    named: float = 0.0  # how clearly the question names the chunk's source ("the Belgian cohort"), 0-1


class HybridRanker:
    """Ranks chunks for a question: BM25 and dense rankings fused by weighted reciprocal rank fusion."""

    def __init__(self, index: LoadedIndex, embedder: MiniLMEmbeddings, settings: Settings) -> None:
        self.index = index
        self.embedder = embedder
        self.settings = settings
        self.position = {c.id: i for i, c in enumerate(index.chunks)}
        self.bm25 = bm25s.BM25(k1=1.2, b=0.5)
        self.bm25.index(
            [with_classes(with_pairs(tokenize(c.context))) or ["<empty>"] for c in index.chunks],
            show_progress=False,
        )
        # Source level: one document per source (all its text + metadata), so a question that describes a study
        # ("the 30-kid series", "the elderly man") points at it even when the answering sentence does not.
        self.source_ids = sorted(index.sources)
        self.source_of = np.array([self.source_ids.index(c.source_id) for c in index.chunks])
        profiles, titles = [], []
        for sid in self.source_ids:
            meta = index.sources[sid]
            head = " ".join(
                str(meta[k]) for k in ("short_name", "title", "design", "population") if meta.get(k)
            )
            head += f" {' '.join(meta['conditions'])} {meta['n_patients'] or ''}"
            body = " ".join(c.text for c in index.chunks if c.source_id == sid)
            profiles.append(tokenize(f"{head} {body}") or ["<empty>"])
            titles.append(tokenize(head))
        self.source_bm25 = bm25s.BM25(k1=1.2, b=0.75)
        self.source_bm25.index(profiles, show_progress=False)
        # A word of a source's own name, title or size ("Belgian", "Sato", "refractory SAPHO", "80") names it.
        # Only distinctive words name a source: "Belgian", "refractory", not "treating" or "patients".
        used_by = Counter(t for doc in profiles for t in set(doc))  # in how many sources a word occurs
        limit = max(2, 0.05 * len(profiles))
        # nor a word of time: Roberts's "informs current and future treatment" is no name ("currently on TCZ?"), nor
        # Sato's "high intensity" ("high quality studies or just case reports?")
        titles = [
            [t for t in doc if used_by[t] <= limit and t not in _NO_NAME] or ["<empty>"] for doc in titles
        ]
        self.title_words = [set(doc) for doc in titles]
        self.authors = author_patterns(index.sources)
        self.title_bm25 = bm25s.BM25(k1=1.2, b=0.3)
        self.title_bm25.index(titles, show_progress=False)
        # Case parts by the patient they present: "the younger woman" names one part of one case series.
        described = sorted({(c.source_id, c.section, c.patient) for c in index.chunks if c.patient})
        self.patients = [_patient_labels(patient) for _, _, patient in described]
        part_of = {(sid, section): i for i, (sid, section, _) in enumerate(described)}
        # ... or by a rare word of their history found in that part only ("a past thyroid carcinoma", "levetiracetam")
        self.traits = case_traits(index.chunks, [(sid, section) for sid, section, _ in described])
        self.part_of = np.array([part_of.get((c.source_id, c.section), -1) for c in index.chunks])
        centroids = np.zeros((len(self.source_ids), index.embeddings.shape[1]), dtype=np.float32)
        np.add.at(centroids, self.source_of, index.embeddings)
        self.centroids = centroids / np.maximum(np.linalg.norm(centroids, axis=1, keepdims=True), 1e-9)

    def allowed(self, population: str | None, condition: str | None) -> np.ndarray:
        """Boolean mask of chunks whose source matches the population and condition filters."""
        keep = np.ones(len(self.index.chunks), dtype=bool)
        if not population and not condition:
            return keep
        ok = [
            i
            for i, sid in enumerate(self.source_ids)
            if matches(self.index.sources[sid], population, condition)
        ]
        return np.isin(self.source_of, ok)

    def lexical_scores(self, tokens: list[str]) -> np.ndarray:
        """BM25 score of every chunk for the question's tokens (zeros when none is indexed)."""
        tokens = [t for t in tokens if t in self.bm25.vocab_dict]
        if not tokens:
            return np.zeros(len(self.index.chunks), dtype=np.float32)
        return np.asarray(self.bm25.get_scores(tokens), dtype=np.float32)

    def source_ranks(self, tokens: list[str], query_vector: np.ndarray, mode: str) -> np.ndarray:
        """Fused rank (0 = best) of every source for the question, by BM25 and by centroid similarity."""
        rrf = np.zeros(len(self.source_ids))
        if mode in ("hybrid", "bm25") and tokens:
            lexical = np.asarray(self.source_bm25.get_scores(tokens))
            rrf[np.argsort(-lexical, kind="stable")] += 1 / (self.settings.rrf_k + np.arange(len(rrf)) + 1)
        if mode == "dense" or (mode == "hybrid" and self.settings.source_dense):
            dense = self.centroids @ query_vector
            rrf[np.argsort(-dense, kind="stable")] += 1 / (self.settings.rrf_k + np.arange(len(rrf)) + 1)
        ranks = np.empty(len(rrf), dtype=int)
        ranks[np.argsort(-rrf, kind="stable")] = np.arange(len(rrf))
        return ranks

    def clearly_named(self, text: str) -> set[str]:
        """The sources `text` names by first author or by size ("Cam 2025", "the 80-kid referral center series")."""
        return named_by_author(self.authors, text) | named_by_size(self.index.sources, text)

    def naming(self, text: str, clearly: set[str] | None = None) -> np.ndarray:
        """How clearly `text` names each source (0-1): by first author (1), else by the words of its title or size.

        Only the clearest title match counts fully; next to a source named by its author ("the Belgian cohort vs
        Cam 2025"), the clearest by the other words. `clearly`: `clearly_named(text)`, when already known.
        """
        clearly = self.clearly_named(text) if clearly is None else clearly
        # the words of the sources named so name those; the rest may name others
        taken = set().union(*(self.title_words[self.source_ids.index(sid)] for sid in clearly))
        # ("I'm 30 - did the Cam study include adults like me?": the asker's age, not "a cohort of 30 children")
        tokens = [t for t in tokenize(_ASKERS_AGE.sub(" ", text)) if t not in taken]
        named = np.asarray(self.title_bm25.get_scores(tokens)) if tokens else np.zeros(len(self.source_ids))
        if named.max() > 0:
            named = (named / named.max()) ** 4
        # "Sato vs Sun": every source named by its first author (or size) is named clearly
        for sid in clearly:
            named[self.source_ids.index(sid)] = 1.0
        return named

    def named_sources(self, text: str) -> set[str]:
        """The sources `text` names clearly ("Fujita", "the Belgian cohort", "the 80-patient study")."""
        return {self.source_ids[i] for i in np.flatnonzero(self.naming(text) >= 1.0)}

    def described_patient(self, tokens: list[str], question: str = "") -> set[int]:
        """Case parts whose patient the question describes by at least two traits ("younger" + "woman"); words of
        one patient's history ("thyroid" + "carcinoma") count when the question speaks of one patient ("the SAPHO
        pt with ...", not "any SAPHO pts with new pustular lesions?")."""
        asked = set(tokens)
        history = bool(_ONE_CASE_PATIENT.search(question))
        # "the little girl who ...": a child and a girl, two traits (the lexicon folds the phrase to "pediatric")
        asked |= {t for m in _CHILD_OF_SEX.findall(question) for t in (_SEX[m.lower()], _CHILD)}
        # "the pediatric CRMO case": the one child among the texts' cases, named well enough by that alone
        # (not "the pediatric case vs the adult-onset cases", "both the pediatric case and the adult ones")
        if _THE_CHILD_CASE.search(question) and not _BESIDE_OTHERS.search(question):
            asked |= {_CHILD, _CHILD_CASE}
        matched = [
            len(asked & labels) + (len(asked & traits) if history else 0)
            for labels, traits in zip(self.patients, self.traits, strict=True)
        ]
        best = max(matched, default=0)
        return {i for i, n in enumerate(matched) if n == best} if best >= 2 else set()

    def dense_size(self, limit: int) -> int:
        """How many nearest chunks `rank` fetches from Chroma for `limit` hits."""
        return min(max(self.settings.candidates, limit) * 2, len(self.index.chunks))

    def dense_ranking(self, query_vector: np.ndarray, n: int) -> dict[int, float]:
        """Chunk positions nearest to the query in Chroma with their cosine similarity, best first."""
        return self.dense_rankings([query_vector], n)[0]

    def dense_rankings(self, query_vectors: list[np.ndarray], n: int) -> list[dict[int, float]]:
        """`dense_ranking` of several queries with one Chroma call (each query's result is its own)."""
        n = min(n, len(self.index.chunks))
        result = self.index.collection.query(
            query_embeddings=list(query_vectors), n_results=n, include=["distances"]
        )
        return [
            {
                self.position[i]: round(
                    1.0 - float(d), 6
                )  # rounded: embedded and server stores agree exactly
                for i, d in zip(ids, distances, strict=True)
                if i in self.position
            }
            for ids, distances in zip(result["ids"], result["distances"], strict=True)
        ]

    def rank(
        self,
        question: str,
        query_vector: np.ndarray,
        *,
        mode: str | None = None,
        population: str | None = None,
        condition: str | None = None,
        limit: int = 40,
        nearest: dict[int, float] | None = None,
    ) -> list[Hit]:
        """Hits best first: `mode` is "hybrid" (default from settings), "dense" or "bm25".

        `nearest`: the question's `dense_ranking` for `dense_size(limit)` chunks, when already fetched.
        """
        mode = mode or self.settings.retrieval
        settings = self.settings
        mask = self.allowed(population, condition)
        tokens = tokenize(question)
        lexical = self.lexical_scores(with_pairs(tokens))
        pool = max(settings.candidates, limit)
        if mode == "bm25":
            nearest = {}
        elif nearest is None:
            nearest = self.dense_ranking(query_vector, pool * 2)
        dense_order = [p for p in nearest if mask[p]]
        lexical_order = []
        if mode != "dense":
            top = np.argsort(-lexical, kind="stable")[: pool * 2]
            lexical_order = [p for p in top if mask[p] and lexical[p] > 0][:pool]
        # cosine of every candidate: Chroma's for its nearest, the stored embedding for BM25-only ones
        dense = {
            p: nearest[p] if p in nearest else round(float(self.index.embeddings[p] @ query_vector), 6)
            for p in dict.fromkeys(dense_order + lexical_order)
        }
        fused: dict[int, float] = {}
        if settings.fusion == "rrf":  # reciprocal rank fusion: ranks only
            for r, pos in enumerate(dense_order):
                fused[pos] = fused.get(pos, 0.0) + settings.dense_weight / (settings.rrf_k + r + 1)
            for r, pos in enumerate(lexical_order):
                fused[pos] = fused.get(pos, 0.0) + settings.bm25_weight / (settings.rrf_k + r + 1)
            scale = 1.0 / settings.rrf_k
        else:  # relative score fusion: each ranker's scores scaled to [0, 1] over the candidates
            top_lexical = max((lexical[p] for p in dense), default=0.0) or 1.0
            values = np.array(list(dense.values())) if dense else np.zeros(1)
            low, span = values.min(), (values.max() - values.min()) or 1.0
            for pos in dense:
                fused[pos] = (
                    settings.bm25_weight * lexical[pos] / top_lexical if mode != "dense" else 0.0
                ) + (settings.dense_weight * (dense[pos] - low) / span if mode != "bm25" else 0.0)
            scale = 0.5
        if settings.source_weight:
            source_rank = self.source_ranks(tokens, query_vector, mode)
            for pos in fused:
                fused[pos] += settings.source_weight * scale / (1 + source_rank[self.source_of[pos]])
        named = np.zeros(len(self.source_ids))
        clearly = self.clearly_named(question) if mode != "dense" else set()
        if settings.title_weight and tokens and mode != "dense":
            named = self.naming(question, clearly)
            for pos in fused:
                fused[pos] += settings.title_weight * scale * named[self.source_of[pos]]
        parts = self.described_patient(tokens, question) if mode != "dense" else set()
        for pos in fused if parts else ():
            if self.part_of[pos] in parts:
                fused[pos] += settings.patient_weight * scale
        ordered = sorted(fused, key=lambda p: (-round(fused[p], 9), -dense[p], p))
        ranked = ordered[:limit]
        # "cam 2025 and campbell": a big study named by the question may fill every place; each source it names
        # keeps its best few
        shown = {self.source_of[p] for p in ranked}
        kept: list[int] = []
        # ("the Belgian cohort vs Cam 2025": next to one named by author, a source named by title keeps its best too)
        by_title = {self.source_ids[i] for i in np.flatnonzero(named >= 1.0)} if clearly else set()
        for sid in sorted(clearly | by_title):
            i = self.source_ids.index(sid)
            if i not in shown:
                kept += [p for p in ordered[limit:] if self.source_of[p] == i][: settings.named_keep]
        if kept:
            ranked = ranked[: limit - len(kept)] + kept
        return [
            Hit(
                self.index.chunks[p],
                float(fused[p]),
                float(dense[p]),
                float(lexical[p]),
                int(p),
                described=self.part_of[p] in parts,
                named=round(float(named[self.source_of[p]]), 6),
            )
            for p in ranked
        ]


AuthorPattern = tuple[str, re.Pattern[str], re.Pattern[str]]


def author_patterns(sources: dict[str, dict]) -> list[AuthorPattern]:
    """How a question names each source by first author: (source id, name, name dated).

    "Fujita", "campbell" count in any case; a short or very common name that is also an English word ("Sun",
    "Cam") only capitalized; any of them dated ("kaut 2022", "cam et al").
    """
    patterns = []
    for sid, meta in sources.items():
        author, _, year = meta["short_name"].partition(" ")
        if author.isalpha():
            name = rf"\b{re.escape(author)}\b"
            common = len(author) <= 3 or zipf_frequency(author.lower(), "en") >= 4.5
            dated = re.compile(rf"{name}\s+(?:{re.escape(year)}|et al)\b", re.I)
            patterns.append((sid, re.compile(name) if common else re.compile(name, re.I), dated))
    return patterns


def named_by_author(patterns: list[AuthorPattern], question: str) -> set[str]:
    """The sources a question names by first author ("Fujita", "kaut 2022"; "Sun" only capitalized or dated)."""
    return {sid for sid, name, dated in patterns if name.search(question) or dated.search(question)}


_TRAIT_ZIPF = (
    3.6  # below this Zipf frequency (as written and stemmed) a word can tell one patient from another
)
_TRAIT_CHUNKS = 3  # ... if no more chunks than this hold it


def rare_word(word: str) -> bool:
    """A word rare in everyday English ("carcinoma", "levetiracetam"), which can tell one patient from another."""
    return zipf_frequency(word, "en") < _TRAIT_ZIPF


def case_traits(chunks: list[Chunk], parts: list[tuple[str, str]]) -> list[set[str]]:
    """For each case part (source, section), the tokens of rare words written in that part and in no other case part
    ("thyroid_carcinoma", "levetiracetam"): what tells its patient from the others of the same case series. A
    single case report's part gets none: its patient is its source, named well enough without."""
    part_of = {part: i for i, part in enumerate(parts)}
    found: list[set[str]] = [set() for _ in parts]  # every token of the part
    rare: list[set[str]] = [set() for _ in parts]  # the tokens of its rare words
    for c in chunks:
        if (c.source_id, c.section) in part_of:
            i = part_of[(c.source_id, c.section)]
            found[i] |= set(tokenize(c.text))
            rare[i] |= set(tokenize(" ".join(w for w in words(c.text) if rare_word(w))))
    parts_with = Counter(t for tokens in found for t in tokens)
    chunks_with = Counter(t for c in chunks for t in set(tokenize(c.text)))
    # (not the stem of an everyday word written anywhere: "diagnoses" is rare, "diagnosed" is not)
    everyday = {t for c in chunks for t in tokenize(" ".join(w for w in words(c.text) if not rare_word(w)))}
    series = Counter(sid for sid, _ in parts)
    return [
        {
            t
            for t in tokens - everyday
            if parts_with[t] == 1 and chunks_with[t] <= _TRAIT_CHUNKS and rare_word(t)
        }
        if series[sid] > 1
        else set()
        for tokens, (sid, _) in zip(rare, parts, strict=True)
    ]


# a question about one patient of the texts: "the SAPHO lady whose ...", "pt with ...", "the man who ..." (stricter
# than the composer's one-patient test: no pronouns, which a parent uses of her own child)
_ONE_CASE_PATIENT = re.compile(
    r"\b(?:(?:the|that|this) (?:[\w-]+ ){0,2}(?:man|woman|girl|boy|lady|guy|patient|pt|gentleman)"
    r"|(?:pt|patient|man|woman|lady|guy|gentleman) (?:with|who|whose))\b",
    re.I,
)
# the asker's (or a relative's) own age: "I'm 30", "im 44", "my son is 12"
_ASKERS_AGE = re.compile(
    r"\b(?:i'?m|i am|im|(?:my|our) (?:\w+ ){0,2}(?:is|was)|(?:he|she)'?s|(?:he|she) is) \d{1,2}\b", re.I
)
# "the little girl", "that young boy": one child of the texts, and of which sex
_CHILD_OF_SEX = re.compile(r"\b(?:the|that|this) (?:little|young) (girl|boy)\b", re.I)
_SEX = {"girl": "female", "boy": "male"}
_AGE = re.compile(r"\b(\d{1,2})-year-old\b")
_CHILD = "_child_"  # a patient under 18, as "the little girl" names one (not a word of any text or question)
_CHILD_CASE = "_child_case_"  # ... and one named as the child among the cases ("the pediatric case")
_THE_CHILD_CASE = re.compile(
    r"\bthe (?:pediatric|paediatric|peds|child'?s?|kid'?s?|childhood) (?:(?!and\b|or\b)\w+ ){0,2}(?:case|patient|pt)"
    r"(?! (?:reports?|series|studies))\b",
    re.I,
)
_BESIDE_OTHERS = re.compile(
    r"\b(?:vs\.?|versus|both|compared?|contrast\w*)\b|\band the (?:adult|grown)", re.I
)


def _patient_labels(patient: str) -> set[str]:
    """The tokens a case's patient is described by ("5-year-old female"), plus a child's mark for one under 18."""
    labels = set(tokenize(patient))
    age = _AGE.search(patient)
    return labels | {_CHILD, _CHILD_CASE} if age and int(age.group(1)) < 18 else labels


# title words a question uses in their everyday sense
_NO_NAME = frozenset(tokenize("current currently high"))

# What a study's size counts, as questions say it ("the 80-patient study", "the ~80 kids")
SIZE_NOUNS = r"(?:kids?|children|child|patients?|pts?|youngsters?|subjects?|cases?|participants?)\b"


_STUDY_SIZE = re.compile(rf"~?\b\d{{2,3}}[- ]?({SIZE_NOUNS})", re.I)


def without_size(question: str) -> str:
    """`question` with a study's size reduced to its noun ("the ~80 kids" -> "the kids"): which study, no figure."""
    return _STUDY_SIZE.sub(r"\1", question)


def named_by_size(sources: dict[str, dict], question: str) -> set[str]:
    """The studies a question names by their size ("the 80-patient study", "the 30 kids"), if any."""
    return {
        sid
        for sid, meta in sources.items()
        if (meta.get("n_patients") or 0) >= 10
        and re.search(rf"(?<![\d.])~?{meta['n_patients']}[- ]?{SIZE_NOUNS}", question, re.I)
    }
