"""App benchmark: start-up (process start to first answer over HTTP) and `/ask` latency with 1 and 20 clients.

Run `python -m benchmarks.app_bench [--requests N] [--clients C] [--index-dir DIR]`; prints a table and writes
benchmarks/results/app_bench.json. Targets on 2 cores: start-up <= 15 s, p95 with 20 clients <= 10x the
single-client median.

The app runs as `python app.py` (its defaults: answers in worker processes) on a free loopback port. Each client
asks different in-scope questions of eval/questions.jsonl back to back; a request's time is from sending the
question to holding the parsed answer. The 1-client and the 20-client runs use the same client code:

- http: plain REST, POST /gradio_api/run/ask (one exchange; /ask does not go through Gradio's queue), one
  keep-alive HTTP/1.1 connection and one session id per client, all clients as tasks of one asyncio event loop in
  this process. http-call: the same client over the queue's two-step route (POST /gradio_api/call/ask, then read
  the event stream until it ends), without a session id: what the figures before 2026-11-26 evening measured. (It
  used to be 20 threads with httpx clients; on this 2-core machine they took 4-8 ms of CPU per request, shared
  with the server under test; the asyncio client takes about 1 ms.)
- gradio_client: one `gradio_client.Client` per client thread, as the README shows. The clients share one
  default TLS context (`ssl_verify`): gradio_client otherwise builds a new one, parsing the CA bundle, for each
  HTTP call it makes (20-25 ms of CPU each, several per answer, even for an http:// URL); with 20 clients that
  took most of the CPU the server under test should have had. Certificate checking is unchanged.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import platform
import socket
import ssl
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from dataclasses import asdict, dataclass
from pathlib import Path
from urllib.parse import urlsplit

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
    """One client calling `/ask` over Gradio's REST routes: its own keep-alive HTTP/1.1 connection, on asyncio.

    route "run": POST /gradio_api/run/ask with {"data": [question, 5], "session_hash": ...} returns the answer in one
    exchange; the client keeps one session id, as gradio_client does (without one, Gradio builds a new session state
    for every call: about 2 ms of the server's CPU for this app's blocks). route "call": the queue's two-step route,
    without a session: POST /gradio_api/call/ask returns an event id, GET /gradio_api/call/ask/<id> streams the event
    until `complete` or `error`. The client reads every byte and parses the answer's JSON, so a request's time is the
    full round trip.
    """

    def __init__(self, url: str, route: str = "run") -> None:
        parts = urlsplit(url)
        self.host, self.port = parts.hostname or "127.0.0.1", parts.port or 80
        self.route = route
        self.path = parts.path.rstrip("/") + f"/gradio_api/{route}/ask"
        self.session = f"bench-{uuid.uuid4().hex[:12]}"
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def _exchange(self, method: str, path: str, body: bytes = b"") -> bytes:
        """Send one request on the connection (opened on first use) and return the whole response body."""
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        head = f"{method} {path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n"
        if method == "POST":
            head += f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n"
        self.writer.write(head.encode() + b"\r\n" + body)
        reader = self.reader
        status = await reader.readline()
        headers = {}
        while (line := await reader.readline()) not in (b"\r\n", b""):
            name, _, value = line.decode("latin-1").partition(":")
            headers[name.strip().lower()] = value.strip().lower()
        if "content-length" in headers:
            data = await reader.readexactly(int(headers["content-length"]))
        elif headers.get("transfer-encoding") == "chunked":
            parts = []
            while size := int((await reader.readline()).split(b";")[0], 16):
                parts.append(await reader.readexactly(size))
                await reader.readexactly(2)
            await reader.readline()  # the blank line after the last chunk
            data = b"".join(parts)
        else:
            data = await reader.read()
            headers["connection"] = "close"
        if headers.get("connection") == "close":
            await self.close()
        if status.split()[1:2] != [b"200"]:
            raise RuntimeError(f"{method} {path}: {status.decode().strip()}: {data[:200]!r}")
        return data

    async def __call__(self, question: str) -> dict:
        """The answer dict for `question` (raises on an error)."""
        if self.route == "run":
            body = json.dumps({"data": [question, 5], "session_hash": self.session}).encode()
            return json.loads(await self._exchange("POST", self.path, body))["data"][0]
        body = json.dumps({"data": [question, 5]}).encode()
        event = json.loads(await self._exchange("POST", self.path, body))["event_id"]
        kind = data = None
        for line in (await self._exchange("GET", f"{self.path}/{event}")).decode().splitlines():
            if line.startswith("event:"):
                kind = line.split(":", 1)[1].strip()
            elif line.startswith("data:") and kind in ("complete", "error"):
                data = line.split(":", 1)[1].strip()
                break
        if kind != "complete" or data is None:
            raise RuntimeError(f"/ask failed: {kind}: {data}")
        return json.loads(data)[0]

    async def close(self) -> None:
        """Close the connection (a later call opens a new one)."""
        if self.writer is not None:
            self.writer.close()
            with contextlib.suppress(OSError):
                await self.writer.wait_closed()
        self.reader = self.writer = None


# gradio_client builds a new httpx client, and with it a new TLS context (20-25 ms of CPU), for each HTTP call,
# even to a plain http:// URL. One default context, shared, keeps certificate checking exactly as it is and leaves
# that CPU to the server under test.
_TLS = ssl.create_default_context()


class GradioAsker:
    """One `gradio_client.Client` calling `/ask` (what the README shows)."""

    def __init__(self, url: str) -> None:
        from gradio_client import Client

        self.client = Client(url, verbose=False, download_files=False, ssl_verify=_TLS)

    def __call__(self, question: str) -> dict:
        """The answer dict for `question`."""
        return self.client.predict(question, 5, api_name="/ask")


TRANSPORTS = ("gradio_client", "http", "http-call")


def _pick(questions: list[str], clients: int, per_client: int, i: int, j: int) -> str:
    return questions[(i * per_client + j) % len(questions)]


def run_clients(url: str, questions: list[str], clients: int, per_client: int, transport: str) -> Latency:
    """`clients` clients, each asking `per_client` different questions back to back, all starting at once."""
    if transport in ("http", "http-call"):
        route = "run" if transport == "http" else "call"
        return asyncio.run(_run_http(url, questions, clients, per_client, route))
    handles = [GradioAsker(url) for _ in range(clients)]
    times: list[float] = []
    errors = 0
    lock = threading.Lock()
    barrier = threading.Barrier(clients)

    def work(i: int) -> None:
        nonlocal errors
        barrier.wait()
        for j in range(per_client):
            question = _pick(questions, clients, per_client, i, j)
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


async def _run_http(url: str, questions: list[str], clients: int, per_client: int, route: str) -> Latency:
    """`run_clients` for raw HTTP: one task and one connection per client on one event loop."""
    handles = [HttpAsker(url, route) for _ in range(clients)]
    times: list[float] = []
    errors = 0

    async def work(i: int) -> None:
        nonlocal errors
        for j in range(per_client):
            question = _pick(questions, clients, per_client, i, j)
            started = time.perf_counter()
            try:
                result = await handles[i](question)
                ok = isinstance(result, dict) and "answer" in result
            except Exception:
                ok = False
                await handles[i].close()
            times.append(time.perf_counter() - started)
            errors += 0 if ok else 1

    wall = time.perf_counter()
    try:
        await asyncio.gather(*(work(i) for i in range(clients)))
    finally:
        for handle in handles:
            await handle.close()
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
        choices=[*TRANSPORTS, "all"],
        default="all",
        help="gradio_client (what the README shows), http (POST /gradio_api/run/ask), http-call (the queue's "
        "two-step route), or all (default)",
    )
    args = parser.parse_args(argv)
    questions = load_questions()
    transports = list(TRANSPORTS) if args.transport == "all" else [args.transport]
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
