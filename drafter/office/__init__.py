"""Office documents: a summary as a Word document (.docx) or a PowerPoint deck (.pptx) with a key-figures chart.

python-docx and python-pptx are an optional extra (`pip install 'drafter[office]'`). They are imported only when a
.docx or .pptx is written, so `drafter --help` and Markdown drafting never load them; asking for either without
them is a one-line InputError naming the pip command (exit 2), raised before any drafting starts.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from drafter.errors import InputError

if TYPE_CHECKING:
    from drafter.office.summary import Summary

FORMATS = {"docx": "docx", "pptx": "pptx"}  # office format → the module python-docx / python-pptx installs
PACKAGES = {"docx": "python-docx", "pptx": "python-pptx"}
PIP_COMMAND = "pip install 'drafter[office]'"


def is_office(fmt: str | None) -> bool:
    """True for a format this package writes (docx, pptx)."""
    return fmt in FORMATS


def format_for(output: str | Path | None, fmt: str | None) -> str | None:
    """The office format asked for: --format docx|pptx, else the -o file's extension; None for any other format."""
    if fmt in FORMATS:
        return fmt
    if output is not None and str(output) != "-":
        suffix = Path(str(output)).suffix.lower().lstrip(".")
        if suffix in FORMATS:
            return suffix
    return None


def require(fmt: str) -> None:
    """An InputError (one line, naming the pip command) when the library that writes `fmt` is not installed.

    Looks the module up without importing it, so a check before drafting costs nothing.
    """
    if importlib.util.find_spec(FORMATS[fmt]) is None:
        raise InputError(f".{fmt} output needs {PACKAGES[fmt]}, which is not installed; install it with: "
                         f"{PIP_COMMAND}")


def check_request(fmt: str, output: str | Path | None, template: str | Path | None = None) -> None:
    """Before any work: the library is installed, there is an -o file (a document is no text for stdout), and a
    --template is given only for a deck and is a readable file."""
    require(fmt)
    if output is None or str(output) == "-":
        raise InputError(f"a .{fmt} document is written to a file, not to stdout", hint=f"add -o summary.{fmt}")
    if template is not None:
        if fmt != "pptx":
            raise InputError("--template applies to .pptx output only")
        path = Path(template)
        if not path.is_file():
            raise InputError(f"{template}: no such file" if not path.exists() else f"{template}: is not a file",
                             hint="--template takes a PowerPoint .pptx file whose layouts the deck uses")
        from drafter.office.slides import check_template

        check_template(template)  # before a model is asked anything


def render(summary: "Summary", fmt: str, template: str | Path | None = None,
           warn: Callable[[str], None] | None = None) -> bytes:
    """The summary as a .docx or .pptx document's bytes."""
    require(fmt)
    if fmt == "docx":
        from drafter.office.word import build_document

        return build_document(summary)
    from drafter.office.slides import build_deck

    return build_deck(summary, template, warn=warn)


def write(summary: "Summary", output: str | Path, fmt: str, template: str | Path | None = None,
          warn: Callable[[str], None] | None = None) -> None:
    """Render the summary and write it to `output` atomically (files.write_output: kept under unsaved/ on failure)."""
    from drafter.files import write_output

    data = render(summary, fmt, template, warn=warn)
    write_output(output, data, f"the .{fmt} document")
