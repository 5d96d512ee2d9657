"""The facts a sentence carries (figures, number words, dates, quoted and capitalised names), the amounts it
states, and the set of facts a text states, which no removal may shrink."""

from __future__ import annotations

import re
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache, wraps
from typing import Callable, Iterable, Iterator, TypeVar

from drafter.text.dates import DATE_WORDS, FOREIGN_MONTHS, MONTH_FULL_NAMES
from drafter.text.numbers import NUMBER_WORDS, SCALE_WORDS, TENS_WORDS, UNIT_WORDS
from drafter.cleanup.placeholders import NAME_SLOT
from drafter.text.words import SPACED_LETTER, STOP_WORDS, WORD, stem_cached

RUN_MEMORY: ContextVar[dict | None] = ContextVar("cleanup_run_memory", default=None)  # what one run has read
Read = TypeVar("Read")


@contextmanager
def one_run_memory() -> Iterator[None]:
    """Within it, what the functions marked remembered_in_a_run read of a text is remembered; the memory goes with
    the run (a clean() call), so none outlives it, and each thread's run has its own."""
    token = RUN_MEMORY.set({})
    try:
        yield
    finally:
        RUN_MEMORY.reset(token)


def remembered_in_a_run(read: Callable[[str], Read]) -> Callable[[str], Read]:
    """read(text), remembered for one run (one_run_memory): the passes, the block model and the guard read the same
    sentences again, and a run of any length remembers all of them (a bounded cache forgot them between passes on a
    long text). Outside a run each call reads afresh."""
    @wraps(read)
    def remembered(text: str) -> Read:
        memory = RUN_MEMORY.get()
        if memory is None:
            return read(text)
        known = memory.setdefault(read, {})
        if text not in known:
            known[text] = read(text)
        return known[text]
    return remembered


BLANK = re.compile(r"\s*")
# (a figure right after a letter of a script that spaces no words is one: "编码8507600090", "全年出口43票")
NUMBER = re.compile(rf"(?<!{SPACED_LETTER})(?<!\.)[$€£¥]?\d[\d,]*(?:\.\d+)?(?:%|‰|[kKmMbB]n?\b)?")
CODE = re.compile(rf"(?<!{SPACED_LETTER})(?<![.$€£¥-])[A-Za-z]+-?\d(?:{SPACED_LETTER}|[.-])*")  # "v7.0", "Q3",
# "HC-28", "COVID-19": a figure too
MONTHS = DATE_WORDS | FOREIGN_MONTHS.keys()  # words that date an event (drafter.text.dates), in other languages too
MONTH_OF = {**MONTH_FULL_NAMES, **FOREIGN_MONTHS}  # each month's word, short, full or foreign, to its full English name
# a list fragment ("answering payslip queries;"), and a lead-in ("… as follows:") or fragment: not a restatement
FRAGMENT = re.compile(r"[;；,，]\W*$|^\W*[a-z]")
LEAD_IN = re.compile(FRAGMENT.pattern + r"|[:：]\W*$|\b(?:[Aa]s follows|[Tt]he following|(?:set out|listed|shown|given) "
                     r"below)\b")
YEAR = re.compile(r"(?:19|20)\d\d")
YEAR_IN_TEXT = re.compile(rf"(?<!{SPACED_LETTER})(?<![.,])(?:19|20)\d\d(?!{SPACED_LETTER}|,|\.\d)")  # a year where it
# stands in a text ("2024年" too)
ZERO = re.compile(r"\b(?:not (?:a|one) single|not one|zero|(?:nobody|no one) (?:\w+ed|left|was|were|had|lost|quit|"
                  r"got|came|went|fell)\b|without (?:a|any) single|no (?:[\w-]+ )?(?:accidents?|"
                  r"incidents?|complaints?|errors?|mistakes?|loss(?:es)?|injur(?:y|ies)|defects?|breach(?:es)?|delays?|"
                  r"failures?|violations?|problems?|findings?|discrepanc(?:y|ies)|shortages?|excess(?:es)?|overages?)|"
                  r"for free|free of charge|at no (?:extra )?cost)\b",
                  re.I)  # a count of none (and a price of none: "serves lunch for free to …")
