"""Number words: their values ("two thousand four hundred and six" = 2406) and the words that make them."""

from __future__ import annotations

import re

UNIT_WORDS = {w: n for n, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen".split())}
TENS_WORDS = {w: 10 * n for n, w in enumerate("_ _ twenty thirty forty fifty sixty seventy eighty ninety".split())
              if w != "_"}
SCALE_WORDS = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
ORDINAL_WORDS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
                 "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12}
NUMBER_WORDS = frozenset(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen "
    "eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand million billion "
    "trillion half dozen double twice triple first second third fourth fifth sixth seventh eighth ninth tenth "
    "percent quarter".split())  # words that may state a figure


def word_value(words: str) -> float | None:
    """The value of a number written in words ("two", "twenty-five", "three hundred and ten"), or None."""
    total, current = 0, 0
    for token in re.split(r"[\s-]+", words.lower()):
        if token in ("and", ""):
            continue
        if token in UNIT_WORDS:
            current += UNIT_WORDS[token]
        elif token == "a":
            current += 1
        elif token in TENS_WORDS:
            current += TENS_WORDS[token]
        elif token == "hundred":
            current = (current or 1) * 100
        elif token == "thousand":
            total += (current or 1) * 1000
            current = 0
        elif token in ("million", "billion"):
            total = (total + (current or 1)) * SCALE_WORDS[token]
            current = 0
        else:
            return None
    return float(total + current)
