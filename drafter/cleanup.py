"""The cleanup pass: remove repetition, boilerplate, clichés and web-template junk from a summary, keep every fact.

The text is parsed into Markdown blocks (headings, paragraphs, list items, code) and the blocks into sentences.
Passes, in order: junk → repeats inside a sentence (doubled phrases, repeated list items and quoted names) →
clichés and filler → exact and near-duplicate sentences across the whole text → structure (empty blocks go, numbered
lists are renumbered, a heading left empty that repeats an earlier heading goes). Near-duplicates are found through an
inverted index on each sentence's rarest words, so the cost grows linearly with the text.

Nothing that carries a fact is ever cut: a sentence with a number, date, amount, proper name or quoted name is only
merged with a near-duplicate whose facts it contains (or that contains its facts), and a sentence with a placeholder
is never removed except as web-template junk, which is not the author's text.
"""

from __future__ import annotations

import math
import re
import time
from bisect import bisect_right
from contextvars import ContextVar
from dataclasses import asdict, dataclass, field
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path
from typing import Iterable, Iterator

from drafter.errors import InputError
from drafter.stock_model import StockModel, load_model as load_stock_model
from drafter.text.dates import DATE_WORDS
from drafter.text.numbers import NUMBER_WORDS
from drafter.text.sentences import ABBREVIATIONS
from drafter.text.words import STOP_WORDS, WORD, stem, stem_cached

__all__ = ["Edit", "Placeholder", "Note", "CleanResult", "CleanupSettings", "PhraseLists", "clean",
           "find_placeholders", "load_phrase_lists", "facts_of", "quantities_in", "format_edit", "format_report"]


@dataclass
class Edit:
    """One removal: its kind, the 1-based input line it was on, the text removed, and the line it repeated."""

    kind: str
    line: int
    removed: str
    duplicate_of_line: int | None = None


@dataclass
class Placeholder:
    """An unfilled template placeholder (20**, XX, [Name] …) at a 1-based line and column of the input."""

    text: str
    line: int
    col: int


@dataclass
class Note:
    """Something reported but not cut, e.g. a cliché inside a sentence that carries a fact."""

    kind: str
    line: int
    text: str


@dataclass
class CleanResult:
    """The cleaned text and the report of what was removed, what is unfilled, and what was only noted."""

    text: str
    edits: list[Edit] = field(default_factory=list)
    placeholders: list[Placeholder] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    stats: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        """Plain data for JSON output: text, edits, placeholders, notes and stats."""
        return {"text": self.text, "edits": [asdict(e) for e in self.edits],
                "placeholders": [asdict(p) for p in self.placeholders], "notes": [asdict(n) for n in self.notes],
                "stats": dict(self.stats)}

    @property
    def changed(self) -> bool:
        """True when the pass removed anything."""
        return bool(self.edits)


@dataclass
class CleanupSettings:
    """Thresholds of the pass. Similarities are IDF-weighted over content words (stop words ignored).

    near_duplicate_jaccard: two sentences whose weighted Jaccard similarity reaches this are near-duplicates (0.6).
    near_duplicate_containment: a sentence whose weighted words lie this much inside another one is redundant (0.85).
    fact_free_containment: the same for a later sentence inside an earlier one when neither holds a fact (0.6).
    restatement_containment: a sentence without figures whose weighted words, vague ones ("greatly", "many")
        counted as inside, lie this much inside one sentence with figures, before or after it, restates it (0.6).
    restatement_pair_containment: the same share inside two such sentences together, for a sentence that sums up
        two of them (0.8).
    restatement_figure_containment: the same share, inside one earlier sentence that holds every figure and name
        it holds, for a sentence with figures: a later, shorter telling of the same facts ("Organized 96 meetings this year"
        beside "I organized 96 meetings, including 12 board meetings") (0.8).
    restatement_min_words: content words a sentence needs to be taken for a restatement (3).
    restatement_max_source_words: content words beyond which a sentence is too long to be the one restated:
        most short sentences lie inside a run-on of forty words (30).
    min_words: content words a sentence needs to be compared as a near-duplicate at all (4).
    containment_min_words: content words the shorter sentence needs for the containment test (4).
    max_key_frequency: a word in more sentences than this is too common to be an index key (48).
    keys_per_sentence: how many of a sentence's rarest words it is looked up by (6).
    max_candidates: earlier sentences fully compared per sentence, the ones sharing most keys (6).
    max_phrase_words: longest doubled phrase looked for inside a sentence (30).
    cliche_max_other_words: a fact-free sentence with a cliché or filler goes only when, the stock phrases taken
        out, it has at most this many content words per stock phrase found (6), or when at most
        cliche_max_new_words of those words (1) are not vague and not said elsewhere in the text (a recap: "In
        summary, this year saw strong enrollment and closer ties with parents"); else it is only noted.
    heading_max_words: a '#' line longer than this is treated as a paragraph, not a heading (16).
    title_max_words: a lone line without end punctuation up to this long is a title, never deduplicated (12).
    keep_sections: never let repeats empty a '#'/'##' section: a sentence repeating one in another section is
        kept there and the earlier copy goes when its own section keeps other text, else both stay (False;
        `drafter draft` turns it on so no planned section vanishes).
    user_lists: also read phrase lists from $DRAFTER_HOME/cleanup/*.toml (True).
    stock_threshold: a sentence with no fact goes as 'stock' when the learned stock model (drafter.stock_model)
        scores it at least this high (0.85); 1.0 or more turns the model off.
    stock_model: the StockModel to ask; None for the one shipped in the package.
    stock_max_words: content words beyond which a sentence is not put to the model (20): its training corpora
        hold almost no longer sentences, and a long one mostly says something.
    """

    near_duplicate_jaccard: float = 0.6
    near_duplicate_containment: float = 0.85
    fact_free_containment: float = 0.6
    restatement_containment: float = 0.6
    restatement_pair_containment: float = 0.8
    restatement_figure_containment: float = 0.8
    restatement_min_words: int = 3
    restatement_max_source_words: int = 30
    min_words: int = 4
    containment_min_words: int = 4
    max_key_frequency: int = 48
    keys_per_sentence: int = 6
    max_candidates: int = 6
    max_phrase_words: int = 30
    cliche_max_other_words: int = 6
    cliche_max_new_words: int = 1
    heading_max_words: int = 16
    title_max_words: int = 12
    keep_sections: bool = False
    user_lists: bool = True
    stock_threshold: float = 0.85
    stock_model: "StockModel | None" = None
    stock_max_words: int = 20

    def __post_init__(self) -> None:
        for name in ("near_duplicate_jaccard", "near_duplicate_containment", "fact_free_containment",
                     "restatement_containment", "restatement_pair_containment", "restatement_figure_containment"):
            value = getattr(self, name)
            if not 0.0 < value <= 1.0:
                raise InputError(f"cleanup setting {name} must be in (0, 1], got {value!r}")
        for name in ("min_words", "containment_min_words", "max_key_frequency", "keys_per_sentence",
                     "max_candidates", "max_phrase_words", "cliche_max_other_words", "heading_max_words", "title_max_words",
                     "restatement_min_words", "restatement_max_source_words", "stock_max_words"):
            if getattr(self, name) < 1:
                raise InputError(f"cleanup setting {name} must be at least 1, got {getattr(self, name)!r}")
        if self.cliche_max_new_words < 0:
            raise InputError(f"cleanup setting cliche_max_new_words must be at least 0, got {self.cliche_max_new_words!r}")


# ---------------------------------------------------------------------------------------------------------------
# phrase lists

LIST_KEYS = ("cliche", "filler", "opener", "junk", "junk_sentence", "title_tag", "keep_doubled", "synonyms", "emotive", "vague",
             "generic")


@dataclass
class PhraseLists:
    """Compiled phrase lists: clichés, filler sentences and openers, junk patterns, doubled phrases to keep."""

    cliche: list["_LazyPattern"] = field(default_factory=list)
    filler: list["_LazyPattern"] = field(default_factory=list)
    opener: list["_LazyPattern"] = field(default_factory=list)
    junk: list["_LazyPattern"] = field(default_factory=list)
    junk_sentence: list["_LazyPattern"] = field(default_factory=list)
    title_tag: list["_LazyPattern"] = field(default_factory=list)
    keep_doubled: list[tuple[str, ...]] = field(default_factory=list)
    synonyms: dict[str, str] = field(default_factory=dict)
    sources: list[str] = field(default_factory=list)
    emotive: "_LazyPattern | None" = None
    vague: frozenset[str] = frozenset()
    generic: frozenset[str] = frozenset()
    _indexes: dict[str, "_LiteralIndex"] = field(default_factory=dict)

    @cached_property
    def unspecific(self) -> frozenset[str]:
        """Vague and generic words: what a restatement or a recap may add without saying anything new."""
        return self.vague | self.generic

    def _index_of(self, key: str) -> "_LiteralIndex":
        if key not in self._indexes:
            self._indexes[key] = _LiteralIndex(getattr(self, key))
        return self._indexes[key]

    def cliches_in(self, text: str) -> list[tuple[int, int]]:
        """Spans of the clichés in text, trying only patterns whose longest literal word the text contains."""
        return [m.span() for p in self._index_of("cliche").candidates(text) for m in p.finditer(text)
                if m.end() > m.start()]

    def is_junk(self, text: str, key: str = "junk") -> bool:
        """True when one of the `key` list's patterns ('junk', 'junk_sentence' or 'title_tag') is found in text."""
        return any(p.search(text) for p in self._index_of(key).candidates(text))


# Letter runs found in most sentences of a summary: poor keys for the literal prefilter when a pattern has another.
COMMON_RUNS = frozenset("work year time with team good will more than here there through development level future "
                        "forward strict unit results customer support experience leadership strength".split())


class _LiteralIndex:
    """Patterns grouped by a letter run every match of them contains (the longest one that is not common), so a
    text is only tried against the patterns whose run it holds (and those with none)."""

    def __init__(self, patterns: list["_LazyPattern"]) -> None:
        self.always: list["_LazyPattern"] = []
        self.by_run: dict[str, list["_LazyPattern"]] = {}
        for pattern in patterns:
            runs = literal_runs(pattern.pattern)
            keys = [max(runs, key=lambda r: (r not in COMMON_RUNS, len(r), r))] if runs else \
                leading_alternatives(pattern.pattern)
            for key in keys:
                self.by_run.setdefault(key, []).append(pattern)
            if not keys:
                self.always.append(pattern)

    def candidates(self, text: str) -> list["_LazyPattern"]:
        low = text.lower()
        return self.always + list(dict.fromkeys(p for run, group in self.by_run.items() if run in low for p in group))


