"""Roles as data: loading role files (built-in and user) and assigning facts to a role's sections."""

from __future__ import annotations

import dataclasses
import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from drafter.config import drafter_home
from drafter.errors import InputError
from drafter.facts import Fact, Facts

BUILTIN_ROLES = Path(__file__).parent / "data" / "roles"
GENERIC_ROLE = "generic"  # the role file any job title without a role of its own is drafted with
CLOSE_ROLE_RATIO = 0.85  # how alike (difflib ratio) a job title and a role's id or alias must be to suggest that role


@dataclass
class Section:
    """One section of a role's plan: how it is titled, prompted, and which facts it takes."""

    id: str
    title: str
    kind: str
    lead: str = ""
    aliases: list[str] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    weight: float = 1.0
    always: bool = False
    default: bool = False

    def names(self) -> set[str]:
        """Every name a facts heading may use for this section, normalised."""
        return {normalise_name(n) for n in [self.id, self.title, *self.aliases]}


@dataclass
class Role:
    """A role: display name, aliases, voice guidance and an ordered section plan."""

    id: str
    name: str
    voice: str
    sections: list[Section]
    aliases: list[str] = field(default_factory=list)
    description: str = ""
    title: str = "{{ year }} Year-End Work Summary"
    context: str = "my work"
    path: Path | None = field(default=None, metadata={"template": False})
    job_title: str = field(default="", metadata={"template": False})  # the title the generic role stands in for

    @property
    def builtin(self) -> bool:
        """True for a role shipped with drafter (a user's file of the same id replaces it)."""
        return self.path is not None and self.path.parent == BUILTIN_ROLES

    def section(self, section_id: str) -> Section:
        """The section with this id."""
        for section in self.sections:
            if section.id == section_id:
                return section
        raise InputError(f"role {self.id} has no section {section_id!r}",
                         hint="sections: " + ", ".join(s.id for s in self.sections))


@dataclass
class PlannedSection:
    """A section of the plan with the facts assigned to it."""

    section: Section
    facts: list[Fact]


def normalise_name(text: str) -> str:
    """Lower-case, strip numbering and punctuation so '## 2. Key Results:' matches 'key results'."""
    text = re.sub(r"^\s*(?:\d+|[ivx]+|[a-z])[.)]\s+", "", text.strip().lower())
    return " ".join(re.sub(r"[^\w%$ ]+", " ", text).split())


def role_dirs() -> list[Path]:
    """Folders searched for role files, later ones overriding earlier ones."""
    return [BUILTIN_ROLES, drafter_home() / "roles"]


SECTION_KIND = re.compile(r"^[A-Za-z0-9_-]+$")
SECTION_FIELDS = {"id", "title", "kind", "lead", "aliases", "keywords", "weight", "always", "default"}


def role_field_label(role: Role, field_name: str) -> str:
    """Where a role's template text comes from, for error messages: its file and field."""
    return f"{role.path or role.id}: {field_name}"


def _type_name(value: Any) -> str:
    """A value's type in the words of a role file."""
    names = {str: "text", bool: "true/false", int: "a number", float: "a number", list: "a list", dict: "a table"}
    return names.get(type(value), type(value).__name__)


def _text(data: dict[str, Any], key: str, where: str, default: str | None = None) -> str:
    """A text field; missing (or null in YAML) gives `default`, or an error when the field is required."""
    value = data.get(key)
    if value is None:
        if default is None:
            raise InputError(f"{where}: role file is missing field {key!r}")
        return default
    if not isinstance(value, str):
        raise InputError(f"{where}: field {key!r} must be text, not {_type_name(value)}",
                         hint="put the value in quotes")
    if default is None and not value.strip():
        raise InputError(f"{where}: field {key!r} is empty")
    return value


