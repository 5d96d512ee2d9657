"""Turning terse bullet facts into prose a person would write, for the offline writer: one fact as a first-person
sentence (realise_fact), a section's facts as paragraphs (compose_section), and the overview's sentence of the year's
headline figures (headline). Every word, figure and name of a fact is kept; only a leading label ('Plan:') goes."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Callable

from drafter.phrasing import BASE_VERBS, first_word, is_lesson, is_past_verb, leading_label, written_as
from drafter.text.dates import DATE_WORDS
from drafter.text.words import STOP_WORDS, WORD

PRONOUN_STARTS = {"i", "we", "my", "our", "the", "a", "an", "this", "that", "these", "those", "each", "every", "all",
                  "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "both", "most", "some"}
FINITE_HINTS = re.compile(
    r"\b(?:is|are|was|were|has|have|had|will|can|could|should|did|does|do|remained|reached|rose|fell|grew|went|"
    r"\w{3,}ed)\b",
    re.IGNORECASE)
NOUN_LEADS = {
    "achievements": "Results for the year include ",
    "work": "The work covered ",
    "problems": "One problem was ",
    "plan": "A goal for next year is ",
    "overview": "The year's work included ",
}
INTENT_STARTS = {"plan", "aim", "intend", "hope", "want", "will", "need", "expect"}  # "Aim to …" → "I aim to …"
# A count noun that needs "The" when it alone is a fact's subject ("Team grew …" → "The team grew …"); a mass noun
# ("Attrition was 19%") or a name with a number ("Unit 3 fell short …") does not.
SINGLE_SUBJECTS = {"team", "office", "department", "branch", "unit", "shop", "store", "site", "project", "company",
                   "district", "ward", "depot", "warehouse", "school", "clinic", "hall", "library", "lab", "desk",
                   "group", "division", "centre", "center", "system", "budget", "backlog", "queue", "fleet", "kitchen"}
PLAN_INTENTS = ("plan to", "also aim to", "also want to", "also mean to")  # one after the other in a plan section
SENTENCES_PER_PARAGRAPH = 4
HEADLINE_FIGURES = 3  # at most this many of the year's figures in the overview's sentence
HEADLINE_CLAUSE_WORDS = 16  # a fact's opening clause longer than this is left out of the overview's sentence
# Where a fact's opening clause ends ('2,318' is no break), and a time phrase that may end it ('… as of November 30').
CLAUSE_BREAK = re.compile(r"[;:,]\s+|\s+[-–—]\s+|\s+(?:and|with|because|which|after|while|so)\s+")
TRAILING_TIME = re.compile(r"\s+(?:in|as of|by|on|at|during|since|from)\s+[^,;]*$", re.IGNORECASE)
FIGURE = re.compile(r"\d[\d,.]*%?|\b(?:" + "|".join(sorted(DATE_WORDS)) + r")\b", re.IGNORECASE)
TIME_OPENERS = {"next year": "Next year", "the next year": "Next year", "the coming year": "Next year"}


AUXILIARIES = {"is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "got", "get", "will", "would"}
INTRANSITIVE_PAST = {"rose", "fell", "grew", "dropped", "increased", "decreased", "improved", "climbed", "declined",
                     "jumped", "doubled", "halved", "went", "came", "stayed", "remained", "moved", "shrank", "slipped"}
SUBORDINATORS = {"after", "when", "because", "since", "as", "once", "until", "which", "that", "while", "before"}
SUBJECT_PRONOUNS = {"i", "we", "they", "he", "she", "it"}
NP_PREPOSITIONS = {"of", "on", "for", "in", "at", "with", "by", "from", "to", "per", "across"}
ARROW = re.compile(r"(?<=\w)(?:\s*:)?\s+([^\s:]+)\s*(?:->|→|=>)\s*([^\s,;]+?)(?=[\s,;]|$)")
FIGURE_START = re.compile(r"[\d£$€¥]")


def _is_plural(noun_phrase: list[str]) -> bool:
    """Whether a noun phrase's head noun (its last word before a preposition) is plural: 'Write-offs' yes,
    'Renewal retention on my accounts' no."""
    head = noun_phrase
    for index, word in enumerate(noun_phrase):
        if index and word.lower() in NP_PREPOSITIONS:
            head = noun_phrase[:index]
            break
    last = head[-1].lower().strip(",;:") if head else ""
    return last.endswith("s") and not last.endswith(("ss", "us", "is"))


def _with_a_verb(body: str) -> str:
    """A note-style fact given the verb it leaves out: 'Loan book up from £22.6m to £25.9m' → '… went up from …',
    'Audit completed in February' → 'Audit was completed …', 'Write-offs £148,000' → 'Write-offs were £148,000',
    'Resolution 58% -> 76%' → 'Resolution went from 58% to 76%'. Every word and figure stays; the rest as it is."""
    words = body.split(" ")
    for index in range(1, min(len(words), 12)):
        word = first_word(words[index])
        before = words[index - 1]
        if before.endswith((",", ";", ":")) or first_word(before) in AUXILIARIES | SUBJECT_PRONOUNS:
            return body
        if word in ("went", "up", "down") and index + 1 < len(words) and first_word(words[index + 1]) == "from":
            return body if word == "went" else " ".join(words[:index] + ["went"] + words[index:])
        if is_past_verb(word):
            if word in INTRANSITIVE_PAST or not (words[index].endswith(",") or _a_participle(words[index + 1:])):
                return body
            aux = "were" if _is_plural(words[:index]) else "was"
            return " ".join(words[:index] + [aux] + words[index:])
        if FIGURE_START.match(words[index]) and not FINITE_HINTS.search(" ".join(words[index:])):
            if first_word(before) in STOP_WORDS or before.endswith("."):
                return body  # "Premium income of 38.7 million yuan" is a noun phrase; "No. 2" a name
            aux = "were" if _is_plural(words[:index]) else "was"
            return " ".join(words[:index] + [aux] + words[index:])
        if FINITE_HINTS.fullmatch(word) or word in SUBJECT_PRONOUNS:
            return body
    return body


def _a_participle(after: list[str]) -> bool:
    """Whether a past form is a participle ('completed in February'), judged by the words after it: none, a
    preposition or a comma, and no other verb unless a subordinate clause holds it ('… after checks began')."""
    if after and first_word(after[0]) not in NP_PREPOSITIONS | {"at", "during", "ahead", "on", "within"}:
        return False
    for word in after:
        bare = first_word(word)
        if bare in SUBORDINATORS:
            return True
        if bare in AUXILIARIES or (is_past_verb(bare) and not FIGURE_START.match(word)):
            return False
    return True


def lower_first(text: str) -> str:
    """The text with its first letter in lower case, unless its first word is an acronym or holds a digit."""
    first = text.split(" ", 1)[0]
    if len(first) > 1 and (first[1:2].isupper() or any(ch.isdigit() for ch in first)):
        return text
    return text[:1].lower() + text[1:]


_lower_first = lower_first  # the name earlier versions used


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def _time_opener(time: str) -> str:
    """A label's time phrase as a sentence opener: 'for 2027' → 'In 2027', 'next year' → 'Next year'."""
    words = time.split()
    if not words:
        return ""
    if words[0].lower() in ("for", "in"):
        words = words[1:]
    rest = " ".join(words)
    if rest.lower() in TIME_OPENERS:
        return TIME_OPENERS[rest.lower()]
    return ("By " if time.lower().startswith("by ") else "In ") + rest.removeprefix("by ").removeprefix("By ")


