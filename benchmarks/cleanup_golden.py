"""Freeze or compare cleanup's output and report on the seed text and every regression corpus document.

    python benchmarks/cleanup_golden.py --write DIR    # save each document's cleaned text and report as JSON
    python benchmarks/cleanup_golden.py --check DIR    # compare today's output with what DIR holds; exit 1 on a change

A refactor of drafter/cleanup must leave every byte of output and report as it was: freeze first, then check.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from cleanup_quality import parse_marked  # noqa: E402
from drafter.cleanup import CleanupSettings, clean  # noqa: E402

SEEDS = Path("/work/shared/seeds")
CORPORA = ("fixtures/cleanup", "fixtures/cleanup-heldout")
# the two settings the commands use: `drafter clean` and `drafter draft` (sections kept)
SETTINGS = {"default": CleanupSettings(user_lists=False),
            "sections": CleanupSettings(user_lists=False, keep_sections=True)}


def documents() -> dict[str, str]:
    """{name: plain text} for the seed files and every marked corpus document, markup stripped."""
    out = {}
    for path in sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []:
        out[f"seed/{path.name}"] = path.read_text(encoding="utf-8")
    for corpus in CORPORA:
        for path in sorted((ROOT / corpus).glob("*.md")):
            out[f"{corpus}/{path.name}"] = parse_marked(path.read_text(encoding="utf-8"))[0]
    return out


def outputs(name: str, text: str) -> dict:
    """The cleaned text and report of one document under each setting."""
    return {label: clean(text, settings).to_dict() for label, settings in SETTINGS.items()}


def main(argv: list[str] | None = None) -> int:
    """Write or check the golden outputs."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--write", type=Path)
    group.add_argument("--check", type=Path)
    args = parser.parse_args(argv)
    changed = 0
    docs = documents()
    for name, text in docs.items():
        got = outputs(name, text)
        path = (args.write or args.check) / (name.replace("/", "__") + ".json")
        if args.write:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(got, indent=1, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")
            continue
        want = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else None
        if want != got:
            changed += 1
            for label in got:
                if want is None or want.get(label) != got[label]:
                    print(f"CHANGED {name} [{label}]")
    print(f"{len(docs)} documents, {changed} changed")
    return 1 if changed else 0


if __name__ == "__main__":
    sys.exit(main())
