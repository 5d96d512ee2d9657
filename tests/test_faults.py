"""Every fault a network and a server can produce: `drafter draft` in process (Ctrl-C in a subprocess), the real
`openai` client, the stub server (tests/openai_stub.py) through its in-process transport, and real sockets for an
unreachable server and for a cut stream and a stall (the transport raises what a socket raises; both are run). Each
must end in a one-line message saying what happened and what to do, exit code 1, no traceback, the key never echoed,
and nothing that arrived lost."""

from __future__ import annotations

import json
import re
import socket
import time

import pytest

from helpers import FIXTURES, invoke_drafter
from openai_stub import Fault, default_reply, section_title

pytestmark = pytest.mark.usefixtures("quick_retries")  # the openai client retries at once

FIXTURE = FIXTURES / "sales-inside.md"
TITLES = ["Overview", "Sales results", "Sales support and customer work", "Problems and lessons",
          "Plan for next year"]
KEY = "sk-fault-test-7Hq2Zr9Lm4Xv"
VICTIM = "Problems and lessons"  # the section a per-section fault hits


def in_section(title: str) -> str:
    """A stub `match` string that picks the request for one section."""
    return f'section "{title}"'


def draft(server, home, *extra: str, stdin: str | None = None, socket: bool = False, **env: str):
    """Run `drafter draft` on the fixture in process, the key in the environment, against the stub (through its
    transport, or with `socket` over a real connection) or a URL (over the network)."""
    url = server if isinstance(server, str) else server.base_url
    args = ["draft", "-" if stdin is not None else str(FIXTURE), "--backend", "openai", "--base-url", url,
            "--model", "stub-model", *extra]
    env.setdefault("OPENAI_API_KEY", KEY)
    stub = None if isinstance(server, str) or socket else server
    return invoke_drafter(*args, home=home, stdin=stdin, server=stub, **env)


def assert_clean_failure(proc, *phrases: str, code: int = 1) -> str:
    """Exit `code`, one 'error:' line (plus at most a hint line), no traceback, no key; returns the error line."""
    assert proc.returncode == code, (proc.returncode, proc.stderr)
    assert "Traceback" not in proc.stderr and "Traceback" not in proc.stdout
    assert KEY not in proc.stderr and KEY not in proc.stdout
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    errors = [line for line in lines if line.startswith("error: ")]
    assert len(errors) == 1, proc.stderr
    error = errors[0]
    index = lines.index(error)
    assert all(not line.startswith("error") for line in lines[index + 1:])
    assert len(lines) - index <= 2, f"the error is one line and a hint: {proc.stderr}"
    hint = lines[index + 1] if index + 1 < len(lines) else ""
    assert hint.strip().startswith("hint: "), f"the message must say what to do: {proc.stderr}"
    for phrase in phrases:
        assert phrase.lower() in error.lower(), (phrase, error)
    return error


def sections_in(markdown: str) -> dict[str, str]:
    """Section title → body of a drafter Markdown document."""
    parts = re.split(r"^## (.+)$", markdown, flags=re.MULTILINE)
    return {title.strip(): body.strip() for title, body in zip(parts[1::2], parts[2::2])}


def expected_text(server, title: str) -> str:
    """What the stub answered (or would answer) for a section."""
    for request in server.chat_requests():
        if in_section(title) in request.user:
            return default_reply(request.body["messages"])
    raise AssertionError(f"no request for {title}")


def assert_kept(markdown: str, server, done: list[str], partial: str | None = None,
                partial_prefix: bool = True) -> None:
    """Every finished section is kept, its text in the document; the failed one (if any) is kept as partial text
    and marked. What arrived is cleaned as a finished draft is, so a sentence the stub repeats in two sections may
    stand in the other one."""
    sections = sections_in(markdown)
    for title in done:
        assert title in sections and sections[title], (title, markdown)
        assert expected_text(server, title).split(".")[0] in markdown
        assert "_[partial" not in sections[title] and "_[failed" not in sections[title]
    if partial is not None:
        assert partial in sections, (partial, markdown)
        body = sections[partial]
        assert re.search(r"_\[partial: [^\]]+\]_", body), body
        text = re.sub(r"\s*_\[partial: [^\]]+\]_\s*$", "", body).strip()
        assert text, "the partial text of the failed section is kept"
        if partial_prefix:
            assert expected_text(server, partial).startswith(text), (text, expected_text(server, partial))


