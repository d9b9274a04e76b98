"""The chat app: a thin Gradio shell over `qa` (cited answers, sources panel, evidence table, `/ask` for scripts).

Run `python app.py [--host H] [--port P]` (or `make run`); QA_HOST / QA_PORT set the defaults (127.0.0.1:7860).

Call it from a script with gradio_client:

    from gradio_client import Client
    answer = Client("http://127.0.0.1:7860/").predict("Is there evidence for tocilizumab in CNO?", 5, api_name="/ask")
    answer["answer"], answer["citations"], answer["passages"]  # exactly Answer.to_dict()
"""

from __future__ import annotations

import time

STARTED = time.perf_counter()

import argparse  # noqa: E402
import asyncio  # noqa: E402
import gc  # noqa: E402
import importlib.util  # noqa: E402
import logging  # noqa: E402
import os  # noqa: E402
import signal  # noqa: E402
import socket  # noqa: E402
import sys  # noqa: E402
from typing import Any  # noqa: E402

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
# After every event Gradio's queue rebuilds a pandas summary of up to 10,000 past events for its monitoring
# dashboard, which this app does not enable: CPU that grows with uptime. Recompute it only every 10^9 events, and
# keep 100 past events, not 10,000 (the list of them is still copied after every event).
os.environ.setdefault("GRADIO_ANALYTICS_CACHE_FREQUENCY", "1000000000")
os.environ.setdefault("GRADIO_ANALYTICS_MAX_EVENTS", "100")

# Gradio tries `import matplotlib` around every event; when it is not installed, each failed import searches
# the whole sys.path on the server's event loop (about a tenth of the server's time under load). Recording the
# absence once makes the import fail at once.
if importlib.util.find_spec("matplotlib") is None:
    sys.modules.setdefault("matplotlib", None)  # type: ignore[arg-type]

import gradio as gr  # noqa: E402

from qa import present  # noqa: E402
from qa.service import Engine, default_engine  # noqa: E402
from qa.settings import Settings  # noqa: E402
from qa.workers import WorkerPool, answer_dict, chat_turn  # noqa: E402

log = logging.getLogger("qa.app")

TITLE = "Evidence QA: tocilizumab (Actemra) in CNO/CRMO and SAPHO"
EXAMPLES = [
    "Is there evidence for tocilizumab in adults with CNO?",
    "What dose of tocilizumab was used?",
    "Did any patient get worse on tocilizumab?",
    "What adverse events were reported with tocilizumab in SAPHO?",
    "What is the level of evidence for tocilizumab in CNO?",
    "What do the consensus treatment plans recommend for CNO?",
]
MAX_HISTORY = 20  # earlier questions kept for follow-ups
INTERNAL_ERROR = (
    "😕 **Sorry, something went wrong while answering.** The error has been logged; please try again or "
    "rephrase the question."
)
CSS = """
#sources-panel { border: 1px solid var(--border-color-primary); border-radius: var(--radius-lg);
  padding: 4px 16px 12px; background: var(--background-fill-secondary); }
#sources-panel mark, #chat mark { background: #fde68a; color: #111827; padding: 0 2px; border-radius: 3px; }
#sources-panel blockquote { border-left: 3px solid var(--color-accent); margin: 6px 0 14px;
  padding: 6px 12px; background: var(--background-fill-primary); font-style: normal; }
#sources-panel h4 { margin-top: 10px; scroll-margin-top: 12px; }
#sources-panel .source-flash { animation: source-flash 1.6s ease-out; }
@keyframes source-flash { from { background: #fde68a; } to { background: transparent; } }
#chat blockquote { border-left: 4px solid #f59e0b; background: #fffbeb; color: #78350f;
  padding: 8px 14px; margin: 4px 0; border-radius: 6px; }
#chat blockquote h3 { margin: 0 0 6px; color: #92400e; }
#chat .cite-marker { cursor: pointer; color: var(--color-accent); font-weight: 600; }
#evidence-table { font-size: 0.92em; }
"""
# Clicking an [n] marker in the chat scrolls the sources panel to that source and flashes its heading.
HEAD = """
<script>
(() => {
  const markerAt = (x, y) => {
    let node = null, offset = 0;
    if (document.caretRangeFromPoint) {
      const range = document.caretRangeFromPoint(x, y);
      if (range) { node = range.startContainer; offset = range.startOffset; }
    } else if (document.caretPositionFromPoint) {
      const pos = document.caretPositionFromPoint(x, y);
      if (pos) { node = pos.offsetNode; offset = pos.offset; }
    }
    if (!node || node.nodeType !== Node.TEXT_NODE) return null;
    const pattern = /\\[(\\d+)\\]/g;
    let match;
    while ((match = pattern.exec(node.textContent))) {
      if (match.index <= offset && offset <= match.index + match[0].length) return match[1];
    }
    return null;
  };
  window.qaShowSource = (n) => {
    const anchor = document.getElementById("source-" + n);
    if (!anchor) return false;
    const holder = anchor.closest("p") || anchor;
    const heading = holder.nextElementSibling || holder;
    heading.scrollIntoView({ behavior: "smooth", block: "start" });
    heading.classList.remove("source-flash");
    void heading.offsetWidth;
    heading.classList.add("source-flash");
    return true;
  };
  document.addEventListener("click", (event) => {
    if (!event.target.closest || !event.target.closest("#chat")) return;
    if (String(window.getSelection() || "")) return;
    const n = markerAt(event.clientX, event.clientY);
    if (n) window.qaShowSource(n);
  });
})();
</script>
"""


