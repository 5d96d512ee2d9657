"""What the facts, the front matter and the role's fixed text establish, indexed for looking claims up.

Each fact, front-matter value and fixed line is a unit; a claim is looked up to the units that state it (exactly,
rounded, or derived from two figures of the same quantity in one unit), so the verdicts can tell which fact a
figure, date or name belongs to. Lookups go through value indexes, so checking stays linear in the facts.
"""

from __future__ import annotations

import bisect
import heapq
import re
import threading
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Callable, NamedTuple

from drafter.grounding.align import binding
from drafter.grounding.claims import GENERIC_NAME_WORDS, MONTHS, SPAN, Claim, _extract, _name_tokens, fact_claims
from drafter.grounding.quantities import APPROXIMATE, CHANGE_WORDS, POINTS, UNITS, _Quantity, as_english, is_continental
from drafter.text.dates import SEASON_MONTHS
from drafter.text.numbers import ORDINAL_WORDS

if TYPE_CHECKING:
    from drafter.facts import Facts

SHORT_NAME_MIN = 3  # letters a first name needs before a lone mention of it is read as that person
DERIVATION_WINDOW = 4  # a derivation pairs a figure with one of the next few figures of its unit, never all pairs
SAME_QUANTITY_LINK = re.compile(
    r"^\s*(?:(?:[\w.,-]+\s+){0,5}(?:to|of(?:\s+the)?|of\s+whom|of\s+which|among\s+them|out\s+of|from|→|->|—|–|-|vs\.?|versus|against|"
    r"compared\s+(?:with|to)|up\s+from|down\s+from|rising\s+to|falling\s+to|rose\s+to|fell\s+to)"
    r"|.*\(\s*(?:FY\s?)?(?:19|20)\d\d(?:\s+[a-z]+){0,2}\s*[:：=]?(?:\s*[A-Z]{3})?|.*[;,]\s*(?:FY\s?)?(?:19|20)\d\d\s*[:：=](?:\s*[A-Z]{3})?"
    r"|.*\(\s*(?:PY|LY|prior year|last year|previous year)\s*[:=]?|.*\(\s*(?:vs\.?|versus|compared\s+(?:with|to))?)\s*$",
    re.I)
TARGET_BEFORE = re.compile(  # "a target of 95%", "goal: 95%", "aim to reach 95%", "Target 95%"
    r"(?:\b(?:target|goal|aim|objective|quota|budget)(?:ed|s)?\s*(?:of|:|is|was|at|set at|to reach|to hit|to get to|"
    r"to achieve|to|for)|(?:^|[:;,(]\s*)(?:target|goal)s?)\s*(?:about|around|nearly|over|under|at least|at most)?\s*$",
    re.I)
BASE_BEFORE = re.compile(  # the figure a change is measured from: "up from 350", "compared with 1,105", "(2025: 986)"
    r"(?:\b(?:from|than|compared\s+(?:with|to)|vs\.?|versus|against|last\s+year'?s?)(?:\s+(?!to\b)[^\s\d]+){0,3}"
    r"|\(\s*(?:FY\s?)?(?:19|20)\d\d\s*[:：=]?|[;,]\s*(?:FY\s?)?(?:19|20)\d\d\s*[:：=]"
    r"|\(\s*(?:PY|LY|prior year|last year|previous year)\s*[:=]?)\s*$", re.I)
BASE_AFTER = re.compile(r"^\s*(?:[A-Za-z-]+\s+){0,2}(?:in|for|during)\s+(?:FY\s?)?(?:19|20)\d\d\s*\)", re.I)  # "(1,106 in 2025)"
BATCH_EXTRACT_MIN_UNITS = 200  # facts files this long are read in batches (one text of many blocks)
BATCH_EXTRACT_SIZE = 500
BATCH_SEPARATOR = "\n\n\n"
PREFIX_CACHE_SIZE = 2  # sets of facts whose indexed full batches are kept for the next index of the same facts
WHOLE_PREFIX_MIN_CHARS = 20_000  # facts and front matter this long, in few units, are kept indexed whole (smaller
# ones index in milliseconds, not worth a copy)
NOT_PREFIX_STATE = ("units", "_memo", "judged", "_by_unit")  # an index's own: never copied from another
_DERIVATIONS_LOCK = threading.Lock()  # an index shared by sections drafted in threads builds its derivations once
_PREFIXES: dict[tuple, tuple[list, dict]] = {}  # (fact count, texts of the units kept) -> their units and tables
MULTIPLE_TOLERANCE = 1.1  # "doubled" stands for a factor of 1.8 to 2.2
COMMON_CLAIM_UNITS = 50  # a date, name or figure stated by more facts than this tells none of them apart
SCAN_LIMIT = COMMON_CLAIM_UNITS + 1  # matches of one value looked at, at most (one past "common")
SHORT_LINK = 25  # "1,284 settlements (2025: 1,106)": a figure this close, counting nothing of its own, is the same thing
HEDGE_UP = re.compile(r"\b(?:over|more than|above|upwards of|in excess of|just over|at least|exceed\w*|surpass\w*|"
                      r"topp\w*)\b")
