"""The cleanup pass: each rule, each trap, bad input, determinism, the seed file and the labelled corpus."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from drafter.cleanup import (CleanupSettings, Placeholder, clean, facts_of, find_placeholders, load_phrase_lists,
                             quantities_in)
from drafter.errors import InputError
from helpers import SEED

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))


pytestmark = pytest.mark.usefixtures("isolated_home")  # no user phrase lists of the machine's


def kinds(result):
    return [e.kind for e in result.edits]


def test_empty_and_blank_input_give_empty_output():
    for text in ("", "\n\n  \n"):
        result = clean(text)
        assert result.text == "" and result.edits == [] and result.placeholders == []
        assert result.to_dict()["text"] == ""


def test_clean_text_is_returned_unchanged():
    text = "# Summary\n\n## Results\n\nI processed 2,318 orders.  Turnaround was 1.6 days.\n\n- one\n- two\n"
    result = clean(text)
    assert result.text == text and result.edits == []


def test_exact_duplicate_sentence_anywhere_is_removed_with_its_origin_line():
    text = "## A\n\nWe moved the archive to the new building.\n\n## B\n\nSales rose.  We moved the archive to the new building.\n"
    result = clean(text, CleanupSettings(stock_threshold=1.0))  # the repeat rule alone
    assert result.text.count("We moved the archive") == 1
    edit = result.edits[0]
    assert (edit.kind, edit.line, edit.duplicate_of_line) == ("duplicate-sentence", 7, 3)
    assert "Sales rose." in result.text


def test_near_duplicate_paraphrase_is_removed():
    text = ("Site meetings were held every Monday and the minutes went out the same day. "
            "Every Monday there was a site meeting, and the minutes were sent out on the same day.")
    result = clean(text)
    assert result.text == "Site meetings were held every Monday and the minutes went out the same day."
    assert kinds(result) == ["near-duplicate"]


def test_same_shape_sentences_with_different_figures_all_stay():
    text = ("Q1 sales rose 12% to 4.1 million yuan. Q3 sales rose 9% to 3.6 million yuan. "
            "Q4 sales rose 15% to 5.2 million yuan.")
    assert clean(text).text == text


def test_same_shape_sentences_with_different_names_stay():
    text = ("We opened a branch office in Hefei to serve the northern dealers. "
            "We opened a branch office in Wuhu to serve the northern dealers.")
    assert clean(text).text == text


def test_a_near_duplicate_keeps_the_fuller_telling_where_it_stands():
    """The poorer earlier telling goes and the fuller later one stays in its own place: a cut is a whole span, and
    nothing moves (issue 19's guarantee; the fuller telling used to be moved into the first one's place)."""
    text = ("The stock counts were done by the whole warehouse team every single month. Then we relabelled bins. "
            "The stock counts were done by the whole warehouse team every single month, 1,200 bins each time.")
    result = clean(text)
    assert result.text == ("Then we relabelled bins. The stock counts were done by the whole warehouse team every "
                           "single month, 1,200 bins each time.")
    assert result.edits[0].kind == "near-duplicate" and "1,200" not in result.edits[0].removed


def test_facts_of_sees_numbers_names_dates_and_quotes():
    facts = facts_of('In March the Lakeview Grand Hotel checked in 9,600 guests, 4.5% more, under "Project Dawn".')
    assert {"march", "lakeview grand hotel", "9600", "4.5%", '"project dawn'} <= facts
    assert facts_of("The team worked hard.") == frozenset()


def test_a_months_short_name_is_the_month_not_a_name():
    """"in Aug" states August, as "in August" does; it is no name "Aug" that a later "August" leaves unsaid. A name
    that starts with a month's short name ("Jan Kowalski") stays a name."""
    assert facts_of("The stocktake in Aug found 99.6%.") == facts_of("The stocktake in August found 99.6%.")
    assert "jan kowalski" in facts_of("Jan Kowalski joined in Jan 2024.")


def test_months_after_a_name_a_greeting_before_it_and_a_figures_unit_are_no_part_of_a_fact():
    """Months said after a name ("Henrik Dahl Aug–Oct", "between September and June") are months, not a name "Dahl
    Aug" or "September and June"; a greeting is no part of the name it greets ("Hi Sanne!"); "90-second" holds no
    number word "second"; a decimal comma is a decimal point ("92,4%")."""
    assert facts_of("I trained Sunniva Olsen and Henrik Dahl Aug–Oct.") == \
        {"sunniva olsen and henrik dahl", "august", "october"}
    assert facts_of("It took my time between September and June.") == {"september", "june"}
    assert facts_of("Hi Sanne!") == {"sanne"}
    assert facts_of("We beat the 90-second target.") == {"90"}
    assert facts_of("On time 92,4% against 1,240 flights.") == {"92.4%", "1240"}


def test_facts_of_sees_a_figure_written_against_chinese_or_japanese_letters():
    # those scripts put no space between a word and a figure: each figure is a fact all the same
    facts = facts_of("我协助客户确定商品编码8507600090，并核对UN38.3测试报告，2024年全年出口43票。")
    assert {"8507600090", "un38.3", "2024", "43"} <= facts
    assert {"2024", "12"} <= facts_of("2024年に12件の苦情を処理した。")
    assert facts_of("Shipped in v7.0 and HC-28, not abc.") >= {"v7.0", "hc-28"}  # a code in Latin letters, as before


def test_doubled_phrase_and_word_are_cut_but_idioms_stay():
    result = clean("We kept a full understanding of the market situation, the market situation. "
                   "The the log was checked from time to time to catch gaps, and more and more agents joined.",
                   CleanupSettings(stock_threshold=1.0))  # the doubling rules alone
    assert "market situation, the market situation" not in result.text
    assert "market situation." in result.text
    assert "The log was checked" in result.text
    assert "from time to time to catch gaps" in result.text and "more and more" in result.text
    assert "repeated-phrase" in kinds(result)


def test_repeated_list_items_and_quoted_names_inside_a_sentence():
    text = ('We ran courses for the "trainee school"; for the "trainee school"; for the "expert school". '
            'Topics were "Product Basics", "Product Basics" and "Negotiation".')
    result = clean(text)
    assert result.text.count('"trainee school"') == 1 and '"expert school"' in result.text
    assert result.text.count('"Product Basics"') == 1 and '"Negotiation"' in result.text
    assert set(kinds(result)) <= {"repeated-item", "repeated-phrase"}


def test_repeated_numbered_list_item_goes_and_the_list_is_renumbered():
    text = "## Daily work\n\n1. Answer calls.\n2. Keep the ledger.\n3. Answer calls.\n4. Send statements.\n"
    result = clean(text)
    assert result.text == "## Daily work\n\n1. Answer calls.\n2. Keep the ledger.\n3. Send statements.\n"
    assert result.edits[0].kind == "repeated-item" and result.edits[0].duplicate_of_line == 3


def test_seed_style_comma_numbered_list_is_renumbered():
    text = "1, answering calls.\n\n2, keeping records.\n\n3, answering calls.\n\n4, weekly statistics.\n"
    result = clean(text)
    assert result.text == "1, answering calls.\n\n2, keeping records.\n\n3, weekly statistics.\n"


def test_cliche_sentence_without_facts_goes_but_with_a_fact_is_only_noted():
    text = ("Under the correct leadership of the higher-ups, I will make persistent efforts. "
            "Under the correct leadership of the board, Hengfeng Bank opened 3 branches.")
    result = clean(text)
    assert result.text == "Under the correct leadership of the board, Hengfeng Bank opened 3 branches."
    assert kinds(result) == ["cliche"]
    assert [n.kind for n in result.notes] == ["cliche"] and result.notes[0].line == 1


def test_long_content_sentence_with_one_stock_phrase_is_kept():
    text = ("In order to give new tellers a start, we paired each with a senior teller, rotated them through "
            "the cash desk, the loans desk and the service desk, and reviewed their logs weekly, "
            "and achieved good results.")
    result = clean(text)
    assert result.text == text and result.notes


def test_filler_openers_and_closers():
    """An opener is never cut from a sentence that goes on to say something: the sentence stays whole, noted."""
    text = ("## Plan\n\nIn conclusion, we will open a branch in Hefei in March. "
            "I look forward to the challenges and opportunities of the new year. "
            "Overall, this year has been a year of growth.")
    result = clean(text)
    assert result.text == "## Plan\n\nIn conclusion, we will open a branch in Hefei in March."
    assert kinds(result).count("filler") >= 1
    assert any(note.text.startswith("In conclusion, we will open") for note in result.notes)


def test_an_opener_pointing_back_keeps_its_sentence_whole_or_removes_it_whole():
    """Issue 19's example: "As noted above," before a new figure is no cut; the sentence stays as written. One
    that only points back at what was said, with nothing new, goes whole."""
    text = ("Response times improved all year, to 9 hours on average. As noted above, response times improved all "
            "year; in May alone they averaged 5 hours. As mentioned, response times improved all year.")
    out = clean(text).text
    assert out == ("Response times improved all year, to 9 hours on average. As noted above, response times improved "
                   "all year; in May alone they averaged 5 hours.")


def test_junk_lines_and_banners_go():
    text = ("Warehouse clerk year-end work summary PPT template\n\n"
            "This summary was compiled by the editor of the model essay network, I hope it will help you.\n\n"
            "I received 4,812 deliveries.\n\nMore related articles:\n\nCopyright © 2024 Docs Net.\n")
    result = clean(text)
    assert result.text == "I received 4,812 deliveries.\n"
    assert set(kinds(result)) == {"junk"}


def test_junk_sentence_inside_a_fact_paragraph_goes_alone():
    text = "I answered 11,300 calls in Q3. Click here to download the full Word version."
    assert clean(text).text == "I answered 11,300 calls in Q3."


def test_placeholder_sentences_are_kept_and_reported_with_line_and_col():
    """A sentence with a blank to fill stays; a stock opener whose only blank is the year goes (a template's frame),
    and every blank of the input, its own too, is reported."""
    text = "Intro line.\n\n20** year is almost over, time flies. I served xx key accounts for [Name] in {region}.\n"
    result = clean(text)
    assert result.text == "Intro line.\n\nI served xx key accounts for [Name] in {region}.\n"
    line3 = text.split("\n")[2]
    found = [(p.text, p.line, p.col) for p in result.placeholders]
    assert found == [(t, 3, line3.index(t) + 1) for t in ("20**", "xx", "[Name]", "{region}")]


def test_find_placeholders_covers_the_forms_of_the_seed():
    text = "In 20XX, XX sets, xxx yuan, *** counted, 20 ** year, ____ region, x people, {{ name }}, **bold** ok"
    found = [p.text for p in find_placeholders(text)]
    assert found == ["20XX", "XX", "xxx", "***", "20 **", "____", "x", "{{ name }}"]
    assert find_placeholders("See [the docs](http://x) and 3 x 4 and **bold**.") == []


def test_same_heading_under_two_parts_stays_and_empty_repeated_section_goes():
    text = ("# Part One\n\n## Figures\n\nClaims: 8,420.\n\n# Part Two\n\n## Figures\n\nPolicies: 15,900.\n")
    assert clean(text).text == text
    repeated = "## Plan\n\nOpen the Hefei office.\n\n## Plan\n\nOpen the Hefei office.\n"
    result = clean(repeated)
    assert result.text == "## Plan\n\nOpen the Hefei office.\n"


def test_structure_survives():
    text = ("# Title\n\n## Section\n\nFirst paragraph has 3 facts.\nIt wraps onto a second line.\n\n"
            "- item one\n- item two\n\n```\ncode. code. code.\ncode. code. code.\n```\n\nLast paragraph.\n")
    assert clean(text).text == text


def test_deterministic():
    text = SEED.read_text(encoding="utf-8")
    first, second = clean(text), clean(text)
    assert first.to_dict() == second.to_dict()


def test_bad_input_type_and_settings():
    with pytest.raises(TypeError):
        clean(b"bytes")  # type: ignore[arg-type]
    with pytest.raises(InputError):
        CleanupSettings(near_duplicate_jaccard=1.5)


