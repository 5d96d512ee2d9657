"""`drafter batch` (issue 14): a team drafted offline and through a real HTTP server, resume after kill -9, CSV
and JSONL rows, the OpenAI Batch file format out and back in, submit/status/fetch against a Batch API stub on
127.0.0.1, plain progress lines, and --budget."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from batch_api_stub import BatchAPIStub
from helpers import FIXTURES, ROOT, drafter_env
from openai_stub import Fault

from drafter.cli import app
from drafter.errors import DrafterError

FIXTURE_FILES = ["district-insurance-manager.md", "insurance.yaml", "sales-inside.md", "settlement-office.md"]
BROKEN = "---\nrole: sales-inside\nname: Bo Ken\n---\n\n- Closed 12 deals\n-\n"  # line 7: an empty bullet


def make_team(folder: Path, broken: bool = True) -> Path:
    """A team folder of the real fixture files, plus one whose facts cannot be parsed."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in FIXTURE_FILES:
        shutil.copy(FIXTURES / name, folder / name)
    if broken:
        (folder / "broken.md").write_text(BROKEN, encoding="utf-8")
    return folder


def named_team(folder: Path, count: int) -> Path:
    """`count` people with distinct names, each the settlement-office fixture's facts."""
    folder.mkdir(parents=True, exist_ok=True)
    text = (FIXTURES / "settlement-office.md").read_text(encoding="utf-8")
    for number in range(count):
        (folder / f"p{number:02d}.md").write_text(text.replace("name: Li Wei", f"name: Person{number:02d} Test"),
                                                  encoding="utf-8")
    return folder


def invoke(args: list[str], home: Path, **env: str) -> tuple[int, str, str]:
    """Run drafter in process with typer's CliRunner; a DrafterError gives its exit code and line, as main() does."""
    environment = {k: None for k in os.environ if k.startswith(("OPENAI_", "DRAFTER_"))}
    environment.update({"DRAFTER_HOME": str(home), "NO_COLOR": "1", **env})
    result = CliRunner().invoke(app, args, env=environment)
    code, err = result.exit_code, result.stderr
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        if not isinstance(result.exception, DrafterError):
            raise result.exception
        exc = result.exception
        code, err = exc.exit_code, err + f"error: {exc.message}\n" + (f"  hint: {exc.hint}\n" if exc.hint else "")
    return code, result.stdout, err


def index_rows(folder: Path) -> list[dict]:
    return json.loads((folder / "index.json").read_text(encoding="utf-8"))["people"]


def manifest_people(folder: Path) -> dict[str, dict]:
    from drafter.batch.manifest import Manifest

    return Manifest.load(folder).people


# -- a team folder, offline -----------------------------------------------------------------------------------------


def test_team_folder_offline_drafts_everyone_and_fails_only_the_broken_file(tmp_path):
    team = make_team(tmp_path / "team")
    out = tmp_path / "drafts"
    code, _, err = invoke(["batch", str(team), "-o", str(out)], tmp_path / "home")
    assert code == 1
    assert f"1 of 5 people failed; see {out / 'index.md'}" in err
    rows = index_rows(out)
    assert [row["status"] for row in rows] == ["failed", "done", "done", "done", "done"]
    assert rows[0]["error"] == f"{team / 'broken.md'}:7: bullet is empty"
    assert rows[0]["file"] is None
    # each draft is what `drafter draft` writes for that file
    from drafter.config import resolve_settings
    from drafter.facts import load_facts
    from drafter.pipeline import draft_summary

    files = {row["source"]: row["file"] for row in rows[1:]}
    assert sorted(files.values()) == ["chen-jing--sales-inside.md", "li-wei--settlement-office.md",
                                      "zhao-min--district-insurance-manager.md", "zhao-min--insurance.md"]
    for source, name in files.items():
        expected = draft_summary(load_facts(source), resolve_settings({}, env={}, file_values={})).markdown()
        assert (out / name).read_text(encoding="utf-8") == expected
        row = next(r for r in rows if r["file"] == name)
        assert row["words"] > 100 and row["warnings"]["unsupported"] == 0
    index_md = (out / "index.md").read_text(encoding="utf-8")
    assert index_md.index("| failed |") < index_md.index("| done |")
    assert "bullet is empty" in index_md
    assert not (out / "manifest.log").exists()  # folded into manifest.json at the end


