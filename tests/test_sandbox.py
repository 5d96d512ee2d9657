"""The template sandbox from a hostile user's side: escapes and bombs in $DRAFTER_HOME/prompts and in a role file's
title and lead strings, tried through the real `drafter` command. Each must be refused in one line naming the
template file (or the role file and field), with exit 2, reading and writing nothing."""

from __future__ import annotations

import pytest

from helpers import invoke_drafter, run_drafter

SECRET = "TOP-SECRET-7c1e"
FACTS = "---\nrole: sales-inside\nname: Chen Jing\n---\n- Processed 2,318 customer orders\n"

# {secret} and {pwned} are filled in with paths in the test's temporary folder
FILE_ACCESS = {
    "read through role.path": '{{ role.path.parent.joinpath("{secret}").read_text() }}',
    "write through role.path": '{{ role.path.parent.joinpath("{pwned}").write_text("x") }}',
    "read through a section's bound method": '{{ section.names.__self__.__class__ }}',
    "os through cycler globals": '{{ cycler.__init__.__globals__.os.popen("cat {secret}").read() }}',
    "os through lipsum globals": '{{ lipsum.__globals__["os"].popen("cat {secret}").read() }}',
    "open through namespace globals": '{{ namespace.__init__.__globals__.__builtins__.open("{secret}").read() }}',
    "subclasses through __mro__": "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "__globals__ of a macro": "{% macro m() %}{% endmacro %}{{ m.__globals__ }}",
    "format reaching __class__": '{{ "{0.__class__.__mro__}".format(role) }}',
    "format through the attr filter": '{{ ("{0.__class__}" | attr("format"))(role) }}',
    "format_map": '{{ "{x.__class__}".format_map({"x": role}) }}',
    "private attribute of self": "{{ self._TemplateReference__context }}",
}

BOMBS = {
    "huge string": "{{ 'a' * 10**9 }}",
    "huge list": "{{ [0] * 10**9 }}",
    "huge range": "{{ range(10**9) | list | length }}",
    "huge power": "{{ 7 ** (10**9) }}",
    "huge padding filter": "{{ 'a' | center(10**9) }}",
    "huge padding method": "{{ 'a'.ljust(10**9) }}",
    "huge percent width": "{{ '%999999999d' % 1 }}",
    "huge format width": "{{ '{:>999999999}'.format(1) }}",
    "doubling in a loop": ('{% set ns = namespace(s="ab") %}{% for i in range(40) %}{% set ns.s = ns.s ~ ns.s %}'
                           "{% endfor %}{{ ns.s | length }}"),
    "repeated output": "{% for i in range(100000) %}{{ 'a' * 900000 }}{% endfor %}",
    "nested loops": "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
    "exponential macro": "{% macro f(n) %}{% if n %}{{ f(n - 1) }}{{ f(n - 1) }}{% endif %}{% endmacro %}{{ f(60) }}",
}

RECURSION = {
    "macro recursion": "{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}",
    "self-include": '{% include "offline/section.j2" %}',
    "include loop": '{% include "loop_a.j2" %}',
}


@pytest.fixture
def home(tmp_path):
    """A DRAFTER_HOME with a prompts folder, a facts file, a secret to protect and a place a write would land."""
    (tmp_path / "prompts" / "offline").mkdir(parents=True)
    (tmp_path / "roles").mkdir()
    (tmp_path / "facts.md").write_text(FACTS)
    (tmp_path / "secret.txt").write_text(SECRET)
    (tmp_path / "prompts" / "loop_a.j2").write_text('{% include "loop_b.j2" %}')
    (tmp_path / "prompts" / "loop_b.j2").write_text('{% include "loop_a.j2" %}')
    return tmp_path


