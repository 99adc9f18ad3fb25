"""flask backup and restore: backup, change, restore gives back every row of every table.

Each test runs on a scratch database of its own (a fresh SQLite file, or on PostgreSQL a
database created and dropped here), never on the suite's shared one.
"""

import os
import stat
import subprocess
from uuid import uuid4

import pytest
from sqlalchemy import create_engine, select, update
from sqlalchemy.engine import make_url

from crm import create_app
from crm.audit import log as audit
from crm.audit.models import AuditEvent
from crm.auth.models import Role
from crm.backup import BackupError, run_tool
from crm.extensions import db as _db
from crm.models import Volunteer


@pytest.fixture()
def scratch(app, db, tmp_path):
    """An app on a database of its own, with the schema, its context pushed (over the shared
    one of `db`, so the factories write here)."""
    shared = make_url(app.config["DATABASE_URL"])
    if shared.get_backend_name() == "postgresql":
        name = f"{shared.database}_backup_{uuid4().hex[:8]}"
        server = create_engine(shared, isolation_level="AUTOCOMMIT")
        with server.connect() as connection:
            connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
        url = shared.set(database=name).render_as_string(hide_password=False)
    else:
        server, url = None, f"sqlite:///{tmp_path / 'live.sqlite3'}"
    scratch_app = create_app({**app.config, "DATABASE_URL": url})
    with scratch_app.app_context():
        _db.create_all()
        yield scratch_app
        _db.session.remove()
        _db.engine.dispose()
    if server is not None:
        with server.connect() as connection:
            connection.exec_driver_sql(f'DROP DATABASE "{name}" WITH (FORCE)')
        server.dispose()


def every_row() -> dict[str, list]:
    """Every row of every table but the backup's and restore's own audit events."""
    _db.session.rollback()
    rows = {}
    for table in _db.metadata.sorted_tables:
        query = select(table)
        if table.name == "audit_event":
            query = query.where(table.c.action.not_in(["backup", "restore"]))
        rows[table.name] = sorted(map(tuple, _db.session.execute(query).all()), key=repr)
    return rows


def some_data(make_user, make_volunteer, make_branch, make_need) -> Volunteer:
    """Rows in most tables: users, a branch, a volunteer, a project with a need, an event."""
    make_user(Role.CONSULTANT, email="k@example.org", name="Karen Konsulent")
    branch = make_branch()
    volunteer = make_volunteer(first_name="Mette", last_name="Hansen", branch_id=branch.id)
    make_need()
    audit.record(audit.Action.RECORD_VIEWED, volunteer_id=volunteer.id, actor=None)
    _db.session.commit()
    return volunteer


def events(action: str) -> list[AuditEvent]:
    return list(_db.session.scalars(select(AuditEvent).where(AuditEvent.action == action)))


def test_backup_change_restore_gives_back_every_row(
    scratch, tmp_path, make_user, make_volunteer, make_branch, make_need
):
    volunteer = some_data(make_user, make_volunteer, make_branch, make_need)
    before = every_row()
    runner = scratch.test_cli_runner()
    path = tmp_path / "crm.backup"

    backed_up = runner.invoke(args=["backup", str(path)])
    assert backed_up.exit_code == 0, backed_up.output
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    [event] = events("backup")
    assert event.actor_id is None and event.details["size_bytes"] == path.stat().st_size
    assert str(tmp_path) not in repr(event.details)

    _db.session.execute(update(Volunteer).values(first_name="Ændret"))
    _db.session.delete(_db.session.get(Volunteer, volunteer.id))
    make_volunteer(email="ny@example.org", first_name="Ny")
    _db.session.commit()
    assert every_row() != before

    restored = runner.invoke(args=["restore", str(path), "--yes"])
    assert restored.exit_code == 0, restored.output
    assert every_row() == before
    assert [e.details["database"] for e in events("restore")] == [
        make_url(scratch.config["DATABASE_URL"]).get_backend_name()
    ]
    # the backup's own event was made after the copy, and a restore never shortens the log
    assert len(events("backup")) == 1


