"""`drafter draft --strict` in process against the stub server (through its transport, the real openai client): a
section with a figure that is not in the facts is regenerated once with a note naming it, then the run passes or
fails."""

from __future__ import annotations

import re

from helpers import FIXTURES, invoke_drafter
from openai_stub import default_reply, section_title

FIXTURE = FIXTURES / "sales-inside.md"
SECTIONS = 5
INVENTED = "9,876,543 yuan"
VICTIM = "Sales results"


def is_regeneration(messages) -> bool:
    return any(m.get("role") == "assistant" for m in messages)


def inventing_reply(fix_on_regeneration: bool):
    """Default replies, but the victim section adds an invented figure (again on regeneration unless fixed)."""

    def reply(messages):
        if is_regeneration(messages):
            original = [m for m in messages if m.get("role") != "assistant"][:2]
            text = default_reply(original)
            return text if fix_on_regeneration else text + f" Revenue also grew by {INVENTED}."
        text = default_reply(messages)
        if section_title(messages) == VICTIM:
            text += f" Revenue also grew by {INVENTED}."
        return text

    return reply


def draft(server, home, *extra):
    return invoke_drafter("draft", str(FIXTURE), "--backend", "openai", "--base-url", server.base_url,
                          "--model", "stub-model", "--strict", *extra, home=home, server=server,
                          OPENAI_API_KEY="sk-strict-test")


def regeneration_requests(server):
    return [r for r in server.chat_requests() if is_regeneration(r.body["messages"])]


