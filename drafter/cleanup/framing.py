"""The framing pass: what a chat model says about the summary it hands back, before the summary starts and after it
ends ("Thank you for providing the figures. I have incorporated them into the summary below.", "**What changed:**"
over its edits, "Should you wish, I can also prepare a one-page version."). It names no one shape: a sentence there
goes when it talks about the text as a piece of writing (a version, the draft, its wording, the figures the user
gave) and to the user or about the model's own edits, or offers the user more. The guard keeps any figure or name
of it the text states nowhere else."""

from __future__ import annotations

import re
from itertools import accumulate

from drafter.cleanup.document import Block, Sentence
from drafter.cleanup.facts import YEAR, StatedFacts, facts_of, is_name
from drafter.cleanup.junk import ANSWER_OPENER, FULL_VERSION_SHARE, OPENER_SENTENCES, chat_turns
from drafter.cleanup.run import Run
from drafter.text.numbers import ORDINAL_WORDS, UNIT_WORDS

# the text as a piece of writing: what the model worked on
WRITING = re.compile(
    r"\b(?:versions?|drafts?|revision|revised|rewrite|rewritten|original|wording|phrasing|tone|register|word count|"
    r"template|formatting|bullet points|decimal places?|contractions|alterations|amendments|edits|tweaks|"
    r"further (?:changes|reductions?|cuts)|the (?:summary|text|figures|numbers) (?:below|above)|(?:these|the|all) "
    r"(?:\w+ )?parts (?:work|fit|go|read)|one document|"
    r"your (?:[\w-]+ )?(?:summary|draft|text|original|self-review|self-assessment|self-evaluation|write-up|appraisal|"
    r"figures|numbers|facts|bullets|points)|"
    r"(?:from|on|in|with) your (?:notes|figures|numbers|facts|bullets|points)|"
    r"(?:figures|numbers|facts|details|totals) (?:you|as) (?:gave|give|supplied|provided|shared|sent|pasted|filled in)|"
    r"in a (?:more )?(?:formal|professional|casual|friendly|concise|plain) (?:style|tone|register))\b",
    re.I)
# ... spoken of to the user, or of what the model did to it
TO_THE_READER = re.compile(r"(?<!thank )(?<!thanks to )\byou(?:r|rs)?\b|\b(?:kindly|please)\b|\?[\W_]*$|\b(?:below|here(?:'s|’s| is| you go))\b",
                           re.I)
OWN_EDIT = re.compile(
    r"\bI(?:'ve|’ve| have)?\s+(?:also\s+)?(?:put|rounded|incorporated|trimmed|cut|removed|merged|retained|kept|"
    r"calculated|assumed|used|added|adjusted|prepared|rendered|rewrote|reworded|shortened|condensed|reorgani[sz]ed|"
    r"moved|changed|left|dropped|included|endeavou?red|tried|turned|combined|replaced|converted|organi[sz]ed|"
    r"tightened)\b|\b(?:has|have) been (?:removed|retained|altered|replaced|combined|merged|shortened|condensed|"
    r"organi[sz]ed|rounded|added|kept|trimmed|cut|reduced|moved|preserved)\b", re.I)
# a part of the text, as the model names what it edited ("I trimmed it …, merging the two staffing paragraphs")
PART = re.compile(r"\b(?:sections?|paragraphs?|intro(?:duction)?|headings?|list|bullets?|sentences?)\b", re.I)
# an edit told in the passive after the label of the model's account ("… as follows: the section on X was removed")
DONE = re.compile(r"\b(?:was|were) (?:removed|combined|merged|reduced|shortened|cut|trimmed|replaced|added|moved|"
                  r"dropped|condensed|reorgani[sz]ed)\b", re.I)
# what the model says it left out of the summary: "One thing I left out: you mentioned …", "I didn't include …"
LEFT_OUT = re.compile(r"\b(?:I(?:'ve|’ve| have)? (?:left out|dropped|omitted|didn't include|did not include|"
                      r"couldn't place|could not place|wasn't sure where)|(?:what|one thing|things) I (?:left out|"
                      r"dropped|omitted))\b", re.I)
