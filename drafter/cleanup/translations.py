"""The translations pass: a paragraph in another language beside the English summary that tells it ("El distrito
inició el año con nueve agencias … y lo cerró con 64 agentes activos, contra 58 al cierre de 2023." under the English
paragraph with 64 and 58) is the author's own-language copy, and its sentences that only give figures the English
states go as its repeats."""

from __future__ import annotations

from drafter.cleanup.document import Block, Sentence
from drafter.cleanup.facts import YEAR, is_figure
from drafter.cleanup.run import Run
from drafter.text.words import FOREIGN_FUNCTION_WORDS, STOP_WORDS, WORD

ENGLISH_SHARE_MAX = 0.15  # of a paragraph's words that are English function words, at most, in another language ...
FOREIGN_SHARE_MIN = 0.15  # ... and those of another language (FOREIGN_FUNCTION_WORDS) at least, or words of another
# script (no Latin letter): shorthand notes in English have few function words of either kind
FOREIGN_WORDS_MIN = 12  # words a paragraph needs before its language is judged
ENGLISH_TEXT_SHARE = 0.5  # of the text's words in English paragraphs, at least, for it to be an English summary (a
# small model that drifts into another language halfway writes about as much of each)


def remove_translations(run: Run) -> None:
    """Remove each sentence of a paragraph in another language (reads_as_foreign) in a summary written in English
    (ENGLISH_TEXT_SHARE) when one English sentence gives every figure it gives, two or more: its translation, as its
    repeat; so does one with SPREAD_FIGURES_MIN figures or more, years aside, that the English gives over several
    sentences. One with fewer figures, or a figure no English sentence gives, stays, since no month or number word of
    that language is read ("… se fusionó … en octubre")."""
    foreign, english_words, all_words = [], 0, 0
    for block in run.blocks:
        if block.removed or block.kind not in ("text", "item"):
            continue
        words = [w.lower() for w in WORD.findall(block.content) if not w[0].isdigit()]
        all_words += len(words)
        if len(words) >= FOREIGN_WORDS_MIN and reads_as_foreign(words):
            foreign.append(block)
        else:
            english_words += len(words)
    if not foreign or english_words < ENGLISH_TEXT_SHARE * all_words:
        return
    kept = list(run.kept_sentences())
    holders = _english_sentences_by_figure(kept, foreign)
    for block in foreign:
        for sentence in block.sentences:
            figures = {f for f in sentence.facts if is_figure(f)}
            if sentence.removed or sentence.placeholder or len(figures) < TRANSLATED_FIGURES_MIN:
                continue
            english = set.intersection(*sorted((holders.get(f, set()) for f in figures), key=len))
            if not english and sum(not YEAR.fullmatch(f) for f in figures) >= SPREAD_FIGURES_MIN and \
                    all(f in holders for f in figures):
                english = min((holders[f] for f in figures), key=len)  # ("… atendí 1,284 siniestros …, frente a
                # 1,010 en 2023, y mi tiempo promedio de cierre fue de 11.2 días, por debajo de la meta de 14 días."
                # over two English sentences): so many figures, all the English's, are no coincidence
            if english:  # one English sentence gives every figure of it: its translation
                sentence.removed = True
                record = run.edit("restatement", sentence.line, sentence.text, of=sentence)
                run.repeat(sentence, kept[min(english)][1], record)


SPREAD_FIGURES_MIN = 3  # figures other than years a sentence in another language must share with the English text,
# told in more than one English sentence, to be its translation



TRANSLATED_FIGURES_MIN = 2  # figures a sentence in another language must share with one English sentence: one alone
# ("ऑडिट में 3 छोटी गलतियाँ मिलीं, जो अक्टूबर तक ठीक कर दी गईं।") may come with a month or a word unread


def _english_sentences_by_figure(kept: list[tuple[Block, Sentence]], foreign: list[Block]) -> dict[str, set[int]]:
    """For each figure, the positions in `kept` (the sentences still in the text) of those outside the foreign
    paragraphs that give it."""
    skip = {id(block) for block in foreign}
    holders: dict[str, set[int]] = {}
    for at, (block, sentence) in enumerate(kept):
        if id(block) not in skip:
            for fact in sentence.facts:
                if is_figure(fact):
                    holders.setdefault(fact, set()).add(at)
    return holders


def reads_as_foreign(words: list[str]) -> bool:
    """True when lowercased words read as another language: few English function words (ENGLISH_SHARE_MAX) and many
    of another's, or of another script (FOREIGN_SHARE_MIN)."""
    english = sum(w in STOP_WORDS for w in words)
    other = sum(w in FOREIGN_FUNCTION_WORDS or not any("a" <= c <= "z" for c in w) for w in words)
    return english <= ENGLISH_SHARE_MAX * len(words) and other >= FOREIGN_SHARE_MIN * len(words)
