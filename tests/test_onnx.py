"""The ONNX query path: same vectors and answers as sentence-transformers, and `qa ask` never imports torch."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from dataclasses import replace

import numpy as np
import pytest

from qa.embedding import MIN_COSINE, MiniLMEmbeddings, _checked_key, export_onnx, load_model
from qa.service import Engine
from qa.settings import ROOT

ODD = [
    "",
    "   ",
    "tocilizumab",
    "TOCILIZUMAB in CNO?",
    "  leading and trailing spaces  ",
    "Ist Tocilizumab bei CNO wirksam? Évidence, niños, 儿童, 子供, дети",
    "🙂🦴💉 IL-6 ➜ remission",
    "\u202eright-to-left \u200b zero width \ufeff",
    "a\ud800b lone surrogate",
    "word " * 600,  # far past the 256-token limit: truncated the same way
    "CRMO/SAPHO (n=12; 95% CI 0.4-0.9) vs. TNF-α inhibitors, e.g. adalimumab [3].",
]
QUESTIONS = [
    "Is there evidence for tocilizumab in CNO?",
    "Did tocilizumab help children with CRMO?",
    "What happened to the adult patients treated with tocilizumab?",
    "tocilizumab in SAPHO syndrome",
    "which databases were searched",
    "What adverse events were reported with IL-6 blockade?",
    "What is the level of evidence?",
    "How many patients received tocilizumab in the cohort study?",
    "Why was tocilizumab stopped in the case report?",
    "What is the capital of France?",
    "Compare TNF inhibitors and tocilizumab for bone inflammation",
    "remission rates with biologics in pediatric CNO",
]


@pytest.fixture(scope="module")
def onnx_engine(engine):
    if engine.embedder.backend != "onnx":
        pytest.fail(
            f"the session engine should answer on the verified ONNX export: {engine.embedder.export_record()}"
        )
    return engine


@pytest.fixture(scope="module")
def torch_embedder():
    return MiniLMEmbeddings(backend="torch")


def test_export_was_verified_on_every_chunk(onnx_engine):
    record = onnx_engine.embedder.export_record()
    assert record["status"] == "verified"
    assert record["min_cosine"] >= MIN_COSINE
    checked = onnx_engine.embedder._verified_keys()
    missing = [c.id for c in onnx_engine.index.chunks if _checked_key(c.context) not in checked]
    assert not missing, f"chunks never compared with the reference: {missing[:5]}"


def test_onnx_matches_stored_vectors(onnx_engine):
    """The ONNX encoder reproduces the index's (sentence-transformers) vectors: longest chunks and a sample."""
    chunks = onnx_engine.index.chunks
    order = sorted(range(len(chunks)), key=lambda i: -len(chunks[i].context))
    rows = sorted(set(order[:8] + order[8::10]))
    vectors = onnx_engine.embedder.encode([chunks[i].context for i in rows])
    cosine = (vectors * np.asarray(onnx_engine.index.embeddings)[rows]).sum(axis=1)
    assert cosine.min() >= MIN_COSINE


def test_odd_queries_match_reference(onnx_engine, torch_embedder):
    fast = onnx_engine.embedder.encode(ODD)
    slow = torch_embedder.encode(ODD)
    assert fast.shape == slow.shape == (len(ODD), 384)
    assert (fast * slow).sum(axis=1).min() >= MIN_COSINE
    assert np.allclose(np.linalg.norm(fast, axis=1), 1.0, atol=1e-5)


def test_token_counts_match_the_model_tokenizer(onnx_engine):
    tokenizer = load_model().tokenizer
    texts = [c.context for c in onnx_engine.index.chunks] + [t for t in ODD if "\ud800" not in t]
    for text in texts:
        assert onnx_engine.embedder.count_tokens(text) == len(tokenizer(text)["input_ids"]), text[:60]
    assert onnx_engine.embedder.max_tokens == load_model().max_seq_length == 256


def test_answers_unchanged_with_torch_embedder(onnx_engine, torch_embedder, settings):
    """The same questions through sentence-transformers give exactly the same answers as through ONNX."""
    reference = Engine(settings)
    reference.embedder = reference.ranker.embedder = torch_embedder
    assert reference.embedder.backend == "torch"
    for question in QUESTIONS:
        assert onnx_engine.ask(question).to_dict() == reference.ask(question).to_dict(), question


def test_rejected_export_falls_back_to_torch(onnx_engine, tmp_path, capsys):
    """An export that disagrees with the reference vectors is marked failed and not used."""
    embedder = MiniLMEmbeddings(cache_dir=tmp_path, backend="auto")
    embedder.export_dir.mkdir(parents=True)
    (embedder.export_dir / "model.onnx").symlink_to(onnx_engine.embedder.export_dir / "model.onnx")
    (embedder.export_dir / "export.json").write_text(json.dumps({"status": "unverified", "checked": 0}))
    texts = [c.context for c in onnx_engine.index.chunks[:4]]
    wrong = np.asarray(onnx_engine.index.embeddings[:4]).copy()
    wrong[2] = -wrong[2]
    status = embedder.prepare_onnx(texts, wrong)
    assert "rejected" in status and "ONNX export rejected" in capsys.readouterr().err
    assert embedder.export_record()["status"] == "failed"
    assert embedder.backend == "torch"
    assert MiniLMEmbeddings(cache_dir=tmp_path).backend == "torch"
    assert "failed earlier" in embedder.prepare_onnx(texts, wrong)
    with pytest.raises(RuntimeError, match="no verified ONNX export"):
        MiniLMEmbeddings(cache_dir=tmp_path, backend="onnx").encode(["x"])


