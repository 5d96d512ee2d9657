"""The default PowerPoint template drafter ships (drafter/data/office/template.pptx) and the script that made it.

It is python-pptx's own blank template made 16:9, its placeholders widened to match, titles and body text sized for
a summary (36 pt titles, 20 pt first-level bullets), and its title layout named "Title" as the README documents.
Run `python -m drafter.office.template [OUT]` to make it again; nothing is generated at run time.
"""

from __future__ import annotations

import sys
from pathlib import Path

DEFAULT_TEMPLATE = Path(__file__).resolve().parent.parent / "data" / "office" / "template.pptx"
SLIDE_WIDTH, SLIDE_HEIGHT = 12192000, 6858000  # 16:9, 13.333 × 7.5 in, in EMU
OLD_WIDTH = 9144000  # python-pptx's blank template is 4:3, 10 in wide
TITLE_PT = 36
BODY_PT = (20, 18, 16, 14, 14)  # bullet levels 1-5
TITLE_COLOR = "1F3864"  # dark blue
LAYOUT_NAMES = {"Title Slide": "Title"}  # python-pptx's name → the name drafter looks for first


def make_template(out: Path) -> None:
    """Write the default template to `out`."""
    from pptx import Presentation
    from pptx.oxml.ns import qn

    deck = Presentation()
    deck.slide_width, deck.slide_height = SLIDE_WIDTH, SLIDE_HEIGHT
    scale = SLIDE_WIDTH / OLD_WIDTH
    master = deck.slide_master
    for owner in [master, *master.slide_layouts]:
        for shape in owner.shapes:  # only a shape with its own position: the others inherit the master's
            if shape._element.xpath("./p:spPr/a:xfrm"):
                shape.left, shape.width = round(shape.left * scale), round(shape.width * scale)
    for layout in master.slide_layouts:
        name = LAYOUT_NAMES.get(layout.name)
        if name:
            layout._element.cSld.set("name", name)
    styles = master._element.find(qn("p:txStyles"))
    title = styles.find(qn("p:titleStyle")).find(qn("a:lvl1pPr")).find(qn("a:defRPr"))
    title.set("sz", str(TITLE_PT * 100))
    fill = title.find(qn("a:solidFill"))
    for child in list(fill):
        fill.remove(child)
    color = fill.makeelement(qn("a:srgbClr"), {"val": TITLE_COLOR})
    fill.append(color)
    body = styles.find(qn("p:bodyStyle"))
    for level, size in enumerate(BODY_PT, 1):
        body.find(qn(f"a:lvl{level}pPr")).find(qn("a:defRPr")).set("sz", str(size * 100))
    out.parent.mkdir(parents=True, exist_ok=True)
    deck.save(str(out))


def main(argv: list[str] | None = None) -> None:
    """Make the template at the path given, or over the shipped one."""
    args = sys.argv[1:] if argv is None else argv
    out = Path(args[0]) if args else DEFAULT_TEMPLATE
    make_template(out)
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
