"""Stress: each hostile input shape of issue 17 at 10 KB, 100 KB and 1 MB through `draft`, `clean` and `check`.

Every (shape, command) pair runs in its own subprocess, in process there (the CLI through typer's runner; a model
reply through the pipeline with a stub backend), the sizes in ascending order after a warm-up on a tiny input. The
parent kills a child that reports nothing for HANG_TIMEOUT_S, so one hang cannot stall the benchmark, and caps its
address space so a runaway allocation ends in MemoryError instead of swapping the machine.

For each run it prints the seconds, the seconds per MB, the ratio of that per-MB time to the smallest size's (the
baseline, measured in the same process), and how far the child's peak resident memory rose above its peak before
the first timed run (sizes run in ascending order, so each figure is the peak up to and including that size). Every
timed run starts without the fact indexes an earlier run left in the process, as a new `drafter` process would.

It exits 1 when a per-MB ratio exceeds MAX_PER_MB_RATIO, a run takes more than RUN_LIMIT_S or grows memory by more
than MEMORY_LIMIT_MB, or a run fails, hangs or runs out of memory.

    python benchmarks/stress.py                               # every shape, command and size
    python benchmarks/stress.py --shapes word_word,dear_name --commands clean --sizes 10000,100000
"""

from __future__ import annotations

import argparse
import json
import os
import queue
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent

SIZES = (10_000, 100_000, 1_000_000)    # bytes of the shape's text
RUN_LIMIT_S = 10.0                      # the goal: any input of at most 1 MB in under 10 s ...
MEMORY_LIMIT_MB = 1024                  # ... and under 1 GB
MAX_PER_MB_RATIO = 2.0                  # per-MB time at a size over that at the smallest size
HANG_TIMEOUT_S = 3 * RUN_LIMIT_S        # silence after which a child is killed and its run reported as a hang
ADDRESS_SPACE_CAP_MB = 4096             # a child's extra address space: past it an allocation fails, no swapping
WARM_UP_BYTES = 1_000                   # a tiny run of the same shape first: imports and lazy loads not billed
MIN_TIMED_S = 0.25                      # a run faster than this is repeated (up to REPEATS times), the fastest kept
REPEATS = 5
COMMANDS = ("draft", "clean", "check")

FRONT_MATTER = "---\nrole: sales-inside\nname: Chen Jing\nyear: 2026\norganisation: Harbour Trading\n---\n\n"
BASE_FACTS = FRONT_MATTER + "- Processed 2,318 customer orders in 2026\n- Handled 1,150 customer calls\n"
BASE_DRAFT = "# Year-end summary\n\nI processed 2,318 customer orders in 2026 and handled 1,150 customer calls.\n"


# ---------------------------------------------------------------------------------------------------------------
# shapes: each gives, for a size in bytes, the text to clean and check, the facts to draft from and check
# against, and optionally the reply a model server sends for every section (then `draft` uses that server)

