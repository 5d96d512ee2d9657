"""The restatements pass: a sentence that only re-tells, vaguely or in round numbers, what a sentence with figures
says ("sales grew greatly" beside "sales grew 17% to 24.78 million") goes, its facts all stated by that one; so does
one that re-tells in words the figure just before it ("Kept the error rate at 0.008%. This remarkable achievement
means fewer than one in ten thousand instructions needed correction."); so does a list item that only says again, in
other words, the item just before it ("Sent welcome packs five working days before each start" / "Made sure
welcome packs went out ahead of each start date") or, by meaning, an earlier item of its list; so does a sentence
that says an earlier one of its paragraph again in other words; so does a paragraph sentence that tells the figures
of the list just above it again in prose."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from math import fsum

from drafter.cleanup.facts import (AMOUNT_WORDS, FUTURE, HEDGED_AMOUNT, HEDGED_FACTOR, LEAD_IN, NUMBER, QUANTITY_WORDS,
                                   SCALES, SINGLED_OUT, THANKS, UNITS, YEAR, ZERO, StatedFacts, facts_of,
                                   figures_reordered, figures_with_nearby_words, figures_with_units, has_figure,
                                   hedged_figures, hedges_round, is_figure, quantities_in, rates_said, rounds, rounds_to,
                                   works_out)
from drafter.text.numbers import NUMBER_WORDS
from drafter.cleanup.document import (END_PUNCT, LEAD_IN_LABEL, RATING_MARKS, RECAP_HEADING, TABLE_ROW, TABLE_RULE,
                                      Block, Sentence, chosen_rating, part_numbers)
from drafter.cleanup.phrases import blank_spans
from drafter.cleanup.run import Run
from drafter.stock_model import load_model as load_stock_model
from drafter.cleanup.similarity import (candidates, content_words, document_frequencies, index_word, labelled_otherwise,
                                       meaning_similarity)
from drafter.text.titles import names_a_post
from drafter.text.words import STOP_WORDS, WORD, stem_cached


# a sentence that counts none of something: "No contract was signed below …", "There were no late filings …"
LATER_CLAUSE = re.compile(r";\s+|,\s+and\s+(?=(?:I|we|she|he|they)\b)")  # where a sentence goes on to a clause of its own
ADDED_CLAUSE_WORDS = 3  # content words a later clause must hold that the text says nowhere else to be news
LOOK_FORWARD = re.compile(r"\blook(?:s|ing)? forward\b", re.I)  # a wish for next year, with no "will"
ADDED_PLAIN_CLAUSE_WORDS = 5  # the same for a later clause with no fact: "…; the auditor did note that our log was
# the tidiest she had seen in the region"
SEMICOLON_CLAUSE_WORDS = 2  # ... or, after a semicolon, this many, if they are NEW_CLAUSE_SHARE of its content words
NEW_CLAUSE_SHARE = 0.35  # ("…; in both cases the missing swab was found in the drapes", "…; for teachers' claims filed
# before their retirement date, we now release on the retirement date itself")
RESTATEMENT_MIN_SHARED = 2  # words, vague and generic ones aside, a plain restatement (no vague word: it tells no
# amount vaguely) must share with the sentence it restates: one shared word is a topic ("The money stayed in his
# account." is no retelling of "Opened 64 basic accounts"; "The number of remakes went down" tells one vaguely, and
# "Parking was the biggest challenge" singles out again what was singled out)
ASIDE = re.compile(r"^[ \t*_]*\([^()\n]*\)[ \t*_.]*$|"  # a sentence standing whole in brackets, or a note on
                   r"^[\W_]*(?:the |these |all |my |our )?(?:\w+ )?(?:figures|numbers|totals|data) (?:are|were|cover|run|"
                   r"exclude|include)\b")  # what the figures cover ("The SHA figures are for October–November only.")
COMPARED = re.compile(r"\b(?:than|compared (?:with|to)|versus|vs)\b", re.I)  # a comparison, with a year or not
RECORD_CLAIM = re.compile(r"\b(?:highest|lowest|best|worst|fastest|slowest|record|ever|fewest|only)\b")  # a ranking
# or record is a claim of its own: a restating sentence that makes one the text makes nowhere else stays
NONE_OF = re.compile(r"^\W*(?:(?:no|not (?:a|one|a single)) \w+(?: [\w-]+){0,3} "
                     r"(?:was|were|has|have|had|is|are|went|came)\b|"
                     r"there (?:was|were|has been|have been) no\b|none of\b)", re.I)


def remove_restatements(run: Run) -> None:
    """Remove a sentence without figures that only restates vaguely one that gives them, before or after it
    ("sales grew greatly" beside "sales grew 17% to 24.78 million"): its words, vague ones aside, lie mostly in
    that one sentence, and any name it holds is there too. Before the figures in their own paragraph (or list) it
    must be vague ("many", "greatly"): a plain account there leads up to them, sharing only their topic. The first
    sentence in its part to single out a main difficulty ("Food prices were the main problem this year.") names a
    topic of its own, not a figure said elsewhere about the same thing. A list item with a figure or name is the first
    telling, in its place: a paragraph after it that says it in full does not make it a restatement; so is a sentence
    hedging its figures ("about 14,000") before one that hedges them too, which is no more exact. A count of none
    ("No contract was signed below the approved price") restates only a sentence that counts none too. A plain
    sentence (no vague word, nothing singled out) must share two words or more, generic ones aside, with what it
    restates ("The money stayed in his account." names a topic of "Opened 64 accounts", it retells nothing); and a
    plain list item after the paragraph that named it ("Disputed payments and chargebacks") is its list's entry. A
    later sentence that says it restates ("As noted earlier, …") points back at a first telling with a date or name,
    which it cannot oust."""
    s = run.settings
    pairs = list(run.text_sentences())
    items = [sentence for _, sentence in pairs]
    openers = {id(block.sentences[0]) for block, _ in pairs if len(block.sentences) > 1}
    blocks = [block for block, _ in pairs]
    said = [content_words(LEAD_IN_LABEL.sub("", sentence.text) if block.kind == "text" else sentence.text,
                          run.lists.synonyms) for block, sentence in pairs]  # a paragraph's bold label ("**Account
    # Growth:** I opened 188 …") names its part, not what the sentence tells; an item's ("**New Checking Accounts:**
    # 188 opened") is what it counts
    words = [set(ws) for ws in said]
    df, weight = document_frequencies(words)
    postings: dict[str, list[int]] = {}
    for index, sentence in enumerate(items):
        if has_figure(sentence.facts) or sentence.facts & QUANTITY_WORDS:  # "two new operators" counts too
            for w in words[index]:
                if df[w] <= s.max_key_frequency:
                    index_word(postings, w, index)
    unspecific = run.lists.unspecific
    labels = run.labels()
    topics = run.difficulties()  # "Staffing was the hardest part of the year.": a topic the sentences after explain
    kept_copies = {id(repeat.of) for repeat in run.repeats.values()}  # a repeat of it went: it is the telling kept
    pointed_at = run.pointed_at()
    kinds = [block.kind for block, _ in pairs]
    part_of = part_numbers(run.blocks)
    parts = [part_of[id(block)] for block, _ in pairs]
    for index, sentence in enumerate(items):
        if id(sentence) in kept_copies:
            continue
        ws = words[index]
        if len(said[index]) > len(ws):  # a content word said twice: perhaps in "line by line", which shares no topic
            ws = ws - _idiom_words(run, sentence.text)  # with "product lines"
        hedged = hedged_figures(sentence.text) if has_figure(sentence.facts) else {}
        if hedged:  # its figures are checked as roundings, not as words
            ws = {w for w in ws if not w.isdigit()}
        exact = has_figure({f for f in sentence.facts - hedged.keys()
                            if not YEAR.fullmatch(f) or COMPARED.search(sentence.text)})  # then its figures must all
        # be in the source; a year alone ("In 2024 the district insured many farms") dates, it counts nothing, unless
        # it is compared with ("Both numbers were better than in 2022": a claim of its own)
        if sentence.placeholder or len(ws) < s.restatement_min_words or \
                LEAD_IN.search(sentence.text) or id(sentence) in labels or not exact and id(sentence) in topics:
            continue
        if ASIDE.match(sentence.text) or RATING_MARKS.search(sentence.text) or chosen_rating(sentence.text):
            continue  # "(Figures are my own count from the appointment book, not from the practice report.)": a
            # note on the figures beside them, no vaguer telling of them
        if id(sentence) in pointed_at:
            continue  # "My score was 93%. As mentioned, my score was 93%; in November it reached 96%.": the telling
            # the next sentence points back at stays with it
        wsum = fsum(weight[w] for w in ws)
        vague = not ws.isdisjoint(run.lists.vague)  # "many", "greatly": it tells an amount without a figure
        counts = sentence.facts & NUMBER_WORDS  # counted in words: said with the same thing in the source
        label = LEAD_IN_LABEL.match(sentence.text) if blocks[index].kind == "text" else None
        none = ZERO.search(sentence.text) is not None or \
            NONE_OF.match(sentence.text[label.end():] if label else sentence.text) is not None  # ("**Team cover:** No
        # day of the year was left without three clerks on duty")
        best, best_share, shared = None, 0.0, set()
        sources = []
        wish = WISH.search(sentence.text) is not None
        names = (facts_of(sentence.text[label.end():]) if label else sentence.facts) - QUANTITY_WORDS - hedged.keys()
        amounts = quantities_in(NUMBER.sub(" ", sentence.text)) if names != sentence.facts else []
        for source_index in candidates({w: weight[w] for w in ws if w not in unspecific}, postings, len(ws),
                                       s.max_candidates):
            source = items[source_index]
            if not has_figure(source.facts) and not amounts:  # counted in words: a retelling counts too
                continue
            if source.removed or not names <= source.facts or sentence.future != source.future or \
                    len(words[source_index]) > s.restatement_max_source_words:
                continue
            if wish and not source.future and not WISH.search(source.text):
                continue  # "I want to improve my handling of escalated calls, …" plans; it tells no result again
            if exact and not {(n, unit) for n, unit in figures_with_units(sentence.text) if n not in hedged} \
                    <= figures_with_units(source.text):
                continue
            if source_index == index or labelled_otherwise(sentence.text, source.text, run.lists.synonyms) or \
                    figures_reordered(source.text, sentence.text):
                continue  # ("Polycarbonate: 14 new accounts" beside "Polyamide: 14 new accounts": two entries)
            if has_figure(sentence.facts) and kinds[index] == "item" and kinds[source_index] == "text" and \
                    parts[index] != parts[source_index]:
                continue  # a list of results with figures is in its place: an overview telling them does not oust it
            if kinds[index] == "item" and kinds[source_index] == "text" and source_index > index and \
                    (sentence.facts - NUMBER_WORDS or not sentence.facts and parts[index] != parts[source_index]):
                continue  # a highlight with a figure or name is the first telling, in its place: the body after it
                # does not oust it; nor does a section after a plain highlight ("Safety refresher completed")
            if source_index > index and sentence.facts and any(p.match(source.text) for p in run.lists.restating):
                continue  # "As noted earlier, I became X in March; …" points back at this first telling of it
            if source_index > index and hedged and hedged.keys() <= hedged_figures(source.text).keys():
                continue  # a later telling hedging the same figures is no more exact: this first one rounds nothing
            if hedged and blocks[source_index] is not blocks[index] and hedged_figures(source.text) and \
                    not hedged.keys() <= hedged_figures(source.text).keys():
                continue  # "about 190 customers a day" (2022) beside "about 210 customers a day" (2023) in another
                # paragraph: a rough figure there is another count, not the one this rounds ("to about 420 people.
                # The talks reached around 400 villagers." in one paragraph rounds it)
            if amounts or hedged:
                source_amounts = quantities_in(source.text)
                if not rounds(amounts, source_amounts) or \
                        not rounds(list(hedged.values()), source_amounts, HEDGED_FACTOR) or \
                        hedged and not hedges_round(sentence.text, source_amounts):
                    continue
            if counts and not _counts_said(sentence.text, counts, " ".join(WORD.findall(source.text.lower()))):
                continue  # "two new coaches" does not restate "two open days"
            # a telling with figures merges into the first one; a topic sentence has its figures to follow, and so
            # has a plain account before them in its paragraph (no vague word): it leads up to them
            if source_index > index and (exact or id(sentence) in openers or
                                         (blocks[source_index] is blocks[index] or
                                          kinds[index] == kinds[source_index] == "item" and
                                          parts[index] == parts[source_index]) and not vague):
                continue
            if kinds[index] == "item" and kinds[source_index] == "text" and source_index < index and not exact and \
                    not vague:
                continue  # a plain item ("Disputed payments and chargebacks") is its list's entry, in its place, not a
                # retelling of the paragraph before that named it ("… mostly lost cards and disputed payments")
            if none and not (ZERO.search(source.text) or NONE_OF.match(source.text)):
                continue  # "No contract was signed below the approved price" counts: none
            sources.append(source_index)
            share = fsum(weight[w] for w in ws if w in words[source_index] or w in unspecific) / wsum
            if share > best_share:
                best, best_share, shared = source, share, words[source_index]
        bar = s.restatement_figure_containment if exact else s.restatement_containment
        if best_share < bar and not exact:  # a summary of two sentences, under a stricter bar
            for a, b in ((a, b) for a in sources for b in sources if a < b):
                share = fsum(weight[w] for w in ws if w in words[a] or w in words[b] or w in unspecific) / wsum
                if share >= s.restatement_pair_containment:
                    best, best_share, shared = items[a], share, words[a] | words[b]
                    break
        plain = not vague and SINGLED_OUT.search(sentence.text) is None  # tells no amount vaguely, singles out nothing
        if best is not None and best_share >= bar and \
                (not plain or len(ws & shared - unspecific) >= RESTATEMENT_MIN_SHARED):
            sentence.removed = True
            run.repeat(sentence, best, run.edit("restatement", sentence.line, sentence.text, best.line, sentence))



def _idiom_words(run: Run, text: str) -> set[str]:
    """The content words of text's kept doublings ("line by line", "face to face"): they name nothing."""
    return {w for said in run.lists.kept_doublings(text) for w in content_words(said, run.lists.synonyms)}


