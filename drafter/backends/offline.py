"""The embedded default backend: deterministic prose from the facts (drafter.prose) laid out by the offline template,
no model, no network."""

from __future__ import annotations

import bisect
import re
from typing import Callable, Iterator

from drafter import prompts
from drafter.backends import SectionRequest, Usage


def _grounded_in(context: dict) -> "_Grounded":
    """A test that a sentence draws no grounding finding against every fact of the draft (its own section's and
    the others'), with the front matter: what the writer rewords, it checks."""
    from drafter import grounding
    from drafter.facts import Fact, Facts

    texts = [*context.get("facts", []), *(fact for other in context.get("others", []) for fact in other["facts"])]
    meta = {key: str(value) for key, value in (context.get("meta") or {}).items()}
    facts = Facts([Fact(text, number) for number, text in enumerate(texts, 1)], meta, "<facts>")
    return _Grounded(grounding.sentence_checker(facts))


class _Grounded:
    """A sentence test against the draft's facts: called with one sentence, True when it draws no finding;
    `claims_in(text)` gives the findings of a longer text."""

    def __init__(self, check: Callable[[str], list]) -> None:
        self.claims_in = check

    def __call__(self, sentence: str) -> bool:
        return not self.claims_in(sentence)


def _judged_together(check: Callable[[str], bool], sentences: list[str]) -> Callable[[str], bool]:
    """The same test as `check`, with the section's sentences checked in one pass (each sentence is aligned and
    judged on its own there too), so a section of thousands of facts costs one check, not thousands; a sentence
    not among them (a fact written as given, after a refusal) is checked alone."""
    joined, starts = "", []
    for sentence in sentences:
        starts.append(len(joined))
        joined += sentence + "\n\n"
    refused = {sentences[bisect.bisect_right(starts, claim.offset) - 1] for claim in check.claims_in(joined)} \
        if sentences else set()
    judged = set(sentences)
    return lambda sentence: sentence not in refused if sentence in judged else check(sentence)


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
            drafts = [s for paragraph in prose.compose_section(kind, context["facts"]) for s in paragraph]
            paragraphs = prose.compose_section(kind, context["facts"], accept=_judged_together(grounded, drafts))
        return prompts.render("offline/section.j2", **{**context, "paragraphs": paragraphs})

    def stream(self, request: SectionRequest, usage: Usage) -> Iterator[str]:
        """Yield the composed section a sentence at a time, so callers stream it like a model's reply."""
        text = self.compose(request)
        for piece in re.split(r"(?<=[.!?])(?=\s)", text):
            if piece:
                yield piece
