"""The admin's demo data: a former consultant, a colleague yet to accept the invitation, a draft
of the next consent text, and a few weeks of audit events to search."""

import random
from datetime import timedelta

from sqlalchemy import select

from crm.audit.log import Action
from crm.audit.models import AuditEvent
from crm.auth.models import Role, User
from crm.auth.services import set_unusable_password
from crm.demo.accounts import DemoAccounts
from crm.demo.clock import DemoClock
from crm.extensions import db
from crm.volunteers.consent_texts import ConsentText
from crm.volunteers.models import Volunteer

DRAFT_DA = (
    "Partiets internationale afdeling gemmer oplysningerne i din profil for at finde opgaver i "
    "internationale projekter, der passer til dig, og for at kontakte dig om dem.\n\n"
    "Kun de internationale konsulenter og administratorer ser din profil. Din afdelings "
    "kontaktperson ser den kun, hvis du har valgt at dele den med afdelingen.\n\n"
    "Du kan når som helst trække dit samtykke tilbage fra din profilside."
)
DRAFT_EN = (
    "The party's international department stores the information in your profile to find tasks "
    "in international projects that fit you, and to contact you about them.\n\n"
    "Only the international consultants and administrators see your profile. Your branch's "
    "contact person sees it only if you chose to share it with your branch.\n\n"
    "You can withdraw your consent at any time from your profile page."
)
AUDIT_DAYS = 21


def load_admin_demo(rng: random.Random, accounts: DemoAccounts, clock: DemoClock) -> None:
    """Add the admin's demo rows; the caller commits."""
    long_ago = clock.daytime_at(clock.today - timedelta(days=300), 9)
    former = User(
        email="tidligere.konsulent@example.org",
        role=Role.CONSULTANT,
        name="Tidligere Konsulent",
        password_hash=accounts.consultant.password_hash,
        email_confirmed_at=long_ago,
        created_at=long_ago,
        last_login_at=clock.daytime_at(clock.today - timedelta(days=60), 10),
        active=False,
    )
    invited = User(
        email="ny.kollega@example.org",
        role=Role.CONSULTANT,
        name="Ny Kollega",
        created_at=clock.daytime_at(clock.today - timedelta(days=2), 11),
    )
    set_unusable_password(invited)
    db.session.add_all([former, invited])
    db.session.add(
        ConsentText(
            label="2027-01",
            text_da=DRAFT_DA,
            text_en=DRAFT_EN,
            created_by_id=accounts.admin.id,
            created_at=clock.daytime_at(clock.today - timedelta(days=3), 14),
        )
    )
    db.session.flush()
    _audit_events(rng, accounts, former, invited, clock)


def _audit_events(
    rng: random.Random, accounts: DemoAccounts, former: User, invited: User, clock: DemoClock
) -> None:
    """Logins, record views and changes, an export and the account changes above."""
    volunteer_ids = list(db.session.scalars(select(Volunteer.id).order_by(Volunteer.id).limit(40)))
    consultant, admin = accounts.consultant, accounts.admin
    events: list[AuditEvent] = []

    def add(days_ago: int, hour: int, action: Action, actor: User, **fields) -> None:
        at = clock.daytime_at(clock.today - timedelta(days=days_ago), hour)
        events.append(
            AuditEvent(
                at=at + timedelta(minutes=rng.randrange(60)),
                actor_id=actor.id,
                actor_role=actor.role,
                action=str(action),
                **fields,
            )
        )

    for days_ago in range(AUDIT_DAYS, 0, -1):
        add(days_ago, 9, Action.LOGIN, consultant, user_id=consultant.id, details={})
        for _ in range(rng.randrange(1, 4)) if volunteer_ids else ():
            add(
                days_ago,
                10,
                Action.RECORD_VIEWED,
                consultant,
                volunteer_id=rng.choice(volunteer_ids),
                details={},
            )
        if volunteer_ids and rng.random() < 0.4:
            add(
                days_ago,
                11,
                Action.RECORD_CHANGED,
                consultant,
                volunteer_id=rng.choice(volunteer_ids),
                details={"change": "contact", "channel": "phone", "direction": "out"},
            )
    add(14, 13, Action.EXPORT, consultant, details={"export": "volunteers", "rows": 212})
    add(30, 9, Action.DEACTIVATED, admin, user_id=former.id, details={})
    add(2, 11, Action.STAFF_INVITED, admin, user_id=invited.id, details={"role": "consultant"})
    db.session.add_all(events)
    db.session.flush()
