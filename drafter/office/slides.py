"""A summary as a PowerPoint deck (python-pptx): a title slide; one slide per section with its key points (one per
fact, keypoints.py) and its full prose in the speaker notes, split over two slides when the points do not fit the
box; and a "Key figures" slide of native column charts, one per before → after pair the facts state (figures.py).

Layouts come from the template by name ("Title", "Title and Content"), so a corporate template keeps its fonts,
colours and placement. Whether text fits is estimated from the box's extents and the template's font size.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from drafter.errors import InputError
from drafter.office.figures import FigurePair, figure_pairs
from drafter.office.keypoints import KeyPoint, key_points
from drafter.office.summary import Summary

TITLE_LAYOUTS = ("Title", "Title Slide")  # the first one a template has is used
CONTENT_LAYOUTS = ("Title and Content",)
KEY_FIGURES_TITLE = "Key figures"
CONTINUED = "{title} ({part}/{parts})"  # the title of each slide of a section split over several
MAX_POINTS_PER_SLIDE = 6
MAX_SLIDES_PER_SECTION = 8  # past this a section's key points go to its last slide's notes (a 2,000-fact deck stays fast)
BALANCE_TRIES = 2  # extra slides tried for an even split before the greedy packing is kept
NOTES_REPEAT_MAX_CHARS = 4000  # a split section's later slides repeat its prose in their notes up to this length
CHARTS_PER_SLIDE = 4
MAX_CHARTS = 8  # two Key figures slides at most; the notes list the pairs left out
NOTES_LEFT_OUT_MAX = 50  # pairs named in those notes
CHART_COLUMNS = 2
CHART_GAP_PT = 12
CHART_CATEGORIES = ("Before", "After")
PLAN_CATEGORIES = ("Now", "Target")  # a plan's pair: where things stand and what the plan aims at
CHART_FONT_PT = 12
CHART_TITLE_PT = 14
# fitting text into a box, estimated from its extents (conservative for proportional fonts such as Calibri)
CHAR_WIDTH_EM = 0.55  # an average character's width, in ems
LINE_HEIGHT_EM = 1.2
PARAGRAPH_GAP_EM = 0.3  # space before a paragraph (the template's 20%, and some margin)
DEFAULT_BODY_PT = 18.0  # when neither the layout nor the master sets a size
DEFAULT_TITLE_PT = 44.0
DEFAULT_INDENT_PT = 27.0  # a bullet's hanging indent when the template sets none
MIN_FONT_PT = 12.0  # text is made smaller, down to this, only when one point alone does not fit
FONT_STEP_PT = 2.0
EMU_PER_PT = 12700
DEFAULT_INSET_PT = (7.2, 3.6)  # a text box's left/right and top/bottom insets when the template sets none


@dataclass
class Box:
    """A text box's usable size in points, the size of its text, and the hanging indent of its bullets."""

    width: float
    height: float
    font: float
    indent: float = 0.0

    def lines(self, text: str, font: float | None = None) -> int:
        """How many lines `text` wraps to (word by word, at an average character width)."""
        size = font or self.font
        per_line = max(1, int((self.width - self.indent) / (size * CHAR_WIDTH_EM)))
        lines, used = 1, 0
        for word in text.split():
            length = len(word)
            while length > per_line:  # a word longer than a line breaks anywhere
                lines, length = lines + (1 if used else 0), length - per_line
                used = 0
            if used and used + 1 + length > per_line:
                lines, used = lines + 1, length
            else:
                used = used + 1 + length if used else length
        return lines

    def fits(self, paragraphs: list[str], font: float | None = None) -> bool:
        """True when the paragraphs fit the box at `font` (default: the box's own size)."""
        size = font or self.font
        lines = sum(self.lines(text, size) for text in paragraphs)
        height = lines * size * LINE_HEIGHT_EM + max(0, len(paragraphs) - 1) * size * PARAGRAPH_GAP_EM
        return height <= self.height

    def font_for(self, paragraphs: list[str]) -> float:
        """The box's size, or a smaller one (down to MIN_FONT_PT) at which the paragraphs fit."""
        size = self.font
        while size > MIN_FONT_PT and not self.fits(paragraphs, size):
            size = max(MIN_FONT_PT, size - FONT_STEP_PT)
        return size


