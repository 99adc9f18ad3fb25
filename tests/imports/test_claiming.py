"""Imported people are not matched until they agree: invited by e-mail, they claim the profile
(a signed, expiring, one-use link), choose a password, check their data and consent with source
"import". Before that they are never matched and never shown to their branch."""

import re

import pytest
from itsdangerous import TimestampSigner
from sqlalchemy import select

from crm.auth.models import Role, User
from crm.extensions import db as _db
from crm.matches.adapter import consented_candidates
from crm.matches.branch_members import tally
from crm.models import AuditEvent, ConsentRecord, Match, Volunteer
from tests.auth.test_register_and_login import without_csrf
from tests.imports.conftest import batch_path, import_good, imported, messy_csv, upload

PASSWORD = "a long new password"


def links(outbox) -> dict[str, str]:
    """The claim link in each e-mail, by recipient."""
    found = {}
    for message in outbox.messages():
        body = message.get_body(("plain",)).get_content()
        match = re.search(r"http://localhost(/claim/\S+)", body)
        if match:
            found[message["To"]] = match.group(1)
    return found


@pytest.fixture()
def batch(client, db, consultant, branches):
    """Last year's spreadsheet imported: its path, and the imported people by address."""
    path = batch_path(upload(client, messy_csv(), "frivillige.csv"))
    import_good(client, path)
    return path


def _invite_all(client, batch):
    return client.post(f"{batch}/invite", data={"invite_all": "1"})


def _claim(client, path, password=PASSWORD):
    return client.post(path, data={"password": password, "confirm": password})


def pool() -> set[int]:
    """The volunteers the matching engine is given (the candidate pool)."""
    return {int(candidate.id) for candidate in consented_candidates()}


def _fresh(volunteer) -> Volunteer:
    _db.session.rollback()
    return _db.session.get(Volunteer, volunteer.id)


def test_invite_claim_consent_then_matched(client, db, outbox, batch, make_need, runner):
    need = make_need(languages=(("en", "B2", True),))
    soeren = imported(db)["soeren@example.org"]
    runner.invoke(args=["rematch"])
    assert soeren.id not in pool()  # no consent: not in the pool
    assert db.session.scalars(select(Match).where(Match.volunteer_id == soeren.id)).all() == []

    assert _invite_all(client, batch).status_code == 302
    sent = links(outbox)
    assert sorted(sent) == sorted(imported(db))  # one e-mail each, to the imported people
    body = outbox.messages()[0].get_body(("plain",)).get_content()
    assert "14 dage" in body  # Danish by default, with CLAIM_MAX_AGE in days
    page = client.get(batch).get_data(as_text=True)
    assert "Inviteret" in page
    client.post("/logout")

    path = sent["soeren@example.org"]
    page = client.get(path)
    assert page.status_code == 200 and "soeren@example.org" in page.get_data(as_text=True)
    response = _claim(client, path)
    assert response.status_code == 302
    assert response.headers["Location"] == "/me/profile/contact"
    soeren = _fresh(soeren)
    user = db.session.get(User, soeren.user_id)
    assert user.role == Role.VOLUNTEER and user.email == "soeren@example.org"
    assert soeren.claimed_at is not None and soeren.consent_at is None
    assert soeren.id not in pool()  # claimed, not yet consented

    # they check their data: the contact step shows what was imported
    page = client.get("/me/profile/contact").get_data(as_text=True)
    assert "Ærøbo" in page and "+4520123456" in page
    consent = client.post(
        "/me/profile/consent",
        data={"version": soeren.version, "consent": "y", "text_version": "2026-11"},
    )
    assert consent.status_code == 302
    records = db.session.scalars(
        select(ConsentRecord).where(ConsentRecord.volunteer_id == soeren.id)
    ).all()
    _db.session.rollback()
    assert {r.source for r in records} == {"import"}
    assert {r.purpose for r in records} == {"matching", "consultant_email"}
    assert soeren.id in pool()  # now matchable
    matches = db.session.scalars(select(Match).where(Match.volunteer_id == soeren.id)).all()
    assert [m.need_id for m in matches] == [need.id]  # the save re-scored the open needs


