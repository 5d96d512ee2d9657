"""Jinja2 prompt templates: built-in ones in prompts/, overridable by name from the user's folder.

Templates are user files, so they run in drafter.sandbox (imported when the first template is rendered) and see
plain data only: text, numbers, flags, lists and mappings, made by template_data. Every fault in one becomes a
one-line InputError naming the template file (and line) or the role file field the template text came from.
"""

from __future__ import annotations

import dataclasses
import datetime
import os
from functools import lru_cache
from pathlib import Path, PurePath
from typing import Any

from drafter.config import drafter_home
from drafter.errors import InputError

PLAIN_SCALARS = (str, int, float, bool, type(None))


def builtin_prompt_dir() -> Path:
    """The shipped prompts: inside the installed package, or the repository's top-level prompts/."""
    inside = Path(__file__).parent / "prompts"
    return inside if inside.is_dir() else Path(__file__).parent.parent / "prompts"


def user_prompt_dir() -> Path:
    """Where a user's templates live; a file here replaces the built-in of the same name."""
    return drafter_home() / "prompts"


def template_data(value: Any, where: str = "template context") -> Any:
    """`value` as plain data, the only thing a template may see: str, int, float, bool, None, lists, and dicts
    with text keys. A dataclass becomes a dict of its fields (those with metadata template=False left out), a path
    or date its text, a tuple a list; any other object is refused with TypeError (a bug in drafter, not input)."""
    if type(value) in PLAIN_SCALARS:
        return value
    if isinstance(value, bool):
        return bool(value)
    for plain in (str, int, float):  # subclasses (Markup, IntEnum) become the plain type
        if isinstance(value, plain):
            return plain(value)
    if isinstance(value, (PurePath, datetime.date, datetime.time)):
        return str(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: template_data(getattr(value, f.name), f"{where}.{f.name}")
                for f in dataclasses.fields(value) if f.metadata.get("template", True)}
    if isinstance(value, dict):
        data = {}
        for key, item in value.items():
            if not isinstance(key, str):
                raise TypeError(f"{where}: key {key!r} is not text")
            data[str(key)] = template_data(item, f"{where}.{key}")
        return data
    if isinstance(value, (list, tuple)):
        return [template_data(item, f"{where}[{index}]") for index, item in enumerate(value)]
    raise TypeError(f"{where}: a {type(value).__name__} is not plain data and may not reach a template")


@lru_cache(maxsize=4)
def _environment(user_dir: Path, builtin_dir: Path):
    from drafter import sandbox
    from drafter.prose import lower_first, realise_fact

    env = sandbox.new_environment([str(user_dir), str(builtin_dir)])
    env.add_text_filter("sentence", realise_fact)
    env.add_text_filter("lower_first", lower_first)  # 'Head nurse' → 'head nurse'; 'IT help-desk lead' stays
    return env


COMPILED_TEMPLATES = 512  # distinct role-file texts kept compiled


def environment():
    """The shared sandbox (drafter.sandbox): StrictUndefined, user folder first, then the built-ins."""
    return _environment(user_prompt_dir(), builtin_prompt_dir())


def _is_template_file(filename: str) -> bool:
    """True for a file in the user's or the built-in prompt folder (a template's frame in a traceback)."""
    path = os.path.normpath(filename)
    folders = (user_prompt_dir(), builtin_prompt_dir())
    return any(path.startswith(os.path.normpath(str(folder)) + os.sep) for folder in folders)


def _template_error(exc: Exception, name: str, label: str | None = None, filename: str | None = None) -> InputError:
    """One line for a template fault: where (file:line, or the role file field for template text) and what."""
    import jinja2

    from drafter import sandbox

    looked_in = f"looked in {user_prompt_dir()} and {builtin_prompt_dir()}"
    if isinstance(exc, sandbox.TemplateFileError):
        return InputError(exc.message or str(exc))
    if isinstance(exc, jinja2.TemplateSyntaxError):
        if label and exc.filename in (None, "<template>"):
            where = label + (f" line {exc.lineno}" if exc.lineno > 1 else "")
        else:
            where = f"{exc.filename or exc.name or name}:{exc.lineno}"
        return InputError(f"{where}: template syntax error ({sandbox.one_line(exc.message or '')})")
    location = sandbox.template_location(exc, _is_template_file)
    if location is None:
        where = label or filename or name
    elif location[0] == "<template>":
        where = label or name
    else:
        where = f"{location[0]}:{location[1]}"
    if isinstance(exc, jinja2.TemplateNotFound):
        if location is None and label is None and exc.name == name:
            return InputError(f"prompt template {name!r} not found", hint=looked_in)
        return InputError(f"{where}: included template {exc.name!r} not found", hint=looked_in)
    message, hint = sandbox.describe(exc)
    return InputError(f"{where}: {message}", hint=hint)


def render(name: str, /, **context: Any) -> str:
    """Render a template file by name with plain data; any template fault becomes an InputError naming the file."""
    from drafter import sandbox

    data = template_data(context)
    filename = None
    try:
        template = environment().get_template(name)
        filename = template.filename
        return sandbox.render_bounded(template, data).strip()
    except Exception as exc:  # a template can raise anything; the sandbox keeps it from doing harm
        raise _template_error(exc, name, filename=filename) from None


def render_string(source: str, label: str = "<template>", /, **context: Any) -> str:
    """Render template text (a role file's title or lead sentence); `label` names the file and field it came from."""
    from drafter import sandbox

    data = template_data(context)
    try:
        template = _compiled(environment(), source)
        return sandbox.render_bounded(template, data).strip()
    except Exception as exc:  # as in render()
        raise _template_error(exc, label, label=label) from None


@lru_cache(maxsize=COMPILED_TEMPLATES)
def _compiled(env, source: str):
    """Template text compiled once per environment: a team batch renders the same role titles and leads for every
    person, and compiling is most of the cost of a request."""
    return env.from_string(source)


def check_template_text(source: str, label: str) -> None:
    """Compile template text now (a role file's title or lead), so a syntax error names its file and field early."""
    try:
        environment().from_string(source)
    except Exception as exc:  # as in render()
        raise _template_error(exc, label, label=label) from None


def section_template_name(kind: str) -> str:
    """The template for a section kind, falling back to the generic section template when there is none."""
    import jinja2

    name = f"sections/{kind}.j2"
    try:
        environment().get_template(name)
    except jinja2.TemplateNotFound as exc:
        if exc.name == name:
            return "section.j2"
        raise _template_error(exc, name) from None
    except Exception as exc:  # a broken user template must be reported, not silently replaced
        raise _template_error(exc, name) from None
    return name
