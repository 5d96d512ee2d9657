"""The inner-repeats pass: what a sentence says twice inside itself (a doubled phrase, a list item or quoted name
listed again, a line of a plain list repeated) is cut, the sentence kept."""

from __future__ import annotations

import re
from bisect import bisect_right

from drafter.cleanup.document import END_PUNCT, Sentence
from drafter.cleanup.facts import AMOUNT_WORDS, QUOTED, quantities_in
from drafter.cleanup.run import Run
from drafter.text.words import STOP_WORDS, WORD

REPEATED_QUOTE = re.compile(r"([\"“][^\"“”\n]{2,80}[\"”])((?:\s*[,、，]\s*(?:the\s+)?\1|\s+\1)+)")
QUOTE_MARK = re.compile(r"[\"“”]")
GLUED_TO_WORD = re.compile(r"[-‐‑/$€£¥@&+]")  # what joins a word to the next with no space ("check-in", "in-house",
# "a A$48,000 deposit")
PHRASE_STOP = re.compile(r"[;:!?()]")  # a doubled phrase holds none of these ...
PHRASE_PARTING = re.compile(r"[.!?;:()\"“”\n*]")  # ... and its two copies are parted by none of these


def repeated_list_lines(run: Run) -> None:
    """In a block that is a plain list (two or more lines, none with end punctuation or a bullet, so it reads
    as one sentence), a line that repeats an earlier line of it exactly goes as 'repeated-item'; so does a table
    row that repeats an earlier row of its table."""
    _repeated_table_rows(run)
    for block in run.blocks:
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
                run.edit("repeated-item", sentence.line + offset, line, first_line[key], sentence)
                continue
            first_line[key] = sentence.line + offset
            kept.append(line)
        if len(kept) < sentence.text.count("\n") + 1:
            sentence.set_text("\n".join(kept))


def _repeated_table_rows(run: Run) -> None:
    """Remove a Markdown table row ("| Q2 | 2.1 | 1,402 |") that repeats an earlier row of the same table, cell
    for cell: the rows of a table are consecutive '|' lines."""
    first_line: dict[tuple[str, ...], int] = {}
    for block in run.blocks:
        row = block.raw[0].strip() if block.kind == "opaque" and len(block.raw) == 1 else ""
        if not row.startswith("|") or block.sep:  # not a row, or a blank line before it: a new table
            first_line = {}
            if not row.startswith("|"):
                continue
        cells = tuple(" ".join(cell.split()) for cell in row.strip("|").split("|"))
        if all(not cell.strip(":- ") for cell in cells):  # the |---|---| line under the header
            continue
        if cells in first_line:
            block.removed = True
            run.edit("repeated-item", block.line, row, first_line[cells])
            continue
        first_line[cells] = block.line


def inner_repeats(run: Run) -> None:
    """Cut doubled phrases and repeated list items or quoted names inside each sentence."""
    for block, sentence in list(run.text_sentences()):
        _doubled_phrases(run, sentence)
        _glued_doubles(run, sentence)
        _repeated_items(run, sentence)


def _is_kept_doubling(run: Run, words: list[str], i: int, n: int) -> bool:
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

    longest = max(map(len, run.lists.keep_doubled), default=0)  # the words any kept phrase can be tried on:
    nearby = set(words[max(0, i - longest + 1):i + 2 * n - 1 + longest])  # a phrase with a word not among them
    for phrase in run.lists.keep_doubled:  # fits nowhere (tried at each start, "name name …" cost seconds per MB)
        size = len(phrase)
        if list(phrase) == unit or any(p != "*" and p not in nearby for p in phrase):
            continue
        near = range(max(0, i - size + 1), min(len(words) - size, i + 2 * n - 1) + 1)
        if any(_fits(tuple(words[start:start + size]), phrase) for start in near) and \
                not any(_fits(after_cut(start, size), phrase) for start in near):
            return True
    return False


