"""Names in the draft against the names in the facts: a name from another fact, a person swapped within one, two
people the wrong way round, the old supplier told as the new, a figure told of the wrong name, the employer where the
fact names another branch."""

from __future__ import annotations

import re
from dataclasses import replace
from os.path import commonprefix
from functools import lru_cache

from drafter.cleanup import WORD
from drafter.text.titles import title_words, titles_data
from drafter.grounding.align import ALIGN_MIN_SCORE, CLAUSE_BREAK, binding, name_role, spelled_out
from drafter.grounding.claims import FIGURE_KINDS, GENERIC_NAME_WORDS, PAST_VERBS, Claim, _name_tokens, _stem, fact_claims
from drafter.grounding.findings import Verdict
from drafter.grounding.support import COMMON_CLAIM_UNITS, is_approximate

NAMES_SCANNED = 64  # claims of a sentence looked through (the names a count lists, a name's fellow claims)
SAME_NAME_STEM = 6  # letters two name words must share from their start to be one word with other endings
NAME_RIVAL_RATIO = 2.0  # a restated fact this much closer to a name's clause than the name's own fact owns its place
SWAP_MIN_SHARED = 2  # words a deed must share with another name's deed in the fact to call the name swapped
LOWER_WORD = re.compile(r"\b[a-z][a-z'-]+\b")
FIGURE_THEN_NAME = re.compile(r"[^\S\n]+(?:[a-z]+[^\S\n]+)?(?:on|at|for|from)[^\S\n]+(?:the[^\S\n]+)?")  # "4.5 on Google"
FIGURE_AT_NAME = re.compile(r"[^\S\n]+(?:at|on)[^\S\n]+(?:the[^\S\n]+)?")  # a fact's "97 at Leeds": the place owns it
DAY_NAME = re.compile(r"(?:[A-Z][\w-]*[^\S\n]+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Christmas|"
                      r"Easter|Day|Eve|Weekend)\b")  # a day "on" which a figure happened ("Cyber Monday"), no owner
SEGMENT_END = re.compile(r"[;.()\n]")  # where a figure's part of a fact ends, at the latest
OWNER_LEAD = re.compile(r"\b(?:for|to)[^\S\n]+(?:the[^\S\n]+)?$", re.I)  # "523 deeds for Liffey Bank"
OWNER_AFTER_WINDOW = 32  # characters after a figure within which a name "for" or "to" is its owner
OWNER_LEAD_WINDOW = 12  # characters before a name read for the word that makes it a figure's owner
CLAUSE_START_WORD = re.compile(r"(?:^|[;:]\s*)([A-Z][\w+&-]{2,})\b")  # a capitalised word opening a clause


