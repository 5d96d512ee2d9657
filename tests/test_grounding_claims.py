"""Claim-level grounding: each claim is checked against the fact its sentence restates (issue 18's table), and the
labelled corpus fixtures/grounding-claims keeps its figures.

The corpus figures are regression floors on text the checker was tuned on (in-sample): the blind first-run figures
of each batch are in fixtures/grounding-claims/README.md.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

from drafter import grounding
from drafter.facts import parse_facts
from drafter.grounding.claims import extract_claims

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


TEAM = parse_facts("""---
role: Team lead
name: Ann Hale
year: 2026
---
- Sous chef Nadia Brooks trained commis chef Ethan Lowe on the pastry section
- New broadband subscribers: 1,126, up 3.4% year on year
- Hall revenue RMB 728.3 ten thousand, up 5.7% year on year
- Compliance up from 62% to 71%
- Printing costs cut from €9,200 to €5,750
- Revenue SEK 84 million (2025: SEK 76 million)
- Average phone wait cut from 3 min 40 s to 1 min 50 s
- Not met: cross-sell target of 30 treasury accounts (reached 21)
- Plan for 2027: bring approval time below 10 working days (now 12)
- Postnatal visit within 24 hours of discharge: 88% -> 95%
- BadgerNet record-keeping audit score: 92%
- Road freight Italy/Spain moved from Dachser to DB Schenker in April
- Google rating 4.8/5 from 428 reviews; TripAdvisor 4.6/5 from 211 reviews
- Collected 97.1% of council tax due in FY2025/26
- NIM up 15 bps to 2.35%
- MTBF of the two furnaces: 410 h -> 560 h
- Driver absence days down from 2,640 to 2,010
- Led the 42-bed cardiology ward
- GWP on my book £18.4M, up 9% YoY
- Invoice processing time cut from 12 to 7 working days
- Plan for 2027: invoice processing time down to 5 working days
- Average time from hearing to sealed order cut from 6 days to 3
- Average validation time cut from 9 to 6 working days
- Target: validate 90% within 6 working days by March 2027 (currently 71%)
- First-contact resolution 54% -> 71%
- Plan for 2027: roll out IDeaS G3 RMS by March
- Ranked 3rd of 14 districts nationally
- Recruited 88 agents in the Q1 "Spring Start" campaign
- Premium income 12,650 wan yuan, target 12,000 wan yuan
- Sample rejections 2.8% -> 1.6%
- Length of stay on Ward 12 down from 7.4 to 6.1 days
- Average days from occupation certificate to settlement: 35 -> 21
- Micro samples tested ~14.8k (vs 12.9k LY)
- Route optimisation w/ Optimo rolled out May -> fuel cost down approx. 7%
- Help Spanish-speaking members with ~40 transactions/week
- Avg PO approval time 4.1 days -> 1.6 days
- Completed Non-Medical Prescribing (V300) in June
- On-time order confirmation within 24h rose from 78% to 93%
- 13-month persistency 89.9%
- Target next year: e-signing adoption 90%
- Plan 2027: packaging category onto 2-yr framework
- Distributors Arrowpoint Asia and Meridian Parts: combined sell-through up from USD 5.6M to USD 6.5M
- 17 insulin pump starts with consultant Dr Ayesha Khan
- Weight-management clinic run with dietitian Karen Liu
- Coordinate discharges on wards 9, 10 and 11 (84 beds)
- Approval time cut from 3 weeks to 2
- Letters out within 48 hours of clinic: 60% -> 91%
- 3 receptionists trained on Opera Cloud PMS in February; trainer Daniel Osei (Oracle)
- Completed tissue viability link nurse training in March
- Solar array generated 186,000 kWh since commissioning; 2,750 kg of expired medicines sent for disposal
- KPI offers within 10 days: baseline 71%, target 85%, actual 88%
- Average room rate 1.250 € (2025: 1.180 €); occupancy 12,5 % above plan
- Target for 2027: first-contact resolution 75%
- Supported underwriters Helen Croft and James Oduya on the motor fleet book
- Covered the property desk for underwriter Nadia Petrov for 6 weeks
- Trained 45 budget holders with legal adviser Imran Siddiqui
- Manager: Gwen Rowlands, Head of Procurement
- First-time-complete submissions 96% (was 89%)
- 1,486 mortgage files processed, +12% YoY
- Plan for 2027: gross renewal rate 94% (now 91%)
- Migrated the ticketing system from Zendesk to ServiceNow in April
- Rolled out self-service password reset in August; password tickets down from 2,950 to 1,180
- Won Helios Klinikum Wuppertal as a new account, first-year order value EUR 380,000
- Marien Hospital account kept after the service contract renewal
""", "facts.md")


@pytest.mark.parametrize("sentence, expected", [
    ("Ethan Lowe trained Nadia Brooks on the pastry section.", [("Ethan Lowe", "misattributed")]),
    ("Nadia Brooks trained Ethan Lowe on the pastry section.", []),
    ("New broadband subscribers reached 1,126, up 5.7% year on year.", [("5.7%", "misattributed")]),
    ("Compliance improved from 62% to 71%, a 9% rise.", [("9%", "misattributed")]),
    ("Compliance improved from 62% to 71%, a rise of 9 percentage points.", []),
    ("Going digital brought printing costs down to €9,200.", [("€9,200", "misattributed")]),
    ("Revenue grew to SEK 84 million, about 10.5% more than in 2025.", []),
    ("Callers now wait 1 minute 50 seconds instead of 3 minutes 40 seconds, 1 minute 50 seconds less.", []),
    ("I also met my cross-sell target of 30 treasury accounts.", [("30", "plan-as-done")]),
    ("With approval time now below 10 working days, I will keep improving.", [("10 working days", "plan-as-done")]),
    ("Next year I will bring approval time below 10 working days, from 12 now.", []),
    ("My BadgerNet record-keeping audit scored 95%.", [("95%", "misattributed")]),
    ("95 out of every 100 mothers had a postnatal visit within 24 hours.", []),
    ("In April, road freight for Italy and Spain was moved to Dachser.", [("Dachser", "wrong-name")]),
    ("In April, road freight for Italy and Spain moved to DB Schenker.", []),
    ("Our TripAdvisor rating of 4.8 shows how much guests value us.", [("TripAdvisor", "wrong-name")]),
    ("Our Google rating reached 4.8 from 428 reviews.", []),
    ("During the 2025/26 financial year, 97.1% of council tax due was collected.", []),
    ("The NIM rose 0.15 percentage points to 2.35%.", []),
    ("The MTBF of the two furnaces rose from 410 to 560 hours.", []),
    ("I supported underwriters Nadia Petrov and James Oduya on the motor fleet book.", [("Nadia Petrov", "wrong-name")]),
    ("I supported underwriters Helen Croft and James Oduya on the motor fleet book.", []),
    ("I covered the property desk for underwriter Nadia Petrov for six weeks.", []),
    ("Thank you to Imran Siddiqui, Head of Procurement, for her steady support.",
     [("Imran Siddiqui", "wrong-name"), ("Head of Procurement", "wrong-name")]),
    ("Thank you to Gwen Rowlands, Head of Procurement, for her steady support.", []),
    ("Thank you to our Head of Procurement, Gwen Rowlands, and to legal adviser Imran Siddiqui.", []),
    ("Compliance improved from 62% to 95%.", [("95%", "misattributed")]),
    ("Compliance improved from 88% to 71%.", [("88%", "misattributed")]),
    ("Printing costs fell by €3,450 to €5,750.", []),
    ("First-time-complete submissions rose to 96%, up from 88%.", [("88%", "misattributed")]),
    ("First-time-complete submissions rose to 96%, up from 89%.", []),
    ("I processed 1,486 mortgage files, up 3.4% year on year.", [("3.4%", "misattributed")]),
    ("I processed 1,486 mortgage files, up 12% year on year.", []),
    ("Next year I am aiming for a 91% gross renewal rate.", [("91%", "misattributed")]),
    ("Next year I am aiming for a 96% gross renewal rate.", [("96%", "misattributed")]),
    ("Next year I am aiming to lift the gross renewal rate from 91% to 94%.", []),
    ("The gross renewal rate currently stands at 91%, and the plan for 2027 is to reach 94%.", []),
    ("In August we completed the migration of our ticketing system from Zendesk to ServiceNow.",
     [("August", "wrong-date")]),
    ("In April we completed the migration of our ticketing system from Zendesk to ServiceNow.", []),
    ("In August, self-service password reset cut password tickets from 2,950 to 1,180.", []),
    ("I won Marien Hospital as a new account, with a first-year order value of EUR 380,000.",
     [("Marien Hospital", "wrong-name")]),
    ("I won Helios Klinikum Wuppertal as a new account, with a first-year order value of EUR 380,000.", []),
    ("The MTBF of the two furnaces rose from just over 400 to about 560 hours.", []),
    ("Driver absence fell from about 2,600 days to 2,010.", []),
    ("I led the forty-two-bed cardiology ward.", []),
    ("Compliance reached 71% this year, compared with 88% a year earlier.", [("88%", "misattributed")]),
    ("Compliance reached 71% this year, compared with 62% a year earlier.", []),
    ("Gross renewal rate came in at 94%.", [("94%", "plan-as-done")]),
    ("Gross written premium on my book reached £18.4M, up 12% year on year.", [("12%", "misattributed")]),
    ("Gross written premium reached £18.4M, up 9% year on year.", []),
    ("Invoice processing time was cut from 12 to 7 working days, 5 days faster.", []),
    ("Invoice processing time is now 5 working days.", [("5 working days", "plan-as-done")]),
    ("The average time from hearing to sealed order fell from 6 days to 3, a 50% cut.", []),
    ("The average time taken to validate an application was reduced from nine to six working days.", []),
    ("First-contact resolution rose from 54% to 71%, up 17 points.", []),
    ("First-contact resolution reached 75%.", [("75%", "plan-as-done")]),
    ("First-contact resolution rose from 54% to 71%, a 12% relative increase.", [("12%", "misattributed")]),
    ("First-contact resolution rose from 54% to 71%, a 31% relative increase.", []),
    ("The IDeaS G3 revenue management system is now live across the hotel.", [("IDeaS G3", "plan-as-done")]),
    ("By March 2027 I will roll out the IDeaS G3 revenue management system.", []),
    ("Nationally, the district ranked third out of fourteen.", []),
    ("During the first-quarter campaign we brought in 88 new agents.", []),
    ("During the third-quarter campaign we brought in 88 new agents.", [("third", "wrong-date")]),
    ("Premium income totalled 12,650 wan yuan, 105.4% of the 12,000 wan yuan target.", []),
    ("Sample rejections dropped to 1.6%, about 16 in every 1,000 samples.", []),
    ("Average length of stay on Ward 12 fell to 6.1 days, about 31 hours less per patient.", []),
    ("Occupation certificate to settlement went from 35 to 21 days, two weeks faster.", []),
    ("It was a year of big changes for the completions team.", []),
    ("We tested about 14,800 micro samples. That is around 15 per cent more samples.", []),
    ("Route optimisation with Optimo went live in May and cut fuel costs by about 7 per cent.", []),
    ("I also help Spanish-speaking members with roughly 40 transactions every week.", []),
    ("Average PO approval time went from 4.1 days to 1.6 days.", []),
    ("I qualified as a Non-Medical Prescriber (V300) in June.", []),
    ("On-time order confirmation within 24 hours rose from 78% to 93%.", []),
    ("The 13-month persistency rate was just under 90%.", []),
    ("In 2027 the packaging category will move onto a two-year framework.", []),
    ("Combined sell-through at Arrowpoint Asia and Meridian Parts reached USD 5.6M.", [("USD 5.6M", "misattributed")]),
    ("Combined sell-through at Arrowpoint Asia and Meridian Parts reached USD 6.5M.", []),
    ("Combined sell-through at Arrowpoint Asia and Meridian Parts rose from USD 5.6M to USD 6.5M.", []),
    ("Seventeen patients started on insulin pumps, working alongside dietitian Karen Liu.",
     [("Karen Liu", "wrong-name")]),
    ("Seventeen patients started on insulin pumps with consultant Dr Ayesha Khan.", []),
    ("I coordinate discharges across three medical wards, 9, 10 and 11, with 84 beds between them.", []),
    ("Approval time fell by a third, from three weeks to two.", []),
    ("Compliance rose from 62% to 71%, a 15% relative increase.", []),
    ("Letters going out within 48 hours of clinic have risen from 60% to more than nine in ten.", []),
    ("In February, Daniel Osei from Oracle trained three of our receptionists on Opera Cloud PMS.", []),
    ("Over the summer I completed my tissue viability link nurse training.", [("summer", "wrong-date")]),
    ("In the spring I completed my tissue viability link nurse training.", []),
    ("Since commissioning, the array has generated 186 MWh, and we sent nearly 2.8 tonnes of medicines for disposal.",
     []),
    ("Since commissioning, the array has generated 168 MWh.", [("168", "invented")]),
    ("Offers within 10 days rose from 71% to 88%, a gain of 17 percentage points.", []),
    ("Over the winter I kept morale up on the ward.", []),
    ("Our average room rate rose to €1,250 from €1,180, and occupancy ran 12.5% above plan.", []),
    ("Our average room rate rose to €1,250 from €1,150.", [("€1,150", "invented")]),
    ("I processed one thousand four hundred and eighty-six mortgage files.", []),
])
def test_claims_checked_against_the_fact_they_restate_more_shapes(sentence, expected):
    """Shapes found on the blind rounds: people the wrong way round, growth borrowed from another indicator,
    percentage points told as percent, a change told backwards, currency codes, compound durations, a missed target
    told met, a plan's figure told as done in one clause, a figure from a fact the sentence does not restate."""
    assert [(c.text, c.verdict) for c in grounding.check(sentence, TEAM).unsupported] == expected


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
    assert total["cases"] >= 708
    assert total["caught"] / total["errors"] >= 0.91
    for kind in bench.ERROR_KINDS:
        assert total[f"caught:{kind}"] / total[f"errors:{kind}"] >= 0.855, kind
    assert total["false_flags"] / total["faithful"] <= 0.014
    assert total["omitted_found"] / total["omitted"] >= 0.95


