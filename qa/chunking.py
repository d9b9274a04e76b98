"""Chunk stage: split each source's parts into small verbatim passages (1-2 sentences, or a table row + header)."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

from .corpus import Section, Source

# A sentence ends at . ! or ? followed by space and a capital, digit or bracket, except after an abbreviation.
_BOUNDARY = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9(\[])")
_ABBREVIATIONS = ("et al.", "e.g.", "i.e.", "vs.", "approx.", "Dr.", "No.", "Fig.", "cf.")
_FOOTNOTE = re.compile(r"\[\d+\]")
_WHOLE_PARTS = ("Title", "References")  # parts kept whole: a title or a citation is never split
_MAX_CHARS = 700  # ~175 MiniLM tokens, leaving room for the indexed prefix under the 256-token limit


@dataclass(frozen=True)
class Chunk:
    """A passage: verbatim `text` as shown, `context` prefixed for indexing, and where it came from."""

    id: str
    source_id: str
    section: str
    text: str
    context: str
    start: int
    end: int
    kind: str  # "sentence", "row" (a table row under its header) or "header"
    # in a case part: the patient as readers describe them ("29-year-old woman, the younger woman")
    patient: str = ""

    def metadata(self) -> dict[str, str | int]:
        """Chroma-compatible metadata (scalars only)."""
        data = asdict(self)
        data.pop("text")
        data.pop("context")
        return data


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Character spans of the sentences in one paragraph."""
    spans, start = [], 0
    for match in _BOUNDARY.finditer(text):
        before = text[start : match.start()]
        if before.endswith(_ABBREVIATIONS):
            continue
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text.rstrip())))
    # a bare footnote marker ("[1]") refers to the report's reference list, not to anything said: drop it
    return [s for s in spans if s[1] > s[0] and not _FOOTNOTE.fullmatch(text[s[0] : s[1]])]


_SHORT_PART = 40  # characters: a part this short keeps its label


def _strip_label(section: Section) -> int:
    """Offset past the part's own label when the text repeats it ("Objective To evaluate ...").

    A short part keeps its label: "Adverse Events Not specified" says what "Not specified" alone does not.
    """
    text, label = section.text, section.name
    if not text.startswith(label):
        return 0
    rest = text[len(label) :]
    stripped = rest.lstrip(": \xa0\t")
    if (rest[:1] not in (":", " ", "\xa0", "\n") and rest) or len(stripped.strip()) < _SHORT_PART:
        return 0
    return len(text) - len(stripped)


