"""Clinical vocabulary: the tokenizer keeps clinical tokens whole and folds every synonym to one token."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from qa.lexicon import (
    SYNONYMS,
    filter_words,
    fold,
    markers_masked,
    normalize,
    tokenize,
    with_classes,
    with_pairs,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("IL-6", ["il-6"]),
        ("8 mg/kg", ["8", "mg/kg"]),
        ("TNF-alpha", ["tnf-α"]),
        ("TNF-α", ["tnf-α"]),
        ("CRP", ["crp"]),
        ("37.6", ["37.6"]),
        ("87%", ["87%"]),
        ("IL‑6", ["il-6"]),  # non-breaking hyphen
        ("TNF–α", ["tnf-α"]),  # en dash
    ],
)
def test_clinical_tokens_stay_whole(text, expected):
    assert tokenize(text) == expected


def test_tokens_in_running_text():
    tokens = tokenize(
        "Tocilizumab (TCZ) was dosed at 8 mg/kg; CRP fell and mean time to remission was 37.6 months."
    )
    assert tokens.count("tocilizumab") == 2
    assert {"8", "mg/kg", "crp", "37.6"} <= set(tokens)
    assert "mg" not in tokens and "kg" not in tokens and "37" not in tokens


def test_stop_words_dropped_and_words_stemmed():
    tokens = tokenize("What were the outcomes of the patients treated?")
    assert "what" not in tokens and "the" not in tokens
    assert tokenize("treated") == tokenize("treats") == tokenize("treat")
    assert tokenize("patients") == tokenize("patient")


SYNONYM_SETS = [
    ["Actemra", "TCZ", "tocilizumab", "RoActemra"],
    ["CRMO", "CNO", "chronic non-bacterial osteomyelitis", "chronic recurrent multifocal osteomyelitis"],
    ["paediatric", "pediatric", "children", "child", "paeds"],
    ["IL-6", "interleukin-6", "interleukin 6", "interleukin six"],
    ["CNO", "chronic non-bacterial osteitis", "non-infectious osteitis"],
    ["fever", "a temperature", "febrile"],
    ["bone pain", "aching bones"],
    ["DMARDs", "slow-acting arthritis pills"],
    ["psoriasis", "scaly skin rash", "psoriasiform"],
    ["switched", "swapped", "moved to"],
    ["tried", "treat", "a trial of"],
    ["benefit", "would respond"],
    ["adverse events", "AEs", "side effects"],
    ["consensus", "guidelines"],
    ["sufficient", "enough"],
    ["MTX", "methotrexate"],
    ["PSL", "prednisolone"],
    ["TNFi", "anti-TNF", "TNF inhibitors"],
    ["SAPHO", "synovitis, acne, pustulosis, hyperostosis, and osteitis"],
]


@pytest.mark.parametrize("names", SYNONYM_SETS, ids=lambda names: names[0])
def test_synonyms_fold_to_one_token(names):
    folded = {tuple(tokenize(name)) for name in names}
    assert len(folded) == 1, folded
    assert len(next(iter(folded))) == 1
    in_context = {tuple(tokenize(f"Was {name} given?")) for name in names}
    assert len(in_context) == 1, in_context


def test_folding_respects_word_boundaries():
    assert "tocilizumab" not in tokenize("tczx")
    assert tokenize("pediatrician") != tokenize("pediatric")
    assert "methotrexate" not in tokenize("MTXL")


def test_synonym_table_is_consistent():
    """No variant is claimed by two concepts, and no canonical name is another concept's variant."""
    seen: dict[str, str] = {}
    for canon, variants in SYNONYMS.items():
        for variant in variants:
            assert variant not in seen, f"{variant!r} maps to {seen[variant]!r} and {canon!r}"
            seen[variant] = canon
    assert not set(SYNONYMS) & set(seen)


def test_every_variant_folds_like_its_canonical_name():
    """The text's own word ("valproic acid", "adverse event") and the user's ("valproate", "side effects") meet."""
    mismatched = [
        (variant, canon, tokenize(variant), tokenize(canon))
        for canon, variants in SYNONYMS.items()
        for variant in variants
        if tokenize(variant) != tokenize(canon)
    ]
    assert not mismatched, mismatched


