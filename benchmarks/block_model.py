"""Train the block model on the labelled corpora's paragraphs and list items and print how it does on text it never saw.

The samples are the blocks the model judges (drafter.cleanup.blocks.judged) of `fixtures/cleanup` and
`fixtures/cleanup-heldout`, as written, with their flags: a block must-go markup covers (LABEL_INSIDE) is one an
editor removes whole (1), one it leaves (1 - LABEL_INSIDE) is not (0), mixed ones are left out. The figures come from
batches the model is not trained on: those `--hold-out` names, or else each fold of the batches in turn; the whole
cleanup pass is scored on them with the model and without it. `--write` then trains on everything and writes
`drafter/data/cleanup/block_model.json`.

    python benchmarks/block_model.py --hold-out 'c3(6[1-9]|7\\d|80)'   # figures on the batches c361-c380
    python benchmarks/block_model.py                                  # fold-by-fold figures
    python benchmarks/block_model.py --write --no-figures             # only rewrite the shipped model
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from cleanup_quality import parse_marked  # noqa: E402
from stock_model import documents, line_offsets, print_held_out_figures, share_inside, write_model  # noqa: E402
from drafter import cleanup  # noqa: E402
from drafter.cleanup.blocks import MODEL_FILE, block_flags, written_facts, judged, lead  # noqa: E402
from drafter.stock_model import Sample, train  # noqa: E402

MODEL_PATH = ROOT / "drafter" / "data" / "cleanup" / MODEL_FILE
FOLDS = 5
EPOCHS = 10  # 30 passes gave the same held-out figures (c361-c380) and take three times as long
MIN_DF = 5  # blocks a word or word pair must stand in to be weighed: the model loads in a third of the time
LABEL_INSIDE = 0.8  # a block this much inside must-go markup goes whole; this much outside (1 - it) stays


def samples_of(path: Path) -> list[Sample]:
    """The document's judged blocks with their flags, labelled by the markup (mixed ones left out)."""
    text, go, _ = parse_marked(path.read_text(encoding="utf-8"))
    blocks, _ = cleanup.parse_blocks(text, cleanup.CleanupSettings())
    starts = line_offsets(text)
    written = written_facts(blocks)
    out = []
    for index, block in enumerate(blocks):
        if not judged(block):
            continue
        start, end = starts[block.line - 1], starts[block.line - 1 + len(block.raw)] - 1
        inside = share_inside(go, start, end)
        if 1 - LABEL_INSIDE < inside < LABEL_INSIDE:
            continue
        out.append(Sample(lead(block), False, block.kind == "item", int(inside >= LABEL_INSIDE),
                          block_flags(blocks, index, written)))
    return out


def main(argv: list[str] | None = None) -> int:
    """Print held-out figures; with --write, train on all batches and write the model."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--write", action="store_true", help="train on every batch and write the shipped model")
    parser.add_argument("--threshold", type=float, default=cleanup.CleanupSettings().block_threshold)
    parser.add_argument("--hold-out", metavar="REGEX", help="batches (by name, e.g. c361) to score, trained without")
    parser.add_argument("--no-figures", action="store_true", help="skip the held-out figures")
    args = parser.parse_args(argv)
    batches = documents()
    samples = {name: [s for p in paths for s in samples_of(p)] for name, paths in batches.items()}
    print(f"{sum(map(len, samples.values()))} samples, "
          f"{sum(s.label for batch in samples.values() for s in batch)} removed whole", flush=True)
    if not args.no_figures:
        names = sorted(batches)
        if args.hold_out:
            held_out = [{name for name in names if re.fullmatch(args.hold_out, name)}]
            if not held_out[0]:
                parser.error(f"--hold-out {args.hold_out!r} names no batch")
        else:
            held_out = [set(names[fold::FOLDS]) for fold in range(FOLDS)]
        print_held_out_figures(batches, samples, [(f"f{fold}", held) for fold, held in enumerate(held_out)], "block",
                               args.threshold, epochs=EPOCHS, min_df=MIN_DF)
    if args.write:
        write_model(train((s for batch in samples.values() for s in batch), epochs=EPOCHS, min_df=MIN_DF), MODEL_PATH)
    return 0


if __name__ == "__main__":
    sys.exit(main())
