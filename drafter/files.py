"""Reading user input safely (text, not binary, size-bounded) and writing output without ever losing a file.

Output rules (atomic_write): a regular file is replaced atomically and keeps its mode and owner; a symlink is
followed and its target replaced (the link stays a link); a file with several hard links is rewritten in place so
every link sees the new text; anything that is not a regular file (a device such as /dev/null, a FIFO) is opened
and written directly, never renamed over; a new file gets the mode the umask gives. A write that fails keeps the
text in $DRAFTER_HOME/unsaved (write_output, write_stdout) and says where in a one-line error.
"""

from __future__ import annotations

import codecs
import datetime
import os
import re
import secrets
import stat
import sys
from pathlib import Path

from drafter.errors import DrafterError, InputError, OutputError

MAX_INPUT_BYTES = 64 * 1024 * 1024
MAX_DOCUMENT_BYTES = 10 * 1024 * 1024  # clean/check: about 16 s of cleanup at 1.6 s/MB; a summary is a few KB

NEW_FILE_MODE = 0o666  # a new output file: the kernel applies the user's umask (0644 under umask 022)
PRIVATE_FILE_MODE = 0o600  # drafter's own state (a session's JSON): readable by its owner only
TEMP_NAME_MAX = 200  # characters of the target's name kept in its temp file's name, so a long name still fits
UNSAVED_FOLDER = "unsaved"  # under $DRAFTER_HOME: text that could not be written where it was asked to go
UNSAVED_NAME_MAX = 80
ASCII_TEXT_CHAR = re.compile(r"[\t\n\r -~]")  # at least one of these in any real text file, whatever its script
BOM_ENCODINGS = (  # UTF-32 first: its little-endian mark starts with the UTF-16 one
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)


# reading ------------------------------------------------------------------------------------------------------------


def _refuse_binary(label: str, line: int) -> InputError:
    """The error for data holding a NUL character (binary data, or UTF-16 without a byte-order mark)."""
    return InputError(f"{label}: looks like a binary file (a NUL byte on line {line}), expected UTF-8 text",
                      hint="if it is text, save it as UTF-8")


def decode_text(data: bytes, label: str) -> str:
    """Decode bytes as text (UTF-8, or UTF-16/32 with a byte-order mark), refusing binary data anywhere in it.

    A NUL byte at any position is refused (it never reaches the output); newlines are normalised to '\\n'.
    """
    encoding = next((name for bom, name in BOM_ENCODINGS if data.startswith(bom)), None)
    if encoding is not None:
        try:
            text = data.decode(encoding)  # the BOM picks the byte order and is dropped
        except UnicodeDecodeError as exc:
            line = data[: exc.start].decode(encoding, "replace").count("\n") + 1
            raise InputError(f"{label}:{line}: not valid {encoding.upper()} text", hint="save the file as UTF-8") from None
        nul = text.find("\x00")
        if nul >= 0:
            raise _refuse_binary(label, text.count("\n", 0, nul) + 1)
        if text and not ASCII_TEXT_CHAR.search(text):  # any bytes decode as UTF-16: real text has a space or digit
            raise InputError(f"{label}: looks like a binary file (a {encoding.upper()} byte-order mark, but not one "
                             "space, digit, letter or line break), expected UTF-8 text", hint="if it is text, save it as UTF-8")
    else:
        nul = data.find(b"\x00")
        if nul >= 0:
            raise _refuse_binary(label, data.count(b"\n", 0, nul) + 1)
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



def nested_too_deeply(label: str, kind: str, hint: str | None = None) -> InputError:
    """The error for a document nested deeper than its parser's recursion allows."""
    return InputError(f"{label}: malformed {kind} (nested too deeply)", hint=hint)


def unreadable_value(label: str, kind: str, exc: ValueError) -> InputError:
    """The error for a value a parser cannot convert (a number of thousands of digits, an impossible date)."""
    if "digits" in str(exc):
        return InputError(f"{label}: malformed {kind} (a number longer than {sys.get_int_max_str_digits()} digits)",
                          hint="write a long number as a string, in quotes")
    return InputError(f"{label}: malformed {kind} ({str(exc).split(';')[0]})")


def yaml_document(text: str, label: str, kind: str = "YAML", nested_hint: str | None = None) -> object:
    """A YAML document's data (safe types only); malformed YAML (with its line), a number past Python's digit
    limit, an impossible date or nesting past the recursion limit is an InputError naming the file."""
    import yaml

    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or "cannot parse"
        raise InputError(f"{label}{where}: malformed {kind} ({problem})") from None
    except RecursionError:
        raise nested_too_deeply(label, kind, nested_hint) from None
    except ValueError as exc:  # a huge integer, an impossible date such as 2026-13-45
        raise unreadable_value(label, kind, exc) from None


