"""The evaluation bar over eval/questions.jsonl (retrieval, facts in answers, abstention, answer length)."""

from __future__ import annotations

import pytest

from qa import load_corpus
from qa.evaluate import Report, evaluate, load_questions
from qa.settings import ROOT

QUESTIONS = load_questions()


@pytest.fixture(scope="module")
def report(engine) -> Report:
    return evaluate(engine, QUESTIONS)


def _failures(report: Report, *checks: str) -> str:
    lines = [f"[{check}] {item}" for check in checks for item in report.failures.get(check, [])]
    return f"{len(lines)} failures:\n" + "\n".join(lines)


@pytest.mark.parametrize("name", sorted(p.stem for p in (ROOT / "eval").glob("*.jsonl")))
def test_question_set_is_sound(name):
    """Every question names existing sources and facts that really are in them (else the bar measures nothing)."""
    sources = {s.id: s for s in load_corpus(ROOT / "corpus")}
    questions = load_questions(ROOT / "eval" / f"{name}.jsonl")
    assert len({q["id"] for q in questions}) == len(questions)
    assert any(q["out_of_scope"] for q in questions) and any(not q["out_of_scope"] for q in questions)

    def norm(text: str) -> str:
        return " ".join(text.replace("\xa0", " ").split()).lower()

    for q in questions:
        if q["out_of_scope"]:
            assert not q["sources"] and not q["facts"], q["id"]
            continue
        assert q["sources"] and set(q["sources"]) <= set(sources), q["id"]
        text = " ".join(norm(sec.text) for sid in q["sources"] for sec in sources[sid].sections)
        for fact in q["facts"]:
            assert norm(fact) in text, f"{q['id']}: fact {fact!r} is not in {q['sources']}"


def test_counts(report):
    assert report.n_in_scope + report.n_out_of_scope == len(QUESTIONS)
    assert report.n_out_of_scope == sum(q["out_of_scope"] for q in QUESTIONS)


# The answer-quality bar (issue 4) on eval/questions.jsonl.
def test_hit_at_1(report):
    assert report.hit_at_1 >= 0.95, f"hit@1 {report.hit_at_1:.1%}; " + _failures(report, "hit@1")


def test_top_5(report):
    assert report.top_5 == 1.0, f"top-5 {report.top_5:.1%}; " + _failures(report, "top5")


def test_facts_found(report):
    assert report.facts_found >= 0.95, f"facts {report.facts_found:.1%}; " + _failures(report, "facts")


def test_every_out_of_scope_question_is_flagged(report):
    assert report.oos_flagged == 1.0, _failures(report, "oos")


def test_no_in_scope_question_is_flagged(report):
    assert report.in_scope_flagged == 0, _failures(report, "flagged")


def test_answers_are_short(report):
    assert report.median_answer_chars < 1800, f"median answer {report.median_answer_chars:.0f} chars"


VALIDATION = load_questions(ROOT / "eval" / "validation.jsonl")


@pytest.fixture(scope="module")
def validation(engine) -> Report:
    """The held-out set, never used for tuning: a guard against overfitting the main set."""
    return evaluate(engine, VALIDATION)


def _guard(report: Report, hit_at_1: float, top_5: float, facts: float, flagged: int = 0) -> None:
    assert report.hit_at_1 >= hit_at_1, f"hit@1 {report.hit_at_1:.1%}; " + _failures(report, "hit@1")
    assert report.top_5 >= top_5, f"top-5 {report.top_5:.1%}; " + _failures(report, "top5")
    assert report.facts_found >= facts, f"facts {report.facts_found:.1%}; " + _failures(report, "facts")
    assert report.oos_flagged == 1.0, _failures(report, "oos")
    assert report.in_scope_flagged <= flagged, _failures(report, "flagged")


def test_held_out_set(validation):
    """The issue's bar, on the set written by someone who had not seen the main set or the code."""
    _guard(validation, 0.95, 1.0, 0.95)
    assert validation.median_answer_chars < 1800


