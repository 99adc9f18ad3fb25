"""What erasure removes of the duplicates area: the person's pairs, the merge records that
hold their values, and the login of a record merged into theirs (deactivated, but holding an
e-mail address)."""

from sqlalchemy import delete, or_, select

from crm.auth.models import User
from crm.auth.sessions import end_sessions
from crm.duplicates.models import DuplicatePair, VolunteerMerge
from crm.extensions import db
from crm.volunteers.models import Volunteer


def forget(volunteer_id: int) -> None:
    """Delete the pairs and merge records naming the volunteer, and the logins of the records
    merged into theirs; called by crm/rights/erasure.py before the person's own login goes."""
    merged = list(
        db.session.scalars(select(Volunteer).where(Volunteer.merged_into_id == volunteer_id))
    )
    for tombstone in merged:
        if tombstone.user_id is not None:
            user = db.session.get(User, tombstone.user_id)
            tombstone.user_id = None
            db.session.flush()
            end_sessions(user, "erased")
            db.session.delete(user)
    db.session.execute(
        delete(VolunteerMerge).where(
            or_(VolunteerMerge.kept_id == volunteer_id, VolunteerMerge.merged_id == volunteer_id)
        )
    )
    db.session.execute(
        delete(DuplicatePair).where(
            or_(DuplicatePair.first_id == volunteer_id, DuplicatePair.second_id == volunteer_id)
        )
    )