def test_imported_people_are_never_shown_to_their_branch(
    client, db, batch, branches, make_user, auth
):
    aarhus = branches["aarhus"]
    assert tally(aarhus)[0].registered_others == 0  # not even counted among the others
    contact = make_user(Role.BRANCH_CONTACT, branch_id=aarhus.id)
    client.post("/logout")
    auth.login(contact.email)
    for page in ("/branch/", "/branch/members", "/branch/report"):
        text = client.get(page).get_data(as_text=True)
        assert "Søren" not in text and "Ærøbo" not in text


def test_the_link_works_once(client, db, outbox, batch):
    _invite_all(client, batch)
    client.post("/logout")
    path = links(outbox)["aeble@example.org"]
    assert _claim(client, path).status_code == 302
    client.post("/logout")
    again = client.get(path)
    assert again.status_code == 410
    assert "Invitationen er allerede brugt" in again.get_data(as_text=True)
    assert _claim(client, path, "another long password").status_code == 410
    assert db.session.scalars(select(User).where(User.email == "aeble@example.org")).one()


def test_an_expired_link_is_refused(client, db, outbox, batch, app, monkeypatch):
    _invite_all(client, batch)
    client.post("/logout")
    path = links(outbox)["aeble@example.org"]
    later = TimestampSigner.get_timestamp(None) + app.config["CLAIM_MAX_AGE"] + 1
    monkeypatch.setattr(TimestampSigner, "get_timestamp", lambda self: later)
    response = client.get(path)
    assert response.status_code == 410 and "udløbet" in response.get_data(as_text=True)
    assert _claim(client, path).status_code == 410
    assert imported(db)["aeble@example.org"].user_id is None


def test_a_link_valid_for_less_than_a_day_says_so_in_hours(client, db, outbox, batch, app):
    app.config["CLAIM_MAX_AGE"] = 6 * 3600  # as the invitations of staff and branches say it
    _invite_all(client, batch)
    body = outbox.messages()[0].get_body(("plain",)).get_content()
    assert "inden for 6 timer" in body and "1 dag" not in body


def test_a_second_invitation_voids_the_first(client, db, outbox, batch):
    aeble = imported(db)["aeble@example.org"]
    client.post(f"{batch}/invite", data={"chosen": [aeble.id], "invite_chosen": "1"})
    first = links(outbox)["aeble@example.org"]
    client.post(f"{batch}/invite", data={"chosen": [aeble.id], "invite_chosen": "1"})
    paths = [
        re.search(r"(/claim/\S+)", m.get_body(("plain",)).get_content()).group(1)
        for m in outbox.messages()
    ]
    assert len(paths) == 2 and paths[0] == first and paths[1] != first
    client.post("/logout")
    assert client.get(first).status_code == 410
    assert _claim(client, paths[1]).status_code == 302
    events = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "claim_invited")
    ).all()
    assert [e.volunteer_id for e in events] == [aeble.id, aeble.id]
    assert all("@" not in repr(e.details) for e in events)


def test_forged_links_are_refused(client, db, outbox, batch):
    _invite_all(client, batch)
    client.post("/logout")
    path = links(outbox)["aeble@example.org"]
    assert client.get(path[:-3] + "abc").status_code == 400
    assert client.get("/claim/not-a-token").status_code == 400


def test_an_address_with_an_account_already_cannot_claim(client, db, outbox, batch, make_user):
    _invite_all(client, batch)
    make_user(Role.VOLUNTEER, email="aeble@example.org")  # registered after the import
    client.post("/logout")
    response = _claim(client, links(outbox)["aeble@example.org"])
    assert response.status_code == 409
    assert "har allerede en konto" in response.get_data(as_text=True)
    assert imported(db)["aeble@example.org"].user_id is None


