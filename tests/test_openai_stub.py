"""The stub server speaks the chat-completions protocol: driven here with the real `openai` client, over a real
socket and again through the stub's in-process transport (an httpx MockTransport), which must answer alike."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import httpx2
import openai
import pytest

from openai_stub import Fault, OpenAIStub, default_reply

PROMPT = [
    {"role": "system", "content": "You write one section."},
    {"role": "user", "content": 'Write the section "Key Achievements".\n\nFacts for this section:\n'
                                "- processed 2,318 orders\n- cut turnaround to 1.6 days\n\nLength: about 80 words."},
]
KEY = "sk-test-SECRET-1234567890"

pytestmark = pytest.mark.usefixtures("quick_retries")  # the openai client retries at once


@pytest.fixture(params=["socket", "transport"])
def openai_server(request, openai_server: OpenAIStub) -> OpenAIStub:
    """The stub, reached over its socket or through its transport (which `client` reads from `carrier`)."""
    openai_server.carrier = request.param
    return openai_server


def client(server: OpenAIStub, **options) -> openai.OpenAI:
    """A real openai client pointed at the stub, through its transport when the test's carrier says so."""
    options.setdefault("max_retries", 0)
    options.setdefault("timeout", 5)
    if getattr(server, "carrier", "socket") == "transport":
        options.setdefault("http_client", httpx2.Client(transport=server.transport()))
    return openai.OpenAI(api_key=KEY, base_url=server.base_url, **options)


def stream_text(server: OpenAIStub, **options) -> tuple[str, list]:
    """Stream a completion; return the joined text and every chunk."""
    chunks = list(client(server, **options).chat.completions.create(model="m", messages=PROMPT, stream=True))
    return "".join(c.choices[0].delta.content or "" for c in chunks if c.choices), chunks


def test_default_reply_keeps_each_fact_verbatim():
    assert default_reply(PROMPT) == "Processed 2,318 orders. Cut turnaround to 1.6 days."


def test_non_streaming_completion_with_usage(openai_server):
    reply = client(openai_server).chat.completions.create(model="smollm2", messages=PROMPT)
    assert reply.choices[0].message.content == default_reply(PROMPT)
    assert reply.choices[0].finish_reason == "stop"
    assert reply.model == "smollm2"
    assert reply.usage.prompt_tokens > 0 and reply.usage.completion_tokens > 0
    assert reply.usage.total_tokens == reply.usage.prompt_tokens + reply.usage.completion_tokens
    (request,) = openai_server.requests
    assert request.method == "POST" and request.path == "/v1/chat/completions"
    assert request.body["messages"] == PROMPT and request.body["model"] == "smollm2"
    assert request.authorized and not request.streaming


def test_streaming_sends_deltas_and_a_finish_but_no_usage_unless_asked(openai_server):
    text, chunks = stream_text(openai_server)
    assert text == default_reply(PROMPT)
    content_chunks = [c for c in chunks if c.choices and c.choices[0].delta.content]
    assert len(content_chunks) > 1, "the reply must arrive in several chunks"
    assert chunks[0].choices[0].delta.role == "assistant"
    assert chunks[-1].choices[0].finish_reason == "stop"
    assert all(c.usage is None for c in chunks), "OpenAI streams report usage only with stream_options"
    assert openai_server.chat_requests()[0].streaming


def test_streaming_with_include_usage_sends_a_usage_chunk_without_choices(openai_server):
    chunks = list(client(openai_server).chat.completions.create(
        model="m", messages=PROMPT, stream=True, stream_options={"include_usage": True}))
    assert chunks[-1].choices == [] and chunks[-1].usage.prompt_tokens > 0
    assert chunks[-2].choices[0].finish_reason == "stop"


def test_models_endpoint_and_unknown_model(openai_server):
    openai_server.set_models(["smollm2"])
    assert [m.id for m in client(openai_server).models.list()] == ["smollm2"]
    with pytest.raises(openai.NotFoundError) as info:
        client(openai_server).chat.completions.create(model="gpt-9", messages=PROMPT)
    assert "gpt-9" in str(info.value)


def test_reply_function_sees_the_messages(openai_server):
    openai_server.set_reply(lambda messages: f"{len(messages)} messages, last from {messages[-1]['role']}")
    text, _ = stream_text(openai_server)
    assert text == "2 messages, last from user"


def test_credentials_are_not_recorded(openai_server):
    client(openai_server).chat.completions.create(model="m", messages=PROMPT)
    request = openai_server.requests[0]
    assert "authorization" not in request.headers
    assert KEY not in repr(request)


def test_required_key_gives_401_with_an_error_body(openai_server):
    openai_server.api_key = "the-right-one"
    with pytest.raises(openai.AuthenticationError) as info:
        client(openai_server).chat.completions.create(model="m", messages=PROMPT)
    assert info.value.status_code == 401
    assert info.value.body["code"] == "invalid_api_key"


def test_429_with_retry_after_then_success(openai_server):
    openai_server.set_faults("rate_limit", times=1, retry_after=0.2)
    started = time.monotonic()
    reply = client(openai_server, max_retries=2).chat.completions.create(model="m", messages=PROMPT)
    assert reply.choices[0].message.content == default_reply(PROMPT)
    assert openai_server.count("chat/completions") == 2
    assert [r.fault for r in openai_server.requests] == ["rate_limit", None]
    assert time.monotonic() - started >= 0.2, "the client waits as Retry-After says"


