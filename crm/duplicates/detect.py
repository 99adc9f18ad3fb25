"""Finding possible duplicates of given volunteers, as they are registered, imported or changed.

Blocking keeps it fast at any size: the candidates of one volunteer are found by indexed
lookups of the same phone key, the same postcode (with names starting with the same
letters) or the same e-mail address, never by reading every volunteer.
"""

from collections.abc import Iterable, Sequence

from sqlalchemy import func, or_, select, tuple_
from sqlalchemy.dialects import postgresql, sqlite

from crm.duplicates.models import DuplicatePair, PairSource
from crm.duplicates.similarity import Finding, Person, assess, initial_spellings, person
from crm.extensions import db
from crm.volunteers.models import Volunteer
from crm.volunteers.services import not_erased_condition

PERSON_COLUMNS = (
    Volunteer.id,
    Volunteer.first_name,
    Volunteer.last_name,
    Volunteer.phone_key,
    Volunteer.postcode,
    Volunteer.email,
)


def identity(volunteer: Volunteer) -> tuple:
    """The values detection compares (PERSON_COLUMNS): when a save changes them, the volunteer
    is looked at again."""
    return tuple(getattr(volunteer, column.key) for column in PERSON_COLUMNS)


def _candidates(volunteer: Volunteer) -> list[Person]:
    """Volunteers sharing the phone key, the e-mail address, or the postcode and the initials
    (the first letters of their first and last names are among this volunteer's, in either
    order and however a Danish letter is spelt, as name_key compares them: a typo in a first
    letter is not found by postcode alone)."""
    blocks = []
    if volunteer.phone_key:
        blocks.append(Volunteer.phone_key == volunteer.phone_key)
    if volunteer.email:
        blocks.append(Volunteer.email == volunteer.email.strip())
    postcode = (volunteer.postcode or "").strip()
    initials = initial_spellings(volunteer.first_name or "", volunteer.last_name or "")
    if postcode and initials:
        blocks.append(
            (Volunteer.postcode == postcode)
            & func.substr(Volunteer.first_name, 1, 1).in_(initials)
            & func.substr(Volunteer.last_name, 1, 1).in_(initials)
        )
    if not blocks:
        return []
    rows = db.session.execute(
        select(*PERSON_COLUMNS).where(
            or_(*blocks), Volunteer.id != volunteer.id, not_erased_condition()
        )
    )
    return [person(*row) for row in rows]


def known_pairs(keys: Iterable[tuple[int, int]]) -> set[tuple[int, int]]:
    """Which of these (first_id, second_id) pairs are queued already, whatever their status."""
    wanted = list(set(keys))
    found: set[tuple[int, int]] = set()
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        rows = db.session.execute(
            select(DuplicatePair.first_id, DuplicatePair.second_id).where(
                tuple_(DuplicatePair.first_id, DuplicatePair.second_id).in_(chunk)
            )
        )
        found.update((a, b) for a, b in rows)
    return found


def queue_findings(findings: Iterable[Finding], source: str) -> int:
    """Add the findings not queued before (in any status) as open pairs; returns how many."""
    fresh: dict[tuple[int, int], Finding] = {}
    for finding in findings:
        key = (finding.first_id, finding.second_id)
        if key not in fresh or finding.score > fresh[key].score:
            fresh[key] = finding
    for key in known_pairs(fresh):
        del fresh[key]
    if not fresh:
        return 0
    # a pair another transaction (the scan, a registration) queued meanwhile is left as it is,
    # not a unique-constraint error for the person registering
    dialect = postgresql if db.session.get_bind().dialect.name == "postgresql" else sqlite
    added = db.session.scalars(
        dialect.insert(DuplicatePair)
        .on_conflict_do_nothing(index_elements=["first_id", "second_id"])
        .returning(DuplicatePair.id),
        [
            {
                "first_id": f.first_id,
                "second_id": f.second_id,
                "score": f.score,
                "why": list(f.why),
                "source": str(source),
            }
            for f in fresh.values()
        ],
    ).all()
    return len(added)


def flag_possible_duplicates(volunteers: Sequence[Volunteer], *, source: str) -> int:
    """Queue every possible duplicate of these (flushed) volunteers among the others.

    A pair is queued once: one already open, merged or marked "not the same person" is never
    queued again. Erased and merged-away records are left out. source: registration, import or
    scan (PairSource). Returns the number of new pairs; the caller commits.
    """
    source = PairSource(source)
    findings: list[Finding] = []
    for volunteer in volunteers:
        if volunteer.erased_at is not None or volunteer.id is None:
            continue
        me = person(*identity(volunteer))
        for other in _candidates(volunteer):
            finding = assess(me, other)
            if finding is not None:
                findings.append(finding)
    return queue_findings(findings, source) if findings else 0