PER_CENT = re.compile(r"\b(?:percent|per cent|percentage points?)\b", re.I)
RETOLD_MIN = 20  # an amount in words below this ("two more staff") is a count of its own, not a figure re-told


def remove_retellings(run: Run) -> None:
    """Remove a sentence that opens as a retelling ("This remarkable improvement …", the `retelling` list) and
    re-tells a figure in words: right after a sentence that gives a figure (in its block, or the last of the block
    before it under the same heading), one that states no fact but an amount in words from the `ratio` list
    ("fewer than one in ten thousand"); or, anywhere in the same top-level section after the figures it re-tells, one
    whose only facts are number words saying those figures' amounts, none of them a small count ("ninety-four point
    two percent" after 94.2%; hedged, "more than one point four million" after $1.42 million). Without such an
    opening, a sentence that does either right after the figure it re-tells, about the same thing in the same words,
    goes too ("The collection rate was over ninety percent." after "… the collection rate was 94.4%."). So does one
    that opens so and only works out, from the figures of the sentence before, what it tells: their difference, sum
    or change in percent ("This represents a reduction of 44 seconds." after "from 412 to 368 seconds"), or a share of
    one per period ("That works out to roughly 20 visits every week." after 1,026 visits), unless the text gives that
    rate as a figure of its own elsewhere (a user's note: "avg about 165 a day")."""
    previous = None
    said: list[float] = []  # the amounts stated in figures in the current top-level section so far
    written: Counter | None = None  # each figure's count in the text as written, read at the first rate retold
    for block in run.blocks:
        if block.kind in ("heading", "title") or block.heading_like:
            previous = None
        if block.kind == "heading" and len(block.prefix.strip()) <= 2:
            said = []
        if block.removed or block.kind not in ("text", "item") or block.heading_like:
            continue
        for sentence in block.sentences:
            if sentence.removed:
                continue
            opens = any(p.match(sentence.text) for p in run.lists.retelling)
            after_figure = previous is not None and has_figure(previous.facts)
            if not sentence.placeholder and (not has_figure(sentence.facts) and
                    (opens and _retells(run, sentence.text, after_figure, said)
                     or not opens and after_figure and _about_the_same(run, sentence.text, previous.text) and
                     _retells(run, sentence.text, True, quantities_in(previous.text)))
                    or opens and after_figure and works_out(sentence.text, previous.text)
                    and not (rates_said(sentence.text) and
                             any((written := written or _figures_as_written(run))[fact] > 1 for fact in sentence.facts))
                    and not set(RECORD_CLAIM.findall(sentence.text.lower())) - set(previous.text.lower().split())):
                sentence.removed = True
                record = run.edit("restatement", sentence.line, sentence.text, previous.line if previous else None,
                                  sentence)
                if previous is not None:
                    run.repeat(sentence, previous, record)
                continue
            previous = sentence
            if has_figure(sentence.facts):
                said += quantities_in(sentence.text)


def _figures_as_written(run: Run) -> Counter:
    """How many sentences of the text as written, removed ones too, give each figure (a sentence not edited since is
    read through its facts, already known)."""
    counts: Counter = Counter()
    for block in run.blocks:
        if block.kind == "opaque":
            continue
        for sentence in block.sentences:
            counts.update(f for f in run.facts_as_written(sentence) if is_figure(f))
    return counts


def _about_the_same(run: Run, text: str, before: str) -> bool:
    """True when text's content words, amounts in words and vague words aside, lie at least restatement_containment
    inside the sentence before ("The collection rate was over ninety percent" after "… the collection rate was
    94.4%")."""
    unspecific = run.lists.unspecific
    words = [w for w in content_words(text, run.lists.synonyms) if w not in unspecific and not facts_of(w)]
    if not words:
        return False
    earlier = set(content_words(before, run.lists.synonyms))
    return sum(w in earlier for w in words) >= run.settings.restatement_containment * len(words)


def _retells(run: Run, text: str, after_figure: bool, said: list[float]) -> bool:
    """True when text states no fact but a ratio, right after a figure, or no fact but number words whose amounts
    are amounts already said in figures (within HEDGED_FACTOR when it hedges, else exactly)."""
    ratios = run.lists.spans_in(text, "ratio")
    rest = blank_spans(text, ratios) if ratios else text
    facts = facts_of(rest)
    if not facts:
        return bool(ratios) and after_figure
    if not facts <= AMOUNT_WORDS:
        return False
    amounts = quantities_in(rest)
    factor = HEDGED_FACTOR if HEDGED_AMOUNT.search(rest) else 1.0 + 1e-9  # "more than one point four million"
    return bool(amounts) and (all(amount >= RETOLD_MIN or amount % 1 for amount in amounts) or
                              PER_CENT.search(rest) is not None) and rounds(amounts, said, factor)  # "seven
    # percent" is a share, no count of its own


