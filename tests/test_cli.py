"""The `qa` command: index, ask, sources; bad input and broken corpora give a one-line message and exit 2."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

from qa.cli import main
from qa.service import reset_engine
from qa.settings import ROOT

QUESTION = "Is there evidence for tocilizumab in CNO?"
SOURCE_IDS = [
    "cam2025",
    "campbell2018",
    "fujita2015",
    "hedrich2023",
    "kaut2022",
    "report",
    "roberts2024",
    "sato2017",
    "sun2018",
]
ANSWER_KEYS = ["question", "answer", "insufficient_evidence", "evidence_level", "citations", "passages"]
QA_SCRIPT = shutil.which("qa", path=os.path.dirname(sys.executable))


def _run(*args: str, env: dict[str, str], script: bool = False) -> subprocess.CompletedProcess:
    command = [QA_SCRIPT] if script else [sys.executable, "-m", "qa"]
    return subprocess.run(
        [*command, *args], env=env, capture_output=True, text=True, timeout=300, cwd=ROOT, check=False
    )


@pytest.fixture
def session_env(engine, settings, monkeypatch) -> dict[str, str]:
    """Environment pointing the CLI at the session's temp index (built already), for subprocesses and in-process."""
    monkeypatch.setenv("QA_INDEX_DIR", str(settings.index_dir))
    monkeypatch.setenv("QA_CORPUS_DIR", str(settings.corpus_dir))
    reset_engine()
    yield {**os.environ, "HF_HUB_OFFLINE": "1", "PYTHONWARNINGS": "ignore"}
    reset_engine()


@pytest.fixture
def broken_env(corpus_copy, tmp_path) -> dict[str, str]:
    path = corpus_copy / "sun2018.md"
    raw = path.read_text(encoding="utf-8")
    path.write_text(raw.replace("year: 2018\n", "year: eighteen\n"), encoding="utf-8")
    return {
        **os.environ,
        "HF_HUB_OFFLINE": "1",
        "QA_CORPUS_DIR": str(corpus_copy),
        "QA_INDEX_DIR": str(tmp_path / "index"),
    }


# ---------------------------------------------------------------- the real entry points


def test_empty_question_exits_2_with_a_message(session_env):
    result = _run("ask", "", env=session_env)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("qa: error:") and "empty" in result.stderr
    assert result.stdout == ""


def test_sources_lists_every_source(session_env):
    assert QA_SCRIPT, "the `qa` entry point is not installed"
    result = _run("sources", env=session_env, script=True)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().split("\n")
    assert sorted(line.split()[0] for line in lines[1:]) == SOURCE_IDS
    for doi in ("10.1186/s12969-022-00698-3", "10.1177/0300060518806105", "10.1111/1756-185X.12525"):
        assert doi in result.stdout


def test_the_same_question_gets_the_same_answer_whatever_the_hash_seed(session_env):
    # two treatments of equal rarity asked together: which one leads must not follow a set's hash order
    question = "in that referral center series what worked better, the regular DMARDs like methotrexate or the anti TNF biologics?"
    outputs = {
        _run("ask", question, env={**session_env, "PYTHONHASHSEED": seed}).stdout for seed in ("0", "3")
    }
    assert len(outputs) == 1


@pytest.mark.parametrize("command", [["sources"], ["index", "--quiet"], ["ask", QUESTION]])
def test_malformed_corpus_exits_2_naming_file_and_field(broken_env, command):
    result = _run(*command, env=broken_env)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert "sun2018.md" in result.stderr and "'year'" in result.stderr
    assert len(result.stderr.strip().split("\n")) == 1, result.stderr


# ---------------------------------------------------------------- in process


def test_ask_json_prints_the_documented_answer(session_env, engine, capsys):
    assert main(["ask", QUESTION, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert list(data) == ANSWER_KEYS
    assert data == engine.ask(QUESTION).to_dict()
    assert data["citations"] and data["passages"] and data["insufficient_evidence"] is False


def test_ask_prints_the_answer_text(session_env, engine, capsys):
    assert main(["ask", QUESTION, "-k", "3"]) == 0
    out = capsys.readouterr().out
    assert out.strip() == engine.ask(QUESTION, k=3).answer.strip()
    assert "**References**" in out


def test_ask_with_filters(session_env, capsys):
    assert main(["ask", "What happened to patients on tocilizumab?", "--json", "--population", "adult"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert not {p["source_id"] for p in data["passages"]} & {"kaut2022", "cam2025", "campbell2018"}


def test_ask_out_of_scope_json(session_env, capsys):
    assert main(["ask", "anakinra dosing in gout", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["insufficient_evidence"] is True and data["citations"] == []


@pytest.mark.parametrize(
    ("argv", "message"),
    [(["ask", QUESTION, "-k", "0"], "k"), (["ask", "x" * 2001], "too long"), (["ask", "   "], "empty")],
)
def test_bad_ask_exits_2(session_env, capsys, argv, message):
    assert main(argv) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("qa: error:") and message in captured.err


def test_bad_filter_choice_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as info:
        main(["ask", QUESTION, "--population", "elderly"])
    assert info.value.code == 2
    assert "population" in capsys.readouterr().err


def test_sources_json(session_env, capsys):
    assert main(["sources", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert sorted(s["id"] for s in data) == SOURCE_IDS
    assert {s["id"]: s["doi"] for s in data}["report"] is None


def test_index_reports_the_live_index(session_env, engine, capsys):
    assert main(["index", "--quiet"]) == 0
    out = capsys.readouterr().out
    manifest = engine.index.manifest
    assert out.startswith("index up to date:")
    assert f"{manifest.n_chunks} chunks from 9 sources" in out
    assert str(engine.index.path) in out


def test_index_builds_and_rebuilds(tmp_settings, monkeypatch, capsys):
    for path in tmp_settings.corpus_dir.glob("*.md"):
        if path.name not in ("report.md", "hedrich2023.md"):
            path.unlink()
    monkeypatch.setenv("QA_CORPUS_DIR", str(tmp_settings.corpus_dir))
    monkeypatch.setenv("QA_INDEX_DIR", str(tmp_settings.index_dir))
    monkeypatch.setenv("QA_EMBEDDER", "torch")
    assert main(["index", "--quiet"]) == 0
    first = capsys.readouterr().out
    assert first.startswith("index built:") and "from 2 sources" in first
    pointer = (tmp_settings.index_dir / "CURRENT").read_text()
    assert main(["index", "--quiet"]) == 0
    assert capsys.readouterr().out.startswith("index up to date:")
    assert (tmp_settings.index_dir / "CURRENT").read_text() == pointer
    assert main(["index", "--rebuild", "--quiet"]) == 0
    assert capsys.readouterr().out.startswith("index built:")
    assert (tmp_settings.index_dir / "CURRENT").read_text() != pointer


def test_a_reader_that_stops_early_gets_no_traceback(session_env, tmp_path):
    """`qa ask ... | head -1`: the pipe closes before the answer is printed; no traceback, no error line."""
    assert QA_SCRIPT, "the `qa` entry point is not installed"
    read, write = os.pipe()
    os.close(read)  # the reader is gone before the answer is written: the write fails with EPIPE
    with (tmp_path / "stderr").open("w") as err:
        code = subprocess.run(
            [QA_SCRIPT, "ask", "Is there evidence for tocilizumab in CNO?"],
            env=session_env,
            stdout=write,
            stderr=err,
            timeout=300,
            check=False,
        ).returncode
    os.close(write)
    stderr = (tmp_path / "stderr").read_text()
    assert "Traceback" not in stderr and "Error" not in stderr, stderr
    assert code == 141
