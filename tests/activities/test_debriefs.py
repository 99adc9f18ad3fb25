"""Debriefs: asked for when a placement completes, written, edited, and a stale edit refused."""

import re

import pytest
from sqlalchemy import select

from crm.activities import debriefs
from crm.activities.models import Debrief
from crm.audit.models import AuditEvent
from crm.auth.models import Role, User
from crm.models import Volunteer
from crm.volunteers import services as volunteer_services
from tests.activities.debrief_factories import add_debrief, completed
from tests.consultant.factories import add_match

ANSWERS = {
    "what_worked": "Workshoppen om medlemshvervning",
    "what_did_not": "Tolkningen tog lang tid",
    "advice": "Aftal programmet i god tid",
    "would_go_again": "yes",
}


def _login_as(auth, volunteer):
    auth.login(volunteer.email)


def _debrief_of(db, match) -> Debrief | None:
    db.session.expire_all()
    return db.session.scalar(select(Debrief).where(Debrief.match_id == match.id))


def test_completing_a_placement_asks_the_volunteer_for_a_debrief(
    client, auth, db, make_user, make_volunteer, make_need
):
    volunteer = make_volunteer()
    need = make_need(title="Træner for kvindelige kandidater")
    match = add_match(need, volunteer, state="placed")
    consultant = make_user(Role.CONSULTANT)
    _login_as(auth, volunteer)
    page = client.get("/me/needs/").get_data(as_text=True)
    assert "Skriv din evaluering" not in page  # placed, not yet completed
    auth.logout()

    auth.login(consultant.email)
    moved = client.post(
        f"/consultant/needs/{need.id}/matches/{match.id}/next",
        data={"to_state": "completed", "version": match.version},
    )
    assert moved.status_code == 302
    auth.logout()

    _login_as(auth, volunteer)
    page = client.get("/me/needs/").get_data(as_text=True)
    assert "Du har afsluttet en opgave. Fortæl os, hvordan det gik" in page
    assert f'href="/me/debriefs/{match.id}"' in page and "Skriv din evaluering" in page
    form = client.get(f"/me/debriefs/{match.id}").get_data(as_text=True)
    assert "Hvordan gik det? Træner for kvindelige kandidater" in form
    box = re.search(r'<input[^>]*name="share_with_next"[^>]*>', form).group(0)
    assert "checked" not in box  # the consent to share is off by default


def test_the_volunteer_writes_their_debrief(client, auth, db, make_volunteer, make_need):
    volunteer = make_volunteer()
    match = completed(make_need(), volunteer)
    _login_as(auth, volunteer)
    saved = client.post(
        f"/me/debriefs/{match.id}", data={**ANSWERS, "share_with_next": "y", "version": ""}
    )
    assert saved.status_code == 302
    assert saved.headers["Location"].endswith(f"/me/needs/#debrief-{match.id}")
    debrief = _debrief_of(db, match)
    assert (debrief.what_worked, debrief.advice) == (ANSWERS["what_worked"], ANSWERS["advice"])
    assert debrief.would_go_again == "yes" and debrief.share_with_next
    assert debrief.written_by == db.session.get(Volunteer, volunteer.id).user_id
    page = client.get("/me/needs/").get_data(as_text=True)
    assert "Ville tage af sted igen: Ja" in page
    assert "vises for den næste frivillige, uden dit navn" in page
    assert "Fortæl os, hvordan det gik" not in page  # asked no more
    # the volunteer's own words are not an audited change of their record by staff
    assert (
        db.session.scalar(select(AuditEvent).where(AuditEvent.action == "record_changed")) is None
    )


def test_the_form_refuses_an_answer_that_is_not_on_the_list(
    client, auth, db, make_volunteer, make_need
):
    volunteer = make_volunteer()
    match = completed(make_need(), volunteer)
    _login_as(auth, volunteer)
    refused = client.post(
        f"/me/debriefs/{match.id}", data={**ANSWERS, "would_go_again": "always", "version": ""}
    )
    assert refused.status_code == 400
    assert "Vælg en af mulighederne." in refused.get_data(as_text=True)
    assert ANSWERS["what_worked"] in refused.get_data(as_text=True)  # the text is kept
    assert _debrief_of(db, match) is None


