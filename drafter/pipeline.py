"""The draft pipeline: facts + role → section requests → backend → cleanup → grounding → a Draft."""

from __future__ import annotations

import queue
import re
import threading
from dataclasses import dataclass, field
from typing import Any, Callable

from drafter import prompts
from drafter.backends import Backend, SectionRequest, Usage, get_backend
from drafter.bulk import collector_paused
from drafter.config import Settings
from drafter.echo import FactFinder
from drafter.errors import BackendError, DrafterError
from drafter.facts import Facts
from drafter.role_text import (  # noqa: F401 - the role's fixed prose lives in role_text, shared with grounding
    default_year, draft_title, fixed_text, resolve_role, section_lead, template_context)
from drafter.roles import PlannedSection, Role, plan_sections

ChunkHandler = Callable[[int, str], None]

EMPTY_NOTE = "no usable text from the model; run again or edit"  # an 'empty' section's note, under its heading
NOT_STARTED = "not started (the server failed before it reached this section)"
NOTE_STATUSES = ("partial", "failed", "pending", "empty")  # the statuses Draft.markdown marks with a note
STATUS_NOTE_LINE = re.compile(r"\n*_\[(?:" + "|".join(NOTE_STATUSES) + r"): [^\n]*\]_\s*$")


@dataclass
class SectionDraft:
    """One drafted section: its text and whether it finished ('done'), was cut short ('partial'), failed, or came
    back with no usable text ('empty': nothing was left of the reply after cleanup, or there was none)."""

    id: str
    title: str
    text: str = ""
    status: str = "pending"
    usage: Usage = field(default_factory=Usage)
    error: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The section as JSON-ready data; a section that did not finish says why in `note`."""
        data = {"id": self.id, "title": self.title, "text": self.text, "status": self.status}
        if self.status != "done":
            data["note"] = self.error or "not finished"
        return data


@dataclass
class Draft:
    """A finished (or partial) summary with everything the renderers and reports need."""

    role: Role
    facts: Facts
    title: str
    sections: list[SectionDraft]
    backend: str
    model: str
    warnings: list[str] = field(default_factory=list)
    cleanup: Any = None
    grounding: Any = None
    instructions: list[str] = field(default_factory=list)
    repaired: list[Any] = field(default_factory=list)  # repair.Repair: sentences removed, facts added
    echoes: list[Any] = field(default_factory=list)  # echo.Echo: sentences removed for copying the prompt
    trimmed: set[str] = field(default_factory=set, repr=False)  # sections whose cut-off end was looked at

    @property
    def complete(self) -> bool:
        """True when every section finished."""
        return all(s.status == "done" for s in self.sections)

    @property
    def usage(self) -> Usage:
        """Token usage summed over sections."""
        total = Usage()
        for section in self.sections:
            total.input_tokens += section.usage.input_tokens
            total.output_tokens += section.usage.output_tokens
        return total

    def markdown(self, notes: bool = True) -> str:
        """The draft as Markdown: '# title' then '## section' blocks, each section that did not finish marked with
        a '_[status: why]_' note (left out with `notes=False`, and then so are sections without text)."""
        parts = [f"# {self.title}"]
        for section in self.sections:
            marked = notes and section.status != "done"
            if not (section.text or marked):
                continue
            body = [section.text.strip()] if section.text.strip() else []
            if marked:
                body.append(f"_[{section.status}: {section.error or 'not finished'}]_")
            parts.append("\n\n".join([f"## {section.title}", *body]))
        return "\n\n".join(parts).strip() + "\n"

    @property
    def empty_sections(self) -> list[SectionDraft]:
        """The sections that came back with no usable text (status 'empty'); any left fails the run."""
        return [section for section in self.sections if section.status == "empty"]


class DraftFailed(DrafterError):
    """A backend failed mid-draft; `draft` holds every finished section and the partial text of the failed one."""

    exit_code = 1

    def __init__(self, error: DrafterError, draft: Draft) -> None:
        super().__init__(error.message, error.hint)
        self.exit_code = error.exit_code
        self.draft = draft


class Interrupted(DrafterError):
    """The user pressed Ctrl-C during a draft."""

    exit_code = 130


def prompt_instructions(requests: list[SectionRequest], facts: Facts) -> list[str]:
    """The prompts' own sentences (system and section instructions, fact lines left out), for cleanup to catch
    a model reciting them."""
    holds_fact = FactFinder({text.strip() for text in facts.texts})
    seen: dict[str, None] = {}
    for request in requests:
        for message in request.messages:
            lines = [line for line in message["content"].split("\n") if not holds_fact(line)]
            seen.setdefault("\n".join(lines), None)
    return list(seen)


def build_requests(role: Role, facts: Facts, settings: Settings,
                   plan: list[PlannedSection] | None = None) -> list[SectionRequest]:
    """One SectionRequest per planned section, with rendered chat messages and offline context."""
    plan = plan if plan is not None else plan_sections(role, facts)
    context = template_context(role, facts)
    system = prompts.render("system.j2", **context)
    requests = []
    for planned in plan:
        section = planned.section
        others = [{"id": p.section.id, "title": p.section.title, "kind": p.section.kind, "facts": [f.text for f in p.facts]}
                  for p in plan if p is not planned]
        fact_texts = [f.text for f in planned.facts]
        section_context = prompts.template_data({
            **context, "section": section, "facts": fact_texts, "others": others,
            "target_words": min(260, 50 + 30 * len(fact_texts)),
            "lead": section_lead(role, section, context),
        })
        user = prompts.render(prompts.section_template_name(section.kind), **section_context)
        requests.append(SectionRequest(
            section_id=section.id, title=section.title, kind=section.kind,
            messages=[{"role": "system", "content": system}, {"role": "user", "content": user}],
            max_tokens=settings.max_tokens, temperature=settings.temperature, context=section_context,
        ))
    return requests


# A heading line at the top of a reply: '#'s and text, a bold label, or a short 'Label:' line, then newlines.
# Every unbounded run is possessive (`*+`, `++`): giving back characters could only move a space from one run to
# the next, never find a newline, and made a reply of '#' and a few thousand spaces take minutes (cubic).
LEADING_HEADING = re.compile(r"^(?:\s*+(?:#{1,6}+\s*+.++|\*\*[^*\n]++\*\*:?|[^\n]{1,80}:)|\s*[^\S\n]:)[ \t]*+\n+")
EMPTY_ITEM = re.compile(r"[ \t]*(?:[-*+•]|\d{1,3}[.)])[ \t]*")  # a list marker with nothing after it
# what may wrap a bare title line: '## ', '**', quotes, ':'
TITLE_MARKUP = re.compile(r"^[\s#*_\"“”'‘’]++|(?<![\s*_:：.\"“”'‘’])[\s*_:：.\"“”'‘’]++$")


def tidy_section_text(text: str, title: str) -> str:
    """Drop a heading the model repeated at the top of its reply, any other line that is only the section's title
    ("Sales results", "**Sales results:**"), empty list items ("-" alone), quote marks a line opens or ends with and
    never pairs, and surrounding blank space."""
    from drafter.repair import drop_stray_quotes

    text = drop_stray_quotes(text)
    match = LEADING_HEADING.match(text)
    if match and title.lower() in match.group(0).lower():
        text = text[match.end():]
    bare_title = title.strip().lower()
    lines = text.split("\n")
    kept = [line for line in lines
            if not EMPTY_ITEM.fullmatch(line) and TITLE_MARKUP.sub("", line).lower() != bare_title]
    if len(kept) < len(lines):
        return re.sub(r"\n\s*\n(?:[ \t]*\n)+", "\n\n", "\n".join(kept)).strip()  # no blank run where a line went
    return text.strip()


def _ends_whole(block: str) -> bool:
    """True when a block's last sentence ends as sentences do (., !, ?, …, perhaps inside quotes or brackets) and
    the block's quotes are balanced. A reply cut right after a figure's point ("reached 48." of "48.3") is not;
    one that ends with a year ("by June 2027.") is."""
    if not SENTENCE_CLOSE.search(block):
        return False
    if CUT_AT_DECIMAL_POINT.search(block) and not YEAR_AT_END.search(block):
        return False
    return block.count('"') % 2 == 0 and block.count("“") == block.count("”")


SENTENCE_CLOSE = re.compile(r"[.!?。！？…]['\"”’)\]*_]*\s*$")
CUT_AT_DECIMAL_POINT = re.compile(r"\d\.\s*$")
YEAR_AT_END = re.compile(r"(?<![\d.,])(?:19|20)\d\d\.\s*$")
LEAD_IN_LINE = re.compile(r"(?:^#{1,6}\s.*|[:：]\W*)$")  # a heading or a line ending in ':' introduces what follows


def trim_cut_off_end(text: str) -> tuple[str, str]:
    """For a reply cut at the output token limit: drop its unfinished last sentence (or the whole last list item or
    paragraph when none of it is finished), then a heading or lead-in left with nothing after it.

    Returns (the text kept, what was dropped); a reply that ends with a whole sentence is kept as it is.
    """
    from drafter.cleanup import HEADING, LIST_ITEM, split_sentences

    lines = text.rstrip().split("\n")
    start = len(lines) - 1  # the last block: a list item with its continuation lines, a heading, or a paragraph
    while start > 0 and lines[start - 1].strip() and not LIST_ITEM.match(lines[start]) and \
            not HEADING.match(lines[start]) and not HEADING.match(lines[start - 1]):
        start -= 1
    block = "\n".join(lines[start:])
    marker = LIST_ITEM.match(block)
    prefix = marker.group(0) if marker else ""
    sentences = split_sentences(block[len(prefix):], 0)
    if not sentences or (_ends_whole(block) and not HEADING.match(block)):
        return text, ""
    kept = block[len(prefix):][:sentences[-1].start].rstrip() if len(sentences) > 1 else ""
    kept_lines = lines[:start] + ((prefix + kept).split("\n") if kept else [])
    while not kept and kept_lines and (not kept_lines[-1].strip() or LEAD_IN_LINE.search(kept_lines[-1].strip())):
        kept_lines.pop()
    kept_text = "\n".join(kept_lines).rstrip()
    return kept_text, text[len(kept_text):].strip()


def _run_one(backend: Backend, request: SectionRequest, section: SectionDraft, sink: queue.Queue) -> None:
    """Stream one section's reply into its sink, ending with 'done' or the error that stopped it."""
    try:
        for chunk in backend.stream(request, section.usage):
            sink.put(("chunk", chunk))
        sink.put(("done", None))
    except BaseException as exc:  # delivered to the main thread, which decides
        sink.put(("error", exc))


