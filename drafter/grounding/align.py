"""Alignment: each draft sentence is matched to the fact or facts it restates, and each figure to what it counts.

A sentence aligns to a fact by the content words they share (weighted by how rare the word is among the facts),
with the claims themselves (figures, dates, names) left out, so that a true figure or name attached to the wrong
thing cannot pull the sentence to the fact it came from. A figure's binding is the few content words that say what
it counts ("1,312 property certificates", "contracts signed: 418").
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import lru_cache

from drafter.cleanup import STOP_WORDS, WORD, stem
from drafter.grounding.claims import MONTHS

VERB_STEM_MIN = 5  # stems longer than this lose a final "at" ("validat"; not "creat", "treat")
ALIGN_MIN_SCORE = 0.3  # the share of the smaller side's word weight two texts must share to align
MAX_POSTINGS = 200  # words found in more facts than this are skipped when aligning (linear time on huge inputs)
ALIGN_KEEP_RATIO = 0.6
MAX_ALIGNED = 6  # a sentence restates a handful of facts at most  # other facts align too when they score at least this share of the best
BINDING_WORDS_AFTER = 3  # content words after a figure that say what it counts
BINDING_WORDS_BEFORE = 3  # ... or before it, when nothing follows in its clause
BINDING_WORDS_CACHE = 65536  # clause windows whose clause and binding words are remembered (a repetitive text's
# windows come back)
CLAUSE_BREAK = re.compile(r"[,;:.()!?\n—–]|\s-\s|\b(?:and|while|but|whereas|against|compared|versus|vs)\b", re.I)
CLAUSE_BREAK_CHARS = tuple(",;:.()!?\n—–")  # CLAUSE_BREAK's one-character breaks
PHRASE_STOPS = frozenset("with in at for to from by on during across through per".split())
NOT_BINDING = STOP_WORDS | frozenset(
    "about around approximately roughly nearly almost over under some close just total totally overall only "
    "least most more less fewer than per cent percent percentage point points next last this coming previous "
    "year years month months week weeks quarter quarters annual annually".split())
NOT_ALIGNING = frozenset(
    "year years annual annually total overall work worked working achieve achieved successfully success also "
    "new successful complete completed complet achiev".split())
NUMBER_WORDS = frozenset(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen "
    "eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand million billion "
    "dozen first second third fourth fifth half quarter".split())


@lru_cache(maxsize=65536)
def _aligning_stem(word: str) -> str | None:
    """A word's stem when it can align a sentence to a fact, else None (stop words, figures, months)."""
    low = word.lower()
    if low in STOP_WORDS or low in NUMBER_WORDS or low in MONTHS or any(c.isdigit() for c in low):
        return None
    return _verb_stem(stem(low))


def _verb_stem(stemmed: str) -> str:
    """A stem with a verb's "-at" ending folded, so the verb and its "-ation" noun compare equal ("validated",
    "validation": valid; "migrate", "migration": migr); the shared stemmer strips "ation" but leaves "validat"."""
    return stemmed[:-2] if len(stemmed) > VERB_STEM_MIN and stemmed.endswith("at") else stemmed


def words_of(text: str) -> list[str]:
    """The stemmed content words of text that can align it: no stop words, figures, number words or months."""
    return [s for s in map(_aligning_stem, WORD.findall(text)) if s is not None]


def blank_spans(text: str, spans: list[tuple[int, int]]) -> str:
    """Text with the given spans replaced by spaces, offsets kept."""
    chars = list(text)
    for a, b in spans:
        for i in range(max(0, a), min(b, len(chars))):
            chars[i] = " "
    return "".join(chars)


def binding(text: str, start: int, end: int, wide: bool = False) -> frozenset[str]:
    """What the figure at text[start:end] counts: content words after it in its clause, else those before it.

    `wide` takes both sides: a fact's figure is read generously, so a faithful rewording still matches it.
    """
    end = _past_pair(text, end)
    start = _pair_start(text, start)
    after_text = _clause_start(text[end:end + 120])
    if YEAR_ON_YEAR.match(after_text):  # "…subscribers: 1,126, up 3.4% year on year": the growth of the subject
        before = _binding_words(_last_sentence_part(text[max(0, start - 120):start]), past_figures=True)
        return frozenset(before[:BINDING_WORDS_BEFORE])
    after = _binding_words(after_text, limit=BINDING_WORDS_AFTER)
    if after and not wide:
        return frozenset(after)
    before = _binding_words(_clause_before(text, start))[-BINDING_WORDS_BEFORE:]
    if before and set(before) <= KPI_LABEL_WORDS:  # "response time: baseline 5.5 days, target 3 days": the subject
        colon = text.rfind(":", max(0, start - KPI_SUBJECT_WINDOW), start)
        if colon >= 0:
            before += _binding_words(_clause_before(text, colon))[-BINDING_WORDS_BEFORE:]
    return frozenset(after) | frozenset(before)


