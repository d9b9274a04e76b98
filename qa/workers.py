"""Answers computed in worker processes, so that a server's own process only does HTTP and queue work.

Python runs one thread of Python code at a time per process (the GIL), so a server that computes answers in its
own process uses about one core however many the machine has. `WorkerPool(n)` starts n worker processes
(`python -m qa.workers`: fresh interpreters that inherit only the environment, so no threads or locks of the
server) that each load the engine once (`default_engine()`: the same settings, index and model) and then answer
one request at a time:

    pool = WorkerPool(2)
    pool.wait_ready()                       # each worker has loaded the engine and answered a warm-up question
    pool.ask("Is there evidence for tocilizumab in CNO?", 5)   # == default_engine().ask(q, k=5).to_dict()
    pool.chat("and in children?", ["Is there evidence for tocilizumab in adults with CNO?"])
    await pool.ask_async(question, 5)       # the same from a coroutine, without a thread (what the app uses)
    pool.close()

`ask` returns exactly `Engine.ask(question, k=k).to_dict()` as computed in a worker. `chat` is one chat turn:
the message completed from the earlier questions (`qa.followup.resolve`), answered, and rendered for the app
(`qa.present`); it returns (answered question, answer Markdown, sources-panel Markdown). Requests wait for a
free worker in arrival order; threads and coroutines (of any event loop) may share one pool.

Batching: when `ask_async` questions are waiting, the worker that frees up takes the oldest one together with
those queued right behind it (up to `max_batch`, default 3) as one "ask_many" request. The worker embeds them
with one model call and fetches their nearest chunks with one Chroma query (`Engine.ask_many`: the same
answers, the query vectors bit-for-bit the same; each worker checks that at start-up and otherwise embeds one
question at a time), then sends each answer as soon as it is composed. Larger batches save a little more CPU
but spread the latencies more (measured: 3 gave the lowest 20-client p95, 2 and 4 higher). Under load that costs less
worker CPU per answer (measured with 20 clients: 9-11 ms instead of 13-15); a lone question still goes to a free
worker at once, by itself.

Errors: a ValueError or TypeError raised while answering (bad question or k) is raised again in the caller, with
the same type and message. Anything else becomes `WorkerError` (the worker logs the traceback to its stderr,
which is the server's). A worker that dies or hangs (no reply within `call_timeout`) is replaced in the
background and the request it had gets `WorkerError`; the other workers keep answering. A coroutine cancelled
while its worker answers (a client that went away) leaves the exchange to finish before the worker is reused.
`close()` stops the workers (each exits when its socket closes, also when the server is killed).

Each worker runs onnxruntime with one thread and no spinning (it answers one question at a time; idle threads
spinning would take CPU from the server and the other workers; the query vectors are bit-for-bit the same),
keeps its loaded engine out of the garbage collector's full passes (`gc.freeze`), and runs at a lower CPU
priority (`nice`, default 5) than the server, which every request passes through twice.

Protocol: one socketpair per worker; each message is a 4-byte big-endian length and a pickle. Requests are
(op, args); replies ("ok", value) or ("error", "ValueError" | "TypeError" | other type name, message): one reply
per request, except ("ask_many", ([(question, k), ...],)), which gets one reply per question, in order. Pickles
are only exchanged between the server and its own children.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import gc
import logging
import os
import pickle
import signal
import socket
import struct
import subprocess
import sys
import threading
import time
from collections import deque
from collections.abc import Iterator
from typing import Any

log = logging.getLogger("qa.workers")

_HEADER = struct.Struct("!I")
WARM_UP = "Is there evidence for tocilizumab in adults with CNO?"


class WorkerError(RuntimeError):
    """No answer from a worker: it failed unexpectedly, stopped, or none became free in time."""


def _frame(message: Any) -> bytes:
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    return _HEADER.pack(len(data)) + data


def _recv_exactly(sock: socket.socket, size: int) -> bytes | None:
    chunks, left = [], size
    while left:
        chunk = sock.recv(min(left, 1 << 20))
        if not chunk:
            return None
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def _recv(sock: socket.socket) -> Any:
    """The next message on a blocking socket, or None when the other side closed it."""
    header = _recv_exactly(sock, _HEADER.size)
    data = None if header is None else _recv_exactly(sock, _HEADER.unpack(header)[0])
    return None if data is None else pickle.loads(data)


async def _recv_async(sock: socket.socket, buffer: bytearray) -> Any:
    """The next message on a non-blocking socket, read on the running event loop.

    `buffer` holds bytes read past the previous message (the replies to "ask_many" arrive back to back); what is
    read past this one stays in it for the next call.
    """
    loop = asyncio.get_running_loop()
    size = None
    while True:
        if size is None and len(buffer) >= _HEADER.size:
            size = _HEADER.size + _HEADER.unpack_from(buffer)[0]
        if size is not None and len(buffer) >= size:
            break
        chunk = await loop.sock_recv(sock, max(1 << 16, (size or 0) - len(buffer)))
        if not chunk:
            raise EOFError("the worker closed its socket")
        buffer += chunk
    message = pickle.loads(buffer[_HEADER.size : size])
    del buffer[:size]
    return message


class _Worker:
    """One `python -m qa.workers` process and the server's end of its socket."""

    def __init__(self, nice: int = 0) -> None:
        mine, theirs = socket.socketpair()
        try:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "qa.workers", str(theirs.fileno()), str(nice)],
                pass_fds=(theirs.fileno(),),
                stdin=subprocess.DEVNULL,
            )
        except BaseException:
            mine.close()
            raise
        finally:
            theirs.close()
        self.sock = mine
        self.buffer = bytearray()  # bytes read ahead of the next reply (`_recv_async`)

    def wait_ready(self, timeout: float) -> None:
        """Block until the worker has loaded the engine; WorkerError if it fails or takes longer than `timeout`."""
        self.sock.settimeout(timeout)
        try:
            message = _recv(self.sock)
        except TimeoutError:
            self.stop()
            raise WorkerError(f"a worker did not load the engine within {timeout:.0f} s") from None
        except OSError as exc:
            message = ("failed", str(exc))
        if not (isinstance(message, tuple) and message and message[0] == "ready"):
            reason = message[1] if isinstance(message, tuple) and len(message) > 1 else "it exited"
            self.stop()
            raise WorkerError(f"a worker could not load the engine: {reason}")

    def exchange(self, frame: bytes, timeout: float) -> tuple:
        """Send one request and wait for its reply (OSError / EOFError when the worker is gone or too slow)."""
        self.sock.settimeout(timeout)
        self.sock.sendall(frame)
        reply = _recv(self.sock)
        if reply is None:
            raise EOFError("the worker closed its socket")
        return reply

    async def exchange_async(self, frame: bytes, timeout: float) -> tuple:
        """`exchange` on the running event loop."""
        self.sock.setblocking(False)
        async with asyncio.timeout(timeout):
            await asyncio.get_running_loop().sock_sendall(self.sock, frame)
            return await _recv_async(self.sock, self.buffer)

    def stop(self, wait: float = 5.0) -> None:
        """Close the socket (the worker exits when it sees that), then terminate or kill it if it lingers."""
        with contextlib.suppress(OSError):
            self.sock.close()
        try:
            self.proc.wait(wait)
        except subprocess.TimeoutExpired:
            self.proc.terminate()
            try:
                self.proc.wait(wait)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