CONTINENTAL = parse_facts("""---
role: Business client adviser
year: 2026
---
- Business loan portfolio 86,4 Mio. € -> 93,1 Mio. €
- Holzbau Seidl GmbH: financing new production hall 2,2 Mio. €, signed 08.07.
- Hub shipped 412.000 pallets (2025: 376.000)
- Check-in time cut from 9,5 to 6 min; review score 4.5/5
""", "facts.md")


@pytest.mark.parametrize("sentence, expected", [
    ("Our business loan portfolio grew from €86.4 million to €93.1 million.", []),
    ("In July we signed a €2.2 million financing for Holzbau Seidl GmbH's new production hall.", []),
    ("In June we signed a €2.2 million financing for Holzbau Seidl GmbH's new production hall.", [("June", "wrong-date")]),
    ("The hub shipped 412,000 pallets, compared with 376,000 in 2025.", []),
    ("Check-in time fell from 9.5 to 6 minutes, and guests score us 4.5 out of 5.", []),
    ("Our business loan portfolio grew to €94.1 million.", [("€94.1 million", "invented")]),
])
def test_facts_written_the_continental_way_read_as_their_english_twins(sentence, expected):
    """Facts jotted with decimal commas, dots between thousands, 'Mio. €' and '08.07.' dates (a file's own
    convention, decided over all its facts) state what an English draft writes as '€86.4 million' and 'July'."""
    assert [(c.text, c.verdict) for c in grounding.check(sentence, CONTINENTAL).unsupported] == expected


