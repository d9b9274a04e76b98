"""Abstention: decide from the question's own content words whether the corpus covers it at all.

Similarity cannot separate off-topic from on-topic questions on this corpus, so the decision is lexical: a
salient word (a drug, disease or topic) the corpus never uses, a question with no clinical anchor in the corpus,
or a treatment question about an indication the corpus only mentions in passing, is "not covered".
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass, field
from difflib import get_close_matches
from functools import lru_cache
from itertools import islice, takewhile

from wordfreq import top_n_list, zipf_frequency

from .lexicon import STOPWORDS, SYNONYMS, lay_finding, markers_masked, normalize, stem, without_asides, words

_VARIANTS = tuple(v for variants in SYNONYMS.values() for v in variants if v.isalpha())
_NAMES = frozenset(_VARIANTS) | frozenset(SYNONYMS)

# Everyday question words that carry no topic (kept out of the "unknown word" check).
GENERIC = frozenset(
    """
    evidence data info information study studies paper papers report reports article trial trials
    literature use used using work works worked working help helps helped effective efficacy effect
    effects benefit outcome outcomes result results response responses respond responded patient patients
    people person case cases anyone someone anybody ever happen happened happens get got give given seen
    see reported report say says said mention mentioned mentions find found show showed shown look looked
    like kind sort type overall main key summary summarize summarise explain describe detail details list
    briefly quick quickly exactly actually really please thanks thank question answer yes no ok okay much
    many number amount percent percentage proportion share rate rates fraction average mean median typical
    usually common commonly often first second third last one two three four five six best better worse
    worst good bad well new old long short time times year years month months week weeks day days age aged
    old young happen happened make made take taken took need needed needs think known support supports
    supported recommend recommended recommendation so bottom line fit fits fitting original place role thing
    things stuff anything something idea point view views current currently state status whole situation
    behind around whats hows whys wheres whos thats theres problem problems issue issues trouble smth sth
    couple else next doctor doctors doc docs dont don't doesnt didnt
    son sons daughter daughters grandson grandsons granddaughter granddaughters grandaughter grandchild
    grandchildren grandkid grandkids nephew niece
    """.split()
)

_GENERIC_STEMS = frozenset(stem(w) for w in GENERIC)
# the second half of "Humira-type", "TNF-related", "steroid-free" says nothing of a topic
_PART_WORDS = GENERIC | frozenset("type like based class related induced associated free naive".split())

# Topics people ask about that are common English words, so rarity alone would not flag them.
TOPICS = frozenset(
    """
    pregnancy pregnant breastfeeding lactation lactating conception contraception cost costs price prices
    pricing insurance coverage reimbursement covid covid-19 coronavirus sars-cov-2 pneumonia influenza flu
    vaccine vaccines vaccination vaccinations cancer tumour tumor diabetes asthma hepatitis hiv obesity
    depression migraine stroke heart dementia alzheimer parkinson lupus gout crohn colitis uveitis sepsis
    transaminitis car-t jak jaks syringe syringes biosimilar biosimilars breastfeed breastfed
    alt ast aminotransferase aminotransferases lft lfts hep hbv hcv hbsag hbc
    interaction interactions contraindication contraindications monitoring storage pharmacokinetics
    half-life liver hepatic hepatotoxicity transaminase transaminases bilirubin lipid lipids cholesterol
    triglycerides platelet platelets perforation malignancy malignancies tuberculosis anaphylaxis surgery
    dental lymphoma tb screening latent dog dogs cat cats vet vets veterinary veterinarian animal animals
    horse horses pet pets
    vitamin vitamins supplement supplements supplementation calcium diet dietary probiotic probiotics
    ibuprofen aspirin paracetamol acetaminophen insulin morphine warfarin metformin codeine tramadol opioid
    opioids antibiotic antibiotics prednisone accutane roaccutane retinoid retinoids dapsone
    jab jabs immunisation immunisations immunise immunization immunizations immunize mmr chickenpox varicella
    measles mumps rubella shingles zoster booster boosters
    physiotherapy physiotherapist physio hydrotherapy rehabilitation rehab exercise exercises sport sports football
    commissioning alcohol alcoholic booze smoking smoker smokers diet dietary beer beers wine wines liquor pints drinks
    pen pens prefilled pre-filled autoinjector autoinjectors self-injection self-inject self-administer
    self-administration home-administration
    growth height heights stunt stunted stunting puberty pubertal
    hla hla-b27 b27 swimming swim swimmer acupuncture acupuncturist chiropractor chiropractic massage yoga
    homeopathy homeopathic herbal herbs turmeric
    """.split()
)

_TOPIC_STEMS = frozenset(stem(w) for w in TOPICS) - {stem("immune")}  # "immunization" is no topic of "immune"
# "Paget's disease", "Kawasaki syndrome": the word before it names a disease, however common the word
_EPONYM = re.compile(r"\b([A-Za-z]+'s|[A-Z][a-z]+) (?:disease|syndrome)\b")
# "tried in majeed syndrome", typed or dictated in lower case: a name right after "in / with / for / of"
_EPONYM_TYPED = re.compile(
    r"(?:\b(?:in|with|for|of|called|named|vs\.?|versus)\s+|^\s*)([a-z]{3,}) (?:disease|syndrome)\b"
)  # or opening the question: "majeed syndrome vs crmo - how to tell apart"

# Topics named by a phrase whose words the corpus has in other senses ("IV bone drug" is pamidronate).
ABSENT_PHRASES = re.compile(
    r"\b(routes? of administration|(subcutaneous|subcut|sub-cut|subq|sc|iv|intravenous)\s+(vs\.?|versus|or)\s+"
    r"(subcutaneous|subcut|sub-cut|subq|sc|iv|intravenous)|which route|(can|could|should|able to|how to|teach\w*) (\S+ ){0,5}self-?inject\w*|self-?inject\w* (at home|training|technique)|auto-?injector|still'?s disease|aosd|breast ?milk|nursing (?:my|a|the|her) (?:baby|infant|newborn)|"
    r"physical therap\w*|"
    # how an infusion is run: no text gives an infusion time or rate ("how long does the IV actemra infusion run for?")
    r"infusion (?:times?|rates?|duration|length)|how long (?:does|do|will|would|is|should) (?:the |an? |each |her |his )?"
    r"(?:\S+ ){0,3}infusions? (?:run|take|last|be)|"
    # heredity: no text says whether CNO runs in families ("is CRMO genetic? should her brother be tested?")
    r"genetic\w*|hereditary|inherit(ed|able)?|runs? in (the |our |my )?famil(y|ies)|gene tests?|"
    r"giant cell arteritis|gca|polymyalgia rheumatica|pmr|cytokine release syndrome|castleman\w*|takayasu\w*|"
    r"systemic sclerosis|interstitial lung disease|systemic jia|sjia|pjia|polyarticular jia|"
    r"(systemic|polyarticular|systemic-onset)[- ](onset )?juvenile (idiopathic )?arthritis)\b"
)

# Conditions the corpus names only as other diagnoses, never as an indication its studies treat.
NOT_INDICATIONS = (
    "rheumatoid arthritis",
    "reactive arthritis",
    "psoriatic arthritis",
    "juvenile idiopathic arthritis",
    "jia",
    "epilepsy",
    "thyroid carcinoma",
    "sarcoidosis",
    "dermatomyositis",
    "polymyositis",
    "cytokine release syndrome",
    "giant cell arteritis",
)
COVERED = ("cno", "sapho", "osteomyelitis", "osteitis", "hyperostosis")
TREATMENT_WORDS = frozenset(
    """
    dose doses dosing dosage treat treats treated treatment therapy use used efficacy effective work works
    indicated indication recommended approved evidence safe manage management
    """.split()
)
_DISEASE_ENDING = re.compile(r"(itis|osis|emia|oma|pathy)$")
_DRUG_OR_DISEASE = re.compile(
    r"(mab|nib|cept|kinra|itis|osis|emia|oma|pathy|vir|mycin|cillin|azole|statin|milast|dronic|dronate|profen|"
    r"fenac|coxib|oquine|flunomide|methacin|grastim|"
    r"lukast|sartan|pril|olol|parin|gliptin|glutide|flozin|prazole|citinib|limus|platin|taxel|rubicin|retinoin|cycline)$"
)
# "the 26-year-old man", "the young man with seizures": one of the corpus' patients
_PATIENT_DESCRIBED = re.compile(r"\d|\b(young|younger|old|older|elderly|middle-aged|teenage)\b", re.I)
# "Sato case 1 ... dx'd as reactive arthritis", "first thought to be RA": a diagnosis a corpus patient was given
_DIAGNOSED = re.compile(
    r"\b(case|patient|pt) ?\d\b|\b(dx'?d|diagnosed|labell?ed|misdiagnosed|thought to (be|have)|suspected|"
    # "the man they first thought had rheumatoid arthritis"
    r"(first |initially |originally )?(thought|believed|assumed) (\w+ )?(had|was)|"
    r"(treated|managed|worked up) as)\b",
    re.I,
)
# a corpus patient pointed at: "the young adult with epilepsy", "that man who had ..."
_THE_PATIENT = re.compile(
    r"\b(?:the|that|this) (?:(?:young|younger|old|older|elderly|middle-aged) )?"
    r"(?:(?:adult|grown) )?(?:adult|man|guy|woman|lady|patient|pt|fellow|gentleman) (?:with|who)\b"  # "the adult man with"
    r"|^\s*(?:pt|patient) (?:w/|with)\s",  # "pt w/ seizure disorder, bilateral lower leg pain - what was tried?"
    re.I,
)
_AGE_STATED = re.compile(
    r"\b\d{1,3}[ -]?(?:y/o|yo|y\.o\b\.?|yrs?[ -]old|years?[ -]old)\b"
    # "a woman in her fifties with ...": a corpus patient by her age
    r"|\bin (?:his|her|their) (?:early |mid-?|late )?(?:teens|twenties|thirties|forties|fifties|sixties|seventies|"
    r"eighties|[2-8]0s)\b",
    re.I,
)
_PAST_ILLNESS = re.compile(
    r"\b(had had|had|history of|hx of|previous|prior|past|former)\b[^.?;]{0,20}?\b(cancer|tumou?r|malignancy)\b"
    # "was it because of her cancer history?", "I also have a cancer history"
    r"|\b(her|his|their|the patient's|my|a)\s+(\w+\s+)?(cancer|tumou?r|malignancy)\s+(history|hx|past)\b",
    re.I,
)
_DRUG_JABS = re.compile(
    r"\b(?:blocking|blocker|biologic|tnf|anti-tnf|tnfi|humira|enbrel|adalimumab|etanercept|drug|toci|actemra|"
    r"tocilizumab|once-a-month|once-monthly|monthly|weekly|fortnightly|arthritis|il-?6)\s+(jabs?)\b",  # no vaccine comes monthly
    re.I,
)
# "the kind also given for Crohn's disease", "biologics used in psoriasis", "the bone drip they use for
# osteoporosis": a drug described by its other uses
_DESCRIBED_BY_USE = re.compile(
    r"\b(?:kind|type|sort|class|ones?|drugs?|medicines?|medications?|injections?|infusions?|biologics?|jabs?|"
    r"drips?)\b(?:(?: \w+){0,2}? (?:given|used|prescribed|approved|licensed)|(?: also)? (?:they|we|doctors) (?:use|give))"
    r" (?:for|in|to treat) "
    r"(?:people with |patients with )?((?:[a-z]+'s )?[a-z]+(?: disease| arthritis)?)",
    re.I,
)
_SAME_DRUG = re.compile(r"\bthe same (?:drug|medicine|medication|one|stuff|thing)\b", re.I)
# "the old gout tablet", "an epilepsy drug": a drug named by the disease it is for (not "flu jab": a vaccine)
_DISEASE_DRUG = re.compile(
    r"\b([a-z]+)[- ](?:tablets?|pills?|drugs?|medicines?|medications?|meds?|drips?|infusions?|biologics?)\b",
    re.I,
)
# "painkillers like ibuprofen", "NSAIDs such as ibuprofen": one of a class the corpus covers, named as an example
_CLASS_EXAMPLE = re.compile(
    r"\b(?:painkillers?|pain ?killers?|pain relievers?|pain (?:pills|tablets|meds|medicines?)|nsaids?"
    r"|anti-?inflammator(?:y|ies)(?: drugs| painkillers| pills| tablets| medicines| meds| stuff)?"
    r"|anti-swelling (?:pills|tablets|meds|medicines?))"
    r"\s*[(,]?\s*(?:like|such as|e\.g\.,?|eg|for example|for instance|including)\s+(?:the\s+)?([a-z]+)",
    re.I,
)
# "my son's insurance asks for 'evidence'": the evidence is asked for (to show a payer), not the insurance
_PAYER_ASKS = re.compile(
    r"\b(insurance|insurer|payer)s?\b(?:'s)?[^.?!]{0,30}?\b(?:ask|want|requir|need|demand)\w*\b[^.?!]{0,20}?"
    r"\b(?:evidence|proof|data|studies|literature|papers)\b",
    re.I,
)
# "what's the level of evidence behind actemra for CNO? my insurer is asking": who asks, not what is asked
_PAYER_ASKING = re.compile(
    r"\b(?:my|our|the|his|her|their)\s+(insurance|insurer|payer)s?(?:\s+(?:company|provider|plan))?\s+"
    r"(?:is|are|was|keeps?)?\s*(?:asking|asks|wants (?:it|to know)|needs? (?:it|to know))\s*(?:for (?:it|this|that))?[.?!]*\s*$",
    re.I,
)
# "were infections seen during the neutropenia? need to know re: isolation/abx": why the asker asks, not the subject
_WHY_I_ASK = re.compile(
    r"\b(?:need to know|needs? to know|asking|i ask|want to know)\s+(?:re:?|regarding|for|because of|about)\s+"
    r"([^?.!]{1,40})",
    re.I,
)
# "how was it treated, antibiotics?", "was it cleared with antibiotics?", "what rescued them? steroids? abx?": a
# guess at what a corpus patient was given, answered by what they were given
_GIVEN = re.compile(
    r"\b(?:treat\w*|manag\w*|handl\w*|fix\w*|g[eo]t(?:ting)? rid of|given|cleared|resolved|settled|healed|put (?:him|her|them) on|instead|"
    r"switch\w* (?:(?:him|her|them) )?to|"
    r"rescue\w*)\b",
    re.I,
)
_GUESS = re.compile(
    r"(?:^|[-–—,:?]|\b(?:with|by|on|using|was|were|did (?:they|he|she) (?:use|give|need|get)|needed))\s*(?:(?:an?|any|some|just|or)\s+)?"
    r"([a-z][a-z-]+)(?=(?:\s+(?:involved|used|given|needed|tried))?\s*\?)",  # "- was an antibiotic involved?"
    re.I,
)
_ADVICE = re.compile(
    r"\b(recommend\w*|should|schedule|how often|needs?(?! to know)|needed|required?|guidance|guidelines?|protocol)\b",
    re.I,
)
_MONITOR = stem("monitoring")
_MARKERS_NAMED = re.compile(r"\b(crp|esr|inflammatory markers?|inflammation markers?)\b", re.I)
_COUNTED = re.compile(r"^\d+-(?=[a-z]{3,}$)")
# "tocilizumab for JIA" asks about treating it, though it has no treatment word
_FOR_CONDITION = tuple(
    f" tocilizumab {w} {{}} "
    for w in (
        "for",
        "in",
        "against",
        "work for",
        "works for",
        "help with",
        "helps with",
        "used for",
        "good for",
    )
)  # ("does actemra work for juvenile idiopathic arthritis? ... my son has CRMO": the other indication is asked)
_RAW = re.compile(r"[a-z][a-z-]*[a-z]")  # words as written, before synonyms are folded
_TAIL = 8  # an unknown word this long that ends a corpus word ("sclerosis") is the corpus' word
_HYPHEN_SPLIT = re.compile(r"(?<![\w-])([A-Za-z]{3,})-([A-Za-z]{3,})(?![\w-])")
_LONG_WORD = re.compile(r"(?<![\w-])[A-Za-z]{4,}(?![\w-])")  # the words a spelling slip is put right in
_FUZZY = 6  # from this length a near spelling counts; shorter words only when they sound the same ("safo")
# spellings that sound alike: "ph" and "f", doubled letters and single ones ("safo" / "sapho", "osteitis")
_SOUNDS = (("ph", "f"), ("ck", "k"), ("ae", "e"))
_DOUBLED = re.compile(r"([a-z])\1+")
_PREFIXES = (
    "sero",
    "non",
    "anti",
    "pre",
    "post",
    "sub",
    "intra",
    "peri",
    "multi",
    "poly",
    "hyper",
    "hypo",
    "un",
    "re",
)
_ENGLISH = 0.5  # a word wordfreq knows at all (even "arteritis") is a word, not a misspelling
_SPELLING = 0.88  # how alike a misspelled word and the corpus word it stands for must be
_COMMON = 3.5  # Zipf frequency of a common English word ("level"), which a swap of two letters may have meant
_SPECIFIC = 2.8  # Zipf frequency below which a word names something specific ("abscess" 2.8; "lesions" 3.4)
_RARE = 1.6  # Zipf frequency below which an unknown word is a name (a drug, a place), not a rare English word
_RESCUE = (
    0.2  # cosine above which an everyday-words question is taken as about the corpus (off-topic: < 0.17)
)
_DESCRIPTION_END = re.compile(r"\s[-—–]\s+|:\s+|[.?]\s+")
_COMMON_PART = 3.5  # Zipf frequency of a common word joined by a hyphen to a corpus word ("-directed")
_SLIP = 0.9  # how alike a typo and the common word it stands for must be ("oposite" / "opposite")
_EVERYDAY = (
    4.5  # Zipf frequency from which a word is an everyday one whatever its ending ("except", "concept")
)
_ACRONYM = 3.0  # Zipf frequency below which a vowelless abbreviation ("fmf", "hlh") names something
_ABBREVIATION = re.compile(r"[b-df-hj-np-tv-z]{2,5}")
# "overproduces", "misdiagnosing": an English prefix before a common word makes a word, not a name
_WORD_PREFIXES = (
    "over",
    "under",
    "mis",
    "out",
    "counter",
    "semi",
    "inter",
    "self",
    "co",
    "de",
    "dis",
    "re",
    "un",
)
_COMMON = 3.0  # Zipf frequency of the common word after the prefix
_GUESS_ANCHORS = 3  # corpus anchors that make a guessed treatment one about a corpus patient
_WELL_ANCHORED = 4  # distinct corpus anchors that make a question one about the corpus' own cases
_TAIL_ANCHORS = (
    2  # ... and that make a one-word guess after a question about how a case was treated no subject
)
_TAIL_GUESS = re.compile(r"\?\s*(?:or |maybe |like )?([a-z][a-z-]+)\s*\?\s*$", re.I)
_ANCHOR = 4.2  # a known word rarer than this anchors the question in the corpus' subject


@dataclass(frozen=True)
class Coverage:
    """Whether the corpus covers a question, and if not, the words or indication it lacks."""

    covered: bool
    missing: tuple[str, ...] = ()
    indication: str | None = None
    anchors: tuple[str, ...] = field(default_factory=tuple)


class Vocabulary:
    """The words the corpus uses (folded synonyms, with stems), built from chunk texts and source metadata."""

    def __init__(self, texts: Iterable[str]) -> None:
        self.words: set[str] = set()
        for text in texts:
            # folded words, and the words as written ("blockade" of "IL-6 blockade", folded to tocilizumab)
            for word in [*words(text), *_RAW.findall(normalize(text))]:
                self.words.add(word)
                self.words.update(p for p in re.split(r"[-/]", word) if p)
        self.stems = {stem(w) for w in self.words}
        self.tails = sorted(w[::-1] for w in self.words if w.isalpha())  # for "sclerosis" of "osteosclerosis"
        self.ordered = sorted(
            self.words | set(_VARIANTS)
        )  # corpus words and synonym variants, for near misses
        self.sounds: dict[str, str] = {}  # a corpus word by how it sounds, for short words typed by ear
        self.letters: dict[str, str] = {}  # a long corpus word by its letters, for letters typed out of order
        for w in sorted(self.ordered, key=lambda w: (-zipf_frequency(w, "en"), w)):
            if w.isalpha() and len(w) >= 4:
                self.sounds.setdefault(_sound(w), w)
            if w.isalpha() and len(w) >= _FUZZY:
                self.letters.setdefault(w[0] + "".join(sorted(w)), w)

    def knows(self, word: str) -> bool:
        """True when the word, its stem, or every part of a hyphenated word occurs in the corpus."""
        if word in self.words or stem(word) in self.stems:
            return True
        if "_" in word:  # a phrase the lexicon folds ("monoclonal_antibody"): known when each of its words is
            return all(self.knows(part) for part in word.split("_") if part)
        if len(word) >= _TAIL and word.isalpha():  # the end of a compound the corpus uses: "osteo|sclerosis"
            i = bisect_left(self.tails, word[::-1])
            if i < len(self.tails) and self.tails[i].startswith(word[::-1]):
                return True
        parts = [p for p in re.split(r"[-/]", word) if p]  # "enbrel/humira-type": every part known or generic
        if len(parts) < 2:
            return False
        # "neutro-penia": a corpus word split by a hyphen
        if "-" in word and self.knows(word.replace("-", "")):
            return True
        if all(  # "cost-effectiveness": a listed topic is no near spelling of "costal"
            self.knows(p) or p in STOPWORDS or p in _PART_WORDS or (self.resembles(p) and not _listed(p))
            for p in parts
        ):  # "osteomylitis-like": a misspelled corpus word before a generic one
            return True
        # "autoinflammatory-directed", "steroid-sparing": a corpus word joined to common English ones
        known = [p for p in parts if self.knows(p) or (self.resembles(p) and not _listed(p))]
        return bool(known) and all(p in known or _common_part(p) for p in parts)

    def resembles(self, word: str) -> bool:
        """True for a clipped, prefixed or slightly misspelled corpus word ("rheum", "seronegative", "tocilizumb")."""
        if len(word) < 4 or not word.isalpha():
            return False
        following = islice(self.ordered, bisect_left(self.ordered, word), None)
        if any(len(w) >= len(word) + 2 for w in takewhile(lambda w: w.startswith(word), following)):
            return True  # a clipped word: "rheum" of "rheumatology"
        if any(
            word.startswith(p) and word[len(p) :] in self.words for p in _PREFIXES if len(word) - len(p) >= 5
        ):
            return True  # a corpus word with a prefix: "sero|negative", "non|responders"
        return self._closest(word, 0.8 if len(word) < 8 else 0.85) is not None

    def _closest(self, word: str, cutoff: float, alpha_only: bool = False) -> str | None:
        """The corpus word (or synonym variant) most like `word`: same first letter, length within two."""
        near = [
            w
            for w in self.ordered
            if w[:1] == word[:1] and abs(len(w) - len(word)) <= 2 and (w.isalpha() or not alpha_only)
        ]
        best = get_close_matches(word, near, n=1, cutoff=cutoff)
        return best[0] if best else None

    def corrected(self, text: str) -> str:
        """`text` with misspelled corpus names put right ("tocilizimab" -> "tocilizumab", "osteomylitis").

        Only a word that is no English word and that no corpus word matches, but one corpus word nearly spells
        (same first letter, at most two letters more or fewer, 88% alike), is replaced; listed topics never are.
        """

        def fix(match: re.Match[str]) -> str:
            return self._spelling(match.group().lower()) or match.group()

        def join(match: re.Match[str]) -> str:
            """'neutro-penia': a corpus word split by a hyphen into parts that are no words, joined again."""
            joined = match.group(1) + match.group(2)
            parts = (match.group(1).lower(), match.group(2).lower())
            if joined.lower() not in self.words or any(p in self.words or _common_part(p) for p in parts):
                return match.group()  # ("anti-inflammatory" stays as written: its parts are words)
            return joined

        return _LONG_WORD.sub(fix, _HYPHEN_SPLIT.sub(join, text))

    @lru_cache(maxsize=4096)  # noqa: B019 - one vocabulary per engine, kept for the process's life
    def _spelling(self, low: str) -> str | None:
        """The corpus word a misspelled word stands for, or None."""
        if self.knows(low) or low in _NAMES or low in TOPICS:
            return None  # a corpus word, a name the lexicon knows ("Enbrel"), a listed topic
        english = zipf_frequency(low, "en")
        by_ear = (
            self.sounds.get(_sound(low)) if english < _RARE else None
        )  # "safo": a rare word, as it sounds
        if by_ear or english >= _ENGLISH:
            return by_ear
        # two letters typed the wrong way round ("levle", "resposne"): the corpus or common word they spell
        swapped = (low[:i] + low[i + 1] + low[i] + low[i + 2 :] for i in range(1, len(low) - 1))
        fixed = next((w for w in swapped if w in self.words or zipf_frequency(w, "en") >= _COMMON), None)
        if fixed or len(low) < _FUZZY:
            return fixed
        # the right letters in the wrong order ("tociluzimab", "actmera"): the corpus word they spell
        moved = self.letters.get(low[0] + "".join(sorted(low)))
        if moved:
            return moved
        return self._closest(low, _SPELLING, alpha_only=True)


def _common_part(word: str) -> bool:
    """'directed', 'sparing': a common English word that names no topic, drug or disease of its own."""
    return zipf_frequency(word, "en") >= _COMMON_PART and not _listed(word) and not _named_by_ending(word)


def _guesses(question: str) -> list[str]:
    """The answers a question guesses at after asking what a patient was given ("- an antibiotic?")."""
    return [
        guess.group(1)
        for given in _GIVEN.finditer(question)
        for guess in _GUESS.finditer(question[given.end() : given.end() + 120])
    ]


def _sound(word: str) -> str:
    """How a word sounds, roughly: 'sapho' and 'safo', 'osteitis' and 'osteittis' alike."""
    for spelled, said in _SOUNDS:
        word = word.replace(spelled, said)
    return _DOUBLED.sub(r"\1", word)


def _listed(word: str) -> bool:
    """A topic of the TOPICS list, in any form ("breastfeeding", "breastfeed"), or as part of one ("cost-effective")."""
    if word in TOPICS or stem(word) in _TOPIC_STEMS:
        return True
    parts = re.split(r"[-/]", word)  # "cholesterol/lipids" names two topics
    return len(parts) > 1 and any(_listed(part) for part in parts if part)


def _disease_word(word: str) -> bool:
    """'gout', 'colitis': a listed topic or a word with a disease's ending."""
    return _listed(word) or bool(_DISEASE_ENDING.search(word))


