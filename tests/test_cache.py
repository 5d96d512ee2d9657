"""The response cache: reruns ask the server nothing (counted on the HTTP stub, drafter run in process), only
complete replies are kept, the key never reaches the disk, damage is rebuilt with a warning, killed writers corrupt
nothing, and the size limit evicts the least recently used."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from drafter.backends import SectionRequest, Usage
from drafter.backends.cached import MeteredBackend
from drafter.cache import CachedReply, ResponseCache, cache_key
from drafter.errors import BackendError
from helpers import FIXTURES, ROOT, invoke_drafter
from openai_stub import Fault, default_reply

FIXTURE = FIXTURES / "sales-inside.md"
SECTIONS = 5
KEY = "sk-cache-secret-Qz8Vw3Lp0Nm5"
VICTIM = 'section "Problems and lessons"'


def draft(server, home, *extra: str, **env: str):
    """`drafter draft` on the fixture against the stub, the key in the environment."""
    env.setdefault("OPENAI_API_KEY", KEY)
    return invoke_drafter("draft", str(FIXTURE), "--base-url", server.base_url, "--model", "gpt-4o-mini", *extra,
                          home=home, server=server, **env)


def chat_count(server) -> int:
    """Chat-completions requests the stub has received."""
    return server.count("chat/completions")


def cache_files(home: Path) -> list[Path]:
    """Every file in the cache folder (the database and its WAL and shared-memory files)."""
    return [p for p in (home / "cache").iterdir() if p.is_file()]


# -- reruns --------------------------------------------------------------------------------------------------------

def test_rerun_makes_zero_requests_and_prints_the_same_text(tmp_path, openai_server):
    first = draft(openai_server, tmp_path)
    assert first.returncode == 0, first.stderr
    assert chat_count(openai_server) == SECTIONS
    second = draft(openai_server, tmp_path)
    assert second.returncode == 0, second.stderr
    assert chat_count(openai_server) == SECTIONS, "the rerun asked the server nothing"
    assert second.stdout == first.stdout
    assert "usage: " in first.stderr and f"· {SECTIONS} requests ·" in first.stderr
    assert f"· 0 requests, {SECTIONS}/{SECTIONS} sections from cache · est. $0.0000" in second.stderr
    third = draft(openai_server, tmp_path, "--no-cache")
    assert third.returncode == 0 and third.stdout == first.stdout
    assert chat_count(openai_server) == 2 * SECTIONS, "--no-cache asks again"
    draft(openai_server, tmp_path, DRAFTER_CACHE="off")
    assert chat_count(openai_server) == 3 * SECTIONS, "DRAFTER_CACHE=off asks again"


def test_json_reports_usage_per_section_and_cached_sections(tmp_path, openai_server):
    first = json.loads(draft(openai_server, tmp_path, "--format", "json").stdout)
    second = json.loads(draft(openai_server, tmp_path, "--format", "json").stdout)
    usage = first["usage"]
    assert usage["requests"] == SECTIONS and usage["cached_sections"] == 0 and usage["input_tokens"] > 0
    assert usage["estimated_cost_usd"] > 0 and usage["usage_estimated"] is False
    assert usage["input_tokens"] == sum(s["usage"]["input_tokens"] for s in first["sections"])
    assert not any(s["usage"]["cached"] for s in first["sections"])
    again = second["usage"]
    assert again["requests"] == 0 and again["cached_sections"] == SECTIONS and again["estimated_cost_usd"] == 0
    assert (again["input_tokens"], again["output_tokens"]) == (usage["input_tokens"], usage["output_tokens"])
    assert all(s["usage"]["cached"] for s in second["sections"])
    assert [s["text"] for s in second["sections"]] == [s["text"] for s in first["sections"]]


def test_changed_parameters_are_new_requests(tmp_path, openai_server):
    draft(openai_server, tmp_path)
    draft(openai_server, tmp_path, "--temperature", "0.9")
    assert chat_count(openai_server) == 2 * SECTIONS
    draft(openai_server, tmp_path, "--max-tokens", "500")
    assert chat_count(openai_server) == 3 * SECTIONS
    draft(openai_server, tmp_path, "--model", "gpt-4o")
    assert chat_count(openai_server) == 4 * SECTIONS
    draft(openai_server, tmp_path, "--no-stream")
    assert chat_count(openai_server) == 4 * SECTIONS, "streaming or not, the reply is the same"


def test_a_different_key_still_hits_the_cache(tmp_path, openai_server):
    draft(openai_server, tmp_path)
    draft(openai_server, tmp_path, OPENAI_API_KEY="sk-another-key-entirely")
    assert chat_count(openai_server) == SECTIONS


def test_rerun_after_a_failed_section_asks_only_for_that_section(tmp_path, openai_server):
    openai_server.set_faults(Fault("server_error", match=VICTIM))
    failed = draft(openai_server, tmp_path, "--retries", "0")
    assert failed.returncode == 1, failed.stderr
    assert chat_count(openai_server) == SECTIONS
    openai_server.set_faults()
    rerun = draft(openai_server, tmp_path)
    assert rerun.returncode == 0, rerun.stderr
    requests = openai_server.chat_requests()[SECTIONS:]
    assert len(requests) == 1 and VICTIM in requests[0].user
    assert f"· 1 request, {SECTIONS - 1}/{SECTIONS} sections from cache" in rerun.stderr


def test_a_reply_cut_short_is_not_cached(tmp_path, openai_server):
    openai_server.set_faults(Fault("cut_stream", match=VICTIM, after_chunks=2))
    assert draft(openai_server, tmp_path, "--retries", "0").returncode == 1
    openai_server.set_faults(Fault("end_stream", match=VICTIM, after_chunks=2))
    assert draft(openai_server, tmp_path, "--retries", "0").returncode == 1
    new = openai_server.chat_requests()[SECTIONS:]
    assert len(new) == 1 and VICTIM in new[0].user, "the partial reply was not taken from the cache"
    openai_server.set_faults()
    assert draft(openai_server, tmp_path).returncode == 0
    new = openai_server.chat_requests()[SECTIONS + 1:]
    assert len(new) == 1 and VICTIM in new[0].user


def test_the_api_key_never_reaches_the_cache_files(tmp_path, openai_server):
    draft(openai_server, tmp_path, "--format", "json")
    files = cache_files(tmp_path)
    assert any(p.name == "responses.sqlite3" for p in files)
    for path in files:
        data = path.read_bytes()
        assert KEY.encode() not in data and KEY[3:].encode() not in data, path


# -- cache info / clear ------------------------------------------------------------------------------------------

def test_cache_info_and_clear(tmp_path, openai_server):
    proc = invoke_drafter("cache", "info", home=tmp_path)
    assert proc.returncode == 0 and "(not created yet)" in proc.stdout and "entries: 0" in proc.stdout
    draft(openai_server, tmp_path)
    info = json.loads(invoke_drafter("cache", "info", "--format", "json", home=tmp_path).stdout)
    assert info["entries"] == SECTIONS and info["path"] == str(tmp_path / "cache" / "responses.sqlite3")
    assert info["file_bytes"] > 0 and info["max_bytes"] == 50 * 1024 * 1024
    text = invoke_drafter("cache", home=tmp_path).stdout
    assert f"entries: {SECTIONS}" in text and "limit 50 MB" in text and str(tmp_path / "cache") in text
    proc = invoke_drafter("cache", "clear", home=tmp_path)
    assert proc.returncode == 0 and proc.stdout.startswith(f"removed {SECTIONS} cached replies from ")
    assert json.loads(invoke_drafter("cache", "info", "--format", "json", home=tmp_path).stdout)["entries"] == 0
    draft(openai_server, tmp_path)
    assert chat_count(openai_server) == 2 * SECTIONS


def test_cache_size_limit_from_the_config_file(tmp_path):
    (tmp_path / "config.toml").write_text("cache_max_mb = 0.5\n")
    info = json.loads(invoke_drafter("cache", "info", "--format", "json", home=tmp_path).stdout)
    assert info["max_bytes"] == 512 * 1024
    proc = invoke_drafter("cache", "info", home=tmp_path, DRAFTER_CACHE_MAX_MB="0")
    assert proc.returncode == 2 and proc.stderr.startswith("error: cache_max_mb must be more than 0")


# -- damage ------------------------------------------------------------------------------------------------------

def test_a_corrupted_cache_file_is_rebuilt_with_one_warning(tmp_path, openai_server):
    first = draft(openai_server, tmp_path)
    path = tmp_path / "cache" / "responses.sqlite3"
    for extra in cache_files(tmp_path):
        if extra != path:
            extra.unlink()
    path.write_bytes(b"this is not an SQLite database at all" * 100)
    second = draft(openai_server, tmp_path)
    assert second.returncode == 0, second.stderr
    warnings = [line for line in second.stderr.splitlines() if line.startswith("warning: ")]
    assert len(warnings) == 1 and "response cache" in warnings[0] and "rebuilt" in warnings[0], second.stderr
    assert "Traceback" not in second.stderr and second.stdout == first.stdout
    assert chat_count(openai_server) == 2 * SECTIONS
    third = draft(openai_server, tmp_path)
    assert chat_count(openai_server) == 2 * SECTIONS and "warning" not in third.stderr


def test_damaged_pages_inside_a_valid_file_are_detected(tmp_path):
    path = tmp_path / "c.sqlite3"
    cache = ResponseCache(path)
    for n in range(200):
        cache.put(f"key{n}", "m", f"reply {n} " * 50)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    data = bytearray(path.read_bytes())
    page = 4096
    data[page * 2:page * 6] = b"\xff" * (page * 4)
    path.write_bytes(bytes(data))
    warnings: list[str] = []
    fresh = ResponseCache(path, warn=warnings.append)
    assert fresh.get("key1") is None
    assert len(warnings) == 1 and "damaged" in warnings[0]
    fresh.put("key1", "m", "new")
    assert fresh.get("key1").text == "new"
    assert sqlite3.connect(path).execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_an_unusable_cache_folder_only_warns(tmp_path, openai_server):
    (tmp_path / "cache").write_text("a file where the cache folder should be")
    first = draft(openai_server, tmp_path)
    assert first.returncode == 0, first.stderr
    assert any(line.startswith("warning: the response cache") and "continuing without it" in line
               for line in first.stderr.splitlines())
    assert chat_count(openai_server) == SECTIONS


WRITER = """
import sys, time
from pathlib import Path
from drafter.cache import ResponseCache
cache = ResponseCache(Path(sys.argv[1]), max_bytes=400_000)
n = int(sys.argv[2])
print("ready", flush=True)
while True:
    cache.put(f"k{n}", "m", (f"reply {n} " * 400), n, n)
    n += 1
