"""Backing up and restoring the whole database: SQLite through its online backup API (safe while
the app runs), PostgreSQL through pg_dump (custom format) and pg_restore.

A backup holds special-category personal data, so its file is created readable by its owner
only, and never over an existing file. Both acts are audited without the file's path.

A restore must not undo what the privacy rules promise: people erased after the backup was made
are erased again at once, consent withdrawn since stays withdrawn, deactivated accounts stay
deactivated, every session ends, the audit events since the backup are kept, e-mails that were
waiting in the backup are not sent again by themselves (they are failed, for staff to resend,
since they may have gone out after the backup was made), and the id counters
of volunteers and users never go back, so that nobody created after the restore gets the id of
someone created (and perhaps erased) before it.
"""

import os
import shutil
import sqlite3
import subprocess
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select, text, update
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import SQLAlchemyError

from crm.audit import log as audit
from crm.database import utcnow
from crm.extensions import db


class BackupError(Exception):
    """A backup or restore that cannot be done; the message says why, for the operator."""


@dataclass(frozen=True)
class BackupResult:
    """What a backup or restore did: which kind of database, and the backup file's size."""

    database: str
    size_bytes: int
    erased_again: int = 0
    """People erased after the backup was made, erased again after the restore."""


NEVER_REUSED = ("user", "volunteer")
"""Tables whose ids must never be handed out twice, a restore notwithstanding."""


@dataclass(frozen=True)
class LiveState:
    """What the restore keeps from the database it replaces."""

    erased_ids: list[int]
    high_water: dict[str, int]
    withdrawn_ids: list[int]
    not_sharing_ids: list[int]
    inactive_user_ids: list[int]
    events: list[dict]
    """Every audit event of the replaced database (those newer than the backup's are put back)."""


def backup(path: Path) -> BackupResult:
    """Copy the whole database to a new file at `path` and add a BACKUP event to the session
    (the event is not in the copy: it records that the copy was made)."""
    url = make_url(db.engine.url)
    _create_private(path)
    try:
        if url.get_backend_name() == "sqlite":
            with closing(_connect_sqlite(url)) as source, closing(sqlite3.connect(path)) as copy:
                source.backup(copy)
        elif url.get_backend_name() == "postgresql":
            run_tool("pg_dump", "--format=custom", "--no-password", f"--file={path}", url=url)
        else:
            raise BackupError(f"Backups of {url.get_backend_name()} databases are not supported.")
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    result = BackupResult(url.get_backend_name(), path.stat().st_size)
    audit.record(audit.Action.BACKUP, actor=None, **_details(result))
    return result


def restore(path: Path) -> BackupResult:
    """Replace every table of the database with those of the backup at `path`, then add a
    RESTORE event to the session (the restored database's audit log records the restore)."""
    url = make_url(db.engine.url)
    if url.get_backend_name() == "sqlite":
        _check_sqlite_backup(path)
    kept = _live_state()
    db.session.remove()
    db.engine.dispose()  # no pooled connection of ours holds a lock or a stale schema
    if url.get_backend_name() == "sqlite":
        with closing(sqlite3.connect(path)) as source, closing(_connect_sqlite(url)) as live:
            source.backup(live)
    elif url.get_backend_name() == "postgresql":
        run_tool(
            "pg_restore",
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            "--no-password",
            str(path),
            url=url,
        )
    else:
        raise BackupError(f"Restores of {url.get_backend_name()} databases are not supported.")
    db.engine.dispose()
    _raise_high_water(kept.high_water)
    _put_back_events(kept.events)
    erased_again = _erase_again(kept.erased_ids)
    _replay_since_backup(kept)
    result = BackupResult(url.get_backend_name(), path.stat().st_size, erased_again)
    audit.record(audit.Action.RESTORE, actor=None, erased_again=erased_again, **_details(result))
    return result


