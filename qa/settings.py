"""All configuration in one place: paths, model, chunking, retrieval and input limits (env-overridable)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


def _env_path(name: str, default: Path) -> Path:
    value = os.environ.get(name)
    return Path(value).expanduser().resolve() if value else default


@dataclass(frozen=True)
class LeadWeights:
    """How the composer scores a passage as an answer (tuned with `qa eval` on eval/questions.jsonl)."""

    rank: float = 0.6  # retrieval rank r contributes rank / (1 + r / 4)
    dense: float = 0.8  # cosine of question and passage
    overlap: float = 1.0  # share of the question's (idf-weighted) words in the passage
    section: float = 0.3  # the same share over the passage's whole labelled part
    source: float = 0.2  # bonus for the best-ranked source, decaying with the source's rank
    study_size: float = 0.4  # x log10(N) / 2, "does <another drug> work": the larger study
    named: float = 0.5  # the source the question names ("the Belgian cohort", "Sato")
    patient: float = 0.5  # the case part of the patient the question describes ("the younger woman")
    cue_section: float = 0.35  # the part a question asks for ("limitations" -> Critique)
    cue_order: float = (
        0.3  # a passage after / before the drug's first mention, for "after / before" questions
    )
    cue_significance: float = 0.3  # per p < 0.05 value in a table row, for "what predicted / was significant"
    cue_number: float = 0.2  # numbers for "how many / what proportion"
    cue_time: float = 0.6  # a time in months or years, for "how long did it take"
    cue_share: float = 0.6  # the percentage given right after the thing asked, for "what share ... remission"
    cue_why: float = 0.6  # "due to / based on" for "why"
    cue_adverse: float = 0.15
    cue_who: float = 0.2
    cue_age: float = 0.5  # "year-old" / "age" passages for "how old / age"
    cue_dose: float = 0.4  # "mg/kg", "doses" for dosing questions
    off_topic_part: float = 0.4  # titles and references, unless asked for
    continuation_chars: int = 700  # a next sentence this short may join the best passage ...
    continuation_idf: float = 0.8  # ... if it holds question words (this much idf) the passage lacks
    marker_margin: float = 0.6  # how far below the best a passage with the asked-for marker may lead
    multi_margin: float = (
        1.0  # ... and how far each source's passage may be, for "in these reports" questions
    )
    margin: float = 0.3  # runners-up within this of the best join the lead
    part_lead: int = 2  # passages each part of a compound question ("why TCZ and what happened?") leads with
    compound_lead: int = 4  # ... and in all
    group_studies: int = 2  # a group's studies the lead quotes each of ("the SAPHO patients": Fujita and Sun)
    broad_margin: float = 0.25  # the same for broad (evidence / safety) questions
    evidence_pool: int = 12  # best passages considered for "Key evidence"
    evidence_floor: float = 0.8  # ... if within this of the best
    evidence_sources: int = 3
    evidence_per_source: int = 3
    review_sentences: int = 2  # a review's best sentences about tocilizumab quoted in a synthesis
    row_margin: float = 1.3  # a study's own best passage joins its synthesis row if within this of the best
    evidence_chars: int = 700  # quoted characters allowed in "Key evidence"
    fill_chars: int = 800  # an answer quoting less than this (lead and evidence) ...
    fill_floor: float = 1.5  # ... may add passages within this of the best
    levels_sentences: int = (
        5  # "in which patients was IL-6 high?": one sentence per treated case, up to this many
    )
    cohort: int = 10  # patients a study needs to say how a treatment does "for most kids"


@dataclass(frozen=True)
class Settings:
    """Every tunable of the service; `Settings.from_env()` applies `QA_*` environment overrides."""

    corpus_dir: Path = ROOT / "corpus"
    index_dir: Path = ROOT / "index"
    chroma_url: str | None = None  # QA_CHROMA_URL: use a Chroma server instead of the embedded index
    embedder: str = "auto"  # QA_EMBEDDER: "auto" (a verified ONNX export for queries), "onnx" or "torch"
    model_cache_dir: Path = ROOT / "index" / "models"  # QA_MODEL_CACHE: ONNX exports of the model
    lock_timeout: float = 600.0  # QA_LOCK_TIMEOUT: seconds to wait for another process's build
    collection: str = "evidence"
    model_id: str = "sentence-transformers/all-MiniLM-L6-v2"
    max_tokens: int = 256  # the model's sequence limit; no indexed chunk may exceed it
    chunker_version: str = "7"
    min_chunk_chars: int = 90  # a shorter sentence is joined to its neighbour in the same paragraph
    retrieval: str = "hybrid"  # "hybrid", "dense" or "bm25"
    candidates: int = 40  # how many hits each ranker contributes before fusion
    fusion: str = "score"  # "rrf" (reciprocal rank fusion) or "score" (min-max scaled scores, weighted)
    rrf_k: int = 60
    dense_weight: float = 0.6
    bm25_weight: float = 1.0
    title_weight: float = 1.0  # boost for chunks of a source whose name/title words the question uses
    named_keep: int = 5  # passages kept of each source named by author that ranked below the hits' limit
    patient_weight: float = (
        1.0  # boost for the case part whose patient the question describes ("the old man")
    )
    source_dense: bool = False  # hybrid source ranking also uses each source's mean embedding
    source_weight: float = 1.0  # weight of the source-level ranking added to every chunk of that source
    default_k: int = 5
    max_question_chars: int = 2000
    lead_sentences: int = 3
    weights: LeadWeights = field(default_factory=LeadWeights)
    host: str = "127.0.0.1"
    port: int = 7860

    @classmethod
    def from_env(cls) -> Settings:
        """Defaults overlaid with QA_CORPUS_DIR, QA_INDEX_DIR, QA_CHROMA_URL, QA_EMBEDDER, QA_MODEL_CACHE,
        QA_LOCK_TIMEOUT, QA_RETRIEVAL, QA_HOST, QA_PORT."""
        base = cls()
        return replace(
            base,
            corpus_dir=_env_path("QA_CORPUS_DIR", base.corpus_dir),
            index_dir=_env_path("QA_INDEX_DIR", base.index_dir),
            chroma_url=os.environ.get("QA_CHROMA_URL") or None,
            embedder=os.environ.get("QA_EMBEDDER") or base.embedder,
            model_cache_dir=_env_path("QA_MODEL_CACHE", base.model_cache_dir),
            lock_timeout=float(os.environ.get("QA_LOCK_TIMEOUT") or base.lock_timeout),
            retrieval=os.environ.get("QA_RETRIEVAL", base.retrieval),
            host=os.environ.get("QA_HOST", base.host),
            port=int(os.environ.get("QA_PORT", base.port)),
        )
