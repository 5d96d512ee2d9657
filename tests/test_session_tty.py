"""`drafter session` driven in a real terminal (pexpect pty, 80×24): the whole flow, edits, Ctrl-C, kill and resume."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from helpers import ROLE_FIXTURES, ROOT, drafter_env

pexpect = pytest.importorskip("pexpect")

REVIEW = "+redraft> "
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
FACTS = ["Signed 418 sales contracts worth 612.5 million yuan",
         "Moved 1,240 paper contract files into the archive",
         "Learned to send a document checklist to buyers"]


def spawn(home: Path, *args: str, timeout: float = 20, **env: str):
    """The real program in a pseudo-terminal, its own DRAFTER_HOME, output logged for the assertions."""
    environment = drafter_env(home, TERM="xterm", COLUMNS="80", LINES="24", **env)
    for name in ("VISUAL", "EDITOR"):
        if name not in env:
            environment.pop(name, None)
    child = pexpect.spawn(sys.executable, ["-m", "drafter", "session", *args], cwd=str(ROOT), env=environment,
                          dimensions=(24, 80), encoding="utf-8", timeout=timeout)
    child.transcript = []
    child.logfile_read = Transcript(child.transcript)
    return child


class Transcript:
    """Collects what the program printed, for checks that do not care how rich wrapped the lines."""

    def __init__(self, parts: list[str]) -> None:
        self.parts = parts

    def write(self, text: str) -> None:
        self.parts.append(text)

    def flush(self) -> None:
        pass


def screen_text(child) -> str:
    """Everything printed so far, without escape codes and with all whitespace collapsed to single spaces."""
    return " ".join(ANSI.sub("", "".join(child.transcript)).split())


def finish(child, code: int = 0) -> None:
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == code, screen_text(child)[-600:]


def only_session(home: Path) -> dict:
    files = list((home / "sessions").glob("*.json"))
    assert len(files) == 1, files
    return json.loads(files[0].read_text(encoding="utf-8"))


def enter_facts(child, facts: list[str], first: int = 1) -> None:
    for number, fact in enumerate(facts, first):
        child.expect_exact(f"fact {number}> ")
        child.sendline(fact)
    child.expect_exact(f"fact {first + len(facts)}> ")
    child.sendline("")
    child.expect_exact("Section plan")


def test_full_offline_session_from_role_menu_to_saved_file(tmp_path):
    out = tmp_path / "summary.md"
    child = spawn(tmp_path)
    child.expect_exact("role [1-3]> ")
    assert "settlement-office" in screen_text(child)
    child.sendline("3")
    child.expect_exact("fact 1> ")
    child.send("a line to throw away")
    child.expect_exact("throw away")
    time.sleep(0.3)
    child.sendintr()
    child.expect_exact("fact 1> ")
    child.send("/he\t")
    child.sendline("")
    child.expect_exact("/quit")
    enter_facts(child, FACTS)
    for _ in range(4):
        child.expect_exact(REVIEW)
        child.sendline("")
    child.expect_exact("save to file (Enter: not now)> ")
    text = screen_text(child)
    assert "Cleanup:" in text and "Grounding:" in text and "4/4 accepted" in text
    child.sendline(str(out))
    child.expect_exact("saved ")
    finish(child)
    summary = out.read_text(encoding="utf-8")
    assert summary.startswith("# ") and "418 sales contracts" in summary and "1,240" in summary
    assert "throw away" not in summary
    state = only_session(tmp_path)
    assert state["finished"] and [f["text"] for f in state["facts"]] == FACTS
    assert all(s["status"] == "accepted" for s in state["sections"])


def test_regenerate_and_edit_a_section_with_editor(tmp_path):
    editor = tmp_path / "editor.sh"
    editor.write_text("#!/bin/sh\nprintf 'I signed 418 contracts, in my own words.\\n' > \"$1\"\n")
    editor.chmod(0o755)
    out = tmp_path / "out.md"
    child = spawn(tmp_path, "--role", "settlement", "-o", str(out), EDITOR=str(editor))
    enter_facts(child, FACTS)
    child.expect_exact(REVIEW)
    child.sendline("r")
    child.expect_exact("1/4 Overview")
    child.expect_exact(REVIEW)
    child.sendline("")
    child.expect_exact("2/4 Contracts")
    child.expect_exact(REVIEW)
    child.sendline("e")
    child.expect_exact("edited")
    child.expect_exact(REVIEW)
    assert "in my own words." in screen_text(child)
    child.sendline("a")
    child.expect_exact(REVIEW)
    child.send("/regen ov\t")
    child.expect_exact("/regen overview")
    child.sendline("")
    child.expect_exact("1/4 Overview")
    child.expect_exact(REVIEW)
    state = only_session(tmp_path)
    assert [s["status"] for s in state["sections"][:3]] == ["draft", "accepted", "draft"]
    child.sendline("")
    child.expect_exact(REVIEW)
    child.sendline("")
    child.expect_exact(REVIEW)
    child.sendline("")
    child.expect_exact(f"save to {out}?")
    child.sendline("y")
    finish(child)
    assert "I signed 418 contracts, in my own words." in out.read_text(encoding="utf-8")
    state = only_session(tmp_path)
    assert state["sections"][1]["text"] == "I signed 418 contracts, in my own words."


def test_inline_edit_without_an_editor(tmp_path):
    child = spawn(tmp_path, "--role", "settlement-office")
    enter_facts(child, FACTS[:1])
    child.expect_exact(REVIEW)
    child.sendline("/edit")
    child.expect_exact("¶1> ")
    child.send("\x01\x0b")
    child.sendline("A new first paragraph.")
    for _ in range(8):
        index = child.expect([r"¶\d+> ", re.escape("new paragraph (Enter to finish)> ")])
        if index == 0:
            child.send("\x01\x0b")
        child.sendline("")
        if index == 1:
            break
    child.expect_exact("edited")
    child.expect_exact(REVIEW)
    child.sendeof()
    finish(child)
    assert only_session(tmp_path)["sections"][0]["text"] == "A new first paragraph."


def test_sigkill_mid_session_then_resume_shows_every_fact_and_accepted_section(tmp_path):
    child = spawn(tmp_path, "--role", "settlement-office")
    enter_facts(child, FACTS)
    child.expect_exact(REVIEW)
    child.sendline("")
    child.expect_exact(REVIEW)
    child.sendline("")
    child.expect_exact("3/4 Daily work")
    child.expect_exact(REVIEW)
    child.sendline("/add Closed the daily accounts at the end of every month")
    child.expect_exact("fact 4 added")
    child.expect_exact(REVIEW)
    os.kill(child.pid, signal.SIGKILL)
    child.expect(pexpect.EOF)
    child.close()
    state = only_session(tmp_path)
    accepted = [s for s in state["sections"] if s["status"] == "accepted"]
    assert len(accepted) == 2 and len(state["facts"]) == 4

    child = spawn(tmp_path, "--resume")
    child.expect_exact(REVIEW)
    text = screen_text(child)
    assert f"Resumed session {state['id']}" in text
    for fact in FACTS + ["Closed the daily accounts at the end of every month"]:
        assert fact in text
    for section in accepted:
        assert " ".join(section["text"].split()) in text
    assert "the daily accounts" in text.split("3/4 Daily work")[-1]
    child.sendline("")
    child.expect_exact(REVIEW)
    child.sendline("")
    child.expect_exact("save to file (Enter: not now)> ")
    child.sendline("")
    child.expect_exact("/quit> ")
    child.sendline("/quit")
    child.expect_exact("Quit anyway")
    child.sendline("y")
    child.expect_exact(f"drafter session --resume {state['id']}")
    finish(child)
    assert all(s["status"] == "accepted" for s in only_session(tmp_path)["sections"])


def test_ctrl_d_leaves_with_the_state_saved_and_resume_by_id(tmp_path):
    child = spawn(tmp_path, "--facts", str(ROLE_FIXTURES["sales-inside"]))
    child.expect(r"fact \d+> ")
    child.sendeof()
    child.expect_exact("drafter session --resume ")
    finish(child)
    state = only_session(tmp_path)
    assert state["role"] == "sales-inside" and state["meta"]["name"] == "Chen Jing"
    child = spawn(tmp_path, state["id"][:15])
    child.expect_exact(f"Resumed session {state['id']}")
    child.expect(r"fact \d+> ")
    child.sendeof()
    finish(child)


def test_without_a_terminal_it_points_to_draft_and_exits_2(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "drafter", "session"], input=b"- a fact\n", capture_output=True,
                          cwd=ROOT, env=drafter_env(tmp_path), timeout=30)
    assert proc.returncode == 2
    lines = proc.stderr.decode().strip().splitlines()
    assert len(lines) == 1 and "drafter draft" in lines[0]
    assert proc.stdout == b"" and not (tmp_path / "sessions").exists()


def test_backend_error_mid_session_is_one_line_and_the_session_goes_on(tmp_path):
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    child = spawn(tmp_path, "--role", "sales", "--base-url", f"http://127.0.0.1:{port}/v1", "--retries", "0")
    enter_facts(child, ["Processed 120 orders"])
    child.expect(r"error: cannot reach http://127\.0\.0\.1:\d+/v1[^\r\n]*\r\n")
    child.expect_exact("[r]etry (Enter)")
    child.expect_exact(REVIEW)
    child.sendline("")
    child.expect_exact("error: cannot reach")
    child.expect_exact(REVIEW)
    child.sendline("/facts")
    child.expect_exact("1. Processed 120 orders")
    child.expect_exact(REVIEW)
    child.sendeof()
    finish(child)
    section = only_session(tmp_path)["sections"][0]
    assert section["status"] == "failed" and "cannot reach" in section["error"]


@pytest.fixture
def slow_server(openai_server):
    """The stub server streaming a 200-word reply slowly (3 words every 100 ms, about 7 s a reply)."""
    openai_server.set_reply(" ".join(f"Word{number}" for number in range(200)))
    openai_server.set_delay(0.0, chunk_delay=0.1)
    return openai_server.base_url


def test_ctrl_c_while_streaming_stops_that_section_only_and_keeps_its_text(tmp_path, slow_server):
    child = spawn(tmp_path, "--role", "sales", "--base-url", slow_server, "--model", "slow", "--retries", "0")
    enter_facts(child, ["Processed 120 orders"])
    child.expect_exact("Word4 ")
    child.sendintr()
    child.expect_exact("stopped: section kept as partial")
    child.expect_exact(REVIEW)
    section = only_session(tmp_path)["sections"][0]
    assert section["status"] == "partial" and section["error"] == "interrupted"
    assert section["text"].startswith("Word0 Word1 Word2 Word3 Word4") and "Word150" not in section["text"]
    child.sendline("a")
    child.expect_exact("2/2 Sales results")
    child.expect_exact("Word2 ")
    child.sendintr()
    child.expect_exact(REVIEW)
    assert "≈" in screen_text(child).split("stopped:")[-1]
    child.sendline("/quit")
    child.expect_exact("Quit anyway")
    child.sendline("y")
    finish(child)
    sections = only_session(tmp_path)["sections"]
    assert [s["status"] for s in sections] == ["accepted", "partial"]
    assert sections[0]["text"] == section["text"]


# -- cleanup and grounding while reviewing; /show; resuming against a model server --------------------------------

MODEL_FACTS = ["Signed 418 sales contracts worth 612.5 million yuan", "Issued 366 property certificates",
               "Moved 1,240 paper contract files into the archive"]
ECHOED_OPENING = "Here is the section:"
INVENTED_RESULTS = "I signed 999 sales contracts worth 612.5 million yuan in 2019."


def small_model_reply(messages) -> str:
    """What a small model sends: a chatbot opening, a repeated sentence with an invented figure and year, and one
    of the section's two facts left out; the other sections keep their facts verbatim."""
    from openai_stub import default_reply, section_title

    title = section_title(messages)
    if title == "Overview":
        return "In 2026 I worked in the settlement office."
    if title.startswith("Contracts"):
        return f"{ECHOED_OPENING}\n\n{INVENTED_RESULTS} {INVENTED_RESULTS}"
    return default_reply(messages)


