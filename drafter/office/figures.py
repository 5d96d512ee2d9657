"""Before → after figures the facts state ("from 45 to 30 days", "418 contracts, up from 350", "350 → 418"), found
with grounding's own figure extraction (extract_claims: the same figures, units and scales the check reads)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from drafter.text.words import STOP_WORDS, WORD

if TYPE_CHECKING:
    from drafter.facts import Facts
    from drafter.grounding import Claim

CHARTED_KINDS = frozenset({"number", "money", "percent", "duration"})  # years, dates and names are no amounts
ARROW = re.compile(r"[^\S\n]*(?:→|->|=>)[^\S\n]*$")  # between the two figures of "350 → 418"
FROM_TO = re.compile(r"[^\S\n]+to[^\S\n]+$")  # between the two figures of "from 45 to 30"
FROM = re.compile(r"\bfrom[^\S\n]+$", re.I)
CHANGE_FROM = re.compile(r"\b(?:up|down|higher|lower|more|less|fewer)[^\S\n]+from[^\S\n]+$", re.I)
CHANGE_VERBS = frozenset(  # a "B ... from A" fact states a change only with one of these before B
    "rose risen rise rising fell fallen fall falling grew grown grow growing increased increase increasing "
    "decreased decrease decreasing dropped drop dropping declined decline declining climbed climb jumped jump "
    "improved improve improving reduced reduce reducing cut cutting raised raise raising lowered lower lowering "
    "shortened shorten shortening lifted lift boosted boost".split())
NOT_LABEL = CHANGE_VERBS | frozenset("up down from to by went go brought bring".split())
LABEL_ENDS = frozenset("worth valued totalling totaling with in at for of on over across".split())
LABEL_MAX_WORDS = 4
LOOK_BEHIND_CHARS = 120  # how far before a figure its "from", "up from" or change verb is looked for
LOOK_BEHIND_CLAIMS = 4  # how many figures before a "..., up from A" its B may be


@dataclass
class FigurePair:
    """A figure before and after a change, as one fact states it: what it counts, its unit, both values as the fact
    writes them (scaled figures in their scale: 612.5 for "612.5 million yuan") and the fact (0-based)."""

    label: str
    unit: str
    before: float
    after: float
    before_text: str
    after_text: str
    fact: int
    decimals: int = 0
    plan: bool = False  # the fact states a plan: its "after" is a target, not a result

    @property
    def title(self) -> str:
        """What the chart of this pair is called: "Certificate turnaround (days)"."""
        return f"{self.label} ({self.unit})" if self.unit and self.label else (self.label or self.unit)


def _same_measure(a: "Claim", b: "Claim") -> bool:
    """True when two figures can be a before and after: the same charted kind and the same unit or currency."""
    return a.kind == b.kind and a.kind in CHARTED_KINDS and a.value.unit == b.value.unit


def _label_words(text: str, drop_first_verb: bool) -> list[str]:
    """The words of a clause that name what a figure counts: no stop words, change words or figures, and not the
    verb a bullet fact starts with ("Cut the certificate turnaround" → certificate turnaround)."""
    words = WORD.findall(text)
    if drop_first_verb and words and (words[0].lower() in NOT_LABEL or words[0].lower().endswith("ed")):
        words = words[1:]
    return [w for w in words if w.lower() not in STOP_WORDS and w.lower() not in NOT_LABEL
            and not any(c.isdigit() for c in w)]


def _words_after(text: str, end: int) -> list[str]:
    """The words naming what the figure ending at `end` counts ("418 sales contracts worth ..." → sales contracts)."""
    from drafter.grounding.align import binding_phrase

    words: list[str] = []
    for word in WORD.findall(binding_phrase(text, end, end)):
        if word.lower() in LABEL_ENDS:
            break
        words.append(word)
    return _label_words(" ".join(words), False)


def _clause_before(text: str, offset: int) -> tuple[str, bool]:
    """The clause ending at offset (its last LOOK_BEHIND_CHARS), and whether it starts the fact."""
    floor = max(0, offset - LOOK_BEHIND_CHARS)
    cut = max(text.rfind(mark, floor, offset) for mark in (",", ";", ":", "(", " and "))
    if cut >= 0:
        return text[cut + 1:offset], False
    return text[floor:offset], floor == 0


def _label(text: str, first: "Claim") -> str:
    """What a pair counts: the clause before the pair's first figure, else the words after it ("418 sales
    contracts"), at most LABEL_MAX_WORDS."""
    clause, at_start = _clause_before(text, first.offset)
    words = _label_words(clause, at_start)[-LABEL_MAX_WORDS:]
    if not words:
        words = _words_after(text, first.offset + len(first.text))[:LABEL_MAX_WORDS]
    if not words:
        words = _label_words(text[max(0, first.offset - LOOK_BEHIND_CHARS):first.offset],
                             first.offset <= LOOK_BEHIND_CHARS)[-LABEL_MAX_WORDS:]
    label = " ".join(words)
    return label[:1].upper() + label[1:]


