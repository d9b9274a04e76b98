"""The app's worker processes (`qa.workers`): the same answers as the engine, the same errors, and recovery."""

from __future__ import annotations

import asyncio
import json
import os
import re
import signal
import time

import pytest

from qa.settings import ROOT
from qa.workers import WorkerError, WorkerPool, chat_turn

pytestmark = pytest.mark.server

QUESTIONS = [
    json.loads(line)["question"] for line in (ROOT / "eval" / "questions.jsonl").open() if line.strip()
]
ON_TOPIC = "Is there evidence for tocilizumab in adults with CNO?"


@pytest.fixture(scope="module")
def worker_env(engine, settings):
    """Environment under which a worker's `default_engine()` opens the session's index (built by `engine`)."""
    values = {
        "QA_INDEX_DIR": str(settings.index_dir),
        "QA_MODEL_CACHE": str(settings.model_cache_dir),
        "QA_CORPUS_DIR": str(settings.corpus_dir),
    }
    saved = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    yield
    for name, value in saved.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


@pytest.fixture(scope="module")
def pool(worker_env):
    """Two workers over the session's index."""
    with WorkerPool(2) as workers:
        workers.wait_ready()
        yield workers


def alive(pid: int) -> bool:
    """True while process `pid` runs (a zombie counts as gone)."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def test_answers_are_exactly_the_engines(pool, engine):
    for i, question in enumerate(QUESTIONS[:40]):
        k = (1, 5, 12)[i % 3]
        assert pool.ask(question, k) == engine.ask(question, k=k).to_dict(), question


def test_answers_from_coroutines_are_the_engines_and_in_order(pool, engine):
    questions = QUESTIONS[40:70]

    async def ask_all():
        return await asyncio.gather(*(pool.ask_async(q, 5) for q in questions))

    assert asyncio.run(ask_all()) == [engine.ask(q, k=5).to_dict() for q in questions]


def test_questions_waiting_together_are_answered_together_with_the_engines_answers_and_errors(pool, engine):
    questions = [*QUESTIONS[90:110], "", 42, "x" * 5000]
    questions.insert(5, "🙂🙂🙂 ?!")  # bad input in the middle of a batch, too
    ks = [(5, 1, 12, 50)[i % 4] for i in range(len(questions))]
    ks[7] = 0

    def expected(question, k):
        try:
            return engine.ask(question, k=k).to_dict()
        except (ValueError, TypeError) as exc:
            return type(exc).__name__, str(exc)

    async def outcome(question, k):
        try:
            return await pool.ask_async(question, k)
        except (ValueError, TypeError) as exc:
            return type(exc).__name__, str(exc)

    async def ask_all():
        return await asyncio.gather(*(outcome(q, k) for q, k in zip(questions, ks, strict=True)))

    before = pool.batched
    assert asyncio.run(ask_all()) == [expected(q, k) for q, k in zip(questions, ks, strict=True)]
    assert pool.batched > before  # more questions than workers: some went to a worker together
    assert pool.ask(ON_TOPIC, 5)["citations"]  # and the workers keep answering


def test_threads_and_coroutines_share_the_pool(pool, engine):
    import concurrent.futures

    questions = QUESTIONS[70:90]
    with concurrent.futures.ThreadPoolExecutor(6) as threads:
        from_threads = threads.map(lambda q: pool.ask(q, 5), questions)

        async def ask_all():
            return await asyncio.gather(*(pool.ask_async(q, 5) for q in questions))

        from_loop = asyncio.run(ask_all())
        expected = [engine.ask(q, k=5).to_dict() for q in questions]
        assert list(from_threads) == expected
        assert from_loop == expected


def test_a_chat_turn_is_the_in_process_one(pool, engine):
    earlier = [ON_TOPIC]
    for message in ("and in children?", "What dose of tocilizumab was used?", "what about SAPHO?"):
        turn = pool.chat(message, earlier)
        assert turn == chat_turn(engine, message, earlier)
        earlier.append(turn[0])
    assert earlier[1] == "Is there evidence for tocilizumab in children with CNO?"


@pytest.mark.parametrize(
    ("question", "k"),
    [("", 5), ("   \n\t ", 5), ("x" * 5000, 5), ("🙂🙂🙂 ?!", 5), (ON_TOPIC, 0), (ON_TOPIC, "5"), (42, 5)],
)
def test_bad_input_raises_the_engines_error(pool, engine, question, k):
    with pytest.raises((ValueError, TypeError)) as expected:
        engine.ask(question, k=k)
    with pytest.raises(type(expected.value), match="^" + re.escape(str(expected.value)) + "$"):
        pool.ask(question, k)

    async def ask():
        return await pool.ask_async(question, k)

    with pytest.raises(type(expected.value)):
        asyncio.run(ask())
    assert pool.ask(ON_TOPIC, 5)["citations"]  # the worker keeps answering


def test_a_request_abandoned_mid_answer_does_not_reach_the_next_caller(pool, engine):
    async def scenario():
        abandoned = [asyncio.ensure_future(pool.ask_async(q, 5)) for q in QUESTIONS[:4]]
        await asyncio.sleep(0.005)
        for task in abandoned:
            task.cancel()
        return await asyncio.gather(*(pool.ask_async(q, 5) for q in QUESTIONS[10:16]))

    for _ in range(3):
        assert asyncio.run(scenario()) == [engine.ask(q, k=5).to_dict() for q in QUESTIONS[10:16]]


def test_a_dead_worker_costs_one_request_and_is_replaced(pool, engine):
    before = pool.pids()
    os.kill(before[0], signal.SIGKILL)
    time.sleep(0.3)
    failures = 0
    for question in QUESTIONS[:6]:
        try:
            assert pool.ask(question, 5) == engine.ask(question, k=5).to_dict()
        except WorkerError as exc:
            assert "stopped unexpectedly" in str(exc)
            failures += 1
    assert failures <= 1
    deadline = time.monotonic() + 120
    while (len(pool.pids()) < 2 or before[0] in pool.pids()) and time.monotonic() < deadline:
        time.sleep(0.2)
    pids = pool.pids()
    assert len(pids) == 2 and before[0] not in pids and all(alive(p) for p in pids)
    assert [pool.ask(q, 5) for q in QUESTIONS[:4]] == [engine.ask(q, k=5).to_dict() for q in QUESTIONS[:4]]


def test_index_summary_is_the_engines(pool, engine):
    assert pool.index() == {"sources": engine.index.sources, "passages": len(engine.index.chunks)}


def test_close_stops_the_workers_and_later_requests_fail_cleanly(worker_env):
    with WorkerPool(1) as small:
        small.wait_ready()
        pids = small.pids()
        assert small.ask(ON_TOPIC, 5)["question"] == ON_TOPIC
    assert not any(alive(p) for p in pids)
    with pytest.raises(WorkerError, match="closed"):
        small.ask(ON_TOPIC, 5)


def test_a_worker_that_cannot_load_the_engine_is_reported(tmp_path, worker_env, monkeypatch):
    monkeypatch.setenv("QA_CORPUS_DIR", str(tmp_path / "no-corpus"))
    monkeypatch.setenv("QA_INDEX_DIR", str(tmp_path / "no-index"))
    pool = WorkerPool(1, ready_timeout=120)
    with pytest.raises(WorkerError, match="could not load the engine"):
        pool.wait_ready()
    assert pool.pids() == []
