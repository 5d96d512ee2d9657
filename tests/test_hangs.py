"""No input makes cleanup, reply tidying or a user's phrase list hang (issue 17, "every pass near-linear").

Each shape runs at a size the old code needed minutes to hours for (quadratic or cubic) and now needs well under a
second, inside a guard of many seconds: a regression fails by the guard, never by a measured time. Speed itself is
measured in benchmarks/stress.py.
"""

from __future__ import annotations

import re
import signal
from contextlib import contextmanager
from pathlib import Path
from re import _constants as sre_constants, _parser as sre_parser

import pytest

from helpers import FIXTURES, invoke_drafter, run_drafter

GUARD_S = 20  # the slowest of these runs in under a second on a loaded machine; the old code took minutes or more


class StillRunning(BaseException):
    """Raised by the guard; a BaseException so no `except Exception` on the way swallows it."""


@contextmanager
def finishes_within(seconds: float):
    """Fail the test when the block is still running after `seconds` (the alarm interrupts Python code and
    the re engine alike; the test runs in the main thread)."""
    def expire(signum, frame):
        raise StillRunning(f"still running after {seconds} s: a pass is no longer near-linear")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@pytest.fixture(autouse=True)
def own_home(tmp_path, monkeypatch):
    """A fresh DRAFTER_HOME (no user phrase lists) for every test."""
    monkeypatch.setenv("DRAFTER_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


def _stress_module():
    """benchmarks/stress.py, whose input shapes these tests share (one definition of a made-up name)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("stress", Path(__file__).resolve().parent.parent / "benchmarks"
                                                  / "stress.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


made_up_name = _stress_module().made_up_name


# ---------------------------------------------------------------------------------------------------------------
# a model reply that opens with '#' and a run of spaces (the leading-heading pattern: cubic, hours at 20,000)

class HashReplyBackend:
    """A model server whose every reply is '#' and thousands of spaces."""

    name, model = "scripted", "hash-and-spaces"
    reply = "#" + " " * 20_000 + "Achievements"

    def stream(self, request, usage):
        yield self.reply


def test_a_reply_of_a_hash_and_thousands_of_spaces_is_tidied_cleaned_and_drafted_at_once(tmp_path):
    from typer.testing import CliRunner

    from drafter.cli import app
    from drafter.config import Settings
    from drafter.facts import load_facts
    from drafter.pipeline import draft_summary, tidy_section_text

    reply = HashReplyBackend.reply
    with finishes_within(GUARD_S):
        assert tidy_section_text("#" + " " * 20_000, "Achievements") == "#"
        assert tidy_section_text(reply, "Achievements") == ""  # a line that is only the title goes
        assert tidy_section_text(reply + "\n\nWe closed 12 deals.", "Achievements") == "We closed 12 deals."
        draft = draft_summary(load_facts(str(FIXTURES / "sales-inside.md")), Settings(),
                              backend=HashReplyBackend())
        (tmp_path / "reply.md").write_text(reply + "\n\nWe closed 12 deals.\n", encoding="utf-8")
        result = CliRunner().invoke(app, ["clean", str(tmp_path / "reply.md")])
    assert len(draft.sections) > 1 and all(s.status in ("done", "empty") for s in draft.sections)
    assert result.exit_code == 0 and "We closed 12 deals." in result.output


# ---------------------------------------------------------------------------------------------------------------
# cleanup shapes: each took minutes before (measured on the old code at a quarter of the size or less)

LONG_WORD = "This is a sentence with " + "a" * 32_000 + " in it.\n"  # word pieces: cubic, 108 s at 16 KB
LONG_NAME = "Dear " + " ".join(made_up_name(i) for i in range(3_500)) + ", thank you for a great year.\n"
# every run of a name's words listed: 94 s at 10 KB (and memory cubic in the name's length)
BRACKETED_CAPITALS = "[ABC]" * 40_000 + "\n"  # the name-at-sentence-start test from each name: 4.5 s at 20 KB
REPEATED_WORD_RUN = "a; " * 35_000 + "\n"  # doubled phrases scanned all of a word's places at each: 5 s at 20 KB
COLON_LIST_ITEM = "- " + "a:" * 50_000 + "\n"  # doubled phrases and 'a a a …' dropped one at a time: 4.8 s at 20 KB
BLANK_RUN = "Sales" + " \t" * 50_000 + "support, and more of it.\n"  # separators and names in blank runs: 26 s at 20 KB
END_MARK_RUN = "We did it" + "!" * 100_000 + "x and more.\n"  # sentence ends tried from each mark: 14 s at 20 KB
HEADING_BLANK_RUN = "# Sales" + " " * 100_000 + "support\n\nBody text here.\n"  # title tags, names: 27 s at 20 KB
FORM_LINE_RUN = "Approved by: " + "_" * 30 + " Municipal Mayor\n\n" + "Date: " + "__ " * 30_000 + "x\n"  # a form's
# blank split every way: minutes at 30 underscores (c343-08), and quadratic in the blanks after that
CHAT_TURN_RUN = "".join(f"You said:\ncan you write my summary from these notes pls\n\n- closed {i} files in May\n\n"
                        f"ChatGPT said:\nHere's a summary:\n\nI closed {i} files in May.\n\n" for i in range(4_000))
# a chat of many turns: each answer was read against all the text above it, over 20 s at these 4,000 turns


@pytest.mark.parametrize("text", [LONG_WORD, LONG_NAME, BRACKETED_CAPITALS, REPEATED_WORD_RUN, COLON_LIST_ITEM,
                                  BLANK_RUN, END_MARK_RUN, HEADING_BLANK_RUN, FORM_LINE_RUN, CHAT_TURN_RUN],
                         ids=["long-word", "long-name", "bracketed-capitals", "repeated-word-run", "colon-list-item",
                              "blank-run", "end-mark-run", "heading-blank-run", "form-line-run", "chat-turn-run"])
def test_a_hostile_shape_is_cleaned_at_once(text):
    from drafter.cleanup import clean

    with finishes_within(GUARD_S):
        result = clean(text)
    assert result.stats["input_chars"] == len(text)


def test_hedged_figures_of_one_long_sentence_are_read_at_once():
    """Each figure asked whether the whole sentence before it ends in a hedge: 40 s for 167 KB before."""
    from drafter.cleanup import hedged_figures

    from drafter.cleanup import YEAR

    figures = [1_000 + 37 * i for i in range(20_000)]
    parts = [f"{'more than' if i % 2 else 'exactly'} {figure:,} orders" for i, figure in enumerate(figures)]
    text = "We handled " + ", ".join(parts) + " and nearly 3,000 calls."
    with finishes_within(GUARD_S):
        hedged = hedged_figures(text)
    expected = {str(f): f for i, f in enumerate(figures) if i % 2 and not YEAR.fullmatch(f"{f:,}")} | {"3000": 3000}
    # (a figure written "2,011" is an amount, the comma says so; only "2011" would read as a year)
    assert hedged == expected


@pytest.mark.parametrize("pattern_name, method, text", [
    ("CAPITAL_RUN", "findall", "Sales" + " " * 1_000_000 + "x"),
    ("SENTENCE_END", "findall", "!" * 1_000_000 + "x"),
])
def test_a_cleanup_pattern_is_linear_on_a_megabyte_run(pattern_name, method, text):
    """Each was tried again from every character of a long run (quadratic: hours at 1 MB)."""
    from drafter import cleanup

    with finishes_within(GUARD_S):
        getattr(getattr(cleanup, pattern_name), method)(text)


def _starts_with_unbounded_repeat(parsed) -> bool:
    """True when some branch of a parsed pattern starts with an unbounded repeat, no anchor ('^', '\\b', a
    lookaround) before it."""
    for op, av in parsed:
        if op is sre_constants.SUBPATTERN:
            return _starts_with_unbounded_repeat(av[3])
        if op is sre_constants.BRANCH:
            return any(_starts_with_unbounded_repeat(branch) for branch in av[1])
        return op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT) and av[1] is sre_constants.MAXREPEAT
    return False


def _repeats(parsed, inside_unbounded: bool = False) -> list[bool]:
    """For each repeat in a parsed pattern: whether it is unbounded inside another unbounded repeat."""
    out = []
    for op, av in parsed:
        if op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT, sre_constants.POSSESSIVE_REPEAT):
            unbounded = av[1] is sre_constants.MAXREPEAT
            out.append(unbounded and inside_unbounded)
            out += _repeats(av[2], inside_unbounded or unbounded)
        elif op is sre_constants.SUBPATTERN:
            out += _repeats(av[3], inside_unbounded)
        elif op is sre_constants.BRANCH:
            out += [flag for branch in av[1] for flag in _repeats(branch, inside_unbounded)]
        elif op in (sre_constants.ASSERT, sre_constants.ASSERT_NOT):
            out += _repeats(av[1], inside_unbounded)
        elif op is sre_constants.ATOMIC_GROUP:
            out += _repeats(av, inside_unbounded)
    return out


def test_no_shipped_phrase_pattern_is_tried_again_from_each_character_of_a_run():
    """A pattern searched anywhere that starts with an unbounded repeat ('\\s*[(…') retries it from every character
    of a long run: quadratic (the title tags took 27 s on a 20 KB heading). It must start at an anchor ('^', '\\b'
    or a lookbehind) or with something fixed; and no unbounded repeat may sit inside another ('(a+)+')."""
    from drafter.cleanup import PATTERN_KEYS, load_phrase_lists

    lists = load_phrase_lists(include_user=False)
    unguarded, nested = [], []
    for key in PATTERN_KEYS:
        for pattern in getattr(lists, key):
            parsed = sre_parser.parse(pattern.pattern, re.I)
            if _starts_with_unbounded_repeat(parsed):
                unguarded.append(pattern.pattern)
            if any(_repeats(parsed)):
                nested.append(pattern.pattern)
    assert (unguarded, nested) == ([], [])


def test_every_run_of_a_long_name_is_stated_and_nothing_else():
    """The index that replaced listing every run of a name's words answers like the list did."""
    from drafter.cleanup import StatedFacts

    words = [made_up_name(i).lower() for i in range(12)] + ["kalo"]  # ka lo mi … bri kalo: 13 words
    stated = StatedFacts({" ".join(words), "harbour bank", "5"})
    runs = {" ".join(words[a:b]) for a in range(len(words)) for b in range(a + 1, len(words) + 1)}
    assert all(run in stated for run in runs)
    assert all(fact in stated for fact in ["harbour", "bank", "harbour bank", "5"])
    assert not any(fact in stated for fact in ["kalo kalo", "lo ka", "ka mi", "bank harbour", "", "ka  lo", "6",
                                               " ".join(words + ["kalo"])])


def test_the_prompt_lines_that_hold_a_fact_are_found_at_once_among_thousands_of_facts():
    """A model draft leaves the fact lines out of the prompt text it checks for recitals: each line was tried
    against every fact (30,000 facts in 30,000 lines: minutes)."""
    from types import SimpleNamespace

    from drafter.backends import SectionRequest
    from drafter.pipeline import prompt_instructions

    facts = SimpleNamespace(texts=[f"Closed order {10_000 + i} with Client {i} Trading" for i in range(30_000)])
    content = "\n".join(["You write year-end summaries."] + [f"- {text}" for text in facts.texts] +
                         ["Keep every number exactly as written."])
    request = SectionRequest("work", "Work", "work", [{"role": "user", "content": content}], 100, 0.3)
    with finishes_within(GUARD_S):
        found = prompt_instructions([request], facts)
    assert found == ["You write year-end summaries.\nKeep every number exactly as written."]


# ---------------------------------------------------------------------------------------------------------------
# a user's phrase lists

def write_list(home, name: str, body: str):
    """Write $DRAFTER_HOME/cleanup/NAME with `body`; return its path."""
    folder = home / "cleanup"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(body, encoding="utf-8")
    return path


@pytest.fixture
def text_of_as(tmp_path):
    """A text that makes a backtracking pattern explode: sixty a's and no b ('(a|aa)+b' tries 10**12 ways)."""
    path = tmp_path / "text.md"
    path.write_text("We met the team. " + "a" * 60 + "!\n", encoding="utf-8")
    return path


def test_a_user_pattern_that_backtracks_without_end_is_refused_naming_it(tmp_path, own_home, text_of_as):
    evil = write_list(own_home, "evil.toml", "junk = ['(a|aa)+b']\n")
    proc = run_drafter("clean", str(text_of_as), home=own_home, timeout=120)
    assert proc.returncode == 2, proc.stderr
    first, *rest = proc.stderr.splitlines()
    assert first.startswith(f"error: {evil}: junk pattern '(a|aa)+b' takes more than")
    assert rest == ["  hint: simplify it (no nested repeats such as '(a+)+') or remove it"]
    assert proc.stdout == ""


def test_a_nested_repeat_the_time_limited_engine_handles_does_not_hang_clean(own_home):
    """'(a+)+b' runs in no time in the `regex` module; the user's other patterns and emotive words still work."""
    write_list(own_home, "mine.toml", "cliche = ['(a+)+b', 'synergy of minds']\nemotive = ['jubilant', 'elated']\n")
    text = ("# Summary\n\nWe reached a synergy of minds.\n\n" + "a" * 40 + "!\n\nI closed 12 deals in 2025.\n\n"
            "I was jubilant and elated with my colleagues.\n")
    proc = run_drafter("clean", "-", home=own_home, stdin=text, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == "# Summary\n\n" + "a" * 40 + "!\n\nI closed 12 deals in 2025.\n"


@pytest.mark.parametrize("body, message", [
    ("cliche = ['(?x) stock phrase']\n", "bad cliche pattern '(?x) stock phrase' (global flags not at the start"),
    ("emotive = ['(']\n", "bad emotive pattern '(' (missing ), unterminated subpattern"),
    ("filler = ['(?i)we did']\n", "bad filler pattern '(?i)we did' (global flags not at the start"),
])
def test_a_pattern_that_compiles_alone_but_not_as_cleanup_uses_it_is_one_line_exit_2(own_home, text_of_as,
                                                                                     body, message):
    path = write_list(own_home, "mine.toml", body)
    proc = invoke_drafter("clean", str(text_of_as), home=own_home)
    assert proc.returncode == 2
    assert proc.stderr.startswith(f"error: {path}: {message}") and len(proc.stderr.splitlines()) == 1, proc.stderr


def test_emotive_words_that_clash_with_another_files_name_the_second_file(own_home, text_of_as):
    write_list(own_home, "a.toml", "emotive = ['(?P<feeling>glad)']\n")
    second = write_list(own_home, "b.toml", "emotive = ['(?P<feeling>proud)']\n")
    proc = invoke_drafter("clean", str(text_of_as), home=own_home)
    assert proc.returncode == 2
    assert proc.stderr.startswith(f"error: {second}: its emotive words do not combine with the others ("), proc.stderr
    assert len(proc.stderr.splitlines()) == 1