def build_app(engine: Engine | None, pool: WorkerPool | None = None) -> gr.Blocks:
    """The Blocks app: chat, sources panel, evidence table and the `/ask` API.

    With a worker `pool`, answers are computed in its processes (the same answers: `qa.workers`) and this process
    only serves (`engine` may be None); without one, by `engine` in this process.
    """
    if pool is not None:
        sources = pool.index()["sources"]
    elif engine is not None:
        sources = engine.index.sources
    else:
        raise ValueError("build_app needs an engine or a worker pool")

    if pool is not None:  # coroutines: Gradio awaits them on its event loop, no thread per request

        async def compute_answer(question: str, k: int) -> dict:
            return await pool.ask_async(question, k)

        async def compute_turn(message: str, asked: list[str]) -> tuple[str, str, str]:
            return await pool.chat_async(message, asked)

    else:

        async def compute_answer(question: str, k: int) -> dict:
            return await asyncio.to_thread(answer_dict, engine, question, k)

        async def compute_turn(message: str, asked: list[str]) -> tuple[str, str, str]:
            return await asyncio.to_thread(chat_turn, engine, message, asked)

    def submit(message: str, history: list[dict]) -> tuple[str, list[dict], str]:
        """Show the user's message at once and clear the box; the answer follows in `reply`."""
        history = list(history or [])
        if isinstance(message, str) and message.strip():
            history.append({"role": "user", "content": present.shown_question(message.strip())})
        return "", history, message

    async def reply(message: str, history: list[dict], asked: list[str]) -> tuple[list[dict], Any, list[str]]:
        """Answer the pending message (completed from earlier questions when it is a follow-up)."""
        history, asked = list(history or []), list(asked or [])
        try:
            question, shown, panel = await compute_turn(message, asked)
        except (TypeError, ValueError) as exc:
            history.append({"role": "assistant", "content": present.error_markdown(str(exc))})
            return history, gr.skip(), asked
        except Exception:
            log.exception("answering %r failed", message if isinstance(message, str) else type(message))
            history.append({"role": "assistant", "content": INTERNAL_ERROR})
            return history, gr.skip(), asked
        asked = [*asked, question][-MAX_HISTORY:]
        history.append({"role": "assistant", "content": shown})
        return history, panel, asked

    def clear() -> tuple[list, str, list, str, str]:
        """Start a new conversation."""
        return [], present.EMPTY_SOURCES, [], "", ""

    async def ask(question: str, k: int = 5) -> dict:
        """Answer a question from the evidence corpus; returns exactly `Answer.to_dict()`."""
        try:
            return await compute_answer(question, k)
        except (TypeError, ValueError) as exc:
            raise gr.Error(str(exc), print_exception=False) from None
        except Exception as exc:
            log.exception("/ask failed")
            raise gr.Error(f"internal error ({exc.__class__.__name__}); see the server log") from None

    with gr.Blocks(title=TITLE, fill_width=True) as demo:
        gr.Markdown(
            f"## {TITLE}\n"
            "Answers quote the sources verbatim and cite them as [n]; nothing is generated. "
            "Follow-ups such as *“and in children?”* use the conversation. "
            "_Decision support only, not medical advice._"
        )
        with gr.Tabs():
            with gr.Tab("Chat", id="chat-tab"), gr.Row(equal_height=False):
                with gr.Column(scale=3, min_width=420):
                    chatbot = gr.Chatbot(
                        label="Answers",
                        show_label=False,
                        elem_id="chat",
                        height=620,
                        buttons=["copy", "copy_all"],
                        feedback_options=None,
                        placeholder=(
                            "### Ask the evidence\nType a question about tocilizumab or other treatments "
                            "in CNO/CRMO or SAPHO, or pick an example below."
                        ),
                    )
                    with gr.Row():
                        box = gr.Textbox(
                            placeholder="e.g. Is there evidence for tocilizumab in adults with CNO?",
                            show_label=False,
                            container=False,
                            lines=1,
                            max_lines=6,
                            autofocus=True,
                            scale=6,
                            elem_id="question",
                        )
                        send = gr.Button("Ask", variant="primary", scale=1, min_width=80, elem_id="ask")
                        reset = gr.Button("New chat", variant="secondary", scale=1, min_width=80)
                    examples = gr.Examples(
                        examples=[[q] for q in EXAMPLES],
                        inputs=[box],
                        label="Example questions (click to ask)",
                        examples_per_page=len(EXAMPLES),
                        elem_id="examples",
                    )
                with gr.Column(scale=2, min_width=340):
                    panel = gr.Markdown(
                        present.EMPTY_SOURCES,
                        elem_id="sources-panel",
                        max_height=760,
                        container=True,
                    )
            with gr.Tab("Evidence", id="evidence-tab"):
                gr.Markdown(present.evidence_summary(sources.values()))
                gr.Dataframe(
                    value=present.evidence_rows(sources.values()),
                    headers=present.EVIDENCE_HEADERS,
                    datatype=present.EVIDENCE_TYPES,
                    interactive=False,
                    wrap=True,
                    show_search="search",
                    max_height=1200,
                    column_widths=["8%", "5%", "10%", "4%", "8%", "8%", "8%", "9%", "26%", "14%"],
                    elem_id="evidence-table",
                )
        pending = gr.State("")
        asked = gr.State([])

        turn = {"api_visibility": "private"}
        for trigger in (box.submit, send.click):
            trigger(submit, [box, chatbot], [box, chatbot, pending], queue=False, **turn).then(
                reply, [pending, chatbot, asked], [chatbot, panel, asked], **turn
            )
        examples.load_input_event.then(
            submit, [box, chatbot], [box, chatbot, pending], queue=False, **turn
        ).then(reply, [pending, chatbot, asked], [chatbot, panel, asked], **turn)
        reset.click(clear, None, [chatbot, panel, asked, box, pending], queue=False, **turn)
        chatbot.clear(clear, None, [chatbot, panel, asked, box, pending], queue=False, **turn)
        # Not through Gradio's queue: answers already wait for a worker in arrival order (or run in a thread), and a
        # plain POST /gradio_api/run/ask gets its answer in one exchange (the queue's route takes two, and an event).
        gr.api(ask, api_name="ask", queue=False)
    return demo


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """Command-line flags; QA_HOST / QA_PORT give the defaults."""
    try:
        settings = Settings.from_env()
    except ValueError as exc:
        raise SystemExit(f"app: error: bad QA_* environment setting: {exc}") from None
    parser = argparse.ArgumentParser(description=TITLE)
    parser.add_argument("--host", default=settings.host, help=f"interface to bind (default {settings.host})")
    parser.add_argument("--port", type=int, default=settings.port, help=f"port (default {settings.port})")
    cores = os.cpu_count() or 2
    parser.add_argument(
        "--workers",
        type=int,
        default=cores,
        help=f"processes that compute answers, each with its own copy of the engine; 0 computes them in the "
        f"server process (default: CPU count, {cores})",
    )
    parser.add_argument(
        "--concurrency",
        type=int,
        help="chat turns handled at once; further turns wait in Gradio's queue (default with workers: no limit "
        "of the app's own, so Gradio's cap of 40 events at once, turns waiting for a worker in the pool; with "
        "--workers 0: the CPU count, at least 2). /ask calls skip Gradio's queue and wait for a worker (or a "
        "thread) in arrival order",
    )
    args = parser.parse_args(argv)
    if not 0 < args.port < 65536:
        parser.error(f"port must be between 1 and 65535 (got {args.port})")
    if args.workers < 0:
        parser.error(f"workers must be 0 or more (got {args.workers})")
    # With workers, requests wait for one in the pool (in arrival order): that costs less than Gradio's queue, which
    # sends every waiting client a queue-position estimate whenever an event starts, and lets a worker that frees
    # up take several waiting questions at once (`WorkerPool.ask_async`). In-process answers use Gradio's threads.
    if args.concurrency is None and not args.workers:
        args.concurrency = max(2, cores)
    if args.concurrency is not None and args.concurrency < 1:
        parser.error(f"concurrency must be at least 1 (got {args.concurrency})")
    return args