def _text_list(data: dict[str, Any], key: str, where: str) -> list[str]:
    """A list of texts; a single text is one item (`aliases = "sales"` is the alias 'sales', not five letters)."""
    value = data.get(key)
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if not isinstance(value, list):
        raise InputError(f"{where}: field {key!r} must be a list of texts, not {_type_name(value)}")
    for index, item in enumerate(value):
        if not isinstance(item, str):
            raise InputError(f"{where}: field {key!r} item {index + 1} must be text, not {_type_name(item)}",
                             hint="put the value in quotes")
    return list(value)


def _number(data: dict[str, Any], key: str, where: str, default: float) -> float:
    """A finite number of zero or more."""
    value = data.get(key)
    if value is None:
        return default
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) or value < 0:
        raise InputError(f"{where}: field {key!r} must be a number of 0 or more, not {value!r}")
    return float(value)


def _flag(data: dict[str, Any], key: str, where: str) -> bool:
    """A true/false field."""
    value = data.get(key)
    if value is None:
        return False
    if not isinstance(value, bool):
        raise InputError(f"{where}: field {key!r} must be true or false, not {value!r}")
    return value


def _section_from_data(entry: Any, path: Path, number: int) -> Section:
    """One [[sections]] entry, every field type-checked; errors name the file, the section and the field."""
    where = f"{path}: section {number}"
    if not isinstance(entry, dict):
        raise InputError(f"{where} must be a table of fields, not {_type_name(entry)}")
    unknown = sorted(str(key) for key in entry if key not in SECTION_FIELDS)
    if unknown:
        raise InputError(f"{where}: unknown field {unknown[0]!r}", hint="fields: " + ", ".join(sorted(SECTION_FIELDS)))
    kind = _text(entry, "kind", where)
    if not SECTION_KIND.match(kind):
        raise InputError(f"{where}: field 'kind' must be a single word (letters, digits, - or _), not {kind!r}")
    return Section(
        id=_text(entry, "id", where), title=_text(entry, "title", where), kind=kind,
        lead=_text(entry, "lead", where, ""),
        aliases=_text_list(entry, "aliases", where), keywords=_text_list(entry, "keywords", where),
        weight=_number(entry, "weight", where, 1.0), always=_flag(entry, "always", where),
        default=_flag(entry, "default", where),
    )


def _role_from_data(data: dict[str, Any], path: Path) -> Role:
    """A Role from a role file's data, every field type-checked and its template text compiled."""
    where = str(path)
    raw_sections = data.get("sections")
    if raw_sections is None:
        raise InputError(f"{path}: role file is missing field 'sections'")
    if not isinstance(raw_sections, list):
        raise InputError(f"{path}: field 'sections' must be a list of tables ([[sections]]), "
                         f"not {_type_name(raw_sections)}")
    sections = [_section_from_data(entry, path, number) for number, entry in enumerate(raw_sections, 1)]
    if not sections:
        raise InputError(f"{path}: role has no sections")
    if not any(section.kind == "plan" for section in sections) and path != BUILTIN_ROLES / f"{GENERIC_ROLE}.toml":
        sections.append(_default_plan_section())  # every role has a plan section: plans never land under results
    seen: set[str] = set()
    for section in sections:
        if section.id in seen:
            raise InputError(f"{path}: two sections have the id {section.id!r}")
        seen.add(section.id)
    role = Role(
        id=_text(data, "id", where, path.stem) or path.stem, name=_text(data, "name", where),
        voice=_text(data, "voice", where, ""), sections=sections, aliases=_text_list(data, "aliases", where),
        description=_text(data, "description", where, ""), title=_text(data, "title", where, Role.title),
        context=_text(data, "context", where, Role.context), path=path,
    )
    from drafter import prompts

    for field_name, source in [("title", role.title), ("context", role.context)]:
        prompts.check_template_text(source, role_field_label(role, field_name))
    for section in sections:
        prompts.check_template_text(section.lead, role_field_label(role, f"section {section.id!r} lead"))
    return role