def split_to_fit(points: list[str], box: Box) -> list[list[int]]:
    """The points' indices in as few slides as they fit (at most MAX_POINTS_PER_SLIDE each), the slides balanced
    (seven points are four and three) when a balanced split fits too; a point too long for a box alone gets a slide
    of its own."""
    greedy: list[list[int]] = []
    for index, point in enumerate(points):
        last = greedy[-1] if greedy else None
        if last is not None and len(last) < MAX_POINTS_PER_SLIDE and box.fits([points[i] for i in [*last, index]]):
            last.append(index)
        else:
            greedy.append([index])
    for parts in range(len(greedy), min(len(greedy) + BALANCE_TRIES, len(points)) + 1):
        chunks = balanced(len(points), parts)
        if all(box.fits([points[i] for i in chunk]) for chunk in chunks):
            return chunks
    return greedy


def balanced(count: int, parts: int) -> list[list[int]]:
    """0 .. count-1 in `parts` consecutive runs whose lengths differ by one at most, the longer ones first."""
    size, extra = divmod(count, parts)
    runs, start = [], 0
    for part in range(parts):
        length = size + (1 if part < extra else 0)
        runs.append(list(range(start, start + length)))
        start += length
    return runs


# the template ------------------------------------------------------------------------------------------------------


def open_template(template: str | Path | None):
    """The template as a python-pptx Presentation with its own slides removed; a file that is no .pptx is an
    InputError naming it."""
    from pptx import Presentation

    from drafter.office.template import DEFAULT_TEMPLATE

    path = Path(template) if template is not None else DEFAULT_TEMPLATE
    try:
        deck = Presentation(str(path))
    except Exception as exc:  # noqa: BLE001 - a damaged or foreign file fails anywhere in the zip and XML readers
        raise InputError(f"{path}: not a PowerPoint .pptx file ({exc.__class__.__name__})",
                         hint="--template takes a .pptx file (save a .potx template as .pptx first)") from None
    slide_ids = deck.slides._sldIdLst
    for slide_id in list(slide_ids):
        deck.part.drop_rel(slide_id.rId)
        slide_ids.remove(slide_id)
    return deck


def check_template(template: str | Path) -> None:
    """An InputError naming the file when a --template is no .pptx or lacks the layouts the deck uses."""
    deck = open_template(template)
    find_layout(deck, TITLE_LAYOUTS, template)
    find_layout(deck, CONTENT_LAYOUTS, template)


def find_layout(deck, names: tuple[str, ...], template: str | Path | None):
    """The first of the slide layouts named `names` (case and spacing aside) in any of the template's masters."""
    layouts = [layout for master in deck.slide_masters for layout in master.slide_layouts]
    by_name = {" ".join(layout.name.lower().split()): layout for layout in reversed(layouts)}
    for name in names:
        if name.lower() in by_name:
            return by_name[name.lower()]
    shown = ", ".join(repr(layout.name) for layout in layouts) or "none"
    raise InputError(f"{template or 'the default template'}: has no slide layout named {names[0]!r} (its layouts: "
                     f"{shown})", hint="rename a layout in PowerPoint's slide master view")


def _placeholder(slide, kinds: tuple[str, ...]):
    """The slide's first placeholder of one of the given types (TITLE, BODY ...), or None."""
    from pptx.enum.shapes import PP_PLACEHOLDER

    wanted = {getattr(PP_PLACEHOLDER, kind) for kind in kinds}
    return next((shape for shape in slide.placeholders if shape.placeholder_format.type in wanted), None)


def _style_size(shape, style: str, default: float) -> float:
    """The first-level font size (pt) a placeholder's text gets: its layout's, else its master's text style."""
    layout_shape = getattr(shape, "_base_placeholder", None)
    for element in (shape._element, getattr(layout_shape, "_element", None)):
        if element is not None:
            found = element.xpath("./p:txBody/a:lstStyle/a:lvl1pPr/a:defRPr/@sz")
            if found:
                return int(found[0]) / 100
    master = shape.part.slide_layout.slide_master._element if hasattr(shape.part, "slide_layout") else None
    if master is not None:
        found = master.xpath(f"./p:txStyles/p:{style}/a:lvl1pPr/a:defRPr/@sz")
        if found:
            return int(found[0]) / 100
    return default


def _indent(shape) -> float:
    """The hanging indent (pt) of first-level bullets in a body placeholder, from its master's body style."""
    master = shape.part.slide_layout.slide_master._element
    found = master.xpath("./p:txStyles/p:bodyStyle/a:lvl1pPr/@marL")
    return int(found[0]) / EMU_PER_PT if found else DEFAULT_INDENT_PT


