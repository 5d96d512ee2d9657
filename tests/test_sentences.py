"""One sentence splitter (drafter.text.sentences) for cleanup and grounding: both read the same sentences."""

from __future__ import annotations

import pytest

from drafter.cleanup import split_sentences
from drafter.grounding import sentence_spans
from drafter.text.sentences import sentence_bounds

PARAGRAPHS = [
    "Dr. Lin and Mr. Okafor reviewed 40 files. We closed all of them by 3 March.",
    "Claims were filed by J. Smith in Q3. In 2024. 2025 targets follow.",
    "Output rose 12% vs. 2023, e.g. in the press shop. it was a good year.",
    "We finished!!! Then we rested. Approx. 9 staff left (about 8%). The rest stayed.",
    "Shift B. I led it through the audit. Grade A. We passed.",
]


@pytest.mark.parametrize("paragraph", PARAGRAPHS, ids=lambda p: p[:24])
def test_cleanup_and_grounding_read_the_same_sentences(paragraph):
    cleanup_texts = [s.text for s in split_sentences(paragraph, 1)]
    grounding_texts = [paragraph[a:b] for a, b in sentence_spans(paragraph)]
    assert cleanup_texts == grounding_texts


def test_an_abbreviation_or_an_initial_ends_no_sentence_but_a_starter_after_one_does():
    text = PARAGRAPHS[0] + " " + PARAGRAPHS[4]
    assert [text[a:b] for a, b, _ in sentence_bounds(text)] == [
        "Dr. Lin and Mr. Okafor reviewed 40 files.", "We closed all of them by 3 March.", "Shift B.",
        "I led it through the audit.", "Grade A.", "We passed."]


def test_a_rank_before_a_name_ends_no_sentence():
    """c333-10: "Sgt. Ruiz" split in two, and the half "Ruiz at the sheriff's office." was cut as a repeat."""
    text = "In September I set up a new security protocol with Sgt. Ruiz at the sheriff's office. Capt. Lee agreed."
    assert [text[a:b] for a, b, _ in sentence_bounds(text)] == [
        "In September I set up a new security protocol with Sgt. Ruiz at the sheriff's office.", "Capt. Lee agreed."]


@pytest.mark.parametrize("text, sentences", [
    ("Prepared 2024. 12. 27.", ["Prepared 2024. 12. 27."]),  # c407-10 lost its "12." as a repeat of another date's
    ("Period 2024. 1. 1. ~ 2024. 12. 31. We did it.", ["Period 2024. 1. 1. ~ 2024. 12. 31.", "We did it."]),
    ("We sold 12. 27 more came later.", ["We sold 12.", "27 more came later."]),
    ("I scored 9. 10 people passed.", ["I scored 9.", "10 people passed."]),
])
def test_a_date_written_year_dot_month_dot_day_dot_is_one_sentence(text, sentences):
    assert [text[a:b] for a, b, _ in sentence_bounds(text)] == sentences


@pytest.mark.parametrize("text, sentences", [
    ("Seit dem 3. Juni 2024 geben wir die ENS selbst ab. Das klappt.",
     ["Seit dem 3. Juni 2024 geben wir die ENS selbst ab.", "Das klappt."]),  # c405-03 was cut at "3."
    ("Den 14. mars var vi klara.", ["Den 14. mars var vi klara."]),
    ("Am 3. April 2024 kam der Audit.", ["Am 3. April 2024 kam der Audit."]),
    ("I closed 12. May was busy.", ["I closed 12.", "May was busy."]),  # an English month without its year
])
def test_a_days_ordinal_full_stop_before_its_month_ends_no_sentence(text, sentences):
    assert [text[a:b] for a, b, _ in sentence_bounds(text)] == sentences


@pytest.mark.parametrize("text, sentences", [
    # a numbered line of a quoted mail: its number opens the item, it ends no sentence (r109's cut took ">2." with
    # the item above it)
    ("Please put the hail numbers in.\n>2. The Barberton move isn't in here.",
     ["Please put the hail numbers in.\n>2. The Barberton move isn't in here."]),
    ("Two things:\n1. Add the audit.\n2. The move.", ["Two things:\n1. Add the audit.", "2. The move."]),
    ("In May we hired 12. The rest left.", ["In May we hired 12.", "The rest left."]),  # a count ending its sentence
])
def test_a_lines_number_in_a_numbered_list_ends_no_sentence(text, sentences):
    assert [text[a:b] for a, b, _ in sentence_bounds(text)] == sentences


@pytest.mark.parametrize("text, name", [("Employee: M-C. Bouchard   Date: Jan 19, 2024", "M-C. Bouchard"),
                                        ("Thanks to J.-P. Roy for covering the desk.", "J.-P. Roy")])
def test_a_double_first_names_initials_end_no_sentence(text, name):
    """"M-C. Bouchard", "J.-P. Roy": the initials of a double first name, joined by a hyphen, are an initial's full
    stop, as "J. Smith"'s is; the signature line stays one sentence."""
    bounds = sentence_bounds(text)
    assert len(bounds) == 1 and name in text[bounds[0][0]:bounds[0][1]]


@pytest.mark.parametrize("text, words", [
    ("मैं हमारी नर्सिंग सुपरिटेंडेंट", ["मैं", "हमारी", "नर्सिंग", "सुपरिटेंडेंट"]),
    ("தமிழ் நாடு", ["தமிழ்", "நாடு"]),
    ("don't stop, O’Neil's café", ["don't", "stop", "O’Neil's", "café"]),
])
def test_a_word_keeps_the_marks_written_on_its_letters(text, words):
    """Devanagari and Tamil write vowels as marks on a letter: the word is whole, not cut at each mark."""
    from drafter.text.words import WORD

    assert WORD.findall(text) == words


@pytest.mark.parametrize("text, sentences", [
    ("Backup for the Kraków entity (approx. 240 employees). Next.",
     ["Backup for the Kraków entity (approx. 240 employees).", "Next."]),
    ("*(Max. 3 goals.)*", ["*(Max. 3 goals.)*"]),
    ("Under head nurse Fang Min. Looking back, I grew.", ["Under head nurse Fang Min.", "Looking back, I grew."]),
    ("I thanked Max. He smiled.", ["I thanked Max.", "He smiled."]),
    ("From 58 to 41 min. 212 containers came in.", ["From 58 to 41 min.", "212 containers came in."]),
])
def test_an_abbreviation_in_brackets_or_emphasis_ends_no_sentence_and_max_only_before_a_figure(text, sentences):
    assert [text[a:b] for a, b, _ in sentence_bounds(text)] == sentences


def test_a_line_wholly_in_brackets_over_a_sentence_ends_one_and_no_character_is_lost():
    text = "(e.g. Preparation of monthly payroll)\nMonthly payroll for 9,842 staff.\n(note)\n  Done."
    bounds = sentence_bounds(text)
    assert [text[a:b] for a, b, _ in bounds] == ["(e.g. Preparation of monthly payroll)",
                                                 "Monthly payroll for 9,842 staff.", "(note)", "Done."]
    assert all(gap == start for (_, _, gap), (start, _, _) in zip(bounds, bounds[1:]))  # gaps run on: nothing lost
    signed = "(Sunita R. Kulkarni)\nStenographer (Grade II)"  # a name in brackets over a post: one line of words
    assert [signed[a:b] for a, b, _ in sentence_bounds(signed)] == [signed]