def _live_state() -> LiveState:
    """What the database about to be replaced says that the backup may not: who is erased, who
    withdrew consent or stopped sharing with their branch, which accounts are deactivated, the id
    counters, and the audit log."""
    from crm.audit.models import AuditEvent
    from crm.auth.models import User
    from crm.volunteers.models import Volunteer

    def ids(query) -> list[int]:
        return list(db.session.scalars(query))

    events = db.session.execute(select(AuditEvent.__table__).order_by(AuditEvent.id))
    state = LiveState(
        erased_ids=ids(select(Volunteer.id).where(Volunteer.erased_at.is_not(None))),
        high_water={table: _high_water(table) for table in NEVER_REUSED},
        withdrawn_ids=ids(select(Volunteer.id).where(Volunteer.consent_withdrawn_at.is_not(None))),
        not_sharing_ids=ids(select(Volunteer.id).where(Volunteer.share_with_branch.is_(False))),
        inactive_user_ids=ids(select(User.id).where(User.active.is_(False))),
        events=[dict(row._mapping) for row in events],
    )
    db.session.rollback()
    return state


def _put_back_events(events: list[dict]) -> None:
    """Append the replaced database's audit events that are newer than the backup's last one:
    a restore never shortens the audit log."""
    from crm.audit.models import AuditEvent

    newest = db.session.scalar(select(func.max(AuditEvent.id))) or 0
    newer = [event for event in events if event["id"] > newest]
    if newer:
        db.session.execute(AuditEvent.__table__.insert(), newer)
        if db.engine.dialect.name == "postgresql":
            db.session.execute(
                text("SELECT setval(pg_get_serial_sequence('audit_event', 'id'), :id)"),
                {"id": newer[-1]["id"]},
            )
    db.session.commit()


def _replay_since_backup(kept: LiveState) -> None:
    """Bring back what happened since the backup that must not be undone: consent withdrawn,
    sharing with the branch stopped, accounts deactivated; and end every session, so no
    cookie of before the restore (a logout or password change undone) opens anything."""
    from crm.auth.models import User
    from crm.auth.sessions import LoginSession
    from crm.matches.consent import consent_withdrawn
    from crm.outbox.models import OutboxMessage, OutboxStatus
    from crm.volunteers import consents
    from crm.volunteers.models import Volunteer

    for volunteer in db.session.scalars(
        select(Volunteer).where(
            Volunteer.id.in_(kept.withdrawn_ids), Volunteer.consent_withdrawn_at.is_(None)
        )
    ):
        consents.withdraw(volunteer)
        consent_withdrawn(volunteer, None)
    for volunteer in db.session.scalars(
        select(Volunteer).where(
            Volunteer.id.in_(kept.not_sharing_ids), Volunteer.share_with_branch.is_(True)
        )
    ):
        consents.set_branch_sharing(volunteer, False)
    db.session.execute(update(User).where(User.id.in_(kept.inactive_user_ids)).values(active=False))
    db.session.execute(
        update(LoginSession)
        .where(LoginSession.ended_at.is_(None))
        .values(ended_at=utcnow(), end_reason="restore")
    )
    db.session.execute(  # they may have gone out since the backup: staff decide, not the worker
        update(OutboxMessage)
        .where(OutboxMessage.status.in_([OutboxStatus.PENDING, OutboxStatus.SENDING]))
        .values(status=OutboxStatus.FAILED, last_error="restored from a backup")
    )
    db.session.commit()


def _high_water(table: str) -> int:
    """The highest id ever handed out in `table`: the larger of its sequence and its rows."""
    highest = db.session.scalar(select(func.max(db.metadata.tables[table].c.id))) or 0
    if db.engine.dialect.name == "sqlite":
        seq = db.session.scalar(
            text("SELECT seq FROM sqlite_sequence WHERE name = :table"), {"table": table}
        )
    else:
        name = db.session.scalar(
            text("SELECT pg_get_serial_sequence(:t, 'id')"), {"t": f'"{table}"'}
        )
        seq = db.session.scalar(text(f"SELECT last_value FROM {name}")) if name else None
    return max(highest, seq or 0)


