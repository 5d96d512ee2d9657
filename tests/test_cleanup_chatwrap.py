"""A chat model's email wrapping and retelling around a pasted draft goes by its shape (issue 19's c13, c17, c21 and
c24 shapes); the author's own plain sentences, and every figure, stay. The texts are made up."""

from __future__ import annotations

import pytest

from drafter.cleanup import CleanupSettings, clean
from helpers import clean_with_lists_only

LISTS_ONLY = CleanupSettings(user_lists=False, stock_threshold=1.0)  # the phrase lists alone, not the stock model
BODY = "## Results\n\nIn 2025 I filed 3,140 lease renewals for the Northgate estate, 6% more than in 2024.\n"


_clean = clean_with_lists_only


@pytest.mark.parametrize("greeting", [
    "Hi [Team Lead's Name],", "Dear [Reviewer],", "Hey [Boss],", "Hello [Name]!", "Good morning [Supervisor],",
    "Dear Hiring Manager,", "Hi my manager,",
], ids=lambda s: s[:20])
def test_an_email_greeting_to_a_placeholder_or_a_generic_addressee_goes(greeting):
    assert _clean(f"{greeting}\n\n{BODY}") == BODY


@pytest.mark.parametrize("sign_off", [
    "Cheers,\n[Your Name]", "Best, [Name]", "Thanks,\n[Full Name]\n[Job Title]", "All the best,\n[Employee Name]",
    "Warmly, [First Name]",
], ids=lambda s: s[:20])
def test_a_sign_off_over_a_placeholder_goes(sign_off):
    assert _clean(f"{BODY}\n{sign_off}\n") == BODY


@pytest.mark.parametrize("wrapper", [
    "Hope this helps!",
    "Hope it works for you.",
    "I hope this message finds you well!",
    "As requested, please find my annual summary for 2025 below.",
    "As discussed, please find the year-end review below.",
    "Here is a carefully written year-end summary for your review.",
    "Here's a tidy version of my annual report that you can edit before the appraisal.",
    "*Note: Consider adding a short story about a tenant to make the ending warmer.*",
    "Tip: you might want to add a line on your training.",
    "_Feel free to rework the last paragraph._",
], ids=lambda s: s[:30])
def test_an_emails_courtesies_and_notes_to_the_user_go(wrapper):
    assert _clean(f"{BODY}\n{wrapper}\n") == BODY


@pytest.mark.parametrize("sentence", [
    "Hello everyone, and thank you for coming.",  # a speech's greeting is the author's
    "Hi Marta,",  # a real name: the author's letter, not a blank
    "I hope this year brings the new roof.",
    "Note: the Northgate figure includes the two shops.",
    "Please find the tenants' survey in the shared drive.",
    "Best practice now is a call before every renewal.",
    "Here is what changed for the tenants this year.",
], ids=lambda s: s[:30])
def test_an_authors_sentence_of_a_like_shape_stays(sentence):
    text = f"{BODY}\n{sentence}\n"
    assert sentence in _clean(text)


def test_a_feel_free_note_goes_and_the_authors_sentence_beside_it_stays():
    """As junk, the whole paragraph went with it (unchecked); as chat, only the note goes (in the text's first or last
    paragraph, a model's wrapping, the rest of a fact-free paragraph goes with it as before)."""
    last = "\n## Next year\n\nIn 2026 I will move the register online.\n"
    text = f"{BODY}\nI also kept the key register up to date every week. *Feel free to personalise this part.*\n{last}"
    assert _clean(text) == f"{BODY}\nI also kept the key register up to date every week.\n{last}"


def test_the_opening_paragraph_after_a_subject_line_goes_with_its_chat_sentence():
    text = ("Subject: Year-end summary 2025\n\nHi [Manager's Name],\n\n"
            "Sure! Here's my draft, based on the notes you shared. I've set it out in short sections for easy "
            f"reading.\n\n{BODY}")
    assert _clean(text) == f"Subject: Year-end summary 2025\n\n{BODY}"


YEAR_DONE = ("## This year\n\nThis year I answered 4,300 calls and closed 610 complaints. My satisfaction score stayed "
             "above 4 all year, and I reached 95% on the quality checks.\n\n## Next year\n\n")


@pytest.mark.parametrize("plan", [
    "Looking ahead, I hope to answer about 4,300 calls again and close around 610 complaints.",
    "Looking ahead, I want to keep answering around 4,300 calls, just as I did this year.",
    "Going forward, we hope to build on closing 610 complaints.",
], ids=lambda s: s[:40])
def test_a_plan_that_only_hopes_to_do_this_years_figures_again_goes(plan):
    kept, closing = "In 2026 I want to train for the complaints desk.", "\n\nThanks to Ruth for her patience.\n"
    assert _clean(f"{YEAR_DONE}{plan} {kept}{closing}") == f"{YEAR_DONE}{kept}{closing}"


@pytest.mark.parametrize("plan", [
    "Next year my target is 95%.",  # a target, though it equals this year's figure
    "I also want to keep the satisfaction score above 4.",  # a plain "keep": a target too
    "Looking ahead, I hope to answer 4,300 calls again and start a weekend shift for the café.",  # plans more
    "Looking ahead, I hope to answer 4,300 calls again from the new Leeds office.",  # a name said nowhere else
    "Looking ahead, I hope to answer 5,000 calls again.",  # a figure said nowhere else
    "I hope to keep answering calls on the complaints line, as I did this year.",  # no figure: it retells none
], ids=lambda s: s[:40])
def test_a_real_plan_or_target_stays(plan):
    """Nor is one cut as a closing recap when it ends the text: "want to", "hope to" plan as "will" does."""
    assert plan in _clean(f"{YEAR_DONE}{plan}\n")
    assert plan in _clean(f"{YEAR_DONE}{plan}\n\nThanks to Ruth for her patience.\n")


def test_in_other_words_retelling_a_part_of_a_whole_goes_with_the_wholes_unit():
    """"231 of 236 working days": the unit after the whole is the part's too, so "231 days out of 236" retells it."""
    text = ("## Highlights\n\n- Till balanced to the penny on 231 of 236 working days\n\n## Accuracy\n\n"
            "The new counting tray helped. In other words, my till was exactly right on 231 days out of 236. "
            "The five differences were all traced the same day.\n")
    out = _clean(text)
    assert "In other words" not in out
    assert "The new counting tray helped. The five differences were all traced the same day." in out
    other = text.replace("231 days out of 236", "231 weeks out of 236")  # another unit: a claim of its own
    assert "231 weeks out of 236" in _clean(other)


@pytest.mark.parametrize("fluff", [
    "In today's fast-paced logistics environment, accurate picking of chilled orders is a key priority.",
    "In today's ever-changing retail landscape, shoppers expect a reply about a refund within hours.",
    "In today's busy and demanding care environment, kindness goes a long way.",
    "Here's why it worked.",
    "Customer service isn't a department.",
    "It's a mindset.",
    "That's real savings for the whole team.",
], ids=lambda s: s[:30])
def test_a_chat_models_scene_setting_and_a_posts_aphorisms_go(fluff):
    assert _clean(f"{BODY}\n{fluff} I also trained 4 new clerks.\n") == f"{BODY}\nI also trained 4 new clerks.\n"


def test_a_posts_lead_in_on_its_own_line_goes():
    text = f"{BODY}\nHere's what happened 👇\n\nI also trained 4 new clerks.\n"
    assert _clean(text) == f"{BODY}\nI also trained 4 new clerks.\n"


@pytest.mark.parametrize("sentence", [
    "In today's fast-paced environment, we cut the lease backlog from 210 to 35.",  # a fact of its own
    "In today's busy office world, I still answer every tenant the same day.",  # the author's own deed
    "Here's what happened with the Northgate boiler in March.",  # the story itself, not a lead-in
    "The key register is not a job for one person.",
    "It's a long walk to the archive, so I moved the files.",
    "That's real progress on the renewals backlog from 210 files to 35.",
], ids=lambda s: s[:30])
def test_an_authors_sentence_like_scene_setting_or_an_aphorism_stays(sentence):
    assert sentence in _clean(f"{BODY}\n{sentence} I also trained 4 new clerks.\n")


def test_a_plain_list_item_is_no_restatement_of_the_paragraph_before_that_named_it():
    """The item is its list's entry, in its place; a vague item that only praises still goes."""
    text = ("## Calls\n\nThis year I answered about 6,200 calls, mostly lost cards, refunds and PIN resets.\n\n"
            "- Lost and stolen cards\n- Refunds and chargebacks\n- PIN resets and card activations\n"
            "- Answered a very large number of calls this year\n")
    out = _clean(text)
    for item in ["- Lost and stolen cards\n", "- Refunds and chargebacks\n", "- PIN resets and card activations\n"]:
        assert item in out
    assert "very large number" not in out


def test_the_same_month_of_an_earlier_year_is_no_fuller_telling_of_this_years():
    text = ("# Review 2025\n\nIn March I opened 118 accounts. The student rush came early. "
            "In March 2024 I opened 118 accounts as well, so the intake has not grown.\n")
    assert _clean(text) == text
    same_year = text.replace("March 2024", "March 2025")  # this year's March told more fully: one telling
    assert "In March I opened 118 accounts." not in _clean(same_year)


def test_the_closing_recap_is_found_above_the_sign_off_that_went():
    """The closing paragraph is the last that still says something: "Hope this helps!" and "Best, [Name]" under it
    went as wrapping, so the recap of past figures above them is the closing one, and goes."""
    body = ("## Results\n\nIn 2025 I filed 3,140 lease renewals for the estate and opened 52 new tenancies in the "
            "two towers.\n\n## Wrap-up\n\n")
    sign_off = "\n\nHope this helps!\n\nBest,\n[Your Name]\n"
    recap = "All of this came to 3,140 renewals and 52 tenancies for a busy office."
    assert recap not in _clean(f"{body}{recap}{sign_off}")
    news = "All of this came to 3,140 renewals and 52 tenancies, 9 of them in Hexham."  # facts of its own
    assert news in _clean(f"{body}{news}{sign_off}")


def test_a_plain_sentence_sharing_one_topic_word_with_a_figure_is_no_restatement_of_it():
    """One shared word is a topic, not a retelling; a sentence that tells the figure vaguely still goes."""
    text = ("## Counter\n\n- Opened 64 savings accounts in the spring rush.\n\n## Fraud\n\n"
            "A caller told an older customer to move £3,000. I kept him talking. The money stayed in his account.\n")
    assert "The money stayed in his account." in _clean(text)
    vague = text.replace("The money stayed in his account.", "Many savings accounts were opened in the spring.")
    assert "Many savings accounts were opened" not in _clean(vague)


def test_a_list_under_a_heading_that_only_names_next_year_is_a_plan():
    """"**For 2026**" heads the plans even when the title names no year (an email's greeting stands first): a plan
    item is no restatement of what was done."""
    text = ("Hi [Name],\n\n**Overview**\n\nI answered 1,930 tenant queries this year, set up the new boiler-service "
            "reminders in the booking system, and took over the key register.\n\n**For 2026**\n\n"
            "- Put repair requests onto a web form.\n- Add boiler-service reminders for the smaller blocks too.\n")
    assert "- Add boiler-service reminders for the smaller blocks too.\n" in _clean(text)


def test_a_models_list_of_why_its_draft_works_goes_with_its_label_though_it_quotes_the_figures():
    text = (f"{BODY}\n**Why this works:**\n\n"
            "* **Hard numbers:** Figures like 3,140 renewals make your impact concrete.\n"
            "* **Clear headings:** Your manager can scan it quickly.\n")
    assert _clean(text) == BODY
    own = text.replace("3,140 renewals", "3,150 renewals")  # a figure said nowhere else: the guard keeps the item
    assert "3,150 renewals" in _clean(own)


@pytest.mark.parametrize("guidance", [
    "Refer to your objectives from the last appraisal where relevant.",
    "Comment on your progress against each objective.",
    "Please rate your own performance on the scale below.",
], ids=lambda s: s[:30])
def test_a_forms_guidance_to_whoever_fills_it_in_goes(guidance):
    assert _clean(f"{BODY}\n{guidance}\n") == BODY


@pytest.mark.parametrize("sentence", [
    "I refer to the lease register every morning.",
    "Tenants rate the new portal highly.",
    "Refer to your objectives for 2026 in the plan.",  # a figure: the author's
], ids=lambda s: s[:30])
def test_an_authors_sentence_like_form_guidance_stays(sentence):
    assert sentence in _clean(f"{BODY}\n{sentence}\n")


def test_gratitude_for_a_chance_names_no_helper_so_a_place_said_elsewhere_does_not_keep_it():
    text = f"{BODY}\nI am truly grateful for the opportunity to lead the front office team at Northgate.\n"
    assert _clean(text) == BODY
    thanks = f"{BODY}\nI am grateful to Marta at Northgate for covering my shifts.\n"  # who helped: kept
    assert "Marta" in _clean(thanks)
    new_place = f"{BODY}\nI am truly grateful for the opportunity to lead the front office team at Kelso.\n"
    assert "Kelso" in _clean(new_place)  # a name said nowhere else


@pytest.mark.parametrize("cheer", [
    "Helping tenants is why I do what I do.",
    "To anyone starting on a busy front desk: you've got this.",
    "Onwards and upwards!",
    "The move changed the office in more ways than one.",
    "I know you'll totally nail it!",
], ids=lambda s: s[:30])
def test_a_posts_stock_cheers_go(cheer):
    assert _clean(f"{BODY}\nI also trained 4 new clerks. {cheer}\n") == f"{BODY}\nI also trained 4 new clerks.\n"


@pytest.mark.parametrize("note", [
    "[Insert a comment from your line manager here.]", "[Add the annual saving here once finance confirms it.]",
    "[Include one example of a complaint you resolved.]",
], ids=lambda s: s[:24])
def test_a_sentence_that_is_only_a_bracketed_instruction_goes_wherever_it_stands(note):
    """A model's bracketed note to the user goes, on a line of its own or after the author's sentences; the same
    bracket inside the author's sentence is a placeholder to fill, and stays with it."""
    assert _clean(f"{BODY}\n{note}\n") == BODY
    paragraph = "I ran 14 induction days. The feedback was good."
    assert _clean(f"{paragraph} {note}\n") == f"{paragraph}\n"
    inside = "We cut the fuel bill by [insert figure] this year.\n"
    assert _clean(inside) == inside


def test_a_sites_breadcrumb_and_a_forms_instruction_with_its_rest_go():
    """"Your current location: Home > …" is the site's; a form's printed instruction goes with the sentence after it
    that still speaks to whoever fills it in, though it counts in words ("if you have more than one role")."""
    crumb = "Your current location: Home > Work Summary > Year-End Summary > Clerk Summary\n\n"
    assert _clean(crumb + BODY) == BODY
    form = ("## Section 1 - Achievements\n\nPlease describe your main achievements this year. You may split your "
            "answer into parts if you have more than one role.\n\n" + BODY.split("\n\n", 1)[1])
    assert _clean(form) == "## Section 1 - Achievements\n\n" + BODY.split("\n\n", 1)[1]


@pytest.mark.parametrize("cheer", [
    "I always give one hundred and ten percent and this year was no different.",
    "As always I gave 110% to every shift.", "I will keep giving a hundred and ten per cent.",
], ids=lambda s: s[:24])
def test_giving_more_than_everything_is_stock(cheer):
    assert _clean(f"{BODY}\n{cheer}\n") == BODY


@pytest.mark.parametrize("sentence", [
    "As noted above, the backlog stayed under five days in most months, and in December it was under two.",
    "In summary, the backlog stayed under five days in most months; in December it was under two.",
], ids=["filler opener", "restating opener"])
def test_a_restating_sentence_that_ties_a_month_to_a_figure_anew_stays(sentence):
    """Its month and its count are each said elsewhere, but never together: the pairing is news (issue 19's lost fact:
    "…; in May alone they averaged 5 hours")."""
    text = ("## Backlog\n\nThe referral backlog stayed under five days in most months. Two underwriters joined the "
            f"team. December was the renewals peak.\n\n{sentence}\n")
    assert sentence in clean(text).text
    retold = "As noted above, the backlog stayed under five days in most months.\n"
    assert retold not in clean(text.replace(sentence, retold.strip())).text


