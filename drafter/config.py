"""Settings resolution: command-line flag > environment > config file > built-in default.

Every value is checked when it is read: a wrong type, a number out of its range (the limits below), an empty
model or a base URL that is not http(s) is an InputError naming the setting and where it came from (exit 2).
"""

from __future__ import annotations

import json
import math
import os
import sys
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from drafter.errors import InputError, printable

MAX_TIMEOUT_SECONDS = 3600.0  # an hour per reply: more than a slow local model needs for one section
MAX_RETRIES = 10
MAX_CONCURRENCY = 32  # a role has a handful of sections; more threads than this only hammer the server
MIN_TEMPERATURE, MAX_TEMPERATURE = 0.0, 2.0  # the range the OpenAI chat-completions API accepts
MAX_OUTPUT_TOKENS = 1_000_000
MAX_CACHE_MB = 1_000_000.0  # a terabyte: far past any real cache, well inside what the byte count can hold
MAX_NAME_CHARS = 256  # a model or backend name
MAX_SHOWN_CHARS = 40  # of a bad value quoted in an error message
URL_SCHEMES = ("http", "https")


def drafter_home() -> Path:
    """The user's drafter folder: $DRAFTER_HOME, else the platform's config dir + '/drafter'."""
    env = os.environ.get("DRAFTER_HOME")
    if env:
        return Path(env).expanduser()
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    return base / "drafter"


def config_path() -> Path:
    """Where the config file is read from."""
    return drafter_home() / "config.toml"


ENV_NAMES = {
    "backend": "DRAFTER_BACKEND",
    "model": "DRAFTER_MODEL",
    "base_url": "OPENAI_BASE_URL",
    "api_key": "OPENAI_API_KEY",
    "timeout": "DRAFTER_TIMEOUT",
    "max_retries": "DRAFTER_MAX_RETRIES",
    "concurrency": "DRAFTER_CONCURRENCY",
    "temperature": "DRAFTER_TEMPERATURE",
    "max_tokens": "DRAFTER_MAX_TOKENS",
    "role": "DRAFTER_ROLE",
    "stream": "DRAFTER_STREAM",
    "cache": "DRAFTER_CACHE",
    "cache_max_mb": "DRAFTER_CACHE_MAX_MB",
}
FLAG_NAMES = {
    "backend": "--backend",
    "model": "--model",
    "base_url": "--base-url",
    "api_key": "--api-key",
    "timeout": "--timeout",
    "max_retries": "--retries",
    "concurrency": "--concurrency",
    "temperature": "--temperature",
    "max_tokens": "--max-tokens",
    "role": "--role",
    "stream": "--stream",
    "cache": "--no-cache",
}


def plain_number(value: float) -> str:
    """A number as a person writes it: 1000000 and -1, not 1e+06 and -1.0."""
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


@dataclass(frozen=True)
class Range:
    """The values a number setting accepts: low..high, the low end excluded when `above` is set."""

    low: float
    high: float
    above: bool = False
    unit: str = ""

    def describe(self) -> str:
        """The range in words, e.g. 'more than 0 and at most 3600 seconds'."""
        unit = f" {self.unit}" if self.unit else ""
        if self.above:
            return f"more than {plain_number(self.low)} and at most {plain_number(self.high)}{unit}"
        return f"from {plain_number(self.low)} to {plain_number(self.high)}{unit}"

    def __contains__(self, value: float) -> bool:
        return (self.low < value if self.above else self.low <= value) and value <= self.high


RANGES = {
    "timeout": Range(0, MAX_TIMEOUT_SECONDS, above=True, unit="seconds"),
    "max_retries": Range(0, MAX_RETRIES),
    "concurrency": Range(1, MAX_CONCURRENCY),
    "temperature": Range(MIN_TEMPERATURE, MAX_TEMPERATURE),
    "max_tokens": Range(1, MAX_OUTPUT_TOKENS, unit="tokens"),
    "cache_max_mb": Range(0, MAX_CACHE_MB, above=True, unit="MB"),
}


