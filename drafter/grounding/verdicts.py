"""Verdicts: each claim is checked against the fact its sentence restates, not against the bag of all facts.

A figure found in the facts but counting another thing is misattributed; a month or name belonging to another
fact is a wrong date or name; a plan or target told as done is plan-as-done; a claim stated nowhere is invented.
Facts that no sentence states are omitted.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from drafter.grounding.align import WordIndex, binding, binding_phrase, blank_spans, words_of
from drafter.grounding.claims import PAST_VERBS, Claim, _name_tokens
from drafter.grounding.support import (
    COMMON_CLAIM_UNITS, TARGET_AFTER, TARGET_BEFORE, TARGET_WINDOW, FactIndex, Figure, is_approximate, value_range)

if TYPE_CHECKING:
    from drafter.facts import Facts

PLAN_FACT = re.compile(
    r"^\W*(?:plan|plans|target|targets|goal|goals|aim|objective|objectives|next year|for next year|to do)\b"
    r"|\b(?:will|shall|plan(?:s|ning)? to|aim(?:s|ing)? to|intend(?:s|ing)? to|hope(?:s)? to|expect(?:s)? to|"
    r"next year|coming year|the new year|upcoming|is to|are to)\b", re.I)
PLAN_HEADING = re.compile(r"\b(?:goals?|plans?|planning|priorities|objectives|targets|outlook|looking ahead|"
                          r"next year|next steps|the (?:coming|new) year|intentions?|work plan)\b", re.I)
FUTURE_VOICE = re.compile(
    r"\b(?:will|shall|intend|intends|"
    r"hope|hopes|expect|expects|strive|strives|next year|coming year|the new year|upcoming|going to|is to|are to|"
    r"plan to|plans to|planning to|aim to|aims to|aiming to|target for|targets for|goal for|goals for|"
    r"looking ahead|want to|wants to|seek to|seeks to|commit to|committed to|set out to|would|should|must)\b", re.I)
STRONG_DONE = re.compile(r"\b(?:now|already|has been|have been|had been|was|were|reached|achieved|completed|"
                         r"launched|went live|is live|are live|up and running|delivered|met|hit|exceeded)\b", re.I)
DONE_WORDS = re.compile(r"\b(?:reached|achieved|hit|met|exceeded|surpassed|attained|completed|delivered|"
                        r"accomplished|realised|realized|launched|finished|rolled out|introduced|cut|grew|rose|"
                        r"raised|now|successfully|already|was|were|has been|have been|set up|"
                        + "|".join(sorted(PAST_VERBS)) + r")\b|\b\w+ed\b", re.I)
PAST_ONLY = sorted(PAST_VERBS - {"cut", "set", "hit", "put", "read", "run", "spent"})  # past forms no command shares
PAST_OPENING = re.compile(r"^\W*(?:\w+ed|" + "|".join(PAST_ONLY) + r")\b", re.I)  # "- Secured ISO …"
SUBJECT_PAST = re.compile(r"\b(?:I|we|the team|our team|the branch|the office)\s+(?:\w+ed|" + "|".join(PAST_ONLY)
                          + r")\b", re.I)  # "we brought turnover below 12%"
TARGET_MET = re.compile(r"\b(?:target|goal|aim)s?\b.{0,60}\b(?:has|have|was|were) (?:already |now )?(?:been )?"
                        r"(?:achieved|reached|met|hit|exceeded|surpassed)\b|\b(?:achieved|reached|met|hit|exceeded|"
                        r"surpassed) (?:the |our |my |its |their )?(?:\w+ ){0,3}(?:target|goal)\b", re.I)
SHORTFALL = re.compile(r"\b(?:against|short of|fell short|missed|below|under|behind|not yet|versus|vs\.?)\b", re.I)
YEAR = re.compile(r"\b(?:19|20)\d\d\b")
SWAP_MIN_SHARED = 2  # words a deed must share with another name's deed in the fact to call the name swapped
NAMES_SCANNED = 64  # claims of a sentence looked through for the names a count lists
NAMES_COUNTED_MAX = 12  # "two trainees, A and B": a count this small may be made good by the names it lists
DISTINCTIVE_MIN = 10  # whole numbers below this are too common to mark a fact as stated on their own
OMISSION_COVERAGE = 0.5  # a sentence restating this share of a fact's word weight states it
FIGURE_KINDS = ("number", "money", "percent", "duration")  # "multiple" claims are checked by derivation only
MAX_RIVALS = 50  # figures tried per binding word when looking for the fact that really counts a thing
BAD_DERIVATION_MIN = 10  # smaller figures of two facts make too many ratios by chance
BAD_DERIVATION_FIGURES = 24  # figures of the aligned facts tried in pairs for a wrongly computed percentage


@dataclass
class Verdict:
    """What is wrong with a claim: the kind, a reason naming the fact, and the fact's 0-based index."""

    kind: str
    reason: str
    fact: int | None = None


