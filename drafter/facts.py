"""Parsing a facts file (Markdown bullets with front matter, JSON or YAML) into Facts."""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from drafter.errors import InputError, printable
from drafter.files import nested_too_deeply, read_text, unreadable_value, yaml_document

BULLET = re.compile(r"^\s*(?:[-*+•]|\d{1,3}[.)])(?:\s+|$)(.*)$")
HEADING_MARK = re.compile(r"#{1,6}(?=[ \t]|$)")  # CommonMark: 1-6 '#' then a space or the line's end ('#1' is text)
COMMENT_OPEN, COMMENT_CLOSE = "<!--", "-->"
META_KEY = re.compile(r"^[A-Za-z_][\w-]*$")
FLAT_FACTS_HINT = "facts are a flat list of strings, or a mapping of section names to lists"
YEAR_RANGE = (1950, 2100)  # the years a summary may be about: front matter 'year' outside them is refused


@dataclass
class Fact:
    """One bullet fact, where it came from, and the heading it stood under (if any)."""

    text: str
    line: int
    heading: str | None = None


@dataclass
class Facts:
    """A person's facts plus front-matter fields (role, name, year, organisation and any extras)."""

    items: list[Fact]
    meta: dict[str, str] = field(default_factory=dict)
    source: str = "<facts>"
    meta_lines: dict[str, int] = field(default_factory=dict)  # the line of each front-matter key (Markdown only)
    warnings: list[str] = field(default_factory=list)  # one line each: a front-matter key given twice

    def get(self, key: str, default: str | None = None) -> str | None:
        """A front-matter value, or default."""
        return self.meta.get(key, default)

    @property
    def texts(self) -> list[str]:
        """The facts' texts in order."""
        return [fact.text for fact in self.items]

    def to_markdown(self) -> str:
        """Write the facts back as a facts file that parse_facts reads to the same Facts."""
        out: list[str] = []
        if self.meta:
            out.append("---")
            out.extend(f"{key}: {value}" for key, value in self.meta.items())
            out.extend(["---", ""])
        heading: str | None = None
        for fact in self.items:
            if fact.heading != heading and fact.heading:
                out.extend(["", f"## {fact.heading}"])
            heading = fact.heading
            out.append(f"- {fact.text}")
        return "\n".join(out).strip() + "\n"


def _number_text(value: int | float, label: str) -> str:
    """A number as text; an InputError for an integer longer than Python prints (a YAML 0x… or 0b… literal)."""
    try:
        return str(value)
    except ValueError:  # sys.get_int_max_str_digits: only decimal literals are refused while parsing
        raise InputError(f"{label}: a number longer than {sys.get_int_max_str_digits()} digits",
                         hint="write a long number as a string, in quotes") from None


def _meta_value(value: Any, label: str) -> str:
    if isinstance(value, (dict, list)):
        raise InputError(f"{label}: expected a single value, got a {type(value).__name__}")
    if isinstance(value, int):
        return _number_text(value, label)
    return "" if value is None else str(value).strip()


def _parse_front_matter(lines: list[str], label: str, key_lines: dict[str, int],
                        warnings: list[str]) -> tuple[dict[str, str], int]:
    """Parse a leading '---' block; return (meta, index of first line after it). Each key's line goes into
    `key_lines`; a key given twice is a warning in `warnings` (the later value is used)."""
    if not lines or lines[0].strip() != "---":
        return {}, 0
    meta: dict[str, str] = {}
    for index in range(1, len(lines)):
        raw = lines[index].strip()
        if raw in ("---", "..."):
            return meta, index + 1
        if not raw or raw.startswith("#"):
            continue
        key, sep, value = raw.partition(":")
        key = key.strip()
        if not sep or not META_KEY.match(key):
            raise InputError(f"{label}:{index + 1}: front matter line is not 'key: value': {raw[:60]!r}")
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            value = value[1:-1]
        key = key.lower()
        if key in key_lines:
            warnings.append(f"{label}:{index + 1}: front matter key {key!r} repeats line {key_lines[key]}; "
                            f"the value on line {index + 1} is used")
        key_lines[key] = index + 1
        meta[key] = value
    raise InputError(f"{label}:1: front matter starts with '---' but is never closed",
                     hint="end the block with a line holding only '---'")


