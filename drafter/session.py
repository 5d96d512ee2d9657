"""The interactive session's state and commands: plain code, no terminal, autosaved as JSON after every change."""

from __future__ import annotations

import datetime
import json
import os
import re
import secrets
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable

from drafter.config import drafter_home
from drafter.errors import DrafterError, InputError

STATE_VERSION = 1
SERVER_SETTINGS = ("backend", "model", "base_url")  # what a session remembers of where it drafts; never the key
STATUSES = ("pending", "draft", "partial", "failed", "accepted")
COMMANDS: dict[str, str] = {
    "/help": "list the commands",
    "/role": "/role [NAME]: choose another role (a menu without NAME)",
    "/facts": "list the facts, numbered, with their sections",
    "/add": "/add TEXT: add a fact",
    "/drop": "/drop N: remove fact number N",
    "/regen": "/regen [SECTION]: draft a section again (number or id)",
    "/edit": "/edit [SECTION]: edit a section ($EDITOR, or inline)",
    "/show": "show the cleaned summary so far, exactly as /save writes it",
    "/clean": "clean the draft; show the cleanup report and warnings",
    "/save": "/save [FILE]: write the cleaned summary (-o FILE, or asks; .docx or .pptx as /export)",
    "/export": "/export FILE: write the cleaned summary as a Word document (.docx) or a deck (.pptx)",
    "/quit": "leave; the session is kept for --resume",
}
SECTION_COMMANDS = ("/regen", "/edit")


def sessions_dir() -> Path:
    """Where session files live: $DRAFTER_HOME/sessions."""
    return drafter_home() / "sessions"


def now() -> str:
    """The current time as an ISO string (microseconds, so saves order reliably), local time zone."""
    return datetime.datetime.now().astimezone().isoformat(timespec="microseconds")


def new_session_id() -> str:
    """A short id that sorts by creation time: YYYYMMDD-HHMMSS-xxxx."""
    return datetime.datetime.now().strftime("%Y%m%d-%H%M%S-") + secrets.token_hex(2)


@dataclass
class SectionState:
    """One section of the plan: its text, review status and the facts it was last drafted from."""

    id: str
    title: str
    text: str = ""
    status: str = "pending"
    error: str | None = None
    drafted_from: list[str] = field(default_factory=list)
    stale: bool = False


@dataclass
class Command:
    """A parsed slash command: its name (with the slash) and the rest of the line."""

    name: str
    arg: str = ""


def drafting_basis(plan: list, index: int) -> list[str]:
    """What a section's text depends on: its own facts, or for a section with none (the overview) every fact
    and the plan's section titles, so adding a fact or a section makes an accepted overview stale."""
    own = [f.text for f in plan[index].facts]
    if own:
        return own
    return [f.text for planned in plan for f in planned.facts] + ["§ " + p.section.title for p in plan]


def parse_command(line: str) -> Command | None:
    """A slash command from an input line, None for ordinary input; an unknown or ambiguous one is an InputError.

    Unique prefixes work ('/he' is /help), so a user can type less than Tab would complete.
    """
    stripped = line.strip()
    if not stripped.startswith("/") or stripped.startswith("//"):
        return None
    word, _, rest = stripped.partition(" ")
    word = word.lower()
    if word in COMMANDS:
        return Command(word, rest.strip())
    matches = [name for name in COMMANDS if name.startswith(word)]
    if len(matches) == 1:
        return Command(matches[0], rest.strip())
    if matches:
        raise InputError(f"{word} could be {', '.join(sorted(matches))}")
    raise InputError(f"unknown command {word}", hint="type /help for the list")


def estimate_tokens(text: str) -> int:
    """A rough token count (UTF-8 bytes / 4) for servers that do not report usage while streaming."""
    return (len(text.encode("utf-8")) + 3) // 4


def clean_fact_line(line: str) -> str:
    """A fact as typed: surrounding space and a leading list bullet removed, inner space collapsed."""
    text = re.sub(r"^\s*(?:[-*+•]|\d{1,3}[.)])\s+", "", line)
    return " ".join(text.split())