def test_the_volunteer_edits_their_debrief(client, auth, db, make_volunteer, make_need):
    volunteer = make_volunteer()
    match = completed(make_need(), volunteer)
    seen = add_debrief(match, share=True, would_go_again="maybe").version
    _login_as(auth, volunteer)
    form = client.get(f"/me/debriefs/{match.id}").get_data(as_text=True)
    assert "Gode workshops med partnerne" in form and 'value="1"' in form
    saved = client.post(
        f"/me/debriefs/{match.id}",
        data={**ANSWERS, "would_go_again": "no", "version": seen},
    )
    assert saved.status_code == 302
    changed = _debrief_of(db, match)
    assert changed.what_worked == ANSWERS["what_worked"] and changed.would_go_again == "no"
    assert not changed.share_with_next  # the box was left unticked: consent taken back
    assert changed.version == seen + 1


def test_a_stale_edit_is_refused_and_loses_nothing(
    client, auth, db, make_user, make_volunteer, make_need
):
    volunteer = make_volunteer()
    match = completed(make_need(), volunteer)
    debrief = add_debrief(match)
    seen = debrief.version
    consultant = make_user(Role.CONSULTANT)
    auth.login(consultant.email)
    client.post(
        f"/consultant/placements/{match.id}/debrief",
        data={**ANSWERS, "advice": "Konsulentens råd", "version": seen},
    )
    auth.logout()
    _login_as(auth, volunteer)
    refused = client.post(
        f"/me/debriefs/{match.id}",
        data={**ANSWERS, "advice": "Mit eget råd", "version": seen},
    )
    html = refused.get_data(as_text=True)
    assert refused.status_code == 409
    assert "Din evaluering blev ikke gemt: en anden har gemt den" in html
    assert "Mit eget råd" in html  # what they typed is still in the form
    assert _debrief_of(db, match).advice == "Konsulentens råd"


def test_a_second_first_version_is_refused(client, auth, db, make_volunteer, make_need):
    """Two "write your debrief" forms opened before either was saved: the later one is stale."""
    volunteer = make_volunteer()
    match = completed(make_need(), volunteer)
    add_debrief(match, advice="Det første råd")
    _login_as(auth, volunteer)
    refused = client.post(f"/me/debriefs/{match.id}", data={**ANSWERS, "version": ""})
    assert refused.status_code == 409
    assert _debrief_of(db, match).advice == "Det første råd"


def test_the_consultant_writes_a_debrief_for_the_volunteer_from_the_record(
    client, auth, db, make_user, make_volunteer, make_need
):
    volunteer = make_volunteer(first_name="Vera", last_name="Holm")
    match = completed(make_need(title="Valgobservatør"), volunteer)
    consultant = make_user(Role.CONSULTANT)
    auth.login(consultant.email)
    record = client.get(f"/consultant/volunteers/{volunteer.id}").get_data(as_text=True)
    assert "Ingen evaluering endnu." in record
    assert f'href="/consultant/placements/{match.id}/debrief"' in record
    form = client.get(f"/consultant/placements/{match.id}/debrief").get_data(as_text=True)
    assert "Evaluering fra Vera Holm: Valgobservatør" in form
    assert 'name="share_with_next"' not in form  # only the volunteer can consent to sharing
    saved = client.post(
        f"/consultant/placements/{match.id}/debrief",
        data={**ANSWERS, "share_with_next": "y", "version": ""},
    )
    assert saved.status_code == 302
    debrief = _debrief_of(db, match)
    assert debrief.advice == ANSWERS["advice"] and not debrief.share_with_next
    assert debrief.written_by == consultant.id
    events = db.session.scalars(
        select(AuditEvent).where(AuditEvent.volunteer_id == volunteer.id)
    ).all()
    changed = [e for e in events if e.action == "record_changed"]
    assert [e.details for e in changed] == [{"change": "debrief", "match_id": match.id}]
    assert any(e.action == "record_viewed" and e.details.get("view") == "debrief" for e in events)
    record = client.get(f"/consultant/volunteers/{volunteer.id}").get_data(as_text=True)
    assert ANSWERS["advice"] in record and "Ret evalueringen" in record


