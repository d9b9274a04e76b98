"""`python -m benchmarks`: index build time (warm and cold) and ask() latency against the query-embedding time.

Figures are printed as a table and written to benchmarks/results/latest.json (git-ignored). Targets (from the
issues): a build of the corpus within 30 s; median ask() within 2x (issue 2) / 2.5x (issue 4) the time to embed
one query. `--check` exits 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "results" / "latest.json"
QUESTIONS = ROOT / "eval" / "questions.jsonl"
BUILD_TARGET_S = 30.0
RATIO_TARGETS = {"issue 2": 2.0, "issue 4": 2.5}
WARM_UP = 5

# A fresh interpreter: imports, model load (on first embedding) and a forced build into an empty folder.
_COLD = r"""
import json, sys, time
started = time.perf_counter()
from dataclasses import replace
from pathlib import Path
from qa.index import IndexStore
from qa.settings import Settings
imported = time.perf_counter()
index = IndexStore(replace(Settings.from_env(), index_dir=Path(sys.argv[1]))).open(rebuild=True)
done = time.perf_counter()
print(json.dumps({"import_s": imported - started, "build_s": done - imported, "total_s": done - started,
                  "chunks": index.manifest.n_chunks}))
"""


def _ms(seconds: float) -> float:
    return round(seconds * 1000, 2)


def _p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[18] if len(values) > 1 else values[0]


def bench_cold(env: dict[str, str]) -> dict:
    """Build in a new process: wall time including interpreter start, imports and model load."""
    with tempfile.TemporaryDirectory(prefix="qa-bench-cold-") as folder:
        started = time.perf_counter()
        result = subprocess.run(
            [sys.executable, "-c", _COLD, str(Path(folder) / "index")],
            env=env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        )
        wall = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"cold build failed:\n{result.stderr}")
    inner = json.loads(result.stdout.strip().splitlines()[-1])
    return {
        "wall_s": round(wall, 3),
        **{k: round(v, 3) if isinstance(v, float) else v for k, v in inner.items()},
    }


def bench_warm(settings) -> tuple[dict, Path]:
    """Forced build into a fresh folder with the model already loaded (the folder is kept for the ask runs)."""
    from qa.embedding import MiniLMEmbeddings
    from qa.index import IndexStore

    embedder = MiniLMEmbeddings()
    embedder.model.encode(["warm-up"])  # load the reference model (torch) before timing
    folder = Path(tempfile.mkdtemp(prefix="qa-bench-warm-"))
    store = IndexStore(replace(settings, index_dir=folder / "index"), embedder)
    started = time.perf_counter()
    index = store.build(force=True)
    wall = time.perf_counter() - started
    manifest = index.manifest
    figures = {
        "wall_s": round(wall, 3),
        "manifest_s": manifest.seconds,
        "chunks": manifest.n_chunks,
        "embedded": manifest.embedded,
    }
    return figures, folder


def bench_ask(settings, folder: Path, questions: list[str], repeat: int) -> dict:
    """Warm ask() latency and one-query embedding time, interleaved question by question."""
    from qa.service import Engine

    engine = Engine(replace(settings, index_dir=folder / "index"))
    for question in questions[:WARM_UP]:
        engine.ask(question)
        engine.embedder.encode([question])
    asks, embeds = [], []
    for _ in range(repeat):
        for question in questions:
            started = time.perf_counter()
            engine.embedder.encode([question])
            embeds.append(time.perf_counter() - started)
            started = time.perf_counter()
            engine.ask(question)
            asks.append(time.perf_counter() - started)
    median_ask, median_embed = statistics.median(asks), statistics.median(embeds)
    return {
        "questions": len(questions),
        "calls": len(asks),
        "backend": getattr(engine.embedder, "backend", "torch"),
        "ask_median_ms": _ms(median_ask),
        "ask_p95_ms": _ms(_p95(asks)),
        "ask_mean_ms": _ms(statistics.fmean(asks)),
        "embed_median_ms": _ms(median_embed),
        "embed_p95_ms": _ms(_p95(embeds)),
        "ratio_median_ask_to_embed": round(median_ask / median_embed, 3),
    }


def _table(results: dict) -> str:
    rows: list[tuple[str, str, str, str]] = []

    def status(ok: bool) -> str:
        return "ok" if ok else "MISSED"

    warm, cold, ask = results.get("build_warm"), results.get("build_cold"), results["ask"]
    if warm:
        rows.append(
            (
                f"index build, warm (model loaded, {warm['chunks']} chunks), s",
                f"{warm['wall_s']:.2f}",
                f"<= {BUILD_TARGET_S:.0f}",
                status(warm["wall_s"] <= BUILD_TARGET_S),
            )
        )
        rows.append(("  of which chunk + embed + store (manifest), s", f"{warm['manifest_s']:.2f}", "", ""))
    if cold:
        rows.append(
            (
                "index build, cold (new process: imports + model + build), s",
                f"{cold['wall_s']:.2f}",
                f"<= {BUILD_TARGET_S:.0f}",
                status(cold["wall_s"] <= BUILD_TARGET_S),
            )
        )
        rows.append(
            (
                "  of which imports / build incl. model load, s",
                f"{cold['import_s']:.2f} / {cold['build_s']:.2f}",
                "",
                "",
            )
        )
    rows += [
        (f"ask() median, ms ({ask['calls']} warm calls)", f"{ask['ask_median_ms']:.1f}", "", ""),
        ("ask() p95, ms", f"{ask['ask_p95_ms']:.1f}", "", ""),
        (f"embed one query median, ms ({ask['backend']})", f"{ask['embed_median_ms']:.1f}", "", ""),
    ]
    ratio = ask["ratio_median_ask_to_embed"]
    for issue, target in RATIO_TARGETS.items():
        rows.append(
            (
                f"median ask / median embed ({issue})",
                f"{ratio:.2f}x",
                f"<= {target}x",
                status(ratio <= target),
            )
        )
    header = ("benchmark", "value", "target", "status")
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(4)]
    lines = [
        "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in [header, *rows]
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.split("\n\n")[0])
    parser.add_argument("--questions", type=Path, default=QUESTIONS, help="JSONL question set")
    parser.add_argument("--repeat", type=int, default=1, help="passes over the questions for ask() timing")
    parser.add_argument("--skip-cold", action="store_true", help="skip the cold (new process) build")
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args(argv)

    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from qa.settings import Settings

    settings = Settings.from_env()
    with open(args.questions, encoding="utf-8") as handle:
        questions = [json.loads(line)["question"] for line in handle if line.strip()]

    results: dict = {
        "when": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "load_average": list(os.getloadavg()) if hasattr(os, "getloadavg") else None,
        "corpus": str(settings.corpus_dir),
        "targets": {"build_s": BUILD_TARGET_S, "ratio": RATIO_TARGETS},
    }
    if not args.skip_cold:
        print("cold build (new process) ...", file=sys.stderr)
        results["build_cold"] = bench_cold({**os.environ})
    print("warm build ...", file=sys.stderr)
    warm, folder = bench_warm(settings)
    results["build_warm"] = warm
    try:
        print(f"ask() over {len(questions)} questions ...", file=sys.stderr)
        results["ask"] = bench_ask(settings, folder, questions, args.repeat)
    finally:
        import shutil

        shutil.rmtree(folder, ignore_errors=True)

    missed = []
    for name in ("build_warm", "build_cold"):
        if name in results and results[name]["wall_s"] > BUILD_TARGET_S:
            missed.append(name)
    for issue, target in RATIO_TARGETS.items():
        if results["ask"]["ratio_median_ask_to_embed"] > target:
            missed.append(f"ratio ({issue})")
    results["missed"] = missed

    print(_table(results))
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=1))
    print(f"\nwritten to {RESULTS.relative_to(ROOT)}")
    return 1 if args.check and missed else 0


if __name__ == "__main__":
    sys.exit(main())
