"""Settings resolution: command-line flag > environment > config file > built-in default."""

from __future__ import annotations

import os
import sys
import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from drafter.errors import InputError


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


def _coerce(name: str, value: Any, origin: str) -> Any:
    kind = {f.name: f.type for f in fields(Settings)}[name]
    if kind == "bool":
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if text in ("1", "true", "yes", "on"):
            return True
        if text in ("0", "false", "no", "off"):
            return False
        raise InputError(f"{origin}: {name} must be true or false, got {value!r}")
    try:
        if kind == "float":
            return float(value)
        if kind == "int":
            return int(value)
    except (TypeError, ValueError):
        raise InputError(f"{origin}: {name} must be a number, got {value!r}") from None
    return None if value in (None, "") else str(value)


def load_config_file(path: Path | None = None) -> dict[str, Any]:
    """Read the TOML config file; a missing file is an empty config, a malformed one an error."""
    path = path or config_path()
    if not path.is_file():
        return {}
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: malformed config file ({exc})") from None


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
    if settings.concurrency < 1:
        raise InputError(f"concurrency must be at least 1, got {settings.concurrency}")
    if settings.cache_max_mb <= 0:
        raise InputError(f"cache_max_mb must be more than 0, got {settings.cache_max_mb:g}")
    return settings
