"""The junk pass: web-template material (site names, share buttons, "selected articles" tags) and a chat model's
wrapping (its opener, notes on the figures, offers of more help, "As an AI …"; drafter/data/cleanup/chat.toml) are
not the author's text and go, block by block, sentence by sentence, or as a tag cut from the title."""

from __future__ import annotations

from drafter.cleanup.document import Sentence
from drafter.cleanup.phrases import blank_spans, merge_spans
from drafter.cleanup.run import Run


def remove_junk(run: Run) -> None:
    """Remove junk blocks and sentences, and a site's tag from the title."""
    first = next((block for block in run.blocks if block.kind != "opaque"), None)
    for block in run.blocks:
        if block.kind == "opaque":
            continue
        if block is first and block.kind in ("heading", "title"):
            _cut_title_tag(run, block.sentences[0])
        hits = [s for s in block.sentences if run.lists.is_junk(s.text) or run.lists.is_junk(s.text, "title_tag")]
        if hits:
            others = [s for s in block.sentences if s not in hits]
            if block.kind in ("heading", "title") or not any(s.facts or s.placeholder for s in others):
                for sentence in block.sentences:
                    sentence.removed = True
                block.removed = True
                run.edit("junk", block.line, "\n".join(block.raw))
                continue
            for sentence in hits:
                sentence.removed = True
                run.edit("junk", sentence.line, sentence.text, of=sentence)
        for sentence in block.sentences:
            if sentence.removed or block.kind not in ("text", "item", "title"):  # a short line is read as a title
                continue
            if block.kind != "title" and run.lists.is_junk(sentence.text, "junk_sentence"):
                sentence.removed = True
                run.edit("junk", sentence.line, sentence.text, of=sentence)
            elif not sentence.placeholder and run.lists.is_junk(sentence.text, "chat"):
                sentence.removed = True  # the guard puts it back if it held a fact outside the chat phrase
                run.edit("chat", sentence.line, sentence.text, of=sentence)


def _cut_title_tag(run: Run, sentence: Sentence) -> None:
    """Cut a site's tag ("(selected 2 articles)") from the text's title, keeping the title."""
    spans = [m.span() for p in run.lists.title_tag for m in p.finditer(sentence.text)]
    rest = blank_spans(sentence.text, spans)
    if spans and rest.strip() and not run.lists.is_junk(rest):  # else the whole title is a site's
        run.cut(sentence, merge_spans(spans), "junk", repeat=False)

