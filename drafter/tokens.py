"""Exact, offline token counts for OpenAI models, prices per million tokens, and request estimates.

The BPE rank files for `cl100k_base` and `o200k_base` ship inside drafter (drafter/data/encodings/, taken from
the MIT-licensed PyPI wheel bpe-openai 0.1.4; byte-for-byte OpenAI's published files once decompressed). Their
sha256 is checked on load, and a `tiktoken.Encoding` is built from them with tiktoken's own split patterns and
special tokens, so counts are tiktoken's counts with no download at run time. Each encoding loads once, on
first use; importing this module loads nothing.
"""

from __future__ import annotations

import functools
import hashlib
import threading
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from drafter.errors import DrafterError, InputError

if TYPE_CHECKING:  # pragma: no cover
    import tiktoken

ENCODINGS_DIR = Path(__file__).parent / "data" / "encodings"
PRICES_FILE = Path(__file__).parent / "data" / "prices.toml"

ENDOFTEXT = "<|endoftext|>"
FIM_PREFIX = "<|fim_prefix|>"
FIM_MIDDLE = "<|fim_middle|>"
FIM_SUFFIX = "<|fim_suffix|>"
ENDOFPROMPT = "<|endofprompt|>"

# Split patterns and special tokens as tiktoken_ext/openai_public.py defines them (tests/test_tokens.py checks
# them against the installed tiktoken's own constructors).
CL100K_PAT = (r"""'(?i:[sdmt]|ll|ve|re)|[^\r\n\p{L}\p{N}]?+\p{L}++|\p{N}{1,3}+| ?[^\s\p{L}\p{N}]++[\r\n]*+|\s++$|"""
              r"""\s*[\r\n]|\s+(?!\S)|\s""")
O200K_PAT = "|".join([
    r"""[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?""",
    r"""[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?""",
    r"""\p{N}{1,3}""",
    r""" ?[^\s\p{L}\p{N}]+[\r\n/]*""",
    r"""\s*[\r\n]+""",
    r"""\s+(?!\S)""",
    r"""\s+""",
])


@dataclass(frozen=True)
class EncodingSpec:
    """Where an encoding's ranks live, what they must hash to, and how tiktoken splits and marks text."""

    name: str
    file: str
    sha256: str
    pat_str: str
    special_tokens: dict[str, int]
    n_ranks: int


ENCODING_SPECS = {
    "cl100k_base": EncodingSpec(
        "cl100k_base", "cl100k_base.tiktoken.gz",
        "223921b76ee99bde995b7ff738513eef100fb51d18c93597a113bcffe865b2a7", CL100K_PAT,
        {ENDOFTEXT: 100257, FIM_PREFIX: 100258, FIM_MIDDLE: 100259, FIM_SUFFIX: 100260, ENDOFPROMPT: 100276},
        100256),
    "o200k_base": EncodingSpec(
        "o200k_base", "o200k_base.tiktoken.gz",
        "446a9538cb6c348e3516120d7c08b09f57c36495e2acfffe59a5bf8b0cfb1a2d", O200K_PAT,
        {ENDOFTEXT: 199999, ENDOFPROMPT: 200018}, 199998),
}
FALLBACK_ENCODING = "o200k_base"

# Model name prefixes → encoding, most specific first (tiktoken's own table, for the models drafter targets).
MODEL_PREFIXES: tuple[tuple[str, str], ...] = (
    ("gpt-4o", "o200k_base"), ("chatgpt-4o", "o200k_base"), ("gpt-4.1", "o200k_base"), ("gpt-4.5", "o200k_base"),
    ("gpt-5", "o200k_base"), ("o1", "o200k_base"), ("o3", "o200k_base"),
    ("o4", "o200k_base"), ("gpt-4", "cl100k_base"), ("gpt-3.5", "cl100k_base"), ("gpt-35", "cl100k_base"),
    ("text-embedding-3", "cl100k_base"), ("text-embedding-ada-002", "cl100k_base"),
)

# OpenAI's cookbook ("How to count tokens with tiktoken"): every message costs 3 tokens on top of its fields'
# tokens, a `name` field 1 more, and every reply is primed with 3 (<|start|>assistant<|message|>).
TOKENS_PER_MESSAGE = 3
TOKENS_PER_NAME = 1
REPLY_PRIMING = 3

