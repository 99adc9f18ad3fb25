"""A volunteer's contact log for their own data export: when and how, never the notes."""

from sqlalchemy import select

from crm.contacts.models import ContactLogEntry
from crm.extensions import db


def volunteer_contact_summary(volunteer_id: int) -> list[dict]:
    """The date, channel and direction of each contact with this volunteer, oldest first.

    The summary and outcome are the consultant's notes, which volunteers never see (PRODUCT.md);
    the export says so and tells them to ask the consultant.
    """
    rows = db.session.execute(
        select(ContactLogEntry.at, ContactLogEntry.channel, ContactLogEntry.direction)
        .where(ContactLogEntry.volunteer_id == volunteer_id)
        .order_by(ContactLogEntry.at, ContactLogEntry.id)
    )
    return [
        {"at": at.isoformat(), "channel": channel, "direction": direction}
        for at, channel, direction in rows
    ]