def draft_with_template(home, text: str, bomb: bool = False):
    """Draft the facts offline with `text` as the user's offline section template: in process, or for a `bomb` (a
    template that would hang, recurse or exhaust memory if the sandbox let it) in a subprocess with a time limit."""
    text = text.replace("{secret}", str(home / "secret.txt")).replace("{pwned}", str(home / "pwned.txt"))
    (home / "prompts" / "offline" / "section.j2").write_text(text)
    if bomb:
        return run_drafter("draft", str(home / "facts.md"), home=home, timeout=120)
    return invoke_drafter("draft", str(home / "facts.md"), home=home)


def assert_refused(proc, home, where: str, *fragments: str) -> None:
    """Exit 2, one error line starting with `where` (hint lines aside), no traceback, nothing read or written."""
    assert proc.returncode == 2, proc.stderr[-2000:]
    lines = proc.stderr.splitlines()
    assert lines and lines[0].startswith(f"error: {where}"), proc.stderr[-2000:]
    assert all(line.startswith("  hint: ") for line in lines[1:]), proc.stderr[-2000:]
    for fragment in fragments:
        assert fragment in lines[0], lines[0]
    assert SECRET not in proc.stdout + proc.stderr
    assert not (home / "pwned.txt").exists()


@pytest.mark.parametrize("template", FILE_ACCESS.values(), ids=FILE_ACCESS.keys())
def test_no_object_in_the_context_reaches_files_or_python(home, template):
    proc = draft_with_template(home, template)
    assert_refused(proc, home, f"{home / 'prompts' / 'offline' / 'section.j2'}:1: ")


@pytest.mark.parametrize("template", BOMBS.values(), ids=BOMBS.keys())
def test_size_and_time_bombs_are_refused(home, template):
    proc = draft_with_template(home, template, bomb=True)
    assert_refused(proc, home, f"{home / 'prompts' / 'offline' / 'section.j2'}", "refused")


@pytest.mark.parametrize("template", RECURSION.values(), ids=RECURSION.keys())
def test_recursion_is_refused(home, template):
    proc = draft_with_template(home, template, bomb=True)
    assert_refused(proc, home, f"{home / 'prompts'}", "template recursion too deep")


def test_runtime_errors_name_the_template_and_line(home):
    proc = draft_with_template(home, "{{ lead }}\n{{ 1 / 0 }}")
    assert_refused(proc, home, f"{home / 'prompts' / 'offline' / 'section.j2'}:2: ", "ZeroDivisionError: division by zero")
    proc = draft_with_template(home, "{{ lead | sentence(5) }}")
    assert_refused(proc, home, f"{home / 'prompts' / 'offline' / 'section.j2'}:1: ", "the 'sentence' filter takes text")


def test_a_failed_include_names_the_missing_template_and_where_it_was_included(home):
    (home / "prompts" / "part.j2").write_text('{{ lead }}\n{% include "missing.j2" %}')
    proc = draft_with_template(home, '{% include "part.j2" %}')
    assert_refused(proc, home, f"{home / 'prompts' / 'part.j2'}:2: included template 'missing.j2' not found")


def test_a_template_that_is_not_utf8_is_named(home):
    (home / "prompts" / "offline" / "section.j2").write_bytes(b"caf\xe9 {{ lead }}")
    proc = invoke_drafter("draft", str(home / "facts.md"), home=home)
    assert_refused(proc, home, f"{home / 'prompts' / 'offline' / 'section.j2'}: template file is not UTF-8 text")
    (home / "prompts" / "offline" / "section.j2").write_text('{% include "latin.j2" %}')
    (home / "prompts" / "latin.j2").write_bytes(b"caf\xe9")
    proc = invoke_drafter("draft", str(home / "facts.md"), home=home)
    assert_refused(proc, home, f"{home / 'prompts' / 'latin.j2'}: template file is not UTF-8 text")


def test_a_broken_section_template_is_reported_not_replaced(home):
    (home / "prompts" / "sections").mkdir()
    (home / "prompts" / "sections" / "work.j2").write_text("{% if %}")
    proc = invoke_drafter("draft", str(home / "facts.md"), "-b", "openai", "-m", "gpt-4o", "--dry-run", home=home)
    assert_refused(proc, home, f"{home / 'prompts' / 'sections' / 'work.j2'}:1: template syntax error")