def test_registering_with_an_imported_address_invites_to_claim_it(client, db, outbox, batch):
    """Same e-mail, same person: no second profile and no second account, but the link to
    claim the imported one, behind the same answer as any registration."""
    client.post("/logout", follow_redirects=True)  # its flash shown
    data = {"first_name": "Æble", "last_name": "Ny", "email": "Aeble@Example.org"}
    response = client.post("/register", data={**data, "password": PASSWORD, "confirm": PASSWORD})
    fresh = client.post(
        "/register",
        data={**data, "email": "ny@example.org", "password": PASSWORD, "confirm": PASSWORD},
    )
    assert response.status_code == fresh.status_code == 200
    answer = response.get_data(as_text=True).replace("aeble@example.org", "ny@example.org")
    assert without_csrf(answer) == without_csrf(fresh.get_data(as_text=True))
    _db.session.rollback()
    same = select(Volunteer).where(Volunteer.email.ilike("aeble@example.org"))
    assert len(db.session.scalars(same).all()) == 1
    assert db.session.scalars(select(User).where(User.email == "aeble@example.org")).all() == []
    path = links(outbox)["aeble@example.org"]
    assert _claim(client, path).status_code == 302
    assert _fresh(imported(db)["aeble@example.org"]).claimed_at is not None


def test_invite_all_skips_those_invited_or_claimed(client, db, outbox, batch):
    aeble = imported(db)["aeble@example.org"]
    client.post(f"{batch}/invite", data={"chosen": [aeble.id], "invite_chosen": "1"})
    assert len(outbox.messages()) == 1
    _invite_all(client, batch)
    assert sorted(links(outbox)) == sorted(imported(db))
    assert len(outbox.messages()) == len(imported(db))  # Æble not invited twice


def test_erasure_voids_the_link(client, db, outbox, batch):
    _invite_all(client, batch)
    aeble = imported(db)["aeble@example.org"]
    path = links(outbox)["aeble@example.org"]
    response = client.post(f"/consultant/volunteers/{aeble.id}/erase", data={"confirm": "y"})
    assert response.status_code == 302
    aeble = _fresh(aeble)
    assert aeble.erased_at is not None and aeble.postcode == "" and aeble.claim_nonce is None
    client.post("/logout")
    assert client.get(path).status_code == 400


def test_the_claimed_persons_data_page_says_where_it_came_from(client, db, outbox, batch):
    _invite_all(client, batch)
    client.post("/logout")
    _claim(client, links(outbox)["soeren@example.org"])
    page = client.get("/me/data").get_data(as_text=True)
    assert "Hvor profilen kommer fra" in page and "8000" in page
    data = client.get("/me/export.json").get_json()
    assert data["source"]["imported_at"] and data["source"]["claimed_at"]
    assert data["contact"]["postcode"] == "8000"


@pytest.mark.parametrize("role", [Role.VOLUNTEER, Role.BRANCH_CONTACT])
def test_volunteers_and_branch_contacts_cannot_import(client, db, make_user, auth, role, branches):
    user = make_user(role, branch_id=branches["aarhus"].id if role == Role.BRANCH_CONTACT else None)
    auth.login(user.email)
    assert client.get("/consultant/import/").status_code == 403
    assert upload(client, messy_csv(), "x.csv").status_code == 403
    assert _db.session.scalars(select(Volunteer)).all() == []


def test_the_record_says_the_profile_was_imported_and_not_claimed(client, db, outbox, batch):
    aeble = imported(db)["aeble@example.org"]
    page = client.get(f"/consultant/volunteers/{aeble.id}").get_data(as_text=True)
    assert "Importeret fra et regneark" in page and "ikke inviteret endnu – matches ikke" in page
    _invite_all(client, batch)
    page = client.get(f"/consultant/volunteers/{aeble.id}").get_data(as_text=True)
    assert "ikke overtaget endnu – matches ikke" in page


def test_a_claim_link_opened_while_someone_is_logged_in_keeps_their_session(
    client, db, outbox, batch
):
    _invite_all(client, batch)  # the consultant is logged in here
    path = links(outbox)["soeren@example.org"]
    for response in (client.get(path), _claim(client, path)):
        assert response.status_code == 409
        assert "Du er logget ind som en anden" in response.get_data(as_text=True)
    assert _fresh(imported(db)["soeren@example.org"]).claimed_at is None
    assert client.get("/consultant/").status_code == 200  # still the consultant
    client.post("/logout")
    assert client.get(path).status_code == 200  # logged out, the link works