def test_user_phrase_lists_extend_the_shipped_ones(tmp_path, monkeypatch):
    home = tmp_path / "h"
    (home / "cleanup").mkdir(parents=True)
    (home / "cleanup" / "mine.toml").write_text("cliche = ['synergy of minds']\n", encoding="utf-8")
    monkeypatch.setenv("DRAFTER_HOME", str(home))
    assert clean("We reached a synergy of minds. We shipped it.").text == "We shipped it."
    assert clean("We reached a synergy of minds.", CleanupSettings(user_lists=False, stock_threshold=1.0)).edits == []
    (home / "cleanup" / "bad.toml").write_text("cliche = [", encoding="utf-8")
    with pytest.raises(InputError, match="bad.toml"):
        clean("Anything at all here.")
    (home / "cleanup" / "bad.toml").write_text("nonsense = ['x']\n", encoding="utf-8")
    with pytest.raises(InputError, match="unknown key"):
        load_phrase_lists(home / "cleanup")
    (home / "cleanup" / "bad.toml").write_text("junk = ['(unclosed']\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"bad.toml: bad junk pattern '\(unclosed'"):
        load_phrase_lists(home / "cleanup")


def test_every_shipped_pattern_compiles():
    lists = load_phrase_lists(include_user=False)
    patterns = [p for key in ("cliche", "filler", "opener", "junk", "junk_sentence", "title_tag")
                for p in getattr(lists, key)]
    assert len(patterns) > 300
    assert [p.pattern for p in patterns if p.search("") is not None] == []  # each compiles; none matches nothing


def test_to_dict_shape():
    data = clean("Sales rose 5%. Sales rose 5%. In 20XX we grew.").to_dict()
    assert set(data) == {"text", "edits", "placeholders", "notes", "stats"}
    assert set(data["edits"][0]) == {"kind", "line", "removed", "duplicate_of_line"}
    assert set(data["placeholders"][0]) == {"text", "line", "col"}
    assert data["stats"]["edits_by_kind"] == {"duplicate-sentence": 1}


def test_large_text_is_linear_enough():
    from cleanup_speed import generate

    import time

    small, large = generate(5000), generate(50000)
    # CPU time, not wall time: under pytest-xdist another worker (or program) may hold the core during either run
    start = time.process_time(); clean(small); t_small = time.process_time() - start
    start = time.process_time(); clean(large); t_large = time.process_time() - start
    per_small, per_large = t_small / len(small), t_large / len(large)
    assert per_large < 2.0 * per_small


@pytest.fixture(scope="module")
def seed():
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def result(seed):
    return clean(seed)


class TestSeed:
    def test_junk_lines_are_gone(self, result):
        assert "PPT template" not in result.text
        assert "I hope it will help you" not in result.text
        assert "examination network" not in result.text

    def test_repeated_list_items_and_quotes_are_gone(self, result):
        assert result.text.count('for the "newcomer school"') == 1
        assert '"Basic Law Assessment", "Basic Law Assessment"' not in result.text
        assert "the market situation, the market situation" not in result.text
        assert "the challenges of the market, and the company has been able to meet the challenges" not in result.text

    def test_paraphrased_repeat_is_merged(self, result):
        assert "The good system is decentralized to the ministries for implementation." not in result.text
        assert "more than 70%" in result.text

    def test_every_figure_and_part_remains(self, seed, result):
        figures = set(re.findall(r"\d+(?:[.,]\d+)*%?", seed))
        missing = sorted(f for f in figures if f not in result.text)
        assert not missing
        for part in ("Part I", "Part II", "Part III", "Tongzhou", "Qishu Lake Resort", "Beijing Yixian Company",
                     "mdrt", "Lion King Scramble"):
            assert part in result.text

    def test_placeholders_are_kept_and_reported(self, seed, result):
        assert len(result.placeholders) == len(find_placeholders(seed)) > 30
        assert "20XX is a more competitive year" in result.text

    def test_edit_kinds(self, result):
        assert {"junk", "cliche", "filler", "near-duplicate", "repeated-item", "repeated-phrase"} <= set(kinds(result))


# Must-keep spans the pass cuts where the batches' editors disagree among themselves, listed so that a new loss
# fails and a fixed one asks for its entry to go. t3-01 marks "page by page" as a kept idiom inside "Archive work
# is trivial and complicated, every volume must be checked page by page", a stock sentence with five other words
# that other batches cut.
LABEL_DISAGREEMENTS = {"cleanup-heldout": {
    "t3-01-litigation-paralegal.dirty.md": ["page by page"],
    # and in c58-04: "step by step" marked kept inside the plan item "Keep learning step by step about the technical
    # side of our products", which the filler list's "keep …ing" cuts whole (its other words are said elsewhere)
    "c58-04-inside-sales.dirty.md": ["step by step"],
    # c52's writer kept a small model's last line cut off mid-sentence ("I would also like to do a"), which the junk
    # pass drops as a token limit's cut (c26's and earlier batches' convention); the brief told c39's and c52's
    # writers to keep such a line, so the conflict is the briefs', listed so it cannot spread.
    "c52-12-office-reception-lead.dirty.md": ["i would also like to do a"],
    # h9's and h10's writers kept a template's "Time flies, … 20** has passed" opener, whose only blank is the year;
    # every writer since c41 marks the same sentence to go (31 to 2), and the cliché pass now drops it (issue 19,
    # session of 2026-12-05 evening): a blank year is the template's frame, not a fact
    "h9-01-underwriting-assistant.dirty.md": [
        "time flies like a shuttle, 20** year has quietly passed, and looking back on the road of this year there is "
        "both sweat and harvest."],
    "h10-01-agri-technician.dirty.md": ["time flies like a shuttle, the year 20** has passed in a blink of an eye."],
    # and h2's and h9's writers kept two more of the same frame, which the cliché list's year-passing phrase ("20**
    # year is about to pass", after c151's writer marked three to go) now piles up to three stock phrases
    "h2-01-property-clerk.dirty.md": [
        "time flies like an arrow, 20** year is about to pass, looking back on one year of work at the lanting garden "
        "service center, i have both gains and shortcomings."],
    "h9-06-hotline-operator.dirty.md": [
        "the sun and moon shuttle back and forth, 20** year is about to pass, and looking back on the work of this year "
        "i have deep feelings."],
    # c239-10's writer marked a whole closing paragraph kept for its new plan; the stock model cuts its first sentence
    # alone, "The above is my summary for 2021." (the year is stated elsewhere), which every other template writer
    # marks to go: the plan and its figures stay
    "c239-10-community-grid-worker.dirty.md": [
        "the above is my summary for 2021. to fill the gap in policy knowledge, i have signed up for the junior social "
        "worker exam in june 2022 and will keep the regular visits to the 26 elderly people living alone."],
    # c259-03's writer kept a source note, "(Figures from the depot purchase ledger as of 31 December 2023.)", that
    # cleanup cuts as a restatement: its date is stated elsewhere, so no fact leaves the text
    "c259-03-settlement-clerk-harbin.dirty.md": ["(figures from the depot purchase ledger as of 31 december 2023.)"],
    # c263-05's writer kept two enumerated paragraphs whole; cleanup cuts their fact-free heads, "First, the business
    # has been developed steadily." (stock: the model's retrains go either way on it; kept by the one trained with
    # c293-c296) and "Third, the service has been improved." (said in the overview). Older writers mark such heads to go (keeping them all cost 103 caught
    # words for 26 false over the corpus): the figures under them stay
    "c263-05-district-insurance-manager-kunming.dirty.md": [
        "third, the service has been improved. in 2023 our agents completed the anniversary service visit for 1,904 "
        "policies, and since march every agent has used the \"double recording\" (audio and video) for each sale to "
        "a customer over 60."],
    # c266-03 and c266-06: the writers kept whole paragraphs whose first sentences cleanup cuts, a small model's
    # "In conclusion, 2023 was a busy and rewarding year …" (filler) and "As mentioned above, the bank detail
    # clean-up removed 64 duplicate records." (the 64 is told above); the thanks and the figures after them stay
    "c266-03-hotel-front-desk-lisbon.dirty.md": [
        "in conclusion, 2023 was a busy and rewarding year for me at the front desk. i want to thank rui mendes, our "
        "front office manager, for letting me take the night audit training, and beatriz for the weeks we spent "
        "together learning mews."],
    "c266-06-payroll-clerk-johannesburg.dirty.md": [
        "as mentioned above, the bank detail clean-up removed 64 duplicate records. since then no wages have been paid "
        "into a wrong account, compared with 5 such cases in 2022."],
    # c272-09 (a real cut, left open): an HR form's rating rows repeat word for word under each goal or competency
    # ("Employee rating: ○ Not achieved ○ Achieved ● Exceeded", "Selected: Strong"), and cleanup cuts the later rows
    # as repeats of the first, taking the rating chosen for that goal with them; no figure or date leaves the text
    # (its "Employee rating: … ● Exceeded" row has stayed since the duplicates pass left a rating row alone, with
    # c283-07's; the two below go to the restating passes)
    "c272-09-payroll-durban.dirty.md": ["selected: strong", "selected: competent"],
    # (c280-08's first answer's audit sentence, which went while the user's request kept its facts, is fixed since
    # the guard puts the user's notes back last: Run.users_words)
    # Open after the session of 2026-12-06 (third), each with its facts still stated elsewhere in the text, so no
    # figure, date or name leaves it, but a sentence the writer kept goes: c239-10's by the stock model retrained on
    # c273-c280 ("The above is my summary for 2021."; c281-03's self-assessment stays since its retrain with c285-c288);
    # c282-10's "Thanks." heading a small model's numbered thank-you item; c284-09's as a restatement (a note that the
    # SHA figures cover October–November only). (c239-10's entry is the one above, with its first reason; c240-05's,
    # a penalty cancelled on appeal told again, is fixed since the user's notes above a chat answer go.)
    # r76's (c293-c296) cuts of sentences the writers kept, with their facts still stated: c293-07's comparison with
    # last year (a restatement of the year before's review pasted above); (c296-02's two replies of the author's own
    # in a review thread, since the thirteenth session kept whole with the comment's fact); c296-10's "The 1,800 target is across both." (a
    # restatement of "exceeding the target of 1,800")
    "c293-07-court-registry-clerk-jamaica.dirty.md": [
        "in 2023 i had not yet been trained on the e-filing desk, so almost all of my work then was at the counter."],
    "c296-10-qa-analyst-cork.dirty.md": [
        "ao> yes, combined: 1,620 calls and 320 emails. the 1,800 target is across both."],
    # c288-07's writer kept the opening paragraph of a pasted answer whole; the stock model cuts its first sentence,
    # "In 2023, I played a key role in supporting the People & Culture team across the full employee lifecycle."
    # (its year is said elsewhere, so no fact leaves the text)
    "c288-07-hr-assistant-toronto.dirty.md": [
        "in 2023, i played a key role in supporting the people & culture team across the full employee lifecycle. i "
        "coordinated recruitment activities, supported onboarding for new hires, maintained accurate employee records "
        "in workday, and assisted with the annual benefits open enrolment in november, ensuring that 96% of employees "
        "completed their elections before the deadline."],
    "c282-10-hr-administrator-cork.dirty.md": [
        "thanks. i'd like to thank siobhán o'leary in payroll, who checked every new starter's details with me on the "
        "friday before each payroll cut-off."],
    "c284-09-billing-officer-nairobi.dirty.md": [
        "ps. the sha figures are for october–november only. december claims are not yet submitted because the portal "
        "was down from 16 to 19 december, i will update you in january."],
    # (c301-09's, a user's follow-up kept and the answer's sentence saying the same cut as its repeat, is fixed since
    # the guard puts the user's notes back last, and c301-06's like it since the user's initials mark the turns)
    # Rounds c333–c348 (r86–r89), each loss with every fact of it still in the output: a thank-you or an
    # acknowledgement cut as stock (c333-10, c337-06; c345-10's, with the note above the answer it repeats, is fixed
    # since "Hi, I need a … summary" opens the user's turn and the note goes instead); a sentence
    # pointing back ("As mentioned above, …") before a new fact, kept whole by those writers and cut by the c20
    # writers' rule (c336-03, c336-09: going the writers' way cost 196 caught words for 15 false ones); a chat's user
    # note kept by a writer who chose the later short answer (c341-03); a closing "Overall, …" with a clause of its own
    # (c341-08); a figure retold in words with an exclamation (c345-05); a colleague's bracketed note whose figure
    # the guard kept, its "Put that in!" cut (c348-04). c240-01's writer kept the user's notes above the request and
    # the answer that tells them all ("all falls (any harm level) 61 → 48" and "Total falls … from 61 to 48"): since
    # "pls rewrite this …" opens the user's turn, the notes go as the answer's source (c345-10's writer cut them)
    "c333-10-library-branch-manager-ohio.dirty.md": ['denise kowalski, our circulation supervisor, retired in june after 27 years of service to the branch. i am grateful for everything she built here.'],
    "c336-03-sales-support-industrial-pumps-monterrey.dirty.md": ['as mentioned above, warranty claims take too long to close. nine of the 27 claims were mechanical seal failures on dmx dosing pumps at municipal water treatment plants, and in november i asked the factory for a root-cause report, which is promised for february.'],
    "c336-09-hotel-banquet-coordinator-dubai.dirty.md": ["- as mentioned above, two cop28 events had to be moved because security approvals came late. since december i ask clients for guest lists 96 hours before the event, to leave a day's margin before the 72-hour deadline."],
    "c337-06-nursing-home-administrator-adelaide.dirty.md": ['i particularly acknowledge our clinical care coordinator, priya raman, who led the outbreak response.'],
    "c341-03-loans-back-office-johannesburg.dirty.md": ['- popia refresher done in june, 100%'],
    "c341-08-packaging-sales-coordinator-poznan.dirty.md": ['overall, this was my first year as sales coordinator after three years in customer service at kartonex, and it gave me a much wider view of how our sales and production teams work together.'],
    "c345-05-health-insurance-provider-relations-clerk-columbus.dirty.md": ["that's more than a minute under goal, and 91% of inquiries were resolved on first contact! 🙌"],
    "c240-01-nurse-unit-manager.dirty.md": ["all falls (any harm level) 61 → 48"],
    # c240-06's writer kept the user's notes too ("ward-based tech on 5 medical wards, …"); since the fourteenth
    # session they go, every note said by the answer, if in another form ("five medical wards"), and the scorer,
    # which reads figures only as digits, misses its "5"
    "c240-06-pharmacy-technician.dirty.md": ["number 5"],
    # r92's (c357–c360), every fact kept in the output: c360-04's own shorter rewrite of a portal answer went as the
    # near-duplicate of the model's fuller version pasted above it (the first telling stays; the writer kept the
    # author's). (Its request to the reviewer, "Could the unit support my QUT study …?", cut as a rhetorical
    # question, is fixed: a question asking something for the author is a request.)
    "c360-04-day-surgery-nurse-brisbane.dirty.md": [
        "i work across admission, pre-op and second-stage recovery in our 22-bed unit (about 6,900 patients in 2024). "
        "from march i ran the pre-admission phone calls two days before surgery; day-of-surgery cancellations fell "
        "from 3.8% to 2.1% (unit audit, november)."],
    # c42's writer kept the author's own reply header over the summary ("From: … / Subject: RE: Year-end
    # self-assessments – please submit / Sent: Thursday, 30 November 2023 15:47"); 29 of the 32 reply or forward
    # headers in the corpus are marked to go, and they go as the mail's (junk._reply_headers), dates with them
    "c42-02-district-insurance-manager.dirty.md": ["number 07", "number 2023", "number 58"],
    "c42-10-payroll-officer.dirty.md": ["number 15", "number 2023", "number 30", "number 47"],
    # r93's (c361–c364), a loss left open: c361-08's thanks names the help it is for ("That is what made the filing
    # catch-up possible."); the stock model cut that second sentence, which holds no fact for the guard to keep
    "c361-08-ward-clerk-winnipeg.dirty.md": [
        "big thanks to marlene on nights for always leaving a clean handover sheet. that is what made the filing "
        "catch-up possible."],
    # r96's (c373–c376). Open: a filler opening ("Thanks to the consistent implementation of the quality policy …") took the
    # figures after it, said elsewhere (c375-11). Not a loss: c373-08's writer kept a WhatsApp message whole with its
    # stamp ("[12/12/2024, 21:17] Siân:"), whose numbers go as the app's (junk._message_stamps). (c373-11's revised
    # answer's sentence, cut as a restatement of the user's notes, is fixed since the notes the answer tells go)
    "c373-08-pharmacy-dispensary-assistant-wrexham.dirty.md": [
        "[12/12/2024, 21:17] siân: and diolch to bethan (pharmacist) for signing off my portfolio", "number 12",
        "number 17", "number 21"],
    "c375-11-warehouse-shift-coordinator-poland.dirty.md": [
        "thanks to the consistent implementation of the quality policy and the commitment of the whole team, the "
        "number of picking errors fell from 3.4 to 2.1 per 10,000 lines."],
    # r95's (c369–c372), every fact kept in the output: c370-02's second telling of the Guidewire move adds the
    # rework hours, and the writer kept it whole; its first sentence, the first one's words again, went as a
    # near-duplicate
    "c370-02-insurance-renewals-admin-ireland.dirty.md": [
        "the biggest change this year was the september move to guidewire. i tested the home renewal letters with "
        "darragh and logged 23 defects; since go-live the manual rework on renewal letters has gone from about 6 "
        "hours a week to under 1 hour."],
    # r102's (c397–c400), every fact kept: c398-05's user corrects a figure the model changed ("USER: 9,640 is right.
    # 9,460 was the 2023 number."); its first sentence goes with the user's label as chat, both figures being said
    "c398-05-bank-compliance-assistant-amman.dirty.md": ["9,640 is right. 9,460 was the 2023 number."],
    # r104's (c405–c408), every fact of each kept in the output, in another copy than the one its writer chose: in
    # chats in the user's own language (Turkish, French, Tagalog-English) and in Open WebUI's regenerated answers
    # ("< 1/2 >"), no turn is told apart, so the user's note or an earlier answer's sentence stays and the copy the
    # writer kept goes as its repeat; and c408-06's reviewer's comment ("Rachel's comment (added 16 Dec): … please
    # keep this in."), which its writer kept as the author's, goes as a comment
    "c405-01-housekeeping-supervisor-antalya.dirty.md": ["• ekip: 38 oda görevlisi, 6 kat şefi, 4 genel alan personeli"],
    "c405-05-pharmacy-buyer-lyon.dirty.md": [
        "je remercie le dr hélène marchand, pharmacienne cheffe, pour son soutien lors de la visite de certification has "
        "en juin."],
    "c405-06-insurance-call-centre-agent-cebu.dirty.md": ["* thank you to my team leader, rhea dizon, for her coaching"],
    # (and since 2026-12-07, fourteenth session: c405-08's user's follow-up "Você disse / valeu! ah, o ticket médio é
    # só peça e mão de obra, …", which its writer kept, goes as the user's turn once "O Copilot disse" under it starts
    # the model's turn of its own; the model only asks whether to add it)
    "c405-08-service-advisor-curitiba.dirty.md": [
        "ah, o ticket médio é só peça e mão de obra, não entra lavagem nem acessório"],
    "c406-10-public-pool-manager-tucson.dirty.md": [
        "before opening, the main pump motor was replaced in april at a cost of $18,500."],
    # c412-04's "As mentioned above, Pergamino was the largest loss of the year." goes as a restatement: the paragraph
    # above gives its USD 2.2 million against the other loss's USD 640,000; the sentence after it, with the
    # subrogation's figures, stays
    "c412-04-insurance-underwriter-argentina.dirty.md": [
        "as mentioned above, pergamino was the largest loss of the year. subrogation against the electrical "
        "contractor, electromontajes del norte s.r.l., was filed in august, and our lawyers expect to recover 30–40% "
        "of the amount paid."],
    # r108's (c421–c424), every fact kept in the output: c424-05's manager's note loses its opening praise ("Siobhán
    # has been a steady pair of hands this year.") as stock, its figures staying
    "c424-05-hospital-outpatient-scheduler-ireland.dirty.md": [
        "siobhán has been a steady pair of hands this year. for the record, the ent dna rate alone was 8.9% in "
        "november. recommended for the grade v acting panel in 2025."],
    # r109's (c425–c428) and r110's (c429–c432), every fact kept in the output: c428-03's reviewer's Teams message
    # ("You trained Mehmet and Lea … That should be in there.") stays but for its request, cut as stock; c430-06's
    # SillyTavern chat, whose turns ("Sandrine / December 16, 2024 10:11 AM #3") are not told apart, keeps the
    # user's "just add that we had 18 apprentices …" and cuts the answer's sentence telling it as its restatement
    "c428-03-settlement-office-clerk-germany.dirty.md": [
        "you trained mehmet and lea on the passport module from september – that was three weeks side by side at the "
        "counter. that should be in there."],
    "c430-06-bakery-payroll-clerk-france.dirty.md": [
        "in 2024 payroll also covered 18 apprentices, and i set up the new company mutuelle (health insurance) in the "
        "january payroll for all staff."],
    # r111's (c433–c436), every fact kept in the output: c434-04's manager's comment loses its opening praise
    # ("Chloe has had a strong year.") as stock, its facts staying, as c424-05's did
    "c434-04-sales-support-specialist-uk.dirty.md": [
        "chloe has had a strong year. she is the only member of the team who can cover both the uk and export desks. "
        "we have agreed a move to senior sales support specialist from 1 april 2025, subject to the 2025 salary "
        "budget."],
    # r112's (c437–c440): c438-12's "This means I exceeded my target by €3,400." goes as a retelling that only works
    # out the difference of the two figures before it (€18,400 against €15,000), both kept
    "c438-12-front-office-agent-hamburg.dirty.md": ["number 3,400"],
    # r113's (c441–c444): c443-01's lead-in "As noted above, we beat the new-premium target." goes as filler; the
    # sentence after it with the figures ($4.91 million, 13.4% over goal, the December 29 close) stays
    # r114's (c445–c448): c445-05's "If you need the monthly figures, I keep them in my own log book and can bring
    # it to the appraisal." goes as the model's framing at the end; c448-06's regional manager's "Put it in, it is
    # your district's achievement." goes as stock, the sentence before it with the shield and 86.2% staying
    "c445-05-teller-nairobi.dirty.md": [
        "if you need the monthly figures, i keep them in my own log book and can bring it to the appraisal."],
    "c448-06-district-insurance-manager-pune.dirty.md": [
        "one thing is missing – daund branch won the west zone persistency shield for q3 (13th-month persistency "
        "86.2%, best of 41 branches in the zone). put it in, it is your district's achievement."],
    "c443-01-district-insurance-manager-ohio.dirty.md": [
        "as noted above, we beat the new-premium target. the final figure at the december 29 close was $4.91 million, "
        "13.4% over goal."],
    # r115's to r117's (c449–c460), every fact kept in the output, in another copy than the one its writer chose: the
    # revised closing a chat gave for its first option (c449-08) loses its first sentence as the near-duplicate of
    # the option it revises; a chat's thank-you in its last version goes where an earlier version's stays (c453-10,
    # c453-11, c457-11); the author's own draft goes as their notes above the model's polished rewrite that tells
    # them (c458-11, whose "4 days" and "1 day every week" the rewrite gives as "four days" and "one working day",
    # which the scorer does not read as figures); and c459-05's manager's reply loses its "I'd mention it, it shows
    # you caught it." as stock, the over-deduction it reports staying
    "c449-08-branch-manager-calgary.dirty.md": [
        "in 2025 our target is $15.3 million in written premium for macleod trail. from february 1 i will also take "
        "over management of the red deer branch."],
    "c453-10-debiteurenbeheer-nieuwegein.dirty.md": ["dank aan mark hoekstra, financial controller, voor de begeleiding "
                                                     "dit jaar."],
    "c453-11-supervizor-call-center-iasi.dirty.md": [
        "mulțumesc domnului mihai roman, managerul departamentului, și echipei it pentru sprijinul acordat la lansarea "
        "chatbotului."],
    "c457-11-accountspayable-shahalam.dirty.md": [
        "* as noted above, the 92% three-way match rate is still a clear improvement on 81% in 2023.",
        "thank you to encik hafiz rahman, finance manager, for entrusting me with leading the e-invoicing project."],
    "c458-11-export-docs-izmir.dirty.md": [
        "year end summary 2024 – emre yıldız, export documentation, ege tekstil a.ş. (torbalı, i̇zmir)",
        "from march the certificate of origin is electronic with tobb system, so no more going to i̇zmir chamber of "
        "commerce for stamp, this save me about 1 day every week.",
        "only one problem: in september one shipment waited 4 days in rotterdam because the hs code in invoice was "
        "wrong (my mistake), we fixed with corrected invoice.",
        "thanks to murat bey (my manager) and selin hanım from finance for fast approval of the payments to brokers."],
    "c459-05-payroll-officer-toronto.dirty.md": [
        "not quite no issues – 14 employees were over-deducted on the feb 2 pay and you refunded them on the feb 16 "
        "run. i'd mention it, it shows you caught it."],
    # r118's (c461–c464): a team chat's sender line with its time ("Tomasz Wiśniewski  9:03 AM") goes as the chat's
    # stamp over a colleague's correction that stays, whose writer marked the line with it; a thank-you in a bot's
    # later answer goes as filler or a restatement where the earlier answer's copy, naming the same person, stays
    "c464-01-dispatch-coordinator-poznan.dirty.md": ["number 03"],
    "c464-04-front-office-manager-lisbon.dirty.md": [
        "i want to thank the whole team for a great year, and especially rui almeida in it, who stayed on site for the "
        "entire opera cloud cut-over weekend."],
    "c464-05-payments-ops-clerk-makati.dirty.md": ["number 21"],
    "c464-06-billing-analyst-leeds.dirty.md": ["number 05", "number 10"],
    "c464-08-outpatient-scheduling-coordinator-toronto.dirty.md": ["number 49"],
    "c464-09-property-claims-team-lead-brisbane.dirty.md": [
        "i'm grateful to the whole team, and in particular to jess, who ran the kirrily triage roster on her own while "
        "i was in townsville."],
    "c464-12-billing-collections-lead-auckland.dirty.md": ["number 40"],
    # r119's (c465–c468): a colleague's message in a chat thread loses its "that is a lot, write it!!" as chatter,
    # the cover it reports staying (c468-06); a colleague's rewording of a paragraph, quoted in the thread, loses its
    # second sentence as the near-duplicate of the author's, which stays (c468-11). And since the session of
    # 2026-12-08 (seventeenth), c405-04's note "NEMIS: UPI za learners wote 1,146 zimeingizwa." goes as the repeat
    # of the answer's "UPI numbers for all 1,146 learners were captured in NEMIS", its item's "Transfers 37 in, 21
    # out" staying
    "c468-06-sales-support-suzhou.dirty.md": [
        "also you forgot you covered xiaoyu's job for all of may and june when she was on maternity leave – the south "
        "china orders too. that is a lot, write it!!"],
    "c468-11-underwriting-assistant-monterrey.dirty.md": [
        '"we wrote 38 new industrial accounts in the apodaca and salinas victoria parks this year, with a total insured '
        'value of about usd 410 million and mxn 52 million in premium. i coordinated the risk surveys for all 38 and '
        'followed up on the sprinkler and hydrant recommendations."'],
    # r121's (c473–c476), every fact kept in the copy that stays: a proofreading chat's corrected thank-you goes as
    # the near-duplicate of the author's own, which stays, and so do the corrected sentences of a paragraph whose
    # author's copy adds "the customer agree to pay half" (c475-05); "(Figures are to the end of November." goes as
    # the restatement of "closed the year (to 30 November)" (c476-01); a retried section's first telling stays over
    # the second its writer chose (c476-07)
    "c475-05-logistics-coordinator-ho-chi-minh-city.dirty.md": [
        "on july we had 3 containers held in cat lai 11 days because hs code of wireless module was wrong. demurrage "
        "and storage cost 86 million vnd, the customer agree to pay half. after this i make a hs code checklist for "
        "electronic customers with broker team and from august we have no more hold for hs code.",
        "thank you to mr. tran van hieu and the warehouse team at song than for staying until 11 pm on many nights "
        "during the tet peak in january."],
    "c476-01-sales-support-manchester.dirty.md": [
        "(figures are to the end of november. december is not closed yet and i will update the totals when finance "
        "signs off on 9 january.)"],
    "c476-07-logistics-coordinator-rotterdam.dirty.md": [
        "during 2024 dutch customs moved import declarations from ags to the new dms system. i acted as key user for "
        "our team, testing declarations for three of my accounts in the customs test environment in august and "
        "september and writing a two-page checklist for the team. dms went live for our office on 14 october, and "
        "since then i have filed 1,140 import declarations in it with 7 rejections. i also prepared my accounts for "
        "ics2 release 3 for sea freight, which started on 3 june, by collecting the missing hs codes and consignee "
        "details from suppliers; 9 of my 12 customers were fully ready by the end of november."],
    "c405-04-school-administrator-mombasa.dirty.md": [
        "- nemis: upi za learners wote 1,146 zimeingizwa. transfers 37 in, 21 out"],
    "c408-06-audit-junior-singapore.dirty.md": [
        "rachel's comment (added 16 dec): agreed with the above. wei ling also covered the client f bank confirmations "
        "on her own when the senior was on mc for two weeks in august. please keep this in."],
    # Since the session of 2026-12-07 (twelfth), the user's notes under "You said" that the answer tells go: c341-12's
    # note of a lunch-and-learn, which the last answer dropped, goes while the first answer's bullet telling it, which
    # the writer marked to go, stays. Every fact of it is in the output, in the model's words
    "c341-12-energy-billing-analyst-calgary.dirty.md": [
        "- did the october lunch-and-learn on how rate riders show up on the bill (about 40 people from the call "
        "centre came)"],
    # c304-05's "Use 438 please." goes as a restatement of the message's "The July shutdown was 438 jobs, not 412."
    "c304-05-maintenance-planner-monterrey.dirty.md": [
        "the july shutdown was 438 jobs, not 412. the 26 contractor jobs from mantenimiento industrial del norte "
        "were added on 9 july. use 438 please."],
    # c305-09's "It made the summer much easier." goes as stock after a thank-you; c305-10's writer kept the
    # author's apology for a late summary in the covering email, which earlier writers mark to go (the chat list's
    # "Sorry it is … late")
    "c305-09-library-assistant-winnipeg.dirty.md": [
        "merci to daniel okafor for showing me the sierra holds workflow in january. it made the summer much easier."],
    "c305-10-dental-receptionist-singapore.dirty.md": [
        "sorry it is two days late, the tampines stocktake took longer than expected."],
    # c309-12's writer kept a thank-you to the manager at the end of the covering note, which the chat list's
    # closing thanks cuts (the kiosks it names are stated in the summary)
    "c309-12-library-circulation-supervisor-glasgow.dirty.md": [
        "thanks for your support this year, especially with getting the kiosks approved."],
    # c327-04's writer kept a template's closing "The above is my work summary for 2023." with the author's note on
    # the receivable figure after it; the stock pass takes the closing line (its year is said throughout), the note
    # and its date stay
    "c327-04-settlement-clerk-wuxi.dirty.md": [
        "the above is my work summary for 2023. the receivable figure is as of 20 december, the december carrier "
        "statements are still being checked."],
}, "cleanup": {
    # the first corpus kept a template opener whose only blank is the year, as h9 and h10 did (above)
    "03-hotel-front-desk.dirty.md": [
        "20** year is almost over, looking back on the past year, there is fruitful joy and there are joys and "
        "sorrows."],
    "17-bank-teller-mt.dirty.md": ["20** year is about to pass, full of hope, the new year is coming."],
}}


# Floors a little under the figures measured at the end of issue 19's seventh step (session of 2026-12-05, second
# morning), all in-sample: every batch was tuned on after its first, blind run (their first-run figures are in
# fixtures/cleanup-heldout/README.md), and the stock model was retrained on all of them. fixtures/cleanup 0.982 /
# 0.989, h2-h22 and t1-t9 0.933 / 0.995, c1-c4 0.914 / 0.989, c5-c8 0.948 / 0.985, c9 0.829 / 0.968, c10-c12 0.894 /
# 0.994, c13-c16 0.867 / 0.962, c17-c19 0.928 / 0.936, c20 0.903 / 0.990, c21-c23 0.946 / 0.983, c24 0.924 / 0.988,
# c25-c28 0.887 / 0.985, c29 0.827 / 0.953, c30-c32 0.778 / 0.984, c33-c36 0.838 / 0.955. They catch regressions; a
# blind figure needs a new batch (fixtures/cleanup-heldout/README.md). c5-c8's precision floor went from 0.98 to 0.965
# when a line of nothing but labels and blanks ("Prepared by: [Name] | Date: [Date]") began to go: c5's writer kept
# such lines and a slot's instruction ("[Consider adding a specific example here]"), later writers cut them (c92, c201).
@pytest.mark.parametrize("corpus, pattern, recall_floor, precision_floor", [
    ("cleanup", "*.dirty.md", 0.97, 0.94),           # our corpus (two openers with a blank year kept: see above)
    ("cleanup-heldout", "[ht]*.dirty.md", 0.925, 0.99),  # once-blind batches h2-h22 and t1-t9, also training data
    ("cleanup-heldout", "c[1-4]-*.dirty.md", 0.91, 0.985),  # issue 19's blind rounds, each in-sample since its first
    ("cleanup-heldout", "c[5-8]-*.dirty.md", 0.935, 0.965),  # run (the helper takes one glob: a round's batches are
    ("cleanup-heldout", "c9-*.dirty.md", 0.825, 0.96),  # split where their figures differ)
    ("cleanup-heldout", "c1[0-2]-*.dirty.md", 0.885, 0.99),
    ("cleanup-heldout", "c1[3-6]-*.dirty.md", 0.86, 0.955),
    ("cleanup-heldout", "c1[7-9]-*.dirty.md", 0.92, 0.93),
    ("cleanup-heldout", "c20-*.dirty.md", 0.90, 0.985),
    ("cleanup-heldout", "c2[1-3]-*.dirty.md", 0.94, 0.975),
    ("cleanup-heldout", "c24-*.dirty.md", 0.92, 0.98),
    ("cleanup-heldout", "c2[5-8]-*.dirty.md", 0.88, 0.98),  # the seventh round (first run 0.863 / 0.984 / 0)
    ("cleanup-heldout", "c29-*.dirty.md", 0.82, 0.945),  # the eighth (first run 0.718 / 0.962 / 3), c29 apart
    ("cleanup-heldout", "c3[0-2]-*.dirty.md", 0.77, 0.975),
    ("cleanup-heldout", "c3[3-6]-*.dirty.md", 0.83, 0.95),  # the ninth (first run 0.838 / 0.952 / 1)
    ("cleanup-heldout", "c3[7-9]-*.dirty.md", 0.895, 0.955),  # the tenth (first run 0.890 / 0.955 / 1), c40 apart
    ("cleanup-heldout", "c40-*.dirty.md", 0.90, 0.965),
    ("cleanup-heldout", "c4[1-2]-*.dirty.md", 0.88, 0.945),  # the eleventh (first run 0.719 / 0.947 / 4); its
    # precision below 0.955 since c42's reply headers, which that writer kept, go as the mail's (listed above)
    ("cleanup-heldout", "c4[3-4]-*.dirty.md", 0.78, 0.955),
    ("cleanup-heldout", "c4[57]-*.dirty.md", 0.79, 0.955),  # the twelfth (first run 0.651 / 0.838 / 3): c46's
    ("cleanup-heldout", "c46-*.dirty.md", 0.62, 0.60),  # writer kept a page's editor lines (names), c48 is posts
    ("cleanup-heldout", "c48-*.dirty.md", 0.65, 0.93),
    ("cleanup-heldout", "c49-*.dirty.md", 0.875, 0.91),  # the thirteenth (first run 0.662 / 0.903 / 9)
    ("cleanup-heldout", "c5[01]-*.dirty.md", 0.90, 0.955),  # c51 kept its sample pages' titles, c95 cut them, and
    # its forms' unfilled header fields ("**Name:** [Employee Name]"), which c201 and c202 cut
    ("cleanup-heldout", "c52-*.dirty.md", 0.85, 0.925),
    ("cleanup-heldout", "c5[34]-*.dirty.md", 0.865, 0.90),  # the fourteenth (first run 0.841 / 0.936 / 0)
    ("cleanup-heldout", "c5[56]-*.dirty.md", 0.84, 0.98),
    ("cleanup-heldout", "c5[78]-*.dirty.md", 0.82, 0.945),  # the fifteenth (first run 0.847 / 0.935 / 3)
    ("cleanup-heldout", "c59-*.dirty.md", 0.845, 0.98),
    ("cleanup-heldout", "c60-*.dirty.md", 0.90, 0.96),
    ("cleanup-heldout", "c6[12]-*.dirty.md", 0.90, 0.97),  # the sixteenth (first run 0.917 / 0.966 / 0)
    ("cleanup-heldout", "c6[34]-*.dirty.md", 0.915, 0.955),
    ("cleanup-heldout", "c6[56]-*.dirty.md", 0.83, 0.965),  # the seventeenth (first run 0.814 / 0.982 / 0)
    ("cleanup-heldout", "c6[78]-*.dirty.md", 0.80, 0.985),
    ("cleanup-heldout", "c69-*.dirty.md", 0.825, 0.87),  # the eighteenth (first run 0.833 / 0.940 / 2): c69's writer
    ("cleanup-heldout", "c7[0-2]-*.dirty.md", 0.825, 0.97),  # kept body sentences re-telling a highlight
    ("cleanup-heldout", "c7[34]-*.dirty.md", 0.835, 0.97),  # the nineteenth (first run 0.816 / 0.972 / 0)
    ("cleanup-heldout", "c7[56]-*.dirty.md", 0.87, 0.965),
    ("cleanup-heldout", "c7[78]-*.dirty.md", 0.875, 0.98),  # the twentieth (first run 0.839 / 0.967 / 0)
    ("cleanup-heldout", "c79-*.dirty.md", 0.79, 0.96),
    ("cleanup-heldout", "c80-*.dirty.md", 0.88, 0.95),
    ("cleanup-heldout", "c8[14]-*.dirty.md", 0.895, 0.985),  # the twenty-first (first run 0.849 / 0.979 / 0), not
    ("cleanup-heldout", "c8[23]-*.dirty.md", 0.80, 0.96),  # tuned on: scored once at 3c33044 and added as it was
    ("cleanup-heldout", "c8[56]-*.dirty.md", 0.86, 0.96),  # the twenty-second (first run 0.845 / 0.976 / 0)
    ("cleanup-heldout", "c8[78]-*.dirty.md", 0.80, 0.98),
    ("cleanup-heldout", "c89-*.dirty.md", 0.77, 0.99),  # the twenty-third (first run 0.808 / 0.926 / 3)
    ("cleanup-heldout", "c9[01]-*.dirty.md", 0.84, 0.955),
    ("cleanup-heldout", "c92-*.dirty.md", 0.865, 0.87),  # c92's writer kept body sentences re-telling a highlight
    ("cleanup-heldout", "c9[34]-*.dirty.md", 0.88, 0.975),  # the twenty-fourth (first run 0.748 / 0.960 / 3)
    ("cleanup-heldout", "c95-*.dirty.md", 0.74, 0.985),
    ("cleanup-heldout", "c96-*.dirty.md", 0.72, 0.92),
    ("cleanup-heldout", "c97-*.dirty.md", 0.92, 0.965),  # the twenty-fifth (first run 0.849 / 0.958 / 1)
    ("cleanup-heldout", "c98-*.dirty.md", 0.87, 0.90),
    ("cleanup-heldout", "c99-*.dirty.md", 0.83, 0.92),  # c99-02 keeps "… under the correct leadership of the
    # company leaders …, I completed the counter work assigned to me", which later writers cut (c215) and the stock
    # model retrained on c1-c212 cuts too
    ("cleanup-heldout", "c100-*.dirty.md", 0.88, 0.99),
    ("cleanup-heldout", "c10[12]-*.dirty.md", 0.81, 0.965),  # the twenty-sixth (first run 0.848 / 0.945 / 0)
    ("cleanup-heldout", "c10[34]-*.dirty.md", 0.875, 0.905),
    ("cleanup-heldout", "c10[56]-*.dirty.md", 0.88, 0.95),  # the twenty-seventh (first run 0.843 / 0.924 / 2)
    ("cleanup-heldout", "c107-*.dirty.md", 0.82, 0.955),
    ("cleanup-heldout", "c108-*.dirty.md", 0.89, 0.85),  # c108's writer kept body sentences re-telling a highlight
    ("cleanup-heldout", "c109-*.dirty.md", 0.91, 0.955),  # the twenty-eighth (first run 0.889 / 0.969 / 1)
    ("cleanup-heldout", "c110-*.dirty.md", 0.89, 0.95),
    ("cleanup-heldout", "c11[12]-*.dirty.md", 0.88, 0.97),
    ("cleanup-heldout", "c11[34]-*.dirty.md", 0.825, 0.965),  # the twenty-ninth (first run 0.852 / 0.960 / 1)
    ("cleanup-heldout", "c11[56]-*.dirty.md", 0.87, 0.95),
    ("cleanup-heldout", "c11[78]-*.dirty.md", 0.825, 0.955),  # the thirtieth (first run 0.838 / 0.935 / 0)
    ("cleanup-heldout", "c119-*.dirty.md", 0.865, 0.855),
    ("cleanup-heldout", "c120-*.dirty.md", 0.835, 0.98),
    ("cleanup-heldout", "c12[12]-*.dirty.md", 0.915, 0.905),  # the thirty-first (first run 0.910 / 0.912 / 0); c122
    # kept its topic sentences that name the role again ("As an inside sales representative, my job is to …")
    ("cleanup-heldout", "c12[34]-*.dirty.md", 0.895, 0.91),  # c123 kept its page titles with their site tags
    ("cleanup-heldout", "c12[56]-*.dirty.md", 0.865, 0.96),  # the thirty-second (first run 0.821 / 0.957 / 0)
    ("cleanup-heldout", "c12[78]-*.dirty.md", 0.805, 0.94),
    ("cleanup-heldout", "c129-*.dirty.md", 0.88, 0.99),  # the thirty-third (first run 0.885 / 0.997 / 0), untuned
    ("cleanup-heldout", "c13[0-2]-*.dirty.md", 0.88, 0.99),
    ("cleanup-heldout", "c13[3-6]-*.dirty.md", 0.90, 0.975),  # the thirty-fourth (first run 0.905 / 0.979 / 0)
    ("cleanup-heldout", "c13[7-9]-*.dirty.md", 0.895, 0.98),  # the thirty-fifth (first run 0.916 / 0.981 / 1)
    ("cleanup-heldout", "c140-*.dirty.md", 0.94, 0.97),
    ("cleanup-heldout", "c14[1-3]-*.dirty.md", 0.91, 0.985),  # the thirty-sixth (first run 0.882 / 0.984 / 0),
    ("cleanup-heldout", "c144-*.dirty.md", 0.77, 0.955),  # not tuned on
    ("cleanup-heldout", "c14[5-8]-*.dirty.md", 0.895, 0.975),  # the thirty-seventh (first run 0.901 / 0.979 / 0),
    # not tuned on
    ("cleanup-heldout", "c149-*.dirty.md", 0.87, 0.985),  # the thirty-eighth (first run 0.790 / 0.979 / 0)
    ("cleanup-heldout", "c15[0-2]-*.dirty.md", 0.80, 0.97),
    ("cleanup-heldout", "c15[3-6]-*.dirty.md", 0.84, 0.98),  # the thirty-ninth (first run 0.725 / 0.975 / 0)
    ("cleanup-heldout", "c157-*.dirty.md", 0.94, 0.845),  # the fortieth (first run 0.821 / 0.945 / 2); c157's writer
    # kept body sentences re-telling a highlight in other words
    ("cleanup-heldout", "c15[89]-*.dirty.md", 0.86, 0.98),
    ("cleanup-heldout", "c160-*.dirty.md", 0.65, 0.995),
    ("cleanup-heldout", "c16[1-3]-*.dirty.md", 0.865, 0.98),  # the forty-first (first run 0.836 / 0.936 / 0)
    ("cleanup-heldout", "c164-*.dirty.md", 0.92, 0.77),  # c164's writer kept a paragraph's first telling of a highlight
    ("cleanup-heldout", "c16[5-7]-*.dirty.md", 0.87, 0.985),  # the forty-second (first run 0.871 / 0.961 / 0)
    ("cleanup-heldout", "c168-*.dirty.md", 0.895, 0.865),  # c168's writer kept the sections' tellings of the list
    ("cleanup-heldout", "c169-*.dirty.md", 0.865, 0.965),  # the forty-third (first run 0.877 / 0.958 / 0), untuned
    ("cleanup-heldout", "c17[0-2]-*.dirty.md", 0.87, 0.95),
    ("cleanup-heldout", "c17[3-6]-*.dirty.md", 0.885, 0.98),  # the forty-fourth (first run 0.886 / 0.978 / 0)
    ("cleanup-heldout", "c17[7-9]-*.dirty.md", 0.87, 0.97),  # the forty-fifth (first run 0.860 / 0.977 / 0)
    ("cleanup-heldout", "c180-*.dirty.md", 0.88, 0.99),
    ("cleanup-heldout", "c18[1-4]-*.dirty.md", 0.88, 0.975),  # the forty-sixth (first run 0.885 / 0.978 / 1)
    ("cleanup-heldout", "c18[5-8]-*.dirty.md", 0.90, 0.975),  # the forty-seventh (first run 0.903 / 0.979 / 0),
    # untuned
    ("cleanup-heldout", "c189-*.dirty.md", 0.93, 0.98),  # the forty-eighth (first run 0.902 / 0.980 / 1)
    ("cleanup-heldout", "c19[0-2]-*.dirty.md", 0.89, 0.98),
    ("cleanup-heldout", "c19[3-6]-*.dirty.md", 0.935, 0.98),  # the forty-ninth (first run 0.941 / 0.981 / 2)
    ("cleanup-heldout", "c19[7-9]-*.dirty.md", 0.885, 0.97),  # the fiftieth (first run 0.898 / 0.956 / 1)
    ("cleanup-heldout", "c200-*.dirty.md", 0.91, 0.905),
    # the fifty-first to fifty-fourth rounds, written to a new brief of its own (first runs 0.825 / 0.948 / 2 at
    # 2d4c994, 0.862 / 0.977 / 1 at 124716b, 0.889 / 0.983 / 0 at 2d71da2, 0.859 / 0.991 / 0 at c00a850); in-sample
    # after the stock model was retrained on c1-c216: 0.863 / 0.974, 0.891 / 0.984, 0.918 / 0.982, 0.877 / 0.993
    ("cleanup-heldout", "c20[1-4]-*.dirty.md", 0.855, 0.965),
    ("cleanup-heldout", "c20[5-8]-*.dirty.md", 0.88, 0.975),
    ("cleanup-heldout", "c209-*.dirty.md", 0.92, 0.99),
    ("cleanup-heldout", "c21[0-2]-*.dirty.md", 0.90, 0.97),
    ("cleanup-heldout", "c21[3-6]-*.dirty.md", 0.87, 0.985),
    ("cleanup-heldout", "c21[7-9]-*.dirty.md", 0.84, 0.98),  # the fifty-fifth (first run 0.846 / 0.979 / 0 at
    ("cleanup-heldout", "c220-*.dirty.md", 0.84, 0.95),  # ee7589b), not tuned on
    ("cleanup-heldout", "c22[1-4]-*.dirty.md", 0.87, 0.985),  # the fifty-sixth (first run 0.879 / 0.988 / 1 at
    # 488cafe, the code ee7589b measured; its loss fixed: "This meant going through the list house by house …")
    ("cleanup-heldout", "c22[5-8]-*.dirty.md", 0.88, 0.965),  # the fifty-seventh (first run 0.885 / 0.970 / 0 at
    # e9d6ff9), not tuned on
    ("cleanup-heldout", "c229-*.dirty.md", 0.81, 0.965),  # the fifty-eighth (first run 0.877 / 0.980 / 3 at 595fb6f;
    ("cleanup-heldout", "c23[0-2]-*.dirty.md", 0.88, 0.98),  # its loss fixed: a site's "(… pieces)" tag took a line)
    ("cleanup-heldout", "c23[3-6]-*.dirty.md", 0.80, 0.96),
    ("cleanup-heldout", "c23[7-9]-*.dirty.md", 0.81, 0.955),  # the sixtieth (first run 0.818 / 0.949 / 2 at 7cd008d,
    ("cleanup-heldout", "c240-*.dirty.md", 0.80, 0.775),  # its losses label disagreements, listed above; c240-05's
    # (the answer's prose re-telling the user's note) fixed when the user's notes above a chat answer went). Precision
    # 0.88 until 2026-12-07 (twelfth): c240-02's writer kept the user's notes under "You said:", which go since
    # as notes the answer tells; 0.855 until the thirteenth session: a month's short name in those notes ("by Dec
    # 31", "Ottawa, Oct") is now the month the answer spells out, so c240-02's and c240-05's notes go as its retelling;
    # 0.83 until the fourteenth: a note's figure said in words or with its unit by the answer ("5 medical wards",
    # "five medical wards") is said, so c240-06's notes go too
    ("cleanup-heldout", "c24[1-4]-*.dirty.md", 0.81, 0.975),  # the sixty-first (first run 0.804 / 0.979 / 0 at 090abc8)
    ("cleanup-heldout", "c24[5-8]-*.dirty.md", 0.77, 0.95),  # the sixty-second (first run 0.777 / 0.956 / 0 at 880b2b4)
    # (c233-c236, the fifty-ninth, first run 0.791 / 0.964 / 0 at 6506ae8: new briefs, a paragraph pasted in two
    # versions, page chrome of sites not seen before, small models' loops)
    ("cleanup-heldout", "c249-*.dirty.md", 0.72, 0.97),  # the sixty-third, to a rewritten common brief (first run
    ("cleanup-heldout", "c25[0-2]-*.dirty.md", 0.66, 0.975),  # 0.656 / 0.983 / 1 at 4b49104: chat pages, editors' and
    # forums' furniture, document-library previews; its loss a label disagreement, gone with the retrained model)
    ("cleanup-heldout", "c25[3-6]-*.dirty.md", 0.64, 0.985),  # the sixty-fourth (first run 0.577 / 0.976 / 0 at 34f595d)
    ("cleanup-heldout", "c25[7-9]-*.dirty.md", 0.68, 0.965),  # the sixty-fifth (first run 0.653 / 0.976 / 3 at
    ("cleanup-heldout", "c260-*.dirty.md", 0.60, 0.97),  # 06ea8bc: its fact loss fixed in 9e6eba2, c259-03 listed)
    ("cleanup-heldout", "c26[1-4]-*.dirty.md", 0.75, 0.955),  # the sixty-sixth (first run 0.751 / 0.963 / 2 at c57d3b2)
    ("cleanup-heldout", "c26[5-8]-*.dirty.md", 0.65, 0.96),  # the sixty-seventh (first run 0.656 / 0.966 / 2 at 75c1979;
    # the losses of both, label disagreements, are listed above)
    ("cleanup-heldout", "c269-*.dirty.md", 0.75, 0.96),  # the sixty-eighth (first run 0.696 / 0.979 / 3 at ff217db;
    ("cleanup-heldout", "c27[0-2]-*.dirty.md", 0.66, 0.975),  # its three cuts, one form's ratings, listed above)
    ("cleanup-heldout", "c27[3-6]-*.dirty.md", 0.67, 0.985),  # the sixty-ninth (first run 0.679 / 0.990 / 1 at
    # e1fe59a; its one loss, a pasted chat turn run into the answer's title, fixed in 1f96fb0)
    ("cleanup-heldout", "c27[7-9]-*.dirty.md", 0.69, 0.978),  # the seventieth (first run 0.665 / 0.979 / 2 at
    ("cleanup-heldout", "c280-*.dirty.md", 0.54, 0.975),  # 533e89d; its two losses, a note in brackets on where the
    # figures come from and a note list's copy of a figure kept for the answer's, fixed before it joined)
    ("cleanup-heldout", "c28[1-4]-*.dirty.md", 0.62, 0.935),  # the seventy-first (first run 0.627 / 0.934 / 5 at
    # 6965590; c283-07's two form ratings fixed, the other three listed above)
    ("cleanup-heldout", "c28[5-8]-*.dirty.md", 0.63, 0.97),  # the seventy-second (first run 0.614 / 0.948 / 2 at
    # 8617285; c288-10's plan to ask fixed in 2f735de, c288-07's listed above)
    ("cleanup-heldout", "c289-*.dirty.md", 0.69, 0.955),  # the seventy-third (first run 0.574 / 0.949 / 2 at ce70d98;
    ("cleanup-heldout", "c29[0-2]-*.dirty.md", 0.59, 0.97),  # c289-01's staff number under a name slot fixed in f8feabc)
    ("cleanup-heldout", "c29[3-6]-*.dirty.md", 0.46, 0.96),  # the seventy-fourth (first run 0.463 / 0.948 / 12 at
    # 90bed7a; c296-05's seven figures in an editor's suggestions fixed in afeb3a5, the other losses listed above)
    ("cleanup-heldout", "c29[7-9]-*.dirty.md", 0.72, 0.98),  # the seventy-fifth (first run 0.639 / 0.973 / 2 at
    ("cleanup-heldout", "c300-*.dirty.md", 0.54, 0.95),  # 8ed640e; both losses, a title run on after "[/INST]" and
    # a review's dated insertion read as a blank, fixed in ae404fd)
    ("cleanup-heldout", "c30[1-4]-*.dirty.md", 0.59, 0.955),  # the seventy-sixth (first run 0.566 / 0.940 / 11 at
    # 634ab56; the reasoning's, a quoted thread's and two forms' ratings fixed in b504c41 and 0639b0d, the rest above)
    ("cleanup-heldout", "c30[5-8]-*.dirty.md", 0.62, 0.985),  # the seventy-seventh (first run 0.617 / 0.986 / 2 at
    # 0639b0d; both losses listed above)
    ("cleanup-heldout", "c309-*.dirty.md", 0.635, 0.96),  # the seventy-eighth (first run 0.615 / 0.976 / 1 at
    ("cleanup-heldout", "c31[0-2]-*.dirty.md", 0.59, 0.975),  # bfd2783; its loss, a thank-you, listed above; the
    # models are not retrained on it: a retrain cut c129-07's opening sentence, the text's first statement)
    ("cleanup-heldout", "c31[3-6]-*.dirty.md", 0.73, 0.975),  # the seventy-ninth (first run 0.701 / 0.978 / 2 at
    # d94f154; a shop's "click and collect" goal read as a pager and a form's self-ranking as stock, both fixed)
    ("cleanup-heldout", "c31[7-9]-*.dirty.md", 0.625, 0.97),  # the eightieth (first run 0.632 / 0.976 / 1 at
    ("cleanup-heldout", "c320-*.dirty.md", 0.635, 0.965),  # 8c22061; c320-11's new version of a section under a
    # "revised … below" line, its loss, fixed)
    ("cleanup-heldout", "c32[1-4]-*.dirty.md", 0.61, 0.975),  # the eighty-first (first run 0.616 / 0.977 / 2 at
    # 3bfda6a; a form's "Self-rated:" answer put to the stock model and a hedged share the guard read as a rounding of
    # a count, both fixed)
    ("cleanup-heldout", "c32[5-8]-*.dirty.md", 0.58, 0.98),  # the eighty-second (first run 0.593 / 0.977 / 3 at
    # 6e86ece; a "(new)" version mark read as a site's tag and "Ma. Theresa" as a sentence's end fixed, c327-04's
    # template closing listed above)
    ("cleanup-heldout", "c329-*.dirty.md", 0.71, 0.97),  # the eighty-third (first run 0.651 / 0.989 / 0 at 039a1a5,
    ("cleanup-heldout", "c33[0-2]-*.dirty.md", 0.615, 0.985),  # no loss)
    # (c333's precision floor was 0.895 until 2026-12-07, twelfth session: c333-10's writer kept the user's answers
    # under "You said:", which go since as notes the answer tells)
    ("cleanup-heldout", "c333-*.dirty.md", 0.50, 0.865),  # the eighty-fourth (first run 0.559 / 0.916 / 9 at 70bde27,
    ("cleanup-heldout", "c33[4-6]-*.dirty.md", 0.595, 0.95),  # the session's start 0.559 / 0.919 / 8; the filled
    # form fields, the "Sgt." split and the user's notes fixed, the rest listed above)
    ("cleanup-heldout", "c33[7-9]-*.dirty.md", 0.53, 0.925),  # the eighty-fifth (first run 0.523 / 0.923 / 1 at
    ("cleanup-heldout", "c340-*.dirty.md", 0.495, 0.975),  # 0a7cf1f; the start 0.522 / 0.922 / 1)
    ("cleanup-heldout", "c34[1-4]-*.dirty.md", 0.70, 0.965),  # the eighty-sixth (first run 0.710 / 0.963 / 11 at
    # d934933, the start 0.692 / 0.942 / 9; eight values written on form lines and a user's note fixed)
    ("cleanup-heldout", "c345-*.dirty.md", 0.66, 0.965),  # the eighty-seventh (first run 0.672 / 0.972 / 3 at
    ("cleanup-heldout", "c34[6-8]-*.dirty.md", 0.665, 0.97),  # 04bd29d, the start 0.661 / 0.972 / 3; listed above)
    ("cleanup-heldout", "c349-*.dirty.md", 0.72, 0.99),  # the eighty-eighth (first run 0.761 / 0.948 / 3 at dc9232a,
    ("cleanup-heldout", "c35[0-2]-*.dirty.md", 0.75, 0.97),  # the start the same; c352-06's draft quoted under a
    # short e-mail reply, lost as the thread, fixed)
    ("cleanup-heldout", "c353-*.dirty.md", 0.78, 0.99),  # the eighty-ninth (first run 0.613 / 0.967 / 1 at 74ebee9,
    ("cleanup-heldout", "c354-*.dirty.md", 0.88, 0.885),  # the start 0.612 / 0.967 / 1; c356-05's loss listed
    ("cleanup-heldout", "c35[5-6]-*.dirty.md", 0.525, 0.97),  # above)
    ("cleanup-heldout", "c35[7-8]-*.dirty.md", 0.64, 0.975),  # the ninetieth (first run 0.628 / 0.983 / 2 at a27dc22,
    ("cleanup-heldout", "c359-*.dirty.md", 0.71, 0.99),  # the start the same; c360-04's two cuts listed above)
    ("cleanup-heldout", "c360-*.dirty.md", 0.47, 0.97),
    ("cleanup-heldout", "c361-*.dirty.md", 0.665, 0.95),  # the ninety-first (first run 0.638 / 0.971 / 4 at 57ddaf1,
    ("cleanup-heldout", "c362-*.dirty.md", 0.79, 0.985),  # the start the same; the "**You:**" turn and the count in
    ("cleanup-heldout", "c363-*.dirty.md", 0.65, 0.96),  # points fixed, c361-08's thanks listed above)
    ("cleanup-heldout", "c364-*.dirty.md", 0.51, 0.99),
    ("cleanup-heldout", "c365-*.dirty.md", 0.825, 0.95),  # the ninety-second (first run 0.685 / 0.961 / 0 at
    ("cleanup-heldout", "c366-*.dirty.md", 0.76, 0.99),  # 0f70fd8, the start 0.684 / 0.972 / 0; c366-11's first
    ("cleanup-heldout", "c367-*.dirty.md", 0.69, 0.975),  # answer, cut as the user's turn at 0f70fd8, fixed)
    ("cleanup-heldout", "c368-*.dirty.md", 0.475, 0.95),
    ("cleanup-heldout", "c369-*.dirty.md", 0.68, 0.99),  # the ninety-third (first run 0.593 / 0.988 / 1 at 095873c,
    ("cleanup-heldout", "c370-*.dirty.md", 0.71, 0.99),  # the start 0.574 / 0.988 / 1; c369's requests in mixed
    ("cleanup-heldout", "c371-*.dirty.md", 0.67, 0.975),  # languages fixed after reading it, c370-02's cut listed
    ("cleanup-heldout", "c372-*.dirty.md", 0.445, 0.995),  # above)
    ("cleanup-heldout", "c373-*.dirty.md", 0.41, 0.785),  # the ninety-fourth (first run 0.575 / 0.910 / 9 at ead9304,
    ("cleanup-heldout", "c374-*.dirty.md", 0.75, 0.965),  # the start 0.541 / 0.908 / 5; c375-06's "Related
    ("cleanup-heldout", "c375-*.dirty.md", 0.65, 0.96),  # documents:" sentence fixed, the rest listed above; c373's
    ("cleanup-heldout", "c376-*.dirty.md", 0.565, 0.935),  # whole chat sessions are the weakest precision of any batch)
    ("cleanup-heldout", "c377-*.dirty.md", 0.81, 0.995),  # the ninety-fifth (first run 0.715 / 0.997 / 0 at 13e7ef0,
    ("cleanup-heldout", "c378-*.dirty.md", 0.775, 0.985),  # the start 0.712 / 0.997 / 0; no cut)
    ("cleanup-heldout", "c379-*.dirty.md", 0.71, 0.995),
    ("cleanup-heldout", "c380-*.dirty.md", 0.59, 0.995),
    ("cleanup-heldout", "c381-*.dirty.md", 0.70, 0.985),  # the ninety-sixth, the learned block model's first blind
    ("cleanup-heldout", "c382-*.dirty.md", 0.78, 0.965),  # run (first run 0.730 / 0.981 / 0 at 4a70abb, the start
    ("cleanup-heldout", "c383-*.dirty.md", 0.81, 0.97),  # 0.714 / 0.981 / 0; no cut)
    ("cleanup-heldout", "c384-*.dirty.md", 0.58, 0.995),
    ("cleanup-heldout", "c385-*.dirty.md", 0.725, 0.945),  # the ninety-seventh (first run 0.698 / 0.973 / 2 at
    ("cleanup-heldout", "c386-*.dirty.md", 0.69, 0.97),  # bdbfd63, the start 0.692 / 0.973 / 2; its two cuts, a quoted
    ("cleanup-heldout", "c387-*.dirty.md", 0.685, 0.98),  # testimonial taken as stock and a telling the next sentence
    ("cleanup-heldout", "c388-*.dirty.md", 0.67, 0.995),  # compares back to, fixed after reading it)
    ("cleanup-heldout", "c389-*.dirty.md", 0.59, 0.85),  # the ninety-eighth (first run 0.679 / 0.982 / 1 at 559c96f,
    ("cleanup-heldout", "c390-*.dirty.md", 0.87, 0.945),  # the start 0.671 / 0.982 / 1; its cut, a user's note between a
    ("cleanup-heldout", "c391-*.dirty.md", 0.645, 0.99),  # chat template's tokens the answer never tells, fixed after
    ("cleanup-heldout", "c392-*.dirty.md", 0.645, 0.985),  # reading it)
    # (c389's precision floor was 0.995 until c389-05's chat was read as one, 2026-12-07 (fifteenth session): its
    # writer kept the first, warm version and cut the formal one the user asked for next, which the code keeps)
    # (c404's recall floor was 0.70 until a Word comment "Commented [XX]: …" was read as a reviewer's comment, whose
    # facts the guard keeps, not as revision residue, which went unguarded, 2026-12-07 (fifteenth session))
    # (c394's floors were 0.625 / 0.99 until c394-07's answer in a "```text" fence was read as prose, 2026-12-07:
    # recall 0.713, and a heading said twice in a row scores as the second one gone, the output being the same)
    ("cleanup-heldout", "c393-*.dirty.md", 0.44, 0.89),  # the ninety-ninth (first run 0.455 / 0.899 / 5 at 559c96f,
    ("cleanup-heldout", "c394-*.dirty.md", 0.71, 0.985),  # the start 0.450 / 0.900 / 4; whole chat pages in the user's
    ("cleanup-heldout", "c395-*.dirty.md", 0.51, 0.98),  # own language, Norwegian, Spanish, Indonesian, are the weakest
    ("cleanup-heldout", "c396-*.dirty.md", 0.53, 0.98),  # batch of any round)
    ("cleanup-heldout", "c397-*.dirty.md", 0.73, 0.975),  # the hundredth (first run 0.700 / 0.986 / 1 at a1998fb, the
    ("cleanup-heldout", "c398-*.dirty.md", 0.66, 0.98),  # start 0.699 / 0.986 / 1; its cut, a user's correction of a
    ("cleanup-heldout", "c399-*.dirty.md", 0.745, 0.98),  # figure, every fact kept, is listed)
    ("cleanup-heldout", "c400-*.dirty.md", 0.64, 0.995),
    ("cleanup-heldout", "c401-*.dirty.md", 0.64, 0.985),  # the hundred-and-first (first run 0.673 / 0.978 / 1 at
    ("cleanup-heldout", "c402-*.dirty.md", 0.74, 0.985),  # d51acb4; its cut, a thank-you the last answer gave for the
    ("cleanup-heldout", "c403-*.dirty.md", 0.735, 0.985),  # user's notes, fixed after reading it: Gemini's and Copilot's
    ("cleanup-heldout", "c404-*.dirty.md", 0.68, 0.985),  # chat pages are read turn by turn)
    ("cleanup-heldout", "c405-*.dirty.md", 0.30, 0.755),  # the hundred-and-second (first run 0.400 / 0.883 / 8 at
    ("cleanup-heldout", "c406-*.dirty.md", 0.46, 0.895),  # ed72be7, the start 0.401 / 0.886 / 8; chats in the user's
    ("cleanup-heldout", "c407-*.dirty.md", 0.355, 0.97),  # own language, local models' web pages and templates from
    ("cleanup-heldout", "c408-*.dirty.md", 0.57, 0.985),  # other countries; c407-10's split date fixed, the rest listed)
    ("cleanup-heldout", "c409-*.dirty.md", 0.72, 0.965),  # the hundred-and-third (first run 0.679 / 0.977 / 1 at
    ("cleanup-heldout", "c410-*.dirty.md", 0.675, 0.955),  # 49baee7; thinking with no tags, WhatsApp's Meta AI chat and
    ("cleanup-heldout", "c411-*.dirty.md", 0.80, 0.98),  # quoted mail in other languages read after it; c412-04's cut, a
    ("cleanup-heldout", "c412-*.dirty.md", 0.635, 0.99),  # restatement the writer kept, listed)
    ("cleanup-heldout", "c413-*.dirty.md", 0.585, 0.99),  # the hundred-and-fourth (first run 0.687 / 0.989 / 1 at
    ("cleanup-heldout", "c414-*.dirty.md", 0.765, 0.995),  # 08db22a, the session's start 0.681 / 0.988 / 1; its cut, a
    ("cleanup-heldout", "c415-*.dirty.md", 0.82, 0.99),  # reviewer's comment telling the author a fact of their year,
    ("cleanup-heldout", "c416-*.dirty.md", 0.545, 0.96),  # fixed after reading it; recall 0.555 until a comment
    # kept for its fact stayed whole)
    ("cleanup-heldout", "c417-*.dirty.md", 0.62, 0.96),  # the hundred-and-fifth (first run 0.652 / 0.965 / 1 at
    ("cleanup-heldout", "c418-*.dirty.md", 0.635, 0.93),  # c2c4371 and at bf856ce; its cut, a chat answer's extra
    ("cleanup-heldout", "c419-*.dirty.md", 0.65, 0.98),  # paragraph gone as the repeat of the user's follow-up, fixed
    ("cleanup-heldout", "c420-*.dirty.md", 0.69, 0.975),  # after reading it)
    ("cleanup-heldout", "c421-*.dirty.md", 0.72, 0.98),  # the hundred-and-sixth (first run 0.733 / 0.980 / 7 at
    ("cleanup-heldout", "c422-*.dirty.md", 0.77, 0.98),  # f570760; five of its cuts, a reviewer's comment kept for its
    ("cleanup-heldout", "c423-*.dirty.md", 0.79, 0.985),  # fact without its request "Please add it.", fixed after
    ("cleanup-heldout", "c424-*.dirty.md", 0.61, 0.965),  # reading it: a kept comment stays whole; two listed)
    ("cleanup-heldout", "c425-*.dirty.md", 0.645, 0.975),  # the hundred-and-seventh (first run 0.677 / 0.979 / 6 at
    ("cleanup-heldout", "c426-*.dirty.md", 0.905, 0.965),  # 0b3cf87, the session's start; its cuts fixed after reading
    ("cleanup-heldout", "c427-*.dirty.md", 0.745, 0.995),  # it, a reviewer's Teams message's request listed)
    ("cleanup-heldout", "c428-*.dirty.md", 0.575, 0.975),
    ("cleanup-heldout", "c429-*.dirty.md", 0.74, 0.97),  # the hundred-and-eighth (first run 0.634 / 0.946 / 3 at
    ("cleanup-heldout", "c430-*.dirty.md", 0.60, 0.955),  # 4c0da8d; two of its cuts fixed after reading it, a
    ("cleanup-heldout", "c431-*.dirty.md", 0.665, 0.945),  # SillyTavern chat's listed)
    ("cleanup-heldout", "c432-*.dirty.md", 0.645, 0.99),
    ("cleanup-heldout", "c433-*.dirty.md", 0.415, 0.955),  # the hundred-and-ninth (first run 0.487 / 0.958 / 11 at
    ("cleanup-heldout", "c434-*.dirty.md", 0.535, 0.975),  # d43d3cf; an HR form's chosen ratings and a quoted mail's
    ("cleanup-heldout", "c435-*.dirty.md", 0.425, 0.975),  # dated line fixed after reading it, a manager's praise
    ("cleanup-heldout", "c436-*.dirty.md", 0.73, 0.985),  # cut as stock listed; c433's chats in the user's language)
    ("cleanup-heldout", "c437-*.dirty.md", 0.60, 0.995),  # the hundred-and-tenth (first run 0.532 / 0.953 / 1 at
    ("cleanup-heldout", "c438-*.dirty.md", 0.565, 0.98),  # 271418d; chats in the user's language read turn by turn
    ("cleanup-heldout", "c439-*.dirty.md", 0.685, 0.975),  # after reading it, c438-12's worked-out difference
    ("cleanup-heldout", "c440-*.dirty.md", 0.45, 0.975),  # listed)
    ("cleanup-heldout", "c441-*.dirty.md", 0.505, 0.96),  # the hundred-and-eleventh (first run 0.530 / 0.952 / 1 at
    ("cleanup-heldout", "c442-*.dirty.md", 0.615, 0.965),  # a4f8e5c; ChatGPT's labels in any language read as turns
    ("cleanup-heldout", "c443-*.dirty.md", 0.54, 0.92),  # after reading it, c443-01's "As noted above" lead-in
    ("cleanup-heldout", "c444-*.dirty.md", 0.595, 0.98),  # listed)
    ("cleanup-heldout", "c445-*.dirty.md", 0.56, 0.925),  # the hundred-and-twelfth (first run 0.657 / 0.960 / 4 at
    ("cleanup-heldout", "c446-*.dirty.md", 0.78, 0.98),  # 5f61ee1; a Word comment's facts and a signature line's
    ("cleanup-heldout", "c447-*.dirty.md", 0.64, 0.95),  # initials fixed after reading it, c445-05's and c448-06's
    ("cleanup-heldout", "c448-*.dirty.md", 0.64, 0.96),  # cuts listed)
    ("cleanup-heldout", "c449-*.dirty.md", 0.67, 0.975),  # the hundred-and-thirteenth (first run 0.636 / 0.977 / 1 at
    ("cleanup-heldout", "c450-*.dirty.md", 0.82, 0.94),  # afd6a55; a model's options, tips and recap table, and its
    ("cleanup-heldout", "c451-*.dirty.md", 0.765, 0.99),  # words in the user's language, read after it; c449-08's cut,
    ("cleanup-heldout", "c452-*.dirty.md", 0.65, 0.98),  # a revised paragraph's first sentence, listed)
    ("cleanup-heldout", "c453-*.dirty.md", 0.65, 0.975),  # the hundred-and-fourteenth (first run 0.580 / 0.929 / 10 at
    ("cleanup-heldout", "c454-*.dirty.md", 0.66, 0.94),  # 8e56a29, the start 0.544 / 0.917 / 10; a thank-you in
    ("cleanup-heldout", "c455-*.dirty.md", 0.495, 0.765),  # Devanagari, a signed name, a tool's prompt and a count of
    ("cleanup-heldout", "c456-*.dirty.md", 0.63, 0.98),  # none fixed, two cuts listed; c455's writer kept the forms'
    # guidance, which the code takes as template junk: its precision)
    ("cleanup-heldout", "c457-*.dirty.md", 0.43, 0.93),  # the hundred-and-fifteenth (first run 0.456 / 0.954 / 8 at
    ("cleanup-heldout", "c458-*.dirty.md", 0.37, 0.935),  # 6f65481; a month in the author's language fixed after
    ("cleanup-heldout", "c459-*.dirty.md", 0.43, 0.98),  # reading it, the rest listed: each a copy the writer chose
    ("cleanup-heldout", "c460-*.dirty.md", 0.67, 0.975),  # otherwise, its facts kept)
    ("cleanup-heldout", "c461-*.dirty.md", 0.67, 0.98),  # the hundred-and-sixteenth (first run 0.455 / 0.833 / 10 at
    ("cleanup-heldout", "c462-*.dirty.md", 0.27, 0.62),  # 1f60821, the session's final cleanup code; chats in scripts
    ("cleanup-heldout", "c463-*.dirty.md", 0.77, 0.935),  # without Latin letters lose the wrong answer's copies; a
    ("cleanup-heldout", "c464-*.dirty.md", 0.41, 0.89),  # rating row marked "(•)" fixed after reading it, the rest listed)
    ("cleanup-heldout", "c465-*.dirty.md", 0.66, 0.90),  # the hundred-and-seventeenth (first run 0.575 / 0.905 / 4 at
    ("cleanup-heldout", "c466-*.dirty.md", 0.67, 0.955),  # a787bc7; a chat's table of its edits, a user's request to
    ("cleanup-heldout", "c467-*.dirty.md", 0.61, 0.98),  # add above an unlabelled answer, whole versions offered, a
    ("cleanup-heldout", "c468-*.dirty.md", 0.59, 0.96),  # thread's chatter and a reviewer's "you were the contact"
    # fixed after reading it, two cuts listed)
    ("cleanup-heldout", "c469-*.dirty.md", 0.565, 0.975),  # the hundred-and-eighteenth (first run 0.559 / 0.979 / 1 at
    ("cleanup-heldout", "c470-*.dirty.md", 0.69, 0.985),  # e3c6f6c; a speech-to-text app's lines, a form's
    ("cleanup-heldout", "c471-*.dirty.md", 0.57, 0.95),  # instructions in brackets and a doubled "sharp sharp" fixed
    ("cleanup-heldout", "c472-*.dirty.md", 0.61, 0.985),  # after reading it)
    ("cleanup-heldout", "c473-*.dirty.md", 0.24, 0.95),  # the hundred-and-nineteenth (first run 0.505 / 0.945 / 7 at
    ("cleanup-heldout", "c474-*.dirty.md", 0.67, 0.945),  # 7581f0d, the session's cleanup code; a proofread copy
    ("cleanup-heldout", "c475-*.dirty.md", 0.625, 0.985),  # marked up or labelled as written, and months in
    ("cleanup-heldout", "c476-*.dirty.md", 0.62, 0.985),  # Ukrainian, fixed after reading it, the rest listed; c473's
    # chats with bots in the user's own script are read as no chat)
    # (since the session of 2026-12-08, seventeenth, c442's, c445's and c455's precision floors are lower: a form's
    # instruction in italics on a line of its own, "*List courses, certifications and education completed in 2024.*",
    # now goes as the form's guidance, which c442-07's and c455's writers kept, and c445-10's closing offered as
    # "Option A" and "Option B" loses B, which its writer chose; a thank-you only B gives stays)
])
def test_corpus_meets_the_quality_targets(corpus, pattern, recall_floor, precision_floor):
    from cleanup_quality import score_documents

    totals, scores = score_documents(sorted((ROOT / "fixtures" / corpus).glob(pattern)))
    losses = {s.name: s.losses for s in scores if s.losses}
    listed = LABEL_DISAGREEMENTS.get(corpus, {})
    assert losses == {name: loss for name, loss in listed.items() if name in {s.name for s in scores}}
    assert totals["precision"] >= precision_floor
    assert totals["recall"] >= recall_floor


KEEP_DOC = """# Summary

## Overview

We closed 418 settlements this year. The team moved to the new filing system in March.

## Achievements

We closed 418 settlements this year.

## Plan

The team moved to the new filing system in March.
"""


def test_without_keep_sections_a_repeat_can_empty_a_section():
    result = clean(KEEP_DOC)
    assert result.text.endswith("## Achievements\n\n## Plan\n")
    assert result.text.count("418 settlements") == 1


def test_keep_sections_moves_the_repeat_out_of_the_earlier_section_when_it_keeps_other_text():
    result = clean(KEEP_DOC, CleanupSettings(keep_sections=True))
    achievements = result.text.split("## Achievements")[1].split("## Plan")[0]
    plan = result.text.split("## Plan")[1]
    overview = result.text.split("## Overview")[1].split("## Achievements")[0]
    assert "418 settlements" in achievements
    assert "418 settlements" not in overview
    # the overview's last sentence cannot move out as well, or the overview would be empty: both copies stay
    assert "filing system" in overview and "filing system" in plan
    assert [(e.line, e.duplicate_of_line) for e in result.edits] == [(5, 9)]
    assert result.edits[0].removed == "We closed 418 settlements this year."


def test_keep_sections_leaves_repeats_inside_one_section_to_the_normal_rules():
    doc = "## Work\n\nWe filed 30 claims in May. We filed 30 claims in May.\n\n## Plan\n\nMore training.\n"
    result = clean(doc, CleanupSettings(keep_sections=True))
    assert result.text.count("We filed 30 claims in May.") == 1
    assert kinds(result) == ["duplicate-sentence"]


def test_a_chat_models_wrapper_lines_go_and_the_facts_stay():
    text = ("## Overview\n\nHere is the summary:\n\nSales rose 12% to 4.1 million yuan. Let me know if you would like"
            " any changes.\n\nSure! Here's a revised version of the plan section:\n\nWe will train 2 assistants.\n")
    result = clean(text)
    assert result.text == "## Overview\n\nSales rose 12% to 4.1 million yuan.\n\nWe will train 2 assistants.\n"
    assert kinds(result) == ["junk", "junk", "junk"]
    kept = "Here is the plan: we will train 2 assistants by March.\n"
    assert clean(kept).text == kept


PROMPT = """You write one section of a year-end work summary.
Hard rules:
- Use only the facts you are given. Do not add numbers, dates, names or percentages that are not in the facts.
- Keep every number, amount, percentage, date and name exactly as written in the facts.
- Write in English; the year of this summary is 2026.
"""


def test_sentences_reciting_the_prompt_go_unless_they_carry_a_fact_of_their_own():
    draft = ("We closed 418 settlements in 2026.\n\n"
             "1. Keep every number, amount, percentage, date and name exactly as written in the facts.\n"
             "2. Use only the facts you are given.\n"
             "3. Keep every number and name exactly as written in the facts, such as the 418 settlements.\n\n"
             "Do not add numbers, dates, names or percentages which are not in the facts.\n")
    result = clean(draft, echo_of=[PROMPT])
    # line 7 paraphrases a rule: the shape of a recited rule (chat.toml) takes it first, as 'chat'
    assert [(e.kind, e.line) for e in result.edits] == [("prompt-echo", 3), ("prompt-echo", 4), ("chat", 7)]
    assert result.text == ("We closed 418 settlements in 2026.\n\n"
                           "1. Keep every number and name exactly as written in the facts, such as the 418 settlements.\n")
    # without the prompt, lines 3 and 7 still have the shape of a recited rule (chat.toml): they go as 'chat'; line 4,
    # a bare instruction with no fact, is what the stock model (trained with the chat-model batches) takes for fluff
    assert [(e.kind, e.line) for e in clean(draft).edits] == [("chat", 3), ("stock", 4), ("chat", 7)]


@pytest.mark.parametrize("text, cleaned", [
    ("We confirmed the drivers one by one one by one.", "We confirmed the drivers one by one."),
    ("I visited them from time to time from time to time, and helped.", "I visited them from time to time, and helped."),
    ("We held 2 “Heart Health Forum”, “Heart Health Forum” salons.", "We held 2 “Heart Health Forum” salons."),
    ("It rose very very fast.", "It rose very very fast."),
    ("We go there from time to time.", "We go there from time to time."),
    ("We ran “A Day”, “B Day” and “C Day”.", "We ran “A Day”, “B Day” and “C Day”."),
    ('We joined the "Smile Route" "Smile Route" campaign.', 'We joined the "Smile Route" campaign.'),
    ("I checked the meters from time to time to time.", "I checked the meters from time to time."),
    ("I checked the meters from time to time to catch gaps.", "I checked the meters from time to time to catch gaps."),
    ("41 prisms are read day by day by the robotic station.", "41 prisms are read day by day by the robotic station."),
    ("The matrix is checked line by line by the cook.", "The matrix is checked line by line by the cook."),
    ("We went door to door to 40 homes.", "We went door to door to 40 homes."),
    ("We checked the the matrix line by line.", "We checked the matrix line by line."),
    ('We joined the "One Network", the "One Network" platform.', 'We joined the "One Network" platform.'),
    ('I follow the "listen, record, answer" method, the "listen, record, answer" method.',
     'I follow the "listen, record, answer" method.'),
    ("The faults were: network loss, paper jams, network loss.", "The faults were: network loss, paper jams."),
])
def test_kept_phrases_said_twice_and_adjacent_repeated_names(text, cleaned):
    assert clean(text, CleanupSettings(stock_threshold=1.0)).text == cleaned  # the doubling rules alone


def test_number_words_in_idioms_are_not_facts():
    assert facts_of("I always put political study in the first place.") == frozenset()
    assert facts_of("This year has been one of growth.") == frozenset()
    assert facts_of("One of the 3 trainers left.") == frozenset({"3"})
    assert "first" in facts_of("I came first in the regional ranking.")


def test_a_lone_numbered_item_acting_as_a_heading_may_stand_again_under_another_part():
    text = ("Spring semester\n\n1. Education and teaching\n\nWe ran 3 themes and wrote 16 records.\n\n"
            "Autumn semester\n\n1. Education and teaching\n\nWe built a reading corner with 240 books.\n")
    assert clean(text).text == text
    repeated = "Work done:\n\n- Handled 1,150 calls\n- Closed 27 files\n- Handled 1,150 calls\n"
    assert clean(repeated).text == "Work done:\n\n- Handled 1,150 calls\n- Closed 27 files\n"


def test_a_chat_models_platitudes_go_but_a_sentence_with_a_figure_stays():
    text = ("As the year draws to a close, it is a natural moment to pause and reflect. We cut falls from 14 to 5. "
            "At the end of the day, our people are our greatest asset. "
            "I am deeply proud that the team cut falls from 14 to 5 in 2026.\n")
    result = clean(text)
    assert result.text == "We cut falls from 14 to 5. I am deeply proud that the team cut falls from 14 to 5 in 2026.\n"
    assert [n.kind for n in result.notes] == ["cliche"]


@pytest.mark.parametrize("line", [
    "Real estate settlement clerk annual work summary 20** | Work Summary Channel",
    "Site safety officer year-end summary (general 5 articles) - Wenku Network",
    "Compiled by: xx Network Source: network Updated: 2023-12-08",
    "More related: safety officer work plan | safety officer duties",
    "Here is the sample carefully collected for you, hope to help you.",
    "Wenmi Network | www.wenmi.example | Work Summary > Year-end Summary",
    "- Bank teller summary (3 articles)",
    "Related: Bank lobby manager year-end summary | Bank teller work experience",
])
def test_site_banners_go_even_with_a_placeholder_or_date(line):
    assert clean(f"{line}\n\nI issued 366 certificates.\n").text == "I issued 366 certificates.\n"


def test_a_sites_tag_goes_from_the_title_but_the_title_stays():
    text = "Grain depot inspector year-end work summary 20** (selected 2 articles)\n\nI inspected 312 lots.\n"
    result = clean(text)
    assert result.text == "Grain depot inspector year-end work summary 20**\n\nI inspected 312 lots.\n"
    assert [(e.kind, e.removed) for e in result.edits] == [("junk", "(selected 2 articles)")]
    assert [p.text for p in result.placeholders] == ["20**"]


def test_a_hyphenated_word_before_network_is_not_a_site_banner():
    assert clean("We moved the shop to the new wi-fi network\n").text == "We moved the shop to the new wi-fi network\n"


def test_a_vague_restatement_of_an_earlier_figure_goes_but_new_information_stays():
    text = ("Overdue households fell from 38 to 12 after the new reminder calls. "
            "The number of overdue households was greatly reduced. "
            "Complaints dropped greatly in the east district.\n")
    result = clean(text, CleanupSettings(stock_threshold=1.0))  # the restatement rule alone
    assert result.text == ("Overdue households fell from 38 to 12 after the new reminder calls. "
                           "Complaints dropped greatly in the east district.\n")
    assert [(e.kind, e.duplicate_of_line) for e in result.edits] == [("restatement", 1)]


def test_a_vague_restatement_goes_whether_it_comes_before_or_after_the_figures():
    text = ("I work at the main branch. I handled many counter transactions with high quality this year. "
            "This year I handled 18,426 counter transactions without a single cash error. "
            "Our Japan tours sold extremely well. "
            "The spring Japan tours had 14 departures and sold out. "
            "Our Italy tours sold extremely well.\n")
    result = clean(text)
    assert result.text == ("I work at the main branch. "
                           "This year I handled 18,426 counter transactions without a single cash error. "
                           "The spring Japan tours had 14 departures and sold out. "
                           "Our Italy tours sold extremely well.\n")
    assert [e.kind for e in result.edits] == ["restatement", "restatement"]


def test_a_plain_account_before_the_figures_in_its_paragraph_is_no_restatement_but_a_vague_one_is():
    # sharing the figures' time frame ("the week", "go-live") is not saying what they say; "many … with high
    # accuracy" before "2,315 returns without a single booking error" is
    text = ("In March the depot moved to a new routing system. I trained the four shift leads on it in February. "
            "We went through the new loading screens bay by bay in the week before go-live. The first week after "
            "go-live was slow, with 36 late loads on the line; by the fourth week there were 3.\n\n"
            "I run the returns desk. Our team handled many returns with high accuracy this year. This year the team "
            "handled 2,315 returns without a single booking error.\n")
    result = clean(text, CleanupSettings(stock_threshold=1.0))  # the restatement rule alone
    assert "loading screens bay by bay in the week before go-live." in result.text
    assert [(e.kind, e.removed) for e in result.edits] == [
        ("restatement", "Our team handled many returns with high accuracy this year.")]


def test_the_first_sentence_singling_out_a_main_difficulty_stays_and_a_second_saying_it_again_goes():
    # "Fuel prices were the main problem" names a topic; "Cut fuel use from 410 to 362 litres" is no telling of it
    text = ("## Results\n\n"
            "- Cut fuel use from 410 to 362 litres a week by planning the rural routes together.\n"
            "- Kept all 14 vans on the road through the winter.\n\n"
            "## Challenges\n\n"
            "Parking was the hardest part of the year. The staff car park closed in May, and 23 of our 40 drivers had "
            "to park at the retail park a mile away.\n\n"
            "## Review\n\n"
            "Fuel prices were the main problem this year. Parking was the biggest challenge this year.\n")
    result = clean(text)
    assert "Parking was the hardest part of the year. The staff car park" in result.text
    assert "## Review\n\nFuel prices were the main problem this year.\n" in result.text
    assert [(e.kind, e.removed) for e in result.edits] == [
        ("restatement", "Parking was the biggest challenge this year.")]


def test_a_closing_recap_goes_though_it_dates_itself_and_counts_in_words_what_the_body_counts_in_digits():
    # "2024 was …" is a date, not 2024 of something; "$2.45 million" is one figure; "three new drivers" is the
    # body's "3 new drivers"; the plan after it, dated by its year alone, is no recap
    text = ("## Results\n\n"
            "- Revenue reached $2.45 million in 2024 against a plan of $2.3 million.\n"
            "- Hired 3 new drivers for the north depot.\n"
            "- Cut van breakdowns to three a month.\n\n"
            "## Summary\n\n"
            "Overall, 2024 was a busy year for the depot: revenue reached $2.45 million and three new drivers joined. "
            "In 2025 I would like to lead the depot's safety walks.\n")
    result = clean(text, CleanupSettings(stock_threshold=1.0))
    assert result.text.endswith("## Summary\n\nIn 2025 I would like to lead the depot's safety walks.\n")
    assert [e.kind for e in result.edits] == ["restatement"]


def test_a_paragraphs_bold_lead_in_label_stays_when_its_first_sentence_goes_as_a_repeat():
    text = ("## Highlights\n\n- Cut average handling time from 9 to 6 minutes.\n\n## Results\n\n"
            "**Handling time:** We cut average handling time from 9 to 6 minutes. Most of it came from the new "
            "macros.\n\n**Backlog.** We cleared a backlog of 340 tickets in June.\n")
    result = clean(text)
    assert "## Results\n\n**Handling time:** Most of it came from the new macros.\n" in result.text
    assert [(e.kind, e.removed) for e in result.edits] == [
        ("near-duplicate", "We cut average handling time from 9 to 6 minutes.")]


def test_a_plan_is_not_a_restatement_of_a_past_figure_and_a_lead_in_stays():
    text = ("The charging time of the 18 new electric buses was not considered in the August shifts. "
            "The shift plan for the new electric buses will consider charging time. "
            "The 18 new electric buses and their charging time are reported as follows:\n")
    assert clean(text).edits == []


def test_markdown_bold_is_not_a_placeholder_and_bold_items_are_deduplicated():
    assert find_placeholders("- **Recruitment:** We recruited 63 agents in ** month.\n") == \
        [Placeholder("**", 1, 46)]
    text = ("- **Recruitment:** We recruited 63 new agents.\n- **Retention:** 41 are still active.\n"
            "- **Recruitment:** We recruited 63 new agents.\n")
    result = clean(text)
    assert [(e.kind, e.line, e.duplicate_of_line) for e in result.edits] == [("repeated-item", 3, 1)]


def test_a_name_inside_a_stock_phrase_is_no_fact_and_an_emotive_closer_goes():
    text = ("## Safety\n\nI checked 3 buses a day. Safety is the eternal theme, heavier than Mount Tai.\n\n"
            "## Summary\n\nWe opened the Lisbon office in May. "
            "I am grateful for this rewarding journey and proud of our growth.\n")
    result = clean(text)
    assert result.text == "## Safety\n\nI checked 3 buses a day.\n\n## Summary\n\nWe opened the Lisbon office in May.\n"


def test_a_stock_sentence_goes_when_its_names_stay_elsewhere_but_never_with_a_figure():
    text = ("# QA at Lumen\n\nAs the year draws to a close, I want to take a moment to reflect on my work at Lumen. "
            "I automated 420 regression tests.\n\n"
            "As the year draws to a close, I look forward to the Route 9 launch.\n")
    result = clean(text)
    assert result.text == ("# QA at Lumen\n\nI automated 420 regression tests.\n\n"
                           "As the year draws to a close, I look forward to the Route 9 launch.\n")
    assert [e.kind for e in result.edits] == ["cliche"]


def test_amounts_in_words_are_read_as_numbers():
    assert quantities_in("more than forty thousand shifts, a thousand guests, one hundred and twenty people") == \
        [40000, 1000, 120]
    assert quantities_in("40,312 shifts, 1.2 million yuan, 3k users, twice") == [40312, 1_200_000, 3000, 2]
    assert quantities_in("sales and marketing, one of the best") == []


def test_a_restatement_in_rounded_words_goes_but_another_amount_stays():
    text = ("This year the terminal dispatched 40,312 shifts with a punctuality rate of 98.6%. "
            "In total the terminal dispatched more than forty thousand shifts, and punctuality was very high. "
            "The terminal dispatched more than ninety thousand shifts.\n")
    result = clean(text)
    assert result.text == ("This year the terminal dispatched 40,312 shifts with a punctuality rate of 98.6%. "
                           "The terminal dispatched more than ninety thousand shifts.\n")
    assert [(e.kind, e.duplicate_of_line) for e in result.edits] == [("restatement", 1)]


def test_a_looser_paraphrase_goes_only_when_neither_sentence_holds_a_fact():
    text = ("First, my observation of individual children is not deep enough, and the records are too simple. "
            "Third, the records of my observation of individual children are not detailed enough. "
            "The records of my observation of 12 children are not detailed enough.\n")
    result = clean(text)
    assert [(e.kind, e.duplicate_of_line) for e in result.edits] == [("near-duplicate", 1)]
    assert "12 children" in result.text and "Third" not in result.text


def test_a_run_on_sentence_is_not_taken_as_the_one_a_short_sentence_restates():
    run_on = ("District Department from 2019 formed the elite club and since then the members increased year by year "
              "to 36 members, with training courses for newcomers, masters and team leaders, monthly honour lists, "
              "study tours, mentoring pairs, product seminars, morning meetings and quarterly recognition evenings.")
    text = run_on + " The district also provided external training opportunities for all levels of masters.\n"
    # the restating pass is the subject here; the stock model, asked about a sentence with no fact, may call the
    # short one template fluff (0.78 against 0.7 since its retraining), so it is left out
    assert clean(text, CleanupSettings(stock_threshold=1.0)).edits == []
    assert clean("Training took 36 hours for the team leaders. Training for team leaders was greatly expanded.\n"
                 ).edits[0].kind == "restatement"


def test_a_goal_that_only_says_go_on_is_filler_but_a_goal_with_a_figure_stays():
    text = ("## Goals\n\n- Keep nurturing a warm and inclusive environment for every family.\n"
            "- Continue to innovate and push creative boundaries.\n- Keep returned declarations below 6.\n"
            "- Continue to publish the vacancy bulletin for the Harbour, Hillside, Riverside and Old Town branches "
            "with the agreed weekly deadlines and the contact list of each branch manager.\n")
    result = clean(text)
    assert result.text == ("## Goals\n\n- Keep returned declarations below 6.\n"
                           "- Continue to publish the vacancy bulletin for the Harbour, Hillside, Riverside and Old "
                           "Town branches with the agreed weekly deadlines and the contact list of each branch manager.\n")


def test_a_recap_whose_words_are_all_said_elsewhere_goes_and_a_label_is_not_a_restatement():
    text = ("1. Claims. I submitted 4,120 insurance claims.\n"
            "2. Billing. I billed 11,480 discharged inpatients.\n"
            "3. Audits. The rejection rate fell to 1.8% after two audits.\n\n"
            "In summary, this year saw submitted claims, billed inpatients, fewer rejections and smooth audits.\n")
    result = clean(text)
    assert result.text == text.split("\n\n")[0] + "\n"
    assert [e.kind for e in result.edits] == ["filler"]


def test_web_page_breadcrumbs_and_copyright_notices_are_junk():
    text = ("Home > Work Summary > Annual Summary > Broker Summary 2023\n\nI filed 1,204 declarations.\n\n"
            "Copyright notice: This article is contributed by netizens and does not represent the position of this "
            "site. If there is any infringement, please contact us for deletion.\n")
    assert clean(text).text == "I filed 1,204 declarations.\n"


def test_the_report_year_does_not_keep_a_stock_closer_but_another_figure_does():
    text = ("# Events summary 2024\n\nI ran 41 events for 9,300 guests.\n\n"
            "All told, 2024 was a year to be proud of.\n\nAll told, 2024 was a year to be proud of 41 events.\n")
    result = clean(text)
    # a closer whose other figure the text states with its unit says it restates, and goes whole as one
    assert result.text == "# Events summary 2024\n\nI ran 41 events for 9,300 guests.\n"
    assert [e.kind for e in result.edits] == ["filler", "restatement"]
    text = text.replace("proud of 41 events", "proud of 12 sold-out nights")
    assert clean(text).text == ("# Events summary 2024\n\nI ran 41 events for 9,300 guests.\n\n"
                                "All told, 2024 was a year to be proud of 12 sold-out nights.\n")  # never its opener


def test_a_list_fragment_is_not_a_restatement():
    text = ("My daily work includes:\n\n- answering payslip queries from staff;\n- filing the monthly returns.\n\n"
            "I answered about 1,100 payslip queries from staff, most of them by email.\n")
    assert clean(text).edits == []


def test_a_topic_sentence_before_its_figures_stays_and_a_past_fact_is_no_repeat_of_a_plan():
    text = ("New energy vehicle insurance was the new growth point of this year. "
            "We signed 5 dealerships, and new energy vehicle premium reached 6.9 million yuan.\n\n"
            "Card payments were the main growth this year.\n\n"
            "Next year we plan 10 million yuan of card payments growth.\n")
    assert clean(text).edits == []


def test_enumerators_seasons_and_the_modal_may_are_not_facts():
    assert facts_of("Third, the study of new policies is not deep enough.") == frozenset()
    assert facts_of("**Fall prevention:** Patient falls decreased.") == frozenset()
    assert facts_of("We may open a second counter.") == frozenset({"second"})
    assert facts_of("In May we opened, and in the fall we moved.") == frozenset({"may", "fall"})
    assert facts_of("Safety always comes first.") == frozenset()
    assert "first" in facts_of("Our team came first in the district.")


@pytest.mark.parametrize("pattern, strings", [
    ("under the (?:correct|strong) leadership of", ("leadership of",)),      # the longest run of literals
    ("(?:very )?(?:big|new) job", ("job",)),                                  # an optional group requires nothing
    ("colou?r scheme", ("r scheme",)),                                        # nor a letter that may be missing
    ("mobili[sz]ed the \\bteam", ("mobili",)),
    ("abcd|efgh", ("abcd", "efgh")),                                          # an alternation: one of each branch
    ("(?!never)good thing", ("good thing",)),                                 # a negative lookahead requires nothing
    ("(?:(?:deeply|truly) (?:proud|grateful))", ("deeply", "truly")),
    ("(?:(?:deeply|truly)? proud)", ("proud",)),
    ("(?:(?:deeply|truly) proud|glad)", ("glad", "proud")),
    ("(?:\\b(?:results|figures) show)", ("show",)),                      # "results" is too common a word
    ("(?:work|year)+ plan", ("plan",)),                                       # a common word filters nothing
    ("(?:\\w+ ){2,}", ()),                                                     # nothing literal at all
    ("(?:aim|goal)s? of [\"“][^\"“”]{1,80}[\"”]", ("aim", "goal")),
    ("^(?=[^\\n]*\\b(?:sign in|menu)\\b)[\\W_]*x", ("menu", "sign in")),      # a lookahead's words are in the text
    ("测试 Phrase", ("测试 phrase",)),
    ("\\p{L}+ tail", ()),                                                     # a pattern re cannot read: always tried
])
def test_required_strings_are_what_every_match_contains(pattern, strings):
    from drafter.cleanup import required_strings

    assert required_strings(pattern) == strings


def test_the_literal_prefilter_finds_every_cliche_the_full_scan_finds():

    lists = load_phrase_lists()
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "fixtures" / "cleanup").glob("*.md"))]
    texts += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "fixtures" / "cleanup-heldout").glob("h1*.md"))]
    texts.append(SEED.read_text(encoding="utf-8"))
    found = 0
    for text in texts:
        for line in text.splitlines():
            full = [m.span() for p in lists.cliche for m in p.finditer(line) if m.end() > m.start()]
            assert sorted(lists.cliches_in(line)) == sorted(full)
            found += len(full)
    assert found > 50


