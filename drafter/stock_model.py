"""A learned score of how 'stock' a sentence is: fluff no phrase list has met yet ("Our content consistently
resonated with readers and sparked meaningful conversations").

A logistic regression over a sentence's words and word pairs, TF-IDF weighted, trained on drafter's own
labelled corpora (sentences without figures marked must-go, against those that stay). Its weights are data,
`drafter/data/cleanup/stock_model.json`; `benchmarks/stock_model.py --write` retrains them from the corpora and
prints how well a model trained without one batch does on that batch. Cleanup asks it only about sentences that
carry no fact, so a wrong score can cost a sentence of prose but never a figure or a name.
"""

from __future__ import annotations

import gzip
import json
import math
import random
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Iterable

__all__ = ["Sample", "StockModel", "WordVectors", "load_model", "load_vectors", "train", "features"]

TOKEN = re.compile(r"[a-z][a-z'’-]*[a-z]|[a-z]")


@dataclass(frozen=True)
class Sample:
    """One labelled sentence: its text, where it stands, and whether an editor removed it (1) or kept it (0)."""

    text: str
    boundary: bool
    item: bool
    label: int
    flags: tuple[str, ...] = ()  # more of where and how it stands ("top", "pipes"): the furniture model's


def terms(text: str) -> list[str]:
    """The lowercased words of text and each pair of neighbouring words ('very high')."""
    words = TOKEN.findall(text.lower().replace("’", "'"))
    return words + [f"{a} {b}" for a, b in zip(words, words[1:])]


class WordVectors:
    """Small vectors for the word pieces of a BERT vocabulary (see benchmarks/build_word_vectors.py): the mean
    vector of a sentence places words the training text never used near the ones it did."""

    def __init__(self, data: bytes) -> None:
        header, rest = data.split(b"\n", 1)
        meta = json.loads(header)
        pieces, matrix = rest.split(b"\n\n", 1)
        self.dims: int = meta["dims"]
        self.scale: list[float] = meta["scale"]
        self.index = {piece: i for i, piece in enumerate(pieces.decode("utf-8").split("\n"))}
        self.matrix = memoryview(matrix).cast("b")
        self.longest = max((len(piece.removeprefix("##")) for piece in self.index), default=0)

    def pieces(self, word: str) -> list[int]:
        """Greedy longest-match word pieces of one lowercase word; [] when some part is not in the vocabulary.

        A piece is tried from at most the longest vocabulary piece on, so a word of any length costs linear time."""
        out, start = [], 0
        while start < len(word):
            end = min(len(word), start + self.longest)
            while end > start:
                piece = word[start:end] if start == 0 else "##" + word[start:end]
                if piece in self.index:
                    out.append(self.index[piece])
                    break
                end -= 1
            else:
                return []
            start = end
        return out

    def sentence(self, text: str) -> list[float]:
        """The unit-length mean vector of the sentence's word pieces (all zeros when none is known)."""
        words = PIECE_WORD.findall(text.lower().replace("’", "'"))
        rows = Counter(row for word in words for row in self.pieces(word))
        if not rows:
            return [0.0] * self.dims
        dims = self.dims
        total = [0] * dims  # each distinct piece's row once, times its count: a piece said 500,000 times is one row
        for row, count in rows.items():
            for d, value in enumerate(self.matrix[row * dims:(row + 1) * dims]):
                total[d] += count * value
        vector = [t * s for t, s in zip(total, self.scale)]
        norm = math.sqrt(sum(v * v for v in vector)) or 1.0
        return [v / norm for v in vector]


PIECE_WORD = re.compile(r"[a-z0-9'-]+|[.,!?;:]")


@lru_cache(maxsize=1)
def load_vectors() -> WordVectors | None:
    """The shipped word-piece vectors, or None when the package carries none."""
    entry = resources.files("drafter").joinpath("data", "cleanup", "word_vectors.bin.gz")
    if not entry.is_file():
        return None
    return WordVectors(gzip.decompress(entry.read_bytes()))


