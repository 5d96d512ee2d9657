"""Verdicts: each claim is checked against the fact its sentence restates, not against the bag of all facts.

A figure found in the facts but counting another thing is misattributed; a month or name belonging to another
fact is a wrong date or name; a plan or target told as done is plan-as-done; a claim stated nowhere is invented.
Facts that no sentence states are omitted.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from typing import TYPE_CHECKING

from drafter.grounding.align import (
    ALIGN_MIN_SCORE, WordIndex, _fold, acronyms, binding, binding_head, binding_phrase, blank_spans, pair_role,
    spelled_out, words_of)
from drafter.grounding.claims import FIGURE_KINDS, Claim
from drafter.grounding.findings import Omission, Verdict, short_text
from drafter.grounding.people import NAMES_SCANNED, NameVerdicts
from drafter.grounding.plans import PlanReading
from drafter.grounding.quantities import POINTS, _Quantity, measure_after
from drafter.text.numbers import UNIT_WORDS
from drafter.grounding.support import (
    COMMON_CLAIM_UNITS, SAME_QUANTITY_LINK, FactIndex, Figure, is_approximate, rounding_range, value_range)

if TYPE_CHECKING:
    from drafter.facts import Facts

LISTED_NUMBERS = re.compile(r"[^\d\n]{1,40}?((?:\d{1,4}(?:,\s*|\s+and\s+|\s*&\s*))+\d{1,4})\b")  # "wards, 9, 10
# and 11": the items a small count lists
WORD_TOKEN = re.compile(r"[a-z]+")  # the words of a sentence, for the small numbers it tells in words ("four stages")
NAMES_COUNTED_MAX = 12  # "two trainees, A and B": a count this small may be made good by the names it lists
DISTINCTIVE_MIN = 10  # whole numbers below this are too common to mark a fact as stated on their own
OMISSION_COVERAGE = 0.5  # a sentence restating this share of a fact's word weight states it
RIVAL_MIN_GAP = 0.2  # a restated fact's figure this far from the claim's counts the thing otherwise (closer: a
# before or after figure of the same pair, or a rounding)
TIME_WORDS = ("now", "currently", "today", "present", "moment")  # what a baseline figure "counts" in a plan
PER_BEFORE = re.compile(r"\b(?:per|every|each)\s*$", re.I)
PAIR_GAP = 24  # characters at most between the two ends of one change in a fact ("27.6% (2025: 21.3%)")
MAX_RIVALS = 50  # figures tried per binding word when looking for the fact that really counts a thing
BAD_DERIVATION_MIN = 10  # smaller figures of two facts make too many ratios by chance
DATE_RIVAL_RATIO = 2.0  # a dated fact this much closer to a date's clause than the fact giving the date owns its event
DIFFERENCE_BEFORE = re.compile(r"\b(?:by|a (?:saving|cut|reduction|drop|fall|rise|increase|decrease|gain) of|"
                               r"saving|saved)\W{0,3}(?:(?:just |well )?(?:over|under|about|around|nearly|almost|"
                               r"roughly|some|more than|less than)\s+)?\W{0,2}$", re.I)  # "by 3 days", "a cut of over 40%"
DIFFERENCE_AFTER = re.compile(r"[^\S\n]*(?:[a-z]+[^\S\n]+)?(?:fewer|less|more|lower|higher|faster|slower|shorter|"
                              r"longer|quicker|sooner|down|up)\b", re.I)  # "5 fewer", "2 days faster"
TOLD_AS_NOW = re.compile(r"\b(?:reached|now|stands? at|stood at|was at|is at|came in at|came to|currently|"
                         r"this year)\b[^.;:!?\n]{0,12}$", re.I)  # "sell-through reached USD 5.6M", "is now 48 minutes"
NOW_WINDOW = 30  # characters before a figure read for the words that tell it as where things stand
POINTS_BACK = re.compile(r"\W*(?:that|this|it|which|these|those)(?:'s|\s+(?:is|was|means|meant|represents|"
                         r"represented|equals|amounts|works))\b", re.I)  # "That's nine fewer incidents."
CHANGE_BEFORE = re.compile(r"\b(?:up|down|rose|fell|grew|dropped|increased|decreased|cut|improved|declined)\W{0,3}"
                           r"(?:(?:about|around|nearly|almost|over|roughly|some|more than)\s+)?$", re.I)  # "rose 20%"
CHANGE_AFTER = re.compile(r"[^\S\n]*(?:relative[^\S\n]+)?(?:increase|rise|fall|drop|cut|decrease|reduction|decline|"
                          r"improvement|growth|gain|jump)\b", re.I)  # "a 25% increase"
DIFFERENCE_WINDOW = 24  # characters before a figure read for "by" or "a saving of"
PAIR_CLAIMS_MAX = 16  # claims a sentence may hold for the checks that pair its figures (more: a list, no change)
OTHER_END = {"before": "after", "after": "before"}  # the two ends of one change
BASELINE_MARK = re.compile(r"\bbaseline\W*$", re.I)  # a KPI line's starting figure
ACTUAL_MARK = re.compile(r"\b(?:actual|outturn|achieved)\W*$", re.I)  # a KPI line's figure for the year
KPI_MARK_WINDOW = 12  # characters before a fact's figure read for a KPI line's "baseline" or "actual"
EARLIER_MARK = re.compile(r"\b(?:from|was|were|last year|previously|(?:19|20)\d\d:)\W*$", re.I)  # "(was 89%"
CHANGE_BY = re.compile(r"\bby[^\S\n]*(?:[$€£¥]|[A-Z]{3}[^\S\n])?$")  # "by £5.6m": the size of a change
BAD_DERIVATION_FIGURES = 24  # figures of the aligned facts tried in pairs for a wrongly computed percentage


class _Told:
    """The values a sentence tells besides one claim of it: `value in told` without building a set per claim (the
    sentence's values, less the claim's own when nothing else in the sentence tells it)."""

    __slots__ = ("values", "alone")

    def __init__(self, values: frozenset[float], alone: float | None) -> None:
        self.values, self.alone = values, alone

    def __contains__(self, value: float) -> bool:
        return value in self.values and value != self.alone

    def covers(self, values: frozenset[float]) -> bool:
        """True when every one of values is told."""
        return values <= self.values and self.alone not in values


class Judge(PlanReading, NameVerdicts):
    """Claim-level verdicts for one draft against one set of facts."""

    def __init__(self, text: str, facts: "Facts", index: FactIndex, sentence_spans: list[tuple[int, int]]) -> None:
        self.text = text
        self.facts = facts
        self.index = index
        self.fact_count = len(facts.items)
        self.spans = sentence_spans
        self.span_starts = [a for a, _ in sentence_spans]
        year = (facts.meta.get("year") or "").strip()
        self.report_year = int(year) if re.fullmatch(r"(?:19|20)\d\d", year) else None
        tables = index.judged.get("tables")  # what depends on the facts alone: built once per index, not per check
        if tables is None:  # (threads drafting sections may both build it; one dict store keeps either whole)
            texts = [u.text for u in index.units[: self.fact_count]]
            tables = (WordIndex.build(texts),
                      frozenset(n for n in range(self.fact_count)
                                if self._is_plan(index.units[n].text, facts.items[n].heading)),
                      acronyms(texts))
            index.judged["tables"] = tables
        self.words, self.plan_facts, self.acronyms = tables
        self.headings = self._heading_at()
        self._alignment: dict[int, list[int]] = {}
        self._spelled_out: dict[int, list[tuple[str, frozenset[str]]]] = {}
        self._roles: dict[tuple[int, int], str | None] = {}
        self._people: dict[int, list[tuple[frozenset[str], int, int]]] = {}
        self._sources: dict[tuple[int, str, str], list[int]] = {}  # _claim_facts of each claim, once
        self._anchor_tables: dict[int, tuple] = {}  # a sentence's claims -> their facts, counted (_anchor_counts)
        self._told_values: dict[int, tuple] = {}  # a sentence's claims -> its values, counted, and its number words

    # facts ---------------------------------------------------------------------------------------------------


    # sentences -----------------------------------------------------------------------------------------------

    def sentence_of(self, offset: int) -> int:
        """The index of the sentence holding an offset."""
        return max(0, bisect.bisect_right(self.span_starts, offset) - 1)

    def sentence_span(self, offset: int) -> tuple[int, int]:
        """The (start, end) of the sentence holding an offset (the whole text when it has no sentences)."""
        return self.spans[self.sentence_of(offset)] if self.spans else (0, len(self.text))

    def aligned(self, sentence: int, claims: list[Claim]) -> list[int]:
        """The facts a sentence restates, by its words with its own claims blanked."""
        if sentence not in self._alignment:
            a, b = self.spans[sentence] if self.spans else (0, len(self.text))
            spans = [(c.offset - a, c.offset - a + len(c.text)) for c in claims]
            spelled = " ".join(short for short, _ in self._spelled(sentence))  # "gross written premium": GWP
            aligned = [n for n in self.words.align(blank_spans(self.text[a:b], spans) + " " + spelled)
                       if n < self.fact_count]
            if not aligned:  # "Net Promoter Score rose from 42 to 57": nothing but its names says which fact
                figures = [span for span, c in zip(spans, claims) if c.kind != "name"]
                aligned = [n for n in self.words.align(blank_spans(self.text[a:b], figures)) if n < self.fact_count]
            self._alignment[sentence] = aligned
        return self._alignment[sentence]

    def draft_role(self, start: int, end: int) -> str | None:
        """`pair_role` of the draft's figure at [start, end), read once per figure (several checks ask)."""
        key = (start, end)
        if key not in self._roles:
            self._roles[key] = pair_role(self.text, start, end)
        return self._roles[key]

    def _fact_label(self, n: int) -> str:
        return f"fact {n + 1} ({short_text(self.facts.items[n].text)})"

    # verdicts ------------------------------------------------------------------------------------------------

    def verdict(self, claim: Claim, sentence_claims: list[Claim]) -> Verdict | None:
        """What is wrong with a claim, or None when the fact it restates supports it."""
        aligned = self.aligned(self.sentence_of(claim.offset), sentence_claims)
        if claim.kind == "date":
            return self._date(claim, aligned)
        if claim.kind == "name":
            return self._name(claim, aligned, sentence_claims) or self._figure_of_another_name(claim, aligned, sentence_claims)
        return self._figure(claim, aligned, sentence_claims)

    def _counts_listed_names(self, claim: Claim, sentence_claims: list[Claim]) -> bool:
        """True for a small count that the sentence's own list of known names or numbers makes good ("two
        trainees, Zhang Min and Peter Osei", "three wards, 9, 10 and 11")."""
        q = claim.value
        if claim.kind != "number" or q.scaled or q.value != int(q.value) or not 1 < q.value <= NAMES_COUNTED_MAX:
            return False
        later = [c for c in sentence_claims[:NAMES_SCANNED] if c.offset > claim.offset]
        names = [c for c in later if c.kind == "name"]
        if len(names) == int(q.value) and all(self.index.name_units(c) for c in names):
            return True
        listed = LISTED_NUMBERS.match(self.text, claim.offset + len(claim.text))
        return bool(listed) and len(re.findall(r"\d+", listed.group(1))) == int(q.value)

    def _figure(self, claim: Claim, aligned: list[int], sentence_claims: list[Claim]) -> Verdict | None:
        if self._counts_listed_names(claim, sentence_claims):
            return None
        wrong = self._miscomputed_change(claim, sentence_claims, aligned)
        if wrong is not None or claim.derivation:
            return wrong  # a change the sentence computes from its own two ends: wrongly, or rightly (derived)
        found, arithmetic = self.index.figure_units(claim, is_approximate(claim, self.text))
        if claim.kind == "multiple":
            if not found:
                return Verdict("invented", f"{claim.text} is a change no before and after figures in the facts make")
            claim.derivation = f"{claim.text.strip()}: {arithmetic}"
            return None
        measure = measure_after(self.text, claim.offset + len(claim.text)) if claim.kind == "number" else None
        if measure is not None and not any(  # "186 MWh" for the facts' "186,000 kWh", not another fact's 186
                f is not None and 0 <= n < self.fact_count
                and (measure_after(self.index.units[n].text, f.end) or ("", 0))[0] == measure[0] for n, f in found):
            found = self._in_another_measure(claim) or found
        if not found:
            wrong = self._bad_derivation(claim, aligned) or self._period_of_another_event(claim, aligned)
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
        context = self._with_previous(claim, aligned)  # "That's nine fewer incidents.": the sentence before's fact
        if context and self._told_as_difference(claim):
            derived, steps = self.index._derivation(claim.value, claim.kind, is_approximate(claim, self.text),
                                                    frozenset(context))
            if derived:  # "cut from 12 to 7 working days, 5 fewer": the change, though a plan aims at 5 days
                claim.derivation = f"{claim.text.strip()}: {steps}"
                return None
            end_told = self._end_told_as_size(claim, found, aligned)
            if end_told is not None:
                return end_told
        own = self._bound_with_acronyms(claim, binding(self.text, claim.offset, claim.offset + len(claim.text)))
        compatible = [(n, f) for n, f in found if f is not None and f.binding & own]
        plan = (self._plan_as_done(claim, compatible or found) or self._broken_pair(claim, aligned, sentence_claims)
                or self._wrong_target(claim, aligned, own, found))
        if plan:
            return plan
        if arithmetic or not own:
            return None
        restated = [(n, f) for n, f in found if n in aligned and f is not None]
        reversed_pair = (self._reversed(claim, [(n, f) for n, f in compatible if n in aligned])
                         or self._start_told_as_now(claim, restated, sentence_claims))
        if reversed_pair is not None:
            return reversed_pair
        if aligned and not any(n in aligned for n, _ in compatible):
            derived, arithmetic = self.index._derivation(claim.value, claim.kind, is_approximate(claim, self.text),
                                                         frozenset(aligned))
            if derived:  # "fell by 12 percentage points, from 21% to 9%": the restated fact's change, not fact 1's 12
                claim.derivation = f"{claim.text.strip()}: {arithmetic}"
                return None
        if any(n in aligned for n, _ in compatible):
            return (self._sibling_told(claim, own, [(n, f) for n, f in compatible if n in aligned], sentence_claims)
                    or self._borrowed(claim, own, aligned, found, sentence_claims))  # the restated fact counts it so
        if all(n in self.plan_facts for n, _ in found) and self._future_voiced(claim.offset, claim.offset + len(claim.text)):
            return None  # a plan's own figure told as a plan ("will strive for 2.3 hundred-million yuan")
        other = self._aligned_count(claim, own, aligned, found, self._told(claim, sentence_claims))  # ... or counts
        # it with another figure
        if other is not None and any(n in self._figure_anchors(claim, sentence_claims) for n, _ in found) and not \
                self._names_its_rival(claim.offset, other, found, sentence_claims):
            other = None  # "rose from 54% to 71%, up 17 points": the sentence's other figures come from its fact too
        if other is not None:
            n, figure = other
            said = binding_phrase(self.text, claim.offset, claim.offset + len(claim.text))
            source, source_figure = next(((m, f) for m, f in found if f is not None), (facts[0], None))
            counted = (binding_phrase(self.index.units[source].text, source_figure.start, source_figure.end)
                       if source_figure is not None else "")
            given = self.index.units[n].text[figure.start:figure.end]
            return Verdict("misattributed", f"{claim.text.strip()} is the {counted or 'figure'} count in fact "
                                            f"{source + 1}, not {said}; fact {n + 1} gives {given} {said}", source)
        if any(n in aligned for n in facts):
            return None
        if compatible:
            return self._from_unrestated_fact(claim, compatible, aligned, sentence_claims)
        derived, arithmetic = self.index._derivation(claim.value, claim.kind, is_approximate(claim, self.text),
                                                     frozenset(context) if context else None)
        if derived:  # from the fact the sentence restates (from any fact only when it restates none)
            claim.derivation = f"{claim.text.strip()}: {arithmetic}"
            return None
        rival = self._rival(claim, own, facts)
        if rival is None:
            return self._stray(claim, found, aligned) or self._instead_of_restated(claim, found, aligned,
                                                                                  sentence_claims)
        n, figure = next(((n, f) for n, f in found if f is not None), (facts[0], None))
        unit_text = self.index.units[n].text
        counted = binding_phrase(unit_text, figure.start, figure.end) if figure is not None else "another figure"
        said = binding_phrase(self.text, claim.offset, claim.offset + len(claim.text))
        return Verdict("misattributed", f"{claim.text.strip()} is the {counted or 'figure'} count in fact {n + 1}, "
                                        f"not {said}; fact {rival + 1} counts {said}", n)

    def _borrowed(self, claim: Claim, own: frozenset[str], aligned: list[int], found: list[tuple[int, Figure | None]],
                  sentence_claims: list[Claim]) -> Verdict | None:
        """A figure taken from a fact the sentence only shares words with, told of the fact its other claims come
        from, which counts the same thing with another figure ("Under the Rural Broadband scheme … 58 projects"
        where 58 are the Community Energy projects and Rural Broadband funded 23)."""
        anchors = self._anchors(claim, sentence_claims, aligned)
        sources = {n for n, _ in found if n in aligned}
        if not anchors or anchors & sources:
            return None
        head = binding_head(self.text, claim.offset, claim.offset + len(claim.text))
        lo, hi = rounding_range(claim.value, is_approximate(claim, self.text))
        for n in sorted(anchors, key=aligned.index):
            unit = self.index.units[n]
            for figure in unit.figures:
                if (figure.quantity.kind == claim.value.kind and not lo <= figure.quantity.value <= hi
                        and head is not None and binding_head(unit.text, figure.start, figure.end) == head):
                    source = min(sources, key=aligned.index)
                    said = binding_phrase(self.text, claim.offset, claim.offset + len(claim.text))
                    given = unit.text[figure.start:figure.end]
                    return Verdict("misattributed", f"{claim.text.strip()} belongs to {self._fact_label(source)}; "
                                                    f"fact {n + 1} gives {given} {said}", source)
        return None

    def _sibling_told(self, claim: Claim, own: frozenset[str], restated: list[tuple[int, Figure]],
                      sentence_claims: list[Claim]) -> Verdict | None:
        """A whole told with the words its fact gives a part of it ("all 9 passed" where 9 sat the exam and 7
        passed; "45 HCAs passed" where 45 were trained and 40 passed), the part told nowhere in the sentence. (A part
        shares its whole's noun: "11 agents completed the course" of "142 agents, 11 completed" is no error.)"""
        told = self._told(claim, sentence_claims)
        for n, f in restated[:MAX_RIVALS]:
            unit = self.index.units[n]
            if told.covers(self._first_values(n)):
                continue  # the sentence tells every figure the fact could give as the part
            for g in unit.figures[:MAX_RIVALS]:
                q = g.quantity
                if (g is f or q.kind != f.quantity.kind or q.kind == "year" or q.value >= f.quantity.value
                        or q.value in told or self._denominator(n, g) or self._pair_partners(n, f, g)):
                    continue
                words = (own & self._narrow_binding(n, g)) - f.binding
                if words:
                    said = binding_phrase(self.text, claim.offset, claim.offset + len(claim.text))
                    counted = binding_phrase(unit.text, f.start, f.end) or "figure"
                    return Verdict("misattributed", f"{claim.text.strip()} is the {counted} count in "
                                                    f"{self._fact_label(n)}, not {said}; it gives "
                                                    f"{unit.text[g.start:g.end]} {binding_phrase(unit.text, g.start, g.end)}", n)
        return None

    def _first_values(self, n: int) -> frozenset[float]:
        """The values of fact n's first MAX_RIVALS figures (those the sibling check reads), once per fact index."""
        values = self.index.judged.setdefault("first_values", {})
        if n not in values:
            values[n] = frozenset(g.quantity.value for g in self.index.units[n].figures[:MAX_RIVALS])
        return values[n]

    def _told(self, claim: Claim, sentence_claims: list[Claim]) -> "_Told":
        """The values the claim's sentence tells besides it: its other figures, and small numbers in words that
        are no claims of their own ("over four stages"); the sentence is read once, not once per claim."""
        sentence = self.sentence_of(claim.offset)
        read = self._told_values.get(sentence)
        if read is None or read[0] is not sentence_claims:
            a, b = self.sentence_span(claim.offset)
            counts = Counter(c.value.value for c in sentence_claims if isinstance(c.value, _Quantity))
            words = frozenset(float(UNIT_WORDS[w]) for w in WORD_TOKEN.findall(self.text[a:b].lower())
                              if w in UNIT_WORDS)
            read = self._told_values[sentence] = (sentence_claims, counts, words, frozenset(counts) | words,
                                                  {id(c) for c in sentence_claims})
        _, counts, words, values, members = read
        own = claim.value.value if id(claim) in members and isinstance(claim.value, _Quantity) else None
        alone = own is not None and counts[own] == 1 and own not in words  # told by no other claim or word
        return _Told(values, own if alone else None)

    def _narrow_binding(self, n: int, figure: Figure) -> frozenset[str]:
        """What a fact's figure counts, read narrowly (`binding`, not wide), once per figure per fact index."""
        bindings = self.index.judged.setdefault("narrow_bindings", {})
        key = (n, figure.start)
        if key not in bindings:
            bindings[key] = binding(self.index.units[n].text, figure.start, figure.end)
        return bindings[key]

    def _period_of_another_event(self, claim: Claim, aligned: list[int]) -> Verdict | None:
        """A quarter or half written as an ordinal ("the third-quarter campaign") that no fact gives, where the
        restated fact dates its event otherwise: a moved date, like a moved month."""
        if claim.kind != "ordinal" or claim.value.unit not in ("quarter", "half"):
            return None
        dated = [n for n in aligned if self.index.units[n].dates]
        if not dated:
            return None
        return Verdict("wrong-date", f"{claim.text} {claim.value.unit} is in no fact; {self._fact_label(dated[0])} "
                                     "gives another date", dated[0])

    def _in_another_measure(self, claim: Claim) -> list[tuple[int, Figure | None]]:
        """The facts giving a measured figure in another unit of its family ("nearly 2.8 tonnes" for 2,750 kg,
        "186 MWh" for 186,000 kWh), its unit read after it in the draft and in the fact; [] when none does."""
        q = claim.value
        end = claim.offset + len(claim.text)
        own = measure_after(self.text, end) if claim.kind == "number" else None
        if own is None:
            return []
        family, size = own
        lo, hi = rounding_range(q, is_approximate(claim, self.text))
        measures = self.index.judged.get("measures")
        if measures is None:  # each fact figure with a measure unit, by family, in base units: once per index
            measures = {}
            for n in range(self.fact_count):
                unit = self.index.units[n]
                for f in unit.figures:
                    other = measure_after(unit.text, f.end)
                    if other is not None:
                        measures.setdefault(other[0], []).append((f.quantity.value * other[1], other[1], n, f))
            for family_of, pool in measures.items():
                pool.sort(key=lambda item: item[0])
                measures[family_of] = ([item[0] for item in pool], pool)
            self.index.judged["measures"] = measures
        keys, pool = measures.get(family, ([], []))
        return [(n, f) for _, other_size, n, f in pool[bisect.bisect_left(keys, lo * size):
                                                        bisect.bisect_right(keys, hi * size)] if other_size != size]

    def _miscomputed_change(self, claim: Claim, sentence_claims: list[Claim], aligned: list[int]) -> Verdict | None:
        """A relative change the sentence computes wrongly from the change it states itself ("rose from 18% to 24%,
        a 25% relative increase": that is 33%), whether or not some fact happens to give the figure."""
        q = claim.value
        if claim.kind != "percent" or q.unit == POINTS or len(sentence_claims) > PAIR_CLAIMS_MAX \
                or not self._told_as_change(claim):
            return None
        if self.draft_role(claim.offset, claim.offset + len(claim.text)) is not None:
            return None  # an end of the change, not its size
        ends: dict[str, list[Claim]] = {"before": [], "after": []}
        for other in sentence_claims:
            if other is not claim and other.kind in FIGURE_KINDS and other.kind != "year":
                role = self.draft_role(other.offset, other.offset + len(other.text))
                if role is not None:
                    ends[role].append(other)
        if len(ends["before"]) != 1 or len(ends["after"]) != 1:
            return None
        (a,), (b,) = ends["before"], ends["after"]
        if a.value.kind != b.value.kind or a.value.unit != b.value.unit or not a.value.value:
            return None
        change = 100.0 * abs(b.value.value - a.value.value) / abs(a.value.value)
        lo, hi = value_range(q, is_approximate(claim, self.text), derived=True)
        if lo <= change <= hi:
            claim.derivation = (f"{claim.text.strip()}: {change:.1f}% = |{b.value.value:g} − {a.value.value:g}| / "
                                f"{a.value.value:g}, the change this sentence states")
            return None
        if q.decimals < 0:
            return None  # a fraction in words ("well over a third") is loose: only a fit is read from it
        if a.value.kind == "percent" and lo <= abs(b.value.value - a.value.value) <= hi:
            return None  # points told as percent, which the percentage-point check names
        return Verdict("misattributed", f"{claim.text.strip()} is not the change from {a.text.strip()} to "
                                        f"{b.text.strip()}: that is {change:.1f}%"
                                        + (f" ({self._fact_label(aligned[0])})" if aligned else ""),
                       aligned[0] if aligned else None)

    def _told_as_change(self, claim: Claim) -> bool:
        """True when a percentage is told as the size of a change ("a 25% increase", "down 20%", "12.5% shorter")."""
        end = claim.offset + len(claim.text)
        before = self.text[max(0, claim.offset - DIFFERENCE_WINDOW):claim.offset]
        return bool(self._told_as_difference(claim) or CHANGE_BEFORE.search(before) or CHANGE_AFTER.match(self.text, end))

    def _with_previous(self, claim: Claim, aligned: list[int]) -> list[int]:
        """The facts a sentence restates, with those of the sentence before when it opens by pointing back ("That
        is a 27% cut.", "This means …"): a figure it derives may come from either."""
        sentence = self.sentence_of(claim.offset)
        a, b = self.spans[sentence] if self.spans else (0, len(self.text))
        if sentence == 0 or not POINTS_BACK.match(self.text, a, b):
            return aligned
        previous = self._alignment.get(sentence - 1)  # aligned already when it had claims (sentences go in order)
        if previous is None:
            previous = self.aligned(sentence - 1, [])
        return list(dict.fromkeys(aligned + previous))

    def _told_as_difference(self, claim: Claim) -> bool:
        """True when the draft tells a figure as the size of a change ("5 fewer", "by 3 days", "a saving of
        €7.3m"), not as where something stands."""
        end = claim.offset + len(claim.text)
        before = self.text[max(0, claim.offset - DIFFERENCE_WINDOW):claim.offset]
        return bool(DIFFERENCE_BEFORE.search(before) or DIFFERENCE_AFTER.match(self.text, end))

    def _bound_with_acronyms(self, claim: Claim, own: frozenset[str]) -> frozenset[str]:
        """What a figure counts, with the facts' acronym for words that spell it out ("gross written premium …
        up 9%" counts GWP too)."""
        if not self.acronyms or not own:
            return own
        extra = {_fold(short.lower()) for short, words in self._spelled(self.sentence_of(claim.offset)) if words & own}
        return own | extra if extra else own

    def _spelled(self, sentence: int) -> list[tuple[str, frozenset[str]]]:
        """The facts' acronyms a sentence spells out (read once per sentence)."""
        if sentence not in self._spelled_out:
            a, b = self.spans[sentence] if self.spans else (0, len(self.text))
            self._spelled_out[sentence] = spelled_out(self.text[a:b], self.acronyms)
        return self._spelled_out[sentence]

    def _broken_pair(self, claim: Claim, aligned: list[int], sentence_claims: list[Claim]) -> Verdict | None:
        """One end of a change that the restated fact gives with another figure at that end ("rose from 68% to 78%"
        where the fact has 68% -> 74%, and 78% is another fact's figure or a ratio of one)."""
        kind = claim.value.kind
        if len(sentence_claims) > PAIR_CLAIMS_MAX:
            return None  # a sentence listing that many figures states no one change (and stays linear)
        if not any(sum(f.quantity.kind == kind for f in self.index.units[n].figures) > 1 for n in aligned):
            return None  # no restated fact gives a change of its kind (checked first: cheaper than reading roles)
        end = claim.offset + len(claim.text)
        said = self.draft_role(claim.offset, end)
        if said is None or CHANGE_BY.search(self.text, max(0, claim.offset - 8), claim.offset):
            return None  # "grew by £5.6 million to £66.8 million": the change, not where it started
        partners = [c for c in sentence_claims if c is not claim and c.kind == claim.kind and c.value.kind == kind
                    and self.draft_role(c.offset, c.offset + len(c.text)) != said
                    and not CHANGE_BY.search(self.text, max(0, c.offset - 8), c.offset)]
        if len(partners) != 1:
            return None  # the other end, told anywhere in the sentence ("412 homes …, compared with 365 in 2025")
        partner = partners[0]
        lo, hi = rounding_range(claim.value, is_approximate(claim, self.text))
        p_lo, p_hi = rounding_range(partner.value, is_approximate(partner, self.text))
        for n in aligned:
            unit = self.index.units[n]
            ends = [(f, self._end_of_change(unit, f)) for f in unit.figures if f.quantity.kind == kind
                    and f.quantity.unit == claim.value.unit]
            for f, role in ends:
                if role != OTHER_END[said] or not p_lo <= f.quantity.value <= p_hi:
                    continue
                mine = [g for g, r in ends if r == said and abs(g.start - f.start) <= PAIR_GAP + f.end - f.start]
                if mine and not any(lo <= g.quantity.value <= hi for g in mine):
                    given = unit.text[mine[0].start:mine[0].end]
                    return Verdict("misattributed", f"{claim.text.strip()} is not where the change in "
                                                    f"{self._fact_label(n)} {'started' if said == 'before' else 'ended'}"
                                                    f": it gives {given}", n)
        return None

    def _end_of_change(self, unit, figure: Figure) -> str | None:
        """Whether a fact's figure is where a change started or ended (read once per figure of the facts)."""
        ends = self.index.judged.setdefault("ends", {})
        key = (unit.text, figure.start)
        if key not in ends:
            ends[key] = self._read_end_of_change(unit, figure)
        return ends[key]

    @staticmethod
    def _read_end_of_change(unit, figure: Figure) -> str | None:
        """Whether a fact's figure is where a change started or ended: as `pair_role` reads it, or the two ends of
        "305, up from 262", "96% (was 89%)", "27.6% (2025: 21.3%)"."""
        role = pair_role(unit.text, figure.start, figure.end)
        if role is not None:
            return role
        before = unit.text[max(0, figure.start - KPI_MARK_WINDOW):figure.start]
        if BASELINE_MARK.search(before):
            return "before"  # "baseline 5.5 days, target 3 days, actual 3.8 days": where the year started
        if ACTUAL_MARK.search(before) and any(BASELINE_MARK.search(unit.text, max(0, g.start - KPI_MARK_WINDOW), g.start)
                                              for g in unit.figures if g is not figure):
            return "after"
        for other in unit.figures:
            if 0 < other.start - figure.end <= PAIR_GAP and EARLIER_MARK.search(unit.text[figure.end:other.start]):
                return "after"
            if 0 < figure.start - other.end <= PAIR_GAP and EARLIER_MARK.search(unit.text[other.end:figure.start]):
                return "before"
        return None

    def _start_told_as_now(self, claim: Claim, found: list[tuple[int, Figure | None]],
                           sentence_claims: list[Claim]) -> Verdict | None:
        """Where a change started, told as where things stand ("sell-through reached USD 5.6M", "this year 88%",
        "is now 48 minutes" where the fact went from that figure to another), the other end told nowhere near."""
        start, end = claim.offset, claim.offset + len(claim.text)
        if not found or len(sentence_claims) > PAIR_CLAIMS_MAX or self.draft_role(start, end) is not None or \
                not TOLD_AS_NOW.search(
                self.text, max(0, start - NOW_WINDOW), start):
            return None
        told = [c.value.value for c in sentence_claims if c is not claim and c.kind == claim.kind]
        for n, f in found:
            unit = self.index.units[n]
            if self._end_of_change(unit, f) != "before":
                continue
            ends = self._other_ends(unit, f, "before")
            if ends and not any(abs(v - g.quantity.value) < 1e-9 for g in ends for v in told):
                return Verdict("misattributed", f"{claim.text.strip()} is where the change in {self._fact_label(n)} "
                                                f"started, told as where it stands: it ended at "
                                                f"{unit.text[ends[0].start:ends[0].end]}", n)
        return None

    def _reversed(self, claim: Claim, found: list[tuple[int, Figure | None]]) -> Verdict | None:
        """A change told the wrong way round: the figure a fact gives as where it started told as where it ended,
        or the reverse ("brought costs down to €9,200" where the fact cut them from €9,200 to €5,750)."""
        said = self.draft_role(claim.offset, claim.offset + len(claim.text))
        if said is None or not found:
            return None
        roles = {self._end_of_change(self.index.units[n], f) for n, f in found}
        if roles != {"after" if said == "before" else "before"}:
            return None
        n = found[0][0]
        return Verdict("misattributed", f"{claim.text.strip()} is where the change in {self._fact_label(n)} "
                                        f"{'ended' if said == 'before' else 'started'}, told as where it "
                                        f"{'started' if said == 'before' else 'ended'}", n)

    def _from_unrestated_fact(self, claim: Claim, compatible: list[tuple[int, Figure | None]], aligned: list[int],
                              sentence_claims: list[Claim]) -> Verdict | None:
        """A figure that only a fact the sentence does not restate gives, in a sentence whose other claims come from
        the fact it does restate ("Agricultural premium reached RMB 1,862.4 ten thousand, up 6.3% year on year"
        where 6.3% is the motor premium's growth)."""
        anchors = self._anchors(claim, sentence_claims, aligned)
        if not anchors:
            return None
        source = compatible[0][0]
        clause = frozenset(words_of(self._clause(claim.offset, claim.offset + len(claim.text))))
        if any(clause & self.words.fact_words[n] for n, _ in compatible):
            # "… seven analysts, 18,240 tickets …": its own clause restates the fact it comes from, unless the
            # restated fact gives its one figure of the kind otherwise
            return self._instead_of_restated(claim, compatible, aligned, sentence_claims)
        return Verdict("misattributed", f"{claim.text.strip()} belongs to {self._fact_label(source)}; this sentence "
                                        f"restates {self._fact_label(min(anchors, key=aligned.index))}", source)

    def _instead_of_restated(self, claim: Claim, found: list[tuple[int, Figure | None]], aligned: list[int],
                             sentence_claims: list[Claim]) -> Verdict | None:
        """A figure from a fact the sentence does not restate, standing where the fact it restates (by the
        sentence's other claims) gives its one figure of that kind ("checks within 72 hours of admission for 74%
        of patients" where the checks fact says 89% and 74% is a survey's)."""
        anchors = self._anchors(claim, sentence_claims, aligned)
        if not anchors or any(n in anchors or n in aligned for n, _ in found):
            return None  # the sentence restates the claim's own fact too: two facts merged
        rival = self._lone_untold_figure(claim, sorted(anchors, key=aligned.index), sentence_claims)
        if rival is None:
            return None
        n, figure = rival
        source = found[0][0]
        return Verdict("misattributed", f"{claim.text.strip()} belongs to {self._fact_label(source)}; "
                                        f"{self._fact_label(n)}, which this sentence restates, gives "
                                        f"{self.index.units[n].text[figure.start:figure.end]}", source)

    def _lone_untold_figure(self, claim: Claim, anchors: list[int], sentence_claims: list[Claim]
                            ) -> tuple[int, Figure] | None:
        """The one figure of the claim's kind and unit that a restated fact gives and the sentence does not tell,
        beside which the claim stands in for it; None when the fact gives none or several."""
        q = claim.value
        told = [rounding_range(c.value, is_approximate(c, self.text)) for c in sentence_claims
                if isinstance(c.value, _Quantity) and c.value.kind == q.kind]
        for n in anchors:
            same = [f for f in self.index.units[n].figures if f.quantity.kind == q.kind and f.quantity.unit == q.unit
                    and q.kind != "year" and not self._denominator(n, f)]
            if len(same) == 1 and not any(lo <= same[0].quantity.value <= hi for lo, hi in told):
                return n, same[0]
        return None

    def _stray(self, claim: Claim, found: list[tuple[int, Figure | None]], aligned: list[int]) -> Verdict | None:
        """A distinctive figure that only facts the sentence says nothing of give, counting something else there
        ("based on 1,180 responses" where 1,180 is the password tickets of a fact about password resets)."""
        q = claim.value
        if not aligned or (q.kind == "number" and q.value < DISTINCTIVE_MIN and q.value == int(q.value)):
            return None
        a, b = self.sentence_span(claim.offset)
        sentence = frozenset(words_of(self.text[a:b]))
        figures = [(n, f) for n, f in found if f is not None and
                   binding_head(self.index.units[n].text, f.start, f.end) not in (None, *TIME_WORDS)]
        if not figures or len(figures) < len(found) or any(sentence & self.words.fact_words[n] for n, _ in figures):
            return None  # the fact that gives it counts nothing clear ("(now 81%)"), or the sentence speaks of it
        n, figure = figures[0]
        counted = binding_phrase(self.index.units[n].text, figure.start, figure.end) or "another"
        said = binding_phrase(self.text, claim.offset, claim.offset + len(claim.text))
        return Verdict("misattributed", f"{claim.text.strip()} is the {counted} figure of {self._fact_label(n)}, "
                                        f"not {said}; this sentence restates {self._fact_label(aligned[0])}", n)

    def _anchors(self, claim: Claim, sentence_claims: list[Claim], aligned: list[int] | None) -> set[int]:
        """The restated facts (any facts, when `aligned` is None) that the sentence's other claims (names, dates,
        distinctive figures) come from."""
        if aligned is not None and not aligned:
            return set()  # no restated fact: none of them can be one
        counts, sources = self._anchor_counts(sentence_claims)
        own = sources.get(id(claim), frozenset())  # the claim's own facts are no anchors of it (unless another's)
        if aligned is None:
            return {n for n, count in counts.items() if count > (n in own)}
        return {n for n in aligned if counts.get(n, 0) > (n in own)}

    def _anchor_counts(self, sentence_claims: list[Claim]) -> tuple[dict[int, int], dict[int, frozenset[int]]]:
        """For a sentence's first NAMES_SCANNED claims: how many of them come from each fact, and each one's facts
        (read once per sentence, not once per claim of it)."""
        cached = self._anchor_tables.get(id(sentence_claims))
        if cached is not None and cached[0] is sentence_claims:
            return cached[1], cached[2]
        counts: dict[int, int] = {}
        sources: dict[int, frozenset[int]] = {}
        for other in sentence_claims[:NAMES_SCANNED]:
            if other.kind == "date":
                units = self.index.date_units(other)
                facts = frozenset(units if len(units) <= COMMON_CLAIM_UNITS else [])
            else:
                facts = frozenset(self._claim_facts(other))
            sources[id(other)] = facts
            for n in facts:
                counts[n] = counts.get(n, 0) + 1
        # the list is kept with its tables, so its id cannot pass to another list while they are remembered
        self._anchor_tables[id(sentence_claims)] = (sentence_claims, counts, sources)
        return counts, sources

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
                if a is b or not b.value or a.kind != b.kind or (n != m and min(a.value, b.value) < BAD_DERIVATION_MIN):
                    continue  # two amounts of one kind, small counts only within one fact
                where = f"fact {n + 1}" if n == m else f"facts {n + 1} and {m + 1}"
                if a.kind == "percent":  # two shares: a difference in points told as a percent change
                    if n == m and q.unit != POINTS and a.value > b.value and lo <= a.value - b.value <= hi:
                        return Verdict("misattributed", f"{claim.text.strip()} is the change in percentage points "
                                                        f"({a.value:g}% − {b.value:g}%, {where}), not a relative "
                                                        "change", n)
                    continue
                for value, shown in ((100.0 * a.value / b.value, f"{a.value:g} / {b.value:g}"),
                                     (100.0 * (a.value - b.value) / b.value, f"({a.value:g} − {b.value:g}) / {b.value:g}")):
                    if lo <= value <= hi:
                        return Verdict("misattributed", f"{claim.text.strip()} = {shown} from {where}: no change "
                                                        "of one quantity gives it", n)
        return None

    def _aligned_count(self, claim: Claim, own: frozenset[str], aligned: list[int],
                       found: list[tuple[int, Figure | None]], told: "_Told | frozenset[float]" = frozenset()
                       ) -> tuple[int, Figure] | None:
        """A figure of the fact the sentence restates that counts the same thing as the claim, with another value
        (a figure counting the same thing as the claim's own figure in that fact is its before or after: no
        rival)."""
        q = claim.value
        own_facts = list(dict.fromkeys(n for n, _ in found if n in aligned))
        exact = set() if is_approximate(claim, self.text) else {  # facts giving exactly the claim's figure: there a
            n for n, f in found if n in own_facts and f is not None and f.quantity.value == q.value}  # rival of any
        # gap counts, unless the sentence tells the rival too ("NPS of 71, ahead of the branch average of 58")
        for n in own_facts or aligned:  # the figure's own fact restated: only its other figures can compete
            own_figures = [f for m, f in found if m == n and f is not None][:MAX_RIVALS]
            siblings = [f.binding for f in own_figures]
            candidates = {id(f): f for word in sorted(own) for f in self.index.units[n].by_word.get(word, ())[:MAX_RIVALS]}
            for figure in candidates.values():
                f = figure.quantity
                if f.kind != q.kind or f.kind == "year" or self._denominator(n, figure):
                    continue
                if any(figure.binding & sibling for sibling in siblings) or any(
                        self._pair_partners(n, figure, f) for f in own_figures):
                    continue
                if f.value in told:
                    continue  # the sentence tells the rival too: "318 lots over four stages", "NPS of 71 … of 58"
                close = n in exact
                if abs(f.value - q.value) > (0.0 if close else RIVAL_MIN_GAP * max(abs(f.value), abs(q.value))):
                    return n, figure
        return None

    def _end_told_as_size(self, claim: Claim, found: list[tuple[int, Figure | None]], aligned: list[int]
                          ) -> Verdict | None:
        """An end of a restated change told as its size ("rose by 22%" where the fact went from 14% to 22%)."""
        if self.draft_role(claim.offset, claim.offset + len(claim.text)) is not None:
            return None  # "went from 14 down to 5": an end told as an end
        for n, f in found:
            if n not in aligned or f is None or f.quantity.kind != claim.value.kind or f.quantity.unit != claim.value.unit:
                continue
            unit = self.index.units[n]
            role = self._end_of_change(unit, f)
            if role is None:
                continue
            if self._other_ends(unit, f, role):
                was = "ended" if role == "after" else "started"
                return Verdict("misattributed", f"{claim.text.strip()} is where the change in {self._fact_label(n)} "
                                                f"{was}, told as its size", n)
        return None

    def _other_ends(self, unit, figure: Figure, role: str) -> list[Figure]:
        """The figures of a fact that end the change `figure` is the `role` ("before" or "after") end of: of its kind,
        the other role, near it."""
        return [g for g in unit.figures if g is not figure and g.quantity.kind == figure.quantity.kind
                and self._end_of_change(unit, g) == OTHER_END[role] and abs(g.start - figure.end) <= PAIR_GAP * 2]

    def _figure_anchors(self, claim: Claim, sentence_claims: list[Claim]) -> set[int]:
        """The facts the sentence's other figures come from (a name the fact is about anchors no figure of it:
        "Magna Park sent out an average of 52 trucks" where 52 was the peak and 38 the average)."""
        return {n for other in sentence_claims[:NAMES_SCANNED] if other is not claim and other.kind in FIGURE_KINDS
                and other.kind != "year" for n in self._claim_facts(other)}

    def _names_its_rival(self, claim_start: int, rival: tuple[int, Figure], found: list[tuple[int, Figure | None]],
                         sentence_claims: list[Claim]) -> bool:
        """True when the sentence names the item the fact gives the rival figure and not the claim's ("312 PX-300
        centrifuges" where the fact sells 312 PX-200s and 298 PX-300s): the name is no anchor of the claim but of
        its rival."""
        n, figure = rival
        words = self._narrow_binding(n, figure)
        for m, f in found:
            if f is not None:
                words = words - f.binding
        return any(c.kind == "name" and frozenset(words_of(c.text)) & words and not  # "Windows 11": the figure's
                   0 <= claim_start - (c.offset + len(c.text)) <= 1 for c in sentence_claims)  # own name

    def _denominator(self, n: int, figure: Figure) -> bool:
        """True for the base of a rate ("per 1,000 bed days"), which counts nothing itself."""
        return bool(PER_BEFORE.search(self.index.units[n].text, max(0, figure.start - 8), figure.start))

    def _pair_partners(self, n: int, a: Figure, b: Figure) -> bool:
        """True when two figures of fact n are the two ends of one change ("from 21.3% to 27.6%", "27.6% (2025:
        21.3%)"): a before and an after, next to each other."""
        first, second = (a, b) if a.start < b.start else (b, a)
        text = self.index.units[n].text
        return (second.start - first.end <= PAIR_GAP and pair_role(text, first.start, first.end) != "after"
                and (SAME_QUANTITY_LINK.match(text[first.end:second.start]) is not None
                     or pair_role(text, second.start, second.end) is not None))

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

    def _date(self, claim: Claim, aligned: list[int]) -> Verdict | None:
        units = self.index.date_units(claim)
        if len(units) > COMMON_CLAIM_UNITS:
            return None  # a date that many facts give belongs to none in particular
        facts = [n for n in units if n < self.fact_count]
        if units and len(facts) < len(units):
            return None  # the front matter or the role's own text gives it
        dated = [n for n in aligned if self.index.units[n].dates]
        if any(n in aligned for n in facts):
            return self._date_of_another_event(claim, aligned, facts, dated)
        if "season" in claim.value and not dated:
            return None  # "over the winter" beside a fact with no date of its own: nothing to compare
        if not facts:  # (a season no fact's month falls in, told of a dated fact, is wrong-date like a month)
            if dated:
                return Verdict("wrong-date", f"{claim.text} is in no fact; {self._fact_label(dated[0])} gives "
                                             "another date", dated[0])
            return Verdict("invented", f"{claim.text} is stated by no fact")
        if not aligned:
            return None
        if self._local_support(claim, facts):
            return self._date_of_another_event(claim, aligned, facts, dated)
        where = f"; {self._fact_label(aligned[0])} " + ("gives another date" if dated else "gives no date")
        return Verdict("wrong-date", f"{claim.text} belongs to {self._fact_label(facts[0])}{where}", facts[0])


    def _date_of_another_event(self, claim: Claim, aligned: list[int], facts: list[int],
                               dated: list[int]) -> Verdict | None:
        """A date that one fact gives, told of the event of a restated fact that has a date of its own ("In August we
        moved the ticketing from Zendesk to ServiceNow" where that move was in April and August is when another
        fact's password reset went live): the words of the date's clause say which event."""
        rivals = [m for m in dated if m not in facts]
        if not rivals:
            return None
        scores = dict(self.words.scores(self._clause(claim.offset, claim.offset + len(claim.text))))
        own = max(scores.get(n, 0.0) for n in facts)
        rival = max(rivals, key=lambda m: scores.get(m, 0.0))
        if scores.get(rival, 0.0) < max(ALIGN_MIN_SCORE, DATE_RIVAL_RATIO * own):
            return None
        return Verdict("wrong-date", f"{claim.text} belongs to {self._fact_label(facts[0])}; the event it is told "
                                     f"of is {self._fact_label(rival)}, which gives another date", facts[0])

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
            coverage = {n: self.words.coverage(sentence_words, n) for n in aligned}
            figure_sources = [self._claim_facts(c) for c in found if c.kind in FIGURE_KINDS]
            # a fact whose words here all belong to another aligned fact, no plan, that gives every figure of the
            # sentence is a bystander ("renewable electricity now 45%, up from 20%" beside a plan for 60% renewable electricity)
            restated = [m for m in aligned if figure_sources and m not in self.plan_facts  # a plan told as done
                        and all(m in sources for sources in figure_sources)]  # states the actual fact, wrongly
            stated.update(n for n in aligned if coverage[n] >= OMISSION_COVERAGE and not (
                n not in restated and self.index.units[n].figures and any(
                    sentence_words & self.words.fact_words[n] <= self.words.fact_words[m] for m in restated)))
            for claim in found:
                sources = self._claim_facts(claim)
                for n in sources:  # one fact's own figure or name states it; a shared one needs a word of its own;
                    # in a sentence restating other facts, a figure or name another fact lends it states nothing
                    if n in aligned or len(sources) == 1 or (
                            (sentence_words - frozenset(words_of(claim.text))) & self.words.fact_words[n]):
                        stated.add(n)
        checkable = self.index.judged.get("checkable")
        if checkable is None:  # the facts with anything a draft could state: once per index
            checkable = self.index.judged["checkable"] = frozenset(
                n for n in range(self.fact_count)
                if self.words.fact_words[n] or self.index.units[n].figures or self.index.units[n].dates)
        return [Omission(n, fact.line, fact.text) for n, fact in enumerate(self.facts.items)
                if n not in stated and n in checkable]

    def _claim_facts(self, claim: Claim) -> list[int]:
        """The facts a claim's figure, name or dated day comes from (small whole numbers tell nothing); looked up
        once per claim (each claim of a sentence is an anchor of the others)."""
        key = (claim.offset, claim.kind, claim.text)
        found = self._sources.get(key)
        if found is None:
            found = self._sources[key] = self._claim_sources(claim)
        return found

    def _claim_sources(self, claim: Claim) -> list[int]:
        """_claim_facts(), not remembered."""
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
