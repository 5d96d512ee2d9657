"""The learned stock-sentence model: training, the shipped weights, and how cleanup may use it."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from drafter.cleanup import CleanupSettings, clean
from drafter.stock_model import Sample, StockModel, WordVectors, features, load_model, terms, train

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

FLUFF = ["It has been a truly rewarding year of growth and shared commitment.",
         "Our team worked tirelessly and our dedication made a real difference.",
         "I will keep striving to reach new heights in the coming year.",
         "Every challenge was an opportunity to learn and grow together."]
PLAIN = ["The printer on the second floor jams when the paper is damp.",
         "Charter contracts need a backup-carrier clause.",
         "Invoices are checked against the delivery notes before payment.",
         "The night shift keeps a paper log when the booking system is down."]


def toy_samples() -> list[Sample]:
    return [Sample(text, False, False, 1) for text in FLUFF] * 3 + [Sample(text, False, False, 0) for text in PLAIN] * 3


def test_terms_are_words_and_word_pairs():
    assert terms("Very high, very good!") == ["very", "high", "very", "good", "very high", "high very", "very good"]


def test_features_have_unit_length_and_position_flags():
    idf = {"very": 1.0, "high": 2.0}
    x = features("very high", idf, boundary=True)
    assert x["@boundary"] == 1.0
    assert abs(x["very"] ** 2 + x["high"] ** 2 - 1.0) < 1e-9


def test_training_separates_stock_from_plain_sentences_and_is_deterministic():
    model = train(toy_samples(), min_df=1)
    assert all(model.score(text) > 0.6 for text in FLUFF)
    assert all(model.score(text) < 0.4 for text in PLAIN)
    again = train(toy_samples(), min_df=1)
    assert again.to_json() == model.to_json()
    assert StockModel.from_json(model.to_json()).score(FLUFF[0]) == pytest.approx(model.score(FLUFF[0]), abs=1e-3)


def test_the_shipped_model_loads_and_ranks_fluff_above_plain_prose():
    model = load_model()
    assert model is not None and model.trained_on["samples"] > 500
    fluff = [model.score(text) for text in FLUFF]
    plain = [model.score(text) for text in PLAIN]
    assert min(fluff) > max(plain)


def test_cleanup_asks_the_model_only_about_sentences_without_a_fact():
    always = StockModel(idf={"year": 1.0}, weights={"year": 50.0}, bias=0.0)
    text = ("# Summary 2024\n\nWe ran the desk. It was a good year for all of us. It was a good year for Lisbon. "
            "It was a good year with 41 events. In May it was a good year. The 2024 year felt good to us. "
            "The 2023 year felt good to us.\n")
    result = clean(text, CleanupSettings(stock_model=always))
    assert result.text == ("# Summary 2024\n\nWe ran the desk. It was a good year for Lisbon. "
                           "It was a good year with 41 events. In May it was a good year. The 2023 year felt good to us.\n")
    assert [e.kind for e in result.edits] == ["stock", "stock"]  # the report year, stated in the title, is no fact
    assert clean(text, CleanupSettings(stock_model=always, stock_threshold=1.0)).edits == []


def test_a_name_stated_elsewhere_does_not_protect_a_stock_sentence():
    always = StockModel(idf={"year": 1.0}, weights={"year": 50.0}, bias=0.0)
    text = "We opened the Lisbon office in March.\n\nIt was a good year for Lisbon and for everyone.\n"
    assert clean(text, CleanupSettings(stock_model=always)).text == "We opened the Lisbon office in March.\n"


def test_the_model_is_not_asked_about_long_sentences_a_count_of_none_or_a_named_thank_you():
    always = StockModel(idf={"year": 1.0}, weights={"year": 50.0}, bias=0.0)
    long = ("This year the district department nurtured the township marketing service department and put more "
            "money into building township outlets and training their new agents, with steady support from every "
            "side of the company and its branch leaders for the whole year.")
    kept = [long, "Not a single complaint came in all year.", "No safety accident happened in the year.",
            "Thank you to Gareth Pryce for a good year."]
    text = "Gareth Pryce joined in May.\n\n" + "\n\n".join(kept) + "\n\nIt was a good year for all of us.\n"
    result = clean(text, CleanupSettings(stock_model=always))
    assert [e.removed for e in result.edits] == ["It was a good year for all of us."]
    assert all(sentence in result.text for sentence in kept)
    assert long not in clean(text, CleanupSettings(stock_model=always, stock_max_words=40)).text


def test_the_benchmark_reads_labelled_sentences_from_the_corpus():
    from stock_model import samples_of

    samples = samples_of(ROOT / "fixtures" / "cleanup" / "09-it-admin.dirty.md")
    assert any(s.label == 1 for s in samples) and any(s.label == 0 for s in samples)
    assert not any(ch.isdigit() for s in samples for ch in s.text)


def tiny_vectors() -> WordVectors:
    header = json.dumps({"dims": 2, "scale": [0.5, 0.25]}).encode()
    pieces = "\n".join(["good", "year", "print", "##er", "."]).encode()
    matrix = bytes([10, 0, 0, 10, 246, 4, 246, 4, 0, 0])  # int8: good=(10,0) year=(0,10) print=##er=(-10,4)
    return WordVectors(header + b"\n" + pieces + b"\n\n" + matrix)


def test_word_pieces_are_matched_longest_first_and_unknown_words_are_skipped():
    vectors = tiny_vectors()
    assert vectors.pieces("printer") == [2, 3]
    assert vectors.pieces("printers") == []
    assert vectors.sentence("nothing known here") == [0.0, 0.0]
    v = vectors.sentence("A good year.")
    assert abs(v[0] ** 2 + v[1] ** 2 - 1) < 1e-9 and v[0] > v[1] > 0  # (10*0.5, 10*0.25) over 3 pieces, unit length


def test_the_shipped_model_uses_the_shipped_word_vectors():
    from drafter.stock_model import load_vectors

    model = load_model()
    vectors = load_vectors()
    assert model.trained_on["vectors"] == vectors.dims == 64
    assert any(key.startswith("@v") for key in model.weights)
    close = sum(a * b for a, b in zip(vectors.sentence("Our posts inspired the audience."),
                                      vectors.sentence("Our content resonated with readers.")))
    far = sum(a * b for a, b in zip(vectors.sentence("Our posts inspired the audience."),
                                    vectors.sentence("The printer jams when the paper is damp.")))
    assert close > far


def test_a_month_or_name_stated_in_a_sentence_that_stays_does_not_protect_a_stock_sentence():
    always = StockModel(idf={"year": 1.0}, weights={"year": 50.0}, bias=0.0)
    text = "Stocks ran short in July in the Riverside depot.\n\nThe July shortage made this year hard for Riverside.\n"
    assert clean(text, CleanupSettings(stock_model=always)).text == "Stocks ran short in July in the Riverside depot.\n"
    both = "It was a good year for Lisbon.\n\nWe had a good year in Lisbon.\n"
    assert clean(both, CleanupSettings(stock_model=always)).text == both  # neither stays to say Lisbon


def test_a_short_opener_that_says_something_is_no_label_and_is_put_to_the_model():
    always = StockModel(idf={"year": 1.0}, weights={"year": 50.0}, bias=0.0)
    text = "This year our community truly came alive. We ran 12 events.\n\nYear at a glance. We ran 14 courses.\n"
    result = clean(text, CleanupSettings(stock_model=always))
    assert result.text == "We ran 12 events.\n\nYear at a glance. We ran 14 courses.\n"
    assert clean("It was a demanding year, but one that I embraced.\n", CleanupSettings(stock_model=always)).text == ""
