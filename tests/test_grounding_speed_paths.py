"""The short cuts that keep grounding near-linear on large inputs must give exactly what the long way gives: an index
started from another index of the same facts, the pattern scans skipped for text that cannot match, and the clause
breaks found without splitting."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from drafter.facts import Fact, Facts, load_facts
from drafter.grounding import claims as claims_module
from drafter.grounding import support
from drafter.grounding.align import CLAUSE_BREAK, _clause_end, _clause_start

CORPUS = Path(__file__).resolve().parent.parent / "fixtures" / "grounding-claims"
FIXED_TEXT = "Year-end summary 2026\nResults\nPlans for 2027\nThanks to Maria Lopez and the Lakeside team"


def _corpus_facts() -> tuple[Facts, list[str]]:
    """Every fact of the grounding corpus as one facts file (thousands of facts: read in batches), and its drafts."""
    paths = sorted(CORPUS.glob("*/*/facts.md"))
    items = [item for path in paths for item in load_facts(path).items]
    drafts = [(path.parent / "draft.md").read_text(encoding="utf-8") for path in paths]
    return Facts(items, dict(load_facts(paths[0]).meta), "<corpus>"), drafts


def _tables(index: support.FactIndex) -> str:
    """Everything an index holds, sets in sorted order (their order is never read), as one comparable text."""

    def norm(value):
        if isinstance(value, (set, frozenset)):
            return sorted(value, key=repr)
        if isinstance(value, dict):
            return [(repr(k), norm(v)) for k, v in value.items()]
        if isinstance(value, list):
            return [norm(v) for v in value]
        return value

    tables = {name: norm(value) for name, value in vars(index).items() if name not in ("_memo", "judged", "units")}
    return repr((tables, [vars(unit) for unit in index.units]))


def test_an_index_started_from_another_index_of_the_same_facts_equals_a_fresh_one():
    facts, _ = _corpus_facts()
    assert len(facts.items) >= 2 * support.BATCH_EXTRACT_SIZE
    support._PREFIXES.clear()
    fresh = _tables(support.FactIndex(facts, FIXED_TEXT))
    support._PREFIXES.clear()
    first = support.FactIndex(facts, "")  # a section's index: the same facts, no fixed text
    first_tables = _tables(first)
    assert support._PREFIXES  # its full batches of facts were kept
    second = support.FactIndex(facts, FIXED_TEXT)  # the whole draft's: starts from them
    assert second.units[0] is first.units[0]
    assert _tables(second) == fresh
    assert _tables(first) == first_tables  # adding to the copy left the first index as it was


def test_the_whole_draft_index_of_a_few_long_facts_starts_from_the_writers_and_equals_a_fresh_one():
    facts, _ = _corpus_facts()  # the corpus's facts as a few long bullets, each read alone (not in batches)
    chunk = -(-len(facts.items) // 10)
    long_facts = Facts([Fact("; ".join(f.text for f in facts.items[i:i + chunk]), i + 1)
                        for i in range(0, len(facts.items), chunk)], dict(facts.meta), "<long>")
    assert len(long_facts.items) < support.BATCH_EXTRACT_MIN_UNITS
    assert sum(len(f.text) for f in long_facts.items) >= support.WHOLE_PREFIX_MIN_CHARS
    support._PREFIXES.clear()
    fresh_index = support.FactIndex(long_facts, FIXED_TEXT)
    fresh = _tables(fresh_index)
    support._PREFIXES.clear()
    first = support.FactIndex(long_facts, "")  # the offline writer's index: facts and front matter
    first_tables = _tables(first)
    second = support.FactIndex(long_facts, FIXED_TEXT)  # the whole draft's: the role's fixed text added
    assert second.units[0] is first.units[0]  # started from the writer's, not read again
    assert _tables(second) == fresh
    assert _tables(first) == first_tables
    draft = "\n\n".join(f.text for f in long_facts.items[:3]) + "\n\nThanks to Maria Lopez, up 12% on 2025."
    judged = [(c.offset, c.verdict, c.reason, c.fact) for c in _check_with(draft, long_facts, second)]
    assert judged == [(c.offset, c.verdict, c.reason, c.fact) for c in _check_with(draft, long_facts, fresh_index)]


def test_derivations_are_built_only_when_a_claim_needs_one():
    facts = Facts([Fact("Cut average handling time from 12 to 7 minutes", 1), Fact("Signed 418 contracts", 2)],
                  {"year": "2026"}, "<derivations>")
    index = support.FactIndex(facts, FIXED_TEXT)
    assert not _check_with("I signed 418 contracts and cut handling time from 12 to 7 minutes.", facts, index)
    assert not index.derivations  # every figure is stated: no difference or ratio was needed
    claims = _check_with("Handling time fell by 6 minutes.", facts, index)
    assert index.derivations_built and [c.text for c in claims] == ["6 minutes"]  # 12 - 7 is 5, not 6
    assert not _check_with("Handling time fell by 5 minutes.", facts, index)  # 12 - 7


def test_a_derivation_looked_up_within_a_few_facts_is_the_one_the_whole_pool_gives():
    from drafter.grounding.quantities import POINTS, _Quantity

    facts, _ = _corpus_facts()
    built = support.FactIndex(facts, FIXED_TEXT)
    built._derived_pools()  # every unit's derivations, in one sorted pool
    fresh = support.FactIndex(facts, FIXED_TEXT)  # none built: a lookup within facts reads theirs alone
    asked = 0
    for derivation in built.derivations[::7]:
        kind = "percent" if derivation.percent else "duration" if derivation.unit in support.DURATION_BASE else "number"
        measure = derivation.unit if kind == "duration" or derivation.unit == POINTS else None
        q = _Quantity(round(derivation.value, 1), round(derivation.value, 1), kind, measure, False, 1, "x")
        within = frozenset(n for n in (derivation.index - 1, derivation.index, derivation.index + 1)
                           if 0 <= n < len(facts.items))
        for hedge in (None, "about", "up"):
            assert fresh._derivation(q, kind, hedge, within) == built._derivation(q, kind, hedge, within)
            asked += 1
    assert asked > 1000 and not fresh.derivations_built


def _check_with(text: str, facts: Facts, index: support.FactIndex) -> list:
    """The unsupported claims check() finds in text with this index of the facts and FIXED_TEXT."""
    from drafter.grounding import _check

    return _check(text, facts, index, FIXED_TEXT, fill=True, omissions=True, texts=facts.texts).unsupported


NEEDED_EXAMPLES = [
    "Sales doubled, orders tripled and costs halved; three times as many calls, a twofold rise, TWICE the rate.",
    "We did it twice over; 2.5 times higher; four-fold; trebled; quadrupled; halving.",
    "Nine and a half weeks, an hour and a half, 4 and a half percentage points.",
    "92 out of every 100 patients; 94 in every hundred; 9 in 100.",
    "At 09:30, No. 5, No.12 and ticket #42.",
    'The "Rural Broadband" scheme and the “Green Desk” award.',
    "We came first, ranked second, third place, fourth quarter, the fifth round, the twelfth straight year.",
]


def test_every_match_of_a_skipped_pattern_holds_a_string_it_is_said_to_need():
    texts = NEEDED_EXAMPLES + _corpus_facts()[1]
    for name, needed in claims_module.NEEDS.items():
        pattern: re.Pattern = getattr(claims_module, name)
        matched = 0
        for text in texts:
            for match in pattern.finditer(text):
                matched += 1
                assert any(n in match.group(0).lower() for n in needed), (name, match.group(0))
        assert matched, name  # the examples exercise every gated pattern


def test_text_with_a_letter_a_case_blind_pattern_reads_as_ascii_is_always_scanned():
    assert claims_module._lowered("Costs ſ halved") is None  # long s: re.I reads it as "s"
    assert claims_module._lowered("Costs halved") == "costs halved"
    text = "Orders doubled."
    assert list(claims_module._scan(claims_module.MULTIPLE, "MULTIPLE", text, None))  # None: no gate


CLAUSE_TOKENS = list("ab ,;:.()!?\n—–-") + ["and ", " vs ", "while", "AND", " - ", "\n-\n", " -\n"]


@settings(derandomize=True, database=None, deadline=None, max_examples=600)
@given(st.lists(st.sampled_from(CLAUSE_TOKENS), max_size=40).map("".join))
def test_clause_breaks_found_by_search_are_those_split_finds(text):
    assert _clause_start(text) == CLAUSE_BREAK.split(text, maxsplit=1)[0]
    assert _clause_end(text) == CLAUSE_BREAK.split(text)[-1]


def test_the_collector_pause_nests_and_leaves_the_collector_as_it_found_it():
    import gc

    from drafter.bulk import collector_paused

    was = gc.isenabled()
    try:
        gc.enable()
        with collector_paused():
            assert not gc.isenabled()
            with collector_paused():
                assert not gc.isenabled()
            assert not gc.isenabled()  # the inner pause ending resumes nothing
        assert gc.isenabled()
        gc.disable()
        with collector_paused():
            pass
        assert not gc.isenabled()  # paused before: still paused after
        gc.enable()
        try:
            with collector_paused():
                raise ValueError
        except ValueError:
            pass
        assert gc.isenabled()
    finally:
        (gc.enable if was else gc.disable)()


ROLE_TOKENS = ["from ", "up from ", "compared with ", "fell to ", "rose to ", " to ", "-", "–", "→", "->", "12",
               "3.5%", " ", "€", "USD ", "cut costs ", "Brought ", "TO ", "From ", "days ", "x"]


@settings(derandomize=True, database=None, deadline=None, max_examples=400)
@given(st.lists(st.sampled_from(ROLE_TOKENS), max_size=14).map("".join), st.sampled_from(["9", "1,200", "45%"]))
def test_pair_roles_read_with_the_mark_check_are_those_the_patterns_give(before, figure):
    from drafter.grounding import align

    text = before + figure + " days"
    start, end = len(before), len(before) + len(figure)
    window = text[max(0, start - align.ROLE_WINDOW):start]
    if align.BEFORE_MARK.search(window) or align.PAIR_AFTER.match(text, end):
        expected = "before"
    elif align.AFTER_MARK.search(window) or align.PAIR_BEFORE.search(window):
        expected = "after"
    else:
        expected = None
    assert align.pair_role(text, start, end) == expected
    match = align.PAIR_BEFORE.search(text, max(0, start - align.ROLE_WINDOW), start)
    assert align._pair_start(text, start) == (match.start() if match and match.end() == start else start)


def test_anchors_counted_once_per_sentence_are_those_read_claim_by_claim():
    from drafter import grounding
    from drafter.grounding.claims import extract_with_layout
    from drafter.grounding.verdicts import COMMON_CLAIM_UNITS, NAMES_SCANNED, Judge

    compared = 0
    for path in sorted(CORPUS.glob("*/*/facts.md"))[:40]:
        facts = load_facts(path)
        text = (path.parent / "draft.md").read_text(encoding="utf-8")
        claims, layout = extract_with_layout(text)
        judge = Judge(text, facts, grounding._index_for(facts, ""), layout.spans)
        by_sentence: dict[int, list] = {}
        for claim in claims:
            by_sentence.setdefault(judge.sentence_of(claim.offset), []).append(claim)
        for sentence, found in by_sentence.items():
            aligned = judge.aligned(sentence, found)
            for claim in found:
                for within in (aligned, None):
                    expected: set[int] = set()  # the claim-by-claim reading
                    for other in found[:NAMES_SCANNED]:
                        if other is claim:
                            continue
                        if other.kind == "date":
                            units = judge.index.date_units(other)
                            sources = units if len(units) <= COMMON_CLAIM_UNITS else []
                        else:
                            sources = judge._claim_facts(other)
                        expected.update(n for n in sources if within is None or n in within)
                    assert judge._anchors(claim, found, within) == expected
                    compared += bool(expected)
    assert compared > 50


@settings(derandomize=True, database=None, deadline=None, max_examples=300)
@given(st.lists(st.sampled_from(["plan", "plan*", "Sales", "+5%", "kpi", "re-plan", "-", "x*", ""]), max_size=4),
       st.lists(st.sampled_from(["plans ", "Planning", "payment-plan ", "sales", "+5% ", "KPIs", "re-plan", " ", "x",
                                 "-"]), max_size=8).map("".join))
def test_a_section_keyword_score_read_word_first_is_the_pattern_score(keywords, text):
    from drafter.roles import Section, _keyword_score, keyword_pattern

    section = Section(id="s", title="S", kind="results", keywords=tuple(keywords))
    expected = sum(1 for k in section.keywords if re.search(keyword_pattern(k), text.lower())) * section.weight
    assert _keyword_score(section, text) == expected
