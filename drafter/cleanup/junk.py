"""The junk pass: web-template material (site names, share buttons, "selected articles" tags) and a chat model's
wrapping (its opener, notes on the figures, offers of more help, "As an AI …"; drafter/data/cleanup/chat.toml) are
not the author's text and go, block by block, sentence by sentence, or as a tag cut from the title (with the list
under a label of the model's to the user: "**Tips for finalizing:**", "If you want, I can also:"); so does a last
line a model's token limit cut off, and a paragraph's last sentence it cut off after a word that cannot end one
("… so that they can")."""

from __future__ import annotations

import bisect
import re
from collections import Counter
from itertools import islice, takewhile
from typing import Iterable

from drafter.cleanup.document import END_PUNCT, TABLE_ROW, TABLE_RULE, Block, Sentence
from drafter.cleanup.facts import YEAR, facts_of, figures_and_dates, has_figure, is_figure, is_name, month_figure_pairs
from drafter.cleanup.phrases import blank_spans, merge_spans, word_class
from drafter.cleanup.placeholders import fill_template_blanks, template_blanks
from drafter.cleanup.run import Run
from drafter.cleanup.similarity import content_words
from drafter.cleanup.turns import (ASSISTANT_TURN, MESSAGE_STAMP, STAMPED_SENDER, TIME, TURN_LABEL_WORDS,
                                  USER_TURN, is_turn_label)
from drafter.text.dates import DATE_WORDS, MONTH_NAMES
from drafter.text.numbers import NUMBER_WORDS
from drafter.text.words import STOP_WORDS, WORD


NOTE_LABEL = re.compile(r"^[\W_]*(?:please )?(?:note|n\.?\s?b\.?|p\.?\s?s\.?)\s*[:：—–-]\s*", re.I)  # "Note: ", "N.B. –"


def _says_chat(run: Run, text: str) -> bool:
    """True when text is a chat model's phrase (the `chat` list), also after a note's label ("Note: I wrote this in
    the first person and in simple English.")."""
    if run.lists.is_junk(text, "chat"):
        return True
    label = NOTE_LABEL.match(text)
    return label is not None and run.lists.is_junk(text[label.end():], "chat")


def chat_spans(run: Run, text: str) -> list[tuple[int, int]]:
    """The spans of text the `chat` list matches, in the whole text, line by line ("… make it professional" over
    "Sure!") and after a note's label: no fact is in them."""
    spans = run.lists.spans_in(text, "chat") + run.lists.spans_in_lines(text, "chat")
    label = NOTE_LABEL.match(text)
    if label is not None:
        spans += [(a + label.end(), b + label.end()) for a, b in run.lists.spans_in(text[label.end():], "chat")]
    return spans


BRACKETED_LINE = re.compile(r"^[ \t*_]*(?:\([^()\n]*\)|\[[^\[\]\n]*\])[ \t*_]*$")  # one line, wholly in brackets


# a tool's label over the prompt it was given, the user's notes after it: "Prompt: "annual summary for facility manager,
# 3 towers, 4800 work orders …""
PROMPT_WITH_NOTES = re.compile(r"^[\W_]*(?:your |the |my )?prompt[ \t]*[:：][ \t]*[\"“'‘]", re.I | re.M)  # (quoted:
# not a runner's "Prompt: 287 tokens, 412.6 tokens per second"; on any line: "✨ Help me write" over it)


def _prompt_with_notes(sentence: Sentence) -> bool:
    """True when the sentence is a tool's prompt label with the user's notes after it, a figure among them."""
    return PROMPT_WITH_NOTES.search(sentence.text) is not None and has_figure(sentence.facts)


def remove_junk(run: Run) -> None:
    """Remove junk blocks and sentences, and a site's tag from the title."""
    _reasoning(run)
    repl = any(REPL_MARK.search(line) for block in run.blocks for line in block.raw)  # a local model's session
    if repl:
        _terminal_session(run)
    _turn_labels(run)
    _message_stamps(run)  # before the turns go: a stamp's time is no fact of the year the guard should keep
    _earlier_answers(run, repl)
    _prompt_turns(run)
    _cut_chat_tokens(run)
    first = next((block for block in run.blocks if block.kind != "opaque"), None)
    for at, block in enumerate(run.blocks):
        if block.kind == "opaque":
            continue
        if block is first and block.kind in ("heading", "title"):
            _cut_title_tag(run, block.sentences[0])
        hits = [s for s in block.sentences if (run.lists.is_junk(s.text) or run.lists.is_junk(s.text, "title_tag")
                                                and not END_PUNCT.search(s.text))  # a tag is on a title, not a sentence
                and not _authors_account(s)  # ("… RFID chips in June (18,200 pieces), which brought losses down …")
                and not _prompt_with_notes(s)
                and not _junk_further_down(run, s)]
        if hits:
            later = next((b for b in run.blocks[at + 1:at + 2] if b.kind != "opaque"), None)
            hits = [s for s in hits if not _signs_off_the_author(block, s, later)]
        if not hits and block.kind == "text" and _every_line_junk(run, block):
            hits = list(block.sentences)  # lines with no stop read as one sentence: "Keep it  Regenerate  Discard"
            # over "AI-generated content may be incorrect."
        if hits:
            others = [s for s in block.sentences if s not in hits]
            if block.kind in ("heading", "title") or not any(s.facts or s.placeholder for s in others):
                _junk_blocks(run, [block])
                continue
            for sentence in hits:
                sentence.removed = True
                run.edit("junk", sentence.line, sentence.text, of=sentence)
        if block.kind in ("text", "title") and len(block.sentences) > 1 and BRACKETED_LINE.match(block.content) and \
                _says_chat(run, block.content):  # the model's tip in brackets, of more than one sentence ("(Tipp:
            # Führungskräfte lieben Zahlen! Falls Sie wissen, …, ergänzen Sie das.)"): a note to the author, whose
            # figures and dates the guard checks in a sentence that matches no chat phrase alone
            for sentence in block.sentences:
                if not sentence.removed:
                    sentence.removed = True
                    run.edit("chat" if _says_chat(run, sentence.text) else "comment", sentence.line, sentence.text,
                             of=sentence)
            continue
        for sentence in block.sentences:
            if sentence.removed or block.kind not in ("text", "item", "title"):  # a short line is read as a title
                continue
            if block.kind != "title" and run.lists.is_junk(sentence.text, "junk_sentence"):
                sentence.removed = True
                run.edit("junk", sentence.line, sentence.text, of=sentence)
            elif _prompt_with_notes(sentence):  # the user's notes the tool shows as its prompt: the guard keeps a
                sentence.removed = True  # fact of them the answer leaves out ("… also 2 lift entrapments in tower C")
                run.edit("chat", sentence.line, sentence.text, of=sentence)
            elif not sentence.placeholder and _says_chat(run, sentence.text):
                sentence.removed = True  # the guard puts it back if it held a fact outside the chat phrase
                run.edit("chat", sentence.line, sentence.text, of=sentence)
    _edit_markers(run)
    _list_under_chat_label(run)
    _echoed_input(run)
    _request_above_the_answer(run)
    _notes_to_self(run)
    _review_comments(run)
    _edit_notes(run)
    _later_options(run)
    _slot_only_sections(run)
    _blank_form_lines(run)
    _page_chrome(run)
    _site_comments(run)
    _source_lists(run)
    _reply_headers(run)
    _quoted_thread(run)
    _user_turns(run)
    _rest_of_a_chat_wrapper(run)
    _junk_lines(run)
    _cut_off_end(run)
    _cut_off_sentences(run)


TIMED = re.compile(TIME)


def _turn_labels(run: Run) -> None:
    """A chat app's label over a turn with its time (drafter.cleanup.turns: "Vous · 14:02", "Le Chat · 14:02") goes
    as junk, a block of its own or the first line of its turn's block (the junk list has the labels without one)."""
    for block in run.blocks:
        if block.removed or block.kind not in ("text", "title") or not block.sentences or \
                not is_turn_label(block.raw[0].strip()) or not TIMED.search(block.raw[0]):
            continue
        if len(block.raw) == 1:
            _junk_blocks(run, [block])
        else:
            _cut_first_line(run, block)


REASONING_OPEN = re.compile(r"^[ \t]*<(think|thinking|reasoning|thought)>", re.I | re.M)  # a reasoning model's
REASONING_CLOSE = re.compile(r"</(?:think|thinking|reasoning|thought)>[ \t]*$", re.I | re.M)  # scratch work


def _reasoning(run: Run) -> None:
    """A reasoning model's thinking ("<think> Okay, the user wants a year-end summary … </think>") goes whole (as
    'reasoning'), before the answer's checks read it: it retells the user's facts first, so the answer's own telling
    would read as its repeat. The guard keeps a sentence of it with a figure or date the answer left out ("The EMD
    recertification was passed on 18 October with a score of 96%"). A "<think>" never closed (the answer cut off
    inside it) is left alone."""
    blocks = run.blocks
    at = 0
    while at < len(blocks):
        block = blocks[at]
        opened = None if block.removed or block.kind == "opaque" else REASONING_OPEN.search("\n".join(block.raw))
        if opened is None:
            at += 1
            continue
        end = at
        while end < len(blocks) and not REASONING_CLOSE.search("\n".join(blocks[end].raw)):
            end += 1
        if end == len(blocks):
            return
        last = blocks[end]
        for inner in blocks[at + 1:end]:
            if inner.kind == "opaque":
                _junk_blocks(run, [inner])
            else:
                _remove_sentences(run, inner, "reasoning")
        for edge in ([block, last] if end > at else [block]):
            _cut_reasoning_lines(run, edge, edge is block, edge is last)
        at = end + 1
    if not any(REASONING_OPEN.search("\n".join(b.raw)) for b in blocks if b.kind != "opaque"):
        _opened_in_the_prompt(run)
    _untagged_reasoning(run)


def _opened_in_the_prompt(run: Run) -> None:
    """A thinking whose "<think>" the chat template put in the prompt, so only its "</think>" is in the text (QwQ's
    and DeepSeek-R1's answers in LM Studio): from its first line in the reasoning voice ("Okay, so the user is …",
    REASONING_VOICE), in the blocks since the text's start or the last such tag, to the tag, all goes as reasoning.
    With no such line it is left to the checks of untagged thinking."""
    blocks, since = run.blocks, 0
    for end, block in enumerate(blocks):
        if block.kind == "opaque" or not REASONING_CLOSE.search("\n".join(block.raw)):
            continue
        start = next(((at, line) for at in range(since, end + 1) if blocks[at].kind != "opaque" and
                      not blocks[at].removed for line, text in enumerate(blocks[at].raw)
                      if REASONING_VOICE.match(text)), None)
        since = end + 1
        if start is None:
            continue
        at, line = start
        offset = sum(len(text) + 1 for text in blocks[at].raw[:line])
        if at == end:  # the thinking and its tag in one block
            _cut_reasoning_lines(run, block, False, True, offset)
            continue
        _cut_reasoning_lines(run, blocks[at], False, False, offset)
        for sentence in blocks[at].sentences:  # the model's label left over it ("Assistant  qwq-32b") goes as junk
            if not sentence.removed and is_turn_label(sentence.text.strip()):
                sentence.removed = True
                run.edit("junk", sentence.line, sentence.text, of=sentence)
        for inner in blocks[at + 1:end]:
            if inner.kind == "opaque":
                _junk_blocks(run, [inner])
            else:
                _remove_sentences(run, inner, "reasoning")
        _cut_reasoning_lines(run, block, False, True)


# a reasoning model's thinking shown with no tags round it (DeepSeek's and Qwen's pages, a "Thought for 9 seconds"
# fold copied open): it speaks of the user in the third person. "Okay, the user is a crane scheduler … and wants a
# year-end summary", "The user wants it shorter and more formal"; after an interjection, or with a word of the task
REASONING_VOICE = re.compile(r"^[\W_]*(?:(?P<aside>okay|ok|alright|all right|hm+|so|right|well|got it)[,.!]?\s+"
                             r"(?:so,?\s+)?)?the user(?:'s|’s)?\b", re.I)
REASONING_TASK = re.compile(r"\b(?:wants?|wanted|needs?|asked|asks|asking|gave|given|provided|would like|pointed out|"
                            r"mentioned|requested)\b[^\n]*\b(?:summary|review|appraisal|report|version|shorter|"
                            r"longer|paragraphs?|sections?|line|table|tone|english|language|figures|facts|notes|bullets?|"
                            r"added|add|it)\b", re.I)
# the next steps of the same thinking: "Let me organise the data: …", "I should use a professional tone", "They also
# want to thank Priya."
REASONING_STEP = re.compile(r"^[\W_]*(?:I(?:'ll|’ll| will| should| need to| must| can| think| want to)|let me|let's|"
                            r"let’s|they(?:'ve|’ve| have| also| want| gave| mentioned| asked| need| would)|the user|"
                            r"(?:first|next|now|then|also|wait|alternatively),)\b", re.I)


FOLD_LABEL_WORDS = 6  # the most words of a label line over the thinking


def _untagged_reasoning(run: Run) -> None:
    """Thinking with no "<think>" round it goes as 'reasoning': a paragraph opening in its voice (the user spoken of
    in the third person, asking for the summary) and the paragraphs of next steps right after it. The guard keeps a
    sentence of it with a figure or date the answer leaves out."""
    blocks, at = run.blocks, 0
    while at < len(blocks):
        block = blocks[at]
        if not _opens_reasoning(block):
            at += 1
            continue
        end = at + 1
        while end < len(blocks) and (blocks[end].removed or blocks[end].kind == "text" and blocks[end].sentences
                                     and REASONING_STEP.match(blocks[end].sentences[0].text)):
            end += 1
        for inner in blocks[at:end]:
            _remove_sentences(run, inner, "reasoning")
        at = end


def _opens_reasoning(block: Block) -> bool:
    """True when a paragraph opens in a model's thinking voice (REASONING_VOICE, after an aside or with the task)."""
    if block.removed or block.kind != "text" or not block.sentences:
        return False
    lines = block.sentences[0].text.split("\n")
    while len(lines) > 1 and len(lines[0].split()) <= FOLD_LABEL_WORDS and not END_PUNCT.search(lines[0]):
        lines = lines[1:]  # the fold's label over the thinking: "Thought process", "deepseek-r1:14b · 18/12 21:14"
    first = "\n".join(lines)
    voice = REASONING_VOICE.match(first)
    return voice is not None and (voice.group("aside") is not None or REASONING_TASK.search(first) is not None)


SHELL_PROMPT = re.compile(r"^[ \t]*(?:[\w.-]+@[\w.-]+:[^\n$#]{0,80}[$#]|PS [A-Z]:\\[^\n>]{0,80}>)[ \t]")  # a terminal's
# prompt before a command: "dokafor@WH-LAPTOP-07:~$ ollama run mistral", "PS C:\\Users\\ana> ollama run llama3.2"
REPL_TURN = re.compile(r"^>>>[ \t]")  # a line the user typed at a local model's prompt (Ollama's ">>> ")
REPL_IDLE = re.compile(r"^>>> (?:send a message|/bye)\b[^\n]*$", re.I)  # the prompt waiting, or the user leaving
REPL_MARK = re.compile(r"\bollama run\b|" + REPL_IDLE.pattern, re.I | re.M)  # the session is a local model's


def _terminal_session(run: Run) -> None:
    """A local model's terminal session saved whole (REPL_MARK): the shell prompt's lines go as junk and each line
    the user typed (">>> write a year end summary for me …") as chat (an answer asked again over goes with
    _earlier_answers)."""
    for block in run.blocks:
        if block.removed or block.kind == "opaque":
            continue
        if all(SHELL_PROMPT.match(line) or REPL_IDLE.match(line) or not line.strip() for line in block.raw):
            _junk_blocks(run, [block])
            continue
        typed_lines, at = [], 0  # (start, end) in the block's content of each line the user typed
        for line in block.content.split("\n"):
            if _typed(line):
                typed_lines.append((at, at + len(line)))
            at += len(line) + 1
        starts = [a for a, _ in typed_lines]
        for sentence in block.sentences:
            if sentence.removed:
                continue
            line = bisect.bisect_left(starts, sentence.start) - 1  # the typed line a later sentence of it starts in
            # ("… cut no-shows 14% to 8%. M-Pesa till reconciled daily, …"): it goes whole or up to the line's end
            inside = typed_lines[line][1] if line >= 0 and sentence.start < typed_lines[line][1] else None
            if inside is not None and sentence.start + len(sentence.text) <= inside:
                sentence.removed = True
                run.edit("chat", sentence.line, sentence.text, of=sentence)
                continue
            if inside is not None:
                run.cut(sentence, [(0, inside - sentence.start + 1)], "chat", repeat=False)
                continue
            _cut_lines(run, sentence, [_typed(line) for line in sentence.text.split("\n")], "chat")  # (the answer's
            # first line may run on after the typed one, for want of an end mark)