def test_fold_is_case_and_dash_insensitive():
    assert fold("ACTEMRA") == fold("actemra") == "tocilizumab"
    assert fold("Chronic Non‐Bacterial Osteomyelitis") == "cno"


@given(st.text(max_size=200))
def test_tokenize_never_fails_and_yields_clean_tokens(text):
    for token in tokenize(text):
        assert token and token == token.strip() and " " not in token
        assert token == token.lower()


def test_phrases_add_adjacent_pairs():
    assert with_pairs(["prospective", "data", "naproxen"]) == [
        "prospective",
        "data",
        "naproxen",
        "prospective__data",
        "data__naproxen",
    ]
    assert with_pairs([]) == []


def test_lay_and_mechanism_names_fold():
    assert tokenize("the IL-6 antibody") == tokenize("tocilizumab")
    assert "female" in tokenize(
        "the two-woman report"
    )  # a number word joined to a noun still yields the noun
    assert tokenize("grown men") == tokenize("adults")
    assert tokenize("why does it make sense") == tokenize("why rationale")


def test_drugs_also_count_as_their_class():
    assert with_classes(["switch", "adalimumab", "etanercept"]) == [
        "switch",
        "adalimumab",
        "etanercept",
        "anti-tnf",
    ]
    assert with_classes(["anti-tnf", "adalimumab"]) == ["anti-tnf", "adalimumab"]  # class already named
    assert with_classes(["tocilizumab"]) == ["tocilizumab"]


def test_clinical_shorthand_for_age_and_sex():
    assert tokenize("48M with leg pain")[:4] == ["48-year-old", "48", "year-old", "male"]
    assert "female" in tokenize("53 F with SAPHO") and "year-old" in tokenize("5yo girl")
    assert tokenize("8 mg") == ["8", "mg"]  # a unit is not a sex


def test_more_names_for_the_il6_blocker():
    for name in ("anti-IL6", "blocking IL-6", "the anti-IL-6 agent", "IL6 inhibition"):
        assert "tocilizumab" in tokenize(name), name


@pytest.mark.parametrize(
    "text",
    [
        "the acne/bone syndrome",
        "acne-and-collarbone-pain syndrome",
        "palm-pustule + collarbone bone syndrome",
        "the two women with the pimply skin and bone disease",
        "the inflammatory bone-and-skin pustule syndrome",
    ],
)
def test_sapho_described_by_its_signs(text):
    assert "sapho" in fold(text).split()


def test_acne_and_a_syndrome_alone_are_not_sapho():
    assert "sapho" not in fold("acne in teenagers with Down syndrome")
    assert "sapho" not in fold("kids with bone disease who got a skin rash")  # CNO, with a rash
    assert (
        fold("the skin and joint disease in SAPHO").split().count("sapho") == 1
    )  # skin and joints, in SAPHO


@pytest.mark.parametrize(
    "text",
    [
        "the interleukin-blocking infusion",
        "the anti-interleukin-six drip",
        "IL-six receptor blocking infusion",
        "anti-IL6 antibody",
        "an IL-6R monoclonal",
        "the inflammation-signal-blocking drip",
        "the drip that blocks one of the inflammation messengers",
        "the rheumatoid arthritis biologic that blocks that one inflammatory messenger",
        "the arthritis biologic that blocks one of the body's swelling messengers",
        "did the RA biologic",
    ],
)
def test_the_il6_blocker_named_by_what_it_does(text):
    assert fold(text).split()[-1] == "tocilizumab"


def test_other_interleukin_blockers_are_not_tocilizumab():
    assert "tocilizumab" not in tokenize("RA biologics like adalimumab")  # a class, by example
    assert "tocilizumab" not in fold("the interleukin-1 blocking drug")


