"""What a cleanup run returns: the cleaned text, its removals, placeholders and notes, and how to print them."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass
class Edit:
    """One removal: its kind, the 1-based input line it was on, the text removed, and the line it repeated."""

    kind: str
    line: int
    removed: str
    duplicate_of_line: int | None = None


REPEAT_KINDS = frozenset({"duplicate-sentence", "near-duplicate", "repeated-item", "restatement"})  # the kinds of
# Edit that cut a repeat of something the text still says


@dataclass
class Placeholder:
    """An unfilled template placeholder (20**, XX, [Name] …) at a 1-based line and column of the input."""

    text: str
    line: int
    col: int


@dataclass
class Note:
    """Something reported but not cut, e.g. a cliché inside a sentence that carries a fact."""

    kind: str
    line: int
    text: str


@dataclass
class CleanResult:
    """The cleaned text and the report of what was removed, what is unfilled, and what was only noted."""

    text: str
    edits: list[Edit] = field(default_factory=list)
    placeholders: list[Placeholder] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    stats: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        """Plain data for JSON output: text, edits, placeholders, notes and stats."""
        return {"text": self.text, "edits": [asdict(e) for e in self.edits],
                "placeholders": [asdict(p) for p in self.placeholders], "notes": [asdict(n) for n in self.notes],
                "stats": dict(self.stats)}

    @property
    def changed(self) -> bool:
        """True when the pass removed anything."""
        return bool(self.edits)



def stats_of(before: str, after: str, edits: list[Edit], placeholders: list[Placeholder], notes: list[Note],
           sentences: int) -> dict:
    """The run's figures: sizes, sentences, edits in all and by kind, placeholders and notes."""
    by_kind: dict[str, int] = {}
    for edit in edits:
        by_kind[edit.kind] = by_kind.get(edit.kind, 0) + 1
    return {"input_chars": len(before), "output_chars": len(after), "sentences": sentences, "edits": len(edits),
            "edits_by_kind": dict(sorted(by_kind.items())), "placeholders": len(placeholders), "notes": len(notes)}


def format_edit(edit: Edit, width: int = 100) -> str:
    """One removal as 'kind (repeats line N): 'text'', the text on one line and cut to `width` characters."""
    removed = " ".join(edit.removed.split())
    removed = removed if len(removed) <= width else removed[:width - 1] + "…"
    where = f" (repeats line {edit.duplicate_of_line})" if edit.duplicate_of_line is not None else ""
    return f"{edit.kind}{where}: {removed!r}"


def format_report(result: CleanResult, label: str = "<text>") -> str:
    """The edit report as plain lines: one per removal (kind, line, text, repeated line), then placeholders and notes."""
    lines = [f"{label}:{edit.line}: {format_edit(edit)}" for edit in result.edits]
    for placeholder in result.placeholders:
        lines.append(f"{label}:{placeholder.line}:{placeholder.col}: placeholder: {placeholder.text!r}")
    for note in result.notes:
        text = " ".join(note.text.split())
        lines.append(f"{label}:{note.line}: note: {note.kind}: {text if len(text) <= 100 else text[:99] + '…'}")
    by_kind = ", ".join(f"{k} {v}" for k, v in result.stats.get("edits_by_kind", {}).items()) or "nothing to remove"
    lines.append(f"{label}: {len(result.edits)} edit(s) ({by_kind}), {len(result.placeholders)} placeholder(s), "
                 f"{len(result.notes)} note(s)")
    return "\n".join(lines) + "\n"


def unified_diff(before: str, after: str, label: str = "<text>") -> str:
    """A unified diff from the input to the cleaned text, for review before accepting the edits."""
    import difflib

    before = before.replace("\r\n", "\n")
    return "".join(difflib.unified_diff(before.splitlines(keepends=True), after.splitlines(keepends=True),
                                        fromfile=label, tofile=f"{label} (cleaned)"))
