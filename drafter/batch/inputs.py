"""A team's facts: every facts file in a folder, or one CSV / JSONL row per person, as People.

A person whose facts cannot be read carries its one-line error instead of facts: it fails alone and the batch
goes on. Only a source that cannot be read at all (a missing folder, a CSV without a facts column) is an
InputError for the whole batch.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from dataclasses import dataclass, field
from pathlib import Path

from drafter.errors import DrafterError, InputError, printable
from drafter.facts import Fact, Facts, load_facts
from drafter.files import read_text

FACTS_SUFFIXES = (".md", ".markdown", ".yaml", ".yml", ".json")  # the files a team folder's people are in
TABLE_SUFFIXES = {".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl"}
ROW_FIELDS = ("name", "role", "year", "organisation")  # the columns a row gives besides its facts
FACTS_FIELD = "facts"
FACT_SEPARATOR = ";"  # a one-line facts cell holds several facts separated by this
SKIPPED_NAMES = ("index.md", "manifest.json", "index.json")  # a batch's own files, when -o is inside the team folder
SKIPPED_STEMS = ("readme",)  # a folder's own notes, not a person


@dataclass
class Person:
    """One person of a batch: where their facts came from, the facts (or the error reading them) and a
    fingerprint of the source that changes whenever the facts do."""

    label: str  # the file, or FILE:LINE for a row
    stem: str  # the file's stem, or STEM-LINE for a row: what the output's name is made from
    facts: Facts | None
    fingerprint: str
    error: str | None = None
    line: int | None = None
    extra: dict = field(default_factory=dict)

    @property
    def name(self) -> str:
        """The person's name from the facts' front matter or row ('' when none is given or the facts are bad)."""
        if self.facts is not None:
            return self.facts.get("name") or ""
        return self.extra.get("name", "")


def _digest(data: bytes) -> str:
    """The sha256 of a person's source bytes: it changes when their facts do."""
    return hashlib.sha256(data).hexdigest()


def load_people(source: str | Path) -> list[Person]:
    """The people of a team folder, a CSV file or a JSONL file; an InputError when the source itself is unusable."""
    path = Path(source)
    if path.is_dir():
        return _folder_people(path)
    if not path.exists():
        raise InputError(f"{source}: no such folder or file", hint="give a team folder of facts files, a .csv or a .jsonl")
    kind = TABLE_SUFFIXES.get(path.suffix.lower())
    if kind is None:
        raise InputError(f"{source}: expected a team folder, a .csv or a .jsonl file",
                         hint="for one person's facts use 'drafter draft FILE'")
    text, label = read_text(path)
    people = _csv_people(text, label, path.stem) if kind == "csv" else _jsonl_people(text, label, path.stem)
    if not people:
        raise InputError(f"{label}: holds no people", hint="one row per person: name, role, year, organisation, facts")
    return people


def _folder_people(folder: Path) -> list[Person]:
    """One person per facts file directly in `folder` (sorted by name; hidden files and the batch's own skipped)."""
    try:
        entries = sorted(folder.iterdir(), key=lambda p: p.name)
    except OSError as exc:
        raise InputError(f"{folder}: cannot list the folder ({exc.strerror or exc})") from None
    files = [p for p in entries if p.suffix.lower() in FACTS_SUFFIXES and not p.name.startswith(".")
             and p.name not in SKIPPED_NAMES and p.stem.lower() not in SKIPPED_STEMS and p.is_file()]
    if not files:
        raise InputError(f"{folder}: holds no facts files ({', '.join('*' + s for s in FACTS_SUFFIXES)})")
    return [_file_person(path) for path in files]


def _file_person(path: Path) -> Person:
    """A person from one facts file; a file that cannot be read or parsed gives a person with its error."""
    try:
        fingerprint = _digest(path.read_bytes())
    except OSError as exc:
        return Person(str(path), path.stem, None, "", f"{path}: cannot read ({exc.strerror or exc})")
    try:
        facts = load_facts(path)
    except DrafterError as exc:
        return Person(str(path), path.stem, None, fingerprint, exc.message)
    return Person(str(path), path.stem, facts, fingerprint)


