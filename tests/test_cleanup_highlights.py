"""Issue 19's sixth step (c17–c20 shapes): a "Key highlights" list and the sections that tell it, a recap, form
instructions and a small model's loops. Made-up text of each shape; the phrase lists alone, not the stock model."""

from __future__ import annotations

import pytest

from drafter.cleanup import CleanupSettings, clean
from helpers import clean_with_lists_only

LISTS_ONLY = CleanupSettings(user_lists=False, stock_threshold=1.0)


pytestmark = pytest.mark.usefixtures("isolated_home")  # no user phrase lists of the machine's


_clean = clean_with_lists_only


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


@pytest.mark.parametrize("topic", [
    "Refunds were my main focus this year.",
    "Refunds are the heaviest part of the job.",
    "Customer refunds were my biggest area of work this year.",
    "The part of the job I'm proudest of is refunds.",
    "Refunds are the most difficult part of our work.",
    "This is the part of the job I find hardest.",
])
def test_a_sentence_naming_a_sections_topic_over_a_highlights_figure_stays(topic):
    """A section opening with the topic it explains ('X was my main focus this year', 'The part of the job I'm
    proudest of is X') names a topic: no vague restatement of the highlight's figure, and no stock sentence to the
    stock model."""
    text = ("**Key highlights**\n\n- Cleared 2,480 refunds within 5 days\n- Trained three new clerks\n\n"
            f"**Refunds**\n\n{topic} Most came in by phone after the March billing error.\n\n"
            "**Plans**\n\n- Move refunds onto the new portal\n")
    assert clean(text, CleanupSettings(user_lists=False)).text == text


def test_a_plain_highlight_stays_when_a_later_section_tells_it_in_full():
    """A highlight with no fact ('Safety refresher and manual-handling module completed') is the first telling, in
    its place: the section that tells it later in full does not make it a restatement."""
    text = ("**Key highlights**\n\n- Cleared 2,480 refunds within 5 days\n- Safety refresher and manual-handling "
            "module completed\n\n**Learning**\n\nAs in the highlights, I completed the safety refresher and the "
            "manual-handling module; I also passed the Level 2 till assessment in November.\n\n**Plans**\n\n"
            "- Move refunds onto the new portal\n")
    assert _clean(text) == text


@pytest.mark.parametrize("note", [
    "*Numbers are taken from your notes; please double-check them against the till report before submitting.*",
    "*Figures are from your notes; you may want to confirm the refund count before you send it.*",
    "A couple of notes: I've used \"about 2,480\" because your notes gave a rough figure. I also left out the "
    "staff party, since it didn't seem to fit a review, but I'm happy to add it back in.",
    "A couple of things you might want to check: your notes gave two refund totals, so I've used 2,480 throughout.",
    "You mentioned the till course but not the month; I've put May from your diary note, so correct it if needed.",
])
def test_a_chat_models_notes_to_the_user_on_its_draft_go(note):
    """The model's notes to the user after the draft (where the figures came from, what to check, what it left out
    or guessed) are not the author's text."""
    body = ("**Refunds**\n\nI cleared about 2,480 refunds within 5 days. I passed the till course in May.\n\n"
            "**Plans**\n\n- Move refunds onto the new portal\n")
    assert _clean(f"{body}\n{note}\n") == body


def test_a_chat_models_list_of_things_to_check_goes_with_its_label():
    """'A few things to check before you send this:' and the model's notes under it go; the body stays."""
    body = "**Refunds**\n\nI cleared about 2,480 refunds within 5 days. I passed the till course in May.\n"
    notes = ("\nA few things to check before you send this:\n- I've written \"about 2,480 refunds\" from your note "
             "\"~2.5k\"; adjust it if you have an exact figure.\n- You mentioned the till course but not the month; "
             "I've put May from your diary note, so please correct it if that's wrong.\n")
    assert _clean(body + notes) == body


