"""Erasure: nothing personal survives, the person vanishes everywhere, the counts stay."""

from datetime import UTC, date, datetime

from sqlalchemy import delete, func, select

from crm.audit.models import AuditEvent
from crm.auth.models import User
from crm.auth.sessions import LoginSession
from crm.consultant import dashboard
from crm.extensions import db as _db
from crm.matches import branch_members, queries
from crm.models import ContactLogEntry, Volunteer
from crm.rights import erasure
from tests.privacy.conftest import SECRETS


def _everything_stored() -> str:
    """Every row of every table, as one text to search."""
    rows = []
    for table in _db.metadata.sorted_tables:
        rows += [repr(tuple(row)) for row in _db.session.execute(select(table))]
    return "\n".join(rows)


def _erase_herself(client, auth):
    auth.login("mette.h@example.org")
    page = client.get("/me/delete").get_data(as_text=True)
    assert "Hvad der slettes" in page and "Hvad der bevares" in page
    refused = client.post("/me/delete", data={})
    assert refused.status_code == 200 and "Sæt kryds for at bekræfte." in refused.get_data(
        as_text=True
    )
    assert client.post("/me/delete", data={"confirm": "y"}).status_code == 302


def _counts(history) -> dict:
    need_id = history.need.id
    return {
        "tabs": dict(queries.state_counts(need_id)),
        "chart": [(p.project_id, p.counts) for p in dashboard.pipeline_by_project()],
        "placed": dashboard.placements_since(datetime(2000, 1, 1, tzinfo=UTC))[0],
        "contacts per need": _db.session.scalar(
            select(func.count(ContactLogEntry.id)).where(ContactLogEntry.match_id.is_not(None))
        ),
        "branch members": _db.session.scalar(
            select(func.count(Volunteer.id)).where(Volunteer.branch_id == history.branch.id)
        ),
        "branch members' matches": len(branch_members.tally(history.branch)[0].matches),
    }


def test_nothing_personal_survives(client, auth, history):
    assert all(secret in _everything_stored() for secret in SECRETS)  # the test can fail
    _erase_herself(client, auth)
    _db.session.expire_all()
    stored = _everything_stored()
    for secret in (*SECRETS, "Hej Mette"):
        assert secret not in stored, secret
    assert _db.session.get(User, history.user_id) is None
    tombstone = _db.session.get(Volunteer, history.volunteer.id)
    assert tombstone.erased_at is not None and tombstone.full_name == ""
    assert tombstone.experience == tombstone.languages == tombstone.consent_records == []


KEPT = {
    "id",
    "branch_id",
    "created_at",
    "updated_at",
    "erased_at",
    "consent_withdrawn_at",
    "version",
    "needs_email",
    "status_emails",
    "import_batch_id",
    "imported_at",
    "claimed_at",
    "merged_into_id",
}
"""The tombstone's columns that stay: its id and branch (the counts), the times of its life,
the lock, the codes of its e-mail choices (nothing is sent to a tombstone), and which import
batch it came from (the batch's counts; the uploaded file is dropped when the import ends), and
the record a merged-away one points to (old links redirect there). Every other column must be
emptied: a new column is blanked by erasure.py or added here on purpose."""
EMPTY = (None, "", False)


def _volunteer_row(volunteer_id: int) -> dict:
    table = Volunteer.__table__
    return dict(
        _db.session.execute(select(table).where(table.c.id == volunteer_id)).mappings().one()
    )


def test_no_column_of_the_tombstone_keeps_a_value_but_the_kept_ones(client, auth, history):
    mette = history.volunteer
    mette.available_from, mette.available_to = date(2027, 1, 1), date(2027, 12, 31)
    mette.retention_reminded_at = datetime(2026, 11, 1, tzinfo=UTC)
    mette.claim_nonce, mette.claim_invited_at = "an-open-claim", datetime(2026, 11, 2, tzinfo=UTC)
    _db.session.commit()
    before = _volunteer_row(mette.id)
    assert [name for name, value in before.items() if name not in KEPT and value in EMPTY] == []
    _erase_herself(client, auth)
    _db.session.expire_all()
    after = _volunteer_row(mette.id)
    assert {name: v for name, v in after.items() if name not in KEPT and v not in EMPTY} == {}


def test_she_is_logged_out_and_her_sessions_end(client, auth, history):
    _erase_herself(client, auth)
    assert client.get("/me/").headers["Location"].startswith("/login")
    assert (
        _db.session.scalar(
            select(func.count())
            .select_from(LoginSession)
            .where(LoginSession.user_id == history.user_id)
        )
        == 0
    )
    assert auth.login("mette.h@example.org").status_code == 200  # the login is gone


