"""Each step of the profile: the happy path and bad input, errors next to the field."""

from datetime import date

from sqlalchemy import select

from crm.duplicates.models import DuplicatePair
from crm.models import VolunteerSkill
from tests.volunteers.conftest import fresh


def test_contact_step_saves_and_continues(client, volunteer, post_step, make_branch):
    branch = make_branch(name="Aarhus Øst")
    page = client.get("/me/profile/contact").get_data(as_text=True)
    assert 'class="steps"' in page and "Aarhus Øst" in page and 'aria-current="step"' in page
    response = post_step(
        volunteer,
        "contact",
        {
            "first_name": "Mette",
            "last_name": "Hansen",
            "phone": "+45 12 34 56 78",
            "city": "Aarhus",
            "branch_id": str(branch.id),
            "share_with_branch": "y",
            "nav": "next",
        },
    )
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/me/profile/experience")
    v = fresh(volunteer)
    assert (v.city, v.phone, v.branch_id, v.share_with_branch) == (
        "Aarhus",
        "+45 12 34 56 78",
        branch.id,
        True,
    )
    assert v.version == 2


def test_contact_step_bad_input_keeps_what_was_typed(client, volunteer, post_step):
    response = post_step(
        volunteer,
        "contact",
        {
            "first_name": "M" * 81,
            "last_name": "",
            "phone": "ring mig",
            "city": "Vejle",
            "branch_id": "99999",
        },
    )
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert 'id="first_name-error"' in html and "højst 80 tegn" in html
    assert 'id="last_name-error"' in html and 'id="phone-error"' in html
    assert 'id="branch_id-error"' in html
    assert 'value="ring mig"' in html and 'value="Vejle"' in html
    assert fresh(volunteer).city == ""


def experience_rows(*rows):
    data = {}
    for i, row in enumerate(rows):
        for key, value in row.items():
            data[f"entries-{i}-{key}"] = value
    return data


def test_experience_step_saves_entries_and_declared_skills(client, volunteer, post_step, db):
    data = experience_rows(
        {"area": "local-democracy", "level": "2", "years": "3", "description": "Byråd"},
        {"area": "local-democracy", "level": "4", "years": "", "description": ""},
        {"area": "", "level": "", "years": "", "description": "Har trænet kandidater"},
        {"area": "", "level": "", "years": "", "description": ""},  # blank: ignored
    )
    response = post_step(volunteer, "experience", data)
    assert response.headers["Location"].endswith("/me/profile/languages")
    v = fresh(volunteer)
    assert [(e.area, e.level, e.years) for e in v.experience] == [
        ("local-democracy", 2, 3),
        ("local-democracy", 4, None),
        (None, None, None),
    ]
    skills = db.session.scalars(select(VolunteerSkill).order_by(VolunteerSkill.area)).all()
    assert [(s.area, s.level, s.source, s.confidence) for s in skills] == [
        ("candidate-training", 2, "text", 1.0),  # level read from "har trænet" (matches/skills.py)
        ("local-democracy", 4, "declared", 1.0),
    ]

    # Editing later: keep the first entry (by id), change its area, drop the others.
    first = v.experience[0]
    data = experience_rows(
        {"id": str(first.id), "area": "campaigning", "level": "3", "years": "1", "description": ""}
    )
    post_step(volunteer, "experience", data)
    v = fresh(volunteer)
    assert [(e.id, e.area) for e in v.experience] == [(first.id, "campaigning")]
    assert [(s.area, s.level) for s in v.skills] == [("campaigning", 3)]


def test_experience_step_refuses_bad_input(client, volunteer, post_step):
    data = experience_rows(
        {"area": "astrology", "level": "2", "years": "1", "description": ""},
        {"area": "campaigning", "level": "7", "years": "200", "description": "x" * 2001},
        {"area": "campaigning", "level": "", "years": "", "description": ""},
        {"area": "", "level": "2", "years": "abc", "description": ""},
    )
    response = post_step(volunteer, "experience", data)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    for field in ("0-area", "1-level", "1-years", "1-description", "2-level", "3-area", "3-years"):
        assert f'id="entries-{field}-error"' in html, field
    assert "Skriv et helt tal." in html
    assert fresh(volunteer).experience == []


