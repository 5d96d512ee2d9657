"""The model-server options that `draft`, `session` and `batch` share, defined once (typer option objects; no work
at import, so `drafter --help` stays instant)."""

from __future__ import annotations

import typer

BACKEND_OPTION = typer.Option(None, "--backend", "-b", help="offline (default) or openai.")
MODEL_OPTION = typer.Option(None, "--model", "-m", help="Model name for the openai backend [env DRAFTER_MODEL].")
BASE_URL_OPTION = typer.Option(None, "--base-url", help="OpenAI-compatible endpoint [env OPENAI_BASE_URL].")
API_KEY_OPTION = typer.Option(None, "--api-key", help="API key; prefer the OPENAI_API_KEY variable.")
TIMEOUT_OPTION = typer.Option(None, "--timeout", help="Seconds to wait for a reply [default 60].")
RETRIES_OPTION = typer.Option(None, "--retries", help="Retries on 429/5xx/timeouts, for every request [default 2].")