_load_lock = threading.Lock()


@dataclass(frozen=True)
class ModelEncoding:
    """The encoding used to count for a model, and whether that is the model's known encoding (exact)."""

    model: str
    encoding: str
    exact: bool


def encoding_for_model(model: str | None) -> ModelEncoding:
    """The encoding for an OpenAI model name; unknown models (a local server's) count with o200k_base, inexact.

    Dated and fine-tuned names work ('gpt-4o-mini-2024-07-18', 'ft:gpt-4o-mini:org::id'), as does a provider
    prefix ('openai/gpt-4o').
    """
    name = (model or "").strip()
    base = name
    if base.startswith("ft:"):
        base = base[3:].split(":", 1)[0]
    base = base.rsplit("/", 1)[-1].lower()
    for prefix, encoding in MODEL_PREFIXES:
        if base == prefix or base.startswith((prefix + "-", prefix + ".")):
            return ModelEncoding(name, encoding, True)
    return ModelEncoding(name, FALLBACK_ENCODING, False)


def load_ranks(name: str) -> dict[bytes, int]:
    """The BPE ranks of a shipped encoding, read from its gzip file and checked against its sha256."""
    import binascii
    import gzip

    spec = _spec(name)
    path = ENCODINGS_DIR / spec.file
    try:
        raw = gzip.decompress(path.read_bytes())
    except FileNotFoundError:
        raise DrafterError(f"the token rank file {path} is missing", hint="reinstall drafter") from None
    except (OSError, EOFError) as exc:
        raise DrafterError(f"the token rank file {path} cannot be read ({exc})", hint="reinstall drafter") from None
    digest = hashlib.sha256(raw).hexdigest()
    if digest != spec.sha256:
        raise DrafterError(f"the token rank file {path} is damaged (sha256 {digest[:12]}…, expected "
                           f"{spec.sha256[:12]}…)", hint="reinstall drafter")
    a2b = binascii.a2b_base64
    ranks: dict[bytes, int] = {}
    for line in raw.splitlines():
        if line:
            token, _, rank = line.partition(b" ")
            ranks[a2b(token)] = int(rank)
    if len(ranks) != spec.n_ranks:
        raise DrafterError(f"the token rank file {path} holds {len(ranks)} ranks, expected {spec.n_ranks}",
                           hint="reinstall drafter")
    return ranks


def _spec(name: str) -> EncodingSpec:
    try:
        return ENCODING_SPECS[name]
    except KeyError:
        raise InputError(f"unknown encoding {name!r}", hint="use one of: " + ", ".join(ENCODING_SPECS)) from None


@functools.cache
def _load(name: str) -> "tiktoken.Encoding":
    import tiktoken

    spec = _spec(name)
    return tiktoken.Encoding(name=spec.name, pat_str=spec.pat_str, mergeable_ranks=load_ranks(name),
                             special_tokens=dict(spec.special_tokens))


def get_encoding(name: str) -> "tiktoken.Encoding":
    """The tiktoken Encoding `name` built from the shipped ranks; loaded once per process, thread-safe."""
    with _load_lock:
        return _load(name)


def count_tokens(text: str, encoding: str = FALLBACK_ENCODING) -> int:
    """Tokens in `text`; special-token text such as '<|endoftext|>' counts as the plain text it is."""
    if not text:
        return 0
    return len(get_encoding(encoding).encode_ordinary(text))


def count_message(message: dict[str, Any], encoding: str = FALLBACK_ENCODING) -> int:
    """Tokens one chat message costs: its fields' tokens plus the per-message overhead (and 1 for a name)."""
    enc = get_encoding(encoding)
    total = TOKENS_PER_MESSAGE
    for key, value in message.items():
        if not isinstance(value, str):
            value = "" if value is None else str(value)
        total += len(enc.encode_ordinary(value))
        if key == "name":
            total += TOKENS_PER_NAME
    return total


def count_messages(messages: list[dict[str, Any]], encoding: str = FALLBACK_ENCODING) -> int:
    """Input tokens of a chat request the way OpenAI bills them: each message plus 3 to prime the reply."""
    return sum(count_message(m, encoding) for m in messages) + REPLY_PRIMING


