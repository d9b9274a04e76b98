"""Retrieval stage (and the embeddings it uses): hybrid ranking, filters, synonyms, the LangChain retriever."""

from __future__ import annotations

import math

import numpy as np
import pytest
from langchain_core.documents import Document
from langchain_core.embeddings import Embeddings
from langchain_core.retrievers import BaseRetriever

import qa

PEDIATRIC_ONLY = {"kaut2022", "cam2025", "campbell2018"}
ADULT_ONLY = {"sato2017", "fujita2015", "sun2018"}


# ---------------------------------------------------------------- embeddings


def test_minilm_is_a_langchain_embeddings():
    model = qa.MiniLMEmbeddings()
    assert isinstance(model, Embeddings)
    vector = model.embed_query("tocilizumab in chronic non-bacterial osteomyelitis")
    assert isinstance(vector, list) and len(vector) == 384
    assert all(isinstance(x, float) for x in vector)
    assert math.isclose(math.sqrt(sum(x * x for x in vector)), 1.0, abs_tol=1e-4)
    documents = model.embed_documents(
        ["IL-6 receptor blockade", "tocilizumab in chronic non-bacterial osteomyelitis"]
    )
    assert len(documents) == 2 and all(len(d) == 384 for d in documents)
    np.testing.assert_allclose(documents[1], vector, atol=1e-4)


def test_embeddings_carry_meaning():
    model = qa.MiniLMEmbeddings()
    anchor, near, far = model.encode(
        [
            "Tocilizumab caused neutropenia in a woman with SAPHO syndrome.",
            "A patient with SAPHO developed low neutrophil counts on tocilizumab.",
            "The boiling point of water at sea level is one hundred degrees.",
        ]
    )
    assert float(anchor @ near) > float(anchor @ far) + 0.3


def test_query_vectors_match_the_indexed_model(engine):
    """Whatever backend answers queries, its vectors agree with the reference model that built the index."""
    texts = ["Is there evidence for tocilizumab in CNO?", engine.index.chunks[3].context]
    fast = engine.embedder.encode(texts)
    reference = qa.MiniLMEmbeddings(backend="torch").encode(texts)
    np.testing.assert_allclose(np.sum(fast * reference, axis=1), 1.0, atol=1e-3)
    np.testing.assert_allclose(fast[1] @ engine.index.embeddings[3], 1.0, atol=1e-3)


# ---------------------------------------------------------------- the ranker


def test_hits_are_ranked_unique_and_limited(engine):
    hits = engine.retrieve("Which patients developed neutropenia on tocilizumab?", k=12)
    assert len(hits) == 12
    assert len({h.chunk.id for h in hits}) == 12
    scores = [h.score for h in hits]
    assert scores == sorted(scores, reverse=True)
    assert [h.chunk for h in hits] == [engine.index.chunks[h.position] for h in hits]


# Questions whose answer is in one source only (the words are the source's own).
ONE_SOURCE = {
    "Which patients developed neutropenia on tocilizumab?": "sun2018",
    "minocycline and bisphosphonate after stopping tocilizumab": "sun2018",
    "aseptic subcutaneous abscess after tocilizumab": "fujita2015",
    "epilepsy treated with levetiracetam and valproic acid": "sato2017",
    "ustekinumab discontinued due to myalgias": "campbell2018",
    "secukinumab patients achieved remission": "cam2025",
    "multicentre Belgian cohort of 30 children": "kaut2022",
    "search of PubMed and Google Scholar": "report",
    "NLRP3 inflammasome and excess IL-1 release": "hedrich2023",
}


@pytest.mark.parametrize("question", sorted(ONE_SOURCE))
def test_single_source_questions_rank_that_source_first(engine, question):
    hits = engine.retrieve(question, k=5)
    assert hits[0].chunk.source_id == ONE_SOURCE[question], [h.chunk.id for h in hits]