HEDGE_DOWN = re.compile(r"\b(?:nearly|almost|under|less than|fewer than|below|just under|close to)\b")
HEDGE_CACHE = 65536  # windows before a claim whose hedge is remembered
HEDGE_FACTOR = 1.15  # "more than 1,100" may stand for up to 15% more (as in cleanup's hedged figures)
ABOUT_SHARE = 0.05  # "about 3.5 million" may stand for 5% either way
FRACTION_TOLERANCE = 5.0  # "a third" stands for 28-38%
DURATION_BASE = {"week": ("second", 604800.0), "day": ("second", 86400.0), "hour": ("second", 3600.0),
                 "minute": ("second", 60.0), "second": ("second", 1.0)}  # durations that compare across units
# (calendar days: "1.3 days" is about 31 hours)
KPI_BASELINE = re.compile(r"\b(?:baseline|base|previously|prior year|last year|was)\s*[:=]?\s*$", re.I)  # a KPI line:
KPI_ACTUAL = re.compile(r"\b(?:actual|outturn|achieved|result|now|this year)\s*[:=]?\s*$", re.I)  # "baseline 71%, …,
KPI_WINDOW = 14  # actual 88%": the two ends of one change, a target between them
TARGET_AFTER = re.compile(  # "the 95% target", "the 12,000 wan yuan target"; not "102.8% of plan", "€14.6m against a target"
    r"^\s*(?:(?!(?:of|against|above|below|vs|versus|over|under|to|for|the|a|an|than|with|on|in|at|by)\b)[a-z]+\s+){0,2}?"
    r"(?:target|goal|objective|plan)\b", re.I)
TARGET_WINDOW = 30  # characters before a figure searched for the words that make it a target


FACT_MAY = re.compile(r"(?<=[\w,;)] )May\b")  # not at the start of a line or sentence
QUARTER_WORDS = re.compile(r"\b(first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+(quarter|half)\b", re.I)
LOWER_LETTERS = re.compile(r"[a-z]+")
MONTH_WORD = re.compile(r"\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b\.?")


_new_tuple = tuple.__new__  # a Derivation from its fields at C speed


def _key(value: float) -> float:
    return round(value, 6)


@dataclass
class Figure:
    """A figure stated in a unit: its value, what it counts, and whether the unit gives it as a target."""

    quantity: _Quantity
    binding: frozenset[str]
    start: int
    end: int
    target: bool


class Derivation(NamedTuple):
    """A figure computed from two figures of one unit, with the arithmetic that gives it (a tuple: a fact of
    thousands of figures gives hundreds of thousands, each made with one C call)."""

    value: float
    percent: bool
    unit: str | None
    index: int
    template: str  # the arithmetic, written out only when a claim needs it ("{0} = {1} − {2}, fact 3")
    figures: tuple[float, ...] = ()

    @property
    def arithmetic(self) -> str:
        """The arithmetic that gives the derived figure, with "{pct}" standing for the claim as written."""
        return self.template.format(*(_fmt(f) for f in self.figures))


@dataclass
class Unit:
    """One fact, front-matter value or fixed line, with what it states."""

    text: str
    fact: int | None
    figures: list[Figure] = field(default_factory=list)
    dates: list[dict] = field(default_factory=list)
    tokens: frozenset[str] = frozenset()
    norm: str = ""
    names: list[frozenset[str]] = field(default_factory=list)
    name_deeds: list[tuple[frozenset[str], frozenset[str]]] = field(default_factory=list)  # name, words after it
    name_heads: list[tuple[str, frozenset[str], str]] = field(default_factory=list)  # "branch", tokens, as written
    by_word: dict[str, list[Figure]] = field(default_factory=dict)  # binding word -> this unit's figures counting it


def _fmt(value: float) -> str:
    return f"{value:,.2f}".rstrip("0").rstrip(".") if value != int(value) else f"{int(value):,}"