# -- the server cannot be reached ------------------------------------------------------------------------------

def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_connection_refused(tmp_path):
    url = f"http://127.0.0.1:{closed_port()}/v1"
    started = time.monotonic()
    proc = draft(url, tmp_path, "--retries", "1")
    error = assert_clean_failure(proc, "cannot reach", url)
    assert "refused" in error.lower()
    assert time.monotonic() - started < 30
    assert proc.stdout == "", "nothing arrived, so nothing is printed"


@pytest.mark.parametrize("url, phrase, code", [
    ("http://drafter-test.invalid/v1", "cannot reach", 1),
    ("127.0.0.1:8080/v1", "base_url", 2),  # a usage error, found before anything is sent
    ("ftp://127.0.0.1/v1", "base_url", 2),
])
def test_unresolvable_host_or_invalid_url(tmp_path, url, phrase, code):
    proc = draft(url, tmp_path, "--retries", "0", "--timeout", "5")
    error = assert_clean_failure(proc, phrase, code=code)
    assert code == 1 or "(from --base-url)" in error, "a bad URL names the setting it came from"


# -- the server refuses ----------------------------------------------------------------------------------------

def test_401_bad_key_is_not_retried_and_the_key_never_echoed(tmp_path, openai_server):
    openai_server.api_key = "the-real-key"
    proc = draft(openai_server, tmp_path, "--retries", "3", "--api-key", KEY)
    assert_clean_failure(proc, "401", "key")
    assert openai_server.count("chat/completions") <= len(TITLES), "a 401 is not retried"


def test_401_from_a_server_that_echoes_the_key_in_its_message(tmp_path, openai_server):
    openai_server.set_faults("auth")
    proc = draft(openai_server, tmp_path, "--retries", "0", "--format", "json")
    assert_clean_failure(proc, "401")
    assert "sk-fault" not in proc.stderr + proc.stdout


def test_404_unknown_model_names_the_model(tmp_path, openai_server):
    openai_server.set_models(["smollm2"])
    proc = draft(openai_server, tmp_path, "--retries", "3")
    error = assert_clean_failure(proc, "404", "stub-model")
    assert "model" in error
    assert openai_server.count("chat/completions") <= len(TITLES), "a 404 is not retried"


# -- the server is busy or failing: retried as configured --------------------------------------------------------

def test_429_with_retry_after_then_success(tmp_path, openai_server):
    openai_server.set_faults("rate_limit", times=1, retry_after=0.5)
    started = time.monotonic()
    proc = draft(openai_server, tmp_path, "--retries", "2")
    assert proc.returncode == 0, proc.stderr
    assert list(sections_in(proc.stdout)) == TITLES
    assert openai_server.count("chat/completions") == len(TITLES) + 1
    assert time.monotonic() - started >= 0.5, "Retry-After is honoured"


def test_429_without_retries_fails_keeping_the_rest(tmp_path, openai_server):
    openai_server.set_faults("rate_limit", match=in_section(VICTIM), retry_after=0.2)
    proc = draft(openai_server, tmp_path, "--retries", "0", "--concurrency", "1")
    assert_clean_failure(proc, "429")
    assert openai_server.count("chat/completions") == len(TITLES)
    assert_kept(proc.stdout, openai_server, [t for t in TITLES if t != VICTIM])
    assert re.search(r"_\[failed: [^\]]+\]_", sections_in(proc.stdout).get(VICTIM, "_[failed: x]_"))


def test_500_twice_then_success(tmp_path, openai_server):
    openai_server.set_faults("server_error", times=2)
    proc = draft(openai_server, tmp_path, "--retries", "2")
    assert proc.returncode == 0, proc.stderr
    assert list(sections_in(proc.stdout)) == TITLES
    assert openai_server.count("chat/completions") == len(TITLES) + 2


