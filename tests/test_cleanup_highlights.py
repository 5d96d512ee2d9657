"""Issue 19's sixth step (c17–c20 shapes): a "Key highlights" list and the sections that tell it, a recap, form
instructions and a small model's loops. Made-up text of each shape; the phrase lists alone, not the stock model."""

from __future__ import annotations

import pytest

from drafter.cleanup import CleanupSettings, clean

LISTS_ONLY = CleanupSettings(user_lists=False, stock_threshold=1.0)


@pytest.fixture(autouse=True)
def isolated_home(tmp_path, monkeypatch):
    monkeypatch.setenv("DRAFTER_HOME", str(tmp_path / "home"))


def _clean(text: str) -> str:
    return clean(text, LISTS_ONLY).text


def test_a_section_telling_a_highlight_with_how_it_was_done_stays_beside_it():
    """A paragraph that holds a highlight's words and adds as many of its own as the item has words, its figures not
    counted (they are the paragraph's too), tells more: both stay."""
    text = ("**Key highlights**\n\n- Cut average repair time from 6.5 to 4.2 working days\n- Trained two new fitters "
            "on the tablet app\n\n**Repairs**\n\nBy moving the parts order to the day a fault is logged, I brought "
            "average repair time down from 6.5 to 4.2 working days. Most vans now carry the common parts.\n\n"
            "**Plans**\n\n- Open the east depot\n")
    assert _clean(text) == text


def test_a_highlight_with_a_hedged_figure_is_no_restatement_of_the_overview():
    """A results list is the figures' place, hedged or not: an overview telling one of them before it does not oust
    the item."""
    text = ("**Overview**\n\nI served around 9,300 members at the front desk this year, covering renewals, refunds "
            "and class bookings.\n\n**Key highlights**\n\n- Around 9,300 member visits at the front desk\n"
            "- Refund queue cleared every Friday\n")
    assert _clean(text) == text