def _adds_a_clause(text: str, told: str) -> bool:
    """True when a restating sentence goes on, after a semicolon or a ", and I/we", to a clause of its own: one that
    dates or counts something and holds ADDED_CLAUSE_WORDS content words or more that the rest of the text never
    uses (a recap's ", and I have improved …" paraphrases and dates nothing)."""
    parts = LATER_CLAUSE.split(text, maxsplit=1)
    if len(parts) < 2:
        return False
    said = set(content_words(told))
    new = len({w for w in content_words(parts[1]) if w not in said})
    if not any(not YEAR.fullmatch(fact) for fact in facts_of(parts[1])):  # ("… and I look forward to adding value in
        # 2025": a year alone dates no new deed); an account of its own without one tells more words than a wish
        words = content_words(parts[1])
        news = new >= ADDED_PLAIN_CLAUSE_WORDS or LATER_CLAUSE.search(text).group(0).startswith(";") and \
            new >= SEMICOLON_CLAUSE_WORDS and \
            new >= NEW_CLAUSE_SHARE * len(words)  # (after ", and I …" a recap's feeling: "… and I am proud of it")
        return news and not FUTURE.search(parts[1]) and not WISH.search(parts[1]) and not LOOK_FORWARD.search(parts[1])
    return new >= ADDED_CLAUSE_WORDS


WISH = re.compile(r"\b(?:want|hope|wish|(?:would|'d|’d) (?:\w+ )?like|intend|expect)s? to\b", re.I)  # a plan in words
# FUTURE does not hold ("I want to keep the score above 4")
# a plan's words: what a plan that only hopes to do this year's figures again (the `plan_again` list) adds to them
PLAN_WORDS = frozenset(content_words("looking ahead forward going next coming new year hope aim want like plan intend "
                                     "expect confident again build keep continue maintain repeat did around about "
                                     "roughly"))
OWN_NEW_WORDS = 1  # content words a plan may hold, plan and vague words aside, that the rest of the text never
# uses, and still only retell this year's figures ("keep serving about 5,900 customers" after "served 5,900")


def _says_more(text: str, told: str, own: frozenset[str]) -> bool:
    """True when text holds more than OWN_NEW_WORDS content words, `own` words aside, that the rest of the text
    never uses: it says something new ("I want to keep the 12 volunteers and start a weekend shift for the café")."""
    said = set(content_words(told))
    return len({w for w in content_words(text) if w not in said and w not in own}) > OWN_NEW_WORDS


def remove_restating(run: Run) -> None:
    """Remove a sentence that says it restates ("In other words, …", "Put simply, …", "As noted above, …", the
    `restating` list) when every figure it holds is stated with the same unit, and every name and date, by a
    sentence outside this kind (a year is a date, with no unit), and it counts nothing in words that is not said
    elsewhere with what it counts, nor anything in words but a `ratio` ("three out of four"); one with a
    fact of its own stays whole. So does a sentence of the closing paragraph (the text's last) that tells past
    figures again: a closing recap of the overview restates by its place (one that wants or hopes to do something
    plans, no recap); and a plan that only hopes to do this year's figures again (the `plan_again` list: "Looking
    ahead, I hope to build on processing about 21,400 transactions"), unless it plans something new besides."""
    prose = [b for b in run.blocks if not b.removed and b.kind in ("text", "item") and not b.heading_like]
    said = [b for b in prose if any(not x.removed for x in b.sentences)]  # a sign-off that went closes nothing
    closing = said[-1] if len(said) > 1 and said[-1].kind == "text" else None
    found, after_figure = [], set()  # after_figure: ids of those that follow a figure in their block
    in_closing: set[int] = set()  # ids of those in the text's closing paragraph that open as a summing-up
    by_shape: set[int] = set()  # ids of those found by their shape, not by what they say they do: a plan to do this
    # year's figures again (`plan_again`)
    before: dict[int, Sentence] = {}  # the sentence just before each found one in its block
    pointed_at = run.pointed_at()
    for block_at, block in enumerate(prose):
        previous = None
        for sentence in block.sentences:
            if sentence.removed:
                continue
            # (a closing paragraph often stands under the plans' heading: its own words say whether it plans)
            head = _without_a_closing_wish(run, sentence.text)  # "…, and I look forward to developing further"
            recap = block is closing and has_figure(f for f in sentence.facts if not YEAR.fullmatch(f)) and \
                not FUTURE.search(head) and not WISH.search(head) and not THANKS.search(head)  # a thank-you is no
            # recap ("I would particularly like to thank the night team on Ward 7, …"); a year alone is the recap's
            # date ("In 2025 I would like to …"); "I want to keep the score above 4" is a target, no recap
            plan = any(p.match(sentence.text) for p in run.lists.plan_again)
            restating = any(p.match(sentence.text) for p in run.lists.restating) or \
                block_at >= len(prose) * LATE_SHARE and any(p.match(sentence.text) for p in run.lists.summing_up)
            says = (recap or restating) and id(sentence) not in pointed_at  # it says it restates (and is no telling
            # the next sentence points back at)
            if not sentence.placeholder and not LEAD_IN.search(sentence.text) and (says or plan):
                found.append(sentence)
                if block is closing and restating:
                    in_closing.add(id(sentence))  # "In a word, this year I …": a recap that says it is one
                if not says:
                    by_shape.add(id(sentence))
                if previous is not None and has_figure(previous.facts):
                    after_figure.add(id(sentence))
                    before[id(sentence)] = previous
                continue
            previous = sentence
    summed_up = closing is not None and closing.sentences and closing.sentences[0].removed and \
        any(p.match(closing.sentences[0].text) for p in run.lists.summing_up)  # its opening went as a stock
    # summing-up ("Overall, 2024 was a busy year of change at Morningside."): the recap it opened may go too
    headed = closing is not None and _under_a_summing_up_heading(run, closing)  # ("## In Summary" over it: each of
    # its sentences is read as the rest of a recap)
    summed_up = summed_up or headed
    if not found and not summed_up:
        return
    excluded = {id(sentence) for sentence in found}
    stated = run.facts_stated_outside(excluded)
    with_units: set[tuple[str, str]] = set()
    around: dict[str, list[int]] = {}  # each figure stated elsewhere -> the paragraphs stating it (their index)
    paragraphs: list[Block] = []
    words_of: dict[int, set[str]] = {}  # a paragraph's stemmed words, read once when first asked
    for block in run.blocks:
        if block.removed:
            continue
        if block.kind == "opaque":
            with_units |= figures_with_nearby_words("\n".join(block.raw))
            continue
        for other in block.sentences:
            if not other.removed and id(other) not in excluded:
                with_units |= figures_with_nearby_words(other.text)
        paragraph = len(paragraphs)  # read only when a closing recap asks (_named_in)
        paragraphs.append(block)
        for other in block.sentences:
            if not other.removed and id(other) not in excluded:
                for figure in (f for f in other.facts if is_figure(f)):
                    around.setdefault(figure, []).append(paragraph)
    told = " ".join(" ".join(WORD.findall(other.text.lower())) for _, other in run.text_sentences()
                    if id(other) not in excluded)
    stated_values = [float(f) for f in stated.facts if FIGURE_VALUE.fullmatch(f)]
    for sentence in found:
        ratios = run.lists.spans_in(sentence.text, "ratio") if id(sentence) in after_figure else []
        spans = sorted(ratios + run.part_pointers(sentence.text))  # "As mentioned in Section 1": no figure
        text = blank_spans(sentence.text, spans) if spans else sentence.text  # a ratio re-tells that figure
        facts = facts_of(text)
        figures = {fact for fact in facts if is_figure(fact)}
        # two or more figures, all of them the sentence before's: that sentence said again ("I approved 198,
        # declined 61 and referred 27." / "In other words, 198 were approved, 61 were declined and 27 went …")
        retold = len(figures) >= 2 and id(sentence) in before and figures <= before[id(sentence)].facts
        # each figure's unit is said with it elsewhere, or, in the closing paragraph's recap, named in the paragraph
        # that states it ("registered 2,300 uses of seals" for "the seals were used 2,300 times"; "71,400
        # registrations" for "… 37,500 registrations. The total for the year was 71,400")
        units_said = all(id(sentence) in in_closing and
                         any(_named_in(unit, _paragraph_words(paragraphs, at, words_of, excluded))
                             for at in around.get(figure, ()))
                         for figure, unit in _with_units(text) - with_units)
        hedged = hedged_figures(text)  # "for more than 2,000 employees" of the 2,350 stated: a rounding, said
        if not _counts_said(text, facts & QUANTITY_WORDS, told) or not (retold or units_said) or \
                not all(fact in stated or fact in hedged for fact in facts) or \
                hedged.keys() - stated.facts and not hedges_round(text, stated_values):
            continue
        if any(" ".join(WORD.findall(m.group(0).lower())) not in told for m in ZERO.finditer(text)):
            continue  # "…, and no needle-stick injury was reported in the whole year": a count of none of its own
        if set(RECORD_CLAIM.findall(text.lower())) - set(told.split()):
            continue  # "… ended the year at 98.4%, the highest the site has recorded": a record said nowhere else
        if _adds_a_clause(text, told):
            continue  # "As noted earlier, I learned X in December; I have since been asked to teach it in January."
        if id(sentence) in by_shape and _says_more(text, told, PLAN_WORDS | run.lists.unspecific):
            continue  # a plan of its own, not this year's figures hoped for again
        sentence.removed = True
        run.edit("restatement", sentence.line, sentence.text, of=sentence)
    if summed_up or closing is not None and closing.sentences and closing.sentences[0].removed and \
            id(closing.sentences[0]) in in_closing:
        _rest_of_the_recap(run, closing, stated, stated_values, told, 0 if headed else 1)


LATE_SHARE = 0.5  # how far down the text's prose a summing-up ("In summary, …") must stand to be read as a recap
# of what came before, wherever its paragraph stands (the overview at the top may open the same way)


JUDGED = re.compile(r"\b(?:because|so that|which meant|most (?:pleased|proud|satisfied|happy)|proudest)\b", re.I)  # a
# cause or a judgement of its own in a closing sentence: no recap
RECAP_SAID_SHARE = 0.6  # of a recap sentence's content words, vague ones aside, the rest of the text must say