def test_the_volunteer_completes_what_the_consultant_started(
    client, auth, db, make_user, make_volunteer, make_need
):
    volunteer = make_volunteer()
    match = completed(make_need(), volunteer)
    debrief = add_debrief(match, advice="")
    debrief.written_by = make_user(Role.CONSULTANT).id
    db.session.commit()
    _login_as(auth, volunteer)
    saved = client.post(
        f"/me/debriefs/{match.id}",
        data={**ANSWERS, "share_with_next": "y", "version": debrief.version},
    )
    assert saved.status_code == 302
    assert _debrief_of(db, match).share_with_next


def test_only_completed_placements_of_ones_own_have_a_debrief(
    client, auth, db, make_user, make_volunteer, make_need
):
    volunteer, other = make_volunteer(), make_volunteer()
    placed = add_match(make_need(), volunteer, state="placed")
    theirs = completed(make_need(), other)
    _login_as(auth, volunteer)
    assert client.get(f"/me/debriefs/{placed.id}").status_code == 404
    assert client.get(f"/me/debriefs/{theirs.id}").status_code == 404
    assert client.post(f"/me/debriefs/{theirs.id}", data=ANSWERS).status_code == 404
    assert _debrief_of(db, theirs) is None
    auth.logout()
    auth.login(make_user(Role.CONSULTANT).email)
    assert client.get(f"/consultant/placements/{placed.id}/debrief").status_code == 404


def test_no_debrief_is_written_after_consent_is_withdrawn(
    client, auth, db, make_user, make_volunteer, make_need
):
    volunteer = make_volunteer()
    match = completed(make_need(), volunteer)
    _login_as(auth, volunteer)
    assert client.post("/me/consent/withdraw", data={"confirm": "y"}).status_code == 302
    page = client.get(f"/me/debriefs/{match.id}").get_data(as_text=True)
    assert "Du har trukket dit samtykke tilbage" in page and "Gem min evaluering" not in page
    assert client.post(f"/me/debriefs/{match.id}", data=ANSWERS).status_code == 409
    auth.logout()
    auth.login(make_user(Role.CONSULTANT).email)
    staff = client.post(f"/consultant/placements/{match.id}/debrief", data=ANSWERS)
    assert staff.status_code == 409
    assert _debrief_of(db, match) is None
    assert db.session.get(User, db.session.get(Volunteer, volunteer.id).user_id) is not None


def test_the_service_refuses_a_debrief_after_consent_was_withdrawn_meanwhile(
    db, make_user, make_volunteer, make_need
):
    """The form was opened before the withdrawal and saved after it: the service refuses too."""
    volunteer = make_volunteer()
    match = completed(make_need(), volunteer)
    found = debriefs.placement(match.id)
    volunteer_services.withdraw_consent(db.session.get(Volunteer, volunteer.id))
    data = debriefs.DebriefData("Godt", "", "", "yes")
    with pytest.raises(debriefs.DebriefRefused):
        debriefs.save_debrief(found, data, make_user(Role.CONSULTANT), "")
    assert _debrief_of(db, match) is None


def test_the_record_says_shown_only_while_the_next_volunteer_can_read_it(
    client, auth, db, make_user, make_volunteer, make_need
):
    volunteer = make_volunteer()
    add_debrief(completed(make_need(), volunteer), share=True)
    auth.login(make_user(Role.CONSULTANT).email)
    record = f"/consultant/volunteers/{volunteer.id}"
    assert "Vises for den næste frivillige" in client.get(record).get_data(as_text=True)
    volunteer_services.withdraw_consent(db.session.get(Volunteer, volunteer.id))
    db.session.commit()
    page = client.get(record).get_data(as_text=True)
    assert "Vises for den næste frivillige" not in page
    assert "Vises ikke for andre frivillige" in page
