import codecs
import json
import re

import pytest

from drafter.errors import InputError
from drafter.facts import load_facts, parse_facts


def test_markdown_front_matter_headings_and_bullets():
    facts = parse_facts(
        "---\nrole: sales\nname: 'Ann Lee'\nyear: 2026\n---\n# Title line\n## Results\n- Sold 12 units\n* Won 3 deals\n"
        "1. Closed Q4 at 4.1 million\n   (continued line)\n\nBare fact line\n",
        "f.md",
    )
    assert facts.meta == {"role": "sales", "name": "Ann Lee", "year": "2026", "title": "Title line"}
    assert facts.texts == ["Sold 12 units", "Won 3 deals", "Closed Q4 at 4.1 million (continued line)", "Bare fact line"]
    assert [f.heading for f in facts.items] == ["Results"] * 4
    assert [f.line for f in facts.items] == [8, 9, 10, 13]


def test_empty_bullet_names_file_and_line():
    with pytest.raises(InputError, match=r"^facts.md:4: bullet is empty$"):
        parse_facts("- one\n- two\n\n- \n", "facts.md")


def test_malformed_and_unclosed_front_matter():
    with pytest.raises(InputError, match=r"^f.md:3: front matter line is not 'key: value'"):
        parse_facts("---\nrole: x\nno colon here\n---\n- a\n", "f.md")
    with pytest.raises(InputError, match=r"^f.md:1: front matter starts with '---' but is never closed"):
        parse_facts("---\nrole: x\nname: y\n", "f.md")


def test_no_facts():
    with pytest.raises(InputError, match=r"^f.md: no facts found"):
        parse_facts("---\nrole: x\n---\n\n## Heading only\n", "f.md")


def test_json_and_yaml_forms_agree():
    data = {"role": "settlement", "year": 2026, "facts": ["Signed 418 contracts"], "sections": {"plan": ["Cut turnaround to 30 days"]}}
    from_json = parse_facts(json.dumps(data), "f.json")
    from_yaml = parse_facts("role: settlement\nyear: 2026\nfacts:\n  - Signed 418 contracts\nsections:\n  plan:\n    - Cut turnaround to 30 days\n", "f.yaml")
    for facts in (from_json, from_yaml):
        assert facts.texts == ["Signed 418 contracts", "Cut turnaround to 30 days"]
        assert facts.items[1].heading == "plan"
        assert facts.meta["year"] == "2026"


def test_json_field_errors():
    with pytest.raises(InputError, match=r"^f.json:1: malformed JSON"):
        parse_facts("{bad json", "f.json")
    with pytest.raises(InputError, match=r"^f.json: field 'facts\[1\]' must be a string"):
        parse_facts('{"facts": ["ok", {"x": 1}]}', "f.json")
    with pytest.raises(InputError, match=r"^f.json: missing field 'facts'"):
        parse_facts('{"role": "x"}', "f.json")


def test_yaml_error_names_line():
    with pytest.raises(InputError, match=r"^f.yaml:\d+: malformed YAML"):
        parse_facts("facts:\n  - a\n - b: [\n", "f.yaml")


def test_stdin_detection():
    assert parse_facts('{"facts": ["a"]}', "<stdin>").texts == ["a"]
    assert parse_facts("facts:\n  - a\n", "<stdin>").texts == ["a"]
    assert parse_facts("- a\n- b\n", "<stdin>").texts == ["a", "b"]


def test_round_trip_to_markdown():
    facts = parse_facts("---\nrole: sales\n---\n## Results\n- a 1\n- b 2\n## Plan\n- c 3\n", "f.md")
    again = parse_facts(facts.to_markdown(), "g.md")
    assert again.texts == facts.texts and again.meta == facts.meta
    assert [f.heading for f in again.items] == [f.heading for f in facts.items]


