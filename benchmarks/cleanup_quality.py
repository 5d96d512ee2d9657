"""Score the cleanup pass on a labelled corpus: recall, precision and must-keep losses.

Each `*.dirty.md` file marks what must go as `{--text--}` and what must stay as `{==text==}` (CriticMarkup).
The markup is stripped, the text cleaned, and input and output words aligned: recall is the share of must-go
words removed, precision the share of removed words that were must-go. A must-keep loss is a `{==…==}` span, or a
number outside a must-go span, missing from the output. Words that only moved (a fuller near-duplicate put in the
place of the first) do not count as removed.

    python benchmarks/cleanup_quality.py                  # fixtures/cleanup
    python benchmarks/cleanup_quality.py --corpus DIR     # e.g. a held-out corpus
"""

from __future__ import annotations

import argparse
import bisect
import difflib
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from drafter.cleanup import CleanupSettings, clean  # noqa: E402

MARK = re.compile(r"\{--(.*?)--\}|\{==(.*?)==\}", re.S)
WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
# a figure; not the digits of a year left blank ("20**", "20XX"), which is a template's placeholder, not a figure
NUMBER = re.compile(r"(?>\d+(?:[.,]\d+)*)(?!\s?(?:\*\*|[xX]{2})(?![\w*]))")
ITEM_NUMBER = re.compile(r"\A\s*\d{1,3}[.)]\s+")  # a numbered item's number, which renumbering may change
LIST_MARKER = re.compile(r"^\s*(?:\d{1,3}[.)、,]|[-*+•]|\([a-zA-Z0-9]{1,2}\))\s+", re.M)
TARGETS = {"recall": 0.90, "precision": 0.98, "losses": 0}  # issue 19's targets for a new blind round
MOVE_WINDOW = 150  # words: how far a removed word may be from the kept must-go copy it stands for (a repeat
                   # a sentence or two after its first telling)


@dataclass
class DocScore:
    """The figures for one document."""

    name: str
    defect_words: int = 0
    removed_defect_words: int = 0
    removed_words: int = 0
    losses: list[str] = field(default_factory=list)


def parse_marked(marked: str) -> tuple[str, list[tuple[int, int]], list[str]]:
    """Strip the markup; return (plain text, must-go character spans, must-keep texts)."""
    out: list[str] = []
    go: list[tuple[int, int]] = []
    keep: list[str] = []
    pos = 0
    length = 0
    for match in MARK.finditer(marked):
        out.append(marked[pos:match.start()])
        length += match.start() - pos
        inner = match.group(1) if match.group(1) is not None else match.group(2)
        if match.group(1) is not None:
            go.append((length, length + len(inner)))
        else:
            keep.append(inner)
        out.append(inner)
        length += len(inner)
        pos = match.end()
    out.append(marked[pos:])
    return "".join(out), go, keep


def inside(spans: list[tuple[int, int]], position: int) -> bool:
    """True when one of the spans [a, b), in order and not overlapping, holds the position (a binary search)."""
    index = bisect.bisect_right(spans, (position, float("inf"))) - 1
    return index >= 0 and position < spans[index][1]


def words_with_positions(text: str) -> list[tuple[str, int]]:
    """Lowercased words and their offsets, list markers left out (renumbering is not a removal)."""
    markers = [m.span() for m in LIST_MARKER.finditer(text)]
    out = []
    for match in WORD.finditer(text):
        if inside(markers, match.start()):
            continue
        out.append((match.group(0).lower(), match.start()))
    return out


def squash(text: str) -> str:
    """Whitespace collapsed, for substring checks."""
    return " ".join(text.split())


