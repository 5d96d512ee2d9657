"""What the terminal shows while a batch runs: a rich progress bar (people done/total, sections in flight, tokens,
cost so far, time left) on a terminal, else one plain line per person."""

from __future__ import annotations

import sys
import threading
from typing import Any, TextIO


class NullView:
    """Shows nothing (library use, tests)."""

    def start(self, total: int, finished: int) -> None:
        """A run of `total` people begins, `finished` of them done by an earlier run."""

    def in_flight(self, count: int) -> None:
        """`count` section requests are in flight now."""

    def person_done(self, entry: dict[str, Any]) -> None:
        """One person's record, just written."""

    def finish(self, summary: Any) -> None:
        """The run is over (runner.BatchSummary)."""

    def close(self) -> None:
        """The run ended, finished or not: give the terminal back."""


def money(cost: float | None) -> str:
    """An estimated cost in USD, or 'unknown' when a model's price is."""
    return "unknown" if cost is None else f"${cost:.4f}"


def summary_line(summary: Any) -> str:
    """The last line of a run: people by status, tokens, cost and the index's path."""
    counts = summary.counts
    parts = [f"{counts.get('done', 0)} done", f"{counts.get('needs review', 0)} need review",
             f"{counts.get('failed', 0)} failed"]
    if counts.get("pending"):
        parts.append(f"{counts['pending']} pending")
    skipped = f" ({summary.skipped} from an earlier run)" if summary.skipped else ""
    index = f" · index: {summary.index_paths[-1]}" if summary.index_paths else ""
    return (f"batch: {summary.total} people{skipped}: {', '.join(parts)} · {summary.input_tokens:,} tokens in, "
            f"{summary.output_tokens:,} out · est. {money(summary.cost_usd)}{index}")


class PlainView(NullView):
    """One line per person as they finish, for logs and pipes."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr
        self.total = self.count = 0

    def _say(self, line: str) -> None:
        """Write one line and flush it, so a log shows each person as they finish."""
        self.stream.write(line + "\n")
        self.stream.flush()

    def start(self, total: int, finished: int) -> None:
        self.total, self.count = total, finished
        if finished:
            self._say(f"batch: {finished} of {total} people finished by an earlier run; drafting {total - finished}")

    def person_done(self, entry: dict[str, Any]) -> None:
        self.count += 1
        if entry["status"] == "failed":
            what, detail = entry.get("source") or entry["id"], entry.get("error") or "failed"
        else:
            what = entry.get("file") or entry["id"]
            warnings = sum((entry.get("warnings") or {}).values())
            detail = f"{entry.get('words', 0)} words, {warnings} warning{'s' if warnings != 1 else ''}"
        tokens = entry.get("input_tokens", 0) + entry.get("output_tokens", 0)
        if tokens:
            detail += f", {tokens:,} tokens"
        self._say(f"[{self.count}/{self.total}] {entry['status']}: {what}: {detail}")

    def finish(self, summary: Any) -> None:
        self._say(summary_line(summary))


class RichView(NullView):
    """A rich progress bar on stderr; updated from worker threads."""

    def __init__(self, console: Any = None) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        self.console = console or Console(stderr=True)
        self.progress = Progress(
            TextColumn("drafting"), BarColumn(), MofNCompleteColumn(), TextColumn("people"),
            TextColumn("· {task.fields[flight]} sections in flight · {task.fields[tokens]:,} tokens · "
                       "{task.fields[cost]}"), TextColumn("· time left"), TimeRemainingColumn(),
            console=self.console, transient=False)
        self.task = None
        self.tokens = 0
        self.cost: float | None = 0.0
        self.flight = 0
        self.lock = threading.Lock()

    def start(self, total: int, finished: int) -> None:
        self.progress.start()
        self.task = self.progress.add_task("batch", total=total, completed=finished, flight=0, tokens=0,
                                           cost=money(0.0))

    def in_flight(self, count: int) -> None:
        if self.task is not None:
            self.progress.update(self.task, flight=count)

    def person_done(self, entry: dict[str, Any]) -> None:
        with self.lock:
            self.tokens += entry.get("input_tokens", 0) + entry.get("output_tokens", 0)
            cost = entry.get("cost_usd")
            self.cost = None if cost is None or self.cost is None else self.cost + cost
        if entry["status"] == "failed":
            from rich.text import Text

            self.progress.console.print(Text.assemble(("failed", "red"), f" {entry.get('source') or entry['id']}: "
                                                                         f"{entry.get('error')}"), highlight=False)
        self.progress.update(self.task, advance=1, tokens=self.tokens, cost=money(self.cost))

    def close(self) -> None:
        self.progress.stop()

    def finish(self, summary: Any) -> None:
        self.close()
        self.console.print(summary_line(summary), highlight=False, markup=False)


def make_view(stream: TextIO | None = None) -> NullView:
    """The rich bar when stderr is a terminal, else plain lines."""
    stream = stream or sys.stderr
    if getattr(stream, "isatty", lambda: False)():
        return RichView()
    return PlainView(stream)
