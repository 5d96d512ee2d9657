"""Running the installed drafter command as a user would: a real process, real files and pipes."""

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
SEED = FIXTURES / "seed" / "000_c2b9ed92e07e8088.txt"  # the project's seed text, shipped so tests never depend on /work


def drafter_env(home: Path, **extra: str) -> dict[str, str]:
    """A clean environment for drafter: its own home, no key, no server, no colour."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "DRAFTER_"))}
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