def between(text: str, start: str, end: str) -> str:
    """The part of `text` after the last `start` and before the next `end`."""
    return text.rsplit(start, 1)[-1].split(end, 1)[0]


def test_each_section_shows_its_cleanup_and_grounding_findings_before_the_review_prompt(tmp_path, openai_server):
    openai_server.set_reply(small_model_reply)
    child = spawn(tmp_path, "--role", "settlement", "--base-url", openai_server.base_url, "--model", "small",
                  "--retries", "0")
    enter_facts(child, MODEL_FACTS)
    child.expect_exact(REVIEW)
    overview = between(screen_text(child), "1/3 Overview", REVIEW)
    assert "Cleanup: no edits" in overview and "Grounding: every claim matches its fact" in overview
    assert "omitted" not in overview  # the overview names no fact of its own
    child.sendline("")
    child.expect_exact("2/3 Contracts")
    child.expect_exact(REVIEW)
    results = between(screen_text(child), "2/3 Contracts", REVIEW)
    assert "Cleanup: 2 edits (" in results and "Grounding: 3 findings" in results
    assert "invented '999':" in results and "invented '2019':" in results
    assert "omitted: Issued 366 property certificates" in results
    assert results.index(INVENTED_RESULTS) < results.index("Cleanup:") < results.index("Grounding:")
    child.sendline("")
    child.expect_exact("3/3 Daily work")
    child.expect_exact(REVIEW)
    work = between(screen_text(child), "3/3 Daily work", REVIEW)
    assert "Cleanup: no edits" in work and "Grounding: every claim matches its fact" in work
    child.sendeof()
    finish(child)


