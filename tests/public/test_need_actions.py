"""Each public need's "Volunteer for this task" and "My branch can help", by who is looking."""

from urllib.parse import quote

import pytest

from crm.auth.models import Role


@pytest.fixture()
def need(make_need):
    return make_need(title="Træner i lokaldemokrati")


def project_page(client, need) -> str:
    return client.get(f"/p/{need.project_id}").get_data(as_text=True)


def test_anonymous_visitor_registers_for_the_need_or_is_told_how_to_reach_their_branch(
    app, client, need
):
    html = project_page(client, need)
    assert f'href="/register?need={need.id}">Meld dig som frivillig til denne opgave' in html
    assert "<summary>Min afdeling kan hjælpe" in html
    assert f'href="/login?next=/branch/needs/{need.id}/offer"' in html
    assert "Bed kontaktpersonen i din afdeling om at logge ind" in html
    assert app.config["CONSULTANT_NAME"] in html
    assert f"mailto:{app.config['CONSULTANT_EMAIL']}" in html


def test_consultant_phone_comes_from_configuration(app, client, need):
    app.config["CONSULTANT_PHONE"] = "+45 33 44 55 66"
    try:
        html = project_page(client, need)
    finally:
        app.config["CONSULTANT_PHONE"] = ""
    assert 'href="tel:+4533445566"' in html


def test_a_volunteer_goes_straight_to_the_needs_card_on_needs_for_me(
    client, auth, need, make_volunteer
):
    volunteer = make_volunteer()
    auth.login(volunteer.email)
    html = project_page(client, need)
    assert f'href="/me/needs/?need={need.id}#need-{need.id}"' in html
    assert "/register?need=" not in html
    assert "/login?next=" not in html  # no "log in as contact person" for a logged-in volunteer
    assert "Bed kontaktpersonen i din afdeling" in html


def test_a_branch_contact_lands_on_the_offer_form(client, auth, need, make_user, make_branch):
    branch = make_branch()
    contact = make_user(Role.BRANCH_CONTACT, branch_id=branch.id)
    auth.login(contact.email)
    html = project_page(client, need)
    assert f'href="/branch/needs/{need.id}/offer">Min afdeling kan hjælpe' in html
    assert "Meld dig som frivillig til denne opgave" not in html
    assert "Bed kontaktpersonen" not in html


def test_logging_in_from_the_branch_help_text_leads_a_contact_to_the_offer_form(
    client, auth, need, make_user, make_branch
):
    contact = make_user(Role.BRANCH_CONTACT, branch_id=make_branch().id)
    offer = f"/branch/needs/{need.id}/offer"
    response = client.post(
        f"/login?next={quote(offer, safe='')}",
        data={"email": contact.email, "password": "correct horse battery"},
    )
    assert response.headers["Location"] == offer


def test_staff_see_the_need_without_the_visitor_buttons(client, auth, need, make_user):
    auth.login(make_user(Role.CONSULTANT).email)
    html = project_page(client, need)
    assert "Meld dig som frivillig til denne opgave" not in html
    assert f"/branch/needs/{need.id}/offer" not in html