_EXCHANGE_FAILURES = (OSError, EOFError, TimeoutError, pickle.UnpicklingError)


class _Ask:
    """An `ask_async` request waiting for a worker: its (question, k), its event loop and the future of its reply."""

    __slots__ = ("item", "loop", "reply")

    def __init__(self, item: tuple[Any, Any], loop: asyncio.AbstractEventLoop) -> None:
        self.item = item
        self.loop = loop
        self.reply: concurrent.futures.Future[tuple] = concurrent.futures.Future()


class WorkerPool:
    """`workers` processes answering questions; each request goes to a free worker, in arrival order."""

    def __init__(
        self,
        workers: int,
        *,
        ready_timeout: float = 300.0,
        wait_timeout: float = 300.0,
        call_timeout: float = 120.0,
        nice: int = 5,
        max_batch: int = 3,
    ) -> None:
        if workers < 1:
            raise ValueError(f"a worker pool needs at least one worker (got {workers})")
        self.size = workers
        self.ready_timeout = ready_timeout
        self.wait_timeout = wait_timeout
        self.call_timeout = call_timeout
        self.nice = nice
        self.max_batch = max(1, max_batch)
        self._lock = threading.Lock()
        self._idle: deque[_Worker] = deque()
        # Requests waiting for a worker, in arrival order: a future that gets the worker, or an `_Ask`.
        self._waiting: deque[concurrent.futures.Future[_Worker] | _Ask] = deque()
        self._exchanges: set[asyncio.Task] = set()  # batch exchanges running (referenced until they finish)
        self.batched = 0  # questions answered together with others ("ask_many"), for tests and diagnostics
        self._closed = False
        self._workers: set[_Worker] = set()
        self._starting = [self._start() for _ in range(workers)]  # they load the engine in parallel

    # ---- workers coming and going

    def _start(self) -> _Worker:
        with self._lock:
            if self._closed:
                raise WorkerError("the worker pool is closed")
            worker = _Worker(self.nice)
            self._workers.add(worker)
        return worker

    def _forget(self, worker: _Worker) -> None:
        with self._lock:
            self._workers.discard(worker)

    def wait_ready(self, timeout: float | None = None) -> None:
        """Block until every worker has loaded the engine (WorkerError, and the pool closed, if one cannot)."""
        deadline = time.monotonic() + (self.ready_timeout if timeout is None else timeout)
        starting, self._starting = self._starting, []
        try:
            for worker in starting:
                worker.wait_ready(max(0.1, deadline - time.monotonic()))
        except BaseException:
            self.close()
            raise
        for worker in starting:
            self._release(worker)

    def pids(self) -> list[int]:
        """Process ids of the current workers."""
        with self._lock:
            return sorted(w.proc.pid for w in self._workers)

    def _failed(self, worker: _Worker, exc: BaseException) -> WorkerError:
        """Replace a worker whose exchange failed (in the background); the error for its request."""
        if self._closed:
            return WorkerError("the worker pool is closed")
        log.error("worker %s failed (%s: %s); starting a new one", worker.proc.pid, type(exc).__name__, exc)
        threading.Thread(target=self._replace, args=(worker,), name="qa-worker-restart", daemon=True).start()
        return WorkerError("the answering process stopped unexpectedly; a new one is starting")

    def _replace(self, worker: _Worker) -> None:
        """Stop a failed worker and start another (retrying with a growing pause while the pool is open)."""
        worker.stop(wait=1.0)
        self._forget(worker)
        pause = 1.0
        while True:
            try:
                fresh = self._start()
            except WorkerError:  # the pool was closed
                return
            try:
                fresh.wait_ready(self.ready_timeout)
            except WorkerError as exc:
                self._forget(fresh)
                if self._closed:
                    return
                log.error("%s; trying again in %.0f s", exc, pause)
                time.sleep(pause)
                pause = min(pause * 2, 60.0)
                continue
            log.info("worker %s replaced by %s", worker.proc.pid, fresh.proc.pid)
            self._release(fresh)
            return

    def close(self) -> None:
        """Stop every worker (idempotent); requests waiting for one get WorkerError."""
        with self._lock:
            self._closed = True
            workers = list(self._workers)
            self._workers.clear()
            self._idle.clear()
            waiting = list(self._waiting)
            self._waiting.clear()
        for waiter in waiting:
            future = waiter.reply if isinstance(waiter, _Ask) else waiter
            if future.set_running_or_notify_cancel():
                future.set_exception(WorkerError("the worker pool is closed"))
        for worker in workers:
            with contextlib.suppress(OSError):
                worker.sock.close()  # all at once: each exits when it sees the socket close
        for worker in workers:
            worker.stop()

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---- handing workers out

    def _release(self, worker: _Worker) -> None:
        """Give a free worker to the longest-waiting request, or keep it idle.

        When that request is an `ask_async` one, the worker takes it together with the asks queued right behind it
        (up to `max_batch`, from the same event loop) and answers them with one "ask_many" request.
        """
        with self._lock:
            if self._closed:
                return
            while self._waiting:
                head = self._waiting.popleft()
                if not isinstance(head, _Ask):
                    if head.set_running_or_notify_cancel():  # False: that request gave up waiting
                        head.set_result(worker)
                        return
                    continue
                batch = [head] if head.reply.set_running_or_notify_cancel() else []
                while (
                    len(batch) < self.max_batch
                    and self._waiting
                    and isinstance(self._waiting[0], _Ask)
                    and self._waiting[0].loop is head.loop
                ):
                    ask = self._waiting.popleft()
                    if ask.reply.set_running_or_notify_cancel():
                        batch.append(ask)
                if not batch:
                    continue
                try:
                    head.loop.call_soon_threadsafe(self._dispatch, worker, batch)
                except RuntimeError:  # that event loop is closed: its requests are gone
                    for ask in batch:
                        ask.reply.set_exception(WorkerError("the event loop of the request is closed"))
                    continue
                return
            self._idle.append(worker)

    def _dispatch(self, worker: _Worker, batch: list[_Ask]) -> None:
        """Start answering `batch` on `worker` (on the batch's event loop)."""
        task = asyncio.ensure_future(self._exchange_batch(worker, batch))
        self._exchanges.add(task)
        task.add_done_callback(self._exchanges.discard)
        task.add_done_callback(_consume)

    async def _exchange_batch(self, worker: _Worker, batch: list[_Ask]) -> None:
        """Send `batch` to `worker` as one request and hand each reply to its ask as it arrives, then free the worker.

        Runs as its own task, so a caller that stops waiting leaves the exchange to finish (the worker is reused).
        """
        if len(batch) == 1:
            frame = _frame(("ask", batch[0].item))
        else:
            frame = _frame(("ask_many", ([ask.item for ask in batch],)))
            self.batched += len(batch)
        try:
            worker.sock.setblocking(False)
            loop = asyncio.get_running_loop()
            async with asyncio.timeout(self.call_timeout):
                await loop.sock_sendall(worker.sock, frame)
            for ask in batch:
                async with asyncio.timeout(self.call_timeout):  # each answer within call_timeout of the last
                    reply = await _recv_async(worker.sock, worker.buffer)
                ask.reply.set_result(reply)
        except BaseException as exc:
            # A failed exchange, or this task cancelled mid-way (the worker's state is unknown): replace the worker.
            error = self._failed(worker, exc)
            for ask in batch:
                if not ask.reply.done():
                    ask.reply.set_exception(error)
            if not isinstance(exc, Exception):
                raise
            return
        self._release(worker)

    def _claim(self) -> _Worker | concurrent.futures.Future[_Worker]:
        """A free worker, or a future that gets the next one."""
        with self._lock:
            if self._closed:
                raise WorkerError("the worker pool is closed")
            if self._idle:
                return self._idle.popleft()
            future: concurrent.futures.Future[_Worker] = concurrent.futures.Future()
            self._waiting.append(future)
            return future

    def _unclaim(self, future: concurrent.futures.Future[_Worker]) -> None:
        """The request behind `future` gave up waiting: withdraw it, or pass on the worker it got meanwhile."""
        if not future.cancel() and not future.cancelled() and future.exception() is None:
            self._release(future.result())

    def _acquire(self) -> _Worker:
        claim = self._claim()
        if isinstance(claim, _Worker):
            return claim
        try:
            return claim.result(timeout=self.wait_timeout)
        except concurrent.futures.TimeoutError:
            self._unclaim(claim)
            raise WorkerError(f"no worker became free within {self.wait_timeout:.0f} s") from None

    async def _acquire_async(self) -> _Worker:
        claim = self._claim()
        if isinstance(claim, _Worker):
            return claim
        try:
            async with asyncio.timeout(self.wait_timeout):
                return await asyncio.wrap_future(claim)
        except TimeoutError:
            self._unclaim(claim)
            raise WorkerError(f"no worker became free within {self.wait_timeout:.0f} s") from None
        except BaseException:
            self._unclaim(claim)
            raise

    # ---- requests

    def ask(self, question: Any, k: Any = 5) -> dict:
        """`Engine.ask(question, k=k).to_dict()`, computed in a worker."""
        return self._call("ask", question, k)

    def chat(self, message: Any, asked: list[str]) -> tuple[str, str, str]:
        """One chat turn in a worker: (answered question, answer Markdown, sources-panel Markdown)."""
        return self._call("chat", message, list(asked))

    def index(self) -> dict:
        """{"sources": the index's source metadata by id, "passages": how many passages it holds}, from a worker."""
        return self._call("index")

    async def ask_async(self, question: Any, k: Any = 5) -> dict:
        """`ask` from a coroutine: waits on the running event loop, no thread.

        A free worker answers the question at once; otherwise it waits in line, and the worker that frees up takes
        it with the asks queued next to it (up to `max_batch`) as one "ask_many" request: the same answers
        (`Engine.ask_many`), for less CPU per question when many arrive together.
        """
        ask = _Ask((question, k), asyncio.get_running_loop())
        with self._lock:
            if self._closed:
                raise WorkerError("the worker pool is closed")
            worker = self._idle.popleft() if self._idle else None
            if worker is None:
                self._waiting.append(ask)
        if worker is not None:
            ask.reply.set_running_or_notify_cancel()
            self._dispatch(worker, [ask])
        try:
            async with asyncio.timeout(self.wait_timeout):
                reply = await asyncio.wrap_future(ask.reply)
        except TimeoutError:
            if ask.reply.cancelled():  # still waiting for a worker: withdrawn
                raise WorkerError(f"no worker became free within {self.wait_timeout:.0f} s") from None
            reply = await asyncio.wrap_future(ask.reply)  # being answered: the exchange has its own timeout
        return _outcome(reply)

    async def chat_async(self, message: Any, asked: list[str]) -> tuple[str, str, str]:
        """`chat` from a coroutine."""
        return await self._call_async("chat", message, list(asked))

    def _call(self, op: str, *args: Any) -> Any:
        frame = _frame((op, args))
        worker = self._acquire()
        try:
            reply = worker.exchange(frame, self.call_timeout)
        except _EXCHANGE_FAILURES as exc:
            raise self._failed(worker, exc) from None
        self._release(worker)
        return _outcome(reply)

    async def _call_async(self, op: str, *args: Any) -> Any:
        frame = _frame((op, args))
        worker = await self._acquire_async()
        # Shielded: a caller cancelled mid-exchange must not leave the reply unread on a reused worker.
        exchange = asyncio.ensure_future(self._exchange_async(worker, frame))
        exchange.add_done_callback(_consume)
        return _outcome(await asyncio.shield(exchange))

    async def _exchange_async(self, worker: _Worker, frame: bytes) -> tuple:
        try:
            reply = await worker.exchange_async(frame, self.call_timeout)
        except _EXCHANGE_FAILURES as exc:
            raise self._failed(worker, exc) from None
        self._release(worker)
        return reply


