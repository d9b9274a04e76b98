"""The app over HTTP: `/ask` through gradio_client against `app.py` running in a subprocess on a free port."""

from __future__ import annotations

import concurrent.futures
import importlib.util
import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from qa.settings import ROOT

pytestmark = pytest.mark.server

ANSWER_KEYS = {"question", "answer", "insufficient_evidence", "evidence_level", "citations", "passages"}
CITATION_KEYS = {"n", "source_id", "title", "authors", "journal", "year", "doi"}
PASSAGE_KEYS = {"rank", "score", "text", "source_id", "doi", "section", "citation"}
ON_TOPIC = "Is there evidence for tocilizumab in adults with CNO?"


def free_port() -> int:
    """A free TCP port on 127.0.0.1."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class AppServer:
    """`python app.py` on a free loopback port (host and port from QA_HOST / QA_PORT), stopped by `stop()`."""

    def __init__(
        self, index_dir: Path, log_path: Path, timeout: float = 240.0, args: tuple[str, ...] = ()
    ) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.log_path = log_path
        env = {
            **os.environ,
            "QA_INDEX_DIR": str(index_dir),
            "QA_HOST": "127.0.0.1",
            "QA_PORT": str(self.port),
            "HF_HUB_OFFLINE": "1",
            "GRADIO_ANALYTICS_ENABLED": "False",
        }
        with log_path.open("w") as log:
            self.proc = subprocess.Popen(
                [sys.executable, str(ROOT / "app.py"), *args],
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        try:
            self._wait(timeout)
        except BaseException:
            self.stop()
            raise

    def log(self) -> str:
        """Everything the app printed so far."""
        return self.log_path.read_text(errors="replace")

    def _wait(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while "listening on" not in self.log():
            if self.proc.poll() is not None:
                raise RuntimeError(f"app.py exited with {self.proc.returncode}:\n{self.log()[-3000:]}")
            if time.monotonic() > deadline:
                raise TimeoutError(f"app.py did not start within {timeout:.0f} s:\n{self.log()[-3000:]}")
            time.sleep(0.2)

    def stop(self) -> None:
        """Terminate the app (kill it when it does not exit within 10 s)."""
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)


@pytest.fixture(scope="module")
def server(settings, tmp_path_factory):
    """The app on a free port over the session's index folder (built by whichever process needs it first)."""
    app = AppServer(settings.index_dir, tmp_path_factory.mktemp("app") / "app.log")
    yield app
    app.stop()


@pytest.fixture(scope="module")
def client(server):
    """A gradio_client connected to the app."""
    from gradio_client import Client

    return Client(server.url, verbose=False, download_files=False)


def check_answer(result: dict, question: str) -> None:
    """`result` is exactly `Answer.to_dict()` for an answered question, with consistent citations."""
    assert set(result) == ANSWER_KEYS
    assert result["question"] == question
    assert result["insufficient_evidence"] is False
    assert isinstance(result["answer"], str) and result["answer"].strip()
    assert result["citations"] and result["passages"]
    numbers = {c["n"]: c for c in result["citations"]}
    assert sorted(numbers) == list(range(1, len(numbers) + 1))
    for citation in result["citations"]:
        assert set(citation) == CITATION_KEYS
        if citation["doi"]:
            assert f"https://doi.org/{citation['doi']}" in result["answer"]
    for passage in result["passages"]:
        assert set(passage) == PASSAGE_KEYS
        assert passage["citation"] in numbers, passage
        assert numbers[passage["citation"]]["source_id"] == passage["source_id"]
        assert numbers[passage["citation"]]["doi"] == passage["doi"]
        assert passage["text"].strip()
    assert any(f"[{n}]" in result["answer"] for n in numbers)


def test_startup_is_logged_with_duration_and_address(server):
    log = server.log()
    assert "start-up took" in log
    assert f"listening on http://127.0.0.1:{server.port}/" in log
    assert "Traceback" not in log


def test_ask_returns_the_answer_dict(client):
    result = client.predict(ON_TOPIC, 5, api_name="/ask")
    check_answer(result, ON_TOPIC)
    assert result["evidence_level"]
    assert "tocilizumab" in result["answer"].lower()


