"""Art. 15: everything held about one volunteer, built once for the JSON file and the HTML page.

One query per section, whatever the person's history: the profile (with its collections),
consent records, what was read from their text, matches, pipeline steps, their own requests,
the new needs they were e-mailed about (their e-mail choices are in the profile), the e-mails
to them still in the outbox, the contact log (summaries and outcomes, e-mails sent included),
follow-up notes, branch offers naming them, the activities reported on their placements, their
debriefs, the records of theirs merged into this one and the times it was found to look like
another volunteer's (crm/duplicates/), and the audit events about them. Times are kept as
datetimes; json_default turns them into ISO strings for the file, the page formats them for the
reader.
"""

from datetime import date, datetime

from sqlalchemy import func, or_, select
from sqlalchemy.orm import aliased, selectinload

from crm.activities.debrief_rights import export_debriefs
from crm.activities.personal_data import reports_of as activity_reports
from crm.audit import log as audit
from crm.audit.log import Action
from crm.audit.models import AuditEvent
from crm.auth.models import STAFF_ROLES, User
from crm.branches.models import Branch
from crm.contacts.models import Channel, ContactLogEntry, FollowUp
from crm.duplicates.models import DuplicatePair, VolunteerMerge
from crm.extensions import db
from crm.matches import skills
from crm.matches.models import InterestSignal, Match, MatchTransition, OfferMember
from crm.notifications.models import NeedNotice
from crm.outbox.models import OutboxMessage
from crm.outbox.status import to_person_condition
from crm.projects.models import Need, Project
from crm.volunteers import profile_export, services
from crm.volunteers.models import Volunteer


def _staff_name():
    """The name (or e-mail) of a member of staff, as SQL; staff names may be shown."""
    return func.coalesce(func.nullif(User.name, ""), User.email)


def load(volunteer_id: int) -> Volunteer | None:
    """The volunteer with every collection of the profile loaded (not an erased tombstone)."""
    return db.session.scalar(
        select(Volunteer)
        .where(Volunteer.id == volunteer_id, services.not_erased_condition())
        .options(
            selectinload(Volunteer.experience),
            selectinload(Volunteer.languages),
            selectinload(Volunteer.countries),
            selectinload(Volunteer.skills),
            selectinload(Volunteer.corrections),
            selectinload(Volunteer.consent_records),
        )
    )


def _matches(vid: int) -> list[dict]:
    rows = db.session.execute(
        select(Match, Need.title, Project.title)
        .join(Need, Need.id == Match.need_id)
        .join(Project, Project.id == Need.project_id)
        .where(Match.volunteer_id == vid)
        .order_by(Match.created_at, Match.id)
    ).all()
    steps = db.session.execute(
        select(MatchTransition, _staff_name())
        .join(Match, Match.id == MatchTransition.match_id)
        .outerjoin(User, User.id == MatchTransition.user_id)
        .where(Match.volunteer_id == vid)
        .order_by(MatchTransition.at, MatchTransition.id)
    ).all()
    history: dict[int, list[dict]] = {}
    for step, who in steps:
        history.setdefault(step.match_id, []).append(
            {
                "at": step.at,
                "from": step.from_state,
                "to": step.to_state,
                "by": who,
                "reason": step.reason,
                "note": step.note,
            }
        )
    return [
        {
            "need": need_title,
            "project": project_title,
            "state": match.state,
            "your_score": round(match.score, 1),
            "excluded_by_a_requirement": match.excluded,
            "interested_at": match.interested_at,
            "created_at": match.created_at,
            "history": history.get(match.id, []),
        }
        for match, need_title, project_title in rows
    ]


def _requests(vid: int) -> list[dict]:
    rows = db.session.execute(
        select(InterestSignal, Need.title)
        .join(Match, Match.id == InterestSignal.match_id)
        .join(Need, Need.id == Match.need_id)
        .where(InterestSignal.volunteer_id == vid)
        .order_by(InterestSignal.at, InterestSignal.id)
    ).all()
    return [{"at": s.at, "need": title, "kind": s.kind, "note": s.note} for s, title in rows]


