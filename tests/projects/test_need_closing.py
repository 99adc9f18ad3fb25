"""Closing or filling a need through its form withdraws its open matches."""

from sqlalchemy import select

from crm.auth.models import Role
from crm.models import Match, MatchTransition
from tests.projects.conftest import need_form


def test_filling_a_need_withdraws_its_open_matches(
    client, db, auth, make_user, make_need, make_volunteer
):
    make_user(Role.CONSULTANT, email="k@example.org")
    need = make_need(title="Træner", seats=1)
    open_match = Match(need_id=need.id, volunteer_id=make_volunteer().id, score=70.0)
    placed = Match(need_id=need.id, volunteer_id=make_volunteer().id, score=80.0, state="placed")
    db.session.add_all([open_match, placed])
    db.session.commit()
    auth.login("k@example.org")
    form = client.get(f"/projects/needs/{need.id}/edit").get_data(as_text=True)
    assert "Træner" in form
    data = need_form(need, "filled")
    response = client.post(f"/projects/needs/{need.id}/edit", data=data)
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    db.session.expire_all()
    assert db.session.get(Match, open_match.id).state == "withdrawn"
    assert db.session.get(Match, placed.id).state == "placed"
    steps = db.session.scalars(select(MatchTransition.to_state)).all()
    assert steps == ["withdrawn"]
