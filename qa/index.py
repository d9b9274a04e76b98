"""Index stage: embed the chunks into Chroma (cosine), with a manifest that makes a stale index rebuild itself.

Builds go into a fresh generation folder that is switched live by one atomic rename of a pointer file, under a
file lock, so an interrupted or failed build never leaves a half-built index in use, and two builders take turns.
The vectors live in an embedded Chroma store inside the generation folder, or, with `QA_CHROMA_URL`, in one
collection per generation on a Chroma server; either way the folder keeps the manifest, chunks, embeddings and
source metadata (what BM25 and the answers need), so both rankers always read the same generation.
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
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any

import numpy as np
from filelock import FileLock, Timeout

from .chunking import Chunk, chunk_corpus
from .corpus import Source, corpus_fingerprint, load_corpus
from .embedding import MiniLMEmbeddings
from .settings import Settings

log = logging.getLogger(__name__)

# HNSW search breadth: at ef 100 (Chroma's default) a top-80 dense query misses a few true neighbours, and which
# ones depends on how the graph happened to be built, so two builds (or embedded vs server) could rank differently.
# At 200 the dense candidates are the exact nearest neighbours on this corpus, and the same on every build.
HNSW = {"space": "cosine", "ef_construction": 200, "ef_search": 200}
INDEX_FORMAT = (
    "2"  # part of the fingerprint: bump when what a build stores changes (it rebuilds, reusing vectors)
)
POINTER = "CURRENT"
MANIFEST = "manifest.json"
EMBEDDED = "embedded"


class IndexError_(RuntimeError):
    """The index cannot be built or opened (unwritable folder, Chroma failure); the message says why."""


class ChromaUnavailable(IndexError_):
    """The Chroma server cannot be reached: the index is not damaged, so nothing is rebuilt."""


class IndexReadOnly(IndexError_):
    """The embedded Chroma store cannot be opened because its folder is read-only (not damage: no rebuild)."""


def _read_only(exc: BaseException) -> bool:
    text = str(exc).lower()
    return "readonly database" in text or "read-only file system" in text


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
    store: str = EMBEDDED  # "embedded", or the URL of the Chroma server that holds the collection
    collection: str = ""  # the Chroma collection of this generation
    embeddings_sha256: str = ""  # of embeddings.npy: only intact vectors are reused by the next build
    embedder: str = "sentence-transformers"  # what computed the vectors (reused only by the same embedder)


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
    key = (
        f"{corpus_fingerprint(sources)}|{settings.model_id}|{settings.chunker_version}|{settings.min_chunk_chars}"
        f"|{INDEX_FORMAT}"
    )
    return hashlib.sha256(key.encode()).hexdigest()


def store_id(settings: Settings) -> str:
    """Where the vectors live: "embedded" or the normalized Chroma server URL."""
    return settings.chroma_url.rstrip("/") if settings.chroma_url else EMBEDDED


def embedder_id(embedder: Any) -> str:
    """Names what computes the index's vectors: the reference model, or any other (test) embedder by class."""
    if isinstance(embedder, MiniLMEmbeddings):
        return "sentence-transformers"
    return f"{type(embedder).__module__}.{type(embedder).__qualname__}"


def _store_kind(store: str) -> str:
    """ "embedded" or "server": an index built on a server serves through any URL that reaches a server holding
    its collection (load() checks that), so app processes may name the same server differently."""
    return EMBEDDED if store == EMBEDDED else "server"


def _text_key(model_id: str, text: str) -> str:
    return hashlib.sha256(f"{model_id}\n{text}".encode()).hexdigest()


def _unreachable(exc: BaseException) -> bool:
    """True for errors that mean "no Chroma server there" rather than "the index is damaged"."""
    if isinstance(exc, ValueError) and "could not connect" in str(exc).lower():
        return True
    try:
        import httpx
    except ImportError:  # pragma: no cover
        return False
    return isinstance(exc, httpx.TransportError | ConnectionError)


