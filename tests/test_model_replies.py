"""The real model's replies, replayed without the server (tests/replay.py, fixtures/model-replies): SmolLM2-135M
through llama.cpp recites its prompt, stops at the token limit mid-sentence, leaves sections with nothing usable and
drops facts. Drafted from those replies, prompt echoes are gone, cut ends are trimmed, empty sections are marked, and
with --strict every fact is covered and no claim is unsupported."""

from __future__ import annotations

import json
import re

import pytest

from helpers import FIXTURES
from replay import BASE_URL, MODEL, REPLIES, ReplayTransport, recording, replay_backend, reply_text, settings

STEMS = sorted(path.name.split(".")[0] for path in REPLIES.glob("*.plain.json"))
ECHO_RUN = 8  # words in a row (any words) shared with the instruction lines that make an echo, as the benchmark counts
WORD = re.compile(r"[^\W_]+")
LIST_MARKER = re.compile(r"^\s*(?:[-*+•]|\d{1,3}[.)])(?:\s+|$)")
SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+|(?<=[.!?]['\"”’)])\s+")
DANGLING = re.compile(r"(?:\b(?:the|a|an|of|to|and|or|for|with|that|in|on|at|by|from|is|are|was|were)|['’]s)$", re.I)


def load(stem: str):
    from drafter.facts import load_facts

    return load_facts(str(FIXTURES / f"{stem}.md"))


def draft(stem: str, mode: str, cache_path=None, transport: ReplayTransport | None = None):
    """The fixture drafted from its recorded replies, as `drafter draft` (with --strict in 'strict' mode) would."""
    from drafter.pipeline import draft_summary

    transport = transport or ReplayTransport(recording(stem, mode))
    strict = mode == "strict"
    result = draft_summary(load(stem), settings(), strict=strict, repair=strict,
                           backend=replay_backend(transport, cache_path))
    return result, transport


def instruction_runs(stem: str) -> set[tuple[str, ...]]:
    """Every ECHO_RUN-word run of the instruction lines drafter sends for the fixture (lines holding a fact left
    out): the benchmark's independent count of echoes."""
    from drafter.pipeline import build_requests, default_year, resolve_role

    facts = load(stem)
    facts.meta.setdefault("year", default_year())
    texts = [f.text.strip() for f in facts.items]
    runs: set[tuple[str, ...]] = set()
    for request in build_requests(resolve_role(facts, None), facts, settings()):
        for message in request.messages:
            for line in message["content"].split("\n"):
                if not any(text in line for text in texts):
                    words = [w.lower() for w in WORD.findall(line)]
                    runs.update(tuple(words[i:i + ECHO_RUN]) for i in range(len(words) - ECHO_RUN + 1))
    return runs


def split_sentences(text: str) -> list[str]:
    """A line's sentences: split after an end mark and a space, but not after an abbreviation ("Co.", "Ltd.")."""
    from drafter.text.sentences import ABBREVIATIONS

    out: list[str] = []
    for piece in SENTENCE_BREAK.split(text):
        last = out[-1].rstrip(".").rsplit(" ", 1)[-1].lower() if out else ""
        if out and out[-1].endswith(".") and last in ABBREVIATIONS:
            out[-1] += " " + piece
        else:
            out.append(piece.strip())
    return out


def sentences(text: str) -> list[tuple[str, bool]]:
    """Each sentence of a text and whether it is a list item's (the marker left off)."""
    out = []
    for line in text.split("\n"):
        if line.strip() and not line.lstrip().startswith(("#", "_[")):
            marker = LIST_MARKER.match(line)
            body = line[marker.end():] if marker else line
            out.extend((piece, bool(marker)) for piece in split_sentences(body.strip()))
    return out


def echoes_in(text: str, runs: set[tuple[str, ...]]) -> list[str]:
    """The sentences of text that copy ECHO_RUN words in a row of the instructions."""
    found = []
    for sentence, _ in sentences(text):
        words = [w.lower() for w in WORD.findall(sentence)]
        if any(tuple(words[i:i + ECHO_RUN]) in runs for i in range(len(words) - ECHO_RUN + 1)):
            found.append(sentence)
    return found


def fragments_in(text: str) -> list[str]:
    """Pieces a person would have to finish or delete: under three words, ending on 'the' or 'Min's', a sentence
    outside a list with no end mark, a line whose quotes do not pair up."""
    lines = text.split("\n")
    lead_ins = {line.strip() for number, line in enumerate(lines) if line.rstrip().endswith((":", "："))
                and LIST_MARKER.match(next((later for later in lines[number + 1:] if later.strip()), ""))}
    found = [sentence for sentence, item in sentences(text) if sentence not in lead_ins and (
             len(WORD.findall(sentence)) < 3 or DANGLING.search(sentence.rstrip(" *_'\"”’)"))
             or (not item and not re.search(r"[.!?:]['\"”’)*_]*$", sentence)))]  # "This includes:" before its list
    return found + [line for line in text.split("\n") if line.count('"') % 2 or line.count("“") != line.count("”")]


def body(result) -> str:
    return "\n\n".join(section.text for section in result.sections)


def test_the_recordings_cover_every_fixture_and_hold_what_went_wrong():
    """The fixtures are real: every sample facts file in both modes, replies cut at the token limit among them, and
    the small model reciting its prompt."""
    assert STEMS == sorted(path.stem for path in FIXTURES.glob("*.md"))
    plain = [recording(stem, "plain") for stem in STEMS]
    assert all((REPLIES / f"{stem}.strict.json").exists() for stem in STEMS)
    exchanges = [e for rec in plain for e in rec["exchanges"]]
    assert sum(e["reply"]["finish_reason"] == "length" for e in exchanges) >= 3
    reciting = [e for stem, rec in zip(STEMS, plain) for e in rec["exchanges"]
                if echoes_in(reply_text(e), instruction_runs(stem))]
    assert len(reciting) >= 3


@pytest.mark.parametrize("stem", STEMS)
def test_prompt_echoes_are_removed_and_reported(stem):
    result, _ = draft(stem, "plain")
    runs = instruction_runs(stem)
    raw = "\n".join(reply_text(e) for e in recording(stem, "plain")["exchanges"])
    assert echoes_in(raw, runs), "the recorded replies recite the prompt"
    assert echoes_in(body(result), runs) == []
    assert result.echoes and all(" ".join(e.text.split()) in " ".join(raw.split()) for e in result.echoes)
    assert {e.section for e in result.echoes} <= {s.title for s in result.sections}


@pytest.mark.parametrize("stem", STEMS)
def test_cut_replies_are_trimmed_and_no_fragment_is_left(stem):
    """Without --strict nothing is repaired, so a fragment holding a figure may stay, but only as a finding the
    user is shown ("Achievements: 2026-12-31", a date no fact gives); every other fragment goes."""
    result, _ = draft(stem, "plain")
    flagged = [claim.sentence for claim in result.grounding.unsupported]
    assert [f for f in fragments_in(body(result)) if not any(f.strip('"“”') in s or s in f for s in flagged)] == []
    cut = [e for e in recording(stem, "plain")["exchanges"] if e["reply"]["finish_reason"] == "length"]
    limit_warnings = [w for w in result.warnings if "output token limit" in w]
    assert len(limit_warnings) == len(cut)


@pytest.mark.parametrize("stem", STEMS)
def test_sections_left_empty_keep_their_heading_with_a_note(stem):
    from drafter.errors import BackendError
    from drafter.pipeline import EMPTY_NOTE, check_not_empty

    result, _ = draft(stem, "plain")
    markdown = result.markdown()
    assert re.findall(r"^## (.+)$", markdown, re.M) == [s.title for s in result.sections]
    for section in result.sections:
        assert section.status in ("done", "empty")
        assert bool(section.text) == (section.status == "done")
        if section.status == "empty":
            assert f"## {section.title}\n\n_[empty: {EMPTY_NOTE}]_" in markdown
    if result.empty_sections:
        with pytest.raises(BackendError, match="no usable text from the model"):
            check_not_empty(result)


def test_the_small_model_left_a_section_empty_somewhere():
    """So that the test above checks a marked section, not only finished ones."""
    assert any(draft(stem, "plain")[0].empty_sections for stem in STEMS)


@pytest.mark.parametrize("stem", STEMS)
def test_strict_covers_every_fact_with_nothing_unsupported_echoed_cut_or_empty(stem):
    result, transport = draft(stem, "strict")
    assert result.grounding.omitted == [], [o.text for o in result.grounding.omitted]
    assert result.grounding.unsupported == [], [c.reason for c in result.grounding.unsupported]
    assert result.empty_sections == [] and result.complete
    assert echoes_in(body(result), instruction_runs(stem)) == []
    assert fragments_in(body(result)) == []
    assert transport.asked > len(result.sections), "some section was regenerated"


def test_a_rerun_from_the_cache_removes_the_same_echoes(tmp_path):
    """Only the sections that came back empty are asked again (their replies are not kept); every other one comes
    from the cache with the messages it answered, and loses the same echoes."""
    stem = STEMS[0]
    first, _ = draft(stem, "plain", cache_path=tmp_path / "responses.sqlite3")
    second, transport = draft(stem, "plain", cache_path=tmp_path / "responses.sqlite3")
    assert transport.asked == len(first.empty_sections) < len(first.sections)
    assert second.markdown() == first.markdown()
    assert [e.to_dict() for e in second.echoes] == [e.to_dict() for e in first.echoes] != []


def test_the_json_of_a_draft_lists_the_echoes_it_removed(tmp_path, monkeypatch):
    """`drafter draft --format json` with the recorded replies injected into its OpenAI backend."""
    import httpx2
    import openai
    from typer.testing import CliRunner

    from drafter.backends.openai_backend import OpenAIBackend
    from drafter.cli import app

    stem = STEMS[0]
    expected, _ = draft(stem, "plain")
    transport = ReplayTransport(recording(stem, "plain"))
    client = openai.OpenAI(api_key="dummy", base_url=BASE_URL, max_retries=0,
                           http_client=httpx2.Client(transport=httpx2.MockTransport(transport)))
    monkeypatch.setattr(OpenAIBackend, "client", property(lambda self: client))
    monkeypatch.setenv("DRAFTER_HOME", str(tmp_path))
    result = CliRunner().invoke(app, ["draft", str(FIXTURES / f"{stem}.md"), "--format", "json", "--backend",
                                      "openai", "--base-url", BASE_URL, "--model", MODEL, "--api-key", "dummy",
                                      "--max-tokens", "160", "--temperature", "0", "--concurrency", "1"])
    doc = json.loads(result.stdout)
    assert doc["usage"]["requests"] == transport.asked == len(expected.sections)
    assert doc["echoes"] == [e.to_dict() for e in expected.echoes] != []
    assert doc["text"] == expected.markdown()
    assert result.exit_code == (1 if expected.empty_sections else 0)
