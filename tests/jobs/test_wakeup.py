"""The worker is woken when the transaction that wrote an e-mail commits: the outermost one, not
a savepoint inside it (crm/jobs/wakeup.py). Each test writes before its savepoint, so that the
savepoint is nested in a transaction on SQLite too (pysqlite begins one only at a write)."""

from sqlalchemy import select

from crm.outbox.models import OutboxMessage, OutboxStatus
from crm.outbox.writer import queue_mail


def statuses(db) -> list[str]:
    return list(db.session.scalars(select(OutboxMessage.status).order_by(OutboxMessage.id)))


def test_an_e_mail_asked_for_before_a_savepoint_is_rolled_back_goes_out_at_the_commit(
    app, db, outbox
):
    with app.test_request_context():
        queue_mail("aase@example.org", "Hej", "Tekst", kind="contact")
        savepoint = db.session.begin_nested()  # as the retention dry run counts and takes back
        savepoint.rollback()
        db.session.commit()
        assert statuses(db) == [OutboxStatus.SENT]
    assert [m["To"] for m in outbox.messages()] == ["aase@example.org"]


def test_an_e_mail_asked_for_in_a_savepoint_waits_for_the_whole_transaction(
    app, db, outbox, monkeypatch
):
    from crm.jobs import tasks

    woken = []
    monkeypatch.setattr(tasks, "deliver_messages", woken.extend)
    with app.test_request_context():
        queue_mail("aase@example.org", "Hej", "Tekst", kind="contact")
        with db.session.begin_nested():
            queue_mail("bo@example.org", "Hej", "Tekst", kind="contact")
        assert woken == []  # the savepoint's end is no commit: nobody could read them yet
        db.session.commit()
    assert len(woken) == 2


def test_a_commit_that_wrote_many_e_mails_wakes_the_worker_once(app, db, monkeypatch):
    from crm.jobs import tasks

    jobs = []
    monkeypatch.setattr(tasks, "deliver_messages", jobs.append)
    with app.test_request_context():
        ids = [queue_mail(f"v{i}@example.org", "Hej", "Tekst", kind="contact").id for i in range(5)]
        db.session.commit()
    assert jobs == [ids]  # one job for the shortlist, not one queue write per recipient