def port_problem(host: str, port: int) -> str | None:
    """Why (host, port) cannot be listened on (in use, unknown host), or None."""
    try:
        with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind((host, port))
    except OSError as exc:
        return exc.strerror or str(exc)
    return None


def main(argv: list[str] | None = None) -> int:
    """Load the model and index once, then serve the app until interrupted."""
    args = parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    for noisy in ("httpx", "httpcore", "urllib3", "bm25s", "sentence_transformers", "chromadb"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    problem = port_problem(args.host, args.port)
    if problem:  # fail before the slow part of start-up
        log.error("cannot listen on %s:%s: %s", args.host, args.port, problem)
        return 2
    # SIGTERM (a service manager, a benchmark) stops the app like Ctrl+C: the server and the workers shut down.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    pool = WorkerPool(args.workers) if args.workers else None  # they load the engine meanwhile
    try:
        return serve(args, pool)
    finally:
        if pool is not None:
            pool.close()


def serve(args: argparse.Namespace, pool: WorkerPool | None) -> int:
    """Load the engine (here, or in the pool's workers), then run the app until interrupted."""
    loading = time.perf_counter()
    engine = None
    try:
        if pool is None:
            engine = default_engine()
            loaded = time.perf_counter() - loading
            warm = time.perf_counter()
            # One answer pays the one-off lazy costs (word lists, caches) before the first user.
            answer = engine.ask(EXAMPLES[0])
            present.sources_markdown(answer, engine.index.sources, engine.index.chunks)
            log.info(
                "model and index loaded in %.1f s (%d passages from %d sources); warm-up answer in %.2f s",
                loaded,
                len(engine.index.chunks),
                len(engine.index.sources),
                time.perf_counter() - warm,
            )
        else:
            pool.wait_ready()  # each worker loads the model and index and answers a warm-up question
            index = pool.index()
            log.info(
                "%d worker processes loaded the model and index in %.1f s (%d passages from %d sources; pids %s)",
                pool.size,
                time.perf_counter() - loading,
                index["passages"],
                len(index["sources"]),
                pool.pids(),
            )
    except Exception as exc:
        log.error("cannot load the model and index: %s: %s", exc.__class__.__name__, exc)
        return 2
    demo = build_app(engine, pool)
    demo.queue(default_concurrency_limit=args.concurrency, max_size=None)
    try:
        demo.launch(
            server_name=args.host,
            server_port=args.port,
            prevent_thread_lock=True,
            quiet=True,
            show_error=False,
            css=CSS,
            head=HEAD,
            theme=gr.themes.Soft(),
        )
    except OSError as exc:
        log.error("cannot listen on %s:%s: %s", args.host, args.port, exc)
        return 2
    # Everything loaded so far (engine, Gradio, the app) lives as long as the process: keep it out of the
    # garbage collector's full passes, which otherwise walk all of it now and then (over 0.1 s) while requests wait.
    gc.collect()
    gc.freeze()
    url = f"http://{args.host}:{args.port}/"
    log.info(
        "start-up took %.1f s; listening on %s (API: POST %sgradio_api/run/ask)",
        time.perf_counter() - STARTED,
        url,
        url,
    )
    try:
        demo.block_thread()
    except (KeyboardInterrupt, SystemExit):
        pass
    finally:
        demo.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