def test_show_shows_the_cleaned_text_that_save_writes(tmp_path, openai_server):
    openai_server.set_reply(small_model_reply)
    out = tmp_path / "summary.md"
    child = spawn(tmp_path, "--role", "settlement", "--base-url", openai_server.base_url, "--model", "small",
                  "--retries", "0")
    enter_facts(child, MODEL_FACTS)
    child.expect_exact(REVIEW)
    child.sendline("")
    child.expect_exact("2/3 Contracts")
    child.expect_exact(REVIEW)
    child.sendline("/show")
    child.expect_exact("the summary as /save writes it")
    child.expect_exact(REVIEW)
    shown = between(screen_text(child), "the summary as /save writes it", REVIEW).lstrip("─ ")
    child.sendline(f"/save {out}")
    child.expect_exact("saved ")
    child.expect_exact(REVIEW)
    child.sendeof()
    finish(child)
    saved = " ".join(out.read_text(encoding="utf-8").split())
    assert saved.startswith("# ") and INVENTED_RESULTS in saved
    assert shown.startswith(saved), (shown, saved)
    assert ECHOED_OPENING not in shown and shown.count(INVENTED_RESULTS) == 1
    assert "not accepted yet: 2 Contracts, certificates and collections (draft), 3 Daily work and records (pending)" \
        in shown


