"""drafter never destroys a user's file: the input is never the output, -o follows links and writes devices and
FIFOs in place, modes follow the umask or the file being replaced, and a failed write keeps the text and says where.

Real files, symlinks, hard links, FIFOs and device nodes, drafter run in process (the umask set around it), or in a
real process where the test gives it its own stdin or stdout or a step to run in the child first; as root (CI) the
device nodes are made in the test's own folder with mknod, so a regression can never replace the machine's /dev/null
or /dev/full.
"""

from __future__ import annotations

import os
import re
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from helpers import FIXTURES, ROOT, drafter_env, invoke_drafter

FACTS = "---\nrole: sales\nname: Ann Lee\n---\n- Closed 418 orders worth 2.1 million yuan\n"
NULL_DEVICE, FULL_DEVICE = (1, 3), (1, 7)  # Linux major/minor numbers of /dev/null and /dev/full
NOBODY_UID = 65534
PR_CAPBSET_DROP, CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH = 24, 1, 2  # <linux/prctl.h>, <linux/capability.h>
KEPT = re.compile(r"is kept in (\S+)$")


def run(*args: str, home: Path, umask: int = 0o022, stdin=None, stdout=subprocess.PIPE, preexec=None,
        timeout: float = 60, cwd: Path | None = None, server=None, **env: str) -> subprocess.CompletedProcess:
    """Run drafter ARGS with a given umask; text output. In process (invoke_drafter, `server` its stub) unless the test
    gives it its own stdin or stdout, or `preexec` to run in the child first: then `python -m drafter` in a subprocess."""
    if stdin is None and stdout is subprocess.PIPE and preexec is None:
        previous = os.umask(umask)
        try:
            return invoke_drafter(*args, home=home, cwd=cwd, server=server, **env)
        finally:
            os.umask(previous)
    proc = subprocess.run([sys.executable, "-m", "drafter", *args], stdin=stdin, stdout=stdout, stderr=subprocess.PIPE,
                          cwd=cwd or ROOT, env=drafter_env(home, **env), timeout=timeout, umask=umask,
                          preexec_fn=preexec)
    proc.stdout = proc.stdout.decode("utf-8", "replace") if proc.stdout is not None else ""
    proc.stderr = proc.stderr.decode("utf-8", "replace")
    return proc


@pytest.fixture
def facts(tmp_path: Path) -> Path:
    """A small facts file (mode 0644) in the test's folder."""
    path = tmp_path / "facts.md"
    path.write_text(FACTS)
    path.chmod(0o644)
    return path


@pytest.fixture
def home(tmp_path: Path) -> Path:
    """The test's DRAFTER_HOME."""
    return tmp_path / "home"


def assert_one_line_error(proc, code: int, *phrases: str) -> str:
    """Exit `code`, one 'error:' line (and at most a hint), no traceback, no 'internal error'; returns the line."""
    assert proc.returncode == code, (proc.returncode, proc.stderr)
    assert "Traceback" not in proc.stderr and "internal error" not in proc.stderr, proc.stderr
    assert "Exception ignored" not in proc.stderr, proc.stderr
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert lines and lines[0].startswith("error: ") and len(lines) <= 2, proc.stderr
    for phrase in phrases:
        assert phrase in lines[0], (phrase, lines[0])
    return lines[0]


def kept_text(error: str) -> str:
    """The text a failed write kept, read from the file the error line names."""
    match = KEPT.search(error)
    assert match, f"the error must say where the text was kept: {error}"
    return Path(match.group(1)).read_text()


def make_device(path: Path, numbers: tuple[int, int]) -> Path:
    """A character device node at path (root only); skips the test where mknod is not allowed."""
    try:
        os.mknod(path, 0o666 | stat.S_IFCHR, os.makedev(*numbers))
    except (PermissionError, AttributeError):
        pytest.skip("needs root (or CAP_MKNOD) to make a device node")
    return path


def drop_file_permission_override() -> None:
    """In the child: give up root's power to ignore file permissions (so a 0555 folder is read-only to it too)."""
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH):
        if libc.prctl(PR_CAPBSET_DROP, capability, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP) failed")


def no_temp_files(folder: Path) -> bool:
    """True when no writer's temp file ('.NAME.xxxx.tmp') was left in folder."""
    return not [p for p in folder.iterdir() if p.name.startswith(".") and p.name.endswith(".tmp")]


# -- the input is never the output -----------------------------------------------------------------------------------


