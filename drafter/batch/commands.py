"""The `drafter batch` commands: thin wrappers over the batch library. `drafter batch SOURCE` means
`drafter batch run SOURCE`."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Optional

import typer
from typer.core import TyperGroup

from drafter.errors import InputError
from drafter.options import (API_KEY_OPTION, BACKEND_OPTION, BASE_URL_OPTION, MODEL_OPTION, RETRIES_OPTION,
                             TIMEOUT_OPTION)

HELP_FLAGS = ("-h", "--help")  # `drafter batch --help` is the group's help, not run's


class DefaultRunGroup(TyperGroup):
    """A group whose first argument, when it names no subcommand, is the SOURCE of `run`."""

    def parse_args(self, ctx, args):  # noqa: D102 - click's hook
        if args and args[0] not in self.commands and args[0] not in HELP_FLAGS:
            args = ["run", *args]
        return super().parse_args(ctx, args)


batch_app = typer.Typer(
    cls=DefaultRunGroup, no_args_is_help=True, rich_markup_mode=None,
    help="Draft a summary for every person in a team (a folder of facts files, or a CSV / JSONL with one row per "
         "person), resumable, with an index of what needs review; or go through the OpenAI Batch API / vLLM.")

ROLE_OPTION = typer.Option(None, "--role", "-r", help="Role id or alias for everyone (overrides front matter).")
FORMAT_OPTION = typer.Option("md", "--format", "-f", help="Draft format: md, txt or json.")


def _settings(**flags):
    """Settings from flags, environment and config file (config.resolve_settings)."""
    from drafter.config import resolve_settings

    return resolve_settings(flags)


def _warn(message: str) -> None:
    """One warning line on stderr, the API key removed."""
    from drafter.config import redact

    sys.stderr.write(redact(f"warning: {message}\n"))


def _check_format(fmt: str) -> None:
    """A usage error for a draft format render does not know."""
    from drafter import render

    if fmt not in render.FORMATS:
        raise InputError(f"unknown --format {fmt!r}", hint="use one of: " + ", ".join(render.FORMATS))


def _out_dir(output: Path) -> Path:
    """The output folder: created when missing (its parent must exist); a file there is a usage error."""
    if output.exists() and not output.is_dir():
        raise InputError(f"{output}: is a file, expected a folder for the drafts")
    if not output.exists():
        if not output.parent.exists():
            raise InputError(f"{output}: folder {output.parent} does not exist")
        output.mkdir()
    return output


@batch_app.command("run")
def run(
    source: Path = typer.Argument(..., metavar="SOURCE", help="Team folder of facts files (.md, .yaml, .json), "
                                  "or a .csv / .jsonl with one row per person."),
    output: Path = typer.Option(..., "--output", "-o", help="Folder for the drafts, the index and the manifest."),
    role: Optional[str] = ROLE_OPTION,
    fmt: str = FORMAT_OPTION,
    backend: Optional[str] = BACKEND_OPTION,
    model: Optional[str] = MODEL_OPTION,
    base_url: Optional[str] = BASE_URL_OPTION,
    api_key: Optional[str] = API_KEY_OPTION,
    timeout: Optional[float] = TIMEOUT_OPTION,
    retries: Optional[int] = RETRIES_OPTION,
    concurrency: Optional[int] = typer.Option(None, "--concurrency", "-j",
                                              help="Requests in flight at once, over all people [default 3]."),
    max_tokens: Optional[int] = typer.Option(None, "--max-tokens", help="Output tokens per section [default 700]."),
    budget: Optional[float] = typer.Option(None, "--budget", metavar="USD", help="Refuse (exit 2) before sending "
                                           "if the estimated cost of the whole batch exceeds it."),
    dry_run: bool = typer.Option(False, "--dry-run", help="Print each person's requests, tokens and estimated cost, "
                                 "and the total; send and write nothing."),
    resume: bool = typer.Option(False, "--resume", help="Continue the batch in the output folder: skip finished "
                                "people, redraft those whose facts changed."),
    restart: bool = typer.Option(False, "--restart", help="Draft everyone again in a folder that holds a batch."),
    no_clean: bool = typer.Option(False, "--no-clean", help="Skip the cleanup pass."),
    strict: bool = typer.Option(False, "--strict", help="Regenerate a section with wrong claims once, then repair."),
    no_cache: bool = typer.Option(False, "--no-cache", help="Ask the server even for replies in the response cache."),
) -> None:
    """Draft everyone in SOURCE into the output folder (offline by default)."""
    from drafter.batch.inputs import load_people
    from drafter.batch.progress import make_view
    from drafter.batch.runner import BatchOptions, plan_batch, run_batch

    _check_format(fmt)
    if resume and restart:
        raise InputError("--resume and --restart cannot be used together")
    settings = _settings(backend=backend, model=model, base_url=base_url, api_key=api_key, timeout=timeout,
                         max_retries=retries, concurrency=concurrency, max_tokens=max_tokens, role=role,
                         cache=False if no_cache else None)
    people = load_people(source)
    if source.is_dir() and output.exists() and output.resolve() == source.resolve():
        raise InputError(f"{output}: is the team folder; the drafts would be read as facts next time",
                         hint="write the drafts to another folder, e.g. -o drafts/")
    if not dry_run:
        output = _out_dir(output)
    options = BatchOptions(output, fmt=fmt, clean=not no_clean, strict=strict, repair=strict, resume=resume,
                           restart=restart or dry_run)
    plan = plan_batch(people, settings, options, str(source))
    if dry_run or budget is not None:
        from drafter.batch.estimate import check_budget, estimate_plan, format_estimates

        rows = estimate_plan(plan, settings)
        if dry_run:
            sys.stdout.write(format_estimates(rows, settings))
            sys.stdout.flush()
        check_budget(rows, settings, budget)
        if dry_run:
            return
    run_batch(plan, settings, options, view=make_view())


@batch_app.command("export")
def export(
    source: Path = typer.Argument(..., metavar="SOURCE", help="Team folder, .csv or .jsonl (as for 'drafter batch')."),
    output: Path = typer.Option(..., "--output", "-o", help="The requests file to write (JSONL)."),
    model: Optional[str] = MODEL_OPTION,
    role: Optional[str] = ROLE_OPTION,
    max_tokens: Optional[int] = typer.Option(None, "--max-tokens", help="Output tokens per section [default 700]."),
) -> None:
    """Write every person's section requests in the OpenAI Batch API format (also what `vllm run-batch` reads)."""
    from drafter.batch.openai_batch import export_requests
    from drafter.batch.inputs import load_people
    from drafter.files import check_output_path

    check_output_path(output, None)
    settings = _settings(backend="openai", model=model, role=role, max_tokens=max_tokens, api_key=None)
    people = load_people(source)
    export_requests(people, settings, output, _warn)