def _run_in_turn(backend: Backend, jobs: queue.SimpleQueue) -> None:
    """Take the next section in plan order and request it, until none is left (one such worker per --concurrency)."""
    while True:
        try:
            request, section, sink = jobs.get_nowait()
        except queue.Empty:
            return
        _run_one(backend, request, section, sink)


def run_sections(backend: Backend, requests: list[SectionRequest], sections: list[SectionDraft],
                 concurrency: int = 3, on_chunk: ChunkHandler | None = None) -> DrafterError | None:
    """Request sections concurrently (at most `concurrency` at once, started in plan order) and collect them in plan
    order.

    Chunks reach `on_chunk` in plan order from the calling thread. A failed section keeps its partial
    text; the first error is returned with all sections so the caller can keep what arrived.
    """
    sinks: list[queue.Queue] = [queue.Queue() for _ in requests]
    jobs: queue.SimpleQueue = queue.SimpleQueue()
    for job in zip(requests, sections, sinks):
        jobs.put(job)
    for _ in range(min(max(1, concurrency), len(requests))):
        threading.Thread(target=_run_in_turn, args=(backend, jobs), daemon=True).start()
    first_error: DrafterError | None = None
    for index, (section, sink) in enumerate(zip(sections, sinks)):
        pieces: list[str] = []
        try:
            while True:
                kind, payload = sink.get()
                if kind == "chunk":
                    pieces.append(payload)
                    if on_chunk:
                        on_chunk(index, payload)
                elif kind == "done":
                    section.status = "done"
                    break
                else:
                    error = payload if isinstance(payload, DrafterError) else BackendError(
                        f"section {section.id!r} failed: {payload.__class__.__name__}: {payload}")
                    section.status = "partial" if pieces else "failed"
                    # nothing arrived before the server went away: the section was waiting, not broken off
                    lost = getattr(error, "connection_lost", False)
                    section.error = NOT_STARTED if lost and not pieces else error.message
                    first_error = first_error or error
                    break
        except KeyboardInterrupt:
            section.text = tidy_section_text("".join(pieces), section.title)
            section.status = "partial" if pieces else "failed"
            section.error = "interrupted"
            for later in sections[index + 1:]:
                later.status, later.error = "failed", "interrupted"
            raise
        section.text = tidy_section_text("".join(pieces), section.title)
    return first_error


