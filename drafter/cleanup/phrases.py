"""The phrase lists (drafter/data/cleanup/*.toml and the user's): loaded, checked, compiled on first use, and
looked up through a literal prefilter so a sentence is only tried against the patterns it can match."""

from __future__ import annotations

import re
import time
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

from drafter.cleanup.similarity import SynonymTable
from drafter.errors import InputError
from drafter.text.words import WORD, stem

if TYPE_CHECKING:
    from drafter.cleanup.settings import CleanupSettings

DOUBLED_TOKEN = re.compile(r"\*|" + WORD.pattern)  # a kept doubling's words; "*" stands for any one word, the same
# word at each "*" ("* by *": "line by line", "case by case")
LIST_KEYS = ("cliche", "filler", "opener", "junk", "junk_sentence", "title_tag", "chat", "retelling", "restating",
             "summing_up", "ratio", "keep_doubled", "plan_again", "page_part", "page_figure", "adding", "chat_token",
             "citation", "synonyms", "emotive", "vague", "generic")


@dataclass
class PhraseLists:
    """Compiled phrase lists: clichés, filler sentences and openers, junk patterns, doubled phrases to keep."""

    cliche: list["_LazyPattern"] = field(default_factory=list)
    filler: list["_LazyPattern"] = field(default_factory=list)
    opener: list["_LazyPattern"] = field(default_factory=list)
    junk: list["_LazyPattern"] = field(default_factory=list)
    junk_sentence: list["_LazyPattern"] = field(default_factory=list)
    title_tag: list["_LazyPattern"] = field(default_factory=list)
    chat: list["_LazyPattern"] = field(default_factory=list)
    retelling: list["_LazyPattern"] = field(default_factory=list)
    restating: list["_LazyPattern"] = field(default_factory=list)  # with the summing_up openers: they restate too
    summing_up: list["_LazyPattern"] = field(default_factory=list)
    ratio: list["_LazyPattern"] = field(default_factory=list)
    plan_again: list["_LazyPattern"] = field(default_factory=list)
    page_part: list["_LazyPattern"] = field(default_factory=list)
    page_figure: list["_LazyPattern"] = field(default_factory=list)
    chat_token: list["_LazyPattern"] = field(default_factory=list)
    citation: list["_LazyPattern"] = field(default_factory=list)
    adding: list["_LazyPattern"] = field(default_factory=list)
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

    @cached_property
    def _doubling_forms(self) -> tuple[re.Pattern, tuple[str, ...]]:
        """The kept doublings with a "*" as one pattern over lowercased words ("* by *": a word, the same at each "*"),
        and the literal ones as word strings ("from time to time")."""
        forms, literals = [], []
        for number, phrase in enumerate(self.keep_doubled):
            if "*" not in phrase:
                literals.append(" ".join(phrase))
                continue
            group, parts = f"w{number}", []
            for word in phrase:
                named = word == "*" and f"(?P<{group}>" in "".join(parts)
                parts.append(f"(?P={group})" if named else rf"(?P<{group}>\S+)" if word == "*" else re.escape(word))
            forms.append(" ".join(parts))
        pattern = re.compile(r"(?<!\S)(?:" + "|".join(f"(?:{form})" for form in forms) + r")(?!\S)") if forms else \
            re.compile(r"(?!)")
        return pattern, tuple(literals)

    def kept_doublings(self, text: str) -> list[str]:
        """The kept doublings text says ("line by line", "face to face"), as lowercased words."""
        words = " ".join(WORD.findall(text.lower()))
        pattern, literals = self._doubling_forms
        padded = f" {words} "
        return [m.group(0) for m in pattern.finditer(words)] + [p for p in literals if f" {p} " in padded]

    def _index_of(self, key: str) -> "_LiteralIndex":
        """The literal prefilter of one list, built on first use."""
        if key not in self._indexes:
            self._indexes[key] = _LiteralIndex(getattr(self, key))
        return self._indexes[key]

    def spans_in(self, text: str, key: str) -> list[tuple[int, int]]:
        """Spans of the `key` list's matches in text ('chat', 'ratio' …), trying only the patterns it can match."""
        return [m.span() for p in self._index_of(key).candidates(text) for m in p.finditer(text) if m.end() > m.start()]

    def spans_in_lines(self, text: str, key: str) -> list[tuple[int, int]]:
        """spans_in() read line by line (its patterns read a line from its start: "eval rate: 18.31 tokens/s", "Sure!"
        on a line of its own inside a sentence), as offsets in text."""
        spans, start = [], 0
        for line in text.split("\n"):
            spans += [(start + a, start + b) for a, b in self.spans_in(line, key)]
            start += len(line) + 1
        return spans

    def openings(self, text: str) -> list[tuple[int, int]]:
        """Spans of the filler and opener patterns that match at the start of text (at most one of each list)."""
        spans = []
        shipped = self._shipped_openings.match(text) is not None  # (else none of the shipped ones matches)
        for patterns in (self.filler, self.opener):
            for pattern in patterns:
                if pattern.origin is None and not shipped:
                    continue
                match = pattern.match(text)
                if match and match.end() > match.start():
                    spans.append(match.span())
        return spans

    @cached_property
    def _shipped_openings(self) -> re.Pattern:
        """The shipped filler and opener patterns joined, so openings skips them at once where none matches."""
        return _alternation([p.pattern for p in (*self.filler, *self.opener) if p.origin is None])

    def opener_end(self, text: str) -> int:
        """Where the text's stock opener ("In summary, ", "As noted above, ") ends; 0 when it opens with none."""
        for pattern in self.opener:
            match = pattern.match(text)
            if match and match.end() < len(text):
                return match.end()
        return 0

    def cliches_in(self, text: str) -> list[tuple[int, int]]:
        """Spans of the clichés in text, trying only patterns whose longest literal word the text contains (and
        none when the list's joined patterns find nothing: most sentences hold no cliché)."""
        index = self._index_of("cliche")
        if not index.found_in(text):
            return []
        return [m.span() for p in index.candidates(text) for m in p.finditer(text) if m.end() > m.start()]

    def is_junk(self, text: str, key: str = "junk") -> bool:
        """True when one of the `key` list's patterns ('junk', 'junk_sentence', 'title_tag', 'chat', 'retelling' or
        'ratio', 'page_part') is found in text."""
        return self._index_of(key).found_in(text)


