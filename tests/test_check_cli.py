"""`drafter check` run as a user would: real files and pipes, exit codes, text and JSON reports."""

from __future__ import annotations

import json

from helpers import FIXTURES, ROLE_FIXTURES, invoke_drafter

CORPUS = FIXTURES / "grounding"
INVENTED = CORPUS / "01-settlement-invented-figures"
PLACEHOLDERS = CORPUS / "06-placeholders"
CLEAN = CORPUS / "16-clean-rewrite"


def test_lists_unsupported_claims_with_line_col_and_sentence(tmp_path):
    proc = invoke_drafter("check", str(INVENTED / "draft.md"), "--facts", str(INVENTED / "facts.md"), home=tmp_path)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0] == f"{INVENTED / 'draft.md'}:9:126: invented number '170 million'"
    assert lines[1] == "    in: Across the office we processed 170 million records, and collections were up 10% on the year."
    assert lines[2].endswith(":9:171: invented percent '10%'")
    assert lines[-1].endswith(": 2 unsupported, 3 facts left out (27 claims checked)")
    assert "omitted: fact 8 (facts line 20) is stated nowhere in the draft" in proc.stdout
    assert proc.stderr == ""


def test_strict_exits_1_when_anything_is_unsupported(tmp_path):
    proc = invoke_drafter("check", str(INVENTED / "draft.md"), "--facts", str(INVENTED / "facts.md"), "--strict",
                          home=tmp_path)
    assert proc.returncode == 1
    assert "invented number '170 million'" in proc.stdout


