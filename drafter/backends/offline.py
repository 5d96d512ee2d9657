"""The embedded default backend: deterministic prose from the facts (drafter.prose) laid out by the offline template,
no model, no network."""

from __future__ import annotations

import re
from typing import Iterator

from drafter import prompts
from drafter.backends import SectionRequest, Usage


class OfflineBackend:
    """Writes each fact as a sentence after the section's lead; an overview states the year's headline figures.
    Identical output on every run."""

    name = "offline"
    model = "offline"

    def compose(self, request: SectionRequest) -> str:
        """The whole section text for a request."""
        from drafter import prose

        context = request.context
        kind = context["section"]["kind"]
        if kind == "overview" and not context["facts"]:
            sentence = prose.headline(context.get("others", []))
            paragraphs = [[sentence]] if sentence else []
        else:
            paragraphs = prose.compose_section(kind, context["facts"])
        return prompts.render("offline/section.j2", **{**context, "paragraphs": paragraphs})

    def stream(self, request: SectionRequest, usage: Usage) -> Iterator[str]:
        """Yield the composed section a sentence at a time, so callers stream it like a model's reply."""
        text = self.compose(request)
        for piece in re.split(r"(?<=[.!?])(?=\s)", text):
            if piece:
                yield piece
