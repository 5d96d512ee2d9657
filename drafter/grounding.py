"""Grounding: every figure, date and name in a draft must be traceable to the facts, the front matter or the role's
fixed text; placeholders are filled from the front matter when the meaning is unambiguous, else flagged.

A claim is found by pattern (numbers with their units, dates, years, durations, ordinals, capitalised name runs and
quoted names), normalised (1,205 = 1205; 38.7 million = 38,700,000; 12% = 12 percent; two = 2) and looked up in an
index built from the facts. Approximate figures ("nearly 39 million") are supported when a fact rounds to them, and a
difference, sum or percentage of two figures of the same fact is supported as a derivation.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from drafter.facts import Facts

__all__ = ["Claim", "Fill", "GroundingReport", "extract_claims", "check", "check_section", "fixed_text_for",
           "format_report"]


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

    def to_dict(self) -> dict:
        """The claim as JSON-ready data (text, kind, line, col, sentence)."""
        return {"text": self.text, "kind": self.kind, "line": self.line, "col": self.col, "sentence": self.sentence}


@dataclass
class Fill:
    """A placeholder replaced by a front-matter value: what it was, what it became, where, and from which field."""

    placeholder: str
    value: str
    line: int
    col: int
    field: str


@dataclass
class GroundingReport:
    """The result of a check: unsupported claims, placeholders left unfilled, placeholders filled, the filled text."""

    unsupported: list[Claim]
    placeholders: list[dict]
    filled: list[Fill]
    text: str
    claims: list[Claim] = field(default_factory=list, repr=False)

    @property
    def ok(self) -> bool:
        """True when nothing is unsupported and no placeholder is left."""
        return not self.unsupported and not self.placeholders

    def to_dict(self) -> dict:
        """Plain data for JSON output: unsupported claims, unfilled placeholders and fills."""
        return {"unsupported": [c.to_dict() for c in self.unsupported],
                "placeholders": [dict(p) for p in self.placeholders],
                "filled": [asdict(f) for f in self.filled]}

    def warnings(self) -> list[str]:
        """One human-readable line per unsupported claim, unfilled placeholder and fill, in text order."""
        return self.finding_lines("line ", sentence_sep=" in: ", width=120, fills_applied=True)

    def finding_lines(self, where: str, sentence_sep: str, width: int, fills_applied: bool) -> list[str]:
        """Every finding as 'WHERE{line}:{col}: …', in text order; fills read as done or as still to make."""
        rows: list[tuple[int, int, str]] = []
        for claim in self.unsupported:
            rows.append((claim.line, claim.col, f"{where}{claim.line}:{claim.col}: unsupported {claim.kind} "
                                                f"{claim.text!r}{sentence_sep}{_shorten(claim.sentence, width)}"))
        for place in self.placeholders:
            rows.append((place["line"], place["col"], f"{where}{place['line']}:{place['col']}: placeholder "
                                                      f"{place['text']!r} not filled (no front-matter value fits)"))
        for fill in self.filled:
            done = (f"filled with {fill.value!r} from the front matter" if fills_applied
                    else f"to fill: the front matter gives {fill.value!r}")
            rows.append((fill.line, fill.col, f"{where}{fill.line}:{fill.col}: placeholder {fill.placeholder!r} "
                                              f"{done} ({fill.field})"))
        return [text for _, _, text in sorted(rows, key=lambda r: (r[0], r[1]))]


def _shorten(sentence: str, limit: int = 120) -> str:
    sentence = " ".join(sentence.split())
    return sentence if len(sentence) <= limit else sentence[: limit - 1].rstrip() + "…"


# ---------------------------------------------------------------------------------------------------------------
# vocabulary

MONTHS = {name: index for index, names in enumerate(
    [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",), ("june", "jun"),
     ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
     ("december", "dec")], start=1) for name in names}
WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
SEASONS = frozenset("spring summer autumn winter".split())
UNITS = {"day": "day", "days": "day", "week": "week", "weeks": "week", "month": "month", "months": "month",
         "year": "year", "years": "year", "hour": "hour", "hours": "hour", "minute": "minute", "minutes": "minute",
         "quarter": "quarter", "quarters": "quarter", "working day": "day", "working days": "day",
         "business day": "day", "business days": "day"}
SMALL = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
         "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
         "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
        "ninety": 90}
ORDINAL_WORDS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
                 "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12}
SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "k": 1e3, "m": 1e6, "mn": 1e6,
          "bn": 1e9, "b": 1e9}
CURRENCIES = {"$": "usd", "us$": "usd", "usd": "usd", "dollar": "usd", "dollars": "usd", "hk$": "hkd",
              "hkd": "hkd", "¥": "cny", "rmb": "cny", "cny": "cny", "yuan": "cny", "€": "eur", "eur": "eur",
              "euro": "eur", "euros": "eur", "£": "gbp", "gbp": "gbp", "pound": "gbp", "pounds": "gbp"}
APPROXIMATE = re.compile(
    r"(?:\b(?:about|around|approximately|approx\.|roughly|nearly|almost|some|close to|just under|just over|over|"
    r"more than|above|under|less than|fewer than|below|upwards of|in excess of)|~)\s*$", re.I)
GENERIC_NAME_WORDS = frozenset(
    "of the and for de a an in at on to co company ltd limited inc corp corporation group llc plc mr ms mrs miss dr "
    "prof manager director supervisor head chief deputy vice general president leader department dept team "
    "office branch".split())
NOT_NAMES = frozenset(
    "i i'm i’m i've i’ve i'd i’d i'll i’ll ok kpi kpis ceo cfo coo cto hr it yoy mom qoq faq pdf tv am pm vs "
    "internet".split())
COMMON_STARTERS = frozenset(
    "a an the in on at for with by from to of as after before during through since until this that these those "
    "our my we i it its also then next finally first second third last overall meanwhile however moreover "
    "furthermore besides beyond alongside together while when where although though because so thus therefore "
    "each every all both most some many several under over above below across within without among between "
    "despite thanks compared looking going working here there what how why which who new next one two three "
    "four five six seven eight nine ten in addition".split())


# ---------------------------------------------------------------------------------------------------------------
# patterns

_MONTH_RE = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
             r"Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)")
_FULL_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_SP = r"[^\S\n]"
_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_WORDNUM = (r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[-\s](?:one|two|three|four|five|six|"
            r"seven|eight|nine))?|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
            r"fifteen|sixteen|seventeen|eighteen|nineteen|(?:a|one)(?=\s+(?:hundred|thousand|million|billion)))"
            r"(?:\s+(?:hundred|thousand)(?:\s+(?:and\s+)?(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
            r"(?:-(?:one|two|three|four|five|six|seven|eight|nine))?|one|two|three|four|five|six|seven|eight|nine|"
            r"ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen))?)?")
_CUR_PRE = r"(?:US\$|HK\$|RMB|CNY|USD|HKD|EUR|GBP|[$€£¥])"
_CUR_POST = r"(?:yuan|RMB|CNY|USD|HKD|EUR|GBP|dollars?|euros?|pounds?)"
_UNIT = r"(?:(?:working|business)\s+days?|days?|weeks?|months?|years?|hours?|minutes?|quarters?)"

DATE = re.compile(
    rf"(?<![\w])(?:(?P<iso>(?:19|20)\d\d-[01]\d-[0-3]\d)"
    rf"|(?P<m1>{_MONTH_RE}){_SP}+(?P<d1>[0-3]?\d)(?:st|nd|rd|th)?(?!\d)(?:,?{_SP}+(?P<y1>(?:19|20)\d\d))?"
    rf"|(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?{_SP}+(?:of{_SP}+)?(?P<m2>{_MONTH_RE})(?:,?{_SP}+(?P<y2>(?:19|20)\d\d))?"
    rf"|(?P<m3>{_MONTH_RE}),?{_SP}+(?P<y3>(?:19|20)\d\d)"
    rf"|(?P<q>[QH][1-4])(?:{_SP}+(?P<qy>(?:19|20)\d\d))?"
    rf"|(?P<m4>{_FULL_MONTH}))(?![\w])")
QUANTITY = re.compile(
    rf"(?<![\w.,])(?<![A-Za-z]-)"
    rf"(?:(?P<cur>{_CUR_PRE}){_SP}?)?"
    rf"(?:(?P<num>{_NUM})|(?P<word>{_WORDNUM})\b)"
    rf"(?:(?P<ord>st|nd|rd|th)\b"
    rf"|(?:{_SP}?(?P<scale>thousand|million|billion|trillion)\b|(?P<abbr>k|K|m|M|mn|bn|b|B)\b))?"
    rf"(?P<pct>{_SP}?(?:%|percent\b|per{_SP}cent\b|percentage{_SP}points?\b|pp\b))?"
    rf"(?:{_SP}(?P<curpost>{_CUR_POST})\b)?"
    rf"(?:(?:{_SP}|-)(?P<unit>{_UNIT})\b(?!-\w))?", re.I)
CHANGE_WORDS = re.compile(r"\b(?:up|down|rose|risen|fell|fallen|grew|grown|increased?|decreased?|dropped|"
                          r"compared|than|from)\b", re.I)
ORDINAL_WORD = re.compile(r"\b(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth)\b",
                          re.I)
LITERAL = re.compile(r"(?<![\w:])\d{1,2}:\d{2}(?![\w:])|\bNo\.[^\S\n]?\d+\b|(?<![\w&])#\d+\b")
CAP_WORD = r"(?:[A-Z][\w’'&.-]*[\w]|[A-Z])\.?"
CAP_RUN = re.compile(rf"(?<![\w’'])(?:{CAP_WORD})(?:(?:{_SP}+(?:of(?:{_SP}+the)?|for|de|&){_SP}+|{_SP}+)(?:{CAP_WORD}))*")
QUOTED = re.compile(r"[\"“]([^\"“”\n]{2,80}?)[\"”]")
WORD = re.compile(r"[^\W_]+")
SENTENCE_END = re.compile(r"[.!?。！？]+[\"”’)\]*]*(?=\s)")
ABBREVIATIONS = frozenset("mr mrs ms dr prof sr jr st no vs etc e.g i.e inc ltd co corp dept approx fig jan feb mar "
                          "apr jun jul aug sep sept oct nov dec u.s u.k".split())
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


def _masks(text: str, placeholder_spans: list[tuple[int, int]]) -> tuple[str, str]:
    """Two masked copies of text: one for figures (structure blanked) and one for names (headings, labels too)."""
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
        if stripped and len(stripped.split()) <= 12 and not re.search(r"[.!?:;,]$", stripped) and \
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
        self.spans = self._sentences(text)
        self.span_starts = [a for a, _ in self.spans]
        self.first_words: set[int] = set()
        for a, b in self.spans:
            match = re.search(r"[^\W_]", masked[a:b])
            if match:
                self.first_words.add(a + match.start())
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
        for a, b in blocks:
            b = min(b, len(text))
            start = a
            for match in SENTENCE_END.finditer(text, a, b):
                before = re.search(r"([\w.]+)\.$", text[start:match.start() + 1])
                if match.group(0).startswith(".") and before and before.group(1).lower() in ABBREVIATIONS:
                    following = text[match.end():b].lstrip()[:1]
                    if not following or not following.isupper():
                        continue
                if re.match(r"\d", text[match.end():match.end() + 1] or ""):
                    continue
                spans.append((start, match.end()))
                start = match.end()
            if text[start:b].strip():
                spans.append((start, b))
        return [(a + len(text[a:b]) - len(text[a:b].lstrip()), b) for a, b in spans if text[a:b].strip()]

    def position(self, offset: int) -> tuple[int, int]:
        """1-based line and column of a character offset."""
        index = bisect.bisect_right(self.line_starts, offset) - 1
        return index + 1, offset - self.line_starts[index] + 1

    def sentence(self, offset: int) -> str:
        """The sentence holding a character offset, on one line."""
        index = bisect.bisect_right(self.span_starts, offset) - 1
        if index < 0:
            return ""
        a, b = self.spans[index]
        text = self.text[a:b]
        text = HEADING_LINE.sub("", text, count=1) if text.lstrip().startswith("#") else LIST_MARKER.sub("", text, count=1)
        return " ".join(text.split())

    def starts_sentence(self, offset: int) -> bool:
        """True when the word at offset is the first of its sentence (or follows a colon)."""
        return offset in self.first_words


# ---------------------------------------------------------------------------------------------------------------
# values


def _word_value(words: str) -> float | None:
    """The value of a number written in words ("two", "twenty-five", "three hundred and ten")."""
    total, current = 0, 0
    for token in re.split(r"[\s-]+", words.lower()):
        if token in ("and", ""):
            continue
        if token in SMALL:
            current += SMALL[token]
        elif token == "a":
            current += 1
        elif token in TENS:
            current += TENS[token]
        elif token == "hundred":
            current = (current or 1) * 100
        elif token == "thousand":
            total += (current or 1) * 1000
            current = 0
        else:
            return None
    return float(total + current)


def _decimals(number: str) -> int:
    return len(number.split(".", 1)[1]) if "." in number else 0


@dataclass
class _Quantity:
    """A parsed figure: full value, written mantissa, kind, unit (currency or time unit) and precision."""

    value: float
    mantissa: float
    kind: str
    unit: str | None = None
    scaled: bool = False
    decimals: int = 0
    written: str = ""


def _quantity(match: re.Match) -> _Quantity | None:
    """Turn a QUANTITY match into a _Quantity, or None when it is not a figure."""
    g = match.groupdict()
    if g["num"] is not None:
        written = g["num"].replace(",", "")
        mantissa = float(written)
        decimals = _decimals(written)
    else:
        value = _word_value(g["word"])
        if value is None:
            return None
        mantissa, written, decimals = value, str(int(value)), 0
    scale_word = (g["scale"] or g["abbr"] or "").lower()
    scale = SCALES.get(scale_word, 1.0)
    currency = CURRENCIES.get((g["cur"] or g["curpost"] or "").lower())
    value = mantissa * scale
    if g["pct"]:
        return _Quantity(mantissa, mantissa, "percent", None, False, decimals, written)
    if currency:
        return _Quantity(value, mantissa, "money", currency, scale != 1.0, decimals, written)
    if g["ord"] and g["num"] is not None and "." not in written:
        return _Quantity(mantissa, mantissa, "ordinal", None, False, 0, written)
    if g["unit"]:
        return _Quantity(value, mantissa, "duration", UNITS[" ".join(g["unit"].lower().split())], False, decimals,
                         written)
    if scale != 1.0:
        return _Quantity(value, mantissa, "number", None, True, decimals, written)
    if g["num"] is not None and re.fullmatch(r"(?:19|20)\d\d", g["num"]):
        return _Quantity(value, mantissa, "year", None, False, 0, written)
    return _Quantity(value, mantissa, "number", None, False, decimals, written)


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))


def _rounds_to(fact: float, claim: _Quantity) -> bool:
    """True when `fact` written at the claim's precision gives the claim's value (38.7m → 39m, 214 → 200)."""
    if claim.decimals:
        step = 10.0 ** -claim.decimals
    else:
        digits = str(int(claim.mantissa))
        step = 10.0 ** (len(digits) - len(digits.rstrip("0"))) if digits != "0" else 1.0
    step *= claim.value / claim.mantissa if claim.mantissa else 1.0
    return _close(round(fact / step) * step, claim.value)


# ---------------------------------------------------------------------------------------------------------------
# extraction


def _name_tokens(text: str) -> list[str]:
    return [_stem(w) for w in WORD.findall(text.lower().replace("’s", "").replace("'s", ""))]


def _stem(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and re.search(r"(?:ch|sh|x|ss)es$", word):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def _extract(text: str, placeholder_spans: list[tuple[int, int]] | None = None,
             lowercase_words: set[str] | None = None) -> list[Claim]:
    """All claims in text with positions; spans of placeholders are skipped."""
    figures, names = _masks(text, placeholder_spans or [])
    layout = _Layout(text, figures)
    lowercase_words = set(lowercase_words or ()) | {w for w in WORD.findall(text) if w.islower()}
    claims: list[Claim] = []
    taken = bytearray(len(text) + 1)

    def add(start: int, end: int, kind: str, value: object) -> None:
        line, col = layout.position(start)
        claims.append(Claim(text[start:end], kind, line, col, layout.sentence(start), value, start))
        taken[start:end] = b"\x01" * (end - start)

    def free(start: int, end: int) -> bool:
        return not any(taken[start:end])

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
                                 r"through|to|and)\s*-?\s*$", before):
                    continue
        day = g["d1"] or g["d2"]
        year = g["y1"] or g["y2"] or g["y3"]
        if day and not 1 <= int(day) <= 31:
            continue
        add(match.start(), match.end(), "date", {"month": month, "day": int(day) if day else None,
                                                 "year": int(year) if year else None})

    for match in LITERAL.finditer(figures):
        if free(match.start(), match.end()):
            add(match.start(), match.end(), "number", _Quantity(0.0, 0.0, "literal", written=match.group(0)))

    for match in QUANTITY.finditer(figures):
        if not match.group(0).strip() or not free(match.start(), match.end()):
            continue
        quantity = _quantity(match)
        if quantity is None:
            continue
        start, end = match.start(), match.end()
        if re.match(r"[^\W_]", figures[end:end + 1]):
            continue
        if match.group("word") and match.group("word").lower() in ("a", "one"):
            continue
        if match.group("word") and re.match(r"-?thirds?\b", figures[end:end + 8].lstrip()):
            continue
        if quantity.kind in ("number", "year") and not quantity.scaled:
            shared = re.match(rf"{_SP}*(?:to|and|or|-|–){_SP}*(?:{_NUM}){_SP}?(thousand|million|billion|[kKmM]\b|bn\b)",
                              figures[end:end + 30])
            if shared:
                scale = SCALES[shared.group(1).lower()]
                quantity = _Quantity(quantity.mantissa * scale, quantity.mantissa, "number", None, True,
                                     quantity.decimals, quantity.written)
        if quantity.kind == "ordinal":
            quantity.unit = _next_key(figures, end)
        add(start, end, quantity.kind, quantity)

    for match in QUOTED.finditer(names):
        inner = match.group(1)
        if re.search(r"[A-Za-z]", inner) and len(inner.split()) <= 10:
            add(match.start(1), match.end(1), "name", {"quoted": True})

    for match in ORDINAL_WORD.finditer(figures):
        if not free(match.start(), match.end()):
            continue
        word = match.group(0).lower()
        after = figures[match.end():match.end() + 12]
        before = figures[max(0, match.start() - 6):match.start()].lower()
        if layout.starts_sentence(match.start()) and re.match(r"\s*,", after):
            continue
        if re.match(r"\s+of\s+all\b", after) or before.endswith("at ") or word == "second" and (
                re.match(r"s?\b", after) and re.search(r"\d\s*$|\ba\s*$|\bper\s*$", before)):
            continue
        add(match.start(), match.end(), "ordinal", _Quantity(float(ORDINAL_WORDS[word]), float(ORDINAL_WORDS[word]),
                                                             "ordinal", _next_key(figures, match.end())))

    for match in CAP_RUN.finditer(names):
        words = [(m.start() + match.start(), m.group(0)) for m in re.finditer(r"\S+", match.group(0))]
        while words and (words[-1][1].rstrip(".").lower() in ("of", "and", "for", "the", "de", "&")):
            words.pop()
        keep: list[tuple[int, str]] = []
        for offset, word in words:
            bare = word.rstrip(".,")
            low = bare.lower()
            if (low in MONTHS and len(low) > 3 or low == "may") or low in WEEKDAYS \
                    or low in SEASONS or re.fullmatch(r"[QH][1-4]", bare) or low in NOT_NAMES \
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
    return claims


def _next_key(text: str, end: int) -> str | None:
    """The word after an ordinal, normalised (number words as digits), to tell "first half" from "first place"."""
    match = re.match(r"[^\S\n]+([^\W_]+)", text[end:end + 40])
    if not match:
        return None
    word = match.group(1).lower()
    value = _word_value(word) if word in SMALL or word in TENS else None
    return str(int(value)) if value is not None else _stem(word)


def _add_run(words: list[tuple[int, str]], layout: _Layout, lowercase_words: set[str], add, free) -> None:
    """Add a capitalised run as a name claim, after dropping sentence-initial common words."""
    at_start = layout.starts_sentence(words[0][0])
    dropped = False
    if at_start and (words[0][1].lower().strip(".,") in COMMON_STARTERS
                     or words[0][1].lower().strip(".,") in lowercase_words):
        words = words[1:]
        dropped = True
    while words and words[-1][1].rstrip(".").lower() in ("of", "and", "for", "the", "de", "&"):
        words = words[:-1]
    while words and words[0][1].lower() in ("the", "a", "an"):
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
    if text.endswith(".") and not re.search(r"\b(?:Co|Ltd|Inc|Corp|Bros|St|Dept|No)\.$", text):
        text = text[:-1]
        end -= 1
    for suffix in ("’s", "'s"):
        if text.endswith(suffix):
            text, end = text[: -len(suffix)], end - len(suffix)
    tokens = [t for t in _name_tokens(text) if t not in GENERIC_NAME_WORDS]
    if not tokens or all(t.isdigit() for t in tokens) or not free(start, end):
        return
    add(start, end, "name", {"quoted": False})


def extract_claims(text: str) -> list[Claim]:
    """Every checkable figure, date and name in a draft with its line:col and sentence (placeholders excluded)."""
    return _extract(text, [(a, b) for a, b, _ in _placeholder_spans(text)])


# ---------------------------------------------------------------------------------------------------------------
# the support index built from the facts


class _Support:
    """What the facts, front matter and fixed text establish: figures, dates, years, and name token sets."""

    def __init__(self, facts: "Facts", fixed_text: str = "") -> None:
        units: list[str] = []
        for fact in facts.items:
            units.append(fact.text if not fact.heading else f"{fact.text}\n{fact.heading}")
        meta_units = [str(v) for k, v in facts.meta.items() if v]
        units.extend(meta_units)
        fixed_lines = [line for line in (fixed_text or "").split("\n") if line.strip()]
        units.extend(fixed_lines)
        self.units = units
        self.unit_tokens = [set(_name_tokens(u)) for u in units]
        self.unit_norm = [" ".join(_name_tokens(u)) for u in units]
        self.quantities: list[_Quantity] = []
        self.by_unit: list[list[_Quantity]] = []
        self.months: set[int] = set()
        self.month_days: set[tuple[int, int]] = set()
        self.quarters: set[tuple[str, int]] = set()
        self.years: set[int] = set()
        self.ordinals: set[tuple[int, str | None]] = set()
        self.unit_words: list[set[str]] = []
        everything = "\n".join(units).lower()
        for unit in units:
            found: list[_Quantity] = []
            for claim in _extract(unit):
                value = claim.value
                if isinstance(value, _Quantity) and value.kind != "literal":
                    found.append(value)
                    if value.kind == "year":
                        self.years.add(int(value.value))
                    if value.kind == "ordinal":
                        self.ordinals.add((int(value.value), value.unit))
                elif isinstance(value, dict) and claim.kind == "date":
                    if "quarter" in value:
                        self.quarters.add(value["quarter"])
                        if value["year"]:
                            self.years.add(value["year"])
                        continue
                    self.months.add(value["month"])
                    if value["day"]:
                        self.month_days.add((value["month"], value["day"]))
                    if value["year"]:
                        self.years.add(value["year"])
            for match in re.finditer(r"\b(first|second|third|fourth)\s+(quarter|half)\b", unit, re.I):
                self.quarters.add(("Q" if match.group(2).lower() == "quarter" else "H",
                                   ORDINAL_WORDS[match.group(1).lower()]))
            self.by_unit.append(found)
            self.quantities.extend(found)
            self.unit_words.append({UNITS.get(w, w) for w in re.findall(r"[a-z]+", unit.lower())})
        year = facts.meta.get("year", "")
        if re.fullmatch(r"(?:19|20)\d\d", year.strip()):
            base = int(year)
            self.years.add(base)
            if re.search(r"\bnext year\b|\bcoming year\b", everything):
                self.years.add(base + 1)
            if re.search(r"\blast year\b|\bprevious year\b", everything):
                self.years.add(base - 1)

    # figures ---------------------------------------------------------------------------------------------------

    def figure(self, claim: Claim, approximate: bool) -> bool:
        q: _Quantity = claim.value
        if q.kind == "literal":
            return any(q.written in unit for unit in self.units)
        if claim.kind == "year":
            return int(q.value) in self.years or any(_close(f.value, q.value) for f in self.quantities
                                                     if f.kind != "percent")
        if claim.kind == "ordinal":
            if q.unit is None:
                return any(value == int(q.value) for value, _ in self.ordinals)
            return (int(q.value), q.unit) in self.ordinals
        if claim.kind == "percent":
            pool = [f.value for f in self.quantities if f.kind == "percent"]
        elif claim.kind == "duration":
            if any(f.kind == "duration" and f.unit == q.unit and _close(f.value, q.value) for f in self.quantities):
                return True
            for found, words in zip(self.by_unit, self.unit_words):
                if q.unit in words and any(_close(f.mantissa, q.mantissa) for f in found):
                    return True
            pool = []
        elif claim.kind == "money":
            pool = [f.value for f in self.quantities if f.kind in ("money", "number")
                    and (f.unit is None or f.unit == q.unit)]
        elif q.scaled:
            pool = [f.value for f in self.quantities if f.kind in ("money", "number")]
        else:
            pool = [f.value for f in self.quantities]
            if any(_close(f.mantissa, q.value) for f in self.quantities):
                return True
        if any(_close(v, q.value) for v in pool):
            return True
        if approximate and any(_rounds_to(v, q) for v in pool):
            return True
        return self._derived(q, claim.kind)

    def _derived(self, q: _Quantity, kind: str) -> bool:
        """True when q is a difference, sum or percentage of two figures stated in the same fact."""
        for found, unit in zip(self.by_unit, self.units):
            change = CHANGE_WORDS.search(unit) is not None
            figures = [f for f in found if f.kind in ("number", "money", "duration", "percent")]
            for i, a in enumerate(figures):
                for b in figures[i + 1:]:
                    if (a.kind == "percent") != (b.kind == "percent") or (a.unit != b.unit):
                        continue
                    if kind == "percent" and a.kind != "percent":
                        big, small = max(a.value, b.value), min(a.value, b.value)
                        if small and (self._same(100.0 * small / big, q)
                                      or change and self._same(100.0 * (big - small) / small, q)):
                            return True
                    elif kind != "percent" or a.kind == "percent":
                        if self._same(abs(a.value - b.value), q) or (a.kind != "percent" and self._same(a.value + b.value, q)):
                            return True
        return False

    @staticmethod
    def _same(value: float, q: _Quantity) -> bool:
        return _close(round(value, q.decimals), q.value) if q.kind == "percent" else _close(value, q.value)

    # dates -----------------------------------------------------------------------------------------------------

    def date(self, claim: Claim) -> bool:
        value: dict = claim.value
        if "quarter" in value:
            ok = value["quarter"] in self.quarters
        elif value["day"]:
            ok = (value["month"], value["day"]) in self.month_days
        else:
            ok = value["month"] in self.months
        return ok and (not value.get("year") or value["year"] in self.years)

    # names -----------------------------------------------------------------------------------------------------

    def name(self, claim: Claim) -> bool:
        tokens = _name_tokens(claim.text)
        phrase = " ".join(tokens)
        if phrase and any(f" {phrase} " in f" {norm} " for norm in self.unit_norm):
            return True
        if claim.value.get("quoted"):
            return False
        distinctive = {t for t in tokens if t not in GENERIC_NAME_WORDS}
        return not distinctive or any(distinctive <= unit for unit in self.unit_tokens)

    def supports(self, claim: Claim, text: str) -> bool:
        """True when the facts establish the claim."""
        if claim.kind == "name":
            return self.name(claim)
        if claim.kind == "date":
            return self.date(claim)
        approximate = bool(APPROXIMATE.search(text[max(0, claim.offset - 24):claim.offset]))
        return self.figure(claim, approximate)


# ---------------------------------------------------------------------------------------------------------------
# placeholders


def _placeholder_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, text) of every placeholder, found by the cleanup pass's detector."""
    from drafter.cleanup import find_placeholders

    starts = [0] + [m.end() for m in re.finditer(r"\n", text)]
    spans = []
    for place in find_placeholders(text):
        start = starts[place.line - 1] + place.col - 1
        line = text[starts[place.line - 1]:].split("\n", 1)[0]
        if place.text == "**" and line.count("**") % 2 == 0:
            continue
        if re.fullmatch(r"\s*(?:\*\s*){3,}", line):
            continue
        spans.append((start, start + len(place.text), place.text))
    return spans


