"""The stock pass: a sentence that carries no fact of its own goes when the learned stock model
(drafter.stock_model) is sure it is fluff."""

from __future__ import annotations

import re

from drafter.cleanup.document import Block, Sentence, boundary_blocks
from drafter.cleanup.facts import LEAD_IN, MONTHS, THANKS, YEAR, ZERO, is_name
from drafter.cleanup.run import Run
from drafter.cleanup.similarity import content_words
from drafter.stock_model import load_model as load_stock_model
from drafter.text.words import WORD


# a sentence that opens by counting off part of a set the text names ("The rest were …", "Most of the earlier errors
# …", "Many of our customers …", "Some callers …", "In both cases I called …") goes on with the fact before it: no stock
# sentence, whatever the model says
# ("All of these …", "None of these results …" sum up what came before: those may be stock)
PARTITIVE = re.compile(r"^\W*(?:the rest|the remainder|the others?|(?:most|many|some|few|half|several) of "
                       r"(?:the|them|our|my|its|their)\b|(?:in )?(?:both|each|either|neither) (?:cases?|instances?|"
                       r"times|of (?:them|these|those|the)\b)|"
                       r"(?:most|many|some|a few|several) (?:older |new |elderly |regular )?(?:customers|patients|clients|"
                       r"residents|families|callers|guests|members|students|parents|users|visitors|tenants|drivers)"
                       r"\b)", re.I)


# a sentence whose subject is a named person, said doing something ("Rachel went through the training with me"):
# an account of who did what, never stock, though its name is said elsewhere
NAMED_ACTOR = re.compile(r"^\W*(?:(?:Dr|Mr|Mrs|Ms|Miss)\.?\s+)?[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?\s+(?:and\s+I\s+)?"
                         r"(?:\w+ed|went|took|ran|led|made|gave|got|came|saw|did|set|put|kept|built|taught|found|"
                         r"helped|showed|trained|covered)\b")


# the author asking for something ("I'd like some help with how to raise it", "I would like more training in
# payroll", "I'd like the night staff thanked"): a request of the writer's own, never stock; thanks and a summing
# up announced that way ("I'd like to thank everyone", "I would like to summarize my year") are not requests
REQUEST = re.compile(r"\bI(?:'d|’d| would) (?:really |also )?like (?!to (?:thank|express|extend|take this|summari[sz]e|"
                     r"say|share|acknowledge|reflect|conclude|close|begin|start|end)\b)", re.I)


# a form's rating field filled in: "**Overall self-rating:** Meets expectations — strong finish, uneven quarters.",
# "Self-ranking: Excellently completed the tasks." is the author's answer to the field, not fluff
# the author speaking to people by name of their group ("To the night team: your notes on the new rota made every
# handover easy, and I have kept them."): their own words to colleagues, not a stock line
ADDRESSED = re.compile(r"^[\W_]*to (?:the|my|our|all(?: the)?|every) [\w' -]{1,40}[:：,]\s+(?:your|you|thank)\b", re.I)
FIELD = re.compile(r"^[\W_]*(?:\w+[ -]){0,3}(?:rating|rated|ranking|ranked|rank|score|grade|level|status|assessment|"
                   r"band)[*_ ]*[:：]", re.I)


QUOTE_MARK = re.compile(r"[\"“”]")


def _inside_a_quotation(block: Block, sentence: Sentence) -> bool:
    """True when the sentence stands in a quotation of several sentences (a customer's words cited as feedback:
    "Priya explained everything, even when I rang three times. I never felt like a number." – Mrs J. Ackroyd): an
    odd number of quote marks before it in its block, or in it."""
    before = len(QUOTE_MARK.findall(block.content, 0, sentence.start))
    return before % 2 == 1 or len(QUOTE_MARK.findall(sentence.text)) % 2 == 1


def remove_stock(run: Run) -> None:
    """Remove what the learned stock model is sure is fluff, among sentences that carry no fact of their own
    (no figure, no count of none, and no name, year or month the text does not state elsewhere) and are not
    lead-ins, labels, fragments, the author's requests or the first singling-out of a main difficulty in their
    part."""
    if run.settings.stock_threshold >= 1.0:
        return
    model = run.settings.stock_model or load_stock_model()
    if model is None:
        return
    boundary = boundary_blocks(run.blocks)
    labels = run.labels()
    topics = run.difficulties()  # the first "Staffing was the hardest part of the year.": a topic, not fluff
    asked = run.form_questions()  # "Q2. What have you done well?" over its answer: a heading in effect
    candidates = [(block, sentence) for block, sentence in run.text_sentences()
                  if not sentence.placeholder and id(sentence) not in labels
                  and not LEAD_IN.search(sentence.text)
                  and len(WORD.findall(sentence.text)) >= 4
                  and all(is_name(f) or YEAR.fullmatch(f) or f in MONTHS for f in sentence.facts)
                  and not ZERO.search(sentence.text) and not PARTITIVE.search(sentence.text)
                  and not NAMED_ACTOR.match(sentence.text) and not REQUEST.search(sentence.text)
                  and not FIELD.match(sentence.text) and not ADDRESSED.match(sentence.text)
                  and id(sentence) not in topics and id(sentence) not in asked
                  and not _inside_a_quotation(block, sentence)
                  and len(content_words(sentence.text)) <= run.settings.stock_max_words]
    stock = [sentence for block, sentence in candidates
             if not (sentence.facts and THANKS.search(sentence.text))
             and model.score(sentence.text, id(block) in boundary, block.kind == "item")
             >= run.settings.stock_threshold]
    stated = run.facts_stated_outside({id(sentence) for sentence in stock if sentence.facts})
    for sentence in stock:
        if all(fact in stated for fact in sentence.facts):  # the facts it names stay said in a sentence that stays
            sentence.removed = True
            run.edit("stock", sentence.line, sentence.text, of=sentence)

