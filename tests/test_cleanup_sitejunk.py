"""Cleanup of template-site material: a document-sharing site's furniture, slogans and mottos, a form's printed
header, and the author's own lines of the same look that must stay. Made-up text in the shapes real input takes."""

from __future__ import annotations

import pytest

from drafter.cleanup import CleanupSettings, clean


pytestmark = pytest.mark.usefixtures("isolated_home")  # no user phrase lists of the machine's


def test_a_document_sharing_sites_furniture_goes():
    text = ("Save this file · Page 1 of 4 · 6 pages in total\n\n"
            "# Year-End Summary of the Archive Room Clerk\n\n"
            "In 2024 I scanned 8,412 folders of the Linhe county land files.\n\n"
            "Tip: this article is the second one, click the next page to see the rest.\n\n"
            "This file was uploaded by a member. The website only provides information storage space and does not "
            "own the copyright of the content.\n\n"
            "Related document | archive clerk annual summary (doc) | Page 4 of 4\n\n"
            "More similar articles\n\n"
            "Word count: 1,260\n\n"
            "Home page >> Summaries >> Archive Summaries\n\n"
            "[Full text: 1,260 words] [Share to Weibo] [Add to favourites]\n")
    result = clean(text)
    assert result.text == ("# Year-End Summary of the Archive Room Clerk\n\n"
                           "In 2024 I scanned 8,412 folders of the Linhe county land files.\n")
    assert {e.kind for e in result.edits} == {"junk"}


def test_the_authors_own_pages_and_uploads_stay():
    text = ("I checked page 3 of 12 in every contract file before it went to the bank.\n\n"
            "Most of the scans were uploaded by the users themselves through the portal, 1,900 in May alone.\n\n"
            "The related documents for each claim now sit in one folder.\n")
    assert clean(text).text == text


def test_a_speechs_address_to_its_audience_stays_a_letters_greeting_goes():
    speech = "Dear directors and fellow staff:\n\nIn 2024 the hall handled 31,420 tax returns.\n"
    assert clean(speech).text == speech
    letter = "Dear Ms Holt,\n\nIn 2024 the hall handled 31,420 tax returns.\n"
    assert clean(letter).text == letter  # a greeting to a real name is the author's letter (c34, c38, c42)
    template = "Dear [Manager's Name],\n\nIn 2024 the hall handled 31,420 tax returns.\n"
    assert clean(template).text == "In 2024 the hall handled 31,420 tax returns.\n"


BODY = ("Name: Ann Lee\nRole: Receptionist, Hillside Surgery\n\n"
        "## My year\n\nI booked 9,120 appointments at Hillside Surgery and at the Northfield Bank branch clinic.\n")


def test_a_motto_of_title_case_words_goes_a_plain_answer_of_short_words_stays():
    assert clean("# Staff Review\n\nLearn. Care. Grow Together.\n\n" + BODY).text == "# Staff Review\n\n" + BODY
    answer = "# Staff Review\n\nBusy. Very busy. Tiring but good.\n\n" + BODY
    assert clean(answer).text == answer


@pytest.mark.parametrize("chant", [
    '"Safety first, people first, service first! Serve every household with heart!"',
    '"Quality builds the brand, and service wins the market!"',
    "Clients first, safety first, honesty first!",
    '"Green power for every home, clean energy for every village!"',
])
def test_a_chant_standing_as_its_own_paragraph_goes(chant):
    served, plan = "In 2023 the hall served 48,200 customers.\n\n", "## Next year\n\nI will open a second window.\n"
    assert clean(served + chant + "\n\n" + plan).text == served + plan


def test_a_long_chant_of_short_clauses_goes_without_the_stock_model():
    served = "In 2023 the hall served 48,200 customers.\n"
    chant = ("Hold high the banner of service, keep the mission in mind, guard every pipe with care, "
             "light up every home!")
    assert clean(served + "\n" + chant + "\n", CleanupSettings(stock_threshold=1.0)).text == served


@pytest.mark.parametrize("line", [
    "What a year it has been!",                       # no parallel clauses
    "I would do it all again, every shift of it!",    # the author's own voice
    "Two new staff, 14 courses, one great team!",     # figures
    "Thanks to Priya, to Tom, to everyone on nights!",  # names said nowhere else
])
def test_an_exclamation_of_the_authors_own_is_no_chant(line):
    text = "In 2023 the hall served 48,200 customers.\n\n" + line + "\n"
    assert not [e for e in clean(text).edits if e.kind == "junk"]  # (the stock model may still judge it)