def test_the_check_does_not_depend_on_the_hash_seed(tmp_path):
    """Verdicts, reasons and omissions are the same whatever order Python's sets iterate in: ties between facts
    that a sentence restates equally go to the earlier fact (checked on g20-g29's facts and drafts joined)."""
    cases = sorted(p.parent for p in (ROOT / "fixtures" / "grounding-claims").glob("g2*/*/labels.json"))
    facts = ["---", "role: Team lead", "year: 2026", "---"]
    drafts = []
    for case in cases:
        facts += [line for line in (case / "facts.md").read_text(encoding="utf-8").splitlines() if line.startswith("- ")]
        drafts.append((case / "draft.md").read_text(encoding="utf-8"))
    (tmp_path / "facts.md").write_text("\n".join(facts) + "\n", encoding="utf-8")
    (tmp_path / "draft.md").write_text("\n\n".join(drafts), encoding="utf-8")
    outputs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        result = subprocess.run([sys.executable, "-m", "drafter", "check", "draft.md", "--facts", "facts.md",
                                 "--format", "json"], cwd=tmp_path, env=env, capture_output=True, text=True)
        assert result.returncode in (0, 1), result.stderr
        outputs.append(result.stdout)
    assert outputs[0] == outputs[1] and '"unsupported"' in outputs[0]