def test_the_joined_junk_patterns_find_what_each_pattern_finds_and_openings_match_alone():
    """is_junk tries only the patterns whose required strings the text holds, the shipped patterns that require
    nothing as two alternations (anchored ones only at the start), and remembers its answers; openings skips the shipped patterns when their alternation does not match: all give
    what trying each pattern alone gives."""
    lists = load_phrase_lists()
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "fixtures" / "cleanup-heldout").glob("c27*.md"))]
    lines = [line for text in texts for line in text.splitlines() if line.strip()]
    found = 0
    for key in ("junk", "chat", "junk_sentence", "title_tag", "page_part", "retelling", "ratio"):
        for line in lines:
            alone = any(p.search(line) for p in getattr(lists, key))
            assert lists.is_junk(line, key) == alone == lists.is_junk(line, key), (key, line)
            found += alone
    for line in lines:
        alone = [m.span() for patterns in (lists.filler, lists.opener) for p in patterns
                 for m in [p.match(line)] if m and m.end() > m.start()]
        assert lists.openings(line) == alone
    assert found > 100


def test_a_reflective_opener_goes_at_the_start_but_the_same_words_stay_in_the_middle():
    opener = "As I reflect on the past year, I am filled with gratitude for the opportunity to grow with a dedicated team."
    middle = "As the year draws to a close, the dedicated team is proud and grateful to finish the archive review."
    text = f"## Overview\n\n{opener}\n\nWe closed 418 files.\n\n{middle}\n\nWe opened 12 new files.\n"
    result = clean(text, CleanupSettings(stock_threshold=1.0))  # the phrase rules alone; the model may differ
    assert opener not in result.text and middle in result.text
    assert [e.kind for e in result.edits] == ["cliche"]


