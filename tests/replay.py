"""Replies the real model server gave, replayed without it: fixtures/model-replies/FIXTURE.MODE.json hold every chat
request a `drafter draft` run sent to llama.cpp's server with SmolLM2-135M and the reply it streamed back, recorded by
`benchmarks/model_drafts.py --record` (see that folder's README).

`ReplayTransport` answers drafter's OpenAI backend through an httpx MockTransport with the recorded reply to the same
messages, streamed as Server-Sent Events as the server sent it. A regeneration whose note differs from the recorded
one (grounding names a problem differently now) gets the reply recorded for the same section's regeneration.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from helpers import FIXTURES

REPLIES = FIXTURES / "model-replies"
BASE_URL = "http://replay.invalid/v1"
MODEL = "smollm2"


def recording(fixture: str, mode: str) -> dict[str, Any]:
    """The recorded run of one fixture (its file stem) in one mode ('plain' or 'strict')."""
    return json.loads((REPLIES / f"{fixture}.{mode}.json").read_text(encoding="utf-8"))


def reply_text(exchange: dict[str, Any]) -> str:
    """A recorded reply's whole text."""
    return "".join(exchange["reply"]["chunks"])


def sse_body(exchange: dict[str, Any]) -> bytes:
    """The recorded reply as the server streams it: one chunk per content piece, the finish reason, [DONE]."""
    reply = exchange["reply"]

    def event(delta: dict, finish: str | None, usage: Any = None) -> str:
        data = {"id": "chatcmpl-replay", "object": "chat.completion.chunk", "created": 0, "model": MODEL,
                "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]}
        if usage:
            data["usage"] = usage
        return "data: " + json.dumps(data) + "\n\n"

    events = [event({"role": "assistant", "content": ""}, None)]
    events += [event({"content": piece}, None) for piece in reply["chunks"]]
    events.append(event({}, reply["finish_reason"], reply.get("usage")))
    return ("".join(events) + "data: [DONE]\n\n").encode("utf-8")


class ReplayTransport:
    """The recorded replies of one or more runs as an httpx MockTransport handler; `asked` counts the requests."""

    def __init__(self, *recordings: dict[str, Any]) -> None:
        self.exchanges = [e for rec in recordings for e in rec["exchanges"]]
        self.asked = 0
        self.stand_ins = 0  # regenerations answered with the reply to a differently worded note

    def find(self, messages: list[dict]) -> dict[str, Any] | None:
        """The exchange recorded for these messages, else the same section's regeneration."""
        for exchange in self.exchanges:
            if exchange["request"]["messages"] == messages:
                return exchange
        for exchange in self.exchanges:
            sent = exchange["request"]["messages"]
            if len(sent) == len(messages) > 2 and sent[:2] == messages[:2]:
                self.stand_ins += 1
                return exchange
        return None

    def __call__(self, request):
        import httpx2

        self.asked += 1
        body = json.loads(request.content)
        exchange = self.find(body["messages"])
        if exchange is None:
            first = body["messages"][-1]["content"].split("\n")[0]
            return httpx2.Response(404, json={"error": {"message": f"no recorded reply for: {first[:120]}"}})
        return httpx2.Response(200, headers={"content-type": "text/event-stream"}, content=sse_body(exchange))


def replay_backend(transport: ReplayTransport, cache_path: Path | None = None):
    """drafter's OpenAI backend answered by `transport`, metered (and cached at `cache_path`) as `drafter draft`
    runs it."""
    import httpx2
    import openai

    from drafter.backends.cached import MeteredBackend
    from drafter.backends.openai_backend import OpenAIBackend
    from drafter.cache import ResponseCache

    backend = OpenAIBackend(settings())
    backend._client = openai.OpenAI(api_key="dummy", base_url=BASE_URL, max_retries=0,
                                    http_client=httpx2.Client(transport=httpx2.MockTransport(transport)))
    return MeteredBackend(backend, BASE_URL, ResponseCache(cache_path) if cache_path else None)


def settings(**changes: Any):
    """The settings the recordings were made with (benchmarks/model_drafts.py's LLM_FLAGS)."""
    from drafter.config import Settings

    values = dict(backend="openai", model=MODEL, base_url=BASE_URL, api_key="dummy", max_tokens=160,
                  temperature=0.0, concurrency=1, max_retries=0, timeout=30.0)
    values.update(changes)
    return Settings(**values)