@pytest.mark.parametrize("retries", ["0", "3"])
def test_503_forever_uses_exactly_the_configured_retries(tmp_path, openai_server, retries):
    openai_server.set_faults("unavailable", match=in_section(VICTIM))
    out = tmp_path / "summary.md"
    proc = draft(openai_server, tmp_path, "--retries", retries, "-o", str(out))
    assert_clean_failure(proc, "503")
    victim = [r for r in openai_server.chat_requests() if in_section(VICTIM) in r.user]
    assert len(victim) == int(retries) + 1
    assert not out.exists(), "an incomplete draft never takes the output's name"
    kept = out.with_name("summary.md.partial")
    assert kept.is_file() and str(kept) in proc.stderr
    assert_kept(kept.read_text(), openai_server, [t for t in TITLES if t != VICTIM])


def test_retries_from_the_environment(tmp_path, openai_server):
    openai_server.set_faults("unavailable", match=in_section(VICTIM))
    proc = draft(openai_server, tmp_path, DRAFTER_MAX_RETRIES="1")
    assert_clean_failure(proc, "503")
    assert len([r for r in openai_server.chat_requests() if in_section(VICTIM) in r.user]) == 2


# -- the server is too slow or breaks off --------------------------------------------------------------------------

@pytest.mark.parametrize("socket", [False, True], ids=["transport", "socket"])
def test_read_timeout_before_the_reply(tmp_path, openai_server, socket):
    openai_server.set_faults("timeout", match=in_section(VICTIM), seconds=30)
    started = time.monotonic()
    proc = draft(openai_server, tmp_path, "--timeout", "1", "--retries", "1", socket=socket)
    elapsed = time.monotonic() - started
    assert_clean_failure(proc, "1 s")
    assert len([r for r in openai_server.chat_requests() if in_section(VICTIM) in r.user]) == 2
    assert elapsed < 15, f"two 1 s attempts must not take {elapsed:.1f} s"
    assert_kept(proc.stdout, openai_server, [t for t in TITLES if t != VICTIM])


def test_timeout_from_the_environment(tmp_path, openai_server):
    openai_server.set_faults("timeout", match=in_section(VICTIM), seconds=30)
    started = time.monotonic()
    proc = draft(openai_server, tmp_path, "--retries", "0", DRAFTER_TIMEOUT="1")
    assert_clean_failure(proc, "1 s")
    assert time.monotonic() - started < 12


@pytest.mark.parametrize("socket", [False, True], ids=["transport", "socket"])
def test_stall_mid_stream_keeps_the_partial_text(tmp_path, openai_server, socket):
    openai_server.set_faults("timeout", match=in_section(VICTIM), seconds=30, after_chunks=2)
    proc = draft(openai_server, tmp_path, "--timeout", "1", "--retries", "0", socket=socket)
    assert_clean_failure(proc, "1 s")
    assert_kept(proc.stdout, openai_server, [t for t in TITLES if t != VICTIM], partial=VICTIM)


@pytest.mark.parametrize("socket", [False, True], ids=["transport", "socket"])
def test_stream_cut_mid_section_keeps_everything_that_arrived(tmp_path, openai_server, socket):
    openai_server.set_faults("cut_stream", match=in_section(VICTIM), after_chunks=2)
    proc = draft(openai_server, tmp_path, "--retries", "2", socket=socket)
    error = assert_clean_failure(proc)
    assert VICTIM.lower() in error.lower() or "connection" in error.lower() or "stream" in error.lower()
    assert_kept(proc.stdout, openai_server, [t for t in TITLES if t != VICTIM], partial=VICTIM)


def test_stream_cut_with_output_file_writes_the_partial_file(tmp_path, openai_server):
    openai_server.set_faults("cut_stream", match=in_section(VICTIM), after_chunks=2)
    out = tmp_path / "summary.md"
    proc = draft(openai_server, tmp_path, "--retries", "0", "-o", str(out))
    assert_clean_failure(proc)
    assert not out.exists()
    kept = out.with_name("summary.md.partial")
    assert f"kept {len(TITLES) - 1}/{len(TITLES)}" in proc.stderr
    assert_kept(kept.read_text(), openai_server, [t for t in TITLES if t != VICTIM], partial=VICTIM)


