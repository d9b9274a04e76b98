"""Compose stage: pick the verbatim passages that answer the question and fill the answer template with them.

Nothing is generated: every sentence in an answer is a retrieved passage quoted as it stands, followed by the
[n] of its source; the only other words are the template's labels, counts computed from source metadata, and
the references.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import pairwise, zip_longest

from .answer import Answer, Citation, Passage
from .chunking import Chunk
from .lexicon import (
    CLASS_OF,
    STOPWORDS,
    TALLY_WORDS,
    VERSUS,
    asks_sequelae,
    disease_named,
    family_age_named,
    family_question,
    labs_against_course,
    lay_question,
    tallies_populations,
    tokenize,
    words,
)
from .retrieval import Hit, author_patterns, matches, named_by_author, named_by_size, rare_word, without_size
from .scope import Coverage
from .settings import LeadWeights

DISCLAIMER = "_Decision support from the cited studies only, not medical advice._"
_SCOPE_LINE = (
    "The sources cover tocilizumab (Actemra) and other treatments in chronic non-bacterial osteomyelitis "
    "(CNO/CRMO) and SAPHO syndrome: {sources}."
)

# Question cues -> what kind of passage answers it.
_THATS_WHY_WORDS = r"(is that|that'?s|thats) why"  # "..., and is that why doctors think it helps?"
_CUES: dict[str, re.Pattern[str]] = {
    "number": re.compile(
        r"\b(how (many|much(?! (weight|stock|faith|trust|confidence))|old|long|soon|quickly|often|frequent\w*|low|high|common|rare)|"
        r"what (age|dose|percent\w*|proportion|share|fraction|"
        r"rate|number)|proportion|percent\w*|%|number of|mean(?! (that|it|hers?|his|my|she|he|they|we|you|anything|something|for|the|our|your|i|a|an|there)\b)|median|average|p-?value|odds|rate of|ages?|"
        r"dose|dosed|dosing|count|figures?|statistic\w*|duration|how young|how (big|large)|total n|sample size|"
        # "n studies identified in the lit review?", "# of pts on TCZ?"
        r"n (studies|patients|pts|cases|reports|kids|children)|# of|"
        # "is this more of a women's disease? mostly girls in the studies?": the share of girls
        r"(mostly|mainly|more often|more common in|more of an?) (girls|boys|women|men|females|males)|"
        r"(girls|boys|women|men)'?s? (disease|illness|condition|thing)|(sex|gender) (ratio|split|breakdown|distribution))\b"
    ),
    "why": re.compile(
        r"\b(why|reason\w*|rationale|what led|led to|chosen|choose|chose|pick(?!\w* (?:(?:it|that|this|them) )?up)\w*|decid\w*|basis|"
        # "the abscess - what did they put that down to?": what it was attributed to ("possibly due to ...")
        r"put (it|that|this|them) down to)\b"
    ),
    "overall": re.compile(r"\b(bottom line|take-?home|verdict|in a nutshell|overall|tl;?dr|summary)\b"),
    "conclusion": re.compile(
        r"\b(conclu\w*|take-?home|bottom line|authors? (say|think|recommend|advise|suggest|propose)|advise|"
        # "did the docs who wrote up the 2 women tell other doctors to stay away from it?"
        r"(tell|told|telling|warn\w*) (\S+ ){0,2}(doctors|docs|clinicians|physicians|people|patients|readers) "
        r"(to |not to )?(stay away|avoid|steer clear|keep away|use|try|give)|"
        # "a pus lump a few weeks after the drug - is that a known thing?": what the authors made of it
        r"(is|was) (that|this|it) a (known|recognized|recognised|reported) (thing|effect|side effect|complication|reaction)|"
        r"according to the (doctors|authors|clinicians|physicians|team)|(was|is) it worth it|"
        r"(according to|per) (the )?(\S+ ){0,3}(review|consensus)|"
        # "compare ... as summarised in the 2024 review": that review's own words
        r"(summari[sz]ed|weighed|discussed) (in|by) (the )?(\S+ ){0,3}(review|consensus))\b"
    ),
    "critique": re.compile(
        r"\b(limitation\w*|critique|weakness\w*|bias\w*|generali[sz]\w*|caveat\w*|flaw\w*|"
        r"trust\w*|reliab\w*|strength(?!ening)\w*|weaken\w*|shortcoming\w*|drawback\w*|downsides?|pitfalls?|"
        r"weak (points?|spots?|sides?|areas?)|how much (weight|stock|faith))\b"
    ),
    "design": re.compile(
        r"\b(design|what (kind|type|sort)s? of (stud(y|ies)|papers?|reports?|evidence|data)|study type|"
        r"retrospective|prospective(?! data))\b"  # "which treatments have prospective data?": Hedrich's naproxen
    ),
    "adverse": re.compile(
        r"\b(adverse|side effects?|aes|adrs|safety|safe|harm\w*|toxicit\w*|complication\w*|worse\w*|"
        r"worsen\w*|neutropenia|abscess\w*|reaction\w*|"
        # "what skin risk do TNF inhibitors carry in kids?"
        r"risks? (do|does|did) (they|it|tnfi|tcz|toci|tocilizumab|actemra|the drugs?) (carry|pose|bring|have)|"
        # "what bad stuff / bad things happened to them?", "did it help or hurt?"
        r"(bad|nasty) (stuff|things?|effects?|reactions?)|help(ed|s)? or hurt|hurt (more than|or) help(ed)?|(watch|look) (out )?for|keep an eye (out )?(for|on)|(made|make|makes) (things|it) go (badly|wrong)|where (it|tcz|toci|tocilizumab|actemra) went (badly|wrong)|"
        # "my son's CRMO flared up after they tried tocilizumab": worse on the drug
        r"flar(e|ed|ing) (up )?(after|on|while on) (they |he |she |we )?(tried |started |got |began )?"
        r"(toci|tcz|tocilizumab|actemra|it|the drug|the drip|the infusion))\b"
    ),
    "who": re.compile(
        r"\b(which patient|who (was|had|got|developed|received)|which case(?! (reports?|series))|what patient)\b"
    ),
    "level": re.compile(
        r"\b((level|grade|quality|strength|certainty) of (the )?evidence|evidence (level|grade|quality|rating)|"
        r"how (good|strong|solid|robust|reliable) is the evidence|graded?|"
        r"(good|high|strong|solid|robust|reliable|quality)[- ](quality )?(evidence|data)|"
        r"(evidence|data) (is |are )?(solid|strong|robust|good|reliable|convincing) enough)\b"
    ),
    "search": re.compile(
        r"\b(search\w*|databases?|dbs|pubmed|google scholar|keywords?|search terms|literature review|(the|this) lit\.? review|"
        r"how (were|was) (the )?(studies|papers|evidence) (found|identified|selected)|"
        r"look(ed|ing)? for (the )?(articles|papers|studies|literature|evidence|publications)|"
        # "how many studies did the InpharmD report turn up?": its search's yield ("revealed 6 studies")
        r"how many (\S+ ){0,2}(studies|papers|articles|publications) (did|does) (the )?(\S+ ){0,3}(report|response|"
        r"inpharmd) (actually |really )?(turn(ed)? up|find|identif\w*|reveal\w*|retriev\w*|return\w*|yield\w*))\b"
    ),
    "age": re.compile(
        # (not "my teenager's bones keep aching": who asks about whom)
        r"\b(?<!-)(age|ages|aged|how old|years? old|yo|y/o|(?<!my )(?<!our )(?<!her )(?<!his )teenagers?|elderly|"
        r"were (they|both) (young|old))\b"
    ),
    "multi": re.compile(
        r"\b(compare\w*|comparison|(?<![a-z] )contrast(?= (the|a|an|this|that|these|those|their|his|her)\b)|across|both (the )?(\S+ )?(studies|papers|reports|cases|patients|women|men|cohorts|"
        r"series|reviews|conditions|diseases|of them)|each|(the|both) (\S+ ){0,2}(pediatric|peds|kids|children) (\S+ )?cohorts|(?<!it )(all|every) (the )?(\S+ ){0,2}(studies|papers|reports|cases|patients|pts)|(in )?one list|"
        r"which (\S+ ){0,2}(case )?(papers|studies|reports|cases|publications|series|cohorts)|"
        r"((cno|crmo)( and | & |/| or )sapho|sapho( and | & |/| or )(cno|crmo)) (cases|patients|pts|reports)|the (two|three|four|five|six) (\S+ ){0,2}(studies|papers|reports|"
        r"cases|cohorts|patients)|any other|other (studies|papers|reports)|how many (of the )?(included )?studies|"
        r"(these|those|the|in) (studies|papers|reports|publications|case reports)|(these|those|the) (\S+ )?cases|tally|pull (\w+ )?together|"
        r"(list|summari[sz]e|go through) (for me |me |out )?(all|every)|"
        # "summarize reported tocilizumab responses - any remissions, any worsening?"
        r"(summari[sz]e|sum up) (\S+ ){0,3}(responses|outcomes|results|data|evidence|experience|reports|cases)|"
        # "pool all adult TCZ case reports: who improved vs who flared?", "positive vs negative reports in one place"
        # "according to the consensus paper and the pediatric cohort data", "evidence and real-world results"
        r"(consensus|review|guidelines?|recommendations|paper|study|cohort)( \S+){0,3} and (the )?(\S+ ){0,2}"
        r"(cohorts?|study|studies|data|case reports?|real[- ]world)|"
        r"evidence and real[- ]world|"
        # "which works better for kids, the anti-TNF meds or actemra?"
        r"(which|what) (one |drug |treatment |med |medicine )?(works?|worked|is|was|does) (better|best|more effective)|"
        r"pool\w*|in one place|(?<!it )(?<!it's )(?<!or )all (adult|pediatric|peds|sapho|cno|crmo|\S+ (case|published) )"
        r"(\S+ ){0,2}(studies|papers|reports|cases)|positive (vs\.?|versus|and|or) negative|"
        # "when did tocilizumab help and when did it flop?"
        r"when did (\S+ )?(help|work)\W+(\S+ ){0,2}when did (\S+ )?(flop|fail|not|backfire|make)|"
        r"(which|who) (ones? )?(improved|responded|did well|got better)\W+(\S+ ){0,2}(which|who) (ones? )?"
        r"(failed|flared|worsened|got worse|did not|didn't|did badly)|"
        r"(the|those|these) (\S+ )?(cases|patients|pts) treated (with |w/ ?)(toci|tcz|tocilizumab|actemra)|"
        # "which patients actually improved or went into remission on tocilizumab, adults and kids?"
        r"which (patients|pts|cases|people|ones) (actually |really )?(improved|responded|got better|went into remission|did well)|"
        # "the patients who were given toci": every treated patient, across the studies
        r"(the|those|these|among( the)?) (patients|pts|people|cases|ones|children|kids|adults|grown-ups)( \S+){0,3} "
        r"(who|that) "
        r"(were |had been |have been )?"
        r"(given|got|received|treated with|started on|put on) (toci|tcz|tocilizumab|actemra|it)|"
        # "what happened to children with CNO who were put on toci in the paediatric papers?"
        r"happened to (patients|pts|people|children|kids|adults)( \S+){0,3} (who|that) (were |had been |have been )?"
        r"(given|got|received|treated with|started on|put on) (toci|tcz|tocilizumab|actemra)\b)\b"
    ),
    # "the two SAPHO women", "both men", "each patient": every patient of the case series
    "each": re.compile(
        r"\b(the )?(two|both|2|three|3) (\w+ ){0,2}(women|men|ladies|guys|patients|pts|girls|boys|adults|cases)\b|"
        r"\b(grown|adult|grown-up) (men|women|males|females)\b|"
        r"\beach (patient|pt|woman|man|one|case)\b|\beach of (the|them|both)\b|\b(in|for) (each|both)\b|"
        r"\bboth of them\b|\beither (patient|case|woman|man)\b"
    ),
    "reference": re.compile(
        r"\b(journal|(where|when|which year) (was|were) (it|\w+ \d{4}|the \w+) published|published (in|by)|"
        r"publication|doi|who wrote|author list|authors of|who (are|were) the authors|"
        r"citation|cite|reference)\b"
    ),
    # "did the cohort include any adults?", "was there an age cutoff?": who was left out says it
    "exclusion": re.compile(
        r"\b(exclu\w*|(left|leave|leaves|leaving|kept|keep) out|not eligible|ineligible|not included|"
        r"age (cut-?off|limit)|(adults?|over-18s|grown-?ups|anyone older) (were |was )?(included|counted|enrolled)|"
        r"(include[ds]?|including|counted|enroll?(s|ed|ing)?|recruit\w*|admit\w*) (any |anyone |the )?"
        r"(adults?|over-18s|grown-?ups|older teens)|"
        r"(were|was) (any )?(adults?|over-18s|grown-?ups|older teens) (\S+ ){0,3}(included|counted|enrolled|studied|allowed|let in\w*|admitted)|"
        r"(over|older than|past) (the age of )?18|over-18s|18th birthday|"
        # "my son just turned 19 - would the results of the kids study even apply to him?": who the study left out
        r"(just )?turned (1[89]|2\d)(?=\D[^?]{0,80}\b(apply|relevant))|"
        # "I'm 35 - would someone like me have been included in the Cam 2025 study?"
        r"(would|could|can|will) (someone|somebody|anyone|a person|i|me|my \w+) (\S+ ){0,3}(have )?(been |be )?"
        r"(included|eligible|enrolled|accepted|counted))\b"
    ),
    "inclusion": re.compile(
        r"\b(inclu\w* criteria|eligib\w*|(who|which \w+) (was|were) (included|enrolled|studied)|enrol\w*|"
        r"who (was|were) in (the|that|this) (\S+ ){0,2}(study|cohort|series|review))\b"
    ),
    "objective": re.compile(
        r"\b(objective\w*|aims?|purpose|goals?|trying to (find out|show|answer)|set out to)\b"
    ),
    "methods": re.compile(
        r"\b(methods?|methodology|how (was|were) (the )?(data|study) (collected|done|conducted))\b"
    ),
    "measures": re.compile(
        r"\b(outcome measures?|endpoints?|end points?|primary outcome|secondary outcome)\b"
    ),
    "duration": re.compile(
        r"\b(duration|study period|how long did (the )?study|time ?frame|when was the study|"
        r"(over|during|in|from) (what|which) (years|period|dates)|what years|which years)\b"
    ),
    # (not "why does his body go after his own bones?": it attacks them)
    "after": re.compile(
        r"\b((?<!go )(?<!goes )(?<!going )(?<!went )after|once|following|followed|subsequently|afterwards?|"
        # "got TCZ -- what did follow-up MRI show?"
        r"(follow[- ]?up|repeat|later) (mri|scan|imaging|x-?ray)s?)\b"
    ),
    "significance": re.compile(
        r"\b(predict\w*|significan\w*|independent\w*|risk factors?|associated with|multivariate|univariate|"
        # "what makes a flare-up come back?", "who is more likely to relapse?": the factors tested
        r"what makes (\S+ ){0,3}(come back|recur\w*|relapse|return)|(more|less) likely to (relapse|flare|recur)|"
        # "were relapses more common in patients with skin involvement than without?"
        r"(more|less) (common|frequent|likely) (in|among|for) (\S+ ){0,4}(with|who had) (\S+ ){1,4}than (without|those without)|"
        # "does having skin involvement mean more relapses compared to those without?"
        r"(mean|means|cause|causes|lead to|leads to|go with|goes with) (more|fewer) (relapse|flare|recurrence)\S*|"
        r"(relapse|flare|recurrence)\S* (compared (to|with)|than) (those|people|patients|pts|kids|children) without|"
        # "what makes it more likely my son's flare-ups keep coming back?"
        r"what (makes|made|raises|raised|increases|increased) (it )?(more|less) likely (\S+ ){1,6}(keep )?(coming back|"
        r"come back|recur\w*|relaps\w*|return\w*|flare (back )?up|flare again)|"
        # "what was different between the kids who relapsed and the ones who didnt?": the factors compared
        r"(differ\w*|different) (\S+ ){0,4}(relaps\w*|flared?) (\S+ ){0,4}(didn'?t|did not|not|no)\b)\b"
        r"(?!\s+(study|paper|report|cohort|article))"  # "the relapse predictors study" names a study
    ),
    # "she gets skin bumps too - does that mean her illness will be nastier / he's in for a rougher ride?"
    "prognosis": re.compile(
        # ("does having rashes along with it mean a rougher ride for the child?")
        r"\b(does|do|would|will) (\S+ ){0,10}(mean|tell (you|us|me)|signal|indicate|predict|suggest) (\S+ ){0,6}(in for|will be|going to be|gonna be|likely to be|"
        r"(is|are) (a )?(more (severe|aggressive|serious)|worse|nastier|rougher|tougher|harder)|"
        r"a (rougher|tougher|nastier|worse|harder)|(got|has|have|had) a (nastier|worse|more severe|rougher|tougher|"
        r"harder|more aggressive))|"
        # "kids who also have rashes - do they tend to have a rougher time with the bone disease?"
        r"\b(tend|likely|more likely) to (have|get|be) (a )?(rougher|tougher|worse|harder|nastier|more severe)\b|"
        # "if it's in the backbone does that make the long run outlook worse for a kid?"
        r"\b(outlook|prognosis) (\S+ ){0,2}(worse|better|poorer)|\b(worse|poorer|better) (outlook|prognosis)\b|"
        # "does that mean her illness could turn out nastier?"
        r"\b(could|might|may|will|would) (turn out|end up|get|become|be) (\w+ )?(nastier|worse|rougher|tougher|more severe|"
        r"more aggressive|harder)\b"
    ),
    "response": re.compile(
        r"\b(outcomes?|(opposite|different|differing|contrasting|conflicting) results|(^|(?<=[.:;,?—–-] )|(the|his|her|their) )responses?(?=\W*$)|(initial|early|clinical|overall|treatment) responses?|how was (the|his|her|their) response|what happen(ed|d)|(clinical|disease) course|how did (he|she|they|it|the \S+ (\S+ )?(man|woman|guy|lady|girl|boy|men|women|kid|child|patients?)) (do|respond|go|get on|fare)|did (he|she|they) (ever |eventually |finally )?(improve|respond|get ((totally|completely|fully|any) )?better|get well|get on|do (alright|all right|ok|okay|well))|(do|did|does|doing|done|get|got) (alright|all right|ok|okay|well|any better) (on|with|after) (it|tcz|toci|tocilizumab|actemra|the \S+)|(able to|managed to) (stop|drop|come off|taper|cut|reduce|lower)|(let|allowed?) (his|her|their|the) (doctors|docs|team|physicians?) (\S+ ){0,3}(do|stop|taper|drop|reduce|cut|lower)|"
        r"respond(ed)? to|(the|their|his|her) responses? to|(^|: |- )responses? to (\S+ ){0,2}(tcz|toci|tocilizumab|actemra|il-?6r?|it|therapy|treatment)|did (it|tcz|tocilizumab|the drug|the il-6 drug|toci|actemra) (help|work)|"
        r"(get|gets|got|getting|look|looks|looked|feel|feels|felt|feeling) (any )?better|improv\w* (on|with|after|once)|show(ed)? (on|after)|(improv\w*|respond\w*) (or|and) (\S+ ){1,4}(on|with|after) (tcz|toci|tocilizumab|actemra)|"
        r"sort(ed)? (him|her|them|it) out|(did|does|do) (it|that|this|tcz|toci|tocilizumab|the drug) (do|achieve) anything|(settle|settled|calm|calmed) (him|her|them|it) down|(calm|calmed|settle|settled) down (the|his|her|their|a|any|my|our|\S+'s)\b|(successfully )?controlled (with|by|on)|"
        r"(let|could|can|did) (him|her|them|he|she|they|the \S+ (\S+ )?(man|woman|guy|lady|girl|boy|men|women)) "
        r"(stop|come off|taper|drop|reduce|cut|lower)|(come|came|get|got|getting) off|"
        r"how did (the )?(\w+ ){0,2}change|did (the|that|this) (\S+ ){1,9}(help|work)|"
        r"how did (the|that|this) (\S+ ){1,8}(do|fare|respond)|(has|have|had) (\S+ ){1,4}helped|"
        r"helped (\S+ ){0,2}(men|women|man|woman|patients?|pts|kids|children|adults?|him|her|them|people)|"
        # "out of the 80 youngsters, did the single one on the Actemra drip settle down?"
        r"(did|does|has|have) (\S+ ){1,10}(settle|settled|calm|calmed|quiet|quieted) down(?=\s*(\?|$))|"
        # "did the ladies with the pimply skin get any real benefit from that infusion?"
        r"(get|got|gain\w*|see|saw|deriv\w*) (any |much |some |a )?(real |clear |meaningful )?benefit (from|out of|with|on))\b"
    ),
    # (not "how long before the MRI improved?": a time taken)
    "before": re.compile(
        # (not "the numbers, before our appointment": the asker's own diary)
        r"\b((?<!long )(?<!take )(?<!takes )(?<!took )(?<!seen )(?<!happened )(before|b4)"
        r"(?! (our|my|his|her|their|the|a|an|next) (next )?(appointment|visit|clinic|consult\w*|meeting|check-?up|review))|"
        r"prior to|previously|"
        r"beforehand)\b"
    ),
    # "a pus lump after the drip - is that a known thing / has it been seen before / can the med itself do that / was
    # it put down to the drug?": whether the drug causes it, as the authors concluded
    "known_harm": re.compile(
        r"\b(known (thing|side effect|problem|reaction|complication)|(been )?(seen|reported|described) (\S+ )?before|"
        r"(can|could|does|did|do|will|would) (the |this |that |those |these )?(meds?|medicines?|drugs?|drips?|infusions?|iv|it|"
        r"tocilizumab|toci|tcz|actemra|jab|shot)( itself| themselves)? (actually |really )?(do that|do this|cause|trigger|bring on|give|"
        r"make (\S+ ){0,12}(worse|flare\w*|come back worse))|"
        r"put (it |that |this )?down to|"
        # "could the med have caused it?", "might the drug have triggered that?"
        r"(can|could|might|may) (the |this |that |his |her )?(med|medicine|drug|drip|infusion|iv|it|tocilizumab|toci|"
        r"tcz|actemra) (have|has) (caused|triggered|brought on|given)|"
        # "a pus-filled lump a few weeks after the shot but no bacteria grew - what was going on?"
        r"what was going on|"
        r"blamed on|caused by (the |this |that )?(drug|med|medicine|drip|infusion)|a thing that happens|"
        # "a pus-filled lump a few weeks after starting, the lab grew nothing - is that known to happen?"
        r"known to (happen|occur)|"
        # "did anybody get a pus-filled lump ... after getting the shot?": an event put beside the drug
        r"(did|has|have) (any ?(body|one|patients?|pts?|kids?|child(ren)?|adults?)|someone|somebody) (\S+ ){0,2}"
        r"(get|got|develop\w*|ha(d|ve)) (\S+ ){0,8}(lumps?|abscess\w*|boils?|pus\w*|rash\w*|neutropenia|reactions?|"
        r"side[- ]effects?|complications?|sores?) (\S+ ){0,14}after (getting |starting |taking |receiving |being given )?"
        r"(the |their |his |her |a )?(first )?(shot|drug|meds?|medicine|infusion|drip|dose|tocilizumab|toci|tcz|actemra))\b"
    ),
    # "<what happened to the patient> - how did they treat it / what was done next / what sorted it out?"
    "next": re.compile(
        r"\b((?<!to the )next|then what|what (was|were) (done|given)|how (did|do|was|were) (they|it|he|she|this|that) "
        r"((end up |eventually |finally )?(treat\w*|manag\w*|handl\w*|get rid of|getting rid of))|"
        r"how (was|were) (it|this|that|they|the \w+) (treated|managed|handled)|"
        r"how (it|this|that|they|he|she) (was|were) (treated|managed|handled)|"
        r"what (eventually |finally |ultimately )?(sorted|fixed|cleared|resolved|settled|controlled|helped)|what (finally )?(got|made) "
        r"(him|her|them|it) better|what finally|what (\S+ ){1,2}finally (worked|helped|controlled|cleared)|(switch|switched|change|changed|move|moved) (him |her |them |people |patients |the patients )?to|"
        r"what replaced|replaced (it|with)|mov(e|ed|ing) on to|fall(ing)? back on|fell back on|"
        # "what rescue treatments were used after toci backfired?", "what ended up working?"
        r"rescue\w*|salvage|what (\S+ ){0,2}ended up (working|helping)|"
        # "what got pts under control after tocilizumab failed?"
        r"what (eventually |finally |ultimately )?(got|brought|kept) (\S+ ){0,3}under control|"
        # "after toci was stopped, what did they give her?"
        r"what (did|do) (they|the doctors|doctors) (give|use|try|start|put) (her|him|them)\b(?! on (toci|tcz|tocilizumab))|"
        # "what did the doctors give instead that actually helped?"
        r"(give|gave|use|used|try|tried|start|started|put \w+ on) instead(?! of))\b"
    ),
    "dose": re.compile(
        r"\b(dose|doses|dosed|dosing|dosage|how much(?! (weight|stock|faith|trust|confidence|(\S+ ){0,2}(data|evidence|"
        r"info\w*|experience|research|literature)\b))|mg|mg/kg|regimen)\b"
    ),
    # "how does toci work - what does it latch onto?", "why would blocking IL-6 help in the first place?"
    "mechanism": re.compile(
        r"\b(mechanis\w*|how does (it|tocilizumab|the drug) (actually )?work|how (\S+ )?works|mode of action|moa|"
        r"latch\w* on\w*|what (exactly )?does (it|\S+) (actually )?(target|bind|block)|"
        r"what (kind|type|class|sort) of (drug|agent|medication|medicine|med|molecule|biologic|antibody|compound) "
        r"(even |exactly |actually )?is|is (a |an )?(what|which) (kind|type|class|sort) of|"
        r"what (kind|type|class|sort) of (molecule|antibody|compound)|"
        # "what is tocilizumab's target?", "what actually is actemra?"
        r"what('s| is) (\S+ ){0,2}target|what (actually |exactly |even )?is (tocilizumab|actemra|tcz|toci|it)(?= *[,/?]|$))\b"
    ),
    "rationale": re.compile(
        r"\b(rationale|logic(al)?|in the first place|theor\w*|science (reason\w*|basis|behind)|body chemistry|why would (anyone|you|one|we|it|that|(a|any) \w+ think)|"
        # "why would shutting off one of the body's alarm chemicals help at all?"
        r"why( on earth| exactly| even| ever)? (would|should|could) (\S+ ){1,10}(help|work)|"
        # "something in the blood that explains why doctors would reach for this shot?"
        r"(explains?|reasons?) why (the )?(doctors|docs|they|people|specialists) (would |might |even )?"
        r"(reach for|use|try|give|pick|choose|go for)|"
        r"why (would|do|does|did) (the )?(doctors|docs|clinicians|they|people|anyone|anybody) (even )?think|"
        # "... and why that points toward IL-6R blockade"
        r"points? (us )?(toward|towards|to) (\S+ ){0,2}(block\w*|il-?6r?|tocilizumab|tcz|actemra)|"
        # (not "is that why they went with toci for her?": one patient's reasons)
        rf"{_THATS_WHY_WORDS} (docs|doctors|they|experts|people|anyone|anybody|someone)(?![^?]{{0,40}}\b(for|on|with|gave|give) (her|him)\b)|"
        # "any reason from the body's own chemistry", "some reason in the blood that makes docs think it helps"
        r"body'?s? (own )?chemistry|reasons? (in|from) the (blood|body)|"
        r"makes? (the )?(docs|doctors|experts|people|them) think|"
        r"scientific (reason\w*|basis)|"
        r"reasons? to (think|expect|try|believe)|make sense|biologic\w* (basis|reason\w*|plausib\w*))\b"
    ),
    # "any proper controlled studies, or is it all anecdote?", "are there RCTs?"
    "trials": re.compile(
        r"\b(trials?|rcts?|controlled stud\w*|randomi[sz]ed|head[- ]to[- ]head|prospective\w*|forward[- ]looking|"
        r"gold[- ]standard|"
        # "a fair coin-flip study where half get a dummy", "a real experiment where half the folks get the drug"
        r"coin[- ]?(flip|toss)\w*(?= (\w+ ){0,2}(study|studies|trials?|experiments?|tests?))|placebo\w*|dummy|half (\w+ ){0,2}get|(real|proper|fair) (big )?(experiment|test)s?|"
        r"tested (\w+ ){0,2}properly|"
        # "or is it all anecdotal / just a few stories?": whether there are trials
        r"anecdot\w*|(just|only|all) (a few |some |a handful of )?(case )?(stories|anecdotes))\b"
    ),
    "definition": re.compile(r"\b(stands? for|acronym|abbreviation|short for|what does (\w+ ){1,2}mean)\b"),
    "evidence": re.compile(
        r"\b(evidence|proof|proven|(?<!how )does (it|tocilizumab|actemra|tcz) (actually |really )?work|work(s|ed)? (in|for)|effective\w*|efficacy|"
        r"outcomes?|experience|track record|how (has|have|did) (it|tcz|toci|tocilizumab|actemra|the drug) (done|fared|worked|performed)|"
        r"successes (and|or) (any )?failures|(actually|really) (fix|fixes|cure|cures) (this|it|that)\b|support\w*(?! groups?)|data (on|for)|any (\w+ ){0,2}data|(tcz|toci|tocilizumab|actemra) data (actually |really )?(exists?|available)|made things worse|ever (made|make)|(make|made|makes|making) (\w+ ){0,4}worse|(make|made|makes|making|trigger\w*|provok\w*) (\w+ ){0,3}flare\w*|"
        r"(flar\w*|worsen\w*|(got|gotten|get|gets|getting) worse) (up )?((in|for) (a|an|the|any|one) \w+ )?(on|with|after|under|while on)|"
        r"(has|have) any(one|body| \w+)? (\S+ ){0,4}(been given|received|gotten|been treated with)|"
        # "has that arthritis drip Actemra ever actually settled down a kid's bone inflammation?"
        r"(has|have) (\S+ ){1,9}ever (actually |really |once )?(settled|calmed|helped|worked|cleared|controlled|"
        r"put (\S+ ){1,4}into remission|got (\S+ ){1,8}to (settle|calm|go))|"
        r"adverse events?|aes|adrs|safety|side effects?|(bad|nasty|serious) (reactions?|effects?)|is it safe|how safe|(is|are) (\w+ ){0,2}safe|any luck|did it help|does it help|"
        # "is that arthritis medicine Actemra actually any good for my son's ...?", "did it make things better or
        # not really?", "is the jury still out on whether this drip is worth it?"
        r"(actually |really )?any good (for|in)|make (things|it|them|her|him) better|worth it|jury (is )?(still )?out|"
        # "has the interleukin-blocking drip ever actually put a child's bone inflammation to sleep?"
        r"(has|have) (the |this |that )?(\S+ ){0,3}ever (actually |really )?(put|got|gotten|brought|helped|worked|sent) |"
        # "who improved & who didn't?", "ones where it helped and ones where it made CRMO/SAPHO worse"
        r"(?<!predict )(?<!predicts )(?<!predicted )who (improved|responded|got better|did well|benefit\w*)|"
        # "what is the info on TCZ for CNO actually based on - real trials or just a few case stories?"
        r"(info|information|data|knowledge) (\S+ ){0,6}based on|"
        # "has toci been tried in children with CRMO, and how did it go?", "what do we know about TCZ in kids?"
        r"(has|have) (\S+ ){0,2}been (tried|used|given) (in|for|on) (\S+ ){0,5}(and|,|-) (\S+ )?(how|what)\b|"
        r"what do (we|you|they) (actually |really )?know (about|on) (tocilizumab|toci|tcz|actemra)\b|"
        # "what does the literature say about actemra in SAPHO?", "sum up what happened to every SAPHO patient given
        # tocilizumab", "what happened in the published pts?"
        r"what (does|do|did) (the )?(published )?(literature|papers|studies|reports|data) (\S+ )?(say|show|tell)|"
        r"(sum\w* up|summari[sz]e\w*) (what happened|the (outcomes?|results?|experience)|every|each|all)|"
        r"what happened (to|in|with) (the )?(every |each |all )?(published )?(\S+ ){0,2}(patients|pts|cases)\b|"
        # "which of the tcz case reports showed it working and which showed it failing?"
        r"(show\w*|saw) (it|tocilizumab|toci|tcz|actemra) (work\w*|help\w*|fail\w*|succeed\w*)|"
        # "what is known about tocilizumab in children?", "SAPHO pts - what has been reported when they got toci?"
        r"what(?:'s| is) (actually |really )?known (about|on) (tocilizumab|toci|tcz|actemra)\b|"
        r"what (has|have) been (reported|published|described|seen) (\S+ ){0,5}(tocilizumab|toci|tcz|actemra)\b|"
        # "peds pts specifically - what's out there on TCZ in children w CNO?"
        r"what(?:'s| is) (?:actually )?out there (on|for|about|with)|"
        r"made (\S+ ){0,3}worse|"
        # "did the children who got tocilizumab get better or worse?"
        r"(get|got|getting|gets|do|did) better or worse|"
        # "did any get better and did any get worse?", "any success vs failure reported?"
        r"(get|got|getting|gets) better and (\S+ ){0,3}(get|got|getting|gets) worse|success(es)? (vs\.?|versus|or|and) failures?|"
        r"(has|have) (\S+ ){1,8}helped|"
        r"how (did|do|does|have) (they|he|she|it|patients|the patients|people) (do|done|fare|fared|respond\w*)|"
        # "how did the kids who actually got tocilizumab do?"
        r"how (did|have) the (\S+ ){1,6}(do|done|fare|fared)(?=\?|$| on | with | after )|"
        r"how'?d (that|it|they) go|(properly|really|ever|been) (tested|studied|trialled|trialed)|"
        r"(?<!how )(does|do|would|can|will) (that|the|this) (\S+ ){1,12}(actually |really )?(help|work|calm|settle|fix|sort|do anything for)|"
        # "does it really help or not?", "does tocilizumab that switches off ... actually sort out her bones?"
        r"(?<!how )(?<!why )(does|would|will|can) (it|tocilizumab) ((\S+ ){0,12}(actually|really) |(really|actually) )"
        r"(help|work|calm|settle|fix|sort|do anything for)|"
        r"(only )?(been )?tried (on|in) (a few|few|a handful|a couple)( of)?|"
        # "does anybody actually know if it helps?"
        r"(know|knows|known|sure|tell|say|guess|coin (toss|flip)) (if|whether) (it|tocilizumab|(this|that|the) \S+) (actually |really |even )?"
        r"(helps?|works?|does anything)|"
        # "is that infusion actually known to help kids ...? or is it just a guess"
        r"(actually |really )?known to (help|work)|(just|only|still|bit of|kind of|sort of) a guess|educated guess|anyone'?s guess|"
        # "is this drug a sure thing for my son's ...?", "helped some but failed others? give me both sides"
        r"a sure thing|"
        r"(helped|worked for|works for|helps) some\b[^?]{0,40}\b(failed|not|didn't|did not)|(give|show|tell) (me |us )?both sides)\b"
    ),
}
_PINNED = {"level": "Level of evidence", "search": "Search strategy"}  # cue -> the report's part that answers
_BARE_WORDS = frozenset(
    "tocilizumab pediatric adult cno sapho use data evid studi paper report patient treatment therapi".split()
)
_WHO = frozenset(tokenize("year old year-old male female patient case cno sapho adult pediatric"))
_DETAIL_CUES = ("after", "before", "response", "next", "age", "number", "who", "why", "dose")
_BREAK = r"(?:\s(?:--|[—–-])\s+|:\s+|[.?]\s+)"  # where a patient's description ends and the question starts
_ASKED = re.compile(_BREAK + r"([^—–:.?]{2,100}\??)$")
_WH = "what|why|how|did|does|do|was|were|is|are|which|who|when|where|any"  # words a question starts with
# "is that common?", "is this normal?": a question about the description before it, not a new topic
_ABOUT_THAT = re.compile(
    r"(?:and )?(?:is|was|are) (?:that|this|it) (?:\w+ )?(?:common|normal|usual|unusual|typical|rare|expected)\??",
    re.I,
)
_GUESS_TAIL = re.compile(
    r"(?:just|only|maybe|or|like|about|even)?\s*(?:one|two|three|a few|none|more|less|any|zero)\?", re.I
)
# "..., and how many responded?", "why TCZ and what happened?", "is it safe? any adverse events?": a second question
# Not a second question: a passive's verb after the subject's description ("Two men whose ..., were given TCZ"),
# or a further relative clause ("..., and who also had myositis, were given ...": "who" asks only up to "?").
_COMPOUND = re.compile(
    rf"(?:,?\s+and|,|\?)\s+(?=(?:{_WH}|has (?:any|some)\w*|have (?:any|some)\w*)\b)"
    r"(?!(?:was|were|is|are)\s+(?:\w+ed|given|taken|seen|shown|done|put|begun|kept)\b)(?!who\b[^,?]*,)",
    re.I,
)
# (a question word, not a relative pronoun: "for the SAPHO woman who had ..., why" is no setting)
_ASKS = "|".join(w for w in _WH.split("|") if w not in ("why", "which", "who", "when", "where"))
_SETTING_FIRST = re.compile(rf"(?:for|in|among)\s+(?:\S+\s+){{1,3}}?(?=(?:{_ASKS})\b)", re.I)
_ASKING = re.compile(rf"({_WH}|has|have|can|could|should)\b", re.I)
_LEAD_IN = re.compile(rf".*{_BREAK}(?=\S)")
# "when toci failed in these reports, what rescue worked?": a clause that sets the scene, not a question
_WHEN_CLAUSE = re.compile(
    r"when\b(?!\s+(did|does|do|was|were|is|are|has|have|had|will|would|can|could|should)\b)", re.I
)
_BARE_PART = re.compile(r"(what|why|how|when|any|and)( about)?( it| that| them)?", re.I)
# A relative clause describes a patient ("the man who got an abscess after TCZ"), not what is asked of them
_DESCRIPTION = re.compile(r"\b(who|whose)\b(?:(?!\s[-–—]\s)[^,?;:—])*")  # up to a comma, "?" or " - "
# "did the two men whose shins kept flaring do alright on it?": after "did ...", the bare verb ends the clause (not
# "who would respond": the clause's own verb)
_MODALS = ("would", "will", "could", "can", "did", "does", "to", "not", "might", "may", "should", "must")
_DESCRIPTION_IN_DID = re.compile(
    r"\b(who|whose)\b(?:(?!\s[-–—]\s)(?!"
    + "".join(f"(?<!{m})" for m in _MODALS)
    + r"\s(?:do|get|respond|improve|fare|benefit|end up)\b)[^,?;:—])*"
)
_AUXILIARY_FIRST = re.compile(r"^(did|do|does|can|could|will|would)\b")
_STATED_AGE = re.compile(r"\b\d{1,3}[- ]?(years?[- ]old|yo|y/o|y\.o\.?)(?![a-z])")
_AGE_WORDS = re.compile(r"year-old|\bage\b|\baged\b", re.I)
_NAMING_PARTS = (
    "References",
    "Title",
    "Question",
    "Level of evidence",
    "Search strategy",
    "Literature Review",
)
# what a study set out to do and how: no result to back a row of the synthesis with
_METHOD_PARTS = frozenset(
    (
        "Design",
        "Objective",
        "Methods",
        "Outcome Measures",
        "Study Groups",
        "Inclusion Criteria",
        "Exclusion Criteria",
    )
)
_BETTER = re.compile(
    r"\b(better|improv\w*|work\w*|help\w*|good|success\w*|respon\w*|remission|benefit\w*)\b", re.I
)
_LEVEL_WORDS = frozenset(
    ("high", "elevated", "level", "measur", "check")
)  # folded and stemmed ("raised" -> elevated)
_PREDICTS = re.compile(r"\b(predict\w*|respon\w*|translat\w*|in general|only in)\b", re.I)
# "did a high IL-6 mean Actemra would work?", "IL-6 positive biopsy - does that make TCZ reasonable?"
_IL6_PREDICTS = re.compile(
    r"\b(predict\w*|mean (that )?(\S+ ){0,4}(would|will|is going to|was going to) (work|help|respond)|"
    r"makes? (\S+ ){0,3}(reasonable|worth\w*|a good (idea|choice|option|candidate)|more likely|sensible|justified|"
    r"appropriate)|who (would|will) respond|good candidate|guarantee\w*)\b",
    re.I,
)
_IL6_REGARDLESS = re.compile(r"\bregardless of IL-6\b", re.I)  # Sun 2018: not "regardless of IL-6 positivity"
_JUST_BEFORE = re.compile(r"\b(right|just|immediately|directly) before\b", re.I)
# a yes-or-no ask of how a drug did ("did the drip sort them out?")
_WORKS_BETTER = re.compile(
    r"\b(which|what) (\S+ ){0,2}(works?|worked|is|was|does|did) (better|best)|\bmore effective\b|"
    r"\b(which|what) (\S+ ){0,3}(got|helped|put) (the )?most (kids|children|patients)"
    r"|\b(which|what) (\S+ ){0,2}(got|put) (the )?(kids|children|patients) into remission"
)
_GLOSSARY = re.compile(r"(?:[^:;]{1,15}: [^:;]{2,60}; ){2,}")  # "CRP: C-reactive protein; ESR: ...; U: ..."
_FAILED = frozenset(tokenize("failed worsened discontinued stopped problems flopped backfired bad wrong"))
_WENT_WRONG = re.compile(r"\bwhat (else )?went wrong\b")
_NONE_REPORTED = re.compile(r"\bnot\s+(reported|specified|stated)\b", re.I)  # "Adverse Events Not reported"
_TRIED_BEFORE = re.compile(
    r"\b(tried|try|trying|treated|given|gave|get|got|received|on|failed|used|use|taking|took)\b(\s+\S+){0,6}?\s+"
    r"(before|prior to|b4)\b",
    re.I,
)
_MARKERS_MOVED = re.compile(  # the markers falling on a drug ("ESR decreased rapidly", "CRP levels normalized")
    r"\b(ESR|CRP|inflammatory markers|markers of inflammation)\b[^.;]{0,40}\b(decreas\w*|normali[sz]\w*|improv\w*|fell|"
    r"dropped|reduc\w*)\b|\b(improvements?|reduction|decrease)\b[^.;]{0,40}\b(ESR|CRP|inflammatory markers)\b",
    re.I,
)
_IT_WORKS = re.compile(
    r"\b(proof|evidence|data)\b.{0,30}\bit (actually |really )?(works?|helps?|worked|helped)\b", re.I
)
_EVERY_PATIENT = re.compile(r"\b(every|each|all)\s+(\S+\s+){0,3}(patient|pt)\b", re.I)
# "is there ANY evidence in children?": evidence asked of a group alone, so of the corpus's drug
_GROUP_EVIDENCE = re.compile(
    r"\b(evidence|data|proof)( at all)? (in|for|on) (the )?(any )?(children|kids?|child|pediatric|paediatric|peds|"
    r"adults?|sapho|cno|crmo)( patients| pts| cases)?\s*([?.!,]|$)",
    re.I,
)
_THIS_DRUG = re.compile(
    r"\b(this|that|the) (med|meds|medicine|medication|drug|drip|infusion|treatment)\b", re.I
)
_DID_IT = re.compile(r"\b(did|does) (it|the|that|this|blocking|switching)\b", re.I)
# who was kept out; inclusion criteria say where and when too ("at two tertiary care centres")
_CRITERIA = ("Exclusion Criteria",)
_NOT_LEAD = ("Title", "References", "Question")  # parts that name a source rather than answer
_SECTION_FOR = {
    "conclusion": ("Study Author Conclusions", "Summary"),
    "critique": ("Critique",),
    "design": ("Design",),
    "exclusion": ("Exclusion Criteria",),
    "inclusion": ("Inclusion Criteria",),
    "objective": ("Objective",),
    "methods": ("Methods",),
    "measures": ("Outcome Measures",),
    "duration": ("Duration",),
    "adverse": ("Adverse Events",),
    "reference": ("References",),
    "level": ("Level of evidence",),
    "search": ("Search strategy", "Literature Review"),
}
_WHY_WORDS = re.compile(
    r"\b(due to|based on|because|given|owing to|considerations?|prompting|leading to|rationale|"
    r"(primarily|mainly|chiefly) for)\b",
    re.I,
)
_ADVERSE_WORDS = re.compile(
    r"\b(adverse|developed|neutropenia|abscess|worsen\w*|discontinu\w*|myalgias|alopecia|psoriasis)\b", re.I
)
_TALLY_TOKENS = frozenset(tokenize(TALLY_WORDS))  # the review's sentence that tallies the published patients
# "what kind of drug is actemra?", "what exactly is tocilizumab?": what the drug is, not why it might help
_WHAT_DRUG = re.compile(
    r"\bwhat (kind|type|class|sort) of (drug|agent|medication|medicine|med|molecule|biologic|antibody|compound)|"
    r"\bwhat (actually |exactly |even )?is (tocilizumab|actemra|tcz|toci)\b"
    # "TCZ MOA - what does it target exactly?", "mechanism of action of tocilizumab?"
    r"|\bwhat (exactly )?does (it|tocilizumab|actemra|tcz|toci) (actually )?(target|bind|block)\b|\bmoa\b|\bmechanism of action\b",
    re.I,
)
# a harm said to have happened ("the patient developed ... a notable subcutaneous abscess", "... manifestations
# worsened"), not one referred to ("this adverse event")
_NAMED_HARM = re.compile(
    r"\b(develop\w*|induc\w*|observed|occurred|experienced)\b.*\b(neutropenia|abscess|myalgias|alopecia|psoriasis|"
    r"pustular|vasculitis)\b|\b(?<!progressively )worsen\w*",  # (not how a patient presented)
    re.I,
)
# a figure, or a time spelled out ("Over eight months, MRI findings improved")
_NUMBER = re.compile(
    r"\d|\b(two|three|four|five|six|seven|eight|nine|ten|eleven|twelve) (days?|weeks?|months?|years?)\b", re.I
)
# a time taken ("how long did it take to remission?"), not the study's own period
_HOW_LONG = re.compile(r"\bhow long\b(?! (?:did|was|were) (?:the )?(?:study|studies|follow-?up)\b)", re.I)
# a span of time ("10 months", "months 37.6"), not an age in years or "pain lasting all day"
_TIME_SPAN = re.compile(
    r"\b\d+(?:\.\d+)?[ -]?(?:months?|weeks?|years?|days?)\b(?!-old)|\b(?:months?|weeks?)\b", re.I
)
_SHARE = re.compile(
    r"\b(proportion|share|percent\w*|fraction|what % |how many out of|how often does (that|this|it) happen|"
    # "do most kids eventually grow out of it and get well?": the share that did
    r"(do|does|did|will|would) most (of )?(the |these |those )?(kids|kiddos|children|youngsters|little ones|young ones|"
    r"patients|pts|people)|"
    r"(mostly|mainly|more often|more common in|more of an?) (girls|boys|women|men|females|males)|"
    # "do youngsters with this mostly end up getting better?"
    r"(kids|kiddos|children|youngsters|patients|pts|people) (\S+ ){0,6}mostly)",
    re.I,
)
_HARM_WORDS = re.compile(r"\b(adverse|induce\w*|abscess\w*|neutropenia|worsen\w*|toxicit\w*|caution)\b", re.I)
_SMALL_P = re.compile(r"(?<![\d.-])(?:0\.0[0-4]\d*|<\s?0\.0[0-5]\d*)\b")  # how tables print p < 0.05
_RESULT_WORDS = re.compile(
    r"\b(managed|initiated|switched|restarted|improv\w*|normali[sz]\w*|worsen\w*|reduc\w*|resolv\w*|remission|respon\w*|effective|ineffective|"
    r"fail\w*|relaps\w*|tapered|cessation|decreas\w*)\b",
    re.I,
)
# "the lady whose pustules started in 2008 - after TCZ made her worse, what gave her relief?": one patient meant
_ONE_PATIENT = re.compile(
    r"\b(he|she|him|her|his|(the|a|that|this|young|old|little|elderly) (\w+ )?"
    r"(man|woman|girl|boy|lady|guy|patient|pt|child|kid|gentleman)('s)?)\b",
    re.I,
)
_BOTH_POPULATIONS_CASES = re.compile(r"\b(?:adult and pediatric|pediatric and adult) cases\b", re.I)
_TCZ_DOSE = re.compile(
    r"(?:tocilizumab|tcz)\b[^.]{0,80}?\d\s*mg/kg|\d\s*mg/kg[^.]{0,80}?\b(?:tocilizumab|tcz)\b", re.I
)
_DOSE_FIGURE = re.compile(r"\d\s*mg\b|mg/kg|\bq\d+w\b", re.I)
_DOSE_WORDS = re.compile(r"\d\s*mg\b|mg/kg|\bdoses\b|\bdosed\b|\bdosing\b|\bq\d+w\b", re.I)
# Question words -> the tocilizumab outcomes they ask about (rows with those outcomes come first).
# "made a child's CRMO worse instead of better": asks no better outcome
_NOT_BETTER = re.compile(r"\b(instead of|rather than|not) (getting |making (it|things) )?better\b", re.I)
# "settle my kid's bone flare-ups": the flares are what is treated, not a worse outcome asked about
_TREATED_FLARES = re.compile(
    r"\b(settle|calm|control|stop|prevent|treat|reduce|cut down|fewer|sort out|clear)\w*( \S+){0,3} (flare|relapse)\S*",
    re.I,
)
_COMPARED = re.compile(r"\bcompar(e|ed|ing)\b", re.I)  # "compare the response in X with Y"
_OUTCOME_WORDS = (
    (
        re.compile(
            r"\b(wors\w*|sicker|backfir\w*|flar\w*|(?<!renal )(?<!kidney )(?<!heart )(?<!liver )fail\w*|relaps\w*|"
            r"no (response|effect|benefit)|did ?n[o']t work)\b",
            re.I,
        ),
        ("worsened", "no response"),
    ),
    (
        re.compile(r"\b(adverse|side effects?|safe\w*|harm\w*|toxic\w*|complication\w*)\b", re.I),
        ("adverse event",),
    ),
    (
        re.compile(
            r"\b(improv\w*|work\w*|help\w*|good|success\w*|respon\w*|remission|benefit\w*|effective)\b", re.I
        ),
        ("improved", "remission"),
    ),
)
# the other treatments the texts name: the lexicon's drug classes and their members, and the rest
_OTHER_TREATMENTS = (
    frozenset(CLASS_OF)
    | frozenset(CLASS_OF.values())
    | {
        "secukinumab",
        "canakinumab",
        "ustekinumab",
        "colchicine",
        "minocycline",
    }
)
_BIOLOGY = frozenset(tokenize("cytokine inflammasome imbalanced dysregulated"))
_SETTING = re.compile(r".*(?::\s+|\s[—–-]\s+)")  # "Cam 2025: ", "in Kaut - ": what both sides are about
_SIDE_END = re.compile(r"\s[—–-]\s|[,;?]|:\s|\s(in|among|for|on)\s")  # where the second side ends
_HOW_IT_WENT = frozenset(tokenize("response respond outcome result worked helped"))
_SEVERAL_REVIEWS = re.compile(r"\b(reviews|both|and the|each)\b", re.I)  # "the consensus and the reviews"
_OVERALL_FIRST = re.compile(r"\b(overall|bottom line|verdict|take-?home)\b", re.I)
_COUNT_WORDS = {
    n: f"{n}|{w}" for n, w in enumerate("one two three four five six seven eight nine ten".split(), 1)
}
_CASE_KINDS = re.compile(
    r"\bcase[- ](?:reports?|series|studies|study|descriptions?|stor(?:y|ies))\b|\b(?:a|any|one) case (?:where|in which|of)\b|"
    r"\bany (?:such )?cases?(?=\s*(?:\?|$|[-,;]|reported\b))|"  # "... - any case?": whether there is one
    # "remission in one cohort but worsening CRMO in another case": a source set beside another
    r"\b(?:in|from) (?:an)?other case\b|"
    # "contrast the remission in one cohort with the case where CRMO worsened": a source beside another
    r"\bwith the case (?:where|in which)\b",
    re.I,
)
# "reports that include a toci-treated pt", "every SAPHO pt treated with TCZ": any patient, not one the question is
# about (the drug stays)
_SOME_PATIENT = re.compile(
    # ("any reports of CRMO flaring on TCZ in a pediatric pt?": any such patient, not one described)
    # ("considering it for a refractory pt": the asker's own patient)
    r"\b((?:include|includes|including|with|had|have|in|for) an? (?:\S+ )?|(?:every|each|all|any) (?:\S+ )?)(?:pt|patient|case)\b",  # ("I want every case")
    re.I,
)
# "how many pts have gotten TCZ ... and how did they do?": the synthesis counts them
_PLURAL_NOUNS = "reports|cases|patients|pts|series"
_PLURAL_CASES = re.compile(rf"\b({_PLURAL_NOUNS}|they|them)\b", re.I)
_ONE_CASE = re.compile(
    r"\b(he|she|his|her|him|man|woman|guy|lady|girl|boy|patient|pt|case(?! reports?| series)|\d+\s*(yo|y/?o|[mf])|"
    r"\d+[- ]years?[- ]old)\b",
    re.I,
)
_PLURAL_GROUP = re.compile(rf"\b({_PLURAL_NOUNS}|both|each|either|women|men)\b", re.I)
_TALLY = re.compile(
    # (patients, not "how many published reports")
    r"\bhow many (?!(\S+ )?(reports?|studies|papers|articles|trials|sources)\b)(\S+ ){0,4}"
    r"(have |had |were |was |are |have been )?(gotten|got|received|been given|been treated|"
    r"treated|given|were there|reported|described|published|(were|was) on (it|toci|tcz|tocilizumab|actemra))\b|"
    r"\bhow many (\S+ )?(in total|altogether|in all|overall)\b"
    r"|\bhow many( (\S+ )?(cases|patients|pts|people|kids|children|adults))?(?=\s*(and\b|\?|$|[-,]))"
    # "how many grown-ups improved on tocilizumab and how many had it fail?": each study's outcome
    r"|\bhow many (\S+ ){0,3}(improved|responded|got better|got worse|worsened|failed|did well|had it fail)\b",
    re.I,
)
_DRUGS = _OTHER_TREATMENTS | {"tocilizumab"}
_HOW_MANY_ON = re.compile(
    r"^(?!.*\b(?:respond\w*|improv\w*|better|remission|worse\w*|fail\w*|first\w*|studies|reports|papers|articles|"
    r"publications|sources)\b).*\bhow many\b.*\b(?:on|got|get|received|receiving|given|treated with|took|taking|tried)\b",
    re.I,
)
_OTHERS = frozenset(t for d in _OTHER_TREATMENTS for t in tokenize(d))  # as the passages' tokens
_WHICH_TREATMENT = re.compile(
    r"\b(which|what) (\w+ )?(agents?|drugs?|treatments?|therap\w*|medications?|medicines?|meds?|options?)\b"
    # "is there prospective evidence for ANY drug in CNO?"
    r"|\b(data|evidence) (for|on) any (agent|drug|treatment|therapy|medication|medicine|med)\b",
    re.I,
)
_TOCILIZUMAB = re.compile(
    r"\b(tocilizumab|actemra|tcz|il-6 (receptor )?(blockade|blocker|inhibitor)|anti-il-6)\b", re.I
)


_CORROBORATES = re.compile(
    r"\bcorroborat", re.I
)  # "do the SAPHO results agree?": the sentence comparing them
_MOST_PATIENTS = re.compile(
    r"\b(?:most|nearly all|the majority of) (?:of )?(?:the |these )?(?:kids|kiddos|children|youngsters)\b"
    # "... in children, or do most need something stronger?", "is that usually not enough?"
    r"|\b(?:do|does|did|will) most (?:of them )?(?:need|require|get|go on|move on)\b|\busually (?:not )?enough\b"
    # "are OTC painkillers like Advil enough for a kid?", "do they do anything, or is that a waste of time?"
    r"|\benough (?:for|to|on (?:its|their) own|by themselves|alone)\b|\bwaste of time\b"
    # "can the pain pills from the chemist settle it down on their own, or not really?"
    r"|\b(?:settle|calm|control|sort|fix|work|help|do the (?:job|trick))\w* (?:it |this |that |things |them )?(?:down |out )?"
    r"(?:on (?:its|their) own|alone|by themselves|first off|as a first (?:try|step|go))\b"
    # "do OTC painkillers usually settle it down in children?", "like anti-inflammatory pills - does that even work?"
    r"|\busually (?:settle|calm|fix|work|help|clear|control|do the (?:job|trick))\w*"
    r"|\b(?:does|do) (?:that|it|they|those|these) (?:even |actually |really )?work\b"  # (not "did it work": a case)
)
_RATIONALE_SENTENCE = re.compile(
    r"\brationale\b", re.I
)  # "providing a biological rationale for IL-6 ... blockade"
# "no robust clinical trials", "In the absence of randomized controlled trials": what says there are no trials
_NO_TRIALS = re.compile(r"\b(?:no|absence of|lack of|without|never)\b[^.]{0,40}\b(?:trials?|rcts?)\b", re.I)
_BACKGROUND_SENTENCE = {"rationale": _RATIONALE_SENTENCE, "trials": _NO_TRIALS}  # cue -> a background answer
# a treatment tried on a patient: "the tocilizumab trial failed", "a trial of colchicine"
# (not "has anyone done a real proper trial of tocilizumab?": a study of it)
_STUDY_TRIAL = (
    "real proper big large formal clinical controlled randomi[sz]ed good decent fair actual".split()
)
_TREATMENT_TRIAL = re.compile(
    rf"\b(?:a|the|his|her|their) (?:(?!(?:{'|'.join(_STUDY_TRIAL)})\b)\S+ )?trial (?:of|failed|was|did|didn|had)\b"
    + "|"
    + "".join(f"(?<!{w} )" for w in _STUDY_TRIAL)
    + r"\btrial of\b"
)
_THATS_WHY = re.compile(rf"\b{_THATS_WHY_WORDS}\b", re.I)  # a second part asking why of the first
_AUTHORS_SUGGEST = re.compile(r"\bauthors? (suggest|recommend|advise|propose)")
_TARGETING = re.compile(r"\btarget(s|ed|ing)?\b", re.I)
_MECHANISM_WORDS = re.compile(r"\b(monoclonal antibody|receptor antagonist|targeting|humanized)\b", re.I)
_RATIONALE_WORDS = re.compile(r"\b(rationale|elevated|dysregulat\w*|pathophysiolog\w*)\b", re.I)
_TRIAL_WORDS = re.compile(r"\b(trials?|rcts?|controlled stud\w*|randomi[sz]ed|prospective)\b", re.I)
# a sentence on what goes with what ("Cutaneous findings may be associated with a more aggressive course")
# "what is SAPHO short for? my grandson has CNO ...": the abbreviation asked about, not the others the question names
_NO_TERM = frozenset("letters letter initials acronym abbreviation it that this they these those".split())
_DEFINED = re.compile(
    r"\b([A-Za-z][\w-]*)\b['\"]?(?: (?:actually|even|really|exactly|again))? (?:stands? for|is short for|short for|mean|means)\b",
    re.I,
)
_NOT_ASKED_TERMS = frozenset(
    "proportion share percent percentage fraction pediatric adult patients children eventually thing which "
    "those these there their about".split()
)
_ASSOCIATION = re.compile(r"\b(associated with|predict\w*|prognosis)\b", re.I)
# who a study left out ("were over the age of 18"): the answer to "would its results apply to my 19-year-old?"
_EXCLUDED_WORDS = re.compile(r"\b(exclu\w*|over the age of|older than|did not attend)\b", re.I)
_MARKERS = {  # the first cue a question has says which marker its answer needs
    "mechanism": _MECHANISM_WORDS,
    "rationale": _RATIONALE_WORDS,
    "trials": _TRIAL_WORDS,
    "why": _WHY_WORDS,
    "dose": _DOSE_WORDS,
    "age": _AGE_WORDS,
    "number": _NUMBER,
    "exclusion": _EXCLUDED_WORDS,
}


@dataclass(frozen=True)
class Scored:
    """A candidate passage with the composer's answer score."""

    hit: Hit
    score: float


