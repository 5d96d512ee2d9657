"""What a small model really sends, through `drafter draft` in process against the stub server (tests/openai_stub.py,
through its transport; the server dying under a drafter in a subprocess, over real sockets): sections left empty
stay visible and fail the run, replies cut at the token limit lose their unfinished end, FILE.partial is cleaned
like a finished draft and goes when a later run succeeds, and sections the server never reached are reported as
not started."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time

from helpers import FIXTURES, ROOT, drafter_env, invoke_drafter
from openai_stub import Fault, default_reply, section_title

FIXTURE = FIXTURES / "sales-inside.md"
TITLES = ["Overview", "Sales results", "Sales support and customer work", "Problems and lessons",
          "Plan for next year"]
VICTIM = "Problems and lessons"
KEY = "sk-model-output-4Rt8Yw2Qp"
EMPTY_NOTE = "_[empty: no usable text from the model; run again or edit]_"
NOT_STARTED = "_[failed: not started (the server failed before it reached this section)]_"
STOCK_ONLY = "In conclusion, I will continue to work hard and strive for excellence in the new year."


def in_section(title: str) -> str:
    """A stub `match` string that picks the request for one section."""
    return f'section "{title}"'


def reply_for(replies: dict[str, str]):
    """A stub reply function: the given text for the named sections, the stub's default for the others."""
    def reply(messages):
        return replies.get(section_title(messages), default_reply(messages))
    return reply


def draft(server, home, *extra: str):
    """`drafter draft` on the fixture against the stub, in process."""
    return invoke_drafter("draft", str(FIXTURE), "--backend", "openai", "--base-url", server.base_url, "--model",
                          "stub-model", *extra, home=home, server=server, OPENAI_API_KEY=KEY)


def sections_in(markdown: str) -> dict[str, str]:
    """Section title → body of a drafter Markdown document."""
    parts = re.split(r"^## (.+)$", markdown, flags=re.MULTILINE)
    return {title.strip(): body.strip() for title, body in zip(parts[1::2], parts[2::2])}


def error_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("error: ")]


# -- empty sections never vanish ------------------------------------------------------------------------------------

def test_a_section_cleanup_empties_keeps_its_heading_with_a_note_and_fails_the_run(tmp_path, openai_server):
    openai_server.set_reply(reply_for({VICTIM: STOCK_ONLY}))
    out = tmp_path / "summary.md"
    proc = draft(openai_server, tmp_path, "-o", str(out))
    assert proc.returncode == 1, proc.stderr
    assert error_lines(proc.stderr) == [f"error: no usable text from the model for section {VICTIM!r}; "
                                        "the draft marks where"], proc.stderr
    assert "Traceback" not in proc.stderr
    sections = sections_in(out.read_text())
    assert list(sections) == TITLES, "no heading vanished"
    assert sections[VICTIM] == EMPTY_NOTE
    assert all(sections[title] and "_[" not in sections[title] for title in TITLES if title != VICTIM)


def test_an_empty_section_in_json_and_text(tmp_path, openai_server):
    openai_server.set_reply(reply_for({VICTIM: ""}))
    proc = draft(openai_server, tmp_path, "--format", "json")
    assert proc.returncode == 1 and len(error_lines(proc.stderr)) == 1, proc.stderr
    doc = json.loads(proc.stdout)
    status = {s["title"]: s["status"] for s in doc["sections"]}
    assert status.pop(VICTIM) == "empty" and set(status.values()) == {"done"}
    assert doc["complete"] is False and EMPTY_NOTE in doc["text"]
    text = draft(openai_server, tmp_path, "--format", "txt")
    assert text.returncode == 1
    assert f"{VICTIM}\n{'-' * len(VICTIM)}\n\n[empty: no usable text from the model; run again or edit]\n" in text.stdout


def test_running_again_asks_the_model_anew_for_an_empty_section(tmp_path, openai_server):
    openai_server.set_reply(reply_for({VICTIM: STOCK_ONLY}))
    assert draft(openai_server, tmp_path).returncode == 1
    openai_server.set_reply(default_reply)
    again = draft(openai_server, tmp_path)
    assert again.returncode == 0, again.stderr
    asked = openai_server.chat_requests()[len(TITLES):]
    assert [section_title(r.body["messages"]) for r in asked] == [VICTIM], "only the empty section is asked again"
    assert list(sections_in(again.stdout)) == TITLES


# -- replies cut at the output token limit ---------------------------------------------------------------------------

CUT_AT = 140  # --max-tokens: past every section's facts, inside the unfinished item that follows them


