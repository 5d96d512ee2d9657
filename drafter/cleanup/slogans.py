"""The slogans pass: an employer's or a template's motto standing as a paragraph of its own is not the author's
text and goes as junk: a motto of short title-case words ("Aspire. Achieve. Belong."), a chant of short parallel
clauses ending with "!" ("Patients first, service first, quality first!"), and a tagline in the masthead, above the
author's first words ("*Brookfield Practice: Caring for you, caring for our community.*", "Calder Valley Credit Union
– People helping people."). None may hold a figure, a placeholder, the author's "I" or "my", or (but for a motto's
own words) a name the text does not state elsewhere. A motto's line under a form's printed header goes from the
header's block, and a later copy of that header with it."""

from __future__ import annotations

import re

from drafter.cleanup.document import Block, END_PUNCT
from drafter.cleanup.facts import THANKS, has_figure, is_name
from drafter.cleanup.run import Run
from drafter.text.words import STOP_WORDS, WORD

# the author speaking ("I", "my", "I've"): never a motto
FIRST_PERSON = re.compile(r"(?<![\w'’])(?:I(?:['’](?:m|ve|d|ll))?|[Mm]e|[Mm]y|[Mm]ine|[Mm]yself)(?![\w'’])")
OPENING_WRAP = " \t\n>*_\"“”'‘’"  # a quote mark, emphasis or blockquote round the line, at its start
CLOSING_WRAP = " \t\n*_\"“”'‘’"  # and at its end
ITALIC_OR_QUOTED = re.compile(r"^\s*(?:>|[*_](?![*_])|[\"“])")  # a tagline's look: italic, quoted or a blockquote

MOTTO_MIN_PARTS = 3  # title-case parts of a motto ("Aspire. Achieve. Belong.")
MOTTO_PART_WORDS = 3  # words of each part at most ("Fresh Food. Happy Faces. Every Day.")
CHANT_CLAUSE_WORDS = 6  # words of each clause of a chant at most ("Unite as one, forge ahead bravely, …")
CHANT_SENTENCE_WORDS = 24  # words of each sentence of a chant at most
TAGLINE_WORDS = 20  # words of a masthead tagline at most
TAGLINE_MIN_PROSE_WORDS = 1  # lower-case content words a tagline says ("caring", "community"); a byline has none
HEADER_LINE_WORDS = 12  # words of a line of a form's printed header (a masthead block with no sentence in it)

# a tagline speaks to or for its reader, or says what the organisation is doing ("Caring for you", "Nourishing our
# patients", "Together we learn", "Let your light shine"); a department line ("Financial crime operations team") does
# not
TAGLINE_VOICE = re.compile(r"\b(?:we|our|us|you|your|together|\w{3,}ing)\b", re.I)
# a title names the document ("Annual Review – Self Evaluation"): never a tagline
TITLE_WORDS = re.compile(r"\b(?:review|summary|appraisal|assessment|evaluation|report|reflections?|form|plan|"
                         r"objectives|comments|self[- ]\w+)\b", re.I)
# "Name – slogan", "Name: slogan": the organisation's name, then what it says of itself
NAMED_TAGLINE = re.compile(r"^(?:[A-Z][\w'’&.-]*\s*+(?:(?:of|and|for|the|C of E|&)\s++)*){1,8}"
                           r"\s*(?:[–—:|-]|\s-\s)\s*\S")


def remove_slogans(run: Run) -> None:
    """Remove mottos, chants and masthead taglines standing as paragraphs of their own."""
    masthead = True
    headers: set[str] = set()  # what is left of each header block a motto line was cut from
    for block in run.blocks:
        if block.removed or block.kind == "opaque":
            continue
        if block.kind == "heading" or block.heading_like:
            continue
        if block.kind not in ("text", "title"):
            masthead = False
            continue
        line = _unwrapped(block.content)
        if "\n" in line and _cut_motto_lines(run, block):
            left = " ".join(x.text.strip() for x in block.sentences if not x.removed)
            if left in headers:  # the form's printed header pasted again, its motto with it: no text of the author's
                for sentence in block.sentences:
                    if not sentence.removed:
                        sentence.removed = True
                        run.edit("junk", sentence.line, sentence.text, of=sentence)
                block.removed = True
                continue
            headers.add(left)
        if "\n" in line or not line or FIRST_PERSON.search(line) or \
                any(s.placeholder or has_figure(s.facts) for s in block.sentences):
            masthead = masthead and _header_lines(block)
            continue
        if _motto(line) or (_chant(line) or masthead and _tagline(block, line)) and _names_stated(run, block):
            for sentence in block.sentences:
                sentence.removed = True
            block.removed = True
            run.edit("junk", block.line, "\n".join(block.raw))
            continue
        masthead = masthead and (block.kind == "title" or _header_lines(block))


