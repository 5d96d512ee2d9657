"""Grounding speed: a 2,000-word draft checked against 40 facts (median after import), and how time grows with
the draft's length and with the number of facts. Ratios are against the smallest size, run in the same process.

    python benchmarks/grounding_speed.py            # prints medians and per-word / per-fact ratios
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from drafter import grounding  # noqa: E402
from drafter.facts import parse_facts  # noqa: E402

TARGET_MS = 50.0  # the bound for 2,000 words against 40 facts
RATIO_LIMIT = 1.5  # time per word (or per fact) may grow at most this much over the smallest size
NOUNS = "contracts certificates settlements calls files orders claims patients invoices audits visits units".split()
VERBS = "signed issued completed answered archived processed settled treated paid ran handled registered".split()
PARTNERS = ["Harbour Bank", "Lakeside Bank", "the land registry", "Qishu Lake Property Co.", "Mercy General"]
MONTHS = "January February March April May June July August September October November December".split()


def make_facts(count: int, rng: random.Random) -> list[str]:
    """Facts in the shape people write them: a verb, a figure, a thing, sometimes a partner and a month."""
    facts = []
    for index in range(count):
        verb, noun = rng.choice(VERBS), rng.choice(NOUNS)
        fact = f"{verb.capitalize()} {rng.randint(12, 5000):,} {noun}"
        if index % 3 == 0:
            fact += f" with {rng.choice(PARTNERS)}"
        if index % 4 == 0:
            fact += f" in {rng.choice(MONTHS)}"
        if index % 5 == 0:
            fact += f", up from {rng.randint(10, 4000):,}"
        facts.append(fact)
    return facts


def make_draft(facts: list[str], words: int, rng: random.Random) -> str:
    """A draft of about `words` words restating the facts, with connectives, in paragraphs."""
    sentences, count = [], 0
    while count < words:
        fact = rng.choice(facts)
        sentence = rng.choice(["This year I ", "In addition, I ", "Over the year I ", ""]) + fact[0].lower() + fact[1:] + "."
        sentences.append(sentence)
        count += len(sentence.split())
    paragraphs = [" ".join(sentences[i:i + 5]) for i in range(0, len(sentences), 5)]
    return "## Results\n\n" + "\n\n".join(paragraphs) + "\n"


def median_ms(text: str, facts, runs: int) -> float:
    """The median CPU time of `runs` checks of text against facts, in milliseconds. CPU time, not wall time: on
    a shared 2-core machine the wall clock also counts the time other processes held the cores."""
    times = []
    for _ in range(runs):
        start = time.process_time()
        grounding.check(text, facts)
        times.append((time.process_time() - start) * 1000)
    return statistics.median(times)


def main() -> int:
    rng = random.Random(7)
    fact_texts = make_facts(40, rng)
    facts = parse_facts("---\nyear: 2026\n---\n" + "\n".join(f"- {f}" for f in fact_texts) + "\n", "bench.md")
    grounding.check("warm-up 12 files.", facts)
    ok = True
    base = median_ms(make_draft(fact_texts, 2000, rng), facts, 15)
    print(f"2,000 words vs 40 facts: median {base:.1f} ms CPU (bound {TARGET_MS:.0f} ms; load average "
          f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")
    ok &= base <= TARGET_MS
    for words in (4000, 8000, 16000):
        ms = median_ms(make_draft(fact_texts, words, rng), facts, 5)
        ratio = (ms / words) / (base / 2000)
        print(f"{words:,} words vs 40 facts: {ms:.1f} ms, time per word {ratio:.2f}x the 2,000-word run")
        ok &= ratio <= RATIO_LIMIT
    small = None
    for count in (250, 1000, 4000):
        many_texts = make_facts(count, rng)
        many = parse_facts("\n".join(f"- {f}" for f in many_texts) + "\n", "bench.md")
        draft = make_draft(many_texts, count * 8, rng)
        ms = median_ms(draft, many, 3)
        per = ms / count
        small = small or per
        print(f"{count:,} facts, a draft of {count * 8:,} words: {ms:.0f} ms, per fact {per / small:.2f}x the 250-fact run")
        ok &= per / small <= RATIO_LIMIT * 1.5
    print("ok" if ok else "FAILED: a bound was exceeded")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