def test_the_counts_stay(client, auth, history):
    before = _counts(history)
    assert before["tabs"]["placed"] == 1 and before["placed"] == 1
    _erase_herself(client, auth)
    _db.session.expire_all()
    assert _counts(history) == before


def test_she_vanishes_from_every_list(client, auth, history, make_user):
    vid, match_id, need_id = history.volunteer.id, history.match.id, history.need.id
    auth.login("karen@example.org")
    for url in (f"/consultant/needs/{need_id}?tab=placed", "/consultant/volunteers?q=Hemmeligsen"):
        assert f"/consultant/volunteers/{vid}" in client.get(url).get_data(as_text=True)
    auth.logout()
    _erase_herself(client, auth)
    auth.login("karen@example.org")
    pages = {
        "search": "/consultant/volunteers",
        "search by name": "/consultant/volunteers?q=Hemmeligsen",
        "dashboard": "/consultant/",
        "need": f"/consultant/needs/{need_id}",
        "need, placed": f"/consultant/needs/{need_id}?tab=placed",
        "volunteers CSV": "/consultant/volunteers.csv",
        "candidates CSV": f"/consultant/needs/{need_id}/candidates.csv",
    }
    for name, url in pages.items():
        response = client.get(url)
        assert response.status_code == 200, name
        text = response.get_data(as_text=True)
        assert f"/consultant/volunteers/{vid}" not in text, name
        if name in ("search", "need"):
            assert "Ole Andersen" in text, name  # the page does list people
    assert client.get(f"/consultant/volunteers/{vid}").status_code == 404
    assert client.get(f"/consultant/volunteers/{vid}/access").status_code == 404
    assert client.get(f"/consultant/needs/{need_id}/matches/{match_id}").status_code == 404
    auth.logout()
    auth.login("bo@example.org")
    branch_page = client.get("/branch/").get_data(as_text=True)
    assert "Ole" not in branch_page and "Hemmeligsen" not in branch_page
    offers = client.get("/branch/offers").get_data(as_text=True)
    assert "TILBUD" not in offers


def test_audited_by_id_only(client, auth, history):
    _erase_herself(client, auth)
    events = _db.session.scalars(
        select(AuditEvent)
        .where(AuditEvent.action.in_(["erasure_request", "erased"]))
        .order_by(AuditEvent.id)
    ).all()
    assert [(e.action, e.volunteer_id, e.details) for e in events] == [
        ("erasure_request", history.volunteer.id, {}),
        ("erased", history.volunteer.id, {}),
    ]
    assert [e.actor_id for e in events] == [history.user_id] * 2  # she asked and erased herself


def test_the_consultant_erases_on_her_behalf(client, auth, history):
    auth.login("karen@example.org")
    record = client.get(f"/consultant/volunteers/{history.volunteer.id}").get_data(as_text=True)
    url = f"/consultant/volunteers/{history.volunteer.id}/erase"
    assert url in record
    page = client.get(url).get_data(as_text=True)
    assert "Anmodning om sletning: Mette Hemmeligsen" in page
    assert "Kun anonyme tal" in page and "Login og alle sessioner" in page
    assert client.post(url, data={}).status_code == 200
    assert _db.session.get(Volunteer, history.volunteer.id).erased_at is None
    response = client.post(url, data={"confirm": "y"})
    assert response.headers["Location"].endswith("/consultant/volunteers")
    _db.session.expire_all()
    assert _db.session.get(Volunteer, history.volunteer.id).erased_at is not None
    actors = _db.session.scalars(
        select(AuditEvent.actor_id).where(AuditEvent.action.in_(["erasure_request", "erased"]))
    ).all()
    assert actors == [history.consultant.id] * 2
    assert client.get(url).status_code == 404


def test_ids_are_never_reused(db, history, make_volunteer):
    vid, uid = history.volunteer.id, history.user_id
    erasure.erase(db.session.get(Volunteer, vid))
    db.session.commit()
    # even were the tombstone itself removed, the next person gets a new id
    db.session.execute(delete(Volunteer).where(Volunteer.id >= vid))
    db.session.commit()
    newcomer = make_volunteer()
    assert newcomer.id > vid and newcomer.user_id > uid


def test_an_erased_persons_match_cannot_be_moved(db, history):
    from crm.matches import services
    from crm.models import Match

    match = db.session.scalar(select(Match).where(Match.volunteer_id == history.volunteer.id))
    erasure.erase(db.session.get(Volunteer, history.volunteer.id))
    db.session.commit()
    try:
        services.check_transition(match, "withdrawn", reason="Slettet")
    except services.TransitionError as refused:
        assert "erased" in refused.message or "slettet" in refused.message
    else:
        raise AssertionError("an erased person's match moved")