def _trim_cut_off_replies(draft: Draft, sections: list[SectionDraft] | None = None) -> None:
    """Trim the unfinished end of every finished section the model stopped at the output token limit, once per
    reply; one warning per such section, quoting what was dropped."""
    for section in draft.sections if sections is None else sections:
        if section.status != "done" or section.usage.finish_reason != "length" or section.id in draft.trimmed:
            continue
        draft.trimmed.add(section.id)
        section.text, dropped = trim_cut_off_end(section.text)
        if dropped:
            shown = " ".join(dropped.split())
            shown = shown if len(shown) <= CUT_OFF_QUOTE_CHARS else shown[:CUT_OFF_QUOTE_CHARS - 1] + "…"
            draft.warnings.append(f"section {section.id!r}: the model stopped at the output token limit; dropped its "
                                  f"unfinished end {shown!r}; raise --max-tokens")
        else:
            draft.warnings.append(f"section {section.id!r}: the model stopped at the output token limit, so its end "
                                  "may be cut off; raise --max-tokens")


CUT_OFF_QUOTE_CHARS = 80  # how much of a dropped unfinished end a warning quotes


def finish(draft: Draft, clean: bool = True) -> Draft:
    """Trim replies cut at the token limit, run cleanup over the whole document, then grounding; split the result
    back into sections. A finished section left with no text is marked 'empty' (see Draft.empty_sections).

    Works on a partial draft too: the notes on unfinished sections are kept out of cleanup and grounding.
    """
    from drafter import grounding

    _trim_cut_off_replies(draft)
    text = draft.markdown(notes=False)
    if clean:
        from drafter import cleanup

        as_written = {section.title: section.text for section in draft.sections}
        settings = cleanup.CleanupSettings(keep_sections=True, **DRAFTS_OWN,
                                           **(WRITERS_OWN if draft.backend == "offline" else {}))
        result = cleanup.clean(text, settings, echo_of=draft.instructions)
        draft.cleanup = result
        text = result.text
        from drafter.repair import drop_dangling_lead_ins

        text, dropped = drop_dangling_lead_ins(text)  # after cleanup, which reports what it knows ("Here is …:")
        draft.warnings.extend(f"removed a lead-in that introduces nothing: {line!r}" for line in dropped)
        if draft.backend == "offline":
            text = _keep_the_writers_sections(draft, text, as_written)
    report = grounding.check(text, draft.facts, fixed_text=fixed_text(draft.role, draft.facts))
    draft.grounding = report
    draft.warnings.extend(report.warnings())
    had_text = {s.title for s in draft.sections if s.text.strip()}
    _split_back(draft, report.text)
    for section in draft.sections:
        if section.title in had_text and not section.text:
            draft.warnings.append(f"section {section.id!r}: nothing left after cleanup (it held only stock phrases"
                                  " or repeats); add facts for it or run with --no-clean")
        if section.status == "done" and not section.text:
            section.status, section.error = "empty", EMPTY_NOTE
    return draft


