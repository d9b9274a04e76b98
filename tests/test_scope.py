"""Abstention: the corpus vocabulary decides whether a question is covered at all, and names what is missing."""

from __future__ import annotations

import pytest

from qa.scope import Vocabulary, assess


def test_vocabulary_knows_words_stems_synonyms_and_compounds():
    vocabulary = Vocabulary(["Tocilizumab treated children with chronic recurrent multifocal osteomyelitis."])
    assert vocabulary.knows("tocilizumab")
    assert vocabulary.knows("treating") and vocabulary.knows("treats")  # same stem
    assert vocabulary.knows("cno")  # the folded form of the corpus' own words
    assert vocabulary.knows("tocilizumab-treated")  # every part known
    assert not vocabulary.knows("anakinra")
    assert not vocabulary.knows("gout")


IN_SCOPE = [
    "Is there evidence for tocilizumab in CNO?",
    "Did Actemra help adults with CRMO?",
    "what happened to the woman with SAPHO who got neutropenia?",
    "how many children were in the Belgian cohort?",
    "Was rheumatoid arthritis suspected in the second Sato patient?",  # a diagnosis in the text, not a treatment ask
    "What dose of TCZ was used in SAPHO?",
    "Are there any randomized trials of tocilizumab in CNO?",
    # everyday words of a grandparent, the asker's family and doctors no topic of their own
    "if the first couple things dont work for my grandson, what else do doctors reach for next",
    "if the first things don't work for my son, what do doctors try next?",
    # a finding the texts report, in everyday words only
    "Can this thing leave one of your legs shorter than the other? Mine feels uneven",
]


@pytest.mark.parametrize("question", IN_SCOPE)
def test_covered_questions(engine, question):
    coverage = assess(question, engine.vocabulary)
    assert coverage.covered, coverage


@pytest.mark.parametrize(
    ("question", "missing"),
    [
        ("anakinra dosing in gout", {"anakinra", "gout"}),
        ("tocilizumab for COVID-19", {"covid-19"}),
        ("Is tocilizumab safe in pregnancy?", {"pregnancy"}),
        ("boiling point of water", {"boiling", "water"}),
    ],
)
def test_uncovered_questions_name_what_is_missing(engine, question, missing):
    coverage = assess(question, engine.vocabulary)
    assert not coverage.covered, f"{question!r} judged covered: {coverage}"
    assert set(coverage.missing) & missing, coverage


def test_treatment_of_an_indication_mentioned_only_in_passing(engine):
    coverage = assess("Does tocilizumab work for rheumatoid arthritis?", engine.vocabulary)
    assert not coverage.covered
    assert coverage.indication == "rheumatoid arthritis"
    assert assess(
        "Does tocilizumab work for CNO in rheumatoid arthritis patients?", engine.vocabulary
    ).covered


@pytest.mark.parametrize(
    ("question", "missing"),
    [
        ("does tocilizumab raise liver enzymes in CNO patients?", "liver"),  # a common word, but a topic
        ("tocilizumab in systemic juvenile idiopathic arthritis", "systemic juvenile idiopathic arthritis"),
        ("does insurance cover toci for CNO?", "insurance"),
        ("my insurer wants data on costs of toci", "costs"),  # the payer's question, not the evidence
    ],
)
def test_common_word_topics_the_corpus_lacks(engine, question, missing):
    coverage = assess(question, engine.vocabulary)
    assert not coverage.covered and missing in coverage.missing, coverage


def test_drug_for_an_indication_without_a_treatment_word(engine):
    """ "tocilizumab for JIA" asks about treating JIA even with no "treat" or "dose" in it; folded words match."""
    coverage = assess("tocilizumab for juvenile idiopathic arthritis", engine.vocabulary)
    assert not coverage.covered and coverage.indication == "juvenile idiopathic arthritis"
    assert assess("Sato case: was RA suspected before tocilizumab?", engine.vocabulary).covered


def test_clipped_or_misspelled_corpus_words_are_not_missing_topics(engine):
    vocabulary = engine.vocabulary
    assert (
        vocabulary.resembles("paeds") and vocabulary.resembles("rheum") and vocabulary.resembles("tocilizumb")
    )
    for name in ("anakinra", "baricitinib", "sarilumab", "gout", "kawasaki", "denosumab"):
        assert not vocabulary.resembles(name), name
    assert assess("what do the paeds rheum experts suggest first for CNO?", vocabulary).covered
    assert not assess("baricitinib in paeds CNO?", vocabulary).covered