def test_plain_output_is_one_line_per_person_then_a_summary(tmp_path):
    team = make_team(tmp_path / "team")
    code, _, err = invoke(["batch", str(team), "-o", str(tmp_path / "out")], tmp_path / "home")
    lines = err.strip().split("\n")
    person_lines = [line for line in lines if line.startswith("[")]
    assert len(person_lines) == 5
    assert [line.split("]")[0] for line in person_lines] == [f"[{n}/5" for n in range(1, 6)]
    assert "failed: " in person_lines[0] and "bullet is empty" in person_lines[0]
    assert lines[len(person_lines)].startswith("batch: 5 people: 4 done, 0 need review, 1 failed")


def test_a_needs_review_person_is_listed_before_the_done_ones_with_its_warnings(tmp_path):
    team = make_team(tmp_path / "team", broken=False)
    # the offline writer writes the facts as given: a placeholder in a fact stays in the draft
    (team / "zz-placeholder.md").write_text("---\nrole: sales-inside\nname: Ann Lee\n---\n\n- Closed [N] deals with "
                                            "[CLIENT] in the spring\n", encoding="utf-8")
    code, _, _ = invoke(["batch", str(team), "-o", str(tmp_path / "out")], tmp_path / "home")
    rows = index_rows(tmp_path / "out")
    assert code == 0
    assert rows[0]["status"] == "needs review" and rows[0]["name"] == "Ann Lee"
    assert rows[0]["warnings"]["placeholders"] >= 1 and rows[0]["warning_lines"]
    assert [row["status"] for row in rows[1:]] == ["done"] * 4


def test_a_missing_team_folder_is_bad_input(tmp_path):
    code, _, err = invoke(["batch", str(tmp_path / "nowhere"), "-o", str(tmp_path / "out")], tmp_path / "home")
    assert code == 2 and "nowhere: no such folder or file" in err
    assert not (tmp_path / "out").exists()


def test_a_second_run_into_the_same_folder_asks_for_resume_and_never_overwrites_a_users_file(tmp_path):
    team = make_team(tmp_path / "team", broken=False)
    out = tmp_path / "out"
    out.mkdir()
    (out / "li-wei--settlement-office.md").write_text("my own notes\n", encoding="utf-8")
    assert invoke(["batch", str(team), "-o", str(out)], tmp_path / "home")[0] == 0
    assert (out / "li-wei--settlement-office.md").read_text(encoding="utf-8") == "my own notes\n"
    assert (out / "li-wei--settlement-office-2.md").is_file()
    code, _, err = invoke(["batch", str(team), "-o", str(out)], tmp_path / "home")
    assert code == 2 and "holds a batch already" in err and "--resume" in err


# -- CSV and JSONL rows ------------------------------------------------------------------------------------------


def test_csv_rows_are_people_and_a_row_without_facts_fails_alone(tmp_path):
    table = tmp_path / "people.csv"
    table.write_text('name,role,year,organisation,facts\n'
                     'Ann Lee,sales-inside,2026,Acme,"Closed 42 deals worth 1.2 million euros; Opened 3 new accounts"\n'
                     'Bob Ray,settlement-office,2026,Acme,"Signed 18 contracts\nIssued 12 certificates"\n'
                     'Cy Empty,sales-inside,2026,Acme,\n', encoding="utf-8")
    out = tmp_path / "out"
    code, _, err = invoke(["batch", str(table), "-o", str(out)], tmp_path / "home")
    assert code == 1 and "1 of 3 people failed" in err
    rows = {row["name"]: row for row in index_rows(out)}
    assert rows["Cy Empty"]["status"] == "failed" and rows["Cy Empty"]["error"] == f"{table}:5: no facts found"
    ann = (out / rows["Ann Lee"]["file"]).read_text(encoding="utf-8")
    assert rows["Ann Lee"]["file"] == "ann-lee--people-2.md"
    assert "42 deals" in ann and "3 new accounts" in ann and "Ann Lee" in ann
    assert rows["Bob Ray"]["file"] == "bob-ray--people-3.md" and rows["Bob Ray"]["source"] == f"{table}:3"
    bob = (out / rows["Bob Ray"]["file"]).read_text(encoding="utf-8")
    assert "18 contracts" in bob and "12 certificates" in bob