@pytest.mark.parametrize("tagline", [
    "*Hillside Surgery: Looking after you, looking after our town.*",
    "> Hillside Surgery: here for you, here for our community.",
    "*Hillside Surgery – where every patient matters to us*",
    "Northfield Bank – Banking with heart for our neighbours.",
    "*Together we heal, together we grow.*",
])
def test_a_tagline_in_the_masthead_goes(tagline):
    text = "# Staff Appraisal – Self Assessment\n\n" + tagline + "\n\n" + BODY
    assert clean(text).text == "# Staff Appraisal – Self Assessment\n\n" + BODY


@pytest.mark.parametrize("line", [
    "*Prepared by Ann Lee, Team Leader*",                       # a byline
    "*Patient Services, Hillside Surgery — Leeds*",             # a department line, no slogan's words
    "*Brightwater Clinic: caring for you, caring for our town.*",  # a name the text states nowhere else
    "**Reflecting on the past year**",                          # a bold label
    "Ann Lee – my second year on the front desk",               # the author's own line
])
def test_a_masthead_line_that_is_no_tagline_stays(line):
    text = "# Staff Appraisal – Self Assessment\n\n" + line + "\n\n" + BODY
    assert clean(text).text == text


def test_an_italic_line_after_the_authors_first_words_is_no_masthead():
    text = BODY + "\n*Looking after you, looking after our town.*\n"
    assert clean(text).text == text


FACT = "In 2023 the hall handled 52,300 water bills, 4% more than in 2022.\n\n"


@pytest.mark.parametrize("maxim", [
    "The service hall is the window of the bureau, and every clerk is the image of the bureau.",
    "Passengers are our God, and cooperation is the bridge.",
    "Patience is the first step of good service.",
    "Meter safety is first, without it there is no development.",
    "Users first, safety first, honesty first.",
    "Guarding the users meters is our unshirkable duty.",
    'We always kept in mind that "every drop of water counts, and service has no end".',
    'We insisted on the "service is the first productive force" and did the metering work.',
    "We did the metering work firmly, steadily and conscientiously.",
    'The meter reader is the "eyes and ears" of the bureau, and we kept them sharp.',
    'Serving the "last mile" households well is our duty, and I am deeply honoured to do it.',
    "Meter disputes take patience, care and responsibility.",
    "We took the satisfaction of the water users as the highest standard of the hall.",
    "Users could pay their bills with ease, comfort and peace of mind.",
    "We built a team that is politically firm and professionally skilled.",
    "We safeguarded the legitimate rights and interests of the users.",
])
def test_a_translated_maxim_or_motto_held_to_goes(maxim):
    text = FACT + maxim + "\n"
    assert clean(text).text == FACT.rstrip("\n") + "\n"


@pytest.mark.parametrize("line", [
    'We always kept in mind that "Fairway House" would close in the spring.',  # a name in the quote
    "The meter room is the window of the bureau that customers see first, and we repainted it for 3,200 yuan.",
])
def test_the_authors_sentence_in_a_maxims_words_stays(line):
    text = FACT + line + "\n"
    assert clean(text).text == text


def test_two_manner_adverbs_are_no_pile():
    text = FACT + "I checked the readings carefully and steadily.\n"
    assert not [e for e in clean(text).edits if e.kind == "cliche"]  # (the stock model may still judge it)


def test_a_heading_said_again_over_a_part_of_its_own_stays():
    text = ("## Claims\n\n### The spring\n\nIn April the frost hit the orchards of Xiping, and we paid 74 claims.\n\n"
            "### The spring\n\n(Livestock) In May 212 sheep were lost to the flood at Dongtan, and the herders were "
            "paid in three weeks.\n")
    assert clean(text).text == text


def test_a_numbered_heading_said_again_restarts_its_part_whatever_follows():
    text = ("## II. Claims\n\nIn April the frost hit the orchards of Xiping, and we paid 74 claims.\n\n"
            "## II. Claims\n\n(Livestock) In May 212 sheep were lost to the flood at Dongtan.\n")
    assert clean(text).text.count("## II. Claims") == 1