@dataclass
class Settings:
    """Everything a draft run needs to know about where and how to ask for prose."""

    backend: str = "offline"
    model: str = "offline"
    base_url: str | None = None
    api_key: str | None = field(default=None, repr=False)
    timeout: float = 60.0
    max_retries: int = 2
    concurrency: int = 3
    temperature: float = 0.3
    max_tokens: int = 700
    role: str | None = None
    stream: bool = True
    cache: bool = True
    cache_max_mb: float = 50.0
    sources: dict[str, str] = field(default_factory=dict, repr=False)
    extra: dict[str, Any] = field(default_factory=dict, repr=False)

    def redacted(self) -> dict[str, Any]:
        """The settings as a dict fit to print: the key shown only as set/unset."""
        out = {f.name: getattr(self, f.name) for f in fields(self) if f.name not in ("sources", "extra")}
        out["api_key"] = "(set)" if self.api_key else None
        return out


# -- the API key -------------------------------------------------------------------------------------------------

_SECRETS: set[str] = set()
REDACTED = "[redacted]"
MIN_SECRET_CHARS = 4  # shorter strings would blank ordinary words out of messages


def remember_secret(secret: str | None) -> None:
    """Register a secret (the API key as given and as used) so that `redact` removes it from every message."""
    if secret:
        _SECRETS.add(secret)
        _SECRETS.add(secret.strip())


def secret_forms(secret: str) -> list[str]:
    """Every spelling of a secret a message may hold: raw, stripped, repr- and JSON-escaped, as escaped bytes."""
    forms = set()
    for value in {secret, secret.strip()}:
        forms.update({value, repr(value)[1:-1], ascii(value)[1:-1], json.dumps(value)[1:-1],
                      repr(value.encode("utf-8", "backslashreplace"))[2:-1]})
    return sorted((f for f in forms if len(f) >= MIN_SECRET_CHARS), key=len, reverse=True)


def redact(text: str, *secrets: str | None) -> str:
    """`text` with every form of the given and the remembered secrets replaced by [redacted]."""
    for secret in {s for s in (*secrets, *_SECRETS) if s}:
        for form in secret_forms(secret):
            text = text.replace(form, REDACTED)
    return text


def check_api_key(key: str, source: str = "the API key") -> str:
    """The key without surrounding whitespace; an InputError (which never quotes it) for a control or non-ASCII
    character, which no HTTP header may carry."""
    key = key.strip()
    for position, char in enumerate(key, 1):
        if ord(char) < 0x20 or ord(char) == 0x7F:
            problem = "a control character"
        elif ord(char) > 0x7E:
            problem = "a non-ASCII character"
        else:
            continue
        raise InputError(f"the API key ({source}) has {problem} at position {position}; it was not sent",
                         hint="copy the key again, without line breaks or invisible characters")
    return key


# -- reading and checking values --------------------------------------------------------------------------------

def source_label(name: str, origin: str) -> str:
    """Where a value came from, as a user can find it: the flag, the environment variable, or the config file."""
    if origin == "flag":
        return FLAG_NAMES.get(name, f"--{name.replace('_', '-')}")
    return origin


def _shown(value: Any) -> str:
    """A value as the user wrote it, for an error message (at most MAX_SHOWN_CHARS)."""
    if isinstance(value, str):
        text = printable(value.strip()) or repr(value)  # one line, whatever the value holds
    elif isinstance(value, float) and math.isfinite(value):
        text = plain_number(value)
    elif isinstance(value, int) and not isinstance(value, bool):
        text = str(value) if value.bit_length() < 200 else f"a {len(str(abs(value)))}-digit number"
    else:
        text = repr(value)
    return text if len(text) <= MAX_SHOWN_CHARS else text[:MAX_SHOWN_CHARS - 1] + "…"


def _number(name: str, value: Any, where: str, integer: bool) -> float | int:
    """A finite number (a whole one when `integer`) within the setting's range; an InputError otherwise."""
    kind = "a whole number" if integer else "a number"
    shown = _shown(value)
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise InputError(f"{name} must be {kind}, got {shown} (from {where})")
    number: int | float = value
    if isinstance(value, str):
        try:
            number = int(value) if integer else float(value)
        except ValueError:
            raise InputError(f"{name} must be {kind}, got {shown} (from {where})") from None
    if isinstance(number, float) and not math.isfinite(number):
        raise InputError(f"{name} must be a finite number, got {shown} (from {where})")
    if integer and isinstance(number, float):
        if not number.is_integer():
            raise InputError(f"{name} must be a whole number, got {shown} (from {where})")
        number = int(number)
    allowed = RANGES.get(name)
    if allowed is not None and number not in allowed:  # an int compares exactly, however many digits it has
        raise InputError(f"{name} must be {allowed.describe()}, got {shown} (from {where})")
    return int(number) if integer else float(number)


