"""Our members' involvement and the report back: what a branch contact reads about its members."""

import re
from datetime import UTC, datetime

import pytest

from crm.extensions import db as _db
from crm.matches.offers import OfferRefused, named_members, offer_help
from crm.models import Volunteer
from tests.conftest import PASSWORD
from tests.consultant.factories import add_match, add_transition


def login(client, user):
    client.post("/login", data={"email": user.email, "password": PASSWORD})


def figures(page: str) -> list[str]:
    """The figures about members who do not share, in page order (a number, under, withheld)."""
    return re.findall(r'data-others="([^"]+)"', page)


def test_members_page_names_those_who_share_and_only_counts_the_others(client, branches):
    login(client, branches.contact_a)
    page = client.get("/branch/members").get_data(as_text=True)
    assert "Sofie Delersen" in page and "Søren Delbæk" in page
    for person in branches.hidden + branches.other_branch:
        assert person.last_name not in page
    # in all: 5 others registered; 1 asked and 2 placed, both "under 3"; each project: under 3
    assert figures(page) == ["5", "under", "under"] + ["under", "under"] * 2
    assert "færre end 3" in page


def test_the_contact_opening_the_members_page_is_audited_per_shown_profile(client, branches):
    from sqlalchemy import select

    from crm.audit.models import AuditEvent

    login(client, branches.contact_a)
    page = client.get("/branch/members").get_data(as_text=True)
    _db.session.expire_all()
    seen = _db.session.execute(
        select(AuditEvent.volunteer_id, AuditEvent.actor_id, AuditEvent.actor_role).where(
            AuditEvent.action == "record_viewed"
        )
    ).all()
    shown = {v.id for v in _db.session.scalars(select(Volunteer)) if v.last_name in page}
    assert {row[0] for row in seen} == shown and len(shown) >= 2
    assert {row[1:] for row in seen} == {(branches.contact_a.id, "branch_contact")}


def test_a_sharing_members_card_shows_profile_and_tasks_never_contact_details(client, branches):
    login(client, branches.contact_a)
    page = client.get("/branch/members").get_data(as_text=True)
    sofie = branches.sharing[0]
    members = page[page.index('id="sharing"') :]
    card = members[: members.index(branches.sharing[1].full_name)]
    assert "Ungdomsnetværk og ungdomspartier" in card and "Engelsk" in card
    assert "Træner i lokaldemokrati" in card and "Har meldt sig" in card
    assert sofie.email not in page and sofie.phone not in page
    assert "Fortrolig note" not in page
    assert "Shortlist" not in page and "Udvalgt" not in page  # never the pipeline state


@pytest.fixture()
def big_branch(make_branch, make_user, make_project, make_need, add_member):
    """A branch of 10 members who do not share: 4 asked for Kenya, 3 completed in Nepal in 2027."""
    from crm.auth.models import Role

    branch = make_branch(name="Store Afdeling")
    contact = make_user(Role.BRANCH_CONTACT, branch_id=branch.id)
    kenya = make_need(project=make_project(title="Kenya"), title="Træner")
    nepal = make_need(project=make_project(title="Nepal"), title="Mentor")
    people = [add_member(branch, f"Medlem{n}", f"Efternavn{n}") for n in range(10)]
    for person in people[:4]:
        add_match(kenya, person, state="suggested", interested_at=person.created_at)
    for person in people[4:7]:
        match = add_match(nepal, person, state="completed")
        add_transition(match, "placed", "completed", at=datetime(2027, 5, 1, tzinfo=UTC))
    return contact, people


def test_counts_of_others_are_printed_when_no_small_group_can_be_read(client, big_branch):
    contact, _people = big_branch
    login(client, contact)
    page = client.get("/branch/members").get_data(as_text=True)
    # registered 10, asked 4, placed 3; Kenya: asked 4, placed under 3; Nepal: under 3, placed 3
    assert figures(page) == ["10", "4", "3", "4", "under", "under", "3"]
    report = client.get("/branch/report").get_data(as_text=True)
    # no approved activity yet ("under 3" reported), then the completed placements as before
    assert figures(report) == ["under", "3", "3"] and "2027" in report


