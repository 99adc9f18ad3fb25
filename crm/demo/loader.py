"""Load the whole demo data set into an empty database: one entry point for CLI and tests."""

import random
from datetime import date

from flask import current_app
from sqlalchemy import func, select

from crm.auth.models import User
from crm.auth.services import hash_password
from crm.branches.models import Branch
from crm.contacts.models import ContactLogEntry, FollowUp
from crm.demo.accounts import CONSULTANT_EMAIL, DEMO_PASSWORD, load_accounts
from crm.demo.admin import load_admin_demo
from crm.demo.branches import DEMO_BRANCH, branch_weights, load_branches
from crm.demo.bulk import insert_rows, next_id, sync_sequences
from crm.demo.clock import DemoClock
from crm.demo.contacts import add_contacts, add_follow_up
from crm.demo.debriefs import load_debriefs
from crm.demo.duplicates import plant_duplicates
from crm.demo.names import make_pools
from crm.demo.offers import load_offers
from crm.demo.pipeline import load_pipeline
from crm.demo.projects import load_projects
from crm.demo.results import load_reports, load_results_setup
from crm.demo.volunteers import Rows, VolunteerSettings, add_volunteer
from crm.extensions import db
from crm.projects.models import Need, Project
from crm.volunteers import consents
from crm.volunteers.models import (
    ExperienceEntry,
    Volunteer,
    VolunteerCountry,
    VolunteerLanguage,
    VolunteerSkill,
)

CHUNK_VOLUNTEERS = 5000
FOLLOW_UP_SHARE = 0.1  # share of volunteers with a follow-up


def database_is_empty() -> bool:
    """True when there are no users, branches, projects or volunteers yet."""
    return not any(
        db.session.scalar(select(model.id).limit(1)) is not None
        for model in (User, Branch, Project, Volunteer)
    )


def load_demo_data(volunteers: int, seed: int, today: date) -> dict[str, int]:
    """Create the demo data set (deterministic for `seed` and `today`); the caller commits.

    Every generated moment lies before the start of `today` (Danish time), and no consent is older
    than the consent text version it names.
    """
    rng = random.Random(seed)
    password_hash = hash_password(DEMO_PASSWORD)  # hashed once, shared by every demo user
    branches = load_branches(rng)
    load_projects()
    load_results_setup()
    demo_branch = next(b for b in branches if b.municipality == DEMO_BRANCH)
    clock = DemoClock(today, current_app.config["CONSENT_VERSION"])
    accounts = load_accounts(password_hash, demo_branch, clock)
    settings = VolunteerSettings(
        pools=make_pools(seed),
        password_hash=password_hash,
        branches=[(b.id, b.municipality) for b in branches],
        branch_weights=branch_weights(),
        clock=clock,
    )
    authors = [accounts.consultant.id] * 4 + [accounts.admin.id]
    _load_volunteers(rng, settings, volunteers, authors, accounts.consultant.id)
    consents.records_for_bulk_loaded()
    load_admin_demo(rng, accounts, clock)
    return count_rows()


def load_demo_pipeline(seed: int, today: date) -> int:
    """Move the best-ranked volunteers of every need along the pipeline (crm/demo/pipeline.py)
    and make the branches' demo offers (crm/demo/offers.py), after the matches are scored,
    then the placements' activity reports (crm/demo/results.py) and the debriefs of the completed
    placements (crm/demo/debriefs.py), and two people registered twice for the duplicates queue
    (crm/demo/duplicates.py); returns how many matches moved or were offered. The caller
    commits."""
    consultant_id = db.session.scalar(select(User.id).where(User.email == CONSULTANT_EMAIL))
    clock = DemoClock(today, current_app.config["CONSENT_VERSION"])
    moved = load_pipeline(seed, clock, consultant_id) + load_offers(seed, clock, consultant_id)
    load_reports(seed, clock, consultant_id)
    load_debriefs(seed, clock, consultant_id)
    plant_duplicates()
    return moved


def _load_volunteers(
    rng: random.Random, s: VolunteerSettings, total: int, authors: list[int], owner_id: int
) -> None:
    """Generate and bulk-insert volunteers with their contact logs, a chunk at a time."""
    user_id = next_id(User.__table__)
    volunteer_id = next_id(Volunteer.__table__)
    contact_id = next_id(ContactLogEntry.__table__)
    done = 0
    while done < total:
        rows, contacts, follow_ups = Rows(), [], []
        for _ in range(min(CHUNK_VOLUNTEERS, total - done)):
            created = add_volunteer(rng, s, done + 1, user_id, volunteer_id, rows)
            count = add_contacts(rng, volunteer_id, created, s.clock, authors, contact_id, contacts)
            contact_id += count
            if rng.random() < FOLLOW_UP_SHARE:
                last_contact = contact_id - 1 if count else None
                add_follow_up(rng, volunteer_id, last_contact, owner_id, s.clock, follow_ups)
            user_id += 1
            volunteer_id += 1
            done += 1
        insert_rows(User.__table__, rows.users)
        insert_rows(Volunteer.__table__, rows.volunteers)
        insert_rows(ExperienceEntry.__table__, rows.experience)
        insert_rows(VolunteerLanguage.__table__, rows.languages)
        insert_rows(VolunteerCountry.__table__, rows.countries)
        insert_rows(VolunteerSkill.__table__, rows.skills)
        insert_rows(ContactLogEntry.__table__, contacts)
        insert_rows(FollowUp.__table__, follow_ups)
    sync_sequences(User.__table__, Volunteer.__table__, ContactLogEntry.__table__)


def count_rows() -> dict[str, int]:
    """How many rows the main tables hold (for the summary; no personal data)."""
    models = {
        "branches": Branch,
        "projects": Project,
        "needs": Need,
        "users": User,
        "volunteers": Volunteer,
        "experience entries": ExperienceEntry,
        "volunteer skills": VolunteerSkill,
        "contact log entries": ContactLogEntry,
        "follow-ups": FollowUp,
    }
    return {
        name: db.session.scalar(select(func.count()).select_from(model)) or 0
        for name, model in models.items()
    }
