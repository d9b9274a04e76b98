"""Load: many concurrent clients calling the app's `/ask` over HTTP on loopback; no request may fail.

Run `python -m benchmarks.load [--clients 200] [--seconds 60] [--url http://127.0.0.1:PORT/]`. Without `--url` it
starts `python app.py --host 127.0.0.1 --port <free>` itself and stops it afterwards. Each client is a closed loop
(ask, wait for the answer, ask again) over Gradio's REST call API (POST /gradio_api/call/ask, then read the event
stream), cycling through eval/questions.jsonl. New requests stop after `--seconds`; requests in flight then get
`--drain` seconds to finish (anything still open counts as failed). Reports throughput, latency p50/p95/p99/max,
failures by kind and the app's peak memory; writes benchmarks/results/load.json. Loopback only, bounded in time.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
QUESTIONS = ROOT / "eval" / "questions.jsonl"
LOOPBACK = {"127.0.0.1", "localhost", "::1"}


def _questions() -> list[str]:
    return [json.loads(line)["question"] for line in QUESTIONS.read_text().splitlines() if line.strip()]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _memory(pid: int) -> dict[str, float]:
    """Resident and peak resident memory of a process, in MiB (from /proc)."""
    values = {}
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            key, _, rest = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                values[key] = round(int(rest.split()[0]) / 1024, 1)
    except OSError:
        pass
    return values


def _cpu_seconds(pid: int | None = None) -> float:
    """CPU time (user + system) used so far by a process (this one when `pid` is None)."""
    if pid is None:
        import resource

        usage = resource.getrusage(resource.RUSAGE_SELF)
        return usage.ru_utime + usage.ru_stime
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return float("nan")


def _percentile(sorted_values: list[float], q: float) -> float:
    if not sorted_values:
        return float("nan")
    index = min(len(sorted_values) - 1, max(0, round(q * (len(sorted_values) - 1))))
    return sorted_values[index]


class App:
    """`python app.py` on a free loopback port, with its log in a temp file."""

    def __init__(self, index_dir: str | None) -> None:
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        env = {**os.environ}
        if index_dir:
            env["QA_INDEX_DIR"] = str(Path(index_dir).resolve())
        self.log = tempfile.NamedTemporaryFile(prefix="qa-load-app-", suffix=".log", delete=False)  # noqa: SIM115
        self.proc = subprocess.Popen(
            [sys.executable, str(ROOT / "app.py"), "--host", "127.0.0.1", "--port", str(self.port)],
            cwd=ROOT,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )

    def tail(self, lines: int = 30) -> str:
        return "\n".join(Path(self.log.name).read_text(errors="replace").splitlines()[-lines:])

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(15)
        self.log.close()
        Path(self.log.name).unlink(missing_ok=True)


async def ask(client, base: str, question: str) -> dict:
    """One `/ask` call through the REST call API; returns the answer dict or raises RuntimeError."""
    response = await client.post(f"{base}gradio_api/call/ask", json={"data": [question, 5]})
    if response.status_code != 200:
        raise RuntimeError(f"POST {response.status_code}")
    event_id = response.json()["event_id"]
    event = None
    async with client.stream("GET", f"{base}gradio_api/call/ask/{event_id}") as stream:
        if stream.status_code != 200:
            raise RuntimeError(f"GET {stream.status_code}")
        async for line in stream.aiter_lines():
            if line.startswith("event:"):
                event = line.split(":", 1)[1].strip()
            elif line.startswith("data:") and event in ("complete", "error"):
                data = json.loads(line.split(":", 1)[1])
                if event == "error":
                    raise RuntimeError(f"error event: {str(data)[:120]}")
                return data[0]
    raise RuntimeError("stream ended without an answer")


async def wait_ready(base: str, app: App | None, timeout: float) -> float:
    import httpx

    started = time.perf_counter()
    async with httpx.AsyncClient(timeout=30) as client:
        while True:
            if app and app.proc.poll() is not None:
                raise RuntimeError(f"app exited:\n{app.tail()}")
            try:
                answer = await ask(client, base, "Is there evidence for tocilizumab in CNO?")
                if answer.get("answer"):
                    return time.perf_counter() - started
            except (httpx.HTTPError, RuntimeError, ValueError, KeyError):
                pass
            if time.perf_counter() - started > timeout:
                raise TimeoutError(f"app not answering at {base} after {timeout:.0f} s")
            await asyncio.sleep(0.5)


async def run_load(base: str, clients: int, seconds: float, drain: float, timeout: float) -> dict:
    import httpx

    questions = _questions()
    latencies: list[float] = []
    failures: Counter[str] = Counter()
    started = time.perf_counter()
    stop_at = started + seconds
    limits = httpx.Limits(max_connections=clients * 2 + 10, max_keepalive_connections=clients * 2 + 10)

    async with httpx.AsyncClient(timeout=httpx.Timeout(timeout, connect=30), limits=limits) as client:

        async def worker(n: int) -> None:
            i = n
            while time.perf_counter() < stop_at:
                question = questions[i % len(questions)]
                i += clients
                t0 = time.perf_counter()
                try:
                    answer = await ask(client, base, question)
                    if not isinstance(answer, dict) or not answer.get("answer"):
                        raise RuntimeError("empty answer")
                    latencies.append(time.perf_counter() - t0)
                except (httpx.HTTPError, RuntimeError, ValueError, KeyError) as exc:
                    failures[f"{exc.__class__.__name__}: {str(exc)[:80]}"] += 1

        tasks = [asyncio.create_task(worker(n)) for n in range(clients)]
        done, pending = await asyncio.wait(tasks, timeout=seconds + drain)
        for task in pending:
            task.cancel()
        if pending:
            failures["still in flight after the drain period"] += len(pending)
        await asyncio.gather(*pending, return_exceptions=True)
        for task in done:
            if task.exception():
                failures[f"client crashed: {task.exception()!r}"[:100]] += 1
    elapsed = time.perf_counter() - started
    ordered = sorted(latencies)
    return {
        "clients": clients,
        "seconds": seconds,
        "elapsed_s": round(elapsed, 1),
        "completed": len(latencies),
        "failed": sum(failures.values()),
        "failures": dict(failures),
        "throughput_rps": round(len(latencies) / elapsed, 2),
        "latency_s": {
            "p50": round(_percentile(ordered, 0.50), 3),
            "p95": round(_percentile(ordered, 0.95), 3),
            "p99": round(_percentile(ordered, 0.99), 3),
            "max": round(ordered[-1], 3) if ordered else None,
            "mean": round(statistics.fmean(ordered), 3) if ordered else None,
        },
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=60.0, help="how long new requests are sent")
    parser.add_argument("--drain", type=float, default=120.0, help="time allowed for requests in flight")
    parser.add_argument("--timeout", type=float, default=180.0, help="per-request HTTP timeout")
    parser.add_argument("--url", help="an app already running on loopback (default: start one)")
    parser.add_argument(
        "--index-dir", help="index folder for the app it starts (default: QA_INDEX_DIR or index/)"
    )
    args = parser.parse_args(argv)
    if not 1 <= args.clients <= 1000 or not 0 < args.seconds <= 600:
        parser.error("--clients must be 1..1000 and --seconds 0..600 (the benchmark is bounded)")

    app = None
    if args.url:
        base = args.url if args.url.endswith("/") else args.url + "/"
        if urlparse(base).hostname not in LOOPBACK:
            parser.error("the load benchmark only targets loopback (127.0.0.1 / localhost)")
    else:
        app = App(args.index_dir)
        base = app.url
    try:
        ready = asyncio.run(wait_ready(base, app, timeout=600))
        before = _memory(app.proc.pid) if app else {}
        print(f"app ready at {base} after {ready:.1f} s; {args.clients} clients for {args.seconds:.0f} s ...")
        load_avg = os.getloadavg()[0]
        cpu0 = (_cpu_seconds(), _cpu_seconds(app.proc.pid) if app else float("nan"))
        result = asyncio.run(run_load(base, args.clients, args.seconds, args.drain, args.timeout))
        result["cpu_s"] = {
            "load_client": round(_cpu_seconds() - cpu0[0], 1),
            "app": round((_cpu_seconds(app.proc.pid) if app else float("nan")) - cpu0[1], 1),
        }
        result["app_memory_mib"] = {"before": before, "after": _memory(app.proc.pid) if app else {}}
        result["load_1min"] = [round(load_avg, 2), round(os.getloadavg()[0], 2)]
        result["cpus"] = os.cpu_count()
        if app and app.proc.poll() is not None:
            result["failures"]["app exited during the run"] = 1
            result["failed"] += 1
    finally:
        if app:
            if app.proc.poll() is not None:
                print(app.tail(), file=sys.stderr)
            app.stop()
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "load.json").write_text(json.dumps(result, indent=1))
    lat = result["latency_s"]
    print(
        f"{result['clients']} clients x {result['seconds']:.0f} s on {result['cpus']} CPUs: "
        f"{result['completed']} answered, {result['failed']} failed"
    )
    print(f"  throughput {result['throughput_rps']:.1f} answers/s over {result['elapsed_s']:.0f} s")
    print(
        f"  latency p50 {lat['p50']:.2f} s, p95 {lat['p95']:.2f} s, p99 {lat['p99']:.2f} s, max {lat['max']:.2f} s"
    )
    memory = result["app_memory_mib"]
    if memory["after"]:
        print(
            f"  app memory: {memory['before'].get('VmRSS')} MiB before, "
            f"{memory['after'].get('VmRSS')} MiB after, peak {memory['after'].get('VmHWM')} MiB"
        )
    print(f"  CPU seconds used: app {result['cpu_s']['app']}, load client {result['cpu_s']['load_client']}")
    print(f"  load average (1 min) before/after: {result['load_1min'][0]} / {result['load_1min'][1]}")
    for kind, count in result["failures"].items():
        print(f"  failure x{count}: {kind}")
    return 0 if result["failed"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