# the built-in writer's prose is made from the role's data and the facts: the learned stock model, which judges other
# writers' sentences, is not asked about it ("I work in inside sales." is its lead, not a stock line); the phrase lists
# still are
WRITERS_OWN = {"stock_threshold": 1.0}
# a draft drafter asked for holds the summary alone, told from the user's facts, some with no figure or name the guard
# could see ("Lesson: agreed a weekly cut-off with the logistics team"): the learned block model, which judges the text
# pasted around a summary, is not asked about any draft (a chat model's wrappers are the phrase lists')
DRAFTS_OWN = {"block_threshold": 1.0}


def _keep_the_writers_sections(draft: Draft, text: str, as_written: dict[str, str]) -> str:
    """The cleaned text, with each section cleanup emptied given back the offline writer's text for it: the
    built-in writer's prose restates the facts, grounded by construction, so a section of it that reads as filler
    (a fact with nothing but words, "Sales support, and more of it.") keeps it rather than failing the run."""
    _split_back(draft, text)
    kept = [s for s in draft.sections if as_written.get(s.title, "").strip() and not s.text.strip()]
    if not kept:
        return text
    for section in kept:
        section.text = as_written[section.title]
        draft.warnings.append(f"section {section.id!r}: cleanup left nothing of the built-in writer's text; kept "
                              "it as written")
    return draft.markdown(notes=False)