def test_rows_can_be_added_and_removed_without_javascript(client, volunteer, post_step):
    data = experience_rows({"area": "", "level": "", "years": "", "description": "Første"})
    html = post_step(volunteer, "experience", {**data, "row_action": "add"}).get_data(as_text=True)
    assert 'name="entries-1-description"' in html and "Første" in html
    data = experience_rows(
        {"area": "", "level": "", "years": "", "description": "Første"},
        {"area": "", "level": "", "years": "", "description": "Anden"},
    )
    html = post_step(volunteer, "experience", {**data, "row_action": "remove-0"}).get_data(
        as_text=True
    )
    assert "Anden" in html and "Første" not in html
    assert fresh(volunteer).experience == []  # nothing saved until Next


def test_languages_step(client, volunteer, post_step):
    data = {
        "entries-0-code": "da",
        "entries-0-level": "native",
        "entries-1-code": "en",
        "entries-1-level": "C1",
    }
    assert post_step(volunteer, "languages", data).status_code == 302
    assert [(x.code, x.level) for x in fresh(volunteer).languages] == [
        ("da", "native"),
        ("en", "C1"),
    ]
    bad = {
        "entries-0-code": "xx",
        "entries-0-level": "D1",
        "entries-1-code": "en",
        "entries-1-level": "B2",
        "entries-2-code": "en",
        "entries-2-level": "C1",
    }
    response = post_step(volunteer, "languages", bad)
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert 'id="entries-0-code-error"' in html and 'id="entries-0-level-error"' in html
    assert html.count("Vælg et sprog på listen.") == 1  # said once, not twice
    assert "Hvert sprog kun én gang" in html
    assert len(fresh(volunteer).languages) == 2


def test_countries_step(client, volunteer, post_step):
    assert "Kenya" in client.get("/me/profile/countries").get_data(as_text=True)
    data = {"entries-0-code": "KE", "entries-1-code": "UG"}
    response = post_step(volunteer, "countries", data)
    assert response.headers["Location"].endswith("/me/profile/availability")
    assert [x.code for x in fresh(volunteer).countries] == ["KE", "UG"]
    for code in ("XX", "EU", "ken"):
        response = post_step(volunteer, "countries", {"entries-0-code": code})
        html = response.get_data(as_text=True)
        assert response.status_code == 422
        assert 'id="entries-0-code-error"' in html
        assert html.count("Vælg et land på listen.") == 1  # said once, not twice
    assert [x.code for x in fresh(volunteer).countries] == ["KE", "UG"]


def test_availability_step_speaks_natural_danish(client, volunteer):
    html = client.get("/me/profile/availability").get_data(as_text=True)
    assert "Lad feltet stå tomt, hvis du kan starte med det samme." in html
    assert "Tilgængelig fra" in html and "Ledig fra" not in html
    assert "Cirka hvor mange timer du kan bruge om måneden." in html


def test_availability_step(client, volunteer, post_step):
    data = {
        "available_from": "2027-01-01",
        "available_to": "2027-12-31",
        "hours_per_month": "10",
        "travel": "short",
    }
    assert post_step(volunteer, "availability", data).status_code == 302
    v = fresh(volunteer)
    assert (v.available_from, v.available_to, v.hours_per_month, v.travel) == (
        date(2027, 1, 1),
        date(2027, 12, 31),
        10,
        "short",
    )
    bad = {
        "available_from": "2027-12-31",
        "available_to": "2027-01-01",
        "hours_per_month": "0",
        "travel": "teleport",
    }
    html = post_step(volunteer, "availability", bad).get_data(as_text=True)
    assert "Slutdatoen skal ligge efter startdatoen." in html
    assert 'id="hours_per_month-error"' in html and 'id="travel-error"' in html
    # The radio group is described by its error, and each option is marked invalid.
    assert '<fieldset aria-describedby="travel-error">' in html
    assert html.count('aria-invalid="true" id="travel-') == 3
    html = post_step(volunteer, "availability", {**data, "available_from": "31/12"}).get_data(
        as_text=True
    )
    assert 'id="available_from-error"' in html
    assert fresh(volunteer).available_from == date(2027, 1, 1)


