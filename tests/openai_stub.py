"""A real OpenAI-compatible HTTP server for tests and benchmarks, with configurable replies, delays and faults.

It listens on 127.0.0.1 (an ephemeral port by default) in a background thread and speaks the parts of the
chat-completions protocol drafter uses:

- ``POST /v1/chat/completions``: a JSON reply, or with ``"stream": true`` Server-Sent Events sent with chunked
  transfer encoding (``data: {...}`` chunks, then ``data: [DONE]``), usage in the final response or chunk;
- ``GET /v1/models``: the model list.

Every request is recorded (path, headers without credentials, parsed body). Faults are injected per request
from a list of :class:`Fault` specs; see :meth:`OpenAIStub.set_faults`.

The same answers come without a socket from :meth:`OpenAIStub.transport`, an httpx MockTransport: a client built on
it (``httpx2.Client(transport=stub.transport())``) talks to the stub in process, with the same replies, delays,
faults and records; a cut connection or a stall past the client's read timeout raises what httpx raises on a socket.

Standalone (for benchmarks and manual runs)::

    python tests/openai_stub.py --port 8765 --delay 0.5 [--chunk-delay 0.01] [--fault server_error:2]
"""

from __future__ import annotations

import argparse
import json
import re
import signal
import socket
import sys
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable, Iterable, Iterator

import httpx2

Messages = list[dict[str, Any]]
ReplyFn = Callable[[Messages], str]
DelayFn = Callable[[dict[str, Any]], float]

FAULT_KINDS = (
    "auth",           # 401 with an error body
    "forbidden",      # 403 with an error body
    "unknown_model",  # 404 model_not_found
    "rate_limit",     # 429 with Retry-After
    "server_error",   # 500
    "unavailable",    # 503
    "bad_request",    # 400 naming an argument the server does not know (`stream_options` unless `match` says)
    "timeout",        # sleep `seconds` before answering (or, streaming, after `after_chunks` chunks)
    "cut_stream",     # close the socket after `after_chunks` chunks (or half-way through a JSON body)
    "end_stream",     # end the stream after `after_chunks` chunks with [DONE] but no finish_reason (what
                      # llama-cpp-python does to a stream when another request interrupts it)
    "malformed",      # 200 with a body (or an SSE data line) that is not JSON
    "empty_choices",  # 200 with "choices": []
)
CREDENTIAL_HEADERS = {"authorization", "api-key", "x-api-key", "openai-api-key"}


@dataclass
class Fault:
    """One injected fault.

    kind: one of FAULT_KINDS. times: how many matching requests it hits before it is used up (None: forever).
    match: only requests whose user message contains this text (or for which this callable of the parsed body
    returns True) are hit. retry_after: the Retry-After header of a 429. seconds: how long a `timeout` stalls.
    after_chunks: content chunks sent before a stream is cut or ended (default 3), or stalled (default: a
    `timeout` stalls before any response is sent).
    """

    kind: str
    times: int | None = None
    match: str | Callable[[dict[str, Any]], bool] | None = None
    retry_after: float = 1
    seconds: float = 30.0
    after_chunks: int | None = None
    hits: int = 0

    def __post_init__(self) -> None:
        if self.kind not in FAULT_KINDS:
            raise ValueError(f"unknown fault {self.kind!r}; one of {', '.join(FAULT_KINDS)}")
        if self.after_chunks is None and self.kind in ("cut_stream", "end_stream"):
            self.after_chunks = 3

    def applies(self, body: dict[str, Any] | None) -> bool:
        """True when this fault still has hits left and matches the request body."""
        if self.times is not None and self.hits >= self.times:
            return False
        if self.match is None:
            return True
        if body is None:
            return False
        if callable(self.match):
            return bool(self.match(body))
        return self.match in user_message(body.get("messages") or [])


@dataclass
class RecordedRequest:
    """A request as the server saw it; credentials are dropped (`authorized` says whether any were sent)."""

    method: str
    path: str
    headers: dict[str, str]
    body: Any
    authorized: bool
    fault: str | None = None
    time: float = field(default_factory=time.monotonic)

    @property
    def streaming(self) -> bool:
        """True when the request asked for a streamed reply."""
        return isinstance(self.body, dict) and bool(self.body.get("stream"))

    @property
    def user(self) -> str:
        """The last user message of a chat request ('' for other requests)."""
        if not isinstance(self.body, dict):
            return ""
        return user_message(self.body.get("messages") or [])


