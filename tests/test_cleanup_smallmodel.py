"""Issue 19's small-model shapes (c14, c18, c22): a sentence or list item said again in other words, doubled
phrases, and closings that tell their section again. Made-up text of each shape; the phrase lists alone, not the
stock model."""

from __future__ import annotations

import pytest

from drafter.cleanup import CleanupSettings, clean
from helpers import clean_with_lists_only

LISTS_ONLY = CleanupSettings(user_lists=False, stock_threshold=1.0)


pytestmark = pytest.mark.usefixtures("isolated_home")  # no user phrase lists of the machine's


_clean = clean_with_lists_only


def test_a_sentence_saying_an_earlier_one_of_its_paragraph_again_in_other_words_goes():
    """A small model's second go at the same point in one paragraph: the later telling, with no fact the first lacks,
    goes; the first stays in its place, and so does a sentence about the same things that says something else."""
    text = ("## Kitchen\n\nThe staff room fridge broke down in the summer. Food had to be thrown away twice. In the "
            "summer months the fridge in the staff room kept breaking down. The staff room now has a new fridge "
            "with a lock.\n")
    assert _clean(text) == ("## Kitchen\n\nThe staff room fridge broke down in the summer. Food had to be thrown "
                            "away twice. The staff room now has a new fridge with a lock.\n")


def test_a_later_sentence_with_a_fact_of_its_own_is_no_paraphrase():
    """The same words with a figure the first telling lacks say something new: both stay."""
    text = ("The old printer jammed most mornings. Most mornings in March the old printer would jam 3 times.\n")
    assert _clean(text) == text


def test_a_list_item_saying_an_earlier_item_again_in_other_words_goes():
    """The list's last item tells its first again in other words: the later one goes, the first, in its place,
    stays; the items between say other things and stay."""
    text = ("How I keep the stockroom tidy:\n\n- Label every shelf by supplier\n- Sweep the floor after each "
            "delivery\n- Keep the fire door clear\n- Put a supplier label on each of the shelves\n\n## Plans\n\n"
            "- Learn the ordering system\n")
    assert _clean(text) == ("How I keep the stockroom tidy:\n\n- Label every shelf by supplier\n- Sweep the floor "
                            "after each delivery\n- Keep the fire door clear\n\n## Plans\n\n- Learn the ordering "
                            "system\n")


def test_items_of_two_lists_are_not_compared():
    """A list under another heading is another list: an item there that resembles one here stays."""
    text = ("## Stockroom\n\n- Label every shelf by supplier\n- Keep the fire door clear\n\n## Plans\n\n"
            "- Put a supplier label on each of the shelves\n- Learn the ordering system\n")
    assert _clean(text) == text


def test_a_list_item_summing_up_the_account_above_it_stays():
    """The paragraph tells how and adds a date; the list under it names the same practice as one of its points: the
    item is in its place and stays beside the fuller account."""
    text = ("I rewrote the visitor badge form in June and I now hand it out at the front gate to every contractor "
            "who arrives.\n\nWhat I do for site safety:\n\n- Hand out the visitor badge form at the gate\n"
            "- Walk the fire routes every Monday\n")
    assert _clean(text) == text


def test_two_neighbouring_items_alike_in_meaning_are_two_steps_and_stay():
    """Neighbouring items that read alike are often two steps of one task (one ledger, then another): the item just
    before is compared only by its words, never by meaning."""
    text = ("My duties:\n\n- Keeping the stock ledger, with the cost of goods in and goods out\n"
            "- Keeping the stock expense ledger, with the cost of storage, transport and spoilage\n"
            "- Answering the phone\n")
    assert _clean(text) == text


def test_a_first_telling_stays_beside_a_later_sentence_that_says_it_restates_it():
    """"As noted earlier, …" points back at the first telling: that one, dated, is not ousted as a vague restatement
    of the later sentence's figures."""
    text = ("## Role\n\nI drive the early delivery route. This year I became the depot's first-aid lead in May.\n\n"
            "## Training\n\nAs noted earlier, I became first-aid lead in May; I ran 6 refresher sessions for the "
            "drivers in the autumn.\n")
    assert _clean(text) == text


def test_a_topic_singled_out_a_second_time_goes_and_the_first_stays():
    """"X was the main part of my job" names the topic; "Most of my time was spent on X" right after only says so
    again. The first, a topic, is no vague restatement of the figure about X said before it."""
    text = ("## Desk\n\n- About 4,200 parcels booked in over the year\n\nParcel bookings were the main part of my "
            "job. Most of my time was spent on parcel bookings. In the spring I moved the scales next to the "
            "counter.\n")
    assert _clean(text) == ("## Desk\n\n- About 4,200 parcels booked in over the year\n\nParcel bookings were the "
                            "main part of my job. In the spring I moved the scales next to the counter.\n")