ORG_FIELDS = ("organisation", "organization", "company", "employer")
PLACEHOLDER_FIELDS = {
    "name": ("name",), "your name": ("name",), "full name": ("name",), "employee name": ("name",),
    "year": ("year",), "company": ORG_FIELDS, "company name": ORG_FIELDS, "organisation": ORG_FIELDS,
    "organization": ORG_FIELDS, "employer": ORG_FIELDS, "your company": ORG_FIELDS,
}
SKIP_FIELDS = frozenset({"role", "title"})


def _meta_lookup(meta: dict[str, str], fields: tuple[str, ...]) -> tuple[str, str] | None:
    for key in fields:
        value = (meta.get(key) or "").strip()
        if value:
            return key, value
    return None


def _fill_for(text: str, start: int, end: int, placeholder: str, meta: dict[str, str]) -> tuple[int, int, str, str] | None:
    """(start, end, value, field) when a placeholder has one clear front-matter value, else None."""
    if re.fullmatch(r"(?:19|20)(?:\s?\*\*|[xX]{2})", placeholder):
        year = (meta.get("year") or "").strip()
        return (start, end, year, "year") if re.fullmatch(r"(?:19|20)\d\d", year) and \
            year[:2] == placeholder[:2] else None
    inner = re.fullmatch(r"\[([^\]]+)\]|\{\{?\s*([^}]+?)\s*\}?\}", placeholder)
    if inner:
        key = " ".join((inner.group(1) or inner.group(2)).replace("_", " ").lower().split())
        fields = PLACEHOLDER_FIELDS.get(key)
        if fields is None and key.replace(" ", "_") in meta and key not in SKIP_FIELDS:
            fields = (key.replace(" ", "_"),)
        found = _meta_lookup(meta, fields) if fields else None
        return (start, end, found[1], found[0]) if found else None
    if re.fullmatch(r"XX+|xx+", placeholder):
        after = re.match(r"[^\S\n]+(company|corporation|corp\.?|co\.|group|organi[sz]ation)\b", text[end:end + 20], re.I)
        if after:
            found = _meta_lookup(meta, ORG_FIELDS)
            if found:
                return start, end + after.end(), found[1], found[0]
    return None


