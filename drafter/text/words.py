"""Words: the word pattern, stop words and the stem that lets 'trained' and 'training' compare equal."""

from __future__ import annotations

import re
from functools import lru_cache

WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")  # a word, with an inner apostrophe ("don't", "Li's")
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