def _named(hits: Iterable[Hit]) -> set[str]:
    """The sources the question names clearly (by author, title or size), as retrieval marked its hits."""
    return {h.chunk.source_id for h in hits if h.named >= 1.0}


def _il6_levels(q_tokens: set[str]) -> bool:
    """Whether a question asks about IL-6 levels ("was IL-6 high?", "IL-6 running high in people with this?")."""
    return "il-6" in q_tokens and bool(q_tokens & _LEVEL_WORDS)


def _levels_asked(question: str, q_tokens: set[str], cues: set[str]) -> bool:
    """Whether the question asks for the treated cases' own IL-6 levels ("were IL-6 levels high before TCZ?").

    Not "does high IL-6 predict a response?" nor "is IL-6 high in adults too?": the authors' and reviews' words.
    """
    return (
        _il6_levels(q_tokens)
        # ("... high in the adult patients that got tocilizumab?": the treated patients, each)
        and bool(
            q_tokens & {"befor", "beforehand", "case", "report"}
            or ({"patient", "tocilizumab"} <= q_tokens and "rationale" not in cues)
        )
        and not _PREDICTS.search(question)
    )


@lru_cache(maxsize=4096)
def _share_of(question: str) -> re.Pattern[str] | None:
    """For a share question, the pattern of a percentage given right after one of its terms ("Remission achieved
    87%"), or None."""
    terms = _asked_terms(question) if _SHARE.search(question) else set()
    if not terms:
        return None
    stems = "|".join(re.escape(t[:6]) for t in sorted(terms))
    return re.compile(rf"\b(?:{stems})\w*[^.%\d]{{0,30}}\d+(?:\.\d+)?\s?%", re.I)


