"""The furniture pass: a short line that is a page's or a chat window's furniture, not the author's text ("Read
Also: …", "ADVERTISEMENT", "Share this: Facebook | Twitter", "Copy  Edit  Regenerate", "continue"), goes when the
learned furniture model (drafter.stock_model, trained on the corpora's lines) is sure of it.

The phrase lists of the junk pass name the furniture met so far; this model reads a line's words together with its
shape (separators, capitals, a site's address, where it stands in the page), so furniture no list has met goes too.
The guard still checks what it removes: a line that states a figure or date nothing else states stays, and so does
one that names something nothing else names, unless its names are the page's (names_are_the_pages).
"""

from __future__ import annotations

import re
from typing import Iterator

from drafter.cleanup.document import Block, Sentence, chosen_rating
from drafter.cleanup.run import Run
from drafter.stock_model import load_model
from drafter.text.words import WORD

MODEL_FILE = "furniture_model.json"
LINE_MAX_WORDS = 16  # longer sentences are prose, the other passes' to judge
EDGE_BLOCKS = 3  # blocks from the top or the bottom of the text: where a page's masthead and footer stand

ENDED = re.compile(r"[.!?。！？]['\"”’)\]*_]*\s*$")  # a sentence's end mark, after any closing quote or emphasis

# a line's shape, as flags the model weighs beside its words
SHAPES = (
    ("pipes", re.compile(r"\s[|·•¦]\s|\s{3,}\S")),  # "About | Contact", "Copy   Edit   Regenerate"
    ("arrows", re.compile(r"(?:[»›‹«→]|\s>|>>)\s*\w")),  # a breadcrumb: "Home » Reports" (not a tag's "<think>")
    ("address", re.compile(r"\bwww\.|https?://|\b\w+\.(?:com|net|org|co|vn|id|cn|ru|in|uk|za|ph|my)\b", re.I)),
    ("copyright", re.compile(r"©|\(c\)\s*\d|\bcopyright\b|\ball rights reserved\b", re.I)),
    ("stars", re.compile(r"[★☆⭐]")),
    ("brackets", re.compile(r"\[[^\]\n]{0,40}\]")),
    ("colon", re.compile(r"[:：]")),
    ("question", re.compile(r"\?\s*\**\s*$")),
    ("end", ENDED),
    ("lower", re.compile(r"^[\W_]*[a-z]")),
    ("figure", re.compile(r"\d")),
)


FURNITURE_SHAPES = frozenset({"pipes", "arrows", "address", "copyright", "stars"})  # shapes only furniture takes
SHORT_LINE_WORDS = 3  # a line this short is a button or a label ("Copy code", "Share")
LEADS_IN = re.compile(r"[:：][*_\s]*$")  # a label over what follows ("What I changed:"): the author's, or the
# furniture under it goes and the label with it (the structure pass)


def furniture_shaped(text: str) -> bool:
    """True when a line has a shape only a page's or a window's furniture takes: a breadcrumb, a site's address,
    a row of links."""
    return any(pattern.search(text) for name, pattern in SHAPES if name in FURNITURE_SHAPES)


def names_are_the_pages(text: str) -> bool:
    """True when a furniture line's capitalised words are the page's, not names of the author's: it has furniture's
    shape or is a button's few words ("Copy code", "Share")."""
    return len(WORD.findall(text)) <= SHORT_LINE_WORDS or furniture_shaped(text)


def line_flags(blocks: list[Block], index: int, sentence: Sentence, seen: dict[str, int]) -> tuple[str, ...]:
    """The flags of one sentence of blocks[index]: its shape, its size, where its block stands, and whether the
    same line stands elsewhere in the text (a page's running header)."""
    text = sentence.text.strip()
    block = blocks[index]
    flags = [name for name, pattern in SHAPES if pattern.search(text)]
    words = WORD.findall(text)
    letters = [c for c in text if c.isalpha()]
    if letters and sum(c.isupper() for c in letters) >= 0.8 * len(letters) and len(letters) > 1:
        flags.append("capitals")
    flags.append("words" + ("1" if len(words) <= 1 else "3" if len(words) <= 3 else "8" if len(words) <= 8 else "16"))
    if len(blocks) > 2 * EDGE_BLOCKS:  # (in a text of a few blocks every line is at an edge)
        if index < EDGE_BLOCKS:
            flags.append("top")
        if index >= len(blocks) - EDGE_BLOCKS:
            flags.append("bottom")
    flags.append("kind-" + ("heading" if block.heading_like else block.kind))
    if len(block.sentences) == 1:
        flags.append("alone")
    if seen.get(text.lower(), 0) > 1:
        flags.append("again")
    return tuple(flags)


def line_candidates(blocks: list[Block]) -> Iterator[tuple[Block, Sentence, tuple[str, ...]]]:
    """(block, sentence, flags) for every short line the model judges, in text order (removed ones too): one
    with furniture's shape, or a line without an end mark outside a list, outside a Markdown heading (a sentence of
    prose is the stock model's to judge, a list item without a mark may be the author's plan, a heading names its
    part)."""
    seen: dict[str, int] = {}
    for block in blocks:
        if block.kind != "opaque":
            for sentence in block.sentences:
                key = sentence.text.strip().lower()
                seen[key] = seen.get(key, 0) + 1
    for index, block in enumerate(blocks):
        if block.kind in ("opaque", "heading"):
            continue
        for sentence in block.sentences:
            text = sentence.text.strip()
            if text and len(WORD.findall(text)) <= LINE_MAX_WORDS and \
                    (furniture_shaped(text) or not ENDED.search(text) and block.kind != "item"):
                yield block, sentence, line_flags(blocks, index, sentence, seen)


def remove_furniture(run: Run) -> None:
    """Remove the short lines the learned furniture model is sure are a page's or a chat window's furniture
    (placeholders are left to the placeholder report, a label over what follows to the other passes)."""
    if run.settings.furniture_threshold >= 1.0:
        return
    model = run.settings.furniture_model or load_model(MODEL_FILE)
    if model is None:
        return
    for block, sentence, flags in list(line_candidates(run.blocks)):
        if block.removed or sentence.removed or sentence.placeholder or LEADS_IN.search(sentence.text) or \
                id(sentence) in run.edits_of or chosen_rating(sentence.text):  # (cut from already: the guard would
            # judge the two removals as one; a form's answer, "Employee rating: [ 3 – Meets Expectations ▾ ]", is
            # the author's however often alike)
            continue
        if model.score(sentence.text, False, block.kind == "item", flags) >= run.settings.furniture_threshold:
            sentence.removed = True
            run.edit("furniture", sentence.line, sentence.text, of=sentence)
