"""The OpenAI Batch file format: export a batch's requests as JSONL (one line per section), import the results
JSONL that the OpenAI Batch API or `vllm run-batch` returns, and submit / check / fetch through the openai SDK's
files and batches APIs.

A request line is {"custom_id", "method": "POST", "url": "/v1/chat/completions", "body": {model, messages,
max_completion_tokens, temperature}}; its custom_id is PERSON_ID/SECTION_ID, the person's id being the name their
draft gets (naming.person_ids), so an import with the same facts finds every section again. A result line is
{"custom_id", "response": {"status_code", "body": <chat completion>}, "error"}; an error in either place, or a
missing line, fails that section and so that person, who is reported, never half-written.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

from drafter.backends import SectionRequest, Usage
from drafter.errors import BackendError, InputError, printable

ENDPOINT = "/v1/chat/completions"
METHOD = "POST"
COMPLETION_WINDOW = "24h"
FILE_PURPOSE = "batch"
ID_SEPARATOR = "/"  # custom_id = PERSON_ID/SECTION_ID (a person id never holds one: naming.slug)
BATCH_PRICE_FACTOR = 0.5  # the Batch API bills half the list prices in prices.toml
REQUEST_KEYS = ("custom_id", "method", "url", "body")
METADATA = {"created_by": "drafter"}
DONE_STATUSES = ("completed", "failed", "expired", "cancelled")


def custom_id(person_id: str, section_id: str) -> str:
    """The custom_id of one person's section."""
    return f"{person_id}{ID_SEPARATOR}{section_id}"


def request_line(person_id: str, request: SectionRequest, model: str) -> dict[str, Any]:
    """One Batch API request line for a section request."""
    body = {"model": model, "messages": request.messages, "max_completion_tokens": request.max_tokens,
            "temperature": request.temperature}
    return {"custom_id": custom_id(person_id, request.section_id), "method": METHOD, "url": ENDPOINT, "body": body}


def person_requests(facts: Any, settings: Any) -> list[SectionRequest]:
    """The section requests a draft of these facts sends (as pipeline.draft_summary builds them)."""
    from drafter.pipeline import build_requests, default_year, resolve_role

    facts.meta.setdefault("year", default_year())
    return build_requests(resolve_role(facts, settings.role), facts, settings)


def check_request_line(line: str, label: str, number: int) -> dict[str, Any]:
    """A request line parsed and checked against the Batch API's shape; an InputError naming the line if not."""
    where = f"{label}:{number}"
    try:
        data = json.loads(line)
    except ValueError as exc:
        raise InputError(f"{where}: not JSON ({exc.__class__.__name__})") from None
    if not isinstance(data, dict):
        raise InputError(f"{where}: expected a request object")
    missing = [key for key in REQUEST_KEYS if key not in data]
    if missing:
        raise InputError(f"{where}: missing field{'s' if len(missing) > 1 else ''} {', '.join(missing)}")
    if not isinstance(data["custom_id"], str) or not data["custom_id"]:
        raise InputError(f"{where}: custom_id must be a non-empty string")
    if data["method"] != METHOD or data["url"] != ENDPOINT:
        raise InputError(f"{where}: expected method {METHOD} and url {ENDPOINT}")
    body = data["body"]
    if not isinstance(body, dict) or not isinstance(body.get("model"), str) or not isinstance(body.get("messages"), list):
        raise InputError(f"{where}: body needs a model and a list of messages")
    return data


def check_requests_file(path: Path) -> int:
    """Check every line of a requests file (shape, unique custom_ids); the number of requests."""
    from drafter.files import read_text

    text, label = read_text(path)
    seen: set[str] = set()
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        data = check_request_line(line, label, number)
        if data["custom_id"] in seen:
            raise InputError(f"{label}:{number}: custom_id {printable(data['custom_id'])!r} is used twice")
        seen.add(data["custom_id"])
    if not seen:
        raise InputError(f"{label}: holds no requests")
    return len(seen)


# -- results ----------------------------------------------------------------------------------------------------


@dataclass
class Result:
    """One section's result: its text, finish reason and usage, or the error that took its place."""

    text: str = ""
    finish_reason: str = ""
    input_tokens: int = 0
    output_tokens: int = 0
    model: str = ""
    error: str | None = None


def _error_text(error: Any) -> str:
    """An error object of either service ({'code', 'message'}, a string) as one line."""
    if isinstance(error, dict):
        message = error.get("message") or error.get("error") or json.dumps(error)[:200]
        code = error.get("code") or error.get("type")
        return f"{code}: {message}" if code and code not in str(message) else str(message)
    return str(error)


