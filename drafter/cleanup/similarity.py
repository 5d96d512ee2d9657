"""Words as the similarity tests see them (stemmed content words, synonyms folded), IDF weights, and the inverted
index of rarest words through which near-duplicates and restated sentences are found in linear time."""

from __future__ import annotations

import math
import re
from functools import lru_cache

from drafter.text.words import STOP_WORDS, WORD, stem_cached

class SynonymTable(dict):
    """Each stem of a synonym group to the group's first stem: read-only once loaded, and hashed by identity, so
    content_words can remember its answers per table."""

    __hash__ = object.__hash__


CONTENT_WORDS_CACHE_SIZE = 65536  # texts whose content words are kept: most passes ask for every sentence's


def content_words(text: str, synonyms: dict[str, str] | None = None) -> tuple[str, ...]:
    """The stemmed content words of text, in order, without stop words, synonyms folded to one word."""
    if synonyms is None or isinstance(synonyms, SynonymTable):
        return _remembered_content_words(text, synonyms)
    return _content_words(text, synonyms)


@lru_cache(maxsize=CONTENT_WORDS_CACHE_SIZE)
def _remembered_content_words(text: str, synonyms: SynonymTable | None) -> tuple[str, ...]:
    """content_words, remembered for a loaded table (or none)."""
    return _content_words(text, synonyms)


def _content_words(text: str, synonyms: dict[str, str] | None) -> tuple[str, ...]:
    """content_words, worked out."""
    out = []
    for word in WORD.findall(text):
        low = word.lower()
        if low in STOP_WORDS:
            continue
        stemmed = stem_cached(low)
        out.append(synonyms.get(stemmed, stemmed) if synonyms else stemmed)
    return tuple(out)


ITEM_LABEL = re.compile(r"^[\W_]*([^:：\n]{1,40}?)[*_ ]*[:：]\s")  # a line's own label: "Polyamide: 14 new accounts"


def labelled_otherwise(text: str, other: str, synonyms: dict[str, str] | None = None) -> bool:
    """True when both texts open with a label of their own and the labels name different things ("Polyamide: 14 new
    moulder accounts opened." / "Polycarbonate: 14 new moulder accounts opened."): two entries, not one twice."""
    mine, theirs = ITEM_LABEL.match(text), ITEM_LABEL.match(other)
    if mine is None or theirs is None:
        return False
    a, b = set(content_words(mine.group(1), synonyms)), set(content_words(theirs.group(1), synonyms))
    return bool(a) and bool(b) and not a <= b and not b <= a


def normalize(text: str) -> str:
    """A sentence's identity for exact-duplicate checks: lowercased words only."""
    return " ".join(WORD.findall(text.lower()))


IDF_PRIOR = 50  # sentences added to the count, so a word in every sentence of a short text still weighs something


def document_frequencies(words: list) -> tuple[dict[str, int], dict[str, float]]:
    """How many sentences hold each word, and its smoothed inverse document frequency weight."""
    df: dict[str, int] = {}
    for ws in words:
        for w in set(ws):
            df[w] = df.get(w, 0) + 1
    total = len(words) + IDF_PRIOR
    return df, {w: math.log(total / n) for w, n in df.items()}


def index_word(postings: dict[str, list[int]], word: str, slot_id: int) -> None:
    """Add a sentence's slot to a word's postings, once (slots are added in increasing order)."""
    entries = postings.setdefault(word, [])
    if not entries or entries[-1] != slot_id:
        entries.append(slot_id)


def candidates(wset: dict[str, float], postings: dict[str, list[int]], keys: int, limit: int) -> list[int]:
    """Earlier slots sharing most of the sentence's `keys` rarest indexed words, best first, at most `limit`."""
    words = sorted((w for w in wset if w in postings), key=lambda w: (-wset[w], w))[:keys]
    hits: dict[int, int] = {}
    for w in words:
        for slot_id in postings[w]:
            hits[slot_id] = hits.get(slot_id, 0) + 1
    return sorted(hits, key=lambda k: (-hits[k], k))[:limit]


def meaning_similarity(text: str, other: str) -> float:
    """The cosine of the two texts' mean word-piece vectors over their content words (drafter.stock_model's
    WordVectors): near 1 for two tellings of one thing in other words ("Label every shelf by supplier" / "Put a
    supplier label on each of the shelves"); 0.0 when the package carries no vectors."""
    a, b = _meaning(text), _meaning(other)
    return sum(x * y for x, y in zip(a, b)) if a and b else 0.0


@lru_cache(maxsize=4096)
def _meaning(text: str) -> tuple[float, ...]:
    """The unit mean vector of text's content words (stop words left out), () without vectors."""
    from drafter.stock_model import load_vectors  # lazily: the vectors are read on first use

    vectors = load_vectors()
    if vectors is None:
        return ()
    words = [w.lower() for w in WORD.findall(text) if w.lower() not in STOP_WORDS]
    return tuple(vectors.sentence(" ".join(words)))