# the model's sums for the user to check: "Please note that I have calculated the 13% increase on the 2023 figure"
CALCULATED = re.compile(r"\bI(?:'ve|’ve| have)? (?:calculated|worked out|computed|derived|assumed|estimated)\b", re.I)
# an offer of more, or a question back to the user, whatever it is about
OFFER = re.compile(r"^[\W_]*(?:want (?:me|it|this)|would you (?:like|prefer)|shall i|should i|do you (?:want|need|prefer)|"
                   r"need (?:me|it|a))\b[^\n]*\?|\bI (?:can|could) (?:also )?(?:make|prepare|write|draft|do|create|produce|"
                   r"turn|add|shorten|expand|tailor|adapt|cut|trim)\b|\bI would be (?:pleased|happy|glad) to\b|"
                   r"^[\W_]*(?:quick )?question\s*:|^[\W_]*(?:should|if) (?:you|a further|any further|further)\b|"
                   r"\bI would (?:recommend|suggest)\b", re.I)
# the model's label over a list of what more it can do: "**Next steps:** I can also:", "I could also help with:"
OFFER_LABEL = re.compile(r"\bI (?:can|could)(?: also)?(?: help(?: you)?(?: with)?)?\s*[:：][\W_]*$", re.I)
# the model's label over its account of the edits or its notes: "Changes:", "**What changed:**", "**A couple of
# notes:**", "The principal reductions were as follows:"
EDITS_LABEL = re.compile(r"^[\W_]*(?:[\w’'-]+ ){0,4}(?:changes|edits|amendments|reductions|revisions|notes|assumptions|"
                         r"what changed)\b[^\n:：]{0,40}(?:[:：]|\bas follows\b)[\W_]*", re.I)


# the model's note on how it wrote the text, anywhere in it: "In this section, I'll highlight the big numbers …",
# "I've used plain British English and grouped it under Achievements, Challenges and Goals.", "The STAR method
# (Situation, Task, Action, Result) has been used below to structure each of my key accomplishments."
WRITING_NOTE = re.compile(
    r"^[\W_]*(?:in this (?:section|part|paragraph|summary|review|report)\b[^.!?\n]{0,12}\bI(?:'ll|’ll| will| have| would "
    r"like to)\b|I(?:'ve|’ve| have) (?:used|kept|organi[sz]ed|structured|written|framed|grouped|laid out|set out|"
    r"arranged|formatted)\b[^.!?\n]{0,60}\b(?:method|language|tone|headings|spelling|english|(?:writing|formal|plain) "
    r"style|first person|third person|bullet points|star)\b|the star (?:method|format)\b[^.!?\n]{0,60}"
    r"\bhas been (?:used|applied|followed)\b)", re.I)


def remove_framing(run: Run) -> None:
    """Remove the model's framing at the two ends of the text: the paragraphs before the summary's first heading or
    title that talk about the writing (a version, the draft, the figures given) to the user; and, from the end back,
    each paragraph or labelled list that does so, offers more, or accounts for the edits, up to the first that is the
    author's. Its notes on how it wrote the text (WRITING_NOTE) go wherever they stand."""
    _request_over_the_opener(run)
    blocks = [b for b in run.blocks if not b.gone and b.kind != "opaque"]
    start = next((at for at, b in enumerate(blocks) if b.kind in ("heading", "title") or b.heading_like), None)
    if start is not None:
        for block in blocks[:start]:
            if block.kind == "text" and any(_frames(s) for s in _kept(block)):
                _remove(run, [block])
    for block in blocks:
        for sentence in _kept(block):
            if WRITING_NOTE.search(sentence.text) and not sentence.placeholder:
                sentence.removed = True
                run.edit("framing", sentence.line, sentence.text, of=sentence)
    position = {id(b): at for at, b in enumerate(run.blocks)}
    end = len(blocks)
    while end > 0:
        first, head = _last_group(run, blocks[:end], position)
        said = list(head.sentences) if head.gone else _kept(head)  # a label that went already is read as written
        # (a copy: the head's own list stays its own, or its block would render the list's items)
        said += [s for b in blocks[first:end] if b is not head for s in _kept(b)]  # and the list's items
        if not any(_frames(s) for s in said) or start is not None and first < start or \
                any(b.kind == "heading" or b.kind == "title" and b is not head for b in blocks[first:end]):
            break
        _remove(run, blocks[first:end])
        end = first
    if end < len(blocks):  # a rule the model drew between the summary and its notes goes with them
        rule = position[id(blocks[end])] - 1
        while rule >= 0 and run.blocks[rule].removed:
            rule -= 1
        if rule >= 0 and run.blocks[rule].kind == "opaque" and RULE.match("\n".join(run.blocks[rule].raw)):
            run.blocks[rule].removed = True
            run.edit("framing", run.blocks[rule].line, "\n".join(run.blocks[rule].raw))