def test_restore_asks_first_and_no_changes_nothing(scratch, tmp_path, make_volunteer):
    make_volunteer(first_name="Mette")
    runner = scratch.test_cli_runner()
    path = tmp_path / "crm.backup"
    assert runner.invoke(args=["backup", str(path)]).exit_code == 0
    make_volunteer(first_name="Efter")
    _db.session.commit()
    before = every_row()
    answer = runner.invoke(args=["restore", str(path)], input="n\n")
    assert answer.exit_code != 0 and "replaces all data" in answer.output
    assert every_row() == before and events("restore") == []


def test_backup_never_overwrites_a_file(scratch, tmp_path):
    path = tmp_path / "crm.backup"
    path.write_text("an older backup")
    result = scratch.test_cli_runner().invoke(args=["backup", str(path)])
    assert result.exit_code != 0 and "exists already" in result.output
    assert path.read_text() == "an older backup" and events("backup") == []


def test_restore_refuses_a_file_that_is_not_a_backup(scratch, tmp_path, make_volunteer):
    make_volunteer(first_name="Mette")
    before = every_row()
    path = tmp_path / "notes.txt"
    path.write_text("not a backup " * 200)
    result = scratch.test_cli_runner().invoke(args=["restore", str(path), "--yes"])
    assert result.exit_code != 0
    assert "not an SQLite database" in result.output or "pg_restore failed" in result.output
    assert every_row() == before


def test_missing_postgresql_tools_are_named(monkeypatch):
    monkeypatch.setattr("crm.backup.shutil.which", lambda tool: None)
    with pytest.raises(BackupError, match="pg_restore was not found.*postgresql-client"):
        run_tool("pg_restore", "--clean", url=make_url("postgresql+psycopg://crm@db/crm"))


def test_the_postgresql_password_stays_off_the_command_line(monkeypatch):
    seen = {}

    def run(arguments, env, **options):
        seen.update(arguments=arguments, password=env.get("PGPASSWORD"))
        return subprocess.CompletedProcess(arguments, 0, "", "")

    monkeypatch.setattr("crm.backup.shutil.which", lambda tool: "/usr/bin/" + tool)
    monkeypatch.setattr("crm.backup.subprocess.run", run)
    run_tool("pg_dump", url=make_url("postgresql+psycopg://crm:hemmeligt@db:5433/crm"))
    assert seen["password"] == "hemmeligt"
    assert seen["arguments"] == ["/usr/bin/pg_dump", "--dbname=postgresql://crm@db:5433/crm"]


def test_someone_erased_after_the_backup_stays_erased_after_the_restore(
    scratch, tmp_path, make_user, make_volunteer, make_branch, make_need
):
    from crm.rights.erasure import erase

    volunteer_id = some_data(make_user, make_volunteer, make_branch, make_need).id
    runner = scratch.test_cli_runner()
    path = tmp_path / "crm.backup"
    assert runner.invoke(args=["backup", str(path)]).exit_code == 0
    erase(_db.session.get(Volunteer, volunteer_id))
    _db.session.commit()

    restored = runner.invoke(args=["restore", str(path), "--yes"])
    assert restored.exit_code == 0, restored.output
    assert "Erased again 1 people" in restored.output
    _db.session.rollback()
    back = _db.session.get(Volunteer, volunteer_id)
    assert back.erased_at is not None
    assert (back.first_name, back.last_name, back.user_id) == ("", "", None)
    assert "Mette" not in repr(every_row())
    [event] = events("restore")
    assert event.details["erased_again"] == 1


def test_ids_handed_out_after_the_backup_are_not_handed_out_again(
    scratch, tmp_path, make_user, make_volunteer, make_branch, make_need
):
    some_data(make_user, make_volunteer, make_branch, make_need)
    runner = scratch.test_cli_runner()
    path = tmp_path / "crm.backup"
    assert runner.invoke(args=["backup", str(path)]).exit_code == 0
    later = make_volunteer(email="later@example.org", first_name="Senere")
    later_ids = (later.id, later.user_id)

    assert runner.invoke(args=["restore", str(path), "--yes"]).exit_code == 0
    _db.session.rollback()
    assert _db.session.get(Volunteer, later_ids[0]) is None  # not in the backup
    newest = make_volunteer(email="newest@example.org", first_name="Nyeste")
    assert newest.id > later_ids[0] and newest.user_id > later_ids[1]


