"""Generated hostile input for everything drafter parses or passes over in process: the facts parser, `clean`,
`check`, role files, phrase lists and settings (issue 17). Each property holds when the call returns or refuses
with a DrafterError in one line; any other exception is a crash a user could cause.

The strategies aim at the edges: empty and whitespace-only text, NUL, lone combining marks, numbers of thousands
of digits, deep nesting, 10,000-item lists, wrong types in every field. The profile is fixed (derandomized, bounded)
so the file runs the same examples every time and stays well under a minute on a loaded two-core machine.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Iterator

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from drafter import config, roles
from drafter.cleanup import CleanupSettings, clean, facts_of, hedged_figures, load_phrase_lists
from drafter.errors import DrafterError
from drafter.facts import Fact, Facts, load_facts, parse_facts
from drafter.grounding import check

EXAMPLES = 150  # per property: the whole file runs in about 25 s on a two-core machine under a load of 4
ROLE_EXAMPLES = 60  # a role example reloads every built-in role and renders its templates: ten times the cost
FUZZ = settings(derandomize=True, database=None, deadline=None, max_examples=EXAMPLES, print_blob=False,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                       HealthCheck.large_base_example, HealthCheck.filter_too_much])
FUZZ_ROLES = settings(FUZZ, max_examples=ROLE_EXAMPLES)
HUGE_DIGITS = 5000  # past Python's 4300-digit int/str conversion limit
DEEP = 100_000  # nesting levels, far past any parser's recursion limit
MANY = 10_000  # items in a long list
LONG_WORD = 20_000  # characters in one word
# cleanup's passes are still far from linear in one word's length (2,000 letters: 0.3 s, 20,000: minutes), a hang
# issue 17 lists and benchmarks/stress.py measures; here its documents hold words of up to this many letters
CLEAN_LONG_WORD = 2_000


# -- running a call ------------------------------------------------------------------------------------------------

def returns_or_refuses(call: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """The call's result, or None when it refuses with a DrafterError; the refusal must be one non-empty line."""
    try:
        return call(*args, **kwargs)
    except DrafterError as exc:
        assert exc.message.strip(), f"{type(exc).__name__} with an empty message"
        assert "\n" not in exc.message and "\r" not in exc.message, f"a message of several lines: {exc.message!r}"
        return None


@contextmanager
def home_folder() -> Iterator[Path]:
    """A fresh, empty $DRAFTER_HOME for one example (hypothesis runs many examples in one test call)."""
    old = os.environ.get("DRAFTER_HOME")
    folder = Path(tempfile.mkdtemp(prefix="drafter-fuzz-"))
    os.environ["DRAFTER_HOME"] = str(folder)
    try:
        yield folder
    finally:
        if old is None:
            os.environ.pop("DRAFTER_HOME", None)
        else:
            os.environ["DRAFTER_HOME"] = old
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(autouse=True, scope="module")
def empty_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """No user's phrase lists, roles or config reach the properties that do not write their own."""
    old = os.environ.get("DRAFTER_HOME")
    os.environ["DRAFTER_HOME"] = str(tmp_path_factory.mktemp("home"))
    yield
    if old is None:
        os.environ.pop("DRAFTER_HOME", None)
    else:
        os.environ["DRAFTER_HOME"] = old


@pytest.fixture(autouse=True, scope="module")
def same_examples_in_every_process() -> Iterator[None]:
    """Derandomized, the properties still drew from Hypothesis's "local constants", the literals of whichever of
    drafter's modules the process had imported by then, so their examples (and cost) changed with the test order and
    the pytest-xdist worker: with drafter.office.slides imported, test_role_files_load_or_are_refused drew many more
    100,000-level documents (about 1 s each to refuse) and took 10 s of CPU instead of 1.5. Here no local constants
    are drawn, so the file runs the same examples in every process. (A private Hypothesis hook: without it, as in
    versions before 6.131, this does nothing.)"""
    try:
        from hypothesis.internal.conjecture import providers
        from hypothesis.internal.constants_ast import Constants
    except ImportError:
        yield
        return
    original = getattr(providers, "_get_local_constants", None)
    cache = getattr(getattr(providers, "CONSTANTS_CACHE", None), "cache", None)
    if original is None or cache is None:
        yield
        return
    none = Constants()
    providers._get_local_constants = lambda: none
    cache.clear()  # the constants allowed per choice, with the local ones found so far
    try:
        yield
    finally:
        providers._get_local_constants = original
        cache.clear()


@pytest.fixture(autouse=True)
def forget_generated_secrets() -> Iterator[None]:
    """Generated API keys are remembered for redaction; drop them so they cannot blank words in other tests."""
    remembered = set(config._SECRETS)
    yield
    config._SECRETS.clear()
    config._SECRETS.update(remembered)


# -- the edges -----------------------------------------------------------------------------------------------------

ODD_CHARACTERS = ["\x00", "\u0301", "\u0308", "\u200b", "\u200d", "\ufeff", "\u202e", "\u2028", "\u2029", "\x85",
                  "\x0b", "\x0c", "\x1c", "\r", "\r\n", "\t", "\xa0", "\u3000", "é", "ﬁ", "İ", "ß", "😀",
                  "²", "¹²³", "½", "①", "٣٤", "１２３", "\U0001d7d8", "Ⅻ", "一", "〇", "\ufffd", "\x7f"]
