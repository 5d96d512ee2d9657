"""The blocks pass (drafter.cleanup.blocks): a paragraph, list item or title line the learned block model is sure an
editor removes whole goes, but never a first statement, a fact nothing before it states, a count of none, a plan's
item, a label or a few words alone. The rules are checked with a model sure of every block; the shipped model with a
made-up page. The texts are made up."""

from __future__ import annotations

import math

import pytest

import drafter.cleanup as cleanup
from drafter.cleanup import CleanupSettings, clean, parse_blocks
from drafter.cleanup.blocks import FRAME_SCORE, MODEL_FILE, TEXT_BLOCKS_MIN, block_flags, written_facts, judged, lead
from drafter.stock_model import StockModel, load_model
from helpers import invoke_drafter

SURE = StockModel({}, {}, 30.0)  # scores every block and sentence 1.0
NEVER = StockModel({}, {}, -30.0)  # scores every one 0.0
# every block put to a model sure of it; the stock and furniture passes left out of the way
ALL_SURE = CleanupSettings(block_model=SURE, stock_model=NEVER, furniture_threshold=1.0)

FIRST = "In March I closed 14 orders for Harbour Foods worth $82,000."
RETOLD = "Closed 14 orders for Harbour Foods worth $82,000 in March."
NEW_FACT = "The new Leeds depot opened in October."
ZERO = "No complaints were received from any customer all year."
FLUFF = "It was a year of steady growth and learning for me."
PLAN_ITEM = "- Improving attendance"
LABEL = "What I want to change:"
SHORT = "Last paragraph."
LONG_FLUFF = ("Throughout the year I consistently demonstrated a strong commitment to excellence, teamwork and continuous "
              "improvement, always putting the needs of our clients and colleagues first and striving to exceed the "
              "expectations of management in every task that was assigned to me.")  # longer than the stock model reads


@pytest.fixture
def blocks_pass_alone(monkeypatch):
    """Only the blocks pass, the guard and the structure pass run: the rules of the pass, not what others catch."""
    monkeypatch.setattr(cleanup, "PASSES", tuple((name, apply) for name, apply in cleanup.PASSES
                                                 if name in ("blocks", "guard", "structure")))


def page(*blocks: str) -> str:
    """A text of these blocks, with filler paragraphs of facts said once, so it has the blocks a text needs."""
    filler = [f"In week {n} I checked {100 + n} invoices for the Bristol office." for n in range(TEXT_BLOCKS_MIN)]
    return "\n\n".join(filler + list(blocks)) + "\n"


def test_a_retelling_goes_but_the_first_statement_and_a_new_fact_stay(blocks_pass_alone):
    out = clean(page(FIRST, RETOLD, NEW_FACT), ALL_SURE)
    assert FIRST in out.text and NEW_FACT in out.text
    assert RETOLD not in out.text
    assert [edit.removed for edit in out.edits if edit.kind == "block"] == [RETOLD]


def test_a_retelling_before_its_first_statement_is_the_first_statement(blocks_pass_alone):
    out = clean(page(RETOLD, FIRST), ALL_SURE).text
    assert RETOLD in out and FIRST not in out


def test_the_same_figures_tied_to_other_things_are_no_retelling(blocks_pass_alone):
    first, other = "Self-rating: Q 5 | E 4 | T 5 | A 4.67", "Self-rating: Q 5 | E 5 | T 4 | A 4.67"
    assert clean(page(first, other), ALL_SURE).text == page(first, other)


def test_a_table_in_prose_is_not_compared_as_a_telling(blocks_pass_alone):
    from drafter.cleanup.blocks import RETOLD_FIGURES_MAX

    table = "Orders by branch: " + ", ".join(f"branch {n} sold {10 * n + 7}" for n in range(RETOLD_FIGURES_MAX)) + "."
    assert clean(page(table, table), ALL_SURE).text == page(table, table)  # (the duplicates pass's to judge)
    short = "Orders by branch: " + ", ".join(f"branch {n} sold {10 * n + 7}" for n in range(3)) + "."
    assert clean(page(short, short), ALL_SURE).text == page(short)


def test_an_overview_of_what_follows_stays_and_a_recap_of_it_goes(blocks_pass_alone):
    overview = "I split my time between anaesthetics and recovery and led the airway trolley project."
    account = ["In 2024 I worked 148 anaesthetic lists.", "I took 96 recovery shifts.",
               "I led the airway trolley project from March."]
    recap = "Overall I split my time between anaesthetics and recovery and led the airway trolley project."
    out = clean(page(overview, *account, recap), ALL_SURE).text
    assert overview in out and recap not in out and all(line in out for line in account)


def test_fact_free_fluff_goes_but_not_a_count_of_none_a_plan_item_a_label_or_a_few_words(blocks_pass_alone):
    text = page(FLUFF, ZERO, "## Plans", LABEL, PLAN_ITEM, SHORT)
    out = clean(text, ALL_SURE).text
    assert FLUFF not in out
    for kept in (ZERO, LABEL, PLAN_ITEM, SHORT):
        assert kept in out