def test_the_comma_inside_a_figure_does_not_split_a_list():
    text = ("The total travel cost was 138,000 yuan, of which parents' contributions covered 61,000 yuan. "
            "Tuning cost 210,000 yuan, hire 210,500 yuan.\n")
    assert clean(text).text == text.rstrip("\n") + "\n" and clean(text).edits == []


def test_a_plan_under_a_goals_heading_is_not_a_repeat_of_a_past_problem():
    problem = "Paper job tickets are still used for contract customers, which delays invoicing by about a week."
    plan = "Move contract customers onto electronic job tickets."
    text = f"## Problems\n\n- {problem}\n\n## Goals for next year\n\n1. {plan}\n"
    assert clean(text).edits == []
    same_section = f"## Problems\n\n- {problem}\n- {plan}\n"
    assert clean(same_section).text == f"## Problems\n\n- {problem}\n"  # no heading says plan: a looser repeat


def test_an_authors_byline_stays_but_a_template_sites_byline_is_junk():
    byline = "Prepared by: Wang Lihua, dispatcher   Date: 20 December 2024"
    text = f"# Dispatch summary\n\n{byline}\n\nAuthor: admin   Published: 2023-12-18\n\nI dispatched 2,315 jobs.\n"
    result = clean(text)
    assert result.text == f"# Dispatch summary\n\n{byline}\n\nI dispatched 2,315 jobs.\n"
    assert kinds(result) == ["junk"]


