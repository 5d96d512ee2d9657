"""Output file names: one per person, made from the person's name and the input it came from, never the name of
another person's draft or of a file the batch did not write."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Iterable

SLUG_CHARS = re.compile(r"[^\w]+")
SLUG_MAX = 60  # characters of a name or stem kept in a file name
NAME_JOINER = "--"  # between the person's name and the input's name
FALLBACK_SLUG = "person"


def slug(text: str) -> str:
    """Lowercase words joined by '-', letters of any script kept ('Li Wei' → 'li-wei'); 'person' when none."""
    cut = SLUG_CHARS.sub("-", text.strip().lower()).strip("-_")[:SLUG_MAX].strip("-_")
    return cut or FALLBACK_SLUG


def base_name(name: str, stem: str) -> str:
    """'name--stem', or just the stem's slug when there is no name or the stem already is it."""
    stem_slug = slug(stem)
    if not name.strip():
        return stem_slug
    name_slug = slug(name)
    return stem_slug if name_slug == stem_slug else f"{name_slug}{NAME_JOINER}{stem_slug}"


def person_ids(people: Iterable[tuple[str, str]]) -> list[str]:
    """A unique id for each (name, stem) in order: its base name, with '-2', '-3', … for the later of equal ones
    (compared without case, as some file systems do)."""
    seen: set[str] = set()
    ids = []
    for name, stem in people:
        base = base_name(name, stem)
        candidate, number = base, 1
        while candidate.lower() in seen:
            number += 1
            candidate = f"{base}-{number}"
        seen.add(candidate.lower())
        ids.append(candidate)
    return ids


def free_file_name(folder: Path, person_id: str, suffix: str, owned: set[str], taken: set[str]) -> str:
    """The file name for a person's draft in `folder`: PERSON_ID.SUFFIX, or PERSON_ID-2.SUFFIX, … when that name
    is another person's (`taken`) or a file the batch did not write (exists and not in `owned`)."""
    number = 1
    while True:
        candidate = f"{person_id}{suffix}" if number == 1 else f"{person_id}-{number}{suffix}"
        lowered = candidate.lower()
        if lowered not in taken and (candidate in owned or not (folder / candidate).exists()) \
                and candidate not in RESERVED:
            return candidate
        number += 1


RESERVED = {"index.md", "index.json", "manifest.json"}  # the batch's own files in the output folder