@dataclass
class Session:
    """Everything a session knows; every mutating method autosaves the state atomically."""

    id: str
    role: str | None = None
    facts: list[dict[str, Any]] = field(default_factory=list)
    meta: dict[str, str] = field(default_factory=dict)
    sections: list[SectionState] = field(default_factory=list)
    output: str | None = None
    stage: str = "role"
    created: str = field(default_factory=now)
    updated: str = field(default_factory=now)
    backend: str = ""
    model: str = ""
    input_tokens: int = 0
    output_tokens: int = 0
    tokens_estimated: bool = False
    revision: int = 0
    saved_revision: int = -1
    saved_to: str | None = None
    facts_file: str | None = None
    finished: bool = False
    server: dict[str, str | None] | None = None
    folder: Path | None = field(default=None, repr=False, compare=False)

    @classmethod
    def new(cls, role: str | None = None, facts: Iterable[Any] = (), meta: dict[str, str] | None = None,
            output: str | Path | None = None, folder: Path | None = None,
            facts_file: str | Path | None = None) -> "Session":
        """Start a session (role and facts optional, `facts_file` the file they came from) and write its first autosave."""
        session = cls(id=new_session_id(), meta=dict(meta or {}), folder=folder)
        session.output = str(Path(output).expanduser().absolute()) if output else None
        if facts_file and str(facts_file) != "-":
            session.facts_file = str(Path(facts_file).expanduser().absolute())
        for item in facts:
            text, heading = (item.text, item.heading) if hasattr(item, "text") else (str(item), None)
            text = clean_fact_line(text)
            if text:
                session.facts.append({"text": text, "heading": heading})
        if role:
            session.set_role(role, save=False)
        session.save()
        return session

    @property
    def path(self) -> Path:
        """This session's JSON file."""
        return (self.folder or sessions_dir()) / f"{self.id}.json"

    def to_dict(self) -> dict[str, Any]:
        """The state as JSON-ready data."""
        data = {k: v for k, v in asdict(self).items() if k != "folder"}
        data["version"] = STATE_VERSION
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any], folder: Path | None = None) -> "Session":
        """Rebuild a session from its JSON data."""
        known = {f for f in cls.__dataclass_fields__ if f not in ("sections", "folder")}
        session = cls(**{k: v for k, v in data.items() if k in known}, folder=folder)
        section_fields = set(SectionState.__dataclass_fields__)
        session.sections = [SectionState(**{k: v for k, v in s.items() if k in section_fields})
                            for s in data.get("sections", [])]
        return session

    def save(self) -> None:
        """Autosave: write the state as JSON atomically (temp file + rename), so a kill never leaves half a file."""
        from drafter.files import atomic_write

        self.updated = now()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(self.path, json.dumps(self.to_dict(), ensure_ascii=False, indent=2) + "\n", private=True)

    def changed(self) -> None:
        """Record a change to the summary's content and autosave."""
        self.revision += 1
        self.finished = False
        self.save()

    @property
    def unsaved(self) -> bool:
        """True when the summary changed since it was last written with /save."""
        return self.saved_revision != self.revision

    # facts and role --------------------------------------------------------------------------------------------

    def facts_object(self):
        """The session's facts as a drafter Facts (front matter kept, a default year filled in)."""
        from drafter.facts import Fact, Facts
        from drafter.pipeline import default_year

        meta = dict(self.meta)
        meta.setdefault("year", default_year())
        items = [Fact(f["text"], number, f.get("heading")) for number, f in enumerate(self.facts, 1)]
        return Facts(items, meta, f"session {self.id}")

    def role_object(self):
        """The session's Role; an InputError when none is chosen yet."""
        from drafter.roles import get_role

        if not self.role:
            raise InputError("no role chosen yet", hint="type /role")
        return get_role(self.role)

    def set_role(self, name: str, save: bool = True) -> None:
        """Choose the role (id or alias); a different role starts a fresh section plan."""
        from drafter.roles import get_role

        role = get_role(name)
        if role.id == self.role:
            return
        self.role = role.id
        self.sections = []
        if self.stage == "role":
            self.stage = "facts"
        elif self.stage != "facts":
            self.stage = "drafting"
        self.sync_plan()
        if save:
            self.changed()

    def add_fact(self, text: str, heading: str | None = None) -> int:
        """Add a fact, re-plan the sections and autosave; return its number."""
        text = clean_fact_line(text)
        if not text:
            raise InputError("an empty fact", hint="write the fact after /add, e.g. /add Closed 418 settlements")
        self.facts.append({"text": text, "heading": heading})
        self.sync_plan()
        self.changed()
        return len(self.facts)

    def drop_fact(self, number: int | str) -> str:
        """Remove fact number N (1-based), re-plan and autosave; return the removed text."""
        try:
            index = int(str(number).strip()) - 1
        except ValueError:
            raise InputError(f"/drop needs a fact number, got {number!r}", hint="type /facts for the numbers") from None
        if not 0 <= index < len(self.facts):
            raise InputError(f"no fact number {index + 1}; there are {len(self.facts)}", hint="type /facts")
        removed = self.facts.pop(index)["text"]
        self.sync_plan()
        self.changed()
        return removed

    def plan(self):
        """The role's section plan for the current facts (PlannedSection list)."""
        from drafter.roles import plan_sections

        return plan_sections(self.role_object(), self.facts_object())

    def sync_plan(self) -> list[str]:
        """Match the sections to the plan for the current facts; return ids of accepted sections now stale.

        Sections whose facts changed go back to pending (their text is redrafted); accepted ones keep the
        user's text and are marked stale instead, so nothing accepted is lost without asking.
        """
        if not self.role:
            return []
        old = {s.id: s for s in self.sections}
        sections: list[SectionState] = []
        stale: list[str] = []
        plan = self.plan()
        for index, planned in enumerate(plan):
            facts = drafting_basis(plan, index)
            section = old.get(planned.section.id) or SectionState(planned.section.id, planned.section.title)
            if section.status != "pending" and facts != section.drafted_from:
                if section.status == "accepted":
                    section.stale = True
                    stale.append(section.id)
                else:
                    section.status, section.error = "pending", None
            sections.append(section)
        self.sections = sections
        return stale

    def finish_facts(self) -> None:
        """End fact entry and move on to drafting; an InputError without facts or role."""
        if not self.facts:
            raise InputError("no facts yet", hint="type one fact per line, e.g. 'Closed 418 settlements'")
        self.role_object()
        self.stage = "drafting"
        self.sync_plan()
        self.save()

    # sections ----------------------------------------------------------------------------------------------------

    def find_section(self, key: str | None, default: int | None = None) -> int:
        """A section's index from its number, id or title (prefix, case-insensitive), or `default` when key is empty."""
        key = (key or "").strip().lower()
        if not key:
            if default is None:
                raise InputError("which section?", hint="give its number or id: " + self.section_names())
            return default
        if key.isdigit() and 1 <= int(key) <= len(self.sections):
            return int(key) - 1
        for matcher in (lambda s: s.id == key, lambda s: s.title.lower() == key,
                        lambda s: s.id.startswith(key) or s.title.lower().startswith(key)):
            found = [i for i, s in enumerate(self.sections) if matcher(s)]
            if len(found) == 1:
                return found[0]
        raise InputError(f"no section {key!r}", hint="sections: " + self.section_names())

    def section_names(self) -> str:
        """The sections as '1 overview, 2 results, ...' for hints."""
        return ", ".join(f"{n} {s.id}" for n, s in enumerate(self.sections, 1)) or "(none yet)"

    def next_section(self) -> int | None:
        """The first section not yet accepted, or None when all are."""
        for index, section in enumerate(self.sections):
            if section.status != "accepted":
                return index
        return None

    @property
    def done_count(self) -> int:
        """How many sections are accepted."""
        return sum(s.status == "accepted" for s in self.sections)

    def requests(self, settings):
        """The backend requests for the current plan, one per section, in plan order."""
        from drafter.pipeline import build_requests

        return build_requests(self.role_object(), self.facts_object(), settings, self.plan())

    def draft_section(self, index: int, backend, settings, on_chunk: Callable[[str], None] | None = None) -> str:
        """Stream one section from the backend into the state; return 'draft', 'interrupted' or re-raise the error.

        Ctrl-C stops this section only and keeps what arrived (status 'partial'); a DrafterError keeps the
        partial text too, is recorded on the section, autosaved and re-raised for the caller to show.
        """
        from drafter.backends import Usage
        from drafter.pipeline import tidy_section_text

        plan = self.plan()
        section = self.sections[index]
        request = self.requests(settings)[index]
        usage = Usage()
        pieces: list[str] = []
        chunks = backend.stream(request, usage)
        outcome = "draft"
        error: DrafterError | None = None
        try:
            for chunk in chunks:
                pieces.append(chunk)
                if on_chunk:
                    on_chunk(chunk)
        except KeyboardInterrupt:
            outcome = "interrupted"
        except DrafterError as exc:
            error = exc
        finally:
            close = getattr(chunks, "close", None)
            if close:
                close()
        section.text = tidy_section_text("".join(pieces), section.title)
        section.drafted_from = drafting_basis(plan, index)
        section.stale = False
        if error is not None:
            section.status, section.error = ("partial" if pieces else "failed"), error.message
        elif outcome == "interrupted":
            section.status, section.error = ("partial" if pieces else "failed"), "interrupted"
        else:
            section.status, section.error = "draft", None
        if not (usage.input_tokens or usage.output_tokens) and getattr(backend, "name", "") != "offline":
            usage.input_tokens = estimate_tokens(" ".join(m["content"] for m in request.messages))
            usage.output_tokens = estimate_tokens("".join(pieces))
            self.tokens_estimated = True
        self.input_tokens += usage.input_tokens
        self.output_tokens += usage.output_tokens
        self.changed()
        if error is not None:
            raise error
        return outcome

    def accept(self, index: int) -> None:
        """Accept a section's current text."""
        section = self.sections[index]
        section.status, section.stale = "accepted", False
        self.changed()

    def set_text(self, index: int, text: str) -> bool:
        """Replace a section's text with the user's edit; return False when nothing changed."""
        section = self.sections[index]
        text = text.strip()
        if text == section.text.strip():
            return False
        section.text = text
        if section.status != "accepted":
            section.status, section.error = "draft", None
        self.changed()
        return True

    def reset_section(self, index: int) -> None:
        """Send a section back to pending so the next step drafts it again."""
        section = self.sections[index]
        section.status, section.error = "pending", None
        self.changed()

    # where the session drafts --------------------------------------------------------------------------------------

    def remember_server(self, settings) -> None:
        """Record the backend, model and base URL the session drafts with, for --resume; never the API key (a base
        URL that holds the key is not recorded at all, so a resume falls back to the flags and environment)."""
        from drafter.config import redact

        base_url = settings.base_url if settings.backend != "offline" else None
        if base_url and redact(base_url, settings.api_key) != base_url:
            self.server = None
            return
        self.server = {"backend": settings.backend, "model": settings.model, "base_url": base_url}

    def server_settings(self, settings):
        """`settings` with the backend, model and base URL this session was drafting with, for --resume.

        Flags on the command line win: a flagged backend other than the saved one keeps none of the saved values
        (they belong to the other backend); otherwise each saved value not flagged is restored, over the
        environment and the config file. The API key always comes from the settings. A session file from before
        these were kept restores nothing.
        """
        import dataclasses

        saved = self.server
        if not saved:
            return settings
        flagged = {name for name in SERVER_SETTINGS if settings.sources.get(name) == "flag"}
        backend = settings.backend if flagged else saved["backend"]
        if backend != saved["backend"]:
            return settings
        restored = dataclasses.replace(settings, sources=dict(settings.sources))
        for name in SERVER_SETTINGS:
            if name not in flagged:
                setattr(restored, name, saved.get(name))
                restored.sources[name] = f"session {self.path}"
        if restored.backend == "offline":
            restored.model, restored.base_url = "offline", None
        return restored

    # the whole draft ---------------------------------------------------------------------------------------------

    def to_draft(self):
        """The session as a pipeline Draft: drafted sections (accepted or not); pending ones are left out.

        As in `drafter draft`, cleanup looks for prompt echoes only in a model's text: the offline writer never
        recites its prompt, and its overview names the other sections on purpose.
        """
        from drafter.config import Settings
        from drafter.pipeline import Draft, SectionDraft, draft_title, prompt_instructions

        role, facts = self.role_object(), self.facts_object()
        sections = [SectionDraft(s.id, s.title, s.text, "done" if s.status in ("accepted", "draft") else s.status,
                                 error=s.error)
                    for s in self.sections if s.status != "pending" and (s.text or s.status != "failed")]
        backend = self.backend or "offline"
        echo_of = prompt_instructions(self.requests(Settings()), facts) if backend != "offline" else []
        return Draft(role, facts, draft_title(role, facts), sections, backend, self.model or "offline",
                     instructions=echo_of)

    def finished_draft(self, clean: bool = True):
        """The whole draft after the pipeline's cleanup and grounding (pipeline.finish)."""
        from drafter.pipeline import finish

        draft = self.to_draft()
        if not draft.sections:
            raise InputError("nothing drafted yet")
        return finish(draft, clean=clean)

    def review_section(self, index: int) -> "SectionReview":
        """What cleanup and grounding make of one drafted section, as /save would write it.

        The whole draft is cleaned (a sentence repeating another section counts as this section's edit), then the
        section's cleaned text is checked against the facts; only its own planned facts can be missing, so the
        overview (which has none) never lists an omission.
        """
        from drafter import grounding
        from drafter.pipeline import finish, fixed_text

        section = self.sections[index]
        draft = self.to_draft()
        titles = [s.title for s in draft.sections]
        if section.title not in titles:
            return SectionReview("")
        lines = section_line_numbers(draft.markdown(), titles).get(section.title, range(0))
        finish(draft)
        cleaned = draft.sections[titles.index(section.title)].text
        edits = [edit for edit in draft.cleanup.edits if edit.line in lines]
        report = grounding.check(cleaned, draft.facts, fixed_text=fixed_text(draft.role, draft.facts))
        own = {fact.text for fact in self.plan()[index].facts}
        omitted = [omission for omission in report.omitted if omission.text in own]
        return SectionReview(cleaned, edits, report.unsupported, report.placeholders, omitted)

    def save_output(self, path: str | Path | None = None, clean: bool = True):
        """Write the cleaned summary atomically to `path` (or the -o path); remember it; return (path, draft)."""
        from drafter import render
        from drafter.files import atomic_write, check_output_path

        target = path or self.output
        if not target:
            raise InputError("no file to save to", hint="use /save FILE")
        target = Path(str(target)).expanduser().absolute()
        check_output_path(target, self.facts_file, "facts")
        draft = self.finished_draft(clean=clean)
        from drafter import office

        office_fmt = office.format_for(target, None)
        if office_fmt:  # /save summary.pptx writes the deck, as /export does
            from drafter.office.summary import from_draft

            office.check_request(office_fmt, target)
            atomic_write(target, office.render(from_draft(draft), office_fmt))
        else:
            fmt = {".json": "json", ".txt": "txt"}.get(target.suffix.lower(), "md")
            atomic_write(target, render.render(draft, fmt))
        self.output = str(target)
        self.saved_to = str(target)
        self.saved_revision = self.revision
        self.finished = self.next_section() is None
        self.save()
        return target, draft

    def export_output(self, path: str | Path) -> Path:
        """Write the cleaned summary as a .docx or .pptx (by the file's extension) atomically; return its path."""
        from drafter import office
        from drafter.files import check_output_path
        from drafter.office.summary import from_draft

        target = Path(str(path)).expanduser().absolute()
        fmt = office.format_for(target, None)
        if fmt is None:
            raise InputError(f"{path}: /export writes a .docx or .pptx file", hint="/save writes Markdown")
        office.check_request(fmt, target)
        check_output_path(target, self.facts_file, "facts")
        office.write(from_draft(self.finished_draft()), target, fmt)
        return target

    def close(self) -> None:
        """Leave the session: record the time; the state stays on disk for --resume."""
        self.save()


