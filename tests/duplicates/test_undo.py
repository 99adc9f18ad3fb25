"""Undo of a wrong merge restores both records and moves their rows back."""

from datetime import timedelta

from sqlalchemy import select

from crm.activities.models import ActivityReport
from crm.auth.models import User
from crm.duplicates.models import DuplicatePair, VolunteerMerge
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
from crm.rights import erasure
from tests.duplicates.factories import merge_now


def fresh(model, id_):
    db.session.expire_all()
    return db.session.get(model, id_)


def undo(client, auth, consultant, record):
    auth.login(consultant.email)
    return client.post(f"/consultant/duplicates/merges/{record.id}/undo", data={})


def test_undo_restores_both_records_and_their_rows(twins, client, auth):
    a, b, ids = twins.a, twins.b, twins.ids
    record = merge_now(twins.pair, a, b, twins.consultant)
    response = undo(client, auth, twins.consultant, record)
    assert response.status_code == 302

    restored, kept = fresh(Volunteer, b.id), db.session.get(Volunteer, a.id)
    assert restored.erased_at is None and restored.merged_into_id is None
    assert (restored.first_name, restored.last_name, restored.phone) == (
        "Jens",
        "Hansne",
        "12345678",
    )
    assert [e.description for e in restored.experience] == ["Byrådet"]
    assert {lang.code for lang in restored.languages} == {"en", "fr"}
    assert (kept.last_name, kept.motivation) == ("Hansen", "")
    assert {lang.code for lang in kept.languages} == {"en"}
    # the weaker match on the shared need is back, with its step and the volunteer's request
    weaker = db.session.get(Match, ids["weaker"])
    assert (weaker.volunteer_id, weaker.state) == (b.id, "shortlisted")
    assert db.session.get(MatchTransition, ids["weaker_step"]).match_id == ids["weaker"]
    signal = db.session.get(InterestSignal, ids["weaker_signal"])
    assert (signal.match_id, signal.volunteer_id) == (ids["weaker"], b.id)
    entry = db.session.get(ContactLogEntry, ids["entry"])
    assert (entry.volunteer_id, entry.match_id) == (b.id, ids["weaker"])
    assert db.session.get(Match, ids["placed"]).volunteer_id == b.id
    assert db.session.get(FollowUp, ids["follow_up"]).volunteer_id == b.id
    assert db.session.get(ActivityReport, ids["report"]).volunteer_id == b.id
    consent = db.session.get(ConsentRecord, ids["consent"])
    assert (consent.volunteer_id, consent.withdrawn_at) == (b.id, None)
    assert db.session.get(User, b.user_id).active is True
    assert db.session.get(DuplicatePair, twins.pair.id).status == "open"
    assert fresh(VolunteerMerge, record.id).undone_at is not None
    page = client.get(f"/consultant/volunteers/{b.id}")
    assert page.status_code == 200 and "Hansne" in page.get_data(as_text=True)


def test_a_contact_logged_after_the_merge_stays_with_the_kept_record(twins, client, auth):
    record = merge_now(twins.pair, twins.a, twins.b, twins.consultant)
    later = ContactLogEntry(
        volunteer_id=twins.a.id, author_id=twins.consultant.id, channel="phone", summary="Efter"
    )
    db.session.add(later)
    db.session.commit()
    undo(client, auth, twins.consultant, record)
    assert fresh(ContactLogEntry, later.id).volunteer_id == twins.a.id


def test_undo_is_refused_after_the_undo_period(twins, client, auth):
    record = merge_now(twins.pair, twins.a, twins.b, twins.consultant)
    record.merged_at -= timedelta(days=31)
    db.session.commit()
    undo(client, auth, twins.consultant, record)
    assert fresh(Volunteer, twins.b.id).merged_into_id == twins.a.id
    page = client.get(f"/consultant/volunteers/{twins.a.id}").get_data(as_text=True)
    assert "En sammenlægning kan kun fortrydes i 30 dage." in page
    assert "Fortryd sammenlægning" not in page


def test_undo_is_refused_when_the_kept_record_changed_since(twins, client, auth):
    record = merge_now(twins.pair, twins.a, twins.b, twins.consultant)
    kept = fresh(Volunteer, twins.a.id)
    kept.city = "Odense"
    db.session.commit()
    response = undo(client, auth, twins.consultant, record)
    assert response.status_code == 302
    assert fresh(Volunteer, twins.b.id).merged_into_id == twins.a.id
    assert fresh(Volunteer, twins.a.id).city == "Odense"


def test_erasure_removes_the_pairs_and_merge_records(twins):
    record_id = merge_now(twins.pair, twins.a, twins.b, twins.consultant).id
    login = twins.b.user_id
    erasure.erase(fresh(Volunteer, twins.a.id))
    db.session.commit()
    assert db.session.get(VolunteerMerge, record_id) is None
    assert db.session.scalars(select(DuplicatePair)).all() == []
    assert db.session.get(User, login) is None  # the merged-in record's deactivated login


def test_the_access_page_lists_the_merges(twins, client, auth):
    merge_now(twins.pair, twins.a, twins.b, twins.consultant)
    auth.login(twins.consultant.email)
    page = client.get(f"/consultant/volunteers/{twins.a.id}/access").get_data(as_text=True)
    assert "Poster lagt sammen med denne" in page
    assert f"post #{twins.b.id}" in page
    data = client.get(f"/consultant/volunteers/{twins.a.id}/access.json").get_json()
    [merge] = data["records_merged_into_yours"]
    assert merge["merged_record"] == twins.b.id and merge["by"] == "Karen Konsulent"
    assert data["possible_duplicates"][0]["status"] == "merged"


def test_undo_while_the_kept_record_is_saved_at_that_moment_is_refused(
    twins, client, auth, monkeypatch
):
    """Another save lands between undo's check and its write: refused, nothing undone."""
    from sqlalchemy import update

    from crm.duplicates import fields

    record = merge_now(twins.pair, twins.a, twins.b, twins.consultant)
    restore = fields.restore

    def saved_meanwhile(volunteer, data):
        db.session.execute(
            update(Volunteer)
            .where(Volunteer.id == twins.a.id)
            .values(city="Odense", version=Volunteer.version + 1),
            execution_options={"synchronize_session": False},
        )
        restore(volunteer, data)

    monkeypatch.setattr(fields, "restore", saved_meanwhile)
    response = undo(client, auth, twins.consultant, record)
    assert response.status_code == 302
    assert fresh(Volunteer, twins.b.id).merged_into_id == twins.a.id
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Den beholdte post er ændret efter sammenlægningen" in page
