"""A stale edit (someone else saved first) is refused with its message and overwrites nothing."""

from sqlalchemy import func, select, update

from crm.matches import services
from crm.models import Match, MatchTransition
from tests.consultant.factories import add_match


def test_a_request_that_loses_the_race_is_refused_with_the_conflict_message(
    client, auth, db, make_volunteer, make_need, monkeypatch
):
    volunteer = make_volunteer(email="mette@example.org")
    need = make_need()
    match = add_match(need, volunteer, state="contacted")
    auth.login("mette@example.org")
    checked = services.check_transition

    def check_then_a_concurrent_save(match, *args, **kwargs):
        checked(match, *args, **kwargs)
        table = Match.__table__  # a Core UPDATE: the loaded match keeps its old version
        db.session.execute(
            update(table).where(table.c.id == match.id).values(version=table.c.version + 1)
        )

    monkeypatch.setattr(services, "check_transition", check_then_a_concurrent_save)
    response = client.post(f"/me/needs/{need.id}/ask", follow_redirects=True)
    assert response.status_code == 200
    assert "En anden har ændret dette match" in response.get_data(as_text=True)
    db.session.expire_all()
    fresh = db.session.get(Match, match.id)
    assert (fresh.state, fresh.interested_at) == ("contacted", None)
    assert db.session.scalar(select(func.count()).select_from(MatchTransition)) == 0
