"""Undoing a wrong merge, within DUPLICATE_UNDO_DAYS and while the kept record is unchanged.

Undo puts both records' values back from the merge record, re-points the moved rows that
still exist and still point at the kept record, recreates the weaker match it deleted,
ends the consents it ended no more (they are in force again), gives the account back to its
record, reactivates a login it deactivated, and opens the pair again for review.

What undo cannot restore: the sessions a deactivated login had (its owner logs in again);
rows added to the kept record after the merge stay there (a contact logged after the merge
is the kept record's); rows deleted since the merge stay deleted; the stored match scores
are computed afresh.
"""

from datetime import timedelta

from flask import current_app
from flask_babel import gettext as _

from crm.audit import log as audit
from crm.audit.log import Action
from crm.database import utcnow
from crm.duplicates import fields, steps
from crm.duplicates.merge import MergeRefused
from crm.duplicates.models import DuplicatePair, PairStatus, VolunteerMerge
from crm.extensions import db
from crm.volunteers.models import Volunteer


def undo_deadline(record: VolunteerMerge):
    """Until when the merge can be undone."""
    return record.merged_at + timedelta(days=current_app.config["DUPLICATE_UNDO_DAYS"])


def refusal(record: VolunteerMerge, kept: Volunteer | None, merged: Volunteer | None) -> str | None:
    """Why this merge cannot be undone now, or None when it can."""
    if record.undone_at is not None:
        return _("This merge was undone already.")
    if utcnow() > undo_deadline(record):
        return _("A merge can be undone for %(days)d days only.", days=days())
    if kept is None or merged is None or kept.erased_at is not None:
        return _("The kept record was erased, so the merge cannot be undone.")
    if merged.merged_into_id != kept.id:
        return _("The other record is no longer merged into this one.")
    if kept.version != record.before.get("kept_version"):
        return changed_since()
    return None


def changed_since() -> str:
    """The refusal of an undo when the kept record was saved after the merge."""
    return _("The kept record was changed after the merge; undo would overwrite those changes.")


def refusal_of(record: VolunteerMerge) -> str | None:
    """refusal() for a merge record, loading its two volunteers."""
    return refusal(
        record,
        db.session.get(Volunteer, record.kept_id),
        db.session.get(Volunteer, record.merged_id),
    )


def days() -> int:
    """How many days a merge can be undone (DUPLICATE_UNDO_DAYS)."""
    return int(current_app.config["DUPLICATE_UNDO_DAYS"])


def seal(record: VolunteerMerge, kept: Volunteer) -> None:
    """Note the kept record's version once the merge is complete (after its matches were
    refreshed): an undo is refused when the record has changed since."""
    record.before = {**record.before, "kept_version": kept.version}
    db.session.flush()


def undo(record: VolunteerMerge, actor) -> tuple[Volunteer, Volunteer]:
    """Reverse the merge (see the module docstring); returns (kept, restored). Raises
    MergeRefused with refusal()'s reason. The caller refreshes both records' matches and
    commits."""
    kept = db.session.get(Volunteer, record.kept_id)
    merged = db.session.get(Volunteer, record.merged_id)
    reason = refusal(record, kept, merged)
    if reason is not None:
        raise MergeRefused(reason)
    steps.reverse(record.steps)
    db.session.flush()
    db.session.expire_all()
    kept_before, merged_before = record.before["kept"], record.before["merged"]
    fields.restore(kept, kept_before)
    kept.user_id = kept_before["user_id"]
    db.session.flush()
    fields.restore(merged, merged_before)
    merged.user_id = merged_before["user_id"]
    merged.erased_at = None
    merged.merged_into_id = None
    now = utcnow()
    kept.updated_at = merged.updated_at = now
    record.undone_at = now
    record.undone_by = actor.id if actor else None
    if record.pair_id is not None:
        pair = db.session.get(DuplicatePair, record.pair_id)
        pair.status, pair.decided_by, pair.decided_at = PairStatus.OPEN, None, None
    db.session.flush()
    audit.record(Action.MERGE_UNDONE, volunteer_id=kept.id, merged_id=merged.id, merge_id=record.id)
    audit.record(Action.MERGE_UNDONE, volunteer_id=merged.id, kept_id=kept.id, merge_id=record.id)
    return kept, merged