def test_a_csv_without_a_facts_column_is_bad_input(tmp_path):
    table = tmp_path / "people.csv"
    table.write_text("name,role\nAnn,sales-inside\n", encoding="utf-8")
    code, _, err = invoke(["batch", str(table), "-o", str(tmp_path / "out")], tmp_path / "home")
    assert code == 2 and "people.csv:1: the header has no 'facts' column" in err


def test_jsonl_rows_with_a_malformed_line_that_fails_only_that_person(tmp_path):
    rows = tmp_path / "people.jsonl"
    rows.write_text(json.dumps({"name": "Ann Lee", "role": "sales-inside", "facts": ["Closed 42 deals",
                                                                                     "Opened 3 new accounts"]}) + "\n"
                    + '{"name": "Bad", "facts": [\n'
                    + json.dumps({"name": "Dee Fox", "role": "sales-inside", "facts": "Won 2 awards; Ran 5 demos"})
                    + "\n", encoding="utf-8")
    out = tmp_path / "out"
    code, _, _ = invoke(["batch", str(rows), "-o", str(out)], tmp_path / "home")
    assert code == 1
    table = index_rows(out)
    assert table[0]["status"] == "failed" and table[0]["error"].startswith(f"{rows}:2: malformed JSON")
    done = {row["name"]: row for row in table[1:]}
    assert set(done) == {"Ann Lee", "Dee Fox"}
    assert "Ran 5 demos" in (out / done["Dee Fox"]["file"]).read_text(encoding="utf-8") or \
        "5 demos" in (out / done["Dee Fox"]["file"]).read_text(encoding="utf-8")


# -- resume ---------------------------------------------------------------------------------------------------------


def test_resume_redrafts_only_people_whose_facts_changed_or_failed(tmp_path):
    team = make_team(tmp_path / "team")
    out = tmp_path / "out"
    invoke(["batch", str(team), "-o", str(out)], tmp_path / "home")
    before = {p.name: p.stat().st_mtime_ns for p in out.glob("*--*.md")}
    (team / "broken.md").write_text(BROKEN.replace("\n-\n", "\n- Opened 2 new accounts\n"), encoding="utf-8")
    with (team / "sales-inside.md").open("a", encoding="utf-8") as handle:
        handle.write("- Ran 14 product demos for new customers\n")
    code, _, err = invoke(["batch", str(team), "-o", str(out), "--resume"], tmp_path / "home")
    assert code == 0, err
    assert "3 of 5 people finished by an earlier run; drafting 2" in err
    after = {p.name: p.stat().st_mtime_ns for p in out.glob("*--*.md")}
    changed = {name for name in after if before.get(name) != after[name]}
    assert changed == {"bo-ken--broken.md", "chen-jing--sales-inside.md"}
    assert "14 product demos" in (out / "chen-jing--sales-inside.md").read_text(encoding="utf-8")
    assert [row["status"] for row in index_rows(out)] == ["done"] * 5


def _finished(folder: Path) -> set[str]:
    from drafter.batch.manifest import Manifest

    manifest = Manifest.load(folder)
    return {pid for pid, entry in (manifest.people if manifest else {}).items()
            if entry.get("status") in ("done", "needs review")}