def _typed(line: str) -> bool:
    """True when a line is one the user typed in a terminal session: at the model's prompt or the shell's."""
    return bool(REPL_TURN.match(line) or SHELL_PROMPT.match(line))


FULL_VERSION_SHARE = 0.8  # of an answer's words a later answer must have to be a new version of it, not an addition
# a later answer that says it is a new version of the draft ("Here's the revised version:", "Absolutely! Here's the
# updated version with those details included:"), not some sections of it; or one the user asked for again
NEW_VERSION = re.compile(r"\b(?:revised|updated|new|improved|final|corrected|rewritten|shorter|longer|edited|full|"
                         r"complete|amended|polished|fixed|(?:more|less) [\w-]+)\b[^.!?\n]{0,30}\b"
                         r"(?:version|draft|summary|review|report|self-evaluation|self-assessment|appraisal|"
                         r"reflection|write-up)\b|"
                         r"\b(?:here(?:'s|’s| is)|below is)\b[^.!?\n]{0,40}\bversion\b", re.I)  # "Here's a letter-style version"
ASKED_AGAIN = re.compile(r"\b(?:try again|again|redo|re-do|start over|regenerate|rewrite (?:it|this)|got stuck)\b", re.I)


def chat_turns(run: Run, repl: bool | None = None,
               labels: dict[str, str] | None = None) -> list[tuple[str, int, int]]:
    """The turns of a chat copied whole, each ("user" or "answer", its first block, the block after its last), in
    order; [] when the text is no such chat (no user's turn, or no answer). A turn starts at its label ("You said:",
    "ChatGPT said:", or a speaker's label repeated over the turns: _speaker_labels), at the user's request to the
    model, or at the model's opener after a user's turn. `repl`: the
    text is a local model's terminal session (REPL_MARK); found in the text when not given. `labels`: the
    speakers' labels (_speaker_labels), counted when not given."""
    if repl is None:
        repl = any(REPL_MARK.search(line) for block in run.blocks for line in block.raw)
    turns: list[tuple[str, int]] = []  # ("user" or "answer", index of the block its label opens)
    labels = _speaker_labels(run) if labels is None else labels
    chrome: set[int] | None = None  # the app's buttons (_app_chrome), found when first needed
    stamped = _stamped_senders(run)
    answer_on_top = False  # the text opens with the model's reply, no user's turn above it
    for at, block in enumerate(run.blocks):
        if block.kind == "opaque" or not block.raw:
            continue
        first = block.raw[0]
        label = labels.get(first.strip()) or stamped.get(at)
        if label == "answer":
            if not turns or turns[-1][0] != "user":  # the user's turn above the model's label, unlabelled
                # (Perplexity's layout: the question, then "Answer"): the first block of words of the text, or the last
                # since the turn before (the follow-up under the answer's buttons)
                above = range(at) if not turns else range(at - 1, turns[-1][1], -1)
                asked = next((i for i in above if run.blocks[i].kind in ("text", "item") and
                              len(WORD.findall(run.blocks[i].content)) >= UNLABELLED_TURN_WORDS), None)
                if asked is not None:
                    turns.append(("user", asked))
            if not turns or turns[-1][0] != "answer":
                turns.append(("answer", at))
        elif label == "user" or USER_TURN.match(first) or not answer_on_top and (
                USER_SAYS.match(first) or
                repl and any(REPL_TURN.match(line) and not REPL_IDLE.match(line) for line in block.raw) or
                block.sentences and _asks(block)):
            turns.append(("user", at))
        elif not turns and block.kind == "text" and _replies(block) and \
                not any(b.kind in ("text", "item") for b in run.blocks[:at]):
            # an answer copied from its top, the model replying to the user ("Sure! Here's a polished …:", "Here's a
            # draft of your year-end summary …"): its user's turns are only the follow-ups a new version answers
            turns.append(("answer", at))
            answer_on_top = True
        elif not turns and block.kind == "text" and _replies_elsewhere(block):
            # the model replying in the user's language ("Claro! Aqui está uma proposta …:") under their request,
            # unlabelled: the last paragraph of words above it (Gemini's page, its buttons between)
            asked = next((i for i in range(at - 1, -1, -1) if _stands_over(run.blocks[i]) or
                          run.blocks[i].kind in ("text", "item") and not run.blocks[i].gone and  # (past a reasoning
                          not run.lists.is_junk(run.blocks[i].content) and  # model's thoughts, and the app's error:
                          len(WORD.findall(run.blocks[i].content)) >= UNLABELLED_TURN_WORDS), None)  # "The server is
            # busy. Please try again later.")
            if asked is not None and not _stands_over(run.blocks[asked]):  # (no heading or form's field between:
                turns += [("user", asked), ("answer", at)]  # "**5. Key achievements 2024**")
        elif turns and turns[-1][0] == "answer" and block.kind == "text" and _announces_a_new_version(block):
            # the model's new version after the user's unlabelled follow-up ("yes add my overtime, 74 hours", "Can
            # you make it shorter?"), the app's buttons around it ("Copy  Regenerate  Like", "Show drafts"): Gemini's
            # and Le Chat's pages label neither turn. (With no buttons, it is one answer offering a second version:
            # "Here is a more confident version, if you want to stand out:")
            chrome = _app_chrome(run) if chrome is None else chrome
            above = [i for i in range(at - 1, max(turns[-1][1], at - 1 - FOLLOW_UP_REACH), -1)
                     if run.blocks[i].kind != "opaque"]  # (a few blocks up: linear however many openers)
            asked = next((i for i in above if id(run.blocks[i]) not in chrome), None)
            if asked is not None and run.blocks[asked].kind in ("text", "item", "title") and \
                    len(WORD.findall(run.blocks[asked].content)) >= FOLLOW_UP_WORDS and \
                    (any(id(run.blocks[i]) in chrome for i in above if i != asked) or
                     (_replies(block) or answer_on_top) and  # (the text opens with the model's reply: a chat)
                     not all(_says_chat(run, s.text) for s in run.blocks[asked].sentences)):  # (not its own offer)
                turns += [("user", asked), ("answer", at)]
        elif ASSISTANT_TURN.match(first) or turns and turns[-1][0] == "user" and (
                repl and not any(REPL_TURN.match(line) for line in block.raw) or
                any(ANSWER_OPENER.match(x.text) for x in block.sentences[:OPENER_SENTENCES]) or
                labels.get(run.blocks[turns[-1][1]].raw[0].strip()) == "user" and block.kind == "text" and
                MODEL_SPEAKS.match(block.raw[0]) is not None):
            if not turns or turns[-1][0] != "answer":
                turns.append(("answer", at))
    if len(turns) > 1 and turns[0][0] == "user" and turns[1][0] == "answer" and \
            _announces_a_new_version(run.blocks[turns[1][1]]):
        top = _answer_above(run, turns[0][1])
        if top is not None:
            turns.insert(0, ("answer", top))
    if not any(kind == "user" for kind, _ in turns) or not any(kind == "answer" for kind, _ in turns):
        return []
    return [(kind, at, turns[i + 1][1] if i + 1 < len(turns) else len(run.blocks)) for i, (kind, at) in enumerate(turns)]


def _answer_above(run: Run, asked: int) -> int | None:
    """Where an answer copied without its opener starts, above the user's first turn found, when that turn asks for
    a new version of it: the text's first block of words, when the last paragraph above the turn is the model's
    own line to the user ("Let me know if you'd like to add any KPIs!"), which no author's draft ends with; None
    otherwise."""
    above = [at for at in range(asked) if run.blocks[at].kind != "opaque" and run.blocks[at].sentences]
    if len(above) < 2 or run.blocks[above[-1]].kind != "text":
        return None
    closing = run.blocks[above[-1]].sentences
    if not all(_says_chat(run, x.text) or run.lists.is_junk(x.text) for x in closing):
        return None
    return above[0]


VERSION_FIGURES_MIN = 3  # figures, besides years, an answer must give for a later one that gives them again to be
VERSION_FIGURES_SHARE = 0.6  # ... a new version of it, whatever its language: this share of them, at least


def _gives_again(figures: set[str] | None, later_figures: set[str] | None) -> bool:
    """True when a later answer gives again most of an earlier answer's figures (VERSION_FIGURES_SHARE): a new version
    of it in any language ("Claro! Segue:" over the same 3.904 visits and 212 notifications). None stands for an
    answer that presents a part to add (ADDED_PART: "here's a separate section …"), no version of anything."""
    return figures is not None and later_figures is not None and len(figures) >= VERSION_FIGURES_MIN and \
        len(figures & later_figures) >= VERSION_FIGURES_SHARE * len(figures)


def _stamped_senders(run: Run) -> dict[int, str]:
    """In a messaging app's chat with a model (WhatsApp's Meta AI: "[14/12/2024, 10:39 pm] Meta AI: Here's a draft"),
    each block its stamp opens, by index: "answer" where the sender is a model (MODEL_NAME), "user" where it is anyone
    else; {} when no model sends (a thread among colleagues, who may paste a draft as their own message)."""
    senders = {}
    for at, block in enumerate(run.blocks):
        if block.kind != "opaque" and block.raw:
            sent = STAMPED_SENDER.match(block.raw[0])
            if sent is not None:
                senders[at] = "answer" if MODEL_NAME.match(sent.group("sender")) else "user"
    return senders if "answer" in senders.values() else {}


def _app_chrome(run: Run) -> set[int]:
    """The ids of the blocks that are a chat app's buttons: a block of short lines (_app_button), or a line of
    APP_ROW_WORDS words or fewer with no figure that stands alone twice or more ("Copy  Regenerate  Like  Dislike")."""
    counts = Counter(block.content.strip() for block in run.blocks if block.kind != "opaque")
    return {id(block) for block in run.blocks if block.kind != "opaque" and block.sentences and (
        _app_button(block) or counts[block.content.strip()] >= SPEAKER_LABEL_REPEATS and len(block.raw) == 1 and
        len(WORD.findall(block.content)) <= APP_ROW_WORDS and not any(has_figure(s.facts) for s in block.sentences))}


APP_ROW_WORDS = 12
FOLLOW_UP_WORDS = 3  # words, at least, of the user's unlabelled follow-up ("make it shorter")
FOLLOW_UP_REACH = 6  # blocks above a new version's opener searched for the follow-up and the app's buttons


def _announces_a_new_version(block: Block) -> bool:
    """True when one of the block's first sentences is the model's opener (ANSWER_OPENER) presenting a new version of
    the draft (NEW_VERSION: "Of course. Here's the updated summary with your overtime included:") or a part to add to
    it (ADDED_PART: "Sure, here's the extra paragraph you can add after …:")."""
    return any(ANSWER_OPENER.match(x.text) and (NEW_VERSION.search(x.text) or ADDED_PART.search(x.text))
               for x in block.sentences[:OPENER_SENTENCES])


def _replies(block: Block) -> bool:
    """True when one of the block's first sentences is the model's opener replying to someone who asked, not the
    author's own "Here is …": it opens with the model's consent ("Got it! Here's a shorter version …:", "Oczywiście!
    Oto …:") or speaks of the user's summary or notes ("Here's a draft of your year-end summary based on your
    notes.")."""
    first = block.sentences[:OPENER_SENTENCES]
    return any(ANSWER_OPENER.match(x.text) and (CONSENT.match(x.text) or YOURS.search(x.text) or
                                                 k and CONSENT.fullmatch(first[k - 1].text))
               for k, x in enumerate(first))


YOURS = re.compile(r"\byour\b", re.I)


def _stands_over(block: Block) -> bool:
    """True when the block is a heading, or a title in bold or numbered, as a form's field is ("**5. Key achievements
    2024**"): text under it is the author's, no user's turn (an app's buttons, "Mostrar rascunhos", are plain)."""
    return block.kind == "heading" or block.heading_like or \
        block.kind == "title" and FIELD_TITLE.match(block.content) is not None


FIELD_TITLE = re.compile(r"^[ \t]*(?:\*\*|__|\d{1,2}[.)][ \t])")


def _replies_elsewhere(block: Block) -> bool:
    """True when the block opens with the model's reply in a language other than English (OPENER_ELSEWHERE: "Claro!
    Aqui está …:", "Oczywiście! Oto …:"), which no author writes of their own text."""
    return _replies(block) and any(OPENER_ELSEWHERE.match(x.text) for x in block.sentences[:OPENER_SENTENCES])


ADDED_PART = re.compile(r"\b(?:extra|additional|added|new|missing|separate)\s+(?:paragraph|section|part|sentence|"
                        r"line|bullet|point)s?\b", re.I)


INITIALS = re.compile(r"^[A-Z]{1,3}$")  # the user's avatar over each of their turns: "HP", "KH"
CHAT_MODELS = r"chatgpt|claude|gemini|copilot|deepseek|perplexity|mistral|le chat|grok|meta ai"  # as apps name them
MODEL_NAME = re.compile(r"^[\W_]*(?:" + CHAT_MODELS + r")[\W_]*$|"
                        r"^(?:answer|respuesta|réponse|antwort|resposta|risposta|antwoord|jawaban|odpowiedź|cevap)$",
                        re.I)  # the model's name over each of its answers, or Perplexity's "Answer" (not
# a template's "Answer:", which a small model may repeat over each part of one answer)
# the model's first words after a turn the user's initials label: "I'll turn these into …", "Of course. Here's …"
MODEL_SPEAKS = re.compile(r"^[\W_]*(?:I(?:'ll|’ll| will|'ve|’ve| have)|here(?:'s|’s| is| are)|below|sure|of course|"
                          r"certainly|absolutely|got it|great|done)\b", re.I)
UNLABELLED_TURN_WORDS = 6  # words, at least, of the user's turn found above a model's label ("Answer"), not a button
SPEAKER_LABEL_REPEATS = 2  # times a line must stand alone over a block to be a speaker's label, not a heading or a
# signature ("Claude" under a letter)


def _speaker_labels(run: Run) -> dict[str, str]:
    """The first lines of blocks that are the same SPEAKER_LABEL_REPEATS times or more in a chat copied whole, each
    over a turn: the user's initials ("user") and the model's name ("answer"), by the line's text."""
    firsts = [block.raw[0].strip() for block in run.blocks if block.kind != "opaque" and block.raw]
    counts: Counter[str] = Counter(firsts)
    labels = {}
    for line, count in counts.items():
        if count >= SPEAKER_LABEL_REPEATS:
            if INITIALS.match(line):
                labels[line] = "user"
            elif MODEL_NAME.match(line):
                labels[line] = "answer"
    models = [line for line, kind in labels.items() if kind == "answer"] or \
        [line for line, count in counts.items() if count >= SPEAKER_LABEL_REPEATS and MODEL_SAYS.match(line) and
         len(WORD.findall(line)) <= TURN_LABEL_WORDS]
    if len(models) == 1 and "user" not in labels.values():
        user = _alternating_label(firsts, models[0], counts)
        if user is not None and not is_turn_label(user):  # (a pair turns.py reads, "You said:", is read there)
            labels[user], labels[models[0]] = "user", "answer"
    return labels


# the model's label over its turn in the user's language: its name, then a word or two and a colon ("ChatGPT ha
# detto:", "ChatGPT bilang:", "Copilot a spus:")
MODEL_SAYS = re.compile(r"^[\W_]*(?:(?:o|a|le|la|el|il|der|die|het|de)\s+)?(?:" + CHAT_MODELS + r")\b"
                        r"(?:[ \t]+[^\W\d_]+){1,2}[ \t]*[:：][\W_]*$", re.I)