NEVER = re.compile(r"(?!)")  # matches nothing: the alternation of no patterns
HEAD_LENGTH = 3  # required strings are looked up in a text by this many first characters
HEADS_CACHE_SIZE = 4096  # texts whose lower case and heads are kept
FOUND_CACHE_SIZE = 50_000  # texts whose found_in answer is kept; then the memo starts again (bounded memory)
ANCHORED_AT_START = re.compile(r"^(?:\(\?:)?(?:\(\?-i:)?\^")  # "(?:^[\W_]*…", "(?:(?-i:^…": only at the text's start

# Letter runs found in most sentences of a summary: poor keys for the literal prefilter when a pattern has another.
COMMON_RUNS = frozenset("work year time with team good will more than here there through development level future "
                        "forward strict unit results customer support experience leadership strength".split())


class _LiteralIndex:
    """Patterns grouped by the strings one of which every match of them contains (`required_strings`), so a text is
    only tried against the patterns whose string it holds (and those with none). The strings themselves are looked
    up by their first three characters, so a text is not searched for each of hundreds of them."""

    def __init__(self, patterns: list["_LazyPattern"]) -> None:
        self.always: list["_LazyPattern"] = []
        self.by_run: dict[str, list["_LazyPattern"]] = {}
        self._place = {id(pattern): place for place, pattern in enumerate(patterns)}  # candidates keep list order
        self._found: dict[str, bool] = {}  # found_in's answers by text: a text's lines and sentences come again
        for pattern in patterns:
            keys = required_strings(pattern.pattern)
            for key in keys:
                self.by_run.setdefault(key, []).append(pattern)
            if not keys:
                self.always.append(pattern)
        self._by_head: dict[str, list[str]] = {}  # a required string's first three characters: the strings
        self._short: list[str] = []  # required strings of one or two characters, each looked for
        for run in self.by_run:
            if len(run) >= HEAD_LENGTH:
                self._by_head.setdefault(run[:HEAD_LENGTH], []).append(run)
            else:
                self._short.append(run)
        # the shipped patterns that require nothing as two alternations (found_in): those anchored at the text's
        # start, tried only there, and the rest; a user's patterns are tried one by one, each time-limited
        shipped = [p.pattern for p in self.always if p.origin is None]
        anchored = {p for p in shipped if ANCHORED_AT_START.match(p) and "(?m" not in p}
        self._anchored = _alternation([p for p in shipped if p in anchored])
        self._joined = _alternation([p for p in shipped if p not in anchored])
        self._user_always = [p for p in self.always if p.origin is not None]

    def candidates(self, text: str) -> list["_LazyPattern"]:
        """The patterns text can match: those that require nothing, and those whose required string it holds."""
        return self.always + self._keyed(text)

    def _keyed(self, text: str) -> list["_LazyPattern"]:
        """The patterns with a required string that text holds, in their list's order."""
        low, heads = _heads_of(text)
        runs = [run for head in heads.intersection(self._by_head) for run in self._by_head[head] if run in low]
        runs += [run for run in self._short if run in low]
        found = {id(p): p for run in runs for p in self.by_run[run]}
        return [found[key] for key in sorted(found, key=self._place.__getitem__)]

    def found_in(self, text: str) -> bool:
        """True when any candidate pattern is found in text. The shipped patterns with no letter run are tried as
        one alternation (one search instead of a hundred calls: the junk pass asks this of every sentence)."""
        known = self._found.get(text)
        if known is None:
            if len(self._found) >= FOUND_CACHE_SIZE:
                self._found.clear()
            known = self._found[text] = self._anchored.match(text) is not None or \
                self._joined.search(text) is not None or any(p.search(text) for p in self._user_always) or \
                any(p.search(text) for p in self._keyed(text))
        return known