def test_one_on_one_and_a_price_of_none_are_the_authors():
    """"coached one on one on the offers" holds the idiom, no doubled "one on"; "serves lunch for free to …" counts
    a price of none, so the stock model is not asked about it."""
    text = "I coached one on one on the offers advisors were leaving out.\n"
    assert _clean(text) == text
    meals = ("Each canteen serves lunch for 3 yuan to people over 70. Each canteen serves lunch for free to disabled "
             "elderly people.\n")
    assert clean(meals).text == meals


def test_a_chat_page_copied_whole_loses_its_labels_buttons_and_the_users_requests():
    """"You said:" / "ChatGPT said:" turn labels, the page's buttons ("Copy", "Regenerate", "4o mini") and the
    user's request lines between the labels go; the answer stays. A request holding a figure goes when the answer
    tells it (the guard checks the figure), and is left to the author when the answer does not."""
    page = ("You said:\n\ncan you make my year end summary sound more professional\n\nChatGPT said:\n\n" + BODY +
            "\nCopy\n\nRegenerate\n\nYou said:\n\nnow make it shorter please\n\nClaude said:\n\n4o mini\n")
    assert _clean(page) == BODY
    figure = "You said:\n\nadd that I filed 3,140 renewals\n\nChatGPT said:\n\n" + BODY
    assert _clean(figure) == BODY
    untold = "You said:\n\nadd that the Harbour audit found 2 late files\n\nChatGPT said:\n\n" + BODY
    assert "add that the Harbour audit found 2 late files" in _clean(untold)
    plain = "## Filing\n\nCopy\nthe lease file to the shared drive every Friday, then regenerate the index.\n"
    assert _clean(plain) == plain


def test_a_models_as_an_ai_preamble_and_a_forms_placeholder_fields_go():
    """"As an AI language model, I don't …, but here is a sample … in the STAR format:" is the model's, the name of
    its format too; "**Name:** [Your Name]" and "Signed: [Your Name]" are a form's fields left blank. A field the
    author filled stays."""
    text = ("As an AI language model, I don't have personal experiences, but here is a sample self-appraisal in the "
            "STAR format for a team leader:\n\n**Name:** [Your Name]\nSigned: [Your Name]\n\n**Name:** Dana Okafor\n\n"
            + BODY)
    assert _clean(text) == "**Name:** Dana Okafor\n\n" + BODY


def test_a_list_that_only_names_the_texts_headings_again_goes():
    """A closing "Summary of achievements" (or a contents list) whose every item says a heading again is navigation:
    its items go, the headings stay; a list with one item of its own stays whole."""
    parts = ("## Achievement 1: Reducing average handle time\n\nI cut handle time from 9 minutes to 8 minutes.\n\n"
             "## Achievement 2: Improving attendance\n\nSickness fell from 6% to 4%.\n\n")
    recap = "## Summary of achievements\n\n- Reducing average handle time\n- Improving attendance\n"
    assert _clean(parts + recap) == parts + "## Summary of achievements\n"
    own = "## Plans\n\n- Improving attendance\n- Coach two new team leaders\n"
    assert _clean(parts + own) == parts + own


def test_a_closing_recap_ousts_no_earlier_telling_of_its_figures():
    """"In closing, 2024 saw significant progress, with …" tells the body's figures again in more words: the body's
    sentence, the first telling, stays, and the recap goes."""
    body = ("## Credit control\n\nIn 2024 aged debt over 90 days fell from £1.84 million to £0.97 million, and "
            "debtor days came down from 68 to 52. I also moved statements to weekly e-mail.\n\n")
    recap = ("## Closing\n\nIn closing, 2024 saw significant progress in credit control, with aged debt over 90 days "
             "falling from £1.84 million to £0.97 million and debtor days coming down from 68 to 52.\n")
    out = _clean(body + recap)
    assert out == body.rstrip("\n") + "\n"  # its heading, over nothing now, goes with it


def test_a_closing_summing_up_recap_may_name_its_figures_units_in_other_words():
    """"In a word, this year I … registered 2,300 uses of the seal." at the end re-tells "Every use of the seal was
    registered; the total for the year was 2,300.": the unit is named in the paragraph that states the figure, so the
    recap goes; a plan there with the same figure stays."""
    body = ("## Office\n\nI drafted 146 documents this year, among them 12 monthly briefs.\n\nEvery use of the "
            "company seal was registered; the total for the year was 2,300.\n\n")
    recap = "In a word, this year I drafted 146 documents and registered 2,300 uses of the seal.\n"
    assert _clean(body + recap) == body.rstrip("\n") + "\n"
    plan = "Next year the seal will be used for 2,300 contracts.\n"
    assert _clean(body + plan) == body + plan


def test_a_sign_off_over_the_authors_own_name_and_staff_number_stays():
    """"Regards," over a placeholder is the model's letter wrapping; over the author's name and staff number it is
    theirs (the number is a figure the text states nowhere else)."""
    own = BODY + "\nRegards,\nRamesh Kumar S\nEmp ID: MDS40217\n"
    assert _clean(own) == own
    assert _clean(BODY + "\nBest regards,\n[Your Name]\n") == BODY


# --- session of 2026-12-05 (afternoon): shapes left in c25–c36 after their fixes ---

@pytest.mark.parametrize("pane", [
    "Draft generated from: Anna notes.docx\nAI-generated content may be incorrect. Review before sharing.",
    "Keep it | Regenerate | Discard",
    "Copy  Regenerate",
    "Content created using: your notes and 2 other files",
], ids=lambda s: s[:20])
def test_an_assistant_panes_lines_go_even_when_they_run_on_without_a_stop(pane):
    assert _clean(f"{pane}\n\n{BODY}") == BODY


@pytest.mark.parametrize("note", [
    "As requested, I have written the summary in the first person and used headings.",
    "*I have assumed that the lease figures include renewals signed by 31 December.*",
    "*Note on assumptions: I have taken the renewal count as the year's total.*",
    "I have not included complaint figures as none were provided.",
], ids=lambda s: s[:20])
def test_the_assistants_notes_on_what_it_assumed_or_left_out_go(note):
    text = f"{BODY}\nOn 31 December the estate had 3,140 renewals on file.\n\n{note}\n"
    assert _clean(text) == f"{BODY}\nOn 31 December the estate had 3,140 renewals on file.\n"


def test_an_acronyms_plural_is_said_by_the_acronym():
    text = ("## Clinics\n\nIn 2025 the DNA rate fell from 11% to 7% after the text reminders.\n\n## Conclusion\n\n"
            "In conclusion, 2025 was a year of reducing DNAs and booking interpreters.\n")
    assert "In conclusion" not in _clean(text)


@pytest.mark.parametrize("opener", ["To conclude,", "In closing,", "To close,", "To wrap up,"])
def test_every_closing_opener_marks_a_recap(opener):
    body = f"{BODY}\n## Tenants\n\nI answered 212 tenant complaints within a week.\n"
    thanks = "Thanks to Maria Lopez for covering my desk in August.\n"  # the recap is no longer the last paragraph
    text = (f"{body}\n## Closing\n\n{opener} I filed 3,140 lease renewals and answered 212 complaints in 2025.\n\n"
            f"{thanks}")
    assert _clean(text) == f"{body}\n## Closing\n\n{thanks}"


def test_a_recap_ending_in_a_wish_that_plans_nothing_is_still_a_recap():
    text = (f"{BODY}\n## Closing\n\nI filed 3,140 lease renewals for the Northgate estate, and I look forward to "
            "developing further next year.\n")
    assert "3,140 lease renewals for the Northgate estate, and" not in _clean(text)
    kept = (f"{BODY}\n## Closing\n\nI filed 3,140 lease renewals, and I will open the Southgate office in March.\n")
    assert _clean(kept) == kept


def test_a_contents_list_goes_with_its_label_and_a_contents_line_goes_whole():
    parts = "## Part One: Work Review\n\nWe opened 3 branches.\n\n## Part Two: Work Plan for 2026\n\nOpen 2 more.\n"
    for contents in ("**Contents**\n\n1. Work review\n2. Work plan for 2026",
                     "Contents: 1. Work review 2. Work plan for 2026"):
        assert _clean(f"# Annual Summary\n\n{contents}\n\n{parts}") == f"# Annual Summary\n\n{parts}"


@pytest.mark.parametrize("blessing", ["Thank you and God bless us all.", "More power to our team!",
                                      "Greetings of the day!"])
def test_an_office_letters_blessings_go(blessing):
    assert _clean(f"{BODY}\n{blessing}\n") == BODY


@pytest.mark.parametrize("line", [
    "Tone: professional • Length: medium",
    "*Tone: confident | Length: long | Audience: management*",
    "Sources: your notes, Lab KPI dashboard (Dec).",
    "**Option A:**",
    "This review was drafted by the PeoplePoint assistant.",
], ids=lambda s: s[:20])
def test_an_assistant_panes_settings_sources_and_option_labels_go(line):
    assert _clean(f"{BODY}\n{line}\n") == BODY


def test_the_telling_an_as_mentioned_sentence_points_back_at_stays_beside_the_highlight():
    text = ("## At a glance\n\n- Quality score: 93%\n- Calls handled: 14,920\n\n## Quality\n\n"
            "My quality score for the year was 93%. As mentioned, my quality score was 93%; in the November "
            "calibration it reached 96%, the highest on my team.\n")
    assert _clean(text) == text


def test_a_restating_sentence_whose_later_clause_tells_something_new_without_a_figure_stays():
    text = ("## Audit\n\nThe branch audit in June found no issues with my cash handling.\n\n## Controls\n\n"
            "As mentioned, the audit found no issues; the auditor did note that our dual-control log was the "
            "tidiest she had seen in the region.\n")
    assert _clean(text) == text
    wish = ("## Audit\n\nThe branch audit in June found no issues with my cash handling.\n\n## Controls\n\n"
            "As mentioned, the audit found no issues with my cash handling in June, and I look forward to "
            "continuing to add value to the branch.\n")
    assert "As mentioned" not in _clean(wish)


# --- after the eleventh blind round (c41–c44): email wrapping, a second shorter version, plain-text forms ---

@pytest.mark.parametrize("furniture", [
    "This email and any attachments are confidential and intended solely for the addressee. If you have received "
    "it in error, please notify the sender and delete it. Brackenford Interiors Ltd accepts no liability for any loss.",
    "CONFIDENTIALITY NOTICE: This e-mail message is for the sole use of the intended recipient(s).",
    "Westfirth Building Society is authorised by the Prudential Regulation Authority and regulated by the Financial "
    "Conduct Authority.",
    "Please consider the environment before printing this email.",
    "Sent from my iPhone",
    "Sent from Outlook for iOS",
], ids=lambda s: s[:20])
def test_an_emails_disclaimers_and_phone_signature_go(furniture):
    assert _clean(f"{BODY}\n{furniture}\n") == BODY


def test_the_earlier_message_an_email_reply_quotes_goes_but_a_forwarded_summary_stays():
    sign_off = "Thanks,\nDaniel Osei\nSales Coordinator\n"
    for quoted in ("On Mon, Maria Lindqvist wrote:\n> Hi all,\n> Please send me your summaries by Friday.\n> Maria",
                   "________________________________\nFrom: Maria Sandoval\nTo: District Managers\n\n"
                   "All – please send your summaries by 12 December.\nThanks,\nMaria"):
        assert _clean(f"{BODY}\n{sign_off}\n{quoted}\n") == f"{BODY}\n{sign_off}"
    forwarded = f"-----Original Message-----\nFrom: Daniel Osei\nTo: Maria Sandoval\n\n{BODY}"
    assert _clean(forwarded) == forwarded  # nothing of the author's above it: the header is the summary's own
    account = f"{BODY}\nOn 3 March the regional manager wrote:\n\nThe Northgate renewals were filed 9 days early.\n"
    assert _clean(account) == account  # no quoted lines under it: the author's own account goes on


def test_a_summary_quoted_under_a_short_reply_stays():
    """c352-06: the manager's short reply sits above the author's forwarded draft, which Outlook quotes under its
    rule and "From:" lines. The quoted message is the summary (longer than all above it), so it stays with its
    facts; only an earlier message shorter than the text above it goes as the thread."""
    reply = ("From: Raymond Goh <raymond.goh@example.com.sg>\nSent: Thursday, 12 December 2024 9:14 AM\n\n"
             "Hi Wei Ling, looks fine. Please upload to the HR portal by 20 Dec.\n\nRaymond\n\n")
    quoted = ("________________________________\nFrom: Tan Wei Ling <weiling.tan@example.com.sg>\n"
              "Sent: Wednesday, 11 December 2024 6:02 PM\n\n" + BODY)
    out = _clean(reply + quoted)
    assert BODY.strip() in out


@pytest.mark.parametrize("courtesy", [
    "Sorry this is late, I know you wanted it last week.",
    "Apologies for getting this over to you later than you asked.",
    "I apologize for the late submission; year-end renewals kept me tied up.",
    "I hope you had a lovely Christmas and New Year.",
], ids=lambda s: s[:20])
def test_an_emails_apology_for_lateness_and_seasons_wishes_go(courtesy):
    assert _clean(f"{courtesy}\n\n{BODY}") == f"\n{BODY}".lstrip("\n")


def test_an_email_intro_that_dates_something_keeps_its_date():
    text = f"Please find my summary below, ahead of my appraisal on the 14th.\n\n{BODY}"
    assert _clean(text) == text


def test_a_second_condensed_version_goes_but_a_fact_only_it_gives_stays():
    long = ("## Claims\n\nIn 2025 I handled 1,146 new motor claims and cut my settlement time from 19 to 14 days.\n\n"
            "I referred 22 claims to the counter-fraud unit.\n")
    condensed = ("**Condensed version**\n\nI handled 1,146 new motor claims and cut settlement time from 19 to 14 "
                 "days. I referred 22 claims to the counter-fraud unit, 8 of which were confirmed.\n")
    cleaned = _clean(f"{long}\n{condensed}")
    assert "Condensed version" not in cleaned
    assert cleaned.count("1,146") == 1 and "8 of which were confirmed" in cleaned  # the fuller telling of the
    # referrals stays, in whichever place (the duplicates pass keeps the fuller one where it stands)


def test_the_assistants_list_of_its_changes_goes():
    text = f"{BODY}\n**Changes I made:**\n\n- Shortened the introduction.\n- Put the figures in a list.\n"
    assert _clean(text) == BODY


def test_a_paper_forms_capital_header_and_its_please_list_instruction_go():
    text = ("EMPLOYEE SELF-EVALUATION FORM – PLEASE COMPLETE ALL SECTIONS\n\n"
            "Please list any training completed during the review period:\n\n"
            "I finished the CRCR course in May.\n")
    assert _clean(text) == "I finished the CRCR course in May.\n"


def test_a_hyphenated_word_ending_in_the_next_word_is_no_doubling():
    text = "By October all 11 receptionists could do a full check-in in Korean, and we moved in in-house training.\n"
    assert _clean(f"{BODY}\n{text}") == f"{BODY}\n{text}"


def test_a_recap_that_counts_none_anew_stays():
    text = (f"{BODY}\n## Safety\n\nI ran hand hygiene audits every month.\n\nIn summary, this section shows the "
            "audits, and no needle-stick injury was reported in the whole year.\n")
    assert _clean(text) == text


def test_next_years_goal_under_a_label_is_no_repeat_of_this_years_goal():
    text = (f"{BODY}\nGoals for this year (set last January):\n1) Cross train on the inpatient queue. Not met.\n\n"
            "Goals for next year:\n1) Cross train on the inpatient queue, now that the team is fully staffed.\n")
    assert _clean(text) == text