def _under_a_summing_up_heading(run: Run, block: Block) -> bool:
    """True when the nearest block above the paragraph still in the text is a summing-up's heading."""
    at = next(i for i, b in enumerate(run.blocks) if b is block)
    above = next((b for b in reversed(run.blocks[:at]) if not b.removed and b.kind != "opaque"), None)
    return above is not None and (above.kind in ("heading", "title") or above.heading_like) and \
        RECAP_HEADING.match(above.content) is not None


def _rest_of_the_recap(run: Run, closing: Block, stated, stated_values: list[float], told: str,
                       first: int = 1) -> None:
    """The closing paragraph opened as a recap ("In conclusion, I have worked as ward clerk for Ward 4 and Ward 5.")
    and that opening went (or, from its `first` sentence, one under a summing-up's heading): each sentence after it that
    tells only what the text says elsewhere (_recaps) goes with it."""
    said = set(content_words(told))
    figures = _told_figures(stated_values, told)
    for sentence in closing.sentences[first:]:
        if not sentence.removed and _recaps(run, sentence, stated, figures, told, said):
            sentence.removed = True
            run.edit("restatement", sentence.line, sentence.text, of=sentence)


def _told_figures(stated_values: list[float], told: str) -> list[float]:
    """The values the rest of the text states: its figures and its counts in words ("two new reps")."""
    return stated_values + [value for word in set(told.split()) & NUMBER_WORDS for value in quantities_in(word)]


def _recaps(run: Run, sentence: Sentence, stated, figures: list[float], told: str, said: set[str]) -> bool:
    """True when a sentence of a recap states no fact the rest of the text does not (`stated`; its amounts in words
    round `figures`), and most of its words the rest says (`said`, from `told`) ("I processed admissions and
    discharges, scanned notes … and wrote a guide for new clerks."); a plan, a thank-you, a count of none or a record
    of its own, or a sentence of its own is no retelling (its own words say whether it plans: a closing paragraph
    often stands under the plans' heading)."""
    if sentence.placeholder or FUTURE.search(sentence.text) or WISH.search(sentence.text) or \
            THANKS.search(sentence.text) or SINGLED_OUT.search(sentence.text) or JUDGED.search(sentence.text) or \
            not all(fact in stated or fact in NUMBER_WORDS for fact in sentence.facts) or \
            not _rounds_a_figure(sentence.text, figures):
        return False  # ("… is the piece of work I am most pleased with": a judgement of its own)
    if any(" ".join(WORD.findall(m.group(0).lower())) not in told for m in ZERO.finditer(sentence.text)) or \
            set(RECORD_CLAIM.findall(sentence.text.lower())) - set(told.split()):
        return False  # "… perfect attendance and no late arrivals across all 231 shifts, the only teller to do so": a
        # count of none, or a record, the text says nowhere else
    words = set(content_words(sentence.text)) - run.lists.unspecific
    return bool(words) and len(words & said) >= RECAP_SAID_SHARE * len(words)


def remove_recap_sections(run: Run) -> None:
    """A section under a recap's label in the later part of the text ("**Key Takeaways:**" over "✅ Error rate down
    to 0.38%", "### In Summary" over a paragraph), after the account it sums up: each of its sentences and items
    that tells only what the rest of the text says (_recaps) goes, if it tells a figure or is a fragment with no end
    mark (a full sentence without a figure there is as often the author's lesson: "Audit scores drop when dusting is
    left to the month's end, so it now has its own weekly slot."); the structure pass takes the label when nothing
    of the section is left. Earlier in the text such a section is the first telling and stays."""
    blocks = [b for b in run.blocks if not b.removed]
    prose = [b for b in blocks if b.kind in ("text", "item") and not b.heading_like]
    place = {id(block): at for at, block in enumerate(blocks)}
    prose_places = [place[id(block)] for block in prose]
    for at, label in enumerate(blocks):
        if not _recap_label(label) or bisect_left(prose_places, at) < LATE_SHARE * len(prose):
            continue  # (the account it sums up must come first)
        section, rows = [], []
        for block in blocks[at + 1:]:
            if block.kind == "opaque" and block.raw and TABLE_ROW.match(block.raw[0]) and not section:
                rows.append(block)  # a recap's table ("| Quotes | 2,340 processed; turnaround 2.5 → 1.2 days |")
                continue
            if block.kind not in ("text", "item") or block.heading_like or _recap_label(block) or rows or \
                    block.kind == "text" and block.content.rstrip(" *_").endswith((":", "：")):
                break
            section.append(block)
        inside = [x for b in section for x in b.sentences if not x.removed]
        if rows:
            _remove_recap_table(run, rows)
        if not inside:
            continue
        excluded = {id(x) for x in inside}
        stated = run.facts_stated_outside(excluded)
        told = " ".join(" ".join(WORD.findall(x.text.lower())) for _, x in run.text_sentences()
                        if id(x) not in excluded)
        figures = _told_figures([float(f) for f in stated.facts if FIGURE_VALUE.fullmatch(f)], told)
        said = set(content_words(told))
        gone = [x for x in inside if (has_figure(f for f in x.facts if not YEAR.fullmatch(f)) or
                                      not END_PUNCT.search(x.text)) and _recaps(run, x, stated, figures, told, said)]
        for sentence in gone:
            sentence.removed = True
            run.edit("restatement", sentence.line, sentence.text, of=sentence)


def _remove_recap_table(run: Run, rows: list[Block]) -> None:
    """A recap's table in the later part of the text ("## Key Achievements at a Glance" over "| Renewals | 371 of 412
    renewed (90%) |"): it goes whole, header and rule too, when every row's facts the rest of the text states and the
    rest says most of each row's words; a row of its own keeps the table (a table is no sentence the guard reads,
    so its facts are checked here)."""
    data = [row for row in rows if not TABLE_RULE.match(row.raw[0])][1:]  # (the first row is the header)
    if not data:
        return
    stated = run.facts_stated_outside(set(), frozenset(id(row) for row in rows))
    said = set(content_words(" ".join(x.text for _, x in run.kept_sentences())))  # (a heading's words too)
    for row in data:
        cells = TABLE_ROW.match(row.raw[0]).group(1).split("|")  # (each cell read alone: its first word opens it)
        words = set(content_words(" ".join(cells))) - run.lists.unspecific
        if not all(fact in stated or fact in NUMBER_WORDS or _said_in_parts(fact, stated) or
                   not is_figure(fact) and set(content_words(fact)) <= said  # (a row's label, "Quotes", is no name)
                   for cell in cells for fact in facts_of(cell)) or \
                not words or len(words & said) < RECAP_SAID_SHARE * len(words):
            return
    for row in rows:
        row.removed = True
        run.edit("restatement", row.line, row.raw[0])


def _recap_label(block: Block) -> bool:
    """True when the block is a recap's label: a heading, or a line that is only a label ("**Key Takeaways:**")."""
    if block.kind in ("heading", "title") or block.heading_like:
        return RECAP_HEADING.match(block.content) is not None
    return block.kind == "text" and len(block.sentences) == 1 and RECAP_HEADING.match(block.content) is not None


FIGURE_VALUE = re.compile(r"\d+(?:\.\d+)?")  # a stated figure as a plain value ("11205", "4.6")


def _rounds_a_figure(text: str, figures: list[float]) -> bool:
    """True when every amount the text tells in words is a rounding of a figure the text states ("more than eleven
    thousand transactions" of 11,205); true when it tells none."""
    amounts = quantities_in(NUMBER.sub(" ", text))
    return all(any(rounds_to(amount, figure) or rounds_to(amount, figure, at_least=True) for figure in figures)
               for amount in amounts)


def _without_a_closing_wish(run: Run, text: str) -> str:
    """The sentence without its last clause when that clause only wishes the author well ("…, and I look forward to
    developing further next year": no fact but a year, and plan and vague words but one); else the whole sentence."""
    parts = LATER_CLAUSE.split(text, maxsplit=1)
    if len(parts) < 2 or any(not YEAR.fullmatch(fact) for fact in facts_of(parts[1])) or \
            _says_more(parts[1], "", PLAN_WORDS | run.lists.unspecific):
        return text
    return parts[0]


UNIT_PREFIX_MIN = 3  # letters a unit and a word of the paragraph must share at their start to name the same thing


def _paragraph_words(paragraphs: list[Block], at: int, words_of: dict[int, set[str]], excluded: set[int]) -> set[str]:
    """The stemmed words of paragraph `at`, and each of their beginnings of UNIT_PREFIX_MIN letters or more, built
    once per paragraph (a unit "uses" is named by "use", "docu" by "documents")."""
    if at not in words_of:
        words = {stem_cached(w.lower()) for other in paragraphs[at].sentences
                 if not other.removed and id(other) not in excluded for w in WORD.findall(other.text)}
        words_of[at] = words | {w[:n] for w in words for n in range(UNIT_PREFIX_MIN, len(w))}
    return words_of[at]


def _named_in(unit: str, words: set[str]) -> bool:
    """True when a figure's unit ("uses", stemmed) is one of the words or their beginnings (_paragraph_words), or
    begins with one of them ("use")."""
    return unit in words or any(unit[:n] in words for n in range(UNIT_PREFIX_MIN, len(unit)))


def _with_units(text: str) -> set[tuple[str, str]]:
    """figures_with_units without the years: a year is a date, and the word after it ("2024 was …") no unit."""
    return {(figure, unit) for figure, unit in figures_with_units(text) if not YEAR.fullmatch(figure)}


COUNT_REACH = 3  # words after a count in words in which the thing it counts is named ("three successful trade shows")