CLOCKS = parse_facts("""---
role: Contact centre lead
year: 2026
---
- Cut average handle time from 7:40 to 6:15 minutes
- Average wait to answer 4:20 -> 2:05 minutes
- The service desk now opens at 7:30
""")


@pytest.mark.parametrize("sentence, expected", [
    ("Average handle time fell by 1 minute 25 seconds, from 7:40 to 6:15.", []),
    ("Average handle time fell by one and three-quarter minutes, from 7:40 to 6:15.", [("one and three-quarter minutes", "invented")]),
    ("Handle time came down from 7:40 to 6:15, a saving of eighty-five seconds per call.", []),
    ("Average handle time fell by 85 seconds to 6:15.", []),
    ("Average handle time fell by 95 seconds to 6:15.", [("95 seconds", "invented")]),
    ("Callers waited just over two minutes on average, down from 4:20.", []),
    ("Callers waited just over two minutes on average, down from 4:50.", [("4:50", "invented")]),
    ("The service desk now opens at 7:30.", []),
])
def test_clock_readings_that_time_something_are_durations(sentence, expected):
    """"7:40" in a sentence about handle or wait times is 7 minutes 40 seconds, so a difference of two readings is a
    derivation ("85 seconds" from 7:40 -> 6:15) and rounding works across units; a time of day stays as written."""
    assert [(c.text, c.verdict) for c in grounding.check(sentence, CLOCKS).unsupported] == expected


BYSTANDERS = parse_facts("""---
role: Energy buyer
year: 2026
---
- Renewable electricity share up from 20% to 45%
- Target for 2027: 60% renewable electricity
- Online filing rate rose from 91.5% to 97.3%
- Plan for 2027: online filing rate 99%
""")


@pytest.mark.parametrize("draft, omitted", [
    # the plan's words all belong to the fact whose figures the sentence gives: the plan is not stated
    ("Renewable electricity now makes up 45% of our supply, up from 20%. The online filing rate rose to 97.3% and "
     "should reach 99% next year.", [2]),
    ("Renewable electricity now makes up 45% of our supply, up from 20%, and should reach 60% by 2027. The online "
     "filing rate rose to 97.3% and should reach 99% next year.", []),
    # a plan told as done states the fact it misreports, wrongly
    ("Renewable electricity now makes up 45% of our supply, up from 20%, and should reach 60% by 2027. The online "
     "filing rate reached 99%.", []),
])
def test_a_fact_only_sharing_words_with_the_fact_a_sentence_restates_is_omitted(draft, omitted):
    assert [o.fact + 1 for o in grounding.check(draft, BYSTANDERS).omitted] == omitted