def _told_about(vid: int) -> list[dict]:
    """The new needs the volunteer was e-mailed about (crm/notifications/digest.py)."""
    rows = db.session.execute(
        select(NeedNotice.sent_at, Need.title)
        .join(Need, Need.id == NeedNotice.need_id)
        .where(NeedNotice.volunteer_id == vid)
        .order_by(NeedNotice.sent_at, Need.id)
    ).all()
    return [{"at": at, "need": title} for at, title in rows]


def _outbox(vid: int, addresses: tuple[str, ...]) -> list[dict]:
    """The e-mails to the volunteer the outbox holds (sent ones for OUTBOX_RETENTION_DAYS):
    what and when, without the text, which can hold a one-time link (a password reset's) and,
    for an e-mail from the tool, is in the contact log already."""
    rows = db.session.scalars(
        select(OutboxMessage)
        .where(to_person_condition(vid, addresses))
        .order_by(OutboxMessage.created_at, OutboxMessage.id)
    )
    return [
        {
            "at": m.created_at,
            "kind": m.kind,
            "subject": m.subject,
            "status": m.status,
            "sent_at": m.sent_at,
        }
        for m in rows
    ]


def _contacts(vid: int) -> list[dict]:
    rows = db.session.execute(
        select(ContactLogEntry, _staff_name(), Need.title)
        .outerjoin(User, User.id == ContactLogEntry.author_id)
        .outerjoin(Match, Match.id == ContactLogEntry.match_id)
        .outerjoin(Need, Need.id == Match.need_id)
        .where(ContactLogEntry.volunteer_id == vid)
        .order_by(ContactLogEntry.at, ContactLogEntry.id)
    ).all()
    return [
        {
            "at": c.at,
            "channel": c.channel,
            "direction": c.direction,
            "by": who,
            "need": need,
            "summary": c.summary,
            "outcome": c.outcome,
            "email_sent": c.channel == Channel.EMAIL and c.direction == "out",
        }
        for c, who, need in rows
    ]


def _follow_ups(vid: int) -> list[dict]:
    rows = db.session.execute(
        select(FollowUp, _staff_name())
        .join(User, User.id == FollowUp.owner_id)
        .where(FollowUp.volunteer_id == vid)
        .order_by(FollowUp.due_date, FollowUp.id)
    ).all()
    return [
        {"due": f.due_date, "by": who, "note": f.note, "done_at": f.done_at, "at": f.created_at}
        for f, who in rows
    ]


def _offers(vid: int) -> list[dict]:
    """Offers naming the volunteer; the branch's message only when it named them alone, as a
    message about a group can be about other members (Art. 15(4))."""
    named = (
        select(func.count())
        .where(OfferMember.match_id == Match.id)
        .correlate(Match)
        .scalar_subquery()
    )
    rows = db.session.execute(
        select(Match, Need.title, Branch.name, named)
        .join(OfferMember, OfferMember.match_id == Match.id)
        .join(Need, Need.id == Match.need_id)
        .join(Branch, Branch.id == Match.branch_id)
        .where(OfferMember.volunteer_id == vid)
        .order_by(Match.offered_at, Match.id)
    ).all()
    return [
        {
            "need": need,
            "branch": branch,
            "state": m.state,
            "offered_at": m.offered_at,
            "message": m.offer_message if members == 1 else None,
        }
        for m, need, branch, members in rows
    ]


def _merges(vid: int) -> list[dict]:
    """Records of the person merged into this one: when, by whom, and whether undone. Both
    records' values before the merge are kept with it, for undo, until the merge is erased."""
    rows = db.session.execute(
        select(VolunteerMerge, _staff_name())
        .outerjoin(User, User.id == VolunteerMerge.merged_by)
        .where(VolunteerMerge.kept_id == vid)
        .order_by(VolunteerMerge.merged_at, VolunteerMerge.id)
    ).all()
    return [
        {
            "at": m.merged_at,
            "merged_record": m.merged_id,
            "by": who,
            "undone_at": m.undone_at,
            "values_before_kept_for_undo": True,
        }
        for m, who in rows
    ]


