"""The run's state in the output folder, so that a batch cut short (Ctrl-C, a crash, kill -9) resumes where it was.

`manifest.json` is a snapshot, replaced atomically (files.atomic_write). After each person one JSON line is
appended to `manifest.log` and synced: a person's record is there whole or, when the run died mid-write, not at
all (a torn last line is ignored). Loading reads the snapshot and replays the log; `compact` folds the log into a
new snapshot. So each person costs one short write, however large the team.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any, Iterable

from drafter.errors import InputError, OutputError
from drafter.files import atomic_write

MANIFEST_NAME = "manifest.json"
LOG_NAME = "manifest.log"
VERSION = 1
FINISHED = ("done", "needs review")  # a person with a draft written
STATUSES = ("failed", "needs review", "done", "pending")  # the order the index shows them in


def run_key(fingerprint: str, signature: dict[str, Any]) -> str:
    """What a person's draft depends on: their facts' fingerprint and the run's settings (model, role, format…)."""
    material = json.dumps({"facts": fingerprint, "settings": signature}, sort_keys=True)
    return hashlib.sha256(material.encode()).hexdigest()[:32]


class Manifest:
    """The people of a batch by id, each a JSON-ready record (status, file, key, words, warnings, tokens, cost…)."""

    def __init__(self, folder: Path, source: str = "", people: dict[str, dict] | None = None) -> None:
        self.folder = folder
        self.source = source
        self.people: dict[str, dict] = people or {}

    @property
    def path(self) -> Path:
        """The snapshot, manifest.json."""
        return self.folder / MANIFEST_NAME

    @property
    def log_path(self) -> Path:
        """The log of records since the snapshot, manifest.log."""
        return self.folder / LOG_NAME

    @classmethod
    def load(cls, folder: Path) -> "Manifest | None":
        """The manifest in `folder` with its log replayed; None when there is none; an InputError when damaged."""
        path = folder / MANIFEST_NAME
        log = folder / LOG_NAME
        if not path.exists() and not log.exists():
            return None
        manifest = cls(folder)
        if path.exists():
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
                if not isinstance(data, dict) or not isinstance(data.get("people"), list):
                    raise ValueError("no 'people' list")
            except (OSError, ValueError) as exc:
                raise InputError(f"{path}: is not a drafter batch manifest ({exc})",
                                 hint="move it away to start the batch over, or write to another folder") from None
            manifest.source = str(data.get("source", ""))
            manifest.people = {str(p["id"]): p for p in data["people"] if isinstance(p, dict) and "id" in p}
        for record in _log_records(log):
            manifest.people[str(record["id"])] = record
        return manifest

    def record(self, entry: dict) -> None:
        """Add or replace one person's record and append it to the log, synced to disk."""
        self.people[entry["id"]] = entry
        line = (json.dumps(entry, ensure_ascii=False, sort_keys=True) + "\n").encode("utf-8")
        try:
            fd = os.open(self.log_path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o666)
            try:
                os.write(fd, line)
                os.fsync(fd)
            finally:
                os.close(fd)
        except OSError as exc:
            raise OutputError(f"{self.log_path}: cannot write ({exc.strerror or exc})") from None

    def compact(self) -> None:
        """Write every record into a new snapshot atomically, then empty the log it now holds."""
        data = {"version": VERSION, "source": self.source, "people": list(self.people.values())}
        atomic_write(self.path, json.dumps(data, ensure_ascii=False, indent=1) + "\n")
        try:
            self.log_path.unlink()
        except FileNotFoundError:
            pass
        except OSError as exc:
            raise OutputError(f"{self.log_path}: cannot remove ({exc.strerror or exc})") from None

    def finished(self, person_id: str, key: str) -> bool:
        """True when the person has a draft from the same facts and settings, and its file is still there."""
        entry = self.people.get(person_id)
        return bool(entry and entry.get("status") in FINISHED and entry.get("key") == key and entry.get("file")
                    and (self.folder / entry["file"]).is_file())

    def files(self) -> set[str]:
        """The draft files this batch wrote or named (its own to overwrite)."""
        return {entry["file"] for entry in self.people.values() if entry.get("file")}

    def keep_only(self, ids: Iterable[str]) -> None:
        """Forget people no longer in the source (their files stay)."""
        wanted = set(ids)
        self.people = {pid: entry for pid, entry in self.people.items() if pid in wanted}


def _log_records(log: Path) -> list[dict]:
    """The whole records of a log; a line cut short by a crash (no newline, or not JSON) is left out."""
    try:
        data = log.read_bytes()
    except FileNotFoundError:
        return []
    except OSError as exc:
        raise InputError(f"{log}: cannot read ({exc.strerror or exc})") from None
    records = []
    for line in data.split(b"\n")[:-1]:  # the piece after the last newline was never finished
        try:
            record = json.loads(line)
        except ValueError:
            continue
        if isinstance(record, dict) and "id" in record:
            records.append(record)
    return records
