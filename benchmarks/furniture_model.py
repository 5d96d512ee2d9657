"""Train the furniture model on the labelled corpora's short lines and print how it does on batches it never saw.

The samples are the short sentences of `fixtures/cleanup` and `fixtures/cleanup-heldout`
(drafter.cleanup.furniture.line_candidates) with their flags: must-go ones are furniture (1), the ones that stay
are not (0), mixed ones are left out. The batches are dealt into folds; for each fold a model is trained on the
others and the whole cleanup pass is scored on the fold with it and without it, so the figures say what the model
adds on text it has not seen. `--write` then trains on everything and writes
`drafter/data/cleanup/furniture_model.json`.

    python benchmarks/furniture_model.py                        # fold-by-fold figures
    python benchmarks/furniture_model.py --write --no-figures   # only rewrite the shipped model
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from cleanup_quality import parse_marked  # noqa: E402
from stock_model import documents, line_offsets, print_held_out_figures, share_inside, write_model  # noqa: E402
from drafter import cleanup  # noqa: E402
from drafter.cleanup.furniture import MODEL_FILE, line_candidates  # noqa: E402
from drafter.stock_model import Sample, train  # noqa: E402

MODEL_PATH = ROOT / "drafter" / "data" / "cleanup" / MODEL_FILE
FOLDS = 5
EPOCHS = 60  # as many passes as the stock model makes
LABEL_INSIDE = 0.8  # a sentence this much inside must-go markup is furniture; this much outside (1 - it) is not


def samples_of(path: Path) -> list[Sample]:
    """The document's short sentences with their flags, labelled by the markup (mixed ones left out)."""
    text, go, _ = parse_marked(path.read_text(encoding="utf-8"))
    blocks, _ = cleanup.parse_blocks(text, cleanup.CleanupSettings())
    starts = line_offsets(text)
    out = []
    for block, sentence, flags in line_candidates(blocks):
        start = starts[block.line - 1] + len(block.prefix) + sentence.start
        inside = share_inside(go, start, start + len(sentence.text))
        if 1 - LABEL_INSIDE < inside < LABEL_INSIDE:
            continue
        out.append(Sample(sentence.text.strip(), False, block.kind == "item", int(inside >= LABEL_INSIDE), flags))
    return out


def main(argv: list[str] | None = None) -> int:
    """Print fold-by-fold figures; with --write, train on all batches and write the model."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--write", action="store_true", help="train on every batch and write the shipped model")
    parser.add_argument("--threshold", type=float, default=cleanup.CleanupSettings().furniture_threshold)
    parser.add_argument("--no-figures", action="store_true", help="skip the fold-by-fold figures")
    args = parser.parse_args(argv)
    batches = documents()
    samples = {name: [s for p in paths for s in samples_of(p)] for name, paths in batches.items()}
    print(f"{sum(map(len, samples.values()))} samples, "
          f"{sum(s.label for batch in samples.values() for s in batch)} furniture", flush=True)
    if not args.no_figures:
        names = sorted(batches)
        print_held_out_figures(batches, samples, [(f"f{fold}", set(names[fold::FOLDS])) for fold in range(FOLDS)],
                               "furniture", args.threshold, epochs=EPOCHS)
    if args.write:
        write_model(train((s for batch in samples.values() for s in batch), epochs=EPOCHS), MODEL_PATH)
    return 0


if __name__ == "__main__":
    sys.exit(main())
