"""The blocks pass: a paragraph, list item or lone line an editor removes whole goes when the learned block model is
sure of it. Such blocks are the text around a summary rather than the summary: a site's or a mail's lines, a user's
notes and requests, a chat turn, a recap that tells the account again, a form's instructions.

The rule-based passes name the shapes met so far; this model (drafter.stock_model, trained by
`benchmarks/block_model.py` on the corpora's blocks) reads a block's first words together with where it stands and how
it reads: first person or second, English or not, its facts said elsewhere in the text or only there. The guard checks
what it removes like any other removal, so a block that states a figure, date or name nothing else states stays; but
of a block the model is all but certain of (FRAME_SCORE: a mail's header, a site's menu, a chat's turn) only the
figures and dates are checked, the names being the frame's, unless the sentence is in the first person or thanks
someone.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from drafter.cleanup.document import Block, Sentence, boundary_blocks, chosen_rating
from drafter.cleanup.facts import FIGURE_TOKEN, THANKS, ZERO, facts_of, is_name
from drafter.cleanup.furniture import LEADS_IN, SHAPES
from drafter.cleanup.run import Run
from drafter.cleanup.similarity import content_words
from drafter.cleanup.translations import FOREIGN_WORDS_MIN, reads_as_foreign
from drafter.stock_model import StockModel, load_model
from drafter.text.words import WORD

MODEL_FILE = "block_model.json"
LEAD_WORDS = 60  # the words of a block the model reads: its opening says what it is
EDGE_BLOCKS = 3  # blocks from the top or the bottom of the text, where a page's or a chat's frame stands
TEXT_BLOCKS_MIN = 2 * EDGE_BLOCKS + 1  # blocks a text needs to be judged at all: the model learned from whole pages and
# chats, and in a text of a few blocks every block stands at an edge
POSITION_STEPS = 10  # where in the text a block stands, in tenths
NON_LATIN_SHARE = 0.3  # of a block's letters outside ASCII, at least, for a block in another script
RETOLD_WORD_SHARE = 0.6  # of a sentence's content words (its facts' words aside), at least, that one kept sentence
# stating all its facts must share for the sentence to go with its block: the user's note the answer tells again ("58
# mismatches flagged to revenue"), not the author's own line whose date or name happens to be said elsewhere too
FRAME_SCORE = 0.99  # the block model's score, at least, of a block that is the frame around the summary (a mail's
# header, a page's menu, a chat's turn): its sentences whose only facts are names go too, as "frame", those names being
# the frame's ("Hello HR team, pasting my summary below.", "Table of Contents"); below it, the trap "I thank the Head of
# Department, Mr. Otieno, …" went in a held-out round
SENTENCE_STOCK_MIN = 0.5  # the stock model's score (drafter.stock_model), at least, of a sentence without facts for
# it to go with a block written as several: "I still need to learn the new booking system." stays beside a stock line,
# gone or not
SENTENCE_WORDS_MIN = 4  # words a sentence without facts needs to go: a shorter one ("Last paragraph.") is a label or
# a line of the author's that says too little for the model to judge
PREVIEW_WORDS_MIN = 2  # content words a sentence without facts must share with the account after it to be its overview
RETOLD_FIGURES_MAX = 64  # figures of a sentence, at most, for it to be compared as a telling (or as the one told)
RETOLD_CANDIDATES_MAX = 64  # kept sentences compared per sentence, so a fact said thousands of times costs no more

FIRST_PERSON = re.compile(r"\b(?:i|my|me|i'm|i've|myself)\b", re.I)
WE = re.compile(r"\b(?:we|our|us)\b", re.I)
YOU = re.compile(r"\b(?:you|your|you're)\b", re.I)

# the sizes a flag names: a block's lines and words, and the tenths of its facts said nowhere else in the text
LINE_STEPS = (1, 3)
WORD_STEPS = (3, 8, 20, 50, 120)
OWN_FACT_STEPS = (0, 3, 7, 10)


def judged(block: Block) -> bool:
    """True for a block the model judges: a paragraph, a list item or a title line (not a heading, a table or
    code)."""
    return block.kind in ("text", "item", "title") and not block.heading_like


def block_text(block: Block) -> str:
    """The block as written (its lines, marker and all)."""
    return "\n".join(block.raw)


def lead(block: Block) -> str:
    """The block's first LEAD_WORDS words, as the model reads them."""
    return " ".join(block_text(block).split()[:LEAD_WORDS])


@dataclass
class WrittenFacts:
    """The facts of each block of a text as written, and how many blocks state each fact."""

    of_block: dict[int, frozenset[str]]  # id(block) -> its facts
    counts: Counter[str]