def _consume(task: asyncio.Future) -> None:
    """Retrieve a finished exchange's exception (its caller may have stopped waiting for it)."""
    if not task.cancelled():
        task.exception()


def _outcome(reply: tuple) -> Any:
    """The value of a reply, or its error raised again (ValueError / TypeError as such, else WorkerError)."""
    if reply[0] == "ok":
        return reply[1]
    _, kind, message = reply
    if kind == "ValueError":
        raise ValueError(message)
    if kind == "TypeError":
        raise TypeError(message)
    raise WorkerError(f"{kind}: {message}")


# ---- the worker process


def _one_onnx_thread(engine: Any) -> None:
    """Run the query model on one onnxruntime thread without spinning (the worker answers one question at a time)."""
    encoder = engine.embedder.onnx
    if encoder is None:  # the torch backend
        return
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.log_severity_level = 3
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    encoder.session = ort.InferenceSession(
        str(engine.embedder.export_dir / "model.onnx"), options, providers=["CPUExecutionProvider"]
    )


def answer_dict(engine: Any, question: Any, k: Any = 5) -> dict:
    """What `/ask` returns: `engine.ask(question, k=k).to_dict()` (the "ask" request)."""
    return engine.ask(question, k=k).to_dict()


def chat_turn(engine: Any, message: Any, asked: list[str]) -> tuple[str, str, str]:
    """One chat turn (the "chat" request): (answered question, answer Markdown, sources-panel Markdown)."""
    from . import present
    from .followup import resolve

    answer = engine.ask(resolve(message, asked))
    return (
        answer.question,
        present.answer_markdown(answer, message),
        present.sources_markdown(answer, engine.index.sources, engine.index.chunks),
    )


