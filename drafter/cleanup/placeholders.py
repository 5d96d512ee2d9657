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


# a template's own blank, as a site leaves it on a signature or date line ("Reporter: XXX  December 20**",
# "Date: 20**年**月**日", "Shift Name: ××"): runs of capital X, ××, 20**, "**" in a date, a rule of underscores; not
# "xxx" ("Contact person: xxx, telephone: 0XX-…" is a line the author fills in), nor a bracketed
# slot, which a chat model leaves in the author's own header ("[Employee Name], Head Teller")
TEMPLATE_BLANK = re.compile(r"(?<![\w.])XX+(?!\w)|×{2,}|\b20\s?\*\*|(?<=[\s年月\d-])\*\*(?=[\s年月日-]|$)|_{3,}")


def template_blanks(text: str) -> int:
    """How many of a template's own blanks text holds (Markdown bold markers are not one, nor an underline the author
    wrote on: "Attendance: ___288___ days")."""
    return len(TEMPLATE_BLANK.findall(_without_filled_underlines(_without_bold_markers(text))))


def fill_template_blanks(text: str) -> str:
    """text with each of a template's own blanks filled with a word ("x"), so it reads as it will when filled in."""
    return TEMPLATE_BLANK.sub("x", _without_filled_underlines(_without_bold_markers(text)))


FILLED_UNDERLINE = re.compile(r"_{2,}+([^_\n]++)_{2,}+")  # a value written on a form's line: "___288___", "____Tan
# Min____" (possessive: a long line of blanks and text is read once)


def _without_filled_underlines(text: str) -> str:
    """text with each form line the author wrote a value on given as the value alone ("___288___" as "288")."""
    return FILLED_UNDERLINE.sub(_value_on_the_line, text)


def _value_on_the_line(match: re.Match) -> str:
    """The value written on a form's line, or the line as it was when what stands on it is no value ("___/___")."""
    value = match.group(1)
    return value if value == value.strip() and any(c.isalnum() for c in value) else match.group(0)


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