def test_kill_9_mid_batch_then_resume_drafts_only_the_unfinished_sections(tmp_path, openai_server):
    """A real process killed with SIGKILL while people are in flight; --resume asks the server only for the
    sections no earlier reply finished, and every person ends up done exactly once."""
    from drafter import cache as cache_module
    from drafter.batch.inputs import load_people
    from drafter.batch.naming import person_ids
    from drafter.batch.openai_batch import person_requests
    from drafter.config import resolve_settings

    team = named_team(tmp_path / "team", 6)
    out, home = tmp_path / "out", tmp_path / "home"
    half_done = "Person02 Test"  # its last section is held back, so the kill always finds it half done

    def delay(body: dict) -> float:
        user = body["messages"][-1]["content"]
        return 30.0 if half_done in user and 'Write the section "Plan for next year"' in user else 0.1

    openai_server.set_delay(delay)
    args = ["batch", str(team), "-o", str(out), "--base-url", openai_server.base_url, "-j", "2", "--retries", "0"]
    proc = subprocess.Popen([sys.executable, "-m", "drafter", *args], cwd=ROOT, env=drafter_env(home),
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None and not (
            len(_finished(out)) >= 2 and sum(half_done in r.user for r in openai_server.chat_requests()) == 5):
        time.sleep(0.05)
    assert proc.poll() is None and time.monotonic() < deadline, "the run never reached the point to kill it at"
    time.sleep(0.5)  # the half-done person's other sections are answered and cached by now
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)
    assert proc.returncode == -signal.SIGKILL
    finished = _finished(out)
    assert 2 <= len(finished) < 6
    first_run = len(openai_server.chat_requests())
    finished_files = {entry["file"]: (out / entry["file"]).stat().st_mtime_ns
                      for pid, entry in manifest_people(out).items() if pid in finished}

    # which sections of the unfinished people came back whole before the kill (in the response cache)
    os.environ["DRAFTER_HOME"] = str(home)
    try:
        settings = resolve_settings({"base_url": openai_server.base_url}, env={}, file_values={})
        cache = cache_module.open_cache(settings)
        people = load_people(team)
        ids = person_ids([(p.name, p.stem) for p in people])
        to_ask, cached = set(), 0
        for person, pid in zip(people, ids):
            if pid in finished:
                continue
            for request in person_requests(person.facts, settings):
                key = cache_module.cache_key(openai_server.base_url, settings.model, request.messages,
                                             max_tokens=request.max_tokens, temperature=request.temperature)
                if cache.get(key) is None:
                    to_ask.add(request.messages[-1]["content"])
                else:
                    cached += 1
    finally:
        del os.environ["DRAFTER_HOME"]

    openai_server.reset()
    openai_server.set_delay(0)
    code, _, err = invoke([*args, "--resume"], home)
    assert code == 0, err
    assert f"{len(finished)} of 6 people finished by an earlier run; drafting {6 - len(finished)}" in err
    assert {name: (out / name).stat().st_mtime_ns for name in finished_files} == finished_files  # not redrafted
    asked = [request.user for request in openai_server.chat_requests()]
    assert sorted(asked) == sorted(to_ask)  # each unfinished section once; nothing finished asked again
    names = {entry["name"] for pid, entry in manifest_people(out).items() if pid in finished}
    assert not any(name in text for text in asked for name in names)
    rows = index_rows(out)
    assert len(rows) == 6 and all(row["status"] == "done" for row in rows)
    assert sorted(row["file"] for row in rows) == sorted(f"person{n:02d}-test--p{n:02d}.md" for n in range(6))
    drafts = sorted(p.name for p in out.iterdir() if p.name.startswith("person"))
    assert drafts == sorted(row["file"] for row in rows)  # one file per person: none written twice under two names
    assert not [p for p in out.iterdir() if p.name.startswith(".") or p.name == "manifest.log"]
    assert cached >= 4  # the half-done person's finished sections came from the cache: 0 requests for them
    assert first_run + len(asked) >= 6 * 5


# -- through a real HTTP server ---------------------------------------------------------------------------------


def test_failures_for_three_people_do_not_stop_the_others_and_resume_finishes_them(tmp_path, openai_server):
    team = named_team(tmp_path / "team", 6)
    out = tmp_path / "out"
    failing = ["Person01 Test", "Person03 Test", "Person04 Test"]
    openai_server.set_faults(*[Fault("server_error", match=name) for name in failing])
    openai_server.set_delay(0.2)
    args = ["batch", str(team), "-o", str(out), "--base-url", openai_server.base_url, "-j", "4", "--retries", "0"]
    code, _, err = invoke(args, tmp_path / "home")
    assert code == 1 and f"3 of 6 people failed; see {out / 'index.md'}" in err
    rows = index_rows(out)
    assert [row["name"] for row in rows[:3]] == failing
    assert all("HTTP 500" in row["error"] for row in rows[:3])
    assert [row["status"] for row in rows[3:]] == ["done"] * 3
    assert openai_server.max_in_flight == 4  # 4 people at once, 5 sections each: the one limit holds them to 4
    done_files = {row["file"]: (out / row["file"]).stat().st_mtime_ns for row in rows[3:]}
    openai_server.set_faults()
    openai_server.reset()
    code, _, err = invoke([*args, "--resume"], tmp_path / "home")
    assert code == 0, err
    assert "3 of 6 people finished by an earlier run; drafting 3" in err
    assert {name: (out / name).stat().st_mtime_ns for name in done_files} == done_files
    asked = {request.user for request in openai_server.chat_requests()}
    assert all(any(name in text for name in failing) for text in asked)
    assert [row["status"] for row in index_rows(out)] == ["done"] * 6
    assert all(row["input_tokens"] > 0 and row["cost_usd"] > 0 for row in index_rows(out))