@pytest.mark.parametrize("text, value, unit", [
    ("The wait fell to half an hour.", 0.5, "hour"), ("It took a quarter of an hour.", 0.25, "hour"),
    ("We saved half a day per file.", 0.5, "day"), ("Sales passed half a million.", 500000.0, None)])
def test_half_or_a_quarter_of_one_unit_is_a_figure(text, value, unit):
    [claim] = extract_claims(text)
    assert (claim.value.value, claim.value.unit) == (value, unit)


ENDS = parse_facts("""---
role: Desk lead
year: 2026
---
- Abandonment rate in November 6.8%, down from 12.5%
- Customer NPS on claims rose from +12 to +31
- Mandatory training compliance rose from 72% to 91%
- KPI average enquiry response time: baseline 5.5 days, target 3 days, actual 3.8 days (not met)
""")


@pytest.mark.parametrize("sentence, expected", [
    ("November abandonment came down to 12.5%.", [("12.5%", "misattributed")]),
    ("November abandonment came down to 6.8%, from 12.5%.", []),  # "November 6" of "November 6.8%" is no date
    ("Customer NPS on claims now stands at +12.", [("12", "misattributed")]),
    ("Customer NPS on claims rose to +31.", []),
    ("Mandatory training compliance rose steadily over the year to around 72%.", [("72%", "misattributed")]),
    ("Mandatory training compliance rose steadily over the year to around 90%.", []),
    ("Average enquiry response time came down to 5.5 days, against a target of three.", [("5.5 days", "misattributed")]),
    ("Average enquiry response time came down from 5.5 to 3.8 days.", []),
])
def test_where_a_change_started_told_as_where_it_ended(sentence, expected):
    """The start of a change told as its end, however the fact words it: "6.8%, down from 12.5%", "+12 to +31", a
    KPI line's baseline; and however the draft does: "rose steadily over the year to around 72%"."""
    assert [(c.text, c.verdict) for c in grounding.check(sentence, ENDS).unsupported] == expected


WHOLES = parse_facts("""---
role: Bar supervisor
year: 2026
---
- Put 9 bar staff through their Personal Licence; 7 passed
- Trained 45 HCAs in skin inspection; 40 passed the competency assessment
- Agent network: 142 agents, 17 recruited, 11 completed the IVASS course
""")


@pytest.mark.parametrize("sentence, expected", [
    ("All 9 bar staff passed their Personal Licence.", [("9", "misattributed")]),
    ("After I trained them in skin inspection, 45 HCAs passed the competency assessment.", [("45", "misattributed")]),
    ("I trained 45 HCAs in skin inspection and 40 passed the competency assessment.", []),
    ("Of the 45 HCAs I trained, 40 passed the competency assessment.", []),
    ("Eleven agents completed the IVASS course.", []),  # a part shares its whole's noun
])
def test_a_whole_told_with_the_words_of_its_part(sentence, expected):
    assert [(c.text, c.verdict) for c in grounding.check(sentence, WHOLES).unsupported] == expected


def test_a_plan_figure_before_a_bracketed_baseline_is_the_aim_not_today():
    """"get drinks GP to 72% (currently 68%)": "currently" goes with 68%, so "is now 72%" tells the aim as done."""
    facts = parse_facts("---\nrole: Bar supervisor\nyear: 2025\n---\n- Wet sales £412k, up 6% on last year\n"
                        "- Target for 2026: get drinks GP to 72% (currently 68%)\n")
    assert [(c.text, c.verdict) for c in grounding.check("Gross profit on drinks is now 72%.", facts).unsupported] == [
        ("72%", "plan-as-done")]
    assert grounding.check("Gross profit on drinks is now 68%; the aim is 72% next year.", facts).unsupported == []


ITEMS = parse_facts("""---
role: Inside sales
year: 2026
---
- Units quoted: Vireo pumps 1,480; Solace monitors 1,430
- Hardware units sold: 612 MFDs; 590 desktop printers
- Migrated 1.2k laptops to Windows 11, finished Sept
- Customer NPS 71 (branch average 58)
""")


@pytest.mark.parametrize("sentence, expected", [
    # a figure the fact gives one item, told of its sibling item, however close the two figures are
    ("Over the year she quoted 1,430 units of the Vireo pump range.", [("1,430", "misattributed")]),
    ("His hardware sales included 612 desktop printers.", [("612", "misattributed")]),
    ("She quoted 1,480 Vireo pumps and 1,430 Solace monitors.", []),
    ("Some twelve hundred laptops were moved to Windows 11, with the migration finished in September.", []),
    ("My customer NPS of 71 was well ahead of the branch average of 58.", []),
])
def test_a_figure_told_of_the_sibling_item_its_fact_counts_otherwise(sentence, expected):
    assert [(c.text, c.verdict) for c in grounding.check(sentence, ITEMS).unsupported] == expected


PLANS_TOLD_DONE = parse_facts("""---
role: Order administrator
year: 2026
---
- Plan for 2027: take over export orders from Martin Kay
- Fetal monitoring training compliance 96%
- Aim: 100% fetal monitoring training compliance by April 2027
- On-time-in-full rate 96.2% (target 98%, not yet met)
""")