# --- after the twelfth blind round (c45–c48): a filled-in form, a model run section by section, posts ---

def test_a_forms_unfilled_manager_fields_and_slot_only_sections_go():
    text = (f"{BODY}\n**Manager comments:** [to be completed by manager]\n\n**Regional VP sign-off:** [to be "
            "completed]\n\n### Areas for development\n\n[Add areas for development here]\n\n## Plans\n\n"
            "File 3,300 renewals and [insert second goal].\n")
    assert _clean(text) == f"{BODY}\n## Plans\n\nFile 3,300 renewals and [insert second goal].\n"


def test_an_answer_that_opens_by_saying_its_question_again_loses_that_opening():
    text = ("**1. What were your most important accomplishments this year?**\n\n"
            "My most important accomplishments this year were as follows.\n\n- Filed 3,140 lease renewals.\n")
    assert _clean(text) == ("**1. What were your most important accomplishments this year?**\n\n"
                            "- Filed 3,140 lease renewals.\n")
    lead = "# Annual Summary 2025\n\nThe work of this year is summarized as follows.\n\n- Filed 3,140 lease renewals.\n"
    assert _clean(lead) == lead  # under a heading that asks nothing, the summary's own lead stays


def test_a_model_run_section_by_section_introducing_the_author_again_loses_the_reintroduction():
    text = ("I work as a bank teller at the Queen Street branch of Orrin Bank, where I have been since 2019.\n\n"
            "## Service\n\nAs a bank teller at Orrin Bank, I always try to give customers the best possible service. "
            "This year I served 21,300 customers.\n\n## Fraud\n\nAs a bank teller at Orrin Bank and, since March, the "
            "fraud champion, I stopped four scam payments.\n")
    cleaned = clean(text).text  # (the stock model judges the rest of it: "I always try to give … service")
    assert "I always try" not in cleaned and "since March, the fraud champion" in cleaned


@pytest.mark.parametrize("bait", ["Agree? 👇 Let me know in the comments.", "♻️ Repost if this resonated with you.",
                                  "Drop a comment below!", "Here's to an even bigger next year! 🚀"],
                         ids=lambda s: s[:20])
def test_a_posts_bait_for_engagement_goes(bait):
    assert _clean(f"{BODY}\n{bait}\n") == BODY


def test_a_year_inside_a_stock_phrase_is_kept_when_nothing_else_dates_the_text():
    text = ("2023 was the year I stopped chasing logos and started chasing conversations.\n\n"
            "I made 40 calls a day.\n")
    assert "2023" in _clean(text)


def test_a_forms_overall_rating_is_the_authors_answer_not_a_summing_up():
    text = f"{BODY}\n**Overall self-rating:** Meets expectations — strong finish, uneven quarters.\n"
    assert clean(text).text == text


# --- after the thirteenth blind round (c49–c52): careful prose, tables, sample sites, plain-prompt models ---

def test_an_email_intro_or_a_name_placeholder_that_gives_a_period_or_a_fact_stays():
    intro = "Please find below my self-evaluation for the year from 1 October 2022 to 30 September 2023.\n\n"
    assert _clean(f"{intro}{BODY}") == f"{intro}{BODY}"
    fact = "[Employee Name] also wrote the first version of the office handbook in May.\n"
    assert _clean(f"{BODY}\n{fact}") == f"{BODY}\n{fact}"
    assert _clean(f"{BODY}\n[Your Name] will continue to develop in the role.\n") == BODY


def test_a_currency_sign_glued_to_a_letter_is_no_doubling():
    text = f"{BODY}\nThe 16:30 sign-off also caught a A$48,000 misdirected deposit in September.\n"
    assert _clean(text) == text


@pytest.mark.parametrize("recap", [
    "Looking back, I filed 3,140 lease renewals for the Northgate estate.",
    "To recap the year: I filed 3,140 lease renewals for the Northgate estate.",
    "Put differently, the Northgate estate renewed more leases than in 2024.",
], ids=lambda s: s[:20])
def test_a_recap_or_retelling_by_its_opener_goes(recap):
    thanks = "Thanks to Maria Lopez for covering my desk in August.\n"
    assert _clean(f"{BODY}\n{recap}\n\n{thanks}") == f"{BODY}\n{thanks}"


def test_the_checks_an_assistant_sets_the_user_go_under_its_label():
    text = (f"{BODY}\nA few things to double-check before you send it:\n\n- Confirm the 3,140 renewals with finance.\n"
            "- Is the 6% rise right, or still a draft figure?\n")
    assert _clean(text) == BODY


def test_prose_that_tells_the_table_above_again_goes_but_a_cause_stays():
    table = ("## Key metrics\n\n| Metric | 2024 | 2025 |\n|---|---|---|\n| Picking accuracy | 98.1% | 99.4% |\n"
             "| Dock-to-stock time | 6.5 h | 4.8 h |\n\n")
    told = "As the table shows, picking accuracy rose from 98.1% to 99.4%. Dock-to-stock time fell from 6.5 to 4.8 h.\n"
    cause = "Dock-to-stock time fell from 6.5 to 4.8 h after we re-slotted the fast movers by the doors.\n"
    assert _clean(f"{table}{told}") == table.rstrip("\n") + "\n"
    assert _clean(f"{table}{cause}") == f"{table}{cause}"


@pytest.mark.parametrize("furniture", [
    "Free Essay Example", "Written by: HR Team · Last updated: last week", "Rate this sample ★★★★☆",
    "Cookies: we use cookies to give you the best experience on our site.", "Words: about seven hundred | Cite this page",
    "Get a custom essay written for you by our expert writers.", "Make it shorter · Make it more formal · Add a personal story",
], ids=lambda s: s[:20])
def test_a_sample_sites_furniture_and_an_assistants_chips_go(furniture):
    assert _clean(f"{BODY}\n{furniture}\n") == BODY


def test_a_sites_tips_heading_takes_its_list_but_a_prompts_section_label_does_not():
    tips = f"{BODY}\n**Tips for writing your own review**\n\n- Ask a colleague to read it.\n- End with goals.\n"
    assert _clean(tips) == BODY
    goals = f"{BODY}\nSection: Goals for Next Year\n\n- Fill the two open picker posts by February.\n"
    assert "Fill the two open picker posts by February." in _clean(goals)


def test_a_small_models_echoed_fact_list_goes_and_its_answer_stays():
    text = ("Facts:\n- processed 1,240 claims\n- cleared 87 old files in February\n\nAnswer:\n\n"
            "This year I processed 1,240 claims. In February I cleared a backlog of 87 files from the old system.\n")
    assert _clean(text) == ("This year I processed 1,240 claims. In February I cleared a backlog of 87 files from the "
                            "old system.\n")


# --- after the fourteenth blind round (c53–c56) ---

@pytest.mark.parametrize("furniture", [
    "Home | Work Summary | Bank Work Summary | Personal Summary of Bank Tellers",
    "【Wenmi Network】Work Summary Channel",
    "Personal Work Summary Network—Bank Work Summary Column",
], ids=lambda s: s[:20])
def test_a_sites_breadcrumb_and_channel_name_go(furniture):
    assert _clean(f"{furniture}\n\n{BODY}") == BODY


def test_an_assistants_note_on_the_figures_goes():
    note = "**A note on the figures:** your notes gave two slightly different renewal counts, so I used 3,140."
    assert _clean(f"{BODY}\n{note}\n") == BODY


# --- after the fifteenth blind round (c57–c60) ---

def test_the_closing_paragraph_ousts_no_earlier_telling_it_sums_up():
    text = ("## CRM\n\nIn the summer I went through the CRM. I merged 1,380 duplicate records. I also removed old "
            "contacts.\n\n## Tenders\n\nI prepared 27 tenders and we won 11.\n\n## Overall\n\n"
            "In 2025 I prepared 27 tenders and merged 1,380 duplicate records in the CRM.\n")
    assert "I merged 1,380 duplicate records." in _clean(text)


# --- after the seventeenth blind round (c65–c68) ---

def test_a_small_models_note_that_the_summary_rests_on_the_information_given_goes():
    assert _clean(f"{BODY}\n*Note: This summary is based on the provided information.*\n") == BODY


def test_a_closing_paragraph_opened_as_a_recap_goes_on_as_one():
    body = ("## Ward 5\n\nAs ward clerk I processed 1,840 admissions and discharges on Ward 5. I scanned notes for the move to "
            "electronic records and cleared the Ward 5 backlog.\n\n## Guide\n\nI wrote a guide for new clerks.\n\n")
    recap = ("## In conclusion\n\nIn conclusion, I have worked as the ward clerk this year. I processed "
             "admissions and discharges, scanned notes, cleared the backlog and wrote a guide for new clerks.\n")
    assert _clean(body + recap) == body.rstrip("\n") + "\n"  # its heading, over nothing now, goes with it
    judged = recap.replace("wrote a guide for new clerks.", "wrote a guide for new clerks. The guide is the piece of "
                                                           "work I am most pleased with, because it freed up time.")
    assert "most pleased with" in _clean(body + judged)


# --- after the eighteenth blind round (c69–c72) ---

def test_a_site_pattern_never_takes_the_authors_own_account_with_a_figure():
    text = (f"{BODY}\nThis year I handled about 9,800 customer contacts across calls, webchat and the new in-app "
            "messaging channel.\n")
    assert _clean(text) == text


def test_a_dated_page_title_loses_the_sites_name_but_keeps_its_date():
    text = f"# Registration Clerk Year-End Summary 2022 — Diyi Fanwen Net\n\n{BODY}"
    assert _clean(text) == f"# Registration Clerk Year-End Summary 2022\n\n{BODY}"
    undated = f"Tax office clerk personal year-end work summary_Work Summary_Diyi Fanwen Network\n\n{BODY}"
    assert _clean(undated) == BODY  # a title that dates nothing is the page's and goes whole


# --- after the nineteenth blind round (c73–c76): a chat model improving the user's own draft ---

@pytest.mark.parametrize("note", [
    "- I tightened the opening so it states your role and ward straight away.",
    "- I kept your figure of 3,140 renewals but moved it into the first paragraph.",
    "One small note: I left your figures exactly as they were and only tidied the headings.",
    "- Consider including any thanks you received from partners.",
    "Here you go — a lightly edited version of your summary:",
], ids=lambda s: s[:20])
def test_an_assistants_notes_on_its_edit_of_the_users_draft_go(note):
    assert _clean(f"{BODY}\n{note}\n") == BODY


def test_a_notes_on_my_changes_label_goes_with_its_list_and_come_first_counts_nothing():
    text = f"{BODY}\n**Notes on my changes:**\n\n- I moved your results to the top.\n- I kept your 6% figure.\n"
    assert _clean(text) == BODY
    opener = "Here's an improved version of your summary. I've reorganised it a little so the highlights come first.\n\n"
    assert _clean(opener + BODY) == BODY


# --- after the twentieth blind round (c77–c80) ---

def test_an_assistants_tips_for_the_user_go_as_a_label_with_its_list_or_a_line():
    tips = f"{BODY}\n**Tips for your review meeting:**\n\n- Lead with the 3,140 renewals.\n- Bring one file example.\n"
    assert _clean(tips) == BODY
    tip = f"{BODY}\n**Tip:** If your manager uses a template, paste the 3,140 renewals at the top.\n"
    assert _clean(tip) == BODY


# --- after the twenty-second blind round (c85–c88) ---

@pytest.mark.parametrize("label", ["**Tips:**", "### Tips for your appraisal", "Tips before you send it:",
                                   "**You may want to consider:**", "You might also want to:"])
def test_a_bare_tips_label_or_heading_goes_with_the_users_checks_under_it(label):
    text = f"{BODY}\n{label}\n\n- Quote one tenant's thank-you note.\n- Mention the 3,140 renewals early on.\n"
    assert _clean(text) == BODY


@pytest.mark.parametrize("label", ["Sure thing. I've made the following changes:",
                                   "I have also made these edits to your draft:"])
def test_an_assistants_list_of_its_edits_goes_with_its_label(label):
    text = f"{label}\n- Moved the renewals into the first paragraph\n- Shortened the introduction\n\n{BODY}"
    assert _clean(text) == BODY


def test_the_author_listing_changes_to_something_keeps_the_label():
    text = f"{BODY}\nI have made the following changes to the key safe rota:\n\n- Two keys per shift\n"
    assert _clean(text) == text


def test_an_answer_presented_for_the_users_role_goes_with_the_rest_of_its_paragraph():
    text = ("Happy to help! Here's a concise year-end summary for your lettings role at Northgate. I've put it in "
            f"your voice so you can paste it into the form.\n\n{BODY}")
    assert _clean(text) == BODY
    own = f"Here is my year-end summary for the Northgate lettings team.\n\n{BODY}"
    assert _clean(own) == own


def test_a_small_models_note_on_its_length_goes():
    assert _clean(f"Here is the summary in four hundred words.\n\n{BODY}") == BODY
    assert _clean(f"Here is the year-end summary in about 300 words:\n\n{BODY}") == BODY


def test_a_vague_retelling_dated_by_the_same_year_goes_but_a_comparison_with_a_year_stays():
    told = "In 2025 the Marsh Vale office insured 1,530 farms covering 98,200 hectares of wheat, barley and beet."
    vague = "In 2025 the Marsh Vale office insured many farms covering a large area of crops."
    assert clean(f"{told} {vague} The office is in Tolby.\n").text == f"{told} The office is in Tolby.\n"
    compared = "In 2025 the Marsh Vale office insured more farms than in 2024."
    assert clean(f"{told} {compared}\n").text == f"{told} {compared}\n"


# --- after the twenty-third blind round (c89–c92) ---

def test_a_paragraph_pasted_again_with_a_figure_changed_stays_whole_and_is_noted():
    first = ("The queue for police reference numbers was the main problem in spring. In April I set up a tracker. "
             "By June the backlog went from 214 files to 38.")
    second = first.replace("to 38", "to 31")
    result = clean(f"{first}\n\n{second}\n")
    assert result.text == f"{first}\n\n{second}\n"
    assert any(n.kind == "figures-differ" for n in result.notes)
    assert clean(f"{first}\n\n{first}\n").text == f"{first}\n"  # pasted twice as it was: the copy goes


@pytest.mark.parametrize("opener", ["Certainly! Below is a polished year-end summary in formal Markdown format.",
                                    "Here is a formal summary with the sections you requested."])
def test_an_answer_presented_by_its_format_or_the_users_request_goes(opener):
    assert _clean(f"{opener}\n\n{BODY}") == BODY


@pytest.mark.parametrize("retelling", ["In other words, I filed well over three thousand renewals.",
                                       "Put simply, that is over three thousand renewals.",
                                       "It is worth noting that renewals rose by about three thousand."])
def test_a_sentence_that_says_it_retells_a_figure_in_words_goes(retelling):
    told = "In 2025 I filed 3,140 lease renewals for the Northgate estate."
    assert clean(f"{told} {retelling}\n").text == f"{told}\n"


def test_a_recap_listing_one_result_per_clause_ties_no_month_to_another_clauses_figure():
    text = ("The office served 412 pupils. A part-time clerk joined in March.\n\n"
            "In conclusion, the office served 412 pupils, and the team grew when a part-time clerk joined in March.\n")
    assert clean(text).text == "The office served 412 pupils. A part-time clerk joined in March.\n"


@pytest.mark.parametrize("sentence", ["Regarding insurance claims, I have been very involved in insurance claims.",
                                      "When it comes to recruitment, I have supported recruitment across the team."])
def test_a_sentence_that_names_its_topic_and_says_only_it_again_goes(sentence):
    told = "In 2025 I filed 3,140 lease renewals for the Northgate estate."
    assert clean(f"{told} {sentence}\n").text == f"{told}\n"
    own = "Regarding insurance claims, I moved the Friday cut-off to noon."
    assert clean(f"{told} {own}\n").text == f"{told} {own}\n"


