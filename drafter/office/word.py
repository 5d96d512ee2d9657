"""A summary as a Word document (python-docx): the Title and Heading styles, one Word paragraph per paragraph,
Markdown lists as Word lists (List Bullet / List Number, numbering restarted per list), placeholders highlighted,
and the title and author in the document's properties."""

from __future__ import annotations

import io

from drafter.office.summary import Block, Summary, inline_runs

TITLE_STYLE = "Title"
SUBTITLE_STYLE = "Subtitle"
SECTION_STYLE = "Heading 1"
SUBHEADING_STYLE = "Heading {level}"  # a '### ' heading inside a section: Heading 2, ...
BODY_STYLE = "Normal"
LIST_STYLES = {"bullet": "List Bullet", "number": "List Number"}  # level 0; deeper levels add " 2", " 3"
PLACEHOLDER_HIGHLIGHT = "YELLOW"  # docx.enum.text.WD_COLOR_INDEX member for a placeholder left in the text
SUBJECT = "Year-end work summary"


def list_style(block: Block) -> str:
    """The built-in Word list style for a list item at its level ("List Bullet", "List Number 2", ...)."""
    base = LIST_STYLES[block.kind]
    return base if block.level == 0 else f"{base} {block.level + 1}"


def placeholder_pieces(text: str) -> list[tuple[str, bool]]:
    """(text, is_placeholder) pieces of one run's text, placeholders found by cleanup's detector (20**, XX, [Name])."""
    from drafter.cleanup import find_placeholders

    pieces: list[tuple[str, bool]] = []
    cursor = 0
    for place in find_placeholders(text):
        start = place.col - 1
        if place.line != 1 or start < cursor or place.text.strip("*") == "":
            continue
        if start > cursor:
            pieces.append((text[cursor:start], False))
        pieces.append((place.text, True))
        cursor = start + len(place.text)
    if cursor < len(text):
        pieces.append((text[cursor:], False))
    return pieces


def _add_text(paragraph, text: str) -> None:
    """Add a block's text as runs: bold and italic from its Markdown, placeholders highlighted."""
    from docx.enum.text import WD_COLOR_INDEX

    for piece, bold, italic in inline_runs(text):
        for part, is_placeholder in placeholder_pieces(piece):
            run = paragraph.add_run(part)
            run.bold = bold or None
            run.italic = italic or None
            if is_placeholder:
                run.font.highlight_color = getattr(WD_COLOR_INDEX, PLACEHOLDER_HIGHLIGHT)


def _restart_numbering(document, paragraph, style_name: str) -> None:
    """Make a numbered list start again at 1: a new numbering instance of the style's list for its first item."""
    style = document.styles[style_name]
    num_pr = style.element.pPr.numPr if style.element.pPr is not None else None
    if num_pr is None or num_pr.numId is None:
        return
    numbering = document.part.numbering_part.element
    abstract = numbering.num_having_numId(num_pr.numId.val).abstractNumId.val
    num = numbering.add_num(abstract)
    num.add_lvlOverride(ilvl=0).add_startOverride(1)
    paragraph._p.get_or_add_pPr().get_or_add_numPr().get_or_add_numId().val = num.numId


def build_document(summary: Summary) -> bytes:
    """The .docx file's bytes."""
    import docx

    document = docx.Document()
    properties = document.core_properties
    properties.title = summary.title
    properties.author = summary.name
    properties.last_modified_by = summary.name
    properties.subject = SUBJECT
    properties.keywords = ", ".join(part for part in (summary.role_name, summary.organisation, summary.year) if part)
    properties.comments = "Drafted with drafter"
    _add_text(document.add_paragraph(style=TITLE_STYLE), summary.title)
    if summary.byline():
        document.add_paragraph(summary.byline(), style=SUBTITLE_STYLE)
    for section in summary.sections:
        if section.title:
            _add_text(document.add_paragraph(style=SECTION_STYLE), section.title)
        previous: Block | None = None
        for block in section.blocks:
            if block.kind == "heading":
                _add_text(document.add_paragraph(style=SUBHEADING_STYLE.format(level=block.level + 1)), block.text)
            elif block.kind in LIST_STYLES:
                style = list_style(block)
                paragraph = document.add_paragraph(style=style)
                _add_text(paragraph, block.text)
                first_of_list = previous is None or previous.kind not in LIST_STYLES
                if block.kind == "number" and block.level == 0 and (first_of_list or previous.kind != "number"):
                    _restart_numbering(document, paragraph, style)
            else:
                _add_text(document.add_paragraph(style=BODY_STYLE), block.text)
            previous = block
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