@pytest.mark.parametrize("sentence, expected", [
    ("She has also taken over export orders from Martin Kay.", ["plan-as-done"]),
    ("Next year she will take over export orders from Martin Kay.", []),
    ("With that, we have met our fetal monitoring training goal.", ["plan-as-done"]),
    ("Fetal monitoring training compliance reached 96%, and the goal is 100% by April 2027.", []),
    ("On-time-in-full performance was 96.2%, meeting the target for the year.", ["plan-as-done"]),
])
def test_a_plan_or_missed_target_told_as_met(sentence, expected):
    assert [c.verdict for c in grounding.check(sentence, PLANS_TOLD_DONE).unsupported] == expected


def test_a_figure_standing_where_the_restated_fact_gives_another():
    """The sentence restates the checks fact (its "72 hours"), and 74% is the survey's: the checks fact says 89%."""
    facts = parse_facts("---\nrole: Ward manager\nyear: 2026\n---\n"
                        "- Patients who said they felt safe (quarterly survey): 61% -> 74%\n"
                        "- Physical health checks within 72 hours of admission: 89%\n")
    sentence = "Physical health checks were completed within 72 hours of admission for {} of patients."
    [claim] = grounding.check(sentence.format("74%"), facts).unsupported
    assert (claim.text, claim.verdict, claim.fact) == ("74%", "misattributed", 0)
    assert grounding.check(sentence.format("89%"), facts).unsupported == []


SWITCHES = parse_facts("""---
role: Facilities officer
year: 2026
---
- Changed linen supplier from CleanCo to Northern Linen Services in June
- Moved to supplier Bidfood from Brakes in April
- Logistics tender Q2: 5 bidders, awarded to Rhenus, -11% vs incumbent Dachser
- Moved site diaries from paper to Procore in March
- Wates replaced Mears on the responsive repairs contract from April
""")


@pytest.mark.parametrize("sentence, expected", [
    ("In June, the hotel changed to a new linen supplier, CleanCo.", [("CleanCo", "wrong-name")]),
    ("In June, the hotel changed to a new linen supplier, Northern Linen Services.", []),
    ("In April we moved to the supplier Brakes.", [("Brakes", "wrong-name")]),
    ("In the logistics tender the contract went to Dachser at 11% below the incumbent.", [("Dachser", "wrong-name")]),
    ("In March we moved site diaries from paper into Procore.", []),
    ("From April, Wates took over the responsive repairs contract from Mears.", []),
])
def test_the_old_name_of_a_change_told_as_the_new(sentence, expected):
    """Descriptors may stand between the verb and the name ("changed to a new linen supplier, CleanCo"), a fact
    may mark the old name as "incumbent"; lower-case words only, so "From April, Wates" is no old name."""
    assert [(c.text, c.verdict) for c in grounding.check(sentence, SWITCHES).unsupported] == expected


PLANNED = parse_facts("""---
role: Site administrator
year: 2026
---
- Plan for 2027: move site diary and permits onto Fieldgate
- Sent 1,240 reminder notices, up from 980
- Plan for 2027: text-message reminders before the first reminder notice
- Failed settlements fell from 37 to 15
- Target 2027: cut failed settlements to under 10
""")


@pytest.mark.parametrize("sentence, expected", [
    ("The site diary and permits are now on Fieldgate.", ["plan-as-done"]),  # the plan restated across "and"
    ("Next year the site diary and permits will move onto Fieldgate.", []),
    ("We now also send text-message reminders before the first reminder notice goes out.", ["plan-as-done"]),
    ("We sent 1,240 reminder notices, up from 980.", []),
    ("So the number of failed settlements was cut by more than half.", []),  # "cut" marks no plan
])
def test_a_plan_told_as_done_beside_what_was_done(sentence, expected):
    assert [c.verdict for c in grounding.check(sentence, PLANNED).unsupported] == expected


WORDED = parse_facts("""---
role: Dispatcher
year: 2026
---
- Average engineer travel time per visit 24 minutes, was 33
- Started cash delivery run to Yelverton in September, once a fortnight
- Processed 3,460 expense claims
""")


@pytest.mark.parametrize("sentence, expected", [
    ("Engineers now spend 24 minutes getting to each job, nine minutes less than before.", []),
    ("Engineers now spend 24 minutes getting to each job, seven minutes less than before.", [("seven minutes", "invented")]),
    ("The Yelverton run, started in September, goes out once every two weeks.", []),
    ("The Yelverton run, started in September, goes out once every three weeks.", [("three weeks", "invented")]),
    ("We handled just under three and a half thousand expense claims.", []),
    ("We handled just under four and a half thousand expense claims.", [("four and a half thousand", "invented")]),
])
def test_units_said_once_and_figures_said_in_words(sentence, expected):
    """"24 minutes, was 33": 33 minutes too; "once a fortnight" is every two weeks; "three and a half thousand"."""
    assert [(c.text, c.verdict) for c in grounding.check(sentence, WORDED).unsupported] == expected


