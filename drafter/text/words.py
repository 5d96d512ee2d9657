"""Words: the word pattern, stop words and the stem that lets 'trained' and 'training' compare equal."""

from __future__ import annotations

import re
from functools import lru_cache

# the combining marks of the scripts that write vowels and nasals as marks on a letter (Devanagari, Tamil, Bengali and
# the other Indic scripts, Thai, Arabic and Hebrew points, Latin accents typed apart): a word's part, not its end
COMBINING_MARKS = ("\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed"
                   "\u0900-\u0903\u093a-\u094f\u0951-\u0957\u0962-\u0963\u0981-\u0983\u09bc-\u09d7\u09e2-\u09e3"
                   "\u0a01-\u0a03\u0a3c-\u0a51\u0a70-\u0a71\u0a75\u0a81-\u0a83\u0abc-\u0acd\u0ae2-\u0ae3\u0b01-\u0b03"
                   "\u0b3c-\u0b57\u0b62-\u0b63\u0b82\u0bbe-\u0bcd\u0bd7\u0c00-\u0c04\u0c3c-\u0c56\u0c62-\u0c63"
                   "\u0c81-\u0c83\u0cbc-\u0cd6\u0ce2-\u0ce3\u0d00-\u0d03\u0d3b-\u0d57\u0d62-\u0d63\u0d81-\u0d83"
                   "\u0dca-\u0df3\u0e31\u0e34-\u0e3a\u0e47-\u0e4e\u0eb1\u0eb4-\u0ebc\u0ec8-\u0ecd\u1ab0-\u1aff"
                   "\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f")
_WORD_PART = rf"[^\W_]++(?:[{COMBINING_MARKS}]++[^\W_]*+)*+"  # letters, and the marks on them ("नर्सिंग", not "नर" "स" "ग")
WORD = re.compile(rf"{_WORD_PART}(?:['’]{_WORD_PART})*+")  # a word, with an inner apostrophe ("don't", "Li's")
# the letters of the scripts written without spaces between words (Thai, Japanese kana, Chinese; Korean syllables too,
# whose counters stick to a figure: "43건"): a figure beside one stands on its own ("编码8507600090", "43票")
UNSPACED_LETTERS = "\u0e00-\u0e7f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff"
SPACED_LETTER = rf"[^\W{UNSPACED_LETTERS}]"  # a word character of a script that spaces its words (a pattern's part)
STOP_WORDS = frozenset(
    "a an the and or but nor so yet for of in on at to by from with without within into onto over under as is are "
    "was were be been being am do does did done have has had having it its it's this that these those there here "
    "their theirs them they we our ours us you your yours he she his her him i me my mine myself ourselves "
    "themselves itself which who whom whose what when where why how all any both each every few more most other "
    "some such no not only own same than too very can could will would shall should may might must also just then "
    "once again further about above below between through during before after up down out off while if because "
    "until against among per via well even still much many lot lots".split())
# the commonest function words of the other languages summaries come with a copy in (Spanish, Portuguese, French,
# Italian, German, Dutch, Polish, Romanian, Indonesian and Malay), few of them English words too ("do", "die"): a
# paragraph full of them is written in another language
FOREIGN_FUNCTION_WORDS = frozenset(
    "el los las del y en que con por para una uno al se lo su sus es fue como pero más muy este esta "
    "em com da do das dos os não na nos uma ao à pela pelo foi são mais também "
    "le les et des du est pour avec je nous dans sur ce cette une qui pas été "
    "il della dei delle che di nel sono anche questo "
    "der die das und ist mit von zu den im auf für ich wir nicht ein eine einer dem des auch wurde bei "
    "het een en van ik met voor op zijn ook niet naar bij "
    "się nie oraz jest od że jak roku który która przez dla po ze "
    "și în cu pentru din care sau fost este "
    "yang dan di ke dari untuk dengan saya ini itu pada dalam tidak juga ada telah kami adalah sebagai oleh "
    "ialah akan bagi daripada".split())
STEM_SUFFIXES = ("ations", "ation", "ments", "ment", "ingly", "ings", "ing", "edly", "ies", "ied", "ly", "ed",
                 "es", "s", "e")


def stem(word: str) -> str:
    """A crude suffix-stripping stem so 'ensures' and 'ensure' or 'trained' and 'training' compare equal."""
    word = word.lower().replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    for suffix in STEM_SUFFIXES:
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


@lru_cache(maxsize=65536)
def stem_cached(word: str) -> str:
    """stem() for a lowercased word, remembered: the passes stem the same words many times."""
    return stem(word)
