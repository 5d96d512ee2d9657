"""Model drafts: draft every fixture through a real model server, with and without --strict, and count what a
person would have to fix: facts left out, wrong claims, prompt echoes, fragments and empty sections.

    python benchmarks/model_drafts.py                           # starts CI's llama.cpp server (.ci/llm-server)
    python benchmarks/model_drafts.py --base-url URL --model M  # any OpenAI-compatible server
    python benchmarks/model_drafts.py --modes plain             # only without --strict
    python benchmarks/model_drafts.py --record fixtures/model-replies  # keep every request and reply (tests replay them)

Each draft runs as a user runs it (`drafter draft FILE --format json`), with a fresh DRAFTER_HOME so nothing comes
from the cache. An echo is a sentence that copies ECHO_RUN words in a row from the messages sent for the draft
(its fact lines left out). A fragment is a sentence or list item of fewer than FRAGMENT_WORDS words, one that ends
on a word no sentence ends on ("the", "of", "Min's"), a sentence outside a list without end punctuation, or a line
whose quotes do not pair up.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DRAFTER = [sys.executable, "-m", "drafter"]
ECHO_RUN = 8  # words in a row copied from the prompt that make a sentence an echo
FRAGMENT_WORDS = 3
LIST_MARKER = re.compile(r"^\s*(?:[-*+•]|\d{1,3}[.)])(?:\s+|$)")
SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+|(?<=[.!?]['\"”’)])\s+")  # not inside 91.2% or 1,150
ENDS_WHOLE = re.compile(r"[.!?:]['\"”’)*_]*$")
DANGLING = re.compile(r"(?:\b(?:the|a|an|of|to|and|or|for|with|that|in|on|at|by|from|is|are|was|were)|['’]s)$",
                      re.IGNORECASE)  # a last word no sentence ends on
WORD = re.compile(r"[^\W_]+")
LLM_FLAGS = ["--max-tokens", "160", "--temperature", "0", "--timeout", "300", "--retries", "1", "--concurrency", "1"]


RECORD_FORMAT = 1  # fixtures/model-replies/*.json: the layout tests/replay.py reads


class Recorder:
    """A pass-through HTTP proxy in front of the model server that keeps each chat request drafter sent and the reply
    the server streamed back (its content pieces, finish reason and usage), for replay in tests without the server."""

    def __init__(self, upstream: str) -> None:
        import threading
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

        self.upstream = upstream.rstrip("/")
        self.exchanges: list[dict] = []
        recorder = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:
                pass

            def do_GET(self) -> None:
                recorder.forward(self, None)

            def do_POST(self) -> None:
                recorder.forward(self, self.rfile.read(int(self.headers.get("Content-Length") or 0)))

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.base_url = f"http://127.0.0.1:{self.server.server_address[1]}/v1"

    def forward(self, handler, body: bytes | None) -> None:
        """Send the request on, answer with the upstream's reply, and keep a chat request and its reply."""
        import urllib.error
        import urllib.request

        url = self.upstream + handler.path[len("/v1"):] if handler.path.startswith("/v1") else self.upstream
        request = urllib.request.Request(url, data=body, method=handler.command,
                                         headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=1800) as response:
                status, ctype, data = response.status, response.headers.get("Content-Type", ""), response.read()
        except urllib.error.HTTPError as exc:
            status, ctype, data = exc.code, exc.headers.get("Content-Type", ""), exc.read()
        if body and handler.path.endswith("/chat/completions"):
            self.exchanges.append({"request": json.loads(body), "status": status,
                                   "reply": parse_reply(data.decode("utf-8", "replace"), ctype)})
        handler.send_response(status)
        handler.send_header("Content-Type", ctype or "application/json")
        handler.send_header("Content-Length", str(len(data)))
        handler.end_headers()
        handler.wfile.write(data)

    def take(self) -> list[dict]:
        """The exchanges recorded since the last take()."""
        taken, self.exchanges = self.exchanges, []
        return taken

    def close(self) -> None:
        self.server.shutdown()


