"""Shared fixtures: a real OpenAI-compatible HTTP server on 127.0.0.1 (tests/openai_stub.py); tmp_path in RAM when
the machine has room for it there; the Hypothesis profile; one real-server test at a time across pytest-xdist's
workers."""

from __future__ import annotations

import fcntl
import os
from pathlib import Path
from typing import Iterator

import pytest
from hypothesis import HealthCheck, settings

from openai_stub import OpenAIStub

RAM_TEMP_ROOT = Path("/dev/shm")  # a tmpfs on Linux
QUICK_RETRY_DELAY = 0.01  # seconds before the openai client's first retry in tests that count retries (its own: 0.5)
HYPOTHESIS_PROFILE = "drafter"  # the settings every property test starts from; HYPOTHESIS_PROFILE=... picks another
LLM_SERVER_LOCK = "llm-server.lock"  # held by the test that is using the real model server, in the run's temp root
RAM_TEMP_MIN_FREE = 2 * 1024 ** 3  # bytes it must have free (one test writes a 50 MB file; Docker's default is 64 MB)

# Under pytest-xdist a worker shares the two cores with the other worker (and the machine with whatever else runs),
# so generating or running one example may take several times as long as alone: no per-example deadline and no
# too-slow health check, which would fail a test for the machine's load. The examples and their number stay each
# test's own (@settings in the test file).
settings.register_profile(HYPOTHESIS_PROFILE, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", HYPOTHESIS_PROFILE))


def pytest_configure(config: pytest.Config) -> None:
    """Put tmp_path under a tmpfs when there is one that is writable, roomy and allows programs and device nodes
    (tests run scripts and make /dev/null and /dev/full nodes in their folders): the response cache's
    SQLite commits, atomic writes and session saves fsync, which costs tens of ms a time on a virtual disk and
    nothing in RAM. `--basetemp`, or PYTEST_DEBUG_TEMPROOT set to a folder, chooses the place instead."""
    if "PYTEST_DEBUG_TEMPROOT" in os.environ or not RAM_TEMP_ROOT.is_dir() or not os.access(RAM_TEMP_ROOT, os.W_OK):
        return
    stats = os.statvfs(RAM_TEMP_ROOT)
    if stats.f_flag & (os.ST_NOEXEC | os.ST_NODEV) or stats.f_bavail * stats.f_frsize < RAM_TEMP_MIN_FREE:
        return
    os.environ["PYTEST_DEBUG_TEMPROOT"] = str(RAM_TEMP_ROOT)


@pytest.fixture
def openai_server() -> Iterator[OpenAIStub]:
    """A fresh real OpenAI-compatible server on an ephemeral port for this test, stopped afterwards.

    Yields the stub: `.base_url` ("http://127.0.0.1:PORT/v1"), `.requests`, `.count()`, `.chat_requests()`,
    `.set_reply(fn)`, `.set_delay(...)`, `.set_faults(...)`, `.set_models(...)`, `.reset()`, and `.transport()`
    (the same answers in process, for invoke_drafter's `server=`).
    """
    with OpenAIStub() as stub:
        yield stub


@pytest.fixture
def quick_retries(monkeypatch: pytest.MonkeyPatch) -> None:
    """The openai client in this process waits QUICK_RETRY_DELAY, not half a second doubling each time, before it
    retries a failed request: the tests count the retries and read the messages, and the backoff is the SDK's (a
    Retry-After header is still honoured as sent)."""
    import openai._base_client

    monkeypatch.setattr(openai._base_client, "INITIAL_RETRY_DELAY", QUICK_RETRY_DELAY)


@pytest.fixture
def isolated_home(tmp_path, monkeypatch):
    """DRAFTER_HOME in the test's own folder: no user config or phrase lists of the machine's reach the test."""
    monkeypatch.setenv("DRAFTER_HOME", str(tmp_path / "home"))


@pytest.fixture(autouse=True)
def one_real_server_test_at_a_time(request: pytest.FixtureRequest,
                                   tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """A test marked llm_server holds a lock shared by every pytest-xdist worker of the run while it runs, so the
    single llama.cpp server never has two tests' requests at once (it queues them, and queued time counts against
    the tests' timeouts). A file lock, not `--dist loadgroup`: pytest-xdist 3.8's groups are silently ignored by
    pytest 9.2 (pytest-dev/pytest-xdist#1386)."""
    if request.node.get_closest_marker("llm_server") is None:
        yield
        return
    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent  # each worker's basetemp is a folder of the run's
    with open(root / LLM_SERVER_LOCK, "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