def _fill(text: str, meta: dict[str, str], fill: bool) -> tuple[str, list[Fill], list[dict], list[tuple[int, int]]]:
    """Fill what the front matter answers; return (new text, fills, unfilled placeholders, placeholder spans)."""
    layout_starts = [0] + [m.end() for m in re.finditer(r"\n", text)]

    def where(offset: int) -> tuple[int, int]:
        index = bisect.bisect_right(layout_starts, offset) - 1
        return index + 1, offset - layout_starts[index] + 1

    fills: list[Fill] = []
    unfilled: list[dict] = []
    spans: list[tuple[int, int]] = []
    pieces: list[str] = []
    cursor = 0
    for start, end, placeholder in _placeholder_spans(text):
        if start < cursor:
            continue
        line, col = where(start)
        found = _fill_for(text, start, end, placeholder, meta) if fill else None
        if found is None:
            unfilled.append({"text": placeholder, "line": line, "col": col})
            spans.append((start, end))
            continue
        a, b, value, key = found
        fills.append(Fill(text[a:b], value, line, col, key))
        pieces.append(text[cursor:a])
        pieces.append(value)
        cursor = b
    pieces.append(text[cursor:])
    return "".join(pieces), fills, unfilled, spans


# ---------------------------------------------------------------------------------------------------------------
# checking


