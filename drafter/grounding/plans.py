"""Plans and tense: which facts are plans or targets, and whether a draft's clause tells a thing as done or as planned.

A plan's figure, name or deed told as done is plan-as-done; a target the facts say was missed, told as met, is too.
Read per clause ("building on the 93% already achieved, we will …" tells the 93% as done) and against the report year.
"""

from __future__ import annotations

import bisect
import re

from drafter.grounding.claims import FIGURE_KINDS, YEAR_SPAN, PAST_VERBS, Claim
from drafter.grounding.findings import Verdict
from drafter.grounding.align import words_of
from drafter.grounding.align import pair_role
from drafter.grounding.support import (
    TARGET_AFTER, TARGET_BEFORE, TARGET_WINDOW, Figure, is_approximate, rounding_range)

PLAN_FACT = re.compile(
    r"^\W*(?:plan|plans|target|targets|goal|goals|aim|objective|objectives|next year|for next year|to do)\b"
    r"|\b(?:will|shall|plan(?:s|ning)? to|aim(?:s|ing)? to|intend(?:s|ing)? to|hope(?:s)? to|expect(?:s)? to|"
    r"next year|coming year|the new year|upcoming|is to|are to)\b", re.I)
PLAN_HEADING = re.compile(r"\b(?:goals?|plans?|planning|priorities|objectives|targets|outlook|looking ahead|"
                          r"next year|next steps|the (?:coming|new) year|intentions?|work plan)\b", re.I)