def _counts_said(text: str, counts: set[str], told: str) -> bool:
    """True when each count in words the text holds is said elsewhere, in words or digits, with a word of the
    COUNT_REACH after it ("three successful trade shows" or "four new agents" in a recap, "stands at three trade
    shows" or "appointed 4 new agents" before); a scale after digits ("$3.12 million") is the figure's, no count.
    `told` is the rest of the text, its words lowercased and joined by single spaces."""
    words = [w.lower() for w in WORD.findall(text)]
    after_digits = {m.group(1).lower() for m in SCALE_AFTER_DIGITS.finditer(text)}
    for at, word in enumerate(words):
        if word not in counts or word in after_digits:
            continue
        said = re.escape(word) + (f"|{UNITS[word]}" if word in UNITS else "")
        named = [w for w in words[at + 1:at + 1 + COUNT_REACH] if w not in STOP_WORDS]
        if not any(re.search(rf"\b(?:{said})(?: \S+){{0,{COUNT_REACH - 1}}} {re.escape(w)}\b", told)
                   for w in named):
            return False
    return True


SCALE_AFTER_DIGITS = re.compile(r"\d\s*(" + "|".join(SCALES) + r")\b", re.I)


PARAPHRASE_REACH = 6  # earlier sentences of its paragraph, or items of its list, a telling is compared with by
# meaning: a model says a point again soon after, and a paragraph or list of thousands stays linear
PARAPHRASE_MIN_SHARED = 2  # words, vague ones aside, an item must share with the one before to paraphrase it


def remove_paraphrased_items(run: Run) -> None:
    """Remove a list item that only paraphrases the item just before it in its list: no fact the earlier one lacks,
    and its weighted words, vague ones counted as inside, lie at least paraphrased_item_containment inside it (a
    model's second answer to the same point, lower than two sentences apart need, as the two stand together). So
    does one that says an earlier item of its list, not the one just before, again in other words (_says_again, at
    paraphrased_item_similarity: "Put a supplier label on each of the shelves" two items after "Label every shelf
    by supplier"); the earlier item, in its place, stays."""
    s = run.settings
    pairs = list(run.text_sentences())
    words = [set(content_words(sentence.text, run.lists.synonyms)) for _, sentence in pairs]
    _, weight = document_frequencies(words)
    unspecific = run.lists.unspecific
    previous: tuple[Block, Sentence, set[str]] | None = None
    listed: list[Sentence] = []  # the items of the list so far that stay (the last one is `previous`: two
    # neighbours alike by meaning are often two steps of one task, "sales ledger" then "sales expense ledger")
    ends = {id(block) for block, after in zip(run.blocks, run.blocks[1:]) if not after.removed and
            (after.kind != "item" or after.heading_like)}  # the last item before a heading or paragraph: a list ends
    for (block, sentence), ws in zip(pairs, words):
        if block.kind != "item" or len(block.sentences) != 1:
            previous = None
            listed = []
            continue
        before = previous
        previous = (block, sentence, ws)
        if before is None or before[0].list_key != block.list_key:
            listed = []
        if before is None or before[0].list_key != block.list_key or sentence.placeholder or \
                len(ws) < s.restatement_min_words or not sentence.facts <= before[1].facts or \
                sentence.future != before[1].future:
            told = None
        else:
            wsum = fsum(weight[w] for w in ws)
            share = fsum(weight[w] for w in ws if w in before[2] or w in unspecific) / wsum if wsum else 0.0
            shared = len([w for w in ws & before[2] if w not in unspecific])
            told = before[1] if share >= s.paraphrased_item_containment and shared >= PARAPHRASE_MIN_SHARED and \
                not labelled_otherwise(sentence.text, before[1].text, run.lists.synonyms) else None
        if told is None:
            told = next((x for x in listed[-PARAPHRASE_REACH - 1:-1]
                         if _says_again(run, sentence, x, s.paraphrased_item_similarity)), None)
        if told is None:
            listed.append(sentence)
        else:
            sentence.removed = True
            run.repeat(sentence, told, run.edit("near-duplicate", sentence.line, sentence.text, told.line, sentence))
            previous = before  # the next item is compared with the one kept
        if id(block) in ends:
            previous, listed = None, []


TAIL_NEWS_WORDS = 3  # specific content words the last comma clause of a sentence must hold that an earlier telling
# lacks, and TAIL_NEWS_SHARE of that clause's specific words, for the sentence to say more than that telling
TAIL_NEWS_SHARE = 0.6
COMMA = re.compile(r",\s+")


def _ends_with_news(text: str, told: set[str], unspecific: frozenset[str], synonyms: dict[str, str]) -> bool:
    """True when the last comma clause of text is mostly words the earlier telling (its content words `told`) lacks:
    a second telling that goes on to a detail of its own ("…, each one checked side by side with the supervisor")."""
    clauses = COMMA.split(text)
    if len(clauses) < 2:
        return False
    words = set(content_words(clauses[-1], synonyms)) - unspecific
    new = words - told
    return len(new) >= TAIL_NEWS_WORDS and len(new) >= TAIL_NEWS_SHARE * len(words)


def _says_again(run: Run, sentence: Sentence, earlier: Sentence, similarity: float) -> bool:
    """True when sentence says the earlier one again in other words: no fact the earlier one lacks (each figure
    with the word after it among the earlier one's words after it), no lead-in to a list ("… as follows:"), at least
    PARAPHRASE_MIN_SHARED words in common and at least paraphrase_word_share of its words among the earlier one's,
    vague ones aside both times, and a meaning similarity of at least `similarity` ("Most mornings the old printer
    would jam." after "The old printer jammed most mornings.")."""
    s = run.settings
    if not sentence.facts <= earlier.facts or sentence.placeholder or sentence.future != earlier.future or \
            LEAD_IN.search(sentence.text) or not _with_units(sentence.text) <= figures_with_nearby_words(earlier.text) \
            or labelled_otherwise(sentence.text, earlier.text, run.lists.synonyms):
        return False  # (a figure counts the same thing in both: "2 days" is not the "2 major releases" said before)
    if ZERO.search(sentence.text) and not ZERO.search(earlier.text):
        return False  # a count of none of its own: "The inspection in October found no problem with our files."
    ws = set(content_words(sentence.text, run.lists.synonyms))
    told = set(content_words(earlier.text, run.lists.synonyms))
    unspecific = run.lists.unspecific
    if len(ws) < s.restatement_min_words or len((ws & told) - unspecific) < PARAPHRASE_MIN_SHARED:
        return False
    specific = ws - unspecific
    if _ends_with_news(sentence.text, told, unspecific, run.lists.synonyms):
        return False  # "I paid 26 urgent claims by manual authorisation that day, each one checked side by side with
        # the supervisor." after "… and I paid 26 urgent claims by manual authorisation.": the telling again adds a step
    return len(specific & told) >= s.paraphrase_word_share * len(specific) and \
        meaning_similarity(sentence.text, earlier.text) >= similarity


def remove_paraphrased_sentences(run: Run) -> None:
    """Remove a sentence that says an earlier sentence of its paragraph again in other words, with no fact that one
    lacks (a small model's second go at the same point: "The fridge broke down in the summer. … In the summer months
    the fridge kept breaking down."); the first telling stays in its place (_says_again)."""
    labels = run.labels()
    earlier: list[Sentence] = []  # every sentence kept above, for an "Additionally, …" that says one of them again
    years_above: set[str] = set()  # the years they state
    for block in run.blocks:
        if block.removed or block.kind not in ("text", "item") or block.heading_like:
            continue
        kept: list[Sentence] = []
        for sentence in block.sentences:
            if sentence.removed:
                continue
            told = None if id(sentence) in labels or block.kind == "item" else \
                next((x for x in kept[-PARAPHRASE_REACH:]
                      if _says_again(run, sentence, x, run.settings.paraphrase_similarity)), None)
            if told is None and id(sentence) not in labels:
                told = _adds_nothing(run, sentence, kept[-ADDED_REACH:], years_above) or \
                    _adds_nothing(run, sentence, earlier[-ADDED_REACH:], years_above, whole=True)
            if told is None:
                kept.append(sentence)
                earlier.append(sentence)
                years_above.update(f for f in sentence.facts if YEAR.fullmatch(f))
                continue
            sentence.removed = True
            run.repeat(sentence, told, run.edit("restatement", sentence.line, sentence.text, told.line, sentence))


ADDED_WORDS_INSIDE = 0.7  # share of an "Additionally, …" sentence's words its paragraph before it must hold
ADDED_WORDS_INSIDE_ONE = 0.75  # ... or one sentence anywhere above it
ADDED_REACH = 60  # sentences above an "Additionally, …" it may say again: a bound, so a long text costs linear time


def _adds_nothing(run: Run, sentence: Sentence, before: list[Sentence], years_above: set[str],
                  whole: bool = False) -> Sentence | None:
    """The first of the sentences before it that a sentence opening as if it adds something ("Additionally, …")
    says again: it states no fact they lack, and most of its words, vague ones counted as inside, lie in them (the
    sentences before it in its paragraph) or, `whole`, in one of them (any sentence above); a year it names need only
    be among `years_above`, the years sentences above it state. None when none."""
    if not before or sentence.placeholder or not any(p.match(sentence.text) for p in run.lists.adding):
        return None
    said = StatedFacts({f for x in before for f in x.facts})
    facts = {f for f in sentence.facts if not YEAR.fullmatch(f)}  # the year it names is the text's, said above it
    if any(f not in said for f in facts) or any(f not in years_above for f in sentence.facts - facts):
        return None
    words = content_words(sentence.text, run.lists.synonyms)
    if not words:
        return None
    unspecific = run.lists.unspecific
    groups = [[x] for x in before] if whole else [before]
    for group in groups:
        if whole and any(f not in group[0].facts for f in facts):
            continue
        inside_words = {w for x in group for w in content_words(x.text, run.lists.synonyms)}
        if sum(1 for w in words if w in inside_words or w in unspecific) >= \
                (ADDED_WORDS_INSIDE_ONE if whole else ADDED_WORDS_INSIDE) * len(words):
            return group[0]
    return None


