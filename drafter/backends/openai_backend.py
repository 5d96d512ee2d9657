"""The `openai` backend: any OpenAI-compatible chat-completions server (OpenAI, Ollama, vLLM, llama.cpp, LM Studio)."""

from __future__ import annotations

from typing import Iterator

from drafter.backends import SectionRequest, Usage
from drafter.config import Settings, check_api_key, check_base_url, redact, remember_secret
from drafter.errors import BackendError, InputError

LOCAL_DUMMY_KEY = "not-needed"
DEFAULT_BASE_URL = "https://api.openai.com/v1"


class OpenAIBackend:
    """Streams a section from a chat-completions endpoint; maps every client fault to one BackendError line.

    `http_client` is the httpx client (httpx2.Client, the SDK's HTTP library) the requests go through; None lets
    the SDK build its own. Pass one to route requests elsewhere, e.g. a client on an httpx MockTransport in tests.
    """

    name = "openai"

    def __init__(self, settings: Settings, *, http_client=None) -> None:
        self.settings = settings
        self.http_client = http_client
        if not isinstance(settings.model, str) or not settings.model.strip():
            raise InputError("the openai backend needs a model name", hint="set --model or DRAFTER_MODEL")
        self.model = settings.model.strip()
        self.base_url = (settings.base_url or DEFAULT_BASE_URL).strip().rstrip("/")
        check_base_url(self.base_url)
        remember_secret(settings.api_key)
        key = check_api_key(settings.api_key) if settings.api_key else None
        if not key and not settings.base_url:
            raise InputError("the openai backend needs an API key and OPENAI_API_KEY is not set",
                             hint="export OPENAI_API_KEY=..., or point --base-url at a local server that needs none")
        self.api_key = key or LOCAL_DUMMY_KEY
        self._client = None
        self._ask_usage = True

    @property
    def client(self):
        """The openai client, created on first use so that importing drafter stays fast."""
        if self._client is None:
            import openai

            self._client = openai.OpenAI(api_key=self.api_key, base_url=self.base_url,
                                         timeout=self.settings.timeout, max_retries=self.settings.max_retries,
                                         http_client=self.http_client)
        return self._client

    def _open_stream(self, request: SectionRequest):
        """Start a streamed request asking for usage in the last chunk; a server that refuses `stream_options`
        (HTTP 400 naming it) is asked again without it, and not asked for it again."""
        import openai

        params = dict(model=self.model, messages=request.messages, max_tokens=request.max_tokens,
                      temperature=request.temperature, stream=True)
        if self._ask_usage:
            try:
                return self.client.chat.completions.create(**params, stream_options={"include_usage": True})
            except openai.BadRequestError as exc:
                if "stream_options" not in str(exc):
                    raise
                self._ask_usage = False
        return self.client.chat.completions.create(**params)

    def stream(self, request: SectionRequest, usage: Usage) -> Iterator[str]:
        """Yield chunks of the section's reply, filling usage from the final chunk when the server sends it.

        With settings.stream off, the reply is requested whole and yielded as one chunk. A stream that ends
        without a finish reason (cut short) or without any choices is an error, so the text is kept as partial.
        """
        if not getattr(self.settings, "stream", True):
            text = self.complete(request, usage)
            if text:
                yield text
            return
        saw_choices, finish = False, None
        try:
            stream = self._open_stream(request)
            for chunk in stream:
                if getattr(chunk, "usage", None):
                    usage.input_tokens = chunk.usage.prompt_tokens or 0
                    usage.output_tokens = chunk.usage.completion_tokens or 0
                if not chunk.choices:
                    continue
                saw_choices = True
                finish = chunk.choices[0].finish_reason or finish
                delta = chunk.choices[0].delta
                if delta is not None and delta.content:
                    yield delta.content
        except Exception as exc:
            raise self.translate(exc) from None
        if not saw_choices:
            raise BackendError(f"{self.base_url} answered with no choices for model {self.model!r}",
                               hint="check that the server supports chat completions for this model")
        usage.finish_reason = finish or ""
        if finish is None:
            raise BackendError(f"the reply from {self.base_url} ended before it was complete (no finish reason)",
                               hint="run again (finished sections are kept); if it recurs, try --concurrency 1 "
                                    "(some servers, e.g. llama-cpp-python, cut a reply short when another request arrives)")

    def complete(self, request: SectionRequest, usage: Usage) -> str:
        """Request a section without streaming (for servers or callers that want one reply)."""
        try:
            reply = self.client.chat.completions.create(
                model=self.model, messages=request.messages, max_tokens=request.max_tokens,
                temperature=request.temperature, stream=False,
            )
        except Exception as exc:
            raise self.translate(exc) from None
        if not getattr(reply, "choices", None):
            raise BackendError(f"{self.base_url} answered with no choices for model {self.model!r}",
                               hint="check that the server supports chat completions")
        usage.finish_reason = reply.choices[0].finish_reason or ""
        if reply.usage:
            usage.input_tokens = reply.usage.prompt_tokens or 0
            usage.output_tokens = reply.usage.completion_tokens or 0
        return reply.choices[0].message.content or ""

    def translate(self, exc: Exception) -> BackendError:
        """Turn an openai/httpx exception into one clear line with a hint, never echoing the key."""
        import openai

        url = self.base_url
        retries = self.settings.max_retries
        if isinstance(exc, BackendError):
            return exc
        if isinstance(exc, openai.AuthenticationError):
            error = BackendError(f"{url} rejected the API key (401)", hint="check OPENAI_API_KEY (or --api-key)")
        elif isinstance(exc, openai.PermissionDeniedError):
            error = BackendError(f"{url} refused access (403)", hint="check the key's permissions for this model")
        elif isinstance(exc, openai.NotFoundError):
            error = BackendError(f"{url} does not know model {self.model!r} (404)",
                                 hint="pick a model the server lists (--model or DRAFTER_MODEL), or check --base-url")
        elif isinstance(exc, openai.RateLimitError):
            error = BackendError(f"{url} is rate limiting requests (429), still after {retries} retries",
                                 hint="wait and run again (finished sections are kept), or raise --retries")
        elif isinstance(exc, openai.APITimeoutError):
            error = BackendError(f"{url} did not answer within {self.settings.timeout:g} s",
                                 hint="raise --timeout, or check that the server is not overloaded")
        elif _broke_off(exc):
            error = BackendError(f"the connection to {url} broke off in the middle of a reply ({_root_cause(exc)})",
                                 hint="run again (finished sections are kept); if it recurs, check the server's log")
            error.connection_lost = True  # the server went away: a section with no text yet never started
        elif isinstance(exc, openai.APIConnectionError):
            error = BackendError(f"cannot reach {url} ({_root_cause(exc)})",
                                 hint="check --base-url / OPENAI_BASE_URL and that the server is running")
            error.connection_lost = True
        elif isinstance(exc, openai.APIStatusError):
            error = BackendError(f"{url} answered HTTP {exc.status_code} after {retries} retries",
                                 hint="the server failed; try again later (finished sections are kept)")
        elif isinstance(exc, (openai.APIResponseValidationError, ValueError)):
            error = BackendError(f"{url} sent a reply that is not valid chat-completions JSON",
                                 hint="check that --base-url points at an OpenAI-compatible /v1 endpoint")
        elif isinstance(exc, openai.OpenAIError):
            error = BackendError(f"request to {url} failed: {exc.__class__.__name__}")
        else:
            error = BackendError(f"request to {url} failed: {exc.__class__.__name__}: {_root_cause(exc)}")
        error.message = redact(error.message, self.api_key, self.settings.api_key)
        error.hint = error.hint and redact(error.hint, self.api_key, self.settings.api_key)
        return error


def _broke_off(exc: BaseException) -> bool:
    """True when a connection that was answering closed mid-message (httpx's RemoteProtocolError or ReadError)."""
    while exc is not None:
        if type(exc).__name__ in ("RemoteProtocolError", "ReadError", "IncompleteRead"):
            return True
        exc = exc.__cause__ or exc.__context__
    return False


def _root_cause(exc: BaseException) -> str:
    while exc.__cause__ is not None or exc.__context__ is not None:
        exc = exc.__cause__ or exc.__context__
    text = str(exc) or exc.__class__.__name__
    return text.splitlines()[0][:120]
