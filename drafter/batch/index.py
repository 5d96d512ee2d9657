"""The batch's index: `index.json` and `index.md` in the output folder, one row per person, what needs a human
look first (failed, then needs review with the most warnings, then done)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterable

from drafter.batch.manifest import FINISHED, STATUSES, Manifest
from drafter.files import atomic_write

INDEX_JSON = "index.json"
INDEX_MD = "index.md"
WARNING_KINDS = ("unsupported", "misattributed", "omitted", "placeholders", "other")
NOTE_CHARS = 140  # of the first error or warning shown in index.md


def warning_total(entry: dict[str, Any]) -> int:
    """All of a person's warnings, every kind."""
    return sum((entry.get("warnings") or {}).values())


def rows(manifest: Manifest, ids: Iterable[str]) -> list[dict[str, Any]]:
    """The index rows of these people, sorted: failed, needs review (most warnings first), done, pending."""
    order = {status: rank for rank, status in enumerate(STATUSES)}
    out = []
    for position, pid in enumerate(ids):
        entry = manifest.people.get(pid) or {"id": pid, "status": "pending"}
        out.append((order.get(entry.get("status", "pending"), len(order)), -warning_total(entry), position,
                    _row(entry)))
    return [row for *_, row in sorted(out, key=lambda item: item[:3])]


def _row(entry: dict[str, Any]) -> dict[str, Any]:
    """A manifest record as an index row (every field present; a draft file only for a finished person)."""
    warnings = {kind: (entry.get("warnings") or {}).get(kind, 0) for kind in WARNING_KINDS}
    return {"id": entry["id"], "name": entry.get("name") or "", "source": entry.get("source") or "",
            "status": entry.get("status", "pending"),
            "file": entry.get("file") if entry.get("status") in FINISHED else None, "words": entry.get("words") or 0,
            "warnings": warnings, "warning_lines": entry.get("warning_lines") or [],
            "input_tokens": entry.get("input_tokens") or 0, "output_tokens": entry.get("output_tokens") or 0,
            "cost_usd": entry.get("cost_usd"), "error": entry.get("error")}


def totals(table: list[dict[str, Any]]) -> dict[str, Any]:
    """People by status, words, tokens and cost over the index (cost None when any person's is unknown)."""
    counts = {status: 0 for status in STATUSES}
    for row in table:
        counts[row["status"]] = counts.get(row["status"], 0) + 1
    costs = [row["cost_usd"] for row in table]
    return {"people": len(table), **counts, "words": sum(r["words"] for r in table),
            "input_tokens": sum(r["input_tokens"] for r in table), "output_tokens": sum(r["output_tokens"] for r in table),
            "cost_usd": None if any(c is None for c in costs) else round(sum(costs), 6)}


def write_index(manifest: Manifest, ids: list[str]) -> list[Path]:
    """Write index.json and index.md atomically; return their paths (the Markdown one last)."""
    table = rows(manifest, ids)
    summary = totals(table)
    folder = manifest.folder
    data = {"source": manifest.source, "totals": summary, "people": table}
    atomic_write(folder / INDEX_JSON, json.dumps(data, ensure_ascii=False, indent=1) + "\n")
    atomic_write(folder / INDEX_MD, markdown(table, summary, manifest.source))
    return [folder / INDEX_JSON, folder / INDEX_MD]


def _cell(text: Any) -> str:
    """Text fit for one Markdown table cell: one line, pipes escaped, shortened."""
    flat = " ".join(str(text).split()).replace("|", "\\|")
    return flat if len(flat) <= NOTE_CHARS else flat[:NOTE_CHARS - 1] + "…"


def _warnings_cell(warnings: dict[str, int]) -> str:
    """'1 unsupported, 2 omitted', or '–' for none."""
    shown = [f"{count} {kind}" for kind, count in warnings.items() if count]
    return ", ".join(shown) or "–"


def markdown(table: list[dict[str, Any]], summary: dict[str, Any], source: str) -> str:
    """index.md: a totals line, then a table with what needs a human look first."""
    cost = "unknown" if summary["cost_usd"] is None else f"${summary['cost_usd']:.4f}"
    lines = [f"# Drafts for {source or 'the team'}", "",
             f"{summary['people']} people: {summary['done']} done, {summary['needs review']} need review, "
             f"{summary['failed']} failed" + (f", {summary['pending']} pending" if summary["pending"] else "") +
             f" · {summary['words']:,} words · {summary['input_tokens']:,} tokens in, {summary['output_tokens']:,} out"
             f" · est. cost {cost}", "",
             "| status | person | draft | words | warnings | tokens | cost | first error or warning |",
             "|---|---|---|---:|---|---:|---:|---|"]
    for row in table:
        person = row["name"] or row["id"]
        draft = f"[{row['file']}]({row['file']})" if row["file"] else "–"
        note = row["error"] or (row["warning_lines"][0] if row["warning_lines"] else "")
        row_cost = "?" if row["cost_usd"] is None else f"${row['cost_usd']:.4f}"
        lines.append(f"| {row['status']} | {_cell(person)} ({_cell(row['source'])}) | {draft} | {row['words']} | "
                     f"{_warnings_cell(row['warnings'])} | {row['input_tokens'] + row['output_tokens']:,} | "
                     f"{row_cost} | {_cell(note)} |")
    return "\n".join(lines) + "\n"