# -- prices --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Price:
    """USD per million input and output tokens for a model, the context window when known, and its origin."""

    model: str
    input: float
    output: float
    context_window: int | None
    source: str

    def cost(self, input_tokens: int, output_tokens: int) -> float:
        """Estimated USD for these token counts."""
        return (input_tokens * self.input + output_tokens * self.output) / 1_000_000


@functools.cache
def builtin_prices() -> dict[str, Any]:
    """The shipped price table: {'date', 'currency', 'models': {name: {input, output, context_window}}}."""
    data = tomllib.loads(PRICES_FILE.read_text(encoding="utf-8"))
    return {"date": str(data.get("date", "")), "source": data.get("source", ""), "models": data.get("models", {})}


def _match(model: str, table: dict[str, Any]) -> str | None:
    """The table key for `model`: an exact name, else the longest key it extends with '-' (dated versions)."""
    name = model.strip()
    if name.startswith("ft:"):
        name = name[3:].split(":", 1)[0]
    name = name.rsplit("/", 1)[-1]
    if name in table:
        return name
    candidates = [key for key in table if name.startswith(key + "-")]
    return max(candidates, key=len) if candidates else None


def price_for(model: str | None, overrides: dict[str, Any] | None = None) -> Price | None:
    """The price of `model`: a `[prices.MODEL]` table in the config file wins over the shipped table.

    An override may set `input`, `output` (USD per million tokens) and `context_window`; missing fields come
    from the shipped entry. None when neither knows the model.
    """
    if not model:
        return None
    shipped = builtin_prices()
    overrides = overrides or {}
    if not isinstance(overrides, dict):
        raise InputError("config file: [prices] must be a table of models, like [prices.gpt-4o] input = 2.5")
    key = _match(model, overrides)
    base_key = _match(model, shipped["models"])
    base = dict(shipped["models"].get(base_key, {})) if base_key else {}
    if key is None and base_key is None:
        return None
    source = f"prices of {shipped['date']}" if base_key else ""
    if key is not None:
        entry = overrides[key]
        if not isinstance(entry, dict):
            raise InputError(f"config file: [prices.{key}] must be a table with input and output")
        base.update(entry)
        source = "config file prices"
    try:
        window = base.get("context_window")
        return Price(key or base_key or model, float(base["input"]), float(base["output"]),
                     int(window) if window else None, source)
    except (KeyError, TypeError, ValueError):
        raise InputError(f"config file: [prices.{key or base_key}] needs numbers for input and output "
                         "(USD per million tokens)") from None


# -- request estimates ------------------------------------------------------------------------------------------


@dataclass
class RequestEstimate:
    """One section request with its token counts."""

    section: str
    title: str
    messages: list[dict[str, str]]
    message_tokens: list[int]
    input_tokens: int
    max_output_tokens: int


@dataclass
class Estimate:
    """Every request a draft would send, counted; the basis of --dry-run, --budget and the context check."""

    backend: str
    model: str
    encoding: str
    exact: bool
    requests: list[RequestEstimate]
    price: Price | None

    @property
    def total_input_tokens(self) -> int:
        """Input tokens over all requests."""
        return sum(r.input_tokens for r in self.requests)

    @property
    def total_max_output_tokens(self) -> int:
        """The most output tokens all requests together may produce."""
        return sum(r.max_output_tokens for r in self.requests)

    @property
    def total_tokens(self) -> int:
        """Input plus the most output: what --budget is compared with."""
        return self.total_input_tokens + self.total_max_output_tokens

    @property
    def estimated_cost_usd(self) -> float | None:
        """At most this many USD (input plus max output at the model's price); 0 offline; None for no price."""
        if self.backend == "offline":
            return 0.0
        if self.price is None:
            return None
        return round(self.price.cost(self.total_input_tokens, self.total_max_output_tokens), 6)

    def to_dict(self) -> dict[str, Any]:
        """The dry-run JSON document."""
        return {
            "backend": self.backend, "model": self.model, "encoding": self.encoding, "exact": self.exact,
            "requests": [{"section": r.section, "messages": [{"role": m["role"], "content": m["content"]}
                                                             for m in r.messages],
                          "input_tokens": r.input_tokens, "max_output_tokens": r.max_output_tokens}
                         for r in self.requests],
            "total_input_tokens": self.total_input_tokens,
            "estimated_cost_usd": self.estimated_cost_usd,
        }

    def check_context(self) -> None:
        """An InputError naming the first section whose input plus max output exceeds the model's context window."""
        window = self.price.context_window if self.price else None
        if not window:
            return
        for r in self.requests:
            if r.input_tokens + r.max_output_tokens > window:
                raise InputError(
                    f"section {r.section!r} needs {r.input_tokens:,} input + {r.max_output_tokens:,} output tokens, "
                    f"more than {self.model}'s context window of {window:,}",
                    hint="move some facts to other sections or a second summary, or lower --max-tokens")

    def check_budget(self, budget: int | None) -> None:
        """An InputError (exit 2) when input plus max output tokens exceed `budget`."""
        if budget is None:
            return
        if budget < 1:
            raise InputError(f"--budget must be a positive number of tokens, got {budget}")
        if self.total_tokens > budget:
            raise InputError(
                f"estimated {self.total_tokens:,} tokens ({self.total_input_tokens:,} input + "
                f"{self.total_max_output_tokens:,} max output over {len(self.requests)} requests) exceed "
                f"--budget {budget:,}; nothing was sent",
                hint="raise --budget, lower --max-tokens, or see the requests with --dry-run")


