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
