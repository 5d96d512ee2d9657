"""Pipeline pieces that need no backend: tidying a model's reply before cleanup."""

import pytest

from drafter.pipeline import tidy_section_text


@pytest.mark.parametrize("reply", [
    "## Sales results\n\nWe closed 12 deals.",
    "**Sales results**\nWe closed 12 deals.",
    "**Sales Results:**\n\nWe closed 12 deals.",
    "Sales results:\nWe closed 12 deals.",
    "  Sales results:  \n\n\nWe closed 12 deals.\n\n",
])
def test_a_heading_repeating_the_section_title_is_dropped(reply):
    assert tidy_section_text(reply, "Sales results") == "We closed 12 deals."


@pytest.mark.parametrize("reply", [
    "Sales results: we closed 12 deals.\n- 3 in May",
    "Customers:\n- 12 new accounts",
    "## Other things\n\nWe closed 12 deals.",
])
def test_a_first_line_that_is_not_the_title_alone_stays(reply):
    assert tidy_section_text(reply, "Sales results") == reply.strip()


class RecitingBackend:
    """A backend that answers each section with its facts and then recites a rule from the system prompt."""

    name, model = "scripted", "reciting"

    def stream(self, request, usage):
        facts = request.context.get("facts", [])
        rule = "Keep every number, amount, percentage, date and name exactly as written in the facts."
        yield " ".join(f.rstrip(".") + "." for f in facts) + ("\n\n" if facts else "") + rule


def test_a_model_reciting_the_prompt_is_cleaned_out_and_no_section_vanishes():
    from drafter.config import Settings
    from drafter.facts import load_facts
    from drafter.pipeline import draft_summary
    from helpers import FIXTURES

    facts = load_facts(str(FIXTURES / "sales-inside.md"))
    draft = draft_summary(facts, Settings(), backend=RecitingBackend())
    text = draft.markdown()
    assert "exactly as written" not in text
    assert [e.kind for e in draft.cleanup.edits].count("prompt-echo") == len(draft.sections)
    assert all(section.text for section in draft.sections[1:])
    for fact in facts.texts:
        assert fact.rstrip(".") in text


@pytest.mark.parametrize("fixture", ["settlement-office.md", "sales-inside.md", "district-insurance-manager.md"])
def test_the_built_in_writer_loses_nothing_to_cleanup(fixture):
    """Its overview names the sections on purpose and its section leads are lead-ins, not repeats."""
    from drafter.config import Settings
    from drafter.facts import load_facts
    from drafter.pipeline import draft_summary
    from helpers import FIXTURES

    draft = draft_summary(load_facts(str(FIXTURES / fixture)), Settings(backend="offline"))
    assert draft.cleanup.edits == []
    assert "The sections below cover" in draft.markdown()