def test_a_described_patient_is_not_an_indication_question(engine):
    question = "man once labelled reactive arthritis, finally treated with TCZ at 48 - outcome?"
    assert assess(question, engine.vocabulary).covered
    assert not assess("is tocilizumab used to treat reactive arthritis?", engine.vocabulary).covered
    assert assess("53F with a history of thyroid cancer - why TCZ?", engine.vocabulary).covered
    assert not assess("TB screening before starting actemra for CRMO?", engine.vocabulary).covered


@pytest.mark.parametrize(
    "question",
    [
        "Whats the best way to keep a sourdough starter alive over a two week holiday?",
        "Can dogs get chronic recurrent multifocal osteomyelitis, and would a vet use tocilizumab?",
    ],
)
def test_off_topic_questions_in_everyday_words(engine, question):
    assert not assess(question, engine.vocabulary, similarity=0.25).covered


def test_words_as_written_and_the_ends_of_compounds_are_known():
    vocabulary = Vocabulary(["Bilateral tibial osteosclerosis; benefit from IL-6 blockade."])
    assert vocabulary.knows("blockade")  # folded to tocilizumab in the text, but written there
    assert vocabulary.knows("sclerosis")  # the end of "osteosclerosis"
    assert not vocabulary.knows("osis") and not vocabulary.knows("fibrosis")


@pytest.mark.parametrize(
    "question",
    [
        "Why would anyone think blocking interleukin six could help this bone problem in the first place?",
        "Long-term fallout in kids with non-infectious osteitis - uneven legs?",  # CNO's other name
        "5yo girl who got a psoriasiform rash on infliximab - what finally controlled her disease?",
        "Can the TNF-blocking injections bring on a scaly skin rash in kids with CNO?",
        "according to the review, did the IL-6 blocker help in the skin-and-bone variant syndrome?",
        "what's actually going wrong in the immune system in CNO?",  # "immune" is no vaccination topic
        # a corpus word with a prefix ("negative"), and colchicine described by its use
        "young man, RA suspected but seronegative, nodule biopsy showed necrotizing vasculitis - after TCZ?",
        # one of the corpus' patients, described without his age: his epilepsy is no indication asked about
        "the young man with seizures on two anti-seizure meds - before TCZ they tried an old gout remedy, any use?",
        # a patient's history and a diagnosis a patient was given are no topics asked about
        "Why did they choose that drip for the lady who had had a cancer of the gland in her neck before?",
        "Sato case 1 before toci: at 41 dx'd as reactive arthritis - what was he given and how well did it work?",
        "in the 30-child chart review, what share needed mental health help?",  # the word after a count
        "Can TNF-blocking jabs give kids with CRMO a scaly skin rash?",  # injections, not vaccines
        "does that rheumatoid arthritis drip work for the syndrome with pus spots on the palms/soles?",  # a drug
        "Monitoring q: in the toci case reports, which labs were followed after starting?",  # what cases report
        "SAPHO pt with a sterile chest abscess a few wks after an IL-6 receptor mAb - how was it treated?",  # "mAb"
        # a misspelled corpus word in a compound, British spelling, a typo of an everyday word
        "any toci data for a 40ish man with recurrent osteomylitis-like shin lesions?",
        "How generalisable is the Cam 2025 cohort, what are its main limitations?",
        "how to handle scaly plaques in kids on the biologic that blocks tumour necrosis factor for CRMO?",
        "can TCZ actually cause a sterile abscess? I'd have thought it does the oposite",
        # a drug described by how it is given is no question about the route
        "In the 80-child series, how many are now on the weekly self-injected receptor-decoy medicine?",
        # a rare word of the case described before a question deep in the corpus' subject
        "pt with SAPHO got TCZ, ~3 wks later intractable chest pain and a fluctuant lump on the anterior chest "
        "wall, cultures negative. how did they manage it in the case report?",
        "53F w palmoplantar pustulosis since 2008, SCJ pain/swelling, prior thyroid ca, failed NSAIDs, several "
        "DMARDs and bisphosphonates -> TCZ started. what happened to her joints?",
    ],
)
def test_questions_in_other_words_for_the_corpus_topics_are_covered(engine, question):
    assert assess(question, engine.vocabulary).covered, question


