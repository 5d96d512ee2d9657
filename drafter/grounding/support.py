"""What the facts, the front matter and the role's fixed text establish, indexed for looking claims up."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from drafter.grounding.claims import GENERIC_NAME_WORDS, Claim, _extract, _name_tokens
from drafter.grounding.quantities import (
    APPROXIMATE, CHANGE_WORDS, ORDINAL_WORDS, UNITS, _close, _Quantity, _rounds_to)

if TYPE_CHECKING:
    from drafter.facts import Facts


class _Support:
    """What the facts, front matter and fixed text establish: figures, dates, years, and name token sets."""

    def __init__(self, facts: "Facts", fixed_text: str = "") -> None:
        units: list[str] = []
        for fact in facts.items:
            units.append(fact.text if not fact.heading else f"{fact.text}\n{fact.heading}")
        meta_units = [str(v) for k, v in facts.meta.items() if v]
        units.extend(meta_units)
        fixed_lines = [line for line in (fixed_text or "").split("\n") if line.strip()]
        units.extend(fixed_lines)
        self.units = units
        self.unit_tokens = [set(_name_tokens(u)) for u in units]
        self.unit_norm = [" ".join(_name_tokens(u)) for u in units]
        self.quantities: list[_Quantity] = []
        self.by_unit: list[list[_Quantity]] = []
        self.months: set[int] = set()
        self.month_days: set[tuple[int, int]] = set()
        self.quarters: set[tuple[str, int]] = set()
        self.years: set[int] = set()
        self.ordinals: set[tuple[int, str | None]] = set()
        self.unit_words: list[set[str]] = []
        everything = "\n".join(units).lower()
        for unit in units:
            found: list[_Quantity] = []
            for claim in _extract(unit):
                value = claim.value
                if isinstance(value, _Quantity) and value.kind != "literal":
                    found.append(value)
                    if value.kind == "year":
                        self.years.add(int(value.value))
                    if value.kind == "ordinal":
                        self.ordinals.add((int(value.value), value.unit))
                elif isinstance(value, dict) and claim.kind == "date":
                    if "quarter" in value:
                        self.quarters.add(value["quarter"])
                        if value["year"]:
                            self.years.add(value["year"])
                        continue
                    self.months.add(value["month"])
                    if value["day"]:
                        self.month_days.add((value["month"], value["day"]))
                    if value["year"]:
                        self.years.add(value["year"])
            for match in re.finditer(r"\b(first|second|third|fourth)\s+(quarter|half)\b", unit, re.I):
                self.quarters.add(("Q" if match.group(2).lower() == "quarter" else "H",
                                   ORDINAL_WORDS[match.group(1).lower()]))
            self.by_unit.append(found)
            self.quantities.extend(found)
            self.unit_words.append({UNITS.get(w, w) for w in re.findall(r"[a-z]+", unit.lower())})
        year = facts.meta.get("year", "")
        if re.fullmatch(r"(?:19|20)\d\d", year.strip()):
            base = int(year)
            self.years.add(base)
            if re.search(r"\bnext year\b|\bcoming year\b", everything):
                self.years.add(base + 1)
            if re.search(r"\blast year\b|\bprevious year\b", everything):
                self.years.add(base - 1)

    # figures ---------------------------------------------------------------------------------------------------

    def figure(self, claim: Claim, approximate: bool) -> bool:
        q: _Quantity = claim.value
        if q.kind == "literal":
            return any(q.written in unit for unit in self.units)
        if claim.kind == "year":
            return int(q.value) in self.years or any(_close(f.value, q.value) for f in self.quantities
                                                     if f.kind != "percent")
        if claim.kind == "ordinal":
            if q.unit is None:
                return any(value == int(q.value) for value, _ in self.ordinals)
            return (int(q.value), q.unit) in self.ordinals
        if claim.kind == "percent":
            pool = [f.value for f in self.quantities if f.kind == "percent"]
        elif claim.kind == "duration":
            if any(f.kind == "duration" and f.unit == q.unit and _close(f.value, q.value) for f in self.quantities):
                return True
            for found, words in zip(self.by_unit, self.unit_words):
                if q.unit in words and any(_close(f.mantissa, q.mantissa) for f in found):
                    return True
            pool = []
        elif claim.kind == "money":
            pool = [f.value for f in self.quantities if f.kind in ("money", "number")
                    and (f.unit is None or f.unit == q.unit)]
        elif q.scaled:
            pool = [f.value for f in self.quantities if f.kind in ("money", "number")]
        else:
            pool = [f.value for f in self.quantities]
            if any(_close(f.mantissa, q.value) for f in self.quantities):
                return True
        if any(_close(v, q.value) for v in pool):
            return True
        if approximate and any(_rounds_to(v, q) for v in pool):
            return True
        return self._derived(q, claim.kind)

    def _derived(self, q: _Quantity, kind: str) -> bool:
        """True when q is a difference, sum or percentage of two figures stated in the same fact."""
        for found, unit in zip(self.by_unit, self.units):
            change = CHANGE_WORDS.search(unit) is not None
            figures = [f for f in found if f.kind in ("number", "money", "duration", "percent")]
            for i, a in enumerate(figures):
                for b in figures[i + 1:]:
                    if (a.kind == "percent") != (b.kind == "percent") or (a.unit != b.unit):
                        continue
                    if kind == "percent" and a.kind != "percent":
                        big, small = max(a.value, b.value), min(a.value, b.value)
                        if small and (self._same(100.0 * small / big, q)
                                      or change and self._same(100.0 * (big - small) / small, q)):
                            return True
                    elif kind != "percent" or a.kind == "percent":
                        if self._same(abs(a.value - b.value), q) or (a.kind != "percent" and self._same(a.value + b.value, q)):
                            return True
        return False

    @staticmethod
    def _same(value: float, q: _Quantity) -> bool:
        return _close(round(value, q.decimals), q.value) if q.kind == "percent" else _close(value, q.value)

    # dates -----------------------------------------------------------------------------------------------------

    def date(self, claim: Claim) -> bool:
        value: dict = claim.value
        if "quarter" in value:
            ok = value["quarter"] in self.quarters
        elif value["day"]:
            ok = (value["month"], value["day"]) in self.month_days
        else:
            ok = value["month"] in self.months
        return ok and (not value.get("year") or value["year"] in self.years)

    # names -----------------------------------------------------------------------------------------------------

    def name(self, claim: Claim) -> bool:
        tokens = _name_tokens(claim.text)
        phrase = " ".join(tokens)
        if phrase and any(f" {phrase} " in f" {norm} " for norm in self.unit_norm):
            return True
        if claim.value.get("quoted"):
            return False
        distinctive = {t for t in tokens if t not in GENERIC_NAME_WORDS}
        return not distinctive or any(distinctive <= unit for unit in self.unit_tokens)

    def supports(self, claim: Claim, text: str) -> bool:
        """True when the facts establish the claim."""
        if claim.kind == "name":
            return self.name(claim)
        if claim.kind == "date":
            return self.date(claim)
        approximate = bool(APPROXIMATE.search(text[max(0, claim.offset - 24):claim.offset]))
        return self.figure(claim, approximate)