HUNDRED_MILLIONS = parse_facts("""---
role: County branch manager
year: 2026
---
- Total deposits rose from 42.7 to 48.3 hundred-million yuan
- Attracted new savings deposits of 1.26 hundred-million yuan
- Auto insurance premium 6,380 ten-thousand yuan
- Target for 2027: auto insurance premium 2.3 hundred-million yuan
- Target for 2027: patch compliance 98%, currently 89%
""")


@pytest.mark.parametrize("sentence, expected", [
    ("Total deposits rose from 42.7 hundred-million yuan to 48.3 hundred-million yuan.", []),
    ("Total deposits rose from 4.27 billion yuan to 4.83 billion yuan.", []),
    ("The new savings deposits I attracted came to approximately 126 million yuan.", []),
    ("The new savings deposits I attracted came to approximately 162 million yuan.", [("162 million yuan", "invented")]),
    ("In 2027, the branch will strive for auto insurance premium of 2.3 hundred-million yuan.", []),
    ("Patch compliance is at 89% right now, and the target for 2027 is 98%.", []),
    ("Patch compliance is at 98% right now.", [("98%", "plan-as-done")]),
])
def test_hundred_millions_and_plans_told_as_plans(sentence, expected):
    """"hundred-million yuan" scales a figure (and the one before it in "from 42.7 to 48.3 …"); a plan's figure told
    as a plan, or its baseline told as today, is no error."""
    assert [(c.text, c.verdict) for c in grounding.check(sentence, HUNDRED_MILLIONS).unsupported] == expected


@pytest.mark.parametrize("sentence, expected", [
    ("Commission statements now take 2 days rather than 6, two thirds less time.", []),
    ("Commission statements now take 2 days instead of 6, a 67% cut.", []),
    ("Commission statements now take 2 days rather than 6, a 50% cut.", [("50%", "misattributed")]),
])
def test_a_change_told_with_rather_than_and_its_size_as_a_fraction(sentence, expected):
    """"2 days rather than 6" is a change from 6 to 2 (days both), so "two thirds less" is its size, derived."""
    facts = parse_facts("---\nrole: Analyst\nyear: 2026\n---\n- Commission statements take 2 days instead of 6\n")
    assert [(c.text, c.verdict) for c in grounding.check(sentence, facts).unsupported] == expected


CLAUSES = parse_facts("""---
role: Settlement supervisor
year: 2026
---
- Trained 9 staff on the new lodgement link in April and May
- Target for end of 2027: the whole office works with zero paper lodgements
- Falls 8.4 -> 6.9 per 1,000 occupied bed days
- Target next year: falls rate below 6.0 per 1,000 occupied bed days
- Offer to completion averaged 24 days
- Plan for 2027: offer to completion in 20 days
""")


@pytest.mark.parametrize("sentence, expected", [
    ("Our falls rate fell from 8.4 to 6.9 per 1,000 occupied bed days.", []),  # "1,000" is no clause break
    ("Next year we want to have offer to completion in 24 days.", ["misattributed"]),
    ("Offer to completion averaged 24 days, and next year we want 20.", []),
])
def test_plans_read_clause_by_clause(sentence, expected):
    assert [c.verdict for c in grounding.check(sentence, CLAUSES).unsupported] == expected


PREMIUMS = parse_facts("""---
role: District insurance manager
year: 2026
---
- New-policy premium income reached 38.7 million yuan as of November 30
- Reach 45 million yuan of new-policy premium income in 2027
""")


@pytest.mark.parametrize("sentence, expected", [
    # SmolLM2, under "Plan for next year": a past that no plan takes, beside a year not yet come
    ("## Plan for next year\n\nIn 2026 the district reached 45 million yuan of new-policy premium income in 2027.",
     ["plan-as-done"]),
    ("## Plan for next year\n\nI plan to reach 45 million yuan of new-policy premium income in 2027.", []),
    ("## Plan for next year\n\nBy 2027 we will have reached 45 million yuan of new-policy premium income.", []),
    ("The 45 million yuan aim for 2027 starts from the 38.7 million yuan reached this year.", []),
])
def test_a_plan_told_as_reached_in_a_later_year_is_told_as_done(sentence, expected):
    assert [c.verdict for c in grounding.check(sentence, PREMIUMS).unsupported] == expected


SHIFTS = parse_facts("""---
role: Transport team lead
year: 2026
---
- Magna Park peak: average 38 trucks per shift, maximum 52 on Cyber Monday
- Sunmarsh Estates: 318 lots settled over 4 stages
""")


@pytest.mark.parametrize("sentence, expected", [
    ("Magna Park sent out an average of 52 trucks per shift.", [("52", "misattributed")]),
    ("Magna Park sent out an average of 38 trucks per shift, and 52 on Cyber Monday.", []),
    ("For Sunmarsh Estates we settled three hundred and eighteen lots over four stages.", []),
])
def test_a_name_the_fact_is_about_excuses_no_figure_it_gives_another_thing(sentence, expected):
    """The fact's subject named beside a figure is no sign the figure is right; a rival the sentence tells itself
    ("over four stages") is no rival."""
    assert [(c.text, c.verdict) for c in grounding.check(sentence, SHIFTS).unsupported] == expected


