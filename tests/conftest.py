"""Shared fixtures: a real OpenAI-compatible HTTP server on 127.0.0.1 (tests/openai_stub.py)."""

from __future__ import annotations

from typing import Iterator

import pytest

from openai_stub import OpenAIStub


@pytest.fixture
def openai_server() -> Iterator[OpenAIStub]:
    """A fresh real OpenAI-compatible server on an ephemeral port for this test, stopped afterwards.

    Yields the stub: `.base_url` ("http://127.0.0.1:PORT/v1"), `.requests`, `.count()`, `.chat_requests()`,
    `.set_reply(fn)`, `.set_delay(...)`, `.set_faults(...)`, `.set_models(...)`, `.reset()`.
    """
    with OpenAIStub() as stub:
        yield stub