ODD_NUMBERS = ["0", "-0", "00012", "1,000", "1,2,3,4", "1.2.3", "$1,000,000.00", "12%", "3.5k", "4.1 million",
               "0.0000001", "1e309", "-1e309", "nan", "inf", "10^9", "1/0", "twenty-five thousand", "a hundred",
               "1st", "3rd-quarter", "Q4", "v7.0", "HC-28", "2024-13-45", "20XX", "20**", "12:00", "9" * 400,
               "1" + "0" * 1000, "9" * HUGE_DIGITS, "." + "5" * 300, "1" + ",000" * 400]
ODD_WORDS = ["", " ", "  ", "#", "#1", "##", "#######", "-", "*", "**", "***", "+", "•", "1.", "1)", "(a)",
             "<!--", "-->", "---", "...", "{{", "}}", "{%", "%}", "{#", "[Name]", "[Company Name]", "{name}",
             "XX", "xx", "___", "TBD", "TODO", ":", "'", '"', "“", "”", "«", "»", "\\", "|", "`", "```", "~~~",
             "[", "]", "{", "}", "(", ")", "Dear", "Mr.", "e.g.", "U.S.", "I", "May", "March", "nearly", "about",
             "more than", "from 21 to 14 days", "percent", "%"]
PLAIN_WORDS = ["we", "sold", "units", "in", "the", "region", "team", "closed", "accounts", "Ann", "Lee", "Harbour",
               "Bank", "Lisbon", "project", "launched", "reduced", "costs", "by", "and", "hired", "staff", "year",
               "grew", "revenue", "to", "of", "clients", "reports", "filed", "on", "time", "training", "sessions"]

odd_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
odd_word = st.one_of(st.sampled_from(ODD_CHARACTERS), st.sampled_from(ODD_NUMBERS), st.sampled_from(ODD_WORDS),
                     st.sampled_from(PLAIN_WORDS), odd_text, st.integers().map(str),
                     st.floats(allow_nan=False).map(repr))


