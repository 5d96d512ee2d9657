"""The duplicates pass: exact and near-duplicate sentences across the whole text, found through an inverted index on
each sentence's rarest words; a sentence that recites the prompt's instructions goes as 'prompt-echo'. Two sentences
merge only when one's facts contain the other's (and not when one pins their month to an earlier year): the poorer
telling goes, the fuller stays where it stands."""

from __future__ import annotations

import re
from math import fsum

from drafter.cleanup.document import (LIST_ITEM, RATING_MARKS, Block, Sentence, chosen_rating, part_numbers,
                                      split_sentences)
from drafter.cleanup.facts import FIGURE_TOKEN, YEAR, facts_of, figures_reordered, has_figure, is_name
from drafter.cleanup.placeholders import fill_template_blanks, has_placeholder
from drafter.cleanup.report import Note
from drafter.cleanup.run import Run
from drafter.text.dates import MONTH_NUMBERS
from drafter.cleanup.similarity import (candidates, content_words, document_frequencies, index_word, labelled_otherwise,
                                        normalize)

STRUCK = re.compile(r"~~[^~\n]+~~")  # words struck out in an edit's mark-up ("~~was~~ **worked**")
# the label a proofreading chat puts on the author's text as they wrote it, above its corrected copy
AS_WRITTEN = re.compile(r"^[\W_]*(?:your (?:version|original|draft|text)|original(?: version| text)?|before)[\W_]*[:：]",
                        re.I)


def _superseded(earlier: str, later: str) -> bool:
    """True when the earlier copy of a sentence is the author's text as a proofreading chat shows it, the later its
    clean correction: marked up with its edits ("I ~~was~~ worked as charge nurse") or labelled as written ("*Your
    version:* … is 2,6 days, down from 3,4 days"), where the later is neither. The later one stays."""
    return (STRUCK.search(earlier) is not None and STRUCK.search(later) is None or
            AS_WRITTEN.match(earlier) is not None and AS_WRITTEN.match(later) is None)


def _reference_sentences(run: Run) -> list[tuple[None, Sentence]]:
    """The echo_of texts (a prompt's instructions) as sentences that are matched against but never output."""
    out = []
    for text in run.echo_of:
        for line in text.split("\n"):
            line = LIST_ITEM.sub("", line).strip()
            for sentence in split_sentences(line, 0) if line else []:
                out.append((None, sentence))
    return out


def _echo(run: Run, sentence: Sentence, reference: Sentence) -> bool:
    """Remove a sentence that repeats the prompt, unless it carries a fact the prompt does not."""
    if not sentence.facts <= reference.facts or sentence.placeholder:
        return False
    sentence.removed = True
    run.edit("prompt-echo", sentence.line, sentence.text, of=sentence)
    return True


def _name_recited_rules(run: Run, recited: set[str]) -> None:
    """A sentence the junk pass removed as 'chat' by its shape ("Keep every number … exactly as written") that is
    word for word one of the prompt's is reported as what it is, a 'prompt-echo'."""
    if not recited:
        return
    for block in run.blocks:
        for sentence in block.sentences:
            edits = run.edits_of.get(id(sentence), [])
            if sentence.removed and len(edits) == 1 and edits[0].kind == "chat" and \
                    normalize(run.source.get(id(sentence), "")) in recited:
                edits[0].kind = "prompt-echo"


# a form's field and the short answer filled in, or the marks chosen: "Self-evaluation: ○", "Selected: Strong",
# "Employee rating: ○ Not achieved ○ Achieved ● Exceeded"
FORM_ANSWER = re.compile(r"^[\W_]*[^\W\d_][\w '/()-]{0,40}[:：][ \t]*(?:(?=[^\n]*[○●△◎✓✔☐☑☒■□◯×])[^\n]{1,80}|"
                         r"\S+(?:[ \t]+\S+){0,2})[\s.]*$")


