"""Art. 15: the volunteer (or the consultant for them) gets everything held, page and file."""

import json

from sqlalchemy import event, select

from crm.audit.models import AuditEvent
from crm.extensions import db as _db
from crm.rights import subject_access
from tests.consultant.factories import add_contact, add_match, add_transition

HELD = (
    "Mette",
    "Hemmeligsen",
    "Skælskør",
    "Vil gerne hjælpe i Kenya",
    "Formand for DSU Skælskør",
    "Træner i Nairobi",
    "NOTE-OM-METTE",
    "GRUND-OM-METTE",
    "REFERAT-OM-METTE",
    "UDFALD-OM-METTE",
    "Hej Mette, her er opgaven",
    "OPFØLGNING-OM-METTE",
    "TILBUD-NÆVNER-METTE",
    "SIGNAL-NOTE-METTE",
    "Karen Konsulent",  # staff who acted may be named
)
NOT_HERS = ("Ole", "Andersen", "99.5")


def test_the_file_holds_everything_and_nothing_about_others(client, auth, history):
    auth.login("mette.h@example.org")
    response = client.get("/me/export.json")
    assert response.headers["Cache-Control"] == "no-store"
    assert "attachment" in response.headers["Content-Disposition"]
    text = response.get_data(as_text=True)
    for held in HELD:
        assert held in text, held
    for theirs in NOT_HERS:
        assert theirs not in text, theirs
    assert "not included" not in text and "password" not in text
    data = json.loads(text)
    assert {r["purpose"] for r in data["consent_records"]} == {
        "matching",
        "consultant_email",
        "branch_sharing",
    }
    [match] = data["matches"]
    assert match["state"] == "placed"
    assert [(h["from"], h["to"], h["by"]) for h in match["history"]] == [
        ("suggested", "shortlisted", "Karen Konsulent"),
        ("shortlisted", "placed", "Karen Konsulent"),
    ]
    sent = {(c["channel"], c["email_sent"], c["summary"]) for c in data["contacts"]}
    assert sent == {
        ("phone", False, "REFERAT-OM-METTE"),
        ("email", True, "Hej Mette, her er opgaven"),
    }
    events = [(e["action"], e["role"], e["by"]) for e in data["who_opened_or_changed_your_record"]]
    assert ("record_viewed", "consultant", "Karen Konsulent") in events


def test_the_page_shows_the_same_readably_and_links_the_file(client, auth, history):
    auth.login("mette.h@example.org")
    assert "/me/data" in client.get("/me/").get_data(as_text=True)
    page = client.get("/me/data").get_data(as_text=True)
    for held in HELD:
        assert held in page, held
    for theirs in NOT_HERS:
        assert theirs not in page, theirs
    assert "Alt, hvad vi har registreret om dig" in page and "/me/export.json" in page
    assert "Matchning med opgaver" in page and "Udtrykkeligt samtykke" in page
    assert "Udskriv" in page and "<script>" not in page  # the print button's JS is a file
    client.post("/language", data={"locale": "en"})
    page = client.get("/me/data").get_data(as_text=True)
    assert "Everything we hold about you" in page and "opened your record" in page


def test_the_postcode_is_in_the_file_and_on_the_page(client, auth, history):
    auth.login("mette.h@example.org")
    assert client.get("/me/export.json").get_json()["contact"]["postcode"] == "4230"
    page = client.get("/me/data").get_data(as_text=True)
    assert "<dt>Postnummer</dt><dd>4230</dd>" in page


def test_looking_is_audited(client, auth, history):
    auth.login("mette.h@example.org")
    client.get("/me/data")
    client.get("/me/export.json")
    formats = _db.session.scalars(
        select(AuditEvent.details).where(AuditEvent.action == "own_data_exported")
    ).all()
    assert sorted(d["format"] for d in formats) == ["html", "json"]


def test_the_consultant_carries_out_an_access_request(client, auth, history):
    auth.login("karen@example.org")
    record = client.get(f"/consultant/volunteers/{history.volunteer.id}").get_data(as_text=True)
    assert f"/consultant/volunteers/{history.volunteer.id}/access" in record
    page = client.get(f"/consultant/volunteers/{history.volunteer.id}/access")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "Alt, hvad vi har registreret om Mette Hemmeligsen" in text
    assert "REFERAT-OM-METTE" in text and "Ole" not in text
    download = client.get(f"/consultant/volunteers/{history.volunteer.id}/access.json")
    assert "attachment" in download.headers["Content-Disposition"]
    assert download.get_json()["contact"]["first_name"] == "Mette"
    requests = _db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "access_request")
    ).all()
    assert [(e.volunteer_id, e.actor_id) for e in requests] == [
        (history.volunteer.id, history.consultant.id)
    ] * 2
    assert client.get("/consultant/volunteers/999999/access").status_code == 404


def _count_queries(app, volunteer_id: int) -> int:
    statements = []

    def count(*_args):
        statements.append(1)

    engine = _db.engine
    event.listen(engine, "before_cursor_execute", count)
    try:
        _db.session.expire_all()
        subject_access.build(subject_access.load(volunteer_id))
    finally:
        event.remove(engine, "before_cursor_execute", count)
    return len(statements)


def test_a_fixed_number_of_queries_however_long_the_history(app, db, history, make_need):
    before = _count_queries(app, history.volunteer.id)
    for n in range(5):
        match = add_match(make_need(title=f"Opgave {n}"), history.volunteer, state="shortlisted")
        add_transition(match, "suggested", "shortlisted", user=history.consultant, note="x")
        add_contact(history.volunteer, history.consultant, summary=f"Kontakt {n}")
    assert _count_queries(app, history.volunteer.id) == before


def test_the_file_of_a_volunteer_with_no_history(client, volunteer_without_history):
    data = client.get("/me/export.json").get_json()
    assert data["matches"] == [] and data["contacts"] == [] and data["consent_records"] == []
    assert data["account"]["login_email"] == volunteer_without_history.email


def test_her_logins_are_in_the_file_and_a_group_offers_message_is_not(client, auth, history):
    from crm.models import OfferMember

    _db.session.add(OfferMember(match_id=history.offer.id, volunteer_id=history.other.id))
    _db.session.commit()
    client.post("/login", data={"email": "mette.h@example.org", "password": "wrong"})
    auth.login("mette.h@example.org")
    data = client.get("/me/export.json").get_json()
    actions = [e["action"] for e in data["who_opened_or_changed_your_record"]]
    assert "login_failed" in actions and "login" in actions
    [offer] = data["branch_offers_naming_you"]
    assert offer["message"] is None  # it named two members: it may be about the other one


def test_the_e_mails_to_her_in_the_outbox_are_in_the_file_and_on_the_page(
    app, client, auth, history
):
    from crm.outbox.writer import queue_mail

    with app.test_request_context():
        queue_mail(history.volunteer.email, "EMNE-TIL-METTE", "Hej Mette", kind="status-placed")
        queue_mail(history.other.email, "EMNE-TIL-OLE", "Hej Ole", kind="status-placed")
        _db.session.commit()
    auth.login("mette.h@example.org")
    data = client.get("/me/export.json").get_json()
    [mail] = data["emails_to_you"]
    assert (mail["subject"], mail["kind"], mail["status"]) == (
        "EMNE-TIL-METTE",
        "status-placed",
        "sent",
    )
    assert mail["sent_at"] is not None
    page = client.get("/me/data").get_data(as_text=True)
    assert "EMNE-TIL-METTE" in page and "Placeret" in page and "EMNE-TIL-OLE" not in page
