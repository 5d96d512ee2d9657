"""Prompt echoes: a sentence of a model's reply that copies a run of ECHO_RUN_WORDS content words in a row from the
instructions sent with it is removed whole and reported, whatever else it says.

The instructions are the system and user messages actually sent for the section (the model's own earlier reply in a
regeneration is not one), with every fact cut out: a sentence that restates a fact shares its words with the prompt,
since the facts are in the prompt, and that is no echo. A sentence holding a figure of the facts that the instructions
do not hold is kept, so no fact is lost, except under --repair, which adds every left-out fact back. The person's
name, organisation and year are part of the instructions ("Write the section … of Zhao Min's 2026 year-end work
summary at China Life Hangzhou Branch"): a reply that recites that line is an echo, while a sentence naming the person
or the organisation shares too few words in a row to be one.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Iterable

from drafter.text.words import STOP_WORDS, WORD, stem_cached

if TYPE_CHECKING:
    from drafter.facts import Facts

ECHO_RUN_WORDS = 6  # content words (stop words left out) in a row, shared with the instructions, that make an echo
CLAUSE_END = re.compile(r"(?<=[.!?;:])\s+")  # where an instruction line's sentences and clauses end
FIGURE = re.compile(r"\d+(?:[.,]\d+)*")
GRAM = 3  # characters of the pieces FactFinder indexes facts by
QUOTE_WORDS = 12  # how much of the copied run a report quotes


@dataclass
class Echo:
    """One sentence removed from a section because it copies the prompt, and the run of the prompt it copies."""

    section: str
    text: str
    copied: str

    def to_dict(self) -> dict:
        """JSON-ready form."""
        return asdict(self)


class FactFinder:
    """Which of many facts a line holds, without trying every fact on every line (10,000 facts in prompts of 10,000
    lines was 10**8 tries): each fact is filed under its rarest piece of GRAM characters, and a line tries only the
    facts filed under a piece it holds."""

    def __init__(self, facts: set[str]) -> None:
        self.short = [fact for fact in facts if len(fact) < GRAM]  # tried on every line ('' is in every one)
        pieces = {fact: {fact[i:i + GRAM] for i in range(len(fact) - GRAM + 1)} for fact in facts if len(fact) >= GRAM}
        counts: dict[str, int] = {}
        for held in pieces.values():
            for piece in held:
                counts[piece] = counts.get(piece, 0) + 1
        self.filed: dict[str, list[str]] = {}
        for fact, held in pieces.items():
            self.filed.setdefault(min(held, key=lambda piece: (counts[piece], piece)), []).append(fact)

    def __call__(self, line: str) -> bool:
        """True when the line holds one of the facts."""
        return bool(self.found(line, first=True))

    def found(self, line: str, first: bool = False) -> list[str]:
        """The facts the line holds (only the first one found with `first`)."""
        out = []
        for fact in self.short:
            if fact in line:
                out.append(fact)
                if first:
                    return out
        held = {line[i:i + GRAM] for i in range(len(line) - GRAM + 1)}
        for piece in sorted(held & self.filed.keys()):
            for fact in self.filed[piece]:
                if fact in line:
                    out.append(fact)
                    if first:
                        return out
        return out


def content_words(text: str) -> list[tuple[str, str]]:
    """(stem, word as written) for each word of text that is not a stop word."""
    out = []
    for word in WORD.findall(text):
        lower = word.lower()
        if lower not in STOP_WORDS and (len(lower) > 1 or lower.isdigit()):
            out.append((stem_cached(lower), word))
    return out


class EchoFinder:
    """The runs of ECHO_RUN_WORDS content words in one section's instructions, and the test of a sentence against
    them."""

    def __init__(self, messages: Iterable[dict], facts: "Facts", keep_facts: bool = True) -> None:
        """With keep_facts, a sentence that holds a figure of the facts is no echo (its fact would be lost); without,
        as under --repair, which adds back every fact a section leaves out, it is."""
        self.keep_facts = keep_facts
        finder = FactFinder({f.strip() for f in facts.texts if f.strip()})
        self.runs: dict[tuple[str, ...], str] = {}
        # whole instruction sentences or clauses too short for a run ("Facts for this section:"), matched whole
        self.lines: dict[tuple[str, ...], str] = {}
        self.figures: set[str] = set()
        self.fact_figures = {figure for text in facts.texts for figure in FIGURE.findall(text)}
        for segment in instruction_segments(messages, finder):
            self.figures.update(FIGURE.findall(segment))
            for piece in [segment, *CLAUSE_END.split(segment)]:
                words = content_words(piece)
                if 2 <= len(words) < ECHO_RUN_WORDS:
                    self.lines.setdefault(tuple(stem for stem, _ in words), piece.strip())
            words = content_words(segment)
            for i in range(len(words) - ECHO_RUN_WORDS + 1):
                run = tuple(stem for stem, _ in words[i:i + ECHO_RUN_WORDS])
                self.runs.setdefault(run, " ".join(word for _, word in words[i:i + ECHO_RUN_WORDS]))

    def copied(self, sentence: str) -> str | None:
        """The run of the instructions the sentence copies (as the prompt wrote it, with what follows in the
        sentence while the copy goes on), or None when it copies none or holds a figure of the facts the
        instructions do not."""
        words = content_words(sentence)
        stems = [stem for stem, _ in words]
        if tuple(stems) in self.lines:
            return self.lines[tuple(stems)]
        for i in range(len(stems) - ECHO_RUN_WORDS + 1):
            run = tuple(stems[i:i + ECHO_RUN_WORDS])
            if run in self.runs:
                if self.keep_facts and (set(FIGURE.findall(sentence)) & self.fact_figures) - self.figures:
                    return None  # it carries a fact: the fact outweighs the echo
                end = i + ECHO_RUN_WORDS
                while end < len(stems) and tuple(stems[end - ECHO_RUN_WORDS + 1:end + 1]) in self.runs:
                    end += 1
                shown = [word for _, word in words[i:end]]
                return " ".join(shown[:QUOTE_WORDS]) + (" …" if len(shown) > QUOTE_WORDS else "")
        return None


def instruction_segments(messages: Iterable[dict], finder: FactFinder) -> list[str]:
    """The instruction text of the system and user messages, split at lines' ends and wherever a fact stood, so no
    run of words crosses one."""
    segments = []
    for message in messages:
        if message.get("role") not in ("system", "user") or not isinstance(message.get("content"), str):
            continue
        for line in message["content"].split("\n"):
            found = finder.found(line) if finder.filed or finder.short else []
            for fact in sorted(found, key=len, reverse=True):
                line = line.replace(fact, "\n")
            segments.extend(piece for piece in line.split("\n") if piece.strip())
    return segments


def remove_echoes(text: str, title: str, finder: EchoFinder) -> tuple[str, list[Echo]]:
    """The section text without every sentence (or list item) that copies the instructions, and what went. A
    sentence running over several lines loses only its lines that copy them when others do not ("Facts for this
    section:" above a line of the model's own)."""
    if not text.strip() or not (finder.runs or finder.lines):
        return text, []
    from drafter import grounding
    from drafter.repair import remove_spans

    found: list[Echo] = []
    doomed = []
    for span in grounding.sentence_spans(text):
        whole = finder.copied(" ".join(text[span[0]:span[1]].split()))
        pieces = _line_spans(text, *span)
        copying = [(piece, finder.copied(" ".join(text[piece[0]:piece[1]].split()))) for piece in pieces]
        copying = [(piece, copied) for piece, copied in copying if copied] if len(pieces) > 1 else []
        if whole and (not copying or len(copying) == len(pieces)):
            copying = [(span, whole)]
        for (start, end), copied in copying:
            doomed.append((start, end))
            found.append(Echo(title, " ".join(text[start:end].split()), copied))
    return (remove_spans(text, doomed), found) if doomed else (text, [])


def _line_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The non-blank lines of text[start:end] as (start, end) spans."""
    spans, cursor = [], start
    for line in text[start:end].split("\n"):
        if line.strip():
            lead = len(line) - len(line.lstrip())
            spans.append((cursor + lead, cursor + len(line.rstrip())))
        cursor += len(line) + 1
    return spans