def _raise_high_water(high_water: dict[str, int]) -> None:
    """Set each id counter of the restored database to at least the replaced one's."""
    for table, value in high_water.items():
        if value <= _high_water(table):
            continue
        if db.engine.dialect.name == "sqlite":
            db.session.execute(
                text("DELETE FROM sqlite_sequence WHERE name = :table"), {"table": table}
            )
            db.session.execute(
                text("INSERT INTO sqlite_sequence (name, seq) VALUES (:table, :seq)"),
                {"table": table, "seq": value},
            )
        else:
            db.session.execute(
                text("SELECT setval(pg_get_serial_sequence(:t, 'id'), :seq)"),
                {"t": f'"{table}"', "seq": value},
            )
    db.session.commit()


def _erase_again(erased_ids: list[int]) -> int:
    """Erase again whoever the replaced database had erased but the backup still holds."""
    from crm.rights.erasure import erase
    from crm.volunteers.models import Volunteer

    if not erased_ids:
        return 0
    try:
        again = db.session.scalars(
            select(Volunteer).where(Volunteer.id.in_(erased_ids), Volunteer.erased_at.is_(None))
        ).all()
    except SQLAlchemyError:  # a backup from before erasure existed: upgrade, then restore again
        db.session.rollback()
        raise BackupError(
            "The backup is from an older version of the schema. The data is restored, but "
            f"{len(erased_ids)} people erased since must be erased again: run `flask --app crm "
            "db upgrade`, then this restore once more."
        ) from None
    for volunteer in again:
        erase(volunteer, actor=None)
    return len(again)


def _details(result: BackupResult) -> dict:
    return {"database": result.database, "size_bytes": result.size_bytes}


def _create_private(path: Path) -> None:
    """Create the empty backup file, readable and writable by its owner only."""
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except FileExistsError:
        raise BackupError(f"{path} exists already; back up to a new file.") from None
    except OSError as error:
        raise BackupError(f"Cannot create {path}: {error.strerror}.") from None


def _connect_sqlite(url: URL) -> sqlite3.Connection:
    if not url.database or url.database == ":memory:":
        raise BackupError("An in-memory SQLite database cannot be backed up or restored.")
    return sqlite3.connect(url.database)


def _check_sqlite_backup(path: Path) -> None:
    """Refuse a file that is not a sound SQLite backup of this app before touching the data."""
    try:
        with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as backup:
            (check,) = backup.execute("PRAGMA quick_check").fetchone()
            tables = {row[0] for row in backup.execute("SELECT name FROM sqlite_master")}
    except sqlite3.DatabaseError:
        raise BackupError(f"{path} is not an SQLite database.") from None
    if check != "ok" or not {"user", "volunteer", "audit_event"} <= tables:
        raise BackupError(f"{path} is not a sound backup of this application's database.")


def run_tool(tool: str, *arguments: str, url: URL) -> None:
    """Run a PostgreSQL client tool against the database; the password goes in the
    environment, not on the command line where `ps` would show it."""
    program = shutil.which(tool)
    if program is None:
        raise BackupError(
            f"{tool} was not found. Install the PostgreSQL client tools of the server's major "
            "version (Debian: apt-get install postgresql-client) and try again."
        )
    environment = {**os.environ}
    if url.password:
        environment["PGPASSWORD"] = str(url.password)
    dbname = URL.create(
        "postgresql", url.username, None, url.host, url.port, url.database, url.query
    ).render_as_string(hide_password=False)
    completed = subprocess.run(  # noqa: S603 - a fixed program with our own arguments
        [program, *arguments, f"--dbname={dbname}"],
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    if completed.returncode != 0:
        lines = completed.stderr.strip().splitlines()[-5:]
        raise BackupError(f"{tool} failed:\n" + "\n".join(lines))