def _cut_motto_lines(run: Run, block: Block) -> bool:
    """A block of several lines, a form's printed header over its motto ("**GREENLEAF CATERING – ANNUAL REVIEW**"
    then "*Fresh Food. Happy Faces. Every Day.*"): the motto's line goes, the header stays (and a later copy of it
    then goes as a repeat). Only in a block no pass has edited, whose other lines are all header lines. True when a
    line was cut."""
    if any(run.source.get(id(s)) != s.text or s.removed for s in block.sentences):
        return False
    lines, at, spans = block.content.split("\n"), 0, []
    for text in lines:
        bare = _unwrapped(text)
        if _motto(bare) and not FIRST_PERSON.search(bare):
            spans.append((at - (1 if at else 0), at + len(text)))  # with the line break before it
        elif len(text.split()) > HEADER_LINE_WORDS or END_PUNCT.search(text.strip(" *_")):
            return False
        at += len(text) + 1
    if not spans or len(spans) == len(lines):
        return False
    for sentence in block.sentences:
        start, end = sentence.start, sentence.start + len(sentence.text)
        cuts = [(max(a, start) - start, min(b, end) - start) for a, b in spans if a < end and b > start]
        cuts = [(a, b) for a, b in cuts if b > a]
        if cuts == [(0, len(sentence.text))]:
            sentence.removed = True
            run.edit("junk", sentence.line, sentence.text, of=sentence)
        elif cuts:
            run.cut(sentence, cuts, "junk", repeat=False)
    return True


def _unwrapped(text: str) -> str:
    """The line without the quote marks, emphasis or blockquote mark round it (str.strip: linear in any blank run)."""
    return text.lstrip(OPENING_WRAP).rstrip(CLOSING_WRAP)


def _motto(line: str) -> bool:
    """True for three or more short parts, every word in title case ("Aspire. Achieve. Belong.")."""
    parts = [p for p in re.split(r"[.!]\s+|[.!]$", line) if p.strip()]
    if len(parts) < MOTTO_MIN_PARTS or not line.rstrip().endswith((".", "!")):
        return False
    for part in parts:
        words = WORD.findall(part)
        if not 1 <= len(words) <= MOTTO_PART_WORDS or not all(w[0].isupper() for w in words):
            return False
    return True


def _chant(line: str) -> bool:
    """True for sentences that all end with "!", short, one at least of parallel clauses ("Customers first, service
    first, quality first! Build a first-class bank with first-class service!"), and no thanks."""
    sentences = [s for s in re.split(r"(?<=!)\s+", line) if s.strip()]
    if not sentences or not all(s.rstrip().endswith("!") for s in sentences) or THANKS.search(line):  # (the
        # author's thanks to the team in their own words is no chant: "Obrigada, equipe da madrugada!")
        return False
    parallel = False
    for sentence in sentences:
        if len(WORD.findall(sentence)) > CHANT_SENTENCE_WORDS:
            return False
        clauses = [c for c in re.split(r"[,;，；]\s*(?:and\s+)?", sentence.rstrip("!")) if c.strip()]
        if len(clauses) >= 2 and all(len(WORD.findall(c)) <= CHANT_CLAUSE_WORDS for c in clauses):
            parallel = True
    return parallel


def _tagline(block: Block, line: str) -> bool:
    """True for a masthead's tagline: italic or quoted whole, or "Name – slogan", short, in the voice of a slogan
    and saying something in lower-case words (not a byline or a department's name), no title of the document."""
    wrapped = ITALIC_OR_QUOTED.match(block.content) is not None  # not bold: "**Reflecting on the year**" is a label
    named = NAMED_TAGLINE.match(line)
    if not (wrapped or named) or len(WORD.findall(line)) > TAGLINE_WORDS or TITLE_WORDS.search(line) or \
            line.rstrip().endswith(("?", ":")):
        return False
    said = line[named.end() - 1:] if named else line
    prose = [w for w in WORD.findall(said) if w.islower() and w not in STOP_WORDS]
    return len(prose) >= TAGLINE_MIN_PROSE_WORDS and TAGLINE_VOICE.search(said) is not None


def _header_lines(block: Block) -> bool:
    """True for a form's printed header: short lines, none a sentence ("NORTHERN LIGHTS LEARNING TRUST")."""
    lines = block.content.split("\n")
    return all(len(ln.split()) <= HEADER_LINE_WORDS and not END_PUNCT.search(ln.strip(" *_")) for ln in lines)


def _names_stated(run: Run, block: Block) -> bool:
    """True when every name the block holds outside quotes is stated in another sentence still in the text."""
    names = {f for s in block.sentences for f in s.facts if is_name(f) and not f.startswith(('"', "“"))}
    if not names:
        return True
    stated = run.facts_stated_outside({id(s) for s in block.sentences})
    return all(name in stated for name in names)
