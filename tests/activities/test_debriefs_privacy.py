"""The volunteer's debriefs in their Art. 15 answer, and what erasure leaves of them."""

import json

from sqlalchemy import select

from crm.activities.models import Debrief
from crm.auth.models import Role
from crm.extensions import db as _db
from tests.activities.debrief_factories import add_debrief, completed

WORKED = "Workshoppen i Nakuru gik over al forventning"
DID_NOT = "Transporten var et mareridt"
ADVICE = "Ring til Mettes kontakt i partiet"


def _placement(make_volunteer, make_need, make_user, by_staff=False):
    volunteer = make_volunteer(first_name="Mette", last_name="Hemmeligsen")
    match = completed(make_need(title="Kursusleder i Nakuru"), volunteer)
    debrief = add_debrief(
        match,
        share=True,
        would_go_again="no",
        what_worked=WORKED,
        what_did_not=DID_NOT,
        advice=ADVICE,
    )
    if by_staff:
        debrief.written_by = make_user(Role.CONSULTANT, name="Karen Konsulent").id
        _db.session.commit()
    return volunteer, match


def test_the_volunteers_own_data_holds_their_debriefs(
    client, auth, make_volunteer, make_need, make_user
):
    volunteer, _match = _placement(make_volunteer, make_need, make_user, by_staff=True)
    auth.login(volunteer.email)
    data = json.loads(client.get("/me/export.json").get_data(as_text=True))
    [debrief] = data["your_debriefs"]
    assert debrief["need"] == "Kursusleder i Nakuru"
    assert (debrief["what_worked"], debrief["what_did_not"], debrief["advice"]) == (
        WORKED,
        DID_NOT,
        ADVICE,
    )
    assert debrief["would_go_again"] == "no" and debrief["shown_to_the_next_volunteer"] is True
    assert debrief["written_by"] == "Karen Konsulent"
    page = client.get("/me/data").get_data(as_text=True)
    assert "Evalueringer af dine opgaver" in page
    assert WORKED in page and DID_NOT in page and ADVICE in page
    assert "skrevet af Karen Konsulent" in page and "Ville tage af sted igen" in page
    assert "Vises for den næste frivillige, uden dit navn" in page


def test_the_consultants_answer_to_an_access_request_holds_them_too(
    client, auth, make_volunteer, make_need, make_user
):
    volunteer, _match = _placement(make_volunteer, make_need, make_user)
    auth.login(make_user(Role.CONSULTANT).email)
    page = client.get(f"/consultant/volunteers/{volunteer.id}/access").get_data(as_text=True)
    assert WORKED in page and ADVICE in page
    data = json.loads(
        client.get(f"/consultant/volunteers/{volunteer.id}/access.json").get_data(as_text=True)
    )
    assert data["your_debriefs"][0]["what_did_not"] == DID_NOT
    assert data["your_debriefs"][0]["written_by"] is None  # written by the person herself


def test_erasure_keeps_only_would_go_again(client, auth, make_volunteer, make_need, make_user):
    volunteer, match = _placement(make_volunteer, make_need, make_user)
    auth.login(volunteer.email)
    assert client.post("/me/delete", data={"confirm": "y"}).status_code == 302
    _db.session.expire_all()
    debrief = _db.session.scalar(select(Debrief).where(Debrief.match_id == match.id))
    assert (debrief.what_worked, debrief.what_did_not, debrief.advice) == ("", "", "")
    assert debrief.would_go_again == "no" and not debrief.share_with_next
    assert debrief.written_by is None
    stored = repr(_db.session.execute(select(Debrief.__table__)).all())
    assert all(text not in stored for text in (WORKED, DID_NOT, ADVICE))

    auth.login(make_user(Role.CONSULTANT).email)
    library = client.get("/consultant/lessons").get_data(as_text=True)
    assert "0 evalueringer fundet" in library  # nothing left to read
    assert "ja 0, måske 0, nej 1" in library  # the answer still counts
    assert "Hemmeligsen" not in library
