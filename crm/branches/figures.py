"""The small-group rule for figures a branch sees about members who do not share with it.

A branch contact sees members who share their profile by name, so figures about them are exact.
Everyone else in the branch ("the others") appears only in counts, and a count is printed only
when no reader can tell something about one or two people from it, alone or together with the
other figures we show. The contact can name the others (the party's member list, minus the
names we list), so the rule protects both a small count and a small remainder:

1. A count of others below MIN_GROUP reads "under 3" (0, 1 and 2 alike).
2. Figures form a tree, and a count is printed only when its parent is printed and the others it
   leaves out of the parent are either none or at least MIN_GROUP; otherwise it reads "not
   shown". So no subtraction of two printed figures gives 1 or 2.
3. The root, the branch's registered others, is the group a contact can name; a figure directly
   under it must leave at least MIN_GROUP out (even "none left out" would say "all of them").
4. We never print a total that adds named members and others; the two parts stand side by side.

The tree (crm/matches/branch_members.py builds it): registered others → [those involved in any
project: a gate, never printed] → interested others and placed others → each by project; placed
others → completed others (the report) → by year. The involvement gate keeps "interested" and
"placed" from adding up to all the others. Left open: a contact who reads the page on two days
may see a count change by one; the rule limits what one reading shows, not the history.
"""

from dataclasses import dataclass

MIN_GROUP = 3
"""The smallest group of members who do not share that a figure may describe."""

SHOWN, UNDER, WITHHELD = "shown", "under", "withheld"
ROOT, GATE, COUNT = "root", "gate", "count"


@dataclass(frozen=True)
class Figure:
    """A count of members who do not share, as it may be printed: `value` only when shown."""

    status: str
    value: int | None = None
    kind: str = COUNT
    true_count: int = 0
    """The true count, for checking the figures below it; never printed."""

    @property
    def shown(self) -> bool:
        return self.status == SHOWN


def root_figure(count: int) -> Figure:
    """The branch's registered others: shown when there are at least MIN_GROUP."""
    if count < MIN_GROUP:
        return Figure(UNDER, kind=ROOT, true_count=count)
    return Figure(SHOWN, count, ROOT, count)


def gate_figure(count: int, root: Figure) -> Figure:
    """An unprinted group under the root (e.g. "involved in any project"): it passes only when
    at least MIN_GROUP of the others are left out of it, so its children cannot add up to all."""
    status = SHOWN if root.shown and root.true_count - count >= MIN_GROUP else WITHHELD
    return Figure(status, None, GATE, count)


def child_figure(count: int, parent: Figure) -> Figure:
    """A count of others inside `parent`'s group, printed only under the rule above."""
    if count < MIN_GROUP:
        return Figure(UNDER, true_count=count)
    left_out = parent.true_count - count
    if parent.kind == ROOT:
        small_rest = left_out < MIN_GROUP
    elif parent.kind == GATE:
        small_rest = False  # the gate is never printed, and it left MIN_GROUP out of the root
    else:
        small_rest = 0 < left_out < MIN_GROUP
    if not parent.shown or small_rest:
        return Figure(WITHHELD, true_count=count)
    return Figure(SHOWN, count, COUNT, count)