SPEAKER_LABEL_WORDS = 3  # words, at most, of the user's label over their turns ("**Vous**", "Ty", "Elif Yıldırım")


def _alternating_label(firsts: list[str], model: str, counts: Counter) -> str | None:
    """The user's label in the user's language ("**Vous**" over "**Le Chat**", "Hai detto:" over "ChatGPT ha
    detto:"): the one short line with no figure that stands over a block about as often as the model's label (once
    more where the chat ends on the user's turn) and alternates with it, first; None when no line does."""
    order = [line for line in firsts if line == model or counts[line] in (counts[model], counts[model] + 1) and
             len(WORD.findall(line)) <= SPEAKER_LABEL_WORDS and not any(c.isdigit() for c in line)]
    others = set(order) - {model}
    if len(others) != 1:
        return None
    user = others.pop()
    return user if order == ([user, model] * counts[user])[:counts[user] + counts[model]] else None


def _earlier_answers(run: Run, repl: bool) -> None:
    """A chat copied whole, turn by turn ("You said:" / "ChatGPT said:", or ">>> " at a local model's prompt): an
    answer that a later answer gives again as a new version (NEW_VERSION, or asked for again: ASKED_AGAIN), of about
    its size or more, goes as chat, so the version the user settled on ("Here's the updated version with those
    details included:") is the one kept, not read as a repeat of the first. The speakers' labels (_speaker_labels)
    go as junk. The guard keeps any fact of it the later version leaves out. `repl`: the text is a local model's
    terminal session (REPL_MARK)."""
    labels = _speaker_labels(run)
    stamped = _stamped_senders(run)  # the blocks a message stamp opens, by sender: "user" or "answer"
    spans = chat_turns(run, repl, labels)
    if not spans:
        return
    for block in run.blocks:  # the speakers' labels over the turns ("HP", "Answer") are the app's
        if not block.removed and block.kind != "opaque" and block.raw and block.raw[0].strip() in labels:
            if len(block.raw) == 1:
                _junk_blocks(run, [block])
            else:
                _cut_avatar(run, block, TURN_LABEL_WORDS)
    answers = []  # (first block, end, words, whether it gives the answer before it again as a new version, figures)
    for i, (kind, at, end) in enumerate(spans):
        if kind != "answer":
            continue
        text = "\n".join(line for b in run.blocks[at:min(end, at + 3)] for line in b.raw)
        asked = " ".join(line for b in run.blocks[spans[i - 1][1]:at] for line in b.raw) if i else ""
        again = NEW_VERSION.search(text) is not None or ASKED_AGAIN.search(asked) is not None
        said = [s for b in run.blocks[at:end] if b.kind != "opaque" for s in b.sentences]
        added = ADDED_PART.search(text) is not None  # ("here's a separate section … you can insert …")
        figures = None if added else {f for s in said for f in s.facts if is_figure(f) and not YEAR.fullmatch(f)}
        answers.append((at, end, sum(len(WORD.findall(s.text)) for s in said), again, figures))
    for i, (at, end, words, _, figures) in enumerate(answers):
        if not any(later >= FULL_VERSION_SHARE * words and (again or _gives_again(figures, later_figures))
                   for _, _, later, again, later_figures in answers[i + 1:]):
            continue  # the last version, or one a later answer only adds a section to ("Good call — here are the
            # two updated sections. The rest can stay as it is:")
        for block in run.blocks[at:end]:
            if block.removed or block.kind == "opaque":
                continue
            run.earlier_versions.add(id(block))  # (the guard reads it after the later version, which says its facts)
            _remove_sentences(run, block, "chat")
    for i, (kind, at, end) in enumerate(spans):  # the user's turn after an answer asks for the next: it goes as chat
        # (the first turn found, labelled on its own line of words, "**You:** make it shorter", with text above it:
        # the answer copied without its label or the request)
        if i:
            after_answer = spans[i - 1][0] == "answer"
        else:  # the first turn found: after an answer copied without its label or the request, the request a reply
            # in the user's language answers ("oi, preciso de um resumo …" over "Claro! Aqui está …:"), or a turn
            # under the user's label found repeated ("Hai detto:")
            after_answer = USER_SAYS.match(run.blocks[at].raw[0]) is not None and \
                any(b.kind in ("text", "item") and not b.removed for b in run.blocks[:at]) or \
                len(spans) > 1 and (_replies_elsewhere(run.blocks[spans[1][1]]) or
                                    labels.get(run.blocks[at].raw[0].strip()) == "user" or
                                    stamped.get(at) == "user")  # (a message to a model in a messaging app: "[12/12/24,
            # 21:41] Giulia Ferraro: @Meta AI scrivimi un riassunto …")
        if kind == "user" and after_answer and not USER_TURN.match(run.blocks[at].raw[0]):
            for block in run.blocks[at:end]:  # (a labelled one, "You said:", is _user_turns')
                if not block.removed and block.kind != "opaque":
                    run.users_words.add(id(block))
                    _cut_avatar(run, block)
                    _remove_sentences(run, block, "chat")


def _cut_avatar(run: Run, block: Block, words: int = 0) -> None:
    """Cut the user's initials or name over their turn ("MO" over "Thanks. Can you make it more formal?") as junk:
    a chat app's label, no name the text states; `words`: the most the line may have (AVATAR_WORDS when 0; more for
    a speaker's label found repeated, "ChatGPT ha detto:")."""
    if block.raw and len(block.raw[0].split()) <= (words or AVATAR_WORDS):
        _cut_first_line(run, block)


def _cut_first_line(run: Run, block: Block) -> None:
    """Cut the block's first line, a label over the rest of its first sentence ("Vous · 14:02", "**Option B:**"), as
    junk: its words are a chat app's or a model's, no fact."""
    lines = block.raw
    if len(lines) > 1 and block.sentences and not block.sentences[0].removed and lines[0].strip() and \
            block.sentences[0].text.startswith(lines[0] + "\n"):
        run.cut(block.sentences[0], [(0, len(lines[0]) + 1)], "junk", repeat=False)


def _cut_reasoning_lines(run: Run, block: Block, opens: bool, closes: bool, first: int = 0) -> None:
    """Cut the lines of the block that lie in the reasoning: from its "<think>" line (or offset `first`) to its
    "</think>" line (or its end); the block goes whole when nothing else is left."""
    lines = "\n".join(block.raw)
    first = REASONING_OPEN.search(lines).start() if opens else first
    last = REASONING_CLOSE.search(lines, first).end() if closes else len(lines)
    last += lines.startswith("\n", last)  # the closing tag's line break goes with it
    if not lines[:first].strip() and not lines[last:].strip():
        _remove_sentences(run, block, "reasoning")
        return
    offset = len(block.prefix) if block.prefix and lines.startswith(block.prefix) else 0
    for sentence in block.sentences:
        a, b = sentence.start + offset, sentence.start + offset + len(sentence.text)
        if sentence.removed or b <= first or a >= last:
            continue
        if a >= first and b <= last:
            sentence.removed = True
            run.edit("reasoning", sentence.line, sentence.text, of=sentence)
        else:
            run.cut(sentence, [(max(a, first) - a, min(b, last) - a)], "reasoning", repeat=False)


# a chat template's tokens around the user's or system's turn ("[INST] … [/INST]", "<|im_start|>user … <|im_end|>"
# followed by the assistant's, "<|user|> … <|assistant|>", "<start_of_turn>user … <start_of_turn>model")
TURN_OPENS = re.compile(r"\[INST\]|<<SYS>>|<\|(?:im_start|start_header_id)\|>\s*(?:system|user)\b|"
                        r"<\|(?:system|user)\|>|<start_of_turn>\s*user\b")
TURN_CLOSES = re.compile(r"\[/INST\]|<\|(?:im_start|start_header_id)\|>\s*assistant\b(?:<\|end_header_id\|>)?|"
                         r"<\|assistant\|>|<start_of_turn>\s*model\b")


def prompt_turn_spans(text: str) -> list[tuple[int, int]]:
    """The spans of a text from a token opening a user's or system's turn to the next token opening the answer
    ("…in 2022.<|end|>\n<|user|>\nCan you make it shorter?<|end|>\n<|assistant|>"): the prompt, no fact of the
    author's."""
    spans, at = [], 0
    while (opened := TURN_OPENS.search(text, at)) and (closed := TURN_CLOSES.search(text, opened.end())):
        spans.append((opened.start(), closed.end()))
        at = closed.end()
    return spans


def plumbing_spans(run: Run, text: str) -> list[tuple[int, int]]:
    """The spans of a chat template's plumbing in a text, with the blanks beside each: its special tokens (the
    `chat_token` list), a searching model's citation marks, and the user's turns between the tokens
    (prompt_turn_spans). None of it is the author's."""
    spans = [_with_spacing(text, a, b) for a, b in _token_spans(run, text)]
    return merge_spans(spans + prompt_turn_spans(text))


def _token_spans(run: Run, text: str) -> list[tuple[int, int]]:
    """The spans of a chat template's tokens in a text (the `chat_token` list) and of a searching model's citation
    marks (the `citation` list), unless the text has footnotes, whose marks they are."""
    spans = run.lists.spans_in(text, "chat_token")
    return spans if run.has_footnotes or "[" not in text else spans + run.lists.spans_in(text, "citation")


def _prompt_turns(run: Run) -> None:
    """A prompt leaked with its chat template's tokens ("[INST] You are writing … Facts: … [/INST] Year-End Summary"):
    from the token that opens the user's or system's turn to the one that opens the answer, every sentence is the
    prompt and goes as junk, and the closing token's sentence loses only what comes up to the token, the answer
    after it staying. A block of the turn that is one sentence with facts and no token goes as chat, which the guard
    checks: the user's note the answer never tells ("- covered the Çiğli service point alone for 3 weeks in October")
    stays. Without a closing token after it the turn is left to the junk list (the opening token's sentence alone)."""
    sentences = [(block, sentence) for block in run.blocks if block.kind != "opaque" and not block.removed
                 for sentence in block.sentences if not sentence.removed]
    at = 0
    while at < len(sentences):
        opened = TURN_OPENS.search(sentences[at][1].text)
        if opened is None:
            at += 1
            continue
        end = next((i for i in range(at, len(sentences))
                    if TURN_CLOSES.search(sentences[i][1].text, opened.end() if i == at else 0)), None)
        if end is None:
            return
        for block, sentence in sentences[at:end]:
            sentence.removed = True
            told = len(block.sentences) == 1 and sentence.facts and not TURN_OPENS.search(sentence.text) and \
                not plumbing_spans(run, sentence.text)  # (a block of its own: put back, it joins no other line)
            run.edit("chat" if told else "junk", sentence.line, sentence.text, of=sentence)
        sentence = sentences[end][1]
        closed = TURN_CLOSES.search(sentence.text, opened.end() if end == at else 0)
        b = _with_spacing(sentence.text, closed.start(), closed.end())[1]
        start = opened.start() if end == at else 0
        if sentence.text[b:].strip():
            run.cut(sentence, [(start, b)], "junk", repeat=False)
        elif not sentence.text[:start].strip():
            sentence.removed = True
            run.edit("junk", sentence.line, sentence.text, of=sentence)
        else:
            run.cut(sentence, [(start, b)], "junk", repeat=False)
        for block in {id(b): b for b, _ in sentences[at:end + 1]}.values():
            if all(x.removed for x in block.sentences):
                block.removed = True
        at = end + 1


def _cut_chat_tokens(run: Run) -> None:
    """Cut a chat template's special tokens (the `chat_token` list: "<|im_end|>", "</s>", "<start_of_turn>model")
    where they stand, with the spaces or line break beside them; the author's sentence around them stays, and a
    sentence of nothing else goes. A sentence that is junk with them (a system or user turn) is left to the junk
    check. A searching model's citation marks ("… in December. [1]", the `citation` list) go the same way, unless
    the text has footnotes (a line opened by "[1] "), whose marks they are."""
    for block in run.blocks:
        if block.kind == "opaque":
            continue
        for sentence in block.sentences:
            if sentence.removed or not ("<" in sentence.text or "[" in sentence.text) or \
                    run.lists.is_junk(sentence.text):
                continue  # a system or user turn opened by its token goes whole, as junk, below
            text = sentence.text
            spans = merge_spans([_with_spacing(text, a, b) for a, b in _token_spans(run, text)])
            if not spans:
                continue
            if WORD.search(blank_spans(text, spans)):  # words of the author's besides the tokens
                run.cut(sentence, spans, "junk", repeat=False)
            elif len(block.sentences) == 1:
                _junk_blocks(run, [block])  # the block gone, so the checks of blocks around it see past it
            else:
                sentence.removed = True
                run.edit("junk", sentence.line, text, of=sentence)


def _junk_lines(run: Run) -> None:
    """A line of junk run into the author's sentence for want of an end mark ("Floor 2 ningning_ICU (Posted on …)"
    over the post, "You said:" over the user's request, "Page 2 / 5" over the next page's text) is cut, line and
    all; a line inside a sentence wrapped over lines, or the author's account with a figure, stays."""
    for block in run.blocks:
        if block.removed or block.kind not in ("text", "item"):
            continue
        for sentence in block.sentences:
            if sentence.removed or "\n" not in sentence.text:
                continue
            lines = sentence.text.split("\n")
            if USER_TURN.match(lines[0]):  # "You said:" over the user's request, read as one sentence: the user's turn
                sentence.removed = True  # (the guard keeps it if it states a fact the text states nowhere else)
                run.edit("chat", sentence.line, sentence.text, of=sentence)
                continue
            junk = [bool(line.strip()) and not _runs_on(lines, at) and not AUTHOR_FIGURE.search(line) and
                    not SIGN_OFF.match(line) and not AUTHOR_NAME_SLOT.search(line) and not FIELD_OF_A_FORM.match(line) and
                    (run.lists.is_junk(line) or run.lists.is_junk(line, "chat") and not DIGIT.search(line))
                    for at, line in enumerate(lines)]  # (a chat line with a figure is the guard's: left whole here,
            # it goes, if at all, as chat: 'Replace: "1,080 employees" with "1,146 employees"' under its byline)
            if LABEL_LINE.match(lines[0]) and not ANSWER_LABEL.match(lines[0]):
                junk[0] = False  # a label over the lines under it ("*Optional: a one-line version …*"): the whole
                # sentence is the junk check's
            if not all(junk):  # (a sentence all of junk lines is the checks of whole sentences')
                _cut_lines(run, sentence, junk, "junk")


def _cut_lines(run: Run, sentence: Sentence, cut: list[bool], kind: str) -> None:
    """Cut the sentence's lines flagged in `cut` (one flag per line), as this kind, each with its line break; with
    every line flagged the sentence goes whole."""
    if all(cut):
        sentence.removed = True
        run.edit(kind, sentence.line, sentence.text, of=sentence)
    elif any(cut):
        starts = _line_starts(sentence.text.split("\n"))
        run.cut(sentence, merge_spans([_lines_span(starts, at, at) for at, flagged in enumerate(cut) if flagged]),
                kind, repeat=False)


# what the line-by-line check leaves to the checks of whole sentences: a sign-off (over the author's name or not), a
# line about the author by their name's placeholder, and a form's field ("**Section:** Production Control")
AUTHOR_NAME_SLOT = re.compile(r"\[(?:your|my|employee|staff)(?: full)? name\]", re.I)
FIELD_OF_A_FORM = re.compile(r"^[ \t*_]*[A-Za-z][\w ]{0,30}[:：][ \t*_]*[A-Z]")
ANSWER_LABEL = re.compile(r"^[\W_]*(?:answer|response|output|completion|assistant|model)\s*[:：][\W_]*$", re.I)  # a
# small model's bare label over its answer: it goes alone, the answer under it stays
LABEL_LINE = re.compile(r"^[ \t]*(?:[*_]{1,2}[^\n]*[*_]{1,2}|[^\n]*[:：][ \t*_]*)$")  # emphasised whole, or ending on ":"
# a line where the author speaks with a figure ("I entered 1,236 orders in 2023"): no junk pattern takes it
AUTHOR_FIGURE = re.compile(r"\b(?:I|we|my|our)\b(?=[^\n]*\d)|\d(?=[^\n]*\b(?:I|we|my|our)\b)")


