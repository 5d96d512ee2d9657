"""The cliché pass: a sentence made of stock phrases and filler ("In conclusion, this year was a fruitful one")
goes when what is left of it says nothing new; one that holds a fact, a placeholder (unless it piles up three stock
phrases or more, its only blank is the year, or its other words, blanks aside, say nothing new: a template's frame)
or new content is only noted.
So does a sentence that only names its own topic over and over ("Supplier records: in terms of supplier records, I
kept the supplier records")."""

from __future__ import annotations

import re
from collections import Counter

from drafter.cleanup.document import Sentence, boundary_blocks
from drafter.cleanup.facts import THANKS, YEAR, ZERO, facts_of, is_figure, is_name
from drafter.cleanup.phrases import blank_spans, merge_spans
from drafter.cleanup.placeholders import PLACEHOLDER, has_placeholder
from drafter.cleanup.report import Note
from drafter.cleanup.run import Run
from drafter.cleanup.similarity import content_words


# gratitude for a chance, not to a person: "I am truly grateful for the opportunity to lead the team at Harbour Road"
# thanks nobody, so the place it names is no helper's name
FOR_A_CHANCE = re.compile(r"\b(?:grateful|thankful|gratitude) (?:for|to have had) (?:the|this|a|an|such an?) "
                          r"(?:[\w-]+ )?(?:opportunity|chance|privilege)\b", re.I)
PILE_UP = 3  # stock phrases in one sentence that make it a template's, placeholder and all ("In 20**, under the
             # strong leadership of …, I adhered to the people-centred development thought …")


# a model's stock consequence after the deed it follows: "This ensured a smooth transition for all employees.", "This
# helped to keep our order book clean and accurate."
CONSEQUENCE = re.compile(r"^[\W_]*(?:this|that) (?:ensured|helped (?:to )?(?:ensure|build|keep|make|maintain|improve|"
                         r"increase|reduce|streamline|create|foster|strengthen)\b)", re.I)
CONSEQUENCE_MAX_WORDS = 16  # longer, and it tells how


def _stock_consequences(run: Run) -> None:
    """Remove a short stock consequence with no fact right after a sentence of its block (CONSEQUENCE): the model's
    "This ensured a smooth transition …" after the deed, which the deed already says."""
    previous = None
    for block, sentence in run.text_sentences():
        after = previous is not None and previous[0] is block
        previous = (block, sentence)
        if not after or sentence.removed or sentence.facts or sentence.placeholder or \
                len(sentence.text.split()) > CONSEQUENCE_MAX_WORDS or not CONSEQUENCE.match(sentence.text):
            continue
        sentence.removed = True
        run.edit("filler", sentence.line, sentence.text, of=sentence)