def _fits(words: tuple[str, ...], phrase: tuple[str, ...]) -> bool:
    """True when words are the kept phrase, each "*" of it one word, the same word at every "*"."""
    if len(words) != len(phrase):
        return False
    wild = {w for w, p in zip(words, phrase) if p == "*"}
    return len(wild) <= 1 and all(p == "*" or w == p for w, p in zip(words, phrase))


def _doubled_phrases(run: Run, sentence: Sentence) -> None:
    """Cut the second copy of a phrase said twice in a row ("we improved we improved the process")."""
    text = sentence.text
    spans = [(m.start(), m.end()) for m in WORD.finditer(text)]
    words = [text[a:b].lower() for a, b in spans]
    cuts: list[tuple[int, int]] = []
    i = 0
    limit = run.settings.max_phrase_words
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
            if i > 0 and GLUED_TO_WORD.fullmatch(gaps[i - 1]) or \
                    i + 2 * n - 1 < len(gaps) and GLUED_TO_WORD.fullmatch(gaps[i + 2 * n - 1]):
                continue  # "a full check-in in Korean", "moved in in-house": a copy is part of a hyphenated word
            first = text[spans[i][0]:spans[i + n - 1][1]].lower()
            if first != text[spans[i + n][0]:spans[i + 2 * n - 1][1]].lower() or \
                    _is_kept_doubling(run, words, i, n):
                continue
            found = n
            break
        if found:
            i = _align_on_punctuation(text, spans, words, i, found)
            cuts.append((spans[i + found - 1][1], spans[i + 2 * found - 1][1]))
            i += 2 * found
        else:
            i += 1
    if cuts:
        run.cut(sentence, cuts, "repeated-phrase")


GLUES = (("of", "the"), ("of",), ("the",), ("in", "the"), ("and", "the"))  # what a small or translating model puts
# between a noun phrase and its second copy ("the surgical ward of the surgical ward")
GLUES_BY_LAST = {last: tuple(g for g in GLUES if g[-1] == last) for last in {g[-1] for g in GLUES}}
GLUED_TRIES = 2  # later copies of a phrase's first word tried, nearest first, for each word
GLUED_MIN_CONTENT = 2  # content words the doubled phrase needs: "time to time", "day by day" are English
GLUED_END = re.compile(r"\s*(?:$|[,.;:!?)]|(?:in|at|on|for|with|to|from|by|during|since|and)\b)", re.I)


def _glued_doubles(run: Run, sentence: Sentence) -> None:
    """Cut the second copy of a noun phrase of two content words or more said again after "of the", "of", "the",
    "in the" or "and the" ("the township depots of the township depots in …"): the glue and the copy go when the
    copy ends the phrase (at punctuation, the sentence's end or a preposition), so nothing after it is orphaned."""
    text = sentence.text
    spans = [(m.start(), m.end()) for m in WORD.finditer(text)]
    words = [text[a:b].lower() for a, b in spans]
    content = [0]  # content words before each word, and parting gaps (a mark, or a comma) before each word
    parted = [0]
    for k, word in enumerate(words):
        content.append(content[-1] + (word not in STOP_WORDS))
        gap = text[spans[k][1]:spans[k + 1][0]] if k + 1 < len(words) else ""
        parted.append(parted[-1] + bool(PHRASE_PARTING.search(gap) or "," in gap))
    positions: dict[str, list[int]] = {}  # each word's positions: only a phrase whose first word comes again is tried
    for position, word in enumerate(words):
        positions.setdefault(word, []).append(position)
    limit = run.settings.max_phrase_words
    cuts: list[tuple[int, int]] = []
    i = 0
    while i < len(words):
        found = None
        later = positions[words[i]]
        tried = 0
        for j in later[bisect_right(later, i + 2):bisect_right(later, i + limit + 2)]:  # where a copy could start
            glues = GLUES_BY_LAST.get(words[j - 1], ())
            tried += bool(glues)
            if tried > GLUED_TRIES:  # the nearest few: a phrase rarely holds its own first word twice
                break
            for glue in glues:
                n = j - i - len(glue)
                if n < 2 or j + n > len(words) or tuple(words[i + n:j]) != glue or \
                        content[i + n] - content[i] < GLUED_MIN_CONTENT or parted[j + n - 1] - parted[i] or \
                        not GLUED_END.match(text, spans[j + n - 1][1]) or words[j:j + n] != words[i:i + n]:
                    continue
                found = (spans[i + n - 1][1], spans[j + n - 1][1], j + n)
                break
            if found:
                break
        if found:
            cuts.append(found[:2])
            i = found[2]
        else:
            i += 1
    if cuts:
        run.cut(sentence, cuts, "repeated-phrase")