def toml_document(text: str, label: str, kind: str = "TOML file") -> dict:
    """A TOML document's table; malformed TOML, a number past Python's digit limit (a ValueError tomllib lets
    through) or nesting past the recursion limit is an InputError naming the file."""
    import tomllib

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"{label}: malformed {kind} ({exc})") from None
    except RecursionError:
        raise nested_too_deeply(label, kind) from None
    except ValueError as exc:
        raise unreadable_value(label, kind, exc) from None


# the input is never the output ---------------------------------------------------------------------------------------


def _regular_file_identity(source: str | Path) -> tuple[int, int] | None:
    """(device, inode) of a regular file ('-' is stdin when it is redirected from a file); None otherwise."""
    try:
        info = os.fstat(sys.stdin.fileno()) if str(source) == "-" else os.stat(source)
    except (OSError, ValueError, AttributeError):  # no such file, or a stdin without a descriptor (CliRunner)
        return None
    return (info.st_dev, info.st_ino) if stat.S_ISREG(info.st_mode) else None


def same_file(path: str | Path, source: str | Path) -> bool:
    """True when `path` (following links) is the regular file `source` ('-' is stdin): same device and inode."""
    first = _regular_file_identity(path) if str(path) != "-" else None
    return first is not None and first == _regular_file_identity(source)


def check_output_path(output: str | Path | None, source: str | Path | None = None, what: str = "input",
                      suffixes: tuple[str, ...] = ("",)) -> None:
    """Before any work: an InputError when -o (or -o + a suffix such as '.partial') cannot or must not be written.

    Refused: the input `source` itself (same device and inode, so another path, a symlink or a hard link to it
    is caught too), a folder, a path in a folder that does not exist. Other faults show up when writing.
    """
    if output is None or str(output) == "-":
        return
    for suffix in suffixes:
        target = Path(f"{output}{suffix}")
        if source is not None and same_file(target, source):
            shown = "stdin" if str(source) == "-" else str(source)
            raise InputError(f"{target}: is the {what} file {shown}; writing there would replace it",
                             hint="write to another file with -o")
    target = Path(os.path.realpath(output))
    if os.path.isdir(target):
        raise InputError(f"{output}: is a directory, expected a file path")
    if not os.path.lexists(target) and not os.path.lexists(target.parent):
        raise InputError(f"{output}: folder {Path(output).parent} does not exist")


# writing ------------------------------------------------------------------------------------------------------------


def _write_all(fd: int, data: bytes) -> None:
    """Write every byte of data to a descriptor (os.write may write less than asked)."""
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def _sync_folder(folder: Path) -> None:
    """Flush a folder's entries to disk after a rename (best effort: some file systems refuse)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _replace_via_temp(real: Path, data: bytes, existing: os.stat_result | None, private: bool) -> None:
    """Write data to a temp file beside `real` and rename it over `real`; an existing file's mode and owner are kept."""
    mode = PRIVATE_FILE_MODE if (private or existing is not None) else NEW_FILE_MODE
    temp = real.with_name(f".{real.name[:TEMP_NAME_MAX]}.{secrets.token_hex(4)}.tmp")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), mode)
    try:
        try:
            _write_all(fd, data)
            if existing is not None:
                os.fchmod(fd, stat.S_IMODE(existing.st_mode))
                try:
                    os.fchown(fd, existing.st_uid, existing.st_gid)
                except OSError:
                    pass  # only root may give a file away; the mode is kept all the same
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temp, real)
    except BaseException:
        try:
            os.unlink(temp)
        except OSError:
            pass
        raise
    _sync_folder(real.parent)


def _write_in_place(real: Path, data: bytes, truncate: bool) -> None:
    """Open an existing file (or device, or FIFO) and write data into it, never replacing the directory entry."""
    fd = os.open(real, os.O_WRONLY | getattr(os, "O_CLOEXEC", 0))
    try:
        _write_all(fd, data)
        if truncate:
            os.ftruncate(fd, len(data))
            os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write(path: str | Path, text: str | bytes, private: bool = False) -> None:
    """Write text to path without ever destroying what is there (see the module docstring for the rules).

    `private` gives a new file mode 0600 (drafter's own state); user output follows the umask. A folder or a
    missing folder is an InputError; any other failure is an OutputError naming `path` (no temp file is left).
    """
    data = text.encode("utf-8") if isinstance(text, str) else text
    target = Path(path)
    try:
        real = Path(os.path.realpath(target))  # a symlink is followed: its target is written, the link stays
        try:
            existing: os.stat_result | None = os.stat(real)
        except FileNotFoundError:
            existing = None
        if existing is None:
            try:
                os.stat(real.parent)
            except FileNotFoundError:
                raise InputError(f"{target}: folder {target.parent} does not exist") from None
            _replace_via_temp(real, data, None, private)
        elif stat.S_ISDIR(existing.st_mode):
            raise InputError(f"{target}: is a directory, expected a file path")
        elif not stat.S_ISREG(existing.st_mode):
            _write_in_place(real, data, truncate=False)  # /dev/null, a FIFO, a terminal: never renamed over
        elif existing.st_nlink > 1:
            _write_in_place(real, data, truncate=True)  # keeps every hard link pointing at the new text
        else:
            _replace_via_temp(real, data, existing, private)
    except OSError as exc:
        raise OutputError(f"{target}: cannot write ({exc.strerror or exc})") from None


