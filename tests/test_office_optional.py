"""The office extra is optional: `drafter --help` and a Markdown draft never import python-docx or python-pptx, and
asking for .docx or .pptx without them is one line naming the pip command, exit 2 (issue 15). These tests need
neither library."""

from __future__ import annotations

import subprocess
import sys
import tomllib

import pytest

from drafter import cli
from helpers import ROLE_FIXTURES, ROOT, drafter_env

OFFICE_MODULES = ("docx", "pptx", "lxml", "PIL", "xlsxwriter")  # the extra and what it pulls in


def imported_modules(args: list[str], home) -> set[str]:
    """The top-level modules a drafter run imports, from `python -X importtime`."""
    proc = subprocess.run([sys.executable, "-X", "importtime", "-m", "drafter", *args], capture_output=True, text=True,
                          cwd=ROOT, env=drafter_env(home), timeout=60)
    assert proc.returncode == 0, proc.stderr[-2000:]
    names = set()
    for line in proc.stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            names.add(line.rsplit("|", 1)[1].strip().split(".")[0])
    assert "drafter" in names  # the listing was read
    return names


@pytest.mark.parametrize("args", [["--help"], ["draft", str(ROLE_FIXTURES["settlement-office"])]],
                         ids=["help", "markdown-draft"])
def test_help_and_a_markdown_draft_never_import_the_office_libraries(args, tmp_path):
    found = imported_modules(args, tmp_path) & set(OFFICE_MODULES)
    assert not found, f"drafter {' '.join(args)} imported {sorted(found)}"


def run_main(args: list[str], monkeypatch, capsys) -> tuple[int, str, str]:
    """Run drafter's entry point in process, as the console script does: (exit code, stdout, stderr)."""
    monkeypatch.setattr(sys, "argv", ["drafter", *args])
    with pytest.raises(SystemExit) as stop:
        cli.main()
    captured = capsys.readouterr()
    return stop.value.code, captured.out, captured.err


@pytest.mark.parametrize("args", [
    ["draft", "{facts}", "-o", "{out}.docx"],
    ["draft", "{facts}", "-o", "{out}.pptx"],
    ["draft", "{facts}", "--format", "pptx", "-o", "{out}"],
    ["export", "{facts}", "--facts", "{facts}", "-o", "{out}.pptx"],
], ids=["draft-docx", "draft-pptx", "format-pptx", "export-pptx"])
def test_without_the_extra_a_document_is_one_line_naming_the_pip_command(args, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("DRAFTER_HOME", str(tmp_path / "home"))
    for module in ("docx", "pptx"):
        monkeypatch.setitem(sys.modules, module, None)  # as if not installed: importlib finds no spec
    out = tmp_path / "summary"
    args = [a.format(facts=ROLE_FIXTURES["sales-inside"], out=out) for a in args]
    code, stdout, stderr = run_main(args, monkeypatch, capsys)
    assert code == 2
    assert stderr.count("\n") == 1 and stderr.startswith("error: ")
    assert "pip install 'drafter[office]'" in stderr and ("python-docx" in stderr or "python-pptx" in stderr)
    assert stdout == "" and list(tmp_path.glob("summary*")) == []


def test_the_test_install_brings_the_office_extra_so_ci_runs_its_tests():
    extras = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["optional-dependencies"]
    assert {dep.split(">")[0] for dep in extras["office"]} == {"python-docx", "python-pptx"}
    assert "drafter[office]" in extras["test"]