@dataclass
class SectionReview:
    """One section's cleanup and grounding: its cleaned text, the cleanup edits made in it, the claims the facts do
    not support, the placeholders left unfilled and the section's own facts it never states."""

    text: str
    edits: list = field(default_factory=list)
    unsupported: list = field(default_factory=list)
    placeholders: list = field(default_factory=list)
    omitted: list = field(default_factory=list)

    def edit_summary(self) -> str:
        """The edits as one line: 'Cleanup: 2 edits (junk 1, duplicate-sentence 1)', or 'Cleanup: no edits'."""
        if not self.edits:
            return "Cleanup: no edits"
        kinds: dict[str, int] = {}
        for edit in self.edits:
            kinds[edit.kind] = kinds.get(edit.kind, 0) + 1
        counts = ", ".join(f"{kind} {count}" for kind, count in kinds.items())
        return f"Cleanup: {len(self.edits)} edit{'' if len(self.edits) == 1 else 's'} ({counts})"

    def finding_lines(self) -> list[str]:
        """One line per grounding finding: each unsupported claim with its verdict and reason, each placeholder
        left, each of the section's facts left out."""
        lines = []
        for claim in self.unsupported:
            reason = claim.reason or f"{claim.text} is not in the facts"
            lines.append(f"{claim.verdict or 'unsupported'} {claim.text!r}: {reason}")
        lines += [f"placeholder {place['text']!r}: no front-matter value fits" for place in self.placeholders]
        lines += [f"omitted: {omission.text}" for omission in self.omitted]
        return lines