@pytest.mark.parametrize(
    ("question", "missing"),
    [
        ("Has tocilizumab been used in Paget's disease of bone?", "paget"),  # a named disease, a common word
        ("Mum on tocilizumab wants to breastfeed - is that safe?", "breastfeed"),
        ("does ibuprofen help CNO", "ibuprofen"),  # a common drug name, not a rare word
        ("Child about to start tocilizumab - which live jabs should be given first?", "jabs"),  # vaccines
        ("hydroxychloroquine for SAPHO", "hydroxychloroquine"),
        ("has tocilizumab been tried in majeed syndrome", "majeed"),  # a name typed in lower case
        ("should we check HBsAg/anti-HBc and have there been hep B reactivation cases on toci?", "hep"),
        ("is toci cost-effective for CRMO?", "cost-effective"),  # a listed topic within a compound
        ("Does tocilizumab raise cholesterol/lipids in SAPHO patients?", "cholesterol/lipids"),
        ("teen with CRMO on tocilizumab - when can he go back to football / contact sport?", "football"),
        ("what hydrotherapy or exercise program works best for kids w CRMO?", "hydrotherapy"),
    ],
)
def test_named_diseases_and_listed_topics_in_any_form_are_missing(engine, question, missing):
    coverage = assess(question, engine.vocabulary)
    assert not coverage.covered and missing in coverage.missing, coverage


def test_lower_case_words_before_syndrome_are_not_all_names(engine):
    for question in (
        "Do skin problems hint at a rougher disease course in children with germ-free bone inflammation?",
        "why the interleukin-six blocker in the two women with the pustule + breastbone syndrome?",
    ):
        assert assess(question, engine.vocabulary).covered, question


def test_a_patient_description_does_not_excuse_tocilizumab_for_another_indication(engine):
    coverage = assess("tocilizumab for epilepsy in young women?", engine.vocabulary)
    assert not coverage.covered and coverage.indication == "epilepsy"
    assert not assess(
        "tocilizumab for gout?", engine.vocabulary
    ).covered  # "gout remedy" names colchicine only


def test_misspelled_corpus_names_are_read_as_the_corpus_spells_them(engine):
    vocabulary = engine.vocabulary
    assert vocabulary.corrected("does tocilizimab work in osteomylitis?") == (
        "does tocilizumab work in osteomyelitis?"
    )
    # typed by ear: a short rare word that sounds like a corpus word ("safo" for SAPHO, "inflamation")
    assert vocabulary.corrected("did the safo pts get an infection?") == "did the sapho pts get an infection?"
    assert vocabulary.corrected("sterile bone inflamation") == "sterile bone inflammation"
    # two letters typed the wrong way round
    assert vocabulary.corrected("given toci 8mg/kg. resposne??") == "given toci 8mg/kg. response??"
    assert vocabulary.corrected("what levle of evidence?") == "what level of evidence?"  # a common word
    for kept in (
        "Actemra in giant cell arteritis",  # a real word (wordfreq knows it), however close to "arthritis"
        "Enbrel/Humira-type drugs",  # names the lexicon knows
        "sarilumab for CNO",  # like no corpus word
        "tocilizumab for gout in a sofa-bound patient",  # short words are put right only when they sound alike
    ):
        assert vocabulary.corrected(kept) == kept


def test_a_corrected_question_says_what_it_answered(engine):
    answer = engine.ask("peds q: does tocilizimab work in kids with CRMO?")
    assert not answer.insufficient_evidence
    assert answer.question == "peds q: does tocilizimab work in kids with CRMO?"
    assert answer.answer.startswith("_Answering: peds q: does tocilizumab work in kids with CRMO?_")
    assert engine.ask("IV vs subcut Actemra for CRMO - which route?").insufficient_evidence  # no route data


@pytest.mark.parametrize(
    "question",
    [
        "For a kid with CNO, is there better backing for Enbrel/Humira-type drugs or for toci?",
        "CARRA CTPs - what's recommended first-line for CNO without vertebral lesions?",
    ],
)
def test_compound_names_and_plan_abbreviations_are_covered(engine, question):
    assert assess(question, engine.vocabulary).covered


