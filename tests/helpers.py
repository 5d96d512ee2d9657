"""Running drafter as a user would: in a real process with real files and pipes (run_drafter), or in this process
with typer's CliRunner where a process proves nothing (invoke_drafter)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
ROLE_FIXTURES = {
    "settlement-office": FIXTURES / "settlement-office.md",
    "sales-inside": FIXTURES / "sales-inside.md",
    "district-insurance-manager": FIXTURES / "district-insurance-manager.md",
}
TERMINAL_SIZE_VARIABLES = ("COLUMNS", "LINES")  # a test that wants them passes them to drafter_env
SEED = FIXTURES / "seed" / "000_c2b9ed92e07e8088.txt"  # the project's seed text, shipped so tests never depend on /work


def drafter_env(home: Path, **extra: str) -> dict[str, str]:
    """A clean environment for drafter: its own home, no key, no server, no colour, and no terminal size from the
    test runner (pytest-xdist's workers set COLUMNS=80 and LINES=24, which would override a pty's dimensions)."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("OPENAI_", "DRAFTER_")) and k not in TERMINAL_SIZE_VARIABLES}
    env.update({"DRAFTER_HOME": str(home), "NO_COLOR": "1", "PYTHONIOENCODING": "utf-8"})
    env.update(extra)
    return env


def run_drafter(*args: str, home: Path, stdin: str | bytes | None = None, cwd: Path | None = None,
                timeout: float = 60, **env: str) -> subprocess.CompletedProcess:
    """Run `python -m drafter ARGS` in a subprocess and capture its output as text."""
    data = stdin.encode() if isinstance(stdin, str) else stdin
    proc = subprocess.run([sys.executable, "-m", "drafter", *args], input=data, capture_output=True,
                          cwd=cwd or ROOT, env=drafter_env(home, **env), timeout=timeout)
    proc.stdout = proc.stdout.decode("utf-8", "replace")
    proc.stderr = proc.stderr.decode("utf-8", "replace")
    return proc


def invoke_drafter(*args: str, home: Path, stdin: str | bytes | None = None, cwd: Path | None = None,
                   server=None, **env: str) -> subprocess.CompletedProcess:
    """Run drafter's `main` in this process as run_drafter runs it in a subprocess, for tests where a process
    proves nothing: typer's CliRunner gives it stdin, captures stdout and stderr and sets drafter_env's environment.

    With `server` (an OpenAIStub), the openai backend sends through the stub's in-process transport (an httpx
    MockTransport) instead of a socket. Returns what run_drafter returns: the exit code and text stdout and stderr.
    Signals, pipes, closed streams and startup need a real process: use run_drafter for those.
    """
    import signal

    import httpx2
    from typer.testing import CliRunner

    from drafter import cli, config, roles

    new_env = drafter_env(home, **env)
    changes: dict[str, str | None] = {key: None for key in os.environ if key not in new_env}
    changes.update(new_env)
    http_client = httpx2.Client(transport=server.transport()) if server is not None else None
    secrets, sigint, old_cwd, old_argv = set(config._SECRETS), signal.getsignal(signal.SIGINT), os.getcwd(), sys.argv
    sys.argv = ["drafter", *args]  # the program name usage messages show, as the installed command has it
    roles._load_roles.cache_clear()  # a new process reads the role files again and knows no secret yet
    config._SECRETS.clear()
    try:
        os.chdir(cwd or ROOT)
        with CliRunner().isolation(input=stdin, env=changes) as (out, err, _):
            try:
                cli.main(list(args), http_client=http_client)
                code = 0
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
            sys.stdout.flush()
            sys.stderr.flush()
            stdout, stderr = out.getvalue(), err.getvalue()
    finally:
        os.chdir(old_cwd)
        sys.argv = old_argv
        signal.signal(signal.SIGINT, sigint)
        config._SECRETS.clear()
        config._SECRETS.update(secrets)
        if http_client is not None:
            http_client.close()
    return subprocess.CompletedProcess(["drafter", *args], code, stdout.decode("utf-8", "replace"),
                                       stderr.decode("utf-8", "replace"))


def clean_with_lists_only(text: str) -> str:
    """The cleaned text with the shipped phrase lists: no user lists, no stock model (the shape tests' view; the
    furniture and block models stay on, so that the shape tests guard them too)."""
    from drafter.cleanup import CleanupSettings, clean

    return clean(text, CleanupSettings(user_lists=False, stock_threshold=1.0)).text
