"""Job titles: the words of a post ("manager", "teller", "nurse") and the head words of a body's branches, read
from data/grounding/titles.toml, the one list cleanup and grounding share."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

TITLES_FILE = Path(__file__).resolve().parent.parent / "data" / "grounding" / "titles.toml"


@lru_cache(maxsize=1)
def titles_data() -> dict:
    """The titles file as data: its `words` (a post's words) and its `unit_heads` (a branch's last words)."""
    import tomllib

    with TITLES_FILE.open("rb") as handle:
        return tomllib.load(handle)


@lru_cache(maxsize=1)
def title_words() -> frozenset[str]:
    """The words of a job title, lower case, as listed ("nurse", "manager")."""
    return frozenset(titles_data()["words"])


def names_a_post(words: list[str]) -> bool:
    """True when one of the words (any case, a plural too) is a job title's word: "District Insurance Managers"."""
    titles = title_words()
    return any(w.lower() in titles or w.lower().rstrip("s") in titles for w in words)