@pytest.mark.parametrize("author", [
    "A couple of regulars asked for the old forms back, so we kept a stack at the desk.",
    "The figures are taken from the monthly till report.",
    "Two things stood out this year: refunds and the new portal.",
])
def test_an_authors_own_sentences_of_that_shape_stay(author):
    """Sentences of the author's about their own year and sources stay."""
    text = (f"**Refunds**\n\nI cleared 2,480 refunds within 5 days. {author}\n\n**Plans**\n\n"
            "- Move refunds onto the new portal\n")
    assert _clean(text) == text


@pytest.mark.parametrize("heading", ["## Section 1: Key results", "## 1. Key results"])
def test_a_summary_pointing_back_at_a_numbered_part_goes_unless_it_says_something_new(heading):
    """'As mentioned in Section 1, …' restates by its own account: the part's number names the part, no figure of
    the sentence, so the sentence goes when the text states the rest; one with a new figure stays."""
    body = (f"{heading}\n\nI cleared 2,480 refunds within 5 days and trained Ana and Joe on the till.\n\n"
            "## Overall summary\n\n")
    told = "As mentioned in Section 1, I cleared most refunds quickly and trained the new clerks. "
    new = "As mentioned in Section 1, refunds were quick; phone refunds alone took 2 days.\n"
    assert _clean(body + told + new) == body + new


@pytest.mark.parametrize("note", [
    "*Note: I have polished the wording and kept the layout of the review form. You might want to add the exact "
    "date of the till upgrade.*",
    "*Assistant note: I've corrected the spelling and tidied the bullet points. The content is unchanged.*",
    "*Guidance: Part 1 is for supervisors only; all staff complete Part 2 and the summary.*",
])
def test_an_assistants_note_on_its_edit_and_a_forms_guidance_go(note):
    """The assistant's note on how it edited the author's text, and the form's guidance line (with the parts it
    names), are not the author's text."""
    body = ("## Part 1: Refunds\n\nI cleared 2,480 refunds within 5 days.\n\n## Part 2: Learning\n\n"
            "I passed the till course in May.\n")
    assert _clean(f"{note}\n\n{body}") == body
    assert _clean(f"{body}\n{note}\n") == body


def test_a_chat_logs_speaker_label_before_the_models_opener_goes():
    """'Assistant: Here is the summary:' is the model presenting its answer, after the log's speaker label."""
    body = "## Refunds\n\nI cleared 2,480 refunds within 5 days.\n"
    assert _clean("Assistant: Here is the summary:\n\n" + body) == body


def test_a_last_line_cut_off_short_goes_though_it_reads_as_a_title():
    """A small model's token limit stops the text mid-sentence on its last line ('… to focus more on'); short and
    without end punctuation it reads as a title, but no title ends on 'on'. A last line that is a heading stays."""
    body = "## Refunds\n\nI cleared 2,480 refunds within 5 days.\n"
    assert _clean(body + "\nNext year I would like to focus more on\n") == body
    kept = body + "\nPlans for the new year\n"
    assert _clean(kept) == kept


def test_a_recap_after_a_summary_label_restates_by_its_own_account():
    """'**Summary:** All in all, …' opens a recap after its label: it goes when the text states its facts."""
    body = ("## Refunds\n\nI cleared 2,480 refunds within 5 days, with zero complaints.\n\n## Learning\n\n"
            "I passed the till course in May.\n\n")
    recap = "**Summary:** All in all, a good year with quick refunds, zero complaints and a new course.\n\n"
    plans = "## Plans\n\n- Move refunds onto the new portal\n"
    assert _clean(body + recap + plans) == body + plans


@pytest.mark.parametrize("marker", ["## Article Two", "Shop assistant year-end work summary article 3"])
def test_a_template_sites_sample_number_alone_on_a_line_goes(marker):
    """A template site numbers the samples on its page ('Article Two'); the line is the site's, not the author's."""
    body = "## Refunds\n\nI cleared 2,480 refunds within 5 days.\n"
    assert _clean(f"{marker}\n\n{body}") == body