def test_a_heading_said_again_over_a_restart_of_its_part_goes():
    text = ("## Challenges\n\nStaffing was the hardest part of the year: we lost 3 drivers in June.\n\n"
            "## Challenges\n\nStaffing was the biggest challenge: we lost three drivers in June to the new depot.\n")
    assert "## Challenges" not in clean(text).text.split("## Challenges", 1)[1]


def test_a_sites_related_links_go_with_their_blanks():
    text = ("In 2024 the office settled 6,140 bills.\n\nRecommended reading:\n"
            "- Cashier year-end summary\n- Billing office work summary 20**\n")
    assert clean(text).text == "In 2024 the office settled 6,140 bills.\n"
    chat = "In 2024 the office settled 6,140 bills.\n\nIf you want, I can also:\n- Add the 20** target.\n"
    assert "20**" in clean(chat).text  # under a model's label a blank is the user's to fill


OPENER = "Time flies, and the year 20** slipped by in a flash."


@pytest.mark.parametrize("text", [
    f"# 20** Billing Office Year-End Summary\n\n{OPENER} I issued 4,100 bills at the Hexi counter.\n",
    f"{OPENER} In 20** I issued 4,100 bills at the Hexi counter.\n",
    f"{OPENER} I issued 4,100 bills at the Hexi counter.\n",  # its only telling of the year: a blank, not a fact
    f"{OPENER} I issued 4,100 bills at the Hexi counter. In 20** I plan to open a second counter.\n",
    f"{OPENER} Occupancy in 20XX was xx%, and I issued 4,100 bills at the Hexi counter.\n",
])
def test_a_time_flies_opener_whose_only_blank_is_the_year_goes(text):
    result = clean(text)
    assert OPENER not in result.text and "I issued 4,100 bills at the Hexi counter" in result.text
    assert "20**" in [p.text for p in result.placeholders]  # the blank is still reported


def test_a_stock_sentence_with_a_blank_year_and_a_fact_stays():
    text = "Time flies, and in 20** I issued 4,100 bills at the Hexi counter.\n"
    assert clean(text).text == text


def test_an_opener_with_another_blank_than_the_year_stays():
    text = "# 20** Billing Office Year-End Summary\n\nTime flies, and my XX years at the counter slipped by.\n\n" \
           "I issued 4,100 bills at the Hexi counter.\n"
    assert "my XX years" in clean(text).text


@pytest.mark.parametrize("opener", ["Time is like water flowing, and 20** slipped away quietly.",
                                    "The wheel of time rolls forward, and 20** is over."])
def test_a_year_passing_opener_in_other_words_goes_when_its_blank_year_is_in_the_title(opener):
    text = f"# 20** Billing Office Year-End Summary\n\n{opener} I issued 4,100 bills at the Hexi counter.\n"
    assert opener not in clean(text).text


def test_a_motto_line_under_a_forms_header_goes_and_the_header_pasted_again_with_it():
    header = "**HILLSIDE SURGERY – STAFF ANNUAL REVIEW**\n"
    text = (header + "*Kind Care. Every Patient. Every Day.*\n\n" + BODY + "\n" + header
            + "*Kind Care. Every Patient. Every Day.*\n")
    assert clean(text).text == header + "\n" + BODY


def test_a_header_block_whose_lines_say_something_keeps_them():
    text = "**HILLSIDE SURGERY – STAFF ANNUAL REVIEW**\nReviewed with Dr Okafor on 12 March.\n\n" + BODY
    assert clean(text).text == text


def test_two_openers_whose_only_blank_is_the_year_both_go():
    text = (f"{OPENER} I issued 4,100 bills at the Hexi counter.\n\n"
            "Time flies, and 20** slipped by in a flash again. I opened 3 counters.\n")
    assert clean(text).text == "I issued 4,100 bills at the Hexi counter.\n\nI opened 3 counters.\n"


def test_a_stock_plan_with_a_blank_for_a_name_goes_but_one_with_a_blank_for_a_figure_stays():
    body = "I issued 4,100 bills at the Hexi counter.\n"
    named = "Strive to make the XX work of the counter reach a new level."
    assert clean(f"{body}\n{named}\n").text == body
    figure = "Strive to make the counter reach a new level, with satisfaction at xx%."
    assert figure in clean(f"{body}\n{figure}\n").text


