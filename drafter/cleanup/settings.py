"""The named thresholds of the cleanup passes."""

from __future__ import annotations

from dataclasses import dataclass

from drafter.errors import InputError
from drafter.stock_model import StockModel


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
    paraphrased_item_containment: a list item with no fact of its own whose weighted words, vague ones counted as
        inside, lie this much inside the item just before it in its list says it again in other words (0.55).
    paraphrase_similarity: the meaning similarity (drafter.cleanup.similarity.meaning_similarity) at which a
        sentence with no fact the earlier one lacks says an earlier sentence of its paragraph again in other words
        (0.8), when they also share two words and paraphrase_word_share.
    paraphrased_item_similarity: the same for a list item against an earlier item of its list, not the one just
        before: the list's frame says they are about one thing (0.72).
    paraphrase_word_share: the share of such a sentence's or item's content words, vague ones aside, that must lie
        in the earlier one (0.4).
    retold_paragraph_containment: what is left of a paragraph whose facts are all an earlier paragraph's (the one
        just before it, or one of the last four of its part with two of its figures), and whose weighted words,
        vague ones counted as inside, lie this much inside that paragraph's, tells it again and goes (0.7).
    retold_paragraph_figure_containment: the same, for a paragraph giving two figures of that one again (0.45).
    retold_paragraph_min_words: distinct content words such a paragraph needs, as written, to be compared (6).
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
        scores it at least this high (0.75); 1.0 or more turns the model off.
    stock_model: the StockModel to ask; None for the one shipped in the package.
    stock_max_words: content words beyond which a sentence is not put to the model (20): its training corpora
        hold almost no longer sentences, and a long one mostly says something.
    furniture_threshold: a short line goes as 'furniture' when the learned furniture model (drafter.cleanup.furniture)
        scores it at least this high (0.95); 1.0 or more turns the model off.
    furniture_model: the model to ask; None for the one shipped in the package.
    block_threshold: a paragraph or list item goes as 'block' when the learned block model (drafter.cleanup.blocks)
        scores it at least this high (0.9); 1.0 or more turns the model off.
    block_model: the model to ask; None for the one shipped in the package.
    """

    near_duplicate_jaccard: float = 0.6
    near_duplicate_containment: float = 0.85
    fact_free_containment: float = 0.6
    restatement_containment: float = 0.6
    restatement_pair_containment: float = 0.8
    restatement_figure_containment: float = 0.8
    paraphrased_item_containment: float = 0.55
    paraphrase_similarity: float = 0.8
    paraphrased_item_similarity: float = 0.72
    paraphrase_word_share: float = 0.4
    retold_paragraph_containment: float = 0.7
    retold_paragraph_figure_containment: float = 0.45
    retold_paragraph_min_words: int = 6
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
    stock_threshold: float = 0.75
    stock_model: "StockModel | None" = None
    stock_max_words: int = 20
    furniture_threshold: float = 0.95
    furniture_model: "StockModel | None" = None
    block_threshold: float = 0.9
    block_model: "StockModel | None" = None

    def __post_init__(self) -> None:
        for name in ("near_duplicate_jaccard", "near_duplicate_containment", "fact_free_containment",
                     "restatement_containment", "restatement_pair_containment", "restatement_figure_containment",
                     "paraphrased_item_containment", "retold_paragraph_containment",
                     "retold_paragraph_figure_containment", "paraphrase_similarity",
                     "paraphrased_item_similarity", "paraphrase_word_share"):
            value = getattr(self, name)
            if not 0.0 < value <= 1.0:
                raise InputError(f"cleanup setting {name} must be in (0, 1], got {value!r}")
        for name in ("min_words", "containment_min_words", "max_key_frequency", "keys_per_sentence",
                     "max_candidates", "max_phrase_words", "cliche_max_other_words", "heading_max_words", "title_max_words",
                     "restatement_min_words", "restatement_max_source_words", "stock_max_words",
                     "retold_paragraph_min_words"):
            if getattr(self, name) < 1:
                raise InputError(f"cleanup setting {name} must be at least 1, got {getattr(self, name)!r}")
        if self.cliche_max_new_words < 0:
            raise InputError(f"cleanup setting cliche_max_new_words must be at least 0, got {self.cliche_max_new_words!r}")