def remove_topics_said_again(run: Run) -> None:
    """Remove a sentence that singles out as a main topic what an earlier one singled out already, with no fact that
    one lacks ("Most of my time went on refunds." after "Refunds were the main part of my job."): the first names
    the topic, the second only says so again (Run.topics_said_again)."""
    again = run.topics_said_again()
    for _, sentence in list(run.text_sentences()):
        told = again.get(id(sentence))
        if told is None or told.removed or sentence.placeholder or not sentence.facts <= told.facts:
            continue
        sentence.removed = True
        run.repeat(sentence, told, run.edit("restatement", sentence.line, sentence.text, told.line, sentence))


RETOLD_LOOKBACK = 4  # kept paragraphs of the same part before a paragraph that it may tell again (a small model's
# loop says one paragraph three or four times over, one after another); a bound, so a long part costs linear time
RETOLD_SHARED_FIGURES = 2  # figures a paragraph must share with the earlier one to be held to the looser containment
RETOLD_SCALE_MAX = 12  # a whole number up to this is a rating, a step or a month's number, shared by chance: no
# evidence of a retelling ("( ) 1 … (•) 3 … ( ) 5" under each goal of a form)


def remove_retold_paragraphs(run: Run) -> None:
    """Remove what is left of a paragraph that tells an earlier paragraph of the same part (one of the last
    RETOLD_LOOKBACK kept under the same heading) again: a model's second answer to the same point ("Two errors reached
    staff this year. In February, 38 staff …" and then "This year there were two errors that affected staff: … Both
    were corrected quickly."), or a small model's loop telling one paragraph over in other words. Every fact it holds
    is the earlier paragraph's, and its weighted words, vague ones counted as inside, lie at least
    retold_paragraph_containment inside that paragraph's; retold_paragraph_figure_containment when it gives two
    figures of that paragraph again (the same figures in other words are a retelling, not a new point)."""
    s = run.settings
    pairs = list(run.text_sentences())
    words = {id(sentence): set(content_words(sentence.text, run.lists.synonyms)) for _, sentence in pairs}
    _, weight = document_frequencies(list(words.values()))
    unspecific = run.lists.unspecific
    recent: list[Block] = []  # the kept paragraphs of this part, latest last
    for block in run.blocks:
        if block.removed:  # a block gone whole (a chat's turn label, a page's line) parts one text from another:
            recent = recent[-1:]  # the user's notes above it from the answer below (its paragraph just before
            continue  # is still compared, as before)
        if block.kind != "text" or block.heading_like:
            recent = []
            continue
        rest = [x for x in block.sentences if not x.removed]
        if not rest or any(x.placeholder for x in rest) or \
                len(set(content_words(" ".join(block.raw)))) < s.retold_paragraph_min_words:  # a paragraph, not a line
            recent = (recent + [block])[-RETOLD_LOOKBACK:]
            continue
        told = next((x for back, earlier in enumerate(reversed(recent))
                     if (x := _retold_from(run, earlier, block, rest, words, weight, unspecific, back == 0))),
                    None)
        if told is None:
            recent = (recent + [block])[-RETOLD_LOOKBACK:]
            continue
        for sentence in rest:  # the paragraph after is compared with the telling kept
            sentence.removed = True
            run.repeat(sentence, told, run.edit("restatement", sentence.line, sentence.text, told.line, sentence))


def _retold_from(run: Run, earlier: Block, later: Block, rest: list[Sentence], words: dict[int, set[str]],
                 weight: dict[str, float], unspecific: frozenset[str], just_before: bool) -> Sentence | None:
    """The first kept sentence of `earlier` when the sentences `rest` left of `later` tell that paragraph again
    (remove_retold_paragraphs), else None. A paragraph further back is told again only with two of its figures,
    small whole numbers aside: a form's answers alike in wording ("Self-rating: (•) 3 – Meets expectations") each
    answer their own goal."""
    s = run.settings
    told = [x for x in earlier.sentences if not x.removed]
    if not told:
        return None
    told_facts = {f for x in told for f in x.facts}
    facts = StatedFacts(told_facts)
    if any(f not in facts for x in rest for f in x.facts):
        return None
    told_text = " ".join(" ".join(WORD.findall(x.text.lower())) for x in told)
    if not all(_counts_said(x.text, x.facts & QUANTITY_WORDS, told_text) for x in rest):
        return None  # "this time it took two days" after "… which took four days" and "the two storms"
    said = set().union(*(words.get(id(x), set()) for x in told))
    retold = [w for x in rest for w in words.get(id(x), ())]
    total = fsum(weight.get(w, 0.0) for w in retold)
    inside = fsum(weight.get(w, 0.0) for w in retold if w in said or w in unspecific)
    written = {f for x in later.sentences for f in run.facts_as_written(x)}  # as written: a
    # sentence of it already gone as a near-duplicate still shows what the paragraph retells
    shared_figures = sum(1 for f in told_facts & written
                         if is_figure(f) and not (f.isdigit() and int(f) <= RETOLD_SCALE_MAX))
    if shared_figures < RETOLD_SHARED_FIGURES and not just_before:
        return None
    needed = s.retold_paragraph_figure_containment if shared_figures >= RETOLD_SHARED_FIGURES \
        else s.retold_paragraph_containment
    return told[0] if total and inside / total >= needed else None


LIST_RETOLD_MIN_FIGURES = 2  # figures a sentence needs to be taken for a telling of the list above it in prose


def remove_list_retellings(run: Run) -> None:
    """Remove a sentence of the paragraph right after a list that tells the list's figures again in prose ("Personal
    lines had a good year, with premium of £5.6m against a plan of £5.5m and retention up to 84.1%." under the items
    "Gross written premium £5.6m (plan £5.5m)" and "Policy retention 84.1%"): two figures or more, every fact of it in
    the list's items, and its content words, vague ones counted as inside, at least restatement_figure_containment
    among the items' words and the heading's above them. The items are the figures' place and stay."""
    heading: set[str] = set()
    items: list[Sentence] = []  # the sentences of the list run just before
    for block in run.blocks:
        if block.removed:
            continue
        if block.kind in ("heading", "title") or block.heading_like:
            heading, items = set(content_words(block.content, run.lists.synonyms)), []
        elif block.kind == "item":
            items += [s for s in block.sentences if not s.removed]
        else:
            if block.kind == "text" and items:
                _retold_list(run, block, items, heading)
            items = []


def _retold_list(run: Run, block: Block, items: list[Sentence], heading: set[str]) -> None:
    """Remove the sentences of this paragraph that tell the items' figures again (remove_list_retellings)."""
    facts = frozenset().union(*(s.facts for s in items))
    words = heading.union(*(content_words(s.text, run.lists.synonyms) for s in items))
    for sentence in block.sentences:
        figures = [f for f in sentence.facts if is_figure(f) and not YEAR.fullmatch(f)]
        if sentence.removed or sentence.placeholder or len(figures) < LIST_RETOLD_MIN_FIGURES or \
                not sentence.facts <= facts:
            continue
        ws = [w for w in set(content_words(sentence.text, run.lists.synonyms)) if not w.isdigit()]
        inside = sum(w in words or w in run.lists.unspecific for w in ws)
        if ws and inside >= run.settings.restatement_figure_containment * len(ws):
            sentence.removed = True
            run.repeat(sentence, items[0], run.edit("restatement", sentence.line, sentence.text, items[0].line,
                                                    sentence))


# the label of a chat model's second, shorter go at the same draft: "**Condensed version (for the intranet):**",
# "Shorter version", "### Manager-ready bullet version", "TL;DR:"
SECOND_VERSION = re.compile(r"^[\W_]*(?:(?:a|the|my|your|and|or) )?(?:condensed|shorter|short|brief|abridged|cut-down|"
                            r"trimmed|one-paragraph|compact|summari[sz]ed|bullet|bulleted|bullet-point|manager-ready|"
                            r"skimmable|quick-read|at-a-glance)(?: [\w-]+)? (?:version|edit|draft|form)\b"
                            r"[^\n:：.!?]{0,60}?(?:[:：][\W_]*|[\W_]*$)|^[\W_]*tl;?\s?dr\b[\W_]*", re.I)


def remove_second_versions(run: Run) -> None:
    """A chat model's second, shorter version of the draft under its label ("**Condensed version:**"), after most of
    the text, says the first again: the label goes as junk, and each sentence after it that states no fact the text
    above the label lacks goes as a restatement; one with a fact of its own stays."""
    said_above = 0  # paragraphs and items above
    prose = sum(1 for b in run.blocks if b.kind in ("text", "item") and not b.removed)
    for at, block in enumerate(run.blocks):
        match = SECOND_VERSION.match(block.content) if block.sentences and not block.removed else None
        if match is None or said_above * 2 < prose:  # most of the text must lie above it: at the top, "**The short
            # version:** …" is the overview the text goes on to tell in full
            said_above += block.kind in ("text", "item") and not block.removed
            continue
        above = run.facts_stated_outside({id(s) for later in run.blocks[at:] for s in later.sentences})
        rest = run.blocks[at:]
        if not block.content[match.end():].strip():
            for sentence in block.sentences:
                sentence.removed = True
            block.removed = True
            run.edit("junk", block.line, "\n".join(block.raw))
            rest = rest[1:]
        for later in rest:
            if later.removed or later.kind not in ("text", "item", "title"):
                continue
            for sentence in later.sentences:
                if not sentence.removed and not sentence.placeholder and all(f in above for f in sentence.facts):
                    sentence.removed = True
                    run.edit("restatement", sentence.line, sentence.text, of=sentence)
        return