def split_facts(cell: str) -> list[str]:
    """The facts of a row's cell: one per line, else ';'-separated; bullets and blank pieces dropped."""
    pieces = cell.splitlines() if "\n" in cell.strip() else cell.split(FACT_SEPARATOR)
    out = []
    for piece in pieces:
        piece = piece.strip().lstrip("-*•").strip()
        if piece:
            out.append(" ".join(piece.split()))
    return out


def row_person(row: dict, label: str, stem: str, line: int, raw: bytes) -> Person:
    """A person from one CSV or JSONL row (a mapping of field to value); a bad row gives a person with its error."""
    where = f"{label}:{line}"
    fingerprint = _digest(raw)
    facts_value = row.get(FACTS_FIELD)
    if isinstance(facts_value, list):
        if not all(isinstance(v, (str, int, float)) and not isinstance(v, bool) for v in facts_value):
            return Person(where, f"{stem}-{line}", None, fingerprint, f"{where}: field 'facts' must hold strings")
        texts = [" ".join(str(v).split()) for v in facts_value if str(v).strip()]
    elif isinstance(facts_value, str):
        texts = split_facts(facts_value)
    elif facts_value is None:
        texts = []
    else:
        return Person(where, f"{stem}-{line}", None, fingerprint,
                      f"{where}: field 'facts' must be text or a list, got {type(facts_value).__name__}")
    meta = {}
    for key, value in row.items():
        if key is None or key == FACTS_FIELD or value is None or isinstance(value, (dict, list)):
            continue
        key = str(key).strip().lower()
        text = str(value).strip()
        if key and text:
            meta[key] = text
    if not texts:
        return Person(where, f"{stem}-{line}", None, fingerprint, f"{where}: no facts found",
                      extra={"name": meta.get("name", "")})
    facts = Facts([Fact(text, line) for text in texts], meta, where)
    return Person(where, f"{stem}-{line}", facts, fingerprint, line=line)


def _csv_people(text: str, label: str, stem: str) -> list[Person]:
    """One person per CSV row; the header must name a facts column."""
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [str(name).strip().lower() for name in (reader.fieldnames or [])]
    if FACTS_FIELD not in header:
        raise InputError(f"{label}:1: the header has no 'facts' column",
                         hint="columns: " + ", ".join((*ROW_FIELDS, FACTS_FIELD)))
    reader.fieldnames = header
    people = []
    end = 1  # the line the header (then each row) ends on: a quoted cell may span lines
    try:
        for row in reader:
            line, end = end + 1, reader.line_num
            if not any((value or "").strip() for key, value in row.items() if isinstance(value, str)):
                continue  # a blank line
            raw = json.dumps(row, sort_keys=True, ensure_ascii=False).encode()
            people.append(row_person(row, label, stem, line, raw))
    except csv.Error as exc:
        raise InputError(f"{label}:{reader.line_num}: malformed CSV ({exc})") from None
    return people


def _jsonl_people(text: str, label: str, stem: str) -> list[Person]:
    """One person per JSONL line; a line that is not a JSON object fails that person only."""
    people = []
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        raw = line.encode()
        try:
            row = json.loads(line)
        except (json.JSONDecodeError, RecursionError, ValueError) as exc:
            reason = exc.msg if isinstance(exc, json.JSONDecodeError) else exc.__class__.__name__
            people.append(Person(f"{label}:{number}", f"{stem}-{number}", None, _digest(raw),
                                 f"{label}:{number}: malformed JSON ({reason})"))
            continue
        if not isinstance(row, dict):
            people.append(Person(f"{label}:{number}", f"{stem}-{number}", None, _digest(raw),
                                 f"{label}:{number}: expected an object with 'facts', got {printable(type(row).__name__)}"))
            continue
        people.append(row_person(row, label, stem, number, raw))
    return people
