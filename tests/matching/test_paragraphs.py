"""Whole profile paragraphs: the figures docs/matching.md reports must not fall."""

import pytest

from crm.matching import Normaliser, load_taxonomy
from crm.matching.evaluation import PARAGRAPHS_YEAR, evaluate_paragraphs, load_paragraphs, main

MARGIN = 0.03
"""How far a figure may fall below the reported one (one paragraph of 30 is 3.3 points)."""

REPORTED = {  # docs/matching.md, "Whole paragraphs"
    "tune": dict(
        precision=0.910, recall=0.962, exact_sets=0.768, level_exact=0.921,
        level_within_one=0.980, years=0.990,
    ),
    "held-out": dict(
        precision=0.849, recall=0.954, exact_sets=0.667, level_exact=0.823,
        level_within_one=0.935, years=0.919,
    ),
}  # fmt: skip


def test_the_paragraph_set_is_large_mixed_and_has_a_held_out_part():
    paragraphs = load_paragraphs()
    assert len(paragraphs) >= 80
    assert sum(p.part == "held-out" for p in paragraphs) >= 25
    assert {p.part for p in paragraphs} == {"tune", "held-out"}
    assert sum(not p.expected for p in paragraphs) >= 8
    assert sum(len(p.expected) >= 2 for p in paragraphs) >= 60
    assert sum(any(y is not None for _l, y in p.expected.values()) for p in paragraphs) >= 30
    areas = set(load_taxonomy().slugs)
    assert all(set(p.expected) <= areas for p in paragraphs)
    assert all(1 <= level <= 4 for p in paragraphs for level, _y in p.expected.values())


@pytest.mark.parametrize("part", sorted(REPORTED))
def test_the_figures_do_not_fall_below_those_reported(part):
    normaliser = Normaliser(load_taxonomy(), reference_year=PARAGRAPHS_YEAR)
    report = evaluate_paragraphs(normaliser, [p for p in load_paragraphs() if p.part == part])
    for name, reported in REPORTED[part].items():
        assert getattr(report, name) >= reported - MARGIN, (name, report.failures)


def test_the_evaluation_command_scores_each_part_and_lists_what_it_missed(capsys):
    assert main(["--paragraphs", "--part", "tune"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("tune: 56 paragraphs: precision ")
    assert "held-out" not in "\n".join(lines)
    assert any("missed" in line or "extra" in line or "want" in line for line in lines[1:])
