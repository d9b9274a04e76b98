"""Corpus stage: read one Markdown file per source (YAML metadata header + verbatim text in labelled parts)."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

POPULATIONS = ("pediatric", "adult", "both")
KINDS = ("report", "background", "study")
OUTCOMES = (
    "improved",
    "remission",
    "no response",
    "worsened",
    "adverse event",
    "not reported",
    "not addressed",
    "inconclusive",
)
_ID = re.compile(r"^[a-z][a-z0-9_-]*$")
_MARKER = re.compile(r"^## +(?P<name>.+?)(?P<table> *\| *table)? *$")


class CorpusError(ValueError):
    """A corpus file is malformed; the message names the file and the field."""

    def __init__(self, path: Path, field: str, problem: str) -> None:
        self.path, self.field, self.problem = path, field, problem
        super().__init__(f"{path.name}: field '{field}': {problem}")


@dataclass(frozen=True)
class Section:
    """A labelled part of a source: its name, whether it is a table, its verbatim text and offset in the file."""

    name: str
    text: str
    offset: int
    is_table: bool = False


@dataclass(frozen=True)
class Source:
    """One source (the report, a background reference or a study): bibliographic metadata plus its parts."""

    id: str
    kind: str
    short_name: str
    title: str
    authors: str
    journal: str | None
    year: int | None
    doi: str | None
    reference: str | None
    design: str
    population: str
    conditions: tuple[str, ...]
    n_patients: int | None
    n_tocilizumab: int | None
    tocilizumab_outcome: str | None  # the outcome in the text's own words (its sentences joined)
    outcome_quotes: tuple[str, ...]  # the same sentences, one per patient group or case
    outcome: tuple[str, ...]
    evidence_level: str | None
    table: int | None
    sections: tuple[Section, ...]
    path: Path
    sha256: str

    def metadata(self) -> dict[str, Any]:
        """Flat, JSON-friendly metadata (no text), as shown in `qa sources` and the app's evidence table."""
        return {
            "id": self.id,
            "kind": self.kind,
            "short_name": self.short_name,
            "title": self.title,
            "authors": self.authors,
            "journal": self.journal,
            "year": self.year,
            "doi": self.doi,
            "design": self.design,
            "population": self.population,
            "conditions": list(self.conditions),
            "n_patients": self.n_patients,
            "n_tocilizumab": self.n_tocilizumab,
            "tocilizumab_outcome": self.tocilizumab_outcome,
            "outcome_quotes": list(self.outcome_quotes),
            "outcome": list(self.outcome),
            "evidence_level": self.evidence_level,
            "table": self.table,
        }


def _normalize(text: str) -> str:
    return " ".join(text.replace("\xa0", " ").split())


def _require(meta: dict, key: str, path: Path, types: tuple[type, ...], *, optional: bool = False) -> Any:
    if key not in meta:
        raise CorpusError(path, key, "missing")
    value = meta[key]
    if value is None and optional:
        return None
    if (
        isinstance(value, bool)
        or not isinstance(value, types)
        or (isinstance(value, str) and not value.strip())
    ):
        wanted = " or ".join(t.__name__ for t in types) + (" or null" if optional else "")
        raise CorpusError(path, key, f"must be a non-empty {wanted}, got {value!r}")
    return value


def _split(path: Path, raw: str) -> tuple[dict, str, int]:
    if not raw.startswith("---\n"):
        raise CorpusError(path, "header", "file must start with a '---' metadata header")
    end = raw.find("\n---\n", 4)
    if end < 0:
        raise CorpusError(path, "header", "metadata header is not closed by a '---' line")
    try:
        meta = yaml.safe_load(raw[4:end]) or {}
    except yaml.YAMLError as exc:
        raise CorpusError(path, "header", f"not valid YAML ({exc.__class__.__name__})") from None
    if not isinstance(meta, dict):
        raise CorpusError(path, "header", "must be a mapping of field: value")
    body_start = end + len("\n---\n")
    return meta, raw[body_start:], body_start


