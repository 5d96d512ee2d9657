"""Grounding: every figure, date and name in a draft must be traceable to the facts, the front matter or the role's
fixed text; placeholders are filled from the front matter when the meaning is unambiguous, else flagged.

A claim is found by pattern (numbers with their units, dates, years, durations, ordinals, capitalised name runs and
quoted names), normalised (1,205 = 1205; 38.7 million = 38,700,000; 12% = 12 percent; two = 2) and looked up in an
index built from the facts. Approximate figures ("nearly 39 million") are supported when a fact rounds to them, and a
difference, sum or percentage of two figures of the same fact is supported as a derivation.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Callable

from drafter.bulk import collector_paused
from drafter.grounding.claims import WORD, Claim, _Layout, extract_claims, extract_with_layout
from drafter.grounding.fill import Fill, _fill, _fill_spans
from drafter.grounding.report import GroundingReport, format_report
from drafter.grounding.support import FactIndex
from drafter.grounding.findings import Omission
from drafter.grounding.verdicts import Judge

if TYPE_CHECKING:
    from drafter.facts import Facts

__all__ = ["Claim", "Fill", "GroundingReport", "Omission", "extract_claims", "check", "check_section", "explain", "sentence_spans",
           "sentence_checker",
           "aligned_facts",
           "fixed_text_for",
           "format_report"]


def _lowercase_vocabulary(facts: "Facts", fixed_text: str, index: FactIndex | None = None) -> frozenset[str]:
    """The words the facts and fixed text write in lower case (a capitalised one of them opens a sentence, it names
    nothing); kept with the fact index, which is built for these facts and fixed text."""
    if index is not None and "vocabulary" in index.judged:
        return index.judged["vocabulary"]
    words: set[str] = set()
    for text in [*facts.texts, fixed_text]:
        words.update(w for w in WORD.findall(text) if w.islower())
    if index is not None:
        index.judged["vocabulary"] = frozenset(words)
    return frozenset(words)


def check(text: str, facts: "Facts", fixed_text: str = "", fill: bool = True) -> GroundingReport:
    """Fill placeholders the front matter answers, then list every claim in text the facts do not support.

    Positions refer to `text` as given; `report.text` is the text with the fills applied.
    """
    with collector_paused():
        return _check(text, facts, _index_for(facts, fixed_text), fixed_text, fill, omissions=True,
                      texts=facts.texts)


def sentence_checker(facts: "Facts", fixed_text: str = "") -> Callable[[str], list[Claim]]:
    """A check for many short texts against the same facts (the offline writer tests each sentence it rewords): the
    facts are indexed once, and no omissions are listed, so each call costs the text, not the facts."""
    with collector_paused():
        index, texts = _index_for(facts, fixed_text), facts.texts

    def unsupported(text: str) -> list[Claim]:
        """The claims of text the facts do not support."""
        with collector_paused():
            return _check(text, facts, index, fixed_text, fill=True, omissions=False, texts=texts).unsupported

    return unsupported


def _check(text: str, facts: "Facts", index: FactIndex, fixed_text: str, fill: bool, omissions: bool,
           texts: list[str]) -> GroundingReport:
    """check(), with the fact index given, and the omissions listed only when asked for."""
    filled_text, fills, unfilled, spans = _fill(text, facts.meta, fill)
    fill_spans = _fill_spans(text, fills)
    claims, layout = extract_with_layout(text, spans + fill_spans, _lowercase_vocabulary(facts, fixed_text, index))
    judge = Judge(text, facts, index, layout.spans)
    by_sentence: dict[int, list[Claim]] = {}
    for claim in claims:
        by_sentence.setdefault(judge.sentence_of(claim.offset), []).append(claim)
    unsupported: list[Claim] = []
    for sentence, found in by_sentence.items():
        for claim in found:
            verdict = judge.verdict(claim, found)
            if verdict is not None:
                claim.verdict, claim.reason, claim.fact = verdict.kind, verdict.reason, verdict.fact
                unsupported.append(claim)
    for sentence, (start, end) in enumerate(layout.spans):
        found = by_sentence.get(sentence, [])
        if any(c.verdict for c in found):
            continue
        verdict = judge.sentence_plan_as_done(sentence, found)
        if verdict is not None:
            line, col = layout.position(start)
            claim = Claim(_lead_words(text[start:end]), "sentence", line, col, layout.sentence(start), None, start,
                          verdict.kind, verdict.reason, verdict.fact)
            unsupported.append(claim)
    unsupported.sort(key=lambda c: c.offset)
    omitted = judge.omissions(claims) if facts.items and omissions else []
    return GroundingReport(unsupported, unfilled, fills, filled_text, claims, omitted, texts)


_INDEXES: dict[tuple, FactIndex] = {}
INDEX_CACHE_SIZE = 8  # a draft is checked several times against the same facts (each section, then the whole)
_INDEX_LOCK = threading.Lock()  # sections drafted in threads wait for one build of their shared index


def _index_for(facts: "Facts", fixed_text: str) -> FactIndex:
    """The fact index for these facts and fixed text, built once and reused while they stay the same (by one
    thread: the others wait for it rather than build their own copy)."""
    key = (tuple((f.text, f.heading) for f in facts.items), tuple(facts.meta.items()), fixed_text)
    with _INDEX_LOCK:
        index = _INDEXES.get(key)
        if index is None:
            if len(_INDEXES) >= INDEX_CACHE_SIZE:
                _INDEXES.pop(next(iter(_INDEXES)))
            index = _INDEXES[key] = FactIndex(facts, fixed_text)
    return index


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """The (start, end) of every sentence in text, as grounding reads them (a list item is one)."""
    return list(_Layout(text).spans)


def _lead_words(sentence: str, count: int = 6) -> str:
    """The first few words of a sentence, to name it in a finding."""
    return " ".join(sentence.split()[:count])


def check_section(text: str, facts: "Facts", fixed_text: str = "") -> list[Claim]:
    """The unsupported claims of one section's text, for deciding whether to regenerate it."""
    return check(text, facts, fixed_text).unsupported


