"""LangChain adapter: the evidence index as a `BaseRetriever` returning cited `Document`s (imported on demand)."""

from __future__ import annotations

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict


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
