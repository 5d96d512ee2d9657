"""Integration: every fixture drafted through a real model server (llama.cpp + SmolLM2-135M, see .ci/llm-server).

Skipped unless DRAFTER_TEST_LLM_URL holds the server's base URL (`.ci/llm-server start` prints it). The model is
tiny: its prose is poor and it invents figures, so these tests check the protocol and the structure of the
result (every planned section, cleaned, grounding warnings for invented figures), never the exact prose.
"""

from __future__ import annotations

import json
import os
import re

import pytest

from helpers import FIXTURES, run_drafter

URL = os.environ.get("DRAFTER_TEST_LLM_URL", "").strip()
MODEL = os.environ.get("DRAFTER_TEST_LLM_MODEL", "smollm2")
FIXTURE_FILES = sorted(FIXTURES.glob("*.md"))

pytestmark = [
    pytest.mark.llm_server,
    pytest.mark.skipif(not URL, reason="set DRAFTER_TEST_LLM_URL (e.g. from `.ci/llm-server start`) to run"),
]

# Chat-template debris a raw model can leak, and headings inside a section body: none may reach the output.
DEBRIS = re.compile(r"<\|im_(?:start|end)\|>|<\|endoftext\|>|</?s>|^#{1,6}\s*$", re.MULTILINE)
FIGURE = re.compile(r"\d[\d,.]*\d|\d")


def llm_args(*extra: str) -> list[str]:
    """Flags pointing drafter at the real server, with bounds that keep a 2-core CI machine within time."""
    return ["--backend", "openai", "--base-url", URL, "--model", MODEL, "--api-key", "dummy",
            "--max-tokens", "160", "--temperature", "0", "--timeout", "180", "--retries", "1", *extra]


def planned_titles(path) -> list[str]:
    """The section titles drafter plans for a facts file, in order."""
    from drafter.facts import load_facts
    from drafter.pipeline import resolve_role
    from drafter.roles import plan_sections

    facts = load_facts(str(path))
    return [p.section.title for p in plan_sections(resolve_role(facts, None), facts)]


def figures(text: str) -> set[str]:
    """Every figure in a text, without thousands separators or trailing dots."""
    return {f.replace(",", "").rstrip(".") for f in FIGURE.findall(text)}


def figure_key(figure: str) -> str:
    """A figure's significant digits, so that 48.3 (million) and 48300000 compare equal, as grounding allows."""
    return figure.replace(".", "").lstrip("0").rstrip("0") or "0"


def draft_json(path, tmp_path, *extra: str) -> dict:
    """Draft a fixture through the real server as JSON and return the document."""
    proc = run_drafter("draft", str(path), "--format", "json", *llm_args(*extra), home=tmp_path, timeout=900)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    return json.loads(proc.stdout)


def check_structure(doc: dict, path) -> None:
    """Every planned section present, in order, with text; the cleanup pass ran; nothing raw left behind."""
    titles = planned_titles(path)
    assert [s["title"] for s in doc["sections"]] == titles
    assert doc["complete"] is True
    assert all(s["status"] == "done" for s in doc["sections"])
    assert all(s["text"].strip() for s in doc["sections"]), [s["title"] for s in doc["sections"] if not s["text"]]
    headings = re.findall(r"^## (.+)$", doc["text"], re.MULTILINE)
    assert headings == titles, "each section heading exactly once, in plan order"
    assert doc["text"].startswith("# ")
    assert not DEBRIS.search(doc["text"]), DEBRIS.search(doc["text"]).group(0)
    assert "\n\n\n" not in doc["text"]
    assert "cleanup" in doc, "the cleanup pass must run by default"
    assert doc["backend"] == "openai" and doc["model"] == MODEL


def check_grounding(doc: dict, path) -> None:
    """Every figure in the prose that is in neither the facts nor the role's fixed text is named in a warning."""
    facts_text = path.read_text(encoding="utf-8")
    known = {figure_key(f) for f in figures(facts_text) | figures(doc["title"])}
    year = re.search(r"^year:\s*((?:19|20)\d\d)\s*$", facts_text, re.MULTILINE)
    if year:  # the year before the report's is implied, as the report's own is (drafter.grounding: "than in 2025")
        known.add(figure_key(str(int(year.group(1)) - 1)))
    body = "\n".join(s["text"] for s in doc["sections"])
    # Clearly invented: digits found nowhere in the facts (single digits are left out: 'one'/'two' rewrites).
    invented = {f for f in figures(body) if figure_key(f) not in known and len(f) > 1}
    warned = " ".join(doc["warnings"]).replace(",", "")
    if invented:
        assert doc["warnings"], f"invented figures {sorted(invented)} but no warnings"
    missing = {f for f in invented if f not in warned}
    assert not missing, f"invented figures without a warning: {sorted(missing)}; warnings: {doc['warnings']}"


