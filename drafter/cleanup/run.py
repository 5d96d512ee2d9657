"""One cleanup run: the document every pass works on, the edits and notes so far, and what each removal repeated.

The passes share this object and nothing else: a pass reads the document (blocks, sentences, what is removed) and
records its removals here, so the repeat a sentence was removed for (needed when keep_sections undoes it) lives in
`repeats`, not on the sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable, Iterator

from drafter.cleanup.document import FOOTNOTE_LINE, Block, Sentence, parse_blocks, part_numbers
from drafter.cleanup.facts import SINGLED_OUT, StatedFacts, facts_of, is_figure
from drafter.cleanup.phrases import without_spans
from drafter.cleanup.report import Edit, Note
from drafter.cleanup.similarity import content_words
from drafter.text.words import WORD

if TYPE_CHECKING:
    from drafter.cleanup.phrases import PhraseLists
    from drafter.cleanup.settings import CleanupSettings

# a part of the text named by its number ("Section 1", "Part 2", "Question 3"), and a heading's own number ("2. People")
PART_NAME = re.compile(r"\b(section|part|question|step)\s+(\d{1,2}|[A-H])\b", re.I)
HEADING_NUMBER = re.compile(r"(\d{1,2})[.)]\s")
# a sentence comparing back to the figure of the one before it: "… that is 11% more", "This was an increase of 14%",
# "which is 3 fewer than last year"
COMPARED_BACK = re.compile(r"\b(?:that|this|which)(?:'s| is| was| makes| made| means| represents| represented)\s+"
                           r"(?:an?\s+|about\s+|almost\s+|nearly\s+|over\s+|roughly\s+)?(?:\d|(?:increase|decrease|rise|"
                           r"drop|fall|growth|gain|reduction|improvement)\b)", re.I)
LABEL_MAX_WORDS = 8
QUESTION_LABEL_WORDS = 2  # words of a label before a form's question ("Q2.", "Part 3:")
NOT_LABEL_WORDS = frozenset("i we our my us me you your it its they their he she was were is are be been has have had "
                            "am".split())


@dataclass
class Repeat:
    """Why a sentence was removed as a repeat: the sentence it repeated, the edit that says so, and, when the later
    telling replaced the earlier one in its place, (the sentence rewritten, its old text, that edit)."""

    of: Sentence
    edit: Edit | None = None
    merged: tuple[Sentence, str, Edit] | None = None


class Run:
    """The parsed text, the settings and phrase lists, and the report being built, for one call of clean()."""

    def __init__(self, text: str, settings: "CleanupSettings", lists: "PhraseLists", echo_of: Iterable[str] = ()) -> None:
        self.settings = settings
        self.lists = lists
        self.echo_of = list(echo_of)
        self.edits: list[tuple[tuple[int, int], Edit]] = []
        self.notes: list[Note] = []
        self.blocks, self.trailing = parse_blocks(text, settings)
        self.repeats: dict[int, Repeat] = {}  # id(sentence) -> what it was removed as a repeat of
        self.source = {id(s): s.text for block in self.blocks for s in block.sentences}  # each sentence as written
        self.edits_of: dict[int, list[Edit]] = {}  # id(sentence) -> the edits that removed it or cut from it
        self.order = 0
        self._part_names: set[tuple[str, str]] | None = None  # ("section", "1") for "## Section 1: …" (part_pointers)
        self.kept_whole: set[int] = set()  # ids of the blocks no repeat may be cut from (a paragraph pasted again
        # with other figures: the author's to settle); the guard puts back what a pass took from them
        self.users_words: set[int] = set()  # ids of the blocks that are the user's turn in a chat (their request and
        # notes): the guard puts them back last, so that a fact an earlier answer gives stays in the answer
        self.earlier_versions: set[int] = set()  # ids of the blocks of an answer a later one gives again: the guard
        # puts them back after the rest and before the user's words
        self.has_footnotes = any(FOOTNOTE_LINE.match(line) for block in self.blocks for line in block.raw)  # ("[1]
        # Excluding …" under the text: its "[1]" marks are the author's, no searching model's citations)

    def edit(self, kind: str, line: int, removed: str, dup: int | None = None, of: Sentence | None = None) -> Edit:
        """Record one removal (from sentence `of`); the report lists them by line, then in the order they were made."""
        self.order += 1
        record = Edit(kind, line, removed.strip(), dup)
        self.edits.append(((line, self.order), record))
        if of is not None:
            self.edits_of.setdefault(id(of), []).append(record)
        return record

    def unedit(self, record: Edit) -> None:
        """Take a removal back out of the report."""
        self.edits = [pair for pair in self.edits if pair[1] is not record]

    def repeat(self, sentence: Sentence, of: Sentence, edit: Edit | None = None,
               merged: tuple[Sentence, str, Edit] | None = None) -> None:
        """Note that sentence was removed as a repeat of `of`."""
        self.repeats[id(sentence)] = Repeat(of, edit, merged)

    def text_sentences(self) -> Iterator[tuple[Block, Sentence]]:
        """(block, sentence) for every sentence still in a paragraph or list item that is not a heading in disguise."""
        for block in self.blocks:
            if block.removed or block.kind not in ("text", "item") or block.heading_like:
                continue
            for sentence in block.sentences:
                if not sentence.removed:
                    yield block, sentence

    def kept_sentences(self) -> Iterator[tuple[Block, Sentence]]:
        """(block, sentence) for every sentence still in the text, headings and titles too (tables aside)."""
        for block in self.blocks:
            if block.removed or block.kind == "opaque":
                continue
            for sentence in block.sentences:
                if not sentence.removed:
                    yield block, sentence

    def facts_as_written(self, sentence: Sentence) -> frozenset[str]:
        """The facts of the sentence as the text gave it, before any cut (one not edited since is read through the
        facts it already knows)."""
        written = self.source.get(id(sentence), sentence.text)
        return sentence.facts if written == sentence.text else facts_of(written)

    def cut(self, sentence: Sentence, cuts: list[tuple[int, int]], kind: str, repeat: bool = True) -> None:
        """Cut these spans from the sentence; `repeat`: each is a repeat of something said on the sentence's line."""
        text = sentence.text
        ordered = sorted(cuts)
        if any(b > next_a for (_, b), (next_a, _) in zip(ordered, ordered[1:])):  # overlapping: one after another
            for a, b in reversed(ordered):
                self.edit(kind, sentence.line + text.count("\n", 0, a), text[a:b], sentence.line if repeat else None,
                          sentence)
                text = text[:a] + text[b:]
            sentence.set_text(text)
            return
        # apart: the same edits, last first, with lines counted once from the start and the text joined once
        # (cutting and counting from the start for each of thousands of cuts made a long sentence quadratic)
        lines, line, counted = [], sentence.line, 0
        for a, b in ordered:
            line += text.count("\n", counted, a)
            counted = a
            lines.append(line + text.startswith("\n", a, b))  # a cut that opens with a line break is on the next line
        for (a, b), line in zip(reversed(ordered), reversed(lines)):
            self.edit(kind, line, text[a:b], sentence.line if repeat else None, sentence)
        sentence.set_text(without_spans(text, ordered))

    def part_pointers(self, text: str) -> list[tuple[int, int]]:
        """The spans of text that point at a part of this text by its number ("As mentioned in Section 1"): a
        heading opens with that name, or with that number alone ("## 1. Key results"). Its number is no figure."""
        if self._part_names is None:
            names: set[tuple[str, str]] = set()
            for block in self.blocks:
                if block.kind in ("heading", "title") or block.heading_like:
                    head = block.content.strip(" *_#")
                    match = PART_NAME.match(head)
                    if match:
                        names.add((match.group(1).lower(), match.group(2).lower()))
                    number = HEADING_NUMBER.match(head)
                    if number:
                        names |= {(kind, number.group(1)) for kind in ("section", "part")}
            self._part_names = names
        return [m.span() for m in PART_NAME.finditer(text)
                if (m.group(1).lower(), m.group(2).lower()) in self._part_names]

    def facts_stated_outside(self, excluded: set[int], excluded_blocks: frozenset[int] = frozenset()) -> StatedFacts:
        """The facts of every sentence, heading, title and table still in the text, but the excluded ones (sentences
        by id, and blocks: a table's rows), and the parts of each name stated."""
        stated: set[str] = set()
        for block in self.blocks:
            if block.removed or id(block) in excluded_blocks:
                continue
            if block.kind == "opaque":
                stated |= facts_of("\n".join(block.raw))
                continue
            for sentence in block.sentences:
                if not sentence.removed and id(sentence) not in excluded:
                    stated |= sentence.facts
        return StatedFacts(stated)

    def difficulties(self) -> set[int]:
        """Ids of the sentences that single out a main difficulty ("Staffing was the hardest part of the year."), the
        first in its part of the text: a second there, or one whose other words, vague ones aside, all lie in an
        earlier one, says it again ("Q3 was the hardest part" after "The biggest challenge was the third quarter")."""
        return self._singled_out()[0]

    def topics_said_again(self) -> dict[int, Sentence]:
        """Each sentence singling out a main topic whose other words, vague ones aside, all lie in an earlier such
        sentence ("Most of my time went on refunds." after "Refunds were the main part of my job."), with that one."""
        return self._singled_out()[1]

    def _singled_out(self) -> tuple[set[int], dict[int, Sentence]]:
        """(difficulties, topics_said_again), read in one pass over the sentences."""
        found, said, parts = set(), [], set()
        again: dict[int, Sentence] = {}
        part_of = part_numbers(self.blocks)
        for block, sentence in self.text_sentences():
            match = SINGLED_OUT.search(sentence.text)
            if match is None:
                continue
            rest = sentence.text[:match.start()] + " " + sentence.text[match.end():]
            words = set(content_words(rest, self.lists.synonyms)) - self.lists.unspecific
            earlier = next((x for ws, x in said if words <= ws), None)
            if part_of[id(block)] not in parts and earlier is None:
                found.add(id(sentence))
            elif earlier is not None and words:
                again[id(sentence)] = earlier
            said.append((words, sentence))
            parts.add(part_of[id(block)])
        return found, again

    def labels(self) -> set[int]:
        """Ids of the short first sentences that name what the rest of their block tells ("1. Medical insurance
        claims. This year I submitted ..."): a label, not a restatement. A short sentence with a pronoun or a form of
        'be' or 'have' ("This year, our community came alive.") says something, so it is no label."""
        labels = set()
        for block in self.blocks:
            if len(block.sentences) < 2:
                continue
            words = [w.lower() for w in WORD.findall(block.sentences[0].text)]
            if len(words) <= LABEL_MAX_WORDS and not NOT_LABEL_WORDS.intersection(words):
                labels.add(id(block.sentences[0]))
        return labels

    def pointed_at(self) -> set[int]:
        """Ids of the sentences the next sentence of their block points back at: one that says it restates them and
        gives their figures again ("My score was 93%. As mentioned, my score was 93%; in November it reached 96%.").
        Without them it points at nothing, so they stay where they are, whatever else tells the same. So do those with
        a figure the next compares back to ("I handled around 3,420 TEU. Compared with 2023 (3,080 TEU) that is 11%
        more."). (One that counts off part of them, "Of those 41, 29 …", is not read so: the corpus's editors split on
        it.)"""
        out = set()
        for block in self.blocks:
            kept = [s for s in block.sentences if not s.removed]
            for sentence, after in zip(kept, kept[1:]):
                figures = {f for f in sentence.facts if is_figure(f)}
                if figures and figures <= after.facts and any(p.match(after.text) for p in self.lists.restating) and \
                        not any(p.match(sentence.text) for p in self.lists.restating):  # a retelling is no first telling
                    out.add(id(sentence))
                elif figures and COMPARED_BACK.search(after.text):
                    out.add(id(sentence))
        return out

    def form_questions(self) -> set[int]:
        """Ids of the questions that stand alone as a line with the text answering them after it ("Q2. What have you
        done well?" over the answer; a numbered one, "1. What were your main achievements?", over a list of its own or
        a paragraph): a form's question, a heading in effect, neither filler nor stock. One in emphasis ("*What got in the way?*") is a template's instruction and is left to the lists."""
        blocks = [b for b in self.blocks if not b.removed]
        out = set()
        for block, after in zip(blocks, blocks[1:]):
            kept = [s for s in block.sentences if not s.removed]
            numbered = block.kind == "item" and block.number is not None and after.list_key != block.list_key
            if (block.kind == "text" or numbered) and kept and kept[-1].text.rstrip().endswith("?") and \
                    all(len(s.text.split()) <= QUESTION_LABEL_WORDS for s in kept[:-1]) and \
                    not block.content.lstrip().startswith(("*", "_")) and after.kind in ("text", "item"):
                out.add(id(kept[-1]))
        return out
