"""Index stage: embed the chunks into Chroma (cosine), with a manifest that makes a stale index rebuild itself.

Builds go into a fresh generation folder that is switched live by one atomic rename of a pointer file, under a
file lock, so an interrupted or failed build never leaves a half-built index in use.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import sys
import time
import uuid
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np
from filelock import FileLock, Timeout

from .chunking import Chunk, chunk_corpus
from .corpus import Source, corpus_fingerprint, load_corpus
from .embedding import MiniLMEmbeddings
from .settings import Settings

log = logging.getLogger(__name__)

POINTER = "CURRENT"
MANIFEST = "manifest.json"


class IndexError_(RuntimeError):
    """The index cannot be built or opened (unwritable folder, Chroma failure); the message says why."""


@dataclass(frozen=True)
class Manifest:
    """What an index was built from: staleness is any difference from the current corpus, model or chunker."""

    fingerprint: str
    model_id: str
    chunker_version: str
    n_chunks: int
    built_at: float
    generation: str
    seconds: float
    embedded: int  # chunks actually embedded (the rest reused from the previous generation)


@dataclass
class LoadedIndex:
    """A live index: chunks, their embeddings (row i = chunk i), source metadata and the Chroma collection."""

    manifest: Manifest
    chunks: list[Chunk]
    embeddings: np.ndarray
    sources: dict[str, dict[str, Any]]
    collection: Any
    path: Path


def expected_fingerprint(sources: list[Source], settings: Settings) -> str:
    """Hash of corpus + model + chunker settings: the key that decides whether an index is current."""
    key = f"{corpus_fingerprint(sources)}|{settings.model_id}|{settings.chunker_version}|{settings.min_chunk_chars}"
    return hashlib.sha256(key.encode()).hexdigest()


def _text_key(model_id: str, text: str) -> str:
    return hashlib.sha256(f"{model_id}\n{text}".encode()).hexdigest()


def chroma_client(settings: Settings, folder: Path):
    """A Chroma client: the server named by `chroma_url`, else an embedded persistent store in `folder`."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
    if settings.chroma_url:
        from urllib.parse import urlparse

        url = urlparse(settings.chroma_url)
        return chromadb.HttpClient(
            host=url.hostname or "127.0.0.1",
            port=url.port or 8000,
            ssl=url.scheme == "https",
            settings=chroma_settings,
        )
    return chromadb.PersistentClient(path=str(folder / "chroma"), settings=chroma_settings)


def collection_name(settings: Settings, generation: str) -> str:
    """One collection per generation, so a server can hold the live one while the next is built."""
    return f"{settings.collection}-{generation}"[:63]


