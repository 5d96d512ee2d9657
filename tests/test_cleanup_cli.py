"""`drafter clean` as a user runs it: a real process, real files and pipes."""

from __future__ import annotations

import json
import pytest

from helpers import FIXTURES, SEED, invoke_drafter, run_drafter

DIRTY = ("# Summary\n\nWarehouse year-end work summary PPT template\n\n"
         "I received 4,812 deliveries in 2025. Time flies, and I gained a lot.\n\n"
         "I received 4,812 deliveries in 2025.\n\n1. Count bins.\n2. Pick orders.\n3. Count bins.\n4. Ship.\n")
CLEAN = "# Summary\n\nI received 4,812 deliveries in 2025.\n\n1. Count bins.\n2. Pick orders.\n3. Ship.\n"


@pytest.fixture
def dirty(tmp_path):
    path = tmp_path / "report.md"
    path.write_text(DIRTY, encoding="utf-8")
    return path


def test_clean_file_to_stdout(dirty, tmp_path):
    proc = invoke_drafter("clean", str(dirty), home=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == CLEAN and proc.stderr == ""


def test_clean_stdin_pipe(tmp_path):
    proc = invoke_drafter("clean", "-", home=tmp_path, stdin=DIRTY)
    assert proc.returncode == 0 and proc.stdout == CLEAN


def test_output_file_and_report(dirty, tmp_path):
    target = tmp_path / "clean.md"
    proc = invoke_drafter("clean", str(dirty), "-o", str(target), "--report", home=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert target.read_text(encoding="utf-8") == CLEAN and proc.stdout == ""
    report = proc.stderr
    assert f"{dirty}:3: junk" in report
    assert f"{dirty}:7: duplicate-sentence (repeats line 5)" in report
    assert "repeated-item (repeats line 9)" in report
    assert not list(tmp_path.glob(".clean.md.*"))


def test_json_format(dirty, tmp_path):
    proc = invoke_drafter("clean", str(dirty), "--format", "json", home=tmp_path)
    data = json.loads(proc.stdout)
    assert data["text"] == CLEAN
    assert {e["kind"] for e in data["edits"]} >= {"junk", "duplicate-sentence", "repeated-item"}
    assert all(set(e) == {"kind", "line", "removed", "duplicate_of_line"} for e in data["edits"])
    assert data["stats"]["edits"] == len(data["edits"])


def test_diff(dirty, tmp_path):
    proc = invoke_drafter("clean", str(dirty), "--diff", home=tmp_path)
    assert proc.returncode == 0
    assert proc.stdout.startswith(f"--- {dirty}\n+++ {dirty} (cleaned)\n")
    assert "-Warehouse year-end work summary PPT template\n" in proc.stdout
    assert "-4. Ship.\n+3. Ship.\n" in proc.stdout


def test_check_exit_codes(dirty, tmp_path):
    proc = invoke_drafter("clean", str(dirty), "--check", home=tmp_path)
    assert proc.returncode == 1 and proc.stdout == "" and "edit(s)" in proc.stderr
    clean_file = tmp_path / "ok.md"
    clean_file.write_text(CLEAN, encoding="utf-8")
    proc = invoke_drafter("clean", str(clean_file), "--check", home=tmp_path)
    assert proc.returncode == 0 and proc.stdout == "" and "0 edit(s)" in proc.stderr


def test_empty_input(tmp_path):
    proc = invoke_drafter("clean", "-", home=tmp_path, stdin="")
    assert proc.returncode == 0 and proc.stdout == ""
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    proc = invoke_drafter("clean", str(empty), "--format", "json", home=tmp_path)
    assert proc.returncode == 0 and json.loads(proc.stdout)["text"] == ""


@pytest.mark.parametrize("data, message", [(b"\xff\xfe\x00\x01binary", "binary"), (b"caf\xe9 au lait", "UTF-8")])
def test_bad_bytes_exit_2(tmp_path, data, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    proc = invoke_drafter("clean", str(path), home=tmp_path)
    assert proc.returncode == 2 and proc.stdout == ""
    assert proc.stderr.startswith("error: ") and message in proc.stderr


def test_missing_file_and_bad_format(tmp_path):
    proc = invoke_drafter("clean", str(tmp_path / "nope.txt"), home=tmp_path)
    assert proc.returncode == 2 and "no such file" in proc.stderr
    proc = invoke_drafter("clean", "-", "--format", "xml", home=tmp_path, stdin="x")
    assert proc.returncode == 2 and "unknown --format" in proc.stderr


def test_oversized_input_is_refused_quickly(tmp_path):
    path = tmp_path / "huge.txt"
    path.write_text("We filed 30 claims in May and closed 12 of them.\n" * (50 * 1024 * 1024 // 49))
    for command in (["clean", str(path)], ["check", str(path), "--facts", str(FIXTURES / "sales-inside.md")]):
        proc = run_drafter(*command, home=tmp_path, timeout=60)
        assert proc.returncode == 2, proc.stderr
        assert f"{path}: larger than 10 MB" in proc.stderr and "Traceback" not in proc.stderr


def test_seed_through_the_cli(tmp_path):
    proc = invoke_drafter("clean", str(SEED), "--report", home=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "PPT template" not in proc.stdout and "Part III" in proc.stdout
    assert "near-duplicate" in proc.stderr and "placeholder: '20**'" in proc.stderr


def test_lists_only_leaves_the_learned_model_out(tmp_path):
    text = ("We moved 1,200 files to the new archive in June.\n\n"
            "The whole crew brought warmth and energy to every single shift.\n")
    by_model = invoke_drafter("clean", "-", "--format", "json", home=tmp_path, stdin=text)
    assert by_model.returncode == 0, by_model.stderr
    assert [e["kind"] for e in json.loads(by_model.stdout)["edits"]] == ["stock"]
    lists_only = invoke_drafter("clean", "-", "--lists-only", home=tmp_path, stdin=text)
    assert lists_only.returncode == 0 and "warmth and energy" in lists_only.stdout


PLAIN_LIST = ("# Key accounts\n\nIn 2025 we served 42 customers.\n\n"
              "Acme Foods\nBeta Logistics\nCity Hospital\nAcme Foods\nDelta Bank\nBeta Logistics\nCity Hospital\n"
              "Delta Bank\nEast Port Authority\nAcme Foods\n")


def test_exact_duplicate_lines_of_a_plain_list_go_and_the_report_counts_them(tmp_path):
    source = tmp_path / "accounts.md"
    source.write_text(PLAIN_LIST, encoding="utf-8")
    proc = invoke_drafter("clean", str(source), "--report", home=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == ("# Key accounts\n\nIn 2025 we served 42 customers.\n\n"
                           "Acme Foods\nBeta Logistics\nCity Hospital\nDelta Bank\nEast Port Authority\n")
    assert f"{source}:8: repeated-item (repeats line 5): 'Acme Foods'" in proc.stderr
    assert f"{source}:14: repeated-item (repeats line 5): 'Acme Foods'" in proc.stderr
    assert proc.stderr.rstrip().endswith("5 edit(s) (repeated-item 5), 0 placeholder(s), 0 note(s)"), proc.stderr