def test_chroma_nearest_neighbours_agree_with_the_stored_vectors(engine):
    """Dense candidates come from Chroma; they must be the nearest stored vectors, best first."""
    vector = engine.embedder.encode(["aseptic abscess on the chest wall after an IL-6 drug"])[0]
    nearest = engine.ranker.dense_ranking(vector, 10)
    cosine = engine.index.embeddings @ vector
    assert list(nearest) == [int(p) for p in np.argsort(-cosine)[:10]]
    for position, similarity in nearest.items():  # Chroma's distances are the stored vectors' cosines
        assert similarity == pytest.approx(float(cosine[position]), abs=1e-4)


def test_bm25_mode_only_returns_matching_passages(engine):
    hits = engine.retrieve("minocycline", k=10, mode="bm25")
    assert hits and all(h.lexical > 0 for h in hits)
    assert all("minocycline" in h.chunk.context.lower() for h in hits)
    assert not engine.retrieve("zzzqqq", k=5, mode="bm25")


@pytest.mark.parametrize(
    ("filters", "allowed"),
    [
        ({"population": "pediatric"}, ("pediatric", "both")),
        ({"population": "adult"}, ("adult", "both")),
    ],
)
def test_population_filter(engine, filters, allowed):
    hits = engine.retrieve("tocilizumab outcome", k=40, **filters)
    assert hits
    assert {engine.index.sources[h.chunk.source_id]["population"] for h in hits} <= set(allowed)


def test_condition_filter(engine):
    hits = engine.retrieve("tocilizumab outcome", k=40, condition="SAPHO")
    assert hits
    assert all("SAPHO" in engine.index.sources[h.chunk.source_id]["conditions"] for h in hits)
    hits = engine.retrieve("tocilizumab outcome", k=40, condition="CNO")
    assert hits and all(
        {"CNO", "CRMO"} & set(engine.index.sources[h.chunk.source_id]["conditions"]) for h in hits
    )
    assert "sun2018" not in {h.chunk.source_id for h in hits}


# ---------------------------------------------------------------- synonyms

# Each group: questions that differ only in how a concept is named, and the source(s) that answer them.
SYNONYM_GROUPS = {
    "Actemra/TCZ/tocilizumab": (
        [
            "{} and an aseptic subcutaneous abscess in SAPHO",
        ],
        ["Actemra", "TCZ", "tocilizumab"],
        {"fujita2015"},
    ),
    "Actemra/TCZ/tocilizumab muscle": (
        ["{} controlled adult-onset CRMO with muscle inflammation"],
        ["Actemra", "TCZ", "tocilizumab"],
        {"sato2017"},
    ),
    "CRMO/CNO/full name": (
        ["psoriasis from TNF inhibitors in children with {}", "relapse predictors in pediatric {}"],
        ["CRMO", "CNO", "chronic non-bacterial osteomyelitis"],
        {"campbell2018", "cam2025"},
    ),
    "paediatric/pediatric/children": (
        ["multicentre Belgian cohort of {}", "imaging evaluated by blinded radiologists in {} with CNO"],
        ["paediatric patients", "pediatric patients", "children"],
        {"kaut2022"},
    ),
    "IL-6/interleukin-6": (
        ["{} levels elevated in adults and pediatric patients, a rationale for receptor blockade"],
        ["IL-6", "interleukin-6"],
        {"roberts2024", "report"},
    ),
    "MTX/methotrexate": (
        ["anti-IL-6 therapy for muscle inflammation not responding to NSAIDs, {}"],
        ["MTX and PSL", "methotrexate and prednisolone"],
        {"sato2017"},
    ),
    "MTX/methotrexate child": (
        ["one pediatric patient treated with tocilizumab in combination with {}"],
        ["MTX", "methotrexate"],
        {"roberts2024"},
    ),
    "PSL/prednisolone": (
        ["was {} tapered after starting tocilizumab"],
        ["PSL", "prednisolone"],
        {"sato2017"},
    ),
    "TNFi/anti-TNF": (
        ["{} may cause psoriasis in children", "was {} the predominant treatment in the referral cohort"],
        ["TNFi", "anti-TNF", "TNF inhibitors"],
        {"campbell2018", "cam2025"},
    ),
}


