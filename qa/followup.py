"""Follow-up questions: complete a short or referring question with the drug, condition and population of the last one."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicon import STOPWORDS, SYNONYMS, normalize, words

# Canonical lexicon entries per slot; any spelling the lexicon knows for them (brand names, "kids", "CRMO") counts.
DRUG_TERMS = (
    "tocilizumab",
    "methotrexate",
    "prednisolone",
    "anti-tnf",
    "nsaid",
    "dmard",
    "bisphosphonate",
    "corticosteroid",
    "infliximab",
    "adalimumab",
    "etanercept",
    "secukinumab",
    "canakinumab",
    "golimumab",
    "ustekinumab",
    "pamidronate",
    "naproxen",
    "colchicine",
    "levetiracetam",
    "valproic acid",
    "salazosulfapyridine",
    "anakinra",
    "zoledronic acid",
    "zoledronate",
    "apremilast",
    "azithromycin",
)
CONDITION_TERMS = ("cno", "sapho")
POPULATION_TERMS = ("pediatric", "adult", "female", "male")
SLOTS = ("drug", "population", "condition")
GENERAL_WORDS = frozenset(
    "evidence data work works worked help helps helped effective efficacy effect effects benefit benefits "
    "outcome outcomes result results response respond responded use used using treat treated treatment "
    "therapy safe safety dose doses dosing dosage adverse_event studies study known recommended".split()
)  # what a short follow-up may ask besides naming a drug, condition or population
SHORT_WORDS = 5  # a question this short that names only part of the context is completed from the last one

# Words that name a drug or a disease by their ending (a generic fallback for names the lexicon lacks).
_DRUG_SUFFIX = re.compile(r"^[a-z]{4,}(?:mab|cept|kinra|citinib|tinib|dronate|mycin|cycline)$")
_CONDITION_SUFFIX = re.compile(r"^[a-z]{3,}(?:itis|osis|opathy)$")
_NOT_CONDITIONS = frozenset(
    ["diagnosis", "prognosis", "analysis", "hypothesis", "synthesis", "thesis", "basis"]
)
_ADJECTIVES = frozenset(
    ["pediatric", "paediatric", "adult", "adult-onset", "adult onset", "juvenile", "childhood"]
)

_LEAD = re.compile(
    r"^(?:and|but|or|also|so|then|now|ok|okay|well|what about|how about|what of|same for|same in|"
    r"same question for|the same for|and the same for|in|for|with|among|regarding|about)\b[\s,]*",
    re.I,
)
_INTERROGATIVE = re.compile(
    r"^(?:what|which|who|whom|whose|why|how|when|where|whether|is|are|was|were|do|does|did|can|could|"
    r"should|would|will|has|have|had|may|might|tell|list|show|give|describe|explain|summari[sz]e|compare|"
    r"any)\b",
    re.I,
)
_DRUG_PRONOUN = re.compile(
    r"\b(?:(?:this|that)\s+(?:drug|medicine|medication|treatment|agent|therapy|biologic)|"
    r"the\s+(?:drug|medicine|medication)|its|it)\b",
    re.I,
)
_CONDITION_PRONOUN = re.compile(r"\b(?:this|that|the)\s+(?:disease|condition|syndrome|disorder)\b", re.I)
_PLURAL_PRONOUN = re.compile(r"\b(?:they|them|their|these patients|those patients|the same)\b", re.I)
_BOUNDARY = r"(?<![\w-])({})(?![\w-])"
# Connectors and nouns that go with a slot word ("adult patients") but carry no topic of their own.
_FILLER = frozenset(
    "and but or also so then now ok okay what about same with patients patient people persons cases ones "
    "population populations group groups".split()
)


@dataclass(frozen=True)
class Mention:
    """One slot word in a question: its slot, canonical term and the exact text and span it was written as."""

    slot: str
    term: str
    text: str
    start: int
    end: int


def _pattern(terms: tuple[str, ...]) -> tuple[re.Pattern[str], dict[str, str]]:
    table: dict[str, str] = {}
    for term in terms:
        for variant in (term, *SYNONYMS.get(term, ())):
            table.setdefault(normalize(variant), term)
    alternation = "|".join(re.escape(v) for v in sorted(table, key=len, reverse=True))
    return re.compile(_BOUNDARY.format(alternation), re.I), table


_PATTERNS = {
    "drug": _pattern(DRUG_TERMS),
    "condition": _pattern((*CONDITION_TERMS, "crmo")),
    "population": _pattern(POPULATION_TERMS),
}


def mentions(text: str) -> list[Mention]:
    """The drug, condition and population words of `text`, in order of appearance, with their spans."""
    found: list[Mention] = []
    taken: list[tuple[int, int]] = []
    for slot, (pattern, table) in _PATTERNS.items():
        for match in pattern.finditer(text):
            term = table.get(normalize(match.group(1)), normalize(match.group(1)))
            found.append(Mention(slot, "cno" if term == "crmo" else term, match.group(1), *match.span(1)))
            taken.append(match.span(1))
    for match in re.finditer(r"[A-Za-z][A-Za-z-]+", text):
        token = match.group().lower()
        if any(a < match.end() and match.start() < b for a, b in taken):
            continue
        if _DRUG_SUFFIX.match(token):
            found.append(Mention("drug", token, match.group(), *match.span()))
        elif _CONDITION_SUFFIX.match(token) and token not in _NOT_CONDITIONS:
            found.append(Mention("condition", token, match.group(), *match.span()))
    return sorted(found, key=lambda m: m.start)


def _by_slot(found: list[Mention]) -> dict[str, list[Mention]]:
    slots: dict[str, list[Mention]] = {}
    for m in found:
        slots.setdefault(m.slot, []).append(m)
    return slots


def _phrase(slot: str, found: list[Mention]) -> str:
    """How a slot is written when carried over: the words as the user wrote them ("children", "CNO")."""
    texts = list(dict.fromkeys(m.text for m in found))
    text = " and ".join(texts)
    if slot == "population" and len(texts) == 1 and texts[0].lower() in _ADJECTIVES:
        text += " patients"
    return text


def _strip_lead(text: str) -> tuple[str, bool]:
    core, led = text.strip(), False
    while True:
        stripped = _LEAD.sub("", core, count=1)
        if stripped == core or not stripped.strip(" ?.!,"):
            return core, led
        core, led = stripped, True


def _content_words(text: str, found: list[Mention]) -> list[str]:
    """Words of `text` outside the slot mentions, without stop words and connectors."""
    rest = text
    for m in sorted(found, key=lambda m: -m.start):
        rest = rest[: m.start] + " " + rest[m.end :]
    return [w for w in words(rest) if w not in STOPWORDS and w not in _FILLER and len(w) > 1]


def _fill(body: str, slot: str, found: list[Mention]) -> str:
    """`body` with a slot it lacks worked in where it reads naturally ("tocilizumab in CNO" + adults -> "in adults
    with CNO"), else appended."""
    phrase = _phrase(slot, found)
    present = mentions(body)
    slots = _by_slot(present)
    if slot == "drug":
        for m in present:
            if m.slot in ("population", "condition"):
                prep = re.search(r"\b(?:in|for|among)\s+$", body[: m.start], re.I)
                if prep:
                    return f"{body[: prep.start()]}with {phrase} {body[prep.start() :]}"
        return f"{body} with {phrase}"
    if slot == "population" and "condition" in slots:
        cond = slots["condition"][0]
        if re.search(r"\b(?:in|for|of)\s+$", body[: cond.start], re.I):
            return f"{body[: cond.start]}{phrase} with {body[cond.start :]}"
    if (
        slot == "condition"
        and present
        and present[-1].slot == "population"
        and not body[present[-1].end :].strip()
    ):
        return f"{body} with {phrase}"
    return f"{body} in {phrase}"


def _end(question: str) -> tuple[str, str]:
    body = question.rstrip()
    tail = ""
    while body and body[-1] in "?!.":
        tail = body[-1] + tail
        body = body[:-1].rstrip()
    return body, (tail or "?")


def _complete(body: str, add: dict[str, list[Mention]]) -> str:
    for slot in SLOTS:
        if slot in add:
            body = _fill(body, slot, add[slot])
    return " ".join(body.split())


def _substitute(template: str, new: dict[str, list[Mention]]) -> str:
    """The previous question with its slot words replaced by (or extended with) the follow-up's."""
    body, tail = _end(template)
    old = _by_slot(mentions(body))
    edits: list[tuple[int, int, str]] = []
    for slot in SLOTS:
        if slot not in new or slot not in old:
            continue
        first, *rest = old[slot]
        edits.append((first.start, first.end, _phrase(slot, new[slot])))
        for m in rest:  # "children and adolescents" -> one replacement, not two
            joint = re.search(r"\s*(?:,|\band\b|\bor\b|/)?\s*$", body[: m.start])
            edits.append((joint.start() if joint else m.start, m.end, ""))
    for start, end, text in sorted(edits, key=lambda e: -e[0]):
        body = body[:start] + text + body[end:]
    return _complete(body, {slot: new[slot] for slot in SLOTS if slot in new and slot not in old}) + tail


def resolve(question: str, previous: list[str]) -> str:
    """The full question a follow-up stands for, from `previous` questions (oldest first); else `question`."""
    # Pass the previous questions as resolved before, so a chain of follow-ups keeps its context; bad input is
    # returned unchanged for ask() to reject with its own message.
    if not isinstance(question, str) or not isinstance(previous, list | tuple) or not previous:
        return question
    text = " ".join(question.split())
    if not text or len(text) > 300 or not re.search(r"[^\W\d_]", text):
        return question
    last = next((p for p in reversed(previous) if isinstance(p, str) and p.strip()), None)
    if last is None:
        return question
    last = " ".join(last.split())
    old = _by_slot(mentions(last))
    core, led = _strip_lead(text)
    body, tail = _end(core)
    found = mentions(body)
    new = _by_slot(found)
    missing = {slot: old[slot] for slot in SLOTS if slot in old and slot not in new}
    if ("drug" in new and "condition" in new) or not (missing or new):
        return question  # stands on its own, or there is nothing to carry over
    fragment = not _INTERROGATIVE.match(body) and (led or len(body.split()) <= 4)
    if fragment:
        if new and not _content_words(body, found):
            return _substitute(last, new)  # "and in children?", "what about SAPHO?"
        if not missing:
            return question
        return _complete(f"What about {body}", missing) + tail  # "and the side effects?"
    # a whole question: complete it when it refers back ("is it safe?") or is short, names part of the context
    # and asks nothing else ("does methotrexate work?"); "does tocilizumab cure diabetes?" stands alone
    refers = any(p.search(body) for p in (_DRUG_PRONOUN, _CONDITION_PRONOUN, _PLURAL_PRONOUN))
    short = new and len(body.split()) <= SHORT_WORDS and set(_content_words(body, found)) <= GENERAL_WORDS
    if not missing or not (refers or short):
        return question
    if "drug" in missing and _DRUG_PRONOUN.search(body):
        drug = _phrase("drug", missing.pop("drug"))
        body = _DRUG_PRONOUN.sub(lambda m: f"{drug}'s" if m.group().lower() == "its" else drug, body, count=1)
    elif "condition" in missing and _CONDITION_PRONOUN.search(body):
        body = _CONDITION_PRONOUN.sub(_phrase("condition", missing.pop("condition")), body, count=1)
    elif "condition" in missing and "drug" not in old and re.search(r"\bit\b", body, re.I):
        body = re.sub(r"\bit\b", _phrase("condition", missing.pop("condition")), body, count=1, flags=re.I)
    return _complete(body, missing) + tail