def parse_result(data: dict[str, Any]) -> Result:
    """A result line of the OpenAI Batch API or vLLM run-batch as a Result."""
    response = data.get("response") if isinstance(data.get("response"), dict) else None
    if data.get("error"):
        return Result(error=_error_text(data["error"]))
    if response is None:
        return Result(error="the result line holds no response")
    status = response.get("status_code")
    body = response.get("body")
    if status != 200 or not isinstance(body, dict):
        inner = body.get("error") if isinstance(body, dict) else None
        return Result(error=f"HTTP {status}: {_error_text(inner)}" if inner else f"HTTP {status}")
    choices = body.get("choices")
    if not isinstance(choices, list) or not choices or not isinstance(choices[0], dict):
        return Result(error="the response holds no choices")
    message = choices[0].get("message") or {}
    usage = body.get("usage") if isinstance(body.get("usage"), dict) else {}
    return Result(text=str(message.get("content") or ""), finish_reason=str(choices[0].get("finish_reason") or ""),
                  input_tokens=int(usage.get("prompt_tokens") or 0), output_tokens=int(usage.get("completion_tokens") or 0),
                  model=str(body.get("model") or ""))


def read_results(paths: list[Path], warn: Any = None) -> dict[str, Result]:
    """Every result by custom_id over the files given (an output and an error file, in any order: a success wins
    over an error). A line that is not a result is skipped with a warning; its section then counts as missing."""
    from drafter.files import read_text

    results: dict[str, Result] = {}
    for path in paths:
        text, label = read_text(path)
        for number, line in enumerate(text.split("\n"), 1):
            if not line.strip():
                continue
            try:
                data = json.loads(line)
            except ValueError:
                data = None
            if not isinstance(data, dict) or not isinstance(data.get("custom_id"), str):
                if warn:
                    warn(f"{label}:{number}: not a Batch API result line; skipped")
                continue
            result = parse_result(data)
            known = results.get(data["custom_id"])
            if known is None or (known.error and not result.error):
                results[data["custom_id"]] = result
    return results


class ReplayBackend:
    """A backend that answers a person's sections from imported results, so the pipeline assembles, cleans and
    checks them as it does live replies."""

    name = "openai"

    def __init__(self, person_id: str, results: dict[str, Result], model: str, label: str) -> None:
        self.person_id = person_id
        self.results = results
        self.model = model
        self.label = label

    def stream(self, request: SectionRequest, usage: Usage) -> Iterator[str]:
        """The section's imported text; a BackendError for a missing or failed section."""
        key = custom_id(self.person_id, request.section_id)
        result = self.results.get(key)
        if result is None:
            raise BackendError(f"section {request.section_id!r}: no result line for {key!r} in {self.label}")
        if result.error:
            raise BackendError(f"section {request.section_id!r}: {printable(result.error)[:200]}")
        usage.input_tokens, usage.output_tokens = result.input_tokens, result.output_tokens
        usage.finish_reason = result.finish_reason
        if result.text:
            yield result.text


# -- the Batch API --------------------------------------------------------------------------------------------------


def batch_backend(settings: Any, http_client: Any = None) -> Any:
    """An OpenAIBackend for the settings (its key and URL checks, client and error lines), with `http_client`
    for tests."""
    from drafter.backends.openai_backend import OpenAIBackend

    backend = OpenAIBackend(settings)
    if http_client is not None:
        import openai

        backend._client = openai.OpenAI(api_key=backend.api_key, base_url=backend.base_url,
                                        timeout=settings.timeout, max_retries=settings.max_retries,
                                        http_client=http_client)
    return backend


def _call(backend: Any, what: str, call: Any) -> Any:
    """Run one SDK call; any fault becomes one BackendError line (a 404 names the batch or file asked for)."""
    import openai

    try:
        return call()
    except openai.NotFoundError:
        raise BackendError(f"{backend.base_url} knows no {what} (404)",
                           hint="check the id and that --base-url / the key are the ones it was made with") from None
    except Exception as exc:  # noqa: BLE001 - translated to one line
        raise backend.translate(exc) from None


def submit(backend: Any, path: Path) -> dict[str, Any]:
    """Check and upload a requests file, then create a batch for it; the batch as data."""
    count = check_requests_file(path)
    client = backend.client
    data = path.read_bytes()
    uploaded = _call(backend, "files endpoint", lambda: client.files.create(
        file=(path.name, data, "application/jsonl"), purpose=FILE_PURPOSE))
    batch = _call(backend, "batches endpoint", lambda: client.batches.create(
        input_file_id=uploaded.id, endpoint=ENDPOINT, completion_window=COMPLETION_WINDOW, metadata=METADATA))
    return {**batch_info(batch), "requests": count, "input_file_id": uploaded.id}


