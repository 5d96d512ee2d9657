"""A role's fixed prose for a person's facts: the title, context phrase and section leads, rendered from the
role file's templates. The pipeline writes it into drafts and grounding reads it as text that claims nothing,
so it lives here, below both."""

from __future__ import annotations

import datetime
import re
from typing import Any

from drafter import prompts
from drafter.facts import Facts
from drafter.roles import Role, Section, role_field_label, role_for_title


def default_year() -> str:
    """The year a summary written today is about."""
    return str(datetime.date.today().year)


def resolve_role(facts: Facts, role_name: str | None) -> Role:
    """The role from the flag, else the facts' front matter; neither is a usage error. A job title with no role of
    its own gets the generic role under that title (roles.role_for_title)."""
    from drafter.errors import InputError
    from drafter.roles import all_roles

    name = role_name or facts.get("role")
    if not name:
        raise InputError(f"{facts.source}: no role given",
                         hint="pass --role NAME or add 'role: NAME' to the front matter; roles: " + ", ".join(sorted(all_roles())))
    return role_for_title(name)


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
    context["context"] = _context_phrase(role, context)
    return context


def _context_phrase(role: Role, context: dict[str, Any]) -> str:
    """The role's context phrase; a part of the organisation that only repeats it is left out, so "Greenfield Homes,
    settlement office" gives "the settlement office of Greenfield Homes", not "… of Greenfield Homes, settlement
    office"."""
    from drafter.text.words import WORD

    label = role_field_label(role, "context")
    organisation = context["organisation"]
    if isinstance(organisation, str) and "," in organisation:
        bare = set(WORD.findall(prompts.render_string(role.context, label, **{**context, "organisation": ""}).lower()))
        first, *rest = [part.strip() for part in organisation.split(",")]
        kept = [first] + [part for part in rest if not set(WORD.findall(part.lower())) <= bare]
        context = {**context, "organisation": ", ".join(kept)}
    return prompts.render_string(role.context, label, **context)


def draft_title(role: Role, facts: Facts) -> str:
    """The summary's title from the role's title template."""
    return prompts.render_string(role.title, role_field_label(role, "title"), **template_context(role, facts))


def section_lead(role: Role, section: Section, context: dict[str, Any]) -> str:
    """A section's lead sentence from its template text in the role file ('… Co..' , an organisation's own full stop
    and the sentence's, is one)."""
    text = prompts.render_string(section.lead, role_field_label(role, f"section {section.id!r} lead"), **context)
    return re.sub(r"(?<!\.)\.\.(?!\.)", ".", text)


def fixed_text(role: Role, facts: Facts) -> str:
    """The role's own prose (title, leads, section titles): text whose names and numbers are not claims."""
    context = template_context(role, facts)
    parts = [draft_title(role, facts), role.name, context["context"]]
    for section in role.sections:
        parts.append(section.title)
        parts.append(section_lead(role, section, context))
    return "\n".join(parts)