"""


def test_a_writer_killed_mid_write_leaves_a_sound_cache(tmp_path):
    path = tmp_path / "responses.sqlite3"
    start = 0
    for round_ in range(4):
        proc = subprocess.Popen([sys.executable, "-c", WRITER, str(path), str(start)], cwd=ROOT,
                                stdout=subprocess.PIPE, text=True)
        assert proc.stdout.readline().strip() == "ready"
        time.sleep(0.3 + 0.1 * round_)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        start += 100_000
    assert sqlite3.connect(path).execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    warnings: list[str] = []
    cache = ResponseCache(path, max_bytes=400_000, warn=warnings.append)
    rows = sqlite3.connect(path).execute("SELECT key, text, input_tokens FROM responses").fetchall()
    assert rows, "some writes finished"
    for key, text, tokens in rows:
        n = int(key[1:])
        assert text == f"reply {n} " * 400 and tokens == n, "every stored entry is whole"
    assert cache.get(rows[0][0]) is not None and warnings == []


# -- the cache object ----------------------------------------------------------------------------------------------

def test_least_recently_used_entries_are_evicted_past_the_limit(tmp_path):
    cache = ResponseCache(tmp_path / "c.sqlite3", max_bytes=3000)
    for name in ("a", "b", "c"):
        cache.put(name, "m", name * 900)
        time.sleep(0.01)
    assert cache.get("a") is not None  # a is now the most recently used
    time.sleep(0.01)
    cache.put("d", "m", "d" * 900)
    assert cache.get("b") is None, "the least recently used went first"
    assert all(cache.get(k) is not None for k in ("a", "c", "d"))
    info = cache.info()
    assert info["entries"] == 3 and info["stored_bytes"] <= 3000


def test_the_cache_file_shrinks_after_eviction(tmp_path):
    cache = ResponseCache(tmp_path / "c.sqlite3", max_bytes=200_000)
    for n in range(100):
        cache.put(f"k{n}", "m", "x" * 20_000)
    conn = sqlite3.connect(tmp_path / "c.sqlite3")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    assert (tmp_path / "c.sqlite3").stat().st_size < 600_000
    assert cache.info()["entries"] <= 10


def test_cache_key_covers_the_request_and_nothing_else():
    messages = [{"role": "user", "content": "hi"}]
    base = cache_key("http://h/v1", "m", messages, max_tokens=5, temperature=0.3)
    assert base == cache_key("http://h/v1/", "m", [{"content": "hi", "role": "user"}], temperature=0.3, max_tokens=5)
    assert base != cache_key("http://other/v1", "m", messages, max_tokens=5, temperature=0.3)
    assert base != cache_key("http://h/v1", "m2", messages, max_tokens=5, temperature=0.3)
    assert base != cache_key("http://h/v1", "m", [{"role": "user", "content": "hi!"}], max_tokens=5, temperature=0.3)
    assert base != cache_key("http://h/v1", "m", messages, max_tokens=6, temperature=0.3)
    assert base != cache_key("http://h/v1", "m", messages, max_tokens=5, temperature=0.4)


def test_threads_share_one_cache(tmp_path):
    cache = ResponseCache(tmp_path / "c.sqlite3")
    errors: list[BaseException] = []

    def work(offset: int) -> None:
        try:
            for n in range(40):
                cache.put(f"k{offset}-{n}", "m", f"text {offset} {n}")
                assert cache.get(f"k{offset}-{n}").text == f"text {offset} {n}"
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == [] and cache.info()["entries"] == 240


class FakeBackend:
    """A model backend that yields fixed chunks, optionally failing after some, reporting usage or not."""

    name = "openai"
    model = "gpt-4o-mini"

    def __init__(self, chunks: list[str], fail_after: int | None = None, usage: tuple[int, int] | None = (10, 4)):
        self.chunks, self.fail_after, self.usage, self.calls = chunks, fail_after, usage, 0

    def stream(self, request, usage):
        self.calls += 1
        for number, chunk in enumerate(self.chunks):
            if self.fail_after is not None and number == self.fail_after:
                raise BackendError("the connection broke off")
            yield chunk
        if self.usage:
            usage.input_tokens, usage.output_tokens = self.usage


def request(text: str = "Write the section") -> SectionRequest:
    """A small section request."""
    return SectionRequest("results", "Results", "results", [{"role": "system", "content": "Be exact."},
                                                            {"role": "user", "content": text}], 100, 0.3)


def test_metered_backend_stores_only_complete_replies(tmp_path):
    cache = ResponseCache(tmp_path / "c.sqlite3")
    failing = MeteredBackend(FakeBackend(["Sold ", "418 ", "units."], fail_after=2), "http://h/v1", cache)
    with pytest.raises(BackendError):
        list(failing.stream(request(), Usage()))
    stopped = MeteredBackend(FakeBackend(["Sold ", "418 ", "units."]), "http://h/v1", cache)
    chunks = stopped.stream(request(), Usage())
    next(chunks)
    chunks.close()  # the consumer stopped (Ctrl-C): not complete
    assert cache.info()["entries"] == 0
    inner = FakeBackend(["Sold ", "418 ", "units."])
    backend = MeteredBackend(inner, "http://h/v1", cache)
    usage = Usage()
    assert "".join(backend.stream(request(), usage)) == "Sold 418 units."
    again = Usage()
    assert "".join(backend.stream(request(), again)) == "Sold 418 units."
    assert inner.calls == 1 and (again.input_tokens, again.output_tokens) == (10, 4)
    assert backend.meter.requests == 1 and backend.meter.cached == ["results"]


def test_usage_is_counted_locally_when_the_server_reports_none(tmp_path):
    from drafter import tokens

    backend = MeteredBackend(FakeBackend(["Sold 418 units."], usage=None), "http://h/v1", None)
    usage = Usage()
    list(backend.stream(request(), usage))
    assert usage.input_tokens == tokens.count_messages(request().messages, "o200k_base")
    assert usage.output_tokens == tokens.count_tokens("Sold 418 units.", "o200k_base")
    assert backend.meter.estimated == ["results"]
    report = backend.report([type("S", (), {"usage": usage})()])
    assert report["usage_estimated"] is True and report["requests"] == 1


# -- tampered entries and foreign files (the cache never fails a draft) -------------------------------------------

def warnings_in(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("warning: ")]


TAMPERINGS = [  # one per section: a value of the wrong kind, bytes that are not UTF-8, a cut-off blob, a count < 0
    "UPDATE responses SET input_tokens = 'many' WHERE key = ?",
    "UPDATE responses SET text = x'ff00fe' WHERE key = ?",
    "UPDATE responses SET text = CAST(substr(text, 1, 7) AS BLOB) WHERE key = ?",
    "UPDATE responses SET output_tokens = -5 WHERE key = ?",
]


def test_tampered_entries_are_misses_dropped_with_one_warning(tmp_path, openai_server):
    first = draft(openai_server, tmp_path)
    assert first.returncode == 0, first.stderr
    path = tmp_path / "cache" / "responses.sqlite3"
    conn = sqlite3.connect(path)
    keys = [row[0] for row in conn.execute("SELECT key FROM responses ORDER BY key")]
    for statement, key in zip(TAMPERINGS, keys):
        conn.execute(statement, (key,))
    conn.commit()
    conn.close()
    second = draft(openai_server, tmp_path)
    assert second.returncode == 0, second.stderr
    assert second.stdout == first.stdout
    warnings = warnings_in(second.stderr)
    assert len(warnings) == 1 and "not a valid reply" in warnings[0], second.stderr
    assert chat_count(openai_server) == SECTIONS + len(TAMPERINGS), "each tampered entry was asked for again"
    third = draft(openai_server, tmp_path)
    assert third.returncode == 0 and warnings_in(third.stderr) == []
    assert chat_count(openai_server) == SECTIONS + len(TAMPERINGS), "the fresh replies replaced them"


def test_tampered_sizes_do_not_fail_storing_eviction_or_info(tmp_path):
    path = tmp_path / "c.sqlite3"
    cache = ResponseCache(path, max_bytes=2000)
    for n in range(3):
        cache.put(f"k{n}", "m", f"reply {n}")
    conn = sqlite3.connect(path)
    conn.execute("UPDATE responses SET size = 'large' WHERE key = 'k0'")
    conn.execute("UPDATE responses SET size = 1e300 WHERE key = 'k1'")
    conn.commit()
    conn.close()
    warnings: list[str] = []
    cache = ResponseCache(path, max_bytes=2000, warn=warnings.append)
    cache.put("k3", "m", "x" * 500)  # past the limit now: eviction reads every size
    cache.put("k4", "m", "big", 10 ** 30, 1)  # a count past 64 bits cannot be stored: skipped with a warning
    assert cache.get("k3").text == "x" * 500
    assert cache.info()["entries"] >= 1
    assert all("could not store" in w for w in warnings), warnings


FOREIGN_SCHEMAS = {
    "another program's table": "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes VALUES (1, 'keep me');",
    "a column missing": "CREATE TABLE responses (key TEXT PRIMARY KEY, text TEXT, input_tokens INTEGER, "
                        "output_tokens INTEGER, size INTEGER, used REAL); INSERT INTO responses VALUES "
                        "('k', 'keep me', 1, 1, 10, 0);",
    "a column more": "CREATE TABLE responses (key TEXT PRIMARY KEY, model TEXT, text TEXT, input_tokens INTEGER, "
                     "output_tokens INTEGER, size INTEGER, created REAL, used REAL, tag TEXT NOT NULL); "
                     "INSERT INTO responses VALUES ('k', 'm', 'keep me', 1, 1, 10, 0, 0, 't');",
    "a view in its place": "CREATE TABLE t (key, text); INSERT INTO t VALUES ('k', 'keep me'); "
                           "CREATE VIEW responses AS SELECT * FROM t;",
}


def foreign_file(path: Path, schema: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path)
    conn.executescript(schema)
    conn.close()


@pytest.mark.parametrize("schema", FOREIGN_SCHEMAS.values(), ids=list(FOREIGN_SCHEMAS))
def test_a_foreign_schema_is_moved_aside_and_a_new_cache_started(schema, tmp_path):
    path = tmp_path / "responses.sqlite3"
    foreign_file(path, schema)
    warnings: list[str] = []
    cache = ResponseCache(path, warn=warnings.append)
    cache.put("key", "m", "a reply", 3, 4)
    assert cache.get("key") == CachedReply("a reply", 3, 4)
    assert len(warnings) == 1 and "moved it to" in warnings[0] and "responses.sqlite3.foreign" in warnings[0]
    aside = sqlite3.connect(tmp_path / "responses.sqlite3.foreign")
    tables = [row[0] for row in aside.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    aside.close()
    assert tables and "keep me" in (tmp_path / "responses.sqlite3.foreign").read_bytes().decode("latin-1")
    again: list[str] = []
    assert ResponseCache(path, warn=again.append).get("key").text == "a reply" and again == []


def test_a_foreign_cache_file_does_not_disable_caching_and_cache_clear_fixes_it(tmp_path, openai_server):
    path = tmp_path / "cache" / "responses.sqlite3"
    foreign_file(path, FOREIGN_SCHEMAS["a column missing"])
    cleared = invoke_drafter("cache", "clear", home=tmp_path)
    assert cleared.returncode == 0, cleared.stderr
    assert cleared.stdout.startswith("removed 0 cached replies") and "moved it to" in cleared.stderr
    first = draft(openai_server, tmp_path)
    assert first.returncode == 0 and warnings_in(first.stderr) == [], first.stderr
    second = draft(openai_server, tmp_path)
    assert second.returncode == 0 and chat_count(openai_server) == SECTIONS, "the rerun came from the cache"
    foreign_file(path.with_name("other.sqlite3"), FOREIGN_SCHEMAS["another program's table"])
    path.with_name("other.sqlite3").replace(path)
    for name in ("responses.sqlite3-wal", "responses.sqlite3-shm"):
        (path.parent / name).unlink(missing_ok=True)
    third = draft(openai_server, tmp_path)
    assert third.returncode == 0, third.stderr
    assert len(warnings_in(third.stderr)) == 1 and "not drafter's" in third.stderr
    fourth = draft(openai_server, tmp_path)
    assert fourth.returncode == 0 and chat_count(openai_server) == 2 * SECTIONS and fourth.stdout == first.stdout


# -- finish reasons ---------------------------------------------------------------------------------------------

def test_a_cached_reply_cut_at_the_token_limit_warns_again(tmp_path, openai_server):
    openai_server.set_reply(lambda messages: default_reply(messages) + " " + default_reply(messages))
    first = draft(openai_server, tmp_path, "--max-tokens", "30")
    second = draft(openai_server, tmp_path, "--max-tokens", "30")
    assert first.returncode == 0 and second.returncode == 0, first.stderr + second.stderr
    assert chat_count(openai_server) == SECTIONS, "the rerun came from the cache"

    def cut_warnings(proc) -> list[str]:
        return [line for line in warnings_in(proc.stderr) if "output token limit" in line]

    assert len(cut_warnings(first)) == SECTIONS, first.stderr
    assert cut_warnings(second) == cut_warnings(first)
    assert second.stdout == first.stdout


OLD_SCHEMA = ("CREATE TABLE responses (key TEXT PRIMARY KEY, model TEXT NOT NULL, text TEXT NOT NULL, "
              "input_tokens INTEGER NOT NULL, output_tokens INTEGER NOT NULL, size INTEGER NOT NULL, "
              "created REAL NOT NULL, used REAL NOT NULL); CREATE INDEX responses_used ON responses(used); "
              "INSERT INTO responses VALUES ('old', 'm', 'an old reply', 3, 4, 80, 0, 0);")


def test_a_cache_from_before_finish_reasons_keeps_its_replies(tmp_path):
    path = tmp_path / "responses.sqlite3"
    foreign_file(path, OLD_SCHEMA)
    warnings: list[str] = []
    cache = ResponseCache(path, warn=warnings.append)
    assert cache.get("old") == CachedReply("an old reply", 3, 4, "")
    cache.put("new", "m", "a reply cut short", 5, 6, "length")
    assert ResponseCache(path, warn=warnings.append).get("new").finish_reason == "length"
    assert warnings == [] and not path.with_name(path.name + ".foreign").exists()


def test_each_reply_keeps_the_messages_it_answered(tmp_path):
    """So that a rerun from the cache removes the same prompt echoes (drafter/echo.py) as the first run did."""
    path = tmp_path / "responses.sqlite3"
    messages = [{"role": "system", "content": "Write in English."}, {"role": "user", "content": "Write “Plan”."}]
    ResponseCache(path).put("k", "m", "a reply", 1, 2, "stop", messages)
    assert ResponseCache(path).get("k") == CachedReply("a reply", 1, 2, "stop", messages)


def test_a_cache_from_before_stored_messages_keeps_its_replies(tmp_path):
    path = tmp_path / "responses.sqlite3"
    foreign_file(path, OLD_SCHEMA.replace("used REAL NOT NULL)", "used REAL NOT NULL, finish_reason TEXT NOT NULL "
                                          "DEFAULT '')").replace("0, 0)", "0, 0, 'length')"))
    warnings: list[str] = []
    assert ResponseCache(path, warn=warnings.append).get("old") == CachedReply("an old reply", 3, 4, "length", None)
    ResponseCache(path, warn=warnings.append).put("new", "m", "a reply", 5, 6, "stop", [{"role": "user",
                                                                                          "content": "hi"}])
    assert ResponseCache(path).get("new").messages == [{"role": "user", "content": "hi"}]
    assert warnings == [] and not path.with_name(path.name + ".foreign").exists()


def test_stored_messages_that_are_not_messages_leave_the_reply_usable(tmp_path):
    path = tmp_path / "responses.sqlite3"
    cache = ResponseCache(path)
    cache.put("k", "m", "a reply", 1, 2, "stop", [{"role": "user", "content": "hi"}])
    import sqlite3

    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE responses SET messages = '[{\"role\": 3}'")
    assert ResponseCache(path).get("k") == CachedReply("a reply", 1, 2, "stop", None)