def test_500_twice_then_success_and_503_forever(openai_server):
    openai_server.set_faults("server_error", times=2)
    text, _ = stream_text(openai_server, max_retries=2)
    assert text == default_reply(PROMPT)
    assert openai_server.count() == 3
    openai_server.reset()
    openai_server.set_faults("unavailable")
    with pytest.raises(openai.InternalServerError) as info:
        client(openai_server, max_retries=1).chat.completions.create(model="m", messages=PROMPT)
    assert info.value.status_code == 503
    assert openai_server.count() == 2


def test_read_timeout_before_the_reply(openai_server):
    openai_server.set_faults("timeout", seconds=10)
    started = time.monotonic()
    with pytest.raises(openai.APITimeoutError):
        client(openai_server, timeout=0.5).chat.completions.create(model="m", messages=PROMPT)
    assert time.monotonic() - started < 3


def test_stall_mid_stream_times_out(openai_server):
    openai_server.set_faults("timeout", seconds=10, after_chunks=2)
    received = []
    with pytest.raises(openai.APITimeoutError):
        for chunk in client(openai_server, timeout=0.5).chat.completions.create(model="m", messages=PROMPT,
                                                                                stream=True):
            received.append(chunk)
    assert len(received) >= 2


def test_stream_cut_mid_section_raises_after_the_first_chunks(openai_server):
    openai_server.set_faults("cut_stream", after_chunks=2)
    received = []
    with pytest.raises(openai.APIError):
        for chunk in client(openai_server).chat.completions.create(model="m", messages=PROMPT, stream=True):
            if chunk.choices and chunk.choices[0].delta.content:
                received.append(chunk.choices[0].delta.content)
    assert len(received) == 2
    assert default_reply(PROMPT).startswith("".join(received))


def test_stream_ended_early_has_no_finish_reason(openai_server):
    openai_server.set_faults("end_stream", after_chunks=1)
    text, chunks = stream_text(openai_server)
    assert text and default_reply(PROMPT).startswith(text) and text != default_reply(PROMPT)
    assert all(c.choices[0].finish_reason is None for c in chunks if c.choices)


def test_malformed_json(openai_server):
    openai_server.set_faults("malformed")
    with pytest.raises(Exception) as info:
        client(openai_server).chat.completions.create(model="m", messages=PROMPT)
    assert isinstance(info.value, (openai.APIError, ValueError))
    with pytest.raises(Exception):
        stream_text(openai_server)


def test_empty_choices(openai_server):
    openai_server.set_faults("empty_choices")
    reply = client(openai_server).chat.completions.create(model="m", messages=PROMPT)
    assert reply.choices == []
    text, chunks = stream_text(openai_server)
    assert text == "" and all(not c.choices for c in chunks)


def test_faults_match_one_section_and_are_used_up(openai_server):
    openai_server.set_faults(Fault("server_error", times=1, match="Plans"), Fault("unavailable", times=1))
    other = [PROMPT[0], {"role": "user", "content": 'Write the section "Plans".\n- one'}]
    with pytest.raises(openai.InternalServerError) as first:
        client(openai_server).chat.completions.create(model="m", messages=other)
    assert first.value.status_code == 500
    with pytest.raises(openai.InternalServerError) as second:
        client(openai_server).chat.completions.create(model="m", messages=PROMPT)
    assert second.value.status_code == 503
    assert client(openai_server).chat.completions.create(model="m", messages=other).choices
    assert [r.fault for r in openai_server.requests] == ["server_error", "unavailable", None]


def test_per_request_delay_is_a_function_of_the_body(openai_server):
    openai_server.set_delay(lambda body: 0.3 if "Achievements" in str(body["messages"]) else 0.0)
    started = time.monotonic()
    client(openai_server).chat.completions.create(model="m", messages=PROMPT)
    assert time.monotonic() - started >= 0.3


def test_concurrent_requests_are_served_in_parallel(openai_server):
    from concurrent.futures import ThreadPoolExecutor

    openai_server.set_delay(0.4)
    api = client(openai_server)
    started = time.monotonic()
    with ThreadPoolExecutor(4) as pool:
        replies = list(pool.map(lambda _: api.chat.completions.create(model="m", messages=PROMPT), range(4)))
    assert len(replies) == 4 and openai_server.count() == 4
    assert time.monotonic() - started < 1.2


def test_standalone_server_prints_its_url_and_stops_on_sigterm():
    script = Path(__file__).with_name("openai_stub.py")
    proc = subprocess.Popen([sys.executable, str(script), "--port", "0", "--delay", "0.1"],
                            stdout=subprocess.PIPE, text=True)
    try:
        url = proc.stdout.readline().strip()
        assert url.startswith("http://127.0.0.1:") and url.endswith("/v1")
        api = openai.OpenAI(api_key="x", base_url=url, max_retries=0, timeout=5)
        assert api.chat.completions.create(model="m", messages=PROMPT).choices[0].message.content
    finally:
        proc.terminate()
        assert proc.wait(timeout=5) == 0