def test_ask_accepts_keywords_and_k(client):
    few = client.predict(question="What dose of tocilizumab was used?", k=1, api_name="/ask")
    many = client.predict(question="What dose of tocilizumab was used?", k=12, api_name="/ask")
    check_answer(few, "What dose of tocilizumab was used?")
    check_answer(many, "What dose of tocilizumab was used?")
    assert len(many["passages"]) >= len(few["passages"])
    assert "8 mg/kg" in few["answer"] + " ".join(p["text"] for p in few["passages"])


def test_off_topic_question_is_insufficient_evidence(client):
    question = "What is the best insulin regimen for type 2 diabetes?"
    result = client.predict(question, 5, api_name="/ask")
    assert set(result) == ANSWER_KEYS
    assert result["insufficient_evidence"] is True
    assert result["citations"] == [] and result["passages"] == []
    assert result["evidence_level"] is None


@pytest.mark.parametrize(
    ("question", "k", "message"),
    [
        ("", 5, "question is empty"),
        ("   \n\t ", 5, "question is empty"),
        ("x" * 5000, 5, "too long"),
        ("🙂🙂🙂 ?!", 5, "no words"),
        ("?!...", 5, "no words"),
        (ON_TOPIC, 0, "k must be between 1 and 50"),
    ],
)
def test_bad_input_gets_a_friendly_error_and_the_app_keeps_serving(client, question, k, message):
    from gradio_client.exceptions import AppError

    with pytest.raises(AppError) as caught:
        client.predict(question, k, api_name="/ask")
    text = str(caught.value)
    assert message in text
    assert "Traceback" not in text and "File " not in text
    check_answer(client.predict(ON_TOPIC, 5, api_name="/ask"), ON_TOPIC)


def test_plain_rest_post_returns_the_answer_in_one_exchange(server, client):
    import httpx

    url = f"{server.url}gradio_api/run/ask"
    reply = httpx.post(url, json={"data": [ON_TOPIC, 5]}, timeout=60)
    assert reply.status_code == 200
    result = reply.json()["data"][0]
    check_answer(result, ON_TOPIC)
    assert result == client.predict(ON_TOPIC, 5, api_name="/ask")
    # a client that keeps a session (as gradio_client does) gets the same answer
    again = httpx.post(url, json={"data": [ON_TOPIC, 5], "session_hash": "script-1"}, timeout=60)
    assert again.json()["data"][0] == result


def test_plain_rest_errors_are_friendly_and_the_app_keeps_serving(server):
    import httpx

    url = f"{server.url}gradio_api/run/ask"
    for question, message in (("", "question is empty"), ("?!...", "no words"), ("x" * 5000, "too long")):
        reply = httpx.post(url, json={"data": [question, 5]}, timeout=60)
        assert reply.status_code == 500
        assert message in reply.json()["error"]
        assert "Traceback" not in reply.text
    check_answer(httpx.post(url, json={"data": [ON_TOPIC, 5]}, timeout=60).json()["data"][0], ON_TOPIC)


def test_the_queued_rest_route_still_answers(server):
    import httpx

    base = f"{server.url}gradio_api/call/ask"
    event = httpx.post(base, json={"data": [ON_TOPIC, 5]}, timeout=60).json()["event_id"]
    stream = httpx.get(f"{base}/{event}", timeout=60).text
    assert "event: complete" in stream
    data = next(line for line in stream.splitlines() if line.startswith("data:"))
    check_answer(json.loads(data.split(":", 1)[1])[0], ON_TOPIC)


def test_twenty_concurrent_requests_all_succeed_with_correct_answers(client, server):
    questions = [
        ON_TOPIC,
        "Is there evidence for tocilizumab in children with CNO?",
        "What dose of tocilizumab was used?",
        "Did any patient get worse on tocilizumab?",
        "What is the level of evidence for tocilizumab in CNO?",
    ]
    expected = {q: client.predict(q, 5, api_name="/ask") for q in questions}
    jobs = [client.submit(questions[i % len(questions)], 5, api_name="/ask") for i in range(20)]
    started = time.monotonic()
    results = [job.result(timeout=120) for job in jobs]
    assert time.monotonic() - started < 120
    for i, result in enumerate(results):
        question = questions[i % len(questions)]
        check_answer(result, question)
        assert result == expected[question]  # same answer as asked alone: no cross-talk between requests
    assert "Traceback" not in server.log()


