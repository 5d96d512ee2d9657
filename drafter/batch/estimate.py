"""A batch's token counts and cost before anything is sent: `--dry-run` per person and in total, and `--budget`
(USD) refusing the whole batch. Counted with the exact tokenizer and priced from prices.toml (drafter/tokens.py)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from drafter.batch.progress import money
from drafter.errors import DrafterError, InputError


@dataclass
class PersonEstimate:
    """One person's requests counted: how many, their input tokens, the most output, the estimated cost."""

    id: str
    label: str
    requests: int = 0
    input_tokens: int = 0
    max_output_tokens: int = 0
    cost_usd: float | None = 0.0
    error: str | None = None


def estimate_plan(plan: Any, settings: Any) -> list[PersonEstimate]:
    """Count every request of the people the plan will draft (people finished earlier are not sent again)."""
    from drafter import tokens
    from drafter.batch.openai_batch import person_requests

    rows = []
    for job in plan.jobs:
        row = PersonEstimate(job.id, job.person.label)
        try:
            if job.person.error is not None:
                raise InputError(job.person.error)
            requests = person_requests(job.person.facts, settings)
        except DrafterError as exc:
            row.error = exc.message
            rows.append(row)
            continue
        estimate = tokens.estimate_requests(requests, settings.backend, settings.model, settings.extra.get("prices"))
        row.requests, row.input_tokens = len(requests), estimate.total_input_tokens
        row.max_output_tokens, row.cost_usd = estimate.total_max_output_tokens, estimate.estimated_cost_usd
        rows.append(row)
    return rows


def total_cost(rows: list[PersonEstimate]) -> float | None:
    """The batch's estimated cost; None when a model's price is unknown."""
    costs = [row.cost_usd for row in rows if row.error is None]
    return None if any(cost is None for cost in costs) else round(sum(costs), 6)


def format_estimates(rows: list[PersonEstimate], settings: Any) -> str:
    """The dry-run report: one line per person, then the total."""
    lines = [f"dry run: {settings.backend} · model {settings.model} · nothing is sent"]
    for row in rows:
        if row.error:
            lines.append(f"{row.id}: will fail: {row.error}")
            continue
        lines.append(f"{row.id}: {row.requests} requests · {row.input_tokens:,} input tokens + at most "
                     f"{row.max_output_tokens:,} output · est. {money(row.cost_usd)}")
    good = [row for row in rows if row.error is None]
    lines.append(f"total: {len(good)} people, {sum(r.requests for r in good)} requests · "
                 f"{sum(r.input_tokens for r in good):,} input tokens + at most "
                 f"{sum(r.max_output_tokens for r in good):,} output · est. at most {money(total_cost(rows))}")
    return "\n".join(lines) + "\n"


def check_budget(rows: list[PersonEstimate], settings: Any, budget: float | None) -> None:
    """An InputError (exit 2, nothing sent) when the batch's estimated cost exceeds `budget` USD, or cannot be
    known for the model."""
    if budget is None:
        return
    if budget <= 0:
        raise InputError(f"--budget must be a positive number of US dollars, got {budget:g}")
    cost = total_cost(rows)
    if cost is None:
        raise InputError(f"--budget: no price for model {settings.model!r}, so the cost cannot be checked; nothing "
                         "was sent", hint=f"add [prices.\"{settings.model}\"] input = …, output = … to the config file")
    if cost > budget:
        people = sum(row.error is None for row in rows)
        raise InputError(f"estimated cost of at most ${cost:.4f} for {people} people exceeds --budget ${budget:g}; "
                         "nothing was sent", hint="raise --budget, lower --max-tokens, or see each person with --dry-run")
