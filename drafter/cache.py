"""The response cache: complete model replies in SQLite under $DRAFTER_HOME/cache, so a rerun costs nothing.

Keys are the sha256 of the base URL, model, messages and sampling parameters (never the API key, which is not
part of a request's meaning). Only complete replies are stored, each in one transaction (WAL journal), so an
interrupted write leaves the previous state. A file that is not a sound SQLite database is deleted and
rebuilt empty with a one-line warning (it only ever holds replies that can be asked for again); an SQLite file
holding tables drafter did not make is moved aside, not deleted, and a new cache started. A tampered entry (a
wrong type, bytes that are not UTF-8) is a miss and is dropped. Past the size limit the least recently used
entries are evicted. Nothing the cache meets ever fails a draft.

Each reply keeps the finish reason the server gave ('length' for one cut at the output token limit), so a rerun
from the cache warns as the first run did, and the messages it answered (JSON), so a rerun removes the same prompt
echoes (drafter/echo.py) as the first run did. A cache made before those columns existed gains them, empty, when
opened.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from drafter.config import drafter_home

CACHE_FILE = "responses.sqlite3"
DEFAULT_MAX_MB = 50.0
KEY_VERSION = 1

SCHEMA = """
CREATE TABLE IF NOT EXISTS responses (
    key TEXT PRIMARY KEY,
    model TEXT NOT NULL,
    text TEXT NOT NULL,
    input_tokens INTEGER NOT NULL,
    output_tokens INTEGER NOT NULL,
    size INTEGER NOT NULL,
    created REAL NOT NULL,
    used REAL NOT NULL,
    finish_reason TEXT NOT NULL DEFAULT '',
    messages TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS responses_used ON responses(used);
"""
COLUMNS = ["key", "model", "text", "input_tokens", "output_tokens", "size", "created", "used", "finish_reason",
           "messages"]
# Columns a cache made by an earlier drafter lacks, added (empty) in this order when it is opened
LATER_COLUMNS = {"finish_reason": "ALTER TABLE responses ADD COLUMN finish_reason TEXT NOT NULL DEFAULT ''",
                 "messages": "ALTER TABLE responses ADD COLUMN messages TEXT NOT NULL DEFAULT ''"}
OWN_OBJECTS = {("table", "responses"), ("index", "responses_used"), ("index", "sqlite_autoindex_responses_1")}
FOREIGN_SUFFIX = ".foreign"  # where a file with someone else's tables is moved
SIDE_FILES = ("-wal", "-shm", "-journal")
# Faults from SQLite itself or from a stored value of the wrong kind (a size that is text, a count past 64 bits)
CACHE_FAULTS = (sqlite3.Error, ValueError, TypeError, OverflowError)


def cache_dir() -> Path:
    """Where the cache lives: $DRAFTER_HOME/cache."""
    return drafter_home() / "cache"


def cache_path() -> Path:
    """The cache database file."""
    return cache_dir() / CACHE_FILE


def cache_key(base_url: str, model: str, messages: list[dict[str, Any]], **params: Any) -> str:
    """The sha256 (hex) naming a request: base URL, model, messages and sampling parameters such as max_tokens."""
    material = {"v": KEY_VERSION, "base_url": base_url.rstrip("/"), "model": model, "messages": messages,
                "params": params}
    data = json.dumps(material, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(data.encode("utf-8")).hexdigest()


@dataclass
class CachedReply:
    """A stored reply, the usage the server reported for it, why it ended ('stop', 'length', or '' unknown) and the
    messages it answered (None when the entry predates them)."""

    text: str
    input_tokens: int
    output_tokens: int
    finish_reason: str = ""
    messages: list[dict[str, Any]] | None = None


def _reply_from_row(row: tuple) -> CachedReply | None:
    """A reply from (typeof(text), text as bytes, typeof and value of each token count, typeof and value of the
    finish reason), or None when a value is not what put() stores: text that is not UTF-8 text, counts that are
    not whole numbers from 0, or a finish reason or messages that are not text (messages that are not a JSON list of
    messages are None: the reply is still good)."""
    text_type, data, input_type, input_tokens, output_type, output_tokens, finish_type, finish_reason = row[:8]
    messages_type, messages_json = row[8:]
    if text_type != "text" or input_type != "integer" or output_type != "integer" or finish_type != "text" or \
            messages_type != "text":
        return None
    if input_tokens < 0 or output_tokens < 0:
        return None
    try:
        text = bytes(data).decode("utf-8")
    except UnicodeDecodeError:
        return None
    return CachedReply(text, input_tokens, output_tokens, finish_reason, _messages(messages_json)) \
        if text.strip() else None


def _messages(stored: str) -> list[dict[str, Any]] | None:
    """Stored messages read back: a list of {"role", "content"} objects, else None."""
    try:
        messages = json.loads(stored) if stored else None
    except ValueError:
        return None
    if isinstance(messages, list) and all(isinstance(m, dict) and isinstance(m.get("content"), str) and
                                          isinstance(m.get("role"), str) for m in messages):
        return messages
    return None


SQLITE_CORRUPT, SQLITE_NOTADB = 11, 26


class ForeignSchema(sqlite3.DatabaseError):
    """A sound SQLite file whose tables are not the cache's (another program's, or another drafter version's)."""


def is_damage(exc: BaseException) -> bool:
    """True when an SQLite error means the file is damaged (not merely busy, locked or read-only)."""
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in (SQLITE_CORRUPT, SQLITE_NOTADB)
    return type(exc) is sqlite3.DatabaseError


def _default_warning(message: str) -> None:
    import sys

    sys.stderr.write(f"warning: {message}\n")


class ResponseCache:
    """Stores and finds complete replies; safe across threads and processes; never fails a draft.

    Any SQLite fault while reading is a miss and while writing is skipped, each with one warning line.
    """

    def __init__(self, path: Path | None = None, max_bytes: int = int(DEFAULT_MAX_MB * 1024 * 1024),
                 warn: Callable[[str], None] | None = None) -> None:
        self.path = Path(path) if path is not None else cache_path()
        self.max_bytes = max_bytes
        self.warn = warn or _default_warning
        self._lock = threading.Lock()
        self._ready = False
        self._broken = False
        self._warned_tampered = False

    # plumbing -----------------------------------------------------------------------------------------------

    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, timeout=15, isolation_level=None)
        conn.execute("PRAGMA busy_timeout = 15000")
        return conn

    def _open(self) -> sqlite3.Connection | None:
        """A connection to a sound database (created or rebuilt when needed); None when the cache is unusable."""
        if self._broken:
            return None
        if self._ready:
            try:
                return self._connect()
            except sqlite3.Error as exc:
                return self._give_up(exc)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            return self._give_up(exc)
        conn: sqlite3.Connection | None = None
        try:
            conn = self._connect()
            self._check(conn)
        except sqlite3.Error as exc:
            if conn is not None:
                conn.close()
            if isinstance(exc, ForeignSchema):
                if not self._move_aside(exc):
                    return None
            elif is_damage(exc):
                self._rebuild(exc)
            else:
                return self._give_up(exc)
            try:
                conn = self._connect()
                self._check(conn)
            except sqlite3.Error as again:
                return self._give_up(again)
        self._ready = True
        return conn

    def _check(self, conn: sqlite3.Connection) -> None:
        """Create the schema on a new file; raise DatabaseError unless an existing one passes quick_check, and
        ForeignSchema (before changing anything) when it holds tables or columns the cache did not make."""
        status = conn.execute("PRAGMA quick_check").fetchone()
        if not status or status[0] != "ok":
            raise sqlite3.DatabaseError(f"quick_check: {status[0] if status else 'no answer'}")
        objects = {(kind, name) for kind, name in conn.execute("SELECT type, name FROM sqlite_master")}
        if objects - OWN_OBJECTS:
            names = ", ".join(sorted(name for _, name in objects - OWN_OBJECTS))
            raise ForeignSchema(f"it holds tables drafter did not make: {names}"[:120])
        if ("table", "responses") in objects:
            columns = [row[1] for row in conn.execute("PRAGMA table_info(responses)")]
            missing = COLUMNS[len(columns):]
            if columns == COLUMNS[:len(columns)] and missing and all(name in LATER_COLUMNS for name in missing):
                for name in missing:
                    conn.execute(LATER_COLUMNS[name])  # unknown for its replies: ''
            elif columns != COLUMNS:
                raise ForeignSchema(f"its responses table has the columns {', '.join(columns)}"[:120])
        conn.execute("PRAGMA auto_vacuum = INCREMENTAL")  # takes effect on a new, empty file only
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.executescript(SCHEMA)

    def _rebuild(self, exc: BaseException) -> None:
        """Delete a damaged database (and its journal files) so that a new one is built; one warning line."""
        for suffix in ("", *SIDE_FILES):
            try:
                self.path.with_name(self.path.name + suffix).unlink(missing_ok=True)
            except OSError:
                pass
        self.warn(f"the response cache {self.path} was damaged ({str(exc).splitlines()[0][:80]}); "
                  "rebuilt it empty")

    def _move_aside(self, exc: BaseException) -> bool:
        """Move a file with someone else's tables (and its journal files) to NAME.foreign, replacing an earlier
        one, so that a new cache is built and nothing foreign is deleted; one warning line. False if it cannot."""
        aside = self.path.with_name(self.path.name + FOREIGN_SUFFIX)
        try:
            for suffix in ("", *SIDE_FILES):
                source = self.path.with_name(self.path.name + suffix)
                if source.exists():
                    os.replace(source, aside.with_name(aside.name + suffix))
        except OSError as error:
            self._give_up(error)
            return False
        self.warn(f"the response cache {self.path} is not drafter's ({exc}); moved it to {aside} "
                  "and started a new cache")
        return True

    def _give_up(self, exc: BaseException) -> None:
        self._broken = True
        self.warn(f"the response cache {self.path} cannot be used ({str(exc).splitlines()[0][:80]}); "
                  "continuing without it")
        return None

    # the cache ----------------------------------------------------------------------------------------------

    def get(self, key: str) -> CachedReply | None:
        """The stored reply for `key`, marking it recently used; None on a miss or any fault (a tampered entry
        is dropped)."""
        with self._lock:
            conn = self._open()
            if conn is None:
                return None
            try:
                row = conn.execute("SELECT typeof(text), CAST(text AS BLOB), typeof(input_tokens), input_tokens, "
                                   "typeof(output_tokens), output_tokens, typeof(finish_reason), finish_reason, "
                                   "typeof(messages), messages FROM responses WHERE key = ?", (key,)).fetchone()
                if row is None:
                    return None
                reply = _reply_from_row(row)
                if reply is None:
                    self._drop_tampered(conn, key)
                    return None
                try:
                    conn.execute("UPDATE responses SET used = ? WHERE key = ?", (time.time(), key))
                except sqlite3.OperationalError:
                    pass  # busy or read-only: the reply is still good
                return reply
            except CACHE_FAULTS as exc:
                self._fault(exc, "could not read the response cache")
                return None
            finally:
                conn.close()

    def _drop_tampered(self, conn: sqlite3.Connection, key: str) -> None:
        """Delete an entry whose stored values are not a reply; warn once per cache, however many there are."""
        try:
            conn.execute("DELETE FROM responses WHERE key = ?", (key,))
        except sqlite3.Error:
            pass  # busy or read-only: it stays a miss
        if not self._warned_tampered:
            self._warned_tampered = True
            self.warn(f"the response cache {self.path} held an entry that is not a valid reply; dropped it "
                      "(the section is asked for again)")

    def put(self, key: str, model: str, text: str, input_tokens: int = 0, output_tokens: int = 0,
            finish_reason: str = "", messages: list[dict[str, Any]] | None = None) -> None:
        """Store a complete reply, why it ended and the messages it answered in one transaction, then evict the least
        recently used past the size limit."""
        stored = json.dumps(messages, ensure_ascii=False, separators=(",", ":")) if messages is not None else ""
        size = len(text.encode("utf-8")) + len(stored.encode("utf-8")) + len(key) + len(model) + len(finish_reason) + 64
        now = time.time()
        with self._lock:
            conn = self._open()
            if conn is None:
                return
            try:
                conn.execute("BEGIN IMMEDIATE")
                try:
                    conn.execute("INSERT OR REPLACE INTO responses VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                 (key, model, text, int(input_tokens), int(output_tokens), size, now, now,
                                  str(finish_reason or ""), stored))
                    evicted = self._evict(conn)
                    conn.execute("COMMIT")
                except BaseException:
                    conn.execute("ROLLBACK")
                    raise
                if evicted:
                    conn.execute("PRAGMA incremental_vacuum")
            except CACHE_FAULTS as exc:
                self._fault(exc, "could not store a reply in the response cache")
            finally:
                conn.close()

    def delete(self, key: str) -> None:
        """Forget one reply (one the caller rejected, so a rerun asks the server again)."""
        with self._lock:
            conn = self._open()
            if conn is None:
                return
            try:
                with conn:
                    conn.execute("DELETE FROM responses WHERE key = ?", (key,))
            except CACHE_FAULTS as exc:
                self._fault(exc, "could not remove a reply from the response cache")
            finally:
                conn.close()

    def _evict(self, conn: sqlite3.Connection) -> int:
        """Delete least recently used entries until the stored size is within the limit; how many were deleted."""
        total = conn.execute("SELECT TOTAL(MAX(CAST(size AS INTEGER), 0)) FROM responses").fetchone()[0]
        if total <= self.max_bytes:
            return 0
        deleted = 0
        for key, size in conn.execute("SELECT key, MAX(CAST(size AS INTEGER), 0) FROM responses "
                                      "ORDER BY used, created").fetchall():
            if total <= self.max_bytes:
                break
            conn.execute("DELETE FROM responses WHERE key = ?", (key,))
            total -= size
            deleted += 1
        return deleted

    def _fault(self, exc: BaseException, doing: str) -> None:
        """A fault after opening: damage sets the file aside (the next use rebuilds it); anything else warns."""
        if is_damage(exc):
            self._ready = False
            self._rebuild(exc)
        else:
            self.warn(f"{doing} ({str(exc).splitlines()[0][:80]})")

    def info(self) -> dict[str, Any]:
        """Location, entries, stored reply bytes, file size on disk and the size limit (nothing is created)."""
        files = [self.path.with_name(self.path.name + s) for s in ("", "-wal", "-shm")]
        disk = sum(f.stat().st_size for f in files if f.exists())
        info: dict[str, Any] = {"path": str(self.path), "exists": self.path.exists(), "entries": 0,
                                "stored_bytes": 0, "file_bytes": disk, "max_bytes": self.max_bytes}
        if not self.path.exists():
            return info
        with self._lock:
            conn = self._open()
            if conn is None:
                return info
            try:
                count, stored = conn.execute("SELECT COUNT(*), TOTAL(MAX(CAST(size AS INTEGER), 0)) "
                                             "FROM responses").fetchone()
                info.update(entries=int(count), stored_bytes=int(stored))
            except CACHE_FAULTS as exc:
                self._fault(exc, "could not read the response cache")
            finally:
                conn.close()
        info["file_bytes"] = sum(f.stat().st_size for f in files if f.exists())
        return info

    def clear(self) -> int:
        """Delete every entry and shrink the file; how many entries there were."""
        if not self.path.exists():
            return 0
        with self._lock:
            conn = self._open()
            if conn is None:
                return 0
            try:
                count = conn.execute("SELECT COUNT(*) FROM responses").fetchone()[0]
                conn.execute("DELETE FROM responses")
                conn.execute("VACUUM")
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                return int(count)
            except CACHE_FAULTS as exc:
                self._fault(exc, "could not clear the response cache")
                return 0
            finally:
                conn.close()


def open_cache(settings: Any, warn: Callable[[str], None] | None = None) -> ResponseCache:
    """The response cache at its usual place, with the size limit from settings (cache_max_mb)."""
    from drafter.config import RANGES

    max_mb = getattr(settings, "cache_max_mb", DEFAULT_MAX_MB)
    if not isinstance(max_mb, (int, float)) or max_mb != max_mb or max_mb not in RANGES["cache_max_mb"]:
        max_mb = DEFAULT_MAX_MB  # resolve_settings refuses such a value; a Settings built by hand may hold one
    return ResponseCache(cache_path(), max_bytes=int(max_mb * 1024 * 1024), warn=warn)
