"""A filled need set back to open: withdrawn matches stay withdrawn, new suggestions appear."""

from datetime import date

from sqlalchemy import func, select

from crm.auth.models import Role
from crm.matches import pool_cache, refresh
from crm.models import Match, Need, VolunteerLanguage, VolunteerSkill
from tests.projects.conftest import need_form


def states(db, need_id: int) -> dict[str, int]:
    rows = db.session.execute(
        select(Match.state, func.count()).where(Match.need_id == need_id).group_by(Match.state)
    )
    return dict(rows.all())


def test_reopened_need_gets_new_suggestions(
    app, client, db, auth, monkeypatch, make_user, make_need, make_volunteer
):
    monkeypatch.setitem(app.config, "MATCH_STORE_TOP", 2)
    make_user(Role.CONSULTANT, email="k@example.org")
    need = make_need(title="Træner")
    for level in (4, 4, 3, 3, 2):
        v = make_volunteer(
            available_from=date(2027, 1, 1), available_to=date(2027, 12, 31), travel="short"
        )
        v.skills = [VolunteerSkill(area="local-democracy", level=level, source="declared")]
        v.languages = [VolunteerLanguage(code="en", level="C1")]
    db.session.commit()
    with app.test_request_context():
        pool_cache.forget_pool()
        refresh.refresh_need(db.session.get(Need, need.id))
        db.session.commit()
    assert states(db, need.id) == {"suggested": 2}
    first = set(db.session.scalars(select(Match.volunteer_id).where(Match.need_id == need.id)))

    auth.login("k@example.org")
    response = client.post(f"/projects/needs/{need.id}/edit", data=need_form(need, "filled"))
    assert response.status_code == 302
    assert states(db, need.id) == {"withdrawn": 2}

    db.session.expire_all()
    need = db.session.get(Need, need.id)
    response = client.post(f"/projects/needs/{need.id}/edit", data=need_form(need, "open"))
    assert response.status_code == 302
    db.session.expire_all()
    # The withdrawn stay withdrawn, and the next best two are suggested in their place.
    assert states(db, need.id) == {"withdrawn": 2, "suggested": 2}
    suggested = set(
        db.session.scalars(
            select(Match.volunteer_id).where(Match.need_id == need.id, Match.state == "suggested")
        )
    )
    assert not suggested & first
    html = client.get(f"/consultant/needs/{need.id}?tab=suggested").get_data(as_text=True)
    assert html.count('class="card candidate"') == 2