# a sentence that singles out the year's main difficulty or change ("Staffing was the hardest part of the year.", "The
# main problem this term was the new absence app.", "No-shows were our biggest cost", "Late refunds are still the main
# reason for complaints", "The biggest change this year was the new till system", "Refunds were my main focus this
# year", "Payroll is the heaviest part of the job", "New starters were my biggest area of work", "The part of the job
# I'm proudest of is training", "Refunds were the main part of my job", "Most of my time went on refunds"): it names
# the topic the sentences after it explain, no restatement of a figure about the same thing and no stock sentence
SINGLED_OUT = re.compile(r"\b(?:the|our|my) (?:single )?(?:main|biggest|hardest|greatest|toughest|chief) (?:[\w-]+ )?"
                         r"(?:problems?|challenges?|difficult(?:y|ies)|issues?|costs?|headaches?|worry|concerns?|"
                         r"reasons?|causes?|changes?|projects?|focus|priority|area)\b|"
                         r"\b(?:the|our|my) (?:hardest|toughest|biggest|heaviest|largest|most difficult) part\b|"
                         r"\bthe main part of (?:my|our)\b|"
                         r"\bmost of (?:my|our) (?:time|days?|work) (?:was|went|is|goes)(?: spent)? (?:on|in)\b|"
                         r"\b(?:was|were) the (?:hardest|toughest)\b|"
                         r"\bthe part of (?:the|my|our) \w+ (?:that )?I(?:(?:'m|’m| am) (?:proudest|most proud) of| "
                         r"(?:find|found) (?:the )?(?:hardest|most difficult))\b", re.I)
THANKS = re.compile(r"\b(?:thank|thanks|grateful|gratitude|terima kasih|gracias|agrade[cz]\w*|danke|dankbar|merci|"
                    r"obrigad[oa]|grazie|ringrazi\w*|dziękuj\w*|takk|kiitos|bedankt|спасибо|благодар\w*)\b|"
                    r"谢谢|感谢|ありがとう|감사|धन्यवाद|शुक्रिया|आभार|நன்றி|ধন্যবাদ|ಧನ್ಯವಾದ|ధన్యవాదాలు|നന്ദി|شكر|شكرا|תודה|"
                    r"ขอบคุณ", re.I)  # a thank-you, in English or in the author's own language
FUTURE = re.compile(r"\b(?:will|shall|going to|plan(?:s|ned)? to|intend(?:s|ed)? to|aim(?:s|ed)? to|next year)\b", re.I)
QUOTED = re.compile(r"[\"“”«»]([^\"“”«»\n]{2,80})[\"“”«»]")
# the blank runs are possessive: "\s+(?:of|…)?\s*" could split a long one two ways at every length (quadratic)
CAPITAL_RUN = re.compile(r"(?<![\w'’])[A-Z][\w&.'’-]*(?:\s++(?:(?:of|and|for|de|&)\s*+)?[A-Z][\w&.'’-]*)*")
NOT_NAMES = frozenset("i i'm i’m i've i'd i'll".split())
NAME_JOINERS = frozenset({"of", "and", "for", "de", "&"})  # the small words CAPITAL_RUN lets join a name's words
ACRONYM_PLURAL = re.compile(r"[A-Z]{2,}s")  # "DNAs", "KPIs", "NCRs": the acronym's plural names what the acronym does
START_AFTER = re.compile(r"(?:^|^[^\w\s]{1,2}\s*|[.!?:;#(\[\"“—–*_>-]\s*|\d[.)、,]\s+)$")  # (a sentence
# opened by an emoji or a mark of its own, "🟢 Error rate down to 0.38%", or after a tag, "<think>\nOkay, …")
START_AFTER_REACH = 2  # characters of START_AFTER before its trailing blank space: a digit and a full stop


def ends_with(pattern: re.Pattern, text: str, end: int, reach: int) -> bool:
    """pattern.search(text[:end]) for a pattern anchored at the end ('$') whose match, its trailing blank space
    aside, is at most `reach` characters long. Only that tail is searched (what comes before it still counts for
    a '\\b' or a lookbehind), so asking at each of thousands of places in one long sentence stays linear."""
    start = end
    while start > 0 and text[start - 1].isspace():
        start -= 1
    return pattern.search(text, max(0, start - reach), end) is not None


# number words inside idioms say no amount: "in the first place", "one of the", "one by one", "double-check"
NUMBER_IDIOM = re.compile(
    r"\b(?:in the first place|first of all|at first|first and foremost|first-hand|(?:first|second|third)[- ]person|"
    r"second to none|"
    r"one (?:of|by one|another|after another|day|that|which|who|where)|no one|every one|each one|the one|"
    r"this one|that one|as one|(?:my|our|the|a) number one|"
    r"(?:with |of )?one (?:heart|mind|voice|accord|family)|first-(?:class|rate)|(?:a|an) (?:[a-z]+ ){1,3}one(?![-\w])|"
    r"(?:put|puts|putting|place|places|placed)\b[^.,;]{0,40}? first|"
    r"(?:safety|quality|service|customers?|patients?|students?)(?: \w+)? (?:comes?|is|are) first|"
    r"(?:comes?|appears?) first\b(?! in\b)|"
    r"(?:safety|quality|service|customers?|patients?|students?|integrity|people|residents?|masses|clients?|"
    r"passengers?|users?|guests?|members?)[- ]first|"
    r"one (?:\w+ ){0,2}at a time|double[- ]check\w*|half[- ]hearted\w*|\w+-first|(?:past|last|previous) twelve months|four seasons|one more year|"
    r"five flavou?rs)\b|"
    r"^[\W\d]*(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|last)(?:ly)?\s*[,:、]", re.I)