def batch_info(batch: Any) -> dict[str, Any]:
    """A batch's id, status, request counts and result files as plain data."""
    counts = getattr(batch, "request_counts", None)
    return {"id": batch.id, "status": batch.status,
            "total": getattr(counts, "total", None), "completed": getattr(counts, "completed", None),
            "failed": getattr(counts, "failed", None),
            "output_file_id": getattr(batch, "output_file_id", None), "error_file_id": getattr(batch, "error_file_id", None)}


def status(backend: Any, batch_id: str) -> dict[str, Any]:
    """The batch's status as data."""
    client = backend.client
    return batch_info(_call(backend, f"batch {batch_id!r}", lambda: client.batches.retrieve(batch_id)))


def fetch(backend: Any, batch_id: str, output: Path) -> dict[str, Any]:
    """Download a batch's output and error files into one results file (written atomically); the batch as data."""
    from drafter.files import atomic_write

    info = status(backend, batch_id)
    ids = [fid for fid in (info["output_file_id"], info["error_file_id"]) if fid]
    if not ids:
        raise BackendError(f"batch {batch_id} is {info['status']}: it has no results yet",
                           hint=f"see 'drafter batch status {batch_id}'")
    client = backend.client
    parts = []
    for fid in ids:
        content = _call(backend, f"file {fid!r}", lambda fid=fid: client.files.content(fid))
        text = content.text if hasattr(content, "text") else content.read().decode("utf-8")
        parts.append(text if text.endswith("\n") or not text else text + "\n")
    atomic_write(output, "".join(parts))
    return {**info, "lines": sum(part.count("\n") for part in parts)}


# -- export and import of a whole team ---------------------------------------------------------------------------


def export_requests(people: list[Any], settings: Any, output: Path, warn: Any) -> dict[str, Any]:
    """Write the requests of everyone whose facts can be used to `output` (atomically) and say what it holds on
    stderr; people left out are warned about one line each, and then the export fails (BatchFailed, exit 1)."""
    import sys

    from drafter import tokens
    from drafter.batch.naming import person_ids
    from drafter.batch.runner import BatchFailed
    from drafter.errors import DrafterError
    from drafter.files import atomic_write

    ids = person_ids([(person.name, person.stem) for person in people])
    lines: list[str] = []
    everything: list[SectionRequest] = []
    left_out = 0
    for person, pid in zip(people, ids):
        try:
            if person.error is not None:
                raise InputError(person.error)
            requests = person_requests(person.facts, settings)
        except DrafterError as exc:
            warn(f"{exc.message}; left out")
            left_out += 1
            continue
        everything.extend(requests)
        lines.extend(json.dumps(request_line(pid, request, settings.model), ensure_ascii=False) for request in requests)
    if lines:
        atomic_write(output, "\n".join(lines) + "\n")
        estimate = tokens.estimate_requests(everything, "openai", settings.model, settings.extra.get("prices"))
        cost = estimate.estimated_cost_usd
        cost_text = "cost unknown (no price for the model)" if cost is None else \
            f"est. at most ${cost * BATCH_PRICE_FACTOR:.4f} at Batch API prices (half of ${cost:.4f})"
        sys.stderr.write(f"wrote {len(lines)} requests for {len(people) - left_out} people to {output} · "
                         f"{estimate.total_input_tokens:,} input tokens + at most {estimate.total_max_output_tokens:,} "
                         f"output · {cost_text}\n")
    if left_out:
        raise BatchFailed(f"{left_out} of {len(people)} people left out of the export; see the warnings above",
                          hint="fix their facts and export again")
    return {"requests": len(lines), "people": len(people)}


def import_results(people: list[Any], paths: list[Path], settings: Any, out_dir: Path, source: str, fmt: str,
                   clean: bool, view: Any, warn: Any) -> Any:
    """Draft everyone from the results files through the pipeline (cleanup, grounding), writing drafts, manifest
    and index to `out_dir` as a live run does; BatchFailed when a person has a missing or failed section."""
    from drafter.batch.runner import BatchOptions, plan_batch, run_batch

    results = read_results(paths, warn)
    model = next((result.model for result in results.values() if result.model), "batch")
    settings.backend, settings.model, settings.cache = "openai", model, False
    options = BatchOptions(out_dir, fmt=fmt, clean=clean, restart=True, cost_factor=BATCH_PRICE_FACTOR)
    plan = plan_batch(people, settings, options, source)
    known = set(plan.ids)
    strays = sorted({key.rsplit(ID_SEPARATOR, 1)[0] for key in results} - known)
    if strays:
        warn(f"{len(strays)} result id{'s' if len(strays) > 1 else ''} match no person in {source} "
             f"(first: {printable(strays[0])!r}); were the requests exported from other facts?")
    label = ", ".join(str(path) for path in paths)
    return run_batch(plan, settings, options, backend_for=lambda job: ReplayBackend(job.id, results, model, label),
                     view=view, workers=1)