def _box(shape, style: str, default: float, indent: float = 0.0) -> Box:
    """The usable box of a placeholder: its extents less the text frame's insets."""
    frame = shape.text_frame
    left = frame.margin_left / EMU_PER_PT if frame.margin_left is not None else DEFAULT_INSET_PT[0]
    right = frame.margin_right / EMU_PER_PT if frame.margin_right is not None else DEFAULT_INSET_PT[0]
    top = frame.margin_top / EMU_PER_PT if frame.margin_top is not None else DEFAULT_INSET_PT[1]
    bottom = frame.margin_bottom / EMU_PER_PT if frame.margin_bottom is not None else DEFAULT_INSET_PT[1]
    return Box(shape.width / EMU_PER_PT - left - right, shape.height / EMU_PER_PT - top - bottom,
               _style_size(shape, style, default), indent)


# slides ------------------------------------------------------------------------------------------------------------


def _set_paragraphs(shape, texts: list[str], box: Box) -> None:
    """Put one paragraph per text in a placeholder, wrapped, never auto-grown; smaller only when they must be."""
    from pptx.enum.text import MSO_AUTO_SIZE
    from pptx.util import Pt

    frame = shape.text_frame
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    size = box.font_for(texts)
    for number, text in enumerate(texts):
        paragraph = frame.paragraphs[0] if number == 0 else frame.add_paragraph()
        run = paragraph.add_run()
        run.text = text
        if size < box.font:
            run.font.size = Pt(size)


def _set_title(slide, text: str) -> None:
    """Put the slide's title in its title placeholder, smaller only when it would not fit."""
    title = _placeholder(slide, ("TITLE", "CENTER_TITLE"))
    if title is not None:
        _set_paragraphs(title, [text], _box(title, "titleStyle", DEFAULT_TITLE_PT))


def _set_notes(slide, text: str) -> None:
    """The speaker notes: one paragraph per paragraph of text."""
    paragraphs = [line for line in text.split("\n") if line.strip()]
    if paragraphs:
        slide.notes_slide.notes_text_frame.text = "\n".join(paragraphs)


def _title_slide(deck, layout, summary: Summary) -> None:
    """The first slide: the summary's title, and name, role, organisation and year under it (or no subtitle box)."""
    slide = deck.slides.add_slide(layout)
    _set_title(slide, summary.title)
    subtitle = _placeholder(slide, ("SUBTITLE", "BODY"))
    if subtitle is not None:
        if summary.byline():
            _set_paragraphs(subtitle, [summary.byline()], _box(subtitle, "bodyStyle", DEFAULT_BODY_PT))
        else:
            subtitle._element.getparent().remove(subtitle._element)


def _content_slides(deck, layout, title: str, points: list[KeyPoint], notes: str) -> int:
    """The slides of one section; returns how many were added."""
    slide = deck.slides.add_slide(layout)
    body = _placeholder(slide, ("BODY", "OBJECT"))
    if body is None:
        raise InputError(f"slide layout {layout.name!r}: has no body placeholder for the key points",
                         hint="use a template whose 'Title and Content' layout has a content placeholder")
    box = _box(body, "bodyStyle", DEFAULT_BODY_PT, _indent(body))
    texts = [point.text for point in points]
    chunks = split_to_fit(texts, box)
    left_out = [texts[i] for chunk in chunks[MAX_SLIDES_PER_SECTION:] for i in chunk]
    chunks = chunks[:MAX_SLIDES_PER_SECTION]
    if left_out:  # a section of hundreds of facts is no talk: its slides stop, the rest is named in the notes
        shown = "\n".join(f"- {text}" for text in left_out[:NOTES_LEFT_OUT_MAX])
        more = len(left_out) - NOTES_LEFT_OUT_MAX
        notes = (f"{notes}\n\n{len(left_out)} more key points, not on the slides:\n{shown}"
                 + (f"\n(and {more} more)" if more > 0 else ""))
    for part, chunk in enumerate(chunks, 1):
        if part > 1:
            slide = deck.slides.add_slide(layout)
            body = _placeholder(slide, ("BODY", "OBJECT"))
        _set_title(slide, CONTINUED.format(title=title, part=part, parts=len(chunks)) if len(chunks) > 1 else title)
        _set_paragraphs(body, [texts[i] for i in chunk], box)
        if part == 1 or len(notes) <= NOTES_REPEAT_MAX_CHARS or (left_out and part == len(chunks)):
            _set_notes(slide, notes)
        else:
            _set_notes(slide, f"(The notes for this section are on its first slide, {title} (1/{len(chunks)}).)")
    return len(chunks)


