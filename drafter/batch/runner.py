"""Drafting every person of a batch: one backend shared by all, one limit on requests in flight across people,
one retry policy (the backend's), and one person's failure never stopping the others.

Each person is drafted by the pipeline exactly as `drafter draft` does it (draft_summary: sections, cleanup,
grounding); the draft is written atomically, then the person's record goes into the manifest. Records are written
by the calling thread only, in the order people finish.
"""

from __future__ import annotations

import queue
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator

from drafter.backends import Backend, SectionRequest, Usage
from drafter.batch.inputs import Person
from drafter.batch.manifest import Manifest, run_key
from drafter.batch.naming import free_file_name, person_ids
from drafter.config import Settings
from drafter.errors import DrafterError, InputError

WARNING_LINES_KEPT = 5  # of a person's warnings, the first lines kept in the manifest and index
POLL_SECONDS = 0.2  # how often the calling thread wakes to notice Ctrl-C while people are being drafted
OFFLINE_WORKERS = 1  # the offline writer is local and CPU-bound: more threads only take turns


@dataclass
class BatchOptions:
    """How a batch drafts and where it writes."""

    out_dir: Path
    fmt: str = "md"
    clean: bool = True
    strict: bool = False
    repair: bool = False
    resume: bool = False
    restart: bool = False  # start over in a folder that holds a batch (its files are still never overwritten unless its own)
    cost_factor: float = 1.0  # what the price file's list prices are multiplied by (the Batch API bills half)


@dataclass
class Job:
    """One person to draft: their id, the file their draft goes to and the key their record is valid for."""

    person: Person
    id: str
    file: str
    key: str


@dataclass
class Plan:
    """What a run will do: the manifest, the people to draft, and the ids of those already finished."""

    manifest: Manifest
    jobs: list[Job]
    finished: list[str]
    ids: list[str]


@dataclass
class BatchSummary:
    """What a run did: people by status, tokens, cost, and where the index is."""

    total: int
    counts: dict[str, int]
    input_tokens: int = 0
    output_tokens: int = 0
    cost_usd: float | None = 0.0
    skipped: int = 0
    index_paths: list[Path] = field(default_factory=list)

    @property
    def failed(self) -> int:
        """How many people failed."""
        return self.counts.get("failed", 0)


class BatchFailed(DrafterError):
    """Some people failed (exit 1); the others are drafted and the index lists each failure's first error."""

    exit_code = 1


def settings_signature(settings: Settings, options: BatchOptions) -> dict[str, Any]:
    """The settings a draft depends on (never the API key): a change redrafts people on --resume."""
    return {"backend": settings.backend, "model": settings.model, "base_url": settings.base_url or "",
            "role": settings.role or "", "max_tokens": settings.max_tokens, "temperature": settings.temperature,
            "format": options.fmt, "clean": options.clean, "strict": options.strict, "repair": options.repair}


def plan_batch(people: list[Person], settings: Settings, options: BatchOptions, source: str) -> Plan:
    """Match people to the manifest in the output folder: who is finished (on --resume), who is drafted, and the
    file each draft goes to (a finished person's own, else a free name)."""
    folder = options.out_dir
    manifest = Manifest.load(folder)
    if manifest is not None and manifest.people and not (options.resume or options.restart):
        raise InputError(f"{folder}: holds a batch already ({len(manifest.people)} people in {manifest.path.name})",
                         hint="continue it with --resume, start it over with --restart, or write to another folder")
    if manifest is None:
        manifest = Manifest(folder, source)
    manifest.source = source
    owned = manifest.files()
    ids = person_ids([(person.name, person.stem) for person in people])
    signature = settings_signature(settings, options)
    keys = [run_key(person.fingerprint, signature) for person in people]
    taken: set[str] = set()
    finished = []
    for pid, key in zip(ids, keys):
        if options.resume and manifest.finished(pid, key):
            finished.append(pid)
            taken.add(manifest.people[pid]["file"].lower())
    jobs = []
    done = set(finished)
    for person, pid, key in zip(people, ids, keys):
        if pid in done:
            continue
        previous = (manifest.people.get(pid) or {}).get("file")
        if previous and previous.lower() not in taken and previous.endswith("." + options.fmt):
            name = previous
        else:
            name = free_file_name(folder, pid, "." + options.fmt, owned, taken)
        taken.add(name.lower())
        jobs.append(Job(person, pid, name, key))
    manifest.keep_only(ids)
    return Plan(manifest, jobs, finished, ids)