def section_line_numbers(markdown: str, titles: list[str]) -> dict[str, range]:
    """The 1-based lines of each '## title' block in drafter's Markdown (Draft.markdown), heading included."""
    lines = markdown.split("\n")
    starts = [(number, line[3:].strip()) for number, line in enumerate(lines, 1)
              if line.startswith("## ") and line[3:].strip() in titles]
    ends = [number for number, _ in starts[1:]] + [len(lines) + 1]
    return {title: range(start, end) for (start, title), end in zip(starts, ends)}


# the session store -------------------------------------------------------------------------------------------------


DAMAGED_HINT = "move the file out of the sessions folder (or delete it); the other sessions are not affected"
SESSION_ID_CHARS = re.compile(r"[A-Za-z0-9_-]+")
SCALAR = (str, int, float, bool, type(None))
OPTIONAL_TEXT = (str, type(None))
SESSION_FIELD_TYPES: dict[str, type | tuple[type, ...]] = {
    "id": str, "role": OPTIONAL_TEXT, "facts": list, "meta": dict, "sections": list, "output": OPTIONAL_TEXT,
    "stage": str, "created": str, "updated": str, "backend": str, "model": str, "input_tokens": int,
    "output_tokens": int, "tokens_estimated": bool, "revision": int, "saved_revision": int,
    "saved_to": OPTIONAL_TEXT, "finished": bool, "server": (dict, type(None)),
}
SERVER_FIELD_TYPES: dict[str, type | tuple[type, ...]] = {"backend": str, "model": str, "base_url": OPTIONAL_TEXT}
SECTION_FIELD_TYPES: dict[str, type | tuple[type, ...]] = {
    "id": str, "title": str, "text": str, "status": str, "error": OPTIONAL_TEXT, "drafted_from": list, "stale": bool,
}