def test_a_diagnosis_or_history_does_not_excuse_a_question_about_it(engine):
    assert assess("tocilizumab for reactive arthritis?", engine.vocabulary).indication == "reactive arthritis"
    assert "cancer" in assess("does tocilizumab cause cancer?", engine.vocabulary).missing
    assert not assess("which labs should be monitored on actemra, how often?", engine.vocabulary).covered
    assert not assess("which live jabs should a child get before tocilizumab?", engine.vocabulary).covered


@pytest.mark.parametrize(
    "question",
    [
        "adult SAPHO on TCZ 8 mg/kg with neutropenia - was filgrastim given?",  # the word is in the question asked
        "can my teenager with CRMO self-inject Actemra at home?",  # the route is asked about
        "53F SAPHO on tocilizumab 8 mg/kg with sternoclavicular pain - was sarilumab tried after?",  # a drug name
        "Pediatric CRMO on tocilizumab with MRI and CRP data, in Behcet - outcome?",  # written as a name
        "does toci cause tumours?",  # British spelling of a listed topic
        "hidradenitis-like lesions on toci?",  # a disease name in a compound
    ],
)
def test_a_well_anchored_question_still_lacks_what_it_asks_about(engine, question):
    assert not assess(question, engine.vocabulary).covered, question


@pytest.mark.parametrize(
    ("question", "missing"),
    [
        ("colchicine resistant fmf - does toci work", "fmf"),  # a vowelless abbreviation names something
        ("tocilizumab in HLH?", "hlh"),
        ("ibuprofen for CNO", "ibuprofen"),  # asked about itself, a drug the texts never name is missing
        ("is toci used for crohn's disease?", "crohn"),
        ("anakinra drip in CNO?", "anakinra"),  # a drug named before "drip" is a drug asked about
        ("woman with CRMO on tocilizumab, ALT at 3x the upper limit of normal - hold the dose?", "alt"),
        ("is a flu jab ok on toci?", "flu"),
        ("what drug do they use for osteoporosis in CNO?", "osteoporosis"),  # asked about, not a description
        (
            "is it ok to drink alcohol while taking tocilizumab for CNO?",
            "alcohol",
        ),  # a common word, still a topic
        (
            "can kids with CRMO use the prefilled toci pen at home?",
            "prefilled",
        ),  # self-injection: not covered
        (
            "Is Accutane (isotretinoin) safe for the acne part of SAPHO syndrome?",
            "isotretinoin",
        ),  # a retinoid
        ("Is Accutane safe in SAPHO?", "accutane"),  # its brand, a common enough word
        (
            "doxycycline instead of minocycline for SAPHO?",
            "doxycycline",
        ),  # a tetracycline the texts never name
    ],
)
def test_abbreviations_and_drugs_asked_about_are_missing(engine, question, missing):
    coverage = assess(question, engine.vocabulary)
    assert not coverage.covered and missing in coverage.missing, coverage


@pytest.mark.parametrize(
    "question",
    [
        "neutropenia on toci in sapho - did it resolve by itself and any infxn?",  # shorthand, not a name
        "CARRA CTPs - first line for non-vertebral dz vs what's reserved for vertebral?",
        "which immune messengers are out of balance in CNO, and what alarm complex overproduces one of them?",
        "48yo M, leg pain since 17, treated as reactive arthritis at 41 with pred + salazosulfapyridine, later "
        "tocilizumab - what happened?",  # a corpus patient's diagnosis, not an indication asked about
        "in the 30-child review, did painkillers like ibuprofen work as the first step?",  # one of a class
        "At the hospital that followed 80 children, did plain anti-inflammatory pills like ibuprofen get most kids "
        "better?",
        "The 26 yr old with a seizure disorder - which old gout pill was tried before the newer biologic?",  # age
        "Is there any solid trial data behind toci in CNO, or is it all anecdotes? My son's insurance asks for "
        "'evidence'.",  # the evidence is what is asked for, to show the payer
        "aseptic abscess after tocilizumab: which cytokines except IL-6 were elevated?",  # "-cept", no drug
        "young man with seizures - did the old gout tablet help before the arthritis biologic?",  # drug by its use
        "26 y/o with epilepsy (levetiracetam + valproate), shin pain, failed MTX + pred. They tried TCZ - outcome?",
        "the lady who'd previously had a neck-gland cancer - why the interleukin antibody for her?",  # her history
        "Can the biologic injections (the kind also given for Crohn's disease) cause scaly plaques in kids with "
        "CRMO?",  # a drug described by its other use
    ],
)
def test_shorthand_derived_words_and_descriptions_are_covered(engine, question):
    assert assess(question, engine.vocabulary).covered, assess(question, engine.vocabulary)