# a word of asking, in the English of a request written in a hurry or between two languages ("abeg help me", "pls
# write short yearly summary", "boss want year end summary", "necesito year summary"): the text's own title or
# letterhead over the opener says none of them
ASKING = re.compile(r"\b(?:help|need|needs|want|wants|pls|plz|please|write|make|can you|could you|give me|"
                    r"summari[sz]e|thx|thanks)\b", re.I)


def _request_over_the_opener(run: Run) -> None:
    """The user's words opening the text, right over the model's opener that went already ("Sure! Here is a polished
    year-end work summary based on the details you shared."): that one paragraph, asking for something (ASKING), is
    the user's turn, in whatever language or English they wrote it ("hello bhai, … boss want year end summary
    (bochhorer shesh report) in english …"), and goes as chat. The guard keeps a figure or name of it the answer
    leaves out."""
    blocks = [b for b in run.blocks if b.kind != "opaque"]
    first = next((at for at, b in enumerate(blocks) if not b.gone), None)
    if first is None or first + 1 >= len(blocks):
        return
    block, opener = blocks[first], blocks[first + 1]
    if block.kind != "text" or block.heading_like or any(s.placeholder for s in block.sentences) or \
            not ASKING.search(block.content) or \
            not opener.sentences or not opener.gone or \
            not any(ANSWER_OPENER.match(s.text) for s in opener.sentences[:OPENER_SENTENCES]):
        return
    for sentence in _kept(block):
        sentence.removed = True
        run.edit("chat", sentence.line, sentence.text, of=sentence)


def _frames(sentence: Sentence) -> bool:
    """True when the sentence talks about the text as writing, to the user or of the model's edits, or heads its
    account of them, or praises the user for the year."""
    text = sentence.text
    edit = OWN_EDIT.search(text)
    return WRITING.search(text) is not None and (TO_THE_READER.search(text) is not None or edit is not None) or \
        edit is not None and edit.start() <= OPENING_REACH and PART.search(text) is not None or \
        EDITS_LABEL.match(text) is not None and (text.rstrip(" *_").endswith((":", "：")) or DONE.search(text)) or \
        OFFER_LABEL.search(text) is not None or \
        OFFER.search(text) is not None and (TO_THE_READER.search(text) or PART.search(text) or WRITING.search(text)) \
        is not None or (CALCULATED.search(text) or LEFT_OUT.search(text) or PRAISE.search(text)) is not None and \
        (TO_THE_READER.search(text) or PRAISE.search(text) and VOCATIVE.search(text)) is not None


# the model praising the user for the year before it hands the summary over ("Congratulations on wrapping up such a
# busy 2024, Daniel!", "What a year, Lerato — … is no small thing!", "You had a big year on 5B — congratulations!")
PRAISE = re.compile(r"\b(?:congratulations|congrats|well done|what an? (?:[\w-]+ )?year|(?:big|great|strong|busy|"
                    r"fantastic|impressive|productive|remarkable) year\b[^.!?\n]{0,40}!|no small (?:thing|feat))\b",
                    re.I)
