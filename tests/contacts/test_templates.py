"""Editable e-mail templates in Danish and English, with placeholders."""

from sqlalchemy import select

from crm.contacts.email_templates import builtin_templates, fill, unknown_placeholders
from crm.contacts.models import EmailTemplate
from crm.extensions import db

FIELDS = {
    "name": "Tak for snakken",
    "subject_da": "Tak, {first_name}",
    "body_da": "Hej {first_name}",
    "subject_en": "Thanks, {first_name}",
    "body_en": "Hi {first_name}",
}


def test_fill_replaces_known_placeholders_only():
    assert fill("Kære {first_name} {x} {0} {", {"first_name": "Mette"}) == "Kære Mette {x} {0} {"
    assert fill("{first_name}", {"first_name": "{need_title}"}) == "{need_title}"
    assert unknown_placeholders("{first_name} {fornavn}", "{x.__class__}") == ["fornavn"]


def test_builtins_use_only_known_placeholders():
    for entry in builtin_templates().values():
        texts = [entry[lang][part] for lang in ("da", "en") for part in ("subject", "body")]
        assert unknown_placeholders(*texts) == [], entry["key"]


def test_override_and_reset_a_builtin(client, consultant):
    html = client.get("/contacts/templates").get_data(as_text=True)
    assert "Almindelig besked" in html
    response = client.post("/contacts/templates/general", data=FIELDS)
    assert response.status_code == 302
    row = db.session.scalar(select(EmailTemplate).where(EmailTemplate.key == "general"))
    assert row.subject_da == "Tak, {first_name}" and row.updated_by_id == consultant.id
    assert "rettet" in client.get("/contacts/templates").get_data(as_text=True)
    client.post("/contacts/templates/general/reset")
    assert db.session.scalar(select(EmailTemplate)) is None


def test_new_template_is_offered_when_writing(client, consultant, make_volunteer):
    client.post("/contacts/templates/new", data=FIELDS)
    row = db.session.scalar(select(EmailTemplate))
    assert row.key == "tak-for-snakken"
    mette = make_volunteer()
    html = client.get(f"/consultant/volunteers/{mette.id}/email?template={row.key}").get_data(
        as_text=True
    )
    assert "Tak for snakken" in html and "Hej {first_name}" in html


def test_unknown_placeholder_is_refused(client, consultant):
    response = client.post("/contacts/templates/new", data=FIELDS | {"body_da": "{fornavn}"})
    assert response.status_code == 200
    assert "Ukendt felt: {fornavn}." in response.get_data(as_text=True)
    assert db.session.scalar(select(EmailTemplate)) is None


def test_unknown_template_is_404(client, consultant):
    assert client.get("/contacts/templates/nope").status_code == 404
    assert client.post("/contacts/templates/nope/reset").status_code == 404