def _named_by_ending(word: str) -> bool:
    """'secukinumab', 'uveitis': a drug's or disease's ending, in a word that is no everyday one ('except')."""
    return bool(_DRUG_OR_DISEASE.search(word)) and zipf_frequency(word, "en") < _EVERYDAY


def _salient(word: str) -> bool:
    if _listed(word) or _named_by_ending(word):
        return True
    frequency = zipf_frequency(word, "en")
    # "FMF", "HLH": a short run of consonants is an abbreviation, a name however often the letters occur
    return frequency < _RARE or (frequency < _ACRONYM and _ABBREVIATION.fullmatch(word) is not None)


def specific_word(word: str) -> bool:
    """'neutropenia', 'colchicine', 'abscess': a word that names a drug, disease or finding (a listed topic, a drug's
    or disease's ending, or a word rare in everyday English), not a common one ('long', 'given')."""
    return word.isalpha() and len(word) >= 4 and (_salient(word) or zipf_frequency(word, "en") < _SPECIFIC)


@lru_cache(maxsize=1)
def _everyday_words() -> dict[str, tuple[str, ...]]:
    """The 15,000 commonest English words (wordfreq), by first letter: what a slip of the keyboard is near."""
    buckets: dict[str, list[str]] = {}
    for word in top_n_list("en", 15000):
        if word.isalpha() and len(word) >= 4:
            buckets.setdefault(word[0], []).append(word)
    return {letter: tuple(found) for letter, found in buckets.items()}


