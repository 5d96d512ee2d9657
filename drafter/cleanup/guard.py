"""The guard, after every removing pass: no removal may take with it a figure, date, name or count that the text
no longer states. Each sentence a pass removed or cut from is checked against what it said as written; one whose
removal lost a fact is put back as written, its edits taken out of the report and a note saying why.

Two kinds are not the author's text and are not checked: web-template junk and a recital of the prompt. Of some
kinds only the figures and dates are checked, not the names: a reviewer's comment, a page's furniture, and a sentence
of the frame around the summary that the block model is all but certain of (drafter.cleanup.blocks.FRAME_SCORE).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import Callable

from drafter.cleanup.document import Block, Sentence
from drafter.cleanup.facts import (AMOUNT_WORDS, HEDGED_FACTOR, NUMBER, THANKS, YEAR, facts_of, figures_and_dates,
                                   hedged_figures, is_figure, is_name, month_figure_pairs, month_figure_pairs_by_clause,
                                   quantities_in, rounds_to, works_out)
from drafter.cleanup.framing import TO_THE_READER, WRITING_NOTE
from drafter.cleanup.furniture import names_are_the_pages
from drafter.cleanup.junk import (AUTHOR, LENGTH_ASKED, MODEL_NAME, REVIEW_COMMENT, SHELL_PROMPT, TO_THE_USER, YOU_DID,
                                  chat_spans, plumbing_spans)
from drafter.cleanup.phrases import blank_spans, merge_spans, without_spans
from drafter.cleanup.report import REPEAT_KINDS, Note
from drafter.cleanup.run import Run
from drafter.text.numbers import NUMBER_WORDS, ORDINAL_WORDS, TENS_WORDS, UNIT_WORDS
from drafter.text.words import STOP_WORDS, WORD, stem_cached

NOT_THE_AUTHORS = frozenset({"junk", "prompt-echo"})  # removals the guard leaves alone
MODELS_KINDS = frozenset({"chat", "framing"})  # removals of what a chat model said to the user, checked for facts
REVIEW_KINDS = frozenset({"comment", "reasoning"})  # a reviewer's comment, the author's note to self or a model's
# reasoning: its figures and dates are checked, not the names or words it quotes or guesses at (the reviewer's own
# name, whom the note is for, "the 'dream work' bit", "I think AKIB is the Associate of …")
FRAME_KINDS = frozenset({"frame"})  # a sentence of the frame around the summary the block model is all but certain of
# (drafter.cleanup.blocks.FRAME_SCORE): its figures and dates are checked, not its names, which are the frame's
PAGE_KINDS = frozenset({"furniture"})  # a page's own lines: a date and a count on one are the page's, no claim
STOCK_KINDS = frozenset({"cliche", "filler"})  # a name inside a stock phrase ("heavier than Mount Tai") is no fact
WHOLE_SENTENCE_SHARE = 0.8  # a stock span over more of its sentence than this may hold the author's figures and names
COPY_KINDS = frozenset({"repeated-phrase", "repeated-item"})  # cuts of a copy of words the sentence keeps
# the list whose matches state no fact of the author's, by kind: a chat model's phrase ("As an AI …"), and an
# amount in words that re-tells a figure the text keeps ("fewer than one in ten thousand")
NOT_FACTS = {"chat": "chat", "restatement": "ratio"}
# a heading or a bold line over the rest of a sentence ("**Crushing the Numbers!**\nThis year I processed …")
MODELS_HEADING = re.compile(r"[ \t]*(?:#{1,6}[ \t]+[^\n]*|\*\*[^*\n]+\*\*[:：]?|__[^_\n]+__[:：]?)[ \t]*(?=\n)")
SHELL_LINE = re.compile(SHELL_PROMPT.pattern + r"[^\n]*", re.M)  # a terminal's prompt and the command typed at it
SHARE = re.compile(r"(?<![\w.])\d[\d,]*(?:\.\d+)?%")  # a percentage in figures: "92%", "99.9%"
ROUNDING = 1.5  # a restatement's amount in words may round a figure kept (the restatements pass checks it so)


UNMARKED_THANKS = "a thank-you naming someone, in a script without capitals"
THANKS_NAMING_WORDS = 4  # words, at least, of a thank-you in such a script that names whom it thanks ("धन्यवाद।" alone
# does not)


def _thanks_unmarked(text: str) -> bool:
    """True when the text thanks someone (THANKS) at some length, written in a script with no capital letters
    (Devanagari, Tamil, Arabic, Thai, Chinese …), where no name shows as one: the guard cannot see whom it names."""
    words = WORD.findall(text)
    return len(words) >= THANKS_NAMING_WORDS and THANKS.search(text) is not None and \
        not any(c.isupper() or c.islower() for w in words for c in w)  # (cased letters: the name shows)


def keep_facts(run: Run) -> None:
    """Put back, as written, every removed or cut sentence whose removal lost a fact the rest no longer states, or
    the tie of a month to a figure that no sentence left makes, or that was cut as a repeat from a block kept whole."""
    stated = run.facts_stated_outside(set())
    if any(_thanks_unmarked(sentence.text) for _, sentence in run.kept_sentences()):
        stated.add([UNMARKED_THANKS])  # a thank-you kept in a script without capitals: another may go as its repeat
    paired = {pair for _, sentence in run.kept_sentences() for pair in month_figure_pairs(sentence.facts)}
    amounts = sorted(a for _, sentence in run.kept_sentences() for a in quantities_in(sentence.text))
    shares = sorted(float(m.group(0)[:-1].replace(",", "")) for _, sentence in run.kept_sentences()
                    for m in SHARE.finditer(sentence.text))  # the percentages still said
    undone: set[int] = set()  # ids of the edits taken back, dropped from the report at once
    said_another_way = _SaidAnotherWay(run, stated, amounts)
    thanked = {f for _, sentence in run.kept_sentences() if THANKS.search(sentence.text) for f in sentence.facts
               if is_name(f)}  # whom a kept thank-you names
    # the user's notes last, and an earlier version of the answer before them
    for block in sorted(run.blocks, key=lambda block: (id(block) in run.users_words,
                                                       id(block) in run.earlier_versions)):
        if block.kind == "opaque":
            continue
        for sentence in block.sentences:
            edits = run.edits_of.get(id(sentence))
            original = run.source.get(id(sentence))
            if not edits or original is None or all(edit.kind in NOT_THE_AUTHORS for edit in edits):
                continue
            if not sentence.removed and sentence.text == original:
                continue
            kinds = sorted({edit.kind for edit in edits})
            junk = _not_the_authors(original, edits)
            lost = _lost(run, sentence, original, set(kinds), stated, amounts, junk, shares,
                         said_another_way.kept_words if id(block) in run.earlier_versions else None)
            if lost:
                lost = [f for f in lost if not said_another_way.says(f, original)]
            if not lost and id(block) in run.kept_whole and set(kinds) & REPEAT_KINDS:
                lost = ["its place in a paragraph pasted again with other figures"]
            if not lost and sentence.removed and \
                    not set(kinds) & (MODELS_KINDS | PAGE_KINDS | FRAME_KINDS | {"reasoning"}) and \
                    not ("comment" in kinds and REVIEW_COMMENT.match(original)) and _pairs(run, sentence) - paired:
                # (an author's note to self ties its months to its figures, "9 days in Jan, down to 5 by Nov – not in
                # draft yet"; a reviewer's comment under its anchor, "[GH: … take out the April one]", asks, and
                # the model's reasoning retells)
                lost = ["a month with its figure"]  # "…, and in December it was under two": each said, not together
            if not lost and sentence.removed and set(kinds) & MODELS_KINDS:  # (a version offered, a colleague's
                # message: the stock passes weigh a thank-you's names themselves)
                lost = _thanks_lost(without_spans(original, junk), thanked)
            if not lost:
                continue
            block.removed = False
            _put_back(run, sentence, original, edits, undone)
            if junk:  # put back without what went as junk (a chat template's tokens and turns, a chat app's labels)
                run.cut(sentence, merge_spans(junk + plumbing_spans(run, original)), "junk", repeat=False)
            run.notes.append(Note("fact-kept", sentence.line, f"{original.strip()} (kept: removing it as "
                                                              f"{'/'.join(kinds)} lost {', '.join(lost)})"))
            stated.add(facts_of(original))
            paired |= month_figure_pairs(facts_of(original))
            if THANKS.search(original):
                thanked |= {f for f in facts_of(original) if is_name(f)}
            if "comment" in kinds:
                _keep_the_whole_comment(run, block, undone)
    if undone:
        run.edits = [pair for pair in run.edits if id(pair[1]) not in undone]


THANKED_REACH = 60  # characters after the thanks in which whom it thanks is named


def _thanks_lost(text: str, thanked: set[str]) -> list[str]:
    """["a thank-you to <name>"] when the text thanks someone by name ("Thanks to Aisha for picking up my diary while
    I was on study leave") whom no kept thank-you names: whom the author thanks is the point of it, though the name
    is said elsewhere ("Aisha Khan joined in May"). [] for a thank-you to the reader or to a chat model ("Thanks for
    sharing your notes, Anna!", "Thanks ChatGPT")."""
    if THANKS.search(text) is None or TO_THE_USER.search(text):
        return []
    names = [f for m in THANKS.finditer(text) for f in facts_of(text[m.start():m.end() + THANKED_REACH])
             if is_name(f) and not MODEL_NAME.match(f)]  # (those it thanks: not every name of a note that ends "…
    # thank Deputy Registrar Ms Achieng Were")
    missing = [name for name in names if not any(name in other or other in name for other in thanked)]
    return [f"a thank-you to {missing[0]}"] if missing else []


class _SaidAnotherWay:
    """Whether a fact that seems lost is still said in another form: a figure with or without its percent sign,
    currency or scale ("target 97" and "the 97% target", "$14.6M" and "$14,600,000"), with a thousands point
    ("38.500") or in words ("below 1 yr" and "below one year", "4th year" and "fourth year"); a name in lower case or
    in brackets ("(FDP)"), or with commas or dashes between its words. What is still said is read when first needed,
    once: the guard only puts back, so what it misses of later put-back sentences keeps more, never less."""

    def __init__(self, run: Run, stated, amounts: list[float]) -> None:
        self.run, self.stated, self.amounts = run, stated, set(amounts)
        self._values: set[float] | None = None  # the values of the figures and amounts still said
        self._text: str | None = None
        self._words: set[str] | None = None
        self._kept_words: list[str] | None = None  # the words of the kept sentences, in order (kept_words)

    def kept_words(self) -> list[str]:
        """The words of the sentences still in the text, lowercased, read when first needed, once."""
        if self._kept_words is None:
            self._kept_words = [w.lower() for _, sentence in self.run.kept_sentences()
                                for w in WORD.findall(sentence.text)]
        return self._kept_words

    def says(self, fact: str, original: str) -> bool:
        """True when the fact, which `original` states, is still said in another form."""
        if is_figure(fact):
            return self._says_figure(fact, original)
        if not is_name(fact):
            return False
        if self._text is None:
            self._text = _joined_by_marks("\n".join(s.text for _, s in self.run.kept_sentences()))
            self._words = set(WORD.findall(self._text))
        fact = " ".join(fact.replace("&", " and ").split())
        return f" {fact} " in self._text if " " in fact else fact in self._words

    def _says_figure(self, fact: str, original: str) -> bool:
        readings = _readings(fact)
        if not readings:
            return False
        if self._values is None:
            self._values = {value for f in self.stated.facts if is_figure(f) for value in _readings(f)} | \
                {round(amount, ROUND_TO) for amount in self.amounts if amount >= WORDS_AS_FACTS_BELOW}  # ("$14.2
            # million" for "$14.2M"; not "twice" for 2)
        if readings & self._values:
            return True
        if not fact.isdigit():
            return False
        value = int(fact)
        if value >= WORDS_AS_FACTS_BELOW:  # ("three thousand": an amount in words, among the values above)
            return False
        words = [UNIT_NAMES[value]] if value in UNIT_NAMES else \
            [TENS_NAMES[value - value % 10]] + ([UNIT_NAMES[value % 10]] if value % 10 else [])
        if all(word in self.stated for word in words):  # "one year" for "1 yr" (not "twice" for 2)
            return True
        ordinal = ORDINAL_NAMES.get(value)
        return ordinal is not None and ordinal in self.stated and \
            re.search(rf"(?<![\d.,]){fact}(?:st|nd|rd|th)\b", original) is not None  # ("4th year": "fourth year")


def _readings(fact: str) -> set[float]:
    """The values a figure may stand for, its percent sign or currency aside: "$14.6M" 14,600,000; "38.500" 38.5 or,
    as Europe writes thousands, 38,500. Empty for a figure of another shape ("Q3", "v2.3", "2024/25")."""
    match = FIGURE_VALUE.fullmatch(fact)
    if match is None:
        return set()
    digits, scale = match.group(1), SCALE_SUFFIXES.get((match.group(2) or "").lower(), 1)
    readings = {round(float(digits) * scale, ROUND_TO)}
    if THOUSANDS_POINT.fullmatch(digits):
        readings.add(round(float(digits.replace(".", "")) * scale, ROUND_TO))
    return readings


FIGURE_VALUE = re.compile(r"[$€£¥]?(\d+(?:\.\d+)?)([kKmMbB]n?)?[%‰]?")  # a figure with only its sign, currency or scale
SCALE_SUFFIXES = {"k": 1e3, "m": 1e6, "mn": 1e6, "b": 1e9, "bn": 1e9}
ROUND_TO = 6  # decimals a figure's value is compared to
THOUSANDS_POINT = re.compile(r"\d{1,3}(?:\.\d{3})+")  # "38.500": thirty-eight thousand five hundred, as Europe writes
ORDINAL_NAMES = {value: word for word, value in ORDINAL_WORDS.items()}  # 4: "fourth"
UNIT_NAMES = {value: word for word, value in UNIT_WORDS.items()}  # 4: "four"
TENS_NAMES = {value: word for word, value in TENS_WORDS.items()}  # 40: "forty"
WORDS_AS_FACTS_BELOW = 100  # a figure below this is said in words the facts list one by one ("twenty", "five")


def _keep_the_whole_comment(run: Run, block: Block, undone: set[int]) -> None:
    """A comment the guard keeps for a fact stays whole: the block's other sentences that went as the same comment
    ("Please add it.", "HR needs this for the overtime record.") are put back too, as a list item is cut whole or
    not at all."""
    for sentence in block.sentences:
        edits = run.edits_of.get(id(sentence))
        original = run.source.get(id(sentence))
        if sentence.removed and edits and original is not None and all(e.kind == "comment" for e in edits):
            _put_back(run, sentence, original, edits, undone)


def _put_back(run: Run, sentence: Sentence, original: str, edits: list, undone: set[int]) -> None:
    """Put a sentence back as written and take back its edits (their ids go into `undone`)."""
    sentence.removed = False
    sentence.set_text(original)
    undone.update(id(edit) for edit in edits)
    run.edits_of.pop(id(sentence), None)
    run.repeats.pop(id(sentence), None)


def _not_the_authors(original: str, edits: list) -> list[tuple[int, int]]:
    """The spans of a sentence as written that its edits of NOT_THE_AUTHORS kinds cut (a line of its own with its
    line break): the guard reads no fact in them and puts the sentence back without them."""
    spans = []
    taken: set[int] = set()  # where a cut already stands: each edit takes the next copy of its words ("12/11/24, 7:42
    # PM - Brian Otieno:" on two messages)
    for edit in edits:
        at = original.find(edit.removed) if edit.kind in NOT_THE_AUTHORS and edit.removed else -1
        while at in taken:
            at = original.find(edit.removed, at + 1)
        if at >= 0:
            taken.add(at)
            end = at + len(edit.removed)
            opens_a_line = at == 0 or original[at - 1] == "\n"
            whole_line = opens_a_line and original.startswith("\n", end)
            while opens_a_line and not whole_line and end < len(original) and original[end] in " \t":
                end += 1  # (the blank after a stamp that opens the line: "[12/12/2024, 18:03] Marek Nowak: Kasia …")
            spans.append((at, end + whole_line))
    return spans


def _pairs(run: Run, sentence: Sentence) -> set[tuple[str, str]]:
    """The (month, figure) pairs a removed sentence ties: in a recap ("In conclusion, …", "Overall, …"), clause by
    clause, as it lists one result per clause; in any other sentence, all of its months with all of its figures."""
    if run.lists.opener_end(sentence.text) or any(p.match(sentence.text) for p in run.lists.summing_up):
        return month_figure_pairs_by_clause(sentence.text)
    return month_figure_pairs(sentence.facts)


def _lost(run: Run, sentence: Sentence, original: str, kinds: set[str], stated, amounts: list[float],
          junk: list[tuple[int, int]] = (), shares: list[float] = (),
          version_words: Callable[[], list[str]] | None = None) -> list[str]:
    """The facts the sentence as written, but for its `junk` spans, states that neither what is left of it nor the
    rest of the text does. `version_words`, given when the sentence is part of a version of the answer that another
    replaces, gives the words of the text left, in which its counts in words must count the same things
    (_counts_of_their_own)."""
    text = without_spans(original, junk).lstrip(" \t")  # (what a cut stamp leaves before the words: " Very good"
    # opens the sentence, no name)
    spans = []
    whole = False  # a stock pattern ran over nearly the whole sentence
    if kinds & STOCK_KINDS:
        stock = run.lists.openings(text) + run.lists.cliches_in(text)
        whole = any(b - a > WHOLE_SENTENCE_SHARE * len(text.strip()) for a, b in stock)
        spans += stock
    spans += plumbing_spans(run, text)  # a token cut where it stood ("…[JS1]", "<|im_end|>") is no fact, nor a
    # user's turn between a chat template's tokens ("<|user|> Can you …")
    spans += run.lists.spans_in_lines(text, "junk")  # nor what the junk list matches in a sentence that went as
    # something else ("eval rate: 18.31 tokens/s" in a local model's session read as chat)
    spans += [m.span() for m in SHELL_LINE.finditer(text)]  # nor the command typed at a terminal's prompt
    # ("wanjiru@clinic-pc:~$ ollama run llama3.2:3b")
    for kind in kinds & NOT_FACTS.keys():
        spans += chat_spans(run, text) if NOT_FACTS[kind] == "chat" else run.lists.spans_in(text, NOT_FACTS[kind])
    if "restatement" in kinds:
        spans += run.part_pointers(text)  # "As mentioned in Section 1, …": the part's name, no fact
    told = facts_of(blank_spans(text, spans) if spans else text)
    if kinds & MODELS_KINDS:  # the model quoting the user's own words back ("Replaced phrases such as "crushed it""),
        # and the model's own name in a turn ("@Meta AI write my summary"): no fact of the author's
        told = frozenset(f for f in told if not f.startswith('"') and not MODEL_NAME.match(f))
        lengths = [m.span() for m in LENGTH_ASKED.finditer(text)]  # "Use 300 words.", "under 2,000 characters"
        if lengths:
            told &= facts_of(blank_spans(text, lengths))
        heading = MODELS_HEADING.match(text)
        if heading:  # the capitalised words of a heading the model wrote over a part of its answer ("**Crushing the
            # Numbers!**") are its layout, not names; its figures and dates are checked
            told -= {f for f in facts_of(heading.group(0)) if is_name(f)} - facts_of(text[heading.end():])
    if kinds & REVIEW_KINDS:  # (its anchor, "Comment [JS2]:", is no figure either)
        anchor = REVIEW_COMMENT.match(text)
        body = text[anchor.end():] if anchor else text
        # (nor the words it quotes: "I'd drop the "dream work" bit"), but for a reviewer telling the author what they
        # did ("You also covered the Bendigo store for three weeks in July while Tom Reilly was on leave."): a fact
        # of the author's year, names and all
        told = facts_of(body) if "comment" in kinds and YOU_DID.search(body) else \
            figures_and_dates(facts_of(body) if anchor else told)
    if kinds & FRAME_KINDS:
        told = figures_and_dates(told)
    if "furniture" in kinds and names_are_the_pages(text):  # a breadcrumb's or a button's capitalised words are the
        told = figures_and_dates(told)  # page's ("Share: VK · OK")
    dated = original  # what a year the text still needs is read from
    if "furniture" in kinds and "\n" not in text.strip():  # and so are a line's counts, counters, times and dates
        page = run.lists.spans_in(text, "page_figure")  # ("12K views · 6 pages"; lines run together may hold the
        # author's signed date: "Kuznetsov S. P.  28.12.2023" over "Share: VK · OK · Comments: 0")
        if page:
            dated = blank_spans(text, merge_spans(page))
            told &= facts_of(dated)
    if "framing" in kinds:  # its counts in words are the writing's ("cut by roughly a third", "one decimal place")
        told = frozenset(f for f in told if f not in NUMBER_WORDS)
        if WRITING_NOTE.search(text):  # and so are the names in its note on how it wrote ("I've used South African
            told = figures_and_dates(told)  # spelling", "grouped it under Achievements, Challenges and Goals")
    to_the_reader = bool(kinds & MODELS_KINDS) and TO_THE_READER.search(text) is not None
    if to_the_reader:  # the names the model gives the user are the offer's ("Want a version for the HR system?", "… in
        told = frozenset(f for f in told if not is_name(f))  # Marathi", "a short PowerPoint outline"); its figures
        # and dates are checked
    if ("framing" in kinds or to_the_reader) and AUTHOR.search(text) and not TO_THE_USER.search(text):  # the
        # author's own account with a figure, which a chat pattern happened to match ("… all 64 SSI changes were
        # confirmed with a second person listening")
        told |= {f for f in facts_of(original) if is_figure(f) and not YEAR.fullmatch(f)}
    if whole:  # ("In today's fast-paced … environment, <anything>"): it judged all of it, the author's figures too
        told |= {fact for fact in facts_of(original) if is_figure(fact) or is_name(fact)}
    if not (kinds <= MODELS_KINDS and to_the_reader):  # (a year the model offers the user is the
        # offer's: "Would you like me to add a section on goals for 2023 as well?")
        told |= {fact for fact in facts_of(dated) if YEAR.fullmatch(fact)}  # a year inside a stock phrase ("2023
        # was the year I …") still dates the text: it goes only when another sentence left states it
    if sentence.removed and not kinds & (NOT_THE_AUTHORS | MODELS_KINDS) and _thanks_unmarked(original):
        told |= {UNMARKED_THANKS}  # a thank-you in a script with no capitals names someone its words do not mark
    now = facts_of(sentence.text) if not sentence.removed else frozenset()
    lost = sorted(f for f in told - now if f not in stated)
    if lost and not sentence.removed and kinds <= COPY_KINDS:  # "Storm Ashley Storm Ashley": its words all stay
        words = {w.lower() for w in WORD.findall(sentence.text)}
        lost = [f for f in lost if not set(WORD.findall(f.lstrip('"'))) <= words]
    hedged = hedged_figures(original) if lost else {}
    lost = [f for f in lost if f not in hedged or  # "nearly 3,000" of 2,986; a share rounds a share ("around 95%"
            not _rounded(hedged[f], shares if f.endswith("%") else amounts)]  # is no rounding of "96 customers")
    if lost and all(f in AMOUNT_WORDS for f in lost) and \
            _amounts_kept(original, amounts, ROUNDING if kinds == {"restatement"} else 1.0) and \
            not (version_words is not None and _counts_of_their_own(original, lost, version_words())):
        return []
    if lost and kinds == {"restatement"} and _worked_out_from_a_kept_sentence(run, sentence, original):
        return []  # "This represents a reduction of 44 seconds." after "… from 412 to 368 seconds", which stays
    return lost


def _worked_out_from_a_kept_sentence(run: Run, sentence: Sentence, original: str) -> bool:
    """True when the sentence, opened as a retelling ("This represents …"), was removed as one of a sentence that
    stays and only works out amounts from that one's figures (facts.works_out): its difference, sum or change in
    percent is said by the figures kept."""
    repeat = run.repeats.get(id(sentence))
    return repeat is not None and not repeat.of.removed and any(p.match(original) for p in run.lists.retelling) and \
        works_out(original, repeat.of.text)


MARKS_BETWEEN = re.compile(r"[\s,–—*_-]+")


def _joined_by_marks(text: str) -> str:
    """The text lowercased, with every run of blanks, commas, dashes and emphasis marks one space, "&" as "and", and
    a space at each end: a name is still said where its words stand in order with only those between ("Lang'ata Road
    Animal Clinic, Nairobi" says "lang'ata road animal clinic nairobi", "**Volumes & costs**" says "volumes and
    costs"), found by a plain search."""
    return f" {MARKS_BETWEEN.sub(' ', text.lower().replace('&', ' and '))} "


def _said(amount: float, amounts: list[float], factor: float) -> bool:
    """True when an amount still said lies within `factor` of this one either way (1.0: exactly this one)."""
    low, high = (amount / factor, amount * factor) if amount > 0 else (amount, amount)
    at = bisect_left(amounts, low)
    return at < len(amounts) and amounts[at] <= high


def _rounded(amount: float, amounts: list[float]) -> bool:
    """True when a hedged amount is a rounding a writer would make of an amount still said (rounds_to): "nearly
    3,000" of 2,986, not "around 95%" of 92%."""
    at = bisect_left(amounts, amount / HEDGED_FACTOR)
    high = amount * HEDGED_FACTOR
    while at < len(amounts) and amounts[at] <= high:
        if rounds_to(amount, amounts[at]):
            return True
        at += 1
    return False


COUNTED_REACH = 3  # words after a count in words that may name what it counts ("four consecutive days off")


def _counts_of_their_own(text: str, counts: list[str], kept: list[str]) -> bool:
    """True when one of these counts in words (UNIT_WORDS: "four") counts something that no kept sentence counts with
    that number: the words after it ("four consecutive days off") follow it nowhere in the text left, in words or
    in figures. A version the model offered and the author did not keep may say "four" of other things than the
    kept one's "4 nurses". `kept`: the words of the text left, lowercased."""
    words = [w.lower() for w in WORD.findall(text)]
    for count in counts:
        if count not in UNIT_WORDS:
            continue
        value = str(UNIT_WORDS[count])
        after = {stem_cached(w) for at, w in enumerate(words) if w == count
                 for w in words[at + 1:at + 1 + COUNTED_REACH] if w not in STOP_WORDS}
        if not any(w in (count, value) and after & {stem_cached(x) for x in kept[at + 1:at + 1 + COUNTED_REACH]}
                   for at, w in enumerate(kept)):
            return True
    return False


def _amounts_kept(text: str, amounts: list[float], factor: float) -> bool:
    """True when every amount the text says in words is still said (within `factor`)."""
    return all(_said(amount, amounts, factor) for amount in quantities_in(NUMBER.sub(" ", text)))
