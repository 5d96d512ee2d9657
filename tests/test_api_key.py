"""The API key never shows: not on stdout or stderr, not in the cache or a saved session, in no spelling (raw,
stripped, repr- or JSON-escaped, inside an escaped header). A key read with a line ending (a key file saved with
CRLF) is trimmed; one with a control or non-ASCII character is refused before anything is sent, without quoting it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from drafter.config import Settings
from drafter.errors import InputError
from helpers import ROLE_FIXTURES, invoke_drafter

FIXTURE = str(ROLE_FIXTURES["sales-inside"])
KEY = "sk-proj-Key7Secret9Qx2"


def every_form(key: str) -> list[str]:
    """The spellings a leak could take (raw, trimmed, repr/ascii/JSON-escaped, escaped bytes), and the key's middle."""
    forms = {KEY, KEY[3:]}
    for value in (key, key.strip()):
        forms |= {value, repr(value)[1:-1], ascii(value)[1:-1], json.dumps(value)[1:-1], repr(value.encode())[2:-1]}
    return sorted(forms, key=len)


def assert_no_key(text: str, key: str, where: str) -> None:
    for form in every_form(key):
        assert form not in text, f"the key ({form!r}) leaked into {where}"


def files_under(home: Path) -> dict[Path, str]:
    """Every file drafter wrote under its home (cache database, sessions), as text with undecodable bytes kept."""
    return {p: p.read_bytes().decode("utf-8", "backslashreplace") for p in home.rglob("*") if p.is_file()}


def draft(server, home: Path, key: str, *extra: str):
    return invoke_drafter("draft", FIXTURE, "--base-url", server.base_url, "--model", "gpt-4o-mini", "--retries", "0",
                          *extra, home=home, OPENAI_API_KEY=key, server=server)


@pytest.mark.parametrize("ending", ["\r\n", "\n", "\r", "  \t"])
def test_a_key_with_a_line_ending_is_trimmed_and_never_shown(ending, tmp_path, openai_server):
    openai_server.api_key = KEY  # the stub answers 401 unless the trimmed key arrives
    proc = draft(openai_server, tmp_path, KEY + ending, "--format", "json")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["sections"]
    assert openai_server.count("chat/completions") > 0
    assert_no_key(proc.stdout + proc.stderr, KEY + ending, "stdout/stderr")
    for path, text in files_under(tmp_path).items():
        assert_no_key(text, KEY + ending, str(path))


def test_a_key_from_the_config_file_with_crlf_is_trimmed(tmp_path, openai_server):
    openai_server.api_key = KEY
    (tmp_path / "config.toml").write_text(f'api_key = "{KEY}\\r\\n"\nbase_url = "{openai_server.base_url}"\n')
    proc = invoke_drafter("draft", FIXTURE, "--model", "gpt-4o-mini", home=tmp_path, server=openai_server)
    assert proc.returncode == 0, proc.stderr
    assert_no_key(proc.stdout + proc.stderr, KEY + "\r\n", "stdout/stderr")


@pytest.mark.parametrize("key, problem", [
    (KEY[:8] + "\r\n" + KEY[8:], "a control character at position 9"),
    (KEY[:8] + "\x01" + KEY[8:], "a control character at position 9"),
    (KEY[:8] + "\x1b[2J" + KEY[8:], "a control character at position 9"),
    (KEY[:8] + "é" + KEY[8:], "a non-ASCII character at position 9"),
    (KEY + "\u200b", "a non-ASCII character at position 23"),  # a zero-width space pasted from a web page
])
def test_a_key_with_a_control_or_non_ascii_character_is_refused_before_sending(key, problem, tmp_path,
                                                                             openai_server):
    proc = draft(openai_server, tmp_path, key)
    assert proc.returncode == 2, proc.stderr
    lines = proc.stderr.splitlines()
    assert lines[0] == f"error: the API key (env OPENAI_API_KEY) has {problem}; it was not sent", proc.stderr
    assert len(lines) == 2 and lines[1].startswith("  hint: ")
    assert openai_server.count("chat/completions") == 0, "nothing is sent with a broken key"
    assert_no_key(proc.stdout + proc.stderr, key, "stdout/stderr")
    for path, text in files_under(tmp_path).items():
        assert_no_key(text, key, str(path))
    offline = invoke_drafter("draft", FIXTURE, home=tmp_path, OPENAI_API_KEY=key)
    assert offline.returncode == 0, "a stray key in the environment does not stop the offline writer"


def test_a_key_of_the_wrong_type_in_the_config_file_is_not_quoted(tmp_path):
    (tmp_path / "config.toml").write_text("api_key = 8675309421337\n")
    proc = invoke_drafter("draft", FIXTURE, home=tmp_path)
    assert proc.returncode == 2 and proc.stderr.startswith("error: api_key must be a string (from config ")
    assert "8675309421337" not in proc.stderr


def test_the_key_flag_is_checked_too(tmp_path, openai_server):
    proc = invoke_drafter("draft", FIXTURE, "--base-url", openai_server.base_url, "--api-key", KEY + "\x7f",
                          home=tmp_path, server=openai_server)
    assert proc.returncode == 2 and proc.stderr.startswith("error: the API key (--api-key) has a control character")
    assert KEY not in proc.stderr


def test_a_saved_session_never_holds_the_key(tmp_path, monkeypatch, openai_server):
    from drafter.backends.openai_backend import OpenAIBackend
    from drafter.session import Session

    monkeypatch.setenv("DRAFTER_HOME", str(tmp_path))
    openai_server.api_key = KEY
    settings = Settings(backend="openai", model="gpt-4o-mini", base_url=openai_server.base_url,
                        api_key=KEY + "\r\n", max_retries=0)  # built by hand: the backend trims it too
    session = Session.new(role="sales-inside", facts=["Signed 418 contracts", "Won 3 new accounts"])
    session.finish_facts()
    assert session.draft_section(0, OpenAIBackend(settings), settings) == "draft"
    assert session.sections[0].text and session.sections[0].error is None
    assert_no_key(session.path.read_text(encoding="utf-8"), KEY + "\r\n", "the session file")


def test_a_hand_built_key_with_a_control_character_is_refused_by_the_backend():
    from drafter.backends.openai_backend import OpenAIBackend

    with pytest.raises(InputError) as caught:
        OpenAIBackend(Settings(backend="openai", model="m", base_url="http://127.0.0.1:9/v1", api_key=KEY + "\x01x"))
    assert KEY not in caught.value.message and "control character" in caught.value.message


@pytest.mark.parametrize("text", [
    f"Illegal header value b'Bearer {KEY}\\r\\n'",
    f"header {'Bearer ' + KEY + chr(13)!r}",
    f"body {json.dumps({'key': KEY + chr(10)})}",
    f"plain {KEY} and stripped {KEY}",
    f"ascii {ascii(KEY + 'é')}",
])
def test_redact_removes_every_spelling(text):
    from drafter.config import redact

    secret = KEY + "\r\n" if "ascii" not in text else KEY + "é"
    cleaned = redact(text, secret)
    assert KEY not in cleaned and KEY[3:] not in cleaned and "[redacted]" in cleaned
