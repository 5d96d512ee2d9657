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


# Facts written as plans, and as problems: whatever their other words, they land in the role's plan section and its
# problems section, in every built-in role and the generic one.
WRITTEN_AS_PLANS = [
    "Plan for 2027: grow premium income to 50 million yuan",
    "Next year: cut quote turnaround to 2 hours",
    "Plan: raise quotation conversion to 45% next year",
    "Goal: 120 new policies, 30% of them renewals",
    "Target for 2027: first-contact resolution 85%",
    "Reach 45 million yuan of new-policy premium income in 2027",
    "Raise the license rate to 92% by June 2027",
    "Aim to sign 500 sales contracts worth 700 million yuan",
    "I will train two new sales assistants by March",
    "We plan to open a second collections desk",
    "To digitise the 2019-2022 archive",
    "Next year we will cut certificate turnaround from 45 to 30 days",
]
WRITTEN_AS_PROBLEMS = [
    "Unit 3 fell short of its target of 95% on-time dispatch",
    "Premium income was 2 million yuan short of the target",
    "Problem: invoices for 14 export orders were late",
    "Issue: the CRM import failed twice in March",
    "Lesson: agreed a weekly cut-off with the logistics team",
    "Learned to send a document checklist to buyers at signing",
    "Missed the accident insurance target by 4%",
    "The new-contract target was not met in the third quarter",
    "Two certificate batches were delayed by 3 weeks",
    "Could not reach 8 of the 31 overdue mortgage customers",
]
NOT_PLANS_OR_PROBLEMS = [
    "Trained 6 new forklift drivers, all certified by June",
    "Cut missed deliveries from 40 to 12 a month",
    "Signed 418 sales contracts worth 612.5 million yuan",
    "Handled 96 hardship payment-plan requests",
]
ROLE_NAMES = ["settlement-office", "sales-inside", "district-insurance-manager", "Warehouse supervisor"]


def role_named(name: str):
    """A built-in role by id, or the generic role under a job title."""
    if name in all_roles():
        return get_role(name)
    from drafter.roles import role_for_title

    return role_for_title(name)


@pytest.mark.parametrize("role_name", ROLE_NAMES)
@pytest.mark.parametrize("text, kind", [(t, "plan") for t in WRITTEN_AS_PLANS] +
                         [(t, "problems") for t in WRITTEN_AS_PROBLEMS])
def test_facts_written_as_plans_or_problems_land_in_that_section(role_name, text, kind):
    role = role_named(role_name)
    facts = parse_facts(f"---\nyear: 2026\n---\n- {text}\n", "f.md")
    assert assign_section(role, facts.items[0], "2026").kind == kind


@pytest.mark.parametrize("role_name", ROLE_NAMES)
@pytest.mark.parametrize("text", NOT_PLANS_OR_PROBLEMS)
def test_what_was_done_stays_out_of_the_plan_and_problems(role_name, text):
    role = role_named(role_name)
    facts = parse_facts(f"- {text}\n", "f.md")
    assert assign_section(role, facts.items[0], "2026").kind not in ("plan", "problems")


def test_a_role_file_without_a_plan_section_gets_one(tmp_path, monkeypatch):
    monkeypatch.setenv("DRAFTER_HOME", str(tmp_path))
    (tmp_path / "roles").mkdir()
    (tmp_path / "roles" / "results.toml").write_text(
        'id = "shop"\nname = "Shop"\n[[sections]]\nid = "results"\ntitle = "Business results"\nkind = "achievements"\n'
        'keywords = ["premium", "income", "yuan", "million"]\n')
    role = get_role("shop")
    assert [s.kind for s in role.sections] == ["achievements", "plan"]
    facts = parse_facts("- Plan for 2027: grow premium income to 50 million yuan\n- Premium income 38.7 million yuan\n",
                        "f.md")
    assert [assign_section(role, f).kind for f in facts.items] == ["plan", "achievements"]


def test_a_user_role_wins_over_a_built_in_one_with_the_same_id_or_alias(tmp_path, monkeypatch):
    monkeypatch.setenv("DRAFTER_HOME", str(tmp_path))
    (tmp_path / "roles").mkdir()
    (tmp_path / "roles" / "mine.toml").write_text(
        'id = "sales"\nname = "My sales"\naliases = ["settlement"]\n[[sections]]\nid = "all"\ntitle = "All"\n'
        'kind = "work"\ndefault = true\n')
    assert get_role("sales").name == "My sales"  # 'sales' is also the built-in sales-inside's alias
    assert get_role("settlement").name == "My sales"
    assert get_role("sales-inside").name == "Inside sales / sales support"
