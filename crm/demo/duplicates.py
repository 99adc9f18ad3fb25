"""Two synthetic volunteers registered twice, as a party office meets them, so that the queue of
possible duplicates has something to show in the demo."""

from sqlalchemy import select

from crm.auth.models import User
from crm.demo.accounts import VOLUNTEER_EMAIL
from crm.duplicates.detect import flag_possible_duplicates
from crm.duplicates.models import PairSource
from crm.extensions import db
from crm.volunteers.models import Volunteer

TWINS = 2
"""How many people the demo has registered twice."""


def plant_duplicates() -> int:
    """Make the last synthetic volunteers with a phone the second registration of the first
    ones, from another address: the same first name and phone, the last name with one letter
    dropped. Queues them as
    found on registration; returns how many pairs were queued."""
    with_phone = db.session.scalars(
        select(Volunteer)
        .where(Volunteer.phone != "", Volunteer.email != VOLUNTEER_EMAIL)
        .order_by(Volunteer.id)
    ).all()
    if len(with_phone) < 2 * TWINS:
        return 0
    twins = with_phone[-TWINS:]
    for original, twin in zip(with_phone[:TWINS], twins, strict=True):
        twin.first_name = original.first_name
        last = original.last_name
        twin.last_name = last[:-1] if len(last) > 4 else last + "e"
        twin.phone = original.phone
        twin.email = original.email.split("@")[0] + ".privat@example.net"  # their other address
        if twin.user_id is not None:
            db.session.get(User, twin.user_id).email = twin.email
    db.session.flush()
    return flag_possible_duplicates(twins, source=PairSource.REGISTRATION)
