"""Time the cleanup pass on generated texts of ~10k, ~100k and ~1M words with injected repeats.

Prints seconds and seconds per MB for each size and the per-MB cost as a ratio to the smallest size (the pass is
meant to stay linear: the ratio should stay within 1.5), then the time to clean the seed file.

    python benchmarks/cleanup_speed.py [--sizes 10000,100000,1000000] [--seed-file PATH]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from drafter.cleanup import clean  # noqa: E402

SEED_FILE = Path(__file__).resolve().parent.parent / "fixtures" / "seed" / "000_c2b9ed92e07e8088.txt"
SYLLABLES = "ka lo mi ren sha tu vel dor pin qua zen bri mo tal fe gar hu lin nor pe".split()
GLUE = "the a of to and in for with on by from our we this that".split()


def vocabulary(rng: random.Random, size: int) -> list[str]:
    """Made-up words, so no phrase list matches by accident."""
    words = set()
    while len(words) < size:
        words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))))
    return sorted(words)


def generate(words: int, seed: int = 7) -> str:
    """A Markdown text of about `words` words: sections, paragraphs, figures, and ~20% injected repeats."""
    rng = random.Random(seed)
    vocab = vocabulary(rng, 30000)
    cumulative, total = [], 0.0
    for rank in range(len(vocab)):
        total += 1.0 / (rank + 1) ** 0.9
        cumulative.append(total)
    sentences: list[str] = []
    out: list[str] = ["# Generated year-end summary", ""]
    count = 0
    paragraph: list[str] = []
    section = 0
    while count < words:
        roll = rng.random()
        if sentences and roll < 0.08:
            sentence = rng.choice(sentences)
        elif sentences and roll < 0.16:
            base = rng.choice(sentences).split()
            base[rng.randrange(1, len(base) - 1)] = rng.choice(vocab)
            sentence = " ".join(base)
        else:
            body = []
            for _ in range(rng.randint(10, 22)):
                body.append(rng.choice(GLUE) if rng.random() < 0.3 else rng.choices(vocab, cum_weights=cumulative)[0])
            if rng.random() < 0.4:
                body.insert(rng.randrange(len(body)), f"{rng.randint(2, 9999):,}")
            if rng.random() < 0.05:
                k = rng.randrange(len(body) - 3)
                body[k + 3:k + 3] = body[k:k + 3]
            sentence = body[0].capitalize() + " " + " ".join(body[1:]) + "."
            sentences.append(sentence)
        paragraph.append(sentence)
        count += len(sentence.split())
        if len(paragraph) >= rng.randint(3, 6):
            out.extend([" ".join(paragraph), ""])
            paragraph = []
            if rng.random() < 0.1:
                section += 1
                out.extend([f"## Section {section}", ""])
    if paragraph:
        out.append(" ".join(paragraph))
    return "\n".join(out) + "\n"


def best_time(text: str, runs: int) -> float:
    """The fastest of `runs` cleanings, in seconds."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        clean(text)
        times.append(time.perf_counter() - start)
    return min(times)


def main(argv: list[str] | None = None) -> int:
    """Print the timing table and the seed timing."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--seed-file", type=Path, default=SEED_FILE)
    args = parser.parse_args(argv)
    clean("Warm up the phrase lists. Warm up the phrase lists.")
    rows = []
    for size in (int(s) for s in args.sizes.split(",")):
        text = generate(size)
        megabytes = len(text.encode()) / 1e6
        seconds = best_time(text, 3 if size <= 100000 else 1)
        result = clean(text) if size <= 100000 else None
        edits = len(result.edits) if result else None
        rows.append((size, megabytes, seconds, seconds / megabytes, edits))
    base = rows[0][3]
    print(f"{'words':>9} {'MB':>7} {'seconds':>8} {'s/MB':>7} {'ratio':>6} {'edits':>7}")
    for size, mb, seconds, per_mb, edits in rows:
        print(f"{size:9} {mb:7.2f} {seconds:8.3f} {per_mb:7.3f} {per_mb / base:6.2f} {edits if edits is not None else '-':>7}")
    worst = max(r[3] for r in rows) / base
    print(f"largest per-MB cost / smallest: {rows[-1][3] / base:.2f} (worst {worst:.2f}; limit 1.5)")
    if args.seed_file.is_file():
        seed = args.seed_file.read_text(encoding="utf-8")
        samples = []
        for _ in range(7):
            start = time.perf_counter()
            clean(seed)
            samples.append(time.perf_counter() - start)
        print(f"seed ({len(seed)} chars): median {statistics.median(samples) * 1000:.1f} ms, "
              f"best {min(samples) * 1000:.1f} ms (after start-up)")
    return 0 if worst <= 1.5 else 1


if __name__ == "__main__":
    sys.exit(main())
