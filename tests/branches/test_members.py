"""Our members' involvement and the report back: what a branch contact reads about its members."""

from tests.conftest import PASSWORD


def login(client, user):
    client.post("/login", data={"email": user.email, "password": PASSWORD})


def test_members_page_names_the_members_who_share(client, branches):
    login(client, branches.contact_a)
    page = client.get("/branch/members").get_data(as_text=True)
    print(page)
    assert "Sofie Delersen" in page