def test_a_saying_brought_in_as_such_goes_with_its_quote():
    text = f'{BODY}\nAs the saying goes, "The only way to do great work is to love what you do."\n'
    assert clean(text).text == BODY


def test_a_blank_in_a_bracket_names_nothing():
    from drafter.cleanup import facts_of
    assert facts_of("I look forward to another year with [Company Name] and Priya Shah.") == {"priya shah"}


# --- after the twenty-fourth blind round (c93–c96) ---

TABLE = "| KPI | Target | Actual |\n|---|---|---|\n| Policies sold | 6,800 | 7,140 |\n| Conversion rate | 21% | 23% |\n"


def test_a_narrative_label_under_a_table_does_not_hide_the_rows_told_again_below_it():
    cause = "Sales beat target because of the comparison-site push from March."
    text = f"{TABLE}\n**Narrative**\n\nThe team sold 7,140 policies against a target of 6,800. {cause}\n"
    assert clean(text).text == f"{TABLE}\n**Narrative**\n\n{cause}\n"
    section = f"{TABLE}\n## Policies\n\nThe team sold 7,140 policies against a target of 6,800. {cause}\n"
    assert clean(section).text == section  # a section of its own opens on its topic


def test_a_layout_note_of_the_assistant_goes():
    text = ("Sure! Below is a year-end summary with two tables, followed by a narrative and next steps.\n\n"
            f"{BODY}\nI've used two tables — one for volume, one for quality — each followed by a commentary.\n")
    assert _clean(text) == BODY


def test_a_paragraph_telling_another_again_with_a_count_of_its_own_stays():
    first = ("The two storms in November were the busiest time I have had in the job. In the first week we received "
             "212 storm claims. I stayed on the phones with the contractor panel until every customer with standing "
             "water had a drying firm booked, which took four days.")
    again = ("As in the first storm, every customer with standing water had a drying firm booked; this time it took "
             "two days, because the contractor list was already sorted by postcode.")
    assert clean(f"{first}\n\n{again}\n").text == f"{first}\n\n{again}\n"


def test_a_hedged_figure_beside_an_exact_one_is_another_amount_not_its_rounding():
    from drafter.cleanup.facts import rounds_to
    assert rounds_to(14000, 14312) and rounds_to(90, 97, at_least=True) and rounds_to(3000, 2940)
    assert not rounds_to(55, 58) and not rounds_to(190, 210)
    told = "The loss ratio was 61% against a planned 58%. Two fire losses cost £3.1m."
    other = "Excluding those, the loss ratio would have been close to 55%."
    assert clean(f"{told} {other}\n").text == f"{told} {other}\n"


def test_the_same_figure_of_another_thing_is_no_near_duplicate():
    text = ("Objective: retention of 87% across all lines. Result: 85.5%.\n\n"
            "Objective: retention of 87% on farm lines. Result: 91%.\n\nI opened a desk at the Evesham market.\n")
    assert clean(text).text == text


@pytest.mark.parametrize("line", [
    "HRToolkit Pro | Templates | Review Phrases | Blog | Sign in",
    "By the CareerPath Editorial Team · Reviewed by a certified HR professional",
    "Last updated by Marisa Kell, Senior HR Writer",
    "Accept all cookies | Reject non-essential | Cookie settings",
    "Share this article: Facebook · LinkedIn · X · Email",
    "**Next example:** Retail Store Manager →",
    "# Sample Year-End Self-Evaluation for a District Manager",
    "## Example: Claims Processor",
    "Fill in the bracketed sections with your own information.",
    "Employee signature: ____________ Date: ________",
], ids=lambda s: s[:24])
def test_a_career_sites_furniture_around_its_sample_goes(line):
    assert _clean(f"{line}\n\n{BODY}") == BODY


@pytest.mark.parametrize("line", ["Author: Kong Yuting, inside sales, Spare Parts Department",
                                  "Written by Sam Whitlow, production shift lead, for the operations meeting.",
                                  "# Sample Reception Room Year-end Work Summary"])
def test_the_authors_own_byline_and_a_title_about_samples_stay(line):
    assert _clean(f"{line}\n\n{BODY}") == f"{line}\n\n{BODY}"


# --- after the twenty-fifth blind round (c97–c100) ---

def test_an_assistants_account_of_its_edits_goes_under_its_bare_label():
    text = (f"{BODY}\n**What I changed**\n\n- Replaced informal phrases such as \"smashed it\" with measured wording.\n"
            "- Gave the lease section a clear, factual description.\n")
    assert _clean(text) == BODY
    own = f"{BODY}\n**What I changed**\n\n- Moved the Northgate keys to a locked cabinet in March.\n"
    assert _clean(own) == own  # the author's own changes: no editing of a text


def test_a_one_line_version_offered_goes_with_its_quoted_line():
    text = f"{BODY}\n*Optional: a one-line version for your email signature*\n\n\"Committed to fair, fast lettings\"\n"
    assert _clean(text) == BODY


# --- after the twenty-seventh blind round (c105–c108) ---

def test_two_entries_under_labels_of_their_own_are_no_repeat():
    text = "- Booked 2,140 tonnes.\n- Polyamide: 14 new moulder accounts opened.\n" \
           "- Polycarbonate: 14 new moulder accounts opened.\n- Kept margin at 11.2%.\n"
    assert clean(text).text == text


def test_a_note_that_the_figures_are_the_users_to_check_goes():
    note = "*These figures are based on the notes you provided; please check them against your MI reports.*"
    assert _clean(f"{BODY}\n{note}\n") == BODY


# --- after the twenty-eighth blind round (c109–c112) ---

def test_a_revisions_marks_and_its_account_of_the_revision_go():
    text = ("Got it — I've taken out the paragraph about the Northgate refit. Here's the revised summary:\n\n"
            "## Results\n\n- In 2025 I filed 3,140 lease renewals. (updated)\n- Ran the March open day [NEW]\n")
    assert _clean(text) == "## Results\n\n- In 2025 I filed 3,140 lease renewals.\n- Ran the March open day\n"


@pytest.mark.parametrize("retelling", ["That is more than three thousand renewals in a year.",
                                       "That means renewals grew by well over six percent."])
def test_a_that_is_retelling_of_a_figure_in_words_goes(retelling):
    assert clean(f"In 2025 I filed 3,140 lease renewals, 6.4% more than in 2024. {retelling}\n").text == \
        "In 2025 I filed 3,140 lease renewals, 6.4% more than in 2024.\n"


def test_a_chat_pattern_never_takes_the_authors_own_figure():
    text = (f"{BODY}\nI set up a call-back log the same week and all 64 SSI changes since then have been confirmed by "
            "phone with a second person listening in.\n")
    assert clean(text).text == text


# --- after the twenty-ninth blind round (c113–c116) ---

def test_a_sentence_that_only_praises_a_figure_told_before_it_goes():
    told = "My mystery-shopper score was 94% this year."
    assert clean(f"{told} An impressive 94% score places me well above my peers.\n").text == f"{told}\n"
    fact = "All 27 were corrected and the customers received a written apology."
    errors = "I found 27 posting errors in the spring."
    assert clean(f"{errors} {fact}\n").text == f"{errors} {fact}\n"


def test_the_authors_last_sentence_before_a_closing_offer_stays():
    text = (f"{BODY}\nLittle by little the desk is becoming less paper-based, and I would like to help with the next "
            "step. Feel free to adapt this to your company's template.\n")
    assert _clean(text) == (f"{BODY}\nLittle by little the desk is becoming less paper-based, and I would like to "
                            "help with the next step.\n")


def test_a_chat_panes_leftovers_under_the_draft_go():
    text = f"{BODY}\n**Word count:** 412\n\nCopy\nWas this response helpful?\n"
    assert _clean(text) == BODY


# --- after the thirty-first and thirty-second blind rounds (c121–c128) ---

def test_a_tip_line_and_a_one_line_summing_up_go():
    text = (f"{BODY}\n**In short:** In 2025 I filed 3,140 lease renewals for the Northgate estate.\n\n"
            "*Tip: keep each bullet to one line on the form.*\n")
    assert clean(text).text == BODY


def test_a_paragraphs_role_topic_sentence_whose_words_the_paragraph_goes_on_to_use_stays():
    text = ("# Ward clerk, Surgical Admissions\n\nI work on the front desk of the ward.\n\n"
            "As a ward clerk, I also manage the outpatient clinic booking templates. In June the outpatient clinic "
            "booking templates moved to the new system and I rebuilt 14 of them.\n")
    assert "As a ward clerk, I also manage the outpatient clinic booking templates." in clean(text).text


# --- after the thirty-fifth blind round (c137–c140) ---

def test_a_recaps_next_sentence_with_a_count_of_none_or_a_record_of_its_own_stays():
    text = ("I worked 231 shifts this year and handled 33,900 transactions.\n\n"
            "In closing, 2024 was a year of strong results, with many transactions. I also finished the year with no "
            "late arrivals across all 231 shifts, the only teller in the branch to do so.\n")
    assert "no late arrivals across all 231 shifts" in clean(text).text


# --- after the thirty-eighth blind round (c149–c152) ---

INTRODUCED = ("## Overview\n\nMy name is Rosa Lind and I have been the District Claims Manager for Elmford since May "
              "2022. This year the office closed 4,310 household claims.\n\n## Results\n\n")


@pytest.mark.parametrize("again", [
    "As District Claims Manager for Elmford, I, Rosa Lind, am pleased to report on the results of this year.",
    "I am Rosa Lind, the District Claims Manager for Elmford.",
], ids=["by title", "by name"])
def test_a_sections_introduction_by_title_or_name_said_again_goes(again):
    told = "The office closed 4,310 household claims, 380 of them after the March floods.\n"
    assert clean(f"{INTRODUCED}{again} {told}").text == f"{INTRODUCED}{told}"


def test_a_role_without_an_article_in_lower_case_opens_a_topic_and_stays():
    topic = "As district claims manager, I made the flood claims our main focus this year."
    text = f"{INTRODUCED}{topic} The office closed 4,310 household claims, 380 of them after the March floods.\n"
    assert topic in clean(text).text


def test_the_recap_after_a_stock_summing_up_goes_with_it_under_the_plans_heading_too():
    body = ("## Results\n\nIn 2025 I handled 11,205 counter transactions at Morningside and opened 138 savings "
            "accounts.\n\n"
            "## Goals for 2026\n\n1. Finish the mortgage adviser course by June.\n\n")
    recap = ("Overall, 2025 was a busy year of change at Morningside. I handled more than eleven thousand "
             "transactions and opened savings accounts. ")
    own = "The course fees of £640 are paid by the branch."
    assert clean(f"{body}{recap}{own}\n").text == f"{body}{own}\n"


@pytest.mark.parametrize("frame", [
    "Busy 20** is about to pass, looking back on the work of this year, there are both gains and losses.",
    "Time passes quickly, and in the blink of an eye, the year of 20** is coming to an end.",
], ids=lambda s: s[:20])
def test_a_templates_year_passing_frame_goes(frame):
    assert _clean(f"{frame} {BODY.split(chr(10), 2)[2]}") == BODY.split("\n", 2)[2]


def test_a_name_said_with_and_i_is_the_name_alone():
    from drafter.cleanup import facts_of
    assert facts_of("My name is Helena Varga and I joined in May.") == {"helena varga", "may"}
    assert "procter and gamble" in facts_of("We won Procter and Gamble back.")


SUMMARY = ("## Year-End Summary 2025\n\nIn 2025 I filed 3,140 lease renewals for the Northgate estate, 6% more than in "
           "2024.\n")


@pytest.mark.parametrize("opening", [
    "Thank you for sending the numbers. I have worked them into the summary below and adjusted the wording so that "
    "each one sits in context.",
    "Shorter version below — cut by roughly a third.",
    "I trimmed it by about a half, mostly by merging the two staffing paragraphs. Everything is still there. 👇",
], ids=lambda s: s[:20])
def test_the_models_framing_before_the_summary_goes(opening):
    assert clean(f"{opening}\n\n{SUMMARY}").text == SUMMARY


def test_the_models_account_of_its_edits_and_its_offers_after_the_summary_go():
    after = ("\n**What changed:**\n\n- Cut the long opening about the market\n- Merged two paragraphs into one\n\n"
             "The principal reductions were as follows: the section on the refurbishment was removed.\n\n"
             "Should a further reduction be required, I would recommend removing the training section.\n\n"
             "Want it cut further, e.g. to a half-page for the newsletter?\n")
    assert clean(f"{SUMMARY}{after}").text == SUMMARY


def test_the_authors_closing_stays_and_so_does_a_figure_of_the_models_said_nowhere_else():
    closing = "\nTo the night team: your notes on the new rota made every handover easy, and I have kept them.\n"
    assert clean(f"{SUMMARY}{closing}").text == f"{SUMMARY}{closing}"
    note = "I have worked the 13% rise in lease income into the summary below.\n\n"
    assert "13% rise" in clean(f"{note}{SUMMARY}").text


def test_a_year_ranges_second_half_is_no_figure_of_its_own():
    from drafter.cleanup import facts_of
    assert facts_of("Overall, 2024/25 has been a strong year.") == {"2024"}
    assert facts_of("In FY2024–25 sales grew 25%.") == {"fy2024", "25%"}


def test_a_bold_overall_opens_a_summing_up_and_the_models_note_on_what_it_left_out_goes():
    body = ("## Year-End Summary 2024/25\n\nIn 2024/25 I recovered £212,000 of overseas visitor income and cut old "
            "debt by 31%.\n")
    recap = "\n**Overall**, 2024/25 has been a strong year, with more income recovered and lower debt.\n"
    left_out = ("\n---\n\nOne thing I left out: you mentioned the sickness absence earlier in the year, so I've left "
                "it for you to raise in the meeting.\n")
    assert clean(f"{body}{recap}{left_out}").text == body


# --- after the fortieth blind round (c157–c160) ---

def test_a_restating_sentence_going_on_to_a_practice_of_its_own_after_a_semicolon_stays():
    told = ("Most retirement claims came from teachers, who retire in June. Processing time fell from 41 days to 18 "
            "for retirement claims.")
    again = ("As mentioned above, processing time fell; for teachers' claims filed before their retirement date, we "
             "now release on the retirement date itself.")
    assert again in clean(f"{told} {again}\n").text


def test_a_sentence_that_counts_nobody_says_more_than_the_list_naming_its_office():
    told = ("I oversee four claims offices (Northgate, Pellham, Ashby Cross and Wyndle) with 38 adjusters. In 2023 "
            "the district closed 9,655 claims.\n\nWe hired seven adjusters during the year and lost four. ")
    none = "Pellham office was the most stable, nobody left there the whole year."
    assert none in clean(f"{told}{none}\n").text
    from drafter.cleanup.facts import ZERO
    assert ZERO.search("no one was hurt") and not ZERO.search("No one succeeds alone.")


def test_the_names_the_model_gives_the_user_go_with_its_framing_but_a_thank_you_for_wording_stays():
    offer = "\nWant a more formal version for the HR performance system, or one in Marathi?\n"
    assert clean(f"{SUMMARY}{offer}").text == SUMMARY
    thanks = ("\nThank you to Elaine Marsh, the lead midwife, who helped me with the wording of the text "
              "reminders.\n")
    assert "Elaine Marsh" in clean(f"{SUMMARY}{thanks}").text


# --- after the forty-first blind round (c161–c164) ---

@pytest.mark.parametrize("furniture", [
    "Position: Home » Summary Report » Year-end Summary » Teller",
    "Breadcrumb: Homepage / Bank Summary / VIP teller year-end summary",
    "Font size: Big Medium Small    Print this page    Add to favourites",
    "Reporter: XXX    Date: XX month XX day",
    "Department: XX    Name: XX    Date: XX",
    "Tips: The year-end summary of a counter teller should use data to speak and avoid a running account.",
    "How to write a year-end summary: first, the title should be clear; second, keep it short.",
    "Disclaimer: The resources on this site come from the Internet, for learning and reference only.",
], ids=lambda s: s[:20])
def test_a_template_sites_furniture_its_writing_advice_and_a_forms_blank_fields_go(furniture):
    assert _clean(f"{furniture}\n\n{BODY}") == BODY