def _asked_terms(question: str) -> set[str]:
    """The question's own subject words (folded, five letters or more, no question or population word)."""
    return {
        t
        for t in words(question)
        if len(t) >= 5 and t.isalpha() and t not in STOPWORDS and t not in _NOT_ASKED_TERMS
    }


def _of_several(question: str, cues: set[str]) -> bool:
    """Whether a question asks of several patients or studies ("in the SAPHO reports", "the two women")."""
    return bool(cues & {"multi", "each"}) or bool(_PLURAL_CASES.search(question))


def intents(question: str) -> set[str]:
    """The kinds of answer a question asks for ("number", "why", "evidence", ...)."""
    text = " ".join(question.lower().split())
    cues = {name for name, pattern in _CUES.items() if pattern.search(text)}
    if "age" in cues and not _CUES["age"].search(_STATED_AGE.sub(" ", text)):
        cues.discard("age")  # "the 29 year old woman" names a patient; it does not ask an age
    if (
        "trials" in cues
        and _TREATMENT_TRIAL.search(text)
        and not _CUES["trials"].search(_TREATMENT_TRIAL.sub(" ", text))
    ):
        cues.discard("trials")  # "after the tocilizumab trial failed": a treatment tried, no clinical trial
    # "across the SAPHO case reports, what TCZ dose was given and what went wrong?": the harms (not "the 29 year old
    # woman who got the IL-6 blocker - what went wrong?" nor "what went wrong after it was given?": how it went)
    if _WENT_WRONG.search(text) and "after" not in cues and not _STATED_AGE.search(text):
        cues.add("adverse")
    tokens = set(tokenize(text))
    if "rct" in tokens:  # "a proper study where people were split at random into groups"
        cues.add("trials")
    # "bottom line on tocilizumab for CNO?", "toci in kids?", "actemra sapho": the evidence question
    if "tocilizumab" in tokens and ("overall" in cues or not tokens - _BARE_WORDS):
        cues.add("evidence")
    if "corroborate" in tokens:
        cues.add("corroborate")
    # "if the first things don't work, what do doctors try next?": the second-line drugs, not what a case did next
    if "second-line" in tokens:
        cues.discard("next")
    # "... mtx didn't help - what do the authors suggest next?": their recommendation, not what the case did next
    if _AUTHORS_SUGGEST.search(text):
        cues.discard("next")
    if "exclusion" in cues and re.search(r"\binclud(ed|e)\b", text):
        cues.add(
            "inclusion"
        )  # "were any adults included in Cam or Kaut?": who was in, as well as who was left out
    # "do NSAIDs do the job for most kids?": how a treatment did across the cohorts, each cohort's own figure
    most = bool(_MOST_PATIENTS.search(text) and tokens & _OTHER_TREATMENTS)
    # "which works better in kids, the anti-TNF biologics or the usual anti-inflammatories?": each cohort's figures
    most = most or bool(
        _WORKS_BETTER.search(text) and tokens & _OTHER_TREATMENTS and "tocilizumab" not in tokens
    )
    if most:
        cues |= {"multi", "most"}
    # "the man who got an abscess after TCZ - how were his kidneys?", "48M, shin pain since age 17 - outcome?":
    # a relative clause or a lead-in describes the patient; only the asked part says what kind of answer
    asked = (_DESCRIPTION_IN_DID if _AUXILIARY_FIRST.search(text) else _DESCRIPTION).sub(" ", text)
    split = asked_part(text)
    if split:
        asked = split
    for cue in _DETAIL_CUES:
        if cue in cues and not _CUES[cue].search(_STATED_AGE.sub(" ", asked) if cue == "age" else asked):
            cues.discard(cue)
    if most:  # and how it went in each: "NSAIDs were effective ... in nearly half of the patients"
        cues.add("response")
    elif (
        {"each", "evidence"} <= cues
        and _CUES["evidence"].search(asked)
        and not cues & {"number", "age", "why"}
    ):  # "does the drip actually help grown men whose shins keep flaring?": each one's course
        cues.add("response")
    elif "remission" in tokens and _SHARE.search(text):
        # "do most kids calm down for good?": the share in remission ("Remission achieved 87%")
        cues.add("number")
    return cues


