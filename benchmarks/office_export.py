"""Office export speed and size: for each role fixture, the offline draft written as Markdown, .docx and .pptx.

Two measures, each a ratio to the Markdown draft measured in the same run:
- in process, CPU time of draft + write (median of --runs), steady state with every module imported;
- a whole `drafter draft FIXTURE -o FILE` command in a subprocess (wall time, median), which adds importing
  python-docx or python-pptx (and lxml) to the run.
Also each file's size.

Usage: python benchmarks/office_export.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = [ROOT / "fixtures" / f"{name}.md" for name in ("settlement-office", "sales-inside",
                                                          "district-insurance-manager")]
FORMATS = ("md", "docx", "pptx")


def in_process(fixture: Path, fmt: str) -> bytes:
    """Draft the fixture offline and render it in `fmt`; return the file's bytes."""
    from drafter import office, render
    from drafter.config import Settings
    from drafter.facts import load_facts
    from drafter.office.summary import from_draft
    from drafter.pipeline import draft_summary

    draft = draft_summary(load_facts(str(fixture)), Settings())
    if fmt == "md":
        return render.render(draft, "md").encode()
    return office.render(from_draft(draft), fmt)


def cpu_time(fixture: Path, fmt: str) -> float:
    """CPU seconds of one in_process run."""
    started = time.process_time()
    in_process(fixture, fmt)
    return time.process_time() - started


def wall_time(command: list[str], env: dict[str, str]) -> float:
    """Wall seconds of one run of `command`; it must succeed."""
    started = time.perf_counter()
    subprocess.run(command, capture_output=True, check=True, env=env)
    return time.perf_counter() - started


def main() -> None:
    """Print, per fixture and format, both times with their ratios to Markdown, and the file's size."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=7, help="runs per fixture and format (after one warm-up)")
    args = parser.parse_args()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "DRAFTER_"))}
    ratios: dict[str, dict[str, list[float]]] = {fmt: {"cpu": [], "cli": []} for fmt in FORMATS}
    with tempfile.TemporaryDirectory() as work:
        env.update({"DRAFTER_HOME": work, "NO_COLOR": "1"})
        os.environ["DRAFTER_HOME"] = work
        print(f"{'fixture':<28} {'fmt':<5} {'in process (CPU)':>22} {'drafter draft -o (wall)':>26} {'size':>9}")
        for fixture in FIXTURES:
            cpu, cli = {}, {}
            for fmt in FORMATS:
                size = len(in_process(fixture, fmt))  # warm-up, and the size
                cpu[fmt] = statistics.median(cpu_time(fixture, fmt) for _ in range(args.runs))
                command = [sys.executable, "-m", "drafter", "draft", str(fixture), "-o", f"{work}/summary.{fmt}"]
                wall_time(command, env)
                cli[fmt] = statistics.median(wall_time(command, env) for _ in range(args.runs))
                ratios[fmt]["cpu"].append(cpu[fmt] / cpu["md"])
                ratios[fmt]["cli"].append(cli[fmt] / cli["md"])
                print(f"{fixture.stem:<28} {fmt:<5} {cpu[fmt] * 1000:8.1f} ms {cpu[fmt] / cpu['md']:6.2f}x md "
                      f"{cli[fmt] * 1000:11.1f} ms {cli[fmt] / cli['md']:6.2f}x md {size / 1024:7.1f} KB")
    for fmt in FORMATS[1:]:
        print(f"median {fmt}: {statistics.median(ratios[fmt]['cpu']):.2f}x the Markdown draft in process, "
              f"{statistics.median(ratios[fmt]['cli']):.2f}x as a command")


if __name__ == "__main__":
    main()