def written_facts(blocks: list[Block]) -> WrittenFacts:
    """The facts of each block as written (none for a table or code), read once for all the flags of a text."""
    of_block = {id(block): facts_of(block_text(block)) if block.kind != "opaque" else frozenset() for block in blocks}
    counts: Counter[str] = Counter()
    for facts in of_block.values():
        counts.update(facts)
    return WrittenFacts(of_block, counts)


def _step(value: int, steps: tuple[int, ...]) -> str:
    """The first step the value is at most, or 'more'."""
    return str(next((step for step in steps if value <= step), "more"))


def block_flags(blocks: list[Block], index: int, written: WrittenFacts) -> tuple[str, ...]:
    """The flags of blocks[index] as written: its kind, where it stands, its size, whose voice it is in, its
    language, its shapes and how many of its facts no other block states (written: written_facts(blocks))."""
    block = blocks[index]
    text = block_text(block)
    words = WORD.findall(text)
    flags = ["kind-" + block.kind, f"position{POSITION_STEPS * index // len(blocks)}",
             "lines" + _step(len(block.raw), LINE_STEPS), "words" + _step(len(words), WORD_STEPS)]
    if index < EDGE_BLOCKS:
        flags.append("top")
    if index >= len(blocks) - EDGE_BLOCKS:
        flags.append("bottom")
    facts = written.of_block[id(block)]
    if facts:
        own = sum(1 for fact in facts if written.counts[fact] <= 1)
        flags.append("own-facts" + _step(10 * own // len(facts), OWN_FACT_STEPS))
    else:
        flags.append("no-facts")
    flags += [name for name, pattern in (("first-person", FIRST_PERSON), ("we", WE), ("you", YOU))
              if pattern.search(text)]
    letters = [c for c in text if c.isalpha()]
    if letters and sum(ord(c) > 127 for c in letters) > NON_LATIN_SHARE * len(letters):
        flags.append("non-latin")
    lowered = [w.lower() for w in words if not w[0].isdigit()]
    if len(lowered) >= FOREIGN_WORDS_MIN and reads_as_foreign(lowered):
        flags.append("foreign")
    flags += ["shape-" + name for name, pattern in SHAPES if pattern.search(text)]
    if index and blocks[index - 1].kind == "heading":
        flags.append("after-heading")
    return tuple(flags)


def remove_blocks(run: Run) -> None:
    """Remove each paragraph, list item or title line still in the text that the learned block model scores at
    least block_threshold, in a text of TEXT_BLOCKS_MIN blocks or more: its sentences without facts (of a block
    written as several sentences, those the stock model also finds stock) and those that tell again what a kept
    sentence says (_retold). Of a block it scores FRAME_SCORE or more, the frame around the summary, a sentence whose
    facts are all names goes too. Placeholders are left to the placeholder report, a count of none stays."""
    if run.settings.block_threshold >= 1.0 or len(run.blocks) < TEXT_BLOCKS_MIN:
        return
    model = run.settings.block_model or load_model(MODEL_FILE)
    if model is None:
        return
    written = written_facts(run.blocks)
    sure = []
    for index, block in enumerate(run.blocks):
        if block.gone or not judged(block):
            continue
        score = model.score(lead(block), False, block.kind == "item", block_flags(run.blocks, index, written))
        if score >= run.settings.block_threshold:
            sure.append(block)
            if score >= FRAME_SCORE:
                _remove_frame_names(run, block)
    if not sure:
        return
    place = {id(sentence): at for at, sentence in enumerate(s for block in run.blocks for s in block.sentences)}
    holders = _holders(run, {id(block) for block in sure})
    read: dict[int, tuple[list[str], set[str]]] = {}  # id(sentence) -> its figures and content words, read once
    stock = run.settings.stock_model or load_model()
    boundary = boundary_blocks(run.blocks)
    told_last = _told_last(run, place)
    for block in sure:
        for sentence in block.sentences:
            if sentence.removed:
                continue
            if not sentence.placeholder and not ZERO.search(sentence.text) and not chosen_rating(sentence.text) and \
                    (_retold(sentence, holders, place, read, run) if sentence.facts else
                     _fluff(sentence, block, stock, boundary) and not _previews(sentence, told_last, place, run)):
                sentence.removed = True
                run.edit("block", sentence.line, sentence.text, of=sentence)
            else:  # it stays, and states its facts for the blocks after it
                for fact in sentence.facts:
                    holders.setdefault(fact, []).append(sentence)


def _remove_frame_names(run: Run, block: Block) -> None:
    """Remove the sentences of a frame's block (FRAME_SCORE) whose facts are all names, as "frame": the guard checks
    their figures and dates, not their names. Not a label over what follows, a placeholder's sentence, nor one in the
    first person or a thank-you, in any language: the author's thanks name people ("I would like to thank the branch
    director, Mr Andrzej Pawlak", "Terima kasih kepada Pak Hendra")."""
    for sentence in block.sentences:
        if not sentence.removed and sentence.facts and all(is_name(fact) for fact in sentence.facts) and \
                not sentence.placeholder and not LEADS_IN.search(sentence.text) and \
                not chosen_rating(sentence.text) and not FIRST_PERSON.search(sentence.text) and \
                not THANKS.search(sentence.text):
            sentence.removed = True
            run.edit("frame", sentence.line, sentence.text, of=sentence)


def _fluff(sentence: Sentence, block: Block, stock: StockModel | None, boundary: set[int]) -> bool:
    """True when a sentence without facts may go with its block: not a label over what follows, nor an item of a
    plan (the author's own: "- Improving attendance"), nor a few words alone (SENTENCE_WORDS_MIN), and, in a block
    written as several sentences, one the stock model also finds stock."""
    if LEADS_IN.search(sentence.text) or (sentence.in_plan and block.kind == "item") or \
            len(WORD.findall(sentence.text)) < SENTENCE_WORDS_MIN:
        return False
    return len(block.sentences) == 1 or stock is None or \
        stock.score(sentence.text, id(block) in boundary, block.kind == "item") >= SENTENCE_STOCK_MIN


def _told_last(run: Run, place: dict[int, int]) -> dict[str, int]:
    """For each content word of the kept sentences, the place of the last sentence that says it."""
    last: dict[str, int] = {}
    for _, sentence in run.kept_sentences():
        for word in content_words(sentence.text, run.lists.synonyms):
            last[word] = place[id(sentence)]
    return last


def _previews(sentence: Sentence, told_last: dict[str, int], place: dict[int, int], run: Run) -> bool:
    """True when RETOLD_WORD_SHARE of a sentence's content words, two at least, are said again by a kept sentence
    after it: the overview over the account ("**The short version:** I split my time between anaesthetics and
    recovery and led the airway trolley project."), its first statement, stays; a recap after it may go."""
    words = set(content_words(sentence.text, run.lists.synonyms))
    later = sum(1 for word in words if told_last.get(word, -1) > place[id(sentence)])
    return later >= PREVIEW_WORDS_MIN and later >= RETOLD_WORD_SHARE * len(words)


def _holders(run: Run, skipped: set[int]) -> dict[str, list[Sentence]]:
    """For each fact, the sentences still in the text outside the skipped blocks that state it."""
    holders: dict[str, list[Sentence]] = {}
    for block, sentence in run.kept_sentences():
        if id(block) not in skipped:
            for fact in sentence.facts:
                holders.setdefault(fact, []).append(sentence)
    return holders


def _retold(sentence: Sentence, holders: dict[str, list[Sentence]], place: dict[int, int],
            read: dict[int, tuple[list[str], set[str]]], run: Run) -> bool:
    """True when one kept sentence before it states every fact of this one, gives its figures in the same order
    and shares RETOLD_WORD_SHARE of its other content words (it has some): a sentence with facts goes with its block
    only as a later telling of something the text keeps, never as the first statement. A sentence with more than
    RETOLD_FIGURES_MAX figures is a table in prose, no telling of one claim, and is not compared."""
    figures, words = _read(sentence, read, run)
    words = words - {word for fact in sentence.facts for word in content_words(fact)}
    if not words or len(figures) > RETOLD_FIGURES_MAX:  # ("2.", a list's number standing alone)
        return False
    rarest = min((holders.get(fact, []) for fact in sentence.facts), key=len)
    for other in rarest[:RETOLD_CANDIDATES_MAX]:
        if place[id(other)] > place[id(sentence)] or not sentence.facts <= other.facts:
            continue
        other_figures, other_words = _read(other, read, run)
        if len(other_figures) <= RETOLD_FIGURES_MAX and _in_order(figures, other_figures) and \
                len(words & other_words) >= RETOLD_WORD_SHARE * len(words):
            return True
    return False


def _read(sentence: Sentence, read: dict[int, tuple[list[str], set[str]]], run: Run) -> tuple[list[str], set[str]]:
    """The sentence's figures as written, in order, and its content words (remembered in `read`)."""
    if id(sentence) not in read:
        read[id(sentence)] = ([figure.rstrip(".,") for figure in FIGURE_TOKEN.findall(sentence.text)],  # (a
                              set(content_words(sentence.text, run.lists.synonyms)))  # sentence's end: "$82,000.")
    return read[id(sentence)]


def _in_order(figures: list[str], other: list[str]) -> bool:
    """True when these figures stand in the other's in the same order: "Q 5 | E 5 | T 4" is no telling of
    "Q 5 | E 4 | T 5", nor "from 33 to 41" of "from 41 to 33"."""
    later = iter(other)
    return all(figure in later for figure in figures)
