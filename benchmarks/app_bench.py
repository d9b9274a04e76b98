"""App benchmark: start-up (process start to first answer over HTTP) and `/ask` latency with 1 and 20 clients.

Run `python -m benchmarks.app_bench [--requests N] [--clients C] [--index-dir DIR]`; prints a table and writes
benchmarks/results/app_bench.json. Targets on 2 cores: start-up <= 15 s, p95 with 20 clients <= 10x the
single-client median.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QUESTIONS = ROOT / "eval" / "questions.jsonl"
RESULTS = ROOT / "benchmarks" / "results"
STARTUP_TARGET_S = 15.0
CONCURRENCY_RATIO_TARGET = 10.0


def free_port() -> int:
    """A free TCP port on the loopback interface."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def load_questions(path: Path = QUESTIONS) -> list[str]:
    """The in-scope questions of the evaluation set (answered questions exercise the whole pipeline)."""
    questions = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            item = json.loads(line)
            if not item.get("out_of_scope"):
                questions.append(item["question"])
    return questions


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0-100) by linear interpolation."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    pos = (len(ordered) - 1) * q / 100
    low = int(pos)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (pos - low)


@dataclass
class Latency:
    """Latency figures of one run, in seconds."""

    clients: int
    requests: int
    median: float
    p95: float
    max: float
    throughput: float  # answers per second over the whole run
    errors: int


def _summary(clients: int, times: list[float], wall: float, errors: int) -> Latency:
    return Latency(
        clients,
        len(times),
        round(statistics.median(times), 4),
        round(percentile(times, 95), 4),
        round(max(times), 4),
        round(len(times) / wall, 2),
        errors,
    )


class AppProcess:
    """`app.py` in a subprocess on a free loopback port; `wait_first_answer()` times start-up to a real answer."""

    def __init__(self, index_dir: Path | None = None, port: int | None = None) -> None:
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        handle, name = tempfile.mkstemp(prefix="qa-app-", suffix=".log")
        os.close(handle)
        self.log_path = Path(name)
        env = {
            **os.environ,
            "HF_HUB_OFFLINE": "1",
            "GRADIO_ANALYTICS_ENABLED": "False",
            "QA_HOST": "127.0.0.1",
        }
        env["QA_PORT"] = str(self.port)
        if index_dir is not None:
            env["QA_INDEX_DIR"] = str(index_dir)
        self.started = time.perf_counter()
        with self.log_path.open("w") as log:  # the child keeps its own copy of the descriptor
            self.proc = subprocess.Popen(
                [sys.executable, str(ROOT / "app.py")],
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )

    def log_tail(self, lines: int = 30) -> str:
        """The last lines the app printed."""
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])

    def wait_first_answer(self, question: str, timeout: float = 300.0) -> float:
        """Seconds from process start until `/ask` returned an answer (polling every 0.1 s)."""
        from gradio_client import Client

        deadline = self.started + timeout
        while True:
            if self.proc.poll() is not None:
                raise RuntimeError(f"app exited with {self.proc.returncode}:\n{self.log_tail()}")
            if time.perf_counter() > deadline:
                raise TimeoutError(f"no answer from {self.url} within {timeout:.0f} s:\n{self.log_tail()}")
            try:
                client = Client(self.url, verbose=False, download_files=False)
                break
            except Exception:  # not listening yet
                time.sleep(0.1)
        client.predict(question, 5, api_name="/ask")
        return time.perf_counter() - self.started

    def stop(self) -> None:
        """Terminate the app (kill it if it does not exit within 10 s)."""
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)
        self.log_path.unlink(missing_ok=True)


