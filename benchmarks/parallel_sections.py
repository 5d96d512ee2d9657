"""Parallel sections, measured: a draft against the stub server with fixed per-section delays.

Each section's reply is held back by a fixed delay (the first section the longest unless --delays says
otherwise), then streamed in chunks. The slowest section is timed alone through the same backend; then the whole
draft runs (in process through the pipeline, and end to end through the `drafter draft` command). Printed: wall
time as a ratio to the slowest section. Target: <= 1.3 when --concurrency covers every section.

Usage: python benchmarks/parallel_sections.py [--fixture FILE] [--delays 1.0,2.0,...] [--concurrency N] [--runs N]
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
sys.path.insert(0, str(ROOT / "tests"))

from openai_stub import OpenAIStub, section_title  # noqa: E402

TARGET = 1.3


def settings_for(url: str, concurrency: int):
    """Settings for the openai backend against the stub, as the CLI would build them."""
    from drafter.config import resolve_settings

    return resolve_settings({"backend": "openai", "base_url": url, "model": "stub-model", "api_key": "bench",
                             "concurrency": concurrency, "max_retries": 0, "timeout": 60}, env={}, file_values={})


def slowest_section(url: str, fixture: Path) -> tuple[float, str]:
    """Time every section alone (one after another) through the openai backend; the slowest time and title."""
    from drafter.backends import Usage, get_backend
    from drafter.facts import load_facts
    from drafter.pipeline import build_requests, resolve_role

    facts = load_facts(str(fixture))
    settings = settings_for(url, 1)
    backend = get_backend(settings)
    requests = build_requests(resolve_role(facts, None), facts, settings)
    list(backend.stream(requests[0], Usage()))  # warm-up: client, connection
    times = []
    for request in requests:
        started = time.perf_counter()
        list(backend.stream(request, Usage()))
        times.append((time.perf_counter() - started, request.title))
    return max(times)


def pipeline_seconds(url: str, fixture: Path, concurrency: int) -> float:
    """Wall time of draft_summary (requests, assembly in plan order, cleanup, grounding) in this process."""
    from drafter.facts import load_facts
    from drafter.pipeline import draft_summary

    facts = load_facts(str(fixture))
    started = time.perf_counter()
    draft = draft_summary(facts, settings_for(url, concurrency))
    elapsed = time.perf_counter() - started
    assert draft.complete, "the benchmark draft must finish"
    return elapsed


def cli_seconds(url: str, fixture: Path, concurrency: int) -> float:
    """Wall time of `python -m drafter draft` end to end (interpreter start-up included)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "DRAFTER_"))}
    with tempfile.TemporaryDirectory() as home:
        env.update({"DRAFTER_HOME": home, "NO_COLOR": "1"})
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "drafter", "draft", str(fixture), "--backend", "openai",
                        "--base-url", url, "--model", "stub-model", "--api-key", "bench",
                        "--concurrency", str(concurrency), "--retries", "0"],
                       check=True, capture_output=True, env=env)
        return time.perf_counter() - started


def main() -> None:
    """Print the slowest section, the draft's wall time and their ratio, in process and end to end."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--fixture", type=Path, default=ROOT / "fixtures" / "sales-inside.md")
    parser.add_argument("--delays", default="2.0,1.0,1.5,0.8,1.2",
                        help="seconds before each section's reply, in plan order (cycled)")
    parser.add_argument("--chunk-delay", type=float, default=0.005, help="seconds between streamed chunks")
    parser.add_argument("--concurrency", type=int, default=0, help="sections at once (0: one per section)")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    from drafter.config import Settings
    from drafter.facts import load_facts
    from drafter.pipeline import resolve_role
    from drafter.roles import plan_sections

    facts = load_facts(str(args.fixture))
    titles = [p.section.title for p in plan_sections(resolve_role(facts, None), facts)]
    delays = [float(d) for d in args.delays.split(",")]
    by_title = {title: delays[i % len(delays)] for i, title in enumerate(titles)}
    concurrency = args.concurrency or len(titles)
    default_concurrency = Settings().concurrency

    with OpenAIStub(chunk_delay=args.chunk_delay) as stub:
        stub.set_delay(lambda body: by_title.get(section_title(body["messages"]), 0.0))
        slowest, slowest_title = slowest_section(stub.base_url, args.fixture)
        in_process = statistics.median(pipeline_seconds(stub.base_url, args.fixture, concurrency)
                                       for _ in range(args.runs))
        default = pipeline_seconds(stub.base_url, args.fixture, default_concurrency)
        serial = pipeline_seconds(stub.base_url, args.fixture, 1)
        end_to_end = statistics.median(cli_seconds(stub.base_url, args.fixture, concurrency)
                                       for _ in range(args.runs))

    print(f"fixture {args.fixture.name}: {len(titles)} sections, delays " +
          ", ".join(f"{by_title[t]:g}" for t in titles) + f" s, chunk delay {args.chunk_delay:g} s")
    print(f"slowest section alone ({slowest_title})   {slowest:6.2f} s   1.00x")
    print(f"draft, concurrency {concurrency}, in process      {in_process:6.2f} s   {in_process / slowest:5.2f}x"
          f"   (target <= {TARGET})")
    print(f"draft, concurrency {concurrency}, drafter command {end_to_end:6.2f} s   {end_to_end / slowest:5.2f}x"
          "   (interpreter start-up included)")
    print(f"draft, concurrency {default_concurrency} (default), in process {default:6.2f} s   "
          f"{default / slowest:5.2f}x   (for comparison)")
    print(f"draft, concurrency 1, in process      {serial:6.2f} s   {serial / slowest:5.2f}x   (for comparison)")
    verdict = "meets" if in_process / slowest <= TARGET else "MISSES"
    print(f"{verdict} the target: {in_process / slowest:.2f}x <= {TARGET}")


if __name__ == "__main__":
    main()