FUTURE_VOICE = re.compile(
    r"\b(?:will|shall|intend|intends|"
    r"hope|hopes|expect|expects|strive|strives|next year|coming year|the new year|upcoming|going to|is to|are to|"
    r"plan to|plans to|planning to|aim to|aims to|aiming to|"
    r"(?:target|goal)s? for(?! (?:the|this|that) (?:year|period|quarter|month))|"  # not "the target for the year"
    r"looking ahead|want to|wants to|seek to|seeks to|commit to|committed to|set out to|would|should|must|"
    r"(?:is|are) due to|scheduled to|(?:is|are) set to|on track to|"
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
CLAUSE_BREAK = re.compile(r"(?<!\d)[,:]|[,:](?!\d)|[;()\u2013\u2014]|\s(?:and|but|while|whereas|which|so that)\s",
                          re.I)  # not the comma of "1,000" or the colon of "7:40"
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
CHANGE_VERBS = frozenset(words_of("cut cuts reduce reduced raise raised increase increased improve improved grow lift "
                                   "bring get reach hit achieve keep move lower boost halve double"))  # no mark of a plan
PLAN_RESTATED_MIN = 0.34  # share of a plan's word weight a clause must restate to tell that plan as done
STANDS_NOW = re.compile(r"\b(?:now|currently|at present|presently|today|to date|so far|stands? at)\b", re.I)
BASELINE_WINDOW = 12  # characters around a plan fact's figure searched for "now", "currently", "(2026: …"
BASELINE_LOOKAHEAD = 4  # characters read past that window, so "72% (currently 68%)" sees the figure "currently" goes with
MISSED_FACT = re.compile(r"\b(?:not (?:yet )?met|unmet|missed|fell short|falls short|short of|below target|under target|"
                         r"behind (?:target|plan|schedule))\b", re.I)
TARGET_WORD = re.compile(r"\b(?:target|task|quota|plan|goal)s?\b", re.I)
TARGET_FULFILLED = re.compile(  # "fully completing the annual task", "fulfilled the quota"
    r"\b(?:complet\w*|fulfill?\w*|accomplish\w*|met|meeting|hit|hitting|achiev\w*|reach\w*|exceed\w*|"
    r"surpass\w*) (?:the |our |my |all |its |their )?(?:[\w-]+ ){0,3}(?:task|target|quota|goal)s?\b", re.I)
DONE_VERB = re.compile(r"\b(?:reached|achieved|attained|exceeded|surpassed|completed)\b", re.I)  # a past no plan
# takes: a later year beside it does not make the clause a plan
TARGET_MET = re.compile(r"\b(?:target|goal|aim)s?\b.{0,60}\b(?:has|have|was|were) (?:already |now )?(?:been )?"
                        r"(?:achieved|reached|met|hit|exceeded|surpassed)\b|\b(?:achieved|reached|met|hit|exceeded|"
                        r"surpassed) (?:the |our |my |its |their )?(?:[\w-]+ ){0,3}(?:target|goal)\b", re.I)
TARGET_MEETING = re.compile(r"\b(?:meeting|meets|hitting|reaching|achieving) (?:the |our |my |its |their )?"
                            r"(?:[\w-]+ ){0,3}(?:target|goal)\b", re.I)  # "96.2%, meeting the target": said met,
# which only a fact that says the target was missed makes wrong (a figure named as the target stays a target)
SHORTFALL = re.compile(r"\b(?:against|short of|fell short|missed|below|under|behind|not yet|versus|vs\.?)\b", re.I)
YEAR = re.compile(r"\b(?:19|20)\d\d\b")


class PlanReading:
    """The Judge's reading of plans and tense (a mixin: it uses the Judge's text, facts, index and spans)."""

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

    def _clause(self, offset: int, end: int | None = None) -> str:
        """The clause of its sentence around a span: the text between the nearest commas, dashes or joining
        words ("which", "and") on either side."""
        b = self.sentence_span(offset)[1]
        end = offset if end is None else end
        after = CLAUSE_BREAK.search(self.text, end, b)
        return self.text[self._clause_start(offset): after.start() if after else b]

    def _clause_start(self, offset: int) -> int:
        """Where the clause holding an offset starts: after the nearest comma, dash or joining word before it."""
        a = self.sentence_span(offset)[0]
        before = [m.end() for m in CLAUSE_BREAK.finditer(self.text, a, offset)]
        return before[-1] if before else a

    def _future_voiced(self, offset: int, end: int | None = None) -> bool:
        """True when a sentence speaks of the future: its own words, a later year, or a plan heading above it
        (unless the sentence itself says the thing is done: "is now live" under "Next year"). The clause holding
        the claim decides first: "building on the 93% already achieved, we will …" tells the 93% as done."""
        a, b = self.sentence_span(offset)
        sentence = self.text[a:b]
        if TARGET_MET.search(sentence) and not SHORTFALL.search(sentence):
            return False  # "the 2027 target has been achieved ahead of schedule" says it is done
        clause = self._clause(offset, end)
        if self._later_year(clause) and not FUTURE_VOICE.search(sentence) and \
                DONE_VERB.search(self.text[self._clause_start(offset):offset]):  # (the clause's verb, before the claim)
            return False  # "reached 45 million yuan in 2027" in a 2026 summary: told as done, in a year not yet come
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
        return bool(before or BASELINE_AFTER.match(text[figure.end:figure.end + BASELINE_WINDOW + BASELINE_LOOKAHEAD]))

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

    def _plan_as_done(self, claim: Claim, found: list[tuple[int, Figure | None]]) -> Verdict | None:
        """A figure that only a plan or target states, told in a sentence that says it is done."""
        plans = [(n, f) for n, f in found if n in self.plan_facts or (f is not None and f.target)]
        if len(plans) != len(found) or self._future_voiced(claim.offset, claim.offset + len(claim.text)):
            return None
        a, b = self.sentence_span(claim.offset)
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

    def _wrong_target(self, claim: Claim, aligned: list[int], own: frozenset[str],
                      found: list[tuple[int, Figure | None]]) -> Verdict | None:
        """A figure told as the aim of a plan that the restated fact gives another aim ("next year I am aiming for a
        91% renewal rate" where the plan is 94% and 91% is today's rate, or another fact's figure)."""
        if any((n in self.plan_facts or (f is not None and f.target)) and not (f is not None and self._baseline(n, f))
               for n, f in found):
            return None  # some plan or target aims at it: which one is the other checks' to judge
        q = claim.value
        if q.kind == "year" or not any(q.kind in self._aim_kinds(n) for n in aligned):
            return None  # no restated fact aims at anything of its kind (checked first: the rest reads the tense)
        start, end = claim.offset, claim.offset + len(claim.text)
        a, b = self.sentence_span(start)
        later = self._later_year(self.text[a:b]) or bool(FUTURE_VOICE.search(self.text[a:b]))
        if not (self._future_voiced(start, end) or self._named_as_target(claim)) or self.draft_role(start, end) == "before" or BASELINE_BEFORE.search(
                self.text[max(0, start - BASELINE_WINDOW):start]) or BASELINE_AFTER.match(
                self.text[end:end + BASELINE_WINDOW + BASELINE_LOOKAHEAD]) or STANDS_NOW.search(self._clause(start, end)):
            return None  # "from 1,041 at present", "currently stands at 48%": where the plan starts, not its aim
        lo, hi = rounding_range(q, is_approximate(claim, self.text))
        clause = self._clause(start, end)
        if FUTURE_VOICE.search(clause) or self._later_year(clause):  # "Next year we want … 24 days": the plan
            aligned = sorted(aligned, key=lambda m: m not in self.plan_facts)  # it restates first, though 24 days
        for n in aligned:  # is this year's figure in another fact
            unit = self.index.units[n]
            same = [f for f in unit.figures if f.quantity.kind == q.kind and f.quantity.unit == q.unit]
            if any(lo <= f.quantity.value <= hi and not (n in self.plan_facts and self._baseline(n, f)) for f in same):
                return None  # the fact gives this figure, not as today's: what it stands for is for the other checks
            aims = [f for f in same if (n in self.plan_facts or (f.target and not later))
                    and not self._baseline(n, f) and pair_role(unit.text, f.start, f.end) != "before"]
            if aims and (len(aims) == 1 or any(f.binding & own for f in aims)):
                aim = next((f for f in aims if f.binding & own), aims[0])
                return Verdict("misattributed", f"{claim.text.strip()} is not the aim in {self._fact_label(n)}: it "
                                                f"aims at {unit.text[aim.start:aim.end]}", n)
        return None

    def _aim_kinds(self, n: int) -> frozenset[str]:
        """The kinds of figure fact n aims at (all its figures when it is a plan; its targets otherwise), read once
        per fact."""
        kinds = self.index.judged.setdefault("aim_kinds", {})
        if n not in kinds:
            kinds[n] = frozenset(f.quantity.kind for f in self.index.units[n].figures
                                 if n in self.plan_facts or f.target)
        return kinds[n]

    def _told_done(self, claim: Claim) -> bool:
        """True when the clause holding a claim tells it as done, not planned."""
        end = claim.offset + len(claim.text)
        return not self._future_voiced(claim.offset, end) and bool(DONE_WORDS.search(self._clause(claim.offset, end)))

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
        planned = [n for n in aligned if n in self.plan_facts]
        if not planned:
            return None
        n = planned[0]
        done = [m for m in aligned if m not in self.plan_facts]
        if done:  # a sentence restating what was done as well tells the plan only in words no done fact has
            words = frozenset(words_of(self.text[a:b])) & self.words.fact_words[n] - CHANGE_VERBS
            if not words - frozenset().union(*(self.words.fact_words[m] for m in done)):
                return None  # ("We now also send text-message reminders" beside a fact about reminder notices)
        start, end = self._clause_restating(a, b, n)
        if any(m not in self.plan_facts for c in claims if c.kind in FIGURE_KINDS and start <= c.offset < end
               for m in self._claim_facts(c)):
            return None  # "rose from 54% to 71%": its figures come from what was done, not from the plan
        if self.words.coverage(frozenset(words_of(self.text[start:end])), n) < PLAN_RESTATED_MIN:
            return None  # "It was a year of big changes for the team": one shared word restates no plan
        clause = self.text[start:end]
        if self._future_voiced(start, end) or not (DONE_WORDS.search(clause) or CLAUSE_DONE.search(clause)):
            return None  # CLAUSE_DONE: "has also taken over export orders"
        if self._tells_the_baseline(n, [c for c in claims if start <= c.offset < end and c.kind in FIGURE_KINDS]):
            return None  # "Patch compliance is at 89% right now": the plan's "currently 89%", true as told
        return Verdict("plan-as-done", f"this restates the plan in {self._fact_label(n)} as achieved", n)

    def _tells_the_baseline(self, n: int, figures: list[Claim]) -> bool:
        """True when a clause's figures are all where plan n starts ("(currently 81%)", "(2026: 58 %)")."""
        if not figures:
            return False
        for claim in figures:
            found, _ = self.index.figure_units(claim, is_approximate(claim, self.text))
            if not any(m == n and f is not None and self._baseline(n, f) for m, f in found):
                return False
        return True

    def _clause_restating(self, a: int, b: int, n: int) -> tuple[int, int]:
        """The span of the clause of a sentence that shares most words with fact n (the whole sentence when it
        has one clause; from the first to the last of clauses that share as many: "The site diary and | permits are
        now on Fieldgate" restates its plan across the "and")."""
        cuts = [a] + [m.end() for m in CLAUSE_BREAK.finditer(self.text, a, b)] + [b]
        best, best_shared = (a, b), 0
        for start, end in zip(cuts, cuts[1:]):
            shared = len(frozenset(words_of(self.text[start:end])) & self.words.fact_words[n])
            if shared > best_shared:
                best, best_shared = (start, end), shared
            elif shared == best_shared and shared:
                best = (best[0], end)
        return best

    def _target_told_met(self, sentence: str, aligned: list[int]) -> Verdict | None:
        """A sentence that says a target was met or a task fully completed, where the fact it restates says the
        target was missed ("not met", "fell short") or gives a completion rate under 100%."""
        if not (TARGET_FULFILLED.search(sentence) or TARGET_MET.search(sentence) or TARGET_MEETING.search(sentence)) \
                or FUTURE_VOICE.search(sentence):
            return None
        if self._shortfall(sentence):
            return None
        for n in aligned:
            fact = self.index.units[n].text
            if MISSED_FACT.search(fact) or (TARGET_WORD.search(fact) and self._completion_short(n)):
                return Verdict("plan-as-done", f"{self._fact_label(n)} says the target was not met", n)
        if TARGET_MET.search(sentence):  # "we have met our fetal monitoring training goal": a plan's aim, told met
            words = frozenset(words_of(sentence))
            for n in aligned:
                if n in self.plan_facts and self.words.coverage(words, n) >= PLAN_RESTATED_MIN:
                    return Verdict("plan-as-done", f"{self._fact_label(n)} is a plan, told as met", n)
        return None

    def _completion_short(self, n: int) -> bool:
        """True when fact n gives a completion rate under 100% ("completed 61.8 million (95.1%)")."""
        return any(f.quantity.kind == "percent" and 0 < f.quantity.value < 100
                   and re.search(r"\b(?:complet|achiev|reach|fulfil)\w*\b[^.;]*$",
                                 self.index.units[n].text[:f.start], re.I)
                   for f in self.index.units[n].figures)


def _years_in(text: str) -> list[int]:
    """The years a text names, both years of a financial or academic year ("FY2026/27": 2026 and 2027)."""
    years = [int(y) for y in YEAR.findall(text)]
    for match in YEAR_SPAN.finditer(text):
        last = match.group("last")
        years.append(int(last) if len(last) == 4 else int(match.group("first")) // 100 * 100 + int(last))
    return years