def _names_a_time(text: str) -> bool:
    """True when a fact already says when: a year, a month, a season or quarter, or 'next year'."""
    if re.search(r"\bnext year\b|(?<!\d)(?:19|20)\d\d(?!\d)", text, re.IGNORECASE):
        return True
    return any(word.lower() in DATE_WORDS for word in WORD.findall(text) if word[:1].isupper() or len(word) == 2)


@dataclass
class Clause:
    """A fact as a sentence in parts: `subject` is 'I' (then `text` is what I did), or '' when `text` has its own."""

    subject: str
    text: str
    end: str = "."
    intent: bool = False  # `text` is what I plan to do: it follows "I plan to"
    time: str = ""  # the sentence opens with it ("In 2027", "Next year")
    lesson: bool = False

    def sentence(self, also: bool = False, intent: str = "plan to", opener: str = "") -> str:
        """The sentence: 'also' after 'I', the intent before a plan, an opener ('In response,') in front."""
        if self.subject:
            text = self.text
            if also and text.startswith("will "):
                text = "will also " + text[5:]
            elif also:
                text = "also " + text
            core = "I " + (intent + " " if self.intent else "") + text
        else:
            core = self.text
        lead = self.time or opener
        if lead:
            if not self.subject:
                lead = lead if lead.endswith(",") else lead + ","
                core = core if first_word(core) not in PRONOUN_STARTS or first_word(core) == "i" else lower_first(core)
            core = f"{lead} {core}"
        return _upper_first(core) + self.end


CLAUSE_CACHE = 16384  # facts whose clause is remembered: the offline writer composes a section twice (to check it,
# then to write it)