def test_consistency_of_results_reads_as_inconsistent_outcomes_but_consistent_with_does_not():
    assert "inconsistent" in fold("are the results consistent from one report to the next?")
    assert "inconsistent" not in fold("Imaging and biopsy findings were consistent with osteomyelitis")
    assert "prognosis" in fold("is spine involvement a bad sign in kids?")


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("the lady with blisters on her palms and soles", "palmoplantar_pustulosis"),
        ("pus spots on the palms/soles", "palmoplantar_pustulosis"),
        ("a younger woman wanting to keep the option of having kids", "fertility"),
        ("the immune alarm complex inside cells", "inflammasome"),
        ("toci-treated patients", "tocilizumab"),
        ("do the SAPHO results line up with adult CRMO?", "corroborate"),
        ("a little girl with a scaly, bumpy skin rash", "psoriasis"),
        ("the drug for the pimply-skin plus collarbone-inflammation syndrome", "sapho"),
    ],
)
def test_lay_descriptions_fold_to_the_texts_terms(text, folded):
    assert folded in fold(text).split()


def test_squashed_back_bones_are_vertebral_compression_fractures():
    assert fold("how many ended up with squashed back bones?") == fold(
        "how many ended up with vertebral compression fracture?"
    )


def test_british_spellings_read_as_the_texts_american_ones():
    assert normalize("How generalisable? Tumour necrosis factor, oedema, randomisation") == (
        "how generalizable? tumor necrosis factor, edema, randomization"
    )
    assert normalize("the promise of it was raised") == "the promise of it was raised"


def test_clinicians_shorthand_reads_as_the_words():
    assert tokenize("pts with hx of infxn, f/u 3 wks, SCJ pain, VCFs, dz") == tokenize(
        "patients with history of infection, follow-up 3 weeks, sternoclavicular joint pain, vertebral "
        "compression fractures, disease"
    )
    assert "pts" not in fold("pts") and "hx" not in fold("hx of")


@pytest.mark.parametrize(
    "text",
    [
        "her white cells crashed after the infusion",
        "white count dropped on day 2",
        "a very low white cell count",
        "neutrophils fell",
        "if the neutrophils drop on toci",
    ],
)
def test_white_cells_falling_is_neutropenia(text):
    assert "neutropenia" in fold(text).split()


def test_a_raised_white_count_is_not_neutropenia():
    assert "neutropenia" not in fold("elevated CRP and WBC").split()


def test_palms_n_soles_is_palmoplantar_pustulosis():
    assert "palmoplantar_pustulosis" in fold("lady w pus bumps on palms n soles").split()


def test_the_report_named_by_what_it_is_and_everyday_improvement():
    assert fold("the drug-info service's bottom line").split()[1] == "inpharmd"
    assert "tocilizumab" in fold("the Roche IL-six-receptor infusion").split()
    assert "improv" in tokenize("scans looking better") and "myalgia" in tokenize("stopped for muscle aches")
    assert "pediatric" in fold("the little girl who went through the biologics").split()


@pytest.mark.parametrize(
    "text",
    [
        "the arthritis drip",
        "is the RA infusion any good",
        "the rheumatoid arthritis drip that blocks one of the inflammation signals",
        "the arthritis drug blocking interleukin six",
    ],
)
def test_the_arthritis_drip_is_tocilizumab_and_no_arthritis_is_asked_about(text):
    assert "tocilizumab" in tokenize(text) and "arthriti" not in tokenize(text)


def test_arthritis_itself_and_inflammation_blood_tests():
    assert "arthriti" in tokenize("tocilizumab for reactive arthritis")
    assert tokenize("did the blood tests for inflammation drop") == tokenize(
        "did the inflammatory markers drop"
    )


def test_lay_names_for_nsaids_and_palmoplantar_pustulosis():
    assert tokenize("ordinary anti-inflammatory pain pills") == ["ordinari", "nsaid"]
    assert "palmoplantar_pustulosis" in fold("pus spots on hands/feet").split()
    assert "neutropenia" not in fold("the neutrophils are fine").split()


def test_worse_and_worsening_meet():
    assert tokenize("has toci made CRMO worse")[-1] == tokenize("worsening of CRMO")[0]


def test_quoted_words_lose_their_quotes_and_possessives_keep_theirs():
    assert normalize("what immune 'alarm' complex") == "what immune alarm complex"
    assert normalize("the patients' labs") == "the patients' labs"
    assert "inflammasome" in tokenize("what immune 'alarm' complex inside cells")