def test_budget_refuses_the_whole_batch_before_sending(tmp_path, openai_server):
    team = make_team(tmp_path / "team", broken=False)
    args = ["batch", str(team), "-o", str(tmp_path / "out"), "--base-url", openai_server.base_url,
            "--model", "gpt-4o-mini"]
    code, _, err = invoke([*args, "--budget", "0.001"], tmp_path / "home")
    assert code == 2 and "exceeds --budget $0.001; nothing was sent" in err
    assert openai_server.count() == 0
    code, out, _ = invoke([*args, "--dry-run"], tmp_path / "home")
    assert code == 0 and openai_server.count() == 0
    assert out.count(" requests · ") == 5 and out.splitlines()[-1].startswith("total: 4 people")
    assert invoke([*args, "--budget", "1"], tmp_path / "home")[0] == 0
    assert openai_server.count() > 0


# -- the OpenAI Batch file format -----------------------------------------------------------------------------------


def test_export_writes_one_documented_request_line_per_section(tmp_path):
    team = make_team(tmp_path / "team")
    requests = tmp_path / "requests.jsonl"
    code, _, err = invoke(["batch", "export", str(team), "--model", "gpt-4o-mini", "-o", str(requests)],
                          tmp_path / "home")
    assert code == 1 and "bullet is empty; left out" in err and "1 of 5 people left out" in err
    lines = [json.loads(line) for line in requests.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == 22  # 6 + 6 + 5 + 5 sections
    for line in lines:
        assert set(line) == {"custom_id", "method", "url", "body"}
        assert line["method"] == "POST" and line["url"] == "/v1/chat/completions"
        assert set(line["body"]) == {"model", "messages", "max_completion_tokens", "temperature"}
        assert line["body"]["model"] == "gpt-4o-mini" and line["body"]["max_completion_tokens"] == 700
        assert [m["role"] for m in line["body"]["messages"]] == ["system", "user"]
    ids = [line["custom_id"] for line in lines]
    assert len(set(ids)) == len(ids)
    assert "li-wei--settlement-office/results" in ids
    assert "est. at most $" in err and "Batch API prices" in err


def _offline_results(requests: Path, team: Path, fail: str | None = None) -> list[dict]:
    """Result lines as the Batch API writes them, each reply the offline writer's real text for that section."""
    from drafter.backends import Usage
    from drafter.backends.offline import OfflineBackend
    from drafter.batch.inputs import load_people
    from drafter.batch.naming import person_ids
    from drafter.batch.openai_batch import person_requests
    from drafter.config import resolve_settings

    settings = resolve_settings({}, env={}, file_values={})
    people = load_people(team)
    by_id = {}
    for person, pid in zip(people, person_ids([(p.name, p.stem) for p in people])):
        if person.facts is not None:
            for request in person_requests(person.facts, settings):
                by_id[f"{pid}/{request.section_id}"] = request
    out = []
    for number, line in enumerate(requests.read_text(encoding="utf-8").splitlines()):
        cid = json.loads(line)["custom_id"]
        if cid == fail:
            out.append({"id": f"batch_req_{number}", "custom_id": cid, "response": None,
                        "error": {"code": "server_error", "message": "the model failed"}})
            continue
        text = "".join(OfflineBackend().stream(by_id[cid], Usage()))
        out.append({"id": f"batch_req_{number}", "custom_id": cid,
                    "response": {"status_code": 200, "request_id": f"r{number}",
                                 "body": {"model": "gpt-4o-mini-2024-07-18", "object": "chat.completion",
                                          "choices": [{"index": 0, "finish_reason": "stop",
                                                       "message": {"role": "assistant", "content": text}}],
                                          "usage": {"prompt_tokens": 500, "completion_tokens": 80}}},
                    "error": None})
    return out


def test_import_assembles_offline_replies_and_fails_a_person_with_an_error_line(tmp_path):
    team = make_team(tmp_path / "team", broken=False)
    requests = tmp_path / "requests.jsonl"
    assert invoke(["batch", "export", str(team), "-o", str(requests)], tmp_path / "home")[0] == 0
    results = _offline_results(requests, team, fail="chen-jing--sales-inside/results")
    missing = next(r for r in results if r["custom_id"] == "li-wei--settlement-office/work")
    results.remove(missing)
    results_file = tmp_path / "results.jsonl"
    results_file.write_text("".join(json.dumps(r) + "\n" for r in results) + "not json\n", encoding="utf-8")
    out = tmp_path / "drafts"
    code, _, err = invoke(["batch", "import", str(results_file), "--facts", str(team), "-o", str(out)],
                          tmp_path / "home")
    assert code == 1 and "2 of 4 people failed" in err
    assert f"{results_file}:{len(results) + 1}: not a Batch API result line; skipped" in err
    rows = index_rows(out)
    errors = {row["name"]: row["error"] for row in rows if row["status"] == "failed"}
    assert "server_error: the model failed" in errors["Chen Jing"] and "'results'" in errors["Chen Jing"]
    assert "no result line for 'li-wei--settlement-office/work'" in errors["Li Wei"]
    assert not (out / "chen-jing--sales-inside.md").exists() and not (out / "li-wei--settlement-office.md").exists()
    # a whole person's imported draft is the offline draft of the same facts, cleaned and checked as model output
    # (so the overview's sentence naming the sections, which echoes the prompt, is cut: the offline writer's own
    # run keeps it)
    from drafter.config import resolve_settings
    from drafter.facts import load_facts
    from drafter.pipeline import draft_summary

    done = [row for row in rows if row["status"] != "failed"]
    assert len(done) == 2
    for row in done:
        expected = draft_summary(load_facts(row["source"]), resolve_settings({}, env={}, file_values={}))
        text = (out / row["file"]).read_text(encoding="utf-8")
        assert text.startswith(f"# {expected.title}\n")
        for section in expected.sections[1:]:
            assert f"## {section.title}\n\n{section.text}\n" in text
        lead = expected.sections[0].text.split(". ")[0]
        assert f"## {expected.sections[0].title}\n\n{lead}" in text  # the overview opens as the offline writer's
        assert row["warnings"] == {"unsupported": 0, "misattributed": 0, "omitted": 0, "placeholders": 0, "other": 0}
        assert row["input_tokens"] == 500 * 6 and row["cost_usd"] == pytest.approx(
            (500 * 6 * 0.15 + 80 * 6 * 0.6) / 1e6 * 0.5)


def test_import_reads_vllm_run_batch_lines(tmp_path):
    """vLLM's run-batch writes the same shape; its error lines carry a status code and an error string."""
    team = make_team(tmp_path / "team", broken=False)
    shutil.rmtree(team)
    team.mkdir()
    shutil.copy(FIXTURES / "sales-inside.md", team / "sales-inside.md")
    requests = tmp_path / "requests.jsonl"
    invoke(["batch", "export", str(team), "-o", str(requests), "--model", "meta-llama/Llama-3.1-8B-Instruct"],
           tmp_path / "home")
    results = _offline_results(requests, team)
    for number, result in enumerate(results):
        result["id"] = f"vllm-{number}"
        result["response"]["body"]["model"] = "meta-llama/Llama-3.1-8B-Instruct"
    out = tmp_path / "drafts"
    (tmp_path / "results.jsonl").write_text("".join(json.dumps(r) + "\n" for r in results), encoding="utf-8")
    code, _, err = invoke(["batch", "import", str(tmp_path / "results.jsonl"), "--facts", str(team), "-o", str(out)],
                          tmp_path / "home")
    assert code == 0, err
    assert [row["status"] for row in index_rows(out)] == ["done"] and index_rows(out)[0]["cost_usd"] is None
    results[1]["response"] = {"status_code": 400, "request_id": "x", "body": None}
    results[1]["error"] = "This model's maximum context length is 8192 tokens"
    (tmp_path / "results.jsonl").write_text("".join(json.dumps(r) + "\n" for r in results), encoding="utf-8")
    code, _, _ = invoke(["batch", "import", str(tmp_path / "results.jsonl"), "--facts", str(team), "-o", str(out)],
                        tmp_path / "home")
    assert code == 1 and "maximum context length" in index_rows(out)[0]["error"]


def test_submit_status_fetch_import_round_trip_through_a_batch_api_stub(tmp_path):
    team = make_team(tmp_path / "team", broken=False)
    home = tmp_path / "home"
    requests = tmp_path / "requests.jsonl"
    assert invoke(["batch", "export", str(team), "-o", str(requests)], home)[0] == 0
    with BatchAPIStub(fail_ids={"zhao-min--insurance/team"}) as api:
        url = ["--base-url", api.base_url]
        code, out, err = invoke(["batch", "submit", str(requests), *url, "--format", "json"], home)
        assert code == 0, err
        submitted = json.loads(out)
        assert submitted["id"] == "batch_1" and submitted["requests"] == 22
        upload, create = api.requests[0], api.requests[1]
        assert upload[:2] == ("POST", "/v1/files") and upload[3] == {"purpose": "batch", "filename": "requests.jsonl"}
        assert api.files["file-1"]["data"] == requests.read_bytes()
        assert create[3] == {"input_file_id": "file-1", "endpoint": "/v1/chat/completions",
                             "completion_window": "24h", "metadata": {"created_by": "drafter"}}
        code, out, _ = invoke(["batch", "status", "batch_1", *url], home)
        assert code == 0 and out.startswith("batch_1: in_progress")
        code, out, _ = invoke(["batch", "status", "batch_1", *url], home)
        assert "batch_1: completed · 21/22 completed, 1 failed" in out
        results = tmp_path / "results.jsonl"
        code, _, err = invoke(["batch", "fetch", "batch_1", "-o", str(results), *url], home)
        assert code == 0 and "wrote 22 result lines" in err
        assert invoke(["batch", "status", "batch_404", *url], home)[0] == 1
    drafts = tmp_path / "drafts"
    code, _, err = invoke(["batch", "import", str(results), "--facts", str(team), "-o", str(drafts)], home)
    assert code == 1 and "1 of 4 people failed" in err
    rows = index_rows(drafts)
    assert rows[0]["status"] == "failed" and "HTTP 400" in rows[0]["error"] and rows[0]["source"].endswith("insurance.yaml")
    assert [row["status"] for row in rows[1:]] == ["done"] * 3
    text = (drafts / "li-wei--settlement-office.md").read_text(encoding="utf-8")
    assert "418 sales contracts" in text  # the stub restates the prompt's facts


def test_fetch_before_the_batch_is_done_says_so(tmp_path):
    team = make_team(tmp_path / "team", broken=False)
    requests = tmp_path / "requests.jsonl"
    invoke(["batch", "export", str(team), "-o", str(requests)], tmp_path / "home")
    with BatchAPIStub(polls_before_done=5) as api:
        invoke(["batch", "submit", str(requests), "--base-url", api.base_url], tmp_path / "home")
        code, _, err = invoke(["batch", "fetch", "batch_1", "-o", str(tmp_path / "r.jsonl"), "--base-url",
                               api.base_url], tmp_path / "home")
    assert code == 1 and "batch batch_1 is in_progress: it has no results yet" in err
    assert not (tmp_path / "r.jsonl").exists()


def test_submit_refuses_a_file_that_is_not_batch_requests(tmp_path):
    bad = tmp_path / "requests.jsonl"
    bad.write_text('{"custom_id": "a", "method": "POST", "url": "/v1/chat/completions", "body": {"model": "m", '
                   '"messages": []}}\n{"custom_id": "a"}\n', encoding="utf-8")
    code, _, err = invoke(["batch", "submit", str(bad), "--base-url", "http://127.0.0.1:9/v1"], tmp_path / "home")
    assert code == 2 and "requests.jsonl:2: missing fields method, url, body" in err


def test_a_draft_written_just_before_a_kill_keeps_its_name_on_resume(tmp_path):
    """Killed after a person's file was written but before their record: resume redrafts them into the same
    file (named in the manifest when the run began), never a second copy beside it."""
    team = make_team(tmp_path / "team", broken=False)
    out = tmp_path / "out"
    invoke(["batch", str(team), "-o", str(out)], tmp_path / "home")
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    for entry in manifest["people"]:
        if entry["id"] == "li-wei--settlement-office":
            entry.update(status="pending", words=0)
    (out / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    code, _, err = invoke(["batch", str(team), "-o", str(out), "--resume"], tmp_path / "home")
    assert code == 0 and "drafting 1" in err
    assert sorted(p.name for p in out.glob("li-wei*")) == ["li-wei--settlement-office.md"]


def test_the_team_folder_is_refused_as_the_output_folder(tmp_path):
    team = make_team(tmp_path / "team", broken=False)
    code, _, err = invoke(["batch", str(team), "-o", str(team)], tmp_path / "home")
    assert code == 2 and "is the team folder" in err
    assert sorted(p.name for p in team.iterdir()) == sorted(FIXTURE_FILES)


def test_a_generated_team_of_200_offline(tmp_path):
    from team_gen import make_team as generated_team

    team = generated_team(tmp_path / "team", 200)
    out = tmp_path / "out"
    code, _, err = invoke(["batch", str(team), "-o", str(out)], tmp_path / "home")
    assert code == 0, err[-500:]
    rows = index_rows(out)
    assert len(rows) == 200 and {row["status"] for row in rows} == {"done"}
    assert len({row["file"] for row in rows}) == 200
    assert all((out / row["file"]).is_file() for row in rows)
    assert err.count("\n[") + err.startswith("[") == 200
    person = next(row for row in rows if row["source"].endswith("p0123.md"))
    assert f"{40 + 130} deals" in (out / person["file"]).read_text(encoding="utf-8")


def test_the_progress_bar_on_a_terminal(tmp_path):
    """On a TTY: a rich bar with people done/total, sections in flight, tokens, cost and time left."""
    pexpect = pytest.importorskip("pexpect")
    team = make_team(tmp_path / "team", broken=False)
    env = drafter_env(tmp_path / "home")
    env.pop("NO_COLOR")
    child = pexpect.spawn(sys.executable, ["-m", "drafter", "batch", str(team), "-o", str(tmp_path / "out")],
                          cwd=str(ROOT), env=env, encoding="utf-8", dimensions=(30, 160), timeout=60)
    child.expect(pexpect.EOF)
    screen = child.before
    child.close()
    assert child.exitstatus == 0
    assert "4/4" in screen and "people" in screen and "sections in flight" in screen and "tokens" in screen
    assert "time left" in screen and "$0.0000" in screen
    assert "\x1b[" in screen  # drawn by rich, not the plain lines
    assert "[1/4] done" not in screen


def test_the_api_key_is_written_nowhere(tmp_path, openai_server):
    key = "sk-batch-test-0123456789abcdef"
    team = make_team(tmp_path / "team", broken=False)
    out = tmp_path / "out"
    openai_server.set_faults(Fault("auth", match="Li Wei"))
    code, _, err = invoke(["batch", str(team), "-o", str(out), "--base-url", openai_server.base_url, "--retries", "0"],
                          tmp_path / "home", OPENAI_API_KEY=key)
    assert code == 1 and "1 of 4 people failed" in err
    assert "rejected the API key (401)" in index_rows(out)[0]["error"]
    assert all(request.authorized for request in openai_server.chat_requests())
    for path in out.iterdir():
        assert key not in path.read_text(encoding="utf-8") and key[-10:] not in path.read_text(encoding="utf-8")
    assert key not in err


LLM_URL = os.environ.get("DRAFTER_TEST_LLM_URL", "").strip()


@pytest.mark.llm_server
@pytest.mark.skipif(not LLM_URL, reason="set DRAFTER_TEST_LLM_URL (e.g. from `.ci/llm-server start`) to run")
def test_a_team_of_three_through_the_real_model_server(tmp_path):
    """The real llama.cpp server drafts the three fixtures; its tiny model invents figures, so a draft may need
    review, but every person gets a row and a draft with every planned section, and nobody is drafted twice."""
    team = tmp_path / "team"
    team.mkdir()
    for name in ("district-insurance-manager.md", "sales-inside.md", "settlement-office.md"):
        shutil.copy(FIXTURES / name, team / name)
    out = tmp_path / "out"
    args = ["batch", str(team), "-o", str(out), "--base-url", LLM_URL, "--model",
            os.environ.get("DRAFTER_TEST_LLM_MODEL", "smollm2"), "--api-key", "dummy", "--max-tokens", "160",
            "--timeout", "180", "--retries", "1", "-j", "1"]
    proc = subprocess.run([sys.executable, "-m", "drafter", *args], cwd=ROOT, env=drafter_env(tmp_path / "home"),
                          capture_output=True, text=True, timeout=1800)
    rows = index_rows(out)
    assert len(rows) == 3, proc.stderr
    assert proc.stderr.count("\n[") + proc.stderr.startswith("[") == 3
    for row in rows:
        if row["status"] == "failed":  # only for a reply the model left empty, never the protocol
            assert "no usable text" in row["error"], row["error"]
            continue
        assert row["input_tokens"] > 0 and row["words"] > 0
        assert (out / row["file"]).read_text(encoding="utf-8").startswith("# ")
    assert proc.returncode == (1 if any(row["status"] == "failed" for row in rows) else 0)