def test_twenty_separate_clients_at_once(server):
    from gradio_client import Client

    clients = [Client(server.url, verbose=False, download_files=False) for _ in range(20)]
    with concurrent.futures.ThreadPoolExecutor(max_workers=20) as pool:
        results = list(pool.map(lambda c: c.predict(ON_TOPIC, 5, api_name="/ask"), clients))
    assert all(r == results[0] for r in results)
    check_answer(results[0], ON_TOPIC)


def test_answers_are_computed_by_worker_processes(server):
    import re

    found = re.search(
        r"(\d+) worker processes loaded the model and index .*; pids \[([\d, ]+)\]\)", server.log()
    )
    assert found, server.log()[-2000:]
    pids = [int(p) for p in found.group(2).split(", ")]
    assert len(pids) == int(found.group(1)) >= 1
    for pid in pids:
        with open(f"/proc/{pid}/stat") as stat:
            assert int(stat.read().rsplit(")", 1)[1].split()[1]) == server.proc.pid  # children of the app


def test_a_worker_that_dies_costs_at_most_one_friendly_error_and_the_app_keeps_serving(client, server):
    import re
    import signal

    from gradio_client.exceptions import AppError

    pid = int(re.search(r"worker processes loaded the model .*; pids \[(\d+)", server.log()).group(1))
    os.kill(pid, signal.SIGKILL)
    time.sleep(0.3)
    failures = 0
    for _ in range(4):
        try:
            check_answer(client.predict(ON_TOPIC, 5, api_name="/ask"), ON_TOPIC)
        except AppError as exc:
            failures += 1
            assert "internal error" in str(exc) and "Traceback" not in str(exc)
    assert failures <= 1
    deadline = time.monotonic() + 120
    while f"worker {pid} replaced by" not in server.log() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert f"worker {pid} replaced by" in server.log()
    results = [client.predict(ON_TOPIC, 5, api_name="/ask") for _ in range(4)]
    assert all(r == results[0] for r in results)


def test_in_process_mode_gives_the_same_answers(client, settings, tmp_path):
    app = AppServer(settings.index_dir, tmp_path / "app.log", args=("--workers", "0"))
    try:
        from gradio_client import Client

        alone = Client(app.url, verbose=False, download_files=False)
        for question, k in ((ON_TOPIC, 5), ("What dose of tocilizumab was used?", 3)):
            assert alone.predict(question, k, api_name="/ask") == client.predict(question, k, api_name="/ask")
        assert "worker processes" not in app.log() and "model and index loaded in" in app.log()
    finally:
        app.stop()


def load_app_module():
    """app.py imported by path (the repository root is not on sys.path under every pytest invocation)."""
    spec = importlib.util.spec_from_file_location("qa_app_under_test", ROOT / "app.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_host_and_port_come_from_flags_or_environment(monkeypatch):
    app = load_app_module()

    monkeypatch.delenv("QA_HOST", raising=False)
    monkeypatch.delenv("QA_PORT", raising=False)
    defaults = app.parse_args([])
    assert (defaults.host, defaults.port) == ("127.0.0.1", 7860)
    monkeypatch.setenv("QA_HOST", "127.0.0.2")
    monkeypatch.setenv("QA_PORT", "7999")
    from_env = app.parse_args([])
    assert (from_env.host, from_env.port) == ("127.0.0.2", 7999)
    flags = app.parse_args(["--host", "127.0.0.3", "--port", "8123"])
    assert (flags.host, flags.port) == ("127.0.0.3", 8123)
    monkeypatch.setenv("QA_PORT", "not-a-port")
    with pytest.raises(SystemExit, match="QA_"):
        app.parse_args([])


def test_workers_and_concurrency_flags():
    app = load_app_module()

    cores = os.cpu_count() or 2
    defaults = app.parse_args([])
    assert (defaults.workers, defaults.concurrency) == (cores, None)  # no limit: requests wait in the pool
    assert app.parse_args(["--workers", "3"]).concurrency is None
    assert app.parse_args(["--workers", "0"]).concurrency == max(2, cores)
    assert app.parse_args(["--workers", "1", "--concurrency", "5"]).concurrency == 5
    for bad in (["--workers", "-1"], ["--concurrency", "0"]):
        with pytest.raises(SystemExit):
            app.parse_args(bad)
