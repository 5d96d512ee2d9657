"""Roles as data: loading role files (built-in and user) and assigning facts to a role's sections."""

from __future__ import annotations

import re
import tomllib
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


def role_field_label(role: Role, field_name: str) -> str:
    """Where a role's template text comes from, for error messages: its file and field."""
    return f"{role.path or role.id}: {field_name}"


def _role_from_data(data: dict[str, Any], path: Path) -> Role:
    try:
        sections = [Section(**{k: v for k, v in s.items()}) for s in data["sections"]]
        role = Role(
            id=str(data.get("id") or path.stem), name=data["name"], voice=data.get("voice", ""),
            sections=sections, aliases=list(data.get("aliases", [])), description=data.get("description", ""),
            title=data.get("title", Role.title), context=data.get("context", Role.context), path=path,
        )
    except KeyError as exc:
        raise InputError(f"{path}: role file is missing field {exc.args[0]!r}") from None
    except TypeError as exc:
        raise InputError(f"{path}: bad section entry ({exc})") from None
    if not role.sections:
        raise InputError(f"{path}: role has no sections")
    return role


def load_role_file(path: Path) -> Role:
    """Read one role file (TOML or YAML)."""
    try:
        raw = path.read_text(encoding="utf-8")
        if path.suffix == ".toml":
            data = tomllib.loads(raw)
        else:
            import yaml

            data = yaml.safe_load(raw)
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read role file ({exc})") from None
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"{path}: malformed role file ({exc})") from None
    except Exception as exc:  # yaml.YAMLError without importing yaml eagerly
        raise InputError(f"{path}: malformed role file ({exc.__class__.__name__})") from None
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
