"""Unfilled template placeholders (20**, XX, [Name], {name}, TBD …) and where they are."""

from __future__ import annotations

import re

from drafter.cleanup.report import Placeholder

X_RUN = r"(?<![\w.])(?:XX+|xx+)(?![\w])"  # XX, xx, xxx, xxxxx (also before %)
BRACKET_SLOT = r"\[(?:[A-Z][\w .'-]{0,40}|name|company|date|amount|number)\](?!\()"  # [Name], [Company Name]
PLACEHOLDER = re.compile(
    r"20\s?\*\*"                                   # 20**, 20 **
    r"|\b(?:19|20)[xX]{2}\b"                        # 20XX
    r"|\*{3,}"                                      # ***
    r"|(?<![\w*])\*\*(?![\w*])"                     # a lone **
    rf"|{X_RUN}"
    r"|(?<![\w.])(?<!\d )[xX](?=\s+[a-z])"          # x people
    rf"|{BRACKET_SLOT}"
    r"|\{\{?\s*[A-Za-z_][\w .-]{0,40}\}\}?"         # {name}, {{ name }}
    r"|_{3,}"                                       # ____
    r"|\b(?:TBD|TODO)\b"
)


NAME_SLOT = re.compile(rf"{X_RUN}|{BRACKET_SLOT}")  # a blank where a name goes: "the XX department", "[Company Name]"


BOLD = re.compile(r"(?<![\w*])\*\*(?=[^\s*])[^*\n]*?[^\s*]\*\*(?![\w*])")


def _without_bold_markers(text: str) -> str:
    """text with the '**' of Markdown bold ("**Label:**") blanked, so they are not read as a '**' placeholder."""
    return BOLD.sub(lambda m: "  " + m.group(0)[2:-2] + "  ", text)


def has_placeholder(text: str) -> bool:
    """True when text holds an unfilled placeholder (Markdown bold markers are not one)."""
    return PLACEHOLDER.search(_without_bold_markers(text)) is not None


def find_placeholders(text: str) -> list[Placeholder]:
    """Every unfilled placeholder in text with its 1-based line and column, in order of appearance."""
    out: list[Placeholder] = []
    line, line_start, pos = 1, 0, 0
    for match in PLACEHOLDER.finditer(_without_bold_markers(text)):
        start = match.start()
        newlines = text.count("\n", pos, start)
        if newlines:
            line += newlines
            line_start = text.rfind("\n", 0, start) + 1
        pos = start
        out.append(Placeholder(match.group(0), line, start - line_start + 1))
    return out