@lru_cache(maxsize=4096)
def _slip_of_everyday_word(word: str) -> bool:
    """'oposite', 'folowed': one letter off a common English word, so a typo and not a name the corpus lacks."""
    if len(word) < 5 or not word.isalpha():
        return False
    near = [w for w in _everyday_words().get(word[0], ()) if abs(len(w) - len(word)) <= 1]
    return bool(get_close_matches(word, near, n=1, cutoff=_SLIP))


@lru_cache(maxsize=4096)
def _derived_word(word: str) -> bool:
    """'overproduces', 'misdiagnosing': an English prefix and a common English word, so no name of a subject."""
    return word.isalpha() and any(
        word.startswith(p) and len(word) - len(p) >= 4 and zipf_frequency(word[len(p) :], "en") >= _COMMON
        for p in _WORD_PREFIXES
    )


def _described_part(question: str) -> str:
    """The description before the question's last break ("53F ... -> TCZ started. | what happened?"), or ""."""
    breaks = list(_DESCRIPTION_END.finditer(question.rstrip(" ?")))
    return question[: breaks[-1].end()] if breaks else ""


def _names_subject(word: str, eponyms: set[str]) -> bool:
    """A word that names a subject of its own: an eponym of the question, a listed topic, a drug or disease name."""
    return word in eponyms or _listed(word) or _named_by_ending(word)


