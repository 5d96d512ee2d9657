import json

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