@pytest.mark.parametrize(
    "question",
    [
        # an injection given monthly is a drug, not a vaccine
        "little girl whose bone disease kept flaring - which once-a-month jab finally cleared it and at what strength?",
        "CARRA plans: NSAIDs/oral GCs vs bisphosphonates/DMARDs/biologics - which CNO pts get which?",  # shorthand
        "skin involvement in relapse vs no relapse grp (Cam) - different?",
        "the 29 y/o SAPHO pt whose jaw got worse on TCZ - wht treatment came after?",  # texting shorthand
        "hw long were the Sato men followed, abt how many months?",
        # a drug described by another use: "the drip they use for osteoporosis"
        "the bone-strengthening drip they use for osteoporosis - why were the children given it?",
        "the campbell CRMO kid who cycled thru IFX, ETN, cana, uste, ADA and TCZ - what controlled it?",  # biologics
    ],
)
def test_shorthand_and_injections_are_not_missing_topics(engine, question):
    assert assess(question, engine.vocabulary).covered, question


@pytest.mark.parametrize(
    ("question", "missing"),
    [
        ("will toci stunt my son's growth?", "growth"),
        ("does long-term TCZ change final height in kids with CRMO?", "height"),
        (
            "kid with staph osteomyelitis - how many weeks of IV antibiotics before we think of CRMO?",
            "antibiotics",
        ),
    ],
)
def test_growth_and_antibiotics_are_topics_the_corpus_lacks(engine, question, missing):
    coverage = assess(question, engine.vocabulary)
    assert not coverage.covered and missing in coverage.missing


def test_a_guess_at_what_a_corpus_patient_was_given_is_no_missing_topic(engine):
    question = (
        "the SAPHO woman whose jaw got worse on TCZ - what was she switched to, antibiotics? did it work?"
    )
    assert assess(question, engine.vocabulary).covered


def test_infusion_times_are_missing(engine):
    """No text gives an infusion time."""
    timed = assess("how long does the IV actemra infusion run for in a child? nurse here", engine.vocabulary)
    assert not timed.covered and timed.missing == ("infusion times",)


@pytest.mark.parametrize(
    ("question", "jia_asked"),
    [
        ("does actemra work for juvenile idiopathic arthritis? my niece has JIA and my son has CRMO", True),
        # CRMO set aside is not the disease asked about
        (
            "my granddaughter has JIA (juvenile idiopathic arthritis), not CRMO - does actemra work for that?",
            True,
        ),
        ("does actemra work for CRMO? my niece has JIA", False),
        ("does actemra work in CRMO and not just in JIA?", False),
    ],
)
def test_a_drug_for_another_named_indication_is_missing(engine, question, jia_asked):
    """ "does actemra work for JIA? ... my son has CRMO" and "JIA, not CRMO - does it work for that?" ask about JIA."""
    coverage = assess(question, engine.vocabulary)
    assert coverage.covered is not jia_asked
    if jia_asked:
        assert coverage.indication == "juvenile idiopathic arthritis"


def test_an_abbreviated_center_is_the_referral_center(engine):
    """ "the Cam referral ctr series" names Cam 2025's referral center, no missing topic."""
    answer = engine.ask("how many pamidronate doses did the kids in the Cam referral ctr series get?")
    assert not answer.insufficient_evidence
    assert "pamidronate therapy for three to eight doses" in answer.answer


def test_a_one_word_guess_after_the_question_is_no_missing_topic_unless_it_names_a_drug(engine):
    """ "how did they get rid of that old man's chest abscess? antibiotics?" asks how the case was treated; "how is
    CNO treated? anakinra?" still asks about a drug the corpus never mentions."""
    guessed = "and how did they end up getting rid of that old mans chest abscess? antibiotics?"
    assert assess(guessed, engine.vocabulary).covered, assess(guessed, engine.vocabulary)
    named = assess("how did they get rid of that old mans chest abscess? anakinra?", engine.vocabulary)
    assert not named.covered and "anakinra" in named.missing