def test_a_bold_label_over_its_list_is_no_blank_form_field():
    text = f"{BODY}\n**Key Achievements:**\n\n- Cleared 214 old files by March.\n"
    assert _clean(text) == text


def test_a_closing_recaps_figure_is_read_without_the_word_past_its_comma_and_its_month_by_its_own_clause():
    body = ("## Caseload\n\nIn 2024 our team carried an average of 1,140 active clients, up from 1,020. New-birth visits "
            "within "
            "72 hours reached 96%, and the leg ulcer healing rate rose from 48% to 61% after the November audit.\n\n"
            "## Next year\n\nRecruit two community RGNs.\n\n")
    recap = ("Overall, 2024 saw our caseload grow to 1,140, new-birth visits reach 96% and leg ulcer healing climb to "
             "61%, despite the November storms.")
    assert clean(f"{body}{recap}\n").text == body.rstrip("\n") + "\n"


@pytest.mark.parametrize("again", [
    "I am a sales support assistant at Kessler Lab Supplies and I work on tenders.",
    "My name is Owen Mbeki and I work in sales support at Kessler Lab Supplies.",
], ids=["by post", "by name"])
def test_a_later_sections_self_introduction_goes_but_the_first_stays(again):
    first = "## Overview\n\nMy name is Owen Mbeki. I am a sales support assistant at Kessler Lab Supplies.\n\n"
    told = "## Tenders\n\nIn 2024 I prepared 46 tender packs for sales support, 19 of them won.\n"
    result = clean(f"{first}{told.replace(chr(10) * 2, chr(10) * 2 + again + ' ', 1)}").text
    assert result == f"{first}{told}"


@pytest.mark.parametrize("request_line", ["Write three sentences about goals.", "Write three sentences."],
                         ids=lambda s: s[:20])
def test_the_prompts_request_for_a_length_of_text_goes(request_line):
    assert _clean(f"{BODY}\n{request_line}\n") == BODY


# --- after the forty-second blind round (c165–c168) ---

@pytest.mark.parametrize("furniture", [
    "[Home](#) > [Model Essays](#) > [Work Summary](#) > [Year-end Summary](#)",
    "Page 2 / 3 — Continue reading ▼",
    "Document preview is incomplete, download to view the full content",
    "Tip: copying content requires logging in. Members can download without restriction. [Open membership now]",
    "Unique Essay Net · Work Summary · Bank",
    "Engineering settlement personnel year-end summary, sorted out by Xuexila for you, hoping to help!",
], ids=lambda s: s[:20])
def test_a_template_sites_page_controls_and_hand_over_go(furniture):
    assert _clean(f"{furniture}\n\n{BODY}") == BODY


def test_a_later_role_reintroduction_saying_my_job_goes():
    first = "## Overview\n\nAs the deposit settlement clerk at Ferncliff Lettings, I return tenancy deposits.\n\n"
    again = "As the deposit settlement clerk, my job is to return deposits at the end of each tenancy. "
    told = "## Deposits\n\nIn 2024 I returned 1,212 deposits, 94% of them within ten days.\n"
    assert clean(f"{first}{told.replace('## Deposits' + chr(10) * 2, '## Deposits' + chr(10) * 2 + again)}").text == \
        f"{first}{told}"


# --- after the forty-fourth blind round (c173–c176) ---

def test_a_short_version_at_the_top_is_the_overview_not_a_second_version():
    text = ("**The short version:** I split my time between anaesthetics and recovery and led the airway trolley "
            "project.\n\n## Anaesthetics\n\nIn 2024 I worked 148 anaesthetic lists.\n\n## Recovery\n\nI took 96 "
            "recovery shifts.\n\n## Airway trolley\n\nI led the airway trolley project from March.\n")
    assert clean(text).text.startswith("**The short version:**")


def test_a_labelled_count_of_none_is_no_restatement_of_a_count():
    text = ("## Cover\n\nWe had three clerks on duty on most days of the year; two joined in May.\n\n"
            "**Team cover:** No day of the year was left without at least three clerks on duty.\n")
    assert "No day of the year" in clean(text).text


@pytest.mark.parametrize("furniture", [
    "Page views:  | Collect this article | Print",
    "Hot search: year-end summary, personal summary, work summary, teller summary",
    "**[Company Name]** · **[Department]** · **[Date]**",
], ids=lambda s: s[:20])
def test_a_template_pages_counter_search_tags_and_blank_header_go(furniture):
    assert _clean(f"{furniture}\n\n{BODY}") == BODY


# --- after the forty-fifth blind round (c177–c180) ---

def test_a_closing_paragraph_under_a_summing_up_heading_is_read_as_a_recap():
    body = ("## Sales\n\nIn 2024 the team booked £4.9 million against a target of £4.7 million.\n\n## People\n\n"
            "Two new reps came up to full target within five months.\n\n## Calls\n\nThe call-to-meeting rate rose "
            "from 9% to 12%.\n\n## Web chat\n\nIn March the web chat went live; it answered 1,830 enquiries.\n\n")
    recap = ("## In Summary\n\n2024 was a great year for the inside sales team. We beat our target, brought two new "
             "reps up to target, lifted our call-to-meeting rate and launched the web chat.\n")
    assert clean(f"{body}{recap}").text == body.rstrip("\n") + "\n"


@pytest.mark.parametrize("hand_over", ["Here is Section 2:", "Sure! Here is Section 3: Customer Service.",
                                       "**Part 1 of 4**"], ids=lambda s: s[:20])
def test_a_small_models_hand_over_of_the_next_part_goes(hand_over):
    assert _clean(f"{hand_over}\n\n{BODY}") == BODY


# --- after the forty-sixth blind round (c181–c184) ---

def test_a_sentence_that_finds_no_problem_counts_none_and_stays():
    told = ("During the move I found 19 supplier files with expired licences and had them renewed before the "
            "provincial inspection in October.")
    none = "The inspection in October found no problem with our supplier files."
    assert none in clean(f"**Qualification files.** {told} {none}\n").text


# --- after the forty-eighth blind round (c189–c192) ---

def test_a_wish_may_hold_an_adverb_and_a_thank_you_is_no_recap():
    # (c190-09, now in the corpus, holds the whole case: "I would particularly like to thank the night team on Ward 7,
    # who ran the ward without agency cover for all of December." closing a recap)
    from drafter.cleanup.restatements import WISH
    assert WISH.search("I would particularly like to thank the night team") and WISH.search("I'd really like to")
    assert not WISH.search("I would say the year went well")


# --- after the forty-ninth blind round (c193–c196) ---

def test_a_count_after_updated_is_no_pages_date_stamp():
    item = "- Contract pricing records loaded or updated: 5,760"
    assert "5,760" in _clean(f"{BODY}\n{item}\n")
    assert _clean(f"Updated: 12/03/2024\n\n{BODY}") == BODY


# --- after the fiftieth blind round (c197–c200) ---

def test_a_restating_sentence_going_on_after_a_semicolon_with_two_new_words_of_five_stays():
    told = "There were two near misses in theatre this year, both caught at the swab count."
    again = ("As noted above, both near misses were caught at the count; in both cases the missing swab was found in "
             "the drapes.")
    assert "found in the drapes" in clean(f"{told} I led the count audit in May.\n\n{again}\n").text


# --- open since the forty-ninth blind round (c196-12) ---

def test_a_second_telling_that_goes_on_to_a_detail_of_its_own_stays():
    first = ("Our system was also offline for most of one day in October, and I paid 26 urgent claims by manual "
             "authorisation.")
    again = "I paid 26 urgent claims by manual authorisation that day, each one checked side by side with the supervisor."
    assert "checked side by side with the supervisor" in clean(f"{first} {again}\n").text
    bare = "I paid 26 urgent claims by manual authorisation that day, which was hard."
    assert "which was hard" not in clean(f"{first} {bare}\n").text  # a tail of one new word is no detail


# --- after the fifty-first blind round (c201–c204) ---

def test_a_doubled_phrase_is_never_found_across_a_bold_label_and_its_line():
    text = "**c) Offer-to-join ratio**\nOffer-to-join ratio improved from 71% in 2022 to 79% in 2023.\n"
    assert clean(text).text == text
    assert _clean("We cut the the backlog by 40 files.\n") == "We cut the backlog by 40 files.\n"


def test_a_source_line_naming_the_authors_record_is_no_pages_source():
    note = "Source: department nursing quality record, data up to 20 December 2020."
    assert note in clean(f"{BODY}\n{note}\n").text
    assert _clean(f"{BODY}\nSource: XX Model Essay Network\n") == BODY


def test_a_link_with_its_own_text_is_no_label_over_the_next_list():
    text = ("Recommended reading: Nurses' epidemic prevention deeds (selected 10 articles)\n\n"
            "2. Emergency nursing work\n\nI worked 104 night shifts this year.\n")
    out = clean(text).text
    assert "Recommended reading" not in out and "2. Emergency nursing work" in out


def test_a_wish_does_not_restate_a_result():
    text = ("**Recognition**\n\n- Top Agent of the Month in June and September\n"
            "- Named in 27 customer shout-outs in post-call surveys\n\n**Areas for Improvement**\n\n"
            "I want to improve my handling of escalated calls, especially customers calling again and again about the "
            "same credit that has not posted yet. Sometimes I transfer to Tier 2 too early.\n")
    assert "again and again" in clean(text).text


@pytest.mark.parametrize("blank", ["**Reviewer:** [Manager's Name]", "Employee signature: ____________ Date: ___/___/______",
                                   "4. [Add another goal]", "Name: [Insert name] Department: [Insert department]"])
def test_a_line_of_nothing_but_labels_and_blanks_goes(blank):
    assert _clean(f"{BODY}\n{blank}\n") == BODY
    assert "[insert figure]" in clean(f"{BODY}\nWe saved [insert figure] on freight this year.\n").text


def test_a_models_offers_go_with_the_names_they_hold():
    offers = "Let me know if you'd like me to:\n- Convert this into a PowerPoint presentation\n- Translate it into Tamil\n"
    assert _clean(f"{BODY}\n{offers}") == BODY


@pytest.mark.parametrize("furniture", [
    "[The remaining 7 articles can be viewed after logging in]", "Guess you like:",
    "Next: Sales manager annual summary and next year plan", "Time: 2023-12-06 09:41 Author: Xiaoya Views: 12,583",
    "Like (35) Favorite Share to:", "【Word download】【Collect】【Print】", "Nurse Year-end Work Summary Part 1",
    "好的，以下是根据您提供的信息撰写的年终工作总结（英文版）：",
    # after c209-c212: its reader counts on its stamp line, its page links, its network's name
    "Publisher: Wenwen Date: 2020-12-30 This article has been read 5,277 times",
    "2021-12-28 · Source: netizen contribution · 3,902 people have read · ☆ Collect",
    "Category: Insurance Work Summary Time: 2023-12-19 Clicks: 1,648", "Pages: [1] 2 [3] [4] | Next page: Part 3 >>",
    "More short articles: Bank Teller Year-End Summary Short (Article 4) >>",
    "Summary Essay Net — the first choice for work summaries"])
def test_more_of_a_template_pages_furniture_goes(furniture):
    assert _clean(f"{furniture}\n\n{BODY}") == BODY


def test_a_forms_unfilled_header_fields_go_and_its_filled_ones_stay():
    header = ("Employee: Megan Kowalczyk\nEmployee ID: [Insert Employee ID]\n**Reviewer:** [Manager's Name]\n"
              "Review period: January 1 – December 31, 2022\n**Date:** [Date]\n")
    result = clean(f"{header}\n{BODY}")
    assert result.text == f"Employee: Megan Kowalczyk\nReview period: January 1 – December 31, 2022\n\n{BODY}"
    assert sorted((e.line, e.removed) for e in result.edits) == [
        (2, "Employee ID: [Insert Employee ID]\n**Reviewer:** [Manager's Name]"), (5, "**Date:** [Date]")]


# --- after the fifty-second blind round (c205–c208) ---

def test_a_fuller_closing_telling_with_words_of_its_own_is_no_near_duplicate():
    text = (f"{BODY}\nI answered 9,400 calls for members in 2022.\n\nI am committed to providing the best service to our "
            "members. I am committed to providing the best service to our members, and in 2022 I also want to learn "
            "the claims assessment work so that I can cover the claims desk during peak months.\n")
    assert "cover the claims desk during peak months" in clean(text).text


def test_a_models_offer_to_the_user_goes_with_the_names_it_gives():
    offer = ("If you'd like, I can turn this into a short PowerPoint outline for your appraisal meeting, or add a section "
             "comparing your KPIs against targets.")
    assert clean(f"{BODY}\n{offer}\n").text == BODY


def test_a_tables_unfilled_row_and_a_dated_blank_line_go():
    table = "| Objective | Target | Result |\n|---|---|---|\n| Cut queue time | 5 min | 4 min |\n"
    blank_row = "| [Add objective] | [Target] | [Result] |\n"
    assert clean(f"{table}{blank_row}\n{BODY}").text == f"{table}\n{BODY}"
    assert _clean(f"{BODY}\nName: ________ Department: ________ Date: ____ year __ month __ day\n") == BODY


def test_a_hedged_figure_keeps_its_scale_word():
    from drafter.cleanup.facts import hedged_figures
    assert hedged_figures("I processed more than 14 thousand transactions") == {"14": 14000.0}
    assert hedged_figures("nearly 3 million people") == {"3": 3_000_000.0}


# --- after the fifty-third blind round (c209–c212) ---

def test_the_authors_own_view_and_click_counts_stay():
    counts = ("- The Spring round FAQ was viewed 1,420 times; the Autumn round FAQ was viewed 610 times.\n"
              "- Email campaign clicks: 1,648\n")
    assert clean(f"{BODY}\n{counts}").text == f"{BODY}\n{counts}"


def test_a_year_the_model_offers_the_user_is_the_offers():
    offer = "Would you like me to add a section on goals for 2023 as well?"
    assert clean(f"{BODY}\n{offer}\n").text == BODY
    assert _clean(f"{BODY}\n*(Word count: approx. 560)*\n") == BODY


# --- after the fifty-sixth blind round (c221–c224) ---

def test_this_meant_with_the_work_it_took_is_no_restatement():
    text = ("Between February and May I vaccinated 312 housebound patients in their homes. This meant going through the "
            "housebound list house by house with the practice secretaries to confirm consent before each visit.\n")
    assert clean(text).text == text


# --- after the fifty-seventh blind round (c225–c228) ---

def test_a_models_stock_consequence_after_the_deed_goes():
    deed = "In May I moved 412 staff to the new payroll system."
    for stock in ("This ensured a smooth and seamless transition for all employees.",
                  "This helped to build the capability of the wider team."):
        assert clean(f"{deed} {stock}\n").text == f"{deed}\n"
    alone = "This ensured a smooth and seamless transition for all employees.\n"
    assert clean(alone).text == alone  # no deed before it in its paragraph: nothing it follows
    told = f"{deed} This helped us keep 3 payroll runs a month on time.\n"
    assert clean(told).text == told  # a fact of its own


# --- after the fifty-eighth blind round (c229–c232) ---

def test_a_sites_tag_in_brackets_is_on_a_title_not_on_an_authors_sentence():
    item = ("- We tagged all bath linen with RFID chips in June (18,200 pieces), which brought linen losses down from "
            "6.1% to 2.4% a year.\n")
    assert item in clean(f"{BODY}\n{item}").text
    assert _clean(f"{BODY}\nBank teller year-end summary (selected 5 pieces)\n") == BODY


