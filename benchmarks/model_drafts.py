"""Model drafts: draft every fixture through a real model server, with and without --strict, and count what a
person would have to fix: facts left out, wrong claims, prompt echoes, fragments and empty sections.

    python benchmarks/model_drafts.py                           # starts CI's llama.cpp server (.ci/llm-server)
    python benchmarks/model_drafts.py --base-url URL --model M  # any OpenAI-compatible server
    python benchmarks/model_drafts.py --modes plain             # only without --strict

Each draft runs as a user runs it (`drafter draft FILE --format json`), with a fresh DRAFTER_HOME so nothing comes
from the cache. An echo is a sentence that copies ECHO_RUN words in a row from the messages sent for the draft
(its fact lines left out); a fragment is a sentence of fewer than FRAGMENT_WORDS words or without end punctuation.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DRAFTER = [sys.executable, "-m", "drafter"]
ECHO_RUN = 8  # words in a row copied from the prompt that make a sentence an echo
FRAGMENT_WORDS = 3
SENTENCE = re.compile(r"[^.!?\n]+[.!?]?")
WORD = re.compile(r"[^\W_]+")
LLM_FLAGS = ["--max-tokens", "160", "--temperature", "0", "--timeout", "300", "--retries", "1", "--concurrency", "1"]


def run(args: list[str], home: str, timeout: int = 1800) -> subprocess.CompletedProcess:
    """drafter with a fresh home, from the repository."""
    env = {**os.environ, "DRAFTER_HOME": home, "NO_COLOR": "1", "PYTHONPATH": str(ROOT)}
    return subprocess.run([*DRAFTER, *args], capture_output=True, text=True, cwd=ROOT, env=env, timeout=timeout)


def prompt_runs(fixture: Path, server: list[str], home: str) -> set[tuple[str, ...]]:
    """Every ECHO_RUN-word run of the messages a draft of the fixture sends, fact lines left out."""
    from drafter.facts import load_facts

    facts = {f.text.strip() for f in load_facts(str(fixture)).items}
    proc = run(["draft", str(fixture), "--dry-run", "--format", "json", *server], home)
    runs: set[tuple[str, ...]] = set()
    for request in json.loads(proc.stdout)["requests"]:
        for message in request["messages"]:
            for line in message["content"].split("\n"):
                if any(fact in line for fact in facts):
                    continue
                words = [w.lower() for w in WORD.findall(line)]
                runs.update(tuple(words[i:i + ECHO_RUN]) for i in range(len(words) - ECHO_RUN + 1))
    return runs


def measure(doc: dict, runs: set[tuple[str, ...]], fact_count: int) -> dict:
    """The counts for one drafted document."""
    grounding = doc.get("grounding") or {}
    echoes = fragments = 0
    for section in doc["sections"]:
        for sentence in SENTENCE.findall(section["text"]):
            words = [w.lower() for w in WORD.findall(sentence)]
            if any(tuple(words[i:i + ECHO_RUN]) in runs for i in range(len(words) - ECHO_RUN + 1)):
                echoes += 1
            stripped = sentence.strip()
            if stripped and not stripped.startswith("#") and (
                    len(words) < FRAGMENT_WORDS or not re.search(r"[.!?:]['\"”’)]*$", stripped)):
                fragments += 1
    return {"facts_covered": fact_count - len(grounding.get("omitted", [])), "facts": fact_count,
            "unsupported": len(grounding.get("unsupported", [])), "echoes": echoes, "fragments": fragments,
            "empty_sections": sum(1 for s in doc["sections"] if not s["text"].strip() or s["status"] == "empty"),
            "repaired": len(doc.get("repaired", [])), "requests": doc.get("usage", {}).get("requests", 0)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-url", default=os.environ.get("DRAFTER_TEST_LLM_URL", ""))
    parser.add_argument("--model", default=os.environ.get("DRAFTER_TEST_LLM_MODEL", "smollm2"))
    parser.add_argument("--modes", default="plain,strict", help="comma-separated: plain, strict")
    parser.add_argument("fixtures", nargs="*", type=Path)
    args = parser.parse_args()
    started_server = False
    if not args.base_url:
        start = subprocess.run([str(ROOT / ".ci" / "llm-server"), "start"], capture_output=True, text=True, cwd=ROOT)
        if start.returncode != 0:
            print("could not start the model server:\n" + start.stderr, file=sys.stderr)
            return 1
        args.base_url, started_server = start.stdout.strip(), True
    fixtures = args.fixtures or sorted((ROOT / "fixtures").glob("*.md"))
    server = ["--backend", "openai", "--base-url", args.base_url, "--model", args.model, "--api-key", "dummy"]
    print(f"server {args.base_url} model {args.model}")
    print(f"{'fixture':32} {'mode':6} {'covered':>8} {'wrong':>6} {'echoes':>6} {'frags':>6} {'empty':>6} "
          f"{'repair':>6} {'reqs':>5} {'time':>7} exit")
    try:
        from drafter.facts import load_facts

        for fixture in fixtures:
            fact_count = len(load_facts(str(fixture)).items)
            with tempfile.TemporaryDirectory() as home:
                runs = prompt_runs(fixture, server, home)
            for mode in args.modes.split(","):
                with tempfile.TemporaryDirectory() as home:
                    extra = ["--strict"] if mode == "strict" else []
                    began = time.monotonic()
                    proc = run(["draft", str(fixture), "--format", "json", *server, *LLM_FLAGS, *extra], home)
                    seconds = time.monotonic() - began
                try:
                    doc = json.loads(proc.stdout)
                except json.JSONDecodeError:
                    print(f"{fixture.stem:32} {mode:6} no JSON (exit {proc.returncode}): {proc.stderr.strip()[-200:]}")
                    continue
                m = measure(doc, runs, fact_count)
                print(f"{fixture.stem:32} {mode:6} {m['facts_covered']:>4}/{m['facts']:<3} {m['unsupported']:>6} "
                      f"{m['echoes']:>6} {m['fragments']:>6} {m['empty_sections']:>6} {m['repaired']:>6} "
                      f"{m['requests']:>5} {seconds:>6.0f}s {proc.returncode}", flush=True)
    finally:
        if started_server:
            subprocess.run([str(ROOT / ".ci" / "llm-server"), "stop"], cwd=ROOT)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