KPI_SUBJECT_WINDOW = 80  # characters back to the colon after a KPI line's subject
KPI_LABEL_WORDS: frozenset[str] = frozenset()  # the folded KPI labels ("baseline", "target", "actual"), set below


@lru_cache(maxsize=BINDING_WORDS_CACHE)
def _clause_start(text: str) -> str:
    """text up to its first clause break (CLAUSE_BREAK.split(text, 1)[0], without the list)."""
    match = CLAUSE_BREAK.search(text)
    return text[:match.start()] if match else text


@lru_cache(maxsize=BINDING_WORDS_CACHE)
def _clause_end(text: str) -> str:
    """text after its last clause break (CLAUSE_BREAK.split(text)[-1], without the list), read from past its last
    one-character break (every one is a break of its own, so the reading there starts afresh)."""
    cut = max(map(text.rfind, CLAUSE_BREAK_CHARS)) + 1
    last = None
    for last in CLAUSE_BREAK.finditer(text, cut):
        pass
    return text[last.end():] if last else text[cut:]


YEAR_ON_YEAR = re.compile(r"\s*(?:year[- ]on[- ]year|yoy|y/y|over (?:the )?(?:last|previous) year|"
                          r"(?:compared )?(?:with|on|over) (?:last|the previous) year)\b", re.I)


def _last_sentence_part(text: str) -> str:
    """The text after the last sentence or line break in a window before a figure."""
    return re.split(r"[.!?;\n](?:\s|$)", text)[-1]


def binding_head(text: str, start: int, end: int) -> str | None:
    """The one word a figure counts: the first content word after it in its clause, else the last before it
    ("16 agents handled …": agent)."""
    after = _binding_words(_clause_start(text[_past_pair(text, end):end + 120]), limit=1)
    if after:
        return after[0]
    start = _pair_start(text, start)
    before = _binding_words(_clause_before(text, start))
    return before[-1] if before else None


_SIGN = r"(?:[$€£¥+]|[A-Z]{3}[^\S\n])?"  # what may stand between a mark and its figure: a currency, a plus sign
_HEDGE = r"(?:(?:around|about|nearly|almost|roughly|approximately|some|just over|just under|close to)[^\S\n]+)?"
BEFORE_MARK = re.compile(rf"\b(?:from|down from|up from|compared with|compared to|rather than|instead of)[^\S\n]*{_SIGN}$",
                         re.I)  # "from 9", "up from €1.2m", "from +12", "rather than 6": the figure a change starts at
INSTEAD_AFTER = re.compile(rf"[^\S\n]*(?:[a-z]+[^\S\n]+)?(?:rather than|instead of)[^\S\n]*{_SIGN}\d", re.I)
# "2 days rather than 6": the figure before "rather than" is where the change ended
AFTER_MARK = re.compile(r"(?:\b(?:down|fell|dropped|rose|grew|climbed|increased|decreased|reduced|cut|declined|"
                        r"improved|lowered|raised|brought \w+(?: \w+)?(?: down| up)?)(?:[^\S\n]+(?!to\b)[a-z]+){0,4}?"
                        rf"[^\S\n]+to|->|→)[^\S\n]*{_HEDGE}{_SIGN}$", re.I)
# "fell to 9", "down to €5,750", "rose steadily over the year to around 72%": where it ends
PAIR_BEFORE = re.compile(rf"\d[\d,.]*%?[^\S\n]*(?:[a-zA-Z]+[^\S\n]+)?(?:to|-|–|→|->)[^\S\n]*{_SIGN}$")
# the later end of a change told first: "6.8%, down from 12.5%", "96% (was 89%)", "305 (2025: 262)"
REVERSED_PAIR_BEFORE = re.compile(rf"\d[\d,.]*%?[^\S\n]*(?:,[^\S\n]*|\([^\S\n]*)(?:(?:down|up)[^\S\n]+from|was|were|"
                                  rf"(?:19|20)\d\d:)[^\S\n]*{_SIGN}$", re.I)
