"""The demo-data command: what it loads, that it is deterministic, safe to repeat and synthetic."""

import re
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import String, Text, func, select

from crm.auth import services as auth_services
from crm.auth.models import Role, User
from crm.demo.accounts import DEMO_PASSWORD
from crm.demo.loader import load_demo_data
from crm.demo.names import is_excluded
from crm.extensions import db as _db
from crm.models import (
    Branch,
    BranchExperience,
    ContactLogEntry,
    ExperienceEntry,
    FollowUp,
    Need,
    NeedSkill,
    Project,
    Volunteer,
    VolunteerLanguage,
    VolunteerSkill,
)

SEED_PAGE = Path(__file__).resolve().parents[3] / "shared/seed/international-projects-page-da.txt"
TODAY = date(2026, 11, 28)


def _count(db, model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_demo_data_loads_projects_branches_volunteers_and_accounts(runner, db):
    result = runner.invoke(args=["demo-data", "--volunteers", "40", "--seed", "7"])
    assert result.exit_code == 0, result.output
    assert "40 volunteers" not in result.output  # 40 synthetic + the demo volunteer
    assert "41 volunteers" in result.output and "contact log entries" in result.output

    assert _count(db, Project) == 7
    assert 2 * 7 <= _count(db, Need) <= 4 * 7
    assert 28 <= _count(db, Branch) <= 34
    assert _count(db, BranchExperience) > 0
    assert _count(db, Volunteer) == 41
    assert _count(db, ContactLogEntry) > 40 and _count(db, FollowUp) >= 0
    titles = set(db.session.scalars(select(Project.title)))
    assert "Levende lokaldemokrati i Kenya" in titles
    funders = set(db.session.scalars(select(Project.funder)))
    assert "DIPD" in funders
    assert db.session.scalar(select(func.min(Need.period_from))).year >= 2026

    roles = {
        "konsulent@example.org": Role.CONSULTANT,
        "admin@example.org": Role.ADMIN,
        "afdeling@example.org": Role.BRANCH_CONTACT,
        "frivillig@example.org": Role.VOLUNTEER,
    }
    for email, role in roles.items():
        user = auth_services.authenticate(email, DEMO_PASSWORD)
        assert user is not None and user.role == role and user.email_confirmed_at
    assert db.session.scalar(select(User).where(User.email == "afdeling@example.org")).branch_id
    hashes = set(db.session.scalars(select(User.password_hash)))
    assert len(hashes) == 1  # hashed once, reused

    demo = db.session.scalar(select(Volunteer).where(Volunteer.email == "frivillig@example.org"))
    assert demo.has_consented and demo.branch_id and demo.experience and demo.languages
    assert demo.available_from and demo.travel and demo.skills


def test_synthetic_volunteers_are_varied_and_matchable(db, app):
    load_demo_data(volunteers=300, seed=3, today=TODAY)
    db.session.commit()
    emails = list(db.session.scalars(select(User.email)))
    assert all(re.fullmatch(r"[a-z0-9.]+@example\.(org|com)", e) for e in emails), emails[:5]
    assert len(set(emails)) == len(emails)
    volunteers = list(db.session.scalars(select(Volunteer)))
    consented = [v for v in volunteers if v.has_consented]
    assert 0.8 * len(volunteers) < len(consented) < len(volunteers)  # a few without consent
    assert {v.travel for v in volunteers} >= {"remote", "short", "long", None}
    assert all(v.available_from.year == 2027 for v in volunteers if v.available_from)
    codes = set(db.session.scalars(select(VolunteerLanguage.code)))
    assert {"da", "en", "de"} <= codes and len(codes) > 5
    assert _count(db, ExperienceEntry) >= 300
    free_text_only = db.session.scalar(
        select(func.count()).where(
            ExperienceEntry.area.is_(None), ExperienceEntry.description != ""
        )
    )
    assert free_text_only > 10
    # One declared skill per (volunteer, area) with the best declared level.
    best = dict(
        db.session.execute(
            select(
                ExperienceEntry.volunteer_id.concat("/").concat(ExperienceEntry.area),
                func.max(ExperienceEntry.level),
            )
            .where(ExperienceEntry.area.is_not(None))
            .group_by(ExperienceEntry.volunteer_id, ExperienceEntry.area)
        ).all()
    )
    skills = {
        f"{s.volunteer_id}/{s.area}": s.level for s in db.session.scalars(select(VolunteerSkill))
    }
    assert skills == best
    assert {s.source for s in db.session.scalars(select(VolunteerSkill))} == {"declared"}
    # Needs ask for areas that volunteers have.
    assert set(db.session.scalars(select(NeedSkill.area))) <= {s.split("/")[1] for s in skills}


def _snapshot(db) -> list:
    rows = []
    for model in (
        Branch,
        Project,
        Need,
        Volunteer,
        ExperienceEntry,
        VolunteerLanguage,
        ContactLogEntry,
        FollowUp,
    ):
        table = model.__table__
        loaded_at = ("created_at", "updated_at") if model in (Branch, Project, Need) else ()
        columns = [c for c in table.columns if c.name not in loaded_at]
        rows.append(db.session.execute(select(*columns).order_by(*table.primary_key)).all())
    rows.append(db.session.execute(select(User.id, User.email, User.role)).all())
    return rows


def _empty(db):
    db.session.rollback()
    for table in reversed(_db.metadata.sorted_tables):
        db.session.execute(table.delete())
    db.session.commit()


def test_the_same_seed_gives_the_same_data_and_another_seed_other_data(db, app):
    load_demo_data(volunteers=30, seed=11, today=TODAY)
    db.session.commit()
    first = _snapshot(db)
    _empty(db)
    load_demo_data(volunteers=30, seed=11, today=TODAY)
    db.session.commit()
    # Ids on PostgreSQL come from sequences that were not reset; compare without them.
    assert _strip_ids(_snapshot(db)) == _strip_ids(first)
    _empty(db)
    load_demo_data(volunteers=30, seed=12, today=TODAY)
    db.session.commit()
    assert _strip_ids(_snapshot(db))[3] != _strip_ids(first)[3]


def _strip_ids(snapshot: list) -> list:
    return [
        [tuple(v for k, v in row._mapping.items() if not k.endswith("id")) for row in rows]
        for rows in snapshot
    ]


def test_if_empty_does_nothing_the_second_time(runner, db):
    assert runner.invoke(args=["demo-data", "--volunteers", "5", "--if-empty"]).exit_code == 0
    before = (_count(db, Volunteer), _count(db, ContactLogEntry), _count(db, Project))
    result = runner.invoke(args=["demo-data", "--volunteers", "5", "--if-empty"])
    assert result.exit_code == 0 and "no demo data loaded" in result.output
    assert (_count(db, Volunteer), _count(db, ContactLogEntry), _count(db, Project)) == before
    refused = runner.invoke(args=["demo-data", "--volunteers", "5"])
    assert refused.exit_code != 0 and "not empty" in refused.output


def test_new_rows_get_fresh_ids_after_the_bulk_load(db, app, make_user):
    load_demo_data(volunteers=10, seed=1, today=TODAY)
    db.session.commit()
    user = make_user(email="ny@example.org")  # the id sequence moved past the bulk ids
    assert user.id == db.session.scalar(select(func.max(User.id)))


def _real_contact() -> tuple[str, str, str]:
    """The real consultant's name, e-mail and phone as the seed page gives them."""
    if not SEED_PAGE.is_file():
        pytest.skip("the seed page is not next to the repository")
    text = SEED_PAGE.read_text(encoding="utf-8")
    match = re.search(r"konsulent (\w+ \w+) på (\S+@\S+?) eller (\d{8})", text)
    assert match, "the seed page's contact sentence changed"
    return match.group(1), match.group(2), match.group(3)


def test_no_real_contact_person_appears_anywhere(db, app):
    name, email, phone = _real_contact()
    assert is_excluded(*name.split())
    load_demo_data(volunteers=500, seed=2026, today=TODAY)
    db.session.commit()
    first, last = name.split()
    probes = [name.lower(), email.lower(), phone, f"{phone[:2]} {phone[2:4]} {phone[4:6]}"]
    for table in _db.metadata.sorted_tables:
        text_columns = [c for c in table.columns if isinstance(c.type, (String, Text))]
        for column in text_columns:
            for value in db.session.scalars(select(column).where(column.is_not(None))):
                lowered = value.lower()
                assert not any(p in lowered for p in probes), (table.name, column.name)
    full_names = db.session.execute(select(Volunteer.first_name, Volunteer.last_name)).all()
    assert (first, last) not in full_names
    for value in (app.config["CONSULTANT_NAME"], app.config["CONSULTANT_EMAIL"]):
        assert name.lower() not in value.lower() and email.lower() not in value.lower()
