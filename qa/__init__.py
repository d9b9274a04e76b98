"""qa: offline question answering over clinical evidence, every statement cited to a verbatim passage."""

from .answer import Answer, Citation, Passage
from .corpus import CorpusError, Source, load_corpus
from .embedding import MiniLMEmbeddings
from .service import Engine, ask, default_engine
from .settings import Settings


def __getattr__(name: str):
    """`qa.EvidenceRetriever` loads LangChain's retriever machinery only when asked for (keeps `qa ask` fast)."""
    if name == "EvidenceRetriever":
        from .retriever import EvidenceRetriever

        return EvidenceRetriever
    raise AttributeError(f"module 'qa' has no attribute {name!r}")


__all__ = [
    "Answer",
    "Citation",
    "CorpusError",
    "Engine",
    "EvidenceRetriever",
    "MiniLMEmbeddings",
    "Passage",
    "Settings",
    "Source",
    "ask",
    "default_engine",
    "load_corpus",
]