def remove_prompt_echoes(draft: Draft, section: SectionDraft, sent: list[dict], repair: bool = False) -> None:
    """Remove each sentence of the section that copies the instructions of the messages sent for it (drafter.echo);
    each goes into draft.echoes and a warning. With `repair`, one holding a fact goes too: repair adds the fact back
    in the writer's words."""
    from drafter import echo

    finder = echo.EchoFinder(sent, draft.facts, keep_facts=not repair)
    section.text, found = echo.remove_echoes(section.text, section.title, finder)
    draft.echoes.extend(found)
    draft.warnings.extend(f"section {section.id!r}: removed a sentence that copies the prompt ({e.copied!r}): "
                          f"{e.text!r}" for e in found)


def check_not_empty(draft: Draft) -> None:
    """Fail the run (BackendError, exit 1) when a section is still 'empty' after finish() and any repair."""
    empty = draft.empty_sections
    if empty:
        names = ", ".join(repr(section.title) for section in empty)
        raise BackendError(f"no usable text from the model for section{'s' if len(empty) > 1 else ''} {names}; "
                           "the draft marks where", hint="run again (the finished sections come from the cache) "
                           "or write the section yourself")


def _split_back(draft: Draft, text: str) -> None:
    """Put a processed Markdown document's section bodies back into the draft's sections."""
    by_title = {s.title: s for s in draft.sections}
    current: SectionDraft | None = None
    bodies: dict[str, list[str]] = {s.title: [] for s in draft.sections}
    for line in text.split("\n"):
        if line.startswith("## ") and line[3:].strip() in by_title:
            current = by_title[line[3:].strip()]
            continue
        if line.startswith("# ") and current is None:
            draft.title = line[2:].strip()
            continue
        if current is not None:
            bodies[current.title].append(line)
    for section in draft.sections:
        body = "\n".join(bodies[section.title]).strip()
        body = STATUS_NOTE_LINE.sub("", body).strip()
        section.text = body


def regeneration_request(request: SectionRequest, previous: str, problems: list[str]) -> SectionRequest:
    """The same section request with the rejected reply and a note naming each problem plainly."""
    note = ("Your text has these problems: " + "; ".join(problems) +
            ". Rewrite the section using only the facts given, keeping every figure exactly as written and "
            "attached to what it counts.")
    messages = [*request.messages, {"role": "assistant", "content": previous}, {"role": "user", "content": note}]
    return SectionRequest(request.section_id, request.title, request.kind, messages, request.max_tokens,
                          request.temperature, request.context)


