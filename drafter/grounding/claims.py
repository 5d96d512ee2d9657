"""Claims in a draft: figures, dates, years, ordinals and names, each with its line, column and sentence."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache

from drafter.grounding.quantities import (
    POINTS, QUANTITY, SCALES, SMALL, TENS, UNITS, _CUR_POST, _NUM, _SP, _Quantity, _quantity, _word_value, currency_of,
    scale_of)
from drafter.grounding.fill import _placeholder_spans
from drafter.text.numbers import ORDINAL_WORDS
from drafter.text.dates import MONTH_NUMBERS, SEASONS, WEEKDAYS
from drafter.text.sentences import ABBREVIATIONS, sentence_bounds


@dataclass
class Claim:
    """A checkable statement in a draft: its text, kind, 1-based line and column, and the sentence it is in."""

    text: str
    kind: str
    line: int
    col: int
    sentence: str
    value: object = field(default=None, repr=False, compare=False)
    offset: int = field(default=0, repr=False, compare=False)
    verdict: str | None = field(default=None, compare=False)
    reason: str = field(default="", repr=False, compare=False)
    fact: int | None = field(default=None, repr=False, compare=False)
    derivation: str = field(default="", repr=False, compare=False)

    def to_dict(self, facts: list[str] | None = None) -> dict:
        """The claim as JSON-ready data (text, kind, line, col, sentence; verdict, reason and fact when judged)."""
        out = {"text": self.text, "kind": self.kind, "line": self.line, "col": self.col, "sentence": self.sentence}
        if self.verdict:
            out["verdict"] = self.verdict
            out["reason"] = self.reason
            out["fact"] = ({"index": self.fact + 1, "text": facts[self.fact]}
                           if self.fact is not None and facts and self.fact < len(facts) else None)
        if self.derivation:
            out["derivation"] = self.derivation
        return out



MONTHS = MONTH_NUMBERS  # month names and abbreviations, one definition in drafter.text.dates
FIGURE_KINDS = ("number", "money", "percent", "duration")  # claims checked as figures ("multiple": by derivation only)
GENERIC_NAME_WORDS = frozenset(
    "of the and for de a an in at on to co company ltd limited inc corp corporation group llc plc mr ms mrs miss dr "
    "prof manager director supervisor head chief deputy vice general president leader department dept team "
    "office branch party committee".split())  # "the sub-branch Party committee": a translated template's body
NOT_NAMES = frozenset(
    "i i'm i’m i've i’ve i'd i’d i'll i’ll ok kpi kpis ceo cfo coo cto hr it yoy mom qoq faq pdf tv am pm vs "
    "internet py ly ytd fy kwh mwh gwh twh kw mw gw ml mg kg".split())
COMMON_STARTERS = frozenset(
    "a an the in on at for with by from to of as after before during through since until this that these those "
    "our my we i it its also then next finally first second third last overall meanwhile however moreover "
    "furthermore besides beyond alongside together while when where although though because so thus therefore "
    "each every all both most some many several under over above below across within without among between "
    "despite thanks compared looking going working here there what how why which who new next one two three "
    "four five six seven eight nine ten in addition".split())



_MONTH_RE = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
             r"Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)")
_FULL_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
DATE = re.compile(  # (?=\w) first, as in QUANTITY: a date starts with a word character
    rf"(?=\w)(?<![\w])(?:(?P<iso>(?:19|20)\d\d-[01]\d-[0-3]\d)"
    rf"|(?P<m1>{_MONTH_RE}){_SP}+(?P<d1>[0-3]?\d)(?:st|nd|rd|th)?(?!\d|[.,]\d|{_SP}?%)(?:,?{_SP}+(?P<y1>(?:19|20)\d\d))?"
    rf"|(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?{_SP}+(?:of{_SP}+)?(?P<m2>{_MONTH_RE})(?:,?{_SP}+(?P<y2>(?:19|20)\d\d))?"
    rf"|(?P<m3>{_MONTH_RE}),?{_SP}+(?P<y3>(?:19|20)\d\d)"
    rf"|(?P<q>[QH][1-4])(?:{_SP}+(?P<qy>(?:19|20)\d\d))?"
    rf"|(?P<m4>{_FULL_MONTH}))(?![\w])")
ORDINAL_WORD = re.compile(r"\b(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth)\b",
                          re.I)
MULTIPLE = re.compile(
    r"\b(?:(?P<verb>doubled|doubling|tripled|trebled|quadrupled|halved|halving)"
    r"|(?P<count>twice|two|three|four|five|six|seven|eight|nine|ten|\d+(?:\.\d+)?)[^\S\n]+times"
    r"(?=[^\S\n]+(?:as|more|higher|larger|bigger|greater|the|what|that|over|faster|longer)\b)"
    r"|(?P<fold>two|three|four|five|six|seven|eight|nine|ten|\d+)-?fold)\b"
    r"|\btwice(?=[^\S\n]+(?:as|the|what|that|over)\b)", re.I)
MULTIPLE_VERBS = {"doubled": 2.0, "doubling": 2.0, "tripled": 3.0, "trebled": 3.0, "quadrupled": 4.0, "halved": 2.0,
                  "halving": 2.0}
FRACTIONS = {"half": 50.0, "halves": 50.0, "third": 100 / 3, "thirds": 100 / 3, "quarter": 25.0, "quarters": 25.0,
             "fifth": 20.0, "fifths": 20.0, "tenth": 10.0, "tenths": 10.0}
FRACTION = re.compile(
    r"\b(?:(?P<count>a|one|two|three|four|nine)[^\S\n]*-?[^\S\n]*(?P<part>halves|half|thirds?|quarters?|fifths?|tenths?)"
    r"(?![^\S\n]*-?[^\S\n]*(?:quarter|half)\b)"  # not "a third-quarter clean-up": an ordinal of a period
    r"|(?<![\d.,])(?P<num>one|two|three|four|five|six|seven|eight|nine|\d)[^\S\n]+(?:in|out[^\S\n]+of)[^\S\n]+(?:every[^\S\n]+)?"
    r"(?P<den>two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|\d{1,2})(?![\d,]|\.\d))\b", re.I)
PER_HUNDRED = re.compile(  # "92 out of every 100", "94 in every hundred", "16 in every 1,000": a percentage written out
    r"(?<![\w.,])(?P<num>\d{1,3}(?:\.\d+)?)[^\S\n]+(?:in|out[^\S\n]+of)[^\S\n]+(?:every[^\S\n]+)?"
    r"(?:(?P<hundred>100|a[^\S\n]+hundred|one[^\S\n]+hundred)|1,?000|a[^\S\n]+thousand|one[^\S\n]+thousand)"
    r"(?![\d,.])\b", re.I)
COMPOUND_UNITS = {"hour": "hour", "hours": "hour", "hr": "hour", "hrs": "hour", "h": "hour", "minute": "minute",
                  "minutes": "minute", "min": "minute", "mins": "minute", "second": "second", "seconds": "second",
                  "sec": "second", "secs": "second", "s": "second"}
_COMPOUND_NUMBER = r"\d{1,4}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty"
COMPOUND_DURATION = re.compile(  # (?=\w) first, as in QUANTITY
    rf"(?=\w)(?<![\w.,])(?P<big>{_COMPOUND_NUMBER})[^\S\n]*(?P<big_unit>hours?|hrs?|h|minutes?|mins?|min)\.?"
    rf"(?:,?[^\S\n]+and)?[^\S\n]+(?P<small>\d{{1,2}}|{_COMPOUND_NUMBER})[^\S\n]*"
    rf"(?P<small_unit>minutes?|mins?|min|seconds?|secs?|sec|s)\b\.?", re.I)
_HALF_UNIT = r"hours?|weeks?|days?|months?|years?|minutes?"
_PART_WORDS = r"a[^\S\n]+half|a[^\S\n]+quarter|three(?:-|[^\S\n]+)quarters?"  # "and a half", "and three-quarter(s)"
_PART, _PART_AFTER = rf"(?P<part>{_PART_WORDS})", rf"(?P<part_after>{_PART_WORDS})"
PARTS = {"a half": 0.5, "a quarter": 0.25, "three quarter": 0.75, "three quarters": 0.75}  # the fraction a part adds
AND_A_HALF = re.compile(
    rf"(?<![\w.,])(?:(?P<n>\d{{1,3}}|{_COMPOUND_NUMBER})[^\S\n]+and[^\S\n]+{_PART}(?:[^\S\n]+(?P<unit_after>{_HALF_UNIT}))?"
    rf"|an?[^\S\n]+(?P<unit>hour|week|day|month|year|minute)[^\S\n]+and[^\S\n]+{_PART_AFTER})\b", re.I)
HALF_OF_ONE = re.compile(  # "half an hour", "a quarter of an hour", "half a million": a part of one unit or scale
    r"(?<![\w-])(?P<part>half|a[^\S\n]+quarter[^\S\n]+of|three[^\S\n]+quarters[^\S\n]+of)[^\S\n]+an?[^\S\n]+"
    r"(?P<unit>hour|day|week|month|year|minute|million|billion)\b", re.I)
HALF_OF_ONE_PARTS = {"half": 0.5, "a quarter of": 0.25, "three quarters of": 0.75}
FORTNIGHT = re.compile(r"\b(?:(?:a|one|every|each|per)[^\S\n]+fortnight|fortnightly)\b", re.I)  # two weeks
FORTNIGHT_WEEKS = 2.0
SCALE_AFTER_PART = re.compile(r"[^\S\n]+(thousand|million|billion)\b", re.I)  # "and a half thousand"
# "7:40" read as a duration (minutes and seconds; hours and minutes before "hours") where it times something, not as
# a time of day ("opens at 7:30", "9:30 am"), which stays a literal
CLOCK_DURATION = re.compile(r"(?<![\w.,:])(?P<big>\d{1,2}):(?P<small>[0-5]\d)(?![\w:]|[.,]\d)"
                            r"(?:[^\S\n]*(?P<unit>minutes?|mins?|hours?|hrs?)\b)?", re.I)
CLOCK_TIMES_SOMETHING = re.compile(  # the words before a clock reading that say it measures a duration
    r"\b(?:handl\w*|wait\w*|talk|hold|answer\w*|respon\w*|AHT|ASA|durations?|times?|took|lasts?|lasted|"
    r"average\w*|speed|queue\w*|turnaround|call\w*)\b(?:[^.;:\n]|(?<=\d)[.:](?=\d)){0,60}$", re.I)
CLOCK_CONTEXT_WINDOW = 80  # characters before a clock reading read for what it times or for a time of day's "at"
CLOCK_OF_DAY = re.compile(r"\b(?:at|by|until|till|before|after|opens?|opened|closes?|closed)[^\S\n]+$", re.I)
CLOCK_OF_DAY_AFTER = re.compile(r"[^\S\n]*(?:[ap]\.?m\b|o['’]clock|GMT|UTC|local)", re.I)
YEAR_SPAN = re.compile(r"(?<![\w/])(?:FY[^\S\n]?)?(?P<first>(?:19|20)\d\d)[^\S\n]?[/–-][^\S\n]?(?P<last>(?:19|20)\d\d|\d\d)"
                       r"(?![\w/%-])", re.I)
SPAN = "span"  # the unit of a year claim that names a financial or academic year: its mantissa is the last year
RATING_BASE = re.compile(r"\d[^\S\n]*(?:/|out[^\S\n]+of)[^\S\n]*$", re.I)
POSSESSIVE_BEFORE = re.compile(r"\b(?:his|her|their|my|our|its|your)[^\S\n]+$", re.I)
HALF_POINTS = re.compile(r"[^\S\n]*(?:%|percent(?:age[^\S\n]+points?)?|per[^\S\n]+cent|points?)", re.I)
FRACTION_DECIMALS = -1  # a fraction in words is a rounding to the nearest ten percent at best
ORDINAL_CLAIM_NOUN = re.compile(r"[^\S\n]*-?[^\S\n]*(?:place|prize|award|rank|ranking|position|quarter|half|year|"
                                r"round|batch|phase|consecutive|straight|runner)\b", re.I)
RANK_VERB = re.compile(r"\b(?:ranked|ranking|rank|came|come|finished|placed|won|took|rated|was|were|is|are)"
                       r"(?:[^\S\n]+(?:the|in|at))?[^\S\n]*$", re.I)
ORDINAL_IDIOM = re.compile(  # "our first concern", "first and foremost": an ordinal that ranks nothing
    r"[^\S\n]+(?:concerns?|priorit(?:y|ies)|steps?|time|and[^\S\n]+foremost|glance|sight|hand|class|rate|line|choice|"
    r"things?|tasks?|dut(?:y|ies)|principle|consideration|mission|responsibility|impression|instance|nature|"
    r"person|thought|duty|requirement|of[^\S\n]+all)\b", re.I)
SHARED_UNIT = re.compile(rf"{_SP}*(?:to|and|or|-|–){_SP}*(?:{_NUM}){_SP}?(?:-{_SP}?)?((?:working|business|calendar){_SP}+days?|days?|"
                         r"weeks?|months?|hours?|minutes?)\b", re.I)
UNIT_BEFORE = re.compile(rf"(?:{_NUM}|\b[a-z]+){_SP}?((?:working|business|calendar){_SP}+days?|days?|weeks?|wks?|months?|"
                         rf"mths?|hours?|hrs?|minutes?|mins?)\b(?:{_SP}+(?:on average|in total|each|per \w+|to [a-z]+))?"
                         rf"(?:{_SP}*(?:,|\(){_SP}*|{_SP}+)(?:to|-|–|->|→|was|were|"
                         rf"(?:down |up )?from|compared (?:with|to)|vs\.?|versus|rather than|instead of){_SP}*$", re.I)
# "from 6 days to 3", "24 minutes, was 33", "24 mins … compared with 33": the second figure counts minutes too
UNIT_HINT = re.compile(r"day|week|wk|month|mth|hour|hr|min", re.I)  # every unit UNIT_BEFORE reads holds one: a
# window without any is not searched (the cheap test first)
BARE_AFTER = re.compile(r"[^\S\n]*(?:$|[^\w\s]|(?:in|on|at|by|for|this|last|per|and|with|after|over|during|since|"
                        r"when|while|as|from|a|an|the|before|previously|earlier)\b)", re.I)  # what may follow a figure that counts nothing new
HYPHENED_ADJECTIVE = re.compile(r"[A-Z][\w’']*-[a-z][a-z-]*")  # a capitalised word joined to a lower-case one
PAST_VERBS = frozenset("took led ran made won set cut built grew kept held sent brought taught began drove gave got "
                       "met hit paid sold bought wrote spent went rose fell brought chose found came stood saw did beat".split())
LITERAL = re.compile(r"(?<![\w:])\d{1,2}:\d{2}(?![\w:])|\bNo\.[^\S\n]?\d+\b|(?<![\w&])#\d+\b")
CAP_WORD = r"(?:[A-Z][\w’'&.-]*[\w]|[A-Z])\.?"
NAME_PARTICLES = "van|von|der|den|del|da|di|du|dos|das|de"  # "Ruan van Wyk", "Ursula von der Leyen": one name
CAP_RUN = re.compile(rf"(?<![\w’'])(?:{CAP_WORD})(?:(?:{_SP}+(?:of(?:{_SP}+the)?|for|{NAME_PARTICLES}|&)(?:{_SP}+(?:{NAME_PARTICLES}))?"
                     rf"{_SP}+|{_SP}+)(?:{CAP_WORD}))*")
QUOTED = re.compile(r"[\"“]([^\"“”\n]{2,80}?)[\"”]")
WORD = re.compile(r"[^\W_]+")
WORD_CHAR = re.compile(r"[^\W_]")
SHARED_SCALE = re.compile(  # "2 to 3 million", "from 42.7 to 48.3 hundred-million yuan": the first figure is scaled too
    rf"{_SP}*(?:to|and|or|-|–){_SP}*(?:{_NUM}){_SP}?(ten(?:-|{_SP})thousand|hundred(?:-|{_SP})million|thousand|million|"
    rf"billion|[kKmM]\b|bn\b)(?:{_SP}({_CUR_POST}))?")
SHARED_SCALE_WINDOW = 48  # characters after a figure read for the scale it shares with the next one
NON_BLANK = re.compile(r"\S+")
QUARTER_NAME = re.compile(r"[QH][1-4]")
SEASON_DATE = re.compile(r"\b(?:over|in|during|from|by|through|throughout|across|since|until|this|last|early|late)"
                         r"(?:[^\S\n]+the)?(?:[^\S\n]+(?:early|late))?[^\S\n]+(?P<season>spring|summer|autumn|fall|winter)\b"
                         r"(?![^\S\n]+(?:term|reading|festival|fair|campaign|school|menu|sale|show|collection))", re.I)
NEXT_WORD = re.compile(r"(?:[^\S\n]+|-)([^\W_]+)")
NAME_ABBREVIATION_END = re.compile(r"\b(?:Co|Ltd|Inc|Corp|Bros|St|Dept|No)\.$")  # a name ending in "Co." keeps it
NEEDS = {  # text none of whose (lower-cased) strings a pattern needs holds no match of it: the scan is skipped
    "MULTIPLE": ("doubl", "tripl", "trebl", "quadrupl", "halv", "times", "fold", "twice"),
    "AND_A_HALF": ("half", "quarter"),
    "CLOCK_DURATION": (":",),
    "HALF_OF_ONE": ("half", "quarter"),
    "FORTNIGHT": ("fortnight",),
    "PER_HUNDRED": ("100", "hundred", "000", "thousand"),
    "ORDINAL_WORD": ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
                     "eleventh", "twelfth"),
    "QUOTED": ('"', "“"),
    "SEASON_DATE": ("spring", "summer", "autumn", "fall", "winter"),
    "LITERAL": (":", "no.", "#"),
}
CASE_BLIND_EXTRAS = ("\u0130", "\u0131", "\u017f", "\u212a")  # non-ASCII letters re.I matches to ASCII ones
SIBILANT_PLURALS = ("ches", "shes", "xes", "sses")  # plurals that add "es": the "es" goes
STEM_CACHE = 65536  # distinct words whose folded plural is remembered
NAME_TOKENS_CACHE = 16384  # distinct names (and short texts) whose tokens are remembered
LIST_MARKER = re.compile(r"^(\s*)(?:[-*+•]|\d{1,3}[.)、,，]|\(\w{1,3}\)|[a-z]\))(?=\s)")
HEADING_LINE = re.compile(r"^\s{0,3}(#{1,6})(\s+(?:\d{1,3}[.)、](?:\d{1,3}[.)、]?)*(?:\s+|$)|[IVX]{1,5}[.)](?:\s+|$))?)?")
LABEL = re.compile(r"^\s*(?:(?:[-*+•]|\d{1,3}[.)])\s+)?(\*\*|__)[^*_\n]{1,80}?\1:?")
URL = re.compile(r"https?://\S+|www\.\S+|\]\([^)\n]*\)")
FENCE = re.compile(r"^\s*(```|~~~)")


# ---------------------------------------------------------------------------------------------------------------
# masking: parts of the text that are never claims, blanked with spaces so offsets stay put


def _blank(chars: list[str], start: int, end: int) -> None:
    for index in range(start, end):
        if chars[index] != "\n":
            chars[index] = " "


def _masks(text: str, placeholder_spans: list[tuple[int, int]], titles: bool = True) -> tuple[str, str]:
    """Two masked copies of text: one for figures (structure blanked) and one for names (headings, labels too;
    with `titles`, a short capitalised line standing alone, a title, too: a fact's line is never a title)."""
    figures = list(text)
    lines = text.split("\n")
    offsets, pos = [], 0
    for line in lines:
        offsets.append(pos)
        pos += len(line) + 1
    name_blank: list[tuple[int, int]] = []
    start = 0
    if lines and lines[0].strip() == "---":
        for index in range(1, len(lines)):
            if lines[index].strip() in ("---", "..."):
                _blank(figures, 0, offsets[index] + len(lines[index]))
                start = index + 1
                break
    in_fence = False
    for index in range(start, len(lines)):
        line, base = lines[index], offsets[index]
        if FENCE.match(line):
            in_fence = not in_fence
            _blank(figures, base, base + len(line))
            continue
        if in_fence:
            _blank(figures, base, base + len(line))
            continue
        head = HEADING_LINE.match(line)
        if head and head.group(1):
            _blank(figures, base, base + head.end())
            name_blank.append((base, base + len(line)))
            continue
        marker = LIST_MARKER.match(line)
        if marker:
            _blank(figures, base + len(marker.group(1)), base + marker.end())
        label = LABEL.match(line)
        if label:
            name_blank.append((base, base + label.end()))
        stripped = line.strip()
        if titles and stripped and len(stripped.split()) <= 12 and not re.search(r"[.!?:;,]$", stripped) and \
                (index == 0 or not lines[index - 1].strip()) and (index + 1 >= len(lines) or not lines[index + 1].strip()) \
                and sum(w[:1].isupper() for w in stripped.split()) >= max(2, len(stripped.split()) * 0.6):
            name_blank.append((base, base + len(line)))
    for match in URL.finditer(text):
        _blank(figures, match.start(), match.end())
    for a, b in placeholder_spans:
        _blank(figures, a, b)
    names = list("".join(figures))
    for a, b in name_blank:
        _blank(names, a, b)
    return "".join(figures), "".join(names)


# ---------------------------------------------------------------------------------------------------------------
# sentences and positions


class _Layout:
    """Line starts and sentence spans of a text, to give each claim its line, column and sentence."""

    def __init__(self, text: str, masked: str | None = None) -> None:
        self.text = text
        masked = text if masked is None else masked
        self.line_starts = [0] + [m.end() for m in re.finditer(r"\n", text)]
        self._sentences_text: dict[int, str] = {}
        self.spans = self._sentences(text)
        self.span_starts = [a for a, _ in self.spans]
        self.first_words: set[int] = set()
        for a, b in self.spans:
            match = WORD_CHAR.search(masked, a, b)
            if match:
                self.first_words.add(match.start())
        for match in re.finditer(r"[:;][*_]*\s+[\"“(*_]*(?=[^\W_])", masked):
            self.first_words.add(match.end())

    @staticmethod
    def _sentences(text: str) -> list[tuple[int, int]]:
        spans: list[tuple[int, int]] = []
        blocks: list[tuple[int, int]] = []
        block_start: int | None = None
        pos = 0
        for line in text.split("\n"):
            end = pos + len(line)
            heading = HEADING_LINE.match(line)
            is_heading = bool(heading and heading.group(1))
            if not line.strip() or is_heading or LIST_MARKER.match(line):
                if block_start is not None:
                    blocks.append((block_start, pos - 1))
                    block_start = None
            if is_heading:
                blocks.append((pos, end))
            elif line.strip() and block_start is None:
                block_start = pos
            pos = end + 1
        if block_start is not None:
            blocks.append((block_start, len(text)))
        for a, b in blocks:  # one sentence splitter for cleanup and grounding: drafter.text.sentences
            b = min(b, len(text))
            spans += [(a + start, a + end) for start, end, _ in sentence_bounds(text[a:b])]
        return spans

    def position(self, offset: int) -> tuple[int, int]:
        """1-based line and column of a character offset."""
        index = bisect.bisect_right(self.line_starts, offset) - 1
        return index + 1, offset - self.line_starts[index] + 1

    def sentence(self, offset: int) -> str:
        """The sentence holding a character offset, on one line."""
        index = bisect.bisect_right(self.span_starts, offset) - 1
        if index < 0:
            return ""
        cached = self._sentences_text.get(index)
        if cached is None:  # one string per sentence, shared by all its claims (a long one holds thousands)
            a, b = self.spans[index]
            text = self.text[a:b]
            text = (HEADING_LINE.sub("", text, count=1) if text.lstrip().startswith("#")
                    else LIST_MARKER.sub("", text, count=1))
            cached = self._sentences_text[index] = " ".join(text.split())
        return cached

    def starts_sentence(self, offset: int) -> bool:
        """True when the word at offset is the first of its sentence (or follows a colon)."""
        return offset in self.first_words


# ---------------------------------------------------------------------------------------------------------------
# extraction


def _scan(pattern: re.Pattern, name: str, text: str, lowered: str | None):
    """pattern.finditer(text), skipped when the lower-cased text lacks every string NEEDS[name] says it needs."""
    if lowered is not None and not any(needed in lowered for needed in NEEDS[name]):
        return iter(())
    return pattern.finditer(text)


def _lowered(text: str) -> str | None:
    """text lower-cased for NEEDS, or None (always scan) when it holds a letter that a case-blind pattern reads as
    an ASCII one but lower() does not turn into it ("ſ", "ı", "İ", Kelvin "K")."""
    return None if any(letter in text for letter in CASE_BLIND_EXTRAS) else text.lower()


def _name_tokens(text: str) -> list[str]:
    """The stemmed lower-case words of a name or text (possessive 's dropped), in order."""
    return list(_name_tokens_of(text))


@lru_cache(maxsize=NAME_TOKENS_CACHE)
def _name_tokens_of(text: str) -> tuple[str, ...]:
    """_name_tokens() remembered: the index and every verdict read the same names' tokens again."""
    return tuple(_stem(w) for w in WORD.findall(text.lower().replace("’s", "").replace("'s", "")))


@lru_cache(maxsize=STEM_CACHE)
def _stem(word: str) -> str:
    """A word with its plural ending folded ("companies" -> "company", "branches" -> "branch")."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith(SIBILANT_PLURALS):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def _extract(text: str, placeholder_spans: list[tuple[int, int]] | None = None,
             lowercase_words: set[str] | None = None, titles: bool = True) -> list[Claim]:
    """All claims in text with positions; spans of placeholders are skipped."""
    return extract_with_layout(text, placeholder_spans, lowercase_words, titles)[0]


def extract_with_layout(text: str, placeholder_spans: list[tuple[int, int]] | None = None,
                        lowercase_words: set[str] | None = None, titles: bool = True) -> tuple[list[Claim], "_Layout"]:
    """All claims in text, and the text's layout (lines and sentences) they were placed with (`titles`: see
    _masks)."""
    figures, names = _masks(text, placeholder_spans or [], titles)
    layout = _Layout(text, figures)
    lowercase_words = set(lowercase_words or ()) | {w for w in WORD.findall(text) if w.islower()}
    claims: list[Claim] = []
    taken = bytearray(len(text) + 1)

    def add(start: int, end: int, kind: str, value: object) -> None:
        line, col = layout.position(start)
        claims.append(Claim(text[start:end], kind, line, col, layout.sentence(start), value, start))
        taken[start:end] = b"\x01" * (end - start)

    def free(start: int, end: int) -> bool:
        return taken.find(1, start, end) < 0

    for match in DATE.finditer(figures):
        g = match.groupdict()
        if g["q"]:
            add(match.start(), match.end(), "date", {"quarter": (g["q"][0].upper(), int(g["q"][1])),
                                                     "year": int(g["qy"]) if g["qy"] else None})
            continue
        if g["iso"]:
            year, month, day = (int(p) for p in g["iso"].split("-"))
            add(match.start(), match.end(), "date", {"month": month, "day": day, "year": year})
            continue
        month_name = g["m1"] or g["m2"] or g["m3"] or g["m4"]
        month = MONTHS.get(month_name.rstrip(".").lower())
        if month is None:
            continue
        if g["m4"]:
            if month_name == "May":
                before = figures[max(0, match.start() - 12):match.start()].lower()
                if not re.search(r"\b(?:in|by|since|until|till|from|of|during|early|late|mid|end|before|after|"
                                 r"through|to|and)\s*-?\s*$|\b(?:jan|feb|mar|apr|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
                                 r"\s*[–-]\s*$", before):  # "March–May"
                    continue
        day = g["d1"] or g["d2"]
        year = g["y1"] or g["y2"] or g["y3"]
        if day and not 1 <= int(day) <= 31:
            continue
        add(match.start(), match.end(), "date", {"month": month, "day": int(day) if day else None,
                                                 "year": int(year) if year else None})

    lowered = _lowered(figures)
    for match in _scan(SEASON_DATE, "SEASON_DATE", figures, lowered):  # "over the summer", "from the spring": months of an event
        start = match.start("season")
        if free(start, match.end()):
            add(start, match.end(), "date", {"season": match.group("season").lower(), "year": None})

    for match in _scan(MULTIPLE, "MULTIPLE", figures, lowered):
        factor = _multiple_value(match)
        if factor is not None and free(match.start(), match.end()):  # "doubled", "three times as many"
            add(match.start(), match.end(), "multiple", _Quantity(factor, factor, "multiple", "times", False, 1,
                                                                  match.group(0)))

    for match in YEAR_SPAN.finditer(figures):  # "FY2025/26", "academic year 2025-26": one year claim for both
        first = int(match.group("first"))
        last = match.group("last")
        last_year = int(last) if len(last) == 4 else first // 100 * 100 + int(last)
        if last_year == first + 1 and free(match.start(), match.end()):
            add(match.start(), match.end(), "year", _Quantity(float(first), float(last_year), "year", SPAN, False, 0,
                                                             match.group(0)))

    # "seven and a half hours", "an hour and a half": x.5 of a unit
    for match in _scan(AND_A_HALF, "AND_A_HALF", figures, lowered):
        quantity = _and_a_half(match)
        if quantity is None:
            continue
        end = match.start() + len(quantity.written)  # "three and a half thousand" ends past its scale
        if free(match.start(), end):
            add(match.start(), end, quantity.kind, quantity)

    for match in _scan(HALF_OF_ONE, "HALF_OF_ONE", figures, lowered):
        if free(match.start(), match.end()):
            part = HALF_OF_ONE_PARTS[" ".join(match.group("part").casefold().split())]
            unit = match.group("unit").lower()
            if unit in SCALES:  # "half a million": 500,000
                add(match.start(), match.end(), "number", _Quantity(part * scale_of(unit), part, "number", None, True, 1,
                                                                    match.group(0)))
            else:
                add(match.start(), match.end(), "duration", _Quantity(part, part, "duration", UNITS[unit], False, 2,
                                                                      match.group(0)))

    for match in _scan(FORTNIGHT, "FORTNIGHT", figures, lowered):  # "once a fortnight": every two weeks
        if free(match.start(), match.end()):
            add(match.start(), match.end(), "duration", _Quantity(FORTNIGHT_WEEKS, FORTNIGHT_WEEKS, "duration", "week",
                                                                  False, 0, match.group(0)))

    for match in _scan(PER_HUNDRED, "PER_HUNDRED", figures, lowered):
        if free(match.start(), match.end()):
            number = match.group("num")
            decimals = len(number.split(".")[1]) if "." in number else 0
            share = float(number) if match.group("hundred") else float(number) / 10  # per thousand: a tenth
            if match.group("hundred") is None:
                decimals += 1
            if share <= 100:
                add(match.start(), match.end(), "percent", _Quantity(share, share, "percent", None, False,
                                                                     decimals, match.group(0)))

    for match in FRACTION.finditer(figures):
        if free(match.start(), match.end()):
            share = _fraction_value(match)
            if share is not None:  # "a third", "three quarters", "four in five": a loose percentage
                add(match.start(), match.end(), "percent", _Quantity(share, share, "percent", None, False,
                                                                     FRACTION_DECIMALS, match.group(0)))

    for match in _scan(CLOCK_DURATION, "CLOCK_DURATION", figures, lowered):  # "from 7:40 to 6:15 minutes"
        quantity = _clock_duration(match)
        if quantity is not None and free(match.start(), match.end()):
            add(match.start(), match.end(), "duration", quantity)

    for match in _scan(LITERAL, "LITERAL", figures, lowered):
        if free(match.start(), match.end()):
            add(match.start(), match.end(), "number", _Quantity(0.0, 0.0, "literal", written=match.group(0)))

    for match in COMPOUND_DURATION.finditer(figures):  # "3 minutes 40 seconds", "1 h 30 min": one figure
        quantity = _compound_duration(match)
        if quantity is not None and free(match.start(), match.end()):
            add(match.start(), match.end(), "duration", quantity)

    for match in QUANTITY.finditer(figures):
        if not match.group(0).strip() or not free(match.start(), match.end()):
            continue
        quantity = _quantity(match)
        if quantity is None:
            continue
        start, end = match.start(), match.end()
        if RATING_BASE.search(figures, max(0, start - 12), start):
            continue  # the 5 of "4.8/5" or "4.6 out of 5" is the scale of a rating, not a figure
        if quantity.kind == "percent" and match.group("unit"):
            end = match.start("unit")  # "5.7% year on year": the year is no unit of a percentage
            end = len(figures[:end].rstrip("- \t"))
        if WORD_CHAR.match(figures, end, end + 1):
            continue
        if match.group("word") and match.group("word").lower() in ("a", "one"):
            continue
        if match.group("word") and re.match(r"-?thirds?\b", figures[end:end + 8].lstrip()):
            continue
        if quantity.kind in ("number", "year") and not quantity.scaled:
            shared = SHARED_SCALE.match(figures[end:end + SHARED_SCALE_WINDOW])
            if shared:
                scale = scale_of(shared.group(1))
                currency = currency_of(shared.group(2) or "")
                quantity = _Quantity(quantity.mantissa * scale, quantity.mantissa, "money" if currency else "number",
                                     currency, True, quantity.decimals, quantity.written)
        if quantity.kind == "number" and not quantity.scaled:
            shared_unit = SHARED_UNIT.match(figures, end)  # "from 21 to 14 days": 21 counts days too
            if not shared_unit and BARE_AFTER.match(figures, end) and UNIT_HINT.search(figures, max(0, start - 40),
                                                                                         start):
                shared_unit = UNIT_BEFORE.search(figures, max(0, start - 40), start)
            if shared_unit:
                quantity = _Quantity(quantity.value, quantity.mantissa, "duration",
                                     UNITS[" ".join(shared_unit.group(1).casefold().split())], False,
                                     quantity.decimals, quantity.written)
        if quantity.kind == "ordinal" and quantity.unit is None:
            quantity.unit = _next_key(figures, end)
        add(start, end, quantity.kind, quantity)

    for match in _scan(QUOTED, "QUOTED", names, lowered):
        inner = match.group(1)
        words = inner.split()
        if len(words) > 1 and not any(w[:1].isupper() for w in words):
            continue  # "people's railway for the people": a quoted slogan names nothing
        if re.search(r"[A-Za-z]", inner) and len(words) <= 10:
            add(match.start(1), match.end(1), "name", {"quoted": True})

    for match in _scan(ORDINAL_WORD, "ORDINAL_WORD", figures, lowered):
        if not free(match.start(), match.end()):
            continue
        if re.search(r"\bin the[^\S\n]+$", figures[max(0, match.start() - 8):match.start()], re.I) and \
                re.match(r"[^\S\n]+place\b", figures[match.end():match.end() + 7]):
            continue  # "in the first place"
        if not (ORDINAL_CLAIM_NOUN.match(figures, match.end())
                or RANK_VERB.search(figures[max(0, match.start() - 24):match.start()])):
            continue  # "in the first place", "put customers first": an ordinal that ranks nothing
        if figures[match.end():match.end() + 1] == "-" and not ORDINAL_CLAIM_NOUN.match(figures, match.end()):
            continue  # "first-contact resolution", "third-party": a compound, not a ranking
        if POSSESSIVE_BEFORE.search(figures, max(0, match.start() - 8), match.start()):
            continue  # "through his first year": a stage of someone's life, not a ranking
        word = match.group(0).lower()
        after = figures[match.end():match.end() + 12]
        before = figures[max(0, match.start() - 6):match.start()].lower()
        if layout.starts_sentence(match.start()) and re.match(r"\s*,", after):
            continue
        if ORDINAL_IDIOM.match(figures, match.end()) or before.endswith("in the ") and re.match(r"\s+place\b", after):
            continue
        if re.match(r"\s+of\s+all\b", after) or before.endswith("at ") or word == "second" and (
                re.match(r"s?\b", after) and re.search(r"\d\s*$|\ba\s*$|\bper\s*$", before)):
            continue
        add(match.start(), match.end(), "ordinal", _Quantity(float(ORDINAL_WORDS[word]), float(ORDINAL_WORDS[word]),
                                                             "ordinal", _next_key(figures, match.end())))

    for match in CAP_RUN.finditer(names):
        words = [(m.start(), m.group(0)) for m in NON_BLANK.finditer(names, match.start(), match.end())]
        while words and (words[-1][1].rstrip(".").lower() in ("of", "and", "for", "the", "de", "&")):
            words.pop()
        keep: list[tuple[int, str]] = []
        for offset, word in words:
            bare = word.rstrip(".,")
            low = bare.lower()
            if (low in MONTHS and len(low) > 3 or low == "may") or low in WEEKDAYS \
                    or low in SEASONS or QUARTER_NAME.fullmatch(bare) or low in NOT_NAMES \
                    or not free(offset, offset + len(word)):
                if keep:
                    _add_run(keep, layout, lowercase_words, add, free)
                keep = []
                continue
            keep.append((offset, word))
            stem = word.rstrip(".")
            if word.endswith(".") and len(stem) > 1 and stem.lower() not in ABBREVIATIONS:
                _add_run(keep, layout, lowercase_words, add, free)
                keep = []
        if keep:
            _add_run(keep, layout, lowercase_words, add, free)

    claims.sort(key=lambda c: c.offset)
    return claims, layout


def _multiple_value(match: re.Match) -> float | None:
    """The factor a multiple states ("tripled": 3; "halved": 2, a change by a factor of two)."""
    if match.group("verb"):
        return MULTIPLE_VERBS[match.group("verb").casefold()]
    word = (match.group("count") or match.group("fold") or "twice").lower()
    if word == "twice":
        return 2.0
    return float(word) if word[0].isdigit() else _word_value(word)


def _clock_duration(match: re.Match) -> _Quantity | None:
    """A clock reading that times something ("handle time 7:40") as one duration (460 seconds), or None for a time
    of day ("opens at 7:30", "9:30 am") or a reading with nothing timed before it."""
    text, start = match.string, match.start()
    unit = COMPOUND_UNITS.get((match.group("unit") or "").lower())
    before = text[max(0, start - CLOCK_CONTEXT_WINDOW):start]
    if CLOCK_OF_DAY_AFTER.match(text, match.end("small")) or CLOCK_OF_DAY.search(before) or (
            unit is None and not CLOCK_TIMES_SOMETHING.search(before)):
        return None
    big, small = int(match.group("big")), int(match.group("small"))
    total = big * 60 + small
    return _Quantity(total, total, "duration", "minute" if unit == "hour" else "second", False, 0, match.group(0))


def _and_a_half(match: re.Match) -> _Quantity | None:
    """A figure and a half or a quarter ("nine and a half weeks", "an hour and a half", "one and three-quarter
    minutes") as one figure (9.5 weeks, 1.5 hours, 1.75 minutes)."""
    number = match.group("n")
    whole = 1.0 if number is None else float(number) if number.isdigit() else _word_value(number)
    if whole is None:
        return None
    unit_word = (match.group("unit") or match.group("unit_after") or "").lower()
    unit = UNITS.get(unit_word) if unit_word else None
    part = " ".join((match.group("part") or match.group("part_after")).lower().replace("-", " ").split())
    value = whole + PARTS[part]
    scale = SCALE_AFTER_PART.match(match.string, match.end())
    if unit is None and scale:  # "three and a half thousand": 3,500, written to the end of its scale word
        return _Quantity(value * scale_of(scale.group(1)), value, "number", None, True, 1,
                         match.string[match.start():scale.end()])
    if unit is None:
        points = HALF_POINTS.match(match.string, match.end())
        if points:  # "four and a half percentage points"
            return _Quantity(value, value, "percent", POINTS if "point" in points.group(0).lower() else None, False, 1,
                             match.group(0))
        return _Quantity(value, value, "number", None, False, 1, match.group(0))
    return _Quantity(value, value, "duration", unit, False, 1, match.group(0))


def _compound_duration(match: re.Match) -> _Quantity | None:
    """A duration written in two units ("3 min 40 s") as one figure in the smaller unit (220 seconds)."""
    big, small = (COMPOUND_UNITS[match.group(k).lower().rstrip(".")] for k in ("big_unit", "small_unit"))
    if (big, small) not in (("hour", "minute"), ("minute", "second")):
        return None
    values = [float(v) if v.isdigit() else _word_value(v) for v in (match.group("big"), match.group("small"))]
    if values[0] is None or values[1] is None or values[1] >= 60:
        return None
    total = values[0] * 60 + values[1]
    return _Quantity(total, total, "duration", small, False, 0, match.group(0))


def _fraction_value(match: re.Match) -> float | None:
    """The percentage a fraction in words stands for ("a third": 33.3), or None for a non-fraction."""
    if match.group("part"):
        count = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "nine": 9}[match.group("count").casefold()]
        return count * FRACTIONS[match.group("part").casefold()]
    num, den = (_word_value(w) if not w.isdigit() else float(w) for w in (match.group("num"), match.group("den")))
    if not num or not den or num >= den:
        return None
    return 100.0 * num / den


