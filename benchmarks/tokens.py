"""Token counting speed: drafter's shipped encodings against tiktoken's own, in the same process, on the same text.

Prints, for cl100k_base and o200k_base:
- load time: drafter's first `tokens.get_encoding` (gunzip, sha256 check, parse, build) and tiktoken's own
  `tiktoken.get_encoding` reading OpenAI's file from its cache folder (when tiktoken has no cached copy, one is
  made from the shipped file in a temporary folder: no network), and their ratio;
- throughput in MB/s of `tokens.count_tokens` on the seed text, and as ratios to tiktoken's `encode_ordinary`
  on drafter's Encoding object and on tiktoken's own Encoding;
- the time to count the seed text once, and to count a dry run's chat messages.

    python benchmarks/tokens.py [--seed-file PATH] [--repeat 7]

The seed file defaults to fixtures/seed/000_c2b9ed92e07e8088.txt, else the fixtures and README concatenated.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from drafter import tokens  # noqa: E402

SEED_FILE = Path(__file__).resolve().parent.parent / "fixtures" / "seed" / "000_c2b9ed92e07e8088.txt"
URL = "https://openaipublic.blob.core.windows.net/encodings/{}.tiktoken"


def seed_text(path: Path | None) -> tuple[str, str]:
    """The text to count and where it came from: the seed file, else the repository's fixtures and README."""
    path = path or SEED_FILE
    if path.is_file():
        return path.read_text(encoding="utf-8"), str(path)
    parts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "fixtures").rglob("*")) if p.is_file()
             and p.suffix in (".md", ".txt", ".yaml", ".json")]
    parts.append((ROOT / "README.md").read_text(encoding="utf-8"))
    return "\n".join(parts), "fixtures/ + README.md"


def tiktoken_cache_dir(scratch: Path) -> tuple[str, str]:
    """A folder where tiktoken finds OpenAI's rank files: its own cache when it has both, else a scratch copy."""
    import tiktoken.load  # noqa: F401 - the cache layout below is tiktoken's

    own = os.environ.get("TIKTOKEN_CACHE_DIR") or os.environ.get("DATA_GYM_CACHE_DIR") or \
        os.path.join(tempfile.gettempdir(), "data-gym-cache")
    keys = {name: hashlib.sha1(URL.format(name).encode()).hexdigest() for name in tokens.ENCODING_SPECS}
    if all((Path(own) / key).is_file() for key in keys.values()):
        return own, "tiktoken's cache"
    for name, key in keys.items():
        raw = gzip.decompress((tokens.ENCODINGS_DIR / tokens.ENCODING_SPECS[name].file).read_bytes())
        (scratch / key).write_bytes(raw)
    return str(scratch), "a scratch tiktoken cache made from the shipped files"


def best(fn, repeat: int, number: int = 1) -> float:
    """The best of `repeat` timings of `number` calls, per call, in seconds."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        for _ in range(number):
            fn()
        times.append((time.perf_counter() - started) / number)
    return min(times)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print its table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seed-file", type=Path, default=None)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args(argv)
    text, source = seed_text(args.seed_file)
    megabytes = len(text.encode("utf-8")) / 1e6
    print(f"text: {source}, {len(text):,} characters, {megabytes * 1000:.1f} KB")

    with tempfile.TemporaryDirectory() as scratch:
        folder, origin = tiktoken_cache_dir(Path(scratch))
        os.environ["TIKTOKEN_CACHE_DIR"] = folder
        import tiktoken

        print(f"tiktoken {tiktoken.__version__}, files from {origin}\n")
        header = (f"{'encoding':<12} {'drafter load':>12} {'tiktoken load':>13} {'ratio':>6}   "
                  f"{'count MB/s':>10} {'vs encode':>9} {'vs tiktoken':>11}   {'seed once':>9}")
        print(header)
        print("-" * len(header))
        for name in tokens.ENCODING_SPECS:
            started = time.perf_counter()
            ours = tokens.get_encoding(name)
            ours_load = time.perf_counter() - started
            started = time.perf_counter()
            theirs = tiktoken.get_encoding(name)
            theirs_load = time.perf_counter() - started
            assert ours.encode_ordinary(text) == theirs.encode_ordinary(text), "counts differ"
            number = max(1, int(2e6 // max(1, len(text))))
            count_time = best(lambda: tokens.count_tokens(text, name), args.repeat, number)
            same_object = best(lambda: ours.encode_ordinary(text), args.repeat, number)
            tiktoken_own = best(lambda: theirs.encode_ordinary(text), args.repeat, number)
            once = best(lambda: tokens.count_tokens(text, name), 3)
            print(f"{name:<12} {ours_load * 1000:>9.0f} ms {theirs_load * 1000:>10.0f} ms {ours_load / theirs_load:>6.2f}   "
                  f"{megabytes / count_time:>10.2f} {same_object / count_time:>9.2f} {tiktoken_own / count_time:>11.2f}   "
                  f"{once * 1000:>6.1f} ms")
        print("\nratios: load = drafter / tiktoken (lower is faster); MB/s ratios = tiktoken time / drafter time "
              "(1.00 = the same speed)")

    from drafter.config import Settings
    from drafter.facts import load_facts
    from drafter.pipeline import build_requests, default_year, resolve_role

    facts = load_facts(str(ROOT / "fixtures" / "settlement-office.md"))
    facts.meta.setdefault("year", default_year())
    settings = Settings(backend="openai", model="gpt-4o")
    requests = build_requests(resolve_role(facts, None), facts, settings)
    estimate_time = best(lambda: tokens.estimate_requests(requests, "openai", "gpt-4o"), args.repeat)
    total = tokens.estimate_requests(requests, "openai", "gpt-4o").total_input_tokens
    print(f"dry-run estimate of fixtures/settlement-office.md ({len(requests)} requests, {total:,} input tokens): "
          f"{estimate_time * 1000:.2f} ms after load")
    return 0


if __name__ == "__main__":
    sys.exit(main())