def test_stream_ended_without_finish_is_partial_not_done(tmp_path, openai_server):
    openai_server.set_faults("end_stream", match=in_section(VICTIM), after_chunks=2)
    proc = draft(openai_server, tmp_path, "--retries", "0")
    assert_clean_failure(proc, "before")
    assert_kept(proc.stdout, openai_server, [t for t in TITLES if t != VICTIM], partial=VICTIM)


def test_partial_json_document_marks_the_sections(tmp_path, openai_server):
    openai_server.set_faults("cut_stream", match=in_section(VICTIM), after_chunks=2)
    proc = draft(openai_server, tmp_path, "--retries", "0", "--format", "json")
    assert_clean_failure(proc)
    doc = json.loads(proc.stdout)
    assert doc["complete"] is False
    status = {s["title"]: s["status"] for s in doc["sections"]}
    assert status.pop(VICTIM) == "partial"
    assert set(status.values()) == {"done"}


# -- the server answers nonsense ---------------------------------------------------------------------------------

def test_malformed_json(tmp_path, openai_server):
    openai_server.set_faults("malformed", match=in_section(VICTIM))
    proc = draft(openai_server, tmp_path, "--retries", "0")
    assert_clean_failure(proc, "json")
    assert_kept(proc.stdout, openai_server, [t for t in TITLES if t != VICTIM])


def test_empty_choices(tmp_path, openai_server):
    openai_server.set_faults("empty_choices", match=in_section(VICTIM))
    proc = draft(openai_server, tmp_path, "--retries", "0")
    assert_clean_failure(proc, "no ")
    assert_kept(proc.stdout, openai_server, [t for t in TITLES if t != VICTIM])


@pytest.mark.parametrize("fault", [Fault("malformed"), Fault("empty_choices"), Fault("cut_stream")],
                         ids=lambda f: f.kind)
def test_non_streaming_faults(tmp_path, openai_server, fault):
    fault.match = in_section(VICTIM)
    openai_server.set_faults(fault)
    proc = draft(openai_server, tmp_path, "--retries", "0", "--no-stream")
    assert_clean_failure(proc)
    assert_kept(proc.stdout, openai_server, [t for t in TITLES if t != VICTIM])
    assert all(not r.streaming for r in openai_server.chat_requests())


# -- and when nothing goes wrong ----------------------------------------------------------------------------------

@pytest.mark.parametrize("mode", [[], ["--no-stream"]], ids=["stream", "no-stream"])
def test_clean_run_asks_once_per_section(tmp_path, openai_server, mode):
    proc = draft(openai_server, tmp_path, *mode)
    assert proc.returncode == 0, proc.stderr
    assert list(sections_in(proc.stdout)) == TITLES
    assert openai_server.count("chat/completions") == len(TITLES)
    assert all(r.streaming == (not mode) for r in openai_server.chat_requests())
    assert all(r.authorized and "authorization" not in r.headers for r in openai_server.chat_requests())


def test_sections_in_parallel_within_the_bound_printed_in_plan_order(tmp_path, openai_server):
    slow = in_section(TITLES[0])
    openai_server.set_delay(lambda body: 1.5 if slow in str(body["messages"]) else 0.3)
    proc = draft(openai_server, tmp_path, "--concurrency", "2")
    assert proc.returncode == 0, proc.stderr
    assert list(sections_in(proc.stdout)) == TITLES, "plan order, although the first section arrives last"
    assert openai_server.max_in_flight == 2, "at most --concurrency requests at once, and that many"


def test_all_sections_are_in_flight_at_once(tmp_path, openai_server):
    """Every section is asked for at once (the server sees them overlap); how much time that saves is measured in
    benchmarks/parallel_sections.py, not here, where a loaded machine would make a timed assertion flaky."""
    openai_server.set_delay(1.5)
    proc = draft(openai_server, tmp_path, "--concurrency", str(len(TITLES)))
    assert proc.returncode == 0, proc.stderr
    assert openai_server.max_in_flight == len(TITLES)