def _lowercase_vocabulary(facts: "Facts", fixed_text: str) -> set[str]:
    words: set[str] = set()
    for text in [*facts.texts, fixed_text]:
        words.update(w for w in WORD.findall(text) if w.islower())
    return words


def check(text: str, facts: "Facts", fixed_text: str = "", fill: bool = True) -> GroundingReport:
    """Fill placeholders the front matter answers, then list every claim in text the facts do not support.

    Positions refer to `text` as given; `report.text` is the text with the fills applied.
    """
    filled_text, fills, unfilled, spans = _fill(text, facts.meta, fill)
    support = _Support(facts, fixed_text)
    fill_spans = _fill_spans(text, fills)
    claims = _extract(text, spans + fill_spans, _lowercase_vocabulary(facts, fixed_text))
    unsupported = [c for c in claims if not support.supports(c, text)]
    return GroundingReport(unsupported, unfilled, fills, filled_text, claims)


def _fill_spans(text: str, fills: list[Fill]) -> list[tuple[int, int]]:
    starts = [0] + [m.end() for m in re.finditer(r"\n", text)]
    return [(starts[f.line - 1] + f.col - 1, starts[f.line - 1] + f.col - 1 + len(f.placeholder)) for f in fills]


def check_section(text: str, facts: "Facts", fixed_text: str = "") -> list[Claim]:
    """The unsupported claims of one section's text, for deciding whether to regenerate it."""
    return check(text, facts, fixed_text).unsupported