def _type_name(kinds: type | tuple[type, ...]) -> str:
    kinds = kinds if isinstance(kinds, tuple) else (kinds,)
    names = {str: "a string", int: "a whole number", bool: "true or false", list: "a list", dict: "an object",
             type(None): "null"}
    return " or ".join(names.get(k, k.__name__) for k in kinds)


def _wrong_field(data: Any, types: dict[str, type | tuple[type, ...]], where: str) -> str | None:
    """What is wrong with `data` (a JSON object) and its fields' types, or None when nothing is."""
    if not isinstance(data, dict):
        return f"{where} is not an object"
    for name, kinds in types.items():
        if name not in data:
            continue
        value = data[name]
        wrong_bool = isinstance(value, bool) and bool not in (kinds if isinstance(kinds, tuple) else (kinds,))
        if wrong_bool or not isinstance(value, kinds):
            return f"{where}{name} is not {_type_name(kinds)}"
    return None


def session_data_problem(data: Any) -> str | None:
    """What keeps `data` from being a saved session (the first field with a wrong type), or None."""
    if not isinstance(data, dict) or not isinstance(data.get("id"), str) or not data["id"]:
        return "no session id"
    problem = _wrong_field(data, SESSION_FIELD_TYPES, "")
    for number, fact in enumerate(data.get("facts", [])):
        problem = problem or _wrong_field(fact, {"text": str, "heading": OPTIONAL_TEXT}, f"facts[{number}].")
        if problem is None and "text" not in fact:
            problem = f"facts[{number}] has no text"
    for key, value in data.get("meta", {}).items() if problem is None else ():
        if not isinstance(value, SCALAR):
            problem = problem or f"meta.{key} is not a string or a number"
    problem = problem or server_problem(data.get("server"))
    for number, section in enumerate(data.get("sections", []) if problem is None else ()):
        where = f"sections[{number}]."
        problem = problem or _wrong_field(section, SECTION_FIELD_TYPES, where)
        if problem is None and not {"id", "title"} <= section.keys():
            problem = f"sections[{number}] has no id or title"
        if problem is None and section.get("status", "pending") not in STATUSES:
            problem = f"{where}status is not one of {', '.join(STATUSES)}"
        if problem is None and not all(isinstance(item, str) for item in section.get("drafted_from", [])):
            problem = f"{where}drafted_from is not a list of strings"
    return problem


