"""Follow-ups: list with filters in the URL, done / undo, reassign to another consultant."""

import re
from datetime import timedelta

from crm.auth.models import Role
from crm.contacts.models import FollowUp
from crm.contacts.services import local_today
from crm.extensions import db
from tests.consultant.factories import add_follow_up


def notes(response) -> list[str]:
    return re.findall(r"<p>(Note [^<]+)</p>", response.get_data(as_text=True))


def test_filters_in_the_url(client, consultant, make_user, make_volunteer):
    colleague = make_user(Role.CONSULTANT, name="Kurt")
    mette = make_volunteer(first_name="Mette", last_name="Hansen")
    today = local_today()
    add_follow_up(consultant, today - timedelta(days=2), mette, note="Note gammel")
    add_follow_up(consultant, today + timedelta(days=5), mette, note="Note fremtid")
    add_follow_up(consultant, today - timedelta(days=9), mette, note="Note klaret", done=True)
    add_follow_up(colleague, today, mette, note="Note kollega")
    assert notes(client.get("/contacts/follow-ups")) == ["Note gammel", "Note fremtid"]
    assert notes(client.get("/contacts/follow-ups?owner=all")) == [
        "Note gammel",
        "Note fremtid",
        "Note kollega",
    ]
    assert notes(client.get("/contacts/follow-ups?status=done")) == ["Note klaret"]
    assert notes(client.get("/contacts/follow-ups?status=all&overdue=y")) == ["Note gammel"]
    until = (today + timedelta(days=1)).isoformat()
    assert notes(client.get(f"/contacts/follow-ups?owner=all&due_to={until}")) == [
        "Note gammel",
        "Note kollega",
    ]
    html = client.get("/contacts/follow-ups?owner=all&status=open").get_data(as_text=True)
    assert '<option selected value="all">' in html or 'value="all" selected' in html
    assert 'name="next" value="/contacts/follow-ups?owner=all&amp;status=open"' in html
    # Each row's buttons say which follow-up they act on.
    assert html.count('<span class="visually-hidden">: opfølgning for Mette Hansen med frist') == 6


def test_done_undo_and_reassign(client, consultant, make_user, make_volunteer):
    colleague = make_user(Role.CONSULTANT, name="Kurt")
    mette = make_volunteer(first_name="Mette", last_name="Hansen")
    follow_up = add_follow_up(consultant, local_today(), mette, note="Note x")
    back = "/contacts/follow-ups?status=all"
    response = client.post(f"/contacts/follow-ups/{follow_up.id}/done", data={"next": back})
    # Back on the same page at the same row, and the message names the volunteer.
    assert response.status_code == 302
    assert response.headers["Location"] == f"{back}#follow-up-{follow_up.id}"
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Opfølgningen for Mette Hansen er markeret som klaret." in html
    assert f'id="follow-up-{follow_up.id}"' in html
    db.session.expire_all()
    assert db.session.get(FollowUp, follow_up.id).done_at is not None
    db.session.expire_all()
    response = client.post(f"/contacts/follow-ups/{follow_up.id}/undo", data={"next": back})
    assert response.headers["Location"] == f"{back}#follow-up-{follow_up.id}"
    assert "Opfølgningen for Mette Hansen er åben igen." in client.get(
        response.headers["Location"]
    ).get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(FollowUp, follow_up.id).done_at is None
    db.session.expire_all()
    response = client.post(
        f"/contacts/follow-ups/{follow_up.id}/reassign",
        data={"owner_id": str(colleague.id), "next": back},
    )
    assert response.status_code == 302
    assert response.headers["Location"] == f"{back}#follow-up-{follow_up.id}"
    assert "Opfølgningen for Mette Hansen er givet til Kurt." in client.get(
        response.headers["Location"]
    ).get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(FollowUp, follow_up.id).owner_id == colleague.id


def test_reassign_only_to_staff(client, consultant, make_volunteer, make_user):
    volunteer_user = make_user(Role.VOLUNTEER)
    follow_up = add_follow_up(consultant, local_today(), make_volunteer())
    response = client.post(
        f"/contacts/follow-ups/{follow_up.id}/reassign", data={"owner_id": str(volunteer_user.id)}
    )
    assert response.status_code == 400
    assert db.session.get(FollowUp, follow_up.id).owner_id == consultant.id


def test_next_must_be_a_local_path(client, consultant, make_volunteer):
    follow_up = add_follow_up(consultant, local_today(), make_volunteer())
    response = client.post(
        f"/contacts/follow-ups/{follow_up.id}/done", data={"next": "//evil.example/"}
    )
    assert response.headers["Location"] == f"/contacts/follow-ups#follow-up-{follow_up.id}"


def test_unknown_follow_up_is_404(client, consultant):
    assert client.post("/contacts/follow-ups/999/done").status_code == 404
