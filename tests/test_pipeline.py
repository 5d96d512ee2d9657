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