API_KEY = "sk-session-test-0123456789"


def test_resume_without_server_flags_asks_the_saved_server_and_never_saves_the_key(tmp_path, openai_server):
    openai_server.set_reply(small_model_reply)
    child = spawn(tmp_path, "--role", "settlement", "--base-url", openai_server.base_url, "--model", "small",
                  "--retries", "0", OPENAI_API_KEY=API_KEY)
    enter_facts(child, MODEL_FACTS)
    child.expect_exact(REVIEW)
    child.sendline("")
    child.expect_exact(REVIEW)
    child.sendeof()
    finish(child)
    assert [r.body["model"] for r in openai_server.chat_requests()] == ["small", "small"]
    session_file = next((tmp_path / "sessions").glob("*.json"))
    state = json.loads(session_file.read_text(encoding="utf-8"))
    assert state["server"] == {"backend": "openai", "model": "small", "base_url": openai_server.base_url}

    child = spawn(tmp_path, "--resume", OPENAI_API_KEY=API_KEY)
    child.expect_exact("2/3 Contracts")
    child.expect_exact(REVIEW)
    assert f"drafting with openai/small at {openai_server.base_url} (as saved in the session)" in screen_text(child)
    child.sendline("a")
    child.expect_exact("3/3 Daily work")
    child.expect_exact(REVIEW)
    child.sendeof()
    finish(child)
    requests = openai_server.chat_requests()
    assert len(requests) == 3 and requests[-1].body["model"] == "small" and requests[-1].authorized
    assert "Moved 1,240 paper contract files into the archive." in screen_text(child)  # the stub's words
    assert API_KEY not in session_file.read_text(encoding="utf-8")

    child = spawn(tmp_path, "--resume", "--model", "bigger", "--retries", "0")  # a flag wins; the URL is kept
    child.expect_exact(REVIEW)
    child.sendline("r")
    child.expect_exact("3/3 Daily work")
    child.expect_exact(REVIEW)
    child.sendeof()
    finish(child)
    assert [r.body["model"] for r in openai_server.chat_requests()][3:] == ["bigger"]
    assert only_session(tmp_path)["server"]["model"] == "bigger"

    child = spawn(tmp_path, "--resume", "--backend", "offline")
    child.expect_exact(REVIEW)
    assert "drafting with offline (it drafted with openai/bigger before)" in screen_text(child)
    child.sendline("r")
    child.expect_exact("3/3 Daily work")
    child.expect_exact(REVIEW)
    child.sendeof()
    finish(child)
    assert len(openai_server.chat_requests()) == 4
    assert API_KEY not in session_file.read_text(encoding="utf-8")


def test_export_writes_the_summary_as_a_deck_from_the_review_prompt(tmp_path):
    pptx = pytest.importorskip("pptx")
    out = tmp_path / "summary.pptx"
    child = spawn(tmp_path, "--role", "settlement", "--facts", str(ROLE_FIXTURES["settlement-office"]))
    child.expect_exact("> ")
    child.sendline("")
    child.expect_exact(REVIEW)
    child.send("/exp\t")  # Tab completes the command
    child.sendline(f" {out}")
    child.expect_exact("exported ")
    child.expect_exact(REVIEW)
    child.sendline("/export notes.md")
    child.expect_exact("writes a .docx or .pptx file")
    child.expect_exact(REVIEW)
    child.sendeof()
    finish(child)
    deck = pptx.Presentation(str(out))
    assert [s.shapes.title.text_frame.text for s in deck.slides][:2] == ["2026 Year-End Work Summary: Li Wei",
                                                                         "Overview"]
