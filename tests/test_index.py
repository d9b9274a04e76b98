"""Index stage: Chroma (cosine) with a manifest; rebuilt when the corpus changes, reused when it does not."""

from __future__ import annotations

import json
import shutil

import numpy as np
import pytest

from qa import CorpusError, load_corpus
from qa.chunking import chunk_corpus, chunk_source
from qa.corpus import load_source
from qa.index import MANIFEST, POINTER, IndexStore, expected_fingerprint
from qa.service import Engine
from qa.settings import ROOT

CORPUS = ROOT / "corpus"
TINY = ("report.md", "hedrich2023.md", "roberts2024.md")  # few chunks: cheap to embed


@pytest.fixture
def tiny_settings(tmp_settings, monkeypatch):
    """Settings over a 3-source corpus copy and an empty index folder (reference embedder: no ONNX checks)."""
    monkeypatch.setenv("QA_EMBEDDER", "torch")
    for path in tmp_settings.corpus_dir.glob("*.md"):
        if path.name not in TINY:
            path.unlink()
    return tmp_settings


def _pointer(settings) -> str:
    return (settings.index_dir / POINTER).read_text().strip()


def _generations(settings) -> list[str]:
    return sorted(p.name for p in settings.index_dir.glob("gen-*"))


def _contexts(index) -> set[str]:
    return {c.context for c in index.chunks}


# ---------------------------------------------------------------- the real index


def test_index_holds_every_source_and_chunk(engine, settings):
    index = engine.index
    sources = load_corpus(settings.corpus_dir)
    assert set(index.sources) == {s.id for s in sources}
    assert {c.source_id for c in index.chunks} == {s.id for s in sources}
    assert (
        index.manifest.n_chunks == len(index.chunks) == len(chunk_corpus(sources, settings.min_chunk_chars))
    )
    assert index.collection.count() == index.manifest.n_chunks == len(index.embeddings)
    assert index.manifest.fingerprint == expected_fingerprint(sources, settings)
    assert index.manifest.model_id == settings.model_id
    assert index.embeddings.shape == (index.manifest.n_chunks, 384)
    np.testing.assert_allclose(np.linalg.norm(index.embeddings, axis=1), 1.0, atol=1e-4)
    for source in sources:
        assert index.sources[source.id] == source.metadata()


def test_chroma_uses_cosine_and_carries_chunk_metadata(engine):
    collection = engine.index.collection
    assert collection.configuration["hnsw"]["space"] == "cosine"
    records = collection.get(include=["metadatas", "documents", "embeddings"])
    by_id = {c.id: (i, c) for i, c in enumerate(engine.index.chunks)}
    assert sorted(records["ids"]) == sorted(by_id)
    for rid, meta, doc, vector in zip(
        records["ids"], records["metadatas"], records["documents"], records["embeddings"], strict=True
    ):
        row, chunk = by_id[rid]
        source = engine.index.sources[chunk.source_id]
        assert {"source_id", "doi", "section", "start", "end"} <= set(meta)
        assert meta["source_id"] == chunk.source_id
        assert meta["doi"] == (source["doi"] or "")
        assert meta["section"] == chunk.section
        assert (meta["start"], meta["end"]) == (chunk.start, chunk.end)
        assert doc == chunk.text
        np.testing.assert_allclose(vector, engine.index.embeddings[row], atol=1e-5)


def test_index_embeddings_are_the_models(engine):
    """Stored vectors are the model's embedding of each chunk's indexed context."""
    sample = engine.index.chunks[::20]
    fresh = engine.embedder.encode([c.context for c in sample])
    stored = engine.index.embeddings[[engine.index.chunks.index(c) for c in sample]]
    np.testing.assert_allclose(np.sum(fresh * stored, axis=1), 1.0, atol=1e-3)


# ---------------------------------------------------------------- lifecycle on a tiny corpus


def test_open_twice_does_not_rebuild(tiny_settings):
    first = IndexStore(tiny_settings).open()
    assert first.manifest.embedded == first.manifest.n_chunks > 0
    second = IndexStore(tiny_settings).open()
    assert second.manifest == first.manifest
    assert _generations(tiny_settings) == [first.manifest.generation]
    assert _pointer(tiny_settings) == first.manifest.generation


def test_rebuild_flag_builds_a_new_generation(tiny_settings):
    store = IndexStore(tiny_settings)
    first = store.open()
    again = store.open(rebuild=True)
    assert again.manifest.generation != first.manifest.generation
    assert _pointer(tiny_settings) == again.manifest.generation
    assert again.manifest.fingerprint == first.manifest.fingerprint
    assert [c.id for c in again.chunks] == [c.id for c in first.chunks]
    assert again.collection.count() == first.manifest.n_chunks
    np.testing.assert_allclose(again.embeddings, first.embeddings, atol=1e-6)


