"""Score claim-level grounding on labelled cases: errors caught (per kind), faithful lines wrongly flagged (per
style), omitted facts found.

A corpus holds batches, each a folder of cases; a case holds `facts.md`, `draft.md` (one sentence a line) and
`labels.json` (`lines`: line, label, style; `omitted`: fact numbers). The format is in
fixtures/grounding-claims/FORMAT.md. A labelled error line counts as caught when the check flags anything on that
line, and as caught with its kind when one finding there has the labelled kind.

    python benchmarks/grounding_claims.py                      # fixtures/grounding-claims
    python benchmarks/grounding_claims.py --corpus DIR [--verbose] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from drafter import grounding  # noqa: E402
from drafter.facts import load_facts  # noqa: E402

ERROR_KINDS = ("invented", "misattributed", "wrong-date", "wrong-name", "plan-as-done")
FAITHFUL = ("supported", "no-claim")


def cases(corpus: Path) -> list[Path]:
    """Every case folder under corpus (any depth), in path order."""
    return sorted(p.parent for p in corpus.rglob("labels.json"))


def score(corpus: Path, verbose: bool = False) -> dict:
    """Run the check on every case and count what it caught and what it wrongly flagged."""
    counts: Counter = Counter()
    per_batch: dict[str, Counter] = {}
    details: list[str] = []
    for case in cases(corpus):
        batch = case.parent.name
        tally = per_batch.setdefault(batch, Counter())
        labels = json.loads((case / "labels.json").read_text(encoding="utf-8"))
        facts = load_facts(case / "facts.md")
        draft = (case / "draft.md").read_text(encoding="utf-8")
        report = grounding.check(draft, facts)
        flagged: dict[int, set[str]] = {}
        for claim in report.unsupported:
            flagged.setdefault(claim.line, set()).add(claim.verdict or "invented")
        for entry in labels["lines"]:
            label, line = entry["label"], entry["line"]
            kinds = flagged.get(line, set())
            if label in ERROR_KINDS:
                for c in (counts, tally):
                    c["errors"] += 1
                    c[f"errors:{label}"] += 1
                    c["caught"] += bool(kinds)
                    c[f"caught:{label}"] += bool(kinds)
                    c["caught_kind"] += label in kinds
                    c[f"caught_kind:{label}"] += label in kinds
                if verbose and label not in kinds:
                    details.append(f"MISSED {case.relative_to(corpus)}:{line} {label} got {sorted(kinds)}")
            elif label in FAITHFUL:
                style = entry.get("style") or label
                for c in (counts, tally):
                    c["faithful"] += 1
                    c[f"faithful:{style}"] += 1
                    c["false_flags"] += bool(kinds)
                    c[f"false_flags:{style}"] += bool(kinds)
                if verbose and kinds:
                    details.append(f"FALSE  {case.relative_to(corpus)}:{line} {style} flagged {sorted(kinds)}")
        expected = set(labels.get("omitted", []))
        found = {o.fact + 1 for o in report.omitted}
        for c in (counts, tally):
            c["omitted"] += len(expected)
            c["omitted_found"] += len(expected & found)
            c["omitted_false"] += len(found - expected)
            c["cases"] += 1
        if verbose and expected != found:
            details.append(f"OMIT   {case.relative_to(corpus)} expected {sorted(expected)} found {sorted(found)}")
    return {"total": counts, "batches": per_batch, "details": details}


def ratio(a: int, b: int) -> str:
    return f"{a / b:.3f} ({a}/{b})" if b else "n/a"


def summary(c: Counter) -> list[str]:
    """The figures of one tally as text lines."""
    lines = [f"cases {c['cases']}: errors caught {ratio(c['caught'], c['errors'])}, with the right kind "
             f"{ratio(c['caught_kind'], c['errors'])}; faithful lines wrongly flagged "
             f"{ratio(c['false_flags'], c['faithful'])}; omitted facts found {ratio(c['omitted_found'], c['omitted'])}"
             f", facts wrongly called omitted {c['omitted_false']}"]
    for kind in ERROR_KINDS:
        lines.append(f"  {kind:14} caught {ratio(c[f'caught:{kind}'], c[f'errors:{kind}'])}, right kind "
                     f"{ratio(c[f'caught_kind:{kind}'], c[f'errors:{kind}'])}")
    styles = sorted(k.split(":", 1)[1] for k in c if k.startswith("faithful:"))
    for style in styles:
        lines.append(f"  {style:14} wrongly flagged {ratio(c[f'false_flags:{style}'], c[f'faithful:{style}'])}")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT / "fixtures" / "grounding-claims")
    parser.add_argument("--verbose", action="store_true", help="list every missed error and false flag")
    parser.add_argument("--json", action="store_true", help="print the counts as JSON")
    args = parser.parse_args()
    result = score(args.corpus, args.verbose)
    if args.json:
        print(json.dumps({"total": result["total"], "batches": result["batches"]}, indent=2, sort_keys=True))
        return 0
    for batch, tally in sorted(result["batches"].items()):
        print(f"{batch}: " + summary(tally)[0])
    print("\nall: " + "\n".join(summary(result["total"])))
    for line in result["details"]:
        print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
