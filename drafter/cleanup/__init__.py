"""The cleanup pass: remove repetition, boilerplate, clichés and web-template junk from a summary, keep every fact.

The text is parsed into Markdown blocks (headings, paragraphs, list items, code) and the blocks into sentences
(drafter.cleanup.document). The passes, one module each, run in the order PASSES declares over one shared Run
(drafter.cleanup.run): junk (a site's menus, stamps and pagers among it) → a chat model's framing around the summary it
hands back → furniture (short lines a learned model is sure are a page's or a chat window's, drafter.cleanup.furniture)
→ slogans (a motto, a chant, a masthead's tagline) → repeats inside a sentence (doubled phrases, repeated
list items and quoted names) → clichés and filler (and a sentence that only names its topic over and over) → the
earlier of a paragraph's two versions where the later is fuller → exact and near-duplicate sentences across the whole
text → restatements (also a paragraph sentence telling the list just above it in prose; a sentence
that says it restates: "In other words, …"; a list item that says an earlier item of its list again in other words;
a sentence that says an earlier one of its paragraph again in other words, or singles out a topic singled out
already; what is left of a paragraph that tells the one before it again) → a label whose block went as a repeat → a
template's unfilled sample sentence beside the author's filled telling of it → a sentence of a paragraph in another
language that one English sentence's figures translate → stock sentences → the user's notes and the model's earlier
drafts above a copied chat's last full answer that tells them again (the answer's copies come back, they go) →
blocks (a paragraph or list item the learned block model is sure an editor removes whole, drafter.cleanup.blocks) → the
guard (a removal that lost a figure, date, name or count is undone) → structure (a title line saying the heading
above it again goes, empty blocks go, numbered lists are renumbered, a heading saying the one just before it again
goes, and so does a heading left empty that repeats an earlier heading).
Near-duplicates are found through an inverted index on each sentence's rarest words (drafter.cleanup.similarity), so
the cost grows linearly with the text.

Nothing that carries a fact is ever cut: a sentence with a number, date, amount, proper name or quoted name is only
merged with a near-duplicate whose facts it contains (or that contains its facts), and a sentence with a placeholder
is never removed except as web-template junk, which is not the author's text, as a pile-up of three stock phrases
or more (a template's frame: "In 20**, under the strong leadership of …"), or as the site's sample of a sentence the
author wrote with the figure filled in.
"""

from __future__ import annotations

from typing import Callable, Iterable

from drafter.bulk import collector_paused
from drafter.cleanup import (blocks, cliches, duplicates, framing, furniture, guard, junk, repeats, restatements, slogans,
                             stock, structure, translations)
from drafter.cleanup.document import (HEADING, LIST_ITEM, Block, Sentence, boundary_blocks, parse_blocks, render,
                                      split_sentences, top_level_sections)
from drafter.cleanup.facts import (CAPITAL_RUN, NUMBER, YEAR, StatedFacts, facts_of, figures_with_units, hedged_figures,
                                   one_run_memory, quantities_in)
from drafter.cleanup.phrases import (LIST_KEYS, PATTERN_KEYS, USER_PATTERN_SECONDS, PhraseLists,
                                     lists_for, load_phrase_lists, required_strings, user_pattern_clock)
from drafter.cleanup.placeholders import PLACEHOLDER, find_placeholders, has_placeholder
from drafter.cleanup.report import (CleanResult, Edit, Note, Placeholder, format_edit, format_report, stats_of,
                                    unified_diff)
from drafter.cleanup.run import Run
from drafter.cleanup.settings import CleanupSettings
from drafter.cleanup.similarity import content_words, normalize
from drafter.text.sentences import SENTENCE_END
from drafter.text.words import STOP_WORDS, WORD, stem

