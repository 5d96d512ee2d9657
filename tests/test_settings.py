"""Every setting is checked when it is read, from a flag, the environment or the config file: a bad value is one
line naming the setting and where it came from, exit 2, and nothing is sent to a server."""

from __future__ import annotations

import pytest

from drafter import config
from drafter.config import Settings, resolve_settings
from drafter.errors import InputError
from helpers import ROLE_FIXTURES, invoke_drafter

FIXTURE = str(ROLE_FIXTURES["sales-inside"])
CONFIG = "/home/user/.config/drafter/config.toml"


def resolve(flags=None, env=None, file_values=None) -> Settings:
    """Settings from the given flags, environment and config values only (nothing read from this machine)."""
    return resolve_settings(flags or {}, env=env or {}, file_values=file_values or {})


@pytest.mark.parametrize("flags, message", [
    ({"base_url": "ftp://example.com/v1"}, "base_url 'ftp://example.com/v1' is not an http:// or https:// URL "
                                           "(from --base-url)"),
    ({"base_url": "localhost:11434/v1"}, "is not an http:// or https:// URL (from --base-url)"),
    ({"timeout": -1.0}, "timeout must be more than 0 and at most 3600 seconds, got -1 (from --timeout)"),
    ({"timeout": 0.0}, "timeout must be more than 0"),
    ({"timeout": float("nan")}, "timeout must be a finite number, got nan (from --timeout)"),
    ({"timeout": float("inf")}, "timeout must be a finite number, got inf (from --timeout)"),
    ({"max_retries": -1}, "max_retries must be from 0 to 10, got -1 (from --retries)"),
    ({"temperature": float("nan")}, "temperature must be a finite number, got nan (from --temperature)"),
    ({"temperature": 99.0}, "temperature must be from 0 to 2, got 99 (from --temperature)"),
    ({"temperature": -0.5}, "temperature must be from 0 to 2, got -0.5 (from --temperature)"),
    ({"max_tokens": 0}, "max_tokens must be from 1 to 1000000 tokens, got 0 (from --max-tokens)"),
    ({"model": ""}, "model must not be empty (from --model)"),
    ({"model": "   "}, "model must not be empty (from --model)"),
    ({"model": "gpt\n4o"}, "model must not hold control characters (from --model)"),
    ({"concurrency": 0}, "concurrency must be from 1 to 32, got 0 (from --concurrency)"),
    ({"concurrency": -3}, "concurrency must be from 1 to 32, got -3 (from --concurrency)"),
])
def test_a_bad_flag_names_the_setting_and_the_flag(flags, message):
    with pytest.raises(InputError) as caught:
        resolve(flags)
    assert message in caught.value.message
    assert caught.value.exit_code == 2 and "\n" not in caught.value.message


@pytest.mark.parametrize("env, message", [
    ({"DRAFTER_TIMEOUT": "nan"}, "timeout must be a finite number, got nan (from env DRAFTER_TIMEOUT)"),
    ({"DRAFTER_TIMEOUT": "soon"}, "timeout must be a number, got soon (from env DRAFTER_TIMEOUT)"),
    ({"DRAFTER_MAX_RETRIES": "1.5"}, "max_retries must be a whole number, got 1.5 (from env DRAFTER_MAX_RETRIES)"),
    ({"DRAFTER_CONCURRENCY": "0"}, "concurrency must be from 1 to 32, got 0 (from env DRAFTER_CONCURRENCY)"),
    ({"DRAFTER_TEMPERATURE": "2.5"}, "temperature must be from 0 to 2, got 2.5 (from env DRAFTER_TEMPERATURE)"),
    ({"DRAFTER_CACHE_MAX_MB": "1e309"}, "cache_max_mb must be a finite number, got 1e309 (from env "
                                        "DRAFTER_CACHE_MAX_MB)"),
    ({"OPENAI_BASE_URL": "file:///etc/passwd"}, "(from env OPENAI_BASE_URL)"),
    ({"DRAFTER_STREAM": "maybe"}, "stream must be true or false, got 'maybe' (from env DRAFTER_STREAM)"),
])
def test_a_bad_environment_variable_names_the_variable(env, message):
    with pytest.raises(InputError) as caught:
        resolve(env=env)
    assert message in caught.value.message