VOCATIVE = re.compile(r",\s+[A-Z][\w'’-]+\s*(?:[—–!?]|\s-\s|$)")  # the user named as spoken to: "…, Daniel!"


OPENING_REACH = 4  # characters before "I trimmed …" that still open the sentence with it (an emoji, a quote mark)


RULE = re.compile(r"^\s*(?:-{3,}|\*{3,}|_{3,})\s*$")  # a horizontal rule: "---"
LABELS = ("text", "title")  # the kinds of block a label over a list may be ("Changes:", "**What changed:**")


def _last_group(run: Run, blocks: list[Block], position: dict[int, int]) -> tuple[int, Block]:
    """Where the last paragraph, or the last list with the label line just above it ("Changes:" over its items),
    starts among the blocks, and the block that says what it is: the paragraph, or the list's label, even one that
    went already ("**What changed:**" as chat)."""
    at = len(blocks) - 1
    while at > 0 and blocks[at].kind == "item" and blocks[at - 1].kind == "item":
        at -= 1
    if blocks[at].kind != "item":
        return at, blocks[at]
    if at > 0 and blocks[at - 1].kind in LABELS and blocks[at - 1].content.rstrip(" *_").endswith((":", "：")):
        return at - 1, blocks[at - 1]
    above = position[id(blocks[at])] - 1
    if above >= 0 and run.blocks[above].gone and run.blocks[above].kind in LABELS:
        return at, run.blocks[above]
    return at, blocks[at]


def _kept(block: Block) -> list[Sentence]:
    """The block's sentences still in the text."""
    return [s for s in block.sentences if not s.removed]


def _remove(run: Run, blocks: list[Block]) -> None:
    """Remove every sentence of these blocks as the model's framing (the guard keeps a figure or name said nowhere
    else; its counts in words are the writing's: "cut by roughly a third", "to one decimal place")."""
    for block in blocks:
        for sentence in _kept(block):
            if sentence.placeholder:
                continue  # a blank is the user's to fill ("- Add the 20** target." under "If you want, I can also:")
            sentence.removed = True
            run.edit("framing", sentence.line, sentence.text, of=sentence)


NOTES_TOLD_SHARE = 0.6  # share of the facts above the chosen answer it must tell again ...
NOTES_FACTS_MIN = 5  # ... of at least this many facts
NOTES_ANSWERS_TRIED = 3  # full answers tried, from the last: each is read against all the text above it, so a chat
# of thousands of turns would cost their square
NOTE_KINDS = ("text", "item", "title")
SMALL_NUMBER_WORDS = {value: word for word, value in (*UNIT_WORDS.items(), *ORDINAL_WORDS.items())
                      if word != "first"}  # "2 yrs" in a note, "my second year" in the answer ("first" is no count)