def _written_as_name(word: str, question: str) -> bool:
    """'Behcet', 'Kawasaki': a word the question capitalizes (not at its start, not an all-caps abbreviation)."""
    return any(
        m.start() > 0 and m.group()[0].isupper() and not m.group().isupper()
        for m in re.finditer(rf"\b{re.escape(word)}\b", question, re.I)
    )


def _named_like_known(word: str, vocabulary: Vocabulary) -> bool:
    """A clipped or misspelled corpus word is not a missing topic; a listed topic or a drug/disease name is."""
    return not _listed(word) and not _named_by_ending(word) and vocabulary.resembles(word)


def assess(question: str, vocabulary: Vocabulary, similarity: float = 0.0) -> Coverage:
    """Coverage of `question` by the corpus whose words are `vocabulary`.

    `similarity` (the question's best cosine to any passage) only rescues questions written entirely in
    everyday words ("what was the original question the report answered?"); it never overrides a missing
    drug, disease or topic.
    """
    phrase = ABSENT_PHRASES.search(" ".join(question.lower().split()))
    if phrase:
        # ("how long does the IV actemra infusion run?": what is missing is an infusion time)
        found = "infusion times" if phrase.group().startswith("how long") else phrase.group()
        return Coverage(False, missing=(found,))
    # "the 30-child chart review": the word after the count is a word of the question, folded ("child": pediatric)
    tokens = [t for w in words(question) for t in (words(_COUNTED.sub("", w)) if _COUNTED.match(w) else [w])]
    tokens = [w for w in tokens if w and w not in STOPWORDS and not w[0].isdigit()]
    content = [w for w in tokens if w not in GENERIC and stem(w) not in _GENERIC_STEMS and len(w) > 1]
    unknown = [w for w in content if not vocabulary.knows(w)]
    eponyms = {normalize(name).removesuffix("'s") for name in _EPONYM.findall(question.replace("’", "'"))}
    eponyms |= {  # in lower case, a rare word before "syndrome" names one ("majeed syndrome", not "metabolic")
        name
        for name in _EPONYM_TYPED.findall(normalize(question))
        if zipf_frequency(name, "en") < _ACRONYM and not vocabulary.knows(name)
    }
    # "the lady who had had a cancer": a corpus patient's history, not a topic asked about; "TNF-blocking jabs"
    # are injections, not vaccines; "which labs were monitored in the case reports" asks what the cases report
    past = words(" ".join(m.group() for m in _PAST_ILLNESS.finditer(question)))
    excused = set(past)
    excused |= set(words(" ".join(m.group(1) for m in _DRUG_JABS.finditer(question))))
    # "was tocilizumab the same drug they used for COVID patients?": the other use is asked, not a description
    described_by_use = () if _SAME_DRUG.search(question) else (_DESCRIBED_BY_USE,)
    for pattern in (*described_by_use, _CLASS_EXAMPLE, _PAYER_ASKS, _PAYER_ASKING, _WHY_I_ASK):
        excused |= set(words(" ".join(m.group(1).replace("'s", "") for m in pattern.finditer(question))))
    excused |= {  # the disease a drug is for, never a drug's own name ("the anakinra drip")
        w for w in words(" ".join(m.group(1) for m in _DISEASE_DRUG.finditer(question))) if _disease_word(w)
    }
    # "if CRP and ESR normalize on TCZ, can I assume control or do I need to keep monitoring something else?": the
    # markers the case reports follow, not a monitoring schedule
    if not _ADVICE.search(question) or _MARKERS_NAMED.search(question):
        excused |= {w for w in unknown if stem(w) == _MONITOR}
    missing = tuple(
        dict.fromkeys(
            w
            for w in unknown
            if w not in excused
            and (w in eponyms or (_salient(w) and not _named_like_known(w, vocabulary)))
            and (_names_subject(w, eponyms) or not (_slip_of_everyday_word(w) or _derived_word(w)))
        )
    )
    known = [w for w in content if vocabulary.knows(w)]
    anchors = tuple(w for w in known if w.replace("_", " ") in SYNONYMS or zipf_frequency(w, "en") < _ANCHOR)
    described = _described_part(question)
    if described and len(set(anchors)) >= _WELL_ANCHORED:
        # "pt with SAPHO got TCZ, ~3 wks later a fluctuant lump ... - how did they manage it?", "53F ... SCJ
        # pain ... -> TCZ. what happened?": in a question this deep in the corpus' subject, a rare word of the
        # case described before the question, naming no drug, disease or listed topic, is no subject of its own
        asked = set(words(question[len(described) :]))
        missing = tuple(
            w for w in missing if w in asked or _names_subject(w, eponyms) or _written_as_name(w, question)
        )
    if described and len(set(anchors)) >= _GUESS_ANCHORS:
        # "<what happened to her> - what did they switch her to, was an antibiotic involved?": a guess at what a
        # corpus patient was given is answered by what she was given
        guessed = set(words(" ".join(_guesses(question))))
        missing = tuple(w for w in missing if w not in guessed)
    elif len(set(anchors)) >= _WELL_ANCHORED:
        # "how did the doctors fix the old man's sterile chest abscess after tocilizumab, did they need antibiotics?":
        # a kind of treatment guessed at (never a drug's own name) is answered by what the patient was given
        guessed = {
            w for w in words(" ".join(_guesses(question))) if not _named_by_ending(w) and w not in _NAMES
        }
        missing = tuple(w for w in missing if w not in guessed)
    tail = _TAIL_GUESS.search(question)
    if missing and tail and len(set(anchors)) >= _TAIL_ANCHORS and _GIVEN.search(question[: tail.start()]):
        # "how did they end up getting rid of that old mans chest abscess? antibiotics?": a one-word guess after the
        # question (a kind of treatment, never a drug's own name) is answered by what the patient was given
        word = words(tail.group(1))
        missing = tuple(w for w in missing if not (w in word and not _named_by_ending(w) and w not in _NAMES))
    if missing:
        return Coverage(False, missing=missing, anchors=anchors)
    if not content:  # only generic words ("what did the authors conclude?"): a question about the studies
        return Coverage(True)
    rescued = similarity >= _RESCUE and len(unknown) <= 2 * len(known)
    # "my bloodwork looks perfect since starting it but I feel worse - is that a known thing?": the corpus' case of
    # normal markers in active disease, asked in everyday words
    # ("can this thing leave one of your legs shorter than the other?": Kaut 2022's leg length discrepancy)
    lay = markers_masked(question) or lay_finding(question)
    if not anchors and len(unknown) >= max(1, len(known)) and not rescued and not lay:
        return Coverage(False, missing=tuple(dict.fromkeys(unknown)), anchors=anchors)
    text = " " + " ".join(words(question)) + " "
    # ("my grandson has JIA, not CRMO - does actemra work for that?": the covered name set aside is not asked)
    kept = " " + " ".join(words(without_asides(question))) + " "
    names_covered = any(f" {c} " in kept for c in COVERED)
    # "man ... once labelled reactive arthritis, treated with TCZ at 48": a patient of the corpus, not an indication
    describes_patient = (
        (bool(set(tokens) & {"male", "female"}) and bool(_PATIENT_DESCRIBED.search(question)))
        or bool(_DIAGNOSED.search(question))
        or bool(_AGE_STATED.search(question))  # "26 y/o with epilepsy ..., failed MTX - they tried TCZ"
        or bool(_THE_PATIENT.search(question))  # "the young adult with epilepsy on levetiracetam who had ..."
    )
    treatment = bool(set(tokens) & TREATMENT_WORDS) and not describes_patient
    history = " " + " ".join(past) + " "
    for condition in NOT_INDICATIONS:
        folded = " ".join(words(condition))  # folded like the question ("juvenile" -> pediatric)
        if f" {folded} " in history:  # "a past thyroid cancer": the patient's history, not the indication
            continue
        given_for = any(p.format(folded) in text for p in _FOR_CONDITION)
        # "he takes tocilizumab for JIA - is it the same dose as for CRMO?": the other indication is asked about
        # even beside a covered one (not "the man first thought to have RA": a corpus patient)
        if f" {folded} " in text and (
            (not names_covered and (treatment or given_for)) or (given_for and not describes_patient)
        ):
            return Coverage(False, indication=condition, anchors=anchors)
    return Coverage(True, anchors=anchors)
