"""A summary as the office writers read it: title, people fields and sections of blocks (paragraphs, list items,
sub-headings), parsed from drafter's Markdown, whether drafter wrote it or the user edited it by hand."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from drafter.facts import Facts
    from drafter.pipeline import Draft

HEADING = re.compile(r"^[ ]{0,3}(#{1,6})[ \t]+(.*)$")
LIST_ITEM = re.compile(r"^(?P<indent>[ \t]*)(?P<marker>[-*+•]|\d{1,3}[.)])[ \t]+(?P<text>.*)$")
FENCE = re.compile(r"^\s*(```|~~~)")
LIST_INDENT = 2  # spaces of indent per list level
MAX_LIST_LEVEL = 2  # Word's built-in list styles go to level 3 ("List Bullet 3")
INLINE = re.compile(r"(?<![\w*\\])\*\*(?=\S)(?P<bold>[^*\n]+?)(?<=\S)\*\*(?![\w*])"
                    r"|(?<![\w*\\])\*(?=[^\s*])(?P<star>[^*\n]+?)(?<=[^\s*\\])\*(?![\w*])"
                    r"|(?<![\w\\])_(?=[^\s_])(?P<under>[^_\n]+?)(?<=[^\s_\\])_(?![\w])")
ORG_FIELDS = ("organisation", "organization", "company", "employer")


@dataclass
class Block:
    """A paragraph, a list item ('bullet' or 'number', with its nesting level) or a sub-heading ('heading')."""

    kind: str
    text: str
    level: int = 0


@dataclass
class Section:
    """A '## ' section: its title and blocks (the text before the first section has the title '')."""

    title: str
    blocks: list[Block] = field(default_factory=list)

    @property
    def prose(self) -> str:
        """The section's text as plain paragraphs (inline markup dropped), for speaker notes and alignment."""
        return "\n\n".join(plain(block.text) for block in self.blocks if block.text.strip())


@dataclass
class Summary:
    """What a .docx or .pptx is made of: the title, the people fields, the sections and the facts behind them."""

    title: str
    sections: list[Section]
    facts: "Facts | None" = None
    role_name: str = ""  # the role's display name ("Settlement Office"), or the front matter's job title
    fixed_text: str = ""  # the role's own prose: names and figures in it are not claims (grounding.fixed_text_for)

    def meta(self, *keys: str) -> str:
        """The first non-empty front-matter value among `keys`, or ''."""
        meta = self.facts.meta if self.facts is not None else {}
        return next((str(meta[k]).strip() for k in keys if str(meta.get(k) or "").strip()), "")

    @property
    def name(self) -> str:
        """The person's name from the front matter."""
        return self.meta("name")

    @property
    def organisation(self) -> str:
        """The organisation from the front matter."""
        return self.meta(*ORG_FIELDS)

    @property
    def year(self) -> str:
        """The year the summary covers."""
        return self.meta("year")

    def byline(self) -> str:
        """Name, role, organisation and year, the ones given, joined by ' · ' (the title slide's subtitle)."""
        return " · ".join(part for part in (self.name, self.role_name, self.organisation, self.year) if part)


def plain(text: str) -> str:
    """Text with its inline bold and italic markers dropped."""
    return "".join(piece for piece, _, _ in inline_runs(text))


def inline_runs(text: str) -> list[tuple[str, bool, bool]]:
    """(text, bold, italic) pieces of one block: **bold**, *italic* and _italic_ around words lose their markers;
    any other '*' or '_' is the text's own ('*.csv', '__init__', '20**')."""
    runs: list[tuple[str, bool, bool]] = []
    cursor = 0
    for match in INLINE.finditer(text):
        if match.start() > cursor:
            runs.append((text[cursor:match.start()], False, False))
        if match.group("bold") is not None:
            runs.append((match.group("bold"), True, False))
        else:
            runs.append((match.group("star") or match.group("under"), False, True))
        cursor = match.end()
    if cursor < len(text):
        runs.append((text[cursor:], False, False))
    return runs