def estimate_requests(requests: list[Any], backend: str, model: str,
                      price_overrides: dict[str, Any] | None = None) -> Estimate:
    """Count the messages of section requests (pipeline.SectionRequest) for `model`."""
    chosen = encoding_for_model(model if backend != "offline" else None)
    exact = chosen.exact and backend != "offline"
    counted = []
    for request in requests:
        per_message = [count_message(m, chosen.encoding) for m in request.messages]
        counted.append(RequestEstimate(request.section_id, request.title, request.messages, per_message,
                                       sum(per_message) + REPLY_PRIMING, request.max_tokens))
    price = price_for(model, price_overrides) if backend != "offline" else None
    return Estimate(backend, model, chosen.encoding, exact, counted, price)


def format_estimate(estimate: Estimate) -> str:
    """The dry-run report for a terminal: each request's messages with their tokens, then totals and cost."""
    lines = [f"dry run: {estimate.backend} · model {estimate.model} · encoding {estimate.encoding}"
             f"{'' if estimate.exact else ' (approximate: not a known OpenAI model)'} · nothing is sent", ""]
    for number, r in enumerate(estimate.requests, 1):
        lines.append(f"── {number}/{len(estimate.requests)} {r.title} [{r.section}] · {r.input_tokens:,} input tokens, "
                     f"max {r.max_output_tokens:,} output")
        for message, tokens in zip(r.messages, r.message_tokens):
            lines.append(f"[{message['role']} · {tokens:,} tokens]")
            lines.append(message["content"].rstrip())
        lines.append("")
    lines.append(f"total: {estimate.total_input_tokens:,} input tokens + at most {estimate.total_max_output_tokens:,} "
                 f"output tokens = {estimate.total_tokens:,} over {len(estimate.requests)} requests "
                 f"(including {TOKENS_PER_MESSAGE} per message and {REPLY_PRIMING} per reply)")
    lines.append(cost_line(estimate))
    return "\n".join(lines) + "\n"


def cost_line(estimate: Estimate) -> str:
    """One line with the estimated cost and where the prices come from."""
    if estimate.backend == "offline":
        return "estimated cost: $0 (offline writes locally)"
    if estimate.price is None:
        return (f"estimated cost: unknown (no price for {estimate.model!r}; add [prices.\"{estimate.model}\"] "
                "input = …, output = … to the config file)")
    price = estimate.price
    return (f"estimated cost: at most ${estimate.estimated_cost_usd:.4f} ({price.model} at ${price.input:g} in / "
            f"${price.output:g} out per million tokens, {price.source})")


def count_report(text: str, model: str, label: str = "-",
                 price_overrides: dict[str, Any] | None = None) -> dict[str, Any]:
    """`drafter tokens` as data: the text's tokens for a model, its encoding, exactness, size and input cost."""
    chosen = encoding_for_model(model)
    count = count_tokens(text, chosen.encoding)
    price = price_for(model, price_overrides)
    return {"source": label, "model": model, "encoding": chosen.encoding, "exact": chosen.exact, "tokens": count,
            "characters": len(text), "bytes": len(text.encode("utf-8")),
            "input_cost_usd": None if price is None else round(price.cost(count, 0), 6)}