class SharedLimit:
    """A backend wrapper that lets at most `limit` requests be in flight across all people, and counts them."""

    def __init__(self, inner: Backend, limit: int, on_change: Callable[[int], None] | None = None) -> None:
        self.inner = inner
        self.name = inner.name
        self.model = inner.model
        self.gate = threading.BoundedSemaphore(max(1, limit))
        self.in_flight = 0
        self._lock = threading.Lock()
        self.on_change = on_change

    def _count(self, step: int) -> None:
        """Count a request in (+1) or out (-1) and tell the view."""
        with self._lock:
            self.in_flight += step
            now = self.in_flight
        if self.on_change:
            self.on_change(now)

    def stream(self, request: SectionRequest, usage: Usage) -> Iterator[str]:
        """The inner backend's chunks, once a place under the limit is free."""
        with self.gate:
            self._count(1)
            try:
                yield from self.inner.stream(request, usage)
            finally:
                self._count(-1)

    def forget(self, request: SectionRequest) -> None:
        """Drop a cached reply (see MeteredBackend.forget), when the inner backend caches."""
        forget = getattr(self.inner, "forget", None)
        if forget is not None:
            forget(request)


def _first_line(text: str) -> str:
    """The first line of a message, the API key removed in every spelling (the manifest and index keep it)."""
    from drafter.config import redact

    return redact(next(iter(str(text).splitlines()), ""))


def warning_counts(draft: Any) -> dict[str, int]:
    """A draft's findings by kind: unsupported and misattributed claims, omitted facts, placeholders, and other
    warnings (a reply cut at the token limit, a section left empty by cleanup)."""
    report = draft.grounding
    counts = {"unsupported": 0, "misattributed": 0, "omitted": 0, "placeholders": 0, "other": 0}
    grounding_lines = 0
    if report is not None:
        for claim in report.unsupported:
            kind = "unsupported" if (claim.verdict or "unsupported") in ("invented", "unsupported") else "misattributed"
            counts[kind] += 1
        counts["omitted"] = len(report.omitted)
        counts["placeholders"] = len(report.placeholders)
        grounding_lines = len(report.warnings())
    counts["other"] = max(0, len(draft.warnings) - grounding_lines)
    return counts


def draft_person(job: Job, settings: Settings, options: BatchOptions, backend: Backend,
                 price: Any = None) -> dict[str, Any]:
    """Draft one person with the pipeline and write their file; return their record (status, words, warnings,
    tokens, cost, or the first error). Never raises for anything about this one person."""
    from drafter import render
    from drafter.files import atomic_write
    from drafter.pipeline import DraftFailed, check_not_empty, draft_summary

    person = job.person
    entry: dict[str, Any] = {"id": job.id, "name": person.name, "source": person.label, "key": job.key,
                             "file": job.file, "status": "failed", "words": 0, "warnings": {}, "warning_lines": [],
                             "input_tokens": 0, "output_tokens": 0, "cost_usd": 0.0 if settings.backend == "offline" else None,
                             "error": None}
    if person.error is not None or person.facts is None:
        entry["error"] = _first_line(person.error or "no facts")
        entry["cost_usd"] = 0.0  # nothing was sent
        return entry
    draft = None
    try:
        draft = draft_summary(person.facts, settings, clean=options.clean, strict=options.strict,
                              repair=options.repair, backend=backend)
        check_not_empty(draft)
        text = render.render(draft, options.fmt)
        atomic_write(options.out_dir / job.file, text)
    except DraftFailed as exc:
        draft = exc.draft
        entry["error"] = _first_line(exc.message)
    except DrafterError as exc:
        entry["error"] = _first_line(exc.message)
    except Exception as exc:  # noqa: BLE001 - a bug met by one person's facts must not stop the others
        entry["error"] = f"internal error: {exc.__class__.__name__}: {_first_line(str(exc))}"
    if draft is not None:
        usage = draft.usage
        entry["input_tokens"], entry["output_tokens"] = usage.input_tokens, usage.output_tokens
        if price is not None:
            entry["cost_usd"] = round(price.cost(usage.input_tokens, usage.output_tokens) * options.cost_factor, 6)
    if entry["error"] is not None:
        return entry
    counts = warning_counts(draft)
    entry.update(words=sum(len(s.text.split()) for s in draft.sections), warnings=counts,
                 warning_lines=[_first_line(line) for line in draft.warnings[:WARNING_LINES_KEPT]],
                 status="needs review" if draft.warnings else "done")
    return entry


