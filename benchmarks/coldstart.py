"""Cold start: `qa ask "..."` in a fresh process, from start to the printed answer (target <= 3 s on 2 cores).

Run `python -m benchmarks.coldstart [--runs N] [--question Q] [--index-dir DIR] [--torch-runs N]`. The index is
built first (untimed). Each run is a new process; the figure is the time until the answer's first byte reaches
stdout (and, separately, until the process has exited). One extra run with `-X importtime` lists what the query
path imports and checks that torch is not among them. `--torch-runs` times the same with QA_EMBEDDER=torch for
comparison. Prints a table and writes benchmarks/results/coldstart.json. The machine is shared: the 1-minute
load average is printed with the figures.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
TARGET_S = 3.0
QUESTION = "Is there evidence for tocilizumab in CNO?"
HEAVY = ("torch", "sentence_transformers", "transformers", "gradio", "sklearn")


def _qa_command() -> list[str]:
    script = Path(sys.executable).with_name("qa")
    return [str(script)] if script.exists() else [sys.executable, "-m", "qa"]


def time_once(question: str, env: dict[str, str]) -> tuple[float, float, str]:
    """(seconds to the first byte of the answer, seconds to exit, stderr) for one fresh `qa ask`."""
    command = [*_qa_command(), "ask", question]
    started = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=ROOT)
    first = proc.stdout.read(1)
    answered = time.perf_counter() - started
    _, err = proc.communicate(timeout=300)
    exited = time.perf_counter() - started
    if proc.returncode != 0 or not first:
        raise RuntimeError(f"qa ask failed ({proc.returncode}): {err.decode(errors='replace')[-2000:]}")
    return answered, exited, err.decode(errors="replace")


def import_profile(question: str, env: dict[str, str]) -> dict:
    """Top-level imports of the query path by cumulative time, and whether any heavy package was imported."""
    command = [sys.executable, "-X", "importtime", "-m", "qa", "ask", question]
    run = subprocess.run(command, capture_output=True, text=True, env=env, cwd=ROOT, timeout=300)
    rows = []
    for line in run.stderr.splitlines():
        if not line.startswith("import time:") or "|" not in line:
            continue
        _, cumulative, name = (part.strip() for part in line.split("|"))
        if name and not name.startswith(" ") and cumulative.isdigit() and "." not in name.strip():
            rows.append((name.strip(), int(cumulative) / 1e6))
    imported = {line.rsplit("|", 1)[-1].strip() for line in run.stderr.splitlines() if "|" in line}
    top = sorted(rows, key=lambda r: -r[1])[:12]
    return {
        "top_level_imports_s": {name: round(sec, 3) for name, sec in top},
        "heavy_imported": [h for h in HEAVY if h in imported],
        "onnxruntime_imported": "onnxruntime" in imported,
    }


def summarize(samples: list[float]) -> dict:
    return {
        "runs": len(samples),
        "median_s": round(statistics.median(samples), 3),
        "min_s": round(min(samples), 3),
        "max_s": round(max(samples), 3),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--torch-runs", type=int, default=2, help="runs with QA_EMBEDDER=torch (0 to skip)")
    parser.add_argument("--question", default=QUESTION)
    parser.add_argument("--index-dir", help="index folder (default: QA_INDEX_DIR or index/)")
    args = parser.parse_args(argv)

    env = dict(os.environ)
    if args.index_dir:
        env["QA_INDEX_DIR"] = str(Path(args.index_dir).resolve())
    prepare = subprocess.run(
        [*_qa_command(), "index", "--quiet"], env=env, cwd=ROOT, capture_output=True, text=True, timeout=1800
    )
    if prepare.returncode != 0:
        print(prepare.stderr, file=sys.stderr)
        return 2
    print(prepare.stdout.strip())

    time_once(args.question, env)  # page cache warm: the figure is a fresh process, not a cold disk
    answered, exited = [], []
    for _ in range(args.runs):
        a, e, _ = time_once(args.question, env)
        answered.append(a)
        exited.append(e)
    result = {
        "question": args.question,
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "load_1min": os.getloadavg()[0],
        },
        "onnx": {"to_answer": summarize(answered), "to_exit": summarize(exited)},
        "imports": import_profile(args.question, env),
        "target_s": TARGET_S,
    }
    if args.torch_runs:
        torch_env = {**env, "QA_EMBEDDER": "torch"}
        samples = [time_once(args.question, torch_env)[0] for _ in range(args.torch_runs)]
        result["torch"] = {"to_answer": summarize(samples)}
    result["machine"]["load_1min_after"] = os.getloadavg()[0]
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "coldstart.json").write_text(json.dumps(result, indent=1))

    onnx = result["onnx"]
    print(f"cold start of `qa ask` ({args.runs} fresh processes, {os.cpu_count()} CPUs)")
    print(
        f"  to printed answer: median {onnx['to_answer']['median_s']:.2f} s "
        f"(min {onnx['to_answer']['min_s']:.2f}, max {onnx['to_answer']['max_s']:.2f}); target <= {TARGET_S:.0f} s"
    )
    print(f"  to process exit:   median {onnx['to_exit']['median_s']:.2f} s")
    if "torch" in result:
        print(f"  with QA_EMBEDDER=torch: median {result['torch']['to_answer']['median_s']:.2f} s to answer")
    heavy = result["imports"]["heavy_imported"]
    print(f"  heavy packages imported: {', '.join(heavy) if heavy else 'none'}")
    print(
        "  slowest top-level imports: "
        + ", ".join(f"{k} {v:.2f}s" for k, v in result["imports"]["top_level_imports_s"].items())
    )
    print(
        f"  load average (1 min) before/after: {result['machine']['load_1min']:.2f} / {result['machine']['load_1min_after']:.2f}"
    )
    status = "met" if onnx["to_answer"]["median_s"] <= TARGET_S and not heavy else "NOT met"
    print(f"  target {status}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