def without_number_idioms(text: str) -> str:
    """text with its number idioms ("one by one", "first of all") blanked; as is when it holds no number word."""
    if not any(word.lower() in NUMBER_WORDS for word in WORD.findall(text)):
        return text
    return NUMBER_IDIOM.sub(" ", text)


AMBIGUOUS_DATES = frozenset({"may", "march", "fall", "sun", "sat", "wed", "mar", "jan", "dec", "sept", "sep"})
SEASON_WORDS = ("in", "the", "this", "last", "next", "during", "of", "early", "late", "until", "since", "by")
SEASON_CONTEXT = re.compile(r"(?:\b(?:" + "|".join(SEASON_WORDS) + r")\s+)$", re.I)
SEASON_REACH = max(map(len, SEASON_WORDS))


def _is_date_word(text: str, match: re.Match) -> bool:
    """'May', 'March' and 'fall' are dates only as a capitalised month or a season in context ("in the fall"),
    not as the verb in "we may" or "patient falls"."""
    word = match.group(0)
    if word.lower() != "fall":
        return word[0].isupper()
    after = text[match.end():match.end() + 12].lower()
    return ends_with(SEASON_CONTEXT, text, match.start(), SEASON_REACH) or \
        re.match(r"\s+(?:\d|season|semester|term)", after) is not None


UNITS = UNIT_WORDS | {"twice": 2, "dozen": 12}  # (the toolkit's number words, drafter.text.numbers, and the two
TENS = TENS_WORDS  # a count says in a word of its own)
SCALES = SCALE_WORDS
QUANTITY_WORDS = frozenset(UNITS) | frozenset(TENS) | frozenset(SCALES)
AMOUNT_WORDS = QUANTITY_WORDS | {"percent", "point"}  # the words of an amount said in words ("six point two percent")


def quantities_in(text: str) -> list[float]:
    """The amounts a text states, in figures ("40,312", "1.2 million") or in words ("more than forty thousand",
    "a thousand", "twice", "ninety-four point two"), so a restatement in words can be checked against the figures
    it rounds."""
    return list(_quantities(text))


@remembered_in_a_run
def _quantities(text: str) -> tuple[float, ...]:
    """quantities_in(), remembered in a run: the passes and the guard read the same sentences again."""
    values: list[float] = []
    amount = rf"(?<!{SPACED_LETTER})(?<!\.)\d[\d,]*(?:\.\d+)?(?:\s*(million|billion|thousand|[kKmM]\b))?"
    for match in re.finditer(amount, text):
        number = float(match.group(0).split()[0].rstrip("kKmM").replace(",", "") or 0)
        scale = (match.group(1) or "").lower()
        number *= {"k": 1e3, "thousand": 1e3, "m": 1e6, "million": 1e6, "billion": 1e9}.get(scale, 1)
        values.append(number)
    total = current = None
    previous = ""
    decimals: str | None = None  # the digits said after "point" ("ninety-four point two")
    words = [w.lower() for w in WORD.findall(without_number_idioms(text))] + [""]
    halves = {at for at, word in enumerate(words) if word == "and" and words[at + 1:at + 3] == ["a", "half"]}
    half_words = halves | {at + step for at in halves for step in (1, 2)}
    for at, word in enumerate(words):
        if at in half_words and current is not None:  # "eight and a half thousand", "one and a half"
            current += 0.5 if at in halves else 0
            continue
        if word == "and" and (total or current or 0) >= 100:  # "one hundred and twenty"
            continue
        if word == "point" and current is not None and decimals is None:
            decimals = ""
            continue
        if decimals is not None:
            if UNITS.get(word, 10) < 10:
                decimals += str(UNITS[word])
                continue
            current = (current or 0) + (float("0." + decimals) if decimals else 0.0)
            decimals = None
        if word in UNITS or word in TENS:
            current = (current or 0) + UNITS.get(word, TENS.get(word, 0))
        elif word in SCALES and (current is not None or previous in ("a", "an", "one")):
            current = (current or 1) * SCALES[word]
            if SCALES[word] > 100:
                total, current = (total or 0) + current, None
        elif total is not None or current is not None:
            values.append((total or 0) + (current or 0))
            total = current = None
        previous = word
    return tuple(values)


WORKED_OUT_MAX_FIGURES = 8  # figures of a sentence paired up for what a retelling may work out from them
EXACT = 1e-9  # how far an amount in words may be from the figure it says without a hedge
AND_A_HALF = re.compile(r"\band a half\b", re.I)  # "eight and a half thousand": "half" is part of the amount


