"""The answer's shape: an `Answer` with numbered citations and ranked passages; `to_dict()` is the public JSON."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass(frozen=True)
class Citation:
    """A numbered reference: bibliographic facts of one source."""

    n: int
    source_id: str
    title: str
    authors: str
    journal: str | None
    year: int | None
    doi: str | None


@dataclass(frozen=True)
class Passage:
    """A retrieved passage, verbatim, with its rank, score, source, section and the citation number it maps to."""

    rank: int
    score: float
    text: str
    source_id: str
    doi: str | None
    section: str
    citation: int | None


@dataclass(frozen=True)
class Answer:
    """A templated, cited answer built only from verbatim passages."""

    question: str
    answer: str
    insufficient_evidence: bool
    evidence_level: str | None
    citations: list[Citation] = field(default_factory=list)
    passages: list[Passage] = field(default_factory=list)
    filters: dict[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict:
        """Exactly the documented JSON: question, answer, insufficient_evidence, evidence_level, citations, passages."""
        return {
            "question": self.question,
            "answer": self.answer,
            "insufficient_evidence": self.insufficient_evidence,
            "evidence_level": self.evidence_level,
            "citations": [asdict(c) for c in self.citations],
            "passages": [asdict(p) for p in self.passages],
        }

    def __str__(self) -> str:
        return self.answer
