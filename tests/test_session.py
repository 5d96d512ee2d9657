"""Session state and commands without a terminal: autosave, resume, facts, plan, drafting outcomes, parsing."""

import json

import pytest

from drafter.backends.offline import OfflineBackend
from drafter.config import Settings
from drafter.errors import BackendError, InputError
from drafter.facts import load_facts
from drafter.session import (Session, completions, describe, latest_unfinished, list_sessions, load_session,
                             parse_command)
from helpers import ROLE_FIXTURES, invoke_drafter

FACTS = ["Signed 418 sales contracts worth 612.5 million yuan",
         "Moved 1,240 paper contract files into the electronic archive",
         "Learned to send a document checklist to buyers at signing"]


@pytest.fixture(autouse=True)
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("DRAFTER_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


def on_disk(session: Session) -> dict:
    return json.loads(session.path.read_text(encoding="utf-8"))


class ScriptedBackend:
    """Yields the given chunks, then raises `fail` (an exception instance) if set."""

    name, model = "scripted", "scripted"

    def __init__(self, chunks, fail=None):
        self.chunks, self.fail = chunks, fail
        self.closed = False

    def stream(self, request, usage):
        try:
            for chunk in self.chunks:
                yield chunk
            usage.input_tokens, usage.output_tokens = 11, 7
            if self.fail is not None:
                raise self.fail
        finally:
            self.closed = True


def drafted(role="settlement-office", facts=FACTS) -> Session:
    session = Session.new(role=role, facts=facts)
    session.finish_facts()
    return session


def test_new_session_is_autosaved_atomically_under_drafter_home(home):
    session = Session.new(role="settlement", facts=["- Closed 12 files"], output="out.md")
    assert session.path.parent == home / "sessions"
    data = on_disk(session)
    assert data["id"] == session.id and data["role"] == "settlement-office" and data["stage"] == "facts"
    assert data["facts"] == [{"text": "Closed 12 files", "heading": None}]
    assert data["output"].endswith("out.md") and data["output"].startswith("/")
    assert [p.name for p in (home / "sessions").iterdir()] == [f"{session.id}.json"]


def test_every_change_is_autosaved_and_resume_restores_it_exactly():
    session = Session.new(role="settlement-office")
    for fact in FACTS:
        session.add_fact(fact)
    assert [f["text"] for f in on_disk(session)["facts"]] == FACTS
    assert session.drop_fact("2") == FACTS[1]
    assert [f["text"] for f in on_disk(session)["facts"]] == [FACTS[0], FACTS[2]]
    session.finish_facts()
    session.draft_section(0, OfflineBackend(), Settings())
    session.accept(0)
    restored = load_session(session.id)
    assert restored.to_dict() == session.to_dict()
    assert restored.sections[0].status == "accepted" and restored.sections[0].text
    assert restored.next_section() == 1


def test_facts_and_meta_from_a_file_keep_their_headings():
    facts = load_facts(ROLE_FIXTURES["settlement-office"])
    session = Session.new(role="settlement-office", facts=facts.items, meta={"name": "Li Wei", "year": "2026"})
    session.finish_facts()
    assert len(session.facts) == len(facts.items)
    assert session.facts[0]["heading"] == "Results"
    assert [s.id for s in session.sections] == ["overview", "results", "work", "problems", "plan"]
    assert session.facts_object().get("name") == "Li Wei"


def test_drop_refuses_bad_numbers_and_empty_facts_are_refused():
    session = Session.new(role="settlement-office", facts=FACTS)
    for bad in ("0", "4", "two", ""):
        with pytest.raises(InputError):
            session.drop_fact(bad)
    with pytest.raises(InputError):
        session.add_fact("   -  ")
    assert len(session.facts) == 3


def test_finish_facts_needs_facts():
    session = Session.new(role="settlement-office")
    with pytest.raises(InputError, match="no facts"):
        session.finish_facts()
    assert session.stage == "facts"


def test_offline_drafting_fills_a_section_and_accepting_advances():
    session = drafted()
    chunks = []
    assert session.draft_section(1, OfflineBackend(), Settings(), chunks.append) == "draft"
    section = session.sections[1]
    assert section.id == "results" and section.status == "draft"
    assert "418 sales contracts" in section.text and "".join(chunks).strip().endswith(section.text[-20:])
    assert section.drafted_from == [FACTS[0]]
    session.accept(1)
    assert session.done_count == 1 and on_disk(session)["sections"][1]["status"] == "accepted"


def test_ctrl_c_while_streaming_keeps_what_arrived_as_partial():
    session = drafted()
    backend = ScriptedBackend(["I signed 418 ", "sales contracts."], fail=KeyboardInterrupt())
    assert session.draft_section(1, backend, Settings()) == "interrupted"
    section = session.sections[1]
    assert section.status == "partial" and section.error == "interrupted"
    assert section.text == "I signed 418 sales contracts."
    assert on_disk(session)["sections"][1]["text"] == section.text
    assert (session.input_tokens, session.output_tokens) == (11, 7)


def test_ctrl_c_inside_the_chunk_handler_closes_the_stream():
    session = drafted()
    backend = ScriptedBackend(["one. ", "two. ", "three."])

    def interrupt(chunk):
        if chunk.startswith("two"):
            raise KeyboardInterrupt

    assert session.draft_section(0, backend, Settings(), interrupt) == "interrupted"
    assert backend.closed and session.sections[0].text == "one. two."


def test_backend_error_mid_section_is_recorded_kept_and_reraised():
    session = drafted()
    backend = ScriptedBackend(["Half a sentence"], fail=BackendError("server went away"))
    with pytest.raises(BackendError, match="server went away"):
        session.draft_section(2, backend, Settings())
    section = session.sections[2]
    assert (section.status, section.error, section.text) == ("partial", "server went away", "Half a sentence")
    failing = ScriptedBackend([], fail=BackendError("429"))
    with pytest.raises(BackendError):
        session.draft_section(3, failing, Settings())
    assert session.sections[3].status == "failed" and on_disk(session)["sections"][3]["status"] == "failed"


def test_a_new_fact_sends_its_drafted_section_back_and_marks_an_accepted_one_stale():
    session = drafted()
    backend = OfflineBackend()
    for index in range(len(session.sections)):
        session.draft_section(index, backend, Settings())
    session.accept(1)
    session.add_fact("Issued 366 property certificates")
    results = session.sections[1]
    assert results.status == "accepted" and results.stale
    session.add_fact("Reconciled the monthly bank statements")
    work = session.sections[2]
    assert work.status == "pending" and not work.stale
    assert session.sections[3].status == "draft"
    assert on_disk(session)["sections"][1]["stale"] is True


def test_a_new_fact_can_add_a_section_to_the_plan():
    session = drafted(facts=FACTS[:1])
    assert [s.id for s in session.sections] == ["overview", "results"]
    session.draft_section(1, OfflineBackend(), Settings())
    session.accept(1)
    session.add_fact("Plan to cut the certificate turnaround from 45 to 30 days next year")
    assert [s.id for s in session.sections] == ["overview", "results", "plan"]
    assert session.sections[1].status == "accepted" and session.sections[2].status == "pending"


def test_changing_the_role_starts_a_new_plan():
    session = drafted()
    session.draft_section(0, OfflineBackend(), Settings())
    session.set_role("sales")
    assert session.role == "sales-inside"
    assert all(s.status == "pending" for s in session.sections)
    assert on_disk(session)["role"] == "sales-inside"
    with pytest.raises(InputError, match="unknown role"):
        session.set_role("astronaut")


def test_sections_are_found_by_number_id_or_title_prefix():
    session = drafted()
    assert session.find_section("2") == 1
    assert session.find_section("work") == 2
    assert session.find_section("Problems") == 3
    assert session.find_section("daily work and records") == 2
    assert session.find_section("", default=0) == 0
    for bad in ("9", "nothing"):
        with pytest.raises(InputError):
            session.find_section(bad)
    with pytest.raises(InputError, match="which section"):
        session.find_section("")


def test_user_edit_replaces_text_and_a_redraft_is_pending():
    session = drafted()
    session.draft_section(1, OfflineBackend(), Settings())
    assert session.set_text(1, "  My own words.\n") is True
    assert session.set_text(1, "My own words.") is False
    assert on_disk(session)["sections"][1]["text"] == "My own words."
    session.reset_section(1)
    assert session.sections[1].status == "pending"


def test_unsaved_tracks_changes_since_the_last_save(tmp_path):
    session = drafted()
    for index in range(len(session.sections)):
        session.draft_section(index, OfflineBackend(), Settings())
        session.accept(index)
    assert session.unsaved
    path, draft = session.save_output(tmp_path / "summary.md")
    assert path.read_text().startswith("# ") and "418 sales contracts" in path.read_text()
    assert not session.unsaved and session.finished and session.saved_to == str(path)
    session.add_fact("Closed 3 files")
    assert session.unsaved and not session.finished
    with pytest.raises(InputError):
        Session.new(role="sales").save_output()


def test_latest_unfinished_and_listing(home):
    first = drafted()
    second = drafted()
    second.finished = True
    second.save()
    assert latest_unfinished().id == first.id
    assert [s.id for s in list_sessions()] == [second.id, first.id]
    (home / "sessions" / "broken.json").write_text("{not json")
    assert len(list_sessions()) == 2
    assert load_session(first.id[:-1]).id == first.id
    line = describe(first)
    assert first.id in line and "settlement-office" in line and "3 facts" in line and "unfinished" in line
    with pytest.raises(InputError, match="no session"):
        load_session("nope")


def test_no_unfinished_session_is_an_input_error():
    with pytest.raises(InputError, match="no unfinished session"):
        latest_unfinished()


@pytest.mark.parametrize("line, name, arg", [
    ("/help", "/help", ""), ("  /add Closed 12 files ", "/add", "Closed 12 files"), ("/he", "/help", ""),
    ("/DROP 2", "/drop", "2"), ("/regen results", "/regen", "results"), ("/sa out.md", "/save", "out.md"),
    ("/q", "/quit", ""),
])
def test_parse_command(line, name, arg):
    command = parse_command(line)
    assert (command.name, command.arg) == (name, arg)


@pytest.mark.parametrize("line", ["Closed 12 files", "", "  ", "//not a command", "50/50 split of the leads"])
def test_ordinary_input_is_not_a_command(line):
    assert parse_command(line) is None


def test_unknown_and_ambiguous_commands_are_input_errors():
    with pytest.raises(InputError, match="unknown command /bogus"):
        parse_command("/bogus")
    with pytest.raises(InputError, match="could be /regen, /role"):
        parse_command("/r")


def test_completions():
    session = drafted()
    assert completions("/re") == ["/regen"]
    assert completions("/") == sorted(["/help", "/role", "/facts", "/add", "/drop", "/regen", "/edit", "/show",
                                       "/clean", "/save", "/export", "/quit"])
    assert completions("/regen ", session) == ["overview", "problems", "results", "work"]
    assert completions("/edit pr", session) == ["problems"]
    assert completions("/role s", roles=["sales-inside", "settlement-office", "district"]) == [
        "sales-inside", "settlement-office"]
    assert completions("Closed") == [] and completions("/add Clo") == []


def test_sessions_command_lists_saved_sessions(home):
    assert "no sessions yet" in invoke_drafter("sessions", home=home).stdout
    session = drafted()
    proc = invoke_drafter("sessions", home=home)
    assert proc.returncode == 0 and session.id in proc.stdout and "0/4 sections" in proc.stdout


def test_tokens_are_estimated_when_a_server_reports_no_usage():
    class Quiet(ScriptedBackend):
        name, model = "openai", "local"

        def stream(self, request, usage):
            yield "I processed 120 orders."

    session = drafted()
    session.draft_section(1, Quiet([]), Settings())
    assert session.tokens_estimated and session.input_tokens > 20 and session.output_tokens == 6
    offline = drafted()
    offline.draft_section(1, OfflineBackend(), Settings())
    assert (offline.input_tokens, offline.output_tokens, offline.tokens_estimated) == (0, 0, False)


def test_streamed_text_is_wrapped_at_word_boundaries_across_chunks():
    from drafter.session_ui import WrapWriter

    out: list[str] = []
    writer = WrapWriter(out.append, 24)
    text = "I signed 418 sales contracts worth 612.5 million yuan.\n\nThen I moved 1,240 files."
    for start in range(0, len(text), 5):
        writer.feed(text[start:start + 5])
    writer.close()
    printed = "".join(out)
    assert all(len(line) <= 24 for line in printed.split("\n"))
    assert printed.split() == text.split()
    assert "\n\nThen" in printed and printed.endswith("files.\n")


def test_an_accepted_overview_goes_stale_when_a_fact_or_a_section_is_added():
    session = drafted(facts=["Collected 587.2 million yuan of payments, 95.9% of the contract value"])
    session.draft_section(0, OfflineBackend(), Settings())
    session.accept(0)
    assert not session.sections[0].stale and "366" not in session.sections[0].text
    session.add_fact("Issued 366 property certificates and handled the hand-over formalities for 402 units")
    overview = session.sections[0]
    assert overview.status == "accepted" and overview.stale
    session.draft_section(0, OfflineBackend(), Settings())  # the overview states the year's headline figures
    assert "issued 366 property certificates" in session.sections[0].text and not session.sections[0].stale


# -- damaged session files -----------------------------------------------------------------------------------------

def damaged_sessions(good: dict) -> dict[str, bytes]:
    """Session files damaged in the ways a crash, a disk or a hand edit can, from a good session's data:
    file name → content."""

    def changed(**fields) -> bytes:
        return json.dumps({**good, "id": "x", **fields}).encode()

    return {
        "20250101-000000-bad0.json": b'{"id": "20250101-000000-bad0", "facts": [',  # truncated mid-write
        "20250101-000000-bad1.json": changed(updated=5),
        "20250101-000000-bad2.json": changed(sections="abc"),
        "20250101-000000-bad3.json": changed(facts=[5]),
        "20250101-000000-bad4.json": changed(sections=[{"id": "a", "title": "A", "status": 3}]),
        "20250101-000000-bad5.json": changed(input_tokens="many"),
        "20250101-000000-bad6.json": b"\xff\xfe{}",
        "20250101-000000-bad7.json": b"[1, 2, 3]",
        "20250101-000000-bad8.json": changed(meta={"year": [2025]}),
        "20250101-000000-bad9.json": changed(server={"backend": "cloud", "model": "x", "base_url": None}),
    }


def test_a_damaged_session_file_is_one_line_naming_it(home):
    for name, data in damaged_sessions(drafted().to_dict()).items():
        (home / "sessions" / name).write_bytes(data)
        with pytest.raises(InputError) as caught:
            load_session(name.removesuffix(".json"))
        assert caught.value.message.startswith(f"{home / 'sessions' / name}: damaged session file (")
        assert caught.value.exit_code == 2 and "\n" not in caught.value.message


def test_damaged_session_files_do_not_hide_the_others(home):
    first, second = drafted(), drafted()
    damaged = damaged_sessions(first.to_dict())
    for name, data in damaged.items():
        (home / "sessions" / name).write_bytes(data)
    (home / "sessions" / "folder.json").mkdir()
    proc = invoke_drafter("sessions", home=home)
    assert proc.returncode == 0, proc.stderr
    assert [line.split()[0] for line in proc.stdout.splitlines()] == [second.id, first.id]
    warnings = proc.stderr.splitlines()
    assert len(warnings) == len(damaged), proc.stderr
    for line, name in zip(warnings, sorted(damaged)):
        assert line.startswith(f"warning: skipped {home / 'sessions' / name}: damaged session file ("), line


def test_resuming_a_damaged_session_is_one_line_and_exit_2(home):
    pexpect = pytest.importorskip("pexpect")
    import sys

    from helpers import ROOT, drafter_env

    (home / "sessions").mkdir(parents=True)
    path = home / "sessions" / "20250101-000000-bad1.json"
    path.write_text(json.dumps({"id": "20250101-000000-bad1", "updated": 5}))
    child = pexpect.spawn(sys.executable, ["-m", "drafter", "session", "--resume", "20250101-000000-bad1"],
                          cwd=str(ROOT), env=drafter_env(home), encoding="utf-8", timeout=20)
    child.expect(pexpect.EOF)
    child.close()
    lines = [line for line in child.before.replace("\r", "").splitlines() if line.strip()]
    assert child.exitstatus == 2, child.before
    assert lines[0] == f"error: {path}: damaged session file (updated is not a string)", lines
    assert len(lines) == 2 and lines[1].startswith("  hint: ") and "Traceback" not in child.before


# -- each section's cleanup and grounding; where a resumed session drafts ---------------------------------------

MODEL_FACTS = ["Signed 418 sales contracts worth 612.5 million yuan", "Issued 366 property certificates",
               "Moved 1,240 paper contract files into the archive"]


def test_a_section_review_counts_its_cleanup_edits_and_lists_its_own_grounding_findings():
    session = drafted(facts=MODEL_FACTS)
    session.backend = "openai"
    session.draft_section(0, ScriptedBackend(["In 2026 I worked in the settlement office."]),
                          Settings())
    results = "I signed 999 sales contracts worth 612.5 million yuan in 2019."
    session.draft_section(1, ScriptedBackend([f"Here is the section:\n\n{results} {results}"]), Settings())
    session.draft_section(2, ScriptedBackend([f"{results} I moved 1,240 paper contract files into the archive."]),
                          Settings())
    overview = session.review_section(0)
    assert overview.edit_summary() == "Cleanup: no edits" and overview.finding_lines() == []
    review = session.review_section(1)
    assert review.text == results
    assert review.edit_summary().startswith("Cleanup: 2 edits (") and len(review.edits) == 2
    findings = review.finding_lines()
    assert [line.split(":")[0] for line in findings] == ["invented '999'", "invented '2019'", "omitted"]
    assert findings[-1] == "omitted: Issued 366 property certificates"
    work = session.review_section(2)  # the sentence that repeats section 2 is this section's edit
    assert [edit.kind for edit in work.edits] == ["duplicate-sentence"] and work.finding_lines() == []
    session.draft_section(2, ScriptedBackend([]), Settings())  # a model that sent nothing
    assert session.review_section(2).text == "" and session.review_section(2).edits == []


def test_an_offline_session_saves_the_overview_as_drafter_draft_writes_it(tmp_path):
    session = drafted()
    for index in range(len(session.sections)):
        session.draft_section(index, OfflineBackend(), Settings())
    path, draft = session.save_output(tmp_path / "summary.md")
    overview = session.sections[0].text
    assert overview.startswith("I work in the settlement office") and overview in path.read_text(encoding="utf-8")
    assert draft.cleanup.edits == []


def server_flags(**flags):
    from drafter.config import resolve_settings

    return resolve_settings(flags, env={"OPENAI_API_KEY": "sk-from-the-environment"}, file_values={})


def test_a_session_remembers_its_server_but_never_the_key():
    session = drafted()
    session.remember_server(server_flags(base_url="http://127.0.0.1:9/v1", model="small", api_key="sk-flag-key-99"))
    session.save()
    assert on_disk(session)["server"] == {"backend": "openai", "model": "small", "base_url": "http://127.0.0.1:9/v1"}
    assert "sk-flag-key-99" not in session.path.read_text() and "sk-from-the" not in session.path.read_text()
    session.remember_server(server_flags(base_url="http://127.0.0.1:9/v1?key=sk-flag-key-99", api_key="sk-flag-key-99"))
    session.save()
    assert on_disk(session)["server"] is None and "sk-flag-key-99" not in session.path.read_text()
    session.remember_server(server_flags())
    assert session.server == {"backend": "offline", "model": "offline", "base_url": None}


def test_resume_restores_the_saved_server_unless_a_flag_says_otherwise():
    session = drafted()
    session.remember_server(server_flags(base_url="http://127.0.0.1:9/v1", model="small"))
    restored = session.server_settings(server_flags())
    assert (restored.backend, restored.model, restored.base_url) == ("openai", "small", "http://127.0.0.1:9/v1")
    assert restored.api_key == "sk-from-the-environment" and restored.sources["model"].startswith("session ")
    bigger = session.server_settings(server_flags(model="bigger"))
    assert (bigger.backend, bigger.model, bigger.base_url) == ("openai", "bigger", "http://127.0.0.1:9/v1")
    offline = session.server_settings(server_flags(backend="offline"))
    assert (offline.backend, offline.model, offline.base_url) == ("offline", "offline", None)
    elsewhere = session.server_settings(server_flags(base_url="http://127.0.0.1:10/v1"))
    assert (elsewhere.model, elsewhere.base_url) == ("small", "http://127.0.0.1:10/v1")


def test_a_session_file_from_before_the_server_was_kept_still_loads_and_restores_nothing():
    session = drafted()
    data = session.to_dict()
    del data["server"]
    data.update(backend="openai", model="small")
    session.path.write_text(json.dumps(data))
    old = load_session(session.id)
    assert old.server is None and old.backend == "openai"
    settings = server_flags()
    assert old.server_settings(settings) is settings and settings.backend == "offline"