@lru_cache(maxsize=CLAUSE_CACHE)
def _clause(text: str, kind: str) -> Clause | None:
    """One bullet fact as a Clause in the first person, keeping every word and figure of it (remembered: a
    Clause is never changed once made)."""
    body = ARROW.sub(r" went from \1 to \2", " ".join(text.split()).rstrip(" ;,"))
    lesson = is_lesson(body)
    label = leading_label(body)
    time = ""
    plan = kind == "plan"
    if label is not None:
        body, time, plan = label.rest, label.time, plan or label.kind == "plan"
    if not body:
        return None
    end = body[-1] if body[-1] in ".!?" else "."
    body = body.rstrip(".!?")
    if not body:
        return None
    words = body.split(" ")
    first = first_word(body)
    opener = _time_opener(time)
    if first in ("i", "we", "thanks"):
        return Clause("", body, end, time=opener, lesson=lesson)
    if plan and first == "to" and len(words) > 1:
        return Clause("I", " ".join(words[1:]), end, intent=True, time=opener, lesson=lesson)
    if first in INTENT_STARTS:
        return Clause("I", lower_first(body), end, time=opener, lesson=lesson)
    if plan and first in BASE_VERBS:
        return Clause("I", lower_first(body), end, intent=True, time=opener, lesson=lesson)
    if is_past_verb(first):
        return Clause("I", lower_first(body), end, time=opener, lesson=lesson)
    if first in BASE_VERBS:
        future = re.search(r"\bnext year\b|\bby (?:the end of )?\w+ 20\d\d\b", body)
        return Clause("I", ("will " if future else "worked to ") + lower_first(body), end, time=opener, lesson=lesson)
    if first in PRONOUN_STARTS and not words[0][:1].isdigit() and FINITE_HINTS.search(body):
        return Clause("", body, end, time=opener, lesson=lesson)
    if not plan:
        body = _with_a_verb(body)
        words = body.split(" ")
    if FINITE_HINTS.search(" ".join(words[1:])):
        if first in SINGLE_SUBJECTS and len(words) > 1 and (FINITE_HINTS.fullmatch(words[1]) or words[1] in AUXILIARIES):
            body = "The " + lower_first(body)
        return Clause("", body, end, time=opener, lesson=lesson)
    if plan and time:
        return Clause("", f"My goal {time.lower() if time.lower().startswith(('for', 'in', 'by')) else 'for ' + time} "
                          f"is {lower_first(body)}", end, lesson=lesson)
    return Clause("", NOUN_LEADS.get(kind, NOUN_LEADS["work"]) + lower_first(body), end, lesson=lesson)


def realise_fact(text: str, kind: str = "work", connector: str = "") -> str:
    """Make one bullet fact a full sentence in the first person, keeping every word and figure of it."""
    clause = _clause(text, kind)
    if clause is None:
        return ""
    sentence = clause.sentence()
    if connector:
        sentence = connector + (sentence if sentence.startswith("I ") else lower_first(sentence))
    return sentence


def compose_section(kind: str, facts: list[str], accept: Callable[[str], bool] | None = None) -> list[list[str]]:
    """A section's facts as paragraphs of sentences, joined as a person would: 'also' once a paragraph when two
    sentences in a row open with 'I', the plan's intents varied, a lesson tied to the problem before it. A sentence
    that `accept` (grounding, in the offline writer) refuses is written as the fact itself, when that passes."""
    paragraphs: list[list[str]] = []
    previous: Clause | None = None
    plans = 0
    also_used = False
    for fact in facts:
        clause = _clause(fact, kind)
        if clause is None:
            continue
        if not paragraphs or len(paragraphs[-1]) == SENTENCES_PER_PARAGRAPH:
            paragraphs.append([])
            also_used = False
        also, intent, opener = False, "plan to", ""
        if clause.intent:
            intent = PLAN_INTENTS[min(plans, len(PLAN_INTENTS) - 1)] if plans < len(PLAN_INTENTS) else "plan to"
            if plans == 0 and not clause.time and not _names_a_time(fact):
                opener = "Next year"
            plans += 1
        elif clause.lesson and previous is not None and not previous.lesson:
            opener = "From this" if clause.subject and clause.text.startswith(("learned", "learnt")) else "In response,"
        elif clause.subject and previous is not None and previous.subject and not also_used and not clause.time:
            also = also_used = True
        sentence = clause.sentence(also, intent, opener)
        if accept is not None and not accept(sentence):
            plain = " ".join(fact.split()).rstrip(" ;,")
            plain = _upper_first(plain) + ("" if plain[-1:] in ".!?" else ".")
            sentence = plain if accept(plain) else sentence
        paragraphs[-1].append(sentence)
        previous = clause
    return paragraphs


