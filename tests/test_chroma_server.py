"""Chroma server mode: a `chroma run` server on loopback holds the vectors; answers match the embedded index.

The server starts once for this module on a free port with a temporary data path. The engine in server mode is
built from a copy of the session index, so its vectors are reused (nothing re-embedded) and its answers can be
compared one for one with the embedded engine's.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import HashEmbedder

from qa.index import POINTER, ChromaUnavailable, IndexError_, IndexStore, collection_name
from qa.service import Engine
from qa.settings import ROOT

pytestmark = pytest.mark.server

QUESTIONS = ROOT / "eval" / "questions.jsonl"
KEEP = ("report.md", "sato2017.md", "campbell2018.md")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _chroma_cli() -> str:
    local = Path(sys.executable).with_name("chroma")
    return str(local) if local.exists() else shutil.which("chroma") or "chroma"


@pytest.fixture(scope="module")
def chroma_url(tmp_path_factory):
    """`chroma run --path <tmp> --host 127.0.0.1 --port <free>`, up for this module; its URL."""
    data = tmp_path_factory.mktemp("chroma-server")
    port = _free_port()
    log = open(data / "server.log", "wb")  # noqa: SIM115 - open for the server's lifetime
    proc = subprocess.Popen(
        [_chroma_cli(), "run", "--path", str(data / "db"), "--host", "127.0.0.1", "--port", str(port)],
        stdout=log,
        stderr=subprocess.STDOUT,
        env={**os.environ, "ANONYMIZED_TELEMETRY": "False"},
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(f"{url}/api/v2/heartbeat", timeout=2) as response:
                if response.status == 200:
                    break
        except OSError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            log.close()
            pytest.fail(f"chroma run did not start: {(data / 'server.log').read_text()[-2000:]}")
        time.sleep(0.2)
    yield url
    proc.terminate()
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=15)
    log.close()


def _server_collections(url: str) -> set[str]:
    import chromadb

    host, port = url.removeprefix("http://").split(":")
    client = chromadb.HttpClient(host=host, port=int(port))
    try:
        return {c.name for c in client.list_collections()}
    finally:
        client.close()


def _copy_index(settings, target: Path) -> Path:
    """A copy of the session index folder: its manifest, chunks and vectors (the vectors get reused)."""
    live = (settings.index_dir / POINTER).read_text().strip()
    target.mkdir(parents=True)
    shutil.copytree(settings.index_dir / live, target / live, ignore=shutil.ignore_patterns("chroma"))
    (target / POINTER).write_text(live)
    return target


@pytest.fixture(scope="module")
def server_engine(engine, settings, chroma_url, tmp_path_factory):
    """An engine over the real corpus with its vectors on the Chroma server."""
    index_dir = _copy_index(settings, tmp_path_factory.mktemp("server-index") / "index")
    return Engine(replace(settings, index_dir=index_dir, chroma_url=chroma_url))


def _questions(n: int) -> list[str]:
    rows = [json.loads(line) for line in QUESTIONS.read_text().splitlines() if line.strip()]
    step = max(1, len(rows) // n)
    return [row["question"] for row in rows[::step]][:n]


def test_server_index_is_built_from_reused_vectors(server_engine, chroma_url):
    manifest = server_engine.index.manifest
    assert manifest.store == chroma_url
    assert manifest.embedded == 0  # same corpus, model and chunker: every vector came from the local copy
    assert server_engine.index.collection.count() == manifest.n_chunks == len(server_engine.index.chunks)
    assert manifest.collection in _server_collections(chroma_url)
    assert not (server_engine.index.path / "chroma").exists()  # nothing embedded in the local folder


def test_answers_match_embedded_index(server_engine, engine):
    """The answer tests' questions give the same answers (text, citations, passages) on both stores."""
    for question in _questions(24):
        assert server_engine.ask(question).to_dict() == engine.ask(question).to_dict(), question


def test_filters_and_abstention_in_server_mode(server_engine, engine):
    for question, kwargs in [
        ("Did tocilizumab help children with CNO?", {"population": "pediatric"}),
        ("tocilizumab in SAPHO syndrome", {"condition": "SAPHO"}),
        ("What is the capital of France?", {}),
    ]:
        assert server_engine.ask(question, **kwargs).to_dict() == engine.ask(question, **kwargs).to_dict()