def test_everyday_words_for_continuing_and_symptoms():
    assert tokenize("has to stay on anti-TNF")[-2:] == tokenize("continuation of anti-TNF")[-2:]
    assert tokenize("what do kids complain of") == tokenize("what do kids symptoms")


def test_pustules_and_pustular_rashes_share_a_stem():
    assert set(tokenize("any skin pustules?")) & set(tokenize("new pustular rashes"))


def test_numbers_written_as_words_read_as_digits():
    assert tokenize("the group of thirty kids") == tokenize("the group of 30 kids")
    assert "78" in fold("a seventy eight year old man").split()
    assert "20s" in fold("a woman in her twenties").split()  # a decade of life stays a decade


def test_a_small_count_of_months_or_doses_reads_as_the_texts_spell_it():
    """The case reports write "Over eight months", "eight doses": "~8 mo of TCZ" and "8 doses" find them."""
    assert "eight months" in fold("how did the MRI look after ~8 mo of TCZ")
    assert "three weeks" in fold("about 3 wks later")
    assert "eight doses" in fold("8 doses of pamidronate")
    assert "8 mg/kg" in fold("8 mg/kg")  # a dose stays a dose
    assert "2.5 months" in fold("2.5 months")  # and a decimal a decimal


def test_pus_bumps_on_palms_and_soles_are_pustulosis_not_an_abscess():
    folded = fold("the condition with pus bumps on the palms and soles")
    assert "palmoplantar_pustulosis" in folded.split() and "abscess" not in folded


@pytest.mark.parametrize(
    ("question", "compares"),
    [
        ("did toci results in SAPHO match the good results seen in adult-onset CNO?", True),
        ("how does the toci data in adult-onset CRMO compare with what was seen in SAPHO?", True),
        ("was the response similar in SAPHO and in CRMO?", True),
        ("toci in adult-onset CNO vs SAPHO?", False),  # "A vs B" is asked of each side in turn
        ("how do SAPHO patients compare with healthy controls?", False),  # only one condition
        ("what is the difference between SAPHO and CNO?", False),  # not about the drug: a definition
        ("How do the toci results in the adult-onset CRMO cases stack up against the SAPHO cases?", True),
        ("Why did TCZ seem to work in the adult-onset CRMO cases but not in the SAPHO cases?", True),
        ("does toci work as well in SAPHO as in adult-onset CRMO?", True),
        ("is SAPHO but not CNO a problem for kids?", False),  # not about the drug
    ],
)
def test_setting_sapho_against_cno_asks_whether_the_results_agree(question, compares):
    assert ("corroborate" in tokenize(question)) is compares


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("the cohort from Belgium", "belgian"),
        ("the two-hospital look-back of kids", "multicentre"),
        ("the big single-hospital series", "single-center"),
        ("forward looking study data", "prospective"),
        ("which class of drugs was used most", "predominant"),
        ("do we know what fraction of pts would respond", "proportion"),
        ("how many people would be helped by blocking IL-6", "benefit"),
        ("so that blocking it makes biological sense", "rationale"),
        ("a lump with no germs in it", "aseptic"),
        ("given to a child on its own or with something else", "combination"),
        ("the lump on his arm was sampled", "biopsy"),
        ("was he able to come down on his cortisone-type tablets", "tapered"),
        ("was he able to come down on his cortisone-type tablets", "corticosteroid"),
        ("protein deposits wrecking his kidneys", "amyloidosis"),
        ("years of painful collarbone joints", "sternoclavicular"),
        ("the one kid at that specialist children's clinic", "referral"),
        ("the bone-protecting drip on its own", "pamidronate"),
        ("kid with multifocal CNO + sacroiliitis", "sacroiliac"),
    ],
)
def test_lay_and_descriptive_words_read_as_the_texts_words(text, word):
    assert word in fold(text).split()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("toci in CRMO/CNO", {"cno/cno", "cno"}),  # each name of a slash-joined pair too
        ("toci/TCZ", {"tocilizumab"}),
        ("sun2018 case1", {"sun", "2018", "case", "1"}),  # a label or author typed against its number
    ],
)
def test_joined_names_also_yield_each_name(text, expected):
    assert expected <= set(tokenize(text))


