"""What benchmarks/load.py reads from the database: the world the simulated people act on before
the run, and after it whether every write that got a success answer is there."""

import random
import re
from collections import Counter
from dataclasses import dataclass

from load_users import Ledger, World

SAMPLE = 500


def _app(url: str):
    from crm import create_app

    return create_app({"DATABASE_URL": url})


def read_world(url: str) -> World:
    """Confirmed, consenting demo volunteers to log in as, records with matches, open needs."""
    from sqlalchemy import func, select

    from crm.auth.models import Role, User
    from crm.extensions import db
    from crm.matches.models import Match
    from crm.projects.models import Need, NeedStatus, Project, ProjectStatus
    from crm.volunteers.models import Volunteer
    from crm.volunteers.services import current_consent_condition, not_erased_condition

    app = _app(url)
    with app.app_context():
        people = db.session.execute(
            select(Volunteer.id, User.email)
            .join(User, User.id == Volunteer.user_id)
            .where(
                User.role == Role.VOLUNTEER,
                User.active.is_(True),
                User.email_confirmed_at.is_not(None),
                User.email.not_like("lt%"),  # none registered by an earlier run
                current_consent_condition(),
                not_erased_condition(),
            )
            .order_by(Volunteer.id)
            .limit(SAMPLE * 4)
        ).all()
        records = db.session.scalars(
            select(Match.volunteer_id)
            .where(Match.volunteer_id.is_not(None))  # not a branch's offer
            .distinct()
            .order_by(Match.volunteer_id)
            .limit(SAMPLE)
        ).all()
        needs = db.session.scalars(
            select(Need.id)
            .join(Project, Project.id == Need.project_id)
            .where(Need.status == NeedStatus.OPEN, Project.status == ProjectStatus.ACTIVE)
            .order_by(Need.id)
        ).all()
        project_id = db.session.scalar(
            select(Project.id).where(Project.status == ProjectStatus.ACTIVE).order_by(Project.id)
        )
        total = db.session.scalar(select(func.count()).select_from(Volunteer))
        db.session.remove()
    rng = random.Random(9)
    people = [tuple(row) for row in people]
    rng.shuffle(people)
    return World(people[:SAMPLE], list(records), list(needs), project_id, total)


_engines: dict = {}


def outbox_since(url: str, ledger: Ledger) -> dict[str, str]:
    """Message-ID → kind of every e-mail the app asked for (wrote to its outbox) since the
    measured load started: confirmations, shortlist e-mails, notifications, digests."""
    from sqlalchemy import create_engine, select

    from crm.outbox.models import OutboxMessage

    if url not in _engines:
        _engines[url] = create_engine(url)
    with _engines[url].connect() as connection:
        rows = connection.execute(
            select(OutboxMessage.message_id, OutboxMessage.kind).where(
                OutboxMessage.created_at >= ledger.started_at
            )
        ).all()
    return {message_id.strip(): kind for message_id, kind in rows}


@dataclass(frozen=True)
class Check:
    """One kind of write: how many got a success answer, how many of those are missing."""

    name: str
    answered: int
    missing: int


def check_writes(url: str, ledger: Ledger, messages: list[tuple[list[str], str]]) -> dict:
    """Compare the ledger with the database and the SMTP server's messages."""
    from sqlalchemy import select

    from crm.auth.models import User
    from crm.contacts.models import Channel, ContactLogEntry
    from crm.extensions import db
    from crm.matches.models import MatchTransition
    from crm.volunteers.models import ExperienceEntry, Volunteer

    tag = f"lt{ledger.run}"
    app = _app(url)
    with app.app_context():
        registered = set(db.session.scalars(select(User.email).where(User.email.like(f"{tag}%"))))
        phones = dict(
            db.session.execute(
                select(Volunteer.id, Volunteer.phone).where(Volunteer.id.in_(list(ledger.phones)))
            ).all()
        )
        texts: dict[int, str] = {}
        for volunteer_id, text in db.session.execute(
            select(ExperienceEntry.volunteer_id, ExperienceEntry.description).where(
                ExperienceEntry.volunteer_id.in_(list(ledger.experience))
            )
        ):
            texts[volunteer_id] = texts.get(volunteer_id, "") + text
        summaries = db.session.scalars(
            select(ContactLogEntry.summary).where(ContactLogEntry.summary.like(f"%{tag}%"))
        ).all()
        emailed = Counter(
            match[0]
            for summary, channel in db.session.execute(
                select(ContactLogEntry.summary, ContactLogEntry.channel).where(
                    ContactLogEntry.summary.like(f"%{tag}%")
                )
            )
            if channel == Channel.EMAIL
            for match in [re.search(rf"{tag}[0-9a-f]{{8}}", summary)]
            if match
        )
        match_ids = list({match_id for match_id, _state in ledger.moves})
        moved = Counter(
            db.session.execute(
                select(MatchTransition.match_id, MatchTransition.to_state).where(
                    MatchTransition.match_id.in_(match_ids),
                    MatchTransition.at >= ledger.started_at,
                )
            ).all()
        )
        db.session.remove()
    digits = lambda s: re.sub(r"\D", "", s or "")  # noqa: E731
    lost_phones = [v for v, p in ledger.phones.items() if digits(phones.get(v)) != digits(p)]
    lost_texts = [v for v, token in ledger.experience.items() if token not in texts.get(v, "")]
    if lost_phones or lost_texts:  # ids only: which profiles to look at
        print(f"profile edits missing: phone of {lost_phones}, experience of {lost_texts}")
    contact_text = "\n".join(summaries)
    wanted_moves = Counter(ledger.moves)
    checks = [
        Check(
            "registrations", len(ledger.registrations), len(set(ledger.registrations) - registered)
        ),
        Check(
            "profile edits (last value each)",
            ledger.profile_saves,
            len(lost_phones) + len(lost_texts),
        ),
        Check(
            "contacts logged",
            len(ledger.contacts),
            sum(token not in contact_text for token in ledger.contacts),
        ),
        Check(
            "matches moved",
            len(ledger.moves),
            sum(max(0, n - moved[key]) for key, n in wanted_moves.items()),
        ),
        Check(
            "shortlist e-mails logged",
            sum(n for _token, n in ledger.shortlist_emails),
            sum(max(0, n - emailed[token]) for token, n in ledger.shortlist_emails),
        ),
    ]
    tokens = {token for token, _n in ledger.shortlist_emails}
    addresses = set(ledger.registrations)
    ours = [
        (to, subject)
        for to, subject, _id in messages
        if addresses.intersection(to) or any(token in subject for token in tokens)
    ]
    asked = outbox_since(url, ledger)
    received = Counter(message_id for _to, _subject, message_id in messages)
    return {
        "checks": checks,
        "emails_asked": len(asked),
        "emails_sent": sum(1 for message_id in asked if received[message_id]),
        "emails_twice": sum(max(0, received[message_id] - 1) for message_id in asked),
        "emails_kinds": dict(Counter(asked.values())),
        "ours_asked": ledger.emails_asked,
        "ours_sent": len(ours),
        "emails_total": len(messages),
    }