def amounts_worked_out(figures: list[float]) -> tuple[list[float], list[float], list[float]]:
    """A sentence's figures (years aside), and what a writer works out from them to re-tell them: for each pair the
    difference and the sum, one as a percent of the other, and the change from one to the other in percent (for a
    pair of like size, CHANGE_FACTOR_MAX)."""
    figures = [f for f in figures if f > 0 and not (f % 1 == 0 and YEAR.fullmatch(str(int(f))))]
    figures = figures[:WORKED_OUT_MAX_FIGURES]
    sums, shares = [], []
    for at, first in enumerate(figures):
        for second in figures[at + 1:]:
            sums += [abs(first - second), first + second]
            shares += [100 * first / second, 100 * second / first]
            if max(first, second) <= CHANGE_FACTOR_MAX * min(first, second):
                shares += [100 * abs(second - first) / first, 100 * abs(second - first) / second]
    return figures, sums, shares


CHANGE_FACTOR_MAX = 20  # the most one figure may be times the other for a change in percent between them to be one
# a writer works out (11,200 to 14,600 is "an increase of about 30%"; 2 shortages against KES 1,350 are no "99.9%")


def only_works_out(text: str, figures: list[float]) -> bool:
    """True when text says amounts and each is one of `figures` or worked out from them (amounts_worked_out): in
    digits to its last digit, hedged as a writer rounds it, and in words exactly, but for a sum or difference,
    rounded ("This represents a reduction of 44 seconds" after 412 and 368; "That is almost four thousand more"
    after 3,946 more; "an increase of eight and a half thousand" after 61,240 and 52,717)."""
    given, sums, shares = amounts_worked_out(figures)
    said: list[tuple[float, float | None, float | None]] = []  # each amount, how far off it may be from a figure
    # or a share and from a sum (None: as a writer rounds it)
    for match in NUMBER.finditer(text):
        value = figure_value(text, match)
        if value is None:
            continue
        number = match.group(0).lstrip("$€£¥").rstrip("%‰kKmMbBn").replace(",", "")
        last_digit = value / (float(number) or 1) * 0.5 / 10 ** len(number.partition(".")[2])  # half of it
        off = None if ends_with(HEDGE, text, match.start(), HEDGE_REACH) else last_digit
        said.append((value, off, off))
    words = NUMBER.sub(" ", text)
    hedged = HEDGED_AMOUNT.search(words) is not None
    said += [(value, None if hedged else EXACT, None) for value in quantities_in(words)]

    def near(value: float, amounts: list[float], off: float | None) -> bool:
        return any(rounds_to(value, amount) if off is None else abs(value - amount) <= off for amount in amounts)

    rates = rates_said(text)
    return bool(said) and all(near(v, given + shares, off) or near(v, sums, off_sum) or
                              (v in rates and _a_rate_of(v, off, given, rates[v])) for v, off, off_sum in said)


# an amount said per period of a year's figure: "roughly 20 visits every week", "about 140 lines on every day the
# pharmacy was open", "nearly five certifications every working day"
RATE = re.compile(r"(?:\s+(?!every\b|each\b|per\b)[\w'’-]+){0,3}\s+(?:on\s+)?(?:every|each|a|an|per)\s+(?:single\s+)?"
                  r"(?:(working|school|business|trading|opening|weekday)\s+)?(day|week|month|night)\b", re.I)
PERIODS_IN_A_YEAR = {"day": (250, 366), "working day": (170, 262), "week": (44, 53), "month": (11, 12),
                     "night": (300, 366)}  # how many of each period a year's figure may be spread over


AMOUNT_IN_WORDS = re.compile(r"\b(?:(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
                             r"fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|"
                             r"seventy|eighty|ninety|hundred|thousand|million|and)(?:[\s-]+|\b))+", re.I)


def rates_said(text: str) -> dict[float, str]:
    """Each amount the text says per period, in digits or in words ("20 visits every week": 20.0 -> "week", "more
    than one hundred containers every single month": 100.0 -> "month"), by its value."""
    rates = {}
    for match in NUMBER.finditer(text):
        period = RATE.match(text, match.end())
        value = figure_value(text, match) if period else None
        if value is not None:
            rates[value] = "working day" if period.group(1) else period.group(2).lower()
    for match in AMOUNT_IN_WORDS.finditer(text):
        period = RATE.match(text, match.start() + len(match.group(0).rstrip()))
        values = quantities_in(match.group(0)) if period else []
        if len(values) == 1:
            rates[values[0]] = "working day" if period.group(1) else period.group(2).lower()
    return rates


def _a_rate_of(value: float, off: float | None, figures: list[float], period: str) -> bool:
    """True when the amount is one of the figures spread over the year's periods of its kind (a week's share of
    1,026 visits is 19 to 23), as said: to its last digit, or, hedged (`off` None), within its grain."""
    low, high = PERIODS_IN_A_YEAR[period]
    slack = _grain(value) / 2 if off is None else off
    return any(figure / high - slack <= value <= figure / low + slack for figure in figures if figure > value)