def server_problem(server: Any) -> str | None:
    """What is wrong with a session's saved backend, model and base URL, or None (also for none saved)."""
    from drafter.backends import BACKEND_NAMES
    from drafter.config import check_base_url

    if server is None:
        return None
    problem = _wrong_field(server, SERVER_FIELD_TYPES, "server.")
    if problem is None and not {"backend", "model"} <= server.keys():
        problem = "server has no backend or model"
    if problem is None and server["backend"] not in BACKEND_NAMES:
        problem = f"server.backend is not one of {', '.join(BACKEND_NAMES)}"
    if problem is None and not server["model"].strip():
        problem = "server.model is empty"
    if problem is None and server.get("base_url"):
        try:
            check_base_url(server["base_url"])
        except InputError:
            problem = "server.base_url is not an http:// or https:// URL"
    return problem


def load_session(session_id: str, folder: Path | None = None) -> Session:
    """Read one session by id (or a unique id prefix); an unknown id or a damaged file is an InputError."""
    folder = folder or sessions_dir()
    if not SESSION_ID_CHARS.fullmatch(session_id or ""):
        raise InputError(f"no session {session_id!r}", hint="drafter sessions lists them")
    path = folder / f"{session_id}.json"
    if not path.is_file():
        matches = [p for p in sorted(folder.glob(f"{session_id}*.json")) if p.is_file()] if folder.is_dir() else []
        if len(matches) != 1:
            raise InputError(f"no session {session_id!r}", hint="drafter sessions lists them")
        path = matches[0]
    return read_session_file(path, folder)