def _heading_text(text: str) -> str:
    """A heading's text without its optional closing '#'s ("## Plan ##"; "C#" keeps its '#'), in linear time."""
    text = text.strip()
    bare = text.rstrip("#")
    if bare != text and (not bare or bare[-1] in " \t"):
        return bare.rstrip()
    return text


def _without_front_matter(lines: list[str]) -> list[str]:
    """The lines after a '---' front-matter block, or all of them when there is none."""
    if lines and lines[0].strip() == "---":
        for index in range(1, len(lines)):
            if lines[index].strip() in ("---", "..."):
                return lines[index + 1:]
    return lines


def parse_markdown(markdown: str) -> tuple[str, list[Section]]:
    """(title, sections) of a Markdown summary: '# ' is the title, '## ' starts a section; a paragraph's lines are
    joined into one paragraph; list items (with their indented continuation lines) keep their kind and level."""
    title = ""
    sections: list[Section] = [Section("")]
    paragraph: list[str] = []
    item: Block | None = None
    in_fence = False

    def flush() -> None:
        nonlocal item
        if paragraph:
            sections[-1].blocks.append(Block("paragraph", " ".join(p.strip() for p in paragraph)))
            paragraph.clear()
        if item is not None:
            sections[-1].blocks.append(item)
            item = None

    for line in _without_front_matter(markdown.replace("\r\n", "\n").split("\n")):
        if FENCE.match(line):
            in_fence = not in_fence
            flush()
            continue
        if in_fence:
            sections[-1].blocks.append(Block("paragraph", line))
            continue
        heading = HEADING.match(line)
        if heading:
            flush()
            level, text = len(heading.group(1)), _heading_text(heading.group(2))
            if level == 1 and not title:
                title = text
            elif level <= 2:
                sections.append(Section(text))
            else:
                sections[-1].blocks.append(Block("heading", text, min(level - 2, MAX_LIST_LEVEL)))
            continue
        listed = LIST_ITEM.match(line)
        if listed:
            flush()
            indent = len(listed.group("indent").expandtabs(4))
            kind = "number" if listed.group("marker")[0].isdigit() else "bullet"
            item = Block(kind, listed.group("text").strip(), min(indent // LIST_INDENT, MAX_LIST_LEVEL))
            continue
        if not line.strip():
            flush()
            continue
        if item is not None and line[:1] in (" ", "\t"):
            item.text += " " + line.strip()  # an indented continuation line of the list item
            continue
        if item is not None:
            flush()
        paragraph.append(line)
    flush()
    return title, [s for s in sections if s.title or s.blocks]


def from_markdown(markdown: str, facts: "Facts | None" = None, role_name: str | None = None) -> Summary:
    """A Summary from a Markdown summary file and, when given, the facts it was drafted from."""
    title, sections = parse_markdown(markdown)
    role_label, fixed = "", ""
    if facts is not None:
        from drafter import grounding

        fixed = grounding.fixed_text_for(facts, role_name)
        role_label = _role_label(facts, role_name)
    if not title:
        title = sections[0].title if sections and sections[0].title else "Summary"
    return Summary(title, sections, facts, role_label, fixed)


def from_draft(draft: "Draft") -> Summary:
    """A Summary from a finished (pipeline) Draft: its Markdown, facts and role."""
    from drafter.role_text import fixed_text

    title, sections = parse_markdown(draft.markdown())
    return Summary(title or draft.title, sections, draft.facts, draft.role.name, fixed_text(draft.role, draft.facts))


def _role_label(facts: "Facts", role_name: str | None) -> str:
    """The role's display name for the title slide: a built-in or user role's name, else the job title as given."""
    name = role_name or str(facts.get("role") or "").strip()
    if not name:
        return ""
    from drafter.errors import InputError
    from drafter.roles import get_role

    try:
        return get_role(name).name
    except InputError:
        return name  # any job title may stand in the front matter