@pytest.mark.parametrize(
    "question",
    [
        "elderly SAPHO pt with the sterile chest wall abscess after TCZ - was it cleared with antibiotics?",
        "when toci failed in the case reports what rescued the pts? golimumab? steroids? abx?",
        # few corpus words ("the drug", "jaw bone damage"), but a guess at what a described patient was switched to
        "after the drug made the young woman's jaw bone damage worse, what did they switch her to - was an antibiotic "
        "involved?",
        # a patient's own diagnosis the corpus words differently ("sacroiliac involvement")
        "14 y/o with CNO and sacroiliitis, failed etanercept - did the kid on toci in the 80-patient cohort remit?",
    ],
)
def test_guesses_and_a_patients_own_diagnosis_are_covered(engine, question):
    assert assess(question, engine.vocabulary).covered, assess(question, engine.vocabulary)


@pytest.mark.parametrize(
    "question",
    [
        # a corpus patient pointed at ("the young adult with epilepsy"), not a question about epilepsy
        "For the young adult with epilepsy on levetiracetam + valproate who had leg pain and myositis on MRI, what "
        "anti-inflammatory was tried right before TCZ and did it work?",
        # the class, by its best-known member ("ibuprofen" is an NSAID; the texts name NSAIDs)
        "Is plain over-the-counter anti-inflammatory stuff like ibuprofen enough to get most kids with this under "
        "control?",
        "do regular over the counter pain pills like ibuprofen sort it out for most children or not really",
        "my son has this germ-free bone thing - do plain over-the-counter anti-swelling pills like ibuprofen usually "
        "sort it out?",
        # a patient opened with "pt w/", a reason for asking ("need to know for CBC monitoring"), an adjective
        "pt w/ seizure disorder, bilateral lower leg pain, high IL-6/TNF - what was tried right before TCZ?",
        "Any reports of neutropenia with tocilizumab in SAPHO syndrome? Need to know for CBC monitoring.",
        "can tocilizumab make the achy joints and rashy skin flare up worse?",
        # the drug pointed at by how it is given, and lay words for its harms
        "can this shot make the germ-fighting cells in your blood crash really low?",
        "mom asking: can the il6 med make the jawbone get eaten away?? saw smth about it",
        "Has anybody done a proper test where some people get the real thing and others get a dummy?",
        "does the aching tend to hang around the whole day or just first thing when they wake up?",
        # a patient by her age in decades and her past cancer: no question about treating thyroid cancer
        "A woman in her fifties with palmoplantar pustulosis and a past thyroid cancer got tocilizumab — why that "
        "drug, and at what dose?",
        "Before the 26-year-old with leg pain was suspected of CRMO, they tried an anti-gout type drug. Did it work?",
        "My daughter's bone thing - does it usually calm down for good eventually?",
    ],
)
def test_pointed_at_patients_drug_classes_and_lay_words_are_covered(engine, question):
    assert assess(question, engine.vocabulary).covered, assess(question, engine.vocabulary)


@pytest.mark.parametrize(
    ("question", "missing"),
    [
        ("is ibuprofen effective in CNO?", "ibuprofen"),  # a drug the texts never name, asked about by name
        (
            "Vitamin D supplementation - does it help bone pain in CNO kids?",
            "vitamin",
        ),  # a supplement, never named
        ("can my son have his jabs while on toci?", "jabs"),  # his vaccines, not the drug
        ("is the flu shot ok with tocilizumab", "flu"),
        (
            "what lab monitoring is needed on toci?",
            "monitoring",
        ),  # asking for monitoring advice stays flagged
        (
            "majeed syndrome vs crmo - how to tell apart",
            "majeed",
        ),  # a syndrome's name, typed in lower case first
    ],
)
def test_a_named_drug_or_vaccine_the_corpus_lacks_stays_missing(engine, question, missing):
    coverage = assess(question, engine.vocabulary)
    assert not coverage.covered and missing in coverage.missing, coverage


@pytest.mark.parametrize(
    "question",
    [
        # the markers the case reports follow, not a monitoring schedule
        "If CRP and ESR normalize on TCZ in a SAPHO patient can I assume the disease is controlled, or do I need to "
        "keep monitoring something else?",
        "has the IL-6 blocking arthritis jab ever actually helped a youngster with sterile bone swelling?",  # no vaccine
        "Do plain over-the-counter anti-swelling pills, like the ibuprofen kind, sort it out for most kids?",
        "what dbs were searched for the actemra/CNO drug info q",
    ],
)
def test_markers_named_arthritis_jabs_class_examples_and_dbs_are_covered(engine, question):
    coverage = assess(question, engine.vocabulary)
    assert coverage.covered, coverage