def section_problems(text: str, draft: Draft, request: SectionRequest, fixed: str) -> list[str]:
    """What grounding finds wrong with one section, each said plainly: every claim the facts do not support (with
    its reason) and every fact of the section's own that the text leaves out."""
    from drafter import grounding

    report = grounding.check(text, draft.facts, fixed_text=fixed)
    problems = [claim.reason or f"{claim.text} is not in the facts" for claim in report.unsupported]
    own_facts = set(request.context.get("facts") or []) if request.kind != "overview" else set()
    problems += [f"the draft leaves out: {omission.text}" for omission in report.omitted if omission.text in own_facts]
    return problems


def enforce_grounding(draft: Draft, backend: Backend, requests: list[SectionRequest], repair: bool = False,
                      clean: bool = True) -> None:
    """Regenerate once each section with unsupported claims or left-out facts; then, with `repair`, remove the
    sentences still wrong and add back the facts still left out; raise DraftFailed naming what is still wrong."""
    fixed = fixed_text(draft.role, draft.facts)
    still_bad: list[str] = []
    for request, section in zip(requests, draft.sections):
        problems = section_problems(section.text, draft, request, fixed)
        if not problems:
            continue
        retry = regeneration_request(request, section.text, problems)
        usage = Usage()
        text = tidy_section_text("".join(backend.stream(retry, usage)), section.title)
        section.usage.input_tokens += usage.input_tokens
        section.usage.output_tokens += usage.output_tokens
        section.usage.finish_reason = usage.finish_reason  # the text now is this reply's
        section.text = text
        # a new reply: what was said about the first one (its cut end, its echoes) no longer applies
        draft.warnings = [w for w in draft.warnings if not w.startswith(f"section {section.id!r}: ")]
        draft.echoes = [e for e in draft.echoes if e.section != section.title]
        draft.trimmed.discard(section.id)
        _trim_cut_off_replies(draft, [section])
        if clean:
            remove_prompt_echoes(draft, section, usage.messages or retry.messages, repair=repair)
        text = section.text
        problems = section_problems(text, draft, request, fixed)
        if problems and repair:
            from drafter.repair import repair_section

            section.text, done = repair_section(text, section.title, draft.facts, request, fixed)
            draft.repaired.extend(done)
            draft.warnings.extend(f"section {section.id!r}: repaired: {r.action} {r.text!r} ({r.reason})"
                                  for r in done)
            problems = section_problems(section.text, draft, request, fixed)
        if problems:
            forget = getattr(backend, "forget", None)  # a rejected reply must not come back from the cache
            if forget is not None:
                forget(request)
                forget(retry)
            still_bad.append(f"{section.title!r} ({'; '.join(problems[:5])})")
    if still_bad:
        error = BackendError("grounding problems remain after one regeneration in section " + "; ".join(still_bad),
                             hint="add the missing facts, or run without --strict and edit the draft")
        raise DraftFailed(error, draft)


@dataclass
class Prepared:
    """What a draft needs before anything is sent, built once: the role and one request per planned section."""

    role: Role
    requests: list[SectionRequest]


def prepare(facts: Facts, settings: Settings, role_name: str | None = None) -> Prepared:
    """Resolve the role (flag, else front matter) and build the section requests, the default year filled in: the
    one step the CLI's progress view, its token estimate and the pipeline share."""
    role = resolve_role(facts, role_name or settings.role)
    facts.meta.setdefault("year", default_year())
    return Prepared(role, build_requests(role, facts, settings))


def draft_summary(facts: Facts, settings: Settings, role_name: str | None = None, *, clean: bool = True,
                  strict: bool = False, repair: bool = False, backend: Backend | None = None,
                  on_chunk: ChunkHandler | None = None, prepared: Prepared | None = None) -> Draft:
    """Draft a whole summary; on a backend failure raise DraftFailed holding everything that arrived.

    With `strict`, a section with wrong claims or left-out facts is regenerated once, then the run fails; with
    `repair` too, what is still wrong is removed and what is still missing is added back instead. `prepared` is
    the result of prepare() when the caller has it already.
    """
    with collector_paused():  # one pause for writing, cleanup and grounding: the collector walks what they keep once
        return _draft_summary(facts, settings, role_name, clean=clean, strict=strict, repair=repair, backend=backend,
                              on_chunk=on_chunk, prepared=prepared)