@lru_cache(maxsize=HEADS_CACHE_SIZE)
def _heads_of(text: str) -> tuple[str, frozenset[str]]:
    """text in lower case and the strings of HEAD_LENGTH characters it holds (kept for the last texts: each list's
    index asks about the same sentence in turn)."""
    low = text.replace("\u0130", "i").lower()  # (Turkish "İ" lowers to "i" and a dot; a pattern's "i" matches it)
    return low, frozenset(low[i:i + HEAD_LENGTH] for i in range(len(low) - HEAD_LENGTH + 1))


def _alternation(patterns: list[str]) -> re.Pattern:
    """One pattern found wherever one of these is (case-insensitive, as shipped patterns are)."""
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.I) if patterns else NEVER


def blank_spans(text: str, spans: list[tuple[int, int]]) -> str:
    """text with the given spans replaced by spaces, offsets unchanged."""
    out = list(text)
    for a, b in spans:
        out[a:b] = [" "] * (b - a)
    return "".join(out)


def without_spans(text: str, spans: list[tuple[int, int]]) -> str:
    """text with these spans taken out (overlapping ones once)."""
    kept, end = [], 0
    for a, b in merge_spans(spans):
        kept.append(text[end:a])
        end = b
    return "".join(kept) + text[end:]


def merge_spans(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping spans as one: two patterns matching the same phrase count once."""
    merged: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if merged and a < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return merged


def required_strings(pattern: str) -> tuple[str, ...]:
    """Lower-case strings one of which every text the pattern is found in contains (read from the pattern's parse
    tree: literals, groups, alternatives, repeats of at least one, lookaheads), the strongest such set; empty when
    the pattern requires nothing worth looking for, and then it is always tried."""
    from re import _parser  # the parser re compiles with (Python 3.11+); any surprise means: always try it

    try:
        found = _required_in(_parser.parse(pattern, re.I))
    except Exception:  # noqa: BLE001 - a pattern this cannot read is simply not prefiltered
        return ()
    return tuple(sorted(found)) if found and _strength(found) > 0 else ()


def _required_in(items) -> frozenset[str] | None:
    """For a parsed sequence: the strongest set of strings one of which each match holds, None when none is known.
    Each item may give a set (a group, an alternation, a class of a few characters, a repeat of at least one), and
    a run of literal characters gives one string."""
    from re import _constants as c

    choices: list[frozenset[str]] = []
    run: list[str] = []
    for op, arg in list(items) + [(None, None)]:
        if op is c.LITERAL:
            run.append(chr(arg).lower())
            continue
        if "".join(run).strip():
            choices.append(frozenset({"".join(run).strip()}))
        run = []
        found = None
        if op is c.SUBPATTERN:
            found = _required_in(arg[-1])
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT) and arg[0] >= 1:
            found = _required_in(arg[2])
        elif op is c.ASSERT:  # a lookahead or lookbehind: what it requires is in the text too
            found = _required_in(arg[1])
        elif op in (c.BRANCH, c.ATOMIC_GROUP):
            branches = arg[1] if op is c.BRANCH else [arg]
            sets = [_required_in(branch) for branch in branches]
            found = None if any(s is None for s in sets) else frozenset().union(*sets)
        elif op is c.IN and len(arg) <= MAX_CLASS_KEYS and all(kind is c.LITERAL for kind, _ in arg):
            found = frozenset(chr(code).lower() for _, code in arg)
        if found and _strength(found) > 0:
            choices.append(found)
    return max(choices, key=lambda s: (_strength(s), -len(s)), default=None)


def _strength(strings: frozenset[str]) -> int:
    """How well a set of required strings filters: its weakest string's length (a common word or a frequent mark
    counts 0, a rare mark such as a quote 1): a longer string is found in fewer texts."""
    def one(string: str) -> int:
        if string in COMMON_RUNS or string in COMMON_MARKS or not string.strip():
            return 0
        return len(string)

    return min(one(string) for string in strings)


MAX_CLASS_KEYS = 6  # a character class of at most this many characters ("[\"“]") keys its pattern by each
COMMON_MARKS = frozenset(".,;:!?'-()/&%+*#0123456789 \t\n")  # characters too common in a summary to look for


def _read_list_file(data: bytes, label: str, into: dict[str, list[str]], check_patterns: bool = False,
                    origins: dict[str, list[str | None]] | None = None,
                    words: dict[str, list[str]] | None = None) -> None:
    """Add one TOML phrase list to `into`, its word classes (WORDS_KEY) to `words`; with `check_patterns` (a user's
    file), refuse a pattern that will not compile in the form cleanup uses it, its word classes written out with
    `words`. `origins` gets, item for item, `label` for a user's file, else None."""
    doc = _list_document(data, label)
    words = {} if words is None else words
    _add_words(doc.get(WORDS_KEY, {}), label, words)  # first: the file's own patterns may name its classes
    for key, value in doc.items():
        if key == WORDS_KEY:
            continue
        if key not in LIST_KEYS:
            raise InputError(f"{label}: unknown key {key!r}", hint="use: " + ", ".join(LIST_KEYS + (WORDS_KEY,)))
        if key == "synonyms":
            if not isinstance(value, list) or not all(isinstance(g, list) and all(isinstance(w, str) for w in g)
                                                      for g in value):
                raise InputError(f"{label}: synonyms must be a list of lists of words")
        elif not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise InputError(f"{label}: {key} must be a list of strings")
        elif check_patterns and key in PATTERN_KEYS + ("emotive",):
            for pattern in value:
                _check_user_pattern(_as_used(_with_words(pattern, words, label), key),
                                    f"{label}: bad {key} pattern {pattern!r}")
        into[key].extend(value)
        if origins is not None:
            origins[key].extend([label if check_patterns else None] * len(value))