def _next_key(text: str, end: int) -> str | None:
    """The word after an ordinal, normalised (number words as digits), to tell "first half" from "first place"."""
    match = NEXT_WORD.match(text[end:end + 40])  # "first quarter", "first-quarter"
    if not match:
        return None
    word = match.group(1).lower()
    value = _word_value(word) if word in SMALL or word in TENS else None
    return str(int(value)) if value is not None else _stem(word)


def _add_run(words: list[tuple[int, str]], layout: _Layout, lowercase_words: set[str], add, free) -> None:
    """Add a capitalised run as a name claim, after dropping sentence-initial common words."""
    at_start = layout.starts_sentence(words[0][0])
    dropped = False
    first = words[0][1].lower().strip(".,")
    if at_start and (first in COMMON_STARTERS or first in lowercase_words or first in PAST_VERBS
                     or (first.endswith("ed") and len(first) > 4)):
        words = words[1:]
        dropped = True
    while words and words[-1][1].rstrip(".").lower() in ("of", "and", "for", "the", "de", "&"):
        words = words[:-1]
    while words and words[0][1].lower() in ("the", "a", "an", "of", "for", "and", "in", "on", "at", "to", "by"):
        words = words[1:]
        dropped = True
    if not words:
        return
    if at_start and not dropped and len(words) == 1:
        return
    start = words[0][0]
    last = words[-1]
    end = last[0] + len(last[1].rstrip(",;:"))
    text = layout.text[start:end]
    if text.endswith(".") and not NAME_ABBREVIATION_END.search(text):
        text = text[:-1]
        end -= 1
    for suffix in ("’s", "'s"):
        if text.endswith(suffix):
            text, end = text[: -len(suffix)], end - len(suffix)
    tokens = [t for t in _name_tokens(text) if t not in GENERIC_NAME_WORDS]
    if not tokens or all(t.isdigit() for t in tokens) or not free(start, end):
        return
    if HYPHENED_ADJECTIVE.fullmatch(text):
        return  # "Spanish-speaking", "UK-based": a describing word, not a name
    add(start, end, "name", {"quoted": False})


def extract_claims(text: str) -> list[Claim]:
    """Every checkable figure, date and name in a draft with its line:col and sentence (placeholders excluded)."""
    return _extract(text, [(a, b) for a, b, _ in _placeholder_spans(text)])


def fact_claims(text: str) -> list[Claim]:
    """Every figure, date and name of a fact's text (a fact's short capitalised line is no title)."""
    return _extract(text, titles=False)

