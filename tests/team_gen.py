"""A generated team for tests and benchmarks: N facts files, the three roles in turn, names and figures that
differ from person to person (so no two drafts are alike)."""

from __future__ import annotations

from pathlib import Path

ROLES = ("settlement-office", "sales-inside", "district-insurance-manager")
FIRST = ("Ann", "Bo", "Chen", "Dana", "Eli", "Fay", "Gus", "Hana", "Ivo", "June", "Kai", "Lena")
LAST = ("Lee", "Wang", "Ortiz", "Novak", "Sato", "Brandt", "Okafor", "Silva", "Marsh", "Quinn")


def person_facts(number: int) -> str:
    """One person's facts file: front matter and eight facts under three headings."""
    role = ROLES[number % len(ROLES)]
    name = f"{FIRST[number % len(FIRST)]} {LAST[(number // len(FIRST)) % len(LAST)]} {number}"
    n = number + 7
    return (f"---\nrole: {role}\nname: {name}\nyear: 2026\norganisation: Example Co. Unit {number % 9 + 1}\n---\n\n"
            f"## Results\n- Closed {40 + n} deals worth {1 + n % 17}.{n % 10} million euros\n"
            f"- Raised customer satisfaction to {80 + n % 15}% in the autumn survey\n"
            f"- Cut the average handling time from {20 + n % 9} to {12 + n % 5} days\n"
            f"## Team and work\n- Trained {3 + n % 11} new colleagues on the order system\n"
            f"- Moved {200 + 3 * n} paper files into the electronic archive\n"
            f"## Problems\n- Lost {1 + n % 4} large accounts to a competitor in the third quarter\n"
            f"## Plan\n- Open {2 + n % 6} new regional accounts by June 2027\n"
            f"- Finish the archive move for the remaining {10 + n % 30} files\n")


def make_team(folder: Path, count: int) -> Path:
    """Write `count` facts files p0000.md, p0001.md, … into `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(count):
        (folder / f"p{number:04d}.md").write_text(person_facts(number), encoding="utf-8")
    return folder