def _possible_duplicates(vid: int) -> list[dict]:
    """Times the record was found to look like another volunteer's; the other is not named,
    as it may be someone else (Art. 15(4))."""
    rows = db.session.scalars(
        select(DuplicatePair)
        .where((DuplicatePair.first_id == vid) | (DuplicatePair.second_id == vid))
        .order_by(DuplicatePair.created_at, DuplicatePair.id)
    )
    return [
        {
            "at": p.created_at,
            "why": list(p.why),
            "found_by": p.source,
            "status": p.status,
            "decided_at": p.decided_at,
        }
        for p in rows
    ]


def _audit(vid: int, user_id: int | None) -> list[dict]:
    """Events about the record, and about the login (logins, failed logins, password changes)."""
    actor = aliased(User)
    about = AuditEvent.volunteer_id == vid
    if user_id is not None:
        about = or_(about, AuditEvent.user_id == user_id)
    rows = db.session.execute(
        select(AuditEvent, func.coalesce(func.nullif(actor.name, ""), actor.email))
        .outerjoin(actor, actor.id == AuditEvent.actor_id)
        .where(about)
        .order_by(AuditEvent.at, AuditEvent.id)
    ).all()
    return [
        {
            "at": e.at,
            "action": e.action,
            "role": e.actor_role,
            # the person's own acts are theirs; staff may be named, other people never
            "by": who if e.actor_role in STAFF_ROLES else None,
        }
        for e, who in rows
    ]


def build(volunteer: Volunteer) -> dict:
    """Everything held about the volunteer, in sections (see the module docstring)."""
    vid = volunteer.id
    profile = profile_export.export_profile(volunteer)
    # times as datetimes (the page formats them, json_default writes them as ISO 8601)
    profile["availability"].update({"from": volunteer.available_from, "to": volunteer.available_to})
    profile["created_at"], profile["updated_at"] = volunteer.created_at, volunteer.updated_at
    profile["source"].update(
        imported_at=volunteer.imported_at,
        invited_to_claim_at=volunteer.claim_invited_at,
        claimed_at=volunteer.claimed_at,
    )
    addresses: tuple[str, ...] = (volunteer.email,)
    if profile["account"] is not None:
        user = db.session.get(User, volunteer.user_id)
        profile["account"]["last_login_at"] = user.last_login_at
        addresses += (user.email,)
    return {
        **profile,
        "consent_records": [
            {
                "purpose": r.purpose,
                "legal_basis": r.legal_basis,
                "source": r.source,
                "text_version": r.text_version,
                "given_at": r.given_at,
                "withdrawn_at": r.withdrawn_at,
            }
            for r in volunteer.consent_records
        ],
        "read_from_your_text": [
            {
                "area": row.area,
                "level_read": row.reading.level,
                "confidence": round(row.reading.confidence, 2),
                "your_correction": row.action,
                "level_used": row.level,
            }
            for row in skills.read_back(volunteer)
        ],
        "matches": _matches(vid),
        "your_requests": _requests(vid),
        "new_tasks_emailed_to_you": _told_about(vid),
        "emails_to_you": _outbox(vid, addresses),
        "contacts": _contacts(vid),
        "follow_up_notes": _follow_ups(vid),
        "branch_offers_naming_you": _offers(vid),
        "your_debriefs": export_debriefs(vid),
        "activity_reports": activity_reports(vid, volunteer.user_id),
        "records_merged_into_yours": _merges(vid),
        "possible_duplicates": _possible_duplicates(vid),
        "who_opened_or_changed_your_record": _audit(vid, volunteer.user_id),
    }


def json_default(value: object) -> str:
    """json.dumps(default=...): times as ISO 8601 strings."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    raise TypeError(f"cannot serialise {type(value).__name__}")


def on_request(volunteer_id: int, format: str) -> tuple[Volunteer, dict] | None:
    """An access request carried out by staff on the person's behalf: the volunteer and
    everything held about them (None when erased or unknown), the request audited."""
    volunteer = load(volunteer_id)
    if volunteer is None:
        return None
    audit.record(Action.ACCESS_REQUEST, volunteer_id=volunteer_id, format=format)
    return volunteer, build(volunteer)


def own_copy(volunteer: Volunteer, format: str) -> dict:
    """Everything held about the logged-in volunteer, audited as their own export."""
    audit.record(Action.OWN_DATA_EXPORTED, volunteer_id=volunteer.id, format=format)
    return build(load(volunteer.id))
