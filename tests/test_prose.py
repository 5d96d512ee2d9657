import pytest

from drafter.prose import realise_fact


@pytest.mark.parametrize("fact, kind, expected", [
    ("Closed 418 settlements, up from 350 in 2025", "achievements", "I closed 418 settlements, up from 350 in 2025."),
    ("Premium income of 38.7 million yuan", "achievements", "Results for the year include premium income of 38.7 million yuan."),
    ("Team grew from 9 to 12 agents", "work", "The team grew from 9 to 12 agents."),
    ("Launch online contract signing by March", "plan", "I plan to launch online contract signing by March."),
    ("Cut the turnaround from 45 to 30 days", "plan", "I plan to cut the turnaround from 45 to 30 days."),
    ("Plan: raise conversion to 45% next year", "plan", "I plan to raise conversion to 45% next year."),
    ("Lesson: agreed a weekly cut-off with logistics", "problems", "I agreed a weekly cut-off with logistics."),
    ("Two batches were delayed by 3 weeks", "problems", "Two batches were delayed by 3 weeks."),
    ("CRM migration to Salesforce", "work", "The work covered CRM migration to Salesforce."),
    ("We won the Harbour Bank account!", "achievements", "We won the Harbour Bank account!"),
])
def test_realise_fact(fact, kind, expected):
    assert realise_fact(fact, kind) == expected


def test_connector_joins_without_breaking_capitals():
    assert realise_fact("Closed 418 settlements", "work", "In addition, ") == "In addition, I closed 418 settlements."
    assert realise_fact("CRM migration to Salesforce", "work", "Further, ") == "Further, the work covered CRM migration to Salesforce."


@pytest.mark.parametrize("fact, kind, expected", [
    ("Plan for 2027: grow premium income to 50 million yuan", "plan",
     "In 2027 I plan to grow premium income to 50 million yuan."),
    ("Next year: cut quote turnaround to 2 hours", "plan", "Next year I plan to cut quote turnaround to 2 hours."),
    ("Target for 2027: first-contact resolution 85%", "plan", "My goal for 2027 is first-contact resolution 85%."),
    ("Unit 3 fell short of its target by 12%", "problems", "Unit 3 fell short of its target by 12%."),
    ("Team grew from 9 to 12 agents", "work", "The team grew from 9 to 12 agents."),
    ("Loan book up from £22.6 million to £25.9 million", "achievements",
     "Loan book went up from £22.6 million to £25.9 million."),
    ("First-contact resolution 58% -> 76%", "achievements", "First-contact resolution went from 58% to 76%."),
    ("External audit completed in February: no findings", "work", "External audit was completed in February: no findings."),
    ("Write-offs £148,000, down from £212,000", "achievements", "Write-offs were £148,000, down from £212,000."),
    ("Premium income of 38.7 million yuan", "achievements", "Results for the year include premium income of 38.7 million yuan."),
])
def test_labels_and_notes_become_sentences(fact, kind, expected):
    assert realise_fact(fact, kind) == expected


def test_a_section_reads_as_written_not_as_a_rotation():
    from drafter.prose import compose_section

    work = compose_section("work", ["Verified the monthly statements for all 12 months",
                                    "Checked the funds received against the bank records",
                                    "Moved 1,240 paper files into the archive"])
    assert work == [["I verified the monthly statements for all 12 months.",
                     "I also checked the funds received against the bank records.",
                     "I moved 1,240 paper files into the archive."]]
    problems = compose_section("problems", ["Problem: invoices for 14 export orders were late",
                                            "Lesson: agreed a weekly cut-off with the logistics team"])
    assert problems == [["Invoices for 14 export orders were late.",
                         "In response, I agreed a weekly cut-off with the logistics team."]]
    plan = compose_section("plan", ["Cut the certificate turnaround from 45 to 30 days",
                                    "Finish digitising the archive by June 2027", "Hire 2 clerks"])
    assert plan == [["Next year I plan to cut the certificate turnaround from 45 to 30 days.",
                     "I also aim to finish digitising the archive by June 2027.",
                     "I also want to hire 2 clerks."]]


def test_the_overview_states_the_headline_figures_each_leaving_one_to_its_fact():
    from drafter.prose import headline

    sections = [{"kind": "achievements", "facts": ["Signed 418 sales contracts worth 612.5 million yuan, up from 350",
                                                   "Collected 587.2 million yuan of payments, 95.9% of the value",
                                                   "Cleared 27 of the 31 overdue mortgage files"]},
                {"kind": "work", "facts": ["Issued 366 property certificates and handled 402 units"]}]
    assert headline(sections, "2026") == ("In 2026 I signed 418 sales contracts worth 612.5 million yuan, collected "
                                          "587.2 million yuan of payments and issued 366 property certificates.")
    assert headline([{"kind": "achievements", "facts": ["Sold 3 units", "Won 2 awards"]}], "2026") == ""


@pytest.mark.parametrize("role, organisation, context", [
    ("settlement-office", "Greenfield Homes, settlement office", "the settlement office of Greenfield Homes"),
    ("sales-inside", "Brightpath Solar, inside sales", "inside sales at Brightpath Solar"),
    ("sales-inside", "Brightpath Solar, Shenzhen branch", "inside sales at Brightpath Solar, Shenzhen branch"),
    ("Warehouse supervisor", "Northgate Logistics, Leeds warehouse",
     "warehouse supervisor at Northgate Logistics, Leeds warehouse"),
])
def test_the_organisation_is_not_echoed_after_the_unit_it_names(role, organisation, context):
    from drafter.facts import parse_facts
    from drafter.role_text import resolve_role, template_context

    facts = parse_facts(f"---\nrole: {role}\norganisation: {organisation}\n---\n- Sold 3 units\n", "f.md")
    assert template_context(resolve_role(facts, None), facts)["context"] == context


def test_no_fixture_draft_rotates_the_old_connectives():
    from helpers import FIXTURES

    for path in sorted(FIXTURES.glob("*.md")):
        from drafter.config import Settings
        from drafter.facts import load_facts
        from drafter.pipeline import draft_summary

        text = draft_summary(load_facts(str(path)), Settings(backend="offline")).markdown()
        for stale in ("In addition,", "Beyond that,", "Alongside this,", "Further,", "set out below",
                      "The sections below cover", "Plan for 20", "Next year:", "Plan:"):
            assert stale not in text, (path.name, stale)


def test_an_overview_without_headline_figures_is_the_lead_or_else_names_the_sections(tmp_path, monkeypatch):
    from drafter.config import Settings
    from drafter.facts import parse_facts
    from drafter.pipeline import draft_summary

    monkeypatch.setenv("DRAFTER_HOME", str(tmp_path))
    (tmp_path / "roles").mkdir()
    (tmp_path / "roles" / "t.toml").write_text(
        'id = "teacher"\nname = "Teacher"\n[[sections]]\nid = "overview"\ntitle = "Overview"\nkind = "overview"\n'
        'always = true\n[[sections]]\nid = "classes"\ntitle = "Classes"\nkind = "work"\ndefault = true\n')
    draft = draft_summary(parse_facts("- Moved the exports to one folder\n", "f.md"), Settings(role="sales"))
    assert draft.sections[0].text == "I work in inside sales." and not draft.empty_sections
    draft = draft_summary(parse_facts("- Taught 3 classes\n", "f.md"), Settings(role="teacher"))
    assert draft.sections[0].text == "The sections below cover classes." and not draft.empty_sections
