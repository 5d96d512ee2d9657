"""The embedded default backend: deterministic prose from the facts (drafter.prose) laid out by the offline template,
no model, no network."""

from __future__ import annotations

import re
from typing import Callable, Iterator

from drafter import prompts
from drafter.backends import SectionRequest, Usage


def _grounded_in(context: dict) -> Callable[[str], bool]:
    """A test that a sentence draws no grounding finding against every fact of the draft (its own section's and
    the others'), with the front matter: what the writer rewords, it checks."""
    from drafter import grounding
    from drafter.facts import Fact, Facts

    texts = [*context.get("facts", []), *(fact for other in context.get("others", []) for fact in other["facts"])]
    meta = {key: str(value) for key, value in (context.get("meta") or {}).items()}
    facts = Facts([Fact(text, number) for number, text in enumerate(texts, 1)], meta, "<facts>")
    return lambda sentence: not grounding.check(sentence, facts).unsupported


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
        grounded = _grounded_in(context)
        if kind == "overview" and not context["facts"]:
            sentence = prose.headline(context.get("others", []), str(context.get("year") or ""), accept=grounded)
            paragraphs = [[sentence]] if sentence else []
        else:
            paragraphs = prose.compose_section(kind, context["facts"], accept=grounded)
        return prompts.render("offline/section.j2", **{**context, "paragraphs": paragraphs})

    def stream(self, request: SectionRequest, usage: Usage) -> Iterator[str]:
        """Yield the composed section a sentence at a time, so callers stream it like a model's reply."""
        text = self.compose(request)
        for piece in re.split(r"(?<=[.!?])(?=\s)", text):
            if piece:
                yield piece
