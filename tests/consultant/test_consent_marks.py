"""Staff see every registered volunteer, but those without current consent are marked and can be
filtered; the CSV says so in a column."""

import csv
import io

from tests.consultant.test_search import names


def three(make_volunteer):
    """Given (current text), outdated (an older text) and missing (never consented)."""
    return (
        make_volunteer(first_name="Gitte", last_name="Given"),
        make_volunteer(first_name="Otto", last_name="Outdated", consent_version="2020-01"),
        make_volunteer(
            first_name="Mona", last_name="Missing", consent_at=None, consent_version=None
        ),
    )


def test_list_marks_volunteers_without_current_consent(client, consultant, make_volunteer):
    three(make_volunteer)
    html = client.get("/consultant/volunteers?sort=name").get_data(as_text=True)
    people = ("Gitte Given", "Otto Outdated", "Mona Missing")
    rows = {name.split()[0]: html[html.index(name) :].split("</tr>")[0] for name in people}
    assert "ikke matchet" not in rows["Gitte"]
    assert "forældet samtykke – ikke matchet" in rows["Otto"]
    assert "intet samtykke – ikke matchet" in rows["Mona"]
    assert 'name="consent"' in html and "<label" in html


def test_consent_filter(client, consultant, make_volunteer):
    three(make_volunteer)
    given = names(client.get("/consultant/volunteers?consent=given&sort=name"))
    missing = names(client.get("/consultant/volunteers?consent=missing&sort=name"))
    assert given == ["Gitte Given"]
    assert missing == ["Mona Missing", "Otto Outdated"]
    everyone = names(client.get("/consultant/volunteers?consent=nonsense&sort=name"))
    assert len(everyone) == 3


def test_csv_has_a_consent_column(client, consultant, make_volunteer):
    three(make_volunteer)
    raw = client.get("/consultant/volunteers.csv?sort=name").get_data()
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][-1] == "Samtykke"
    by_name = {row[1]: row[-1] for row in rows[1:]}
    assert by_name == {
        "Gitte": "givet",
        "Otto": "forældet samtykke – ikke matchet",
        "Mona": "intet samtykke – ikke matchet",
    }


def test_record_says_an_old_consent_is_outdated(client, consultant, make_volunteer):
    given, outdated, _missing = three(make_volunteer)
    html = client.get(f"/consultant/volunteers/{outdated.id}").get_data(as_text=True)
    assert "version 2020-01" in html and "forældet samtykke – ikke matchet" in html
    html = client.get(f"/consultant/volunteers/{given.id}").get_data(as_text=True)
    assert "ikke matchet" not in html
