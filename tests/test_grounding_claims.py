"""Claim-level grounding: each claim is checked against the fact its sentence restates (issue 18's table), and the
labelled corpus fixtures/grounding-claims keeps its figures.

The corpus figures are regression floors on text the checker was tuned on (in-sample): the blind first-run figures
of each batch are in fixtures/grounding-claims/README.md.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from drafter import grounding
from drafter.facts import parse_facts

ROOT = Path(__file__).resolve().parent.parent
FACTS = parse_facts("""---
role: Head nurse
name: Li Wei
year: 2026
---
- Completed 427 mortgage settlements with Lakeside Bank
- Trained 2 new clerks in April
- Registered 1,312 property certificates with the land registry
- Cut the average turnaround from 15 to 11 working days
- Answered 2,406 customer calls
- Ran 6 internal audits in July
- Recruited 29 new agents, who sold 5 units in their first month
- Plan for 2027: cut turnaround to 8 working days
""", "facts.md")


def verdicts(text: str) -> list[tuple[str, str]]:
    return [(c.text, c.verdict) for c in grounding.check(text, FACTS).unsupported]


@pytest.mark.parametrize("sentence, expected", [
    ("I completed 1,312 mortgage settlements.", [("1,312", "misattributed")]),
    ("I trained 6 new clerks in July.", [("6", "misattributed"), ("July", "wrong-date")]),
    ("I registered the certificates with Lakeside Bank.", [("Lakeside Bank", "wrong-name")]),
    ("New-agent productivity grew by 17%.", [("17%", "misattributed")]),
    ("I cut the turnaround to 8 working days.", [("8 working days", "plan-as-done")]),
    ("I completed 427 mortgage settlements with Lakeside Bank.", []),
    ("The average turnaround fell by 27%, from 15 to 11 working days.", []),
    ("I answered two thousand four hundred and six calls.", []),
    ("Customer service was always our first concern, first and foremost.", []),
    ("I completed more than 400 settlements and registered about 1,300 certificates.", []),
    ("I registered nearly 1,300 certificates.", [("1,300", "invented")]),
    ("Next year I will cut the turnaround to 8 working days.", []),
    ("The turnaround fell by a quarter.", []),
    ("The turnaround halved.", [("halved", "invented")]),
    ("New-agent sales tripled.", [("tripled", "invented")]),
])
def test_each_claim_is_checked_against_the_fact_it_restates(sentence, expected):
    assert verdicts(sentence) == expected


def test_a_derived_figure_shows_its_arithmetic():
    report = grounding.check("The average turnaround fell by 27%.", FACTS)
    assert report.unsupported == []
    assert [c.derivation for c in report.claims if c.derivation] == ["27%: 27% = (15 − 11) / 15, fact 4"]


def test_a_ratio_of_two_different_quantities_is_no_derivation():
    [claim] = grounding.check("New-agent productivity grew by 17%.", FACTS).unsupported
    assert claim.verdict == "misattributed"
    assert claim.reason == "17% = 5 / 29 from fact 7: no change of one quantity gives it"


def test_a_misattribution_names_both_facts():
    [claim] = grounding.check("I completed 1,312 mortgage settlements.", FACTS).unsupported
    assert claim.reason == ("1,312 is the property certificates count in fact 3, not mortgage settlements; "
                            "fact 1 gives 427 mortgage settlements")
    assert claim.fact == 2 and claim.to_dict(FACTS.texts)["fact"] == {
        "index": 3, "text": "Registered 1,312 property certificates with the land registry"}


def test_facts_the_draft_never_states_are_omitted_with_their_line():
    report = grounding.check("I completed 427 mortgage settlements with Lakeside Bank. I trained 2 new clerks in "
                             "April.", FACTS)
    assert [(o.fact + 1, o.line) for o in report.omitted] == [(3, 8), (4, 9), (5, 10), (6, 11), (7, 12), (8, 13)]
    assert report.to_dict()["omitted"][0] == {"fact": 3, "line": 8,
                                              "text": "Registered 1,312 property certificates with the land registry"}
    assert not report.ok


def test_the_role_fixed_prose_and_connectives_claim_nothing():
    text = "## Business results\n\nThe year's results are set out below. In addition, I answered 2,406 customer calls."
    assert verdicts(text) == []


def _benchmark():
    spec = importlib.util.spec_from_file_location("grounding_claims", ROOT / "benchmarks" / "grounding_claims.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_labelled_corpus_keeps_its_figures():
    """In-sample floors (the corpus tuned the checker): any loss below them is a regression."""
    bench = _benchmark()
    total = bench.score(ROOT / "fixtures" / "grounding-claims")["total"]
    assert total["cases"] >= 156
    assert total["caught"] / total["errors"] >= 0.83
    for kind in bench.ERROR_KINDS:
        assert total[f"caught:{kind}"] / total[f"errors:{kind}"] >= 0.70, kind
    assert total["false_flags"] / total["faithful"] <= 0.025
    assert total["omitted_found"] / total["omitted"] >= 0.93
