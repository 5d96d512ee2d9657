"""How a bullet fact is written: its leading label ("Plan for 2027:"), the tense of its opening verb, and whether it
reads as a plan, a problem or a lesson (the phrases are data, in data/routing.toml). Roles route facts by it; the
offline writer words its sentences by it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

ROUTING_FILE = Path(__file__).parent / "data" / "routing.toml"

IRREGULAR_PAST = {
    "led", "won", "ran", "built", "made", "took", "gave", "kept", "met", "sold", "brought", "taught", "wrote",
    "set", "cut", "held", "began", "grew", "drove", "found", "paid", "got", "did", "saw", "became", "sent",
    "spent", "lost", "chose", "caught", "dealt", "fell", "rose", "shut", "spoke", "stood", "thought", "understood",
    "went", "left", "put", "read", "hit", "sought", "oversaw", "undertook", "rebuilt", "overcame", "drew", "bought",
}
NOT_VERBS = {"need", "speed", "feed", "seed", "bed", "red", "shed", "hundred", "indeed", "proceed", "embed"}
BASE_VERBS = {
    "launch", "cut", "train", "reduce", "open", "raise", "reach", "grow", "hire", "recruit", "build", "finish",
    "complete", "move", "introduce", "start", "improve", "increase", "lower", "close", "sign", "collect", "clear",
    "digitise", "digitize", "automate", "set", "keep", "hold", "run", "deliver", "achieve", "expand", "develop",
    "learn", "take", "get", "pass", "bring", "add", "create", "organise", "organize", "visit", "hit", "double",
    "halve", "attend", "study", "earn", "win", "retain", "renew", "replace", "migrate", "write", "publish", "make",
    "cover", "answer", "handle", "process", "support", "prepare", "check", "update", "review", "roll", "switch",
    "set", "lead", "host", "offer", "find", "fix", "agree", "extend", "shorten", "speed", "save", "bring", "join",
}
AMBIGUOUS_VERBS = {"cut", "set", "put", "hit", "read", "shut"}  # the same word in the present and the past
LABEL = re.compile(r"^([A-Za-z][A-Za-z0-9 '’/&-]{0,48}?)\s*:\s+(?=\S)")
MAX_LABEL_WORDS = 5
TIME_IN_LABEL = re.compile(r"\b(?:(?:for|in|by)\s+)?(?:next year|the (?:coming|next) year|(?:19|20)\d\d)\b",
                           re.IGNORECASE)
YEAR = re.compile(r"(?<![\d.,])(?:19|20)\d\d(?![\d.,]\d)")
LESSON_OPENING = re.compile(r"(?:(?:i|we)\s+)?(?:learn(?:ed|t)|realised|realized)\s+(?:to|that|how|from)\b",
                            re.IGNORECASE)
OTHER_LABELS = {"result", "results", "achievement", "achievements", "highlight", "highlights", "note", "work",
                "done", "task", "tasks", "duties", "daily work", "figures", "key result", "key results"}


@dataclass
class Label:
    """A fact's leading 'Label:' (lower case, its time phrase taken out), the time phrase ('for 2027', 'next year'),
    the kind it names ('plan', 'problems', 'lesson' or ''), and the fact's text after the colon."""

    name: str
    time: str
    kind: str
    rest: str


@lru_cache(maxsize=1)
def routing_rules() -> dict[str, dict[str, list[str]]]:
    """data/routing.toml: per section kind, the labels, opening words and cues that place a fact outright."""
    import tomllib

    with ROUTING_FILE.open("rb") as handle:
        return tomllib.load(handle)


def is_past_verb(word: str) -> bool:
    """True for a word that reads as a verb in the past tense ('signed', 'led')."""
    word = word.lower()
    return word in IRREGULAR_PAST or (word.endswith("ed") and len(word) > 4 and word not in NOT_VERBS)


def first_word(text: str) -> str:
    """The text's first word, lower case, without punctuation."""
    return re.sub(r"[^\w'-]", "", text.split(" ", 1)[0]).lower() if text.strip() else ""


