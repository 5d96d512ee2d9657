"""The one exception family drafter raises for expected faults; the CLI turns it into one line."""

from __future__ import annotations


class DrafterError(Exception):
    """An expected fault: a message for the user, an optional hint, and the exit code to use."""

    exit_code = 1

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return self.message


class InputError(DrafterError):
    """Bad user input or usage (a file, a flag, a field): exit code 2."""

    exit_code = 2


class BackendError(DrafterError):
    """A backend or runtime failure (server unreachable, bad key, timeout): exit code 1."""

    exit_code = 1


class OutputError(DrafterError):
    """Output could not be written (a full disk, a read-only folder, a path under a file): exit code 1."""

    exit_code = 1


def printable(text: str) -> str:
    """User text fit for a one-line message: line breaks, NUL and other unprintable characters written as escapes."""
    return "".join(char if char.isprintable() else repr(char)[1:-1] for char in text)
