"""Findings: what the check says of a claim (a verdict) or of a fact (an omission), in one small shape the verdict
modules share."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Verdict:
    """What is wrong with a claim: the kind, a reason naming the fact, and the fact's 0-based index."""

    kind: str
    reason: str
    fact: int | None = None


@dataclass
class Omission:
    """A fact the draft never states, with its line in the facts file."""

    fact: int
    line: int
    text: str

    def to_dict(self) -> dict:
        """JSON-ready form: the 1-based fact number, its line and text."""
        return {"fact": self.fact + 1, "line": self.line, "text": self.text}


def short_text(text: str, limit: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