def opens_in_past(text: str) -> bool:
    """True when the text opens with a verb that can only be the past tense: it reports what was done."""
    word = first_word(text)
    return is_past_verb(word) and word not in AMBIGUOUS_VERBS


def leading_label(text: str) -> Label | None:
    """The 'Label:' a fact opens with, when it is a short label (at most MAX_LABEL_WORDS words) and not text."""
    match = LABEL.match(text)
    if not match or len(match.group(1).split()) > MAX_LABEL_WORDS:
        return None
    raw = match.group(1)
    time = TIME_IN_LABEL.search(raw)
    name = " ".join(TIME_IN_LABEL.sub(" ", raw).lower().replace("’", "'").split())
    name = re.sub(r"^(?:my|our|the|main|key)\s+", "", name) if name not in OTHER_LABELS else name
    if not name and time and "year" in time.group(0).lower():
        name = "next year"
    rules = routing_rules()
    kind = ""
    if name in rules["plan"]["labels"] or (not name and time):
        kind = "plan"
    elif name.startswith("lesson"):
        kind = "lesson"
    elif name in rules["problems"]["labels"]:
        kind = "problems"
    elif name not in OTHER_LABELS:
        return None  # "Harbour Bank: 27 files cleared" is a fact about Harbour Bank, not a label
    return Label(name, time.group(0) if time else "", kind, text[match.end():])


@lru_cache(maxsize=256)
def _phrase_pattern(phrases: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern for whole-word phrases; 'stem*' matches any ending."""
    parts = [re.escape(p[:-1]) + r"\w*" if p.endswith("*") else re.escape(p) for p in phrases]
    return re.compile(r"(?<![\w'])(?:" + "|".join(parts) + r")(?![\w'])", re.IGNORECASE)


def _opens_with(text: str, phrases: list[str]) -> bool:
    return bool(phrases) and bool(_phrase_pattern(tuple(phrases)).match(text))


def _holds(text: str, phrases: list[str]) -> bool:
    return bool(phrases) and bool(_phrase_pattern(tuple(phrases)).search(text))


def names_a_later_year(text: str, year: str | None) -> bool:
    """True when the text names a year after the summary's year."""
    if not (year and year.isdigit()):
        return False
    return any(int(found) > int(year) for found in YEAR.findall(text))


def written_as(text: str, year: str | None = None) -> str | None:
    """'plan' or 'problems' when a fact is written as a plan or as a problem (a lesson is a problem's), else None."""
    text = " ".join(text.split())
    label = leading_label(text)
    if label is not None and label.kind:
        return "problems" if label.kind == "lesson" else label.kind
    rules = routing_rules()
    if _opens_with(text, rules["plan"]["starts"]):
        return "plan"
    if not opens_in_past(text):  # a fact opening in the past tense reports what was done, whatever it mentions
        if first_word(text) in BASE_VERBS and names_a_later_year(text, year):
            return "plan"
        if _holds(text, rules["plan"]["cues"]):
            return "plan"
    if LESSON_OPENING.match(text):
        return "problems"
    if opens_with_a_fix(text):
        return None  # "Cut missed deliveries from 40 to 12" is a result
    if _opens_with(text, rules["problems"]["starts"]) or _holds(text, rules["problems"]["cues"]):
        return "problems"
    return None


def opens_with_a_fix(text: str) -> bool:
    """True when a fact opens with a verb that fixes something ('Cut missed deliveries …'): a result, not a problem."""
    return _opens_with(" ".join(text.split()), routing_rules()["problems"]["fixes"])


def is_lesson(text: str) -> bool:
    """True for a fact that states a lesson: 'Lesson: …', 'Learned to …', 'We learned that …'."""
    label = leading_label(" ".join(text.split()))
    if label is not None:
        return label.kind == "lesson"
    return bool(LESSON_OPENING.match(text.strip()))