def ensure_index(index_dir: Path | None) -> str:
    """Build the index first when it is missing or stale (`qa index`), so start-up measures loading only."""
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    if index_dir is not None:
        env["QA_INDEX_DIR"] = str(index_dir)
    done = subprocess.run(
        [sys.executable, "-m", "qa", "index", "--quiet"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if done.returncode:
        raise SystemExit(f"qa index failed:\n{done.stderr or done.stdout}")
    return done.stdout.strip()


class HttpAsker:
    """One client calling `/ask` over Gradio's plain REST + SSE routes with httpx (no client-side polling)."""

    def __init__(self, url: str) -> None:
        import httpx

        self.base = url.rstrip("/") + "/gradio_api/call/ask"
        self.http = httpx.Client(timeout=120)

    def __call__(self, question: str) -> dict:
        """The answer dict for `question` (raises on an error event)."""
        event = self.http.post(self.base, json={"data": [question, 5]}).raise_for_status().json()["event_id"]
        with self.http.stream("GET", f"{self.base}/{event}") as stream:
            kind, data = None, None
            for line in stream.iter_lines():
                if line.startswith("event:"):
                    kind = line.split(":", 1)[1].strip()
                elif line.startswith("data:") and kind in ("complete", "error"):
                    data = line.split(":", 1)[1].strip()
                    break
        if kind != "complete" or data is None:
            raise RuntimeError(f"/ask failed: {kind}: {data}")
        return json.loads(data)[0]


class GradioAsker:
    """One `gradio_client.Client` calling `/ask` (what the README shows)."""

    def __init__(self, url: str) -> None:
        from gradio_client import Client

        self.client = Client(url, verbose=False, download_files=False)

    def __call__(self, question: str) -> dict:
        """The answer dict for `question`."""
        return self.client.predict(question, 5, api_name="/ask")


TRANSPORTS = {"gradio_client": GradioAsker, "http": HttpAsker}


def run_clients(url: str, questions: list[str], clients: int, per_client: int, transport: str) -> Latency:
    """`clients` threads, each with its own client, asking `per_client` different questions back to back."""
    handles = [TRANSPORTS[transport](url) for _ in range(clients)]
    times: list[float] = []
    errors = 0
    lock = threading.Lock()
    barrier = threading.Barrier(clients)

    def work(i: int) -> None:
        nonlocal errors
        barrier.wait()
        for j in range(per_client):
            question = questions[(i * per_client + j) % len(questions)]
            started = time.perf_counter()
            try:
                result = handles[i](question)
                ok = isinstance(result, dict) and "answer" in result
            except Exception:
                ok = False
            elapsed = time.perf_counter() - started
            with lock:
                times.append(elapsed)
                errors += 0 if ok else 1

    threads = [threading.Thread(target=work, args=(i,)) for i in range(clients)]
    wall = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return _summary(clients, times, time.perf_counter() - wall, errors)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the figures; exit 1 when a target is missed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=40, help="sequential requests for the 1-client run")
    parser.add_argument("--clients", type=int, default=20, help="concurrent clients")
    parser.add_argument("--per-client", type=int, default=5, help="requests per concurrent client")
    parser.add_argument(
        "--index-dir", type=Path, help="index folder (default: QA_INDEX_DIR or the repo index)"
    )
    parser.add_argument(
        "--transport",
        choices=[*TRANSPORTS, "both"],
        default="both",
        help="gradio_client (what scripts use), raw http (REST + SSE with httpx), or both (default)",
    )
    args = parser.parse_args(argv)
    questions = load_questions()
    transports = list(TRANSPORTS) if args.transport == "both" else [args.transport]
    print(ensure_index(args.index_dir))  # start-up is timed over a current index, never a build
    app = AppProcess(args.index_dir)
    runs: dict[str, tuple[Latency, Latency]] = {}
    try:
        startup = app.wait_first_answer(questions[0])
        app_log = [line for line in app.log_tail(200).splitlines() if "qa.app" in line]
        for transport in transports:
            single = run_clients(app.url, questions, 1, args.requests, transport)
            many = run_clients(app.url, questions[args.requests :], args.clients, args.per_client, transport)
            runs[transport] = (single, many)
    finally:
        app.stop()
    report: dict = {
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
        },
        "load_average_after": os.getloadavg() if hasattr(os, "getloadavg") else None,
        "startup_s": round(startup, 2),
        "app_log": app_log,
        "startup_target_s": STARTUP_TARGET_S,
        "ratio_target": CONCURRENCY_RATIO_TARGET,
        "runs": {},
    }
    ok = startup <= STARTUP_TARGET_S
    for line in app_log:
        print("  app:", line.split("qa.app: ", 1)[-1])
    print(
        f"app start-up (process start -> first answer over HTTP): {startup:.1f} s (target <= {STARTUP_TARGET_S:.0f} s)"
    )
    print(
        f"{'client':>14} {'clients':>8} {'requests':>9} {'median s':>9} {'p95 s':>7} {'max s':>7} {'answers/s':>10} {'errors':>7}"
    )
    for transport, (single, many) in runs.items():
        ratio = many.p95 / single.median if single.median else float("inf")
        report["runs"][transport] = {
            "single": asdict(single),
            "concurrent": asdict(many),
            "ratio": round(ratio, 2),
        }
        for row in (single, many):
            print(
                f"{transport:>14} {row.clients:>8} {row.requests:>9} {row.median:>9.3f} {row.p95:>7.3f} "
                f"{row.max:>7.3f} {row.throughput:>10.2f} {row.errors:>7}"
            )
        print(
            f"{transport:>14}: p95 with {many.clients} clients / 1-client median = {ratio:.1f}x "
            f"(target <= {CONCURRENCY_RATIO_TARGET:.0f}x)"
        )
        ok = ok and ratio <= CONCURRENCY_RATIO_TARGET and not (single.errors or many.errors)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "app_bench.json").write_text(json.dumps(report, indent=1))
    print("targets met" if ok else "TARGETS MISSED", f"(details in {RESULTS / 'app_bench.json'})")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
