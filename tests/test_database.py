"""The database layer: SQLite pragmas and UTC timestamps."""

from datetime import UTC, datetime

import pytest
from sqlalchemy import text

from crm.auth.models import Role, User


def test_sqlite_runs_with_foreign_keys_wal_and_busy_timeout(db):
    if db.engine.dialect.name != "sqlite":
        pytest.skip("SQLite only")
    assert db.session.execute(text("PRAGMA foreign_keys")).scalar() == 1
    assert db.session.execute(text("PRAGMA journal_mode")).scalar() == "wal"
    assert db.session.execute(text("PRAGMA busy_timeout")).scalar() == 5000


def test_timestamps_come_back_as_aware_utc(db, make_user):
    user = make_user(Role.CONSULTANT)
    db.session.expire_all()
    created = db.session.get(User, user.id).created_at
    assert created.tzinfo is not None
    assert abs((datetime.now(UTC) - created).total_seconds()) < 60


def test_naive_datetimes_are_refused(db, make_user):
    user = make_user()
    user.last_login_at = datetime(2027, 1, 1, 12, 0)
    with pytest.raises(Exception, match="naive datetime"):
        db.session.commit()
    db.session.rollback()
