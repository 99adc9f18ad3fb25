"""The demo-data command: what it loads, that it is deterministic, safe to repeat and synthetic."""

import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import String, Text, func, select

from crm.auth import services as auth_services
from crm.auth.models import Role, User
from crm.demo.accounts import DEMO_PASSWORD
from crm.demo.clock import ZONE, DemoClock, local_date, local_moment, version_for
from crm.demo.loader import load_demo_data
from crm.demo.names import is_excluded
from crm.demo.projects import demo_projects
from crm.demo.texts import CONTACT_SUMMARIES
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
from crm.volunteers.services import has_current_consent

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
    usable = {h for h in hashes if not h.startswith("!")}  # invited contacts have none yet
    assert len(usable) == 1  # hashed once, reused

    demo = db.session.scalar(select(Volunteer).where(Volunteer.email == "frivillig@example.org"))
    assert has_current_consent(demo) and demo.branch_id and demo.experience and demo.languages
    assert demo.available_from and demo.travel and demo.skills


def test_synthetic_volunteers_are_varied_and_matchable(db, app):
    load_demo_data(volunteers=300, seed=3, today=TODAY)
    db.session.commit()
    emails = list(db.session.scalars(select(User.email)))
    assert all(re.fullmatch(r"[a-z0-9.]+@example\.(org|com)", e) for e in emails), emails[:5]
    assert len(set(emails)) == len(emails)
    volunteers = list(db.session.scalars(select(Volunteer)))
    # Matchable: the consent now in force (about 80 %); the rest never consented or hold an
    # older text.
    consented = [v for v in volunteers if has_current_consent(v)]
    assert 0.7 * len(volunteers) < len(consented) < 0.9 * len(volunteers)
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
    rows.append(
        db.session.execute(select(User.id, User.email, User.role).order_by(User.email)).all()
    )
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


def test_time_runs_forward_and_consent_is_never_older_than_its_text(db, app):
    load_demo_data(volunteers=400, seed=5, today=TODAY)
    db.session.commit()
    clock = DemoClock(TODAY, app.config["CONSENT_VERSION"])
    since = local_moment(clock.consent_since, 0)
    volunteers = list(db.session.scalars(select(Volunteer)))
    assert all(v.created_at < clock.now for v in volunteers)
    created = sorted(v.created_at for v in volunteers)
    assert created[-1] - created[0] > timedelta(days=365)  # spread over the last two years
    assert created[0] > clock.now - timedelta(days=731)
    for v in volunteers:
        if v.consent_at is None:
            continue
        assert v.created_at < v.consent_at < clock.now
        if v.consent_version == clock.consent_version:
            assert v.consent_at >= since  # not before the text existed
        else:  # consented before it and not since: the version of their time
            assert v.consent_at < since
            assert v.consent_version == version_for(clock.consent_version, local_date(v.consent_at))
    current = [v for v in volunteers if v.consent_version == clock.consent_version]
    older = [v for v in volunteers if v.consent_at and v.consent_version != clock.consent_version]
    assert older and 0.7 * len(volunteers) < len(current)  # most gave consent again
    users = db.session.execute(select(User.created_at, User.email_confirmed_at)).all()
    assert all(c < clock.now and (e is None or c <= e < clock.now) for c, e in users)
    demo = db.session.scalar(select(Volunteer).where(Volunteer.email == "frivillig@example.org"))
    assert demo.consent_version == clock.consent_version and since <= demo.consent_at < clock.now


def test_contacts_match_their_channel_and_calls_happen_in_working_hours(db, app):
    load_demo_data(volunteers=200, seed=6, today=TODAY)
    db.session.commit()
    clock = DemoClock(TODAY, app.config["CONSENT_VERSION"])
    created = dict(db.session.execute(select(Volunteer.id, Volunteer.created_at)).all())
    entries = list(db.session.scalars(select(ContactLogEntry)))
    assert {e.channel for e in entries} == {"phone", "email", "meeting", "sms", "other"}
    for e in entries:
        assert created[e.volunteer_id] < e.at < clock.now
        assert e.summary in CONTACT_SUMMARIES[e.channel, e.direction]
        if e.channel != "phone":
            assert not e.summary.startswith(("Ringede", "Talte i telefon"))
        if e.channel in ("phone", "meeting"):
            assert 8 <= e.at.astimezone(ZONE).hour < 20
    assert any(e.at.astimezone(ZONE).dst() for e in entries)  # summer time is handled too
    for f in db.session.scalars(select(FollowUp)):
        assert f.created_at < clock.now and (f.done_at is None or f.done_at < clock.now)


def test_version_of_their_time_and_danish_hours():
    assert version_for("2026-11", date(2026, 11, 1)) == "2026-11"
    assert version_for("2026-11", date(2026, 10, 31)) == "2025-11"
    assert version_for("2026-11", date(2025, 6, 1)) == "2024-11"
    assert version_for("v2", date(2020, 1, 1)) == "v2"  # no month in the name: no history
    assert local_moment(date(2026, 7, 1), 8 * 3600).hour == 6  # 08:00 summer time is 06:00 UTC
    assert local_moment(date(2026, 1, 5), 8 * 3600).hour == 7


def test_each_need_says_how_it_is_done_and_the_host_in_denmark_travels_nowhere():
    needs = [need for _, project_needs in demo_projects() for need in project_needs]
    host = next(n for n in needs if n.title == "Vært for en studietur i Danmark")
    assert host.travel is None and "Danmark" in host.description
    trip = ("rejse", "ophold", "besøg")
    for need in needs:
        text = need.description.lower()
        if need.travel == "remote":
            assert "online" in text or "hjemmefra" in text, need.title
            assert not any(word in text for word in trip), need.title
        elif need.travel in ("short", "long"):
            assert any(word in text for word in trip), need.title


def test_every_demo_consent_has_its_records(db, app):
    from crm.volunteers import consents

    load_demo_data(volunteers=40, seed=5, today=TODAY)
    db.session.commit()
    volunteers = db.session.scalars(select(Volunteer)).all()
    assert any(v.consent_records for v in volunteers)
    for volunteer in volunteers:
        assert consents.state_from_records(volunteer.consent_records) == consents.current_state(
            volunteer
        ), volunteer.id