def test_server_lists_the_model():
    import openai

    client = openai.OpenAI(api_key="dummy", base_url=URL, max_retries=0, timeout=30)
    assert [m.id for m in client.models.list()], "the server lists at least one model"


@pytest.mark.parametrize("path", FIXTURE_FILES, ids=lambda p: p.stem)
def test_strict_repaired_draft_of_each_fixture(path, tmp_path):
    """Streamed, with --strict (and so --repair): however poor the small model's prose, every section has text,
    nothing the facts do not support is left, no fact is left out, and no prompt echo or fragment stays."""
    doc = draft_json(path, tmp_path, "--strict")
    check_structure(doc, path)
    check_grounding(doc, path)
    assert isinstance(doc["repaired"], list)
    wrong = [i for i in doc["grounding"]["unsupported"] if i.get("verdict")]
    assert not wrong, wrong
    from test_model_replies import echoes_in, fragments_in, instruction_runs  # the benchmark's counts

    body = "\n\n".join(s["text"] for s in doc["sections"])
    assert doc["grounding"]["omitted"] == [], "every fact is covered"
    assert echoes_in(body, instruction_runs(path.stem)) == []
    assert fragments_in(body) == []


@pytest.mark.parametrize("path", FIXTURE_FILES, ids=lambda p: p.stem)
def test_non_streamed_draft_of_each_fixture(path, tmp_path):
    """Without --strict a section the model left with no usable text stays, marked, and fails the run (exit 1)."""
    proc = run_drafter("draft", str(path), "--format", "json", *llm_args("--no-stream"), home=tmp_path, timeout=900)
    assert "Traceback" not in proc.stderr
    doc = json.loads(proc.stdout)
    empty = [s["title"] for s in doc["sections"] if s["status"] == "empty"]
    if empty:
        assert proc.returncode == 1 and "no usable text from the model" in proc.stderr, proc.stderr
        assert all(f"## {title}" in doc["text"] for title in empty), "an empty section keeps its heading"
    else:
        assert proc.returncode == 0, proc.stderr
        check_structure(doc, path)
    check_grounding(doc, path)
    assert doc["usage"]["output_tokens"] > 0, "a non-streamed reply carries usage (llama.cpp streams send none)"


def test_markdown_to_a_file_through_the_server(tmp_path):
    path = FIXTURE_FILES[0]
    out = tmp_path / "summary.md"
    proc = run_drafter("draft", str(path), "-o", str(out), *llm_args("--strict"), home=tmp_path, timeout=900)
    assert proc.returncode == 0, proc.stderr
    text = out.read_text(encoding="utf-8")
    assert re.findall(r"^## (.+)$", text, re.MULTILINE) == planned_titles(path)
    assert not (tmp_path / "summary.md.partial").exists()
    assert "dummy" not in proc.stderr


VERDICTS = {"invented", "misattributed", "wrong-date", "wrong-name", "plan-as-done"}


@pytest.mark.parametrize("path", FIXTURE_FILES[:1], ids=lambda p: p.stem)
def test_check_gives_a_verdict_and_reason_for_every_finding_in_a_real_model_draft(path, tmp_path):
    """The real model's draft, checked claim by claim: each finding has a kind and a reason naming what is wrong,
    and each fact the draft leaves out is listed with its line in the facts file."""
    out = tmp_path / "summary.md"
    proc = run_drafter("draft", str(path), "-o", str(out), *llm_args(), home=tmp_path, timeout=900)
    assert proc.returncode in (0, 1), proc.stderr  # 1: a section left empty, marked in the file
    check = run_drafter("check", str(out), "--facts", str(path), "--format", "json", home=tmp_path)
    assert check.returncode == 0, check.stderr
    report = json.loads(check.stdout)
    for item in report["unsupported"]:
        assert item["verdict"] in VERDICTS | {"unsupported"} and item["reason"], item
    fact_lines = {i + 1: line for i, line in enumerate(path.read_text(encoding="utf-8").splitlines())}
    for omitted in report["omitted"]:
        assert omitted["text"] in fact_lines[omitted["line"]], omitted
    print(f"{path.stem}: {len(report['unsupported'])} findings "
          f"({', '.join(sorted(i['verdict'] for i in report['unsupported']))}), {len(report['omitted'])} facts left out")