def test_thanks_to_a_named_person_stays_but_thanks_to_everyone_goes():
    text = ("Gareth Pryce and I drafted the bridge template in February.\n\n"
            "Thank you to Gareth Pryce and the field teams.\n\nThank you to everyone for their hard work and support.\n")
    result = clean(text)
    assert "Thank you to Gareth Pryce and the field teams." in result.text
    assert "everyone" not in result.text


def test_a_shorter_telling_of_the_same_figures_goes_but_not_with_a_figure_of_its_own():
    full = ("This year I organized and served 96 meetings, including 12 Party Committee meetings and the annual "
            "workers' congress on 26 January.")
    text = (f"{full}\n\n- Organized and served 96 meetings throughout the year.\n"
            "- Organized and served 96 meetings for 14 departments.\n- Served 96 guests at the congress.\n")
    result = clean(text, CleanupSettings(stock_threshold=1.0))
    assert [(e.kind, e.removed, e.duplicate_of_line) for e in result.edits] == [
        ("restatement", "Organized and served 96 meetings throughout the year.", 1)]


def test_codes_with_digits_are_facts():
    assert {"v7.0", "q3", "hc-28", "covid-19"} <= facts_of("In Q3 the v7.0 notes for HC-28 covered COVID-19 rules.")
    text = "For v7.0 the notes went out 2 days late. For v8.0 the notes went out 2 days late.\n"
    assert clean(text).edits == []


