import json
import re

import pytest

from helpers import FIXTURES, ROLE_FIXTURES, ROOT, invoke_drafter, run_drafter

ANSI = re.compile(r"\x1b\[")
PLACEHOLDER = re.compile(r"20\*\*|\bXX\b|\bxxx\b|\*\*\*|\{\{|\}\}|\{%")


def numbers_and_names(text: str) -> set[str]:
    """Figures and capitalised names in a facts file's bullets (what a draft must keep)."""
    bullets = [line for line in text.splitlines() if line.lstrip().startswith("- ")]
    joined = " ".join(bullets)
    figures = set(re.findall(r"\d[\d,.]*\d%?|\d%?", joined))
    names = set(re.findall(r"(?<![.!?] )(?<!^)\b[A-Z][a-z]+(?: [A-Z][a-z]+)+", joined))
    return figures | names


@pytest.mark.parametrize("role", sorted(ROLE_FIXTURES))
def test_offline_draft_of_each_fixture_keeps_every_fact(role, tmp_path):
    path = ROLE_FIXTURES[role]
    proc = invoke_drafter("draft", str(path), home=tmp_path)
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert out.startswith("# 2026 Year-End Work Summary")
    assert len(re.findall(r"^## ", out, re.MULTILINE)) >= 4
    missing = {item for item in numbers_and_names(path.read_text()) if item.rstrip(".,") not in out}
    assert not missing, missing
    assert not PLACEHOLDER.search(out)
    assert not ANSI.search(out)
    assert "- " not in "\n".join(l[:2] for l in out.splitlines()), "offline output must be prose, not a bullet dump"