def _list_document(data: bytes, label: str) -> dict:
    """The TOML document of one phrase list file; an InputError naming it when it is none."""
    from drafter.files import toml_document

    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"{label}: not a valid TOML phrase list ({exc})") from None
    return toml_document(text, label, "TOML phrase list")  # a huge number or deep nesting too is one line


# a table of word classes the patterns name as {=class}: the words a chat model opens, offers and hopes with, in
# every language listed, written once for the lists and for the code that reads a chat's turns (drafter.cleanup.junk)
WORDS_KEY = "words"
WORD_CLASS = re.compile(r"\{=(\w+)\}")


def _add_words(table: object, label: str, words: dict[str, list[str]]) -> None:
    """Add a file's word classes ({class: [word pattern, …]}) to `words`."""
    if not isinstance(table, dict) or not all(isinstance(k, str) and isinstance(v, list) and
                                              all(isinstance(w, str) and w for w in v) for k, v in table.items()):
        raise InputError(f"{label}: {WORDS_KEY} must be a table of lists of words")
    for name, listed in table.items():
        words.setdefault(name, []).extend(listed)


def _with_words(pattern: str, words: dict[str, list[str]], label: str) -> str:
    """The pattern with each {=class} written out as the class's words, longest first, in a group."""
    def written(match: re.Match) -> str:
        listed = words.get(match.group(1))
        if not listed:
            raise InputError(f"{label}: pattern {pattern!r} names the word class {match.group(0)!r}, which no "
                             f"{WORDS_KEY} table lists")
        return "(?:" + "|".join(sorted(listed, key=len, reverse=True)) + ")"
    return WORD_CLASS.sub(written, pattern)