def test_a_figure_retold_must_count_the_same_thing():
    text = ("I published notes for 2 major releases (v7.0 in April, v8.0 in October). "
            "For v7.0 the notes went out 2 days after the release.\n")
    assert clean(text, CleanupSettings(stock_threshold=1.0)).edits == []


def test_a_heading_naming_a_later_year_holds_plans():
    text = ("# Summary 2024\n\n## Calls\n\n- First-contact resolution on my calls was 78% (team target 75%).\n\n"
            "## For 2025\n\n1. Keep my first-contact resolution at 78% or better.\n")
    assert clean(text, CleanupSettings(stock_threshold=1.0)).edits == []


def test_a_stock_lead_in_to_a_list_stays_and_key_value_fields_are_not_a_list():
    text = "In the new year, I will:\n\n- train 3 new clerks.\n"
    result = clean(text)
    assert result.text == text and [n.kind for n in result.notes] == ["filler"]
    fields = "**Office:** Student Services **Reporting to:** Dr Simon Hale, Manager, Student Services\n"
    assert clean(fields).text == fields


def test_a_quoted_name_said_again_with_its_words_goes_and_name_parts_count_as_stated():
    text = ('I took part in the "Safety Month" activity in June, the "Quality Month" activity in September and the '
            '"CMA" campaign, as well as the "Quality Month" activity. We ran the "Safety Month" report too.\n')
    assert clean(text).edits[0].removed == ', as well as the "Quality Month" activity'
    text = ("I joined Yijia Convenience in 2019.\n\n"
            "I believe that under everyone's joint efforts, the tomorrow of Yijia will be even more brilliant!\n")
    assert clean(text).text == "I joined Yijia Convenience in 2019.\n"


def test_a_sites_breadcrumb_trail_is_junk():
    text = "Year-end summary network > Bank work summary > Cash centre summary\n\nI sorted 3,100 notes.\n"
    assert clean(text).text == "I sorted 3,100 notes.\n"


@pytest.mark.parametrize("title, kept", [
    ("# Hair Salon Manager Year-End Summary Model Essays (2 Selected Articles)", "# Hair Salon Manager Year-End Summary"),
    ("Photo studio manager annual work summary model essay", "Photo studio manager annual work summary"),
    ("Year-end summary (5 versions)", "Year-end summary"),
    ("Site safety officer year-end summary (general 5 articles) - Wenku Network", None),
])
def test_site_tags_go_from_the_title_and_a_sites_own_title_goes_whole(title, kept):
    result = clean(f"{title}\n\nI sorted 3,100 notes.\n")
    assert result.text == (f"{kept}\n\n" if kept else "") + "I sorted 3,100 notes.\n"