def parse_reply(body: str, content_type: str) -> dict:
    """A chat reply as recorded: the content pieces in the order they arrived, the finish reason and usage."""
    if "event-stream" not in content_type:
        try:
            data = json.loads(body)
            choice = (data.get("choices") or [{}])[0]
            return {"stream": False, "chunks": [(choice.get("message") or {}).get("content") or ""],
                    "finish_reason": choice.get("finish_reason"), "usage": data.get("usage")}
        except (ValueError, AttributeError):
            return {"stream": False, "raw": body}
    chunks, finish, usage = [], None, None
    for line in body.splitlines():
        if not line.startswith("data:") or line.strip() == "data: [DONE]":
            continue
        data = json.loads(line[5:])
        usage = data.get("usage") or usage
        for choice in data.get("choices") or []:
            finish = choice.get("finish_reason") or finish
            content = (choice.get("delta") or {}).get("content")
            if content:
                chunks.append(content)
    return {"stream": True, "chunks": chunks, "finish_reason": finish, "usage": usage}


def run(args: list[str], home: str, timeout: int = 1800) -> subprocess.CompletedProcess:
    """drafter with a fresh home, from the repository."""
    env = {**os.environ, "DRAFTER_HOME": home, "NO_COLOR": "1", "PYTHONPATH": str(ROOT)}
    return subprocess.run([*DRAFTER, *args], capture_output=True, text=True, cwd=ROOT, env=env, timeout=timeout)


def prompt_runs(fixture: Path, server: list[str], home: str) -> set[tuple[str, ...]]:
    """Every ECHO_RUN-word run of the messages a draft of the fixture sends, fact lines left out."""
    from drafter.facts import load_facts

    facts = {f.text.strip() for f in load_facts(str(fixture)).items}
    proc = run(["draft", str(fixture), "--dry-run", "--format", "json", *server], home)
    runs: set[tuple[str, ...]] = set()
    for request in json.loads(proc.stdout)["requests"]:
        for message in request["messages"]:
            for line in message["content"].split("\n"):
                if any(fact in line for fact in facts):
                    continue
                words = [w.lower() for w in WORD.findall(line)]
                runs.update(tuple(words[i:i + ECHO_RUN]) for i in range(len(words) - ECHO_RUN + 1))
    return runs


def split_sentences(text: str) -> list[str]:
    """A line's sentences: split after an end mark and a space, but not after an abbreviation ("Co.", "Ltd.")."""
    from drafter.text.sentences import ABBREVIATIONS

    out: list[str] = []
    for piece in SENTENCE_BREAK.split(text):
        last = out[-1].rstrip(".").rsplit(" ", 1)[-1].lower() if out else ""
        if out and out[-1].endswith(".") and last in ABBREVIATIONS:
            out[-1] += " " + piece
        else:
            out.append(piece.strip())
    return out


def sentences(text: str) -> list[tuple[str, bool]]:
    """Each sentence of a section's text (a list item's marker left off) and whether it is in a list item."""
    out = []
    for line in text.split("\n"):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        marker = LIST_MARKER.match(line)
        body = line[marker.end():] if marker else line
        out.extend((piece, bool(marker)) for piece in split_sentences(body.strip()))  # "-" alone: one ""
    return out


def is_fragment(sentence: str, item: bool) -> bool:
    """A piece of a sentence a person would have to finish or delete."""
    words = WORD.findall(sentence)
    bare = sentence.rstrip(" *_'\"”’)")
    return (len(words) < FRAGMENT_WORDS or bool(DANGLING.search(bare))
            or (not item and not ENDS_WHOLE.search(sentence)))


def measure(doc: dict, runs: set[tuple[str, ...]], fact_count: int) -> dict:
    """The counts for one drafted document."""
    grounding = doc.get("grounding") or {}
    echoes = fragments = 0
    for section in doc["sections"]:
        for sentence, item in sentences(section["text"]):
            words = [w.lower() for w in WORD.findall(sentence)]
            if any(tuple(words[i:i + ECHO_RUN]) in runs for i in range(len(words) - ECHO_RUN + 1)):
                echoes += 1
            fragments += is_fragment(sentence, item)
        fragments += sum(1 for line in section["text"].split("\n")
                         if line.count('"') % 2 or line.count("“") != line.count("”"))
    return {"facts_covered": fact_count - len(grounding.get("omitted", [])), "facts": fact_count,
            "unsupported": len(grounding.get("unsupported", [])), "echoes": echoes, "fragments": fragments,
            "empty_sections": sum(1 for s in doc["sections"] if not s["text"].strip() or s["status"] == "empty"),
            "repaired": len(doc.get("repaired", [])), "requests": doc.get("usage", {}).get("requests", 0)}