def heading_of(line: str) -> tuple[int, str] | None:
    """(level, title) when a stripped line is an ATX heading ('## Plan', '# Title #'), else None.

    Linear: the closing '#'s are cut with str methods, not a backtracking pattern.
    """
    mark = HEADING_MARK.match(line)
    if not mark:
        return None
    title = line[mark.end():].strip()
    without_closing = title.rstrip("#")
    if not without_closing:
        title = ""
    elif without_closing[-1] in " \t" and without_closing != title:
        title = without_closing.rstrip()
    return len(mark.group(0)), title


def _join_around_comments(pieces: list[str]) -> str:
    """A line's text around its removed comments: one space where a comment stood, indentation kept."""
    line = pieces[0]  # the text before the first comment, as written
    for piece in pieces[1:]:
        if not line.strip():
            line += piece.lstrip()
        elif piece.strip():
            line = f"{line.rstrip()} {piece.lstrip()}"
    return line


def without_comments(lines: list[str], start: int, label: str) -> list[str]:
    """The lines with every '<!-- ... -->' comment blanked (a comment may span lines; line numbers stay).

    A comment that is never closed is an InputError naming the line it opens on.
    """
    out = list(lines)
    opened_at: int | None = None
    for index in range(start, len(lines)):
        if opened_at is None and COMMENT_OPEN not in lines[index]:
            continue
        line, position = lines[index], 0
        kept: list[str] = [] if opened_at is None else [""]  # a line that starts inside a comment starts empty
        while True:
            if opened_at is None:
                found = line.find(COMMENT_OPEN, position)
                if found < 0:
                    kept.append(line[position:])
                    break
                kept.append(line[position:found])
                opened_at, position = index, found + len(COMMENT_OPEN)
            else:
                found = line.find(COMMENT_CLOSE, position)
                if found < 0:
                    break
                opened_at, position = None, found + len(COMMENT_CLOSE)
        out[index] = _join_around_comments(kept)
    if opened_at is not None:
        raise InputError(f"{label}:{opened_at + 1}: comment '<!--' is never closed",
                         hint="end it with '-->' (a comment is left out of the facts)")
    return out


def parse_markdown(text: str, label: str) -> Facts:
    """Parse Markdown/plain facts: front matter, '## Heading' lines and one fact per bullet or line."""
    lines = text.split("\n")
    key_lines: dict[str, int] = {}
    warnings: list[str] = []
    meta, start = _parse_front_matter(lines, label, key_lines, warnings)
    lines = without_comments(lines, start, label)
    items: list[Fact] = []
    heading: str | None = None
    for index in range(start, len(lines)):
        raw = lines[index]
        stripped = raw.strip()
        lineno = index + 1
        if not stripped:
            continue
        head = heading_of(stripped)
        if head:
            level, title = head
            if level == 1 and "title" not in meta and not items:
                meta["title"] = title
            else:
                heading = title or None
            continue
        bullet = BULLET.match(raw)
        if bullet:
            body = bullet.group(1).strip()
            if not body:
                raise InputError(f"{label}:{lineno}: bullet is empty", hint="write the fact after the bullet or delete the line")
            items.append(Fact(body, lineno, heading))
        elif raw[:1] in (" ", "\t") and items:
            items[-1].text = f"{items[-1].text} {stripped}"
        else:
            items.append(Fact(stripped, lineno, heading))
    return Facts(items, meta, label, key_lines, warnings)


