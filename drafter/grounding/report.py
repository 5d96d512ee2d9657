"""The grounding report: findings as text lines and as JSON-ready data."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from drafter.grounding.claims import Claim
from drafter.grounding.fill import Fill
from drafter.grounding.findings import Omission


@dataclass
class GroundingReport:
    """The result of a check: unsupported claims, placeholders left unfilled, placeholders filled, the filled text."""

    unsupported: list[Claim]
    placeholders: list[dict]
    filled: list[Fill]
    text: str
    claims: list[Claim] = field(default_factory=list, repr=False)
    omitted: list[Omission] = field(default_factory=list)
    fact_texts: list[str] = field(default_factory=list, repr=False)

    @property
    def ok(self) -> bool:
        """True when nothing is unsupported, no fact is left out and no placeholder is left."""
        return not self.unsupported and not self.placeholders and not self.omitted

    def to_dict(self) -> dict:
        """Plain data for JSON output: unsupported claims, unfilled placeholders, fills and omitted facts."""
        return {"unsupported": [c.to_dict(self.fact_texts) for c in self.unsupported],
                "placeholders": [dict(p) for p in self.placeholders],
                "filled": [asdict(f) for f in self.filled],
                "omitted": [o.to_dict() for o in self.omitted]}

    def warnings(self) -> list[str]:
        """One human-readable line per unsupported claim, unfilled placeholder and fill, in text order."""
        return self.finding_lines("line ", sentence_sep=" in: ", width=120, fills_applied=True)

    def finding_lines(self, where: str, sentence_sep: str, width: int, fills_applied: bool) -> list[str]:
        """Every finding as 'WHERE{line}:{col}: …', in text order; fills read as done or as still to make."""
        rows: list[tuple[int, int, str]] = []
        for claim in self.unsupported:
            kind = claim.verdict or "unsupported"
            what = f"{kind} {claim.kind}" if kind in ("invented", "unsupported") else kind
            reason = f" ({claim.reason})" if claim.reason and kind not in ("invented", "unsupported") else ""
            rows.append((claim.line, claim.col, f"{where}{claim.line}:{claim.col}: {what} {claim.text!r}{reason}"
                                                f"{sentence_sep}{_shorten(claim.sentence, width)}"))
        for place in self.placeholders:
            rows.append((place["line"], place["col"], f"{where}{place['line']}:{place['col']}: placeholder "
                                                      f"{place['text']!r} not filled (no front-matter value fits)"))
        for fill in self.filled:
            done = (f"filled with {fill.value!r} from the front matter" if fills_applied
                    else f"to fill: the front matter gives {fill.value!r}")
            rows.append((fill.line, fill.col, f"{where}{fill.line}:{fill.col}: placeholder {fill.placeholder!r} "
                                              f"{done} ({fill.field})"))
        lines = [text for _, _, text in sorted(rows, key=lambda r: (r[0], r[1]))]
        lines.extend(f"omitted: fact {o.fact + 1} (facts line {o.line}) is stated nowhere in the draft: "
                     f"{_shorten(o.text, width)}" for o in self.omitted)
        return lines


def _shorten(sentence: str, limit: int = 120) -> str:
    sentence = " ".join(sentence.split())
    return sentence if len(sentence) <= limit else sentence[: limit - 1].rstrip() + "…"


def format_report(report: GroundingReport, label: str = "<draft>") -> str:
    """The report as text for a terminal or a log: one 'FILE:line:col: …' line per finding, then a summary line."""
    lines = report.finding_lines(f"{label}:", sentence_sep="\n    in: ", width=160, fills_applied=False)
    checked = f"{len(report.claims)} claim{'s' if len(report.claims) != 1 else ''} checked"
    if not lines:
        lines.append(f"{label}: every number, date and name is in the facts ({checked})")
    else:
        parts = [f"{len(report.unsupported)} unsupported"]
        if report.omitted:
            parts.append(f"{len(report.omitted)} fact{'s' if len(report.omitted) != 1 else ''} left out")
        if report.placeholders:
            parts.append(f"{len(report.placeholders)} placeholder{'s' if len(report.placeholders) != 1 else ''} "
                         "without a value")
        if report.filled:
            parts.append(f"{len(report.filled)} placeholder{'s' if len(report.filled) != 1 else ''} to fill")
        lines.append(f"{label}: " + ", ".join(parts) + f" ({checked})")
    return "\n".join(lines) + "\n"