def number_format(decimals: int) -> str:
    """An Excel number format showing a figure as the fact writes it: thousands separated, its decimals kept."""
    return "#,##0" + ("." + "0" * decimals if decimals else "")


def _chart(slide, pair: FigurePair, left: int, top: int, width: int, height: int) -> None:
    """A native clustered-column chart of one pair: two columns, Before and After (Now and Target for a plan),
    each labelled with its value."""
    from pptx.chart.data import CategoryChartData
    from pptx.enum.chart import XL_CHART_TYPE
    from pptx.util import Pt

    data = CategoryChartData(number_format=number_format(pair.decimals))
    data.categories = list(PLAN_CATEGORIES if pair.plan else CHART_CATEGORIES)
    data.add_series(pair.title, (pair.before, pair.after))
    chart = slide.shapes.add_chart(XL_CHART_TYPE.COLUMN_CLUSTERED, left, top, width, height, data).chart
    chart.font.size = Pt(CHART_FONT_PT)
    chart.has_legend = False
    chart.has_title = True
    chart.chart_title.text_frame.text = pair.title
    chart.chart_title.text_frame.paragraphs[0].runs[0].font.size = Pt(CHART_TITLE_PT)
    plot = chart.plots[0]
    plot.has_data_labels = True
    plot.data_labels.number_format = number_format(pair.decimals)
    plot.data_labels.number_format_is_linked = False
    plot.data_labels.show_value = True
    chart.value_axis.minimum_scale = 0
    chart.value_axis.has_major_gridlines = False


def _key_figures_slides(deck, layout, pairs: list[FigurePair], summary: Summary) -> int:
    """The "Key figures" slides: CHARTS_PER_SLIDE charts each, in a grid over the layout's body area; past
    MAX_CHARTS, the pairs left out are listed in the last slide's notes."""
    left_out = pairs[MAX_CHARTS:]
    pairs = pairs[:MAX_CHARTS]
    chunks = [pairs[i:i + CHARTS_PER_SLIDE] for i in range(0, len(pairs), CHARTS_PER_SLIDE)]
    for part, chunk in enumerate(chunks, 1):
        slide = deck.slides.add_slide(layout)
        title = KEY_FIGURES_TITLE if len(chunks) == 1 else CONTINUED.format(title=KEY_FIGURES_TITLE, part=part,
                                                                             parts=len(chunks))
        _set_title(slide, title)
        body = _placeholder(slide, ("BODY", "OBJECT"))
        left, top, width, height = body.left, body.top, body.width, body.height
        body._element.getparent().remove(body._element)  # the charts take its place
        columns = min(CHART_COLUMNS, len(chunk))
        rows = math.ceil(len(chunk) / columns)
        gap = CHART_GAP_PT * EMU_PER_PT
        cell_w, cell_h = (width - gap * (columns - 1)) // columns, (height - gap * (rows - 1)) // rows
        for index, pair in enumerate(chunk):
            row, column = divmod(index, columns)
            _chart(slide, pair, left + column * (cell_w + gap), top + row * (cell_h + gap), cell_w, cell_h)
        facts = summary.facts.items
        lines = [f"{pair.title}: {pair.before_text} → {pair.after_text} (fact {pair.fact + 1}: "
                 f"{facts[pair.fact].text})" for pair in chunk]
        if left_out and part == len(chunks):
            lines.append(f"Not charted ({len(left_out)} more): " + "; ".join(
                f"{pair.title} {pair.before_text} → {pair.after_text}" for pair in left_out[:NOTES_LEFT_OUT_MAX]))
        _set_notes(slide, "\n".join(lines))
    return len(chunks)


def build_deck(summary: Summary, template: str | Path | None = None,
               warn: Callable[[str], None] | None = None) -> bytes:
    """The .pptx file's bytes."""
    if summary.facts is None:
        raise InputError("a .pptx deck needs the facts the summary was drafted from",
                         hint="pass --facts FACTS (its key points and figures come from them)")
    deck = open_template(template)
    title_layout = find_layout(deck, TITLE_LAYOUTS, template)
    content_layout = find_layout(deck, CONTENT_LAYOUTS, template)
    _title_slide(deck, title_layout, summary)
    for section, points in zip(summary.sections, key_points(summary, warn)):
        if points:
            _content_slides(deck, content_layout, section.title or summary.title, points, section.prose)
    pairs = figure_pairs(summary.facts)
    if pairs:
        _key_figures_slides(deck, content_layout, pairs, summary)
    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()
