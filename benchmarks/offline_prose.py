"""How the offline writer does on many facts files: it drafts every facts file under fixtures/grounding*/ (156 job
titles, most with no role file of their own, so the generic role) and counts the drafts that draw a grounding
finding (a claim the facts do not support, a fact left out), a cleanup edit or an empty section. Each is listed.

    python benchmarks/offline_prose.py [--quiet]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from drafter import grounding  # noqa: E402
from drafter.config import Settings  # noqa: E402
from drafter.facts import load_facts  # noqa: E402
from drafter.pipeline import draft_summary  # noqa: E402
from drafter.role_text import fixed_text  # noqa: E402

DEFAULT_TITLE = "Clerk"  # for the few facts files that name no role


def facts_files() -> list[Path]:
    """Every facts file of the grounding corpora."""
    return sorted([*ROOT.glob("fixtures/grounding-claims/*/*/facts.*"), *ROOT.glob("fixtures/grounding/*/facts.*")])


def findings(path: Path) -> tuple[str, list[str]]:
    """The role a facts file drafts with, and one line per problem of its offline draft."""
    facts = load_facts(str(path))
    facts.meta.setdefault("role", DEFAULT_TITLE)
    draft = draft_summary(facts, Settings(backend="offline"))
    report = grounding.check(draft.markdown(), facts, fixed_text=fixed_text(draft.role, facts))
    lines = [f"{claim.verdict} {claim.text!r}: {claim.reason}" for claim in report.unsupported]
    lines += [f"omitted: {omission.text}" for omission in report.omitted]
    lines += [f"cleanup {edit.kind}: {edit.removed!r}" for edit in draft.cleanup.edits]
    lines += [f"empty section {section.id!r}" for section in draft.empty_sections]
    return draft.role.id, lines


def main() -> None:
    """Draft every facts file, list the problems and print the totals."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quiet", action="store_true", help="totals only")
    args = parser.parse_args()
    started = time.perf_counter()
    paths = facts_files()
    bad = generic = 0
    for path in paths:
        role, lines = findings(path)
        generic += role == "generic"
        if lines:
            bad += 1
            if not args.quiet:
                print(f"{path.relative_to(ROOT)} ({role})")
                print("".join(f"    {line}\n" for line in lines), end="")
    print(f"{len(paths)} facts files ({generic} with the generic role): {len(paths) - bad} drafts clean, {bad} with a "
          f"finding; {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
