"""Logging a contact on a record, the same flow for a volunteer and for a branch: the form, and
saving it with its optional follow-up and pipeline move."""

from dataclasses import dataclass

from flask import request
from flask_login import current_user

from crm.branches.models import Branch
from crm.consultant import record, services
from crm.consultant.forms import RecordContactForm
from crm.contacts.services import local_now, local_to_utc
from crm.extensions import db
from crm.locking import StaleEdit
from crm.matches.services import TransitionError
from crm.volunteers.models import Volunteer


@dataclass(frozen=True)
class Logged:
    """A saved contact: its timeline anchor and the state its match moved to (if it moved)."""

    anchor: str
    moved_to: str | None


@dataclass(frozen=True)
class Refused:
    """A refused move: nothing was saved; the status to answer with and the reason to show."""

    status: int
    message: str


def contact_form(matches: list[services.MatchOption], **kwargs) -> RecordContactForm:
    """The contact form offering the owner's matches (a first showing picks the usual move)."""
    form = RecordContactForm(**kwargs)
    form.fill_matches(matches, remember=request.method == "GET")
    return form


def new_contact_form(matches: list[services.MatchOption], chosen: int | None) -> RecordContactForm:
    """An empty contact form at the current minute, about the chosen match."""
    now = local_now().replace(tzinfo=None, second=0, microsecond=0)
    return contact_form(matches, at=now, match_id=chosen)


def save_contact(owner: Volunteer | Branch, form: RecordContactForm) -> Logged | Refused:
    """Record the validated form's contact on the volunteer or branch, uncommitted.

    A move goes through the pipeline with the version the consultant saw. When it is refused
    the session is rolled back and the form offers the matches as they now are, so the text
    as typed can be saved again.
    """
    move = form.move()
    try:
        entry = services.record_contact(
            owner,
            current_user,
            channel=form.channel.data,
            direction=form.direction.data,
            at=local_to_utc(form.at.data),
            summary=form.summary.data.strip(),
            outcome=(form.outcome.data or "").strip(),
            match_id=form.match_id.data,
            follow_up_date=form.follow_up_date.data,
            follow_up_note=(form.follow_up_note.data or "").strip(),
            move_to=move[0] if move else None,
            expected_version=move[1] if move else None,
            reason_code=form.move_reason_code(),
        )
    except (TransitionError, StaleEdit) as error:
        db.session.rollback()
        matches = services.match_options(owner)
        form.fill_matches(matches, remember=True)
        state = next((m.state for m in matches if m.id == form.match_id.data), "")
        status = 409 if isinstance(error, StaleEdit) else 400
        return Refused(status, record.refusal(error, state))
    return Logged(entry.anchor, move[0] if move else None)
