"""After Done, an Undo button right under the flash; the first calendar address says what to do."""

import re

from crm.contacts.models import FollowUp
from crm.contacts.services import local_today
from crm.extensions import db
from tests.consultant.factories import add_follow_up


def test_done_on_the_dashboard_offers_undo_once(client, consultant, make_volunteer):
    mette = make_volunteer(first_name="Mette", last_name="Hansen")
    follow_up = add_follow_up(consultant, local_today(), mette, note="Ring til Mette")
    response = client.post(
        f"/contacts/follow-ups/{follow_up.id}/done", data={"next": "/consultant/#follow-ups"}
    )
    assert response.location == "/consultant/#follow-ups"  # the row is gone: back to its list
    html = client.get(response.location).get_data(as_text=True)
    assert "Opfølgningen for Mette Hansen er markeret som klaret." in html
    undo = re.search(r'<form method="post" action="([^"]+)" class="undo-bar">', html)
    assert undo and undo.group(1) == f"/contacts/follow-ups/{follow_up.id}/undo"
    assert "Ring til Mette" not in html  # no longer due
    # The button puts it back where it was.
    back = client.post(undo.group(1), data={"next": "/consultant/"})
    html = client.get(back.location).get_data(as_text=True)
    assert "Ring til Mette" in html and "undo-bar" not in html
    db.session.expire_all()
    assert db.session.get(FollowUp, follow_up.id).done_at is None
    # The offer is made once: a reload no longer shows it.
    client.post(f"/contacts/follow-ups/{follow_up.id}/done", data={"next": "/contacts/follow-ups"})
    assert "undo-bar" in client.get("/contacts/follow-ups").get_data(as_text=True)
    assert "undo-bar" not in client.get("/contacts/follow-ups").get_data(as_text=True)


def test_the_flash_category_is_plain_and_the_id_is_not_in_a_class(client, consultant):
    follow_up = add_follow_up(consultant, local_today(), None, note="Ring")
    client.post(f"/contacts/follow-ups/{follow_up.id}/done", data={"next": "/consultant/"})
    with client.session_transaction() as session:
        assert session["_flashes"] == [("success", "Opfølgningen er markeret som klaret.")]
        assert session["undo_follow_up"] == follow_up.id
    html = client.get("/consultant/").get_data(as_text=True)
    assert '<p class="flash flash-success">' in html and "undo-follow-up" not in html
    assert f"/contacts/follow-ups/{follow_up.id}/undo" in html
    with client.session_transaction() as session:
        assert "undo_follow_up" not in session


def test_the_first_calendar_address_is_to_subscribe_to_not_again(client, consultant):
    first = client.post("/contacts/calendar/token", follow_redirects=True)
    assert "Abonnér på den i din kalender." in first.get_data(as_text=True)
    second = client.post("/contacts/calendar/token", follow_redirects=True)
    assert "Abonnér på den igen." in second.get_data(as_text=True)
