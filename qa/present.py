"""Presentation for the chat app: answer and error Markdown, the sources panel with highlighted words, the evidence table."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping
from typing import Any, Protocol

from wordfreq import zipf_frequency

from .answer import Answer, Passage
from .lexicon import STOPWORDS, SYNONYMS, normalize, stem, words

EVIDENCE_HEADERS = [
    "Study",
    "Year",
    "Design",
    "N",
    "Population",
    "Conditions",
    "On tocilizumab",
    "Tocilizumab outcome",
    "What the source reports (verbatim)",
    "DOI",
]
EVIDENCE_TYPES = ["str", "number", "str", "number", "str", "str", "number", "str", "str", "markdown"]
COMMON_ZIPF = 5.75  # words at least this frequent in English ("after", "work", "used") are not highlighted
EMPTY_SOURCES = (
    "### Sources\n\nAsk a question: the passages behind the answer appear here, each under its [n]."
)

_TOKEN = re.compile(r"[^\W_]+(?:['’.,/-][^\W_]+)*", re.UNICODE)
_DASH_CLASS = "[-‐‑‒–—−]"
_MD_SPECIAL = re.compile(r"([\\`*_\[\]{}|~#$])")
_LIST_START = re.compile(r"^(\s*)(\d+)([.)])|^(\s*)([-+])(?=\s)")


def question_terms(question: str) -> set[str]:
    """The question's content words, folded (synonyms -> one canonical token), without stop or everyday words."""
    return {
        w
        for w in words(question)
        if w not in STOPWORDS
        and (len(w) > 1 or w.isdigit())
        and (w.replace("_", " ") in SYNONYMS or w[0].isdigit() or zipf_frequency(w, "en") < COMMON_ZIPF)
    }


def _term_spans(text: str, terms: set[str]) -> list[tuple[int, int]]:
    """Character spans of `text` that say one of `terms` (any synonym, any inflection)."""
    if not terms:
        return []
    stems = {stem(t) for t in terms}
    spans: list[tuple[int, int]] = []
    phrases = set()
    for term in terms:
        canon = term.replace("_", " ")
        if canon in SYNONYMS:
            phrases.update(v for v in (canon, *SYNONYMS[canon]) if " " in v or "-" in v)
    if phrases:
        ordered = sorted(phrases, key=len, reverse=True)
        alternation = "|".join(
            re.escape(p).replace(r"\-", _DASH_CLASS).replace(r"\ ", r"\s+") for p in ordered
        )
        spans += [m.span() for m in re.finditer(rf"(?<![\w-])(?:{alternation})(?![\w-])", text, re.I)]
    for match in _TOKEN.finditer(text):
        token = match.group().rstrip(".,")
        found = words(token)
        if any(w in terms or stem(w) in stems for w in found):
            spans.append((match.start(), match.start() + len(token)))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def escape_markdown(text: str) -> str:
    """Text shown literally in Markdown: HTML and Markdown syntax characters escaped."""
    text = html.escape(text, quote=False)
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return "\n".join(
        _LIST_START.sub(lambda m: f"{m[1]}{m[2]}\\{m[3]}" if m[2] else f"{m[4]}\\{m[5]}", line)
        for line in text.split("\n")
    )


def highlight(text: str, question: str) -> str:
    """`text` as safe Markdown with the question's words (and their synonyms) wrapped in <mark>."""
    out, pos = [], 0
    for start, end in _term_spans(text, question_terms(question)):
        out.append(escape_markdown(text[pos:start]))
        out.append(f"<mark>{escape_markdown(text[start:end])}</mark>")
        pos = end
    out.append(escape_markdown(text[pos:]))
    return "".join(out)


def _quote(markdown: str) -> str:
    """A Markdown block quote, line breaks kept."""
    lines = [line.strip() for line in markdown.strip().split("\n")]
    return "\n".join("> " + (line + "  " if i < len(lines) - 1 else line) for i, line in enumerate(lines))


def source_label(meta: Mapping[str, Any]) -> str:
    """'Sato 2017 — case series, 2017': short name, design and year of a source."""
    parts = [str(meta.get("design") or "").strip()]
    if meta.get("year"):
        parts.append(str(meta["year"]))
    detail = ", ".join(p for p in parts if p)
    return f"{meta.get('short_name') or meta.get('id', '?')}" + (f" — {detail}" if detail else "")


def doi_link(doi: str | None) -> str:
    """A Markdown link to https://doi.org/..., or '' without a DOI."""
    return f"[doi:{escape_markdown(doi)}](https://doi.org/{doi})" if doi else ""


class ChunkLike(Protocol):
    """What the sources panel needs of an indexed passage (`qa.chunking.Chunk` fits)."""

    source_id: str
    section: str
    text: str


def _plain(text: str) -> str:
    return " ".join(text.split())


def quoted_passages(answer: Answer, chunks: Iterable[ChunkLike]) -> list[Passage]:
    """Passages of cited sources that the answer quotes but `answer.passages` leaves out (so none is missing)."""
    body = _plain(answer.answer)
    numbers = {c.source_id: c.n for c in answer.citations}
    listed = {(p.source_id, _plain(p.text)) for p in answer.passages}
    extra = []
    for chunk in chunks:
        text = _plain(chunk.text)
        if (
            chunk.source_id in numbers
            and len(text) >= 40
            and text in body
            and (chunk.source_id, text) not in listed
        ):
            listed.add((chunk.source_id, text))
            extra.append(
                Passage(0, 0.0, chunk.text, chunk.source_id, None, chunk.section, numbers[chunk.source_id])
            )
    return extra


