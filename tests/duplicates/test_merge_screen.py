"""The queue and the side-by-side merge screen, as the consultant uses them."""

import re

from crm.auth.models import Role
from crm.duplicates.models import DuplicatePair
from crm.extensions import db
from crm.models import Volunteer
from tests.duplicates.factories import queue_pair


def fresh(model, id_):
    db.session.expire_all()
    return db.session.get(model, id_)


def checked(page: str, name: str) -> str:
    """The value of the checked radio button of group `name`."""
    for tag in re.findall(r"<input[^>]*>", page):
        if f'name="{name}"' in tag and "checked" in tag:
            return re.search(r'value="([^"]*)"', tag).group(1)
    return ""


def merge_data(twins, **choices) -> dict:
    a, b = fresh(Volunteer, twins.a.id), db.session.get(Volunteer, twins.b.id)
    data = {
        "keep": a.id,
        "version_first": a.version,
        "version_second": b.version,
        "name": a.id,
        "email": a.id,
        "phone": a.id,
        "postcode": a.id,
        "city": a.id,
        "branch": a.id,
        "availability": a.id,
        "motivation": b.id,
        "experience": "both",
        "languages": a.id,
        "countries": a.id,
        "consent": a.id,
    }
    return data | choices


def test_the_queue_lists_open_pairs_best_first(twins, make_volunteer, client, auth):
    low = queue_pair(make_volunteer(first_name="Lise"), make_volunteer(first_name="Lise"), 86.0)
    auth.login(twins.consultant.email)
    page = client.get("/consultant/duplicates").get_data(as_text=True)
    assert "2 par at gennemgå" in page
    assert page.index(f"/consultant/duplicates/{twins.pair.id}") < page.index(
        f"/consultant/duplicates/{low.id}"
    )
    assert "samme telefon" in page
    assert "Dubletter" in client.get("/consultant/").get_data(as_text=True)
    assert "mulige dubletter at gennemgå" in client.get("/consultant/").get_data(as_text=True)


def test_the_screen_shows_both_records_with_the_newer_values_chosen(twins, client, auth):
    auth.login(twins.consultant.email)
    page = client.get(f"/consultant/duplicates/{twins.pair.id}").get_data(as_text=True)
    for text in ("Hansen", "Hansne", "Aarhus", "Jeg vil gerne", "Byrådet", twins.a.email):
        assert text in page
    assert checked(page, "name") == str(twins.b.id)  # the newer record's
    assert checked(page, "city") == str(twins.a.id)  # the newer one has none
    assert checked(page, "languages") == "both"
    assert checked(page, "keep") == str(twins.a.id)  # the older one
    assert "<legend>Telefon" in page


def test_merging_from_the_screen_keeps_the_chosen_values(twins, client, auth):
    auth.login(twins.consultant.email)
    response = client.post(f"/consultant/duplicates/{twins.pair.id}/merge", data=merge_data(twins))
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/consultant/volunteers/{twins.a.id}")
    kept = fresh(Volunteer, twins.a.id)
    assert (kept.last_name, kept.city) == ("Hansen", "Aarhus")
    assert kept.motivation.startswith("Jeg vil")
    assert [e.description for e in kept.experience] == ["Byrådet"]
    assert fresh(Volunteer, twins.b.id).merged_into_id == twins.a.id
    assert db.session.get(DuplicatePair, twins.pair.id).status == "merged"
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Posterne er lagt sammen i" in page


def test_a_record_changed_since_the_screen_opened_is_not_merged(twins, client, auth):
    auth.login(twins.consultant.email)
    data = merge_data(twins)
    other = fresh(Volunteer, twins.b.id)
    other.city = "Odense"  # the volunteer saved their profile meanwhile
    db.session.commit()
    response = client.post(f"/consultant/duplicates/{twins.pair.id}/merge", data=data)
    assert response.status_code == 409
    page = response.get_data(as_text=True)
    assert "Intet blev lagt sammen: en af de to poster blev ændret" in page
    assert "Odense" in page  # the records as they are now
    assert fresh(Volunteer, twins.b.id).merged_into_id is None
    assert db.session.get(DuplicatePair, twins.pair.id).status == "open"


