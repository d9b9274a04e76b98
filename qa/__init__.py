"""qa: offline question answering over clinical evidence, every statement cited to a verbatim passage."""

from .answer import Answer, Citation, Passage
from .corpus import CorpusError, Source, load_corpus
from .embedding import MiniLMEmbeddings
from .retrieval import EvidenceRetriever
from .service import Engine, ask, default_engine
from .settings import Settings

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