@dataclass
class Omission:
    """A fact the draft never states, with its line in the facts file."""

    fact: int
    line: int
    text: str

    def to_dict(self) -> dict:
        """JSON-ready form: the 1-based fact number, its line and text."""
        return {"fact": self.fact + 1, "line": self.line, "text": self.text}


def _short(text: str, limit: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


class Judge:
    """Claim-level verdicts for one draft against one set of facts."""

    def __init__(self, text: str, facts: "Facts", index: FactIndex, sentence_spans: list[tuple[int, int]]) -> None:
        self.text = text
        self.facts = facts
        self.index = index
        self.fact_count = len(facts.items)
        self.words = WordIndex.build([u.text for u in index.units[: self.fact_count]])
        self.spans = sentence_spans
        self.span_starts = [a for a, _ in sentence_spans]
        year = (facts.meta.get("year") or "").strip()
        self.report_year = int(year) if re.fullmatch(r"(?:19|20)\d\d", year) else None
        self.plan_facts = {n for n in range(self.fact_count) if self._is_plan(index.units[n].text, facts.items[n].heading)}
        self.headings = self._heading_at()
        self._alignment: dict[int, list[int]] = {}

    # facts ---------------------------------------------------------------------------------------------------

    def _is_plan(self, text: str, heading: str | None) -> bool:
        """True when a fact states an intention rather than something done."""
        if heading and PLAN_HEADING.search(heading):
            return True
        if PLAN_FACT.search(text):
            return True
        if PAST_OPENING.match(text):
            return False  # "Prepared the budget, approved in February 2027": done, whatever year it names
        if self.report_year:
            return any(int(y) > self.report_year for y in YEAR.findall(text))
        return False

    def _heading_at(self) -> list[tuple[int, str]]:
        out, pos = [], 0
        for line in self.text.split("\n"):
            if line.lstrip().startswith("#"):
                out.append((pos, line))
            pos += len(line) + 1
        return out

    def _heading_before(self, offset: int) -> str:
        starts = [p for p, _ in self.headings]
        i = bisect.bisect_right(starts, offset) - 1
        return self.headings[i][1] if i >= 0 else ""

    # sentences -----------------------------------------------------------------------------------------------

    def sentence_of(self, offset: int) -> int:
        """The index of the sentence holding an offset."""
        return max(0, bisect.bisect_right(self.span_starts, offset) - 1)

    def aligned(self, sentence: int, claims: list[Claim]) -> list[int]:
        """The facts a sentence restates, by its words with its own claims blanked."""
        if sentence not in self._alignment:
            a, b = self.spans[sentence] if self.spans else (0, len(self.text))
            spans = [(c.offset - a, c.offset - a + len(c.text)) for c in claims]
            self._alignment[sentence] = [n for n in self.words.align(blank_spans(self.text[a:b], spans))
                                         if n < self.fact_count]
        return self._alignment[sentence]

    def _future_voiced(self, offset: int) -> bool:
        """True when a sentence speaks of the future: its own words, a later year, or a plan heading above it
        (unless the sentence itself says the thing is done: "is now live" under "Next year")."""
        a, b = self.spans[self.sentence_of(offset)] if self.spans else (0, len(self.text))
        sentence = self.text[a:b]
        if TARGET_MET.search(sentence) and not SHORTFALL.search(sentence):
            return False  # "the 2027 target has been achieved ahead of schedule" says it is done
        if FUTURE_VOICE.search(sentence):
            return True
        if self.report_year and any(int(y) > self.report_year for y in YEAR.findall(sentence)):
            return True
        return bool(PLAN_HEADING.search(self._heading_before(offset))) and not (
            STRONG_DONE.search(sentence) or PAST_OPENING.match(sentence) or SUBJECT_PAST.search(sentence))

    def _fact_label(self, n: int) -> str:
        return f"fact {n + 1} ({_short(self.facts.items[n].text)})"

    # verdicts ------------------------------------------------------------------------------------------------

    def verdict(self, claim: Claim, sentence_claims: list[Claim]) -> Verdict | None:
        """What is wrong with a claim, or None when the fact it restates supports it."""
        aligned = self.aligned(self.sentence_of(claim.offset), sentence_claims)
        if claim.kind == "date":
            return self._date(claim, aligned)
        if claim.kind == "name":
            return self._name(claim, aligned)
        return self._figure(claim, aligned, sentence_claims)

    def _counts_listed_names(self, claim: Claim, sentence_claims: list[Claim]) -> bool:
        """True for a small count that the sentence's own list of known names makes good ("two trainees, Zhang
        Min and Peter Osei")."""
        q = claim.value
        if claim.kind != "number" or q.scaled or q.value != int(q.value) or not 1 < q.value <= NAMES_COUNTED_MAX:
            return False
        names = [c for c in sentence_claims[:NAMES_SCANNED] if c.kind == "name" and c.offset > claim.offset]
        return len(names) == int(q.value) and all(self.index.name_units(c) for c in names)

    def _figure(self, claim: Claim, aligned: list[int], sentence_claims: list[Claim]) -> Verdict | None:
        if self._counts_listed_names(claim, sentence_claims):
            return None
        found, arithmetic = self.index.figure_units(claim, is_approximate(claim, self.text))
        if claim.kind == "multiple":
            if not found:
                return Verdict("invented", f"{claim.text} is a change no before and after figures in the facts make")
            claim.derivation = f"{claim.text.strip()}: {arithmetic}"
            return None
        if not found:
            wrong = self._bad_derivation(claim, aligned)
            if wrong is not None:
                return wrong
            return Verdict("invented", f"{claim.text} is stated by no fact")
        if arithmetic:
            claim.derivation = f"{claim.text.strip()}: {arithmetic}"
        if claim.kind not in FIGURE_KINDS or len(found) > COMMON_CLAIM_UNITS or any(
                n < 0 or n >= self.fact_count for n, _ in found):
            return None
        if getattr(claim.value, "kind", "") == "literal":
            return None
        facts = sorted({n for n, _ in found})
        own = binding(self.text, claim.offset, claim.offset + len(claim.text))
        compatible = [(n, f) for n, f in found if f is not None and f.binding & own]
        plan = self._plan_as_done(claim, compatible or found)
        if plan:
            return plan
        if arithmetic or not own or any(n in aligned for n, _ in compatible):
            return None  # the fact the sentence restates counts this thing with this figure
        other = self._aligned_count(claim, own, aligned, found)  # ... or counts it with another figure
        if other is not None:
            n, figure = other
            said = binding_phrase(self.text, claim.offset, claim.offset + len(claim.text))
            source, source_figure = next(((m, f) for m, f in found if f is not None), (facts[0], None))
            counted = (binding_phrase(self.index.units[source].text, source_figure.start, source_figure.end)
                       if source_figure is not None else "")
            given = self.index.units[n].text[figure.start:figure.end]
            return Verdict("misattributed", f"{claim.text.strip()} is the {counted or 'figure'} count in fact "
                                            f"{source + 1}, not {said}; fact {n + 1} gives {given} {said}", source)
        if compatible or any(n in aligned for n in facts):
            return None
        derived, arithmetic = self.index._derivation(claim.value, claim.kind, is_approximate(claim, self.text))
        if derived:
            claim.derivation = f"{claim.text.strip()}: {arithmetic}"
            return None
        rival = self._rival(claim, own, facts)
        if rival is None:
            return None
        n, figure = next(((n, f) for n, f in found if f is not None), (facts[0], None))
        unit_text = self.index.units[n].text
        counted = binding_phrase(unit_text, figure.start, figure.end) if figure is not None else "another figure"
        said = binding_phrase(self.text, claim.offset, claim.offset + len(claim.text))
        return Verdict("misattributed", f"{claim.text.strip()} is the {counted or 'figure'} count in fact {n + 1}, "
                                        f"not {said}; fact {rival + 1} counts {said}", n)

    def _bad_derivation(self, claim: Claim, aligned: list[int]) -> Verdict | None:
        """A percentage computed from the facts the wrong way: a ratio of two different quantities, or a change
        measured from the wrong base. It names the arithmetic that gives it."""
        q = claim.value
        if claim.kind != "percent" or q.decimals < 0:
            return None
        sentence = self.sentence_of(claim.offset)
        facts = aligned or (self.aligned(sentence - 1, []) if sentence > 0 else [])
        figures = [(n, f.quantity) for n in facts for f in self.index.units[n].figures
                   if f.quantity.kind in ("number", "money", "duration", "percent")][:BAD_DERIVATION_FIGURES]
        lo, hi = value_range(q, is_approximate(claim, self.text), derived=True)
        for n, a in figures:
            for m, b in figures:
                if a is b or not b.value or a.kind != b.kind or a.kind == "percent" or \
                        (n != m and min(a.value, b.value) < BAD_DERIVATION_MIN):
                    continue  # two amounts of one kind, neither a share, small counts only within one fact
                for value, shown in ((100.0 * a.value / b.value, f"{a.value:g} / {b.value:g}"),
                                     (100.0 * (a.value - b.value) / b.value, f"({a.value:g} − {b.value:g}) / {b.value:g}")):
                    if lo <= value <= hi:
                        where = f"fact {n + 1}" if n == m else f"facts {n + 1} and {m + 1}"
                        return Verdict("misattributed", f"{claim.text.strip()} = {shown} from {where}: no change "
                                                        "of one quantity gives it", n)
        return None

    def _aligned_count(self, claim: Claim, own: frozenset[str], aligned: list[int],
                       found: list[tuple[int, Figure | None]]) -> tuple[int, Figure] | None:
        """A figure of the fact the sentence restates that counts the same thing as the claim, with another value
        (a figure counting the same thing as the claim's own figure in that fact is its before or after: no
        rival)."""
        q = claim.value
        own_facts = list(dict.fromkeys(n for n, _ in found if n in aligned))
        for n in own_facts or aligned:  # the figure's own fact restated: only its other figures can compete
            siblings = [f.binding for m, f in found if m == n and f is not None][:MAX_RIVALS]
            candidates = {id(f): f for word in sorted(own) for f in self.index.units[n].by_word.get(word, ())[:MAX_RIVALS]}
            for figure in candidates.values():
                f = figure.quantity
                if f.kind != q.kind or f.kind == "year":
                    continue
                if any(figure.binding & sibling for sibling in siblings):
                    continue
                if abs(f.value - q.value) > 0.2 * max(abs(f.value), abs(q.value)):
                    return n, figure
        return None

    def _rival(self, claim: Claim, own: frozenset[str], facts: list[int]) -> int | None:
        """A fact, other than those stating the figure, that counts the draft's thing with another figure."""
        q = claim.value
        for word in sorted(own):
            for n, figure in self.index.bound_figures.get(word, ())[:MAX_RIVALS]:
                if n in facts or n >= self.fact_count or figure.quantity.kind == "year":
                    continue
                if (figure.quantity.kind == "percent") == (q.kind == "percent"):
                    return n
        return None

    def _plan_as_done(self, claim: Claim, found: list[tuple[int, Figure | None]]) -> Verdict | None:
        """A figure that only a plan or target states, told in a sentence that says it is done."""
        plans = [(n, f) for n, f in found if n in self.plan_facts or (f is not None and f.target)]
        if len(plans) != len(found) or self._future_voiced(claim.offset):
            return None
        if self._named_as_target(claim) and not all(n in self.plan_facts for n, _ in plans):
            return None  # "92.4%, above the 90% target": the target told as a target, beside what was done
        a, b = self.spans[self.sentence_of(claim.offset)] if self.spans else (0, len(self.text))
        sentence = self.text[a:b]
        if SHORTFALL.search(sentence) or not DONE_WORDS.search(sentence):
            return None
        n = plans[0][0]
        return Verdict("plan-as-done", f"{claim.text.strip()} is a plan or target in {self._fact_label(n)}, "
                                       "told as achieved", n)

    def _date(self, claim: Claim, aligned: list[int]) -> Verdict | None:
        units = self.index.date_units(claim)
        if len(units) > COMMON_CLAIM_UNITS:
            return None  # a date that many facts give belongs to none in particular
        facts = [n for n in units if n < self.fact_count]
        if units and len(facts) < len(units):
            return None  # the front matter or the role's own text gives it
        if any(n in aligned for n in facts):
            return None
        dated = [n for n in aligned if self.index.units[n].dates]
        if not facts:
            if dated:
                return Verdict("wrong-date", f"{claim.text} is in no fact; {self._fact_label(dated[0])} gives "
                                             "another date", dated[0])
            return Verdict("invented", f"{claim.text} is stated by no fact")
        if not aligned or self._local_support(claim, facts):
            return None
        where = f"; {self._fact_label(aligned[0])} " + ("gives another date" if dated else "gives no date")
        return Verdict("wrong-date", f"{claim.text} belongs to {self._fact_label(facts[0])}{where}", facts[0])

    def _name(self, claim: Claim, aligned: list[int]) -> Verdict | None:
        units = self.index.name_units(claim)
        if len(units) > COMMON_CLAIM_UNITS:
            return None
        facts = [n for n in units if 0 <= n < self.fact_count]
        if units and len(facts) < len(units):
            return None
        if any(n in aligned for n in facts):
            return self._swapped_person(claim, [n for n in facts if n in aligned])
        if not facts:
            near = self.index.near_names(claim)
            named = [n for n in aligned if self.index.units[n].names]
            if near is not None and near < self.fact_count:
                return Verdict("wrong-name", f"{claim.text} is named by no fact; {self._fact_label(near)} names "
                                             "a similar one", near)
            if named:
                return Verdict("wrong-name", f"{claim.text} is named by no fact; {self._fact_label(named[0])} "
                                             "names another", named[0])
            return Verdict("invented", f"{claim.text} is named by no fact")
        if not aligned or self._local_support(claim, facts):
            return None
        return Verdict("wrong-name", f"{claim.text} belongs to {self._fact_label(facts[0])}, not to "
                                     f"{self._fact_label(aligned[0])}", facts[0])

    def _swapped_person(self, claim: Claim, facts: list[int]) -> Verdict | None:
        """A name from the restated fact doing what the fact says another name there did ("Peter Osei ran the
        stock reviews" where the fact has Zhang Min run them): each name's deed is the words that follow it."""
        deed = binding(self.text, claim.offset, claim.offset + len(claim.text))
        if not deed:
            return None
        tokens = set(_name_tokens(claim.text))
        for n in facts:
            own = [d for t, d in self.index.units[n].name_deeds if t & tokens]
            if any(d & deed for d in own):
                return None
            for other, other_deed in self.index.units[n].name_deeds:
                if not (other & tokens) and other_deed & deed and len(other_deed & deed) >= SWAP_MIN_SHARED:
                    return Verdict("wrong-name", f"{claim.text} is not who {self._fact_label(n)} says did that",
                                   n)
        return None

    def _local_support(self, claim: Claim, facts: list[int]) -> bool:
        """True when the words right around a date or name also come from a fact that states it."""
        near = binding(self.text, claim.offset, claim.offset + len(claim.text))
        return any(near & self.words.fact_words[n] for n in facts)

    def _named_as_target(self, claim: Claim) -> bool:
        """True when the draft itself calls the figure a target ("the 90% target", "a target of 1,700")."""
        end = claim.offset + len(claim.text)
        return bool(TARGET_BEFORE.search(self.text[max(0, claim.offset - TARGET_WINDOW):claim.offset])
                    or TARGET_AFTER.match(self.text[end:end + TARGET_WINDOW]))

    def sentence_plan_as_done(self, sentence: int, claims: list[Claim]) -> Verdict | None:
        """A sentence without a figure of its own that restates a plan as something done."""
        aligned = self.aligned(sentence, claims)
        if not aligned or aligned[0] not in self.plan_facts:
            return None
        if any(n not in self.plan_facts for n in aligned):
            return None
        a, b = self.spans[sentence]
        if self._future_voiced(a) or not DONE_WORDS.search(self.text[a:b]):
            return None
        n = aligned[0]
        return Verdict("plan-as-done", f"this restates the plan in {self._fact_label(n)} as achieved", n)

    # omissions -----------------------------------------------------------------------------------------------

    def omissions(self, claims: list[Claim]) -> list[Omission]:
        """The facts that no sentence of the draft states, even partly or wrongly: a fact is stated by a sentence
        that restates it (most of its words) or that gives one of its figures, names or dates about its subject."""
        by_sentence: dict[int, list[Claim]] = {}
        for claim in claims:
            by_sentence.setdefault(self.sentence_of(claim.offset), []).append(claim)
        stated: set[int] = set()
        for sentence, (a, b) in enumerate(self.spans):
            found = by_sentence.get(sentence, [])
            aligned = self.aligned(sentence, found)
            sentence_words = frozenset(words_of(self.text[a:b]))
            stated.update(n for n in aligned if self.words.coverage(sentence_words, n) >= OMISSION_COVERAGE)
            for claim in found:
                for n in self._claim_facts(claim):
                    if n in aligned or sentence_words & self.words.fact_words[n]:
                        stated.add(n)
        checkable = {n for n in range(self.fact_count) if self.words.fact_words[n] or self.index.units[n].figures
                     or self.index.units[n].dates}
        return [Omission(n, fact.line, fact.text) for n, fact in enumerate(self.facts.items)
                if n not in stated and n in checkable]

    def _claim_facts(self, claim: Claim) -> list[int]:
        """The facts a claim's figure, name or dated day comes from (small whole numbers tell nothing)."""
        if claim.kind == "name":
            units = self.index.name_units(claim)
        elif claim.kind == "date":
            units = self.index.date_units(claim) if claim.value.get("day") else []
        elif claim.kind in FIGURE_KINDS:
            q = claim.value
            if q.kind == "number" and q.value < DISTINCTIVE_MIN and q.value == int(q.value):
                return []
            units = [n for n, _ in self.index.figure_units(claim, is_approximate(claim, self.text))[0]]
        else:
            return []
        if len(units) > COMMON_CLAIM_UNITS:
            return []  # stated by so many facts that it marks none of them as stated
        return [n for n in units if 0 <= n < self.fact_count]