def repeat_to(unit: str, size: int) -> str:
    """`unit` repeated until the result is at least `size` characters long."""
    return unit * max(1, -(-size // len(unit)))


def as_fact(text: str) -> str:
    """The base facts with `text` as one more bullet, on one line."""
    return BASE_FACTS + "- " + " ".join(text.split()) + "\n"


def reply_heading(size: int) -> dict:
    """A model reply that starts with '#' and a run of spaces (the leading-heading pattern)."""
    reply = "#" + " " * size + "Achievements"
    return {"text": reply + "\n\nI processed 2,318 customer orders in 2026.\n", "facts": BASE_FACTS, "reply": reply}


def facts_heading(size: int) -> dict:
    """A facts file whose heading holds a long run of inner spaces (the facts heading pattern)."""
    heading = "# Sales" + " " * size + "support #"
    return {"text": heading + "\n\nI processed 2,318 customer orders in 2026.\n",
            "facts": FRONT_MATTER + heading + "\n\n- Processed 2,318 customer orders in 2026\n"}


def long_word(size: int) -> dict:
    """One very long word inside a sentence (the word-piece vectors of the stock model)."""
    text = "This is a sentence with " + "a" * size + " in it.\n"
    return {"text": text, "facts": as_fact(text)}


def dear_name(size: int) -> dict:
    """'Dear Name Name …': one capitalised name run thousands of words long."""
    text = "Dear " + repeat_to("Name ", size).rstrip() + ", thank you for a great year.\n"
    return {"text": text, "facts": as_fact(text)}


def hedged_numbers(size: int) -> dict:
    """One long sentence holding many hedged figures ("more than 1,100 calls, nearly 3,000 orders, …")."""
    hedges = ("more than", "nearly", "about", "over", "roughly", "close to")
    parts, length, index = [], 0, 0
    while length < size:
        part = f"{hedges[index % len(hedges)]} {1_000 + 37 * index:,} orders for client {index % 97}"
        parts.append(part)
        length += len(part) + 2
        index += 1
    text = "This year we handled " + ", ".join(parts) + ".\n"
    return {"text": text, "facts": as_fact(text)}


def word_word(size: int) -> dict:
    """'word word word …': one sentence of a single word repeated (the doubled-phrase pass)."""
    text = repeat_to("word ", size).rstrip() + ".\n"
    return {"text": text, "facts": as_fact(text)}


def made_up_name(index: int) -> str:
    """A capitalised made-up word, different for each index ("Ka", "Lo", …, "Kalo", …)."""
    syllables = "ka lo mi ren sha tu vel dor pin qua zen bri".split()
    word = ""
    while True:
        word += syllables[index % len(syllables)]
        index //= len(syllables)
        if not index:
            return word.capitalize()


def bracket_caps(size: int) -> dict:
    """One line of bracketed capitals: "[ABC][ABC]…" (placeholders, each a name at a sentence start) then one
    bracketed run of different capitalised words (a name whose every run of words was once listed)."""
    words, length = [], 0
    while length < size // 2:
        words.append(made_up_name(len(words)))
        length += len(words[-1]) + 1
    text = repeat_to("[ABC]", size // 2) + " [" + " ".join(words) + "]\n"
    return {"text": text, "facts": as_fact(text)}


def blank_run(size: int) -> dict:
    """A sentence whose words are parted by a long run of spaces and tabs (every pattern with a blank run in it)."""
    text = "Sales" + repeat_to(" \t", size) + "support, and more of it.\n"
    return {"text": text, "facts": as_fact(text)}


def punctuation_run(size: int) -> dict:
    """Long runs of end marks, commas and colons inside one sentence ("Done!!!!…x, , , …: a:a:a…")."""
    third = size // 3
    text = "We did it" + "!" * third + "x and" + repeat_to(", ", third) + "then" + repeat_to(" a:", third) + ".\n"
    return {"text": text, "facts": as_fact(text)}


def many_headings(size: int) -> dict:
    """Thousands of headings, each repeated further down, with nested levels under each."""
    unit = "# Results\n\n## Sales\n\nWe sold 5 units.\n\n### Notes\n\n"
    text = repeat_to(unit, size)
    return {"text": text, "facts": BASE_FACTS}


def many_facts(size: int) -> dict:
    """A facts file of thousands of bullets, and a draft of as many sentences checked against them."""
    months = ("January", "March", "May", "July", "September", "November")
    facts, draft, length, index = [FRONT_MATTER], ["# Year-end summary\n\n"], 0, 0
    while length < size:
        fact = (f"Closed order {10_000 + index} with Client {index} Trading for {125 + 17 * index:,} yuan in "
                f"{months[index % len(months)]}")
        facts.append(f"- {fact}\n")
        draft.append(f"I {fact[0].lower()}{fact[1:]}. ")
        length += len(fact) + 3
        index += 1
    return {"text": "".join(draft) + "\n", "facts": "".join(facts)}


def numbered_to(size: int, part: Callable[[int], str]) -> str:
    """part(0) + part(1) + … until the result is at least `size` characters long."""
    parts, length = [], 0
    while length < size:
        parts.append(part(len(parts)))
        length += len(parts[-1])
    return "".join(parts)


def additions(size: int) -> dict:
    """One paragraph of 'Additionally, …' sentences, each with words of its own and a year (the adding check)."""
    text = numbered_to(size, lambda index: f"Additionally, in {2000 + index % 25} the team filed report number "
                                           f"{index} for depot {index % 97}. ")
    return {"text": text + "\n", "facts": BASE_FACTS}


def versions(size: int) -> dict:
    """Thousands of paragraphs, each the one before told again with one more fact (the earlier-versions pass)."""
    text = numbered_to(size, lambda index: f"We sold 5,120 units in 2023 from depot {index} and 3,400 from depot "
                                           f"{index + 1}.\n\n")
    return {"text": text, "facts": BASE_FACTS}


def page_chrome(size: int) -> dict:
    """Thousands of lines of a web page's menus, stamps and pagers between short paragraphs (the page-chrome pass)."""
    unit = ("Home >> Bank Summary >> Teller Summary\n\nRelease: 2023-12-05 Views: 966 Comments: 0\n\n"
            "I served 40 customers a day.\n\nPage 1 / 2\n\nReporter: XXX  December 20**\n\n")
    return {"text": repeat_to(unit, size), "facts": BASE_FACTS}


SHAPES: dict[str, Callable[[int], dict]] = {f.__name__: f for f in (
    reply_heading, facts_heading, long_word, dear_name, hedged_numbers, word_word, bracket_caps, blank_run,
    punctuation_run, many_headings, many_facts, additions, versions, page_chrome)}


# ---------------------------------------------------------------------------------------------------------------
# the child: one shape, one command, every size

class ReplyBackend:
    """A model server that answers every section with the same reply, in one chunk."""

    name = "stub"
    model = "stub"

    def __init__(self, reply: str) -> None:
        self.reply = reply

    def stream(self, request, usage):
        """Yield the fixed reply."""
        yield self.reply


def run_once(command: str, case: dict, folder: Path) -> None:
    """Run one command on one generated case, in process; raise when it fails."""
    from typer.testing import CliRunner

    from drafter.cli import app

    draft_path, facts_path = folder / "draft.md", folder / "facts.md"
    draft_path.write_text(case["text"], encoding="utf-8")
    facts_path.write_text(case["facts"], encoding="utf-8")
    if command == "draft" and case.get("reply") is not None:
        from drafter.config import resolve_settings
        from drafter.facts import load_facts
        from drafter.pipeline import draft_summary

        draft_summary(load_facts(facts_path), resolve_settings({}), backend=ReplyBackend(case["reply"]))
        return
    args = {"draft": ["draft", str(facts_path)], "clean": ["clean", str(draft_path)],
            "check": ["check", str(draft_path), "--facts", str(facts_path)]}[command]
    result = CliRunner().invoke(app, args)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    if result.exit_code != 0:
        raise RuntimeError(f"exit {result.exit_code}: {result.output.strip()[-300:]}")


def forget_fact_indexes() -> None:
    """Drop the fact indexes drafter keeps in process for the next command on the same facts, so that a repeated
    short run (the ratio's baseline) pays for its index as a new process does, and as every long run (never
    repeated) does; a warm baseline made a linear pass look 2x worse per MB."""
    from drafter import grounding
    from drafter.grounding import support

    grounding._INDEXES.clear()
    support._PREFIXES.clear()


def resident_mb() -> float:
    """The process's peak resident memory so far, in MB."""
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def cap_address_space() -> None:
    """Let the process grow by at most ADDRESS_SPACE_CAP_MB of address space (Linux), so a runaway allocation
    raises MemoryError instead of swapping the shared machine."""
    try:
        import resource

        with open("/proc/self/statm") as statm:
            current = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        limit = current + ADDRESS_SPACE_CAP_MB * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (OSError, ValueError, ImportError):
        pass


def child(shape: str, command: str, sizes: list[int]) -> None:
    """Print one JSON line per size: seconds (the fastest of a few runs when short) and peak memory growth."""
    import gc

    sys.path.insert(0, str(ROOT))
    with tempfile.TemporaryDirectory() as home:
        os.environ["DRAFTER_HOME"] = home
        os.environ["NO_COLOR"] = "1"
        for key in [k for k in os.environ if k.startswith("OPENAI_")]:
            del os.environ[key]
        folder = Path(home)
        run_once(command, SHAPES[shape](WARM_UP_BYTES), folder)
        cap_address_space()
        base_mb = resident_mb()
        for size in sizes:
            case = SHAPES[shape](size)
            gc.collect()
            line = {"size": size}
            try:
                times: list[float] = []
                while not times or (len(times) < REPEATS and sum(times) < MIN_TIMED_S * REPEATS
                                    and min(times) < MIN_TIMED_S):
                    forget_fact_indexes()
                    started = time.perf_counter()
                    run_once(command, case, folder)
                    times.append(time.perf_counter() - started)
                line["seconds"] = min(times)
            except MemoryError:
                line["error"] = f"out of memory (over {ADDRESS_SPACE_CAP_MB} MB)"
            except Exception as exc:  # reported, not raised: the other sizes still run
                line["error"] = f"{exc.__class__.__name__}: {exc}"[:300]
            line["memory_mb"] = max(0.0, resident_mb() - base_mb)
            print(json.dumps(line), flush=True)
            if "error" in line:
                return


# ---------------------------------------------------------------------------------------------------------------
# the parent

def run_child(shape: str, command: str, sizes: list[int]) -> list[dict]:
    """Run one child; return its lines, with a 'hang' line for a size it fell silent on."""
    process = subprocess.Popen([sys.executable, str(Path(__file__).resolve()), "--child", shape, command,
                                ",".join(map(str, sizes))], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               cwd=ROOT)
    lines: queue.Queue = queue.Queue()
    threading.Thread(target=lambda: [lines.put(x) for x in process.stdout] + [lines.put(None)], daemon=True).start()
    results: list[dict] = []
    while len(results) < len(sizes):
        try:
            line = lines.get(timeout=HANG_TIMEOUT_S * (2 if not results else 1))  # the first includes start-up
        except queue.Empty:
            process.kill()
            results.append({"size": sizes[len(results)], "error": f"no result within {HANG_TIMEOUT_S:.0f} s (killed)"})
            break
        if line is None:
            process.wait()
            if len(results) < len(sizes) and not any("error" in r for r in results):
                tail = process.stderr.read().strip().splitlines()[-1:] or [f"exit {process.returncode}"]
                results.append({"size": sizes[len(results)], "error": f"child died: {tail[0][:200]}"})
            break
        results.append(json.loads(line))
    process.kill()
    process.wait()
    return results


def judge(results: list[dict]) -> None:
    """Add per-MB figures, the ratio to the smallest size, and the verdict to each result."""
    baseline = None
    for result in results:
        if "seconds" not in result:
            result["verdict"] = "FAIL " + result["error"]
            continue
        megabytes = result["size"] / 1e6
        result["s_per_mb"] = result["seconds"] / megabytes
        result["mb_per_mb"] = result["memory_mb"] / megabytes
        baseline = baseline or result["s_per_mb"]
        result["ratio"] = result["s_per_mb"] / baseline
        problems = []
        if result["ratio"] > MAX_PER_MB_RATIO:
            problems.append(f"per-MB time {result['ratio']:.1f}x the smallest size's")
        if result["seconds"] > RUN_LIMIT_S:
            problems.append(f"over {RUN_LIMIT_S:.0f} s")
        if result["memory_mb"] > MEMORY_LIMIT_MB:
            problems.append(f"over {MEMORY_LIMIT_MB} MB")
        result["verdict"] = "FAIL " + "; ".join(problems) if problems else "ok"


def main(argv: list[str] | None = None) -> int:
    """Run every selected shape and command; print the table; 1 when some run fails its limits."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shapes", default=",".join(SHAPES), help="comma-separated: " + ", ".join(SHAPES))
    parser.add_argument("--commands", default=",".join(COMMANDS), help="comma-separated: " + ", ".join(COMMANDS))
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)), help="bytes, comma-separated, ascending")
    parser.add_argument("--child", nargs=3, metavar=("SHAPE", "COMMAND", "SIZES"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(args.child[0], args.child[1], [int(s) for s in args.child[2].split(",")])
        return 0
    shapes, commands = args.shapes.split(","), args.commands.split(",")
    sizes = sorted(int(s) for s in args.sizes.split(","))
    unknown = [s for s in shapes if s not in SHAPES] + [c for c in commands if c not in COMMANDS]
    if unknown:
        parser.error("unknown shape or command: " + ", ".join(unknown))
    print(f"{'shape':<15} {'command':<7} {'size':>9} {'seconds':>8} {'s/MB':>8} {'ratio':>6} {'peak MB':>8} "
          f"{'MB/MB':>7}  verdict", flush=True)
    failed = 0
    for shape in shapes:
        for command in commands:
            results = run_child(shape, command, sizes)
            judge(results)
            for r in results:
                failed += r["verdict"] != "ok"
                if "seconds" in r:
                    print(f"{shape:<15} {command:<7} {r['size']:>9,} {r['seconds']:>8.3f} {r['s_per_mb']:>8.2f} "
                          f"{r['ratio']:>6.2f} {r['memory_mb']:>8.1f} {r['mb_per_mb']:>7.1f}  {r['verdict']}",
                          flush=True)
                else:
                    print(f"{shape:<15} {command:<7} {r['size']:>9,} {'':>8} {'':>8} {'':>6} "
                          f"{r.get('memory_mb', 0):>8.1f} {'':>7}  {r['verdict']}", flush=True)
    print(f"\n{failed} run(s) failed the limits (time <= {RUN_LIMIT_S:.0f} s, memory <= {MEMORY_LIMIT_MB} MB, "
          f"per-MB time <= {MAX_PER_MB_RATIO:.0f}x the smallest size's)" if failed else "\nall runs within the limits")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