def _tops(engine, template, names):
    retrieved = {name: engine.retrieve(template.format(name), k=5)[0].chunk.source_id for name in names}
    answered = {name: engine.ask(template.format(name)).passages[0].source_id for name in names}
    return retrieved, answered


@pytest.mark.parametrize("group", sorted(SYNONYM_GROUPS))
def test_synonyms_retrieve_the_same_top_source(engine, group):
    templates, names, _ = SYNONYM_GROUPS[group]
    for template in templates:
        retrieved, answered = _tops(engine, template, names)
        assert len(set(retrieved.values())) == 1, f"{template!r}: retrieve() top source differs: {retrieved}"
        assert len(set(answered.values())) == 1, f"{template!r}: ask() top source differs: {answered}"


@pytest.mark.parametrize("group", sorted(SYNONYM_GROUPS))
def test_synonym_questions_find_their_source(engine, group):
    """Agreeing is not enough: every wording finds the source that answers it."""
    templates, names, expected = SYNONYM_GROUPS[group]
    for template in templates:
        retrieved, answered = _tops(engine, template, names)
        assert set(retrieved.values()) <= expected, f"{template!r}: retrieve() {retrieved}, want {expected}"
        assert set(answered.values()) <= expected, f"{template!r}: ask() {answered}, want {expected}"


# ---------------------------------------------------------------- the LangChain retriever


@pytest.mark.usefixtures("default_engine_on_session_index")
def test_evidence_retriever_returns_cited_documents(engine):
    retriever = qa.EvidenceRetriever(k=3)
    assert isinstance(retriever, BaseRetriever)
    docs = retriever.invoke("aseptic subcutaneous abscess after tocilizumab in SAPHO")
    assert len(docs) == 3
    assert all(isinstance(d, Document) for d in docs)
    assert docs[0].metadata["source_id"] == "fujita2015"
    chunks = {c.id: c for c in engine.index.chunks}
    for rank, doc in enumerate(docs, start=1):
        meta = doc.metadata
        source = engine.index.sources[meta["source_id"]]
        assert {"source_id", "doi", "title", "section"} <= set(meta)
        assert meta["title"] == source["title"] and meta["doi"] == source["doi"]
        assert meta["rank"] == rank
        chunk = chunks[meta["chunk_id"]]
        assert doc.page_content == chunk.text
        assert (meta["source_id"], meta["section"]) == (chunk.source_id, chunk.section)


@pytest.mark.usefixtures("default_engine_on_session_index")
def test_evidence_retriever_filters():
    docs = qa.EvidenceRetriever(k=10, population="adult").invoke("tocilizumab outcome in CNO")
    assert len(docs) == 10
    assert not {d.metadata["source_id"] for d in docs} & PEDIATRIC_ONLY
    docs = qa.EvidenceRetriever(k=10, condition="SAPHO").invoke("tocilizumab outcome")
    assert docs and all(
        d.metadata["source_id"] in {"fujita2015", "sun2018", "roberts2024", "report"} for d in docs
    )


@pytest.mark.usefixtures("default_engine_on_session_index")
def test_default_engine_uses_the_environment(settings):
    engine = qa.default_engine()
    assert engine.settings.index_dir == settings.index_dir
    assert qa.default_engine() is engine


DESCRIBED = [
    ("what got the younger woman better once the IL-6 drug was stopped?", "sun2018", "Case presentation 2"),
    ("what new joint flared in the older woman?", "sun2018", "Case presentation 1"),
    ("did the old man's labs get better on the IL-6 drug?", "fujita2015", "Case presentation"),
    ("what was tried in the younger man before tocilizumab?", "sato2017", "Case 2"),
    ("what dose was the 29 year old woman given?", "sun2018", "Case presentation 2"),
    ("what skin problem did the first woman have?", "sun2018", "Case presentation 1"),
    ("lady in her fifties with palm pustules - why toci?", "sun2018", "Case presentation 1"),  # a decade
]