@pytest.mark.parametrize(
    ("typed", "meant"),
    [("tociluzimab", "tocilizumab"), ("actmera", "actemra"), ("osteomyeiltis", "osteomyelitis")],
)
def test_a_corpus_name_with_its_letters_out_of_order_is_read_as_that_name(engine, typed, meant):
    assert engine.vocabulary.corrected(f"is {typed} any good?") == f"is {meant} any good?"


@pytest.mark.parametrize(
    "question",
    [
        "did tociluzimab make anyone's skin worse?",  # letters out of order: the corpus's drug, not a new one
        "what are the weak spots of the 80-child study?",  # "80-child": child, folded like any other
        # SAPHO described by its signs after the word "condition"
        "for the condition with pimples, palm blisters and sore chest bones, do doctors say go ahead with that drug?",
    ],
)
def test_typos_counted_nouns_and_described_conditions_are_answered(engine, question):
    assert not engine.ask(question).insufficient_evidence


@pytest.mark.parametrize(
    ("question", "missing"),
    [
        ("TCZ in GCA - relapse after taper?", "GCA"),  # giant cell arteritis by its abbreviation
        ("tocilizumab for PMR?", "PMR"),  # polymyalgia rheumatica
        # the other use asked about ("the same drug they used for ..."), not a description of the drug
        (
            "is tocilizumab the same drug doctors used for COVID patients, and does that matter for CNO?",
            "COVID",
        ),
    ],
)
def test_abbreviated_and_asked_about_other_uses_are_named_as_written(engine, question, missing):
    answer = engine.ask(question)
    assert answer.insufficient_evidence
    assert f"The sources do not mention {missing}." in answer.answer


@pytest.mark.parametrize(
    ("question", "missing"),
    [
        ("should my daughter get the HLA-B27 test for her CRMO?", "HLA-B27"),  # a test the texts never name
        ("I'm nursing my baby - does Actemra pass into breast milk?", "nursing my baby"),
        ("would physical therapy help my son's CRMO pain between flares?", "physical therapy"),
    ],
)
def test_tests_breastfeeding_and_physical_therapy_in_everyday_words_are_missing(engine, question, missing):
    answer = engine.ask(question)
    assert answer.insufficient_evidence
    assert f"The sources do not mention {missing}" in answer.answer


def test_a_future_pregnancy_in_a_described_case_is_the_fertility_the_case_weighed(engine):
    answer = engine.ask("29F with SAPHO considering future pregnancy - why was TCZ chosen over a TNFi?")
    assert not answer.insufficient_evidence
    assert answer.passages[0].source_id == "sun2018"
    assert "fertility considerations" in answer.answer


@pytest.mark.parametrize(
    ("question", "source", "expected"),
    [
        # a hyphenated compound of a corpus word and a common English word is no missing topic
        (
            "which autoinflammation-directed medicine did the man with epilepsy in Sato try before TCZ, and did it work?",
            "sato2017",
            "colchicine",
        ),
        # the payer who asks is why the question is asked, not its subject
        (
            "what grade of evidence backs tocilizumab in CRMO? our insurance company wants to know",
            "report",
            "D - Case reports or unreliable data",
        ),
        # a kind of treatment guessed at after "how did they fix it" is answered by what the patient was given
        (
            "how did doctors handle the sterile chest wall abscess in the SAPHO man on TCZ, did he need antibiotics?",
            "fujita2015",
            "infliximab and prednisolone",
        ),
        # a corpus patient's own history, asked as the reason for her treatment
        (
            "why was TCZ chosen for the 53-year-old woman with palmoplantar pustulosis - because of her cancer history?",
            "sun2018",
            "due to prior thyroid carcinoma history",
        ),
        # the diagnosis a corpus patient was first given, not an indication asked about
        (
            "the man they first thought had rheumatoid arthritis - did the gout pill colchicine help him before TCZ?",
            "sato2017",
            "a trial of colchicine, which was ineffective",
        ),
    ],
)
def test_compounds_payers_guesses_and_patient_histories_are_no_missing_topics(
    engine, question, source, expected
):
    answer = engine.ask(question)
    assert not answer.insufficient_evidence, answer.answer
    assert answer.passages[0].source_id == source
    assert expected in answer.answer