def save_recording(folder: Path, fixture: Path, mode: str, flags: list[str], exit_code: int,
                   exchanges: list[dict]) -> None:
    """One draft's recorded requests and replies as DIR/FIXTURE.MODE.json."""
    folder.mkdir(parents=True, exist_ok=True)
    doc = {"format": RECORD_FORMAT, "fixture": str(fixture.resolve().relative_to(ROOT)), "mode": mode,
           "flags": flags, "exit_code": exit_code, "exchanges": exchanges}
    (folder / f"{fixture.stem}.{mode}.json").write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n",
                                                       encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-url", default=os.environ.get("DRAFTER_TEST_LLM_URL", ""))
    parser.add_argument("--model", default=os.environ.get("DRAFTER_TEST_LLM_MODEL", "smollm2"))
    parser.add_argument("--modes", default="plain,strict", help="comma-separated: plain, strict")
    parser.add_argument("--record", type=Path, metavar="DIR",
                        help="keep every request and the server's reply in DIR/FIXTURE.MODE.json (for tests/replay.py)")
    parser.add_argument("fixtures", nargs="*", type=Path)
    args = parser.parse_args()
    started_server = False
    if not args.base_url:
        start = subprocess.run([str(ROOT / ".ci" / "llm-server"), "start"], capture_output=True, text=True, cwd=ROOT)
        if start.returncode != 0:
            print("could not start the model server:\n" + start.stderr, file=sys.stderr)
            return 1
        args.base_url, started_server = start.stdout.strip(), True
    fixtures = args.fixtures or sorted((ROOT / "fixtures").glob("*.md"))
    recorder = Recorder(args.base_url) if args.record else None
    server = ["--backend", "openai", "--base-url", recorder.base_url if recorder else args.base_url,
              "--model", args.model, "--api-key", "dummy"]
    print(f"server {args.base_url} model {args.model}")
    print(f"{'fixture':32} {'mode':6} {'covered':>8} {'wrong':>6} {'echoes':>6} {'frags':>6} {'empty':>6} "
          f"{'repair':>6} {'reqs':>5} {'time':>7} exit")
    try:
        from drafter.facts import load_facts

        for fixture in fixtures:
            fact_count = len(load_facts(str(fixture)).items)
            with tempfile.TemporaryDirectory() as home:
                runs = prompt_runs(fixture, server, home)
            for mode in args.modes.split(","):
                with tempfile.TemporaryDirectory() as home:
                    extra = ["--strict"] if mode == "strict" else []
                    began = time.monotonic()
                    proc = run(["draft", str(fixture), "--format", "json", *server, *LLM_FLAGS, *extra], home)
                    seconds = time.monotonic() - began
                if recorder:
                    save_recording(args.record, fixture, mode, [*LLM_FLAGS, *extra], proc.returncode, recorder.take())
                try:
                    doc = json.loads(proc.stdout)
                except json.JSONDecodeError:
                    print(f"{fixture.stem:32} {mode:6} no JSON (exit {proc.returncode}): {proc.stderr.strip()[-200:]}")
                    continue
                m = measure(doc, runs, fact_count)
                print(f"{fixture.stem:32} {mode:6} {m['facts_covered']:>4}/{m['facts']:<3} {m['unsupported']:>6} "
                      f"{m['echoes']:>6} {m['fragments']:>6} {m['empty_sections']:>6} {m['repaired']:>6} "
                      f"{m['requests']:>5} {seconds:>6.0f}s {proc.returncode}", flush=True)
    finally:
        if recorder:
            recorder.close()
        if started_server:
            subprocess.run([str(ROOT / ".ci" / "llm-server"), "stop"], cwd=ROOT)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
