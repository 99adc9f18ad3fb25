"""Finding duplicates among existing volunteers: the command and the queue page's button."""

from sqlalchemy import insert, select

from crm.duplicates.models import DuplicatePair
from crm.extensions import db
from crm.models import Volunteer


def pairs() -> set[tuple[int, int]]:
    db.session.expire_all()
    return {(p.first_id, p.second_id) for p in db.session.scalars(select(DuplicatePair))}


def people(make_volunteer):
    jens = make_volunteer(first_name="Jens", last_name="Hansen", phone="+45 12 34 56 78")
    typo = make_volunteer(first_name="Hansen", last_name="Jens", phone="12345678")
    anna = make_volunteer(first_name="Anna", last_name="Hansen", phone="12345678")
    mette = make_volunteer(first_name="Mette", last_name="Kjær", postcode="8000")
    again = make_volunteer(first_name="Mette", last_name="Kjaer", postcode="8000")
    names = ("Ole", "Birgit", "Søren", "Ida", "Lars", "Karin", "Peter", "Sofie", "Henrik", "Lone")
    many = [make_volunteer(first_name=n, last_name="Andersen", postcode="8000") for n in names]
    return jens, typo, anna, mette, again, many


def test_the_command_queues_pairs_found_by_phone_and_postcode(app, runner, make_volunteer):
    jens, typo, anna, mette, again, _many = people(make_volunteer)
    result = runner.invoke(args=["find-duplicates"])
    assert result.exit_code == 0, result.output
    assert "2 new possible duplicates" in result.output
    assert pairs() == {(jens.id, typo.id), (mette.id, again.id)}
    assert db.session.scalar(select(DuplicatePair.source).limit(1)) == "scan"
    assert "0 new possible" in runner.invoke(args=["find-duplicates"]).output


def test_the_scan_reads_phone_numbers_written_around_the_orm(app, runner, make_volunteer):
    jens = make_volunteer(first_name="Jens", last_name="Hansen", phone="+45 12 34 56 78")
    db.session.execute(
        insert(Volunteer).values(
            first_name="Jens", last_name="Hansen", email="j@example.org", phone="1234 5678"
        )
    )
    db.session.commit()
    runner.invoke(args=["find-duplicates"])
    assert len(pairs()) == 1 and next(iter(pairs()))[0] == jens.id


def test_the_button_runs_the_scan_through_the_job_queue(
    app, client, auth, make_user, make_volunteer
):
    from crm.auth.models import Role

    jens, typo, *_ = people(make_volunteer)
    auth.login(make_user(Role.CONSULTANT).email)
    response = client.post("/consultant/duplicates/scan", data={}, follow_redirects=True)
    assert "Søgningen efter dubletter er startet" in response.get_data(as_text=True)
    assert (jens.id, typo.id) in pairs()
    assert "2 par at gennemgå" in client.get("/consultant/duplicates").get_data(as_text=True)


def test_a_large_postcode_group_is_compared_at_once(app, runner, make_volunteer):
    names = ("Asger", "Alma", "Arne", "Aksel", "Agnes", "Astrid", "Albert", "Aase", "Anker")
    for name in names:
        make_volunteer(first_name=name, last_name="Andersen", postcode="5000")
    twin = make_volunteer(first_name="Astrid", last_name="Andersn", postcode="5000")
    middle = make_volunteer(first_name="Astrid Marie", last_name="Andersen", postcode="5000")
    runner.invoke(args=["find-duplicates"])
    found = pairs()
    astrid = db.session.scalar(
        select(Volunteer.id).where(
            Volunteer.first_name == "Astrid", Volunteer.last_name == "Andersen"
        )
    )
    assert found == {(astrid, twin.id), (astrid, middle.id)}


def test_the_command_and_the_button_audit_the_count_and_who_asked(
    app, client, auth, runner, make_user, make_volunteer
):
    from crm.auth.models import Role
    from crm.models import AuditEvent

    people(make_volunteer)
    runner.invoke(args=["find-duplicates"])
    consultant = make_user(Role.CONSULTANT)
    auth.login(consultant.email)
    client.post("/consultant/duplicates/scan", data={})
    db.session.expire_all()
    events = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "duplicates_scanned").order_by(AuditEvent.id)
    ).all()
    assert [(e.actor_id, e.details) for e in events] == [
        (None, {"pairs": 2}),
        (consultant.id, {"pairs": 0}),
    ]


def test_the_scan_finds_someone_who_goes_by_their_middle_name_as_detection_does(
    app, runner, make_volunteer
):
    from crm.duplicates.detect import flag_possible_duplicates

    marie = make_volunteer(first_name="Marie", last_name="Hansen", postcode="8000")
    anne_marie = make_volunteer(first_name="Anne Marie", last_name="Hansen", postcode="8000")
    runner.invoke(args=["find-duplicates"])
    assert pairs() == {(marie.id, anne_marie.id)}
    db.session.execute(DuplicatePair.__table__.delete())
    assert flag_possible_duplicates([anne_marie], source="registration") == 1