def test_a_blank_in_a_name_is_no_fact():
    from drafter.cleanup import facts_of
    assert facts_of("The XX department moved to the Hexi counter.") == {"hexi"}


@pytest.mark.parametrize("line", [
    "TAILIEUMAU.VN – Free sample documents, forms, lesson plans",
    "OBRAZEC-DOK.RU — samples of documents, acts, reports, characteristics",
    "Subscribe to our Telegram channel so as not to miss new samples.",
    "Select the text and press Ctrl+Enter.",
    "Was this example useful? Yes (312) · No (27)",
    "Download the sample in .doc format (34 KB) – only for registered users. Log in or register.",
    "Leave a comment: [Name] [E-mail] [Text] Send",
    "You may also be interested in: Format of entry and exit of warehouse · Example of inventory report",
    "ADVERTISEMENT",
])
def test_a_sample_sites_name_line_calls_to_act_and_reader_widgets_go(line):
    """A sample-document site's name and address line and its widgets (c315-02, c315-03, c315-04, c315-06, c315-10),
    whatever its language's domain."""
    body = "# Report of the cashier for the year\n\nIn 2024 I handled 41,200 cash orders at the Almaty branch.\n"
    assert clean(f"{body}\n{line}\n").text == body


@pytest.mark.parametrize("own", ["I subscribed the branch to the bank's fraud alert channel in May.",
                                 "Our Telegram group for the 14 cashiers now carries every rate change.",
                                 "Advertisement spending in the store fell by 12% after the switch to flyers."])
def test_the_authors_lines_about_channels_and_adverts_stay(own):
    body = "# Report of the cashier for the year\n\nIn 2024 I handled 41,200 cash orders at the Almaty branch.\n"
    assert own in clean(f"{body}\n{own}\n").text


@pytest.mark.parametrize("line", ["LM Studio  ·  Chat  ·  qwen2.5-7b-instruct-q4_k_m.gguf",
                                  "LM Studio — deepseek-r1-distill-qwen-7b@q4_k_m", "Thought for 36.8 seconds",
                                  "GPT4All v3.4.2   |   Llama 3 8B Instruct (Q4_0)   |   LocalDocs: off",
                                  "phi-3.5-mini-instruct Q4_K_M  ·  Generating…  7.8 tok/s", "gemma-2-9b-it-Q4_K_S.gguf",
                                  "Open WebUI"])
def test_a_local_model_apps_window_lines_go(line):
    """A desktop model app's window copied with the answer (c322): the model file, its quantisation, its speed, its
    thinking time, the app's name."""
    body = "## My year\n\nIn 2024 I handled 3,400 payments and cleared the suspense account.\n"
    assert clean(f"{body}\n{line}\n").text == body


def test_the_authors_line_about_a_studio_stays():
    body = "## My year\n\nIn 2024 I handled 3,400 payments and cleared the suspense account.\n"
    own = "I booked the LM Studio room in Leeds for all 14 training days."
    assert own in clean(f"{body}\n{own}\n").text


def test_a_form_line_the_author_wrote_values_on_stays():
    """c343-10/12: "___288___" is the author's figure written on the template's line, not a blank; a line of blanks
    beside it still goes."""
    text = ("# Personal work summary 2023\n\nI received 4,120 pallets and shipped 3,870.\n\n"
            "Attendance: ___288___ days    Overtime: ___126___ hours\n\n"
            "Summarizer: ____Tan Min____    Date: ____2023.12.28____\n\n"
            "Signature: ________    Date: ___/___/____\n")
    result = clean(text).text
    assert "Attendance: ___288___ days    Overtime: ___126___ hours" in result
    assert "Summarizer: ____Tan Min____    Date: ____2023.12.28____" in result
    assert "Signature: ________" not in result