def _with_spacing(text: str, start: int, end: int) -> tuple[int, int]:
    """A token's span with the blanks after it (and its line break) when it opens a line, else with those before."""
    if start == 0 or text[start - 1] == "\n":
        while end < len(text) and text[end] in " \t":
            end += 1
        return start, end + (end < len(text) and text[end] == "\n")
    while start > 0 and text[start - 1] in " \t":
        start -= 1
    return start, end


AUTHOR = re.compile(r"\b(?:I|we|my|our)\b")  # the author speaking ("This year I handled …")


def _junk_further_down(run: Run, sentence: Sentence) -> bool:
    """True when a sentence run together from lines with no end marks opens with a line that is no junk on its own
    and states a figure or date or is followed by one ("Your recon files were the main reason" over a chat message's
    "… for your reference" over "Dated 27 Aug 2024"): junk goes unguarded, so the sentence is left to the
    line-by-line check, which cuts only the junk lines."""
    if "\n" not in sentence.text or is_name_only(sentence.facts):
        return False
    lines = [line for line in sentence.text.split("\n") if line.strip()]
    turn = SPEAKER_LABEL.match(lines[0]) is not None  # a pasted chat's turn runs on into the answer: its lines that
    # are no junk and state a figure or date are the answer's ("User: … keep it short" / "Assistant:" / "2024 Year-End
    # Summary – …")
    slot = AUTHOR_NAME_SLOT.search(lines[0]) is not None  # a template's slot for the author's name over the author's
    # own details ("[Your Full Name]" / "Staff No.: NRC/LD/04417"): the details are the author's
    return any(not (run.lists.is_junk(line) or run.lists.is_junk(line, "chat") or run.lists.is_junk(line, "title_tag"))
               and (at == 0 or (turn or slot) and not is_name_only(facts_of(line))) for at, line in enumerate(lines))


SPEAKER_LABEL = re.compile(r"^[\W_]*(?:user|human|me|you|prompt|assistant|model|ai|chatgpt|bot)\s*[:：]", re.I)


def is_name_only(facts: Iterable[str]) -> bool:
    """True when these facts hold no figure and no date (names only, or nothing)."""
    return all(is_name(fact) for fact in facts)


def _authors_account(sentence: Sentence) -> bool:
    """True when the sentence is the author's own account with a figure ("This year I handled about 9,800 customer
    contacts across calls, webchat and the new in-app messaging channel."): junk goes unguarded, so a site pattern
    that happens to match it must not take it."""
    label = SAMPLE_LABEL.match(sentence.text)  # (a site's sample's number is no figure of the author's: "Sample 2:")
    facts = sentence.facts if label is None else facts_of(sentence.text[label.end():])
    return has_figure(f for f in facts if not YEAR.fullmatch(f)) and AUTHOR.search(sentence.text) is not None


SAMPLE_LABEL = re.compile(r"^[\W_]*(?:[^\n\"“:：]{0,60}\()?(?:sample|example) ?\d{1,2}\b", re.I)  # ("(Sample 2)")


SIGN_OFF = re.compile(r"^[\W_]*(?:(?:best|kind|warm|warmest|with best|with kind) (?:regards|wishes)|regards|sincerely|"
                      r"yours (?:sincerely|faithfully|truly)|respectfully(?: yours)?|many thanks|thanks|cheers)[\W_]*$",
                      re.I)


def _signs_off_the_author(block: Block, sentence: Sentence, later: Block | None) -> bool:
    """True when the sentence is a sign-off ("Kind regards,") with the author's own name after it, in its block or
    the next: the letter is the author's, its sign-off with it."""
    if not SIGN_OFF.match(sentence.text):
        return False
    after = block.sentences[block.sentences.index(sentence) + 1:] or (later.sentences if later is not None else [])
    return bool(after) and not after[0].placeholder and any(is_name(f) for f in after[0].facts)


def _every_line_junk(run: Run, block: Block) -> bool:
    """True when a paragraph of several lines has each line junk or chat (a line with no stop runs on into the next
    as one sentence, so no sentence of it matches: a chat pane's "Draft generated from: notes.docx" over its
    "AI-generated content may be incorrect."); a bracketed slot among them is the form's too."""
    lines = [line.strip() for line in block.raw if line.strip()]
    if len(lines) < 2:
        return False
    junk = [run.lists.is_junk(line) or run.lists.is_junk(line, "chat") for line in lines]
    return any(junk) and all(j or SLOT.match(line) for j, line in zip(junk, lines))  # a form's
    # blank part: "[to be completed by manager]" over "Manager's assessment: ________"


SLOT = re.compile(r"^[ \t*_]*\[[^\]\n]{1,80}\][ \t*_.]*$")  # a line that is nothing but a bracketed slot


def _slot_only_sections(run: Run) -> None:
    """A template's section left unfilled: a heading whose whole body is one bracketed slot ("### Manager
    comments" over "[to be completed by manager]", "## Areas for development" over "[Add areas for development
    here]") goes, heading and slot, as junk; a slot beside the author's text is theirs to fill and stays."""
    blocks = [b for b in run.blocks if not b.removed]
    for at, block in enumerate(blocks):
        if block.kind != "heading" and not block.heading_like:
            continue
        body = []
        for index in range(at + 1, len(blocks)):  # (a slice would copy the rest for each heading)
            later = blocks[index]
            if later.kind == "heading" or later.heading_like:
                break
            body.append(later)
        if body and all(b.kind in ("text", "title") for b in body) and \
                all(SLOT.match(line) or not line.strip() for b in body for line in b.raw) and \
                (block.kind != "heading" or len(body) == 1):
            _junk_blocks(run, [block] + body)


FORM_SLOT = r"(?:\[[^\]\n]{1,80}\](?!\()|_{2,}+(?:[ \t/.-]*+(?:(?:year|month|day)[ \t]*+)?_{2,}+)*+(?:[ \t]*(?:year|month|day))?|" \
    r"\bXX+\b)"  # a blank: "[Date]", "____", "___/___", "____ year __ month __ day"
FORM_LABEL = r"(?:[A-Za-z][\w'’ ./()-]{0,40}[:：][ \t*]*+)"  # a form's label before its blank: "Reviewer:", "**Date:** "
BLANK_FORM_LINE = re.compile(rf"^[ \t]*(?:(?:[-*+•]|\d{{1,2}}[.)])[ \t]+)?[ \t*]*+{FORM_LABEL}?{FORM_SLOT}"
                             rf"(?>[ \t*_|,;]+{FORM_LABEL}?{FORM_SLOT})*+[ \t*_.]*$")  # nothing but labels and blanks
# (each blank, label and later pair read once, possessively: "Approved by: ____…____ Municipal Mayor" was tried in
# exponentially many splits of its blank)


def _blank_form_lines(run: Run) -> None:
    """A template's line left unfilled, nothing in it but labels and their blanks ("**Reviewer:** [Manager's Name]",
    "Employee signature: ________ Date: ___/___/____", "4. [Add another goal]"): it goes as junk, for there is
    nothing of the author's in it (the placeholder report still lists the blank)."""
    for block in run.blocks:
        if block.removed or not block.raw:
            continue
        if block.kind == "opaque" and len(block.raw) == 1 and _blank_row(block.raw[0]):
            block.removed = True  # a table's row left unfilled: "| [Add objective] | [Target] | [Result] |"
            run.edit("junk", block.line, block.raw[0])
            continue
        if block.kind not in ("text", "item", "title"):
            continue
        if all(BLANK_FORM_LINE.match(line) or _template_signature(line) for line in block.raw if line.strip()) and \
                not _dates_a_figure(block):
            _junk_blocks(run, [block])
        elif block.kind == "text":
            for sentence in block.sentences:
                if not sentence.removed:
                    _cut_blank_fields(run, sentence)


def _dates_a_figure(block: Block) -> bool:
    """True when the block ties a month to a figure other than a year ("[+ CNESST annual statement … – filed March
    12]", an insertion marked in review): the author's, not a template's blank to fill ("December 20**", "[Insert 2–3
    goals]")."""
    return _dates(facts_of("\n".join(block.raw)))


def _dates(facts: frozenset[str]) -> bool:
    """True when the facts tie a month to a figure other than a year (a date: "[1 January 2024 – 31 December 2024]")."""
    return any(not YEAR.fullmatch(figure) for _, figure in month_figure_pairs(facts))


SIGNATURE_MAX_WORDS = 15  # words a template's signature or date line may have
SIGNATURE_MIN_BLANKS = 2  # of the template's own blanks it holds: one could be the author's "the XX branch"


def _template_signature(line: str) -> bool:
    """True when a line with no end mark holds two of a template's own blanks or more: the site's signature, name or
    date line left unfilled ("XX County Public Security Bureau XX Police Station XXX December 20**")."""
    return template_blanks(line) >= SIGNATURE_MIN_BLANKS and not END_PUNCT.search(fill_template_blanks(line)) and \
        len(WORD.findall(line)) <= SIGNATURE_MAX_WORDS  # (a blank filled in first: "Job number: ××××" ends on it)


def _blank_row(row: str) -> bool:
    """True when a Markdown table row holds nothing but blanks and empty cells."""
    row = row.strip()
    if not row.startswith("|"):
        return False
    cells = [cell.strip() for cell in row.strip("|").split("|")]
    return any(cells) and all(not cell or BLANK_FORM_LINE.match(cell) for cell in cells)


# between the parts of a menu, a breadcrumb or a share bar
PAGE_SEPARATOR = re.compile(r"[ \t]*(?:\||>>|<<|->|[»«·•›→])[ \t]*")
PAGE_FIELD = re.compile(r"(?<![^\s|·•*_])[A-Za-z][A-Za-z ]{0,20}[:：]")  # a page stamp's field label: "Views:"
CHROME_PART_WORDS = 6  # words a menu's part may have ("©2017 Jiudian Guanli Wang Contact us")
CHROME_MIN_PARTS = 3  # parts a line needs to read as a menu: two could be the author's "Sales | Support"
CHROME_MAX_WORDS = 30  # words a line of page chrome may have
PAGER_MAX_WORDS = 16  # words a pager or download bar may have, naming two parts of the page
BUTTON_MAX_WORDS = 4  # words a button or pager may have, naming one ("Page 1 / 2", "You may also like")
PAGE_LABEL = re.compile(r"^[^:：|»«·•›]{1,40}[:：]")  # a menu's label before its parts: "Similar documents:"


def _page_chrome(run: Run) -> None:
    """A web page's menu, breadcrumb, share bar or stamp, on a line of its own with no end mark: three short parts or
    more between separators, or two "label: value" fields or more, one of them naming a part of the page (the
    `page_part` list: "Home >> Bank Summary >> Teller Summary", "Release: 2023-12-05 Views: 966 Comments: 0"); or a
    short line naming two parts of the page ("1 2 3 Next page »"), or a button of a few words naming one ("Page 1 /
    2")."""
    for block in run.blocks:
        if block.removed or block.kind not in ("text", "title", "item") or len(block.raw) != 1 or not block.sentences:
            continue
        line = block.raw[0].strip()
        words = len(WORD.findall(line))
        if line.startswith("|") or END_PUNCT.search(line) or words > CHROME_MAX_WORDS or \
                any(map(_authors_account, block.sentences)):
            continue
        parts = [part for part in PAGE_SEPARATOR.split(PAGE_LABEL.sub("", line)) if part.strip(" *_-")]
        menu = len(parts) >= CHROME_MIN_PARTS and all(len(WORD.findall(p)) <= CHROME_PART_WORDS for p in parts)
        stamp = len(PAGE_FIELD.findall(line)) >= 2
        found = (pattern.search(line) for pattern in run.lists.page_part) if menu or stamp or words <= PAGER_MAX_WORDS \
            else ()
        named = [match.group(0) for match in found if match]
        button = words <= BUTTON_MAX_WORDS and any(len(WORD.findall(n)) >= 2 for n in named)  # "Page 1 / 2", not
        # a heading's one word ("Home visits", "Any other comments")
        if named and (menu or stamp or len(named) >= 2 or button):
            _junk_blocks(run, [block])


# a site's comment thread under its label: "Comments (27)", "Reader comments", "Comments:" over its posts, each a
# line of a handle (a date or a place beside it) and the post: "Nong Ploy — 14 Nov 2023: Thank you …", "Tatyana,
# 22.01.2024: Thank you …", "Guest: Is there a sample for the cashier?", "Admin: @Guest Yes, …"
POST_DATE = r"(?:[A-Z][a-z]{2,8}\.? \d{1,2},? \d{4}|\d{1,2} [A-Z][a-z]{2,8}\.? \d{4}|\d{1,2}[./-]\d{1,2}[./-]\d{2,4})"
COMMENTS_LABEL = re.compile(r"^[\W_]*(?:\d[\d,.]*[ \t]+)?(?:reader |readers[’'] |user |visitor |latest )?(?:comments?|discussion|replies)"
                            r"[ \t]*(?:\(\d[\d,.]*\)|\d[\d,.]*)?[ \t]*[:：]?[\W_]*$", re.I)
COMMENT_POST = re.compile(r"^[\W_]*@?[\w.][\w .@'’-]{0,30}?[*_]*(?:(?:[ \t]*[,·—–]|[ \t]+(?=" + POST_DATE + r"))[ \t]*"
                          r"(?:\d{1,2}:\d{2}|[^:：\n—–]){1,40}?)?"
                          r"[ \t]*(?:[:：]|[ \t][—–])[ \t]+\S")  # (its byline may hold the time: "… at 9:14 am:", and
# its date right after the handle: "**Priya S.** March 3, 2024 at 10:14 am – Very helpful sample sir")
COMMENT_MIN_POSTS = 2  # posts under the label: one "Name: text" line could be a form's field the author filled
COMMENT_POST_MAX_WORDS = 45  # words a post may have


# the reader telling the author what they did: "you also covered", "you ran", "you took over", "you were voted" (not
# "you asked"), "you were the settlement contact": a reviewer's fact of the author's year
YOU_DID = re.compile(r"\byou\s+(?:also\s+|even\s+|actually\s+|single-handedly\s+)?(?!asked\b|wanted\b|said\b|"
                     r"mentioned\b|need\w*\b)(?:\w{3,}ed|ran|led|took|made|did|won|wrote|built|taught|gave|set up|"
                     r"got|met|brought|kept|found|sold|drove|stepped in|held|hit|beat|saw|"
                     r"(?:were|was|have been|got)\s+(?:\w{3,}ed|chosen|given|made|the|our|a|an|in charge)\b)\b", re.I)
# a reviewer asking the author to add something to the text: "please also include that …", "pls add the audit"
ASKS_TO_ADD = re.compile(r"\b(?:please|pls|plz|can you|could you|don't forget to|remember to)\s+(?:also\s+)?"
                         r"(?:include|add|mention|put in)\b", re.I)


def _site_comments(run: Run) -> None:
    """A site's comment thread copied with its page: the label ("Comments (4)") and the posts under it in its block
    (each a handle's line, COMMENT_POST), with a "Load more comments" button among them, go whole as junk. A form's
    "Comments:" field over the author's own lines stays: a post that is the author's account with a figure ("I closed
    412 claims") or a reviewer's on the text ("please also include …") is no reader's, and the posts must be two or
    more."""
    blocks = run.blocks
    for at, block in enumerate(blocks):
        if block.removed or block.kind not in ("text", "title", "heading") or not COMMENTS_LABEL.match(block.raw[0]):
            continue
        thread = [block]
        if len(block.raw) == 1:  # the label alone, each post a block of its own under it
            while at + len(thread) < len(blocks) and _one_line_post(run, blocks[at + len(thread)]):
                thread.append(blocks[at + len(thread)])
        lines = block.raw[1:] + [line for b in thread[1:] for line in b.raw]
        if len(lines) < COMMENT_MIN_POSTS:
            continue
        posts = [(line, COMMENT_POST.match(line)) for line in lines if line.strip()]
        if sum(1 for _, post in posts if post) < COMMENT_MIN_POSTS or \
                any(len(WORD.findall(line)) > COMMENT_POST_MAX_WORDS for line, _ in posts) or \
                any(_authors_post(line, post) or _reviewers_post(line, post) for line, post in posts) or \
                not all(post or run.lists.is_junk(line) or any(p.search(line) for p in run.lists.page_part)
                        for line, post in posts):
            continue
        _junk_blocks(run, thread)


