"""Staff manage the branches: the list with its counts, filters and pages; create and edit, with
unique names and stale edits refused."""

from sqlalchemy import select

from crm.auth.models import Role
from crm.models import Branch

FORM = {
    "name": "Socialdemokratiet i Ærø",
    "municipality": "Ærø",
    "region": "Syddanmark",
    "description": "Partiforeningen på Ærø.",
}


def _branch(db, name: str) -> Branch:
    db.session.rollback()  # see the requests' writes
    return db.session.scalar(select(Branch).where(Branch.name == name))


def test_the_staff_menu_leads_to_the_branches(client, consultant):
    page = client.get("/consultant/").get_data(as_text=True)
    assert 'href="/consultant/branches">Afdelinger</a>' in page


def test_create_a_branch_then_invite_its_contact(client, db, consultant):
    response = client.post("/consultant/branches/new", data=FORM)
    assert response.status_code == 302
    branch = _branch(db, "Socialdemokratiet i Ærø")
    assert (branch.municipality, branch.region, branch.description) == (
        "Ærø",
        "Syddanmark",
        "Partiforeningen på Ærø.",
    )
    assert response.headers["Location"] == f"/consultant/branches/{branch.id}/edit"
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Afdelingen er oprettet." in page and "Inviter en kontaktperson" in page


def test_names_are_unique_in_any_case(client, db, consultant, make_branch):
    make_branch(name="Socialdemokratiet i Ærø")
    response = client.post(
        "/consultant/branches/new", data={**FORM, "name": "socialdemokratiet i ærø"}
    )
    assert response.status_code == 200
    assert "En anden afdeling har allerede det navn." in response.get_data(as_text=True)
    assert len(db.session.scalars(select(Branch)).all()) == 1


def test_missing_and_unknown_values_are_shown_next_to_the_fields(client, db, consultant):
    response = client.post(
        "/consultant/branches/new", data={"name": " ", "municipality": "", "region": "Skåne"}
    )
    page = response.get_data(as_text=True)
    assert "Giv afdelingen et navn." in page and "Skriv kommunen." in page
    assert "Vælg en af mulighederne." in page
    assert db.session.scalars(select(Branch)).all() == []


def test_edit_a_branch_bumps_its_version(client, db, consultant, make_branch):
    branch = make_branch(name="Socialdemokratiet i Aarhus")
    form = client.get(f"/consultant/branches/{branch.id}/edit").get_data(as_text=True)
    assert 'value="Socialdemokratiet i Aarhus"' in form
    assert 'name="version" type="hidden" value="1"' in form
    response = client.post(
        f"/consultant/branches/{branch.id}/edit",
        data={**FORM, "name": "Socialdemokratiet i Aarhus Øst", "version": "1"},
    )
    assert response.headers["Location"] == f"/consultant/branches/{branch.id}"  # its record
    saved = _branch(db, "Socialdemokratiet i Aarhus Øst")
    assert saved.id == branch.id and saved.version == 2 and saved.region == "Syddanmark"


def test_a_stale_edit_is_refused_and_keeps_what_was_typed(client, db, consultant, make_branch):
    branch = make_branch(name="Socialdemokratiet i Aarhus")
    first = {**FORM, "name": "Socialdemokratiet i Aarhus", "description": "Først", "version": "1"}
    assert client.post(f"/consultant/branches/{branch.id}/edit", data=first).status_code == 302
    second = {
        **FORM,
        "name": "Socialdemokratiet i Aarhus",
        "description": "Min tekst",
        "version": "1",
    }
    response = client.post(f"/consultant/branches/{branch.id}/edit", data=second)
    assert response.status_code == 409
    page = response.get_data(as_text=True)
    assert "Dine ændringer blev ikke gemt" in page and "Min tekst" in page
    saved = _branch(db, "Socialdemokratiet i Aarhus")
    assert (saved.description, saved.version) == ("Først", 2)


def test_a_form_without_its_version_is_refused(client, db, consultant, make_branch):
    branch = make_branch(name="Socialdemokratiet i Aarhus")
    response = client.post(f"/consultant/branches/{branch.id}/edit", data=FORM)
    assert response.status_code == 409
    assert _branch(db, "Socialdemokratiet i Aarhus").version == 1


