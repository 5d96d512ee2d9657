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

from drafter.grounding.align import (
    CLAUSE_BREAK, WordIndex, binding, binding_head, binding_phrase, blank_spans, name_role, pair_role, words_of)
from drafter.grounding.claims import YEAR_SPAN, GENERIC_NAME_WORDS, PAST_VERBS, Claim, _name_tokens, extract_claims
from drafter.grounding.quantities import POINTS
from drafter.grounding.support import (
    COMMON_CLAIM_UNITS, SAME_QUANTITY_LINK, TARGET_AFTER, TARGET_BEFORE, TARGET_WINDOW, FactIndex, Figure, is_approximate, rounding_range,
    value_range)

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
    r"looking ahead|want to|wants to|seek to|seeks to|commit to|committed to|set out to|would|should|must|"
    r"has to|have to|need to|needs to|keen to|my focus|our focus)\b", re.I)
STRONG_DONE = re.compile(r"\b(?:now|already|has been|have been|had been|was|were|reached|achieved|completed|"
                         r"launched|went live|is live|are live|up and running|delivered|met|hit|exceeded)\b", re.I)
DONE_WORDS = re.compile(r"\b(?:reached|achieved|hit|met|exceeded|surpassed|attained|completed|delivered|begun|live|"
                        r"reaching|achieving|hitting|exceeding|completing|having|"
                        r"accomplished|realised|realized|launched|finished|rolled out|introduced|cut|grew|rose|"
                        r"raised|now|successfully|already|was|were|has been|have been|set up|"
                        + "|".join(sorted(PAST_VERBS)) + r")\b|\b\w+ed\b", re.I)
PAST_ONLY = sorted(PAST_VERBS - {"cut", "set", "hit", "put", "read", "run", "spent"})  # past forms no command shares
PARTICIPLES = ["begun", "become", "done", "gone", "grown", "known", "shown", "taken", "given", "written", "won",
               "got", "gotten", "built", "made", "seen", "sent", "led", "held", "kept", "paid", "sold", "taught",
               "brought", "bought", "caught", "started", "gained", "obtained", "secured", "passed"]  # "has begun"
PAST_OPENING = re.compile(r"^\W*(?:\w+ed|" + "|".join(PAST_ONLY) + r")\b", re.I)  # "- Secured ISO …"
SUBJECT_PAST = re.compile(r"\b(?:I|we|the team|our team|the branch|the office)\s+(?:\w+ed|" + "|".join(PAST_ONLY)
                          + r")\b", re.I)  # "we brought turnover below 12%"
CLAUSE_BREAK = re.compile(r"[,;:()\u2013\u2014]|\s(?:and|but|while|whereas|which|so that)\s", re.I)
CLAUSE_DONE = re.compile(  # a clause that says its thing is done, whatever the rest of the sentence plans
    r"\b(?:already|now|having \w+|(?:has|have|had) (?:already |now |just |also |since |successfully )?(?:been|\w+ed|"
    + "|".join(PAST_ONLY + PARTICIPLES) + r")|is live|went live|was|were)\b", re.I)
TARGET_REACHED = re.compile(r"\b(?:now|already) (?:at|on|hitting|meeting|above|over)\b|\b(?:reached|hit|met|achieved|"
                            r"exceeded|surpassed|attained)\b", re.I)  # "now at our 80% target"
SHORTFALL_PREPOSITION = re.compile(  # "under the annual plan", "below target": not "under the new code"
    r"\s*(?:the |our |its |their |a |an )?(?:[\w-]+ )?(?:target|plan|goal|budget|quota|forecast|benchmark)s?\b",
    re.I)
BASELINE_BEFORE = re.compile(r"(?:\bnow|\bcurrently|\btoday|\bfrom|\b((?:19|20)\d\d)\s*[:=])\s*\W{0,2}$", re.I)
BASELINE_AFTER = re.compile(  # "40% now"; not "10 days (now 12)", where "now" goes with the next figure
    r"^\W{0,2}\s*(?:now|currently|today|at present|at the moment)\b(?!\W{0,3}[\d$€£¥])", re.I)
BASELINE_WINDOW = 12  # characters around a plan fact's figure searched for "now", "currently", "(2026: …"
MISSED_FACT = re.compile(r"\b(?:not met|unmet|missed|fell short|falls short|short of|below target|under target|"
                         r"behind (?:target|plan|schedule))\b", re.I)