# --- after the fifty-ninth blind round (c233–c236) ---

@pytest.mark.parametrize("chrome", [
    "Home >> Bank Summary >> Teller Summary",
    "Share · Like · Favorite",
    "©2017 Jiudian Guanli Wang  Contact us | About us | Site map",
    "Similar documents: Overseas project safety officer summary | Project materials clerk job duties | Warehouse keeper",
    "Release: 2023-12-05   Views: 966   Comments: 0",
    "Uploaded by: gcjs_2008   Format: DOC   Size: 36 KB   Downloads: 218",
    "1 2 3 Next page »",
    "Docin preview   Page 1 / 2   Download (2 points)",
], ids=lambda s: s[:24])
def test_a_web_pages_menu_stamp_or_pager_goes_by_its_shape(chrome):
    assert _clean(f"{chrome}\n\n{BODY}") == BODY
    assert _clean(f"{BODY}\n{chrome}\n") == BODY


@pytest.mark.parametrize("line", [
    "Skills: Excel | SAP | Power BI | Tableau",
    "Karen Tipene · Office Manager · Kōwhai Park School",
    "**Team lead:** Rukhsana Begum · **Office:** Corvane Insurance, Bristol · **Team size:** 11 handlers",
    "Name: Li Wei   Department: Tax Service Hall   Year: 2023",
    "I shared the 3 new leaflets with the branch | reception | call centre.",
], ids=lambda s: s[:24])
def test_the_authors_own_line_of_parts_or_fields_stays(line):
    assert _clean(f"{line}\n\n{BODY}") == f"{line}\n\n{BODY}"


def test_an_earlier_version_of_a_paragraph_goes_when_the_later_one_is_fuller():
    long = ("Attendance has been a key focus for the school this year. I took responsibility for sending the daily "
            "absence text messages to families by 9:30 am. As a result, unexplained absences fell from 6.1% in Term 1 "
            "to 3.9% in Term 3, which is a significant improvement.")
    short = ("I send the daily absence texts to families by 9:30 am. Unexplained absences dropped from 6.1% in Term 1 "
             "to 3.9% in Term 3. (Term 4 figures won't be in until the week of 16 December.)")
    assert _clean(f"## Attendance\n\n{long}\n\n{short}\n") == f"## Attendance\n\n{short}\n"
    same = short.replace(" (Term 4 figures won't be in until the week of 16 December.)", "")
    assert _clean(f"## Attendance\n\n{long}\n\n{same}\n").startswith(f"## Attendance\n\n{long}")  # not fuller: the
    # first telling stays, as everywhere
    own = long.replace("families", "whānau in Rotorua")  # a name only the earlier version states: it stays
    assert _clean(f"## Attendance\n\n{own}\n\n{short}\n").startswith(f"## Attendance\n\n{own}")


def test_an_additionally_sentence_that_adds_nothing_goes():
    told = ("In June I built a shared slot planner with the transport office. Average driver waiting time at the gate "
            "went from 52 minutes to 31 minutes between June and November.")
    again = "Additionally, driver waiting time at the gate was reduced by using the slot planner."
    assert _clean(f"{told} {again}\n") == f"{told}\n"
    assert _clean(f"- {told} {again}\n") == f"- {told}\n"
    new = "Additionally, the two hauliers who had complained dropped their waiting-time surcharge in October."
    assert _clean(f"{told} {new}\n") == f"{told} {new}\n"


@pytest.mark.parametrize("heading", ["## Conclusion", "### 8) Conclusion", "**7. CONCLUSION**", "## 🙏 Final Thoughts",
                                     "**Conclusion:**"], ids=lambda s: s[:16])
def test_a_closing_heading_left_over_nothing_goes(heading):
    recap = "In summary, I filed 3,140 lease renewals in 2025."
    assert _clean(f"{BODY}\n{heading}\n\n{recap}\n") == BODY
    kept = "In January I hand the renewals over to Priya Shah."
    assert _clean(f"{BODY}\n{heading}\n\n{kept}\n") == f"{BODY}\n{heading}\n\n{kept}\n"
    assert _clean(f"{BODY}\n## Training\n\n{recap}\n") == f"{BODY}\n## Training\n"  # not a closing heading: it stays


# --- after the sixtieth blind round (c237–c240) ---

@pytest.mark.parametrize("line", [
    "XX County Public Security Bureau XX Police Station XXX December 20**",
    "Name: XXX   Post: Lobby Manager   Date: December 20**",
    "Date: 20**年**月**日",
    "Passenger Transport Workshop ×× Shift Name: ×× Job number: ××××",
    "Summary person: ____________     Date: 2016-12-____",
], ids=lambda s: s[:24])
def test_a_templates_unfilled_signature_line_goes(line):
    assert _clean(f"{BODY}\n{line}\n") == BODY


def test_a_line_with_one_blank_or_the_authors_sentence_with_blanks_stays():
    for text in ("Contact person: xxx, telephone: 0XX-XXXXXXXX\n", "I joined the XX branch in March 2016.\n",
                 "In 20** I served XX customers a day at the XX counter.\n"):
        assert _clean(f"{BODY}\n{text}") == f"{BODY}\n{text}"


@pytest.mark.parametrize("button", ["Page 1 / 2", "You may also like", "Expand the full text ▼",
                                    "Current location: Gongwen Wang → Work Summary → Community Work Summary",
                                    "Comments (0): No comments yet, come and grab the sofa! [Log in to comment]"],
                         ids=lambda s: s[:20])
def test_a_pages_buttons_and_pagers_go(button):
    assert _clean(f"{BODY}\n{button}\n") == BODY


@pytest.mark.parametrize("heading", ["**Home visits**", "Any other comments", "II. Payment collection",
                                     "- Home 311, target 300"], ids=lambda s: s[:20])
def test_a_heading_with_a_word_a_page_also_uses_stays(heading):
    text = f"{BODY}\n{heading}\n\nIn May I made 311 home visits with Dr Rana Okafor.\n"
    assert _clean(text) == text


def test_an_additionally_sentence_may_say_again_one_sentence_further_up_with_the_texts_year():
    told = "Plate and production waste went down from 9% of food purchased to 6% in 2023."
    other = "In May I opened the halal line, which now serves 140 meals a day."
    again = "In addition, food waste went down in 2023."
    assert _clean(f"{told}\n\n{other}\n\n{again}\n") == f"{told}\n\n{other}\n"
    new_year = "In addition, food waste went down in 2024."  # a year said nowhere above: a fact of its own
    assert _clean(f"{told}\n\n{other}\n\n{new_year}\n") == f"{told}\n\n{other}\n\n{new_year}\n"


# --- after the sixty-first blind round (c241–c244) ---

@pytest.mark.parametrize("opener", [
    "Congratulations on wrapping up such a busy 2025, Daniel!",
    "What a year, Lerato — keeping the lease desk running while training two new people is no small thing!",
    "You had a big year on the Northgate estate — congratulations!",
    "Here's your self-assessment with the achievements first and the ratings at the end, as requested.",
    "Absolutely — here's a nomination write-up in the third person, ready to paste into the review form.",
], ids=lambda s: s[:24])
def test_a_models_praise_or_hand_over_before_the_summary_goes(opener):
    body = f"{BODY}\nDaniel Okafor and Lerato Dube trained at the Northgate desk in March.\n"
    assert _clean(f"{opener}\n\n{body}") == body


def test_the_authors_own_opening_praise_of_the_team_stays():
    own = "What a year it has been: our team of 12 moved to the new Northgate office in May, Lerato.\n\n"
    assert _clean(f"{own}{BODY}") == f"{own}{BODY}"


def test_a_models_list_of_what_more_it_can_do_goes_under_its_label():
    offer = "**Next steps:** I can also:\n\n- Trim this to exactly one page.\n- Add a line thanking your manager.\n"
    assert _clean(f"{BODY}\n{offer}") == BODY


# --- found scoring the sixty-second blind round (c245–c248): a crash ---

def test_a_role_reintroduction_whose_rest_starts_inside_a_word_cleans_without_error():
    text = ("I am a teller at the Matina Branch of Harbour Bank.\n\nIn 2023 I served 9,400 clients.\n\n"
            "As a teller at the Matina Branch, I've had the chance to serve so many clients.\n")
    assert "9,400" in clean(text).text  # "'ve" after the match read as a word of its own: once a KeyError


HEADER = "Year-End Summary 2024\nName: Joanne Pritchard\nRole: Cashier, Merseyway Branch\n"


@pytest.mark.parametrize("blank", ["Line Manager: [Manager's Name]", "**Manager:** [Manager's name]",
                                   "[Hotel Name], [Hotel Address]", "**[Company Address] | [Phone] | [Email]**",
                                   "Employee ID: [Employee ID]"], ids=lambda s: s[:24])
def test_a_blank_field_in_a_header_of_other_lines_goes_and_the_filled_lines_stay(blank):
    """A header read as one sentence whose lines are not all "label:" fields (a title, "Name: …") loses its unfilled
    field or row of blanks, line and all; the filled lines stay."""
    assert _clean(f"{HEADER}{blank}\n\n{BODY}") == f"{HEADER.rstrip()}\n\n{BODY}"


def test_a_lone_bracketed_instruction_goes_to_the_report_and_a_slot_inside_a_wrapped_sentence_stays():
    """The model's instruction to the author in brackets, on its line, goes (the placeholder report still lists it:
    the author sees what is left to add); a line of a sentence wrapped over lines is part of it and stays."""
    result = clean(f"{HEADER}[Insert an example you are proud of here]\n\n{BODY}", LISTS_ONLY)
    assert result.text == f"{HEADER.rstrip()}\n\n{BODY}"
    assert [p.text for p in result.placeholders] == ["[Insert an example you are proud of here]"]
    text = f"In 2024 I joined the counter team at\n[Branch Name]\nand served 40 customers a day.\n\n{BODY}"
    assert _clean(text) == text


@pytest.mark.parametrize("token", ["<|im_end|>", "</s>", "<end_of_turn>", "<|eot_id|>"])
def test_a_chat_templates_token_is_cut_where_it_stands_and_the_authors_sentence_stays(token):
    """Before, a sentence holding a token went whole as junk (a fact in it kept the token instead)."""
    text = f"{BODY}\nI also trained two new cashiers on the counter this year.{token}\n"
    assert _clean(text) == f"{BODY}\nI also trained two new cashiers on the counter this year.\n"
    assert _clean(f"<start_of_turn>model\n{BODY}<end_of_turn>\n") == BODY


@pytest.mark.parametrize("pane", [
    "You said:\nEdit", "Copy\nGood response\nBad response\n👍 👎 🔄 ⋯",
    "Message ChatGPT\nChatGPT can make mistakes. Check important info.",
    "thumb_up\nthumb_down\nshare\nmore_vert\nGemini may display inaccurate info, including about people, so "
    "double-check its responses.",
    "Outline\nHeadings you add to the document will appear here.",
    'Suggested edit\nReplace: "about 300 hail files" with "312 hail files"\nAccept suggestion    Reject suggestion',
    "Dana Whitford  10:14 AM Dec 3\nReply",
], ids=lambda s: s[:20])
def test_a_chat_page_or_online_editors_furniture_pasted_with_the_text_goes(pane):
    assert _clean(f"{pane}\n\n{BODY}") == BODY


@pytest.mark.parametrize("furniture", [
    "1# (OP) xiaoyu0923 | Posted on 2023-12-18 22:41 | Only see this author",
    "Floor 2 ningning_ICU (Posted on 2023-12-06 21:02)",
    "This post was last edited by huli_xiaobai at 2023-12-06 20:31",
    "Quote: xiaoyu0923 posted on 2023-12-18 22:41", "Reply | Support (3) | Oppose | Report",
    "— 2 —", "Page 2 / 5", "Settlement Office Clerk Personal Annual Work Summary.docx",
    "↓ Click to expand the remaining 78%", "The remaining 3 pages are hidden.",
    "(The full text can be viewed after downloading)", "(End of full text)",
    "Share: [WeChat] [Moments] [Weibo] [Copy link]",
], ids=lambda s: s[:24])
def test_a_forums_or_document_librarys_furniture_goes(furniture):
    assert _clean(f"{BODY}\n{furniture}\n\n## Next year\n\nIn 2025 I will sit the CFA level 1 exam.\n") == \
        f"{BODY}\n## Next year\n\nIn 2025 I will sit the CFA level 1 exam.\n"


@pytest.mark.parametrize("line", ["Meeting with Dana Whitford at 10:14 AM on 3 December went well.",
                                  "Reply times fell from 9 hours to 4.", "Page 2 of the audit report lists 3 findings.",
                                  "I read the Settlement Manual.docx every quarter and kept it current."],
                         ids=lambda s: s[:24])
def test_an_authors_sentence_like_the_furniture_stays(line):
    text = f"{BODY}\n{line}\n"
    assert _clean(text) == text


@pytest.mark.parametrize("junk_line", ["Floor 2 ningning_ICU (Posted on 2023-12-06 21:02)", "Page 2 / 5", "Edit",
                                       "This post was last edited by huli_xiaobai at 2023-12-06 20:31"],
                         ids=lambda s: s[:20])
def test_a_junk_line_run_into_the_authors_sentence_for_want_of_an_end_mark_goes_alone(junk_line):
    """With no end mark the line and the author's text under it read as one sentence, which no junk pattern matched
    whole; the line is cut and the author's text stays."""
    own = "In 2023 the emergency department took 41,200 patients and I worked 96 night shifts.\n"
    assert _clean(f"{BODY}\n{junk_line}\n{own}") == f"{BODY}\n{own}"


def test_a_sign_off_a_label_over_its_lines_and_the_authors_account_stay_in_a_sentence_of_lines():
    for text in (f"{BODY}\nKind regards,\nDaniel Osei\n",
                 f"{BODY}\nSection: Production Control, Kasugai Plant\nI planned 212 runs this year.\n",
                 f"{BODY}\nCopyright\nI renewed our copyright licence for 14 titles in May.\n"):
        assert _clean(text) == text


@pytest.mark.parametrize("label", ["**Facts used:**", "Your input:", "### Notes provided"], ids=str)
def test_the_users_notes_copied_back_under_a_label_go_and_a_fact_only_they_hold_stays(label):
    """The model's copy of the user's notes goes with its label; an item with a fact the draft leaves out is kept by
    the guard ("30-bed" is said nowhere else)."""
    draft = "## Results\n\nIn 2024 I worked 186 shifts on Ward 18, 61 of them nights.\n"
    notes = f"\n{label}\n* 186 shifts in 2024, 61 nights\n* Ward 18, 30-bed acute medical ward\n"
    assert _clean(draft + notes) == draft + "\n* Ward 18, 30-bed acute medical ward\n"


@pytest.mark.parametrize("note", ["TODO: add December numbers once the WFM report is out",
                                  "4. TODO – add audit result here", "TAKE THIS OUT, CRINGE.",
                                  "ADD SOMETHING ABOUT TEAMWORK HERE?"], ids=lambda s: s[:20])
def test_a_note_to_self_goes(note):
    assert _clean(f"{BODY}\n{note}\n") == BODY


def test_a_models_bracketed_check_is_cut_where_it_stands():
    text = f"{BODY}\nI handled 14 [check: was this 14 or 16?] complaints, all within the deadline.\n"
    assert _clean(text) == f"{BODY}\nI handled 14 complaints, all within the deadline.\n"


@pytest.mark.parametrize("furniture", ["**Best answer**", "Asked by: xiaolu 2022-12-03 Reward 20 points",
                                       "Read the original", "— END —", "Reading 3,862 Like 45 Looking 19",
                                       "Times viewed: 1,284", "You are the 0038217th visitor to this site",
                                       "Powered by WordPress | Theme: Twenty Twenty-One",
                                       "Translated by Google · Was this translation helpful?", "+ Add a property",
                                       "Type '/' for commands", "1,842 / 2,000 characters",
                                       "Last saved automatically at 16:42"], ids=lambda s: s[:20])