ROLE_STRINGS = {
    "title reads a file": ("title", '{{ role.path.parent.joinpath("{secret}").read_text() }}', ""),
    "title reaches __globals__": ("title", "{{ cycler.__init__.__globals__ }}", "unsafe"),
    "lead builds a huge string": ("lead", "{{ 'a' * 10**9 }}", "template refused"),
    "lead recurses": ("lead", "{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}", "recursion"),
    "title divides by zero": ("title", "{{ 1 / 0 }}", "ZeroDivisionError"),
    "title has a syntax error": ("title", "{{ year ", "template syntax error"),
}


def test_a_lead_including_a_template_loop_names_the_looping_template(home):
    (home / "roles" / "mine.toml").write_text('id = "mine"\nname = "Mine"\n[[sections]]\nid = "work"\ntitle = "Work"\n'
                                              'kind = "work"\nlead = "{% include \'loop_a.j2\' %}"\n')
    proc = invoke_drafter("draft", str(home / "facts.md"), "--role", "mine", home=home)
    assert_refused(proc, home, f"{home / 'prompts' / 'loop_'}", "template recursion too deep")


@pytest.mark.parametrize("field, template, fragment", ROLE_STRINGS.values(), ids=ROLE_STRINGS.keys())
def test_role_title_and_lead_strings_are_sandboxed_too(home, field, template, fragment):
    text = template.replace("{secret}", str(home / "secret.txt"))
    quoted = text.replace("\\", "\\\\").replace('"', '\\"')
    role_line, lead_line = (f'title = "{quoted}"', "") if field == "title" else ("", f'lead = "{quoted}"')
    (home / "roles" / "mine.toml").write_text(
        f'id = "mine"\nname = "Mine"\n{role_line}\n[[sections]]\nid = "work"\ntitle = "Work"\nkind = "work"\n{lead_line}\n')
    proc = run_drafter("draft", str(home / "facts.md"), "--role", "mine", home=home, timeout=120)
    label = "title" if field == "title" else "section 'work' lead"
    assert_refused(proc, home, f"{home / 'roles' / 'mine.toml'}: {label}", fragment)


def test_every_template_sees_plain_data_only(monkeypatch, tmp_path):
    """The context of every template (prompts, offline writer) holds only text, numbers, flags, lists and dicts."""
    from drafter.config import resolve_settings
    from drafter.facts import parse_facts
    from drafter.pipeline import build_requests, template_context
    from drafter.roles import get_role

    monkeypatch.setenv("DRAFTER_HOME", str(tmp_path))

    def plain(value) -> bool:
        if isinstance(value, dict):
            return all(isinstance(k, str) and plain(v) for k, v in value.items())
        if isinstance(value, list):
            return all(plain(item) for item in value)
        return type(value) in (str, int, float, bool, type(None))

    for role_id in ("sales-inside", "settlement-office", "district-insurance-manager"):
        role = get_role(role_id)
        facts = parse_facts(FACTS, "f.md")
        assert plain(template_context(role, facts))
        for request in build_requests(role, facts, resolve_settings({}, env={})):
            assert plain(request.context), request.context


def test_template_data_turns_objects_into_plain_data_and_refuses_the_rest():
    import datetime
    from pathlib import Path

    from drafter.prompts import template_data
    from drafter.roles import get_role

    role = get_role("sales-inside")
    data = template_data({"role": role, "when": datetime.date(2024, 1, 2), "where": Path("/x"), "pair": (1, 2)})
    assert "path" not in data["role"] and data["role"]["sections"][0]["id"] == "overview"
    assert data["when"] == "2024-01-02" and data["where"] == "/x" and data["pair"] == [1, 2]
    with pytest.raises(TypeError, match="not plain data"):
        template_data({"role": role, "method": role.section})
    with pytest.raises(TypeError, match="not plain data"):
        template_data({"x": object()})