@pytest.mark.parametrize(("question", "source", "section"), DESCRIBED)
def test_a_patient_described_in_words_is_found(engine, question, source, section):
    """ "the younger woman" is Sun 2018's second case: retrieval and the answer's lead go to that case part."""
    hits = engine.retrieve(question, k=5)
    assert (hits[0].chunk.source_id, hits[0].chunk.section) == (source, section), [h.chunk.id for h in hits]
    assert hits[0].described
    lead = engine.ask(question).passages[0]
    assert (lead.source_id, lead.section) == (source, section)


@pytest.mark.parametrize(
    ("question", "section"),
    [
        # rare words of one patient's history, not age or sex
        (
            "SAPHO pt with palmoplantar pustulosis since 2008 and a past thyroid carcinoma - how did she do?",
            "Case presentation 1",
        ),
        (
            "the SAPHO lady whose jaw bone (mandibular osteolysis) got worse - what did they give her next?",
            "Case presentation 2",
        ),
    ],
)
def test_a_patient_described_by_her_history_is_her_case_part(engine, question, section):
    hits = engine.retrieve(question, k=5)
    assert hits[0].described and (hits[0].chunk.source_id, hits[0].chunk.section) == ("sun2018", section)


def test_rare_words_of_one_case_part_only_are_traits(engine):
    """A trait tells one patient from the others: in one case part only, and rare in English ("diagnosed" is not)."""
    traits = engine.ranker.traits
    found = set().union(*traits)
    assert {"thyroid_carcinoma", "levetiracetam", "mandibular"} <= found
    assert not found & {"amyloid", "golimumab"}  # a single case report's patient is named by its source
    assert not found & {"diagnosi", "tocilizumab", "patient", "year", "treatment", "consider", "system"}
    assert all(a.isdisjoint(b) for i, a in enumerate(traits) for b in traits[i + 1 :])


def test_one_shared_trait_describes_no_patient(engine):
    """ "women" alone (a cohort's sex ratio) must not pull the answer to the case series of two women."""
    hits = engine.retrieve("how many women were in the Belgian cohort?", k=5)
    assert not any(h.described for h in hits)
    assert hits[0].chunk.source_id == "kaut2022"


def test_a_named_source_leads_the_answer(engine):
    answer = engine.ask("what % of children reached remission in the Belgian CNO cohort?")
    assert answer.passages[0].source_id == "kaut2022"
    assert "87%" in answer.answer


@pytest.mark.parametrize(
    ("text", "named"),
    [
        (
            "Age at CNO diagnosis in the Belgian cohort vs the Cam 2025 cohort - similar?",
            {"kaut2022", "cam2025"},
        ),
        ("the Cam 2025 cohort - similar?", {"cam2025"}),  # its own title words name no other source
        ("Sato vs Sun - did toci work?", {"sato2017", "sun2018"}),
        ("the 80-patient study", {"cam2025"}),
        ("did toci help the little girl?", set()),
        ("any high quality studies or just case reports?", set()),  # Sato's "High Intensity" is no name
    ],
)
def test_sources_named_by_author_title_or_size(engine, text, named):
    assert engine.ranker.named_sources(text) == named


def test_a_study_named_by_its_title_next_to_one_named_by_author_is_retrieved(engine):
    """ "the Belgian cohort vs Cam 2025": the author-named study must not crowd out the one named by title."""
    hits = engine.retrieve(
        "Age at CNO diagnosis in the Belgian cohort vs the Cam 2025 cohort - similar?", k=40
    )
    assert any(h.chunk.source_id == "kaut2022" and "Mean age at diagnosis" in h.chunk.text for h in hits)