def test_strict_regenerates_the_section_once_and_passes_when_the_new_text_is_grounded(tmp_path, openai_server):
    openai_server.set_reply(inventing_reply(fix_on_regeneration=True))
    proc = draft(openai_server, tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "9,876,543" not in proc.stdout
    assert f"## {VICTIM}" in proc.stdout
    assert len(openai_server.chat_requests()) == SECTIONS + 1
    [again] = regeneration_requests(openai_server)
    note = again.body["messages"][-1]["content"]
    assert INVENTED.split()[0] in note and "only the facts" in note
    assert again.body["messages"][-2]["content"].endswith(f"{INVENTED}.")


def test_strict_fails_naming_the_section_and_claim_after_one_regeneration(tmp_path, openai_server):
    openai_server.set_reply(inventing_reply(fix_on_regeneration=False))
    out = tmp_path / "summary.md"
    proc = draft(openai_server, tmp_path, "-o", str(out), "--no-repair")
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    errors = [line for line in proc.stderr.splitlines() if line.startswith("error: ")]
    assert len(errors) == 1 and "9,876,543" in errors[0] and "'Sales results'" in errors[0], proc.stderr
    assert len(regeneration_requests(openai_server)) == 1
    assert len(openai_server.chat_requests()) == SECTIONS + 1
    assert not out.exists()
    kept = out.with_name(out.name + ".partial").read_text()
    assert "9,876,543" in kept and "## Plan for next year" in kept


def test_without_strict_the_invented_figure_is_a_warning_and_nothing_is_regenerated(tmp_path, openai_server):
    openai_server.set_reply(inventing_reply(fix_on_regeneration=False))
    proc = invoke_drafter("draft", str(FIXTURE), "--backend", "openai", "--base-url", openai_server.base_url,
                          "--model", "stub-model", "--format", "json", home=tmp_path, server=openai_server,
                          OPENAI_API_KEY="sk-strict-test")
    assert proc.returncode == 0, proc.stderr
    assert len(openai_server.chat_requests()) == SECTIONS
    import json

    warnings = json.loads(proc.stdout)["warnings"]
    assert any("9,876,543" in w for w in warnings), warnings


def test_a_section_that_failed_strict_is_asked_again_on_a_rerun_while_the_others_come_from_the_cache(
        tmp_path, openai_server):
    openai_server.set_reply(inventing_reply(fix_on_regeneration=False))
    assert draft(openai_server, tmp_path, "--no-repair").returncode == 1
    assert len(openai_server.chat_requests()) == SECTIONS + 1
    openai_server.set_reply(inventing_reply(fix_on_regeneration=True))
    proc = draft(openai_server, tmp_path)
    assert proc.returncode == 0, proc.stderr
    again = openai_server.chat_requests()[SECTIONS + 1:]
    assert [section_title(r.body["messages"]) for r in again] == [VICTIM, ""]  # the section, then its regeneration
    assert "9,876,543" not in proc.stdout
    proc = draft(openai_server, tmp_path)
    assert proc.returncode == 0 and len(openai_server.chat_requests()) == SECTIONS + 3, "a passing run is cached whole"


def misattributing_reply(messages):
    """Default replies, but the victim section tells the orders count as calls and leaves its first fact out."""
    text = default_reply([m for m in messages if m.get("role") != "assistant"][:2])
    if section_title([m for m in messages if m.get("role") != "assistant"][:2]) == VICTIM and \
            not is_regeneration(messages):
        sentences = text.split(". ")
        text = ". ".join(sentences[1:]) + " I also handled 2,318 customer calls."
    return text


def test_strict_names_a_misattributed_figure_and_a_left_out_fact_in_the_regeneration_request(tmp_path,
                                                                                            openai_server):
    openai_server.set_reply(misattributing_reply)
    proc = draft(openai_server, tmp_path)
    assert proc.returncode == 0, proc.stderr
    [again] = regeneration_requests(openai_server)
    note = again.body["messages"][-1]["content"]
    assert "2,318 is the customer orders count in fact 1" in note, note
    assert "the draft leaves out: Sales support for the team of 9 field reps" in note, note


def test_check_of_a_regenerated_draft_reports_misattribution_as_a_warning_without_strict(tmp_path, openai_server):
    openai_server.set_reply(misattributing_reply)
    proc = invoke_drafter("draft", str(FIXTURE), "--backend", "openai", "--base-url", openai_server.base_url,
                          "--model", "stub-model", "--format", "json", home=tmp_path, server=openai_server,
                          OPENAI_API_KEY="sk-strict-test")
    assert proc.returncode == 0, proc.stderr
    import json

    warnings = json.loads(proc.stdout)["warnings"]
    assert any("misattributed '2,318'" in w for w in warnings), warnings


def stubborn_reply(messages):
    """Default replies, but the victim section keeps an invented figure and leaves its first fact out, even when
    asked again."""
    original = [m for m in messages if m.get("role") != "assistant"][:2]
    text = default_reply(original)
    if section_title(original) == VICTIM:
        text = ". ".join(text.split(". ")[1:]) + f" Revenue also grew by {INVENTED}."
    return text


def test_strict_repairs_what_one_regeneration_left_wrong(tmp_path, openai_server):
    """With --strict (repair on by default), the sentence still holding an invented figure goes and the fact still
    left out comes back as the offline writer's sentence; the run passes and JSON lists both."""
    import json

    openai_server.set_reply(stubborn_reply)
    proc = draft(openai_server, tmp_path, "--format", "json")
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    assert "9,876,543" not in doc["text"]
    actions = [(r["section"], r["action"]) for r in doc["repaired"]]
    assert actions == [(VICTIM, "removed"), (VICTIM, "added")], doc["repaired"]
    assert "9,876,543" in doc["repaired"][0]["text"] and doc["repaired"][0]["reason"]
    assert "48.3 million yuan" in doc["repaired"][1]["text"]
    assert "48.3 million yuan" in next(s["text"] for s in doc["sections"] if s["title"] == VICTIM)
    assert doc["grounding"]["unsupported"] == [] and doc["grounding"]["omitted"] == []
    assert len(regeneration_requests(openai_server)) == 1


def emptying_reply(messages):
    """Default replies, but the victim section is only a chatbot line, which cleanup removes, leaving it empty."""
    original = [m for m in messages if m.get("role") != "assistant"][:2]
    if section_title(original) == VICTIM:
        return "Sure! Here is the section you asked for:"
    return default_reply(original)


def test_strict_repair_fills_a_section_the_model_left_empty_with_the_offline_writers_text(tmp_path, openai_server):
    import json

    openai_server.set_reply(emptying_reply)
    proc = draft(openai_server, tmp_path, "--format", "json")
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    victim = next(s for s in doc["sections"] if s["title"] == VICTIM)
    assert victim["status"] == "done" and "48.3 million yuan" in victim["text"]
    assert any(r["section"] == VICTIM and r["action"] == "added" for r in doc["repaired"]), doc["repaired"]
    plain = invoke_drafter("draft", str(FIXTURE), "--backend", "openai", "--base-url", openai_server.base_url,
                           "--model", "stub-model", "--no-cache", home=tmp_path, server=openai_server,
                           OPENAI_API_KEY="sk-strict-test")
    assert plain.returncode == 1 and "no usable text from the model" in plain.stderr, plain.stderr
    assert f"## {VICTIM}" in plain.stdout and "_[empty:" in plain.stdout


RECITED = "Keep every number, amount, percentage, date and name exactly as written: booked revenue of 48.3 million yuan."


def reciting_reply(messages):
    """Default replies, but the victim section states its revenue fact only inside a recited rule of the prompt."""
    original = [m for m in messages if m.get("role") != "assistant"][:2]
    text = default_reply(original)
    if section_title(original) == VICTIM:
        kept = [s for s in re.split(r"(?<=\.) ", text) if "48.3 million" not in s]
        return " ".join([RECITED, *kept])
    return text


def test_strict_repair_drops_a_recited_prompt_line_even_with_a_fact_in_it_and_adds_the_fact_back(tmp_path,
                                                                                                  openai_server):
    """Without --strict the recited line stays for the figure it carries; with --strict (repair on) it goes as an
    echo, and repair adds the fact back in the writer's words."""
    import json

    openai_server.set_reply(reciting_reply)
    doc = json.loads(draft(openai_server, tmp_path, "--format", "json").stdout)
    victim = next(s for s in doc["sections"] if s["title"] == VICTIM)
    assert "exactly as written" not in doc["text"]
    assert "48.3 million yuan" in victim["text"]
    assert any(r["action"] == "added" and "48.3 million yuan" in r["text"] for r in doc["repaired"]), doc["repaired"]
    assert doc["grounding"]["omitted"] == []
    plain = invoke_drafter("draft", str(FIXTURE), "--backend", "openai", "--base-url", openai_server.base_url,
                           "--model", "stub-model", "--no-cache", home=tmp_path, server=openai_server,
                           OPENAI_API_KEY="sk-strict-test")
    assert plain.returncode == 0, plain.stderr
    assert RECITED in plain.stdout
