"""The project results page in Danish and English, its charts with tables, and its links."""

from crm.auth.models import Role, User
from tests.results.helpers import table_rows


def set_locale(db, user, locale):
    db.session.get(User, user.id).locale = locale
    db.session.commit()


def page(client, world, query=""):
    return client.get(f"/results/projects/{world.project.id}{query}").get_data(as_text=True)


def test_the_page_shows_each_figure_in_danish(client, staff):
    html = page(client, staff)
    assert "Resultater: Lokaldemokrati i Kenya" in html
    summary = dict(table_rows(html, "Oversigt"))
    assert summary["Budgetlinje"] == "DIPD-2027-KE"
    assert (summary["Frivillige engageret"], summary["Frivillige placeret"]) == ("3", "2")
    assert (summary["Dage"], summary["Timer"], summary["Deltagere nået"]) == ("5", "12", "45")
    assert table_rows(html, "Aktiviteter pr. type") == [
        ["Træning", "2", "30"],
        ["Mentorforløb", "1", "0"],
        ["Workshop", "1", "15"],
    ]
    assert table_rows(html, "Aktiviteter pr. resultatområde")[0][:2] == [
        "Kvinders og unges politiske lederskab",
        "2",
    ]
    assert table_rows(html, "Lokalafdelinger involveret") == [
        ["Aarhus", "1", "nej"],
        ["Odense", "1", "nej"],
        ["Vejle", "0", "ja"],
    ]
    # Every figure has a chart (an SVG image with a title) and the numbers as a table.
    assert html.count('role="img"') == 7
    assert html.count("Diagrammet som tabel") == 7
    assert 'fill="url(#types-pat-value)"' in html
    # The page names nobody.
    assert "Signe" not in html and "Navngiven" not in html


def test_the_page_in_english(client, db, staff):
    set_locale(db, staff.consultant, "en")
    html = page(client, staff)
    assert "Results: Lokaldemokrati i Kenya" in html
    assert dict(table_rows(html, "Overview"))["Volunteers engaged"] == "3"
    assert table_rows(html, "Activities by outcome area")[0][0] == (
        "Women&#39;s and young people&#39;s political leadership"
    )
    assert table_rows(html, "Progress against targets") == [
        ["Volunteers placed", "Whole project", "4", "2", "50"],
        ["Branches involved", "Whole project", "2", "3", "150"],
        [
            "Women reached",
            "Women&#39;s and young people&#39;s political leadership",
            "20",
            "18",
            "90",
        ],
        ["Hours", "Capable parties", "10", "6", "60"],
    ]


def test_a_period_from_the_url(client, staff):
    html = page(client, staff, "?start=2027-03-01&end=2027-03-31")
    assert dict(table_rows(html, "Oversigt"))["Aktiviteter"] == "1"


def test_a_period_that_ends_before_it_starts_is_explained(client, staff):
    html = page(client, staff, "?start=2027-05-01&end=2027-03-31")
    assert "Slutdatoen skal ligge på eller efter startdatoen." in html
    assert dict(table_rows(html, "Oversigt"))["Aktiviteter"] == "4"  # the project's period


def test_linked_from_the_project_page_and_the_staff_menu(client, staff):
    html = client.get(f"/projects/{staff.project.id}").get_data(as_text=True)
    assert f'href="/results/projects/{staff.project.id}"' in html
    assert 'href="/results/"' in html
    index = client.get("/results/").get_data(as_text=True)
    assert f'href="/results/projects/{staff.project.id}/targets"' in index


def test_volunteer_and_branch_contact_are_refused(client, auth, db, world, make_user):
    for user in (
        db.session.get(User, world.volunteers["v1"].user_id),
        make_user(Role.BRANCH_CONTACT, branch_id=world.volunteers["v1"].branch_id),
    ):
        auth.login(user.email)
        for path in ("", "/results.xlsx", "/print", "/targets"):
            assert client.get(f"/results/projects/{world.project.id}{path}").status_code == 403
        assert client.get("/results/outcome-areas").status_code == 403
        auth.logout()
    assert client.get(f"/results/projects/{world.project.id}").status_code == 302


def test_a_period_at_the_ends_of_the_calendar_counts_everything(client, staff):
    # The first and last days a date can have: no 500 on the page or either export.
    query = "?start=0001-01-01&end=9999-12-31"
    html = page(client, staff, query)
    assert dict(table_rows(html, "Oversigt"))["Aktiviteter"] == "5"  # 2027's 4 and r5 of 2026
    for path in ("/results.xlsx", "/print"):
        url = f"/results/projects/{staff.project.id}{path}{query}"
        assert client.get(url).status_code == 200