ROLE_WINDOW = 40  # characters before a figure read for the words that make it a before or an after figure
PAIR_MARKS = ("to", "-", "–", "→")  # PAIR_BEFORE needs one of these
REVERSED_PAIR_MARKS = (",", "(")  # REVERSED_PAIR_BEFORE needs one of these
ROLE_MARKS = ("from", "compared", "to", "-", "–", "→", "than", "instead")  # BEFORE_MARK or AFTER_MARK one of these


def _clause_before(text: str, start: int) -> str:
    """The clause before a figure; for a figure right after a colon, the label before it ("Audit score: 92%")."""
    before = text[max(0, start - 120):start]
    if before.rstrip().endswith(":"):
        before = before.rstrip()[:-1]
    return _clause_end(before)


def _pair_start(text: str, start: int) -> int:
    """Where the words before a figure end: before the first figure of "88% -> 95%", which counts the same thing
    as the second."""
    window = max(0, start - ROLE_WINDOW)
    if _holds_any(text[window:start], REVERSED_PAIR_MARKS):
        match = REVERSED_PAIR_BEFORE.search(text, window, start)
        if match and match.end() == start:
            return match.start()
    if not _holds_any(text[window:start], PAIR_MARKS):
        return start  # no "to", dash or arrow before it: no pair
    match = PAIR_BEFORE.search(text, window, start)
    return match.start() if match and match.end() == start else start


def _holds_any(text: str, marks: tuple[str, ...]) -> bool:
    """True when text holds one of the strings (a pattern that needs one of them cannot match text without)."""
    return any(mark in text for mark in marks)


_DESCRIPTOR = r"(?:(?!(?:with|for|and|or|by|from|at|in|into|on|onto|of|to|via|through|over|across|as|than|the|a|an|our|new)\b)(?-i:[a-z][a-z-]*),?\s+)"  # "supplier", "supplier," (lower case: no name)
OLD_NAME_MARK = re.compile(r"\b(?:from|away from|replacing|replaced|instead of|previously|formerly|old|incumbent|"
                           rf"outgoing|former|previous)\s+(?:(?:the|a|an|our)\s+)?{_DESCRIPTOR}{{0,2}}[\"“]?$",
                           re.I)  # "moved from Dachser", "replacing CleanCo", "replaced the quoting tool "TarifaWeb""
NEW_NAME_MARK = re.compile(r"\b(?:to|into|onto|by|with the new|new|now with|switched to|moved to|changed to)\s+"
                           r"(?:the\s+)?(?:new\s+)?$"  # "to DB Schenker", "moved to Dachser"
                           r"|\b(?:moved|switched|changed|migrated|transferred|went|awarded|shifted|handed)\s+"
                           rf"(?:(?:over|it|them)\s+)?(?:to|into|onto)\s+(?:(?:the|a|an|our)\s+)?(?:new\s+)?"
                           rf"{_DESCRIPTOR}{{0,2}},?\s*[\"“]?$", re.I)  # "changed to a new linen supplier, CleanCo"
NAME_ROLE_WINDOW = 40  # characters before a name read for "from" or "to"


NEW_NAME_AFTER = re.compile(r"\s*(?:took over|has taken over|replaced|came in|stepped in|took on)\b", re.I)
OLD_NAME_AFTER = re.compile(r"\s*(?:was replaced|was dropped|was phased out|was retired)\b", re.I)


def name_role(text: str, start: int, end: int | None = None) -> str | None:
    """Whether a name is what a change left ("old": "from Dachser") or took up ("new": "to DB Schenker",
    "Zollagentur Petersen took over"), or None."""
    before = text[max(0, start - NAME_ROLE_WINDOW):start]
    if OLD_NAME_MARK.search(before) or (end is not None and OLD_NAME_AFTER.match(text, end)):
        return "old"
    if NEW_NAME_MARK.search(before) or (end is not None and NEW_NAME_AFTER.match(text, end)):
        return "new"
    return None


