"""What chat models write around a summary goes (drafter/data/cleanup/chat.toml), by its shape, and nothing of the
author's goes with it; where a repeat stands both in a list item and in a later paragraph, the item stays."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.cleanup import CleanupSettings, clean
from helpers import clean_with_lists_only

ROOT = Path(__file__).resolve().parent.parent
CHAT = ROOT / "fixtures" / "cleanup-chat"
LISTS_ONLY = CleanupSettings(user_lists=False, stock_threshold=1.0)  # the phrase lists alone, not the stock model


_clean = clean_with_lists_only


def test_a_chat_draft_loses_its_wrapping_and_keeps_every_figure():
    text = (CHAT / "settlement-clerk.md").read_text(encoding="utf-8")
    out = _clean(text)
    for gone in ["Sure!", "Here's a year-end", "*Note:", "Feel free", "Let me know", "In summary",
                 "fewer than one in ten thousand"]:
        assert gone not in out
    for kept in ["18,420", "0.008%", "2.1 days", "1.4 days", "12%", "2023", "2025", "June", "Harbour",
                 "## Looking Ahead", "2. **Accuracy:** Kept the error rate at 0.008%."]:
        assert kept in out


def test_an_ai_disclaimer_and_an_offer_of_help_go():
    result = clean((CHAT / "inside-sales.md").read_text(encoding="utf-8"), LISTS_ONLY)
    assert result.text.startswith("**Year-End Summary: Inside Sales**")
    assert "As an AI" not in result.text and "I hope this helps" not in result.text
    assert "let me know" not in result.text and "more than half" not in result.text
    for kept in ["1,312 orders", "$2.4 million", "9%", "46 new accounts", "3 hours", "7 hours in January"]:
        assert kept in result.text
    assert {edit.kind for edit in result.edits} == {"chat", "restatement"}


@pytest.mark.parametrize("wrapper", [
    "Of course! Here is the year-end review you asked for, built from your notes:",
    "Absolutely. I've drafted a concise summary using the bullet points you shared.",
    "Please note that the figures above come from the details you supplied and may need to be updated.",
    "_Disclaimer: numbers should be verified against your records before submission._",
    "Remember to double-check the dates and figures before submitting.",
    "Would you like me to make the tone more formal or shorten it?",
    "If you'd prefer a version with headings, I can rewrite it.",
    "Don't hesitate to ask for another version.",
    "I'm an AI, so I can't confirm these numbers.",
    "I hope this meets your needs!",
    "You got it!",
    "Okay — here is a cleaner draft with the results moved to the top.",
    "Here is the review, written in a friendly first-person tone for your team leader.",
    "I have arranged your notes under four headings so the manager can skim them.",
    "Should I also prepare a one-page version for the board?",
    "What is your next request?",
    "I am happy to help with the remaining parts.",
    "You might want to swap the placeholder for a real customer story.",
    "You can copy this straight into the review template.",
    "Write in plain English, in the first person.",
    "Avoid slogans and metaphors.",
    "Report every figure with its unit, exactly as given.",
    "Don't repeat facts that other sections cover.",
    "Other parts of this report deal with training and plans.",
    "The achievements are described in the next section.",
    "This section covers my daily work.",
], ids=lambda s: s[:30])
def test_chat_wrappers_go_by_their_shape(wrapper):
    """None of these is written in chat.toml; each has the shape of one that is."""
    text = f"Processed 1,204 claims for Kelvedon Clinic in 2024.\n\n{wrapper}\n"
    assert _clean(text) == "Processed 1,204 claims for Kelvedon Clinic in 2024.\n"


@pytest.mark.parametrize("sentence", [
    "Note: the 2023 figure excludes the Eastgate branch.",
    "Please note the new filing deadline of 15 March.",
    "This growth came mainly from the new Eastgate store.",
    "This result put the team first in the region for the third quarter running.",
    "If you need a payslip corrected, the office now answers within 2 days.",
    "I have organised the archive into 14 boxes, one per supplier.",
    "Keep every invoice filed by 30 June, as the auditors asked.",
    "No complaints and no slogans on the 3 new posters.",
], ids=lambda s: s[:30])
def test_an_authors_sentence_of_a_like_shape_stays(sentence):
    """A sentence of the author's with the look of a wrapper, or a wrapper's words and a figure of its own."""
    text = f"Processed 1,204 claims for Kelvedon Clinic in 2024, twice as many as in 2023.\n\n{sentence}\n"
    assert sentence in _clean(text)


def test_a_letters_wrapping_goes_with_its_sign_off():
    text = ("Dear [Manager's Name],\n\nPlease find below my summary of 2024.\n\n# Summary\n\n"
            "Processed 1,204 claims for Kelvedon Clinic in 2024.\n\nKind regards,\n[Your Name]\nClaims Handler\n")
    assert _clean(text) == "# Summary\n\nProcessed 1,204 claims for Kelvedon Clinic in 2024.\n"
    own = "Dear Ms Porter,\n\nProcessed 1,204 claims in 2024.\n\nKind regards,\n\nAnn Lee\nClaims Handler\n"
    assert _clean(own) == own  # the author's own letter: its greeting to a real name and sign-off over their name
    signed = "Processed 1,204 claims for Kelvedon Clinic in 2024.\n\n**[Your Name]**\nClaims Handler\n"
    assert _clean(signed) == "Processed 1,204 claims for Kelvedon Clinic in 2024.\n"


def test_a_retelling_goes_only_after_the_figure_it_retells():
    retold = "Kept the error rate at 0.008%. This remarkable achievement means fewer than one in ten thousand forms needed correction.\n"
    assert _clean(retold) == "Kept the error rate at 0.008%.\n"
    alone = "This remarkable achievement means fewer than one in ten thousand forms needed correction.\n"
    assert _clean(alone) == alone  # nothing before it to retell: it is the only telling


def test_a_list_item_keeps_its_place_against_a_later_paragraph():
    """The issue: a repeat in a numbered item and in a later paragraph; the item stays as it was."""
    text = ("## Key results\n\n1. Processed 18,420 settlement instructions, up 12% on 2023.\n"
            "2. Cut the average settlement time from 2.1 days to 1.4 days.\n\n## Summary\n\n"
            "Over the year I processed 18,420 settlement instructions for the Harbour branch, up 12% on 2023. "
            "I also cut the average settlement time from 2.1 days to 1.4 days, which our clients noticed.\n")
    out = _clean(text)
    assert "1. Processed 18,420 settlement instructions, up 12% on 2023.\n" in out
    assert "2. Cut the average settlement time from 2.1 days to 1.4 days.\n" in out
    assert "for the Harbour branch" in out  # it tells more than the item: it stays too
    assert "which our clients noticed" not in out  # it tells nothing the item does not: it goes


def test_a_figure_retold_in_words_goes_after_its_list_and_only_with_the_same_amounts():
    text = ("1. **Hand hygiene:** compliance rose from 88% in Q1 to 94.2% in Q4.\n\n"
            "This achievement demonstrates that compliance went from eighty-eight percent to ninety-four point two "
            "percent over the year.\n")
    assert _clean(text) == "1. **Hand hygiene:** compliance rose from 88% in Q1 to 94.2% in Q4.\n"
    other = text.replace("ninety-four point two", "ninety-five")
    assert _clean(other) == other  # ninety-five is no figure said: the guard and the pass both keep it
    after_heading = text.replace("\n\nThis", "\n\n## Next\n\nThis")
    assert _clean(after_heading) == after_heading  # under another heading it retells nothing


def test_a_list_item_with_figures_is_no_restatement_of_the_overview_that_sums_it_up():
    text = ("The district wrote £4.82 million in gross written premium, up 7.4% on 2023, while the loss ratio "
            "improved from 64% to 58%.\n\n## Key Results\n\n"
            "* **Premium growth:** Gross written premium reached £4.82 million (+7.4%).\n")
    assert _clean(text) == text


def test_the_telling_kept_of_a_repeat_is_not_then_removed_as_a_restatement():
    """Both copies of "My main goals were …" must not go: the closing copy went as its repeat."""
    text = ("This year I planned deliveries to 340 stores. My main goals were to cut empty running, keep on-time "
            "delivery above target and bring down the cost per drop.\n\n"
            "- **On-time delivery:** Deliveries within the window rose from 93.1% to 96.4%.\n"
            "- **Empty running:** Cut empty truck kilometres by 11%.\n"
            "- **Cost per drop:** Cut the average cost per drop from £61 to £55.\n\n## Conclusion\n\n"
            "This year I planned deliveries to 340 stores. My main goals were to cut empty running, keep on-time "
            "delivery above target and bring down the cost per drop.\n")
    out = _clean(text)
    assert out.count("My main goals were to cut empty running") == 1
    assert out.count("340 stores") == 1


def test_a_results_list_keeps_its_items_against_the_overview_and_a_retelling_of_an_earlier_figure_goes():
    text = ("**Overview**\n\nI closed $1.42 million in new and renewal revenue against a quota of $1.3 million "
            "(109%), and closed 27 deals.\n\n**Key Achievements**\n\n"
            "1. **Revenue:** Closed $1.42 million in new and renewal business, 109% of quota.\n"
            "2. **Referrals:** 9 of my 27 deals came from referrals.\n\n"
            "This achievement demonstrates that I reached one hundred and nine percent of my quota.\n\n"
            "This achievement means two more clients signed with us.\n")
    out = _clean(text)
    assert "1. **Revenue:** Closed $1.42 million in new and renewal business, 109% of quota." in out
    assert "one hundred and nine percent" not in out
    assert "two more clients" in out  # a small count in words is a count of its own


def test_a_last_line_cut_off_by_a_token_limit_goes_but_a_last_list_item_stays():
    text = "## Plans\n\nI will cut waiting times to 5 minutes.\n\n- The canteen\n"
    assert _clean(text) == "## Plans\n\nI will cut waiting times to 5 minutes.\n"
    listed = "## Plans\n\n- Cut waiting times to 5 minutes.\n- Train new staff\n"
    assert _clean(listed) == listed
    alone = "## Plans\n\n- Train new staff\n"
    assert _clean(alone) == alone


def test_a_closing_paragraph_that_tells_past_figures_again_goes_but_a_plan_or_a_new_figure_stays():
    body = ("## Overview\n\nIn 2024 I answered 9,842 calls and 2,116 e-mails.\n\n## Plans for 2025\n\n"
            "- Raise first-call resolution to 80%.\n\n")
    assert _clean(body + "In 2024 I answered 9,842 calls and 2,116 e-mails and had fewer complaints.\n") == \
        body.rstrip("\n") + "\n"
    for closing in ["Next year I will raise first-call resolution to 80% with 2 new staff.\n",
                    "In 2024 I answered 9,842 calls, 312 of them in Welsh.\n"]:
        assert _clean(body + closing) == body + closing


def test_a_closing_recap_that_makes_a_record_claim_said_nowhere_else_stays():
    body = "## Stock\n\nLocation accuracy went from 96.1% in January to 98.4% in December.\n\n"
    assert _clean(body + "Overall, location accuracy ended the year at 98.4%.\n") == body.rstrip("\n") + "\n"
    closing = "Overall, location accuracy ended the year at 98.4%, the highest the site has recorded.\n"
    assert _clean(body + closing) == body + closing


def test_a_restating_sentence_that_goes_on_to_a_dated_clause_of_its_own_stays():
    body = ("The PEWS audit in January found 79% of charts scored correctly. In December I was trained on the nasal "
            "high-flow machines.\n\n")
    assert _clean(body + "As noted earlier, I learned to use the high-flow machines in December.\n") == \
        body.rstrip("\n") + "\n"
    later = ("As noted earlier, I learned to use the high-flow machines in December; I have since been asked to "
             "teach them to the new starters in January.\n")
    assert later.strip() in _clean(body + later)


def test_in_other_words_with_the_figures_of_the_sentence_before_goes_but_not_with_one_of_its_own():
    text = ("Of the 286, I approved 198, declined 61 and referred 27 to the credit committee. In other words, 198 "
            "were approved, 61 were declined and 27 went to committee. That is 45 more applications than in 2023.\n")
    assert _clean(text) == ("Of the 286, I approved 198, declined 61 and referred 27 to the credit committee. That is "
                            "45 more applications than in 2023.\n")


@pytest.mark.parametrize("wrapper", [
    "This summary was produced using an AI assistant and may include mistakes.",
    "AI-written text: please proofread before you submit it.",
    "Content created with Copilot.",
    "Proofread carefully before sharing.",
    "Suggested changes: Mention the Harrow and Wembley teams by name.",
    "Optional additions: A quote from Dr Patel would round this off.",
    "<|im_start|>assistant",
    "<|eot_id|>",
    "[INST] Now do the plans part, about 100 words. [/INST]",
    "### Response:",
    "Prompt: summarise the year for a claims handler.",
    "User: Continue with the next part please. Assistant:",
    "The next section should summarise training and certificates.",
    "In this part, list the problems met during the year.",
    "Now write the training section in the same style.",
    "You are an expert HR writer who drafts appraisal texts.",
    "You are helping a nurse write her annual review.",
    "I've set it out to match your appraisal form.",
    "Hello!",
    "Here you are:",
    "Below is a tidier version of your review as a Harrogate pharmacist, in plain British English.",
    "I have tidied your annual review to read more formally.",
], ids=lambda s: s[:30])
def test_ai_notices_suggestions_and_leaked_prompts_go_by_their_shape(wrapper):
    """A model's notice that it wrote the draft, its suggestions to the user, a chat template's tokens and a recited
    prompt (issue 19's c5 and c7 shapes, in other words than theirs)."""
    text = f"Processed 1,204 claims for Kelvedon Clinic in 2024.\n\n{wrapper}\n"
    assert _clean(text) == "Processed 1,204 claims for Kelvedon Clinic in 2024.\n"


@pytest.mark.parametrize("sentence", [
    "I wrote the section on returns for the 2024 handbook.",
    "The report was prepared with the finance team in March.",
    "Write-offs fell to 3 this year.",
    "Input errors fell from 41 to 12.",
], ids=lambda s: s[:30])
def test_an_authors_sentence_like_a_notice_or_prompt_stays(sentence):
    text = f"Processed 1,204 claims for Kelvedon Clinic in 2024.\n\n{sentence}\n"
    assert sentence in _clean(text)


def test_a_figure_retold_in_words_right_after_it_goes_without_an_opening_too():
    """Issue 19's c6 shape: "The on-time delivery rate was over ninety percent." after "… the on-time delivery rate
    was 96.2%.": the same thing, in the same words, its amount in words. About something else, or another amount,
    it stays."""
    text = ("We posted 8,120 entries and the on-time delivery rate was 96.2%. The on-time delivery rate was over "
            "ninety percent.\n")
    assert _clean(text) == "We posted 8,120 entries and the on-time delivery rate was 96.2%.\n"
    halved = ("Arrears fell from £41,000 to £18,500 by December. Arrears were cut by more than half. "
              "This is a fall of about one fifth on the year before.\n")
    assert _clean(halved) == "Arrears fell from £41,000 to £18,500 by December.\n"
    before = "We posted 8,120 entries and the on-time delivery rate was 96.2%. "
    for other in [before + "Audit scores were over ninety percent.\n",
                  before + "The on-time delivery rate was under fifty percent.\n"]:
        assert _clean(other) == other


def test_a_stray_code_fence_is_debris_and_the_prose_after_it_is_still_cleaned():
    """Issue 19's c7 shape: a small model leaves a "```" it never closes, or wraps its own Markdown in "```markdown";
    the fence lines go and the text inside or after them is prose, cleaned as such. A real code block stays."""
    stray = ("## Results\n\n- Sorted 9,400 parcels.\n\n```\n\n## Lessons\n\n"
             "I learned to ask for help early. I learned to ask for help early.\n")
    assert _clean(stray) == "## Results\n\n- Sorted 9,400 parcels.\n\n## Lessons\n\nI learned to ask for help early.\n"
    wrapped = "## Results\n\n~~~md\n- Sorted 9,400 parcels.\n- Sorted 9,400 parcels.\n~~~\n\nAll on time.\n"
    assert _clean(wrapped) == "## Results\n\n- Sorted 9,400 parcels.\n\nAll on time.\n"
    code = "## Tools\n\n```sql\nSELECT 1;\nSELECT 1;\n```\n\nI wrote 12 queries.\n"
    assert _clean(code) == code


def test_a_bare_fence_round_a_models_markdown_answer_is_debris_and_a_code_block_stays():
    """A small model wraps its whole answer in a bare "```" pair (c402-08): inside are headings and sentences, so
    the fences go and the answer is cleaned as prose (its sentence said twice goes). A bare fence round code (lines
    ending in ";" or "{", assignments) stays as written, repeats and all."""
    answer = ("## I. Introduction\n\nI support 6 buildings with 412 units.\n\n## II. Rent\n\n"
              "Arrears fell from $46,300 to $18,900. Arrears fell from $46,300 to $18,900.\n\n"
              "## III. Goals\n\nI will finish the licensing course by June 2025.\n")
    assert _clean("```\n" + answer + "```\n") == answer.replace(" Arrears fell from $46,300 to $18,900.\n", "\n")
    code = "## Tools\n\n```\ntotal = sum(rows);\ntotal = sum(rows);\nprint(total);\n```\n\nI wrote 12 macros.\n"
    assert _clean(code) == code


def test_a_paragraphs_last_sentence_cut_off_by_a_token_limit_goes():
    """Issue 19's c7 shape: a small model writing section by section stops mid-sentence at each section's limit."""
    text = ("## Plans\n\nI will sit the payroll diploma in May. I would also like to spend more time with the\n\n"
            "## Lessons\n\nI learned to check rates twice. Rates are set by HR\n")
    assert _clean(text) == ("## Plans\n\nI will sit the payroll diploma in May.\n\n"
                            "## Lessons\n\nI learned to check rates twice. Rates are set by HR\n")
    with_fact = "I will sit the diploma. I would also like to visit the Leeds office with\n"
    assert _clean(with_fact) == with_fact


@pytest.mark.parametrize("wrapper", [
    "Section: Plans for Next Year (two short paragraphs)",
    "Task: write the Training section of an annual review for a ward clerk, first person.",
    "Persona: stores supervisor; tone: upbeat, first person",
    "Keep a friendly tone throughout.",
    "Be concise and include figures wherever you can.",
    "NB: I've assumed your targets are calendar-year targets, so change them if your firm runs April to March.",
    "If you send me your appraisal form, I can fit the headings to it.",
    "Let me break it down:",
    "Tip: if you paste this into the HR form, you may want to drop the emojis.",
    "I can turn this into a table with objectives and evidence.",
    "Note: I have assumed the year runs from April to March.",
    "Note: I've left out the absence details, as those are usually discussed separately.",
    "You may want to add examples for each person on the team.",
    "#Payroll #YearInReview #Teamwork #Grateful #LeisureJobs",
    'I\'ve drafted your review from "Scorecard Q4.xlsx" and your notes, so check the figures against the final one.',
], ids=lambda s: s[:30])
def test_a_recited_prompt_a_note_on_what_the_model_assumed_and_an_offer_go(wrapper):
    """Issue 19's c9 and c11 shapes, in other words than theirs: a small model's recital of the prompt's scaffolding
    and style rules, a chat model's note on what it assumed, and an offer that waits on the user; and c13's: its
    lead into a list, its tip and offer to redo the draft, its note on what it left out, a line of hashtags."""
    text = f"Processed 1,204 claims for Kelvedon Clinic in 2024.\n\n{wrapper}\n"
    assert _clean(text) == "Processed 1,204 claims for Kelvedon Clinic in 2024.\n"


@pytest.mark.parametrize("prompt, answer", [
    ("[INST] You are writing a year-end summary for a teller. First person, about 400 words. Facts: 21,000 "
     "transactions, vault custodian since September. [/INST]\n",
     "Year-End Summary – Teller\nSt. Vital Branch, Winnipeg\nJanuary – December 2024\n"),
    ("<|im_start|>system\nYou write appraisals.<|im_end|>\n<|im_start|>user\nWrite mine from these notes. Keep it to "
     "one page.<|im_end|>\n<|im_start|>assistant\n", "Year-End Summary – Teller\n"),
    ("<|user|>\nMake it shorter and more formal, please. Mention the vault.\n<|assistant|>\n",
     "Year-End Summary – Teller\nJanuary – December 2024\n"),
], ids=["inst", "im_start", "user-assistant"])
def test_a_prompt_between_a_chat_templates_tokens_goes_and_the_answer_after_the_closing_token_stays(prompt, answer):
    """From the token opening the user's or system's turn to the one opening the answer it is the prompt, over
    several sentences; the answer run on after the closing token, with no blank line, stays (c298-04)."""
    body = "I processed about 21,000 transactions in 2024 at the St. Vital branch.\n"
    assert _clean(f"{prompt}{answer}\n{body}") == f"{answer}\n{body}"


def test_a_note_in_a_chat_templates_prompt_that_the_answer_never_tells_stays():
    """The user's notes between the tokens go when the answer tells them, but a note it never tells is a fact only
    the prompt states (c390-02's shape, in other words)."""
    told = "- processed 4,870 property tax declarations"
    untold = "- covered the Karşıyaka service point alone for 3 weeks in October"
    prompt = (f"<|im_start|>user\nWrite my year-end summary from these notes:\n{told}\n{untold}\n"
              "- thank the team<|im_end|>\n<|im_start|>assistant\n")
    body = "Year-End Summary – Tax Clerk\n\nIn 2024 I processed 4,870 property tax declarations.\n"
    out = _clean(prompt + body)
    assert untold in out and told not in out and "<|im_" not in out and body in out


def test_the_guard_reads_no_fact_in_a_user_turn_run_into_the_authors_last_sentence():
    """"Can" opening the user's turn after "<|user|>" is no name the author's sentence loses (c206-03)."""
    text = ("## Results\n\nI handled 11,204 calls in 2024.\n\n## Conclusion\n\nI look forward to growing further in "
            "2025.<|end|>\n<|user|>\nCan you make it shorter?<|end|>\n<|assistant|>\n")
    assert "Can you" not in clean(text).text


def test_a_bracket_tying_a_month_to_a_figure_is_the_authors_not_a_blank_to_fill():
    """A form's blank ("- [Add another goal]", "- [Insert 2–3 goals]") goes; an insertion marked in review with a date
    ("- [+ CNESST statement of wages – filed March 12]") is the author's and stays (c300-07)."""
    kept = "- [+ CNESST annual statement of wages for Laval – filed March 12]\n"
    text = f"## Filings\n\n- Filed the health tax return on March 14.\n{kept}- [Insert 2–3 goals]\n"
    assert _clean(text) == f"## Filings\n\n- Filed the health tax return on March 14.\n{kept}"


@pytest.mark.parametrize("label", ["**Tips for polishing:**", "Why this version works:", "**Next steps for you:**",
                                   "If you'd like, I could also:"])
def test_the_list_under_a_models_label_to_the_user_goes_with_it(label):
    text = ("## Results\n\n- Processed 1,204 claims for Kelvedon Clinic in 2024.\n- Trained two new clerks.\n\n"
            f"{label}\n- Add one line on a course you took, if you had one.\n- Match the headings to your form.\n")
    assert _clean(text) == ("## Results\n\n- Processed 1,204 claims for Kelvedon Clinic in 2024.\n"
                            "- Trained two new clerks.\n")


def test_a_list_under_the_authors_own_label_stays():
    for text in ["What I changed:\n- Moved the 3 printers to the ground floor.\n- Added two spare toner boxes.\n",
                 "Section 4 covers the move:\n- We moved in May.\n"]:
        assert _clean(text) == text


# What stands before the summary and is not the author's, by issue 19's shapes: c14's office template's instructions
# to whoever fills it in, c13's chat-model preface (compliment, the answer presented, how it was written; the
# paragraph goes whole once one sentence of it is the model's), and c16's prompt recited between sections, which
# names parts in words ('part three') that are no counts of the author's
BEFORE_THE_SUMMARY = [
    "*Describe the work you are proudest of here, with examples where you can.*",
    "*Outline any problems you met and how you dealt with them.*",
    "*Set two to four goals for the year ahead.*",
    "*List courses and qualifications completed.*",
    "*Each objective should be measurable.*",
    "*Guidance: a short paragraph on your role.*",
    "*Click or tap here to add text.*",
    "*Replace this text with your own overview.*",
    "Here are the main points from your notes, set out under the template's headings.",
    "Absolutely, glad to help! Here's a friendly year-end review for Dana based on your notes.",
    "What great notes to start from! Here's an upbeat review you can paste into your appraisal form.",
    "Sure! Here's a crisp, punchy review. I've kept it short and warm.",
    "Okay! Below is a formal report built from your notes. I have used a numbered format the board will expect.",
    "Please write the work summary according to the following requirements: part two is about safety, part three "
    "is about training.",
    "(The following is the second part of the summary, please continue writing in the same style.)",
]


@pytest.mark.parametrize("wrapping", BEFORE_THE_SUMMARY)
def test_template_instructions_a_chat_preface_and_a_recited_prompt_go(wrapping):
    body = "# Review: Dana Hale\n\nDana closed 312 claims this year, 41 more than last year.\n"
    assert _clean(f"{wrapping}\n\n{body}") == body


def test_the_authors_own_plans_and_a_bracketed_slot_stay():
    """A plan in the imperative is the author's; a bracketed instruction inline is a placeholder still to fill."""
    text = ("## Next year\n\n- Set up a shared calendar for the two new reps.\n"
            "- List every supplier on the new portal.\n- Give the March refresher to the night team.\n\n"
            "I closed 312 claims this year. [Insert an example you are proud of here]\n")
    assert _clean(text) == text


def test_a_paragraph_that_tells_more_than_the_highlight_it_repeats_stays_beside_it():
    """Issue 19's c13 shape: a highlights list, then the body telling each point with more to say. A body sentence
    that adds as many words of its own as the item has is no repeat: both stay. One that adds only a word or two
    ("I am proud that I was able to …") goes, and the item stays in its place."""
    head = "## Highlights\n\n- Passed the forklift licence in June\n- Reactivated 14 dormant supplier accounts\n\n"
    fuller = ("## The year\n\nIn June I passed the forklift licence, which means the yard no longer waits for the day "
              "supervisor to move pallets on the late shift.\n")
    assert _clean(head + fuller) == head + fuller
    thin = "## The year\n\nI am proud that I was able to reactivate 14 dormant supplier accounts.\n"
    assert _clean(head + thin) == head + "## The year\n"  # (the heading left empty is the author's)


def test_a_highlight_with_a_figure_is_no_restatement_of_the_body_that_tells_it_later():
    """Issue 19's rule, c13's shape: the item in the highlights list is the telling in its place; a body sentence
    that tells it in full later does not make it a vague restatement (the item's 'more than 80' is hedged)."""
    text = ("## Highlights\n\n- Kept the branch's cash count right all year\n"
            "- Helped more than 80 members onto online banking\n\n## Members\n\n"
            "Since March you have helped more than 80 members register for online banking, many of them members who "
            "had never used it.\n")
    assert "- Helped more than 80 members onto online banking" in _clean(text)


RECAP_BODY = ("## Payroll\n\nI paid 2,340 employees every month and submitted all 12 EMP201 returns on time.\n\n"
              "I cut the error rate from 0.61% to 0.38% by checking overtime before each run.\n\n"
              "## Systems\n\nI set up the two-pot retirement system in September with the Sage team.\n\n")


def test_a_recap_list_under_a_takeaways_label_after_the_account_goes_with_its_label():
    """A chat model's "Key Takeaways" after the account: items that only tell its figures and words again go, and the
    label with them (c297-07); an emoji before an item's first word is no name ("🟢 Error rate …")."""
    recap = ("**Key Takeaways:**\n\n* 🟢 Error rate down to 0.38%\n* 🟢 Two-pot retirement system set up\n"
             "* 🟢 All 12 EMP201 returns on time\n")
    assert _clean(RECAP_BODY + recap) == RECAP_BODY.rstrip("\n") + "\n"


def test_a_recap_keeps_an_item_with_a_fact_of_its_own_and_then_its_label():
    recap = "**Key Takeaways:**\n\n* Error rate down to 0.38%\n* Trained Lerato Nkosi, who joined in June\n"
    out = _clean(RECAP_BODY + recap)
    assert "**Key Takeaways:**" in out and "Trained Lerato Nkosi, who joined in June" in out
    assert "* Error rate down to 0.38%" not in out


def test_a_paragraph_under_an_in_summary_heading_before_more_sections_is_a_recap_too():
    """The summing-up need not be the text's last paragraph: a list of the model's after it (c297-07)."""
    recap = ("### ✅ In Summary\n\nThis year I delivered payroll for 2,340 employees, brought errors down to 0.38% "
             "and introduced the two-pot retirement system. I also trained Lerato Nkosi, who joined in June.\n\n"
             "**Goals:**\n\n- Document the payroll procedures by March 2026.\n")
    out = _clean(RECAP_BODY + recap)
    assert "This year I delivered" not in out and "I also trained Lerato Nkosi, who joined in June." in out
    assert "- Document the payroll procedures by March 2026." in out


def test_highlights_at_the_top_and_an_authors_lesson_under_takeaways_stay():
    """Before the account a list is its first telling; a full sentence of the author's under "Key Takeaways" with no
    figure is as often a lesson of theirs, and the recap pass leaves it (h10-08)."""
    from drafter.cleanup.phrases import lists_for
    from drafter.cleanup.restatements import remove_recap_sections
    from drafter.cleanup.run import Run

    top = "## Highlights\n\n* Error rate down to 0.38%\n* All 12 EMP201 returns on time\n\n"
    assert _clean(top + RECAP_BODY) == top + RECAP_BODY.rstrip("\n") + "\n"
    lesson = "Errors drop when overtime is checked before each run, so I now check it weekly."
    settings = CleanupSettings(user_lists=False)
    text = RECAP_BODY + f"## Key Takeaways\n\n- {lesson}\n- Error rate down to 0.38%\n"
    run = Run(text, settings, lists_for(settings))
    remove_recap_sections(run)
    removed = [s.text for b in run.blocks for s in b.sentences if s.removed]
    assert removed == ["Error rate down to 0.38%"]


def test_a_figure_only_the_reasoning_states_stays_and_the_rest_of_the_reasoning_goes():
    """The reasoning goes before the answer is read, but a sentence of it with a figure or date the answer left out
    is the user's fact, kept (c302-01); its guesses at names ("I think AKIB is …") are no facts."""
    text = ("<think>\nOkay, so the user wants a year-end summary for a dispatcher. They handled 14,260 calls.\n\n"
            "I think NCCC is the Northern Clinical Communications Centre. The EMD recertification was passed on "
            "18 October with a score of 96%, so that goes under training.\n</think>\n\n"
            "# Year-End Summary\n\nI handled 14,260 calls in 2024 at the communications centre.\n")
    out = clean(text).text
    assert "The EMD recertification was passed on 18 October with a score of 96%" in out
    assert "Okay, so the user" not in out and "I think NCCC" not in out and "<think>" not in out


def test_thinking_shown_with_no_tags_goes_with_its_next_steps_and_the_answer_stays():
    """A reasoning page copied with its fold open ("Thought process" over "The user works … and wants a summary") has
    no "<think>" round it: the paragraph in that voice goes, and so do the next steps right after it ("Let me …",
    "I should …"); the answer stays, and a figure only the thinking gives is kept."""
    text = ("Thought process\nThe user runs the parts counter at a tractor dealership in Manitoba and wants a short "
            "year-end summary for the owner. They gave me the sales, the stock count and the new catalogue.\n\n"
            "Let me keep it short. The stock count in March found a shrinkage of 0.6%.\n\n"
            "I should end with next year's plan.\n\n"
            "# Year-end summary 2024\n\nI sold parts worth CAD 1.42 million at the counter this year, and I moved "
            "our stock to the new catalogue system in June.\n\nIn 2025 I will train a second counter person.\n")
    out = clean(text).text
    assert "The user runs" not in out and "Let me keep it" not in out and "I should end" not in out
    assert "shrinkage of 0.6%" in out  # the guard keeps the one figure the answer leaves out
    assert "I sold parts worth CAD 1.42 million" in out and "In 2025 I will train a second counter person." in out


def test_a_help_desk_users_account_in_the_third_person_is_no_thinking():
    """"The user" in an analyst's own account, asking nothing of a writer, stays: the voice is the model's only after
    an aside ("Okay, the user …") or with the task ("… and wants a summary")."""
    text = ("# Service desk 2024\n\nThe user at the Leeds office was locked out 14 times in March, so I moved her "
            "account to the new sign-in policy.\n\nI closed 3,120 tickets this year.\n")
    assert clean(text).text == text


@pytest.mark.parametrize("intro", [
    "Il giorno lun 9 dic 2024 alle ore 10:15 Paola Greco <p.greco@example.it> ha scritto:",
    "Am Mo., 9. Dez. 2024 um 10:15 Uhr schrieb Paola Greco <p.greco@example.de>:",
    "Le lun. 9 déc. 2024 à 10:15, Paola Greco <p.greco@example.fr> a écrit :",
    "W dniu pon., 9 gru 2024 o 10:15 Paola Greco <p.greco@example.pl> napisał(a):",
])
def test_a_quoted_thread_under_a_mail_programs_intro_in_another_language_goes(intro):
    """Mail programs write the quoted message's intro in the user's language; the thread under it goes as under
    "On … wrote:"."""
    body = "## Casework\n\nIn 2024 I closed 64 cases and wrote 11 court reports.\n\n"
    text = body + intro + "\n> Ciao a tutti, the summaries are due on Friday.\n> Paola\n"
    out = clean(text).text
    assert "due on Friday" not in out and "Paola" not in out and "closed 64 cases" in out


def test_a_messaging_apps_chat_with_a_model_keeps_the_last_version_and_drops_the_stamped_turns():
    """WhatsApp's Meta AI chat copied whole: each message opens with its stamp and sender ("[3/12/2024, 9:14 pm] Meta
    AI: …"). The model's messages are answers and the user's are turns, so the first version goes when the user asks
    for another; the follow-up's figures are in the last version ("in Aug" is August), so it goes too."""
    text = ("[3/12/2024, 9:12 pm] Tomasz Wójcik: @Meta AI write my year end summary pls. warehouse shift lead at "
            "Nordpak in Łódź, 26 pickers on nights, 1.2 million order lines, mispicks down to 0.31%\n\n"
            "[3/12/2024, 9:13 pm] Meta AI: Here's a draft for you!\n\n"
            "This year I led 26 pickers on the night shift at Nordpak in Łódź. We picked 1.2 million order lines and "
            "brought mispicks down to 0.31%.\n\n"
            "[3/12/2024, 9:16 pm] Tomasz Wójcik: add the stocktake in Aug, 99.6% accuracy. more formal pls\n\n"
            "[3/12/2024, 9:16 pm] Meta AI: Sure! Here's a more formal version with the stocktake added:\n\n"
            "# Year-end summary 2024\n\nIn 2024 I led a night shift of 26 pickers at Nordpak, Łódź. The shift picked "
            "1.2 million order lines, and mispicks fell to 0.31%.\n\nThe August stocktake found 99.6% accuracy.\n")
    out = clean(text).text
    assert out.startswith("# Year-end summary 2024") and "The August stocktake found 99.6% accuracy." in out
    assert "This year I led 26 pickers" not in out and "more formal pls" not in out and "9:16 pm" not in out


def test_a_thread_among_colleagues_with_a_pasted_draft_is_no_chat_with_a_model():
    """Stamped messages with no model among the senders are colleagues' posts: no message reads as a model's answer,
    so the draft one pasted stays."""
    text = ("[3/12/2024, 9:12 pm] Tomasz Wójcik: boss, my summary below\n\n"
            "[3/12/2024, 9:13 pm] Tomasz Wójcik: This year I led 26 pickers on the night shift at Nordpak in Łódź.\n\n"
            "[3/12/2024, 9:40 pm] Ewa Nowak: ok, add the August stocktake, 99.6%\n")
    out = clean(text).text
    assert "This year I led 26 pickers on the night shift at Nordpak in Łódź." in out and "99.6%" in out


def test_a_follow_up_asking_for_an_extra_paragraph_goes_and_the_paragraph_stays():
    """A phone's chat page: the request after a greeting ("Salam. Please write …"), the answer, the app's buttons,
    then the user's follow-up with the figures of one more paragraph and the model's "Sure, here's the extra
    paragraph …:". The follow-up is the user's turn and goes; the paragraph is the answer's and stays, though it
    tells the follow-up's figures again."""
    text = ("Salam. Please write my yearly summary for the appraisal. I am refund clerk, 286 applications this year.\n\n"
            "Of course! Here is a simple year-end summary based on what you told me:\n\n"
            "In 2024 I filed 286 refund applications for our clients.\n\n"
            "Copy  Share\n\n"
            "Sir also wants the sales tax part. From October I did 9 exporters on FASTER, PKR 12.8 million came. "
            "Add as one paragraph only\n\n"
            "Edited\n\n"
            "Sure, here's the extra paragraph you can add at the end:\n\n"
            "From October I also handled sales tax refunds for 9 exporter clients on the FASTER system, and PKR 12.8 "
            "million was paid into their accounts.\n\n"
            "Copy  Share  Regenerate\n")
    out = clean(text).text
    assert "From October I also handled sales tax refunds for 9 exporter clients" in out
    assert "Sir also wants" not in out and "From October I did 9 exporters" not in out and "Salam" not in out
    assert "In 2024 I filed 286 refund applications for our clients." in out


def test_a_quoted_message_line_giving_a_figure_the_text_lacks_stays_and_the_thread_goes():
    """A colleague's correction in the thread quoted under the draft ("your recoveries closed at €187,450") is kept
    for the author to see (c304-10); the header, greetings, dates and signatures go."""
    text = ("## Recoveries\n\nMy subrogation recoveries reached €162,000 this year.\n\n"
            "On Tue, 10 Dec 2024 at 16:05, Niamh Kearney <niamh@example.ie> wrote:\n"
            "> Declan, your subrogation recoveries closed at €187,450 for the year, not the Q3 figure.\n"
            "> I'm out of the office until Monday 16 December with limited access.\n"
            "> Niamh Kearney | Claims Finance Analyst\n")
    out = clean(text).text
    assert "closed at €187,450 for the year" in out
    assert "wrote:" not in out and "out of the office" not in out and "Claims Finance Analyst" not in out


def test_a_chat_copied_from_an_app_that_shows_turns_by_initials_keeps_the_last_version_only():
    """Claude's page copied whole (c301-06): the user's turns under their initials ("MO"), the notes, the first
    answer under an opener in its second sentence ("I'll turn these into … Here's a draft:") and a later "more formal
    version" asked for: the notes and the first version go, the last stays, and a fact only the notes give is kept."""
    text = ("MO\nI need my year-end reflection. Can you turn these notes into something readable?\n"
            "- 31 child in care reviews\n- 9 court reports for Cork District Court\n"
            "- on intake duty 2 days a month since Easter\n\n"
            "I'll turn these into a reflective piece in the first person. Here's a draft:\n\n"
            "This year I attended 31 child-in-care reviews, which I really enjoyed, and I wrote 9 reports for Cork "
            "District Court, which I feel was a real achievement for me.\n\n"
            "MO\nThanks. Can you make it more formal? No \"I feel\", please.\n\n"
            "Of course. Here's a more formal version:\n\n"
            "During 2024 I attended 31 child-in-care reviews, a steady part of the role, and I prepared 9 reports for "
            "Cork District Court, each of them filed on time and accepted by the court without any changes.\n")
    out = clean(text).text
    assert "During 2024 I attended 31 child-in-care reviews, a steady part of the role" in out
    assert "which I really enjoyed" not in out and "Can you turn these notes" not in out and "Thanks." not in out
    assert "intake duty 2 days a month since Easter" in out


NOTES = ("- 214 active volunteers at 31 December, 188 a year before\n- 23,760 hours logged in Better Impact\n"
         "- 19 life stories finished\n- inductions in March and September, 18 hours each\n"
         "- 12 transport requests declined over winter\n")
FIRST_VERSION = ("Our volunteers are the beating heart of the hospice. By 31 December we had 214 active volunteers, up "
                 "from 188, and they logged 23,760 hours. They finished 19 life stories. Inductions ran in March and "
                 "September, 18 hours each. Over winter we declined 12 transport requests.")
LAST_VERSION = ("At 31 December we had 214 active volunteers (188 a year before), who logged 23,760 hours in Better "
                "Impact. Volunteers finished 19 life stories. We ran inductions in March and September, 18 hours "
                "each. We declined 12 patient transport requests over winter for want of drivers.")


def test_the_users_initials_over_each_turn_mark_where_the_model_answers():
    """The user's initials over each of their turns ("HP", twice or more) mark the turns, and the model's first words
    after one ("I'll turn …", "I've cut …") open its answer: the notes and the first version go, the last stays
    (c301-06's shape, in other words)."""
    text = (f"HP\nCan you write up my year for the board? Notes below.\n\n{NOTES}\n"
            f"I'll turn these into a warm report.\n\n{FIRST_VERSION}\n\n"
            "HP\nToo gushy. Make it plainer and keep every figure.\n\n"
            f"I've cut the praise and kept every figure.\n\n{LAST_VERSION}\n")
    out = clean(text).text
    assert LAST_VERSION in out
    assert "beating heart" not in out and "Too gushy" not in out and "- 19 life stories finished" not in out


def test_perplexitys_answer_label_marks_the_answers_and_the_question_above_each():
    """Perplexity's page: the question unlabelled, then "Answer" over each answer: the follow-up, the earlier answer
    and the labels go, the last answer, "the updated self-evaluation", stays (c393-12's shape). (Open: the notes
    above the first answer stay, and the last answer's sentences they say go as their repeats.)"""
    text = (f"Need a report for the board from my notes, please:\n\n{NOTES}\n"
            f"Answer\n{FIRST_VERSION}\n\nShare\n\n"
            "Make it plainer and keep every figure, no praise at all this time.\n\n"
            f"Answer\nHere is the updated self-evaluation:\n\n{LAST_VERSION}\n")
    out = clean(text).text
    assert "At 31 December we had 214 active volunteers (188 a year before)" in out
    assert "beating heart" not in out and "no praise at all" not in out and "Answer" not in out


def test_a_templates_answer_label_over_each_part_is_no_chat():
    """"Answer:" over each part of one reply is a template's label, not a chat's turns: no part of the reply is read
    as the user's question (c262-04)."""
    text = ("Answer:\nThis year I supported the four field sales reps in the Northern region.\n\n"
            "The hardest part was the delay on combi ovens. I kept a shared spreadsheet of every delayed order so the "
            "reps could see the new dates.\n\n"
            "Answer:\nNext year I want to learn to build my own reports in Salesforce.\n")
    out = clean(text).text
    assert "I kept a shared spreadsheet of every delayed order" in out


@pytest.mark.parametrize("row", ["☐ E   ☑ G   ☐ S   ☐ N",
                                 "☐ Excellent    ☒ Good    ☐ Satisfactory    ☐ Unsatisfactory"])
def test_a_rating_row_with_a_box_ticked_is_the_form_filled_in_and_an_empty_one_goes(row):
    """A template's empty rating scale goes as junk; with a box ticked it is the rating given (c303-07, c303-08)."""
    text = f"## Review\n\nI checked in 6,200 guests this year.\n\nOverall rating:\n{row}\n"
    assert row in _clean(text)
    empty = row.replace("☑", "☐").replace("☒", "☐")
    assert empty not in _clean(text.replace(row, empty))


@pytest.mark.parametrize("line", ["@tl_minji_park  ·  Dec 26, 2024  ·  ♡ 248   💬 17   🔖 530",
                                  "Characters used: 247 / 2000"])
def test_a_pages_counts_times_and_dates_on_its_own_line_are_no_facts_to_keep(line):
    """A social post's stamp and an editor's counter (c303-04, c303-09) go with the furniture pass: their counts,
    dates and times are the page's (the page_figure list), not the author's."""
    body = "## My year\n\nI handled 3,420 claims in 2024 and trained two new assessors.\n"
    assert clean(f"{body}\n{line}\n").text == body


def test_a_shops_click_and_collect_goal_is_no_pager():
    """"Click" and "collect" name two parts of a web page, but "click and collect" is a shop's own service: a goal
    naming it is the author's, with its figure (c314-09), while a pager naming both still goes."""
    goals = "Goals for 2025\n\n1. Shrink below 1.5%\n2. Click and collect pick rate to 85 items an hour by June\n"
    assert "85 items an hour by June" in _clean(f"## My year\n\nI ran Store 312 for five weeks.\n\n{goals}")
    assert "Collect" not in _clean("## My year\n\nI ran Store 312 for five weeks.\n\nClick to print · Collect\n")


def test_a_forms_ranking_field_filled_in_is_the_authors_answer():
    """"Self-ranking: Excellently completed the tasks." answers the form's field (c315-03), like a rating; the
    stock model is not asked about it."""
    text = ("**III. Work**\n\nI taught the 4-5 year class of 28 children and ran 12 parent meetings.\n\n"
            "**IV. Self-ranking**\n\nSelf-ranking: Excellently completed the tasks.\n")
    assert "Self-ranking: Excellently completed the tasks." in clean(text).text
    rated = text.replace("Self-ranking: Excellently completed the tasks.", "Self-rated: Completing tasks well.")
    assert "Self-rated: Completing tasks well." in clean(rated).text  # (c323-04)


def test_a_hedged_share_is_no_rounding_of_a_count_nor_of_a_share_it_does_not_round():
    """c322-05: "around 95%" satisfaction, said only there, is no rounding of "96 customers" nor of "92%" or
    "99.9%": the guard keeps it whatever pass took it."""
    text = ("## Service\n\nI activated the mobile app for 96 customers. I scored 92% in the mystery shopper check, and "
            "my accuracy rate was 99.9%. Customer satisfaction with my service also remained high at around 95%.\n\n"
            "## Results\n\nThe mystery shopper score was 92% and accuracy 99.9%; 96 customers use the app.\n")
    assert "around 95%" in clean(text).text


@pytest.mark.parametrize("source, retelling", [
    ("I cut average handle time from 412 to 368 seconds.", "This represents a reduction of 44 seconds in handle time."),
    ("Location accuracy went from 97.1% to 99.2%.", "This is an improvement of 2.1 percentage points over the year."),
    ("Bills of Entry went up from 5,420 to 6,180.", "That is an increase of around 14 per cent."),
    ("I dispensed 61,240 items this year, up from 52,717 in 2023.",
     "That is an increase of eight and a half thousand items on the year before."),
    ("We inspected 1,620 lots and 143 failed.", "That is, one hundred and forty-three lots did not pass."),
    ("In 2024 I made 1,026 home visits.", "That works out to roughly 20 visits every week."),  # c345-10: a rate
    ("I dispensed 22,500 items in 2024.", "That works out at roughly 90 items every working day."),
    ("We shipped 1,304 containers in 2024.", "That means we loaded more than one hundred containers every single month."),
    ("We ran 214 tests and found 11 positives.", "That represents a positivity rate of about 5 per cent."),
])
def test_a_sentence_that_only_works_out_the_figures_before_it_goes(source, retelling):
    """A retelling's opening ("This represents …", "That is, …") over amounts worked out from the sentence before
    (their difference, sum or change in percent, in digits to their last digit or rounded in words) tells nothing
    new (c313-01, c313-07, c313-12, c315-11): it goes, and the guard lets it, for the sentence it works from stays."""
    text = f"## Results\n\n{source} {retelling} I also trained two new starters.\n"
    out = _clean(text)
    assert retelling not in out and source in out and "two new starters" in out


@pytest.mark.parametrize("retelling", [
    "This represents a reduction of 45 seconds in handle time.",  # no sum of 412 and 368 gives 45
    "This represents a reduction of 44 seconds against the 2022 level.",  # a year the sentence before does not state
    "That is 44 seconds less than in March.",  # a month it ties to the figure
])
def test_a_retelling_with_an_amount_or_date_of_its_own_stays(retelling):
    text = f"## Results\n\nI cut average handle time from 412 to 368 seconds. {retelling}\n"
    assert retelling in _clean(text)


@pytest.mark.parametrize("source, retelling", [
    ("In 2024 I made 1,026 home visits.", "That works out to roughly 60 visits every week."),  # no week's share of it
    ("In 2024 I made 1,026 home visits.", "That works out to roughly 20 visits every month."),
    # c322-05: the change in percent from 2 to 1,350 is no figure a writer works out (a pair of unlike size)
    ("I recorded only two cash shortages, totalling KES 1,350.", "This represents an accuracy rate of approximately 99.9%."),
])
def test_a_rate_or_a_share_the_figures_before_do_not_give_stays(source, retelling):
    text = f"## Results\n\n{source} {retelling}\n"
    assert retelling in _clean(text)


def test_a_rate_the_text_gives_as_a_figure_of_its_own_is_no_retelling():
    """c333-12: the user's note gives "avg about 165 a day"; the answer's "That works out at about 165 orders a day"
    tells that figure, and it stays even while the note above it has gone as chat."""
    text = ("notes: 41,250 orders processed FY24, avg about 165 a day\n\n## Results\n\nI processed 41,250 orders in "
            "FY24. That works out at about 165 orders a day on average.\n")
    assert "That works out at about 165 orders a day on average." in _clean(text)


def test_amounts_in_words_with_a_half():
    from drafter.cleanup.facts import quantities_in

    assert quantities_in("eight and a half thousand items") == [8500]
    assert quantities_in("one and a half days, then one hundred and twenty") == [1.5, 120]


def test_a_retelling_that_works_out_a_sum_and_makes_a_record_claim_stays():
    text = ("## Results\n\nI cut average handle time from 412 to 368 seconds. "
            "This represents a reduction of 44 seconds, the best in the region.\n")
    assert "the best in the region" in _clean(text)


@pytest.mark.parametrize("note", [
    "Note: I wrote this in the first person and in simple English.",
    "Note: I used a memo format because this is common in Kenyan public service.",
    'I have also kept the Spanish word "albaranes" and explained it in brackets.',
    "I first listed the key facts and then wrote them out as a text.",
    "**Option A** is formal and detailed, suitable for the written appraisal; **Option B** is shorter and more personal.",
])
def test_a_models_note_on_how_it_wrote_goes_also_under_a_note_label(note):
    """A chat model's note on its own writing (c314-05, c314-07, c314-08, c313-04), also after "Note:", goes with
    what it names (a language, a country's custom): none of it is the author's."""
    body = "## My year\n\nI processed 1,460 tax returns in 2024 and handled 212 claims.\n"
    assert _clean(f"{body}\n{note}\n") == body


@pytest.mark.parametrize("own", [
    "Note: I used the new SAP module from March for all 1,460 returns.",
    "I rewrote the template letter for declined card disputes in plain English.",
    "Since then I check the price of every order against the price sheet before submitting it.",
])
def test_the_authors_own_notes_and_checks_stay(own):
    body = "## My year\n\nI processed 1,460 tax returns in 2024 and handled 212 claims.\n"
    assert own in _clean(f"{body}\n{own}\n")


@pytest.mark.parametrize("note, left", [
    (" <- too much detail? The rest stays.", " The rest stays."),
    (" [KW: check date with Sandeep at Waikato Audit Partners] The rest stays.", " The rest stays."),
    ("\n\n*updated w/ Dec numbers*", ""),
    (" (Rick wanted this in – done)", ""),
    ("\n\nmake it more confident and add the sinulog events pls", ""),
])
def test_a_persons_notes_in_shorthand_and_a_reviewers_bracket_go(note, left):
    """Notes left in a pasted draft (c316-01, c316-04, c316-07, c316-10, c316-11): an arrow back at the sentence, a
    reviewer's bracket under initials, a line in a note's shorthand ("w/", "pls", "– done")."""
    body = "## My year\n\nI processed 1,460 loan files in 2024 and handled 212 appraisals."
    assert _clean(body + note + "\n") == body + left + "\n"


@pytest.mark.parametrize("kept", [
    " [SK: You also covered the Chest Pain Clinic in July while Niamh was on leave.] The rest stays.",
    " [RK: should be 1,470] The rest stays.",
    "\n\n- answered queries re pensions for 40 staff",
])
def test_a_note_that_gives_a_fact_and_a_list_items_lower_case_stay(kept):
    body = "## My year\n\nI processed 1,460 loan files in 2024 and handled 212 appraisals."
    assert kept.strip() in _clean(body + kept + "\n")


def test_a_section_pasted_again_under_a_revised_below_note_keeps_the_new_version():
    """c320-11: the old section 4, a ">>> revised section 4 below <<<" line, the same heading and the new version
    with the full-year figure: the old version goes, the new one stays whole (its figure differs: the note calls it
    the one to keep); the old figure, said nowhere else, stays with its sentence (the guard)."""
    old = ("In May I ran the carrier tender for the Germany lanes with Hans. We renegotiated rates with four carriers, "
           "which saved €186,000 a year. OTIF outbound rose to 97.4% for the year.")
    new = ("In May I ran the carrier tender for the Germany lanes with Hans Bakker. We renegotiated rates with four "
           "carriers, which saved €186,000 a year. OTIF outbound reached 96.8% for the full year.")
    text = (f"## 4. Outbound and carriers\n\n{old}\n\n>>> revised section 4 below <<<\n\n"
            f"## 4. Outbound and carriers\n\n{new}\n\n## 5. Dock slots\n\nWe started slot booking in March.\n")
    out = _clean(text)
    assert new in out and "Hans." not in out and "revised section" not in out
    assert "OTIF outbound rose to 97.4% for the year." in out


@pytest.mark.parametrize("note", ["AGREED – Jo", "MK: ok, good", "PO – agreed, use this one",
                                  "suggest cutting, says nothing (PO)", "v1 (pasted from chat, 25 Nov)",
                                  "==== v2 (after Rita's comments, 2 Dec)", "CORRECTED VERSION OF 4 (after JP's comment)",
                                  "NOTES TO SELF\n- remove the chatbot bits\n- ask Faith for the training hours"])
def test_a_reviewers_verdict_a_versions_label_and_notes_to_self_go(note):
    """What went back and forth on a shared draft (c320): a reviewer's verdict, the label of a version, the author's
    list of notes to self under its label."""
    body = "## My year\n\nI issued 531 T4 slips for 2023 and moved payroll to ADP in March.\n"
    assert _clean(f"{body}\n{note}\n") == body


@pytest.mark.parametrize("own", ["Approved by the board in May.", "New version of the SOP",
                                 "NOTES TO SELF\n- T4 count: 540 is right, not 512"])
def test_an_authors_line_like_a_verdict_and_a_note_with_a_figure_said_nowhere_else_stay(own):
    body = "## My year\n\nI issued 531 T4 slips for 2023 and moved payroll to ADP in March.\n"
    assert own.split("\n")[-1] in _clean(f"{body}\n{own}\n")


@pytest.mark.parametrize("line", ["You could add: the target in your contract, if there is one.",
                                  "To make it even stronger, I have a few questions:"])
def test_a_models_suggestion_under_its_label_and_its_questions_announced_go(line):
    """c317: the model's "You could add: …" and "To make it even stronger, I have a few questions"."""
    body = "## My year\n\nI handled 3,200 turnarounds at the hub in 2024.\n"
    assert _clean(f"{body}\n{line}\n") == body


@pytest.mark.parametrize("judgement", ["This is a large number of files for one year.",
                                       "That is a very large number of interviews for one coordinator."])
def test_a_judgement_on_the_figure_before_it_goes(judgement):
    """c314-08, c317: a sentence that only calls the figure before it large."""
    body = "## My year\n\nIn 2024 I opened about 1,150 new files and approved 4,880 e-filed documents."
    assert _clean(f"{body} {judgement}\n") == body + "\n"
    own = judgement.replace(".", " in Nakuru.")
    assert own in _clean(f"{body} {own}\n")


def test_a_new_version_mark_and_a_filipino_given_name_keep_their_sentences():
    """c328-10: "(new)" before the author's updated sentence is no site's "[new]" tag; c325-03: "Ma. Theresa" is a
    name (Maria), not a sentence's end, so the thank-you stays whole."""
    body = "## Projects\n\nI ran 2,164 work orders in Maximo.\n\n"
    new = "(new) The Grenfell St chiller replacement went ahead in the winter shutdown (15 June – 14 July)."
    assert "15 June – 14 July" in clean(body + new + "\n").text
    thanks = ("Thank you to my four unit managers — Ma. Theresa Abellana, Jun Cabahug, Rhea dela Cerna and Noel "
              "Sarmiento — for running the district during my two-week leave in May.")
    assert thanks in clean(body + thanks + "\n").text


USERS_NOTES = """hey can you write up my performance review from these, keep it plain

- order desk clerk @ Coastline Foodservice, 2 yrs in March
- 41,250 orders processed FY24, avg about 165 a day
- accuracy 99.4% (keying errors only)
- got 27 cafes + clubs onto the OrderHub portal
- phone orders down from 62% of total to 48%
- Xmas peak, 2 drivers short, rang customers and rescheduled 140 deliveries

No worries, here's a straightforward review based on your notes.

**Performance Review – FY24**

I've worked on the order desk at Coastline Foodservice for two years as of March, taking orders by phone, email and
the OrderHub portal.

- Processed 41,250 orders in FY24. That works out at about 165 orders a day on average.
- Kept order accuracy at 99.4%, with keying errors the only cause.
- Got 27 cafes and clubs ordering through the OrderHub portal, and phone orders dropped from 62% of all orders to 48%.
- During the Christmas peak we were two drivers short, so I rang customers and rescheduled 140 deliveries.
"""


def test_the_users_notes_above_a_chat_answer_that_tells_them_all_go_and_the_answer_stays():
    result = clean(USERS_NOTES).text
    assert "41,250 orders processed FY24, avg about 165 a day" not in result
    assert "got 27 cafes + clubs onto the OrderHub portal" not in result
    assert "That works out at about 165 orders a day on average." in result
    assert "- Processed 41,250 orders in FY24." in result
    assert "rescheduled 140 deliveries." in result


@pytest.mark.parametrize("request_line", [
    "Hi, I need a year-end summary for the HR portal, keep it plain. Notes below:",
    "pls turn this into my performance review for the HR portal, keep it plain",
    "Write my performance review from these notes, keep it plain.",
])
def test_the_users_notes_go_under_a_request_told_as_a_need_or_an_order(request_line):
    """c345-10, c345-03, c345-07: "I need a … summary", "pls turn this into …", "Write my review from these notes."
    open the user's turn as well as "can you write up …" does."""
    text = USERS_NOTES.replace("hey can you write up my performance review from these, keep it plain", request_line)
    result = clean(text).text
    assert "41,250 orders processed FY24, avg about 165 a day" not in result
    assert "got 27 cafes + clubs onto the OrderHub portal" not in result
    assert "That works out at about 165 orders a day on average." in result
    assert "rescheduled 140 deliveries." in result


def test_a_models_offer_after_its_answer_is_no_users_turn():
    """"Would you like me to shorten this …?" closes the answer; it opens no turn of the user's."""
    from drafter.cleanup.junk import chat_turns
    from drafter.cleanup.phrases import lists_for
    from drafter.cleanup.run import Run
    run = Run(USERS_NOTES + "\nWould you like me to shorten this to fit a character limit, or adjust the tone?\n",
              CleanupSettings(), lists_for(CleanupSettings()))
    assert [kind for kind, _, _ in chat_turns(run)] == ["user", "answer"]


def test_a_note_with_a_fact_the_answer_leaves_out_stays():
    text = USERS_NOTES.replace("- accuracy 99.4% (keying errors only)\n",
                               "- accuracy 99.4% (keying errors only)\n- fixed 312 wrong lines in the Feb price file\n")
    result = clean(text).text
    assert "fixed 312 wrong lines in the Feb price file" in result
    assert "41,250 orders processed FY24, avg about 165 a day" not in result


def test_a_summary_that_opens_with_its_highlights_under_the_models_opener_keeps_them():
    text = USERS_NOTES.split("No worries")[1].split("\n", 1)[1]
    text = ("Here is a polished version of your review:\n\n**Key highlights**\n\n- 41,250 orders in FY24.\n"
            "- Order accuracy of 99.4%.\n- 27 cafes and clubs on the OrderHub portal.\n- 140 deliveries rescheduled "
            "over Christmas.\n- Phone orders down from 62% to 48%.\n\n" + text)
    result = clean(text).text
    assert "- 41,250 orders in FY24." in result
    assert "- Order accuracy of 99.4%." in result


def test_a_form_field_filled_in_its_brackets_with_a_date_stays():
    """c335-01: the author wrote the period into the template's brackets; an unfilled field beside it goes."""
    text = ("**Name:** Siobhán Dwyer\n**Reporting period:** [1 January 2024 – 31 December 2024]\n"
            "**Employee number:** [Insert employee number]\n\nI answered 14,200 calls this year.\n")
    result = _clean(text)
    assert "**Reporting period:** [1 January 2024 – 31 December 2024]" in result
    assert "[Insert employee number]" not in result


def test_the_same_line_with_its_figures_in_another_order_is_no_repeat():
    """c335-07: a self-rating under each goal, the same scores given to other criteria."""
    text = ("## Goal 1: Faster refunds\n\nRefunds now take 9 days.\n\nSelf-rating:  Q 5  |  E 4  |  T 5  |  A 4.67\n"
            "▼ Select rating\n\n## Goal 2: Fewer queries\n\nQueries fell by 12%.\n\n"
            "Self-rating:  Q 5  |  E 5  |  T 4  |  A 4.67\n▼ Select rating\n\n## Goal 3: Training\n\n"
            "I finished the VAT course in May.\n")
    result = clean(text).text
    assert "Self-rating:  Q 5  |  E 4  |  T 5  |  A 4.67" in result
    assert "Self-rating:  Q 5  |  E 5  |  T 4  |  A 4.67" in result



def test_a_users_turn_on_its_labels_line_after_the_answer_goes_and_the_fact_it_added_stays():
    """A chat copied whole with the user's words on the label's line ("**You:** make it shorter, and add …"): the
    turn goes as chat, and the shorter answer's sentence with the fact the user added stays (it was once cut as a
    near-duplicate of the request, which stayed)."""
    text = ("**2024 Summary – Depot Controller, Thika**\n\n"
            "In 2024 the Thika depot handled 208,000 parcels with 94.1% delivered on time. Barcode scanning at the "
            "belt from May cut misroutes from 2.2% to 0.8%.\n\n"
            "**You:** yes make it shorter pls. also add that I opened the Juja route in August with 3 riders\n\n"
            "Sure! Here's a shorter version that includes the Juja route:\n\n"
            "In 2024 the Thika depot handled 208,000 parcels with 94.1% on time. In August I opened the Juja route "
            "with 3 riders.\n")
    cleaned = _clean(text)
    assert "**You:**" not in cleaned and "make it shorter" not in cleaned
    assert "In August I opened the Juja route with 3 riders." in cleaned


def test_an_answer_under_a_prompt_with_no_label_before_the_request_is_no_users_turn():
    """A local model's log: its start-up lines, the instruction, then the answer under "### Response:", then its second go
    ("Here is the year-end summary:"). The first answer is no user's turn to cut as chat (r94's c366-11 lost its
    headings and an accident count so, at 0f70fd8); only a turn labelled on its own line ("**You:** …") with text
    above it is taken for the user's next request."""
    text = ("main: build = 3482 (e54c35e4)\nmain: seed  = 1718203345\n\n"
            "### Instruction:\n"
            "You are a helpful assistant. Write a year-end work summary for a dispatcher in Mombasa using the notes.\n\n"
            "### Response:\n\n"
            "**Introduction**\n\n"
            "I plan and dispatch container trucks from the Changamwe yard to customers upcountry.\n\n"
            "**Highlights of 2024**\n\n"
            "- On-time delivery improved to 88.4%, from 81.0% in 2023.\n"
            "- There were 2 minor accidents in the year, both without injuries, compared with 5 in 2023.\n\n"
            "Here is the year-end summary:\n\n"
            "In 2024 on-time delivery reached 88.4%.\n")
    cleaned = _clean(text)
    assert "**Highlights of 2024**" in cleaned and "**Introduction**" in cleaned
    assert "There were 2 minor accidents in the year" in cleaned


def test_a_request_in_mixed_english_over_the_models_opener_goes_and_a_title_there_stays():
    """A request written between two languages ("abeg help me, my oga … say make everybody submit …") opens the
    text, right over the model's opener: it is the user's turn and goes; its figure the answer leaves out stays with
    the guard. The text's own title block over an opener asks for nothing, and stays."""
    answer = ("Sure! Here is a professional year-end summary based on the details you shared.\n\n"
              "**END OF YEAR WORK SUMMARY – 2024**\n\n"
              "This year I read and billed about 3,900 customer meters in the Agodi zone of Ibadan.\n")
    request = ("abeg help me, my oga for office say make everybody submit end of year summary 2024. I be meter "
               "reading clerk for Water Corporation, Agodi zone. I dey handle like 3,900 customers. Make am sound "
               "professional pls\n\n")
    cleaned = _clean(request + answer)
    assert "abeg" not in cleaned and "3,900 customer meters" in cleaned
    told = request.replace("Make am sound", "Since March I also train 2 new readers. Make am sound")
    assert "Since March I also train 2 new readers." in _clean(told + answer)
    title = "Water Corporation of Oyo State – Agodi Zone\nMeter Reading and Billing, 2024\n\n"
    assert "Water Corporation of Oyo State – Agodi Zone" in _clean(title + answer)


def test_a_forms_section_field_with_figures_is_no_recited_prompt():
    """"Section: …" is a small model's recital of the prompt's scaffolding, but a form's field the author filled with
    figures is the author's (c395-10)."""
    field = "3. Section: residential sector, microdistricts 12, 13, 17, 18 and 19"
    text = f"1. Full name: Zarina Rakhimova\n2. Position: billing operator\n{field}\n\nI issued 41,200 bills in 2023.\n"
    assert field in _clean(text)
    recited = "Section: Challenges (mention at least two)"
    assert recited not in _clean(f"I issued 41,200 bills in 2023.\n\n{recited}\n\nThe March tariff change was hard.\n")


GEMINI_FIRST = ("Conversation with Gemini\n\n"
                "write my 2024 year end summary. I'm a cashier supervisor at Kumasi Mall. notes: 11 "
                "cashiers, till shortages down from 14 to 5, trained 3 new cashiers in May, 2 chargebacks won\n\n"
                "Show drafts\nvolume_up\n\n"
                "Here is a professional year-end summary highlighting your key contributions in 2024:\n\n"
                "**Overview**\nIn 2024 I supervised 11 cashiers at Kumasi Mall.\n\n"
                "* **Accuracy:** Till shortages fell from 14 to 5.\n"
                "* **Chargebacks:** I won 2 chargebacks.\n"
                "* **Training:** I trained 3 new cashiers in May.\n\n"
                "Is there anything else you'd like to add, such as overtime hours?\n\n"
                "thumb_up thumb_down share more_vert\n\n")
GEMINI_FOLLOW_UP = ("yes add my overtime, 64 hours, most of it in December\n\n"
                    "Show drafts\nvolume_up\n\n"
                    "Of course. Here's the updated summary with your overtime included:\n\n"
                    "**Overview**\nIn 2024 I supervised 11 cashiers at Kumasi Mall.\n\n"
                    "* **Accuracy:** Till shortages fell from 14 to 5.\n"
                    "* **Training:** I trained 3 new cashiers in May.\n"
                    "* **Overtime:** I worked 64 hours of overtime, most of it in December.\n\n"
                    "thumb_up thumb_down share more_vert\n")


def test_gemini_page_the_updated_answer_replaces_the_first_and_a_fact_it_dropped_stays_in_the_answer():
    """Gemini's page labels neither turn: the request and the app's buttons above the first answer go, the opener
    that presents "the updated summary" marks a new answer under the user's unlabelled follow-up, and the first
    answer goes as its earlier version. The chargebacks it alone tells stay, in the answer's words, not the notes'
    (the guard puts the user's notes back last)."""
    cleaned = _clean(GEMINI_FIRST + GEMINI_FOLLOW_UP)
    assert "write my 2024" not in cleaned and "Show drafts" not in cleaned and "yes add my overtime" not in cleaned
    assert cleaned.count("Till shortages fell from 14 to 5.") == 1
    assert "I worked 64 hours of overtime, most of it in December." in cleaned
    assert "* **Chargebacks:** I won 2 chargebacks." in cleaned and "2 chargebacks won" not in cleaned


@pytest.mark.parametrize("opener", ["Here's a letter-style version with the figure corrected:",
                                    "Here is the version for HR, as a letter:"])
def test_an_answer_that_presents_a_version_of_the_draft_replaces_the_one_before(opener):
    first = ("You said:\nWrite my 2024 summary, I am a teller at Umoja Sacco, 9,400 deposits, 2 audits clean\n\n"
             "ChatGPT said:\nHere's a clear summary for 2024:\n\n"
             "## Deposits\n- I handled 9,400 deposits.\n\n## Audits\n- Both audits in 2024 were clean.\n\n")
    second = ("You said:\nmake it a letter please\n\n"
              f"ChatGPT said:\n{opener}\n\n"
              "Dear Wanjiru,\n\nIn 2024 I handled 9,400 deposits at Umoja Sacco, and both audits were clean.\n")
    cleaned = _clean(first + second)
    assert "## Deposits" not in cleaned and "- I handled 9,400 deposits." not in cleaned
    assert "In 2024 I handled 9,400 deposits at Umoja Sacco, and both audits were clean." in cleaned


def test_labelled_notes_the_answer_tells_go_and_a_note_it_does_not_tell_stays():
    """Under "You said", the notes up to the model's label are the user's: a note the answer tells goes, whatever
    figures it holds (the guard checks them); one with words the answer never says stays (c341-04's auditor)."""
    notes = ("You said\nI'm a claims clerk at Harbour Mutual. Write my 2024 summary. Notes:\n"
             "- closed 1,204 claims, average 6.5 days\n"
             "- the auditor told Ruud our claims filing room was the tidiest in the region\n\n")
    answer = ("Copilot said\nHere's a clear, professional year-end summary for 2024:\n\n"
              "In 2024 I closed 1,204 claims at Harbour Mutual, in an average of 6.5 days each, and supported "
              "Ruud through the audit.\n")
    cleaned = _clean(notes + answer)
    assert "- closed 1,204 claims" not in cleaned
    assert "- the auditor told Ruud our claims filing room was the tidiest in the region" in cleaned
    assert "In 2024 I closed 1,204 claims at Harbour Mutual" in cleaned


def test_the_headings_of_an_earlier_answer_are_its_layout_not_names_to_keep():
    """An earlier version goes with its bold headings ("**Crushing the Numbers!**"): their capitalised words are no
    names the later version must state (c345-11 kept the whole first answer for them)."""
    text = ("write my year end review please, payables clerk, 18,400 invoices, trained Ciara in November\n\n"
            "Absolutely! Here's a fun, upbeat year-end review that really shows off your impact!\n\n"
            "**Crushing the Numbers!**\nThis year I processed 18,400 invoices!\n\n"
            "**Team Spirit!**\nI trained Ciara when she joined in November!\n\n"
            "thumb_up thumb_down share more_vert\n\n"
            "tone it down a bit, it's going to the controller\n\n"
            "You got it! Here's the revised version with a calmer tone:\n\n"
            "**Volume**\nI processed 18,400 invoices this year.\n\n"
            "**Training**\nIn November I trained our new team member, Ciara.\n\n"
            "thumb_up thumb_down share more_vert\n")
    cleaned = _clean(text)
    assert "Crushing the Numbers" not in cleaned and "Team Spirit" not in cleaned
    assert "In November I trained our new team member, Ciara." in cleaned


@pytest.mark.parametrize("user, model", [("Du hast gesagt:", "ChatGPT hat gesagt:"),
                                         ("Powiedziałeś(-aś):", "ChatGPT powiedział:"),
                                         ("Você disse", "O Copilot disse")])
def test_a_chat_page_in_the_users_language_is_read_turn_by_turn(user, model):
    """ChatGPT and Copilot write their turn labels in the user's language ("Du hast gesagt:", "ChatGPT hat
    gesagt:"): the labels, the request and the user's notes the answer tells go, the answer stays (c405-02,
    c405-03). (A request written with German's capitalised nouns stays with its label: they read as names.)"""
    page = (f"{user}\nhallo! bitte eine kurze zusammenfassung, auf deutsch. stichpunkte:\n"
            "- 6.840 Einfuhranmeldungen in ATLAS\n"
            f"- AEO-Nachprüfung im September ohne Feststellungen\n\n{model}\nGerne! Hier ist ein Entwurf:\n\n"
            "Ich habe 2024 insgesamt 6.840 Einfuhranmeldungen in ATLAS bearbeitet. Die AEO-Nachprüfung im "
            "September verlief ohne Feststellungen.\n")
    cleaned = _clean(page)
    assert user not in cleaned and model not in cleaned and "- 6.840 Einfuhranmeldungen" not in cleaned
    assert "Ich habe 2024 insgesamt 6.840 Einfuhranmeldungen in ATLAS bearbeitet." in cleaned


# --- after the hundred-and-ninth blind round (c425–c428) ---

def test_the_users_notes_go_when_the_answer_says_their_facts_in_another_form():
    """The user's notes over a chat's answer go when the answer says each fact, if in another form: a figure in words
    or as an ordinal ("4th year", "1 audit"), with its percent sign ("target 97"), with a decimal point for a decimal
    comma ("92,4%"), a name in brackets ("(FDP)"), months after a name ("Henrik Dahl Aug–Oct") and the model's name
    after a greeting ("hei Claude!")."""
    chat = ("You said:\n"
            "hei Claude! need help with my year-end summary. notes:\n"
            "- ATS assistant at Bodø ACC, 4th year\n"
            "- on time 92,4% on my flights, target 97\n"
            "- trained Sunniva Olsen and Henrik Dahl Aug–Oct\n"
            "- wrote the new FDP fallback procedure, passed 1 audit\n\n"
            "Claude said:\n"
            "Here's a polished version:\n\n"
            "**Year-end summary 2024**\n\n"
            "2024 was my fourth year as an ATS assistant at Bodø ACC. On-time performance on my flights was 92.4%, "
            "against the 97% target. Between August and October I trained Sunniva Olsen and Henrik Dahl. I wrote the "
            "flight data processing (FDP) fallback procedure, which passed one audit.\n")
    cleaned = clean(chat).text
    assert "notes:" not in cleaned and "4th year" not in cleaned and "target 97" not in cleaned
    assert "Aug–Oct" not in cleaned and "passed 1 audit" not in cleaned
    assert "2024 was my fourth year" in cleaned and "(FDP) fallback procedure" in cleaned


def test_copilots_page_with_its_turns_in_one_paragraph_is_read_turn_by_turn():
    """Copilot's page copied with no blank line between the turns ("Sent by you:", the request, "Sent by Copilot:",
    the opener): each label starts a turn of its own, so the request goes, its "$14.6M" said by the answer's
    "$14,600,000", and the answer stays."""
    chat = ("Copilot\n"
            "Sent by you:\n"
            "Write my year end summary for the 2024-25 school year. I'm the Bursar at Ridgewood Academy. Notes: "
            "tuition billed $14.6M, collected $14.2M; financial aid $1.35M to 112 students.\n"
            "Sent by Copilot:\n"
            "Here's a one-page year-end summary for your 2024–25 school year.\n\n"
            "# Year-End Summary — 2024–25 School Year\n\n"
            "As Bursar at Ridgewood Academy I billed $14,600,000 in tuition and collected $14.2 million. Financial "
            "aid of $1,350,000 went to 112 students.\n")
    cleaned = clean(chat).text
    assert "Sent by" not in cleaned and "Write my year end summary" not in cleaned and "$14.6M" not in cleaned
    assert "I billed $14,600,000 in tuition" in cleaned


def test_a_searching_models_citation_marks_go_and_footnotes_marks_stay():
    """Perplexity's and Copilot's marks on the sentence they source ("… in December. [1]", "….[3]", "12%[2][4]") are
    cut where they stand; a blank filled in with its brackets left ("for [64] M.Sc. students") is no mark, and in a
    text with footnotes ("[1] Excluding …") the marks are the author's."""
    text = ("# Self-evaluation 2024\n\n"
            "Online submittals rose from 52% in January to 78% in December. [1]\n\n"
            "- Passed the ICC Permit Technician certification in August.[2]\n"
            "- Cut the solar backlog by 90%[2][3] by the end of July.\n"
            "- Supported practical classes for [64] M.Sc. students.\n")
    cleaned = clean(text).text
    assert "December.\n" in cleaned and "August.\n" in cleaned and "90% by the end of July" in cleaned
    assert "[64] M.Sc." in cleaned
    footnoted = text + "\n[1] Counted in Accela Citizen Access.\n"
    assert "December. [1]" in clean(footnoted).text


def test_a_searching_models_list_of_web_sources_goes_and_the_authors_references_stay():
    """Perplexity's "Sources" over page titles and their sites ("indeed · 1", "+2 sources"), or a numbered list of
    addresses, goes whole as junk; a "References" list with no web address, or with sentences, is the author's."""
    answer = "\n\n# Self-evaluation 2024\n\nIn 2024 I processed 4,812 permit applications for the City of Tempe.\n"
    sources = ("Sources\nHow to Write a Self-Evaluation (With Examples) | Indeed.com\nindeed · 1\n"
               "SolarAPP+ | Automated Solar Permitting - NREL\nsolarapp.nrel · 2\n+2 sources")
    assert clean(sources + answer).text.strip() == answer.strip()
    numbered = "Sources\n\n1. justice.gov.ma – Ministère de la Justice\n2. hespress.com – Courts recruit interpreters"
    assert "justice.gov.ma" not in clean(numbered + answer).text
    referees = "References\nMs Dana Cole, Permits Manager, City of Tempe\nMr Raj Patel, Counter Lead"
    assert "Dana Cole" in clean(answer + "\n" + referees + "\n").text


def test_a_thinking_whose_opening_tag_was_in_the_prompt_goes_up_to_its_closing_tag():
    """QwQ and DeepSeek-R1 in LM Studio show only "</think>": from the first line in the reasoning voice ("Okay, so
    the user is …") to the tag, all goes, the user's "You  4:12 PM" turn and the "Assistant  qwq-32b" label with it;
    the answer after the tag stays."""
    chat = ("You  4:12 PM\n"
            "Hi, I need my year-end summary for Khun Anan. Occupancy 78.4%, we hosted 14 MICE groups.\n\n"
            "Assistant  qwq-32b\n"
            "Okay, so the user is Siriporn, a revenue analyst, and she wants a year-end summary.\n\n"
            "Occupancy is 78.4%. Let me draft.\n"
            "</think>\n\n"
            "Here's a professional year-end summary for Khun Anan:\n\n"
            "## Year-End Summary 2024\n\n"
            "**For: Khun Anan**\n\n"
            "Occupancy reached 78.4%. We hosted 14 MICE groups.\n")
    cleaned = clean(chat).text
    assert "the user is" not in cleaned and "Let me draft" not in cleaned and "</think>" not in cleaned
    assert "Hi, I need" not in cleaned and "qwq-32b" not in cleaned
    assert "Occupancy reached 78.4%. We hosted 14 MICE groups." in cleaned


def test_a_bots_name_before_its_opener_on_one_line_opens_the_answer():
    """llama.cpp's page writes "Llama: Here is your year-end summary …:" after "User: …": the answer starts there,
    so its items stay and the user's notes, which it tells, go."""
    chat = ("llama.cpp\nChat | Completion\n\n"
            "User: Year end summary for my director. 2024: 74 routes, 5,860 riders, contractors Northline Bus Lines.\n\n"
            "Llama: Here is your year-end summary as a numbered list:\n\n"
            "1. In 2024 I coordinated 74 bus routes serving 5,860 riders, run by Northline Bus Lines.\n"
            "2. I handled 112 stop review requests from parents.\n")
    cleaned = clean(chat).text
    assert "1. In 2024 I coordinated 74 bus routes" in cleaned and "User:" not in cleaned


def test_the_users_follow_up_asking_to_add_a_fact_goes_when_the_answer_tells_it():
    """"Perfect, just add that we had 18 apprentices …" is the user's turn, not the summary: it goes when the answer
    tells its facts, and stays when it does not; a goal that starts with "Add" is the author's."""
    answer = "Here's the line to add:\n\nIn 2024 payroll also covered 18 apprentices, all paid through Silae.\n"
    asked = "Perfect, just add that we had 18 apprentices this year.\n\n"
    assert "just add" not in clean(asked + answer).text
    assert "just add that we had 19 apprentices" in clean(asked.replace("18", "19") + answer).text
    goals = "## Goals for 2025\n\n- Add a second payroll run for the apprentices by March.\n"
    assert "Add a second payroll run" in clean(goals).text


def test_a_later_answer_giving_most_of_the_earlier_ones_figures_again_is_a_new_version_in_any_language():
    """ChatGPT's page in Portuguese: the second answer opens with a bare "Claro! Segue:", which names no new version,
    but it gives the first answer's figures again (3.904 visits, 212 notifications, 18 groups) at about its length,
    so it is the new version: the first answer goes, the second stays."""
    text = ("Você disse:\n\nme ajuda a escrever meu relatório anual? fiz 3.904 visitas, 212 notificações e 18 grupos "
            "educativos.\n\n"
            "O ChatGPT disse:\n\n"
            "em 2024 realizei 3.904 visitas domiciliares, registrei 212 notificações e conduzi 18 grupos educativos. "
            "foi um ano muito especial para mim.\n\n"
            "Você disse:\n\nagora mais formal, e acrescenta que fui preceptora de 2 residentes\n\n"
            "O ChatGPT disse:\n\n"
            "Claro! Segue:\n\n"
            "No exercício de 2024 foram realizadas 3.904 visitas domiciliares, registradas 212 notificações e "
            "conduzidos 18 grupos educativos. Atuei ainda como preceptora de 2 residentes.\n")
    out = clean(text).text
    assert "No exercício de 2024 foram realizadas 3.904 visitas domiciliares" in out
    assert "Atuei ainda como preceptora de 2 residentes." in out
    assert "foi um ano muito especial para mim." not in out and "em 2024 realizei 3.904 visitas" not in out


def test_an_answer_giving_few_of_the_earlier_answers_figures_is_an_addition_and_both_stay():
    """The second answer only adds a paragraph with one of the first answer's figures: no new version, so the first
    answer's other sentences stay."""
    text = ("You said:\n\nWrite my summary: 4,120 calls, 96% first-contact resolution, 31 complaints.\n\n"
            "ChatGPT said:\n\n"
            "In 2024 I handled 4,120 calls with 96% first-contact resolution. I closed 31 complaints within the "
            "deadline.\n\n"
            "You said:\n\nadd a paragraph about the mentoring\n\n"
            "ChatGPT said:\n\n"
            "Here is a paragraph to add:\n\n"
            "Alongside the 4,120 calls, I mentored two new agents, Ana Ruiz and Tom Black, from March.\n")
    out = clean(text).text
    assert "In 2024 I handled 4,120 calls with 96% first-contact resolution." in out
    assert "I mentored two new agents, Ana Ruiz and Tom Black, from March." in out


def test_speakers_labels_in_the_users_language_are_read_as_turns():
    """Le Chat's page in French: "Vous" over each of the user's turns alternates with "Le Chat" over each answer.
    "Vous" is no model's name, but it stands over as many turns as "Le Chat" and alternates with it: the user's
    label. The earlier answer goes for the one the user asked for."""
    text = ("**Vous**\n\nBonjour, peux-tu rédiger mon bilan ? 9 850 règlements, 27 dossiers transmis, 1 300 dossiers "
            "soldés.\n\n"
            "**Le Chat**\n\n"
            "Bien sûr ! Voici une proposition :\n\n"
            "En 2024, j'ai traité 9 850 règlements. J'ai transmis 27 dossiers et soldé 1 300 dossiers. Une belle "
            "année !\n\n"
            "**Vous**\n\nplus formel stp\n\n"
            "**Le Chat**\n\n"
            "Très bien, voici une version plus formelle :\n\n"
            "Au cours de l'exercice 2024, j'ai traité 9 850 règlements, transmis 27 dossiers et soldé 1 300 "
            "dossiers.\n")
    out = clean(text).text
    assert "Au cours de l'exercice 2024, j'ai traité 9 850 règlements" in out
    assert "Une belle année" not in out and "**Vous**" not in out and "**Le Chat**" not in out


@pytest.mark.parametrize("request_text, opener", [
    ("bardziej formalnie i dodaj że przeszkoliłam dwie nowe osoby na kasie: Kamil Duda i Oliwia Sęk",
     "Oczywiście! Oto bardziej formalna wersja Pani podsumowania rocznego:"),
    ("yıl sonu özetimi yazar mısın? resepsiyondayım ve 6.840 check-in yaptım, iki yeni veznedar yetiştirdim.",
     "Elbette! İşte yıl sonu özetiniz için bir taslak:"),
])
def test_the_models_consent_in_the_users_language_goes_and_the_answer_under_it_stays(request_text, opener):
    """An unlabelled chat in the user's language: the model's consent and opener ("Oczywiście! Oto …:", "Elbette! İşte
    …:", whose capital İ lowers to two characters) go as chat; the answer stays. (Open: the request above it stays,
    since text above a model's first reply may be the author's own.)"""
    text = (f"{request_text}\n\nShow drafts\n\n{opener}\n\n**Year-end summary 2024**\n\n"
            "In 2024 I completed 6,840 check-ins and trained two new tellers, Kamil Duda and Oliwia Sęk.\n")
    out = clean(text).text
    assert opener.split()[0] not in out and "In 2024 I completed 6,840 check-ins" in out


def test_a_new_version_the_model_consents_to_replaces_the_answer_above_its_follow_up():
    """An answer copied from its opener down ("Sure! Here's a polished …:"), the user's follow-up in Hinglish, then
    "Got it! Here's a shorter version …:": the consent says it answers the follow-up, so the first version and the
    follow-up go, and the shorter version stays."""
    text = ("Sure! Here's a polished year-end summary you can submit:\n\n"
            "This year I prepared 1,184 quotations for a team of 7 engineers, and orders worth ₹46.3 crore were booked. "
            "I also entered 612 sales orders in SAP SD with an error rate below 1%, which I am proud of.\n\n"
            "yeh thoda lamba hai, chhota karo. aur add karo ki maine 2 naye logon ko train kiya\n\n"
            "Got it! Here's a shorter version with the training added:\n\n**Year-End Summary 2024**\n\n"
            "**Key achievements**\n\n- Prepared 1,184 quotations for 7 engineers; orders worth ₹46.3 crore booked.\n"
            "- Entered 612 SAP SD sales orders, error rate below 1%.\n- Trained 2 new colleagues.\n")
    out = clean(text).text
    assert "- Prepared 1,184 quotations for 7 engineers" in out and "which I am proud of" not in out
    assert "chhota karo" not in out


def test_a_list_item_the_guard_puts_back_under_a_label_that_went_is_in_the_text_once():
    """The model's list of its changes at the end goes with its label as framing; the guard puts back the item with a
    fact said nowhere else (14 audits in March). It comes back once, as the list's item: the label's block once read
    the list's items as its own sentences and printed the item a second time."""
    text = ("# Year-end summary\n\nI closed 212 files this year.\n\nI hope this helps! Here are the changes I made:\n\n"
            "- Added the 14 audits in March.\n- Made the closing line shorter.\n")
    out = clean(text).text
    assert out.count("Added the 14 audits in March.") == 1 and "- Added the 14 audits in March." in out



def test_chatgpts_labels_in_any_language_are_read_as_turns():
    """ChatGPT's page in Italian: "ChatGPT ha detto:" over each answer (the model's name, a word or two and a colon)
    and "Hai detto:" alternating with it over each of the user's turns, the last one a label more. The first
    answer goes for the corrected one, the user's turns go, and so do the labels, though "ChatGPT ha detto:" has
    three words."""
    text = ("Hai detto:\nciao! mi serve il riepilogo di fine anno in inglese. ordini gestiti 1.240, 684 offerte, "
            "40 casi di test SAP\n\n"
            "ChatGPT ha detto:\nCerto! Ecco una bozza in inglese:\n\n"
            "This year I handled 1,240 customer orders, prepared 684 quotes and executed 40 SAP test cases. I am "
            "proud of what our team has achieved!\n\n"
            "Hai detto:\nallora: gli ordini sono 1.420 non 1.240\n\n"
            "ChatGPT ha detto:\nPerfetto, ecco la versione aggiornata:\n\n"
            "This year I handled 1,420 customer orders, prepared 684 quotes and executed 40 SAP test cases.\n\n"
            "Hai detto:\ngrazie!\n")
    out = clean(text).text
    assert "This year I handled 1,420 customer orders, prepared 684 quotes and executed 40 SAP test cases." in out
    assert "I am proud of what our team has achieved!" not in out and "detto" not in out
    assert "allora" not in out and "grazie" not in out


def test_a_request_in_the_users_language_above_the_models_reply_in_it_goes():
    """Gemini's page in Portuguese, no labels: the model's reply opens "Claro! Aqui está …:", which no author writes
    of their own text, so the paragraph above it (past the app's buttons) is the user's request and goes as chat;
    its figures are in the answer."""
    text = ("Conversa com o Gemini\n\n"
            "oi, preciso de um resumo do meu ano pra entregar pro gerente. sou operadora de caixa, 94 atendimentos "
            "por dia, 41 indicações de produtos\n\n"
            "Mostrar rascunhos\n\n"
            "Claro! Aqui está uma proposta de resumo anual formal:\n\n"
            "**Resumo Anual de Atividades – 2024**\n\n"
            "Ao longo de 2024, realizei em média 94 atendimentos por dia no caixa e fiz 41 indicações de produtos.\n")
    out = clean(text).text
    assert "preciso de um resumo" not in out
    assert "Ao longo de 2024, realizei em média 94 atendimentos por dia" in out


def test_the_versions_a_model_offers_to_choose_from_keep_the_first_and_lose_their_labels():
    text = ("# Year-end summary 2024\n\n**Opening – choose the one that suits you best:**\n\n**Option A (formal):**\n"
            "2024 has been a year of growth in my role as coordinator for the North West team, where I support six "
            "reps.\n\n**Option B (warmer):**\nThis year I have really enjoyed supporting our six North West reps as "
            "coordinator. I also ran 4 trainings.\n\n## Closing\n\n*Variante A (klassisch):*\n\n"
            "Ich danke Herrn Wessels für die Unterstützung.\n\n*Variante B (persönlicher):*\n\n"
            "Ich danke Herrn Wessels für die Unterstützung.\n")
    result = clean(text)
    assert result.text == ("# Year-end summary 2024\n\n2024 has been a year of growth in my role as coordinator for "
                           "the North West team, where I support six reps.\n\nI also ran 4 trainings.\n\n## Closing\n\n"
                           "Ich danke Herrn Wessels für die Unterstützung.\n")  # the later version's own fact stays
    one = "**Option A:**\nI opened 212 accounts.\n\nWe grew the branch.\n"  # no second version: no choice offered
    assert clean(one).text == one


@pytest.mark.parametrize("closing", [
    "Semoga laporan ini membantu! Jika anda mahu, saya boleh sediakan versi dalam Bahasa Inggeris.",
    "Umarım bu özet işinize yarar! İsterseniz metni daha resmi bir dile çevirebilirim.",
    "Aasha hai yeh aapke kaam aayega! Agar aap chahein to main isse English mein bhi bana sakta hoon.",
    "Bạn có muốn mình rút gọn báo cáo thành một trang không?",
    "Mam nadzieję, że to podsumowanie spełni Twoje oczekiwania. Daj znać, jeśli chcesz coś dodać.",
])
def test_the_models_hope_and_offer_in_the_users_language_go(closing):
    _goes_between_facts(closing)


def _goes_between_facts(line: str) -> None:
    """Assert that the line, a paragraph between two of the author's facts, goes and the facts stay."""
    before, after = "# Report 2024\n\nI served 4,100 clients in 2024.\n\n", "\n\nI trained 4 new starters.\n"
    assert clean(before + line + after).text == before + after.lstrip("\n")


def test_an_authors_hope_in_their_own_language_stays():
    text = "# Laporan 2024\n\nSaya melayani 4.100 nasabah.\n\nSemoga tahun depan cabang kami mencapai target 5.000.\n"
    assert clean(text).text == text


def test_the_models_instructions_and_tips_in_brackets_go_and_the_authors_note_with_figures_stays():
    text = ("Gerne! Hier ist ein sachlicher Entwurf für Ihren Jahresbericht.\n\n# Jahresbericht 2024\n\n"
            "Die Prämie von 1.500 € habe ich im Februar an 612 Mitarbeitende ausgezahlt. "
            "[Hier ggf. ergänzen, wie viele davon Minijobs waren]\n\n"
            "(Tipp: Führungskräfte lieben Zahlen! Falls Sie wissen, wie viele Stunden dadurch wegfallen, ergänzen "
            "Sie das.)\n\n"
            "I processed 2,340 quotes. [Add a specific figure here if you have one – e.g. how many quotes went out "
            "on the new template]\n\n"
            "14 complaints came in.\n[mention that 9 of the 14 were from the downtime on 3–4 October]\n")
    out = clean(text).text
    assert out == ("# Jahresbericht 2024\n\nDie Prämie von 1.500 € habe ich im Februar an 612 Mitarbeitende "
                   "ausgezahlt.\n\nI processed 2,340 quotes.\n\n14 complaints came in.\n"
                   "[mention that 9 of the 14 were from the downtime on 3–4 October]\n")


def test_a_chat_apps_error_goes_and_a_request_above_a_reasoning_models_answer_is_the_users():
    text = ("¿puedes escribirme el resumen anual para mi evaluación con la jefa? algo sobrio, por favor.\n\n"
            "The server is busy. Please try again later.\n\nThought for 14 seconds\n\n"
            "<think>\nOkay, the user wants a year-end report in Spanish.\n</think>\n\n"
            "¡Claro que sí! Aquí tienes un borrador sobrio:\n\n# Resumen anual 2024\n\n"
            "Este año gestioné 640 nóminas al mes.\n")
    assert clean(text).text == "# Resumen anual 2024\n\nEste año gestioné 640 nóminas al mes.\n"


@pytest.mark.parametrize("note", ["(vérifier le chiffre avec Ana)", "TODO add training",
                                  "check falls number with Ma'am Grace", "sprawdzić z Kasią dane",
                                  "(Mehul bhai se TDS wala figure confirm karna)", "(semak angka dengan Kak Rosnah)"])
def test_the_authors_note_to_check_something_goes_in_any_language(note):
    _goes_between_facts(note)


def test_a_note_to_check_a_figure_the_text_leaves_out_stays():
    text = "# Report 2024\n\nI handled 2,300 orders in 2024.\n\n(vérifier avec Ana: 2,450 en décembre?)\n"
    assert clean(text).text == text


def test_a_thank_you_in_a_script_without_capitals_keeps_whom_it_names():
    text = ("# सारांश 2024\n\nI was charge nurse for 94 night shifts in 2024.\n\n"
            "मुझे विश्वास है कि आने वाला वर्ष और भी बेहतर होगा।\n\n"
            "मैं हमारी नर्सिंग सुपरिटेंडेंट श्रीमती सुनीता कुलकर्णी को धन्यवाद देना चाहती हूँ, जिन्होंने मुझे चार्ज नर्स "
            "बनने का मौका दिया।\n")
    assert "श्रीमती सुनीता कुलकर्णी को धन्यवाद" in clean(text).text


def test_the_authors_name_signed_under_a_small_models_text_stays_and_its_end_token_goes():
    text = "# Summary\n\nI handled 4,100 calls in 2024.\n\nYoussef\n</s>\n"
    assert clean(text).text == "# Summary\n\nI handled 4,100 calls in 2024.\n\nYoussef\n"
    assert clean("# Summary\n\nI handled 4,100 calls in 2024.\n\n- The canteen\n").text == \
        "# Summary\n\nI handled 4,100 calls in 2024.\n"  # a list item the token limit cut off still goes


def test_a_tools_prompt_with_the_users_notes_keeps_a_fact_the_answer_leaves_out():
    answer = "This year we closed 4,800 work orders across 3 towers.\n"
    told = '# Summary\n\nPrompt: "facility manager, 3 towers, 4,800 work orders"\n\n' + answer
    assert clean(told).text == "# Summary\n\n" + answer
    more = '# Summary\n\nPrompt: "facility manager, 3 towers, 4,800 work orders, 2 lift entrapments"\n\n' + answer
    assert "2 lift entrapments" in clean(more).text


@pytest.mark.parametrize("chrome", ["Copier · Régénérer · 👍 👎", "Copiază   Regenerează   👍   👎", "Tampilkan draf ▾",
                                    "Pular para o conteúdo", "Heeft 5 seconden nagedacht", "🧠 Thought for 11 seconds",
                                    "ChatGPT kan fouten maken. Controleer belangrijke informatie.",
                                    "ChatGPT hata yapabilir. Önemli bilgileri kontrol edin.", "Conversație nouă",
                                    "Dit is een kopie van een gesprek tussen ChatGPT en een anonieme gebruiker."])
def test_a_chat_apps_chrome_in_the_users_language_goes(chrome):
    _goes_between_facts(chrome)


def test_turn_labels_with_a_time_go_with_the_users_turn_under_them():
    text = ("Vous · 14:02\nsalut, tu peux rédiger mon bilan ? 1 146 dossiers.\n\nLe Chat · 14:02\n"
            "Avec plaisir ! Voici une proposition :\n\n# Bilan 2024\n\nJ'ai clôturé 1 146 dossiers.\n")
    assert clean(text).text == "# Bilan 2024\n\nJ'ai clôturé 1 146 dossiers.\n"


def test_a_small_models_drift_into_another_language_that_retells_the_english_goes():
    english = ("In 2024 I handled 1,284 motor claims, compared with 1,010 in 2023.\n\n"
               "My average time to close a file was 11.2 days, against the regional target of 14 days.\n\n"
               "The hardest period was the hail storm of 12 April: our team received 396 claims in three weeks.\n\n")
    spanish = ("Como mencioné, en 2024 atendí 1,284 siniestros de autos, frente a 1,010 en 2023, y mi tiempo promedio "
               "de cierre fue de 11.2 días, por debajo de la meta de 14 días.\n\n"
               "También capacité a dos nuevos ajustadores, Luis Treviño y Karla Medina, en 40 inspecciones.\n")
    out = clean(english + spanish).text
    assert "Como mencioné" not in out  # four figures, all the English's, over two of its sentences
    assert "Luis Treviño y Karla Medina, en 40 inspecciones" in out  # its own facts stay


def test_ollamas_server_log_above_the_answer_goes():
    text = ('time=2024-12-18T09:14:02.331Z level=INFO source=server.go:101 msg="system memory" total="15.5 GiB"\n'
            '[GIN] 2024/12/18 - 09:17:41 | 200 | 3m39s | 127.0.0.1 | POST "/api/generate"\n\n'
            "# Summary 2024\n\nI served 4,100 clients.\n")
    assert clean(text).text == "# Summary 2024\n\nI served 4,100 clients.\n"


def test_a_reviewers_comment_telling_the_author_a_role_of_theirs_is_kept_when_only_it_says_it():
    text = ("# Year-end review 2024\n\nI settled 96,500 instructions this year, 9,100 of them in October.\n\n"
            "**Comment [JL2] Jonathan Loh:** Please add that you were the settlement contact for the MAS inspection "
            "in October. That's important for your rating.\n\n**Comment [JL3] Jonathan Loh:** Looks good.\n")
    out = clean(text).text
    assert "the settlement contact for the MAS inspection in October" in out and "Looks good" not in out


def test_the_users_requests_to_add_above_an_answer_go_and_the_facts_the_answer_leaves_out_stay():
    text = ("hi! I need to write my year-end summary for my PDP meeting. this year:\n"
            "- precepted 3 new grads from the Feb intake\n"
            "- had a hard winter: flu outbreaks in July, we closed 6 beds for 12 days\n\n"
            "can you add the IV cannulation course, I did it in August and got signed off in September\n\n"
            "Absolutely! Here's your updated summary with the IV cannulation course added:\n\n"
            "# Year-end summary 2024\n\nI precepted three new graduates from the February intake. In August I did "
            "the IV cannulation course and was signed off in September.\n")
    out = clean(text).text
    assert "can you add" not in out and "precepted 3 new grads" not in out and "Absolutely" not in out
    assert "we closed 6 beds for 12 days" in out  # the guard keeps what only the notes say
    assert out.rstrip().endswith("signed off in September.")


def test_the_models_table_of_its_edits_goes_unless_a_row_holds_a_figure_said_nowhere_else():
    answer = ("# Summary 2024\n\nI ran the monthly falls audit; falls fell from 31 to 19. In August I did the IV "
              "course.\n\n")
    table = ("📝 **What I changed**\n\n| Section | Change |\n|---|---|\n| Practice | Added the IV course (August) |\n"
             "| Length | Trimmed to ~200 words |\n")
    assert clean(answer + table).text == answer.rstrip("\n") + "\n"
    with_a_figure = table.replace("(August)", "(August, 14 hours)")
    assert "14 hours" in clean(answer + with_a_figure).text


def test_an_answer_copied_without_its_opener_goes_when_the_user_asks_for_a_new_version_of_it():
    first = ("## 2024 Year-End Summary\n\nI am the lead of a team of 16 billing agents, and in 2024 I onboarded "
             "5 new agents after three colleagues moved in March.\n\n- Callback option in the Genesys queue since "
             "April.\n- Calibration sessions with QA every week.\n\n")
    later = ("## Year-End Summary 2024\n\nI lead 16 customer care agents. In 2024 I recruited and onboarded 5 new "
             "agents after three of the team moved in March.\n\n- Introduced a callback option in the Genesys queue "
             "in April.\n- Ran weekly call calibration sessions with the QA team.\n- Q3: 41,280 calls handled.\n")
    text = (first + "Let me know if you'd like to add any KPIs — numbers always make a summary stronger! 📊\n\n"
            "great, can you add the Q3 numbers? Q3: 41,280 calls, abandonment 3.1%\n\n"
            "Here's the updated version with your Q3 figures:\n\n" + later)
    out = clean(text).text
    assert "I am the lead of a team" not in out and "Calibration sessions with QA every week" not in out
    assert later.rstrip() in out and "Let me know" not in out and "Here's the updated" not in out
    assert "3.1%" in out  # the user's figure the new version leaves out


def test_the_later_of_two_whole_versions_goes_and_a_fact_only_it_states_stays():
    text = ("Certainly! Below are two versions of your year-end summary.\n\n**Version 1 (detailed)**\n\n"
            "**Year-end summary 2024**\n\nI served about 38,400 transactions.\n\nI balanced my till every day but "
            "two.\n\nIn August I stopped a withdrawal of KES 320,000.\n\n**Version 2 (short)**\n\n"
            "I handled about 38,400 transactions and balanced my till every day but two.\n\n"
            "From October I have also been the second key holder for the vault.\n")
    out = clean(text).text
    assert "Version" not in out and "I handled about 38,400" not in out
    assert "From October I have also been the second key holder" in out and "I served about 38,400" in out


@pytest.mark.parametrize("remark", [
    "NOTE: YOU DIDN'T MENTION ANYTHING ABOUT COOPERATION. CONSIDER ADDING AN EXAMPLE OF WORKING WITH COLLEAGUES.",
    "❗ Missing info: your notes don't mention anything about your cooperation with Stefan. This section is "
    "important for the conversation.",
    "A few questions that could make it stronger:",
])
def test_the_models_remark_on_what_the_notes_leave_out_goes(remark):
    _goes_between_facts(remark)


@pytest.mark.parametrize("line", [
    "*(Give name of programme, institute, dates.)*",
    "*(Mention any factors that affected your performance.)*",
    "*(Max. 3 goals.)*",
    "*Max. 200 words.*",
    "*Rating: 1–5 for each competency.*",
])
def test_a_forms_instruction_limit_or_scale_on_a_line_of_its_own_goes(line):
    _goes_between_facts(line)


def test_a_form_example_in_brackets_goes_and_the_answer_under_it_stays():
    text = ("1. KEY RESPONSIBILITIES\n(e.g. Preparation of monthly payroll; Treatment of salary complaints)\n"
            "Monthly payroll for 9,842 teaching staff; salary complaints desk.\n")
    out = clean(text).text
    assert "e.g." not in out and "Monthly payroll for 9,842 teaching staff" in out


def test_a_doubled_word_of_world_englishes_stays():
    text = "# 2024\n\nSharp sharp to Johan Pretorius and the workshop team for the December rush.\n"
    assert clean(text).text == text


def test_a_name_with_an_ampersand_and_emphasis_is_still_said_by_the_same_words_with_and():
    text = ("# Summary\n\n**Volumes & costs**\n\n- 1,486 containers\n\n**Key changes:**\n\n"
            "- Converted the paragraphs to bullets\n- Merged the Volumes and Costs sections\n")
    out = clean(text).text
    assert "Merged" not in out and "Key changes" not in out and "1,486 containers" in out


def test_a_proofread_copy_marked_up_with_its_edits_goes_and_the_clean_copy_stays():
    text = ("# Year-end review 2024\n\nI ~~was~~ worked as charge nurse ~~in~~ **for** 46 shifts ~~in~~ **during** the "
            "year.\n\nHere is the clean version:\n\nI worked as charge nurse for 46 shifts during the year.\n")
    out = clean(text).text
    assert "~~" not in out and "I worked as charge nurse for 46 shifts during the year." in out


def test_a_copy_labelled_as_the_author_wrote_it_goes_for_its_correction_below():
    text = ("# Summary 2024\n\n*Your version:* Customs clearance at Cat Lai port is 2,6 days, down from 3,4 days of "
            "last year.\n\n*Corrected:* Customs clearance at Cat Lai port was 2.6 days, down from 3.4 days last year.\n")
    out = clean(text).text
    assert "Your version" not in out and "down from 3.4 days last year." in out
