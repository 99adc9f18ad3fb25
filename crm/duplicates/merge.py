"""Merging two records of one person into the kept one; the other becomes a tombstone.

What moves to the kept record: contact log entries, follow-ups, matches, the volunteer's own
requests (interest signals), consent records, activity reports, debriefs and the branch
offers naming them. On a need both have a match for, the match further along the pipeline
stays (any forward state beats an exit; a tie keeps the kept record's): the other's pipeline
steps, requests, reports, debrief and contact links move onto it as history, and the weaker
match row is deleted (kept whole in the merge record for undo). Audit events are append-only
and keep naming the id they were written about: the tombstone's id leads to the kept record.

Accounts: the kept record's login stays. When only the other record has one, it moves to the
kept record (an imported, unclaimed kept record is claimed by it); when both have one, the
other's is deactivated and its sessions end. A merge that would deactivate a staff account
is refused.

The other record keeps its id (never reused) and is blanked like an erased one, with
erased_at (every list leaves it out) and merged_into_id (its old links redirect).
"""

from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import func, select

from crm.activities.models import Debrief
from crm.audit import log as audit
from crm.audit.log import Action
from crm.auth.models import User
from crm.auth.sessions import end_sessions
from crm.database import utcnow
from crm.duplicates import fields, steps
from crm.duplicates.models import DuplicatePair, PairStatus, VolunteerMerge
from crm.extensions import db
from crm.matches.models import Match, OfferMember
from crm.matches.pipeline import FORWARD
from crm.volunteers.models import (
    ConsentPurpose,
    ExperienceEntry,
    Volunteer,
    VolunteerCountry,
    VolunteerLanguage,
)
from crm.volunteers.services import is_unclaimed_import

MOVED_WITH_THE_VOLUNTEER = (
    ("contact_log_entry", "volunteer_id"),
    ("follow_up", "volunteer_id"),
    ("interest_signal", "volunteer_id"),
    ("consent_record", "volunteer_id"),
    ("activity_report", "volunteer_id"),
    ("debrief", "volunteer_id"),
)
"""Rows that belong to the person and follow them to the kept record."""

MOVED_WITH_THE_MATCH = (
    ("match_transition", "match_id"),
    ("interest_signal", "match_id"),
    ("activity_report", "match_id"),
    ("debrief", "match_id"),
    ("contact_log_entry", "match_id"),
)
"""Rows of the weaker of two matches on one need, moved onto the stronger as its history."""


class MergeRefused(Exception):
    """The two records cannot be merged as asked; `message` says why, for the consultant."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Choices:
    """Per choice (fields.FIELDS, fields.COLLECTIONS, "consent"): the id of the record whose
    value is kept, or "both" for a collection."""

    values: dict[str, int | str]

    def takes_other(self, choice: str, other: Volunteer) -> bool:
        return self.values.get(choice) == other.id

    def both(self, choice: str) -> bool:
        return self.values.get(choice) == "both"


def _rank(state: str) -> int:
    """How far along a match is: forward states by their place, every exit below them."""
    return FORWARD.index(state) if state in FORWARD else -1


def check(keep: Volunteer, other: Volunteer) -> None:
    """Raise MergeRefused when the two cannot be merged (see the module docstring)."""
    if keep.id == other.id or keep.erased_at is not None or other.erased_at is not None:
        raise MergeRefused(_("One of the two records was erased or merged already."))
    if keep.user_id and other.user_id:
        users = [db.session.get(User, keep.user_id), db.session.get(User, other.user_id)]
        if users[1].is_staff:
            raise MergeRefused(
                _(
                    "Both records have a login and the other one is a staff account, which a "
                    "merge would deactivate. Keep the record with the staff account instead."
                )
            )
    shared_debriefs = db.session.scalar(
        select(func.count(Debrief.id.distinct()))
        .join(Match, Match.id == Debrief.match_id)
        .where(
            Match.volunteer_id == keep.id,
            Match.need_id.in_(
                select(Match.need_id)
                .join(Debrief, Debrief.match_id == Match.id)
                .where(Match.volunteer_id == other.id)
            ),
        )
    )
    if shared_debriefs:
        raise MergeRefused(
            _("Both records have a debrief of the same task; one of them must be removed first.")
        )


def _apply_fields(keep: Volunteer, other: Volunteer, choices: Choices) -> None:
    for choice, names in fields.FIELDS.items():
        if choices.takes_other(choice, other):
            for name in names:
                setattr(keep, name, getattr(other, name))
    if choices.takes_other("experience", other) or choices.both("experience"):
        copies = [
            ExperienceEntry(area=e.area, level=e.level, years=e.years, description=e.description)
            for e in other.experience
        ]
        keep.experience = (list(keep.experience) if choices.both("experience") else []) + copies
    for choice, make, key in (
        ("languages", lambda x: VolunteerLanguage(code=x.code, level=x.level), "code"),
        ("countries", lambda x: VolunteerCountry(code=x.code), "code"),
    ):
        if choices.takes_other(choice, other) or choices.both(choice):
            mine = list(getattr(keep, choice)) if choices.both(choice) else []
            have = {getattr(x, key) for x in mine}
            setattr(
                keep, choice, mine + [make(x) for x in getattr(other, choice) if x.code not in have]
            )


def _blank(other: Volunteer, keep: Volunteer, now) -> None:
    """Make the other record a tombstone pointing at the kept one (its values are in the
    merge record, for undo)."""
    for name in ("first_name", "last_name", "email", "phone", "city", "postcode", "motivation"):
        setattr(other, name, "")
    other.available_from = other.available_to = other.hours_per_month = other.travel = None
    other.consent_version = other.consent_at = None
    other.consent_withdrawn_at = now
    other.share_with_branch = False
    other.experience, other.languages, other.countries = [], [], []
    other.skills, other.corrections = [], []
    other.erased_at = now
    other.merged_into_id = keep.id
    other.updated_at = now


def _consent(keep: Volunteer, other: Volunteer, choices: Choices, done: list, now) -> None:
    """The chosen record's consent state becomes the kept one's, with its records in force;
    the other side's open records end now (they stay as history)."""
    if choices.takes_other("consent", other):
        for name in fields.CONSENT_COLUMNS:
            setattr(keep, name, getattr(other, name))
        steps.close_consents(done, keep.id, now)
        consent_branch = other.branch_id
    else:
        steps.close_consents(done, other.id, now)
        consent_branch = keep.branch_id if not choices.takes_other("branch", other) else None
    if keep.share_with_branch and keep.branch_id != consent_branch:
        # sharing is with one branch: not with a branch the person did not choose to share with
        steps.close_consents(done, keep.id, now, ConsentPurpose.BRANCH_SHARING)
        steps.close_consents(done, other.id, now, ConsentPurpose.BRANCH_SHARING)
        keep.share_with_branch = False


