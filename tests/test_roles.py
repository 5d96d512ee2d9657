import pytest

from drafter.errors import InputError
from drafter.facts import parse_facts
from drafter.roles import all_roles, assign_section, get_role, plan_sections


def test_builtin_roles_and_aliases():
    assert {"sales-inside", "district-insurance-manager", "settlement-office"} <= set(all_roles())
    assert get_role("sales").id == "sales-inside"
    assert get_role("Insurance").id == "district-insurance-manager"
    assert get_role("settlement").id == "settlement-office"


def test_unknown_role_lists_valid_names():
    with pytest.raises(InputError) as info:
        get_role("astronaut")
    assert info.value.message == "unknown role 'astronaut'"
    assert "settlement-office" in info.value.hint and "sales-inside" in info.value.hint


def test_headings_map_by_alias_and_keywords_place_the_rest():
    role = get_role("settlement-office")
    facts = parse_facts("## Next year\n- Something vague\n## 2. Key Results:\n- Another thing\n", "f.md")
    assert [assign_section(role, f).id for f in facts.items] == ["plan", "results"]
    loose = parse_facts("- Collected 587.2 million yuan of payments\n- Verified the monthly statements\n"
                        "- Two batches were delayed by 3 weeks\n- Finish the archive next year\n- Watered the plants\n", "g.md")
    assert [assign_section(role, f).id for f in loose.items] == ["results", "work", "problems", "plan", "work"]


def test_plan_drops_empty_sections_but_keeps_overview():
    role = get_role("sales-inside")
    plan = plan_sections(role, parse_facts("- Processed 2,318 customer orders\n", "f.md"))
    assert [p.section.id for p in plan] == ["overview", "work"]


def test_user_role_dir_adds_and_overrides(tmp_path, monkeypatch):
    monkeypatch.setenv("DRAFTER_HOME", str(tmp_path))
    (tmp_path / "roles").mkdir()
    (tmp_path / "roles" / "teacher.yaml").write_text(
        "id: teacher\nname: Teacher\naliases: [school]\nvoice: plain\nsections:\n"
        "  - {id: overview, title: Overview, kind: overview, always: true}\n"
        "  - {id: classes, title: Classes, kind: work, default: true, keywords: [class]}\n")
    (tmp_path / "roles" / "sales.toml").write_text(
        'id = "sales-inside"\nname = "My sales"\nvoice = "x"\n[[sections]]\nid = "all"\ntitle = "All"\nkind = "work"\ndefault = true\n')
    assert get_role("school").name == "Teacher"
    assert get_role("sales-inside").name == "My sales"


def test_broken_user_role_names_the_file(tmp_path, monkeypatch):
    monkeypatch.setenv("DRAFTER_HOME", str(tmp_path))
    (tmp_path / "roles").mkdir()
    (tmp_path / "roles" / "bad.toml").write_text('id = "bad"\nvoice = "x"\n[[sections]]\nid = "a"\ntitle = "A"\nkind = "work"\n')
    with pytest.raises(InputError, match=r"bad.toml: role file is missing field 'name'"):
        all_roles()


