"""Clinical vocabulary: one synonym table and a tokenizer that keeps clinical tokens ("IL-6", "8 mg/kg") whole."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from itertools import pairwise

import Stemmer
from bm25s.stopwords import STOPWORDS_EN

# Every way users and texts name one concept -> the single token both sides are folded to.
# Multi-word phrases are folded before tokenizing; longest phrases first.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "tocilizumab": (
        "actemra",
        "tcz",
        "roactemra",
        "tocilizumab's",
        "toci",
        "tocilizumab-aazg",
        "tyenne",
        "tofidence",
        # in this field the IL-6 receptor blocker *is* tocilizumab; users name it by its mechanism
        "il-6 blocker",
        "il-6 blockers",
        "il-6 blocking drug",
        "il-6 drug",
        "il-6 inhibitor",
        "il-6 inhibitors",
        "il-6 receptor antagonist",
        "il-6 receptor blocker",
        "il-6 receptor inhibitor",
        "il-6 receptor blockade",
        "il-6 blockade",
        "il-6r blockade",
        "il-6r blocker",
        "il-6 infusion",
        # "does the IL6 shot actually calm it down?"
        "il-6 shot",
        "il-6 shots",
        "il-6 jab",
        "il-6 jabs",
        "il-6 injection",
        "il-6 injections",
        "il-6 drip",
        "il-6 med",
        "il-6 meds",
        "il-6 medicine",
        "il-6 medication",
        "anti-il-6 therapy",
        "anti-il-6",
        "anti-il-6 drug",
        "interleukin-6 blocker",
        "interleukin-6 receptor antagonist",
        "interleukin-6 inhibitor",
        "il-6 antibody",
        "anti-il-6 antibody",
        "il-6 receptor antibody",
        "anti-il-6 receptor antibody",
        "anti-il-6r antibody",
        "il-6 agent",
        "il-6 biologic",
        "il-6 therapy",
        "il-6 targeted therapy",
        "il-6-targeted therapy",
        "anti-il6",
        "anti-il6 agent",
        "anti-il-6 agent",
        "blocking il-6",
        "blocking the il-6",
        "blocking the il-6 receptor",
        "blocking il-6 receptor",
        "block the il-6 receptor",
        "blockade of il-6",
        "blockade of the il-6 receptor",
        "block il-6",
        "blockade il-6",
        "inhibiting il-6",
        "il-6 blocking",
        # "blocking the IL six receptor" reads as "blockade the il-6 receptor" once its words are folded
        "blockade the il-6 receptor",
        "blockade the il-6",
        "receptor-blocking antibody",
        "receptor blocking antibody",
        "receptor-blocking drug",
    ),
    "cno": (
        "chronic nonbacterial osteomyelitis",
        "chronic non-bacterial osteomyelitis",
        "chronic non bacterial osteomyelitis",
        "chronic bacterial osteomyelitis",
        "chronic recurrent multifocal osteomyelitis",
        "chronic recurrent non-bacterial osteomyelitis",
        "chronic recurrent nonbacterial osteomyelitis",
        "non-bacterial osteomyelitis",
        "nonbacterial osteomyelitis",
        "sterile osteomyelitis",
        "non-infectious osteomyelitis",
        "noninfectious osteomyelitis",
        "non-infectious bone inflammation",
        "sterile bone inflammation",
        # "a kid's sterile bone swelling that keeps coming back"
        "sterile bone swelling",
        # "is this a proven fix for achy swollen bones?"
        "swollen bones",
        "swollen bone",
        "sterile bone-swelling",
        "non-infectious bone swelling",
        "noninfectious bone swelling",
        "autoinflammatory bone disease",
        "inflammatory bone disease",
        "bone condition",
        "bone disease",
        "bone inflammation",
        "bone-inflammation",
        # CNO's other name, chronic non-bacterial osteitis
        "chronic nonbacterial osteitis",
        "chronic non-bacterial osteitis",
        "non-bacterial osteitis",
        "nonbacterial osteitis",
        "non-infectious osteitis",
        "noninfectious osteitis",
        "sterile osteitis",
        "crmo",
        "cno/crmo",
    ),
    "sapho": (
        "synovitis, acne, pustulosis, hyperostosis, and osteitis",
        "synovitis acne pustulosis hyperostosis osteitis",
    ),
    "il-6": (
        "interleukin-6",
        "interleukin 6",
        "interleukin six",
        "interleukin-six",
        "interleukin (il)-6",
        "il6",
        "il 6",
        "il-6r",
        "il six",
    ),
    "il-1": (
        "interleukin-1",
        "interleukin 1",
        "interleukin [il]-1",
        "il1",
        "interleukin-one",
        "interleukin one",
    ),
    "adult": (
        "adults",
        "middle-aged",
        "middle aged",
        "adult-onset",
        "adult onset",
        "grown-ups",
        "grownups",
        "grown ups",
        "grown men",
        "grown women",
        "grown-up",
        "adulthood",  # "CRMO that starts in adulthood": adult-onset
    ),
    "patient": ("pt",),  # singular only: "the patient" is one case; "patients" stays plural
    "rationale": (
        "make sense",
        "makes sense",
        "make biological sense",
        "makes biological sense",
        "biologically plausible",
        "biological basis",
        "scientific basis",
        "mechanistic basis",
        "theoretical basis",
        "reasoning behind",
        "thinking behind",
    ),
    "pathophysiology": (
        "pathogenesis",
        "immunologically",
        "immunology",
        "disease mechanism",
        "disease mechanisms",
        "mechanism of disease",
        "going wrong",
        "goes wrong",
        "what drives",
        "underlying biology",
        "in the immune system",
    ),
    "cytokine": (
        "cytokines",
        "alarm chemical",  # "does the body's 'alarm chemical' run high in people with this?"
        "alarm chemicals",
        "chemical messengers",
        "chemical messenger",
        "messenger chemicals",
        "messenger chemical",
        "body chemicals",
        "body chemical",
        "chemical messaging",
        "immune messengers",
        "inflammation messengers",
        "inflammatory messengers",
        "messenger proteins",
        "messenger protein",
        "inflammation signals",
        "inflammatory signals",
        "immune chemicals",
        "signalling molecules",
        "signaling molecules",
        "signalling proteins",
        "signaling proteins",
    ),
    # "which of the body's messenger chemicals are out of whack?": Hedrich's "dysregulated cytokine signaling"
    "dysregulated": (
        "out of whack",
        "haywire",
        "off-kilter",
        "off kilter",
        "messed up",
        "misfiring",
        "misfires",
        "misfire",
    ),
    "imbalanced": ("out of balance", "imbalance", "unbalanced", "off balance", "out of kilter"),
    "inflammasome": (
        # "is there some kind of alarm sensor inside the cells that keeps this thing going?"
        "alarm sensor inside the cells",
        "alarm sensors inside the cells",
        "alarm sensor",
        "alarm sensors",
        "danger-sensing machinery",
        "danger sensing machinery",
        "danger-sensing",
        "danger-sensor complex",
        "danger sensor complex",
        "danger-sensing complex",
        "danger sensor",
        "danger-sensor",
        "alarm complex",
        "immune alarm",
        "protein complex",
        "protein complexes",
        "danger-sensing protein complex",
        "danger-sensing protein",
    ),
    "methotrexate": ("mtx",),
    # a diagnosis's words ("findings were consistent with aseptic chronic osteomyelitis"), no agreement of results
    "compatible": ("consistent with",),
    # "do the SAPHO results line up with the adult CRMO ones?" is answered by "did not corroborate these findings"
    "corroborate": (
        "corroborated",
        "hold up there",
        "hold up in sapho",
        "hold true",
        "holds true",
        "borne out",
        "carry over",
        "carries over",
        "translate to",
        "translate into",
        "back it up",
        "back that up",
        "bear it out",
        "contradict",
        "contradicts",
        "line up",
        "lines up",
        "replicate",
        "replicated",
        "agree with",
        "consistent",
        "match up",
        "same response",
        "response the same",
        "same results",
        "same result",
        "back up",
        "backs up",
        "backed up",
        # "CNO vs SAPHO - did the SAPHO cases look as good / do as well?"
        "look as good",
        "looked as good",
        "do as well",
        "did as well",
        "fare as well",
        "fared as well",
        # "do the favorable results in CNO extend to SAPHO?"
        "extend to",
        "extends to",
        "carry over to",
        "carries over to",
        "results compare",
        "compare with those",
        "compare with that",
        "same outcomes",
        "same outcome",
        "similar results",
        "results the same",
        "results similar",
        "outcomes the same",
        "results agree",
        "reports agree",
        "results differ",
        "results differed",
        "in one and not the other",
    ),
    # "is some body chemical running too high?", "does it run high in people with this?", "making too much of it"
    "elevated": (
        "raised",
        "running too high",
        "running high",
        "run high",
        "runs high",
        "making too much",
        "makes too much",
        # "is my boy's immune system pumping out too much of the body's alarm chemicals?"
        "pumping out too much",
        "pumps out too much",
        "churning out too much",
        "producing too much",
    ),
    "investigation": (
        "looked into it",
        "looked into",
        "worked it up",
        "working it up",
        "worked up",
        "work-up",
        "workup",
    ),
    "caution": ("warning", "warnings", "warn", "warned", "warns", "cautioned", "cautions", "be careful"),
    "off-label": (
        "off label",
        "offlabel",
        "unlicensed",
        "unlicenced",
        "off licence",
        "off-licence",
        "off license",
        "off-license",
        "outside its licence",
        "outside its license",
        "outside its licensed uses",
        "outside its licensed use",
        "outside the licence",
        "outside the license",
        "outside its approved uses",
        "unapproved use",
        "unapproved indication",
        # "careful using it outside its label", "isn't officially approved for CNO"
        "outside its label",
        "outside the label",
        "outside of its label",
        "not officially approved",
        "isnt officially approved",
        "isn't officially approved",
        "not approved for",
        # "because it's not actually approved for this condition?", "actually approved for it, or are docs just
        # trying it out?"
        "not actually approved",
        "isnt actually approved",
        "isn't actually approved",
        "not really approved",
        "actually approved for",
        "approved for it",
        "approved for this",
        "trying it out",
    ),
    "prednisolone": ("psl", "pred"),
    # the report named by what it is: "the drug-info service's bottom line"
    "inpharmd": tuple(
        f"{name} {kind}"
        for name in ("drug-info", "drug info", "drug-information", "drug information")
        for kind in (
            "service",
            "response",
            "report",
            "summary",
            "answer",
            "reply",
            "write-up",
            "document",
            "folks",
            "people",
            "team",
        )
    ),
    "anti-tnf": (
        "tnfi",
        "tnfis",
        "tnf inhibitors",
        "tnf inhibitor",
        "tnf-α inhibitors",
        "tnf-alpha inhibitors",
        "tumor necrosis factor-α inhibitors",
        "tumor necrosis factor inhibitors",
        "anti tnf",
        "anti-tnf-α",
        "tnf blockers",
        "tnf blocker",
    ),
    "tnf-α": ("tnf-alpha", "tnf alpha", "tnfα", "tnf-a", "tumor necrosis factor-α", "tumor necrosis factor"),
    "nsaid": (
        "nsaids",
        "nonsteroidal anti-inflammatory drugs",
        "nonsteroidal antiinflammatory drugs",
        "non-steroidal anti-inflammatory drugs",
        "anti-inflammatories",
        "anti-inflammatory painkillers",
        "anti-inflammatory pain killers",
        "anti-inflammatory drugs",
        "anti-inflammatory drug",
        "ibuprofen-type",
        "ibuprofen-like",
        "anti-inflammatory pain pills",
        # the only pain pills the texts name are NSAIDs (naproxen): "which simple pain pill has prospective data?"
        "pain pill",
        "pain pills",
        "anti-inflammatory pills",
        "anti-inflammatory tablets",
        "anti-inflammatory pain relievers",
        "anti-inflammatory medicines",
        "anti-inflammatory meds",
        "over-the-counter painkillers",
        "over the counter painkillers",
        # the class by its best-known member ("advil type pills"), or bought over the counter
        "ibuprofen type",
        "advil type",
        # "pills like ibuprofen", "painkillers such as Advil": the class named by an example the texts do not name
        # (a bare "ibuprofen" is still a drug the sources never mention)
        "like ibuprofen",
        "such as ibuprofen",
        "e.g. ibuprofen",
        "eg ibuprofen",
        "like advil",
        "such as advil",
        "like motrin",
        "like nurofen",
        "advil-type",
        "advil-like",
        "over-the-counter anti-inflammatory",
        "over the counter anti-inflammatory",
        "otc anti-inflammatory",
        "over-the-counter pain pills",
        "over the counter pain pills",
        "otc pain pills",
        "anti-swelling pills",
        "anti-swelling tablets",
        "anti-swelling medicine",
        "anti-swelling painkillers",
        "anti-swelling pain killers",
        "anti-swelling pain pills",
        "anti-swelling pain medicine",
        # "the pain and swelling pills", "OTC pain relievers"
        "pain and swelling pills",
        "pain and swelling tablets",
        "pain and swelling medicine",
        "pain-and-swelling pills",
        "swelling pills",
        "over-the-counter pain relievers",
        "over the counter pain relievers",
        "over-the-counter pain killers",
        "over the counter pain killers",
        "over-the-counter pain medicine",
        "over the counter pain medicine",
        "otc painkillers",
        "otc pain killers",
        "otc pain relievers",
        # typed without the hyphen
        "anti inflammatories",
        "anti inflammatory drugs",
        "anti inflammatory pills",
        "over the counter anti inflammatory",
    ),
    "prospective": (
        "forward-looking",
        "forward looking",
        "prospectively",
        "going forward in time",
        "forward in time",
    ),
    "first-line": (
        "up front",
        "upfront",
        "first line",
        "front-line",
        "frontline",
        "first steps",
        "first step",
        "first-step",
        "1st-line",
        "1st line",
        # "do anti-inflammatory painkillers work as first treatment?"
        "first treatment",
        "first-choice",
        "first choice",
        # "what do the specialists say to start with when the spine isn't affected?"
        "say to start with",
        "recommend to start with",
        "use to start with",
        "give to start with",
    ),
    "second-line": (
        "second line",
        "2nd-line",
        "2nd line",
        # "if the first couple things don't work, what else do doctors reach for next?"
        "what else do doctors reach for",
        "what else do doctors try",
        "what do doctors reach for next",
        "what do doctors try next",
        "what else do they try",
        "what do they try next",
    ),
    "cessation": (
        "get off",
        "got off",
        "come off",
        "came off",
        "wean off",
        "weaned off",
        "off his",
        "off her",
    ),
    "suspected": ("working diagnosis", "initial diagnosis", "first thought", "presumed", "thought to have"),
    "started": (
        "initial therapy",
        "initial treatment",
        "first treated with",
        "initially treated",
        "started on",
    ),
    "search": ("databases", "database", "dbs", "literature search", "lit search", "searched"),
    "fertility": (
        "having kids",
        "have kids",
        "having children",
        "have children",
        "having a baby",
        "have a baby",
        "family planning",
        "childbearing",
        "child-bearing",
        "wanting kids",
        "wants kids",
        "want kids",
        "wanted kids",
        "wanting children",
        "wants children",
        "start a family",
        "starting a family",
        # "29F considering future pregnancy - why TCZ over a TNFi?": Sun's "fertility considerations"
        "future pregnancy",
        "future pregnancies",
        "considering pregnancy",
        "planning a pregnancy",
        "planning pregnancy",
        "pregnancy plans",
        "wants to get pregnant",
        "wanting to get pregnant",
        "hoping to get pregnant",
    ),
    "dmard": (
        "dmards",
        "disease-modifying antirheumatic drugs",
        "disease modifying antirheumatic drugs",
        "slow-acting antirheumatic drugs",
        "slow-acting arthritis pills",
        "slow-acting arthritis drugs",
        "csdmards",
    ),
    "bisphosphonate": (
        "bisphosphonates",
        "bisphosphonate therapy",
        "bone-density drug",
        "bone density drug",
        "bone drug",
        "bone drugs",
        "bone-strengthening drug",
        "bone medicine",
        # "why do they give those bone-strengthening IV meds to kids with this?"
        "bone-strengthening iv meds",
        "bone-strengthening intravenous meds",
        "bone-strengthening intravenous drugs",
        "bone-strengthening intravenous drug",
        "bone-strengthening meds",
        "bone-strengthening drugs",
        "bone-strengthening medicines",
        "bone-strengthening infusions",
        "bone-strengthening drips",
        "bone strengthening meds",
        "bone strengthening drugs",
    ),
    "adverse event": (
        "adverse events",
        "aes",
        "adrs",
        "adverse drug reactions",
        "side effects",
        "side effect",
        "adverse effects",
        "adverse effect",
        "adverse reactions",
        "adverse reaction",
        "toxicity",
        "toxicities",
        "harms",
        "safety",
        "safe",
    ),
    "mri": (
        "magnetic resonance imaging",
        "mris",
        # "why do they keep putting my son in the big magnet tube scanner?"
        "magnet tube scanner",
        "magnet tube",
        "magnet scanner",
        "magnet scan",
        "magnet scans",
        "magnetic scan",
        "magnetic scanner",
    ),
    "crp": ("c-reactive protein",),
    # "which adult-onset CRMO patients might be candidates for IL-6 blockade?": in whom it "should be considered"
    "considered": ("good candidates for", "candidates for", "candidate for", "candidates", "candidate"),
    "esr": ("erythrocyte sedimentation rate",),
    "rct": (
        "randomized controlled trials",
        "randomized controlled trial",
        "rcts",
        "randomised controlled trial",
        "randomised controlled trials",
        # "any RCTs of toci?" is answered by "no robust clinical trials to support its routine use"
        "clinical trials",
        "clinical trial",
        "randomized trials",
        "randomized trial",
        "randomised trials",
        "randomised trial",
        "controlled trials",
        "controlled trial",
        # "a proper test where some get the real thing and others get a dummy"
        "placebo-controlled",
        "placebo controlled",
        "placebo",
        "a dummy",
        "dummy pill",
        "dummy treatment",
        "sugar pill",
        "fair test",
        "proper fair test",
        # "a proper study where people were split at random into groups"
        "split at random",
        "randomly split",
        "randomly assigned",
        "assigned at random",
        "randomly allocated",
        "allocated at random",
        "divided at random",
        "randomly divided",
        # "nobody has properly tested this medicine head to head for my kid's condition, right?"
        "properly tested",
        "tested properly",
    ),
    "corticosteroid": (
        "corticosteroids",
        "steroids",
        "steroid",
        "glucocorticoids",
        "glucocorticoid",
        "cortisone-type tablets",
        "cortisone-type tablet",
        "cortisone tablets",
        "steroid tablets",
        "cortisone",
    ),
    # brand names and lay words users type for things the texts name otherwise
    # clinicians' shorthand for the biologics: "cycled thru IFX, ETN, cana, uste, ADA and TCZ"
    "infliximab": ("remicade", "inflectra", "renflexis", "ifx"),
    "adalimumab": ("humira", "amjevita", "hyrimoz", "ada"),
    "etanercept": (
        "enbrel",
        "etn",
        "erelzi",
        "receptor-decoy medicine",
        "receptor decoy",
        "decoy receptor",
        "receptor-decoy",
    ),
    "secukinumab": (
        "cosentyx",
        "il-17 blocker",
        "il-17 inhibitor",
        "il-17 blockers",
        "il-17 inhibitors",
        "anti-il-17",
    ),
    "canakinumab": (
        "ilaris",
        "cana",
        "il-1 blocker",
        "il-1 inhibitor",
        "il-1 blockers",
        "il-1 inhibitors",
        "anti-il-1",
    ),
    "golimumab": ("simponi", "gol"),
    "ustekinumab": ("stelara", "uste", "ust", "il-12/23 inhibitor", "il-12/23 blocker", "il-23 inhibitor"),
    # the bisphosphonate the texts give by drip is pamidronate: "the bone-strengthening drip"
    "pamidronate": (
        "aredia",
        "pamidronic acid",
        "bone drip",
        "bone-strengthening drip",
        "bone strengthening drip",
        "bone-strengthening infusion",
        "bone infusion",
        "bone-strengthening iv drip",
        "bone strengthening iv drip",
        "bone-strengthening iv infusion",
        "iv bone drip",
        "iv bone infusion",
        "bone-protecting drip",
        "bone protecting drip",
        "bone-protecting infusion",
    ),
    "naproxen": ("naprosyn", "aleve"),
    "colchicine": (
        "colcrys",
        "gout medicine",
        "gout medication",
        "gout drug",
        "gout med",
        "gout remedy",
        "gout pill",
        # "an anti-gout type drug for autoinflammation"
        "anti-gout type drug",
        "anti-gout med",
        "anti-gout medication",
    ),
    "levetiracetam": ("keppra",),
    "valproic acid": ("depakote", "valproate", "depakene"),
    "salazosulfapyridine": ("sulfasalazine", "azulfidine", "ssz"),
    "epilepsy": (
        "seizures",
        "seizure",
        "antiepileptics",
        "antiepileptic",
        "anticonvulsants",
        "anticonvulsant",
        "seizure disorder",
        "with fits",
        "had fits",
        "has fits",
        "having fits",
    ),
    "abscess": (
        "boil-like lump",  # "a boil-like lump under the skin that has no bugs in it": the aseptic abscess
        "pus-like lump",
        "pus like lump",
        "boil like lump",
        "boil-like swelling",
        "pus-filled lump",
        "boil",
        "boils",
        "pus pocket",
        "pus pockets",
        "pocket of pus",
        "pus",
        "abscesses",
        "pus collection",
        "collection",
        "fluid collection",
        "abcess",
        "absess",
        "abcesses",
        # "the lump on his chest after the drug": the abscess on the chest wall
        "lump on his chest",
        "lump on her chest",
        "lump on the chest",
        "chest lump",
    ),
    # "did they ever grow a bug from it?": a culture's result ("Despite the absence of infectious pathogens")
    "pathogen": (
        "grow a bug",
        "grew a bug",
        "grow any bugs",
        "grew any bugs",
        "grow a germ",
        "grew a germ",
        "grow any germs",
        "grew any germs",
        "pathogens",
    ),
    "aseptic": (
        "sterile",
        "no germs",
        "no bacteria",
        "without germs",
        "without bacteria",
        "no bugs in it",
        "no bug is growing in it",
        "no bug growing in it",
        "no bugs growing in it",
        "nothing growing in it",
    ),
    "relapse": (
        # "did their disease come back more often?" (not "counts came back up": the disease or illness itself)
        "disease come back",
        "disease came back",
        "disease coming back",
        "disease comes back",
        "illness come back",
        "illness came back",
        "illness coming back",
        # "what sign told doctors it was likely to come back?"
        "to come back",
        "will come back",
        "would come back",
        "might come back",
        "could come back",
        "will it come back",
        "come back again",
        "came back again",
        "comes back again",
        "flare",
        "flares",
        "flaring",
        "flared",
        "flare-up",
        "flare-ups",
        "flare up",
        "flare ups",
        "flareups",
        "relapses",
        "relapsed",
        # "relapsing and non-relapsing kids": the table's "Relapse - No Relapse" (not "relapsing": the disease's
        # "chronic recurrent", "the girl's relapsing multi-site bone inflammation")
        "non-relapsing",
        "nonrelapsing",
        "recurrence",
        # "does having more spots make it more likely to keep coming back?" (not "bone swelling that keeps coming
        # back": the disease's "recurrent")
        "to keep coming back",
        "it coming back",
    ),
    "blockade": ("blocker", "blockers", "blocking", "inhibition"),
    "intravenous": ("iv",),
    "recommendations": ("recs", "guidance"),
    # "do doctors think that drip is a good idea for her?" ("we do not recommend the use of tocilizumab")
    "recommend": (
        "a good idea",
        "good idea",
        "advisable",
        "would you suggest",
        "would you advise",
        # "did the docs who wrote up the 2 women tell other doctors to stay away from it?" ("we do not recommend")
        "stay away from",
        "steer clear of",
        "keep away from",
    ),
    "pediatric": (
        "paediatric",
        "paediatrics",
        "pediatrics",
        "children",
        "child",
        "childhood",
        "kids",
        "kid",
        "adolescents",
        "adolescent",
        "infants",
        "infant",
        "peds",
        "paeds",
        "paed",
        "youngsters",
        "youngster",
        "juvenile",
        "preschooler",
        "preschoolers",
        "toddler",
        "toddlers",
        "teenagers",
        "teens",
        "little girl",
        "little girls",
        "little boy",
        "little boys",
        "young girl",
        "young boy",
        "schoolgirl",
        "schoolboy",
        # "can this leave one of her legs shorter when she grows up?": a child's future
        "when she grows up",
        "when he grows up",
        "as she grows up",
        "as he grows up",
        "as she grows",
        "as he grows",
    ),
    # lay words -> the clinical word the texts use
    "renal": ("kidney", "kidneys", "kidney function"),
    "center": ("ctr",),  # "the Cam referral ctr series"
    # Cam 2025's "referral center" as users describe it
    "referral": (
        "specialist pediatric clinic",  # "specialist children's clinic", as children's folds first
        "specialist pediatric hospital",
        "specialist clinic",
        "specialist centre",
        "specialist center",
    ),
    # Fujita's patient in lay words: "protein deposits" wrecking his kidneys, "collarbone joints"
    "amyloidosis": (
        "protein deposits",
        "protein deposit",
        "protein build-up",
        "protein buildup",
    ),
    "sternoclavicular": (
        "collarbone joints",
        "collarbone joint",
        "collar bone joints",
        "collar-bone joints",
        "breastbone joints",
        "breastbone joint",
    ),
    "monoclonal antibody": ("mab", "mabs", "monoclonal antibodies"),
    "palmoplantar pustulosis": (
        "palm and sole pustules",
        "palm/sole pustules",
        "palmoplantar pustules",
        "ppp",
    ),
    "mandibular": ("jaw", "jaws", "jawbone", "mandible"),
    "osteolysis": (
        "osteolytic",
        "dissolving",
        "dissolve",
        "dissolved",
        "bone destruction",
        "eaten away",
        "melting away",
    ),
    "neutropenia": (
        "white cells",
        "white blood cells",
        "white cell count",
        "white count",
        "neutrophils dropped",
        "low neutrophils",
        "agranulocytosis",
        # "hematologic toxicity with TCZ?": the one blood-count harm the texts report
        "hematologic toxicity",
        "hematological toxicity",
        "hematologic side effects",
        "hematologic adverse events",
        "blood count problems",
        "low blood counts",
        "cytopenia",
        "cytopenias",
        "leukopenia",
        "leucopenia",
    ),
    # "did she lose any hair at the end?": the corpus' "mild alopecia"
    "alopecia": (
        "hair loss",
        "losing hair",
        "lose hair",
        "lose any hair",
        "lost hair",
        "lost any hair",
        "lose her hair",
        "lost her hair",
        "losing her hair",
        "hair thinning",
        "thinning hair",
        "hair fall out",
        "hair falling out",
        "hair fell out",
        "hair thinned",
        "hair got thin",
        "hair thin",
        "balding",
        # "was she left with any side effects? i read something about hair" (no text speaks of hair otherwise)
        "something about hair",
        "something about her hair",
        "her hair",
        "hair",
    ),
    "analgesics": (
        "painkillers",
        "painkiller",
        "pain killers",
        "pain medication",
        "pain medications",
        "pain meds",
        "pain drugs",
    ),
    # "bumpy red patches on his palms - does that mean a rougher course?": skin findings
    "skin": (
        "cutaneous",
        "dermatologic",
        "dermatological",
        "red patches",
        "red spots",
        "red bumps",
        "bumpy patches",
    ),
    "psoriasis": ("psoriasiform", "psoriatic rash", "psoriatic lesions"),  # and "a scaly ... rash": _SCALY
    # "the specialists polled to design a trial": the expert consensus that gathered their input
    "consensus": (
        "ctps",
        "ctp",
        "guidelines",
        "guideline",
        "polled",
        "poll",
        "survey",
        "surveyed",
        "delphi",
        # "when the specialists got together to agree on how to plan a study"
        "agree on",
        "agreed on",
        "agreeing on",
        "reached agreement",
        "came to an agreement",
        # "the panel of top specialists who got together to plan a future trial"
        "panel of top specialists",
        "panel of specialists",
        "panel of experts",
        "expert panel",
        "specialist panel",
        "got together",
        "specialist groups",  # "what do the specialist groups say to try first?"
        "specialists say",  # "what do the specialists say to start with?"
        "specialist group",
        "expert groups",
        "expert group",
        # "does the specialists' joint agreement paper say anything about the arthritis drip?"
        "joint agreement",
        "agreement paper",
    ),  # CARRA's consensus treatment plans
    # "right now in the Cam cohort, how many are on each biologic?": Cam's "Currently, the distribution of treatments"
    "currently": (
        "right now",
        "at the moment",
        "at present",
        "presently",
        "at the time of the report",
        "at the time of reporting",
        "at the time of the study",
        "as of the report",
    ),
    "sufficient": ("enough",),
    "support": ("backing", "backed"),  # "which meds have some backing from prospective studies?"
    # the stemmer parts "diagnosed" (diagnos) from "diagnosis" (diagnosi); users say "how old", "on average"
    "diagnosis": ("diagnosed", "diagnose", "diagnoses", "dx", "dx'd", "dxd", "misdiagnosed", "misdiagnosis"),
    "age": ("how old", "ages"),
    "mean": ("on average", "average", "averages"),  # CARRA's consensus treatment plans
    "switched": (
        "switch",
        "switching",
        "swapped",
        "swapping",
        "swap",
        "moved to",
        "changed to",
        "switched over",
    ),
    "sequelae": (
        "lasting damage",
        "long-term damage",
        "permanent damage",
        "lasting effects",
        "long-term effects",
        "long-term consequences",
        "after-effects",
        "aftereffects",
    ),
    "prognosis": (
        "outlook",
        "long-term outlook",
        "long-term course",
        "bad sign",
        "poor sign",
        "worrying sign",
        "good sign",
        "prognostic",
        # "can her backbone get damaged long term from this?"
        "damaged long term",
        "damaged in the long term",
        # "is it worse in the long run when its in the backbone?"
        "worse in the long run",
        "better in the long run",
        # "who tends to do worse long term with CNO?"
        "do worse long term",
        "does worse long term",
        "do worse in the long run",
        "do worse in the long term",
    ),
    # "are the results consistent from one report to the next?" is answered by "inconsistent outcomes"
    "inconsistent": (  # not "consistent" alone (a comparison of conditions, folded to corroborate)
        "consistent from",
        "consistent across",
        "consistent between",
        "consistent results",
        "consistent outcomes",
        "consistency",
        "inconsistency",
        "all over the place",
        "conflicting",
        "contradictory",
        "mixed results",
        # "do the published experiences agree with each other?": all of them, not one condition against another
        "agree with each other",
        "agree with one another",
        # "did people's aches go down with it or is it hit or miss?"
        "hit or miss",
        "hit and miss",
    ),
    "aggressive": (
        "nastier",
        "more severe",
        "worse disease",
        "rougher ride",
        "rough ride",
        "rougher course",
        "tougher ride",
        "tougher",
        "rougher",
        "rougher road",
        "tougher road",
        "harder road",
    ),
    # "will one leg end up shorter than the other?": Kaut 2022's "Leg length discrepancy" row
    "discrepancy": (
        "one leg shorter than the other",
        "one leg longer than the other",
        "one leg shorter",
        "one leg longer",
        "legs of different lengths",
        "uneven legs",
        "uneven leg length",
        "uneven leg lengths",
    ),
    # "how long do families wait before someone figures out what it is?": Kaut 2022's "Mean diagnostic delay"
    "delay": (
        "wait for a diagnosis",
        "wait before someone figures out",
        "wait before someone finally figures out",
        "wait before they figure out",
        "wait before anyone figures out",
        "wait before a doctor works out",
        "wait before the doctors work out",
        "wait before a doctor figures out",
    ),
    # "was the pain more often all over the body or in one spot?": the table's "Widespread" / "Localized pain"
    "widespread": ("all over the body", "all over", "everywhere", "in many places"),
    # "does the ache hang around nonstop or come and go?": Cam 2025's "Continuous pain" / "Intermittent pain"
    "continuous": ("nonstop", "non-stop", "constant", "all the time", "hang around", "hangs around"),
    "intermittent": ("intermittently", "come and go", "comes and goes", "on and off", "off and on", "on-off"),
    "localized": ("in one spot", "one spot", "in one place", "one place"),
    "imaging": ("scans", "scan", "radiology", "radiological"),
    "radiologists": ("radiologist",),
    "sacroiliac": (
        "sacroiliitis",
        "sacroileitis",
        "si joint",
        "si joints",
        "sacroiliac joint",
        "sacroiliac joints",
        "pelvic joint",
        "pelvic joints",
        "joint between spine and pelvis",
        "joint between the spine and pelvis",
        "joint between the spine and the pelvis",
        "joints between the spine and pelvis",
        "joints between the spine and the pelvis",
        "pelvis-to-spine joint",
        "pelvis-to-spine joints",
        "spine meets the pelvis",
    ),
    # "if the problem is in her back bones, is that worse news long term?"
    "spinal": (
        "spine",
        "vertebral",
        "vertebrae",
        "vertebra",
        "backbone",
        "back bone",
        "back bones",
        "backbones",
        "bones in her back",
        "bones in his back",
        "bones of the back",
        "bones of the spine",
    ),
    # "what was tried" = what they were treated with (the stem of "treated" is "treat")
    "treat": ("tried", "trialed", "trialled", "trial of"),
    "reserved": ("held back", "held in reserve", "kept for", "saved for", "kept in reserve"),
    "benefit": (
        "get something out of",
        "do well on",
        "profit from",
        "gain from",
        # a response that has not happened yet: "how many would respond to an anti-IL-6 drug?"
        "would respond",
        "would actually respond",
        "might respond",
        "may respond",
        "could respond",
        "will respond",
        "actually respond",
        "be helped by",
        "would be helped",
    ),
    # "what fraction / how many people respond?": the texts' "what proportion of patients"
    "proportion": ("fraction", "what share", "how many people"),
    "year-old": ("years old", "year old", "years-old", "yo", "y/o", "y.o", "yrs old"),
    "discontinued": ("stopped", "discontinue", "discontinuation", "withdrawn", "abandoned", "stop"),
    # "NSAIDs on their own": the texts' "NSAIDs alone"
    "alone": ("on their own", "on its own", "by themselves", "by itself"),
    "remission": (
        "remissions",
        "remit",
        "remitted",
        "settle the disease",
        "settled the disease",
        "in the clear",
        "disease-free",
        "inactive disease",
        "settled down completely",
        "disease settle down",
        "disease settled down",
        "disease settle",
        "disease settled",
        "fully settled",
        # "has it ever got a child's bone inflammation to settle down fully?"
        "settle down fully",
        "settled down fully",
        "settle down completely",
        "quiet disease",
        "disease control",
        # a parent's words: "did most of them end up completely better?", "the bone disease go completely quiet"
        "completely better",
        "totally better",
        "fully better",
        # "how many eventually had their illness quiet down for good / got well in the end?"
        "quiet down for good",
        "quieted down for good",
        "quietened down for good",
        "got well in the end",
        "get well in the end",
        "well in the end",
        # "do most youngsters eventually get to where it's quiet and not acting up anymore?"
        "not acting up anymore",
        "not acting up any more",
        "stop acting up",
        "stops acting up",
        "stopped acting up",
        # "do most kids end up getting better eventually?"
        "end up improved",
        "ended up improved",
        "improved eventually",
        "go completely quiet",
        "went completely quiet",
        "gone completely quiet",
        "settle down and stay calm",
        # "how long before they settle down and stay well?", "does it calm down for good eventually?"
        "settle down and stay well",
        "calm down and stay well",
        "calm down for good",
        "calms down and stops flaring up",  # "how long before a kid finally calms down and stops flaring up?"
        "calms down and stops flaring",
        "calm down and stop flaring up",
        "calm down and stop flaring",
        "stops flaring up",
        "stop flaring up",
        "settle down for good",
        # "do most children eventually get better and stay better?"
        "stay better",
        "stays better",
        "stayed better",
        # "do most kids eventually grow out of it?"
        "grow out of",
        "grows out of",
        "grew out of",
        "growing out of",
        "outgrow",
        "outgrows",
        "outgrew",
        "eventually get over it",  # "do most kids eventually get over it?"
        "all better",  # "has any youngster actually gotten all better on that drip?"
        "eventually got over it",
        "get over it eventually",
        "go away for good",
        "goes away for good",
        "gone for good",
        "calmed down for good",
        "settled down for good",
        "settling down for good",
        "settles down for good",
        "calms down for good",
        "calming down for good",
        # "did the one child on it settle down and go quiet?", "get better and go quiet"
        "settle down and go quiet",
        "settled down and went quiet",
        "go quiet",
        "goes quiet",
        "went quiet",
        "gone quiet",
        "going quiet",
    ),
    # "which once-a-month jab finally cleared it?": "complete resolution ... golimumab 2 mg/kg q4w"
    "q4w": ("every 4 weeks", "every four weeks", "once-a-month", "once a month", "monthly", "four-weekly"),
    "resolution": ("cleared up", "clear up", "clears up", "cleared", "cleared it"),
    "fever": (
        "temperature",
        "a temperature",
        "febrile",
        "pyrexia",
        "pyrexial",
        "high temperature",
        # "do these kids usually run a temp?"
        "run a temp",
        "running a temp",
        "runs a temp",
        "ran a temp",
    ),
    # "does the aching hang around the whole day or just first thing when they wake up?": Cam 2025's pain rows
    "all day": (
        "the whole day",
        "whole day",
        "all day long",
        "the entire day",
        "throughout the day",
        "from morning to night",
        "morning to night",
        "morning till night",
        # "aches pretty much from when she wakes up til bedtime"
        "from when she wakes up til bedtime",
        "from when he wakes up til bedtime",
        "from when she wakes up till bedtime",
        "from when he wakes up till bedtime",
        "from when she wakes up to bedtime",
        "from when he wakes up to bedtime",
        "wake up to bedtime",
        "morning til night",
        "morning until night",
        # "does the ache hang around from sunrise to bedtime?"
        "from sunrise to bedtime",
        "sunrise to bedtime",
        "sunrise to sunset",
        "dawn to dusk",
        "round the clock",
        "around the clock",
    ),
    "morning": (
        "mornings",
        "first thing when they wake up",
        "when they wake up",
        "first thing in the morning",
        "on waking",
    ),
    "pain": ("aching", "achiness"),
    "bone pain": ("aching bones", "achy bones", "bone ache", "bone aches", "bone aching", "sore bones"),
    "tapered": (
        "taper",
        "tapering",
        "weaned",
        "wean",
        "weaning",
        "reduced the dose",
        "come down on",
        "came down on",
        "coming down on",
        # "were folks able to come down off their steroid pills once they started it?"
        "come down off",
        "came down off",
        "coming down off",
        # "were steroids able to come down or were they needed more?"
        "able to come down",
        "cut down on",
        "cut back on",
        "lower his",
        "lower her",
        "lower their",
        "be cut down",
        "cutting down",
    ),
    # "do OTC pills like advil do the trick / sort it out for kids?": whether NSAIDs were effective
    "effective": (
        "do the trick",
        "does the trick",
        "did the trick",
        "sort it out",
        "sorts it out",
        "sorted it out",
        "do the job",
        "does the job",
        "did the job",
    ),
    "ineffective": (
        "didn't work",
        "didnt work",
        "did not work",
        "didn't help",
        "didnt help",
        "did not help",
        "no effect",
        "not effective",
        "no benefit",
        "failed",
    ),
    "nodule": ("bump", "bumps", "nodules", "nodular"),  # not "lump": the chest-wall abscess was one too
    "biopsy": ("biopsies", "histology", "pathology", "histopathology", "bx", "sampled", "tissue sample"),
    "thyroid carcinoma": (
        "thyroid cancer",
        "thyroid malignancy",
        "cancer of the gland in her neck",
        "cancer of the gland in his neck",
        "neck gland cancer",
        "thyroid ca",
    ),
    "psychiatric": (
        "mental health",
        "mental-health",
        "psychological",
        "psychologist",
        "psychiatrist",
        "counselling",
        "counseling",
        "counselor",
        "counsellor",
        "therapist",
        "emotional support",
    ),
    "medical records": (
        "chart review",
        "chart reviews",
        "charts",
        "case notes",
        "patient records",
        "notes review",
    ),
    "elderly": ("senior", "seniors", "geriatric", "aged patient"),
    # how users ask for a regression result: "what independently predicted relapse" -> the multivariate table
    "multivariate": (
        "multivariable",
        "independently",
        "independent predictor",
        "independent predictors",
        "adjusted analysis",
        "regression",
    ),
    "associated": (
        "predictor",
        "predictors",
        "predicted",
        "predict",
        "predicts",
        "risk factor",
        "risk factors",
    ),
    # "were they maybe just the gentler cases?" (Cam 2025: "a milder disease phenotype")
    "milder": ("gentler", "less severe", "less serious", "less aggressive", "not as severe", "not as bad"),
    "female": (
        "females",
        "girls",
        "girl",
        "women",
        "woman",
        "lady",
        "ladies",
        # the cohorts report sex as the share of girls ("Female 73%"): "sex breakdown", "boys or girls?"
        "sex breakdown",
        "sex ratio",
        "sex distribution",
        "sex split",
        "gender breakdown",
        "gender ratio",
        "gender split",
        "gender",
        "sex",
    ),
    # a study by where and how it was done: "the Belgium cohort", "the two-hospital series", "one hospital's kids"
    "belgian": ("belgium",),
    # "on its own or with something else?": given with another drug
    "combination": (
        "with something else",
        "combined with",
        "alongside another drug",
        "add-on",
        "combo",
        "on top of",
        "together with",
        "in addition to",
        # "has TCZ been reported in a pediatric CNO patient, and was it given on its own?" (not "the IV drug given on
        # its own, without the biologic - did kids get better?": a drug alone)
        "was it given on its own",
        "was it given alone",
        "was it given by itself",
        "was it used on its own",
        "was it used alone",
    ),
    # "which drug class was used most / the go-to one": the texts' "predominant treatment modality"
    # "what is the data mostly from?", "mainly for what reason?": the texts' "primarily derived from / for"
    "primarily": ("mostly", "mainly", "largely", "chiefly", "principally"),
    "predominant": (
        "used most",
        "most used",
        "most widely used",
        "go-to",
        "mainstay",
        # "what's the main type of treatment they ended up using?", "which kind of shots worked most often?"
        "main type",
        "main kind",
        "most often",
        # "which was the main one used?"
        "main one used",
        "main treatment",
        "most common treatment",
        "most common therapy",
        # "which type of treatment ended up being used the most?", "the most common type of treatment"
        "used the most",
        "most common type",
    ),
    "multicentre": (
        "multicenter",
        "multi-centre",
        "multi-center",
        "two-hospital",
        "two hospitals",
        "two-centre",
        "two-center",
        "two centres",
        "two centers",
    ),
    "single-center": (
        "single-centre",
        "single centre",
        "single center",
        "single-hospital",
        "single hospital",
        "one hospital",
        "one centre",
        "one center",
        "single-site",
        "single institution",
        "single-institution",
    ),
    **{
        f"{d}0s": (f"{w}ties", f"{d}0-something", f"{d}0 something")
        for d, w in zip("2345678", ("twen", "thir", "for", "fif", "six", "seven", "eigh"), strict=True)
    },
    "male": ("males", "boys", "boy", "men", "man", "guy", "gentleman"),
    "ck": ("creatine kinase", "muscle enzyme", "muscle enzymes", "cpk"),
    "tibia": ("tibias", "shin", "shins", "shinbone", "shinbones", "tibial"),
}

_TOKEN = re.compile(r"[a-z0-9α-ω]+(?:[-/.,][a-z0-9α-ω]+)*%?")
_DASHES = dict.fromkeys(map(ord, "‐‑‒–—−"), "-")
_QUOTES = dict.fromkeys(map(ord, "’‘`´"), "'")
_STEMMER = Stemmer.Stemmer("english")
STOPWORDS = frozenset(STOPWORDS_EN) | frozenset(
    """
    what which who whom whose why how when where whether does did do is are was were be been being there
    any about tell me please show give know can could would should may might much many also than i my
    we our you your us have has had some them its actually really just behind all often
    wht wat whn wen hw abt pls plz thx shud cud wud coz cuz tho ur b4
    """.split()  # the last line: texting shorthand for these words ("wht treatment came after?")
)


_CONTRACTIONS = re.compile(r"n't\b|'(s|re|ve|ll|d|m)\b")


# British spellings the texts write the American way ("tumour necrosis factor", "generalisable")
_BRITISH = re.compile(r"\btumour\b|\boedema\b|\b[a-z]{4,}is(?=(?:ation|ations|able|ability)\b)")
_AMERICAN = {"tumour": "tumor", "oedema": "edema"}


_QUOTE_MARKS = re.compile(r"(?<![a-z0-9])'|'(?![a-z0-9])(?<!s')|\"")


def normalize(text: str) -> str:
    """Lowercase, NFKC, unify dashes, quotes and spaces, American spelling."""
    text = unicodedata.normalize("NFKC", text).translate(_DASHES).translate(_QUOTES).lower()
    text = _QUOTE_MARKS.sub(
        " ", text
    )  # "what immune 'alarm' complex": quoted words, not possessives (Crohn's)
    text = _BRITISH.sub(lambda m: _AMERICAN.get(m.group(), m.group()[:-2] + "iz"), text)
    text = _CONTRACTIONS.sub(lambda m: " not" if m.group() == "n't" else "", text.replace("can't", "cannot"))
    return " ".join(text.split())


def _phrase_pattern() -> tuple[re.Pattern[str], dict[str, str], frozenset[str]]:
    """One pattern of every variant, longest first; a space and a hyphen between words are one ("bone
    strengthening" and "bone-strengthening", "il 6" and "il-6"), so the table is keyed by the spaced form."""
    table = {variant: canon for canon, variants in SYNONYMS.items() for variant in variants}
    # a two-word canonical name ("valproic acid") folds to the same single token as its variants
    table.update({canon: canon for canon in SYNONYMS if " " in canon})
    ordered = sorted(table, key=len, reverse=True)
    spaced: dict[str, str] = {}
    for variant in ordered:
        spaced.setdefault(_spaced(variant), table[variant])
    alternation = "|".join(_JOINER.sub("[ -]", re.escape(v)) for v in ordered)
    return re.compile(rf"(?<![a-z0-9α-ω-])(?:{alternation})(?![a-z0-9α-ω])"), spaced, frozenset(table)


# after a hyphenated word: more of it ("sore-bones-no-germs"), or the illness it describes ("this achy-bones illness")
_COMPOUND_GOES_ON = re.compile(r"-|\s+(?:illness|disease|condition|syndrome|disorder|thing|problem)\b")


def _folded_phrase(match: re.Match[str]) -> str:
    """The canonical token of a variant found; a variant found only by joining its words with hyphens must be no
    part of a longer description ("sore-bones-no-germs illness", "this achy-bones illness" are CNO, not bone pain)."""
    found = match.group()
    if found not in _AS_LISTED and _COMPOUND_GOES_ON.match(match.string, match.end()):
        return found
    return _PHRASE_TABLE[_spaced(found)].replace(" ", "_")


_JOINER = re.compile(r"(?<=[a-z0-9])(?:\\ |\\-|-| )(?=[a-z0-9])")  # between two words of an escaped variant


def _spaced(phrase: str) -> str:
    """A phrase with its words joined by spaces, not hyphens ("bone-strengthening" -> "bone strengthening")."""
    return re.sub(r"(?<=[a-z0-9])-(?=[a-z0-9])", " ", phrase)


_PHRASES, _PHRASE_TABLE, _AS_LISTED = _phrase_pattern()
_OTC_STYLE = re.compile(r"\bover[- ]the[- ]counter[- ](?:style|type|kind of|sort of)\b")
# "could the med make those pus bumps flare back up?": they came back, nobody corroborated anything
_BACK_UP = re.compile(
    r"\b((?:flare|flares|flared|flaring|come|comes|came|coming|pop|pops|popped|popping|crop|cropped|start|started|"
    r"starting|creep|crept|creeping|shoot|shot|go|went|going|rise|rose|bounce|bounced) back) up\b"
)
# "should TCZ be used at all in SAPHO?": whether the authors recommend it ("we do not recommend the use of ...")
_SHOULD_IT_BE_USED = re.compile(
    r"\bshould (tcz|toci|tocilizumab|actemra|it|this drug|that drug) (?:even |ever |really )?be (?:used|given|tried)\b"
    # "would toci still be ok for SAPHO or not?"
    r"|\b(?:would|is|will) (tcz|toci|tocilizumab|actemra) (?:still |even )?(?:be )?(?:ok|okay|fine|a good idea|appropriate|"
    r"suitable|advisable)(?= (?:for|in)\b)"
    # "SAPHO rather than CRMO - should we be using toci there?"
    r"|\bshould (?:we|i|you|they|doctors|clinicians) (?:even |ever |really )?(?:be )?(?:using|use|giving|give|trying|try|"
    r"prescribing|prescribe|starting|start) (tcz|toci|tocilizumab|actemra)\b"
    # "would the doctors who wrote it up suggest that drip for ...?"
    r"|\bwould (?:the )?(?:doctors|authors|docs|specialists|experts)(?: who \w+(?: it)?(?: up)?)? (?:suggest|advise|advocate|say (?:to )?(?:use|try|go ahead with))"
    r" (?:the )?(tcz|toci|tocilizumab|actemra|it|this drug|that drug|that drip|this drip|the drip)\b"
    # "would doctors say go ahead with that drug or stay away?"
    r"|\b(?:doctors|authors|docs|specialists|experts) (?:say|suggest|advise) (?:to )?go ahead with"
    r" (tcz|toci|tocilizumab|actemra|it|this drug|that drug|that drip|this drip|the drip)\b"
)
_CLASS_AND_EXAMPLE = re.compile(r"\bnsaid nsaid\b")
# "how long before a kid finally calms down for good?", "... to settle down and stop having flare-ups?", "how many
# years does it take to calm down for good?"
_HOW_LONG_TO_REMISSION = re.compile(
    r"\bhow (?:long|many (?:years|months))\b[^?]{0,60}?\b(?:remission|settle[ds]? down|calm(?:s|ed)? down|stop having|for good)\b"
)
_CANON = {canon.replace(" ", "_"): canon for canon in SYNONYMS}


# SAPHO described by its signs: "the acne/bone syndrome", "acne-and-collarbone-pain syndrome", "palm-pustule +
# collarbone bone syndrome", "the pimply skin and bone disease", "the bone-and-skin pustule syndrome" (a skin sign
# and a bone, then a syndrome or disease, within one description).
_SKIN_SIGN = r"(?:acne|pimpl[a-z]*|pustul[a-z]*|palm-pustule|spotty)"
_BONE_SITE = r"(?:bones?|collarbone|collar-bone|clavicle|sternum|breastbone|breast-bone|chest-wall|joints?)"
_JOINED = r"(?:\s*[/+&,]\s*|-and-|-plus-| and | plus )"  # the parts of one description: "swelling / pimples"
_SAPHO_DESCRIBED = re.compile(
    rf"\b(?:{_SKIN_SIGN}\b[a-z/+&, -]{{0,40}}?\b{_BONE_SITE}"
    rf"|skin(?:-| and | & |/|-and-)bones?|bones?(?:-| and | & |/|-and-)skin\b[a-z, -]{{0,25}}?\b{_SKIN_SIGN}"
    # "the breastbone swelling / pimples / pus-bumps-on-palms syndrome", "the joint-and-bone-and-acne condition"
    rf"|{_BONE_SITE}(?:[- ][a-z]+)?{_JOINED}(?:[a-z-]+{_JOINED})?{_SKIN_SIGN})"
    # (not across "... collarbones worse in the acne-plus-bone syndrome": two mentions, a change between them)
    r"(?:(?!\b(?:worse|better|in|after)\b)[a-z/+&, -]){0,30}?\b(?:syndrome|disease|condition|disorder)\b"
    # the signs after the name: "the rare condition with pimples, palm blisters and sore chest bones"
    rf"|\b(?:syndrome|disease|condition|disorder) (?:with|that causes|that gives you) {_SKIN_SIGN}\b"
    rf"[a-z/+&, -]{{0,40}}?\b{_BONE_SITE}(?:/{_BONE_SITE})*\b"
    # the signs a patient has, no disease named: "the ladies with the pimply skin and sore collarbone joints"
    rf"|(?<=\bwith )(?:the )?(?:[a-z]+ )?{_SKIN_SIGN} skin\b[a-z/+&, -]{{0,30}}?\b{_BONE_SITE}\b(?: joints?\b)?"
)
# Descriptions that fit CNO and SAPHO's osteitis alike ("side effects in these bone-inflammation papers"): they fold
# to cno for retrieval, but in a question about harms (reported in SAPHO) they do not narrow the sources to CNO,
# unless CNO's own marks come with them ("recurrent", "multifocal", "chronic").
_BONE_DESCRIBED = re.compile(
    r"\b(?:(?:non-infectious|sterile|auto-?inflammatory|inflammatory)\s+)?bone[- ](?:inflammation|disease|condition)s?\b"
)
_HARMS = re.compile(
    r"\b(?:side[- ]effects?|adverse|safety|safe|harms?|wors[a-z]*|flare[a-z]*|toxic[a-z]*|progress(?:ing|ed|ion)|"
    # "my skin broke out in new pus bumps and my white cells dropped right after starting the jab"
    # (not "pus bumps on palms and soles": SAPHO's own skin)
    r"broke out|abscess[a-z]*|neutrophils?|neutropenia|white (?:blood )?cells?)\b"
)
_CNO_MARKS = re.compile(r"\b(?:recurr[a-z]*|multi-?focal|multi-site|chronic)\b")
# the IL-6 receptor blocker named by what it does, in any wording: "the interleukin-blocking infusion", "the
# anti-interleukin-six drip", "IL-six receptor blocking infusion" (numbered other interleukins are not matched)
_GIVEN_AS = (
    r"(?:drugs?|infusions?|drip|agents?|therapy|medication|medicine|meds?|injections?|treatment|antibody)"
)
# what the drug blocks, described: "the body's alarm-signal chemical that this drug shuts off" is IL-6
# ("the body's alarm signal that this IV medicine switches off")
_DRUGS_TARGET = re.compile(
    r"\b(?:alarm|immune|inflammation|inflammatory)[- ](?:signal(?:l?ing)?|messenger)(?:[- ](?:chemical|protein|messenger)s?)? "
    r"(?:that|which) (?:this|the|that) (?:iv |intravenous |new |arthritis )?(?:drug|medicine|med|infusion|drip|jab|shot) "
    r"(?:shuts (?:off|down)|switches off|turns off|blocks|targets)\b"
)
# "inflammation messenger number six", "her blood 'six' messenger" (quotes are gone by now)
_MESSENGER_SIX = re.compile(
    r"\b(?:inflammation|inflammatory|immune) (?:messenger|signal|chemical)s? (?:number |no\.? ?|#)?(?:6|six)\b"
    r"|\b(?:blood |body )?(?:number )?six[- ](?:messenger|signal|chemical)s?\b"
)
# the drug the question is about, pointed at: "could the jab have made her skin flare?", "can this shot make ...?"
# (not "his jabs", "the flu jab": vaccines)
_THE_JAB = re.compile(
    # ("can that immune jab make the skin spots come back worse?"; "that arthritis jab": once "arthritis" is read)
    r"\b(?:this|that) (?:immune |new |biologic |monthly )?(?:jab|shot|injection|infusion|drip)\b|\bthe (?:jab|shot)(?= (?:actually |really |itself )?"
    r"(?:have |has |had )?(?:made|make|makes|cause[sd]?|causing|do|does|did|work(?:s|ed)?|help(?:s|ed)?|trigger\w*|"
    r"give[sn]?|gave|giving))"  # "can the jab give you a pus-filled lump ...?"
)
# "the jab that blocks the interleukin six signal", "that shot which switches off the IL-6 messenger": the drug
_BLOCKS_SIX = re.compile(
    r"\b(?:the|this|that|a|an) (?:\w+ )?(?:jab|shot|drug|med|medicine|medication|drip|infusion|injection|biologic) "
    r"(?:that|which) (?:blocks|targets|switches off|turns off|shuts (?:off|down)|inhibits|stops) (?:the )?"
    r"(?:interleukin|il)[- ]?(?:6|six)(?:[- ](?:signal|messenger|receptor|pathway)s?)?\b"
)
# "a pus pocket after / from the jab": the drug the question is about, given (not "after his flu jab")
_AFTER_THE_JAB = re.compile(
    r"\b((?:after|since|following|from) (?:getting |starting |having |receiving )?)(?:the|that|this) (?:jab|shot)\b"
)
_IL6_BLOCKER = re.compile(
    r"\b(?:anti-?)?(?:interleukin|il)(?:[- ]?(?:6|six)r?)?(?:[- ]receptor)?[- ](?:blocking|blockers?|inhibiting|"
    rf"inhibitors?|antagonists?|antibody|antibodies|mabs?|monoclonal(?: antibody)?)\b(?:[- ]{_GIVEN_AS})?"
    rf"|\banti-(?:interleukin|il)[- ]?(?:6|six)(?:[- ]receptor)?\b(?:[- ]{_GIVEN_AS})?"
    # "the IL-six-receptor infusion", "an interleukin 6 receptor drug", "the IL6 jab"
    rf"|\b(?:interleukin|il)[- ]?(?:6|six)(?:[- ]receptor)?[- ](?:{_GIVEN_AS}|jabs?)\b"
    # "an antibody against the interleukin-six receptor", "a biologic targeting IL-6"
    rf"|\b(?:{_GIVEN_AS}|antibodies|biologics?) (?:against|to|targeting|directed (?:at|against)|aimed at) (?:the )?"
    r"(?:interleukin|il)[- ]?(?:6|six)(?:r|[- ]receptors?)?\b"
    # "does blocking that inflammation messenger help ...?", "switching off that one immune signalling protein", "an
    # arthritis drip aimed at that inflammatory messenger"
    r"|\b(?:block(?:ing|ade of)|(?:switch|turn|shut)(?:ing|ting|ed)? (?:off|down)|aimed at|targeting) (?:that |this |the )?"
    r"(?:one )?(?:particular |specific |single )?(?:of (?:the |your |our )?(?:body |body's )?)?"
    r"(?:(?:inflammation|inflammatory|immune|alarm|body)[- ](?:messenger|signal(?:l?ing)?(?:[- ](?:protein|chemical))?|chemical)s?"
    r"|cytokine)(?:'s)?(?: receptor)?\b"
    # "the inflammation-signal-blocking drip", "the drip that blocks one of the inflammation messengers"
    rf"|\b(?:(?:inflammation|inflammatory|immune)[- ])?(?:signal|messenger|chemical)s?[- ]blocking[- ]{_GIVEN_AS}\b"
    # "the arthritis jab which blocks one of the body's alarm messengers", "the shot that blocks that one body-alarm
    # messenger"
    rf"|\b(?:{_GIVEN_AS}|biologic|jabs?|shots?) (?:that|which) (?:blocks?|shuts? (?:down|off)|switch(?:es)? off|turns? off|"
    r"targets?|stops?) "
    r"(?:(?:the )?receptors? (?:for|of) )?(?:one of |that one |the one |that |this |an? |one )?(?:the |your )?"
    r"(?:(?:body(?:'s)?[- ])?(?:number six |'six' |six )?(?:inflammation|inflammatory|immune|swelling|alarm) (?:messengers?|signals?|chemicals?)"
    r"(?: (?:number )?(?:6|six)\b)?(?: proteins?)?(?: receptors?)?|"  # "... immune messenger number six"
    r"(?:interleukin|il)[- ]?(?:6|six)(?: receptors?)?)"
)
# CNO described: "people whose bones get inflamed without any germ", "inflamed bones with no infection"
_CNO_DESCRIBED = re.compile(
    r"\b(?:bones?\b[a-z ,-]{0,25}?\binflamed|inflamed bones?|bone swelling|bone inflamm?ation"
    # "bones get sore and swollen without any germ", "bones keep aching ... the doctors say there's no infection",
    # "bones keep flaring up and they never find a germ"
    r"|bones?\b[a-z ,-]{0,25}?\b(?:sore|swollen|swell|swells|swelling|aching|ache|aches|achy|hurting|painful|"
    r"flaring|flare)\b[a-z ,-]{0,30}?"
    # ("... flaring up and the doctors say it's not an infection")
    r"(?=\b(?:without|with no|free of|not from|is not|it not|its not|not caused by|not due to|w no|there no|theres no|"
    r"never|but no)\b))"
    r"\b[a-z ,-]{0,20}?"
    r"(?:\b(?:without|with no|free of|not from|is not|not caused by|not due to|there no|theres no|w no|not|but no|"
    r"never (?:find|finds|found|found out)|no one (?:finds|found))|\bw/o|\bw/ no)\s+(?:an?\s+|any\s+)?"
    r"(?:germs?|infections?|bacteria|bugs?|microbes?)\b"
    # "my son's germ-free bone swelling"
    r"|\b(?:germ-free|germ free|germless) bone (?:swelling|inflammation|disease|condition|thing|problem|illness)s?\b"
    r"(?: that keeps (?:flaring(?: up)?|coming back))?"
)
# "shin pain since his teens", "going back to his teens": the patient's history, not the population asked about
_SINCE_YOUTH = re.compile(
    r"\b(?:(?:(?:since|from|in|during|(?:going |dating |goes |dates )?back to|as far back as) (?:his|her|their|early|late)"
    r"|since) (?:teens|teenage years|childhood|youth|adolescence)|as a (?:teen|teenager|child|kid)|since (?:he|she) was "
    r"(?:a )?(?:teen|teenager|child|kid|little))\b"
)
# "toci picked bc she wants kids later": family plans, not the population asked about
_FAMILY_PLANS = re.compile(
    r"\b(?:wants?|wanted|wanting|have|having|plans?(?: for| to have)?|planning(?: for| to have)?|trying for|"
    r"future|more|start(?:ing)? a family with|(?:thinking|thought|dreaming) (?:about|of)(?: having)?)\s+"
    r"(?:more\s+|to have\s+)?(?:kids|children|babies|a baby)\b"
)
# "the arthritis drip", "the RA infusion": lay words for tocilizumab (the texts' drug given by drip); "the
# arthritis drug / biologic" is a drug described by its use, not arthritis asked about
_ARTHRITIS_DRIP = re.compile(
    r"\b(?:(?:rheumatoid |juvenile (?:idiopathic )?|psoriatic )?arthritis|ra) (?:drips?|infusions?)\b"
    # "would the IV arthritis med everyone talks about help him?": an arthritis drug given into a vein
    r"|\b(?:the |that |this )?(?:intravenous|iv|infused) (?:rheumatoid )?arthritis (?:drugs?|meds?|medicines?|medications?)\b"
    # "that IV med for joint disease that blocks one of the immune messengers"
    r"|\b(?:the |that |this )?(?:intravenous|iv|infused) (?:drugs?|meds?|medicines?|medications?) for (?:joint disease|"
    r"joints|rheumatoid arthritis|arthritis)(?: that blocks? (?:one of )?(?:the |your )?(?:body'?s? )?(?:immune )?"
    r"(?:messengers?|signals?|cytokines?|chemicals?))?"
    # "that arthritis drug given through a drip"
    r"|\b(?:rheumatoid )?arthritis (?:drugs?|meds?|medicines?|medications?) (?:given |that goes |that is given )?"
    r"(?:through|by|via|as|in) (?:a |an )?(?:drips?|infusions?|iv)\b"
)
# "relapsing and non-relapsing kids": the relapse table's two groups (not "her relapsing bone inflammation")
_RELAPSING_GROUP = re.compile(r"\brelapsing(?= (?:and|or|vs\.?|versus|/) non-?relapsing\b)")
# "which non-TNF biologics were associated with remission?": the other biologics the texts name
_NON_TNF = re.compile(
    r"\bnon-(?:anti-)?tnf(?:[- ]?(?:alpha|α))?(?:[- ](?:inhibitors?|blockers?|biologics?|agents?|drugs?|therapy))?\b"
    r"|\b(?<=biologics )(?:other than|besides|apart from) (?:anti-)?tnf(?:[- ]?(?:alpha|α))?(?: (?:inhibitors?|blockers?|biologics?|agents?|drugs?))?\b"
)
_NON_TNF_NAMES = "secukinumab tocilizumab canakinumab ustekinumab"
_NON_TNF_NAMED = re.compile(rf"\b(?:{_NON_TNF_NAMES.replace(' ', '|')})\b")
_ARTHRITIS_DRUG = re.compile(  # ("slow-acting arthritis drugs" are DMARDs: SYNONYMS)
    r"(?<!slow-acting )\b(?:rheumatoid |juvenile (?:idiopathic )?|psoriatic )?arthritis "
    r"(drugs?|medicines?|medications?|biologics?|injections?|jabs?|shots?)\b"
)
_ARTHRITIS_BLOCKER = re.compile(
    r"\b(?:(?:rheumatoid )?arthritis|ra) tocilizumab\b"
    # "did the RA biologic help the two men?": the one the texts give (not "RA biologics like adalimumab")
    r"|\bthe (?:rheumatoid arthritis|ra|newer arthritis) biologic\b(?! (?:like|such))"
)
# "her white cells crashed", "low white count": the neutropenia the case reports describe
_WHITE_CELLS_LOW = re.compile(
    r"\b(?:white (?:blood )?(?:cells?|cell counts?|counts?)|neutrophils?|wbcs?"
    r"|(?:white )?blood cells (?:that|which) fight (?:off )?(?:germs|infections?)"
    r"|(?:germ|infection)-?(?:fighting|fighter) (?:white |blood )*(?:cells?|counts?)(?: in (?:your|the|my|his|her) blood)?) (?:(?:could|might|may|can|will|would) )?(?:crash(?:es|ed)?|"
    r"(?:drop(?:s|ped)?|falls?|fell|(?:go|goes|went) (?:way )?down)(?: way| really)?(?: down| low)?|"
    r"plummet(?:s|ed)?|plunge[sd]?|tank(?:s|ed)?|(?:go|goes|went|get|gets|got) (?:very |really )?low|"
    r"(?:is|are|was|were) (?:very |really )?low|bottom(?:s|ed)? out)\b"
    r"|\b(?:low|very low|dangerously low) (?:white (?:blood )?(?:cells?|cell counts?|counts?)|neutrophils?)\b"
    # "can Actemra drop white blood cell counts?", "does it lower the neutrophils?"
    r"|\b(?:drop|lower|reduce|decrease|suppress)(?:s|ed|ing)? (?:the |your |my |his |her )?"
    r"(?:white (?:blood )?(?:cells?|cell counts?|counts?)|neutrophils?(?: counts?)?|wbcs?)\b"
    # "can this medicine wipe out the blood cells that fight off germs?"
    r"|\b(?:wipe[sd]?|wiping|knock(?:s|ed|ing)?) (?:out|down) (?:the |your |my |his |her )?(?:white )?blood cells "
    r"(?:that|which) fight (?:off )?(?:germs|infections?)\b"
    # "could this drug crash the germ-fighting cells in someone's blood?"
    r"|\b(?:crash(?:es|ed)?|tank(?:s|ed)?|lower(?:s|ed)?|drop(?:s|ped)?) (?:the |your |my |his |her |someone's )?"
    r"(?:germ|infection)-?(?:fighting|fighter) (?:white |blood )*cells?\b"
    # "can this medicine knock out the germ-fighting cells in your blood?"
    r"|\b(?:knock(?:s|ed|ing)?|wipe[sd]?|wiping) (?:out|down) (?:the |your |my |his |her )?(?:germ|infection)-?"
    r"(?:fighting|fighter) "
    r"(?:white |blood )*cells?\b"
    # "can this shot knock your white blood cell count way down?"
    r"|\b(?:knock|drive|push|bring)(?:s|ed|ing)? (?:the |your |my |his |her )?(?:white (?:blood )?(?:cells?|cell counts?|"
    r"counts?)|neutrophils?|wbcs?|blood counts?) (?:way |right |really )?down\b"
)
# clinicians' shorthand and everyday phrases for the texts' words ("SCJ pain", "VCFs", "pmh", "scans looking
# better"), read as those words (before synonyms are folded, so that they stem like the texts' own words)
_SHORTHAND = {
    **{
        f"{verb} better": "improved"
        for verb in (
            "got",
            "get",
            "gets",
            "getting",
            "looked",
            "looking",
            "look",
            "looks",
            "felt",
            "feel",
            "feels",
            "feeling",
        )
    },
    **dict.fromkeys(
        (
            "blood tests for inflammation",
            "blood test for inflammation",
            "inflammation blood tests",
            "inflammation tests",
            "inflammation markers",
            "inflammation levels",
            "blood markers",
            "lab markers",
        ),
        "inflammatory markers",
    ),
    **{f"gout {form}": "colchicine" for form in ("tablet", "tablets", "pill", "pills", "drug", "medicine")},
    **dict.fromkeys(("stay on", "stays on", "staying on", "keep taking", "remain on"), "continue"),
    **dict.fromkeys(("complain of", "complained of", "complaining of", "complain about"), "symptoms"),
    "anecdotes": "case reports",
    "case stories": "case reports",  # "real trials or just a few case stories?"
    "patient stories": "case reports",
    "one-off stories": "case reports",
    "one-off cases": "case reports",
    "one-off reports": "case reports",
    "anecdotal evidence": "case reports",
    "anecdotal": "case reports",
    "anecdote": "case report",
    "muscle aches": "myalgias",
    "muscle ache": "myalgias",
    "aching muscles": "myalgias",
    "sore muscles": "myalgias",
    **dict.fromkeys(  # "did she catch anything?": an infection
        ("catch anything", "caught anything", "catch something", "caught something", "pick up an infection"),
        "infection",
    ),
    "infxn": "infection",
    "infxns": "infections",
    "infx": "infection",
    "pts": "patients",
    "hx": "history",
    "b4": "before",
    "sx": "symptoms",
    "tx": "treatment",
    "dz": "disease",
    "abx": "antibiotics",
    "f/u": "follow-up",
    "meds": "drugs",
    "wks": "weeks",
    "mos": "months",
    "mths": "months",
    "yrs": "years",
    "scj": "sternoclavicular joint",
    "scjs": "sternoclavicular joints",
    "vcf": "vertebral compression fracture",
    "vcfs": "vertebral compression fractures",
    "mgmt": "management",
    "lvls": "levels",
    "pmh": "past medical history",
    "fhx": "family history",
    "wk": "week",
    "pt": "patient",
    "grp": "group",
    "grps": "groups",
    "gcs": "glucocorticoids",  # "NSAIDs/oral GCs"
    "btwn": "between",
    "betw": "between",
    # "pharmacology question from a PGY-1": a resident asking
    "pgy-1": "resident",
    "pgy-2": "resident",
    "pgy-3": "resident",
    "pgy1": "resident",
    "pgy2": "resident",
    "pgy3": "resident",
}
_SHORTHAND_WORDS = re.compile(r"\b(?:" + "|".join(map(re.escape, _SHORTHAND)) + r")\b")
# "adults with CNO (not SAPHO)": a condition set aside is not one to narrow to
# "(not SAPHO)", "excluding SAPHO and kids", "not counting adults": groups set aside, not narrowed to
_ASIDE_GROUP = (
    r"(?:sapho|cno|crmo|kids?|childhood|children|child|adulthood|adults?|pediatric|paediatric|peds|paeds)"
)
_SET_ASIDE = re.compile(
    r"\b(?:not|non|excluding|except|other than|without|apart from|rather than|not counting|leaving out|ignoring|"
    # "adults, not just kids", "as opposed to children", "instead of the pediatric ones"
    r"not (?:just|only|merely)|as opposed to|instead of|in contrast to|unlike|"
    # "any data in grown-ups, or is it all pediatric?": the group asked about is the other one
    r"or (?:is it |was it |are they |is the data |are the data )?(?:all|only|just|mostly|purely))"
    rf"[ -]+(?:the\s+|as an?\s+|in\s+)?(?:childhood\s+|adult\s+|adult-onset\s+)?{_ASIDE_GROUP}"
    rf"(?:\s*(?:and|or|/|,)\s*(?:the\s+)?{_ASIDE_GROUP})*\b"
    # "any evidence in children? everything i find is about adults": what the asker found, not what is asked
    rf"|\b(?:everything|all|most of what|all of what|whatever) (?:i|we) (?:can )?(?:find|found|see|read)\w* "
    rf"(?:is|was|are|were) (?:about|in|on|for) (?:the\s+)?{_ASIDE_GROUP}\b"
    # "i thought this was a kids only disease - are there other adults?": a label, not the group asked about
    rf"|\b{_ASIDE_GROUP}[ -]only (?:disease|condition|illness|thing|problem)\b"
)

# palmoplantar pustulosis described: "pus spots / blisters / pustules on (her) palms and soles"
# "little pus-filled spots on the skin", "pimply pus spots": pustules (not a "pus-looking lump": an abscess)
_PUS_SPOTS = re.compile(
    r"\b(?:pus[- ]filled|pimply pus|pus|pussy)[- ](?:skin )?(?:spots|bumps|pimples|blisters)\b"
    r"|\b(?:pimple|zit)[- ]?like (?:skin )?(?:bumps|spots|blisters|lesions|rash(?:es)?)\b"  # "pimple-like skin bumps"
    r"|\bblister(?:y|ing)? (?:spots|bumps|pimples|rash(?:es)?)\b"  # "brand new blistery spots"
)
# "some people get the real medicine and others don't": a placebo-controlled trial
# ("half get the real medicine and half get a dummy pill")
_PLACEBO_DESCRIBED = re.compile(
    r"\b(?:some|half) (?:\w+ )?get the real (?:medicine|drug|thing|treatment) and (?:the )?(?:others|(?:the other )?half) "
    r"(?:don'?t|do not|get\b)"
    # "a proper study where some kids get the medicine and some dont, picked at random like a coin toss?"
    r"|\b(?:some|half) (?:\w+ )?get (?:the |a )?(?:real )?(?:medicine|drug|treatment|med) and (?:some|others|(?:the other )?half) "
    r"(?:don'?t|do not)\b"
    r"|\b(?:picked|chosen|assigned|split|put|allocated|divided) (?:\w+ )?(?:at random|randomly)\b"
)
# "one of my daughter's legs to end up a bit shorter than the other": Kaut 2022's leg length discrepancy
# "one limb longer than the other", "one of my son's legs grew shorter than the other", "legs of different lengths"
_LEG_SHORTER = re.compile(
    r"\bone (?:of (?:my|your|our|his|her|their|the) (?:\w+(?:'s)? )?)?(?:legs?|limbs?) (?:to |could |might |will |would )?"
    r"(?:end up |ended up |be |being |grow |grew |growing |became |become |is |was |got |get |getting )?"
    r"(?:a bit |slightly |a little |much )?(?:shorter|longer) than the other\b"
    r"|\b(?:legs?|limbs?) (?:of |with |being |are |were |ending up |end up )?(?:different|uneven|unequal) (?:lengths?|sizes?)\b"
    # "will my son's legs end up uneven?"
    r"|\b(?:legs?|limbs?) (?:to |could |might |will |would )?(?:end up|ended up|ending up|turn out|grow|become|be) "
    r"(?:a bit |slightly )?(?:uneven|unequal)\b"
)
_PALMS_SOLES = re.compile(
    r"\b(?:(?:blistery|blistering|pustular|itchy|painful|red) )?"
    r"(?:pus(?:[- ]filled)? (?:spots|bumps|blisters|pimples|zits)|spots|blisters|pustules|bumps|rash|zits|pimples)\s+(?:on|of)\s+"
    r"(?:the\s+|her\s+|his\s+|my\s+)?"
    r"(?:palms?\s*(?:and|n|/|&|\+)\s*(?:the\s+|her\s+|his\s+)?soles?|hands?\s*(?:and|n|/|&|\+)\s*(?:the\s+|her\s+|"
    r"his\s+)?feet)\b"
    # "my palm and sole blisters flared"
    r"|\b(?:palms?|hands?) (?:and|n|&) (?:soles?|feet) (?:blisters|pustules|spots|bumps|rash)\b"
)

# psoriasis described: "a scaly, bumpy skin rash", "scaly red patches", "scaly plaques"
_SCALY = re.compile(
    r"\bscaly\b(?:[ ,]+(?:red|bumpy|itchy|pus-studded|raised|skin|silvery|flaky|crusty|dry|and))*[ ,]+"
    r"(?:rash(?:es)?|patch(?:es)?|plaques?|skin|lesions?)\b"
    # "my kid's skin went red, scaly and spotty"
    r"|\bskin (?:went|turned|got|became|is|was) (?:\w+,? ){0,2}(?:and )?scaly\b"
)
# vertebral compression fractures described: "squashed back bones", "collapsed vertebrae"
_SPINE = (
    r"(?:(?:the )?(?:little |small |tiny )?bones? (?:in|of) (?:the|his|her|their|your|my|my [\w']+|our [\w']+) (?:backs?|spines?)"
    r"|back ?bones?|backbones?|vertebrae|vertebra|spine bones?|spinal bones?|bones? in the spine)"
)
_COLLAPSE = (
    r"(?:collaps\w*|cav(?:e|es|ed|ing) in|crumbl\w*|squash\w*|squish\w*|crush\w*|compress\w*|flatten\w*|"
    r"broken|fractur\w*)"
)
_SQUASHED = re.compile(
    # "squashed back bones", "a collapsed bone in the spine"
    rf"\b(?:squashed|squished|crushed|collapsed|compressed|flattened|broken|fractured)"
    r"(?:\s+(?:or|and|/)\s+(?:squashed|squished|crushed|collapsed|compressed|flattened|broken|fractured))?"
    rf"\s+(?:an? )?{_SPINE}\b"
    # "the bones in the back can collapse", "my son's back bones - can they actually collapse", "backbone squashing"
    rf"|\b{_SPINE}\b[a-z ,'-]{{0,30}}?\b{_COLLAPSE}\b"
    # "can this illness actually squash the bones in my child's back?"
    rf"|\b{_COLLAPSE}\s+{_SPINE}\b"
)
# "has the drip ever put a child's bone inflammation to sleep?": into remission
_TO_SLEEP = re.compile(r"\bput ((?:\S+ ){1,6})to sleep\b")
_DRUG_TREATED = re.compile(r"\b(toci|tcz|actemra|tocilizumab|il-6 blocker)-(treated|naive|exposed)\b")

_ORDINAL_CASE = re.compile(
    r"\b(first|1st|second|2nd|third|3rd)\s+(case|patient|woman|man|girl|boy|presentation)\b"
)
_AGE_SEX = re.compile(r"\b(\d{1,3}) ?([mf])\b")  # clinicians' shorthand: "48M", "53 F"
_AGE_STUCK = re.compile(r"\b(\d{1,3})(yo|y/o|yr|yrs)\b")  # "5yo" -> "5 yo"
_YR_OLD = re.compile(r"\b(\d{1,3}) ?(?:yr|yrs)[ -]old\b")  # "that 5 yr old" -> "that 5 year old"
# "case1", "pt2", "sun2018": a label or an author typed against its number ("case 1", "sun 2018")
_NUMBER_STUCK = re.compile(r"\b(case|pt|patient|woman|man|[a-z]{3,}(?=(?:19|20)\d\d\b))(\d{1,4})\b")
_ORDINALS = {"first": "1", "1st": "1", "second": "2", "2nd": "2", "third": "3", "3rd": "3"}


_UNITS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_TEENS = (
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
)
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
# numbers written as words from ten up (dictated or spelled out); below ten the texts write words too ("two women")
_NUMBER_WORDS = re.compile(
    rf"\b(?:({'|'.join(_TENS)})(?:[- ]({'|'.join(_UNITS)}))?|({'|'.join(_TEENS)}))\b(?![- ]?(?:ties|th)\b)"
)


# a small count of time or doses in digits, as the texts spell it: "~8 mo of TCZ" -> "eight months" ("Over eight
# months, MRI findings improved")
_SMALL_SPAN = re.compile(r"(?<![\d.,])([1-9])[ -]?(mo|months?|weeks?|days?|doses?|infusions?)\b")


# SAPHO set against CNO on the drug without a "vs" ("did toci in SAPHO match adult-onset CNO?") asks whether the
# results agree: the review's "did not corroborate these findings" answers ("A vs B" is asked of each side in turn)
_COMPARING = re.compile(
    # "good results there too, like in CNO?", "as well as in CNO?": one set beside the other
    r"\b(?:match\w*|compar\w*|similar\w*|differ\w*|same|agree\w*|disagree\w*|extrapolat\w*|generali[sz]\w*|"
    r"like (?:in|with|for)|as (?:well|good) as|"
    # "how do the adult-onset CRMO results stack up against SAPHO?", "worked in CRMO but not in SAPHO?"
    r"stack(?:s|ed)? up|but not|but (?:flop\w*|fail\w*|did ?n[o']?t|bomb\w*)|whereas|as well(?= in\b)|reconcil\w*|hold(?:s)? up|opposite|contradict\w*|as much|"
    # "do the positive TCZ results in CNO carry over to SAPHO?"
    r"carr(?:y|ies|ied) over|"
    # "did toci work better in the adult-onset CRMO cases than in the SAPHO patients?"
    r"(?:work\w*|do|did|does|fare\w*) (?:any )?(?:better|worse) (?:in|for)\b[^?]{1,60}\b(?:than|or) (?:in|for))\b"
)
_DIFFER = re.compile(
    r"\b(?:differ\w*|same|agree\w*|disagree\w*|reconcil\w*|hold(?:s)? up|(?:in)?consistent|match\w*|stack(?:s|ed)? up|"
    # "adult CRMO vs SAPHO - did tocilizumab work as well in both?"
    r"opposite|contradict\w*|as much|as (?:well|good) (?:in|for) both)\b"
)
_CONSISTENT_ASKED = re.compile(r"\b(?:consistent|consistency)\b")
_ON_DRUG = re.compile(
    # ("why did it work for the CRMO men but not the SAPHO women?")
    r"\b(?:tocilizumab|results?|respon\w*|outcomes?|experience|data|work(?:s|ed)?|help(?:s|ed)?)\b"
)  # not "SAPHO vs CNO?"
_BOTH_CONDITIONS = re.compile(r"\bsapho\b.*\bcno\b|\bcno\b.*\bsapho\b")
# "could the shot make my skin and joints flare up?", "flared up after I started the infusion": a drug's harm,
# worsening (as the case reports word it), not the disease coming back by itself (relapse)
_MADE_FLARE = re.compile(
    r"\b((?:make|made|makes|making|cause|caused|causes|causing|trigger|triggered|triggers|triggering|provoke|"
    r"provoked|provokes|provoking) (?:\S+ ){0,10}?)(?:flare|flares|flared|flaring)(?:[- ]ups?)?(?![\w-])"
    # ("what makes flare-ups more likely / come back?": relapse)
    r"(?!(?:[- ]ups?)? (?:(?:keep |kept )?(?:come|comes|coming|came) back|recur|return|(?:more |less )?likely|again|happen))"
    r"|\b(?:flare|flares|flared|flaring)(?:[- ]ups?)?(?= (?:more|worse)\b(?! likely| often| common)| (?:right )?(?:after|since|once|when) "
    r"(?:i|he|she|they|we|you|starting|started|getting|taking|beginning)\b"
    # "did those flare up on the shot?": worse on the drug, not a relapse
    r"| on (?:it|tcz|toci|tocilizumab|actemra|the (?:shot|jab|drip|infusion|injection|med|medicine|drug))\b)"
    # "any reports of CRMO itself flaring in a child on actemra?": the disease worse on the drug
    r"|\b(?:flare|flares|flared|flaring)(?:[- ]ups?)?(?=(?: (?:in|for) (?:a|an|the|any|one) \w+)? (?:on|while on|under) "
    r"(?:actemra|tocilizumab|toci|tcz|the drug|this drug|that drug)\b)"
)
# "CRP/ESR normal on toci - can I trust the labs / could it still be flaring?": normal markers that hid a flare, as
# in Sun 2018's second case ("while inflammatory markers remained normal")
_LABS = (
    r"(?:labs?|bloods?|blood ?(?:tests?|work|results)|(?:inflammatory |inflammation )?markers?|crp|esr|"
    r"inflammation (?:tests?|numbers|levels))"
)
_LABS_FINE = (
    r"(?:normal\w*|fine|ok|okay|good|great|perfect|clean|reassuring|settled?|(?:come|came|are|were|is|went) down|"
    r"(?:get|gets|got|getting) better|improv\w*)"
)
_MASKED_MARKERS = re.compile(
    # "CRP/ESR look fine - can I rely on them?", "normal labs but the pt was getting worse"
    rf"\b(?:{_LABS}\b[^?]{{0,40}}?\b{_LABS_FINE}|{_LABS_FINE} (?:\w+ )?{_LABS})\b[^?]{{0,80}}?"
    r"\b(?:still|under control|mislead\w*|rely|trust\w*|"
    r"assume|fool\w*|mask\w*|hid(?:e|es|den|ing)?|flar\w*|active|deceiv\w*|miss\w*|false(?:ly)? reassur\w*|"
    r"(?:actually |really )?(?:calm|quiet|controlled)|"
    r"sicker|(?:getting|get|gets|got) worse|deteriorat\w*|"
    # "if ESR/CRP come down does that mean it's better?" (not "did the labs improve even when the course didn't?":
    # markers that fell)
    r"(?:does|do|did|would) (?:that|this|it|they) (?:really |actually )?mean)\b"
    # "can we rely on CRP/ESR to monitor for a flare on tocilizumab?", "can CRP/ESR be trusted on TCZ?"
    rf"|\b(?:rely|relied|depend) on (?:the )?{_LABS}\b|\b{_LABS} (?:be |are |is )?(?:trusted|relied on|reliable)\b"
    # "my bloodwork looks perfect since starting it but I feel worse" (not "did the numbers come down though they felt
    # worse?": markers that fell)
    rf"|\b{_LABS}\b[^?]{{0,40}}?\b(?:normal\w*|fine|ok|okay|good|great|perfect|clean)\b[^?]{{0,80}}?"
    r"\b(?:feel|feels|felt|feeling) (?:\w+ )?(?:worse|awful|terrible|rough)\b"
    rf"|\b(?:flar\w*|worsen\w*|progress\w*|active)\b[^?]{{0,60}}?\b(?:despite|with|while|even though|though|but)\b"
    rf"[^?]{{0,20}}?\b{_LABS}\b[^?]{{0,20}}?\b{_LABS_FINE}\b"
    # "did the inflammatory labs move in the same direction as the symptoms?"
    rf"|\b{_LABS}\b[^?]{{0,30}}?\b(?:same direction|match\w*|track\w*|mirror\w*|parallel\w*|line up|keep pace)\b"
    # "did CRP/ESR pick up the flare?"
    rf"|\b{_LABS}\b[^?]{{0,20}}?\b(?:pick\w* up|catch|caught|detect\w*|show\w*|reflect\w*) (?:the |her |his |a )?(?:flare|relapse|worsening)"
    # "getting worse on tocilizumab, will the CRP/ESR pick it up or can labs look fine?"
    rf"|\b{_LABS}\b[^?]{{0,20}}?\bpick\w* (?:it|that|this) up\b"
    # "can we trust ESR/CRP to monitor SAPHO pts on TCZ? any masking?"
    # "can we rely on CRP/ESR to pick up a flare?", "... on ESR/CRP normalising on TCZ to tell that it's controlled?"
    rf"|\b(?:trust|rely on|count on|depend on)\b[^?]{{0,15}}?\b{_LABS}\b[^?]{{0,40}}?\b(?:to|for) "
    r"(?:monitor|follow|track|judg|tell|detect|catch|spot|flag|pick\w* up|show|prove|confirm|gaug|measur)\w*"
)
# "how long do families wait between the aches starting and somebody putting a name to it?": Kaut 2022's "Mean
# diagnostic delay"
_DIAGNOSIS_WAIT = re.compile(
    # "my diagnosis took nearly 2 yrs"
    r"\b(?:diagnos[a-z]*|dx) took\b|"
    r"\b(?:how long|how many (?:months|years|weeks))\b[^?]{0,40}?\b(?:wait\w*|take|takes|took|taking|between)\b"
    r"[^?]{0,60}?\b(?:diagnos\w*|figur\w* (?:it )?out|work\w* (?:it )?out|"
    r"put\w* a name|giv\w* it a name|nam(?:e|ed|ing) (?:it|what)|find\w* out what|(?:tell|told|telling) (?:them|us|you|the \w+) what|"
    r"told (?:it'?s?|it is|they have|he has|she has)|told what (?:it|this|that) (?:was|is)|get\w* a name|got a name)\b"
)
# "what's the first thing they try for CNO in kids?", "... as the first thing tried": a first-line treatment
_TRIED_FIRST = re.compile(r"\b(tried|try|treated|given|used|started|use|give|start)\s+first\b(?![-\w])")
_FIRST_THING = re.compile(
    r"\bfirst (?:thing|drug|medicine|med|treatment|choice)s? (?=(?:\w+ ){0,2}(?:get|gets|got|given|tried|try|tries|use|uses|"
    r"used|reach for|start(?:ed)? on|put on)\b)"
)
# children set against adults on the drug ("how many kids vs adults got TCZ?", "mostly adults or children?"): the
# review's tally of the published patients answers ("three published reports: two adults ... one pediatric")
TALLY_WORDS = "three published reports"  # appended to such a question by `fold`
# "long term complications in the belgian kids?": the results rows that are the sequelae (not "what were the
# secondary outcome measures?", which the outcome-measures line answers with its own "long-term sequelae")
SEQUELAE_WORDS = "vertebral compression fracture leg length discrepancy psychiatric support"
_SEQUELAE_ASKED = re.compile(
    r"\bsequelae\b|\b(?:long[- ]?term|longer[- ]term|lasting|permanent)\s+(?:complications?|problems?|issues?|"
    r"damage|effects?|consequences?|after-?effects?|harms?)\b|\bafter-?effects\b"
)
_OUTCOME_MEASURES = re.compile(
    r"\b(?:outcome measures?|(?:secondary|primary) (?:outcomes?|endpoints?)|endpoints?)\b|\b(?:secondary|primary):"
)
_BOTH_POPULATIONS = re.compile(r"\bpediatric\b.*\badult\b|\badult\b.*\bpediatric\b")
_MOSTLY_WHO = re.compile(
    r"\b(?:mostly|mainly|predominantly) (?:from |in |on )?(?:the )?(?:adults?|grown-?ups|children|kids|pediatric|"
    r"paediatric)\b"
)
# "how many published reports are there of actemra being used in CNO?": the review's count of them
# (not "how many reports, and what's their verdict / is the evidence any good?": the review's conclusion answers that)
_REPORTS_COUNTED = re.compile(
    r"\bhow many (?:published )?(?:case )?(?:reports|publications|published cases)\b"
)
_VERDICT_ASKED = re.compile(r"\b(?:verdict|bottom line|conclu\w*|any good|how strong|overall|strength)\b")
_TALLIED = re.compile(
    r"\b(?:how many|how much|mostly|mainly|predominantly|or (?:is it )?(?:all|only)|which (?:(?:of )?(?:the |these |those )?(?:\w+ )?(?:reports?|studies|cases|patients|pts|papers?|publications?) )?"
    r"(?:were|was|ones?|are))\b"
    # "is the TCZ experience only in adults, or are there kids too?", "which of the data comes from kids rather than
    # adults?"
    r"|\bonly (?:in )?(?:adult|pediatric)s?\b|\b(?:comes?|came) from (?:\w+ ){0,2}(?:adult|pediatric)"
    # "is most of the actemra info from grown ups or children?"
    r"|\bmost of (?:the |this |that )?(?:\w+ ){0,2}(?:from|in|on|about) (?:adult|pediatric)"
    # "is there more toci data for children or adults?", "adults vs kids - how much toci data is there for each?"
    r"|\b(?:more|how much) (?:\w+ ){0,2}(?:data|evidence|info\w*|experience)\b(?! than)"
)
# "peds vs adults: what TCZ data exist specifically for children?" (not "specifically in adults, as opposed to
# children?": the adults' data)
_SPECIFICALLY = re.compile(
    r"\b(?:specifically|solely|just) (?:for|in|from) (?:\w+ )?(?:adult|pediatric)"
)  # ("of the TCZ reports, which were in adults and which in children?")
# "A vs B": a comparison asked of each side in turn
VERSUS = re.compile(r"\s(?:vs\.?|versus)\s", re.I)


def _spelled_span(match: re.Match[str]) -> str:
    count, unit = match.groups()
    return f"{_UNITS[int(count) - 1]} {'months' if unit == 'mo' else unit}"


def _as_digits(match: re.Match[str]) -> str:
    tens, unit, teen = match.groups()
    if teen:
        return str(10 + _TEENS.index(teen))
    return str(10 * (2 + _TENS.index(tens)) + (1 + _UNITS.index(unit) if unit else 0))


@lru_cache(maxsize=8192)  # the same question and its parts are folded several times per answer
def fold(text: str) -> str:
    """Normalized text with every synonym replaced by its canonical token (multi-word ones joined by '_').

    "the second woman" also reads as "case 2 woman", as case series label their patients; "48M" as "48-year-old
    male" and "5yo" as "5 yo".
    """
    text = _MESSENGER_SIX.sub(
        "interleukin-6", _DRUGS_TARGET.sub("interleukin-6", _BLOCKS_SIX.sub("tocilizumab", normalize(text)))
    )  # "inflammation messenger number six"
    text = _AFTER_THE_JAB.sub(r"\1tocilizumab", text)
    text = _IL6_BLOCKER.sub("tocilizumab", _SAPHO_DESCRIBED.sub("sapho", _THE_JAB.sub("tocilizumab", text)))
    text = _CNO_DESCRIBED.sub("cno", text)
    text = _ARTHRITIS_BLOCKER.sub(
        "tocilizumab", _ARTHRITIS_DRIP.sub("tocilizumab", text)
    )  # "the RA biologic"
    text = _ARTHRITIS_DRUG.sub(r"\1", text)
    text = _RELAPSING_GROUP.sub("relapse", text)
    if not _NON_TNF_NAMED.search(text):  # (unless it names them: "non-TNF biologics - secukinumab, ...?")
        text = _NON_TNF.sub(f"{_NON_TNF_NAMES} biologics", text)
    text = _ARTHRITIS_BLOCKER.sub("tocilizumab", text)  # "the rheumatoid arthritis drip that blocks IL-6"
    text = _THE_JAB.sub("tocilizumab", text)  # "did that arthritis jab help grown men ...?"
    text = _PUS_SPOTS.sub("pustules", _PALMS_SOLES.sub("palmoplantar pustulosis", text))
    text = _OTC_STYLE.sub("over-the-counter", text)  # "over-the-counter style painkillers"
    text = _BACK_UP.sub(r"\1", text)
    text = _SHOULD_IT_BE_USED.sub(lambda m: f"recommend {next(g for g in m.groups() if g)}", text)
    text = _LEG_SHORTER.sub("discrepancy", _PLACEBO_DESCRIBED.sub("rct", text))
    text = _DRUG_TREATED.sub(r"\1 \2", text)  # "toci-treated patients": treated with toci
    text = _TO_SLEEP.sub(r"put \1into remission", text)
    text = _SQUASHED.sub("vertebral compression fracture", _SCALY.sub("psoriasis", text))
    text = _WHITE_CELLS_LOW.sub("neutropenia", _SHORTHAND_WORDS.sub(lambda m: _SHORTHAND[m.group()], text))
    text = _ORDINAL_CASE.sub(lambda m: f"case {_ORDINALS[m.group(1)]} {m.group(2)}", text)
    text = _AGE_SEX.sub(lambda m: f"{m.group(1)}-year-old {'male' if m.group(2) == 'm' else 'female'}", text)
    text = _AGE_STUCK.sub(r"\1 yo", _NUMBER_STUCK.sub(r"\1 \2", _YR_OLD.sub(r"\1 year old", text)))
    text = _SMALL_SPAN.sub(_spelled_span, text)
    text = _NUMBER_WORDS.sub(
        _as_digits, text
    )  # "thirty kids", "seventy eight year old": as the texts write them
    text = _MADE_FLARE.sub(lambda m: f"{m.group(1) or ''}worsen", text)
    if _MASKED_MARKERS.search(text):
        text += " inflammatory markers remained normal"
    if _DIAGNOSIS_WAIT.search(text):
        text += " diagnostic delay"
    text = _FIRST_THING.sub("first-line ", text)  # "is TCZ ever the first thing kids get?"
    text = _TRIED_FIRST.sub(r"\1 first-line", text)  # "what's usually tried first for a child with CNO?"
    # "were the results consistent between these groups?" (as written: the texts' own "inconsistent outcomes" is no
    # comparison asked, and "consistent between" folds to "inconsistent")
    consistent_asked = bool(_CONSISTENT_ASKED.search(text))
    # "mostly from adults or children?", before "mostly" folds to the report's own "primarily" (not "mostly based
    # on": the kind of studies)
    tallied = bool(_MOSTLY_WHO.search(text))
    if asks_sequelae(text):
        text += f" {SEQUELAE_WORDS}"  # the sequelae are table rows that never say "sequelae"
    if _MANY_BONES.search(text) and _RELAPSE_RISK.search(
        text
    ):  # (not "inflammation in several bones": CNO itself)
        text += f" {MANY_BONES_WORDS}"
    for _ in range(2):  # twice, for names built of names: "IL6 inhibition" -> "il-6 blockade" -> tocilizumab
        text = _PHRASES.sub(_folded_phrase, text)
    text = _CLASS_AND_EXAMPLE.sub("nsaid", text)  # "over-the-counter painkillers like ibuprofen": one class
    if _HOW_LONG_TO_REMISSION.search(text):  # "how long before a kid finally calms down for good?"
        text += " time to remission"
    if (
        (_COMPARING.search(text) or consistent_asked)
        and _ON_DRUG.search(text)
        and _BOTH_CONDITIONS.search(text)
        # "A vs B" asks each side's results; only "do they differ / agree / match" asks what compares them
        and (not VERSUS.search(text) or _DIFFER.search(text))
    ):
        text += " corroborate"
    if "tocilizumab" in text and (
        (
            _BOTH_POPULATIONS.search(text)
            and (tallied or _TALLIED.search(text) or (VERSUS.search(text) and _SPECIFICALLY.search(text)))
        )
        or (_REPORTS_COUNTED.search(text) and not _VERDICT_ASKED.search(text))
    ):
        text += f" {TALLY_WORDS}"
    return text


@lru_cache(maxsize=65536)
def stem(token: str) -> str:
    """Stem plain words; keep clinical tokens (with digits, hyphens, slashes or Greek letters) whole."""
    if not token.isalpha() or not token.isascii() or token in _CANON or "_" in token:
        return token
    return _SAME_STEM.get(token) or _STEMMER.stemWord(token)


# Forms the stemmer leaves apart that mean the same: "made it worse" is what "worsening" reports
# "still progressing on it"; "pustules" / "pustular rashes"
_SAME_STEM = {
    "worse": "worsen",
    "progressing": "worsen",
    "progressed": "worsen",
    "pustular": "pustul",
    "rashy": "rash",
    "backfired": "worsen",  # "after toci backfired"
    "backfire": "worsen",
    "sicker": "worsen",  # "has any child gotten sicker on it?"
}


_WORD = re.compile(rf"[a-z-]+_[a-z_-]+|{_TOKEN.pattern}")


# "my son", "her boy's", "our granddaughter": a family member asked about by a parent or relative
_OWN_CHILD_AGED = (
    r"\b(my|our) (?:little )?\d{1,2} ?(?:yo|y/o|yr|yrs|year|years)(?:[- ]old)?"  # "my 9yo's rheumatologist"
)
_FAMILY = re.compile(
    r"\b(?:my|our|her|his|their) (?:little )?(?:son|daughter|kid|child|boy|girl|teen|teenager|grandson|granddaughter|"
    rf"grandchild|grandkid)\b|{_OWN_CHILD_AGED}\b"
)
_FAMILY_AGE = re.compile(rf"{_OWN_CHILD_AGED}(?:'s)?(?!\w)", re.I)
_LAY_DRUG = re.compile(r"\b(?:drip|jab|shot)\b")  # "does the Actemra drip do anything for a kid's ...?"


# "does having lots and lots of sore bones mean a child is more likely to have it come back?": Cam 2025's number of
# involved bones and its "extensive skeletal involvement" (the texts never say "lots of bones")
MANY_BONES_WORDS = "extensive skeletal involvement total number of involved bones"
_MANY_BONES = re.compile(
    r"\b(?:lots(?: and lots)? of|a lot of|so many|many|more|multiple|several|numerous|a bunch of|loads of)\s+"
    r"(?:different |sore |affected |inflamed |painful |bone )?(?:bones|spots|lesions|sites|places)\b"
)  # (not the texts' own "number of involved bones": folded alike on both sides, the row would match itself twice)

_RELAPSE_RISK = re.compile(
    r"\b(?:more likely|less likely|likely to|predict\w*|risk\w*|relaps\w*|come back|coming back|flare (?:up )?again|"
    r"flare back|recurs|recurred|recurrence)\b"
)


def asks_sequelae(text: str) -> bool:
    """Whether a question asks what lasting harm patients were left with (not what a study set out to measure)."""
    folded = normalize(text)
    return bool(_SEQUELAE_ASKED.search(folded)) and not _OUTCOME_MEASURES.search(folded)


def tallies_populations(text: str) -> bool:
    """Whether a question asks how the drug's published patients split between children and adults."""
    return f" {TALLY_WORDS}" in fold(text)


def disease_named(text: str) -> str:
    """The question with a lay description of CNO or SAPHO replaced by its name ("bones keep flaring up, no germ")."""
    return _SAPHO_DESCRIBED.sub("sapho", _CNO_DESCRIBED.sub("cno", normalize(text)))


def lay_question(text: str) -> bool:
    """A parent's or patient's question in everyday words ("my son's bones ... no germ"), not a clinician's."""
    text = normalize(text)
    return bool(_FAMILY.search(text) or _CNO_DESCRIBED.search(text) or _LAY_DRUG.search(text))


def markers_masked(text: str) -> bool:
    """Whether a question asks if normal lab markers can hide active disease ("bloods look perfect but I feel worse")."""
    return bool(_MASKED_MARKERS.search(normalize(text)))


def lay_finding(text: str) -> bool:
    """Whether a question names in everyday words a finding the texts report ("one of my legs is shorter than the
    other", "how long before anyone figured out what it was"): about the corpus, however few of its words it uses."""
    text = normalize(text)
    return bool(_LEG_SHORTER.search(text) or _DIAGNOSIS_WAIT.search(text))


# "did the labs move in the same direction as the symptoms?", "did inflammatory labs improve even when the clinical
# course didn't?": the markers set against how the patient did
_LABS_VS_COURSE = re.compile(
    rf"\b{_LABS}\b.*\b(?:clinical\w*|symptoms?|sicker|worse|worsen\w*|went wrong|went south|course|diverg\w*|same direction|"
    r"felt|feel|deteriorat\w*|vs\.?|versus|compared?)\b"
    rf"|\b(?:clinical\w*|symptoms?|sicker|worse|worsen\w*|course|felt|feel)\b.*\b{_LABS}\b"
)


def labs_against_course(text: str) -> bool:
    """Whether a question sets the inflammatory markers against how the patients did on the drug."""
    return bool(_LABS_VS_COURSE.search(normalize(text)))


def family_age_named(text: str) -> str:
    """The text with a relative named by age ("my 9yo's rheumatologist") as "my child": no corpus patient's age."""
    return _FAMILY_AGE.sub(r"\1 child", text)


def family_question(text: str) -> bool:
    """A relative asking about a family member ("my son", "her boy's"): not a corpus patient described."""
    return bool(_FAMILY.search(normalize(text)))


def without_asides(text: str) -> str:
    """The normalized text without the groups it sets aside ("JIA, not CRMO", "adults, not just kids")."""
    return _SET_ASIDE.sub(" ", normalize(text))


def filter_words(text: str) -> set[str]:
    """The folded words of a text that name a population or condition to narrow to (not history, not asides)."""
    text = _FAMILY_PLANS.sub(" ", _SINCE_YOUTH.sub(" ", without_asides(text)))
    if _HARMS.search(text) and not _CNO_MARKS.search(text):
        text = _BONE_DESCRIBED.sub(" ", text)
    found = set(words(text))
    return found | {
        part for w in found if "/" in w for part in w.split("/")
    }  # "CRMO/CNO vs SAPHO": both named


def words(text: str) -> list[str]:
    """Folded tokens before stemming and stop-word removal (for vocabulary checks)."""
    return list(_words(text))


@lru_cache(maxsize=8192)  # a question is read by scope, cues, retrieval and the composer: split it once
def _words(text: str) -> tuple[str, ...]:
    return tuple(t for t in (m.group().rstrip(".,") for m in _WORD.finditer(fold(text))) if t)


_COUNT_WORD = re.compile(r"^(\d+|two|three|four|five|six)-([a-z]{3,}(?:-[a-z]+)*)$")


def tokenize(text: str) -> list[str]:
    """Index/query tokens: folded synonyms, stop words removed, plain words stemmed.

    "48-year-old" or "30-kid" also yield their parts ("48", "year", "old"; "30", "pediatric"), so a number and
    a noun written together match them written apart.
    """
    return list(_tokens(text))


@lru_cache(maxsize=8192)
def _tokens(text: str) -> tuple[str, ...]:
    out = []
    for token in _words(text):
        if token in STOPWORDS or (len(token) < 2 and not token.isdigit()):
            continue
        out.append(stem(token))
        if "/" in token:  # "CRMO/CNO", "toci/TCZ": each name too ("mg/kg", "3/30" stay whole only)
            parts = token.split("/")
            if all((p.isalpha() and len(p) > 2) or p in _CANON for p in parts):
                out.extend(dict.fromkeys(stem(p) for p in parts if p not in STOPWORDS))
        match = _COUNT_WORD.match(token)
        if match:
            out.append(match.group(1))
            rest = match.group(2)
            parts = [rest] if rest in _CANON else words(rest.replace("-", " "))
            out.extend(stem(w) for w in parts if w not in STOPWORDS)
    return tuple(out)


def with_pairs(tokens: list[str]) -> list[str]:
    """Tokens plus each adjacent pair ("prospective__data"), so a phrase outranks its words found apart."""
    return [*tokens, *(f"{a}__{b}" for a, b in pairwise(tokens))]


# A drug the texts name also counts as its class, so "anti-TNF" finds "switched to adalimumab" (index side).
CLASS_OF: dict[str, str] = {
    **dict.fromkeys(("etanercept", "adalimumab", "infliximab", "golimumab"), "anti-tnf"),
    **dict.fromkeys(("pamidronate", "zoledronic"), "bisphosphonate"),
    "naproxen": "nsaid",
    **dict.fromkeys(("methotrexate", "salazosulfapyridine"), "dmard"),
    "prednisolone": "corticosteroid",
}


def with_classes(tokens: list[str]) -> list[str]:
    """Tokens plus the class of every drug among them that the tokens do not already name."""
    present = set(tokens)
    extra = dict.fromkeys(CLASS_OF[t] for t in tokens if t in CLASS_OF and CLASS_OF[t] not in present)
    return [*tokens, *extra]
