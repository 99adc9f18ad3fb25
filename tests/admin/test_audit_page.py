"""The audit log page: finds events by person (number or name), staff member, action and date,
newest first and paginated, each saying when, who, what and whose; an erased record says so."""

from datetime import UTC, datetime

import pytest
from sqlalchemy import delete

from crm.admin import audit_search
from crm.audit.log import Action
from crm.audit.models import AuditEvent
from crm.auth.models import Role
from crm.database import utcnow
from crm.models import Volunteer


@pytest.fixture()
def events(db, admin, consultant, make_volunteer):
    """Two volunteers, and events about them by the consultant and the admin on three days."""
    vera = make_volunteer(first_name="Vera", last_name="Vestergaard")
    otto = make_volunteer(first_name="Otto", last_name="Østergaard")

    def add(day, action, actor, volunteer=None, **details):
        db.session.add(
            AuditEvent(
                at=datetime(2026, 11, day, 12, tzinfo=UTC),
                actor_id=actor.id,
                actor_role=actor.role,
                action=str(action),
                volunteer_id=volunteer.id if volunteer else None,
                details=details,
            )
        )

    add(2, Action.RECORD_VIEWED, consultant, vera)
    add(3, Action.EXPORT, consultant, None, export="volunteers", rows=12)
    add(4, Action.RECORD_CHANGED, admin, otto, change="contact")
    add(5, Action.RECORD_VIEWED, admin, vera)
    db.session.commit()
    return vera, otto


def rows(html: str) -> int:
    return html.count("<time datetime=")


def test_newest_first_with_who_what_and_whose(client, admin, consultant, events):
    vera, _otto = events
    html = client.get("/admin/audit?action=record_viewed").get_data(as_text=True)
    assert rows(html) == 2
    assert html.index("2026-11-05") < html.index("2026-11-02")  # newest first
    assert "Anna Admin" in html and "Karen Konsulent" in html
    assert "Administrator" in html and "Konsulent" in html  # the actor's role, translated
    assert "Oplysninger set" in html  # the action's label
    assert f'href="/consultant/volunteers/{vera.id}"' in html and "Vera Vestergaard" in html


def test_by_volunteer_number_and_by_name(client, admin, events):
    vera, otto = events
    html = client.get(f"/admin/audit?volunteer={otto.id}").get_data(as_text=True)
    assert rows(html) == 1 and "Ændring: kontakt registreret" in html
    by_name = client.get("/admin/audit?name=vester").get_data(as_text=True)
    assert rows(by_name) == 2
    assert f"/consultant/volunteers/{vera.id}" in by_name
    assert rows(client.get("/admin/audit?name=nobody").get_data(as_text=True)) == 0


def test_by_staff_member_action_and_dates(client, admin, consultant, events):
    assert rows(client.get(f"/admin/audit?actor={consultant.id}").get_data(as_text=True)) == 2
    html = client.get("/admin/audit?action=export").get_data(as_text=True)
    assert rows(html) == 1
    assert "Rækker: 12" in html and "Liste: frivillige" in html  # details, readably
    dated = client.get("/admin/audit?day_from=2026-11-03&day_to=2026-11-04")
    assert rows(dated.get_data(as_text=True)) == 2
    # the staff select and the action select are there to choose from
    page = client.get("/admin/audit").get_data(as_text=True)
    assert f'<option value="{consultant.id}">Karen Konsulent</option>' in page
    assert '<option value="consent_text_published">Samtykketekst udgivet</option>' in page


def test_an_erased_or_deleted_record_says_erased(client, db, admin, events):
    vera, otto = events
    db.session.execute(delete(Volunteer).where(Volunteer.id == vera.id))
    db.session.get(Volunteer, otto.id).erased_at = utcnow()  # an anonymised tombstone
    db.session.commit()
    for volunteer, events_about in ((vera, 2), (otto, 1)):
        html = client.get(f"/admin/audit?volunteer={volunteer.id}").get_data(as_text=True)
        assert rows(html) == events_about
        assert "slettet" in html
        assert f'href="/consultant/volunteers/{volunteer.id}"' not in html


def test_bad_filters_are_ignored_not_errors(client, admin, events):
    everything = rows(client.get("/admin/audit").get_data(as_text=True))  # with the admin's login
    assert everything == 5
    for query in ("volunteer=abc", "volunteer=99999999999999", "day_from=2026-13-45", "actor=x"):
        response = client.get(f"/admin/audit?{query}")
        assert response.status_code == 200
        assert rows(response.get_data(as_text=True)) == everything


def test_pages_and_a_count_that_stops(app, db, admin, monkeypatch, events):
    monkeypatch.setattr(audit_search, "PER_PAGE", 3)
    monkeypatch.setattr(audit_search, "MAX_COUNTED", 3)
    with app.test_request_context():
        page, more = audit_search.events_page(audit_search.AuditFilters(), 1)
        assert (len(page.items), page.total, more) == (3, 3, True)
        page, more = audit_search.events_page(audit_search.AuditFilters(volunteer_ids=[]), 1)
        assert (page.items, more) == ([], False)


def test_reading_the_log_is_not_audited(client, db, admin, events):
    db.session.rollback()
    before = db.session.query(AuditEvent).count()
    client.get("/admin/audit")
    db.session.rollback()
    assert db.session.query(AuditEvent).count() == before


def test_branch_contacts_are_not_in_the_staff_select(client, admin, make_user, events):
    make_user(Role.BRANCH_CONTACT, name="Bo Kontakt")
    assert "Bo Kontakt" not in client.get("/admin/audit").get_data(as_text=True)