def test_the_list_counts_contacts_and_members(
    client, db, consultant, make_branch, make_user, make_volunteer
):
    aarhus = make_branch(name="Socialdemokratiet i Aarhus", region="Midtjylland")
    make_branch(name="Socialdemokratiet i Odense", municipality="Odense", region="Syddanmark")
    make_user(Role.BRANCH_CONTACT, branch_id=aarhus.id)
    make_user(Role.BRANCH_CONTACT, branch_id=aarhus.id)
    for _ in range(3):
        make_volunteer(branch_id=aarhus.id)
    page = client.get("/consultant/branches").get_data(as_text=True)
    assert "2 afdelinger" in page
    row = page[page.index(f'href="/consultant/branches/{aarhus.id}"') :].split("</tr>")[0]
    assert f'href="/consultant/branches/{aarhus.id}/edit"' in row  # the record, and editing
    assert 'data-label="Kontaktpersoner">2</td>' in row
    assert f'href="/consultant/volunteers?branch={aarhus.id}"' in row and ">3</a>" in row
    odense = page[page.index("Socialdemokratiet i Odense") :].split("</tr>")[0]
    assert "ingen endnu" in odense


def test_the_list_filters_by_region_and_search_and_sorts_by_members(
    client, db, consultant, make_branch, make_volunteer
):
    make_branch(name="Socialdemokratiet i Ærø", municipality="Ærø", region="Syddanmark")
    odense = make_branch(
        name="Socialdemokratiet i Odense", municipality="Odense", region="Syddanmark"
    )
    make_branch(name="Socialdemokratiet i Aalborg", municipality="Aalborg", region="Nordjylland")
    make_volunteer(branch_id=odense.id)

    def names(query: str) -> list[str]:
        page = client.get(f"/consultant/branches?{query}").get_data(as_text=True)
        return [n for n in ("Aalborg", "Odense", "Ærø") if f"Socialdemokratiet i {n}</a>" in page]

    assert names("region=Syddanmark") == ["Odense", "Ærø"]
    assert names("q=ærø") == ["Ærø"]  # in any case, Danish letters too
    assert names("q=ÆRØ&region=Nordjylland") == []
    assert names("region=nowhere&sort=nonsense") == ["Aalborg", "Odense", "Ærø"]
    page = client.get("/consultant/branches?sort=members").get_data(as_text=True)
    assert page.index("Socialdemokratiet i Odense") < page.index("Socialdemokratiet i Aalborg")


def test_a_long_list_comes_in_pages_that_keep_the_filters(client, db, consultant, make_branch):
    for n in range(30):
        make_branch(name=f"Afdeling {n:02d}", region="Hovedstaden")
    make_branch(name="Afdeling i Nordjylland", region="Nordjylland")
    first = client.get("/consultant/branches?region=Hovedstaden").get_data(as_text=True)
    assert "30 afdelinger" in first and "Afdeling 24" in first and "Afdeling 25" not in first
    assert "/consultant/branches?region=Hovedstaden&amp;page=2" in first
    second = client.get("/consultant/branches?region=Hovedstaden&page=2").get_data(as_text=True)
    assert "Afdeling 25" in second and "Afdeling 24<" not in second
    assert "Afdeling i Nordjylland" not in second


def test_an_unknown_branch_is_not_found(client, consultant):
    assert client.get("/consultant/branches/999/edit").status_code == 404
    assert client.post("/consultant/branches/999/contacts", data={}).status_code == 404
    assert client.post("/consultant/branches/999/contacts/1/remove").status_code == 404


def test_the_pages_read_in_english(client, consultant, make_branch):
    client.post("/language", data={"locale": "en"})
    branch = make_branch(name="Socialdemokratiet i Aarhus")
    assert "Most members" in client.get("/consultant/branches").get_data(as_text=True)
    page = client.get(f"/consultant/branches/{branch.id}/edit").get_data(as_text=True)
    assert "Invite a contact person" in page and "Edit branch" in page
