"""Key points for slides: one short bullet per fact a section restates, each keeping its figures exactly, and each
passing the same grounding check as the prose (checked under its section's heading, as the prose is).

Which facts a section restates comes from grounding's own alignment (grounding.aligned_facts); a fact restated in
several sections (the overview names them all) goes to the one that restates it most, so each fact is one point.
A section that restates no fact (an overview) gets its own sentences as points.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from drafter.office.summary import Summary

KEYPOINT_MAX_WORDS = 12  # past this, clauses of a fact that state no figure, date or name are left off its point
# where a fact's clauses start: the clause keeps its lead word ("because ...", ", which ...")
CLAUSE_START = re.compile(r",\s+|;\s+|\s+(?=(?:because|since|as a result|so that|in order to|thanks to|which|who|"
                          r"mostly|mainly|largely|while|whereas)\b)", re.I)
RUNNER_UP_WEIGHT = 0.25  # a fact a sentence restates after its best match counts this share of it
RESTATED_FIGURE_WEIGHT = 4.0  # a sentence that also states one of the fact's figures or names restates it surely
TRAILING_STOP = re.compile(r"[\s.;,:]+$")


@dataclass
class KeyPoint:
    """One bullet: its text and the fact it restates (0-based), or None for a sentence of the section's own."""

    text: str
    fact: int | None = None


def shorten(fact: str) -> str:
    """A fact as a short key point: past KEYPOINT_MAX_WORDS, its later clauses that state no figure, date or name
    are left off (so every figure stays, exactly as written); the end stop goes and the first letter is capital."""
    from drafter.grounding import extract_claims

    text = " ".join(fact.split())
    if len(text.split()) > KEYPOINT_MAX_WORDS:
        cuts = [m.start() for m in CLAUSE_START.finditer(text)]
        pieces = [text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)])]
        kept = [pieces[0]] + [piece for piece in pieces[1:] if extract_claims(piece.lstrip(",; "))]
        text = "".join(kept)
    text = TRAILING_STOP.sub("", text)
    return text[:1].upper() + text[1:]


def section_facts(summary: Summary) -> list[list[int]]:
    """For each section, the facts it restates (0-based, in the facts file's order), each fact in one section only:
    the one whose sentences restate it most. A sentence restating n facts gives each 1/n, and the facts after its
    best match RUNNER_UP_WEIGHT of that (the overview's "the sections below cover ..." names many facts weakly),
    and a sentence stating one of the fact's own figures or names counts RESTATED_FIGURE_WEIGHT times; a tie goes
    to the section restating fewer facts, the more specific one."""
    from drafter import grounding

    facts = summary.facts
    if facts is None or not facts.items:
        return [[] for _ in summary.sections]
    stated = [[claim.text for claim in grounding.extract_claims(text)] for text in facts.texts]
    scores: dict[int, dict[int, float]] = {}
    for number, section in enumerate(summary.sections):
        prose = section.prose
        for (start, end), aligned in grounding.aligned_facts(prose, facts, summary.fixed_text):
            sentence = prose[start:end]
            for rank, fact in enumerate(aligned):
                weight = (1.0 if rank == 0 else RUNNER_UP_WEIGHT) / len(aligned)
                if any(figure in sentence for figure in stated[fact]):
                    weight *= RESTATED_FIGURE_WEIGHT
                scores.setdefault(fact, {})[number] = scores.get(fact, {}).get(number, 0.0) + weight
    breadth = {number: sum(number in by_section for by_section in scores.values())
               for number in range(len(summary.sections))}
    placed: list[list[int]] = [[] for _ in summary.sections]
    for fact, by_section in sorted(scores.items()):
        best = max(by_section, key=lambda number: (by_section[number], -breadth[number], number))
        placed[best].append(fact)
    return placed


def _sentences(prose: str) -> list[str]:
    """The prose's sentences as grounding splits them, each on one line."""
    from drafter.grounding import sentence_spans

    return [" ".join(prose[a:b].split()) for a, b in sentence_spans(prose)]


def check_points(title: str, points: list[str], summary: Summary) -> list[list[str]]:
    """Grounding's findings for each point, checked as the prose is: a list under the section's heading (so a plan
    stays a plan under "Plan for next year"); an empty list for a point the facts support."""
    from drafter import grounding

    heading = f"## {title}\n\n" if title else ""
    text = heading + "".join(f"- {point}\n" for point in points)
    starts, offset = [], len(heading)
    for point in points:
        starts.append(offset)
        offset += len(point) + 3
    report = grounding.check(text, summary.facts, fixed_text=summary.fixed_text)
    found: list[list[str]] = [[] for _ in points]
    for claim in report.unsupported:
        index = max((i for i, start in enumerate(starts) if start <= claim.offset), default=None)
        if index is not None:
            found[index].append(f"{claim.verdict or 'unsupported'} {claim.text!r}: {claim.reason}")
    return found


def key_points(summary: Summary, warn: Callable[[str], None] | None = None) -> list[list[KeyPoint]]:
    """For each section, its key points: a shortened fact per fact it restates, or its own sentences when it restates
    none. A shortened point grounding flags falls back to its fact as written; a sentence it flags is left off (with
    a warning), so every point on a slide passes the check."""
    facts = summary.facts
    out: list[list[KeyPoint]] = []
    for section, found in zip(summary.sections, section_facts(summary)):
        if found:
            points = [KeyPoint(shorten(facts.items[n].text), n) for n in found]
        else:
            points = [KeyPoint(sentence) for sentence in _sentences(section.prose)]
        if facts is not None and points:
            findings = check_points(section.title, [p.text for p in points], summary)
            kept: list[KeyPoint] = []
            for point, problems in zip(points, findings):
                if problems and point.fact is not None:
                    point = KeyPoint(TRAILING_STOP.sub("", " ".join(facts.items[point.fact].text.split())), point.fact)
                    problems = check_points(section.title, [point.text], summary)[0]
                if problems and warn is not None:
                    warn(f"slide {section.title!r}: left off the key point {point.text!r} ({problems[0]})")
                if not problems:
                    kept.append(point)
            points = kept
        out.append(points)
    return out