# a searching model's or a page's list of its web sources under its label: "Sources" over "How to Write a
# Self-Evaluation | Indeed.com" and "indeed · 1", or "1. justice.gov.ma – Ministère de la Justice"
SOURCES_LABEL = re.compile(r"^[\W_]*(?:sources|references|citations|quellen|fuentes|fontes|fonti|bronnen|źródła)"
                           r"[ \t]*(?:\(\d{1,3}\))?[\W_]*$", re.I)
WEB_DOMAIN = re.compile(r"\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|gov|edu|int|io|ai|co|uk|ie|au|ca|in|de|fr|es|it|nl|"
                        r"ma|ke|ng|za|ph|my|sg|nz|br|pl)\b|\bhttps?://", re.I)
SOURCE_LINE_WORDS = 12  # words of a source list's line at most: a page's title, its site, "+2 sources"


def _source_lists(run: Run) -> None:
    """A list of web sources under its label ("Sources", "References") goes whole as junk, in its block or in the
    list items after it: short lines, no sentence among them (a page's title, "indeed · 1", "+2 sources"), some naming
    a web address ("Indeed.com", "justice.gov.ma")."""
    blocks = run.blocks
    for at, block in enumerate(blocks):
        if block.removed or block.kind not in ("text", "title", "heading") or not block.raw or \
                not SOURCES_LABEL.match(block.raw[0]):
            continue
        listed = [block]
        while at + len(listed) < len(blocks) and blocks[at + len(listed)].kind == "item" and \
                not blocks[at + len(listed)].removed:
            listed.append(blocks[at + len(listed)])
        lines = [line for b in listed for line in b.raw][1:]
        if lines and any(WEB_DOMAIN.search(line) for line in lines) and \
                all(len(WORD.findall(line)) <= SOURCE_LINE_WORDS and not END_PUNCT.search(line.rstrip())
                    for line in lines):
            _junk_blocks(run, listed)


def _one_line_post(run: Run, block: Block) -> bool:
    """True when a block is one line of a site's comment thread: a post under its handle, or the thread's button
    ("Leave a comment")."""
    return not block.removed and block.kind in ("text", "title") and len(block.raw) == 1 and \
        (COMMENT_POST.match(block.raw[0]) is not None or run.lists.is_junk(block.raw[0]))


def _reviewers_post(line: str, post: re.Match | None) -> bool:
    """True when a line under a comments label is a reviewer's on the author's text, not a reader's on a page: it asks
    to add something ("please also include that …") or tells the author what they did ("you were voted …")."""
    body = line[post.end() - 1:] if post else line
    return ASKS_TO_ADD.search(body) is not None or YOU_DID.search(body) is not None


def _authors_post(line: str, post: re.Match | None) -> bool:
    """True when a line under a comments label (`post`: its COMMENT_POST match, if any) tells the author's own
    account with a figure after its handle ("Me, Dec 2024: I closed 412 claims"): a form's field, not a reader's
    post."""
    body = line[post.end() - 1:] if post else line
    return has_figure(f for f in facts_of(body) if not YEAR.fullmatch(f)) and AUTHOR.search(body) is not None


THREAD_MESSAGES = 3  # stamped messages, at least, of a thread whose short messages are its chatter
CHATTER_WORDS = 20  # words, at most, of a message that is the thread's chatter, not the draft


def _message_stamps(run: Run) -> None:
    """A chat app's stamp on each message of a thread copied with the draft (MESSAGE_STAMP: the sender and the time)
    is cut as junk, whole line or the part before the message's words. A stamp names the app's post, never a fact of
    the year. Each stamped message is a block of its own (the document model starts one at a stamp); in a thread of
    THREAD_MESSAGES messages or more, a short one ("Very good 👏🏾👏🏾", "Thank you all 🙏🏾") is the colleagues' chatter
    around the draft: it goes as chat, and the guard keeps a sentence of it that states a fact the text states
    nowhere else ("Oh and I forgot – I was agent of the month in April and September"). The longer messages, and
    those with a figure, are left to the other passes and the guard."""
    messages: list[list[Block]] = []  # each message's blocks: the one its stamp opens and those up to the next stamp
    for block in run.blocks:
        stamped = block.kind != "opaque" and bool(block.raw) and MESSAGE_STAMP.match(block.raw[0]) is not None
        if stamped:
            messages.append([])
        if messages:
            messages[-1].append(block)
        if block.removed or block.kind not in ("text", "title", "item"):
            continue
        for sentence in block.sentences:
            if not sentence.removed and MESSAGE_STAMP.search(sentence.text):
                _cut_stamps(run, sentence)
    if len(messages) < THREAD_MESSAGES:
        return
    for blocks in messages:
        said = [x for b in blocks if not b.removed and b.kind != "opaque" for x in b.sentences if not x.removed]
        if said and sum(len(WORD.findall(x.text)) for x in said) <= CHATTER_WORDS and \
                not any(has_figure(x.facts) for x in said):  # (a short message with a figure may set one right: "also
            # the 7,450 peak was White Friday only. 11.11 was 6,980")
            for sentence in said:
                sentence.removed = True
                run.edit("chat", sentence.line, sentence.text, of=sentence)


def _cut_stamps(run: Run, sentence: Sentence) -> None:
    """Cut a sentence's message stamps as junk, a stamp on a line of its own with that line's break; a sentence of
    nothing but stamps goes whole."""
    text = sentence.text
    stamps = [m.span() for m in MESSAGE_STAMP.finditer(text)]
    if sum(b - a for a, b in stamps) >= len(text.strip()):
        sentence.removed = True
        run.edit("junk", sentence.line, text, of=sentence)
        return
    run.cut(sentence, [(a, b + 1) if text.startswith("\n", b) and (a == 0 or text[a - 1] == "\n") else (a, b)
                       for a, b in stamps], "junk", repeat=False)


def _cut_blank_fields(run: Run, sentence: Sentence) -> None:
    """Cut the unfilled fields, each a whole line, from a header read as one sentence ("Employee: Megan K" /
    "Employee ID: [Insert Employee ID]" / "Review period: 2022", or a name and post over "[Hotel Name], [Hotel
    Address]"); the filled ones stay, and so does a line inside a sentence wrapped over lines."""
    text = sentence.text
    lines = text.split("\n")
    blank = [_blank_field(line) and not _runs_on(lines, at) and not _dates(facts_of(line))
             for at, line in enumerate(lines)]  # (a field filled in brackets: "Reporting period: [1 January 2024 –
    # 31 December 2024]")
    if not any(blank):
        return
    if all(blank):  # a sentence of its own beside the author's ("Line Manager: [Manager's Name]" under "Name: Jo")
        sentence.removed = True
        run.edit("junk", sentence.line, text, of=sentence)
        return
    starts = _line_starts(lines)
    cuts = []
    for at, is_blank in enumerate(blank):
        if not is_blank or at and blank[at - 1]:
            continue
        last = at
        while last + 1 < len(lines) and blank[last + 1]:
            last += 1
        cuts.append(_lines_span(starts, at, last))
    run.cut(sentence, cuts, "junk", repeat=False)


def _line_starts(lines: list[str]) -> list[int]:
    """Where each of a text's lines starts, and (last) where a line after them would."""
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line) + 1)
    return starts


def _lines_span(starts: list[int], first: int, last: int) -> tuple[int, int]:
    """The span of lines first..last of a text, with one line break: the one after them, or for the text's last
    lines the one before."""
    end = starts[last + 1] - 1  # the end of the last line, before its line break
    return (starts[first], end + 1) if last + 2 < len(starts) else (starts[first] - 1, end)


LABELLED = re.compile(rf"^[ \t]*(?:(?:[-*+•]|\d{{1,2}}[.)])[ \t]+)?[ \t*_]*{FORM_LABEL}")


def _blank_field(line: str) -> bool:
    """True when a line is a form's field left blank ("Line Manager: [Manager's Name]") or a row of blanks ("[Hotel
    Name], [Hotel Address]"); a lone bracketed instruction ("[Insert an example here]") is the author's to fill, and
    a box holding a choice ("[ 4 – Exceeds Expectations ▾ ]") is filled."""
    return bool(BLANK_FORM_LINE.match(line)) and not CHOSEN.search(line) and \
        (LABELLED.match(line) is not None or len(re.findall(FORM_SLOT, line)) >= 2)


CHOSEN = re.compile(r"\[[ \t]*\d(?:[.,]\d)?[ \t]*[–—=-][^\]\n]*\]|\[[^\]\n]*[▾▼][^\]\n]*\]")  # a list's choice in its
# box: "[ 4 – Exceeds Expectations ▾ ]" (not a blank's own number: "[Goal 1]")


RUN_ON_END = re.compile(r"(?:[,;–—-]|\b(?:and|or|the|a|an|of|to|in|at|for|with|by|from|as))[ \t*_]*$", re.I)


def _runs_on(lines: list[str], at: int) -> bool:
    """True when a line is inside a sentence wrapped over lines ("I joined" / "[Company Name]" / "in 2019."): the
    line before it leaves the sentence open, or the next goes on in lowercase."""
    before = lines[at - 1] if at else ""
    after = lines[at + 1].lstrip(" \t*_") if at + 1 < len(lines) else ""
    return bool(RUN_ON_END.search(before)) or after[:1].islower()


# where an email reply quotes the message it answers: "On Mon, Maria Lindqvist wrote:" over "> " lines, or a
# "-----Original Message-----" line or Outlook's rule of underscores over the quoted message's "From:" / "To:" lines
# (and as mail programs write it in the user's language: "Il giorno lun 9 dic 2024 alle ore 10:15 Giulia Ferri <…> ha
# scritto:", "Am Mo., 9. Dez. 2024 um 10:15 Uhr schrieb …:", "Le lun. 9 déc. 2024 à 10:15, … a écrit :", "El … escribió:",
# "Em … escreveu:", "Op … schreef …:", "Den … skrev …:", "W dniu … napisał(a):")
QUOTE_INTRO = re.compile(r"^[ \t*_]*(?:on|il giorno|am|le|el|em|op|den|w dniu)\b[^\n]{0,160}?\b(?:wrote|ha scritto|"
                         r"schrieb|a écrit|escribió|escreveu|schreef|skrev|napisał(?:\(a\)|a)?)(?:\s[^\n:]{0,100})?"
                         r"\s*:[ \t*_]*$", re.I)
QUOTED_HEADER = re.compile(r"^[ \t>*_]*(?:-{2,}\s*original message\s*-{2,}|_{8,})[ \t]*\n[ \t*_]*from\s*:[^\n]*\n"
                           r"[ \t*_]*(?:to|sent|date|subject|cc)\s*:", re.I)
QUOTED_LINE = re.compile(r"^[ \t]*>")


def _quoted_thread(run: Run) -> None:
    """An email reply pasted with the earlier message it quotes below the author's text: "On Mon, Maria wrote:" and
    the "> " lines after it, or a "-----Original Message-----" (or Outlook's "____") over that message's "From:" and
    "To:" lines and everything below. It is someone else's message, not the summary, and goes (_remove_thread). A
    header at the very top (nothing of the author's above it) is left alone: a forwarded summary is the author's text
    below its header, and so is a quoted message with parts under headings that is longer than all the text above it
    (_quotes_the_summary); "… wrote:" with no quoted lines under it is the author's own account."""
    said = False  # an earlier block of the author's text stays above the header
    blocks = run.blocks
    quoted_from: list[bool] = []  # whether every line from each block on is quoted or blank: read once, from the
    # end, and only when a "… wrote:" line asks (a text of many such lines stays linear)
    words_from = _words_from(blocks)  # the words of each block on to the end
    for at, block in enumerate(blocks):
        if block.removed or block.kind == "opaque" and not block.raw:
            continue
        lines = block.raw[:2] + (blocks[at + 1].raw[:2] if at + 1 < len(blocks) else [])
        if said and QUOTED_HEADER.match("\n".join(lines)):
            if not _quotes_the_summary(blocks, at, words_from):
                _remove_thread(run, blocks[at:])
            return
        if said and QUOTE_INTRO.match(block.raw[0]):
            if not quoted_from:
                quoted_from = _quoted_from(blocks)
            rest = block.raw[1:]
            if _quoted_or_blank(rest):
                if quoted_from[at + 1] and (any(line.strip() for line in rest) or
                                            any(not b.removed for b in blocks[at + 1:at + 2])):
                    if not _quotes_the_summary(blocks, at, words_from):
                        _remove_thread(run, blocks[at:])
                    return
                end = at + 1  # the quoted message, with the author's text going on below it (the draft pasted
                # under the thread it answers)
                while end < len(blocks) and (blocks[end].removed or _all_quoted(blocks[end].raw)):
                    end += 1
                if any(QUOTED_LINE.match(line) for b in blocks[at:end] for line in b.raw):
                    _remove_thread(run, blocks[at:end])
        said = said or block.kind in ("text", "item")


# an e-mail's header lines, as a mail program prints them over a message: "From: Siobhán Keane <siobhan.keane@…>",
# "Sent: Thursday, 5 December 2024 16:47", "To: …", "Cc: …", "Subject: RE: Year-end summary – draft v2"
MAIL_FIELD = re.compile(r"^[\W_]*(from|sent|date|to|cc|bcc|subject|reply-to)[*_]*\s*[:：]", re.I)
MAIL_SENT = re.compile(r"^[\W_]*sent[*_]*\s*[:：]|@[\w-]+\.\w", re.I | re.M)  # Outlook's "Sent:" line, or an
# address: a memo's "Date:" and "RE:" lines name no mail
# a subject that answers or passes on an earlier message: "RE:", "FW:", "Fwd:", and Outlook's German and French "AW:",
# "WG:", "TR:"
REPLY_SUBJECT = re.compile(r"^[\W_]*subject[*_]*\s*[:：]\s*(?:(?:re|fw|fwd|aw|wg|tr)\s*[:：]\s*)+", re.I | re.M)
MAIL_MIN_FIELDS = 3  # header lines a block needs to read as a mail's header (a memo's "To:" / "From:" has two)


def _reply_headers(run: Run) -> None:
    """The header of a reply or a forward ("From: … / Sent: … / To: … / Subject: RE: Year-end summary – draft v2")
    goes whole as junk, wherever it stands: the summary came by mail, and the header names the mail, not the year. A
    header over a new message (a subject with no "RE:" or "FW:") is the author's letter sending the summary, and so
    is a memo's "To:" / "From:" block: they stay. (A thread quoted below the author's text is _quoted_thread's.)"""
    for block in run.blocks:
        if block.removed or block.kind not in ("text", "title"):
            continue
        lines = [line for line in block.raw if line.strip()]
        fields = [MAIL_FIELD.match(line) for line in lines]
        if len(lines) < MAIL_MIN_FIELDS or not all(fields):
            continue
        header = "\n".join(lines)
        if "from" in {field.group(1).lower() for field in fields} and MAIL_SENT.search(header) and REPLY_SUBJECT.search(header):
            _junk_blocks(run, [block])


def _quotes_the_summary(blocks: list[Block], at: int, words_from: list[int]) -> bool:
    """True when the message quoted from this block on is the summary a short reply was written on (c352-06: "Hi Wei
    Ling, looks fine." over the author's forwarded draft): it has more words than all the text above it, and parts
    under headings or titles, as a summary has and an email does not."""
    return words_from[at] > words_from[0] - words_from[at] and \
        any(block.kind in ("heading", "title") or block.heading_like for block in blocks[at + 1:])


def _words_from(blocks: list[Block]) -> list[int]:
    """For each block, the words of it and every block after it, as written (and 0 after the last)."""
    counts = [0] * (len(blocks) + 1)
    for at in range(len(blocks) - 1, -1, -1):
        counts[at] = counts[at + 1] + sum(len(line.split()) for line in blocks[at].raw)
    return counts


