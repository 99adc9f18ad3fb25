"""Bulk selections carry each candidate once, with the version the consultant saw."""

import pytest

from crm.matches.forms import parse_selection


def test_selection_pairs_ids_with_versions():
    assert parse_selection(["3:1", "7:4"]) == [(3, 1), (7, 4)]


@pytest.mark.parametrize(
    "values",
    [["3"], ["3:"], ["3:1", "3:1"], ["3:1", "3:2"], ["x:1"], ["99999999999999999999:1"], ["0:1"]],
)
def test_malformed_repeated_or_versionless_selections_are_refused(values):
    with pytest.raises(ValueError):
        parse_selection(values)
