"""The volunteer's own profile and account as JSON-ready data, for their Art. 15 answer
(crm/rights/subject_access.py adds everything the other areas hold)."""

from datetime import date, datetime

from crm.auth.models import User
from crm.branches.models import Branch
from crm.extensions import db
from crm.volunteers.models import Volunteer


def export_account(user: User | None) -> dict | None:
    """The volunteer's login account, as JSON-ready data (never the password hash or tokens)."""
    if user is None:
        return None

    def moment(value: datetime | None) -> str | None:
        return value.isoformat() if value else None

    return {
        "login_email": user.email,
        "interface_language": user.locale,
        "created_at": moment(user.created_at),
        "email_confirmed_at": moment(user.email_confirmed_at),
        "last_login_at": moment(user.last_login_at),
    }


def export_profile(volunteer: Volunteer) -> dict:
    """Everything stored in the volunteer's own profile and account, as JSON-ready data.

    Matches and the contact log belong to other areas: the view adds them (see volunteers.views).
    """

    def day(value: date | None) -> str | None:
        return value.isoformat() if value else None

    def moment(value: datetime | None) -> str | None:
        return value.isoformat() if value else None

    branch = db.session.get(Branch, volunteer.branch_id) if volunteer.branch_id else None
    user = db.session.get(User, volunteer.user_id) if volunteer.user_id else None
    return {
        "account": export_account(user),
        "contact": {
            "first_name": volunteer.first_name,
            "last_name": volunteer.last_name,
            "email": volunteer.email,
            "phone": volunteer.phone,
            "postcode": volunteer.postcode,
            "city": volunteer.city,
            "branch": branch.name if branch else None,
            "share_with_branch": volunteer.share_with_branch,
        },
        "experience": [
            {"area": e.area, "level": e.level, "years": e.years, "description": e.description}
            for e in volunteer.experience
        ],
        "languages": [{"code": x.code, "level": x.level} for x in volunteer.languages],
        "countries": [x.code for x in volunteer.countries],
        "availability": {
            "from": day(volunteer.available_from),
            "to": day(volunteer.available_to),
            "hours_per_month": volunteer.hours_per_month,
            "travel": volunteer.travel,
        },
        "motivation": volunteer.motivation,
        "email_choices": {
            "new_tasks": volunteer.needs_email,
            "own_tasks": volunteer.status_emails,
        },
        "consent": {
            "version": volunteer.consent_version,
            "at": volunteer.consent_at.isoformat() if volunteer.consent_at else None,
        },
        "derived_skills": [
            {"area": s.area, "level": s.level, "confidence": s.confidence, "source": s.source}
            for s in volunteer.skills
        ],
        "skill_corrections": [
            {"area": c.area, "action": c.action, "level": c.level, "at": c.at.isoformat()}
            for c in volunteer.corrections
        ],
        "created_at": volunteer.created_at.isoformat(),
        "updated_at": volunteer.updated_at.isoformat(),
        "source": {
            "imported_from_spreadsheet": volunteer.import_batch_id,
            "imported_at": moment(volunteer.imported_at),
            "invited_to_claim_at": moment(volunteer.claim_invited_at),
            "claimed_at": moment(volunteer.claimed_at),
        },
    }