def test_a_question_sites_an_articles_a_notes_apps_or_a_portals_furniture_goes(furniture):
    assert _clean(f"{BODY}\n{furniture}\n") == BODY


@pytest.mark.parametrize("line", ["I read the original contract twice before the audit.",
                                  "Reading 40 files a day, I found 12 errors in the ledger.",
                                  "Todo lists kept the ward on track.", "Slide 3"], ids=lambda s: s[:20])
def test_an_authors_line_like_that_furniture_stays(line):
    text = f"{BODY}\n{line}\n"
    assert _clean(text) == text


def test_a_date_on_its_own_line_under_a_chat_message_with_a_site_phrase_is_not_cut_with_it():
    """Lines with no end marks read as one sentence; "… for your reference" (a site's phrase) on the second line
    took the whole sentence as junk, unguarded, and "Dated 27 Aug 2024" with it. Now only the junk line goes."""
    text = (f"{BODY}\nYour recon files were the main reason 👍\n"
            "[14/12/24, 4:21 pm] Sneha Kulkarni: Closure letter, for your reference\nDated 27 Aug 2024\n")
    assert "Dated 27 Aug 2024" in _clean(text)


@pytest.mark.parametrize("told, kept", [
    ("I cared for 212 (two hundred and twelve) patients.", "I cared for 212 patients."),
    ("Audits went from 88% to 96% (from eighty-eight per cent to ninety-six per cent).",
     "Audits went from 88% to 96%."),
    ("Write-offs fell to 0.48 million yuan (zero point four eight million yuan).", "Write-offs fell to 0.48 million yuan."),
], ids=["count", "from-to", "decimal"])
def test_a_parenthesis_telling_the_figure_before_it_again_in_words_goes(told, kept):
    assert _clean(f"{BODY}\n{told}\n") == f"{BODY}\n{kept}\n"


@pytest.mark.parametrize("line", ["We had 5 incidents (mostly minor) with a team (of twelve nurses).",
                                  "I cared for 212 patients (two hundred in the new wing).",
                                  "We opened 3 branches (four more next year)."], ids=lambda s: s[:20])
def test_a_parenthesis_with_words_or_amounts_of_its_own_stays(line):
    text = f"{BODY}\n{line}\n"
    assert _clean(text) == text


def test_a_users_turn_read_as_one_sentence_with_its_label_goes():
    """"You said:" over the request and the page's "Edit", lines with no end mark, read as one sentence."""
    text = f"You said:\ncan u write a year end summary for my appraisal, professional\nEdit\n\n{BODY}"
    assert _clean(text) == BODY


@pytest.mark.parametrize("line", ["Shared via ChatGPT", "https://chatgpt.com/share/6759a1c2-8f0e-8004",
                                  "g.co/gemini/share/4b7e2a91c0d3", "Created with 1.5 Flash 12 December 2024 at 21:14",
                                  "< 2 / 2 >", "Regenerate response", "Response 1",
                                  "Translated with DeepL.com (free version)", "Characters remaining: 612",
                                  "Your session will expire in 4 minutes. Unsaved changes will be lost."],
                         ids=lambda s: s[:20])
def test_a_shared_chats_link_a_regenerated_answers_pager_and_a_portals_counter_go(line):
    assert _clean(f"{BODY}\n{line}\n") == BODY


def test_a_bare_answer_label_over_the_answer_goes_alone():
    text = f"{BODY}\nAnswer:\nThe winter storm on 12 January shut most routes for a day and a half.\n"
    assert _clean(text) == f"{BODY}\nThe winter storm on 12 January shut most routes for a day and a half.\n"


def test_a_manager_ready_bullet_version_after_the_draft_goes_when_it_adds_nothing():
    """A model's second, shorter go at the whole draft under its label, like its "Condensed version:"."""
    draft = ("## The year\n\nIn 2024 I worked 278 duty days, 94 of them nights, and was shift in-charge 41 times.\n\n"
             "I taught 6 in-service classes and renewed my ACLS in July.\n\n## Goals\n\nI will apply for the ward "
             "in-charge post in 2025.\n")
    bullets = "\n### Manager-ready bullet version\n\n- 278 duty days incl. 94 nights; in-charge 41 times\n" \
              "- 6 in-service classes taught; ACLS renewed (July)\n"
    assert _clean(draft + bullets) == draft


@pytest.mark.parametrize("line", ["👍 4 🙌 2 😂 1", "**Anahera Walker** 2:41 pm",
                                  "Version of 3 Dec, 14:02 (Current version) · Thandeka Mkhize", "Draft – saved 4:52 PM"],
                         ids=lambda s: s[:20])
def test_a_threads_reactions_and_bylines_and_a_documents_version_stamps_go(line):
    assert _clean(f"{BODY}\n{line}\n") == BODY


def test_a_threads_message_with_the_authors_figures_stays():
    """A thread's messages are left alone: the author posts facts of theirs in them (c268-08), which junk, unguarded,
    would take."""
    text = f"{BODY}\n[12/12/2024, 18:10] Marek Nowak: Annual stocktake 28–29 June: 46,310 locations counted\n"
    assert "46,310 locations" in _clean(text)


def test_a_comment_anchor_on_the_word_it_marks_is_cut_and_a_bracketed_code_after_a_space_stays():
    text = f"{BODY}\nI led the NEWS2 audit, compliance rising from 81% to 94%.[JS4] We log it in [KPI1] daily.\n"
    assert _clean(text) == f"{BODY}\nI led the NEWS2 audit, compliance rising from 81% to 94%. We log it in [KPI1] daily.\n"


def test_a_pasted_chat_turn_run_into_the_answers_title_goes_without_the_title():
    # c274-07's shape: "User: …" and "Assistant:" have no end mark, so with the answer's title lines they read as one
    # sentence; the turn went as junk, unguarded, with the title's year and the pharmacy's name
    text = ("User: write my year end summary for my manager, keep it short\nAssistant:\n"
            "2024 Year-End Summary – Pharmacy Technician\nBarton Street Pharmacy, Hamilton\n\n"
            "I checked about 41,000 prescriptions this year.\n")
    out = _clean(text)
    assert "User:" not in out and "Assistant:" not in out
    assert "2024 Year-End Summary – Pharmacy Technician\nBarton Street Pharmacy, Hamilton" in out
    assert "41,000" in out


def test_a_year_told_as_the_authors_nth_stays_and_a_summing_up_late_in_the_text_goes_though_a_thanks_follows():
    # c272-05's shape: "2024 was my sixth year …" went as filler (a "2024 was a busy year" opening), so the closing
    # recap, which a thank-you paragraph follows and so is not the text's last, kept the only "sixth"
    text = ("## Summary\n\n2024 was my sixth year on the internal medicine ward. I worked 214 shifts, and incidence "
            "fell from 3.1% to 1.9%.\n\n## Teaching\n\nI tutored three nursing students from the university.\n\n"
            "## Training\n\nI renewed my basic life support in September.\n\n## Conclusion\n\n"
            "In summary, 2024 was my sixth year on the internal medicine ward, in which I worked 214 shifts, lowered "
            "incidence from 3.1% to 1.9%, and tutored three nursing students.\n\n"
            "Thanks to my supervisor, Pilar Navarro, for moving me to fixed morning shifts in December.\n")
    out = _clean(text)
    assert "2024 was my sixth year on the internal medicine ward. I worked 214 shifts" in out
    assert "In summary" not in out
    assert "Pilar Navarro" in out


def test_a_summing_up_in_the_first_half_of_the_text_stays():
    text = ("In summary, 2024 was my sixth year on the ward, in which I worked 214 shifts.\n\n"
            "2024 was my sixth year on the ward. I worked 214 shifts.\n\n"
            "I tutored three nursing students.\n\nI renewed my life support in September.\n")
    assert "In summary" in _clean(text)


def test_a_recap_whose_figure_runs_on_into_and_goes_as_its_figures_are_said_with_their_units():
    # c273-08's shape: "… for Ward 28 and for me personally" read "and" as 28's unit, said nowhere else
    text = ("## Role\n\nI am deputy sister on Ward 28, a respiratory ward.\n\n## Falls\n\n"
            "Inpatient falls fell from 31 in 2023 to 18 in 2024 after we introduced bay tagging in February.\n\n"
            "## Teaching\n\nI trained 14 nurses in NIV.\n\n## Closing\n\n"
            "Looking back, 2024 has been a year of real achievement for Ward 28 and for me personally.\n")
    out = _clean(text)
    assert "Looking back" not in out
    assert "from 31 in 2023 to 18 in 2024" in out and "Ward 28" in out


def test_a_closing_recap_that_rounds_a_figure_with_a_comma_goes():
    # c273-04's shape: "more than 2,000" read as the year 2000, a fact said nowhere else, so the recap stayed
    text = ("## Payroll\n\nIn 2024 I ran semi-monthly payroll for 2,350 employees across 14 client accounts.\n\n"
            "## Systems\n\nIn May we moved to Sprout Payroll after two parallel runs.\n\n## Closing\n\n"
            "To sum up, 2024 was a productive year in which I delivered payroll for more than 2,000 employees and "
            "supported our move to Sprout Payroll.\n")
    out = _clean(text)
    assert "To sum up" not in out and "2,350 employees" in out


def test_a_closing_recap_with_a_hedged_figure_that_rounds_nothing_said_stays():
    text = ("## Payroll\n\nI ran semi-monthly payroll for 2,350 employees across 14 client accounts.\n\n"
            "## Systems\n\nIn May we moved to Sprout Payroll after two parallel runs.\n\n## Closing\n\n"
            "To sum up, 2024 was a productive year in which I delivered payroll for more than 5,000 employees and "
            "supported our move to Sprout Payroll.\n")
    assert "more than 5,000" in _clean(text)


def test_a_quoted_message_in_the_middle_of_a_reply_goes_and_the_draft_below_it_stays():
    # c276-04's shape: the draft pasted under the thread it answers, so the quoted lines do not run to the end
    text = ("Hi Marieke, here's mine.\n\nThe December figures are not in yet, so totals run to 30 November.\n\n"
            "On 3 Dec 2024, at 09:14, Marieke de Vries wrote:\n> Hi all, please send me your summary before Friday.\n"
            "> Marieke\n>\n> On 29 Nov 2024, at 17:02, Henk Verhoeven wrote:\n>> I need the overviews by the 13th.\n\n"
            "**Year-End Summary 2024**\n\nThis year we made 14,600 container moves, about 9% more than in 2023.\n")
    out = _clean(text)
    assert "wrote:" not in out and "> " not in out and "the 13th" not in out
    assert "30 November" in out and "14,600 container moves" in out and "**Year-End Summary 2024**" in out


@pytest.mark.parametrize("note", [
    "ask Hemi if I'm allowed to put the audit score in or if it's confidential",
    "(Need to confirm the CPD hours in the myCPD log – pretty sure it's 3,140)",
    "(remember to attach the fails chart!!)",
    "- check whether Sharon wants this to go to Perth too",
], ids=lambda s: s[:24])
def test_a_note_to_self_to_check_or_ask_something_goes(note):
    assert _clean(f"{BODY}\n{note}\n") == BODY


@pytest.mark.parametrize("duty", [
    "Check whether Eastgate keeps to the new deadline and report the results each quarter.",
    "- Ask IT for colour-coded ageing on the case queue.",
    "(ask Hemi if the 14 new audits in March count: they are the only ones)",
], ids=lambda s: s[:24])
def test_a_plan_or_duty_to_check_and_a_note_with_a_figure_of_its_own_stay(duty):
    assert duty in _clean(f"{BODY}\n{duty}\n")


@pytest.mark.parametrize("comment", [
    "Comment [JS1]: Bit generic – can you give a real example? JS",
    "Comment SM2 – Siobhán Moran: Is this yours or the team's?",
    "[SK: I'd drop the \"dream work\" bit :) ]",
    "<<KL: Mei Ling, can you add the STP rate? It's on the Ops dashboard.>>",
    "(MGR: Nice work overall. Please clean up the tracked changes and send me the final version.)",
], ids=lambda s: s[:24])
def test_a_reviewers_comment_on_a_line_of_its_own_goes(comment):
    assert _clean(f"{BODY}\n{comment}\n") == BODY


def test_a_reviewers_comment_that_tells_a_date_said_nowhere_else_stays():
    comment = "Comment [GA3]: I also did the two-day tracheostomy care course on 19–20 September."
    assert "19–20 September" in _clean(f"{BODY}\n{comment}\n")


def test_a_reviewers_comment_telling_the_author_what_they_did_stays_with_its_names():
    """A reviewer who tells the author a fact of their year ("You also covered the Bendigo store …") gives it, names
    and all: the comment stays though its month and count are said elsewhere; one that only asks still goes."""
    body = BODY + "\nIn July and August I ran three stocktakes.\n"
    told = "Comment [GP4]: Greg Paterson – You also covered the Bendigo store for three weeks in July while Tom Reilly was on leave."
    assert "You also covered the Bendigo store" in _clean(f"{body}\n{told}\n")
    asked = "Comment [GP5]: Greg Paterson – You asked about the July stocktakes, can you say how many?"
    assert "Greg Paterson" not in _clean(f"{body}\n{asked}\n")


def test_a_comment_kept_for_its_fact_stays_whole():
    """A reviewer's comment the guard keeps for a figure only it gives keeps its other sentences too ("Please add
    it."): a comment goes whole or stays whole."""
    comment = "Comment [RS1]: Inês, the Azores group is missing: August, 38 passengers, €41,800. Please add it."
    assert comment in _clean(f"{BODY}\n{comment}\n")


def test_a_comment_anchor_cut_from_a_sentence_is_no_fact_the_sentence_must_keep():
    # c268-03's shape: with "Comment [JS1]: …" gone, the anchor "[JS1]" in a stock sentence read as a code said
    # nowhere else, so the guard put the stock sentence back
    text = (f"{BODY}\nAs a compassionate nurse, I always put patients at the heart of everything I do.[JS1]\n\n"
            "Comment [JS1]: Bit generic – can you give a real example? JS\n")
    out = _clean(text)
    assert "heart of everything" not in out and "JS1" not in out


@pytest.mark.parametrize("wrapper", [
    "Sure! Here's a concise version under 200 words:",
    "*Assumptions: I wrote this in the first person, kept it under 600 words, and left your manager's name as a "
    "placeholder because it wasn't in your notes.*",
], ids=lambda s: s[:24])
def test_a_chat_turns_word_count_is_no_fact_that_keeps_it(wrapper):
    assert "words" not in _clean(f"{wrapper}\n\n{BODY}")


REASONING = ("<think>\nOkay, the user wants a year-end summary. They filed 3,140 lease renewals for Northgate.\n\n"
             "I should write in the first person and keep every figure.\n</think>\n\n")


def test_a_reasoning_models_thinking_goes_and_the_answer_keeps_its_own_telling():
    # before, the thinking stayed and the answer's sentence went as the repeat of it
    assert _clean(REASONING + BODY) == BODY


def test_thinking_closed_on_the_line_it_opened_goes_and_the_answer_after_it_stays():
    text = "<think>The user wants a summary of 3,140 renewals.</think>\n" + BODY
    assert _clean(text) == BODY


def test_thinking_never_closed_is_left_alone():
    text = "<think>\nOkay, the user wants a summary of 3,140 renewals.\n\n" + BODY
    assert "3,140 renewals" in _clean(text) and "3,140 lease renewals" in _clean(text)


@pytest.mark.parametrize("line", ["Thought for 12 seconds", "Reasoned for 8s", "Show thinking", "Thinking…"])
def test_a_reasoning_models_fold_over_its_thinking_goes(line):
    assert _clean(f"{line}\n\n{BODY}") == BODY