def _remove_thread(run: Run, blocks: list[Block]) -> None:
    """Remove a quoted email thread as junk, but for a line of someone's message that corrects or gives a figure the
    author's text states nowhere else ("> … your recoveries closed at €187,450 for the year. The €162,000 is the
    end-of-Q3 figure"): that line stays for the author to see (_gives_a_figure), the rest of its block goes."""
    inside = {id(x) for block in blocks for x in block.sentences}
    stated = run.facts_stated_outside(inside)
    for block in blocks:
        if block.removed:
            continue
        if block.kind == "opaque" or not any(_gives_a_figure(line, stated) for line in block.raw):
            _junk_blocks(run, [block])
            continue
        for sentence in block.sentences:
            if sentence.removed:
                continue
            _cut_lines(run, sentence, [not _gives_a_figure(line, stated) for line in sentence.text.split("\n")], "junk")


QUOTED_MESSAGE_WORDS = 6  # words a quoted line needs to say something (not "> Thanks," or "> Niamh Kearney | …")
MONTH_WORD = "|".join(name for names in MONTH_NAMES for name in names)
NOT_A_FIGURE = re.compile(rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{MONTH_WORD})\b|\b(?:{MONTH_WORD})\b\.?\s+\d{{1,2}}\b|"
                          r"\b\d{1,2}(?:st|nd|rd|th)\b|\b\d{1,2}:\d{2}\b|\+?\d[\d ()-]{6,}\d", re.I)  # a day's date
# ("6 December", "the 13th"), a time, a phone number


# the author's account of the year, in the past tense: "I was deployed", "we closed" (not "I need", "so I can sign")
PAST_ACCOUNT = re.compile(r"(?-i:\b(?:I|[Ww]e)\s+(?:also\s+)?(?:was|were|had|did|led|ran|took|made|won|wrote|"
                          r"\w{3,}ed)\b)")


def _gives_a_figure(line: str, stated) -> bool:
    """True when a line of a quoted message says something (QUOTED_MESSAGE_WORDS words or more, with an end mark)
    and gives a figure, not a year, a day's date, a time or a phone number, that `stated` (the author's text) lacks;
    or, told as an account of the year ("I was deployed", PAST_ACCOUNT), a figure or a date it lacks ("> From 29 July
    to 2 August I was deployed to Hinton …", the item the author's earlier mail added; not "I need them by the
    13th")."""
    text = line.lstrip(" \t>")
    if QUOTE_INTRO.match(text) or len(WORD.findall(text)) < QUOTED_MESSAGE_WORDS or not END_PUNCT.search(text):
        return False
    if PAST_ACCOUNT.search(text) and any((is_figure(fact) or fact in DATE_WORDS) and not YEAR.fullmatch(fact) and
                                         fact not in stated for fact in facts_of(text)):
        return True
    return any(is_figure(fact) and not YEAR.fullmatch(fact) and fact not in stated
               for fact in facts_of(NOT_A_FIGURE.sub(" ", text)))


def _quoted_or_blank(lines: list[str]) -> bool:
    """True when every line is quoted ("> …") or blank."""
    return all(QUOTED_LINE.match(line) or not line.strip() for line in lines)


def _all_quoted(lines: list[str]) -> bool:
    """True when the lines hold a quoted line ("> …") and every other is blank."""
    return any(QUOTED_LINE.match(line) for line in lines) and _quoted_or_blank(lines)


def _quoted_from(blocks: list[Block]) -> list[bool]:
    """For each block, whether every line from it to the end is quoted ("> …"), blank or already gone."""
    out = [False] * (len(blocks) + 1)
    out[-1] = True
    for at in range(len(blocks) - 1, -1, -1):
        out[at] = out[at + 1] and (blocks[at].removed or _quoted_or_blank(blocks[at].raw))
    return out


def _remove_sentences(run: Run, block: Block, kind: str, only=None) -> None:
    """Remove each sentence of the block still in the text (each one `only` accepts, when given), as this kind (the
    block itself stays, for the guard)."""
    for sentence in block.sentences:
        if not sentence.removed and (only is None or only(sentence)):
            sentence.removed = True
            run.edit(kind, sentence.line, sentence.text, of=sentence)


def _junk_blocks(run: Run, blocks: list[Block]) -> None:
    """Remove these blocks whole, as junk."""
    for block in blocks:
        if block.removed:
            continue
        for sentence in block.sentences:
            sentence.removed = True
        block.removed = True
        run.edit("junk", block.line, "\n".join(block.raw))


LABEL_WITH_TEXT = re.compile(r"[:：][\W_]*\w")  # a line that goes on after its colon is a line, not a label
SITE_LIST_HEADING = re.compile(r"\b(?:tips|advice|related|recommended|similar|more) \w+|\bhow to\b", re.I)
# a check or tip the model gives the user under its label: "Confirm the £210,000 value with finance.", "Is the 2025
# quota confirmed, or still a draft number?", "Lead with the 642 closed claims."
CHECK_FOR_THE_USER = re.compile(r"^[\W_]*(?:confirm|check|double-check|verify|make sure|ensure|decide|ask|see whether|"
                                r"lead with|open with|start with|mention|bring|paste|highlight|emphasi[sz]e|quote)\b|"
                                r"\?[\W_]*$", re.I)
# what the model offers to do next under its "I can also:" ("Translate it into Tamil", "Turn this into a one-page
# version for the HR system"): its names are the offer's, not the author's facts
OFFER = re.compile(r"^[\W_]*(?:turn|convert|translate|create|make|adjust|shorten|expand|rewrite|tailor|reformat|format|"
                   r"condense|adapt|split|draft|prepare|put)\b[^\n]{0,80}?\b(?:this|it|them)\b", re.I)
TO_THE_USER = re.compile(r"\byou(?:r|rs|\x27ve|’ve|\x27re|’re)?\b", re.I)  # the model's advice speaks to the user


def _list_under_chat_label(run: Run) -> None:
    """The list right under a label of the model's that went as junk or chat ("**Tips for finalizing:**", "If you
    want, I can also:"): its items, none with a figure, name or placeholder, are the model's advice to the user
    ("Consider one sentence on your own development.") and go as junk, the author's counts in words not being in
    them. Under a site's label ("More related articles:") an item with no end mark is a link to another page, and
    its blank ("… work summary 20**") the site's: it goes too. An item with a figure or name that speaks to the user
    ("Numbers like 2,140 quotes make your impact concrete."), or sets the user a check ("Confirm the £210,000 value
    with finance."), goes as chat: the guard keeps it if a fact of it is said nowhere else."""
    label = ""  # the kind of the label just above that went: "junk" (a site's) or "chat"; "" when none did
    for block in run.blocks:
        if block.kind == "item" and label:
            if block.removed:
                continue
            links = label == "junk" and not END_PUNCT.search(block.content)
            offer = all(OFFER.match(s.text) for s in block.sentences)  # what the model offers to do next
            if offer or not any(s.placeholder and not links or has_figure(s.facts) or any(map(is_name, s.facts))
                                for s in block.sentences):
                _junk_blocks(run, [block])
            elif all((TO_THE_USER.search(s.text) or CHECK_FOR_THE_USER.search(s.text))
                     and not s.placeholder for s in block.sentences):
                for sentence in block.sentences:
                    sentence.removed = True
                    run.edit("chat", sentence.line, sentence.text, of=sentence)
            continue
        gone = bool(block.sentences) and all(s.removed for s in block.sentences) and \
            (block.content.rstrip(" *_").endswith((":", "：")) or
             (block.kind in ("heading", "title") or block.heading_like) and SITE_LIST_HEADING.search(block.content)
             and not LABEL_WITH_TEXT.search(block.content) and _went_as_junk(run, block))
        # (a site's heading over its advice or links that went as junk is a label too: "**Tips for writing your own
        # review**"; a prompt's "Section: Goals" over the author's goals is not, nor a link with its own text after the
        # colon, "Recommended reading: Nurses' epidemic prevention deeds (10 articles)", over the author's next part)
        label = ("junk" if _went_as_junk(run, block) else "chat") if gone else ""


# a model's label over the user's own notes, copied back under its draft or above it: "**Facts used:**", "Your
# input:", "Notes provided:"
INPUT_LABEL = re.compile(r"^[\W_]*(?:facts used|(?:key )?facts \(for reference\)|(?:the )?facts (?:you )?(?:gave|provided|given|shared)|your (?:input|"
                         r"notes|raw notes|bullets|bullet points|facts|points)|(?:raw |original |input )?notes (?:provided|"
                         r"given|used|you (?:gave|shared|provided))|input(?: facts| notes)?|the (?:facts|notes|bullets|"
                         r"points) (?:you (?:gave|provided|shared)|provided|used)|source notes|information (?:provided|"
                         r"used))(?: \(for reference\))?\s*[:：]?[\W_]*$", re.I)


def _echoed_input(run: Run) -> None:
    """The user's notes a model copies back beside its draft, under a label naming them ("**Facts used:**" over
    "* 186 shifts in 2024, 61 nights"): the label goes as junk and the list under it as chat, so an item stating a
    fact the draft leaves out is kept by the guard."""
    label = False
    for block in run.blocks:
        if block.removed:
            continue
        if block.kind == "item" and label:
            _remove_sentences(run, block, "chat")
            continue
        label = block.kind in ("heading", "title", "text") and INPUT_LABEL.match(block.content) is not None
        if label:
            _junk_blocks(run, [block])


# the user's turn pasted above the model's answer: a request to the model ("pls make this into proper year end
# summary, formal language", "can you turn these into paragraphs"; not the model's offer, "Would you like me to
# shorten it?") or a label over the user's notes ("my points (rough):", "Here are my notes:")
USER_REQUEST = re.compile(r"^[\W_]*(?:hi[\W_]+|hey[\W_]+|[^\n.!?]{1,30}[.!?,][ \t]+)?(?:(?:can|could|would) you(?! like me)|"
                          r"please|pls|plz)\b"  # (after a greeting: "Salam. Please write …", "Good morning sir! Can …")
                          r"[^\n]{0,80}?\b(?:write|make|turn|draft|rewrite|re-write|summari[sz]e|create|give me|put|"
                          r"polish|tidy|fix|shorten|convert|format|add|include|mention|reword|rephrase)\b", re.I)
NOTES_LABEL = re.compile(r"^[\W_]*(?:(?:here are|these are|below are) )?(?:my|the) (?:raw |rough )?(?:notes|points|bullets|"
                         r"bullet points|facts)\b[^\n]{0,100}[:：][\W_]*$", re.I)
# the user telling the model what they need: "Hi, I need a STAR format year-end summary for the HR portal."
USER_NEEDS = re.compile(r"^[\W_]*(?:(?:hi|hello|hey)\b[\W_]*)?(?:i need|i want|i'd like|i would like|need|help me "
                        r"(?:write|with|make|draft))\b[^\n]{0,60}\b(?:summary|review|appraisal|self-appraisal|"
                        r"self-assessment|write-up|accomplishment report)\b", re.I)
# the model's consent that opens its answer, in English or the user's language ("Sure!", "Bien sûr !", "Oczywiście!",
# "Elbette!"), and its words presenting what follows ("Here's", "Voici", "Oto", "İşte"); an opener in another language
# presents only with a colon at its line's end ("Oczywiście! Oto bardziej formalna wersja …:")
OPENER_SURE = word_class("consent") + r"\b[\W_]*"  # (the lists' word classes: drafter/data/cleanup/chat.toml)
OPENER_HERE_ELSEWHERE = word_class("present_elsewhere")
OPENER_HERE = r"here(?:'s|’s| is| are)|below (?:is|are)|" + OPENER_HERE_ELSEWHERE
CONSENT = re.compile(r"^[\W_]*" + OPENER_SURE, re.I)
OPENER_ELSEWHERE = re.compile(r"^[\W_]*(?:" + OPENER_SURE + r")?(?:" + OPENER_HERE_ELSEWHERE + r")\b", re.I)
# the model's opener that presents its answer: "Certainly! Here is a formal one-page summary based on your points:"
ANSWER_OPENER = re.compile(r"^[\W_]*(?:[^\W\d_][\w.-]{0,20}[ \t]?[:：][ \t]*)?"  # (after the bot's name on its line:
                           # "Llama: Here is your year-end summary as a numbered list:")
                           r"(?:" + OPENER_SURE + r")?(?:" + OPENER_HERE + r")\b(?:[^\n]{0,160}[:：][\W_]*$|"
                           r"[^\n.!?:]{0,80}\b(?:summary|draft|version|review|self-review|appraisal|write-up|report)\b)",
                           re.I)  # (or one that names what it presents: "Below is a polished year-end summary …. I've …")
# the user's request anywhere in the first line of their turn: "my notes for the year, can you make a year end
# summary …", "Year end summary from this pls, short:"
USER_ASKS = re.compile(r"\b(?:(?:can|could|would) you\b(?! like\b| want\b| prefer\b)"  # (not the model's offer:
                       # "Would you like me to make it shorter?")
                       r"[^\n]{0,80}?\b(?:write|make|turn|draft|rewrite|summari[sz]e|"
                       r"create|give me|put|polish|tidy|convert|format|add|include|mention|reword|rephrase)\b|(?:summary|review|appraisal|draft|this|these)"
                       r"\b[^\n]{0,30}\b(?:pls|plz|please)\b)", re.I)


OPENER_SENTENCES = 3  # sentences of a block the opener may be among ("I'll turn these into a reflective piece …
# Here's a draft:")


def _request_above_the_answer(run: Run) -> None:
    """The user's request and notes pasted above the model's answer, from the first request or notes label to the
    opener that presents the answer ("Certainly! Here is … based on your points:", or, under a prompt to write the
    summary that opens the text, the answer's first heading or title), go as chat when they are only
    that (requests, labels, list items): the guard keeps any note that states a fact the answer leaves out. A title
    above the request stays."""
    blocks = run.blocks
    opener = next((at for at, block in enumerate(blocks) if block.kind != "opaque" and block.sentences and
                   any(ANSWER_OPENER.match(x.text) for x in block.sentences[:OPENER_SENTENCES])), None)
    if opener is None:
        opener = _answers_title(blocks)
    if opener is None:
        return
    first = next((at for at, block in enumerate(blocks[:opener]) if block.kind in ("text", "item", "title") and
                  block.sentences and _asks_or_labels(block)), None)
    if first is None or not all(block.removed or block.kind in ("item", "opaque") or _asks_or_labels(block) or
                                _app_button(block) for block in blocks[first:opener]):
        return  # (only the request, its label and its notes: a draft of the user's own above is no turn of notes)
    for block in blocks[first:opener]:
        if block.removed or block.kind == "opaque":
            continue
        run.users_words.add(id(block))
        _remove_sentences(run, block, "chat")


def _app_button(block: Block) -> bool:
    """True when a block is a chat app's buttons or labels between the user's turn and the answer ("Show drafts",
    "volume_up"): lines of APP_BUTTON_WORDS words or fewer, with no figure (their capitalised words are the app's)."""
    return all(len(WORD.findall(line)) <= APP_BUTTON_WORDS for line in block.raw) and \
        not any(has_figure(s.facts) for s in block.sentences)


APP_BUTTON_WORDS = 3


# the prompt a local model's runner echoes above the answer: "You are a counter clerk at … Write your year-end work
# summary for 2024 from these facts:"
WRITE_REQUEST = re.compile(r"^[\W_]*(?:you are (?:a|an|the)\b[^\n.!?]{0,100}[.!,;]\s*)?(?:please\s+)?(?:write|draft|"
                           r"create|generate|compose|produce|prepare)\b[^\n]{0,120}\b(?:summary|review|report|"
                           r"self-assessment|self-appraisal|appraisal)\b", re.I)
# … that names the notes it gives ("from these facts:", "based on the following"), unlike a form's guidance over the
# author's own list ("Write a summary of your key achievements:")
FROM_GIVEN = re.compile(r"\b(?:from|based on|using|with|out of|on) (?:these|the following|this|my|the) "
                        r"(?:facts|notes|points|bullets|bullet points|details|information|info)\b|"
                        r"\b(?:from|based on|using) the following\b", re.I)


