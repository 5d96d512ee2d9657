"""Repair: after one regeneration, a strict draft becomes grounded by construction. Sentences whose claims are still
wrong are removed, and every fact a section leaves out is added back as the offline writer's sentence for it."""

from __future__ import annotations

import bisect
import re
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from drafter.backends import SectionRequest
    from drafter.facts import Facts


REMOVAL_ROUNDS = 3  # checks after removing sentences: each may show a claim the removed text had covered


@dataclass
class Repair:
    """One change repair made to a section: a sentence removed or a fact's sentence added, and why."""

    section: str
    action: str  # "removed" or "added"
    text: str
    reason: str

    def to_dict(self) -> dict:
        """JSON-ready form."""
        return asdict(self)


def repair_section(text: str, title: str, facts: "Facts", request: "SectionRequest",
                   fixed: str) -> tuple[str, list[Repair]]:
    """The section with every sentence holding a wrong claim removed (whole sentences or list items, never part of
    one) and every fact of its own it leaves out added back; and the list of what was done."""
    from drafter import grounding
    from drafter.prose import realise_fact

    repairs: list[Repair] = []
    repaired = text
    for _ in range(REMOVAL_ROUNDS):  # a removal can change what the sentences around it align to: look again
        report = grounding.check(repaired, facts, fixed_text=fixed)
        if not report.unsupported:
            break
        repaired = _remove_sentences(repaired, report, title, repairs)
    repaired = drop_dangling_lead_ins(repaired)[0]  # a regenerated reply's "This includes:" before no list
    report = grounding.check(repaired, facts, fixed_text=fixed)
    own = set(request.context.get("facts") or []) if request.kind != "overview" else set()
    for omission in report.omitted:
        if omission.text in own:
            sentence = realise_fact(omission.text, request.kind)
            repaired = (repaired + ("\n\n" if repaired else "") + sentence).strip()
            repairs.append(Repair(title, "added", sentence, f"the draft left out fact {omission.fact + 1}"))
    return repaired, repairs


def _remove_sentences(text: str, report, title: str, repairs: list[Repair]) -> str:
    """Text without every sentence (or list item) that holds a flagged claim; each removal is recorded."""
    from drafter import grounding

    spans = grounding.sentence_spans(text)
    starts = [a for a, _ in spans]
    doomed: dict[tuple[int, int], str] = {}
    for claim in report.unsupported:
        index = bisect.bisect_right(starts, claim.offset) - 1
        span = spans[index] if index >= 0 else (0, len(text.split("\n", 1)[0]))
        doomed.setdefault(span, claim.reason or f"{claim.text} is not in the facts")
    cursor = 0
    for (a, b), reason in sorted(doomed.items()):
        if a >= cursor:
            repairs.append(Repair(title, "removed", " ".join(text[a:b].split()), reason))
            cursor = b
    return remove_spans(text, doomed)


def remove_spans(text: str, spans) -> str:
    """Text without the given (start, end) spans (whole sentences or list items; overlapping ones once), tidied."""
    pieces, cursor = [], 0
    for a, b in sorted(spans):
        if a < cursor:
            continue
        pieces.append(text[cursor:a])
        cursor = b
    pieces.append(text[cursor:])
    return _tidy("".join(pieces))


def _tidy(text: str) -> str:
    """Text after sentences were cut out: no empty list markers, no blank-only lines, single spaces, no lead-in
    left with nothing to introduce."""
    lines = []
    for line in text.split("\n"):
        if re.fullmatch(r"\s*(?:[-*+•]|\d{1,3}[.)])?\s*", line):
            lines.append("")
            continue
        lines.append(re.sub(r"(?<=\S)[^\S\n]{2,}", " ", line.rstrip()))
    return drop_stray_quotes(drop_dangling_lead_ins(re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip())[0])


DANGLING_LEAD_IN = re.compile(r"[^\d\n:：]{1,80}[:：][ \t*_]*")  # "Key findings:", no figure in it
LEAD_IN_TARGET = re.compile(r"[ \t]*(?:[-*+•]|\d{1,3}[.)]|\|)")  # a list item or a table row: what a lead-in introduces


def drop_dangling_lead_ins(text: str) -> tuple[str, list[str]]:
    """Text without a short 'Label:' line (no figure in it) that introduces no list or table: a lead-in whose list
    the model never wrote or repair removed ("Key findings:" then prose; "Rewrite the section …:" at the end); and
    the lines dropped."""
    lines = text.split("\n")
    kept, dropped = [], []
    for number, line in enumerate(lines):
        if DANGLING_LEAD_IN.fullmatch(line.strip()) and not line.lstrip().startswith("#"):
            following = next((later for later in lines[number + 1:] if later.strip()), "")
            if not LEAD_IN_TARGET.match(following):
                dropped.append(line.strip())
                continue
        kept.append(line)
    if not dropped:
        return text, []
    return re.sub(r"\n{3,}", "\n\n", "\n".join(kept)).strip(), dropped


LINE_OPENING = re.compile(r"[ \t]*(?:(?:[-*+•]|\d{1,3}[.)]|#{1,6})[ \t]+)?[*_]*")  # a list marker, a heading's #s, bold
# each kind of quote mark: the mark that opens, the mark that closes (the same one for straight quotes)
QUOTE_PAIRS = (('"', '"'), ("“", "”"))


def drop_stray_quotes(text: str) -> str:
    """Text without a quote mark that opens a line, or ends one, and is never paired on it: what is left of a reply
    the model wrapped in quotes over several lines, or after repair cut the sentence that closed it ('"Plan for
    next year. 2027: …'). A person would have to delete it; no word goes with it."""
    lines = text.split("\n")
    for number, line in enumerate(lines):
        for opening, closing in QUOTE_PAIRS:
            opened, closed = ((line.count(opening) % 2, 0) if opening == closing
                              else (line.count(opening), line.count(closing)))
            if opened == closed:
                continue
            start = LINE_OPENING.match(line).end()
            if opened > closed and line.startswith(opening, start):
                line = line[:start] + line[start + 1:]
            elif (line.rstrip().endswith(closing) and (opening == closing or closed > opened)
                  and not line.rstrip()[-2:-1].isdigit()):  # a screen's 32" stays
                end = len(line.rstrip()) - 1
                line = line[:end] + line[end + 1:]
        lines[number] = line
    return "\n".join(lines)
