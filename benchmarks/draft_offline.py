"""Offline drafting speed: `drafter draft FIXTURE` for every fixture, median time per draft as a ratio to
`python -c pass`, measured in the same run.

Usage: python benchmarks/draft_offline.py [--runs N] [--format md|txt|json]
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
FIXTURES = sorted(p for p in (ROOT / "fixtures").iterdir() if p.suffix in (".md", ".yaml", ".yml", ".json", ".txt"))


def timed(command: list[str], env: dict[str, str]) -> float:
    """Wall time of one run of `command`; it must succeed."""
    started = time.perf_counter()
    subprocess.run(command, capture_output=True, check=True, env=env)
    return time.perf_counter() - started


def main() -> None:
    """Print the baseline, each fixture's median draft time, and the median over all drafts as a ratio."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=7, help="drafts per fixture (after one warm-up)")
    parser.add_argument("--format", default="md", choices=("md", "txt", "json"))
    args = parser.parse_args()
    python = sys.executable
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "DRAFTER_"))}
    with tempfile.TemporaryDirectory() as home:
        env.update({"DRAFTER_HOME": home, "NO_COLOR": "1"})
        timed([python, "-c", "pass"], env)
        baseline = statistics.median(timed([python, "-c", "pass"], env) for _ in range(args.runs * 2))
        print(f"python -c pass {' ' * 28}{baseline * 1000:8.1f} ms   1.00x")
        every = []
        for fixture in FIXTURES:
            command = [python, "-m", "drafter", "draft", str(fixture), "--format", args.format]
            timed(command, env)
            times = [timed(command, env) for _ in range(args.runs)]
            every.extend(times)
            median = statistics.median(times)
            print(f"drafter draft {fixture.name:<28} {median * 1000:8.1f} ms   {median / baseline:5.2f}x")
    overall = statistics.median(every)
    print(f"median per offline draft ({len(every)} drafts)    {overall * 1000:8.1f} ms   "
          f"{overall / baseline:5.2f}x python -c pass")


if __name__ == "__main__":
    main()
