"""Office documents (issue 15): each file is reopened with python-docx / python-pptx and its structure asserted:
styles, properties and lists; slide count, bullet texts against the facts and the grounding check, notes holding the
prose, the chart's type and series values against the facts, a long section split, --template, /export."""

from __future__ import annotations

import os
import re
import stat
import sys
from pathlib import Path

import pytest

docx = pytest.importorskip("docx")
pptx = pytest.importorskip("pptx")

from pptx.enum.chart import XL_CHART_TYPE  # noqa: E402

from drafter import cli, grounding  # noqa: E402
from drafter.errors import InputError  # noqa: E402
from drafter.facts import load_facts  # noqa: E402
from drafter.office import figures, keypoints, slides  # noqa: E402
from drafter.office.summary import from_markdown, parse_markdown  # noqa: E402
from helpers import ROLE_FIXTURES  # noqa: E402

EMU_PER_PT = 12700


@pytest.fixture(autouse=True)
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("DRAFTER_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("NO_COLOR", "1")
    return tmp_path / "home"


def run_main(args: list, monkeypatch, capsys) -> tuple[int, str, str]:
    """drafter's entry point in process, as the console script runs it: (exit code, stdout, stderr)."""
    monkeypatch.setattr(sys, "argv", ["drafter", *map(str, args)])
    with pytest.raises(SystemExit) as stop:
        cli.main()
    captured = capsys.readouterr()
    return stop.value.code, captured.out, captured.err


def markdown_draft(role: str, tmp_path: Path, monkeypatch, capsys) -> Path:
    out = tmp_path / f"{role}.md"
    code, _, err = run_main(["draft", ROLE_FIXTURES[role], "-o", out], monkeypatch, capsys)
    assert code == 0, err
    return out


def squash(text: str) -> str:
    return " ".join(text.split())


def slide_texts(slide) -> tuple[str, list[str]]:
    """(title, body paragraphs) of a content slide."""
    title = slide.shapes.title.text_frame.text
    bodies = [s for s in slide.placeholders if s.placeholder_format.idx != 0 and s.has_text_frame]
    return title, [p.text for body in bodies for p in body.text_frame.paragraphs if p.text]


# Word -----------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", sorted(ROLE_FIXTURES))
def test_docx_has_title_and_heading_styles_properties_and_one_paragraph_per_paragraph(role, tmp_path, monkeypatch,
                                                                                      capsys):
    markdown = markdown_draft(role, tmp_path, monkeypatch, capsys).read_text()
    out = tmp_path / "summary.docx"
    code, stdout, err = run_main(["draft", ROLE_FIXTURES[role], "-o", out], monkeypatch, capsys)
    assert code == 0 and stdout == "", err
    document = docx.Document(str(out))
    facts = load_facts(str(ROLE_FIXTURES[role]))
    title, sections = parse_markdown(markdown)
    paragraphs = document.paragraphs
    assert (paragraphs[0].style.name, paragraphs[0].text) == ("Title", title)
    assert paragraphs[1].style.name == "Subtitle" and facts.get("name") in paragraphs[1].text
    assert [p.text for p in paragraphs if p.style.name == "Heading 1"] == [s.title for s in sections]
    body = [p.text for p in paragraphs if p.style.name == "Normal"]
    expected = [block.text for s in sections for block in s.blocks]
    assert body == expected  # every Markdown paragraph is one Word paragraph, in order
    assert not any("\n" in p.text for p in paragraphs) and not document.element.body.xpath(".//w:br")
    assert document.core_properties.title == title
    assert document.core_properties.author == facts.get("name")


def test_docx_lists_are_word_lists_bold_is_bold_and_placeholders_are_highlighted(tmp_path, monkeypatch, capsys):
    summary = tmp_path / "edited.md"
    summary.write_text("# 20** Year-End Summary\n\n## Results\n\nI signed **418** contracts\nthis year.\n\n"
                       "- Collected 587.2 million yuan\n- Issued 366 certificates for [Name]\n  - in two batches\n\n"
                       "1. First step\n2. Second step\n\nBetween the lists.\n\n1. Again first\n")
    out = tmp_path / "edited.docx"
    code, _, err = run_main(["export", summary, "-o", out], monkeypatch, capsys)
    assert code == 0, err
    document = docx.Document(str(out))
    by_style = [(p.style.name, p.text) for p in document.paragraphs]
    assert by_style == [("Title", "20** Year-End Summary"), ("Heading 1", "Results"),
                        ("Normal", "I signed 418 contracts this year."),
                        ("List Bullet", "Collected 587.2 million yuan"),
                        ("List Bullet", "Issued 366 certificates for [Name]"), ("List Bullet 2", "in two batches"),
                        ("List Number", "First step"), ("List Number", "Second step"),
                        ("Normal", "Between the lists."), ("List Number", "Again first")]
    for name in ("List Bullet", "List Number"):  # a Word list: the style carries numbering
        assert document.styles[name].element.pPr.numPr is not None
    numbered = [p for p in document.paragraphs if p.style.name == "List Number"]
    first_id = numbered[0]._p.pPr.numPr.numId.val
    assert numbered[2]._p.pPr.numPr.numId.val != first_id  # the second list starts again at 1
    highlighted = [r.text for p in document.paragraphs for r in p.runs if r.font.highlight_color is not None]
    assert highlighted == ["20**", "[Name]"]
    assert [r.text for r in document.paragraphs[2].runs if r.bold] == ["418"]


# PowerPoint ------------------------------------------------------------------------------------------------------


def deck_for(role: str, tmp_path: Path, monkeypatch, capsys):
    out = tmp_path / "summary.pptx"
    code, stdout, err = run_main(["draft", ROLE_FIXTURES[role], "-o", out], monkeypatch, capsys)
    assert code == 0 and stdout == "", err
    return pptx.Presentation(str(out))


@pytest.mark.parametrize("role", sorted(ROLE_FIXTURES))
def test_pptx_title_slide_key_points_per_fact_and_prose_in_the_notes(role, tmp_path, monkeypatch, capsys):
    markdown = markdown_draft(role, tmp_path, monkeypatch, capsys).read_text()
    deck = deck_for(role, tmp_path, monkeypatch, capsys)
    facts = load_facts(str(ROLE_FIXTURES[role]))
    title, sections = parse_markdown(markdown)
    slides_ = list(deck.slides)
    first = [shape.text_frame.text for shape in slides_[0].placeholders]
    assert first[0] == title
    for value in (facts.get("name"), facts.get("organisation"), facts.get("year")):
        assert value in first[1]
    content = [s for s in slides_[1:] if slide_texts(s)[0] != "Key figures"]
    assert [slide_texts(s)[0] for s in content] == [s.title for s in sections]  # one slide per section
    fixed = grounding.fixed_text_for(facts)
    stated: list[int] = []
    for slide, section in zip(content, sections):
        _, points = slide_texts(slide)
        assert 1 <= len(points) <= slides.MAX_POINTS_PER_SLIDE
        assert squash(slide.notes_slide.notes_text_frame.text) == squash(section.prose)
        report = grounding.check(f"## {section.title}\n\n" + "".join(f"- {p}\n" for p in points), facts,
                                 fixed_text=fixed)
        assert report.unsupported == [], [c.reason for c in report.unsupported]
        for point in points:
            fact = next((n for n, f in enumerate(facts.texts) if squash(point).rstrip(".") in squash(f)), None)
            if fact is None:  # a section that restates no fact shows its own sentences
                assert squash(point) in squash(section.prose)
                continue
            stated.append(fact)
            for claim in grounding.extract_claims(facts.texts[fact]):
                assert claim.text in point  # each figure exactly as the fact writes it
    assert sorted(stated) == list(range(len(facts.items)))  # every fact once, on the slide of its section


def chart_slides(deck) -> list:
    return [s for s in deck.slides if s.shapes.title is not None and s.shapes.title.text_frame.text == "Key figures"]


def test_key_figures_slide_charts_the_before_and_after_figures_the_facts_state(tmp_path, monkeypatch, capsys):
    deck = deck_for("settlement-office", tmp_path, monkeypatch, capsys)
    found = chart_slides(deck)
    assert len(found) == 1 and found[0] is list(deck.slides)[-1]
    charts = [shape.chart for shape in found[0].shapes if shape.has_chart]
    assert [chart.chart_type for chart in charts] == [XL_CHART_TYPE.COLUMN_CLUSTERED] * 2
    got = {chart.chart_title.text_frame.text: (tuple(chart.plots[0].categories), tuple(chart.series[0].values))
           for chart in charts}
    # "Signed 418 sales contracts ..., up from 350 contracts in 2025"; "Cut the certificate turnaround from 45 to 30"
    assert got == {"Sales contracts": (("Before", "After"), (350.0, 418.0)),
                   "Certificate turnaround (days)": (("Now", "Target"), (45.0, 30.0))}  # under "## Plan"
    assert all(chart.plots[0].has_data_labels for chart in charts)
    notes = found[0].notes_slide.notes_text_frame.text
    assert "350 → 418" in notes and "fact 1:" in notes and "45 → 30 days" in notes


@pytest.mark.parametrize("role", ["sales-inside", "district-insurance-manager"])
def test_no_key_figures_slide_when_the_facts_state_no_before_and_after(role, tmp_path, monkeypatch, capsys):
    deck = deck_for(role, tmp_path, monkeypatch, capsys)
    assert chart_slides(deck) == []
    assert not any(shape.has_chart for slide in deck.slides for shape in slide.shapes)


@pytest.mark.parametrize("text, expected", [
    ("Signed 418 sales contracts worth 612.5 million yuan, up from 350 contracts in 2025",
     [("Sales contracts", 350, 418)]),
    ("Cut the certificate turnaround from 45 to 30 days", [("Certificate turnaround (days)", 45, 30)]),
    ("Raised the renewal rate from 84.5% to 91.2%", [("Renewal rate (%)", 84.5, 91.2)]),
    ("Revenue rose to $4.2 million from $3.1 million", [("Revenue ($ million)", 3.1, 4.2)]),
    ("Cut complaints from 33 to 19 cases", [("Complaints (cases)", 33, 19)]),
    ("Contracts: 350 → 418", [("Contracts", 350, 418)]),
    ("Staff grew from 12 to 15 people, and costs fell from 2.1 million yuan to 1.8 million yuan",
     [("Staff (people)", 12, 15), ("Costs (million yuan)", 2.1, 1.8)]),
    ("Moved 1,240 files from 3 offices into one archive", []),  # no change: a count and where from
    ("Finish digitising the 2019-2022 archive by June 2027", []),  # years are no amounts
    ("Prepared 640 quotations; 271 became orders", []),
    ("Collected 587.2 million yuan from 40 clients", []),  # different kinds
])
def test_figure_pairs_from_one_fact(text, expected):
    assert [(p.title, p.before, p.after) for p in figures.pairs_in(text, 0)] == expected


def test_a_key_point_drops_only_clauses_without_a_figure_date_or_name():
    fact = "Two certificate batches were delayed by 3 weeks because buyer documents were incomplete at signing."
    assert keypoints.shorten(fact) == "Two certificate batches were delayed by 3 weeks"
    fact = "Agent attrition was 19% in the first half, mostly among agents in their first 3 months"
    assert keypoints.shorten(fact) == fact  # the later clause holds a figure
    assert keypoints.shorten("closed the daily accounts.") == "Closed the daily accounts"


LONG_FACTS = """---
role: settlement-office
name: Li Wei
year: 2026
organisation: Qishu Lake Property Co.
---
## Results
- Signed 100 sales contracts for the North Tower apartments during the spring opening weekend
- Collected 101 late deposit payments from buyers who had missed the first instalment date
- Issued 102 property certificates after the land registry finished its backlog of checks
- Handed over 103 finished units to their owners with the completed inspection reports
- Cleared 104 overdue mortgage files together with the loan officers of the partner bank
- Answered 105 written complaints about parking allocation within the promised ten days
- Trained 106 sales staff on the revised contract terms and the new payment schedule
- Scanned 107 boxes of archived contract papers into the electronic filing system
- Audited 108 commission statements against the signed contracts and the bank transfers
"""


def test_a_section_with_more_points_than_fit_goes_on_two_slides_within_the_box(tmp_path, monkeypatch, capsys):
    facts_file = tmp_path / "long.md"
    facts_file.write_text(LONG_FACTS)
    out = tmp_path / "long.pptx"
    code, _, err = run_main(["draft", facts_file, "-o", out], monkeypatch, capsys)
    assert code == 0, err
    deck = pptx.Presentation(str(out))
    results = [slide_texts(s) for s in deck.slides if slide_texts(s)[0].startswith("Contracts, certificates")]
    assert [title for title, _ in results] == ["Contracts, certificates and collections (1/2)",
                                               "Contracts, certificates and collections (2/2)"]
    points = [p for _, body in results for p in body]
    assert [len(body) for _, body in results] == [5, 4]
    assert [re.search(r"\d+", p).group(0) for p in points] == [str(100 + n) for n in range(9)]
    for slide in deck.slides:  # the notes of both slides hold the section's prose
        if slide_texts(slide)[0].startswith("Contracts, certificates"):
            assert "I signed 100 sales contracts" in slide.notes_slide.notes_text_frame.text
    assert_text_fits(deck)


def assert_text_fits(deck) -> None:
    """Every placeholder lies on its slide, and every body's text fits its box by the deck's own estimate."""
    for slide in deck.slides:
        for shape in slide.placeholders:
            assert shape.left + shape.width <= deck.slide_width and shape.top + shape.height <= deck.slide_height
            if shape.placeholder_format.idx == 1 and shape.has_text_frame:
                box = slides._box(shape, "bodyStyle", slides.DEFAULT_BODY_PT, slides._indent(shape))
                assert box.fits([p.text for p in shape.text_frame.paragraphs])


def test_split_to_fit_balances_and_respects_the_box():
    box = slides.Box(width=600, height=300, font=20, indent=20)
    assert slides.split_to_fit(["short point"] * 7, box) == [[0, 1, 2, 3], [4, 5, 6]]
    assert slides.split_to_fit(["short point"] * 6, box) == [list(range(6))]
    long = "word " * 60  # about four lines each at 20 pt
    chunks = slides.split_to_fit([long] * 4, box)
    assert len(chunks) == 2 and all(box.fits([long] * len(c)) for c in chunks)
    assert not box.fits([long] * 4)


def corporate_template(path: Path, rename: dict[str, str] | None = None) -> Path:
    """A user's template: 4:3, python-pptx's layouts (renamed as asked), and a sample slide of its own."""
    deck = pptx.Presentation()
    for layout in deck.slide_layouts:
        if rename and layout.name in rename:
            layout._element.cSld.set("name", rename[layout.name])
    sample = deck.slides.add_slide(deck.slide_layouts[1])
    sample.shapes.title.text = "Sample slide of the template"
    deck.save(str(path))
    return path


def test_template_uses_the_users_layouts_by_name_and_drops_its_sample_slides(tmp_path, monkeypatch, capsys):
    template = corporate_template(tmp_path / "corporate.pptx", {"Title Slide": "Title"})
    out = tmp_path / "summary.pptx"
    code, _, err = run_main(["draft", ROLE_FIXTURES["sales-inside"], "-o", out, "--template", template],
                            monkeypatch, capsys)
    assert code == 0, err
    deck = pptx.Presentation(str(out))
    assert (deck.slide_width, deck.slide_height) == (9144000, 6858000)  # the template's 4:3, not drafter's 16:9
    layouts = [slide.slide_layout.name for slide in deck.slides]
    assert layouts[0] == "Title" and set(layouts[1:]) == {"Title and Content"}
    assert "Sample slide of the template" not in [slide_texts(s)[0] for s in deck.slides]
    assert_text_fits(deck)  # its 32 pt body text in a 4:3 box: a section splits where drafter's 16:9 needs none
    default = deck_for("sales-inside", tmp_path, monkeypatch, capsys)
    assert default.slide_width == 12192000 and len(default.slides) < len(deck.slides)
    assert_text_fits(default)


def test_a_template_without_the_layouts_or_no_pptx_at_all_is_exit_2_before_drafting(tmp_path, monkeypatch, capsys):
    template = corporate_template(tmp_path / "odd.pptx", {"Title and Content": "Body"})
    out = tmp_path / "summary.pptx"
    code, _, err = run_main(["draft", ROLE_FIXTURES["sales-inside"], "-o", out, "--template", template],
                            monkeypatch, capsys)
    assert code == 2 and "has no slide layout named 'Title and Content'" in err and "'Body'" in err
    not_a_deck = tmp_path / "notes.pptx"
    not_a_deck.write_text("hello")
    code, _, err = run_main(["draft", ROLE_FIXTURES["sales-inside"], "-o", out, "--template", not_a_deck],
                            monkeypatch, capsys)
    assert code == 2 and err.startswith(f"error: {not_a_deck}: not a PowerPoint .pptx file")
    code, _, err = run_main(["draft", ROLE_FIXTURES["sales-inside"], "-o", tmp_path / "s.docx", "--template",
                             template], monkeypatch, capsys)
    assert code == 2 and "--template applies to .pptx output only" in err
    assert not out.exists() and not (tmp_path / "s.docx").exists()


def test_export_of_a_hand_edited_summary_follows_the_edits(tmp_path, monkeypatch, capsys):
    markdown = markdown_draft("settlement-office", tmp_path, monkeypatch, capsys)
    text = markdown.read_text().replace("## Problems and lessons", "## What went wrong")
    markdown.write_text(text.replace("I closed the daily accounts at the end of every month.", ""))
    out = tmp_path / "edited.pptx"
    facts = ROLE_FIXTURES["settlement-office"]
    code, _, err = run_main(["export", markdown, "-o", out, "--facts", facts], monkeypatch, capsys)
    assert code == 0, err
    titles = {slide_texts(s)[0]: slide_texts(s)[1] for s in pptx.Presentation(str(out)).slides}
    assert "What went wrong" in titles and "Problems and lessons" not in titles
    assert "Closed the daily accounts at the end of every month" not in titles["Daily work and records"]
    assert "Moved 1,240 paper contract files into the new electronic archive" in titles["Daily work and records"]
    code, _, err = run_main(["export", markdown, "-o", out], monkeypatch, capsys)
    assert code == 2 and "needs the facts" in err


def test_export_refuses_to_write_over_its_summary_or_facts(tmp_path, monkeypatch, capsys):
    summary = tmp_path / "summary.docx"
    summary.write_text("# Title\n\nText.\n")
    code, _, err = run_main(["export", summary, "-o", summary], monkeypatch, capsys)
    assert code == 2 and "is the summary file" in err
    assert summary.read_text() == "# Title\n\nText.\n"


def test_the_document_is_written_atomically_and_kept_when_it_cannot_be_written(tmp_path, monkeypatch, capsys):
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "summary.docx"
    target.write_bytes(b"old")
    os.chmod(target, 0o640)
    link = tmp_path / "link.docx"
    link.symlink_to(target)
    code, _, err = run_main(["draft", ROLE_FIXTURES["sales-inside"], "-o", link], monkeypatch, capsys)
    assert code == 0, err
    assert link.is_symlink() and stat.S_IMODE(target.stat().st_mode) == 0o640
    assert docx.Document(str(target)).paragraphs[0].style.name == "Title"
    assert [p.name for p in folder.iterdir()] == ["summary.docx"]  # no temp file left
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    code, _, err = run_main(["draft", ROLE_FIXTURES["sales-inside"], "-o", blocker / "new.pptx"], monkeypatch, capsys)
    assert code == 1 and "new.pptx: cannot write" in err and "is kept in" in err
    kept = Path(err.split("is kept in ")[1].split()[0].rstrip(";"))
    assert len(pptx.Presentation(str(kept)).slides) > 1


def test_session_export_writes_the_cleaned_summary_as_a_deck_or_document(tmp_path):
    from drafter.backends.offline import OfflineBackend
    from drafter.config import Settings
    from drafter.session import Session, completions

    facts = load_facts(str(ROLE_FIXTURES["settlement-office"]))
    session = Session.new(role="settlement-office", facts=facts.items, meta=facts.meta)
    session.finish_facts()
    for index in range(len(session.sections)):
        session.draft_section(index, OfflineBackend(), Settings())
        session.accept(index)
    deck = pptx.Presentation(str(session.export_output(tmp_path / "summary.pptx")))
    assert len(chart_slides(deck)) == 1 and len(deck.slides) == len(session.sections) + 2
    document = docx.Document(str(session.export_output(tmp_path / "summary.docx")))
    assert [p.text for p in document.paragraphs if p.style.name == "Heading 1"] == [s.title for s in session.sections]
    path, _ = session.save_output(tmp_path / "saved.pptx")  # /save FILE.pptx writes a deck too, not Markdown
    assert len(pptx.Presentation(str(path)).slides) == len(deck.slides) and not session.unsaved
    with pytest.raises(InputError, match="writes a .docx or .pptx"):
        session.export_output(tmp_path / "summary.md")
    assert "/export" in completions("/exp")


def test_key_points_that_fail_grounding_fall_back_to_the_fact_or_are_left_off(monkeypatch):
    facts = load_facts(str(ROLE_FIXTURES["settlement-office"]))
    markdown = ("# T\n\n## Overview\n\nI worked 9,999 hours of overtime on weekends. It was a busy year.\n\n"
                "## Results\n\nI signed 418 sales contracts worth 612.5 million yuan, up from 350 contracts in 2025.\n")
    summary = from_markdown(markdown, facts)
    warnings: list[str] = []
    points = keypoints.key_points(summary, warnings.append)
    assert [p.text for p in points[0]] == ["It was a busy year."]  # the sentence grounding flags is left off
    assert len(warnings) == 1 and "9,999" in warnings[0]
    fact = facts.texts[0]
    assert [p.text for p in points[1]] == [fact]
    monkeypatch.setattr(keypoints, "shorten", lambda text: text.replace("418", "481"))  # a point gone wrong
    warnings.clear()
    points = keypoints.key_points(summary, warnings.append)
    assert [p.text for p in points[1]] == [fact]  # the fact as written, not the wrong point
    assert len(warnings) == 1 and warnings[0].startswith("slide 'Overview'")


def test_at_most_eight_charts_and_the_pairs_left_out_are_named_in_the_notes(tmp_path, monkeypatch, capsys):
    facts_file = tmp_path / "pairs.md"
    facts_file.write_text("---\nrole: sales\nname: Chen Jing\nyear: 2026\n---\n" + "".join(
        f"- Cut the {name} backlog from {40 + n} to {20 + n} cases\n"
        for n, name in enumerate("invoice quote order refund credit return claim audit survey ticket".split())))
    out = tmp_path / "pairs.pptx"
    code, _, err = run_main(["draft", facts_file, "-o", out], monkeypatch, capsys)
    assert code == 0, err
    found = [s for s in pptx.Presentation(str(out)).slides if s.shapes.title.text_frame.text.startswith("Key figures")]
    assert [s.shapes.title.text_frame.text for s in found] == ["Key figures (1/2)", "Key figures (2/2)"]
    values = [tuple(sh.chart.series[0].values) for s in found for sh in s.shapes if sh.has_chart]
    assert values == [(40.0 + n, 20.0 + n) for n in range(slides.MAX_CHARTS)]
    notes = found[-1].notes_slide.notes_text_frame.text
    assert notes.endswith("Not charted (2 more): Survey backlog (cases) 48 → 28; Ticket backlog (cases) 49 → 29")


@pytest.mark.parametrize("line, title", [("## Plan ##", "Plan"), ("## C#", "C#"), ("##   Plan for 2027  ", "Plan for 2027"),
                                         ("## #1 seller", "#1 seller")])
def test_section_titles_lose_only_a_closing_run_of_hashes(line, title):
    assert parse_markdown(f"# T\n\n{line}\n\nText.\n")[1][0].title == title


hypothesis = pytest.importorskip("hypothesis")
from hypothesis import given, settings, strategies as st  # noqa: E402

MARKDOWNISH = st.lists(st.sampled_from(["#", "-", "*", "**", "_", " ", "\n", "1.", "→", "from ", " to ", "45", "30",
                                         " days", ",", "%", "$", "up from ", "[Name]", "Cut", "C#", "2025"]),
                       max_size=80).map("".join)


@settings(max_examples=150, deadline=None)
@given(MARKDOWNISH)
def test_parsing_shortening_and_pairing_any_text_never_raise(text):
    title, sections = parse_markdown(text)
    assert isinstance(title, str) and all(isinstance(s.prose, str) for s in sections)
    keypoints.shorten(text)
    for pair in figures.pairs_in(text, 0):
        assert pair.before_text in text and pair.after_text in text