def chroma_client(settings: Settings, folder: Path):
    """A Chroma client: the server named by `chroma_url`, else an embedded persistent store in `folder`."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
    if settings.chroma_url:
        from urllib.parse import urlparse

        url = urlparse(settings.chroma_url)
        if url.scheme not in ("http", "https") or not url.hostname:
            raise IndexError_(f"QA_CHROMA_URL must look like http://host:port (got {settings.chroma_url!r})")
        try:
            return chromadb.HttpClient(
                host=url.hostname,
                port=url.port or (443 if url.scheme == "https" else 8000),
                ssl=url.scheme == "https",
                settings=chroma_settings,
            )
        except Exception as exc:
            if _unreachable(exc):
                raise ChromaUnavailable(
                    f"cannot reach the Chroma server at {settings.chroma_url}: is `chroma run` running there?"
                ) from exc
            raise
    return chromadb.PersistentClient(path=str(folder / "chroma"), settings=chroma_settings)


def _close(client: Any) -> None:
    """Release a Chroma client (stops an embedded store, so its files are complete before a rename)."""
    close = getattr(client, "close", None)
    if close is not None:
        try:
            close()
        except Exception as exc:  # pragma: no cover - closing is best effort
            log.debug("closing the Chroma client failed: %s", exc)


def collection_name(settings: Settings, generation: str) -> str:
    """One collection per generation, so a server can hold the live one while the next is built."""
    return f"{settings.collection}-{generation}"[:63]


def _write_atomic(path: Path, text: str) -> None:
    """Write a small file so that readers see the old or the new content, never a part (fsynced, then renamed)."""
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}")
    with open(tmp, "w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)


def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


class IndexStore:
    """Owns `settings.index_dir`: finds the live generation, checks it, builds and swaps in new ones."""

    def __init__(self, settings: Settings, embeddings: MiniLMEmbeddings | None = None) -> None:
        self.settings = settings
        self.root = Path(settings.index_dir)
        self.embedder = embeddings or MiniLMEmbeddings()
        self._damaged: set[str] = set()  # generations found damaged: not kept as "previous" by the next prune

    # ---- reading
    def current_generation(self) -> Path | None:
        """The live generation folder, or None when there is none yet."""
        pointer = self.root / POINTER
        try:
            name = pointer.read_text().strip()
        except (FileNotFoundError, NotADirectoryError):
            return None
        except OSError as exc:
            raise IndexError_(f"cannot read {pointer}: {exc.strerror or exc}") from exc
        folder = self.root / name
        return folder if name and "/" not in name and folder.is_dir() else None

    def read_manifest(self, folder: Path) -> Manifest | None:
        """The manifest of a generation, or None when it is missing or unreadable."""
        try:
            data = json.loads((folder / MANIFEST).read_text())
            known = {f.name for f in fields(Manifest)}
            return Manifest(**{k: v for k, v in data.items() if k in known})
        except (OSError, ValueError, TypeError, AttributeError):
            return None

    def is_current(self, sources: list[Source]) -> bool:
        """True when the live index matches this corpus, model, chunker and vector store."""
        folder = self.current_generation()
        manifest = folder and self.read_manifest(folder)
        return (
            bool(manifest)
            and manifest.fingerprint == expected_fingerprint(sources, self.settings)
            and _store_kind(manifest.store) == _store_kind(store_id(self.settings))
        )

    def load(self, folder: Path) -> LoadedIndex:
        """Open one generation and check it is whole; raises `IndexError_` when it is not.

        Checks: manifest, chunks, sources and embeddings readable and of one length; the Chroma collection there,
        holding as many vectors, answering a lookup of the first and last chunk and a nearest-neighbour query.
        `ChromaUnavailable` (a subclass) means the server could not be reached, not that the index is damaged.
        """
        manifest = self.read_manifest(folder)
        if manifest is None:
            raise IndexError_(f"index at {folder} is damaged: no readable manifest")
        try:
            chunks = [Chunk(**c) for c in json.loads((folder / "chunks.json").read_text())]
            sources = json.loads((folder / "sources.json").read_text())
            embeddings = np.asarray(np.load(folder / "embeddings.npy", mmap_mode="r"))
        except Exception as exc:  # missing or truncated files
            raise IndexError_(f"index at {folder} is damaged: {exc.__class__.__name__}: {exc}") from exc
        name = manifest.collection or collection_name(self.settings, manifest.generation)
        database = folder / "chroma" / "chroma.sqlite3"
        if manifest.store == EMBEDDED and not (database.is_file() and database.stat().st_size > 0):
            # Chroma would quietly create an empty store here; a missing database is damage
            raise IndexError_(f"index at {folder} is damaged: {database.name} is missing or empty")
        client = None
        try:
            client = chroma_client(self.settings, folder)
            collection = client.get_collection(name)
            count = collection.count()
            if chunks and count == len(chunks):
                ends = {chunks[0].id, chunks[-1].id}
                found = set(collection.get(ids=sorted(ends), include=[])["ids"])
                near = collection.query(query_embeddings=[embeddings[0]], n_results=1, include=[])["ids"][0]
                ids = {c.id for c in chunks}
                if found != ends or not near or near[0] not in ids:
                    raise IndexError_(f"index at {folder} is damaged: its Chroma collection does not match")
        except IndexError_:
            _close(client)
            raise
        except Exception as exc:  # any damage to the database, or a missing collection
            _close(client)
            if _unreachable(exc):
                raise ChromaUnavailable(
                    f"cannot reach the Chroma server at {self.settings.chroma_url}: {exc}"
                ) from exc
            if _read_only(exc):
                raise IndexReadOnly(
                    f"the embedded Chroma store in {folder} needs write access even to read ({exc}); make the "
                    "index folder writable, or serve a read-only index folder from a Chroma server (QA_CHROMA_URL)"
                ) from exc
            raise IndexError_(f"index at {folder} is damaged: {exc.__class__.__name__}: {exc}") from exc
        if not (len(chunks) == manifest.n_chunks == count == len(embeddings)):
            _close(client)
            raise IndexError_(
                f"index at {folder} is damaged: {len(chunks)} chunks, {count} in Chroma, "
                f"{len(embeddings)} embeddings, manifest says {manifest.n_chunks}"
            )
        return LoadedIndex(manifest, chunks, embeddings, sources, collection, folder)

    def open(self, *, rebuild: bool = False, progress: bool = False) -> LoadedIndex:
        """The live index, built first when missing, stale, damaged or when `rebuild` is asked.

        A damaged index is reported on stderr and rebuilt; an unreachable Chroma server raises `ChromaUnavailable`.
        """
        sources = load_corpus(self.settings.corpus_dir)
        if not rebuild:
            folder = self.current_generation()
            if folder and self.is_current(sources):
                try:
                    index = self.load(folder)
                except (ChromaUnavailable, IndexReadOnly):
                    raise
                except IndexError_ as exc:
                    self._damaged.add(folder.name)
                    log.info("%s; rebuilding", exc)
                    print(f"qa: {exc}; rebuilding the index", file=sys.stderr)
                    index = self.build(sources, progress=progress, force=False)
                    print(
                        f"qa: index rebuilt: {index.manifest.n_chunks} chunks at {index.path}",
                        file=sys.stderr,
                    )
                    return index
                self._ensure_onnx(index)
                return index
        return self.build(sources, progress=progress, force=rebuild)

    def _ensure_onnx(self, index: LoadedIndex) -> None:
        """Export and verify the ONNX query model once for an index built before exports existed."""
        embedder = self.embedder
        if not hasattr(embedder, "prepare_onnx") or embedder.backend_setting == "torch":
            return
        if index.manifest.embedder != embedder_id(embedder):  # vectors from another embedder prove nothing
            return
        if embedder.export_record() is not None:
            return
        print("qa: exporting the embedding model to ONNX for fast queries (once)", file=sys.stderr)
        status = embedder.prepare_onnx([c.context for c in index.chunks], np.asarray(index.embeddings))
        log.info("%s", status)

    # ---- building
    def _lock(self) -> FileLock:
        if self.root.exists() and not self.root.is_dir():
            raise IndexError_(
                f"cannot use {self.root} as the index folder: it is a file; set QA_INDEX_DIR to a folder"
            )
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            probe = self.root / f".write-test-{os.getpid()}-{uuid.uuid4().hex[:6]}"
            probe.write_text("ok")
            probe.unlink()
        except OSError as exc:
            raise IndexError_(
                f"cannot write the index folder {self.root}: {exc.strerror or exc}; "
                "set QA_INDEX_DIR to a writable folder"
            ) from exc
        return FileLock(str(self.root / ".lock"))

    def _acquire(self, lock: FileLock) -> None:
        try:
            lock.acquire(timeout=0)
            return
        except Timeout:
            print("qa: another process is building the index; waiting for it to finish", file=sys.stderr)
        try:
            lock.acquire(timeout=self.settings.lock_timeout)
        except Timeout as exc:
            raise IndexError_(
                f"another process has held the index lock for {self.settings.lock_timeout:.0f}s ({self.root})"
            ) from exc

    def _reusable(self) -> dict[str, np.ndarray]:
        """Embeddings of the live generation keyed by indexed text, so unchanged chunks are not re-embedded."""
        folder = self.current_generation()
        manifest = folder and self.read_manifest(folder)
        if (
            not manifest
            or manifest.model_id != self.settings.model_id
            or manifest.embedder != embedder_id(self.embedder)
        ):
            return {}
        try:
            chunks = json.loads((folder / "chunks.json").read_text())
            if (
                manifest.embeddings_sha256
                and _file_sha256(folder / "embeddings.npy") != manifest.embeddings_sha256
            ):
                log.warning(
                    "embeddings of %s do not match their checksum: embedding everything again", folder
                )
                return {}
            vectors = np.load(folder / "embeddings.npy", mmap_mode="r")
        except (OSError, ValueError, TypeError):
            return {}
        if len(chunks) != len(vectors):
            return {}
        return {_text_key(manifest.model_id, c["context"]): v for c, v in zip(chunks, vectors, strict=True)}

    def build(
        self, sources: list[Source] | None = None, *, progress: bool = False, force: bool = True
    ) -> LoadedIndex:
        """Chunk, embed and store the corpus in a new generation, then switch it live atomically.

        Holds the index folder's file lock throughout: a second builder waits, then (unless `force`) finds the
        index current and returns it instead of building it again.
        """
        sources = sources if sources is not None else load_corpus(self.settings.corpus_dir)
        lock = self._lock()
        self._acquire(lock)
        try:
            if not force and self.is_current(sources):  # another process built it while we waited
                folder = self.current_generation()
                try:
                    return self.load(folder)
                except (ChromaUnavailable, IndexReadOnly):
                    raise
                except IndexError_:
                    pass
            return self._build_locked(sources, progress)
        finally:
            lock.release()

    def _embed(self, texts: list[str], progress: bool) -> np.ndarray:
        """Reference (sentence-transformers) vectors for the index, whatever backend answers queries."""
        encode = getattr(self.embedder, "encode_reference", None) or self.embedder.encode
        return np.asarray(encode(texts, progress=progress), dtype=np.float32)

    def _build_locked(self, sources: list[Source], progress: bool) -> LoadedIndex:
        started = time.perf_counter()
        chunks = chunk_corpus(sources, self.settings.min_chunk_chars)
        previous = self.current_generation()
        reuse = self._reusable()
        keys = [_text_key(self.settings.model_id, c.context) for c in chunks]
        todo = [i for i, key in enumerate(keys) if key not in reuse]
        dim = next((len(v) for v in reuse.values()), 384)
        vectors = np.zeros((len(chunks), dim), dtype=np.float32)
        for i, key in enumerate(keys):
            if key in reuse:
                vectors[i] = reuse[key]
        del reuse
        if todo:
            fresh = self._embed([chunks[i].context for i in todo], progress)
            if fresh.shape[1] != vectors.shape[1]:
                vectors = np.zeros((len(chunks), fresh.shape[1]), dtype=np.float32)
                todo = list(range(len(chunks)))
                fresh = self._embed([c.context for c in chunks], progress)
            vectors[todo] = fresh
        generation = time.strftime("gen-%Y%m%d-%H%M%S-") + uuid.uuid4().hex[:6]
        staging = self.root / f".staging-{generation}"
        final = self.root / generation
        name = collection_name(self.settings, generation)
        fingerprint = expected_fingerprint(sources, self.settings)
        client = None
        try:
            staging.mkdir(parents=True)
            (staging / "chunks.json").write_text(json.dumps([asdict(c) for c in chunks], ensure_ascii=False))
            (staging / "sources.json").write_text(
                json.dumps({s.id: s.metadata() for s in sources}, ensure_ascii=False, indent=1)
            )
            np.save(staging / "embeddings.npy", vectors)
            checksum = _file_sha256(staging / "embeddings.npy")
            client = chroma_client(self.settings, staging)
            collection = client.create_collection(
                name,
                configuration={"hnsw": dict(HNSW)},
                embedding_function=None,
                metadata={"fingerprint": fingerprint[:32], "generation": generation},
            )
            doi = {s.id: s.doi or "" for s in sources}
            step = max(1, min(2000, int(getattr(client, "get_max_batch_size", lambda: 2000)())))
            for a in range(0, len(chunks), step):
                part = chunks[a : a + step]
                collection.add(
                    ids=[c.id for c in part],
                    embeddings=vectors[a : a + step],
                    documents=[c.text for c in part],
                    metadatas=[{**c.metadata(), "doi": doi[c.source_id]} for c in part],
                )
            stored = collection.count()
            if stored != len(chunks):
                raise IndexError_(f"index build failed: Chroma holds {stored} of {len(chunks)} vectors")
            manifest = Manifest(
                fingerprint=fingerprint,
                model_id=self.settings.model_id,
                chunker_version=self.settings.chunker_version,
                n_chunks=len(chunks),
                built_at=time.time(),
                generation=generation,
                seconds=round(time.perf_counter() - started, 3),
                embedded=len(todo),
                store=store_id(self.settings),
                collection=name,
                embeddings_sha256=checksum,
                embedder=embedder_id(self.embedder),
            )
            _write_atomic(staging / MANIFEST, json.dumps(asdict(manifest), indent=1))
            del collection
            _close(client)  # an embedded store is flushed and closed before its folder is renamed
            client = None
            os.replace(staging, final)
            _write_atomic(self.root / POINTER, generation)
            _fsync_dir(self.root)
        except BaseException as exc:
            if client is not None:
                _close(client)
            shutil.rmtree(staging, ignore_errors=True)
            self._drop_collections([name])
            if isinstance(exc, IndexError_ | KeyboardInterrupt | SystemExit):
                raise
            if _unreachable(exc):
                raise ChromaUnavailable(
                    f"index build failed: lost the Chroma server at {self.settings.chroma_url}: {exc}"
                ) from exc
            raise IndexError_(f"index build failed: {exc.__class__.__name__}: {exc}") from exc
        kept = previous.name if previous and previous.name not in self._damaged else generation
        self._prune(keep={generation, kept})
        log.info(
            "built index %s: %d chunks (%d embedded) in %.1fs",
            generation,
            len(chunks),
            len(todo),
            manifest.seconds,
        )
        prepare = getattr(self.embedder, "prepare_onnx", None)
        if prepare is not None and len(chunks):
            log.info("%s", prepare([c.context for c in chunks], vectors, fresh=todo))
        return self.load(final)

    def _drop_collections(self, names: list[str]) -> None:
        """Delete generations' collections on the Chroma server (embedded stores go with their folders)."""
        if not self.settings.chroma_url or not names:
            return
        try:
            client = chroma_client(self.settings, self.root)
        except Exception as exc:  # the server is away: nothing can be cleaned now
            log.debug("could not reach Chroma to delete %s: %s", names, exc)
            return
        for name in names:
            try:
                client.delete_collection(name)
            except Exception as exc:  # already gone
                log.debug("could not delete collection %s: %s", name, exc)
        _close(client)

    def _prune(self, keep: set[str]) -> None:
        """Remove staging leftovers and old generations, keeping `keep` (the new and the previously live one).

        In server mode the pruned generations' collections are deleted from the server too.
        """
        gens = [p for p in self.root.glob("gen-*") if p.is_dir()]
        doomed, names = [], []
        for path in list(self.root.glob(".staging-*")) + gens:
            generation = path.name.removeprefix(".staging-")
            if generation in keep:
                continue
            doomed.append(path)
            manifest = self.read_manifest(path)
            if manifest is None:  # a killed build: its collection (if any) is on the configured store
                names.append(collection_name(self.settings, generation))
            elif _store_kind(manifest.store) == _store_kind(store_id(self.settings)):
                names.append(manifest.collection or collection_name(self.settings, generation))
        self._drop_collections(names)
        for path in doomed:
            shutil.rmtree(path, ignore_errors=True)