def works_out(text: str, source: str) -> bool:
    """True when each fact of text is an amount worked out from the figures of `source` (only_works_out) or a year
    `source` states: a sentence that only does sums on the one before ("That is 44 seconds less than in 2023.")."""
    told, given = facts_of(text), facts_of(source)
    amount_words = AMOUNT_WORDS | {"half"} if AND_A_HALF.search(text) else AMOUNT_WORDS
    if not all(is_figure(fact) or fact in amount_words for fact in told):
        return False
    years_given = YEAR_IN_TEXT.sub(lambda m: " " if m.group(0) in given else m.group(0), text)
    return only_works_out(years_given, quantities_in(source))


def rounds(amounts: list[float], figures: list[float], factor: float = 1.5) -> bool:
    """True when every amount is a rounding of one of the figures (within `factor` either way)."""
    return all(any(figure > 0 and 1 / factor <= amount / figure <= factor for figure in figures) for amount in amounts)


def rounds_to(amount: float, figure: float, at_least: bool = False) -> bool:
    """True when a hedged amount is a rounding a writer would make of the figure: within its own grain, half of it
    either way ("about 14,000" of 14,312; "close to 55%" is no rounding of 58%, whose nearest grain of 5 is 60), or,
    for a hedge that only bounds it from below ("over 90%"), within a whole grain above."""
    grain = _grain(amount)
    if not grain or figure <= 0:
        return False
    if at_least:
        return amount <= figure <= amount + grain
    return abs(figure - amount) <= grain / 2


def _grain(amount: float) -> float:
    """The step a round amount was rounded to: 14,000 -> 1,000; 55 -> 5; 90 -> 10; 1.4 million -> 100,000."""
    scaled = round(amount * 1000)
    if scaled <= 0:
        return 0.0
    step = 1
    while scaled % (step * 10) == 0:
        step *= 10
    if scaled % (step * 5) == 0:
        step *= 5
    return step / 1000


LOWER_BOUND_HEDGE = re.compile(r"\b(?:more than|over|upwards of|in excess of|just over|above)\s+$", re.I)
HEDGES = ("more than", "over", "nearly", "almost", "about", "around", "approximately", "roughly", "close to", "some",
          "upwards of", "in excess of", "just over", "just under")
HEDGE = re.compile(r"\b(?:" + "|".join(HEDGES) + r")\s+$", re.I)
HEDGE_REACH = max(map(len, HEDGES))
HEDGED_AMOUNT = re.compile(r"\b(?:" + "|".join(HEDGES) + r")\s+(?:a\s+|an\s+)?(?:" + "|".join(sorted(QUANTITY_WORDS)) +
                           r")\b", re.I)  # an amount in words hedged ("more than one point four million"), not "over
# the year"
HEDGED_FACTOR = 1.15


def _figure(match: re.Match) -> str:
    """A NUMBER match as a fact: thousands separators and a closing full stop dropped ("40,312." -> "40312"), a
    decimal comma read as a point ("92,4%" -> "92.4%")."""
    figure = match.group(0).rstrip(".")
    return figure.replace(",", ".") if DECIMAL_COMMA.fullmatch(figure) else figure.replace(",", "")


DECIMAL_COMMA = re.compile(r"[$€£¥]?\d{1,3},\d{1,2}(?:%|‰|[kKmMbB]n?)?")  # "92,4%", "€1,5m": no thousands comma


def figures_with_units(text: str) -> set[tuple[str, str]]:
    """Each figure of a text with the word that follows it ("2 days" -> ("2", "day")), so a sentence is not taken
    for a retelling of another that holds the same number of something else ("2 major releases")."""
    return set(_figures_with_units(text))


@remembered_in_a_run
def _figures_with_units(text: str) -> frozenset[tuple[str, str]]:
    """figures_with_units(), remembered in a run: the passes read the same sentences again."""
    out = set()
    for match in NUMBER.finditer(text):
        figure = _figure(match)
        unit = None if figure[-1:] in "%‰" or figure[:1] in "$€£¥" or match.group(0).endswith(",") else \
            WORD.match(text, BLANK.match(text, match.end()).end())  # the next word, read in place (none past the
        # comma that ends a clause: "grow to 1,140, new-birth visits reach 96%")
        if unit is not None and unit.group(0).lower() in NO_UNIT:
            unit = None  # "from 86 to 31 and met all deadlines": the clause goes on, naming nothing of the figure's
        out.add((figure, stem_cached(unit.group(0)) if unit else ""))  # "8%" and "$612,000" carry their own unit
    return frozenset(out)


NO_UNIT = frozenset("and or but nor in on at to this last while than as by during".split())  # the word after a
# figure that names no unit of it, but joins the next words or dates it ("31 in 2023", "Ward 28 and for me")


UNIT_REACH = 3  # words after a figure in which the thing it counts may be named ("1,146 motor claims")
OF_WHOLE_WORDS = 3  # words of "out of 236" between a part and the whole whose unit it shares ("231 of 236 days")