@lru_cache(maxsize=1)
def shipped_words() -> dict[str, tuple[str, ...]]:
    """The word classes of the shipped lists (drafter/data/cleanup/*.toml), for the code's own patterns."""
    words: dict[str, list[str]] = {}
    for entry in sorted(resources.files("drafter").joinpath("data", "cleanup").iterdir(), key=lambda p: p.name):
        if entry.name.endswith(".toml"):
            label = f"drafter/data/cleanup/{entry.name}"
            _add_words(_list_document(entry.read_bytes(), label).get(WORDS_KEY, {}), label, words)
    return {name: tuple(listed) for name, listed in words.items()}


def word_class(name: str) -> str:
    """A shipped word class as one regular expression group, longest words first ("(?:of course|sure|…)")."""
    return _with_words("{=" + name + "}", {k: list(v) for k, v in shipped_words().items()}, "drafter/data/cleanup")


# matched at the start of a sentence; the other pattern lists anywhere in it
ANCHORED_KEYS = ("filler", "opener", "retelling", "restating", "summing_up", "plan_again", "adding")


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


PATTERN_KEYS = ("cliche", "filler", "opener", "junk", "junk_sentence", "title_tag", "chat", "retelling", "restating",
                "summing_up", "ratio", "plan_again", "page_part", "page_figure", "adding", "chat_token", "citation")


USER_PATTERN_SECONDS = 2.0  # matching time one user pattern may use in one cleanup run before it is refused
# {user pattern: seconds it has matched} in the cleanup run under way (None outside one: each call then gets the
# whole allowance)
_USER_PATTERN_CLOCK: ContextVar[dict | None] = ContextVar("user_pattern_clock", default=None)