def _passages_by_citation(passages: Iterable[Passage]) -> dict[int | None, list[Passage]]:
    groups: dict[int | None, list[Passage]] = {}
    for passage in sorted(passages, key=lambda p: (p.citation is None, p.citation or 0, p.rank or 10**6)):
        groups.setdefault(passage.citation, []).append(passage)
    return groups


def _passage_block(passage: Passage, question: str) -> str:
    where = f"passage {passage.rank}" if passage.rank else "quoted in the answer"
    return f"**{escape_markdown(passage.section)}** · {where}\n\n" + _quote(highlight(passage.text, question))


def sources_markdown(
    answer: Answer, sources: Mapping[str, Mapping[str, Any]], chunks: Iterable[ChunkLike] = ()
) -> str:
    """The sources panel: each passage in full under its [n], source and section, the question's words marked."""
    # `chunks` (the index's passages) lets the panel add passages the answer quotes but does not list.
    if answer.insufficient_evidence:
        return (
            "### Sources\n\n**No sources cited:** the corpus does not answer this question, so no passage is "
            "shown. Try a question about tocilizumab or other treatments in CNO/CRMO or SAPHO."
        )
    passages = [*answer.passages, *quoted_passages(answer, chunks)]
    groups = _passages_by_citation(passages)
    cited = {c.n: c for c in answer.citations}
    numbers = sorted({*cited, *(n for n in groups if n is not None)})
    blocks = [
        f"### Sources\n\nFor: _{escape_markdown(answer.question)}_  \n"
        f"{len(passages)} passages from {len(numbers)} sources; the question's words are "
        "<mark>highlighted</mark>."
    ]
    for n in numbers:
        citation = cited.get(n)
        sid = citation.source_id if citation else groups[n][0].source_id
        meta = sources.get(sid, {"id": sid})
        lines = [f'<a id="source-{n}"></a>\n#### [{n}] {escape_markdown(source_label(meta))}']
        doi = doi_link(meta.get("doi") or (citation.doi if citation else None))
        if doi:
            lines.append(doi)
        lines += [_passage_block(p, answer.question) for p in groups.get(n, [])]
        if n not in groups:
            lines.append("_Cited in the answer (see its References); no passage of it is quoted._")
        blocks.append("\n\n".join(lines))
    for passage in groups.get(None, []):
        meta = sources.get(passage.source_id, {"id": passage.source_id})
        blocks.append(
            f"#### {escape_markdown(source_label(meta))}\n\n" + _passage_block(passage, answer.question)
        )
    return "\n\n---\n\n".join(blocks)


def same_question(a: str, b: str) -> bool:
    """True when two questions differ only in case, spacing or punctuation."""
    return re.sub(r"\W+", "", normalize(a)) == re.sub(r"\W+", "", normalize(b))


def answer_markdown(answer: Answer, asked: str | None = None) -> str:
    """The chat message for an answer: which question was answered (when completed), then the answer or a notice."""
    lead = ""
    if asked is not None and not same_question(asked, answer.question):
        lead = f"↪ _Answering:_ **{escape_markdown(answer.question)}**\n\n"
    if answer.insufficient_evidence:
        body = re.sub(r"^\*\*Insufficient evidence\.\*\*\s*", "", answer.answer.strip())
        notice = "### ⚠️ Insufficient evidence\n\n" + body
        return lead + "\n>\n".join(_quote(part) for part in notice.split("\n\n"))
    footer = "\n\n_Click a marker such as [1] to see its passages in full in the **Sources** panel._"
    return lead + answer.answer + footer


def error_markdown(message: str) -> str:
    """A friendly chat message for bad input (the `ask()` ValueError / TypeError text)."""
    text = str(message).strip() or "this question cannot be answered"
    return f"**Please check your question.** {escape_markdown(text[0].upper() + text[1:])}"


def shown_question(question: object, limit: int = 300) -> str:
    """The user's message as shown in the chat: escaped, and cut (with its length) when very long."""
    text = question if isinstance(question, str) else repr(question)
    if len(text) > limit:
        return escape_markdown(text[:limit].rstrip()) + f"… _({len(text):,} characters)_"
    return escape_markdown(text)


def evidence_rows(sources: Iterable[Mapping[str, Any]]) -> list[list[Any]]:
    """One row per source for the evidence table (columns as in `EVIDENCE_HEADERS`), studies first."""
    order = {"study": 0, "background": 1, "report": 2}
    rows = []
    for meta in sorted(sources, key=lambda m: (order.get(m.get("kind", ""), 3), m.get("short_name", ""))):
        rows.append(
            [
                meta.get("short_name") or meta.get("id"),
                meta.get("year"),
                meta.get("design"),
                meta.get("n_patients"),
                meta.get("population"),
                ", ".join(meta.get("conditions") or []),
                meta.get("n_tocilizumab"),
                ", ".join(meta.get("outcome") or []) or "—",
                " ".join(str(meta.get("tocilizumab_outcome") or "—").split()),
                doi_link(meta.get("doi")) or "—",
            ]
        )
    return rows


def evidence_summary(sources: Iterable[Mapping[str, Any]]) -> str:
    """One line above the evidence table: how many sources of each kind, and tocilizumab-treated patients."""
    items = list(sources)
    studies = [m for m in items if m.get("kind") == "study"]
    treated = sum(m.get("n_tocilizumab") or 0 for m in studies)
    other = len(items) - len(studies)
    return (
        f"**{len(items)} sources**: {len(studies)} studies ({treated} patients on tocilizumab) and {other} "
        "reports, reviews or guidelines. To sort, click a column header and pick a sort order from its ⋮ menu; "
        "the search box filters rows; a DOI opens the paper."
    )
