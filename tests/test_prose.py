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
