"""The furniture pass (drafter.cleanup.furniture): short lines a learned model is sure are a page's or a chat
window's furniture go; the author's labels, plan lists and any line with a figure or date said nowhere else stay.
The texts are made up."""

from __future__ import annotations

import sys

from drafter.cleanup import CleanupSettings, clean, parse_blocks
from drafter.cleanup.furniture import MODEL_FILE, furniture_shaped, line_candidates, line_flags, names_are_the_pages
from drafter.stock_model import Sample, load_model, train
from helpers import ROOT, invoke_drafter

OFF = CleanupSettings(furniture_threshold=1.0)
REPORT = ("## Counter work\n\nIn 2024 I served 14,200 customers at the Nizhny Tagil branch and made no cash "
          "errors.\n\n## Training\n\nIn May I passed the 16-hour anti-fraud course with a score of 94%.\n\n"
          "## Plans\n\nNext year I will learn the new deposit system.\n")
CRUMBS = "BieuMauHay.vn » Forms » Banking » Self-review form of a teller at the end of the year"
COMMENTS = "Comments (5) · Did this sample help you?"


def test_a_pages_furniture_no_list_names_goes_and_the_report_stays():
    text = f"{CRUMBS}\n\n{REPORT}"
    assert clean(text).text == REPORT
    assert clean(text, OFF).text == text  # the model, not a list, took it


def test_a_furniture_line_with_a_figure_said_nowhere_else_stays():
    result = clean(f"{REPORT}\n{COMMENTS}\n")
    assert COMMENTS in result.text
    assert any(note.kind == "fact-kept" and "furniture" in note.text for note in result.notes)


def test_a_line_another_pass_cut_from_is_not_judged_again():
    # the junk pass cuts the counter line out of the two-line block; judged whole, the guard would put both back
    views = "Views: 4 211 · Rating: 4.8 (57 votes) · Downloads: 1,906"
    out = clean(f"{CRUMBS}\n{views}\n\n{REPORT}").text
    assert views not in out and "14,200" in out


def test_labels_plan_items_and_headings_are_not_put_to_the_model():
    text = (REPORT + "\nWhat I want to change:\n\n- Improving attendance\n- Coach two new team leaders\n\n"
            "## Thanks\n\nThank you to the whole counter team\n")
    blocks, _ = parse_blocks(text, CleanupSettings())
    judged = [sentence.text for _, sentence, _ in line_candidates(blocks)]
    assert "Improving attendance" not in judged and "Counter work" not in judged  # an item, a heading
    out = clean(text).text
    assert "What I want to change:" in out and "- Improving attendance" in out


def test_flags_read_the_shape_and_the_place_of_a_line():
    assert furniture_shaped("Home » Reports » Year-end") and furniture_shaped("About | Contact | Privacy")
    assert not furniture_shaped("<think>\nThe user wants") and not furniture_shaped("I closed 41 cases.")
    assert names_are_the_pages("Copy code") and not names_are_the_pages("Thanks to Maria Lopez in payroll")
    blocks, _ = parse_blocks(f"{CRUMBS}\n\n{REPORT}\n{COMMENTS}\n", CleanupSettings())
    flags = {sentence.text: f for _, sentence, f in line_candidates(blocks)}
    assert {"address", "arrows", "top"} <= set(flags[CRUMBS]) and {"pipes", "bottom"} <= set(flags[COMMENTS])
    assert "top" not in line_flags(blocks[:3], 0, blocks[0].sentences[0], {})  # a short text has no edges


def test_the_shipped_model_loads_and_scores_furniture_above_the_authors_lines():
    model = load_model(MODEL_FILE)
    assert model is not None and model.trained_on["samples"] > 1000
    page = model.score(CRUMBS, False, False, ("arrows", "address", "words16", "top", "kind-text", "alone"))
    own = model.score("Northgate lease renewals", False, False, ("words3", "kind-title", "alone"))
    assert page > 0.9 > own


def test_a_model_trained_on_other_lines_is_the_one_asked():
    samples = [Sample(f"Zorp quibble dolor {i}", False, False, 1, ("lower",)) for i in range(20)] + \
              [Sample(f"Counter results for quarter {i}", False, False, 0, ("words3",)) for i in range(20)]
    model = train(samples, epochs=20)
    text = f"{REPORT}\nzorp quibble dolor sit\n"
    assert clean(text, CleanupSettings(furniture_model=model)).text == REPORT
    assert clean(text, CleanupSettings(furniture_model=model, furniture_threshold=1.0)).text == text
    assert clean(text).text == text  # the shipped model has never met it


def test_the_benchmark_labels_the_corpus_lines_by_their_markup(tmp_path):
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import furniture_model

    doc = tmp_path / "x1-01-clerk.dirty.md"
    doc.write_text("{--Home » Samples » Reports--}\n\nI served 14,200 customers.\n\nCounter team\n", encoding="utf-8")
    labels = {s.text: s.label for s in furniture_model.samples_of(doc)}
    assert labels == {"Home » Samples » Reports": 1, "Counter team": 0}


def test_lists_only_turns_the_furniture_model_off_too(tmp_path):
    text = f"{CRUMBS}\n\n{REPORT}"
    assert invoke_drafter("clean", "-", home=tmp_path, stdin=text).stdout == REPORT
    assert invoke_drafter("clean", "-", "--lists-only", home=tmp_path, stdin=text).stdout == text