def remove_cliches(run: Run) -> None:
    """Remove stock sentences (a cliché, or a filler opening: "In conclusion, …", "As noted above, …"), noting
    those kept and why. An opening is never cut from a sentence that says more: the sentence goes whole or stays
    whole. A form's question on its own line over its answer ("Q2. What have you done well?") is kept."""
    boundary = boundary_blocks(run.blocks)
    openings = {id(block.sentences[0]) for block in run.blocks if id(block) in boundary and block.sentences}
    stock: list[tuple[Sentence, list[tuple[int, int]], str]] = []
    for block, sentence in list(run.text_sentences()):
        text = sentence.text
        spans = run.lists.openings(text)
        kind = "filler" if spans else None
        spans += run.lists.cliches_in(text)
        if id(block) in boundary and run.lists.emotive is not None:  # an opener or closer: its feelings are stock too
            feelings = [m.span() for m in run.lists.emotive.finditer(text)]
            if spans or len(feelings) >= 2:
                spans += feelings
        if spans:
            stock.append((sentence, merge_spans(spans), kind or "cliche"))
    stated = run.facts_stated_outside({id(sentence) for sentence, _, _ in stock})
    said: set[str] = set()  # the content words of the sentences that hold no stock phrase
    in_stock = {id(sentence) for sentence, _, _ in stock}
    for _, sentence in run.text_sentences():
        if id(sentence) not in in_stock:
            said.update(content_words(sentence.text, run.lists.synonyms))
    asked = run.form_questions()
    _stock_consequences(run)
    for sentence, spans, kind in stock:
        text = sentence.text
        why = None
        # a name inside a stock phrase is no fact, nor a name or year the text states in another sentence that
        # stays ("In conclusion, 2024 was a rewarding year" in a summary of 2024); but a thank-you's names say
        # who helped, which is its point
        thanks = THANKS.search(FOR_A_CHANCE.sub(" ", text)) is not None
        unstock = blank_spans(text, spans)  # the sentence without its stock phrases
        listed = thanks and _thanks_only(run, text)  # "I would like to thank …": who helped is all it says
        facts = sentence.facts and {f for f in facts_of(unstock)
                                    if f not in stated or not listed and (is_figure(f) and not YEAR.fullmatch(f)
                                                                          or thanks and is_name(f))}
        if text.rstrip().endswith((":", "：")):
            why = "introduces what follows"
        elif id(sentence) in asked:
            why = "asks what the text after it answers"
        elif facts or sentence.placeholder and len(spans) < PILE_UP and not _only_blank_years(text) and \
                _blank_says_something(run, unstock, spans, said):
            why = "holds a placeholder" if sentence.placeholder and not facts else "holds a fact"
        elif ZERO.search(unstock):
            why = "holds a count of none"
        elif _says_more(run, unstock, spans, said) and not listed and \
                not (kind == "cliche" and id(sentence) in openings and _framed_claim(text, spans)):
            why = f"{len(content_words(unstock, run.lists.synonyms))} other words carry content"  # a blank among
            # them ("occupancy in 20XX was xx%") is a figure the user has still to give: news
        if why:
            run.notes.append(Note(kind, sentence.line, f"{sentence.text.strip()} (kept: {why})"))
            continue
        sentence.removed = True
        run.edit(kind, sentence.line, sentence.text, of=sentence)


BLANK_YEAR = re.compile(r"\b(?:19|20)\s?(?:\*\*|[xX]{2})(?![\w*])")  # a year left blank: "20**", "20XX"


# what follows a blank that stands for a figure: "xx%", "XX years", "xxx people" (not "the XX work", "XX department")
FIGURE_SLOT = re.compile(r"\s?%|\s+[a-z]+s\b")


def _blank_says_something(run: Run, unstock: str, spans: list[tuple[int, int]], said: set[str]) -> bool:
    """True when a stock sentence's blank is the user's to fill: one stands for a figure ("occupancy in 20XX was
    xx%", "my XX years at the counter"), or its other words, blanks aside, say something new ("… the XX work reach
    a new level" says nothing)."""
    blanks = list(PLACEHOLDER.finditer(unstock))
    if any(FIGURE_SLOT.match(unstock, m.end()) for m in blanks):
        return True
    return _says_more(run, blank_spans(unstock, [m.span() for m in blanks]), spans, said)


def _says_more(run: Run, rest_text: str, spans: list[tuple[int, int]], said: set[str]) -> bool:
    """True when the words of a stock sentence outside its stock phrases (rest_text) carry content: more than
    cliche_max_other_words per stock phrase, and more than cliche_max_new_words of them neither vague nor said in a
    sentence with no stock phrase."""
    rest = content_words(rest_text, run.lists.synonyms)
    new = [w for w in rest if w not in run.lists.unspecific and w not in said]
    return len(rest) > run.settings.cliche_max_other_words * len(spans) and \
        len(new) > run.settings.cliche_max_new_words


def _only_blank_years(text: str) -> bool:
    """True when the sentence's only blanks are a year left blank ("Time flies, 20** has passed."): the template's
    frame, which a stock sentence loses with the rest of it."""
    return BLANK_YEAR.search(text) is not None and not has_placeholder(BLANK_YEAR.sub(" ", text))