def asked_part(question: str) -> str | None:
    """The short question after a patient's description ("48M, shin pain since 17 - outcome?"), or None."""
    text = re.sub(r"\?[?!]+", "?", " ".join(question.split()))  # "... 8mg/kg. response??"
    if "?" in text and not text.endswith(
        "?"
    ):  # "... - why no steroids? she'd had NSAIDs already": context after
        text = text[: text.rfind("?") + 1]
    match = _ASKED.search(text)
    if not match:
        return None
    asked, described = match.group(1), text[: match.start()]
    if match.group().startswith("?") and _GUESS_TAIL.fullmatch(asked.strip()):
        return None  # "how many of the 80 children are on TCZ? just one?": a guess at the answer, not the question
    # "... after toci - how was it treated, antibiotics? it resolved?": every question after the description
    while match.group().startswith("?") and (earlier := _ASKED.search(described + "?")):
        match = earlier
        asked, described = f"{earlier.group(1)} {asked}", described[: earlier.start()]
    if not ({"male", "female"} & set(words(described)) or re.search(r"\d", described)):
        return None  # "second anti-TNF after the first failed - how'd that go?": the lead-in is the question
    if _ABOUT_THAT.fullmatch(asked.strip()):
        return None  # "... now one of my legs is shorter than the other. is that common?": the description is asked
    return asked


def question_parts(question: str, names: frozenset[str] = frozenset()) -> list[str]:
    """The questions a compound question asks, each standing alone ("53F ... - why TCZ and what happened?").

    Each part keeps the patient's description that leads the question and the drugs named elsewhere in it, so
    "what happened?" after "why TCZ" still asks about tocilizumab. One part: not a compound question.
    """
    text = " ".join(question.split())
    pieces = [p.strip(" ,;?") for p in _COMPOUND.split(text)]
    described = ""
    lead_in = _LEAD_IN.match(pieces[0]) if pieces else None
    if lead_in:  # "<the patient's details> - why TCZ": the details lead every part
        described, pieces[0] = pieces[0][: lead_in.end()], pieces[0][lead_in.end() :]
    setting = _SETTING_FIRST.match(pieces[0]) if pieces and not lead_in else None
    if setting:  # "for SAPHO what dose was used and what side effects?": the setting leads every part
        described, pieces[0] = setting.group(), pieces[0][setting.end() :]
    # "In the 80-child cohort, how many ...": a setting; after a patient's description, a bare ask of a word or
    # three is a part ("... received RoActemra. Initial response, and what complication followed?")
    while (
        pieces
        and (not _ASKING.match(pieces[0]) or _WHEN_CLAUSE.match(pieces[0]))
        and not (lead_in and len(pieces[0].split()) <= 3)
    ):
        described += pieces.pop(0) + ", "
    pieces = [p for p in pieces if p and not _BARE_PART.fullmatch(p)]
    if len(pieces) <= 1 and VERSUS.search(text):
        return _sides(text, names)
    if not 2 <= len(pieces) <= 3:
        return [question]
    drugs = [t for t in dict.fromkeys(tokenize(text)) if t in _DRUGS]
    parts = []
    for piece in pieces:
        missing = [d for d in drugs if d not in set(tokenize(piece))]
        parts.append(described + piece + (f" ({' '.join(missing)})" if missing else "") + "?")
    return parts


_WITH_OR_WITHOUT = re.compile(r"\b(with|w/?)\s*$", re.I)
_WITHOUT = re.compile(r"\s*(without|w/o|no)\b", re.I)


_GOOD = frozenset({"improved", "remission"})
_BAD = frozenset({"worsened", "no response"})
_WORKED = re.compile(
    r"\b(?:work\w*|help\w*|succe\w*|effective|benefit\w*|respon\w*|better)\b(?:\s+\S+){0,6}?\s+(sapho|cno)\b"
)
_NEGATED = re.compile(r"\b(?:not|n't|didnt|doesnt|dont|never|no)\s+(?:\S+\s+)?$")


def _worked_in(question: str) -> str | None:
    """The condition a question says the drug worked in ("why did toci work in CRMO but not in SAPHO?"), upper
    case as the metadata names it; None when it says no such thing."""
    text = " ".join(words(question))
    for m in _WORKED.finditer(text):
        if not _NEGATED.search(text[: m.start()]):
            return m.group(1).upper()
    return None


def _sides(text: str, names: frozenset[str] = frozenset()) -> list[str]:
    """The two sides of 'A vs B' as questions, each with the setting and the ask they share.

    "Cam 2025: etanercept 1st-line response vs response after switching to adalimumab - numbers?" asks about
    "Cam 2025: etanercept 1st-line response - numbers?" and "Cam 2025: response after switching to adalimumab -
    numbers?".
    """
    match = VERSUS.search(text)
    left, right = text[: match.start()], text[match.end() :]
    if _WITH_OR_WITHOUT.search(left) and _WITHOUT.match(right):
        return [text]  # "pts with vs without vertebral involvement": one contrast, asked whole
    setting = _SETTING.match(left)
    prefix = setting.group() if setting else ""
    # "toci in adult CRMO vs toci in SAPHO - similar?": a preposition after the same words on both sides belongs
    # to each side
    ask = next(
        (
            m
            for m in _SIDE_END.finditer(right)
            if not (m.group(1) and f"{right[: m.start()].strip()} {m.group(1)} ".lower() in left.lower())
        ),
        None,
    )
    suffix = right[ask.start() :] if ask else "?"
    left, right = left[len(prefix) :], right[: ask.start()] if ask else right.rstrip("?")
    # ("Sato vs Sun: ... how do the reviews reconcile that?": the reviews' comparison, asked whole)
    names = frozenset() if _WHOLE_COMPARISON.search(text) else names
    if not (
        _side(left, names) and _side(right, names)
    ):  # "better vs worse" compares no two things asked about
        return [text]
    return [f"{prefix}{left}{suffix}", f"{prefix}{right}{suffix}"]


_WHOLE_COMPARISON = re.compile(r"\b(reviews?|reconcil\w*|explain\w*|why)\b", re.I)
_NAMED_SIDES = frozenset(tokenize("sapho cno pediatric adult")) | frozenset(_DRUGS)


def _side(text: str, names: frozenset[str] = frozenset()) -> bool:
    """Whether one side of 'A vs B' names something to compare: two words or more, a condition, group or drug, or
    a source by its first author's name (`names`, lower case: "fujita vs sun SAPHO cases")."""
    return len(text.split()) >= 2 or bool(set(tokenize(text)) & _NAMED_SIDES) or text.strip().lower() in names


def _as_written(word: str, question: str) -> str:
    """A missing abbreviation as the question wrote it ("GCA", "COVID-19"), any other word as folded."""
    found = re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", question, re.I)
    return found.group() if found and not found.group()[1:].islower() else word


def _plural(noun: str, n: int) -> str:
    """'case report' -> 'case reports', 'cohort study' -> 'cohort studies' (for template counts)."""
    if n == 1 or noun.endswith("s"):
        return noun
    return noun[:-1] + "ies" if noun.endswith("y") else noun + "s"


def quote(chunk: Chunk) -> str:
    """A passage as quoted in an answer: prose as one line; a table row followed by (table, column header)."""
    if chunk.kind == "row" and "\n" in chunk.text:
        header, row = chunk.text.split("\n", 1)
        return f"{_plain(row)} ({chunk.section}, {_plain(header)})"
    return _plain(chunk.text)


def _norm_space(text: str) -> str:
    """The text with its runs of whitespace as single spaces (a sentence compared with metadata)."""
    return " ".join(text.split())


def _joined(chunks: list[Chunk]) -> str:
    """Passages of one source quoted in reading order; " … " marks the text left out between two of them."""
    out = quote(chunks[0]) if chunks else ""
    for before, chunk in pairwise(chunks):
        adjacent = chunk.kind == before.kind == "sentence" and chunk.start - before.end <= 2
        out += (" " if adjacent else " … ") + quote(chunk)
    return out


def _plain(text: str) -> str:
    """Passage text as one line for Markdown (whitespace, incl. non-breaking spaces, collapsed)."""
    return " ".join(text.split())


