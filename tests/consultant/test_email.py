"""E-mail from the tool: from templates, in the volunteer's language, always logged."""

from sqlalchemy import select

from crm.auth.models import User
from crm.contacts.models import ContactLogEntry
from crm.extensions import db
from tests.consultant.factories import add_match


def test_the_record_page_form_starts_from_the_template_in_the_volunteers_language(
    client, consultant, make_volunteer
):
    mette = make_volunteer(first_name="Mette")
    html = client.get(f"/consultant/volunteers/{mette.id}/email").get_data(as_text=True)
    assert "Kære {first_name}" in html
    john = make_volunteer(first_name="John")
    db.session.get(User, john.user_id).locale = "en"
    db.session.commit()
    html = client.get(f"/consultant/volunteers/{john.id}/email").get_data(as_text=True)
    assert "Dear {first_name}" in html and "Skriver på engelsk" in html


def test_e_mail_to_one_volunteer_is_sent_and_logged(
    client, consultant, make_volunteer, make_need, outbox
):
    mette = make_volunteer(first_name="Mette", last_name="Hansen")
    match = add_match(make_need(title="Kampagnetræner"), mette, state="shortlisted")
    response = client.post(
        f"/consultant/volunteers/{mette.id}/email",
        data={
            "match_id": str(match.id),
            "subject": "Om {need_title}",
            "body": "Kære {first_name}\n\nHilsen {consultant_name}",
        },
    )
    assert response.status_code == 302
    message = outbox.messages()[-1]
    assert message["To"] == mette.email and message["Subject"] == "Om Kampagnetræner"
    assert message["Reply-To"] == consultant.email
    assert "Kære Mette" in outbox.last_body() and "Karen Konsulent" in outbox.last_body()
    entry = db.session.scalar(select(ContactLogEntry))
    assert entry.channel == "email" and entry.direction == "out"
    assert entry.match_id == match.id and entry.author_id == consultant.id
    assert entry.summary.startswith("Om Kampagnetræner")
    html = client.get(f"/consultant/volunteers/{mette.id}").get_data(as_text=True)
    assert "Om Kampagnetræner" in html


def test_need_placeholder_without_a_need_is_refused(client, consultant, make_volunteer, outbox):
    mette = make_volunteer()
    response = client.post(
        f"/consultant/volunteers/{mette.id}/email",
        data={"subject": "Om {need_title}", "body": "Hej"},
    )
    assert response.status_code == 400
    assert "har ingen match endnu" in response.get_data(as_text=True)
    response = client.post(
        f"/consultant/volunteers/{mette.id}/email", data={"subject": "Hej", "body": "{fornavn}"}
    )
    assert "Ukendt felt: {fornavn}." in response.get_data(as_text=True)
    assert outbox.messages() == []
    assert db.session.scalar(select(ContactLogEntry)) is None


def test_e_mail_everyone_shortlisted_for_a_need_in_their_language(
    client, consultant, make_volunteer, make_need, outbox
):
    need = make_need(title="Valgobservatør")
    mette = make_volunteer(first_name="Mette")
    john = make_volunteer(first_name="John")
    db.session.get(User, john.user_id).locale = "en"
    db.session.commit()
    other = make_volunteer(first_name="Ikke-valgt")
    for volunteer in (mette, john):
        add_match(need, volunteer, state="shortlisted")
    add_match(need, other, state="suggested")
    page = client.get(f"/consultant/needs/{need.id}/email").get_data(as_text=True)
    assert "2 modtagere" in page and "Ikke-valgt" not in page
    response = client.post(
        f"/consultant/needs/{need.id}/email",
        data={
            "subject_da": "Om {need_title}",
            "body_da": "Kære {first_name}",
            "subject_en": "About {need_title}",
            "body_en": "Dear {first_name}",
            "confirm": "y",
        },
    )
    assert response.status_code == 302
    sent = {
        m["To"]: (m["Subject"], m.get_body(("plain",)).get_content().strip())
        for m in outbox.messages()
    }
    assert sent == {
        mette.email: ("Om Valgobservatør", "Kære Mette"),
        john.email: ("About Valgobservatør", "Dear John"),
    }
    entries = db.session.scalars(select(ContactLogEntry)).all()
    assert {e.volunteer_id for e in entries} == {mette.id, john.id}
    assert all(e.match_id is not None and e.channel == "email" for e in entries)


def test_bulk_e_mail_needs_confirmation(client, consultant, make_volunteer, make_need, outbox):
    need = make_need()
    add_match(need, make_volunteer(), state="shortlisted")
    response = client.post(
        f"/consultant/needs/{need.id}/email",
        data={"subject_da": "a", "body_da": "b", "subject_en": "c", "body_en": "d"},
    )
    assert response.status_code == 400 and outbox.messages() == []