def _sections(path: Path, body: str, offset: int) -> tuple[Section, ...]:
    sections: list[Section] = []
    name, is_table, start, lines = None, False, 0, []
    pos = offset

    def close() -> None:
        text = "\n".join(lines).strip("\n")
        if name is not None:
            if not text.strip():
                raise CorpusError(path, f"section '{name}'", "has no text")
            lead = len("\n".join(lines)) - len("\n".join(lines).lstrip("\n"))
            sections.append(Section(name, text, start + lead, is_table))

    for line in body.split("\n"):
        marker = _MARKER.match(line)
        if marker:
            close()
            name = marker["name"].rstrip(":").strip()
            is_table, start, lines = bool(marker["table"]), pos + len(line) + 1, []
        elif name is None:
            if line.strip():
                raise CorpusError(path, "body", "text before the first '## Section' marker")
        else:
            lines.append(line)
        pos += len(line) + 1
    close()
    if not sections:
        raise CorpusError(path, "body", "no '## Section' parts")
    return tuple(sections)


def load_source(path: Path) -> Source:
    """Parse and validate one corpus file; raises `CorpusError` naming the file and the field."""
    try:
        raw = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise CorpusError(path, "encoding", "file is not UTF-8 text") from None
    meta, body, offset = _split(path, raw)
    sid = _require(meta, "id", path, (str,))
    if not _ID.match(sid):
        raise CorpusError(path, "id", f"{sid!r} must be lowercase letters, digits, '-' or '_'")
    if sid != path.stem:
        raise CorpusError(path, "id", f"{sid!r} must match the file name {path.stem!r}")
    kind = _require(meta, "kind", path, (str,))
    if kind not in KINDS:
        raise CorpusError(path, "kind", f"must be one of {', '.join(KINDS)}")
    cited = kind != "report"
    year = _require(meta, "year", path, (int,), optional=not cited)
    if year is not None and not 1900 <= year <= 2100:
        raise CorpusError(path, "year", f"{year} is not a plausible publication year")
    population = _require(meta, "population", path, (str,))
    if population not in POPULATIONS:
        raise CorpusError(path, "population", f"must be one of {', '.join(POPULATIONS)}")
    conditions = _require(meta, "conditions", path, (list,))
    if not all(isinstance(c, str) and c for c in conditions):
        raise CorpusError(path, "conditions", "must be a list of condition names")
    outcome = meta.get("outcome") or []
    if not isinstance(outcome, list) or any(o not in OUTCOMES for o in outcome):
        raise CorpusError(path, "outcome", f"must be a list drawn from: {', '.join(OUTCOMES)}")
    sections = _sections(path, body, offset)
    text = _normalize(" ".join(s.text for s in sections))
    quotes = _require(meta, "tocilizumab_outcome", path, (str, list), optional=True) or []
    quotes = [quotes] if isinstance(quotes, str) else quotes
    for quote in quotes:
        if not isinstance(quote, str) or _normalize(quote) not in text:
            raise CorpusError(path, "tocilizumab_outcome", "must be quoted verbatim from the text")
    return Source(
        id=sid,
        kind=kind,
        short_name=_require(meta, "short_name", path, (str,)),
        title=_require(meta, "title", path, (str,)),
        authors=_require(meta, "authors", path, (str,)),
        journal=_require(meta, "journal", path, (str,), optional=not cited),
        year=year,
        doi=_require(meta, "doi", path, (str,), optional=not cited),
        reference=_require(meta, "reference", path, (str,), optional=not cited),
        design=_require(meta, "design", path, (str,)),
        population=population,
        conditions=tuple(conditions),
        n_patients=_require(meta, "n_patients", path, (int,), optional=True),
        n_tocilizumab=_require(meta, "n_tocilizumab", path, (int,), optional=True),
        tocilizumab_outcome=" ".join(quotes) or None,
        outcome_quotes=tuple(quotes),
        outcome=tuple(outcome),
        evidence_level=meta.get("evidence_level"),
        table=meta.get("table"),
        sections=sections,
        path=path,
        sha256=hashlib.sha256(raw.encode("utf-8")).hexdigest(),
    )


def load_corpus(corpus_dir: Path) -> list[Source]:
    """Every `*.md` source in `corpus_dir`, sorted by id; the provenance folder is not indexed."""
    paths = sorted(p for p in Path(corpus_dir).glob("*.md") if p.name.lower() != "readme.md")
    if not paths:
        raise CorpusError(Path(corpus_dir), "corpus", "no '*.md' source files found")
    sources = [load_source(p) for p in paths]
    return sources


def corpus_fingerprint(sources: list[Source]) -> str:
    """A hash of every source file's bytes: any edit, addition or removal changes it."""
    digest = hashlib.sha256()
    for source in sources:
        digest.update(f"{source.id}:{source.sha256}\n".encode())
    return digest.hexdigest()