class AnswerComposer:
    """Turns ranked hits plus source metadata into an `Answer` (Markdown with [n] markers and references)."""

    def __init__(
        self,
        chunks: list[Chunk],
        sources: dict[str, dict],
        lead_sentences: int = 3,
        weights: LeadWeights | None = None,
        names: Callable[[str], set[str]] | None = None,
    ) -> None:
        """`names`: the sources a text names clearly (the ranker's, by author, title or size); else by author."""
        self.sources = sources
        self.names = names or self.named_by_author
        self.weights = weights or LeadWeights()
        self.by_source: dict[str, list[Chunk]] = {}
        self.patients: dict[str, list[str]] = {}  # a case study's patients ("48-year-old man"), in order
        for chunk in chunks:
            self.by_source.setdefault(chunk.source_id, []).append(chunk)
            who = chunk.patient.split(",")[0]
            if who and who not in self.patients.setdefault(chunk.source_id, []):
                self.patients[chunk.source_id].append(who)
        self.lead_sentences = lead_sentences
        self.tokens = {c.id: set(tokenize(c.text)) for c in chunks}
        for toks in self.tokens.values():  # "did the inflammatory markers respond?": "ESR decreased rapidly"
            if toks & {"esr", "crp"}:
                toks |= {"inflammatori", "marker"}
        self.part_tokens: dict[tuple[str, str], set[str]] = {}
        self.parts: dict[tuple[str, str], list[Chunk]] = {}  # each part's passages in reading order
        for c in chunks:
            self.part_tokens.setdefault((c.source_id, c.section), set()).update(self.tokens[c.id])
            self.parts.setdefault((c.source_id, c.section), []).append(c)
        df = Counter(t for toks in self.tokens.values() for t in toks)
        n = max(len(chunks), 1)
        self.idf = {t: math.log(1 + (n - f + 0.5) / (f + 0.5)) for t, f in df.items()}
        self.source_words = {
            sid: set().union(*(self.tokens[c.id] for c in cs)) for sid, cs in self.by_source.items()
        }
        self.report_id = next((sid for sid, s in sources.items() if s["kind"] == "report"), None)
        self._on_drug = {sid: _norm_space(s.get("tocilizumab_outcome") or "") for sid, s in sources.items()}
        self.authors = author_patterns(sources)  # how a question names a source by first author
        self.surnames = frozenset(
            meta["short_name"].partition(" ")[0].lower() for meta in sources.values()
        )  # ("fujita vs sun": a side of a comparison)

    # ---- scoring
    def _overlap(self, q_tokens: set[str] | frozenset[str], tokens: set[str]) -> float:
        """The idf-weighted share of the question's words found in `tokens`."""
        if not q_tokens:
            return 0.0
        found = sum(self.idf.get(t, 3.0) for t in q_tokens & tokens)
        return found / self._weight(frozenset(q_tokens)) if found else 0.0

    @lru_cache(maxsize=1024)  # noqa: B019 - one composer per engine; a question's words weigh the same each time
    def _weight(self, q_tokens: frozenset[str]) -> float:
        return sum(self.idf.get(t, 3.0) for t in q_tokens)

    @staticmethod
    @lru_cache(maxsize=64)
    def _described(patient: str) -> frozenset[str]:
        """The age words of a patient description ("29-year-old"): they name the case, not a sentence of it."""
        return frozenset(t for t in tokenize(patient) if t == "year-old" or any(ch.isdigit() for ch in t))

    @staticmethod
    def _before_drug(question: str, drugs: set[str]) -> set[str]:
        """The drugs the question asks what came before ("before switching him to Actemra"), if any."""
        found: set[str] = set()
        for match in _CUES["before"].finditer(question.lower()):
            gap = question[match.end() :].lower().split()[:6]
            for i in range(len(gap)):  # the words so far ("before the IL-6 drug": the drug in three words)
                named = set(tokenize(" ".join(gap[: i + 1]))) & drugs
                if named:
                    if "on" not in gap[:i]:  # not "before MRI improved on tocilizumab"
                        found |= named
                    break
        return found

    def _anchor(self, chunk: Chunk, drugs: set[str]) -> tuple[list[Chunk], int | None]:
        """`chunk`'s labelled part and the position of that part's first mention of `drugs` (None if none)."""
        part = self.parts.get((chunk.source_id, chunk.section), [])
        return part, next((i for i, c in enumerate(part) if self.tokens[c.id] & drugs), None)

    def _just_before(self, chunk: Chunk, drugs: set[str]) -> bool:
        """Whether `chunk` is the sentence right before its part's first mention of `drugs`."""
        part, anchor = self._anchor(chunk, drugs)
        return anchor is not None and anchor > 0 and part[anchor - 1] is chunk

    def _in_order(self, chunk: Chunk, drugs: set[str], when: str) -> bool:
        """Whether `chunk` comes after (or before; "response": at or after) its part's first mention of `drugs`."""
        part, anchor = self._anchor(chunk, drugs)
        if anchor is None:
            return False
        i = part.index(chunk)
        if when == "before":
            return i < anchor
        return i > anchor if when == "after" else i >= anchor  # how it went: the drug's own sentence, then on

    def score(
        self, question: str, hits: list[Hit], cues: set[str], naming: set[str] | None = None
    ) -> list[Scored]:
        """Re-score hits for answering (not just topicality): word overlap, cues, section, numbers.

        `naming`: for one part of a compound question, the sources that part names (else the hits' own `named`).
        """
        if not hits:
            return []
        w = self.weights
        q_tokens = set(tokenize(without_size(question)))  # "the ~80 kids": which study, not a figure
        wanted_sections = {s for cue in cues for s in _SECTION_FOR.get(cue, ())}
        ranked = dict.fromkeys(h.chunk.source_id for h in hits)
        authored = naming & self.named_by_author(question) if naming else set()
        if authored:  # one side of "Sato vs Sun": the source this part names by author ranks first
            ranked = dict.fromkeys([*(sid for sid in ranked if sid in authored), *ranked])
        source_rank = {sid: r for r, sid in enumerate(ranked)}
        # "what was tried before tocilizumab?", "what helped after it failed?": order within a case matters
        split = asked_part(question)
        # the drug the asked part names orders the case ("previously on prednisolone ... - outcome on TCZ?")
        drugs = set(tokenize(split)) & _DRUGS if split else set()
        if split and not drugs:  # "... NSAIDs, DMARDs ... -> tocilizumab. did it work?": the drug named last
            named = [t for t in tokenize(question[: question.rfind(split)]) if t in _DRUGS]
            drugs = set(named[-1:])
        drugs = drugs or q_tokens & _DRUGS
        if not drugs and "response" in cues and _DID_IT.search(question):
            drugs = {
                "tocilizumab"
            }  # "did the drip sort them out?": the corpus's drug, when no other is named
        # "given toci. what happened after?": how it went, from the drug's own sentence on (not only what followed)
        when = next((w for w in ("response", "after", "before") if w in cues), None) if drugs else None
        first = self._before_drug(question, drugs) if when and "before" in cues else set()
        if first:  # "what did they try before tocilizumab that didn't work?": what came before that drug
            when = "before"
        just_before = bool(first) and bool(_JUST_BEFORE.search(question))
        # "what had each man tried before TCZ?" asks for treatments (not "was IL-6 raised before treatment?")
        tried_before = bool(first) and when == "before" and bool(_TRIED_BEFORE.search(question))
        efficacy = "evidence" in cues and "tocilizumab" not in q_tokens and not hits[0].described
        focus = set(tokenize(split)) | drugs if split else None
        # "... developed an abscess - how did they treat it?": what the case says after the event described
        event = set()
        if "next" in cues:
            # "... got toci, joints got better but then what?", "after toci was stopped, what did they switch
            # to?": the event the question tells before it asks; else the description before the asked part
            where = split or question
            told = _CUES["next"].search(where.lower())
            event = set(tokenize(where[: told.start()])) - _WHO if told else set()
            if told and len(event) < 2 and not split:  # "how did they get rid of the sterile chest abscess?"
                event = set(tokenize(where[told.end() :])) - _WHO
            if len(event) < 2 and split:  # the description's last clause: "... about 3 wks later a lump"
                described = question[: question.rfind(split)].rstrip(" .;:-—–")
                clauses = [c for c in re.split(r"[.;]\s+", described) if len(set(tokenize(c)) - _WHO) >= 2]
                event = set(tokenize(clauses[-1] if clauses else described)) - _WHO
        event = {t for t in event if not t[0].isdigit()}  # "53-year-old SAPHO patient" says who, not what
        # "after toci was stopped in the SAPHO reports, what did they switch to?": every case, not the first;
        # "when actemra failed or caused problems, what did the doctors switch to?": no one case is meant, so each
        plural = _of_several(question, cues) or ("tocilizumab" in event and self._no_one_case(question, hits))
        # "when tocilizumab failed, what did people switch to?": not the cases where it did well
        failed = plural and "tocilizumab" in event and bool(event & _FAILED)
        anchors = self._events(hits, event, source_rank, plural, failed) if event else {}
        # as written: "what does CRMO stand for?" asks for the words before "(CRMO)", not the folded "cno"
        named = _DEFINED.search(question)
        if named and named.group(1).lower() in _NO_TERM:  # "SAPHO - what do the letters stand for?"
            named = None
        defined = (
            set(re.findall(r"[a-z]+", (named.group(1) if named else question).lower()))
            if "definition" in cues
            else set()
        )
        # "which agents have prospective data?": the passage that names them
        which_drugs = bool(_WHICH_TREATMENT.search(question))
        # ("young guy on seizure meds ... - which drug finally worked for him?": his story answers, drug named or not;
        # so does each part of a question in several)
        drugs_named_needed = which_drugs and not (
            _ONE_PATIENT.search(question) or len(question_parts(question, self.surnames)) > 1
        )
        # "were IL-6 levels high before TCZ in the case reports?": each case's sentence that reports them elevated
        # (not "does high IL-6 predict a response?" nor "is IL-6 high in adults too?": the authors' and reviews' words)
        il6_levels = _il6_levels(q_tokens)
        levels_asked = _levels_asked(question, q_tokens, cues)
        # "how did the lab markers compare with how they did?": the sentences that give ESR or CRP by name (not "normal
        # markers on TCZ - still progressing?": Sun's markers that stayed normal answer that)
        markers_asked = {"inflammatori", "marker"} <= q_tokens and not {"remain", "normal"} <= q_tokens
        sequelae = asks_sequelae(question)
        # "in the SAPHO cases did the labs improve even when things went wrong?": each case's sentence where the markers
        # fell on the drug ("ESR decreased rapidly; however, ...")
        labs_course = "tocilizumab" in q_tokens and labs_against_course(question)
        # "in the 80-kid study how many were on TCZ?": the sentence that counts the patients on that drug ("1 on
        # tocilizumab"), not every sentence with a number in it
        counted_on = (
            re.compile(
                rf"\b\d+ (?:\w+ )?(?:on|received|receiving) (?:{'|'.join(sorted(q_tokens & _DRUGS))})\b", re.I
            )
            if "number" in cues and q_tokens & _DRUGS and _HOW_MANY_ON.search(question)
            else None
        )
        by_author = self.named_by_author(question)
        # "is IL-6 running high in people with these conditions / is that typical?": what the reviews say of patients
        # at large, not one case's labs
        levels_general = (
            il6_levels
            and not q_tokens & {"befor", "beforehand", "case", "report", "tocilizumab"}
            and not hits[0].described
            and not by_author
        )
        # "has TCZ ever made CRMO worse in a child?" (CNO itself worse on a drug; no better outcome asked alongside)
        worse_on = (
            {"worsen", "cno"} | (q_tokens & _DRUGS)
            if {"worsen", "cno"} <= q_tokens
            and q_tokens & _DRUGS
            and not _BETTER.search(_NOT_BETTER.sub(" ", question))
            else set()
        )
        share_asked = bool(_SHARE.search(question))
        # "what share of kids calm down for good?": the percentage given right after the thing asked ("Remission
        # achieved 87%"), not any percentage of the same study
        share_of = _share_of(question)
        how_long = bool(_HOW_LONG.search(question))
        what_drug = bool(_WHAT_DRUG.search(question))
        # "mostly adults or children?": the review's count of the reports
        tally = tallies_populations(question)
        # the other drugs a question about harms names, when it does not name tocilizumab
        others_asked = q_tokens & _OTHER_TREATMENTS if "tocilizumab" not in q_tokens else set()
        # "what goes wrong in the immune system?": the passage that says which cytokines, not that it is known
        biology = "pathophysiology" in q_tokens

        @cache
        def part_overlap(source_id: str, section: str) -> float:  # hits share parts: each part's share once
            return self._overlap(q_tokens, self.part_tokens.get((source_id, section), set()))

        criteria_first = not _named(hits)
        # "the 2 adult men - MRI in each?": asked of every patient, so no one patient is the one described
        one_patient = "each" not in cues
        first_described = hits[0].described and one_patient
        scored = []
        for r, hit in enumerate(hits):
            chunk = hit.chunk
            described = hit.described and one_patient
            # words that described the patient ("the 29-year-old") found the case; the rest find the sentence
            asked = q_tokens - self._described(chunk.patient) if described else q_tokens
            if focus is not None:  # "<the case's details> - outcome?": the details found the case
                asked = focus
            s = (
                w.rank / (1 + r / 4)
                + w.dense * hit.dense
                + w.overlap * self._overlap(asked, self.tokens.get(chunk.id, set()))
                + w.section * part_overlap(chunk.source_id, chunk.section)
                + w.source / (1 + source_rank[chunk.source_id])
            )
            # "what was tried right before TCZ?": the treatment just before that drug's own sentence (not the case's
            # opening, which presents the patient the question described)
            presents = (
                described and self.parts[(chunk.source_id, chunk.section)][0] is chunk
            )  # the case's opening
            opening = just_before and presents
            # ("for that 26 yr old man with seizures, what did they try before the IL-6 drug?": his presentation, which
            # the description matched, names no treatment of the disease, so it answers nothing asked)
            if when == "before" and presents and not self.tokens.get(chunk.id, set()) & _DRUGS:
                s -= 2 * w.cue_order
            if when and self._in_order(chunk, first or drugs, when) and not opening:
                s += w.cue_order
                # "what did they try before TCZ?": the sentences before it that name another treatment
                if tried_before and not il6_levels and self.tokens.get(chunk.id, set()) & (_DRUGS - first):
                    s += w.cue_order
                if just_before and self._just_before(chunk, first):
                    s += 2 * w.cue_order
                # within the case retrieval chose, the sentence that says how it went
                # (in every study when asked across them: "do NSAIDs settle it for most kids?")
                top_case = (
                    described
                    or source_rank[chunk.source_id] == 0
                    or chunk.source_id in (naming or ())
                    or "multi" in cues
                )
                if when == "response" and top_case and _RESULT_WORDS.search(chunk.text):
                    s += w.cue_order
            elif when == "response" and (chunk.patient or not _RESULT_WORDS.search(chunk.text)):
                s -= (
                    w.cue_order
                )  # "<his history> - outcome on TCZ?": not the history, nor a passage of no result
            anchor = anchors.get((chunk.source_id, chunk.section))
            if failed and not self._went_badly(chunk.source_id):
                s -= 2 * w.cue_order
            if anchor is not None:  # what came after the event; the event itself the question told
                i = self.parts[(chunk.source_id, chunk.section)].index(chunk)
                if i > anchor:  # what came next (often another treatment), or how it ended
                    then = (
                        i == anchor + 1 or _RESULT_WORDS.search(chunk.text) or self.tokens[chunk.id] & _OTHERS
                    )
                    s += w.cue_order + (w.cue_order if then else 0.0)
                else:
                    s -= w.cue_order
            if biology and self.tokens[chunk.id] & _BIOLOGY:
                s += w.cue_why
            if described:
                s += w.patient
            elif first_described and (chunk.patient or chunk.source_id != hits[0].chunk.source_id):
                s -= w.patient  # the question describes another patient than this one
            # "Adult CRMO (Sato): how did it go?", one side of "Sato vs Sun": the source this part names
            s += w.named * ((chunk.source_id in naming) if naming else hit.named)
            # "do TNF inhibitors work in kids?", "are OTC painkillers enough on their own?": the larger study answers
            # that best (a case report cannot say what works for most)
            if efficacy or "most" in cues:
                n = self.sources[chunk.source_id].get("n_patients") or 0
                s += w.study_size * math.log10(max(n, 1)) / 2
            # "side effects on ustekinumab, then golimumab?": the passage on those drugs, not a table's bare
            # "Adverse Events" row
            off_drug = bool(others_asked) and not others_asked & self.tokens.get(chunk.id, set())
            if chunk.section in wanted_sections and not ("adverse" in cues and off_drug):
                s += w.cue_section
                # "were any grown-ups let into that study of kids?" (no study named): who a study left out (and, when
                # inclusion is asked too, who it took in) answers, whatever else matches
                if criteria_first and chunk.section in ("Exclusion Criteria", "Inclusion Criteria"):
                    s += 2 * w.cue_why
            # the table row with p < 0.05 values (none is on tocilizumab: "did IL-6 predict a TCZ response?" is not
            # asking for Cam 2025's relapse predictors)
            if "significance" in cues and chunk.kind == "row" and "tocilizumab" not in q_tokens:
                s += w.cue_significance * min(2, len(_SMALL_P.findall(chunk.text.split("\n", 1)[-1])))
            if "prognosis" in cues and _ASSOCIATION.search(chunk.text):
                # "skin bumps too - will her illness be nastier?": the authors' sentence on what goes with a worse course
                s += 2 * w.cue_significance
            if "number" in cues and _NUMBER.search(chunk.text):
                s += w.cue_number
                if counted_on and counted_on.search(chunk.text):
                    s += w.cue_share
                if how_long and _TIME_SPAN.search(chunk.text):  # "how long did it take?": a time in months
                    s += w.cue_time
                if share_asked and "%" in chunk.text:  # "what share went into remission?": a percentage
                    s += w.cue_number
                    if share_of and share_of.search(chunk.text):
                        s += w.cue_share
            background = self.sources[chunk.source_id]["kind"] != "study"
            review = self._review(chunk.source_id)
            # "did the panel that planned a trial say anything about the IL-6 drip?": a review's own sentence on the
            # drug answers what it says of it
            if (
                review
                and {"tocilizumab", "consensus"} <= q_tokens
                and _norm_space(chunk.text) in self._on_drug.get(chunk.source_id, "")
            ):
                s += w.cue_why
            for cue in ("mechanism", "rationale", "trials"):
                if cue not in cues or not _MARKERS[cue].search(chunk.text):
                    continue
                # why IL-6 blockade should help at all: a case's own labs are no rationale unless it is the one asked
                if cue == "rationale" and not (background or described or hit.named):
                    continue
                # "what kind of drug is actemra?": the words that say what it is answer, whatever else matches
                s += 2 * w.cue_why if cue == "mechanism" and what_drug else w.cue_why
                # "what is tocilizumab's target?": the sentence that names what it targets
                if cue == "mechanism" and "target" in q_tokens and _TARGETING.search(chunk.text):
                    s += w.cue_why
                # "any proper trials of TCZ?": the passage on trials of that drug, not of treatment at large
                if cue == "trials" and q_tokens & _DRUGS & self.tokens.get(chunk.id, set()):
                    s += w.cue_why / 2
            # "when it failed, what did they use afterwards?": what a case did next, never a review's verdict
            if "next" in cues and background:
                s -= w.cue_why
            # why IL-6 blockade should help at all: the reviews' biology, not one case's labs
            if "rationale" in cues and background and not described:
                s += w.cue_why
                # "why would switching off that messenger help?": the rationale for blocking it, not CNO's biology
                # (unless that biology is asked, or a study's own reasons)
                if (
                    "tocilizumab" in q_tokens
                    and "tocilizumab" in self.tokens.get(chunk.id, set())
                    and not by_author
                    and not (biology or q_tokens & _BIOLOGY)
                ):
                    s += w.cue_why / 2
            if which_drugs and self.tokens[chunk.id] & (_OTHER_TREATMENTS - drugs):
                s += w.cue_order
            elif drugs_named_needed and not self.tokens[chunk.id] & _DRUGS:
                s -= w.cue_order  # "which medicines have prospective data?": a passage naming none cannot say
            if defined and any(f"({name})" in chunk.text.lower() for name in defined):
                s += 2 * w.cue_why  # "what does SAPHO stand for?": the words before "(SAPHO)"
            # ("why would anyone think blocking IL-6 helps?": the reviews' rationale, not a case's "leading to")
            if (
                "why" in cues
                and _WHY_WORDS.search(chunk.text)
                and (background or "rationale" not in cues or chunk.source_id in by_author or described)
            ):
                s += w.cue_why
            # ("TCZ dosing?": not a passage on another drug's doses)
            if (
                "dose" in cues
                and _DOSE_WORDS.search(chunk.text)
                and (
                    "tocilizumab" not in q_tokens
                    or bool(q_tokens & _OTHER_TREATMENTS)  # "failed toci - what golimumab dose?"
                    or "tocilizumab" in self.tokens.get(chunk.id, set())
                )
            ):
                # "what dose did they give, per kilo?": a dose with its figure ("8 mg/kg") more than a word on dosing
                s += w.cue_dose if _DOSE_FIGURE.search(chunk.text) else w.cue_dose / 2
            if tally and self.tokens.get(chunk.id, set()) >= _TALLY_TOKENS:
                s += 2 * w.cue_why
            elif tally and _BOTH_POPULATIONS_CASES.search(chunk.text):
                # and the report's "isolated adult and pediatric cases describing improvements"
                s += 1.5 * w.cue_why
            if levels_asked and chunk.patient and {"il-6", "elevated"} <= self.tokens.get(chunk.id, set()):
                s += w.cue_why
            if levels_general and review and {"il-6", "elevated"} <= self.tokens.get(chunk.id, set()):
                s += 2 * w.cue_why
            if "adverse" in cues and _ADVERSE_WORDS.search(chunk.text) and not off_drug:
                s += w.cue_adverse
                # "has TCZ ever made CRMO worse in a child?": the sentence where that drug is the one it worsened on
                if worse_on and worse_on <= self.tokens.get(chunk.id, set()):
                    s += 2 * w.cue_order
            if (
                labs_course
                and _MARKERS_MOVED.search(chunk.text)
                and self.sources[chunk.source_id]["kind"] == "study"
            ):
                s += 3 * w.cue_order
            if markers_asked and {"esr", "crp"} & self.tokens.get(chunk.id, set()):
                s += w.cue_number
            if "who" in cues and "year-old" in chunk.text:
                s += w.cue_who
            if "age" in cues and ("year-old" in chunk.text or " age " in f" {chunk.text.lower()} "):
                s += w.cue_age
            if chunk.section in _NAMING_PARTS and not (cues & {"reference", "level", "search"}):
                s -= w.off_topic_part
            # who was kept out ("over the age of 18") answers only a question about who was studied
            if chunk.section in _CRITERIA and not cues & {"exclusion", "inclusion", "design", "methods"}:
                s -= w.off_topic_part
            # what a study meant to measure ("long-term sequelae") is no result: not the answer to "what sequelae?"
            if chunk.section == "Outcome Measures" and sequelae and "measures" not in cues:
                s -= 2 * w.off_topic_part
            # a table's key of abbreviations ("CRP: C-reactive protein; ESR: ...") answers only "what does it stand for"
            if "definition" not in cues and _GLOSSARY.match(chunk.text):
                s -= w.off_topic_part
            tiny = len(chunk.text) < 25 and not _NUMBER.search(chunk.text)
            if chunk.kind == "header" or (tiny and chunk.section not in wanted_sections):
                s -= 0.2
            scored.append(Scored(hit, s))
        scored.sort(key=lambda x: (-round(x.score, 9), x.hit.position))  # ties broken the same way everywhere
        return scored

    def _went_badly(self, sid: str) -> bool:
        """Whether tocilizumab went badly in a source, by its metadata (no response, worse, an adverse event); a
        source with no outcome stated counts as one it may have."""
        outcomes = set(self.sources[sid].get("outcome") or ())
        return not outcomes or bool(outcomes & {"no response", "worsened", "adverse event"})

    def _no_one_case(self, question: str, hits: list[Hit]) -> bool:
        """Whether a question means no one case: it describes no patient, names no study by author, speaks of no
        one patient ("when actemra failed, what did people switch to?")."""
        return not (
            (hits and hits[0].described) or self.named_by_author(question) or _ONE_PATIENT.search(question)
        )

    def _events(
        self,
        hits: list[Hit],
        event: set[str],
        source_rank: dict[str, int],
        plural: bool = False,
        failed: bool = False,
    ) -> dict[tuple, int]:
        """In the case retrieval chose (every case when asked of several), each part's passage that best matches
        the described event (its index); `failed` ("after tocilizumab failed, what worked?"): not in the cases
        where it did well, by their outcome."""
        anchors = {}
        for key in {
            (h.chunk.source_id, h.chunk.section)
            for h in hits
            if h.described or not source_rank[h.chunk.source_id] or (plural and h.chunk.patient)
        }:
            if failed and not self._went_badly(key[0]):
                continue
            part = self.parts.get(key, [])
            overlaps = [self._overlap(event, self.tokens[c.id]) for c in part]
            if overlaps and max(overlaps) > 0:  # on a tie the later passage: the story told has moved on
                anchors[key] = max(range(len(overlaps)), key=lambda i: (overlaps[i], i))
        return anchors

    def _continuation(self, chosen: list[Scored], q_tokens: set[str], outcome: bool = False) -> Scored | None:
        """The sentence after the best passage, when it says what the question asks and the passage does not.

        "Of note, the use of tocilizumab is not specifically addressed in this consensus." answers "do the
        consensus plans cover tocilizumab?" only together with the sentence before it.
        """
        chunk = chosen[0].hit.chunk
        part = self.by_source[chunk.source_id]
        i = part.index(chunk) + 1
        if i >= len(part) or part[i].section != chunk.section or part[i].kind != chunk.kind:
            return None
        after = part[i]
        if len(after.text) > self.weights.continuation_chars or any(c.hit.chunk is after for c in chosen):
            return None
        shown = set().union(*(self.tokens[c.hit.chunk.id] for c in chosen))
        new = (q_tokens & self.tokens[after.id]) - shown
        # "how did he do on TCZ?": the case's next sentence goes on with how it went ("Over eight months, MRI
        # findings improved")
        goes_on = outcome and _RESULT_WORDS.search(after.text)
        if not goes_on and sum(self.idf.get(t, 3.0) for t in new) < self.weights.continuation_idf:
            return None
        return Scored(Hit(after, 0.0, 0.0, 0.0, -1), chosen[0].score)

    def lead(self, scored: list[Scored], cues: set[str], q_tokens: set[str] | None = None) -> list[Scored]:
        """1-3 passages that answer: the best, plus close runners-up (from other sources for broad questions)."""
        if not scored:
            return []
        quotable = [
            s for s in scored if s.hit.chunk.section not in _NOT_LEAD or cues & {"reference", "level"}
        ]
        if not quotable:
            return []
        scored = quotable
        best = scored[0]
        # "did the SAPHO results match the CNO ones?": the sentence comparing them leads
        if "corroborate" in cues:
            near = (s for s in scored if s.score >= best.score - self.weights.marker_margin)
            comparing = next((s for s in near if _CORROBORATES.search(s.hit.chunk.text)), None)
            if comparing is not None:
                rest = self.lead(scored, cues - {"corroborate"}, q_tokens)
                return [comparing, *[s for s in rest if s is not comparing]][: self.lead_sentences]
        marker = next((m for cue, m in _MARKERS.items() if cue in cues), None)
        background_cue = next((cue for cue in _BACKGROUND_SENTENCE if cue in cues), None)
        if background_cue and not best.hit.described and "study_named" not in cues:
            # "is there a reason in the blood that makes docs think it helps?", "any proper trials?": each
            # background paper's sentence that says it (the report's, the review's, the consensus'), the best first
            says: dict[str, Scored] = {}
            saying = _BACKGROUND_SENTENCE[background_cue]
            for s in scored:
                chunk = s.hit.chunk
                if self.sources[chunk.source_id]["kind"] != "study" and saying.search(chunk.text):
                    says.setdefault(chunk.source_id, s)
            # ("anybody done a proper big test with a dummy pill group?": that there are none answers, wherever it ranks)
            # (not "does the CARRA consensus for the planned trial say anything about TCZ?": that paper's own words)
            # (nor "why would knocking out this one signalling protein make sense?": the rationale, as they state it)
            wide = not _named(s.hit for s in scored)
            margin = self.weights.marker_margin if wide else self.weights.broad_margin
            if says and best.score - max(s.score for s in says.values()) <= margin:
                return list(says.values())[: self.lead_sentences]
        # each patient of the case series retrieval chose: the best passage of each case part (not "did the docs who
        # wrote up the 2 women tell doctors to stay away from it?": the authors' conclusion)
        if "each" in cues and "conclusion" not in cues:
            per: dict[
                str, Scored
            ] = {}  # asked of every patient: each case's best, however far below the best
            for s in scored:
                chunk = s.hit.chunk
                if chunk.source_id == best.hit.chunk.source_id and chunk.patient:
                    per.setdefault(chunk.section, s)
            if len(per) > 1:
                return list(per.values())[: self.lead_sentences]
        if "levels" in cues:
            # "in which patients was IL-6 high before TCZ?": each source's case sentence that reports it elevated,
            # then each further patient's, however far below the best
            elevated = [
                s
                for s in scored
                if s.hit.chunk.patient and {"il-6", "elevated"} <= self.tokens.get(s.hit.chunk.id, set())
            ]
            across = {}
            for s in elevated:
                across.setdefault(s.hit.chunk.source_id, s)
            cases = {(s.hit.chunk.source_id, s.hit.chunk.section): s for s in reversed(elevated)}
            further = [s for s in cases.values() if s not in across.values()]
            if len(across) > 1:
                return [*across.values(), *further][: self.weights.levels_sentences]
        if "multi" in cues:
            # "what dose in these reports?": each source's passage with the marker; "where do bisphosphonates fit
            # across these papers?": each source's passage naming the other treatment asked about
            shared = [
                t
                for t in (q_tokens or set()) & _OTHER_TREATMENTS
                if sum(t in words for words in self.source_words.values()) > 1
            ]
            # (sorted first: of equally rare treatments the same one every run, whatever the set's hash order)
            topic = max(sorted(shared), key=lambda t: self.idf.get(t, 0.0), default=None)
            # "where does TCZ fit in the two pediatric cohorts?": each source's passage that names the drug asked
            if (
                topic is None
                and not marker
                and "tocilizumab" in (q_tokens or set())
                and not cues - {"multi", "number", "response", "evidence", "each"}
            ):
                topic = "tocilizumab"
            each: dict[str, Scored] = {}
            how_it_went = "response" in cues or bool((q_tokens or set()) & _HOW_IT_WENT)
            for s in scored:
                near = s.score >= best.score - self.weights.multi_margin
                if (
                    "most" in cues
                ):  # "are OTC painkillers enough for most?": each cohort's figure, not a case's
                    near = (self.sources[s.hit.chunk.source_id].get("n_patients") or 0) >= self.weights.cohort
                has = marker.search(s.hit.chunk.text) if marker else topic in self.tokens[s.hit.chunk.id]
                if near and has:
                    sid = s.hit.chunk.source_id
                    # "compare TCZ response in Sato with Campbell": each study's sentence that says how it went
                    if (
                        sid in each
                        and how_it_went
                        and not marker
                        and not _RESULT_WORDS.search(each[sid].hit.chunk.text)
                        and _RESULT_WORDS.search(s.hit.chunk.text)
                    ):
                        each[sid] = s
                    each.setdefault(sid, s)
            if len(each) > 1 and (marker or topic):
                # "do NSAIDs settle it down for most kids?": the cohorts' results before a consensus's advice
                ranked = sorted(
                    each.values(),
                    key=lambda s: how_it_went and not marker and not _RESULT_WORDS.search(s.hit.chunk.text),
                )
                return ranked[: self.lead_sentences]
            # "were IL-6 levels high in the adult case reports?": each source's best, then each further patient's of
            # a case series, not one source's run
            across: dict[str, Scored] = {}
            patients: dict[tuple[str, str], Scored] = {}
            for s in scored:
                if s.score >= best.score - self.weights.multi_margin:
                    chunk = s.hit.chunk
                    # "what adverse effects showed up in the SAPHO reports?": the sentence naming the harm, not
                    # one that refers to "this adverse event"
                    if (
                        "adverse" in cues
                        and chunk.source_id in across
                        and not _NAMED_HARM.search(across[chunk.source_id].hit.chunk.text)
                        and _NAMED_HARM.search(chunk.text)
                    ):
                        across[chunk.source_id] = s
                    across.setdefault(chunk.source_id, s)
                    key = (chunk.source_id, chunk.section if chunk.patient else "")
                    # (and each further patient's named harm, not how she presented)
                    if (
                        "adverse" in cues
                        and key in patients
                        and not _NAMED_HARM.search(patients[key].hit.chunk.text)
                        and _NAMED_HARM.search(chunk.text)
                    ):
                        patients[key] = s
                    patients.setdefault(key, s)
            # "what harms showed up in the SAPHO reports?": the cases' own events, each patient's, before a review's
            # mention of them
            cases = {sid: s for sid, s in across.items() if self.sources[sid]["kind"] == "study"}
            if "adverse" in cues and len(cases) > 1:
                across = cases
            if len(across) > 1:
                further = [
                    s
                    for s in patients.values()
                    if s.hit.chunk.source_id in across and s is not across[s.hit.chunk.source_id]
                ]
                return [*across.values(), *further][: self.lead_sentences]
        # a "why / what dose / how old / how many" question is answered by a passage that has the marker
        for cue, marker in _MARKERS.items():
            if cue in cues and not marker.search(best.hit.chunk.text):
                near = [  # within the source retrieval chose: the marker picks the sentence, not the study
                    s
                    for s in scored
                    if s.score >= best.score - self.weights.marker_margin
                    and s.hit.chunk.source_id == best.hit.chunk.source_id
                ]
                best = next((s for s in near if marker.search(s.hit.chunk.text)), best)
                scored = [best, *[s for s in scored if s is not best]]
                break
        chosen = [best]
        broad = bool(cues & {"evidence", "adverse", "multi"})
        for cand in scored[1:]:
            if len(chosen) >= self.lead_sentences:
                break
            if cand.score < best.score - (self.weights.broad_margin if broad else self.weights.margin):
                break
            same_source = [c for c in chosen if c.hit.chunk.source_id == cand.hit.chunk.source_id]
            if broad and same_source:
                continue
            chosen.append(cand)
        outcome = bool(cues & {"response", "after", "next"})
        follow = self._continuation(chosen, q_tokens, outcome) if q_tokens and len(chosen) < 3 else None
        if follow:
            chosen.insert(1, follow)
        return chosen

    def _compound_lead(self, question: str, hits: list[Hit], group: list[str] | None = None) -> list[Scored]:
        """For a compound question, each part's best passages in turn (the part's own cues pick them); else [].

        `group`: the studies of the group asked about ("what dose did the SAPHO patients get and what side effects
        showed up?"), each part quoting each of them.
        """
        parts = question_parts(question, self.surnames)
        # "toci in adult-onset CNO vs in SAPHO": each side the studies of the population or condition it names
        sides = [self._side_studies(p) for p in parts] if VERSUS.search(question) and len(parts) == 2 else []
        # "did toci in SAPHO match adult-onset CNO?": what compares them, then each condition's results
        agree = "corroborate" in tokenize(question)
        by_condition = len(parts) < 2 and agree and {"sapho", "cno"} <= set(words(question))
        if by_condition:
            parts = [question, question]
            sides = [self._side_studies(question, condition) for condition in ("SAPHO", "CNO")]
        if len(parts) < 2:
            return []
        chosen: dict[str, Scored] = {}
        whole = self.names(question)
        if not (sides and all(sides) and sides[0] != sides[1]):  # both sides name groups, and different ones
            sides = []
        on_drug = "tocilizumab" in tokenize(question)
        # "do the results agree?": what compares them leads (not "Sato vs Sun: how did it differ?", which names the
        # two studies to quote: their own summing up)
        if sides and agree:
            asks = intents(question)
            whole_scored = self.score(question, hits, asks)
            studies = self.named_by_author(question)
            if len(studies) < 2:
                for s in self.lead(whole_scored, asks)[:1]:
                    chosen[s.hit.chunk.id] = s
            # each condition's studies by how their authors said tocilizumab did (unless it asks something else of
            # each: "did high IL-6 predict response? compare SAPHO and CNO"); of the studies named, those
            # ("... per the Roberts review?": that review's own sentences follow instead)
            named_review = any(self._review(sid) for sid in self.names(question))
            if not asks & {"significance", "number", "dose"} and (by_condition or not named_review):
                # "why did it work in CRMO but not in SAPHO?": each side's best in turn, the side it worked in
                # by its studies where it worked, the other by those where it did not
                worked = _worked_in(question)
                outcomes = []
                for side in sides:
                    found = self._outcomes(side & studies if len(studies) > 1 else side, whole_scored)
                    if worked and all(matches(self.sources[sid], None, worked) for sid in side):
                        found.sort(
                            key=lambda s: (not set(self._meta(s)["outcome"]) & _GOOD, -self._drug_share(s))
                        )
                    elif worked:
                        found.sort(
                            key=lambda s: (not set(self._meta(s)["outcome"]) & _BAD, -self._drug_share(s))
                        )
                    outcomes.append(found)
                for row in zip_longest(*outcomes):
                    for s in row:
                        if s is not None:
                            chosen.setdefault(s.hit.chunk.id, s)
                return list(chosen.values())[: self.weights.compound_lead]
        for i, part in enumerate(parts):
            # each side its own results; what compares them leads above
            cues = intents(part) - {"corroborate"}
            # "Sato vs Sun", "the Belgian cohort vs Cam 2025": each side the source it names
            own = self.names(part) or (sides[i] if sides else set())
            if sides and on_drug:  # two groups' results on the drug: how it went
                cues.add("response")
            scored = self.score(part, hits, cues, own if own and own != whole else None)
            before = len(chosen)
            best = self.lead(scored, cues, set(tokenize(part)))
            limit = self.weights.part_lead
            if group and not own:  # the part's best, then each study of the group it lacks
                best = self._with_group(best[:1], scored, group, cues, set(tokenize(part)), best)
                limit = len(best)
            for s in best[:limit]:
                chosen.setdefault(s.hit.chunk.id, s)
            if len(chosen) == before:  # "<the event> - was it an infection? what did bloods show?": the parts
                # share what the question tells, so a part whose best is already quoted adds its next best
                new = (
                    s for s in scored if s.hit.chunk.id not in chosen and s.hit.chunk.section not in _NOT_LEAD
                )
                nxt = next(new, None)
                if nxt is not None:
                    chosen[nxt.hit.chunk.id] = nxt
        return list(chosen.values())[: self.weights.compound_lead + len(group or ())]

    def _outcomes(self, studies: frozenset[str], scored: list[Scored]) -> list[Scored]:
        """Each study's last quote on how tocilizumab did (where its authors sum up), the best-ranked study first."""
        found = []
        for sid in studies:
            meta = self.sources[sid]
            if meta["kind"] == "study" and meta["tocilizumab_outcome"]:
                own = [s for s in scored if s.hit.chunk.source_id == sid]
                quotes = meta.get("outcome_quotes") or [meta["tocilizumab_outcome"]]
                found.append(self._backing(sid, quotes[-1], own))
        return sorted(found, key=lambda b: (-b.score, b.hit.chunk.source_id))

    def _meta(self, scored: Scored) -> dict:
        return self.sources[scored.hit.chunk.source_id]

    def _drug_share(self, scored: Scored) -> float:
        """The share of a study's patients given tocilizumab: 1 for a case report on it, 1/80 for a cohort."""
        meta = self._meta(scored)
        return (meta.get("n_tocilizumab") or 0) / (meta.get("n_patients") or 1)

    def _side_studies(self, side: str, condition: str | None = None) -> frozenset[str]:
        """The studies of the population and condition one side of a comparison names ("adult-onset CNO").

        `condition`: the side's condition when the text names both ("did toci in SAPHO match adult-onset CNO?").
        """
        found = words(side)
        population = next((p for p in ("pediatric", "adult") if p in found), None)
        condition = condition or next((c.upper() for c in reversed(found) if c in ("sapho", "cno")), None)
        if not (population or condition):
            return frozenset()
        return frozenset(
            sid
            for sid, s in self.sources.items()
            if s["kind"] == "study" and matches(s, population, condition)
        )

    # ---- rendering
    def _descriptor(self, sid: str) -> str:
        s = self.sources[sid]
        parts = [s["design"]]
        if s["kind"] == "study":
            parts.append(s["population"])
            if s["n_patients"]:
                parts.append(f"N={s['n_patients']}")
        return "; ".join(parts)

    def _reference(self, sid: str) -> str:
        s = self.sources[sid]
        if s["kind"] == "report":
            return f"{s['authors']}. {s['title']} Drug-information response (no DOI)."
        doi = f" <https://doi.org/{s['doi']}>" if s["doi"] else ""  # an autolink: the DOI written once
        authors = s["authors"] if s["authors"].endswith(".") else s["authors"] + "."
        return f"{authors} {s['title']}. {s['journal']}. {s['year']}{self._locator(sid)}.{doi}"

    @cache  # noqa: B019 - one composer per engine, kept for the process's life
    def _locator(self, sid: str) -> str:
        """Volume, issue and pages as the study's own reference gives them (";20(1):41"), or ""."""
        year = self.sources[sid]["year"]
        for chunk in self.by_source.get(sid, []):
            if chunk.section == "References":
                found = re.search(rf"\b{year}(;\d+(?:\(\d+\))?:[\w-]+)", chunk.text)
                if found:
                    return found.group(1)
        return ""

    def _citation(self, n: int, sid: str) -> Citation:
        s = self.sources[sid]
        return Citation(n, sid, s["title"], s["authors"], s["journal"], s["year"], s["doi"])

    def insufficient(self, question: str, coverage: Coverage) -> Answer:
        """The plain 'not covered' answer: what is missing and what the corpus does cover; no citations."""
        if coverage.indication:
            why = f"The sources do not address treatment of {coverage.indication}; they mention it only in passing."
        elif coverage.missing:
            names = ", ".join(_as_written(word, question) for word in coverage.missing[:4])
            why = f"The sources do not mention {names}."
        else:
            why = "Nothing in the sources answers this question."
        studies = ", ".join(
            f"{s['short_name']} ({s['design'].lower()})"
            for s in self.sources.values()
            if s["kind"] == "study"
        )
        text = "\n\n".join(
            [
                "**Insufficient evidence.** " + why,
                _SCOPE_LINE.format(sources=studies),
                DISCLAIMER,
            ]
        )
        return Answer(question, text, True, None, [], [])

    def compose(
        self,
        question: str,
        hits: list[Hit],
        *,
        k: int = 5,
        filters: dict[str, str] | None = None,
        answered: str | None = None,
        widened: dict[str, tuple[str, ...]] | None = None,
    ) -> Answer:
        """The full answer for `question` from ranked `hits` (which must already respect any filters).

        `widened`: a population the question's words named but that was not applied, with the words of the question
        that only sources outside it mention (stated at the top of the answer).
        """
        filters = filters or {}
        cues = intents(answered or question)
        by_author = self.named_by_author(answered or question)
        if any(self.sources[sid]["kind"] == "study" for sid in by_author):
            cues = cues | {
                "study_named"
            }  # "Sun's 2 pts - rationale for TCZ?": that study's reasons, not the reviews'
        # "in which patients / across the case reports, was IL-6 high before TCZ?": each case's own sentence, not a
        # synthesis of outcomes
        levels = _levels_asked(answered or question, set(tokenize(answered or question)), cues)
        if levels and _PLURAL_CASES.search(answered or question) and "why" not in cues:
            cues = (cues | {"multi", "levels"}) - {"evidence"}
        if "critique" in cues and len(by_author) == 1:
            cues -= {
                "level",
                "evidence",
            }  # "kaut 2022 - quality of evidence / risk of bias?": that study's critique
        hits = (
            hits
            + self._background_says(answered or question, hits, cues, filters)
            + self._comparing(hits, cues)
            + self._shares(answered or question, hits, cues, filters)
            + self._doses(answered or question, hits, cues, filters)
            + self._after_failure(answered or question, hits, cues, filters)
            + self._criteria(hits, cues, filters)
            + self._both_populations(answered or question, hits, filters)
        )
        scored = self.score(answered or question, hits, cues)
        if not scored:
            return self.insufficient(question, Coverage(False))
        numbers: dict[str, int] = {}

        def cite(sid: str) -> int:
            if sid not in numbers:
                numbers[sid] = len(numbers) + 1
            return numbers[sid]

        blocks: list[str] = []
        if answered and answered != question:
            blocks.append(f"_Answering: {answered}_")
        if filters:
            blocks.append(
                "_Sources narrowed to: " + ", ".join(f"{k} = {v}" for k, v in filters.items()) + "._"
            )
        for dropped, only in (widened or {}).items():
            blocks.append(
                f"_Not narrowed to {dropped} sources: none of them mentions {', '.join(only)}, so all sources were "
                "searched._"
            )
        # "across all the case reports" names no case: only "case 1", "the case of ..." do
        asked_words = set(
            words(_CASE_KINDS.sub(" ", _SOME_PATIENT.sub(r"\1", family_age_named(answered or question))))
        )
        named = _named(hits)
        family = {"male", "female"} if family_question(answered or question) else set()
        specific = (
            # "what safety warning did Fujita give?": that study's own words, not a synthesis of all
            # "what did the 2024 Roberts review say about adults?": that review's words (the report named leads a
            # synthesis with its bottom line instead)
            (len(by_author) == 1 and by_author != {self.report_id})
            # "were side effects even tracked in the big 80-kid cohort?": that cohort's own words
            or (
                not by_author
                and len(named) == 1
                and named == named_by_size(self.sources, answered or question)
            )
            # ("her boy's germ-free bone disease": a relative, not a corpus patient)
            or bool(asked_words & ({"case", "year-old"} | ({"male", "female"} - family)))
            # (not "every adult SAPHO patient given tocilizumab": all of them)
            or ("patient" in asked_words and not _EVERY_PATIENT.search(answered or question))
            or any(w.endswith("-year-old") for w in asked_words)
            or (bool(hits) and hits[0].described)
            # "the bottom line of the 2024 Roberts review": that review's conclusion, not the synthesis
            or (len(named) == 1 and bool(cues & {"conclusion", "overall"}))  # a named review
            # "does the CARRA consensus say anything supporting TCZ?": what that one review itself says
            or (
                len(named) == 1
                and self._review(next(iter(named)))
                and bool(asked_words & {"consensus", "review", "carra"})
                and not _SEVERAL_REVIEWS.search(answered or question)
            )
        )
        # "which agents have data on safety" or "infliximab side effects" is not about tocilizumab
        other = bool(asked_words & _OTHER_TREATMENTS) or bool(_WHICH_TREATMENT.search(answered or question))
        # ("after tocilizumab failed in those case reports, what did doctors use instead?": what each case did next)
        blocking = {
            "number",
            "why",
            "who",
            "age",
            "design",
            "reference",
            "level",
            "search",
            "prognosis",
            "next",
        }
        if _TALLY.search(answered or question):
            blocking.discard("number")
        synth = (
            bool(cues & {"evidence", "multi"})
            and not levels
            and not specific
            and not (blocking & cues)
            and not other
            # "do the SAPHO results back up the CNO ones?": the review's sentence that compares them, not a table
            and ("corroborate" not in tokenize(answered or question) or bool(by_author))
            and (
                "tocilizumab" in asked_words
                or "adverse" in cues
                # "is there any proof it works in kids?? my 9yo's rheumatologist brought up actemra": the drug the
                # message names after its question; "it" when no drug is named at all: the corpus's drug
                or (
                    bool(_IT_WORKS.search(answered or question))
                    and ("tocilizumab" in words(question) or not set(words(question)) & _DRUGS)
                )
                # "bottom line - is it still anyone's guess whether this med helps?": the corpus's drug
                or ({"overall", "evidence"} <= cues and bool(_THIS_DRUG.search(answered or question)))
                or (not set(words(question)) & _DRUGS and bool(_GROUP_EVIDENCE.search(answered or question)))
            )
            # "what do the Hedrich consensus and the Roberts review say?": their own words, not a synthesis
            and not (len(by_author) > 1 and all(self.sources[sid]["kind"] != "study" for sid in by_author))
            # (also named by kind: "what do the expert consensus paper and the 2024 review each say about TCZ?")
            and not {"consensus", "review"} <= asked_words
            # "ESR/CRP look great on Actemra - does that mean it's actually calm?": the case whose markers misled (not
            # "across the case reports, did the markers track the outcome?": each study's own)
            and (
                "multi" in cues
                or not {"inflammatori", "marker", "remain", "normal"} <= set(tokenize(answered or question))
            )
        )
        used: list[Scored] = []
        if synth:
            # "does the InpharmD report mention worsening?": the report's own words first
            # "overall, has it ever made things worse?": the report's bottom line on the whole literature first (not
            # for SAPHO, a named study or a tally: their own cases answer)
            # ("any real proof Actemra works for CRMO in kids, like proper trials?": the report's verdict that there
            # are none, first)
            report_named = (
                named == {self.report_id}
                or ("trials" in cues and not by_author)
                or (
                    bool(_OVERALL_FIRST.search(answered or question))
                    and filters.get("condition") != "SAPHO"
                    and not by_author
                    and not _TALLY.search(answered or question)
                )
            )
            blocks.extend(
                self._synthesis(
                    answered or question, scored, cues, cite, used, filters, by_author, report_named
                )
            )
        else:
            # ("were IL-6 levels measured before TCZ and were they high?" asks one thing of each case; "is a
            # messenger running high, and is that why doctors think it helps?" asks one why)
            one_ask = "levels" in cues or ("rationale" in cues and _THATS_WHY.search(answered or question))
            group = [] if by_author else self._group(answered or question, filters)
            compound = None if one_ask else self._compound_lead(answered or question, hits, group)
            ranked = self.lead(scored, cues, set(tokenize(answered or question)))
            lead = compound or ranked
            # "how strong is the evidence according to the Roberts review?": that review's words, not the report's
            # ("the Belgian cohort of 30 children: good evidence? limitations?": that study's own critique)
            other_named = (bool(by_author) and self.report_id not in by_author) or (
                len(named) == 1 and all(self.sources[sid]["kind"] == "study" for sid in named)
            )
            # ("pamidronate: is there any good data behind it?": the report's level is tocilizumab's, not another drug's)
            other_drug = bool(asked_words & _OTHER_TREATMENTS) and "tocilizumab" not in asked_words
            pinned = [
                self._pinned(section)
                for cue, section in _PINNED.items()
                if cue in cues and not other_named and not (cue == "level" and other_drug)
            ]
            pinned = [p for p in pinned if p is not None]
            if pinned:  # the report's own part answers "what level of evidence / how were studies found"
                lead = [
                    *pinned,
                    *[s for s in lead if s.hit.chunk.id not in {p.hit.chunk.id for p in pinned}],
                ][:3]
                if "level" in cues and "evidence" in cues and "search" not in cues:
                    lead = self._with_verdict(lead, scored)
            if "known_harm" in cues and lead:
                lead = self._with_conclusion(lead, scored)
            if lead and "il-6" in asked_words and _IL6_PREDICTS.search(answered or question):
                lead = self._with_il6_caveat(lead, filters)
            # "which biologics worked in the Cam cohort and the Campbell case?": each study the question names
            studies_named = [sid for sid in by_author if self.sources[sid]["kind"] == "study"]
            # ("the 80-kid referral study and the psoriasis paper - same result?": one named by its size, the other
            # by its title's words)
            if len(studies_named) < 2 and (by_author or named_by_size(self.sources, answered or question)):
                studies_named = [sid for sid in named if self.sources[sid]["kind"] == "study"]
            if not compound and len(studies_named) > 1:
                lead = self._each_named(lead, scored, studies_named)
            elif not compound and group:
                # "did the SAPHO patients' markers come down at first?": each of the group's few studies
                lead = self._with_group(
                    lead, scored, group, cues, set(tokenize(answered or question)), ranked
                )
            used.extend(lead)
            blocks.append(" ".join(f"{quote(s.hit.chunk)} [{cite(s.hit.chunk.source_id)}]" for s in lead))
            blocks.extend(self._key_evidence(scored, lead, cite, used))
        # the passages returned: what the answer quotes first, then the next best; each maps to a reference
        returned = self._returned(used, scored, k, lead_first=not synth)
        further = list(
            dict.fromkeys(s.hit.chunk.source_id for s in returned if s.hit.chunk.source_id not in numbers)
        )
        if further:
            blocks.append(
                "**Further passages** (see sources): "
                + "; ".join(f"{self.sources[sid]['short_name']} [{cite(sid)}]" for sid in further)
            )
        level = self.sources.get(self.report_id or "", {}).get("evidence_level")
        if level:
            blocks.append(f"**Level of evidence:** {level} [{cite(self.report_id)}]")
        passages = [
            Passage(
                rank,
                round(s.score, 4),
                s.hit.chunk.text,
                s.hit.chunk.source_id,
                self.sources[s.hit.chunk.source_id]["doi"],
                s.hit.chunk.section,
                numbers[s.hit.chunk.source_id],
            )
            for rank, s in enumerate(returned, start=1)
        ]
        refs = "\n".join(f"{n}. {self._reference(sid)}" for sid, n in numbers.items())
        blocks.append("**References**\n" + refs)
        blocks.append(DISCLAIMER)
        citations = [self._citation(n, sid) for sid, n in numbers.items()]
        evidence = level.split(" - ")[0].strip() if level else None
        return Answer(question, "\n\n".join(blocks), False, evidence, citations, passages, filters)

    def _returned(
        self, used: list[Scored], scored: list[Scored], k: int, lead_first: bool = True
    ) -> list[Scored]:
        """The passages an answer returns: the ones it quotes, then the next best, k at least.

        After the lead, the quoted passages take turns by source (each source's first, then each one's second),
        so the first few show every source the answer cites, not one source's run of sentences.
        """
        head = used[:1]
        by_source: dict[str, list[Scored]] = {}
        if (
            not lead_first
        ):  # a synthesis: then the sources in the order of their best passage for the question
            for s in scored:
                by_source.setdefault(s.hit.chunk.source_id, [])
        for s in used[len(head) :]:
            by_source.setdefault(s.hit.chunk.source_id, []).append(s)
        turns = [s for group in zip_longest(*by_source.values()) for s in group if s is not None]
        ordered: dict[str, Scored] = {}
        for s in [*head, *turns, *scored]:
            ordered.setdefault(s.hit.chunk.id, s)
        return list(ordered.values())[: max(k, len({s.hit.chunk.id for s in used}))]

    def _key_evidence(self, scored, lead, cite, used) -> list[str]:
        """Evidence grouped by source: design, population and the next most relevant passages, within a budget."""
        w = self.weights
        shown = {s.hit.chunk.id for s in lead}
        picked: dict[str, list[Scored]] = {s.hit.chunk.source_id: [] for s in lead}
        budget = w.evidence_chars
        top = scored[0].score
        # a short answer may quote passages further below the best, until its quotes reach `fill_chars`
        room = w.fill_chars - sum(len(s.hit.chunk.text) for s in lead)
        for s in scored[: w.evidence_pool]:
            chunk = s.hit.chunk
            sid = chunk.source_id
            below = (
                top - s.score
            )  # how far below the best: within `evidence_floor`, or filling a short answer
            if chunk.id in shown or below > w.fill_floor or len(chunk.text) > budget:
                continue
            if below > w.evidence_floor and len(chunk.text) > room:
                continue
            if chunk.section in ("Level of evidence", "Question", "Title", "References"):
                continue
            if sid not in picked and len(picked) >= w.evidence_sources:
                continue
            if len(picked.setdefault(sid, [])) >= w.evidence_per_source:
                continue
            picked[sid].append(s)
            budget -= len(chunk.text)
            room -= len(chunk.text)
        lines = []
        for sid, items in picked.items():
            n = cite(sid)
            name = f"**{self.sources[sid]['short_name']}** ({self._descriptor(sid)})"
            if not items:
                lines.append(f"- {name} [{n}]")
                continue
            used.extend(items)
            quotes = _joined([x.hit.chunk for x in sorted(items, key=lambda x: x.hit.chunk.start)])
            lines.append(f"- {name}: {quotes} [{n}]")
        return ["**Key evidence**\n" + "\n".join(lines)] if lines else []

    def _with_conclusion(self, lead: list[Scored], scored: list[Scored]) -> list[Scored]:
        """For "is a pus lump after the drip a known thing?": the lead's event, then its authors' concluding
        sentence on the harm ("may induce aseptic abscesses"), quoted second whether or not retrieval found it."""
        sid = lead[0].hit.chunk.source_id
        if not lead[0].hit.described:
            # "can this jab make the blisters on my hands come back worse?": each case's event (a case series has
            # several), not the passage that presents the patient whose blisters the question describes
            events: dict[str, Scored] = {}
            for s in scored:
                chunk = s.hit.chunk
                if (
                    chunk.source_id == sid
                    and chunk.patient
                    and _ADVERSE_WORDS.search(chunk.text)
                    and self._in_order(chunk, {"tocilizumab"}, "response")  # on the drug, not before it
                    and s.score >= lead[0].score - 2 * self.weights.marker_margin
                ):
                    events.setdefault(chunk.section, s)
            if events:
                lead = [*events.values(), *(s for s in lead if s not in events.values())]
        quoted = {s.hit.chunk.id for s in lead}
        said = next(
            (
                c
                for c in self.by_source.get(sid, [])
                if c.section == "Study Author Conclusions"
                and c.id not in quoted
                and _HARM_WORDS.search(c.text)
            ),
            None,
        )
        if said is None:
            return lead
        return self._second(lead, said)

    def _second(self, lead: list[Scored], chunk: Chunk) -> list[Scored]:
        """`lead` with `chunk` quoted second (an authors' sentence the lead's first passage needs beside it)."""
        return [lead[0], Scored(Hit(chunk, 0.0, 0.0, 0.0, -1), lead[0].score), *lead[1:]][
            : self.lead_sentences + 1
        ]

    def _with_il6_caveat(self, lead: list[Scored], filters: dict[str, str]) -> list[Scored]:
        """For "did a high IL-6 mean Actemra would work?": the lead, then the authors' sentence that IL-6 positivity
        did not make tocilizumab advisable ("regardless of IL-6 positivity"), unless a filter excludes its source."""
        quoted = {s.hit.chunk.id for s in lead}
        said = next(
            (
                c
                for sid, chunks in self.by_source.items()
                if not filters or matches(self.sources[sid], **filters)
                for c in chunks
                if c.id not in quoted and _IL6_REGARDLESS.search(c.text)
            ),
            None,
        )
        return lead if said is None else self._second(lead, said)

    def _background_says(
        self, question: str, hits: list[Hit], cues: set[str], filters: dict[str, str]
    ) -> list[Hit]:
        """For "why would anyone think blocking IL-6 helps?" or "any proper trials?", the background papers'
        sentences that say it (biological rationale, no trials), when retrieval (which knows no cues) left them
        out; none for a described patient, none of a source the filters exclude."""
        cue = next((cue for cue in _BACKGROUND_SENTENCE if cue in cues), None)
        if cue is None or "study_named" in cues or (hits and hits[0].described):
            return []
        tokens = set(tokenize(question))
        # "why do docs think switching off that messenger would help?": the corpus's drug, unless another is named
        if not tokens & {"tocilizumab", "il-6"} and tokens & _OTHER_TREATMENTS:
            return []
        return self._unretrieved(hits, _BACKGROUND_SENTENCE[cue], background_only=True, filters=filters)

    def _comparing(self, hits: list[Hit], cues: set[str]) -> list[Hit]:
        """For "did TCZ do the same in SAPHO as in adult CRMO?", the review's sentence comparing them, when retrieval
        left it out (the case series a question names can fill every place)."""
        if "corroborate" not in cues:
            return []
        return self._unretrieved(hits, _CORROBORATES)

    def _shares(self, question: str, hits: list[Hit], cues: set[str], filters: dict[str, str]) -> list[Hit]:
        """For "do most kids calm down for good - what share?", the table rows that give the share of the thing
        asked ("Remission achieved 87%"), when retrieval left them out; none of a source the filters exclude."""
        pattern = _share_of(question) if "number" in cues else None
        if pattern is None:
            return []
        return self._unretrieved(hits, pattern, kind="row", filters=filters)

    def _doses(self, question: str, hits: list[Hit], cues: set[str], filters: dict[str, str]) -> list[Hit]:
        """For "what dose of actemra did they give in the case reports?", every sentence that gives a tocilizumab
        dose in mg/kg, when retrieval left it out; none of a source the filters exclude or a question does not name."""
        plural = "multi" in cues or bool(_PLURAL_CASES.search(question))
        if (
            "dose" not in cues
            or not plural
            or "tocilizumab" not in tokenize(question)
            or self.named_by_author(question)
            or (hits and hits[0].described)
        ):
            return []
        return self._unretrieved(hits, _TCZ_DOSE, filters=filters)

    def _criteria(self, hits: list[Hit], cues: set[str], filters: dict[str, str]) -> list[Hit]:
        """For "were any grown-ups let into that study of kids?", each study's exclusion criteria, when retrieval
        left them out; none of a source the filters exclude."""
        if "exclusion" not in cues:
            return []
        # ("Cam 2025: any over-18s?": that study's only)
        return self._unretrieved(hits, section="Exclusion Criteria", filters=filters, sources=_named(hits))

    def _after_failure(
        self, question: str, hits: list[Hit], cues: set[str], filters: dict[str, str]
    ) -> list[Hit]:
        """For "after tocilizumab failed, what finally worked across the cases?", the passages after each failed case's
        first word on tocilizumab, when retrieval left them out; none of a source the filters exclude."""
        tokens = set(tokenize(question))
        # (no one case meant: "when tocilizumab failed, what did people switch to?" follows every case)
        plural = _of_several(question, cues) or self._no_one_case(question, hits)
        if "next" not in cues or not plural or "tocilizumab" not in tokens or not tokens & _FAILED:
            return []
        have = {h.chunk.id for h in hits}
        found = []
        for (sid, _), part in self.parts.items():
            if not part[0].patient or not self._went_badly(sid):
                continue
            if filters and not matches(self.sources[sid], **filters):
                continue
            on_drug = [i for i, c in enumerate(part) if "tocilizumab" in self.tokens[c.id]]
            if on_drug:  # what followed it in that case
                found += [Hit(c, 0.0, 0.0, 0.0, -1) for c in part[on_drug[0] + 1 :] if c.id not in have]
        return found

    def _group(self, question: str, filters: dict[str, str]) -> list[str]:
        """The studies of the group a question narrows to, when it asks of that group's patients in the plural
        ("the SAPHO patients", "both SAPHO cases") and the group is a few studies; else []."""
        if "condition" not in filters or not _PLURAL_GROUP.search(question) or _ONE_CASE.search(question):
            return []  # ("the 78-year-old man: what dose?": his own study)
        group = [
            sid
            for sid, meta in self.sources.items()
            if meta["kind"] == "study" and matches(meta, filters.get("population"), filters["condition"])
        ]
        if not 2 <= len(group) <= self.weights.group_studies:
            return []
        # ("can TCZ cause abscesses in SAPHO?", "the SAPHO women's neutropenia": a rare word of one study's alone
        # asks about that study)
        rare = {
            t for w in re.findall(r"[\w-]+", question.lower()) if rare_word(w) for t in tokenize(w)
        } - _BARE_WORDS
        if any(sum(t in self._vocabulary(sid) for sid in group) == 1 for t in rare):
            return []
        return group

    def _with_group(
        self,
        lead: list[Scored],
        scored: list[Scored],
        group: list[str],
        cues: set[str],
        q_tokens: set[str],
        ranked: list[Scored],
    ) -> list[Scored]:
        """The lead and, after it, for each study of the group it lacks, that study's first passage in `ranked` (the
        whole ranking the lead was cut from), else the passage it leads with alone for the same cues."""
        have = {s.hit.chunk.source_id for s in lead}
        added = []
        for sid in group:
            if sid not in have:
                own = [s for s in ranked if s.hit.chunk.source_id == sid]
                own = own or self.lead([s for s in scored if s.hit.chunk.source_id == sid], cues, q_tokens)
                added += own[:1]
        return lead + added

    @cache  # noqa: B019 - one composer per engine, kept for the process's life
    def _vocabulary(self, sid: str) -> frozenset[str]:
        """Every token of a source's passages."""
        return frozenset().union(*(self.tokens.get(c.id, set()) for c in self.by_source.get(sid, [])))

    def _each_named(self, lead: list[Scored], scored: list[Scored], named: list[str]) -> list[Scored]:
        """The lead with the best passage of each named study it lacks, in place of its weakest passages."""
        lacking = set(named) - {s.hit.chunk.source_id for s in lead}
        added = []  # in the order of their scores (not of the names' set)
        for s in scored:
            if s.hit.chunk.source_id in lacking and s.hit.chunk.section not in _NOT_LEAD:
                added.append(s)
                lacking.discard(s.hit.chunk.source_id)
        if not added:
            return lead
        return [*lead[: max(1, self.lead_sentences - len(added))], *added]

    def _both_populations(self, question: str, hits: list[Hit], filters: dict[str, str]) -> list[Hit]:
        """For "is most of the actemra info from adults or children?", the report's sentence on both ("isolated adult
        and pediatric cases describing improvements"), when retrieval left it out."""
        if not tallies_populations(question):
            return []
        return self._unretrieved(hits, _BOTH_POPULATIONS_CASES, background_only=True, filters=filters)

    def _unretrieved(
        self,
        hits: list[Hit],
        pattern: re.Pattern[str] | None = None,
        background_only: bool = False,
        kind: str = "sentence",
        filters: dict[str, str] | None = None,
        section: str | None = None,
        sources: set[str] | None = None,
    ) -> list[Hit]:
        """The corpus passages of `kind` matching `pattern` (and of `section`, when given) that retrieval left out of
        `hits` (of background papers only, when asked; of `sources` only, when some; none of a source the filters
        exclude), as hits of no retrieval score."""
        have = {h.chunk.id for h in hits}
        return [
            Hit(c, 0.0, 0.0, 0.0, -1)
            for sid, chunks in self.by_source.items()
            if (not background_only or self.sources[sid]["kind"] != "study")
            and (not filters or matches(self.sources[sid], **filters))
            and (not sources or sid in sources)
            for c in chunks
            if c.kind == kind
            and c.id not in have
            and (pattern is None or pattern.search(c.text))
            and (section is None or c.section == section)
        ]

    def _review(self, sid: str) -> bool:
        """Whether `sid` is a review or consensus (background, not a study and not the report itself)."""
        return self.sources[sid]["kind"] != "study" and sid != self.report_id

    def _with_verdict(self, lead: list[Scored], scored: list[Scored]) -> list[Scored]:
        """The grade, then the report's whole summing up in reading order: "how strong is the evidence?" asks why
        it is graded so ("limited", "no robust clinical trials", "uncertain"), not for the grade alone."""
        summary = self.parts.get((self.report_id or "", "Summary"), [])
        if not summary:
            return lead
        found = {s.hit.chunk.id: s for s in scored}
        verdict = [found.get(c.id) or Scored(Hit(c, 0.0, 0.0, 0.0, -1), -9.0) for c in summary]
        return lead[:1] + verdict

    def _pinned(self, section: str) -> Scored | None:
        """The report's passage for a part every corpus answers the same way (level of evidence, search)."""
        chunk = next((c for c in self.by_source.get(self.report_id or "", []) if c.section == section), None)
        return Scored(Hit(chunk, 0.0, 0.0, 0.0, -1), 9.0) if chunk else None

    @cache  # noqa: B019 - one composer per engine, kept for the process's life
    def _stated_counts(self, sid: str) -> tuple[Chunk, ...]:
        """The study's sentences (not its title) that state how many patients it describes and how many of them
        had tocilizumab ("two patients with adult-onset CRMO", "... and 1 on tocilizumab")."""
        meta = self.sources[sid]
        counts = (
            (meta.get("n_patients"), r"\s+(?:\S+\s+)?(?:patients|children|cases|adults|women|men)\b"),
            (meta.get("n_tocilizumab"), r"\s+(?:on|received|treated with|given)\s+tocilizumab\b"),
        )
        found: dict[str, Chunk] = {}
        for n, after in counts:
            if not n:
                continue
            stated = re.compile(rf"\b(?:{_COUNT_WORDS.get(n, str(n))}){after}", re.I)
            chunk = next(
                (
                    c
                    for c in self.by_source[sid]
                    if c.kind == "sentence" and c.section not in _NAMING_PARTS and stated.search(c.text)
                ),
                None,
            )
            if chunk:
                found.setdefault(chunk.id, chunk)
        return tuple(found.values())

    def _backing(self, sid: str, sentence: str, own: list[Scored]) -> Scored:
        """The passage holding a metadata quote: a scored hit when retrieved, else the chunk itself."""

        def holds(chunk: Chunk) -> bool:
            return _plain(sentence) in _plain(chunk.text) or _plain(chunk.text) in _plain(sentence)

        hit = next((s for s in own if holds(s.hit.chunk)), None)
        if hit:
            return hit
        chunk = next(c for c in self.by_source[sid] if holds(c))
        return Scored(Hit(chunk, 0.0, 0.0, 0.0, -1), 0.0)

    def named_by_author(self, question: str) -> set[str]:
        """The sources a question names by first author ("Fujita", "kaut 2022"; "Sun" only capitalized or dated)."""
        return named_by_author(self.authors, question)

    def _reviews(
        self,
        scored: list[Scored],
        allowed: set[str],
        cite,
        used: list[Scored],
        tallied: bool = False,
        filters: dict[str, str] | None = None,
    ) -> list[str]:
        """The synthesis's block of what each review allowed says of tocilizumab, cited; `tallied`: the review
        that tallies the published cases first; `filters`: of the sentences on tocilizumab, those that name the
        population or condition narrowed to first ("one pediatric patient treated with tocilizumab" for children)."""
        narrowed = {t for value in (filters or {}).values() for t in tokenize(value)}
        reviews = []
        order = sorted(
            self.sources,
            key=lambda sid: (
                tallied
                and not any(self.tokens.get(c.id, set()) >= _TALLY_TOKENS for c in self.by_source[sid])
            ),
        )
        for sid in order:
            meta = self.sources[sid]
            if meta["kind"] != "background" or sid not in allowed:
                continue
            own = [
                s for s in scored if s.hit.chunk.source_id == sid and _TOCILIZUMAB.search(s.hit.chunk.text)
            ]
            if own:
                # what the review says of tocilizumab's use ("limited to three published reports"), retrieved or
                # not, before what it says of IL-6 blockade in theory
                seen = {s.hit.chunk.id for s in own}
                own += [
                    Scored(Hit(c, 0.0, 0.0, 0.0, -1), 0.0)
                    for c in self.by_source[sid]
                    if c.id not in seen and c.kind == "sentence" and "tocilizumab" in c.text.lower()
                ]
                own.sort(
                    key=lambda s: (
                        "tocilizumab" not in s.hit.chunk.text.lower(),
                        bool(narrowed) and not narrowed <= self.tokens.get(s.hit.chunk.id, set()),
                    )
                )
                own = sorted(own[: self.weights.review_sentences], key=lambda s: s.hit.chunk.start)
                used.extend(own)
                reviews.append(
                    f"- {meta['short_name']} ({meta['design'].lower()}): "
                    f"{' '.join(quote(s.hit.chunk) for s in own)} [{cite(sid)}]"
                )
        return ["**What the reviews say**\n" + "\n".join(reviews)] if reviews else []

    def _synthesis(
        self, question, scored, cues, cite, used, filters, by_author, report_first=False
    ) -> list[str]:
        """'Is there evidence' answers: counts from metadata, one cited row per study, the report's bottom line."""
        allowed = {sid for sid, meta in self.sources.items() if matches(meta, **filters)}
        # "were adverse events reported in Cam 2025 and in Kaut 2022?", "... the Belgian 30 kids and the 80-kid
        # series": the studies named, not every study
        named = by_author | named_by_size(self.sources, question)
        allowed = allowed & named if len(named) > 1 else allowed
        best = {}
        for s in scored:
            best.setdefault(s.hit.chunk.source_id, s.score)
        # "bones keep flaring up" describes CNO, and "settle my kid's bone flare-ups" names what is treated: neither asks
        # for a worse outcome
        named_disease = _TREATED_FLARES.sub(" ", disease_named(question))
        asked = {
            outcome
            for pattern, outcomes in _OUTCOME_WORDS
            if pattern.search(named_disease)
            for outcome in outcomes
        }
        compared = bool(VERSUS.search(question) or _COMPARED.search(question))
        studies = sorted(
            (
                (sid, m)
                for sid, m in self.sources.items()
                if m["kind"] == "study" and m["tocilizumab_outcome"] and sid in allowed
            ),
            # ("compare the response in the adult CRMO cases vs the SAPHO cases": every outcome is asked, so the
            # sources in the order of their relevance)
            key=lambda item: (
                not (asked & set(item[1]["outcome"]) or compared),
                -best.get(item[0], -9.0),
            ),
        )
        blocks = []
        # "any pediatric tocilizumab data in CNO, or is it all adults?": the review's tally of the published cases
        # leads (not "how many got better vs worse?": each study's outcome)
        tallied = tallies_populations(question) and not asked
        if tallied:
            blocks.extend(self._reviews(scored, allowed, cite, used, tallied=True))
        # "is there evidence tocilizumab works in CNO?" (no population, no harm asked) is the question the report
        # itself answers: its whole conclusion leads, the studies follow; otherwise its two most relevant sentences
        # close the answer
        # (a parent asking in everyday words about a child gets the report's verdict first too)
        overall = (
            (
                not filters.get("population")
                or (filters["population"] == "pediatric" and lay_question(question))
            )
            and filters.get("condition") in (None, "CNO")
            and not (
                cues & {"adverse", "multi", "dose"}
            )  # "toci 8 mg/kg cases and outcomes": the cases first
            and not (asked & {"worsened", "no response", "adverse event"})
        )
        summary = sorted((s for s in scored if s.hit.chunk.section == "Summary"), key=lambda x: -x.score)
        summary = summary[: None if overall else 2]
        if (
            overall
            # ("bottom line - is tocilizumab's place in CNO treatment established?": the report's, found or not)
            and (summary or family_question(question) or bool(_OVERALL_FIRST.search(question)))
            and self.report_id
            and (self.report_id, "Summary") in self.parts
        ):
            # the whole conclusion, also its sentences retrieval left out ("Consequently, ..."), or, for a parent's
            # question, all of it when retrieval found none ("does the jab really settle my kid's bone flare-ups?")
            have = {s.hit.chunk.id for s in summary}
            key = (summary[0].hit.chunk.source_id if summary else self.report_id, "Summary")
            summary += [Scored(Hit(c, 0.0, 0.0, 0.0, -1), -9.0) for c in self.parts[key] if c.id not in have]
        bottom_line = " ".join(quote(s.hit.chunk) for s in sorted(summary, key=lambda x: x.hit.chunk.start))
        if summary and (overall or report_first):
            used.extend(summary)
            blocks.append(f"**Bottom line (report):** {bottom_line} [{cite(summary[0].hit.chunk.source_id)}]")
        if studies:
            designs = Counter(m["design"].lower() for _, m in studies)
            populations = Counter(m["population"] for _, m in studies)
            treated = sum(m["n_tocilizumab"] or 0 for _, m in studies)
            one = len(studies) == 1
            blocks.append(
                f"**{len(studies)} {'study' if one else 'studies'}** {'mentions' if one else 'mention'} tocilizumab use "
                f"({treated} treated {_plural('patient', treated)} described): "
                + ", ".join(f"{n} {_plural(d, n)}" for d, n in designs.items())
                + "; "
                + ", ".join(f"{n} {p}" for p, n in populations.items())
                + "."
            )
            counted = bool(filters.get("population")) or "number" in cues or bool(_TALLY.search(question))
            rows = [
                "| Study | Design | N | Population | Condition | On tocilizumab | Outcome |",
                "|---|---|---|---|---|---|---|",
            ]
            quotes = []
            for sid, m in studies:
                n = cite(sid)
                rows.append(
                    f"| {m['short_name']} [{n}] | {m['design']} | {m['n_patients'] or '-'} | {m['population']} | "
                    f"{', '.join(m['conditions'])} | {m['n_tocilizumab'] or 'not stated'} | {', '.join(m['outcome'])} |"
                )
                own = [s for s in scored if s.hit.chunk.source_id == sid]
                backing = [
                    self._backing(sid, q, own) for q in m.get("outcome_quotes") or [m["tocilizumab_outcome"]]
                ]
                if "adverse" in cues:  # about harms: its outcome quote naming the harm, else its harm passage
                    harmful = [b for b in backing if _ADVERSE_WORDS.search(b.hit.chunk.text)]
                    harms = [s for s in own if s.hit.chunk.section == "Adverse Events"]
                    harms = harms or [s for s in own if _ADVERSE_WORDS.search(s.hit.chunk.text)][:1]
                    # (a study that reports none: that it reports none, and how the drug did there)
                    none = bool(harms) and bool(_NONE_REPORTED.search(harms[0].hit.chunk.text))
                    backing = harmful or ([*harms[:1], *backing] if none else harms[:1] or backing)
                if "adverse" in cues or "adverse event" in m["outcome"]:
                    # and what the authors concluded about the harm ("may induce aseptic abscesses"), asked or not
                    held = {b.hit.chunk.id for b in backing}
                    verdict = [
                        c
                        for c in self.by_source[sid]
                        if c.section == "Study Author Conclusions"
                        and c.id not in held
                        and _HARM_WORDS.search(c.text)
                        and not any(_plain(c.text) in _plain(b.hit.chunk.text) for b in backing)
                    ]
                    backing += [self._backing(sid, verdict[0].text, own)] if verdict else []
                # and what the study says of what the question asks ("the labs settled but the disease?"), for
                # each patient of a case series
                held = {_plain(b.hit.chunk.text) for b in backing}
                fits: dict[str, Scored] = {}
                for s in own:  # prose: a table cell out of its table says little in a row of the synthesis
                    chunk = (
                        s.hit.chunk
                    )  # nor a title, design or reference: they name the study, not its result
                    naming = chunk.section in _NAMING_PARTS or chunk.section in _METHOD_PARTS
                    if (
                        chunk.kind != "row"
                        and not naming
                        and s.score >= scored[0].score - self.weights.row_margin
                    ):
                        fits.setdefault(s.hit.chunk.section, s)
                for s in fits.values():
                    said = _plain(s.hit.chunk.text)
                    if not any(said in h or h in said for h in held):
                        backing.append(s)
                # "toci in adults w/ CRMO - how many pts?": the study's own words for its N ("two patients with ...")
                for stated in self._stated_counts(sid) if counted else ():
                    if stated.id not in {b.hit.chunk.id for b in backing}:
                        backing.append(self._backing(sid, stated.text, own))
                used.extend(backing)
                text = " ".join(quote(b.hit.chunk) for b in sorted(backing, key=lambda b: b.hit.chunk.start))
                who = "; ".join(self.patients.get(sid, []))
                quotes.append(f"- {m['short_name']}{f' ({who})' if who else ''}: {text} [{n}]")
            blocks.append("\n".join(rows))
            blocks.append("\n".join(quotes))
        if not tallied:
            blocks.extend(self._reviews(scored, allowed, cite, used, filters=filters))
        if summary and not (overall or report_first):  # the report's own conclusion, after the evidence
            used.extend(summary)
            blocks.append(f"**Bottom line (report):** {bottom_line} [{cite(summary[0].hit.chunk.source_id)}]")
        return blocks