REVISED_BELOW = re.compile(r"^[\W_]*(?:\w+ ){0,3}(?:revised|updated|corrected|new|rewritten|final)\b[^\n]{0,40}\b"
                           r"(?:below|underneath)\b[\W_]*$", re.I)  # a line saying the version below replaces the
# one above: ">>> revised section 4 below <<<"
VERSION_OVERLAP = 0.5  # share of the shorter paragraph's content words the other must hold to be a version of it
VERSION_SHARED_FIGURES = 2  # figures both versions of a paragraph state


def remove_earlier_versions(run: Run) -> None:
    """A paragraph pasted twice in two versions, one under the other ("make it shorter", "add more detail"): where the
    later one states every fact of the earlier (or the rest of the text does) and a fact of its own, the earlier goes
    as a restatement. Where neither is fuller, the duplicates pass keeps the first, as everywhere else."""
    stating = Counter(f for block in run.blocks if not block.removed and block.kind != "opaque"
                      for x in block.sentences if not x.removed for f in x.facts)  # sentences stating each fact
    stating.update(f for block in run.blocks if not block.removed and block.kind == "opaque"
                   for f in facts_of("\n".join(block.raw)))
    previous: Block | None = None
    revised = False  # a note between them says the later one is the new version (">>> revised section 4 below <<<")
    heading = ""  # the heading over `previous`: the same heading pasted again over the later version parts nothing
    for block in run.blocks:
        marker = (block.removed or block.kind in ("text", "title")) and REVISED_BELOW.match(block.content) is not None
        if block.removed or marker:
            revised = revised or marker
            continue
        if block.kind != "text" or block.heading_like:
            if block.kind == "heading" and previous is not None and block.content.strip() == heading:
                continue
            previous, revised = None, False
            heading = block.content.strip() if block.kind == "heading" else ""
            continue
        before, previous, marked = previous, block, revised
        revised = False
        if before is None or not _earlier_version(before, block, stating, marked):
            continue
        for sentence in before.sentences:
            if not sentence.removed:
                sentence.removed = True
                stating.subtract(sentence.facts)
                run.edit("restatement", sentence.line, sentence.text, block.line, of=sentence)


def _earlier_version(earlier: Block, later: Block, stating: Counter, revised: bool = False) -> bool:
    """True when `later` says `earlier` again, fuller: most of the shorter one's words, two figures or more of the
    same, every fact of `earlier` (or stated outside it: `stating` counts the sentences that state each fact; a name
    the later one says in full is said) and a fact of its own, not a figure in the place of one of `earlier`'s; when a
    note between them calls the later one the revised version, one that shares a fact (the guard keeps a figure then
    said nowhere else)."""
    told = [x for x in earlier.sentences if not x.removed]
    rest = [x for x in later.sentences if not x.removed]
    if not told or not rest or any(x.placeholder for x in told + rest):
        return False
    old_words = set(content_words(" ".join(x.text for x in told)))
    new_words = set(content_words(" ".join(x.text for x in rest)))
    if not old_words or not new_words or \
            len(old_words & new_words) < VERSION_OVERLAP * min(len(old_words), len(new_words)):
        return False
    old_facts = frozenset().union(*(x.facts for x in told))
    new_facts = frozenset().union(*(x.facts for x in rest))
    if revised:
        return bool(old_facts & new_facts)
    if sum(1 for f in old_facts & new_facts if is_figure(f)) < VERSION_SHARED_FIGURES or not new_facts - old_facts:
        return False
    if any(is_figure(f) for f in old_facts - new_facts) and any(is_figure(f) for f in new_facts - old_facts):
        return False  # a figure changed ("I cleared 9,640 alerts" told again with 9,460): which one is right is the
        # author's to say, so neither goes as the other's version
    amounts = set(quantities_in(" ".join(x.text for x in rest)))
    return all(stating[f] > sum(f in x.facts for x in told) or f in NUMBER_WORDS and set(quantities_in(f)) <= amounts
               or any(name.startswith(f + " ") for name in new_facts) for f in old_facts - new_facts)


# a sentence that introduces the author by their post again: "As a settlement-office clerk at Merrow Savings, I …",
# "As District Insurance Manager for Ostbrook, I, Helena Varga, …" (no article: a job title's word must name the post)
ROLE_OPENER = re.compile(r"^[\W_]*as (?:(?:a|an|the|one of the) )?([^,;:.!?\n]{3,80}?),\s+(?:i|we|my)\b", re.I)
# … or by their name and post: "I am Aoife Mulcahy, the school nurse for the Kilbarra district, and I …"
SELF_INTRODUCTION = re.compile(r"^[\W_]*(?:I am|I'm|I’m|My name is) ((?:[A-Z][\w'’-]+ ){1,2}[A-Z][\w'’-]+),?\s+"
                               r"(?:(?:and )?(?:I am|I'm|I’m|I work as|I work in|I work at|I work on|I have been) )?"
                               r"(?:(?:a|an|the) )?([^,;:.!?\n]{3,120}?)(?=[,;:.!?]|$)")
# ... or, once a sentence has introduced them, by their post alone: "I am a sales support assistant at Kessler Lab …"
POST_INTRODUCTION = re.compile(r"^[\W_]*(?:I am|I'm|I’m|I work as) (?:a|an|the) ([^,;:.!?\n]{3,120}?)(?=[,;:.!?]|$)")
ROLE_NEW_WORDS = 3  # content words, vague ones aside, the rest of it may hold that the text says nowhere else


PERSON_INTRODUCED = re.compile(r"\b(?:I am|I'm|I’m|[Mm]y name is) ((?:[A-Z][\w'’-]+ ){1,2}[A-Z][\w'’-]+)")


def _role_introduction(text: str, introduced: set[str], post_said: bool) -> re.Match | None:
    """The match of a sentence introducing the author by their post ("As a ward clerk, I …"; without an article, a
    title's word must name it, as a title: "As District Manager for Ostbrook, I …", not "As expected, I …" nor the
    topic sentence "As district manager, I made retention our main focus"), or by their name and post once a sentence
    before has introduced them by that name, or by their post alone once one has by post (`post_said`); its last
    group is the post."""
    match = ROLE_OPENER.match(text)
    if match is not None:
        opening = text[:match.start(1)].lower().rstrip()
        if opening.endswith((" a", " an", " the", " one of the")) or \
                match.group(1)[:1].isupper() and names_a_post(WORD.findall(match.group(1))):
            return match
        return None
    match = SELF_INTRODUCTION.match(text)
    if match is not None:
        return match if set(match.group(1).split()) <= introduced else None
    match = POST_INTRODUCTION.match(text)
    return match if match is not None and post_said else None


def remove_role_reintroductions(run: Run) -> None:
    """Remove a sentence that introduces the author by their post again ("As a bank teller at Orrin & Vale Bank, I
    always try to give customers the best possible service."), a model run section by section opening each section so:
    the post was said before (in the title or any sentence), every fact it holds is stated elsewhere, and the rest of
    it says at most ROLE_NEW_WORDS words the text has not said before it, or is what the stock model takes for fluff. The
    first such introduction stays, and one that adds a fact (a start date, a team size) stays too."""
    first_said: dict[str, int] = {}  # each content word of the text -> the index of the sentence that first says it
    introduced: set[str] = set()  # the words of the author's name, once a sentence has introduced them by it
    post_said = False  # a sentence has introduced the author by their post
    candidates = []
    at = 0
    for block in run.blocks:
        for sentence in block.sentences:
            if sentence.removed:
                continue
            at += 1
            match = _role_introduction(sentence.text, introduced, post_said) if not sentence.placeholder and \
                not block.heading_like and block.kind in ("text", "item") and not LEAD_IN.search(sentence.text) \
                else None  # ("As the group leader, I now report the work as follows.": a lead-in to the report)
            if match is not None:
                post = set(content_words(match.group(match.lastindex))) - run.lists.unspecific
                if post and all(w in first_said for w in post):
                    candidates.append((sentence, match, at))
                if block.kind == "text":
                    introduced.update(match.group(1).split() if match.re is SELF_INTRODUCTION else ())
                    post_said = True
            elif block.kind == "text":
                introduced.update(w for name in PERSON_INTRODUCED.findall(sentence.text) for w in name.split())
                post_said = post_said or POST_INTRODUCTION.match(sentence.text) is not None or \
                    ROLE_OPENER.match(sentence.text) is not None
            for word in content_words(sentence.text):
                first_said.setdefault(word, at)
    if not candidates:
        return
    excluded = {id(sentence) for sentence, _, _ in candidates}
    stated = run.facts_stated_outside(excluded)
    own = run.lists.unspecific | PLAN_WORDS
    stock = run.settings.stock_model or load_stock_model()
    for sentence, match, at in candidates:
        rest = sentence.text[match.end():]
        # (a word of the rest alone, "ve" of "I've" cut after "I", is said first here too)
        new = {w for w in content_words(rest) if first_said.get(w, at) >= at and w not in own}  # said first here: a
        # topic sentence opens what the sentences after it tell ("As a ward clerk, I also manage the clinic templates. In
        # June the templates …"), a re-introduction says again what came before
        generic = len(new) <= ROLE_NEW_WORDS or stock is not None and \
            stock.score(rest) >= run.settings.stock_threshold  # "I always try to give customers the best service"
        if generic and all(fact in stated or _said_in_parts(fact, stated) for fact in sentence.facts):
            sentence.removed = True
            run.edit("restatement", sentence.line, sentence.text, of=sentence)


def _said_in_parts(fact: str, stated: StatedFacts) -> bool:
    """True when a name's words are each a word of a name stated elsewhere: "district insurance manager for
    ostbrook" in a re-introduction, where the text names the "District Insurance Manager" of "Ostbrook". A figure
    must be stated as it is."""
    if is_figure(fact):
        return False
    return all(w in stated or w in STOP_WORDS for w in fact.split())  # a name's words are each stated by it