TARGET_WORD = re.compile(r"\b(?:target|task|quota|plan|goal)s?\b", re.I)
TARGET_FULFILLED = re.compile(  # "fully completing the annual task", "fulfilled the quota"
    r"\b(?:complet\w*|fulfill?\w*|accomplish\w*|met|meeting|hit|hitting|achiev\w*|reach\w*|exceed\w*|"
    r"surpass\w*) (?:the |our |my |all |its |their )?(?:[\w-]+ ){0,3}(?:task|target|quota|goal)s?\b", re.I)
TARGET_MET = re.compile(r"\b(?:target|goal|aim)s?\b.{0,60}\b(?:has|have|was|were) (?:already |now )?(?:been )?"
                        r"(?:achieved|reached|met|hit|exceeded|surpassed)\b|\b(?:achieved|reached|met|hit|exceeded|"
                        r"surpassed) (?:the |our |my |its |their )?(?:[\w-]+ ){0,3}(?:target|goal)\b", re.I)
SHORTFALL = re.compile(r"\b(?:against|short of|fell short|missed|below|under|behind|not yet|versus|vs\.?)\b", re.I)
YEAR = re.compile(r"\b(?:19|20)\d\d\b")
SWAP_MIN_SHARED = 2  # words a deed must share with another name's deed in the fact to call the name swapped
NAMES_SCANNED = 64  # claims of a sentence looked through for the names a count lists
NAMES_COUNTED_MAX = 12  # "two trainees, A and B": a count this small may be made good by the names it lists
DISTINCTIVE_MIN = 10  # whole numbers below this are too common to mark a fact as stated on their own
OMISSION_COVERAGE = 0.5  # a sentence restating this share of a fact's word weight states it
FIGURE_KINDS = ("number", "money", "percent", "duration")  # "multiple" claims are checked by derivation only
RIVAL_MIN_GAP = 0.2  # a restated fact's figure this far from the claim's counts the thing otherwise (closer: a
# before or after figure of the same pair, or a rounding)
TIME_WORDS = ("now", "currently", "today", "present", "moment")  # what a baseline figure "counts" in a plan
CLAUSE_START_WORD = re.compile(r"(?:^|[;:]\s*)([A-Z][\w+&-]{2,})\b")  # a capitalised word opening a clause
PER_BEFORE = re.compile(r"\b(?:per|every|each)\s*$", re.I)
PAIR_GAP = 24  # characters at most between the two ends of one change in a fact ("27.6% (2025: 21.3%)")
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
        self._people: dict[int, list[tuple[frozenset[str], int, int]]] = {}
        self._lower: frozenset[str] | None = None

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
            aligned = [n for n in self.words.align(blank_spans(self.text[a:b], spans)) if n < self.fact_count]
            if not aligned:  # "Net Promoter Score rose from 42 to 57": nothing but its names says which fact
                figures = [span for span, c in zip(spans, claims) if c.kind != "name"]
                aligned = [n for n in self.words.align(blank_spans(self.text[a:b], figures)) if n < self.fact_count]
            self._alignment[sentence] = aligned
        return self._alignment[sentence]

    def _clause(self, offset: int, end: int | None = None) -> str:
        """The clause of its sentence around a span: the text between the nearest commas, dashes or joining
        words ("which", "and") on either side."""
        a, b = self.spans[self.sentence_of(offset)] if self.spans else (0, len(self.text))
        end = offset if end is None else end
        before = [m.end() for m in CLAUSE_BREAK.finditer(self.text, a, offset)]
        after = CLAUSE_BREAK.search(self.text, end, b)
        return self.text[before[-1] if before else a: after.start() if after else b]

    def _future_voiced(self, offset: int, end: int | None = None) -> bool:
        """True when a sentence speaks of the future: its own words, a later year, or a plan heading above it
        (unless the sentence itself says the thing is done: "is now live" under "Next year"). The clause holding
        the claim decides first: "building on the 93% already achieved, we will …" tells the 93% as done."""
        a, b = self.spans[self.sentence_of(offset)] if self.spans else (0, len(self.text))
        sentence = self.text[a:b]
        if TARGET_MET.search(sentence) and not SHORTFALL.search(sentence):
            return False  # "the 2027 target has been achieved ahead of schedule" says it is done
        clause = self._clause(offset, end)
        if FUTURE_VOICE.search(clause) or self._later_year(clause):
            return True
        if CLAUSE_DONE.search(clause) and (not TARGET_WORD.search(clause) or TARGET_REACHED.search(clause)):
            return False  # not "targets have been set of 65%": a target named is not a target met
        if FUTURE_VOICE.search(sentence) or self._later_year(sentence):
            return True
        return bool(PLAN_HEADING.search(self._heading_before(offset))) and not (
            STRONG_DONE.search(sentence) or PAST_OPENING.match(sentence) or SUBJECT_PAST.search(sentence))

    def _baseline(self, n: int, figure: Figure) -> bool:
        """True when a plan fact gives a figure as where things stand now ("from 40% now", "(2026: 78%)")."""
        text = self.index.units[n].text
        before = BASELINE_BEFORE.search(text[max(0, figure.start - BASELINE_WINDOW):figure.start])
        if before and before.group(1):  # "(2026: 78%)" is a baseline; "Target for 2027: 90%" is not
            return bool(self.report_year) and int(before.group(1)) <= self.report_year
        return bool(before or BASELINE_AFTER.match(text[figure.end:figure.end + BASELINE_WINDOW]))

    def _later_year(self, text: str) -> bool:
        """True when a text names a year after the report's."""
        return bool(self.report_year) and any(int(y) > self.report_year for y in _years_in(text))

    def _shortfall(self, sentence: str) -> bool:
        """True when a sentence tells a figure as short of something ("against the target", "fell short"), not
        counting a "below"/"under" that bounds a figure ("below the 2% threshold") or is a preposition."""
        for match in SHORTFALL.finditer(sentence):
            if match.group(0).lower() in ("below", "under"):
                if not SHORTFALL_PREPOSITION.match(sentence, match.end()):
                    continue  # "under the new code", "below 10 minutes": a preposition or the figure's own bound
            return True
        return False

    def _fact_label(self, n: int) -> str:
        return f"fact {n + 1} ({_short(self.facts.items[n].text)})"

    # verdicts ------------------------------------------------------------------------------------------------

    def verdict(self, claim: Claim, sentence_claims: list[Claim]) -> Verdict | None:
        """What is wrong with a claim, or None when the fact it restates supports it."""
        aligned = self.aligned(self.sentence_of(claim.offset), sentence_claims)
        if claim.kind == "date":
            return self._date(claim, aligned)
        if claim.kind == "name":
            return self._name(claim, aligned) or self._figure_of_another_name(claim, aligned, sentence_claims)
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
        if arithmetic or not own:
            return None
        reversed_pair = self._reversed(claim, [(n, f) for n, f in compatible if n in aligned])
        if reversed_pair is not None:
            return reversed_pair
        if aligned and not any(n in aligned for n, _ in compatible):
            derived, arithmetic = self.index._derivation(claim.value, claim.kind, is_approximate(claim, self.text),
                                                         frozenset(aligned))
            if derived:  # "fell by 12 percentage points, from 21% to 9%": the restated fact's change, not fact 1's 12
                claim.derivation = f"{claim.text.strip()}: {arithmetic}"
                return None
        if any(n in aligned for n, _ in compatible):
            return self._borrowed(claim, own, aligned, found, sentence_claims)  # the restated fact counts it so
        other = self._aligned_count(claim, own, aligned, found)  # ... or counts it with another figure
        if other is not None and any(n in self._anchors(claim, sentence_claims, None) for n, _ in found):
            other = None  # "rose from 54% to 71%, up 17 points": the sentence's other claims come from its fact too
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
        derived, arithmetic = self.index._derivation(claim.value, claim.kind, is_approximate(claim, self.text))
        if derived:
            claim.derivation = f"{claim.text.strip()}: {arithmetic}"
            return None
        rival = self._rival(claim, own, facts)
        if rival is None:
            return self._stray(claim, found, aligned)
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

    def _reversed(self, claim: Claim, found: list[tuple[int, Figure | None]]) -> Verdict | None:
        """A change told the wrong way round: the figure a fact gives as where it started told as where it ended,
        or the reverse ("brought costs down to €9,200" where the fact cut them from €9,200 to €5,750)."""
        said = pair_role(self.text, claim.offset, claim.offset + len(claim.text))
        if said is None or not found:
            return None
        roles = {pair_role(self.index.units[n].text, f.start, f.end) for n, f in found}
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
            return None  # "… seven analysts, 18,240 tickets …": its own clause restates the fact it comes from
        return Verdict("misattributed", f"{claim.text.strip()} belongs to {self._fact_label(source)}; this sentence "
                                        f"restates {self._fact_label(min(anchors, key=aligned.index))}", source)

    def _stray(self, claim: Claim, found: list[tuple[int, Figure | None]], aligned: list[int]) -> Verdict | None:
        """A distinctive figure that only facts the sentence says nothing of give, counting something else there
        ("based on 1,180 responses" where 1,180 is the password tickets of a fact about password resets)."""
        q = claim.value
        if not aligned or (q.kind == "number" and q.value < DISTINCTIVE_MIN and q.value == int(q.value)):
            return None
        a, b = self.spans[self.sentence_of(claim.offset)] if self.spans else (0, len(self.text))
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
        anchors: set[int] = set()
        for other in sentence_claims[:NAMES_SCANNED]:
            if other is claim:
                continue
            if other.kind == "date":
                units = self.index.date_units(other)
                facts = units if len(units) <= COMMON_CLAIM_UNITS else []
            else:
                facts = self._claim_facts(other)
            anchors.update(n for n in facts if aligned is None or n in aligned)
        return anchors

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
                       found: list[tuple[int, Figure | None]]) -> tuple[int, Figure] | None:
        """A figure of the fact the sentence restates that counts the same thing as the claim, with another value
        (a figure counting the same thing as the claim's own figure in that fact is its before or after: no
        rival)."""
        q = claim.value
        own_facts = list(dict.fromkeys(n for n, _ in found if n in aligned))
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
                if abs(f.value - q.value) > RIVAL_MIN_GAP * max(abs(f.value), abs(q.value)):
                    return n, figure
        return None

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

    def _plan_as_done(self, claim: Claim, found: list[tuple[int, Figure | None]]) -> Verdict | None:
        """A figure that only a plan or target states, told in a sentence that says it is done."""
        plans = [(n, f) for n, f in found if n in self.plan_facts or (f is not None and f.target)]
        if len(plans) != len(found) or self._future_voiced(claim.offset, claim.offset + len(claim.text)):
            return None
        a, b = self.spans[self.sentence_of(claim.offset)] if self.spans else (0, len(self.text))
        sentence = self.text[a:b]
        if all(f is not None and self._baseline(n, f) for n, f in plans):
            return None  # "(now 40%)" in a plan: today's figure, true as told
        if (self._named_as_target(claim) and not all(n in self.plan_facts for n, _ in plans)
                and not (TARGET_MET.search(sentence) and not self._shortfall(sentence))):
            return None  # "92.4%, above the 90% target": the target told as a target, beside what was done
        if self._shortfall(sentence) or not DONE_WORDS.search(sentence):
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
            return self._other_of_its_kind(claim, aligned)  # the employer, unless the fact names another branch
        if any(n in aligned for n in facts):
            restated = [n for n in facts if n in aligned]
            return (self._reversed_people(claim, restated) or self._old_for_new(claim, restated)
                    or self._swapped_person(claim, restated))
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
        if all(n in self.plan_facts for n in facts) and self._told_done(claim):
            return Verdict("plan-as-done", f"{claim.text} is in the plan, {self._fact_label(facts[0])}, told as done",
                           facts[0])  # "Salesforce CPQ is already live" where only the plan names it
        return Verdict("wrong-name", f"{claim.text} belongs to {self._fact_label(facts[0])}, not to "
                                     f"{self._fact_label(aligned[0])}", facts[0])

    def _told_done(self, claim: Claim) -> bool:
        """True when the clause holding a claim tells it as done, not planned."""
        end = claim.offset + len(claim.text)
        return not self._future_voiced(claim.offset, end) and bool(DONE_WORDS.search(self._clause(claim.offset, end)))

    def _other_of_its_kind(self, claim: Claim, aligned: list[int]) -> Verdict | None:
        """A name the front matter gives, told where the restated fact names another of the same kind ("the
        Nanjing Branch" for the fact's "Jiangsu Branch"): the head word matches, the name does not."""
        words = claim.text.split()
        if len(words) < 2:
            return None
        head, tokens = words[-1].lower(), frozenset(_name_tokens(claim.text))
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
        a, b = self.spans[self.sentence_of(claim.offset)] if self.spans else (0, len(self.text))
        mine = frozenset(_name_tokens(claim.text))
        for n in facts:
            fact = self.index.units[n].text
            people = self._people_of(n)
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
        figure = next((c for c in sentence_claims if c.offset > claim.offset and c.kind in FIGURE_KINDS), None)
        if figure is None or CLAUSE_BREAK.search(self.text, claim.offset + len(claim.text), figure.offset):
            return None
        if any(c.kind == "name" and claim.offset < c.offset < figure.offset for c in sentence_claims):
            return None  # another name stands nearer the figure
        mine = frozenset(_name_tokens(claim.text)) - GENERIC_NAME_WORDS
        found, _ = self.index.figure_units(figure, is_approximate(figure, self.text))
        owners = []
        for n, f in found:
            if n not in aligned or f is None:
                continue
            before = [(start, tokens) for tokens, start, _ in self._people_of(n) if start < f.start]
            if not before:
                return None
            owner = max(before, key=lambda item: item[0])[1]
            if owner & mine:
                return None  # the fact gives this figure to this name
            owners.append((n, owner))
        a, b = self.spans[self.sentence_of(claim.offset)] if self.spans else (0, len(self.text))
        sentence_names = frozenset(_name_tokens(self.text[a:b]))
        if not owners or any(owner <= sentence_names for _, owner in owners):
            return None  # the name the fact gives the figure to is in the sentence too
        if not self._owns_a_figure(mine, figure.value.kind, set(self.index.name_units(claim)) | set(aligned)):
            return None  # a name with no figure of its own in the facts: no rival owner ("the US", "AIF")
        n = owners[0][0]
        return Verdict("wrong-name", f"{figure.text.strip()} belongs to another name in {self._fact_label(n)}, "
                                     f"not {claim.text}", n)

    def _owns_a_figure(self, tokens: frozenset[str], kind: str, facts: set[int]) -> bool:
        """True when some fact gives a figure of this kind to the name with these tokens (the nearest name before
        it)."""
        for n in facts:
            if not 0 <= n < self.fact_count:
                continue
            people = self._people_of(n)
            for f in self.index.units[n].figures:
                if f.quantity.kind != kind:
                    continue
                before = [(start, named) for named, start, _ in people if start < f.start]
                if before and max(before, key=lambda item: item[0])[1] & tokens:
                    return True
        return False

    def _people_of(self, n: int) -> list[tuple[frozenset[str], int, int]]:
        """The names of fact n with their positions, in order (read once per fact)."""
        if n not in self._people:
            fact = self.index.units[n].text
            people = [(frozenset(_name_tokens(c.text)) - GENERIC_NAME_WORDS, c.offset, c.offset + len(c.text))
                      for c in extract_claims(fact) if c.kind == "name"]
            lower = self._lowercase_words()
            for match in CLAUSE_START_WORD.finditer(fact):  # "Google rating 4.8/5 …; TripAdvisor 4.6/5": names too
                word = match.group(1)
                if word.lower() not in lower and not (word.lower().endswith("ed") or word.lower() in PAST_VERBS) \
                        and not any(start <= match.start(1) < end for _, start, end in people):
                    people.append((frozenset(_name_tokens(word)), match.start(1), match.end(1)))
            self._people[n] = sorted(people, key=lambda person: person[1])
        return self._people[n]

    def _lowercase_words(self) -> frozenset[str]:
        """Every word the facts or the draft write in lower case: a capitalised one of them opens a clause, it
        names nothing."""
        if self._lower is None:
            texts = [self.text] + [u.text for u in self.index.units]
            self._lower = frozenset(w for t in texts for w in re.findall(r"\b[a-z][a-z'-]+\b", t))
        return self._lower

    def _swapped_person(self, claim: Claim, facts: list[int]) -> Verdict | None:
        """A name from the restated fact doing what the fact says another name there did ("Peter Osei ran the
        stock reviews" where the fact has Zhang Min run them): each name's deed is the words that follow it."""
        deed = binding(self.text, claim.offset, claim.offset + len(claim.text))
        if not deed:
            return None
        tokens = set(_name_tokens(claim.text))
        a, b = self.spans[self.sentence_of(claim.offset)] if self.spans else (0, len(self.text))
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
        """A sentence without a figure of its own that restates a plan as something done, or that says a target
        was met where the fact it restates says it was missed."""
        aligned = self.aligned(sentence, claims)
        if not aligned:
            return None
        a, b = self.spans[sentence]
        missed = self._target_told_met(self.text[a:b], aligned)
        if missed is not None:
            return missed
        if aligned[0] not in self.plan_facts or any(n not in self.plan_facts for n in aligned):
            return None
        n = aligned[0]
        start, end = self._clause_restating(a, b, n)
        if self._future_voiced(start, end) or not DONE_WORDS.search(self.text[start:end]):
            return None
        return Verdict("plan-as-done", f"this restates the plan in {self._fact_label(n)} as achieved", n)

    def _clause_restating(self, a: int, b: int, n: int) -> tuple[int, int]:
        """The span of the clause of a sentence that shares most words with fact n (the whole sentence when it
        has one clause)."""
        cuts = [a] + [m.end() for m in CLAUSE_BREAK.finditer(self.text, a, b)] + [b]
        best, best_shared = (a, b), 0
        for start, end in zip(cuts, cuts[1:]):
            shared = len(frozenset(words_of(self.text[start:end])) & self.words.fact_words[n])
            if shared > best_shared:
                best, best_shared = (start, end), shared
        return best

    def _target_told_met(self, sentence: str, aligned: list[int]) -> Verdict | None:
        """A sentence that says a target was met or a task fully completed, where the fact it restates says the
        target was missed ("not met", "fell short") or gives a completion rate under 100%."""
        if not (TARGET_FULFILLED.search(sentence) or TARGET_MET.search(sentence)) or FUTURE_VOICE.search(sentence):
            return None
        if self._shortfall(sentence):
            return None
        for n in aligned:
            fact = self.index.units[n].text
            if MISSED_FACT.search(fact) or (TARGET_WORD.search(fact) and self._completion_short(n)):
                return Verdict("plan-as-done", f"{self._fact_label(n)} says the target was not met", n)
        return None

    def _completion_short(self, n: int) -> bool:
        """True when fact n gives a completion rate under 100% ("completed 61.8 million (95.1%)")."""
        return any(f.quantity.kind == "percent" and 0 < f.quantity.value < 100
                   and re.search(r"\b(?:complet|achiev|reach|fulfil)\w*\b[^.;]*$",
                                 self.index.units[n].text[:f.start], re.I)
                   for f in self.index.units[n].figures)

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
                sources = self._claim_facts(claim)
                for n in sources:  # one fact's own figure or name states it; a shared one needs a word of its own
                    if n in aligned or len(sources) == 1 or (
                            (sentence_words - frozenset(words_of(claim.text))) & self.words.fact_words[n]):
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


RELATION_VERB = re.compile(r"\b(?:mentor|train|coach|supervis|induct|onboard|support|help|replac|taught|teach|manag|"
                           r"line[- ]manag|shadow|assist|cover|hand|brief|assess|appraise|recruit|hire|buddi)\w*", re.I)


def _relation_words(text: str) -> set[str]:
    """The verbs of one person acting on another in a text between two names, by stem ("mentored" -> mentor)."""
    return {m.group(0).lower()[:5] for m in RELATION_VERB.finditer(text)}


def _passive(text: str) -> bool:
    """True for "was mentored by", which names the two people the other way round."""
    return re.search(r"\bby\b", text, re.I) is not None


def _years_in(text: str) -> list[int]:
    """The years a text names, both years of a financial or academic year ("FY2026/27": 2026 and 2027)."""
    years = [int(y) for y in YEAR.findall(text)]
    for match in YEAR_SPAN.finditer(text):
        last = match.group("last")
        years.append(int(last) if len(last) == 4 else int(match.group("first")) // 100 * 100 + int(last))
    return years