def test_a_single_letter_name_can_end_a_sentence_and_idioms_of_one_and_first_are_no_facts():
    result = clean("# 2024\n\nOverall, 2024 was a year of growth for Shift B. I led Shift B, a team of 11, from 2019.\n")
    assert result.text == "# 2024\n\nI led Shift B, a team of 11, from 2019.\n"  # (the year stays said: the title)
    assert facts_of("We always put the needs of the residents first and work with one heart.") == frozenset()
    assert facts_of("Our team finished first in the province.") == {"first"}


def test_a_possessive_names_the_name_and_site_promotions_and_summary_signposts_go():
    assert "courier" in facts_of("I will uphold the Courier's standards.")
    text = ("[Hot] Vehicle office clerk work summary, selected 3 articles, download now!\n\n"
            "This summary covers my work in the examinations office this year.\n\nI ran 41 exam sessions.\n")
    assert clean(text).text == "I ran 41 exam sessions.\n"


@pytest.mark.parametrize("text, removed", [
    # a hedged rounding of a figure said elsewhere is a restatement, another figure is not
    ("Dispatched 2,946 vehicle trips without accident. We also moved offices. "
     "Dispatched nearly 3,000 vehicle trips without accident.\n\n"
     "Sales rose about 12% in Q1. Sales rose 9.6% in Q3.\n\n"
     "We registered 1,536 incoming documents. Registered more than 1,900 incoming documents in 2023.\n",
     ["Dispatched nearly 3,000 vehicle trips without accident."]),
    # a percentage retold against last year
    ("Total sales for the two shops were $1.04 million, up 8% on 2023. "
     "Sales across both shops grew by 8% compared with last year.\n",
     ["Sales across both shops grew by 8% compared with last year."]),
    # a count in words is retold only by a sentence that counts
    ("Two new operators, Li Na and Sun Hao, obtained their operator certificates in September. "
     "Two new operators got their certificates this year.\n\n"
     "Staff are tired after night shifts, and two people have asked to move to day work. "
     "I have not yet found a way to cover the night shifts if they move.\n",
     ["Two new operators got their certificates this year."]),
])
def test_retold_figures_go_and_new_information_stays(text, removed):
    result = clean(text, CleanupSettings(stock_threshold=1.0))  # the restatement rule alone
    assert [(e.kind, e.removed) for e in result.edits] == [("restatement", r) for r in removed]


def test_a_stock_sentence_that_counts_none_keeps_its_count():
    text = ("We sold 41 frames and one lens line in 2024.\n\n"
            "Our team is our greatest asset, and in 2024 not one member of staff left the branch.\n")
    result = clean(text)
    assert result.text == text and [n.kind for n in result.notes] == ["cliche"]


def test_a_label_naming_an_item_under_another_part_stays_but_goes_with_its_repeated_block():
    """"1, Window business." labels a plan under another part as it labelled the year's work: no repeat. A label
    whose whole block repeats an earlier one goes with it."""
    text = ("## The year\n\n1, Window business. I handled 9,874 items of business in the whole year.\n\n"
            "2, Training. I attended 4 courses.\n\n"
            "## Next year\n\n1, Window business. Next year I will learn export tax rebate business by June.\n\n"
            "2, Training. I attended 4 courses.\n")
    out = clean(text).text
    assert "## Next year\n\n1, Window business. Next year I will learn" in out
    assert out.count("Training") == 1 and out.count("I attended 4 courses.") == 1


def test_a_sentence_counting_off_part_of_a_set_is_never_stock():
    """"The rest were …", "Many of our customers …", "In both cases …" (issue 19's c14 shape) go on with the fact
    before them; a model sure of everything still removes only the sentence that says nothing."""
    from drafter.stock_model import StockModel

    sure = CleanupSettings(user_lists=False, stock_model=StockModel({}, {}, 30.0))
    text = ("Of the 1,146 closures, 311 were total-loss claims. The rest were repairable-damage claims routed "
            "through our approved repairer network.\n\nMany of our customers are older people who prefer to bank "
            "in person. This was a wonderful year for the whole branch.\n\nTwice a caller asked us to change a "
            "payee's bank details. In both cases I rang the payee on the number we hold and the request was fake.\n")
    out = clean(text, sure).text
    assert "The rest were repairable-damage claims" in out and "Many of our customers are older people" in out
    assert "In both cases I rang the payee" in out
    assert "wonderful year" not in out


def test_a_sentence_that_says_it_restates_goes_only_when_every_fact_it_holds_stays_said():
    """"In other words, …" and "Put simply, …" restate by their own account: they go when what they hold is said
    elsewhere with the same unit, and stay whole when they add a figure, a unit or a count."""
    text = ("We filled 58 positions out of 64, in 41 days on average; 76% of callers were answered the same day. "
            "In other words, most of the positions were filled. "
            "Put simply, three out of four callers now get their answer the same day. "
            "To put it simply, we filled 58 positions. In other words, 58 people started, 12 of them in May. "
            "As noted above, hiring improved; in May alone 14 people started.\n")
    out = clean(text, CleanupSettings(user_lists=False)).text
    assert out == ("We filled 58 positions out of 64, in 41 days on average; 76% of callers were answered the same "
                   "day. In other words, 58 people started, 12 of them in May. As noted above, hiring improved; in "
                   "May alone 14 people started.\n")


def test_a_heading_naming_a_ward_in_brackets_is_no_sites_tag():
    text = "# Year-End Work Summary — Staff Nurse, Ward 7 (General Surgery)\n\nI cared for 1,020 patients.\n"
    assert clean(text).text == text
    tagged = "Teller year-end summary (general edition)\n\nI served 9,300 customers.\n"
    assert clean(tagged).text == "Teller year-end summary\n\nI served 9,300 customers.\n"


def test_a_table_row_repeated_in_its_table_goes_but_a_row_of_another_table_stays():
    table = "| Quarter | Claims |\n|---|---|\n| Q1 | 310 |\n| Q2 | 402 |\n| Q2 | 402 |\n| Q3 | 402 |\n"
    out = clean("Claims by quarter:\n\n" + table + "\nAgain:\n\n| Quarter | Claims |\n|---|---|\n| Q2 | 402 |\n").text
    assert out == ("Claims by quarter:\n\n| Quarter | Claims |\n|---|---|\n| Q1 | 310 |\n| Q2 | 402 |\n| Q3 | 402 |\n"
                   "\nAgain:\n\n| Quarter | Claims |\n|---|---|\n| Q2 | 402 |\n")


def test_a_pile_up_of_template_attitudes_goes_and_number_one_is_no_count():
    assert "one" not in facts_of("Patient safety will always be my number one priority.")
    assert "one" in facts_of("We opened one new branch.")
    text = ("I handled 2,940 quotations.\n\nOver the past year I worked with a strong sense of mission, strictly "
            "demanded myself and constantly improved my professional quality and working ability.\n")
    assert clean(text).text == "I handled 2,940 quotations.\n"


def test_a_templates_political_frame_goes_and_a_quoted_slogan_is_no_name():
    """Issue 19's c6 shape, in other words: a slogan quoted as the "concept" held to is stock, not a name; a
    sentence with a fact of its own inside the same frame stays."""
    lists = CleanupSettings(user_lists=False, stock_threshold=1.0)
    text = ("I issued 3,418 licences at window 2.\n\nGuided by the spirit of the county conference, I practised the "
            "service concept of \"the applicant first\" and satisfactorily completed the various licensing tasks. "
            "Next year I will carry forward the spirit of \"one visit at most\" and make greater contributions to "
            "the sound development of the licensing office.\n")
    assert clean(text, lists).text == "I issued 3,418 licences at window 2.\n"
    kept = "Guided by the spirit of \"one visit at most\", I cut visits per licence from 2.4 to 1.3.\n"
    assert clean(kept, lists).text == kept


def test_a_thank_you_to_a_list_of_roles_goes_but_one_naming_a_person_stays():
    """Issue 19's c8 shape: a thank-you that only lists who helped by role says nothing; a named person or a figure
    of its own keeps it."""
    lists = CleanupSettings(user_lists=False, stock_threshold=1.0)
    body = "Our Corby depot shipped 18,200 pallets in 2024. Priya Nair rebuilt the rota.\n\n"
    roles = ("We'd also like to thank the drivers, the yard crew, the office staff at Corby, the agency pickers and "
             "all the customers who put up with our late deliveries.\n")
    assert clean(body + roles, lists).text == body.rstrip("\n") + "\n"
    for kept in ["I want to thank Priya Nair for rebuilding the rota over the summer.\n",
                 "I want to thank Priya Nair, the yard crew, the office staff and the drivers.\n",
                 "A big thank you to the yard crew, who loaded 41 trailers on the last Friday before Christmas.\n"]:
        assert clean(body + kept, lists).text == body + kept


def test_a_signpost_and_a_rhetorical_question_go_but_a_quoted_question_stays():
    lists = CleanupSettings(user_lists=False, stock_threshold=1.0)
    body = "## Stock\n\nShrinkage fell from 2.1% to 1.4% after we moved the tills.\n\n"
    said = ("Now turning to the rota. So what changed? I'll now move on to complaints. And who would have "
            "guessed it? Could I have done more?\n")
    assert clean(body + said, lists).text == body.rstrip("\n") + "\n"
    for kept in ['Staff now ask every caller "Is this your first claim?"\n',
                 "The question we asked each month was simple: could we pick faster?\n",
                 "Why did 14 orders go out late in June?\n",
                 "I enrol at QUT in February. Could the unit support my QUT study with two study days per "
                 "semester?\n"]:  # c360-04: a request for the author, not a rhetorical question
        assert clean(body + kept, lists).text == body + kept


def test_a_bold_line_that_says_the_heading_above_it_again_goes():
    """Issue 19's c5 shape: an office assistant puts the section's name in bold under its heading."""
    text = ("## Payroll Queries\n\n*Payroll queries*\n\nI answered 2,310 queries.\n\n## Training\n\n"
            "**Payroll Queries**\n\nI trained 4 new clerks.\n")
    result = clean(text)
    assert result.text == ("## Payroll Queries\n\nI answered 2,310 queries.\n\n## Training\n\n**Payroll Queries**\n\n"
                           "I trained 4 new clerks.\n")
    assert [(e.kind, e.line, e.duplicate_of_line) for e in result.edits] == [("duplicate-sentence", 3, 1)]


def test_a_takeaway_label_or_an_aside_to_the_reader_restates_unless_it_adds_a_fact():
    """Issue 19's c5 and c8 shapes: "Key takeaway: …" and "As you know, …" say they restate; they go when all they
    hold is said, and stay whole with a fact of their own."""
    lists = CleanupSettings(user_lists=False, stock_threshold=1.0)
    body = "Returns fell from 412 to 287 after we added size charts in March.\n\n"
    for said in ["**Takeaway:** the size charts cut returns.\n", "Bottom line - size charts cut returns.\n",
                 "As you will know, returns fell after March.\n"]:
        assert clean(body + said, lists).text == body.rstrip("\n") + "\n"
    new = "Main takeaway: the charts paid for themselves by May, saving £8,300.\n"
    assert clean(body + new, lists).text == body + new


def test_a_list_item_that_says_the_item_before_it_again_in_other_words_goes():
    """Issue 19's c5 shape: an assistant gives a point twice, the second time in other words, right under the
    first. The first stays; an item with a fact of its own, or sharing only a vague word, stays."""
    lists = CleanupSettings(user_lists=False, stock_threshold=1.0)
    text = ("## Ward admin\n\n- Booked interpreters for non-English-speaking patients at least two days ahead\n"
            "- Made sure interpreters were booked ahead for patients who needed them\n"
            "- Supporting the annual audit\n- Filed 380 incident forms, all within 24 hours\n"
            "- Filed incident forms within the day, 12 of them at weekends\n")
    out = clean(text, lists).text
    assert "Made sure interpreters" not in out
    assert "- Booked interpreters for non-English-speaking patients at least two days ahead\n" in out
    for kept in ["- Supporting the annual audit\n", "- Filed 380 incident forms, all within 24 hours\n",
                 "- Filed incident forms within the day, 12 of them at weekends\n"]:
        assert kept in out


def test_a_sentence_that_only_names_its_topic_over_and_over_goes_but_a_contrast_stays():
    """Issue 19's c7 shape: a small model fills a section's first line with its own heading's words."""
    lists = CleanupSettings(user_lists=False, stock_threshold=1.0)
    text = ("Stock control: As for stock control, my job was stock control for the stores. I counted 4 sites "
            "monthly.\n\nOur vans are not late; the hired vans are late.\n")
    assert clean(text, lists).text == ("I counted 4 sites monthly.\n\n"
                                       "Our vans are not late; the hired vans are late.\n")


def test_a_paragraph_that_tells_the_one_before_it_again_goes_but_one_with_a_new_fact_stays():
    """Issue 19's c7 shape: a small model answers the same point twice, the second time shorter."""
    lists = CleanupSettings(user_lists=False, stock_threshold=1.0)
    first = ("## Problems\n\nTwo lorries were late at the Hull depot in March because the ferry was cancelled, and "
             "we missed 14 store deliveries. We now book a spare slot on the Zeebrugge crossing for every March "
             "run.\n\n")
    again = ("This year there were two late lorries at Hull: a cancelled ferry in March stopped them, and store "
             "deliveries were missed. Since then a spare slot is booked on the crossing.\n")
    assert clean(first + again, lists).text == first.rstrip("\n") + "\n"
    new = ("In March two lorries were late at the Hull depot when the ferry was cancelled. In June a third was held "
           "at customs.\n")
    assert "In June a third was held at customs." in clean(first + new, lists).text


def test_a_count_of_none_is_no_vague_restatement_of_a_sentence_with_figures():
    """Issue 19's c6 shape: "No contract was signed below the approved price" beside "I checked 198 contracts
    against the price list" counts none of something: it stays."""
    lists = CleanupSettings(user_lists=False, stock_threshold=1.0)
    text = ("I checked 240 supplier invoices against the agreed price list this year. No invoice was paid above "
            "the agreed price. There were no safety incidents on site.\n")
    assert clean(text, lists).text == text


def test_a_pile_up_of_template_phrases_goes_placeholder_and_all_but_one_phrase_keeps_its_placeholder():
    """Issue 19's c6 shape: a template's frame with a blank left in ("In 20XX, …") is no less a frame; a year left
    blank is no figure, a bold one is."""
    assert "20" not in facts_of("In 20XX, we met.") | facts_of("In 20**, we met.")
    assert "20" in facts_of("We hired **20** staff.")
    lists = CleanupSettings(user_lists=False, stock_threshold=1.0)
    body = "I handled 1,406 passport renewals at window 3.\n\n"
    frame = ("In 20XX, under the strong leadership of the bureau, I was guided by the spirit of the county "
             "conference, worked diligently and conscientiously and forged ahead.\n")
    result = clean(body + frame, lists)
    assert result.text == body.rstrip("\n") + "\n"
    assert [p.text for p in result.placeholders] == ["20XX"]  # still reported, from the text as given
    one = "In 20XX, under the strong leadership of the bureau, we opened a second window.\n"
    assert clean(body + one, lists).text == body + one


def test_a_recap_counting_in_words_goes_when_the_count_is_said_with_its_thing():
    """Issue 19's c5 shape: "Overall, … two busy open days" after "we ran two open days": a count in words said
    again with what it counts is no new count; one said with something else stays."""
    lists = CleanupSettings(user_lists=False, stock_threshold=1.0)
    body = "## Events\n\nWe ran two open days in 2024 and signed up 318 members.\n\n## Summary\n\n"
    said = "Overall, it was a good year, with two busy open days and many new members.\n"
    assert clean(body + said, lists).text == "## Events\n\nWe ran two open days in 2024 and signed up 318 members.\n"
    # (its heading, over nothing now, goes with it)
    other = "Overall, it was a good year, with two new coaches and many new members.\n"
    assert clean(body + other, lists).text == body + other


def test_a_spoken_reviews_asides_about_the_year_go():
    """Issue 19's c8 shape: a person's review says how the year felt, in stock words."""
    lists = CleanupSettings(user_lists=False, stock_threshold=1.0)
    body = "I ran 212 bin collections a month.\n\n"
    for aside in ["I thoroughly enjoyed this year and I'm looking forward to the coming year.\n",
                  "The rounds are never a dull moment, that's for sure.\n"]:
        assert clean(body + aside, lists).text == body.rstrip("\n") + "\n"


def test_a_named_person_said_doing_something_is_no_stock_sentence():
    """Who did what is an account, not fluff, though the name is said elsewhere (c15-12's first blind run cut
    "Rachel went through the conflict resolution training with me face to face, …" as stock)."""
    text = ("Rachel Moss is our practice manager. I handled 9,400 calls this year.\n\n"
            "Rachel went through the conflict resolution training with me face to face, which helped more than the "
            "online course did.")
    assert "Rachel went through the conflict resolution training" in clean(text).text


def test_the_words_of_a_kept_doubling_name_no_topic_a_restatement_could_share():
    """Issue 19's c14 shape: "line by line" is no mention of "product lines"; without it the sentence after the
    figures says something of its own (how the work was checked, and that it went in on time) and stays."""
    lists = CleanupSettings(user_lists=False, stock_threshold=1.0)
    text = ("# 2024 Review\n\n## What I did\n\n"
            "I run order entry and price checks for the six reps in the north. This year I entered 3,900 orders and "
            "answered 540 price queries.\n\n"
            "In March we moved the price book into the new ordering system. Errors on price lines fell from 2.8% of "
            "orders to 1.2%.\n\n## What was hard\n\n"
            "The busiest period was the bid round for two councils in May and June, when I drew up price schedules "
            "for 900 product lines alongside order entry. We checked the schedules line by line with the product "
            "leads before sending, and both went in on time. One bid has since been won.\n")
    assert clean(text, lists).text == text


def test_a_verbs_particle_before_the_same_preposition_is_no_doubled_word():
    """Issue 19's c14/c15 shape: "the scanners came in in May" is English (cutting one "in" changes what it says);
    a preposition doubled after a noun or a verb without that particle is a slip and goes."""
    lists = CleanupSettings(user_lists=False, stock_threshold=1.0)
    for kept in ("The new scanners came in in May, with a charging rack.\n",
                 "We brought in in March a rule that every quote is checked.\n",
                 "The night team carried on on the Monday as usual.\n"):
        assert clean(kept, lists).text == kept
    assert clean("Two refunds were delayed in in June.\n", lists).text == "Two refunds were delayed in June.\n"
    assert clean("The manager approved the form on on 9 May.\n", lists).text == \
        "The manager approved the form on 9 May.\n"


def test_a_first_telling_with_hedged_figures_is_no_rounding_of_a_later_one_hedging_them_too():
    """Issue 19's c15 shape: a spoken review says 'about 240 … roughly 200' in its account, and a list later says
    the same round figures. The later one is no more exact, so the account is no vague retelling of it."""
    lists = CleanupSettings(user_lists=False, stock_threshold=1.0)
    text = ("**Summary**\n\nThis was my third year on the ward desk and the busiest. I went through the rota sheets "
            "and I covered about 240 shifts over the year, which is up from roughly 200 the year before.\n\n"
            "**Achievements**\n\n- Covered about 240 shifts, up from roughly 200\n- Trained two new clerks\n")
    assert "I went through the rota sheets and I covered about 240 shifts" in clean(text, lists).text


@pytest.mark.parametrize("request_", ["I'd like some help with how to raise it without sounding pushy.",
                                      "Just that I'd like the cleaners thanked, they have been great all year."])
def test_the_authors_request_is_no_stock_sentence(request_):
    """Issue 19's c15 shape: a person asking for something in a self-review says something of their own, however
    plain; the stock model cut such requests."""
    text = f"## Areas to improve\n\nI made 12 referrals against a target of 30. {request_}\n"
    assert clean(text).text == text