class FactIndex:
    """What the facts, front matter and fixed text establish: figures, dates, years and names, by unit."""

    def __init__(self, facts: "Facts", fixed_text: str = "") -> None:
        self.units: list[Unit] = []
        continental = is_continental([fact.text for fact in facts.items])  # "86,4 Mio. €", "01.07.": read as English
        for index, fact in enumerate(facts.items):
            text = fact.text if not fact.heading else f"{fact.text}\n{fact.heading}"
            self.units.append(Unit(as_english(text) if continental else text, index))
        self.units.extend(Unit(str(v), None) for v in facts.meta.values() if v)
        own_units = len(self.units)
        self.units.extend(Unit(line, None) for line in (fixed_text or "").split("\n") if line.strip())
        self.exact: dict[float, list[tuple[int, Figure]]] = {}
        self.base_values: dict[tuple[str, float], list[tuple[int, Figure]]] = {}  # ("second", 5400): 90 minutes
        self._memo: dict[tuple, object] = {}
        self.judged: dict = {}  # the Judge's per-facts tables (word index, plan facts, people), built once  # figure, date and name lookups, once per distinct claim
        self.bound_figures: dict[str, list[tuple[int, Figure]]] = {}  # binding word -> figures counting it
        self.name_index: dict[str, set[int]] = {}  # name word -> units naming it
        self.mantissas: dict[float, list[tuple[int, Figure]]] = {}
        self.sorted_values: list[tuple[float, int, int]] = []
        self.derived: dict[bool, list[tuple[float, int, int]]] = {True: [], False: []}  # built when first needed:
        self.derivations: list[Derivation] = []  # see _derived_pools
        self.derived_keys: dict[bool, list[float]] = {}
        self.derivations_built = False
        self._by_unit: dict[int, tuple[list[Derivation], dict]] = {}  # see _unit_pools
        self.months: dict[int, set[int]] = {}
        self.month_days: dict[tuple[int, int], set[int]] = {}
        self.quarters: dict[tuple[str, int], set[int]] = {}
        self.years: set[int] = set()
        self.ordinals: set[tuple[int, str | None]] = set()
        self.unit_words: list[set[str]] = []
        self.token_index: dict[str, set[int]] = {}
        self._index_units(len(facts.items), own_units)
        self.sorted_values.sort()
        self.sorted_keys = [v for v, _, _ in self.sorted_values]
        self.sorted_figures = [(n, self.units[n].figures[i]) for _, n, i in self.sorted_values]  # the same order
        year = facts.meta.get("year", "")
        everything = "\n".join(u.text for u in self.units).lower()
        if re.fullmatch(r"(?:19|20)\d\d", year.strip()):
            base = int(year)
            self.years.update((base, base - 1))  # the report's year, and the one it is compared with ("than in 2025")
            if re.search(r"\bnext year\b|\bcoming year\b", everything):
                self.years.add(base + 1)
            if re.search(r"\blast year\b|\bprevious year\b", everything):
                self.years.add(base - 1)

    def _index_units(self, fact_count: int, own_units: int) -> None:
        """Index every unit in order. The facts of the full batches read before any other unit are indexed once
        per set of such facts: a later index of the same facts (another section's, or the whole draft's with the
        role's fixed text) starts from a copy of what they gave. So are the facts and front matter (the first
        `own_units`) of a short but large facts file (each unit read alone, not in batches): the offline writer's
        index of them serves the whole draft's, which adds the role's fixed text."""
        texts = [u.text for u in self.units]
        if len(texts) >= BATCH_EXTRACT_MIN_UNITS:
            prefix = fact_count // BATCH_EXTRACT_SIZE * BATCH_EXTRACT_SIZE
        else:
            prefix = own_units if sum(map(len, texts[:own_units])) >= WHOLE_PREFIX_MIN_CHARS else 0
        key = (fact_count, tuple(texts[:prefix]))
        saved = _PREFIXES.get(key) if prefix else None
        first = 0
        if saved is not None:
            units, state = saved
            self.units[:prefix] = units
            self.__dict__.update(_copied(state))
            first = prefix
        for number, claims in enumerate(_claims_by_unit(texts, first), first):
            self._index_unit(number, self.units[number], claims)
            if number + 1 == prefix and saved is None:
                if len(_PREFIXES) >= PREFIX_CACHE_SIZE:
                    _PREFIXES.pop(next(iter(_PREFIXES)))
                _PREFIXES[key] = (self.units[:prefix], _copied(
                    {name: value for name, value in vars(self).items() if name not in NOT_PREFIX_STATE}))

    def _index_short_names(self, unit: Unit, names: list[Claim]) -> None:
        """Record the deeds of people a fact names again by first name ("… Sofia Bianchi and Marco Rinaldi; Sofia
        now night auditor"), so a draft giving that deed to the other person is seen as a swap."""
        text = unit.text
        taken = [(c.offset, c.offset + len(c.text)) for c in names]
        for claim in names:
            first = claim.text.split()[0]
            if len(claim.text.split()) < 2 or not first[:1].isupper() or len(first) < SHORT_NAME_MIN:
                continue
            for match in re.finditer(r"\b" + re.escape(first) + r"\b", text):
                if any(a <= match.start() < b for a, b in taken):
                    continue
                deed = binding(text, match.start(), match.end())
                if deed:
                    unit.name_deeds.append((frozenset(_name_tokens(claim.text)) - GENERIC_NAME_WORDS, deed))

    def _index_unit(self, number: int, unit: Unit, claims: list[Claim]) -> None:
        text = unit.text
        tokens = _name_tokens(text)
        unit.tokens = frozenset(tokens)
        unit.norm = " " + " ".join(tokens) + " "
        for token in unit.tokens:
            self.token_index.setdefault(token, set()).add(number)
        for claim in claims:
            value = claim.value
            if isinstance(value, _Quantity) and value.kind != "literal":
                if value.kind == "year":
                    self.years.add(int(value.value))
                    if value.unit == SPAN:  # FY2025/26 states 2025 and 2026
                        self.years.add(int(value.mantissa))
                if value.kind == "ordinal":
                    self.ordinals.add((int(value.value), value.unit))
                end = claim.offset + len(claim.text)
                target = bool(TARGET_BEFORE.search(text[max(0, claim.offset - TARGET_WINDOW):claim.offset])
                              or TARGET_AFTER.match(text[end:end + TARGET_WINDOW]))
                figure = Figure(value, binding(text, claim.offset, end, wide=True), claim.offset, end, target)
                unit.figures.append(figure)
                for word in figure.binding:
                    self.bound_figures.setdefault(word, []).append((number, figure))
                    unit.by_word.setdefault(word, []).append(figure)
                self.exact.setdefault(_key(value.value), []).append((number, figure))
                self.mantissas.setdefault(_key(value.mantissa), []).append((number, figure))
                if value.kind == "duration" and _in_base(value):
                    self.base_values.setdefault(_in_base(value), []).append((number, figure))
                self.sorted_values.append((value.value, number, len(unit.figures) - 1))
            elif claim.kind == "name":
                name = frozenset(t for t in _name_tokens(claim.text) if t not in GENERIC_NAME_WORDS)
                unit.names.append(name)
                unit.name_deeds.append((name, binding(text, claim.offset, claim.offset + len(claim.text))))
                words = claim.text.split()
                if len(words) > 1:
                    unit.name_heads.append((words[-1].lower(), frozenset(_name_tokens(claim.text)), claim.text))
                for token in name:
                    self.name_index.setdefault(token, set()).add(number)
            elif isinstance(value, dict) and claim.kind == "date":
                if "season" in value:  # a fact's "over the summer": its months
                    for month in SEASON_MONTHS[value["season"]]:
                        self.months.setdefault(month, set()).add(number)
                        unit.dates.append({"month": month, "day": None, "year": None})
                    continue
                unit.dates.append(value)
                if "quarter" in value:
                    self.quarters.setdefault(value["quarter"], set()).add(number)
                    if value["year"]:
                        self.years.add(value["year"])
                    continue
                self.months.setdefault(value["month"], set()).add(number)
                if value["day"]:
                    self.month_days.setdefault((value["month"], value["day"]), set()).add(number)
                if value["year"]:
                    self.years.add(value["year"])
        self._index_short_names(unit, [c for c in claims if c.kind == "name"])
        for match in FACT_MAY.finditer(text):  # "rolled out May": in a fact, a capitalised "May" mid-line is the month
            if number not in self.months.get(5, ()):
                self.months.setdefault(5, set()).add(number)
                unit.dates.append({"month": 5, "day": None, "year": None})
        for match in MONTH_WORD.finditer(text):  # "Oct–Dec", "Nov-Dec": months the date pattern reads only with a day
            month = MONTHS.get(match.group(0).rstrip(".").lower())
            if month and number not in self.months.get(month, ()):
                self.months.setdefault(month, set()).add(number)
                unit.dates.append({"month": month, "day": None, "year": None})
        for match in QUARTER_WORDS.finditer(text):
            which = match.group(1).lower()
            quarter = ("Q" if match.group(2).lower() == "quarter" else "H",
                       ORDINAL_WORDS.get(which) or int(which[0]))
            self.quarters.setdefault(quarter, set()).add(number)
            unit.dates.append({"quarter": quarter, "year": None})
        self.unit_words.append({UNITS.get(w, w) for w in LOWER_LETTERS.findall(text.lower())})

    def _derived_pools(self) -> tuple[dict[bool, list[float]], dict[bool, list[tuple[float, int, int]]]]:
        """The values of every unit's derivations, sorted, by whether they are percentages: (keys, pools of
        (value, unit, derivation)). Built when a claim first needs a derivation (one thread builds, the others
        wait): most checks never do, every figure being stated, and a fact of thousands of figures gives hundreds of
        thousands of them."""
        if not self.derivations_built:
            with _DERIVATIONS_LOCK:
                if not self.derivations_built:
                    for number, unit in enumerate(self.units):
                        read = self._by_unit.get(number)
                        for derivation in read[0] if read else self._index_derivations(number, unit):
                            self.derivations.append(derivation)
                            self.derived[derivation.percent].append((derivation.value, number,
                                                                     len(self.derivations) - 1))
                    for pool in self.derived.values():
                        pool.sort()
                    self.derived_keys = {k: [v for v, _, _ in pool] for k, pool in self.derived.items()}
                    self.derivations_built = True
        return self.derived_keys, self.derived

    def _unit_pools(self, number: int) -> tuple[list[Derivation], dict[bool, tuple[list[float], list]]]:
        """One unit's derivations, and their values sorted by whether they are percentages, as (keys, (value, unit,
        k-th derivation)): what a lookup within a few facts reads, without building every unit's."""
        read = self._by_unit.get(number)
        if read is None:
            derivations = self._index_derivations(number, self.units[number])
            pools: dict[bool, list[tuple[float, int, int]]] = {True: [], False: []}
            for k, derivation in enumerate(derivations):
                pools[derivation.percent].append((derivation.value, number, k))
            for pool in pools.values():
                pool.sort()
            read = self._by_unit[number] = (derivations, {key: ([v for v, _, _ in pool], pool)
                                                          for key, pool in pools.items()})
        return read

    def _index_derivations(self, number: int, unit: Unit) -> list[Derivation]:
        """Differences, sums and percentages of two figures of the same quantity in one unit, with arithmetic.
        What depends on the unit alone (its duration words, the templates) or on one figure (its KPI marks, whether
        it is a base) is read once, and the link between two figures once per pair: a fact may hold thousands."""
        figures = [f for f in unit.figures if f.quantity.kind in ("number", "money", "duration", "percent")]
        where = f"fact {unit.fact + 1}" if unit.fact is not None else "the front matter"
        text = unit.text  # a KPI line's baseline and actual marks, read once per figure
        baselines = [bool(KPI_BASELINE.search(text, max(0, f.start - KPI_WINDOW), f.start)) for f in figures]
        kpi_line = any(baselines)  # once per unit: per figure it made a unit of many figures quadratic
        actuals = [bool(KPI_ACTUAL.search(text, max(0, f.start - KPI_WINDOW), f.start)) if kpi_line else False
                   for f in figures]
        named = [u for u in DURATION_BASE if u in self.unit_words[number]]
        bases: list[bool | None] = [None] * len(figures)  # _is_base of each figure, read when first asked
        difference, points = "{0} = {1} − {2}, " + where, "{0} = {1} − {2} points, " + where
        relative, total = "{{pct}}% = ({0} − {1}) / {2}, " + where, "{0} = {1} + {2}, " + where
        share, of_target = "{{pct}}% = {0} / {1}, " + where, "{{pct}}% = {0} / {1} (of target), " + where
        out: list[Derivation] = []

        def add(value: float, percent: bool, measure: str | None, number: int, template: str, *operands: float) -> None:
            out.append(_new_tuple(Derivation, (value, percent, measure, number, template, operands)))
            base = DURATION_BASE.get(measure or "")
            if base and not percent and base[1] != 1.0:  # also in the base unit, so "72 minutes" finds 1.2 hours
                out.append(_new_tuple(Derivation, (value * base[1], percent, base[0], number, template, operands)))

        for i, first in enumerate(figures):
            for j in range(i + 1, min(len(figures), i + 1 + DERIVATION_WINDOW)):
                second = figures[j]
                a, b = first.quantity, second.quantity
                between = text[first.end:second.start]
                linked = None  # SAME_QUANTITY_LINK matches between the two: read at most once
                if a.kind == "number" and b.kind in ("duration", "money"):
                    linked = bool(SAME_QUANTITY_LINK.match(between))
                    if linked:
                        a = _Quantity(a.value, a.mantissa, b.kind, b.unit, a.scaled, a.decimals, a.written)  # "15 to 11 days"
                if a.kind == b.kind == "number" and not a.scaled and not b.scaled and len(named) == 1:
                    if linked is None:
                        linked = bool(SAME_QUANTITY_LINK.match(between))
                    if linked:  # "Average days to settle: 35 -> 21"
                        a, b = (_Quantity(q.value, q.mantissa, "duration", named[0], False, q.decimals, q.written)
                                for q in (a, b))
                if (a.kind == "percent") != (b.kind == "percent") or a.unit != b.unit:
                    continue
                if not (baselines[i] and actuals[j] or first.binding & second.binding):
                    if linked is None:
                        linked = bool(SAME_QUANTITY_LINK.match(between))
                    if not (linked or (not first.binding or not second.binding)
                            and (CHANGE_WORDS.search(between) or len(between) <= SHORT_LINK)):
                        continue  # a ratio of two different quantities is no derivation
                big, small = max(a.value, b.value), min(a.value, b.value)
                percent = a.kind == "percent"
                add(big - small, percent, POINTS if percent else a.unit, number, points if percent else difference,
                    big - small, big, small)
                if bases[j] is None:
                    bases[j] = self._is_base(text, second)
                base = b.value if bases[j] else a.value
                if percent:  # "from 18% to 24%": 6 points, and a relative rise of a third
                    if base:
                        add(100.0 * (big - small) / base, True, None, number, relative, big, small, base)
                    if small > 0:
                        add(big / small, False, "times", number, "{{pct}} = {0}% / {1}% = " + f"{big / small:.2f}, "
                            + where, big, small)
                    continue
                add(a.value + b.value, False, a.unit, number, total, a.value + b.value, a.value, b.value)
                if small <= 0:
                    continue
                add(100.0 * small / big, True, None, number, share, small, big)
                if first.target != second.target:  # "12,650 against a target of 12,000": 105.4% of target
                    done, aim = (a.value, b.value) if second.target else (b.value, a.value)
                    if done > aim:
                        add(100.0 * done / aim, True, None, number, of_target, done, aim)
                add(100.0 * (big - small) / base, True, None, number, relative, big, small, base)
                add(big / small, False, "times", number, "{{pct}} = {0} / {1} = " + f"{big / small:.2f}, " + where,
                    big, small)
        return out

    @staticmethod
    def _is_base(text: str, figure: Figure) -> bool:
        """True when the later of two figures is the one a change is measured from ("up from 350", "(2025: 986)",
        "(1,106 in 2025)"); else the earlier one is."""
        return bool(BASE_BEFORE.search(text[max(0, figure.start - 30):figure.start])
                    or BASE_AFTER.match(text[figure.end:figure.end + 30]))

    # figures ---------------------------------------------------------------------------------------------------

    def figure_units(self, claim: Claim, approximate: str | None) -> tuple[list[tuple[int, Figure | None]], str]:
        """The units stating a figure claim, each with the figure that matches it, and the arithmetic when the
        claim is derived rather than stated (units paired with None then). Looked up once per distinct figure."""
        q: _Quantity = claim.value
        key = ("figure", claim.kind, q.kind, q.value, q.mantissa, q.unit, q.scaled, q.decimals, q.written, approximate)
        found = self._memo.get(key)
        if found is None:
            units, arithmetic = self._figure_units(claim, approximate)
            distinct = {(n, f.binding if f is not None else None): (n, f) for n, f in reversed(units)}
            found = self._memo[key] = (list(reversed(distinct.values())), arithmetic)  # one per unit and binding
        return found

    def _figure_units(self, claim: Claim, approximate: str | None) -> tuple[list[tuple[int, Figure | None]], str]:
        q: _Quantity = claim.value
        if claim.kind == "multiple":
            return self._multiple(q, approximate)
        if q.kind == "literal":
            return [(n, None) for n, u in enumerate(self.units) if q.written in u.text], ""
        if claim.kind == "year":
            if int(q.value) in self.years:
                return [(-1, None)], ""
            return [(n, f) for n, f in self.exact.get(_key(q.value), [])[:SCAN_LIMIT] if f.quantity.kind != "percent"], ""
        if claim.kind == "ordinal" and q.unit in ("quarter", "half"):
            quarter = ("Q" if q.unit == "quarter" else "H", int(q.value))
            return [(n, None) for n in sorted(self.quarters.get(quarter, ()))], ""
        if claim.kind == "ordinal":  # a rank: "ranked third out of fourteen" states the facts' "3rd of 14"
            found = any(value == int(q.value) and unit not in ("quarter", "half") for value, unit in self.ordinals)
            return ([(-1, None)] if found else []), ""
        if claim.kind == "duration":
            found = _merged(
                [(n, f) for n, f in self.exact.get(_key(q.value), [])[:SCAN_LIMIT]
                 if f.quantity.kind == "duration" and f.quantity.unit == q.unit],
                [(n, f) for n, f in self.mantissas.get(_key(q.mantissa), [])[:SCAN_LIMIT] if q.unit in self.unit_words[n]],
                self.base_values.get(_in_base(q), [])[:SCAN_LIMIT] if _in_base(q) else [])
            if found:
                return found, ""
            rounded = self._in_rounding_range(q, approximate, lambda n, f: (
                f.quantity.kind == "duration" and f.quantity.unit == q.unit) or (
                f.quantity.kind == "number" and q.unit in self.unit_words[n]))  # "about 2,600 days" for 2,640 days
            return (rounded, "") if rounded else self._derivation(q, claim.kind, approximate)

        def fits(f: Figure) -> bool:
            k = f.quantity.kind
            if k == "year":
                return False  # "more than 2,000 leads" is no year 2025
            if claim.kind == "percent":
                return k == "percent"
            if claim.kind == "money":
                return k in ("money", "number") and (f.quantity.unit is None or f.quantity.unit == q.unit)
            if q.scaled:
                return k in ("money", "number")
            return True

        found = [(n, f) for n, f in self.exact.get(_key(q.value), [])[:SCAN_LIMIT] if fits(f)]
        if claim.kind not in ("percent", "money") and not q.scaled:
            found = _merged(found, self.mantissas.get(_key(q.value), [])[:SCAN_LIMIT])
        if found and approximate not in ("down", "up"):
            return found, ""  # (the rounding range is read only when it can change the answer)
        rounded = self._in_rounding_range(q, approximate, lambda n, f: fits(f))
        if found and rounded and approximate in ("down", "up"):  # "just under 90%": 89.9% as well as a 90% target
            return _merged(found, rounded), ""
        if found:
            return found, ""
        return (rounded, "") if rounded else self._derivation(q, claim.kind, approximate)

    def _in_rounding_range(self, q: _Quantity, approximate: str | None,
                           fits: Callable[[int, Figure], bool]) -> list[tuple[int, Figure]]:
        """The figures a hedged or rounded claim may stand for ("more than 400" for 427) that `fits` accepts."""
        lo, hi = value_range(q, approximate)
        if lo >= hi:
            return []
        start = bisect.bisect_left(self.sorted_keys, lo)
        end = min(bisect.bisect_right(self.sorted_keys, hi), start + SCAN_LIMIT)  # a range holding thousands of
        # figures tells no fact from another: the first SCAN_LIMIT are as good, and the check stays linear
        return [(n, f) for n, f in self.sorted_figures[start:end] if fits(n, f)]

    def _multiple(self, q: _Quantity, hedge: str | None) -> tuple[list[tuple[int, Figure | None]], str]:
        """The unit whose before and after figures of one quantity make the stated multiple (within 10%; "more
        than doubled" anything from twice to twice that)."""
        all_keys, pools = self._derived_pools()
        keys, pool = all_keys[False], pools[False]
        lo, hi = q.value / MULTIPLE_TOLERANCE, q.value * MULTIPLE_TOLERANCE
        if hedge == "up":
            lo, hi = q.value, q.value * q.value
        for _, number, index in pool[bisect.bisect_left(keys, lo):bisect.bisect_right(keys, hi)]:
            derivation = self.derivations[index]
            if derivation.unit == "times":
                return [(number, None)], derivation.arithmetic.replace("{pct}", f"{q.value:g}×")
        return [], ""

    def _derivation(self, q: _Quantity, kind: str, hedge: str | None,
                    within: frozenset[int] | None = None) -> tuple[list[tuple[int, Figure | None]], str]:
        """The unit and arithmetic of a derivation giving q (from one of the units `within`, when given), or
        nothing."""
        percent = kind == "percent"
        lo, hi = value_range(q, hedge, derived=True)
        ranges = [(lo, hi, q.unit)]
        base = DURATION_BASE.get(q.unit or "") if kind == "duration" else None
        if base:  # "72 minutes faster" from 3.2 -> 2 hours: compared in seconds
            ranges.append((lo * base[1], hi * base[1], base[0]))
        by_unit = within is not None and not self.derivations_built  # within a few facts: read theirs alone
        all_keys, pools = ({}, {}) if by_unit else self._derived_pools()
        for pool_is_percent in ((True, False) if kind == "number" else (percent,)):
            for low, high, unit in ranges:
                if by_unit:  # the same order as the whole pool's: by value, unit, then derivation
                    found = sorted(entry for number in within for keys, pool in
                                   [self._unit_pools(number)[1][pool_is_percent]]
                                   for entry in pool[bisect.bisect_left(keys, low):bisect.bisect_right(keys, high)])
                else:
                    keys, pool = all_keys[pool_is_percent], pools[pool_is_percent]
                    found = pool[bisect.bisect_left(keys, low):bisect.bisect_right(keys, high)]
                for _, number, index in found:
                    derivation = self._unit_pools(number)[0][index] if by_unit else self.derivations[index]
                    if derivation.unit == "times" or (within is not None and number not in within):
                        continue
                    if not pool_is_percent and kind != "number" and derivation.unit != unit and not (
                            derivation.unit is None and kind == "duration" and q.unit in self.unit_words[number]):
                        continue  # "a drop of 48 days" from "sick days fell from 212 to 164" keeps its unit
                    if percent and (derivation.unit == POINTS) != (q.unit == POINTS):
                        continue  # 62% -> 71% is a rise of 9 points, not of 9%; a relative change is no points
                    return [(number, None)], derivation.arithmetic.replace("{pct}", f"{q.value:g}")
        return [], ""

    # dates -----------------------------------------------------------------------------------------------------

    def date_units(self, claim: Claim) -> list[int]:
        """The units stating a date claim's month, day or quarter (and its year, when it gives one); past
        COMMON_CLAIM_UNITS of them the list is cut there: such a date tells no fact from another."""
        value: dict = claim.value
        if value.get("year") and value["year"] not in self.years:
            return []
        if "season" in value:  # the units with a month in the season, or a quarter that overlaps it
            months = SEASON_MONTHS[value["season"]]
            key = ("s", value["season"])
            pool = set().union(*(self.months.get(m, set()) for m in months),
                               *(units for (kind, q), units in self.quarters.items()
                                 if kind == "Q" and set(range(3 * q - 2, 3 * q + 1)) & set(months)))
        elif "quarter" in value:
            key, pool = ("q", value["quarter"]), self.quarters.get(value["quarter"], ())
        elif value["day"]:
            key, pool = ("d", value["month"], value["day"]), self.month_days.get((value["month"], value["day"]), ())
        else:
            key, pool = ("m", value["month"]), self.months.get(value["month"], ())
        if key not in self._memo:
            self._memo[key] = _capped(pool)
        return self._memo[key]

    # names -----------------------------------------------------------------------------------------------------

    def name_units(self, claim: Claim) -> list[int]:
        """The units naming a name claim: its words in order, or all its distinctive words (cut past
        COMMON_CLAIM_UNITS, as for dates)."""
        key = ("name", claim.text, bool(claim.value.get("quoted")))
        if key not in self._memo:
            self._memo[key] = self._name_units(claim)
        return self._memo[key]

    def _name_units(self, claim: Claim) -> list[int]:
        tokens = _name_tokens(claim.text)
        phrase = " " + " ".join(tokens) + " "
        distinctive = [t for t in tokens if t not in GENERIC_NAME_WORDS]
        postings = sorted((self.token_index.get(t, set()) for t in (distinctive or tokens)), key=len)
        candidates = set(postings[0]).intersection(*postings[1:]) if postings else set()
        found = [n for n in candidates if phrase.strip() and phrase in self.units[n].norm]
        if found or claim.value.get("quoted"):
            return _capped(found)
        if not distinctive:
            return [-1]
        return _capped(candidates)

    def near_names(self, claim: Claim) -> int | None:
        """The unit naming something that shares a word with a name the facts do not give ("Fang Hui" for
        "Fang Rui", "Kingsway Diagnostics" for "Lakeside Diagnostics"), or None."""
        found = set()
        for token in _name_tokens(claim.text):
            found |= self.name_index.get(token, set())
        return min(found) if found else None