@pytest.mark.parametrize("spelling", ["same path", "other spelling", "symlink", "hard link", "partial file"])
def test_draft_refuses_to_write_onto_its_facts(tmp_path, facts, home, spelling):
    """`draft f.md -o f.md` (by any path or link, or where FILE.partial would land) exits 2 and keeps the facts."""
    if spelling == "same path":
        output, source = str(facts), str(facts)
    elif spelling == "other spelling":
        output, source = str(tmp_path / "." / "facts.md"), "facts.md"
    elif spelling == "symlink":
        (tmp_path / "link.md").symlink_to("facts.md")
        output, source = str(tmp_path / "link.md"), str(facts)
    elif spelling == "hard link":
        os.link(facts, tmp_path / "hard.md")
        output, source = str(facts), str(tmp_path / "hard.md")
    else:
        os.rename(facts, tmp_path / "summary.md.partial")
        facts = tmp_path / "summary.md.partial"
        output, source = str(tmp_path / "summary.md"), str(facts)
    proc = run("draft", source, "-o", output, home=home, cwd=tmp_path)
    assert_one_line_error(proc, 2, "is the facts file")
    assert facts.read_text() == FACTS


def test_draft_from_stdin_refuses_to_write_onto_the_redirected_file(facts, home):
    """`drafter draft - -o f.md < f.md` is caught through stdin's device and inode."""
    with facts.open("rb") as stdin:
        proc = run("draft", "-", "-o", str(facts), home=home, stdin=stdin)
    assert_one_line_error(proc, 2, "is the facts file stdin")
    assert facts.read_text() == FACTS


def test_clean_in_place_keeps_the_original_byte_for_byte(tmp_path, home):
    """`clean r.txt -o r.txt` cleans in place (atomically, mode kept) and keeps the original bytes in r.txt.orig."""
    report = tmp_path / "r.txt"
    original = b"We grew sales by 12% in 2025.\r\nWe grew sales by 12% in 2025.\r\nIn conclusion, thanks to all.\r\n"
    report.write_bytes(original)
    report.chmod(0o640)
    proc = run("clean", str(report), "-o", str(report), home=home)
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "r.txt.orig").read_bytes() == original
    assert report.read_text().count("We grew sales by 12% in 2025.") == 1
    assert stat.S_IMODE(report.stat().st_mode) == 0o640
    assert stat.S_IMODE((tmp_path / "r.txt.orig").stat().st_mode) == 0o640, "the copy is as private as the original"
    assert "r.txt.orig" in proc.stderr


# -- -o rules -------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("umask, mode", [(0o022, 0o644), (0o027, 0o640), (0o002, 0o664)])
def test_new_output_file_gets_the_umask_mode(tmp_path, facts, home, umask, mode):
    """A new -o file is created with 0666 less the umask, as any Unix tool does (it was always 0600)."""
    target = tmp_path / "summary.md"
    proc = run("draft", str(facts), "-o", str(target), home=home, umask=umask)
    assert proc.returncode == 0, proc.stderr
    assert stat.S_IMODE(target.stat().st_mode) == mode
    assert "418" in target.read_text()


def test_existing_output_keeps_its_mode_and_owner(tmp_path, facts, home):
    """A regular file is replaced atomically (a new inode) but keeps its mode, and its owner where drafter may."""
    target = tmp_path / "summary.md"
    target.write_text("old summary\n")
    target.chmod(0o640)
    owner = (NOBODY_UID, NOBODY_UID) if os.geteuid() == 0 else (os.getuid(), os.getgid())
    os.chown(target, *owner)
    before = target.stat()
    proc = run("draft", str(facts), "-o", str(target), home=home, umask=0o077)
    assert proc.returncode == 0, proc.stderr
    after = target.stat()
    assert "418" in target.read_text()
    assert stat.S_IMODE(after.st_mode) == 0o640
    assert (after.st_uid, after.st_gid) == owner
    assert after.st_ino != before.st_ino, "replaced by a rename, so no reader sees half a file"
    assert no_temp_files(tmp_path)


def test_symlink_output_is_followed_and_stays_a_link(tmp_path, facts, home):
    """-o LINK replaces the link's target; the link itself stays a link (also one whose target does not exist yet)."""
    (tmp_path / "out").mkdir()
    target = tmp_path / "out" / "summary.md"
    target.write_text("old\n")
    link = tmp_path / "link.md"
    link.symlink_to(Path("out") / "summary.md")
    dangling = tmp_path / "dangling.md"
    dangling.symlink_to(Path("out") / "new.md")
    for path in (link, dangling):
        proc = run("draft", str(facts), "-o", str(path), home=home)
        assert proc.returncode == 0, proc.stderr
        assert path.is_symlink(), f"{path.name} was replaced by a regular file"
    assert "418" in target.read_text() and "418" in (tmp_path / "out" / "new.md").read_text()
    assert no_temp_files(tmp_path) and no_temp_files(tmp_path / "out")