def fixed_text_for(facts: "Facts", role_name: str | None = None) -> str:
    """The role's fixed prose (title, leads, section titles) for these facts, or "" when no role is named.

    Names and figures in it are the template's, not claims; the role comes from `role_name` or the front matter.
    """
    if not (role_name or facts.get("role")):
        return ""
    from drafter.errors import InputError
    from drafter.role_text import fixed_text, resolve_role

    try:
        role = resolve_role(facts, role_name)
    except InputError:
        return ""  # any job title may stand in the front matter; only a built-in role has fixed prose
    return fixed_text(role, facts)


def explain(report: GroundingReport, text: str, facts: "Facts") -> list[str]:
    """For every sentence: the facts it was aligned to and each claim's verdict, as text lines."""
    layout = _Layout(text)
    judge = Judge(text, facts, _index_for(facts, ""), layout.spans)
    by_sentence: dict[int, list[Claim]] = {}
    for claim in report.claims:
        by_sentence.setdefault(judge.sentence_of(claim.offset), []).append(claim)
    flagged = {(c.offset, c.text): c for c in report.unsupported}
    lines: list[str] = []
    for number, (start, end) in enumerate(layout.spans):
        line, _ = layout.position(start)
        claims = by_sentence.get(number, [])
        aligned = judge.aligned(number, claims)
        facts_text = ", ".join(f"fact {n + 1}" for n in aligned) or "no fact"
        lines.append(f"line {line}: {layout.sentence(start)[:100]}")
        lines.append(f"    aligned to: {facts_text}")
        for claim in claims:
            found = flagged.get((claim.offset, claim.text))
            verdict = f"{found.verdict}: {found.reason}" if found else "supported"
            if claim.derivation:
                verdict += f" (derived: {claim.derivation})"
            lines.append(f"    {claim.kind} {claim.text!r}: {verdict}")
        for found in report.unsupported:
            if found.kind == "sentence" and start <= found.offset < end:
                lines.append(f"    sentence: {found.verdict}: {found.reason}")
    for omission in report.omitted:
        lines.append(f"omitted: fact {omission.fact + 1} (line {omission.line}): {omission.text}")
    return lines



def aligned_facts(text: str, facts: "Facts", fixed_text: str = "") -> list[tuple[tuple[int, int], list[int]]]:
    """For every sentence of text: its (start, end) and the facts it restates (0-based), aligned as check() aligns
    them (by shared content words, its own claims left out); what `explain` shows as "aligned to"."""
    report = check(text, facts, fixed_text=fixed_text)
    layout = _Layout(text)
    judge = Judge(text, facts, _index_for(facts, fixed_text), layout.spans)
    by_sentence: dict[int, list[Claim]] = {}
    for claim in report.claims:
        by_sentence.setdefault(judge.sentence_of(claim.offset), []).append(claim)
    return [(span, judge.aligned(number, by_sentence.get(number, []))) for number, span in enumerate(layout.spans)]
