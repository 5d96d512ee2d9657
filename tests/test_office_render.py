"""Rendering check (issue 15): decks rendered by LibreOffice (`soffice --headless --convert-to pdf`, then `pdftoppm`
to PNG) and every word of every text placeholder found, by `pdftotext -bbox`, inside that shape's extents on its
slide: no text overflows its box, with real fonts doing the wrapping.

Skipped when LibreOffice or poppler is missing; install them with `apt-get install libreoffice-impress
poppler-utils` (Debian, Ubuntu) or `brew install --cask libreoffice && brew install poppler` (macOS).
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pptx = pytest.importorskip("pptx")
if not (shutil.which("soffice") and shutil.which("pdftotext") and shutil.which("pdftoppm")):
    pytest.skip("LibreOffice (soffice) and poppler (pdftotext, pdftoppm) are needed to render decks",
                allow_module_level=True)

from drafter import cli  # noqa: E402
from helpers import ROLE_FIXTURES  # noqa: E402
from test_office import LONG_FACTS, corporate_template  # noqa: E402

EMU_PER_PT = 12700
TOLERANCE_PT = 2.0  # a glyph's box may reach this far past the line LibreOffice set it on
WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')
PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.S)


def draft(args: list, monkeypatch, capsys) -> None:
    monkeypatch.setattr(sys, "argv", ["drafter", "draft", *map(str, args)])
    with pytest.raises(SystemExit) as stop:
        cli.main()
    assert stop.value.code == 0, capsys.readouterr().err


def render(decks: list[Path], folder: Path) -> dict[Path, Path]:
    """Each deck as a PDF (and its slides as PNGs), by LibreOffice in a profile of its own."""
    profile = folder / "lo-profile"
    subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(folder), *map(str, decks)], check=True, capture_output=True, timeout=300)
    pdfs = {deck: folder / f"{deck.stem}.pdf" for deck in decks}
    for deck, pdf in pdfs.items():
        subprocess.run(["pdftoppm", "-r", "20", "-png", str(pdf), str(folder / deck.stem)], check=True, timeout=120)
    return pdfs


def pages(pdf: Path) -> list[tuple[float, float, list[tuple[float, float, float, float, str]]]]:
    """(width, height, words with their boxes) of every page, in points."""
    html = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    out = []
    for width, height, body in PAGE.findall(html):
        words = [(float(a), float(b), float(c), float(d), text) for a, b, c, d, text in WORD.findall(body)]
        out.append((float(width), float(height), words))
    return out


def overflows(deck_path: Path, pdf: Path) -> list[str]:
    """Every word rendered outside the shape whose text holds it (or not found at all), as readable lines."""
    deck = pptx.Presentation(str(deck_path))
    rendered = pages(pdf)
    assert len(rendered) == len(deck.slides)
    problems = []
    for number, (slide, (width, height, words)) in enumerate(zip(deck.slides, rendered), 1):
        scale = width / (deck.slide_width / EMU_PER_PT)
        assert abs(height / (deck.slide_height / EMU_PER_PT) - scale) < 0.01
        unused = [(x0, y0, x1, y1, html.unescape(text)) for x0, y0, x1, y1, text in words]
        for shape in slide.shapes:
            if not shape.has_text_frame or not shape.text_frame.text.strip():
                continue
            left, top = shape.left / EMU_PER_PT * scale, shape.top / EMU_PER_PT * scale
            right, bottom = left + shape.width / EMU_PER_PT * scale, top + shape.height / EMU_PER_PT * scale
            for token in shape.text_frame.text.split():
                found = next((w for w in unused if w[4] == token), None)
                if found is None:
                    problems.append(f"slide {number}: {token!r} of {shape.name} not rendered")
                    continue
                unused.remove(found)
                x0, y0, x1, y1, _ = found
                if x0 < left - TOLERANCE_PT or x1 > right + TOLERANCE_PT or y0 < top - TOLERANCE_PT or \
                        y1 > bottom + TOLERANCE_PT:
                    problems.append(f"slide {number}: {token!r} at ({x0:.0f}, {y0:.0f})-({x1:.0f}, {y1:.0f}) is "
                                    f"outside {shape.name} ({left:.0f}, {top:.0f})-({right:.0f}, {bottom:.0f})")
                if x1 > width or y1 > height:
                    problems.append(f"slide {number}: {token!r} is off the slide")
    return problems


def test_no_text_overflows_its_box_when_libreoffice_renders_the_decks(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("DRAFTER_HOME", str(tmp_path / "home"))
    decks = []
    for role, facts in sorted(ROLE_FIXTURES.items()):
        decks.append(tmp_path / f"{role}.pptx")
        draft([facts, "-o", decks[-1]], monkeypatch, capsys)
    long_facts = tmp_path / "long.md"
    long_facts.write_text(LONG_FACTS)
    decks.append(tmp_path / "long.pptx")
    draft([long_facts, "-o", decks[-1]], monkeypatch, capsys)
    decks.append(tmp_path / "corporate-4x3.pptx")
    template = corporate_template(tmp_path / "corporate.pptx", {"Title Slide": "Title"})
    draft([ROLE_FIXTURES["settlement-office"], "-o", decks[-1], "--template", template], monkeypatch, capsys)
    pdfs = render(decks, tmp_path / "rendered")
    for deck, pdf in pdfs.items():
        assert overflows(deck, pdf) == [], deck.name
        pngs = sorted((tmp_path / "rendered").glob(f"{deck.stem}-*.png"))
        assert len(pngs) == len(pptx.Presentation(str(deck)).slides)


def test_the_check_sees_a_box_whose_text_runs_past_its_bottom(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("DRAFTER_HOME", str(tmp_path / "home"))
    deck_path = tmp_path / "crammed.pptx"
    draft([ROLE_FIXTURES["settlement-office"], "-o", deck_path], monkeypatch, capsys)
    deck = pptx.Presentation(str(deck_path))
    body = [s for s in deck.slides[2].placeholders if s.placeholder_format.idx == 1][0]
    left, top, width, height = body.left, body.top, body.width, body.height  # inherited: all four set together
    body.left, body.top, body.width, body.height = left, top, width, height // 4  # a box too small for its points
    deck.save(str(deck_path))
    pdf = render([deck_path], tmp_path / "rendered")[deck_path]
    assert any("outside" in line for line in overflows(deck_path, pdf))
