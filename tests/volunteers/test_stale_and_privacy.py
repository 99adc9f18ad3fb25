"""Concurrent edits are refused, and a volunteer can never reach another volunteer's data."""

import pytest
from sqlalchemy import update

from crm import locking
from crm.auth.models import Role
from crm.extensions import db as _db
from crm.models import ExperienceEntry, Volunteer
from tests.volunteers.conftest import fresh


def test_stale_submit_is_refused_and_overwrites_nothing(client, volunteer, post_step):
    page = client.get("/me/profile/motivation").get_data(as_text=True)
    assert f'name="version" type="hidden" value="{volunteer.version}"' in page
    old_version = volunteer.version
    # Another window saves first ...
    assert post_step(volunteer, "motivation", {"motivation": "Fra vindue A"}).status_code == 302
    # ... then the first window submits the version it was opened on.
    response = client.post(
        "/me/profile/motivation", data={"version": old_version, "motivation": "Fra vindue B"}
    )
    assert response.status_code == 409
    html = response.get_data(as_text=True)
    assert "blev ændret i et andet vindue" in html and "Fra vindue B" in html
    assert fresh(volunteer).motivation == "Fra vindue A"


def test_missing_version_counts_as_stale(client, volunteer):
    response = client.post("/me/profile/motivation", data={"motivation": "Uden version"})
    assert response.status_code == 409
    assert fresh(volunteer).motivation == ""


def test_race_after_the_check_is_caught_by_the_version_column(
    client, volunteer, post_step, monkeypatch
):
    """A save that lands between our check and our UPDATE raises StaleDataError; refuse it."""

    def concurrent_save(v, submitted):
        table = Volunteer.__table__  # a Core UPDATE: the loaded object keeps its old version
        _db.session.execute(
            update(table).where(table.c.id == v.id).values(version=table.c.version + 1)
        )

    monkeypatch.setattr(locking, "check_version", concurrent_save)
    response = post_step(volunteer, "motivation", {"motivation": "For sent"})
    assert response.status_code == 409
    assert fresh(volunteer).motivation == ""


def test_no_profile_url_takes_a_volunteer_id(app):
    rules = [r for r in app.url_map.iter_rules() if r.endpoint.startswith("volunteers.")]
    assert rules
    for rule in rules:
        assert rule.rule.startswith("/me/")
        assert set(rule.arguments) <= {"step"}, rule.rule


def test_only_volunteers_have_a_profile_page(client, auth, make_user):
    assert client.get("/me/").headers["Location"].startswith("/login")
    consultant = make_user(Role.CONSULTANT)
    auth.login(consultant.email)
    assert client.get("/me/").status_code == 403
    assert client.get("/me/export.json").status_code == 403
    assert client.post("/me/delete", data={"confirm": "y"}).status_code == 403


@pytest.fixture()
def other(make_volunteer, db):
    """Another volunteer with an experience entry and a motivation."""
    v = make_volunteer(first_name="Anden", last_name="Person", motivation="Hemmelig motivation")
    v.experience = [ExperienceEntry(area="human-rights", level=4, description="Hemmeligt")]
    db.session.commit()
    return v


def test_pages_show_only_my_own_data(client, volunteer, other):
    for url in ("/me/", "/me/profile/experience", "/me/profile/motivation", "/me/export.json"):
        html = client.get(url).get_data(as_text=True)
        assert "Hemmelig" not in html and "Anden" not in html, url


def test_another_volunteers_entry_id_in_the_form_cannot_edit_it(
    client, volunteer, other, post_step
):
    target = other.experience[0]
    data = {
        "entries-0-id": str(target.id),
        "entries-0-area": "campaigning",
        "entries-0-level": "1",
        "entries-0-years": "",
        "entries-0-description": "Overskrevet",
    }
    assert post_step(volunteer, "experience", data).status_code == 302
    _db.session.expire_all()
    entry = _db.session.get(ExperienceEntry, target.id)
    assert (entry.volunteer_id, entry.area, entry.description) == (
        other.id,
        "human-rights",
        "Hemmeligt",
    )
    mine = fresh(volunteer).experience
    assert [(e.area, e.description) for e in mine] == [("campaigning", "Overskrevet")]
    assert mine[0].id != target.id


def test_extra_form_fields_cannot_retarget_the_profile(client, volunteer, other, post_step):
    data = {
        "motivation": "Min egen",
        "volunteer_id": str(other.id),
        "id": str(other.id),
        "user_id": str(other.user_id),
    }
    assert post_step(volunteer, "motivation", data).status_code == 302
    assert fresh(other).motivation == "Hemmelig motivation"
    assert fresh(volunteer).motivation == "Min egen"