def test_one_more_member_involved_hides_the_counts_that_would_add_up_to_all(
    client, big_branch, make_need, make_project
):
    contact, people = big_branch
    add_match(make_need(project=make_project(title="Peru")), people[7], state="placed")
    login(client, contact)
    page = client.get("/branch/members").get_data(as_text=True)
    # 8 of 10 now take part: asked 4 and placed 4 would leave only 2 others, so neither shows
    assert figures(page)[:3] == ["10", "withheld", "withheld"]
    assert set(figures(page)[3:]) <= {"under", "withheld"}


def test_report_lists_the_completed_placements_of_members_who_share(client, branches):
    login(client, branches.contact_a)
    page = client.get("/branch/report").get_data(as_text=True)
    soren = branches.sharing[1]
    assert soren.full_name in page
    assert "Mentor for ungdomsnetværk" in page and "Unge i politik i Nepal" in page
    assert str(datetime.now(UTC).year) in page
    assert branches.hidden[1].full_name not in page and "Fortrolig note" not in page
    assert "Fremmed Fjernholm" not in page  # completed too, but in another branch
    assert figures(page) == ["under", "under", "under"]  # reported, completed, this year


def test_unticking_sharing_takes_effect_at_once(client, branches):
    sofie = branches.sharing[0]
    login(client, sofie)
    data = {"first_name": "Sofie", "last_name": "Delersen", "city": "Aarhus"}
    current = _db.session.get(Volunteer, sofie.id)
    client.post(
        "/me/profile/contact",
        data={**data, "branch_id": str(branches.a.id), "version": current.version, "nav": "next"},
    )
    client.post("/logout")
    login(client, branches.contact_a)
    assert "Sofie Delersen" not in client.get("/branch/members").get_data(as_text=True)
    with pytest.raises(OfferRefused):
        offer_help(branches.a, branches.needs[0], branches.contact_a, "Vi kan", [sofie.id])


def test_moving_to_another_branch_stops_sharing_until_ticked_again(client, branches):
    sofie = branches.sharing[0]
    login(client, sofie)
    current = _db.session.get(Volunteer, sofie.id)
    response = client.post(
        "/me/profile/contact",
        data={
            "first_name": "Sofie",
            "last_name": "Delersen",
            "city": "Odense",
            "branch_id": str(branches.b.id),
            "share_with_branch": "y",
            "version": current.version,
            "nav": "next",
        },
        follow_redirects=True,
    )
    assert "deles ikke længere" in response.get_data(as_text=True)
    _db.session.expire_all()
    assert _db.session.get(Volunteer, sofie.id).share_with_branch is False
    client.post("/logout")
    login(client, branches.contact_b)
    assert "Sofie Delersen" not in client.get("/branch/members").get_data(as_text=True)


def test_the_profile_says_what_the_branch_sees_and_how_to_stop(client, branches):
    login(client, branches.sharing[0])
    page = client.get("/me/").get_data(as_text=True)
    assert "Aarhus Øst" in page and "Stop med at dele" in page
    form = client.get("/me/profile/contact").get_data(as_text=True)
    assert 'name="share_with_branch"' in form and "aldrig din e-mail" in form


def test_a_member_who_stops_sharing_is_no_longer_named_in_the_branchs_offer(db, branches):
    sofie = branches.sharing[0]
    match = offer_help(branches.a, branches.needs[0], branches.contact_a, "Vi kan", [sofie.id])
    db.session.commit()
    assert [v.id for v in named_members(match.id)] == [sofie.id]
    db.session.get(Volunteer, sofie.id).share_with_branch = False
    db.session.commit()
    assert named_members(match.id) == []
