"""Where sentences end: abbreviations whose full stop ends no sentence."""

from __future__ import annotations

ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof sr jr st no vs etc e.g i.e inc ltd co corp dept approx fig jan feb mar apr jun jul aug sep "
    "sept oct nov dec u.s u.k a.m p.m".split())
