"""A merge carries every kind of history to the kept record and leaves a tombstone behind."""

import pytest
from sqlalchemy import select

from crm.activities.models import ActivityReport, Debrief
from crm.audit.models import AuditEvent
from crm.auth.models import Role, User
from crm.auth.sessions import LoginSession
from crm.duplicates.merge import MergeRefused
from crm.extensions import db
from crm.models import (
    ConsentRecord,
    ContactLogEntry,
    FollowUp,
    InterestSignal,
    Match,
    MatchTransition,
    Volunteer,
)
from tests.duplicates.factories import merge_now, queue_pair


def fresh(model, id_):
    db.session.expire_all()
    return db.session.get(model, id_)


def test_merge_moves_history_and_matches_to_the_kept_record(twins):
    a, b, ids = twins.a, twins.b, twins.ids
    merge_now(twins.pair, a, b, twins.consultant)

    kept = fresh(Volunteer, a.id)
    by_need = {
        m.need_id: m for m in db.session.scalars(select(Match).where(Match.volunteer_id == a.id))
    }
    assert set(by_need) == {twins.need_a.id, twins.need_b.id, twins.shared.id}
    # on the need both had, the match further along (contacted) stays; the other's step and
    # request are its history now, and the contact that named it names it instead
    assert by_need[twins.shared.id].id == ids["own_shared"]
    assert db.session.get(Match, ids["weaker"]) is None
    assert db.session.get(MatchTransition, ids["weaker_step"]).match_id == ids["own_shared"]
    signal = db.session.get(InterestSignal, ids["weaker_signal"])
    assert (signal.match_id, signal.volunteer_id) == (ids["own_shared"], a.id)
    entry = db.session.get(ContactLogEntry, ids["entry"])
    assert (entry.volunteer_id, entry.match_id) == (a.id, ids["own_shared"])
    assert db.session.get(FollowUp, ids["follow_up"]).volunteer_id == a.id
    assert db.session.get(ActivityReport, ids["report"]).volunteer_id == a.id
    assert db.session.get(Debrief, ids["debrief"]).volunteer_id == a.id
    assert db.session.get(ConsentRecord, ids["consent"]).volunteer_id == a.id
    # newer non-empty values: the newer record's name and motivation, the older one's city
    assert (kept.last_name, kept.city) == ("Hansne", "Aarhus")
    assert kept.motivation.startswith("Jeg vil")
    assert {(lang.code, lang.level) for lang in kept.languages} == {("en", "B2"), ("fr", "B1")}
    assert [e.description for e in kept.experience] == ["Byrådet"]

    tombstone = fresh(Volunteer, b.id)
    assert tombstone.merged_into_id == a.id and tombstone.erased_at is not None
    assert tombstone.first_name == tombstone.email == tombstone.phone == ""
    actions = db.session.scalars(
        select(AuditEvent.action).where(AuditEvent.volunteer_id.in_([a.id, b.id]))
    ).all()
    assert actions.count("merged") == 2


def test_the_kept_login_stays_and_the_other_is_deactivated(twins, client, auth):
    auth.login(db.session.get(User, twins.b.user_id).email)
    other_user = twins.b.user_id
    merge_now(twins.pair, twins.a, twins.b, twins.consultant)
    assert fresh(User, other_user).active is False
    assert fresh(User, twins.a.user_id).active is True
    sessions = db.session.scalars(select(LoginSession).where(LoginSession.user_id == other_user))
    assert all(s.ended_at is not None for s in sessions)
    assert client.get("/me/").status_code == 302  # logged out


def test_a_login_of_the_other_record_alone_moves_to_the_kept_one(twins):
    a = fresh(Volunteer, twins.a.id)
    a.user_id = None
    db.session.commit()
    login = twins.b.user_id
    merge_now(twins.pair, a, twins.b, twins.consultant)
    assert fresh(Volunteer, a.id).user_id == login
    assert fresh(User, login).active is True


def test_merging_away_a_staff_login_is_refused(twins):
    db.session.get(User, twins.b.user_id).role = Role.CONSULTANT
    db.session.commit()
    with pytest.raises(MergeRefused):
        merge_now(twins.pair, twins.a, twins.b, twins.consultant)


def test_old_links_to_the_merged_record_lead_to_the_kept_one(twins, client, auth):
    merge_now(twins.pair, twins.a, twins.b, twins.consultant)
    auth.login(twins.consultant.email)
    response = client.get(f"/consultant/volunteers/{twins.b.id}")
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/consultant/volunteers/{twins.a.id}")
    page = client.get(f"/consultant/volunteers/{twins.a.id}").get_data(as_text=True)
    assert f"Post #{twins.b.id} blev lagt sammen med denne" in page
    assert "Fortryd sammenlægning" in page


def test_merged_records_leave_the_lists_and_the_queue(twins, make_volunteer, client, auth):
    third = make_volunteer(first_name="Jens", last_name="Hansen", phone="12345678")
    queue_pair(twins.b, third)
    merge_now(twins.pair, twins.a, twins.b, twins.consultant)
    auth.login(twins.consultant.email)
    page = client.get("/consultant/duplicates").get_data(as_text=True)
    assert "0 par at gennemgå" in page


def test_keeping_the_imported_record_of_someone_who_registered_counts_as_claimed(
    make_volunteer, make_user, outbox
):
    """The login and consent of their own registration join the imported profile: no claim
    invitation goes to someone who has an account, and undo makes it unclaimed again."""
    from crm.database import utcnow
    from crm.duplicates.undo import undo
    from crm.imports.claiming import invite

    consultant = make_user(Role.CONSULTANT)
    spreadsheet = Volunteer(
        first_name="Åse", last_name="Øster", email="aase@example.org", imported_at=utcnow()
    )
    spreadsheet.claim_nonce = "0" * 32
    db.session.add(spreadsheet)
    db.session.commit()
    registered = make_volunteer(email="aase.privat@example.org", first_name="Aase")
    record = merge_now(queue_pair(spreadsheet, registered), spreadsheet, registered, consultant)

    kept = fresh(Volunteer, spreadsheet.id)
    assert kept.user_id is not None and kept.claimed_at is not None and kept.claim_nonce is None
    assert invite([kept]) == 0 and outbox.messages() == []

    undo(record, consultant)
    db.session.commit()
    again = fresh(Volunteer, spreadsheet.id)
    assert (again.user_id, again.claimed_at, again.claim_nonce) == (None, None, "0" * 32)