def figures_with_nearby_words(text: str) -> set[tuple[str, str]]:
    """Each figure of a text with each of the UNIT_REACH words after it, stemmed, and with "" (as
    figures_with_units reads them): a figure said with its unit elsewhere ("1,146 claims") is found in a text that
    names it a few words on ("1,146 motor claims"). In "231 of 236 working days" the unit after the whole is the
    part's too: "of", "out" and the second figure do not count against the reach."""
    out = set()
    for match in NUMBER.finditer(text):
        figure = _figure(match)
        out.add((figure, ""))
        if match.group(0).endswith(","):
            continue  # the clause ends with it: the words after it name something else
        at, reach = match.end(), UNIT_REACH
        for _ in range(UNIT_REACH + OF_WHOLE_WORDS):
            word = WORD.match(text, BLANK.match(text, at).end())
            if word is None or reach == 0:
                break
            out.add((figure, stem_cached(word.group(0))))
            at = word.end()
            if word.group(0).lower() not in ("of", "out") and not word.group(0).isdigit():
                reach -= 1
    return out


def hedges_round(text: str, figures: list[float]) -> bool:
    """True when every figure the text hedges is a rounding a writer would make of one of the figures (rounds_to):
    "close to 55%" beside an exact 58% is another amount, not that one rounded."""
    for match in NUMBER.finditer(text):
        if ends_with(HEDGE, text, match.start(), HEDGE_REACH) and not YEAR.fullmatch(match.group(0)):
            values = quantities_in(match.group(0).lstrip("$€£¥"))
            at_least = ends_with(LOWER_BOUND_HEDGE, text, match.start(), HEDGE_REACH)
            if values and not any(rounds_to(values[0], figure, at_least) for figure in figures):
                return False
    return True


SCALE_AFTER = re.compile(r"\s+(?:" + "|".join(SCALES) + r")\b", re.I)  # a scale word after a figure's digits


def hedged_figures(text: str) -> dict[str, float]:
    """The figures a text only hedges ("more than 1,100", "nearly 3,000"), by fact, with their values: a hedged
    figure may be a rounding of an exact one said elsewhere (1,126), years aside."""
    out: dict[str, float] = {}
    for match in NUMBER.finditer(text):
        fact = _figure(match)
        if ends_with(HEDGE, text, match.start(), HEDGE_REACH) and not YEAR.fullmatch(match.group(0)):  # ("more
            # than 2,000" is an amount, its comma says so; "around 2020" a year)
            value = figure_value(text, match)  # "more than 14 thousand" hedges 14,000, not 14
            if value is not None:
                out[fact] = value
    return out


def figure_value(text: str, match: re.Match) -> float | None:
    """The value of a figure NUMBER found in text, with the scale word after it ("14 thousand" is 14,000)."""
    scale = SCALE_AFTER.match(text, match.end())
    values = quantities_in(match.group(0).lstrip("$€£¥") + (scale.group(0) if scale else ""))
    return values[0] if values else None


FACT_CACHE_SIZE = 65536  # facts whose is_figure answer is kept


@lru_cache(maxsize=FACT_CACHE_SIZE)
def is_figure(fact: str) -> bool:
    """True when the fact is a figure (it holds a digit), not a name or a number word. (Remembered: the passes ask
    it of the same facts over and over.)"""
    return any(c.isdigit() for c in fact)


def is_name(fact: str) -> bool:
    """True when the fact is a name ("lisbon", "harbour bank"), not a figure, date, number word or quotation."""
    return not (is_figure(fact) or fact in MONTHS or fact in NUMBER_WORDS or fact.startswith('"'))


FIGURE_TOKEN = re.compile(rf"(?<!{SPACED_LETTER})(?<![.,])\d[\d,.]*%?(?!{SPACED_LETTER})")  # a figure as written
# ("87%", "1,146"; not "7B", "4th")


def figures_reordered(first: str, second: str) -> bool:
    """True when two texts say the same words around the same figures in another order ("from 41 to 33" and "from 33
    to 41", "Q 5 | E 4 | T 5" and "Q 5 | E 5 | T 4"): each ties its figures to other things, so neither repeats the
    other."""
    figures, other = FIGURE_TOKEN.findall(first), FIGURE_TOKEN.findall(second)
    return figures != other and sorted(figures) == sorted(other) and \
        FIGURE_TOKEN.sub("#", first).split() == FIGURE_TOKEN.sub("#", second).split()


def figures_and_dates(facts: Iterable[str]) -> frozenset[str]:
    """The facts that are no name and no quoted words: what is checked of a reviewer's comment, a page's line or a
    chat model's table of its edits, whose capitalised words are theirs."""
    return frozenset(f for f in facts if not is_name(f) and not f.startswith('"'))


def has_figure(facts: Iterable[str]) -> bool:
    """True when some fact is a figure."""
    return any(is_figure(fact) for fact in facts)