def test_damaged_export_falls_back_to_torch(tmp_path):
    embedder = MiniLMEmbeddings(cache_dir=tmp_path)
    embedder.export_dir.mkdir(parents=True)
    (embedder.export_dir / "model.onnx").write_bytes(b"not a model")
    (embedder.export_dir / "export.json").write_text(json.dumps({"status": "verified"}))
    assert embedder.backend == "torch"
    with pytest.raises(RuntimeError, match="cannot load the ONNX export"):
        MiniLMEmbeddings(cache_dir=tmp_path, backend="onnx").encode(["x"])


def test_fresh_export_is_verified(onnx_engine, tmp_path):
    """Export from scratch into an empty cache, check it on real chunks, then use it."""
    embedder = MiniLMEmbeddings(cache_dir=tmp_path)
    assert embedder.backend == "torch" and embedder.export_record() is None
    chunks = onnx_engine.index.chunks[:12]
    status = embedder.prepare_onnx([c.context for c in chunks], np.asarray(onnx_engine.index.embeddings[:12]))
    assert status.startswith("ONNX export verified on 12 chunks"), status
    assert embedder.backend == "onnx"
    record = embedder.export_record()
    assert record["status"] == "verified" and record["checked"] == 12 and record["min_cosine"] >= MIN_COSINE
    # the same chunks are not checked twice
    again = embedder.prepare_onnx([c.context for c in chunks], np.asarray(onnx_engine.index.embeddings[:12]))
    assert "verified earlier" in again


def test_export_function_writes_one_file(tmp_path):
    target = export_onnx(MiniLMEmbeddings().model_dir, tmp_path / "x" / "model.onnx")
    assert target.exists() and target.stat().st_size > 10_000_000
    assert sorted(p.name for p in target.parent.iterdir()) == ["model.onnx"]


def test_cli_ask_does_not_import_torch(onnx_engine, settings):
    """`qa ask` in a fresh process: answers on onnxruntime; torch, transformers and gradio are never imported."""
    env = {
        **os.environ,
        "QA_INDEX_DIR": str(settings.index_dir),
        "QA_CORPUS_DIR": str(settings.corpus_dir),
    }
    started = time.perf_counter()
    run = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "qa", "ask", QUESTIONS[0]],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
    )
    elapsed = time.perf_counter() - started
    assert run.returncode == 0, run.stderr[-3000:]
    assert run.stdout.strip() == onnx_engine.ask(QUESTIONS[0]).answer.strip()
    imported = {line.rsplit("|", 1)[-1].strip() for line in run.stderr.splitlines() if "|" in line}
    for heavy in ("torch", "sentence_transformers", "transformers", "gradio", "sklearn"):
        assert heavy not in imported, f"`qa ask` imported {heavy}"
    assert "onnxruntime" in imported
    assert elapsed < 30  # generous: the <= 3 s target is measured by benchmarks/coldstart.py


def test_torch_setting_is_honoured(tmp_path, monkeypatch):
    monkeypatch.setenv("QA_EMBEDDER", "torch")
    assert MiniLMEmbeddings().backend == "torch"
    monkeypatch.setenv("QA_EMBEDDER", "fast")
    with pytest.raises(ValueError, match="embedder backend must be one of"):
        MiniLMEmbeddings()


def test_settings_read_new_variables(monkeypatch, tmp_path):
    from qa.settings import Settings

    monkeypatch.setenv("QA_MODEL_CACHE", str(tmp_path))
    monkeypatch.setenv("QA_LOCK_TIMEOUT", "7")
    monkeypatch.setenv("QA_CHROMA_URL", "http://127.0.0.1:9")
    loaded = Settings.from_env()
    assert loaded.model_cache_dir == tmp_path and loaded.lock_timeout == 7.0
    assert loaded.chroma_url == "http://127.0.0.1:9"
    assert replace(loaded, embedder="onnx").embedder == "onnx"


def test_failed_export_is_retried_by_the_next_build_only(tmp_path, monkeypatch):
    """An export that raised (e.g. a missing package) is retried by a build, not by every start-up."""
    import qa.embedding

    calls = []

    def broken(model_dir, target):
        calls.append(target)
        raise ModuleNotFoundError("No module named 'onnx'")

    monkeypatch.setattr(qa.embedding, "export_onnx", broken)
    embedder = MiniLMEmbeddings(cache_dir=tmp_path)
    vectors = np.zeros((1, 384), dtype=np.float32)
    assert "ONNX export failed" in embedder.prepare_onnx(["x"], vectors, fresh=[0])
    assert embedder.export_record()["status"] == "failed" and embedder.backend == "torch"
    assert "failed earlier" in embedder.prepare_onnx(["x"], vectors)  # start-up path: no retry
    assert len(calls) == 1
    assert "ONNX export failed" in embedder.prepare_onnx(["x"], vectors, fresh=[])  # a build retries
    assert len(calls) == 2