SECTION = '[[sections]]\nid = "work"\ntitle = "Work"\nkind = "work"\n'
ROLE_FILE_FAULTS = {
    "sections as text": ('name = "X"\nsections = "a"\n', "field 'sections' must be a list of tables"),
    "a section that is not a table": ('name = "X"\nsections = [1]\n', "section 1 must be a table of fields"),
    "name as a number": ("name = 5\n" + SECTION, "field 'name' must be text, not a number"),
    "weight as text": ('name = "X"\n' + SECTION + 'weight = "x"\n', "section 1: field 'weight' must be a number"),
    "weight not a number": ('name = "X"\n' + SECTION + "weight = nan\n", "section 1: field 'weight' must be a number"),
    "keywords as numbers": ('name = "X"\n' + SECTION + "keywords = [1, 2]\n",
                            "section 1: field 'keywords' item 1 must be text, not a number"),
    "aliases as a table": ('name = "X"\naliases = {a = 1}\n' + SECTION, "field 'aliases' must be a list of texts"),
    "always as text": ('name = "X"\n' + SECTION + 'always = "yes"\n', "section 1: field 'always' must be true or false"),
    "kind as a path": ('name = "X"\n[[sections]]\nid = "w"\ntitle = "W"\nkind = "../system"\n',
                       "section 1: field 'kind' must be a single word"),
    "an unknown section field": ('name = "X"\n' + SECTION + "colour = 1\n", "section 1: unknown field 'colour'"),
    "two sections with one id": ('name = "X"\n' + SECTION + SECTION, "two sections have the id 'work'"),
    "a Jinja syntax error in the title": ('name = "X"\ntitle = "{{ year "\n' + SECTION, "title: template syntax error"),
    "a Jinja syntax error in a lead": ('name = "X"\n' + SECTION + 'lead = "{% if %}"\n',
                                       "section 'work' lead: template syntax error"),
}


@pytest.mark.parametrize("text, message", ROLE_FILE_FAULTS.values(), ids=ROLE_FILE_FAULTS.keys())
def test_role_file_with_wrong_types_names_the_file_and_field(tmp_path, monkeypatch, text, message):
    monkeypatch.setenv("DRAFTER_HOME", str(tmp_path))
    (tmp_path / "roles").mkdir()
    (tmp_path / "roles" / "bad.toml").write_text(text)
    with pytest.raises(InputError) as info:
        all_roles()
    assert info.value.message.startswith(f"{tmp_path / 'roles' / 'bad.toml'}: ")
    assert message in info.value.message


def test_yaml_role_with_number_keywords_and_null_lead(tmp_path, monkeypatch):
    for home, section, in [(tmp_path / "ok", "lead: null"), (tmp_path / "bad", "keywords: [2024]")]:
        (home / "roles").mkdir(parents=True)
        (home / "roles" / "y.yaml").write_text(f"name: Y\nsections:\n  - {{id: a, title: A, kind: work, {section}}}\n")
    monkeypatch.setenv("DRAFTER_HOME", str(tmp_path / "ok"))
    assert get_role("y").sections[0].lead == ""
    monkeypatch.setenv("DRAFTER_HOME", str(tmp_path / "bad"))
    with pytest.raises(InputError, match=r"y.yaml: section 1: field 'keywords' item 1 must be text"):
        all_roles()


def test_a_single_alias_string_is_one_alias_not_letters(tmp_path, monkeypatch):
    monkeypatch.setenv("DRAFTER_HOME", str(tmp_path))
    (tmp_path / "roles").mkdir()
    (tmp_path / "roles" / "t.toml").write_text(
        'id = "teacher"\nname = "Teacher"\naliases = "school"\n[[sections]]\nid = "classes"\ntitle = "Classes"\n'
        'kind = "work"\naliases = "lessons"\nkeywords = "class"\n')
    role = get_role("school")
    assert role.aliases == ["school"] and role.sections[0].aliases == ["lessons"] and role.sections[0].keywords == ["class"]
    with pytest.raises(InputError, match="unknown role 's'"):
        get_role("s")


def test_a_bad_role_file_fails_the_draft_in_one_line(tmp_path):
    from helpers import ROLE_FIXTURES, invoke_drafter

    (tmp_path / "roles").mkdir()
    (tmp_path / "roles" / "bad.toml").write_text('name = "X"\n' + SECTION + 'weight = "x"\n')
    proc = invoke_drafter("draft", str(ROLE_FIXTURES["sales-inside"]), home=tmp_path)
    assert proc.returncode == 2
    assert proc.stderr == f"error: {tmp_path / 'roles' / 'bad.toml'}: section 1: field 'weight' must be a number of 0 or more, not 'x'\n"
