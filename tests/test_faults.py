"""Faults: a build killed midway, a damaged index, an unwritable index folder, two builders at once.

Builds use a small corpus (three sources) and a deterministic stand-in embedder, so each takes a second; what is
tested is the index's bookkeeping, not the vectors. `ask()` afterwards runs on the real model.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import HashEmbedder

from qa.index import POINTER, IndexError_, IndexReadOnly, IndexStore
from qa.service import Engine
from qa.settings import ROOT

KEEP = ("report.md", "sato2017.md", "campbell2018.md")
QUESTION = "Was tocilizumab effective in adult CRMO?"


# The same embedder for child processes, plus a hook that stops the build at a chosen step.
CHILD = textwrap.dedent(
    """
    import hashlib, json, os, sys, time
    from dataclasses import replace
    from pathlib import Path
    import numpy as np
    import qa.index as index
    from qa.settings import Settings

    class HashEmbedder:
        def encode(self, texts, *, progress=False):
            rows = [np.random.default_rng(int(hashlib.sha256(t.encode()).hexdigest()[:12], 16)).standard_normal(384)
                    for t in texts]
            vectors = np.asarray(rows, dtype=np.float32).reshape(len(texts), 384)
            return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)

    corpus, root, pause, marker, mode = sys.argv[1:6]
    settings = replace(Settings(), corpus_dir=Path(corpus), index_dir=Path(root))

    def stop_here(step):
        if step == pause:
            Path(marker).write_text(step)
            time.sleep(float(os.environ.get("PAUSE_SECONDS", "120")))

    if pause == "chroma":  # after the vectors went into Chroma, before the manifest
        original_add = None
        import chromadb.api.models.Collection as C
        original_add = C.Collection.add
        def add(self, *a, **k):
            original_add(self, *a, **k)
            stop_here("chroma")
        C.Collection.add = add
    original_write = index._write_atomic
    def write(path, text):
        stop_here("manifest" if path.name == index.MANIFEST else "pointer")
        original_write(path, text)
    index._write_atomic = write
    original_save = np.save
    def save(*a, **k):
        stop_here("embeddings")
        original_save(*a, **k)
    index.np.save = save
    original_locked = index.IndexStore._build_locked
    def locked(self, *a, **k):
        with open(marker + ".log", "a") as log:
            log.write(f"start {os.getpid()} {time.time()}\\n")
        try:
            return original_locked(self, *a, **k)
        finally:
            with open(marker + ".log", "a") as log:
                log.write(f"end {os.getpid()} {time.time()}\\n")
    index.IndexStore._build_locked = locked
    store = index.IndexStore(settings, HashEmbedder())
    loaded = store.open(rebuild=mode == "rebuild")
    print(json.dumps({"generation": loaded.manifest.generation, "n": loaded.manifest.n_chunks}))
    """
)


def _small(corpus: Path) -> Path:
    for path in corpus.glob("*.md"):
        if path.name not in KEEP:
            path.unlink()
    return corpus


@pytest.fixture
def small_settings(tmp_settings):
    _small(tmp_settings.corpus_dir)
    return tmp_settings


def _child(settings, pause: str, marker: Path, mode: str = "open", **env) -> subprocess.Popen:
    return subprocess.Popen(
        [
            sys.executable,
            "-c",
            CHILD,
            str(settings.corpus_dir),
            str(settings.index_dir),
            pause,
            str(marker),
            mode,
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, **env},
        cwd=ROOT,
    )


def _wait_for(path: Path, proc: subprocess.Popen, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while not path.exists():
        if proc.poll() is not None:
            raise AssertionError(f"child exited early: {proc.communicate()}")
        if time.monotonic() > deadline:
            proc.kill()
            raise AssertionError("child never reached the pause point")
        time.sleep(0.02)


def _leftovers(root: Path) -> list[str]:
    return sorted(p.name for p in root.iterdir() if p.name.startswith(".staging-"))


@pytest.mark.parametrize("pause", ["chroma", "pointer"])
def test_build_killed_midway_leaves_previous_index_live(small_settings, tmp_path, pause):
    """SIGKILL during `qa index --rebuild`: the next open() and ask() use the previous, whole generation.

    "chroma": killed after the vectors went into the new generation's store, before its manifest was written;
    "pointer": killed after the new generation folder was complete, before the CURRENT pointer moved to it.
    """
    before = IndexStore(small_settings, HashEmbedder()).open()
    marker = tmp_path / "paused"
    proc = _child(small_settings, pause, marker, mode="rebuild")
    _wait_for(marker, proc)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    root = small_settings.index_dir
    assert (root / POINTER).read_text().strip() == before.manifest.generation
    after = IndexStore(small_settings, HashEmbedder()).open()
    assert after.manifest.generation == before.manifest.generation
    assert after.collection.count() == before.manifest.n_chunks
    if pause == "chroma":
        answer = Engine(small_settings).ask(QUESTION)
        assert answer.answer and answer.passages
    # the next build cleans up what the killed one left
    rebuilt = IndexStore(small_settings, HashEmbedder()).open(rebuild=True)
    assert rebuilt.manifest.generation != before.manifest.generation
    assert _leftovers(root) == []
    assert {p.name for p in root.glob("gen-*")} == {before.manifest.generation, rebuilt.manifest.generation}


def test_build_killed_after_corpus_change_rebuilds(small_settings, tmp_path):
    """Killed while building a changed corpus: the previous index is stale, so the next open() builds anew."""
    before = IndexStore(small_settings, HashEmbedder()).open()
    source = small_settings.corpus_dir / "sato2017.md"
    source.write_text(source.read_text() + "\nAn added closing sentence, so that the corpus changes.\n")
    marker = tmp_path / "paused"
    proc = _child(small_settings, "manifest", marker)
    _wait_for(marker, proc)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    after = IndexStore(small_settings, HashEmbedder()).open()
    assert after.manifest.generation != before.manifest.generation
    assert after.manifest.n_chunks == after.collection.count() == len(after.chunks)
    assert after.manifest.embedded < after.manifest.n_chunks  # unchanged chunks were reused
    assert _leftovers(small_settings.index_dir) == []


def _sqlite(loaded) -> Path:
    return loaded.path / "chroma" / "chroma.sqlite3"


def test_truncated_database_is_detected_and_rebuilt(small_settings, capsys):
    """A truncated chroma.sqlite3: open() says the index is damaged, rebuilds it, and answers work."""
    before = IndexStore(small_settings, HashEmbedder()).open()
    db = _sqlite(before)
    with open(db, "r+b") as handle:
        handle.truncate(db.stat().st_size // 2)
    after = IndexStore(small_settings, HashEmbedder()).open()
    err = capsys.readouterr().err
    assert "damaged" in err and "rebuilding the index" in err and "index rebuilt" in err
    assert after.manifest.generation != before.manifest.generation
    assert after.manifest.embedded == 0  # the vectors were intact and reused
    assert after.collection.count() == after.manifest.n_chunks
    assert not before.path.exists()  # the damaged generation is not kept as a fallback


def test_truncated_database_in_a_fresh_process(small_settings, engine, settings):
    """The same through `qa ask` in a new process: a message on stderr, then the answer.

    The small index starts from a copy of the session index, so its vectors are the real model's and the rebuild
    in the child reuses them (nothing to embed).
    """
    live = (settings.index_dir / POINTER).read_text().strip()
    small_settings.index_dir.mkdir(parents=True)
    shutil.copytree(settings.index_dir / live, small_settings.index_dir / live)
    (small_settings.index_dir / POINTER).write_text(live)
    before = IndexStore(small_settings, engine.embedder).open()
    assert before.manifest.embedded == 0
    db = _sqlite(before)
    with open(db, "r+b") as handle:
        handle.truncate(4096)
    env = {
        **os.environ,
        "QA_CORPUS_DIR": str(small_settings.corpus_dir),
        "QA_INDEX_DIR": str(small_settings.index_dir),
    }
    run = subprocess.run(
        [sys.executable, "-m", "qa", "ask", QUESTION],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr
    assert "is damaged" in run.stderr and "rebuilding the index" in run.stderr
    assert run.stdout.strip()
    after = IndexStore(small_settings, engine.embedder).open()
    assert after.manifest.generation != before.manifest.generation
    assert after.manifest.embedded == 0


@pytest.mark.parametrize(
    "damage",
    ["chunks", "embeddings", "manifest", "collection-files", "pointer-garbage"],
)
def test_other_damage_is_detected(small_settings, damage, capsys):
    """Missing or truncated files of the live generation never crash open(): it rebuilds or starts afresh."""
    before = IndexStore(small_settings, HashEmbedder()).open()
    folder = before.path
    if damage == "chunks":
        (folder / "chunks.json").write_text('[{"id": ')
    elif damage == "embeddings":
        path = folder / "embeddings.npy"
        with open(path, "r+b") as handle:
            handle.truncate(path.stat().st_size // 3)
    elif damage == "manifest":
        (folder / "manifest.json").unlink()
    elif damage == "collection-files":
        for path in (folder / "chroma").iterdir():
            if path.is_file():
                path.unlink()
    else:
        (small_settings.index_dir / POINTER).write_text("../../etc")
    after = IndexStore(small_settings, HashEmbedder()).open()
    assert after.manifest.generation != before.manifest.generation
    assert after.collection.count() == len(after.chunks) == after.manifest.n_chunks
    if damage in ("chunks", "embeddings"):
        assert "damaged" in capsys.readouterr().err


def test_index_folder_under_a_file_is_a_clear_error(small_settings, tmp_path):
    """An index folder that cannot be created (its parent is a regular file): IndexError_ naming the folder."""
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    settings = replace(small_settings, index_dir=blocker / "index")
    with pytest.raises(IndexError_, match=r"cannot write the index folder .*not-a-folder/index"):
        IndexStore(settings, HashEmbedder()).open()


def test_index_folder_that_is_a_file_is_a_clear_error(small_settings, tmp_path):
    blocker = tmp_path / "index-file"
    blocker.write_text("x")
    with pytest.raises(IndexError_, match="it is a file"):
        IndexStore(replace(small_settings, index_dir=blocker), HashEmbedder()).open()


def test_unwritable_index_folder_via_cli(small_settings):
    """`qa index` with an index folder in /proc (unwritable even for root): one clear line, exit status 2."""
    env = {
        **os.environ,
        "QA_CORPUS_DIR": str(small_settings.corpus_dir),
        "QA_INDEX_DIR": "/proc/qa-index-test/index",
    }
    run = subprocess.run(
        [sys.executable, "-m", "qa", "index", "--quiet"],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
    )
    assert run.returncode == 2
    assert run.stderr.startswith("qa: error: cannot write the index folder /proc/qa-index-test/index")
    assert "Traceback" not in run.stderr


@contextlib.contextmanager
def read_only_view(folder: Path, mountpoint: Path):
    """`folder` bind-mounted read-only at `mountpoint` (really read-only, even for root); skips if not allowed."""
    mountpoint.mkdir()
    done = subprocess.run(["mount", "--bind", "-o", "ro", str(folder), str(mountpoint)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"cannot bind-mount read-only here: {done.stderr.decode(errors='replace').strip()}")
    try:
        yield mountpoint
    finally:  # lazily: a test's engine may still map files through the view
        subprocess.run(["umount", "-l", str(mountpoint)], check=False)


def test_read_only_embedded_index_is_a_clear_error(small_settings, tmp_path):
    """The embedded store needs write access to open: a clear error naming the fix, no rebuild attempt."""
    IndexStore(small_settings, HashEmbedder()).open()
    with read_only_view(small_settings.index_dir, tmp_path / "ro") as view:
        with pytest.raises(IndexReadOnly, match=r"needs write access even to read.*QA_CHROMA_URL"):
            IndexStore(replace(small_settings, index_dir=view), HashEmbedder()).open()
        stale = small_settings.corpus_dir / "sato2017.md"
        stale.write_text(stale.read_text() + "\nA changed ending, so the index is stale.\n")
        with pytest.raises(IndexError_, match="cannot write the index folder"):
            IndexStore(replace(small_settings, index_dir=view), HashEmbedder()).open()


def _intervals(log: Path) -> list[tuple[float, float]]:
    starts, spans = {}, []
    for line in log.read_text().splitlines():
        what, pid, at = line.split()
        if what == "start":
            starts[pid] = float(at)
        else:
            spans.append((starts.pop(pid), float(at)))
    return sorted(spans)


def test_two_builders_take_turns(small_settings, tmp_path):
    """Two processes build at once: the second waits for the file lock, then finds the index current."""
    marker = tmp_path / "first"
    first = _child(small_settings, "manifest", marker, PAUSE_SECONDS="3")
    _wait_for(marker, first)
    second = _child(small_settings, "never", tmp_path / "second")
    out1, err1 = first.communicate(timeout=120)
    out2, err2 = second.communicate(timeout=120)
    assert first.returncode == 0 and second.returncode == 0, (err1, err2)
    assert "waiting for it to finish" in err2
    one, two = json.loads(out1), json.loads(out2)
    assert one == two  # the second did not build again: it opened what the first built
    assert len(list(small_settings.index_dir.glob("gen-*"))) == 1
    loaded = IndexStore(small_settings, HashEmbedder()).open()
    assert loaded.manifest.generation == one["generation"]
    assert loaded.collection.count() == one["n"]


def test_two_forced_rebuilds_do_not_overlap(small_settings, tmp_path):
    """Two `--rebuild`s at once both build, one after the other (never interleaved), and the result is whole."""
    IndexStore(small_settings, HashEmbedder()).open()
    marker = tmp_path / "first"
    first = _child(small_settings, "manifest", marker, mode="rebuild", PAUSE_SECONDS="2")
    _wait_for(marker, first)
    second = _child(small_settings, "never", marker, mode="rebuild")
    for proc in (first, second):
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
    spans = _intervals(Path(f"{marker}.log"))
    assert len(spans) == 2 and spans[0][1] <= spans[1][0], f"the two builds overlapped: {spans}"
    loaded = IndexStore(small_settings, HashEmbedder()).open()
    assert loaded.collection.count() == loaded.manifest.n_chunks == len(loaded.chunks)
    assert _leftovers(small_settings.index_dir) == []
