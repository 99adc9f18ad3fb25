"""Finding duplicates among all existing volunteers ("find duplicates"), block by block.

The volunteers are read in groups that share a phone key, a postcode or an e-mail address
(one indexed query per kind, only groups of two or more), and compared within each group:
rapidfuzz's cdist scores a whole postcode group's names at once, and only pairs above the
threshold are assessed one by one. Never every volunteer against every other.
"""

from collections.abc import Iterator

import numpy as np
from rapidfuzz import fuzz, process
from sqlalchemy import func, select, update

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


def _scores(names: list[str]) -> np.ndarray:
    """Every name against every other of a group, as name_similarity scores them."""
    sort = process.cdist(names, names, scorer=fuzz.token_sort_ratio, dtype=np.float32)
    several = np.array([" " in name for name in names])
    both = np.logical_and.outer(several, several)
    token_set = process.cdist(
        names, names, scorer=fuzz.token_set_ratio, dtype=np.float32, score_cutoff=80
    )
    return np.where(both, np.maximum(sort, token_set), sort)


def _findings(group: list[Person]) -> Iterator[Finding]:
    """The pairs of one group that look like one person."""
    if len(group) <= 8:
        for i, a in enumerate(group):
            for b in group[i + 1 :]:
                finding = assess(a, b)
                if finding is not None:
                    yield finding
        return
    scores = _scores([p.name for p in group])
    rows, cols = np.nonzero(np.triu(scores >= NAME_MIN_WITH_PHONE, k=1))
    for i, j in zip(rows.tolist(), cols.tolist(), strict=True):
        finding = assess(group[i], group[j], round(float(scores[i, j]), 1))
        if finding is not None:
            yield finding


def scan_all() -> int:
    """Queue every possible duplicate among all volunteers (source "scan"); returns how many
    new pairs. Pairs queued before, in any status, are left as they are. The caller commits."""
    fill_phone_keys()
    findings: list[Finding] = []
    for column in (Volunteer.phone_key, Volunteer.postcode, Volunteer.email):
        for group in _groups(column):
            findings.extend(_findings(group))
    return queue_findings(findings, PairSource.SCAN)