def fixed_text_for(facts: "Facts", role_name: str | None = None) -> str:
    """The role's fixed prose (title, leads, section titles) for these facts, or "" when no role is named.

    Names and figures in it are the template's, not claims; the role comes from `role_name` or the front matter.
    """
    if not (role_name or facts.get("role")):
        return ""
    from drafter.pipeline import fixed_text, resolve_role

    return fixed_text(resolve_role(facts, role_name), facts)


def format_report(report: GroundingReport, label: str = "<draft>") -> str:
    """The report as text for a terminal or a log: one 'FILE:line:col: …' line per finding, then a summary line."""
    lines = report.finding_lines(f"{label}:", sentence_sep="\n    in: ", width=160, fills_applied=False)
    checked = f"{len(report.claims)} claim{'s' if len(report.claims) != 1 else ''} checked"
    if not lines:
        lines.append(f"{label}: every number, date and name is in the facts ({checked})")
    else:
        parts = [f"{len(report.unsupported)} unsupported"]
        if report.placeholders:
            parts.append(f"{len(report.placeholders)} placeholder{'s' if len(report.placeholders) != 1 else ''} "
                         "without a value")
        if report.filled:
            parts.append(f"{len(report.filled)} placeholder{'s' if len(report.filled) != 1 else ''} to fill")
        lines.append(f"{label}: " + ", ".join(parts) + f" ({checked})")
    return "\n".join(lines) + "\n"
