"""Figures in text: number words, scales, currencies, units, percentages and honest rounding."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from drafter.text.numbers import TENS_WORDS, UNIT_WORDS, word_value

UNITS = {"day": "day", "days": "day", "week": "week", "weeks": "week", "month": "month", "months": "month",
         "year": "year", "years": "year", "hour": "hour", "hours": "hour", "minute": "minute", "minutes": "minute", "second": "second", "seconds": "second",
         "yr": "year", "yrs": "year", "wk": "week", "wks": "week", "mth": "month", "mths": "month",
         "hr": "hour", "hrs": "hour", "min": "minute", "mins": "minute", "s": "second", "sec": "second", "secs": "second", "h": "hour",
         "quarter": "quarter", "quarters": "quarter", "working day": "day", "working days": "day", "calendar day": "day", "calendar days": "day",
         "business day": "day", "business days": "day"}
SMALL = UNIT_WORDS  # number words, one definition in drafter.text.numbers
TENS = TENS_WORDS
SCALES = {"ten-thousand": 1e4, "ten thousand": 1e4, "hundred-million": 1e8, "hundred million": 1e8, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "k": 1e3, "m": 1e6, "mn": 1e6,
          "bn": 1e9, "b": 1e9, "mio": 1e6, "mln": 1e6, "mrd": 1e9, "tsd": 1e3}  # "86,4 Mio. €", "2 Mrd."
CURRENCIES = {"$": "usd", "us$": "usd", "usd": "usd", "dollar": "usd", "dollars": "usd", "hk$": "hkd",
              "hkd": "hkd", "¥": "cny", "rmb": "cny", "cny": "cny", "yuan": "cny", "€": "eur", "eur": "eur",
              "euro": "eur", "euros": "eur", "£": "gbp", "gbp": "gbp", "pound": "gbp", "pounds": "gbp",
              "us dollar": "usd", "us dollars": "usd"}
CURRENCY_CODES = ("AED AUD BRL CAD CHF CNY CZK DKK EGP EUR GBP HKD HUF IDR ILS INR JPY KES KRW MXN MYR NGN NOK NZD "
                  "PLN RON SAR SEK SGD THB TWD UAH USD VND ZAR").split()  # ISO 4217 codes read before or after a figure
CURRENCIES.update({code.lower(): code.lower() for code in CURRENCY_CODES if code.lower() not in CURRENCIES})
APPROXIMATE = re.compile(
    r"(?:\b(?:about|around|approximately|approx\.|roughly|nearly|almost|some|close to|just under|just over|over|"
    r"more than|above|under|less than|fewer than|below|upwards of|in excess of|exceeded|exceeding|exceeds|"
    r"surpassed|topped)|~)\s*$", re.I)
POINTS = "points"  # the unit of a percentage written as percentage points: a difference of two percentages
MAX_FIGURE_DIGITS = 30  # longer runs of digits are identifiers or noise, never a figure to check
_SP = r"[^\S\n]"
_NUM = (r"\d+,\d{1,2}(?=[^\S\n]?(?:%|€|percent\b|per[^\S\n]cent\b|[kKmM]\b|bn\b|mln\b|Mio\b))"  # "12,5 %": a decimal comma
        r"|\d{1,3}(?:\.\d{3})+(?=[^\S\n]?(?:€|EUR\b|CHF\b|PLN\b|CZK\b|DKK\b|NOK\b|SEK\b|zł|kr\b|Kč))"  # "1.250 €"
        r"|\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
_UNITS_WORD = (r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[-\s](?:one|two|three|four|five|six|"
               r"seven|eight|nine)(?!\w))?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
               r"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)")
_SCALE_WORD = r"(?:hundred|thousand)"
# a number in words: "two", "twenty-five", "two thousand four hundred and six"; "and" only after a scale word
_WORDNUM = (rf"(?:{_UNITS_WORD}|(?:a|one)(?=\s+(?:hundred|thousand|million|billion)))"
            rf"(?:\s+{_SCALE_WORD}(?:\s+(?:and\s+)?{_UNITS_WORD}(?=\s+{_SCALE_WORD}))?)*"
            rf"(?:(?<=hundred)(?:\s+and)?\s+{_UNITS_WORD}|(?<=thousand)(?:\s+and)?\s+{_UNITS_WORD}(?!\s+{_SCALE_WORD}))?")
_CODES = "|".join(CURRENCY_CODES)
_CUR_PRE = rf"(?:US\$|HK\$|RMB|{_CODES}|[$€£¥])"
DOT_THOUSANDS_AFTER = re.compile(r"[^\S\n]?(?:€|EUR\b|CHF\b|PLN\b|CZK\b|DKK\b|NOK\b|SEK\b|zł|kr\b|Kč)")
_CUR_POST = rf"(?:yuan|RMB|{_CODES}|(?:US{_SP})?dollars?|euros?|pounds?|€(?!\w))"  # "1.250 €": a sign after the figure too
_UNIT = (r"(?:(?:working|business|calendar)\s+days?|days?|weeks?|wks?|months?|mths?|years?|yrs?|hours?|hrs?|minutes?|"
         r"mins?|seconds?|secs?|s(?![\w'’])|h(?![\w'’])|quarters?)")
_UNIT_JOINED = r"(?=(?:h|hrs?|mins?|days?|wks?|yrs?)\b)"  # "24h", "30min": a short unit written on the figure

QUANTITY = re.compile(  # (?=…) first: every figure starts with a word character or a currency sign, so a run of
    # blanks or marks is passed over at once instead of trying every alternative at each of its characters
    rf"(?=[\w$€£¥])(?<![\w.,])(?<![A-Za-z]-)"
    rf"(?:(?P<cur>{_CUR_PRE}){_SP}?)?"
    rf"(?:(?P<num>{_NUM})|(?P<word>{_WORDNUM})\b)"
    rf"(?:(?P<ord>st|nd|rd|th)\b"
    rf"|(?:{_SP}?(?P<scale>ten(?:-|{_SP})thousand|hundred(?:-|{_SP})million|thousand|million|billion|trillion)\b|(?P<abbr>(?:k|K|m|M|mn|bn|b|B)\b|{_SP}?(?:Mio|Mln|Mrd|Tsd)\b\.?)))?"
    rf"(?P<pct>{_SP}?(?:%|percent\b|per{_SP}cent\b|percentage{_SP}points?\b|pp\b|bps\b|basis{_SP}points?\b))?"
    rf"(?:{_SP}(?P<curpost>{_CUR_POST})(?:\b|(?<=€)))?"
    rf"(?:(?:{_SP}|-|{_UNIT_JOINED})(?P<unit>{_UNIT})\b(?!-\w))?", re.I)
CHANGE_WORDS = re.compile(r"\b(?:up|down|rose|risen|fell|fallen|grew|grown|increased?|decreased?|dropped|"
                          r"compared|than|from)\b", re.I)


def _word_value(words: str) -> float | None:
    """The value of a number written in words ("two", "twenty-five", "three hundred and ten")."""
    return word_value(words)


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


CONTINENTAL_SIGNS = re.compile(r"\d,\d{1,2}(?![\d.,])|\d\.\d{3}(?![\d,])|\b\d{1,2}\.\d{1,2}\.(?!\d)")  # 12,5 · 1.250 · 01.07.
ENGLISH_SIGNS = re.compile(r"\d,\d{3}(?![\d,])|\d\.\d{1,2}(?![\d.,])")  # 1,250 · 12.5
NUMBER_GROUPS = re.compile(r"\d[\d.,]*\d")
DAY_MONTH = re.compile(r"\b(\d{1,2})(?:\.(\d{1,2})\.(?!\d)|/(\d{1,2})\b(?!/))")  # "01.07.", "01/07": 1 July
MONTH_ABBREVIATIONS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()


def is_continental(texts: list[str]) -> bool:
    """True when texts write figures the continental way (decimal commas, dots between thousands, "01.07." dates)
    more often than the English way."""
    continental = sum(len(CONTINENTAL_SIGNS.findall(t)) for t in texts)
    return continental > sum(len(ENGLISH_SIGNS.findall(t)) for t in texts)


def as_english(text: str) -> str:
    """A continental text's figures and day-month dates written the English way, every offset kept ("86,4" ->
    "86.4", "412.000" -> "412,000", "15.03." -> "Mar 15")."""
    def date(match: re.Match) -> str:
        day, month = int(match.group(1)), int(match.group(2) or match.group(3))
        if not (1 <= day <= 31 and 1 <= month <= 12):
            return match.group(0)
        english = f"{MONTH_ABBREVIATIONS[month - 1]} {day}".ljust(len(match.group(0)))
        return english if len(english) == len(match.group(0)) else match.group(0)
    text = DAY_MONTH.sub(date, text.replace("\u00a0", " "))
    return NUMBER_GROUPS.sub(lambda m: _english_group(m.group(0)), text)


def _english_group(group: str) -> str:
    """One run of digits and separators the English way, when it is plainly continental ("86,4", "412.000",
    "1.250,50"); an English-looking run ("4.5", "1,250") as it is."""
    if re.fullmatch(r"\d+,\d{1,2}|\d{1,3}(?:\.\d{3})+(?:,\d+)?", group):
        return group.translate(SWAP_SEPARATORS)
    return group


SWAP_SEPARATORS = str.maketrans(",.", ".,")


MEASURES = {  # a measure's unit word (lower case) -> its family and size in the family's base: "2.4 g" is "2,400 mg"
    "mg": ("g", 1e-3), "g": ("g", 1.0), "grams": ("g", 1.0), "kg": ("g", 1e3), "kilos": ("g", 1e3),
    "t": ("g", 1e6), "tonne": ("g", 1e6), "tonnes": ("g", 1e6), "ton": ("g", 1e6), "tons": ("g", 1e6),
    "wh": ("wh", 1.0), "kwh": ("wh", 1e3), "mwh": ("wh", 1e6), "gwh": ("wh", 1e9),
    "ml": ("l", 1e-3), "l": ("l", 1.0), "litre": ("l", 1.0), "litres": ("l", 1.0), "liter": ("l", 1.0),
    "liters": ("l", 1.0), "m³": ("l", 1e3), "m3": ("l", 1e3), "cubic": ("l", 1e3),
}
MEASURE_AFTER = re.compile(r"[^\S\n]*(mg|g|grams|kg|kilos|t|tonnes?|tons?|wh|kwh|mwh|gwh|ml|l|litres?|liters?|m³|m3|"
                           r"cubic)\b", re.I)  # the unit word right after a figure


def measure_after(text: str, end: int) -> tuple[str, float] | None:
    """The measure family and size of the unit written right after a figure ending at `end`, or None."""
    match = MEASURE_AFTER.match(text, end)
    return MEASURES.get(match.group(1).lower()) if match else None


DECIMAL_COMMA = re.compile(r"\d+,\d{1,2}")  # "12,5"
DOT_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3})+")  # "1.250"


def _plain_digits(number: str, after: str) -> str:
    """A figure's digits as Python reads them: "12,5" (a decimal comma) is 12.5, "1.250 €" (dots between
    thousands, before a European currency) 1250, "1,250" 1250; `after` is the text that follows the figure."""
    if "," not in number and "." not in number:
        return number  # (the common case: digits alone)
    if DECIMAL_COMMA.fullmatch(number):
        return number.replace(",", ".")
    if DOT_THOUSANDS.fullmatch(number) and DOT_THOUSANDS_AFTER.match(after):
        return number.replace(".", "")
    return number.replace(",", "")


def scale_of(word: str) -> float:
    """The factor a scale word stands for ("million", "ten-thousand", "hundred million", "Mio.", "k"), 1 for none."""
    if not word:
        return 1.0
    key = " ".join(word.strip().lower().rstrip(".").replace("-", " ").split())
    return SCALES.get(key.replace("ten thousand", "ten-thousand").replace("hundred million", "hundred-million"), 1.0)


def currency_of(word: str) -> str | None:
    """The currency code a sign, code or word stands for ("£", "RMB", "US dollars"), or None."""
    return CURRENCIES.get(" ".join(word.lower().split())) if word else None


YEAR_DIGITS = re.compile(r"(?:19|20)\d\d")


def _quantity(match: re.Match) -> _Quantity | None:
    """Turn a QUANTITY match into a _Quantity, or None when it is not a figure."""
    g = match.groupdict()
    if g["num"] is not None:
        written = _plain_digits(g["num"], match.string[match.end("num"):match.end("num") + 6])
        mantissa = float(written)
        decimals = _decimals(written)
    else:
        value = _word_value(g["word"])
        if value is None:
            return None
        mantissa, written, decimals = value, str(int(value)), 0
    if not math.isfinite(mantissa) or len(written) > MAX_FIGURE_DIGITS:
        return None  # "9" × 400 is no figure a person wrote: it would read as infinity
    scale = scale_of(g["scale"] or g["abbr"] or "")
    currency = currency_of(g["cur"] or g["curpost"] or "")
    value = mantissa * scale
    if g["pct"] and re.search(r"bps|basis", g["pct"], re.I):  # "15 bps" is 0.15 percentage points
        return _Quantity(mantissa / 100, mantissa / 100, "percent", POINTS, False, decimals + 2, written)
    if g["pct"]:
        points = re.search(r"point|pp", g["pct"], re.I) is not None  # "9 percentage points" is a difference
        return _Quantity(mantissa, mantissa, "percent", POINTS if points else None, False, decimals, written)
    if currency:
        return _Quantity(value, mantissa, "money", currency, scale != 1.0, decimals, written)
    if g["ord"] and g["num"] is not None and "." not in written:
        unit = UNITS.get(" ".join(g["unit"].casefold().split())) if g["unit"] else None  # "3rd-quarter"
        return _Quantity(mantissa, mantissa, "ordinal", unit, False, 0, written)
    if g["unit"]:
        return _Quantity(value, mantissa, "duration", UNITS[" ".join(g["unit"].casefold().split())], False, decimals,
                         written)
    if scale != 1.0:
        return _Quantity(value, mantissa, "number", None, True, decimals, written)
    if g["num"] is not None and YEAR_DIGITS.fullmatch(g["num"]):
        return _Quantity(value, mantissa, "year", None, False, 0, written)
    return _Quantity(value, mantissa, "number", None, False, decimals, written)