def test_a_count_in_points_is_the_authors_and_a_sites_price_in_points_is_its_download_bar():
    """"(2 points)" in brackets of its own is what a sharing site charges for a download: its bar goes. The author's
    count of points with a bracketed total ("32 points (total 5 years: 118 points)") looks like two of the page's
    fields, but it is a fact of theirs and stays: junk goes unguarded, so its patterns must not take it."""
    text = ("# Year-end summary, ward nurse\n\n"
            "- Training hours this year: 41 hours\n"
            "- CPD points this year: 27 points (total 5 years: 96 points)\n\n"
            "Docin preview Page 1 / 2 Download (2 points)\n")
    cleaned = clean(text)
    assert "CPD points this year: 27 points (total 5 years: 96 points)" in cleaned.text
    assert "Docin" not in cleaned.text


def test_a_comment_thread_with_each_post_a_paragraph_of_its_own_goes():
    """A blog's thread copied with blank lines between its posts, under "**12 Comments**", each post a handle, a date
    with its time and the words, then "Reply": the label and the posts go, up to the next paragraph of the page."""
    page = ("# Year-end summary 2024\n\nIn 2024 I booked 2,104 appointments at Hillside Surgery.\n\n"
            "**12 Comments**\n\n"
            "**Priya K.** – 3 March 2023 at 8:02 pm: Thanks, this saved my evening! *Reply*\n\n"
            "**Tom** – 9 January 2024 at 11:40 am: Is there one for practice managers? *Reply*\n\n"
            "I also trained two new receptionists in May.\n")
    cleaned = clean(page).text
    assert "Priya" not in cleaned and "Tom" not in cleaned and "12 Comments" not in cleaned
    assert "2,104 appointments" in cleaned and "I also trained two new receptionists in May." in cleaned


@pytest.mark.parametrize("line", [
    "**4.** e.g. Led a process improvement initiative that saved AED X per year.",
    "- **Achievement 3:** e.g. Received X customer compliments / shout-outs.",
    "d) e.g. Received appreciation letter from the Commissioner / Awarded best employee of the year.",
    "- Choose an item.",
    "Click or tap to enter a date.",
    "*Posted on 2 November 2022 by Mel Hartigan · Filed under Templates, Reviews · 47 comments*",
    "Page owner: HR Performance Team · Last reviewed: 12 January 2023",
    "Lorem ipsum dolor sit amet, consectetur adipiscing elit.",
    "Powered by Atlassian Confluence 8.5.4 · Report a bug · Atlassian News",
    "Created by Rhian Pritchard, last modified by Dafydd Morgan on 29 Nov 2024",
    "Printed 9/12/2024 3:41 PM · H:\\Registration\\Reports\\2024\\YE summary FINAL v3.pdf",
    "### Human: Can you make it shorter and add a paragraph about teamwork?",
], ids=lambda s: s[:20])
def test_a_templates_example_lines_and_page_furniture_go(line):
    """A template's example line left under its instruction (no figure of the author's), a Word form's empty
    controls, a post's byline, an intranet page's owner line, filler text, a wiki's byline and footer, a printed
    page's footer and a chat template's follow-up turn are not the author's."""
    text = "# Year-end summary 2024\n\nIn 2024 I booked 2,104 appointments at Hillside Surgery.\n"
    assert clean(f"{text}\n{line}\n").text == text


def test_an_example_the_author_gives_with_a_figure_stays():
    text = ("# Year-end summary 2024\n\nIn 2024 I booked 2,104 appointments at Hillside Surgery.\n\n"
            "e) e.g. Appreciation from the Assistant Commissioner for the PT-3 camps (letter dated 14 September 2023).\n")
    assert clean(text).text == text


def test_a_sites_comment_thread_goes_and_a_forms_comments_field_stays():
    """The readers' posts under "Comments (3)" (a handle, a date or a place, the post) go whole as junk, their names
    and dates no fact of the author's; under a form's "Comments:" the author's own lines with figures stay."""
    page = ("# Annual report of the hall cashier\n\n"
            "In 2024 I took 18,430 payments at the Ternopil hall.\n\n"
            "Comments (3)\n"
            "Oksana, Lutsk: Thank you, very useful for my report!\n"
            "Guest — 12.02.2024: Is there a sample for the senior cashier?\n"
            "Admin: @Guest Yes, see the section \"Finance\".\n")
    cleaned = clean(page).text
    assert "Oksana" not in cleaned and "Admin" not in cleaned and "Comments (3)" not in cleaned
    assert "18,430 payments" in cleaned
    form = ("# Self-appraisal 2024\n\n"
            "In 2024 I took 18,430 payments at the Ternopil hall.\n\n"
            "Comments:\n"
            "Queue time: I cut our average wait to 6 minutes from 11.\n"
            "Training: I trained 2 new cashiers on the safe procedure.\n")
    assert "cut our average wait to 6 minutes" in clean(form).text
    assert "trained 2 new cashiers" in clean(form).text