def score_text(name: str, marked: str, settings: CleanupSettings | None = None) -> tuple[DocScore, str]:
    """Clean one marked document and score it; return (score, cleaned text)."""
    text, go, keep = parse_marked(marked)
    result = clean(text, settings)
    before = words_with_positions(text)
    after = [w for w, _ in words_with_positions(result.text)]
    in_go = [inside(go, pos) for _, pos in before]
    matcher = difflib.SequenceMatcher(None, [w for w, _ in before], after, autojunk=False)
    kept = [False] * len(before)
    inserted: Counter[str] = Counter()
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            for i in range(i1, i2):
                kept[i] = True
        if op in ("insert", "replace"):
            inserted.update(after[j1:j2])
    for i, (word, _) in enumerate(before):
        if not kept[i] and not in_go[i] and inserted[word] > 0:
            inserted[word] -= 1
            kept[i] = True
    for i, (word, _) in enumerate(before):
        if kept[i] or in_go[i]:
            continue
        for j in range(max(0, i - MOVE_WINDOW), min(len(before), i + MOVE_WINDOW)):
            if kept[j] and in_go[j] and before[j][0] == word:
                kept[i], kept[j] = True, False
                break
    score = DocScore(name)
    score.defect_words = sum(in_go)
    score.removed_words = sum(not k for k in kept)
    score.removed_defect_words = sum(1 for k, g in zip(kept, in_go) if g and not k)
    output = squash(result.text).lower()
    # a must-keep item's own list number ("8. Processed 58 return orders") is the list's, which the cleanup renumbers
    for item, count in Counter(squash(ITEM_NUMBER.sub("", k)).lower() for k in keep).items():
        if output.count(item) < count:
            score.losses.append(item)
    kept_chars = list(text)
    for a, b in go:
        kept_chars[a:b] = " " * (b - a)
    kept_text = LIST_MARKER.sub(" ", "".join(kept_chars))  # a list item's number is the list's, not a figure
    for number in sorted(set(NUMBER.findall(kept_text))):
        if number not in result.text:
            score.losses.append(f"number {number}")
    return score, result.text


def score_corpus(folder: Path, settings: CleanupSettings | None = None) -> tuple[dict, list[DocScore]]:
    """Score every *.dirty.md in folder; return (totals, per-document scores)."""
    docs = sorted(folder.glob("*.dirty.md"))
    if not docs:
        raise SystemExit(f"no *.dirty.md files in {folder}")
    return score_documents(docs, settings)


def score_documents(docs: list[Path], settings: CleanupSettings | None = None) -> tuple[dict, list[DocScore]]:
    """Score these marked documents; return (totals, per-document scores)."""
    scores = [score_text(p.name, p.read_text(encoding="utf-8"), settings)[0] for p in docs]
    return totals_of(scores), scores


def totals_of(scores: list[DocScore]) -> dict:
    """Recall, precision, must-keep losses and whether the targets are met, over per-document scores."""
    defect = sum(s.defect_words for s in scores)
    caught = sum(s.removed_defect_words for s in scores)
    removed = sum(s.removed_words for s in scores)
    totals = {"documents": len(scores), "defect_words": defect, "removed_words": removed,
              "recall": caught / defect if defect else 1.0, "precision": caught / removed if removed else 1.0,
              "losses": sum(len(s.losses) for s in scores)}
    totals["meets_targets"] = (totals["recall"] >= TARGETS["recall"] and totals["precision"] >= TARGETS["precision"]
                               and totals["losses"] == TARGETS["losses"])
    return totals


def main(argv: list[str] | None = None) -> int:
    """Print per-document and total figures; exit 1 when a target is missed."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=ROOT / "fixtures" / "cleanup")
    parser.add_argument("--show", metavar="NAME", help="print the cleaned text of one document")
    args = parser.parse_args(argv)
    if args.show:
        path = args.corpus / args.show
        print(score_text(path.name, path.read_text(encoding="utf-8"))[1])
        return 0
    totals, scores = score_corpus(args.corpus)
    print(f"{'document':40} {'must-go':>7} {'caught':>6} {'removed':>7}  losses")
    for s in scores:
        print(f"{s.name:40} {s.defect_words:7} {s.removed_defect_words:6} {s.removed_words:7}  "
              + ("; ".join(s.losses) if s.losses else "0"))
    print(f"\ncorpus: {args.corpus} ({totals['documents']} documents)")
    print(f"recall    {totals['recall']:.3f}  (target >= {TARGETS['recall']})")
    print(f"precision {totals['precision']:.3f}  (target >= {TARGETS['precision']})")
    print(f"must-keep losses {totals['losses']}  (target {TARGETS['losses']})")
    print("meets targets" if totals["meets_targets"] else "MISSES TARGETS")
    return 0 if totals["meets_targets"] else 1


if __name__ == "__main__":
    sys.exit(main())