def test_one_at_a_time_requests_in_plan_order(tmp_path, openai_server):
    proc = draft(openai_server, tmp_path, "--concurrency", "1")
    assert proc.returncode == 0, proc.stderr
    assert [section_title(r.body["messages"]) for r in openai_server.chat_requests()] == TITLES
    assert openai_server.max_in_flight == 1


def test_streamed_runs_ask_for_usage_and_report_the_servers_figures(tmp_path, openai_server):
    proc = draft(openai_server, tmp_path, "--format", "json")
    assert proc.returncode == 0, proc.stderr
    bodies = [r.body for r in openai_server.chat_requests()]
    assert bodies and all(b["stream"] and b["stream_options"] == {"include_usage": True} for b in bodies)
    usage = json.loads(proc.stdout)["usage"]
    assert usage["usage_estimated"] is False and usage["input_tokens"] > 0


def test_a_server_that_refuses_stream_options_is_asked_again_without_them(tmp_path, openai_server):
    openai_server.set_faults("bad_request", match=lambda body: "stream_options" in body)
    proc = draft(openai_server, tmp_path, "--format", "json", "--concurrency", "1")
    assert proc.returncode == 0, proc.stderr
    bodies = [r.body for r in openai_server.chat_requests()]
    assert ["stream_options" in b for b in bodies] == [True] + [False] * len(TITLES)
    assert [s["title"] for s in json.loads(proc.stdout)["sections"]] == TITLES


@pytest.mark.parametrize("stream", ["--stream", "--no-stream"])
def test_a_reply_cut_at_the_token_limit_is_kept_with_a_warning(tmp_path, openai_server, stream):
    openai_server.set_reply(lambda messages: default_reply(messages) + " " + default_reply(messages))
    proc = draft(openai_server, tmp_path, "--format", "json", "--max-tokens", "30", stream)
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout)
    assert [s["title"] for s in result["sections"]] == TITLES
    assert all(s["status"] == "done" and s["text"].endswith(".") for s in result["sections"]), result["sections"]
    cut = [w for w in result["warnings"] if "output token limit" in w and "--max-tokens" in w]
    assert len(cut) == len(TITLES), result["warnings"]  # every reply runs past 30 tokens


def test_ctrl_c_mid_draft_keeps_the_finished_sections_and_the_partial_one(tmp_path, openai_server):
    import signal
    import subprocess
    import sys

    from helpers import ROOT, drafter_env

    openai_server.set_reply(lambda messages: default_reply(messages) + " More words follow here." * 40)
    def overview_at_once(seconds: float):
        """A delay: none for the Overview, which is done before the Ctrl-C, `seconds` for the other sections."""
        return lambda body: 0.0 if in_section("Overview") in str(body["messages"]) else seconds

    openai_server.set_delay(overview_at_once(0.3), chunk_delay=overview_at_once(0.05))
    out = tmp_path / "summary.md"
    proc = subprocess.Popen([sys.executable, "-m", "drafter", "draft", str(FIXTURE), "--backend", "openai",
                             "--base-url", openai_server.base_url, "--model", "stub-model", "--concurrency", "1",
                             "-o", str(out)], cwd=ROOT, env=drafter_env(tmp_path, OPENAI_API_KEY=KEY),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 30
    while len(openai_server.chat_requests()) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.5)  # the second section is streaming now
    proc.send_signal(signal.SIGINT)
    stdout, stderr = proc.communicate(timeout=30)
    assert proc.returncode == 130, stderr
    assert "Traceback" not in stderr and KEY not in stderr
    assert [line for line in stderr.splitlines() if line.startswith("error: ")] == ["error: interrupted; kept what had arrived"]
    assert not out.exists()
    kept = sections_in(out.with_name(out.name + ".partial").read_text())
    assert list(kept)[:2] == TITLES[:2]
    assert kept["Overview"], "the finished section is kept"
    partial = out.with_name(out.name + ".partial").read_text()
    assert partial.count("More words follow here.") <= 1, "what arrived is cleaned: the 40 repeats are gone"
    assert "_[partial" in kept["Sales results"] or "_[failed" in kept["Sales results"]