def _opening_word(text: str) -> str:
    """The first word of a text as the vocabulary holds words ('New-policy …' → 'new')."""
    found = WORD.search(text)
    return found.group(0).lower() if found else ""


def _vocabulary(facts: list[str]) -> set[str]:
    """Words the facts write in lower case (and stop words): a clause opening with one may lose its capital."""
    words = set(STOP_WORDS) | PRONOUN_STARTS
    for fact in facts:
        words.update(word for word in WORD.findall(fact) if word.islower())
    return words


def _headline_clause(fact: str) -> Clause | None:
    """A fact's opening clause, when it states a figure and reads as done: 'Signed 418 sales contracts worth 612.5
    million yuan' of 'Signed 418 … , up from 350 contracts in 2025'."""
    body = " ".join(fact.split())
    if written_as(body) is not None or leading_label(body) is not None:
        return None
    head = CLAUSE_BREAK.split(body, 1)[0].rstrip(".!?")
    if not re.search(r"\d", head):
        return None  # (as below, read first: dropping a time phrase adds no digit, and a long fact's figures are
        # then never counted)
    in_body = len(FIGURE.findall(body))
    if len(FIGURE.findall(head)) == in_body:  # it must leave a figure to the fact's own sentence,
        head = TRAILING_TIME.sub("", head)  # or cleanup takes that sentence for a repeat of the overview
        if len(FIGURE.findall(head)) == in_body:
            return None
    if not re.search(r"\d", head) or len(head.split()) > HEADLINE_CLAUSE_WORDS:
        return None
    first = first_word(head)
    if first == "i":
        return Clause("I", head.split(" ", 1)[1]) if " " in head else None
    if is_past_verb(first):
        return Clause("I", lower_first(head))
    if first not in BASE_VERBS and FINITE_HINTS.search(" ".join(head.split()[1:])):
        return Clause("", head)
    return None


def _join(items: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def headline(sections: list[dict[str, Any]], year: str = "", accept: Callable[[str], bool] | None = None) -> str:
    """One sentence stating the year's headline figures: the opening clauses of two or three facts with a figure
    (HEADLINE_FIGURES), from the results sections first, then the daily work, in the facts' order; '' when fewer
    than two facts have one. Each clause leaves a figure of its fact out, so no sentence below repeats it. A clause
    that `accept` (grounding, in the offline writer) refuses in the sentence is left out."""
    ordered = [s for s in sections if s.get("kind") == "achievements"] + \
              [s for s in sections if s.get("kind") == "work"]
    vocabulary = _vocabulary([fact for s in sections for fact in s.get("facts", [])])
    picked: list[Clause] = []
    for fact in (fact for s in ordered for fact in s.get("facts", [])):
        clause = _headline_clause(fact)
        if clause is None:
            continue
        if picked and not clause.subject and _opening_word(clause.text) not in vocabulary:
            continue  # its first word may be a name: it could only open the sentence, and another clause does
        if picked and accept is not None and not accept(_headline_sentence(picked + [clause], year, vocabulary)):
            continue
        picked.append(clause)
        if len(picked) == HEADLINE_FIGURES:
            break
    if len(picked) < 2:
        return ""  # one clause alone would be a repeat of its fact's sentence
    return _headline_sentence(picked, year, vocabulary)


def _headline_sentence(picked: list[Clause], year: str, vocabulary: set[str]) -> str:
    """The headline clauses as one sentence: 'In 2026 I signed …, collected … and issued …', or 'In 2026, premium
    income reached … and I …' (the first clause with its own subject opens it)."""
    done = [clause.text for clause in picked if clause.subject]
    own = [clause.text for clause in picked if not clause.subject]
    if own and not picked[0].subject:
        first = own[0] if _opening_word(own[0]) not in vocabulary else lower_first(own[0])
        parts = [first] + (["I " + _join(done)] if done else []) + [lower_first(text) for text in own[1:]]
    else:
        parts = (["I " + _join(done)] if done else []) + [lower_first(text) for text in own]
    if len(parts) == 1:
        joined = parts[0]
    elif len(parts) == 2:
        joined = parts[0] + (", and " if " and " in parts[0] + parts[1] else " and ") + parts[1]
    else:
        joined = ", ".join(parts[:-1]) + ", and " + parts[-1]
    if not year:
        return _upper_first(joined) + "."
    return f"In {year}{',' if not picked[0].subject else ''} {joined}."