def test_a_refused_merge_keeps_the_choices_made_and_merges_on_the_second_try(twins, client, auth):
    auth.login(twins.consultant.email)
    data = merge_data(twins)  # the older record's name, not the newer one the screen proposes
    other = fresh(Volunteer, twins.b.id)
    other.city = "Odense"
    db.session.commit()
    page = client.post(f"/consultant/duplicates/{twins.pair.id}/merge", data=data)
    page = page.get_data(as_text=True)
    assert checked(page, "name") == str(twins.a.id)
    assert checked(page, "experience") == "both"
    versions = dict(re.findall(r'name="(version_\w+)" type="hidden" value="(\d+)"', page))
    assert versions["version_second"] == str(fresh(Volunteer, twins.b.id).version)
    again = client.post(f"/consultant/duplicates/{twins.pair.id}/merge", data=data | versions)
    assert again.status_code == 302
    assert fresh(Volunteer, twins.a.id).last_name == "Hansen"


def test_not_the_same_person_is_remembered(twins, client, auth):
    auth.login(twins.consultant.email)
    response = client.post(f"/consultant/duplicates/{twins.pair.id}/not-same", data={})
    assert response.status_code == 302
    assert fresh(DuplicatePair, twins.pair.id).status == "not_same"
    page = client.get("/consultant/duplicates").get_data(as_text=True)
    assert "0 par at gennemgå" in page
    client.post("/consultant/duplicates/scan", data={})
    assert db.session.query(DuplicatePair).count() == 1


def test_volunteers_and_branch_contacts_cannot_reach_the_queue(twins, client, auth, make_user):
    auth.login(db.session.get(Volunteer, twins.a.id).email)
    assert client.get("/consultant/duplicates").status_code == 403
    assert client.get(f"/consultant/duplicates/{twins.pair.id}").status_code == 403
    auth.logout()
    contact = make_user(Role.BRANCH_CONTACT)
    auth.login(contact.email)
    assert client.post(f"/consultant/duplicates/{twins.pair.id}/merge", data={}).status_code == 403
    assert fresh(Volunteer, twins.b.id).merged_into_id is None


def test_a_merge_from_the_screen_can_be_undone_from_the_pair(twins, client, auth):
    auth.login(twins.consultant.email)
    client.post(f"/consultant/duplicates/{twins.pair.id}/merge", data=merge_data(twins))
    page = client.get(f"/consultant/duplicates/{twins.pair.id}").get_data(as_text=True)
    assert "Fortryd sammenlægning" in page
    merge_id = re.search(r"/consultant/duplicates/merges/(\d+)/undo", page).group(1)
    response = client.post(f"/consultant/duplicates/merges/{merge_id}/undo", data={})
    assert response.status_code == 302
    assert fresh(Volunteer, twins.b.id).merged_into_id is None
    assert fresh(Volunteer, twins.a.id).motivation == ""
    assert db.session.get(DuplicatePair, twins.pair.id).status == "open"


def test_the_screen_proposes_what_the_person_entered_over_an_unclaimed_import(
    client, auth, make_user, make_volunteer
):
    """Last year's spreadsheet is imported today, yet its values are not the newer ones: the
    person's own record is preferred until they claimed the imported profile."""
    from crm.database import utcnow

    own = make_volunteer(first_name="Kurt", last_name="Andersen", phone="30594933")
    spreadsheet = Volunteer(
        first_name="Kurt",
        last_name="Andersee",
        email="kurt.gammel@example.org",
        phone="30594933",
        city="Vejle",
        imported_at=utcnow(),
    )
    db.session.add(spreadsheet)
    db.session.commit()
    pair = queue_pair(own, spreadsheet)
    auth.login(make_user(Role.CONSULTANT).email)
    page = client.get(f"/consultant/duplicates/{pair.id}").get_data(as_text=True)
    assert checked(page, "keep") == str(own.id)
    assert checked(page, "name") == checked(page, "email") == str(own.id)
    assert checked(page, "city") == str(spreadsheet.id)  # only the import has one


def test_not_the_same_at_the_moment_another_consultant_decided_is_refused_kindly(
    twins, client, auth, monkeypatch
):
    from sqlalchemy import update

    from crm.duplicates import services

    mark = services.mark_not_same

    def meanwhile(pair, actor):
        db.session.execute(
            update(DuplicatePair)
            .where(DuplicatePair.id == pair.id)
            .values(status="merged", version=DuplicatePair.version + 1),
            execution_options={"synchronize_session": False},
        )
        mark(pair, actor)

    monkeypatch.setattr(services, "mark_not_same", meanwhile)
    auth.login(twins.consultant.email)
    response = client.post(f"/consultant/duplicates/{twins.pair.id}/not-same", data={})
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/consultant/duplicates/{twins.pair.id}")
    assert "Dette par er allerede afgjort." in client.get(response.headers["Location"]).get_data(
        as_text=True
    )
