"""Start-up time of `drafter --help` as a ratio to `python -c pass`, measured in the same run.

Usage: python benchmarks/startup.py [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time


def median_seconds(command: list[str], runs: int) -> float:
    """Median wall time of running `command` `runs` times (after one warm-up)."""
    subprocess.run(command, capture_output=True, check=True)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, capture_output=True, check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    """Print baseline, drafter --help, import openai, and their ratios."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    python = sys.executable
    baseline = median_seconds([python, "-c", "pass"], args.runs)
    help_time = median_seconds([python, "-m", "drafter", "--help"], args.runs)
    openai_time = median_seconds([python, "-c", "import openai"], max(3, args.runs // 3))
    print(f"python -c pass        {baseline * 1000:8.1f} ms   1.00x")
    print(f"drafter --help        {help_time * 1000:8.1f} ms   {help_time / baseline:5.2f}x baseline")
    print(f"python -c 'import openai' {openai_time * 1000:4.0f} ms   {openai_time / baseline:5.2f}x baseline")
    print(f"drafter --help is {openai_time / help_time:.1f}x faster than importing openai alone")


if __name__ == "__main__":
    main()
