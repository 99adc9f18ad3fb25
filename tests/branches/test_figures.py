"""The small-group rule: no printed figure, and no difference of two, tells of 1 or 2 others."""

from itertools import product

from crm.branches.figures import MIN_GROUP, child_figure, gate_figure, root_figure


def printed(figure) -> str:
    return str(figure.value) if figure.shown else figure.status


def test_counts_of_fewer_than_three_read_under():
    assert [printed(root_figure(n)) for n in range(5)] == ["under"] * 3 + ["3", "4"]
    root = root_figure(40)
    assert [printed(child_figure(n, root)) for n in (0, 1, 2)] == ["under"] * 3


def test_a_figure_under_all_the_others_must_leave_three_out():
    root = root_figure(10)
    assert printed(child_figure(7, root)) == "7"
    assert [printed(child_figure(n, root)) for n in (8, 9, 10)] == ["withheld"] * 3


def test_a_figure_under_a_count_may_equal_it_but_not_miss_it_by_one_or_two():
    parent = child_figure(8, root_figure(20))
    assert [printed(child_figure(n, parent)) for n in (8, 7, 6, 5)] == [
        "8",
        "withheld",
        "withheld",
        "5",
    ]


def test_nothing_is_printed_under_a_figure_that_is_not():
    withheld = child_figure(9, root_figure(10))
    assert printed(child_figure(9, withheld)) == "withheld"
    assert printed(child_figure(2, withheld)) == "under"


def test_the_gate_keeps_interested_and_placed_from_adding_up_to_all_the_others():
    root = root_figure(8)
    shut = gate_figure(6, root)  # only 2 others took no part: "interested 3, placed 3" would tell
    assert printed(child_figure(3, shut)) == "withheld"
    gate = gate_figure(5, root)
    assert [printed(child_figure(n, gate)) for n in (3, 4, 5)] == ["3", "4", "5"]


def test_no_two_printed_figures_differ_by_one_or_two():
    """Every parent and child count up to 12: whenever both are printed, the child is the parent
    or at least MIN_GROUP less, and a child of all the others leaves MIN_GROUP out."""
    for whole, part, sub in product(range(13), repeat=3):
        if not sub <= part <= whole:
            continue
        root = root_figure(whole)
        child = child_figure(part, root)
        grandchild = child_figure(sub, child)
        for upper, lower in ((root, child), (child, grandchild)):
            if upper.shown and lower.shown:
                rest = upper.value - lower.value
                assert rest == 0 and upper is not root or rest >= MIN_GROUP, (whole, part, sub)