# the words by which a sentence announces what follows it, not what it is about
ANNOUNCING_WORDS = frozenset(content_words("follows following below listed list set out outlined described explained "
                                           "main key areas points things highlight identified would say these those "
                                           "three two four five"))


def remove_question_echoes(run: Run) -> None:
    """Remove the opening of an answer that only says its question again before the list or account that answers
    it ("**1. What were your most important accomplishments this year?**" / "My most important accomplishments this
    year were as follows."): the first sentence under a question (a heading or line that asks), announcing what
    follows (a lead-in), whose words, announcing and vague ones aside, all lie in the question. A count it holds ("two main
    areas") is checked by the guard like any fact."""
    heading_words: set[str] | None = None  # the words of the heading or question just above, until a sentence
    questions = run.form_questions()
    for block in run.blocks:
        if block.removed or block.kind == "opaque":
            continue
        if block.kind in ("heading", "title") or block.heading_like or \
                block.sentences and id(block.sentences[-1]) in questions:
            asks = block.content.rstrip(" *_").endswith("?")  # a question, not a heading that names a part ("The
            # work of this year is summarized as follows." under the title is the summary's own lead)
            heading_words = set(content_words(block.content, run.lists.synonyms)) if asks else None
            continue
        if heading_words is None or block.kind != "text":
            heading_words = None
            continue
        sentence = next((s for s in block.sentences if not s.removed), None)
        if sentence is not None and not sentence.placeholder and LEAD_IN.search(sentence.text):
            words = set(content_words(sentence.text, run.lists.synonyms)) - run.lists.unspecific - ANNOUNCING_WORDS
            if all(any(w == h or w[:4] == h[:4] for h in heading_words) for w in words):
                sentence.removed = True
                run.edit("restatement", sentence.line, sentence.text, of=sentence)
        heading_words = None


# the words by which a sentence tells a table row's change, not what the row is about
CHANGE_WORDS = frozenset(content_words("as the table shows shown above rose fell went up down increased decreased dropped "
                                       "improved reduced grew came climbed declined slightly compared with from to "
                                       "share also year last this previous against ahead below beat beating exceeded "
                                       "missed short better worse than finished ended reached stood target plan "
                                       "budget limit"))
TABLE_PROSE_BLOCKS = 2  # paragraphs right under a table read as its retelling
# a label over the prose that tells the table above in words ("**Narrative**", "### What drove the numbers"), not a
# section of its own ("## Revenue")
TABLE_PROSE_LABEL = re.compile(r"^[\W_]*(?:narrative|commentary|discussion|analysis|explanation|notes?|in words|"
                               r"what (?:drove|explains|is behind|lies behind) (?:the|these) (?:numbers|figures|results)|"
                               r"what (?:the|these) (?:numbers|figures|results) (?:show|mean|tell us))[\W_]*$", re.I)
TABLE_NEW_WORDS = 1  # words, beyond the row's and the change's, a retelling of a row may hold


def remove_table_retellings(run: Run) -> None:
    """Remove a sentence right under a table (in the TABLE_PROSE_BLOCKS paragraphs after it, no heading between) that
    tells one of its rows again in prose ("As the table shows, picking
    accuracy rose from 98.1% to 99.4%." under a row "| Picking accuracy | 98.1% | 99.4% |"; a label such as
    "**Narrative**" may stand between, TABLE_PROSE_LABEL): every figure it holds but a year lies in that one row, and its words, the
    change's, the header row's and vague ones aside, are at most one beyond the row's. One that adds a cause or a month of its own says more and stays (the guard checks its facts)."""
    rows: list[tuple[set[str], set[str]]] = []  # the rows of the table just above: (each one's figures, its words)
    rows_with: dict[str, list[int]] = {}  # each figure of that table -> the rows holding it
    after = 0  # blocks read since that table
    in_table = False  # the block before was part of a table
    header: set[str] = set()  # the words of the table's header row ("KPI | Target | Actual"), said of every row
    for block in run.blocks:
        if block.removed:
            continue
        labels_it = rows and not after and (block.kind in ("heading", "title") or block.heading_like) and \
            TABLE_PROSE_LABEL.match(block.content) is not None
        in_table = in_table and block.kind == "opaque"
        if labels_it:
            continue  # a label right under the table over the prose that tells it ("**Narrative**")
        if block.kind in ("heading", "title") or block.heading_like or after >= TABLE_PROSE_BLOCKS:
            rows, rows_with, after = [], {}, 0  # the prose that tells the table again stands right under it
        if block.kind == "opaque":
            if after or not in_table:
                rows, rows_with, header = [], {}, set()  # a new table (the lines of one may be blocks of their own)
            after, in_table = 0, True
            for line in block.raw:
                match = TABLE_ROW.match(line)
                if match and TABLE_RULE.match(line) and len(rows) == 1:
                    header = rows[0][1]
                if match and not TABLE_RULE.match(line):
                    row_facts = facts_of(match.group(1).replace("|", " ; "))
                    numbers = {f for f in row_facts if is_figure(f)}
                    for number in numbers:
                        rows_with.setdefault(number, []).append(len(rows))
                    rows.append((numbers, set(content_words(match.group(1)))))
            continue
        if not rows or block.kind not in ("text", "item") or block.heading_like:
            continue
        after += 1
        for sentence in block.sentences:
            figures = {f for f in sentence.facts if is_figure(f) and not YEAR.fullmatch(f)}
            if sentence.removed or sentence.placeholder or not figures:
                continue
            fewest = min((rows_with.get(f, []) for f in figures), key=len)  # only the rows holding its rarest figure
            row = next((rows[at][1] for at in fewest if figures <= rows[at][0]), None)
            if row is None:
                continue
            new = set(content_words(sentence.text)) - row - header - CHANGE_WORDS - run.lists.unspecific
            if len({w for w in new if not w[0].isdigit()}) <= TABLE_NEW_WORDS:
                sentence.removed = True
                run.edit("restatement", sentence.line, sentence.text, of=sentence)


# the prompt a small model echoed before its answer: its fact list's label ("Facts:", "Notes:"), the prompt's own
# label, and the label of the answer that follows ("Answer:", "Output:", "Response:")
ECHOED_FACTS = re.compile(r"^[\W_]*(?:prompt\s*:[^\n]*\n[\W_]*)?(?:facts|notes|bullet points|key facts|input|details)"
                          r"\s*[:：]", re.I)
ANSWER_LABEL = re.compile(r"^[\W_]*(?:answer|output|response|completion)\s*[:：]", re.I)


def remove_echoed_prompt(run: Run) -> None:
    """A small model run without a chat template echoes the prompt's facts ("Facts:\n- processed 1,240 claims …")
    and then answers under "Answer:": the echoed list is the prompt's, not the author's text, and the answer that
    tells the same facts in sentences is the summary. The list under its label goes as a restatement before the
    repeat passes run (so they keep the answer's sentences); the guard puts back any item whose fact the answer
    does not state."""
    blocks = [b for b in run.blocks if b.kind != "opaque"]  # the answer's label may have gone as junk already
    answer_at = next((at for at, b in enumerate(blocks) if ANSWER_LABEL.match(b.content)), None)
    if answer_at is None:
        return
    for at, block in enumerate(blocks[:answer_at]):
        if block.removed or not ECHOED_FACTS.match("\n".join(block.raw)):
            continue
        for echoed in blocks[at:answer_at]:
            if echoed.kind not in ("text", "item", "title"):
                break
            for sentence in echoed.sentences:
                if not sentence.removed:
                    sentence.removed = True
                    run.edit("restatement", sentence.line, sentence.text, of=sentence)
        return



PRAISE_NEW_WORDS = 3  # words, vague ones aside, that praise may add to the sentence it praises ("places me well
# above my peers"); more, and it tells something ("All 27 were corrected and the customers received a written apology")
RETOLD_REACH = 3  # sentences before it, in its paragraph or the one before, where a figure praised again was told


def remove_praised_figures(run: Run) -> None:
    """Remove a sentence that only praises a figure told just before it ("An impressive 94% score places me well
    above my peers." after "My mystery-shopper score was 94%."): every figure it holds but a year lies in one of the
    RETOLD_REACH sentences before it, it adds at most PRAISE_NEW_WORDS words to that one, vague ones aside, and what
    is left of it with its figures taken out is what the stock model takes for fluff. A fact of its own (a name, a
    month) keeps it."""
    model = run.settings.stock_model or load_stock_model()
    if model is None or run.settings.stock_threshold >= 1.0:
        return
    recent: list[Sentence] = []
    for block in run.blocks:
        if block.removed or block.kind == "opaque":
            continue
        if block.kind in ("heading", "title") or block.heading_like:
            recent = []
            continue
        for sentence in block.sentences:
            if sentence.removed or chosen_rating(sentence.text):
                continue
            figures = {f for f in sentence.facts if is_figure(f) and not YEAR.fullmatch(f)}
            source = next((x for x in reversed(recent[-RETOLD_REACH:]) if figures and figures <= x.facts), None)
            if source is not None and not sentence.placeholder and sentence.facts - figures <= source.facts and \
                    len(set(content_words(sentence.text, run.lists.synonyms)) - set(content_words(source.text,
                        run.lists.synonyms)) - run.lists.unspecific - run.lists.vague) <= PRAISE_NEW_WORDS and \
                    model.score(NUMBER.sub(" ", sentence.text)) >= run.settings.stock_threshold:
                sentence.removed = True
                run.repeat(sentence, source, run.edit("restatement", sentence.line, sentence.text, source.line,
                                                      sentence))
                continue
            recent.append(sentence)
