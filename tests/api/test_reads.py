"""Reading through the API: what staff may see and no more, erased people left out, and every
read of personal data in the audit log (endpoint and rows, never a name or an address)."""

from sqlalchemy import select

from crm.audit.models import AuditEvent
from crm.contacts.services import log_contact
from crm.models import NeedCountry, VolunteerLanguage
from crm.rights.erasure import erase
from tests.consultant.factories import add_match


def _reads(db) -> list[tuple]:
    db.session.rollback()
    events = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "api_read").order_by(AuditEvent.id)
    )
    return [(e.volunteer_id, e.details["endpoint"], e.details["rows"]) for e in events]


def test_a_need_with_its_skills_languages_and_countries(api, db, make_need):
    need = make_need(title="Kampagnetræner", skills=(("campaigning", 3, 2),))
    need.countries = [NeedCountry(code="KE")]
    db.session.commit()
    data = api.get(f"/api/v1/needs/{need.id}").get_json()["data"]
    assert data["title"] == "Kampagnetræner"
    assert data["skills"] == [{"area": "campaigning", "min_level": 3, "weight": 2}]
    assert data["languages"] == [{"code": "en", "min_level": "B2", "required": True}]
    assert data["countries"] == ["KE"]
    assert data["project_id"] == need.project_id and data["status"] == "open"
    project = api.get(f"/api/v1/projects/{need.project_id}").get_json()["data"]
    assert project["need_ids"] == [need.id]
    assert _reads(db) == []  # projects and needs are not personal data


def test_a_volunteer_without_login_secrets(api, db, make_volunteer):
    volunteer = make_volunteer(first_name="Vera", phone="+45 12 34 56 78")
    volunteer.languages = [VolunteerLanguage(code="fr", level="B2")]
    db.session.commit()
    response = api.get(f"/api/v1/volunteers/{volunteer.id}")
    data = response.get_json()["data"]
    assert data["first_name"] == "Vera" and data["phone"] == "+45 12 34 56 78"
    assert data["languages"] == [{"code": "fr", "level": "B2"}]
    assert data["consent"]["status"] == "given"
    text = response.get_data(as_text=True)
    assert "argon2" not in text and "password" not in text and "token" not in text


def test_erased_people_are_left_out(api, db, make_volunteer, make_need, make_user):
    kept, gone = make_volunteer(first_name="Kept"), make_volunteer(first_name="Gone")
    need = make_need()
    add_match(need, kept)
    gone_match = add_match(need, gone)
    entry = log_contact(gone.id, None, "phone", "Ringede")
    db.session.commit()
    erase(db.session.get(type(gone), gone.id))
    db.session.commit()
    listed = api.get("/api/v1/volunteers").get_json()["data"]
    assert [v["id"] for v in listed] == [kept.id]
    assert api.get(f"/api/v1/volunteers/{gone.id}").status_code == 404
    assert [m["volunteer_id"] for m in api.get("/api/v1/matches").get_json()["data"]] == [kept.id]
    assert api.get(f"/api/v1/matches/{gone_match.id}").status_code == 404
    assert api.get("/api/v1/contacts").get_json()["data"] == []
    assert api.get(f"/api/v1/contacts/{entry.id}").status_code == 404
    move = {"to_state": "shortlisted", "version": gone_match.version}
    assert api.post(f"/api/v1/matches/{gone_match.id}/transitions", json=move).status_code == 404


def test_a_match_with_state_score_explanation_and_version(api, db, make_need, make_volunteer):
    volunteer = make_volunteer()
    match = add_match(
        make_need(), volunteer, state="shortlisted", score=71.5, explanation=[{"kind": "skill"}]
    )
    data = api.get(f"/api/v1/matches/{match.id}").get_json()["data"]
    assert (data["state"], data["score"], data["version"]) == ("shortlisted", 71.5, match.version)
    assert data["explanation"] == [{"kind": "skill"}]
    assert data["volunteer_id"] == volunteer.id


def test_every_read_of_personal_data_is_audited_without_names(api, db, make_volunteer, make_need):
    volunteer = make_volunteer(first_name="Vera", last_name="Hemmelig")
    other = make_volunteer()
    match = add_match(make_need(), volunteer)
    entry = log_contact(volunteer.id, None, "phone", "Ringede om Kenya")
    db.session.commit()
    api.get("/api/v1/volunteers")
    api.get(f"/api/v1/volunteers/{other.id}")
    api.get("/api/v1/matches")
    api.get(f"/api/v1/matches/{match.id}")
    api.get("/api/v1/contacts")
    api.get(f"/api/v1/contacts/{entry.id}")
    api.get("/api/v1/needs")
    assert _reads(db) == [
        (None, "api.volunteers", 2),
        (other.id, "api.volunteer", 1),
        (None, "api.matches", 1),
        (volunteer.id, "api.match", 1),
        (None, "api.contacts", 1),
        (volunteer.id, "api.contact", 1),
    ]
    details = repr(db.session.scalars(select(AuditEvent.details)).all())
    assert "Vera" not in details and "Hemmelig" not in details and "@" not in details
    actors = db.session.scalars(
        select(AuditEvent.actor_role).where(AuditEvent.action == "api_read")
    ).all()
    assert set(actors) == {"consultant"}  # the token's user


def test_filters(api, db, make_need, make_volunteer, make_project):
    first, second = make_need(), make_need(project=make_project(title="Andet"))
    volunteer = make_volunteer()
    add_match(first, volunteer, state="contacted")
    add_match(second, volunteer)
    by_project = api.get(f"/api/v1/needs?project_id={second.project_id}").get_json()["data"]
    assert [n["id"] for n in by_project] == [second.id]
    by_state = api.get("/api/v1/matches?state=contacted").get_json()["data"]
    assert [m["need_id"] for m in by_state] == [first.id]
    by_need = api.get(f"/api/v1/matches?need_id={second.id}").get_json()["data"]
    assert [m["need_id"] for m in by_need] == [second.id]