def test_a_reply_or_forward_header_goes_and_a_new_letters_header_or_a_memo_stays():
    """The header of a reply or a forward names the mail, not the year: it goes whole, its date with it. The header
    of a new message sending the summary, and a memo's "To:" / "From:" lines, are the author's letter and stay."""
    body = "\n\nHi Dara,\n\nIn 2024 I reconciled 4,120 supplier statements at the Naas office.\n"
    reply = ("From: Orla Quinn <orla.quinn@brightwater.ie>\nSent: Friday, 6 December 2024 16:42\n"
             "To: Dara Kelly <dara.kelly@brightwater.ie>\nSubject: RE: year-end summaries – please send by Friday")
    cleaned = clean(reply + body).text
    assert "From:" not in cleaned and "16:42" not in cleaned and "4,120 supplier statements" in cleaned
    forward = reply.replace("Subject: RE:", "Subject: FW:")
    assert "Sent:" not in clean(forward + body).text
    new = reply.replace("Subject: RE: year-end summaries – please send by Friday", "Subject: My year-end summary")
    assert "Sent: Friday, 6 December 2024 16:42" in clean(new + body).text
    memo = "To: Dara Kelly, Finance Manager\nFrom: Orla Quinn\nDate: 6 December 2024\nSubject: RE: Year-end summary"
    assert "From: Orla Quinn" in clean(memo + body).text


def test_a_chat_apps_stamps_on_a_thread_go_and_the_messages_and_a_schedules_times_stay():
    """The sender-and-time stamp of each message copied from Slack, Teams, WhatsApp, Telegram or Zoom is cut as junk;
    the message's words are left to the other passes and the guard ("correction – 99.1 in Dec"), and a schedule's
    line ("Monday  9:00") is no stamp."""
    text = ("Year-end summary 2024\n\n"
            "In 2024 I settled 36,400 trades for the Sandton desk.\n\n"
            "Thabo Mokoena  8:40 AM\nlooks good, send it\n\n"
            "[14/1/25, 7:31:02 pm] Lerato Dlamini: correction – fail rate was 0.4% by December\n\n"
            "10:04:02 From Leah Morgan to Everyone:\nnice one\n\n"
            "Cut-off times:\nMonday  9:00\nFriday  14:00\n")
    cleaned = clean(text).text
    assert "8:40 AM" not in cleaned and "Thabo Mokoena" not in cleaned
    assert "7:31:02" not in cleaned and "correction – fail rate was 0.4% by December" in cleaned
    assert "10:04:02 From Leah Morgan" not in cleaned
    assert "Monday  9:00" in cleaned and "Friday  14:00" in cleaned


def test_the_authors_sentence_under_a_related_documents_label_stays_and_the_sites_list_goes():
    """'Related documents: a | b' is a site's list and goes unguarded as junk; the author's own sentence under that
    label ("… the minutes of all 37 assemblies are filed in GesCond.") says where their papers are and stays."""
    text = ("# Annual report 2024, condominium office\n\n"
            "In 2024 I prepared the minutes of 37 owners' assemblies.\n\n"
            "Related documents: the minutes of all 41 assemblies since 2022 are filed in GesCond, folder AG.\n\n"
            "Related documents: Annual report of a secretary | Model of a budget | Letter of resignation\n")
    cleaned = clean(text).text
    assert "the minutes of all 41 assemblies since 2022 are filed in GesCond" in cleaned
    assert "Letter of resignation" not in cleaned


# --- after the hundred-and-ninth blind round (c425–c428) ---

def test_a_reviewers_comments_under_a_comments_label_are_no_readers_thread():
    """Under a document's "Comments (2)" a reviewer asking the author to add a fact ("please also include that you were
    voted …") is no reader's post on a page: the thread stays for the guard and the author (r109's cut)."""
    text = ("# Year-end summary 2024\n\nI booked 1,240 orders for the Dayton branch.\n\n"
            "Comments (2)\n"
            "Dana Whitfield   Dec 4: Jordan – please also include that you were voted Keller's Customer Champion for "
            "Q3 by the Dayton branch.\n"
            "Jordan Alvarez   Dec 4: On it!\n")
    assert "Customer Champion for Q3" in clean(text).text