def load_role_file(path: Path) -> Role:
    """Read one role file (TOML or YAML)."""
    from drafter.files import toml_document, yaml_document

    try:
        raw = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read role file ({exc})") from None
    parse = toml_document if path.suffix == ".toml" else yaml_document
    data = parse(raw, str(path), "role file")  # malformed, a huge number or deep nesting: one line naming the file
    if not isinstance(data, dict):
        raise InputError(f"{path}: role file must be a mapping")
    return _role_from_data(data, path)


@lru_cache(maxsize=4)
def _load_roles(dirs: tuple[Path, ...]) -> dict[str, Role]:
    roles: dict[str, Role] = {}
    for folder in dirs:
        if not folder.is_dir():
            continue
        for path in sorted(folder.iterdir()):
            if path.suffix in (".toml", ".yaml", ".yml"):
                role = load_role_file(path)
                roles[role.id] = role
    return roles


def all_roles() -> dict[str, Role]:
    """Every role to choose from, built-in and user, by id (user roles override built-in ones of the same id); the
    generic role, which any other job title gets, is not listed (find_role still finds it by id)."""
    return {key: role for key, role in _every_role().items() if key != GENERIC_ROLE}


def _every_role() -> dict[str, Role]:
    """Every role file's role, the generic one included."""
    return _load_roles(tuple(role_dirs()))


@lru_cache(maxsize=1)
def _default_plan_section() -> Section:
    """The generic role's plan section, which a role file without one gets."""
    return dataclasses.replace(load_role_file(BUILTIN_ROLES / f"{GENERIC_ROLE}.toml").section("plan"))


def _role_key(name: str) -> str:
    """A role name as ids and aliases are compared: 'Inside Sales' is 'inside-sales'."""
    return normalise_name(name).replace(" ", "-")


def find_role(name: str) -> Role | None:
    """The role whose id, else alias, is `name`; a user's role wins over a built-in one with the same id or alias."""
    key = _role_key(name)
    ordered = sorted(_every_role().values(), key=lambda role: role.builtin)  # user roles first (sorted is stable)
    for role in ordered:
        if key == role.id:
            return role
    for role in ordered:
        if key in {_role_key(alias) for alias in role.aliases}:
            return role
    return None


def get_role(name: str) -> Role:
    """Find a role by id or alias; an unknown name is a usage error listing the valid ones."""
    role = find_role(name)
    if role is None:
        raise InputError(f"unknown role {name!r}", hint="valid roles: " + ", ".join(sorted(all_roles())))
    return role


def role_for_title(name: str) -> Role:
    """The role with this id or alias, else the generic role under this job title (its `name` and `job_title`)."""
    role = find_role(name)
    if role is not None:
        return role
    title = " ".join(name.split())
    if not title:
        raise InputError("the role name is empty", hint="pass --role NAME or add 'role: NAME' to the front matter")
    return dataclasses.replace(get_role(GENERIC_ROLE), name=title, job_title=title)


def closest_role(title: str) -> Role | None:
    """The role a job title most likely meant, when one is close: an id or alias spelled alike, or one whose words
    all stand in the title ('Settlement office supervisor' → settlement-office); None when none is."""
    import difflib

    key = _role_key(title)
    words = set(key.split("-"))
    best: tuple[float, str] | None = None
    for role in all_roles().values():
        if role.id == GENERIC_ROLE:
            continue
        for candidate in [role.id, *(_role_key(alias) for alias in role.aliases)]:
            score = difflib.SequenceMatcher(None, key, candidate).ratio()
            if set(candidate.split("-")) <= words:
                score = max(score, 1.0)
            if score >= CLOSE_ROLE_RATIO and (best is None or score > best[0]):
                best = (score, role.id)
    return all_roles()[best[1]] if best else None


def fallback_note(role: Role) -> str | None:
    """The one line saying a job title is drafted with the generic plan (and the role it may have meant), or None
    for a role of its own."""
    if not role.job_title:
        return None
    plan = ", ".join(section.title.lower() for section in role.sections if section.kind != "overview")
    closest = closest_role(role.job_title)
    return (f"no role file for {role.job_title!r}: drafting with the generic plan ({plan})"
            + (f"; did you mean {closest.id}?" if closest else ""))