def _claims_by_unit(texts: list[str], start: int = 0) -> list[list[Claim]]:
    """The claims of each unit from `start` (a multiple of BATCH_EXTRACT_SIZE), offsets local to it. Many units
    are read in batches, as blocks of one text, so that a facts file of thousands of bullets costs one pass per
    batch rather than one per bullet."""
    if len(texts) < BATCH_EXTRACT_MIN_UNITS:
        return [fact_claims(text) for text in texts[start:]]
    out: list[list[Claim]] = []
    for first in range(start, len(texts), BATCH_EXTRACT_SIZE):
        batch = texts[first:first + BATCH_EXTRACT_SIZE]
        starts, pos = [], 0
        for text in batch:
            starts.append(pos)
            pos += len(text) + len(BATCH_SEPARATOR)
        grouped: list[list[Claim]] = [[] for _ in batch]
        for claim in _extract(BATCH_SEPARATOR.join(batch), titles=False):
            index = bisect.bisect_right(starts, claim.offset) - 1
            claim.offset -= starts[index]
            grouped[index].append(claim)
        out.extend(grouped)
    return out


def _copied(state: dict) -> dict:
    """A copy of an index's tables deep enough that adding units to it leaves the original as it was: each list,
    set and dict copied, and those inside a dict."""
    out = {}
    for name, value in state.items():
        if isinstance(value, dict):
            value = {k: v.copy() if isinstance(v, (list, set, dict)) else v for k, v in value.items()}
        elif isinstance(value, (list, set)):
            value = value.copy()
        out[name] = value
    return out