def index_summary(engine: Any) -> dict:
    """The loaded index in brief (the "index" request): its sources' metadata and its passage count."""
    return {"sources": engine.index.sources, "passages": len(engine.index.chunks)}


OPERATIONS = {"ask": answer_dict, "chat": chat_turn, "index": index_summary}


def _replies_many(engine: Any, items: Any) -> Iterator[bytes]:
    """The replies to an "ask_many" request, one per (question, k), each as soon as it is answered.

    Always exactly one reply per item, in order: the same as "ask" would give for it (`Engine.iter_answers`).
    """
    items = list(items)
    sent = 0
    try:
        for result in engine.iter_answers(items):
            if isinstance(result, (ValueError, TypeError)):
                value = (
                    "error",
                    "ValueError" if isinstance(result, ValueError) else "TypeError",
                    str(result),
                )
            elif isinstance(result, Exception):
                log.error("worker %s: ask failed: %s: %s", os.getpid(), type(result).__name__, result)
                value = ("error", type(result).__name__, str(result))
            else:
                value = ("ok", result.to_dict())
            try:
                frame = _frame(value)
            except Exception as exc:
                frame = _frame(("error", type(exc).__name__, f"cannot send the answer: {exc}"))
            sent += 1
            yield frame
    except Exception as exc:
        log.exception("worker %s: ask_many failed", os.getpid())
        failed = ("error", type(exc).__name__, str(exc))
    else:
        failed = ("error", "RuntimeError", "no answer")
    for _ in range(sent, len(items)):
        yield _frame(failed)