@lru_cache(maxsize=1024)
def keyword_pattern(keyword: str) -> str:
    """A keyword as a regex: whole words (plus plural/past/-ing endings; 'plan' is not in 'payment-plan'); 'stem*'
    matches any ending."""
    word = keyword.lower()
    if word.endswith("*"):
        return rf"(?<![\w-]){re.escape(word[:-1])}"
    if not word[:1].isalnum():
        return re.escape(word)
    return rf"(?<![\w-]){re.escape(word)}(?:s|es|ed|d|ing)?(?![\w-])"


@lru_cache(maxsize=1024)
def _keyword_search(keyword: str) -> tuple[str, re.Pattern]:
    """The text every match of a keyword holds (its lower-cased word, "*" dropped) and its compiled pattern."""
    word = keyword.lower()
    return (word[:-1] if word.endswith("*") else word), re.compile(keyword_pattern(keyword))


def _keyword_score(section: Section, text: str) -> float:
    """The section's weight times the number of its keywords the text holds."""
    lowered = text.lower()
    hits = 0
    for keyword in section.keywords:
        needed, pattern = _keyword_search(keyword)
        if needed in lowered and pattern.search(lowered):  # the pattern only where its word is
            hits += 1
    return hits * section.weight


def _section_named(role: Role, name: str) -> Section | None:
    """The section a heading or label names (by id, title or alias; 'Problem' finds 'problems')."""
    wanted = normalise_name(name)
    for section in role.sections:
        names = section.names()
        if wanted in names or wanted + "s" in names:
            return section
    return None


def assign_section(role: Role, fact: Fact, year: str | None = None) -> Section:
    """Pick the section for a fact: its heading if it names a section; else the section of the kind it is written as
    ('Plan for 2027: …', 'Unit 3 fell short …'; phrasing.written_as), or the one its 'Label:' names; else the best
    keyword match. `year` is the summary's: a later one marks a plan."""
    from drafter.phrasing import leading_label, opens_in_past, opens_with_a_fix, written_as

    if fact.heading:
        section = _section_named(role, fact.heading)
        if section is not None:
            return section
    kind = written_as(fact.text, year)
    if kind is not None:
        for section in role.sections:
            if section.kind == kind:
                return section
    label = leading_label(" ".join(fact.text.split()))
    if label is not None and _section_named(role, label.name) is not None:
        return _section_named(role, label.name)
    # "Trained 6 drivers, all certified by June" plans nothing; "Cut missed deliveries from 40 to 12" is no problem
    left_out = {"plan"} if opens_in_past(fact.text) else set()
    left_out |= {"problems"} if opens_with_a_fix(fact.text) else set()
    scored = [(_keyword_score(section, fact.text), -index, section) for index, section in enumerate(role.sections)
              if section.kind not in left_out]
    best = max(scored, key=lambda item: (item[0], item[1])) if scored else None
    if best is not None and best[0] > 0:
        return best[2]
    for section in role.sections:
        if section.default:
            return section
    return role.sections[-1]


def plan_sections(role: Role, facts: Facts) -> list[PlannedSection]:
    """The role's sections in order with their facts; sections left without facts are dropped unless `always`."""
    buckets: dict[str, list[Fact]] = {s.id: [] for s in role.sections}
    for fact in facts.items:
        buckets[assign_section(role, fact, facts.get("year")).id].append(fact)
    return [PlannedSection(s, buckets[s.id]) for s in role.sections if buckets[s.id] or s.always]


def unmatched_headings(role: Role, facts: Facts) -> list[Fact]:
    """Facts whose heading names no section of the role (they were placed by keywords instead)."""
    names = set().union(*(s.names() for s in role.sections))
    return [f for f in facts.items if f.heading and normalise_name(f.heading) not in names]
