"""Roles as data: loading role files (built-in and user) and assigning facts to a role's sections."""

from __future__ import annotations

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
    """Every role, built-in and user, by id (user roles override built-in ones of the same id)."""
    return _load_roles(tuple(role_dirs()))


def get_role(name: str) -> Role:
    """Find a role by id or alias; an unknown name is a usage error listing the valid ones."""
    roles = all_roles()
    key = normalise_name(name).replace(" ", "-")
    for role in roles.values():
        if key == role.id or key in {normalise_name(a).replace(" ", "-") for a in role.aliases}:
            return role
    raise InputError(f"unknown role {name!r}", hint="valid roles: " + ", ".join(sorted(roles)))


@lru_cache(maxsize=1024)
def keyword_pattern(keyword: str) -> str:
    """A keyword as a regex: whole words (plus plural/past/-ing endings); 'stem*' matches any ending."""
    word = keyword.lower()
    if word.endswith("*"):
        return rf"(?<!\w){re.escape(word[:-1])}"
    if not word[:1].isalnum():
        return re.escape(word)
    return rf"(?<!\w){re.escape(word)}(?:s|es|ed|d|ing)?(?!\w)"


def _keyword_score(section: Section, text: str) -> float:
    lowered = text.lower()
    hits = 0
    for keyword in section.keywords:
        if re.search(keyword_pattern(keyword), lowered):
            hits += 1
    return hits * section.weight


def assign_section(role: Role, fact: Fact) -> Section:
    """Pick the section for a fact: its heading if it names a section, else the best keyword match."""
    if fact.heading:
        wanted = normalise_name(fact.heading)
        for section in role.sections:
            if wanted in section.names():
                return section
    scored = [(_keyword_score(section, fact.text), -index, section) for index, section in enumerate(role.sections)]
    best = max(scored, key=lambda item: (item[0], item[1]))
    if best[0] > 0:
        return best[2]
    for section in role.sections:
        if section.default:
            return section
    return role.sections[-1]


def plan_sections(role: Role, facts: Facts) -> list[PlannedSection]:
    """The role's sections in order with their facts; sections left without facts are dropped unless `always`."""
    buckets: dict[str, list[Fact]] = {s.id: [] for s in role.sections}
    for fact in facts.items:
        buckets[assign_section(role, fact).id].append(fact)
    return [PlannedSection(s, buckets[s.id]) for s in role.sections if buckets[s.id] or s.always]


def unmatched_headings(role: Role, facts: Facts) -> list[Fact]:
    """Facts whose heading names no section of the role (they were placed by keywords instead)."""
    names = set().union(*(s.names() for s in role.sections))
    return [f for f in facts.items if f.heading and normalise_name(f.heading) not in names]