class NameVerdicts:
    """The Judge's verdicts on names (a mixin: it uses the Judge's text, facts, index, spans and words)."""

    def _name(self, claim: Claim, aligned: list[int], sentence_claims: list[Claim]) -> Verdict | None:
        units = self.index.name_units(claim)
        if len(units) > COMMON_CLAIM_UNITS:
            return None
        facts = [n for n in units if 0 <= n < self.fact_count]
        if units and len(facts) < len(units):
            return self._other_of_its_kind(claim, aligned)  # the employer, unless the fact names another branch
        if facts and all(n in self.plan_facts for n in facts) and self._told_done(claim):
            return Verdict("plan-as-done", f"{claim.text} is in the plan, {self._fact_label(facts[0])}, told as done",
                           facts[0])  # "Salesforce CPQ is already live" where only the plan names it
        if any(n in aligned for n in facts):
            restated = [n for n in facts if n in aligned]
            return (self._reversed_people(claim, restated) or self._old_for_new(claim, restated)
                    or self._swapped_person(claim, restated) or self._anothers_title(claim, facts))
        if not facts:
            if self._known_without_opener(claim) or self._same_name_other_ending(claim) or self._spells_an_acronym(claim):
                return None
            near = self.index.near_names(claim)
            named = [n for n in aligned if self.index.units[n].names]
            if near is not None and near < self.fact_count:
                return Verdict("wrong-name", f"{claim.text} is named by no fact; {self._fact_label(near)} names "
                                             "a similar one", near)
            if named:
                return Verdict("wrong-name", f"{claim.text} is named by no fact; {self._fact_label(named[0])} "
                                             "names another", named[0])
            return Verdict("invented", f"{claim.text} is named by no fact")
        if not aligned:
            return None
        if self._local_support(claim, facts) or self._named_together(claim, facts, sentence_claims):
            return self._in_anothers_place(claim, aligned, facts) or self._anothers_title(claim, facts)
        return Verdict("wrong-name", f"{claim.text} belongs to {self._fact_label(facts[0])}, not to "
                                     f"{self._fact_label(aligned[0])}", facts[0])

    def _known_without_opener(self, claim: Claim) -> bool:
        """True for a name opening its sentence whose first word only starts the sentence ("Average PO approval
        time …" where the facts name "PO"): the rest is a name the facts give."""
        words = claim.text.split()
        a, _ = self.sentence_span(claim.offset)
        if len(words) < 2 or self.text[a:claim.offset].strip(" *-#>\t\n") != "":
            return False
        rest = replace(claim, text=" ".join(words[1:]), offset=claim.offset + len(words[0]) + 1)
        return bool(self.index.name_units(rest))

    def _spells_an_acronym(self, claim: Claim) -> bool:
        """True for a name that writes out an acronym the facts use ("Net Promoter Score" for NPS)."""
        return any(len(words) == len(claim.text.split()) for _, words in spelled_out(claim.text, self.acronyms))

    def _same_name_other_ending(self, claim: Claim) -> bool:
        """True for a name whose every word is a word of one fact's name but for its ending ("Non-Medical
        Prescriber" for the facts' "Non-Medical Prescribing"): the same thing, worded as a person or an act."""
        tokens = _name_tokens(claim.text)
        near = self.index.near_names(claim)
        if not tokens or claim.value.get("quoted") or near is None or not 0 <= near < self.fact_count:
            return False
        words = self.index.units[near].norm.split()  # the same words in the same order, endings aside
        return any(all(t == w or min(len(t), len(w)) >= SAME_NAME_STEM and len(commonprefix((t, w))) >= SAME_NAME_STEM
                       for t, w in zip(tokens, words[i:i + len(tokens)]))
                   for i in range(len(words) - len(tokens) + 1))

    def _other_of_its_kind(self, claim: Claim, aligned: list[int]) -> Verdict | None:
        """A name the front matter gives, told where the restated fact names another of the same kind ("the
        Nanjing Branch" for the fact's "Jiangsu Branch"): the head word matches, the name does not."""
        words = claim.text.split()
        if len(words) < 2:
            return None
        head, tokens = words[-1].lower(), frozenset(_name_tokens(claim.text))
        if _stem(head) not in _unit_heads():
            return None  # "Tenancy Services" beside "Kingfisher Property Services": no branch of one body
        for n in aligned:
            heads = self.index.units[n].name_heads
            if any(tokens <= named for _, named, _ in heads):
                continue
            for other_head, _, written in heads:
                if other_head == head:
                    return Verdict("wrong-name", f"{claim.text} is not the {head} {self._fact_label(n)} names "
                                                 f"({written})", n)
        return None

    def _reversed_people(self, claim: Claim, facts: list[int]) -> Verdict | None:
        """Two people of one fact in each other's places around the same verb ("Ethan Lowe trained Nadia Brooks"
        where the fact has Nadia Brooks train Ethan Lowe). The claim is the first name of the pair in the draft."""
        a, b = self.sentence_span(claim.offset)
        mine = frozenset(_name_tokens(claim.text))
        if not PERSON_NAME.fullmatch(claim.text):
            return None  # people trade places; "Oracle" or "Opera Cloud PMS" in a trainer's sentence does not
        for n in facts:
            fact = self.index.units[n].text
            people = [p for p in self._people_of(n) if PERSON_NAME.fullmatch(fact[p[1]:p[2]])]
            here = [p for p in people if p[0] & mine]
            if not here:
                continue
            for tokens, start, end in people:
                if tokens & mine:
                    continue
                other = re.search(r"\b(?:" + "|".join(re.escape(t) for t in sorted(tokens, key=len, reverse=True))
                                  + r")\b", self.text[claim.offset + len(claim.text):b], re.I)
                if other is None:
                    continue  # the other person is not named after this one in the sentence
                between_draft = self.text[claim.offset + len(claim.text):claim.offset + len(claim.text) + other.start()]
                mine_start = here[0][1]
                if start > mine_start:
                    continue  # the fact names them in the same order
                between_fact = fact[end:mine_start]
                verbs = _relation_words(between_draft) & _relation_words(between_fact)
                if verbs and _passive(between_draft) == _passive(between_fact):
                    return Verdict("misattributed", f"{claim.text} and the other person are the wrong way round: "
                                                    f"{self._fact_label(n)}", n)
        return None

    def _old_for_new(self, claim: Claim, facts: list[int]) -> Verdict | None:
        """A name a fact gives as what was left told as what was taken up, or the reverse ("moved to Dachser" where
        the fact moved from Dachser to DB Schenker)."""
        said = name_role(self.text, claim.offset, self._name_end(claim))
        if said is None:
            return None
        mine = frozenset(_name_tokens(claim.text))
        for n in facts:
            fact = self.index.units[n].text
            roles = {name_role(fact, start, end) for tokens, start, end in self._people_of(n) if tokens & mine}
            if roles and None not in roles and said not in roles:
                was = "the old one" if "old" in roles else "the new one"
                return Verdict("wrong-name", f"{claim.text} is {was} in {self._fact_label(n)}", n)
        return None

    def _name_end(self, claim: Claim) -> int:
        """Where a name ends, past a second part joined by "+" or "&" ("Kuehne+Nagel")."""
        end = claim.offset + len(claim.text)
        joined = re.match(r"[+&]\s*[A-Z][\w-]*", self.text[end:end + 40])
        return end + joined.end() if joined else end

    def _figure_of_another_name(self, claim: Claim, aligned: list[int], sentence_claims: list[Claim]) -> Verdict | None:
        """A name told with a figure that the restated fact gives to another name ("our TripAdvisor rating of 4.8"
        where the fact has Google at 4.8 and TripAdvisor at 4.6)."""
        figure = self._figure_told_of(claim, sentence_claims)
        if figure is None:
            return None
        mine = frozenset(_name_tokens(claim.text)) - GENERIC_NAME_WORDS
        found, _ = self.index.figure_units(figure, is_approximate(figure, self.text))
        owners = []
        for n, f in found:
            if n not in aligned or f is None:
                continue
            owner = self._owner_of(n, f)
            if owner is None:
                return None
            if owner & mine:
                return None  # the fact gives this figure to this name
            owners.append((n, owner))
        clause_names = frozenset(_name_tokens(self._clause(claim.offset, figure.offset + len(figure.text))))
        if not owners or any(owner <= clause_names for _, owner in owners):
            return None  # the name the fact gives the figure to is in the clause too (in another clause of the
            # sentence it owns another figure: "for Cormac we prepared 523 and for Liffey 348", the two swapped)
        if not self._owns_a_figure(mine, figure.value.kind, set(self.index.name_units(claim)) | set(aligned)):
            return None  # a name with no figure of its own in the facts: no rival owner ("the US", "AIF")
        n = owners[0][0]
        return Verdict("wrong-name", f"{figure.text.strip()} belongs to another name in {self._fact_label(n)}, "
                                     f"not {claim.text}", n)

    def _figure_told_of(self, claim: Claim, sentence_claims: list[Claim]) -> Claim | None:
        """The figure a sentence tells of a name: the next one in its clause, no other name between ("our
        TripAdvisor rating of 4.8"), else one just before it that a short lead joins to it ("4.5 on Google")."""
        end = claim.offset + len(claim.text)
        after = next((c for c in sentence_claims if c.offset > claim.offset and c.kind in FIGURE_KINDS), None)
        if after is not None and not CLAUSE_BREAK.search(self.text, end, after.offset) and not any(
                c.kind == "name" and claim.offset < c.offset < after.offset for c in sentence_claims):
            return after
        before = [c for c in sentence_claims if c.offset < claim.offset and c.kind in FIGURE_KINDS]
        if before and FIGURE_THEN_NAME.fullmatch(self.text, before[-1].offset + len(before[-1].text), claim.offset):
            return before[-1]
        return None

    def _owner_of(self, n: int, figure) -> frozenset[str] | None:
        """The name fact n gives a figure to: the names "for" or "to" (or "at", "on" right after it) that follow it
        closely, before the next figure
        ("523 mortgage deeds for Liffey Bank and 348 for Cormac Credit Union"), else the nearest name before it
        ("Google rating 4.8/5; TripAdvisor 4.6/5"), else the names after it in its part of the fact."""
        people = self._people_of(n)
        unit = self.index.units[n]
        text = unit.text
        ends = [g.start for g in unit.figures if g.start > figure.end]
        stop = min([*ends, *(m.start() for m in [SEGMENT_END.search(text, figure.end)] if m), len(text)])
        after = [(start, tokens) for tokens, start, _ in people if figure.end <= start < stop]
        led = [tokens for start, tokens in after if start - figure.end <= OWNER_AFTER_WINDOW
               and (OWNER_LEAD.search(text, max(0, start - OWNER_LEAD_WINDOW), start)
                    or FIGURE_AT_NAME.fullmatch(text, figure.end, start) and not DAY_NAME.match(text, start))]
        # "97 at Leeds", "4.8 on Google" (not "52 on Cyber Monday", a day)
        if led:
            return frozenset().union(*led)
        before = [(start, tokens) for tokens, start, _ in people if start < figure.start]
        if before:
            return max(before, key=lambda item: item[0])[1]
        return frozenset().union(*(tokens for _, tokens in after)) if after else None

    def _owns_a_figure(self, tokens: frozenset[str], kind: str, facts: set[int]) -> bool:
        """True when some fact gives a figure of this kind to the name with these tokens (`_owner_of`)."""
        for n in facts:
            if not 0 <= n < self.fact_count:
                continue
            for f in self.index.units[n].figures:
                if f.quantity.kind != kind:
                    continue
                owner = self._owner_of(n, f)
                if owner and owner & tokens:
                    return True
        return False

    def _people_of(self, n: int) -> list[tuple[frozenset[str], int, int]]:
        """The names of fact n with their positions, in order (read once per fact)."""
        self._people = self.index.judged.setdefault("people", {})  # a fact's people do not change from check to check
        if n not in self._people:
            fact = self.index.units[n].text
            people = [(frozenset(_name_tokens(c.text)) - GENERIC_NAME_WORDS, c.offset, c.offset + len(c.text))
                      for c in fact_claims(fact) if c.kind == "name"]
            lower = self._lowercase_words()
            for match in CLAUSE_START_WORD.finditer(fact):  # "Google rating 4.8/5 …; TripAdvisor 4.6/5": names too
                word = match.group(1)
                if word.lower() not in lower and not (word.lower().endswith("ed") or word.lower() in PAST_VERBS) \
                        and not any(start <= match.start(1) < end for _, start, end in people):
                    people.append((frozenset(_name_tokens(word)), match.start(1), match.end(1)))
            self._people[n] = sorted(people, key=lambda person: person[1])
        return self._people[n]

    def _lowercase_words(self) -> frozenset[str]:
        """Every word the facts write in lower case: a capitalised one of them opens a clause, it names nothing
        (the facts' alone, so a fact's people are the same whatever draft is checked)."""
        shared = self.index.judged
        if "lower" not in shared:
            shared["lower"] = frozenset(w for u in self.index.units for w in LOWER_WORD.findall(u.text))
        return shared["lower"]

    def _swapped_person(self, claim: Claim, facts: list[int]) -> Verdict | None:
        """A name from the restated fact doing what the fact says another name there did ("Peter Osei ran the
        stock reviews" where the fact has Zhang Min run them): each name's deed is the words that follow it."""
        deed = binding(self.text, claim.offset, claim.offset + len(claim.text))
        if not deed:
            return None
        tokens = set(_name_tokens(claim.text))
        a, b = self.sentence_span(claim.offset)
        sentence_names = frozenset(_name_tokens(self.text[a:b]))
        for n in facts:
            named = frozenset().union(*self.index.units[n].names) if self.index.units[n].names else frozenset()
            deed = deed - named  # "covering Southfield Royal Hospital and Ashdown Hospital": names are no deed
            if not deed:
                continue
            own = [d for t, d in self.index.units[n].name_deeds if t & tokens]
            if any(d & deed for d in own):
                return None
            for other, other_deed in self.index.units[n].name_deeds:
                if other_deed & tokens and other <= sentence_names:
                    continue  # "Hannah Blake mentored Josh Ferreira": her deed was done to him, and she is named
                if other <= sentence_names:
                    continue  # both named: the order of the two is _reversed_people's to judge
                if not (other & tokens) and other_deed & deed and len(other_deed & deed) >= SWAP_MIN_SHARED:
                    return Verdict("wrong-name", f"{claim.text} is not who {self._fact_label(n)} says did that",
                                   n)
        return None

    def _in_anothers_place(self, claim: Claim, aligned: list[int], facts: list[int]) -> Verdict | None:
        """A name from another fact standing where the restated fact names someone the sentence leaves out
        ("I supported underwriters Nadia Petrov and James Oduya" where the fact has Helen Croft and James Oduya, and
        Nadia Petrov is the underwriter of another fact): the words around both names agree."""
        near = binding(self.text, claim.offset, claim.offset + len(claim.text), wide=True)
        a, b = self.sentence_span(claim.offset)
        sentence_names = frozenset(_name_tokens(self.text[a:b]))
        several = len(claim.text.split()) > 1
        scores = dict(self.words.scores(self._clause(claim.offset, claim.offset + len(claim.text))))
        own = max(scores.get(n, 0.0) for n in facts)
        for n in aligned:
            if n in facts:
                continue
            fact = self.index.units[n].text
            closer = scores.get(n, 0.0) >= max(ALIGN_MIN_SCORE, NAME_RIVAL_RATIO * own)
            for other, start, end in self._people_of(n):
                if (not other or other & sentence_names or (len(fact[start:end].split()) > 1) != several
                        or not (closer or binding(fact, start, end, wide=True) & near)):
                    continue
                return Verdict("wrong-name", f"{claim.text} is named in {self._fact_label(facts[0])}; the "
                                             f"{self._fact_label(n)} this sentence restates names {fact[start:end]}",
                               facts[0])
        return None

    def _anothers_title(self, claim: Claim, facts: list[int]) -> Verdict | None:
        """A person given the title the facts give another ("Imran Siddiqui, Head of Procurement" where the facts
        have "Gwen Rowlands, Head of Procurement" and Imran Siddiqui is the legal adviser): the words set right beside
        a name, by the name's own facts and by another's."""
        title = _apposition(self.text, claim.offset, self._name_end(claim))
        if not title:
            return None
        mine = frozenset(_name_tokens(claim.text)) - GENERIC_NAME_WORDS
        if any(_apposition(self.index.units[n].text, start, end) & title
               for n in facts if 0 <= n < self.fact_count for tokens, start, end in self._people_of(n) if tokens & mine):
            return None
        a, b = self.sentence_span(claim.offset)
        sentence_names = frozenset(_name_tokens(self.text[a:b]))
        for n in range(self.fact_count):
            fact = self.index.units[n].text
            for other, start, end in self._people_of(n):
                if other and not other & sentence_names and not other & title and _apposition(fact, start, end) & title:
                    return Verdict("wrong-name", f"{self._fact_label(n)} gives that title to {fact[start:end]}, "
                                                 f"not {claim.text}", n)
        return None

    def _named_together(self, claim: Claim, facts: list[int], sentence_claims: list[Claim]) -> bool:
        """True when the sentence names another thing, or gives a distinctive figure, that the same fact gives
        ("Gwen Rowlands, Head of Procurement" restating "Manager: Gwen Rowlands, Head of Procurement")."""
        mine = frozenset(_name_tokens(claim.text))
        for other in sentence_claims[:NAMES_SCANNED]:  # a list of thousands of claims: the first ones tell enough
            if other is claim:
                continue
            if other.kind == "name":
                if not frozenset(_name_tokens(other.text)) & mine and set(self.index.name_units(other)) & set(facts):
                    return True
            elif set(self._claim_facts(other)) & set(facts):
                return True  # "The NIM rose 15 bps to 2.35%": the fact naming NIM gives its figures too
        return False

    def _local_support(self, claim: Claim, facts: list[int]) -> bool:
        """True when the words right around a date or name also come from a fact that states it."""
        near = binding(self.text, claim.offset, claim.offset + len(claim.text)) - _title_words()
        return any(near & self.words.fact_words[n] for n in facts)  # not a title: a swapped name brings its own