def test_motivation_step(client, volunteer, post_step):
    response = post_step(volunteer, "motivation", {"motivation": "Jeg vil gerne hjælpe."})
    assert response.headers["Location"].endswith("/me/profile/consent")
    assert fresh(volunteer).motivation == "Jeg vil gerne hjælpe."
    for text in ("", "x" * 2001):
        response = post_step(volunteer, "motivation", {"motivation": text})
        assert response.status_code == 422
        assert 'id="motivation-error"' in response.get_data(as_text=True)


def test_consent_step_records_version_and_time(app, client, volunteer, post_step):
    page = client.get("/me/profile/consent").get_data(as_text=True)
    assert app.config["CONSENT_VERSION"] in page
    assert "checked" not in page.split('id="consent"')[1].split(">")[0]
    response = post_step(volunteer, "consent", {})
    assert response.status_code == 422
    assert "Uden det bliver din profil ikke tilbudt" in response.get_data(as_text=True)
    assert fresh(volunteer).consent_at is None
    response = post_step(volunteer, "consent", {"consent": "y"})
    assert response.headers["Location"].endswith("/me/")
    v = fresh(volunteer)
    assert v.consent_version == app.config["CONSENT_VERSION"] and v.consent_at is not None


def test_back_saves_and_goes_to_the_previous_step(client, volunteer, post_step):
    response = post_step(volunteer, "motivation", {"motivation": "Fordi", "nav": "back"})
    assert response.headers["Location"].endswith("/me/profile/availability")
    assert fresh(volunteer).motivation == "Fordi"


def test_unknown_step_is_404(client, volunteer):
    assert client.get("/me/profile/secrets").status_code == 404


def test_errors_in_english_when_chosen(client, volunteer, post_step):
    client.post("/language", data={"locale": "en"})
    html = post_step(volunteer, "availability", {"hours_per_month": "x"}).get_data(as_text=True)
    assert "Enter a whole number." in html and "Choose how far you can travel." in html
    html = post_step(volunteer, "consent", {}).get_data(as_text=True)
    assert "Without it your profile is not offered" in html
    client.post("/language", data={"locale": "da"})
    html = post_step(volunteer, "availability", {"hours_per_month": "x"}).get_data(as_text=True)
    assert "Skriv et helt tal." in html


def test_the_postcode_is_asked_and_a_twin_at_the_same_postcode_is_queued(
    client, db, volunteer, post_step, make_volunteer
):
    twin = make_volunteer(first_name="Mette", last_name="Hansen", postcode="8000")
    contact = {"first_name": "Mette", "last_name": "Hansen", "city": "Aarhus", "nav": "next"}
    bad = post_step(volunteer, "contact", {**contact, "postcode": "80OO"})
    assert bad.status_code == 422
    html = bad.get_data(as_text=True)
    assert 'id="postcode-error"' in html and "Skriv et dansk postnummer med fire cifre." in html
    assert 'value="80OO"' in html
    assert post_step(volunteer, "contact", {**contact, "postcode": " 8000 "}).status_code == 302
    assert fresh(volunteer).postcode == "8000"
    pair = db.session.scalars(select(DuplicatePair)).one()
    assert {pair.first_id, pair.second_id} == {twin.id, volunteer.id} and "postcode" in pair.why
    assert 'value="8000"' in client.get("/me/profile/contact").get_data(as_text=True)