def _merged(*groups: list[tuple[int, Figure]]) -> list[tuple[int, Figure]]:
    """The matches of several lookups, each figure once, in the order found."""
    return list({id(figure): (n, figure) for group in groups for n, figure in group}.values())  # a figure is of
    # one unit: a later match of it is the same pair, and the dict keeps the first one's place


def _capped(units) -> list[int]:
    """Units in order, at most COMMON_CLAIM_UNITS + 1 of them (one more than the cap says "common")."""
    return heapq.nsmallest(COMMON_CLAIM_UNITS + 1, units)


def is_approximate(claim: Claim, text: str) -> str | None:
    """The hedge right before a claim: "up" (more than), "down" (nearly), "about", or None."""
    hedge = _hedge_before(text[max(0, claim.offset - 24):claim.offset])
    if hedge is None:
        return "about" if getattr(claim.value, "decimals", 0) < 0 else None
    return hedge


@lru_cache(maxsize=HEDGE_CACHE)
def _hedge_before(window: str) -> str | None:
    """The hedge a window of text ends with ("up", "down" or "about"), or None; remembered, as each claim's
    hedge is asked for by several verdicts."""
    match = APPROXIMATE.search(window)
    if not match:
        return None
    word = " ".join(match.group(0).lower().split())
    if HEDGE_UP.search(word):
        return "up"
    if HEDGE_DOWN.search(word):
        return "down"
    return "about"