@contextmanager
def user_pattern_clock() -> Iterator[None]:
    """One cleanup run: each user pattern's matching time is counted against its allowance from zero."""
    token = _USER_PATTERN_CLOCK.set({})
    try:
        yield
    finally:
        _USER_PATTERN_CLOCK.reset(token)


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
        """The compiled pattern: `re` for a shipped one, the time-limited `regex` for a user's."""
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
        """Pattern.search, time-limited for a user's pattern."""
        if self.origin is None:
            return self._regex().search(text)
        return self._timed(lambda compiled, timeout: compiled.search(text, timeout=timeout))

    def match(self, text: str):
        """Pattern.match, time-limited for a user's pattern."""
        if self.origin is None:
            return self._regex().match(text)
        return self._timed(lambda compiled, timeout: compiled.match(text, timeout=timeout))

    def finditer(self, text: str) -> Iterator:
        """Pattern.finditer, time-limited for a user's pattern (its matches then found at once)."""
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
    words = {name: list(listed) for name, listed in shipped_words().items()}  # (every file's patterns may name them)
    sources: list[str] = []
    package = resources.files("drafter").joinpath("data", "cleanup")
    for entry in sorted(package.iterdir(), key=lambda p: p.name):
        if entry.name.endswith(".toml"):
            _read_list_file(entry.read_bytes(), f"drafter/data/cleanup/{entry.name}", raw, origins=origins)
            # (its word classes are among shipped_words already)
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
                _read_list_file(data, str(path), raw, check_patterns=True, origins=origins, words=words)
                if len(raw["emotive"]) > emotive_before:  # each word compiles alone; all of them must together
                    _check_user_pattern(_as_used("|".join(raw["emotive"]), "emotive"),
                                        f"{path}: its emotive words do not combine with the others")
                sources.append(str(path))
    for key in PATTERN_KEYS:  # the word classes written out, the user's words among them
        raw[key] = [_with_words(pattern, words, origin or "drafter/data/cleanup")
                    for pattern, origin in zip(raw[key], origins[key])]
    synonyms = _synonym_map(raw["synonyms"])
    return PhraseLists(
        cliche=_compile(raw["cliche"], "cliche", origins["cliche"]),
        filler=_compile(raw["filler"], "filler", origins["filler"]),
        opener=_compile(raw["opener"], "opener", origins["opener"]),
        junk=_compile(raw["junk"], "junk", origins["junk"]),
        junk_sentence=_compile(raw["junk_sentence"], "junk_sentence", origins["junk_sentence"]),
        title_tag=_compile(raw["title_tag"], "title_tag", origins["title_tag"]),
        chat=_compile(raw["chat"], "chat", origins["chat"]),
        retelling=_compile(raw["retelling"], "retelling", origins["retelling"]),
        restating=_compile(raw["restating"], "restating", origins["restating"]) +
        _compile(raw["summing_up"], "summing_up", origins["summing_up"]),
        summing_up=_compile(raw["summing_up"], "summing_up", origins["summing_up"]),
        ratio=_compile(raw["ratio"], "ratio", origins["ratio"]),
        plan_again=_compile(raw["plan_again"], "plan_again", origins["plan_again"]),
        page_part=_compile(raw["page_part"], "page_part", origins["page_part"]),
        page_figure=_compile(raw["page_figure"], "page_figure", origins["page_figure"]),
        adding=_compile(raw["adding"], "adding", origins["adding"]),
        chat_token=_compile(raw["chat_token"], "chat_token", origins["chat_token"]),
        citation=_compile(raw["citation"], "citation", origins["citation"]),
        keep_doubled=[tuple(DOUBLED_TOKEN.findall(p.lower())) for p in raw["keep_doubled"] if WORD.findall(p)],
        synonyms=synonyms,
        sources=sources,
        emotive=_emotive_pattern(raw["emotive"], origins["emotive"]),
        vague=frozenset(synonyms.get(stem(w), stem(w)) for w in raw["vague"] if w.strip()),
        generic=frozenset(synonyms.get(stem(w), stem(w)) for w in raw["generic"] if w.strip()),
    )


def _synonym_map(groups: list) -> SynonymTable:
    """Each word of a synonym group to the group's first word, all stemmed."""
    out = SynonymTable()
    for group in groups:
        stems = [stem(w) for w in group if w.strip()]
        for word in stems[1:]:
            out.setdefault(word, stems[0])
    return out


@lru_cache(maxsize=8)
def _cached_lists(user_dir: str | None, stamp: tuple) -> PhraseLists:
    """load_phrase_lists, remembered by folder and its files' times and sizes."""
    return load_phrase_lists(user_dir, include_user=user_dir is not None)


def lists_for(settings: CleanupSettings) -> PhraseLists:
    """The shipped lists, plus the user's unless settings.user_lists is off; read again when a user file changes."""
    if not settings.user_lists:
        return _cached_lists(None, ())
    from drafter.config import drafter_home

    folder = drafter_home() / "cleanup"
    stamp = tuple((p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in sorted(folder.glob("*.toml"))) \
        if folder.is_dir() else ()
    return _cached_lists(str(folder), stamp)