def _align_on_punctuation(text: str, spans, words: list[str], i: int, n: int) -> int:
    """Of the shifts of a doubled phrase, prefer the one whose copies are separated by a comma."""
    for k in range(n):
        j = i + k
        if j + 2 * n > len(words) or words[j:j + n] != words[j + n:j + 2 * n]:
            break
        if "," in text[spans[j + n - 1][1]:spans[j + n][0]]:
            return j
    return i


def _repeated_items(run: Run, sentence: Sentence) -> None:
    """Cut a list item or quoted name the sentence already listed ("A, B, A and C"), always a whole item with the
    separator before it: an item ends at a comma, semicolon or colon, and "and" inside one ("small and micro
    firms") only parts two of its words, so a copy is cut there only when said twice in a row ("audits and
    audits") or when the whole item repeats."""
    text = sentence.text
    repeats = [(m.start(2), m.end(2)) for m in REPEATED_QUOTE.finditer(text)]
    if repeats:
        run.cut(sentence, repeats, "repeated-item")
        text = sentence.text
    body_end = len(text.rstrip(".!?。！？ "))
    colon = ":：" if len(re.findall(r"[:：]", text)) == 1 else ""  # a list after its label, not "Key: value" fields
    # not the comma of "61,000"; never from inside a blank run (tried again from each blank: quadratic)
    separators = [m for m in re.finditer(rf"(?!(?<=\s)\s)(?:\s*(?:[;、，；{colon}]|,(?!\d)|(?<!\d),)\s*"
                                         rf"(?:and\s+|or\s+)?|\s+and\s+)", text[:body_end])]
    bounds = [0] + [m.start() for m in separators] + [body_end]
    starts = [0] + [m.end() for m in separators]
    items: list[list[int]] = [[0]]  # segments between commas, semicolons and colons: "and" may part one item
    for index, separator in enumerate(separators, start=1):
        if separator.group(0).strip() == "and":
            items[-1].append(index)
        else:
            items.append([index])
    seen: dict[str, int] = {}  # each listed key and the segment that first said it
    names: dict[str, str] = {}
    cuts: list[tuple[int, int]] = []
    strong = [True] + [m.group(0).strip() != "and" for m in separators]  # the separator before each segment
    keys: list[tuple[str, bool] | None] = [None] * len(starts)
    cut: set[int] = set()
    for item in items:
        item_keys = [_item_key(text[starts[index]:bounds[index + 1]], names) for index in item]
        if item[0] and len(item) > 1 and all(key is not None and (key[0] in seen or key[1]) for key in item_keys):
            cuts.append((bounds[item[0]], bounds[item[-1] + 1]))  # every part of it listed before: the whole item
            cut.update(item)
            continue
        for index, key in zip(item, item_keys):
            keys[index] = key
            if key is None:
                continue
            first = seen.get(key[0])
            if index and (first is not None or key[1]) and _whole(index, first, strong, keys, cut, len(starts)):
                cuts.append((bounds[index], bounds[index + 1]))
                cut.add(index)
                continue
            seen.setdefault(key[0], index)
            segment = text[starts[index]:bounds[index + 1]]
            for m in QUOTED.finditer(segment):  # a quoted name and the words after it ("activity in June")
                names.setdefault(" ".join(m.group(1).lower().split()), " ".join(segment[m.end():].lower().split()))
    if cuts:
        run.cut(sentence, cuts, "repeated-item")


