"""One rule for "open": a need's own status and its project's, the same in SQL and in Python."""

import itertools

import pytest
from sqlalchemy import select

from crm.matches import services
from crm.models import Match, MatchTransition, Need
from crm.projects.services import need_is_open, need_open_condition


def test_the_sql_condition_and_the_python_predicate_agree(db, make_project, make_need):
    made = []
    for project_status, need_status in itertools.product(
        ("planning", "active", "closed"), ("open", "filled", "closed")
    ):
        need = make_need(project=make_project(status=project_status), status=need_status)
        made.append((need, project_status, need_status))
    for public in (False, True):
        in_sql = set(db.session.scalars(select(Need.id).where(need_open_condition(public))))
        for need, project_status, need_status in made:
            assert need_is_open(need, public) == (need.id in in_sql)
            wanted = {"active"} if public else {"planning", "active"}
            assert need_is_open(need, public) == (
                need_status == "open" and project_status in wanted
            )


def project_form(project, status: str) -> dict:
    return {
        "title": project.title,
        "summary": project.summary,
        "status": status,
        "version": project.version,
    }


def test_closing_a_project_withdraws_its_open_matches_and_nothing_moves_on(
    client, auth, db, consultant, make_project, make_need, make_volunteer, make_match
):
    project = make_project(title="Kvinder i politik")
    need = make_need(project=project)
    interested = make_match(need, make_volunteer(first_name="Ida"), state="interested")
    placed = make_match(need, make_volunteer(first_name="Pia"), state="placed")
    auth.login(consultant.email)
    response = client.post(f"/projects/{project.id}/edit", data=project_form(project, "closed"))
    assert response.status_code == 302, response.get_data(as_text=True)[:3000]
    db.session.expire_all()
    assert db.session.get(Match, interested.id).state == "withdrawn"
    assert db.session.get(Match, placed.id).state == "placed"
    step = db.session.scalar(select(MatchTransition))
    assert step.note == "Projektet blev lukket." and step.user_id == consultant.id

    # Re-opened by hand, the match may still not be placed while the project is closed.
    match = db.session.get(Match, interested.id)
    match.state = "interested"
    db.session.commit()
    with pytest.raises(services.NeedNotOpen):
        services.transition(match, "placed", consultant)
    db.session.rollback()
    page = client.get(f"/consultant/needs/{need.id}?tab=interested").get_data(as_text=True)
    assert ">Placér<" not in page  # the one-click step is not offered either