class IndexStore:
    """Owns `settings.index_dir`: finds the live generation, checks it, builds and swaps in new ones."""

    def __init__(self, settings: Settings, embeddings: MiniLMEmbeddings | None = None) -> None:
        self.settings = settings
        self.root = Path(settings.index_dir)
        self.embedder = embeddings or MiniLMEmbeddings()

    # ---- reading
    def current_generation(self) -> Path | None:
        """The live generation folder, or None when there is none yet."""
        pointer = self.root / POINTER
        try:
            name = pointer.read_text().strip()
        except FileNotFoundError:
            return None
        folder = self.root / name
        return folder if name and folder.is_dir() else None

    def read_manifest(self, folder: Path) -> Manifest | None:
        """The manifest of a generation, or None when it is missing or unreadable."""
        try:
            return Manifest(**json.loads((folder / MANIFEST).read_text()))
        except (OSError, ValueError, TypeError):
            return None

    def is_current(self, sources: list[Source]) -> bool:
        """True when the live index matches this corpus, model and chunker."""
        folder = self.current_generation()
        manifest = folder and self.read_manifest(folder)
        return bool(manifest) and manifest.fingerprint == expected_fingerprint(sources, self.settings)

    def load(self, folder: Path) -> LoadedIndex:
        """Open one generation and check it is whole; raises `IndexError_` when it is not."""
        manifest = self.read_manifest(folder)
        if manifest is None:
            raise IndexError_(f"index at {folder} has no readable manifest")
        try:
            chunks = [Chunk(**c) for c in json.loads((folder / "chunks.json").read_text())]
            sources = json.loads((folder / "sources.json").read_text())
            embeddings = np.load(folder / "embeddings.npy")
            client = chroma_client(self.settings, folder)
            collection = client.get_collection(collection_name(self.settings, manifest.generation))
            count = collection.count()
        except Exception as exc:  # any damage to the files or the database
            raise IndexError_(f"index at {folder} is damaged: {exc.__class__.__name__}: {exc}") from exc
        if not (len(chunks) == manifest.n_chunks == count == len(embeddings)):
            raise IndexError_(
                f"index at {folder} is damaged: {len(chunks)} chunks, {count} in Chroma, "
                f"{len(embeddings)} embeddings, manifest says {manifest.n_chunks}"
            )
        return LoadedIndex(manifest, chunks, embeddings, sources, collection, folder)

    def open(self, *, rebuild: bool = False, progress: bool = False) -> LoadedIndex:
        """The live index, built first when missing, stale, damaged or when `rebuild` is asked."""
        sources = load_corpus(self.settings.corpus_dir)
        if not rebuild:
            folder = self.current_generation()
            if folder and self.is_current(sources):
                try:
                    return self.load(folder)
                except IndexError_ as exc:
                    log.warning("%s; rebuilding", exc)
                    print(f"qa: {exc}; rebuilding the index", file=sys.stderr)
        return self.build(sources, progress=progress, force=rebuild)

    # ---- building
    def _lock(self) -> FileLock:
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            probe = self.root / f".write-test-{os.getpid()}"
            probe.write_text("ok")
            probe.unlink()
        except OSError as exc:
            raise IndexError_(f"cannot write the index folder {self.root}: {exc.strerror or exc}") from exc
        return FileLock(str(self.root / ".lock"))

    def _reusable(self) -> dict[str, np.ndarray]:
        """Embeddings of the live generation keyed by indexed text, so unchanged chunks are not re-embedded."""
        folder = self.current_generation()
        manifest = folder and self.read_manifest(folder)
        if not manifest or manifest.model_id != self.settings.model_id:
            return {}
        try:
            chunks = json.loads((folder / "chunks.json").read_text())
            vectors = np.load(folder / "embeddings.npy")
        except (OSError, ValueError):
            return {}
        if len(chunks) != len(vectors):
            return {}
        return {_text_key(manifest.model_id, c["context"]): v for c, v in zip(chunks, vectors, strict=True)}

    def build(
        self, sources: list[Source] | None = None, *, progress: bool = False, force: bool = True
    ) -> LoadedIndex:
        """Chunk, embed and store the corpus in a new generation, then switch it live atomically."""
        sources = sources if sources is not None else load_corpus(self.settings.corpus_dir)
        lock = self._lock()
        try:
            lock.acquire(timeout=600)
        except Timeout as exc:
            raise IndexError_(
                f"another process has held the index lock for 10 minutes ({self.root})"
            ) from exc
        try:
            if not force and self.is_current(sources):  # another process built it while we waited
                folder = self.current_generation()
                try:
                    return self.load(folder)
                except IndexError_:
                    pass
            return self._build_locked(sources, progress)
        finally:
            lock.release()

    def _build_locked(self, sources: list[Source], progress: bool) -> LoadedIndex:
        started = time.perf_counter()
        chunks = chunk_corpus(sources, self.settings.min_chunk_chars)
        reuse = self._reusable()
        keys = [_text_key(self.settings.model_id, c.context) for c in chunks]
        todo = [i for i, key in enumerate(keys) if key not in reuse]
        vectors = np.zeros((len(chunks), 384), dtype=np.float32)
        for i, key in enumerate(keys):
            if key in reuse:
                vectors[i] = reuse[key]
        if todo:
            fresh = self.embedder.encode([chunks[i].context for i in todo], progress=progress)
            vectors = (
                vectors if fresh.shape[1] == vectors.shape[1] else np.zeros((len(chunks), fresh.shape[1]))
            )
            vectors[todo] = fresh
        generation = time.strftime("gen-%Y%m%d-%H%M%S-") + uuid.uuid4().hex[:6]
        staging = self.root / f".staging-{generation}"
        final = self.root / generation
        try:
            staging.mkdir(parents=True)
            client = chroma_client(self.settings, staging)
            collection = client.create_collection(
                collection_name(self.settings, generation),
                configuration={"hnsw": {"space": "cosine"}},
                embedding_function=None,
                metadata={"fingerprint": expected_fingerprint(sources, self.settings)[:32]},
            )
            step = 2000
            for a in range(0, len(chunks), step):
                part = chunks[a : a + step]
                collection.add(
                    ids=[c.id for c in part],
                    embeddings=vectors[a : a + step],
                    documents=[c.text for c in part],
                    metadatas=[
                        {**c.metadata(), "doi": next(s.doi for s in sources if s.id == c.source_id) or ""}
                        for c in part
                    ],
                )
            (staging / "chunks.json").write_text(json.dumps([asdict(c) for c in chunks], ensure_ascii=False))
            (staging / "sources.json").write_text(
                json.dumps({s.id: s.metadata() for s in sources}, ensure_ascii=False, indent=1)
            )
            np.save(staging / "embeddings.npy", vectors)
            manifest = Manifest(
                fingerprint=expected_fingerprint(sources, self.settings),
                model_id=self.settings.model_id,
                chunker_version=self.settings.chunker_version,
                n_chunks=len(chunks),
                built_at=time.time(),
                generation=generation,
                seconds=round(time.perf_counter() - started, 3),
                embedded=len(todo),
            )
            (staging / MANIFEST).write_text(json.dumps(asdict(manifest), indent=1))
            del collection, client
            os.replace(staging, final)
            tmp_pointer = self.root / f".{POINTER}.{uuid.uuid4().hex[:6]}"
            tmp_pointer.write_text(generation)
            os.replace(tmp_pointer, self.root / POINTER)
        except Exception as exc:
            shutil.rmtree(staging, ignore_errors=True)
            if isinstance(exc, IndexError_):
                raise
            raise IndexError_(f"index build failed: {exc.__class__.__name__}: {exc}") from exc
        self._prune(keep={generation})
        log.info(
            "built index %s: %d chunks (%d embedded) in %.1fs",
            generation,
            len(chunks),
            len(todo),
            manifest.seconds,
        )
        return self.load(final)

    def _prune(self, keep: set[str]) -> None:
        """Remove staging leftovers and all but the newest two generations (a reader may still use the older)."""
        gens = sorted((p for p in self.root.glob("gen-*") if p.is_dir()), key=lambda p: p.name)
        keep = keep | {p.name for p in gens[-2:]}
        for path in list(self.root.glob(".staging-*")) + gens:
            if path.name not in keep:
                shutil.rmtree(path, ignore_errors=True)
