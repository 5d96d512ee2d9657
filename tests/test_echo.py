"""Prompt echoes (drafter/echo.py): a sentence that copies a run of the instructions sent for its section goes; one
that restates a fact, although the fact is in the prompt too, stays."""

from __future__ import annotations

import pytest

from drafter.echo import ECHO_RUN_WORDS, EchoFinder, remove_echoes
from helpers import FIXTURES


@pytest.fixture(scope="module")
def sales():
    """The sales-inside fixture's facts and the messages drafter sends for its 'Sales results' section."""
    from drafter.config import Settings
    from drafter.facts import load_facts
    from drafter.pipeline import build_requests, resolve_role

    facts = load_facts(str(FIXTURES / "sales-inside.md"))
    facts.meta.setdefault("year", "2026")
    requests = build_requests(resolve_role(facts, None), facts, Settings())
    return facts, next(r for r in requests if r.title == "Sales results")


def finder_for(sales) -> EchoFinder:
    facts, request = sales
    return EchoFinder(request.messages, facts)


ECHOES = [
    # the section instruction, reworded a little ("Grouped" for "group related"), as SmolLM2 wrote it
    "Grouped figures in one sentence where natural; keep each figure's unit and period exactly.",
    # a hard rule of the system prompt
    "Keep every number, amount, percentage, date and name exactly as written in the facts.",
    # the role description
    "As inside sales, I handle orders, quotes, customer care, reports for the sales team.",
    # the list of the other sections
    "Other sections of the summary cover: Overview; Sales support and customer work; Problems and lessons.",
    # the first line of the request, recited
    "Chen Jing's 2026 year-end work summary at Beijing Yixian Trading Co.",
    # a short instruction line, whole
    "Facts for this section:",
]


@pytest.mark.parametrize("sentence", ECHOES)
def test_a_sentence_copying_the_instructions_is_an_echo(sales, sentence):
    assert finder_for(sales).copied(sentence)


KEPT = [
    # the section's facts, restated word for word: the facts are in the prompt, and that is no echo
    "Sales support for the team of 9 field reps reached 48.3 million yuan in booked revenue, 112% of target.",
    "I prepared 640 quotations; 271 became orders, a conversion rate of 42.3%.",
    # a fact of another section, listed in no instruction either
    "I moved the customer database from spreadsheets to the CRM and cleaned 5,600 duplicate records.",
    # the person and the organisation named in a sentence of the model's own
    "In 2026 I supported the field reps of Beijing Yixian Trading Co. with quotes and orders.",
    # an echo run that carries a figure of the facts: the fact outweighs the echo
    "Keep every number, amount, percentage, date and name exactly as written: 640 quotations, 271 orders.",
]


@pytest.mark.parametrize("sentence", KEPT)
def test_a_sentence_restating_facts_or_naming_the_person_is_kept(sales, sentence):
    assert finder_for(sales).copied(sentence) is None


def test_under_repair_an_echo_carrying_a_fact_is_an_echo_too(sales):
    """--repair adds back every fact a section leaves out in the writer's words, so a recited prompt need not stay
    for the figure it carries (SmolLM2 wrapped the role's description round a plan figure)."""
    facts, request = sales
    sentence = "Keep every number, amount, percentage, date and name exactly as written: 640 quotations, 271 orders."
    assert EchoFinder(request.messages, facts, keep_facts=False).copied(sentence)
    assert EchoFinder(request.messages, facts, keep_facts=False).copied(KEPT[1]) is None  # a fact restated stays


def test_remove_echoes_takes_whole_sentences_and_lines_and_reports_each(sales):
    facts, request = sales
    reply = ("Facts for this section:\n"
             "I prepared 640 quotations; 271 became orders, a conversion rate of 42.3%. "
             "Keep every number, amount, percentage, date and name exactly as written in the facts.\n\n"
             "- Do not write a heading; the section title is added for you.\n"
             "- Booked revenue reached 48.3 million yuan, 112% of target.")
    text, found = remove_echoes(reply, "Sales results", EchoFinder(request.messages, facts))
    assert text == ("I prepared 640 quotations; 271 became orders, a conversion rate of 42.3%.\n\n"
                    "- Booked revenue reached 48.3 million yuan, 112% of target.")
    assert [e.text for e in found] == [
        "Facts for this section:",
        "Keep every number, amount, percentage, date and name exactly as written in the facts.",
        "- Do not write a heading; the section title is added for you.",
    ]
    assert all(e.section == "Sales results" and e.copied for e in found)


def test_the_run_length_is_the_named_setting(sales):
    """ECHO_RUN_WORDS content words in a row make an echo; one fewer does not."""
    finder = finder_for(sales)
    rule = "Report volumes values turnaround times exactly given clichés teamwork soaring eagles".split()
    assert finder.copied(" ".join(rule[:ECHO_RUN_WORDS]) + ".")
    assert finder.copied(" ".join(rule[:ECHO_RUN_WORDS - 1]) + " about my own work.") is None


def test_the_models_own_earlier_reply_is_no_instruction(sales):
    """In a regeneration the rejected reply goes back as an assistant message: repeating it is no echo, while the
    rewrite note, like every user message, is an instruction."""
    facts, request = sales
    mine = "My quotations turned into orders at a steady pace across every quarter of the year."
    note = ("Your text has these problems: 'soaring' is not in the facts. Rewrite the section using only the facts "
            "given, keeping every figure exactly as written and attached to what it counts.")
    finder = EchoFinder([*request.messages, {"role": "assistant", "content": mine},
                         {"role": "user", "content": note}], facts)
    assert finder.copied(mine) is None
    assert finder.copied("Rewrite the section using only the facts given, keeping every figure exactly as written.")


def test_a_fact_inside_a_regeneration_note_is_cut_out_of_the_instructions(sales):
    """The note names left-out facts inline; restating such a fact is no echo."""
    facts, request = sales
    fact = "Prepared 640 quotations; 271 became orders, a conversion rate of 42.3%"
    note = f"Your text has these problems: the draft leaves out: {fact}. Rewrite the section."
    finder = EchoFinder([*request.messages, {"role": "user", "content": note}], facts)
    assert finder.copied("Prepared 640 quotations and 271 became orders, a conversion rate of 42.3%.") is None
