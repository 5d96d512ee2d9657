"""The response cache: complete model replies in SQLite under $DRAFTER_HOME/cache, so a rerun costs nothing.

Keys are the sha256 of the base URL, model, messages and sampling parameters (never the API key, which is not
part of a request's meaning). Only complete replies are stored, each in one transaction (WAL journal), so an
interrupted write leaves the previous state. A file that is not a sound SQLite database is deleted and
rebuilt empty with a one-line warning (it only ever holds replies that can be asked for again). Past the size limit the least recently used entries are evicted.
"""

from __future__ import annotations

import hashlib
import json
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
    used REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS responses_used ON responses(used);
"""


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
    """A stored reply and the usage the server reported for it."""

    text: str
    input_tokens: int
    output_tokens: int


SQLITE_CORRUPT, SQLITE_NOTADB = 11, 26


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
            if not is_damage(exc):
                return self._give_up(exc)
            self._rebuild(exc)
            try:
                conn = self._connect()
                self._check(conn)
            except sqlite3.Error as again:
                return self._give_up(again)
        self._ready = True
        return conn

    def _check(self, conn: sqlite3.Connection) -> None:
        """Create the schema on a new file; raise DatabaseError unless an existing one passes quick_check."""
        conn.execute("PRAGMA auto_vacuum = INCREMENTAL")  # takes effect on a new, empty file only
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        status = conn.execute("PRAGMA quick_check").fetchone()
        if not status or status[0] != "ok":
            raise sqlite3.DatabaseError(f"quick_check: {status[0] if status else 'no answer'}")
        conn.executescript(SCHEMA)
        columns = {row[1] for row in conn.execute("PRAGMA table_info(responses)")}
        if not {"key", "text", "input_tokens", "output_tokens", "size", "used"} <= columns:
            raise sqlite3.DatabaseError("the responses table has unexpected columns")

    def _rebuild(self, exc: BaseException) -> None:
        """Delete a damaged database (and its journal files) so that a new one is built; one warning line."""
        for suffix in ("", "-wal", "-shm", "-journal"):
            try:
                self.path.with_name(self.path.name + suffix).unlink(missing_ok=True)
            except OSError:
                pass
        self.warn(f"the response cache {self.path} was damaged ({str(exc).splitlines()[0][:80]}); "
                  "rebuilt it empty")

    def _give_up(self, exc: BaseException) -> None:
        self._broken = True
        self.warn(f"the response cache {self.path} cannot be used ({str(exc).splitlines()[0][:80]}); "
                  "continuing without it")
        return None

    # the cache ----------------------------------------------------------------------------------------------

    def get(self, key: str) -> CachedReply | None:
        """The stored reply for `key`, marking it recently used; None on a miss or any fault."""
        with self._lock:
            conn = self._open()
            if conn is None:
                return None
            try:
                row = conn.execute("SELECT text, input_tokens, output_tokens FROM responses WHERE key = ?",
                                   (key,)).fetchone()
                if row is None:
                    return None
                try:
                    conn.execute("UPDATE responses SET used = ? WHERE key = ?", (time.time(), key))
                except sqlite3.OperationalError:
                    pass  # busy or read-only: the reply is still good
                return CachedReply(row[0], int(row[1]), int(row[2]))
            except sqlite3.Error as exc:
                self._fault(exc, "could not read the response cache")
                return None
            finally:
                conn.close()

    def put(self, key: str, model: str, text: str, input_tokens: int = 0, output_tokens: int = 0) -> None:
        """Store a complete reply in one transaction, then evict the least recently used past the size limit."""
        size = len(text.encode("utf-8")) + len(key) + len(model) + 64
        now = time.time()
        with self._lock:
            conn = self._open()
            if conn is None:
                return
            try:
                conn.execute("BEGIN IMMEDIATE")
                try:
                    conn.execute("INSERT OR REPLACE INTO responses VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                                 (key, model, text, int(input_tokens), int(output_tokens), size, now, now))
                    evicted = self._evict(conn)
                    conn.execute("COMMIT")
                except BaseException:
                    conn.execute("ROLLBACK")
                    raise
                if evicted:
                    conn.execute("PRAGMA incremental_vacuum")
            except sqlite3.Error as exc:
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
            except sqlite3.Error as exc:
                self._fault(exc, "could not remove a reply from the response cache")
            finally:
                conn.close()

    def _evict(self, conn: sqlite3.Connection) -> int:
        """Delete least recently used entries until the stored size is within the limit; how many were deleted."""
        total = conn.execute("SELECT COALESCE(SUM(size), 0) FROM responses").fetchone()[0]
        if total <= self.max_bytes:
            return 0
        deleted = 0
        for key, size in conn.execute("SELECT key, size FROM responses ORDER BY used, created").fetchall():
            if total <= self.max_bytes:
                break
            conn.execute("DELETE FROM responses WHERE key = ?", (key,))
            total -= size
            deleted += 1
        return deleted

    def _fault(self, exc: sqlite3.Error, doing: str) -> None:
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
                count, stored = conn.execute("SELECT COUNT(*), COALESCE(SUM(size), 0) FROM responses").fetchone()
                info.update(entries=int(count), stored_bytes=int(stored))
            except sqlite3.Error as exc:
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
            except sqlite3.Error as exc:
                self._fault(exc, "could not clear the response cache")
                return 0
            finally:
                conn.close()


def open_cache(settings: Any, warn: Callable[[str], None] | None = None) -> ResponseCache:
    """The response cache at its usual place, with the size limit from settings (cache_max_mb)."""
    max_mb = float(getattr(settings, "cache_max_mb", DEFAULT_MAX_MB) or DEFAULT_MAX_MB)
    return ResponseCache(cache_path(), max_bytes=int(max_mb * 1024 * 1024), warn=warn)