def remove_duplicates(run: Run) -> None:
    """Remove exact and near-duplicate sentences and prompt echoes, in one pass over the text in order."""
    s = run.settings
    references = _reference_sentences(run)
    reference = {id(sentence) for _, sentence in references}  # never output, only matched against
    _name_recited_rules(run, {normalize(sentence.text) for _, sentence in references})
    items: list[tuple[Block | None, Sentence]] = references + list(run.text_sentences())
    words = [content_words(sentence.text, run.lists.synonyms) for _, sentence in items]
    df, weight = document_frequencies(words)

    latest = _latest_year(run)
    exact: dict[str, int] = {}
    slots: list[dict] = []
    postings: dict[str, list[int]] = {}
    labels = _labels(run)  # matched against, never removed here (remove_repeated_labels)
    part_of = part_numbers(run.blocks)
    pointed_at = run.pointed_at()  # "My score was 93%. As mentioned, …": the telling the next sentence points at
    prose = [b for b in run.blocks if not b.removed and b.kind == "text" and not b.heading_like and
             any(not x.removed for x in b.sentences)]  # (a closing cliché or offer that went closes nothing)
    closing = prose[-1] if len(prose) > 1 else None  # the text's last paragraph: a recap by its place ousts nothing
    run.kept_whole |= _revised_copies(run)  # a paragraph pasted again with a figure changed: the author's to settle
    for (block, sentence), ws in zip(items, words):
        if id(block) in run.kept_whole:
            continue
        key = normalize(sentence.text[run.lists.opener_end(sentence.text):])  # "In summary, X" says X again
        if not key or not any(c.isalpha() for c in key):
            continue  # ("**2." of a bold heading split at its number says nothing twice)
        if id(sentence) in labels:
            _new_slot(run, slots, exact, postings, df, key, block, sentence, ws, weight)
            continue
        if FORM_ANSWER.match(sentence.text) or RATING_MARKS.search(sentence.text) or chosen_rating(sentence.text):
            continue  # "Self-evaluation: ○" under each goal: the answer given for that goal, however often alike
        if key in exact and id(slots[exact[key]]["sentence"]) in reference:
            if id(sentence) in reference or _echo(run, sentence, slots[exact[key]]["sentence"]):
                continue
        elif key in exact:
            slot = slots[exact[key]]
            if not sentence.placeholder:
                kind = "repeated-item" if block.kind == "item" and slot["block"].kind == "item" else \
                    "duplicate-sentence"
                sentence.removed = True
                record = run.edit(kind, sentence.line, sentence.text, slot["sentence"].line, sentence)
                run.repeat(sentence, slot["sentence"], record)
                continue
        wset = {w: weight[w] for w in set(ws)}
        wsum = fsum(wset.values())
        match = None
        if len(wset) >= s.min_words:
            match = _best_match(run, wset, wsum, postings, slots, sentence)
        if match is not None and (id(sentence) in reference or id(match[0]["sentence"]) in reference):
            if id(sentence) not in reference and _echo(run, sentence, match[0]["sentence"]):
                continue
            match = None
        if match is not None and id(sentence) in pointed_at:
            match = None
        if match is not None and figures_reordered(match[0]["sentence"].text, sentence.text):
            match = None  # "Self-rating: Q 5 | E 4 | T 5" under one goal, "Self-rating: Q 5 | E 5 | T 4" under the next
        if match is not None and _another_year(match[0]["sentence"], sentence, latest):
            match = None  # "In September I opened 181 accounts." / "In September 2025 I opened 181 accounts as well"
        if match is not None and not sentence.placeholder and (_in_its_place(match[0], block, sentence) or
                                                               _told_more(run, match, block, wset) or
                                                               _results_list(match[0], block, sentence, part_of) or
                                                               _item_after_account(run, match, block, sentence,
                                                                                   wset)):
            match = None  # a later paragraph that tells more than a list item: both stay, the item as it is
        if match is not None and not sentence.placeholder:
            slot, mode = match
            kept = slot["sentence"]
            fuller = _keep_later(kept, sentence, mode, slot["wsum"], wsum)
            later = fuller and not _is_item(slot["block"]) and \
                id(kept) not in pointed_at and block is not closing and \
                not run.lists.opener_end(sentence.text) or _superseded(kept.text, sentence.text)  # ("In closing,
            # 2024 saw …": a recap ousts no telling)
            if fuller and not later and _says_its_own(run, ws, df):
                match = None  # a fuller telling that may not oust the first (it closes the text, or the first is a
                # list item) but says something of its own: both stay
            elif (_figure_of_another_thing(run, kept, sentence) if later else
                    _figure_of_another_thing(run, sentence, kept)) or labelled_otherwise(sentence.text, kept.text, run.lists.synonyms):
                match = None  # "Objective: retention of 87% on farm lines." after "… of 87% across all lines."
            elif later:
                kept.removed = True  # the poorer earlier telling goes; the fuller one stays where it stands (a cut
                # is a whole span: nothing moves)
                run.repeat(kept, sentence, run.edit("near-duplicate", kept.line, kept.text, sentence.line, kept))
                slot["sentence"], slot["block"] = sentence, block
                slot["variants"].append((wset, wsum))
                slot["wsum"] = wsum
                for w in wset:
                    index_word(postings, w, slot["id"])
            else:
                sentence.removed = True
                run.repeat(sentence, kept, run.edit("near-duplicate", sentence.line, sentence.text, kept.line, sentence))
            if match is not None:
                continue
        _new_slot(run, slots, exact, postings, df, key, block, sentence, ws, weight)


