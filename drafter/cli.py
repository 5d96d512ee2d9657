"""The command line: parses arguments, calls the pipeline, prints. No drafting logic lives here."""

from __future__ import annotations

import errno
import io
import os
import signal
import sys
from pathlib import Path
from typing import Callable, Optional

import typer

from drafter import __version__
from drafter.errors import DrafterError, InputError
from drafter.options import (API_KEY_OPTION, BACKEND_OPTION, BASE_URL_OPTION, MODEL_OPTION, RETRIES_OPTION,
                             TIMEOUT_OPTION)

app = typer.Typer(
    name="drafter",
    help="Turn bullet facts and a role into a clean year-end work summary.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)
roles_app = typer.Typer(help="List the roles and their section plans.", invoke_without_command=True,
                        rich_markup_mode=None)
config_app = typer.Typer(help="Show the settings drafter uses and where they come from.", invoke_without_command=True,
                         rich_markup_mode=None)
cache_app = typer.Typer(help="The response cache: a rerun of the same draft asks the server nothing.",
                        invoke_without_command=True, rich_markup_mode=None)
app.add_typer(roles_app, name="roles")
app.add_typer(config_app, name="config")
app.add_typer(cache_app, name="cache")
from drafter.batch.commands import batch_app  # noqa: E402 - `drafter batch`: its commands import their work lazily

app.add_typer(batch_app, name="batch")


def plain_output() -> bool:
    """True when stdout should get plain text: not a terminal, or NO_COLOR set."""
    return bool(os.environ.get("NO_COLOR")) or not sys.stdout.isatty()


def stderr_console():
    """A rich console on stderr for progress, warnings and reports."""
    from rich.console import Console

    return Console(stderr=True, no_color=bool(os.environ.get("NO_COLOR")), highlight=False)


def emit(text: str, output: Optional[Path], markdown: bool = False, what: str = "the text",
         name: str = "output.txt") -> None:
    """Write text to -o (files.write_output), or to stdout (rendered with rich on a terminal when it is Markdown).

    When the write fails, the text is kept under $DRAFTER_HOME/unsaved (as `name`) and the error says where.
    """
    from drafter.files import write_output, write_stdout

    if output is not None and str(output) != "-":
        write_output(output, text, what)
        return
    if markdown and not plain_output():
        from rich.console import Console
        from rich.markdown import Markdown

        Console().print(Markdown(text))
        return
    write_stdout(text, what, name)


def warn(message: str) -> None:
    """One warning line on stderr (the API key, in any spelling, never shown)."""
    from drafter.config import redact

    sys.stderr.write(redact(f"warning: {message}\n"))


def _print_version(value: bool) -> None:
    """--version: print the version and exit before any command is required (an eager option)."""
    if value:
        typer.echo(f"drafter {__version__}")
        raise typer.Exit(0)


@app.callback()
def root(version: bool = typer.Option(False, "--version", help="Print the version and exit.", is_eager=True,
                                      callback=_print_version, expose_value=True)) -> None:
    """Turn bullet facts and a role into a clean year-end work summary."""


def _settings(**flags):
    from drafter.config import resolve_settings

    return resolve_settings(flags)


class StreamView:
    """Live progress on stderr while sections arrive: the current section's last lines and a counter."""

    def __init__(self, titles: list[str]) -> None:
        from rich.live import Live

        self.titles = titles
        self.index = 0
        self.text = ""
        self.live = Live(self._panel(), console=stderr_console(), transient=True, refresh_per_second=8)

    def _panel(self):
        from rich.panel import Panel
        from rich.text import Text

        tail = "\n".join(self.text.rstrip().split("\n")[-6:])[-480:]
        title = f"drafting {self.index + 1}/{len(self.titles)}: {self.titles[self.index]}" if self.titles else "drafting"
        return Panel(Text(tail or "waiting for the first token…"), title=title, title_align="left")

    def __enter__(self):
        self.live.__enter__()
        return self

    def __exit__(self, *exc) -> None:
        self.live.__exit__(*exc)

    def on_chunk(self, index: int, chunk: str) -> None:
        """Show a chunk of section `index`."""
        if index != self.index:
            self.index, self.text = index, ""
        self.text += chunk
        self.live.update(self._panel())


TEMPLATE_OPTION = typer.Option(None, "--template", metavar="PPTX", help="A .pptx whose slide layouts the deck "
                               "uses ('Title', 'Title and Content') [default: drafter's own].")


@app.command()
def draft(
    ctx: typer.Context,
    facts_file: str = typer.Argument(..., metavar="FACTS", help="Facts file (.md, .txt, .json, .yaml) or - for stdin."),
    role: Optional[str] = typer.Option(None, "--role", "-r", help="Role id or alias (overrides front matter)."),
    fmt: Optional[str] = typer.Option(None, "--format", "-f", help="Output format: md (default), txt, json, docx or "
                                      "pptx (-o FILE.docx or FILE.pptx picks docx or pptx too)."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write to FILE atomically instead of stdout."),
    template: Optional[Path] = TEMPLATE_OPTION,
    backend: Optional[str] = BACKEND_OPTION,
    model: Optional[str] = MODEL_OPTION,
    base_url: Optional[str] = BASE_URL_OPTION,
    api_key: Optional[str] = API_KEY_OPTION,
    timeout: Optional[float] = TIMEOUT_OPTION,
    retries: Optional[int] = RETRIES_OPTION,
    concurrency: Optional[int] = typer.Option(None, "--concurrency", "-j", help="Sections requested at once [default 3]."),
    temperature: Optional[float] = typer.Option(None, "--temperature", help="Sampling temperature [default 0.3]."),
    max_tokens: Optional[int] = typer.Option(None, "--max-tokens", help="Output tokens per section [default 700]."),
    no_clean: bool = typer.Option(False, "--no-clean", help="Skip the cleanup pass."),
    strict: bool = typer.Option(False, "--strict", help="Regenerate a section with wrong claims or left-out facts "
                                "once, then fail."),
    repair: Optional[bool] = typer.Option(None, "--repair/--no-repair", help="After the one regeneration, remove "
                                          "sentences still wrong and add back facts still left out [default: on with "
                                          "--strict]."),
    stream: Optional[bool] = typer.Option(None, "--stream/--no-stream",
                                          help="Stream replies as they are written [env DRAFTER_STREAM; default on]."),
    dry_run: bool = typer.Option(False, "--dry-run", help="Print each request, its exact token count and the "
                                 "estimated cost on stdout; send and write nothing."),
    budget: Optional[int] = typer.Option(None, "--budget", metavar="TOKENS",
                                         help="Refuse (exit 2) before sending if input + max output tokens exceed it."),
    no_cache: bool = typer.Option(False, "--no-cache", help="Ask the server even for replies in the response cache."),
) -> None:
    """Draft a summary from a facts file (offline by default; any OpenAI-compatible server by config)."""
    from drafter import render
    from drafter.facts import load_facts
    from drafter.pipeline import DraftFailed, draft_summary

    office_fmt = _office_format(fmt, output, template)
    fmt = fmt if fmt and not office_fmt else "md"
    if fmt not in render.FORMATS:
        raise InputError(f"unknown --format {fmt!r}", hint="use one of: " + ", ".join((*render.FORMATS, "docx", "pptx")))
    if budget is not None and budget < 1:
        raise InputError(f"--budget must be a positive number of tokens, got {budget}")
    settings = _settings(backend=backend, model=model, base_url=base_url, api_key=api_key, timeout=timeout,
                         max_retries=retries, concurrency=concurrency, temperature=temperature, max_tokens=max_tokens,
                         role=role, stream=stream, cache=False if no_cache else None)
    from drafter.files import check_output_path

    check_output_path(output, facts_file, "facts", suffixes=("", ".partial"))
    facts = load_facts(facts_file)
    from drafter.pipeline import prepare

    prepared = prepare(facts, settings)  # the role and requests, once; a missing role is reported before the backend
    _note_generic_role(prepared.role)
    if dry_run:
        _dry_run(prepared, settings, fmt, budget)
        return
    _check_estimate(prepared, settings, budget)
    from drafter.backends import get_backend

    model_backend = get_backend(settings, metered=True, cache=settings.cache, warn=warn,
                                http_client=(ctx.obj or {}).get("http_client"))
    options = dict(clean=not no_clean, strict=strict or bool(repair), repair=strict if repair is None else repair,
                   backend=model_backend, prepared=prepared)
    try:
        if _show_progress(settings):
            with StreamView([r.title for r in prepared.requests]) as view:
                result = draft_summary(facts, settings, on_chunk=view.on_chunk, **options)
        else:
            result = draft_summary(facts, settings, **options)
    except DraftFailed as failure:
        _keep_partial(failure, fmt, output)
        _usage_line(model_backend, failure.draft, settings, only_if_used=True)
        raise
    usage = _usage_line(model_backend, result, settings)
    if office_fmt:
        from drafter import office
        from drafter.office.summary import from_draft

        office.write(from_draft(result), output, office_fmt, template, warn=warn)
    else:
        emit(render.render(result, fmt, usage), output, markdown=(fmt == "md"), what="the summary",
             name=f"summary.{fmt}")
    _remove_stale_partial(output)
    if fmt != "json":
        for line in result.warnings:
            warn(line)
    from drafter.pipeline import check_not_empty

    check_not_empty(result)  # written with the empty sections marked, but the run fails


def _show_progress(settings) -> bool:
    """Whether `draft` shows live progress: a model backend and a terminal on stderr, without NO_COLOR."""
    return settings.backend != "offline" and sys.stderr.isatty() and not os.environ.get("NO_COLOR")


def _note_generic_role(role) -> None:
    """One 'note:' line on stderr when a job title is drafted with the generic plan (roles.fallback_note)."""
    from drafter.errors import printable
    from drafter.roles import fallback_note

    note = fallback_note(role)
    if note:
        sys.stderr.write(f"note: {printable(note)}\n")


def _office_format(fmt: Optional[str], output: Optional[Path], template: Optional[Path]) -> Optional[str]:
    """The office format asked for (--format docx|pptx, or -o FILE.docx|.pptx), checked before any work: its
    library installed, an -o file given, a --template only for a deck. None for a text format."""
    from drafter import office

    office_fmt = office.format_for(output, fmt) if fmt in (None, *office.FORMATS) else None
    if office_fmt:
        office.check_request(office_fmt, output, template)
    elif template is not None:
        raise InputError("--template applies to .pptx output only", hint="write the deck with -o FILE.pptx")
    return office_fmt


def _estimate(prepared, settings):
    """Every request the draft would send, counted for the model (tokens.Estimate)."""
    from drafter import tokens

    return tokens.estimate_requests(prepared.requests, settings.backend, settings.model, settings.extra.get("prices"))


def _dry_run(prepared, settings, fmt: str, budget: Optional[int]) -> None:
    """Print every request with its token counts and the estimated cost; then apply the context and budget checks."""
    import json

    from drafter import tokens

    estimate = _estimate(prepared, settings)
    if fmt == "json":
        sys.stdout.write(json.dumps(estimate.to_dict(), ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(tokens.format_estimate(estimate))
    sys.stdout.flush()
    estimate.check_context()
    estimate.check_budget(budget)


def _check_estimate(prepared, settings, budget: Optional[int]) -> None:
    """Before sending: refuse a draft over --budget, or a section too long for a known model's context window."""
    from drafter import tokens

    if budget is None:
        price = tokens.price_for(settings.model, settings.extra.get("prices")) if settings.backend != "offline" else None
        if price is None or not price.context_window:
            return
    estimate = _estimate(prepared, settings)
    estimate.check_context()
    estimate.check_budget(budget)


def _usage_line(backend, result, settings, only_if_used: bool = False) -> Optional[dict]:
    """After a model run: print the one-line usage summary on stderr and return the usage report for JSON.

    After a failure (`only_if_used`) the line is printed only when some tokens were used.
    """
    from drafter.backends.cached import MeteredBackend, format_usage

    if not isinstance(backend, MeteredBackend):
        return None
    report = backend.report(result.sections, settings.extra.get("prices"))
    if only_if_used and not (report["input_tokens"] or report["output_tokens"]):
        return report
    sys.stderr.write(format_usage(report, backend.model, len(result.sections)) + "\n")
    return report


def _partial_path(output: Path) -> Path:
    """Where a failed run keeps what arrived: FILE.partial beside FILE."""
    return output.with_name(output.name + ".partial")


def _remove_stale_partial(output: Optional[Path]) -> None:
    """After FILE is written, remove the FILE.partial an earlier failed run left beside it (a warning if it
    cannot be removed)."""
    if output is None or str(output) == "-":
        return
    stale = _partial_path(output)
    try:
        if stale.is_symlink() or stale.is_file():
            stale.unlink()
    except OSError as exc:
        warn(f"{stale}: could not remove the partial draft of an earlier run ({exc.strerror or exc})")


def _keep_partial(failure, fmt: str, output: Optional[Path]) -> None:
    """Save what arrived before a failure (cleaned by the pipeline like a finished draft, unfinished sections
    marked): to FILE.partial with -o, else to stdout; say where on stderr."""
    from drafter import render

    partial = failure.draft
    if not any(s.text for s in partial.sections):
        return
    text = render.render(partial, fmt)
    from drafter.files import write_output, write_stdout

    try:
        if output is not None and str(output) != "-":
            target = _partial_path(output)
            write_output(target, text, "the partial draft")
            done = sum(s.status == "done" for s in partial.sections)
            sys.stderr.write(f"kept {done}/{len(partial.sections)} finished sections (and partial text) in {target}\n")
        else:
            write_stdout(text, "the partial draft", f"summary.{fmt}.partial")
    except DrafterError as exc:  # the backend's error still follows; this one says where the text went
        warn(exc.message)


@app.command()
def session(
    session_id: Optional[str] = typer.Argument(None, metavar="ID", help="Session to continue (implies --resume)."),
    role: Optional[str] = typer.Option(None, "--role", "-r", help="Role id or alias (else a menu)."),
    facts_file: Optional[str] = typer.Option(None, "--facts", help="Start from a facts file, then add or change facts."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Where /save writes the summary."),
    resume: bool = typer.Option(False, "--resume", help="Continue the latest unfinished session (or the one named ID) "
                                "with its saved backend, model and base URL (flags win; the key is never saved)."),
    backend: Optional[str] = BACKEND_OPTION,
    model: Optional[str] = MODEL_OPTION,
    base_url: Optional[str] = BASE_URL_OPTION,
    api_key: Optional[str] = API_KEY_OPTION,
    timeout: Optional[float] = TIMEOUT_OPTION,
    retries: Optional[int] = RETRIES_OPTION,
) -> None:
    """Draft a summary interactively, section by section; autosaved, resumable (needs a terminal)."""
    from drafter.session_ui import start_session

    settings = _settings(backend=backend, model=model, base_url=base_url, api_key=api_key, timeout=timeout,
                         max_retries=retries)
    start_session(settings, role=role, facts_file=facts_file, output=output, resume=resume, resume_id=session_id)


@app.command()
def sessions() -> None:
    """List saved sessions, newest first, with their progress (continue one with: drafter session --resume ID)."""
    from drafter.session_ui import sessions_table

    sessions_table()


@app.command()
def clean(
    source: str = typer.Argument(..., metavar="FILE", help="Text or Markdown file to clean, or - for stdin."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write the cleaned text to FILE atomically."),
    report: bool = typer.Option(False, "--report", help="Print the edit report on stderr."),
    fmt: str = typer.Option("text", "--format", "-f", help="Output format: text or json (text plus report)."),
    diff: bool = typer.Option(False, "--diff", help="Print a unified diff of the edits instead of the text."),
    check: bool = typer.Option(False, "--check", help="Print only the report; exit 1 if anything would change."),
    lists_only: bool = typer.Option(False, "--lists-only",
                                    help="Cut only by the phrase lists, not the learned stock, furniture and "
                                         "block models (for text that is not a work summary)."),
) -> None:
    """Remove repetition, clichés, filler and template junk from any text, keeping every fact."""
    import json

    from drafter import cleanup
    from drafter.files import MAX_DOCUMENT_BYTES, check_output_path, read_text

    if fmt not in ("text", "json"):
        raise InputError(f"unknown --format {fmt!r}", hint="use one of: text, json")
    check_output_path(output)  # writing onto FILE itself is cleaning in place: allowed, the original is kept
    text, label = read_text(source, max_bytes=MAX_DOCUMENT_BYTES)
    no_models = cleanup.CleanupSettings(stock_threshold=1.0, furniture_threshold=1.0, block_threshold=1.0)
    result = cleanup.clean(text, no_models if lists_only else None)  # (--lists-only: no learned model)
    if check or report:
        sys.stderr.write(cleanup.format_report(result, label))
    if check:
        raise typer.Exit(1 if result.text != text.replace("\r\n", "\n") else 0)
    if diff:
        sys.stdout.write(cleanup.unified_diff(text, result.text, label))
        sys.stdout.flush()
        return
    out = json.dumps(result.to_dict(), ensure_ascii=False, indent=2) + "\n" if fmt == "json" else result.text
    from drafter.files import back_up_input

    backup = back_up_input(output, source)  # cleaning in place: the original's bytes are kept in FILE.orig
    emit(out, output, what="the cleaned text", name=f"{Path(label).name}.clean")
    if backup is not None:
        sys.stderr.write(f"cleaned {output} in place; the original is kept in {backup}\n")


@app.command("check")
def check_cmd(
    draft_file: str = typer.Argument(..., metavar="DRAFT", help="Draft to check (.md or .txt), or - for stdin."),
    facts_file: str = typer.Option(..., "--facts", help="Facts file the draft must be grounded in (.md, .json, .yaml)."),
    role: Optional[str] = typer.Option(None, "--role", "-r", help="Role whose fixed text is not a claim (else front matter)."),
    strict: bool = typer.Option(False, "--strict", help="Exit 1 if anything is unsupported or a placeholder remains."),
    fmt: str = typer.Option("text", "--format", "-f", help="Output format: text or json."),
    explain: bool = typer.Option(False, "--explain", help="Show, for every sentence, its facts and each claim's verdict."),
) -> None:
    """Check each claim in a draft against the fact it restates; list omitted facts and placeholders left."""
    import json

    from drafter import grounding
    from drafter.facts import load_facts
    from drafter.files import MAX_DOCUMENT_BYTES, read_text
    from drafter.pipeline import default_year

    if fmt not in ("text", "json"):
        raise InputError(f"unknown --format {fmt!r}", hint="use one of: text, json")
    if draft_file == "-" and facts_file == "-":
        raise InputError("the draft and the facts cannot both come from stdin")
    facts = load_facts(facts_file)
    for line in facts.warnings:
        warn(line)
    text, label = read_text(draft_file, max_bytes=MAX_DOCUMENT_BYTES)
    if not text.strip():
        raise InputError(f"{label}: is empty, expected a draft to check")
    facts.meta.setdefault("year", default_year())
    report = grounding.check(text, facts, fixed_text=grounding.fixed_text_for(facts, role))
    if fmt == "json":
        sys.stdout.write(json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n")
    else:
        if explain:
            sys.stdout.write("\n".join(grounding.explain(report, text, facts)) + "\n\n")
        sys.stdout.write(grounding.format_report(report, label))
    sys.stdout.flush()
    if strict and (report.unsupported or report.placeholders or report.filled or report.omitted):
        raise typer.Exit(1)


@app.command("export")
def export_cmd(
    summary_file: str = typer.Argument(..., metavar="SUMMARY", help="Markdown summary (as drafted, or edited by "
                                       "hand), or - for stdin."),
    output: Path = typer.Option(..., "--output", "-o", help="The .docx or .pptx file to write atomically."),
    facts_file: Optional[str] = typer.Option(None, "--facts", help="Facts the summary was drafted from (needed for "
                                             ".pptx: its key points and figures; for .docx: the author)."),
    fmt: Optional[str] = typer.Option(None, "--format", "-f", help="docx or pptx [default: -o's extension]."),
    template: Optional[Path] = TEMPLATE_OPTION,
    role: Optional[str] = typer.Option(None, "--role", "-r", help="Role id or alias (else the facts' front matter)."),
) -> None:
    """Export a Markdown summary as a Word document or a PowerPoint deck with a key-figures chart."""
    from drafter import office
    from drafter.files import MAX_DOCUMENT_BYTES, check_output_path, read_text

    if fmt is not None and fmt not in office.FORMATS:
        raise InputError(f"unknown --format {fmt!r}", hint="use one of: " + ", ".join(office.FORMATS))
    office_fmt = _office_format(fmt, output, template)
    if office_fmt is None:
        raise InputError(f"{output}: cannot tell which document to write", hint="name it .docx or .pptx, or pass "
                         "--format docx|pptx")
    if office_fmt == "pptx" and facts_file is None:
        raise InputError("a .pptx deck needs the facts the summary was drafted from",
                         hint="pass --facts FACTS (its key points and figures come from them)")
    if summary_file == "-" and facts_file == "-":
        raise InputError("the summary and the facts cannot both come from stdin")
    check_output_path(output, summary_file, "summary")
    if facts_file is not None:
        check_output_path(output, facts_file, "facts")
    facts = None
    if facts_file is not None:
        from drafter.facts import load_facts
        from drafter.pipeline import default_year

        facts = load_facts(facts_file)
        facts.meta.setdefault("year", default_year())
    text, label = read_text(summary_file, max_bytes=MAX_DOCUMENT_BYTES)
    if not text.strip():
        raise InputError(f"{label}: is empty, expected a Markdown summary to export")
    from drafter.office.summary import from_markdown

    office.write(from_markdown(text, facts, role), output, office_fmt, template, warn=warn)


@app.command("tokens")
def tokens_cmd(
    source: str = typer.Argument(..., metavar="FILE", help="Text file to count, or - for stdin."),
    model: Optional[str] = typer.Option(None, "--model", "-m", help="Model whose tokenizer counts [default: the "
                                        "configured model, else gpt-4o-mini]."),
    fmt: str = typer.Option("text", "--format", "-f", help="Output format: text or json."),
) -> None:
    """Count the tokens of any text exactly as an OpenAI model does, offline."""
    import json

    from drafter import tokens
    from drafter.files import MAX_DOCUMENT_BYTES, read_text

    if fmt not in ("text", "json"):
        raise InputError(f"unknown --format {fmt!r}", hint="use one of: text, json")
    settings = _settings()
    if model is None:
        model = settings.model if settings.backend != "offline" else "gpt-4o-mini"
    text, label = read_text(source, max_bytes=MAX_DOCUMENT_BYTES)
    report = tokens.count_report(text, model, label, settings.extra.get("prices"))
    if fmt == "json":
        sys.stdout.write(json.dumps(report, ensure_ascii=False, indent=2) + "\n")
    else:
        note = "" if report["exact"] else f"; approximate: {model!r} is not a known OpenAI model"
        sys.stdout.write(f"{report['tokens']:,} tokens ({model}, {report['encoding']}{note})\n")
    sys.stdout.flush()


@cache_app.callback()
def cache_default(ctx: typer.Context) -> None:
    """Show where the response cache is, its entries and size (same as 'drafter cache info')."""
    if ctx.invoked_subcommand is None:
        cache_info(fmt="text")


@cache_app.command("info")
def cache_info(fmt: str = typer.Option("text", "--format", "-f", help="Output format: text or json.")) -> None:
    """Entries, size, size limit and location of the response cache."""
    import json

    from drafter.cache import open_cache

    if fmt not in ("text", "json"):
        raise InputError(f"unknown --format {fmt!r}", hint="use one of: text, json")
    info = open_cache(_settings(), warn=warn).info()
    if fmt == "json":
        typer.echo(json.dumps(info, indent=2))
        return
    mb = 1024 * 1024
    typer.echo(f"location: {info['path']}{'' if info['exists'] else ' (not created yet)'}")
    typer.echo(f"entries: {info['entries']}")
    typer.echo(f"size: {info['file_bytes'] / mb:.2f} MB on disk, {info['stored_bytes'] / mb:.2f} MB of replies, "
               f"limit {info['max_bytes'] / mb:g} MB (cache_max_mb; least recently used evicted first)")


@cache_app.command("clear")
def cache_clear() -> None:
    """Delete every cached reply."""
    from drafter.cache import open_cache

    cache = open_cache(_settings(), warn=warn)
    removed = cache.clear()
    typer.echo(f"removed {removed} cached repl{'y' if removed == 1 else 'ies'} from {cache.path}")


@roles_app.callback()
def roles_list(ctx: typer.Context) -> None:
    """List the roles with their sections."""
    if ctx.invoked_subcommand is not None:
        return
    from drafter.roles import all_roles

    for role in sorted(all_roles().values(), key=lambda r: r.id):
        aliases = f" (aliases: {', '.join(role.aliases)})" if role.aliases else ""
        typer.echo(f"{role.id}{aliases}\n  {role.name}: " + " → ".join(s.title for s in role.sections))


@roles_app.command("show")
def roles_show(name: str = typer.Argument(..., help="Role id or alias.")) -> None:
    """Show one role: voice, section plan, and the keywords that place un-headed facts."""
    from drafter.roles import get_role

    role = get_role(name)
    lines = [f"{role.id}: {role.name}", f"  {role.description}", f"  file: {role.path}", f"  voice: {' '.join(role.voice.split())}",
             "  sections:"]
    for number, section in enumerate(role.sections, 1):
        flags = ", ".join(f for f, on in (("always", section.always), ("default", section.default)) if on)
        lines.append(f"    {number}. {section.id}: {section.title} [{section.kind}{', ' + flags if flags else ''}]")
        if section.aliases:
            lines.append(f"       headings: {', '.join(section.aliases)}")
        if section.keywords:
            lines.append(f"       keywords: {', '.join(section.keywords)}")
    typer.echo("\n".join(lines))


@config_app.callback()
def config_show(ctx: typer.Context) -> None:
    """Show the resolved settings and where each one comes from (flag > environment > config file > default)."""
    if ctx.invoked_subcommand is not None:
        return
    from drafter.config import config_path, drafter_home

    settings = _settings()
    path = config_path()
    typer.echo(f"config file: {path}{'' if path.is_file() else ' (not present)'}")
    typer.echo(f"drafter home: {drafter_home()}")
    for key, value in settings.redacted().items():
        typer.echo(f"{key} = {value!r}  ({settings.sources.get(key, 'default')})")


@config_app.command("path")
def config_path_cmd() -> None:
    """Print the config file's path."""
    from drafter.config import config_path

    typer.echo(str(config_path()))


def _is_usage_error(exc: BaseException) -> bool:
    """True for click/typer usage errors, whichever click the installed typer uses."""
    return any(cls.__name__ == "UsageError" for cls in type(exc).__mro__)


INTERRUPTED_EXIT_CODE = 130  # what a shell reports for a program ended by Ctrl-C (128 + SIGINT)
IO_EXIT_CODE = 1
USAGE_EXIT_CODE = 2
_interrupts: list[int] = []  # SIGINTs received, so a Ctrl-C that typer turned into exit code 130 is still named


def _watch_interrupts() -> None:
    """Record Ctrl-C before raising KeyboardInterrupt as Python does (left alone when SIGINT is ignored)."""
    if signal.getsignal(signal.SIGINT) is not signal.default_int_handler:
        return

    def on_interrupt(signum, frame):
        _interrupts.append(signum)
        raise KeyboardInterrupt

    signal.signal(signal.SIGINT, on_interrupt)


class ClosedStdout(io.TextIOBase):
    """Stands in for a stdout the shell closed (`>&-`): writing to it is an OSError like any failed write."""

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        raise OSError(errno.EBADF, "stdout is closed")


def _os_error_line(exc: OSError) -> str:
    """An I/O failure as one line: the file and the reason, or for an unnamed stream (stdout), the output."""
    reason = exc.strerror or str(exc) or exc.__class__.__name__
    named = exc.filename2 if exc.filename2 is not None else exc.filename  # a rename names its target second
    if named is not None:
        return f"{os.fsdecode(named)}: {reason}"
    return f"cannot write the output: {reason}"


# What each expected fault prints and exits with, first match wins: (exit code, message or None, hint or None).
FAULTS: list[tuple[type[BaseException] | tuple[type[BaseException], ...],
                   Callable[[BaseException], tuple[int, Optional[str], Optional[str]]]]] = [
    (DrafterError, lambda exc: (exc.exit_code, exc.message, exc.hint)),
    (BrokenPipeError, lambda exc: (IO_EXIT_CODE, None, None)),  # the reader left (| head): nothing to say
    (OSError, lambda exc: (IO_EXIT_CODE, _os_error_line(exc), None)),
    ((KeyboardInterrupt, typer.Abort), lambda exc: (INTERRUPTED_EXIT_CODE, "interrupted", None)),
]


def _release_stdout() -> None:
    """Flush stdout; when it cannot take the output (full disk, closed pipe), point it at /dev/null so that
    the interpreter's own flush at exit does not fail a second time with a traceback."""
    try:
        sys.stdout.flush()
    except (OSError, ValueError):
        try:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        except (OSError, ValueError):
            pass


def _say(message: str, hint: Optional[str] = None) -> None:
    """Write 'error: message' (and a hint line) on stderr, the API key removed in every spelling."""
    from drafter.config import redact

    text = f"error: {message}" + (f"\n  hint: {hint}" if hint else "")
    if sys.stderr is None:  # started with stderr closed: the exit code is all there is
        return
    try:
        sys.stderr.write(redact(text) + "\n")
        sys.stderr.flush()
    except (OSError, ValueError):
        pass


def _run(argv: Optional[list[str]] = None, http_client=None) -> int:
    """Run the app and flush its output; return the exit code (faults propagate to main's table)."""
    try:
        result = app(args=argv, standalone_mode=False, obj={"http_client": http_client})
    except typer.Exit as exc:
        result = exc.exit_code
    if result == INTERRUPTED_EXIT_CODE and _interrupts:
        raise KeyboardInterrupt  # typer swallowed the Ctrl-C into a bare exit code: report it like any other
    sys.stdout.flush()  # a full disk or closed pipe is reported here, not by the interpreter at exit
    return result if isinstance(result, int) else 0


def _exit_code_for(exc: BaseException) -> int:
    """Print the one line an exception maps to (FAULTS, usage errors, or an internal error) and return its code."""
    for kinds, describe in FAULTS:
        if isinstance(exc, kinds):
            code, message, hint = describe(exc)
            if message:
                _say(message, hint)
            return code
    if type(exc).__name__ == "NoArgsIsHelpError":
        sys.stdout.write(exc.ctx.get_help() + "\n")
        return 0
    if _is_usage_error(exc):
        command = exc.ctx.command_path if getattr(exc, "ctx", None) else "drafter"
        _say(exc.format_message(), f"see '{command} --help'")
        return USAGE_EXIT_CODE
    if os.environ.get("DRAFTER_DEBUG"):
        raise exc
    first_line = next(iter(str(exc).splitlines()), "")
    _say(f"internal error: {exc.__class__.__name__}: {first_line}",
         "this is a bug in drafter; run again with DRAFTER_DEBUG=1 for the traceback and report it")
    return 1


def main(argv: Optional[list[str]] = None, *, http_client=None) -> None:
    """Entry point: run the app and turn every expected fault into one line on stderr and an exit code.

    argv: the arguments (default sys.argv[1:]). http_client: the httpx2.Client that `draft`'s openai backend
    sends through (tests pass one on an httpx MockTransport); None: the SDK's own.
    """
    _watch_interrupts()
    if sys.stdout is None:
        sys.stdout = ClosedStdout()
    try:
        code = _run(argv, http_client)
    except SystemExit:
        raise
    except BaseException as exc:  # noqa: BLE001 - KeyboardInterrupt included: FAULTS maps it
        code = _exit_code_for(exc)
    _release_stdout()
    sys.exit(code)


if __name__ == "__main__":
    main()
