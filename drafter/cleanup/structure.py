"""The structure pass, last: under keep_sections a repeat that emptied a section goes back; a title line that says
again the heading just above it goes; a paragraph whose first sentence went keeps its bold lead-in label; blocks
left empty (or with emoji alone) go, a heading left empty that repeats an earlier one goes (and one that restarts
the part before it, not one over a second part of the same name), and numbered lists are renumbered."""

from __future__ import annotations

import re

from drafter.cleanup.document import LEAD_IN_LABEL, RECAP_HEADING, Block, Sentence, top_level_sections
from drafter.cleanup.report import REPEAT_KINDS
from drafter.cleanup.run import Run
from drafter.cleanup.similarity import content_words, normalize


def tidy_structure(run: Run) -> None:
    """Keep sections (when asked), drop emptied blocks, restarted and repeated empty headings, renumber lists."""
    if run.settings.keep_sections:
        _keep_sections(run)
    _drop_titles_repeating_their_heading(run)
    _keep_lead_in_labels(run)
    for block in run.blocks:
        if block.kind in ("text", "item", "title", "heading") and block.sentences and \
                all(x.removed for x in block.sentences):  # (a heading whose words went leaves no bare "## ")
            block.removed = True
        elif block.kind in ("text", "item") and any(x.removed for x in block.sentences) and \
                all(x.removed or not WORDY.search(x.text) for x in block.sentences):
            for sentence in block.sentences:  # "Here's to an even bigger year! 🚀" went: its emoji goes with it
                if not sentence.removed:
                    sentence.removed = True
                    run.edit("junk", sentence.line, sentence.text, of=sentence)
            block.removed = True
    _drop_restarted_headings(run)
    _drop_repeated_empty_headings(run)
    _drop_emptied_closing_headings(run)
    _renumber(run)


WORDY = re.compile(r"[^\W_]")  # a sentence with a letter or digit says something; one of emoji and marks alone does not


def _keep_lead_in_labels(run: Run) -> None:
    """A paragraph's first sentence removed whole while others stay keeps its bold lead-in label ("**Quota.**"): the
    label names the paragraph, not the sentence."""
    for block in run.blocks:
        if block.removed or block.kind != "text" or len(block.sentences) < 2:
            continue
        first = block.sentences[0]
        match = LEAD_IN_LABEL.match(first.text)
        if not first.removed or match is None or all(x.removed for x in block.sentences[1:]):
            continue
        first.removed = False
        for record in run.edits_of.get(id(first), []):
            record.removed = first.text[match.end():].strip()
        first.set_text(first.text[:match.end()])


def _keep_sections(run: Run) -> None:
    """Undo repeat removals that emptied a top-level section, moving the repeat out of the earlier section."""
    section_of: dict[int, int] = {}
    members: dict[int, list[Sentence]] = {}
    for section, blocks in enumerate(top_level_sections(run.blocks)):
        for sentence in (x for block in blocks for x in block.sentences):
            section_of[id(sentence)] = section
            members.setdefault(section, []).append(sentence)
    for section, sentences in members.items():
        if any(not x.removed for x in sentences):
            continue
        for sentence in sentences:
            repeat = run.repeats.get(id(sentence))
            earlier = repeat.of if repeat is not None else None
            if earlier is None or section_of.get(id(earlier)) in (None, section) or earlier.removed:
                continue
            others = any(x is not earlier and not x.removed for x in members[section_of[id(earlier)]])
            sentence.removed = False
            if others:
                earlier.removed = True
                if repeat.edit is not None:
                    run.unedit(repeat.edit)
                    run.edit(repeat.edit.kind, earlier.line, earlier.text, sentence.line)
            elif repeat.merged is not None:
                kept, old_text, record = repeat.merged
                kept.set_text(old_text)
                run.unedit(record)
            elif repeat.edit is not None:
                run.unedit(repeat.edit)


def _drop_titles_repeating_their_heading(run: Run) -> None:
    """Remove a title line ("**Email Newsletters**") that says, word for word, the heading right above it."""
    above = None  # the heading or title just before, removed blocks skipped
    for block in run.blocks:
        if block.removed:
            continue
        if block.kind == "title" and above is not None and above.kind == "heading" and \
                normalize(block.content) == normalize(above.content):
            block.removed = True
            for sentence in block.sentences:
                sentence.removed = True
            run.edit("duplicate-sentence", block.line, "\n".join(block.raw), above.line)
            continue
        above = block


TITLE_AGAIN_MIN_WORDS = 4  # words the text's title needs for a later copy of it to be taken for its form pasted again


