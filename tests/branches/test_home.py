"""A branch contact's way in: logging in lands on the branch's start page."""

from crm.auth.models import Role


def test_a_branch_contact_lands_on_the_branch_start_page(client, auth, make_user, make_branch):
    branch = make_branch(name="Vejle")
    make_user(Role.BRANCH_CONTACT, email="vejle@example.org", branch_id=branch.id)
    response = auth.login("vejle@example.org")
    assert response.status_code == 302 and response.location.endswith("/branch/")