def test_file_faults(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        load_facts(tmp_path / "missing.md")
    with pytest.raises(InputError, match="is a directory"):
        load_facts(tmp_path)
    binary = tmp_path / "b.md"
    binary.write_bytes(b"\x00\x01\x02binary")
    with pytest.raises(InputError, match="binary"):
        load_facts(binary)
    latin = tmp_path / "l.md"
    latin.write_bytes("- caf\u00e9 sales\n".encode("latin-1"))
    with pytest.raises(InputError, match=r"l.md:1: not valid UTF-8"):
        load_facts(latin)
    empty = tmp_path / "e.md"
    empty.write_text("  \n")
    with pytest.raises(InputError, match="is empty"):
        load_facts(empty)


# -- issue 17: facts that vanished or leaked, input that ended in "internal error" ------------------------------------


def test_hash_without_a_space_is_a_fact_not_a_heading():
    """CommonMark needs a space after '#': '#1 seller' and '#hashtag' are facts; '## Plan ##' is still a heading."""
    facts = parse_facts("#1 seller in the region\n## Plan ##\n- Cut costs\n#teamwork award\n## Notes#\n- x\n", "f.md")
    assert facts.texts == ["#1 seller in the region", "Cut costs", "#teamwork award", "x"]
    assert [f.heading for f in facts.items] == [None, "Plan", "Plan", "Notes#"]


def test_multi_line_comment_is_left_out_whole():
    """No line of a '<!-- … -->' comment becomes a fact, however many lines it spans; line numbers stay right."""
    facts = parse_facts("- Closed 12 files\n<!-- private note\nsalary talk with my manager\n  - draft bullet\n-->\n"
                        "- Trained 3 staff <!-- ask HR --> in March\n", "f.md")
    assert facts.texts == ["Closed 12 files", "Trained 3 staff in March"]
    assert [f.line for f in facts.items] == [1, 6]


def test_unclosed_comment_names_its_line():
    """A comment that never closes would hide every fact after it: refused, naming the line it opens on."""
    with pytest.raises(InputError, match=r"^f.md:2: comment '<!--' is never closed"):
        parse_facts("- a\n<!-- note\n- b\n", "f.md")


@pytest.mark.parametrize("name, text", [
    ("deep.json", '{"facts": ' + "[" * 100_000 + "]" * 100_000 + "}"),
    ("deep.yaml", "facts: " + "[" * 100_000 + "]" * 100_000 + "\n"),
    ("big.json", '{"facts": [' + "7" * 5000 + "]}"),
    ("big.yaml", "facts:\n  - " + "7" * 5000 + "\n"),
])
def test_nested_or_huge_values_are_one_line_input_errors(tmp_path, name, text):
    """JSON/YAML nested 100,000 deep and a 5,000-digit integer: an InputError naming the file, not a crash."""
    path = tmp_path / name
    path.write_text(text)
    with pytest.raises(InputError, match=rf"^{re.escape(str(path))}: malformed (JSON|YAML) \((nested too deeply|a number "
                                         r"longer than \d+ digits)\)$"):
        load_facts(path)


def test_nul_byte_after_the_first_8_kb_is_refused(tmp_path):
    """Binary data is refused wherever it is, naming the line: a NUL past 8 KB never reaches the output."""
    path = tmp_path / "f.md"
    path.write_bytes(b"- Closed 12 files\n" * 600 + b"- bad \x00 byte\n")
    with pytest.raises(InputError, match=r"^.*f.md: looks like a binary file \(a NUL byte on line 601\)"):
        load_facts(path)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_facts_with_a_byte_order_mark_are_read(tmp_path, encoding):
    """A facts file saved as UTF-16 (Windows Notepad's 'Unicode') is decoded by its byte-order mark."""
    text = "---\nrole: sales\n---\n- Signed 418 contracts in Zürich\r\n- Cut turnaround to 30 days\r\n"
    bom = {"utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE}.get(encoding, b"")
    path = tmp_path / "f.md"
    path.write_bytes(bom + text.encode(encoding))
    facts = load_facts(path)
    assert facts.texts == ["Signed 418 contracts in Zürich", "Cut turnaround to 30 days"]
    assert facts.meta["role"] == "sales"


def test_utf16_without_a_byte_order_mark_says_save_as_utf8(tmp_path):
    """UTF-16 with no mark cannot be told from binary data: refused with the advice to save it as UTF-8."""
    path = tmp_path / "f.md"
    path.write_bytes("- Signed 418 contracts\n".encode("utf-16-le"))
    with pytest.raises(InputError) as caught:
        load_facts(path)
    assert "binary" in caught.value.message and "UTF-8" in (caught.value.hint or "")


def test_plain_text_keeps_the_facts_markup_characters(tmp_path):
    """--format txt drops only drafter's own markup: '*.csv and *.xlsx' and '__init__' in a fact stay as written."""
    from helpers import invoke_drafter

    facts = "- Moved the *.csv and *.xlsx exports to one folder\n- Fixed __init__ in the export script\n"
    proc = invoke_drafter("draft", "-", "--role", "sales", "--format", "txt", home=tmp_path, stdin=facts)
    assert proc.returncode == 0, proc.stderr
    assert "*.csv and *.xlsx" in proc.stdout and "__init__" in proc.stdout
    assert "#" not in proc.stdout and "Year-End Work Summary\n=====" in proc.stdout


def test_plain_text_drops_only_drafters_markup():
    """markdown_to_text: headings underlined, the status note and a model's **Label:** unmarked, facts untouched."""
    from drafter.render import markdown_to_text

    text = markdown_to_text("# Title\n\n## Results\n\n**Sales:** 2**10 units, *.csv files, __init__, a_b_c.\n\n"
                            "_[partial: the server timed out]_\n")
    assert text == ("Title\n=====\n\nResults\n-------\n\nSales: 2**10 units, *.csv files, __init__, a_b_c.\n\n"
                    "[partial: the server timed out]\n")


@pytest.mark.parametrize("year", ["abc", "1949", "2101", "2026.5", "20 26", "２０２６", "-2026"])
def test_a_year_that_is_no_year_is_refused_naming_the_file_line_and_field(year):
    with pytest.raises(InputError) as info:
        parse_facts(f"---\nrole: sales\nyear: {year}\n---\n- Sold 3 units\n", "f.md")
    assert info.value.message.startswith("f.md:3: field 'year' must be a year from 1950 to 2100, not ")
    assert info.value.hint is None
    with pytest.raises(InputError, match=r"^f.yaml: field 'year' must be a year"):
        parse_facts(f"year: '{year}'\nfacts: [Sold 3 units]\n", "f.yaml")


def test_a_year_is_written_as_a_number_and_an_empty_one_is_not_given():
    assert parse_facts("---\nyear: 02026\n---\n- a\n", "f.md").meta["year"] == "2026"
    assert "year" not in parse_facts("---\nyear:\n---\n- a\n", "f.md").meta
    assert parse_facts("year: 2026\nfacts: [a]\n", "f.yaml").meta["year"] == "2026"


def test_a_front_matter_key_given_twice_is_a_warning_naming_the_key_and_lines():
    facts = parse_facts("---\nname: Li Wei\nrole: sales\nName: Wang Fang\n---\n- a\n", "f.md")
    assert facts.meta["name"] == "Wang Fang"
    assert facts.warnings == ["f.md:4: front matter key 'name' repeats line 2; the value on line 4 is used"]
    assert parse_facts("---\nname: Li Wei\n---\n- a\n", "f.md").warnings == []


def test_the_draft_carries_the_front_matter_warnings():
    from drafter.config import Settings
    from drafter.pipeline import draft_summary

    facts = parse_facts("---\nrole: sales\nyear: 2026\nyear: 2025\n---\n- Sold 3 units\n", "f.md")
    draft = draft_summary(facts, Settings(backend="offline"))
    assert "f.md:4: front matter key 'year' repeats line 3; the value on line 4 is used" in draft.warnings