def _whole(index: int, first: int | None, strong: list[bool], keys: list, cut: set[int], count: int) -> bool:
    """True when segment `index`, a repeat of segment `first` (None for a quoted name), is a whole list item, so
    cutting it with the separator before it leaves every other item whole: a comma or semicolon before it (and
    before its first telling, unless that opens the sentence); or a bare "and" before it with the same item just
    before that ("audits and audits"), or, as the last item, a whole item before it ("audits, renewals and
    audits"). Not the "micro firms" of "the small and micro firms", whose "and" lies inside the item."""
    before = index - 1
    while before in cut:  # the segment the cut one will follow
        before -= 1
    first_whole = first is None or first == 0 or strong[first]
    if strong[index]:
        return first_whole
    if keys[before] is not None and first == before:
        return True  # "audits and audits"
    return index == count - 1 and first_whole and keys[before] is not None and strong[before]


NOT_ITEMS = frozenset({"at the same time", "in addition", "for example", "in particular", "as well", "of course",
                       "on the other hand", "in other words", "and so on"})


def _item_key(segment: str, names: dict[str, str]) -> tuple[str, bool] | None:
    """(the words a list segment is compared by, whether it is a quoted name said again with the words that followed
    it the first time), or None when the segment is no item that can repeat (too short, an odd quote, a phrase)."""
    words = [w.lower() for w in WORD.findall(segment)]
    leading = 0
    while leading < len(words) and words[leading] in ("and", "or", "the", "a", "an"):
        leading += 1
    words = words[leading:]  # dropped at once: one at a time copied the rest for each ("a a a …")
    key = " ".join(words)
    quotes = len(re.findall(r"[\"“”]", segment))
    if quotes % 2 or not key or (len(words) < 2 and not quotes) or all(w in STOP_WORDS for w in words) or \
            key in NOT_ITEMS:
        return None
    only_name = re.fullmatch(r"\s*(?:(?:and|or|for|the|a|an|as well as|also|plus)\s+)*[\"“]([^\"“”]+)[\"”]"
                             r"((?:\s+[a-z]+){0,2})\s*", segment)
    repeated_name = False
    if only_name:
        after_first = names.get(" ".join(only_name.group(1).lower().split()))
        repeated_name = after_first is not None and after_first.startswith(" ".join(only_name.group(2).split()))
    return key, repeated_name


# a parenthesis of words only, after a figure: "212 (two hundred and twelve)", "from 88% to 96% (from eighty-eight per
# cent to ninety-six per cent)"
WORDS_IN_PARENTHESES = re.compile(r"[ \t]*\(([^()\d\n]{2,160})\)")
JOINING_WORDS = frozenset("from to and a an per cent percent point zero".split())  # between the amounts said in words
FIGURE_WORDS_REACH = 120  # characters before the parenthesis in which the figures it tells again must stand


def remove_figures_told_in_words(run: Run) -> None:
    """Cut a parenthesis that tells the figures just before it again in words ("212 (two hundred and twelve)"), a
    small model's habit: every amount in it is one of the figures in the FIGURE_WORDS_REACH characters before it,
    and every other word of it (a unit, "yuan") is there too. The figures stay."""
    for _, sentence in run.text_sentences():
        if "(" not in sentence.text:
            continue
        text = sentence.text
        cuts = []
        for match in WORDS_IN_PARENTHESES.finditer(text):
            words = [w.lower() for w in WORD.findall(match.group(1))]
            amounts = quantities_in(match.group(1))
            before = text[max(0, match.start() - FIGURE_WORDS_REACH):match.start()]
            figures = quantities_in(re.sub(r"[^\d.,%\s\w]", " ", before)) if any(c.isdigit() for c in before) else []
            said = {w.lower() for w in WORD.findall(before)}
            if amounts and all(any(abs(a - f) < 1e-9 for f in figures) for a in amounts) and \
                    all(w in AMOUNT_WORDS or w in JOINING_WORDS or w in said for w in words):
                cuts.append(match.span())
        if cuts:
            run.cut(sentence, cuts, "repeated-phrase")

