"""Scale curve: grow the corpus to 1k, 10k and 100k chunks; ask() latency, serving memory and build throughput.

Run `python -m benchmarks.scale [--sizes 1000,10000,100000] [--questions 60] [--rebuild]`.

The synthetic corpus recombines the real texts under new source ids: source copy j is a real study or background
source (its metadata, a new id, short name and title) plus one prose part borrowed from another real source. The
real nine sources stay in. Each size has its own corpus and index under benchmarks/results/scale/<size>/ (kept
between runs, so a second run only re-measures the serving side; `--rebuild` builds again).

Vectors: at 1k every chunk is embedded for real (sentence-transformers), which gives the build throughput. At 10k
and 100k each chunk gets the real vector of the identical passage in the real corpus plus small noise (the passage
text is the same, only the source prefix differs), so the build there measures chunking and Chroma, not the model.
Then the incremental case: one more study added to the 10k index is embedded for real while every other chunk is
reused, and the build reports how many chunks it embedded.

The serving side runs in a fresh process per size (`Engine` over that index, the real query embedder): start-up
time, memory (VmRSS, VmHWM) and `ask()` latency over the eval questions. Prints a table and writes
benchmarks/results/scale.json. Target: `ask()` median at 100k chunks <= 3x the median at 1k.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import statistics
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import numpy as np
import yaml

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
WORK = RESULTS / "scale"
QUESTIONS = ROOT / "eval" / "questions.jsonl"
GENERATOR_VERSION = "1"
NOISE = 0.02  # std of the per-dimension noise added to a reused unit vector before renormalizing
TARGET_RATIO = 3.0


# ---------------------------------------------------------------- synthetic corpus
def _split(raw: str) -> tuple[dict, str]:
    end = raw.find("\n---\n", 4)
    return yaml.safe_load(raw[4:end]), raw[end + len("\n---\n") :]


def _prose_parts(body: str) -> list[str]:
    """The body's '## Name' parts that are prose (not tables, titles or references), each with its marker."""
    parts, current = [], []
    for line in body.split("\n"):
        if line.startswith("## "):
            if current:
                parts.append("\n".join(current))
            current = [line]
        elif current:
            current.append(line)
    if current:
        parts.append("\n".join(current))
    return [
        p
        for p in parts
        if "| table" not in p.split("\n", 1)[0] and p.split("\n", 1)[0][3:] not in ("Title", "References")
    ]


