"""All configuration in one place: paths, model, chunking, retrieval and input limits (env-overridable)."""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


def _env_path(name: str, default: Path) -> Path:
    value = os.environ.get(name)
    return Path(value).expanduser().resolve() if value else default


@dataclass(frozen=True)
class Settings:
    """Every tunable of the service; `Settings.from_env()` applies `QA_*` environment overrides."""

    corpus_dir: Path = ROOT / "corpus"
    index_dir: Path = ROOT / "index"
    chroma_url: str | None = None  # QA_CHROMA_URL: use a Chroma server instead of the embedded index
    collection: str = "evidence"
    model_id: str = "sentence-transformers/all-MiniLM-L6-v2"
    max_tokens: int = 256  # the model's sequence limit; no indexed chunk may exceed it
    chunker_version: str = "3"
    min_chunk_chars: int = 90  # a shorter sentence is joined to its neighbour in the same paragraph
    retrieval: str = "hybrid"  # "hybrid", "dense" or "bm25"
    candidates: int = 40  # how many hits each ranker contributes before fusion
    rrf_k: int = 60
    dense_weight: float = 1.0
    bm25_weight: float = 1.0
    default_k: int = 5
    max_question_chars: int = 2000
    lead_sentences: int = 3
    host: str = "127.0.0.1"
    port: int = 7860

    @classmethod
    def from_env(cls) -> Settings:
        """Defaults overlaid with QA_CORPUS_DIR, QA_INDEX_DIR, QA_CHROMA_URL, QA_RETRIEVAL, QA_HOST, QA_PORT."""
        base = cls()
        return replace(
            base,
            corpus_dir=_env_path("QA_CORPUS_DIR", base.corpus_dir),
            index_dir=_env_path("QA_INDEX_DIR", base.index_dir),
            chroma_url=os.environ.get("QA_CHROMA_URL") or None,
            retrieval=os.environ.get("QA_RETRIEVAL", base.retrieval),
            host=os.environ.get("QA_HOST", base.host),
            port=int(os.environ.get("QA_PORT", base.port)),
        )