@pytest.mark.parametrize(
    ("question", "missing"),
    [
        ("does our insurance company pay for actemra in CNO?", "insurance"),  # the payer asked about
        (
            "how was the CRMO in the 30 kids treated - with anakinra?",
            "anakinra",
        ),  # a drug's own name guessed at
        ("were antibiotics given to the children with CNO?", "antibiotics"),  # no case described, no guess
        (
            "is a sarilumab-based regimen better than TCZ in SAPHO?",
            "sarilumab",
        ),  # a drug the corpus never names
    ],
)
def test_payers_drug_names_and_undescribed_guesses_stay_missing(engine, question, missing):
    answer = engine.ask(question)
    assert answer.insufficient_evidence
    assert missing in answer.answer


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        # a corpus word split by a hyphen is no missing topic
        ("can actemra cause neutro-penia? my grandson starts it soon", "neutropenia"),
        # normal labs while feeling worse: Sun 2018's second case, asked in everyday words only
        (
            "my bloods look perfect since starting it but I feel worse - is that a known thing?",
            "while inflammatory markers remained normal",
        ),
    ],
)
def test_split_words_and_masked_markers_in_everyday_words_are_answered(engine, question, expected):
    answer = engine.ask(question)
    assert not answer.insufficient_evidence, answer.answer
    assert answer.passages[0].source_id == "sun2018"
    assert expected in answer.answer


@pytest.mark.parametrize(
    ("question", "missing"),
    [
        ("would acupuncture help my SAPHO chest pain alongside the biologic?", "acupuncture"),
        ("are a couple of beers at the weekend ok on actemra and methotrexate?", "beers"),
    ],
)
def test_complementary_therapies_and_drinks_are_missing_topics(engine, question, missing):
    answer = engine.ask(question)
    assert answer.insufficient_evidence
    assert f"The sources do not mention {missing}." in answer.answer


def test_only_a_corpus_word_split_into_non_words_is_joined(engine):
    corrected = engine.vocabulary.corrected
    assert corrected("can it cause neutro-penia?") == "can it cause neutropenia?"
    # "anti-inflammatory" is written so in the lexicon's NSAID phrases; the corpus' "antiinflammatory" must not
    # replace it
    assert (
        corrected("are plain anti-inflammatory painkillers enough?")
        == "are plain anti-inflammatory painkillers enough?"
    )


@pytest.mark.parametrize(
    ("question", "source"),
    [
        ("honestly is this a proven fix for achy swollen bones or still a shot in the dark?", "report"),
        ("Could this med actually make my skin break out worse, like brand new blistery spots?", "sun2018"),
        (
            "Once tocilizumab made the thyroid-cancer SAPHO lady's joints worse, what did they try next?",
            "sun2018",
        ),
    ],
)
def test_everyday_and_hyphenated_words_for_corpus_things_are_answered(engine, question, source):
    answer = engine.ask(question)
    assert not answer.insufficient_evidence, answer.answer
    assert answer.passages[0].source_id == source


def test_the_askers_own_cancer_history_is_no_topic(engine):
    question = "why did the 53-year-old SAPHO woman get tocilizumab? I have a cancer history too, so I wonder"
    assert assess(question, engine.vocabulary).covered
    assert "due to prior thyroid carcinoma history" in engine.ask(question).answer


@pytest.mark.parametrize(
    "question", ["Is CRMO genetic? should her little brother be tested?", "does CNO run in families?"]
)
def test_heredity_is_a_topic_the_texts_never_address(engine, question):
    assert not assess(question, engine.vocabulary).covered
    assert engine.ask(question).insufficient_evidence


def test_the_drug_for_another_indication_beside_cno_is_still_that_indication(engine):
    question = "my cousin is on tocilizumab for rheumatoid arthritis - would the dose be the same for CRMO?"
    coverage = assess(question, engine.vocabulary)
    assert not coverage.covered and coverage.indication == "rheumatoid arthritis"
    # (a corpus patient first thought to have it is no such question)
    assert assess(
        "the 26-year-old first thought to have rheumatoid arthritis - how did CRMO respond to tocilizumab?",
        engine.vocabulary,
    ).covered
