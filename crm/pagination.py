"""Paginated lists: the page number asked for, and the one Page shape every pager draws."""

from dataclasses import dataclass
from math import ceil
from typing import Generic, TypeVar

from flask import request

from crm.converters import OutOfRange, read_int

MAX_PAGE = 100_000
T = TypeVar("T")


def page_number(value: object) -> int:
    """A submitted page number as an int between 1 and MAX_PAGE.

    Anything unreadable is page 1; a number beyond the last page allowed is MAX_PAGE.
    """
    try:
        return read_int(value, 1, MAX_PAGE)
    except OutOfRange:
        return 1 if str(value).strip().startswith(("-", "0")) else MAX_PAGE
    except ValueError:
        return 1


def requested_page() -> int:
    """?page=N, as page_number() reads it."""
    return page_number(request.args.get("page"))


def offset(page: int, per_page: int) -> int:
    """How many rows come before page `page` (1-based)."""
    return (page - 1) * per_page


def page_count(total: int, per_page: int) -> int:
    """How many pages `total` rows fill; an empty list still has one (empty) page."""
    return max(1, ceil(total / per_page))


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of a list: its items, where it sits in the whole list, and the pager's numbers."""

    items: list[T]
    page: int
    per_page: int
    total: int

    @property
    def pages(self) -> int:
        """How many pages the whole list has (at least one)."""
        return page_count(self.total, self.per_page)

    @property
    def has_prev(self) -> bool:
        """True when there is a page before this one."""
        return self.page > 1

    @property
    def has_next(self) -> bool:
        """True when there is a page after this one."""
        return self.page < self.pages

    @property
    def first(self) -> int:
        """The position in the whole list of this page's first item (1-based)."""
        return offset(self.page, self.per_page) + 1

    def numbers(self, around: int = 1) -> list[int | None]:
        """The page numbers a pager links to: the first, the last and those `around` this one.

        None stands for a gap of two or more pages; a gap of one page shows that page instead.
        """
        near = range(self.page - around, self.page + around + 1)
        shown = sorted(n for n in {1, self.pages, *near} if 1 <= n <= self.pages)
        numbers: list[int | None] = []
        previous = 0
        for number in shown:
            if number - previous == 2:
                numbers.append(number - 1)
            elif number - previous > 2:
                numbers.append(None)
            numbers.append(number)
            previous = number
        return numbers
