"""Find anyone fast: typo-tolerant names, every filter, sorting and paging, all kept in the URL."""

from datetime import date

from crm.extensions import db
from crm.models import VolunteerCountry, VolunteerLanguage, VolunteerSkill
from tests.consultant.factories import add_match


def names(response) -> list[str]:
    html = response.get_data(as_text=True)
    import re

    return re.findall(r'href="/consultant/volunteers/\d+">([^<]+)</a>', html)


def test_typo_tolerant_name_search_finds_mette(client, consultant, make_volunteer):
    make_volunteer(first_name="Mette", last_name="Hansen")
    make_volunteer(first_name="Mads", last_name="Jensen")
    response = client.get("/consultant/volunteers?q=Mete+Hansn")
    assert response.status_code == 200
    assert names(response) == ["Mette Hansen"]
    assert "nærmeste navne" in response.get_data(as_text=True)


def test_exact_prefixes_use_sql_and_find_all_who_fit(client, consultant, make_volunteer):
    make_volunteer(first_name="Mette", last_name="Hansen")
    make_volunteer(first_name="Mette", last_name="Frederiksen")
    make_volunteer(first_name="Mads", last_name="Hansen")
    assert names(client.get("/consultant/volunteers?q=han")) == ["Mads Hansen", "Mette Hansen"]
    assert names(client.get("/consultant/volunteers?q=mette+f")) == ["Mette Frederiksen"]
    assert names(client.get("/consultant/volunteers?q=100%25")) == []


def test_fuzzy_index_sees_new_volunteers(client, consultant, make_volunteer):
    make_volunteer(first_name="Mette", last_name="Hansen")
    assert names(client.get("/consultant/volunteers?q=Sørn+Kierkegård")) == []
    make_volunteer(first_name="Søren", last_name="Kierkegaard")
    assert names(client.get("/consultant/volunteers?q=Sørn+Kierkegård")) == ["Søren Kierkegaard"]


def test_filters_combine(client, consultant, make_volunteer, make_branch, make_need):
    branch = make_branch()
    a = make_volunteer(
        first_name="Anna",
        last_name="A",
        branch_id=branch.id,
        travel="long",
        available_from=date(2027, 1, 1),
        available_to=date(2027, 12, 31),
    )
    b = make_volunteer(first_name="Bo", last_name="B", travel="remote", email="bo@partiet.dk")
    db.session.add_all(
        [
            VolunteerSkill(volunteer_id=a.id, area="youth-networks", level=3),
            VolunteerLanguage(volunteer_id=a.id, code="fr", level="C1"),
            VolunteerLanguage(volunteer_id=b.id, code="fr", level="A2"),
            VolunteerCountry(volunteer_id=b.id, code="KE"),
        ]
    )
    db.session.commit()
    add_match(make_need(), b, state="interested")
    get = lambda qs: names(client.get("/consultant/volunteers?" + qs))  # noqa: E731
    assert get(f"branch={branch.id}") == ["Anna A"]
    assert get("area=youth-networks") == ["Anna A"]
    assert get("language=fr") == ["Anna A", "Bo B"]
    assert get("language=fr&level=B2") == ["Anna A"]
    assert get("country=KE") == ["Bo B"]
    assert get("email=PARTIET") == ["Bo B"]
    assert get("available_on=2027-06-01") == ["Anna A"]
    assert get("available_on=2028-06-01") == []
    assert get("travel=short") == ["Anna A"]
    assert get("travel=remote") == ["Anna A", "Bo B"]
    assert get("state=interested") == ["Bo B"]
    assert get("state=placed") == []
    # A malformed value is ignored rather than an error page.
    assert get("available_on=not-a-date&branch=x") == ["Anna A", "Bo B"]


def test_filters_stay_in_the_url_and_in_the_form(client, consultant, make_volunteer):
    for i in range(30):
        make_volunteer(first_name=f"Navn{i:02d}", last_name="Hansen")
    html = client.get("/consultant/volunteers?q=hansen&sort=name").get_data(as_text=True)
    assert 'method="get"' in html
    assert 'value="hansen"' in html
    assert "page=2" in html and "q=hansen" in html and "sort=name" in html
    assert "/consultant/volunteers.csv?q=hansen&amp;sort=name" in html
    page2 = client.get("/consultant/volunteers?q=hansen&sort=name&page=2")
    assert len(names(page2)) == 5


def test_sorting(client, consultant, make_volunteer):
    make_volunteer(first_name="Bo", last_name="Berg")
    make_volunteer(first_name="Anna", last_name="Ask")
    assert names(client.get("/consultant/volunteers?sort=name")) == ["Anna Ask", "Bo Berg"]
    assert names(client.get("/consultant/volunteers?sort=newest")) == ["Anna Ask", "Bo Berg"]
    assert names(client.get("/consultant/volunteers?sort=oldest")) == ["Bo Berg", "Anna Ask"]
    assert names(client.get("/consultant/volunteers?sort=nonsense")) == ["Anna Ask", "Bo Berg"]
