"""A backend wrapper that answers from the response cache when it can and meters every request.

It wraps a model backend (the offline writer is deterministic and fast, so it is never cached): a section whose
request (base URL, model, messages, sampling parameters) was answered completely before is answered from the
cache with the usage, finish reason and messages stored with it, and counts as 0 requests; any other request goes to the
server, and its reply is stored only when it arrived whole. When a server reports no usage, drafter counts the
tokens itself and marks the usage as estimated.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any, Iterator

from drafter.backends import Backend, SectionRequest, Usage
from drafter.errors import DrafterError


@dataclass
class Meter:
    """What a run cost: requests sent, sections answered from the cache, and usage the servers did not report."""

    requests: int = 0
    cached: list[str] = field(default_factory=list)
    estimated: list[str] = field(default_factory=list)
    sent_input_tokens: int = 0
    sent_output_tokens: int = 0


class MeteredBackend:
    """Cache lookup and storage, request counting and usage fallback around another backend."""

    def __init__(self, inner: Backend, base_url: str, cache: Any = None) -> None:
        self.inner = inner
        self.name = inner.name
        self.model = inner.model
        self.base_url = base_url
        self.cache = cache
        self.meter = Meter()
        self._lock = threading.Lock()

    def key(self, request: SectionRequest) -> str:
        """The cache key of a request (never includes the API key)."""
        from drafter.cache import cache_key

        return cache_key(self.base_url, self.model, request.messages, max_tokens=request.max_tokens,
                         temperature=request.temperature)

    def stream(self, request: SectionRequest, usage: Usage) -> Iterator[str]:
        """Yield the cached reply whole, or the server's chunks (storing the reply once it is complete)."""
        key = self.key(request) if self.cache is not None else None
        if key is not None:
            hit = self.cache.get(key)
            if hit is not None:
                usage.input_tokens, usage.output_tokens = hit.input_tokens, hit.output_tokens
                usage.finish_reason = hit.finish_reason  # a reply cut at the token limit warns again
                usage.messages = hit.messages or request.messages  # what the reply answered: its echoes go again
                with self._lock:
                    self.meter.cached.append(request.section_id)
                if hit.text:
                    yield hit.text
                return
        with self._lock:
            self.meter.requests += 1
        usage.messages = request.messages
        pieces: list[str] = []
        for chunk in self.inner.stream(request, usage):
            pieces.append(chunk)
            yield chunk
        text = "".join(pieces)  # reached only when the reply ended normally (errors propagate, nothing stored)
        if not (usage.input_tokens or usage.output_tokens):
            self._estimate(request, text, usage)
        with self._lock:
            self.meter.sent_input_tokens += usage.input_tokens
            self.meter.sent_output_tokens += usage.output_tokens
        if key is not None and text.strip():
            self.cache.put(key, self.model, text, usage.input_tokens, usage.output_tokens, usage.finish_reason,
                           request.messages)

    def forget(self, request: SectionRequest) -> None:
        """Drop a request's cached reply, e.g. one that failed `--strict`, so a rerun asks the server again."""
        if self.cache is not None:
            self.cache.delete(self.key(request))

    def _estimate(self, request: SectionRequest, text: str, usage: Usage) -> None:
        """Count the request and reply locally when the server reported no usage."""
        from drafter import tokens

        encoding = tokens.encoding_for_model(self.model).encoding
        try:
            usage.input_tokens = tokens.count_messages(request.messages, encoding)
            usage.output_tokens = tokens.count_tokens(text, encoding)
        except DrafterError:  # counting is a courtesy; a damaged install must not fail a finished reply
            return
        with self._lock:
            self.meter.estimated.append(request.section_id)

    def report(self, sections: list[Any], price_overrides: dict[str, Any] | None = None) -> dict[str, Any]:
        """A run's usage: tokens over all sections (cached ones included), requests sent, sections from the
        cache, whether any usage was counted locally, and the estimated cost of what was actually sent."""
        from drafter import tokens

        price = tokens.price_for(self.model, price_overrides)
        meter = self.meter
        cost = None if price is None else round(price.cost(meter.sent_input_tokens, meter.sent_output_tokens), 6)
        return {
            "input_tokens": sum(s.usage.input_tokens for s in sections),
            "output_tokens": sum(s.usage.output_tokens for s in sections),
            "requests": meter.requests,
            "cached_sections": len(set(meter.cached)),
            "usage_estimated": bool(meter.estimated),
            "estimated_cost_usd": cost,
            "prices": price.source if price else None,
            "cached": sorted(set(meter.cached)),
        }


def format_usage(report: dict[str, Any], model: str, sections: int) -> str:
    """The one-line usage summary printed on stderr after a run."""
    tokens_part = f"{report['input_tokens']:,} tokens in, {report['output_tokens']:,} out"
    if report.get("usage_estimated"):
        tokens_part += " (partly counted by drafter: the server reported none)"
    cache_part = f"{report['requests']} request{'s' if report['requests'] != 1 else ''}"
    if report["cached_sections"]:
        cache_part += f", {report['cached_sections']}/{sections} sections from cache"
    if report["estimated_cost_usd"] is None:
        cost_part = f"cost unknown (no price for {model!r})"
    else:
        cost_part = f"est. ${report['estimated_cost_usd']:.4f} ({model}, {report['prices']})"
    return f"usage: {tokens_part} · {cache_part} · {cost_part}"