def parse_body(raw: bytes) -> Any:
    """A request body as JSON (None when it is empty or not JSON)."""
    try:
        return json.loads(raw) if raw else None
    except ValueError:
        return None


def user_message(messages: Messages) -> str:
    """The text of the last user message."""
    for message in reversed(messages):
        if message.get("role") == "user":
            content = message.get("content")
            if isinstance(content, list):  # content parts
                return " ".join(str(p.get("text", "")) for p in content if isinstance(p, dict))
            return str(content or "")
    return ""


SECTION_TITLE = re.compile(r'section "([^"]+)"')


def section_title(messages: Messages) -> str:
    """The section title named in a drafter prompt ('' when there is none)."""
    match = SECTION_TITLE.search(user_message(messages))
    return match.group(1) if match else ""


def prompt_facts(messages: Messages) -> list[str]:
    """The '- fact' lines of the user message (a drafter prompt lists the section's facts that way)."""
    facts = []
    for line in user_message(messages).splitlines():
        if line.startswith("- "):
            facts.append(line[2:].strip())
    return facts


def default_reply(messages: Messages) -> str:
    """A deterministic paragraph built from the prompt's facts, each fact kept verbatim as one sentence."""
    title = section_title(messages) or "this section"
    facts = prompt_facts(messages)
    if not facts:
        return f"There is nothing more to report under {title}."
    sentences = []
    for fact in facts:
        fact = fact.rstrip(" .;")
        sentences.append(fact[0].upper() + fact[1:] + ".")
    return " ".join(sentences)


def count_tokens(text: str) -> int:
    """A rough token count: words and punctuation marks."""
    return len(re.findall(r"\w+|[^\w\s]", text))


def limit_reply(text: str, max_tokens: Any) -> tuple[str, str]:
    """The reply cut to `max_tokens` (counted as count_tokens does) and its finish reason: 'length' when cut."""
    if not isinstance(max_tokens, int) or count_tokens(text) <= max_tokens:
        return text, "stop"
    tokens = list(re.finditer(r"\w+|[^\w\s]", text))
    return text[: tokens[max_tokens - 1].end()] if max_tokens > 0 else "", "length"


def split_chunks(text: str, words_per_chunk: int = 3) -> list[str]:
    """The reply cut into streaming deltas of a few words, whitespace kept, so joining them gives `text`."""
    pieces = re.findall(r"\S+\s*|\s+", text)
    return ["".join(pieces[i:i + words_per_chunk]) for i in range(0, len(pieces), words_per_chunk)] or [""]


# What the server does for one request, independent of how it is carried: the exchange below yields a Head, body
# bytes (one SSE event or one JSON body each), Stall(seconds) and CUT; the socket handler writes them to a real
# connection, and OpenAIStub.transport() turns them into an httpx response without a socket.

@dataclass
class Head:
    """The status line and headers of a response."""

    status: int
    headers: dict[str, str]


@dataclass
class Stall:
    """Wait `seconds` before going on; woken early (the stub stopped or was reset), the connection is cut."""

    seconds: float


CUT = "cut"  # close the connection abruptly, mid-message


