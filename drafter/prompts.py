"""Jinja2 prompt templates: built-in ones in prompts/, overridable by name from the user's folder."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from drafter.config import drafter_home
from drafter.errors import InputError


def builtin_prompt_dir() -> Path:
    """The shipped prompts: inside the installed package, or the repository's top-level prompts/."""
    inside = Path(__file__).parent / "prompts"
    return inside if inside.is_dir() else Path(__file__).parent.parent / "prompts"


def user_prompt_dir() -> Path:
    """Where a user's templates live; a file here replaces the built-in of the same name."""
    return drafter_home() / "prompts"


@lru_cache(maxsize=4)
def _environment(user_dir: Path, builtin_dir: Path):
    import jinja2
    from jinja2.sandbox import SandboxedEnvironment

    from drafter.prose import realise_fact

    loader = jinja2.ChoiceLoader([jinja2.FileSystemLoader(str(user_dir)), jinja2.FileSystemLoader(str(builtin_dir))])
    env = SandboxedEnvironment(loader=loader, undefined=jinja2.StrictUndefined, autoescape=False,
                               keep_trailing_newline=False, trim_blocks=False)
    env.filters["sentence"] = realise_fact
    return env


def environment():
    """The shared sandboxed, StrictUndefined Jinja2 environment (user folder first, then built-ins)."""
    return _environment(user_prompt_dir(), builtin_prompt_dir())


def _template_error(name: str, exc: Exception) -> InputError:
    import jinja2

    if isinstance(exc, jinja2.TemplateNotFound):
        return InputError(f"prompt template {name!r} not found", hint=f"looked in {user_prompt_dir()} and {builtin_prompt_dir()}")
    if isinstance(exc, jinja2.TemplateSyntaxError):
        where = f"{exc.filename or exc.name or name}:{exc.lineno}"
        return InputError(f"{where}: template syntax error ({exc.message})")
    if isinstance(exc, jinja2.UndefinedError):
        return InputError(f"prompt template {name!r}: {exc.message}", hint="a template uses a variable drafter does not provide")
    from jinja2.exceptions import SecurityError

    if isinstance(exc, SecurityError):
        return InputError(f"prompt template {name!r}: unsafe operation refused ({exc})")
    return InputError(f"prompt template {name!r}: {exc}")


def render(name: str, /, **context: Any) -> str:
    """Render a template file by name; any template fault becomes an InputError naming it."""
    import jinja2

    try:
        return environment().get_template(name).render(**context).strip()
    except (jinja2.TemplateError, TypeError) as exc:
        raise _template_error(name, exc) from None


def render_string(source: str, label: str = "<template>", /, **context: Any) -> str:
    """Render a template given as text (e.g. a role file's lead sentence)."""
    import jinja2

    try:
        return environment().from_string(source).render(**context).strip()
    except (jinja2.TemplateError, TypeError) as exc:
        raise _template_error(label, exc) from None


def section_template_name(kind: str) -> str:
    """The template for a section kind, falling back to the generic section template."""
    try:
        environment().get_template(f"sections/{kind}.j2")
        return f"sections/{kind}.j2"
    except Exception:
        return "section.j2"