def _answers_title(blocks: list[Block]) -> int | None:
    """Where the answer starts when a request to write the summary from the notes it gives (WRITE_REQUEST,
    FROM_GIVEN) opens the text, nothing but junk above it, and the answer under its notes has no opener: at the
    answer's first heading or title."""
    first = next((at for at, block in enumerate(blocks) if not block.removed and block.kind != "opaque"), None)
    if first is None or blocks[first].kind not in ("text", "item") or not WRITE_REQUEST.match(blocks[first].content) \
            or not FROM_GIVEN.search(blocks[first].content):
        return None
    return next((at for at in range(first + 1, len(blocks)) if blocks[at].kind in ("heading", "title") and
                 not blocks[at].removed), None)


def _asks_or_labels(block: Block) -> bool:
    """True when a block is the user's request to the model (USER_REQUEST, or what _asks finds in its first line of
    words: "Help me write a year end summary 2024 for …") or the label over their notes (NOTES_LABEL)."""
    return bool(USER_REQUEST.match(block.content) or NOTES_LABEL.match(block.content) or _asks(block) or
                WRITE_REQUEST.match(block.content))


def _asks(block: Block) -> bool:
    """True when a block opens with the user's request to the model to write the summary (USER_ASKS in its first line
    of words, USER_REQUEST, USER_NEEDS or WRITE_REQUEST)."""
    first = _first_line_of_words(block.content)
    return bool(USER_ASKS.search(first) or USER_REQUEST.match(first) or USER_NEEDS.match(first) or
                WRITE_REQUEST.match(first))


def _first_line_of_words(text: str) -> str:
    """The text's first line of more than AVATAR_WORDS words: the user's turn under their initials or name ("MO"),
    as a chat app shows it."""
    return next((line for line in text.split("\n") if len(line.split()) > AVATAR_WORDS), "")


AVATAR_WORDS = 2  # words a line over the user's turn may have and be their initials or name, not the turn


# a note to self left in the text: "TODO: add December numbers", "4. TODO – add audit result here", or an editing
# note in capitals ("TAKE THIS OUT, CRINGE.", "ADD SOMETHING ABOUT TEAMWORK HERE?")
TODO_NOTE = re.compile(r"^[\W_]*(?:\d{1,2}[.)][ \t]*)?(?:(?:todo|to-do|tbd|fixme)\b[^\n:：]{0,20}[:：–—-]|"
                       r"(?-i:TODO|FIXME)[ \t]+[^\n.!?]{1,40}$)", re.I)  # ("TODO add training")
CAPITALS_NOTE = re.compile(r"^[\W_]*(?:TAKE|ADD|DELETE|REMOVE|CUT|CHECK|CHANGE|FIX|MOVE|REPLACE|REWRITE|PUT|KEEP|"
                           r"INSERT|CONFIRM|ASK|FIND|MAYBE|NEED)\b[^a-z\n]*$")


# a reviewer's verdict on a line of its own, or the author's label of a version: "AGREED – Jo", "MK: ok, good", "PO:
# duplicate", "suggest cutting, says nothing (PO)", "v1 (pasted from chat, 25 Nov)", "==== v2 (after Rita's comments,
# 2 Dec)", "CORRECTED VERSION OF 4 (after JP's comment)", "Revised version"
VERDICT_NOTE = re.compile(r"^[\W_]*(?:(?-i:[A-Z][\w.]{0,12})\s*[:：–—-]\s*)?(?:agreed|ok(?:ay)?|done|fixed|noted|"
                          r"duplicate|suggest(?:ing)? cutting|approved|resolved)(?:[,;]? (?:good|thanks|use this one|"
                          r"says nothing|we know this|as discussed))?[\s.!]*(?:[–—-]\s*[\w.]{1,15}|\([\w.]{1,15}\))?"
                          r"[\s.!]*$", re.I)
VERSION_LABEL = re.compile(r"^[\W_]*(?:v\d{1,2}\b|version \d{1,2}\b|(?:revised|updated|corrected|new|old|original|"
                           r"first|second|final) version\b(?: of (?:section |para(?:graph)? )?\d{1,2})?|"
                           r"(?:revised|updated|corrected)\b)\s*(?:\([^)\n]{0,80}\)?)?[\W_]*$", re.I)
NOTE_WORDS_MAX = 8  # words a verdict or a version's label may have
# the label over a list of the author's notes to self: "my notes (delete before sending!!)", "NOTES TO SELF", "TO FIX
# BEFORE FRIDAY (Grace)", "Points to fix (Sneha)", "pendientes / to do:", "TODO Femke:" (not "Notes from diary:",
# the facts a user gives a chat model, nor a model's "Notes / Assumptions")
SELF_NOTES_LABEL = re.compile(r"^[\W_]*(?:notes? to self|my notes\b[^\n]{0,20}\b(?:delete|remove)|"
                              r"(?:\w+ / )?to ?do\b|todo\b|(?:points |things )?to fix\b)[^\n]{0,40}$", re.I)


def _list_below(blocks: list[Block], at: int) -> list[Block]:
    """The list items right under the block at `at` (a label's list), up to the first block that is none."""
    return list(takewhile(lambda block: block.kind == "item", blocks[at + 1:]))


def _notes_to_self(run: Run) -> None:
    """A note the author or a reviewer left to act on, not part of the summary: it goes as junk, or as 'comment' when
    it holds a figure (which keeps it if the text states the figure nowhere else); so does a list of such notes under
    its label (SELF_NOTES_LABEL), a reviewer's verdict (VERDICT_NOTE) and a version's label (VERSION_LABEL)."""
    blocks = [b for b in run.blocks if b.kind != "opaque"]
    for at, block in enumerate(blocks):
        if block.removed or block.kind not in ("text", "title") or len(block.sentences) != 1 or \
                len(WORD.findall(block.content)) > NOTE_WORDS_MAX:
            continue
        if VERDICT_NOTE.match(block.content) or VERSION_LABEL.match(block.content):
            _junk_blocks(run, [block])
        elif SELF_NOTES_LABEL.match(block.content):
            items = _list_below(blocks, at)
            if items:
                _junk_blocks(run, [block])
                for item in items:
                    _remove_sentences(run, item, "comment")
    for block in run.blocks:
        if block.removed or block.kind not in ("text", "item", "title"):
            continue
        for sentence in block.sentences:
            text = sentence.text
            if not sentence.removed and (TODO_NOTE.match(text) or
                                         CAPITALS_NOTE.match(text) and len(WORD.findall(text)) >= 2 or
                                         _asks_self(text, block.kind == "item", len(block.sentences) == 1)):
                sentence.removed = True  # (its capitals, read as names, are no facts; a figure in it is the guard's)
                run.edit("comment" if DIGIT.search(text) else "junk", sentence.line, text, of=sentence)


DIGIT = re.compile(r"\d")
# a reviewer's comment exported or typed into the text, each on a line of its own: "Comment [JS4]: Where's this
# from?", "Comment SM2 – Siobhán Moran: Is 163 yours or the team's?", "[SK: I'd drop the "dream work" bit :) ]",
# "<<KL: Mei Ling, can you add the STP rate?>>", "(MGR: Nice work overall.)"
REVIEW_COMMENT = re.compile(r"^[ \t>*_-]*(?:comment(?:ed)?\s*\[?[A-Z]{1,3}\d+\]?[^:：\n]{0,40}[:：]|"
                            r"\[[A-Z]{2,3}\d*\s*[:：]|<<\s*[A-Z]{2,3}\s*[:：]|\((?:MGR|[A-Z]{2,3})\s*[:：]|↳)", re.I)
# (and a reply under it in its thread: "↳ Sabine Krüger: done, see above", "↳ Marked as resolved")


def _review_comments(run: Run) -> None:
    """A reviewer's comment on a line of its own (REVIEW_COMMENT) goes, sentence by sentence, as 'comment': one that
    tells a figure or date the text states nowhere else ("… you also passed the certification in September – put it
    in.") the guard keeps."""
    for block in run.blocks:
        if block.removed or block.kind not in ("text", "item", "title"):
            continue
        lines = [line for line in block.raw if line.strip()]
        if any(REVIEW_COMMENT.match(line) for line in lines) and \
                all(REVIEW_COMMENT.match(line) or run.lists.is_junk(line) for line in lines):
            # (a word processor's balloons: "Commented [JH3]: …" over "Formatted: Indent: …")
            _remove_sentences(run, block, "comment")


# a note of what to check or ask before handing in: "ask Hemi if I'm allowed to put the audit score in", "(Need to
# confirm the CPD hours in the myCPD log – pretty sure it's 34)", "(remember to attach the fails chart!!)"; written
# in lower case or in brackets, unlike a plan or duty ("Check whether Eastgate keeps to the new deadline …") or a
# plan to ask for something ("ask about going up to Band 4 if the coordinator post gets funded")
ASKS_SELF = re.compile(r"(?:(?:ask(?!\s+(?:about|for|to)\b)|check|confirm|verify|find out|double-check)\b[^\n]{0,60}?"
                       r"\b(?:if|whether)\b|"
                       r"(?:need to|remember to|don[’']?t forget to) (?:check|confirm|ask|find out|verify|attach|add|"
                       r"mention|send)\b)", re.I)
NOTE_START = re.compile(r"^[^\w(]*(\(?)[ \t]*(\w)")


# a note's shorthand, in a line of lower case or brackets: "check with Priya re returns figure", "updated w/ Dec
# numbers", "(Rick wanted this in – done)", "make it more confident and add the sinulog events pls"
NOTE_SHORTHAND = re.compile(r"\b(?:pls|plz|fyi)\b|\bw/\s|\bre (?=\w)|[–—-]\s*done\W*$|^make (?:it|this) (?:more|less|"
                            r"a bit|a little|shorter|longer)\b|\bwanted this in\b", re.I)
NOTE_MAX_WORDS = 20  # words a note in shorthand may have


def _asks_self(text: str, item: bool = False, alone: bool = True) -> bool:
    """True when the sentence is the author's note to check or ask something (ASKS_SELF), in lower case or brackets,
    or one with no figure in a note's shorthand (NOTE_SHORTHAND), or a short one with a verb to check in any language
    (NOTE_CHECK: "(vérifier le chiffre avec Ana)", `alone` in its block: not the first of a bracket's sentences); not
    a list item's, whose lower case is the list's."""
    start = NOTE_START.match(text)
    if start is None or not (start.group(1) == "(" or start.group(2).islower()):
        return False
    if ASKS_SELF.match(text, start.start(2)) is not None:
        return True
    short = (start.group(1) == "(" or not item) and len(WORD.findall(text)) <= NOTE_MAX_WORDS
    return short and (not DIGIT.search(text) and NOTE_SHORTHAND.search(text, start.start(2)) is not None or
                      alone and NOTE_CHECK.search(text) is not None)


NOTE_CHECK = re.compile(r"(?<![\w-])" + word_class("check") + r"(?![\w-])", re.I)


def _went_as_junk(run: Run, block: Block) -> bool:
    """True when the block, or a sentence of it, went as site junk."""
    if any(e.kind == "junk" for s in block.sentences for e in run.edits_of.get(id(s), [])):
        return True
    whole = "\n".join(block.raw).strip()
    return any(e.kind == "junk" and e.line == block.line and e.removed == whole for _, e in run.edits)


# a chat model's mark on a line it changed, after the line's text: "… 318 proposals (updated)", "… in March [NEW]"
EDIT_MARKER = re.compile(r"(?:\*{1,2}|_)?[(\[](?:updated|new|revised|changed|edited|added|corrected|amended)"
                         r"[)\]](?:\*{1,2}|_)?(?=[ \t]*[.,;:!?]?[ \t]*$)", re.I)


def _edit_markers(run: Run) -> None:
    """Cut a chat model's mark from the end of a line it changed in a revision ("(updated)", "[NEW]"): the line is
    the author's, the mark the model's note to the user."""
    for block in run.blocks:
        if block.removed or block.kind not in ("text", "item", "title"):
            continue
        for sentence in block.sentences:
            match = EDIT_MARKER.search(sentence.text) if not sentence.removed else None
            if match is None:
                continue
            before = sentence.text[:match.start()].rstrip(" \t")
            if not before.strip():  # the mark after the line's full stop, read as a sentence
                sentence.removed = True
            else:
                sentence.set_text(before + sentence.text[match.end():])
            run.edit("junk", sentence.line, match.group(0), of=sentence)


# the assistant's label over its account of its edits: "**What I changed**", "### Key edits", "Changes made:"
EDIT_LABEL = re.compile(r"^[\W_]*(?:what i (?:changed|edited|did)(?: and why)?|(?:key|main|my) (?:edits|changes)|"
                        r"(?:edits|changes) made|summary of (?:edits|changes))\s*[:：]?[\W_]*$", re.I)
# one edit it made, as an item: an editing verb first and the text or its wording as what it worked on
EDIT_VERB = re.compile(r"^[\W_]*(?:\d{1,2}[.)]\s*)?(?:replaced|tightened|turned|spelled|spelt|removed|softened|"
                       r"rephrased|reworded|added|split|repeated|trimmed|gave|adjusted|moved|merged|cut|shortened|"
                       r"changed|combined|reordered|restructured|clarified|corrected|fixed|kept|swapped|put|used|"
                       r"simplified|expanded|grouped|organi[sz]ed|converted|standardi[sz]ed|toned|framed|reframed|"
                       r"highlighted|emphasi[sz]ed|rewrote|rewritten)\b", re.I)
TEXT_WORDS = re.compile(r"\b(?:your|wording|words?|phrases?|phrasing|expressions?|slang|language|tone|sentences?|"
                        r"paragraphs?|sections?|headings?|title|list|bullets?|format|summary|draft|abbreviations?|"
                        r"informal|formal|casual|readability|opening|introduction|closing)\b", re.I)
QUOTED_LINE_ONLY = re.compile(r"^[\s*_]*[\"“][^\n]{1,200}[\"”][\s*_.]*$")  # a line that is one quotation


def _edit_notes(run: Run) -> None:
    """The assistant's account of its edits to the user's draft under its own label ("**What I changed**" over "-
    Replaced informal phrases such as … with more measured wording."): when every item under the label opens with an
    editing verb and one at least names the text or its wording as what it worked on, label and items go as chat
    (the guard keeps an item with a fact said nowhere else). "What changed in our process:" over the author's facts is
    no such label. A line that is one quotation right under a label of the model's that went ("*Optional: a
    one-line version for your email signature*" over "\"Motor Claims Clerk | …\"") goes with it."""
    blocks = [b for b in run.blocks if b.kind != "opaque"]
    place: dict[int, int] | None = None  # each block's place among all blocks, tables' rows too, read when needed
    for at, block in enumerate(blocks):
        if not block.sentences:
            continue
        if EDIT_LABEL.match(block.content):  # (its label may have gone already, as the model's line)
            items = _list_below(blocks, at)
            if items and all(EDIT_VERB.match(i.content) for i in items) and \
                    any(TEXT_WORDS.search(i.content) for i in items):
                for sentence in [s for b in [block] + items for s in b.sentences if not s.removed]:
                    sentence.removed = True
                    run.edit("chat", sentence.line, sentence.text, of=sentence)
            elif not items:
                if place is None:
                    place = {id(b): k for k, b in enumerate(run.blocks)}
                _edit_table(run, block, place[id(block)])
            continue
        if block.removed:
            continue
        gone = all(s.removed for s in block.sentences) and \
            any(e.kind == "chat" for s in block.sentences for e in run.edits_of.get(id(s), []))
        later = blocks[at + 1] if at + 1 < len(blocks) else None
        if gone and later is not None and not later.removed and later.kind in ("text", "title") and \
                QUOTED_LINE_ONLY.match(later.content):
            for sentence in later.sentences:
                sentence.removed = True
                run.edit("chat", sentence.line, sentence.text, of=sentence)


LENGTH_ASKED = re.compile(r"\b(?:\d[\d,]*(?:\s*(?:-|–|to)\s*\d[\d,]*)?\s*(?:words|characters|chars)|(?:max(?:imum)?\.?|"
                          r"under|within|up to|no more than|at most|fits? on)\s+\d+\s*pages?)\b", re.I)  # the length a
