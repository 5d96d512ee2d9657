"""Reading user input safely (UTF-8, not binary, size-bounded) and writing files atomically."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from drafter.errors import InputError

MAX_INPUT_BYTES = 64 * 1024 * 1024
MAX_DOCUMENT_BYTES = 10 * 1024 * 1024  # clean/check: about 16 s of cleanup at 1.6 s/MB; a summary is a few KB


def decode_text(data: bytes, label: str) -> str:
    """Decode bytes as UTF-8 text, refusing binary data with an error naming `label`."""
    if b"\x00" in data[:8192]:
        raise InputError(f"{label}: looks like a binary file, expected UTF-8 text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(f"{label}:{line}: not valid UTF-8 text", hint="save the file as UTF-8") from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_text(source: str | Path, label: str | None = None, max_bytes: int = MAX_INPUT_BYTES) -> tuple[str, str]:
    """Read a text file, or stdin for '-'; return (text, label) where label names the source in errors."""
    if str(source) == "-":
        label = label or "<stdin>"
        data = sys.stdin.buffer.read(max_bytes + 1)
    else:
        path = Path(source)
        label = label or str(source)
        if not path.exists():
            raise InputError(f"{label}: no such file")
        if path.is_dir():
            raise InputError(f"{label}: is a directory, expected a file")
        try:
            with path.open("rb") as handle:
                data = handle.read(max_bytes + 1)
        except OSError as exc:
            raise InputError(f"{label}: cannot read ({exc.strerror})") from None
    if len(data) > max_bytes:
        raise InputError(f"{label}: larger than {max_bytes // (1024 * 1024)} MB, refusing to read it",
                         hint="split it into smaller files")
    return decode_text(data, label), label


def atomic_write(path: str | Path, text: str) -> None:
    """Write text to path via a temp file in the same folder and a rename, so no half file is ever seen."""
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if target.is_dir():
        raise InputError(f"{target}: is a directory, expected a file path")
    if not folder.exists():
        raise InputError(f"{target}: folder {folder} does not exist")
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, target)
    except BaseException:
        try:
            os.unlink(tmp_name)
        except FileNotFoundError:
            pass
        raise
