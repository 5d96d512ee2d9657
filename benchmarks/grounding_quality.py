"""Score grounding on the labelled corpus fixtures/grounding/: planted invented claims flagged, supported ones not.

Each case folder holds a facts file, `draft.md` and `expected.json` with the planted `unsupported` claims (text and
kind), the tricky `supported` claims (texts), and the `placeholders` and `filled` expected. A planted claim counts as
flagged when a claim of the same text and kind is reported; a supported claim is wrongly flagged when a claim of that
text is reported; any other report is an extra false flag.

    python benchmarks/grounding_quality.py                # fixtures/grounding
    python benchmarks/grounding_quality.py --corpus DIR   # another corpus in the same layout
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from drafter import grounding  # noqa: E402
from drafter.facts import load_facts  # noqa: E402


@dataclass
class CaseScore:
    """The figures for one case."""

    name: str
    planted: int = 0
    planted_flagged: int = 0
    supported: int = 0
    supported_flagged: int = 0
    extra: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)
    not_extracted: list[str] = field(default_factory=list)
    placeholders_ok: bool = True


def case_dirs(corpus: Path) -> list[Path]:
    """The case folders of a corpus, in name order."""
    return sorted(p for p in corpus.iterdir() if (p / "expected.json").is_file())


def run_case(case: Path) -> tuple[grounding.GroundingReport, dict]:
    """Check a case's draft against its facts (and the role's fixed text when the facts name a role)."""
    facts_path = next(p for p in sorted(case.iterdir()) if p.stem == "facts")
    facts = load_facts(facts_path)
    expected = json.loads((case / "expected.json").read_text(encoding="utf-8"))
    draft = (case / "draft.md").read_text(encoding="utf-8")
    return grounding.check(draft, facts, fixed_text=grounding.fixed_text_for(facts)), expected


def score_case(case: Path) -> CaseScore:
    """Compare a case's report with its expected results."""
    report, expected = run_case(case)
    score = CaseScore(case.name)
    flagged = Counter((c.text, c.kind) for c in report.unsupported)
    planted = Counter((u["text"], u["kind"]) for u in expected["unsupported"])
    score.planted = sum(planted.values())
    score.planted_flagged = sum(min(n, flagged[key]) for key, n in planted.items())
    score.missed = [f"{t} ({k})" for (t, k), n in planted.items() for _ in range(n - min(n, flagged[(t, k)]))]
    flagged_texts = Counter(c.text for c in report.unsupported)
    planted_texts = Counter(u["text"] for u in expected["unsupported"])
    score.supported = len(expected["supported"])
    texts = {c.text for c in report.claims}
    score.not_extracted = [text for text in expected["supported"] if text not in texts]
    score.supported_flagged = sum(1 for text in expected["supported"] if flagged_texts[text] > planted_texts[text])
    score.extra = [f"{t} ({k})" for (t, k), n in flagged.items() for _ in range(n - min(n, planted[(t, k)]))]
    filled = [{"placeholder": f.placeholder, "value": f.value} for f in report.filled]
    score.placeholders_ok = ([p["text"] for p in report.placeholders] == expected["placeholders"]
                             and filled == expected["filled"])
    return score


def main(argv: list[str] | None = None) -> int:
    """Print per-case and total figures; exit 1 when a planted claim is missed or anything else is flagged."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=ROOT / "fixtures" / "grounding")
    args = parser.parse_args(argv)
    scores = [score_case(case) for case in case_dirs(args.corpus)]
    for s in scores:
        notes = []
        if s.missed:
            notes.append("missed: " + ", ".join(s.missed))
        if s.extra:
            notes.append("false flags: " + ", ".join(s.extra))
        if s.not_extracted:
            notes.append("supported claims not found: " + ", ".join(s.not_extracted))
        if not s.placeholders_ok:
            notes.append("placeholders differ")
        print(f"{s.name:32} planted {s.planted_flagged}/{s.planted} flagged, "
              f"supported wrongly flagged {s.supported_flagged}/{s.supported}" + ("  " + "; ".join(notes) if notes else ""))
    planted = sum(s.planted for s in scores)
    caught = sum(s.planted_flagged for s in scores)
    supported = sum(s.supported for s in scores)
    wrong = sum(s.supported_flagged for s in scores)
    extra = sum(len(s.extra) for s in scores)
    print(f"\n{len(scores)} cases: planted invented claims flagged {caught}/{planted}; "
          f"listed supported claims wrongly flagged {wrong}/{supported}; other false flags {extra}; "
          f"placeholder cases matching {sum(s.placeholders_ok for s in scores)}/{len(scores)}")
    clean = all(s.placeholders_ok and not s.not_extracted for s in scores)
    return 0 if caught == planted and wrong == 0 and extra == 0 and clean else 1


if __name__ == "__main__":
    sys.exit(main())