def _reply(engine: Any, request: Any) -> bytes:
    try:
        op, args = request
        value = ("ok", OPERATIONS[op](engine, *args))
    except (ValueError, TypeError) as exc:
        value = ("error", "ValueError" if isinstance(exc, ValueError) else "TypeError", str(exc))
    except Exception as exc:
        log.exception(
            "worker %s: %r failed", os.getpid(), request[0] if isinstance(request, tuple) else request
        )
        value = ("error", type(exc).__name__, str(exc))
    try:
        return _frame(value)
    except Exception as exc:
        return _frame(("error", type(exc).__name__, f"cannot send the answer: {exc}"))


def serve(fd: int, nice: int = 0) -> int:
    """The worker: load the engine, say "ready", then answer requests on socket `fd` until it closes."""
    # Ctrl+C reaches the whole process group; the server stops its workers itself.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    for noisy in ("bm25s", "sentence_transformers", "chromadb", "httpx", "urllib3"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    sock = socket.socket(fileno=fd)
    try:
        from . import present
        from .service import default_engine

        engine = default_engine()
        _one_onnx_thread(engine)
        engine.batch_embedding_exact  # noqa: B018 - checked once now (on the session it will use), not mid-request
        answer = engine.ask(WARM_UP)  # one-off lazy costs (word lists, caches) before the first request
        present.sources_markdown(answer, engine.index.sources, engine.index.chunks)
        # The engine's objects live as long as the worker: keep them out of the garbage collector's full
        # passes, which would otherwise walk all of them now and then, holding up the answer in progress.
        gc.collect()
        gc.freeze()
        if nice:  # the server process, the one that every request goes through, comes first for the CPU
            os.nice(nice)
    except Exception as exc:
        log.error("worker %s cannot load the engine: %s: %s", os.getpid(), type(exc).__name__, exc)
        with contextlib.suppress(OSError):
            sock.sendall(_frame(("failed", f"{type(exc).__name__}: {exc}")))
        return 2
    try:
        sock.sendall(_frame(("ready", os.getpid())))
        while (request := _recv(sock)) is not None:
            if isinstance(request, tuple) and request and request[0] == "ask_many":
                for frame in _replies_many(engine, request[1][0]):
                    sock.sendall(frame)
            else:
                sock.sendall(_reply(engine, request))
    except OSError:  # the server went away
        pass
    return 0


if __name__ == "__main__":
    sys.exit(serve(int(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 0))