OWN_WORDS = 4  # specific content words no other sentence of the text uses: a fuller telling with this many says
# something of its own


def _says_its_own(run: Run, ws: tuple[str, ...], df: dict[str, int]) -> bool:
    """True when a sentence holds OWN_WORDS specific words or more that no other sentence uses ("… and in 2022 I also
    want to learn the claims assessment work so that I can cover the claims desk during peak months")."""
    return len({w for w in ws if df.get(w, 0) <= 1} - run.lists.unspecific) >= OWN_WORDS


def _revised_copies(run: Run) -> set[int]:
    """Ids of the paragraphs that copy an earlier one sentence for sentence but for a figure or more ("… went down
    from 214 files to 38." / "… to 31."): a draft pasted twice across an edit, whose two figures the author must
    choose between. Both copies stay whole, and a note names the figures; cutting the copy's repeated sentences would
    leave its changed figure alone, as if it told something else."""
    revised: set[int] = set()
    seen: dict[str, tuple[Block, Sentence]] = {}  # each sentence's words with its figures masked -> its first telling
    for block in run.blocks:
        if block.kind != "text" or block.removed or len(block.sentences) < 2:
            continue
        shapes = [normalize(FIGURE.sub("#", sentence.text)) for sentence in block.sentences]
        earlier = [seen.get(shape) for shape in shapes]
        sources = {id(e[0]) for e in earlier if e is not None}
        changed = [(e[1], sentence) for e, sentence in zip(earlier, block.sentences)
                   if e is not None and normalize(e[1].text) != normalize(sentence.text)]
        if len(sources) == 1 and all(e is not None for e in earlier) and changed:
            revised.add(id(block))
            for before, after in changed:
                run.notes.append(Note("figures-differ", after.line, f"{after.text.strip()} (kept whole with its "
                                                                    f"paragraph: line {before.line} tells it with "
                                                                    f"other figures)"))
            continue
        for shape, sentence in zip(shapes, block.sentences):
            seen.setdefault(shape, (block, sentence))
    return revised


FIGURE = re.compile(r"\d[\d,.]*")  # a figure's digits, masked to compare two tellings but for their figures


def _figure_of_another_thing(run: Run, sentence: Sentence, other: Sentence) -> bool:
    """True when a figure both sentences hold is said in the one to go of a thing the other never names: the first
    content word after it in its clause, where the other names a thing after it too ("87% on farm lines" beside
    "87% across all lines"). The same figure of another thing is a claim of its own."""
    mine, theirs = _figure_words(run, sentence.text), _figure_words(run, other.text)
    their_words = set(content_words(other.text, run.lists.synonyms))
    return any(w and theirs.get(f) and w not in their_words for f, w in mine.items())


CLAUSE_END = re.compile(r"[,.;:!?\n]")


def _figure_words(run: Run, text: str) -> dict[str, str]:
    """Each figure of the text with the first content word after it in its clause, vague words and dates aside ("over
    the year", "between January and December" name no thing; "" if none)."""
    out = {}
    for match in FIGURE_TOKEN.finditer(text):
        end = CLAUSE_END.search(text, match.end())
        words = [w for w in content_words(text[match.end():end.start() if end else len(text)], run.lists.synonyms)
                 if not w[0].isdigit() and w not in run.lists.unspecific and not facts_of(w)]
        out[match.group(0)] = words[0] if words else ""
    return out


