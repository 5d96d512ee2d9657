"""`drafter batch`, measured (issue 14).

1. Offline: people per second for generated teams of 50, 200 and 800 (tests/team_gen.py), each drafted in this
   process by the batch library (drafts, manifest, index written to a temp folder). Target: the time per person
   stays flat, at most 1.3x from the smallest team to the largest.
2. Through the stub server (tests/openai_stub.py) with a fixed delay per section: the wall time of one team at
   concurrency 1, 4 and 16. Printed: the speed-up over concurrency 1 against the linear one, as a ratio. Target:
   >= 0.8 of linear up to the limit (the team has more sections than the largest concurrency).

Usage: python benchmarks/batch.py [--sizes 50,200,800] [--delay 1.0] [--people 8] [--concurrency 1,4,16]
"""

from __future__ import annotations

import argparse
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from team_gen import make_team  # noqa: E402

from drafter.batch.progress import NullView  # noqa: E402

FLAT_TARGET = 1.3
SPEEDUP_TARGET = 0.8


def run_team(team: Path, out: Path, flags: dict, view: NullView | None = None) -> float:
    """Wall seconds to draft a team into `out` with the batch library, as `drafter batch` does."""
    from drafter.batch.inputs import load_people
    from drafter.batch.runner import BatchOptions, plan_batch, run_batch
    from drafter.config import resolve_settings

    settings = resolve_settings(flags, env={}, file_values={})
    started = time.perf_counter()
    options = BatchOptions(out)
    plan = plan_batch(load_people(team), settings, options, str(team))
    run_batch(plan, settings, options, view=view)
    return time.perf_counter() - started


def offline(sizes: list[int]) -> None:
    print("offline: people per second (drafts, manifest and index written)")
    per_person = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            team = make_team(Path(tmp) / f"team{size}", size)
            seconds = run_team(team, Path(tmp) / f"out{size}", {})
            per_person.append(seconds / size)
            print(f"  {size:5d} people: {seconds:7.2f} s · {size / seconds:6.1f} people/s · "
                  f"{1000 * seconds / size:6.1f} ms per person")
    ratio = per_person[-1] / per_person[0]
    print(f"  per-person time, largest / smallest team: {ratio:.2f}x (target <= {FLAT_TARGET}) "
          f"{'PASS' if ratio <= FLAT_TARGET else 'FAIL'}")


class MostInFlight(NullView):
    """Records the most section requests the batch had in flight at once."""

    def __init__(self) -> None:
        self.most = 0

    def in_flight(self, count: int) -> None:
        self.most = max(self.most, count)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def through_stub(delay: float, people: int, levels: list[int]) -> None:
    """The stub runs in its own process (tests/openai_stub.py standalone), so its work does not share this
    process's interpreter lock with drafter's."""
    print(f"through the stub (its own process): {people} people, {delay:g} s per section")
    port = free_port()
    server = subprocess.Popen([sys.executable, str(ROOT / "tests" / "openai_stub.py"), "--port", str(port),
                               "--delay", str(delay)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.05)
        with tempfile.TemporaryDirectory() as tmp:
            team = make_team(Path(tmp) / "team", people)
            base = None
            for level in levels:
                flags = {"backend": "openai", "base_url": f"http://127.0.0.1:{port}/v1", "model": "stub-model",
                         "api_key": "bench", "concurrency": level, "max_retries": 0, "cache": False}
                view = MostInFlight()
                seconds = run_team(team, Path(tmp) / f"out{level}", flags, view)
                base = base or seconds * levels[0]
                efficiency = base / seconds / level
                print(f"  concurrency {level:3d}: {seconds:6.2f} s · most in flight {view.most} · speed-up "
                      f"{base / seconds:5.2f}x of {level}x linear = {efficiency:.2f} (target >= {SPEEDUP_TARGET}) "
                      f"{'PASS' if efficiency >= SPEEDUP_TARGET else 'FAIL'}")
    finally:
        server.terminate()
        server.wait()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="50,200,800")
    parser.add_argument("--delay", type=float, default=1.0)
    parser.add_argument("--people", type=int, default=8)
    parser.add_argument("--concurrency", default="1,4,16")
    parser.add_argument("--skip-offline", action="store_true")
    parser.add_argument("--skip-stub", action="store_true")
    args = parser.parse_args()
    if not args.skip_offline:
        offline([int(size) for size in args.sizes.split(",")])
    if not args.skip_stub:
        through_stub(args.delay, args.people, [int(level) for level in args.concurrency.split(",")])


if __name__ == "__main__":
    main()
