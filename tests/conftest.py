"""Shared fixtures: one engine over the real corpus per session, and throw-away corpus/index copies."""

from __future__ import annotations

import os
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

from qa.service import Engine
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