def _drop_restarted_headings(run: Run) -> None:
    """Remove a heading (or a title line or lone item standing as one) that says the heading just before it again, no
    other heading between them: a small model restarted the section, and what is left of the second telling continues
    the first. So does a later copy of the text's title (of four words or more): the form's header pasted again. A
    heading over a part of its own (what stays under it, nothing of it gone as a repeat) names a second part and stays:
    "### The first half of the year" over the planting claims, then again over the livestock claims."""
    last = title = None
    last_at = 0
    for index, block in enumerate(run.blocks):
        if block.removed or not (block.kind in ("heading", "title") or block.heading_like):
            continue
        key = normalize(block.content)
        if title is None:
            title = key if len(key.split()) >= TITLE_AGAIN_MIN_WORDS else ""
        elif key and (key == title or key == last and not _new_part(run, last_at, index)):
            block.removed = True
            for sentence in block.sentences:
                sentence.removed = True
            run.edit("duplicate-sentence", block.line, "\n".join(block.raw))
            continue
        last, last_at = key, index


# a part's number or letter opening its heading ("IV. Plans", "(3) Repairs", "2.", "Part B"): two parts of a text are
# never numbered alike, so a numbered heading said again restarts its part
NUMBERED = re.compile(r"^(?:\(?(?:\d{1,2}|[IVXivx]{1,5}|[A-Za-z])[.)、]\s|(?:part|section|chapter)\s+\w+\b)", re.I)
RESTART_SHARE = 0.5  # of the content words opening a heading's second copy that its first part says: a restart


def _new_part(run: Run, first: int, index: int) -> bool:
    """True when the Markdown heading at `index` is unnumbered and the part under it keeps text, lost none as a
    repeat, and opens with words that the heading and the part under its first copy at `first` mostly do not say: a
    second part of the same name, not a restart (a small model's restart opens by telling the first part's opening
    again)."""
    blocks = _part(run, index)
    if run.blocks[index].kind != "heading" or NUMBERED.match(run.blocks[index].content.strip(" *_")) or \
            not any(not s.removed for b in blocks for s in b.sentences) or \
            any(e.kind in REPEAT_KINDS for b in blocks for s in b.sentences for e in run.edits_of.get(id(s), [])):
        return False
    opening = {w for s in blocks[0].sentences for w in content_words(run.source.get(id(s), s.text), run.lists.synonyms)}
    said = {w for b in [run.blocks[first], *_part(run, first)] for s in b.sentences
            for w in content_words(run.source.get(id(s), s.text), run.lists.synonyms)}  # the heading's words too
    return len(opening & said) < RESTART_SHARE * len(opening)


def _part(run: Run, index: int) -> list[Block]:
    """The blocks under the heading at `index`, up to the next heading or title line."""
    blocks = []
    for block in run.blocks[index + 1:]:
        if block.kind in ("heading", "title") or block.heading_like:
            break
        if block.kind != "opaque":
            blocks.append(block)
    return blocks


def _drop_repeated_empty_headings(run: Run) -> None:
    """Remove a heading whose section was emptied and whose words an earlier heading already says."""
    seen: set[str] = set()
    for index, block in enumerate(run.blocks):
        if block.kind != "heading":
            continue
        key = normalize(block.content)
        level = len(block.prefix.strip())
        section = []
        for later_index in range(index + 1, len(run.blocks)):  # no copy of the rest at each heading
            later = run.blocks[later_index]
            if later.kind == "heading" and len(later.prefix.strip()) <= level:
                break
            section.append(later)
        if key in seen and section and all(b.removed for b in section) and not block.removed:
            block.removed = True
            run.edit("duplicate-sentence", block.line, "\n".join(block.raw))
        seen.add(key)


BOLD_HEADING_LEVEL = 7  # a bold line or a short line read as a heading sits under every Markdown heading level


def _drop_emptied_closing_headings(run: Run) -> None:
    """Remove a recap's heading or label ("## Conclusion", "**Key Takeaways:**", RECAP_HEADING) when cleanup removed
    everything under it: the recap it named went, and a heading over nothing names nothing."""
    for index, block in enumerate(run.blocks):
        if block.removed or not (block.kind in ("heading", "title") or block.heading_like) or \
                not RECAP_HEADING.match(block.content):
            continue
        level = len(block.prefix.strip()) if block.kind == "heading" else BOLD_HEADING_LEVEL
        section = []
        for later in run.blocks[index + 1:]:
            if later.kind == "heading" and len(later.prefix.strip()) <= level or later.kind == "title" or \
                    later.heading_like:
                break
            section.append(later)
        if section and all(b.removed for b in section):
            block.removed = True
            for sentence in block.sentences:
                sentence.removed = True
            run.edit("junk", block.line, "\n".join(block.raw))


def _renumber(run: Run) -> None:
    """Renumber each numbered list run past its removed items (1. 2. 4. after 3. went becomes 1. 2. 3.)."""
    runs: dict[tuple, tuple[int, int]] = {}
    for block in run.blocks:
        if block.kind == "heading":
            runs.clear()
            continue
        if block.kind != "item" or block.number is None:
            continue
        key = block.list_key
        prev = runs.get(key)
        shift = prev[1] if prev is not None and block.number == prev[0] + 1 else 0
        if block.removed:
            runs[key] = (block.number, shift + 1)
            continue
        if shift:
            block.renumber_to = block.number - shift
        runs[key] = (block.number, shift)