def keep_unsaved(text: str | bytes, name: str) -> Path:
    """Save text (or a document's bytes) that could not be written where asked under $DRAFTER_HOME/unsaved; return
    the new file's path."""
    from drafter.config import drafter_home

    folder = drafter_home() / UNSAVED_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    safe = re.sub(r"[^\w.-]+", "_", Path(name).name)[-UNSAVED_NAME_MAX:].lstrip(".") or "output.txt"
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    data = text.encode("utf-8") if isinstance(text, str) else text
    for attempt in range(1000):
        candidate = folder / (f"{stamp}-{safe}" if attempt == 0 else f"{stamp}-{attempt}-{safe}")
        try:
            fd = os.open(candidate, os.O_WRONLY | os.O_CREAT | os.O_EXCL, NEW_FILE_MODE)
        except FileExistsError:
            continue
        try:
            _write_all(fd, data)
            os.fsync(fd)
        except BaseException:
            os.close(fd)
            os.unlink(candidate)
            raise
        os.close(fd)
        return candidate
    raise FileExistsError(f"{folder}: too many unsaved files named {safe}")


def _keep_elsewhere(text: str | bytes, name: str, what: str, stdout_allowed: bool) -> str:
    """Keep text whose write failed (a file under $DRAFTER_HOME/unsaved, else stdout); say where, for the error."""
    try:
        return f"{what} is kept in {keep_unsaved(text, name)}"
    except OSError as exc:
        reason = exc.strerror or str(exc)
    if stdout_allowed and isinstance(text, str):  # a document's bytes are no text for a terminal
        try:
            sys.stdout.write(text)
            sys.stdout.flush()
            return f"{what} was written to stdout instead"
        except OSError:
            _silence_stdout()
    return f"{what} could not be kept anywhere ({reason})"


def write_output(path: str | Path, text: str | bytes, what: str = "the text") -> None:
    """atomic_write for the user's -o file (text, or a document's bytes); when it fails, it is kept elsewhere and the
    error says where."""
    try:
        atomic_write(path, text)
    except DrafterError as exc:
        note = _keep_elsewhere(text, Path(path).name, what, stdout_allowed=True)
        raise type(exc)(f"{exc.message}; {note}", exc.hint) from None


def _silence_stdout() -> None:
    """Point stdout's descriptor at the null device, so text still buffered for it cannot fail again at exit."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    except (OSError, ValueError, AttributeError):
        pass


def write_stdout(text: str, what: str = "the text", name: str = "output.txt") -> None:
    """Write text to stdout; when that fails (a full disk), keep it under $DRAFTER_HOME/unsaved and say where.

    A closed pipe (BrokenPipeError) is left to the caller: the reader chose to stop reading.
    """
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        _silence_stdout()
        note = _keep_elsewhere(text, name, what, stdout_allowed=False)
        raise OutputError(f"stdout: cannot write ({exc.strerror or exc}); {note}") from None


BACKUP_SUFFIX = ".orig"  # `clean FILE -o FILE` keeps FILE's bytes here before replacing it


def back_up_input(output: str | Path | None, source: str | Path) -> Path | None:
    """Before writing `output` over the input `source` (cleaning in place): copy its bytes to OUTPUT.orig.

    Returns the backup's path, or None when output is not the input. The backup keeps the original's mode.
    """
    if output is None or str(output) == "-" or not same_file(output, source):
        return None
    backup = Path(f"{output}{BACKUP_SUFFIX}")
    if same_file(backup, source):
        raise InputError(f"{backup}: is the input file itself; cannot keep the original there",
                         hint="write to another file with -o")
    try:
        original = Path(output).read_bytes()
        mode = stat.S_IMODE(os.stat(output).st_mode)
    except OSError as exc:
        raise OutputError(f"{output}: cannot read it to keep a copy ({exc.strerror or exc})") from None
    atomic_write(backup, original, private=True)
    real = os.path.realpath(backup)
    try:
        if stat.S_ISREG(os.stat(real).st_mode):
            os.chmod(real, mode)
    except OSError as exc:
        raise OutputError(f"{backup}: cannot set its mode ({exc.strerror or exc})") from None
    return backup