def test_an_offline_section_cleanup_would_empty_keeps_the_writers_text(tmp_path, monkeypatch):
    """A fact with nothing but words ("Sales support, and more of it.") gives a section the learned stock model reads
    as filler. The offline writer's text is not put to that model, so it stays with no warning; and were a section of
    it emptied (here the model is put back on it), the draft keeps the writer's text for it and succeeds, rather than
    failing with "no usable text"."""
    from drafter import pipeline

    facts = tmp_path / "facts.md"
    facts.write_text("---\nrole: sales-inside\nname: Chen Jing\nyear: 2026\norganisation: Harbour Trading\n---\n\n"
                     "- Processed 2,318 customer orders in 2026\n- Handled 1,150 customer calls\n"
                     "- Sales support, and more of it.\n")
    proc = invoke_drafter("draft", str(facts), home=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "sales support, and more of it" in proc.stdout and "kept it as written" not in proc.stderr
    monkeypatch.setattr(pipeline, "WRITERS_OWN", {})
    proc = invoke_drafter("draft", str(facts), home=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "sales support, and more of it" in proc.stdout and "2,318" in proc.stdout
    assert "kept it as written" in proc.stderr


def test_the_offline_writers_lead_is_no_stock_line(tmp_path):
    """The built-in writer's lead ("I work in inside sales.") is its own prose, not put to the learned stock model."""
    facts = tmp_path / "facts.md"
    facts.write_text("---\nrole: sales-inside\nname: Bo Ken\n---\n\n- Closed 12 deals\n- Opened 2 new accounts\n")
    proc = invoke_drafter("draft", str(facts), home=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "I work in inside sales." in proc.stdout and "warning" not in proc.stderr


def test_offline_draft_is_identical_on_every_run(tmp_path):
    first = invoke_drafter("draft", str(ROLE_FIXTURES["sales-inside"]), home=tmp_path).stdout
    second = invoke_drafter("draft", str(ROLE_FIXTURES["sales-inside"]), home=tmp_path).stdout
    assert first == second and first


def test_pipe_stdin_to_json(tmp_path):
    text = (FIXTURES / "sales-inside.md").read_text()
    proc = run_drafter("draft", "-", "--format", "json", home=tmp_path, stdin=text)
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert set(data) >= {"role", "name", "year", "sections", "text", "warnings", "backend", "model"}
    assert data["role"] == "sales-inside" and data["name"] == "Chen Jing" and data["year"] == "2026"
    assert data["backend"] == "offline" and data["warnings"] == []
    assert [s["id"] for s in data["sections"]][0] == "overview"
    assert all(set(s) >= {"id", "title", "text"} and s["text"] for s in data["sections"])


def test_yaml_facts_and_role_flag_override(tmp_path):
    proc = invoke_drafter("draft", str(FIXTURES / "insurance.yaml"), "--format", "json", home=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["role"] == "district-insurance-manager"
    proc = invoke_drafter("draft", "-", "--role", "sales", "--format", "txt", home=tmp_path, stdin="- Processed 12 orders\n")
    assert proc.returncode == 0, proc.stderr
    assert "I processed 12 orders." in proc.stdout and "#" not in proc.stdout


def test_output_file_is_written_atomically(tmp_path):
    target = tmp_path / "summary.md"
    proc = invoke_drafter("draft", str(ROLE_FIXTURES["settlement-office"]), "-o", str(target), home=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == ""
    assert target.read_text().startswith("# 2026 Year-End Work Summary: Li Wei")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_real_shell_pipe(tmp_path):
    import subprocess
    import sys

    from helpers import drafter_env

    command = f"cat {FIXTURES / 'settlement-office.md'} | {sys.executable} -m drafter draft - --format json | {sys.executable} -c \"import json,sys; print(len(json.load(sys.stdin)['sections']))\""
    proc = subprocess.run(["bash", "-c", command], capture_output=True, text=True, env=drafter_env(tmp_path), cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "5"


@pytest.mark.parametrize("args, stdin, code, start", [
    (["draft", "missing.md"], None, 2, "error: missing.md: no such file"),
    (["draft", "fixtures"], None, 2, "error: fixtures: is a directory"),
    (["draft", "-"], "", 2, "error: <stdin>: is empty"),
    (["draft", "-"], b"\x00\x01binary", 2, "error: <stdin>: looks like a binary file"),
    (["draft", "-"], "- caf\xe9".encode("latin-1"), 2, "error: <stdin>:1: not valid UTF-8"),
    (["draft", "-"], "---\nrole sales\n---\n- a\n", 2, "error: <stdin>:2: front matter line is not 'key: value'"),
    (["draft", "-"], "- ok\n-\n", 2, "error: <stdin>:2: bullet is empty"),
    (["draft", "-"], '{"facts": [1, [2]]}', 2, "error: <stdin>: field 'facts[1]' must be a string"),
    (["draft", "-"], '{"facts": ["a",', 2, "error: <stdin>:1: malformed JSON"),
    (["draft", "-"], "---\nrole: sales\nyear: abc\n---\n- a\n", 2,
     "error: <stdin>:3: field 'year' must be a year from 1950 to 2100, not 'abc'\n"),
    (["draft", "-"], "- a\n", 2, "error: <stdin>: no role given"),
    (["draft", "-", "--role", "sales", "--format", "pdf"], "- a\n", 2, "error: unknown --format 'pdf'"),
    (["draft", "-", "--role", "sales", "--backend", "openai"], "- a\n", 2, "error: the openai backend needs an API key and OPENAI_API_KEY is not set"),
    (["draft", "-", "--role", "sales", "--backend", "carrier-pigeon"], "- a\n", 2, "error: unknown backend 'carrier-pigeon'"),
    (["draft", "--no-such-flag"], None, 2, "error: No such option: --no-such-flag"),
])
def test_bad_input_one_line_error(tmp_path, args, stdin, code, start):
    proc = invoke_drafter(*args, home=tmp_path, stdin=stdin)
    assert proc.returncode == code, proc.stderr
    assert proc.stderr.startswith(start), proc.stderr
    assert "Traceback" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) <= 2


def test_server_unreachable_names_the_url(tmp_path):
    proc = invoke_drafter("draft", "-", "--role", "sales", "--base-url", "http://127.0.0.1:9/v1", "--retries", "0",
                          home=tmp_path, stdin="- Sold 3 units\n", OPENAI_API_KEY="sk-secret-value-1234")
    assert proc.returncode == 1
    assert proc.stderr.startswith("error: cannot reach http://127.0.0.1:9/v1")
    assert "sk-secret-value-1234" not in proc.stdout + proc.stderr


def test_roles_and_config_commands(tmp_path):
    proc = invoke_drafter("roles", home=tmp_path)
    assert proc.returncode == 0 and "settlement-office" in proc.stdout and "sales-inside" in proc.stdout
    proc = invoke_drafter("roles", "show", "insurance", home=tmp_path)
    assert proc.returncode == 0 and proc.stdout.startswith("district-insurance-manager: District insurance manager")
    proc = invoke_drafter("roles", "show", "nope", home=tmp_path)
    assert proc.returncode == 2 and proc.stderr.startswith("error: unknown role 'nope'")
    (tmp_path / "config.toml").write_text('model = "llama3.2"\nbase_url = "http://127.0.0.1:11434/v1"\n')
    proc = invoke_drafter("config", home=tmp_path, OPENAI_API_KEY="sk-should-not-show", DRAFTER_MODEL="qwen")
    assert proc.returncode == 0, proc.stderr
    assert "model = 'qwen'  (env DRAFTER_MODEL)" in proc.stdout
    assert "base_url = 'http://127.0.0.1:11434/v1'  (config" in proc.stdout
    assert "backend = 'openai'" in proc.stdout
    assert "sk-should-not-show" not in proc.stdout and "api_key = '(set)'" in proc.stdout
    assert invoke_drafter("config", "path", home=tmp_path).stdout.strip() == str(tmp_path / "config.toml")


def test_malformed_config_file(tmp_path):
    (tmp_path / "config.toml").write_text("model = [unclosed\n")
    proc = invoke_drafter("draft", str(ROLE_FIXTURES["sales-inside"]), home=tmp_path)
    assert proc.returncode == 2 and proc.stderr.startswith(f"error: {tmp_path / 'config.toml'}: malformed config file")


def test_user_prompt_override_and_strict_undefined(tmp_path):
    (tmp_path / "prompts" / "offline").mkdir(parents=True)
    (tmp_path / "prompts" / "offline" / "section.j2").write_text("{{ lead }} [custom] {{ no_such_variable }}")
    proc = invoke_drafter("draft", str(ROLE_FIXTURES["sales-inside"]), home=tmp_path)
    assert proc.returncode == 2
    template = tmp_path / "prompts" / "offline" / "section.j2"
    assert proc.stderr.startswith(f"error: {template}:1: 'no_such_variable' is undefined")
    (tmp_path / "prompts" / "offline" / "section.j2").write_text("{{ lead }} Custom: {{ facts | length }} facts.")
    proc = invoke_drafter("draft", str(ROLE_FIXTURES["sales-inside"]), "--no-clean", home=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "Custom:" in proc.stdout


def test_sandbox_refuses_unsafe_user_template(tmp_path):
    (tmp_path / "prompts" / "offline").mkdir(parents=True)
    (tmp_path / "prompts" / "offline" / "section.j2").write_text("{{ lead.__class__.__mro__[1].__subclasses__() }}")
    proc = invoke_drafter("draft", str(ROLE_FIXTURES["sales-inside"]), home=tmp_path)
    assert proc.returncode == 2 and "unsafe" in proc.stderr and "Traceback" not in proc.stderr


def test_help_does_not_import_openai_or_tiktoken(tmp_path):
    import subprocess
    import sys

    code = ("import sys; sys.argv = ['drafter', '--help']\n"
            "from drafter.cli import main\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "print('HEAVY', sorted(m for m in ('openai', 'tiktoken', 'httpx', 'jinja2', 'yaml') if m in sys.modules))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert "HEAVY []" in proc.stdout, proc.stdout + proc.stderr
