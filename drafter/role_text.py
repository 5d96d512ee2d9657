"""A role's fixed prose for a person's facts: the title, context phrase and section leads, rendered from the
role file's templates. The pipeline writes it into drafts and grounding reads it as text that claims nothing,
so it lives here, below both."""

from __future__ import annotations

import datetime
from typing import Any

from drafter import prompts
from drafter.facts import Facts
from drafter.roles import Role, Section, get_role, role_field_label


def default_year() -> str:
    """The year a summary written today is about."""
    return str(datetime.date.today().year)


def resolve_role(facts: Facts, role_name: str | None) -> Role:
    """The role from the flag, else the facts' front matter; neither is a usage error."""
    from drafter.errors import InputError
    from drafter.roles import all_roles

    name = role_name or facts.get("role")
    if not name:
        raise InputError(f"{facts.source}: no role given",
                         hint="pass --role NAME or add 'role: NAME' to the front matter; roles: " + ", ".join(sorted(all_roles())))
    return get_role(name)


def template_context(role: Role, facts: Facts) -> dict[str, Any]:
    """Variables every template sees, as plain data: front matter (with a default year), the role, and its context
    phrase."""
    meta = dict(facts.meta)
    meta.setdefault("year", default_year())
    context: dict[str, Any] = {**meta, "meta": meta, "role": role}
    context.setdefault("name", "")
    context.setdefault("organisation", meta.get("organization", meta.get("company", "")))
    context["person"] = context["name"] or "the author"
    context = prompts.template_data(context)
    context["context"] = prompts.render_string(role.context, role_field_label(role, "context"), **context)
    return context


def draft_title(role: Role, facts: Facts) -> str:
    """The summary's title from the role's title template."""
    return prompts.render_string(role.title, role_field_label(role, "title"), **template_context(role, facts))


def section_lead(role: Role, section: Section, context: dict[str, Any]) -> str:
    """A section's lead sentence from its template text in the role file."""
    return prompts.render_string(section.lead, role_field_label(role, f"section {section.id!r} lead"), **context)


def fixed_text(role: Role, facts: Facts) -> str:
    """The role's own prose (title, leads, section titles): text whose names and numbers are not claims."""
    context = template_context(role, facts)
    parts = [draft_title(role, facts), role.name, context["context"]]
    for section in role.sections:
        parts.append(section.title)
        parts.append(section_lead(role, section, context))
    return "\n".join(parts)