def value_range(q: _Quantity, hedge: str | None, derived: bool = False) -> tuple[float, float]:
    """The fact values a claim may honestly stand for: its rounding interval, widened in the hedge's direction."""
    value = q.value
    if hedge is None:
        half = 0.5 * 10.0 ** -q.decimals if derived and q.kind == "percent" else 0.0
        return value - half - 1e-9 * max(1.0, abs(value)), value + half + 1e-9 * max(1.0, abs(value))
    half = _precision_step(q) / 2 if q.decimals >= 0 else FRACTION_TOLERANCE
    lo, hi = value - half, value + half
    if hedge == "up":
        hi = max(hi, value * HEDGE_FACTOR)
        lo = value if q.decimals >= 0 else lo
    elif hedge == "down":
        lo = min(lo, value / HEDGE_FACTOR)
        hi = value if q.decimals >= 0 else hi
    else:
        lo, hi = min(lo, value * (1 - ABOUT_SHARE)), max(hi, value * (1 + ABOUT_SHARE))
    return lo - 1e-9, hi + 1e-9


def _in_base(q: _Quantity) -> tuple[str, float] | None:
    """A duration in its base unit, so that units compare: weeks and days in days, hours, minutes and seconds in
    seconds ("90 minutes" is "1.5 hours"); None for other units."""
    base = DURATION_BASE.get(q.unit or "")
    return (base[0], _key(q.value * base[1])) if base else None


def rounding_range(q: _Quantity, hedge: str | None) -> tuple[float, float]:
    """The values a claim may stand for if it is an honest rounding: its hedge's range, else half its rounding
    step either side ("400" may be 427; "5" is not 6)."""
    if hedge is not None or q.decimals < 0:
        return value_range(q, hedge or "about")
    half = _precision_step(q) / 2
    return q.value - half - 1e-9, q.value + half + 1e-9


def _precision_step(q: _Quantity) -> float:
    """The rounding step a figure is written at (38.7m: 0.1m; 400: 100; 12.5%: 0.1)."""
    if q.decimals:
        step = 10.0 ** -q.decimals
    else:
        digits = str(int(q.mantissa))
        step = 10.0 ** (len(digits) - len(digits.rstrip("0"))) if digits != "0" else 1.0
    return step * (q.value / q.mantissa if q.mantissa else 1.0)