YEAR_RANGE_HEAD = re.compile(r"(?<!\d)(?:19|20)\d\d[/–-]$")  # the year before a two-digit second half ("2024/")
YEAR_RANGE_REACH = 5
BLANK_AFTER = re.compile(r"\s?(?:[xX]{2}|\*\*)(?![\w*])")  # "20XX", "20**": a year left blank is no figure


UNIT_AFTER_FIGURE = re.compile(r"\d-")  # a figure and a hyphen before a word: the word is its unit ("90-second")
GREETINGS = frozenset("hi hello hey dear hola ciao hallo hej hei salam bonjour olá ola namaste".split())  # before a
# name in a greeting ("Hi Sanne")


def _months_only(word: str) -> bool:
    """True for a month's name, short or full, or months joined by hyphens ("Aug", "Sept-Dec")."""
    return all(part in MONTH_OF for part in word.lower().split("-"))


NAME_WORD_AFTER = re.compile(r"[ \t]+(?-i:[A-Z])[\w'’-]")  # a capitalised word right after
NAME_WORD_BEFORE = re.compile(r"[^\W_][,;]?[ \t]+(?-i:[A-Z])[\w'’-]*[ \t]+$")  # ... or right before, itself no
# sentence's first word ("W październiku", "Im März": a preposition)


def _in_a_name(text: str, match: re.Match) -> bool:
    """True when the word stands among capitalised words, as a name's part ("Mei Ling", "Ana Maja Kowalska")."""
    return NAME_WORD_AFTER.match(text, match.end()) is not None or \
        NAME_WORD_BEFORE.search(text[max(0, match.start() - NAME_WORD_REACH):match.start()]) is not None


NAME_WORD_REACH = 40  # characters before a word read for the capitalised word before it


@remembered_in_a_run
def facts_of(sentence: str) -> frozenset[str]:
    """The facts a sentence carries: numbers, number words, dates, quoted names and capitalised names (lowercased).

    Two sentences are merged only when one's facts contain the other's, so no fact is ever lost. Remembered in a
    run (one_run_memory): the passes and the guard read the same sentences and blocks again.
    """
    facts: set[str] = set()
    idiom_free = without_number_idioms(sentence)
    for match in NUMBER.finditer(sentence):
        if match.group(0) in ("19", "20") and BLANK_AFTER.match(sentence, match.end()) and \
                not sentence[max(0, match.start() - 1):match.start()] == "*":  # "**20**" is bold
            continue
        if len(match.group(0).rstrip(",")) == 2 and \
                ends_with(YEAR_RANGE_HEAD, sentence, match.start(), YEAR_RANGE_REACH):
            continue  # "2024/25", "FY2024–25", "2024-25,": the year's second half, no figure of its own
        facts.add(_figure(match))
    for match in CODE.finditer(sentence):
        facts.add(match.group(0).lower().rstrip("."))
    for match in WORD.finditer(idiom_free):
        word = match.group(0)
        low = word.lower()
        if low in NUMBER_WORDS and UNIT_AFTER_FIGURE.match(idiom_free, max(0, match.start() - 2), match.start()):
            continue  # "the 90-second target", "a 2-half match": a unit after a figure, no number of its own
        if low in FOREIGN_MONTHS and low not in DATE_WORDS and _in_a_name(idiom_free, match):
            continue  # "Mei Ling", "Ana Maja Kowalska": a name, no month
        if low in NUMBER_WORDS or low in MONTHS and (low not in AMBIGUOUS_DATES or _is_date_word(idiom_free, match)):
            facts.add(MONTH_OF.get(low, low))  # ("Oct" and "octubre" are October)
    for match in QUOTED.finditer(sentence):
        facts.add('"' + " ".join(match.group(1).lower().split()))
    unblank = NAME_SLOT.sub(lambda m: " " * len(m.group()), sentence)  # a blank left in a name ("the XX
    # department", "with [Company Name]") names nothing
    for match in CAPITAL_RUN.finditer(unblank):
        run = re.sub(r"['’]s$", "", match.group(0)).rstrip(".'’-")  # "the Courier's" names the Courier
        words = run.split()
        if not words:
            continue
        at_start = ends_with(START_AFTER, sentence, match.start(), START_AFTER_REACH)
        if at_start:
            if words[0].lower() in STOP_WORDS:
                words = words[1:]
            elif len(words) < 2 or words[1].lower() in NOT_NAMES:
                continue
            if not words:
                continue
        words = [w for w in words if w.lower() not in NOT_NAMES]
        while words and words[0].lower() in GREETINGS:
            words = words[1:]  # "Hi Sanne!", "Hola Claude!": the greeting is no part of the name
        while words and (_months_only(words[-1]) or words[-1].lower() in NAME_JOINERS):
            last = words.pop()  # "Helena Varga and I": the name is "helena varga"
            if _months_only(last):  # "in Aug", "Henrik Dahl Aug–Oct", "between September and June": the months,
                facts.update(MONTH_OF[part] for part in last.lower().split("-"))  # not a name "Dahl Aug"
        facts.add(" ".join((w[:-1] if ACRONYM_PLURAL.fullmatch(w) else w).lower() for w in words))
    facts.discard("")
    return frozenset(facts)