def pair_role(text: str, start: int, end: int) -> str | None:
    """Whether a figure is the start ("before") or the end ("after") of a stated change, or None: "from 14 to 9"
    and "14 -> 9" make 14 before and 9 after; "fell to 9" makes 9 after."""
    before = text[max(0, start - ROLE_WINDOW):start]
    marked = _holds_any(before.lower(), ROLE_MARKS)  # what the three patterns before a figure need
    if marked and BEFORE_MARK.search(before) or PAIR_AFTER.match(text, end):
        return "before"
    if INSTEAD_AFTER.match(text, end):
        return "after"
    if marked and (AFTER_MARK.search(before) or PAIR_BEFORE.search(before)):
        return "after"
    return None


PAIR_AFTER = re.compile(rf"[^\S\n]*(?:to|-|–|→|->)[^\S\n]*{_SIGN}[\d][\d,.]*%?")


def _past_pair(text: str, end: int) -> int:
    """Where the words after a figure start: past the second figure of "from 33 to 19 cases", which count the
    same thing as it."""
    match = PAIR_AFTER.match(text, end)
    return match.end() if match else end


def binding_phrase(text: str, start: int, end: int) -> str:
    """The words that say what a figure counts, as written, for a reason a person reads."""
    after = _clause_start(text[_past_pair(text, end):end + 120])
    if YEAR_ON_YEAR.match(after):
        subject = [w for w in WORD.findall(_last_sentence_part(text[max(0, start - 120):start]))
                   if not any(c.isdigit() for c in w)][:BINDING_WORDS_BEFORE]
        return "year-on-year change" + (" in " + " ".join(subject) if subject else "")
    words = WORD.findall(after)
    kept: list[str] = []
    for word in words:
        if any(c.isdigit() for c in word) or (word.lower() in PHRASE_STOPS and
                                               any(w.lower() not in NOT_BINDING for w in kept)):
            break
        kept.append(word)
        if len([w for w in kept if w.lower() not in NOT_BINDING]) >= BINDING_WORDS_AFTER:
            break
    if any(w.lower() not in NOT_BINDING for w in kept):
        return " ".join(kept).strip()
    before = _clause_end(text[max(0, start - 120):start])
    return " ".join(WORD.findall(before)[-BINDING_WORDS_BEFORE:])


@lru_cache(maxsize=BINDING_WORDS_CACHE)
def _binding_words(text: str, past_figures: bool = False, limit: int | None = None) -> tuple[str, ...]:
    """The folded content words of text that can say what a figure counts, up to the next figure (`past_figures`:
    all of them; the subject of a year-on-year change is counted by its own figure: "1,486 files processed, +12%
    YoY"); only the first `limit` of them when given. Remembered: the windows of a repetitive text come back."""
    out: list[str] = []
    for word in WORD.findall(text):
        folded = _binding_word(word)
        if folded == FIGURE_WORD:
            if past_figures:
                continue
            break  # another figure: its words are its own
        if folded is not None:
            out.append(folded)
            if len(out) == limit:
                break
    return tuple(out)


FIGURE_WORD = "#"  # _binding_word's answer for a word holding a digit (no word is "#")


@lru_cache(maxsize=65536)
def _binding_word(word: str) -> str | None:
    """One word as _binding_words reads it: FIGURE_WORD for a figure, None for a word that binds nothing, else
    its fold (remembered: the same words come back in every fact and sentence)."""
    low = word.lower()
    if any(c.isdigit() for c in low):
        return FIGURE_WORD
    if low in NOT_BINDING or low in NUMBER_WORDS or low in MONTHS:
        return None
    return _fold(low)


def _fold(word: str) -> str:
    """A word's stem with short plurals folded too ("beds" and "bed" compare equal)."""
    return _folded(word)


@lru_cache(maxsize=65536)
def _folded(word: str) -> str:
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    return _verb_stem(stem(word))


