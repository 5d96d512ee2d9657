"""The openai backend's HTTP seam: requests go through the httpx client it is given (OpenAIBackend, get_backend and
`cli.main` take one), so a test can answer them with an httpx MockTransport instead of a server on a socket."""

from __future__ import annotations

import json

import httpx2
import pytest

from drafter.backends import SectionRequest, Usage, get_backend
from drafter.backends.openai_backend import OpenAIBackend
from drafter.config import Settings
from drafter.errors import BackendError
from helpers import FIXTURES, invoke_drafter
from openai_stub import OpenAIStub

NOWHERE = "http://drafter-seam.invalid/v1"  # never resolved: only the injected transport can answer
KEY = "sk-seam-test-5Kd9Qw"
REQUEST = SectionRequest("results", "Results", "results", [{"role": "user", "content": "Write the results."}], 50, 0.3)


def completion(text: str) -> dict:
    """A chat-completions reply holding `text`."""
    return {"id": "c1", "object": "chat.completion", "created": 0, "model": "m",
            "choices": [{"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": "stop"}],
            "usage": {"prompt_tokens": 7, "completion_tokens": 3, "total_tokens": 10}}


def recording_client(seen: list[httpx2.Request], text: str = "Closed 12 claims.") -> httpx2.Client:
    """An httpx client whose transport records each request and answers it with one whole reply."""
    def answer(request: httpx2.Request) -> httpx2.Response:
        seen.append(request)
        return httpx2.Response(200, json=completion(text))
    return httpx2.Client(transport=httpx2.MockTransport(answer))


def settings(**changes) -> Settings:
    """openai settings pointing at a host that does not exist, no retries, no streaming."""
    return Settings(**{"backend": "openai", "model": "m", "base_url": NOWHERE, "api_key": KEY, "max_retries": 0,
                       "stream": False, **changes})


def test_the_backend_sends_through_the_client_it_is_given():
    seen: list[httpx2.Request] = []
    backend = OpenAIBackend(settings(), http_client=recording_client(seen))
    usage = Usage()
    assert "".join(backend.stream(REQUEST, usage)) == "Closed 12 claims."
    assert (usage.input_tokens, usage.output_tokens, usage.finish_reason) == (7, 3, "stop")
    (request,) = seen
    assert str(request.url) == f"{NOWHERE}/chat/completions"
    assert request.headers["authorization"] == f"Bearer {KEY}"
    body = json.loads(request.content)
    assert body["model"] == "m" and body["messages"] == REQUEST.messages and body["max_tokens"] == 50


def test_get_backend_passes_the_client_through_the_metered_wrapper():
    seen: list[httpx2.Request] = []
    backend = get_backend(settings(), metered=True, http_client=recording_client(seen, "Sold 4 units."))
    assert "".join(backend.stream(REQUEST, Usage())) == "Sold 4 units." and len(seen) == 1


def test_a_status_from_the_transport_is_translated_like_one_from_a_server():
    def refuse(request: httpx2.Request) -> httpx2.Response:
        return httpx2.Response(401, json={"error": {"message": f"bad key {KEY}", "type": "invalid_request_error"}})

    backend = OpenAIBackend(settings(), http_client=httpx2.Client(transport=httpx2.MockTransport(refuse)))
    with pytest.raises(BackendError) as info:
        list(backend.stream(REQUEST, Usage()))
    assert info.value.message == f"{NOWHERE} rejected the API key (401)" and KEY not in str(info.value)


def test_draft_sends_through_the_client_given_to_main(tmp_path):
    stub = OpenAIStub()  # never started: no socket listens, only its transport answers
    proc = invoke_drafter("draft", str(FIXTURES / "sales-inside.md"), "--backend", "openai", "--base-url", NOWHERE,
                          "--model", "stub-model", "--retries", "0", home=tmp_path, server=stub, OPENAI_API_KEY=KEY)
    assert proc.returncode == 0, proc.stderr
    assert len(stub.chat_requests()) == 5 and all(r.authorized for r in stub.chat_requests())
    assert proc.stdout.startswith("# 2026 Year-End Work Summary") and "2,318" in proc.stdout