def test_hard_linked_output_keeps_the_link(tmp_path, facts, home):
    """A file with two names is rewritten in place: both names still share one inode and show the new summary."""
    target = tmp_path / "summary.md"
    target.write_text("an older and much longer summary than the new one will be, " * 20 + "\n")
    other = tmp_path / "copy-in-shared-folder.md"
    os.link(target, other)
    proc = run("draft", str(facts), "-o", str(target), home=home)
    assert proc.returncode == 0, proc.stderr
    assert target.stat().st_ino == other.stat().st_ino and target.stat().st_nlink == 2
    assert other.read_text() == target.read_text() and "418" in other.read_text()
    assert "older" not in target.read_text(), "the rest of a longer old text is cut off"


def test_fifo_output_is_written_not_replaced(tmp_path, facts, home):
    """-o FIFO opens the FIFO and writes into it (a reader gets the summary); the FIFO is never renamed over."""
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    spare = tmp_path / "pipe-spare-name"
    os.link(fifo, spare)  # a second name, so a reader stuck on a replaced FIFO can still be released
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(spare.read_bytes()), daemon=True)
    reader.start()
    proc = run("draft", str(facts), "-o", str(fifo), home=home)
    reader.join(timeout=10)
    if reader.is_alive():
        os.close(os.open(spare, os.O_WRONLY | os.O_NONBLOCK))  # release the reader: nobody wrote the FIFO
        reader.join(timeout=10)
    assert proc.returncode == 0, proc.stderr
    assert stat.S_ISFIFO(fifo.lstat().st_mode), "the FIFO was replaced by a regular file"
    assert received and b"418" in received[0]


def test_null_device_output_stays_a_device(tmp_path, facts, home):
    """-o on a /dev/null node writes into the device; as root the old writer turned it into a regular file."""
    null = make_device(tmp_path / "null", NULL_DEVICE)
    proc = run("draft", str(facts), "-o", str(null), home=home)
    assert proc.returncode == 0, proc.stderr
    assert stat.S_ISCHR(null.lstat().st_mode) and os.major(null.lstat().st_rdev) == NULL_DEVICE[0]
    assert no_temp_files(tmp_path)


# -- write failures: one line, exit 1, the text kept ----------------------------------------------------------------


def test_full_device_output_fails_in_one_line_and_keeps_the_summary(tmp_path, facts, home):
    """-o on a /dev/full node: 'No space left on device', exit 1, the summary kept under $DRAFTER_HOME/unsaved."""
    full = make_device(tmp_path / "full", FULL_DEVICE)
    proc = run("draft", str(facts), "-o", str(full), home=home)
    error = assert_one_line_error(proc, 1, "No space left on device")
    assert "418" in kept_text(error)
    assert stat.S_ISCHR(full.lstat().st_mode)


def test_stdout_on_dev_full_fails_in_one_line_and_keeps_the_summary(facts, home):
    """stdout redirected to /dev/full: the draft ends in one line (no 'Exception ignored'), the summary is kept."""
    with open("/dev/full", "wb") as full:
        proc = run("draft", str(facts), home=home, stdout=full)
    error = assert_one_line_error(proc, 1, "stdout", "No space left on device")
    assert "418" in kept_text(error)


@pytest.mark.parametrize("command", [["check", "{facts}", "--facts", "{facts}"], ["tokens", "{facts}"],
                                     ["clean", "{facts}", "--diff"]])
def test_reports_on_a_full_stdout_fail_in_one_line(facts, home, command):
    """Reports written straight to stdout (check, tokens, clean --diff) also end in one line, exit 1."""
    with open("/dev/full", "wb") as full:
        proc = run(*[part.format(facts=facts) for part in command], home=home, stdout=full)
    assert_one_line_error(proc, 1, "No space left on device")


@pytest.mark.parametrize("case", ["under a file", "name too long"])
def test_unwritable_output_path_fails_in_one_line_and_keeps_the_summary(tmp_path, facts, home, case):
    """-o somefile/x.md and a 300-character name: exit 1, one line naming the path, the summary kept."""
    output = str(facts / "x.md") if case == "under a file" else str(tmp_path / ("n" * 300 + ".md"))
    proc = run("draft", str(facts), "-o", output, home=home)
    reason = "Not a directory" if case == "under a file" else "File name too long"
    error = assert_one_line_error(proc, 1, reason)
    assert error.startswith(f"error: {output}: cannot write")
    assert "418" in kept_text(error)
    assert no_temp_files(tmp_path)