@pytest.mark.parametrize("wrapper", [
    "¡Claro! Aquí tienes una memoria anual con los encabezados en español e inglés:",
    "Espero que te sea útil. ¿Quieres que prepare también una versión solo en valenciano?",
    "Bien sûr ! Voici votre bilan annuel :",
    "Gerne! Hier ist deine Zusammenfassung:",
    "Ich hoffe, das hilft!",
    "Oczywiście! Oto podsumowanie roku:",
    "Soll ich noch eine kürzere Fassung schreiben?",
], ids=lambda s: s[:20])
def test_a_models_wrapping_in_the_users_language_goes(wrapper):
    assert _clean(f"{wrapper}\n\n{BODY}") == BODY


def test_the_authors_own_sentence_in_another_language_stays():
    line = "Aquí tienes los datos del año: 3.140 renovaciones en Northgate."
    assert line in _clean(f"{BODY}\n{line}\n")


def test_the_users_request_and_notes_above_the_models_answer_go_and_a_note_the_answer_leaves_out_stays():
    # c280-05's and c276-05's shape: the whole chat pasted, the user's turn first
    text = ("pls make this into proper year end summary, formal language, max 1 page\n\nmy points (rough):\n"
            "• Form 16 issued for 1912 employees by 10 June\n"
            "• covered Rahul's reimbursements during his leave Oct–Nov\n\n"
            "Certainly! Here is a formal one-page summary based on your points:\n\n"
            "**Annual Summary 2024**\n\nForm 16 was issued to 1,912 employees by 10 June.\n")
    out = _clean(text)
    assert "pls make" not in out and "Form 16 issued for 1912" not in out and "Certainly" not in out
    assert "Form 16 was issued to 1,912 employees by 10 June." in out
    assert "covered Rahul's reimbursements during his leave Oct–Nov" in out


def test_the_users_own_draft_above_the_answer_is_left_to_the_other_checks():
    text = ("Can you make my year end summary sound more professional?\n\n"
            "This year I inspected 6,320 parts and wrote 17 CMM programs.\n\n"
            "Here are a few tips for your review:\n\n- Lead with the 6,320 parts.\n")
    assert "This year I inspected 6,320 parts and wrote 17 CMM programs." in _clean(text)


def test_a_note_in_brackets_on_where_the_figures_come_from_stays():
    # c279-10's shape: read as a vaguer telling of the figures beside it
    text = ("This year I booked roughly 21,000 appointments from the appointment book for the practice.\n\n"
            "(Figures are my own count from the appointment book, not from the practice report.)\n")
    assert "(Figures are my own count" in _clean(text)


def test_a_local_models_terminal_session_loses_its_prompts_and_the_answer_asked_again_over():
    # c278-12's shape: an Ollama session saved whole, the first answer stopped and asked for again
    text = ("dokafor@WH-LAPTOP-07:~$ ollama run mistral\n\n"
            ">>> write a year end summary for me, 3,140 lease renewals at Northgate\n\n"
            "Lease renewals are the backbone of any estate.\n"
            "Lease renewals are the backbone of any\n^C\n\n"
            ">>> that got stuck. try again and dont repeat yourself\n\n" + BODY + "\n>>> Send a message (/? for help)\n")
    assert _clean(text) == BODY


def test_lines_that_look_typed_at_a_prompt_stay_outside_a_model_session():
    text = BODY + "\n>>> The old system printed this banner at every login.\n"
    assert ">>> The old system" in _clean(text)


@pytest.mark.parametrize("line", [
    "response_token/s: 38.71 | prompt_token/s: 412.5 | total_duration: 9.8s | eval_count: 612",
    "Send a Message",
    "LLMs can make mistakes. Verify important information.",
    "total duration:       9.812s",
    "eval rate:            38.71 tokens/s",
    "llama_print_timings:        eval time =  1234.56 ms /   612 runs",
], ids=lambda s: s[:20])
def test_a_local_models_page_and_timings_go(line):
    assert _clean(f"{BODY}\n{line}\n") == BODY


def test_a_comment_thread_with_its_replies_goes():
    thread = ("Comment [JH1] Jens Hartmann, 10 Dec: Please add the comparison to last year, the board likes that.\n"
              "↳ Sabine Krüger: done, see above\n↳ Marked as resolved")
    assert _clean(f"{BODY}\n{thread}\n") == BODY


@pytest.mark.parametrize("line", [
    "**Why I structured it this way:** reviewers read the ratings first, so each goal opens with its target.",
    "Why I framed it this way: admitting the errors up front shows ownership, which reviewers like.",
], ids=lambda s: s[:20])
def test_the_models_account_of_why_it_wrote_it_so_goes(line):
    assert _clean(f"{BODY}\n{line}\n") == BODY


CHAT_TURNS = ("You said:\nhelp me write my year end summary, 3,140 lease renewals at Northgate\n\nChatGPT said:\n"
              "Of course! Here's a draft:\n\nAs a passionate leasing officer, I filed 3,140 lease renewals this year.\n\n"
              "I also ran the tenant survey in May, with 412 replies.\n\n"
              "You said:\ngood but add: 6% more than in 2024, and remove passionate\n\nChatGPT said:\n")


def test_an_answer_given_again_as_the_revised_version_goes_and_its_fact_the_revision_drops_stays():
    # c284-05's and c280-08's shape: the revision was cut as the repeat of the first answer
    out = _clean(CHAT_TURNS + "Great additions! Here's the revised version:\n\n" + BODY)
    assert "In 2025 I filed 3,140 lease renewals for the Northgate estate, 6% more than in 2024." in out
    assert "As a passionate leasing officer" not in out
    assert "I also ran the tenant survey in May, with 412 replies." in out


def test_an_answer_a_later_turn_only_adds_sections_to_stays():
    out = _clean(CHAT_TURNS + "Good call, here are the two updated sections:\n\n" + BODY)
    assert "As a passionate leasing officer, I filed 3,140 lease renewals this year." in out


def test_a_forms_rating_under_each_goal_stays_though_alike():
    # c283-07's and c272-09's shape: "Self-evaluation: ○" under two goals went as a repeat, the rating with it
    text = ("(1) Empty return runs fell from 1,840 to 1,612. Self-evaluation: ○\n"
            "(2) Two minor yard accidents in May and November. Self-evaluation: △\n"
            "(3) Overtime fell from 62 hours to 48 hours a month. Self-evaluation: ○\n")
    assert _clean(text).count("Self-evaluation: ○") == 2


@pytest.mark.parametrize("retelling", [
    "That is one hundred and ninety-six nights of balancing, posting and reporting.",
    "This represents one hundred and ninety-six audits in all.",
    "It comes to nearly two hundred nights at the front desk.",
])
def test_a_pronoun_saying_what_a_figure_equals_in_words_goes(retelling):
    # c285-06's and c278-05's shape: a model re-tells the figure just given in words, after "That is" or "This
    # represents"; a pronoun sentence with a ratio or a count of its own is the author's ("serviced twice a year")
    told = "## Night audits\n\nI completed 196 night audits in 2024. "
    rest = "Each audit covers the trial balance and the no-show postings.\n"
    assert _clean(told + retelling + " " + rest) == told + rest
    own = "That is why I asked for the coin counter to be serviced twice a year instead of once. "
    assert _clean(told + own + rest) == told + own + rest
    new_count = "That is one hundred and ninety-six nights, and I also covered twelve day shifts in March. "
    assert _clean(told + new_count + rest) == told + new_count + rest


def test_a_word_processors_revision_balloons_go():
    # c288-05's and c288-12's shape: Word's track-changes balloons pasted with the text; the deleted words are the
    # ones the author took out, no fact of the summary
    own = "The Alberton store opened in May.\n"
    text = (BODY + "\nFormatted: Font: Calibri, 11 pt, Bold\nDeleted: R112 million\n\n" + own +
            "\nFormatted: Indent: Left: 0.63 cm\n\nField Code Changed\n")
    assert _clean(text) == BODY + "\n" + own
    plain = BODY + "\nDeleted records: 412 duplicate files were removed from the archive in March.\n"
    assert _clean(plain) == plain


def test_a_plan_to_ask_for_something_is_no_note_to_self():
    # c288-10's loss: "ask about going up to Band 4 if …" is the author's plan; "ask Hemi if …" is a note to check
    plan = "- ask about going up to Band 4 if the coordinator post gets funded (Fiona said she'd put it in the April bid)\n"
    note = "- ask Hemi if I can put the audit score in\n"
    said = BODY + "\nIn April Fiona put a Band 4 post in the bid.\n\n"  # (its figures and names said elsewhere)
    assert _clean(said + plan + note) == said + plan


def test_the_users_notes_go_above_an_answer_that_names_what_it_presents():
    # c285-01's and c285-07's shape: the request is inside the notes' first line, and the opener presenting the
    # answer ends with a full stop, not a colon; a note the answer leaves out stays
    notes = ("my notes for the year, can you make a year end summary for my review? keep it short-ish\n"
             "* lease renewals 3,140, +6% on 2024\n* Northgate estate\n\n")
    opener = "Happy to help! Here's a concise year-end summary with a table of your key results.\n\n"
    assert _clean(notes + opener + BODY) == BODY
    own = "* trained Priya on the new lease system in June\n"
    assert _clean(notes.replace("* Northgate estate\n", "* Northgate estate\n" + own) + opener + BODY) == own + "\n" + BODY
    mine = "Here is my summary of the year for my review with Dana.\n\n" + BODY  # no request above: the author's
    assert _clean(mine) == mine


def test_the_authors_staff_number_under_a_name_slot_stays():
    # c289-01's loss: "[Your Full Name]" over "Staff No.: NRC/LD/04417" read as one sentence, which went whole as
    # junk, unguarded, with the author's staff number
    sign = "Yours faithfully,\n\n[Your Full Name]\nStaff No.: NRC/LD/04417\n"
    assert "NRC/LD/04417" in _clean(BODY + "\n" + sign)
    assert _clean(BODY + "\nYours faithfully,\n\n[Your Full Name]\n") == BODY  # a slot alone still goes


def test_a_local_models_terminal_session_loses_the_whole_typed_line_and_its_timings():
    """Ollama's session saved whole: the notes typed at ">>> " go to the line's end, every sentence of them, though
    the answer spells a name with a comma ("Lang'ata Road Clinic, Nairobi"); the --verbose timings under the answer
    and the command line are no facts of the author's, so they go too."""
    session = ("amina@clinic-pc:~$ ollama run llama3.2:3b --verbose\n"
               ">>> write my year end summary 2024. receptionist at Lang'ata Road Clinic Nairobi. booked 9,800 "
               "appointments. trained Akinyi in July. make it professional\n"
               "Sure! Here's your summary:\n\n"
               "# Year-end summary 2024\n\nAs receptionist at Lang'ata Road Clinic, Nairobi, I booked 9,800 "
               "appointments in 2024, and in July I trained Akinyi.\n\n"
               "total duration:       14.218302s\nload duration:        1.204811s\nprompt eval count:    214 token(s)\n"
               "eval rate:            18.31 tokens/s\n>>> Send a message (/? for help)\n")
    out = _clean(session)
    assert out.startswith("# Year-end summary 2024") and "trained Akinyi in July" not in out
    assert "eval rate" not in out and "ollama run" not in out and "I booked 9,800 appointments" in out


def test_a_runners_log_and_the_prompt_it_echoes_go_above_an_answer_without_opener():
    # c290-01's shape: llama.cpp's command line and start-up log, then the prompt with its facts, then the answer
    # under its own title; a form's guidance over the author's own list is no prompt
    log = ("$ ./llama-cli -m models/qwen2.5-3b-instruct-q4_k_m.gguf -f prompts/clerk.txt -n 1024\n"
           "build: 4391 (a4f1c3e2) with cc 13.2.0 for x86_64-linux-gnu\n"
           "llama_model_loader: loaded meta data with 29 key-value pairs\nmain: interactive mode off\n\n")
    older_log = ("Log start\nmain: seed  = 1733904127\nsystem_info: n_threads = 8 / 16 | avx = 1 | avx2 = 1 |\n"
                 "sampling: repeat_last_n = 64, repeat_penalty = 1.000, temp = 0.800\n"
                 "generate: n_ctx = 4096, n_batch = 2048, n_predict = 900, n_keep = 1\n\n")
    prompt = ("You are a lease clerk at Northgate. Write your year-end work summary for 2025 from these facts:\n"
              "- 3,140 lease renewals, 6% more than 2024\n\n")
    answer = "# Year-End Work Summary 2025\n\n" + BODY
    assert _clean(log + prompt + answer) == answer
    assert _clean(older_log + prompt + answer) == answer  # an older build's log: "Log start", "sampling: …"
    form = "Write a summary of your key achievements:\n\n- 3,140 lease renewals, 6% more than 2024\n\n" + answer
    assert "- 3,140 lease renewals, 6% more than 2024\n" in _clean(form)  # (the guidance line is the template's)


@pytest.mark.parametrize("furniture", [
    'In [6]:\nr = ollama.generate(model="llama3.2", prompt=prompt)\n\nOut[7]: (512, 41.88)\n',
    "CPU times: user 3min 41s, sys: 6.2 s, total: 3min 47s\nWall time: 1min 58s\n",
    "23.41 tok/sec • 986 tokens • 0.94s to first token • Stop reason: EOS Token Found\n",
    "Output generated in 52.31 seconds (7.84 tokens/s, 410 tokens, context 622, seed 1398027711)\n",
    "Processing Prompt [BLAS] (412 / 412 tokens)\nGenerating (1024 / 1024 tokens)\nCtxLimit:1436/4096\n",
    "Token speed: 11.86 t/s\n",
], ids=lambda s: s[:16])
def test_a_notebooks_cells_and_a_front_ends_generation_figures_go(furniture):
    # c290's shapes: a model run from a notebook or a local front end, its cells and timings pasted with the answer
    assert _clean(furniture + "\n" + BODY) == BODY
    assert _clean(BODY + "\n" + furniture) == BODY


def test_an_editors_suggestion_with_a_figure_the_text_lacks_stays():
    # c296-05's loss: Google Docs' suggestions under their bylines, 'Replace: "1,080 employees" with "1,146 …"', went
    # as junk, unguarded, with the only right figure; a suggestion the text has taken goes
    thread = ('Nomsa Khumalo\n9:41 AM Jan 13\nReplace: "1,080 leases" with "1,146 leases (766 monthly)"\n'
              "Reply or add others with @\n\n")
    assert "1,146 leases (766 monthly)" in _clean(BODY + "\n" + thread)
    taken = 'Replace: "about 3,000" with "3,140"\n'
    assert _clean(BODY + "\n" + taken) == BODY


@pytest.mark.parametrize("note", [
    "In this section, I'll highlight the big numbers that defined our year!",  # c345-07
    "The STAR method (Situation, Task, Action, Result) has been used below to structure each of my key "
    "accomplishments for the year.",  # c345-10
    "I've used South African spelling and kept the tone formal, which suits a performance contract.",  # c333-02
    "I've used plain British English and grouped it under Achievements, Challenges and Goals.",  # c333-03
])
def test_the_models_note_on_how_it_wrote_goes_wherever_it_stands(note):
    """A chat model's note on its writing (the method, the language, the tone) goes in the middle of the summary too,
    and the names it gives the language or the parts are the writing's, not facts the guard keeps."""
    text = (f"## Results\n\nI closed 1,240 claims in 2024. {note} Complaints fell from 31 to 12.\n\n"
            "## Goals\n\nI will finish the CII diploma in 2025.\n")
    out = clean(text).text
    assert note not in out
    assert "I closed 1,240 claims in 2024." in out and "Complaints fell from 31 to 12." in out


@pytest.mark.parametrize("own", [
    "I have kept the archive organised into clear sections by year since March.",
    "In this role I have used the new SAP screens every day.",
    "I have written 14 procedures for the team in plain style.",
])
def test_the_authors_own_account_of_what_they_kept_or_wrote_stays(own):
    text = f"## Results\n\nI closed 1,240 claims in 2024. {own}\n"
    assert own in clean(text).text
