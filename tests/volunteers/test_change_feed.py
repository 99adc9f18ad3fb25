"""The change feed: rows stamped since the last look, late commits, and what forces a full read."""

from datetime import timedelta

from sqlalchemy import update

from crm.database import utcnow
from crm.models import Volunteer
from crm.volunteers import changes


def stamp(db, volunteer, when, created=None) -> None:
    """Set the row's updated_at (and created_at) as a commit by another process would."""
    values = {"updated_at": when} | ({"created_at": created} if created else {})
    db.session.execute(update(Volunteer).where(Volunteer.id == volunteer.id).values(**values))
    db.session.commit()


def test_edits_and_new_volunteers_are_reported_once(db, make_volunteer):
    first, second = make_volunteer(), make_volunteer()
    position = changes.position()
    assert changes.changes_since(position) == ([], changes.changes_since(position)[1])
    stamp(db, second, utcnow())
    third = make_volunteer()
    ids, position = changes.changes_since(position)
    assert ids == [second.id, third.id]
    assert changes.changes_since(position)[0] == []
    assert first.id not in ids


def test_a_change_committed_late_with_an_earlier_stamp_is_still_found(db, make_volunteer):
    early, late = make_volunteer(), make_volunteer()
    now = utcnow()
    stamp(db, early, now - timedelta(minutes=10), created=now - timedelta(days=9))
    stamp(db, late, now - timedelta(minutes=10), created=now - timedelta(days=9))
    other = make_volunteer()
    stamp(db, other, now)
    position = changes.position()
    # A transaction stamped `late` 20 s before `other`, but committed only now.
    stamp(db, late, now - timedelta(seconds=20))
    assert changes.changes_since(position)[0] == [late.id]


def test_a_deleted_row_or_one_added_with_an_old_stamp_asks_for_a_full_read(db, make_volunteer):
    gone, kept = make_volunteer(), make_volunteer()
    position = changes.position()
    db.session.delete(db.session.get(Volunteer, gone.id))
    db.session.commit()
    assert changes.changes_since(position) is None
    position = changes.position()
    old = make_volunteer()
    month_ago = utcnow() - timedelta(days=30)
    stamp(db, old, month_ago, created=month_ago)  # as the demo-data loader writes them
    assert changes.changes_since(position) is None
    assert kept.id