def _new_slot(run: Run, slots: list[dict], exact: dict[str, int], postings, df, key: str, block: Block | None,
              sentence: Sentence, ws, weight) -> None:
    """Index a sentence that stays as a slot later sentences are matched against."""
    wset = {w: weight[w] for w in set(ws)}
    slot = {"id": len(slots), "sentence": sentence, "block": block, "variants": [(wset, fsum(wset.values()))],
            "wsum": fsum(wset.values())}
    slots.append(slot)
    exact.setdefault(key, slot["id"])
    for w in wset:
        if df[w] <= run.settings.max_key_frequency:
            index_word(postings, w, slot["id"])


def _labels(run: Run) -> set[int]:
    """Ids of the labels without figures ("1, Window business."): a label names its item's topic and may name
    another item's under another part, so it goes only with the rest of its block."""
    labels = run.labels()
    return {id(s) for block in run.blocks for s in block.sentences[:1] if id(s) in labels and not has_figure(s.facts)}


def remove_repeated_labels(run: Run) -> None:
    """A label goes as a repeat when every other sentence of its block went as a repeat and an earlier label or
    sentence said it (after the duplicates and restatements passes)."""
    labels = _labels(run)
    first: dict[str, Sentence] = {}
    for block in run.blocks:
        if block.removed or block.kind not in ("text", "item"):
            continue
        for sentence in block.sentences:
            if sentence.removed:
                continue
            key = normalize(sentence.text)
            earlier = first.setdefault(key, sentence)
            if id(sentence) not in labels or earlier is sentence or sentence.placeholder:
                continue
            rest = block.sentences[1:]
            if rest and all(x.removed and id(x) in run.repeats for x in rest):
                sentence.removed = True
                record = run.edit("duplicate-sentence", sentence.line, sentence.text, earlier.line, sentence)
                run.repeat(sentence, earlier, record)


def _best_match(run: Run, wset: dict[str, float], wsum: float, postings, slots, sentence: Sentence):
    """The earlier slot this sentence near-duplicates best, and how ('similar', 'later-inside', 'earlier-inside'),
    or None."""
    s = run.settings
    best = None
    for slot_id in candidates(wset, postings, s.keys_per_sentence, s.max_candidates):
        slot = slots[slot_id]
        kept = slot["sentence"]
        if kept.removed:
            continue
        if not (kept.facts <= sentence.facts or sentence.facts <= kept.facts) or \
                kept.future != sentence.future or kept.fragment != sentence.fragment:
            continue
        for other, osum in slot["variants"]:
            shared = fsum(v for w, v in wset.items() if w in other)
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


MONTH_YEAR = re.compile(r"\b(" + "|".join(sorted(MONTH_NUMBERS, key=len, reverse=True)) + r")\.?,?\s+((?:19|20)\d\d)\b",
                        re.I)  # a month pinned to a year: "September 2025"


def _latest_year(run: Run) -> str | None:
    """The latest year the text states of what was done (headings and title too; plans aside): the year it reviews."""
    years = [fact for block in run.blocks for sentence in block.sentences if not sentence.future
             for fact in sentence.facts if YEAR.fullmatch(fact)]
    return max(years, default=None)


def _another_year(kept: Sentence, later: Sentence, latest: str | None) -> bool:
    """True when both near-duplicates date their event by the same month and one pins it to a year the other does not,
    earlier than the year the text reviews: it tells of that month in another year ("In September 2025 I opened 181
    accounts as well" after "In September I opened 181 accounts."), not of this one more fully. (A year that dates a
    comparison, "34 days (2025: 41 days)", is no month's.)"""
    if latest is None:
        return False
    for one, other in ((kept, later), (later, kept)):
        for match in MONTH_YEAR.finditer(one.text):
            month, year = match.group(1).lower(), match.group(2)
            if year < latest and year not in other.facts and month in other.facts:
                return True
    return False


def _is_item(block: Block | None) -> bool:
    """True for a list item (not one that is a heading in list clothing)."""
    return block is not None and block.kind == "item" and not block.heading_like