def test_a_source_line_with_the_authors_survey_score_is_no_pages_source():
    """"Source:" over where the author's figure comes from, a survey and its score, is the author's line; a site's
    "Source:" line still goes."""
    note = ("Source: Owners' Corporation resident satisfaction survey, December 2023 — front desk service scored 88 "
            "points, up from 81.")
    body = "# Front desk summary 2023\n\nI handled 2,310 resident requests at Harbour Heights.\n"
    assert note in clean(f"{body}\n{note}\n").text
    assert "Source:" not in clean(f"{body}\nSource: Fanwen Model Essay Network\n").text


def test_the_authors_thanks_in_their_own_language_is_no_chant():
    """"Obrigada, equipe da madrugada!" closing the summary is the author's thanks to the night team, not a chant of
    short clauses (r109's cut); "Patients first, service first, quality first!" still goes."""
    body = "# Year-end summary 2024\n\nI checked in about 38,500 passengers at GRU Terminal 3.\n\n"
    assert "Obrigada, equipe da madrugada!" in clean(body + "Obrigada, equipe da madrugada!\n").text
    assert "quality first" not in clean(body + "Patients first, service first, quality first!\n").text


# --- after the hundred-and-eleventh blind round (c433–c436) ---

def test_a_ratings_chosen_on_an_hr_forms_goals_stay_however_alike():
    """An HR system's rating picked for each goal ("Employee rating: [ 3 – Meets Expectations ▾ ]", "Rating: 3 –
    Fully Effective") or marked in its row ("○ Not Met ● Partially Met ○ Met") is the answer for that goal: no blank
    field, no repeat of the goal above, no page's line (r111's cuts); a field left blank ("[Goal 1]") still goes."""
    goal = ("Goal {n}: Order accuracy\nEmployee comments: I entered {n},240 order lines with 99.{n}% right first "
            "time.\nEmployee rating: [ 3 – Meets Expectations ▾ ]\nRating: 3 – Fully Effective\n"
            "Self rating: ○ Not Met   ● Partially Met   ○ Met\n")
    text = "# Performance review 2024\n\n" + "\n".join(goal.format(n=n) for n in (1, 2, 3)) + "\nGoal 4: [Goal 4]\n"
    cleaned = clean(text).text
    assert cleaned.count("Employee rating: [ 3 – Meets Expectations ▾ ]") == 3
    assert cleaned.count("Rating: 3 – Fully Effective") == 3
    assert cleaned.count("● Partially Met") == 3
    assert "[Goal 4]" not in cleaned


def test_a_quoted_mail_line_telling_the_authors_year_with_a_date_stays():
    """In a quoted thread under the author's reply, the line of their earlier mail that adds an item ("> From 29 July
    to 2 August I was deployed to Hinton …") stays with its dates; the thread's requests with a deadline ("> please
    send me your summaries by Monday 9 Dec …") go."""
    text = ("2024 Year-End Summary – Owen Gallagher\n\nI closed 588 of 612 new files in 2024.\n\n"
            "On Wed, Dec 11, 2024 at 8:02 AM Owen Gallagher <og@prairiemutual.ca> wrote:\n"
            "> Sarah – one item I left out.\n>\n"
            "> From 29 July to 2 August I was deployed to Hinton with the CAT team for the Jasper wildfire.\n"
            ">\n> > On Tue, Dec 10, 2024 at 5:41 PM Sarah Kowalczuk <sk@prairiemutual.ca> wrote:\n"
            "> > Please send me your year-end summaries by Monday 9 Dec so I can sign them off before the 13th.\n")
    cleaned = clean(text).text
    assert "From 29 July to 2 August I was deployed to Hinton" in cleaned
    assert "Please send me your year-end summaries" not in cleaned