def fragmentary_reply(messages) -> str:
    """A small model's reply: the title again, the facts, an empty bullet, the title on its own line, and an item
    still being written when the token limit stops it."""
    title = section_title(messages)
    return (f"{title}\n\n{default_reply(messages)}\n-\n{title}\n\n- The company " +
            "kept growing and " * 60)


def test_a_reply_cut_at_the_token_limit_loses_its_unfinished_end_empty_bullets_and_bare_titles(tmp_path,
                                                                                               openai_server):
    openai_server.set_reply(fragmentary_reply)
    proc = draft(openai_server, tmp_path, "--format", "json", "--max-tokens", str(CUT_AT))
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    for section in doc["sections"]:
        assert section["status"] == "done" and section["text"], section
        lines = section["text"].split("\n")
        assert section["title"] not in lines and "-" not in lines, section["text"]
        assert "The company" not in section["text"] and section["text"].endswith("."), section["text"]
    dropped = [w for w in doc["warnings"] if "output token limit" in w and "dropped its unfinished end '- The company"
               in w and "--max-tokens" in w]
    assert len(dropped) == len(TITLES), doc["warnings"]


# -- FILE.partial -----------------------------------------------------------------------------------------------------

def test_the_partial_file_is_cleaned_and_goes_when_a_later_run_succeeds(tmp_path, openai_server):
    repeated = "\n\n".join([default_reply_for(openai_server, "Overview")] * 9)
    openai_server.set_reply(reply_for({"Overview": repeated}))
    openai_server.set_faults(Fault("server_error", match=in_section(VICTIM)))
    out = tmp_path / "summary.md"
    failed = draft(openai_server, tmp_path, "--retries", "0", "-o", str(out))
    assert failed.returncode == 1, failed.stderr
    partial = out.with_name("summary.md.partial")
    sections = sections_in(partial.read_text())
    assert list(sections) == TITLES
    first_fact = default_reply_for(openai_server, "Overview").split(". ")[0]
    assert partial.read_text().count(first_fact) == 1, "the paragraph the model repeated 9 times stands once"
    assert re.fullmatch(r"_\[failed: .*HTTP 500.*\]_", sections[VICTIM]), sections[VICTIM]
    assert not out.exists()
    openai_server.set_faults()
    done = draft(openai_server, tmp_path, "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert out.is_file() and not partial.exists(), "the stale partial draft is gone"


def default_reply_for(server, title: str) -> str:
    """The stub's default reply for one section of the fixture (its facts, one sentence each)."""
    from drafter.config import Settings
    from drafter.facts import load_facts
    from drafter.pipeline import build_requests, default_year, resolve_role

    facts = load_facts(str(FIXTURE))
    facts.meta.setdefault("year", default_year())
    for request in build_requests(resolve_role(facts, None), facts, Settings()):
        if request.title == title:
            return default_reply(request.messages)
    raise AssertionError(title)


# -- the server dies ---------------------------------------------------------------------------------------------------

def test_sections_waiting_when_the_server_dies_are_reported_as_not_started(tmp_path, openai_server):
    streaming = TITLES[1]  # its reply stalls after two chunks; later sections wait in the server or in drafter

    def stall_later_sections(body) -> float:
        title = section_title(body["messages"])
        return 0.0 if title in ("Overview", streaming) else 60.0

    openai_server.set_faults(Fault("timeout", match=in_section(streaming), seconds=60, after_chunks=2))
    openai_server.set_delay(stall_later_sections)
    out = tmp_path / "summary.md"
    proc = subprocess.Popen([sys.executable, "-m", "drafter", "draft", str(FIXTURE), "--backend", "openai",
                             "--base-url", openai_server.base_url, "--model", "stub-model", "--retries", "0",
                             "--concurrency", "3", "-o", str(out)], cwd=ROOT,
                            env=drafter_env(tmp_path, OPENAI_API_KEY=KEY), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 30
    while len(openai_server.chat_requests()) < 4 and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.5)  # the second section has sent its first chunks; the third and fourth wait in the server
    openai_server.stop()  # the server dies: every open connection is cut, and nothing answers any more
    stdout, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 1, stderr
    assert "Traceback" not in stderr and len(error_lines(stderr)) == 1, stderr
    sections = sections_in(out.with_name("summary.md.partial").read_text())
    assert list(sections) == TITLES
    assert "_[" not in sections["Overview"]
    assert re.search(r"_\[partial: the connection .* broke off in the middle of a reply", sections[streaming])
    for title in TITLES[2:]:
        assert sections[title] == NOT_STARTED, (title, sections[title])
    asked = [section_title(r.body["messages"]) for r in openai_server.chat_requests()]
    assert asked[-1] != TITLES[-1] and len(asked) == 4, "the last section waited in drafter, never sent"