def _in_its_place(slot: dict, block: Block | None, sentence: Sentence) -> bool:
    """True when the earlier copy stands in a list item, its structural place, and this later copy, in a paragraph,
    states a fact the item does not: the later copy may not take the item's place, and may not go."""
    return _is_item(slot["block"]) and block is not None and block.kind == "text" and \
        not sentence.facts <= slot["sentence"].facts


def _told_more(run: Run, match: tuple[dict, str], block: Block | None, wset: dict[str, float]) -> bool:
    """True when the earlier copy is a list item and this later one, in a paragraph, holds its words and adds at least
    as many of its own, vague ones aside ("Passed the cannulation competency in March" / "You passed the cannulation
    competency in March, which means the ward no longer calls the night practitioner for routine cannulas"): the
    paragraph tells more, and the item is in its place, so both stay. ("I am proud that I was able to reactivate 19
    accounts" adds only two words to "Reactivated 19 accounts": it goes.)"""
    slot, mode = match
    if not (_is_item(slot["block"]) and block is not None and block.kind == "text" and mode == "earlier-inside"):
        return False
    item = slot["variants"][0][0].keys()
    words = {w for w in item if not w.isdigit()}  # the figures are the paragraph's too: they are no words it adds to
    return len(wset.keys() - item - run.lists.unspecific) >= len(words)


def _item_after_account(run: Run, match: tuple[dict, str], block: Block | None, sentence: Sentence,
                        wset: dict[str, float]) -> bool:
    """True when this later copy is a list item whose words lie inside an earlier paragraph sentence that adds at
    least as many words and facts of its own, vague words and figures aside ("I rewrote the visitor badge form in June
    and I now hand it out at the gate to every contractor" / "- Hand out the visitor badge form at the gate"): the
    item is that point in its list, the paragraph the account of it, so both stay (_told_more, the other way
    round)."""
    slot, mode = match
    if not (_is_item(block) and slot["block"] is not None and slot["block"].kind == "text" and
            mode == "later-inside"):
        return False
    told = slot["variants"][0][0].keys()
    words = {w for w in wset if not w.isdigit()}
    added = {w for w in told if not w.isdigit()} - wset.keys() - run.lists.unspecific
    return len(added) + len(slot["sentence"].facts - sentence.facts) >= len(words)


def _results_list(slot: dict, block: Block | None, sentence: Sentence, part_of: dict[int, int]) -> bool:
    """True when this later copy is a list item with figures under its own heading ("**Key Results**") and the
    earlier one a paragraph sentence of another part (an overview): the list is the figures' place, so both stay."""
    return _is_item(block) and slot["block"] is not None and slot["block"].kind == "text" and \
        has_figure(sentence.facts) and part_of[id(block)] != part_of[id(slot["block"])]


FULLER = 1.5  # a later telling holding the earlier one's words is the fuller one when its words weigh this much more


def _keep_later(kept: Sentence, later: Sentence, mode: str, kept_sum: float, later_sum: float) -> bool:
    """True when the later sentence is the fuller telling, so the earlier one goes instead."""
    if kept.placeholder:
        return False
    if len(later.facts) != len(kept.facts):
        return len(later.facts) > len(kept.facts)
    return mode == "earlier-inside" and later_sum >= FULLER * kept_sum


HEADING_LIST_MIN_ITEMS = 2  # a list this long or longer whose every item names a heading of the text is navigation
HEADING_LIST_MAX_WORDS = 12  # headings longer than this are not read for it (each is indexed by its runs of words)