@pytest.mark.parametrize("sentence, expected", [
    ("Discharges before noon rose by 22% over the year.", [("22%", "misattributed")]),
    ("Discharges before noon rose by 8 points over the year.", []),
    ("Discharges before noon went from 14% up to 22% over the year.", []),
])
def test_an_end_of_a_change_told_as_its_size(sentence, expected):
    facts = parse_facts("---\nrole: Ward clerk\nyear: 2026\n---\n- Discharges before noon 14% -> 22%\n")
    assert [(c.text, c.verdict) for c in grounding.check(sentence, facts).unsupported] == expected


OWNERS = parse_facts("""---
role: Deeds clerk
year: 2026
---
- Prepared 523 mortgage deeds for Liffey Bank and 348 for Cormac Credit Union
- Fleet of 22 vans; diesel use down from 61,000 to 52,500 litres after route planning with Paragon
""")


@pytest.mark.parametrize("sentence, expected", [
    ("For Cormac Credit Union we prepared 523 mortgage deeds and for Liffey Bank 348 deeds.",
     [("Cormac Credit Union", "wrong-name"), ("Liffey Bank", "wrong-name")]),
    ("For Liffey Bank we prepared 523 mortgage deeds and for Cormac Credit Union 348 deeds.", []),
    ("Route planning with Paragon cut diesel use across our 22 vans from 61,000 to 52,500 litres.", []),
])
def test_two_owners_of_figures_swapped(sentence, expected):
    """A figure's owner may follow it ("523 deeds for Liffey Bank"); both owners told in one sentence, each with
    the other's figure, is a swap, not a sentence that names the right owner too."""
    assert [(c.text, c.verdict) for c in grounding.check(sentence, OWNERS).unsupported] == expected


@pytest.mark.parametrize("sentence, expected", [
    ("I processed 5,620 settlement transactions with a total value of 38.5 million US dollars.", []),
    ("Under the strong leadership of the sub-branch Party committee, I processed 5,620 transactions.", []),
    ("The Holyrood Suite is due to be refurbished by March.", []),
    ("The Holyrood Suite was refurbished in March.", ["plan-as-done"]),
])
def test_translated_template_words_and_plans_due(sentence, expected):
    facts = parse_facts("---\nrole: Settlement clerk\nyear: 2026\n---\n"
                        "- 5,620 foreign-exchange settlement transactions, USD 38.5 million\n"
                        "- Plan for 2027: refurbish the Holyrood Suite by March 2027\n")
    assert [c.verdict for c in grounding.check(sentence, facts).unsupported] == expected


RETAIL = parse_facts("""---
role: Store manager
year: 2026
---
- Customer NPS 61, up from 48
- 1,560 mobile banking activations (target was 1,500)
- Garden centre spring season (March–May) sales up 18%
- Taxi driver licences: average 38 days to issue, down from 61
""")


@pytest.mark.parametrize("sentence, expected", [
    ("Our Net Promoter Score climbed from 48 to 61.", []),  # the acronym written out names what it names
    ("Our Customer Effort Score climbed from 48 to 61.", [("Customer Effort Score", "wrong-name")]),
    ("I helped activate 1,560 mobile banking accounts, exceeding the target of 1,500.", []),
    ("Garden centre sales rose 18% over the spring season, from March to May.", []),  # "March–May" gives May
    ("Taxi driver licences were issued in 38 days on average (down from 61); a cut of 23 days.", []),
    ("Taxi driver licences were issued in 38 days on average (down from 61); a cut of 25 days.", [("25 days", "invented")]),
])
def test_acronyms_targets_month_ranges_and_units_said_once(sentence, expected):
    assert [(c.text, c.verdict) for c in grounding.check(sentence, RETAIL).unsupported] == expected


@pytest.mark.parametrize("sentence, expected", [
    ("Customers rate us 4.5 on Trustpilot and 4.4 on Google.", []),
    ("Customers rate us 4.5 on Google and 4.4 on Trustpilot.", [("Google", "wrong-name"), ("Trustpilot", "wrong-name")]),
    ("We trained 126 colleagues on forklifts, 97 at Leeds and 29 at Wakefield.", []),
    ("We trained 126 colleagues on forklifts, 29 at Leeds and 97 at Wakefield.", [("Leeds", "wrong-name"), ("Wakefield", "wrong-name")]),
])
def test_a_figure_told_just_before_the_name_it_belongs_to(sentence, expected):
    facts = parse_facts("---\nrole: Store manager\nyear: 2026\n---\n- Ratings: Trustpilot 4.5, Google 4.4\n"
                        "- 126 staff forklift trained across Leeds and Wakefield: 97 at Leeds, 29 at Wakefield\n")
    assert [(c.text, c.verdict) for c in grounding.check(sentence, facts).unsupported] == expected
