"""Train the stock-sentence model on the labelled corpora and print how it does on a batch it never saw.

The samples are the sentences without figures of `fixtures/cleanup` and `fixtures/cleanup-heldout`: must-go
ones are stock (1), the ones that stay are not (0). For each batch (hN, tN, and ours), a model is trained on
the other batches and the whole cleanup pass is scored on that batch with it and without it, so the figures
say what the model adds on text it has not seen. `--write` then trains on everything and writes
`drafter/data/cleanup/stock_model.json`.

    python benchmarks/stock_model.py            # leave-one-batch-out figures
    python benchmarks/stock_model.py --write    # and rewrite the shipped model
    python benchmarks/stock_model.py --write --no-figures   # only rewrite it (one training, about a minute)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from cleanup_quality import parse_marked, score_documents, totals_of  # noqa: E402
from drafter import cleanup  # noqa: E402
from drafter.stock_model import Sample, load_vectors, train  # noqa: E402

CORPORA = (ROOT / "fixtures" / "cleanup", ROOT / "fixtures" / "cleanup-heldout")
MODEL_PATH = ROOT / "drafter" / "data" / "cleanup" / "stock_model.json"


def batch_of(path: Path) -> str:
    """'h5' for fixtures/cleanup-heldout/h5-…, 't1' for t1-…, 'ours' for fixtures/cleanup."""
    return path.name.split("-")[0] if path.parent.name == "cleanup-heldout" else "ours"


def line_offsets(text: str) -> list[int]:
    """Where each line of text starts (and, last, where a line after the text would)."""
    starts = [0]
    for line in text.split("\n"):
        starts.append(starts[-1] + len(line) + 1)
    return starts


def share_inside(spans: list[tuple[int, int]], start: int, end: int) -> float:
    """The share of text[start:end] that lies inside these (must-go) spans."""
    return sum(max(0, min(end, b) - max(start, a)) for a, b in spans) / max(1, end - start)


def samples_of(path: Path) -> list[Sample]:
    """The document's prose sentences without figures, labelled by the markup (mixed ones left out)."""
    text, go, _ = parse_marked(path.read_text(encoding="utf-8"))
    settings = cleanup.CleanupSettings()
    blocks, _ = cleanup.parse_blocks(text, settings)
    starts = line_offsets(text)
    boundary = cleanup.boundary_blocks(blocks)
    out = []
    for block in (b for section in cleanup.top_level_sections(blocks) for b in section if not b.heading_like):
        base = starts[block.line - 1] + len(block.prefix)
        for sentence in block.sentences:
            if cleanup.find_placeholders(sentence.text) or any(c.isdigit() for c in sentence.text):
                continue
            start = base + sentence.start
            end = start + len(sentence.text)
            inside = share_inside(go, start, end)
            if 0.2 <= inside <= 0.8:
                continue
            out.append(Sample(sentence.text.strip(), id(block) in boundary, block.kind == "item", int(inside > 0.8)))
    return out


def documents() -> dict[str, list[Path]]:
    """Corpus documents by batch."""
    batches: dict[str, list[Path]] = {}
    for folder in CORPORA:
        for path in sorted(folder.glob("*.dirty.md")):
            batches.setdefault(batch_of(path), []).append(path)
    return batches


def print_row(name: str, without: dict, with_model: dict) -> None:
    """One line of the table: recall and precision without and with the model, and losses with it."""
    print(f"{name:6} {without['recall']:15.3f} {with_model['recall']:6.3f} {without['precision']:18.3f} "
          f"{with_model['precision']:6.3f} {with_model['losses']:7}")


def main(argv: list[str] | None = None) -> int:
    """Print leave-one-batch-out figures; with --write, train on all batches and write the model."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--write", action="store_true", help="train on every batch and write the shipped model")
    parser.add_argument("--threshold", type=float, default=cleanup.CleanupSettings().stock_threshold)
    parser.add_argument("--words-only", action="store_true", help="leave the word vectors out of the model")
    parser.add_argument("--no-figures", action="store_true",
                        help="skip the leave-one-batch-out figures (one training per batch: hours on the whole corpus)")
    args = parser.parse_args(argv)
    vectors = None if args.words_only else load_vectors()
    batches = documents()
    samples = {name: [s for p in paths for s in samples_of(p)] for name, paths in batches.items()}
    if args.no_figures and not args.write:
        parser.error("--no-figures only makes sense with --write")
    if not args.no_figures:
        print_held_out_figures(batches, samples, [(name, {name}) for name in batches], "stock", args.threshold,
                               first_column="batch", vectors=vectors)
    if args.write:
        write_model(train((s for batch in samples.values() for s in batch), vectors=vectors), MODEL_PATH)
    return 0


def print_held_out_figures(batches: dict[str, list[Path]], samples: dict[str, list[Sample]],
                           folds: list[tuple[str, set[str]]], model_name: str, threshold: float,
                           first_column: str = "fold", **train_args) -> None:
    """For each (label, batch names) of `folds`, train a model on the other batches' samples, score that fold's
    documents without it and with it (CleanupSettings' `<model_name>_threshold` and `<model_name>_model`) and print
    a row; then a row over every fold. The stock, furniture and block models' benchmarks all print their figures so."""
    print(f"{first_column:6} {'recall without':>15} {'with':>6} {'precision without':>18} {'with':>6} {'losses':>7}")
    left_out: list[list] = [[], []]  # per-document scores without and with a model that never saw the document
    for label, held in folds:
        model = train((s for name, batch in samples.items() if name not in held for s in batch), **train_args)
        paths = [p for name in sorted(held) for p in batches[name]]
        without = cleanup.CleanupSettings(**{f"{model_name}_threshold": 1.0})
        with_model = cleanup.CleanupSettings(**{f"{model_name}_threshold": threshold, f"{model_name}_model": model})
        print_row(label, *score_with_and_without(paths, without, with_model, left_out))
    print_row("all", *(totals_of(scores) for scores in left_out))


def score_with_and_without(paths: list[Path], without: "cleanup.CleanupSettings", with_model: "cleanup.CleanupSettings",
                           left_out: list[list]) -> list[dict]:
    """Score these documents without the model and with it: the two totals, each run's per-document scores added
    to `left_out` (its first list without, its second with) for the figures over all batches."""
    rows = []
    for i, settings in enumerate((without, with_model)):
        totals, scores = score_documents(paths, settings)
        left_out[i] += scores
        rows.append(totals)
    return rows


def write_model(model, path: Path) -> None:
    """Write a trained model where the package ships it, and say what it holds."""
    path.write_text(model.to_json() + "\n", encoding="utf-8")
    print(f"wrote {path.relative_to(ROOT)}: {len(model.weights)} weights from {model.trained_on}")


if __name__ == "__main__":
    sys.exit(main())