def _draft_summary(facts: Facts, settings: Settings, role_name: str | None = None, *, clean: bool = True,
                   strict: bool = False, repair: bool = False, backend: Backend | None = None,
                   on_chunk: ChunkHandler | None = None, prepared: Prepared | None = None) -> Draft:
    """draft_summary() with the cyclic garbage collector paused."""
    prepared = prepared or prepare(facts, settings, role_name)
    role, requests = prepared.role, prepared.requests
    backend = backend or get_backend(settings)
    sections = [SectionDraft(r.section_id, r.title) for r in requests]
    # the built-in writer never recites its prompt
    echo_of = prompt_instructions(requests, facts) if backend.name != "offline" else []
    draft = Draft(role, facts, draft_title(role, facts), sections, backend.name, backend.model, instructions=echo_of,
                  warnings=list(facts.warnings))
    failure: DraftFailed | None = None
    try:
        error = run_sections(backend, requests, sections, settings.concurrency, on_chunk)
        _trim_cut_off_replies(draft)  # before echoes go and repair adds to the end: the cut is at the reply's end
        if clean and backend.name != "offline":  # the built-in writer never recites its prompt
            for request, section in zip(requests, sections):
                remove_prompt_echoes(draft, section, section.usage.messages or request.messages,
                                     repair=strict and repair)
        if error is None and strict:
            enforce_grounding(draft, backend, requests, repair=repair, clean=clean)
        elif error is not None:
            failure = DraftFailed(error, draft)
    except KeyboardInterrupt:
        failure = DraftFailed(Interrupted("interrupted; kept what had arrived"), draft)
    except DraftFailed as exc:
        failure = exc
    except DrafterError as exc:
        failure = DraftFailed(exc, draft)
    before_finish = list(draft.warnings)
    _finish_keeping_the_draft(draft, clean)  # a partial draft is cleaned like a finished one
    _forget_empty_replies(draft, backend, requests)
    if failure is None and repair and draft.empty_sections:
        draft.warnings = before_finish + _fill_empty_sections(draft, requests)
        _finish_keeping_the_draft(draft, clean)
    if failure is not None:
        raise failure
    return draft


def _finish_keeping_the_draft(draft: Draft, clean: bool) -> None:
    """finish() the draft; when Ctrl-C cuts that short, put every section back as it was drafted and raise
    DraftFailed saying so."""
    as_drafted = draft.title, [(section.text, section.status, section.error) for section in draft.sections]
    try:
        finish(draft, clean=clean)
    except KeyboardInterrupt:  # cut short in cleanup or grounding: keep every section as it was drafted
        draft.title = as_drafted[0]
        for section, (text, status, error) in zip(draft.sections, as_drafted[1]):
            section.text, section.status, section.error = text, status, error
        draft.warnings.clear()
        draft.cleanup = draft.grounding = None
        raise DraftFailed(Interrupted("interrupted before cleanup finished; kept the draft as written"),
                          draft) from None


def _fill_empty_sections(draft: Draft, requests: list[SectionRequest]) -> list[str]:
    """Repair: give each section the model left empty the offline writer's text for it (grounded by
    construction); return a warning line for each."""
    from drafter.backends.offline import OfflineBackend
    from drafter.repair import Repair

    writer, lines = OfflineBackend(), []
    for request, section in zip(requests, draft.sections):
        if section.status != "empty":
            continue
        section.text = tidy_section_text("".join(writer.stream(request, Usage())), section.title)
        section.status, section.error = "done", None
        done = Repair(section.title, "added", section.text, "no usable text from the model: the offline writer's text")
        draft.repaired.append(done)
        lines.append(f"section {section.id!r}: repaired: the model left it empty, so it holds the offline writer's "
                     "text")
    return lines


def _forget_empty_replies(draft: Draft, backend: Backend, requests: list[SectionRequest]) -> None:
    """Drop the cached reply of every section that came back empty, so that running again asks the model anew."""
    forget = getattr(backend, "forget", None)
    if forget is None:
        return
    for request, section in zip(requests, draft.sections):
        if section.status == "empty":
            forget(request)
