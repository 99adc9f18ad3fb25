"""The public privacy page: anyone can read it in Danish or English; it names the controller
from configuration, the legal basis, the retention periods and where to complain, and every page
links to it."""

import pytest

from crm.auth.models import Role


@pytest.fixture()
def configured(app):
    """The party's own details, as an operator sets them in the TOML file."""
    keys = {
        "DATA_CONTROLLER_NAME": "Eksempelpartiet, Landsorganisationen",
        "DATA_CONTROLLER_ADDRESS": "Partivej 7, 1000 København K",
        "DATA_CONTROLLER_EMAIL": "persondata@eksempel.dk",
        "DATA_CONTROLLER_PHONE": "+45 11 22 33 44",
        "DPO_EMAIL": "dpo@eksempel.dk",
        "RETENTION_INACTIVE_DAYS": 730,
        "RETENTION_NOTICE_DAYS": 21,
        "AUDIT_RETENTION_DAYS": 1825,
    }
    missing = object()
    old = {key: app.config.get(key, missing) for key in keys}
    app.config.update(keys)
    yield keys
    for key, value in old.items():
        if value is missing:
            app.config.pop(key)
        else:
            app.config[key] = value


def test_anyone_reads_it_in_danish_with_the_configured_controller(client, db, configured):
    response = client.get("/privacy")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "Sådan behandler vi dine personoplysninger" in html
    for key in ("DATA_CONTROLLER_NAME", "DATA_CONTROLLER_ADDRESS", "DPO_EMAIL"):
        assert configured[key] in html
    assert 'href="mailto:persondata@eksempel.dk"' in html
    assert "artikel 9, stk. 2, litra a" in html
    assert "730 dage" in html and "21 dage" in html and "1825 dage" in html
    assert "Datatilsynet" in html


def test_it_reads_in_english(client, db, configured):
    client.post("/language", data={"locale": "en"})
    html = client.get("/privacy").get_data(as_text=True)
    assert "How we handle your personal data" in html
    assert "Article 9(2)(a)" in html
    assert "Danish Data Protection Agency (Datatilsynet)" in html
    assert "730 days" in html and "21 days" in html


def test_no_dpo_paragraph_when_none_is_configured(client, db):
    html = client.get("/privacy").get_data(as_text=True)
    assert "databeskyttelsesrådgiver" not in html


def test_every_page_links_to_it(client, make_user, auth):
    assert 'href="/privacy"' in client.get("/").get_data(as_text=True)
    assert 'href="/privacy"' in client.get("/register").get_data(as_text=True)
    auth.login(make_user(Role.CONSULTANT).email)
    assert 'href="/privacy"' in client.get("/consultant/").get_data(as_text=True)


def test_the_consent_step_links_to_it(client, make_volunteer, auth):
    volunteer = make_volunteer()
    auth.login(volunteer.email)
    html = client.get("/me/profile/consent").get_data(as_text=True)
    assert "Læs, hvordan vi behandler dine personoplysninger" in html
    assert 'href="/privacy"' in html