def generate_corpus(target_chunks: int, folder: Path) -> dict:
    """Write the real sources plus recombined copies until the corpus chunks to at least `target_chunks`."""
    from qa.chunking import chunk_source
    from qa.corpus import load_corpus, load_source

    stamp = folder / ".generated.json"
    if stamp.exists():
        info = json.loads(stamp.read_text())
        if info.get("version") == GENERATOR_VERSION and info.get("target") == target_chunks:
            return info
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.md"):
        old.unlink()
    real = load_corpus(ROOT / "corpus")
    total = 0
    for source in real:
        (folder / source.path.name).write_text(source.path.read_text())
        total += len(chunk_source(source))
    donors = [s for s in real if s.kind != "report"]
    raw = {s.id: _split(s.path.read_text()) for s in donors}
    prose = {s.id: _prose_parts(raw[s.id][1]) for s in donors}
    counts: dict[tuple[str, str, str], int] = {}
    j = 0
    while total < target_chunks:
        base = donors[j % len(donors)]
        donor = donors[(j * 7 + 3) % len(donors)]
        part = prose[donor.id][(j // len(donors)) % len(prose[donor.id])] if prose[donor.id] else ""
        meta, body = raw[base.id]
        new_id = f"{base.id}-x{j:06d}"
        meta = {
            **meta,
            "id": new_id,
            "short_name": f"{meta['short_name']} / copy {j}",
            "title": f"{meta['title']} (recombined copy {j})",
        }
        path = folder / f"{new_id}.md"
        path.write_text(
            "---\n"
            + yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=10_000)
            + "---\n"
            + body.rstrip("\n")
            + ("\n\n" + part.strip("\n") + "\n" if part else "\n")
        )
        key = (base.id, donor.id, part[:40])
        if key not in counts:
            counts[key] = len(chunk_source(load_source(path)))
        total += counts[key]
        j += 1
    info = {"version": GENERATOR_VERSION, "target": target_chunks, "chunks": total, "sources": len(real) + j}
    stamp.write_text(json.dumps(info))
    return info


# ---------------------------------------------------------------- vectors
def real_vectors() -> dict[str, np.ndarray]:
    """Real (sentence-transformers) vectors of every real chunk, keyed by its normalized passage text; cached."""
    from qa.chunking import chunk_corpus
    from qa.corpus import load_corpus
    from qa.embedding import MiniLMEmbeddings

    chunks = chunk_corpus(load_corpus(ROOT / "corpus"))
    digest = hashlib.sha256("\n".join(c.context for c in chunks).encode()).hexdigest()[:16]
    cache = RESULTS / f"real-vectors-{digest}.npz"
    if cache.exists():
        data = np.load(cache)
        vectors = data["vectors"]
    else:
        vectors = MiniLMEmbeddings(backend="torch").encode_reference([c.context for c in chunks])
        RESULTS.mkdir(parents=True, exist_ok=True)
        np.savez(cache, vectors=vectors)
    return {" ".join(c.text.split()): v for c, v in zip(chunks, vectors, strict=True)}


class SyntheticEmbedder:
    """Vectors for recombined chunks: the real vector of the same passage plus small noise, renormalized.

    With `real = True` it embeds for real instead (for the incremental case). `calls` counts embedded texts.
    """

    def __init__(self, passages: dict[str, np.ndarray]) -> None:
        self.passages = passages
        self.tails = {text[-160:]: v for text, v in passages.items()}
        self.real = False
        self.calls = 0
        self._model = None

    def encode(self, texts: list[str], *, progress: bool = False) -> np.ndarray:
        self.calls += len(texts)
        if self.real:
            from qa.embedding import MiniLMEmbeddings

            self._model = self._model or MiniLMEmbeddings(backend="torch")
            return self._model.encode_reference(list(texts))
        out = np.empty((len(texts), 384), dtype=np.float32)
        for i, text in enumerate(texts):
            seed = int(hashlib.sha256(text.encode()).hexdigest()[:12], 16)
            rng = np.random.default_rng(seed)
            base = self.tails.get(" ".join(text.split())[-160:])
            if base is None:
                base = rng.standard_normal(384).astype(np.float32)
            vector = base / np.linalg.norm(base) + rng.standard_normal(384).astype(np.float32) * NOISE
            out[i] = vector / np.linalg.norm(vector)
        return out


# ---------------------------------------------------------------- building
def build(size: int, folder: Path, passages, rebuild: bool) -> dict:
    """Build (or reuse) the index for one size; returns build figures."""
    from qa.embedding import MiniLMEmbeddings
    from qa.index import IndexStore
    from qa.settings import Settings

    corpus = folder / "corpus"
    info = generate_corpus(size, corpus)
    settings = replace(Settings(), corpus_dir=corpus, index_dir=folder / "index")
    real = size <= 1000
    embedder = MiniLMEmbeddings() if real else SyntheticEmbedder(passages)
    store = IndexStore(settings, embedder)
    figures_file = folder / "build.json"
    from qa.corpus import load_corpus

    sources = load_corpus(corpus)
    if not rebuild and store.is_current(sources) and figures_file.exists():
        figures = json.loads(figures_file.read_text())
        figures["cached"] = True
        return figures
    import shutil

    shutil.rmtree(folder / "index", ignore_errors=True)  # from scratch: nothing reused, every chunk embedded
    if real:
        MiniLMEmbeddings().encode_reference(["warm-up"])  # the model load is not build throughput
    started = time.perf_counter()
    loaded = store.build(sources, force=True)
    wall = time.perf_counter() - started
    m = loaded.manifest
    figures = {
        "size": size,
        "chunks": m.n_chunks,
        "sources": info["sources"],
        "vectors": "real (sentence-transformers)" if real else "reused real vectors + noise",
        "embedded": m.embedded,
        "build_s": round(m.seconds, 2),
        "wall_s": round(wall, 2),  # includes, at 1k, checking the ONNX query model on every new chunk
        "chunks_per_s": round(m.n_chunks / m.seconds, 1),
        "chunks_per_s_wall": round(m.n_chunks / wall, 1),
        "cached": False,
    }
    figures_file.write_text(json.dumps(figures, indent=1))
    return figures


def add_one_study(folder: Path, passages) -> dict:
    """Add one recombined study to an index built with SyntheticEmbedder; the new chunks are embedded for real."""
    from qa.corpus import load_corpus
    from qa.index import IndexStore
    from qa.settings import Settings

    corpus = folder / "corpus"
    settings = replace(Settings(), corpus_dir=corpus, index_dir=folder / "index")
    embedder = SyntheticEmbedder(passages)
    store = IndexStore(settings, embedder)
    before = store.open().manifest
    template = corpus / "sato2017.md"
    meta, body = _split(template.read_text())
    meta = {
        **meta,
        "id": "added-study",
        "short_name": "Added 2026",
        "title": f"{meta['title']} (added study)",
    }
    new = corpus / "added-study.md"
    new.write_text("---\n" + yaml.safe_dump(meta, sort_keys=False, width=10_000) + "---\n" + body)
    try:
        embedder.real = True
        embedder.encode(["warm-up"])
        embedder.calls = 0
        started = time.perf_counter()
        after = store.build(load_corpus(corpus), force=False).manifest
        wall = time.perf_counter() - started
    finally:
        new.unlink()
    from qa.chunking import chunk_corpus
    from qa.corpus import load_source

    study_chunks = len(chunk_corpus([load_source(template)]))
    store.build(load_corpus(corpus), force=False)  # back to the plain 10k corpus (reusing every vector)
    return {
        "index_chunks_before": before.n_chunks,
        "index_chunks_after": after.n_chunks,
        "study_chunks": study_chunks,
        "embedded": after.embedded,
        "embedder_calls": embedder.calls,
        "build_s": round(after.seconds, 2),
        "wall_s": round(wall, 2),
    }


# ---------------------------------------------------------------- serving
def serve(folder: Path, n_questions: int) -> dict:
    """In this (fresh) process: load the engine over one size's index and time ask() on the eval questions."""
    from qa.service import Engine
    from qa.settings import Settings

    def memory() -> dict:
        values = {}
        for line in Path("/proc/self/status").read_text().splitlines():
            key, _, rest = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                values[key] = round(int(rest.split()[0]) / 1024, 1)
        return values

    from qa.corpus import load_corpus
    from qa.index import IndexStore

    settings = replace(Settings(), corpus_dir=folder / "corpus", index_dir=folder / "index")
    if not IndexStore(settings, SyntheticEmbedder({})).is_current(load_corpus(settings.corpus_dir)):
        # the engine would rebuild it with the real model (hours at 100k): build it first with this benchmark
        raise SystemExit(f"the index in {folder} is stale (chunker or corpus changed): run without --serve")
    started = time.perf_counter()
    engine = Engine(settings)
    startup = time.perf_counter() - started
    loaded_memory = memory()
    questions = [json.loads(line)["question"] for line in QUESTIONS.read_text().splitlines() if line.strip()]
    for question in questions[:5]:
        engine.ask(question)
    times = []
    for question in questions[:n_questions]:
        t0 = time.perf_counter()
        engine.ask(question)
        times.append(time.perf_counter() - t0)
    times.sort()
    return {
        "chunks": len(engine.index.chunks),
        "embedder": engine.embedder.backend if hasattr(engine.embedder, "backend") else "?",
        "startup_s": round(startup, 2),
        "questions": len(times),
        "ask_median_ms": round(statistics.median(times) * 1000, 1),
        "ask_p95_ms": round(times[min(len(times) - 1, round(0.95 * (len(times) - 1)))] * 1000, 1),
        "ask_max_ms": round(times[-1] * 1000, 1),
        "memory_loaded_mib": loaded_memory,
        "memory_after_mib": memory(),
    }


def serve_in_subprocess(folder: Path, n_questions: int) -> dict:
    run = subprocess.run(
        [sys.executable, "-m", "benchmarks.scale", "--serve", str(folder), "--questions", str(n_questions)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=3600,
    )
    if run.returncode != 0:
        raise RuntimeError(f"serving process failed:\n{run.stderr[-3000:]}")
    return json.loads(run.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--questions", type=int, default=60, help="timed ask() calls per size")
    parser.add_argument("--rebuild", action="store_true", help="build the indexes again (else reuse them)")
    parser.add_argument("--skip-incremental", action="store_true")
    parser.add_argument("--serve", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.serve:
        print(json.dumps(serve(Path(args.serve), args.questions)))
        return 0

    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    passages = real_vectors()
    report: dict = {"sizes": {}, "machine": {"cpus": os.cpu_count()}}
    for size in sizes:
        folder = WORK / str(size)
        print(f"[{size}] building ...", flush=True)
        built = build(size, folder, passages, args.rebuild)
        print(f"[{size}] {json.dumps(built)}", flush=True)
        load = os.getloadavg()[0]
        served = serve_in_subprocess(folder, args.questions)
        served["load_1min"] = round(load, 2)
        print(f"[{size}] {json.dumps(served)}", flush=True)
        report["sizes"][size] = {"build": built, "serve": served}
        if size == 10000 and not args.skip_incremental:
            print(f"[{size}] adding one study ...", flush=True)
            report["add_one_study_at_10k"] = add_one_study(folder, passages)
            print(f"[{size}] {json.dumps(report['add_one_study_at_10k'])}", flush=True)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "scale.json").write_text(json.dumps(report, indent=1))

    print()
    print(
        f"{'chunks':>8} {'sources':>8} {'ask p50':>9} {'ask p95':>9} {'RSS MiB':>8} {'peak MiB':>8} "
        f"{'start s':>8} {'build s':>8} {'chunks/s':>9}  vectors"
    )
    for row in report["sizes"].values():
        b, s = row["build"], row["serve"]
        print(
            f"{s['chunks']:>8} {b['sources']:>8} {s['ask_median_ms']:>7.0f}ms {s['ask_p95_ms']:>7.0f}ms "
            f"{s['memory_after_mib'].get('VmRSS', 0):>8.0f} {s['memory_after_mib'].get('VmHWM', 0):>8.0f} "
            f"{s['startup_s']:>8.1f} {b['build_s']:>8.1f} {b['chunks_per_s']:>9.1f}  {b['vectors']}"
            + (" (cached build)" if b.get("cached") else "")
        )
    if "add_one_study_at_10k" in report:
        a = report["add_one_study_at_10k"]
        print(
            f"add one study at {a['index_chunks_before']} chunks: {a['embedded']} chunks embedded "
            f"(the study has {a['study_chunks']}), rebuild {a['build_s']:.1f} s"
        )
    small, large = min(report["sizes"]), max(report["sizes"])
    if small != large:
        ratio = (
            report["sizes"][large]["serve"]["ask_median_ms"]
            / report["sizes"][small]["serve"]["ask_median_ms"]
        )
        report["ratio"] = round(ratio, 2)
        (RESULTS / "scale.json").write_text(json.dumps(report, indent=1))
        verdict = "met" if ratio <= TARGET_RATIO else "NOT met"
        print(
            f"ask() median at {large} / at {small}: {ratio:.2f}x (target <= {TARGET_RATIO:.0f}x: {verdict})"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
