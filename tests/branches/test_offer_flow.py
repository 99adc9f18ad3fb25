"""'Vi kan hjælpe': an offer becomes a branch match in the pipeline; the contact sees its state."""

from sqlalchemy import select

from crm.auth.models import Role
from crm.extensions import db as _db
from crm.matches import services
from crm.models import Match, OfferMember


def _offer(client, need, message="Vi har drevet et ungdomsnetværk i tre år.", members=()):
    data = {"message": message, "members": [str(m) for m in members]}
    return client.post(f"/branch/needs/{need.id}/offer", data=data)


def test_offer_reaches_the_pipeline_and_its_state_comes_back(
    client, auth, db, contact, make_need, make_member, make_user
):
    branch, user = contact(name="Ungeafdelingen")
    sharing = make_member(branch, first_name="Sara", last_name="Deler")
    hidden = make_member(branch, share=False, first_name="Hemmelig", last_name="Medlem")
    need = make_need(title="Ungdomsnetværk i Kenya")
    auth.login(user.email)

    form = client.get(f"/branch/needs/{need.id}/offer").get_data(as_text=True)
    assert "Ungdomsnetværk i Kenya" in form and "Sara Deler" in form
    assert "Hemmelig" not in form

    answer = _offer(client, need, members=[sharing.id])
    assert answer.status_code == 302 and answer.headers["Location"].endswith("/branch/offers")
    match = _db.session.scalar(select(Match).where(Match.branch_id == branch.id))
    assert (match.need_id, match.volunteer_id, match.state) == (need.id, None, "suggested")
    assert match.offer_message.startswith("Vi har drevet") and match.offered_by == user.id
    named = _db.session.scalars(select(OfferMember.volunteer_id)).all()
    assert named == [sharing.id] and hidden.id not in named
    page = client.get("/branch/offers").get_data(as_text=True)
    assert "Ungdomsnetværk i Kenya" in page and "Sendt: venter på konsulenten" in page

    second = _offer(client, need)
    assert second.status_code == 400
    assert "allerede tilbudt" in second.get_data(as_text=True)
    assert _db.session.scalar(select(_db.func.count(Match.id))) == 1

    consultant = make_user(Role.CONSULTANT)
    services.transition(
        _db.session.get(Match, match.id), "shortlisted", consultant, note="Hemmelig note"
    )
    _db.session.commit()
    page = client.get("/branch/offers").get_data(as_text=True)
    assert "Konsulenten overvejer jeres tilbud" in page and "Hemmelig note" not in page
    home = client.get("/branch/").get_data(as_text=True)
    assert "Jeres tilbud: Konsulenten overvejer jeres tilbud" in home


def test_a_message_is_required_and_short(client, auth, db, contact, make_need):
    branch, user = contact()
    need = make_need()
    auth.login(user.email)
    assert _offer(client, need, message="").status_code == 400
    assert _offer(client, need, message="x" * 1001).status_code == 400
    assert _db.session.scalar(select(_db.func.count(Match.id))) == 0


def test_a_need_that_is_not_open_or_public_is_404(
    client, auth, db, contact, make_need, make_project
):
    branch, user = contact()
    closed = make_need(status="filled")
    planned = make_need(project=make_project(status="planning"))
    auth.login(user.email)
    for need in (closed, planned):
        assert client.get(f"/branch/needs/{need.id}/offer").status_code == 404
        assert _offer(client, need).status_code == 404
    assert client.get("/branch/needs/999999/offer").status_code == 404