LEADING_GROUP = re.compile(r"^(?:\(\?:)?(?:\\b)?\(\?:([A-Za-z |]+)\)(?![?*]|\{0,)")


def leading_alternatives(pattern: str) -> tuple[str, ...]:
    """For a pattern that opens with a group of literal alternatives ("(?:deeply|truly) (?:proud|grateful)"), the
    longest word (four letters or more) of each alternative: every match holds one of them. Empty otherwise."""
    match = LEADING_GROUP.match(pattern)
    if not match or re.search(r"[^\x00-\x7f]", pattern):
        return ()
    depth, top_level_or, i = 0, False, 0
    body = pattern[3:-1] if pattern.startswith("(?:") and pattern.endswith(")") else pattern
    while i < len(body):
        char = body[i]
        if char == "\\":
            i += 2
            continue
        depth += char == "("
        depth -= char == ")"
        top_level_or |= char == "|" and depth == 0
        i += 1
    words = [max(alternative.split(), key=len, default="").lower() for alternative in match.group(1).split("|")]
    if top_level_or or any(len(word) < 4 for word in words):
        return ()
    return tuple(words)


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    """text with the given spans replaced by spaces, offsets unchanged."""
    out = list(text)
    for a, b in spans:
        out[a:b] = [" "] * (b - a)
    return "".join(out)


