"""Ctrl-C and output failures end in one line, the right exit code and no traceback: SIGINT to a real process
(blocked on a pipe, or drafting a large facts file) exits 130 saying 'interrupted'; stdout on a full disk exits 1;
a reader that leaves early (| head) never causes a traceback."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from helpers import ROLE_FIXTURES, ROOT, drafter_env

FIXTURE = str(ROLE_FIXTURES["sales-inside"])
WAIT_SECONDS = 30
LARGE_FACTS = 40_000  # about 3 MB of facts: drafting them offline takes seconds, however fast the passes get


def start(home: Path, *args: str, **popen) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "drafter", *args], cwd=ROOT, env=drafter_env(home),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, **popen)


def reading_stdin(pid: int) -> bool:
    """True while the process is blocked in read(0, ...) (Linux /proc/PID/syscall: 'NR fd ...', NR 0 = read)."""
    try:
        fields = Path(f"/proc/{pid}/syscall").read_text().split()
    except OSError:
        pytest.skip("needs /proc/PID/syscall (Linux) to see when the process waits on its input")
    return fields[:2] == ["0", "0x0"]


def read_position(pid: int) -> int:
    """How far the process has read its stdin file (/proc/PID/fdinfo/0), 0 once it has closed it."""
    try:
        info = Path(f"/proc/{pid}/fdinfo/0").read_text()
    except OSError:
        return 0
    return int(info.split()[1]) if info.startswith("pos:") else 0


def wait_until(condition, what: str) -> None:
    deadline = time.monotonic() + WAIT_SECONDS
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting until {what}")
        time.sleep(0.02)


def assert_one_interrupted_line(stderr: str) -> str:
    assert "Traceback" not in stderr and "Exception ignored" not in stderr, stderr
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: interrupted"), stderr
    return lines[0]


def test_ctrl_c_while_waiting_for_facts_on_a_pipe_exits_130_with_one_line(tmp_path):
    proc = start(tmp_path, "draft", "-", "--role", "sales", stdin=subprocess.PIPE)
    wait_until(lambda: reading_stdin(proc.pid), "drafter reads its facts from the pipe")
    proc.send_signal(signal.SIGINT)
    stdout, stderr = proc.communicate(timeout=WAIT_SECONDS)
    assert proc.returncode == 130, stderr
    assert assert_one_interrupted_line(stderr.decode()) == "error: interrupted"
    assert stdout == b""


def test_ctrl_c_during_a_large_offline_draft_exits_130_with_one_line(tmp_path):
    facts = "".join(f"- Closed {n * 7 + 3} deals for client {n} in region {n % 17}, worth {n * 1.5:g} million\n"
                    for n in range(LARGE_FACTS))
    path = tmp_path / "facts.md"
    path.write_text(facts)
    with path.open("rb") as source:
        proc = start(tmp_path, "draft", "-", "--role", "sales", stdin=source)
    wait_until(lambda: proc.poll() is not None or read_position(proc.pid) >= len(facts), "drafter has read its facts")
    time.sleep(0.5)  # drafting now
    if proc.poll() is not None:
        pytest.fail(f"the offline draft of {len(facts):,} bytes finished before the signal: raise LARGE_FACTS")
    proc.send_signal(signal.SIGINT)
    stdout, stderr = proc.communicate(timeout=WAIT_SECONDS)
    assert proc.returncode == 130, stderr
    assert_one_interrupted_line(stderr.decode())
    assert stdout == b"" or stdout.startswith(b"# "), "what was drafted is kept, as a model run keeps it"


def test_an_offline_draft_interrupted_in_cleanup_keeps_the_sections_as_drafted(monkeypatch):
    from drafter import pipeline
    from drafter.config import Settings
    from drafter.facts import load_facts

    def interrupted_finish(draft, clean=True):
        draft.sections[0].text = "half-cleaned"
        draft.warnings.append("a warning from the cut-short pass")
        raise KeyboardInterrupt

    monkeypatch.setattr(pipeline, "finish", interrupted_finish)
    try:
        with pytest.raises(pipeline.DraftFailed) as caught:
            pipeline.draft_summary(load_facts(FIXTURE), Settings())
    except KeyboardInterrupt:
        pytest.fail("Ctrl-C in cleanup escaped draft_summary, so nothing drafted was kept")
    failure = caught.value
    assert failure.exit_code == 130 and failure.message.startswith("interrupted")
    drafted = failure.draft
    assert all(s.status == "done" and s.text for s in drafted.sections)
    assert drafted.sections[0].text != "half-cleaned" and drafted.warnings == []


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("args", [
    ["draft", FIXTURE],
    ["draft", FIXTURE, "--format", "json"],
    ["roles"],
    ["config"],
    ["cache", "info", "--format", "json"],
    ["clean", FIXTURE, "--diff"],
])
def test_stdout_on_a_full_disk_is_one_line_and_exit_1(args, tmp_path):
    with open("/dev/full", "wb") as full:
        proc = subprocess.run([sys.executable, "-m", "drafter", *args], cwd=ROOT, env=drafter_env(tmp_path),
                              stdout=full, stderr=subprocess.PIPE, timeout=WAIT_SECONDS)
    stderr = proc.stderr.decode()
    assert proc.returncode == 1, stderr
    assert stderr.count("\n") == 1 and stderr.startswith("error: ") and "No space left on device" in stderr, stderr
    if args[0] == "draft":  # a drafted summary is kept, and the line says where
        assert "the summary is kept in" in stderr, stderr
    # a reader that leaves early (| head) is no fault of drafter's: never a traceback either
    head = subprocess.run(f"{sys.executable} -m drafter {' '.join(args)} | head -c 1 >/dev/null; "
                          "exit ${PIPESTATUS[0]}", shell=True, executable="/bin/bash", cwd=ROOT,
                          env=drafter_env(tmp_path), capture_output=True, text=True, timeout=WAIT_SECONDS)
    assert head.returncode in (0, 1) and "Traceback" not in head.stderr and "Exception" not in head.stderr


def test_a_closed_stdout_is_one_line_and_exit_1_and_o_still_works(tmp_path):
    def run(command: str) -> subprocess.CompletedProcess:
        return subprocess.run(command, shell=True, executable="/bin/bash", cwd=ROOT, env=drafter_env(tmp_path),
                              capture_output=False, stderr=subprocess.PIPE, text=True, timeout=WAIT_SECONDS)

    closed = run(f"{sys.executable} -m drafter draft {FIXTURE} >&-")
    assert closed.returncode == 1 and closed.stderr.count("\n") == 1, closed.stderr
    assert "stdout is closed" in closed.stderr and "the summary is kept in" in closed.stderr, closed.stderr
    target = tmp_path / "summary.md"
    written = run(f"{sys.executable} -m drafter draft {FIXTURE} -o {target} >&-")
    assert written.returncode == 0, written.stderr
    assert target.read_text().startswith("# ")