# More sets, each written from the corpus alone by someone who saw neither the code nor the other sets. Each
# was measured blind once (hit@1 / top-5 / facts, first run, in-scope questions wrongly flagged when any):
# fresh 82% / 93% / 78%, blind 83% / 88% / 68%, holdout 88% / 95% / 70%, unseen_a 87% / 93% / 80%, unseen_b
# 80% / 87% / 64%, unseen_c 78% / 87% / 66%, unseen_d 92% / 95% / 80%, unseen_e 98% / 100% / 91%, unseen_f
# 95% / 98% / 87%, unseen_g 90% / 95% / 82% (2 flagged), unseen_h 92% / 98% / 87%, unseen_i 95% / 97% / 86% (1),
# unseen_j 92% / 95% / 86% (2), unseen_k 93% / 95% / 86% (2), unseen_l 98% / 98% / 92% (1), unseen_m 88% / 98% /
# 87%, unseen_n 97% / 98% / 89% (1), unseen_o 92% / 97% / 87%, unseen_p 95% / 97% / 92% (1), unseen_q 100% /
# 100% / 92%, unseen_r 90% / 98% / 85%, unseen_s 98% / 100% / 94%, unseen_t 93% / 97% / 86% (2), unseen_u 90% /
# 95% / 89% (3), unseen_v 97% / 98% / 88% (1), unseen_w 90% / 95% / 91% (2), unseen_x 90% / 95% / 83% (1, and
# one out-of-scope question answered), unseen_y 93% / 100% / 85%, unseen_z 95% / 97% / 86% (2), and after the fixes
# those four showed, unseen_aa 95% / 97% / 95%, unseen_ab 95% / 100% / 92%, unseen_ac 92% / 97% / 95% (1),
# unseen_ad 93% / 97% / 97%, and after the fixes those showed, unseen_ae 95% / 98% / 85% (1), unseen_af 95% / 98% /
# 95% (1), unseen_ag 98% / 100% / 94%, unseen_ah 100% / 100% / 95%, and on the code after those: unseen_ai 95% /
# 100% / 90%, unseen_aj 95% / 98% / 87%, unseen_ak 95% / 98% / 94%, unseen_al 98% / 100% / 91%, and on the final
# code: unseen_am 98% / 100% / 94%, unseen_an 98% / 100% / 90%, unseen_ao 98% / 100% / 95%, unseen_ap 95% / 97% /
# 88% (1, and one out-of-scope question answered; only those two were read); on the code of the next morning's
# start: unseen_aq 92% / 100% / 92%, unseen_ar 97% / 100% / 97%, unseen_as 95% / 100% / 98%, unseen_at 95% / 100%
# / 97%, unseen_av 92% / 98% / 88%, unseen_aw 88% / 93% / 89% (3, and one out-of-scope question answered), and
# after the fixes those six showed, unseen_au 95% / 100% / 95% and unseen_ax 95% / 97% / 92% (one out-of-scope
# question answered; its failures read after), and after the fixes ax showed, unseen_ay 98% / 100% / 95% and
# unseen_az 98% / 100% / 96%, and on the final code unseen_ba 97% / 98% / 94% and unseen_bb 98% / 100% / 89%
# (every out-of-scope question of these four flagged, none in scope). The failures of
# all but unseen_e, unseen_s, unseen_u and unseen_v were then read and showed which kinds of question the service
# handled badly (of unseen_u and unseen_v only the wrongly flagged questions were read). The
# guards keep what was gained, about one question below today's figures. They sit below the bar,
# because the service does not reach it on them.
BLIND_SETS = {
    "fresh": (0.95, 0.97, 0.94),
    "blind": (0.96, 1.00, 0.96),
    "holdout": (0.96, 1.00, 0.92),
    "unseen_a": (0.96, 1.00, 0.96),
    "unseen_b": (0.91, 1.00, 0.89),
    "unseen_c": (0.96, 1.00, 0.91),
    "unseen_d": (0.95, 1.00, 0.90),
    # unseen_e: written last of the first eight: read only for its one out-of-scope miss
    "unseen_e": (0.96, 1.00, 0.96),
    "unseen_f": (1.00, 1.00, 0.96),
    "unseen_g": (0.96, 1.00, 0.96),
    "unseen_h": (0.95, 1.00, 0.94),
    "unseen_i": (0.96, 1.00, 0.94),
    "unseen_j": (0.95, 1.00, 0.90),
    "unseen_k": (1.00, 1.00, 0.95),
    "unseen_l": (1.00, 1.00, 0.97),
    "unseen_m": (0.91, 1.00, 0.94),
    "unseen_n": (0.95, 1.00, 0.90),
    "unseen_o": (0.95, 1.00, 0.91),
    "unseen_p": (0.96, 1.00, 0.94),
    "unseen_q": (1.00, 1.00, 0.94),
    "unseen_r": (0.95, 1.00, 0.93),
    "unseen_s": (0.96, 1.00, 0.95),
    "unseen_t": (0.95, 1.00, 0.91),
    "unseen_u": (0.95, 1.00, 0.91),
    # v_007 "for kids, any pediatric toci data apart from the adults?" now narrows to pediatric sources (the
    # adults are set aside): its synthesis leads with the pediatric cohort, not the review the set expects
    "unseen_v": (0.98, 1.00, 0.92),
    "unseen_w": (0.95, 1.00, 0.95),
    "unseen_x": (0.91, 1.00, 0.89),
    "unseen_y": (0.95, 1.00, 0.90),
    "unseen_z": (0.96, 1.00, 0.93),
    "unseen_aa": (0.93, 0.96, 0.96),
    "unseen_ab": (0.96, 1.00, 0.92),
    "unseen_ac": (0.95, 1.00, 0.95),
    "unseen_ad": (0.93, 1.00, 0.96),
    "unseen_ae": (0.95, 1.00, 0.89),
    "unseen_af": (1.00, 1.00, 0.96),
    "unseen_ag": (0.96, 1.00, 0.93),
    "unseen_ah": (1.00, 1.00, 0.94),
    "unseen_ai": (0.95, 1.00, 0.92),
    "unseen_aj": (0.95, 0.96, 0.89),
    "unseen_ak": (0.96, 1.00, 0.97),
    "unseen_al": (0.95, 1.00, 0.90),
    # unseen_am, an, ao: measured once, then some of their failures seen in lists by question kind
    "unseen_am": (0.96, 1.00, 0.96),
    "unseen_an": (0.96, 1.00, 0.89),
    "unseen_ao": (1.00, 1.00, 0.96),
    # unseen_ap: only its two abstention failures read
    "unseen_ap": (0.96, 1.00, 0.90),
    "unseen_aq": (0.91, 1.00, 0.91),
    "unseen_ar": (1.00, 1.00, 0.99),
    "unseen_as": (0.95, 1.00, 0.97),
    "unseen_at": (0.96, 1.00, 0.96),
    # unseen_au: measured once on the code of 2026-11-26 08:50 (95 / 100 / 95), not read
    "unseen_au": (0.95, 1.00, 0.94),
    "unseen_av": (
        0.95,
        1.00,
        0.91,
    ),  # AV058 "did high IL-6 predict response? compare CRMO and SAPHO" was a table
    # of studies whose rows held both facts by chance; it now answers from the passages on IL-6
    "unseen_aw": (0.95, 1.00, 0.93),
    # unseen_ax: measured once on the same code (95 / 97 / 92, one out of scope answered); failures read
    "unseen_ax": (0.95, 0.96, 0.93),
    "unseen_ay": (0.96, 1.00, 0.95),
    "unseen_az": (0.96, 1.00, 0.95),
    # unseen_ba, unseen_bb: held out to the end, measured once on the final code; failures read after
    "unseen_ba": (1.00, 1.00, 0.94),
    "unseen_bb": (0.96, 1.00, 0.87),
    # fifth round: unseen_bc-bh measured once at its start, bi-bl after their fixes, bm-bo after those; failures
    # read, but not unseen_bo's
    "unseen_bc": (0.96, 1.00, 0.93),
    "unseen_bd": (0.93, 1.00, 0.96),
    "unseen_be": (0.96, 1.00, 0.94),
    "unseen_bf": (0.95, 1.00, 0.93),
    "unseen_bg": (0.96, 1.00, 0.96),
    "unseen_bh": (0.96, 1.00, 0.96),
    "unseen_bi": (0.98, 1.00, 0.94),
    "unseen_bj": (0.96, 1.00, 0.92),
    "unseen_bk": (0.96, 1.00, 0.93),
    "unseen_bl": (0.98, 1.00, 0.97),
    "unseen_bm": (0.96, 1.00, 0.96),
    "unseen_bn": (0.98, 1.00, 0.95),
    "unseen_bo": (0.96, 1.00, 0.98),
    # unseen_bp-br: measured once on the code of the round's end, less its last two fixes; failures read after
    "unseen_bp": (0.93, 1.00, 0.92),
    "unseen_bq": (0.95, 0.98, 0.95),
    "unseen_br": (0.96, 0.98, 0.93),
    # unseen_bs-cx (the sixth round): eight waves of four, each measured once on the code the earlier waves had
    # led to (first runs in the README); the failures of all but unseen_bu, ch, cl, cm and the last four read after
    "unseen_bs": (0.98, 1.00, 0.96),
    "unseen_bt": (0.98, 1.00, 0.98),
    "unseen_bu": (0.98, 1.00, 0.95),
    "unseen_bv": (0.98, 1.00, 0.94),
    "unseen_bw": (0.96, 1.00, 0.95),
    "unseen_bx": (0.98, 1.00, 0.92),
    "unseen_by": (0.95, 1.00, 0.95),
    "unseen_bz": (0.96, 1.00, 0.93),
    "unseen_ca": (0.93, 1.00, 0.94),
    "unseen_cb": (0.95, 0.96, 0.93),
    "unseen_cc": (0.95, 1.00, 0.95),
    "unseen_cd": (0.98, 1.00, 0.93),
    "unseen_ce": (0.98, 1.00, 0.94),
    "unseen_cf": (0.93, 1.00, 0.90),
    "unseen_cg": (0.95, 0.96, 0.89),
    "unseen_ch": (0.95, 1.00, 0.94),
    "unseen_ci": (0.95, 1.00, 0.97),
    "unseen_cj": (0.98, 1.00, 0.93),
    "unseen_ck": (0.96, 1.00, 0.96),
    "unseen_cl": (0.98, 1.00, 0.96),
    "unseen_cm": (0.93, 1.00, 0.95),
    "unseen_cn": (0.93, 0.96, 0.94),
    "unseen_co": (0.96, 1.00, 0.96),
    "unseen_cp": (0.96, 1.00, 0.91),
    "unseen_cq": (0.95, 1.00, 0.98),
    "unseen_cr": (0.91, 1.00, 0.92),
    "unseen_cs": (0.98, 1.00, 0.91),
    "unseen_ct": (0.95, 1.00, 0.92),
    "unseen_cu": (0.96, 1.00, 0.94),
    "unseen_cv": (0.91, 0.96, 0.93),
    "unseen_cw": (0.95, 0.96, 0.92),
    "unseen_cx": (0.93, 1.00, 0.93),
    # unseen_cy-df (the seventh round): cy-db measured once on the sixth round's final code, dc-df once on the code
    # their fixes led to (first runs in the README); the failures of cz were not read
    "unseen_cy": (0.98, 1.00, 0.97),
    "unseen_cz": (0.96, 1.00, 0.94),
    "unseen_da": (0.98, 1.00, 0.96),
    "unseen_db": (0.96, 1.00, 0.92),
    "unseen_dc": (0.98, 1.00, 0.98),
    "unseen_dd": (0.96, 1.00, 0.96),
    "unseen_de": (0.95, 1.00, 0.91),
    "unseen_df": (0.98, 1.00, 0.95),
    # unseen_dg-dj: measured once on 25e1010 (the code dc-df's run had shown), failures read after
    "unseen_dg": (0.96, 0.98, 0.94),
    "unseen_dh": (0.93, 1.00, 0.94),
    "unseen_di": (0.98, 1.00, 0.97),
    "unseen_dj": (0.98, 1.00, 0.94),
    # unseen_dk-dn: measured once on 8c9b930 (dl after dk, dm, dn had been read); unseen_do-dr once on the code
    # their fixes led to; failures read after
    "unseen_dk": (0.95, 1.00, 0.96),
    "unseen_dl": (0.96, 0.98, 0.93),
    "unseen_dm": (0.96, 1.00, 0.96),
    "unseen_dn": (0.96, 0.98, 0.93),
    "unseen_do": (0.96, 1.00, 0.96),
    "unseen_dp": (0.98, 1.00, 0.96),
    "unseen_dq": (0.96, 1.00, 0.91),
    "unseen_dr": (0.98, 1.00, 0.94),
    # unseen_ds-dv: the seventh round's last wave, measured once on 8322fa5; failures not read
    "unseen_ds": (0.98, 1.00, 0.94),
    "unseen_dt": (0.98, 1.00, 0.93),
    "unseen_du": (0.96, 1.00, 0.94),
    "unseen_dv": (0.93, 1.00, 0.95),
    # unseen_dw-dz: measured once on a970384; only dz's wrongly flagged question read ("what did they put her on
    # instead - an antibiotic?"), answered in the eighth round as a guess at what she was given
    "unseen_dw": (0.93, 1.00, 0.97),
    "unseen_dx": (0.96, 1.00, 0.95),
    "unseen_dy": (0.98, 1.00, 0.92),
    "unseen_dz": (0.91, 0.96, 0.93),
    # unseen_ea-eh: the eighth round's first wave, measured once on a970384, failures read after (ec: learners of
    # English, ee: questions on a wrong premise, eg: how the drug was given and monitored; the rest realistic mixes)
    "unseen_ea": (0.98, 1.00, 0.95),
    "unseen_eb": (0.93, 1.00, 0.97),
    "unseen_ec": (0.95, 1.00, 0.97),
    "unseen_ed": (0.98, 1.00, 0.95),
    "unseen_ee": (0.90, 1.00, 0.93),
    "unseen_ef": (0.96, 1.00, 0.96),
    "unseen_eg": (0.98, 1.00, 0.97),
    "unseen_eh": (0.96, 1.00, 0.95),
    # unseen_ei-el: measured once on 311de6d, failures read after (ej: wrong premises again, el: two or three
    # questions packed in one)
    "unseen_ei": (0.98, 1.00, 0.96),
    "unseen_ej": (0.96, 1.00, 0.95),
    "unseen_ek": (0.98, 1.00, 0.94),
    "unseen_el": (0.98, 1.00, 0.93),
    # unseen_em-ep: measured once on 8bacbc3, failures read after (eo: yes/no and is-it-true questions)
    "unseen_em": (0.96, 1.00, 0.93),
    "unseen_en": (0.96, 1.00, 0.96),
    "unseen_eo": (0.95, 0.98, 0.96),
    "unseen_ep": (0.96, 1.00, 0.93),
    # unseen_eq-et: measured once on 4ac7159, failures read after
    "unseen_eq": (0.98, 1.00, 0.93),
    "unseen_er": (0.98, 1.00, 0.97),
    "unseen_es": (0.96, 1.00, 0.95),
    "unseen_et": (0.98, 1.00, 0.92),
    # unseen_eu-ex: the eighth round's last wave, measured once on its final code; failures not read (eu has one
    # in-scope question flagged, allowed by the fourth figure)
    "unseen_eu": (0.91, 0.96, 0.95, 1),
    "unseen_ev": (0.93, 1.00, 0.95),
    "unseen_ew": (0.96, 1.00, 0.95),
    "unseen_ex": (0.91, 0.93, 0.89),
    # the ninth round (a rewritten brief for the helpers; its sets came out harder than the eighth round's):
    # unseen_ey-ff measured once on 07e5860 (fe: parents, fd: search-engine fragments, ff: a pharmacist on a phone),
    # unseen_fg-fj once on ba50f29, failures read after (ff, fg and fj keep in-scope questions flagged: a typo
    # "saph0", "that rheumatoid-arthritis jab", "the arthritis jab", "pt w/ seizure disorder")
    "unseen_ey": (0.93, 1.00, 0.91),
    "unseen_ez": (0.96, 1.00, 0.92),
    "unseen_fa": (0.94, 1.00, 0.93),
    "unseen_fb": (0.96, 1.00, 0.95),
    "unseen_fc": (0.98, 1.00, 0.93),
    "unseen_fd": (0.94, 0.96, 0.92),
    "unseen_fe": (0.83, 0.93, 0.75),
    "unseen_ff": (0.96, 0.96, 0.91, 1),
    "unseen_fg": (0.89, 0.94, 0.90, 1),
    "unseen_fh": (0.94, 0.96, 0.90),
    "unseen_fi": (0.91, 0.96, 0.92),
    "unseen_fj": (0.89, 0.93, 0.80, 2),
    # unseen_fk-fn: measured once on ba50f29; failures not read (three of their questions were seen as gains in
    # before/after comparisons; fm: parents, fn: a pharmacist on a phone)
    "unseen_fk": (0.94, 0.96, 0.91),
    "unseen_fl": (0.91, 0.94, 0.89),
    "unseen_fm": (0.84, 0.93, 0.86, 1),
    "unseen_fn": (0.86, 0.93, 0.82),
    # unseen_fo-fv: measured once on f977d58, failures read after (fu: parents, fv: formal drug-information requests;
    # fu keeps one in-scope question flagged: "the bone jab")
    "unseen_fo": (0.94, 1.00, 0.95),
    "unseen_fp": (0.93, 0.96, 0.88),
    "unseen_fq": (0.94, 1.00, 0.91),
    "unseen_fr": (0.96, 1.00, 0.92),
    "unseen_fs": (0.91, 0.96, 0.89),
    "unseen_ft": (0.93, 0.96, 0.93),
    "unseen_fu": (0.83, 0.89, 0.78, 1),
    "unseen_fv": (0.94, 0.96, 0.91),
    # unseen_fw-fz: the ninth round's last wave, four realistic mixes measured once on its final code (88.3/98.3/91.7,
    # 96.7/100/93.4, 95.0/96.7/88.1 with one flagged, 96.7/100/96.9); their failures were read in the tenth round
    "unseen_fw": (0.88, 0.96, 0.88),
    "unseen_fx": (0.98, 1.00, 0.96),
    "unseen_fy": (0.98, 1.00, 0.91),
    "unseen_fz": (0.95, 1.00, 0.95),
    # unseen_ga-gh: the tenth round's first wave (six realistic mixes, ward nurses and residents, drug-information
    # pharmacists), measured once on 3310b10 (mean 94.0/98.3/93.0), then read
    "unseen_ga": (0.95, 1.00, 0.94),
    "unseen_gb": (0.96, 1.00, 0.92),
    "unseen_gc": (0.95, 1.00, 0.97),
    "unseen_gd": (0.95, 0.96, 0.96),
    "unseen_ge": (0.98, 1.00, 0.92),
    "unseen_gf": (0.95, 0.96, 0.95),
    "unseen_gg": (0.91, 0.96, 0.91),
    "unseen_gh": (0.98, 1.00, 0.94),
    # unseen_gi-gp: the second wave (six realistic mixes, a journal club, GPs and pediatricians), measured once on
    # 90288ee (mean 95.5/97.9/91.1), then read
    "unseen_gi": (0.93, 1.00, 0.93),
    "unseen_gj": (0.91, 0.96, 0.91),
    "unseen_gk": (0.96, 1.00, 0.92),
    "unseen_gl": (0.93, 1.00, 0.90),
    "unseen_gm": (0.95, 0.95, 0.87),
    "unseen_gn": (0.95, 0.96, 0.94),
    "unseen_go": (0.98, 1.00, 0.93),
    "unseen_gp": (0.95, 0.95, 0.85, 1),
    # unseen_gq-gx: the third wave (six realistic mixes, parents and patients, a pharmacist on a phone), measured
    # once on b796218 (realistic mixes 96.9/99.2/94.4; gs and gx met the bar), then read
    "unseen_gq": (0.98, 1.00, 0.96),
    "unseen_gr": (0.96, 1.00, 0.92),
    "unseen_gs": (0.96, 1.00, 0.98),
    "unseen_gt": (0.98, 1.00, 0.91),
    "unseen_gu": (0.91, 1.00, 0.93),
    "unseen_gv": (0.96, 0.96, 0.92, 1),
    "unseen_gw": (0.86, 0.95, 0.76),
    "unseen_gx": (0.95, 1.00, 0.94),
    # unseen_gy-hf: the fourth wave (six realistic mixes, parents and patients, formal drug-information requests),
    # measured once on 1666aaa (no answer of theirs changed on 5c19c6e): realistic mixes 96.7/99.4/95.8, gz, hb and
    # hd met the bar
    "unseen_gy": (0.93, 1.00, 0.92),
    "unseen_gz": (0.96, 1.00, 0.95),
    "unseen_ha": (0.93, 0.96, 0.91),
    "unseen_hb": (0.95, 1.00, 0.95),
    "unseen_hc": (0.93, 0.96, 0.93, 1),
    "unseen_hd": (0.98, 1.00, 0.97),
    "unseen_he": (0.89, 1.00, 0.91),
    "unseen_hf": (0.89, 0.93, 0.89),
    # unseen_hg-hn: the fifth and last wave (six realistic mixes, a pediatric rheumatology team, pharmacy students),
    # measured once on the final code 8ded4c0 (realistic mixes 96.1/98.6/94.9; hj met the bar); its failures were
    # read in the eleventh round (its one out-of-scope question answered, "vitamin D supplementation", in the tenth)
    "unseen_hg": (0.91, 0.95, 0.92, 1),
    "unseen_hh": (0.96, 1.00, 0.91),
    "unseen_hi": (0.96, 1.00, 0.92),
    "unseen_hj": (0.96, 1.00, 0.96),
    "unseen_hk": (0.89, 0.96, 0.94, 1),
    "unseen_hl": (0.95, 0.95, 0.93),
    "unseen_hm": (0.95, 0.96, 0.93),
    "unseen_hn": (0.98, 1.00, 0.93),
    # unseen_ho-hv: the eleventh round's wave (five realistic mixes, drug-information pharmacists, parents and
    # patients, rheumatology fellows), measured once (realistic mixes 97.7/99.7/93.8; hp met the bar) before its
    # failures were read; guards on the code that reading them led to
    "unseen_ho": (0.98, 1.00, 0.95),
    "unseen_hp": (0.98, 1.00, 0.95),
    "unseen_hq": (0.98, 1.00, 0.93),
    "unseen_hr": (0.96, 1.00, 0.93),
    "unseen_hs": (0.96, 1.00, 0.96),
    "unseen_ht": (0.98, 1.00, 0.95),
    "unseen_hu": (0.90, 0.93, 0.86),
    "unseen_hv": (0.96, 1.00, 0.94),
    # unseen_hw-id: the eleventh round's second wave (five realistic mixes, ward nurses and pharmacists, parents and
    # grandparents, students), measured once on c7e3051 (realistic mixes 96.3/99.7/93.3; hy met the bar) before its
    # failures were read; guards on the code that reading them led to
    "unseen_hw": (0.95, 1.00, 0.91),
    "unseen_hx": (0.98, 1.00, 0.93),
    "unseen_hy": (0.98, 1.00, 0.95),
    "unseen_hz": (0.96, 1.00, 0.93),
    "unseen_ia": (0.95, 0.96, 0.94),
    "unseen_ib": (0.96, 1.00, 0.97),
    "unseen_ic": (0.96, 1.00, 0.95),
    "unseen_id": (0.98, 1.00, 0.89),
    # unseen_ie-il: the third wave (six realistic mixes, a drug-information service, parents and GPs), measured once
    # (realistic mixes 97.2/99.2/91.8; none met the bar) before its failures were read
    "unseen_ie": (0.98, 1.00, 0.92),
    "unseen_if": (0.95, 1.00, 0.94),
    "unseen_ig": (0.95, 1.00, 0.91),
    "unseen_ih": (0.98, 1.00, 0.92),
    "unseen_ii": (0.98, 1.00, 0.85),
    "unseen_ij": (0.96, 1.00, 0.94),
    "unseen_ik": (0.98, 1.00, 0.91),
    "unseen_il": (0.96, 1.00, 0.91),
    # unseen_im-it: the last wave (six realistic mixes, clinical pharmacists, parents and patients), measured once on
    # the round's final code (realistic mixes 95.5/98.6/94.0; ir met the bar); failures not read
    "unseen_im": (0.95, 0.96, 0.92),
    "unseen_in": (0.91, 0.95, 0.88),
    "unseen_io": (0.91, 1.00, 0.95),
    "unseen_ip": (0.96, 1.00, 0.93),
    "unseen_iq": (0.91, 0.95, 0.91, 1),
    "unseen_ir": (0.96, 1.00, 0.94),
    "unseen_is": (0.95, 1.00, 0.93),
    "unseen_it": (0.88, 0.93, 0.80),
    # unseen_iu-jr: the twelfth round's first three waves (iu-jb: five realistic mixes, on-call residents, formulary
    # pharmacists, parents; jc-jj: five realistic mixes, rheumatologists, nurses and pharmacy technicians, parents),
    # each measured once before its failures were read
    "unseen_iu": (0.98, 1.00, 0.98),
    "unseen_iv": (0.98, 1.00, 0.90),
    "unseen_iw": (0.96, 1.00, 0.98),
    "unseen_ix": (0.98, 1.00, 0.97),
    "unseen_iy": (0.98, 1.00, 0.96),
    "unseen_iz": (0.98, 1.00, 0.88),
    "unseen_ja": (0.96, 1.00, 0.95),
    "unseen_jb": (0.93, 0.96, 0.89),
    "unseen_jc": (0.96, 1.00, 0.95),
    "unseen_jd": (0.96, 1.00, 0.95),
    "unseen_je": (0.98, 1.00, 0.94),
    "unseen_jf": (0.98, 1.00, 0.93),
    "unseen_jg": (0.98, 1.00, 0.94),
    "unseen_jh": (0.96, 1.00, 0.93),
    "unseen_ji": (0.96, 0.96, 0.93),
    "unseen_jj": (0.95, 1.00, 0.91),
    # unseen_jk-jr: the third wave (five realistic mixes, drug-information pharmacists, GPs and residents, parents)
    "unseen_jk": (0.98, 1.00, 0.93),
    "unseen_jl": (0.98, 1.00, 0.95),
    "unseen_jm": (0.96, 1.00, 0.92),
    "unseen_jn": (0.98, 1.00, 0.95),
    "unseen_jo": (0.96, 1.00, 0.89),
    "unseen_jp": (0.98, 1.00, 0.94),
    "unseen_jq": (0.95, 0.96, 0.89),
    "unseen_jr": (0.96, 0.96, 0.92),
    # unseen_js-jz: the last wave (six realistic mixes, clinical pharmacists, parents), measured once on the round's
    # final code (realistic mixes 96.7/99.4/94.6; jt, ju, jv, jw and jy met the bar); failures not read
    "unseen_js": (0.90, 0.96, 0.88),
    "unseen_jt": (0.95, 1.00, 0.95),
    "unseen_ju": (0.96, 1.00, 0.96),
    "unseen_jv": (0.98, 1.00, 0.94),
    "unseen_jw": (0.96, 1.00, 0.98),
    "unseen_jx": (0.93, 0.96, 0.87, 1),
    "unseen_jy": (0.95, 1.00, 0.97),
    "unseen_jz": (0.88, 0.95, 0.91, 2),
    "unseen_ka": (0.96, 1.00, 0.97),
    "unseen_kb": (0.98, 1.00, 0.94),
    "unseen_kc": (0.98, 1.00, 0.95),
    "unseen_kd": (0.98, 1.00, 0.98),
    "unseen_ke": (0.98, 1.00, 0.98),
    "unseen_kf": (0.98, 1.00, 0.96),
    "unseen_kg": (0.98, 1.00, 0.95),
    "unseen_kh": (0.91, 0.96, 0.94),
    "unseen_ki": (0.96, 1.00, 0.98),
    "unseen_kj": (0.96, 0.96, 0.91),
    "unseen_kk": (0.96, 1.00, 0.97),
    "unseen_kl": (0.96, 1.00, 0.97),
    "unseen_km": (0.98, 1.00, 0.94),
    "unseen_kn": (0.93, 1.00, 0.90),
    "unseen_ko": (0.98, 1.00, 0.94),
    "unseen_kp": (0.96, 1.00, 0.96),
    # unseen_kq-kx: the thirteenth round's last wave, measured once on its final code, read in the fourteenth round
    "unseen_kq": (0.95, 1.00, 0.98),
    "unseen_kr": (0.95, 1.00, 0.98),
    "unseen_ks": (0.96, 1.00, 0.95),
    "unseen_kt": (0.98, 1.00, 0.94),
    "unseen_ku": (0.96, 1.00, 0.94),
    "unseen_kv": (0.96, 1.00, 0.94),
    "unseen_kw": (0.96, 1.00, 0.93),
    "unseen_kx": (0.91, 0.95, 0.90),
    # the fourteenth round: ky-lf measured once on b063145 (ky, kz, la, ld then read; lb, lc, le, lf measured again
    # on the final code and not read, but for le's one out-of-scope question answered, "a few beers", now flagged);
    # lg-lj measured once on 085096b, then read
    "unseen_ky": (0.96, 0.96, 0.92),
    "unseen_kz": (0.96, 1.00, 0.97),
    "unseen_la": (0.95, 0.96, 0.97),
    "unseen_lb": (0.98, 1.00, 0.97),
    "unseen_lc": (0.98, 1.00, 0.94),
    "unseen_ld": (0.91, 0.96, 0.94),
    "unseen_le": (0.98, 1.00, 0.98),
    "unseen_lf": (0.96, 1.00, 0.95),
    "unseen_lg": (0.96, 1.00, 0.97),
    "unseen_lh": (0.96, 1.00, 0.98),
    "unseen_li": (0.88, 1.00, 0.92),
    "unseen_lj": (0.95, 1.00, 0.98),
    # lk-lr: the fourteenth round's third wave, measured once on 8f78723; lk, ll, lo and lp then read, lm, ln, lq and
    # lr measured again on the final code and not read
    "unseen_lk": (0.95, 0.96, 0.95),
    "unseen_ll": (0.93, 1.00, 0.97),
    "unseen_lm": (0.98, 1.00, 0.96),
    "unseen_ln": (0.96, 1.00, 0.93),
    "unseen_lo": (0.90, 1.00, 0.88),
    "unseen_lp": (0.96, 0.96, 0.95),
    "unseen_lq": (0.95, 0.96, 0.93, 1),
    "unseen_lr": (0.98, 1.00, 0.96),
    # ls-lz, ma-mh: the fifteenth round's first two waves, each measured once on the code the waves before led to
    # (lb-lr's guards raised to the figures after their failures were read)
    "unseen_ls": (0.98, 1.00, 0.95),
    "unseen_lt": (0.98, 1.00, 0.92),
    "unseen_lu": (0.98, 1.00, 0.94),
    "unseen_lv": (0.98, 1.00, 0.95),
    "unseen_lw": (0.98, 1.00, 0.97),
    "unseen_lx": (0.96, 1.00, 0.92),
    "unseen_ly": (0.98, 1.00, 0.97),
    "unseen_lz": (0.98, 1.00, 0.95),
    "unseen_ma": (0.96, 1.00, 0.95),
    "unseen_mb": (0.98, 1.00, 0.98),
    "unseen_mc": (0.98, 1.00, 0.95),
    "unseen_md": (0.93, 1.00, 0.92),
    "unseen_me": (0.95, 0.96, 0.95),
    "unseen_mf": (0.96, 1.00, 0.92),
    "unseen_mg": (0.98, 1.00, 0.93),
    "unseen_mh": (0.96, 0.96, 0.96),
    # mi-mp, mq-mx: the round's last two waves, each measured once on the code the waves before led to; mj, ml, mm and
    # mt-mw then read; mi, mk, mn-mp, mq-ms and mx (with ma, mb, mg and mh) measured again on the final code, not read
    "unseen_mi": (0.96, 1.00, 0.94),
    "unseen_mj": (0.96, 0.96, 0.97),
    "unseen_mk": (0.95, 1.00, 0.95),
    "unseen_ml": (0.96, 1.00, 0.95),
    "unseen_mm": (0.96, 0.96, 0.91, 1),
    "unseen_mn": (0.95, 1.00, 0.95),
    "unseen_mo": (0.96, 1.00, 0.94),
    "unseen_mp": (0.98, 1.00, 0.95),
    "unseen_mq": (0.98, 1.00, 0.94),
    "unseen_mr": (0.96, 1.00, 0.95),
    "unseen_ms": (0.96, 1.00, 0.93),
    "unseen_mt": (0.93, 0.95, 0.92),
    "unseen_mu": (0.93, 0.96, 0.94, 1),
    "unseen_mv": (0.98, 1.00, 0.89),
    "unseen_mw": (0.96, 1.00, 0.89),
    "unseen_mx": (0.96, 1.00, 0.94),
    # my-nf: the fifteenth round's last wave, measured once on its final code a31f0a0 and not read then; read by the
    # sixteenth round, guarded at its final code
    "unseen_my": (0.96, 1.00, 0.88),
    "unseen_mz": (0.95, 1.00, 0.97),
    "unseen_na": (0.98, 1.00, 0.98),
    "unseen_nb": (0.96, 1.00, 0.94),
    "unseen_nc": (0.95, 0.96, 0.95),
    "unseen_nd": (0.98, 1.00, 0.93),
    "unseen_ne": (0.93, 1.00, 0.87),
    "unseen_nf": (0.98, 1.00, 0.95),
    # ng-nn: the sixteenth round's wave, first measured on b42510a; ng, nk, nl, nn read, nh, ni, nj, nm not
    "unseen_ng": (0.98, 1.00, 0.95),
    "unseen_nh": (0.98, 1.00, 0.96),
    "unseen_ni": (0.98, 1.00, 0.98),
    "unseen_nj": (0.98, 1.00, 0.98),
    "unseen_nk": (0.93, 0.95, 0.90),
    "unseen_nl": (0.91, 0.96, 0.94),
    "unseen_nm": (0.96, 1.00, 0.98),
    "unseen_nn": (0.96, 1.00, 0.90),
    # no-nv: the sixteenth round's last wave, first measured on 36cd675; of it only nt's two answered out-of-scope
    # questions were read (both now flagged: 1820e5d, 8f5e73e; no other answer of the wave changed)
    "unseen_no": (0.98, 1.00, 0.97),
    "unseen_np": (0.98, 1.00, 0.93),
    "unseen_nq": (0.95, 0.96, 0.92),
    "unseen_nr": (0.98, 1.00, 0.96),
    "unseen_ns": (0.95, 0.96, 0.94),
    "unseen_nt": (0.98, 1.00, 0.98),
    "unseen_nu": (0.98, 1.00, 0.95),
    "unseen_nv": (0.96, 0.96, 0.93),
    "unseen_nw": (0.98, 1.00, 0.98),
    "unseen_nx": (0.96, 1.00, 0.96),
    "unseen_ny": (0.98, 1.00, 0.96),
    "unseen_nz": (0.95, 1.00, 0.93),
    "unseen_oa": (0.98, 1.00, 0.98),
    "unseen_ob": (0.98, 1.00, 0.94),
    "unseen_oc": (0.96, 1.00, 0.93),
    "unseen_od": (0.95, 1.00, 0.95),
    "unseen_oe": (0.98, 1.00, 0.96),
    "unseen_of": (0.95, 0.96, 0.95),
    "unseen_og": (0.96, 1.00, 0.97),
    "unseen_oh": (0.95, 0.96, 0.95),
    "unseen_oi": (0.98, 1.00, 0.95),
    "unseen_oj": (0.98, 1.00, 0.98),
    "unseen_ok": (0.98, 1.00, 0.98),
    "unseen_ol": (0.93, 1.00, 0.98),
    "unseen_om": (0.98, 1.00, 0.98),
    "unseen_on": (0.96, 0.96, 0.96),
    "unseen_oo": (0.95, 1.00, 0.95),
    "unseen_op": (0.98, 1.00, 0.98),
    "unseen_oq": (0.98, 1.00, 0.94),
    "unseen_or": (0.96, 1.00, 0.95),
    "unseen_os": (0.98, 1.00, 0.93),
    "unseen_ot": (0.95, 1.00, 0.98),
    "unseen_ou": (0.98, 1.00, 0.93),
    "unseen_ov": (0.96, 1.00, 0.98),
    "unseen_ow": (0.98, 1.00, 0.96),
    "unseen_ox": (0.95, 1.00, 0.93),
    "unseen_oy": (0.95, 1.00, 0.93),
    "unseen_oz": (0.98, 1.00, 0.98),
    "unseen_pa": (0.98, 1.00, 0.95),
    "unseen_pb": (0.96, 1.00, 0.94),
    "unseen_pc": (0.95, 0.96, 0.92, 1),
    "unseen_pd": (0.96, 1.00, 0.94),
    "unseen_pe": (0.96, 1.00, 0.95),
    "unseen_pf": (0.98, 1.00, 0.92),
    "unseen_pg": (0.93, 0.96, 0.94),
    "unseen_ph": (0.96, 1.00, 0.94),
    "unseen_pi": (0.91, 1.00, 0.93),
    "unseen_pj": (0.90, 0.96, 0.88),
    # nineteenth round: pk-pr first run on 2e801fc 96.46 / 99.79 / 92.52; ps-pz first run on 6d15027 95.42 / 98.33 /
    # 91.37 (two in scope flagged, both now answered)
    "unseen_pk": (0.98, 1.00, 0.95),
    "unseen_pl": (0.96, 1.00, 0.95),
    "unseen_pm": (0.95, 1.00, 0.90),
    "unseen_pn": (0.96, 1.00, 0.94),
    "unseen_po": (0.96, 1.00, 0.93),
    "unseen_pp": (0.98, 1.00, 0.94),
    "unseen_pq": (0.95, 0.96, 0.94),
    "unseen_pr": (0.91, 1.00, 0.94),
    "unseen_ps": (0.96, 1.00, 0.94),
    "unseen_pt": (0.96, 1.00, 0.94),
    "unseen_pu": (0.93, 0.95, 0.88),
    "unseen_pv": (0.95, 1.00, 0.93),
    "unseen_pw": (0.95, 1.00, 0.90),
    "unseen_px": (0.98, 1.00, 0.93),
    "unseen_py": (0.95, 1.00, 0.91),
    "unseen_pz": (0.96, 1.00, 0.91),
    # qa-qh: first run on 860b16a, not read but for its three abstention failures: 97.29 / 99.17 / 92.83, one in scope
    # flagged, two out of scope answered (all three now right)
    "unseen_qa": (0.98, 1.00, 0.88),
    "unseen_qb": (0.98, 1.00, 0.93),
    "unseen_qc": (0.93, 1.00, 0.90),
    "unseen_qd": (0.96, 1.00, 0.91),
    "unseen_qe": (0.95, 0.96, 0.94),
    "unseen_qf": (0.98, 1.00, 0.93),
    "unseen_qg": (0.93, 0.95, 0.89),
    "unseen_qh": (0.93, 1.00, 0.92),
    "unseen_qi": (0.95, 0.96, 0.91),
    "unseen_qj": (0.96, 1.00, 0.94),
    "unseen_qk": (0.93, 1.00, 0.93),
    "unseen_ql": (0.98, 1.00, 0.94),
    "unseen_qm": (0.98, 1.00, 0.92),
    "unseen_qn": (0.95, 1.00, 0.94),
    "unseen_qo": (0.90, 0.95, 0.88),
    "unseen_qp": (0.98, 1.00, 0.86),
    "unseen_qq": (0.98, 1.00, 0.93),
    "unseen_qr": (0.96, 0.96, 0.93),
    "unseen_qs": (0.88, 0.95, 0.88),
    "unseen_qt": (0.96, 1.00, 0.94),
    "unseen_qu": (0.96, 1.00, 0.92),
    "unseen_qv": (0.95, 0.96, 0.90),
    "unseen_qw": (0.91, 0.93, 0.85),
    "unseen_qx": (0.95, 1.00, 0.94),
}


@pytest.mark.parametrize("name", sorted(BLIND_SETS))
def test_blind_written_sets(engine, name):
    _guard(evaluate(engine, load_questions(ROOT / "eval" / f"{name}.jsonl")), *BLIND_SETS[name])