def _merge_spans(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping spans as one: two patterns matching the same phrase count once."""
    merged: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if merged and a < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return merged


def literal_runs(pattern: str) -> tuple[str, ...]:
    """Letter runs (four or more) that every match of the pattern contains: those outside optional groups,
    alternations, character classes and escapes. Empty when there are none, and then the pattern is always tried."""
    if re.search(r"[^\x00-\x7f]", pattern):
        return ()
    keep = list(pattern)
    stack: list[list] = []  # [start, has its own '|']
    i = 0
    top_level_or = False
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            keep[i:i + 2] = [" ", " "]
            i += 2
            continue
        if char == "[":
            end = i + 1
            while end < len(pattern) and (pattern[end] != "]" or end == i + 1):
                end += 2 if pattern[end] == "\\" else 1
            keep[i:end + 1] = [" "] * (end + 1 - i)
            i = end + 1
            continue
        if char == "(":
            stack.append([i, False])
        elif char == ")" and stack:
            start, has_or = stack.pop()
            optional = i + 1 < len(pattern) and (pattern[i + 1] in "?*" or pattern[i + 1:i + 4] == "{0,")
            if optional or has_or or pattern.startswith(("(?!", "(?<"), start):
                keep[start:i + 1] = [" "] * (i + 1 - start)
        elif char == "|":
            if stack:
                stack[-1][1] = True
            else:
                top_level_or = True
        elif (char in "?*" or pattern.startswith("{0,", i)) and i and pattern[i - 1].isalpha():
            keep[i - 1] = " "  # 'colou?r': that letter may be missing
        i += 1
    if top_level_or:
        return ()
    return tuple(sorted({run.lower() for run in re.findall(r"[A-Za-z]{4,}", "".join(keep))}))


def _read_list_file(data: bytes, label: str, into: dict[str, list[str]], check_patterns: bool = False,
                    origins: dict[str, list[str | None]] | None = None) -> None:
    """Add one TOML phrase list to `into`; with `check_patterns` (a user's file), refuse a pattern that will not
    compile in the form cleanup uses it. `origins` gets, item for item, `label` for a user's file, else None."""
    from drafter.files import toml_document

    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"{label}: not a valid TOML phrase list ({exc})") from None
    doc = toml_document(text, label, "TOML phrase list")  # a huge number or deep nesting too is one line
    for key, value in doc.items():
        if key not in LIST_KEYS:
            raise InputError(f"{label}: unknown key {key!r}", hint="use: " + ", ".join(LIST_KEYS))
        if key == "synonyms":
            if not isinstance(value, list) or not all(isinstance(g, list) and all(isinstance(w, str) for w in g)
                                                      for g in value):
                raise InputError(f"{label}: synonyms must be a list of lists of words")
        elif not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise InputError(f"{label}: {key} must be a list of strings")
        elif check_patterns and key in PATTERN_KEYS + ("emotive",):
            for pattern in value:
                _check_user_pattern(_as_used(pattern, key), f"{label}: bad {key} pattern {pattern!r}")
        into[key].extend(value)
        if origins is not None:
            origins[key].extend([label if check_patterns else None] * len(value))


ANCHORED_KEYS = ("filler", "opener")  # matched at the start of a sentence; the other pattern lists anywhere in it


def _as_used(pattern: str, key: str) -> str:
    """A list pattern in the form cleanup compiles it: in a group, anchored for filler and openers, and between
    word boundaries for an emotive word."""
    if key == "emotive":
        return r"\b(?:" + pattern + r")\b"
    return ("^(?:" if key in ANCHORED_KEYS else "(?:") + pattern + ")"


def _check_user_pattern(pattern: str, what: str) -> None:
    """Compile a user's pattern as Python's re and as the time-limited `regex` module that runs it; a pattern
    either refuses is an InputError starting with `what` ("FILE: bad cliche pattern '('")."""
    import regex

    try:
        re.compile(pattern, re.I)
        regex.compile(pattern, regex.IGNORECASE)
    except (re.error, regex.error) as exc:
        raise InputError(f"{what} ({exc})") from None


PATTERN_KEYS = ("cliche", "filler", "opener", "junk", "junk_sentence", "title_tag")


USER_PATTERN_SECONDS = 2.0  # matching time one user pattern may use in one cleanup run before it is refused
# {user pattern: seconds it has matched} in the cleanup run under way (None outside one: each call then gets the
# whole allowance)
_USER_PATTERN_CLOCK: ContextVar[dict | None] = ContextVar("user_pattern_clock", default=None)


class _LazyPattern:
    """A phrase-list pattern compiled on first use: of the ~700 shipped, a text meets few, and compiling them all
    would cost more than cleaning a page. User patterns are checked when their file is read, and run by the
    `regex` module with a time limit, so one that backtracks without end ("(a|aa)+b") is refused, naming it,
    instead of hanging the run; the shipped ones are plain `re` patterns, kept linear by their tests."""

    __slots__ = ("pattern", "origin", "_compiled")

    def __init__(self, pattern: str, origin: str | None = None) -> None:
        self.pattern = pattern
        self.origin = origin  # a user's pattern: "FILE: cliche pattern '…'" (as written); None for a shipped one
        self._compiled = None

    def _regex(self):
        if self._compiled is None:
            if self.origin is None:
                self._compiled = re.compile(self.pattern, re.I)
            else:
                import regex

                self._compiled = regex.compile(self.pattern, regex.IGNORECASE)
        return self._compiled

    def _timed(self, run):
        """run(compiled, timeout) for a user's pattern, within what is left of its allowance in this run."""
        clock = _USER_PATTERN_CLOCK.get()
        spent = clock.get(self, 0.0) if clock is not None else 0.0
        started = time.monotonic()
        try:
            if spent >= USER_PATTERN_SECONDS:
                raise TimeoutError
            return run(self._regex(), USER_PATTERN_SECONDS - spent)
        except TimeoutError:
            raise InputError(f"{self.origin} takes more than {USER_PATTERN_SECONDS:g} s on this text: it backtracks "
                             "too much", hint="simplify it (no nested repeats such as '(a+)+') or remove it") from None
        finally:
            if clock is not None:
                clock[self] = spent + time.monotonic() - started

    def search(self, text: str):
        if self.origin is None:
            return self._regex().search(text)
        return self._timed(lambda compiled, timeout: compiled.search(text, timeout=timeout))

    def match(self, text: str):
        if self.origin is None:
            return self._regex().match(text)
        return self._timed(lambda compiled, timeout: compiled.match(text, timeout=timeout))

    def finditer(self, text: str) -> Iterator:
        if self.origin is None:
            return self._regex().finditer(text)
        return iter(self._timed(lambda compiled, timeout: list(compiled.finditer(text, timeout=timeout))))


def _compile(patterns: list[str], key: str, origins: list[str | None]) -> list[_LazyPattern]:
    """The lazy patterns of one list, each naming its file when a user's."""
    return [_LazyPattern(_as_used(pattern, key), f"{origin}: {key} pattern {pattern!r}" if origin else None)
            for pattern, origin in zip(patterns, origins)]


def _emotive_pattern(words: list[str], origins: list[str | None]) -> _LazyPattern | None:
    """One pattern for all emotive words, naming the user's files that added some (it then runs time-limited)."""
    if not words:
        return None
    users = list(dict.fromkeys(origin for origin in origins if origin))
    origin = f"{', '.join(users)}: the emotive words" if users else None
    return _LazyPattern(r"\b(?:" + "|".join(words) + r")\b", origin)


def load_phrase_lists(user_dir: str | Path | None = None, include_user: bool = True) -> PhraseLists:
    """The shipped phrase lists (drafter/data/cleanup/*.toml) plus the user's from $DRAFTER_HOME/cleanup/*.toml.

    The user's files add to the shipped lists; a bad file is an InputError naming it.
    """
    raw: dict[str, list[str]] = {key: [] for key in LIST_KEYS}
    origins: dict[str, list[str | None]] = {key: [] for key in LIST_KEYS}
    sources: list[str] = []
    package = resources.files("drafter").joinpath("data", "cleanup")
    for entry in sorted(package.iterdir(), key=lambda p: p.name):
        if entry.name.endswith(".toml"):
            _read_list_file(entry.read_bytes(), f"drafter/data/cleanup/{entry.name}", raw, origins=origins)
            sources.append(f"drafter/data/cleanup/{entry.name}")
    if include_user:
        if user_dir is None:
            from drafter.config import drafter_home

            user_dir = drafter_home() / "cleanup"
        folder = Path(user_dir)
        if folder.is_dir():
            for path in sorted(folder.glob("*.toml")):
                try:
                    data = path.read_bytes()
                except OSError as exc:
                    raise InputError(f"{path}: cannot read ({exc.strerror})") from None
                emotive_before = len(raw["emotive"])
                _read_list_file(data, str(path), raw, check_patterns=True, origins=origins)
                if len(raw["emotive"]) > emotive_before:  # each word compiles alone; all of them must together
                    _check_user_pattern(_as_used("|".join(raw["emotive"]), "emotive"),
                                        f"{path}: its emotive words do not combine with the others")
                sources.append(str(path))
    synonyms = _synonym_map(raw["synonyms"])
    return PhraseLists(
        cliche=_compile(raw["cliche"], "cliche", origins["cliche"]),
        filler=_compile(raw["filler"], "filler", origins["filler"]),
        opener=_compile(raw["opener"], "opener", origins["opener"]),
        junk=_compile(raw["junk"], "junk", origins["junk"]),
        junk_sentence=_compile(raw["junk_sentence"], "junk_sentence", origins["junk_sentence"]),
        title_tag=_compile(raw["title_tag"], "title_tag", origins["title_tag"]),
        keep_doubled=[tuple(WORD.findall(p.lower())) for p in raw["keep_doubled"] if WORD.findall(p)],
        synonyms=synonyms,
        sources=sources,
        emotive=_emotive_pattern(raw["emotive"], origins["emotive"]),
        vague=frozenset(synonyms.get(stem(w), stem(w)) for w in raw["vague"] if w.strip()),
        generic=frozenset(synonyms.get(stem(w), stem(w)) for w in raw["generic"] if w.strip()),
    )


def _synonym_map(groups: list) -> dict[str, str]:
    out: dict[str, str] = {}
    for group in groups:
        stems = [stem(w) for w in group if w.strip()]
        for word in stems[1:]:
            out.setdefault(word, stems[0])
    return out


@lru_cache(maxsize=8)
def _cached_lists(user_dir: str | None, stamp: tuple) -> PhraseLists:
    return load_phrase_lists(user_dir, include_user=user_dir is not None)


def _phrase_lists(settings: CleanupSettings) -> PhraseLists:
    if not settings.user_lists:
        return _cached_lists(None, ())
    from drafter.config import drafter_home

    folder = drafter_home() / "cleanup"
    stamp = tuple((p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in sorted(folder.glob("*.toml"))) \
        if folder.is_dir() else ()
    return _cached_lists(str(folder), stamp)


# ---------------------------------------------------------------------------------------------------------------
# placeholders and facts

PLACEHOLDER = re.compile(
    r"20\s?\*\*"                                   # 20**, 20 **
    r"|\b(?:19|20)[xX]{2}\b"                        # 20XX
    r"|\*{3,}"                                      # ***
    r"|(?<![\w*])\*\*(?![\w*])"                     # a lone **
    r"|(?<![\w.])(?:XX+|xx+)(?![\w])"               # XX, xx, xxx, xxxxx (also before %)
    r"|(?<![\w.])(?<!\d )[xX](?=\s+[a-z])"          # x people
    r"|\[(?:[A-Z][\w .'-]{0,40}|name|company|date|amount|number)\](?!\()"  # [Name], [Company Name]
    r"|\{\{?\s*[A-Za-z_][\w .-]{0,40}\}\}?"         # {name}, {{ name }}
    r"|_{3,}"                                       # ____
    r"|\b(?:TBD|TODO)\b"
)


BOLD = re.compile(r"(?<![\w*])\*\*(?=[^\s*])[^*\n]*?[^\s*]\*\*(?![\w*])")


def _without_bold_markers(text: str) -> str:
    """text with the '**' of Markdown bold ("**Label:**") blanked, so they are not read as a '**' placeholder."""
    return BOLD.sub(lambda m: "  " + m.group(0)[2:-2] + "  ", text)


def has_placeholder(text: str) -> bool:
    """True when text holds an unfilled placeholder (Markdown bold markers are not one)."""
    return PLACEHOLDER.search(_without_bold_markers(text)) is not None


def find_placeholders(text: str) -> list[Placeholder]:
    """Every unfilled placeholder in text with its 1-based line and column, in order of appearance."""
    out: list[Placeholder] = []
    line, line_start, pos = 1, 0, 0
    for match in PLACEHOLDER.finditer(_without_bold_markers(text)):
        start = match.start()
        newlines = text.count("\n", pos, start)
        if newlines:
            line += newlines
            line_start = text.rfind("\n", 0, start) + 1
        pos = start
        out.append(Placeholder(match.group(0), line, start - line_start + 1))
    return out


BLANK = re.compile(r"\s*")
NUMBER = re.compile(r"(?<![\w.])[$€£¥]?\d[\d,]*(?:\.\d+)?(?:%|‰|[kKmMbB]n?\b)?")
CODE = re.compile(r"(?<![\w.$€£¥-])[A-Za-z]+-?\d[\w.-]*")  # "v7.0", "Q3", "HC-28", "COVID-19": a figure too
MONTHS = DATE_WORDS  # words that date an event (drafter.text.dates)
REPEATED_QUOTE = re.compile(r"([\"“][^\"“”\n]{2,80}[\"”])((?:\s*[,、，]\s*(?:the\s+)?\1|\s+\1)+)")
# a list fragment ("answering payslip queries;"), and a lead-in ("… as follows:") or fragment: not a restatement
FRAGMENT = re.compile(r"[;；,，]\W*$|^\W*[a-z]")
LEAD_IN = re.compile(FRAGMENT.pattern + r"|[:：]\W*$|\b(?:[Aa]s follows|[Tt]he following|(?:set out|listed|shown|given) "
                     r"below)\b")
YEAR = re.compile(r"(?:19|20)\d\d")
ZERO = re.compile(r"\b(?:not (?:a|one) single|not one|zero|without (?:a|any) single|no (?:\w+ )?(?:accidents?|incidents?|"
                  r"complaints?|errors?|mistakes?|losses|injuries|defects?|breaches|delays?|failures?|violations?))\b",
                  re.I)  # a count of none
THANKS = re.compile(r"\b(?:thank|thanks|grateful|gratitude)\b", re.I)
FUTURE = re.compile(r"\b(?:will|shall|going to|plan(?:s|ned)? to|intend(?:s|ed)? to|aim(?:s|ed)? to|next year)\b", re.I)
QUOTED = re.compile(r"[\"“”«»]([^\"“”«»\n]{2,80})[\"“”«»]")
# the blank runs are possessive: "\s+(?:of|…)?\s*" could split a long one two ways at every length (quadratic)
CAPITAL_RUN = re.compile(r"(?<![\w'’])[A-Z][\w&.'’-]*(?:\s++(?:(?:of|and|for|de|&)\s*+)?[A-Z][\w&.'’-]*)*")
NOT_NAMES = frozenset("i i'm i’m i've i'd i'll".split())
QUOTE_MARK = re.compile(r"[\"“”]")
PHRASE_STOP = re.compile(r"[;:!?()]")  # a doubled phrase holds none of these ...
PHRASE_PARTING = re.compile(r"[.!?;:()\"“”]")  # ... and its two copies are parted by none of these
START_AFTER = re.compile(r"(?:^|[.!?:;#(\[\"“—–*_-]\s*|\d[.)、,]\s+)$")
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
    r"\b(?:in the first place|first of all|at first|first and foremost|first-hand|second to none|"
    r"one (?:of|by one|another|after another|day|that|which|who|where)|no one|every one|each one|the one|"
    r"this one|that one|as one|"
    r"(?:with |of )?one (?:heart|mind|voice|accord|family)|first-(?:class|rate)|(?:a|an) (?:[a-z]+ ){1,2}one(?![-\w])|"
    r"(?:put|puts|putting|place|places|placed)\b[^.,;]{0,40}? first|"
    r"(?:safety|quality|service|customers?|patients?|students?)(?: \w+)? (?:comes?|is|are) first|"
    r"(?:safety|quality|service|customers?|patients?|students?|integrity|people|residents?|masses|clients?|"
    r"passengers?|users?|guests?|members?)[- ]first|"
    r"double[- ]check\w*|half[- ]hearted\w*|\w+-first|(?:past|last|previous) twelve months|four seasons|one more year|"
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


UNITS = {w: n for n, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen".split())} | {"twice": 2, "dozen": 12}
TENS = {w: 10 * n for n, w in enumerate("_ _ twenty thirty forty fifty sixty seventy eighty ninety".split(), 0)
        if w != "_"}
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
QUANTITY_WORDS = frozenset(UNITS) | frozenset(TENS) | frozenset(SCALES)


def quantities_in(text: str) -> list[float]:
    """The amounts a text states, in figures ("40,312", "1.2 million") or in words ("more than forty thousand",
    "a thousand", "twice"), so a restatement in words can be checked against the figures it rounds."""
    values: list[float] = []
    for match in re.finditer(r"(?<![\w.])\d[\d,]*(?:\.\d+)?(?:\s*(million|billion|thousand|[kKmM]\b))?", text):
        number = float(match.group(0).split()[0].rstrip("kKmM").replace(",", "") or 0)
        scale = (match.group(1) or "").lower()
        number *= {"k": 1e3, "thousand": 1e3, "m": 1e6, "million": 1e6, "billion": 1e9}.get(scale, 1)
        values.append(number)
    total = current = None
    previous = ""
    for word in [w.lower() for w in WORD.findall(without_number_idioms(text))] + [""]:
        if word == "and" and (total or current or 0) >= 100:  # "one hundred and twenty"
            continue
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
    return values


def _rounds(amounts: list[float], figures: list[float], factor: float = 1.5) -> bool:
    """True when every amount is a rounding of one of the figures (within `factor` either way)."""
    return all(any(figure > 0 and 1 / factor <= amount / figure <= factor for figure in figures) for amount in amounts)


HEDGES = ("more than", "over", "nearly", "almost", "about", "around", "approximately", "roughly", "close to", "some",
          "upwards of", "in excess of", "just over", "just under")
HEDGE = re.compile(r"\b(?:" + "|".join(HEDGES) + r")\s+$", re.I)
HEDGE_REACH = max(map(len, HEDGES))
HEDGED_FACTOR = 1.15


def _figure(match: re.Match) -> str:
    """A NUMBER match as a fact: thousands separators and a closing full stop dropped ("40,312." -> "40312")."""
    return match.group(0).replace(",", "").rstrip(".")


def figures_with_units(text: str) -> set[tuple[str, str]]:
    """Each figure of a text with the word that follows it ("2 days" -> ("2", "day")), so a sentence is not taken
    for a retelling of another that holds the same number of something else ("2 major releases")."""
    out = set()
    for match in NUMBER.finditer(text):
        figure = _figure(match)
        unit = None if figure[-1:] in "%‰" or figure[:1] in "$€£¥" else \
            WORD.match(text, BLANK.match(text, match.end()).end())  # the next word, read in place
        out.add((figure, stem(unit.group(0)) if unit else ""))  # "8%" and "$612,000" carry their own unit
    return out


def hedged_figures(text: str) -> dict[str, float]:
    """The figures a text only hedges ("more than 1,100", "nearly 3,000"), by fact, with their values: a hedged
    figure may be a rounding of an exact one said elsewhere (1,126), years aside."""
    out: dict[str, float] = {}
    for match in NUMBER.finditer(text):
        fact = _figure(match)
        if ends_with(HEDGE, text, match.start(), HEDGE_REACH) and not YEAR.fullmatch(fact):
            values = quantities_in(match.group(0).lstrip("$€£¥"))
            if values:
                out[fact] = values[0]
    return out


def _is_figure(fact: str) -> bool:
    """True when the fact is a figure (it holds a digit), not a name or a number word."""
    return any(c.isdigit() for c in fact)


def _is_name(fact: str) -> bool:
    """True when the fact is a name ("lisbon", "harbour bank"), not a figure, date, number word or quotation."""
    return not (_is_figure(fact) or fact in MONTHS or fact in NUMBER_WORDS or fact.startswith('"'))


def _has_figure(facts: Iterable[str]) -> bool:
    """True when some fact is a figure."""
    return any(_is_figure(fact) for fact in facts)


def facts_of(sentence: str) -> frozenset[str]:
    """The facts a sentence carries: numbers, number words, dates, quoted names and capitalised names (lowercased).

    Two sentences are merged only when one's facts contain the other's, so no fact is ever lost.
    """
    facts: set[str] = set()
    idiom_free = without_number_idioms(sentence)
    for match in NUMBER.finditer(sentence):
        facts.add(_figure(match))
    for match in CODE.finditer(sentence):
        facts.add(match.group(0).lower().rstrip("."))
    for match in WORD.finditer(idiom_free):
        word = match.group(0)
        low = word.lower()
        if low in NUMBER_WORDS or low in MONTHS and (low not in AMBIGUOUS_DATES or _is_date_word(idiom_free, match)):
            facts.add(low)
    for match in QUOTED.finditer(sentence):
        facts.add('"' + " ".join(match.group(1).lower().split()))
    for match in CAPITAL_RUN.finditer(sentence):
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
        if len(words) == 1 and words[0].lower() in NOT_NAMES:
            continue
        facts.add(" ".join(w.lower() for w in words if w.lower() not in NOT_NAMES))
    facts.discard("")
    return frozenset(facts)


# ---------------------------------------------------------------------------------------------------------------
# parsing

HEADING = re.compile(r"^(#{1,6})\s+\S")
LIST_ITEM = re.compile(
    r"^(\s*)(?:([-*+•])|(\d{1,3})([.)、,])|\(([a-zA-Z]|\d{1,2})\)|([a-z])\))(\s+)(?=\S)")
FENCE = re.compile(r"^\s*(```|~~~)")
END_PUNCT = re.compile(r"[.!?。！？:;：；…]['\"”’)\]]*\s*$")
SENTENCE_STARTERS = frozenset("I We The This That These Our My In It He She They There At On For After During All Each As "
                              "An Since With From".split())
# a run of end marks is taken whole, from its first mark only ("!!!!…x" was tried again from each one: quadratic)
SENTENCE_END = re.compile(r"(?<![.!?。！？])[.!?。！？]++['\"”’)\]]*+(?=\s|$)|[。！？]")
NEXT_WORD = re.compile(r"\s+(\w+)")
SENTENCE_START = re.compile(r"[\"“'‘(\[A-Z0-9#*_\-—•]|[^\x00-\x7f]")


@dataclass
class Sentence:
    """One sentence of a block: its text (as edited so far), offset in the block content, and state."""

    text: str
    start: int
    gap: str
    line: int
    removed: bool = False
    placeholder: bool = False
    _facts: frozenset[str] | None = None
    _future: bool | None = None
    in_plan: bool = False
    reference: bool = False
    dup_of: "Sentence | None" = None
    dup_edit: "Edit | None" = None
    merged: "tuple[Sentence, str, Edit] | None" = None

    @property
    def facts(self) -> frozenset[str]:
        if self._facts is None:
            self._facts = facts_of(self.text)
        return self._facts

    @property
    def fragment(self) -> bool:
        """True for a list fragment ("answering payslip queries;"), which is never merged with a full sentence."""
        return FRAGMENT.search(self.text) is not None

    @property
    def future(self) -> bool:
        """True when the sentence speaks of the future (a plan or goal), not of what was done."""
        if self._future is None:
            self._future = self.in_plan or FUTURE.search(self.text) is not None
        return self._future

    def set_text(self, text: str) -> None:
        self.text = text
        self._facts = None
        self._future = None


@dataclass
class Block:
    """A Markdown block: heading, title line, paragraph, list item, or opaque (code, table, rule)."""

    kind: str
    line: int
    raw: list[str]
    prefix: str = ""
    content: str = ""
    sentences: list[Sentence] = field(default_factory=list)
    removed: bool = False
    sep: list[str] = field(default_factory=list)
    number: int | None = None
    list_key: tuple | None = None
    renumber_to: int | None = None
    tail: str = ""
    heading_like: bool = False


def _last_word(text: str, start: int, end: int) -> str:
    """The last blank-separated word of text[start:end] ('' when there is none), found from the end."""
    while end > start and text[end - 1].isspace():
        end -= 1
    begin = end
    while begin > start and not text[begin - 1].isspace():
        begin -= 1
    return text[begin:end]


def split_sentences(content: str, first_line: int) -> list[Sentence]:
    """Split block content into sentences, keeping offsets and the whitespace after each one."""
    out: list[Sentence] = []
    start = len(content) - len(content.lstrip())
    line = first_line + content.count("\n", 0, start)
    pos = start
    for match in SENTENCE_END.finditer(content):
        end = match.end()
        if end <= pos:
            continue
        if match.group(0).startswith(".") and len(match.group(0)) == 1:
            last = _last_word(content, pos, match.start()).lower()
            initial = len(last) == 1 and last.isalpha()  # "J. Smith", but "Shift B. I led it" ends a sentence
            starter = NEXT_WORD.match(content, end)
            if initial and starter and starter.group(1) in SENTENCE_STARTERS:
                initial = False
            if last in ABBREVIATIONS or initial or re.fullmatch(r"[a-z](?:\.[a-z])+", last):
                continue
        gap_end = BLANK.match(content, end).end()  # read in place: a copy of the rest at each full stop was quadratic
        if gap_end < len(content) and not SENTENCE_START.match(content, gap_end):
            continue
        gap = content[end:gap_end]
        text = content[pos:end]
        if text.strip():
            out.append(Sentence(text, pos, gap, line))
        line += content.count("\n", pos, end + len(gap))
        pos = end + len(gap)
    if pos < len(content) and content[pos:].strip():
        rest = content[pos:]
        text = rest.rstrip()
        out.append(Sentence(text, pos, rest[len(text):], line))
    return out


def _block_kind_of_line(line: str, settings: CleanupSettings) -> str:
    if HEADING.match(line) and len(line.split()) - 1 <= settings.heading_max_words:
        return "heading"
    if LIST_ITEM.match(line):
        return "item"
    return "text"


def parse_blocks(text: str, settings: CleanupSettings) -> tuple[list[Block], list[str]]:
    """Cut the text into blocks, each remembering the blank lines before it; return (blocks, trailing blanks)."""
    lines = text.split("\n")
    blocks: list[Block] = []
    pending: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if not line.strip():
            pending.append(line)
            i += 1
            continue
        start = i
        if FENCE.match(line):
            fence = FENCE.match(line).group(1)
            i += 1
            while i < len(lines) and not lines[i].lstrip().startswith(fence):
                i += 1
            i = min(i + 1, len(lines))
            block = Block("opaque", start + 1, lines[start:i])
        elif line.lstrip().startswith("|") or re.match(r"^\s*(?:[-*_]\s*){3,}$", line) or line.startswith("    "):
            i += 1
            block = Block("opaque", start + 1, [line])
        else:
            kind = _block_kind_of_line(line, settings)
            i += 1
            if kind == "item":
                indent = len(LIST_ITEM.match(line).group(1))
                while i < len(lines) and lines[i].strip() and _block_kind_of_line(lines[i], settings) == "text" \
                        and len(lines[i]) - len(lines[i].lstrip()) > indent:
                    i += 1
            elif kind == "text":
                while i < len(lines) and lines[i].strip() and _block_kind_of_line(lines[i], settings) == "text" \
                        and not FENCE.match(lines[i]) and not lines[i].lstrip().startswith("|"):
                    i += 1
            block = Block(kind, start + 1, lines[start:i])
            _prepare(block, settings)
        block.sep = pending
        pending = []
        blocks.append(block)
    _mark_item_headings(blocks, settings)
    _mark_plan_sections(blocks)
    return blocks, pending


PLAN_HEADING = re.compile(r"\b(?:goals?|plans?|planning|priorities|objectives|targets|outlook|looking ahead|next year|"
                          r"the (?:coming|new) year|next steps|(?:work )?ideas for|intentions?)\b", re.I)


def _mark_plan_sections(blocks: list[Block]) -> None:
    """Sentences under a 'Goals for 2025' or 'Next year's plan' heading speak of the future even when they do not
    say 'will' ("Move contract customers onto electronic job tickets"): a plan never merges with a past fact."""
    open_headings: list[tuple[int, bool]] = []  # (level, is a plan heading) from the outermost in
    report_year = None  # the first year of the title: a heading naming a later one ("For 2025") is a plan
    for block in blocks:
        if block.kind in ("heading", "title") or block.heading_like:
            years = [int(y) for y in YEAR.findall(block.content)]
            if report_year is None:
                report_year = years[0] if years else 0
            level = len(block.prefix.strip()) if block.kind == "heading" else 7
            open_headings = [h for h in open_headings if h[0] < level]
            later = report_year and any(y > report_year for y in years)
            open_headings.append((level, PLAN_HEADING.search(block.content) is not None or bool(later)))
        elif block.kind in ("text", "item") and any(plan for _, plan in open_headings):
            for sentence in block.sentences:
                sentence.in_plan = True


def _mark_item_headings(blocks: list[Block], settings: CleanupSettings) -> None:
    """A lone short list item set apart by blank lines ("1. Education and teaching") is a heading in list
    clothing: it may stand again under another part, so it is never deduplicated."""
    for index, block in enumerate(blocks):
        if block.kind != "item" or len(block.raw) != 1 or END_PUNCT.search(block.content):
            continue
        if len(block.content.split()) > settings.title_max_words:
            continue
        after = blocks[index + 1] if index + 1 < len(blocks) else None
        before = blocks[index - 1] if index else None
        if (before is None or block.sep) and after is not None and after.sep and after.kind != "item" and \
                (before is None or before.kind != "item"):
            block.heading_like = True


def top_level_sections(blocks: list[Block]) -> list[list[Block]]:
    """The prose blocks still in the text, grouped by top-level ('#'/'##') section; the part before the first
    heading is a section too."""
    sections: list[list[Block]] = [[]]
    for block in blocks:
        if block.kind == "heading" and len(block.prefix.strip()) <= 2:
            sections.append([])
        elif block.kind in ("text", "item") and not block.removed:
            sections[-1].append(block)
    return [section for section in sections if section]


def boundary_blocks(blocks: list[Block]) -> set[int]:
    """Ids of the first and last prose block of each top-level section: where openers and closers stand."""
    return {id(section[i]) for section in top_level_sections(blocks) for i in (0, -1)}


def _prepare(block: Block, settings: CleanupSettings) -> None:
    joined = "\n".join(block.raw)
    if block.kind == "heading":
        match = re.match(r"^(#{1,6}\s+)", joined)
        block.prefix, block.content = match.group(1), joined[match.end():]
    elif block.kind == "item":
        match = LIST_ITEM.match(joined)
        block.prefix, block.content = joined[: match.end()], joined[match.end():]
        if match.group(3):
            block.number = int(match.group(3))
            block.list_key = (len(match.group(1)), match.group(4))
    else:
        block.content = joined
        if len(block.raw) == 1 and not END_PUNCT.search(joined) and len(joined.split()) <= settings.title_max_words:
            block.kind = "title"
    stripped = block.content.rstrip()
    block.tail = block.content[len(stripped):]
    block.content = stripped
    if block.kind in ("heading", "title"):
        block.sentences = [Sentence(block.content, 0, "", block.line)]
    else:
        block.sentences = split_sentences(block.content, block.line)


# ---------------------------------------------------------------------------------------------------------------
# words and similarity




_stem_cached = stem_cached


def content_words(text: str, synonyms: dict[str, str] | None = None) -> tuple[str, ...]:
    """The stemmed content words of text, in order, without stop words, synonyms folded to one word."""
    out = []
    for word in WORD.findall(text):
        low = word.lower()
        if low in STOP_WORDS:
            continue
        stemmed = _stem_cached(low)
        out.append(synonyms.get(stemmed, stemmed) if synonyms else stemmed)
    return tuple(out)


def normalize(text: str) -> str:
    """A sentence's identity for exact-duplicate checks: lowercased words only."""
    return " ".join(WORD.findall(text.lower()))


# ---------------------------------------------------------------------------------------------------------------
# the passes

IDF_PRIOR = 50


def _document_frequencies(words: list) -> tuple[dict[str, int], dict[str, float]]:
    """How many sentences hold each word, and its smoothed inverse document frequency weight."""
    df: dict[str, int] = {}
    for ws in words:
        for w in set(ws):
            df[w] = df.get(w, 0) + 1
    total = len(words) + IDF_PRIOR
    return df, {w: math.log(total / n) for w, n in df.items()}


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
        for name in [f for f in facts if " " in f and _is_name(f)]:
            words = name.split()
            if len(words) > NAME_RUNS_LISTED_UP_TO:
                long_names.append(words)
                continue
            self.facts.update(" ".join(words[a:b]) for a in range(len(words)) for b in range(a + 1, len(words) + 1))
        self.long_names = WordRuns(long_names)

    def __contains__(self, fact: str) -> bool:
        return fact in self.facts or fact.split(" ") in self.long_names


LABEL_MAX_WORDS = 8
NOT_LABEL_WORDS = frozenset("i we our my us me you your it its they their he she was were is are be been has have had "
                            "am".split())


class _Cleaner:
    def __init__(self, text: str, settings: CleanupSettings, lists: PhraseLists, echo_of: Iterable[str] = ()) -> None:
        self.settings = settings
        self.lists = lists
        self.echo_of = list(echo_of)
        self.edits: list[tuple[tuple[int, int], Edit]] = []
        self.notes: list[Note] = []
        self.blocks, self.trailing = parse_blocks(text, settings)
        self.order = 0

    def edit(self, kind: str, line: int, removed: str, dup: int | None = None) -> Edit:
        self.order += 1
        record = Edit(kind, line, removed.strip(), dup)
        self.edits.append(((line, self.order), record))
        return record

    def unedit(self, record: Edit) -> None:
        self.edits = [pair for pair in self.edits if pair[1] is not record]

    def text_sentences(self):
        for block in self.blocks:
            if block.removed or block.kind not in ("text", "item") or block.heading_like:
                continue
            for sentence in block.sentences:
                if not sentence.removed:
                    yield block, sentence

    # junk ----------------------------------------------------------------------------------------------------------

    def junk(self) -> None:
        first = next((block for block in self.blocks if block.kind != "opaque"), None)
        for block in self.blocks:
            if block.kind == "opaque":
                continue
            if block is first and block.kind in ("heading", "title"):
                self._cut_title_tag(block.sentences[0])
            hits = [s for s in block.sentences if self.lists.is_junk(s.text) or self.lists.is_junk(s.text, "title_tag")]
            if hits:
                others = [s for s in block.sentences if s not in hits]
                if block.kind in ("heading", "title") or not any(s.facts or s.placeholder for s in others):
                    for sentence in block.sentences:
                        sentence.removed = True
                    block.removed = True
                    self.edit("junk", block.line, "\n".join(block.raw))
                    continue
                for sentence in hits:
                    sentence.removed = True
                    self.edit("junk", sentence.line, sentence.text)
            for sentence in block.sentences:
                if not sentence.removed and block.kind in ("text", "item") and \
                        self.lists.is_junk(sentence.text, "junk_sentence"):
                    sentence.removed = True
                    self.edit("junk", sentence.line, sentence.text)

    def _cut_title_tag(self, sentence: Sentence) -> None:
        """Cut a site's tag ("(selected 2 articles)") from the text's title, keeping the title."""
        spans = [m.span() for p in self.lists.title_tag for m in p.finditer(sentence.text)]
        rest = _blank(sentence.text, spans)
        if spans and rest.strip() and not self.lists.is_junk(rest):  # else the whole title is a site's
            self._cut(sentence, _merge_spans(spans), "junk", repeat=False)

    # repeated lines of a plain list ---------------------------------------------------------------------------------

    def list_block_repeats(self) -> None:
        """In a block that is a plain list (two or more lines, none with end punctuation or a bullet, so it reads
        as one sentence), a line that repeats an earlier line of it exactly goes as 'repeated-item'."""
        for block in self.blocks:
            if block.removed or block.kind != "text" or len(block.raw) < 2 or len(block.sentences) != 1 or \
                    any(END_PUNCT.search(line) for line in block.raw):
                continue
            sentence = block.sentences[0]
            if sentence.removed or sentence.placeholder:
                continue
            first_line: dict[str, int] = {}
            kept: list[str] = []
            for offset, line in enumerate(sentence.text.split("\n")):
                key = " ".join(line.split())
                if key in first_line:
                    self.edit("repeated-item", sentence.line + offset, line, first_line[key])
                    continue
                first_line[key] = sentence.line + offset
                kept.append(line)
            if len(kept) < sentence.text.count("\n") + 1:
                sentence.set_text("\n".join(kept))

    # repeats inside a sentence -------------------------------------------------------------------------------------

    def inner_repeats(self) -> None:
        for block, sentence in list(self.text_sentences()):
            self._doubled_phrases(sentence)
            self._repeated_items(sentence)

    def _is_kept_doubling(self, words: list[str], i: int, n: int) -> bool:
        """True when the doubled words belong to a kept phrase ("from time to time", "very very"); a kept phrase
        said twice over ("one by one one by one"), or a doubling that runs past it ("from time to time to time"),
        is still a repeat."""
        unit = words[i:i + n]

        def after_cut(start: int, size: int) -> tuple[str, ...]:
            """The words [start, start + size) of the sentence with the second copy cut, built near the cut only
            (copying the whole sentence for each doubling made a long one quadratic)."""
            if start + size <= i + n:
                return tuple(words[start:start + size])
            return tuple(words[start:i + n]) + tuple(words[max(start, i + n) + n:start + size + n])

        for phrase in self.lists.keep_doubled:
            size = len(phrase)
            if list(phrase) == unit:
                continue
            near = range(max(0, i - size + 1), min(len(words) - size, i + 2 * n - 1) + 1)
            if any(words[start] == phrase[0] and tuple(words[start:start + size]) == phrase for start in near) and \
                    not any(after_cut(start, size) == phrase for start in near):
                return True
        return False

    def _doubled_phrases(self, sentence: Sentence) -> None:
        """Cut the second copy of a phrase said twice in a row ("we improved we improved the process")."""
        text = sentence.text
        spans = [(m.start(), m.end()) for m in WORD.finditer(text)]
        words = [text[a:b].lower() for a, b in spans]
        cuts: list[tuple[int, int]] = []
        i = 0
        limit = self.settings.max_phrase_words
        later: dict[str, list[int]] = {}  # each word's positions, to try only the phrase lengths that can double
        for position, word in enumerate(words):
            later.setdefault(word, []).append(position)
        # What lies between neighbouring words (words hold no punctuation), read once: a phrase cannot hold one of
        # ;:!?() nor an odd number of quotes, nor its copies be parted by an end mark. The tests at each word are
        # then cheap, and a phrase never runs past the next such mark (asking each of 30 lengths at each word of
        # "a:a:a:…" cost seconds per 100 KB).
        gaps = [text[end:next_start] for (_, end), (next_start, _) in zip(spans, spans[1:])]
        quotes_before = [0]  # quotes in the gaps before each word
        for gap in gaps:
            quotes_before.append(quotes_before[-1] + len(QUOTE_MARK.findall(gap)))
        parting = [PHRASE_PARTING.search(gap) is not None for gap in gaps]
        phrase_end = [len(words) - 1] * len(words)  # the last word a phrase from each word can reach
        for k in range(len(gaps) - 1, -1, -1):
            phrase_end[k] = k if PHRASE_STOP.search(gaps[k]) else phrase_end[k + 1]
        while i < len(words):
            found = 0
            positions = later[words[i]]
            if len(positions) == 1:
                i += 1
                continue
            top = min(limit, (len(words) - i) // 2, phrase_end[i] - i + 1)
            # only the word's next few positions, found by bisection: a word said thousands of times ("word word
            # word …") must not cost a scan of all its positions at each one
            nearby = positions[bisect_right(positions, i):bisect_right(positions, i + top)]
            for n in sorted((j - i for j in nearby), reverse=True):
                if words[i:i + n] != words[i + n:i + 2 * n] or (quotes_before[i + n - 1] - quotes_before[i]) % 2 \
                        or parting[i + n - 1]:
                    continue
                if n == 1 and (gaps[i].strip() or words[i].isdigit() or any(c.isdigit() for c in words[i])):
                    continue
                first = text[spans[i][0]:spans[i + n - 1][1]].lower()
                if first != text[spans[i + n][0]:spans[i + 2 * n - 1][1]].lower() or \
                        self._is_kept_doubling(words, i, n):
                    continue
                found = n
                break
            if found:
                i = self._align_on_punctuation(text, spans, words, i, found)
                cuts.append((spans[i + found - 1][1], spans[i + 2 * found - 1][1]))
                i += 2 * found
            else:
                i += 1
        if cuts:
            self._cut(sentence, cuts, "repeated-phrase")

    @staticmethod
    def _align_on_punctuation(text: str, spans, words: list[str], i: int, n: int) -> int:
        """Of the shifts of a doubled phrase, prefer the one whose copies are separated by a comma."""
        for k in range(n):
            j = i + k
            if j + 2 * n > len(words) or words[j:j + n] != words[j + n:j + 2 * n]:
                break
            if "," in text[spans[j + n - 1][1]:spans[j + n][0]]:
                return j
        return i

    def _repeated_items(self, sentence: Sentence) -> None:
        text = sentence.text
        repeats = [(m.start(2), m.end(2)) for m in REPEATED_QUOTE.finditer(text)]
        if repeats:
            self._cut(sentence, repeats, "repeated-item")
            text = sentence.text
        body_end = len(text.rstrip(".!?。！？ "))
        colon = ":：" if len(re.findall(r"[:：]", text)) == 1 else ""  # a list after its label, not "Key: value" fields
        # not the comma of "61,000"; never from inside a blank run (tried again from each blank: quadratic)
        separators = [m for m in re.finditer(rf"(?!(?<=\s)\s)(?:\s*(?:[;、，；{colon}]|,(?!\d)|(?<!\d),)\s*"
                                             rf"(?:and\s+|or\s+)?|\s+and\s+)", text[:body_end])]
        bounds = [0] + [m.start() for m in separators] + [body_end]
        seen: dict[str, int] = {}
        names: dict[str, str] = {}
        cuts: list[tuple[int, int]] = []
        for index in range(len(bounds) - 1):
            seg_start = separators[index - 1].end() if index else 0
            seg_end = bounds[index + 1]
            segment = text[seg_start:seg_end]
            words = [w.lower() for w in WORD.findall(segment)]
            leading = 0
            while leading < len(words) and words[leading] in ("and", "or", "the", "a", "an"):
                leading += 1
            words = words[leading:]  # dropped at once: one at a time copied the rest for each ("a a a …")
            key = " ".join(words)
            quotes = len(re.findall(r"[\"“”]", segment))
            quoted = quotes > 0
            if quotes % 2:
                continue
            if not key or (len(words) < 2 and not quoted) or all(w in STOP_WORDS for w in words):
                continue
            if key in ("at the same time", "in addition", "for example", "in particular", "as well",
                       "of course", "on the other hand", "in other words", "and so on"):
                continue
            only_name = re.fullmatch(r"\s*(?:(?:and|or|for|the|a|an|as well as|also|plus)\s+)*[\"“]([^\"“”]+)[\"”]"
                                     r"((?:\s+[a-z]+){0,2})\s*", segment)
            repeated_name = False  # a quoted name said again with the words that followed it the first time
            if only_name:
                after_first = names.get(" ".join(only_name.group(1).lower().split()))
                repeated_name = after_first is not None and after_first.startswith(" ".join(only_name.group(2).split()))
            if index and (key in seen or repeated_name):
                cuts.append((bounds[index], seg_end))
            else:
                seen.setdefault(key, index)
                for m in QUOTED.finditer(segment):  # a quoted name and the words after it ("activity in June")
                    names.setdefault(" ".join(m.group(1).lower().split()), " ".join(segment[m.end():].lower().split()))
        if cuts:
            self._cut(sentence, cuts, "repeated-item")

    def _cut(self, sentence: Sentence, cuts: list[tuple[int, int]], kind: str, repeat: bool = True) -> None:
        """Cut these spans from the sentence; `repeat`: each is a repeat of something said on the sentence's line."""
        text = sentence.text
        ordered = sorted(cuts)
        if any(b > next_a for (_, b), (next_a, _) in zip(ordered, ordered[1:])):  # overlapping: one after another
            for a, b in reversed(ordered):
                self.edit(kind, sentence.line + text.count("\n", 0, a), text[a:b], sentence.line if repeat else None)
                text = text[:a] + text[b:]
            sentence.set_text(text)
            return
        # apart: the same edits, last first, with lines counted once from the start and the text joined once
        # (cutting and counting from the start for each of thousands of cuts made a long sentence quadratic)
        lines, line, counted = [], sentence.line, 0
        for a, _ in ordered:
            line += text.count("\n", counted, a)
            counted = a
            lines.append(line)
        for (a, b), line in zip(reversed(ordered), reversed(lines)):
            self.edit(kind, line, text[a:b], sentence.line if repeat else None)
        kept, end = [], 0
        for a, b in ordered:
            kept.append(text[end:a])
            end = b
        kept.append(text[end:])
        sentence.set_text("".join(kept))

    # clichés and filler --------------------------------------------------------------------------------------------

    def _facts_stated_outside(self, excluded: set[int]) -> "StatedFacts":
        """The facts of every sentence, heading, title and table still in the text, but the excluded ones, and the
        parts of each name stated."""
        stated: set[str] = set()
        for block in self.blocks:
            if block.removed:
                continue
            if block.kind == "opaque":
                stated |= facts_of("\n".join(block.raw))
                continue
            for sentence in block.sentences:
                if not sentence.removed and id(sentence) not in excluded:
                    stated |= sentence.facts
        return StatedFacts(stated)

    def cliches(self) -> None:
        boundary = boundary_blocks(self.blocks) if self.lists.emotive is not None else set()
        stock: list[tuple[Sentence, list[tuple[int, int]], str]] = []
        for block, sentence in list(self.text_sentences()):
            body = sentence.text
            for pattern in self.lists.opener:
                match = pattern.match(body)
                if match and match.end() < len(body):
                    rest = body[match.end():]
                    if sentence.facts and facts_of(rest) >= sentence.facts:
                        sentence.set_text(rest[:1].upper() + rest[1:])
                        self.edit("filler", sentence.line, match.group(0))
                    break
            text = sentence.text
            spans = [m.span() for p in self.lists.filler for m in [p.match(text)] if m and m.end() > m.start()]
            kind = "filler" if spans else None
            spans += self.lists.cliches_in(text)
            if id(block) in boundary:  # an opener or closer: its feelings are stock too
                feelings = [m.span() for m in self.lists.emotive.finditer(text)]
                if spans or len(feelings) >= 2:
                    spans += feelings
            if spans:
                stock.append((sentence, _merge_spans(spans), kind or "cliche"))
        stated = self._facts_stated_outside({id(sentence) for sentence, _, _ in stock})
        unspecific = self.lists.unspecific
        said: set[str] = set()  # the content words of the sentences that hold no stock phrase
        candidates = {id(sentence) for sentence, _, _ in stock}
        for _, sentence in self.text_sentences():
            if id(sentence) not in candidates:
                said.update(content_words(sentence.text, self.lists.synonyms))
        for sentence, spans, kind in stock:
            text = sentence.text
            why = None
            # a name inside a stock phrase is no fact, nor a name or year the text states in another sentence that
            # stays ("In conclusion, 2024 was a rewarding year" in a summary of 2024); but a thank-you's names say
            # who helped, which is its point
            thanks = THANKS.search(text) is not None
            unstock = _blank(text, spans)  # the sentence without its stock phrases
            facts = sentence.facts and {f for f in facts_of(unstock)
                                        if f not in stated or _is_figure(f) and not YEAR.fullmatch(f)
                                        or thanks and _is_name(f)}
            if text.rstrip().endswith((":", "：")):
                why = "introduces what follows"
            elif facts or sentence.placeholder:
                why = "holds a placeholder" if sentence.placeholder and not facts else "holds a fact"
            elif ZERO.search(unstock):
                why = "holds a count of none"
            else:
                rest = content_words(unstock, self.lists.synonyms)
                new = [w for w in rest if w not in unspecific and w not in said]
                if len(rest) > self.settings.cliche_max_other_words * len(spans) and \
                        len(new) > self.settings.cliche_max_new_words:
                    why = f"{len(rest)} other words carry content"
            if why:
                self.notes.append(Note(kind, sentence.line, f"{sentence.text.strip()} (kept: {why})"))
                continue
            sentence.removed = True
            self.edit(kind, sentence.line, sentence.text)

    # duplicates across the text ------------------------------------------------------------------------------------

    def reference_sentences(self) -> list[tuple[None, Sentence]]:
        """The echo_of texts (a prompt's instructions) as sentences that are matched against but never output."""
        out = []
        for text in self.echo_of:
            for line in text.split("\n"):
                line = LIST_ITEM.sub("", line).strip()
                for sentence in split_sentences(line, 0) if line else []:
                    sentence.reference = True
                    out.append((None, sentence))
        return out

    def echo(self, sentence: Sentence, reference: Sentence) -> bool:
        """Remove a sentence that repeats the prompt, unless it carries a fact the prompt does not."""
        if not sentence.facts <= reference.facts or sentence.placeholder:
            return False
        sentence.removed = True
        self.edit("prompt-echo", sentence.line, sentence.text)
        return True

    def duplicates(self) -> None:
        s = self.settings
        items = self.reference_sentences() + list(self.text_sentences())
        words = [content_words(sentence.text, self.lists.synonyms) for _, sentence in items]
        df, weight = _document_frequencies(words)

        exact: dict[str, int] = {}
        slots: list[dict] = []
        postings: dict[str, list[int]] = {}
        for (block, sentence), ws in zip(items, words):
            key = normalize(sentence.text)
            if not key:
                continue
            if key in exact and slots[exact[key]]["sentence"].reference:
                if sentence.reference or self.echo(sentence, slots[exact[key]]["sentence"]):
                    continue
            elif key in exact:
                slot = slots[exact[key]]
                if not sentence.placeholder:
                    kind = "repeated-item" if block.kind == "item" and slot["block"].kind == "item" else \
                        "duplicate-sentence"
                    sentence.removed = True
                    sentence.dup_of = slot["sentence"]
                    sentence.dup_edit = self.edit(kind, sentence.line, sentence.text, slot["sentence"].line)
                    continue
            wset = {w: weight[w] for w in set(ws)}
            wsum = sum(wset.values())
            match = None
            if len(wset) >= s.min_words:
                match = self._best_match(wset, wsum, postings, slots, sentence)
            if match is not None and (sentence.reference or match[0]["sentence"].reference):
                if not sentence.reference and self.echo(sentence, match[0]["sentence"]):
                    continue
                match = None
            if match is not None and not sentence.placeholder:
                slot, mode = match
                kept = slot["sentence"]
                if self._keep_later(kept, sentence, mode, slot["wsum"], wsum):
                    record = self.edit("near-duplicate", kept.line, kept.text, sentence.line)
                    sentence.dup_of, sentence.merged = kept, (kept, kept.text, record)
                    kept.set_text(sentence.text)
                    kept.placeholder = sentence.placeholder
                    sentence.removed = True
                    slot["variants"].append((wset, wsum))
                    slot["wsum"] = wsum
                    for w in wset:
                        self._index(postings, w, slot["id"])
                else:
                    sentence.removed = True
                    sentence.dup_of = kept
                    sentence.dup_edit = self.edit("near-duplicate", sentence.line, sentence.text, kept.line)
                continue
            slot = {"id": len(slots), "sentence": sentence, "block": block, "variants": [(wset, wsum)],
                    "wsum": wsum}
            slots.append(slot)
            exact.setdefault(key, slot["id"])
            for w in wset:
                if df[w] <= s.max_key_frequency:
                    self._index(postings, w, slot["id"])

    def _candidates(self, wset: dict[str, float], postings, keys: int) -> list[int]:
        """Earlier slots sharing most of the sentence's `keys` rarest indexed words, best first."""
        words = sorted((w for w in wset if w in postings), key=lambda w: (-wset[w], w))[:keys]
        hits: dict[int, int] = {}
        for w in words:
            for slot_id in postings[w]:
                hits[slot_id] = hits.get(slot_id, 0) + 1
        return sorted(hits, key=lambda k: (-hits[k], k))[: self.settings.max_candidates]

    def restatements(self) -> None:
        """Remove a sentence without figures that only restates vaguely one that gives them, before or after it
        ("sales grew greatly" beside "sales grew 17% to 24.78 million"): its words, vague ones aside, lie mostly in
        that one sentence, and any name it holds is there too."""
        s = self.settings
        pairs = list(self.text_sentences())
        items = [sentence for _, sentence in pairs]
        openers = {id(block.sentences[0]) for block, _ in pairs if len(block.sentences) > 1}
        words = [set(content_words(sentence.text, self.lists.synonyms)) for sentence in items]
        df, weight = _document_frequencies(words)
        postings: dict[str, list[int]] = {}
        for index, sentence in enumerate(items):
            if _has_figure(sentence.facts) or sentence.facts & QUANTITY_WORDS:  # "two new operators" counts too
                for w in words[index]:
                    if df[w] <= s.max_key_frequency:
                        self._index(postings, w, index)
        unspecific = self.lists.unspecific
        labels = self._labels()
        for index, sentence in enumerate(items):
            ws = words[index]
            hedged = hedged_figures(sentence.text) if _has_figure(sentence.facts) else {}
            if hedged:  # its figures are checked as roundings, not as words
                ws = {w for w in ws if not w.isdigit()}
            exact = _has_figure(sentence.facts - hedged.keys())  # then its figures must all be in the source
            if sentence.placeholder or len(ws) < s.restatement_min_words or \
                    LEAD_IN.search(sentence.text) or id(sentence) in labels:
                continue
            wsum = sum(weight[w] for w in ws)
            best, best_share = None, 0.0
            sources = []
            names = sentence.facts - QUANTITY_WORDS - hedged.keys()
            amounts = quantities_in(NUMBER.sub(" ", sentence.text)) if names != sentence.facts else []
            for source_index in self._candidates({w: weight[w] for w in ws if w not in unspecific}, postings, len(ws)):
                source = items[source_index]
                if not _has_figure(source.facts) and not amounts:  # counted in words: a retelling counts too
                    continue
                if source.removed or not names <= source.facts or sentence.future != source.future or \
                        len(words[source_index]) > s.restatement_max_source_words:
                    continue
                if exact and not {(n, unit) for n, unit in figures_with_units(sentence.text) if n not in hedged} \
                        <= figures_with_units(source.text):
                    continue
                if source_index == index:
                    continue
                if amounts or hedged:
                    source_amounts = quantities_in(source.text)
                    if not _rounds(amounts, source_amounts) or \
                            not _rounds(list(hedged.values()), source_amounts, HEDGED_FACTOR):
                        continue
                # a telling with figures merges into the first one; a topic sentence has its figures to follow
                if source_index > index and (exact or id(sentence) in openers):
                    continue
                sources.append(source_index)
                share = sum(weight[w] for w in ws if w in words[source_index] or w in unspecific) / wsum
                if share > best_share:
                    best, best_share = source, share
            bar = s.restatement_figure_containment if exact else s.restatement_containment
            if best_share < bar and not exact:  # a summary of two sentences, under a stricter bar
                for a, b in ((a, b) for a in sources for b in sources if a < b):
                    share = sum(weight[w] for w in ws if w in words[a] or w in words[b] or w in unspecific) / wsum
                    if share >= s.restatement_pair_containment:
                        best, best_share = items[a], share
                        break
            if best is not None and best_share >= bar:
                sentence.removed = True
                sentence.dup_of = best
                sentence.dup_edit = self.edit("restatement", sentence.line, sentence.text, best.line)

    def stock_sentences(self) -> None:
        """Remove what the learned stock model is sure is fluff, among sentences that carry no fact of their own
        (no figure, no count of none, and no name, year or month the text does not state elsewhere) and are not
        lead-ins, labels or fragments."""
        if self.settings.stock_threshold >= 1.0:
            return
        model = self.settings.stock_model or load_stock_model()
        if model is None:
            return
        boundary = boundary_blocks(self.blocks)
        labels = self._labels()
        candidates = [(block, sentence) for block, sentence in self.text_sentences()
                      if not sentence.placeholder and id(sentence) not in labels
                      and not LEAD_IN.search(sentence.text)
                      and len(WORD.findall(sentence.text)) >= 4
                      and all(_is_name(f) or YEAR.fullmatch(f) or f in MONTHS for f in sentence.facts)
                      and not ZERO.search(sentence.text)
                      and len(content_words(sentence.text)) <= self.settings.stock_max_words]
        stock = [sentence for block, sentence in candidates
                 if not (sentence.facts and THANKS.search(sentence.text))
                 and model.score(sentence.text, id(block) in boundary, block.kind == "item")
                 >= self.settings.stock_threshold]
        stated = self._facts_stated_outside({id(sentence) for sentence in stock if sentence.facts})
        for sentence in stock:
            if all(fact in stated for fact in sentence.facts):  # the facts it names stay said in a sentence that stays
                sentence.removed = True
                self.edit("stock", sentence.line, sentence.text)

    def _labels(self) -> set[int]:
        """Ids of the short first sentences that name what the rest of their block tells ("1. Medical insurance
        claims. This year I submitted ..."): a label, not a restatement. A short sentence with a pronoun or a form of
        'be' or 'have' ("This year, our community came alive.") says something, so it is no label."""
        labels = set()
        for block in self.blocks:
            if len(block.sentences) < 2:
                continue
            words = [w.lower() for w in WORD.findall(block.sentences[0].text)]
            if len(words) <= LABEL_MAX_WORDS and not NOT_LABEL_WORDS.intersection(words):
                labels.add(id(block.sentences[0]))
        return labels

    def _index(self, postings: dict[str, list[int]], word: str, slot_id: int) -> None:
        entries = postings.setdefault(word, [])
        if not entries or entries[-1] != slot_id:
            entries.append(slot_id)

    def _best_match(self, wset: dict[str, float], wsum: float, postings, slots, sentence: Sentence):
        s = self.settings
        best = None
        for slot_id in self._candidates(wset, postings, s.keys_per_sentence):
            slot = slots[slot_id]
            kept = slot["sentence"]
            if kept.removed:
                continue
            if not (kept.facts <= sentence.facts or sentence.facts <= kept.facts) or \
                    kept.future != sentence.future or kept.fragment != sentence.fragment:
                continue
            for other, osum in slot["variants"]:
                shared = sum(v for w, v in wset.items() if w in other)
                union = wsum + osum - shared
                jaccard = shared / union if union else 0.0
                mode = None
                if jaccard >= s.near_duplicate_jaccard:
                    mode = "similar"
                else:
                    small, small_sum, small_len = (wset, wsum, len(wset)) if wsum <= osum else (other, osum, len(other))
                    bar = s.near_duplicate_containment
                    if small is wset and not sentence.facts and not kept.facts:
                        bar = s.fact_free_containment
                    if small_len >= s.containment_min_words and small_sum and \
                            shared / small_sum >= bar:
                        mode = "later-inside" if small is wset else "earlier-inside"
                if mode and (best is None or jaccard > best[2]):
                    best = (slot, mode, jaccard)
        return (best[0], best[1]) if best else None

    @staticmethod
    def _keep_later(kept: Sentence, later: Sentence, mode: str, kept_sum: float, later_sum: float) -> bool:
        """True when the later sentence should replace the earlier one (in the earlier one's place)."""
        if kept.placeholder:
            return False
        if len(later.facts) != len(kept.facts):
            return len(later.facts) > len(kept.facts)
        return mode == "earlier-inside" and later_sum >= 1.5 * kept_sum

    # structure -----------------------------------------------------------------------------------------------------

    def structure(self) -> None:
        if self.settings.keep_sections:
            self._keep_sections()
        for block in self.blocks:
            if block.kind in ("text", "item") and block.sentences and all(x.removed for x in block.sentences):
                block.removed = True
        self._drop_repeated_empty_headings()
        self._renumber()

    def _keep_sections(self) -> None:
        """Undo repeat removals that emptied a top-level section, moving the repeat out of the earlier section."""
        section_of: dict[int, int] = {}
        members: dict[int, list[Sentence]] = {}
        for section, blocks in enumerate(top_level_sections(self.blocks)):
            for sentence in (x for block in blocks for x in block.sentences):
                section_of[id(sentence)] = section
                members.setdefault(section, []).append(sentence)
        for section, sentences in members.items():
            if any(not x.removed for x in sentences):
                continue
            for sentence in sentences:
                earlier = sentence.dup_of
                if earlier is None or section_of.get(id(earlier)) in (None, section) or earlier.removed:
                    continue
                others = any(x is not earlier and not x.removed for x in members[section_of[id(earlier)]])
                sentence.removed = False
                if others:
                    earlier.removed = True
                    if sentence.dup_edit is not None:
                        self.unedit(sentence.dup_edit)
                        self.edit(sentence.dup_edit.kind, earlier.line, earlier.text, sentence.line)
                elif sentence.merged is not None:
                    kept, old_text, record = sentence.merged
                    kept.set_text(old_text)
                    self.unedit(record)
                elif sentence.dup_edit is not None:
                    self.unedit(sentence.dup_edit)

    def _drop_repeated_empty_headings(self) -> None:
        seen: set[str] = set()
        for index, block in enumerate(self.blocks):
            if block.kind != "heading":
                continue
            key = normalize(block.content)
            level = len(block.prefix.strip())
            section = []
            for later_index in range(index + 1, len(self.blocks)):  # no copy of the rest at each heading
                later = self.blocks[later_index]
                if later.kind == "heading" and len(later.prefix.strip()) <= level:
                    break
                section.append(later)
            if key in seen and section and all(b.removed for b in section) and not block.removed:
                block.removed = True
                self.edit("duplicate-sentence", block.line, "\n".join(block.raw))
            seen.add(key)

    def _renumber(self) -> None:
        runs: dict[tuple, tuple[int, int]] = {}
        for block in self.blocks:
            if block.kind == "heading":
                runs.clear()
                continue
            if block.kind != "item" or block.number is None:
                continue
            key = block.list_key
            prev = runs.get(key)
            shift = prev[1] if prev is not None and block.number == prev[0] + 1 else 0
            if block.removed:
                runs[key] = (block.number, shift + 1)
                continue
            if shift:
                block.renumber_to = block.number - shift
            runs[key] = (block.number, shift)

    # output --------------------------------------------------------------------------------------------------------

    def render(self) -> str:
        out: list[str] = []
        first = True
        gap: list[str] = []
        for block in self.blocks:
            if block.removed:
                gap = max(gap, block.sep or [], key=len)  # a blank line before a removed block stays
                continue
            if not first:
                out.extend(max(gap, block.sep or [], key=len))
            first, gap = False, []
            out.append(self._render_block(block))
        return "\n".join(out)

    def _render_block(self, block: Block) -> str:
        if block.kind == "opaque":
            return "\n".join(block.raw)
        ends = [s.start for s in block.sentences[1:]] + [len(block.content)]
        if not any(s.removed or s.text + s.gap != block.content[s.start:end] for s, end in zip(block.sentences, ends)):
            text = block.content
        else:
            kept = [s for s in block.sentences if not s.removed]
            parts = []
            for index, sentence in enumerate(kept):
                parts.append(sentence.text)
                if index < len(kept) - 1:
                    parts.append(sentence.gap if sentence.gap else " ")
            text = "".join(parts)
        prefix = block.prefix
        if block.renumber_to is not None:
            prefix = re.sub(r"\d+", str(block.renumber_to), prefix, count=1)
        return prefix + text + block.tail


def clean(text: str, settings: CleanupSettings | None = None, echo_of: Iterable[str] = ()) -> CleanResult:
    """Remove repetition, clichés, filler and template junk from text, keeping every fact and the Markdown structure.

    `echo_of` holds texts the output must not repeat (the prompt's instructions, which small models recite): a
    sentence that is one of their sentences, or a near-duplicate of one, goes as 'prompt-echo' unless it carries a
    fact they do not.

    Deterministic: the same text and settings always give the same result and report.
    """
    if not isinstance(text, str):
        raise TypeError(f"clean() needs a str, got {type(text).__name__}")
    settings = settings or CleanupSettings()
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    if not text.strip():
        return CleanResult("", [], [], [], _stats(text, "", [], [], [], 0))
    lists = _phrase_lists(settings)
    clock = _USER_PATTERN_CLOCK.set({})  # each user pattern's matching time in this run
    try:
        return _run_passes(text, settings, lists, echo_of)
    finally:
        _USER_PATTERN_CLOCK.reset(clock)


def _run_passes(text: str, settings: CleanupSettings, lists: PhraseLists, echo_of: Iterable[str]) -> CleanResult:
    """Every pass of clean() in order over a non-empty text, and the result."""
    placeholders = find_placeholders(text)
    cleaner = _Cleaner(text, settings, lists, echo_of)
    marked = {p.line for p in placeholders}
    for block in cleaner.blocks:
        for sentence in block.sentences:
            last = sentence.line + sentence.text.count("\n")
            if any(line in marked for line in range(sentence.line, last + 1)) and has_placeholder(sentence.text):
                sentence.placeholder = True
    cleaner.junk()
    cleaner.list_block_repeats()
    cleaner.inner_repeats()
    cleaner.cliches()
    cleaner.duplicates()
    cleaner.restatements()
    cleaner.stock_sentences()
    cleaner.structure()
    body = cleaner.render()
    trailing_newline = text.endswith("\n")
    out = body.rstrip("\n") + ("\n" if trailing_newline and body.strip() else "")
    edits = [edit for _, edit in sorted(cleaner.edits, key=lambda pair: pair[0])]
    sentences = sum(len(b.sentences) for b in cleaner.blocks if b.kind in ("text", "item"))
    return CleanResult(out, edits, placeholders, cleaner.notes,
                       _stats(text, out, edits, placeholders, cleaner.notes, sentences))


def _stats(before: str, after: str, edits: list[Edit], placeholders: list[Placeholder], notes: list[Note],
           sentences: int) -> dict:
    by_kind: dict[str, int] = {}
    for edit in edits:
        by_kind[edit.kind] = by_kind.get(edit.kind, 0) + 1
    return {"input_chars": len(before), "output_chars": len(after), "sentences": sentences, "edits": len(edits),
            "edits_by_kind": dict(sorted(by_kind.items())), "placeholders": len(placeholders), "notes": len(notes)}


def format_edit(edit: Edit, width: int = 100) -> str:
    """One removal as 'kind (repeats line N): 'text'', the text on one line and cut to `width` characters."""
    removed = " ".join(edit.removed.split())
    removed = removed if len(removed) <= width else removed[:width - 1] + "…"
    where = f" (repeats line {edit.duplicate_of_line})" if edit.duplicate_of_line is not None else ""
    return f"{edit.kind}{where}: {removed!r}"


def format_report(result: CleanResult, label: str = "<text>") -> str:
    """The edit report as plain lines: one per removal (kind, line, text, repeated line), then placeholders and notes."""
    lines = [f"{label}:{edit.line}: {format_edit(edit)}" for edit in result.edits]
    for placeholder in result.placeholders:
        lines.append(f"{label}:{placeholder.line}:{placeholder.col}: placeholder: {placeholder.text!r}")
    for note in result.notes:
        text = " ".join(note.text.split())
        lines.append(f"{label}:{note.line}: note: {note.kind}: {text if len(text) <= 100 else text[:99] + '…'}")
    by_kind = ", ".join(f"{k} {v}" for k, v in result.stats.get("edits_by_kind", {}).items()) or "nothing to remove"
    lines.append(f"{label}: {len(result.edits)} edit(s) ({by_kind}), {len(result.placeholders)} placeholder(s), "
                 f"{len(result.notes)} note(s)")
    return "\n".join(lines) + "\n"


def unified_diff(before: str, after: str, label: str = "<text>") -> str:
    """A unified diff from the input to the cleaned text, for review before accepting the edits."""
    import difflib

    before = before.replace("\r\n", "\n")
    return "".join(difflib.unified_diff(before.splitlines(keepends=True), after.splitlines(keepends=True),
                                        fromfile=label, tofile=f"{label} (cleaned)"))