def remove_heading_lists(run: Run) -> None:
    """A list whose every item, with no figure or name of its own, says a heading of the text again ("Contents: 1.
    Work review 2. Problems …" over those parts, a STAR appraisal's closing "Summary of achievements" listing its
    sections) is navigation or a recap of the structure: its items go as repeats, the headings stay."""
    said: dict[str, Block] = {}  # each run of words of a short heading, that at least half of it, -> the heading
    for block in run.blocks:
        words = normalize(block.content).split() if block.kind == "heading" and not block.removed else []
        if not words or len(words) > HEADING_LIST_MAX_WORDS:
            continue
        for size in range((len(words) + 1) // 2, len(words) + 1):
            for start in range(len(words) - size + 1):
                said.setdefault(" ".join(words[start:start + size]), block)
    if not said:
        return
    lists: list[list[Block]] = [[]]  # runs of list items with nothing else between
    label_of: dict[int, Block] = {}  # a list's first item -> the block just above the list
    above = None
    for block in run.blocks:
        if block.kind != "item":
            if lists[-1]:
                lists.append([])
            if not block.removed:
                above = block
        elif not block.removed:
            if not lists[-1] and above is not None:
                label_of[id(block)] = above
            lists[-1].append(block)
    for items in lists:
        if len(items) < HEADING_LIST_MIN_ITEMS:
            continue
        named = []
        for item in items:
            heading = said.get(normalize(item.content))
            heading_facts = facts_of(heading.content) if heading is not None else frozenset()
            if heading is None or any(has_figure(s.facts - heading_facts) or s.placeholder or
                                      any(is_name(f) and f not in heading_facts for f in s.facts)
                                      for s in item.sentences):
                break
            named.append((item, heading))
        else:
            for item, heading in named:
                for sentence in item.sentences:
                    sentence.removed = True
                item.removed = True
                run.edit("repeated-item", item.line, "\n".join(item.raw), heading.line)
            label = label_of.get(id(items[0]))
            if label is not None and _bare_label(label):  # "**Contents**" over it: the navigation's own title
                for sentence in label.sentences:
                    sentence.removed = True
                label.removed = True
                run.edit("repeated-item", label.line, "\n".join(label.raw))


NAVIGATION_LABEL = re.compile(r"^[\W_]*(?:table of )?(?:contents|outline|agenda|catalog(?:ue)?|directory)[\W_]*$", re.I)


def _bare_label(block: Block) -> bool:
    """True when the block is a heading or bold line that names the list under it as navigation ("**Contents**");
    a recap's title ("Summary of achievements") is the author's heading and stays."""
    return (block.kind in ("heading", "title") or block.heading_like) and \
        NAVIGATION_LABEL.match(block.content) is not None


SAMPLE_SHARE = 0.6  # of a template sentence's content words the author's filled sentence must hold ...
SAMPLE_WORDS_MIN = 4  # ... and at least this many of them
SAMPLE_KEYS = 4  # its rarest words looked up in the index of the author's sentences
SAMPLE_CANDIDATES = 8  # sentences compared with it, at most


def remove_filled_samples(run: Run) -> None:
    """A template's sample sentence with its blanks unfilled ("This year I handled a total of XX discharge
    settlements, with no errors.") beside the author's own telling of it with the figure filled in ("This year I
    handled 1,204 discharge settlements with no errors."): the site's sample goes as the author's sentence's repeat.
    One with no filled telling stays, a blank for the author to fill. Linear: each is looked up by its rarest words."""
    filled: list[tuple[Sentence, set[str]]] = []
    samples = []
    for _, sentence in run.text_sentences():
        words = set(content_words(fill_template_blanks(sentence.text), run.lists.synonyms)) - {"x"}
        if sentence.placeholder:
            if len(words) >= SAMPLE_WORDS_MIN and has_placeholder(sentence.text):
                samples.append((sentence, words))
        elif has_figure(sentence.facts) and not has_placeholder(sentence.text):
            filled.append((sentence, words))
    if not samples or not filled:
        return
    df, idf = document_frequencies([words for _, words in filled])
    postings: dict[str, list[int]] = {}
    for slot, (_, words) in enumerate(filled):
        for word in words:
            if df[word] <= run.settings.max_key_frequency:  # a word in thousands of sentences is no key to one
                index_word(postings, word, slot)
    for sentence, words in samples:
        weights = {w: idf.get(w, 0.0) for w in words}
        for slot in candidates(weights, postings, SAMPLE_KEYS, SAMPLE_CANDIDATES):
            author, theirs = filled[slot]
            shared = words & theirs
            if len(shared) >= SAMPLE_WORDS_MIN and len(shared) >= SAMPLE_SHARE * len(words) and not author.removed \
                    and author.future == sentence.future:  # (a plan's blank target is no sample of a result)
                sentence.removed = True
                record = run.edit("near-duplicate", sentence.line, sentence.text, author.line, sentence)
                run.repeat(sentence, author, record)
                break