def run_batch(plan: Plan, settings: Settings, options: BatchOptions, backend: Backend | None = None,
              backend_for: Callable[[Job], Backend] | None = None, view: Any = None,
              workers: int | None = None) -> BatchSummary:
    """Draft every job of the plan (each with `backend_for(job)`, else the shared `backend`, else the one the
    settings name), recording each person as they finish; write the index at the end, or when interrupted.

    Raises BatchFailed when any person failed; KeyboardInterrupt after recording what finished.
    """
    from drafter import tokens
    from drafter.batch import index
    from drafter.batch.progress import NullView

    view = view or NullView()
    manifest = plan.manifest
    price = tokens.price_for(settings.model, settings.extra.get("prices")) if settings.backend != "offline" else None
    shared = None
    if backend_for is None:
        if backend is None:  # made before anything is written: a missing key is reported with the folder untouched
            from drafter.backends import get_backend

            backend = get_backend(settings, metered=True, cache=settings.cache)
        shared = SharedLimit(backend, settings.concurrency, view.in_flight)
    options.out_dir.mkdir(parents=True, exist_ok=True)
    for job in plan.jobs:  # the file is named now, so a draft written just before a kill keeps its name on resume
        manifest.people[job.id] = {"id": job.id, "name": job.person.name, "source": job.person.label,
                                   "key": job.key, "file": job.file, "status": "pending"}
    manifest.compact()
    if workers is None:
        workers = OFFLINE_WORKERS if settings.backend == "offline" else settings.concurrency
    todo: queue.Queue = queue.Queue()
    for job in plan.jobs:
        todo.put(job)
    done: queue.Queue = queue.Queue()
    stop = threading.Event()

    def work() -> None:
        """A worker: draft people from the queue until it is empty or the run stops."""
        while not stop.is_set():
            try:
                job = todo.get_nowait()
            except queue.Empty:
                return
            chosen = backend_for(job) if backend_for is not None else shared
            done.put(draft_person(job, settings, options, chosen, price))

    view.start(len(plan.ids), len(plan.finished))
    for _ in range(min(workers, len(plan.jobs))):
        threading.Thread(target=work, daemon=True).start()
    try:
        for _ in plan.jobs:
            while True:
                try:
                    entry = done.get(timeout=POLL_SECONDS)
                    break
                except queue.Empty:
                    continue
            manifest.record(entry)
            view.person_done(entry)
    except KeyboardInterrupt:
        stop.set()
        view.close()
        manifest.compact()
        index.write_index(manifest, plan.ids)
        raise
    finally:
        stop.set()
        view.close()
    manifest.compact()
    paths = index.write_index(manifest, plan.ids)
    summary = summarize(manifest, plan, paths)
    view.finish(summary)
    if summary.failed:
        raise BatchFailed(f"{summary.failed} of {summary.total} {'person' if summary.total == 1 else 'people'} failed; "
                          f"see {paths[-1]}", hint="fix what the index names, then run again with --resume")
    return summary


def summarize(manifest: Manifest, plan: Plan, paths: list[Path]) -> BatchSummary:
    """Totals over everyone in the plan, finished earlier or now."""
    counts: dict[str, int] = {}
    summary = BatchSummary(len(plan.ids), counts, skipped=len(plan.finished), index_paths=paths)
    for pid in plan.ids:
        entry = manifest.people.get(pid) or {}
        status = entry.get("status", "pending")
        counts[status] = counts.get(status, 0) + 1
        summary.input_tokens += entry.get("input_tokens") or 0
        summary.output_tokens += entry.get("output_tokens") or 0
        cost = entry.get("cost_usd")
        summary.cost_usd = None if cost is None or summary.cost_usd is None else summary.cost_usd + cost
    return summary
