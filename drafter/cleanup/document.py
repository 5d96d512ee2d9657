"""The document model: Markdown blocks (headings, titles, paragraphs, list items, opaque code and tables), their
sentences, the top-level sections, and rendering what is left back to text."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from drafter.cleanup.facts import FRAGMENT, FUTURE, YEAR, facts_of
from drafter.cleanup.turns import MESSAGE_STAMP, is_turn_label
from drafter.text.sentences import sentence_bounds

if TYPE_CHECKING:
    from drafter.cleanup.settings import CleanupSettings

HEADING = re.compile(r"^(#{1,6})\s+\S")
LIST_ITEM = re.compile(
    r"^(\s*)(?:([-*+•])|(\d{1,3})([.)、,])|\(([a-zA-Z]|\d{1,2})\)|([a-z])\))(\s+)(?=\S)")
FENCE = re.compile(r"^\s*(```|~~~)")
TABLE_ROW = re.compile(r"^\s*\|(.+)\|\s*$")  # a table's row, its cells in the group
TABLE_RULE = re.compile(r"^[\s|:-]+$")  # the rule under a table's header
END_PUNCT = re.compile(r"[.!?。！？:;：；…]['\"”’)\]]*[^\w\"'”’()\[\]{}<>*_#|~`-]{0,8}\s*$")  # then an emoji or two
# ("Here's to an even bigger next year! 🚀"); the run is bounded, so a search stays linear
# the heading or label of a recap of the account above it: "## In Summary", "**8. Conclusion**", "### Final Thoughts",
# "**Key Takeaways:**", "At a glance", "Section 5 – Overall"
RECAP_HEADING = re.compile(r"^[\W\d_]*(?:(?:section|part) \w+\W+)?(?:(?:in )?(?:conclusions?|summary|short)|"
                           r"closing(?: remarks| thoughts| words)?|(?:final|closing|concluding) (?:thoughts|words|"
                           r"remarks)|wrap[- ]up|overall|to sum up|summing up|(?:(?:key|main|quick) )?takeaways?|"
                           r"(?:(?:(?:my |the )?(?:key |main |top )?(?:achievements|highlights|results|wins|figures|"
                           r"numbers|metrics)|(?:the )?year) )?at a glance|in a nutshell|(?:the )?bottom line|recap|"
                           r"tl;?\s?dr|"  # ... and in the user's language, as a chat model heads its recap there
                           r"resumen|(?:logros|resultados)(?: clave)? de un vistazo|zusammenfassung|(?:die )?"
                           r"(?:wichtigsten )?ergebnisse auf einen blick|auf einen blick|résumé|en bref|riepilogo|"
                           r"in sintesi|resumo|em resumo|podsumowanie|w skrócie|özet|ringkasan|tóm tắt|"
                           r"(?:thành tích nổi bật )?trong nháy mắt|sekilas)[\W_]*$", re.I)


# a paragraph's bold lead-in label: "**Quota.** I finished …", "**New logos:** …"
LEAD_IN_LABEL = re.compile(r"^(\*\*|__)[^*_\n]{1,60}?\1[.:：]?(?=\s)|^(\*\*|__)[^*_\n]{1,60}?[.:：]\2(?=\s)")


@dataclass(eq=False)
class Sentence:
    """One sentence of a block: its text (as edited so far), offset in the block content, and state. Equal only to
    itself, so a sentence can key a dict and two alike sentences are still two."""

    text: str
    start: int
    gap: str
    line: int
    removed: bool = False
    placeholder: bool = False
    _facts: frozenset[str] | None = None
    _future: bool | None = None
    in_plan: bool = False

    @property
    def facts(self) -> frozenset[str]:
        """The facts of the sentence as it reads now (drafter.cleanup.facts.facts_of)."""
        if self._facts is None:
            self._facts = facts_of(self.text)
        return self._facts

    @property
    def fragment(self) -> bool:
        """True for a list fragment ("answering payslip queries;"), which is never merged with a full sentence."""
        return FRAGMENT.search(self.text) is not None

    @property
    def future(self) -> bool:
        """True when the sentence speaks of the future (a plan or goal), not of what was done."""
        if self._future is None:
            self._future = self.in_plan or FUTURE.search(self.text) is not None
        return self._future

    def set_text(self, text: str) -> None:
        """Replace the text, forgetting what was read from the old one."""
        self.text = text
        self._facts = None
        self._future = None


@dataclass
class Block:
    """A Markdown block: heading, title line, paragraph, list item, or opaque (code, table, rule)."""

    kind: str
    line: int
    raw: list[str]
    prefix: str = ""
    content: str = ""
    sentences: list[Sentence] = field(default_factory=list)
    removed: bool = False
    sep: list[str] = field(default_factory=list)
    number: int | None = None
    list_key: tuple | None = None
    renumber_to: int | None = None
    tail: str = ""
    heading_like: bool = False

    @property
    def gone(self) -> bool:
        """True when the block, or every sentence of it, went already."""
        return self.removed or all(s.removed for s in self.sentences)


def split_sentences(content: str, first_line: int) -> list[Sentence]:
    """Split block content into sentences (drafter.text.sentences), keeping offsets, lines and the blank space after
    each one."""
    out: list[Sentence] = []
    line, counted = first_line, 0
    for start, end, gap_end in sentence_bounds(content):
        line += content.count("\n", counted, start)
        counted = start
        out.append(Sentence(content[start:end], start, content[end:gap_end], line))
    return out


def _block_kind_of_line(line: str, settings: CleanupSettings) -> str:
    """'heading', 'item' or 'text' for one line."""
    if HEADING.match(line) and len(line.split()) - 1 <= settings.heading_max_words:
        return "heading"
    if LIST_ITEM.match(line):
        return "item"
    return "text"


# a footnote under the text: "[1] Excluding the …" (not a searching model's list of its sources: "[1] Appraisals and
# the NHS KSF – nhsemployers.org")
FOOTNOTE_LINE = re.compile(r"^[ \t]*\[\d{1,2}\][ \t]+(?![^\n]*\b[\w-]+\.(?:com|org|net|gov|edu|int|io|ai|co|uk|"
                           r"ie|au|ca|in|de|fr|es|it|nl)\b)\S")


def parse_blocks(text: str, settings: CleanupSettings) -> tuple[list[Block], list[str]]:
    """Cut the text into blocks, each remembering the blank lines before it; return (blocks, trailing blanks)."""
    lines = text.split("\n")
    blocks: list[Block] = []
    pending: list[str] = []
    debris = _stray_fences(lines)
    i = 0
    while i < len(lines):
        line = lines[i]
        if not line.strip():
            pending.append(line)
            i += 1
            continue
        start = i
        if i in debris:  # a fence line that opens no code: a line of text (the junk list knows it)
            i += 1
            block = Block("text", start + 1, [line])
            _prepare(block, settings)
        elif FENCE.match(line):
            fence = FENCE.match(line).group(1)
            i += 1
            while i < len(lines) and not lines[i].lstrip().startswith(fence):
                i += 1
            i = min(i + 1, len(lines))
            block = Block("opaque", start + 1, lines[start:i])
        elif line.lstrip().startswith("|") or re.match(r"^\s*(?:[-*_]\s*){3,}$", line) or line.startswith("    "):
            i += 1
            block = Block("opaque", start + 1, [line])
        else:
            kind = _block_kind_of_line(line, settings)
            i += 1
            if kind == "item":
                indent = len(LIST_ITEM.match(line).group(1))
                while i < len(lines) and lines[i].strip() and _block_kind_of_line(lines[i], settings) == "text" \
                        and len(lines[i]) - len(lines[i].lstrip()) > indent:
                    i += 1
            elif kind == "text":
                while i < len(lines) and lines[i].strip() and _block_kind_of_line(lines[i], settings) == "text" \
                        and not FENCE.match(lines[i]) and not lines[i].lstrip().startswith("|") and \
                        not is_turn_label(lines[i]) and not MESSAGE_STAMP.match(lines[i]):  # (a chat turn's label
                    # starts a block, "Sent by Copilot:", and so does a message's stamp, "12/11/24, 7:43 PM - Brian: …")
                    i += 1
            block = Block(kind, start + 1, lines[start:i])
            _prepare(block, settings)
        block.sep = pending
        pending = []
        blocks.append(block)
    _mark_item_headings(blocks, settings)
    _mark_plan_sections(blocks)
    return blocks, pending


PROSE_FENCE = re.compile(r"^\s*(?:```|~~~)\s*(?:markdown|md|text|plaintext)?\s*$", re.I)


def _stray_fences(lines: list[str]) -> set[int]:
    """Indexes of the fence lines that open no code block: one never closed (a model's Markdown debris; the rest
    of the text is prose, not code), and the pair a model wraps its own Markdown answer in ("```markdown" … "```")."""
    out: set[int] = set()
    i = 0
    while i < len(lines):
        match = FENCE.match(lines[i])
        if not match:
            i += 1
            continue
        end = i + 1
        while end < len(lines) and not lines[end].lstrip().startswith(match.group(1)):
            end += 1
        if end >= len(lines):
            out.add(i)
            i += 1
            continue
        if PROSE_FENCE.match(lines[end]) and (re.match(r"^\s*(?:```|~~~)\s*(?:markdown|md)\s*$", lines[i], re.I) or
                                              PROSE_FENCE.match(lines[i]) and _prose(lines[i + 1:end])):
            out.update((i, end))
        i = end + 1
    return out


PROSE_LINE = re.compile(r"^\s*(?:#{1,6}\s+\S.*|.*\w[.!?:](?:\*\*)?)\s*$")  # a heading, or a line ending as sentences do
CODE_LINE = re.compile(r"[{};]\s*$|^\s*(?:def|class|import|from|return|if|for|while|function|var|let|const)\b|"
                       r"^\s*[\w.]+\s*=[^=]")  # a line only code ends or opens so
PROSE_FENCE_LINES = 3  # prose lines, at least, of a bare fence a model wrapped its answer in
PROSE_FENCE_SHARE = 0.5  # of a bare fence's lines that must be prose


def _prose(lines: list[str]) -> bool:
    """True when the lines inside a bare fence ("```" … "```") are a model's Markdown answer, not code: most of them
    headings or lines ending as sentences do, none shaped like code."""
    filled = [line for line in lines if line.strip()]
    prose = sum(bool(PROSE_LINE.match(line)) for line in filled)
    return prose >= PROSE_FENCE_LINES and prose >= PROSE_FENCE_SHARE * len(filled) and \
        not any(CODE_LINE.search(line) for line in filled)


PLAN_HEADING = re.compile(r"\b(?:goals?|plans?|planning|priorities|objectives|targets|outlook|looking ahead|next year|"
                          r"the (?:coming|new) year|next steps|(?:work )?ideas for|intentions?)\b|"
                          r"^[\W_]*for (?:19|20)\d\d[\W_]*$", re.I)  # a heading that is only "For 2027"


LIST_LABEL_MAX_WORDS = 8  # words of a label line over a list ("Goals for next year:")
# a heading over last year's goals as reviewed: "Goals for this year (set last January)", "Progress against my 2024
# objectives", "Last year's targets"
PAST_PLAN = re.compile(r"\b(?:this|last|current|past) year\b|\bset (?:last|in)\b|\b(?:review|progress|results) "
                       r"(?:of|on|against)\b|\b(?:met|achieved|reached)\b", re.I)


def _mark_plan_sections(blocks: list[Block]) -> None:
    """Sentences under a 'Goals for 2025' or 'Next year's plan' heading speak of the future even when they do not
    say 'will' ("Move contract customers onto electronic job tickets"): a plan never merges with a past fact."""
    open_headings: list[tuple[int, bool]] = []  # (level, is a plan heading) from the outermost in
    report_year = None  # the first year of the title: a heading naming a later one ("For 2025") is a plan
    list_plan = False  # the list under way stands under a plan's label
    for block in blocks:
        if block.kind in ("heading", "title") or block.heading_like:
            years = [int(y) for y in YEAR.findall(block.content)]
            if report_year is None:
                report_year = years[0] if years else 0
            level = len(block.prefix.strip()) if block.kind == "heading" else 7
            open_headings = [h for h in open_headings if h[0] < level]
            later = report_year and any(y > report_year for y in years)
            plan = PLAN_HEADING.search(block.content) is not None and PAST_PLAN.search(block.content) is None
            open_headings.append((level, plan or bool(later)))
        elif block.kind in ("text", "item") and (any(plan for _, plan in open_headings) or
                                                 block.kind == "item" and list_plan):
            for sentence in block.sentences:
                sentence.in_plan = True
        if block.kind != "item":  # a short label over a list ("Goals for next year:") makes a plan of its items
            content = block.content.rstrip(" *_")
            list_plan = block.kind == "text" and content.endswith((":", "：")) and \
                len(content.split()) <= LIST_LABEL_MAX_WORDS and PLAN_HEADING.search(content) is not None and \
                PAST_PLAN.search(content) is None


def _mark_item_headings(blocks: list[Block], settings: CleanupSettings) -> None:
    """A lone short list item set apart by blank lines ("1. Education and teaching") is a heading in list
    clothing: it may stand again under another part, so it is never deduplicated."""
    for index, block in enumerate(blocks):
        if block.kind != "item" or len(block.raw) != 1 or END_PUNCT.search(block.content):
            continue
        if len(block.content.split()) > settings.title_max_words:
            continue
        after = blocks[index + 1] if index + 1 < len(blocks) else None
        before = blocks[index - 1] if index else None
        if (before is None or block.sep) and after is not None and after.sep and after.kind != "item" and \
                (before is None or before.kind != "item"):
            block.heading_like = True


def top_level_sections(blocks: list[Block]) -> list[list[Block]]:
    """The prose blocks still in the text, grouped by top-level ('#'/'##') section; the part before the first
    heading is a section too."""
    sections: list[list[Block]] = [[]]
    for block in blocks:
        if block.kind == "heading" and len(block.prefix.strip()) <= 2:
            sections.append([])
        elif block.kind in ("text", "item") and not block.removed:
            sections[-1].append(block)
    return [section for section in sections if section]


def part_numbers(blocks: list[Block]) -> dict[int, int]:
    """Each block's part of the text, by id: a new part starts at every heading, title line ("**Key Results**")
    and lone item acting as a heading."""
    out, part = {}, 0
    for block in blocks:
        if block.kind in ("heading", "title") or block.heading_like:
            part += 1
        out[id(block)] = part
    return out


def boundary_blocks(blocks: list[Block]) -> set[int]:
    """Ids of the first and last prose block of each top-level section: where openers and closers stand."""
    return {id(section[i]) for section in top_level_sections(blocks) for i in (0, -1)}


def _prepare(block: Block, settings: CleanupSettings) -> None:
    """Split a block into its prefix (heading marks, list marker), content, trailing blank and sentences."""
    joined = "\n".join(block.raw)
    if block.kind == "heading":
        match = re.match(r"^(#{1,6}\s+)", joined)
        block.prefix, block.content = match.group(1), joined[match.end():]
    elif block.kind == "item":
        match = LIST_ITEM.match(joined)
        block.prefix, block.content = joined[: match.end()], joined[match.end():]
        if match.group(3):
            block.number = int(match.group(3))
            block.list_key = (len(match.group(1)), match.group(4))
    else:
        block.content = joined
        if len(block.raw) == 1 and not END_PUNCT.search(joined) and len(joined.split()) <= settings.title_max_words:
            block.kind = "title"
    stripped = block.content.rstrip()
    block.tail = block.content[len(stripped):]
    block.content = stripped
    if block.kind in ("heading", "title"):
        block.sentences = [Sentence(block.content, 0, "", block.line)]
    elif _stamped_words(block.raw[0]):  # a message in a chat app, its stamp before its words: each of its lines is
        # said on its own ("Closure letter, for your reference" over "Dated 27 Aug 2024"), however it ends
        block.sentences = _line_by_line(block.content, block.line)
    else:
        block.sentences = split_sentences(block.content, block.line)


def _stamped_words(line: str) -> bool:
    """True when the line opens with a message's stamp and goes on with the message's words ("[14/12/24, 4:21 pm]
    Sneha Kulkarni: Closure letter …"), not a stamp on a line of its own over them."""
    stamp = MESSAGE_STAMP.match(line)
    return stamp is not None and bool(line[stamp.end():].strip())


def _line_by_line(content: str, first_line: int) -> list[Sentence]:
    """split_sentences() of each line of the content on its own: a line break ends a sentence. Offsets and lines are
    the content's, and each sentence's gap runs up to the next one's start."""
    out: list[Sentence] = []
    offset = 0
    for number, line in enumerate(content.split("\n")):
        for sentence in split_sentences(line, first_line + number):
            if out:
                out[-1].gap = content[out[-1].start + len(out[-1].text):offset + sentence.start]
            sentence.start += offset
            out.append(sentence)
        offset += len(line) + 1
    if out:
        out[-1].gap = content[out[-1].start + len(out[-1].text):]
    return out



def render(blocks: list[Block]) -> str:
    """The text of the blocks still in the document, each with the blank lines that stood before it."""
    out: list[str] = []
    first = True
    gap: list[str] = []
    for block in blocks:
        if block.removed:
            gap = max(gap, block.sep or [], key=len)  # a blank line before a removed block stays
            continue
        if not first:
            out.extend(max(gap, block.sep or [], key=len))
        first, gap = False, []
        out.append(render_block(block))
    return "\n".join(out)


def render_block(block: Block) -> str:
    """One block's text: as it was when nothing in it changed, else its kept sentences joined by their gaps."""
    if block.kind == "opaque":
        return "\n".join(block.raw)
    ends = [s.start for s in block.sentences[1:]] + [len(block.content)]
    if not any(s.removed or s.text + s.gap != block.content[s.start:end] for s, end in zip(block.sentences, ends)):
        text = block.content
    else:
        kept = [s for s in block.sentences if not s.removed]
        parts = []
        for index, sentence in enumerate(kept):
            parts.append(sentence.text)
            if index < len(kept) - 1:
                parts.append(sentence.gap if sentence.gap else " ")
        text = "".join(parts)
    prefix = block.prefix
    if block.renumber_to is not None:
        prefix = re.sub(r"\d+", str(block.renumber_to), prefix, count=1)
    return prefix + text + block.tail


RATING_MARKS = re.compile(r"[○●◎☐☑☒◯]")  # a form's rating row, its choice marked ("○ Competent ● Strong"): the answer
# given for its own goal, never a repeat of another goal's, however alike
# a rating picked from a form's list, on its field's line: "Rating: 3 – Fully Effective", "Employee rating: [ 4 –
# Exceeds Expectations ▾ ]", "Overall rating: 4 – Exceeds"
RATING_PICK = re.compile(r"^[\W_]*[^\n:：]{0,40}\b(?:rating|rated|score|grade|level)\b[^\n:：]{0,20}[:：][ \t]*\[?[ \t]*"
                         r"\d(?:[.,]\d)?[ \t]*[–—=-][ \t]*[^\n\d\[\]]{1,40}?[ \t]*[▾▼]?[ \t]*\]?[\s.]*$", re.I)


BOX_CHOSEN = r"\((?:•|●|x|X|✓|✔|\*)\)|\[(?:•|●|x|X|✓|✔|\*)\]"  # an option marked in brackets: "(•)", "[x]"
BOX_EMPTY = r"\([ \t]\)|\[[ \t]\]"  # ... and one left empty: "( )", "[ ]"
CHOSEN_MARK = re.compile(r"[●◉☑☒][^\n]*[○◯☐]|[○◯☐][^\n]*[●◉☑☒]|"  # a row of a rating's options, one marked: "○ Not
                         rf"(?:{BOX_CHOSEN})[^\n]*(?:{BOX_EMPTY})|(?:{BOX_EMPTY})[^\n]*(?:{BOX_CHOSEN})")  # Met   ●
# Partially Met   ○ Met", "( ) Not Met   (•) Partially Met   ( ) Met" (not a to-do's box alone, "☐ check the % with
# Sharon", nor a blank's "○○")


def chosen_rating(text: str) -> bool:
    """True when a sentence is a form's rating as chosen, marked in its row of options (CHOSEN_MARK) or picked from
    a list (RATING_PICK): the answer given for its own goal or section, never a retelling, a frame or a page's line,
    however alike."""
    return CHOSEN_MARK.search(text) is not None or RATING_PICK.match(text) is not None