@pytest.mark.parametrize("sample", [
    'Sample 2: "I sometimes find it difficult to manage my workload but I am working on prioritising tasks."',
    '**Example 1:** "I always maintained a high level of customer satisfaction by resolving queries promptly."',
    'Sample 4 (Areas for improvement): "I would like to improve my time management so that I can finish on time."',
    'Year-End Review Samples for Sales Reps (Sample 2): "This year I closed $[amount] in sales, [X]% of my quota."',
])
def test_a_sites_sample_answer_in_quotes_under_its_label_goes(sample):
    """A self-appraisal page's sample answer copied along, quoted under its label ("Sample 2:", "**Example 1:**"):
    the site's, not the author's; the sample's number is no figure of the author's."""
    out = clean(f"I closed 212 files in 2024.\n\n{sample}\n\nI trained Ana and Tom in March.\n").text
    assert sample not in out and "I closed 212 files in 2024." in out and "I trained Ana and Tom in March." in out


def test_the_authors_own_quoted_figures_under_an_example_label_stay():
    """A line labelled as an example that gives the author's own figure stays: junk goes unguarded, so the author's
    account with a figure is never taken for a site's sample."""
    text = 'I closed 212 files in 2024.\n\nExample 1: "I cut the claim backlog from 418 to 96 files by June."\n'
    assert "418 to 96" in clean(text).text


def test_a_word_processors_comment_balloon_with_a_fact_is_no_revision_residue():
    """A reviewer's comment pasted from Word's balloons ("Commented [JH3]: Also the Bundesbank special audit in October
    …") is a comment, whose facts the guard keeps, not revision residue like "Formatted: Indent: Left: 0 cm", which
    goes unguarded."""
    text = ("I took over the daily cash reconciliation in April.\n\n"
            "Commented [JH3]: Also the Bundesbank special audit in October – your reconciliation file was one of the 3 "
            "samples and came through without findings. Please mention it.\n"
            "Formatted: Indent: Left: 0 cm, Hanging: 0.63 cm\n")
    out = clean(text).text
    assert "Bundesbank special audit in October" in out and "Formatted: Indent" not in out


def test_a_sample_sites_title_stamps_links_and_dated_comment_thread_go():
    text = ("# Year End Self Appraisal for Insurance Claims Manager – Sample Format (Free PDF)\n\n"
            "Last Updated on March 2, 2024 by Team SFH  •  👁 48,903 views\n\n"
            "Posted by Admin • 9 December 2023 • 2,871 readers\n\n"
            "Added: 14.12.2023 | Views: 3 417 | Category: Reports\n\n"
            "Year End Report for Bank Cashier/Teller (Editable Sample)\n\n"
            "In 2023-24 I led nine claims handlers and settled 6,105 motor claims.\n\n"
            "Also Read:\n\n- Appraisal Letter Format for Employees (Word & PDF)\n\n### 3 Comments\n\n"
            "**Priya S.** March 3, 2024 at 10:14 am – Very helpful sample sir, thank you!!\n\n"
            "**Manoj Kumar** March 5, 2024 at 6:41 pm – Please share for health claims also.\n\n"
            "**Team SFH** March 6, 2024 at 9:02 am – Sure Manoj ji, we will upload soon.\n")
    assert clean(text).text == "In 2023-24 I led nine claims handlers and settled 6,105 motor claims.\n"


def test_the_authors_own_title_and_update_line_stay():
    text = ("# Year-End Summary 2024 – Claims Settlement (Sample of My Cases)\n\n"
            "Updated on 3 March by me: 6,105 claims settled, 171 awaiting documents.\n\n"
            "I led nine claims handlers.\n")
    assert clean(text).text == text


def test_a_forms_rating_rows_marked_in_brackets_are_each_goals_answer():
    row = "**Rating:** ( ) Not Met   (•) Partially Met   ( ) Met   ( ) Exceeded"
    text = ("## Goal 1 – Cycle time\n\nI cut the average claim cycle from 14 to 11 days.\n\n1,184 / 2,000 characters\n\n"
            f"{row}\n\n## Goal 2 – Backlog\n\nI cleared 640 of the 900 files over 90 days old.\n\n{row}\n\n"
            "## Goal 3 – Training\n\nI trained 4 new adjusters.\n\n"
            "**Rating:** [ ] Not Met   [ ] Partially Met   [x] Met   [ ] Exceeded\n")
    assert clean(text).text.count("(•) Partially Met") == 2  # the same choice under two goals: two answers
    assert "[x] Met" in clean(text).text