APPOSITION_WORDS = 4  # words at most of a title set beside a name
TITLE_JOINERS = frozenset({"of", "and", "&"})  # "Head of Procurement", "Director of Finance and Estates"
POSSESSIVES = frozenset({"our", "my", "the", "his", "her", "their", "a", "an"})


def _apposition(text: str, start: int, end: int) -> frozenset[str]:
    """The title words set right beside a person's name: "our Financial Controller, Deborah Finch", "Gwen Rowlands,
    Head of Procurement", "Manager: Helen Marsh", "underwriter Nadia Petrov" (stems; empty for other names)."""
    if not PERSON_NAME.fullmatch(text[start:end]):
        return frozenset()
    before = re.split(r"[.;!?()\n—–]", text[max(0, start - 80):start])[-1].rstrip()
    before = before[:-1].rstrip() if before.endswith((",", ":")) else before
    after = re.match(r"[^\S\n]*,[^\S\n]*([^,.;:()\n]*)", text[end:end + 80])
    titles = _title_words()
    found: set[str] = set()
    for side in (WORD.findall(before)[::-1][:APPOSITION_WORDS],
                 WORD.findall(after.group(1))[:APPOSITION_WORDS + 1] if after else []):
        for word in side:
            low = word.lower()
            if low in POSSESSIVES or low in TITLE_JOINERS:
                continue
            stem = _stem(low)
            if stem not in titles and not word[:1].isupper():
                break  # a verb or preposition: the words past it are no title
            if stem in titles:
                found.add(stem)
    return frozenset(found)


PERSON_NAME = re.compile(r"(?:(?:Dr|Mr|Mrs|Ms|Miss|Prof)\.?\s+)?[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+){1,2}")


@lru_cache(maxsize=1)
def _title_words() -> frozenset[str]:
    """The words of a job title, by stem."""
    return frozenset(_stem(w) for w in title_words())


@lru_cache(maxsize=1)
def _unit_heads() -> frozenset[str]:
    """The last words of a name that make it one branch or site of a body ("Nanjing Branch", "Ward 5"), by stem."""
    return frozenset(_stem(w) for w in titles_data()["unit_heads"])


RELATION_VERB = re.compile(r"\b(?:mentor|train|coach|supervis|induct|onboard|support|help|replac|taught|teach|manag|"
                           r"line[- ]manag|shadow|assist|cover|hand|brief|assess|appraise|recruit|hire|buddi)\w*", re.I)


def _relation_words(text: str) -> set[str]:
    """The verbs of one person acting on another in a text between two names, by stem ("mentored" -> mentor)."""
    return {m.group(0).lower()[:5] for m in RELATION_VERB.finditer(text)}


def _passive(text: str) -> bool:
    """True for "was mentored by", which names the two people the other way round."""
    return re.search(r"\bby\b", text, re.I) is not None