class _Exchange:
    """The server's side of one request: routes, faults, replies and streams, as a sequence of actions."""

    def __init__(self, stub: "OpenAIStub", record: RecordedRequest, body: Any, key: str | None) -> None:
        self.stub, self.record, self.body, self.key = stub, record, body, key
        self.finish_reason = "stop"

    def _json(self, status: int, payload: Any, headers: dict[str, str] | None = None) -> Iterator[Any]:
        data = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
        yield Head(status, {"Content-Type": "application/json", "Content-Length": str(len(data)), **(headers or {})})
        yield data

    def _error(self, status: int, message: str, kind: str, code: str | None = None,
               headers: dict[str, str] | None = None) -> Iterator[Any]:
        return self._json(status, {"error": {"message": message, "type": kind, "param": None, "code": code}}, headers)

    @staticmethod
    def _event(payload: Any) -> bytes:
        text = payload if isinstance(payload, str) else json.dumps(payload)
        return f"data: {text}\n\n".encode()

    # routes --------------------------------------------------------------------------------------------------

    def get(self) -> Iterator[Any]:
        """GET: the model list, else 404."""
        if self.record.path.rstrip("/").endswith("/models"):
            return self._json(200, {"object": "list", "data": [
                {"id": m, "object": "model", "created": 0, "owned_by": "stub"} for m in self.stub.model_list()]})
        return self._error(404, f"no route for GET {self.record.path}", "invalid_request_error")

    def post(self) -> Iterator[Any]:
        """POST: a chat completion (streamed or whole), with the stub's delays and faults."""
        body, stub = self.body, self.stub
        if not self.record.path.rstrip("/").endswith("/chat/completions"):
            yield from self._error(404, f"no route for POST {self.record.path}", "invalid_request_error")
            return
        if not isinstance(body, dict) or not isinstance(body.get("messages"), list):
            yield from self._error(400, "the body must be JSON with a messages list", "invalid_request_error")
            return
        fault = stub._take_fault(body)
        self.record.fault = fault.kind if fault else None
        if stub.api_key is not None and self.key != stub.api_key:
            fault = Fault("auth")
        if fault is None and stub.models is not None and body.get("model") not in stub.models:
            fault = Fault("unknown_model")
        delay = stub.delay(body) if callable(stub.delay) else stub.delay
        if delay:
            yield Stall(delay)
        if fault and fault.kind in ("auth", "forbidden", "unknown_model", "rate_limit", "server_error",
                                    "unavailable", "bad_request"):
            yield from self._status_fault(fault, body)
            return
        if fault and fault.kind == "timeout" and (fault.after_chunks is None or not body.get("stream")):
            yield Stall(fault.seconds)
            yield CUT
            return
        reply, self.finish_reason = limit_reply(stub.reply(body["messages"]), body.get("max_tokens"))
        if body.get("stream"):
            yield from self._stream(body, reply, fault)
        else:
            yield from self._complete(body, reply, fault)

    def _status_fault(self, fault: Fault, body: dict[str, Any]) -> Iterator[Any]:
        model = body.get("model")
        if fault.kind == "auth":
            # Echo the key back, as careless servers do: the client must never show this message verbatim.
            return self._error(401, f"Incorrect API key provided: {self.key}. You can find your API key in your "
                               "account settings.", "invalid_request_error", "invalid_api_key")
        if fault.kind == "forbidden":
            return self._error(403, "You are not allowed to use this model.", "invalid_request_error", "forbidden")
        if fault.kind == "unknown_model":
            return self._error(404, f"The model `{model}` does not exist or you do not have access to it.",
                               "invalid_request_error", "model_not_found")
        if fault.kind == "rate_limit":
            return self._error(429, "Rate limit reached for requests.", "requests", "rate_limit_exceeded",
                               {"Retry-After": f"{fault.retry_after:g}"})
        if fault.kind == "bad_request":
            return self._error(400, "Unrecognized request argument supplied: stream_options", "invalid_request_error")
        if fault.kind == "server_error":
            return self._error(500, "The server had an error while processing your request.", "server_error")
        return self._error(503, "The engine is currently overloaded, please try again later.", "server_error")

    def _usage(self, body: dict[str, Any], reply: str) -> dict[str, int]:
        prompt = sum(count_tokens(str(m.get("content") or "")) for m in body["messages"])
        completion = count_tokens(reply)
        return {"prompt_tokens": prompt, "completion_tokens": completion, "total_tokens": prompt + completion}

    def _complete(self, body: dict[str, Any], reply: str, fault: Fault | None) -> Iterator[Any]:
        stub = self.stub
        payload = {
            "id": f"chatcmpl-stub-{stub.count()}", "object": "chat.completion", "created": int(time.time()),
            "model": body.get("model") or "stub",
            "choices": [{"index": 0, "message": {"role": "assistant", "content": reply},
                         "finish_reason": self.finish_reason,
                         "logprobs": None}],
            "usage": self._usage(body, reply),
        }
        if fault and fault.kind == "empty_choices":
            payload["choices"] = []
        if fault and fault.kind == "malformed":
            yield from self._json(200, b'{"id": "chatcmpl-stub", "choices": [{"index": 0, "message": ')
            return
        if fault and fault.kind in ("cut_stream", "end_stream"):
            data = json.dumps(payload).encode()
            yield Head(200, {"Content-Type": "application/json", "Content-Length": str(len(data))})
            yield data[: len(data) // 2]
            yield CUT
            return
        yield from self._json(200, payload)

    def _stream(self, body: dict[str, Any], reply: str, fault: Fault | None) -> Iterator[Any]:
        stub = self.stub
        base = {"id": f"chatcmpl-stub-{stub.count()}", "object": "chat.completion.chunk",
                "created": int(time.time()), "model": body.get("model") or "stub"}

        def chunk(delta: dict[str, Any] | None, finish: str | None = None, **extra: Any) -> dict[str, Any]:
            choices = [] if delta is None else [{"index": 0, "delta": delta, "finish_reason": finish,
                                                  "logprobs": None}]
            return {**base, "choices": choices, **extra}

        event = self._event
        yield Head(200, {"Content-Type": "text/event-stream; charset=utf-8", "Cache-Control": "no-cache",
                         "Transfer-Encoding": "chunked"})
        kind = fault.kind if fault else None
        if kind == "malformed":
            yield event(chunk({"role": "assistant", "content": ""}))
            yield event('{"id": "chatcmpl-stub", "choices": [{"delta": {"content": "half')
            yield event("[DONE]")
            return
        if kind != "empty_choices":
            yield event(chunk({"role": "assistant", "content": ""}))
        pause = stub.chunk_delay(body) if callable(stub.chunk_delay) else stub.chunk_delay
        for number, piece in enumerate(split_chunks(reply)):
            if kind in ("cut_stream", "end_stream", "timeout") and number == fault.after_chunks:
                if kind == "cut_stream":
                    yield CUT
                    return
                if kind == "end_stream":
                    yield event("[DONE]")
                    return
                yield Stall(fault.seconds)
                yield CUT
                return
            if kind != "empty_choices":
                yield event(chunk({"content": piece}))
            if pause:
                yield Stall(pause)
        usage = self._usage(body, reply)
        wants_usage_chunk = bool((body.get("stream_options") or {}).get("include_usage"))
        if kind == "empty_choices":
            yield event(chunk(None, usage=usage))
        elif wants_usage_chunk:
            yield event(chunk({}, self.finish_reason))
            yield event(chunk(None, usage=usage))
        else:  # as OpenAI does: a stream reports usage only when asked with stream_options
            yield event(chunk({}, self.finish_reason))
        yield event("[DONE]")


class _Handler(BaseHTTPRequestHandler):
    """Carries an exchange over a real socket: chunked transfer encoding for streams, an abrupt close for CUT."""

    protocol_version = "HTTP/1.1"
    server: "_Server"

    def log_message(self, format: str, *args: Any) -> None:  # quiet
        return

    def _read_body(self) -> tuple[bytes, Any]:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        return raw, parse_body(raw)

    def _write_chunk(self, data: bytes) -> None:
        self.wfile.write(f"{len(data):X}\r\n".encode() + data + b"\r\n")
        self.wfile.flush()

    def _cut(self) -> None:
        """Close the connection abruptly, mid-message."""
        self.close_connection = True
        try:
            self.wfile.flush()
            self.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass

    def _exchange(self, body: Any) -> _Exchange:
        stub = self.server.stub
        record = stub._record(self.command, self.path, dict(self.headers.items()), body)
        value = self.headers.get("Authorization") or ""
        return _Exchange(stub, record, body, value[7:] if value.lower().startswith("bearer ") else None)

    def _play(self, actions: Iterator[Any]) -> None:
        """Write the actions to the connection; a stall woken early cuts it."""
        chunked = False
        for action in actions:
            if isinstance(action, Head):
                self.send_response(action.status)
                for name, value in action.headers.items():
                    self.send_header(name, value)
                self.end_headers()
                chunked = action.headers.get("Transfer-Encoding") == "chunked"
            elif isinstance(action, Stall):
                if self.server.stub._wake.wait(action.seconds):
                    return self._cut()
            elif action == CUT:
                return self._cut()
            elif chunked:
                self._write_chunk(action)
            else:
                self.wfile.write(action)
                self.wfile.flush()
        if chunked:
            self._write_chunk(b"")

    def do_GET(self) -> None:
        self._play(self._exchange(None).get())

    def do_POST(self) -> None:
        stub = self.server.stub
        stub._enter()
        try:
            _, body = self._read_body()
            self._play(self._exchange(body).post())
        finally:
            stub._leave()


class _MockBody(httpx2.SyncByteStream):
    """The body of a response the transport answers: plays the rest of an exchange as it is read, raising what
    httpx raises on a real connection (ReadTimeout past the read timeout, RemoteProtocolError for a cut)."""

    def __init__(self, stub: "OpenAIStub", request: httpx2.Request, actions: Iterator[Any], head: Head,
                 done: Callable[[], None]) -> None:
        self.stub, self.request, self.actions, self.done = stub, request, actions, done
        self.chunked = head.headers.get("Transfer-Encoding") == "chunked"
        self.expected = int(head.headers.get("Content-Length") or 0)

    def __iter__(self) -> Iterator[bytes]:
        sent = 0
        try:
            for action in self.actions:
                if isinstance(action, Stall):
                    self.stub._wait(action.seconds, self.request, self._cut_error(sent))
                elif action == CUT:
                    raise self._cut_error(sent)
                else:
                    sent += len(action)
                    yield action
        finally:
            self.close()

    def _cut_error(self, sent: int) -> Exception:
        detail = "incomplete chunked read" if self.chunked else f"received {sent} bytes, expected {self.expected}"
        return httpx2.RemoteProtocolError(f"peer closed connection without sending complete message body: {detail}",
                                          request=self.request)

    def close(self) -> None:
        self.actions.close()
        self.done()


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    stub: "OpenAIStub"

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Clients that hang up (timeouts, cut streams) are expected here; anything else is printed."""
        if isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            return
        super().handle_error(request, client_address)


class OpenAIStub:
    """An OpenAI-compatible server on 127.0.0.1 for tests: configurable replies, delays and faults, every request
    recorded, and the most chat requests it has served at once kept in `max_in_flight`. Use as a context manager,
    or call start() and stop()."""

    def __init__(self, port: int = 0, reply: ReplyFn | str | None = None, delay: float | DelayFn = 0.0,
                 chunk_delay: float | DelayFn = 0.0, models: Iterable[str] | None = None,
                 api_key: str | None = None) -> None:
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._port = port
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None
        self.requests: list[RecordedRequest] = []
        self.in_flight = 0
        self.max_in_flight = 0
        self.faults: list[Fault] = []
        self.reply_fn: ReplyFn = default_reply
        self.delay: float | DelayFn = delay
        self.chunk_delay: float | DelayFn = chunk_delay
        self.models: set[str] | None = set(models) if models is not None else None
        self.api_key = api_key
        if reply is not None:
            self.set_reply(reply)

    # lifecycle -----------------------------------------------------------------------------------------------

    def start(self) -> "OpenAIStub":
        """Bind (port 0 picks a free one) and serve in a daemon thread."""
        self._wake.clear()
        self._server = _Server(("127.0.0.1", self._port), _Handler)
        self._server.stub = self
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05},
                                        name="openai-stub", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving, wake every stalled handler, and close the listening socket."""
        self._wake.set()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def __enter__(self) -> "OpenAIStub":
        return self.start()

    def __exit__(self, *exc: Any) -> None:
        self.stop()

    @property
    def port(self) -> int:
        """The port it listens on."""
        assert self._server is not None, "not started"
        return self._server.server_address[1]

    @property
    def base_url(self) -> str:
        """The base URL to give an OpenAI client: http://127.0.0.1:PORT/v1."""
        return f"http://127.0.0.1:{self.port}/v1"

    # configuration -------------------------------------------------------------------------------------------

    def set_reply(self, reply: ReplyFn | str) -> None:
        """The reply text: a function of the request's messages, or a fixed string."""
        self.reply_fn = (lambda messages: reply) if isinstance(reply, str) else reply

    def set_delay(self, delay: float | DelayFn, chunk_delay: float | DelayFn | None = None) -> None:
        """Seconds to wait before answering (a number, or a function of the parsed body); optionally between chunks
        (the same)."""
        self.delay = delay
        if chunk_delay is not None:
            self.chunk_delay = chunk_delay

    def set_faults(self, *faults: Fault | str, **options: Any) -> None:
        """Replace the injected faults.

        Each request takes the first fault that still applies. Pass Fault objects, or one kind name with Fault
        options as keywords: ``set_faults("server_error", times=2)`` answers 500 twice, then normally.
        """
        specs = [Fault(f, **options) if isinstance(f, str) else f for f in faults]
        with self._lock:
            self.faults = specs

    def set_models(self, models: Iterable[str] | None) -> None:
        """Models the server knows (others get 404); None accepts any model name."""
        self.models = set(models) if models is not None else None

    def reset(self) -> None:
        """Back to defaults: no faults, no delays, the default reply, any model and key, no recorded requests."""
        self._wake.set()  # release handlers stalled by a previous test
        with self._lock:
            self.faults = []
            self.requests = []
            self.max_in_flight = self.in_flight
        self.reply_fn, self.delay, self.chunk_delay = default_reply, 0.0, 0.0
        self.models, self.api_key = None, None
        self._wake.clear()

    # inspection ----------------------------------------------------------------------------------------------

    def count(self, path: str | None = None) -> int:
        """Requests received so far, all or those to paths ending in `path` (e.g. 'chat/completions')."""
        with self._lock:
            return sum(1 for r in self.requests if path is None or r.path.endswith(path))

    def chat_requests(self) -> list[RecordedRequest]:
        """The recorded chat-completions requests, in arrival order."""
        with self._lock:
            return [r for r in self.requests if r.path.endswith("/chat/completions")]

    def model_list(self) -> list[str]:
        """The model ids GET /v1/models lists."""
        return sorted(self.models) if self.models is not None else ["stub-model"]

    def reply(self, messages: Messages) -> str:
        """The reply text for these messages."""
        return self.reply_fn(messages)

    def _enter(self) -> None:
        with self._lock:
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)

    def _leave(self) -> None:
        with self._lock:
            self.in_flight -= 1

    def _record(self, method: str, path: str, headers: dict[str, str], body: Any) -> RecordedRequest:
        """Record a request, its credentials dropped."""
        kept = {k.lower(): v for k, v in headers.items() if k.lower() not in CREDENTIAL_HEADERS}
        authorized = any(k.lower() in CREDENTIAL_HEADERS for k in headers)
        record = RecordedRequest(method, path.split("?")[0], kept, body, authorized)
        with self._lock:
            self.requests.append(record)
        return record

    # in process ----------------------------------------------------------------------------------------------

    def transport(self) -> httpx2.MockTransport:
        """An httpx MockTransport that answers as this server does, without a socket (see the module docstring)."""
        return httpx2.MockTransport(self._handle)

    def _handle(self, request: httpx2.Request) -> httpx2.Response:
        """Answer one request in the caller's thread: play the exchange up to its head, the rest as it is read."""
        body = parse_body(request.read())
        record = self._record(request.method, request.url.path, dict(request.headers), body)
        value = request.headers.get("Authorization") or ""
        exchange = _Exchange(self, record, body, value[7:] if value.lower().startswith("bearer ") else None)
        posted = request.method == "POST"
        if posted:
            self._enter()
        left = []

        def done() -> None:
            if posted and not left:
                left.append(True)
                self._leave()

        actions = exchange.post() if posted else exchange.get()
        gone = httpx2.RemoteProtocolError("Server disconnected without sending a response.", request=request)
        try:
            for action in actions:
                if isinstance(action, Head):
                    headers = [(k, v) for k, v in action.headers.items() if k.lower() != "transfer-encoding"]
                    return httpx2.Response(action.status, headers=headers, request=request,
                                           stream=_MockBody(self, request, actions, action, done))
                if isinstance(action, Stall):
                    self._wait(action.seconds, request, gone)
                else:
                    raise gone
            raise gone
        except BaseException:
            actions.close()
            done()
            raise

    def _wait(self, seconds: float, request: httpx2.Request, cut: Exception) -> None:
        """Stall as a socket read would: past the request's read timeout, ReadTimeout; woken early, `cut`."""
        timeout = (request.extensions.get("timeout") or {}).get("read")
        if self._wake.wait(seconds if timeout is None else min(seconds, timeout)):
            raise cut
        if timeout is not None and seconds > timeout:
            raise httpx2.ReadTimeout("timed out", request=request)

    def _take_fault(self, body: dict[str, Any]) -> Fault | None:
        with self._lock:
            for fault in self.faults:
                if fault.applies(body):
                    fault.hits += 1
                    return fault
        return None


def parse_fault(text: str) -> Fault:
    """A fault from the command line: KIND or KIND:TIMES (e.g. server_error:2)."""
    kind, _, times = text.partition(":")
    return Fault(kind, times=int(times) if times else None)


def main(argv: list[str] | None = None) -> int:
    """Run the stub in the foreground until SIGINT/SIGTERM; print its base URL on the first line of stdout."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--port", type=int, default=0, help="port on 127.0.0.1 (0: a free one)")
    parser.add_argument("--delay", type=float, default=0.0, help="seconds before each reply")
    parser.add_argument("--chunk-delay", type=float, default=0.0, help="seconds between streamed chunks")
    parser.add_argument("--fault", action="append", default=[], metavar="KIND[:TIMES]",
                        help="inject a fault (repeatable): " + ", ".join(FAULT_KINDS))
    parser.add_argument("--reply", default=None, help="fixed reply text (default: built from the prompt's facts)")
    args = parser.parse_args(argv)
    stub = OpenAIStub(port=args.port, delay=args.delay, chunk_delay=args.chunk_delay, reply=args.reply)
    stub.faults = [parse_fault(f) for f in args.fault]
    stub.start()
    print(stub.base_url, flush=True)
    done = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: done.set())
    done.wait()
    stub.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