def test_cli_answers_in_server_mode(server_engine, chroma_url):
    """`qa ask` in a fresh process with QA_CHROMA_URL set answers from the server's collection."""
    env = {
        **os.environ,
        "QA_CHROMA_URL": chroma_url,
        "QA_INDEX_DIR": str(server_engine.settings.index_dir),
    }
    run = subprocess.run(
        [sys.executable, "-m", "qa", "ask", "--json", "Was tocilizumab effective in adult CRMO?"],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr
    assert "rebuild" not in run.stderr
    payload = json.loads(run.stdout)
    assert payload["passages"] and payload["citations"]


@pytest.fixture
def small_server_settings(tmp_settings, chroma_url):
    for path in tmp_settings.corpus_dir.glob("*.md"):
        if path.name not in KEEP:
            path.unlink()
    return replace(tmp_settings, chroma_url=chroma_url, collection=f"t{os.getpid()}-{time.time_ns() % 10**6}")


def test_staleness_and_pruning_on_the_server(small_server_settings, chroma_url):
    """Edit a source: only its changed chunks are embedded; old generations' collections leave the server."""
    settings = small_server_settings
    first = IndexStore(settings, HashEmbedder()).open()
    assert first.manifest.embedded == first.manifest.n_chunks
    assert IndexStore(settings, HashEmbedder()).open().manifest.generation == first.manifest.generation
    generations = [first.manifest.generation]
    source = settings.corpus_dir / "sato2017.md"
    for n in range(2):
        source.write_text(source.read_text() + f"\nA closing sentence number {n} that changes this source.\n")
        loaded = IndexStore(settings, HashEmbedder()).open()
        assert 0 < loaded.manifest.embedded <= 2
        generations.append(loaded.manifest.generation)
    mine = {c for c in _server_collections(chroma_url) if c.startswith(settings.collection)}
    # the new generation and the one it replaced stay (a reader may still use it); older ones are deleted
    assert mine == {collection_name(settings, g) for g in generations[-2:]}
    assert sorted(p.name for p in settings.index_dir.glob("gen-*")) == sorted(generations[-2:])


def test_missing_collection_on_server_is_rebuilt(small_server_settings, chroma_url, capsys):
    import chromadb

    settings = small_server_settings
    first = IndexStore(settings, HashEmbedder()).open()
    host, port = chroma_url.removeprefix("http://").split(":")
    client = chromadb.HttpClient(host=host, port=int(port))
    client.delete_collection(first.manifest.collection)
    client.close()
    second = IndexStore(settings, HashEmbedder()).open()
    assert "damaged" in capsys.readouterr().err
    assert second.manifest.generation != first.manifest.generation
    assert second.manifest.embedded == 0
    assert second.collection.count() == second.manifest.n_chunks


def test_unreachable_server_is_a_clear_error(small_server_settings):
    """A server that is not there: ChromaUnavailable saying so, and the local index is left alone."""
    settings = small_server_settings
    built = IndexStore(settings, HashEmbedder()).open()
    away = replace(settings, chroma_url=f"http://127.0.0.1:{_free_port()}")
    with pytest.raises(ChromaUnavailable, match="cannot reach the Chroma server"):
        IndexStore(away, HashEmbedder()).open()
    assert IndexStore(settings, HashEmbedder()).open().manifest.generation == built.manifest.generation


def test_bad_server_url_is_a_clear_error(small_server_settings):
    with pytest.raises(IndexError_, match="QA_CHROMA_URL must look like"):
        IndexStore(replace(small_server_settings, chroma_url="localhost:8000"), HashEmbedder()).open()


def test_switching_store_rebuilds_without_embedding(small_server_settings):
    """The same index folder moved from embedded to server mode: stale by its store, rebuilt from its vectors."""
    embedded = replace(small_server_settings, chroma_url=None)
    local = IndexStore(embedded, HashEmbedder()).open()
    remote = IndexStore(small_server_settings, HashEmbedder()).open()
    assert remote.manifest.generation != local.manifest.generation
    assert remote.manifest.embedded == 0
    assert remote.manifest.store == small_server_settings.chroma_url


def test_another_name_for_the_same_server_does_not_rebuild(small_server_settings):
    """App processes may reach the server under another host name: the index stays current."""
    built = IndexStore(small_server_settings, HashEmbedder()).open()
    alias = small_server_settings.chroma_url.replace("127.0.0.1", "localhost")
    again = IndexStore(replace(small_server_settings, chroma_url=alias), HashEmbedder()).open()
    assert again.manifest.generation == built.manifest.generation


def test_read_only_index_folder_in_server_mode(small_server_settings, tmp_path):
    """With a Chroma server, app processes can share a read-only index folder (nothing is written to it)."""
    from test_faults import read_only_view

    built = IndexStore(small_server_settings, HashEmbedder()).open()
    with read_only_view(small_server_settings.index_dir, tmp_path / "ro") as view:
        engine = Engine(replace(small_server_settings, index_dir=view))
        assert engine.index.manifest.generation == built.manifest.generation
        assert engine.ask("Was tocilizumab effective in adult CRMO?").passages