def test_units_and_fractions_stay_whole():
    assert tokenize("8 mg/kg in 3/30") == ["8", "mg/kg", "3/30"]


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("people whose bones get inflamed without any germ", "cno"),
        ("the arthritis biologic that blocks that inflammatory messenger's receptor", "tocilizumab"),
        ("did blocking the IL six receptor settle them down", "tocilizumab"),
        ("could the guy stop his painkillers after the rheumatoid arthritis biologic", "tocilizumab"),
        ("two men given an antibody against the interleukin-six receptor", "tocilizumab"),
        ("which simple pain pill has forward-looking data", "nsaid"),
        ("how many rounds of the bone-strengthening drip", "pamidronate"),
        ("with the joint between the spine and pelvis affected", "sacroiliac"),
        ("the specialists polled to design a trial", "consensus"),
        ("the biologic that blocks immune messenger number six", "tocilizumab"),
        ("the drug which stops inflammation messenger number six", "tocilizumab"),
        ("does blocking that inflammation messenger help", "tocilizumab"),
        ("the injection that blocks the 'number six' inflammation messenger", "tocilizumab"),
        ("what sign told doctors it was likely to come back", "relapse"),
        ("the specialists got together to agree on how to plan a study", "consensus"),
        ("young woman wanting kids someday - why the IL-6 blocker?", "fertility"),
        ("two grown men - did blocking that cytokine receptor help them?", "tocilizumab"),
        ("switching off that one immune signalling protein", "tocilizumab"),
        ("an arthritis drip aimed at that inflammatory messenger", "tocilizumab"),
        ("the older woman with the blistery rash on her palms and soles", "palmoplantar_pustulosis"),
        ("were levels of the inflammatory messenger 6 high", "il-6"),
        ("ppl whose bones get inflamed w no germ found", "cno"),
        ("do the ones with skin problems have a rougher ride", "aggressive"),
        ("was the pain all over the body or in one spot", "localized"),
        ("what share had the disease settle down", "remission"),
        ("toci in a child in combo with another drug", "combination"),
        ("adding TCZ on top of MTX", "combination"),
        ("did youngsters with more bones affected have their disease come back more often", "relapse"),
        ("children whose pelvis-to-spine joints were affected", "sacroiliac"),
        ("which medicines were looked at going forward in time", "prospective"),
        ("the drug that blocks the receptor for one of the body's inflammation messengers", "tocilizumab"),
        ("could the jab actually have made her skin flare?", "tocilizumab"),
        ("can that shot make pus-filled bumps pop up?", "tocilizumab"),
        ("can the il6 med make the jawbone worse", "tocilizumab"),
        ("the germ-fighting cells in your blood crash", "neutropenia"),
        ("in the 80 kid study did plain advil type pills help", "nsaid"),
        ("over the counter pain pills", "nsaid"),
        ("a proper test where others get a dummy", "rct"),
        ("hurt the whole day or first thing when they wake up", "morning"),
        ("hurt the whole day or in the mornings", "all_day"),
        ("will my girl end up with one leg shorter than the other", "discrepancy"),
        ("how long do families wait before someone finally figures out what it is?", "delay"),
        ("need help from a counselor", "psychiatric"),
        ("why would anyone think shutting down that one immune messenger would help", "tocilizumab"),
        ("the body's alarm-signal chemical that this drug shuts off", "il-6"),
        ("did anybody break out in little pus-filled spots on their skin", "pustules"),
        ("for one of my daughter's legs to end up a bit shorter than the other", "discrepancy"),
        ("a proper trial where some patients get the real medicine and others don't", "rct"),
        ("have researchers done a proper fair test", "rct"),
        ("the kids in the Belgian group eventually got completely better", "remission"),
        ("does that mean the illness will be tougher", "aggressive"),
        ("plain over-the-counter anti-swelling pills", "nsaid"),
        ("does that mean a rougher road than other kids?", "aggressive"),
        ("my son's bones keep aching and swelling and the doctors say there's no infection", "cno"),
        ("kids whose bones swell up and ache without any germ behind it", "cno"),
        ("that bone swelling thing thats not an infection", "cno"),
        ("an IV drug that blocks one of the body's alarm signals", "tocilizumab"),
        ("could the shot make the pimply skin and sore joints flare up more?", "worsen"),
        ("my pus bumps flared up after I started the new infusion", "worsen"),
        ("which features make flare-ups more likely?", "relapse"),
        ("what makes a flare up come back", "relapse"),
        ("CRP/ESR look fine - could the disease still be flaring?", "remained"),
        ("which of the body's messenger chemicals are out of whack", "dysregulated"),
        ("could the little bones in my son's back cave in", "compression"),
        ("my daughter's spine bones got squished", "compression"),
        ("how long before kids finally settle down and stay well", "remission"),
        ("they tried an anti-gout type drug first", "colchicine"),
        ("do over the counter anti inflammatory pills like advil do the trick", "effective"),
        ("can this medicine knock out the germ-fighting cells in your blood", "neutropenia"),
        ("can this medicine make your germ-fighting blood cells drop way down", "neutropenia"),
        (
            "why would doctors think shutting off that one body messenger would calm things down",
            "tocilizumab",
        ),
        ("can the blood work look fine on this medicine while the person is getting sicker", "remained"),
        ("children vs adults: how many got TCZ", "published"),
        ("my son's germ-free bone swelling that keeps flaring up", "cno"),
        ("my kid's bones keep flaring up and they never find a germ", "cno"),
        ("how many said their bones ached from morning to night", "all_day"),
        ("a pus pocket on his chest after the jab", "tocilizumab"),
        ("can the results in SAPHO be extrapolated to CNO on tocilizumab", "corroborate"),
        ("can this medicine wipe out the blood cells that fight off germs", "neutropenia"),
        ("is all this built on a few one-off stories", "case"),
        ("do plain old ibuprofen-type tablets sort it out for most youngsters", "effective"),
        ("what's the main type of treatment the referral center used", "predominant"),
        ("out of those belgian kids, how many ended up with the illness calmed down for good", "remission"),
        ("can this shot knock your white blood cell count way down", "neutropenia"),
        ("hematologic toxicity with tocilizumab", "neutropenia"),
        ("her blood 'six' messenger might be running high", "il-6"),
        ("the body's alarm signal that this IV medicine switches off", "il-6"),
        ("the arthritis jab which blocks one of the body's alarm messengers", "tocilizumab"),
        ("the shot that blocks that one body-alarm messenger", "tocilizumab"),
        ("did the one child on it settle down and go quiet", "remission"),
        ("one of my son's legs grew shorter than the other", "discrepancy"),
        ("a kid with one limb longer than the other", "discrepancy"),
        ("over-the-counter pills like ibuprofen", "nsaid"),
        ("why do they keep putting my son in the big magnet tube scanner", "mri"),
        ("can my daughter's backbone get damaged long term from this", "prognosis"),
        ("a proper fair test where half get the real medicine and half get a dummy pill", "rct"),
        ("my sister has zits on her palms and soles", "palmoplantar_pustulosis"),
        ("is that messenger-blocking drip a good idea for her", "tocilizumab"),
        ("do doctors think that drip is a good idea for her", "recommend"),
        ("can we trust ESR/CRP to monitor SAPHO pts on TCZ", "remained"),
        ("can I rely on CRP/ESR to tell if TCZ is working in SAPHO", "remained"),
        ("the breastbone swelling / pimples / pus-bumps-on-palms syndrome", "sapho"),
        ("the joint-and-bone-and-acne condition", "sapho"),
        ("a kid's sterile bone swelling that keeps coming back", "cno"),
        ("what's going haywire with the body's chemical messengers", "dysregulated"),
        ("shutting off one particular body messenger", "tocilizumab"),
        ("do these kids usually run a temp", "fever"),
        ("is it true this drug can wipe out the germ-fighting cells in your blood", "neutropenia"),
        ("my kid's skin went red, scaly and spotty after starting one of those anti-TNF jabs", "psoriasis"),
        ("do ordinary over-the-counter style anti-swelling painkillers do the job", "nsaid"),
        ("SAPHO specifically (not CNO) - should TCZ be used at all?", "recommend"),
        (
            "Adult-onset CRMO vs SAPHO: were the tocilizumab results consistent between these groups?",
            "corroborate",
        ),
        ("pharmacology question from a PGY-1", "resident"),
        ("were CRP levels any different btwn relapsers and non-relapsers", "between"),
        ("the little girl - did she lose any hair at the end?", "alopecia"),
        ("a proper study where people were split at random into groups", "rct"),
        ("were folks able to come down off their steroid pills", "tapered"),
        ("did their aches go down with it or is it hit or miss for most", "inconsistent"),
        ("do regular anti-inflammatory painkillers work as first treatment in kids", "first-line"),
        ("who tends to do worse long term with CNO?", "prognosis"),
        ("does that arthritis drug given through a drip really help", "tocilizumab"),
        ("brand new blistery spots on my skin", "pustules"),
        ("is this a proven fix for achy swollen bones", "cno"),
        ("does the specialists' joint agreement paper say anything", "consensus"),
        # a space and a hyphen between a phrase's words are one
        ("do the bone strengthening IV drugs help with the hurting?", "bisphosphonate"),
        ("the thyroid-cancer SAPHO lady", "thyroid_carcinoma"),
        ("are anti swelling pills enough for kids", "nsaid"),
        ("which type of treatment ended up being used the most in the cohort", "predominant"),
        ("could a pocket of pus pop up on my breastbone from the jab even if no bug", "tocilizumab"),
        ("how many eventually had their illness quiet down for good", "remission"),
        ("out of those belgian kids how many got well in the end", "remission"),
        ("did she ever get totally better", "remission"),
        ("got a child's bone inflammation to settle down fully", "remission"),
        ("can this leave one of her legs shorter than the other when she grows up", "pediatric"),
        ("will my son's legs end up uneven", "discrepancy"),
        ("how long did families wait between the first aches and finally getting told what it was", "delay"),
        ("my diagnosis took nearly 2 yrs", "delay"),
        ("if the first couple things dont work, what else do doctors reach for next", "second-line"),
        ("did the ladies with the pimply skin and sore collarbone joints get any benefit", "sapho"),
        ("Kids vs adults: which toci reports were in children and which in adults?", "three"),
        ("Can you trust CRP/ESR to show toci is working in SAPHO?", "remained"),
        ("do most youngsters get to where it's quiet and not acting up anymore", "remission"),
        ("were steroids able to come down or were they needed more", "tapered"),
        ("my bones keep flaring up but no germ was ever found", "cno"),
        ("can this thing leave one of your legs shorter than the other", "discrepancy"),
        ("Did toci work better in the adult-onset CRMO cases than in the SAPHO patients?", "corroborate"),
    ],
)
def test_lay_descriptions_fold_to_the_texts_names(text, folded):
    assert folded in fold(text).split()