@pytest.mark.parametrize("values, message", [
    ({"cache_max_mb": float("nan")}, "cache_max_mb must be a finite number, got nan"),
    ({"cache_max_mb": float("inf")}, "cache_max_mb must be a finite number, got inf"),  # what 1e309 parses to
    ({"cache_max_mb": 0}, "cache_max_mb must be more than 0 and at most 1000000 MB, got 0"),
    ({"cache_max_mb": 10 ** 400}, "cache_max_mb must be more than 0 and at most 1000000 MB"),
    ({"timeout": True}, "timeout must be a number, got True"),
    ({"max_tokens": 700.5}, "max_tokens must be a whole number, got 700.5"),
    ({"max_tokens": [700]}, "max_tokens must be a whole number, got [700]"),
    ({"concurrency": 0}, "concurrency must be from 1 to 32, got 0"),
    ({"model": ["gpt-4o"]}, "model must be a string, got ['gpt-4o']"),
    ({"model": ""}, "model must not be empty"),
    ({"base_url": 11434}, "base_url must be a string, got 11434"),
])
def test_a_bad_config_value_names_the_key_and_the_file(values, message, monkeypatch, tmp_path):
    monkeypatch.setenv("DRAFTER_HOME", str(tmp_path))
    with pytest.raises(InputError) as caught:
        resolve(file_values=values)
    assert message in caught.value.message
    assert caught.value.message.endswith(f"(from config {tmp_path / 'config.toml'})")


def test_good_values_at_the_limits_are_kept_and_strings_are_trimmed():
    settings = resolve({"timeout": config.MAX_TIMEOUT_SECONDS, "max_retries": 0, "temperature": 2.0,
                        "max_tokens": 1, "concurrency": config.MAX_CONCURRENCY},
                       env={"DRAFTER_MODEL": " llama3.2 \n", "OPENAI_BASE_URL": "http://127.0.0.1:11434/v1\n"})
    assert (settings.timeout, settings.max_retries, settings.temperature, settings.max_tokens,
            settings.concurrency) == (3600.0, 0, 2.0, 1, 32)
    assert settings.model == "llama3.2" and settings.base_url == "http://127.0.0.1:11434/v1"
    assert resolve(file_values={"max_tokens": "800", "timeout": "30"}).max_tokens == 800


@pytest.mark.parametrize("args, start", [
    (["--base-url", "ftp://127.0.0.1/v1"], "error: base_url 'ftp://127.0.0.1/v1' is not an http:// or https://"),
    (["--timeout", "-1"], "error: timeout must be more than 0"),
    (["--timeout", "nan"], "error: timeout must be a finite number"),
    (["--retries", "-1"], "error: max_retries must be from 0 to 10"),
    (["--temperature", "nan"], "error: temperature must be a finite number"),
    (["--temperature", "99"], "error: temperature must be from 0 to 2"),
    (["--max-tokens", "0"], "error: max_tokens must be from 1"),
    (["--model", ""], "error: model must not be empty (from --model)"),
])
def test_bad_flags_exit_2_before_anything_is_sent(args, start, tmp_path, openai_server):
    base = [] if "--base-url" in args else ["--base-url", openai_server.base_url]
    proc = invoke_drafter("draft", FIXTURE, "--backend", "openai", "--model", "gpt-4o-mini", *base, *args,
                          home=tmp_path, OPENAI_API_KEY="sk-settings-test-key", server=openai_server)
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.startswith(start), proc.stderr
    assert len(proc.stderr.strip().splitlines()) <= 2 and "Traceback" not in proc.stderr
    assert openai_server.count("chat/completions") == 0, "nothing is sent with a bad setting"
    assert proc.stdout == ""


@pytest.mark.parametrize("line", ["cache_max_mb = nan", "cache_max_mb = 1e309", "concurrency = 0",
                                  "timeout = -5", 'model = ""'])
def test_a_bad_config_file_value_is_one_line_not_an_internal_error(line, tmp_path):
    (tmp_path / "config.toml").write_text(line + "\n")
    for args in (["draft", FIXTURE], ["cache", "info"], ["config"]):
        proc = invoke_drafter(*args, home=tmp_path)
        assert proc.returncode == 2, (args, proc.stderr)
        assert proc.stderr.startswith("error: ") and "internal error" not in proc.stderr
        assert proc.stderr.splitlines()[0].endswith(f"(from config {tmp_path / 'config.toml'})"), proc.stderr
