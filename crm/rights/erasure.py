"""Erasure (GDPR Art. 17): the person's data goes for good, the aggregate counts stay.

Design: a tombstone. The volunteer row is kept with its id, branch and registration time and
nothing else: names, e-mail, phone, city, postcode, motivation and availability are blanked, and
experience, languages, countries, derived skills, corrections and consent records are deleted.
The login is deleted (its sessions end first). Everything the person did or that was done
about them stays as a bare act with its free text blanked: matches keep need, state and score
(their explanation, built from the profile, is emptied), pipeline steps keep states and times
(notes and reasons blanked), contact log entries keep time, channel and need (summary and
outcome blanked), the volunteer's own signals keep kind and time, activity reports keep their
figures and status (the description blanked). Follow-up notes about them
are deleted, so are the records of which new needs they were e-mailed about and their digest
watermark (crm/notifications/: no count uses them), a branch's offer that named them loses
its message and the naming, and their debriefs lose their texts and keep "would go again".
The possible-duplicate pairs naming them and the records of merges into or out of their record
(which hold both records' values) are deleted, so is the login of a record merged into theirs
(crm/duplicates/forget.py).

Because the rows stay, every count (matches by state, placements per need and project, contacts
per need, the dashboard chart, a branch's report) is the same after erasure as before, and no
join anywhere changes. Lists of people leave the tombstone out by the twins not_erased_condition
and is_erased in crm/volunteers/services.py; the consultant's record of it answers 404. The id
stays taken by the tombstone, and the volunteer and user tables use AUTOINCREMENT on SQLite, so
no later person ever gets an erased person's id.

What is left cannot be tied back to the person: no identifier but the internal id remains, and
the audit log names them by that id only.
"""

from sqlalchemy import delete, select, update

from crm.activities import personal_data as activity_reports
from crm.activities.debrief_rights import erase_debriefs
from crm.audit import log as audit
from crm.audit.log import Action
from crm.auth.models import User
from crm.auth.sessions import end_sessions
from crm.consultant import name_index
from crm.contacts.models import ContactLogEntry, FollowUp
from crm.database import utcnow
from crm.duplicates.forget import forget as forget_duplicates
from crm.extensions import db
from crm.matches.models import InterestSignal, Match, MatchTransition, OfferMember
from crm.notifications.models import DigestMark, NeedNotice
from crm.outbox.models import OutboxMessage
from crm.outbox.status import to_person_condition
from crm.volunteers.models import Volunteer


def record_request(volunteer: Volunteer, actor=None) -> None:
    """Audit that the person (or the consultant on their behalf) asked for erasure.

    The caller then erases (when the person erases themselves: logs them out in between) and
    commits once, so the request, the erasure and their events are saved together.
    """
    audit.record(Action.ERASURE_REQUEST, volunteer_id=volunteer.id, actor=actor)


def erase(volunteer: Volunteer, actor=None) -> None:
    """Anonymise the volunteer irreversibly, keeping the bare acts for the counts (see above)."""
    vid = volunteer.id
    user = db.session.get(User, volunteer.user_id) if volunteer.user_id else None
    match_ids = select(Match.id).where(Match.volunteer_id == vid).scalar_subquery()
    named_in = select(OfferMember.match_id).where(OfferMember.volunteer_id == vid)
    db.session.execute(
        update(Match).where(Match.id.in_(named_in)).values(offer_message=""),
        execution_options={"synchronize_session": False},
    )
    db.session.execute(delete(OfferMember).where(OfferMember.volunteer_id == vid))
    db.session.execute(
        update(Match)
        .where(Match.volunteer_id == vid)
        .values(explanation=[], reasons=[], offer_message=""),
        execution_options={"synchronize_session": False},
    )
    db.session.execute(
        update(MatchTransition)
        .where(MatchTransition.match_id.in_(match_ids))
        .values(note="", reason=""),
        execution_options={"synchronize_session": False},
    )
    db.session.execute(
        update(InterestSignal).where(InterestSignal.volunteer_id == vid).values(note=""),
        execution_options={"synchronize_session": False},
    )
    db.session.execute(
        update(ContactLogEntry)
        .where(ContactLogEntry.volunteer_id == vid)
        .values(summary="", outcome=""),
        execution_options={"synchronize_session": False},
    )
    activity_reports.blank_for_erasure(vid)  # the figures stay counted, the text goes
    db.session.execute(delete(FollowUp).where(FollowUp.volunteer_id == vid))
    erase_debriefs(vid)  # the texts go, "would go again" stays for the counts
    db.session.execute(delete(NeedNotice).where(NeedNotice.volunteer_id == vid))  # no count
    db.session.execute(delete(DigestMark).where(DigestMark.volunteer_id == vid))
    forget_duplicates(vid)  # possible-duplicate pairs, merge records, merged-in records' logins
    addresses = (volunteer.email, user.email if user else "")
    db.session.execute(  # every e-mail to them, sent or waiting: the outbox keeps no copy
        delete(OutboxMessage).where(to_person_condition(vid, addresses)),
        execution_options={"synchronize_session": False},
    )

    now = utcnow()
    volunteer.first_name = volunteer.last_name = ""
    volunteer.email = volunteer.phone = volunteer.city = volunteer.motivation = ""
    volunteer.postcode = ""
    volunteer.claim_nonce = None  # an invitation to claim an imported profile stops working
    volunteer.claim_invited_at = None
    volunteer.available_from = volunteer.available_to = None
    volunteer.hours_per_month = None
    volunteer.travel = None
    volunteer.share_with_branch = False
    volunteer.consent_version = None
    volunteer.consent_at = None
    volunteer.consent_withdrawn_at = now
    volunteer.retention_reminded_at = None
    volunteer.experience = []
    volunteer.languages = []
    volunteer.countries = []
    volunteer.skills = []
    volunteer.corrections = []
    volunteer.consent_records = []
    volunteer.user_id = None
    volunteer.erased_at = now
    volunteer.updated_at = now
    db.session.flush()
    if user is not None:
        end_sessions(user, "erased")
        db.session.delete(user)
    audit.record(Action.ERASED, volunteer_id=vid, actor=actor)
    db.session.flush()
    db.session.expire_all()
    name_index.drop_file()  # it holds every name; rewritten without this one at the next search