# the opening of the parties a thank-you lists by role ("my ward manager, the physios, everyone else who …"), not
# by name ("Angela Brookes for …", "my colleagues Priya and Tom")
ROLES_FIRST = re.compile(r"\s*(?:(?:the|my|our|all|every|each|everyone|everybody|of|whole|entire|course)\b[\s,]*)+"
                         r"(?:[a-z][\w-]*\s+){0,2}[a-z][\w-]*\b")
MIN_PARTIES = 3  # parties a thank-you lists before it is a list of roles


# the writer or the team, acting or owning: a sentence about them tells what they did, not a truth of the times
FIRST_PERSON = re.compile(r"\b(?:I|I'm|I've|me|my|we|we've|our|us)\b", re.I)
FRAME_END = re.compile(r"[^,.;:!?]{0,40},")  # the rest of a stock frame's opening clause, to its comma


def _framed_claim(text: str, spans: list[tuple[int, int]]) -> bool:
    """True when the sentence opens with a stock frame that ends its opening clause ("In today's fast-paced retail
    environment, …") and what follows is a general claim, not the writer's or the team's own ("… customer loyalty
    is hard to win"): framed that way at the start of a section, the whole sentence is stock, however many words it
    has."""
    if not spans or text[:spans[0][0]].strip(" *_\"'“‘(") or FIRST_PERSON.search(text):
        return False
    return FRAME_END.match(text, spans[0][1]) is not None


def _thanks_only(run: Run, text: str) -> bool:
    """True when the sentence is a thank-you to a list of parties by role ("I would like to thank my manager, the
    whole team, the cleaners and everyone else …"): who helped is all it says, so only a name or figure the text does
    not state elsewhere makes it say something."""
    for a, b in run.lists.openings(text):
        if THANKS.search(text, a, b) and ROLES_FIRST.match(text, b) and text.count(",", b) >= MIN_PARTIES - 1:
            return True
    return False


TAUTOLOGY_SHARE = 0.6  # of a sentence's content words that are a word it says more than once
TAUTOLOGY_MIN_WORDS = 4  # content words a sentence needs before it can be said to go round in a circle
TAUTOLOGY_TIMES = 3  # how often its topic word is said (twice is a contrast: "rooms are not short; the right-sized
                     # rooms are short")


def remove_tautologies(run: Run) -> None:
    """Remove a sentence with no fact or placeholder that goes round in a circle: most of its content words are
    words it says more than once, one of them three times or more ("Recruitment and onboarding: in recruitment and
    onboarding, I was responsible for recruitment and onboarding")."""
    for _, sentence in list(run.text_sentences()):
        if sentence.facts or sentence.placeholder:
            continue
        words = content_words(sentence.text)
        if len(words) < TAUTOLOGY_MIN_WORDS:
            continue
        counts = Counter(words)
        repeated = sum(n for n in counts.values() if n > 1)
        if repeated >= TAUTOLOGY_SHARE * len(words) and max(counts.values()) >= TAUTOLOGY_TIMES or \
                _names_its_topic_twice(run, sentence.text):
            sentence.removed = True
            run.edit("filler", sentence.line, sentence.text, of=sentence)


# a sentence that names its topic first: "When it comes to recruitment, …", "Regarding insurance claims, …"
TOPIC_FRAME = re.compile(r"^[\W_]*(?:when it comes to|regarding|with regard to|in regard to|in terms of|as for|"
                         r"as regards|concerning|on the (?:subject|topic) of|in relation to)\s+([^,;:.!?]{2,60}),\s+",
                         re.I)


def _names_its_topic_twice(run: Run, text: str) -> bool:
    """True when a sentence names its topic ("With regard to the autumn, …") and then says only that topic again with
    vague words ("… the autumn went well"; "Regarding insurance claims, I have been very involved in insurance
    claims."): the rest of it, the topic's words and vague ones aside, holds at most one word."""
    match = TOPIC_FRAME.match(text)
    if match is None:
        return False
    topic = set(content_words(match.group(1), run.lists.synonyms))
    rest = [w for w in content_words(text[match.end():], run.lists.synonyms)
            if w not in run.lists.unspecific]
    return bool(topic) and bool(topic & set(rest)) and len([w for w in rest if w not in topic]) <= 1
