"""The draft pipeline: facts + role → section requests → backend → cleanup → grounding → a Draft."""

from __future__ import annotations

import queue
import re
import threading
from dataclasses import dataclass, field
from typing import Any, Callable

from drafter import prompts
from drafter.backends import Backend, SectionRequest, Usage, get_backend
from drafter.config import Settings
from drafter.errors import BackendError, DrafterError
from drafter.facts import Facts
from drafter.role_text import (  # noqa: F401 - the role's fixed prose lives in role_text, shared with grounding
    default_year, draft_title, fixed_text, resolve_role, section_lead, template_context)
from drafter.roles import PlannedSection, Role, plan_sections

ChunkHandler = Callable[[int, str], None]


@dataclass
class SectionDraft:
    """One drafted section: its text and whether it finished ('done'), was cut short ('partial') or failed."""

    id: str
    title: str
    text: str = ""
    status: str = "pending"
    usage: Usage = field(default_factory=Usage)
    error: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The section as JSON-ready data."""
        return {"id": self.id, "title": self.title, "text": self.text, "status": self.status}


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

    def markdown(self) -> str:
        """The draft as Markdown: '# title' then '## section' blocks."""
        parts = [f"# {self.title}"]
        for section in self.sections:
            if section.text or section.status != "done":
                note = "" if section.status == "done" else f"\n\n_[{section.status}: {section.error or 'not finished'}]_"
                parts.append(f"## {section.title}\n\n{section.text.strip()}{note}")
        return "\n\n".join(parts).strip() + "\n"


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


GRAM = 3  # characters of the pieces FactFinder indexes facts by


class FactFinder:
    """Whether a line holds one of many facts, without trying every fact on every line (10,000 facts in prompts
    of 10,000 lines was 10**8 tries): each fact is filed under its rarest piece of GRAM characters, and a line
    tries only the facts filed under a piece it holds."""

    def __init__(self, facts: set[str]) -> None:
        self.short = [fact for fact in facts if len(fact) < GRAM]  # tried on every line ('' is in every one)
        pieces = {fact: {fact[i:i + GRAM] for i in range(len(fact) - GRAM + 1)} for fact in facts if len(fact) >= GRAM}
        counts: dict[str, int] = {}
        for held in pieces.values():
            for piece in held:
                counts[piece] = counts.get(piece, 0) + 1
        self.filed: dict[str, list[str]] = {}
        for fact, held in pieces.items():
            self.filed.setdefault(min(held, key=lambda piece: (counts[piece], piece)), []).append(fact)

    def __call__(self, line: str) -> bool:
        if any(fact in line for fact in self.short):
            return True
        held = {line[i:i + GRAM] for i in range(len(line) - GRAM + 1)}
        return any(fact in line for piece in held & self.filed.keys() for fact in self.filed[piece])


def build_requests(role: Role, facts: Facts, settings: Settings,
                   plan: list[PlannedSection] | None = None) -> list[SectionRequest]:
    """One SectionRequest per planned section, with rendered chat messages and offline context."""
    plan = plan if plan is not None else plan_sections(role, facts)
    context = template_context(role, facts)
    system = prompts.render("system.j2", **context)
    requests = []
    for planned in plan:
        section = planned.section
        others = [{"id": p.section.id, "title": p.section.title, "facts": [f.text for f in p.facts]}
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


def tidy_section_text(text: str, title: str) -> str:
    """Drop a heading the model repeated at the top of its reply, and surrounding blank space."""
    match = LEADING_HEADING.match(text)
    if match and title.lower() in match.group(0).lower():
        text = text[match.end():]
    return text.strip()


def _run_one(backend: Backend, request: SectionRequest, section: SectionDraft, sink: queue.Queue,
             gate: threading.Semaphore) -> None:
    with gate:
        try:
            for chunk in backend.stream(request, section.usage):
                sink.put(("chunk", chunk))
            sink.put(("done", None))
        except BaseException as exc:  # delivered to the main thread, which decides
            sink.put(("error", exc))


def run_sections(backend: Backend, requests: list[SectionRequest], sections: list[SectionDraft],
                 concurrency: int = 3, on_chunk: ChunkHandler | None = None) -> DrafterError | None:
    """Request sections concurrently (at most `concurrency` at once) and collect them in plan order.

    Chunks reach `on_chunk` in plan order from the calling thread. A failed section keeps its partial
    text; the first error is returned with all sections so the caller can keep what arrived.
    """
    sinks: list[queue.Queue] = [queue.Queue() for _ in requests]
    gate = threading.Semaphore(max(1, concurrency))
    for request, section, sink in zip(requests, sections, sinks):
        threading.Thread(target=_run_one, args=(backend, request, section, sink, gate), daemon=True).start()
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
                    section.error = error.message
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


def finish(draft: Draft, clean: bool = True) -> Draft:
    """Run cleanup over the whole document, then grounding; split the result back into sections."""
    from drafter import grounding

    text = draft.markdown()
    if clean:
        from drafter import cleanup

        result = cleanup.clean(text, cleanup.CleanupSettings(keep_sections=True), echo_of=draft.instructions)
        draft.cleanup = result
        text = result.text
    report = grounding.check(text, draft.facts, fixed_text=fixed_text(draft.role, draft.facts))
    draft.grounding = report
    draft.warnings.extend(report.warnings())
    had_text = {s.title for s in draft.sections if s.text.strip()}
    _split_back(draft, report.text)
    for section in draft.sections:
        if section.title in had_text and not section.text:
            draft.warnings.append(f"section {section.id!r}: nothing left after cleanup (it held only stock phrases"
                                  " or repeats); add facts for it or run with --no-clean")
        if section.usage.finish_reason == "length":
            draft.warnings.append(f"section {section.id!r}: the model stopped at the output token limit, so its end "
                                  "may be cut off; raise --max-tokens")
    return draft


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
        body = re.sub(r"\n*_\[(?:partial|failed|pending): [^\n]*\]_\s*$", "", body).strip()
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


def enforce_grounding(draft: Draft, backend: Backend, requests: list[SectionRequest], repair: bool = False) -> None:
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
        section.text = text
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


def draft_summary(facts: Facts, settings: Settings, role_name: str | None = None, *, clean: bool = True,
                  strict: bool = False, repair: bool = False, backend: Backend | None = None,
                  on_chunk: ChunkHandler | None = None) -> Draft:
    """Draft a whole summary; on a backend failure raise DraftFailed holding everything that arrived.

    With `strict`, a section with wrong claims or left-out facts is regenerated once, then the run fails; with
    `repair` too, what is still wrong is removed and what is still missing is added back instead.
    """
    role = resolve_role(facts, role_name or settings.role)
    facts.meta.setdefault("year", default_year())
    backend = backend or get_backend(settings)
    requests = build_requests(role, facts, settings)
    sections = [SectionDraft(r.section_id, r.title) for r in requests]
    # the built-in writer never recites its prompt; its overview names the sections on purpose
    echo_of = prompt_instructions(requests, facts) if backend.name != "offline" else []
    draft = Draft(role, facts, draft_title(role, facts), sections, backend.name, backend.model, instructions=echo_of)
    try:
        error = run_sections(backend, requests, sections, settings.concurrency, on_chunk)
        if error is None and strict:
            enforce_grounding(draft, backend, requests, repair=repair)
    except KeyboardInterrupt:
        raise DraftFailed(Interrupted("interrupted; kept what had arrived"), draft) from None
    except DraftFailed:
        raise
    except DrafterError as exc:
        raise DraftFailed(exc, draft) from None
    if error is not None:
        raise DraftFailed(error, draft)
    as_drafted = draft.title, [section.text for section in sections]
    try:
        return finish(draft, clean=clean)
    except KeyboardInterrupt:  # cut short in cleanup or grounding: keep every section as it was drafted
        draft.title = as_drafted[0]
        for section, text in zip(sections, as_drafted[1]):
            section.text = text
        draft.warnings.clear()
        draft.cleanup = draft.grounding = None
        raise DraftFailed(Interrupted("interrupted before cleanup finished; kept the draft as written"),
                          draft) from None
