"""Finding duplicates among all existing volunteers ("find duplicates"), block by block.

The volunteers are read in groups that share a phone key, a postcode or an e-mail address
(one indexed query per kind, only groups of two or more), a postcode group split further by
the people's initials as detection blocks it, and compared within each group: rapidfuzz's
cdist scores a large group's names at once, and only pairs above the threshold are assessed
one by one. Never every volunteer against every other.
"""

from collections.abc import Iterator

import numpy as np
from rapidfuzz import fuzz, process
from sqlalchemy import func, select, update

from crm.audit import log as audit
from crm.audit.log import Action
from crm.duplicates.detect import PERSON_COLUMNS, queue_findings
from crm.duplicates.models import PairSource
from crm.duplicates.similarity import (
    NAME_MIN_WITH_PHONE,
    Finding,
    Person,
    assess,
    person,
)
from crm.extensions import db
from crm.volunteers.models import Volunteer
from crm.volunteers.phones import phone_key
from crm.volunteers.services import not_erased_condition


def fill_phone_keys() -> int:
    """Set the phone key of rows written around the ORM (bulk inserts) that lack one."""
    rows = db.session.execute(
        select(Volunteer.id, Volunteer.phone).where(
            Volunteer.phone_key == "", Volunteer.phone != ""
        )
    ).all()
    for vid, phone in rows:
        db.session.execute(
            update(Volunteer).where(Volunteer.id == vid).values(phone_key=phone_key(phone)),
            execution_options={"synchronize_session": False},
        )
    return len(rows)


def _groups(column) -> Iterator[list[Person]]:
    """The living volunteers in groups of two or more sharing a non-empty `column`."""
    shared = (
        select(column)
        .where(not_erased_condition(), column != "")
        .group_by(column)
        .having(func.count() > 1)
    )
    rows = db.session.execute(
        select(*PERSON_COLUMNS, column.label("key"))
        .where(not_erased_condition(), column.in_(shared))
        .order_by(column, Volunteer.id)
    )
    group: list[Person] = []
    current = None
    for *values, key in rows:
        if key != current and group:
            if len(group) > 1:
                yield group
            group = []
        current = key
        group.append(person(*values))
    if len(group) > 1:
        yield group


BLOCK = 1000
"""Rows of a large group scored at once against the rest (bounds the memory: BLOCK × group)."""


def _near(names: list[str]) -> set[tuple[int, int]]:
    """(i, j), i < j, of the names of a group that may be NAME_MIN_WITH_PHONE alike.

    rapidfuzz scores a block of rows against the whole group at once: the plain ratio of the
    names with their parts sorted (what token_sort_ratio computes, without sorting per pair),
    and token_set_ratio only for names of three parts or more (a middle name). Whole numbers
    suffice here; assess() computes the exact score of each pair found."""
    cutoff = int(NAME_MIN_WITH_PHONE) - 1
    sorted_names = [" ".join(sorted(name.split())) for name in names]
    found: set[tuple[int, int]] = set()
    for start in range(0, len(names), BLOCK):
        scores = process.cdist(
            sorted_names[start : start + BLOCK],
            sorted_names,
            scorer=fuzz.ratio,
            dtype=np.uint8,
            score_cutoff=cutoff,
        )
        for i, j in zip(*np.nonzero(scores), strict=True):
            if start + i < j:
                found.add((start + int(i), int(j)))
    several = np.array([" " in name for name in names])
    middle = [k for k, name in enumerate(names) if name.count(" ") >= 2]
    for start in range(0, len(middle), BLOCK):
        rows = middle[start : start + BLOCK]
        scores = process.cdist(
            [names[k] for k in rows],
            names,
            scorer=fuzz.token_set_ratio,
            dtype=np.uint8,
            score_cutoff=cutoff,
        )
        scores[:, ~several] = 0
        for i, j in zip(*np.nonzero(scores), strict=True):
            a, b = rows[int(i)], int(j)
            if a != b:
                found.add((min(a, b), max(a, b)))
    return found


def _by_initials(group: list[Person]) -> Iterator[list[Person]]:
    """A postcode group split by the people's initials (as detection blocks it); someone with
    a middle name is in a block for each two of their initials."""
    blocks: dict[str, list[Person]] = {}
    for p in group:
        for key in p.initials:
            blocks.setdefault(key, []).append(p)
    yield from (block for block in blocks.values() if len(block) > 1)


def _findings(group: list[Person]) -> Iterator[Finding]:
    """The pairs of one group that look like one person."""
    if len(group) <= 8:
        for i, a in enumerate(group):
            for b in group[i + 1 :]:
                finding = assess(a, b)
                if finding is not None:
                    yield finding
        return
    for i, j in sorted(_near([p.name for p in group])):
        finding = assess(group[i], group[j])
        if finding is not None:
            yield finding


def scan_all(actor=None) -> int:
    """Queue every possible duplicate among all volunteers (source "scan") and audit the count
    (actor: the user who asked, None for the system); returns how many new pairs. Pairs queued
    before, in any status, are left as they are. The caller commits."""
    fill_phone_keys()
    findings: list[Finding] = []
    for column in (Volunteer.phone_key, Volunteer.email):
        for group in _groups(column):
            findings.extend(_findings(group))
    for group in _groups(Volunteer.postcode):
        for block in _by_initials(group):
            findings.extend(_findings(block))
    found = queue_findings(findings, PairSource.SCAN)
    audit.record(Action.DUPLICATES_SCANNED, actor=actor, pairs=found)
    return found
