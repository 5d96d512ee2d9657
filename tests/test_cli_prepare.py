"""`drafter --version`, the generic-role note and the single prepare step of `drafter draft`, in process (typer's
CliRunner: what they check is the command's own logic, not the process around it)."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from drafter import __version__
from drafter.cli import app
from helpers import FIXTURES


@pytest.fixture
def home(tmp_path, monkeypatch):
    """A clean DRAFTER_HOME and environment: offline, no key, no colour."""
    for name in ("DRAFTER_BACKEND", "DRAFTER_MODEL", "OPENAI_BASE_URL", "OPENAI_API_KEY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("DRAFTER_HOME", str(tmp_path))
    monkeypatch.setenv("NO_COLOR", "1")
    return tmp_path


def test_version_prints_the_version_and_exits_0(home):
    result = CliRunner().invoke(app, ["--version"])
    assert result.exit_code == 0, result.output
    assert result.stdout == f"drafter {__version__}\n"


def test_any_job_title_drafts_with_the_generic_plan_and_a_one_line_note(home, tmp_path):
    facts = tmp_path / "facts.md"
    facts.write_text("---\nrole: Head nurse\nyear: 2026\norganisation: St Mary's Hospital\n---\n"
                     "- Cut ward falls from 14 to 6 a month\n- Trained 12 new nurses in 3 groups\n"
                     "- Plan for 2027: open a second day unit\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["draft", str(facts)])
    assert result.exit_code == 0, result.output
    assert result.stderr == ("note: no role file for 'Head nurse': drafting with the generic plan (achievements, "
                             "daily work, problems and lessons, plan for next year)\n")
    assert "I work as head nurse at St Mary's Hospital." in result.stdout
    assert "## Plan for next year\n\nIn 2027 I plan to open a second day unit." in result.stdout
    result = CliRunner().invoke(app, ["draft", str(facts), "--role", "Settlement office supervisor", "--dry-run"])
    assert result.exit_code == 0, result.output
    assert result.stderr.endswith("; did you mean settlement-office?\n") and result.stderr.count("\n") == 1
    assert "settlement office supervisor" in result.stdout  # the title is in the prompt


def test_draft_resolves_the_role_and_builds_the_requests_once(home, monkeypatch):
    import drafter.cli
    import drafter.pipeline
    import drafter.role_text

    calls = {"build_requests": 0, "resolve_role": 0}

    def counted(module, name):
        real = getattr(module, name)

        def wrapper(*args, **kwargs):
            calls[name] += 1
            return real(*args, **kwargs)
        monkeypatch.setattr(module, name, wrapper)

    counted(drafter.pipeline, "build_requests")
    counted(drafter.pipeline, "resolve_role")
    counted(drafter.role_text, "resolve_role")
    shown: list[list[str]] = []

    class View:
        def __init__(self, titles):
            shown.append(titles)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return None

        def on_chunk(self, index, chunk):
            pass

    monkeypatch.setattr(drafter.cli, "StreamView", View)
    monkeypatch.setattr(drafter.cli, "_show_progress", lambda settings: True, raising=False)
    result = CliRunner().invoke(app, ["draft", str(FIXTURES / "sales-inside.md"), "--budget", "100000"])
    assert result.exit_code == 0, result.output
    assert calls == {"build_requests": 1, "resolve_role": 1}
    assert shown == [["Overview", "Sales results", "Sales support and customer work", "Problems and lessons",
                      "Plan for next year"]]