def test_strict_exits_0_on_a_grounded_draft(tmp_path):
    proc = invoke_drafter("check", str(CLEAN / "draft.md"), "--facts", str(CLEAN / "facts.md"), "--strict", home=tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "every number, date and name is in the facts" in proc.stdout


def test_strict_exits_1_while_a_placeholder_remains_even_a_fillable_one(tmp_path):
    facts = tmp_path / "facts.md"
    facts.write_text("---\nname: Li Wei\nyear: 2026\n---\n- Issued 366 certificates\n", encoding="utf-8")
    draft = tmp_path / "draft.md"
    draft.write_text("# 20** Summary: [Name]\n\nI issued 366 certificates.\n", encoding="utf-8")
    proc = invoke_drafter("check", str(draft), "--facts", str(facts), "--strict", home=tmp_path)
    assert proc.returncode == 1
    assert f"{draft}:1:3: placeholder '20**' to fill: the front matter gives '2026' (year)" in proc.stdout
    draft.write_text("# 2026 Summary: Li Wei\n\nI issued 366 certificates.\n", encoding="utf-8")
    assert invoke_drafter("check", str(draft), "--facts", str(facts), "--strict", home=tmp_path).returncode == 0


def test_json_report(tmp_path):
    proc = invoke_drafter("check", str(PLACEHOLDERS / "draft.md"), "--facts", str(PLACEHOLDERS / "facts.md"),
                          "--format", "json", home=tmp_path)
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert set(data) == {"unsupported", "placeholders", "filled", "omitted"}
    assert data["unsupported"] == []
    assert data["placeholders"] == [{"text": "XX", "line": 9, "col": 78}, {"text": "[Date]", "line": 9, "col": 85},
                                    {"text": "____", "line": 9, "col": 101}]
    assert data["filled"][0] == {"placeholder": "20**", "value": "2026", "line": 1, "col": 3, "field": "year"}


def test_json_lists_unsupported_claims_and_strict_still_applies(tmp_path):
    proc = invoke_drafter("check", str(INVENTED / "draft.md"), "--facts", str(INVENTED / "facts.md"), "-f", "json",
                          "--strict", home=tmp_path)
    assert proc.returncode == 1
    data = json.loads(proc.stdout)
    assert [(c["text"], c["kind"], c["line"], c["col"]) for c in data["unsupported"]] == [
        ("170 million", "number", 9, 126), ("10%", "percent", 9, 171)]
    assert data["unsupported"][0]["sentence"].startswith("Across the office")


def test_draft_from_stdin(tmp_path):
    proc = invoke_drafter("check", "-", "--facts", str(ROLE_FIXTURES["sales-inside"]), home=tmp_path,
                          stdin="I processed 2,318 orders and 9,999 returns for Acme Corp.\n")
    assert proc.returncode == 0
    assert "<stdin>:1:30: invented number '9,999'" in proc.stdout
    assert "<stdin>:1:48: invented name 'Acme Corp.'" in proc.stdout
    assert "omitted: fact 2 (facts line 9) is stated nowhere in the draft" in proc.stdout


def test_role_fixed_text_is_not_a_claim(tmp_path):
    facts = tmp_path / "facts.md"
    facts.write_text("---\nrole: settlement-office\nname: Li Wei\nyear: 2026\n---\n- Issued 366 certificates\n",
                     encoding="utf-8")
    draft = tmp_path / "draft.md"
    draft.write_text("I issued 366 certificates. The Settlement Office Clerk role covers contracts.\n", encoding="utf-8")
    assert invoke_drafter("check", str(draft), "--facts", str(facts), "--strict", home=tmp_path).returncode == 0
    facts.write_text("---\nname: Li Wei\nyear: 2026\n---\n- Issued 366 certificates\n", encoding="utf-8")
    proc = invoke_drafter("check", str(draft), "--facts", str(facts), "--strict", home=tmp_path)
    assert proc.returncode == 1 and "invented name 'Settlement Office Clerk'" in proc.stdout
    proc = invoke_drafter("check", str(draft), "--facts", str(facts), "--role", "settlement", "--strict", home=tmp_path)
    assert proc.returncode == 0, proc.stdout


def test_offline_draft_of_every_fixture_passes_strict(tmp_path):
    for name, facts in ROLE_FIXTURES.items():
        out = tmp_path / f"{name}.md"
        drafted = invoke_drafter("draft", str(facts), "-o", str(out), home=tmp_path)
        assert drafted.returncode == 0, drafted.stderr
        proc = invoke_drafter("check", str(out), "--facts", str(facts), "--strict", home=tmp_path)
        assert proc.returncode == 0, proc.stdout


def test_any_job_title_checks(tmp_path):
    """check works with any role: only draft needs a built-in one (the role's fixed prose is then empty)."""
    facts = tmp_path / "facts.md"
    facts.write_text("---\nrole: Head nurse\nyear: 2026\n---\n- Trained 2 new nurses in April\n", encoding="utf-8")
    draft = tmp_path / "draft.md"
    draft.write_text("I trained 2 new nurses in July.\n", encoding="utf-8")
    proc = invoke_drafter("check", str(draft), "--facts", str(facts), "--strict", home=tmp_path)
    assert proc.returncode == 1, proc.stderr
    assert "wrong-date 'July'" in proc.stdout and "fact 1" in proc.stdout
    explained = invoke_drafter("check", str(draft), "--facts", str(facts), "--explain", "--role", "astronaut",
                               home=tmp_path)
    assert explained.returncode == 0 and "aligned to: fact 1" in explained.stdout


def test_bad_input_exits_2(tmp_path):
    facts = str(ROLE_FIXTURES["sales-inside"])
    missing = invoke_drafter("check", str(tmp_path / "nope.md"), "--facts", facts, home=tmp_path)
    assert missing.returncode == 2 and "nope.md: no such file" in missing.stderr
    no_facts = invoke_drafter("check", str(CLEAN / "draft.md"), home=tmp_path)
    assert no_facts.returncode == 2 and "--facts" in no_facts.stderr
    bad_facts = tmp_path / "facts.json"
    bad_facts.write_text("{not json", encoding="utf-8")
    malformed = invoke_drafter("check", str(CLEAN / "draft.md"), "--facts", str(bad_facts), home=tmp_path)
    assert malformed.returncode == 2 and "malformed JSON" in malformed.stderr
    empty = tmp_path / "empty.md"
    empty.write_text("\n", encoding="utf-8")
    blank = invoke_drafter("check", str(empty), "--facts", facts, home=tmp_path)
    assert blank.returncode == 2 and "is empty" in blank.stderr
    binary = tmp_path / "draft.bin"
    binary.write_bytes(b"\x00\x01\x02")
    assert invoke_drafter("check", str(binary), "--facts", facts, home=tmp_path).returncode == 2
    fmt = invoke_drafter("check", str(CLEAN / "draft.md"), "--facts", facts, "--format", "xml", home=tmp_path)
    assert fmt.returncode == 2 and "unknown --format 'xml'" in fmt.stderr
    both = invoke_drafter("check", "-", "--facts", "-", home=tmp_path, stdin="x")
    assert both.returncode == 2 and "both come from stdin" in both.stderr
    for proc in (missing, no_facts, malformed, blank, fmt, both):
        assert "Traceback" not in proc.stderr and proc.stdout == ""


def test_a_unit_in_old_spelling_reads_as_its_unit(tmp_path):
    """Case-insensitive matching takes the long s ("dayſ") and the Kelvin sign for s and k: the unit tables are
    read with the same folding, so such a draft is checked, not stopped by an internal error."""
    facts = tmp_path / "facts.md"
    facts.write_text("- Turnaround fell from 6 days to 3 days.\n", encoding="utf-8")
    draft = tmp_path / "draft.md"
    draft.write_text("Turnaround fell from 6 dayſ to 3 dayſ, twice the ſpeed.\n", encoding="utf-8")
    proc = invoke_drafter("check", str(draft), "--facts", str(facts), home=tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "every number, date and name is in the facts" in proc.stdout
