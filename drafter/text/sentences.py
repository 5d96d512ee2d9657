"""Where sentences end: one splitter for a block of prose, and the abbreviations whose full stop ends no sentence."""

from __future__ import annotations

import re

from drafter.text.dates import MONTH_NUMBERS

ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof sr jr st no vs etc e.g i.e inc ltd co corp dept approx fig jan feb mar apr jun jul aug sep "
    "sept oct nov dec u.s u.k a.m p.m sgt capt lt col maj cpl supt insp hon fr mt messrs".split())  # (ranks and
# titles before a name: "Sgt. Ruiz at the sheriff's office")
NUMBER_ABBREVIATIONS = frozenset({"max"})  # abbreviations only before a figure ("Max. 3 goals"; "I thanked Max. He …" is
# two sentences, and so is "58 to 41 min. 212 containers …")
GIVEN_NAME_ABBREVIATIONS = frozenset("Ma Wm Jas Chas Thos Geo".split())  # "Ma. Theresa Abellana" (Maria), "Wm. Tan":
# no sentence ends there when a name follows
SENTENCE_STARTERS = frozenset("I We The This That These Our My In It He She They There At On For After During All Each As "
                              "An Since With From".split())  # after one of these, "B." is a sentence's end, no initial
# a run of end marks is taken whole, from its first mark only ("!!!!…x" was tried again from each one: quadratic)
SENTENCE_END = re.compile(r"(?<![.!?。！？])[.!?。！？]++['\"”’)\]]*+(?=\s|$)|[。！？]")
NEXT_WORD = re.compile(r"\s+(\w+)")
SENTENCE_START = re.compile(r"[\"“'‘(\[A-Z0-9#*_\-—•]|[^\x00-\x7f]")
BLANK = re.compile(r"\s*")
OPENING_MARKS = "([{\"'“‘«*_"  # what may stand before an abbreviation's first letter (emphasis too)
# the German and Nordic months a day's ordinal full stop stands before ("3. Juni"), other than the English names
ORDINAL_DATE_MONTHS = frozenset(
    "januar februar märz maerz mai juni juli oktober dezember januari februari mars maj augusti".split())
YEAR_NEXT = re.compile(r",?\s+(?:19|20)\d\d\b")
DOTTED_DATE_PART = re.compile(r"[ \t]?\d{1,2}\.(?:[ \t]?\d{1,2}\.)?(?=\s|$|[~\-–,;)])")  # the month and day after
# a year's full stop in "2024. 12. 27." (or the day after the month's)
ENUMERATOR = re.compile(r">*\d{1,2}")  # a line's number in a numbered list: "2" of "2. …", ">2" of ">2. …"
HYPHENED_INITIALS = re.compile(r"[A-Z]\.?(?:[-‐][A-Z]\.?)+")  # a double first name's initials: "M-C", "J.-P"
DOTTED = re.compile(r"[a-z](?:\.[a-z])+")  # "e.g", "u.s": a dotted abbreviation, whatever its letters


def _opens_a_line(text: str, at: int) -> bool:
    """True when only spaces or tabs stand between the start of text[at]'s line and it."""
    while at > 0 and text[at - 1] in " \t":
        at -= 1
    return at == 0 or text[at - 1] == "\n"


def _last_word(text: str, start: int, end: int) -> str:
    """The last blank-separated word of text[start:end] ('' when there is none), found from the end."""
    while end > start and text[end - 1].isspace():
        end -= 1
    begin = end
    while begin > start and not text[begin - 1].isspace():
        begin -= 1
    return text[begin:end]


BRACKETED_LINE = re.compile(r"^[ \t*_]*[(（][^()（）\n]*[)）][ \t*_]*$", re.M)  # a line wholly in brackets: "(e.g.
# Preparation of monthly payroll)" over the answer it guides, a sentence of its own though it has no end mark, when
# the line under it ends as a sentence does (not "(Sunita R. Kulkarni)" over "Stenographer (Grade II)")
NEXT_LINE_ENDS = re.compile(r"\s*\n[^\n]*[.!?。！？:;：；]['\"”’)\]*_]*[ \t]*(?:\n|$)")


def sentence_bounds(content: str) -> list[tuple[int, int, int]]:
    """(start, end, gap end) of each sentence of a block of prose: content[start:end] is the sentence and
    content[end:gap end] the blank space after it. A full stop after an abbreviation or an initial ("J. Smith"), or
    one not followed by what can start a sentence, ends none; blank-only stretches are no sentence. A line wholly in
    brackets (BRACKETED_LINE) ends one."""
    out: list[tuple[int, int, int]] = []
    start = 0
    for line in BRACKETED_LINE.finditer(content):
        if line.start() < start or not NEXT_LINE_ENDS.match(content, line.end()):
            continue
        gap_end = BLANK.match(content, line.end()).end()
        out += [(start + a, start + b, start + c) for a, b, c in _bounds(content[start:line.end()])]
        if out:
            out[-1] = (out[-1][0], out[-1][1], gap_end)
        start = gap_end
    return out + [(start + a, start + b, start + c) for a, b, c in _bounds(content[start:])]


def _bounds(content: str) -> list[tuple[int, int, int]]:
    """sentence_bounds() of a stretch with no bracketed line inside it."""
    out: list[tuple[int, int, int]] = []
    pos = len(content) - len(content.lstrip())
    for match in SENTENCE_END.finditer(content):
        end = match.end()
        if end <= pos:
            continue
        if match.group(0).startswith(".") and len(match.group(0)) == 1:
            written = _last_word(content, pos, match.start())
            last = written.lower()
            starter = NEXT_WORD.match(content, end)
            initial = (len(last) == 1 and last.isalpha() or HYPHENED_INITIALS.fullmatch(written) is not None) or \
                written in GIVEN_NAME_ABBREVIATIONS and starter is not None and starter.group(1)[:1].isupper()
            # ("J. Smith", "M-C. Bouchard", "J.-P. Roy", "Ma. Theresa"; but "Shift B. I led it" ends one)
            if initial and starter and starter.group(1) in SENTENCE_STARTERS:
                initial = False
            bare = last.lstrip(OPENING_MARKS)  # "(approx. 240 employees)": the abbreviation inside a bracket
            if bare in ABBREVIATIONS or initial or DOTTED.fullmatch(bare) or \
                    bare in NUMBER_ABBREVIATIONS and starter is not None and starter.group(1)[:1].isdigit():
                continue
            if ENUMERATOR.fullmatch(written) and _opens_a_line(content, match.start() - len(written)):
                continue  # "2. The Barberton branch move …" opening a line of a quoted mail: its number, no end
            if last.isdigit() and DOTTED_DATE_PART.match(content, end):
                continue  # "2024. 12. 27.", a date written as Korean and Hungarian write it: one sentence
            if last.isdigit() and len(last) <= 2 and starter is not None and (
                    starter.group(1).lower() in ORDINAL_DATE_MONTHS or starter.group(1).lower() in MONTH_NUMBERS
                    and YEAR_NEXT.match(content, starter.end())):
                continue  # "seit dem 3. Juni", "den 14. mars", "am 3. April 2024": a day's ordinal full stop before
                # its month (an English month name only with its year: "We hired 12. May was busy." is two)
        gap_end = BLANK.match(content, end).end()  # read in place: a copy of the rest at each full stop was quadratic
        if gap_end < len(content) and not SENTENCE_START.match(content, gap_end):
            continue
        if content[pos:end].strip():
            out.append((pos, end, gap_end))
        pos = gap_end
    if pos < len(content) and content[pos:].strip():
        end = len(content.rstrip())
        out.append((pos, end, len(content)))
    return out
