"""Shared fixtures: one engine over the real corpus per session, and throw-away corpus/index copies."""

from __future__ import annotations

import hashlib
import os
import shutil
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

from qa.service import Engine, reset_engine
from qa.settings import ROOT, Settings

CORPUS = ROOT / "corpus"
PROVENANCE = CORPUS / "provenance" / "tocilizumab-cno-evidence-report.txt"


@pytest.fixture(scope="session")
def settings(tmp_path_factory) -> Settings:
    """Settings for the real corpus with the index in a session temp folder (the user's index/ is untouched)."""
    return replace(
        Settings(),
        index_dir=tmp_path_factory.mktemp("index"),
        model_cache_dir=tmp_path_factory.mktemp("models"),
    )


@pytest.fixture(scope="session")
def engine(settings) -> Engine:
    """The engine over the real corpus, built once per test session."""
    return Engine(settings)


@pytest.fixture
def corpus_copy(tmp_path) -> Path:
    """A writable copy of the corpus (sources only, no provenance)."""
    target = tmp_path / "corpus"
    target.mkdir()
    for path in CORPUS.glob("*.md"):
        shutil.copy(path, target / path.name)
    return target


@pytest.fixture
def tmp_settings(tmp_path, corpus_copy) -> Settings:
    """Settings over the corpus copy with an empty index folder of its own."""
    return replace(Settings(), corpus_dir=corpus_copy, index_dir=tmp_path / "index")


@pytest.fixture
def default_engine_on_session_index(engine, settings, monkeypatch):
    """The process default engine (Settings.from_env) over the session's temp index, not the repo's index/."""
    monkeypatch.setenv("QA_INDEX_DIR", str(settings.index_dir))
    monkeypatch.setenv("QA_CORPUS_DIR", str(settings.corpus_dir))
    reset_engine()
    yield
    reset_engine()


class HashEmbedder:
    """Deterministic unit vectors from a hash of the text: for bookkeeping tests that need no real model."""

    def encode(self, texts, *, progress=False):
        rows = [
            np.random.default_rng(int(hashlib.sha256(t.encode()).hexdigest()[:12], 16)).standard_normal(384)
            for t in texts
        ]
        vectors = np.asarray(rows, dtype=np.float32).reshape(len(texts), 384)
        return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