def remove_users_notes(run: Run) -> None:
    """In a chat copied whole (drafter.cleanup.junk.chat_turns), the user's notes and the model's earlier drafts above
    its last full answer, when that answer tells them again ("- 41,250 orders processed FY24, avg about 165 a day"
    over "Processed 41,250 orders in FY24. That works out at about 165 orders a day."): the answer is the summary,
    and what came before is what it was written from. The answer taken is the last one of FULL_VERSION_SHARE the
    length of any answer before it, and of the text above the chat's first turn found, or more (a shorter one is a
    recap or a short version) that tells NOTES_TOLD_SHARE of the facts above it again or more.
    Each sentence of it an earlier pass took as a repeat of a sentence above comes back, and each sentence above whose
    facts the answer all tells goes instead, if one is a figure, a date or a count; one with a fact the answer leaves
    out stays, and so does one that names only people or places ("The auditor also told Ruud our folder was the
    best she had seen": the answer names Ruud, not the praise)."""
    blocks = run.blocks
    turns = chat_turns(run)
    answers = [(at, end) for kind, at, end in turns if kind == "answer"]
    if not answers:
        return
    length = [sum(len(line.split()) for b in blocks[at:end] if b.kind in NOTE_KINDS for line in b.raw)
              for at, end in [(0, turns[0][1]), *answers]]  # as written, whatever went since; first the text above
    # the first turn found (an answer may stand there whose user's turn was not told apart: "pls make my appraisal")
    longest_before = list(accumulate(length, max))  # the longest of the text above the first turn and each answer
    full = [turn for turn in range(len(answers)) if length[turn + 1] and
            length[turn + 1] >= FULL_VERSION_SHARE * longest_before[turn]]
    for turn in reversed(full[-NOTES_ANSWERS_TRIED:]):
        at, end = answers[turn]
        notes = [(b, s) for b in blocks[:at] if not b.removed and b.kind in NOTE_KINDS for s in _kept(b)]
        above = [s for _, s in notes]
        ids = {id(s) for s in above}
        above_facts = {f for s in above for f in s.facts}
        copies = [(b, s) for b in blocks[at:end] for s in b.sentences if s.removed and _repeat_of(run, s) in ids]
        answer = StatedFacts(set())
        for block in blocks[at:end]:
            if block.kind == "opaque":
                answer.add(facts_of("\n".join(block.raw)) if not block.removed else ())
            elif not block.removed:
                answer.add(f for s in _kept(block) for f in s.facts)
        answer.add(f for _, s in copies for f in s.facts)
        answer.add(f for b in blocks[at:end] for s in b.sentences if s.removed and _restates(run, s, above_facts)
                   for f in s.facts)  # (the guard puts such a sentence back before the notes, which it reads last)
        facts = [f for s in above for f in s.facts if not YEAR.fullmatch(f)]
        if len(facts) < NOTES_FACTS_MIN or sum(_told(f, answer) for f in facts) < NOTES_TOLD_SHARE * len(facts):
            continue
        for block, sentence in copies:
            block.removed = sentence.removed = False
            for record in run.edits_of.pop(id(sentence), []):
                run.unedit(record)
            run.repeats.pop(id(sentence), None)
        for block, sentence in notes:  # (one naming only people or places may say more of them than the answer does)
            if not sentence.placeholder and all(_told(f, answer) for f in sentence.facts) and \
                    any(not is_name(f) and not YEAR.fullmatch(f) for f in sentence.facts):
                sentence.removed = True
                run.edit("restatement", sentence.line, sentence.text, of=sentence)
                run.users_words.add(id(block))  # the guard reads it after the answer's sentences
        return


def _restates(run: Run, sentence: Sentence, facts: set[str]) -> bool:
    """True when the sentence went only as restating facts said elsewhere, with no one sentence it repeats (the
    restating pass: "We ran inductions in March and September, 18 hours each." after the notes' item), and the
    sentences above the answer say every fact of it."""
    edits = run.edits_of.get(id(sentence), [])
    return bool(edits) and id(sentence) not in run.repeats and all(e.kind == "restatement" for e in edits) and \
        bool(sentence.facts) and all(f in facts for f in sentence.facts)


def _repeat_of(run: Run, sentence: Sentence) -> int | None:
    """The id of the sentence an earlier pass removed this one as a plain repeat of (none if it was merged into it)."""
    repeat = run.repeats.get(id(sentence))
    return id(repeat.of) if repeat is not None and repeat.merged is None else None


def _told(fact: str, told: StatedFacts) -> bool:
    """True when the told facts state this one of a note, also as the answer writes it out: "2" as "two" or "second",
    a range "Mar-Jun" or "X3-X6" by its ends."""
    if fact in told:
        return True
    if fact.isdigit():
        return int(fact) in SMALL_NUMBER_WORDS and SMALL_NUMBER_WORDS[int(fact)] in told
    ends = [end for end in re.split(r"[-–]", fact) if end]
    return len(ends) > 1 and all(_told(end, told) for end in ends)