__all__ = ["Edit", "Placeholder", "Note", "CleanResult", "CleanupSettings", "PhraseLists", "clean",
           "find_placeholders", "load_phrase_lists", "facts_of", "quantities_in", "format_edit", "format_report",
           "unified_diff", "PASSES",
           # the parts other modules, benchmarks and tests take from here
           "HEADING", "LIST_ITEM", "Block", "Sentence", "boundary_blocks", "parse_blocks", "split_sentences",
           "top_level_sections", "CAPITAL_RUN", "NUMBER", "YEAR", "StatedFacts", "figures_with_units", "hedged_figures",
           "LIST_KEYS", "PATTERN_KEYS", "USER_PATTERN_SECONDS", "required_strings", "PLACEHOLDER",
           "has_placeholder", "content_words", "normalize", "SENTENCE_END", "STOP_WORDS", "WORD", "stem"]

# The passes in the order they run, each a function of the shared Run; declared here and nowhere else.
PASSES: tuple[tuple[str, Callable[[Run], None]], ...] = (
    ("junk", junk.remove_junk),
    ("framing", framing.remove_framing),
    ("furniture", furniture.remove_furniture),
    ("slogans", slogans.remove_slogans),
    ("repeated-lines", repeats.repeated_list_lines),
    ("inner-repeats", repeats.inner_repeats),
    ("figures-in-words", repeats.remove_figures_told_in_words),
    ("cliches", cliches.remove_cliches),
    ("tautologies", cliches.remove_tautologies),
    ("echoed-prompt", restatements.remove_echoed_prompt),
    ("second-versions", restatements.remove_second_versions),
    ("earlier-versions", restatements.remove_earlier_versions),
    ("duplicates", duplicates.remove_duplicates),
    ("restatements", restatements.remove_restatements),
    ("role-reintroductions", restatements.remove_role_reintroductions),
    ("question-echoes", restatements.remove_question_echoes),
    ("list-retellings", restatements.remove_list_retellings),
    ("table-retellings", restatements.remove_table_retellings),
    ("retellings", restatements.remove_retellings),
    ("restating", restatements.remove_restating),
    ("recap-sections", restatements.remove_recap_sections),
    ("paraphrased-items", restatements.remove_paraphrased_items),
    ("paraphrased-sentences", restatements.remove_paraphrased_sentences),
    ("topics-said-again", restatements.remove_topics_said_again),
    ("praised-figures", restatements.remove_praised_figures),
    ("retold-paragraphs", restatements.remove_retold_paragraphs),
    ("repeated-labels", duplicates.remove_repeated_labels),
    ("heading-lists", duplicates.remove_heading_lists),
    ("filled-samples", duplicates.remove_filled_samples),
    ("translations", translations.remove_translations),
    ("stock", stock.remove_stock),
    ("users-notes", framing.remove_users_notes),
    ("blocks", blocks.remove_blocks),
    ("guard", guard.keep_facts),
    ("structure", structure.tidy_structure),
)


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
        return CleanResult("", [], [], [], stats_of(text, "", [], [], [], 0))
    lists = lists_for(settings)
    with user_pattern_clock(), collector_paused(), one_run_memory():
        return _run_passes(text, settings, lists, echo_of)


def _run_passes(text: str, settings: CleanupSettings, lists: PhraseLists, echo_of: Iterable[str]) -> CleanResult:
    """Every pass of clean() in order over a non-empty text, and the result."""
    placeholders = find_placeholders(text)
    run = Run(text, settings, lists, echo_of)
    marked = {p.line for p in placeholders}
    for block in run.blocks:
        for sentence in block.sentences:
            last = sentence.line + sentence.text.count("\n")
            if any(line in marked for line in range(sentence.line, last + 1)) and has_placeholder(sentence.text):
                sentence.placeholder = True
    for _, apply in PASSES:
        apply(run)
    body = render(run.blocks)
    trailing_newline = text.endswith("\n")
    out = body.rstrip("\n") + ("\n" if trailing_newline and body.strip() else "")
    edits = [edit for _, edit in sorted(run.edits, key=lambda pair: pair[0])]
    sentences = sum(len(b.sentences) for b in run.blocks if b.kind in ("text", "item"))
    return CleanResult(out, edits, placeholders, run.notes,
                       stats_of(text, out, edits, placeholders, run.notes, sentences))