def _text(name: str, value: Any, where: str) -> str | None:
    """A string setting, trimmed; empty means unset for the role, and is an error for the model and URL."""
    if not isinstance(value, str):
        shown = "" if name == "api_key" else f", got {_shown(value)}"  # a key is never quoted
        raise InputError(f"{name} must be a string{shown} (from {where})")
    text = value.strip()
    if name == "api_key":
        return text or None
    if any(ord(c) < 0x20 or ord(c) == 0x7F for c in text):
        raise InputError(f"{name} must not hold control characters (from {where})")
    if not text:
        if name in ("model", "base_url", "backend"):
            raise InputError(f"{name} must not be empty (from {where})",
                             hint=f"leave {name} out to use the default")
        return None
    if name in ("model", "backend") and len(text) > MAX_NAME_CHARS:
        raise InputError(f"{name} is longer than {MAX_NAME_CHARS} characters (from {where})")
    if name == "base_url":
        check_base_url(text, where)
    return text


def _bool(name: str, value: Any, where: str) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("1", "true", "yes", "on"):
        return True
    if text in ("0", "false", "no", "off"):
        return False
    raise InputError(f"{name} must be true or false, got {value!r} (from {where})")


def check_base_url(url: str, where: str = "--base-url / OPENAI_BASE_URL") -> None:
    """An InputError unless `url` is an http(s) URL with a host (the openai client needs nothing else)."""
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises on a malformed port
    except ValueError:
        parts = None
    if parts is None or parts.scheme.lower() not in URL_SCHEMES or not parts.hostname:
        raise InputError(f"base_url {url!r} is not an http:// or https:// URL (from {where})",
                         hint="set --base-url / OPENAI_BASE_URL like http://localhost:11434/v1")


def _coerce(name: str, value: Any, origin: str) -> Any:
    """A value read from `origin` converted to the setting's type and checked; an InputError naming both."""
    kind = {f.name: f.type for f in fields(Settings)}[name]
    where = source_label(name, origin)
    if kind == "bool":
        return _bool(name, value, where)
    if kind in ("float", "int"):
        return _number(name, value, where, integer=(kind == "int"))
    return _text(name, value, where)


def load_config_file(path: Path | None = None) -> dict[str, Any]:
    """Read the TOML config file; a missing file is an empty config, a malformed one an error."""
    from drafter.files import toml_document

    path = path or config_path()
    if not path.is_file():
        return {}
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: malformed config file ({exc})") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read the config file ({exc.strerror})") from None
    return toml_document(text, str(path), "config file")


def resolve_settings(flags: dict[str, Any] | None = None, env: dict[str, str] | None = None,
                     file_values: dict[str, Any] | None = None) -> Settings:
    """Build Settings from flags, environment and config file, recording where each value came from."""
    flags = {k: v for k, v in (flags or {}).items() if v is not None}
    env = os.environ if env is None else env
    file_values = load_config_file() if file_values is None else file_values
    settings = Settings()
    names = [f.name for f in fields(Settings) if f.name not in ("sources", "extra")]
    for name in names:
        if name in flags:
            value, origin = flags[name], "flag"
        elif env.get(ENV_NAMES.get(name, "")):
            value, origin = env[ENV_NAMES[name]], f"env {ENV_NAMES[name]}"
        elif name in file_values:
            value, origin = file_values[name], f"config {config_path()}"
        else:
            continue
        if name == "api_key" and isinstance(value, str):
            remember_secret(value)
        setattr(settings, name, _coerce(name, value, origin))
        settings.sources[name] = origin
    settings.extra = {k: v for k, v in file_values.items() if k not in names}
    if "backend" not in settings.sources and (settings.base_url or "model" in settings.sources):
        settings.backend = "openai"
        settings.sources["backend"] = "implied by base_url/model"
    if settings.backend == "openai" and "model" not in settings.sources:
        settings.model = "gpt-4o-mini"
    if settings.backend == "offline":
        settings.model = "offline"
    if settings.api_key and settings.backend == "openai":  # a stray key matters only to the backend that sends it
        settings.api_key = check_api_key(settings.api_key, source_label("api_key", settings.sources["api_key"]))
    return settings
