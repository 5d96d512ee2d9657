"""Turning a terse bullet fact into a proper first-person sentence, for the offline backend."""

from __future__ import annotations

import re

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
}
PRONOUN_STARTS = {"i", "we", "my", "our", "the", "a", "an", "this", "that", "these", "those", "each", "every", "all",
                  "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "both", "most", "some"}
LABEL = re.compile(r"^(?:problem|issue|lesson|lessons learned|plan|goal|target|note|result|achievement)\s*:\s*", re.IGNORECASE)
FINITE_HINTS = re.compile(
    r"\b(?:is|are|was|were|has|have|had|will|can|could|should|did|does|do|remained|reached|rose|fell|grew|\w{3,}ed)\b",
    re.IGNORECASE)
NOUN_LEADS = {
    "achievements": "Results for the year include ",
    "work": "The work covered ",
    "problems": "One problem was ",
    "plan": "A goal for next year is ",
    "overview": "The year's work included ",
}


def _lower_first(word_text: str) -> str:
    first = word_text.split(" ", 1)[0]
    if len(first) > 1 and (first[1:2].isupper() or any(ch.isdigit() for ch in first)):
        return word_text
    return word_text[:1].lower() + word_text[1:]


def _is_past_verb(word: str) -> bool:
    word = word.lower()
    return word in IRREGULAR_PAST or (word.endswith("ed") and len(word) > 4 and word not in NOT_VERBS)


def realise_fact(text: str, kind: str = "work", connector: str = "") -> str:
    """Make one bullet fact a full sentence in the first person, keeping every word and figure of it."""
    body = LABEL.sub("", " ".join(text.split()).rstrip(" ;,"))
    if not body:
        return ""
    end = body[-1] if body[-1] in ".!?" else "."
    body = body.rstrip(".!?")
    words = body.split(" ")
    first = re.sub(r"\W", "", words[0]).lower()
    if first in ("i", "we") or words[0][:1].isdigit() is False and first in PRONOUN_STARTS and FINITE_HINTS.search(body):
        sentence = body
    elif kind == "plan" and first in BASE_VERBS:
        sentence = "I plan to " + _lower_first(body)
    elif _is_past_verb(first):
        sentence = "I " + _lower_first(body)
    elif first in BASE_VERBS and kind != "plan":
        sentence = "I " + ("will " if re.search(r"\bnext year\b|\bby (?:the end of )?\w+ 20\d\d\b", body) else "worked to ") + _lower_first(body)
    elif FINITE_HINTS.search(" ".join(words[1:])) or ":" in body:
        bare_noun = words[0].islower() or (words[0][1:].islower() and not words[0].endswith("s"))
        sentence = ("The " + _lower_first(body)) if bare_noun and first not in PRONOUN_STARTS and ":" not in body else body
    else:
        sentence = NOUN_LEADS.get(kind, NOUN_LEADS["work"]) + _lower_first(body)
    if connector:
        sentence = connector + (sentence if sentence.startswith("I ") else _lower_first(sentence))
    return sentence[:1].upper() + sentence[1:] + end