def _matches(keep: Volunteer, other: Volunteer, done: list) -> None:
    mine = {
        m.need_id: m for m in db.session.scalars(select(Match).where(Match.volunteer_id == keep.id))
    }
    for theirs in list(db.session.scalars(select(Match).where(Match.volunteer_id == other.id))):
        own = mine.get(theirs.need_id)
        if own is not None:
            winner, loser = (
                (theirs, own) if _rank(theirs.state) > _rank(own.state) else (own, theirs)
            )
            for table, column in MOVED_WITH_THE_MATCH:
                steps.move(done, table, column, loser.id, winner.id)
            steps.drop(done, "match", loser.id)
            if winner is own:
                continue
        steps.move(
            done, "match", "volunteer_id", other.id, keep.id, lambda t, m=theirs: t.c.id == m.id
        )


def _account(keep: Volunteer, other: Volunteer, done: list, now) -> None:
    if other.user_id is None:
        return
    if keep.user_id is None:
        user_id, other.user_id = other.user_id, None
        db.session.flush()
        keep.user_id = user_id
        if is_unclaimed_import(keep):
            # the person's own login joins the imported profile: it is claimed, no invitation
            keep.claimed_at, keep.claim_nonce = other.claimed_at or now, None
        return
    user = db.session.get(User, other.user_id)
    end_sessions(user, "merged")
    steps.move(done, "user", "active", True, False, lambda t: t.c.id == user.id)


def merge(
    pair: DuplicatePair | None, keep: Volunteer, other: Volunteer, choices: Choices, actor
) -> VolunteerMerge:
    """Merge `other` into `keep` as chosen (see the module docstring); returns the merge
    record. Raises MergeRefused. The caller checks versions, refreshes the kept record's
    matches and commits."""
    check(keep, other)
    now = utcnow()
    before = {"kept": fields.snapshot(keep), "merged": fields.snapshot(other)}
    done: list[dict] = []
    _apply_fields(keep, other, choices)
    _consent(keep, other, choices, done, now)
    _blank(other, keep, now)
    keep.updated_at = now
    _account(keep, other, done, now)
    db.session.flush()
    _matches(keep, other, done)
    for table, column in MOVED_WITH_THE_VOLUNTEER:
        steps.move(done, table, column, other.id, keep.id)
    named = select(OfferMember.match_id).where(OfferMember.volunteer_id == keep.id)
    steps.move(
        done,
        "offer_member",
        "volunteer_id",
        other.id,
        keep.id,
        lambda t: t.c.match_id.not_in(named),
        key="match_id",
    )
    record = VolunteerMerge(
        kept_id=keep.id,
        merged_id=other.id,
        pair_id=pair.id if pair else None,
        merged_by=actor.id if actor else None,
        merged_at=now,
        before=before,
        steps=done,
    )
    db.session.add(record)
    if pair is not None:
        pair.status = PairStatus.MERGED
        pair.decided_by = actor.id if actor else None
        pair.decided_at = now
    db.session.flush()
    audit.record(Action.MERGED, volunteer_id=keep.id, merged_id=other.id, merge_id=record.id)
    audit.record(Action.MERGED, volunteer_id=other.id, kept_id=keep.id, merge_id=record.id)
    db.session.flush()
    db.session.expire_all()
    return record
