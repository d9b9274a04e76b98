"""Retrieval stage: BM25 (clinical tokenizer, synonyms folded) fused with Chroma dense search, ranked and filtered."""

from __future__ import annotations

from dataclasses import dataclass

import bm25s
import numpy as np
from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict

from .chunking import Chunk
from .embedding import MiniLMEmbeddings
from .index import LoadedIndex
from .lexicon import tokenize
from .settings import Settings

POPULATION_MATCH = {"pediatric": ("pediatric", "both"), "adult": ("adult", "both")}
CONDITION_MATCH = {"CNO": ("CNO", "CRMO"), "CRMO": ("CNO", "CRMO"), "SAPHO": ("SAPHO",)}


@dataclass(frozen=True)
class Hit:
    """One ranked chunk: fused score, its dense cosine and BM25 score, and the chunk itself."""

    chunk: Chunk
    score: float
    dense: float
    lexical: float
    position: int  # row of the chunk in the index (for embedding look-ups)


class HybridRanker:
    """Ranks chunks for a question: BM25 and dense rankings fused by weighted reciprocal rank fusion."""

    def __init__(self, index: LoadedIndex, embedder: MiniLMEmbeddings, settings: Settings) -> None:
        self.index = index
        self.embedder = embedder
        self.settings = settings
        self.position = {c.id: i for i, c in enumerate(index.chunks)}
        self.bm25 = bm25s.BM25(k1=1.2, b=0.5)
        self.bm25.index([tokenize(c.context) or ["<empty>"] for c in index.chunks], show_progress=False)

    def allowed(self, population: str | None, condition: str | None) -> np.ndarray:
        """Boolean mask of chunks whose source matches the population and condition filters."""
        keep = np.ones(len(self.index.chunks), dtype=bool)
        if not population and not condition:
            return keep
        ok = set()
        for sid, meta in self.index.sources.items():
            if population and meta["population"] not in POPULATION_MATCH.get(population, (population,)):
                continue
            if condition and not set(CONDITION_MATCH.get(condition, (condition,))) & set(meta["conditions"]):
                continue
            ok.add(sid)
        return np.array([c.source_id in ok for c in self.index.chunks], dtype=bool)

    def lexical_scores(self, question: str) -> np.ndarray:
        """BM25 score of every chunk (zeros when the question has no indexable word)."""
        tokens = tokenize(question)
        if not tokens:
            return np.zeros(len(self.index.chunks), dtype=np.float32)
        return np.asarray(self.bm25.get_scores(tokens), dtype=np.float32)

    def dense_ranking(self, query_vector: np.ndarray, n: int) -> list[int]:
        """Chunk positions nearest to the query in Chroma, best first."""
        n = min(n, len(self.index.chunks))
        result = self.index.collection.query(query_embeddings=[query_vector], n_results=n, include=[])
        return [self.position[i] for i in result["ids"][0] if i in self.position]

    def rank(
        self,
        question: str,
        query_vector: np.ndarray,
        *,
        mode: str | None = None,
        population: str | None = None,
        condition: str | None = None,
        limit: int = 40,
    ) -> list[Hit]:
        """Hits best first: `mode` is "hybrid" (default from settings), "dense" or "bm25"."""
        mode = mode or self.settings.retrieval
        settings = self.settings
        mask = self.allowed(population, condition)
        lexical = self.lexical_scores(question)
        dense = self.index.embeddings @ query_vector
        pool = max(settings.candidates, limit)
        fused: dict[int, float] = {}
        if mode in ("hybrid", "dense"):
            for r, pos in enumerate(p for p in self.dense_ranking(query_vector, pool * 2) if mask[p]):
                fused[pos] = fused.get(pos, 0.0) + settings.dense_weight / (settings.rrf_k + r + 1)
        if mode in ("hybrid", "bm25"):
            order = [p for p in np.argsort(-lexical, kind="stable")[: pool * 2] if mask[p] and lexical[p] > 0]
            for r, pos in enumerate(order[:pool]):
                fused[pos] = fused.get(pos, 0.0) + settings.bm25_weight / (settings.rrf_k + r + 1)
        ranked = sorted(fused, key=lambda p: (-fused[p], -dense[p]))[:limit]
        return [
            Hit(self.index.chunks[p], float(fused[p]), float(dense[p]), float(lexical[p]), int(p))
            for p in ranked
        ]


class EvidenceRetriever(BaseRetriever):
    """LangChain retriever over the evidence index: `invoke(question)` returns cited `Document`s."""

    model_config = ConfigDict(arbitrary_types_allowed=True)
    k: int = 5
    population: str | None = None
    condition: str | None = None

    def _get_relevant_documents(
        self, query: str, *, run_manager: CallbackManagerForRetrieverRun
    ) -> list[Document]:
        from .service import default_engine

        engine = default_engine()
        hits = engine.retrieve(query, k=self.k, population=self.population, condition=self.condition)
        documents = []
        for rank, hit in enumerate(hits[: self.k], start=1):
            source = engine.index.sources[hit.chunk.source_id]
            metadata = {
                "rank": rank,
                "score": hit.score,
                "chunk_id": hit.chunk.id,
                "section": hit.chunk.section,
                "start": hit.chunk.start,
                "end": hit.chunk.end,
                **{
                    key: source[key]
                    for key in ("title", "authors", "journal", "year", "doi", "design", "population")
                },
                "source_id": hit.chunk.source_id,
            }
            documents.append(Document(page_content=hit.chunk.text, metadata=metadata, id=hit.chunk.id))
        return documents