def read_session_file(path: Path, folder: Path | None = None) -> Session:
    """The session saved in `path`; an InputError naming the file (and field) when it is unreadable or damaged."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(f"{path}: cannot read the session ({exc.strerror or exc.__class__.__name__})") from None
    except UnicodeDecodeError:
        raise InputError(f"{path}: damaged session file (not UTF-8 text)", hint=DAMAGED_HINT) from None
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}: damaged session file (not valid JSON at line {exc.lineno})",
                         hint=DAMAGED_HINT) from None
    except (ValueError, RecursionError):
        raise InputError(f"{path}: damaged session file (not valid JSON)", hint=DAMAGED_HINT) from None
    problem = session_data_problem(data)
    if problem:
        raise InputError(f"{path}: damaged session file ({problem})", hint=DAMAGED_HINT)
    return Session.from_dict(data, folder=folder)


def list_sessions(folder: Path | None = None, damaged: list[str] | None = None) -> list[Session]:
    """Every readable session, most recently changed first; each damaged file is skipped, and its one-line
    description added to `damaged` when given."""
    folder = folder or sessions_dir()
    if not folder.is_dir():
        return []
    sessions = []
    for path in sorted(folder.glob("*.json")):
        if not path.is_file():
            continue
        try:
            sessions.append(read_session_file(path, folder))
        except InputError as exc:
            if damaged is not None:
                damaged.append(exc.message)
    return sorted(sessions, key=lambda s: (s.updated, s.id), reverse=True)


def latest_unfinished(folder: Path | None = None) -> Session:
    """The most recently changed unfinished session; an InputError when there is none."""
    for session in list_sessions(folder):
        if not session.finished:
            return session
    raise InputError("no unfinished session to resume", hint="start one with: drafter session")


def describe(session: Session) -> str:
    """One line for `drafter sessions`: id, when, role, facts, progress, where it was saved."""
    when = session.updated.replace("T", " ")[:16]
    progress = f"{session.done_count}/{len(session.sections)} sections" if session.sections else session.stage
    state = "finished" if session.finished else "unfinished"
    saved = f", saved to {session.saved_to}" if session.saved_to else ""
    return f"{session.id}  {when}  {session.role or '(no role)'}  {len(session.facts)} facts  {progress}  {state}{saved}"


# completion --------------------------------------------------------------------------------------------------------


def completions(line: str, session: Session | None = None, roles: Iterable[str] = ()) -> list[str]:
    """Tab candidates for the last word of `line`: command names, then section ids or role ids as arguments."""
    words = line.split(" ")
    current = words[-1]
    if len(words) == 1:
        return sorted(name for name in COMMANDS if name.startswith(current.lower())) if current.startswith("/") else []
    command = words[0].lower()
    if len(words) != 2:
        return []
    if command in SECTION_COMMANDS and session is not None:
        options = [s.id for s in session.sections]
    elif command == "/role":
        options = list(roles)
    elif command in ("/save", "/export"):
        return _path_completions(current)
    else:
        return []
    return sorted(o for o in options if o.startswith(current.lower()))


def _path_completions(prefix: str) -> list[str]:
    folder, _, stem = prefix.rpartition("/")
    base = Path(os.path.expanduser(folder or "."))
    try:
        names = sorted(p.name + ("/" if p.is_dir() else "") for p in base.iterdir() if p.name.startswith(stem))
    except OSError:
        return []
    return [(folder + "/" if folder else "") + name for name in names if not name.startswith(".") or stem.startswith(".")]


def help_lines() -> list[str]:
    """The /help text, one line per command."""
    return [f"{name:<8} {text}" for name, text in COMMANDS.items()]