def _unit(claim: "Claim") -> str:
    """The unit a figure is written in, without its number: "days", "%", "million yuan", "$ million"."""
    quantity = claim.value
    if claim.kind == "percent":
        return "%"
    if claim.kind == "duration":
        return f"{quantity.unit}s"
    written = claim.text
    number = re.search(r"\d[\d,]*(?:\.\d+)?", written)
    rest = (written[:number.start()] + " " + written[number.end():]) if number else ""
    return " ".join(rest.split())


def _values(before: "Claim", after: "Claim") -> tuple[float, float, str]:
    """The two values to chart and their unit: in the figures' own scale when they share it (612.5 million yuan is
    612.5 on a "million yuan" axis), else in full."""
    b, a = before.value, after.value
    if b.scaled and a.scaled and b.mantissa and a.mantissa and b.value / b.mantissa == a.value / a.mantissa:
        return b.mantissa, a.mantissa, _unit(after)
    if not b.scaled and not a.scaled:
        return b.value, a.value, _unit(after) or _unit(before)
    unit = {"cny": "yuan", "usd": "$", "eur": "€", "gbp": "£", "hkd": "HK$"}.get(a.unit or "", "")
    return b.value, a.value, unit


def pairs_in(text: str, fact: int) -> list[FigurePair]:
    """The before → after pairs one fact states: "from A to B", "A → B", and "B ..., up from A" (or "rose to B from
    A"), the two figures of the same kind and unit."""
    from drafter.grounding import extract_claims

    claims = [c for c in extract_claims(text) if c.kind in CHARTED_KINDS]
    pairs: list[FigurePair] = []
    used: set[int] = set()
    for index, claim in enumerate(claims):
        if index in used:
            continue
        before_text = text[max(0, claim.offset - LOOK_BEHIND_CHARS):claim.offset]
        partner = _to_partner(text, claims, index, before_text)
        if partner is not None:  # "from A to B", "A → B": this figure is before
            before, after, first = claim, claims[partner], claim
        else:
            partner = _up_from_partner(text, claims, index, before_text, used)
            if partner is None:
                continue
            before, after, first = claim, claims[partner], claims[partner]  # "B ..., up from A"
        used.update({index, partner})
        b, a, unit = _values(before, after)
        if not unit and first is before:  # "from 33 to 19 cases": the word after the pair names the unit
            unit = " ".join(_words_after(text, after.offset + len(after.text))[:1])
        decimals = max(before.value.decimals, after.value.decimals)
        pairs.append(FigurePair(_label(text, first), unit, b, a, before.text, after.text, fact, decimals))
    return pairs


def _to_partner(text: str, claims: list["Claim"], index: int, before_text: str) -> int | None:
    """The index of B when claims[index] is the A of "from A to B" or "A → B", else None."""
    if index + 1 >= len(claims) or not _same_measure(claims[index], claims[index + 1]):
        return None
    claim, nxt = claims[index], claims[index + 1]
    between = text[claim.offset + len(claim.text):nxt.offset]
    if ARROW.fullmatch(between) or (FROM_TO.fullmatch(between) and FROM.search(before_text)):
        return index + 1
    return None


def _up_from_partner(text: str, claims: list["Claim"], index: int, before_text: str, used: set[int]) -> int | None:
    """The index of B when claims[index] is the A of "B ..., up from A" or "rose to B from A" (one of the few
    figures before it, of the same measure, with "up/down from" or a change verb before B), else None."""
    if not FROM.search(before_text):
        return None
    window = range(max(0, index - LOOK_BEHIND_CLAIMS), index)
    earlier = [i for i in window if i not in used and _same_measure(claims[i], claims[index])]
    if not earlier:
        return None
    partner = earlier[-1]
    lead = text[max(0, claims[partner].offset - LOOK_BEHIND_CHARS):claims[partner].offset]
    if CHANGE_FROM.search(before_text) or {w.lower() for w in WORD.findall(lead)} & CHANGE_VERBS:
        return partner
    return None


def is_plan(text: str, heading: str | None) -> bool:
    """True when a fact states a plan (by its words or its heading), as grounding reads plans."""
    from drafter.grounding.plans import PLAN_FACT, PLAN_HEADING

    return bool(PLAN_FACT.search(text) or (heading and PLAN_HEADING.search(heading)))


def figure_pairs(facts: "Facts") -> list[FigurePair]:
    """Every before → after pair the facts state, in the facts' order; a plan's pairs are marked as targets."""
    pairs = []
    for number, item in enumerate(facts.items):
        found = pairs_in(item.text, number)
        plan = bool(found) and is_plan(item.text, item.heading)
        for pair in found:
            pair.plan = plan
            pairs.append(pair)
    return pairs
