"""The data export holds the account, the matches and the contact dates, never the notes."""

import json
from datetime import UTC, datetime

from crm.auth.models import Role, User
from crm.models import ContactLogEntry, Match, MatchTransition


def test_export_has_account_matches_and_contacts_without_notes(
    client, volunteer, db, make_need, make_volunteer, make_user
):
    consultant = make_user(Role.CONSULTANT, name="Karen Konsulent")
    need = make_need(title="Byrådstræner")
    mine = Match(
        need_id=need.id,
        volunteer_id=volunteer.id,
        score=61.25,
        state="shortlisted",
        interested_at=datetime(2027, 1, 5, 10, 0, tzinfo=UTC),
    )
    other = make_volunteer(first_name="Ole")
    theirs = Match(need_id=need.id, volunteer_id=other.id, score=99.5, state="suggested")
    db.session.add_all([mine, theirs])
    db.session.flush()
    db.session.add(
        MatchTransition(
            match_id=mine.id,
            from_state="suggested",
            to_state="shortlisted",
            user_id=consultant.id,
            note="HEMMELIG NOTE",
        )
    )
    db.session.add(
        ContactLogEntry(
            volunteer_id=volunteer.id,
            author_id=consultant.id,
            channel="phone",
            direction="out",
            summary="HEMMELIGT REFERAT",
            outcome="HEMMELIGT UDFALD",
        )
    )
    user = db.session.get(User, volunteer.user_id)
    user.locale, user.last_login_at = "da", datetime(2027, 1, 6, 9, 0, tzinfo=UTC)
    db.session.commit()

    response = client.get("/me/export.json")
    assert response.headers["Cache-Control"] == "no-store"
    text = response.get_data(as_text=True)
    for secret in ("HEMMELIG", "Karen", "Ole", "99.5", consultant.email, other.email):
        assert secret not in text, secret
    data = json.loads(text)

    account = data["account"]
    assert account["login_email"] == volunteer.email
    assert account["interface_language"] == "da"
    assert account["created_at"] and account["last_login_at"].startswith("2027-01-06")
    assert "password_hash" not in account

    [match] = data["matches"]
    assert match["need"] == "Byrådstræner" and match["project"] == "Lokaldemokrati i Kenya"
    assert match["state"] == "shortlisted" and match["your_score"] == 61.2
    assert match["interested_at"].startswith("2027-01-05")
    assert [(h["from"], h["to"]) for h in match["history"]] == [("suggested", "shortlisted")]
    assert set(match["history"][0]) == {"from", "to", "at"}

    [contact] = data["contacts"]
    assert set(contact) == {"at", "channel", "direction"}
    assert contact["channel"] == "phone" and contact["direction"] == "out"
    assert "spørg konsulenten" in data["about_this_file"]["contacts"]


def test_export_of_a_volunteer_without_matches(client, volunteer):
    data = client.get("/me/export.json").get_json()
    assert data["matches"] == [] and data["contacts"] == []
    assert data["account"]["login_email"] == volunteer.email
