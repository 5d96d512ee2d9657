"""`drafter draft --dry-run`, `--budget` and the context-window check, run as a user runs them: no key, no network,
and the messages shown are exactly the messages a real run sends."""

from __future__ import annotations

import json
import socket

import pytest

from drafter import tokens
from helpers import FIXTURES, invoke_drafter

FIXTURE = FIXTURES / "sales-inside.md"
SECTIONS = 5
DRY_RUN_KEYS = ["backend", "model", "encoding", "exact", "requests", "total_input_tokens", "estimated_cost_usd"]


def closed_port() -> int:
    """A local port nobody listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def offline_env(tmp_path) -> dict[str, str]:
    """No key, a base URL nobody listens on, proxies that go nowhere, and an empty tiktoken cache."""
    dead = f"http://127.0.0.1:{closed_port()}"
    (tmp_path / "tiktoken").mkdir(exist_ok=True)
    return {"OPENAI_BASE_URL": f"{dead}/v1", "HTTPS_PROXY": dead, "HTTP_PROXY": dead, "ALL_PROXY": dead,
            "TIKTOKEN_CACHE_DIR": str(tmp_path / "tiktoken")}


@pytest.mark.parametrize("model", ["gpt-4o", "gpt-4o-mini"])
def test_dry_run_json_with_no_key_and_no_network(tmp_path, model):
    proc = invoke_drafter("draft", str(FIXTURE), "--backend", "openai", "--model", model, "--dry-run", "--format", "json",
                          home=tmp_path, **offline_env(tmp_path))
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    doc = json.loads(proc.stdout)
    assert list(doc) == DRY_RUN_KEYS
    assert (doc["backend"], doc["model"], doc["encoding"], doc["exact"]) == ("openai", model, "o200k_base", True)
    assert len(doc["requests"]) == SECTIONS
    for request in doc["requests"]:
        assert list(request) == ["section", "messages", "input_tokens", "max_output_tokens"]
        assert [m["role"] for m in request["messages"]] == ["system", "user"]
        assert all(list(m) == ["role", "content"] for m in request["messages"])
        assert request["input_tokens"] == tokens.count_messages(request["messages"], "o200k_base")
        assert request["max_output_tokens"] == 700
    assert doc["total_input_tokens"] == sum(r["input_tokens"] for r in doc["requests"])
    price = tokens.price_for(model)
    assert doc["estimated_cost_usd"] == pytest.approx(price.cost(doc["total_input_tokens"], SECTIONS * 700), abs=1e-6)
    assert not (tmp_path / "cache").exists(), "a dry run touches no cache"


def test_dry_run_counts_by_hand(tmp_path):
    """Each request: 3 tokens per message plus its role and content, plus 3 for the reply."""
    proc = invoke_drafter("draft", str(FIXTURE), "--model", "gpt-4", "--dry-run", "--format", "json", home=tmp_path,
                          **offline_env(tmp_path))
    doc = json.loads(proc.stdout)
    assert doc["encoding"] == "cl100k_base" and doc["exact"] is True
    enc = tokens.get_encoding("cl100k_base")
    for request in doc["requests"]:
        by_hand = 3 + sum(3 + len(enc.encode_ordinary(m["role"])) + len(enc.encode_ordinary(m["content"]))
                          for m in request["messages"])
        assert request["input_tokens"] == by_hand


def test_dry_run_shows_exactly_what_a_real_run_sends(tmp_path, openai_server):
    common = ["draft", str(FIXTURE), "--base-url", openai_server.base_url, "--model", "gpt-4o-mini",
              "--temperature", "0.5", "--max-tokens", "321"]
    dry = invoke_drafter(*common, "--dry-run", "--format", "json", home=tmp_path, server=openai_server)
    assert dry.returncode == 0, dry.stderr
    assert openai_server.count("chat/completions") == 0, "a dry run sends nothing"
    real = invoke_drafter(*common, home=tmp_path, OPENAI_API_KEY="sk-dry-run-test", server=openai_server)
    assert real.returncode == 0, real.stderr
    sent = sorted(json.dumps([r.body["messages"], r.body["max_tokens"], r.body["temperature"]])
                  for r in openai_server.chat_requests())
    shown = sorted(json.dumps([r["messages"], r["max_output_tokens"], 0.5]) for r in json.loads(dry.stdout)["requests"])
    assert len(sent) == SECTIONS and sent == shown


def test_dry_run_text_report(tmp_path):
    proc = invoke_drafter("draft", str(FIXTURE), "--model", "gpt-4o-mini", "--dry-run", home=tmp_path,
                          **offline_env(tmp_path))
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert out.startswith("dry run: openai · model gpt-4o-mini · encoding o200k_base · nothing is sent")
    assert out.count("[system · ") == SECTIONS and out.count("[user · ") == SECTIONS
    assert "── 1/5 Overview [overview] · " in out
    assert "total: " in out and "output tokens" in out
    assert "estimated cost: at most $" in out and "gpt-4o-mini at $0.15 in / $0.6 out per million tokens" in out


def test_dry_run_for_an_unknown_model_is_marked_inexact_with_no_price(tmp_path):
    proc = invoke_drafter("draft", str(FIXTURE), "--model", "llama3.2", "--dry-run", "--format", "json", home=tmp_path,
                          **offline_env(tmp_path))
    doc = json.loads(proc.stdout)
    assert (doc["encoding"], doc["exact"], doc["estimated_cost_usd"]) == ("o200k_base", False, None)
    text = invoke_drafter("draft", str(FIXTURE), "--model", "llama3.2", "--dry-run", home=tmp_path, **offline_env(tmp_path))
    assert "(approximate: not a known OpenAI model)" in text.stdout and "estimated cost: unknown" in text.stdout


def test_dry_run_offline_backend_costs_nothing(tmp_path):
    proc = invoke_drafter("draft", str(FIXTURE), "--dry-run", "--format", "json", home=tmp_path)
    doc = json.loads(proc.stdout)
    assert (doc["backend"], doc["exact"], doc["estimated_cost_usd"]) == ("offline", False, 0.0)
    assert len(doc["requests"]) == SECTIONS


def test_config_file_prices_override_the_shipped_ones(tmp_path):
    (tmp_path / "config.toml").write_text('[prices."gpt-4o-mini"]\ninput = 1.0\noutput = 2.0\n'
                                          '[prices."llama3.2"]\ninput = 0.0\noutput = 0.0\n')
    doc = json.loads(invoke_drafter("draft", str(FIXTURE), "--model", "gpt-4o-mini", "--dry-run", "--format", "json",
                                    home=tmp_path, **offline_env(tmp_path)).stdout)
    assert doc["estimated_cost_usd"] == pytest.approx((doc["total_input_tokens"] * 1.0 + SECTIONS * 700 * 2.0) / 1e6)
    doc = json.loads(invoke_drafter("draft", str(FIXTURE), "--model", "llama3.2", "--dry-run", "--format", "json",
                                    home=tmp_path, **offline_env(tmp_path)).stdout)
    assert doc["estimated_cost_usd"] == 0.0


def test_budget_refuses_before_sending(tmp_path, openai_server):
    proc = invoke_drafter("draft", str(FIXTURE), "--base-url", openai_server.base_url, "--model", "gpt-4o",
                          "--budget", "4000", home=tmp_path, OPENAI_API_KEY="sk-budget-test", server=openai_server)
    assert proc.returncode == 2, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert lines[0].startswith("error: estimated ") and "exceed --budget 4,000; nothing was sent" in lines[0]
    assert len(lines) == 2 and lines[1].strip().startswith("hint: ")
    assert "Traceback" not in proc.stderr and proc.stdout == ""
    assert openai_server.count("chat/completions") == 0
    dry = json.loads(invoke_drafter("draft", str(FIXTURE), "--base-url", openai_server.base_url, "--model", "gpt-4o",
                                    "--dry-run", "--format", "json", home=tmp_path, server=openai_server).stdout)
    estimate = dry["total_input_tokens"] + SECTIONS * 700
    assert f"error: estimated {estimate:,} tokens" in lines[0]


def test_budget_that_fits_lets_the_draft_run(tmp_path, openai_server):
    proc = invoke_drafter("draft", str(FIXTURE), "--base-url", openai_server.base_url, "--model", "gpt-4o",
                          "--budget", "100000", home=tmp_path, OPENAI_API_KEY="sk-budget-test", server=openai_server)
    assert proc.returncode == 0, proc.stderr
    assert openai_server.count("chat/completions") == SECTIONS


def test_budget_applies_to_a_dry_run_after_the_report(tmp_path):
    proc = invoke_drafter("draft", str(FIXTURE), "--model", "gpt-4o", "--dry-run", "--budget", "100", home=tmp_path,
                          **offline_env(tmp_path))
    assert proc.returncode == 2 and "total: " in proc.stdout
    assert proc.stderr.startswith("error: estimated ") and "--budget 100" in proc.stderr


@pytest.mark.parametrize("value", ["0", "-5", "many"])
def test_bad_budget_is_a_usage_error(tmp_path, value):
    proc = invoke_drafter("draft", str(FIXTURE), "--budget", value, home=tmp_path)
    assert proc.returncode == 2 and proc.stderr.startswith("error: ") and "Traceback" not in proc.stderr


def test_a_section_over_the_context_window_is_refused_naming_it(tmp_path, openai_server):
    proc = invoke_drafter("draft", str(FIXTURE), "--base-url", openai_server.base_url, "--model", "gpt-4",
                          "--max-tokens", "8000", home=tmp_path, OPENAI_API_KEY="sk-context-test", server=openai_server)
    assert proc.returncode == 2, proc.stderr
    error = proc.stderr.splitlines()[0]
    assert error.startswith("error: section 'overview' needs ") and "+ 8,000 output tokens" in error
    assert "gpt-4's context window of 8,192" in error
    assert openai_server.count("chat/completions") == 0


def test_long_facts_overflow_a_configured_context_window(tmp_path, openai_server):
    (tmp_path / "config.toml").write_text('[prices."stub-model"]\ninput = 0\noutput = 0\ncontext_window = 1500\n')
    facts = "---\nrole: sales\nyear: 2026\n---\n## Sales results\n" + "".join(
        f"- Closed deal number {n} with customer {n * 7} worth {n * 3}.5 million yuan\n" for n in range(60))
    proc = invoke_drafter("draft", "-", "--base-url", openai_server.base_url, "--model", "stub-model", home=tmp_path,
                          stdin=facts, server=openai_server)
    assert proc.returncode == 2, proc.stderr
    assert "section 'results' needs" in proc.stderr and "context window of 1,500" in proc.stderr
    assert openai_server.count("chat/completions") == 0