def test_long_name_that_fits_is_written(tmp_path, facts, home):
    """A 250-character name is legal; the temp file beside it must not make it too long."""
    target = tmp_path / ("n" * 247 + ".md")
    proc = run("draft", str(facts), "-o", str(target), home=home)
    assert proc.returncode == 0, proc.stderr
    assert "418" in target.read_text()


def test_read_only_folder_fails_in_one_line_and_keeps_the_summary(tmp_path, facts, home):
    """-o into a folder the user may not write: exit 1, 'Permission denied', the summary kept.

    As root (CI) the child drops the capability that lets root write anywhere, so the 0555 folder binds it too.
    """
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    home.mkdir()
    preexec = drop_file_permission_override if os.geteuid() == 0 else None
    try:
        proc = run("draft", str(facts), "-o", str(locked / "summary.md"), home=home, preexec=preexec)
    finally:
        locked.chmod(0o755)
    error = assert_one_line_error(proc, 1, "Permission denied")
    assert "418" in kept_text(error)
    assert list(locked.iterdir()) == []


def test_missing_folder_is_refused_before_anything_is_sent(tmp_path, facts, home, openai_server):
    """-o into a folder that does not exist: exit 2 before a single request reaches the server."""
    proc = run("draft", str(facts), "--backend", "openai", "--base-url", openai_server.base_url, "--model", "m",
               "-o", str(tmp_path / "no-such-folder" / "summary.md"), home=home, server=openai_server,
               OPENAI_API_KEY="sk-test")
    assert_one_line_error(proc, 2, "does not exist")
    assert openai_server.count("chat/completions") == 0


def test_partial_file_follows_the_umask(tmp_path, home, openai_server):
    """FILE.partial, kept when the server fails mid-draft, is a user file too: 0644 under umask 022."""
    openai_server.set_faults("unavailable", match='section "Problems and lessons"')
    target = tmp_path / "summary.md"
    proc = run("draft", str(FIXTURES / "sales-inside.md"), "--backend", "openai", "--base-url", openai_server.base_url,
               "--model", "m", "--retries", "0", "-o", str(target), home=home, server=openai_server,
               OPENAI_API_KEY="sk-test")
    assert proc.returncode == 1, proc.stderr
    partial = tmp_path / "summary.md.partial"
    assert partial.is_file(), proc.stderr
    assert stat.S_IMODE(partial.stat().st_mode) == 0o644


# -- the interactive session's saved text ----------------------------------------------------------------------------


def drafted_session(facts: Path, folder: Path, **options):
    """A session from a facts file with every section drafted offline and accepted (options go to Session.new)."""
    from drafter.backends.offline import OfflineBackend
    from drafter.config import Settings
    from drafter.facts import load_facts
    from drafter.session import Session

    session = Session.new(role="sales", facts=load_facts(facts).items, folder=folder, **options)
    session.finish_facts()
    for index in range(len(session.sections)):
        session.draft_section(index, OfflineBackend(), Settings())
        session.accept(index)
    return session


def test_session_save_follows_the_umask_and_keeps_its_state_private(tmp_path, facts, monkeypatch):
    """/save writes the user's summary with the umask's mode; the session's own JSON stays 0600."""
    monkeypatch.setenv("DRAFTER_HOME", str(tmp_path / "home"))
    previous = os.umask(0o022)
    try:
        session = drafted_session(facts, tmp_path / "sessions")
        target, _ = session.save_output(tmp_path / "summary.md")
    finally:
        os.umask(previous)
    assert "418" in target.read_text()
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    assert stat.S_IMODE(session.path.stat().st_mode) == 0o600


def test_session_refuses_to_save_onto_its_facts_file(tmp_path, facts, monkeypatch):
    """/save onto the file the session's facts came from (here through a symlink) is refused; the facts stay."""
    from drafter.errors import InputError

    monkeypatch.setenv("DRAFTER_HOME", str(tmp_path / "home"))
    session = drafted_session(facts, tmp_path / "sessions", facts_file=facts)
    (tmp_path / "link.md").symlink_to(facts)
    with pytest.raises(InputError, match="is the facts file"):
        session.save_output(tmp_path / "link.md")
    assert facts.read_text() == FACTS