NAME_RUNS_LISTED_UP_TO = 8  # words: every run of a stated name this long or shorter is listed, a longer name indexed


class WordRuns:
    """Whether a list of words is a run of consecutive words of one of some word lists, without listing the runs
    (a name of n words has n(n+1)/2): a suffix automaton over the words, built in linear time and memory."""

    def __init__(self, lists: Iterable[list[str]]) -> None:
        self.edges: list[dict] = [{}]
        self.link: list[int] = [-1]
        self.length: list[int] = [0]
        last = 0
        for words in lists:
            for word in [*words, None]:  # None between the lists: no run asked about can span two of them
                last = self._extend(last, word)

    def _extend(self, last: int, word: str | None) -> int:
        """Add one word after the state `last` (the whole sequence so far); return the new whole-sequence state."""
        edges, link, length = self.edges, self.link, self.length
        new = len(edges)
        edges.append({})
        length.append(length[last] + 1)
        link.append(0)
        state = last
        while state != -1 and word not in edges[state]:
            edges[state][word] = new
            state = link[state]
        if state != -1:
            target = edges[state][word]
            if length[state] + 1 == length[target]:
                link[new] = target
            else:
                clone = len(edges)
                edges.append(dict(edges[target]))
                length.append(length[state] + 1)
                link.append(link[target])
                while state != -1 and edges[state].get(word) == target:
                    edges[state][word] = clone
                    state = link[state]
                link[target] = clone
                link[new] = clone
        return new

    def __contains__(self, words: list[str]) -> bool:
        state: int | None = 0
        for word in words:
            state = self.edges[state].get(word)
            if state is None:
                return False
        return True


class StatedFacts:
    """Facts stated in a text, and every run of consecutive words of a stated name ("Yijia" is stated by "Yijia
    Convenience"): short names' runs listed, long ones' indexed, so a name thousands of words long costs linear
    time and memory."""

    def __init__(self, facts: set[str]) -> None:
        self.facts = set(facts)
        long_names = []
        for name in [f for f in facts if " " in f and is_name(f)]:
            words = name.split()
            if len(words) > NAME_RUNS_LISTED_UP_TO:
                long_names.append(words)
                continue
            self.facts.update(" ".join(words[a:b]) for a in range(len(words)) for b in range(a + 1, len(words) + 1))
        self.long_names = WordRuns(long_names)

    def __contains__(self, fact: str) -> bool:
        return fact in self.facts or fact.split(" ") in self.long_names

    def add(self, facts: Iterable[str]) -> None:
        """State these facts too, and every run of a name's words up to NAME_RUNS_LISTED_UP_TO (a longer name's
        longer runs only whole: asking about one may then find it missing, which keeps a sentence, never cuts one)."""
        for fact in facts:
            words = fact.split()
            self.facts.add(fact)
            if len(words) > 1 and is_name(fact):
                self.facts.update(" ".join(words[a:b]) for a in range(len(words))
                                  for b in range(a + 1, min(len(words), a + NAME_RUNS_LISTED_UP_TO) + 1))


PAIRED_MONTHS_MAX = 3  # months a sentence may name and still tie one to a figure: more, and it is a list of dates ...
PAIRED_AMOUNTS_MAX = 8  # ... and amounts: more, and it is a table in prose, no one claim tying a month to a figure


CLAUSE_BREAK = re.compile(r";|,\s+(?:and|but|while|whereas|although|though|even though|despite|in spite of)\s+|"
                          r"\s[–—]\s")  # where a sentence's next
# clause starts ("… for 412 pupils, and the team grew when a clerk joined in March")


def month_figure_pairs_by_clause(text: str) -> set[tuple[str, str]]:
    """The (month, figure) pairs the text's clauses tie together, each clause on its own: a recap that lists one
    result per clause ties no month of one to the figure of another."""
    return {pair for clause in CLAUSE_BREAK.split(text) for pair in month_figure_pairs(facts_of(clause))}


def month_figure_pairs(facts: Iterable[str]) -> set[tuple[str, str]]:
    """Each (month, figure or count) a sentence's facts tie together ("in December it was under two"), or none when it
    names too many of either to make one such claim."""
    facts = set(facts)
    months = facts & MONTHS
    amounts = {fact for fact in facts if is_figure(fact) or fact in QUANTITY_WORDS} - months
    if len(months) > PAIRED_MONTHS_MAX or len(amounts) > PAIRED_AMOUNTS_MAX:
        return set()
    return {(month, amount) for month in months for amount in amounts}
