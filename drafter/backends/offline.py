"""The embedded default backend: deterministic narrative from the role's templates, no model, no network."""

from __future__ import annotations

import re
from typing import Iterator

from drafter import prompts
from drafter.backends import SectionRequest, Usage


class OfflineBackend:
    """Realises each fact as a sentence inside the role's narrative template; identical output on every run."""

    name = "offline"
    model = "offline"

    def compose(self, request: SectionRequest) -> str:
        """The whole section text for a request."""
        return prompts.render("offline/section.j2", **request.context)

    def stream(self, request: SectionRequest, usage: Usage) -> Iterator[str]:
        """Yield the composed section a sentence at a time, so callers stream it like a model's reply."""
        text = self.compose(request)
        for piece in re.split(r"(?<=[.!?])(?=\s)", text):
            if piece:
                yield piece