def test_a_forms_question_over_its_answer_stays_but_a_question_for_effect_goes():
    """Issue 19's c15 shape: a self-review form's numbered questions stand on their own lines over the answers; they
    are headings in effect. A question asked for effect inside a paragraph still goes as filler."""
    lists = CleanupSettings(user_lists=False, stock_threshold=1.0)
    form = ("Q1. How would you sum up your year?\n\nI cleared the backlog of 140 repair tickets by June.\n\n"
            "Q2. Is there anything else?\n\nThe van needs new tyres before the winter.\n")
    assert clean(form, lists).text == form
    assert clean(form).text == form  # nor stock: the model took such questions for fluff once filler kept them
    effect = "I cleared the backlog of 140 repair tickets by June. How? I took the oldest ones first.\n"
    assert clean(effect, lists).text == \
        "I cleared the backlog of 140 repair tickets by June. I took the oldest ones first.\n"


@pytest.mark.parametrize("form_text", [
    "This review should be completed by the staff member and sent to their manager a week before the meeting.",
    "*Please send a signed copy of this form to the office manager.*",
    "**Please ensure every section is filled in. Incomplete forms will be sent back.**",
    "There are no right or wrong answers. Your answers will be discussed at the meeting.",
    "Our values: Care – Pride – Trust",
])
def test_a_review_forms_printed_text_pasted_with_the_answers_goes(form_text):
    """Issue 19's c15 shape: the employer's form around a person's answers is not the author's text."""
    lists = CleanupSettings(user_lists=False, stock_threshold=1.0)
    body = "## What went well\n\nI cleared the backlog of 140 repair tickets by June.\n"
    assert clean(f"{form_text}\n\n{body}", lists).text == body


@pytest.mark.parametrize("restating", [
    "Like I said before, the van passed its MOT.",
    "Like we said at the beginning, the MOT and the rota were the big things.",
    "So all in all it has been a busy year with the new rota and the van.",
    "As set out above, the van and the rota mattered most to me.",
])
def test_a_spoken_reviews_restating_opening_says_it_restates(restating):
    """Issue 19's c15 shape: 'Like I said …', 'So all in all …' open a sentence that only says again what the
    review said; with no fact of its own it goes. One with a new figure stays."""
    lists = CleanupSettings(user_lists=False, stock_threshold=1.0)
    body = "## My year\n\nIn March the van passed its MOT. I set up the new rota in May and it has worked well.\n"
    assert clean(body + "\n" + restating + "\n", lists).text == body
    new = "Like I said, the van passed its MOT, and it only needed 2 new tyres.\n"
    assert clean(body + "\n" + new, lists).text == body + "\n" + new


def test_a_restarted_section_loses_its_second_heading_and_its_new_text_joins_the_first():
    """Issue 19's c16 shape: a small model restarts a section under the same heading, telling it again and then
    adding something; the repeat and the second heading go, the new text stays under the first heading."""
    lists = CleanupSettings(user_lists=False, stock_threshold=1.0)
    first = ("## III. Safety\n\nI ran 48 weekly fire checks and found 6 blocked exits, all cleared the same day.\n\n")
    again = ("## III. Safety\n\nI ran 48 weekly fire checks and found 6 blocked exits, all cleared the same day.\n\n"
             "In May the fire officer's visit found no faults.\n\n**IV. Plans**\n\nTrain two more fire marshals.\n\n"
             "**IV. Plans**\n\nRenew the alarm contract in March.\n")
    assert clean(first + again, lists).text == (
        first + "In May the fire officer's visit found no faults.\n\n**IV. Plans**\n\nTrain two more fire marshals.\n\n"
        "Renew the alarm contract in March.\n")


def test_that_is_opens_a_restatement_only_before_the_figures_it_re_tells():
    """Issue 19's c13 shape: 'That is the highest … in the area' says something the figures do not; 'That is 286
    … against 241' re-tells them and goes."""
    lists = CleanupSettings(user_lists=False, stock_threshold=1.0)
    body = "You referred 47 customers to the savings team this year, and 19 of them opened an account. "
    new = "That is the best result of any adviser in the region, and it comes from listening before advising.\n"
    assert clean(body + new, lists).text == body + new
    said = "That is 19 accounts from 47 referrals.\n"
    assert clean(body + said, lists).text == body.rstrip() + "\n"


def test_a_sentence_singling_out_the_main_cause_or_change_names_a_topic():
    """Issue 19's c14 shape: 'X remain the main cause of …' and 'The biggest change this year was …' name the topic
    the sentences after them explain: no vague retelling of a figure, and no stock sentence."""
    text = ("## Service\n\nWe handled 84 complaints this year, 31 fewer than in 2023, most about refunds. Slow refunds "
            "remain the main cause of complaints. From June I checked the refund queue every morning.\n\n## Systems\n\n"
            "The biggest change this year was the self-checkout. The self-checkout went live in April.\n")
    assert clean(text).text == text


@pytest.mark.parametrize("closer", [
    'In summary, the metering work was steady and achieved the goal of "reading every meter on time".',
    'In summary, next year I will keep working hard and be a good "steward" of the station.',
    'In summary, we will continue to serve "the towns, the villages and the farms" with all our hearts.',
])
def test_a_slogan_quoted_as_the_goal_reached_or_the_role_played_is_no_name(closer):
    """Issue 19's c16 shape: a template closer quoting a slogan; the quotation is the slogan's, not a name, so the
    closer goes like one without it."""
    lists = CleanupSettings(user_lists=False, stock_threshold=1.0)
    body = "## Metering\n\nI read 41,300 meters this year and sent 612 bills out on the day.\n"
    assert clean(f"{body}\n{closer}\n", lists).text == body


def test_a_paragraph_sentence_telling_the_list_above_it_in_prose_goes_and_the_items_stay():
    """Issue 19's c14 shape: key figures as list items, then the paragraph under them opening with the same figures
    in a sentence; the items are the figures' place and stay. A sentence with a figure of its own stays."""
    lists = CleanupSettings(user_lists=False, stock_threshold=1.0)
    head = "### Parcels\n\n- Parcels delivered 48,200 (plan 45,000)\n- First-time delivery rate 93.4% (2023: 91.0%)\n\n"
    told = "Parcels had a strong year, with 48,200 delivered against a plan of 45,000 and first-time delivery at 93.4%."
    rest = " Most of the gain came from the new evening round.\n"
    assert clean(head + told + rest, lists).text == head + rest.lstrip()
    own = "Parcels had a strong year, with 48,200 delivered against a plan of 45,000 and 310 returned."
    assert clean(head + own + rest, lists).text == head + own + rest


def test_a_plain_item_before_the_figures_in_its_list_is_no_restatement_of_them():
    """Issue 19's c13 shape, as for a paragraph: a plain item leads up to a later item's figures in the same list
    ('Covers the … keyholder role on Sundays' before 'Keyholder cover on 28 Sundays')."""
    lists = CleanupSettings(user_lists=False, stock_threshold=1.0)
    text = ("**People**\n\n- Trained Leon and Chloe from scratch.\n- Covers the depot manager's keyholder role on "
            "Sundays.\n- Runs the Monday safety huddle.\n- Keyholder cover on 28 Sundays this year, twice at short "
            "notice.\n")
    assert clean(text, lists).text == text


def test_a_sentence_naming_the_change_just_given_again_with_its_figures_goes():
    """Issue 19's c13 shape: "That's a huge leap in output, from 88 to 117 …" re-tells the figures just given; one
    with a figure of its own stays."""
    lists = CleanupSettings(user_lists=False, stock_threshold=1.0)
    body = "## Picking\n\nPick rate went from 88 to 117 units per hour. "
    rest = "We moved the fastest lines to the front aisles.\n"
    assert clean(body + "That's a huge leap in output, from 88 to 117 units an hour! " + rest, lists).text == body + rest
    own = "That's a big jump, and errors fell to 0.4% as well. "
    assert clean(body + own + rest, lists).text == body + own + rest


def test_a_later_copy_of_the_texts_title_is_its_form_pasted_again():
    """Issue 19's c15 shape: a self-review pasted with the form's header twice; the later copy goes, the answers under
    it stay. A short title ('Summary') said again may be a section's own name and stays."""
    lists = CleanupSettings(user_lists=False, stock_threshold=1.0)
    title = "STAFF ANNUAL REVIEW – PART 1: SELF ASSESSMENT\n\n"
    first = title + "Q1. What went well?\n\nI cleared 140 repair tickets by June.\n\n"
    rest = "Q2. Anything else?\n\nThe van needs new tyres.\n"
    assert clean(first + title + rest, lists).text == first + rest
    short = "Summary\n\nI cleared 140 repair tickets by June.\n\n## Plans\n\nRenew the van lease.\n\n## Summary\n\n" + rest
    assert clean(short, lists).text == short


def test_content_words_remembered_for_a_loaded_table_equal_those_worked_out_with_a_plain_one():
    """content_words remembers its answers per loaded SynonymTable (hashed by identity); a plain dict is worked out
    each time. Both fold the same synonyms, and two tables of different words never share an answer."""
    from drafter.cleanup.similarity import SynonymTable, content_words

    text = "We closed the backlog and reduced the queue of customer complaints."
    table = SynonymTable({"reduc": "cut", "complaint": "grievanc"})
    other = SynonymTable({"reduc": "lower"})
    plain = dict(table)
    assert content_words(text, table) == content_words(text, plain) == content_words(text, table)
    assert "cut" in content_words(text, table) and "lower" in content_words(text, other)
    assert load_phrase_lists().synonyms.__class__ is SynonymTable


def test_a_templates_unfilled_sample_beside_the_authors_filled_telling_goes():
    """c351-07: the site's sample sentence with its blanks ("a total of XX discharge settlements") next to the
    author's own telling with the figure filled in: the sample goes as its repeat, the author's stays."""
    text = ("## Work\n\nThis year I handled a total of XX discharge settlement business, with no errors.\n\n"
            "This year I handled 1,204 discharge settlements with no errors.\n\nI also trained two new clerks.\n")
    out = clean(text).text
    assert "XX discharge" not in out and "1,204 discharge settlements" in out


@pytest.mark.parametrize("blank", [
    "This year I handled a total of XX discharge settlement business, with no errors.",  # nothing filled it in
    "Next year I will raise the discharge settlement accuracy above XX%.",  # a plan's target, no sample of a result
])
def test_a_blank_with_no_filled_telling_of_it_stays(blank):
    text = f"## Work\n\n{blank}\n\nThis year the discharge settlement accuracy was 99.2% over 1,204 settlements.\n"
    assert blank in clean(text).text


def test_a_paragraph_in_the_authors_language_that_translates_the_english_goes_sentence_by_sentence():
    """c356-05: the Spanish copy under the English paragraph; a sentence whose figures one English sentence gives
    goes as its translation, and one that adds what the English leaves out stays (no Spanish month is read)."""
    english = ("The district started the year with nine agencies and closed it with 64 active agents, against 58 at "
               "the end of 2023. Premium grew by 7.4% to MXN 288.2 million.")
    spanish = ("El distrito cerró el año con 64 agentes activos, contra 58 al cierre de 2023. Cabe mencionar que la "
               "agencia de Santa Anita se fusionó con la de Tlajomulco en octubre, por lo que cerramos el año con "
               "ocho oficinas.")
    more = ("## Agents\n\nI recruited 14 new agents, ran the monthly training for the whole district and moved all "
            "new business onto the tablet app by June, so paper applications fell to almost none by the end of the "
            "year.\n")
    out = clean(f"## District\n\n{english}\n\n{spanish}\n\n{more}").text
    assert english in out
    assert "contra 58 al cierre de 2023" not in out and "se fusionó con la de Tlajomulco en octubre" in out


@pytest.mark.parametrize("note", [
    "El 12% es el aumento general; el de la zona libre de la frontera norte no nos aplica y lo revisamos en 2024.",
    "ऑडिट में 3 छोटी गलतियाँ मिलीं, जो अक्टूबर तक ठीक कर दी गईं और 2024 में कोई नई गलती नहीं मिली।",
])
def test_a_note_in_another_language_with_a_figure_no_english_sentence_gives_with_it_stays(note):
    """c284-05, c294-04: the author's own note in Spanish or Hindi tells what no English sentence does."""
    text = f"## Payroll\n\nThe general increase was 12% this year, and the audit in 2024 found 3 minor errors.\n\n{note}\n"
    assert note in clean(text).text


def test_a_quoted_testimonial_is_no_stock_sentence():
    """Issue 19's r99 (c388-04): a customer's words the author cites as feedback, quoted over two sentences, were cut
    by the stock model ("I never felt like a number."). A sentence inside a quotation is someone's words, never
    stock; a stock line outside it still goes."""
    from drafter.stock_model import StockModel

    sure = CleanupSettings(stock_model=StockModel({}, {}, 30.0), furniture_threshold=1.0)
    quote = ('"Maria explained every step of the claim to me. I never felt like a number." – Mrs J. Ackroyd, Otley, '
             'March.')
    text = f"## Feedback\n\nI closed 212 claims this year.\n\n{quote}\n\nIt was a year to remember for all of us.\n"
    out = clean(text, sure).text
    assert quote in out and "a year to remember" not in out


def test_the_telling_the_next_sentence_compares_back_to_stays():
    """Issue 19's r99 (c388-02): "In 2024 I handled around 3,420 TEU." went as a restatement of the figure said
    before, and the next sentence, "Compared with 2023 (3,080 TEU) that is 11% more, …", then compared nothing."""
    text = ("## 2. Volumes\n\nThis year I handled 1,180 import files, around 3,420 TEU. Most came from Shanghai, "
            "Ningbo and Yantian, plus 64 LCL shipments from Ho Chi Minh City.\n\n"
            "In 2024 I successfully managed a portfolio of 1,180 import files, representing approximately 3,420 TEU, "
            "primarily originating from major Chinese ports.\n\n"
            "In 2024 I handled around 3,420 TEU. Compared with 2023 (3,080 TEU) that is 11% more, mainly because of "
            "the new Tilburg furniture contract that started in March.\n")
    assert "In 2024 I handled around 3,420 TEU. Compared with 2023" in clean(text).text
    said_again = text.replace(" Compared with 2023 (3,080 TEU) that is 11% more, mainly", " It grew, mainly")
    assert "In 2024 I handled around 3,420 TEU." not in clean(said_again).text  # nothing compared back: a repeat


def test_a_paragraph_told_again_with_a_figure_changed_is_no_earlier_version():
    """Issue 19's r102 (c398-05): a small model told a paragraph again with one figure changed (9,640 to 9,460) and the
    earlier went as the later one's earlier version, the figure said in the recap; which figure is right is the
    author's to say, so both stay."""
    first = ("I cleared 9,640 alerts from the name-screening system in 2024. I escalated 3 alerts to the MLRO as "
             "potential true matches.")
    again = ("I cleared 9,460 alerts from the name-screening system in 2024. Most were false positives. I escalated 3 "
             "alerts to the MLRO as potential true matches.")
    recap = "In 2024 I cleared 9,640 screening alerts and trained 143 staff."
    out = clean(f"## Screening\n\n{first}\n\n{again}\n\n## Summary\n\n{recap}\n").text
    assert "I cleared 9,640 alerts from the name-screening system in 2024." in out


def test_a_users_list_adds_words_to_a_word_class_and_its_patterns_name_classes(tmp_path, monkeypatch):
    home = tmp_path / "h"
    (home / "cleanup").mkdir(parents=True)
    (home / "cleanup" / "mine.toml").write_text(
        "chat = ['^[\\\\W_]*{=consent}[\\\\W_]+voilà\\\\b[^\\\\n]*']\n\n[words]\nconsent = ['parfaitement']\n",
        encoding="utf-8")
    monkeypatch.setenv("DRAFTER_HOME", str(home))
    out = clean("Parfaitement ! Voilà la version courte.\n\nJ'ai traité 1 204 dossiers en 2024.\n").text
    assert out == "J'ai traité 1 204 dossiers en 2024.\n"  # the user's word, in the user's pattern
    shipped = clean("Parfaitement ! Voilà la version courte.\n\nJ'ai traité 1 204 dossiers en 2024.\n",
                    CleanupSettings(user_lists=False, stock_threshold=1.0)).text
    assert "Voilà" in shipped
    (home / "cleanup" / "mine.toml").write_text("chat = ['{=no_such_class} here']\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"mine.toml: pattern .* names the word class '\{=no_such_class\}'"):
        load_phrase_lists(home / "cleanup")
    (home / "cleanup" / "mine.toml").write_text("[words]\nconsent = 'sure'\n", encoding="utf-8")
    with pytest.raises(InputError, match="mine.toml: words must be a table of lists of words"):
        load_phrase_lists(home / "cleanup")


def test_a_heading_whose_words_went_leaves_no_bare_marks():
    """A copied chat whose first answer went as an earlier version: its headings go whole, no "## " is left."""
    path = next((ROOT / "fixtures" / "cleanup-heldout").glob("c405-11-*.dirty.md"))
    from cleanup_quality import parse_marked

    text = parse_marked(path.read_text(encoding="utf-8"))[0]
    result = clean(text)
    assert "Le consegne puntuali (OTD) sono salite dall'88% al 93%" in result.text
    assert not [line for line in result.text.split("\n") if line.strip() in ("#", "##")]


RECAP_PROSE = ("# Summary 2024\n\n## Quotes\n\nThis year I processed 2,340 quotes in Salesforce and brought the average "
               "quote turnaround time down from 2.5 days to 1.2 days. In March I set up a new quote template for the "
               "Vantex pump range.\n\n## Renewals\n\nI chased 412 contract renewals over the year, and 371 of them "
               "renewed – a renewal rate of 90%.\n\n## Events\n\nIn June I organised the stand at the NEC in "
               "Birmingham. We logged 63 leads.\n\n")


def test_a_recap_table_after_the_account_goes_whole_and_one_with_a_fact_of_its_own_stays():
    table = ("## ✅ Key Achievements at a Glance\n\n| Area | Achievement |\n|---|---|\n"
             "| Quotes | 2,340 processed; turnaround 2.5 → 1.2 days |\n| Templates | Vantex pump range template (March) |\n"
             "| Renewals | 371 of 412 renewed (90%) |\n| Events | NEC Birmingham, 63 leads |\n\n")
    goals = "## Goals\n\nComplete the CIM certificate.\n"
    assert clean(RECAP_PROSE + table + goals).text == RECAP_PROSE + goals
    own = table.replace("| Events | NEC Birmingham, 63 leads |", "| Events | NEC Birmingham, 63 leads, 9 orders |")
    assert "| Events | NEC Birmingham, 63 leads, 9 orders |" in clean(RECAP_PROSE + own + goals).text
    first = "# Summary 2024\n\n" + table + RECAP_PROSE.split("\n\n", 1)[1] + goals  # on top, it is the first telling
    assert "| Quotes | 2,340 processed; turnaround 2.5 → 1.2 days |" in clean(first).text


@pytest.mark.parametrize("sentence, month", [("Quiero postularme en la convocatoria de marzo.", "march"),
                                             ("Im März habe ich die Kasse übernommen.", "march"),
                                             ("Pada bulan Agustus saya pindah cabang.", "august"),
                                             ("W październiku wdrożyłam KSeF.", "october"),
                                             ("Ekim ayında yeni depo açıldı.", "october"),
                                             ("З березня по травень заміщала колегу.", "march"),
                                             ("В сентябре я перешла в новый отдел.", "september")])
def test_a_month_in_the_authors_language_is_a_date_the_guard_keeps(sentence, month):
    assert month in facts_of(sentence)
    text = f"# Report\n\nI served 4,100 clients.\n\n{sentence}\n"
    result = clean(text, CleanupSettings(stock_threshold=0.0))  # the stock model would take any sentence
    assert sentence in result.text


def test_what_a_run_reads_of_its_sentences_is_forgotten_when_it_ends():
    from drafter.cleanup.facts import RUN_MEMORY, one_run_memory

    text = "# 2024\n\nI served 4,100 clients in March.\n\nI served 4,100 clients in March.\n"
    with one_run_memory():
        assert facts_of("I served 4,100 clients in March.") == {"4100", "march"}
        assert RUN_MEMORY.get()  # remembered within the run
    assert RUN_MEMORY.get() is None
    assert clean(text).text == "# 2024\n\nI served 4,100 clients in March.\n" and RUN_MEMORY.get() is None