# chat turn asks for or gives ("about 300 words", "1,207 / 1,500 characters", "max 1 page"): no fact of the author's
CHANGE_COLUMN = re.compile(r"^[\W_]*(?:changes?|edits?|what (?:i )?changed|reason|why|before|after|original|"
                           r"revised|new|old)[\W_]*$", re.I)  # a column of the model's table of its edits


def _edit_table(run: Run, label: Block, place: int) -> None:
    """The assistant's table of its edits right under its label ("**Key changes**" over "| Change | Reason |"), the
    label at `place` among the run's blocks: label and table go as chat when a column's header names the edits
    (CHANGE_COLUMN) and the rest of the text states every figure and date of every row (a table is no sentence the
    guard reads, so they are checked here; its capitalised words are the model's)."""
    rows = list(takewhile(lambda block: block.kind == "opaque" and len(block.raw) == 1 and
                          TABLE_ROW.match(block.raw[0]) is not None, islice(run.blocks, place + 1, None)))
    header = TABLE_ROW.match(rows[0].raw[0]).group(1).split("|") if rows else []
    if len(rows) < 2 or not any(CHANGE_COLUMN.match(cell) for cell in header):
        return
    stated = run.facts_stated_outside({id(x) for x in label.sentences}, frozenset(id(row) for row in rows))
    if not all(fact in stated or fact in NUMBER_WORDS for row in rows if not TABLE_RULE.match(row.raw[0])
               for fact in figures_and_dates(facts_of(LENGTH_ASKED.sub(" ", row.raw[0])))):  # ("Trimmed to ~200 words")
        return
    for sentence in label.sentences:
        if not sentence.removed:
            sentence.removed = True
            run.edit("chat", sentence.line, sentence.text, of=sentence)
    for row in rows:
        row.removed = True
        run.edit("chat", row.line, row.raw[0])


# a chat model's label over one of the versions it offers to choose from, in the user's language too ("**Option A
# (formal):**", "✍️ **Opening Option B – Friendly**", "*Variante B (etwas persönlicher):*", "Mở đầu – Phương án B:"),
# with the version's letter or number
OPTION_LABEL = re.compile(r"^[\W_]*(?:[^\W\d_][\w’'-]*[ \t]+){0,2}?(?:[–—-][ \t]*)?(?:option|opción|opcion|opção|opcao|"
                          r"opzione|variante|variant|wariant|version|versión|versão|wersja|phương án|pilihan|versi|"
                          r"seçenek|alternative|alternativa)[ \t]+(?P<which>[a-d1-4]|one|two|three|uno|dos|eins|zwei)\b"
                          r"[^\n.!?]{0,40}?[:：]?[\W_]*$", re.I)
FIRST_OPTION = frozenset({"a", "1", "one", "uno", "eins"})
# the model's line inviting the user to choose, over the first version ("**Opening – choose the one that suits you
# best:**", "**Einleitung – zwei Varianten zur Auswahl:**", "Closing (pick one):")
CHOOSE_LABEL = re.compile(r"\b(?:choose|pick|select|elige|escoge|escolha|scegli|wähle|wählen|zur auswahl|wybierz|"
                          r"pilih|chọn|seçin)\b[^\n]{0,50}[:：)]?[\W_]*$", re.I)


def _later_options(run: Run) -> None:
    """Versions a chat model offers to choose from under its own labels ("**Option A (formal):**" … "**Option B
    (warmer):**" …): the labels go as junk, each on its own line or over its version's first line, and so does each
    other version's text (as chat), the rest of its label's paragraph or the paragraph right under it; the first
    version stays, as an editor keeps it when the author chose none, or the one the author marked on its label
    ("**Version 2 – shorter**  <<< USE THIS ONE"). The guard keeps another version's fact that the one kept leaves
    out. Versions of the whole draft (the first one more than WHOLE_VERSION_BLOCKS blocks long) go whole, each up to
    the next label; the last one up to the model's own line after it ("I hope this helps!"; none: only its first
    paragraph goes)."""
    blocks = [b for b in run.blocks if b.kind != "opaque"]  # (gone ones too: a label that went already, as the
    # model's line, still parts the versions, and the model's closing ends the last one though it went)
    labels = [(at, match.group("which").lower() in FIRST_OPTION, CHOSEN_OPTION.search(block.raw[0]) is not None)
              for at, block in enumerate(blocks) if block.kind in ("text", "title", "heading") and block.sentences and
              (match := OPTION_LABEL.match(block.raw[0])) is not None]  # (each label's place, whether it is A, and
    # whether the author chose it)
    if any(chosen for _, _, chosen in labels):
        labels = [(at, chosen, chosen) for at, _, chosen in labels]
    if len({first for _, first, _ in labels}) < 2:  # a first version and a later one, or no choice offered
        return
    places = [at for at, _, _ in labels]
    whole = sum(not b.removed for b in blocks[places[0] + 1:places[1]]) > WHOLE_VERSION_BLOCKS  # versions of the
    # whole draft, parts and all, not of a paragraph ("**Version 1 (detailed)**" over headings and sections, then
    # "**Version 2 (short)**")
    last_end = next((at for at in range(places[-1] + 1, len(blocks))
                     if any(_says_chat(run, x.text) for x in blocks[at].sentences)), None)
    for (at, first, _), end in zip(labels, places[1:] + [last_end]):
        block = blocks[at]
        # the label goes first, as junk: its words are the model's, no fact ("Variante B" is no name)
        if not block.removed:
            if len(block.raw) == 1:
                _remove_sentences(run, block, "junk")
            else:
                _cut_first_line(run, block)
        if first:
            above = blocks[at - 1] if at else None
            if above is not None and not above.removed and len(above.raw) == 1 and CHOOSE_LABEL.search(above.content):
                _remove_sentences(run, above, "junk")
        elif len(block.raw) > 1 and not block.removed:
            _remove_sentences(run, block, "chat")
        elif whole and end is not None:
            for later in blocks[at + 1:end]:
                if not later.removed:
                    run.earlier_versions.add(id(later))  # (the guard reads it last, and checks its counts' things)
                    _remove_sentences(run, later, "chat")
        elif at + 1 < len(blocks) and blocks[at + 1].kind in ("text", "title") and not blocks[at + 1].removed and \
                OPTION_LABEL.match(blocks[at + 1].raw[0]) is None:
            _remove_sentences(run, blocks[at + 1], "chat")


CHOSEN_OPTION = re.compile(r"\b(?:use this(?: one)?|this one|chosen|keep this(?: one)?|going with this)\b", re.I)  # the
# author's mark on the version they chose, on its label's line
WHOLE_VERSION_BLOCKS = 2  # blocks, beyond which the first version is a whole draft, not a paragraph offered twice


# the user's turn with its words on the label's line: "**You:** yes make it shorter pls", "User: add the March audit"
USER_SAYS = re.compile(r"^[\W_]*(?:user|you|me|human)\s*[:：][*_]*[ \t]+\S", re.I)


def _user_turns(run: Run) -> None:
    """A chat page copied whole: after the user's turn label that went as junk ("You said:"), the request lines up to
    the next label that went ("ChatGPT said:") are the user's words to the model ("can you make it shorter"), not the
    summary: each goes as chat. When the model's label or opener closes the turn, its notes go too, whatever they
    hold (the guard checks them all, after the answers: Run.users_words); when nothing closes it, the turn ends at
    the first block with a figure, a name or a placeholder, which may be the answer's."""
    in_turn, closes = False, None
    answer_words: dict[int, frozenset[str]] = {}  # the content words of the answer opening at each block
    for at, block in enumerate(run.blocks):
        if block.kind == "opaque":
            continue
        label_gone = block.removed and bool(block.sentences) and all(s.removed for s in block.sentences)
        if label_gone and len(block.sentences) == 1:
            in_turn = USER_TURN.match(block.sentences[0].text) is not None
            closes = _turn_closes(run, at) if in_turn else None
            continue
        if block.raw and USER_TURN.match(block.raw[0]) and len(WORD.findall(block.raw[0])) <= TURN_LABEL_WORDS:
            in_turn, closes = True, _turn_closes(run, at)  # "You said" over the user's words, in one block
            if closes is None or len(block.raw) == 1:
                continue
        if not in_turn or block.removed or block.kind not in ("text", "title", "item"):
            in_turn = in_turn and block.removed
            continue
        if closes is not None and at < closes:
            run.users_words.add(id(block))
            told = answer_words.get(closes)
            if told is None:
                told = answer_words[closes] = _answer_words(run, closes)
            # a note the answer tells goes; one it does not ("The auditor also told Ruud our folder was the best she
            # had seen") is the user's to keep
            _remove_sentences(run, block, "chat",
                              lambda sentence: not sentence.facts or _told_share(sentence.text, told) >= TOLD_SHARE)
            continue
        if block.kind == "item" or any(s.placeholder or has_figure(s.facts) or any(map(is_name, s.facts))
                                       for s in block.sentences):
            in_turn = False
            continue
        _remove_sentences(run, block, "chat")


def _answer_words(run: Run, at: int) -> frozenset[str]:
    """The content words of the answer that opens at block `at`, up to the user's next turn label."""
    words: set[str] = set()
    for block in run.blocks[at:]:
        if block.raw and USER_TURN.match(block.raw[0]):
            break
        if block.kind != "opaque":
            words.update(content_words(block.content))
    return frozenset(words)


def _told_share(text: str, told: frozenset[str]) -> float:
    """The share of a text's content words that `told` holds."""
    words = set(content_words(text))
    return len(words & told) / len(words) if words else 1.0


TOLD_SHARE = 0.5  # of a note's content words the answer must hold for the note to go as told in it


def _turn_closes(run: Run, at: int) -> int | None:
    """The block after the user's turn labelled at `at` that opens the model's answer: its label ("Copilot said",
    ASSISTANT_TURN) or its opener (ANSWER_OPENER); None when no block does before the user's next label."""
    for later in range(at + 1, len(run.blocks)):
        block = run.blocks[later]
        if block.kind == "opaque" or not block.raw:
            continue
        if USER_TURN.match(block.raw[0]):
            return None
        if ASSISTANT_TURN.match(block.raw[0]) or any(ANSWER_OPENER.match(x.text)
                                                     for x in block.sentences[:OPENER_SENTENCES]):
            return later
    return None


def _rest_of_a_chat_wrapper(run: Run) -> None:
    """The text's first or last paragraph, when a sentence of it went as chat ("Sure! Here's a short review. It fits
    on a page."), is the model's wrapping: its other sentences, none with a fact or placeholder (or, speaking to the
    user, with a name but no figure: "I've organized it so it reads clearly for your manager and for the HR
    review."; the guard keeps a name said nowhere else), go with it. The
    first paragraph is the first after any title lines (an email's "Subject: …" line, the text's title). In any other
    paragraph, a sentence beside the chat one that speaks to the reader and holds no fact goes with it: a form's
    instruction goes on ("Please describe your main achievements. You can split your answer into parts.")."""
    blocks = [b for b in run.blocks if not b.removed and b.kind != "opaque"]
    opening = next((b for b in blocks if b.kind != "title"), None)
    ends = [opening] + blocks[-1:] if len(blocks) > 1 and opening is not None else []
    for block in blocks:
        if block.kind != "text" or block.heading_like:
            continue
        chat = [s for s in block.sentences if s.removed and any(e.kind == "chat" for e in run.edits_of.get(id(s), []))]
        first = block.sentences.index(chat[0]) if chat and block is not opening else 0
        rest = [s for s in block.sentences[first:] if not s.removed]  # at the end the wrapping goes on from the
        # model's first words: the author's last sentence before its closing offer ("… the next step. Feel free to
        # adapt this.") is the author's
        if not chat or not rest or any(s.placeholder for s in rest):
            continue
        if block in ends and all(not s.facts or TO_THE_USER.search(s.text) and not has_figure(s.facts) for s in rest) \
                or all(TO_THE_USER.search(s.text) and not has_figure(s.facts) and not any(map(is_name, s.facts))
                       for s in rest):  # ("… if you have more than one role": a count in words, the form's)
            for sentence in rest:
                sentence.removed = True
                run.edit("chat", sentence.line, sentence.text, of=sentence)


FRAGMENT_MAX_WORDS = 3  # words of a last line a token limit cut off ("- The canteen")


def _cut_off_end(run: Run) -> None:
    """The text's last block, when a model's token limit cut it off after a few words ("- The canteen" after the
    closing paragraph): no end punctuation, no fact or placeholder, and not the last item of a list or a section's
    only text. It is not the author's text and goes."""
    blocks = [b for b in run.blocks if not b.removed]
    if len(blocks) < 2 or blocks[-1].kind not in ("item", "text", "title") or blocks[-1].heading_like:
        return
    last, before = blocks[-1], blocks[-2]
    if before.kind in ("item", "heading", "opaque") or before.heading_like or END_PUNCT.search(last.content):
        return
    if len(last.content.split()) > FRAGMENT_MAX_WORDS or any(s.facts or s.placeholder for s in last.sentences) or \
            SIGNED_NAME.match(" ".join(s.text for s in last.sentences if not s.removed)):
        return  # (nor the author's name signed under the text: "Youssef", "— Ana Lima")
    for sentence in last.sentences:
        sentence.removed = True
    last.removed = True
    run.edit("junk", last.line, "\n".join(last.raw))


SIGNED_NAME = re.compile(r"^[\W_]*(?-i:[A-Z][\w'’.-]+)(?:[ \t]+(?-i:[A-Z][\w'’.-]+)){0,3}[\W_]*$")  # a name alone


CUT_OFF_MIN_WORDS = 4  # words a cut-off sentence needs: a shorter line without end punctuation is a label


def _cut_off_sentences(run: Run) -> None:
    """A paragraph's last sentence (or the text's last line, short enough to read as a title) that stops, with no
    end punctuation, on a word no sentence ends with ("I also spent time helping new colleagues get used to the"): a
    model's token limit cut it off. With no fact, it goes."""
    final = next((b for b in reversed(run.blocks) if not b.removed and b.kind != "opaque"), None)
    for block in run.blocks:
        # (the text's last line, cut off short, reads as a title: "Next year I would like to focus more on")
        if block.removed or not (block.kind == "text" or block.kind == "title" and block is final) or \
                block.heading_like:
            continue
        kept = [s for s in block.sentences if not s.removed]
        if not kept:
            continue
        last = kept[-1]
        words = WORD.findall(last.text)
        if len(words) < CUT_OFF_MIN_WORDS or END_PUNCT.search(last.text) or last.facts or last.placeholder or \
                words[-1].lower() not in STOP_WORDS or not last.text.rstrip()[-1:].isalpha():
            continue
        last.removed = True
        run.edit("junk", last.line, last.text, of=last)


# where a page title goes on to the site's name: "… Year-End Summary 2022 — Diyi Fanwen Net", "…_Baidu Wenku"
TITLE_SITE_PART = re.compile(r"(?<!\s)\s+[—–|-](?=\s)|_")  # each run of blank space tried once, from its start


def _cut_title_tag(run: Run, sentence: Sentence) -> None:
    """Cut a site's tag ("(selected 2 articles)") from the text's title, keeping the title; and the site's name
    after the title's last dash or bar when that part alone is junk and the title before it gives a year or figure
    ("… Summary 2022 — Diyi Fanwen Net")."""
    spans = [m.span() for p in run.lists.title_tag for m in p.finditer(sentence.text)]
    site = None
    for site in TITLE_SITE_PART.finditer(sentence.text):  # the last dash or bar
        pass
    title = blank_spans(sentence.text, spans)[:site.start()] if site is not None else ""  # its tags left out
    if site is not None and run.lists.is_junk(sentence.text[site.end():]) and not run.lists.is_junk(title) and \
            any(c.isdigit() for c in title):
        # (a title that dates the summary keeps its date; one that dates nothing is the page's and goes whole)
        spans.append((site.start(), len(sentence.text)))
    rest = blank_spans(sentence.text, spans)
    if spans and rest.strip() and not run.lists.is_junk(rest):  # else the whole title is a site's
        run.cut(sentence, merge_spans(spans), "junk", repeat=False)

