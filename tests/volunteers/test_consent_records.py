"""Consent is a record: each purpose given, versioned and withdrawn, always agreeing with the
profile's fast current state that matching reads."""

from sqlalchemy import select

from crm.extensions import db as _db
from crm.models import ConsentRecord
from crm.volunteers import consents
from tests.volunteers.conftest import fresh


def _records(volunteer):
    _db.session.expire_all()
    return _db.session.scalars(
        select(ConsentRecord)
        .where(ConsentRecord.volunteer_id == volunteer.id)
        .order_by(ConsentRecord.id)
    ).all()


def _agree(volunteer) -> None:
    v = fresh(volunteer)
    assert consents.state_from_records(v.consent_records) == consents.current_state(v)


def _contact(post_step, volunteer, branch, share: bool):
    data = {"first_name": "Mette", "last_name": "Hansen", "city": "Aarhus"}
    data["branch_id"] = str(branch.id)
    if share:
        data["share_with_branch"] = "y"
    assert post_step(volunteer, "contact", data).status_code == 302


def test_the_consent_step_writes_records(client, volunteer, post_step):
    assert post_step(volunteer, "consent", {"consent": "y"}).status_code == 302
    records = _records(volunteer)
    assert {(r.purpose, r.text_version, r.source, r.legal_basis) for r in records} == {
        ("matching", "2026-11", "self_registration", "art9_2_a_art6_1_a"),
        ("consultant_email", "2026-11", "self_registration", "art9_2_a_art6_1_a"),
    }
    assert all(r.withdrawn_at is None for r in records)
    assert records[0].given_at == fresh(volunteer).consent_at
    _agree(volunteer)


def test_the_branch_choice_writes_and_closes_its_record(client, volunteer, post_step, make_branch):
    branch = make_branch()
    post_step(volunteer, "consent", {"consent": "y"})
    _contact(post_step, volunteer, branch, share=True)
    _contact(post_step, volunteer, branch, share=True)  # saved again: still one record
    sharing = [r for r in _records(volunteer) if r.purpose == "branch_sharing"]
    assert len(sharing) == 1 and sharing[0].withdrawn_at is None
    _agree(volunteer)
    _contact(post_step, volunteer, branch, share=False)
    [closed] = [r for r in _records(volunteer) if r.purpose == "branch_sharing"]
    assert closed.withdrawn_at is not None and fresh(volunteer).share_with_branch is False
    _agree(volunteer)


def test_withdrawing_closes_every_open_record(client, volunteer, post_step, make_branch):
    branch = make_branch()
    post_step(volunteer, "consent", {"consent": "y"})
    _contact(post_step, volunteer, branch, share=True)
    client.post("/me/consent/withdraw")
    records = _records(volunteer)
    assert len(records) == 3 and all(r.withdrawn_at is not None for r in records)
    v = fresh(volunteer)
    assert v.consent_at is None and v.share_with_branch is False
    _agree(volunteer)
    post_step(volunteer, "consent", {"consent": "y"})  # consenting again opens new records
    assert sum(r.withdrawn_at is None for r in _records(volunteer)) == 2
    _agree(volunteer)


def test_a_new_text_version_replaces_the_old_consent(app, client, volunteer, post_step):
    post_step(volunteer, "consent", {"consent": "y"})
    app.config["CONSENT_VERSION"] = "2027-01"
    try:
        post_step(volunteer, "consent", {"consent": "y"})
        records = _records(volunteer)
        open_versions = {r.text_version for r in records if r.withdrawn_at is None}
        assert open_versions == {"2027-01"} and len(records) == 4
        assert fresh(volunteer).consent_version == "2027-01"
        _agree(volunteer)
    finally:
        app.config["CONSENT_VERSION"] = "2026-11"


def test_the_profile_shows_the_consent_history(client, volunteer, post_step):
    post_step(volunteer, "consent", {"consent": "y"})
    client.post("/me/consent/withdraw")
    page = client.get("/me/").get_data(as_text=True)
    assert "Dine samtykker over tid" in page
    assert "Matchning med opgaver" in page and "E-mail fra den internationale konsulent" in page
    assert "ophørt" in page and "samtykketekst version 2026-11" in page


def test_turning_branch_sharing_on_and_off_is_audited_once_each(
    client, volunteer, post_step, make_branch
):
    from crm.audit.models import AuditEvent

    branch = make_branch()
    post_step(volunteer, "consent", {"consent": "y"})
    _contact(post_step, volunteer, branch, share=True)
    _contact(post_step, volunteer, branch, share=True)  # saved again: no new event
    _contact(post_step, volunteer, branch, share=False)
    _db.session.expire_all()
    sharing = _db.session.execute(
        select(AuditEvent.action, AuditEvent.volunteer_id)
        .where(AuditEvent.details["purpose"].as_string() == "branch_sharing")
        .order_by(AuditEvent.id)
    ).all()
    assert sharing == [("consent_given", volunteer.id), ("consent_withdrawn", volunteer.id)]