def test_a_restore_keeps_what_happened_since_the_backup(
    app, scratch, tmp_path, make_user, make_volunteer, make_branch, make_need
):
    """Consent withdrawn, sharing stopped and an account deactivated after the backup stay so;
    the audit events since the backup stay in the log; every session ends."""
    from crm.auth.models import User
    from crm.auth.sessions import LoginSession
    from crm.volunteers import consents

    volunteer = some_data(make_user, make_volunteer, make_branch, make_need)
    volunteer.share_with_branch = True
    sharer = make_volunteer(email="deler@example.org", share_with_branch=True)
    staff = make_user(Role.CONSULTANT, email="k2@example.org")
    ids = (volunteer.id, sharer.id, staff.id)
    _db.session.add(LoginSession(user_id=staff.id, token_hash="x" * 64))
    _db.session.commit()
    runner = scratch.test_cli_runner()
    path = tmp_path / "crm.backup"
    assert runner.invoke(args=["backup", str(path)]).exit_code == 0

    consents.withdraw(_db.session.get(Volunteer, ids[0]))
    consents.set_branch_sharing(_db.session.get(Volunteer, ids[1]), False)
    _db.session.get(User, ids[2]).active = False
    audit.record(audit.Action.RECORD_VIEWED, volunteer_id=ids[1], actor=None)
    _db.session.commit()

    assert runner.invoke(args=["restore", str(path), "--yes"]).exit_code == 0
    _db.session.rollback()
    withdrawn, sharer = _db.session.get(Volunteer, ids[0]), _db.session.get(Volunteer, ids[1])
    assert withdrawn.consent_withdrawn_at is not None and withdrawn.consent_at is None
    assert withdrawn.share_with_branch is False and sharer.share_with_branch is False
    assert _db.session.get(User, ids[2]).active is False
    assert [e.volunteer_id for e in events("record_viewed")] == [ids[0], ids[1]]
    assert _db.session.scalar(select(LoginSession).where(LoginSession.ended_at.is_(None))) is None


def test_the_public_pages_show_the_restored_projects_at_once(scratch, tmp_path, make_need):
    from crm.models import Project

    need = make_need()
    runner, visitor = scratch.test_cli_runner(), scratch.test_client()
    path = tmp_path / "crm.backup"
    assert runner.invoke(args=["backup", str(path)]).exit_code == 0
    _db.session.get(Project, need.project_id).title = "Omdøbt efter backup"
    _db.session.commit()
    assert "Omdøbt efter backup" in visitor.get("/").get_data(as_text=True)
    assert runner.invoke(args=["restore", str(path), "--yes"]).exit_code == 0
    html = visitor.get("/").get_data(as_text=True)
    assert "Lokaldemokrati i Kenya" in html and "Omdøbt" not in html


def test_e_mails_waiting_in_the_backup_are_not_sent_again_by_themselves(
    scratch, tmp_path, make_user, make_volunteer, make_branch, make_need
):
    from crm.outbox.delivery import deliver_due
    from crm.outbox.models import OutboxMessage, OutboxStatus
    from crm.outbox.writer import queue_mail

    some_data(make_user, make_volunteer, make_branch, make_need)
    message_id = queue_mail("mette@example.org", "Venter", "Tekst", kind="contact").id
    _db.session.info.clear()  # no worker wakes up: it is still waiting when the backup is made
    _db.session.commit()
    runner = scratch.test_cli_runner()
    path = tmp_path / "crm.backup"
    assert runner.invoke(args=["backup", str(path)]).exit_code == 0
    restored = runner.invoke(args=["restore", str(path), "--yes"])
    assert restored.exit_code == 0, restored.output
    _db.session.rollback()
    back = _db.session.get(OutboxMessage, message_id)
    assert (back.status, back.last_error) == (OutboxStatus.FAILED, "restored from a backup")
    with scratch.test_request_context():
        assert deliver_due().sent == 0
