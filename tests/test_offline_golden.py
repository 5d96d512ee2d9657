"""The offline writer's output for every fixture, pinned: tests/golden/<fixture stem>.golden.md is exactly what
`drafter draft FIXTURE` prints (plain, offline). After an intended change to the writer, the roles or the offline
template, regenerate them and read the diff:

    DRAFTER_UPDATE_GOLDEN=1 .venv/bin/pytest -q tests/test_offline_golden.py
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from drafter import grounding
from drafter.config import Settings
from drafter.facts import load_facts
from drafter.pipeline import draft_summary
from drafter.role_text import fixed_text
from helpers import FIXTURES

GOLDEN = Path(__file__).parent / "golden"
CASES = sorted(p for p in FIXTURES.iterdir() if p.suffix in (".md", ".yaml"))


def offline_draft(path: Path):
    """The offline draft of a facts file, as `drafter draft` makes it."""
    return draft_summary(load_facts(str(path)), Settings(backend="offline"))


@pytest.mark.parametrize("fixture", CASES, ids=[p.name for p in CASES])
def test_the_offline_draft_matches_its_golden_file(fixture):
    text = offline_draft(fixture).markdown()
    golden = GOLDEN / f"{fixture.stem}.golden.md"
    if os.environ.get("DRAFTER_UPDATE_GOLDEN"):
        golden.write_text(text, encoding="utf-8")
    assert golden.is_file(), f"no golden file {golden}; regenerate with DRAFTER_UPDATE_GOLDEN=1"
    assert text == golden.read_text(encoding="utf-8")


def test_every_fixture_has_a_golden_file_and_no_other():
    assert sorted(p.name for p in GOLDEN.glob("*.golden.md")) == sorted(f"{p.stem}.golden.md" for p in CASES)


@pytest.mark.parametrize("fixture", CASES, ids=[p.name for p in CASES])
def test_the_offline_draft_is_grounded_and_loses_nothing_to_cleanup(fixture):
    facts = load_facts(str(fixture))
    draft = draft_summary(facts, Settings(backend="offline"))
    report = grounding.check(draft.markdown(), facts, fixed_text=fixed_text(draft.role, facts))
    assert report.unsupported == [] and report.omitted == []
    assert draft.cleanup.edits == [] and draft.warnings == []