def features(text: str, idf: dict[str, float], boundary: bool = False, item: bool = False,
             vectors: WordVectors | None = None, flags: Iterable[str] = ()) -> dict[str, float]:
    """Sublinear TF-IDF of the known terms, scaled to unit length, plus the position flags, the share of
    words the training text never used (specific words are a sign of a concrete sentence) and, with
    `vectors`, the sentence's mean word vector."""
    counts: dict[str, int] = {}
    all_terms = terms(text)
    for term in all_terms:
        if term in idf:
            counts[term] = counts.get(term, 0) + 1
    words = [t for t in all_terms if " " not in t and len(t) > 3]
    vector = {term: (1 + math.log(n)) * idf[term] for term, n in counts.items()}
    norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
    out = {term: v / norm for term, v in vector.items()}
    if boundary:
        out["@boundary"] = 1.0
    if item:
        out["@item"] = 1.0
    for flag in flags:
        out["@" + flag] = 1.0
    if words:
        out["@unknown"] = sum(1 for w in words if w not in idf) / len(words)
    if vectors is not None:
        for d, value in enumerate(vectors.sentence(text)):
            out[f"@v{d}"] = value
    return out


@dataclass
class StockModel:
    """Term weights, inverse document frequencies and a bias; `score` is the probability a sentence is stock."""

    idf: dict[str, float]
    weights: dict[str, float]
    bias: float
    trained_on: dict = field(default_factory=dict)

    @property
    def vectors(self) -> WordVectors | None:
        """The word vectors the model was trained with, or None when it uses words alone."""
        return load_vectors() if self.trained_on.get("vectors") else None

    def score(self, text: str, boundary: bool = False, item: bool = False, flags: Iterable[str] = ()) -> float:
        """Probability (0–1) that an editor would cut this sentence (as stock, or as furniture for that model)."""
        x = features(text, self.idf, boundary, item, self.vectors, flags)
        z = self.bias + sum(self.weights.get(term, 0.0) * v for term, v in x.items())
        return 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))

    def to_json(self) -> str:
        """The model as JSON, rounded so that retraining on the same corpora gives the same file."""
        return json.dumps({"trained_on": self.trained_on, "bias": round(self.bias, 6),
                           "idf": {t: round(v, 4) for t, v in sorted(self.idf.items())},
                           "weights": {t: round(v, 5) for t, v in sorted(self.weights.items()) if abs(v) >= 1e-4}},
                          indent=0, ensure_ascii=False)

    @classmethod
    def from_json(cls, data: str) -> "StockModel":
        raw = json.loads(data)
        return cls(raw["idf"], raw["weights"], raw["bias"], raw.get("trained_on", {}))


@lru_cache(maxsize=None)  # (one entry per shipped model: a smaller cache than the models reloads them on every clean)
def load_model(name: str = "stock_model.json") -> StockModel | None:
    """The shipped model of that file name (the stock model, "furniture_model.json" or "block_model.json"), or None
    when the package carries none."""
    entry = resources.files("drafter").joinpath("data", "cleanup", name)
    if not entry.is_file():
        return None
    return StockModel.from_json(entry.read_text(encoding="utf-8"))


def train(samples: Iterable[Sample], c: float = 4.0, epochs: int = 60, min_df: int = 2, seed: int = 0,
          vectors: WordVectors | None = None) -> StockModel:
    """Fit an L2-regularised logistic regression by stochastic gradient descent; deterministic for a seed."""
    samples = list(samples)
    df: dict[str, int] = {}
    for sample in samples:
        for term in set(terms(sample.text)):
            df[term] = df.get(term, 0) + 1
    n = len(samples)
    idf = {t: math.log((1 + n) / (1 + k)) + 1 for t, k in df.items() if k >= min_df}
    rows = [(features(s.text, idf, s.boundary, s.item, vectors, s.flags), s.label) for s in samples]
    weights: dict[str, float] = {}
    bias = 0.0
    lam = 1.0 / (c * n)
    order = list(range(n))
    rng = random.Random(seed)
    step = 0
    scale = 1.0  # weights are stored divided by scale, so the L2 shrink is one multiplication
    for _ in range(epochs):
        rng.shuffle(order)
        for index in order:
            step += 1
            rate = 1.0 / (lam * (step + 100))
            x, y = rows[index]
            z = bias + scale * sum(weights.get(t, 0.0) * v for t, v in x.items())
            p = 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))
            scale *= 1 - rate * lam
            if scale < 1e-9:
                weights = {t: w * scale for t, w in weights.items()}
                scale = 1.0
            g = (p - y) * rate
            for t, v in x.items():
                weights[t] = weights.get(t, 0.0) - g * v / scale
            bias -= g * 0.1
    final = {t: w * scale for t, w in weights.items()}
    return StockModel(idf, final, bias, {"samples": n, "stock": sum(s.label for s in samples), "c": c,
                                         "vectors": vectors.dims if vectors else 0})
