"""Rendering a Draft as Markdown, plain text or JSON."""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING

from drafter.errors import InputError

if TYPE_CHECKING:
    from drafter.pipeline import Draft

FORMATS = ("md", "txt", "json")


def to_markdown(draft: "Draft") -> str:
    """Markdown: '# title', then '## section' with its paragraphs."""
    return draft.markdown()


HEADING_LINE = re.compile(r"(#{1,6})[ \t]+(\S.*)")  # drafter's own '# title' and '## section' lines
STATUS_NOTE = re.compile(r"_(\[(?:partial|failed|pending|empty): .*\])_")  # Draft.markdown's note, a line of its own
MODEL_BOLD = re.compile(r"(?<![\w*\\])\*\*(?=[^\s*])([^*\n]+?)(?<=[^\s*\\])\*\*(?![\w*])")  # **Label:** from a model


def markdown_to_text(markdown: str) -> str:
    """Plain text from drafter's Markdown, dropping only the markup drafter adds.

    Headings are underlined, the '_[partial: …]_' note loses its underscores, and '**bold**' around whole words
    (what a model writes for a label) loses its stars; any other '*' or '_' is the facts' own text and stays
    ('*.csv and *.xlsx', '__init__', '2**10').
    """
    out: list[str] = []
    for line in markdown.split("\n"):
        heading = HEADING_LINE.fullmatch(line)
        if heading:
            title = heading.group(2).strip()
            rule = "=" if len(heading.group(1)) == 1 else "-"
            out.extend([title, rule * len(title)])
            continue
        note = STATUS_NOTE.fullmatch(line)
        out.append(note.group(1) if note else MODEL_BOLD.sub(r"\1", line))
    return "\n".join(out)


def to_text(draft: "Draft") -> str:
    """Plain text with underlined headings, for mail bodies and word processors."""
    return markdown_to_text(draft.markdown())


def to_dict(draft: "Draft", usage: dict | None = None) -> dict:
    """The JSON document: role, person, year, sections, full text, warnings, backend, model and usage.

    Each section carries its own usage; `usage` (a run's report: requests, cached sections, estimated cost)
    replaces the plain token total when given.
    """
    cached = set((usage or {}).get("cached", ()))
    data = {
        "role": draft.role.id,
        "name": draft.facts.get("name", ""),
        "year": draft.facts.get("year", ""),
        "title": draft.title,
        "sections": [{**s.to_dict(), "usage": {**s.usage.to_dict(), "cached": s.id in cached}}
                     for s in draft.sections],
        "text": draft.markdown(),
        "warnings": list(draft.warnings),
        "backend": draft.backend,
        "model": draft.model,
        "complete": draft.complete,
        "usage": {**draft.usage.to_dict(), **{k: v for k, v in (usage or {}).items() if k != "cached"}},
    }
    if draft.cleanup is not None:
        data["cleanup"] = {"edits": [e.__dict__ for e in draft.cleanup.edits], "stats": draft.cleanup.stats}
    if draft.grounding is not None:
        data["grounding"] = draft.grounding.to_dict()
    data["repaired"] = [r.to_dict() for r in draft.repaired]
    data["echoes"] = [e.to_dict() for e in draft.echoes]
    return data


def to_json(draft: "Draft", usage: dict | None = None) -> str:
    """The JSON document as text."""
    return json.dumps(to_dict(draft, usage), ensure_ascii=False, indent=2) + "\n"


def render(draft: "Draft", fmt: str, usage: dict | None = None) -> str:
    """The draft in one of FORMATS (`usage`, a run's usage report, goes into JSON only)."""
    if fmt == "json":
        return to_json(draft, usage)
    renderers = {"md": to_markdown, "txt": to_text}
    if fmt not in renderers:
        raise InputError(f"unknown format {fmt!r}", hint="use one of: " + ", ".join(FORMATS))
    return renderers[fmt](draft)