def _facts_from_mapping(data: Any, label: str) -> Facts:
    """Build Facts from a parsed JSON/YAML document with a `facts` list or a `sections` mapping."""
    if not isinstance(data, dict):
        raise InputError(f"{label}: expected a mapping with 'facts' or 'sections', got a {type(data).__name__}")
    if "facts" not in data and "sections" not in data:
        raise InputError(f"{label}: missing field 'facts' (a list) or 'sections' (a mapping of lists)")
    items: list[Fact] = []

    def add(values: Any, where: str, heading: str | None) -> None:
        if not isinstance(values, list):
            raise InputError(f"{label}: field '{where}' must be a list of strings")
        for position, value in enumerate(values):
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                value = _number_text(value, f"{label}: field '{where}[{position}]'")
            if not isinstance(value, str):
                raise InputError(f"{label}: field '{where}[{position}]' must be a string, got {type(value).__name__}")
            if not value.strip():
                raise InputError(f"{label}: field '{where}[{position}]' is empty")
            items.append(Fact(" ".join(value.split()), position + 1, heading))

    if "facts" in data:
        add(data["facts"], "facts", None)
    sections = data.get("sections")
    if sections is not None:
        if not isinstance(sections, dict):
            raise InputError(f"{label}: field 'sections' must be a mapping of section name to a list of facts")
        for name, values in sections.items():
            add(values, f"sections.{printable(str(name))}", str(name))  # a name may hold a line break
    meta = {str(k).lower(): _meta_value(v, f"{label}: field '{printable(str(k))}'") for k, v in data.items()
            if k not in ("facts", "sections")}
    return Facts(items, meta, label)


def parse_json(text: str, label: str) -> Facts:
    """Parse a JSON facts document."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"{label}:{exc.lineno}: malformed JSON ({exc.msg})") from None
    except RecursionError:
        raise nested_too_deeply(label, "JSON", FLAT_FACTS_HINT) from None
    except ValueError as exc:  # an integer longer than Python converts (sys.get_int_max_str_digits)
        raise unreadable_value(label, "JSON", exc) from None
    return _facts_from_mapping(data, label)


def parse_yaml(text: str, label: str) -> Facts:
    """Parse a YAML facts document."""
    return _facts_from_mapping(yaml_document(text, label, "YAML", FLAT_FACTS_HINT), label)


def detect_format(text: str, label: str) -> str:
    """Guess 'json', 'yaml' or 'md' from the file name, else from the content."""
    suffix = Path(label).suffix.lower()
    if suffix == ".json":
        return "json"
    if suffix in (".yaml", ".yml"):
        return "yaml"
    if suffix in (".md", ".markdown", ".txt"):
        return "md"
    head = text.lstrip()
    if head.startswith("{"):
        return "json"
    if re.search(r"^(facts|sections)\s*:\s*$", text, re.MULTILINE):
        return "yaml"
    return "md"


def parse_facts(text: str, label: str = "<facts>", fmt: str | None = None) -> Facts:
    """Parse facts text in the given (or detected) format and check that there is at least one fact."""
    fmt = fmt or detect_format(text, label)
    parser = {"json": parse_json, "yaml": parse_yaml, "md": parse_markdown}.get(fmt)
    if parser is None:
        raise InputError(f"unknown facts format {fmt!r}", hint="use md, json or yaml")
    facts = parser(text, label)
    _check_year(facts)
    if not facts.items:
        raise InputError(f"{label}: no facts found", hint="write one fact per line, e.g. '- Closed 418 settlements'")
    return facts


def _check_year(facts: Facts) -> None:
    """Refuse a front-matter 'year' that is not a year in YEAR_RANGE (one line naming the file, line and field); an
    empty one counts as not given."""
    year = facts.meta.get("year")
    if year is None:
        return
    if not year.strip():
        del facts.meta["year"]
        return
    digits = year.lstrip("0")  # a 5,000-digit 'year' is refused here, before int() would refuse it
    if not (year.isascii() and year.isdigit() and len(digits) <= 4
            and YEAR_RANGE[0] <= int(digits or 0) <= YEAR_RANGE[1]):
        line = facts.meta_lines.get("year")
        where = f"{facts.source}:{line}" if line else facts.source
        raise InputError(f"{where}: field 'year' must be a year from {YEAR_RANGE[0]} to {YEAR_RANGE[1]}, "
                         f"not {printable(year[:40])!r}")
    facts.meta["year"] = digits  # '02026' is 2026


def load_facts(source: str | Path) -> Facts:
    """Read and parse a facts file, or stdin for '-'."""
    text, label = read_text(source)
    if not text.strip():
        raise InputError(f"{label}: is empty, expected facts", hint="write one fact per line, e.g. '- Closed 418 settlements'")
    return parse_facts(text, label)