def _long_spans(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """Cut a span longer than the limit at clause boundaries (rare; keeps every chunk under the model limit)."""
    if b - a <= _MAX_CHARS:
        return [(a, b)]
    cut = max(
        text.rfind("; ", a, a + _MAX_CHARS),
        text.rfind(", ", a, a + _MAX_CHARS),
        text.rfind(" ", a, a + _MAX_CHARS),
    )
    cut = cut + 1 if cut > a else a + _MAX_CHARS
    return [(a, cut), *_long_spans(text, cut + (text[cut : cut + 1] == " "), b)]


def _prose_spans(text: str, base: int, min_chars: int, whole: bool) -> list[tuple[int, int]]:
    """Sentence spans across the paragraphs of a part, short ones joined to a neighbour."""
    spans: list[tuple[int, int]] = []
    for para in re.finditer(r"[^\n]+(?:\n[^\n]+)*", text[base:]):
        p0 = base + para.start()
        for a, b in [(0, len(para.group()))] if whole else split_sentences(para.group()):
            spans.extend(_long_spans(text, p0 + a, p0 + b))
    merged: list[tuple[int, int]] = []
    for a, b in spans:
        short = merged and (merged[-1][1] - merged[-1][0] < min_chars or b - a < min_chars // 3)
        if short and b - merged[-1][0] <= _MAX_CHARS:
            merged[-1] = (merged[-1][0], b)
            continue
        merged.append((a, b))
    return merged


_PATIENT = re.compile(r"\b(\d{1,3})-year-old (man|woman|male|female|boy|girl)\b")
_NOUN = {"male": ("man", "boy"), "man": ("man", "boy"), "boy": ("man", "boy")}
_NOUN |= dict.fromkeys(("female", "woman", "girl"), ("woman", "girl"))


def case_patients(source: Source) -> dict[str, str]:
    """Part name -> how readers describe the patient a case part presents ("29-year-old woman, the younger").

    Users name a patient by age, sex or comparison ("the younger woman", "the old man"), never by part label,
    so each case part's indexed text says it; the description is derived from the part's opening sentence.
    """
    found: dict[str, tuple[int, str]] = {}
    for section in source.sections:
        match = None if section.is_table else _PATIENT.search(section.text[:160])
        if match:
            age = int(match.group(1))
            found[section.name] = (age, _NOUN[match.group(2)][age < 18])
    labels = {}
    for name, (age, noun) in found.items():
        words = [f"{age}-year-old {noun}"]
        peers = [(part, a) for part, (a, n) in found.items() if n == noun]
        if len(peers) > 1:  # "the younger woman", "the first woman" of a two-woman case series
            ages = [a for _, a in peers]
            nth = [part for part, _ in peers].index(name)
            words.append(f"the {'younger' if age == min(ages) else 'older'} {noun}")
            words.append(f"{noun} {nth + 1}")  # "the first woman" reads as "case 1 woman" (lexicon.fold)
        if age >= 20:
            words.append(f"in the {age // 10 * 10}s")  # "a lady in her 50s" (lexicon.fold reads "fifties" so)
        if age >= 65:
            words.append(f"elderly, the old {noun}")
        labels[name] = ", ".join(words)
    return labels


def _context(source: Source, section: str, patient: str | None = None) -> str:
    who = f"{source.short_name} ({source.design}; {source.population}; {', '.join(source.conditions)})"
    return f"{who}. {source.title}. {section}{f' ({patient})' if patient else ''}:"


def chunk_source(source: Source, min_chars: int = 90) -> list[Chunk]:
    """All chunks of one source, in reading order; none crosses a part, table rows carry their header."""
    chunks: list[Chunk] = []
    patients = case_patients(source)

    def add(section: Section, a: int, b: int, kind: str, header: tuple[int, int] | None = None) -> None:
        body = section.text[a:b].strip()
        a += len(section.text[a:b]) - len(section.text[a:b].lstrip())
        text = f"{section.text[header[0] : header[1]].strip()}\n{body}" if header else body
        chunks.append(
            Chunk(
                id=f"{source.id}:{len(chunks):03d}",
                source_id=source.id,
                section=section.name,
                text=text,
                context=f"{_context(source, section.name, patients.get(section.name))} {' '.join(text.split())}",
                start=section.offset + a,
                end=section.offset + a + len(body),
                kind=kind,
                patient=patients.get(section.name, ""),
            )
        )

    for section in source.sections:
        base = _strip_label(section)
        text = section.text
        if section.is_table:
            table_end = text.find("\n\n", base)
            table_end = len(text) if table_end < 0 else table_end
            lines = [m.span() for m in re.finditer(r"[^\n]+", text[:table_end])]
            first = next(i for i, (a, b) in enumerate(lines) if b > base)
            header = (max(lines[first][0], base), lines[first][1])
            rows = [span for span in lines[first + 1 :] if text[span[0] : span[1]].strip()]
            if not rows:
                add(section, *header, "header")
            for a, b in rows:
                add(section, a, b, "row", header)
            base = table_end
        for a, b in _prose_spans(text, base, min_chars, section.name in _WHOLE_PARTS):
            add(section, a, b, "sentence")
    return chunks


def chunk_corpus(sources: list[Source], min_chars: int = 90) -> list[Chunk]:
    """Chunks of every source, source by source."""
    return [chunk for source in sources for chunk in chunk_source(source, min_chars)]
