"""Backends turn one section request into text chunks: `offline` (built in) or `openai` (any compatible server)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Iterator, Protocol

from drafter.config import Settings
from drafter.errors import InputError

BACKEND_NAMES = ("offline", "openai")


@dataclass
class SectionRequest:
    """What a backend needs for one section: chat messages for a model, structured context for offline."""

    section_id: str
    title: str
    kind: str
    messages: list[dict[str, str]]
    max_tokens: int
    temperature: float
    context: dict[str, Any] = field(default_factory=dict)


@dataclass
class Usage:
    """Token usage a server reported for one request (zeros when it reported none)."""

    input_tokens: int = 0
    output_tokens: int = 0
    finish_reason: str = ""
    messages: list[dict[str, str]] | None = None  # the messages the reply answered (a cached one: as stored with it)

    def to_dict(self) -> dict[str, int]:
        """Usage as JSON-ready numbers."""
        return {"input_tokens": self.input_tokens, "output_tokens": self.output_tokens}


class Backend(Protocol):
    """A section's messages in, text chunks out; `usage` holds what the last call reported."""

    name: str
    model: str

    def stream(self, request: SectionRequest, usage: Usage) -> Iterator[str]:
        """Yield the section's text in chunks as they arrive, filling `usage` when the server reports it."""
        ...


def get_backend(settings: Settings, *, metered: bool = False, cache: bool = False,
                warn: Callable[[str], None] | None = None, http_client: Any = None) -> Backend:
    """The backend named in settings; unknown names are a usage error.

    With `metered`, a model backend is wrapped to count requests (backends/cached.py), and with `cache` too,
    to answer repeated requests from the response cache. The offline writer is never wrapped: it is
    deterministic, local and free. `http_client` (an httpx2.Client) is what a model backend sends through; None:
    the SDK's own.
    """
    if settings.backend == "offline":
        from drafter.backends.offline import OfflineBackend

        return OfflineBackend()
    if settings.backend == "openai":
        from drafter.backends.openai_backend import OpenAIBackend

        backend = OpenAIBackend(settings, http_client=http_client)
        if not (metered or cache):
            return backend
        from drafter.backends.cached import MeteredBackend

        store = None
        if cache:
            from drafter.cache import open_cache

            store = open_cache(settings, warn)
        return MeteredBackend(backend, backend.base_url, store)
    raise InputError(f"unknown backend {settings.backend!r}", hint="use one of: " + ", ".join(BACKEND_NAMES))