@batch_app.command("import")
def import_(
    results: list[Path] = typer.Argument(..., metavar="RESULTS...", help="Results JSONL from the OpenAI Batch API "
                                         "(output and error files) or vllm run-batch."),
    facts: Path = typer.Option(..., "--facts", help="The team folder, .csv or .jsonl the requests were exported from."),
    output: Path = typer.Option(..., "--output", "-o", help="Folder for the drafts, the index and the manifest."),
    role: Optional[str] = ROLE_OPTION,
    fmt: str = FORMAT_OPTION,
    no_clean: bool = typer.Option(False, "--no-clean", help="Skip the cleanup pass."),
) -> None:
    """Assemble, clean and check the drafts from a results file; people with a missing or failed section fail."""
    from drafter.batch.openai_batch import import_results
    from drafter.batch.inputs import load_people
    from drafter.batch.progress import make_view

    _check_format(fmt)
    settings = _settings(role=role)
    people = load_people(facts)
    import_results(people, results, settings, _out_dir(output), str(facts), fmt, not no_clean, make_view(), _warn)


def _backend(base_url, api_key, timeout, retries):
    """The OpenAI client (with drafter's key checks and error lines) for submit, status and fetch."""
    from drafter.batch.openai_batch import batch_backend

    return batch_backend(_settings(backend="openai", base_url=base_url, api_key=api_key, timeout=timeout,
                                   max_retries=retries))


def _print_info(info: dict, fmt: str) -> None:
    """A batch's id, status, counts and result files on stdout, as text or JSON."""
    if fmt == "json":
        typer.echo(json.dumps(info, indent=2))
        return
    counts = "" if info.get("total") is None else \
        f" · {info['completed']}/{info['total']} completed, {info['failed']} failed"
    typer.echo(f"{info['id']}: {info['status']}{counts}")
    for key in ("output_file_id", "error_file_id"):
        if info.get(key):
            typer.echo(f"  {key.replace('_', ' ')}: {info[key]}")


@batch_app.command("submit")
def submit_cmd(
    requests: Path = typer.Argument(..., metavar="REQUESTS", help="A requests JSONL from 'drafter batch export'."),
    base_url: Optional[str] = BASE_URL_OPTION,
    api_key: Optional[str] = API_KEY_OPTION,
    timeout: Optional[float] = TIMEOUT_OPTION,
    retries: Optional[int] = RETRIES_OPTION,
    fmt: str = typer.Option("text", "--format", help="text or json."),
) -> None:
    """Upload a requests file and start an OpenAI batch (24 h window); prints the batch id."""
    from drafter.batch.openai_batch import submit

    info = submit(_backend(base_url, api_key, timeout, retries), requests)
    _print_info(info, fmt)
    if fmt != "json":
        typer.echo(f"  {info['requests']} requests; check it with: drafter batch status {info['id']}")


@batch_app.command("status")
def status_cmd(
    batch_id: str = typer.Argument(..., metavar="BATCH_ID"),
    base_url: Optional[str] = BASE_URL_OPTION,
    api_key: Optional[str] = API_KEY_OPTION,
    timeout: Optional[float] = TIMEOUT_OPTION,
    retries: Optional[int] = RETRIES_OPTION,
    fmt: str = typer.Option("text", "--format", help="text or json."),
) -> None:
    """Show a batch's status and request counts."""
    from drafter.batch.openai_batch import status

    _print_info(status(_backend(base_url, api_key, timeout, retries), batch_id), fmt)


@batch_app.command("fetch")
def fetch_cmd(
    batch_id: str = typer.Argument(..., metavar="BATCH_ID"),
    output: Path = typer.Option(..., "--output", "-o", help="The results file to write (JSONL)."),
    base_url: Optional[str] = BASE_URL_OPTION,
    api_key: Optional[str] = API_KEY_OPTION,
    timeout: Optional[float] = TIMEOUT_OPTION,
    retries: Optional[int] = RETRIES_OPTION,
) -> None:
    """Download a batch's results (output and error lines) into one file for 'drafter batch import'."""
    from drafter.batch.openai_batch import fetch
    from drafter.files import check_output_path

    check_output_path(output, None)
    info = fetch(_backend(base_url, api_key, timeout, retries), batch_id, output)
    sys.stderr.write(f"wrote {info['lines']} result lines of batch {batch_id} ({info['status']}) to {output}\n")