@dataclass
class WordIndex:
    """Word weights over the facts: a word found in many facts tells little about which one a sentence restates."""

    fact_words: list[frozenset[str]]
    weight: dict[str, float] = field(default_factory=dict)
    postings: dict[str, list[int]] = field(default_factory=dict)

    @classmethod
    def build(cls, fact_texts: list[str]) -> "WordIndex":
        """Index each fact's aligning words and weigh every word by its inverse fact frequency."""
        fact_words = [frozenset(w for w in words_of(text) if w not in NOT_ALIGNING) for text in fact_texts]
        frequency: dict[str, int] = {}
        for words in fact_words:
            for word in words:
                frequency[word] = frequency.get(word, 0) + 1
        total = len(fact_words)
        weight = {word: math.log(1.0 + (total + 1) / (count + 0.5)) for word, count in frequency.items()}
        postings: dict[str, list[int]] = {}
        for index, words in enumerate(fact_words):
            for word in words:
                postings.setdefault(word, []).append(index)
        return cls(fact_words, weight, postings)

    def _mass(self, words: frozenset[str]) -> float:
        return math.fsum(self.weight.get(w, 1.0) for w in words)  # exact: the same whatever the set order

    def fact_mass(self, index: int) -> float:
        """The total word weight of one fact (cached)."""
        cache = self.__dict__.setdefault("_fact_mass", {})
        if index not in cache:
            cache[index] = self._mass(self.fact_words[index])
        return cache[index]

    def scores(self, text: str) -> list[tuple[int, float]]:
        """(fact index, score) for every fact sharing a word with text, best first."""
        words = frozenset(w for w in words_of(text) if w not in NOT_ALIGNING)
        if not words:
            return []
        own = self._mass(words)
        shared_mass: dict[int, float] = {}
        for word in sorted(words):  # through the postings (in a fixed order: sums and ties never hang on hashing)
            postings = self.postings.get(word, ())
            if len(postings) > MAX_POSTINGS:
                continue  # a word in that many facts says nothing about which one a sentence restates
            for index in postings:
                shared_mass[index] = shared_mass.get(index, 0.0) + self.weight.get(word, 1.0)
        out = []
        for index, mass in shared_mass.items():
            out.append((index, mass / max(min(own, self.fact_mass(index)), 1e-9)))
        out.sort(key=lambda item: (-item[1], item[0]))  # best first; a tie goes to the earlier fact
        return out

    def coverage(self, words: frozenset[str], fact: int) -> float:
        """The share of a fact's word weight that a sentence's words restate."""
        total = self.fact_mass(fact)
        return self._mass(words & self.fact_words[fact]) / total if total else 0.0

    def align(self, text: str) -> list[int]:
        """The facts a sentence restates: the best-scoring one and any close to it, none when nothing is close."""
        scored = self.scores(text)
        if not scored or scored[0][1] < ALIGN_MIN_SCORE:
            return []
        best = scored[0][1]
        keep = [index for index, score in scored if score >= max(ALIGN_MIN_SCORE, best * ALIGN_KEEP_RATIO)]
        return keep[:MAX_ALIGNED]


ACRONYM = re.compile(r"\b[A-Z]{2,6}s?\b")  # "GWP", "NPS", "KPIs"
ACRONYM_JOINERS = frozenset({"of", "and", "the", "for", "to", "on", "in"})  # "return on investment": ROI


def acronyms(fact_texts: list[str]) -> dict[str, str]:
    """The acronyms the facts use, by their letters in lower case ("gwp" -> "GWP"), to find them spelled out."""
    found: dict[str, str] = {}
    for text in fact_texts:
        for match in ACRONYM.finditer(text):
            letters = match.group(0).rstrip("s") if match.group(0)[-1] == "s" else match.group(0)
            if len(letters) >= 2:
                found.setdefault(letters.lower(), letters)
    return found


def spelled_out(text: str, known: dict[str, str]) -> list[tuple[str, frozenset[str]]]:
    """The known acronyms a text writes out in full ("gross written premium" for GWP, "net promoter score" for
    NPS), each with the stems of the words spelling it: runs of words whose first letters spell one, joining words
    such as "of" skipped."""
    if not known:
        return []
    words = [w for w in WORD.findall(text) if w.lower() not in ACRONYM_JOINERS]
    lengths = sorted({len(k) for k in known})
    out = []
    for i in range(len(words)):
        for size in lengths:
            run = words[i:i + size]
            if len(run) < size or any(len(w) < 2 or w.isupper() for w in run):
                continue
            letters = "".join(w[0] for w in run).lower()
            if letters in known:
                out.append((known[letters], frozenset(_fold(w.lower()) for w in run)))
    return out


KPI_LABEL_WORDS = frozenset(filter(None, map(_binding_word, ("baseline", "target", "actual", "outturn", "forecast",
                                                             "budget", "plan", "achieved"))))