def test_only_a_question_reads_as_normal_markers_or_a_tally():
    """The appended words a question's intent adds must not reach passages (they would change their BM25 terms)."""
    passage = (
        "Joint pain and inflammatory markers normalized after the first dose; however, within one month, she "
        "developed worsening mandibular osteolysis, recurrent osteoarticular pain, new pustular rashes, and severe "
        "neutropenia, while inflammatory markers remained normal."
    )
    assert fold(passage).count("remained") == 1
    tally = (
        "Clinical evidence for tocilizumab is limited to three published reports: two adults with adult-onset CNO "
        "treated with tocilizumab (see Table 3), and one pediatric patient treated with tocilizumab"
    )
    assert fold(tally).count("published") == 1
    verdict = (
        "Reported clinical experiences include isolated adult and pediatric cases describing improvements in pain, "
        "inflammatory markers, and imaging findings, while other reports, particularly in related autoinflammatory "
        "conditions, have shown minimal or no clinical response, and in some cases worsening, highlighting "
        "inconsistent outcomes."
    )
    assert "corroborate" not in fold(verdict)  # the texts' "inconsistent outcomes" is no comparison asked


def test_a_drug_that_backfired_made_things_worse():
    assert tokenize("after tocilizumab backfired") == tokenize("after tocilizumab worsening")