@st.composite
def odd_line(draw: st.DrawFn, longest_word: int = LONG_WORD) -> str:
    """A line of words drawn from the edges, sometimes a very long word, sometimes only spaces."""
    words = draw(st.lists(odd_word, max_size=12))
    if draw(st.integers(0, 20)) == 0:
        words.append(draw(st.sampled_from("aé1#-")) * draw(st.integers(longest_word // 2, longest_word)))
    if draw(st.integers(0, 15)) == 0:
        return " " * draw(st.integers(0, 3000))
    return draw(st.sampled_from([" ", "", "  ", "\t"])).join(words)


# -- facts: Markdown -----------------------------------------------------------------------------------------------

FRONT_MATTER_LINES = ["role: sales-inside", "name: 'Ann Lee'", 'name: "Ann Lee"', "year: 2026", "year: " + "9" * 5000,
                      "# a comment", "", "bad line", ": no key", "1key: x", "key:", "key: ---", "Key-Name_2: x",
                      "organisation: Harbour Bank", "title: {{ year }}", "role: " + "x" * 500]


@st.composite
def front_matter(draw: st.DrawFn) -> list[str]:
    """A leading '---' block: closed by '---' or '...', never closed, or with malformed lines."""
    if draw(st.booleans()):
        return []
    lines = ["---"] + draw(st.lists(st.one_of(st.sampled_from(FRONT_MATTER_LINES), odd_line()), max_size=6))
    closing = draw(st.sampled_from(["---", "...", " --- ", None]))
    return lines + ([closing] if closing is not None else [])


@st.composite
def markdown_line(draw: st.DrawFn) -> str:
    """One line of a facts file: a heading, a bullet, a comment, an indented continuation or plain text."""
    body = draw(odd_line())
    shape = draw(st.sampled_from(["heading", "bullet", "numbered", "comment", "continuation", "plain", "empty"]))
    if shape == "heading":
        marks = "#" * draw(st.integers(1, 8))
        gap = " " * draw(st.integers(0, 3000 if draw(st.integers(0, 10)) == 0 else 3))
        closing = draw(st.sampled_from(["", " #", " ###", "#", " # x"]))
        return f"{marks}{gap}{body}{closing}"
    if shape == "bullet":
        return draw(st.sampled_from(["-", "*", "+", "•", "  -", "\t*"])) + draw(st.sampled_from([" ", "", "   "])) + body
    if shape == "numbered":
        return f"{draw(st.integers(0, 10_000))}{draw(st.sampled_from(['.', ')', '、']))} {body}"
    if shape == "comment":
        return draw(st.sampled_from(["<!-- ", "", "x <!-- "])) + body + draw(st.sampled_from([" -->", "", " --> y"]))
    if shape == "continuation":
        return draw(st.sampled_from(["  ", "\t", "    "])) + body
    if shape == "empty":
        return draw(st.sampled_from(["", " ", "\t", "\x0c"]))
    return body


@st.composite
def markdown_facts(draw: st.DrawFn) -> str:
    """A Markdown facts file: maybe front matter, then lines of every shape."""
    lines = draw(front_matter()) + draw(st.lists(markdown_line(), max_size=15))
    return draw(st.sampled_from(["\n", "\r\n", "\r"])).join(lines) + draw(st.sampled_from(["", "\n", "\n\n"]))


# -- facts: JSON and YAML ------------------------------------------------------------------------------------------

class Digits(str):
    """An integer literal too long for Python to print as an int: written into JSON/YAML text as bare digits."""


ODD_KEYS = ["facts", "sections", "role", "name", "year", "title", "FACTS", "Facts", "", " ", "\x00", "é\u0301",
            "a.b", "1", "true", "null", "-", "<<", "? x", "key: value", "- item"]
leaf = st.one_of(st.none(), st.booleans(), st.integers(), st.integers(-10 ** 30, 10 ** 30),
                 st.integers(400, HUGE_DIGITS).map(lambda n: Digits("9" * n)),
                 st.floats(allow_nan=True, allow_infinity=True), odd_word, odd_text)
odd_key = st.one_of(st.sampled_from(ODD_KEYS), odd_text)
nested = st.recursive(leaf, lambda inner: st.one_of(st.lists(inner, max_size=5),
                                                     st.dictionaries(odd_key, inner, max_size=5)), max_leaves=25)
fact_list = st.one_of(st.lists(st.one_of(odd_line(), leaf), max_size=8), nested)
facts_document = st.one_of(
    nested,
    st.fixed_dictionaries({"facts": fact_list}, optional={
        "sections": st.one_of(st.dictionaries(odd_key, fact_list, max_size=4), nested),
        "role": nested, "name": leaf, "year": leaf, "title": leaf}),
    st.fixed_dictionaries({"sections": st.dictionaries(odd_key, fact_list, max_size=4)},
                          optional={"role": leaf, "meta": nested}),
)


def _with_digits_swapped(value: Any, found: dict[str, str]) -> Any:
    """The value with every Digits replaced by a unique marker word (kept in `found`) that a dumper writes bare."""
    if isinstance(value, Digits):
        marker = f"HUGEDIGITS{len(found):06d}X"
        found[marker] = str(value)
        return marker
    if isinstance(value, list):
        return [_with_digits_swapped(item, found) for item in value]
    if isinstance(value, dict):
        return {key: _with_digits_swapped(item, found) for key, item in value.items()}
    return value


def as_json(value: Any) -> str:
    """JSON text for a generated value, huge integers written as bare digits."""
    found: dict[str, str] = {}
    text = json.dumps(_with_digits_swapped(value, found), ensure_ascii=False)
    for marker, digits in found.items():
        text = text.replace(f'"{marker}"', digits)
    return text


def as_yaml(value: Any, flow: bool) -> str:
    """YAML text for a generated value (block or flow style), huge integers written as bare digits."""
    found: dict[str, str] = {}
    text = yaml.safe_dump(_with_digits_swapped(value, found), default_flow_style=flow, allow_unicode=True)
    for marker, digits in found.items():
        text = text.replace(marker, digits)
    return text


YAML_ODDITIES = ["facts: !!python/object:os.system {}", "facts: !!binary aGVsbG8=", "facts: !!set {a, b}",
                 "facts:\n  - 2024-01-01\n  - !!binary aGk=", "facts: [*x]", "a: &x [1]\nfacts: *x",
                 "facts: [2024-13-45]", "facts:\n- x\nfacts:\n- y", "? [a]\n: b\nfacts: [x]", "facts: [1:20:30]",
                 "%YAML 1.1\n---\nfacts: [x]", "--- !!map\nfacts: [x]", "facts: [x]\n---\nfacts: [y]",
                 "facts: [x]\nyear: 2024-02-30", "facts: [x]\nyear: 0x" + "f" * 5000, "facts: ['\\x']",
                 "facts: [x]\nname: !!timestamp 2001-12-14t21:59:43.10-05:00", "facts: [.inf, .nan, -.inf]",
                 "facts: [0b" + "1" * 20_000 + "]", "facts: [" + "1" * HUGE_DIGITS + ".5e3]"]


# -- facts: the properties -----------------------------------------------------------------------------------------

LABELS = ["f.md", "f.markdown", "f.txt", "f.json", "F.JSON", "f.yaml", "f.yml", "f", "<stdin>", "f.md.json", ".md"]


@FUZZ
@given(text=markdown_facts(), label=st.sampled_from(LABELS), fmt=st.sampled_from([None, "md", "md", "yaml", "json"]))
@example(text="- fact\n" * MANY, label="f.md", fmt=None)
@example(text="#" + " " * 3000 + "x", label="f.md", fmt=None)
@example(text="<!--\n" * MANY, label="f.md", fmt=None)
@example(text="---\n" + "a: b\n" * MANY, label="f.md", fmt=None)
@example(text="\u0301", label="f.md", fmt=None)
def test_markdown_facts_parse_or_are_refused(text: str, label: str, fmt: str | None) -> None:
    """Markdown facts with any front matter, headings, bullets and comments parse or are refused in one line."""
    facts = returns_or_refuses(parse_facts, text, label, fmt)
    if facts is not None:
        assert facts.items and all(fact.text.strip() for fact in facts.items)
        returns_or_refuses(parse_facts, facts.to_markdown(), "again.md")


@FUZZ
@given(document=facts_document, kind=st.sampled_from(["json", "yaml-block", "yaml-flow"]),
       label=st.sampled_from(LABELS), detect=st.booleans())
@example(document={"facts": ["x"] * MANY}, kind="json", label="f.json", detect=False)
@example(document={"facts": ["x"], "year": Digits("9" * HUGE_DIGITS)}, kind="yaml-block", label="f.yaml", detect=False)
@example(document={"facts": [Digits("1" * HUGE_DIGITS)]}, kind="json", label="f.json", detect=False)
@example(document={"sections": {"\r": [""]}}, kind="json", label="f.md", detect=False)  # found: a two-line message
@example(document={"facts": ["x"], "a\nb": [1]}, kind="yaml-flow", label="f.yaml", detect=False)
def test_json_and_yaml_facts_parse_or_are_refused(document: Any, kind: str, label: str, detect: bool) -> None:
    """Generated JSON/YAML documents (wrong types, huge ints, odd keys, nesting) parse or are refused in one line."""
    text = as_json(document) if kind == "json" else as_yaml(document, flow=kind == "yaml-flow")
    fmt = None if detect else kind.split("-")[0]
    returns_or_refuses(parse_facts, text, label, fmt)


@pytest.mark.parametrize("text, fmt", [
    ("[" * DEEP, "json"), ("[" * DEEP + "]" * DEEP, "json"), ('{"facts": ' * DEEP, "json"),
    ('{"facts": [' + "1" * HUGE_DIGITS + "]}", "json"), ('{"facts": [1e' + "9" * HUGE_DIGITS + "]}", "json"),
    ("[" * DEEP, "yaml"), ("facts: " + "[" * DEEP + "]" * DEEP, "yaml"), ("- " * DEEP + "x", "yaml"),
    ("".join(f"{' ' * depth}- \n" for depth in range(0, 2000, 2)), "yaml"),
    *[(text, "yaml") for text in YAML_ODDITIES],
], ids=lambda value: value[:30] if isinstance(value, str) else str(value))
def test_deep_huge_and_tagged_documents_are_refused_in_one_line(text: str, fmt: str) -> None:
    """Documents nested 100,000 deep, numbers of thousands of digits and YAML's tags parse or are refused."""
    returns_or_refuses(parse_facts, text, "f." + fmt, fmt)


ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "latin-1", "cp1252"]


@FUZZ
@given(text=st.one_of(markdown_facts(), odd_text), encoding=st.sampled_from(ENCODINGS),
       tail=st.one_of(st.just(b""), st.binary(max_size=20)), suffix=st.sampled_from([".md", ".json", ".yaml", ""]))
@example(text="- x\n" + "y" * 9000 + "\x00", encoding="utf-8", tail=b"", suffix=".md")
def test_facts_files_in_any_encoding_load_or_are_refused(text: str, encoding: str, tail: bytes, suffix: str) -> None:
    """A facts file in any encoding, with stray bytes after it, loads or is refused in one line."""
    with home_folder() as folder:
        path = folder / f"facts{suffix}"
        path.write_bytes(text.encode(encoding, "replace") + tail)
        returns_or_refuses(load_facts, path)


# -- clean ---------------------------------------------------------------------------------------------------------

SENTENCES = ["We sold 418 units in the north region.", "We sold 418 units in the north region.",
             "Sales in the north region reached 418 units.", "Revenue grew by 12% to $4.1 million.",
             "Revenue grew by nearly 13% this year.", "Thanks to the whole team for their hard work.",
             "I hired Ann Lee from Harbour Bank in March 2024.", "Looking ahead, we will keep up the good work.",
             "In summary, this year was a year of growth.", "Dear [Name], this is the 20XX summary.",
             "The project, the project, was done on time.", "Closed 1,205 cases, 1,205 cases in all.",
             "Not one accident happened in 2024.", "Next year we plan to open 3 branches.",
             "All in all, it was a busy and successful year.", "This PPT template is free to download."]


@st.composite
def document_block(draw: st.DrawFn) -> str:
    """A block of a model's draft: a heading, a list, a paragraph of (often repeated) sentences, code, a table."""
    def sentence() -> str:
        return draw(st.one_of(st.sampled_from(SENTENCES), odd_line(CLEAN_LONG_WORD)))

    shape = draw(st.sampled_from(["heading", "list", "numbered", "paragraph", "paragraph", "fence", "table", "rule",
                                  "quote"]))
    if shape == "heading":
        return "#" * draw(st.integers(1, 7)) + " " * draw(st.integers(0, 40)) + sentence()
    if shape == "list":
        marker = draw(st.sampled_from(["-", "*", "+", "•", "(a)", "a)", "(1)"]))
        return "\n".join(f"{marker} {sentence()}" for _ in range(draw(st.integers(1, 5))))
    if shape == "numbered":
        mark = draw(st.sampled_from([".", ")", "、", ","]))
        return "\n".join(f"{n}{mark} {sentence()}" for n in range(1, draw(st.integers(2, 6))))
    if shape == "fence":
        return "```\n" + sentence() + draw(st.sampled_from(["\n```", ""]))
    if shape == "table":
        return "| a | b |\n|---|---|\n| " + sentence() + " | 12 |"
    if shape == "rule":
        return draw(st.sampled_from(["---", "***", "___", "* * *"]))
    if shape == "quote":
        return "> " + sentence()
    return " ".join(sentence() for _ in range(draw(st.integers(1, 6))))


documents = st.lists(document_block(), max_size=10).flatmap(
    lambda blocks: st.sampled_from(["\n\n", "\n", "\r\n\r\n"]).map(lambda gap: gap.join(blocks)))
cleanup_settings = st.one_of(st.none(), st.just(CleanupSettings(keep_sections=True)),
                             st.just(CleanupSettings(stock_threshold=1.0)), st.just(CleanupSettings(user_lists=False)))


@FUZZ
@given(text=documents, cleanup=cleanup_settings,
       echo_of=st.lists(st.sampled_from(SENTENCES) | odd_line(CLEAN_LONG_WORD), max_size=3))
@example(text="- " + "\n- ".join(f"Item {n} of the list." for n in range(MANY)), cleanup=None, echo_of=[])
@example(text=("[" + "A" * 50 + "] ") * 100, cleanup=None, echo_of=[])
@example(text="#" + " " * 3000 + "x", cleanup=None, echo_of=[])
@example(text="\u0301\n\u0301", cleanup=None, echo_of=["\u0301"])
def test_clean_returns_or_refuses_any_document(text: str, cleanup: CleanupSettings | None, echo_of: list[str]) -> None:
    """`clean` on a generated draft (headings, lists, repeats, numbers, placeholders, unicode) returns or refuses."""
    returns_or_refuses(clean, text, cleanup, echo_of)


def stated_figures(text: str) -> set[str]:
    """The figures (numbers and codes with a digit) cleanup reads in a text."""
    return {fact for fact in facts_of(text) if any(char.isdigit() for char in fact)}


FIGURE_SENTENCE_WORDS = st.lists(st.sampled_from(PLAIN_WORDS), min_size=2, max_size=8)


@st.composite
def figure_sentence(draw: st.DrawFn) -> str:
    """A plain sentence of ordinary words holding one or two figures, often one said before."""
    words = draw(FIGURE_SENTENCE_WORDS)
    for _ in range(draw(st.integers(1, 2))):
        figure = draw(st.sampled_from(["418", "1,205", "12%", "$4.1 million", "2024", "3", "96", "Q4", "17.5"]))
        words.insert(draw(st.integers(0, len(words))), figure)
    return (" ".join(words).capitalize() + ".").replace(" .", ".")


@FUZZ
@given(blocks=st.lists(st.lists(figure_sentence(), min_size=1, max_size=4), min_size=1, max_size=6),
       listed=st.booleans())
def test_clean_never_loses_a_figure_no_kept_sentence_states(blocks: list[list[str]], listed: bool) -> None:
    """Every figure of the input is still stated in the output, save a hedged rounding of one that is."""
    text = "\n".join("- " + " ".join(block) for block in blocks) if listed else \
        "\n\n".join(" ".join(block) for block in blocks)
    result = clean(text)
    lost = stated_figures(text) - stated_figures(result.text)
    hedged = set().union(*(hedged_figures(edit.removed) for edit in result.edits if edit.kind != "junk"))
    assert not lost - hedged, result.edits


# -- check ---------------------------------------------------------------------------------------------------------

FACT_TEXTS = ["Sold 418 units in the north region", "Revenue grew 12% to $4.1 million", "Hired Ann Lee in March 2024",
              "Cut turnaround from 21 to 14 days", "Closed 1,205 cases", "Opened the Lisbon branch on 3 May 2024",
              "Trained 96 staff in 12 sessions", "Plan to open 3 branches next year", "Ranked 1st of 40 offices",
              "Grew clients by two thirds", "Filed 100% of reports on time"]


@st.composite
def fact_text(draw: st.DrawFn) -> str:
    """One fact as the parser leaves it: a non-empty line with its whitespace collapsed."""
    raw = draw(st.one_of(st.sampled_from(FACT_TEXTS), odd_line(), st.sampled_from(ODD_NUMBERS)))
    return " ".join(raw.split()) or "x"


@st.composite
def facts_value(draw: st.DrawFn) -> Facts:
    """Facts as parse_facts builds them: texts, lines, headings, and front matter for placeholders to use."""
    texts = draw(st.lists(fact_text(), max_size=12))
    heading = draw(st.sampled_from([None, "Results", "Goals", "Next year", "\u0301"]))
    meta = draw(st.dictionaries(st.sampled_from(["name", "company", "organisation", "year", "role", "title", "x"]),
                                st.one_of(st.sampled_from(["Ann Lee", "2026", "Harbour Bank", ""]), odd_line()),
                                max_size=4))
    return Facts([Fact(text, line, heading) for line, text in enumerate(texts, 1)], meta, "f.md")


@st.composite
def draft_text(draw: st.DrawFn, facts: Facts) -> str:
    """A draft about these facts: their texts retold, figures changed or hedged, placeholders, odd lines."""
    pieces = []
    for _ in range(draw(st.integers(0, 10))):
        choice = draw(st.sampled_from(["fact", "changed", "hedged", "odd", "placeholder", "sentence", "heading"]))
        fact = draw(st.sampled_from(facts.texts)) if facts.items else draw(st.sampled_from(FACT_TEXTS))
        if choice == "fact":
            pieces.append(f"I {fact[:1].lower()}{fact[1:]}.")
        elif choice == "changed":
            pieces.append(re.sub(r"\d+", lambda m: draw(st.sampled_from(ODD_NUMBERS)), fact) + ".")
        elif choice == "hedged":
            pieces.append(draw(st.sampled_from(["Nearly", "About", "More than", "Over"])) + " " +
                          draw(st.sampled_from(ODD_NUMBERS)) + " " + fact + ".")
        elif choice == "placeholder":
            pieces.append(draw(st.sampled_from(["[Name]", "20XX", "{{ name }}", "XX%", "[Company]", "___"])) +
                          " " + fact)
        elif choice == "sentence":
            pieces.append(draw(st.sampled_from(SENTENCES)))
        elif choice == "heading":
            pieces.append("\n\n## " + draw(odd_line()) + "\n\n")
        else:
            pieces.append(draw(odd_line()))
    return draw(st.sampled_from([" ", "\n", "\n\n"])).join(pieces)


@st.composite
def draft_and_facts(draw: st.DrawFn) -> tuple[str, Facts]:
    """Generated facts and a draft about them."""
    facts = draw(facts_value())
    return draw(draft_text(facts)), facts


def facts_of_texts(*texts: str) -> Facts:
    """Facts holding these texts, for an explicit example."""
    return Facts([Fact(text, line) for line, text in enumerate(texts, 1)], {}, "f.md")


PAST_FLOAT = "9" * 400  # a figure past the largest float: it reads as infinity


@FUZZ
@given(case=draft_and_facts(), fixed_text=st.one_of(st.just(""), odd_line(), st.sampled_from(SENTENCES)),
       fill=st.booleans())
# found by this property; grounding crashes on figures past the float range (reported to the lead, unfixed here):
@example(case=("", facts_of_texts("0 " + PAST_FLOAT)), fixed_text="", fill=True)  # OverflowError in support._fmt
@example(case=("", facts_of_texts()), fixed_text="0 " + PAST_FLOAT, fill=True)  # the same, from the fixed text
@example(case=("", facts_of_texts(f"{PAST_FLOAT} to {PAST_FLOAT}")), fixed_text="", fill=True)  # NaN in _fmt
@example(case=(f"Nearly {PAST_FLOAT} units.", facts_of_texts()), fixed_text="", fill=True)  # _precision_step
@example(case=("", facts_of_texts(PAST_FLOAT + "th")), fixed_text="", fill=True)  # an ordinal: FactIndex
@example(case=(f"Ranked {PAST_FLOAT}st.", facts_of_texts("Ranked 1st")), fixed_text="", fill=True)  # Judge
def test_check_returns_or_refuses_any_draft(case: tuple[str, Facts], fixed_text: str, fill: bool) -> None:
    """`check` on a generated draft and facts (figures changed, hedged, placeholders, unicode) returns or refuses."""
    draft, facts = case
    returns_or_refuses(check, draft, facts, fixed_text, fill)


def test_check_returns_on_ten_thousand_facts() -> None:
    """`check` against a 10,000-bullet facts list returns (the edge of the list-length range)."""
    facts = Facts([Fact(f"Closed {n} cases in region {n % 97}", n) for n in range(1, MANY + 1)], {}, "f.md")
    returns_or_refuses(check, "I closed 17 cases in region 17. I closed 99999 cases in all.", facts)


# -- role files ----------------------------------------------------------------------------------------------------

TEMPLATES = ["{{ year }} Year-End Work Summary", "{{ name|upper }}", "{{ 1/0 }}", "{{ undefined.attr }}",
             "{{ role.path }}", "{{ role.__class__ }}", "{{ ''.__class__.__mro__ }}", "{{ 'a' * 10**9 }}",
             "{% for i in range(10**9) %}{% endfor %}", "{% include 'nope.j2' %}", "{% include 'lead.j2' %}",
             "{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}", "{{ meta['x'] }}", "{{ '%s' % name }}", "{{",
             "{% if %}", "{{ year + 1 }}", "{{ [1] * 10**9 }}", "{{ year|int ** 99999 }}", "{{ lipsum(10**6) }}",
             "{{ '{0.__class__}'.format(name) }}", "{% set x = x %}{{ x }}", "{{ context }}", "{{ person }}"]
template_text = st.one_of(st.sampled_from(TEMPLATES), odd_line())
role_leaf = st.one_of(leaf, template_text, st.lists(st.one_of(leaf, template_text), max_size=4))


SECTION_IDS = ["overview", "work", "plan", "x y", "é\u0301", "a" * 300]
good_text_list = st.one_of(st.text(max_size=10), st.lists(st.text(max_size=10), max_size=3))


@st.composite
def section_entry(draw: st.DrawFn, section_id: str) -> dict[str, Any]:
    """One well-formed [[sections]] entry: every field of its right type, the text ones templates or odd lines."""
    entry: dict[str, Any] = {"id": section_id, "title": draw(template_text),
                             "kind": draw(st.sampled_from(["work", "overview", "plan", "w-1", "a_b"]))}
    optional = {"lead": template_text, "aliases": good_text_list, "keywords": good_text_list,
                "weight": st.floats(0, 1e308) | st.integers(0, 10 ** 30), "always": st.booleans(),
                "default": st.booleans()}
    for name in draw(st.lists(st.sampled_from(sorted(optional)), unique=True, max_size=4)):
        entry[name] = draw(optional[name])
    return entry


@st.composite
def role_document(draw: st.DrawFn) -> Any:
    """A role file's data: well-formed (name, aliases, voice, templates, sections), then maybe one or two fields,
    anywhere in it, given a value of a wrong type, a missing one or an unknown one."""
    ids = draw(st.lists(st.sampled_from(SECTION_IDS), min_size=1, max_size=3, unique=True))
    data: dict[str, Any] = {"name": draw(st.sampled_from(["Teacher", "Sales", " x "]) | odd_line()),
                            "sections": [draw(section_entry(section_id)) for section_id in ids]}
    optional = {"id": st.sampled_from(["mine", "sales-inside", "a b", "ÉCOLE"]), "aliases": good_text_list,
                "voice": odd_line(), "description": odd_line(), "title": template_text, "context": template_text}
    for name in draw(st.lists(st.sampled_from(sorted(optional)), unique=True, max_size=4)):
        data[name] = draw(optional[name])
    tables = [data, *data["sections"]]
    for _ in range(draw(st.sampled_from([0, 0, 1, 2]))):
        table = draw(st.sampled_from(tables))
        name = draw(st.sampled_from(sorted(roles.SECTION_FIELDS | set(optional) | {"name", "sections", "colour"})))
        if draw(st.integers(0, 4)) == 0:
            table.pop(name, None)
        else:
            table[name] = draw(role_leaf)
    return data if draw(st.integers(0, 20)) else draw(nested)


def toml_value(value: Any) -> str:
    """A generated value as TOML text: strings quoted, tables inline, huge integers as bare digits."""
    if isinstance(value, Digits):
        return str(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)  # a JSON string is a TOML basic string
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return {"nan": "nan", "inf": "inf", "-inf": "-inf"}.get(str(value), repr(value))
    if isinstance(value, int):
        return str(value)
    if value is None:
        return '""'  # TOML has no null
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(item) for item in value) + "]"
    return "{" + ", ".join(f"{json.dumps(str(key))} = {toml_value(item)}" for key, item in value.items()) + "}"


def toml_text(document: Any) -> str:
    """A TOML document for generated data: a table's fields one per line, anything else under one key."""
    if not isinstance(document, dict):
        return f"value = {toml_value(document)}\n"
    return "".join(f"{json.dumps(str(key), ensure_ascii=False)} = {toml_value(item)}\n"
                   for key, item in document.items())


def role_file_text(document: Any, kind: str) -> str:
    """A role file in the given syntax."""
    if kind == "toml":
        return toml_text(document)
    return as_yaml(document, flow=kind == "yaml-flow")


@FUZZ_ROLES
@given(document=role_document(), kind=st.sampled_from(["toml", "yaml-block", "yaml-flow"]),
       damage=st.sampled_from([None] * 6 + ["truncate", "garbage", "latin-1", "deep", "huge"]), facts=facts_value())
@example(document={"name": "X", "sections": [{"id": "a", "title": "A", "kind": "w", "weight": Digits("9" * 5000)}]},
         kind="toml", damage=None, facts=Facts([Fact("x", 1)]))
@example(document={"name": "X", "sections": [{"id": "a", "title": "A", "kind": "w"}]}, kind="toml", damage="deep",
         facts=Facts([Fact("x", 1)]))
def test_role_files_load_or_are_refused(document: Any, kind: str, damage: str | None, facts: Facts) -> None:
    """A generated role file in $DRAFTER_HOME/roles loads, renders its fixed prose and plans facts, or is refused."""
    text = role_file_text(document, kind)
    data = text.encode("utf-8")
    if damage == "truncate":
        data = data[: len(data) // 2]
    elif damage == "garbage":
        data += b"\n= [ \xff {{\n"
    elif damage == "latin-1":
        data = text.encode("latin-1", "replace") + "é".encode("latin-1")
    elif damage == "deep":
        data += (b"deep = " + b"[" * DEEP) if kind == "toml" else (b"deep: " + b"[" * DEEP)
    elif damage == "huge":
        data += b"huge = " + b"9" * HUGE_DIGITS if kind == "toml" else b"huge: " + b"9" * HUGE_DIGITS
    suffix = ".toml" if kind == "toml" else ".yaml"
    with home_folder() as home:
        (home / "roles").mkdir()
        (home / "roles" / f"mine{suffix}").write_bytes(data)
        loaded = returns_or_refuses(roles.all_roles)
        if loaded is None:
            return
        from drafter.role_text import fixed_text

        role = next((r for r in loaded.values() if r.path and r.path.parent == home / "roles"), None)
        if role is None:
            return
        returns_or_refuses(fixed_text, role, facts)
        returns_or_refuses(roles.plan_sections, role, facts)
        for alias in [role.id, *role.aliases]:
            returns_or_refuses(roles.get_role, alias)


# -- phrase lists --------------------------------------------------------------------------------------------------

PATTERN_PIECES = ["great", "team", "work", "(?x)", "(?i)", "(", ")", "[", "]", "\\", "\\b", "\\d+", ".*", "+",
                  "?", "*", "{2,}", "{,3}", "|", "^", "$", "(?:a|b)", "(?P<n>x)", "(?P=n)", "\\1", "(?#c)",
                  "(?<=a)", "(?!x)", "[^\\W_]", "\\p{L}", "\\N{DASH}", "(?s:.)", "(?-i:x)", "#", " ", "é", "\u0301"]
pattern = st.one_of(st.lists(st.sampled_from(PATTERN_PIECES), max_size=6).map("".join), odd_text)
LIST_VALUE = st.one_of(st.lists(pattern, max_size=4), st.lists(st.lists(odd_word, max_size=3), max_size=3), leaf,
                       nested)
phrase_list_document = st.one_of(
    st.dictionaries(st.sampled_from(["cliche", "filler", "opener", "junk", "junk_sentence", "title_tag",
                                     "keep_doubled", "synonyms", "emotive", "vague", "generic", "unknown"]),
                    LIST_VALUE, max_size=4),
    nested)
PROBE_MAX_WORDS = 12  # words of the generated patterns put in the probe text: short, so no pattern can backtrack long


def probe_document(document: Any) -> str:
    """A short draft holding the words of the generated patterns, so that every list is tried on it."""
    words = re.findall(r"[A-Za-zé]{1,8}", json.dumps(_with_digits_swapped(document, {}), ensure_ascii=False))
    line = " ".join(words[:PROBE_MAX_WORDS]) or "great team work"
    return f"# {line}\n\n{line.capitalize()}. We sold 12 units, {line}.\n\n- {line}\n- {line}\n"


@FUZZ
@given(documents=st.lists(phrase_list_document, min_size=1, max_size=2),
       damage=st.sampled_from([None, None, None, "garbage", "deep", "huge", "latin-1"]))
@example(documents=[{"emotive": ["("]}], damage=None)
@example(documents=[{"cliche": ["(?x)great"]}], damage=None)
@example(documents=[{"emotive": ["(?P<n>x)"]}, {"emotive": ["(?P<n>y)"]}], damage=None)
@example(documents=[{"cliche": ["great"]}], damage="huge")
@example(documents=[{"cliche": ["great"]}], damage="deep")
def test_phrase_lists_load_and_run_or_are_refused(documents: list[Any], damage: str | None) -> None:
    """Generated $DRAFTER_HOME/cleanup/*.toml lists load and run inside `clean`, or are refused in one line."""
    with home_folder() as home:
        (home / "cleanup").mkdir()
        for number, document in enumerate(documents):
            data = toml_text(document).encode("utf-8")
            if damage == "garbage":
                data += b"\n[[ \xff\n"
            elif damage == "deep":
                data += b"\ncliche = " + b"[" * DEEP
            elif damage == "huge":
                data += b"\nhuge = " + b"9" * HUGE_DIGITS
            elif damage == "latin-1":
                data = toml_text(document).encode("latin-1", "replace") + b"\xe9"
            (home / "cleanup" / f"list{number}.toml").write_bytes(data)
        if returns_or_refuses(load_phrase_lists) is None:
            return
        for document in documents:
            returns_or_refuses(clean, probe_document(document))


# -- every TOML/YAML loader past the parsers' limits ---------------------------------------------------------------

LOADERS = {"config": ("config.toml", config.load_config_file), "phrase list": ("cleanup/mine.toml", load_phrase_lists),
           "TOML role": ("roles/mine.toml", roles.all_roles), "YAML role": ("roles/mine.yaml", roles.all_roles)}
PAST_LIMITS = {"a huge number": ("big = " + "9" * HUGE_DIGITS, "a number longer than"),
               "deep nesting": ("deep = " + "[" * DEEP, "nested too deeply")}


@pytest.mark.parametrize("loader", LOADERS, ids=LOADERS)
@pytest.mark.parametrize("limit", PAST_LIMITS, ids=PAST_LIMITS)
def test_a_document_past_the_parsers_limits_is_named_with_the_reason(loader: str, limit: str) -> None:
    """A config, phrase list or role file with a 5,000-digit number or 100,000-deep nesting: one line naming the
    file and saying why (no crash, no bare 'ValueError')."""
    where, load = LOADERS[loader]
    text, reason = PAST_LIMITS[limit]
    if where.endswith(".yaml"):
        text = text.replace(" = ", ": ")
    with home_folder() as home:
        path = home / where
        path.parent.mkdir(exist_ok=True)
        path.write_text(text + "\n")
        with pytest.raises(DrafterError) as refused:
            load()
    assert refused.value.message.startswith(f"{path}: ") and reason in refused.value.message, refused.value.message


# -- settings ------------------------------------------------------------------------------------------------------

SETTING_NAMES = sorted(config.ENV_NAMES)
SETTING_TEXTS = ["", " ", "0", "-1", "1", "2", "nan", "inf", "-inf", "1e309", "1e-309", "0.5", "99", "3600", "3601",
                 "true", "false", "yes", "off", "ftp://x", "http://", "http://localhost:11434/v1", "http://[::1",
                 "http://h:99999", "https://h:0/v1", "openai", "offline", "gpt-4o-mini", "sk-abc\r\n", "sk-é",
                 "key\x00", "\x7f", "9" * HUGE_DIGITS, "1" + "0" * 400, "0x10", "1_000", "١٢", "²", "True", " 5 "]
setting_value = st.one_of(st.sampled_from(SETTING_TEXTS), leaf, st.lists(leaf, max_size=2),
                          st.floats(allow_nan=True, allow_infinity=True), st.integers(-10 ** 400, 10 ** 400))
setting_text = st.one_of(st.sampled_from(SETTING_TEXTS), odd_text)


@FUZZ
@given(flags=st.dictionaries(st.sampled_from(SETTING_NAMES), setting_value, max_size=4),
       env=st.dictionaries(st.sampled_from(sorted(config.ENV_NAMES.values())), setting_text, max_size=4),
       file_values=st.dictionaries(st.one_of(st.sampled_from(SETTING_NAMES), odd_key), setting_value, max_size=5),
       damage=st.sampled_from([None, None, None, "garbage", "deep", "huge", "latin-1"]))
@example(flags={}, env={}, file_values={"cache_max_mb": float("nan")}, damage=None)
@example(flags={}, env={"DRAFTER_CACHE_MAX_MB": "0\r0"}, file_values={}, damage=None)  # found: a two-line message
@example(flags={}, env={}, file_values={"timeout": 1.0}, damage="huge")
@example(flags={}, env={}, file_values={"timeout": 1.0}, damage="deep")
def test_settings_resolve_or_are_refused(flags: dict[str, Any], env: dict[str, str], file_values: dict[str, Any],
                                         damage: str | None) -> None:
    """Generated flags, environment and config file values resolve to Settings or are refused in one line."""
    with home_folder() as home:
        data = toml_text(file_values).encode("utf-8")
        if damage == "garbage":
            data += b"\n= [ \xff\n"
        elif damage == "deep":
            data += b"\ndeep = " + b"[" * DEEP
        elif damage == "huge":
            data += b"\nhuge = " + b"9" * HUGE_DIGITS
        elif damage == "latin-1":
            data = toml_text(file_values).encode("latin-1", "replace") + b"\xe9"
        (home / "config.toml").write_bytes(data)
        returns_or_refuses(config.resolve_settings, flags, env, None)
        returns_or_refuses(config.resolve_settings, flags, env, file_values)
