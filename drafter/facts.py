"""Parsing a facts file (Markdown bullets with front matter, JSON or YAML) into Facts."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from drafter.errors import InputError
from drafter.files import read_text

BULLET = re.compile(r"^\s*(?:[-*+•]|\d{1,3}[.)])(?:\s+|$)(.*)$")
HEADING = re.compile(r"^(#{1,6})\s*(.*?)\s*#*\s*$")
META_KEY = re.compile(r"^[A-Za-z_][\w-]*$")


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


def _meta_value(value: Any, label: str) -> str:
    if isinstance(value, (dict, list)):
        raise InputError(f"{label}: expected a single value, got a {type(value).__name__}")
    return "" if value is None else str(value).strip()


def _parse_front_matter(lines: list[str], label: str) -> tuple[dict[str, str], int]:
    """Parse a leading '---' block; return (meta, index of first line after it)."""
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
        meta[key.lower()] = value
    raise InputError(f"{label}:1: front matter starts with '---' but is never closed",
                     hint="end the block with a line holding only '---'")


def parse_markdown(text: str, label: str) -> Facts:
    """Parse Markdown/plain facts: front matter, '## Heading' lines and one fact per bullet or line."""
    lines = text.split("\n")
    meta, start = _parse_front_matter(lines, label)
    items: list[Fact] = []
    heading: str | None = None
    for index in range(start, len(lines)):
        raw = lines[index]
        stripped = raw.strip()
        lineno = index + 1
        if not stripped or stripped.startswith("<!--"):
            continue
        head = HEADING.match(stripped)
        if head:
            if len(head.group(1)) == 1 and "title" not in meta and not items:
                meta["title"] = head.group(2)
            else:
                heading = head.group(2) or None
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
    return Facts(items, meta, label)


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
                value = str(value)
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
            add(values, f"sections.{name}", str(name))
    meta = {str(k).lower(): _meta_value(v, f"{label}: field '{k}'") for k, v in data.items()
            if k not in ("facts", "sections")}
    return Facts(items, meta, label)


def parse_json(text: str, label: str) -> Facts:
    """Parse a JSON facts document."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"{label}:{exc.lineno}: malformed JSON ({exc.msg})") from None
    return _facts_from_mapping(data, label)


def parse_yaml(text: str, label: str) -> Facts:
    """Parse a YAML facts document."""
    import yaml

    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or "cannot parse"
        raise InputError(f"{label}{where}: malformed YAML ({problem})") from None
    return _facts_from_mapping(data, label)


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
    if not facts.items:
        raise InputError(f"{label}: no facts found", hint="write one fact per line, e.g. '- Closed 418 settlements'")
    return facts


def load_facts(source: str | Path) -> Facts:
    """Read and parse a facts file, or stdin for '-'."""
    text, label = read_text(source)
    if not text.strip():
        raise InputError(f"{label}: is empty, expected facts", hint="write one fact per line, e.g. '- Closed 418 settlements'")
    return parse_facts(text, label)