def test_editing_a_file_rebuilds_and_reembeds_only_what_changed(tiny_settings):
    store = IndexStore(tiny_settings)
    first = store.open()
    path = tiny_settings.corpus_dir / "hedrich2023.md"
    raw = path.read_text(encoding="utf-8")
    assert "substantial advances" in raw
    path.write_text(raw.replace("substantial advances", "considerable advances"), encoding="utf-8")
    sources = load_corpus(tiny_settings.corpus_dir)
    assert expected_fingerprint(sources, tiny_settings) != first.manifest.fingerprint
    assert not store.is_current(sources)

    second = IndexStore(tiny_settings).open()
    assert second.manifest.generation != first.manifest.generation
    assert _pointer(tiny_settings) == second.manifest.generation
    assert second.manifest.fingerprint == expected_fingerprint(sources, tiny_settings)
    changed = _contexts(second) - _contexts(first)
    assert len(changed) == 1 and "considerable advances" in next(iter(changed))
    assert second.manifest.embedded == len(changed)
    assert not any("substantial advances" in c.text for c in second.chunks)


def test_adding_a_study_makes_it_retrievable_and_embeds_only_it(tiny_settings):
    first = IndexStore(tiny_settings).open()
    shutil.copy(CORPUS / "fujita2015.md", tiny_settings.corpus_dir / "fujita2015.md")
    engine = Engine(tiny_settings)
    manifest = engine.index.manifest
    added = chunk_source(
        load_source(tiny_settings.corpus_dir / "fujita2015.md"), tiny_settings.min_chunk_chars
    )
    assert manifest.generation != first.manifest.generation
    assert manifest.n_chunks == first.manifest.n_chunks + len(added)
    assert manifest.embedded == len(added)
    assert "fujita2015" in engine.index.sources
    hits = engine.retrieve("aseptic subcutaneous abscess after tocilizumab in SAPHO syndrome", k=3)
    assert hits[0].chunk.source_id == "fujita2015"
    answer = engine.ask("Did tocilizumab cause an aseptic abscess in SAPHO syndrome?")
    assert "fujita2015" in {c.source_id for c in answer.citations}


def test_removing_a_file_drops_its_passages(tiny_settings):
    first = IndexStore(tiny_settings).open()
    (tiny_settings.corpus_dir / "roberts2024.md").unlink()
    second = IndexStore(tiny_settings).open()
    assert second.manifest.generation != first.manifest.generation
    assert "roberts2024" not in second.sources
    assert not [c for c in second.chunks if c.source_id == "roberts2024"]
    assert not second.collection.get(where={"source_id": "roberts2024"})["ids"]
    assert second.manifest.embedded == 0  # the rest is reused as is


def test_malformed_file_leaves_the_live_index_untouched(tiny_settings):
    first = IndexStore(tiny_settings).open()
    pointer = _pointer(tiny_settings)
    folder = tiny_settings.index_dir / pointer
    manifest = (folder / MANIFEST).read_text()
    broken = (
        (CORPUS / "kaut2022.md")
        .read_text(encoding="utf-8")
        .replace("population: pediatric", "population: kids")
    )
    (tiny_settings.corpus_dir / "kaut2022.md").write_text(broken, encoding="utf-8")

    with pytest.raises(CorpusError, match=r"kaut2022\.md: field 'population'"):
        IndexStore(tiny_settings).open()
    with pytest.raises(CorpusError):
        IndexStore(tiny_settings).open(rebuild=True)

    assert _pointer(tiny_settings) == pointer
    assert _generations(tiny_settings) == [pointer]
    assert (folder / MANIFEST).read_text() == manifest
    assert not list(tiny_settings.index_dir.glob(".staging-*"))
    reopened = IndexStore(tiny_settings).load(folder)
    assert reopened.manifest == first.manifest and reopened.collection.count() == first.manifest.n_chunks


def test_damaged_index_is_rebuilt(tiny_settings, capsys):
    first = IndexStore(tiny_settings).open()
    folder = tiny_settings.index_dir / first.manifest.generation
    chunks = json.loads((folder / "chunks.json").read_text())
    (folder / "chunks.json").write_text(json.dumps(chunks[:-1]))
    second = IndexStore(tiny_settings).open()
    assert second.manifest.generation != first.manifest.generation
    assert len(second.chunks) == second.manifest.n_chunks == first.manifest.n_chunks
    assert second.collection.count() == first.manifest.n_chunks
    assert "rebuilding" in capsys.readouterr().err
