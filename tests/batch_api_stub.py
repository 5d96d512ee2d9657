"""A real server on 127.0.0.1 that plays the OpenAI Batch API for tests: file upload (multipart, purpose
"batch"), batch create / retrieve, and file content download.

A batch stays `in_progress` for `polls_before_done` retrievals, then is completed: every request line of its
input file is answered with `reply(body)` (default: openai_stub.default_reply, the prompt's facts restated) in an
output file, except the custom_ids in `fail_ids`, which go to an error file as the Batch API writes them.
Every request is recorded as (method, path, headers without credentials, body) in `requests`.
"""

from __future__ import annotations

import json
import threading
import time
from email.parser import BytesParser
from email.policy import HTTP
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable

from openai_stub import default_reply


def _multipart(content_type: str, body: bytes) -> dict[str, tuple[str | None, bytes]]:
    """The parts of a multipart/form-data body by field name: (file name, bytes)."""
    message = BytesParser(policy=HTTP).parsebytes(f"Content-Type: {content_type}\r\n\r\n".encode() + body)
    parts = {}
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        parts[name] = (part.get_filename(), part.get_payload(decode=True))
    return parts


class _Handler(BaseHTTPRequestHandler):
    server: "_Server"

    def log_message(self, format: str, *args: Any) -> None:  # quiet
        pass

    def _send(self, status: int, payload: Any, raw: bytes | None = None) -> None:
        data = raw if raw is not None else json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/octet-stream" if raw is not None else "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _not_found(self, what: str) -> None:
        self._send(404, {"error": {"message": f"No such {what}", "type": "invalid_request_error", "code": None}})

    def _record(self, body: Any) -> None:
        headers = {k.lower(): v for k, v in self.headers.items() if k.lower() != "authorization"}
        with self.server.stub.lock:
            self.server.stub.requests.append((self.command, self.path, headers, body))

    def do_POST(self) -> None:
        stub = self.server.stub
        data = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        if self.path == "/v1/files":
            parts = _multipart(self.headers["Content-Type"], data)
            self._record({"purpose": parts["purpose"][1].decode(), "filename": parts["file"][0]})
            self._send(200, stub.add_file(parts["file"][1], parts["file"][0] or "upload", parts["purpose"][1].decode()))
        elif self.path == "/v1/batches":
            body = json.loads(data)
            self._record(body)
            if body.get("input_file_id") not in stub.files:
                return self._not_found("file")
            self._send(200, stub.create_batch(body))
        else:
            self._not_found("endpoint")

    def do_GET(self) -> None:
        stub = self.server.stub
        self._record(None)
        if self.path.startswith("/v1/batches/"):
            batch = stub.retrieve(self.path.rsplit("/", 1)[1])
            return self._send(200, batch) if batch else self._not_found("batch")
        if self.path.startswith("/v1/files/") and self.path.endswith("/content"):
            file_id = self.path.split("/")[3]
            if file_id not in stub.files:
                return self._not_found("file")
            return self._send(200, None, raw=stub.files[file_id]["data"])
        self._not_found("endpoint")


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    stub: "BatchAPIStub"


class BatchAPIStub:
    """The Batch API on 127.0.0.1 (see the module docstring); a context manager."""

    def __init__(self, reply: Callable[[dict], str] | None = None, polls_before_done: int = 1,
                 fail_ids: set[str] | None = None) -> None:
        self.reply = reply or (lambda body: default_reply(body["messages"]))
        self.polls_before_done = polls_before_done
        self.fail_ids = set(fail_ids or ())
        self.files: dict[str, dict] = {}
        self.batches: dict[str, dict] = {}
        self.requests: list[tuple] = []
        self.lock = threading.Lock()
        self._server: _Server | None = None

    def __enter__(self) -> "BatchAPIStub":
        self._server = _Server(("127.0.0.1", 0), _Handler)
        self._server.stub = self
        threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self._server.shutdown()
        self._server.server_close()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/v1"

    def add_file(self, data: bytes, name: str, purpose: str) -> dict:
        with self.lock:
            file_id = f"file-{len(self.files) + 1}"
            self.files[file_id] = {"data": data, "meta": {"id": file_id, "object": "file", "bytes": len(data),
                                                          "created_at": int(time.time()), "filename": name,
                                                          "purpose": purpose, "status": "processed"}}
        return self.files[file_id]["meta"]

    def create_batch(self, body: dict) -> dict:
        with self.lock:
            batch_id = f"batch_{len(self.batches) + 1}"
            lines = [line for line in self.files[body["input_file_id"]]["data"].decode().split("\n") if line.strip()]
            self.batches[batch_id] = {
                "id": batch_id, "object": "batch", "endpoint": body["endpoint"], "input_file_id": body["input_file_id"],
                "completion_window": body["completion_window"], "status": "validating", "created_at": int(time.time()),
                "metadata": body.get("metadata"), "output_file_id": None, "error_file_id": None,
                "request_counts": {"total": len(lines), "completed": 0, "failed": 0}, "polls": 0}
        return self._public(batch_id)

    def _public(self, batch_id: str) -> dict:
        return {k: v for k, v in self.batches[batch_id].items() if k != "polls"}

    def retrieve(self, batch_id: str) -> dict | None:
        with self.lock:
            batch = self.batches.get(batch_id)
            if batch is None:
                return None
            batch["polls"] += 1
            if batch["status"] != "completed":
                if batch["polls"] > self.polls_before_done:
                    self._complete(batch)
                else:
                    batch["status"] = "in_progress"
        return self._public(batch_id)

    def _complete(self, batch: dict) -> None:
        """Answer every request line: a chat completion in the output file, or an error line in the error file."""
        out, errors = [], []
        for number, line in enumerate(self.files[batch["input_file_id"]]["data"].decode().split("\n")):
            if not line.strip():
                continue
            request = json.loads(line)
            if request["custom_id"] in self.fail_ids:
                errors.append({"id": f"batch_req_{number}", "custom_id": request["custom_id"],
                               "response": {"status_code": 400, "request_id": f"req_{number}",
                                            "body": {"error": {"message": "The model produced invalid content.",
                                                               "type": "invalid_request_error"}}},
                               "error": None})
                continue
            text = self.reply(request["body"])
            body = {"id": f"chatcmpl-{number}", "object": "chat.completion", "created": int(time.time()),
                    "model": request["body"]["model"] + "-2024-07-18",
                    "choices": [{"index": 0, "message": {"role": "assistant", "content": text},
                                 "finish_reason": "stop"}],
                    "usage": {"prompt_tokens": 100 + number, "completion_tokens": len(text.split()),
                              "total_tokens": 100 + number + len(text.split())}}
            out.append({"id": f"batch_req_{number}", "custom_id": request["custom_id"],
                        "response": {"status_code": 200, "request_id": f"req_{number}", "body": body}, "error": None})
        if out:
            batch["output_file_id"] = self.add_file_locked(out, "batch_output.jsonl")
        if errors:
            batch["error_file_id"] = self.add_file_locked(errors, "batch_errors.jsonl")
        batch["status"] = "completed"
        batch["request_counts"] = {"total": len(out) + len(errors), "completed": len(out), "failed": len(errors)}

    def add_file_locked(self, lines: list[dict], name: str) -> str:
        data = "".join(json.dumps(line) + "\n" for line in lines).encode()
        file_id = f"file-{len(self.files) + 1}"
        self.files[file_id] = {"data": data, "meta": {"id": file_id, "object": "file", "bytes": len(data),
                                                      "created_at": int(time.time()), "filename": name,
                                                      "purpose": "batch_output", "status": "processed"}}
        return file_id