def test_words_joined_by_hyphens_into_a_longer_description_stay_whole():
    """ "achy bones" is bone pain, but "this achy-bones illness" and "the sore-bones-no-germs illness" name CNO."""
    assert "bone_pain" not in fold("does this achy-bones illness ever calm down for good?")
    assert "bone_pain" not in fold("kids with the sore-bones-no-germs illness")
    assert "bone_pain" in fold("my achy-bones are worse at night")


def test_a_class_said_then_exemplified_is_one_class_name():
    """'painkillers like Advil': the NSAID class once (a doubled term would weigh it twice in BM25)."""
    assert fold("are over-the-counter painkillers like Advil enough").split().count("nsaid") == 1
    assert fold("are pills like Advil enough").split().count("nsaid") == 1


def test_youth_in_an_adults_history_narrows_to_no_population():
    assert "pediatric" not in filter_words("48 y/o man with leg pain going back to his teens")
    assert "pediatric" not in filter_words("any data in adults, not just kids?")
    assert "pediatric" not in filter_words("adults with CNO, as opposed to children")
    assert "pediatric" not in filter_words("i thought this was a kids only disease - are there other adults")
    assert "pediatric" not in filter_words("my husband has SAPHO, not the childhood CRMO")


def test_a_rash_and_joints_flaring_in_a_sapho_description_stay_the_asked_harm():
    """'make the rash and achy joints flare in folks who have that acne-plus-bone-swelling condition': only the
    description after 'have that' is SAPHO; the flare asked about stays a worsening."""
    folded = fold(
        "Can this shot make the rash and achy joints flare in folks who have that acne-plus-bone-swelling condition"
    ).split()
    assert {"worsen", "sapho", "joints"} <= set(folded)


