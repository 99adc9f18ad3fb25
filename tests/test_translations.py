"""Danish first: every string in the code and templates has a Danish translation."""

from pathlib import Path

from babel.messages.frontend import CommandLineInterface
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent


def test_every_extracted_string_is_translated_to_danish(tmp_path):
    pot = tmp_path / "messages.pot"
    CommandLineInterface().run(
        [
            "pybabel",
            "-q",
            "extract",
            "-F",
            str(ROOT / "babel.cfg"),
            "-k",
            "_l",
            "-k",
            "_ln:1,2",
            "-o",
            str(pot),
            str(ROOT),
            str(ROOT / "templates" / "_macros"),
        ]
    )
    with pot.open("rb") as f:
        extracted = {m.id for m in read_po(f) if m.id}
    with (ROOT / "crm/translations/da/LC_MESSAGES/messages.po").open("rb") as f:
        danish = read_po(f, locale="da")
    missing = []
    for msgid in extracted:
        message = danish.get(msgid)
        strings = message.string if message else None
        if isinstance(strings, tuple):
            strings = all(strings) and strings
        if not strings or (message and message.fuzzy):
            missing.append(msgid)
    assert not missing, f"untranslated in Danish: {sorted(map(str, missing))}"


def test_pages_are_danish_by_default_and_english_on_request(client):
    assert "Log ind" in client.get("/login").get_data(as_text=True)
    client.post("/language", data={"locale": "en", "next": "/login"})
    html = client.get("/login").get_data(as_text=True)
    assert "Log in" in html and 'lang="en"' in html


def test_form_errors_come_in_the_chosen_language(client):
    html = client.post("/login", data={"email": "", "password": ""}).get_data(as_text=True)
    assert "Skriv din e-mailadresse." in html
    client.post("/language", data={"locale": "en"})
    html = client.post("/login", data={"email": "", "password": ""}).get_data(as_text=True)
    assert "Enter your e-mail address." in html


def test_gettext_outside_a_request_uses_the_default_locale(app):
    from flask_babel import gettext

    with app.app_context():
        assert gettext("Log in") == "Log ind"


def test_login_prompt_is_translated(client):
    html = client.get("/me/", follow_redirects=True).get_data(as_text=True)
    assert "Log ind for at se denne side." in html
