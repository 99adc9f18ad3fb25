"""New open needs that fit: at once when a need opens, or in the weekly digest; never twice."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from crm.database import utcnow
from crm.extensions import db as _db
from crm.models import Match, Need, NeedNotice, NeedOpening
from crm.notifications import digest
from tests.consultant.factories import add_match
from tests.projects.conftest import NEED_FORM

from .conftest import assert_unsubscribe_headers, body, to


@pytest.fixture()
def in_request(app):
    """The digest runs as the worker runs it: an app context and a request for the links."""
    with app.test_request_context():
        yield


def _weekly() -> int:
    sent = digest.send_weekly()
    _db.session.commit()
    return sent


def _opened(need, ago: timedelta = timedelta(0)) -> Need:
    """Record that `need` opened to the public (`ago` before now)."""
    _db.session.add(NeedOpening(need_id=need.id, opened_at=utcnow() - ago))
    _db.session.commit()
    return need


def test_a_need_opened_through_its_form_emails_fitting_at_once_volunteers_only(
    client, auth, consultant, make_fitting_volunteer, make_volunteer, make_project, outbox
):
    now = make_fitting_volunteer("Nu", needs_email="at_once")
    weekly = make_fitting_volunteer("Uge", needs_email="weekly")
    never = make_fitting_volunteer("Aldrig", needs_email="never")
    unfit = make_volunteer(email="unfit@example.org", needs_email="at_once")  # no English
    project = make_project()
    auth.login(consultant.email)
    response = client.post(f"/projects/{project.id}/needs/new", data=NEED_FORM)
    assert response.status_code == 302, response.get_data(as_text=True)[:3000]
    need = _db.session.scalar(select(Need))
    stored = {m.volunteer_id for m in _db.session.scalars(select(Match))}
    assert {now.id, weekly.id, never.id} <= stored  # the rematch ran before the e-mail
    [mail] = outbox.messages()
    assert mail["To"] == now.email and unfit.email != mail["To"]
    assert mail["Subject"] == "En ny opgave, der passer til dig: “Træner i lokaldemokrati”"
    assert f"http://localhost/me/needs/?need={need.id}#need-{need.id}" in body(mail)
    assert "Stop e-mails om nye opgaver med ét klik" in body(mail)
    assert_unsubscribe_headers(mail)
    first_opened = _db.session.get(NeedOpening, need.id).opened_at
    edit = {**NEED_FORM, "version": str(need.version), "status": "closed"}
    client.post(f"/projects/needs/{need.id}/edit", data=edit)
    _db.session.expire_all()
    edit = {**NEED_FORM, "version": str(_db.session.get(Need, need.id).version)}
    assert client.post(f"/projects/needs/{need.id}/edit", data=edit).status_code == 302
    assert len(to(outbox, now)) == 1  # re-opened: recorded as new, but never e-mailed twice
    assert _db.session.get(NeedOpening, need.id).opened_at > first_opened


def test_the_weekly_digest_lists_new_fitting_needs_best_first_and_never_repeats(
    in_request, make_fitting_volunteer, make_need, make_project, outbox
):
    mette = make_fitting_volunteer("Mette")  # weekly is the default
    good = _opened(make_need(title="God opgave"))
    best = _opened(make_need(title="Bedste opgave"))
    low = _opened(make_need(title="For lav"))
    excluded = _opened(make_need(title="Udelukket"))
    asked = _opened(make_need(title="Allerede meldt"))
    hidden = _opened(make_need(title="Skjult", project=make_project(status="planning")))
    unopened = make_need(title="Gammel opgave")  # no opening recorded: not new
    add_match(good, mette, score=70)
    add_match(best, mette, score=90)
    add_match(low, mette, score=30)
    add_match(excluded, mette, score=95, excluded=True)
    add_match(asked, mette, score=95, interested_at=utcnow())
    add_match(hidden, mette, score=95)
    add_match(unopened, mette, score=95)
    assert _weekly() == 1
    [mail] = to(outbox, mette)
    text = body(mail)
    assert mail["Subject"] == "2 nye opgaver, der passer til dig"
    assert text.index("Bedste opgave") < text.index("God opgave")
    for title in ("For lav", "Udelukket", "Allerede meldt", "Skjult", "Gammel opgave"):
        assert title not in text
    assert_unsubscribe_headers(mail)
    assert _weekly() == 0  # nothing new: no e-mail at all
    newer = _opened(make_need(title="Helt ny"))
    add_match(newer, mette, score=80)
    assert _weekly() == 1
    latest = body(to(outbox, mette)[-1])
    assert "Helt ny" in latest and "God opgave" not in latest


def test_a_need_opened_before_the_last_digest_is_not_new_even_if_it_fits_later(
    in_request, make_fitting_volunteer, make_need, outbox
):
    mette = make_fitting_volunteer("Mette")
    first = _opened(make_need(title="Første"))
    add_match(first, mette, score=80)
    _weekly()
    earlier = _opened(make_need(title="Tidligere"), ago=timedelta(minutes=1))
    add_match(earlier, mette, score=80)  # it fits only now (say, after a profile change)
    assert _weekly() == 0


def test_at_once_volunteers_are_not_told_again_in_the_week_but_catch_up_on_a_missed_need(
    in_request, make_fitting_volunteer, make_need, outbox
):
    nu = make_fitting_volunteer("Nu", needs_email="at_once")
    told = _opened(make_need(title="Fortalt"))
    add_match(told, nu, score=80)
    assert digest.notify_opened(told.id) == 1
    _db.session.commit()
    missed = _opened(make_need(title="Glemt"))  # its at-once job never ran
    add_match(missed, nu, score=80)
    assert _weekly() == 1
    catch_up = body(to(outbox, nu)[-1])
    assert "Glemt" in catch_up and "Fortalt" not in catch_up
    notices = _db.session.scalars(select(NeedNotice.need_id).order_by(NeedNotice.need_id))
    assert list(notices) == [told.id, missed.id]


def test_nobody_without_current_consent_or_erased_or_who_chose_never_gets_a_digest(
    in_request, app, make_fitting_volunteer, make_need, outbox
):
    need = _opened(make_need())
    withdrawn = make_fitting_volunteer(
        "Trak", consent_version=None, consent_at=None, consent_withdrawn_at=utcnow()
    )
    outdated = make_fitting_volunteer("Gammel", consent_version="2020-01")
    erased = make_fitting_volunteer("Slettet", erased_at=utcnow())
    never = make_fitting_volunteer("Aldrig", needs_email="never")
    for volunteer in (withdrawn, outdated, erased, never):
        add_match(need, volunteer, score=90)
    assert _weekly() == 0
    assert digest.notify_opened(need.id) == 0
    assert outbox.messages() == []


def test_a_long_digest_lists_the_best_and_says_how_many_more_in_english(
    in_request, app, monkeypatch, make_fitting_volunteer, make_need, outbox
):
    monkeypatch.setitem(app.config, "DIGEST_MAX_NEEDS", 2)
    john = make_fitting_volunteer("John", locale="en")
    for n, score in enumerate((60, 90, 80)):
        add_match(_opened(make_need(title=f"Task {n}")), john, score=score)
    _weekly()
    [mail] = to(outbox, john)
    assert mail["Subject"] == "3 new tasks that fit you"
    text = body(mail)
    assert "Task 1" in text and "Task 2" in text and "Task 0" not in text
    assert "… and 1 more on your page." in text and "Hello John" in text


def test_the_worker_runs_the_weekly_digest_on_monday_morning_copenhagen_time(
    app, make_fitting_volunteer, make_need, outbox
):
    from datetime import datetime

    from crm.jobs.queue import huey
    from crm.notifications import tasks

    [job] = [t for t in huey._registry._periodic_tasks if t.__name__ == "weekly_digest"]
    with app.app_context():
        assert job().validate_datetime(datetime(2026, 11, 30, 7, 0))  # Mon 08:00 in Copenhagen
        assert not job().validate_datetime(datetime(2026, 11, 30, 8, 0))
        assert not job().validate_datetime(datetime(2026, 12, 1, 7, 0))  # a Tuesday
    mette = make_fitting_volunteer("Mette")
    add_match(_opened(make_need(title="Ny opgave")), mette, score=80)
    with app.app_context():
        tasks.weekly_digest()  # on the queue, run at once in the tests (QUEUE_IMMEDIATE)
    [mail] = to(outbox, mette)
    assert "Ny opgave" in body(mail)


def test_erasure_forgets_which_needs_were_e_mailed(
    in_request, make_fitting_volunteer, make_need, outbox
):
    from crm.models import DigestMark
    from crm.rights import erasure

    mette = make_fitting_volunteer("Mette")
    add_match(_opened(make_need()), mette, score=80)
    _weekly()
    assert _db.session.scalars(select(NeedNotice)).all() != []
    erasure.erase(_db.session.get(type(mette), mette.id))
    _db.session.commit()
    assert _db.session.scalars(select(NeedNotice)).all() == []
    assert _db.session.scalars(select(DigestMark)).all() == []


def test_a_queue_out_of_reach_does_not_fail_the_save_and_the_week_catches_up(
    app, client, auth, consultant, make_fitting_volunteer, make_project, monkeypatch, outbox
):
    from crm.notifications import tasks

    def unreachable(need_id):
        raise ConnectionError("the queue is down")

    monkeypatch.setattr(tasks, "notify_need_opened", unreachable)
    nu = make_fitting_volunteer("Nu", needs_email="at_once")
    project = make_project()
    auth.login(consultant.email)
    response = client.post(f"/projects/{project.id}/needs/new", data=NEED_FORM)
    assert response.status_code == 302
    assert outbox.messages() == []
    with app.test_request_context():
        assert _weekly() == 1
    assert "Træner i lokaldemokrati" in body(to(outbox, nu)[0])