def test_flaring_back_up_is_no_corroboration():
    assert "corroborate" not in tokenize("could the drug make her skin bumps flare back up?")
    assert "corroborate" in tokenize("do the SAPHO cases back up the CRMO results?")


@pytest.mark.parametrize(
    "text, folded",
    [
        ("did those flare up on the shot?", "worsen"),
        ("her pus-filled skin bumps", "pustules"),
        ("what is misfiring in his immune system?", "dysregulated"),
        ("do most kids end up getting better eventually?", "remission"),
        ("do the results in CNO extend to SAPHO?", "corroborate"),
        ("did the SAPHO cases look as good?", "corroborate"),
        ("SAPHO rather than CRMO - should we be using toci there?", "recommend tocilizumab"),
        ("does the body's alarm chemical run high in this?", "cytokine"),
        ("is his body making too much of it?", "elevated"),
        ("has any child gotten all better on it?", "remission"),
        ("would toci still be ok for SAPHO or not?", "recommend tocilizumab for sapho"),
    ],
)
def test_lay_phrases_fold_to_the_corpus_terms(text, folded):
    assert folded in fold(text)


def test_a_slash_between_two_conditions_names_both():
    assert {"cno", "sapho"} <= filter_words("tocilizumab in CRMO/CNO vs SAPHO")


@pytest.mark.parametrize(
    "question",
    [
        "if the ESR and CRP come down on the drug, does that mean the disease is really better?",
        "CRP normal on it now - does that really mean she's in remission?",
        "can we rely on CRP/ESR to monitor for a flare on tocilizumab?",
        "can CRP/ESR be trusted to monitor SAPHO activity on TCZ?",
    ],
)
def test_labs_that_improved_while_the_disease_did_not_is_the_masked_markers_question(question):
    assert markers_masked(question)
    # (markers that fell while the patients worsened: each case's own markers, no masking asked)
    assert not markers_masked("did the inflammatory labs improve even when the patients themselves did not?")


def test_a_change_between_two_sapho_descriptions_is_kept():
    # "make the pimply skin and sore collarbones worse in the acne-plus-bone syndrome": the worsening asked survives
    assert "worse" in fold(
        "could it make the pimply skin and sore collarbones worse in the acne-plus-bone syndrome?"
    )
    assert "sapho" in fold("the acne-plus-bone syndrome")
