"""The consultant's follow-ups as an iCalendar feed.

Privacy: calendar feeds end up with a calendar provider (Google, Microsoft, Apple), outside the
party's control. Each event therefore carries only what the consultant needs to act: the
volunteer's first name and record number ("Opfølgning: Mette (#42)") and the consultant's own
note, plus a link to the record, which needs a login. No surname, e-mail, phone or profile data.
Events are all-day VEVENTs rather than VTODOs because the common calendars (Google in
particular) ignore VTODOs in subscribed feeds.
"""

from collections.abc import Iterable
from datetime import timedelta

from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _
from icalendar import Calendar, Event
from sqlalchemy import select

from crm.auth.models import User
from crm.contacts.models import FollowUp
from crm.database import utcnow
from crm.extensions import db
from crm.volunteers.models import Volunteer

FEED_LIMIT = 1000
"""At most this many open follow-ups in a feed (a calendar is no place for more)."""


def open_follow_ups(user: User) -> list[tuple[FollowUp, str | None]]:
    """The user's open follow-ups with the volunteer's first name, soonest first."""
    rows = db.session.execute(
        select(FollowUp, Volunteer.first_name)
        .outerjoin(Volunteer, Volunteer.id == FollowUp.volunteer_id)
        .where(FollowUp.owner_id == user.id, FollowUp.done_at.is_(None))
        .order_by(FollowUp.due_date, FollowUp.id)
        .limit(FEED_LIMIT)
    )
    return [(row[0], row[1]) for row in rows]


def event_summary(follow_up: FollowUp, first_name: str | None) -> str:
    """The event title: first name and record number only, in the current locale."""
    if follow_up.volunteer_id is None:
        return _("Follow-up")
    return _("Follow-up: %(name)s (#%(id)s)", name=first_name or "?", id=follow_up.volunteer_id)


def build_feed(user: User, rows: Iterable[tuple[FollowUp, str | None]], record_url) -> bytes:
    """Serialise follow-ups as all-day events; record_url(volunteer_id) gives each event's link."""
    locale = user.locale if user.locale in current_app.config["LANGUAGES"] else None
    with force_locale(locale or current_app.config["BABEL_DEFAULT_LOCALE"]):
        calendar = Calendar()
        calendar.add("prodid", "-//Frivillig CRM//follow-ups//DA")
        calendar.add("version", "2.0")
        calendar.add("x-wr-calname", _("Follow-ups (Frivillig CRM)"))
        stamp = utcnow()
        for follow_up, first_name in rows:
            event = Event()
            event.add("uid", f"follow-up-{follow_up.id}@frivillig-crm")
            event.add("dtstamp", stamp)
            event.add("dtstart", follow_up.due_date)
            event.add("dtend", follow_up.due_date + timedelta(days=1))
            event.add("summary", event_summary(follow_up, first_name))
            if follow_up.note:
                event.add("description", follow_up.note)
            if follow_up.volunteer_id is not None:
                event.add("url", record_url(follow_up.volunteer_id))
            event.add("transp", "TRANSPARENT")
            calendar.add_component(event)
    return calendar.to_ical()
