"""Placeholders in a draft, filled from the front matter when the meaning is clear (year, name, organisation)."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass


@dataclass
class Fill:
    """A placeholder replaced by a front-matter value: what it was, what it became, where, and from which field."""

    placeholder: str
    value: str
    line: int
    col: int
    field: str



STAR_RULE = re.compile(r"\s*(?:\*\s*){3,}")  # a line of stars is a rule, not a placeholder
YEAR_PLACEHOLDER = re.compile(r"(?:19|20)(?:\s?\*\*|[xX]{2})")  # "20**", "20XX"
YEAR = re.compile(r"(?:19|20)\d\d")
NAMED_PLACEHOLDER = re.compile(r"\[([^\]]+)\]|\{\{?\s*([^}]+?)\s*\}?\}")  # "[Name]", "{{ company }}"
XX_PLACEHOLDER = re.compile(r"XX+|xx+")  # "XX Company"


def _placeholder_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, text) of every placeholder, found by the cleanup pass's detector."""
    from drafter.cleanup import find_placeholders

    lines = text.split("\n")
    starts = [0]
    for line in lines[:-1]:
        starts.append(starts[-1] + len(line) + 1)
    spans = []
    for place in find_placeholders(text):
        start = starts[place.line - 1] + place.col - 1
        line = lines[place.line - 1]
        if place.text == "**" and line.count("**") % 2 == 0:
            continue
        if STAR_RULE.fullmatch(line):
            continue
        spans.append((start, start + len(place.text), place.text))
    return spans


ORG_FIELDS = ("organisation", "organization", "company", "employer")
PLACEHOLDER_FIELDS = {
    "name": ("name",), "your name": ("name",), "full name": ("name",), "employee name": ("name",),
    "year": ("year",), "company": ORG_FIELDS, "company name": ORG_FIELDS, "organisation": ORG_FIELDS,
    "organization": ORG_FIELDS, "employer": ORG_FIELDS, "your company": ORG_FIELDS,
}
SKIP_FIELDS = frozenset({"role", "title"})


def _meta_lookup(meta: dict[str, str], fields: tuple[str, ...]) -> tuple[str, str] | None:
    for key in fields:
        value = (meta.get(key) or "").strip()
        if value:
            return key, value
    return None


def _fill_for(text: str, start: int, end: int, placeholder: str, meta: dict[str, str]) -> tuple[int, int, str, str] | None:
    """(start, end, value, field) when a placeholder has one clear front-matter value, else None."""
    if YEAR_PLACEHOLDER.fullmatch(placeholder):
        year = (meta.get("year") or "").strip()
        return (start, end, year, "year") if YEAR.fullmatch(year) and \
            year[:2] == placeholder[:2] else None
    inner = NAMED_PLACEHOLDER.fullmatch(placeholder)
    if inner:
        key = " ".join((inner.group(1) or inner.group(2)).replace("_", " ").lower().split())
        fields = PLACEHOLDER_FIELDS.get(key)
        if fields is None and key.replace(" ", "_") in meta and key not in SKIP_FIELDS:
            fields = (key.replace(" ", "_"),)
        found = _meta_lookup(meta, fields) if fields else None
        return (start, end, found[1], found[0]) if found else None
    if XX_PLACEHOLDER.fullmatch(placeholder):
        after = re.match(r"[^\S\n]+(company|corporation|corp\.?|co\.|group|organi[sz]ation)\b", text[end:end + 20], re.I)
        if after:
            found = _meta_lookup(meta, ORG_FIELDS)
            if found:
                return start, end + after.end(), found[1], found[0]
    return None


def _fill(text: str, meta: dict[str, str], fill: bool) -> tuple[str, list[Fill], list[dict], list[tuple[int, int]]]:
    """Fill what the front matter answers; return (new text, fills, unfilled placeholders, placeholder spans)."""
    layout_starts = [0] + [m.end() for m in re.finditer(r"\n", text)]

    def where(offset: int) -> tuple[int, int]:
        index = bisect.bisect_right(layout_starts, offset) - 1
        return index + 1, offset - layout_starts[index] + 1

    fills: list[Fill] = []
    unfilled: list[dict] = []
    spans: list[tuple[int, int]] = []
    pieces: list[str] = []
    cursor = 0
    for start, end, placeholder in _placeholder_spans(text):
        if start < cursor:
            continue
        line, col = where(start)
        found = _fill_for(text, start, end, placeholder, meta) if fill else None
        if found is None:
            unfilled.append({"text": placeholder, "line": line, "col": col})
            spans.append((start, end))
            continue
        a, b, value, key = found
        fills.append(Fill(text[a:b], value, line, col, key))
        pieces.append(text[cursor:a])
        pieces.append(value)
        cursor = b
    pieces.append(text[cursor:])
    return "".join(pieces), fills, unfilled, spans



def _fill_spans(text: str, fills: list[Fill]) -> list[tuple[int, int]]:
    starts = [0] + [m.end() for m in re.finditer(r"\n", text)]
    return [(starts[f.line - 1] + f.col - 1, starts[f.line - 1] + f.col - 1 + len(f.placeholder)) for f in fills]