def test_in_a_block_of_several_sentences_only_what_the_stock_model_finds_stock_goes(blocks_pass_alone):
    specific = "I still need to learn the new booking system."
    block = f"{specific} {FLUFF}"
    assert clean(page(block), ALL_SURE).text == page(block)  # the stock model finds neither stock
    stock_sure = CleanupSettings(block_model=SURE, stock_model=SURE, stock_threshold=1.0, furniture_threshold=1.0)
    out = clean(page(block), stock_sure).text  # (the stock pass off: the block pass asks the model itself)
    assert specific not in out and FLUFF not in out


def test_a_short_text_is_not_judged(blocks_pass_alone):
    text = "\n\n".join([FIRST, RETOLD, FLUFF]) + "\n"
    assert clean(text, ALL_SURE).text == text


def test_the_threshold_turns_it_off_and_the_guard_checks_what_it_removes(blocks_pass_alone):
    text = page(FIRST, RETOLD, FLUFF)
    off = CleanupSettings(block_model=SURE, block_threshold=1.0, stock_model=NEVER, furniture_threshold=1.0)
    assert clean(text, off).text == text
    out = clean(page(RETOLD.replace("14", "15")), ALL_SURE).text  # a figure said nowhere else: not a retelling
    assert "15 orders" in out


FRAME_NAMES = "Hello People Team, forwarding the Year-End Review below as asked in the Staff Circular."


def sure_at(score: float) -> StockModel:
    """A model that scores every block and sentence `score`."""
    return StockModel({}, {}, math.log(score / (1 - score)))


def test_a_frame_sentence_whose_only_facts_are_names_goes_only_when_the_model_is_all_but_certain(blocks_pass_alone):
    text = page(FRAME_NAMES, FIRST)
    out = clean(text, ALL_SURE)
    assert FRAME_NAMES not in out.text and FIRST in out.text
    assert [edit.kind for edit in out.edits] == ["frame"]
    below = CleanupSettings(block_model=sure_at((FRAME_SCORE + CleanupSettings().block_threshold) / 2),
                            stock_model=NEVER, furniture_threshold=1.0)
    assert clean(text, below).text == text  # sure the block goes, not sure its names are the frame's


def test_a_frame_sentence_keeps_its_figures_and_dates_and_a_label_stays(blocks_pass_alone):
    dated = "Hello People Team, forwarding the Year-End Review below, sent on 19 December."
    counted = "Hello People Team, the Year-End Review below covers 37 branch visits."
    label = "Forwarded by the Staff Office:"  # (a name no other sentence says)
    out = clean(page(dated, counted, label, FRAME_NAMES, FIRST), ALL_SURE).text
    assert out == page(dated, counted, label, FIRST)  # (the frame's sentence of names alone goes)


@pytest.mark.parametrize("thanks", ["I would like to thank the Branch Director, Mr Andrzej Pawlak, for his support.",
                                    "Terima kasih kepada Pak Hendra, kepala bengkel, atas kerja sama tim bengkel."])
def test_the_authors_thanks_are_no_frame(blocks_pass_alone, thanks):
    assert clean(page(thanks, FIRST), ALL_SURE).text == page(thanks, FIRST)


def test_the_shipped_model_takes_fluff_the_lists_do_not_know_and_leaves_the_account():
    account = ["In 2024 I registered 3,410 incoming files for the Mombasa land registry and scanned 2,980 of them.",
               "From May I also handled the counter on Tuesdays, about 60 walk-in clients a week.",
               "In August I completed the 24-hour records management course at the Kenya School of Government.",
               "In 2025 I want to finish scanning the 1990s files."]
    text = "\n\n".join(["# Year-end summary 2024 – Records clerk", account[0], account[1], LONG_FLUFF, *account[2:],
                        "Prepared by: Amina Odhiambo, Records Clerk"]) + "\n"
    model = load_model(MODEL_FILE)
    blocks, _ = parse_blocks(text, CleanupSettings())
    written = written_facts(blocks)
    scores = {lead(b)[:20]: model.score(lead(b), False, b.kind == "item", block_flags(blocks, i, written))
              for i, b in enumerate(blocks) if judged(b)}
    assert scores[LONG_FLUFF[:20]] >= CleanupSettings().block_threshold
    out = clean(text)
    assert [edit.kind for edit in out.edits] == ["block"] and LONG_FLUFF not in out.text
    assert all(line in out.text for line in account)


def test_lists_only_turns_the_block_model_off_too(tmp_path):
    text = page(LONG_FLUFF)
    assert LONG_FLUFF not in invoke_drafter("clean", "-", home=tmp_path, stdin=text).stdout
    assert invoke_drafter("clean", "-", "--lists-only", home=tmp_path, stdin=text).stdout == text