def test_a_general_claim_under_a_stock_frame_of_the_times_goes_whole():
    """"In today's fast-paced … environment, <a truth of the times>" is stock however long its claim; the same frame
    over the writer's own deed, or over a fact, stays."""
    claim = ("In today's fast-paced retail environment, keeping regular shoppers coming back through the doors "
             "week after week is a key priority for every store team.")
    deed = "In today's fast-paced retail environment, I opened the second till at lunchtime on busy weekdays."
    fact = "In today's fast-paced retail environment, loyalty card sign-ups in the Leeds store rose to 71%."
    text = f"## Store\n\n{claim} {deed} {fact}\n"
    assert _clean(text) == f"## Store\n\n{deed} {fact}\n"


@pytest.mark.parametrize("doubled, cleaned", [
    ("I worked nights on the stroke unit of the stroke unit, mostly on the acute bay.",
     "I worked nights on the stroke unit, mostly on the acute bay."),
    ("We repaired the 3 loading ramps of the 3 loading ramps in the spring.",
     "We repaired the 3 loading ramps in the spring."),
    ("Each driver now has a parking permit the parking permit, about 40 in all.",
     "Each driver now has a parking permit, about 40 in all."),
])
def test_a_noun_phrase_said_again_after_of_the_loses_the_glue_and_the_copy(doubled, cleaned):
    """A small or translating model says a noun phrase twice with "of the", "of" or "the" between: the glue and the
    second copy go, the sentence stays."""
    result = clean(doubled, LISTS_ONLY)
    assert result.text == cleaned
    assert [e.kind for e in result.edits] == ["repeated-phrase"]


@pytest.mark.parametrize("text", [
    "The sales report of the sales report team was late.",  # the copy runs on into a longer name
    "From time to time the day shift of the day shift team covered.",
    "We improved step by step and met the cleaners face to face.",
    "Year after year the store of the year award went to us.",
])
def test_a_phrase_whose_copy_runs_on_or_an_idiom_stays(text):
    assert clean(text, LISTS_ONLY).text == text


def test_a_sentence_about_some_of_the_customers_is_an_account_not_stock():
    """"Many customers were very stressed." tells how part of the people the text serves fared, however plain: the
    stock model is not asked about it (whatever it scores), as it is not about "In both cases …"."""
    said = "Many customers were very stressed."
    text = f"## Calls\n\nIn March the rent rose by 4%. {said} I logged 212 calls that month.\n"
    assert said in clean(text).text


def test_a_long_paragraph_compares_each_sentence_with_a_few_before_it_only(monkeypatch):
    """A paragraph of thousands of sentences stays linear: each is compared by meaning with the few before it, not
    with every earlier one (the stress benchmark's 1 MB paragraph took minutes)."""
    from drafter.cleanup import restatements

    calls = []
    real = restatements._says_again
    monkeypatch.setattr(restatements, "_says_again", lambda *args: calls.append(1) or real(*args))
    sentences = [f"I closed order {1000 + i} with client {i} for {100 + i} pounds." for i in range(300)]
    clean(" ".join(sentences) + "\n", LISTS_ONLY)
    assert len(calls) <= restatements.PARAPHRASE_REACH * len(sentences)


LOOP = ("## Returns\n\n"
        "In 2024 I booked 3,415 customer returns into the warehouse system. Credit notes went out within 48 hours "
        "for 91% of them, against a target of 85%.\n\n"
        "{second}"
        "Over the year, a total of 3,415 customer returns were recorded by me in the system. For 91% of these the "
        "credit note was issued inside 48 hours, which beats the 85% target.\n\n"
        "## Next year\n\nI will train the new starter on returns.\n")


def test_a_paragraph_told_again_in_other_words_with_the_same_figures_goes():
    """A small model's loop: the same figures told again in new words (recorded for booked, issued for went out)
    go, with the paragraph between them that says something else kept; the first telling stays in its place."""
    between = "Most returns were damaged pallets from the Leeds depot, which I photographed before booking.\n\n"
    cleaned = _clean(LOOP.format(second=between))
    assert cleaned.count("3,415") == 1 and "booked 3,415 customer returns" in cleaned
    assert "Leeds depot" in cleaned and "recorded by me" not in cleaned


def test_a_paragraph_with_a_figure_of_its_own_or_under_another_heading_is_no_retelling():
    """A paragraph giving the same figures and one of its own says something new; the same paragraph under another
    heading belongs to that part (the duplicates pass, not this one, judges it there)."""
    own = LOOP.format(second="").replace("the 85% target.", "the 85% target, and 12 were refused.")
    assert "12 were refused" in _clean(own) and _clean(own).count("3,415") == 2
    apart = LOOP.format(second="## Credit notes\n\n")
    assert _clean(apart).count("3,415") == 2

