"""Grounding: claim extraction, normalisation against the facts, placeholders, and the labelled corpus."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from drafter import grounding
from drafter.facts import Facts, load_facts, parse_facts
from drafter.grounding import check, check_section, extract_claims

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "fixtures" / "grounding"
CASES = sorted(p for p in CORPUS.iterdir() if (p / "expected.json").is_file())


def facts_of(*lines: str, **meta: str) -> Facts:
    front = "".join(f"{k}: {v}\n" for k, v in meta.items())
    text = (f"---\n{front}---\n" if meta else "") + "".join(f"- {line}\n" for line in lines)
    return parse_facts(text, "facts.md")


def claims(text: str) -> list[tuple[str, str]]:
    return [(c.text, c.kind) for c in extract_claims(text)]


def flagged(text: str, facts, fixed: str = "") -> list[str]:
    return [c.text for c in check(text, facts, fixed).unsupported]


# extraction ----------------------------------------------------------------------------------------------------


def test_figures_with_units_are_single_claims():
    found = claims("I collected 38.7 million yuan, $1.2m and RMB 3,000, up 12% and 4 per cent, in two months.")
    assert found == [("38.7 million yuan", "money"), ("$1.2m", "money"), ("RMB 3,000", "money"), ("12%", "percent"),
                     ("4 per cent", "percent"), ("two months", "duration")]


def test_dates_years_ordinals_and_quarters():
    found = claims("By March 2027 we closed the 2nd batch; on November 30 and 3 May 2026, in 2025 and Q3, we came third.")
    assert found == [("March 2027", "date"), ("2nd", "ordinal"), ("November 30", "date"), ("3 May 2026", "date"),
                     ("2025", "year"), ("Q3", "date"), ("third", "ordinal")]


def test_ordinal_idioms_and_fractions():
    assert claims("In the first place, we put customers first and foremost; it was our first concern.") == []
    assert claims("We ranked second in the district and won first prize.") == [("second", "ordinal"), ("first", "ordinal")]
    facts = facts_of("Cut breakdowns from 63 to 41", "Raised availability from 89% to 94%", "83% of buying is on contract")
    assert flagged("Breakdowns fell by about a third; more than four in five purchases are on contract.", facts) == []
    assert flagged("Breakdowns fell by three quarters.", facts) == ["three quarters"]


def test_positions_are_one_based_line_and_column_with_the_sentence():
    text = "# Title\n\nFirst sentence here. I signed 418 contracts.\nNext line has 7 files."
    found = {c.text: c for c in extract_claims(text)}
    assert (found["418"].line, found["418"].col) == (3, 31)
    assert found["418"].sentence == "I signed 418 contracts."
    assert (found["7"].line, found["7"].col) == (4, 15)


def test_section_numbering_and_list_indices_are_not_claims():
    text = ("## 1. Results\n\n1. Signed contracts.\n2) Moved files.\n(3) Closed accounts.\n4, Checked bins.\n"
            "### 2.1 Plan\n## 3.\n# IV. Goals\n- Cut delays.")
    assert claims(text) == []


def test_names_mid_sentence_quoted_and_multiword_at_sentence_start():
    found = claims('I met Zhang San at Vanke Group. Harbour Bank agreed. We ran the "Golden Key" drive.')
    assert found == [("Zhang San", "name"), ("Vanke Group", "name"), ("Harbour Bank", "name"), ("Golden Key", "name")]


def test_name_runs_join_over_of_and_ampersand_but_not_over_a_bare_the():
    found = claims("Scan the QR code. I joined the Bank of the West, Bank of China and Procter & Gamble.")
    assert found == [("QR", "name"), ("Bank of the West", "name"), ("Bank of China", "name"),
                     ("Procter & Gamble", "name")]


def test_sentence_starts_months_pronouns_and_acronyms_are_not_names():
    text = ("Overall, it went well. In January I met the KPI. Looking back, I learned a lot. Every month the CEO "
            "and HR reviewed Q1 figures on Monday. First, thanks.")
    assert [c for c in claims(text) if c[1] == "name"] == []


def test_headings_and_bold_labels_carry_no_names():
    text = "## Key Results And Highlights\n\n- **Team Growth:** we trained agents.\n"
    assert claims(text) == []


def test_may_is_a_month_only_where_a_month_fits():
    assert claims("We may hire more. May I add that in May we hired.") == [("May", "date")]


# normalisation and support ---------------------------------------------------------------------------------------


def test_thousands_separators_scale_words_and_number_words():
    facts = facts_of("Moved 1,205 files", "Income reached 38.7 million yuan", "Trained 12 agents", "Held 4 meetings")
    text = "I moved 1205 files, earned ¥38,700,000 and 38.7m yuan, trained twelve agents and held four meetings."
    assert flagged(text, facts) == []


def test_percent_forms_are_equal_but_a_count_is_not_a_percentage():
    facts = facts_of("Conversion was 12%", "Resolved 97 per cent of calls", "Trained 40 agents")
    assert flagged("Conversion was 12 percent and 97% of calls were resolved.", facts) == []
    assert flagged("Retention improved by 40%.", facts) == ["40%"]


def test_a_currency_must_match_when_both_sides_name_one():
    facts = facts_of("Sales reached 45 million yuan", "Deals worth 1,200,000 dollars")
    assert flagged("Sales reached RMB 45 million; deals worth $1.2m.", facts) == []
    assert flagged("Sales reached $45 million.", facts) == ["$45 million"]


def test_invented_figures_are_flagged_with_line_col_and_sentence():
    facts = facts_of("Closed 418 settlements", year="2026")
    report = check("## Results\n\nI closed 418 settlements and checked 170 million records, up 10%.\n", facts)
    assert [(c.text, c.kind, c.line, c.col) for c in report.unsupported] == [
        ("170 million", "number", 3, 38), ("10%", "percent", 3, 62)]
    assert report.unsupported[0].sentence == "I closed 418 settlements and checked 170 million records, up 10%."
    assert not report.ok
    assert report.warnings()[0].startswith("line 3:38: invented number '170 million' in: I closed 418")


def test_month_from_facts_plus_year_from_front_matter():
    facts = parse_facts("---\nyear: 2026\n---\n## Plan for next year\n- Train two assistants by March\n", "f.md")
    assert flagged("I will train two assistants by March 2027.", facts) == []
    assert flagged("I will train two assistants by March 2028.", facts) == ["March 2028"]
    assert flagged("I trained them in October.", facts) == ["October"]


def test_front_matter_year_and_next_year_only_with_a_plan():
    planned = facts_of("Finish the archive next year", year="2026")
    unplanned = facts_of("Finished the archive", year="2026")
    assert flagged("In 2026 I worked; in 2027 I will finish.", planned) == []
    assert flagged("In 2026 I worked; in 2027 I will finish.", unplanned) == ["2027"]


def test_durations_match_across_words_digits_and_hyphens():
    facts = facts_of("Met the target two months early", "Held a 10-minute briefing", "Cut turnaround from 45 to 30 days")
    assert flagged("Met it 2 months early with 10 minute briefings, from 45 days to 30 days.", facts) == []
    assert flagged("The course took 6 weeks.", facts) == ["6 weeks"]


def test_ordinals_are_checked_with_the_word_they_qualify():
    facts = facts_of("Attrition was 19% in the first half", district="13th District Department")
    assert flagged("In the first half attrition was 19% at the 13th District.", facts) == []
    assert flagged("We took first place.", facts) == ["first"]


def test_approximate_figures_are_supported_when_a_fact_rounds_to_them():
    facts = facts_of("The district had 214 agents", "Income reached 38.7 million yuan")
    assert flagged("We had over 200 agents and nearly 39 million yuan of income.", facts) == []
    assert flagged("We had about 300 agents.", facts) == ["300"]
    assert flagged("We had 200 agents.", facts) == ["200"]


def test_derived_difference_sum_and_percentage_within_one_fact():
    facts = facts_of("Signed 418 contracts, up from 350 in 2025", "Cleared 27 of the 31 files",
                     "Term premiums 21.4 million yuan and accident premiums 2.9 million yuan")
    text = "That is 68 more contracts, 19.4% growth; 4 files remain (87.1% cleared); 24.3 million yuan in all."
    assert flagged(text, facts) == []
    assert flagged("Contracts grew 25%.", facts) == ["25%"]


def test_figures_from_different_facts_are_not_combined():
    facts = facts_of("Signed 418 contracts", "Moved 350 files")
    assert flagged("That is 68 more contracts than files.", facts) == ["68"]


def test_names_from_facts_front_matter_and_fixed_text_are_supported():
    facts = facts_of("Cleared files with Harbour Bank", name="Li Wei", organisation="Qishu Lake Property Co.")
    text = ("Ms Li worked at Qishu Lake Property Company with Harbour Bank's team. I joined the Annual Review Board "
            "and met Zhou Ling.")
    assert flagged(text, facts) == ["Annual Review Board", "Zhou Ling"]
    assert flagged(text, facts, fixed="Annual Review Board") == ["Zhou Ling"]


def test_name_words_from_different_facts_do_not_make_a_name():
    facts = facts_of("Opened the West Gate store", name="Zhao Min", organisation="China Life Hangzhou Branch")
    assert flagged("I opened the Hangzhou West Gate store.", facts) == ["Hangzhou West Gate"]
    assert flagged("I opened the West Gate store for China Life.", facts) == []


def test_quoted_names_need_the_phrase_itself():
    facts = facts_of('Launched the "Everyone Reaches the Standard" competition')
    assert flagged('I launched “Everyone Reaches the Standard”.', facts) == []
    assert flagged('I launched "Standard Reaches Everyone" too.', facts) == ["Standard Reaches Everyone"]


# placeholders ----------------------------------------------------------------------------------------------------


def test_placeholders_filled_from_front_matter():
    facts = facts_of("Did work", name="Li Wei", year="2026", organisation="Qishu Lake Property Co.", district="East")
    report = check("# 20** Summary: [Name]\n\nIn 20XX I joined XX company as {name} in {district}.\n", facts)
    assert report.text == ("# 2026 Summary: Li Wei\n\nIn 2026 I joined Qishu Lake Property Co. as Li Wei in East.\n")
    assert [(f.placeholder, f.value, f.line, f.col, f.field) for f in report.filled] == [
        ("20**", "2026", 1, 3, "year"), ("[Name]", "Li Wei", 1, 17, "name"), ("20XX", "2026", 3, 4, "year"),
        ("XX company", "Qishu Lake Property Co.", 3, 18, "organisation"), ("{name}", "Li Wei", 3, 32, "name"),
        ("{district}", "East", 3, 42, "district")]
    assert report.placeholders == [] and report.unsupported == [] and report.ok


def test_placeholders_without_a_value_are_flagged_with_line_col():
    facts = facts_of("Closed 27 files", year="2026")
    report = check("I closed 27 files, XX% of them by [Date].\nSigned: ____ for [Name]\n", facts)
    assert report.placeholders == [{"text": "XX", "line": 1, "col": 20}, {"text": "[Date]", "line": 1, "col": 35},
                                   {"text": "____", "line": 2, "col": 9}, {"text": "[Name]", "line": 2, "col": 18}]
    assert not report.ok and report.unsupported == []
    assert "line 2:18: placeholder '[Name]' not filled" in "\n".join(report.warnings())


def test_fill_false_flags_every_placeholder():
    facts = facts_of("Did work", name="Li Wei", year="2026")
    report = check("In 20** I, [Name], did work.", facts, fill=False)
    assert [p["text"] for p in report.placeholders] == ["20**", "[Name]"]
    assert report.filled == [] and report.text == "In 20** I, [Name], did work."


def test_bold_markers_and_rules_are_not_placeholders():
    facts = facts_of("Did work")
    report = check("- **Results:** did work\n\n***\n", facts)
    assert report.placeholders == [] and report.unsupported == []


def test_report_as_json():
    facts = facts_of("Closed 27 files", name="Li Wei")
    data = check("[Name] closed 27 files and 9 more by [Date].", facts).to_dict()
    assert set(data) == {"unsupported", "placeholders", "filled", "omitted"}
    assert data["unsupported"] == [{"text": "9", "kind": "number", "line": 1, "col": 28,
                                    "sentence": "[Name] closed 27 files and 9 more by [Date].",
                                    "verdict": "invented", "reason": "9 is stated by no fact", "fact": None}]
    assert data["omitted"] == []
    assert data["placeholders"] == [{"text": "[Date]", "line": 1, "col": 38}]
    assert data["filled"] == [{"placeholder": "[Name]", "value": "Li Wei", "line": 1, "col": 1, "field": "name"}]
    json.dumps(data)


def test_check_section_returns_the_unsupported_claims():
    facts = facts_of("Closed 418 settlements")
    assert [c.text for c in check_section("I closed 418 settlements in 3 weeks.", facts)] == ["3 weeks"]
    assert check_section("I closed 418 settlements.", facts) == []


# the offline backend and the corpus -----------------------------------------------------------------------------


@pytest.mark.parametrize("path", sorted((ROOT / "fixtures").glob("*.*")), ids=lambda p: p.name)
def test_offline_drafts_of_every_fixture_are_fully_grounded(path):
    from drafter.config import resolve_settings
    from drafter.pipeline import draft_summary

    facts = load_facts(path)
    draft = draft_summary(facts, resolve_settings({}, env={}, file_values={}))
    assert draft.grounding is not None
    assert draft.grounding.ok, draft.grounding.warnings()
    assert check(draft.markdown(), facts, grounding.fixed_text_for(facts)).ok


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_corpus_case(case):
    facts_path = next(p for p in sorted(case.iterdir()) if p.stem == "facts")
    facts = load_facts(facts_path)
    expected = json.loads((case / "expected.json").read_text(encoding="utf-8"))
    report = check((case / "draft.md").read_text(encoding="utf-8"), facts, grounding.fixed_text_for(facts))
    reported = Counter((c.text, c.kind) for c in report.unsupported)
    planted = Counter((u["text"], u["kind"]) for u in expected["unsupported"])
    assert reported == planted, "every planted claim flagged and nothing else"
    found = {c.text for c in report.claims}
    flagged_texts = {c.text for c in report.unsupported}
    for text in expected["supported"]:
        assert text in found, f"supported claim {text!r} was not extracted"
        assert text not in flagged_texts or text in {u["text"] for u in expected["unsupported"]}
    assert [p["text"] for p in report.placeholders] == expected["placeholders"]
    assert [{"placeholder": f.placeholder, "value": f.value} for f in report.filled] == expected["filled"]


def test_corpus_size_and_quality_benchmark_runs():
    assert len(CASES) >= 15
    proc = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "grounding_quality.py")], capture_output=True,
                          text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "planted invented claims flagged 33/33" in proc.stdout
    assert "wrongly flagged 0/" in proc.stdout
